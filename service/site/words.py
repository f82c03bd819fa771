"""Every word the site frame says (navigation bar, landing page, sign-in, error pages) in Persian
and English: one table, read with :func:`service.site.lang.phrase`."""

from __future__ import annotations

from service.site.lang import Lang, phrase

SITE: dict[str, tuple[str, str]] = {
    "brand": ("هماهنگ", "Hamahang"),
    "nav_label": ("پیمایش", "Navigation"),
    "nav_home": ("خانه", "Home"),
    "nav_graph": ("شبکهٔ دستگاه‌ها", "Agency network"),
    "nav_dup": ("موازی‌کاری", "Duplication"),
    "nav_winwin": ("برد-برد", "Win-win"),
    "nav_m_duplication": ("ماتریس موازی‌کاری", "Duplication matrix"),
    "nav_m_winwin": ("ماتریس برد-برد", "Win-win matrix"),
    "nav_m_followup": ("ماتریس پیگیری", "Follow-up matrix"),
    "nav_m_collaboration": ("ماتریس مبادلات", "Exchange matrix"),
    "nav_m_spend": ("هزینهٔ موازی‌کاری", "Duplication spend"),
    "nav_plans": ("برنامه‌های هماهنگی", "Coordination plans"),
    "nav_stake": ("ذی‌نفعان", "Stakeholders"),  # #19.3
    "nav_downloads": ("دریافت تحلیل‌ها", "Download analyses"),
    "nav_portal": ("درگاه دستگاه‌ها", "Agency portal"),
    "nav_intake": ("پذیرش مسائل", "Issue intake"),
    "nav_catalogue": ("کاتالوگ نوآوری", "Innovation catalogue"),
    "nav_signin": ("ورود تحلیلگران", "Analyst sign-in"),
    "sign_out": ("خروج", "Sign out"),
    "switch": ("English", "فارسی"),
    # landing page
    "welcome": ("خوش آمدید", "Welcome"),
    "home": ("صفحهٔ نخست", "Home"),
    "visitor_h1": ("هماهنگ: سامانهٔ هماهنگی دستگاه‌های اجرایی", "Hamahang: coordinating the city's agencies"),
    "visitor_intro": (
        "یک گراف از دستگاه‌های اجرایی شهر و هر آنچه میانشان است: وظایف، ظرفیت‌ها، نیازها، مسائل، مبادلات و درخواست‌ها.",
        "One graph of the city's agencies and everything between them: duties, capacities, needs, issues, exchanges and requests.",
    ),
    "enter_analyst": ("دبیرخانه و تحلیلگران", "Directorate and analysts"),
    "enter_analyst_d": ("شبکه، ماتریس‌ها و تحلیل‌ها", "Network, matrices and analyses"),
    "enter_agency": ("کارکنان دستگاه‌ها", "Agency staff"),
    "enter_agency_d": ("درخواست‌ها، ظرفیت‌ها، نیازها و مسائل دستگاه", "Your agency's requests, capacities, needs and issues"),
    "developers_line": ("برنامه‌نویسان:", "Developers:"),
    "api_docs": ("مستندات API", "API documentation"),
    "with_token": ("(با توکن دسترسی)", "(with an access token)"),
    "signed_in_as": ("وارد شده به عنوان {role}", "Signed in as {role}"),
    "role_directorate": ("دبیرخانهٔ هماهنگی", "coordination directorate"),
    "role_analyst": ("تحلیلگر", "analyst"),
    "pictures": ("نگاره‌ها", "Pictures"),
    "matrices": ("ماتریس‌ها", "Matrices"),
    "analysis": ("تحلیل", "Analysis"),
    "format": ("قالب", "Format"),
    "whole_registry": ("کل ثبت", "The whole registry"),
    "excel": ("اکسل", "Excel"),
    "template": ("الگوی ورود اطلاعات", "Data-entry template"),
    "developers": ("برنامه‌نویسان", "Developers"),
    "p_graph": ("شبکهٔ دستگاه‌ها", "Agency network"),
    "p_graph_d": (
        "همهٔ ثبت: دستگاه‌ها، وظایف، ظرفیت‌ها، نیازها، مسائل، مبادلات و درخواست‌ها؛ جست‌وجو، پالایه و خروجی.",
        "The whole registry: agencies, duties, capacities, needs, issues, exchanges and requests; search, filter and export.",
    ),
    "p_dup": ("موازی‌کاری روی شبکه", "Duplication on the network"),
    "p_dup_d": ("وظایفی که دو دستگاه هر دو انجام می‌دهند، با امتیاز شباهت.", "Duties two agencies both perform, with their similarity score."),
    "p_winwin": ("برد-برد روی شبکه", "Win-win on the network"),
    "p_winwin_d": ("دستگاه‌هایی که ظرفیتشان نیاز دیگری را پاسخ می‌دهد، با چرخه‌ها.", "Agencies whose capacity answers another's need, with cycles."),
    "p_groups": ("کارگروه‌ها و نقش‌ها", "Working groups and roles"),  # issue 19
    "p_groups_d": ("کارگروه‌ها با رئیس، دبیرخانه، ناظر، تسهیل‌گر و اعضا؛ گزارش‌های شفافیت در /transparency.",
                   "Working groups with their lead, secretariat, supervisor, facilitator and members; transparency reports at /transparency."),
    "m_duplication": ("ماتریس موازی‌کاری", "Duplication matrix"),
    "m_winwin": ("ماتریس برد-برد", "Win-win matrix"),
    "m_followup": ("ماتریس درخواست‌های باز", "Open-requests matrix"),
    "m_collaboration": ("ماتریس حجم مبادلات", "Exchange-volume matrix"),
    "a_duplication": ("موازی‌کاری وظایف", "Duty duplication"),
    "a_winwin": ("فرصت‌های برد-برد", "Win-win opportunities"),
    "a_alignment": ("هم‌خوانی مبادلات با وظایف", "Exchanges against duties"),
    "a_followup": ("پیگیری درخواست‌ها", "Request follow-up"),
    "a_issues": ("خوشه‌های مسائل", "Issue clusters"),
    "a_collaboration": ("همکاری و کارگروه‌های پیشنهادی", "Collaboration and proposed working groups"),
    # sign-in
    "signin_h1": ("ورود به نگاره‌ها و ماتریس‌ها", "Sign in to the pictures and matrices"),
    "signin_who": ("برای دبیرخانه و تحلیلگران؛ کارکنان دستگاه‌ها از این راه وارد شوند:", "For the directorate and analysts; agency staff sign in here:"),
    "signin_token": ("توکن دسترسی", "Access token"),
    "signin_button": ("ورود", "Sign in"),
    "signed_out": ("از سامانه خارج شدید.", "You are signed out."),
    "bad_token": ("توکن نامعتبر یا باطل‌شده است.", "Unknown or revoked token."),
    "not_analyst": ("این بخش برای دبیرخانه و تحلیلگران است؛ دستگاه‌ها از درگاه وارد شوند.",
                    "This part is for the directorate and analysts; agencies sign in to the portal."),
    # error pages
    "e400": ("درخواست نادرست", "Bad request"),
    "e401": ("ورود لازم است", "Sign-in required"),
    "e403": ("دسترسی ندارید", "Access denied"),
    "e404": ("پیدا نشد", "Not found"),
    "e405": ("این کار اینجا ممکن نیست", "Not possible here"),
    "e422": ("ورودی نادرست", "Invalid input"),
    "e503": ("سامانه در دسترس نیست", "Service unavailable"),
    "error": ("خطا", "Error"),
    "back_home": ("بازگشت به صفحهٔ نخست", "Back to the home page"),
    # agreements (branch agree)
    "nav_agreements": ("قراردادها", "Agreements"),
    "p_agreements": ("قراردادهای میان دستگاه‌ها", "Agreements between agencies"),
    "p_agreements_d": ("هر قرارداد از ارائه‌دهنده به گیرنده، به رنگ وضعیتش؛ عقب‌افتاده‌ها خط‌چین",
                       "Each agreement from provider to receiver, coloured by status; late ones dashed"),
    "agreements_h": ("قراردادها", "Agreements"),
    "agreement_totals": ("شمار و مبلغ به تفکیک نوع و سال (CSV)", "Counts and values by kind and year (CSV)"),
}


def say(lang: Lang, key: str, **fmt: object) -> str:
    return phrase(SITE, lang, key, **fmt)
