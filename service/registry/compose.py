"""Compose list, count, traversal and aggregate statements from a ``where`` tree.

A ``where`` tree is what the GraphQL input becomes: ``{"kind_IN": [...], "requestsReceived_SOME":
{"overdue": True}, "OR": [...]}`` (the ``@neo4j/graphql`` conventions). The statement text is
joined from the vetted fragments in ``cypher/compose/where.fragments``; what fills their
placeholders is a name the composer makes (``n``, ``m1``, ``p0``), a name from the allow-list in
``fields.py``, or another fragment. Every value is a parameter, so the text depends only on the
shape of the tree, and one shape is one statement (registered under ``compose/<hash>``).

Relationship filters count the related records in a ``CALL {}`` per relation, each restricted to
what the reader may read (the viewer fragment of the related kind), so a filter, a count or a sort
never tells an agency about another agency's private records. FalkorDB refuses pattern
comprehensions and ``EXISTS {}`` inside a WHERE; ``CALL {}`` with ``OPTIONAL MATCH`` and
``count`` runs on both backends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from service.auth.policy import PARTIES
from service.domain.workflow import OPEN_STATUSES
from service.errors import ServiceError
from service.registry.fields import FIELDS, GROUPS, LABELS, NUMBERS, SORT_PROPS, Field, Kind, field as find_field, relation
from service.storage.queries import default_cypher_dir, register_composed
from service.text.jalali import DateError, parse_date
from service.text.persian import search_key

FRAGMENTS_FILE = "compose/where.fragments"
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
COMPARE = {"": "eq", "_IN": "in", "_GT": "gt", "_GTE": "gte", "_LT": "lt", "_LTE": "lte"}
OPS: dict[Kind, tuple[str, ...]] = {
    Kind.ID: ("", "_IN"),
    Kind.ENUM: ("", "_IN"),
    Kind.TEXT: ("", "_IN", "_STARTS_WITH", "_CONTAINS"),
    Kind.DATE: ("", "_GT", "_GTE", "_LT", "_LTE"),
    Kind.DATETIME: ("_GT", "_GTE", "_LT", "_LTE"),
    Kind.MONEY: ("", "_IN", "_GT", "_GTE", "_LT", "_LTE"),
    Kind.NUMBER: ("", "_GT", "_GTE", "_LT", "_LTE"),
    Kind.LIST: ("_INCLUDES",),
    Kind.SEARCH: ("_CONTAINS", "_STARTS_WITH"),
}
REL_OPS = ("_SOME", "_NONE", "_ALL", "_COUNT", "_COUNT_GT", "_COUNT_GTE", "_COUNT_LT", "_COUNT_LTE")
MAX_DEPTH = 4  # nested relationship filters; deeper is refused (each level is a subquery per row)


def invalid(message_en: str, message_fa: str, where: str = "where") -> ServiceError:
    return ServiceError("VALIDATION", message_en, message_fa, field=where)


@cache
def fragments(root: Path | None = None) -> dict[str, str]:
    """The fragment file, split on its ``// fragment: name`` lines (comments dropped)."""
    text = ((root or default_cypher_dir()) / FRAGMENTS_FILE).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    name: str | None = None
    for line in text.splitlines():
        if line.startswith("// fragment: "):
            name = line.removeprefix("// fragment: ").strip()
            found[name] = ""
        elif name is not None and not line.startswith("//"):
            found[name] += line + "\n"
    return {k: v.strip("\n") for k, v in found.items()}


def fill(name: str, **values: str) -> str:
    """Fragment ``name`` with its placeholders filled; every placeholder must be given."""
    text = fragments()[name]

    def put(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return PLACEHOLDER.sub(put, text)


def _day(value: Any, where: str) -> str:
    try:
        return parse_date(str(value)).isoformat()
    except DateError as exc:
        raise invalid(str(exc), "تاریخ نادرست است (نمونه: ۱۴۰۳/۰۲/۱۵ یا 2024-05-04)", where) from None


def _instant(value: Any, op: str, where: str) -> tuple[str, str]:
    """A stored-instant bound: an ISO date-time as given, or a day (Jalali or ISO) meaning that
    whole day, so ``createdAt_LTE: "1403/02/15"`` keeps records made on the 15th."""
    text = str(value)
    if "T" in text:
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            raise invalid(f"not an ISO date-time: {text!r}", "زمان نادرست است (نمونه: 2024-05-04T10:00:00Z)", where) from None
        return op, text
    day = dt.date.fromisoformat(_day(text, where))
    after = (day + dt.timedelta(days=1)).isoformat()
    return {"_GT": ("_GTE", after), "_GTE": ("_GTE", day.isoformat()), "_LT": ("_LT", day.isoformat()),
            "_LTE": ("_LT", after)}[op]  # fmt: skip


@dataclass
class Composer:
    """One statement's worth of names and parameters."""

    entity: str
    params: dict[str, Any] = field(default_factory=dict)
    today: str = ""
    _vars: int = 0

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return name

    def var(self) -> str:
        self._vars += 1
        return f"m{self._vars}"

    def viewer(self, entity: str, v: str) -> str:
        return fill(f"viewer_{entity}", v=v) if entity in PARTIES else fill("viewer_none")

    # -- where ---------------------------------------------------------------------------------
    def where(self, entity: str, v: str, tree: Mapping[str, Any] | None, depth: int = 0) -> tuple[list[str], str]:
        """(CALL blocks to run first, boolean expression) for ``tree`` on node ``v``."""
        calls: list[str] = []
        parts: list[str] = []
        for key, value in (tree or {}).items():
            if value is None:
                continue
            c, expr = self._leaf(entity, v, key, value, depth)
            calls += c
            parts.append(expr)
        return calls, self._join("and", parts)

    def _join(self, op: str, parts: list[str]) -> str:
        if not parts:
            return fill("true")
        out = parts[0]
        for part in parts[1:]:
            out = fill(op, left=out, right=part)
        return out

    def _leaf(self, entity: str, v: str, key: str, value: Any, depth: int) -> tuple[list[str], str]:
        if key in ("AND", "OR"):
            calls: list[str] = []
            parts = []
            for sub in value:
                c, e = self.where(entity, v, sub, depth)
                calls += c
                parts.append(e)
            if key == "OR" and not parts:
                return calls, fill("false")
            return calls, self._join(key.lower(), parts)
        if key == "NOT":
            c, e = self.where(entity, v, value, depth)
            return c, fill("not", inner=e)
        if entity == "request" and key == "overdue":
            self.params["today"] = self.today
            self.params["openStatuses"] = sorted(s.value for s in OPEN_STATUSES)
            return [], fill("overdue" if value else "not_overdue", v=v)
        for rel in _relations_by_length(entity):
            if key == rel.name and rel.to_one:
                return self._related(entity, v, rel.name, "_SOME", value, depth)
            if key.startswith(rel.name + "_") and key[len(rel.name) :] in REL_OPS:
                return self._related(entity, v, rel.name, key[len(rel.name) :], value, depth)
        name, op = _split(key)
        f = find_field(entity, name)
        if f is None or op not in OPS[f.kind]:
            raise invalid(f"{LABELS[entity]} has no filter {key!r}", f"فیلتر «{key}» برای این نوع رکورد وجود ندارد")
        return [], self._compare(f, v, op, value, key)

    def _compare(self, f: Field, v: str, op: str, value: Any, key: str) -> str:
        lhs = fill("prop", v=v, prop=_checked(f.stored))
        if f.kind is Kind.DATE:
            value = [_day(x, key) for x in value] if isinstance(value, list) else _day(value, key)
        elif f.kind is Kind.DATETIME:
            op, value = _instant(value, op, key)
        elif f.kind is Kind.SEARCH:
            value = search_key(str(value))
        if op == "_STARTS_WITH":
            frag = "field_starts_with" if f.kind is Kind.SEARCH else "starts_with"
            return fill(frag, lhs=lhs, p=self.param(value))
        if op == "_CONTAINS":
            return fill("contains", lhs=lhs, p=self.param(value))
        if op == "_INCLUDES":
            return fill("includes", lhs=lhs, p=self.param(value))
        return fill(COMPARE[op], lhs=lhs, p=self.param(value))

    def _related(self, entity: str, v: str, name: str, op: str, value: Any, depth: int) -> tuple[list[str], str]:
        rel = relation(entity, name)
        assert rel is not None
        if depth >= MAX_DEPTH:
            raise invalid(f"relationship filters nest at most {MAX_DEPTH} deep", f"فیلترهای تودرتو حداکثر {MAX_DEPTH} سطح دارند")
        m = self.var()
        if op.startswith("_COUNT"):
            inner: Mapping[str, Any] | None = None
        else:
            inner = value
        block, _ = self.related_block(rel.target, v, m, rel.edge, inner, depth + 1)
        if op == "_SOME":
            return [block], fill("some", m=m)
        if op == "_NONE":
            return [block], fill("none", m=m)
        if op == "_ALL":
            return [block], fill("all", m=m)
        cmp = "" if op == "_COUNT" else op.removeprefix("_COUNT")
        if not isinstance(value, int) or value < 0:
            raise invalid(f"{name}{op} takes a count (0 or more)", "شمارش باید عدد صحیح نامنفی باشد")
        return [block], fill(COMPARE[cmp], lhs=fill("related_count", m=m), p=self.param(value))

    def related_block(self, target: str, v: str, m: str, edge: str, inner: Mapping[str, Any] | None,
                      depth: int, sum_of: str | None = None) -> tuple[str, str]:  # fmt: skip
        """A CALL block counting ``v``'s related ``target`` records the reader may read
        (``m``_all) and those matching ``inner`` (``m``_hit); or, with ``sum_of``, summing that
        numeric field over the matching ones (``m``_sum)."""
        calls, test = self.where(target, m, inner, depth)
        extra = {"prop": _checked(sum_of)} if sum_of is not None else {}
        block = fill(
            "calls_related_sum" if sum_of is not None else "calls_related", v=v, m=m, edge=edge, label=LABELS[target],
            viewer=self.viewer(target, m), calls="".join(c + "\n  " for c in calls), test=test, **extra,
        )  # fmt: skip
        return block, m


@cache
def _relations_by_length(entity: str) -> tuple[Any, ...]:
    from service.registry.fields import RELATIONS

    return tuple(sorted(RELATIONS[entity], key=lambda r: -len(r.name)))


def _split(key: str) -> tuple[str, str]:
    for suffix in ("_STARTS_WITH", "_CONTAINS", "_INCLUDES", "_IN", "_GTE", "_GT", "_LTE", "_LT"):
        if key.endswith(suffix):
            return key[: -len(suffix)], suffix
    return key, ""


def _checked(name: str) -> str:
    if not NAME.match(name):
        raise ValueError(f"not a name: {name!r}")
    return name


@dataclass(frozen=True)
class SortKey:
    """One key of a multi-field sort: a stored field (``field``: an old sort key) or the count of
    related records (``relation``, optionally filtered by ``where``)."""

    field: str | None = None
    relation: str | None = None
    where: Mapping[str, Any] | None = None
    desc: bool = False
    sum: str | None = None  # with ``relation``: sort by the sum of this numeric field of the related records


@dataclass(frozen=True)
class Composed:
    name: str  # registered under this name: the store runs it like any file's statement
    params: dict[str, Any]


def _register(text: str, params: dict[str, Any]) -> Composed:
    name = "compose/" + hashlib.sha256(text.encode()).hexdigest()[:20]
    register_composed(name, text)
    return Composed(name, params)


def _head(c: Composer, tree: Mapping[str, Any] | None, extra_calls: list[str] | None = None,
          extra_carry: list[str] | None = None) -> dict[str, str]:  # fmt: skip
    calls, expr = c.where(c.entity, "n", tree)
    calls += extra_calls or []
    carry = ["n"] + [m for block in calls for m in _returned(block)] + (extra_carry or [])
    return {
        "label": LABELS[c.entity],
        "viewer": c.viewer(c.entity, "n"),
        "calls": "".join(b + "\n" for b in calls),
        "carry": ", ".join(dict.fromkeys(carry)),
        "where": expr,
    }


def _returned(block: str) -> list[str]:
    """The columns a top-level CALL block returns (its last RETURN line)."""
    last = [ln for ln in block.splitlines() if ln.strip().startswith(("RETURN count(", "RETURN sum("))][-1]
    return re.findall(r"AS (\w+)", last)


def compose_list(entity: str, tree: Mapping[str, Any] | None, sort: list[SortKey], *, today: str) -> Composed:
    """Ids of one page, filtered and sorted (multi-field, related counts); ``n.id`` breaks ties,
    so an offset cursor lands on the same record however often the page is asked."""
    c = Composer(entity, today=today)
    sort_calls: list[str] = []
    cols: list[str] = []
    order: list[str] = []
    for i, key in enumerate(sort):
        alias = f"s{i}"
        if key.relation is not None:
            rel = relation(entity, key.relation)
            if rel is None:
                raise invalid(f"no relation {key.relation!r} to sort by", f"رابطهٔ «{key.relation}» برای مرتب‌سازی وجود ندارد", "sortBy")
            if key.sum is not None and key.sum not in NUMBERS.get(rel.target, ()):
                raise invalid(f"{key.relation} has no number {key.sum!r} to sum", f"فیلد عددی «{key.sum}» برای جمع وجود ندارد", "sortBy")
            m = c.var()
            block, _ = c.related_block(rel.target, "n", m, rel.edge, key.where, 1, key.sum)
            sort_calls.append(block)
            expr = fill("related_sum" if key.sum is not None else "related_count", m=m)
        else:
            prop = SORT_PROPS[entity].get(key.field or "created")
            if prop is None:
                raise invalid(f"no sort key {key.field!r}", f"کلید مرتب‌سازی «{key.field}» وجود ندارد", "sortBy")
            expr = fill("prop", v="n", prop=_checked(prop))
        cols.append(fill("sortcol", expr=expr, alias=alias))
        order.append(f"{alias} {'DESC' if key.desc else 'ASC'}, ")
    head = _head(c, tree, sort_calls)
    text = fill("list", **head, sortcols="".join(cols), order="".join(order))
    return _register(text, c.params)


def compose_count(entity: str, tree: Mapping[str, Any] | None, *, today: str) -> Composed:
    c = Composer(entity, today=today)
    return _register(fill("count", **_head(c, tree)), c.params)


def compose_related(from_entity: str, rel_name: str, tree: Mapping[str, Any] | None, *, today: str) -> Composed:
    """Ids of the related records, per batch key, that match ``tree`` (a traversal's filter)."""
    rel = relation(from_entity, rel_name)
    if rel is None:
        raise ValueError(f"no relation {rel_name} on {from_entity}")
    c = Composer(rel.target, today=today)
    head = _head(c, tree)
    text = fill("related", **head, fromLabel=LABELS[from_entity], edge=rel.edge)
    return _register(text, c.params)


def compose_aggregate(entity: str, tree: Mapping[str, Any] | None, group_by: list[str], *, today: str) -> Composed:
    """Counts and sums/min/max (and the counts an average needs) per group of one or two keys."""
    if len(group_by) > 2 or len(set(group_by)) != len(group_by):
        raise invalid("group by at most two different fields", "حداکثر بر پایهٔ دو فیلد متفاوت گروه‌بندی کنید", "groupBy")
    c = Composer(entity, today=today)
    cols: list[str] = []
    keys: list[str] = []
    for i, name in enumerate(group_by):
        how, what = GROUPS[entity][name]
        alias = f"g{i}"
        if how == "relation":
            rel = relation(entity, what)
            assert rel is not None
            cols.append(fill("group_related", v="n", edge=rel.edge, label=LABELS[rel.target], alias=alias))
        else:
            cols.append(fill("group_prop", prop=_checked(what), alias=alias))
        keys.append(f"{alias}, ")
    numbers = "".join(fill("numbers", prop=_checked(p), alias=_checked(p)) for p in NUMBERS.get(entity, ()))
    text = fill("aggregate", **_head(c, tree), groupcols="".join(cols), groupkeys="".join(keys), numbers=numbers)
    return _register(text, c.params)


def known_entities() -> tuple[str, ...]:
    return tuple(FIELDS)
