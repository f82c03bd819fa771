"""Terms the directorate adds to the shipped vocabularies through the API: a new label (synonym) for a
thesaurus concept, a geography code or a beneficiary code, or a new concept/code under a broader one.
Each is a ``VocabularyTerm`` node (``kind``: thesaurus, geography or beneficiary; none means thesaurus)
written with its audit event; the analyses read them all on each run and extend the shipped
vocabularies with them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import service.analysis.vocab.beneficiaries as ben
import service.analysis.vocab.geography as geo
from service.analysis.vocab.hierarchy import Hierarchy
from service.analysis.vocab.stem import tokens
from service.analysis.vocab.thesaurus import Thesaurus, default_thesaurus
from service.domain.actor import Actor
from service.errors import ServiceError
from service.registry.audit import audit_event
from service.registry.clock import now_iso
from service.storage.port import GraphStore
from service.text.persian import clean_label

NEW_CONCEPT = re.compile(r"^(obj|act)\.[a-z0-9_]+(\.[a-z0-9_]+)*$")
T = TypeVar("T")
P = ParamSpec("P")
NEW_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)?$")
KINDS = ("thesaurus", "geography", "beneficiary")
_KIND_FA = {"geography": "جغرافیا", "beneficiary": "ذی‌نفعان"}


def kind_of(term: dict[str, Any]) -> str:
    return str(term.get("kind") or "thesaurus")  # terms stored before kinds existed are the thesaurus's


async def load_terms(store: GraphStore) -> list[dict[str, Any]]:
    return [r["node"] for r in await store.read("vocabulary/list")]


def thesaurus_with(terms: list[dict[str, Any]]) -> Thesaurus:
    """The shipped thesaurus, extended with the added terms (the shipped one itself when none)."""
    base = default_thesaurus()
    mine = [t for t in terms if kind_of(t) == "thesaurus"]
    return base.with_terms(mine) if mine else base


def geography_with(terms: list[dict[str, Any]]) -> Hierarchy:
    return geo.shipped_geography().with_terms(t for t in terms if kind_of(t) == "geography")


def beneficiaries_with(terms: list[dict[str, Any]]) -> Hierarchy:
    return ben.shipped_beneficiaries().with_terms(t for t in terms if kind_of(t) == "beneficiary")


@contextmanager
def vocabularies(terms: list[dict[str, Any]]) -> Iterator[None]:
    """Within the block, geography and beneficiaries are the shipped ones plus the added terms (a
    context variable, so concurrent requests each see their own store's terms)."""
    g = geo.ACTIVE.set(geography_with(terms))
    b = ben.ACTIVE.set(beneficiaries_with(terms))
    try:
        yield
    finally:
        ben.ACTIVE.reset(b)
        geo.ACTIVE.reset(g)


def keeping_vocabularies(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` called later (a lazily written Persian explanation) with the vocabularies of now."""
    g, b = geo.ACTIVE.get(), ben.ACTIVE.get()

    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        gt, bt = geo.ACTIVE.set(g), ben.ACTIVE.set(b)
        try:
            return fn(*args, **kwargs)
        finally:
            ben.ACTIVE.reset(bt)
            geo.ACTIVE.reset(gt)

    return run


def _check_code(h: Hierarchy, kind: str, code: str, label: str, broader: str | None) -> None:
    """A label for a known code, or a new code under a known broader one; a label already naming
    another code is refused (it would be ignored)."""
    what = _KIND_FA[kind]
    if code in h.parent or h.parent_of(code) is not None:
        if broader is not None:
            raise ServiceError("VALIDATION", f"broader is given only for a new {kind} code",
                               f"کد بالاتر فقط برای کد تازهٔ {what} داده می‌شود", field="broader")  # fmt: skip
    else:
        if not NEW_CODE.match(code):
            raise ServiceError("VALIDATION", f"a new {kind} code is latin letters, digits and _ (e.g. D14 or mashhad_north)",
                               f"کد تازهٔ {what} باید از حروف لاتین، رقم و _ باشد", field="concept")  # fmt: skip
        if broader is None or broader not in h.parent:
            raise ServiceError("VALIDATION", f"a new {kind} code needs an existing broader code",
                               f"کد تازهٔ {what} باید زیر یک کد موجود قرار گیرد", field="broader")  # fmt: skip
    named = h.code_of(label)
    if named is not None and named != code:
        raise ServiceError("VALIDATION", f"the label already names the {kind} code {named}",
                           f"این برچسب هم‌اکنون نام کد «{named}» در {what} است", field="label")  # fmt: skip


async def add_term(store: GraphStore, actor: Actor, concept: str, label: str, broader: str | None = None,
                   kind: str = "thesaurus") -> dict[str, Any]:  # fmt: skip
    """Validate and store one term of one vocabulary; returns the stored node."""
    if kind not in KINDS:
        raise ServiceError("VALIDATION", f"kind is one of {', '.join(KINDS)}", "نوع واژگان نادرست است", field="kind")
    terms = await load_terms(store)
    label = clean_label(label)
    if not label or len(label) > 120 or not tokens(label):
        raise ServiceError("VALIDATION", "the label is empty or longer than 120 characters",
                           "برچسب خالی یا بلندتر از ۱۲۰ نویسه است", field="label")  # fmt: skip
    if kind != "thesaurus":
        h = geography_with(terms) if kind == "geography" else beneficiaries_with(terms)
        _check_code(h, kind, concept, label, broader)
        return await _store(store, actor, kind, concept, label, broader)
    known = thesaurus_with(terms)
    if concept not in known.concepts:
        if not NEW_CONCEPT.match(concept):
            raise ServiceError("VALIDATION", "a new concept's id is obj.<name> or act.<name> (lower-case latin)",
                               "شناسهٔ مفهوم تازه باید به شکل obj.name یا act.name باشد", field="concept")  # fmt: skip
        if broader is None or broader not in known.concepts:
            raise ServiceError("VALIDATION", "a new concept needs an existing broader concept",
                               "مفهوم تازه باید زیر یک مفهوم موجود قرار گیرد", field="broader")  # fmt: skip
    elif broader is not None:
        raise ServiceError("VALIDATION", "broader is given only for a new concept",
                           "مفهوم بالاتر فقط برای مفهوم تازه داده می‌شود", field="broader")  # fmt: skip
    return await _store(store, actor, kind, concept, label, broader)


async def _store(store: GraphStore, actor: Actor, kind: str, concept: str, label: str, broader: str | None) -> dict[str, Any]:
    key = "".join(tokens(label))
    ident = f"{concept}|{key}" if kind == "thesaurus" else f"{kind}:{concept}|{key}"
    props = {"concept": concept, "label": label, "kind": kind, "by": actor.name, "at": now_iso()}
    if broader is not None:
        props["broader"] = broader
    audit = audit_event(actor, "add_term", "VocabularyTerm", ident, None, props)
    rows = await store.write("vocabulary/add_term", {"id": ident, "props": props, "audit": audit})
    node: dict[str, Any] = rows[0]["node"]
    return node
