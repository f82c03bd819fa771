"""``node(id:)`` and ``nodes(ids:)``: any record by its id, through the reader's loaders (policy included)."""

import asyncio
from typing import Any

from strawberry.types import Info

from service.errors import ServiceError
from service.graphql.types.agency import Agency
from service.graphql.types.agreement import Agreement
from service.graphql.types.common import from_row
from service.graphql.types.duty import Duty
from service.graphql.types.exchange import Exchange
from service.graphql.types.issue import Issue
from service.graphql.types.request import Request
from service.graphql.types.resources import Capacity, Need
from service.graphql.types.working_group import WorkingGroup
from service.registry import specs as s

TYPES: tuple[tuple[s.EntitySpec, type], ...] = (
    (s.AGENCY, Agency), (s.DUTY, Duty), (s.CAPACITY, Capacity), (s.NEED, Need),
    (s.ISSUE, Issue), (s.EXCHANGE, Exchange), (s.REQUEST, Request), (s.WORKING_GROUP, WorkingGroup),
    (s.AGREEMENT, Agreement),
)  # fmt: skip
BY_PREFIX = {spec.prefix: (spec, node) for spec, node in TYPES}
MAX_IDS = 100


async def _one(info: Info, ident: str) -> Any:
    """The record under ``ident``: the kind its prefix names first; an id given at import without
    the prefix is looked up in every kind (batched with the other ids by the loaders)."""
    prefix = ident.split("-", 1)[0]
    first = [BY_PREFIX[prefix]] if prefix in BY_PREFIX else []
    for spec, node in first + [t for t in TYPES if t not in first]:
        row = await info.context.loaders.entity(spec).load(ident)
        if row:
            return from_row(node, row)
    return None


async def find_nodes(info: Info, ids: list[str]) -> list[Any]:
    if len(ids) > MAX_IDS:
        raise ServiceError("VALIDATION", f"at most {MAX_IDS} ids at once", f"حداکثر {MAX_IDS} شناسه در هر درخواست", field="ids")
    return list(await asyncio.gather(*(_one(info, i) for i in ids)))
