"""Per-request context: the repository (on a query-counting store), DataLoaders and the actor.

Every read here goes through the Repository, which carries the reader's view (the access
policy): the loaders never see a record the reader may not read, whichever resolver asks.
"""

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from service.auth.cache import ActorCache
from service.auth.tokens import resolve
from service.domain.actor import Actor
from service.graphql.narrow import Narrow, narrow_for, wanted_keys
from service.registry.events import EventHub
from service.registry.repository import Repository, returns
from service.registry.specs import EntitySpec
from service.settings import Settings
from service.storage.port import GraphStore, Row


@dataclass
class CountingStore:
    """Wraps the store for one request so tests and benchmarks can see the query count."""

    inner: GraphStore
    count: int = 0  # statements
    round_trips: int = 0  # reads and writes sent, statements sent together (``read_many``) once

    @property
    def backend(self) -> str:
        return self.inner.backend

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.count += 1
        self.round_trips += 1
        return await self.inner.read(name, params)

    async def read_many(self, reads: Sequence[tuple[str, Mapping[str, Any] | None]]) -> list[list[Row]]:
        self.count += len(reads)
        self.round_trips += 1
        return await self.inner.read_many(reads)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.count += 1
        self.round_trips += 1
        return await self.inner.write(name, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def narrow_fields(narrow: Narrow, keys: tuple[str, ...]) -> list[str]:
    """The stored fields a ``*_fields`` statement returns in its ``values``, in order."""
    return [k for k in keys if k != narrow.key_as]


def narrow_nodes(rows: list[Row], narrow: Narrow, fields: list[str], ids: list[str]) -> list[list[Row]]:
    """A ``*_fields`` statement's rows (``key``, ``values`` in ``fields`` order, extra columns) as
    each id's records, in ``ids`` order."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        node = dict(zip(fields, row["values"], strict=True))
        node.update((k, v) for k, v in row.items() if k not in ("key", "values"))
        if narrow.key_as:
            node[narrow.key_as] = row["key"]
        grouped[row["key"]].append(node)
    return [grouped.get(k, []) for k in ids]


@dataclass
class Loaders:
    """DataLoaders made on first use, one per entity and per traversal query (and selection)."""

    repo: Repository
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
        narrow = None if self.repo.view.restricted(returns(query)) else narrow_for(query, keys)
        if narrow is not None and keys is not None:
            return self._narrow(query, narrow, keys)

        async def load(ids: list[str]) -> list[list[Row]]:
            grouped: dict[str, list[Row]] = defaultdict(list)
            for row in await self.repo.related(query, ids):
                grouped[row["key"]].append(row["node"])
            return [grouped.get(k, []) for k in ids]

        return self._made.setdefault(f"related:{query}", DataLoader(load_fn=load))

    def batched(self, name: str, load: Any) -> DataLoader[Any, Any]:
        """A DataLoader of one's own, made once per request under ``name`` (e.g. the committee's
        decisions per issue, issue 19 item 2)."""
        return self._made.setdefault(name, DataLoader(load_fn=load))

    def related_where(self, from_key: str, relation: str, tree: Any) -> DataLoader[str, set[str]]:
        """Per parent id, the ids of its related records that match a traversal's ``where``
        (one composed statement per batch and filter)."""

        async def load(ids: list[str]) -> list[set[str]]:
            found = await self.repo.related_where(from_key, relation, ids, tree)
            return [found.get(i, set()) for i in ids]

        name = f"where:{from_key}:{relation}:{json.dumps(tree, sort_keys=True, ensure_ascii=False)}"
        return self._made.setdefault(name, DataLoader(load_fn=load))

    def matching(self, spec: EntitySpec, tree: Any) -> DataLoader[str, bool]:
        """Whether each id matches a by-id list's ``where`` (one composed statement per batch)."""

        async def load(ids: list[str]) -> list[bool]:
            found = await self.repo.ids_where(spec, tree, ids)
            return [i in found for i in ids]

        name = f"matching:{spec.key}:{json.dumps(tree, sort_keys=True, ensure_ascii=False)}"
        return self._made.setdefault(name, DataLoader(load_fn=load))

    def _narrow(self, query: str, narrow: Narrow, keys: tuple[str, ...]) -> DataLoader[str, list[Row]]:
        """The ``*_fields`` twin: values in ``keys`` order; the repository serves it only to
        readers who may read every record of the kind."""
        fields = narrow_fields(narrow, keys)

        async def load(ids: list[str]) -> list[list[Row]]:
            return narrow_nodes(await self.repo.related_fields(query, narrow.statement, ids, fields), narrow, fields, ids)

        return self._made.setdefault(f"narrow:{narrow.statement}:{','.join(keys)}", DataLoader(load_fn=load))


class Context(BaseContext):
    def __init__(self, store: GraphStore, settings: Settings, actor: Actor, actors: ActorCache | None = None,
                 events: EventHub | None = None, token: str | None = None) -> None:  # fmt: skip
        """``token``: the one a WebSocket presented, resolved again before each event it is sent
        (``still_allowed``); an HTTP request's context lives for one request and needs none."""
        super().__init__()
        self.token = token
        self.actors = actors  # the app's token cache: a revocation here must empty it
        self.events = events  # the app's event hub: subscriptions listen to it, the repository publishes to it
        self.counter = CountingStore(store)
        # the rest of the port reaches the store by __getattr__
        self.repo = Repository(cast(GraphStore, self.counter), actor, settings.shared_with_agencies, events)
        self.settings = settings
        self.actor = actor
        self.loaders = Loaders(self.repo)

    def next_event(self) -> None:
        """A subscription's next event is read afresh: loaders kept across events served a request's
        history as it was at the first event (a step behind at the second)."""
        self.loaders = Loaders(self.repo)

    def for_operation(self) -> "Context":
        """The same reader with loaders of its own: one context per operation of a WebSocket
        (``service.graphql.websocket``), where strawberry makes one per connection."""
        return Context(self.counter.inner, self.settings, self.actor, self.actors, self.events, self.token)

    async def still_allowed(self) -> bool:
        """Whether the token this context was opened with still stands (always, without one)."""
        if self.token is None:
            return True
        return await resolve(self.counter.inner, self.token, self.actors) is not None
