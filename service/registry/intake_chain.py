"""The chain the prioritised issues go up (seed 001): the committee that merges and prioritises them,
then each council in turn approves the list or returns it.

The chain is configurable (``HAMAHANG_INTAKE_CHAIN``); by default it is seed 001's: the mid-term plan's
drafting committee, the commission on strategic and operational dimensions, the municipality's supreme
council for planning and excellence, then the city council. A council decides on the list as it stands
(its hash: the kept proposals with priorities and owners); it may decide only once the body before it
approved that very list, and a change the committee makes afterwards starts the climb again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from service.analysis.vocab.lists import INTAKE_CHAIN, terms
from service.domain.actor import Actor
from service.domain.enums import CouncilOutcome
from service.errors import ServiceError, version_conflict
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.settings import Settings
from service.storage.port import GraphStore, Row


@dataclass(frozen=True)
class ChainBody:
    code: str
    position: int  # 1: the committee
    fa: str
    en: str


def chain_of(settings: Settings) -> list[ChainBody]:
    configured = settings.intake_chain
    if configured:
        return [ChainBody(b.code, n, b.fa, b.en or b.code) for n, b in enumerate(configured, 1)]
    return [ChainBody(t.code, t.position, t.fa, t.en) for t in terms(INTAKE_CHAIN)]


def committee_of(chain: list[ChainBody]) -> ChainBody:
    return chain[0]


async def council_decisions(store: GraphStore) -> list[Row]:
    return [dict(r["node"]) for r in await store.read("intake/council_decisions")]


@dataclass
class Step:
    """Where one body stands on the current list."""

    body: ChainBody
    status: str  # committee | approved | returned | awaiting | waiting (an earlier body has not approved)
    decision: Row | None  # its latest decision on the current list
    history: list[Row]  # all its decisions, oldest first


def steps(chain: list[ChainBody], councils: list[Row], current_hash: str, has_list: bool) -> list[Step]:
    out: list[Step] = [Step(chain[0], "committee", None, [])]
    open_door = has_list  # the committee has kept something: the first council may decide
    for body in chain[1:]:
        history = [r for r in councils if r["body"] == body.code]
        on_list = [r for r in history if r["listHash"] == current_hash]
        latest = on_list[-1] if on_list else None
        if latest is not None and open_door:
            status = latest["outcome"]
        else:
            status = "awaiting" if open_door else "waiting"
            latest = latest if open_door else None
        out.append(Step(body, status, latest, history))
        open_door = open_door and status == CouncilOutcome.APPROVED.value
    return out


def _refuse(code: str, en: str, fa: str, field: str = "body", status: int = 409) -> ServiceError:
    return ServiceError(code, en, fa, field=field, status=status)


async def decide_list(store: GraphStore, chain: list[ChainBody], actor: Actor, body_code: str, outcome: CouncilOutcome,
                      reason: str, approved: list[Row], current_hash: str, round_now: int,
                      expected_round: int | None = None) -> Row:  # fmt: skip
    """Record ``body_code``'s decision on the current approved list, in the chain's order."""
    body = next((b for b in chain if b.code == body_code), None)
    if body is None:
        codes = ", ".join(b.code for b in chain)
        raise _refuse("VALIDATION", f"body: {body_code!r} is not in the chain ({codes})",
                      f"«{body_code}» در زنجیرهٔ شوراها نیست ({codes})", status=422)  # fmt: skip
    if body.position == 1:
        raise _refuse("VALIDATION", "body: the committee decides proposal by proposal (decideIssueProposal), not the list",
                      "کمیته دربارهٔ تک‌تک پیشنهادها تصمیم می‌گیرد، نه دربارهٔ کل فهرست", status=422)  # fmt: skip
    why = (reason or "").strip()
    if not 3 <= len(why) <= 2000:
        raise _refuse("VALIDATION", "reason: say why, in 3 to 2000 characters", "دلیل تصمیم را در ۳ تا ۲۰۰۰ نویسه بنویسید",
                      "reason", 422)  # fmt: skip
    if not approved:
        raise _refuse("INTAKE_LIST_EMPTY", "the committee has kept no proposal yet: there is no list to send up",
                      "کمیته هنوز هیچ پیشنهادی را نپذیرفته است؛ فهرستی برای ارسال نیست")  # fmt: skip
    state = {s.body.code: s for s in steps(chain, await council_decisions(store), current_hash, True)}
    if state[body.code].status == "waiting":
        before = chain[body.position - 2]
        raise _refuse("CHAIN_ORDER", f"{before.en} has not approved the current list yet",
                      f"«{before.fa}» هنوز فهرست کنونی را تصویب نکرده است")  # fmt: skip
    if state[body.code].status == CouncilOutcome.APPROVED.value:
        raise _refuse("ALREADY_DECIDED", f"{body.en} already approved this list", f"«{body.fa}» این فهرست را پیش‌تر تصویب کرده است")
    if expected_round is not None and expected_round != round_now:
        raise version_conflict("IntakeRound", "current", round_now)
    ident, now = new_id("cdc"), now_iso()
    items = [{"key": r["proposalKey"], "priority": r.get("priority"), "owner": r.get("ownerAgencyId")} for r in approved]
    props: dict[str, Any] = {"body": body.code, "position": body.position, "outcome": CouncilOutcome(outcome).value,
                             "reason": why, "listHash": current_hash, "itemCount": len(approved),
                             "items": json.dumps(items, ensure_ascii=False), "decidedBy": actor.name,
                             "role": actor.role.value, "at": now, "createdAt": now}  # fmt: skip
    audit = audit_event(actor, "decide_list", "CouncilDecision", ident, None, props)
    rows = await store.write("intake/council_decide", {"id": ident, "props": props, "expectedVersion": round_now,
                                                       "now": now, "audit": audit})  # fmt: skip
    if not rows:
        raise version_conflict("IntakeRound", "current", None)
    return dict(rows[0]["node"])
