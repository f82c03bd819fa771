"""Backup to JSON lines and restore into an empty store: every node and relationship, audit trail included."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from service.errors import ServiceError
from service.registry.backup_schema import LABELS, RELATIONS, node_param, rel_param
from service.storage.port import GraphStore


async def backup_lines(store: GraphStore) -> list[str]:
    """One JSON object per line: ``{"labels", "props"}`` for a node, ``{"rel"}`` for a relationship; sorted."""
    nodes = await store.read("backup/nodes")
    rels = await store.read("backup/relationships")
    lines = [json.dumps({"labels": sorted(n["labels"]), "props": n["props"]}, ensure_ascii=False, sort_keys=True) for n in nodes]
    lines += [json.dumps({"rel": r}, ensure_ascii=False, sort_keys=True) for r in rels]
    return sorted(lines)


def write_backup(path: Path, lines: list[str]) -> None:
    """Write a backup readable by its owner only (0600): it holds every token's hash. An existing
    file is narrowed to 0600 before its old content is replaced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)
    os.ftruncate(fd, 0)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def _parse(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield json.loads(line)
            except ValueError as exc:
                raise ServiceError("BAD_FILE", f"line {number} is not JSON: {exc}", f"سطر {number} JSON نیست") from None


async def restore_lines(store: GraphStore, lines: Iterable[str]) -> dict[str, int]:
    """Load a backup into an empty store, in one statement; refuses a store that has data."""
    if (await store.read("backup/nodes"))[:1]:
        raise ServiceError("NOT_EMPTY", "restore needs an empty store", "بازیابی فقط در پایگاه خالی ممکن است", status=409)
    params: dict[str, list[Any]] = defaultdict(list)
    known_rels = set(RELATIONS)
    for item in _parse(lines):
        if "rel" in item:
            r = item["rel"]
            shape = (r["type"], r["fromLabel"], r["toLabel"])
            if shape not in known_rels:
                raise ServiceError("BAD_FILE", f"unknown relationship {shape}", "رابطهٔ ناشناخته در پشتیبان")
            params[rel_param(shape)].append({"fromId": r["fromId"], "toId": r["toId"], "props": r["props"]})
        else:
            label = item["labels"][0]
            if label not in LABELS:
                raise ServiceError("BAD_FILE", f"unknown label {label}", "برچسب ناشناخته در پشتیبان")
            params[node_param(label)].append(item["props"])
    everything = {node_param(label): params.get(node_param(label), []) for label in LABELS}
    everything |= {rel_param(rel): params.get(rel_param(rel), []) for rel in RELATIONS}
    await store.write("backup/restore", everything)
    return {k: len(v) for k, v in everything.items() if v}
