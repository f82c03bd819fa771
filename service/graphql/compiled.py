"""A compiled path for the busiest documents: ``agency(id)`` with stored fields and its lists.

graphql-core completes every field of every record in Python (a resolver call, resolve info, an
awaitable check, a type check): on an agency page of about a hundred records that was most of the
GraphQL's own cost, measured with wrk against a plain endpoint doing the same store work (issue 16).
A document that only reads ``agency(id: …)``'s stored fields and its lists' stored fields (the
page's ``duties { id titleFa }`` and the like) is compiled once into a plan: the same DataLoaders
and statements (``service.graphql.narrow``), each leaf read from its row as ``from_row`` reads it
(``_reader``) and serialized by its GraphQL type, the reply built as dicts.

A document takes this path only after the normal executor has answered it once without errors
(so parsing, validation and the guards ran on that text, and they depend on the text alone), and
only when nothing in it needs the executor: no fragments, directives, arguments on the lists,
computed fields, or aliases used twice. The reader must be one the policy does not restrict, and
anything unexpected at run time (a missing variable, a null where the type forbids it, a store
error) hands the request back to the executor, which answers it exactly as before. A test compares
both paths' replies document by document, and checks that the plan, not the executor, answered.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    VariableNode,
    parse,
)  # fmt: skip
from graphql.pyutils import is_iterable
from strawberry.utils.str_converters import to_camel_case

from service.graphql.context import narrow_fields, narrow_nodes
from service.graphql.narrow import Narrow, narrow_for
from service.graphql.types.common import data_keys, enum_values, field_reader
from service.registry.repository import returns
from service.registry.specs import AGENCY

Leaf = tuple[str, Callable[[dict[str, Any]], Any]]  # response key, the row's value as GraphQL shows it
MAX_PLANS = 512


class Fallback(Exception):
    """This request goes through the normal executor."""


@dataclass(frozen=True)
class ListPlan:
    key: str  # response key
    query: str  # the traversal statement (``duty/by_agency``)
    node: type
    keys: tuple[str, ...]  # stored keys read (``wanted_keys``)
    typename: str
    leaves: tuple[Leaf, ...]
    typename_keys: tuple[str, ...]
    narrow: Narrow  # the traversal's ``*_fields`` twin
    fields: list[str]  # the values it returns, in order (``narrow_fields``)


@dataclass(frozen=True)
class Plan:
    root_key: str
    id_variable: str | None
    id_literal: str | None
    leaves: tuple[Leaf, ...]
    typename_keys: tuple[str, ...]
    lists: tuple[ListPlan, ...]
    order: tuple[str, ...]  # response keys in the document's order


def _serializer(gql_type: Any) -> tuple[Callable[[Any], Any], bool]:
    non_null = isinstance(gql_type, GraphQLNonNull)
    inner = gql_type.of_type if non_null else gql_type
    if isinstance(inner, GraphQLList):
        item, item_non_null = _serializer(inner.of_type)

        def each(values: Any) -> Any:
            if not is_iterable(values):  # a text where a list belongs: the executor's "Expected Iterable"
                raise Fallback
            if any(v is None for v in values) and item_non_null:
                raise Fallback
            return [None if v is None else item(v) for v in values]

        return each, non_null
    if isinstance(inner, GraphQLObjectType):
        raise Fallback  # an object needs its own selection
    return inner.serialize, non_null


def _leaves(fields: list[FieldNode], node: type, gql_type: GraphQLObjectType) -> tuple[list[Leaf], list[str], set[str]]:
    """Stored fields only: (leaves, __typename keys, stored keys read)."""
    stored = data_keys(node)
    definition: Any = node.__strawberry_definition__  # type: ignore[attr-defined]
    attrs = {(f.graphql_name or to_camel_case(f.python_name)): f.python_name for f in definition.fields
             if f.python_name in stored and not f.extensions and not f.permission_classes}  # fmt: skip
    # a field with an extension or a permission class (a mask, a check) is the executor's: not in ``attrs``
    leaves: list[Leaf] = []
    typenames: list[str] = []
    keys: set[str] = set()
    for field in fields:
        name, key = field.name.value, (field.alias or field.name).value
        if field.arguments or field.directives or field.selection_set is not None:
            raise Fallback
        if name == "__typename":
            typenames.append(key)
            continue
        attr = attrs.get(name)
        if attr is None or name not in gql_type.fields:
            raise Fallback  # a computed field
        serialize, non_null = _serializer(gql_type.fields[name].type)
        leaves.append((key, _reader(node, attr, serialize, non_null)))
        keys.add(stored[attr])
    return leaves, typenames, keys


def _fields(selection_set: Any) -> list[FieldNode]:
    fields = list(selection_set.selections) if selection_set is not None else []
    if not all(isinstance(f, FieldNode) for f in fields):
        raise Fallback  # fragments
    keys = [(f.alias or f.name).value for f in fields]
    if len(set(keys)) != len(keys):
        raise Fallback  # the executor merges fields that share a response key
    return fields


def compile_plan(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> Plan:
    """The plan for a document, or ``Fallback`` when it needs the executor."""
    from service.graphql.types.agency import TRAVERSALS, Agency, _record_type

    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(document.definitions) != 1 or len(operations) != 1:
        raise Fallback
    op = operations[0]
    if op.operation != OperationType.QUERY or op.directives or (operation_name and (op.name is None or op.name.value != operation_name)):
        raise Fallback
    roots = _fields(op.selection_set)
    if len(roots) != 1:
        raise Fallback
    root = roots[0]
    arguments = root.arguments or ()
    if root.name.value != "agency" or root.directives or len(arguments) != 1:
        raise Fallback
    argument = arguments[0]
    variable = literal = None
    if argument.name.value != "id":
        raise Fallback
    if isinstance(argument.value, VariableNode):
        variable = argument.value.name.value
        definitions = {d.variable.name.value: d for d in op.variable_definitions or ()}
        if set(definitions) != {variable} or definitions[variable].default_value is not None:
            raise Fallback
    elif isinstance(argument.value, StringValueNode):
        literal = argument.value.value
    else:
        raise Fallback
    agency_type = schema.type_map["Agency"]
    assert isinstance(agency_type, GraphQLObjectType)
    plain_fields: list[FieldNode] = []
    list_fields: list[FieldNode] = []
    for field in _fields(root.selection_set):
        (list_fields if field.name.value in TRAVERSALS else plain_fields).append(field)
    leaves, typenames, _ = _leaves(plain_fields, Agency, agency_type)
    lists = []
    for field in list_fields:
        if field.arguments or field.directives:
            raise Fallback
        node = _record_type(field.name.value)
        node_type = schema.type_map[node.__strawberry_definition__.name]  # type: ignore[attr-defined]
        assert isinstance(node_type, GraphQLObjectType)
        sub_leaves, sub_typenames, keys = _leaves(_fields(field.selection_set), node, node_type)
        wanted = tuple(sorted(keys | {"id"}))
        query = TRAVERSALS[field.name.value][0]
        narrow = narrow_for(query, wanted)
        if narrow is None:
            raise Fallback  # the full statement joins fields in: the executor's path
        lists.append(ListPlan((field.alias or field.name).value, query, node, wanted, node_type.name,
                              tuple(sub_leaves), tuple(sub_typenames), narrow, narrow_fields(narrow, wanted)))  # fmt: skip
    order = tuple((f.alias or f.name).value for f in _fields(root.selection_set))
    return Plan((root.alias or root.name).value, variable, literal, tuple(leaves), tuple(typenames), tuple(lists), order)


def _reader(node: type, attr: str, serialize: Callable[[Any], Any], non_null: bool) -> Callable[[dict[str, Any]], Any]:
    """``attr`` of a row as the executor shows it: ``field_reader`` (what ``from_row`` makes of it: an
    agency page built each of its hundred records as a whole strawberry object to read two or three
    fields back), then the type's own ``serialize``. A value either refuses raises here too (the
    executor then answers)."""
    value_of = field_reader(node, attr)
    plain = serialize in (GraphQLString.serialize, GraphQLID.serialize)  # both give a str back as it is
    shown: dict[Enum, Any] = {}  # an enum's few members, each serialized once

    def read(row: dict[str, Any]) -> Any:
        value = value_of(row)
        if value is None:
            if non_null:
                raise Fallback
            return None
        if isinstance(value, Enum):
            out = shown.get(value)
            if out is None:
                out = shown[value] = serialize(value)
            return out
        if plain and type(value) is str:
            return value
        return serialize(value)

    return read


def _record(row: dict[str, Any], node: type, leaves: tuple[Leaf, ...], typename_keys: tuple[str, ...],
            typename: str) -> dict[str, Any]:  # fmt: skip
    """The record's reply. ``from_row`` makes every enum field of the row a member, asked for or not,
    and the executor fails on one that is none: so does this (``Fallback``), before any leaf is read."""
    for key, values in enum_values(node):
        value = row.get(key)
        if value is not None and value not in values:  # an unhashable value raises: the executor answers too
            raise Fallback
    out = {key: read(row) for key, read in leaves}
    for key in typename_keys:
        out[key] = typename
    return out


async def run_plan(plan: Plan, context: Any, variables: dict[str, Any] | None) -> dict[str, Any]:
    """The ``data`` of the reply; ``Fallback`` for anything the executor must decide."""
    from service.graphql.types.agency import Agency

    ident = plan.id_literal if plan.id_variable is None else (variables or {}).get(plan.id_variable)
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    if not isinstance(ident, str):
        raise Fallback
    if any(context.repo.view.restricted(returns(p.query)) for p in plan.lists):
        raise Fallback  # the policy filters this reader's lists: the executor's full statements
    row, replies = await context.repo.with_lists(AGENCY, ident, [(p.query, p.narrow.statement, p.fields) for p in plan.lists])
    if row is None:  # a missing record and an unreadable one alike
        return {plan.root_key: None}
    lists = [narrow_nodes(rows, p.narrow, p.fields, [ident])[0] for p, rows in zip(plan.lists, replies, strict=True)]
    built = _record(row, Agency, plan.leaves, plan.typename_keys, "Agency")
    for p, rows in zip(plan.lists, lists, strict=True):
        built[p.key] = [_record(r, p.node, p.leaves, p.typename_keys, p.typename) for r in rows]
    return {plan.root_key: {key: built[key] for key in plan.order}}


class Plans:
    """Plans by (document text, operation name), learnt after the executor answered the text once."""

    def __init__(self, schema: GraphQLSchema, size: int = MAX_PLANS) -> None:
        self.schema = schema
        self.size = size
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()

    def get(self, query: str, operation_name: str | None) -> Plan | None:
        plan = self._plans.get((query, operation_name))
        if plan is not None:
            self._plans.move_to_end((query, operation_name))
        return plan

    def known(self, query: str, operation_name: str | None) -> bool:
        return (query, operation_name) in self._plans

    def learn(self, query: str, operation_name: str | None) -> None:
        """Compile a text the executor has just answered without errors (None: it needs the executor)."""
        try:
            plan: Plan | None = compile_plan(self.schema, parse(query), operation_name)
        except (Fallback, KeyError, ValueError, TypeError, AssertionError):
            plan = None
        except Exception:  # noqa: BLE001 - a document this compiler does not know stays on the executor
            plan = None
        self._plans[(query, operation_name)] = plan
        while len(self._plans) > self.size:
            self._plans.popitem(last=False)
