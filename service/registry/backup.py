"""Backup to JSON lines and restore into an empty store: every node and relationship, audit trail included."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from service.errors import ServiceError
from service.registry.backup_schema import KEY, LABELS, RELATIONS, node_param, rel_param
from service.storage.port import GraphStore

SHOWN = 20  # problems named in the message; details carry them all


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


def _parse(lines: Iterable[str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except (ValueError, RecursionError) as exc:
                raise ServiceError("BAD_FILE", f"line {number} is not JSON: {exc}", f"سطر {number} JSON نیست") from None


def _node(number: int, item: Any, problems: list[str]) -> tuple[str, dict[str, Any]] | None:
    labels, props = item.get("labels"), item.get("props")
    if not isinstance(labels, list) or not labels or labels[0] not in LABELS or not isinstance(props, dict):
        problems.append(f"line {number}: not a node of a known label (labels {labels!r})")
        return None
    label = labels[0]
    if not isinstance(props.get(KEY.get(label, "id")), str):
        problems.append(f"line {number}: {label} without its {KEY.get(label, 'id')}")
        return None
    return label, props


def _rel(number: int, item: Any, problems: list[str]) -> tuple[tuple[str, str, str], dict[str, Any]] | None:
    r = item.get("rel")
    fields = ("type", "fromLabel", "toLabel", "fromId", "toId")
    if not isinstance(r, dict) or not all(isinstance(r.get(f), str) for f in fields) or not isinstance(r.get("props", {}), dict):
        problems.append(f"line {number}: not a relationship (needs {', '.join(fields)})")
        return None
    shape = (r["type"], r["fromLabel"], r["toLabel"])
    if shape not in RELATIONS:
        problems.append(f"line {number}: unknown relationship {shape}")
        return None
    return shape, {"fromId": r["fromId"], "toId": r["toId"], "props": r.get("props") or {}}


def read_backup(lines: Iterable[str]) -> dict[str, list[Any]]:
    """The restore statement's parameters, after checking the whole file: every line a node of a known
    label with its key, no key twice, every relationship of a known shape between two nodes of the
    file. Anything else is refused, each problem named (line, and for an edge its two ends), before
    anything is written: a backup missing one node used to restore the rest and drop its edges silently."""
    params: dict[str, list[Any]] = defaultdict(list)
    problems: list[str] = []
    keys: dict[str, set[str]] = defaultdict(set)
    rels: list[tuple[int, tuple[str, str, str], dict[str, Any]]] = []
    for number, item in _parse(lines):
        if not isinstance(item, dict):
            problems.append(f"line {number}: not a JSON object")
        elif "rel" in item:
            found_rel = _rel(number, item, problems)
            if found_rel:
                rels.append((number, *found_rel))
        else:
            found_node = _node(number, item, problems)
            if found_node:
                label, props = found_node
                key = props[KEY.get(label, "id")]
                if key in keys[label]:
                    problems.append(f"line {number}: {label} {key!r} appears twice")
                keys[label].add(key)
                params[node_param(label)].append(props)
    for number, shape, rel in rels:
        kind, from_label, to_label = shape
        missing = [f"{label} {ident!r}" for label, ident in ((from_label, rel["fromId"]), (to_label, rel["toId"]))
                   if ident not in keys[label]]  # fmt: skip
        if missing:
            problems.append(f"line {number}: dangling {kind} edge ({from_label} {rel['fromId']!r} -> {to_label} "
                            f"{rel['toId']!r}): no {' and no '.join(missing)} in the file")  # fmt: skip
        params[rel_param(shape)].append(rel)
    if problems:
        shown = "; ".join(problems[:SHOWN]) + (f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else "")
        raise ServiceError(
            "BAD_FILE", f"the backup is not whole, nothing was restored: {len(problems)} problem(s): {shown}",
            f"پشتیبان کامل نیست و چیزی بازیابی نشد: {len(problems)} ایراد (از جمله یال‌هایی که یک سرشان در پرونده نیست)",
            details=problems, status=422,
        )  # fmt: skip
    return params


async def restore_lines(store: GraphStore, lines: Iterable[str]) -> dict[str, int]:
    """Load a backup into an empty store, in one statement; refuses a store that has data, and a file
    that is not whole (``read_backup``), before writing anything."""
    params = read_backup(lines)
    if (await store.read("backup/nodes"))[:1]:
        raise ServiceError("NOT_EMPTY", "restore needs an empty store", "بازیابی فقط در پایگاه خالی ممکن است", status=409)
    everything = {node_param(label): params.get(node_param(label), []) for label in LABELS}
    everything |= {rel_param(rel): params.get(rel_param(rel), []) for rel in RELATIONS}
    await store.write("backup/restore", everything)
    return {k: len(v) for k, v in everything.items() if v}
