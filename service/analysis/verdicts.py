"""The directorate's verdicts on findings, kept in the graph as ``Finding`` nodes.

A verdict holds the versions of the records it judged (its fingerprint); when one of them
changes, the verdict no longer applies and the finding comes back for review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from service.domain.actor import Actor
from service.registry.audit import audit_event
from service.registry.clock import now_iso
from service.storage.port import GraphStore


@dataclass(frozen=True)
class Verdict:
    id: str
    verdict: str
    fingerprint: str
    by: str | None = None
    at: str | None = None
    note: str | None = None
    option: str | None = None  # GAO step 4: the option the directorate chose (merge, lead_agency, agreement, keep)


def fingerprint(records: Iterable[dict[str, Any]]) -> str:
    """Ids and versions of the judged records, in id order."""
    return ";".join(f"{r['id']}@{r.get('version', 1)}" for r in sorted(records, key=lambda r: r["id"]))


async def load_verdicts(store: GraphStore) -> dict[str, Verdict]:
    rows = await store.read("finding/list")
    return {
        r["node"]["id"]: Verdict(r["node"]["id"], r["node"]["verdict"], r["node"]["fingerprint"],
                                 r["node"].get("by"), r["node"].get("at"), r["node"].get("note"), r["node"].get("option"))
        for r in rows
    }


async def save_verdict(store: GraphStore, finding_id: str, verdict: str, print_: str, actor: Actor, note: str | None,
                       option: str | None = None) -> Verdict:  # fmt: skip
    props = {"verdict": verdict, "fingerprint": print_, "by": actor.name, "at": now_iso(), "note": note,
             "kind": finding_id.split(":")[0]}  # fmt: skip
    props = {k: v for k, v in props.items() if v is not None}
    props["option"] = option  # null removes an earlier choice
    audit = audit_event(actor, "verdict", "Finding", finding_id, None, props)
    rows = await store.write("finding/set_verdict", {"id": finding_id, "props": props, "audit": audit})
    node = rows[0]["node"]
    return Verdict(node["id"], node["verdict"], node["fingerprint"], node.get("by"), node.get("at"), node.get("note"),
                   node.get("option"))  # fmt: skip
