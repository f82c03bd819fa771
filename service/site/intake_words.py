"""The words of /intake and /catalogue in Persian and English (data, such as issue titles and agency
names, is shown as recorded: Persian, or English where the record has it on English pages)."""

from __future__ import annotations

from service.site.lang import Lang, phrase

WORDS: dict[str, tuple[str, str]] = {
    "intake_title": ("پذیرش مسائل", "Issue intake"),
    "intake_h1": ("پذیرش و اولویت‌بندی مسائل", "Issue intake and prioritisation"),
    "intake_intro": ("مسائل از نُه منبع اطلاعاتی در سه سطح ستادی، سازمانی و منطقه‌ای گردآوری می‌شوند؛ مسائل همانندِ دستگاه‌های "
                     "گوناگون پیشنهادِ تلفیق می‌شوند، کمیته دربارهٔ هر پیشنهاد تصمیم می‌گیرد و فهرست پذیرفته‌شده به ترتیب از شوراها می‌گذرد.",
                     "Issues are collected from nine information sources at three levels (headquarters, organisation, district); "
                     "similar issues of different agencies are proposed for merging, the committee decides each proposal, and the "
                     "kept list goes up the councils in turn."),
    "proposals": ("پیشنهادها", "Proposals"),
    "rank": ("رتبه", "Rank"), "title": ("عنوان", "Title"), "members": ("مسائل (منبع، سطح)", "Issues (source, level)"),
    "severity": ("شدت", "Severity"), "score": ("امتیاز", "Score"), "decision": ("تصمیم کمیته", "Committee's decision"),
    "merged": ("تلفیقی", "merged"), "source_n": ("منبع {n}", "source {n}"),
    "priority_owner": (" · اولویت {p} · متولی: {owner}", " · priority {p} · owner: {owner}"),
    "approved": ("فهرست پذیرفته‌شده ({n} مسئله)", "The kept list ({n} issues)"),
    "priority": ("اولویت {p}", "priority {p}"),
    "chain": ("زنجیرهٔ تصویب", "The chain of approval"),
    "merge": ("تلفیق و پذیرش", "merged and kept"), "keep": ("پذیرش", "kept"), "reject": ("رد", "rejected"),
    "approved_o": ("تصویب", "approved"), "returned_o": ("بازگشت به کمیته", "returned to the committee"),
    "s_committee": ("کمیته: تصمیم دربارهٔ تک‌تک پیشنهادها", "committee: decides each proposal"),
    "s_approved": ("تصویب شد", "approved"), "s_returned": ("بازگشت داده شد", "returned"),
    "s_awaiting": ("در نوبت تصمیم", "its turn to decide"), "s_waiting": ("در انتظار تصویب مرجع پیشین", "waiting for the body before it"),
    "low": ("کم", "low"), "medium": ("متوسط", "medium"), "high": ("زیاد", "high"), "critical": ("بحرانی", "critical"),
    "headquarters": ("ستادی", "headquarters"), "organisation": ("سازمانی", "organisation"), "district": ("منطقه‌ای", "district"),
    "cat_title": ("کاتالوگ نوآوری", "Innovation catalogue"),
    "cat_h1": ("کاتالوگ محصولات دانش‌بنیان", "Knowledge-based products"),
    "cat_intro": ("دفتر خلاقیت و نوآوری شهری ۶۷۰ محصول دانش‌بنیانِ سراسر کشور را در چهار مرکز نوآوری به حوزه‌های شهرداری معرفی کرده است؛ "
                  "این‌جا نمونه‌ای از آن‌ها ثبت است. نام شرکت‌های ساختگی با «نام ساختگی» نشان داده شده است. قرارداد با شرکت‌ها در "
                  "«توافق‌نامه‌ها» ثبت می‌شود.",
                  "The Office of Urban Creativity and Innovation introduced 670 knowledge-based products from across the country, in "
                  "four innovation centres, to the municipality; a sample is recorded here. Invented company names are marked "
                  "(fictional name). Contracts with the companies are recorded as agreements."),
    "search": ("جست‌وجو", "Search"), "centre": ("مرکز نوآوری", "Innovation centre"), "all": ("همه", "All"),
    "n_products": ("{n} محصول", "{n} products"), "product": ("محصول", "Product"), "company": ("شرکت", "Company"),
    "fictional": ("«نام ساختگی»", "(fictional name)"),
    "club_line": ("{members} عضو؛ {desks} میز تخصصی", "{members} members; {desks} specialist desks"),
    "desk_members": (" — {n} عضو", " — {n} members"),
}  # fmt: skip


def say(lang: Lang, key: str, **fmt: object) -> str:
    return phrase(WORDS, lang, key, **fmt)
