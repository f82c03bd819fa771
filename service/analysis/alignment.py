"""Mission alignment: does each exchange, and each request done, fit its provider's duties and serve
the city's plan?

Two questions per record (seed 002: check interactions against *the missions*):

1. **The provider's duties.** In order: a declared duty link (an exchange's ``dutyId``, a request
   about a duty) counts only once verified: the duty is the provider's and the record's text names
   what the duty names (thesaurus concepts or n-grams), or money goes to a budget duty; a record
   about the provider's own capacity fits; settling an issue raised *about* the provider (repairing
   its own trench, paying its own debt: a request about the issue, or an exchange to the agency that
   raised it whose text takes it up) is part of doing its own work; information about its own
   work given to the agency whose duty is to coordinate the agencies is reporting, not a side job;
   otherwise the text must resemble one of the provider's duties.
2. **The plan's goals** (``CityPlan``/``PlanGoal`` in the store, loaded with the demo from
   ``service/data/plans.json``: the mid-term plan 1401-1404 and the strategic
   plan 1405, goals with strategies, focus area and level, linked to duties): a record serves the
   goals linked to the duty it fits, and any goal whose title or strategies name an object it names.

The result lists each record with both answers, each agency's share aligned, each goal with what
serves it, and the spending and effort that serve no goal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from service.analysis import meaning
from service.analysis.evidence import PLACES, STOCK
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import tfidf
from service.analysis.vocab.thesaurus import Thesaurus
from service.settings import AlignmentParams

COORDINATION = "obj.governance"  # «هماهنگی دستگاه‌ها»: the concept of a duty to coordinate the agencies
BUDGET = frozenset({"obj.budget", "obj.investment", "act.fund"})


@dataclass
class AlignmentItem:
    kind: str  # exchange | request
    id: str
    title: str
    provider: str
    aligned: bool
    duty_id: str | None
    similarity: float | None
    why: str
    rule: str = ""  # declared | own_capacity | own_issue | reporting | resembles | none
    declared_duty_id: str | None = None
    declared_verified: bool | None = None  # None: nothing declared
    goals: list[str] = field(default_factory=list)
    goal_why: str = ""
    amount_rials: int | None = None


@dataclass
class AgencyAlignment:
    agency_id: str
    name_fa: str
    aligned: int
    total: int

    @property
    def ratio(self) -> float:
        return self.aligned / self.total if self.total else 1.0


@dataclass
class GoalUse:
    """What serves one goal of a plan."""

    goal_id: str
    plan_id: str
    title_fa: str
    focus: str
    level: str
    duty_ids: list[str]
    items: int = 0
    amount_rials: int = 0


@dataclass
class AlignmentResult:
    parameters: dict[str, Any]
    items: list[AlignmentItem]
    agencies: list[AgencyAlignment]
    goals: list[GoalUse] = field(default_factory=list)

    @property
    def misaligned(self) -> list[AlignmentItem]:
        return [i for i in self.items if not i.aligned]

    @property
    def unserved(self) -> dict[str, Any]:
        """Spending and effort that serve no goal of the plans, in total and per provider."""
        none = [i for i in self.items if not i.goals]
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in none:
            per[i.provider][0] += 1
            per[i.provider][1] += i.amount_rials or 0
        return {
            "items": len(none),
            "amountRials": sum(i.amount_rials or 0 for i in none),
            "ids": [i.id for i in none],
            "byProvider": [{"agencyId": a, "items": c[0], "amountRials": c[1]} for a, c in sorted(per.items())],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "items": [asdict(i) for i in self.items],
            "agencies": [asdict(a) | {"ratio": a.ratio} for a in self.agencies],
            "goals": [asdict(g) for g in self.goals],
            "unserved": self.unserved,
        }


def plans() -> list[dict[str, Any]]:
    """The city's plans shipped with the service (goals, strategies, focus areas, levels, duty links):
    the fallback when the store holds none (the store's are read by ``runner.alignment``)."""
    from service.registry.city_plans import shipped_plans

    return shipped_plans()


def _text(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def analyse_alignment(snap: Snapshot, params: AlignmentParams, city_plans: list[dict[str, Any]] | None = None,
                      thesaurus: Thesaurus | None = None) -> AlignmentResult:  # fmt: skip
    th = thesaurus
    duties = sorted(snap["duty"], key=lambda d: d["id"])
    duty_index = {d["id"]: i for i, d in enumerate(duties)}
    duties_of: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(duties):
        for agency in [d.get("agencyId"), *(d.get("supportAgencyIds") or [])]:
            if agency:
                duties_of[agency].append(i)
    own_capacity = {c["id"]: c["agencyId"] for c in snap["capacity"]}
    issues = {i["id"]: i for i in snap["issue"]}
    needs = {n["id"]: n for n in snap["need"]}

    provided = _provided(snap)
    issue_list = sorted(issues.values(), key=lambda i: i["id"])
    duty_docs = [_text(d.get("titleFa"), d.get("descriptionFa"), d.get("titleEn")) for d in duties]
    item_docs = [p["text"] for p in provided]
    issue_docs = [_text(i.get("titleFa"), i.get("descriptionFa"), i.get("titleEn")) for i in issue_list]
    vectors = tfidf(duty_docs + item_docs + issue_docs)
    duty_v, item_v = vectors[: len(duties)], vectors[len(duties) : len(duties) + len(provided)]
    issue_v = vectors[len(duties) + len(provided) :]
    issue_c = [meaning.concepts_of(_text(i.get("titleFa"), i.get("descriptionFa")), th) for i in issue_list]
    duty_c = [meaning.concepts_of(_text(d.get("titleFa"), d.get("descriptionFa")), th) for d in duties]
    names = {a["id"]: a.get("nameFa") or "" for a in snap["agency"]}
    item_c = [meaning.concepts_of(_without_name(p["text_fa"], names.get(p["provider"], "")), th) for p in provided]
    coordinators = {d["agencyId"] for d, c in zip(duties, duty_c, strict=True) if COORDINATION in c}

    def fit(n: int, k: int) -> float:
        sim = float((item_v[n] @ duty_v[k].T).toarray()[0, 0]) if vectors.shape[1] else 0.0
        if sim and _objects_disagree(item_c[n], duty_c[k], th):
            sim = 0.0
        return max(sim, meaning.meet(*_beyond_places(item_c[n], duty_c[k], th), th) * params.concept_weight)

    def best_own(n: int, provider: str) -> tuple[str | None, float, list[str]]:
        """The provider's duty the record fits best, its score, and the objects both name."""
        mine = duties_of.get(provider, [])
        if not mine:
            return None, 0.0, []
        scores = [fit(n, k) for k in mine]
        k = int(np.argmax(scores))
        if scores[k] < params.min_text:  # no text close enough: a duty naming the same object will do
            for j in mine:
                record_c, own_c = _beyond_places(item_c[n], duty_c[j], th)
                shared = meaning.objects(record_c & own_c, th)
                if shared:
                    return duties[j]["id"], scores[mine.index(j)], meaning.labels(shared, th)
        return duties[mine[k]]["id"], float(scores[k]), []

    def settled_issue(n: int, provider: str, receiver: str | None) -> str | None:
        """An issue the receiver raised about the provider that this exchange's text takes up (an
        exchange cannot name an issue, so paying for one's own trench or debt is recognised by text)."""
        for j, issue in enumerate(issue_list):
            if issue.get("raisedById") != receiver or provider not in (issue.get("concernsIds") or []):
                continue
            sim = float((item_v[n] @ issue_v[j].T).toarray()[0, 0]) if vectors.shape[1] else 0.0
            if sim >= params.min_text or meaning.objects(item_c[n] & issue_c[j], th):
                return str(issue["id"])
        return None

    items: list[AlignmentItem] = []
    fitted: set[str] = set()  # records whose duty_id is a duty they fit, not only the closest one
    for n, p in enumerate(provided):
        provider, linked = p["provider"], p["linked"]
        item = AlignmentItem(p["kind"], p["id"], p["title"], provider, False, None, None, "", amount_rials=p["amount"])
        mine = duties_of.get(provider, [])
        if linked in duty_index:
            k = duty_index[linked]
            item.declared_duty_id = linked
            sim = fit(n, k)
            money_to_budget = p["financial"] and bool(duty_c[k] & BUDGET)
            shared = meaning.objects(item_c[n] & duty_c[k], th)
            item.declared_verified = k in mine and (sim >= params.min_text or bool(shared) or money_to_budget)
            if item.declared_verified:
                reason = (f"the text fits it ({sim:.2f})" if sim >= params.min_text else
                          f"both name {'، '.join(meaning.labels(shared, th))}" if shared else "money under a budget duty")  # fmt: skip
                _set(item, True, linked, sim, "declared", f"declared duty {linked} verified: the provider's, {reason}")
                fitted.add(item.id)
                items.append(item)
                continue
        best, sim, named = best_own(n, provider)
        if best and (sim >= params.min_text or named):
            fitted.add(item.id)
        if p["kind"] == "exchange" and linked not in issues:
            linked = settled_issue(n, provider, p["receiver"]) or linked
        if linked and own_capacity.get(linked) == provider:
            _set(item, True, best, sim, "own_capacity", "about the provider's own capacity")
        elif linked in issues and provider in (issues[linked].get("concernsIds") or []):
            _set(item, True, best, sim, "own_issue",
                 f"settles issue {linked} raised about the provider itself (its own work or debt), closest duty {best}")  # fmt: skip
        elif p["kind"] == "request" and p["sender"] in coordinators and _asks_information(linked, needs, item_c[n], p["text_fa"]):
            _set(item, True, best, sim, "reporting",
                 f"information about its own work for {p['sender']}, whose duty is to coordinate the agencies")  # fmt: skip
        elif sim >= params.min_text or named:
            _set(item, True, best, sim, "resembles",
                 f"resembles duty {best} ({sim:.2f})" if not named else f"names what duty {best} names: {'، '.join(named)}")  # fmt: skip
        else:
            why = "the provider has no duties" if not mine else f"no duty of the provider resembles it (best {best}, {sim:.2f})"
            _set(item, False, best, sim, "none", why)
        if item.declared_verified is False:
            declared = str(item.declared_duty_id)  # ``linked`` may since name the issue the record settles
            wrong = "another agency's duty" if duty_index[declared] not in mine else "its text does not fit"
            item.why = f"declared duty {declared} not verified ({wrong}); " + item.why
        items.append(item)
    goals = _serve_goals(items, item_c, city_plans if city_plans is not None else plans(), th, fitted)
    return AlignmentResult(params.model_dump(), items, _per_agency(snap, items), goals)


def _objects_disagree(a: frozenset[str], b: frozenset[str], th: Thesaurus | None) -> bool:
    """Both name what they work on, and nothing of one is, contains or relates to anything of the other:
    the words they share are then a stock phrase («توسعه و نگهداری شبکه» of a park's irrigation network
    and of the fibre network), so their text similarity is no evidence that one is the other's work."""
    mine = meaning.objects(a, th) - STOCK - PLACES
    theirs = meaning.objects(b, th) - STOCK - PLACES
    return bool(mine and theirs) and meaning.both_ways(mine, theirs, th) == 0.0


def _beyond_places(a: frozenset[str], b: frozenset[str], th: Thesaurus | None) -> tuple[frozenset[str], frozenset[str]]:
    """Both sets less where work happens («معبر») and stock objects («شبکه», «داده»), when both also name
    something more specific they work on: a shop sign put up in a street and a traffic light in a street
    are not the same work for sharing the street (as duplication's evidence weighs them)."""
    vague = PLACES | STOCK
    if meaning.objects(a, th) - vague and meaning.objects(b, th) - vague:
        return a - vague, b - vague
    return a, b


def _without_name(text: str, name: str) -> str:
    """The text less the provider's name (or its first two words or more: «سازمان آتش‌نشانی» of
    «سازمان آتش‌نشانی و خدمات ایمنی»): who does something is not what is done."""
    words = name.split()
    for n in range(len(words), 1, -1):
        text = text.replace(" ".join(words[:n]), " ")
    return text


def _set(item: AlignmentItem, aligned: bool, duty: str | None, sim: float, rule: str, why: str) -> None:
    item.aligned, item.duty_id, item.similarity, item.rule, item.why = aligned, duty, round(sim, 4), rule, why


REPORT_WORDS = ("گزارش", "آمار", "فهرست", "زمان‌بندی", "زمانبندی", "جدول زمانی")  # what is asked is information
INFORMATION = ("obj.data", "obj.plan", "act.plan")  # and their narrower concepts (obj.plan.strategic...)


def _asks_information(linked: str | None, needs: dict[str, dict[str, Any]], concepts: frozenset[str], text: str) -> bool:
    """About a data need, or naming data, a plan (any kind of plan, or planning) or a report."""
    if linked in needs:
        return needs[linked].get("kind") == "data"
    named = any(c == i or c.startswith(i + ".") for c in concepts for i in INFORMATION)
    return named or any(w in text for w in REPORT_WORDS)


def _provided(snap: Snapshot) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for x in sorted(snap["exchange"], key=lambda x: x["id"]):
        if x.get("status") != "cancelled":
            out.append({"kind": "exchange", "id": x["id"], "title": x["titleFa"], "provider": x["providerId"],
                        "sender": None, "receiver": x.get("receiverId"), "linked": x.get("dutyId"), "financial": x.get("kind") == "financial",
                        "amount": x.get("amountRials"), "text": _text(x.get("titleFa"), x.get("descriptionFa"), x.get("titleEn")),
                        "text_fa": _text(x.get("titleFa"), x.get("descriptionFa"))})  # fmt: skip
    for r in sorted(snap["request"], key=lambda r: r["id"]):
        if r.get("status") == "done":
            out.append({"kind": "request", "id": r["id"], "title": r["subject"], "provider": r["receiverId"],
                        "sender": r["senderId"], "receiver": r["receiverId"], "linked": r.get("aboutId"), "financial": False, "amount": None,
                        "text": _text(r.get("subject"), r.get("body")), "text_fa": _text(r.get("subject"), r.get("body"))})  # fmt: skip
    return out


def _serve_goals(items: list[AlignmentItem], item_c: list[frozenset[str]], city_plans: list[dict[str, Any]],
                 th: Thesaurus | None, fitted: set[str]) -> list[GoalUse]:  # fmt: skip
    """Each record serves the goals linked to the duty it fits, and the goals whose text it names. A
    record aligned by another rule (its own issue, reporting, its own capacity) carries its closest
    duty for the reader, but serves that duty's goals only when it fits it: a pole moved out of a
    ramp does not serve the goals of the power company's supply duty."""
    uses: list[GoalUse] = []
    by_duty: dict[str, list[GoalUse]] = defaultdict(list)
    goal_c: list[frozenset[str]] = []
    for plan in city_plans:
        for g in plan["goals"]:
            use = GoalUse(g["id"], plan["id"], g["titleFa"], g.get("focus", ""), g.get("level", ""), sorted(g.get("dutyIds") or []))
            uses.append(use)
            goal_c.append(meaning.concepts_of(_text(g["titleFa"], *g.get("strategies", [])), th))
            for d in use.duty_ids:
                by_duty[d].append(use)
    for n, item in enumerate(items):
        served: dict[str, str] = {}
        if item.aligned and item.duty_id and item.id in fitted:
            for use in by_duty.get(item.duty_id, []):
                served[use.goal_id] = f"through duty {item.duty_id}"
        for use, concepts in zip(uses, goal_c, strict=True):
            shared = meaning.objects(item_c[n] & concepts, th)
            if use.goal_id not in served and shared:
                served[use.goal_id] = f"names {'، '.join(meaning.labels(shared, th))}"
        item.goals = sorted(served)
        item.goal_why = "; ".join(f"{g}: {served[g]}" for g in item.goals) or "serves no goal of the city's plans"
        for use in uses:
            if use.goal_id in served:
                use.items += 1
                use.amount_rials += item.amount_rials or 0
    return uses


def _per_agency(snap: Snapshot, items: list[AlignmentItem]) -> list[AgencyAlignment]:
    names = {a["id"]: a["nameFa"] for a in snap["agency"]}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        counts[item.provider][0] += int(item.aligned)
        counts[item.provider][1] += 1
    rows = [AgencyAlignment(a, names.get(a, a), c[0], c[1]) for a, c in counts.items()]
    return sorted(rows, key=lambda r: (r.ratio, -r.total, r.agency_id))
