"""Tokens for matching Persian (and English) municipal text: the project's normaliser, then a light
stemmer for plural, adjectival and nominal suffixes, so «پارک‌ها», «پارکهای» and «پارک» meet.

It is deliberately light (no dictionary): both sides of every comparison (labels in the thesaurus and
the text of a duty) go through the same function, so an over-cut stem still matches its own kind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.text.persian import normalize

_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# whole tokens that carry no meaning once ZWNJ became a space (plural and ezafe endings written apart,
# the verbal prefix می) and common function words
STOP = frozenset(
    ["ها", "های", "هایی", "ی", "ای", "ایی", "تر", "ترین", "می", "نمی", "و", "در", "به", "از", "با", "برای", "که", "را", "این", "آن", "تا", "بر", "هر", "یا", "جهت", "نیز", "خود", "همه", "شده", "شود", "می\u200cشود", "است", "هستند", "بود", "توسط", "طریق", "سایر", "دیگر", "ویژه", "به\u200cویژه", "بویژه", "مانند", "همچنین", "the", "of", "and", "in", "for", "to", "a", "an", "on", "by", "with", "at", "from", "its", "their", "all", "any"]  # noqa: E501 - one list, one line
)  # fmt: skip
# longest first; the number is the shortest stem a cut may leave
_SUFFIXES = (("هایی", 2), ("های", 2), ("ها", 3), ("ترین", 3), ("گان", 4), ("ات", 4), ("ان", 4), ("یی", 3), ("ی", 3))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """One token's stem: at most two suffixes cut (``فرهنگیان`` → ``فرهنگی`` → ``فرهنگ``)."""
    if token.isascii():
        if len(token) > 4 and token.endswith("ies"):
            token = token[:-3] + "y"
        elif len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        if len(token) > 7 and token.endswith("ing"):  # "maintaining", not "parking" (→ "park")
            token = token[:-3]
        elif len(token) > 5 and token.endswith("ed"):
            token = token[:-2]
        return token[:-1] if len(token) > 4 and token.endswith("e") else token
    for _ in range(2):
        for suffix, keep in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= keep:
                token = token[: -len(suffix)] + ("ه" if suffix == "گان" else "")
                break
        else:
            break
    return token


def tokens(text: str | None) -> list[str]:
    """Normalised, stemmed tokens of a text, function words and detached suffixes left out."""
    return [stem(t) for t in _WORD.findall(normalize(text)) if t not in STOP]
