"""A code hierarchy read from a CSV (``code,broader,…,fa,en``): containment, overlap and free text
to codes. Geography and beneficiaries are both this shape."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from service.analysis.vocab.stem import tokens


@dataclass
class Hierarchy:
    parent: dict[str, str | None]
    labels_fa: dict[str, tuple[str, ...]]
    labels_en: dict[str, tuple[str, ...]]
    # a code not in the file may still have a known parent (D17 → city, residents:D9 → residents)
    infer: Callable[[str], str | None] = lambda code: None
    index: dict[str, str] = field(default_factory=dict)
    # which added terms this copy carries ("" for the shipped file): callers' caches are keyed by it
    version: str = ""
    _chains: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # later rows and longer labels win ties; the code itself is also a label
        for code in self.parent:
            for label in (code, *self.labels_fa.get(code, ()), *self.labels_en.get(code, ())):
                key = "".join(tokens(label)) or label.casefold()
                self.index.setdefault(key, code)

    def with_terms(self, terms: Iterable[dict[str, Any]]) -> Hierarchy:
        """A copy with the directorate's terms ``{concept: code, label, broader?}``: a label for a known
        code, or a new code under ``broader``. The shipped object itself when there are none."""
        added = list(terms)
        if not added:
            return self
        parent, fa = dict(self.parent), dict(self.labels_fa)
        for term in added:
            code = term["concept"]
            if code not in parent:
                parent[code] = term.get("broader") or self.parent_of(code)
            fa[code] = (*fa.get(code, ()), term["label"])
        version = "|".join(f"{t.get('id') or ''}>{t.get('broader') or ''}" for t in added)  # what decides content
        return Hierarchy(parent, fa, dict(self.labels_en), self.infer, version=version)

    def parent_of(self, code: str) -> str | None:
        return self.parent[code] if code in self.parent else self.infer(code)

    def chain(self, code: str) -> tuple[str, ...]:
        """The code and its ancestors, nearest first (worked out once per code)."""
        known = self._chains.get(code)
        if known is None:
            known = self._chains[code] = tuple(self._walk(code))
        return known

    def _walk(self, code: str) -> list[str]:
        out = [code]
        seen = {code}
        while (p := self.parent_of(out[-1])) is not None and p not in seen:
            out.append(p)
            seen.add(p)
        return out

    def contains(self, outer: str, inner: str) -> bool:
        return outer in self.chain(inner)

    def meet(self, a: str, b: str) -> str | None:
        """The narrower of two codes when one contains the other, else None."""
        if self.contains(a, b):
            return b
        if self.contains(b, a):
            return a
        return None

    def overlap(self, left: Iterable[str], right: Iterable[str]) -> list[str]:
        """Codes where the two sets meet (each the narrower of a containing pair), sorted."""
        out = {m for a in left for b in right if (m := self.meet(a, b)) is not None}
        return sorted(out)

    def label(self, code: str) -> str:
        labels = self.labels_fa.get(code)
        if labels:
            return labels[0]
        p = self.parent_of(code)
        return f"{self.label(p)} ({code})" if p else code

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        """Codes whose labels begin with, then contain, what was typed (normalised, stemmed): what an
        entry form offers while a person types «ساکن…» or «منطقه ۹»."""
        key = "".join(tokens(text)) or text.strip().casefold()
        if not key:
            return []
        starts = [c for k, c in self.index.items() if k.startswith(key)]
        inside = [c for k, c in self.index.items() if key in k and not k.startswith(key)]
        out: list[str] = []
        for code in starts + inside:
            if code not in out:
                out.append(code)
        return out[:limit]

    def code_of(self, text: str) -> str | None:
        """The code a free text names, if one label matches it whole."""
        key = "".join(tokens(text)) or text.strip().casefold()
        return self.index.get(key)


def load(name: str, infer: Callable[[str], str | None]) -> Hierarchy:
    text = resources.files("service.analysis.vocab").joinpath(f"data/{name}").read_text(encoding="utf-8")
    parent: dict[str, str | None] = {}
    fa: dict[str, tuple[str, ...]] = {}
    en: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(text.splitlines()):
        code = row["code"]
        parent[code] = row["broader"] or None
        fa[code] = tuple(p.strip() for p in row["fa"].split("|") if p.strip())
        en[code] = tuple(p.strip() for p in row["en"].split("|") if p.strip())
    return Hierarchy(parent, fa, en, infer)
