"""GraphML and GEXF: the registry as the graph Gephi, yEd, Kumu and Cytoscape open.

Every record is a node keyed by its registry id, with ``type`` (Agency, Duty, …), ``label``
(its Persian name), ``nameEn`` and every field of the record; lists are JSON strings, since
both formats hold only scalars. Every relation is an edge with ``type`` (PART_OF, HAS_DUTY,
GAVE, …), ``role`` where the relation has one and ``amountRials`` on an exchange's GAVE/TO.
GEXF reserves an edge's ``type`` for its direction, so there the relation is the edge label.
Reading a file back rebuilds the bundle's relation fields from the edges alone.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from service.interop.loader import Bundle, Row
from service.registry.bundle import SECTIONS

if TYPE_CHECKING:  # networkx (0.2 s) is imported when a graph file is written or read, not at the service's start
    import networkx as nx

TYPES = {"agencies": "Agency", "duties": "Duty", "capacities": "Capacity", "needs": "Need", "issues": "Issue",
         "exchanges": "Exchange", "requests": "Request", "workingGroups": "WorkingGroup"}  # fmt: skip
SECTION_OF = {t: s for s, t in TYPES.items()}
LABEL_FIELD = {"agencies": "nameFa", "workingGroups": "nameFa", "requests": "subject"}  # others: titleFa
EN_FIELD = {"agencies": "nameEn", "workingGroups": "nameEn"}  # others: titleEn
DERIVED = ("type", "label")
# (section, field) -> (edge type, edge points from the record (out) or to it (in))
EDGES: dict[tuple[str, str], tuple[str, str]] = {
    ("agencies", "parentId"): ("PART_OF", "out"), ("duties", "agencyId"): ("HAS_DUTY", "in"),
    ("duties", "supportAgencyIds"): ("HAS_DUTY", "in"), ("capacities", "agencyId"): ("OFFERS", "in"),
    ("needs", "agencyId"): ("NEEDS", "in"), ("issues", "raisedById"): ("RAISED", "in"),
    ("issues", "concernsIds"): ("CONCERNS", "out"), ("issues", "blocksDutyId"): ("BLOCKS", "out"),
    ("exchanges", "providerId"): ("GAVE", "in"), ("exchanges", "receiverId"): ("TO", "out"),
    ("exchanges", "dutyId"): ("SERVES", "out"), ("requests", "senderId"): ("SENT", "in"),
    ("requests", "receiverId"): ("ADDRESSED_TO", "out"), ("requests", "aboutId"): ("ABOUT", "out"),
    ("workingGroups", "members"): ("MEMBER_OF", "in"), ("workingGroups", "dutyIds"): ("COORDINATES", "out"),
}  # fmt: skip
LISTS = {"supportAgencyIds", "concernsIds", "members", "dutyIds"}


def _scalar(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _edge_attrs(section: str, field: str, row: Row, item: Any) -> dict[str, Any]:
    kind, _ = EDGES[(section, field)]
    attrs: dict[str, Any] = {"type": kind}
    if field in ("agencyId", "supportAgencyIds") and section == "duties":
        attrs["role"] = "lead" if field == "agencyId" else "support"
    if isinstance(item, dict):
        attrs["role"] = item["role"]
    if section == "exchanges" and kind in ("GAVE", "TO") and row.get("amountRials") is not None:
        attrs["amountRials"] = row["amountRials"]
    return attrs


def bundle_to_graph(bundle: Bundle) -> nx.MultiDiGraph:
    """Records as nodes, relations as edges; links to records outside the bundle are left out."""
    import networkx as nx

    g = nx.MultiDiGraph(name="hamahang")
    for section, rows in bundle.items():
        relations = SECTIONS[section].relations
        for row in rows:
            attrs = {k: _scalar(v) for k, v in row.items() if k not in relations and k != "id" and v is not None}
            label = row.get(LABEL_FIELD.get(section, "titleFa"))
            english = row.get(EN_FIELD.get(section, "titleEn"))
            attrs.update(type=TYPES[section], label=label)
            if english:
                attrs["nameEn"] = english
            g.add_node(row["id"], **attrs)
    for section, rows in bundle.items():
        for row in rows:
            for (sec, field), (_, direction) in EDGES.items():
                if sec != section or row.get(field) is None:
                    continue
                items = row[field] if isinstance(row[field], list) else [row[field]]
                for item in items:
                    other = item["agencyId"] if isinstance(item, dict) else item
                    if other in g:
                        a, b = (row["id"], other) if direction == "out" else (other, row["id"])
                        g.add_edge(a, b, **_edge_attrs(section, field, row, item))
    return _harmonise(g)


def _harmonise(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One type per attribute name (a float anywhere makes the ints floats), as both formats want."""
    floats = {k for _, d in g.nodes(data=True) for k, v in d.items() if isinstance(v, float)}
    for _, d in g.nodes(data=True):
        for k in floats & set(d):
            if isinstance(d[k], int) and not isinstance(d[k], bool):
                d[k] = float(d[k])
    return g


def to_graphml(bundle: Bundle) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(bundle_to_graph(bundle), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(bundle: Bundle) -> bytes:
    import networkx as nx

    g = bundle_to_graph(bundle)
    for _, _, data in g.edges(data=True):
        data["label"] = data.pop("type")  # GEXF's own edge "type" means directed/undirected
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()


def graph_to_bundle(g: nx.MultiDiGraph) -> Bundle:
    """The bundle back from a graph this module wrote (GraphML or GEXF, read by networkx)."""
    rows: dict[str, Row] = {}
    section_of: dict[str, str] = {}
    bundle: Bundle = {s: [] for s in SECTIONS}
    for node, data in g.nodes(data=True):
        section = SECTION_OF.get(str(data.get("type")))
        if section is None:
            raise ValueError(f"node {node!r}: unknown type {data.get('type')!r}")
        row: Row = {"id": str(node)}
        for k, v in data.items():
            if k in DERIVED or (k == "nameEn" and section not in EN_FIELD):
                continue
            row[k] = json.loads(v) if k in ("beneficiaries", "geography", "history", "budgetYears", "budgetRials") and isinstance(v, str) else v
        rows[str(node)], section_of[str(node)] = row, section
        bundle[section].append(row)
    lists: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for a, b, data in g.edges(data=True):
        kind = data.get("type") or data.get("label")
        for (section, field), (edge, direction) in EDGES.items():
            record, other = (str(a), str(b)) if direction == "out" else (str(b), str(a))
            if edge != kind or section_of.get(record) != section:
                continue
            if field == "agencyId" and section == "duties" and data.get("role") == "support":
                continue
            if field == "supportAgencyIds" and data.get("role") != "support":
                continue
            if field in LISTS:
                lists[(record, field)].append({"agencyId": other, "role": data.get("role", "member")}
                                              if field == "members" else other)  # fmt: skip
            else:
                rows[record][field] = other
    for (record, field), values in lists.items():
        rows[record][field] = sorted(values, key=lambda v: v["agencyId"] if isinstance(v, dict) else v)
    return bundle


def read_graphml(data: bytes) -> Bundle:
    import networkx as nx

    return graph_to_bundle(nx.read_graphml(io.BytesIO(data), force_multigraph=True))


def read_gexf(data: bytes) -> Bundle:
    import networkx as nx

    return graph_to_bundle(nx.read_gexf(io.BytesIO(data)))
