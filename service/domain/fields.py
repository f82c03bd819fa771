"""Field types shared by the input models: cleaned labels, Jalali-or-ISO dates, rials."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from service.text.jalali import DateRangeError, business_date
from service.text.persian import clean_label, normalize


def _iso_date(value: object) -> object:
    """Jalali or ISO in, ISO out; only dates in the range records keep (``business_date`` says why)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return business_date(value).isoformat()
        except DateRangeError as exc:
            raise PydanticCustomError("date_out_of_range", str(exc)) from None
    return value


# Characters no stored text may hold: C0/C1 controls (openpyxl cannot write them, terminals obey
# them), lone surrogates (no encoding can carry them) and the two XML non-characters.
_ALLOWED_IN_TEXT = frozenset("\n\t")
_INVISIBLE = frozenset(("Cf", "Zs", "Zl", "Zp", "Mn", "Me"))  # format (ZWNJ, bidi…), spaces, combining marks


def _plain(value: str, allowed: frozenset[str]) -> str:
    for ch in value:
        if ch in allowed:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or ch in "\ufffe\uffff":
            code = f"U+{ord(ch):04X}"
            raise PydanticCustomError(
                "control_character", "holds the control character {code}; remove it", {"code": code}
            )
    return value


def _visible(value: str) -> str:
    """A name or title must show something: not only zero-width, bidi or other invisible characters."""
    if value and all(unicodedata.category(ch) in _INVISIBLE or ch.isspace() for ch in value):
        raise PydanticCustomError("invisible_only", "shows nothing: only invisible characters (zero-width, bidi)")
    return value


def _label(value: str) -> str:
    return _visible(clean_label(_plain(value, frozenset())))


def _text(value: str) -> str:
    """Long texts keep newlines and tabs; a browser's CR LF becomes LF first."""
    return clean_label(_plain(value.replace("\r\n", "\n").replace("\r", "\n"), _ALLOWED_IN_TEXT))


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
Label = Annotated[str, AfterValidator(_label), Field(min_length=1, max_length=300)]
Text = Annotated[str, AfterValidator(_text), Field(max_length=20_000)]
Code = Annotated[str, AfterValidator(lambda v: _plain(v, frozenset()).strip()), Field(min_length=1, max_length=40)]
IsoDate = Annotated[str, BeforeValidator(_iso_date)]
Rials = Annotated[int, BeforeValidator(_digits), Field(ge=0, le=10**18)]
JalaliYear = Annotated[int, BeforeValidator(_digits), Field(ge=1300, le=1500)]  # a fiscal year, e.g. 1402
Quantity = Annotated[float, BeforeValidator(_digits), Field(ge=0, allow_inf_nan=False)]
def _known_geography(value: str) -> str:
    """A code of the geography hierarchy the analyses share (city, D1..D13, samen, province, …)."""
    from service.analysis.vocab.geography import geography  # the vocabulary loads on first use

    if value not in geography().parent:
        raise PydanticCustomError("unknown_geography", "unknown geography code '{code}' (e.g. city, D8, samen, province)",
                                  {"code": value})
    return value


GeographyCode = Annotated[str, AfterValidator(str.strip), AfterValidator(_known_geography)]
EntityId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]



def _vocabulary_code(name: str, example: str) -> AfterValidator:
    """A code of one of the shipped flat vocabularies (``service/analysis/vocab/lists.py``)."""

    def check(value: str) -> str:
        from service.analysis.vocab.lists import codes

        if value not in codes(name):
            raise PydanticCustomError("unknown_code", "unknown code '{code}' (e.g. {example})", {"code": value, "example": example})
        return value

    return AfterValidator(check)


IssueSourceCode = Annotated[str, AfterValidator(str.strip), _vocabulary_code("issue_sources", "citizen_survey")]
InnovationCentreCode = Annotated[str, AfterValidator(str.strip), _vocabulary_code("innovation_centres", "civil_transport")]
