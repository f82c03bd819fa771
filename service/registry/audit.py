"""Audit events: built here, written by the same statement as the change they describe."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from service.domain.actor import Actor, Role
from service.registry.clock import new_id, now_iso

SYSTEM = Actor(name="system", role=Role.DIRECTORATE)


def _json(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def audit_event(actor: Actor | None, action: str, entity: str, entity_id: str,
                before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:  # fmt: skip
    """The ``$audit`` parameter of a write: who, what, which fields, before and after (as JSON)."""
    who = actor or SYSTEM
    fields = sorted(set(before or {}) | set(after or {}))
    event = {
        "id": new_id("au"),
        "actor": who.name,
        "role": who.role.value,
        "agencyId": who.agency_id,
        "action": action,
        "entity": entity,
        "entityId": entity_id,
        "at": now_iso(),
        "fields": fields,
        "before": _json(before),
        "after": _json(after),
    }
    return {k: v for k, v in event.items() if v is not None}
