"""Flat, ordered vocabularies shipped as data (``data/<name>.csv``: code, position, fa, en): the nine
information sources of seed 001's issue intake, the four innovation centres of seed 004's catalogue
and the default chain of councils that approves the prioritised issues. Codes are what records keep;
the labels are shown in Persian or English."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Term:
    code: str
    position: int
    fa: str
    en: str

    def label(self, lang: str = "fa") -> str:
        return self.en if lang == "en" else self.fa


@cache
def terms(name: str) -> tuple[Term, ...]:
    """The terms of ``data/<name>.csv`` in their documents' order."""
    text = resources.files("service.analysis.vocab").joinpath(f"data/{name}.csv").read_text(encoding="utf-8")
    rows = [Term(r["code"], int(r["position"]), r["fa"].strip(), r["en"].strip()) for r in csv.DictReader(text.splitlines())]
    return tuple(sorted(rows, key=lambda t: t.position))


def codes(name: str) -> frozenset[str]:
    return frozenset(t.code for t in terms(name))


def term(name: str, code: str | None) -> Term | None:
    return next((t for t in terms(name) if t.code == code), None) if code else None


ISSUE_SOURCES = "issue_sources"
INNOVATION_CENTRES = "innovation_centres"
INTAKE_CHAIN = "intake_chain"
