"""Every statement shape the ``where`` composer can produce: checked by Neo4j's own checker and run
on FalkorDB. The shapes are made from every fragment in every position it can take: each field
with each operator, each relationship with each relationship operator (nested two deep), the
logical operators, every sort key and related-count sort, and every group-by (pairs too)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.domain import enums
from service.registry import compose as c
from service.registry.fields import FIELDS, GROUPS, NUMBERS, RELATIONS, SORT_PROPS, Field, Kind
from service.settings import Settings
from service.storage.falkor import FalkorStore
from service.storage.queries import _COMPOSED
from tests.conftest import run_on_store

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "tools" / "cypher-lint" / "lint.mjs"
TODAY = "2024-05-04"
VALUES: dict[Kind, Any] = {
    Kind.ID: "ag-x", Kind.TEXT: "a", Kind.DATE: "۱۴۰۳/۰۲/۱۵", Kind.DATETIME: "2024-05-04", Kind.MONEY: 1000,
    Kind.NUMBER: 1.5, Kind.LIST: "city", Kind.SEARCH: "منطقه",
}  # fmt: skip


def value(f: Field, op: str) -> Any:
    one = next(iter(getattr(enums, f.enum or ""))).value if f.kind is Kind.ENUM else VALUES[f.kind]
    return [one] if op == "_IN" else one


def every_leaf(entity: str) -> dict[str, Any]:
    tree = {f.name + op: value(f, op) for f in FIELDS[entity] for op in c.OPS[f.kind]}
    if entity == "request":
        tree["overdue"] = True
    return tree


def some_leaves(entity: str) -> dict[str, Any]:
    f = FIELDS[entity][-1]
    op = c.OPS[f.kind][0]
    return {f.name + op: value(f, op), "NOT": {"id": "x"}}


def trees(entity: str) -> Iterator[dict[str, Any] | None]:
    yield None
    yield {}
    yield every_leaf(entity)
    yield {"OR": [some_leaves(entity), {"NOT": {"id_IN": ["a", "b"]}}], "AND": [{"id": "y"}]}
    yield {"OR": []}
    if entity == "request":
        yield {"overdue": False, "OR": [{"overdue": True}, {"status": "done"}]}
    for rel in RELATIONS[entity]:
        inner = some_leaves(rel.target)
        nested = RELATIONS[rel.target][0]
        inner[nested.name + "_SOME"] = some_leaves(nested.target)
        for op in c.REL_OPS:
            yield {rel.name + op: 2 if op.startswith("_COUNT") else inner}
        if rel.to_one:
            yield {rel.name: {}}


def shapes() -> Iterator[tuple[str, c.Composed]]:
    for entity in FIELDS:
        for i, tree in enumerate(trees(entity)):
            yield f"{entity}-list-{i}", c.compose_list(entity, tree, [c.SortKey()], today=TODAY)
            yield f"{entity}-count-{i}", c.compose_count(entity, tree, today=TODAY)
        for key in SORT_PROPS[entity]:
            sort = [c.SortKey(field=key, desc=True), c.SortKey(field="created")]
            yield f"{entity}-sort-{key}", c.compose_list(entity, some_leaves(entity), sort, today=TODAY)
        for rel in RELATIONS[entity]:
            sort = [c.SortKey(relation=rel.name, where=some_leaves(rel.target), desc=True), c.SortKey(field="created")]
            yield f"{entity}-sortrel-{rel.name}", c.compose_list(entity, None, sort, today=TODAY)
            for number in NUMBERS.get(rel.target, ()):
                sort = [c.SortKey(relation=rel.name, where={"OR": []}, sum=number, desc=True)]
                yield f"{entity}-sortsum-{rel.name}-{number}", c.compose_list(entity, None, sort, today=TODAY)
        groups = list(GROUPS[entity])
        yield f"{entity}-agg", c.compose_aggregate(entity, some_leaves(entity), [], today=TODAY)
        for a in groups:
            yield f"{entity}-agg-{a}", c.compose_aggregate(entity, None, [a], today=TODAY)
            for b in groups:
                if a != b:
                    yield f"{entity}-agg-{a}-{b}", c.compose_aggregate(entity, {"id_IN": ["x"]}, [a, b], today=TODAY)
    for rel in RELATIONS["agency"]:
        for i, tree in enumerate(trees(rel.target)):
            yield f"agency-{rel.name}-{i}", c.compose_related("agency", rel.name, tree, today=TODAY)


def combined_shapes() -> Iterator[tuple[str, c.Composed]]:
    """Fewer, larger statements with every fragment in every position (the checker takes ~0.3 s of
    CPU a statement, so linting all ~1,200 of ``shapes`` would take minutes): per entity every
    field and operator at once, every relationship operator of each relationship at once (nested
    two deep), every sort key at once, every group key in pairs; and every traversal."""
    for entity in FIELDS:
        logical: dict[str, Any] = {"OR": [some_leaves(entity), {"NOT": every_leaf(entity)}], "AND": [{"OR": []}]}
        if entity == "request":
            logical["AND"].append({"overdue": False})
        yield f"{entity}-list", c.compose_list(entity, every_leaf(entity), [c.SortKey()], today=TODAY)
        yield f"{entity}-count", c.compose_count(entity, logical, today=TODAY)
        for rel in RELATIONS[entity]:
            inner = some_leaves(rel.target)
            nested = RELATIONS[rel.target][0]
            inner[nested.name + "_ALL"] = some_leaves(nested.target)
            tree: dict[str, Any] = {rel.name + op: 2 if op.startswith("_COUNT") else inner for op in c.REL_OPS}
            if rel.to_one:
                tree[rel.name] = {}
            yield f"{entity}-{rel.name}", c.compose_count(entity, tree, today=TODAY)
        sort = [c.SortKey(field=k, desc=i % 2 == 0) for i, k in enumerate(SORT_PROPS[entity])]
        sort += [c.SortKey(relation=r.name, where=some_leaves(r.target), desc=True) for r in RELATIONS[entity]]
        sort += [c.SortKey(relation=r.name, sum=NUMBERS[r.target][-1]) for r in RELATIONS[entity] if r.target in NUMBERS]
        yield f"{entity}-sort", c.compose_list(entity, some_leaves(entity), sort, today=TODAY)
        groups = list(GROUPS[entity])
        yield f"{entity}-agg", c.compose_aggregate(entity, some_leaves(entity), [], today=TODAY)
        for i in range(0, len(groups), 2):
            pair = groups[i : i + 2] if i + 1 < len(groups) else [groups[i], groups[0]]
            pair = list(dict.fromkeys(pair))
            yield f"{entity}-agg-{'-'.join(pair)}", c.compose_aggregate(entity, {"id_IN": ["x"]}, pair, today=TODAY)
    for rel in RELATIONS["agency"]:
        yield f"agency-{rel.name}-traversal", c.compose_related("agency", rel.name, every_leaf(rel.target), today=TODAY)


SHAPES = dict(shapes())
LINTED = dict(combined_shapes())


def test_the_composer_makes_many_shapes_from_few_fragments() -> None:
    texts = {_COMPOSED[s.name] for s in SHAPES.values()}
    assert len(texts) > 300
    linted = "\n".join(_COMPOSED[s.name] for s in LINTED.values())
    for name, text in c.fragments().items():  # every fragment is in some linted statement
        probe = text.split("{{")[0].strip() or text.split("}}")[-1].strip()
        assert probe[:12] in linted, name
    used = "\n".join(texts)
    for name, text in c.fragments().items():  # every fragment appears in some shape
        probe = text.split("{{")[0].strip() or text.split("}}")[-1].strip()
        assert probe[:12] in used, name


def test_values_never_reach_the_text() -> None:
    tree: dict[str, Any] = {"code_STARTS_WITH": "x' OR 1=1 //", "nameFa_IN": ["}) DETACH DELETE n //"], "search_CONTAINS": "ممنوع"}
    composed = c.compose_list("agency", tree, [], today=TODAY)
    text = _COMPOSED[composed.name]
    assert "1=1" not in text and "DETACH" not in text and "ممنوع" not in text
    assert "x' OR 1=1 //" in composed.params.values()


def test_unknown_fields_and_operators_are_refused() -> None:
    refused: list[dict[str, Any]] = [{"nope": 1}, {"kind_GT": "x"}, {"code_INCLUDES": "a"}, {"duties_MANY": {}}]
    for tree in refused:
        with pytest.raises(c.ServiceError) as err:
            c.compose_count("agency", tree, today=TODAY)
        assert err.value.code == "VALIDATION"


@pytest.mark.skipif(
    not (ROOT / "tools/cypher-lint/node_modules").is_dir() or shutil.which("node") is None,
    reason="run `make test` (it installs the Neo4j checker with npm)",
)
def test_neo4j_checker_accepts_every_shape(tmp_path: Path) -> None:
    for label, composed in LINTED.items():
        (tmp_path / f"{label}.cypher").write_text(_COMPOSED[composed.name], encoding="utf-8")
    done = subprocess.run(["node", str(LINT), str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr
    assert f"{len(LINTED)} files, 0 errors" in done.stdout


def test_falkordb_runs_every_shape(settings: Settings, demo: Any) -> None:
    async def work(store: FalkorStore) -> int:
        ran = 0
        for label, composed in (SHAPES | LINTED).items():
            params = {**composed.params, "includeArchived": False, "skip": 0, "limit": 5, "ids": ["ag-x"]}
            params |= {f"viewer_{k}": ("ag-x" if "view" in label or ran % 2 else None) for k in ("need", "issue", "exchange", "request")}
            try:
                await store.read(composed.name, params)
            except Exception as exc:  # name the shape that failed
                raise AssertionError(f"{label}: {exc}\n{_COMPOSED[composed.name]}") from exc
            ran += 1
        return ran

    assert run_on_store(settings, work) == len(SHAPES | LINTED)
