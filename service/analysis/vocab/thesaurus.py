"""The Persian municipal thesaurus: concepts (activities and objects) with synonym rings and
broader/narrower links, loaded from ``data/thesaurus.csv`` (SKOS in table form: one row a concept,
``fa``/``en`` hold the preferred label first and alternative labels after it, ``|``-separated).

``concepts(text)`` finds the concepts a text names, longest label first, after normalisation and
light stemming; ``related(a, b)`` says how close two concepts are in the hierarchy. Terms the
directorate adds through the API come in as ``extra`` labels and make a new ``Thesaurus``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from math import fsum
from typing import Any, TypeVar

from service.analysis.vocab.stem import tokens

MAX_SPAN = 6
PAIR_CACHE_LIMIT = 500_000  # about 100 MB at most; a city's duplication run fills about 74,000
_MISSING = object()
T = TypeVar("T")


@dataclass(frozen=True)
class Concept:
    id: str
    type: str  # activity | object
    broader: tuple[str, ...]
    related: tuple[str, ...]
    labels_fa: tuple[str, ...]
    labels_en: tuple[str, ...]

    @property
    def label_fa(self) -> str:
        return self.labels_fa[0] if self.labels_fa else self.id


def _key(label: str) -> str:
    """A label's match key: its stems joined without spaces, so joined, split and half-spaced spellings
    (جمع‌آوری, جمع آوری, جمعآوری) give one key."""
    return "".join(tokens(label))


@dataclass
class Thesaurus:
    concepts: dict[str, Concept]
    index: dict[str, frozenset[str]] = field(default_factory=dict)
    prefixes: frozenset[str] = frozenset()
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    _related: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    pair_cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # ``kept``: for callers comparing concept sets
    _rows: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    def kept(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()`` kept under ``key`` in this thesaurus's pair cache, which outlives one analysis (the
        shipped thesaurus is read once per process): emptied when it reaches ``PAIR_CACHE_LIMIT``
        entries, so a server that runs analyses for months does not grow with every pair of concept
        sets it ever compared. On the thesaurus, not in a module: a thesaurus with the directorate's
        terms is made per run, and a module's cache keyed by its ``id`` gave a later run, whose new
        thesaurus took a freed one's address, the meets of the terms before (2 of 200 runs, measured)."""
        found = self.pair_cache.get(key, _MISSING)
        if found is _MISSING:
            if len(self.pair_cache) >= PAIR_CACHE_LIMIT:
                self.pair_cache.clear()
            found = self.pair_cache[key] = make()
        return found  # type: ignore[no-any-return]

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = {}
        for c in self.concepts.values():
            for label in c.labels_fa + c.labels_en:
                key = _key(label)
                if key:
                    index.setdefault(key, set()).add(c.id)
        self.index = {k: frozenset(v) for k, v in index.items()}
        # every character prefix of every key: a walk along a text stops as soon as no label can follow
        self.prefixes = frozenset(k[:n] for k in self.index for n in range(1, len(k) + 1))
        self.ancestors = {cid: frozenset(self._walk(cid)) for cid in self.concepts}

    def _walk(self, cid: str) -> set[str]:
        out: set[str] = set()
        todo = list(self.concepts[cid].broader)
        while todo:
            b = todo.pop()
            if b in out or b not in self.concepts:
                continue
            out.add(b)
            todo.extend(self.concepts[b].broader)
        return out

    def with_terms(self, extra: Iterable[dict[str, Any]]) -> Thesaurus:
        """A copy with the directorate's terms: ``{concept, label, broader?}``; a concept not in the
        thesaurus is new, of the type and under the broader concept given."""
        concepts = dict(self.concepts)
        for term in extra:
            cid, label, broader = term["concept"], term["label"], term.get("broader")
            c = concepts.get(cid)
            if c is None:
                kind = concepts[broader].type if broader in concepts else ("activity" if cid.startswith("act.") else "object")
                c = Concept(cid, kind, (broader,) if broader else (), (), (), ())
            concepts[cid] = Concept(c.id, c.type, c.broader, c.related, (*c.labels_fa, label), c.labels_en)
        return Thesaurus(concepts)

    def concepts_of(self, text: str | None) -> frozenset[str]:
        """Concepts named in ``text``. Every label found counts except one inside a longer label found
        at the same place («پروانه» inside «پروانه ساختمانی»); labels may overlap («صدور پروانه» and
        «پروانه ساختمانی» in «صدور پروانه ساختمانی»)."""
        stems = tokens(text)
        n = len(stems)
        spans: list[tuple[int, int, frozenset[str]]] = []
        for i in range(n):
            joined = ""
            for j in range(i, min(n, i + MAX_SPAN)):
                joined += stems[j]
                if joined not in self.prefixes:
                    break
                hit = self.index.get(joined)
                if hit:
                    spans.append((i, j + 1, hit))
        found: set[str] = set()
        for i, j, hit in spans:
            if not any(a <= i and j <= b and b - a > j - i for a, b, _ in spans):
                found |= hit
        return frozenset(found)

    def related(self, a: str, b: str) -> float:
        """1 for the same concept, 0.8 parent/child, 0.6 two steps apart, 0.5 for a declared
        ``related`` link, 0.3 for siblings under one broader concept, else 0."""
        if a == b:
            return 1.0
        known = self._related.get((a, b))
        if known is None:
            known = self._related[(a, b)] = self._relate(a, b)
        return known

    def related_row(self, a: str) -> dict[str, float]:
        """Every concept ``related`` to ``a`` with a score above 0, by id: the whole table is made once
        per thesaurus (151 concepts shipped: 23k pairs), so comparing two texts' concepts is dict look-ups
        (win-win compares 25,000 candidate pairs at city scale: 1.4 M ``related`` calls took 0.8 s)."""
        if not self._rows:
            ids = list(self.concepts)
            self._rows = {a: {b: r for b in ids if (r := self.related(a, b)) > 0} for a in ids}
        return self._rows.get(a) or {a: 1.0}

    def _relate(self, a: str, b: str) -> float:
        if a not in self.concepts or b not in self.concepts:
            return 0.0
        ca, cb = self.concepts[a], self.concepts[b]
        if b in ca.broader or a in cb.broader:
            return 0.8
        if b in self.ancestors[a] or a in self.ancestors[b]:
            return 0.6
        if b in ca.related or a in cb.related:
            return 0.5
        if set(ca.broader) & set(cb.broader):
            return 0.3
        return 0.0

    def similarity(self, left: Iterable[str], right: Iterable[str]) -> float:
        """How well two concept sets meet: the mean, over the smaller set, of each concept's best
        ``related`` score in the other set (0 when either is empty)."""
        a, b = set(left), set(right)
        if not a or not b:
            return 0.0
        small, big = (a, b) if len(a) <= len(b) else (b, a)
        return fsum(max(self.related(x, y) for y in big) for x in small) / len(small)  # exact: any set order

    def of_type(self, ids: Iterable[str], kind: str) -> frozenset[str]:
        return frozenset(c for c in ids if c in self.concepts and self.concepts[c].type == kind)

    def label(self, cid: str) -> str:
        c = self.concepts.get(cid)
        return c.label_fa if c else cid


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


@cache
def default_thesaurus() -> Thesaurus:
    """The shipped thesaurus, read once per process."""
    text = resources.files("service.analysis.vocab").joinpath("data/thesaurus.csv").read_text(encoding="utf-8")
    concepts = {
        row["id"]: Concept(row["id"], row["type"], _split(row["broader"]), _split(row["related"]),
                           _split(row["fa"]), _split(row["en"]))
        for row in csv.DictReader(text.splitlines())
    }
    return Thesaurus(concepts)


def concepts(text: str) -> frozenset[str]:
    """Concept ids a text names, with the shipped thesaurus (stable API: win-win uses it)."""
    return default_thesaurus().concepts_of(text)


def related(a: str, b: str) -> float:
    """How close two concept ids are, 0..1, with the shipped thesaurus (stable API)."""
    return default_thesaurus().related(a, b)
