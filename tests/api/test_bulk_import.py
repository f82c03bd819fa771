"""Big registries: ``import --batch-rows`` validates everything first, then writes batch by batch;
and the import's checks against stored records (ids only) still catch what they caught before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GraphQL


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service", *args], env=env, capture_output=True, text=True, timeout=180)


def test_batched_import_writes_what_a_whole_import_writes_and_shows_progress(demo: GraphQL, tmp_path: Path) -> None:
    exported = demo.get("/registry/export.json").json()
    source = tmp_path / "registry.json"
    source.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path / "data"), "HAMAHANG_GRAPH_NAME": "batched"}

    done = _cli(env, "import", str(source), "--batch-rows", "7")
    assert done.returncode == 0, done.stderr
    assert "validating every row first" in done.stderr and "(100%)" in done.stderr
    assert "imported" in done.stdout

    out = tmp_path / "back.json"
    assert _cli(env, "export", "-o", str(out)).returncode == 0
    back = json.loads(out.read_text(encoding="utf-8"))
    for section, rows in exported.items():
        assert sorted(back[section], key=lambda r: r["id"]) == sorted(rows, key=lambda r: r["id"]), section

    again = _cli(env, "import", str(source), "--batch-rows", "7")  # every id is taken now: nothing written
    assert again.returncode == 1 and "nothing imported" in again.stderr and "already in the registry" in again.stderr


def test_an_exchange_serving_a_stored_duty_must_come_from_one_of_its_agencies(demo: GraphQL) -> None:
    lead = demo.ok('{ duty(id: "du-mm-governance") { agencyId supportAgencyIds } }')["duty"]
    assert lead == {"agencyId": "ag-mm", "supportAgencyIds": ["ag-council"]}

    def upload(provider: str, ident: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        bundle = {"exchanges": [{"id": ident, "kind": "service", "providerId": provider, "receiverId": "ag-mm",
                                 "titleFa": "خدمت آزمایشی", "date": "1403/05/01", "dutyId": "du-mm-governance"}]}  # fmt: skip
        response = demo.post("/registry/import", files={"file": ("x.json", json.dumps(bundle, ensure_ascii=False).encode())})
        return response.status_code, response.json()

    status, body = upload("ag-parks", "ex-test-wrong")
    assert status == 422 and [(p["sheet"], p["column"]) for p in body["problems"]] == [("exchanges", "dutyId")]
    assert upload("ag-council", "ex-test-support")[0] == 200  # a supporting agency serves it too
    status, body = upload("ag-nowhere", "ex-test-ghost")
    assert status == 422 and "providerId" in {p["column"] for p in body["problems"]}
