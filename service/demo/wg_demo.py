"""The demo's working-group governance (issue 19, ``service/data/demo_wg.json``): the water-sensitive
city plan, and for each of its four groups a meeting with minutes, decisions moved along, and a
transparency report taken as far as the data says. Everything goes through the real workflow, each
step done by the agency whose role allows it (the secretariat drafts, the supervisor approves)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from service.domain.actor import Actor, Role
from service.registry.city_plans import upsert_plan
from service.registry.repository import Repository
from service.registry.specs import WORKING_GROUP
from service.registry.wg_decisions import move_decision, record_decision
from service.registry.wg_meetings import record_meeting
from service.registry.wg_reports import advance_report, draft_report
from service.storage.port import GraphStore

DEMO = Actor(name="demo", role=Role.DIRECTORATE)


def demo_wg() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("service.data").joinpath("demo_wg.json").read_text(encoding="utf-8"))
    return data


def as_agency(agency_id: str) -> Actor:
    return Actor(name="demo", role=Role.AGENCY, agency_id=agency_id)


def holder(group: dict[str, Any], role: str) -> Actor:
    """The agency holding ``role`` in ``group``, acting for the demo."""
    return as_agency(next(m["agencyId"] for m in group["members"] if m["role"] == role))


async def load_wg_demo(store: GraphStore) -> int:
    """Load it into a store that has the main demo; the number of records made."""
    data, repo = demo_wg(), Repository(store)
    await upsert_plan(store, None, data["plan"])
    groups = await repo.get_many(WORKING_GROUP, sorted({m["groupId"] for m in data["meetings"]}))
    meetings, made = {}, 0
    for m in data["meetings"]:
        row = {k: v for k, v in m.items() if k != "key"}
        meetings[m["key"]] = await record_meeting(repo, holder(groups[m["groupId"]], "secretariat"), row)
        made += 1
    for d in data["decisions"]:
        meeting = meetings[d["meeting"]]
        secretariat = holder(groups[meeting["groupId"]], "secretariat")
        row = await record_decision(repo, secretariat, {"groupId": meeting["groupId"], "meetingId": meeting["id"],
                                                        "textFa": d["textFa"], "ownerId": d["ownerId"], "dueDate": d["dueDate"]})  # fmt: skip
        for to in d["moves"]:  # the owner moves its own decision
            row = await move_decision(repo, as_agency(d["ownerId"]), row["id"], to, d.get("comment"), row["version"])
        made += 1
    for r in data["reports"]:
        group = groups[r["groupId"]]
        report = await draft_report(repo, holder(group, "secretariat"), {k: v for k, v in r.items() if k != "to"})
        if r["to"] in ("approved", "published"):
            report = await advance_report(repo, holder(group, "supervisor"), report["id"], "approve", report["version"])
        if r["to"] == "published":
            report = await advance_report(repo, holder(group, "secretariat"), report["id"], "publish", report["version"])
        made += 1
    return made
