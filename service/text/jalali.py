"""Jalali (Solar Hijri) dates in and out: users write ۱۴۰۳/۰۲/۱۵, the store keeps ISO Gregorian."""

from __future__ import annotations

import datetime as dt
import functools
import re

import jdatetime

from service.text.persian import normalize

_JALALI_OR_ISO = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
# Years above this are Gregorian; Jalali years in use are 13xx-14xx.
_GREGORIAN_FROM = 1700


class DateError(ValueError):
    """A date that is neither Jalali nor ISO, or that does not exist."""


# The dates a record may carry: Jalali years 1300 to 1499 (1921-03-21 to 2121-03-20).
# Why: jdatetime cannot show a Gregorian date after 9999-03-20 (a request due 9999-12-31 broke its
# receiver's pages), and no coordination record of a city's agencies is dated before the Solar
# Hijri calendar became official (1304) by more than a few years, or plans beyond a century ahead:
# a date outside this range is a typo (1930 for 1403, 2204 for 2024), not a plan.
FIRST_YEAR, LAST_YEAR = 1300, 1499
FIRST_DAY = jdatetime.date(FIRST_YEAR, 1, 1).togregorian()
LAST_DAY = jdatetime.date(LAST_YEAR + 1, 1, 1).togregorian() - dt.timedelta(days=1)


class DateRangeError(DateError):
    """A real date outside the range records may carry (``FIRST_DAY`` to ``LAST_DAY``)."""


def business_date(text: str) -> dt.date:
    """``parse_date``, then insist on the range both calendars show and records may carry."""
    day = parse_date(text)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateRangeError(
            f"{text!r} is outside the dates the registry keeps: Jalali {FIRST_YEAR}/01/01 to {to_jalali(LAST_DAY)} "
            f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """Accept ``۱۴۰۳/۰۲/۱۵``, ``1403-02-15`` (Jalali) or ``2024-05-04`` (Gregorian).

    Cached: an import repeats the same few hundred dates, and jdatetime asks the locale every time."""
    match = _JALALI_OR_ISO.match(normalize(text))
    if not match:
        raise DateError(f"not a date: {text!r} (use 1403/02/15 or 2024-05-04)")
    year, month, day = (int(g) for g in match.groups())
    try:
        if year >= _GREGORIAN_FROM:
            return dt.date(year, month, day)
        gregorian: dt.date = jdatetime.date(year, month, day).togregorian()
        return gregorian
    except ValueError as exc:
        raise DateError(f"no such date: {text!r} ({exc})") from exc


def stored_day(value: object) -> dt.date | None:
    """The calendar day of a stored value (ISO date or datetime), or None for anything else.

    Readers go through this: a store may hold what an older version, a restore or another
    writer put there (9999-12-31, 0001-01-01, garbage), and a page must still render."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _jalali(day: dt.date) -> jdatetime.date | None:
    try:
        return jdatetime.date.fromgregorian(date=day)
    except (ValueError, OverflowError):  # before the calendar's year 1, or after 9999-03-20
        return None


def to_jalali(value: dt.date | str | None) -> str | None:
    """ISO or date to ``1403/02/15`` (ASCII digits; the UI may switch them to Persian); None when the
    value is no date or the Jalali calendar cannot show it (readers then show the ISO date)."""
    day = stored_day(value)
    jalali = _jalali(day) if day is not None else None
    return jalali.strftime("%Y/%m/%d") if jalali is not None else None


def jalali_year(value: dt.date | str | None) -> int | None:
    """The Solar Hijri year a date falls in (budgets and reports are by Jalali year); None as ``to_jalali``."""
    day = stored_day(value)
    jalali = _jalali(day) if day is not None else None
    return int(jalali.year) if jalali is not None else None


def jalali_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Jalali year (1 to 9376: the calendar's range, found by
    the fuzzer as an internal error)."""
    if not 1 <= year < jdatetime.MAXYEAR:
        raise DateError(f"Jalali year {year} is out of range (1 to {jdatetime.MAXYEAR - 1})")
    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)
    return first, last
