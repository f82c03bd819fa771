"""How well two texts name the same things, through the thesaurus (shared by win-win and alignment).

Objects decide (a training in fire safety is not a training in water saving) and are compared both
ways, so a text naming many things does not meet everything; activities add a fifth. Every function
takes the thesaurus to use: the shipped one, or the shipped one with the directorate's added terms.
"""

from __future__ import annotations

from itertools import repeat
from math import fsum

from service.analysis.vocab import default_thesaurus
from service.analysis.vocab.thesaurus import Thesaurus


def _th(th: Thesaurus | None) -> Thesaurus:
    return th if th is not None else default_thesaurus()


def concepts_of(text: str, th: Thesaurus | None = None) -> frozenset[str]:
    return _th(th).concepts_of(text)


def meet(a: frozenset[str], b: frozenset[str], th: Thesaurus | None = None) -> float:
    """0..1: objects both ways (0 when either names none), activities weighing 0.2 when both name some."""
    t = _th(th)
    return meet_parts(t.of_type(a, "object"), t.of_type(a, "activity"), t.of_type(b, "object"), t.of_type(b, "activity"), t)


def meet_parts(obj_a: frozenset[str], act_a: frozenset[str], obj_b: frozenset[str], act_b: frozenset[str],
               th: Thesaurus | None = None) -> float:  # fmt: skip
    """``meet`` of two texts whose concepts are already split into objects and activities (a caller
    comparing many pairs splits each record once)."""
    if not obj_a or not obj_b:
        return 0.0
    t = _th(th)
    score = both_ways(obj_a, obj_b, t)
    if act_a and act_b:
        score = 0.8 * score + 0.2 * both_ways(act_a, act_b, t)
    return score


def both_ways(a: frozenset[str], b: frozenset[str], th: Thesaurus | None = None) -> float:
    """Mean of each side's concepts' best ``related`` score in the other side, over both sides."""
    t = _th(th)

    def make() -> float:
        # fsum: the exact sum whatever order a set is walked in (a plain sum followed the hash seed, and a
        # meet of 0.5 ± 1 ulp decided whether a city-scale match was kept: 2,377 or 2,378 from run to run)
        zero = repeat(0.0)
        one = fsum(max(map(t.related_row(x).get, b, zero)) for x in a) / len(a)
        two = fsum(max(map(t.related_row(y).get, a, zero)) for y in b) / len(b)
        return (one + two) / 2

    return t.kept(("both_ways", a, b), make)


def labels(ids: frozenset[str], th: Thesaurus | None = None) -> list[str]:
    t = _th(th)
    return sorted(t.label(c) for c in ids)


def objects(ids: frozenset[str], th: Thesaurus | None = None) -> frozenset[str]:
    return _th(th).of_type(ids, "object")
