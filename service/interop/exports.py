"""One entry point per direction, shared by the API and the CLI, so both give the same bytes.

``export_format(store, fmt, **filters)`` renders the (filtered) registry in a format;
``import_format(store, fmt, data, actor)`` reads a file back into a bundle and hands it to the
registry's validated all-or-nothing import (``import_bundle``).
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from service.domain.actor import Actor
from service.interop import ftm, graphfiles, ocds, popolo
from service.interop.loader import Bundle, filter_bundle, load_bundle
from service.interop.meetings import with_meetings
from service.registry.bundle import Prepared, Problem, import_bundle
from service.storage.port import GraphStore


@dataclass(frozen=True)
class Format:
    render: Callable[..., bytes | str]
    media_type: str
    filename: str


FORMATS: dict[str, Format] = {
    "graphml": Format(graphfiles.to_graphml, "application/graphml+xml", "hamahang.graphml"),
    "gexf": Format(graphfiles.to_gexf, "application/gexf+xml", "hamahang.gexf"),
    "ftm": Format(ftm.to_ftm, "application/x-ndjson", "hamahang.ftm.json"),
    "ocds": Format(ocds.to_ocds, "application/json", "hamahang-ocds.json"),
    "popolo": Format(popolo.to_popolo, "application/json", "hamahang-popolo.json"),
}
IMPORTABLE = ("graphml", "gexf", "ftm")
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".ftm.json": "ftm", ".ftm": "ftm", ".ijson": "ftm", ".jsonl": "ftm"}


def render(bundle: Bundle, fmt: str, **options: Any) -> bytes | str:
    """A bundle in one format (``options``: the OCDS package's ``uri``, ``prefix``)."""
    return FORMATS[fmt].render(bundle, **options) if fmt == "ocds" else FORMATS[fmt].render(bundle)


async def export_format(store: GraphStore, fmt: str, include_archived: bool = True, **filters: Any) -> bytes | str:
    """The registry, filtered as the graph pages filter it, in ``fmt`` (a key of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    bundle = filter_bundle(await load_bundle(store, include_archived), **filters)
    if fmt == "popolo":  # Popolo's events: the working groups' meetings (issue 19)
        bundle = await with_meetings(store, bundle)
    return render(bundle, fmt)


def guess_format(filename: str) -> str | None:
    """The import format a file name says (``.graphml``, ``.gexf``, ``.ftm.json``/``.ijson``/``.jsonl``)."""
    name = filename.lower()
    return next((fmt for suffix, fmt in SUFFIXES.items() if name.endswith(suffix)), None)


def read_file(fmt: str, data: bytes) -> tuple[Bundle, list[Problem]]:
    """A bundle from an uploaded file, or the reasons it cannot be read."""
    from networkx import NetworkXError  # imported with the first graph file, not at the service's start

    try:
        if fmt == "graphml":
            return graphfiles.read_graphml(data), []
        if fmt == "gexf":
            return graphfiles.read_gexf(data), []
        if fmt == "ftm":
            bundle, reasons = ftm.entities_to_bundle(ftm.parse_lines(data.decode("utf-8")))
            return bundle, [Problem("ftm", 0, None, r, "موجودیت FtM خوانده نشد") for r in reasons]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, ET.ParseError, NetworkXError,
            UnicodeDecodeError) as exc:  # fmt: skip
        return {}, [Problem(fmt, 0, None, f"not a readable {fmt} file: {exc}", "پرونده خوانا نیست")]
    reason = f"{fmt} cannot be imported; one of {', '.join(IMPORTABLE)}"
    return {}, [Problem(fmt, 0, None, reason, "این قالب درون‌ریزی نمی‌شود")]


async def import_format(store: GraphStore, fmt: str, data: bytes, actor: Actor | None = None) -> Prepared:
    """All records of the file or none, through the registry's own validated import. The file is
    parsed on a worker thread, so a big one does not hold the event loop (and every other request)."""
    bundle, problems = await asyncio.to_thread(read_file, fmt, data)
    if problems:
        return Prepared(problems=problems)
    return await import_bundle(store, bundle, actor)
