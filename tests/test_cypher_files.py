"""Every Cypher file: loaded by name, checked by Neo4j's own checker (which can fail), run on FalkorDB."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from service.storage.queries import QueryLibrary

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "tools" / "cypher-lint" / "lint.mjs"
FIXTURES = Path(__file__).parent / "cypher_lint_fixtures"
needs_lint = pytest.mark.skipif(
    not (ROOT / "tools/cypher-lint/node_modules").is_dir() or shutil.which("node") is None,
    reason="run `make test` (it installs the Neo4j checker with npm)",
)


def test_library_loads_every_file_by_name() -> None:
    library = QueryLibrary.load()
    files = {p.relative_to(ROOT / "cypher").with_suffix("").as_posix() for p in (ROOT / "cypher").rglob("*.cypher")}
    assert set(library) == files
    assert library["agency/get"].lstrip().startswith("//")


@needs_lint
@pytest.mark.parametrize("name", ["bad_syntax.cypher", "bad_variable.cypher"])
def test_neo4j_checker_rejects_broken_statements(name: str) -> None:
    done = subprocess.run(["node", str(LINT), str(FIXTURES / name)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr


@needs_lint
def test_neo4j_checker_accepts_a_good_statement() -> None:
    done = subprocess.run(["node", str(LINT), str(FIXTURES / "good.cypher")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
