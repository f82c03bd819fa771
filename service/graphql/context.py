"""Per-request context: the repository (on a query-counting store), DataLoaders and the actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from service.auth.cache import ActorCache
from service.auth.policy import can_read, viewer
from service.domain.actor import Actor
from service.graphql.narrow import Narrow, narrow_for, wanted_keys
from service.registry.repository import Repository, public
from service.registry.specs import EntitySpec
from service.settings import Settings
from service.storage.port import GraphStore, Row


@dataclass
class CountingStore:
    """Wraps the store for one request so tests and benchmarks can see the query count."""

    inner: GraphStore
    count: int = 0

    @property
    def backend(self) -> str:
        return self.inner.backend

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.count += 1
        return await self.inner.read(name, params)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.count += 1
        return await self.inner.write(name, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass
class Loaders:
    """DataLoaders made on first use, one per entity and per traversal query (and selection)."""

    repo: Repository
    can_read: Callable[[str, Row], bool]
    restricted: Callable[[str], bool]
    _made: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
    _keys: dict[tuple[str, ...], tuple[str, ...] | None] = field(default_factory=dict)

    def wanted(self, info: Info, node: type) -> tuple[str, ...] | None:
        """``wanted_keys`` once per field of the document, not once per parent record (a list of
        100 agencies asked it 100 times for the same ``duties { … }``: 4% of the query)."""
        where = tuple(k for k in info.path.as_list() if isinstance(k, str))  # aliases differ; list indices do not
        if where not in self._keys:
            self._keys[where] = wanted_keys(info, node)
        return self._keys[where]

    def entity(self, spec: EntitySpec) -> DataLoader[str, Row | None]:
        async def load(ids: list[str]) -> list[Row | None]:
            found = await self.repo.get_many(spec, ids)
            return [found.get(i) for i in ids]

        return self._made.setdefault(f"entity:{spec.key}", DataLoader(load_fn=load))

    def related(self, query: str, keys: tuple[str, ...] | None = None) -> DataLoader[str, list[Row]]:
        """Rows of a ``key, node[, extra columns]`` statement, grouped by key. ``keys``: the
        stored fields the selection reads, when it reads only those (``wanted_keys``)."""
        entity = "transition" if query == "request/steps" else query.split("/")[0]
        narrow = None if self.restricted(entity) else narrow_for(query, keys)
        if narrow is not None and keys is not None:
            return self._narrow(narrow, keys)

        async def load(ids: list[str]) -> list[list[Row]]:
            rows = await self.repo.store.read(query, {"ids": list(ids), "includeArchived": False})
            grouped: dict[str, list[Row]] = defaultdict(list)
            for row in rows:
                extra = {k: v for k, v in row.items() if k not in ("key", "node")}
                node = public(row["node"]) | extra
                if self.can_read(entity, node):
                    grouped[row["key"]].append(node)
            return [grouped.get(k, []) for k in ids]

        return self._made.setdefault(f"related:{query}", DataLoader(load_fn=load))

    def _narrow(self, narrow: Narrow, keys: tuple[str, ...]) -> DataLoader[str, list[Row]]:
        """The ``*_fields`` twin: values in ``keys`` order; no policy filter, since it is only
        used for readers who may read every record of the kind."""
        fields = [k for k in keys if k != narrow.key_as]

        async def load(ids: list[str]) -> list[list[Row]]:
            rows = await self.repo.store.read(narrow.statement, {"ids": list(ids), "includeArchived": False, "fields": fields})
            grouped: dict[str, list[Row]] = defaultdict(list)
            for row in rows:
                node = dict(zip(fields, row["values"], strict=True))
                node.update((k, v) for k, v in row.items() if k not in ("key", "values"))
                if narrow.key_as:
                    node[narrow.key_as] = row["key"]
                grouped[row["key"]].append(node)
            return [grouped.get(k, []) for k in ids]

        return self._made.setdefault(f"narrow:{narrow.statement}:{','.join(keys)}", DataLoader(load_fn=load))


class Context(BaseContext):
    def __init__(self, store: GraphStore, settings: Settings, actor: Actor, actors: ActorCache | None = None) -> None:
        super().__init__()
        self.actors = actors  # the app's token cache: a revocation here must empty it
        self.counter = CountingStore(store)
        self.repo = Repository(cast(GraphStore, self.counter), actor)  # the rest of the port reaches the store by __getattr__
        self.settings = settings
        self.actor = actor
        self.loaders = Loaders(self.repo, self.can_read, self.restricted)

    def restricted(self, entity: str) -> bool:
        """Does the policy filter this reader's view of the kind (an agency, on private kinds)?"""
        return viewer(self.actor, entity, self.settings.shared_with_agencies) is not None

    def can_read(self, entity: str, row: Row) -> bool:
        """Traversals and lookups show an agency only what the policy lets it read."""
        return can_read(self.actor, entity, row, self.settings.shared_with_agencies)
