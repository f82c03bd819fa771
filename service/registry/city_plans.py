"""The city's plans as registry entities: ``CityPlan`` nodes and their ``PlanGoal`` nodes (strategies,
focus area and level as fields of a goal), each goal ``PART_OF`` its plan and ``SERVED_BY`` the duties
that carry it. The mission-alignment analysis reads them from here; the demo loads the shipped
``service/data/plans.json`` into the store."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from service.domain.actor import Actor
from service.errors import ServiceError, not_found, version_conflict
from service.registry.audit import audit_event
from service.registry.clock import now_iso
from service.storage.port import GraphStore

PLAN_FIELDS = ("titleFa", "titleEn", "source", "levels")
GOAL_FIELDS = ("titleFa", "focus", "level", "strategies")


@cache
def shipped_plans() -> list[dict[str, Any]]:
    """The plans shipped with the service (the demo's, and the fallback of an empty store)."""
    text = resources.files("service.data").joinpath("plans.json").read_text(encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(text)["plans"]
    return data


async def load_plans(store: GraphStore) -> list[dict[str, Any]]:
    """Every plan in the store with its goals in order, each goal with its sorted duty ids."""
    plans: dict[str, dict[str, Any]] = {}
    for row in await store.read("city_plan/list"):
        plan = plans.setdefault(row["plan"]["id"], {k: v for k, v in row["plan"].items() if k != "updatedAt"} | {"goals": []})
        if row.get("goal"):
            goal = dict(row["goal"])
            goal["dutyIds"] = sorted(goal.get("dutyIds") or [])
            goal.setdefault("strategies", [])
            plan["goals"].append(goal)
    return list(plans.values())


def _text(value: Any, field: str, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise ServiceError("VALIDATION", f"{field} must be a text of 1 to 500 characters",
                           "این فیلد باید متنی میان ۱ تا ۵۰۰ نویسه باشد", field=field)  # fmt: skip
    return value.strip()


def _clean(plan: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The plan's stored fields and its goals' (id, props, dutyIds); refuses what is missing or repeated."""
    props: dict[str, Any] = {"titleFa": _text(plan.get("titleFa"), "titleFa"), "source": plan.get("source") or "",
                             "levels": [str(x) for x in plan.get("levels") or []]}  # fmt: skip
    if plan.get("titleEn"):
        props["titleEn"] = _text(plan["titleEn"], "titleEn")
    goals, seen = [], set()
    for n, g in enumerate(plan.get("goals") or []):
        gid = _text(g.get("id"), f"goals[{n}].id")
        if gid in seen:
            raise ServiceError("VALIDATION", f"goal {gid!r} appears twice", f"هدف «{gid}» دو بار آمده است", field="goals")
        seen.add(gid)
        gp = {"titleFa": _text(g.get("titleFa"), f"goals[{n}].titleFa"), "focus": g.get("focus") or "",
              "level": g.get("level") or "", "strategies": [str(s) for s in g.get("strategies") or []], "position": n}  # fmt: skip
        goals.append({"id": gid, "props": gp, "dutyIds": sorted({str(d) for d in g.get("dutyIds") or []})})
    return props, goals


async def upsert_plan(store: GraphStore, actor: Actor | None, plan: dict[str, Any]) -> dict[str, Any]:
    """Create or update one plan and its goals (duty links named are added); returns the stored plan."""
    ident = _text(plan.get("id"), "id")
    assert ident is not None
    props, goals = _clean(plan)
    owner = {g["id"]: p["id"] for p in await load_plans(store) for g in p["goals"]}
    taken = [g["id"] for g in goals if owner.get(g["id"], ident) != ident]
    if taken:
        raise ServiceError("VALIDATION", f"goal {taken[0]!r} belongs to plan {owner[taken[0]]!r}",
                           f"هدف «{taken[0]}» از آنِ برنامهٔ دیگری است", field="goals")  # fmt: skip
    audit = audit_event(actor, "upsert_plan", "CityPlan", ident, None, props | {"goals": [g["id"] for g in goals]})
    await store.write("city_plan/upsert", {"id": ident, "props": props, "goals": goals, "now": now_iso(), "audit": audit})
    return next(p for p in await load_plans(store) if p["id"] == ident)


async def link_goal(store: GraphStore, actor: Actor, goal_id: str, duty_ids: list[str],
                    expected_version: int | None = None) -> dict[str, Any]:  # fmt: skip
    """Link a goal to duties (links are added); every duty must exist. Returns the goal as stored.
    Without ``expected_version`` the version just read is the one checked."""
    goal = next((g for p in await load_plans(store) for g in p["goals"] if g["id"] == goal_id), None)
    if goal is None:
        raise not_found("PlanGoal", goal_id, field="goalId")
    if expected_version is None:
        expected_version = int(goal.get("version") or 0)
    wanted = sorted(set(duty_ids))
    found = {r["id"] for r in await store.read("duty/holders", {"ids": wanted})}
    missing = [d for d in wanted if d not in found]
    if missing:
        raise not_found("Duty", missing[0], field="dutyIds")
    audit = audit_event(actor, "link_plan_goal", "PlanGoal", goal_id, {"dutyIds": goal["dutyIds"]},
                        {"dutyIds": sorted(set(goal["dutyIds"]) | set(wanted))})  # fmt: skip
    rows = await store.write("city_plan/link_goal", {"goalId": goal_id, "dutyIds": wanted, "expectedVersion": expected_version,
                                                     "now": now_iso(), "audit": audit})  # fmt: skip
    if not rows:
        current = next((g for p in await load_plans(store) for g in p["goals"] if g["id"] == goal_id), None)
        raise version_conflict("PlanGoal", goal_id, current.get("version") if current else None)
    return next(g for p in await load_plans(store) for g in p["goals"] if g["id"] == goal_id)
