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
    "AGREEMENT": "قرارداد",  # the agreements overlay (branch agree)
    # the groups overlay's edges (issue 19): a member's role in its group, a group under another
    "role_lead": "رئیس کارگروه", "role_member": "عضو کارگروه", "role_supervisor": "ناظر کارگروه",
    "role_secretariat": "دبیرخانهٔ کارگروه", "role_facilitator": "تسهیل‌گر کارگروه", "role_observer": "مشاهده‌گر کارگروه",
    "UNDER": "زیر نظر",
    "SERVED_BY": "در خدمت", "VOICED": "طرح مسئله از سوی ذی‌نفع", "OWES": "تعهد به ذی‌نفع",
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
    "spend": ("هزینهٔ موازی‌کاری به تفکیک حوزهٔ کارکردی و سال", "Duplicated spend by function and year"),
    "spend_count": ("{groups} حوزهٔ کارکردی، {years} سال", "{groups} functions, {years} years"),
    "spend_cell": ("{name}، سال {year}: {value}", "{name}, year {year}: {value}"),
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


EXPLORER: dict[str, tuple[str, str]] = {
    # page frame and controls (service/pictures/network.py, offline.py, router.py)
    "title": ("شبکهٔ دستگاه‌های اجرایی", "The city's agency network"),
    "counts": ("{nodes} گره و {edges} یال", "{nodes} nodes and {edges} edges"),
    "clustered": ("ثبت {n} گره دارد؛ برای خوانایی بر پایهٔ نوع دستگاه گروه‌بندی شد.",
                  "The registry has {n} nodes; grouped by agency kind to stay readable."),
    "hood": ("همسایگی {name} ({hops} گام)", "Neighbourhood of {name} ({hops} hops)"),
    "dup_title": ("موازی‌کاری میان وظایف", "Duplication between duties"),
    "dup_info": ("پهنای یال: امتیاز شباهت؛ رنگ: دستهٔ GAO", "Edge width: similarity score; colour: GAO class"),
    "dup_finding": ("یافتهٔ {cls}", "{cls} finding"),
    "ww_title": ("فرصت‌های برد-برد", "Win-win opportunities"),
    "ww_info": ("هر چرخه و جفت دوسویه رنگ خود را دارد؛ یال‌های ضخیم: مجموعهٔ برگزیده",
                "Each cycle and reciprocal pair has its own colour; thick edges: the chosen set"),
    "search": ("جست‌وجو", "Search"),
    "search_hint": ("نام دستگاه یا رکورد…", "Agency or record name…"),
    "not_found": ("یافت نشد", "Not found"),
    "size_by": ("اندازه بر پایهٔ", "Size by"),
    "colour_by": ("رنگ بر پایهٔ", "Colour by"),
    "layout": ("چیدمان", "Layout"),
    "layout_force": ("نیرو (خوشه‌ها)", "Force (clusters)"),
    "layout_tree": ("درختی (ساختار دستگاه‌ها)", "Tree (agency structure)"),
    "fit": ("نمای کامل", "Fit to view"),
    "png": ("خروجی PNG", "Export PNG"),
    "svg": ("خروجی SVG", "Export SVG"),
    "graphml": ("GraphML این نما", "GraphML of this view"),
    "layers": ("لایه‌ها", "Layers"),
    "size_note": ("اندازه: {what} (دستگاه‌ها درشت‌تر از رکوردها)", "Size: {what} (agencies drawn larger than records)"),
    "colour_legend": ("راهنمای رنگ", "Colour legend"),
    "c_type": ("نوع رکورد", "Record type"), "c_kind": ("نوع دستگاه", "Agency kind"), "c_level": ("سطح دستگاه یا مسئله", "Agency or issue level"),
    "c_source": ("منبع اطلاعاتی مسئله", "Issue information source"),
    "c_division": ("بخش کارکردی COFOG", "COFOG division"), "c_community": ("اجتماع (لووَن)", "Community (Louvain)"),
    "s_degree": ("شمار پیوندها", "number of links"), "s_volume": ("حجم مبادلات (ریال)", "exchange volume (rials)"),
    "s_betweenness": ("میانجی‌گری", "betweenness"), "s_none": ("یکسان", "equal"),
    "other_records": ("دیگر رکوردها", "Other records"),
    "community": ("اجتماع {n}", "Community {n}"),
    "hood_link": ("همسایگی این دستگاه", "This agency's neighbourhood"),
    "row_in": ("ردیف در {matrix}", "Row in the {matrix}"),
    "in_graphiql": ("رکورد در GraphiQL", "Record in GraphiQL"),
    # the filter form on /graph
    "f_agency": ("دستگاه (نام یا شناسه)", "Agency (name or id)"), "f_agency_hint": ("مثلاً آب و فاضلاب", "e.g. water"),
    "f_kind": ("نوع دستگاه", "Agency kind"), "f_function": ("کد کارکرد COFOG", "COFOG function code"),
    "f_exchange_kind": ("نوع مبادله", "Exchange kind"), "f_year_from": ("از سال", "From year"), "f_year_to": ("تا سال", "To year"),
    "f_all": ("همه", "All"), "f_show": ("نمایش", "Show"),
    "err_year": ("سال شمسی را با چهار رقم بنویسید، میان ۱۳۰۰ و ۱۵۰۰ (مثلاً ۱۴۰۲).",
                 "Write the Jalali year with four digits, between 1300 and 1500 (e.g. 1402)."),
    "err_kind": ("این نوع دستگاه شناخته نیست.", "Unknown agency kind."),
    "err_exchange_kind": ("این نوع مبادله شناخته نیست.", "Unknown exchange kind."),
    "err_function": ("کد کارکرد مانند ۰۶ یا ۰۶٫۳ است.", "A function code looks like 06 or 06.3."),
    "err_years": ("«تا سال» پیش از «از سال» است.", "«To year» is before «From year»."),
    # overlays (service/pictures/overlays.py)
    "o_score": ("امتیاز {score}", "score {score}"), "o_text": ("شباهت متن: {value}", "text similarity: {value}"),
    "o_beneficiaries": ("ذی‌نفعان مشترک: ", "shared beneficiaries: "), "o_geography": ("قلمرو مشترک: ", "shared territory: "),
    "o_group": ("هم‌گروه در طبقه‌بندی کارکردی COFOG", "same COFOG group"),
    "o_division": ("هم‌بخش در طبقه‌بندی کارکردی COFOG", "same COFOG division"),
    "o_capacity": ("ظرفیت: «{name}»", "capacity: «{name}»"),
    "o_cycle": ("چرخهٔ ", "cycle "), "o_pair": ("دوسویهٔ ", "reciprocal "), "o_chosen": (" (برگزیده)", " (chosen)"),
    "o_in_place": ("{cap}: از پیش در جریان با «{record}»", "{cap}: already arranged by «{record}»"),
    "o_in_place_legend": ("از پیش در جریان (خط‌چین)", "already arranged (dashed)"),
    # explorer.js (sent to the page in #hh-data)
    "js_links": ("پیوندها: ", "Links: "), "js_volume": (" · حجم مبادله: ", " · exchange volume: "), "js_rials": (" ریال", " rials"),
    "js_betweenness": (" · میانجی‌گری: ", " · betweenness: "), "js_near": ("پیوسته‌ها", "Connected"),
    "js_shown": ("{nodes} گره و {edges} یال نمایش داده می‌شود", "{nodes} nodes and {edges} edges shown"),
    "js_size_equal": ("اندازه: یکسان (دستگاه‌ها درشت‌تر از رکوردها)", "Size: equal (agencies drawn larger than records)"),
}  # fmt: skip
JS_KEYS = ("js_links", "js_volume", "js_rials", "js_betweenness", "js_near", "js_shown", "js_size_equal", "size_note")


def explorer(lang: Lang, key: str, **fmt: object) -> str:
    """An explorer page's phrase in ``lang``."""
    return phrase(EXPLORER, lang, key, **fmt)


# the side panel's field names (service/pictures/registry_graph.py writes them in Persian)
FIELDS: dict[str, str] = {
    "نام": "Name", "نوع": "Kind", "سطح": "Level", "نام انگلیسی": "English name", "کد": "Code", "زیرمجموعهٔ": "Part of",
    "تلفن": "Phone", "رایانامه": "Email", "نشانی": "Address", "عنوان": "Title", "کارکرد": "Function",
    "دستگاه مسئول": "Lead agency", "پشتیبان‌ها": "Supporting agencies", "شرح": "Description", "مقدار": "Quantity",
    "بازه": "Window", "ارزش": "Value", "دستگاه": "Agency", "محل": "Location", "شدت": "Severity", "وضعیت": "Status",
    "دسته": "Category", "تاریخ طرح": "Raised on", "مطرح‌کننده": "Raised by", "دستگاه‌های طرف": "Agencies concerned",
    "مبلغ": "Amount", "تاریخ": "Date", "ارائه‌دهنده": "Provider", "گیرنده": "Receiver", "قرارداد": "Contract",
    "موضوع": "Subject", "تاریخ ثبت": "Filed", "مهلت": "Due", "فرستنده": "Sender", "اعضا": "Members", "مأموریت": "Mandate",
    "گروه": "Group", "دستگاه‌ها": "Agencies", "یادداشت": "Note",
    "منبع": "Information source", "سطح گردآوری": "Collected at",
}  # fmt: skip


def field(label_fa: str, lang: Lang) -> str:
    """A side-panel field name in ``lang`` (a missing English name is a KeyError in the tests)."""
    return FIELDS[label_fa] if lang == "en" else label_fa
