"""The demo's agreements (``service/data/demo_agree.json``): each is replayed through the agreement
use cases, one event at a time on the day it names (signatures, moves, orders, deliveries, payments
and their answers), so the demo holds only what the rules allow and its history reads as if the
parties had used the registry. The directorate acts for the side each step belongs to (the first
agency of that side, or the one an event names with ``by``). Dates sit from 1401 to around today
(1405/09/09): some agreements are settled, some late, some await a signature, an answer or a payment."""

from __future__ import annotations

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


async def _replay(repo: Repository, ident: str, event: dict[str, Any], keys: dict[str, str]) -> None:
    on = business_date(event["on"]).isoformat()
    current = await repo.get(AGREEMENT, ident)
    if "sign" in event:
        await agreements.sign_agreement(repo, ident, DEMO, on, event["sign"])
    elif "move" in event:
        to = A(event["move"])
        side = MOVES[A(current["status"])].get(to, Side.PARTY)
        await agreements.move_agreement(repo, ident, to, DEMO, on, event.get("comment"), _for(current, side, event))
    elif "step" in event:
        kind = StepKind(event["step"])
        data = StepIn(kind=kind, titleFa=event.get("titleFa"), valueRials=event.get("valueRials"), on=on,
                      dueDate=event.get("dueDate"), refId=keys.get(event.get("ref") or ""), exchangeId=event.get("exchangeId"))  # fmt: skip
        _, step = await steps.add_step(repo, ident, data, DEMO, on, _for(current, STEPS[kind].by, event))
        keys[event["key"]] = step["id"]
    else:
        status, step_id = StepStatus(event["status"]), keys[event["answer"]]
        rows = (await steps.load_steps(repo, [ident]))[ident]
        side = STEPS[StepKind(next(r["kind"] for r in rows if r["id"] == step_id))].answers[status]
        await steps.answer_step(repo, ident, step_id, status, DEMO, on, event.get("reason"), _for(current, side, event))


async def load_demo_agreements(store: GraphStore) -> int:
    """Replay every demo agreement; a broken event fails loudly (the demo must follow the rules)."""
    repo = Repository(store, DEMO)
    for item in demo_agreements():
        row = await agreements.create_agreement(repo, AgreementIn.model_validate(item["agreement"]), DEMO)
        keys: dict[str, str] = {}
        for event in item["events"]:
            await _replay(repo, row["id"], event, keys)
    return len(demo_agreements())
