"""A small Persian normaliser: the search form of a text, stored beside the original.

Libraries each miss cases (FIELD-NOTES.md): this does NFKC, one translate table for
Arabic letter forms, diacritics, digits, ZWNJ and invisible controls, then casefolds.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = {
    "ي": "ی", "ى": "ی", "ے": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه",
    "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
}  # fmt: skip
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
_PUNCT = {"٫": ".", "٬": "", "،": ",", "؛": ";", "؟": "?"}
# Diacritics (harakat, tanvin, shadda, sukun, superscript alef), hamza marks, kashida.
_DROP = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0654", "\u0655", "\u0640"]
# Bidi controls can disguise text (Trojan Source); other invisibles break matching.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_INVISIBLE = BIDI_CONTROLS + "\u200b\u200d\u2060\ufeff\u00ad"

_TABLE = str.maketrans(
    _LETTERS | _DIGITS | _PUNCT | {"\u200c": " "} | {ch: None for ch in _DROP + list(_INVISIBLE)}
)
# the same table as a regex: most characters need no change, and re finds the few that do in C
# (2.7x faster than str.translate on titles and descriptions, which imports run by the hundred thousand)
_REPLACEMENTS = {chr(code): value or "" for code, value in _TABLE.items()}
_TO_REPLACE = re.compile("[" + "".join(re.escape(ch) for ch in _REPLACEMENTS) + "]")
_SPACES = re.compile(r"\s+")
_STRIP_BIDI = str.maketrans({ch: None for ch in BIDI_CONTROLS})


def normalize(text: str | None) -> str:
    """The search form: comparable across Arabic/Persian letter forms, digits, ZWNJ and case."""
    if not text:
        return ""
    text = _TO_REPLACE.sub(_replacement, unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text).strip().casefold()


def words_of(text: str | None) -> list[str]:
    """``normalize(text).split()`` without collapsing the spaces first: ``split`` ignores them as
    ``\\s`` does (both are Unicode's whitespace), and casefolding makes none."""
    if not text:
        return []
    return _TO_REPLACE.sub(_replacement, unicodedata.normalize("NFKC", text)).casefold().split()


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def search_key(text: str | None) -> str:
    """The form searched with ``CONTAINS``: normalised, without spaces, since Persian writers
    join, split or half-space the same word (آبهای, آب های, آب‌های)."""
    return normalize(text).replace(" ", "")


def search_text(*parts: str | None) -> str:
    """One search key over several fields; '|' keeps a match from spanning two fields."""
    return "|".join(k for k in (search_key(p) for p in parts) if k)


_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    """The words the full-text index holds: normalised like ``search_key``, but split at spaces
    and punctuation, with a half-space (ZWNJ) joining its parts (آب‌های and آبهای are one word,
    as they are one word to a Persian reader; آب های, written apart, stays two)."""
    return _WORD.findall(normalize((text or "").replace("\u200c", "")))


def search_words(*parts: str | None) -> str:
    """The stored ``words`` property the full-text index covers, over the same fields as ``search``."""
    return " ".join(w for part in parts for w in words(part))


def clean_label(text: str) -> str:
    """A name or title as stored: bidi controls removed, outer spaces trimmed, letters kept."""
    return unicodedata.normalize("NFC", text).translate(_STRIP_BIDI).strip()


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def to_persian_digits(text: str) -> str:
    """ASCII digits to Persian ones, for display."""
    return text.translate(_PERSIAN_DIGITS)
