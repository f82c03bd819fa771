"""The Cypher library: every statement is a file under ``cypher/``, loaded once by name."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

BACKEND_SUFFIXES = (".falkordb.cypher", ".neo4j.cypher")
COMPOSED_PREFIX = "compose/"
COMPOSED_MAX = 4096  # distinct filter shapes kept; the oldest is dropped past that
# Statements the ``where`` composer joined from the vetted fragments in cypher/compose/
# (service/registry/compose.py), by ``compose/<hash of the text>``: shared by every library.
_COMPOSED: dict[str, str] = {}


def register_composed(name: str, text: str) -> None:
    """Make a composed statement runnable by name on every store."""
    if not name.startswith(COMPOSED_PREFIX):
        raise ValueError(f"a composed statement's name starts with {COMPOSED_PREFIX}: {name!r}")
    if name in _COMPOSED:
        return
    if len(_COMPOSED) >= COMPOSED_MAX:
        _COMPOSED.pop(next(iter(_COMPOSED)))
    _COMPOSED[name] = text


def default_cypher_dir() -> Path:
    """The repo's ``cypher/`` (source checkout) or the copy installed beside the package."""
    override = os.environ.get("HAMAHANG_CYPHER_DIR")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "cypher", here.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cypher/ directory not found beside the service package")


@dataclass(frozen=True)
class QueryLibrary(Mapping[str, str]):
    """Maps ``agency/get`` to the text of ``cypher/agency/get.cypher``."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path | None = None) -> QueryLibrary:
        root = root or default_cypher_dir()
        texts: dict[str, str] = {}
        for path in sorted(root.rglob("*.cypher")):
            name = path.relative_to(root).as_posix().removesuffix(".cypher")
            texts[name] = path.read_text(encoding="utf-8")
        return cls(root=root, texts=texts)

    def __getitem__(self, name: str) -> str:
        try:
            return self.texts[name] if not name.startswith(COMPOSED_PREFIX) else _COMPOSED[name]
        except KeyError:
            raise KeyError(f"no Cypher file {name}.cypher under {self.root}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def pick(self, name: str, backend: str) -> tuple[str, str]:
        """The name and text a backend runs for ``name``: its own twin ``name.<backend>`` where
        one statement cannot serve both (the full-text procedures differ), else ``name`` itself."""
        own = f"{name}.{backend}"
        if own in self.texts:
            return own, self.texts[own]
        return name, self[name]

    def shared(self) -> list[str]:
        """Names of the statements the FalkorDB tests must run: all but the schema files and the
        Neo4j-only twins (``*.neo4j``; the checker lints those, their ``*.falkordb`` twin runs)."""
        return [n for n in self.texts if not n.startswith("schema/") and not n.endswith(".neo4j")]


def split_statements(text: str) -> list[str]:
    """Split a schema file on ``;`` at line ends, dropping ``//`` comment lines."""
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
