"""A stakeholder's engagement log and the commitments made to it, with their status history.

Commitments move open → kept or broken, and back to open (reopened), each move a step in the
history (who, role, when, note) and an audit event written by the same statement, which takes the
commitment's write lock before it checks the version and the status. The directorate and analysts
record and move them; the agency that owes a commitment may mark it kept and log engagement entries
that follow it up, nothing else (a commitment it does not owe answers exactly like a missing one).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from service.auth.policy import forbidden
from service.domain import stakeholder as m
from service.domain.actor import Role
from service.errors import ServiceError
from service.registry.clock import new_id, now_iso, today_iso
from service.registry.repository import Repository, public
from service.registry.specs import AGENCY, EntitySpec
from service.registry.stakeholders import STAKEHOLDER, WRITERS, require_stakeholder_write
from service.storage.port import Row

ENGAGEMENT = EntitySpec(
    "engagement", "Engagement", "en", m.EngagementIn, m.EngagementIn,
    frozenset({"stakeholderId", "agencyId", "commitmentId"}), ("noteFa",), (), ("created",),
)  # fmt: skip
COMMITMENT = EntitySpec(
    "commitment", "Commitment", "cm", m.CommitmentIn, m.CommitmentIn,
    frozenset({"stakeholderId", "ownerId"}), ("textFa",), (), ("created",),
)  # fmt: skip
# status -> the statuses it may come from, and who may make the move
MOVES: dict[str, tuple[tuple[str, ...], tuple[Role, ...]]] = {
    "kept": (("open",), (*WRITERS, Role.AGENCY)),
    "broken": (("open",), WRITERS),
    "open": (("kept", "broken"), WRITERS),
}


def _is_agency(repo: Repository) -> bool:
    return repo.actor is not None and repo.actor.role == Role.AGENCY


async def record_engagement(repo: Repository, data: m.EngagementIn, idempotency_key: str | None = None) -> Row:
    """Log an engagement. An agency logs only entries that follow up a commitment it owes, held by itself."""
    if _is_agency(repo):
        assert repo.actor is not None
        if data.commitmentId is None:
            raise forbidden("an agency logs engagement entries only on a commitment it owes (give commitmentId)",
                            "دستگاه فقط برای تعهدی که بر عهدهٔ خودش است گزارش تعامل ثبت می‌کند")  # fmt: skip
        if data.agencyId not in (None, repo.actor.agency_id):
            raise forbidden("an agency logs only its own engagements", "دستگاه فقط تعامل‌های خودش را ثبت می‌کند")
        # held by itself; the registry gives the id (a taken id would tell it another's entry exists)
        data = data.model_copy(update={"agencyId": repo.actor.agency_id, "id": None})
    elif repo.actor is not None and repo.actor.role not in WRITERS:
        require_stakeholder_write(repo.actor)
    if data.commitmentId is not None:
        commitment = await repo.get(COMMITMENT, data.commitmentId, field="commitmentId")
        if commitment["stakeholderId"] != data.stakeholderId:
            raise ServiceError("VALIDATION", "the commitment was made to another stakeholder",
                               "این تعهد به ذی‌نفع دیگری داده شده است", field="commitmentId")  # fmt: skip
    else:
        await repo.get(STAKEHOLDER, data.stakeholderId, field="stakeholderId")
    if data.agencyId is not None and not _is_agency(repo):
        await repo.get(AGENCY, data.agencyId, field="agencyId")
    return await repo.create(ENGAGEMENT, data, idempotency_key=idempotency_key)


async def make_commitment(repo: Repository, data: m.CommitmentIn, idempotency_key: str | None = None) -> Row:
    """Record a commitment made to a stakeholder and the agency that owes it; it starts open."""
    require_stakeholder_write(repo.actor)
    await repo.get(STAKEHOLDER, data.stakeholderId, field="stakeholderId")
    owner = await repo.get(AGENCY, data.ownerId, field="ownerId")
    if owner.get("kind") == "stakeholder_group":
        raise ServiceError("VALIDATION", "a stakeholder group cannot owe a commitment: an agency does",
                           "گروه ذی‌نفع نمی‌تواند متعهد باشد؛ تعهد بر عهدهٔ یک دستگاه است", field="ownerId")  # fmt: skip
    return await repo.create(COMMITMENT, data, extra={"status": "open"}, idempotency_key=idempotency_key)


def illegal(status: str, to: str) -> ServiceError:
    return ServiceError(
        "ILLEGAL_TRANSITION", f"a commitment that is {status} cannot become {to}",
        f"تعهدی که «{m.COMMITMENT_FA.get(status, status)}» است «{m.COMMITMENT_FA.get(to, to)}» نمی‌شود",
        field="status", status=409,
    )  # fmt: skip


async def move_commitment(repo: Repository, ident: str, to: m.CommitmentStatus | str, note: str | None,
                          expected_version: int | None) -> Row:  # fmt: skip
    """Mark a commitment kept or broken, or reopen it; the owner agency may only mark it kept."""
    target = m.CommitmentStatus(to).value
    current = await repo.get(COMMITMENT, ident)  # an agency reads only what it owes: NOT_FOUND otherwise
    sources, roles = MOVES[target]
    if repo.actor is not None and repo.actor.role not in roles:
        raise forbidden(f"the {repo.actor.role.value} role may not mark a commitment {target}",
                        "نقش شما اجازهٔ این تغییر وضعیت را ندارد")  # fmt: skip
    if current["status"] not in sources:
        raise illegal(current["status"], target)
    who = repo.actor
    step = {"id": new_id("cs"), "status": target, "fromStatus": current["status"], "at": now_iso(),
            "actor": who.name if who else "system", "role": who.role.value if who else "directorate",
            "agencyId": who.agency_id if who else None, "note": (note or "").strip() or None}  # fmt: skip
    step = {k: v for k, v in step.items() if v is not None}
    params = {"to": target, "from": list(sources), "step": step}
    row = await repo.guarded_write(COMMITMENT, ident, "commitment/move", params, expected_version, current,
                                   action="move_commitment", audit_after={"status": target, "note": step.get("note")})  # fmt: skip
    if row is None:  # the status moved under us (the version did not): someone else's move
        latest = await repo.get(COMMITMENT, ident)
        raise illegal(latest["status"], target)
    return row


async def engagements_of(repo: Repository, stakeholder_ids: list[str]) -> dict[str, list[Row]]:
    """Each readable stakeholder's engagement log, newest first."""
    readable = await repo.get_many(STAKEHOLDER, stakeholder_ids)
    grouped: dict[str, list[Row]] = defaultdict(list)
    if readable:
        for row in await repo.store.read("engagement/of_stakeholders", {"ids": sorted(readable)}):
            grouped[row["key"]].append(public(row["node"]))
    return grouped


async def commitments(repo: Repository, stakeholder_ids: list[str] | None = None, owner_id: str | None = None,
                      status: str | None = None) -> list[Row]:  # fmt: skip
    """Commitments the reader may read (an agency: those it owes), due first."""
    params = {"stakeholderIds": stakeholder_ids, "ownerId": owner_id, "status": status,
              "viewerId": repo.view.viewer("commitment")}  # fmt: skip
    rows = [public(r["node"]) for r in await repo.store.read("commitment/list", params)]
    return [r for r in rows if repo.view.readable("commitment", r)]


async def steps_of(repo: Repository, commitment_ids: list[str]) -> dict[str, list[Row]]:
    """The status history of each readable commitment, oldest first."""
    readable = await repo.get_many(COMMITMENT, commitment_ids)
    grouped: dict[str, list[Row]] = defaultdict(list)
    if readable:
        for row in await repo.store.read("commitment/steps", {"ids": sorted(readable)}):
            grouped[row["key"]].append(row["node"])
    return grouped


def overdue(row: dict[str, Any], today: str | None = None) -> bool:
    """Open past its due date (today: the registry's day, HAMAHANG_TODAY)."""
    return row.get("status") == "open" and bool(row.get("dueDate")) and str(row["dueDate"]) < (today or today_iso())


async def overdue_commitments(store: Any, today: str) -> list[Row]:
    """Open commitments past due on ``today`` (ISO) with their owner: what the notifier tells each owing
    agency (``cypher/commitment/overdue.cypher``, the shape of ``plan/actions_late``)."""
    rows: list[Row] = await store.read("commitment/overdue", {"today": today})
    return rows
