"""Who may do what in a working group (issue 19): the roles an agency holds there, and the refusals,
in Persian and English, when it holds none of those a step needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.enums import MemberRole
from service.errors import ServiceError

ROLE_FA = {"lead": "رئیس", "member": "عضو", "supervisor": "ناظر", "secretariat": "دبیرخانه",
           "facilitator": "تسهیل‌گر", "observer": "مشاهده‌گر"}  # fmt: skip
# the roles that write a group's meetings and decisions, and who drafts and publishes its reports
KEEPERS = (MemberRole.SECRETARIAT, MemberRole.LEAD)
REPORTERS = (MemberRole.SECRETARIAT,)
APPROVERS = (MemberRole.SUPERVISOR,)


def roles_in(group: Mapping[str, Any], agency_id: str | None) -> set[str]:
    """The roles ``agency_id`` holds in ``group`` (a stored group row with its ``members``)."""
    return {m["role"] for m in group.get("members") or [] if agency_id and m.get("agencyId") == agency_id}


def holds(actor: Actor, group: Mapping[str, Any], roles: Iterable[MemberRole]) -> bool:
    wanted = {MemberRole(r).value for r in roles}
    return actor.role == Role.AGENCY and bool(roles_in(group, actor.agency_id) & wanted)


def refuse(action_en: str, action_fa: str, roles: Iterable[MemberRole], directorate: bool) -> ServiceError:
    names = [MemberRole(r).value for r in roles]
    fa = " یا ".join(ROLE_FA[n] for n in names) + " این کارگروه" + (" یا اداره‌کل هماهنگی" if directorate else "")
    en = " or ".join(names) + (" or the directorate" if directorate else "")
    return ServiceError(
        "FORBIDDEN", f"only the group's {en} may {action_en}", f"تنها {fa} می‌تواند {action_fa}", status=403,
    )  # fmt: skip


def require(actor: Actor, group: Mapping[str, Any], roles: Iterable[MemberRole], action_en: str, action_fa: str,
            *, directorate: bool = True) -> None:  # fmt: skip
    """Refuse unless ``actor`` holds one of ``roles`` in ``group`` (or is the directorate, when allowed)."""
    roles = tuple(roles)
    if directorate and actor.role == Role.DIRECTORATE:
        return
    if not holds(actor, group, roles):
        raise refuse(action_en, action_fa, roles, directorate)
