"""The demo's stakeholders (``service/data/demo_stake.json``): the six groups of seed 001 with
scores, engagement entries and commitments, loaded through the same use cases as GraphQL (so each
record is validated and audited like any other). Loaded after the main bundle and the city plans."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from service.domain import stakeholder as m
from service.registry.commitments import make_commitment, move_commitment, record_engagement
from service.registry.repository import Repository
from service.registry.stakeholders import create_stakeholder
from service.storage.port import GraphStore


def stake_data() -> dict[str, Any]:
    text = resources.files("service.data").joinpath("demo_stake.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


async def load_stakeholders(store: GraphStore) -> dict[str, int]:
    """Create the demo's stakeholders, then the commitments (kept or broken ones moved there), then
    the engagement log; returns the counts."""
    repo = Repository(store)  # the service itself: sees and writes everything
    data = stake_data()
    for row in data["stakeholders"]:
        await create_stakeholder(repo, m.StakeholderIn(**row))
    for row in data["commitments"]:
        fields = {k: v for k, v in row.items() if k not in ("status", "noteFa")}
        made = await make_commitment(repo, m.CommitmentIn(**fields))
        if row.get("status", "open") != "open":
            await move_commitment(repo, made["id"], row["status"], row.get("noteFa"), made["version"])
    for row in data["engagements"]:
        await record_engagement(repo, m.EngagementIn(**row))
    return {k: len(data[k]) for k in ("stakeholders", "commitments", "engagements")}
