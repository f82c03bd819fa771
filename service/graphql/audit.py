"""The audit trail in GraphQL: every change, by entity, actor and time range."""

import json
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.graphql.filters import parse_filter_date
from service.graphql.pagination import Connection, connection, decode_cursor, page_size


@strawberry.type(description="One change: who, in which role, what, which fields, before and after")
class AuditEvent:
    id: strawberry.ID
    actor: str
    role: str
    agency_id: strawberry.ID | None
    action: str
    entity: str
    entity_id: strawberry.ID
    at: str
    fields: list[str]
    before: JSON | None
    after: JSON | None

    @staticmethod
    def of(row: dict[str, Any]) -> "AuditEvent":
        return AuditEvent(
            id=row["id"], actor=row.get("actor", "?"), role=row.get("role", "?"), agency_id=row.get("agencyId"),
            action=row.get("action", "?"), entity=row.get("entity", "?"), entity_id=row.get("entityId", "?"),
            at=row.get("at", ""), fields=row.get("fields") or [],
            before=json.loads(row["before"]) if row.get("before") else None,
            after=json.loads(row["after"]) if row.get("after") else None,
        )  # fmt: skip


async def audit_events(
    info: Info,
    entity_id: strawberry.ID | None = None,
    actor: str | None = None,
    entity: str | None = None,
    from_: Annotated[str | None, strawberry.argument(name="from")] = None,
    to: str | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[AuditEvent]:
    """Newest first. ``from``/``to`` take Jalali or ISO dates (``to`` includes the whole day)."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.ANALYST)
    settings = info.context.settings
    size = page_size(first, settings.default_page_size, settings.max_page_size)
    skip = decode_cursor(after)
    params = {
        "entityId": entity_id, "actor": actor, "entity": entity,
        "from": parse_filter_date(from_, "from"), "to": (parse_filter_date(to, "to") or "") + "T99" if to else None,
    }  # fmt: skip
    store = info.context.repo.store
    rows = await store.read("audit/list", params | {"skip": skip, "limit": size + 1})

    async def count() -> int:
        found = await store.read("audit/count", params)
        return int(found[0]["total"]) if found else 0

    return connection([AuditEvent.of(r["node"]) for r in rows], skip, size, count)
