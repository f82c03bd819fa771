"""The demo's agreements (``service/data/demo_agree.json``): each is replayed through the agreement
use cases, one event at a time on the day it names (signatures, moves, orders, deliveries, payments
and their answers), so the demo holds only what the rules allow and its history reads as if the
parties had used the registry. The directorate acts for the side each step belongs to (the first
agency of that side, or the one an event names with ``by``). Dates sit from 1401 to around today
(1405/09/09): some agreements are settled, some late, some await a signature, an answer or a payment."""

from __future__ import annotations

import asyncio
import json
from importlib import resources
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.agreement import MOVES, STEPS, AgreementIn, Side, StepIn, side_ids
from service.domain.enums import AgreementStatus as A, StepKind, StepStatus
from service.registry import agreement_steps as steps, agreements
from service.registry.repository import Repository
from service.registry.specs import AGREEMENT
from service.storage.port import GraphStore
from service.text.jalali import business_date

DEMO = Actor(name="demo", role=Role.DIRECTORATE)


def demo_agreements() -> list[dict[str, Any]]:
    text = resources.files("service.data").joinpath("demo_agree.json").read_text(encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(text)["agreements"]
    return data


def _for(agreement: dict[str, Any], side: Side, event: dict[str, Any]) -> str:
    return str(event.get("by") or side_ids(agreement, side)[0])


async def _replay(repo: Repository, parties: dict[str, Any], event: dict[str, Any], keys: dict[str, tuple[str, StepKind]]) -> None:
    """One event; ``parties`` is the agreement as created (its parties and kind never change)."""
    ident, on = parties["id"], business_date(event["on"]).isoformat()
    if "sign" in event:
        await agreements.sign_agreement(repo, ident, DEMO, on, event["sign"])
    elif "move" in event:
        to = A(event["move"])
        status = A((await repo.get(AGREEMENT, ident))["status"])
        side = MOVES[status].get(to, Side.PARTY)
        await agreements.move_agreement(repo, ident, to, DEMO, on, event.get("comment"), _for(parties, side, event))
    elif "step" in event:
        kind = StepKind(event["step"])
        ref = keys.get(event.get("ref") or "")
        data = StepIn(kind=kind, titleFa=event.get("titleFa"), valueRials=event.get("valueRials"), on=on,
                      dueDate=event.get("dueDate"), refId=ref[0] if ref else None, exchangeId=event.get("exchangeId"))  # fmt: skip
        _, step = await steps.add_step(repo, ident, data, DEMO, on, _for(parties, STEPS[kind].by, event))
        keys[event["key"]] = (step["id"], kind)
    else:
        answer, (step_id, kind) = StepStatus(event["status"]), keys[event["answer"]]
        side = STEPS[kind].answers[answer]
        await steps.answer_step(repo, ident, step_id, answer, DEMO, on, event.get("reason"), _for(parties, side, event))


async def _one(repo: Repository, item: dict[str, Any]) -> None:
    row = await agreements.create_agreement(repo, AgreementIn.model_validate(item["agreement"]), DEMO)
    keys: dict[str, tuple[str, StepKind]] = {}
    for event in item["events"]:  # in order: each event is a step of this agreement's life
        await _replay(repo, row, event, keys)


async def load_demo_agreements(store: GraphStore) -> int:
    """Replay every demo agreement (the agreements side by side, each one's events in order); a
    broken event fails loudly (the demo must follow the rules)."""
    repo = Repository(store, DEMO)
    items = demo_agreements()
    await asyncio.gather(*(_one(repo, item) for item in items))
    return len(items)
