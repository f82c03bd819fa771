"""Liveness and readiness over HTTP."""

from __future__ import annotations

import httpx


def test_healthz_answers(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_the_backend(http: httpx.Client) -> None:
    response = http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "backend": "falkordb"}
