"""The one place a value becomes a spreadsheet cell: every CSV and XLSX the service writes goes through ``cell``.

Two dangers, one function:

- Formula injection (OWASP "CSV injection"): Excel and LibreOffice run a cell that begins with
  ``= + - @``, a tab or a carriage return as a formula (``=HYPERLINK("http://…","click")``). Such a
  text gets a leading ``'``: the spreadsheet shows it as text, a person still reads it, and an
  import of our own workbook takes the ``'`` off again (``uncell``). Numbers stay numbers (a
  negative amount is not text), and a text that is just a number (``-12.5``) is no formula.
- Characters XML 1.0 cannot carry (C0 controls but tab, newline and CR; lone surrogates; U+FFFE/FFFF):
  openpyxl raises on them (``IllegalCharacterError``: a BEL in one title made the whole export a
  500). Input refuses them now; what an older version stored is cleaned here on the way out.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def clean(text: str) -> str:
    """The text without the characters a workbook cannot hold."""
    return _ILLEGAL.sub("", text)


def cell(value: Any) -> Any:
    """A value safe to write into a CSV or XLSX cell: texts cleaned and neutralised, the rest as is."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    if text.startswith(TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def row(values: Any) -> list[Any]:
    """``cell`` over a row."""
    return [cell(v) for v in values]


def uncell(value: Any) -> Any:
    """Reading our own workbook back: the ``'`` that ``cell`` put before a formula character comes off."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value
