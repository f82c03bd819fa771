"""The evidence two duties give of duplicated work, kind by kind, and GAO's class from it.

Structured evidence decides first (GAO-15-49SP, FIELD-NOTES.md): the *activity* as thesaurus
concepts (what is done, to what), the *function* (COFOG group), the *beneficiaries* and the
*geography* as code hierarchies. Text similarity only speaks where the thesaurus is silent, and then
only inside one COFOG group, never across unrelated functions:

- no overlapping geography: nothing (a duty in another city or district never overlaps one here);
- *duplication*: the same activity (one object concept and one action concept in common, or, where a
  side names no object, near-identical text in one group) for the same beneficiaries;
- *overlap*: the same activity for other people, or a similar one (related objects; across
  COFOG divisions only when the actions do not disagree): activity and at least one more kind agree;
- *fragmentation*: one COFOG group worked by both, sharing beneficiaries or a named area (the whole
  city shared by default is no evidence on its own; the per-area report covers that);
- otherwise nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.analysis.vocab import default_thesaurus, geo_overlap, shared_beneficiaries
from service.analysis.vocab.beneficiaries import codes as beneficiary_codes
from service.analysis.vocab.thesaurus import Thesaurus
from service.data.taxonomy import division
from service.settings import DuplicationParams

# concepts too common in duty texts to say two duties do the same thing ("network", "managing")
STOCK = frozenset({"obj.network", "obj.data", "obj.governance", "obj.plan", "act.manage", "act.supply"})
WIDE_AREAS = frozenset({"city", "province", "iran"})
MEET = 0.8  # a related() score at least this is the same thing or its parent/child
COVER = 0.6  # objects this well matched on both sides are the same work (synonyms folded)
# where work happens rather than what it works on ("… in the streets of the city"): it counts as a
# shared object, but does not make two duties do the same thing
PLACES = frozenset({"obj.street"})


@dataclass(frozen=True)
class Concepts:
    """A duty's concepts of one type with what set operations need: their direct broader concepts
    and their declared ``related`` ones (the thesaurus hierarchy, precomputed per duty)."""

    ids: frozenset[str]
    parents: frozenset[str]
    related: frozenset[str]

    @staticmethod
    def of(ids: frozenset[str], t: Thesaurus) -> Concepts:
        parents = frozenset(p for c in ids for p in t.concepts[c].broader)
        related = frozenset(r for c in ids for r in t.concepts[c].related)
        return Concepts(ids, parents, related)


@dataclass(frozen=True)
class DutyFacts:
    """What one duty says, read once per analysis."""

    id: str
    agency: str
    group: str
    division: str
    objects: frozenset[str]
    acts: frozenset[str]
    beneficiaries: tuple[str, ...]
    geography: tuple[str, ...]
    object_sets: Concepts | None = None  # what is worked on: places («in the streets of…») left out when others are named
    act_sets: Concepts | None = None
    cover_objects: frozenset[str] = frozenset()  # the objects that say what is worked on (places left out)


def text_of(duty: dict[str, Any]) -> str:
    parts = (duty.get("titleFa"), duty.get("descriptionFa"), duty.get("titleEn"))
    return " ".join(p for p in parts if p)


def facts(duty: dict[str, Any], thesaurus: Thesaurus | None = None) -> DutyFacts:
    """The title says what a duty is; the description only fills in what the title leaves unnamed
    (a description lists many things in passing, and each would otherwise meet some other duty)."""
    t = thesaurus or default_thesaurus()
    title = (t.concepts_of(duty.get("titleFa")) or t.concepts_of(duty.get("titleEn"))) - STOCK
    more = t.concepts_of(duty.get("descriptionFa")) - STOCK
    objects = t.of_type(title, "object") or t.of_type(more, "object")
    acts = t.of_type(title, "activity") or t.of_type(more, "activity")
    code = duty.get("functionCode") or ""
    return DutyFacts(
        duty["id"], duty.get("agencyId") or "", code, division(code) if code else "", objects, acts,
        tuple(beneficiary_codes(duty.get("beneficiaries") or [])), tuple(duty.get("geography") or ["city"]),
        Concepts.of(objects - PLACES or objects, t), Concepts.of(acts, t), objects - PLACES or objects,
    )  # fmt: skip


@dataclass
class Evidence:
    text: float
    objects: list[str]  # object concepts the two share (or parent/child)
    object_meet: float
    acts: list[str]
    act_meet: float
    same_group: bool
    same_division: bool
    beneficiaries: list[str]
    geography: list[str]
    named_area: bool  # they meet in an area narrower than the whole city
    same_activity: bool
    similar_activity: bool

    def packed(self) -> tuple[Any, ...]:
        """The fields in order (a dataclass sets its attributes in field order), to send to another
        process: a tuple pickles several times faster than the dataclass."""
        return tuple(self.__dict__.values())

    @staticmethod
    def unpacked(fields: tuple[Any, ...]) -> Evidence:
        return Evidence(*fields)


def _meet(t: Thesaurus, a: Concepts, b: Concepts) -> tuple[float, list[str]]:
    """How close two concept sets come: 1 one concept in common, 0.8 a parent/child pair, 0.5 a
    declared related pair, else 0; with the concepts that met (the narrower of a parent/child pair).
    Kept per pair of concept sets: a city's 45,000 candidate pairs hold few distinct ones."""
    score, met = t.kept(("meet", a.ids, b.ids), lambda: _meet_once(t, a, b))
    return score, list(met)


def _meet_once(t: Thesaurus, a: Concepts, b: Concepts) -> tuple[float, tuple[str, ...]]:
    same = a.ids & b.ids
    broader_a = a.ids & b.parents  # concepts of a that are broader than one of b
    broader_b = b.ids & a.parents
    if not (same or broader_a or broader_b):
        return (0.5 if a.ids & b.related or b.ids & a.related else 0.0), ()
    met = set(same)
    met |= {y for y in b.ids if broader_a & set(t.concepts[y].broader)}
    met |= {x for x in a.ids if broader_b & set(t.concepts[x].broader)}
    return (1.0 if same else MEET), tuple(sorted(met))


def _cover(t: Thesaurus, left: frozenset[str], right: frozenset[str]) -> float:
    """How fully each side's concepts are matched on the other: the smaller of the two directional
    means (1 the same concept, 0.6 parent/child — «crisis management» covers «emergency shelter» only
    in part —, 0.5 a declared related concept, 0.3 siblings under one broader concept, else 0)."""
    if not left or not right:
        return 0.0
    return float(t.kept(("cover", left, right), lambda: min(_towards(t, left, right), _towards(t, right, left))))


def _towards(t: Thesaurus, left: frozenset[str], right: frozenset[str]) -> float:
    """Counted in whole tenths: a float sum walked in a set's order (which follows the hash seed) gave
    4.2/7 (three concepts in common, four siblings) as 0.6 or 0.5999999999999999, either side of
    ``COVER``, and so a pair's class changed with ``PYTHONHASHSEED`` (found by a review helper)."""
    right_parents = {p for c in right for p in t.concepts[c].broader}
    tenths = 0
    for x in left:
        if x in right:
            tenths += 10
            continue
        up = set(t.concepts[x].broader)
        if x in right_parents or up & right:
            tenths += 6
        elif set(t.concepts[x].related) & right or any(x in t.concepts[y].related for y in right):
            tenths += 5
        elif up & right_parents:
            tenths += 3
    return tenths / (10 * len(left))


def could_be_finding(a: DutyFacts, b: DutyFacts) -> bool:
    """A cheap first look: outside one COFOG group, only duties whose objects meet can be a finding."""
    if a.group and a.group == b.group:
        return True
    oa, ob = a.object_sets, b.object_sets
    if oa is None or ob is None:
        return True
    return bool(oa.ids & ob.ids or oa.ids & ob.parents or ob.ids & oa.parents)


def evidence(a: DutyFacts, b: DutyFacts, text: float, params: DuplicationParams,
             thesaurus: Thesaurus | None = None) -> Evidence:  # fmt: skip
    t = thesaurus or default_thesaurus()
    oa, ob = a.object_sets or Concepts.of(a.objects, t), b.object_sets or Concepts.of(b.objects, t)
    aa, ab = a.act_sets or Concepts.of(a.acts, t), b.act_sets or Concepts.of(b.acts, t)
    obj_meet, objects = _meet(t, oa, ob)
    act_meet, acts = _meet(t, aa, ab)
    same_group = bool(a.group) and a.group == b.group
    same_div = bool(a.division) and a.division == b.division
    geo = geo_overlap(a.geography, b.geography)
    shared = shared_beneficiaries(a.beneficiaries, b.beneficiaries) if geo else []
    both_objects = bool(a.objects) and bool(b.objects)
    both_acts = bool(a.acts) and bool(b.acts)
    if both_objects and obj_meet >= MEET:
        acts_agree = act_meet >= MEET
        acts_silent = not both_acts
        # the same activity: the objects match on both sides (not one shared word among several), and
        # the actions agree, or one side names none and the text confirms it
        objects_cover = _cover(t, a.cover_objects or a.objects, b.cover_objects or b.objects) >= COVER
        # (inside one COFOG group, near-identical text settles actions the thesaurus reads differently)
        same = objects_cover and (acts_agree or (acts_silent and text >= params.overlap_text)
                                  or (same_group and text >= params.duplication_text))
        # similar: an object in common, or a parent/child pair with actions that agree; across
        # COFOG divisions two different actions on one object are different work
        identical = obj_meet == 1.0
        similar = same or ((identical or acts_agree) and (same_div or acts_silent or act_meet >= 0.5))
    elif both_objects:
        # both name what they work on, and it differs: the text cannot make them alike
        same = False
        similar = same_div and obj_meet >= 0.5 and act_meet >= MEET
    else:
        same = same_group and text >= params.duplication_text
        similar = same_group and text >= params.overlap_text
    return Evidence(
        text=text, objects=objects, object_meet=obj_meet, acts=acts, act_meet=act_meet, same_group=same_group,
        same_division=same_div, beneficiaries=shared, geography=geo,
        named_area=any(g not in WIDE_AREAS for g in geo), same_activity=same, similar_activity=similar,
    )  # fmt: skip


def classify(e: Evidence) -> str | None:
    """GAO's class, strongest first; None when the pair is not a finding."""
    if not e.geography:
        return None
    if e.same_activity and e.beneficiaries:
        return "duplication"
    if e.same_activity or e.similar_activity:
        return "overlap"
    if e.same_group and (e.beneficiaries or e.named_area):
        return "fragmentation"
    return None


def kinds_agreeing(e: Evidence) -> list[str]:
    """The kinds of evidence that agree, in GAO's words: function, activity, beneficiaries, geography."""
    out = []
    if e.same_group:
        out.append("function")
    if e.same_activity or e.similar_activity:
        out.append("activity")
    if e.beneficiaries:
        out.append("beneficiaries")
    if e.geography:
        out.append("geography")
    return out
