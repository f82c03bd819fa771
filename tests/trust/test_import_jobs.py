"""Background imports over HTTP (issue 13, item 8: "progress for the big legitimate ones").

``POST /registry/import?background=true`` answers 202 with a job; ``GET /registry/import/jobs/{id}``
follows it through reading, checking and writing to done (the synchronous import's counts) or failed
(its problems, 422). Only the token that started a job sees it.
"""

from __future__ import annotations

import io
import time
from typing import Any

import httpx
from openpyxl import load_workbook

from tests.conftest import GraphQL
from tests.trust.test_import_limits import agencies_xlsx

ORDER = ["reading", "checking", "writing", "done"]


def follow(registry: GraphQL, location: str, limit_s: float = 120) -> list[dict[str, Any]]:
    """Every distinct state of the job, polled every 20 ms until it finishes."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        response = registry.get(location)
        assert response.status_code == 200, response.text[:300]
        state = response.json()
        if not seen or state != seen[-1]:
            seen.append(state)
        if state["phase"] in ("done", "failed"):
            return seen
        time.sleep(0.02)
    raise AssertionError(f"the job did not finish in {limit_s} s: {seen[-1]}")


def start(registry: GraphQL, name: str, data: bytes) -> httpx.Response:
    response = registry.post("/registry/import", params={"background": "true"}, files={"file": (name, data)})
    assert response.status_code == 202, response.text[:300]
    body = response.json()
    assert response.headers["location"] == body["location"] == f"/registry/import/jobs/{body['id']}"
    return response


def test_a_big_import_in_the_background_reports_growing_progress_and_ends_done(registry: GraphQL) -> None:
    rows = 6_000
    started = start(registry, "big.xlsx", agencies_xlsx(rows, prefix="bg"))
    states = follow(registry, started.headers["location"])
    phases = [s["phase"] for s in states]
    assert phases[-1] == "done", states[-1]
    steps = [ORDER.index(p) for p in phases]
    assert steps == sorted(steps), phases  # never backwards
    assert "writing" in phases and len(states) >= 3, phases  # 3 batches of 2,000: seen while writing
    for key in ("read", "checked", "written"):
        counts = [s["rows"][key] for s in states]
        assert counts == sorted(counts), (key, counts)  # never backwards either
    print(f"\n{len(states)} states: " + ", ".join(f"{s['phase']} {s['rows']['checked']}/{s['rows']['written']}" for s in states))
    last = states[-1]
    assert last["rows"]["read"] == last["rows"]["checked"] == last["rows"]["total"] == rows
    assert last["rows"]["written"] == last["rows"]["toWrite"] == rows  # agencies only: no relationships
    assert last["status"] == 200 and last["result"] == {"imported": True, "counts": {**last["result"]["counts"], "agencies": rows}}
    assert last["phaseFa"] == "انجام شد" and last["phaseEn"] == "done" and last["finishedAt"]
    total = registry.ok("{ agencies(first: 1) { totalCount } }")["agencies"]["totalCount"]
    assert total == rows


def test_a_bad_file_in_the_background_ends_failed_with_its_problems(registry: GraphQL) -> None:
    data = agencies_xlsx(3_000, prefix="bad")  # one bad cell in the middle: nothing may be written
    book = load_workbook(io.BytesIO(data))
    book["agencies"]["D1500"] = "not-a-kind"
    buffer = io.BytesIO()
    book.save(buffer)
    states = follow(registry, start(registry, "bad.xlsx", buffer.getvalue()).headers["location"])
    last = states[-1]
    assert last["phase"] == "failed" and last["status"] == 422 and last["phaseFa"] == "ناموفق", last
    problems = last["result"]["problems"]
    assert last["result"]["imported"] is False and [(p["sheet"], p["row"], p["column"]) for p in problems] == [("agencies", 1500, "kind")]
    assert problems[0]["reasonFa"]
    assert last["rows"]["written"] == 0 and all(s["phase"] != "writing" for s in states)
    assert registry.ok("{ agencies(first: 1) { totalCount } }")["agencies"]["totalCount"] == 0


def test_an_unreadable_file_ends_failed_with_the_synchronous_answer(registry: GraphQL) -> None:
    synchronous = registry.post("/registry/import", files={"file": ("x.json", b"{not json")})
    assert synchronous.status_code >= 400
    last = follow(registry, start(registry, "x.json", b"{not json").headers["location"])[-1]
    assert last["phase"] == "failed" and last["status"] == synchronous.status_code, last
    assert last["result"] == {"imported": False, **synchronous.json()}, (last["result"], synchronous.json())


def test_another_token_gets_not_found_for_the_job(registry: GraphQL) -> None:
    location = start(registry, "mine.xlsx", agencies_xlsx(10, prefix="mine")).headers["location"]
    for other in (registry.as_role("directorate"), registry.as_role("analyst")):
        response = other.get(location)
        assert response.status_code == 404 and response.json()["error"]["code"] == "NOT_FOUND", response.text
        missing = other.get("/registry/import/jobs/no-such-job")
        assert missing.status_code == 404 and missing.json() == response.json()
    assert follow(registry, location)[-1]["phase"] == "done"
    assert registry.get("/registry/import/jobs/no-such-job").status_code == 404


def test_only_the_directorate_starts_a_background_import(registry: GraphQL) -> None:
    analyst = registry.as_role("analyst")
    response = analyst.post("/registry/import", params={"background": "true"}, files={"file": ("a.xlsx", agencies_xlsx(1))})
    assert response.status_code == 403, response.text


def test_running_jobs_are_bounded(registry: GraphQL) -> None:
    from service.api.import_jobs import MAX_RUNNING

    workbooks = [agencies_xlsx(4_000, prefix=f"busy{n}") for n in range(MAX_RUNNING + 1)]
    running = [start(registry, f"b{n}.xlsx", w).headers["location"] for n, w in enumerate(workbooks[:MAX_RUNNING])]
    refused = registry.post("/registry/import", params={"background": "true"}, files={"file": ("c.xlsx", workbooks[-1])})
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "IMPORT_BUSY", refused.text[:300]
    assert all(follow(registry, location)[-1]["phase"] == "done" for location in running)
    start(registry, "c.xlsx", workbooks[-1])  # room again once they finished
