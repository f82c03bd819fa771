"""JSON downloads of the analyses are written as they are made (one record a line, orjson) and hold
exactly what ``as_dict`` holds, through the CLI, the HTTP download and ``export`` itself."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.analysis import export
from service.analysis.runner import ANALYSES
from service.demo.loader import load_demo
from service.settings import Settings
from tests.conftest import GraphQL, run_on_store


def _run(settings: Settings, name: str) -> Any:
    return run_on_store(settings, lambda store: ANALYSES[name](store, settings))


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_streamed_json_holds_what_as_dict_holds(demo: GraphQL, settings: Settings, name: str) -> None:
    result = _run(settings, name)
    expected = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    out = io.BytesIO()
    size = export.write_json(result, out)
    body = out.getvalue()
    assert size == len(body) and json.loads(body) == expected
    assert b"\\u06" not in body  # Persian as written
    for key, value in expected.items():  # each list's records on lines of their own
        if isinstance(value, list) and len(value) > 1 and isinstance(value[0], dict):
            assert body.count(b"\n") > len(value), key


def test_duplication_download_is_streamed_and_whole(demo: GraphQL, settings: Settings) -> None:
    response = demo.get("/analyses/duplication.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert "content-length" not in response.headers  # sent as written, not built whole first
    assert response.json() == json.loads(json.dumps(_run(settings, "duplication").as_dict()))


def test_cli_writes_json_to_a_file_and_to_stdout(tmp_path: Path, settings: Settings) -> None:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(settings.data_dir), "HAMAHANG_GRAPH_NAME": settings.graph_name}

    async def reload(store: Any) -> None:
        await store.wipe()
        await load_demo(store)

    run_on_store(settings, reload)
    expected = json.loads(json.dumps(_run(settings, "duplication").as_dict()))
    out = tmp_path / "dup.json"
    command = [sys.executable, "-m", "service", "analyze", "duplication", "--format", "json"]
    done = subprocess.run([*command, "-o", str(out)], env=env, check=True, capture_output=True, text=True, timeout=120)
    assert f"wrote {out}" in done.stderr
    assert json.loads(out.read_bytes()) == expected
    printed = subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    assert json.loads(printed.stdout) == expected
    # a reader that went away (| head): the exit status of a command SIGPIPE ended, no traceback
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        gone = subprocess.run(command, env=env, stdout=write_end, stderr=subprocess.PIPE,
                              check=False, timeout=120)  # fmt: skip
    finally:
        os.close(write_end)
    assert gone.returncode == 141 and b"Traceback" not in gone.stderr, gone.stderr[-500:]


_STRAY = """
import os, sys
from service.__main__ import _result_on_stdout
with _result_on_stdout() as out:
    os.write(1, b"stray from C\\n")  # what HiGHS's printf does
    print("stray from Python")
    out.write(b'{"result": 1}')
print("after")
"""


def test_nothing_but_the_result_reaches_stdout() -> None:
    """While the result is written to stdout, fd 1 points at stderr: a library's stray print (HiGHS
    prints from C on some programmes) cannot corrupt the JSON, and fd 1 is put back afterwards."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _STRAY], cwd=root, env=os.environ | {"PYTHONPATH": str(root)},
                          check=True, capture_output=True, timeout=60)  # fmt: skip
    assert done.stdout == b'{"result": 1}after\n'
    assert b"stray from C" in done.stderr and b"stray from Python" in done.stderr



_IN_TWO = """
import io, json, os, sys
from bench.generate import generate
from service.analysis import export
from service.analysis.duplication import DuplicationFinding, analyse_duplication
from service.analysis.memory import snapshot_of
from service.settings import DuplicationParams

result = analyse_duplication(snapshot_of(generate(1, sections=("agencies", "duties"), shrink=2)), DuplicationParams(), {})
pids = sys.argv[1]

def make(f, fail=False):
    with open(os.path.join(pids, str(os.getpid())), "w"):
        pass
    if fail and os.getpid() != PARENT:
        raise RuntimeError("the child fails")
    return f.as_dict()

PARENT = os.getpid()
one, two = io.BytesIO(), io.BytesIO()
export.write_json(result, one)
size = export.write_json(result, two, workers=2)
alone = b"".join(export._pieces(export._Records(result.findings, DuplicationFinding.as_dict)))
apart = b"".join(export._pieces(export._Records(result.findings, make, workers=2)))
failing = b"".join(export._pieces(export._Records(result.findings, lambda f: make(f, True), workers=2)))
pieces = export._pieces(export._Records(result.findings, DuplicationFinding.as_dict, workers=2))
next(pieces), next(pieces)  # the child is writing its half: the reader stops here
pieces.close()
try:
    os.waitpid(-1, os.WNOHANG)
    reaped = False
except ChildProcessError:  # no child left, not even a zombie
    reaped = True
print(json.dumps({"findings": len(result.findings), "same": one.getvalue() == two.getvalue(), "size": size == len(two.getvalue()),
                  "apart": apart == alone, "failing": failing == alone, "pids": len(os.listdir(pids)), "reaped": reaped,
                  "explained": bool(json.loads(two.getvalue())["findings"][-1]["explanation_fa"])}))
"""


def test_a_big_list_written_in_two_processes_is_the_same_bytes(tmp_path: Path) -> None:
    """``write_json(workers=2)`` (the CLI's) forks a child for the second half of the findings: the
    output is byte for byte the one process's, and so when the child fails (this process then writes
    the half itself), and a reader that stops early leaves no child. Run in a process of its own: with another thread running (as in this test
    process), it never forks."""
    done = subprocess.run([sys.executable, "-c", _IN_TWO, str(tmp_path)], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["findings"] >= 2 * export.PARALLEL_FROM
    assert out["same"] and out["size"] and out["apart"] and out["failing"] and out["explained"]
    assert out["reaped"]  # a reader that stops early leaves no child behind
    assert out["pids"] == 3  # this process and two children (the one that wrote, the one that failed)
