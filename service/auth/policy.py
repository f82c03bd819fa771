"""The access policy, checked per object on every mutation and on every private read.

directorate: everything. analyst: reads everything, runs analyses, writes nothing.
agency: reads the shared registry (agencies, duties, capacities, working groups by default)
and, of the private kinds, only what it is a party to; writes only its own capacities and
needs, the issues it raises and the requests it sends; moves requests as their party.

Reads are enforced in one place: ``View`` is carried by the Repository, which restricts every
list, count, aggregate, lookup and traversal it serves (GraphQL, the portal, REST and the
analyses' snapshots all read through it), so no resolver has to remember the policy. A record
the reader may not read is answered exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.domain.actor import Actor, Role
from service.errors import ServiceError

# who is a party to a private record
PARTIES: dict[str, tuple[str, ...]] = {
    "need": ("agencyId",),
    "issue": ("raisedById", "concernsIds"),
    "exchange": ("providerId", "receiverId"),
    "request": ("senderId", "receiverId"),
    "plan_action": ("ownerIds",),  # a coordination plan's action: its owners (the plan's header is read by all)
    "agreement": ("providerIds", "receiverIds"),
    "intake_decision": ("partyIds",),  # a committee decision: the raisers and concerned of its issues
    # stakeholders (#19.3): the agencies whose duties serve it, party to the issues it raised, or owing it
    # a commitment (the statements compute partyIds); a commitment: the agency that owes it
    "stakeholder": ("partyIds",),
    "commitment": ("ownerId",),
}
# working-group governance (issue 19): an agency reads the meetings, decisions and reports of the
# groups it sits in (``memberIds``, which their statements return), and the decisions it owns;
# a transparency report becomes public once published (PUBLIC_WHEN)
GROUP_PARTIES: dict[str, tuple[str, ...]] = {
    "wg_meeting": ("memberIds",),
    "wg_decision": ("memberIds", "ownerId"),
    "wg_report": ("memberIds",),
}
PUBLIC_WHEN: dict[str, tuple[str, str]] = {"wg_report": ("status", "published")}
# what every agency reads unless HAMAHANG_SHARED_WITH_AGENCIES says otherwise
DEFAULT_SHARED: frozenset[str] = frozenset({"agency", "duty", "capacity", "working_group"})
# the field that says which agency owns a record an agency may write
OWNER: dict[str, str] = {"capacity": "agencyId", "need": "agencyId", "issue": "raisedById", "request": "senderId"}


def forbidden(message_en: str, message_fa: str) -> ServiceError:
    return ServiceError("FORBIDDEN", message_en, message_fa, status=403)


def is_party(actor: Actor, key: str, row: Mapping[str, Any]) -> bool:
    for field in PARTIES.get(key, GROUP_PARTIES.get(key, ())):
        value = row.get(field)
        if value == actor.agency_id or (isinstance(value, list) and actor.agency_id in value):
            return True
    return False


def can_read(actor: Actor, key: str, row: Mapping[str, Any], shared: frozenset[str]) -> bool:
    if actor.role != Role.AGENCY or key in shared or (key not in PARTIES and key not in GROUP_PARTIES):
        return True
    if key in PUBLIC_WHEN and row.get(PUBLIC_WHEN[key][0]) == PUBLIC_WHEN[key][1]:
        return True
    return is_party(actor, key, row)


def viewer(actor: Actor, key: str, shared: frozenset[str]) -> str | None:
    """The agency whose view a list is restricted to (None: no restriction)."""
    if actor.role == Role.AGENCY and (key in PARTIES or key in GROUP_PARTIES) and key not in shared:
        return actor.agency_id or "-"
    return None


@dataclass(frozen=True)
class View:
    """What one reader may see. ``actor`` None is the service itself (imports, exports made for
    the directorate or analysts, the CLI): it sees everything."""

    actor: Actor | None = None
    shared: frozenset[str] = DEFAULT_SHARED

    def viewer(self, key: str) -> str | None:
        """The agency a list, count or aggregate of ``key`` is restricted to (None: none)."""
        return viewer(self.actor, key, self.shared) if self.actor is not None else None

    def restricted(self, key: str) -> bool:
        return self.viewer(key) is not None

    def readable(self, key: str, row: Mapping[str, Any]) -> bool:
        return self.actor is None or can_read(self.actor, key, row, self.shared)

    # -- notifications and webhooks (service/notify/) --------------------------------------
    def inbox(self) -> tuple[str, ...]:
        """The notification inboxes this reader reads: an agency token its agency's (shared by the
        agency's tokens), a directorate or analyst token its own; the service and the CLI none."""
        if self.actor is None:
            return ()
        if self.actor.role == Role.AGENCY:
            return (f"agency:{self.actor.agency_id or '-'}",)
        return (f"token:{self.actor.token_id}",) if self.actor.token_id else ()

    def webhook_agency(self) -> str | None:
        """The agency whose webhooks this reader may see and manage (None: all of them, directorate)."""
        if self.actor is not None and self.actor.role == Role.AGENCY:
            return self.actor.agency_id or "-"
        return None


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise forbidden(f"this needs the role {allowed} (you are {actor.role.value})",
                        "این کار در اختیار نقش شما نیست")  # fmt: skip


def require_write(actor: Actor, key: str, row: Mapping[str, Any]) -> None:
    """May ``actor`` create or change this record (``row``: the new input or the stored record)?"""
    if actor.role == Role.DIRECTORATE:
        return
    if actor.role == Role.AGENCY and key in OWNER and row.get(OWNER[key]) == actor.agency_id:
        return
    if actor.role == Role.AGENCY and key in OWNER:
        raise forbidden(f"an agency may only write its own {key} records", "هر دستگاه فقط رکوردهای خودش را می‌نویسد")
    raise forbidden(f"the {actor.role.value} role may not write {key} records", "نقش شما اجازهٔ این تغییر را ندارد")
