"""The portal's words in Persian and English, and how dates and numbers are shown in each.

Persian is the default; ``?lang=en`` switches. Kept in one small dictionary so a missing
translation is a KeyError in the tests rather than a silently English page.
"""

from __future__ import annotations

from typing import Literal

from service.text.jalali import to_jalali
from service.text.persian import to_persian_digits

Lang = Literal["fa", "en"]
LANGS: tuple[Lang, ...] = ("fa", "en")

WORDS: dict[str, tuple[str, str]] = {
    "app": ("هماهنگ — درگاه دستگاه‌ها", "Hamahang — agency portal"),
    "switch": ("English", "فارسی"),
    "sign_in": ("ورود", "Sign in"),
    "sign_in_title": ("ورود با توکن دستگاه", "Sign in with your agency token"),
    "sign_in_help": (
        "توکنی را که دبیرخانهٔ هماهنگی برای دستگاه شما ساخته است وارد کنید.",
        "Paste the token the coordination directorate made for your agency.",
    ),
    "token": ("توکن دستگاه", "Agency token"),
    "sign_out": ("خروج", "Sign out"),
    "dashboard": ("پیشخوان", "Dashboard"),
    "agency": ("دستگاه", "Agency"),
    "requests_sent": ("درخواست‌های فرستاده", "Requests sent"),
    "requests_received": ("درخواست‌های رسیده", "Requests received"),
    "subject": ("موضوع", "Subject"),
    "to": ("به", "To"),
    "from": ("از", "From"),
    "status": ("وضعیت", "Status"),
    "due": ("مهلت", "Due"),
    "filed": ("تاریخ ثبت", "Filed"),
    "overdue": ("دیرکرد", "overdue"),
    "capacities": ("ظرفیت‌های دستگاه", "Capacities"),
    "needs": ("نیازهای دستگاه", "Needs"),
    "issues_raised": ("مسائلی که دستگاه مطرح کرده", "Issues raised"),
    "issues_about": ("مسائلی که دربارهٔ دستگاه مطرح شده", "Issues raised about us"),
    "opportunities": ("فرصت‌های برد-برد", "Win-win opportunities"),
    "title": ("عنوان", "Title"),
    "kind": ("نوع", "Kind"),
    "quantity": ("مقدار", "Quantity"),
    "window": ("بازهٔ زمانی", "Window"),
    "severity": ("شدت", "Severity"),
    "category": ("دسته", "Category"),
    "raised_by": ("مطرح‌کننده", "Raised by"),
    "concerns": ("دستگاه‌های طرف مسئله", "Agencies concerned"),
    "agencies": ("دستگاه‌ها", "Agencies"),
    "gives": ("می‌دهد", "gives"),
    "private_target": ("یک رکورد خصوصیِ «{agency}»", "a private record of {agency}"),
    "chosen": ("در بهترین مجموعه", "in the best set"),
    "your_share": ("سهم شما: سود {gains} ریال، هزینه {gives} ریال", "Your share: gains {gains} rials, costs {gives} rials"),
    "you_carry": ("هزینهٔ این فرصت بیش از سودش بر دوش شماست", "You carry more of this opportunity's cost than you gain"),
    "in_place": ("از پیش در جریان", "Already arranged"),
    "in_place_by": ("با «{record}»", "by «{record}»"),
    "none": ("موردی نیست.", "Nothing here."),
    "new_request": ("ثبت درخواست", "File a request"),
    "new_capacity": ("ثبت ظرفیت", "Register a capacity"),
    "new_need": ("ثبت نیاز", "Register a need"),
    "new_issue": ("طرح مسئله", "Raise an issue"),
    "submit": ("ثبت", "Submit"),
    "optional": ("اختیاری", "optional"),
    "date_hint": ("تاریخ شمسی، نمونه: ۱۴۰۴/۰۲/۱۵", "Jalali date, e.g. 1404/02/15"),
    "choose": ("— انتخاب کنید —", "— choose —"),
    "request": ("درخواست", "Request"),
    "body": ("شرح", "Details"),
    "about": ("دربارهٔ", "About"),
    "history": ("گردش کار", "Workflow history"),
    "move": ("گام بعدی", "Next step"),
    "move_to": ("انتقال به", "Move to"),
    "comment": ("توضیح", "Comment"),
    "pick_status": ("وضعیت بعدی را انتخاب کنید.", "Choose the next status."),
    "move_button": ("ثبت گام", "Record the step"),
    "no_moves": ("گامی برای دستگاه شما در این وضعیت نیست.", "Your agency has no step to take at this status."),
    "by": ("توسط", "by"),
    "form_errors": ("فرم خطا دارد؛ خطاها کنار هر فیلد آمده است.", "The form has errors; see each field."),
    "titleFa": ("عنوان (فارسی)", "Title (Persian)"),
    "titleEn": ("عنوان (انگلیسی)", "Title (English)"),
    "descriptionFa": ("شرح", "Description"),
    "unit": ("واحد", "Unit"),
    "location": ("محل", "Location"),
    "availableFrom": ("در دسترس از", "Available from"),
    "availableTo": ("در دسترس تا", "Available to"),
    "costRials": ("هزینه (ریال)", "Cost (rials)"),
    "neededFrom": ("نیاز از", "Needed from"),
    "neededTo": ("نیاز تا", "Needed to"),
    "valueRials": ("ارزش (ریال)", "Value (rials)"),
    "receiverId": ("دستگاه گیرنده", "Receiving agency"),
    "aboutId": ("دربارهٔ (ظرفیت، نیاز یا مسئله)", "About (capacity, need or issue)"),
    "dueDate": ("مهلت پاسخ", "Due date"),
    "concernsIds": ("دستگاه‌های طرف مسئله", "Agencies concerned"),
    "raisedOn": ("تاریخ طرح", "Raised on"),
    "source": ("منبع اطلاعاتی", "Information source"),
    "committee": ("تصمیم کمیته", "Committee's decision"),
    "priority": ("اولویت", "priority"),
    "level": ("سطح گردآوری", "Collected at"),
    "their_capacities": ("ظرفیت‌های دستگاه‌های دیگر", "Other agencies' capacities"),
    "our_needs": ("نیازهای ما", "Our needs"),
    "our_issues": ("مسائل ما", "Our issues"),
    "picker_placeholder": ("نام دستگاه…", "Agency name…"),
    "picker_hint": ("چند حرف از نام دستگاه را بنویسید و از فهرست برگزینید.", "Type part of the agency's name and pick it from the list."),
    "show_capacities": ("نمایش ظرفیت‌های این گیرنده در «دربارهٔ»", "List this receiver's capacities under «About»"),
    "about_after_receiver": (
        "ظرفیت‌های گیرنده پس از انتخاب گیرنده و «نمایش ظرفیت‌ها» می‌آیند",
        "The receiver's capacities appear once a receiver is chosen and listed",
    ),
    "filed_step": ("ثبت درخواست", "Request filed"),
    "confirm_title": ("تأیید گام", "Confirm the step"),
    "confirm_text": ("«{to}» را نمی‌توان پس گرفت. این گام ثبت شود؟", "«{to}» cannot be undone. Record this step?"),
    "confirm_yes": ("بله، ثبت شود", "Yes, record it"),
    "cancel": ("انصراف", "Cancel"),
    "new": ("تازه", "new"),
    "new_count": ("{n} درخواست تازه", "{n} new requests"),
    "overdue_count": ("{n} دیرکرد", "{n} overdue"),
    "filter": ("پالایه", "Filter"),
    "all": ("همه", "All"),
    "only_overdue": ("فقط دیرکردها", "Overdue only"),
    "counterpart": ("طرف درخواست", "Counterpart"),
    "sort": ("ترتیب", "Sort"),
    "sort_due": ("مهلت", "Due date"),
    "sort_filed": ("تاریخ ثبت", "Date filed"),
    "apply": ("اعمال", "Apply"),
    # messages
    "bad_token": ("توکن نامعتبر یا باطل‌شده است.", "Unknown or revoked token."),
    "not_agency": (
        "این درگاه ویژهٔ دستگاه‌هاست؛ دبیرخانه و تحلیلگران از GraphQL استفاده کنند.",
        "This portal is for agencies; the directorate and analysts use GraphQL.",
    ),
    "csrf": (
        "فرم منقضی شده یا از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید.",
        "The form expired or came from elsewhere; open the page again.",
    ),
    "forbidden": ("دسترسی ندارید", "Access denied"),
    "not_found": ("پیدا نشد", "Not found"),
    "error": ("خطا", "Error"),
    "back": ("بازگشت به پیشخوان", "Back to the dashboard"),
    "done_request": ("درخواست ثبت شد.", "The request was filed."),
    "done_capacity": ("ظرفیت ثبت شد.", "The capacity was registered."),
    "done_need": ("نیاز ثبت شد.", "The need was registered."),
    "done_issue": ("مسئله ثبت شد.", "The issue was raised."),
    "done_move": ("گام ثبت شد.", "The step was recorded."),
    "signed_out": ("از درگاه خارج شدید.", "You are signed out."),
    # the inbox (service/portal/inbox.py)
    "inbox": ("اعلان‌ها", "Notifications"),
    "inbox_title": ("اعلان‌های دستگاه", "Your agency's notifications"),
    "inbox_unread": ("{n} اعلان خوانده‌نشده از {total}", "{n} unread of {total}"),
    "inbox_empty": ("اعلانی نیست.", "No notifications."),
    "inbox_only_unread": ("فقط خوانده‌نشده‌ها", "Unread only"),
    "inbox_all": ("همه", "All"),
    "inbox_mark_all": ("همه را خوانده علامت بزن", "Mark all read"),
    "inbox_mark": ("خواندم", "Mark read"),
    "inbox_new": ("تازه", "new"),
    "inbox_when": ("زمان", "When"),
    "inbox_what": ("اعلان", "Notification"),
    "inbox_kind": ("نوع", "Kind"),
    "unread_count": ("{n} اعلان خوانده‌نشده", "{n} unread notifications"),
    "done_read": ("اعلان‌ها خوانده شدند.", "Marked read."),
    "request_new": ("درخواست تازه", "New request"),
    "request_moved": ("گام درخواست", "Request moved"),
    "request_due_soon": ("سررسید نزدیک", "Due soon"),
    "request_overdue": ("گذشته از سررسید", "Overdue"),
    "request_escalated": ("ارجاع", "Escalated"),
    "agreement_step_awaiting": ("گام توافق منتظر شما", "Agreement step awaiting you"),
    "plan_action_late": ("اقدام برنامه دیر شده", "Plan action late"),
    # coordination plans (issue #18.1): the actions an agency owns
    "plan_actions": ("اقدام‌های برنامهٔ هماهنگی", "Coordination plan actions"),
    "plan_actions_intro": (
        "اقدام‌هایی که دستگاه شما در برنامه‌های هماهنگی مسئول آن است؛ شروع، پیشرفت و پایان هر یک را اینجا گزارش کنید.",
        "The plan actions your agency owns; report here when each starts, how far it is and when it is done.",
    ),
    "no_plan_actions": ("دستگاه شما اقدامی در برنامه‌های هماهنگی ندارد.", "Your agency owns no plan action."),
    "plan": ("برنامه", "Plan"),
    "owners": ("دستگاه‌های مسئول", "Owner agencies"),
    "expected_rials": ("ارزش پیش‌بینی‌شده", "Expected worth"),
    "realised_rials": ("مبلغ تحقق‌یافته تاکنون (ریال)", "Realised so far (rials)"),
    "report_only": ("فقط گزارش پیشرفت (وضعیت همین بماند)", "Progress report only (status unchanged)"),
    "report": ("ثبت گزارش", "Record"),
    "done_report": ("گزارش اقدام ثبت شد.", "The action's report was recorded."),
    "no_report": ("این اقدام از سوی دستگاه گامی ندارد (دبیرخانه آن را توافق یا لغو می‌کند).",
                  "Your agency has no step on this action (the directorate agrees or cancels it)."),
    "bad_rials": ("مبلغ باید عددی صحیح و نامنفی به ریال باشد.", "The amount must be a whole number of rials, not negative."),
}

# closed vocabularies: enum value -> (fa, en)
VALUES: dict[str, tuple[str, str]] = {
    "draft": ("پیش‌نویس", "draft"), "submitted": ("ثبت‌شده", "submitted"),
    "acknowledged": ("دریافت‌شده", "acknowledged"), "in_progress": ("در حال انجام", "in progress"),
    "done": ("انجام‌شده", "done"), "rejected": ("ردشده", "rejected"), "withdrawn": ("پس‌گرفته", "withdrawn"),
    "open": ("باز", "open"), "resolved": ("حل‌شده", "resolved"), "closed": ("بسته", "closed"),
    "equipment": ("تجهیزات", "equipment"), "land": ("زمین", "land"), "building": ("ساختمان", "building"),
    "expertise": ("دانش و تخصص", "expertise"), "data": ("داده", "data"), "service": ("خدمت", "service"),
    "infrastructure": ("زیرساخت", "infrastructure"), "funding": ("منابع مالی", "funding"),
    "coordination": ("هماهنگی", "coordination"), "infrastructure_conflict": ("تداخل زیرساختی", "infrastructure conflict"),
    "financial": ("مالی", "financial"), "legal": ("حقوقی", "legal"), "data_sharing": ("اشتراک داده", "data sharing"),
    "permits": ("مجوزها", "permits"), "service_delivery": ("ارائهٔ خدمت", "service delivery"),
    "low": ("کم", "low"), "medium": ("متوسط", "medium"), "high": ("زیاد", "high"), "critical": ("بحرانی", "critical"),
    "reciprocal": ("دوجانبه", "reciprocal"), "cycle": ("چرخه‌ای", "cycle"), "offer": ("یک‌سویه", "one-way"),
    "need": ("نیاز", "need"), "issue": ("مسئله", "issue"), "capacity": ("ظرفیت", "capacity"),
    "proposed": ("پیشنهادی", "proposed"), "agreed": ("توافق‌شده", "agreed"), "cancelled": ("لغوشده", "cancelled"),
    "headquarters": ("ستادی", "headquarters"), "organisation": ("سازمانی", "organisation"), "district": ("منطقه‌ای", "district"),
    "product": ("محصول دانش‌بنیان", "knowledge-based product"),
    "merge": ("تلفیق و پذیرش", "merged and kept"), "keep": ("پذیرش", "kept"), "reject": ("رد", "rejected"),
}  # fmt: skip


# agreements (branch agree): their words live in their own module
from service.portal.agreement_words import VALUES as _AGREEMENT_VALUES, WORDS as _AGREEMENT_WORDS  # noqa: E402

WORDS.update(_AGREEMENT_WORDS)
VALUES.update({k: v for k, v in _AGREEMENT_VALUES.items() if k not in VALUES})

def pick_lang(value: str | None) -> Lang:
    return "en" if value == "en" else "fa"


def t(lang: Lang, key: str, **fmt: str) -> str:
    """One phrase in ``lang``; ``fmt`` fills its {placeholders}."""
    fa, en = WORDS[key]
    text = en if lang == "en" else fa
    return text.format(**fmt) if fmt else text


def value_label(lang: Lang, value: str | None) -> str:
    if not value:
        return ""
    fa, en = VALUES.get(value, (value, value))
    return en if lang == "en" else fa


def digits(lang: Lang, value: object) -> str:
    """Numbers in Persian digits on Persian pages (12.0 shows as ۱۲)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return to_persian_digits(text.replace(",", "٬")) if lang == "fa" else text


def jdate(lang: Lang, iso: str | None) -> str:
    """A stored ISO date shown in the Jalali calendar (Persian digits on Persian pages)."""
    if not iso:
        return ""
    text = to_jalali(iso) or iso[:10]  # a stored day the Jalali calendar cannot show: its ISO form
    return to_persian_digits(text) if lang == "fa" else text


def name_of(lang: Lang, agency: dict[str, object] | None, fallback: str) -> str:
    """An agency's name in the page's language, falling back to Persian, then to its id."""
    if not agency:
        return fallback
    # an invented body (demo data) is never shown as a real one
    mark = (" (fictional name)" if lang == "en" else " (نام ساختگی)") if agency.get("fictional") else ""
    if lang == "en" and agency.get("nameEn"):
        return str(agency["nameEn"]) + mark
    return str(agency.get("nameFa") or fallback) + mark

# -- stakeholder commitments (#19.3) --
WORDS.update({
    "commitments": ("تعهدها به ذی‌نفعان", "Commitments to stakeholders"),
    "commitments_help": ("تعهدهایی که دستگاه شما به ذی‌نفعان داده است؛ هر تعهد عمل‌شده را علامت بزنید و پیگیری‌ها را ثبت کنید.",
                         "Commitments your agency made to stakeholders: mark each one kept, and log its follow-up."),
    "no_commitments": ("تعهدی بر عهدهٔ دستگاه شما نیست.", "Your agency owes no commitments."),
    "stakeholder": ("ذی‌نفع", "Stakeholder"),
    "commitment": ("تعهد", "Commitment"),
    "made_on": ("تاریخ تعهد", "Made on"),
    "mark_kept": ("عمل شد", "Mark kept"),
    "note": ("یادداشت", "Note"),
    "log_engagement": ("ثبت پیگیری", "Log a follow-up"),
    "engagement_kind": ("نوع تعامل", "Kind"),
    "engagement_date": ("تاریخ (شمسی)", "Date (Jalali or ISO)"),
    "done_kept": ("تعهد عمل‌شده ثبت شد.", "The commitment was marked kept."),
    "done_engagement": ("پیگیری ثبت شد.", "The follow-up was logged."),
})
VALUES.update({
    "kept": ("عمل‌شده", "kept"), "broken": ("عمل‌نشده", "broken"),
    "meeting": ("جلسه", "meeting"), "consultation": ("مشورت", "consultation"), "interview": ("مصاحبه", "interview"),
    "survey": ("نظرسنجی", "survey"), "workshop": ("نشست گفتمانی", "workshop"), "complaint": ("شکایت", "complaint"),
})
# -- end stakeholder commitments --
