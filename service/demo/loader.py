"""Load the shipped Mashhad demo (``service/data/demo.json``) through the normal import path."""

from __future__ import annotations

import importlib
import json
import logging
import threading
from importlib import resources
from typing import Any

from service.demo.agree import load_demo_agreements
from service.demo.intake import load_intake_demo
from service.demo.plans import load_demo_plans
from service.demo.stake import load_stakeholders
from service.demo.wg_demo import load_wg_demo
from service.errors import ServiceError
from service.registry.bundle import Prepared, import_bundle
from service.registry.city_plans import shipped_plans, upsert_plan
from service.storage.port import GraphStore

log = logging.getLogger(__name__)



def demo_bundle() -> dict[str, list[dict[str, Any]]]:
    text = resources.files("service.data").joinpath("demo.json").read_text(encoding="utf-8")
    data: dict[str, list[dict[str, Any]]] = json.loads(text)
    return data


# The intake demo ranks the issue clusters (service/analysis/issue_clusters.py), whose text similarity
# needs numpy and scipy: 0.3-0.5 s of imports. Imported on a thread while the demo's first records are
# written (the loop mostly waits on the store then), a first start took 0.2-0.3 s less.
PRELOAD = "service.analysis.issue_clusters"


async def load_demo(store: GraphStore) -> Prepared:
    """Import the demo; its rows are checked like any import, so a broken demo fails loudly."""
    threading.Thread(target=importlib.import_module, args=(PRELOAD,), name="demo-preload", daemon=True).start()
    prepared = await import_bundle(store, demo_bundle())
    if prepared.problems:
        first = prepared.problems[:5]
        raise ServiceError(
            "DEMO_INVALID",
            f"the demo data has {len(prepared.problems)} problems, e.g. {[p.as_dict() for p in first]}",
            "دادهٔ نمایشی نادرست است",
            status=500,
        )
    for plan in shipped_plans():  # the city's plans, their goals linked to the demo's duties
        await upsert_plan(store, None, plan)
    # -- hooks: each area's own demo records, after the main bundle (one line each) --
    await load_demo_agreements(store)  # agreements (#18.2): service/data/demo_agree.json
    await load_demo_plans(store)  # coordination plan 1404-1405 (#18.1): service/data/demo_plans.json
    await load_wg_demo(store)  # working-group governance (#19.1): meetings, decisions, transparency reports
    await load_intake_demo(store)  # issue intake, levels, the innovation catalogue (#19.2/4/5)
    await load_stakeholders(store)  # stakeholders, engagement log, commitments (#19.3)
    log.info("demo registry loaded: %s, %d city plans", prepared.counts, len(shipped_plans()))
    return prepared


async def load_demo_if_empty(store: GraphStore) -> bool:
    """Load the demo only into a registry with no agencies; True when it loaded."""
    rows = await store.read("registry/is_empty")
    if rows and int(rows[0]["agencies"]) > 0:
        return False
    await load_demo(store)
    return True
