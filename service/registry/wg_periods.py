"""The Jalali periods transparency reports cover: a year, a half or a quarter, as Gregorian day bounds
(for counting the meetings and decisions inside) and as Persian and English labels."""

from __future__ import annotations

import datetime as dt

import jdatetime

from service.domain.enums import ReportPeriod
from service.text.jalali import jalali_year_bounds

# first and last Jalali month of each period
MONTHS: dict[str, tuple[int, int]] = {
    "year": (1, 12), "h1": (1, 6), "h2": (7, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
}  # fmt: skip
LABEL_FA = {"year": "سال", "h1": "نیمهٔ نخست", "h2": "نیمهٔ دوم", "q1": "سه‌ماههٔ نخست", "q2": "سه‌ماههٔ دوم",
            "q3": "سه‌ماههٔ سوم", "q4": "سه‌ماههٔ چهارم"}  # fmt: skip
LABEL_EN = {"year": "year", "h1": "first half", "h2": "second half", "q1": "first quarter", "q2": "second quarter",
            "q3": "third quarter", "q4": "fourth quarter"}  # fmt: skip
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of ``period`` of Jalali ``year``."""
    first_month, last_month = MONTHS[ReportPeriod(period).value]
    if (first_month, last_month) == (1, 12):
        return jalali_year_bounds(year)
    first = jdatetime.date(year, first_month, 1).togregorian()
    after = jdatetime.date(year + 1, 1, 1) if last_month == 12 else jdatetime.date(year, last_month + 1, 1)
    return first, after.togregorian() - dt.timedelta(days=1)


def label_fa(year: int, period: str) -> str:
    """e.g. «نیمهٔ نخست ۱۴۰۵», «سال ۱۴۰۴»."""
    return f"{LABEL_FA[period]} {str(year).translate(PERSIAN_DIGITS)}"


def label_en(year: int, period: str) -> str:
    return f"{LABEL_EN[period]} of {year}" if period != "year" else f"year {year}"
