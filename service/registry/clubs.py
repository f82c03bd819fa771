"""Clubs: groups of people an agency runs, with specialist desks (seed 004: the innovation office's
urban planners' club, 600 members in six desks). People are not agencies, so a club is counted, not
seated: its member count and each desk's (null where the source gives none)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.domain.actor import Actor
from service.domain.fields import EntityId, JalaliYear, Label, Text
from service.errors import ServiceError, not_found
from service.registry.audit import audit_event
from service.registry.clock import now_iso
from service.storage.port import GraphStore


class DeskIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    nameFa: Label
    nameEn: Label | None = None
    memberCount: int | None = Field(None, ge=0)


class ClubIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: EntityId
    agencyId: EntityId
    nameFa: Label
    nameEn: Label | None = None
    descriptionFa: Text | None = None
    memberCount: int | None = Field(None, ge=0)
    foundedYear: JalaliYear | None = None
    source: Text | None = None  # where the figures come from (a seed document, a report)
    desks: list[DeskIn] = []


def _clean(data: ClubIn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    codes = [d.code for d in data.desks]
    if len(set(codes)) != len(codes):
        raise ServiceError("VALIDATION", "desks: a desk code appears twice", "کد یک میز دو بار آمده است", field="desks")
    total = sum(d.memberCount or 0 for d in data.desks)
    if data.memberCount is not None and total > data.memberCount:
        raise ServiceError("VALIDATION", f"desks: their members ({total}) outnumber the club's ({data.memberCount})",
                           f"اعضای میزها ({total}) از اعضای باشگاه ({data.memberCount}) بیشترند", field="desks")  # fmt: skip
    props = data.model_dump(exclude={"id", "agencyId", "desks"})
    desks = [{"id": f"{data.id}:{d.code}", "props": {k: v for k, v in d.model_dump().items()} | {"position": n}}
             for n, d in enumerate(data.desks, 1)]  # fmt: skip
    return props, desks


async def upsert_club(store: GraphStore, actor: Actor | None, data: ClubIn) -> dict[str, Any]:
    props, desks = _clean(data)
    audit = audit_event(actor, "upsert_club", "Club", data.id, None, props | {"agencyId": data.agencyId, "desks": [d["id"] for d in desks]})
    rows = await store.write("club/upsert", {"id": data.id, "agencyId": data.agencyId, "props": props, "desks": desks,
                                             "now": now_iso(), "audit": audit})  # fmt: skip
    if not rows:
        raise not_found("Agency", data.agencyId, "agencyId")
    return next(c for c in await load_clubs(store) if c["id"] == data.id)


async def load_clubs(store: GraphStore) -> list[dict[str, Any]]:
    return [dict(r["club"]) | {"desks": [dict(d) for d in r["desks"] if d]} for r in await store.read("club/list")]
