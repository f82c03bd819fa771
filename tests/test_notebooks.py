"""Every notebook runs top to bottom against the demo registry, on the same store as the service."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from service.settings import Settings
from tests.conftest import GraphQL

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, demo: GraphQL, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # the kernel inherits these: it attaches to the test session's embedded store and graph
    monkeypatch.setenv("HAMAHANG_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("HAMAHANG_GRAPH_NAME", settings.graph_name)
    monkeypatch.setenv("HAMAHANG_GRAPH_URL", "embedded")
    book = nbformat.read(path, as_version=4)
    NotebookClient(book, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("data" in o for o in outputs), "the notebook showed nothing"
    assert os.environ["HAMAHANG_GRAPH_NAME"] == settings.graph_name
