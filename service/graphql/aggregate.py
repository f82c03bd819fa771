"""Aggregations per list: count, sum, min, max and average over a filtered set, by up to two keys.

They read through the repository like every list, so an agency aggregates only what it may read.
"""

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types import Info

from service.graphql.where import GROUP_BY, WHERE, to_tree
from service.registry.fields import NUMBERS
from service.registry.repository import Repository
from service.registry.specs import EntitySpec


@strawberry.type(description="One numeric field over a group: null sums and bounds when no record has it")
class NumberStats:
    field: str
    count: int = strawberry.field(description="records with a value")
    sum: float | None
    min: float | None
    max: float | None
    average: float | None


@strawberry.type(description="A value a group is keyed by (a Jalali year as digits, an agency by its id)")
class GroupKey:
    field: str
    value: str | None


@strawberry.type
class AggregateGroup:
    keys: list[GroupKey]
    count: int
    numbers: list[NumberStats]


@strawberry.type(description="Totals over the whole filtered set, and per group when groupBy is given")
class Aggregate:
    count: int
    numbers: list[NumberStats]
    groups: list[AggregateGroup]


def _stats(fields: tuple[str, ...], numbers: dict[str, Any]) -> list[NumberStats]:
    out = []
    for name in fields:
        got = numbers.get(name) or {"n": 0, "sum": None, "min": None, "max": None}
        n = int(got["n"])
        total = float(got["sum"]) if n and got["sum"] is not None else None
        out.append(NumberStats(
            field=name, count=n, sum=total,
            min=float(got["min"]) if got["min"] is not None else None,
            max=float(got["max"]) if got["max"] is not None else None,
            average=total / n if n and total is not None else None,
        ))  # fmt: skip
    return out


def _merge(groups: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[str, Any]:
    total: dict[str, Any] = {"count": 0, "numbers": {}}
    for g in groups:
        total["count"] += g["count"]
        for name in fields:
            got, into = g["numbers"].get(name), total["numbers"].get(name)
            if got is None:
                continue
            if into is None:
                total["numbers"][name] = dict(got)
            elif got["n"]:
                into["sum"] = (into["sum"] or 0) + got["sum"]
                into["min"] = got["min"] if into["min"] is None else min(into["min"], got["min"])
                into["max"] = got["max"] if into["max"] is None else max(into["max"], got["max"])
                into["n"] += got["n"]
    return total


def aggregator(spec: EntitySpec) -> Callable[..., Any]:
    where_type, group_type = WHERE[spec.key], GROUP_BY[spec.key]
    fields = NUMBERS.get(spec.key, ())

    async def resolve(info: Info, where: Any = None, group_by: list[Any] | None = None,
                      include_archived: bool = False) -> Aggregate:  # fmt: skip
        repo: Repository = info.context.repo
        keys = [g.value for g in group_by or []]
        groups = await repo.aggregate(spec, to_tree(where), keys, include_archived=include_archived)
        total = _merge(groups, fields)
        return Aggregate(
            count=total["count"],
            numbers=_stats(fields, total["numbers"]),
            groups=[
                AggregateGroup(
                    keys=[GroupKey(field=k, value=None if v is None else str(v)) for k, v in zip(keys, g["key"], strict=True)],
                    count=g["count"], numbers=_stats(fields, g["numbers"]),
                )
                for g in groups
            ] if keys else [],
        )  # fmt: skip

    resolve.__annotations__ = {
        "info": Info, "where": where_type | None, "group_by": list[group_type] | None,  # type: ignore[valid-type]
        "include_archived": bool, "return": Aggregate,
    }  # fmt: skip
    return resolve
