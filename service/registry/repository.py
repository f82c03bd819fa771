"""Generic create / read / list / update / archive over the storage port, for every entity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from service.domain.actor import Actor
from service.errors import ServiceError, not_found, version_conflict
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.specs import AGENCY, DUTY, SPECS, EntitySpec
from service.storage import errors as store_errors
from service.storage.port import GraphStore, Row
from service.text.persian import search_key, search_text

HIDDEN = ("search",)
# Which entity a relation field points at, to say which reference was missing.
REFERENCES: dict[str, tuple[EntitySpec, ...]] = {
    "parentId": (AGENCY,), "agencyId": (AGENCY,), "supportAgencyIds": (AGENCY,),
    "raisedById": (AGENCY,), "concernsIds": (AGENCY,), "providerId": (AGENCY,),
    "receiverId": (AGENCY,), "senderId": (AGENCY,), "members": (AGENCY,),
    "blocksDutyId": (DUTY,), "dutyId": (DUTY,), "dutyIds": (DUTY,),
    "aboutId": (SPECS["capacity"], SPECS["need"], SPECS["issue"], DUTY),
}  # fmt: skip
INITIAL: dict[str, dict[str, Any]] = {"request": {"status": "submitted"}}


def public(row: Row) -> Row:
    """A stored node without the fields only the store needs."""
    return {k: v for k, v in row.items() if k not in HIDDEN}


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v["agencyId"] if isinstance(v, dict) else v for v in value]
    return [value]


class Repository:
    """The registry's reads and writes; every statement is a named file under ``cypher/``."""

    def __init__(self, store: GraphStore, actor: Actor | None = None) -> None:
        self.store = store
        self.actor = actor

    async def get_many(self, spec: EntitySpec, ids: list[str]) -> dict[str, Row]:
        rows = await self.store.read(f"{spec.key}/get", {"ids": list(ids)})
        return {r["node"]["id"]: public(r["node"]) for r in rows}

    async def get(self, spec: EntitySpec, ident: str, field: str = "id") -> Row:
        found = await self.get_many(spec, [ident])
        if ident not in found:
            raise not_found(spec.label, ident, field)
        return found[ident]

    def _list_params(self, spec: EntitySpec, filters: Mapping[str, Any], q: str | None,
                     include_archived: bool, sort: str, desc: bool) -> dict[str, Any]:  # fmt: skip
        params: dict[str, Any] = {name: filters.get(name) for name in spec.filters}
        params.update(
            q=search_key(q) or None,
            includeArchived=include_archived,
            sort=sort if sort in spec.sorts else "created",
            desc=desc,
        )
        return params

    async def page(self, spec: EntitySpec, *, filters: Mapping[str, Any], q: str | None = None,
                   include_archived: bool = False, sort: str = "created", desc: bool = False,
                   skip: int = 0, limit: int = 20) -> list[Row]:  # fmt: skip
        params = self._list_params(spec, filters, q, include_archived, sort, desc)
        rows = await self.store.read(f"{spec.key}/list", params | {"skip": skip, "limit": limit})
        return [public(r["node"]) for r in rows]

    async def count(self, spec: EntitySpec, *, filters: Mapping[str, Any], q: str | None = None,
                    include_archived: bool = False) -> int:  # fmt: skip
        params = self._list_params(spec, filters, q, include_archived, "created", False)
        rows = await self.store.read(f"{spec.key}/count", params)
        return int(rows[0]["total"]) if rows else 0

    def new_props(self, spec: EntitySpec, data: BaseModel, now: str,
                  extra: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any], dict[str, Any]]:  # fmt: skip
        """Split a validated input into (id, stored properties, relation parameters)."""
        raw = data.model_dump()
        relations = {k: raw.pop(k) for k in spec.relations}
        ident = raw.pop("id", None) or new_id(spec.prefix)
        props = {k: v for k, v in raw.items() if v is not None}
        props.update(INITIAL.get(spec.key, {}))
        props.update(extra or {})
        props.update(
            version=1, createdAt=now, updatedAt=now, archived=False,
            search=search_text(*(raw.get(f) for f in spec.search_fields)),
        )  # fmt: skip
        return ident, props, relations

    async def create(self, spec: EntitySpec, data: BaseModel, extra: Mapping[str, Any] | None = None,
                     idempotency_key: str | None = None) -> Row:  # fmt: skip
        """Create one record; ``extra`` sets stored fields the input does not carry (a draft's status).

        With an idempotency key, a retry of the same create returns the record made the first time.
        """
        now = now_iso()
        ident, props, relations = self.new_props(spec, data, now, extra)
        key = f"{self.actor.name if self.actor else 'system'}:{idempotency_key}" if idempotency_key else None
        after = {k: v for k, v in {**props, **relations}.items() if k != "search"}
        params = {"id": ident, "props": props, "now": now, "idempotencyKey": key, **relations,
                  "audit": audit_event(self.actor, "create", spec.label, ident, None, after)}  # fmt: skip
        try:
            rows = await self.store.write(f"{spec.key}/create", params)
        except store_errors.Conflict:
            if key is not None:
                earlier = await self.store.read("idempotency/get", {"key": key})
                if earlier:
                    return await self.get(spec, earlier[0]["entityId"])
            raise ServiceError(
                "DUPLICATE", f"{spec.label} {ident!r} already exists",
                f"«{ident}» از پیش ثبت شده است", field="id", status=409,
            ) from None  # fmt: skip
        if not rows:
            raise await self._missing_reference(spec, relations)
        return public(rows[0]["node"])

    async def _missing_reference(self, spec: EntitySpec, relations: Mapping[str, Any]) -> ServiceError:
        """After a create matched nothing: name the first reference that does not exist."""
        for field, value in relations.items():
            for ident in _ids(value):
                targets = REFERENCES.get(field, ())
                found = [await self.get_many(t, [ident]) for t in targets]
                if not any(ident in f for f in found):
                    return not_found(targets[0].label if targets else "record", ident, field)
        return ServiceError(
            "INVALID_REFERENCE",
            f"the references of this {spec.label} do not fit together (e.g. the duty is not the provider's)",
            "پیوندهای این رکورد با هم سازگار نیستند (مثلاً وظیفه از آنِ دستگاه ارائه‌دهنده نیست)",
            field=next(iter(relations), None),
        )

    async def guarded_write(self, spec: EntitySpec, ident: str, query: str, params: Mapping[str, Any],
                            expected_version: int | None, current: Row | None = None, *, action: str = "update",
                            audit_after: Mapping[str, Any] | None = None) -> Row | None:  # fmt: skip
        """Run a write that carries ``$expectedVersion``: refuses a stale version up front, and a
        write that matched nothing because someone wrote in between. None: the statement's own
        guard (not the version) refused it."""
        current = current or await self.get(spec, ident)
        if expected_version is not None and current["version"] != expected_version:
            raise version_conflict(spec.label, ident, current["version"])
        changes = dict(audit_after if audit_after is not None else params)
        before = {k: current.get(k) for k in changes}
        audit = audit_event(self.actor, action, spec.label, ident, before, changes)
        rows = await self.store.write(
            query, {"id": ident, **params, "expectedVersion": current["version"], "now": now_iso(), "audit": audit}
        )
        if rows:
            return public(rows[0]["node"])
        latest = await self.get_many(spec, [ident])
        if latest.get(ident, {}).get("version") != current["version"]:
            raise version_conflict(spec.label, ident, latest.get(ident, {}).get("version"))
        return None

    async def update(self, spec: EntitySpec, ident: str, changes: Mapping[str, Any],
                     expected_version: int | None, current: Row | None = None) -> Row:  # fmt: skip
        """Write the changed fields, refusing when the record moved past ``expected_version``."""
        current = current or await self.get(spec, ident)
        merged = {**current, **changes}
        props = dict(changes)
        props["search"] = search_text(*(merged.get(f) for f in spec.search_fields))
        action = "archive" if changes.get("archived") is True else "restore" if changes.get("archived") is False else "update"
        row = await self.guarded_write(spec, ident, f"{spec.key}/update", {"props": props}, expected_version, current,
                                       action=action, audit_after=changes)  # fmt: skip
        if row is None:  # only the version guards an update
            raise version_conflict(spec.label, ident, current["version"])
        return row

    async def archive(self, spec: EntitySpec, ident: str, expected_version: int | None,
                      archived: bool = True, current: Row | None = None) -> Row:  # fmt: skip
        """Archiving hides a record from lists but keeps it and its history."""
        now = now_iso()
        return await self.update(
            spec, ident, {"archived": archived, "archivedAt": now if archived else None}, expected_version, current
        )
