"""Traversals that read only what the GraphQL selection asks for.

An agency page lists its duties, capacities and requests by two or three fields each, and the
full traversal statements return whole records with fields joined in from other nodes (a
request's sender and subject of interest, a duty's other holders). The bench measured those
joins and the FalkorDB client's pure-Python parsing of every text field as most of the page's
time. So when a selection reads only stored fields of the records, the traversal runs its
``*_fields`` twin: no joins, and ``[k IN $fields | n[k]]`` instead of ``n {.*}``.

The full statement is kept for everything else: a computed field, a fragment, a field only a
join provides, or a reader the policy restricts (the party check needs the joined fields).
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from strawberry.types import Info
from strawberry.types.base import get_object_definition
from strawberry.types.nodes import SelectedField
from strawberry.utils.str_converters import to_camel_case

from service.graphql.types.common import data_keys


@dataclass(frozen=True)
class Narrow:
    """The ``*_fields`` twin of a traversal statement."""

    statement: str
    key_as: str | None  # the record field that is the batch key itself (a capacity's agencyId)
    joined: frozenset[str] = frozenset()  # fields only the full statement provides


NARROW: dict[str, Narrow] = {
    "agency/children": Narrow("agency/children_fields", "parentId"),
    "duty/by_agency": Narrow("duty/by_agency_fields", None, frozenset({"agencyId", "supportAgencyIds"})),
    "capacity/by_agency": Narrow("capacity/by_agency_fields", "agencyId"),
    "need/by_agency": Narrow("need/by_agency_fields", "agencyId"),
    "issue/raised_by": Narrow("issue/raised_by_fields", "raisedById", frozenset({"concernsIds", "blocksDutyId"})),
    "issue/concerning": Narrow("issue/concerning_fields", None, frozenset({"raisedById", "concernsIds", "blocksDutyId"})),
    "exchange/given_by": Narrow("exchange/given_by_fields", "providerId", frozenset({"receiverId", "dutyId"})),
    "exchange/received_by": Narrow("exchange/received_by_fields", "receiverId", frozenset({"providerId", "dutyId"})),
    "request/sent_by": Narrow("request/sent_by_fields", "senderId", frozenset({"receiverId", "aboutId"})),
    "request/received_by": Narrow("request/received_by_fields", "receiverId", frozenset({"senderId", "aboutId"})),
}


@cache
def _field_keys(node: type) -> dict[str, str | None]:
    """GraphQL field name -> the stored key it shows, or None for a computed field."""
    stored = data_keys(node)
    definition: Any = get_object_definition(node, strict=True)
    return {
        (f.graphql_name or to_camel_case(f.python_name)): stored.get(f.python_name)
        for f in definition.fields
    }


def wanted_keys(info: Info, node: type) -> tuple[str, ...] | None:
    """The stored keys this list field's selection reads (always with ``id``), or None when it
    needs whole records: a computed field or a fragment."""
    names = _field_keys(node)
    keys = {"id"}
    for field in info.selected_fields[0].selections:
        if not isinstance(field, SelectedField):
            return None
        if field.name == "__typename":
            continue
        key = names.get(field.name)
        if key is None:
            return None
        keys.add(key)
    return tuple(sorted(keys))


def narrow_for(query: str, keys: tuple[str, ...] | None) -> Narrow | None:
    """The twin to run for ``query`` with these keys, when there is one that can serve them."""
    spec = NARROW.get(query)
    if spec is None or keys is None or spec.joined.intersection(keys):
        return None
    return spec
