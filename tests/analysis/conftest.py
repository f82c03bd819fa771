"""Shared by the analysis tests: the Mashhad demo loaded into the test store, read back as a snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from service.analysis.snapshot import Snapshot, load_snapshot
from service.demo.loader import load_demo
from service.settings import Settings
from tests.conftest import run_on_store


@pytest.fixture()
def demo_snapshot(settings: Settings) -> Snapshot:
    async def work(store: Any) -> Snapshot:
        await store.wipe()
        await load_demo(store)
        return await load_snapshot(store, with_steps=True)

    snap: Snapshot = run_on_store(settings, work)
    return snap
