"""``where`` inputs in the ``@neo4j/graphql`` style, sort and group-by inputs, made from the allow-list.

Each entity gets ``<Type>Where`` with ``field``, ``field_IN``, ``field_GT/_GTE/_LT/_LTE``,
``field_CONTAINS``/``_STARTS_WITH``, ``AND``/``OR``/``NOT`` and, per relationship,
``rel_SOME``/``_NONE``/``_ALL`` and ``rel_COUNT`` (with ``_GT``...); a to-one relationship also takes
``rel: <Target>Where``. The inputs are plain trees by the time they reach the repository
(``to_tree``), and the composer puts only allow-listed names into Cypher.
"""

import sys
from enum import Enum
from functools import cache
from typing import Annotated, Any, cast

import strawberry
from strawberry.annotation import StrawberryAnnotation
from strawberry.types.base import StrawberryOptional, get_object_definition

from service.graphql.filters import SORTS
from service.graphql.types.common import (  # noqa: F401  (names the generated annotations refer to)
    AgencyKind,
    AgencyLevel,
    ExchangeKind,
    ExchangeStatus,
    IssueCategory,
    IssueLevel,
    IssueStatus,
    Jurisdiction,
    RequestStatus,
    ResourceKind,
    Rials,
    Severity,
    ValuationMethod,
)  # fmt: skip
from service.registry.compose import OPS, REL_OPS, SortKey
from service.registry.fields import FIELDS, GROUPS, LABELS, NUMBERS, RELATIONS, Kind

_module = sys.modules[__name__]
# Types, not strings: strawberry evaluates a string annotation by parsing it (ast), and again on every
# look while the type it names does not exist yet; strings made this module 0.44 s of the service's
# import. The inputs that refer to each other do it by ``_ref``.
SCALAR: dict[Kind, Any] = {
    Kind.ID: strawberry.ID, Kind.TEXT: str, Kind.DATE: str, Kind.DATETIME: str, Kind.MONEY: Rials,
    Kind.NUMBER: float, Kind.LIST: str, Kind.SEARCH: str,
}  # fmt: skip
HELP: dict[Kind, str] = {
    Kind.DATE: "a day, Jalali (۱۴۰۳/۰۲/۱۵) or ISO (2024-05-04)",
    Kind.DATETIME: "an ISO date-time, or a day (Jalali or ISO) meaning that whole day",
    Kind.MONEY: "rials",
    Kind.SEARCH: "the normalised search key (Persian letters and digits unified, case folded); _STARTS_WITH matches the start of any word",
}
REL_HELP = {
    "_SOME": "at least one related record (that this reader may read) matches",
    "_NONE": "no related record matches",
    "_ALL": "every related record matches (true when there is none)",
    "_COUNT": "the number of related records (that this reader may read)",
}


def _maybe(annotation: Any) -> Any:
    """An optional input field's type, resolved into strawberry's own type once and shared by every
    field with that annotation. Given ``X | None``, strawberry resolved it again for each of the 576
    fields (and twice more while making the dataclass): 0.07 s of the service's import."""
    return _resolved(annotation | None)


@cache
def _resolved(annotation: Any) -> Any:
    return StrawberryAnnotation(annotation, namespace=vars(_module)).resolve()


def _ref(name: str) -> Any:
    """An input of this module by name, resolved when the schema is built: the Where inputs refer to
    each other (and to themselves). A lazy reference is never evaluated before then, where a string
    annotation was parsed again on every look while its type did not exist yet."""
    return Annotated[name, strawberry.lazy(__name__)]


def where_name(entity: str) -> str:
    return f"{LABELS[entity]}Where"


def _input(name: str, fields: dict[str, tuple[Any, Any]], description: str) -> type:
    """A strawberry input made from ``{graphql name: (annotation, default)}``."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__, "__doc__": description}
    for gql, (annotation, extra) in fields.items():
        namespace["__annotations__"][gql] = annotation
        if "default" in extra or isinstance(annotation, StrawberryOptional):  # optional: every _maybe field
            namespace[gql] = strawberry.field(default=extra.get("default"), name=gql, description=extra.get("description"))
        else:  # a required field has no default: None there broke introspection ("Invalid default value")
            namespace[gql] = strawberry.field(name=gql, description=extra.get("description"))
    cls = strawberry.input(type(name, (), namespace), description=description)
    setattr(_module, name, cls)
    return cls


def _where_fields(entity: str) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    for f in FIELDS[entity]:
        scalar = getattr(_module, f.enum) if f.kind is Kind.ENUM and f.enum else SCALAR[f.kind]
        for op in OPS[f.kind]:
            kind = list[scalar] if op == "_IN" else scalar  # type: ignore[valid-type]
            out[f.name + op] = (_maybe(kind), {"description": HELP.get(f.kind)})
    if entity == "request":
        out["overdue"] = (_maybe(bool), {"description": "open and past its due date (today)"})
    for rel in RELATIONS[entity]:
        target = where_name(rel.target)
        if rel.to_one:
            out[rel.name] = (_maybe(_ref(target)), {"description": "the related record matches (as _SOME)"})
        for op in REL_OPS:
            annotation: Any = _maybe(int) if op.startswith("_COUNT") else _maybe(_ref(target))
            out[rel.name + op] = (annotation, {"description": REL_HELP.get(op)})
    name = where_name(entity)
    out["AND"] = (_maybe(list[_ref(name)]), {})  # type: ignore[misc]
    out["OR"] = (_maybe(list[_ref(name)]), {})  # type: ignore[misc]
    out["NOT"] = (_maybe(_ref(name)), {})
    return out


def _sort_fields(entity: str) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {
        "field": (_maybe(SORTS[entity]), {"description": "a stored field"}),
        "desc": (bool, {"default": False}),
    }
    for rel in RELATIONS[entity]:
        if not rel.to_one and NUMBERS.get(rel.target):
            out[f"{rel.name}Sum"] = (
                _maybe(_ref(f"{LABELS[rel.target]}SumSort")),
                {"description": f"the sum of a number of the {rel.name} matching a filter, over those this reader may read"},
            )
        if not rel.to_one:
            out[f"{rel.name}Count"] = (
                _maybe(_ref(where_name(rel.target))),
                {"description": f"the number of {rel.name} matching this filter ({{}} for all) that this reader may read"},
            )
    return out


def _group_enum(entity: str) -> type[Enum]:
    names = {_upper(g): g for g in GROUPS[entity]}
    enum: type[Enum] = strawberry.enum(cast(type[Enum], Enum(f"{LABELS[entity]}GroupBy", names)))
    setattr(_module, f"{LABELS[entity]}GroupBy", enum)
    return enum


def _upper(name: str) -> str:
    return "".join("_" + c if c.isupper() else c.upper() for c in name)


def _number_enum(entity: str) -> type[Enum]:
    names = {_upper(n): n for n in NUMBERS[entity]}
    enum: type[Enum] = strawberry.enum(cast(type[Enum], Enum(f"{LABELS[entity]}Number", names)))
    setattr(_module, f"{LABELS[entity]}Number", enum)
    return enum


NUMBER: dict[str, type[Enum]] = {e: _number_enum(e) for e in NUMBERS}
SUM_SORT: dict[str, type] = {
    e: _input(
        f"{LABELS[e]}SumSort",
        {"field": (NUMBER[e], {}), "where": (_maybe(_ref(where_name(e))), {"description": "{} or none: all"})},
        f"The sum of one number of related {LABELS[e]} records, those matching where",
    )
    for e in NUMBERS
}
WHERE: dict[str, type] = {e: _input(where_name(e), _where_fields(e), f"Filters on {LABELS[e]} records (@neo4j/graphql conventions)") for e in FIELDS}
SORT_BY: dict[str, type] = {e: _input(f"{LABELS[e]}SortBy", _sort_fields(e), "One sort key: a field, or a related count; give exactly one") for e in FIELDS}
GROUP_BY: dict[str, type[Enum]] = {e: _group_enum(e) for e in FIELDS}


def to_tree(value: Any) -> Any:
    """A where input as a plain tree of GraphQL names (enums as their values, unset fields left out)."""
    if value is None:
        return None
    if isinstance(value, list):
        return [to_tree(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    definition = get_object_definition(type(value))
    if definition is None:
        return value
    tree = {}
    for f in definition.fields:
        item = getattr(value, f.python_name)
        if item is not None:
            tree[f.graphql_name or f.python_name] = to_tree(item)
    return tree


def sort_keys(entity: str, sort_by: list[Any] | None) -> list[SortKey]:
    """The ``sortBy`` list as the composer's keys; each item names exactly one key."""
    from service.registry.compose import invalid

    keys = []
    for item in sort_by or []:
        chosen = [(rel.name, getattr(item, f"{rel.name}Count"), None) for rel in RELATIONS[entity]
                  if not rel.to_one and getattr(item, f"{rel.name}Count") is not None]  # fmt: skip
        chosen += [(rel.name, got.where, got.field.value) for rel in RELATIONS[entity]
                   if (got := getattr(item, f"{rel.name}Sum", None)) is not None]  # fmt: skip
        if len(chosen) + (item.field is not None) != 1:
            raise invalid("each sortBy item names exactly one key: field or one related count",
                          "هر بند sortBy دقیقاً یک کلید دارد: یک فیلد یا یک شمارش رابطه", "sortBy")  # fmt: skip
        if item.field is not None:
            keys.append(SortKey(field=item.field.value, desc=item.desc))
        else:
            rel, where, total = chosen[0]
            keys.append(SortKey(relation=rel, where=to_tree(where), desc=item.desc, sum=total))
    return keys


async def kept(info: Any, spec: Any, records: list[Any], where: Any) -> list[Any]:
    """The records of a by-id list (a duty's support agencies) that match its ``where``; without
    one, all of them, with no statement run."""
    if where is None or not records:
        return records
    loader = info.context.loaders.matching(spec, to_tree(where))
    keep = await loader.load_many([str(r.id) for r in records])
    return [r for r, ok in zip(records, keep, strict=True) if ok]
