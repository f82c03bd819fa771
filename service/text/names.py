"""An agency picked by what a person types: its id, its whole name, or part of it, compared by the
search key (Arabic ي/ك, ZWNJ, spacing, digits) so «آب و فاضلاب» finds «شرکت آب و فاضلاب مشهد»."""

from __future__ import annotations

from service.text.persian import search_key, to_persian_digits


def find_agency(text: str, agencies: dict[str, str], lang: str = "fa") -> tuple[str | None, str | None]:
    """(id, None) for an id or a name that names one agency; (None, message in ``lang``) otherwise."""
    if text in agencies:
        return text, None
    key = search_key(text)
    exact = [i for i, n in agencies.items() if search_key(n) == key]
    found = exact or [i for i, n in agencies.items() if key in search_key(n)]
    if len(found) == 1:
        return found[0], None
    if not found:
        return None, f"No agency is named “{text}”." if lang == "en" else f"دستگاهی با نام «{text}» پیدا نشد."
    if lang == "en":
        more_en = f" and {len(found) - 5} more" if len(found) > 5 else ""
        return None, f"Several agencies have this name: {', '.join(agencies[i] for i in found[:5])}{more_en}. Write more of the name."
    names = "، ".join(agencies[i] for i in found[:5])
    more = f" و {to_persian_digits(str(len(found) - 5))} دستگاه دیگر" if len(found) > 5 else ""
    return None, f"چند دستگاه با این نام هست: {names}{more}. نام را کامل‌تر بنویسید."
