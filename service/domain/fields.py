"""Field types shared by the input models: cleaned labels, Jalali-or-ISO dates, rials."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from service.text.jalali import parse_date
from service.text.persian import clean_label, normalize


def _iso_date(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return parse_date(value).isoformat()
    return value


def _digits(value: object) -> object:
    """Let '۱۲۰٬۰۰۰' or '120,000' through as a number."""
    if isinstance(value, str):
        return normalize(value).replace(",", "").replace(" ", "")
    return value


def _known_function(code: str) -> str:
    from service.data.taxonomy import functions

    if code not in functions():
        raise ValueError(f"{code!r} is not a COFOG division or group (e.g. 06 or 06.2)")
    return code


FunctionCode = Annotated[str, AfterValidator(str.strip), AfterValidator(_known_function)]
Label = Annotated[str, AfterValidator(clean_label), Field(min_length=1, max_length=300)]
Text = Annotated[str, AfterValidator(clean_label), Field(max_length=20_000)]
Code = Annotated[str, AfterValidator(str.strip), Field(min_length=1, max_length=40)]
IsoDate = Annotated[str, BeforeValidator(_iso_date)]
Rials = Annotated[int, BeforeValidator(_digits), Field(ge=0, le=10**18)]
JalaliYear = Annotated[int, BeforeValidator(_digits), Field(ge=1300, le=1500)]  # a fiscal year, e.g. 1402
Quantity = Annotated[float, BeforeValidator(_digits), Field(ge=0)]
EntityId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]
