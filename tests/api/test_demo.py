"""The Mashhad demo: loaded by the app when the store is empty, and by `python -m service demo`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from service.settings import Settings
from tests.conftest import GraphQL, LiveServer


def test_app_loads_the_demo_into_an_empty_store_once(tmp_path: Path) -> None:
    settings = Settings(env="development", data_dir=tmp_path, load_demo=True, graph_name="demo_once")
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:
        token = (tmp_path / "development-token.txt").read_text().strip()  # made once, in development only
        gql = GraphQL(client, token)
        total = gql.ok("{ agencies { totalCount } }")["agencies"]["totalCount"]
        assert total > 40
        gql.ok('mutation { createAgency(input: {code: "NEW", nameFa: "تازه", kind: NGO, level: EXTERNAL}) { id } }')
    (tmp_path / "development-token.txt").unlink()
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:  # second start: nothing reloaded
        assert GraphQL(client, token).ok("{ agencies { totalCount } }")["agencies"]["totalCount"] == total + 1
    assert not (tmp_path / "development-token.txt").exists()  # a token existed, so none was made


def test_cli_loads_the_demo(tmp_path: Path) -> None:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_GRAPH_NAME": "cli"}
    run = [sys.executable, "-m", "service", "demo"]
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert "demo loaded" in first.stdout
    second = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert "nothing loaded" in second.stdout
    out = tmp_path / "registry.xlsx"
    subprocess.run([sys.executable, "-m", "service", "export", "--format", "xlsx", "-o", str(out)],
                   env=env, capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert out.stat().st_size > 10_000


def test_demo_has_what_the_seeds_describe(demo: GraphQL) -> None:
    groups = demo.ok("{ workingGroups(first: 20) { nodes { nameFa members { role agency { code } } } } }")
    names = [g["nameFa"] for g in groups["workingGroups"]["nodes"]]
    assert len(names) >= 4
    supervisors = [m for g in groups["workingGroups"]["nodes"] for m in g["members"] if m["role"] == "SUPERVISOR"]
    assert supervisors
    stakeholders = demo.ok("{ agencies(filter: {kind: STAKEHOLDER_GROUP}) { totalCount } stakeholders { totalCount } }")
    assert stakeholders["agencies"]["totalCount"] == 0 and stakeholders["stakeholders"]["totalCount"] == 6  # their own kind (#19.3)
    districts = demo.ok("{ agencies(filter: {kind: DISTRICT}) { totalCount } }")
    assert districts["agencies"]["totalCount"] == 14  # D1..D13 and Samen, the shrine district
    overdue = demo.ok("{ requests(filter: {overdue: true}) { totalCount nodes { overdue } } }")["requests"]
    assert overdue["totalCount"] > 0 and all(n["overdue"] for n in overdue["nodes"])
    green = demo.ok('{ duties(filter: {q: "فضای سبز"}, first: 50) { nodes { id } } }')["duties"]["nodes"]
    assert {"du-d9-green", "du-parks-green"} <= {d["id"] for d in green}  # one of them is spelled with Arabic ي
