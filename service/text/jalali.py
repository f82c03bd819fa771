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


def to_jalali(value: dt.date | str | None) -> str | None:
    """ISO or date to ``1403/02/15`` (ASCII digits; the UI may switch them to Persian)."""
    if value is None or value == "":
        return None
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return str(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))


def jalali_year(value: dt.date | str) -> int:
    """The Solar Hijri year a date falls in (budgets and reports are by Jalali year)."""
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return int(jdatetime.date.fromgregorian(date=day).year)


def jalali_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Jalali year (1 to 9376: the calendar's range, found by
    the fuzzer as an internal error)."""
    if not 1 <= year < jdatetime.MAXYEAR:
        raise DateError(f"Jalali year {year} is out of range (1 to {jdatetime.MAXYEAR - 1})")
    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)
    return first, last
