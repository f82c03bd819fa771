"""Relay object identification: the ``Node`` interface and the ``DateTime`` scalar's type.

Every record's ``id`` is already global: the registry gives each kind its own prefix (``ag-``,
``du-``, ``ca-``, ``ne-``, ``is-``, ``ex-``, ``rq-``, ``wg-``), so ``node(id:)`` can refetch any
record by its id alone, as Relay and Apollo caches expect, with no second id to carry.
"""

import strawberry


@strawberry.interface(
    description="A record that can be refetched by its id alone (Relay object identification): ids are "
    "unique across the registry, each kind's carrying its own prefix (ag-, du-, ca-, ne-, is-, ex-, rq-, wg-)"
)
class Node:
    id: strawberry.ID

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        """One isinstance per record: strawberry's default for a type with an interface also looks
        for a type cast first, on every record of every list (the executor calls it per object)."""
        return isinstance(obj, cls)
