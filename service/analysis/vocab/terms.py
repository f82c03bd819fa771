"""Terms the directorate adds to the shipped thesaurus through the API: a new label (synonym) for a
concept, or a new concept under a broader one. Each is a ``VocabularyTerm`` node written with its
audit event; the analyses read them all and extend the shipped thesaurus with them."""

from __future__ import annotations

import re
from typing import Any

from service.analysis.vocab.stem import tokens
from service.analysis.vocab.thesaurus import Thesaurus, default_thesaurus
from service.domain.actor import Actor
from service.errors import ServiceError
from service.registry.audit import audit_event
from service.registry.clock import now_iso
from service.storage.port import GraphStore
from service.text.persian import clean_label

NEW_CONCEPT = re.compile(r"^(obj|act)\.[a-z0-9_]+(\.[a-z0-9_]+)*$")


async def load_terms(store: GraphStore) -> list[dict[str, Any]]:
    return [r["node"] for r in await store.read("vocabulary/list")]


def thesaurus_with(terms: list[dict[str, Any]]) -> Thesaurus:
    """The shipped thesaurus, extended with the added terms (the shipped one itself when none)."""
    base = default_thesaurus()
    return base.with_terms(terms) if terms else base


async def add_term(store: GraphStore, actor: Actor, concept: str, label: str, broader: str | None = None) -> dict[str, Any]:
    """Validate and store one term; returns the stored node."""
    known = thesaurus_with(await load_terms(store))
    label = clean_label(label)
    if not label or len(label) > 120 or not tokens(label):
        raise ServiceError("VALIDATION", "the label is empty or longer than 120 characters",
                           "برچسب خالی یا بلندتر از ۱۲۰ نویسه است", field="label")  # fmt: skip
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
    ident = f"{concept}|{''.join(tokens(label))}"
    props = {"concept": concept, "label": label, "by": actor.name, "at": now_iso()}
    if broader is not None:
        props["broader"] = broader
    audit = audit_event(actor, "add_term", "VocabularyTerm", ident, None, props)
    rows = await store.write("vocabulary/add_term", {"id": ident, "props": props, "audit": audit})
    node: dict[str, Any] = rows[0]["node"]
    return node
