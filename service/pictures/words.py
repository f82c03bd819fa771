"""Everything the picture pages say about a record, in Persian: vocabularies (agency kinds, levels,
statuses, classes), Persian digits, Jalali dates and rials, as the portal shows them."""

from __future__ import annotations

from service.portal.i18n import VALUES
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


def word(value: object) -> str:
    """A closed-vocabulary value in Persian (the code itself only if nothing is known)."""
    text = str(value or "")
    for table in (KINDS, LEVELS, EXCHANGE_KINDS, CLASSES, EXTRA):
        if text in table:
            return table[text]
    return VALUES[text][0] if text in VALUES else text


def num(value: float, decimals: int = 0) -> str:
    """Persian digits with the Persian thousands (٬) and decimal (٫) separators."""
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))


def rials(amount: float | None) -> str:
    return f"{num(amount)} ریال" if amount else ""


def jdate(iso: str | None) -> str:
    """A stored date shown in the Jalali calendar with Persian digits ('' when unreadable)."""
    try:
        return to_persian_digits(to_jalali(iso) or "") if iso else ""
    except ValueError:
        return ""


def fa(text: object) -> str:
    """Free text or numbers inside Persian sentences, digits made Persian."""
    return to_persian_digits(str(text))
