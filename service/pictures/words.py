"""Everything the picture pages say about a record: vocabularies (agency kinds, levels, statuses,
classes), Persian digits, Jalali dates and rials, as the portal shows them; on English pages
(``lang="en"``) the English words, Latin digits and Gregorian dates. ``MATRIX`` holds the matrix
pages' phrases (read with :func:`say`)."""

from __future__ import annotations

from service.portal.i18n import VALUES, Lang
from service.site.lang import phrase
from service.text.jalali import to_jalali
from service.text.persian import to_persian_digits

KINDS = {
    "municipal_deputy": "معاونت شهرداری", "district": "منطقهٔ شهرداری", "municipal_organisation": "سازمان شهرداری",
    "government_agency": "دستگاه دولتی", "utility_company": "شرکت خدمات‌رسان", "university": "دانشگاه و پژوهشگاه",
    "knowledge_based_firm": "شرکت دانش‌بنیان", "ngo": "سازمان مردم‌نهاد", "council": "شورا",
    "stakeholder_group": "گروه ذی‌نفع",
}  # fmt: skip
LEVELS = {"headquarters": "ستاد", "organisation": "سازمان", "district": "منطقه", "external": "بیرون از شهرداری"}
EXCHANGE_KINDS = {"financial": "مالی", "service": "خدماتی", "infrastructure": "زیرساختی"}
CLASSES = {"duplication": "دوباره‌کاری", "overlap": "هم‌پوشانی", "fragmentation": "پراکندگی"}
EXTRA = {
    "planned": "برنامه‌ریزی‌شده", "completed": "انجام‌شده", "cancelled": "لغوشده", "lead": "مسئول اصلی",
    "support": "پشتیبان", "member": "عضو", "supervisor": "ناظر", "can_help": "می‌تواند کمک کند",
}  # fmt: skip
RELATIONS = {
    "PART_OF": "زیرمجموعهٔ", "HAS_DUTY": "وظیفه", "OFFERS": "ظرفیت", "NEEDS": "نیاز", "RAISED": "طرح مسئله",
    "CONCERNS": "مسئله دربارهٔ", "GAVE": "ارائهٔ مبادله", "TO": "دریافت مبادله", "SENT": "فرستادن درخواست",
    "ADDRESSED_TO": "درخواست به", "MEMBER_OF": "عضویت در کارگروه", "LINKS": "پیوند",
}  # fmt: skip


def word(value: object, lang: Lang = "fa") -> str:
    """A closed-vocabulary value in Persian (the code itself only if nothing is known); in English
    the portal's English word, else the code as words ("utility_company" -> "utility company")."""
    text = str(value or "")
    if lang == "en":
        return VALUES[text][1] if text in VALUES else text.replace("_", " ")
    for table in (KINDS, LEVELS, EXCHANGE_KINDS, CLASSES, EXTRA):
        if text in table:
            return table[text]
    return VALUES[text][0] if text in VALUES else text


def num(value: float, decimals: int = 0, lang: Lang = "fa") -> str:
    """Persian digits with the Persian thousands (٬) and decimal (٫) separators (Latin in English)."""
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    if lang == "en":
        return text
    return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))


def rials(amount: float | None, lang: Lang = "fa") -> str:
    if not amount:
        return ""
    return f"{num(amount, lang=lang)} rials" if lang == "en" else f"{num(amount)} ریال"


def jdate(iso: str | None, lang: Lang = "fa") -> str:
    """A stored date shown in the Jalali calendar with Persian digits ('' when unreadable); on
    English pages the Gregorian date with the Jalali one beside it: "2024-05-04 (1403/02/15)"."""
    if lang == "en":
        try:
            jalali = to_jalali(iso) if iso else ""
        except ValueError:
            jalali = ""
        return f"{iso[:10]} ({jalali})" if iso and jalali else (iso or "")[:10]
    try:
        return to_persian_digits(to_jalali(iso) or "") if iso else ""
    except ValueError:
        return ""


def fa(text: object) -> str:
    """Free text or numbers inside Persian sentences, digits made Persian."""
    return to_persian_digits(str(text))


MATRIX: dict[str, tuple[str, str]] = {
    "duplication": ("ماتریس موازی‌کاری", "Duplication matrix"),
    "winwin": ("ماتریس برد-برد", "Win-win matrix"),
    "followup": ("ماتریس درخواست‌های باز", "Open-requests matrix"),
    "collaboration": ("ماتریس حجم مبادلات", "Exchange-volume matrix"),
    "agencies": ("{n} دستگاه", "{n} agencies"),
    "evidence_xlsx": ("اکسل شواهد", "Evidence (Excel)"),
    "hover": ("نشانگر را روی یک خانه ببرید تا شواهد آن دیده شود.", "Point at a cell to see its evidence."),
    "no_cell": ("این دستگاه در این ماتریس خانهٔ پُری ندارد.", "This agency has no filled cell in this matrix."),
    "cell": ("از {row} به {col}: {value}", "From {row} to {col}: {value}"),
    "more": ("… و {n} مورد دیگر", "… and {n} more"),
    "finding": ("{cls}: {a} و {b}", "{cls}: {a} and {b}"),
    "score": (" (امتیاز {score})", " (score {score})"),
    "capacity": ("ظرفیت {cap} برای {kind} {target}{net}", "Capacity {cap} for {kind} {target}{net}"),
    "net": ("، سود خالص {value}", ", net gain {value}"),
    "request": ("درخواست «{subject}»: {status}{due}{late}", "Request «{subject}»: {status}{due}{late}"),
    "due": ("، مهلت {date}", ", due {date}"),
    "late": ("، دیرکرد", ", overdue"),
    "exchange": ("مبادلهٔ {kind} {name}{when}{money}", "{kind} exchange {name}{when}{money}"),
    "when": (" در {date}", " on {date}"),
    "unnamed": ("شاهد بی‌نام", "unnamed evidence"),
}


def say(lang: Lang, key: str, **fmt: object) -> str:
    """A matrix page's phrase in ``lang``."""
    return phrase(MATRIX, lang, key, **fmt)
