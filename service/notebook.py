"""Helpers for the notebooks: open the same store as the service and show pictures inline.

``HAMAHANG_GRAPH_URL`` (embedded by default, a Neo4j URL works too), ``HAMAHANG_DATA_DIR`` and
``HAMAHANG_GRAPH_NAME`` choose the store, exactly as for the service; an embedded store already
running for that data dir is attached to, not started twice.
"""

from __future__ import annotations

import html
from typing import Any

from service.demo.loader import load_demo_if_empty
from service.settings import Settings
from service.storage.runtime import StoreRuntime, open_store


async def open_registry(load_demo: bool = True) -> StoreRuntime:
    """The registry's store; with ``load_demo`` an empty one gets the Mashhad demo first."""
    runtime = await open_store(Settings())
    await runtime.ready()
    if load_demo:
        await load_demo_if_empty(runtime.store)
    return runtime


def inline(page: str, height: int = 640) -> Any:
    """A self-contained page (pyvis network or heatmap) in an isolated iframe, for Jupyter."""
    from IPython.display import HTML

    return HTML(f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{height}px;border:0"></iframe>')
