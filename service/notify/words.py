"""A notification's title in Persian and English, built once when it is written (the inbox, the digest
and the webhook all show the same words): Jalali dates and Persian digits in Persian."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from service.notify.kinds import Kind
from service.portal.i18n import jdate, value_label

# agreement steps (cypher/agreement/steps_awaiting.cypher's `step`) as the one who must act reads them
STEPS: dict[str, tuple[str, str]] = {
    "performance_reported": ("تحویل گزارش‌شده، منتظر پذیرش یا اعتراض شما", "delivery reported, awaiting your acceptance or dispute"),
    "settlement_recorded": ("پرداخت ثبت‌شده، منتظر تأیید شما", "payment recorded, awaiting your confirmation"),
    "order_placed": ("سفارش ثبت‌شده، منتظر پذیرش شما", "order placed, awaiting your acceptance"),
    "signature_awaited": ("دیگر طرف‌ها امضا کرده‌اند، امضای شما مانده است", "signed by other parties, awaiting your signature"),
}


@lru_cache(maxsize=8192)
def jalali_fa(iso: str | None) -> str:
    """Jalali with Persian digits, cached: a sweep converts the same few hundred due dates tens of
    thousands of times (at city scale, 82k conversions were 70% of building the notes)."""
    return jdate("fa", iso)


def _fa_number(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def _q(text: str | None) -> str:
    return f"«{text or '—'}»"


def titles(kind: Kind, *, subject: str | None = None, sender: str = "", receiver: str = "", due: str | None = None,
           status: str | None = None, by: str = "", days: int = 0, step: str | None = None,
           since: str | None = None) -> tuple[str, str]:  # fmt: skip
    """(Persian, English) for one notification; ``subject`` is the record's own title."""
    due_fa, due_en = jalali_fa(due), (due or "")
    if kind == Kind.REQUEST_NEW:
        return (f"درخواست تازه از {sender}: {_q(subject)}" + (f"، سررسید {due_fa}" if due else ""),
                f"New request from {sender}: “{subject}”" + (f", due {due_en}" if due else ""))  # fmt: skip
    if kind == Kind.REQUEST_MOVED:
        return (f"درخواست {_q(subject)} «{value_label('fa', status)}» شد" + (f" ({by})" if by else ""),
                f"Request “{subject}” is now {value_label('en', status)}" + (f" ({by})" if by else ""))  # fmt: skip
    if kind == Kind.REQUEST_DUE_SOON:
        return (f"سررسید درخواست {_q(subject)} نزدیک است: {due_fa}", f"Request “{subject}” is due soon: {due_en}")
    if kind == Kind.REQUEST_OVERDUE:
        return (f"درخواست {_q(subject)} به {receiver} از سررسید {due_fa} گذشته است",
                f"Request “{subject}” to {receiver} is past its due date {due_en}")  # fmt: skip
    if kind == Kind.REQUEST_ESCALATED:
        return (f"ارجاع: درخواست {_q(subject)} به {receiver} {_fa_number(days)} روز از سررسید {due_fa} گذشته و انجام نشده است",
                f"Escalated: request “{subject}” to {receiver} is {days} days past its due date {due_en}")  # fmt: skip
    if kind == Kind.PLAN_ACTION_LATE:
        return (f"اقدام برنامه {_q(subject)} از سررسید {due_fa} گذشته است", f"Plan action “{subject}” is past its due date {due_en}")
    if kind == Kind.AGREEMENT_STEP_AWAITING:
        fa, en = STEPS.get(step or "", (step or "", (step or "").replace("_", " ")))
        return (f"توافق {_q(subject)}: {fa}" + (f" (از {jalali_fa(since)})" if since else ""),
                f"Agreement “{subject}”: {en}" + (f" (since {since[:10]})" if since else ""))  # fmt: skip
    raise ValueError(f"unknown notification kind {kind}")


def days_between(earlier: str, later: dt.date) -> int:
    return (later - dt.date.fromisoformat(earlier[:10])).days
