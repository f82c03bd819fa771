"""A coordination plan's actions: added by the directorate, moved proposed → agreed → in progress →
done (or cancelled) with who/when/why kept, progress reported by their owner agencies.

The Repository's View restricts every read: an agency reads (and so can move) only the actions it
owns; another's action answers NOT_FOUND exactly like a missing one. Writers publish
``Event("plan_action", "created" | "moved", row)`` after success (CONTRACT-18), the row carrying
``ownerIds`` so a listener can route it.
"""

from __future__ import annotations

from typing import Any

from service.domain.actor import Actor, Role
from service.domain.enums import ActionStatus as A, PlanStatus as P
from service.domain.models import PlanActionIn
from service.domain.workflow import ACTION_MOVES, OPEN_ACTIONS
from service.errors import ServiceError, version_conflict
from service.registry.clock import new_id, today_iso
from service.registry.events import Event
from service.registry.plans import directorate_only, plan_closed
from service.registry.repository import Repository, public
from service.registry.specs import PLAN, PLAN_ACTION
from service.storage.port import Row

STATUS_FA = {"proposed": "پیشنهادی", "agreed": "توافق‌شده", "in_progress": "در حال انجام", "done": "انجام‌شده", "cancelled": "لغوشده"}
MAX_RIALS = 10**18  # as the Rials field of every input model
REPORTABLE = frozenset({A.AGREED.value, A.IN_PROGRESS.value, A.DONE.value})


def is_late(row: Row, today: str) -> bool:
    """Open (not done or cancelled) and past its due date: the same rule as plan/actions_late.cypher."""
    due = row.get("dueDate")
    return bool(due) and A(row["status"]) in OPEN_ACTIONS and str(due) < today


async def _open_plan(repo: Repository, plan_id: str) -> Row:
    plan = await repo.get(PLAN, plan_id, field="planId")
    if plan["status"] == P.CLOSED.value:
        raise plan_closed(plan_id)
    return plan


async def add_action(repo: Repository, actor: Actor, data: PlanActionIn, idempotency_key: str | None = None,
                     extra: dict[str, Any] | None = None) -> Row:  # fmt: skip
    """A proposed action in a plan that is not closed; every owner agency must exist."""
    directorate_only(actor)
    await _open_plan(repo, data.planId)
    data = data.model_copy(update={"ownerIds": sorted(data.ownerIds)})
    props = {"status": A.PROPOSED.value, "realisedRials": 0} | (extra or {})
    try:
        row = await repo.create(PLAN_ACTION, data, extra=props, idempotency_key=idempotency_key)
    except ServiceError as exc:
        if exc.code == "INVALID_REFERENCE":  # every reference exists: the plan was closed in between
            raise plan_closed(data.planId) from None
        raise
    repo.publish(Event("plan_action", "created", dict(row)))
    return row


async def update_action(repo: Repository, actor: Actor, action_id: str, changes: dict[str, Any], expected_version: int | None) -> Row:
    directorate_only(actor)
    current = await repo.get(PLAN_ACTION, action_id, field="id")
    await _open_plan(repo, current["planId"])
    if changes.get("option") and current["sourceKind"] != "duplication_finding":
        raise ServiceError("VALIDATION", "option: only an action on a duplication finding chooses an option",
                           "گزینه فقط برای اقدامِ یافتهٔ موازی‌کاری انتخاب می‌شود", field="option")  # fmt: skip
    return await repo.update(PLAN_ACTION, action_id, changes, expected_version, current)


def _may_move(actor: Actor, who: str, row: Row) -> None:
    if actor.role == Role.DIRECTORATE:
        return
    if who == "owner" and actor.role == Role.AGENCY and actor.agency_id in (row.get("ownerIds") or []):
        return
    raise ServiceError("FORBIDDEN", "only the coordination directorate may make this move" if who == "directorate"
                       else "only the action's owner agencies or the directorate may make this move",
                       "این گام را فقط دبیرخانهٔ هماهنگی برمی‌دارد" if who == "directorate"
                       else "این گام را فقط دستگاه‌های مسئول اقدام یا دبیرخانه برمی‌دارند", status=403)  # fmt: skip


async def report_progress(repo: Repository, actor: Actor, action_id: str, realised_rials: int | None, comment: str | None,
                          expected_version: int | None = None) -> Row:  # fmt: skip
    """A progress report (the owner or the directorate, on an agreed, started or done action): the
    money realised so far and/or a note, kept in the action's history; the status stays."""
    if realised_rials is None and not (comment or "").strip():
        raise ServiceError("VALIDATION", "a progress report needs the money realised so far or a comment",
                           "گزارش پیشرفت باید مبلغ تحقق‌یافته یا توضیحی داشته باشد", field="realisedRials")  # fmt: skip
    return await move_action(repo, actor, action_id, None, comment, realised_rials, expected_version)


async def move_action(repo: Repository, actor: Actor, action_id: str, to: A | None, comment: str | None = None,
                      realised_rials: int | None = None, expected_version: int | None = None) -> Row:  # fmt: skip
    """One step of an action's workflow, with a comment and the money realised so far; ``to`` None is
    a progress report (``report_progress``). Moving to the status it has is refused, so a second
    click on the same step never records an empty step."""
    if realised_rials is not None and not 0 <= realised_rials <= MAX_RIALS:
        raise ServiceError("VALIDATION", "realisedRials: a whole number of rials from 0 to 10^18",
                           "مبلغ تحقق‌یافته باید عددی صحیح میان ۰ و ۱۰ به توان ۱۸ ریال باشد", field="realisedRials")  # fmt: skip
    current = await repo.get(PLAN_ACTION, action_id, field="id")  # an agency's view: NOT_FOUND unless it owns it
    await _open_plan(repo, current["planId"])
    status = A(current["status"])
    target = status if to is None else A(to)
    if to is None:
        if status.value not in REPORTABLE:
            raise ServiceError("NOT_REPORTABLE", f"a {status.value} action takes no progress report",
                               f"برای اقدامِ «{STATUS_FA[status.value]}» گزارش پیشرفت ثبت نمی‌شود", field="status", status=422)  # fmt: skip
        _may_move(actor, "owner", current)
    else:
        who = ACTION_MOVES[status].get(target)
        if who is None:
            allowed = sorted(s.value for s in ACTION_MOVES[status])
            raise ServiceError(
                "ILLEGAL_TRANSITION", f"a {status.value} action cannot become {target.value}; allowed: {', '.join(allowed) or 'none (final)'}",
                f"اقدامِ «{STATUS_FA[status.value]}» نمی‌تواند «{STATUS_FA[target.value]}» شود",
                field="status", status=422, details={"from": status.value, "to": target.value, "allowed": allowed},
            )  # fmt: skip
        _may_move(actor, who, current)
    params = {"fromStatus": status.value, "toStatus": target.value, "stepId": new_id("pt"), "by": actor.name,
              "byRole": actor.role.value, "byAgencyId": actor.agency_id, "comment": comment,
              "realisedRials": realised_rials, "today": today_iso()}  # fmt: skip
    audit = {"status": target.value, "comment": comment} | ({"realisedRials": realised_rials} if realised_rials is not None else {})
    row = await repo.guarded_write(PLAN_ACTION, action_id, "plan_action/transition", params, expected_version, current,
                                   action="report" if target == status else "transition", audit_after=audit)  # fmt: skip
    if row is None:
        raise version_conflict("PlanAction", action_id, current["version"])
    repo.publish(Event("plan_action", "moved", {**current, **row}))
    return row


async def actions_of(repo: Repository, plan_ids: list[str], include_archived: bool = False) -> dict[str, list[Row]]:
    """Each plan's actions the reader may read (an agency: those it owns), by due date."""
    rows = await repo.store.read("plan_action/of_plan", {"ids": list(plan_ids), "includeArchived": include_archived,
                                                         "viewerId": repo.view.viewer("plan_action")})  # fmt: skip
    grouped: dict[str, list[Row]] = {i: [] for i in plan_ids}
    for r in rows:
        node = public(r["node"])
        if repo.view.readable("plan_action", node):
            node["ownerIds"] = sorted(node.get("ownerIds") or [])
            grouped.setdefault(r["key"], []).append(node)
    return grouped


async def actions_owned(repo: Repository, agency_id: str) -> list[Row]:
    """The actions an agency owns in plans not closed (the portal's list), as the reader may read them."""
    rows = await repo.store.read("plan_action/of_agency", {"ids": [agency_id]})
    kept = [public(r["node"]) | {"ownerIds": sorted(r["node"].get("ownerIds") or [])} for r in rows]
    return [n for n in kept if repo.view.readable("plan_action", n)]


def pick(actions: list[Row], today: str, status: A | None = None, owner_id: str | None = None, late: bool | None = None,
         source_kind: str | None = None) -> list[Row]:  # fmt: skip
    """The simple filters of ``plan.actions``: status, owner, late or not, source kind."""
    return [a for a in actions
            if (status is None or a["status"] == A(status).value)
            and (owner_id is None or owner_id in (a.get("ownerIds") or []))
            and (late is None or is_late(a, today) == late)
            and (source_kind is None or a.get("sourceKind") == source_kind)]  # fmt: skip
