"""Shared steps: read the registry as a bundle, empty it, upload a file to /interop/import."""

from __future__ import annotations

from typing import Any

from service.settings import Settings
from tests.conftest import GraphQL, make_token, run_on_store

Bundle = dict[str, list[dict[str, Any]]]


def registry_bundle(client: GraphQL) -> Bundle:
    response = client.get("/registry/export.json")
    assert response.status_code == 200, response.text
    bundle: Bundle = response.json()
    return bundle


def by_id(bundle: Bundle) -> dict[str, dict[str, dict[str, Any]]]:
    """Sections keyed by record id: export order among equal timestamps is not fixed."""
    return {section: {r["id"]: r for r in rows} for section, rows in bundle.items()}


def empty_registry(client: GraphQL, settings: Settings) -> None:
    """Wipe the store (tokens too) and give the client a fresh directorate token."""
    run_on_store(settings, lambda store: store.wipe())
    client.token = make_token(settings, "directorate")


def upload(client: GraphQL, name: str, data: bytes, **params: str) -> tuple[int, dict[str, Any]]:
    response = client.post("/interop/import", files={"file": (name, data)}, params=params)
    return response.status_code, response.json()
