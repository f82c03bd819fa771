"""The registry as one networkx graph, filtered the way analysts ask (agency, kind, function,
exchange kind, Jalali years), and clustered by agency kind when it is too big to draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from service.analysis.snapshot import Snapshot
from service.data.taxonomy import division, function_name
from service.pictures import words
from service.pictures.style import LOOKS
from service.site.lang import Lang
from service.text.jalali import jalali_year
from service.text.units import unit_label

Row = dict[str, Any]
DRAW_LIMIT = 1200  # more nodes than this and vis-network stops being readable (FIELD-NOTES.md)


@dataclass(frozen=True)
class GraphFilter:
    agency: str | None = None
    kind: str | None = None
    function: str | None = None
    exchange_kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def year_ok(self, iso: str | None) -> bool:
        if not iso or (self.year_from is None and self.year_to is None):
            return True
        year = jalali_year(iso)
        if year is None:  # a stored date no Jalali year holds: in none of the years a filter can name
            return False
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)


Field = tuple[str, str]


def _title(*lines: str | None) -> str:
    return "\n".join(line for line in lines if line)


def _fields(*pairs: tuple[str, object]) -> list[Field]:
    return [(k, str(v)) for k, v in pairs if v not in (None, "", [])]


def _tip(label: str, kind: str, fields: list[Field], skip: int = 1) -> str:
    """The hover text: name, kind, then the first few fields (plain text, Persian digits)."""
    return _title(label, kind, *[f"{k}: {v}" for k, v in fields[skip : skip + 4]])


def _window(a: str | None, b: str | None, lang: Lang = "fa") -> str:
    return (" to " if lang == "en" else " تا ").join(x for x in (words.jdate(a, lang), words.jdate(b, lang)) if x)


def _quantity(r: Row, lang: Lang = "fa") -> str:
    q = r.get("quantity")
    if q is None:
        return ""
    return f"{words.num(q, 0 if float(q).is_integer() else 2, lang)} {unit_label(r.get('unit'), lang=lang)}".strip()


def build(snap: Snapshot, lang: Lang = "fa") -> nx.MultiDiGraph:
    """Every record a node (``type``, ``label``, ``title`` for hover, ``fields`` for the side panel, in
    the page's language: English names and titles where the record has them, field names from
    ``words.FIELDS``), every relation an edge (``type``)."""
    g = nx.MultiDiGraph()
    en = lang == "en"

    def own(r: Row, fa_key: str) -> str:
        """A record's name or title in the page's language (Persian where it has no English one)."""
        english = r.get(fa_key[:-2] + "En") if en else None
        return str(english or r[fa_key])

    def digits(text: object) -> str:
        return str(text) if en else words.fa(text)

    sep = ", " if en else "، "
    names: dict[str, str] = {a["id"]: own(a, "nameFa") for a in snap["agency"]}

    def name(ident: str | None) -> str:
        return names.get(ident or "", ident or "")

    def node(ident: str, record_type: str, label: str, fields: list[Field], **attrs: Any) -> None:
        look = LOOKS[record_type].name_en if en else LOOKS[record_type].name_fa
        fields = [(words.field(k, lang), v) for k, v in fields]
        g.add_node(ident, type=record_type, label=label, fields=fields, title=_tip(label, look, fields), **attrs)

    for a in snap["agency"]:
        fictional = ("fictional name" if lang == "en" else "نام ساختگی") if a.get("fictional") else None
        fields = _fields(("نام", a["nameFa"]), ("یادداشت", fictional),
                         ("نوع", words.word(a.get("kind"), lang)), ("سطح", words.word(a.get("level"), lang)),
                         ("نام انگلیسی", a.get("nameEn")), ("کد", a.get("code")), ("زیرمجموعهٔ", name(a.get("parentId")) if a.get("parentId") else None),
                         ("تلفن", digits(a["contactPhone"]) if a.get("contactPhone") else None), ("رایانامه", a.get("contactEmail")),
                         ("نشانی", a.get("contactAddress")))  # fmt: skip
        node(a["id"], "Agency", own(a, "nameFa"), fields, kind=a.get("kind"), level=a.get("level"))
    for a in snap["agency"]:
        if a.get("parentId") in g:
            g.add_edge(a["id"], a["parentId"], type="PART_OF")
    for d in snap["duty"]:
        fn = d["functionCode"]
        fields = _fields(("عنوان", d["titleFa"]), ("کارکرد", f"{digits(fn)} {function_name(fn, lang) or ''}".strip()),
                         ("دستگاه مسئول", name(d["agencyId"])), ("پشتیبان‌ها", sep.join(name(s) for s in d.get("supportAgencyIds") or [])),
                         ("شرح", d.get("descriptionFa")))  # fmt: skip
        node(d["id"], "Duty", own(d, "titleFa"), fields, function=fn, division=division(fn))
        g.add_edge(d["agencyId"], d["id"], type="HAS_DUTY", role="lead")
        for s in d.get("supportAgencyIds") or []:
            g.add_edge(s, d["id"], type="HAS_DUTY", role="support")
    for key, label, rel, money, start, stop in (("capacity", "Capacity", "OFFERS", "costRials", "availableFrom", "availableTo"),
                                                ("need", "Need", "NEEDS", "valueRials", "neededFrom", "neededTo")):  # fmt: skip
        for r in snap[key]:
            fields = _fields(("عنوان", r["titleFa"]), ("نوع", words.word(r.get("kind"), lang)), ("مقدار", _quantity(r, lang)),
                             ("بازه", _window(r.get(start), r.get(stop), lang)), ("ارزش", words.rials(r.get(money), lang)),
                             ("دستگاه", name(r["agencyId"])), ("محل", r.get("location")), ("شرح", r.get("descriptionFa")))  # fmt: skip
            node(r["id"], label, own(r, "titleFa"), fields, amount=r.get(money) or 0)
            g.add_edge(r["agencyId"], r["id"], type=rel)
    for i in snap["issue"]:
        fields = _fields(("عنوان", i["titleFa"]), ("شدت", words.word(i.get("severity"), lang)), ("وضعیت", words.word(i.get("status"), lang)),
                         ("دسته", words.word(i.get("category"), lang)), ("تاریخ طرح", words.jdate(i.get("raisedOn"), lang)),
                         ("مطرح‌کننده", name(i["raisedById"])), ("دستگاه‌های طرف", sep.join(name(c) for c in i.get("concernsIds") or [])),
                         ("منبع", _source(i.get("source"), lang)), ("سطح گردآوری", _level(i.get("level"), lang)),
                         ("شرح", i.get("descriptionFa")))  # fmt: skip
        node(i["id"], "Issue", own(i, "titleFa"), fields, date=i.get("raisedOn"), level=i.get("level"), source=i.get("source"))
        g.add_edge(i["raisedById"], i["id"], type="RAISED")
        for c in i.get("concernsIds") or []:
            g.add_edge(i["id"], c, type="CONCERNS")
    for x in snap["exchange"]:
        amount = x.get("amountRials")
        estimate = x.get("estimatedValueRials") if amount is None else None  # #18.3: shown as an estimate
        worth = words.rials(estimate, lang) + (" (estimated)" if lang == "en" else " (برآورد)") if estimate else None
        fields = _fields(("عنوان", x["titleFa"]), ("نوع", words.word(x["kind"], lang)), ("مبلغ", words.rials(amount, lang)), ("ارزش", worth),
                         ("تاریخ", words.jdate(x.get("date"), lang)), ("وضعیت", words.word(x.get("status"), lang)),
                         ("ارائه‌دهنده", name(x["providerId"])), ("گیرنده", name(x["receiverId"])), ("قرارداد", x.get("contractRef")))  # fmt: skip
        node(x["id"], "Exchange", own(x, "titleFa"), fields, date=x.get("date"), exchange_kind=x["kind"], amount=amount or estimate or 0)
        g.add_edge(x["providerId"], x["id"], type="GAVE", amount=amount or estimate or 0)
        g.add_edge(x["id"], x["receiverId"], type="TO", amount=amount or estimate or 0)
    for r in snap["request"]:
        fields = _fields(("موضوع", r["subject"]), ("وضعیت", words.word(r.get("status"), lang)), ("تاریخ ثبت", words.jdate(r.get("filedOn"), lang)),
                         ("مهلت", words.jdate(r.get("dueDate"), lang)), ("فرستنده", name(r["senderId"])), ("گیرنده", name(r["receiverId"])))  # fmt: skip
        node(r["id"], "Request", r["subject"], fields, date=r.get("filedOn"))
        g.add_edge(r["senderId"], r["id"], type="SENT")
        g.add_edge(r["id"], r["receiverId"], type="ADDRESSED_TO")
    for w in snap["working_group"]:
        members = w.get("members") or []
        fields = _fields(("نام", w["nameFa"]), ("اعضا", words.num(len(members), lang=lang)), ("مأموریت", w.get("mandateFa")))
        node(w["id"], "WorkingGroup", own(w, "nameFa"), fields)
        for m in members:
            g.add_edge(m["agencyId"], w["id"], type="MEMBER_OF", role=m["role"])
    return g


def apply(g: nx.MultiDiGraph, f: GraphFilter) -> nx.MultiDiGraph:
    """Keep what the filter asks for; a record goes when all the agencies it touches are gone."""
    keep = set(g.nodes)
    for n, data in g.nodes(data=True):
        t = data["type"]
        if t == "Exchange" and f.exchange_kind and data.get("exchange_kind") != f.exchange_kind:
            keep.discard(n)
        elif t in ("Exchange", "Request", "Issue") and not f.year_ok(data.get("date")):
            keep.discard(n)
        elif t == "Duty" and f.function and not str(data.get("function", "")).startswith(f.function):
            keep.discard(n)
        elif t == "Agency" and f.kind and data.get("kind") != f.kind:
            keep.discard(n)
    if f.function:  # agencies without a matching duty leave too
        keep -= {n for n, d in g.nodes(data=True) if d["type"] == "Agency"
                 and not any(g.nodes[m]["type"] == "Duty" and m in keep for m in g.successors(n))}  # fmt: skip
    view = g.subgraph(keep)
    records = [n for n, d in view.nodes(data=True) if d["type"] != "Agency"]
    orphans = {n for n in records if not any(view.nodes[m]["type"] == "Agency" for m in nx.all_neighbors(view, n))}
    view = g.subgraph(keep - orphans)
    if f.agency and f.agency in view:
        return ego(nx.MultiDiGraph(view), f.agency, 1)
    return nx.MultiDiGraph(view)


def ego(g: nx.MultiDiGraph, center: str, hops: int) -> nx.MultiDiGraph:
    """The records and agencies within ``hops`` steps of one agency, either direction."""
    return nx.MultiDiGraph(nx.ego_graph(g, center, radius=hops, undirected=True))


def cluster_by_kind(g: nx.MultiDiGraph, lang: Lang = "fa") -> nx.MultiDiGraph:
    """Too big to draw: one node per agency kind, edges summed between kinds (records folded in)."""
    owner: dict[str, str] = {}
    for n, d in g.nodes(data=True):
        if d["type"] == "Agency":
            owner[n] = f"kind:{d.get('kind')}"
    for n in g.nodes:
        if n not in owner:
            agencies = [m for m in nx.all_neighbors(g, n) if m in owner]
            if agencies:
                owner[n] = owner[agencies[0]]
    c = nx.MultiDiGraph()
    sizes: dict[str, int] = {}
    for n, group in owner.items():
        sizes[group] = sizes.get(group, 0) + (1 if g.nodes[n]["type"] == "Agency" else 0)
    for group, size in sizes.items():
        kind, count = words.word(group.split(":", 1)[1], lang), words.num(size, lang=lang)
        c.add_node(group, type="Cluster", label=f"{kind} ({count})", title=f"{kind}: {count} {words.field('دستگاه‌ها', lang)}", size=size,
                   fields=[(words.field("گروه", lang), kind), (words.field("دستگاه‌ها", lang), count)])  # fmt: skip
    weights: dict[tuple[str, str], float] = {}
    for a, b in g.edges():
        ga, gb = owner.get(a), owner.get(b)
        if ga and gb and ga != gb:
            weights[(ga, gb)] = weights.get((ga, gb), 0.0) + 1.0
    for (a, b), w in weights.items():
        c.add_edge(a, b, type="LINKS", count=w)
    return c


def _source(code: str | None, lang: Lang) -> str | None:
    """An issue's information source by name (seed 001's nine), for the side panel."""
    from service.analysis.vocab.lists import ISSUE_SOURCES, term

    found = term(ISSUE_SOURCES, code)
    return found.label(lang) if found else None


def _level(code: str | None, lang: Lang) -> str | None:
    """Where an issue was collected: ستادی، سازمانی، منطقه‌ای (the agency words would say «منطقهٔ شهرداری»)."""
    from service.domain.enums import ISSUE_LEVEL_FA

    if not code:
        return None
    return code if lang == "en" else ISSUE_LEVEL_FA.get(code, code)
