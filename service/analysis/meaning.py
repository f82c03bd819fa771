"""How well two texts name the same things, through the thesaurus (shared by win-win and alignment).

Objects decide (a training in fire safety is not a training in water saving) and are compared both
ways, so a text naming many things does not meet everything; activities add a fifth.
"""

from __future__ import annotations

from functools import lru_cache

from service.analysis.vocab import default_thesaurus


def concepts_of(text: str) -> frozenset[str]:
    return default_thesaurus().concepts_of(text)


def meet(a: frozenset[str], b: frozenset[str]) -> float:
    """0..1: objects both ways (0 when either names none), activities weighing 0.2 when both name some."""
    th = default_thesaurus()
    obj_a, obj_b = th.of_type(a, "object"), th.of_type(b, "object")
    if not obj_a or not obj_b:
        return 0.0
    score = both_ways(obj_a, obj_b)
    act_a, act_b = th.of_type(a, "activity"), th.of_type(b, "activity")
    if act_a and act_b:
        score = 0.8 * score + 0.2 * both_ways(act_a, act_b)
    return score


@lru_cache(maxsize=200_000)
def both_ways(a: frozenset[str], b: frozenset[str]) -> float:
    """Mean of each side's concepts' best ``related`` score in the other side, over both sides."""
    th = default_thesaurus()
    one = sum(max(th.related(x, y) for y in b) for x in a) / len(a)
    two = sum(max(th.related(y, x) for x in a) for y in b) / len(b)
    return (one + two) / 2


def labels(ids: frozenset[str]) -> list[str]:
    th = default_thesaurus()
    return sorted(th.label(c) for c in ids)


def objects(ids: frozenset[str]) -> frozenset[str]:
    return default_thesaurus().of_type(ids, "object")
