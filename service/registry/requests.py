"""Filing requests and moving them along the workflow, with every step kept."""

from __future__ import annotations

from service.domain.actor import Actor, Role
from service.domain.enums import RequestStatus
from service.domain.workflow import TRANSITIONS, Party, allowed
from service.errors import ServiceError, version_conflict
from service.registry.clock import new_id
from service.registry.events import Event
from service.registry.repository import Repository
from service.registry.specs import REQUEST
from service.storage.port import Row

_FA_STATUS = {
    "draft": "پیش‌نویس", "submitted": "ثبت‌شده", "acknowledged": "دریافت‌شده", "in_progress": "در حال انجام",
    "done": "انجام‌شده", "rejected": "ردشده", "withdrawn": "پس‌گرفته",
}  # fmt: skip


async def move_request(
    repo: Repository,
    request_id: str,
    to_status: RequestStatus,
    actor: Actor,
    comment: str | None = None,
    expected_version: int | None = None,
) -> Row:
    """Apply one workflow step; illegal moves and moves by the wrong party are refused."""
    current = await repo.get(REQUEST, request_id)
    status = RequestStatus(current["status"])
    party = allowed(status, to_status)
    if party is None:
        options = ", ".join(s.value for s in TRANSITIONS[status]) or "none (final)"
        raise ServiceError(
            "ILLEGAL_TRANSITION",
            f"a {status.value} request cannot become {to_status.value}; allowed: {options}",
            f"درخواستِ «{_FA_STATUS[status.value]}» نمی‌تواند «{_FA_STATUS[to_status.value]}» شود",
            field="status",
            status=422,
            details={"from": status.value, "to": to_status.value, "allowed": [s.value for s in TRANSITIONS[status]]},
        )
    if actor.role == Role.AGENCY:
        party_agency = current["senderId"] if party == Party.SENDER else current["receiverId"]
        if actor.agency_id != party_agency:
            raise ServiceError(
                "FORBIDDEN",
                f"only the {party.value} agency may make this move",
                "این گام را فقط دستگاه " + ("فرستنده" if party == Party.SENDER else "گیرنده") + " می‌تواند بردارد",
                status=403,
            )
    row = await repo.guarded_write(
        REQUEST,
        request_id,
        "request/transition",
        {
            "fromStatus": status.value,
            "toStatus": to_status.value,
            "stepId": new_id("st"),
            "by": actor.name,
            "byAgencyId": actor.agency_id,
            "comment": comment,
        },
        expected_version,
        current,
        action="transition",
        audit_after={"status": to_status.value, "comment": comment},
    )
    if row is None:  # the status moved under us while the version did not: cannot happen, but say so
        raise version_conflict("Request", request_id, current["version"])
    repo.publish(Event("request", "moved", {**current, **row}))
    return row
