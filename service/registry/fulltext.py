"""Full-text search for a list's ``q``: ranked hits from each backend's full-text index.

Every record stores ``words`` beside its search key: the same Persian normalisation (letter forms,
digits, diacritics, case), split into words, a half-space joining a word's parts
(``service.text.persian.search_words``). Both backends index ``words`` per label
(``cypher/schema/fulltext.falkordb.cypher``, ``cypher/schema/fulltext.neo4j.cypher``) and
``search/fulltext`` asks it, one file per backend (the storage port picks), with a query built here
from the same normalisation: every word of ``q`` must appear, whole or as a word's beginning; a whole
word scores higher.

The index answers a list's ``q`` when it is alone (no other filter, no explicit sort): the records
come best first. CONTAINS on the search key stays where the index cannot answer:
- ``q`` with another filter or a sort (the plain list statements filter and sort in one statement),
  and ``where: {search_CONTAINS | search_STARTS_WITH}`` (the composer's statements);
- a ``q`` no indexed word begins with: a fragment inside a word (``ارک`` in ``پارک``), or words
  written together where the record writes them apart (``آبهای`` against ``آب های``; the other way
  round the index finds it: the query also asks for the words written together);
- a ``q`` more than ``MAX_HITS`` records match (a word nearly every record has): a ranked list that
  long helps nobody, and its count must be the whole count;
- kinds without an index (``INDEXED``) and ``q`` without a letter or digit.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from service.registry.specs import SPECS, EntitySpec
from service.storage.errors import BadQuery
from service.storage.port import GraphStore
from service.text.persian import search_words, words

log = logging.getLogger(__name__)
# the kinds whose label has a full-text index over ``words``: a line in each schema/fulltext file
INDEXED: frozenset[str] = frozenset(SPECS)
MAX_HITS = 2000  # more matches than this: CONTAINS answers, complete and in the list's own order
EXACT_WEIGHT = 3.0
RANK = "rank"  # the sort a list asks for when it wants the best matches first (its default with q)
BACKFILL_BATCH = 2000


def index_name(spec: EntitySpec) -> str:
    """Neo4j's name for a label's index (FalkorDB names an index by its label)."""
    return f"words_{spec.key}"


def query_text(q: str, backend: str) -> str | None:
    """The index's query for ``q``: every word, whole (scored higher) or as a word's beginning; for
    several words, also all of them written together (``آب های`` finds ``آب‌های``, stored ``آبهای``).
    Words are letters and digits only, so nothing in them is query syntax on either backend."""
    found = words(q)
    if not found:
        return None
    lucene = backend == "neo4j"

    def term(w: str) -> str:  # a prefix needs two letters or more (RediSearch's minimum)
        if len(w) < 2:
            return w
        # the whole word weighs three times a word it begins (FalkorDB's scores do not favour it alone)
        return f"({w}^{EXACT_WEIGHT:g} OR {w}*)" if lucene else f"(({w} => {{$weight: {EXACT_WEIGHT:.1f}}})|{w}*)"

    every = (" AND " if lucene else " ").join(term(w) for w in found)
    if len(found) == 1:
        return every
    return f"({every}) OR {term(''.join(found))}" if lucene else f"({every})|{term(''.join(found))}"


async def hits(store: GraphStore, spec: EntitySpec, q: str, include_archived: bool) -> list[str] | None:
    """The ids that match ``q``, best first; None where the index cannot answer (then CONTAINS)."""
    text = query_text(q, store.backend) if spec.key in INDEXED else None
    if text is None:
        return None
    params = {"label": spec.label, "index": index_name(spec), "query": text,
              "includeArchived": include_archived, "limit": MAX_HITS + 1}  # fmt: skip
    try:
        rows = await store.read("search/fulltext", params)
    except BadQuery as exc:  # a query the index's parser refuses (stop words alone): CONTAINS answers
        log.warning("the full-text index refused %r (%s); CONTAINS answers", text, exc.detail)
        return None
    if len(rows) > MAX_HITS:
        return None
    return [r["id"] for r in rows] or None


def _words_of(node: Mapping[str, Any], labels: list[str]) -> str | None:
    spec = next((s for s in SPECS.values() if s.label in labels), None)
    return None if spec is None else search_words(*(node.get(f) for f in spec.search_fields))


async def backfill_words(store: GraphStore, batch: int = BACKFILL_BATCH) -> int:
    """Give ``words`` to records stored before the index existed (start-up, once; a no-op after).
    Returns how many records it filled."""
    labels = sorted(SPECS[k].label for k in INDEXED)
    filled = 0
    while True:
        rows = await store.read("search/unindexed", {"labels": labels, "limit": batch})
        todo = [{"nid": r["nid"], "id": r["node"].get("id"), "words": _words_of(r["node"], r["labels"]) or ""}
                for r in rows]  # fmt: skip
        if not todo:
            return filled
        written = await store.write("search/set_words", {"rows": todo})
        done = int(written[0]["filled"]) if written else 0
        filled += done
        if len(todo) < batch or not done:  # not done: nothing could be written, so never loop on it
            return filled
