"""Each duplication finding in words: Persian for the officer (no codes, Persian digits), a short
English line for logs and the matrix's hover, and the option GAO's step 4 suggests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.analysis.evidence import DutyFacts, Evidence
from service.analysis.vocab import beneficiary_label, default_thesaurus, geo_label
from service.analysis.vocab.thesaurus import Thesaurus
from service.data.taxonomy import function_name
from service.text.persian import to_persian_digits

if TYPE_CHECKING:
    from service.analysis.duplication import DuplicationFinding

CLASS_FA = {"duplication": "موازی‌کاری (دوباره‌کاری)", "overlap": "هم‌پوشانی", "fragmentation": "چندپارگی"}
OPTION_FA = {
    "merge": "ادغام دو وظیفه در یک دستگاه",
    "lead_agency": "تعیین دستگاه راهبر و تقسیم کار روشن",
    "agreement": "تفاهم‌نامه یا سازوکار هماهنگی میان دو دستگاه",
    "keep": "موجه است؛ هر دو بمانند",
}
WIDE = ("iran", "province", "city")


def suggest_option(kind: str, a: DutyFacts, b: DutyFacts) -> str:
    """GAO step 4. Duplication at two levels (the city and one district) asks for a lead agency; at one
    level, for a merge. Overlap asks for an agreement; fragmentation for a lead agency in the area."""
    if kind == "duplication":
        wide_a = any(g in WIDE for g in a.geography)
        wide_b = any(g in WIDE for g in b.geography)
        return "lead_agency" if wide_a != wide_b else "merge"
    return "agreement" if kind == "overlap" else "lead_agency"


def _join(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else "، ".join(items[:-1]) + " و " + items[-1]


def _num(value: float) -> str:
    return to_persian_digits(f"{value:.2f}").replace(".", "٫")


def rials_fa(rials: int) -> str:
    """An amount for a Persian reader: «۱۲۰ میلیارد ریال», «۳٫۵ میلیون ریال», «۹۰۰ ریال»."""
    for size, word in ((10**12, "هزار میلیارد"), (10**9, "میلیارد"), (10**6, "میلیون")):
        if rials >= size:
            text = f"{rials / size:.1f}".removesuffix(".0")
            return f"{to_persian_digits(text).replace('.', '٫')} {word} ریال"
    return f"{to_persian_digits(str(rials))} ریال"


def _budget_fa(name: str, budget: dict[int, int]) -> str:
    if not budget:
        return f"{name}: بودجه‌ای ثبت نشده"
    lines = [f"{rials_fa(r)} در {to_persian_digits(str(y))}" for y, r in sorted(budget.items())]
    return f"{name}: {_join(lines)}"


def explain_fa(f: DuplicationFinding, e: Evidence, a: dict[str, Any], b: dict[str, Any],
               agencies: dict[str, dict[str, Any]], thesaurus: Thesaurus | None = None,
               effect: str | None = None) -> str:  # fmt: skip
    """One finding's explanation on its own (a run's findings share one ``Wording``); ``effect``:
    ``Wording.effect(f, e)`` when the caller has made it already."""
    return Wording(agencies, thesaurus).explain(f, e, a, b, effect)


class Wording:
    """The Persian of one run's findings. A city's 24,091 findings name 5,000 duties and a few thousand
    kinds of evidence: each duty's budget sentence, each evidence's sentence (but its text similarity),
    each summary and each group of beneficiaries are made once per run, not once per finding. Its
    sentences are of the vocabularies in force when it is called (a run keeps its own:
    ``keeping_vocabularies``), so one Wording serves one run."""

    def __init__(self, agencies: dict[str, dict[str, Any]], thesaurus: Thesaurus | None = None) -> None:
        self.agencies = agencies
        self.thesaurus = thesaurus
        self._budgets: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}
        self._evidence: dict[tuple[Any, ...], str] = {}
        self._people: dict[tuple[str, ...], str] = {}
        self._summaries: dict[tuple[str, ...], str] = {}

    def __call__(self, f: DuplicationFinding, explanation: bool, e: Evidence, a: dict[str, Any],
                 b: dict[str, Any]) -> tuple[str, str]:  # fmt: skip
        """(effect, explanation), the explanation only when asked for (else ""): the effect is a part of
        the explanation, made once for both."""
        effect = self.effect(f, e)
        return effect, self.explain(f, e, a, b, effect) if explanation else ""

    def summary(self, kind: str, e: Evidence) -> str:
        """``summary_fa``, once per class and evidence it names."""
        key = (kind, *e.objects, "|", *e.acts, "|", *e.beneficiaries, "|", *e.geography)
        said = self._summaries.get(key)
        if said is None:
            said = self._summaries[key] = summary_fa(kind, e, self.thesaurus)
        return said

    def people(self, e: Evidence) -> str:
        key = tuple(e.beneficiaries)
        said = self._people.get(key)
        if said is None:
            said = self._people[key] = _join([beneficiary_label(c) for c in e.beneficiaries])
        return said

    def effect(self, f: DuplicationFinding, e: Evidence) -> str:
        """GAO step 2: what the finding costs and what it does to the service people get."""
        stake = f.at_stake()
        cost = (f"هزینهٔ در معرض دوباره‌خرج: {rials_fa(sum(stake.values()))}" if stake and f.classification == "duplication"
                else f"هزینهٔ در خطر هم‌پوشانی: {rials_fa(sum(stake.values()))}" if stake
                else "هزینه: برای سال مشترکی بودجهٔ هر دو طرف ثبت نشده")  # fmt: skip
        people = self.people(e) or "مردم"
        service = {
            "duplication": f"{people} یک خدمت را از دو دستگاه می‌گیرند و پاسخگوی آن روشن نیست",
            "overlap": f"بخشی از کار دو دستگاه برای {people} یکی است؛ خطر دوباره‌کاری یا جاماندن خدمت",
            "fragmentation": "کار یک حوزه میان چند دستگاه پخش است و بی‌هماهنگی پراکنده می‌شود",
        }[f.classification]
        return f"{cost}. {service}."

    def explain(self, f: DuplicationFinding, e: Evidence, a: dict[str, Any], b: dict[str, Any],
                effect: str | None = None) -> str:  # fmt: skip
        name_a = (self.agencies.get(a["agencyId"]) or {}).get("nameFa") or "دستگاهی ناشناخته"
        name_b = (self.agencies.get(b["agencyId"]) or {}).get("nameFa") or "دستگاهی ناشناخته"
        return (f"{CLASS_FA[f.classification]} میان «{a['titleFa']}» از {name_a} و «{b['titleFa']}» از {name_b}. "
                f"شواهد: {self._evidence_fa(e, a)}؛ شباهت متن: {_num(e.text)}. "
                f"بودجه: {self._budget_fa(name_a, f.budget_a)}؛ {self._budget_fa(name_b, f.budget_b)}. "
                f"اثر: {effect if effect is not None else self.effect(f, e)} پیشنهاد: {OPTION_FA[f.option]}.")  # fmt: skip

    def _evidence_fa(self, e: Evidence, a: dict[str, Any]) -> str:
        """The evidence but the text similarity, joined."""
        key = (tuple(e.objects), tuple(e.acts), e.same_activity, e.similar_activity, e.same_group,
               a["functionCode"] if e.same_group else None, e.same_division, tuple(e.beneficiaries), tuple(e.geography))  # fmt: skip
        said = self._evidence.get(key)
        if said is not None:
            return said
        t = self.thesaurus or default_thesaurus()
        evidence: list[str] = []
        if e.objects or e.acts:
            what = _join([t.label(c) for c in e.objects + e.acts])
            degree = "فعالیت یکسان" if e.same_activity else "فعالیت مشابه" if e.similar_activity else "موضوع مشترک"
            evidence.append(f"{degree}: {what}")
        elif e.same_activity or e.similar_activity:
            evidence.append("فعالیت " + ("یکسان" if e.same_activity else "مشابه") + " بنا بر متن")
        if e.same_group:
            evidence.append(f"کارکرد یکسان: {function_name(a['functionCode'], 'fa') or 'نامعلوم'}")
        elif e.same_division:
            evidence.append("کارکرد در یک حوزه کلان")
        else:
            evidence.append("کارکردهای متفاوت")
        if e.beneficiaries:
            evidence.append(f"ذی‌نفعان مشترک: {self.people(e)}")
        else:
            evidence.append("ذی‌نفعان متفاوت")
        evidence.append(f"محدوده مشترک: {_join([geo_label(g) for g in e.geography])}")
        said = self._evidence[key] = "؛ ".join(evidence)
        return said

    def _budget_fa(self, name: str, budget: dict[int, int]) -> str:
        key = (name, tuple(budget.items()))
        said = self._budgets.get(key)
        if said is None:
            said = self._budgets[key] = _budget_fa(name, budget)
        return said


def summary_fa(kind: str, e: Evidence, thesaurus: Thesaurus | None = None) -> str:
    """One line for a picture's hover: the class and the evidence that agrees, in Persian."""
    t = thesaurus or default_thesaurus()
    parts = [CLASS_FA[kind]]
    if e.objects or e.acts:
        parts.append(_join([t.label(c) for c in e.objects + e.acts]))
    if e.beneficiaries:
        parts.append("برای " + _join([beneficiary_label(c) for c in e.beneficiaries]))
    parts.append("در " + _join([geo_label(g) for g in e.geography]))
    return "؛ ".join(parts)


def explain_en(kind: str, e: Evidence, a: dict[str, Any], b: dict[str, Any]) -> str:
    what = ", ".join(e.objects + e.acts) or "-"
    return (f"{kind}: activity {'same' if e.same_activity else 'similar' if e.similar_activity else 'different'} ({what}), "
            f"function {a['functionCode']}/{b['functionCode']}, beneficiaries {', '.join(e.beneficiaries) or '-'}, "
            f"geography {', '.join(e.geography) or '-'}, text {e.text:.2f}")  # fmt: skip
