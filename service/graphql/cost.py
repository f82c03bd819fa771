"""A query cost limit by estimated rows, not only depth: each field costs the rows it may return.

``agencies(first: 100) { nodes { duties { holders { id } } } }`` reads up to 100 agencies, then up
to ``LIST_FANOUT`` duties for each and as many holders for each duty: 100 + 100 + 100·20 + 100·20·20.
Only fields that read records count (a scalar is a value of a row already counted).
A list with ``first`` counts ``first`` (the default page size when absent); ``nodes(ids:)`` counts its
ids; any other list counts ``LIST_FANOUT`` per parent row. A document over the limit is refused
before it runs, with the estimate in the message, in Persian and English.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
    parse,
)
from graphql.error import GraphQLError

from service.errors import ServiceError

LIST_FANOUT = 20  # rows assumed per parent for a list without ``first`` (an agency's duties, a group's members)
CONNECTION_LISTS = ("edges", "nodes")
_FIXED: dict[tuple[str, str | None, int], int] = {}  # estimates that read no variable


@lru_cache(maxsize=512)
def parsed(query: str, max_tokens: int | None = None) -> DocumentNode | None:
    """``max_tokens``: the schema's own limit, so a huge document stops here after that many tokens
    (parsed whole, 1.65 MB held the event loop for seconds before the executor's limit refused it)."""
    try:
        return parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None  # the executor reports the syntax error (or the token limit) in its own words


def operation_type(query: str, operation_name: Any, max_tokens: int | None = None) -> OperationType | None:
    """The type of the operation a document runs; None when it does not parse or names none."""
    document = parsed(query, max_tokens)
    if document is None or not isinstance(operation_name, (str, type(None))):
        return None
    try:
        found = get_operation_ast(document, operation_name)
    except GraphQLError:
        return None
    return found.operation if found is not None else None


def _value(node: Any, variables: Mapping[str, Any], used: list[str]) -> Any:
    if isinstance(node, VariableNode):
        used.append(node.name.value)
        return variables.get(node.name.value)
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, ListValueNode):
        return list(node.values)
    return None


class Estimate:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any], default_first: int) -> None:
        self.schema = schema
        self.variables = variables
        self.default_first = default_first
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.used: list[str] = []  # variables the estimate read (first, ids): then it is not cached

    def operation(self, op: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(op.operation)
        return self.selections(op.selection_set, root, 1, in_connection=False, seen=()) if root else 0

    def selections(self, selection_set: SelectionSetNode, parent: Any, rows: int, *, in_connection: bool,
                   seen: tuple[str, ...]) -> int:  # fmt: skip
        total = 0
        for sel in selection_set.selections:
            if isinstance(sel, FieldNode):
                total += self.field(sel, parent, rows, in_connection, seen)
            elif isinstance(sel, InlineFragmentNode):
                on = self.schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
                total += self.selections(sel.selection_set, on or parent, rows, in_connection=in_connection, seen=seen)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
                frag = self.fragments.get(sel.name.value)
                if frag is not None:
                    on = self.schema.get_type(frag.type_condition.name.value) or parent
                    total += self.selections(frag.selection_set, on, rows, in_connection=in_connection, seen=(*seen, sel.name.value))
        return total

    def field(self, node: FieldNode, parent: Any, rows: int, in_connection: bool, seen: tuple[str, ...]) -> int:
        fields = getattr(parent, "fields", None) or {}
        definition = fields.get(node.name.value)
        if definition is None:  # __typename, or an unknown field the validator will name
            return 0
        args = {a.name.value: _value(a.value, self.variables, self.used) for a in node.arguments or ()
                if a.name.value in ("first", "ids")}  # fmt: skip
        kind = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        if "first" in definition.args:
            first = args.get("first")
            rows *= max(int(first if isinstance(first, int) else self.default_first), 1)
        elif node.name.value == "nodes" and "ids" in definition.args:
            rows *= max(len(args.get("ids") or []), 1)
        elif isinstance(kind, GraphQLList) and not (in_connection and node.name.value in CONNECTION_LISTS):
            rows *= LIST_FANOUT
        named = get_named_type(definition.type)
        if node.selection_set is None or not hasattr(named, "fields"):
            return 0  # a value of a row already counted
        connection = named.name.endswith("Connection") or "first" in definition.args
        return rows + self.selections(node.selection_set, named, rows, in_connection=connection, seen=seen)


def estimated_rows(schema: GraphQLSchema, query: str, variables: Mapping[str, Any] | None,
                   operation_name: str | None, default_first: int, max_tokens: int | None = None) -> int:  # fmt: skip
    document = parsed(query, max_tokens)
    if document is None:
        return 0
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        ops = [o for o in ops if o.name and o.name.value == operation_name]
    key = (query, operation_name, default_first)
    if key in _FIXED:
        return _FIXED[key]
    estimate = Estimate(schema, document, variables or {}, default_first)
    rows = max((estimate.operation(o) for o in ops), default=0)
    if not estimate.used and len(_FIXED) < 4096:  # the same for every call: a lookup pays it once
        _FIXED[key] = rows
    return rows


def check_cost(schema: GraphQLSchema, query: str, variables: Mapping[str, Any] | None, operation_name: str | None,
               default_first: int, limit: int, max_tokens: int | None = None) -> None:  # fmt: skip
    rows = estimated_rows(schema, query, variables, operation_name, default_first, max_tokens)
    if rows > limit:
        raise ServiceError(
            "QUERY_TOO_COSTLY",
            f"this document may read about {rows:,} rows, over the limit of {limit:,}: ask for smaller pages "
            "(first) or fewer nested lists",
            f"این درخواست ممکن است حدود {rows:,} ردیف بخواند که از سقف {limit:,} بیشتر است؛ "
            "صفحه‌های کوچک‌تر (first) یا فهرست‌های تودرتوی کمتری بخواهید",
            details={"estimatedRows": rows, "limit": limit},
        )
