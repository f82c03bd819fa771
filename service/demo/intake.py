"""The intake branch's demo records (issue 19 items 2, 4, 5): ``service/data/demo_intake.json``.

After the main bundle: a national body, two more invented knowledge-based firms (flagged), a sample of
the innovation office's product catalogue, issues from several of seed 001's nine sources at its three
levels, the planners' club with its six desks; then the committee's decisions on the top proposals and
the councils' decisions on the list, made the way the directorate makes them (through the registry)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.enums import CouncilOutcome, ProposalOutcome
from service.errors import ServiceError
from service.registry import intake
from service.registry.bundle import import_bundle
from service.registry.clubs import ClubIn, upsert_club
from service.registry.intake_chain import chain_of, council_decisions, decide_list
from service.registry.repository import Repository
from service.settings import Settings
from service.storage.port import GraphStore

SECRETARY = Actor(name="دبیرخانه کمیته تدوین برنامه (نمایشی)", role=Role.DIRECTORATE)


def demo_intake() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("service.data").joinpath("demo_intake.json").read_text(encoding="utf-8"))
    return data


async def load_intake_demo(store: GraphStore, settings: Settings | None = None) -> None:
    data = demo_intake()
    prepared = await import_bundle(store, data["bundle"])
    if prepared.problems:
        raise ServiceError("DEMO_INVALID", f"demo_intake.json: {[p.as_dict() for p in prepared.problems[:5]]}",
                           "دادهٔ نمایشی پذیرش مسائل نادرست است", status=500)  # fmt: skip
    await upsert_club(store, None, ClubIn.model_validate(data["club"]))
    chain = chain_of(settings or Settings())
    repo = Repository(store)
    found = await intake.proposals(store)
    for d in data["decisions"]:  # each names one member issue: the proposal holding it today
        proposal = next((p for p in found if d["issueId"] in p.cluster.member_ids), None)
        if proposal is None:
            raise ServiceError("DEMO_INVALID", f"no open proposal holds {d['issueId']}", "پیشنهادی با این مسئله نیست", status=500)
        await intake.decide(repo, chain, SECRETARY, proposal.key, ProposalOutcome(d["outcome"]), d["reason"],
                            d.get("priority"), d.get("ownerAgencyId"))  # fmt: skip
    known = {b.code for b in chain[1:]}
    councils = [c for c in data["councils"] if c["body"] in known]  # a configured chain of other bodies: none
    for c in councils:
        approved = intake.approved_list(await intake.decisions(repo))
        await decide_list(store, chain, SECRETARY, c["body"], CouncilOutcome(c["outcome"]), c["reason"], approved,
                          intake.list_hash(approved), await intake.round_version(store))  # fmt: skip
    assert len(await council_decisions(store)) == len(councils)
