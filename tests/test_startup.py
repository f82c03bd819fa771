"""Start-up: importing the app loads no library that only some routes or backends need, and the
FtM routes say clearly when the optional ``followthemoney`` package is missing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.interop import ftm
from tests.conftest import GraphQL

ROOT = Path(__file__).resolve().parents[1]
# each took 0.1-1.3 s of the import (python -X importtime), for a route or backend most starts never use
ON_DEMAND = ("followthemoney", "neo4j", "scipy", "numpy", "openpyxl", "pyvis", "matplotlib", "networkx",
             "httpx", "jsonschema")  # fmt: skip


def test_importing_the_app_leaves_route_only_libraries_unloaded() -> None:
    code = "import sys, service.app; print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split())  # fmt: skip
    assert "fastapi" in loaded and "strawberry" in loaded
    assert loaded.isdisjoint(ON_DEMAND), sorted(loaded & set(ON_DEMAND))


def test_importing_the_app_collects_again_afterwards() -> None:
    """The collector is paused while the app's classes are built and must run again after: its
    thresholds as the lifespan sets them, the import's objects frozen (never scanned again)."""
    code = "import gc, service.app; print(gc.isenabled(), gc.get_freeze_count() > 100_000, gc.get_count()[0] < 1000)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert done == ["True", "True", "True"]


def test_importing_the_app_builds_no_schema() -> None:
    """The exported SDL's schema instance is built when asked for (0.19 s of every start otherwise);
    ``create_app`` builds the one it serves."""
    code = ("import service.app, service.graphql.schema as s; print(s._development_schema.cache_info().currsize); "
            "s.schema; print(s._development_schema.cache_info().currsize)")  # fmt: skip
    built = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert built == ["0", "1"]


def test_modules_strawberry_and_pydantic_read_keep_real_annotations() -> None:
    """strawberry and pydantic parse a string annotation (ast) and evaluate it for each field at import;
    ``from __future__ import annotations`` made every annotation a string there, 0.2 s of the import.
    Only a forward reference is quoted now; a module that turns them all into strings again fails here."""
    roots = [ROOT / "service" / "graphql", ROOT / "service" / "domain"]
    stringy = sorted(str(p.relative_to(ROOT)) for root in roots for p in root.rglob("*.py")
                     if "from __future__ import annotations" in p.read_text(encoding="utf-8"))  # fmt: skip
    assert stringy == []


def test_domain_models_build_their_validators_when_first_used() -> None:
    """``defer_build``: a model's validator is built at its first validation, not at import (0.07 s
    of it, most for models a start never uses); the first use still validates in full."""
    code = ("import service.app; from service.domain import models as m; print(m.AgencyIn.__pydantic_complete__); "
            "from pydantic import ValidationError\n"
            "try: m.AgencyIn.model_validate({'name_fa': ''})\nexcept ValidationError: print('refused')\n"
            "print(m.AgencyIn.__pydantic_complete__)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert done == ["False", "refused", "True"]


def test_ftm_routes_without_followthemoney_answer_501_in_both_languages(demo: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # what `import followthemoney` meets when not installed
    ftm._ftm.cache_clear()
    try:
        response = demo.get("/interop/export.ftm")
        upload = demo.post("/interop/import", files={"file": ("x.ftm.json", b"{}\n")})
    finally:
        monkeypatch.undo()
        ftm._ftm.cache_clear()
    for answer in (response, upload):
        assert answer.status_code == 501
        error = answer.json()["error"]
        assert error["code"] == "FTM_UNAVAILABLE"
        assert "hamahang[ftm]" in error["messageEn"] and "FollowTheMoney" in error["messageFa"]
    assert demo.get("/interop/export.ftm").status_code == 200  # and back once it is there


def test_serve_with_two_workers_shares_one_embedded_store(tmp_path: Path) -> None:
    """``HAMAHANG_WORKERS=2``: both uvicorn workers attach to one embedded store and answer."""
    import os
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_WORKERS": "2", "HAMAHANG_PORT": str(port),
           "HAMAHANG_LOAD_DEMO": "false", "HAMAHANG_ENV": "development"}  # fmt: skip
    server = subprocess.Popen([sys.executable, "-m", "service", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "not ready"
            time.sleep(0.2)
        token = (tmp_path / "development-token.txt").read_text().strip()
        for _ in range(6):  # spread over both workers by the kernel
            reply = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ agencies { totalCount } }"},
                               headers={"Authorization": f"Bearer {token}"}, timeout=10)  # fmt: skip
            assert reply.status_code == 200 and reply.json()["data"]["agencies"]["totalCount"] == 0
        servers = json.loads((tmp_path / "falkordb" / "server.json").read_text())
        assert servers["pid"] > 0  # one store for the dir
    finally:
        server.terminate()
        server.wait(timeout=30)
