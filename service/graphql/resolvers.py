"""Resolver factories: one lookup, listing, create, update and archive per entity spec.

Every entity goes through the same repository calls, so the resolvers are made from the
spec instead of written out eight times; each gets real type annotations for strawberry.
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types import Info

from service.auth.policy import require_write
from service.errors import ServiceError
from service.graphql.filters import SORTS, filter_params
from service.graphql.pagination import Connection, connection, decode_cursor, page_size
from service.graphql.types.common import from_row
from service.graphql.where import SORT_BY, WHERE, sort_keys, to_tree
from service.registry.clock import today_iso
from service.registry.compose import SortKey
from service.registry.fulltext import RANK
from service.registry.repository import Repository
from service.registry.specs import EntitySpec


def lookup(spec: EntitySpec, node: type) -> Callable[..., Any]:
    async def resolve(info: Info, id: strawberry.ID) -> Any:
        """null for a missing record and for one the reader may not read alike (the loader's
        repository leaves those out), so a lookup says nothing about another agency's records."""
        row = await info.context.loaders.entity(spec).load(str(id))
        return from_row(node, row) if row else None

    resolve.__annotations__ = {"info": Info, "id": strawberry.ID, "return": node | None}
    return resolve


def listing(spec: EntitySpec, node: type, filter_type: type) -> Callable[..., Any]:
    sort_enum = SORTS[spec.key]
    where_type, sort_by_type = WHERE[spec.key], SORT_BY[spec.key]

    async def resolve(
        info: Info,
        filter: Any = None,
        where: Any = None,
        sort: Any = None,
        sort_by: list[Any] | None = None,
        desc: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        settings = info.context.settings
        size = page_size(first, settings.default_page_size, settings.max_page_size)
        params, q, archived = filter_params(filter, today_iso())  # the repository adds the policy's viewer
        repo: Repository = info.context.repo
        if where is not None or sort_by:
            # the composed path: only when a client asks for it, so plain lists keep their statements
            tree = _composed_tree(to_tree(where), params, q, sort)
            keys = sort_keys(spec.key, sort_by) if sort_by else sort_keys_from(sort, desc)
            order = _order_tag(tree, keys, archived)
            skip = decode_cursor(after, order)
            rows = await repo.page_where(spec, tree, keys, include_archived=archived, skip=skip, limit=size + 1)

            async def count_where() -> int:
                return await repo.count_where(spec, tree, include_archived=archived)

            return connection([from_row(node, r) for r in rows], skip, size, count_where, order)
        skip = decode_cursor(after)
        sort_key = sort.value if sort is not None else RANK if q else "created"  # q alone: best matches first
        rows = await repo.page(spec, filters=params, q=q, include_archived=archived, sort=sort_key, desc=desc, skip=skip, limit=size + 1)

        async def count() -> int:
            return await repo.count(spec, filters=params, q=q, include_archived=archived, sort=sort_key)

        return connection([from_row(node, r) for r in rows], skip, size, count)

    resolve.__annotations__ = {
        "info": Info,
        "filter": filter_type | None,
        "where": where_type | None,
        "sort": sort_enum | None,
        "sort_by": list[sort_by_type] | None,  # type: ignore[valid-type]
        "desc": bool,
        "first": int | None,
        "after": str | None,
        "return": Connection[node],  # type: ignore[valid-type]  # a runtime annotation, made for strawberry to read
    }
    return resolve


def _order_tag(tree: Any, keys: list[SortKey], archived: bool) -> str:
    """A short digest of what orders and filters a composed list, kept in its cursors."""
    text = json.dumps([tree, [dataclasses.asdict(k) for k in keys], archived], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def sort_keys_from(sort: Any, desc: bool) -> list[SortKey]:
    """The old ``sort``/``desc`` pair as one composer key (``created`` when none)."""
    return [SortKey(field=sort.value if sort is not None else "created", desc=desc)]


def _composed_tree(tree: dict[str, Any] | None, params: dict[str, Any], q: str | None, sort: Any) -> dict[str, Any] | None:
    """``where`` with the old filter's ``q`` added (and ``includeArchived`` kept by the caller);
    any other old filter field alongside ``where``/``sortBy`` is refused, not silently dropped."""
    used = sorted(k for k, v in params.items() if v not in (None, False))
    if used:
        raise ServiceError(
            "VALIDATION",
            f"filter.{used[0]} cannot be combined with where/sortBy: put it in where",
            f"فیلتر قدیمی {used[0]} را با where/sortBy نمی‌توان آمیخت؛ آن را در where بیاورید",
            field="filter",
        )
    if q:
        return {"AND": [tree or {}, {"search_CONTAINS": q}]}
    return tree


def creator(spec: EntitySpec, node: type, input_type: type) -> Callable[..., Any]:
    async def resolve(info: Info, input: Any, idempotency_key: str | None = None) -> Any:
        data = input.to_pydantic()
        require_write(info.context.actor, spec.key, data.model_dump())
        row = await info.context.repo.create(spec, data, idempotency_key=idempotency_key)
        return from_row(node, row)

    resolve.__annotations__ = {"info": Info, "input": input_type, "idempotency_key": str | None, "return": node}
    return resolve


def updater(spec: EntitySpec, node: type, patch_type: type) -> Callable[..., Any]:
    async def resolve(info: Info, id: strawberry.ID, input: Any, expected_version: int | None = None) -> Any:
        changes = input.to_pydantic().model_dump(exclude_none=True)
        current = await info.context.repo.get(spec, str(id))
        require_write(info.context.actor, spec.key, current)
        row = await info.context.repo.update(spec, str(id), changes, expected_version, current)
        return from_row(node, row)

    resolve.__annotations__ = {
        "info": Info, "id": strawberry.ID, "input": patch_type, "expected_version": int | None, "return": node,
    }  # fmt: skip
    return resolve


def archiver(spec: EntitySpec, node: type) -> Callable[..., Any]:
    async def resolve(info: Info, id: strawberry.ID, expected_version: int | None = None, archived: bool = True) -> Any:
        current = await info.context.repo.get(spec, str(id))
        require_write(info.context.actor, spec.key, current)
        row = await info.context.repo.archive(spec, str(id), expected_version, archived, current)
        return from_row(node, row)

    resolve.__annotations__ = {
        "info": Info, "id": strawberry.ID, "expected_version": int | None, "archived": bool, "return": node,
    }  # fmt: skip
    return resolve
