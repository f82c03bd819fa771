"""A plan action made from what the analyses found: a duplication finding (its key ``dup:<duty>:<duty>``),
a win-win opportunity (``ww-…``), a merged issue (``mi-…``) or a request (its id).

The owners and the money come from the finding, run now on the registry as the directorate sees it:
a finding puts at stake the smaller of the two duties' budgets in each year of the plan's period
(``service/analysis/money.py``): that is the saving expected; an opportunity's net benefit is the
benefit expected and what giving costs the providers its budget. A key the current analysis does
not hold is NOT_FOUND (the registry may have changed since the key was read).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.analysis import runner
from service.analysis.snapshot import load_snapshot
from service.domain.actor import Actor
from service.domain.enums import ActionSource
from service.domain.models import PlanActionIn
from service.errors import ServiceError
from service.registry.plan_actions import add_action
from service.registry.plans import directorate_only
from service.registry.repository import Repository
from service.registry.specs import PLAN, REQUEST
from service.settings import Settings
from service.storage.port import Row
from service.text.persian import to_persian_digits

if TYPE_CHECKING:
    from service.analysis.duplication import DuplicationFinding

OPTION_FA = {"merge": "ادغام", "lead_agency": "تعیین دستگاه پیشرو", "agreement": "تفاهم‌نامه", "warranted_keep": "حفظ موازی‌کاری موجه"}
FROM_FINDING = {"keep": "warranted_keep"}  # the analysis says keep; an action says why it is kept


def _missing(kind: str, ref: str) -> ServiceError:
    words = {"duplication_finding": "یافتهٔ موازی‌کاری", "winwin_opportunity": "فرصت برد-برد", "issue_cluster": "مشکل ادغام‌شده",
             "request": "درخواست"}  # fmt: skip
    return ServiceError("NOT_FOUND", f"no current {kind.replace('_', ' ')} {ref!r} (the registry may have changed)",
                        f"«{ref}» در تحلیل کنونی ({words[kind]}) نیست", field="sourceRef", status=404)  # fmt: skip


async def _finding(repo: Repository, settings: Settings, ref: str, plan: Row, option: str | None) -> dict[str, Any]:
    snap = await load_snapshot(repo, runner.DUPLICATION_NEEDS)
    result = await runner.duplication(repo, settings, snap)
    f = next((x for x in result.findings if x.id == ref), None)
    if f is None:
        raise _missing("duplication_finding", ref)
    titles = {d["id"]: d["titleFa"] for d in snap["duty"]}
    chosen = option or FROM_FINDING.get(f.option, f.option)
    saving, basis = expected_saving(f, int(plan["fromYear"]), int(plan["toYear"]))
    if chosen == "warranted_keep":  # kept on purpose: nothing is expected to be saved
        saving, basis = 0, "موازی‌کاری موجه: هر دو وظیفه می‌مانند و صرفه‌جویی پیش‌بینی نمی‌شود."
    about = ". ".join(x for x in (f.summary_fa, basis) if x)
    return {"titleFa": f"{OPTION_FA[chosen]}: «{titles.get(f.duty_a, f.duty_a)}» و «{titles.get(f.duty_b, f.duty_b)}»",
            "descriptionFa": about or None, "option": chosen, "ownerIds": sorted({f.agency_a, f.agency_b}),
            "expectedSavingRials": saving}  # fmt: skip


def expected_saving(f: DuplicationFinding, from_year: int, to_year: int) -> tuple[int, str]:
    """What a finding puts at stake in the plan's years, and how it was reckoned (Persian). Where the
    duties carry no budget for those years (the demo's budgets end in 1403), the latest year both
    were funded stands for each year of the plan, and the text says so."""
    in_period = sum(f.at_stake(from_year, to_year).values())
    if in_period:
        return int(in_period), "برآورد صرفه‌جویی: مبلغ در خطرِ بودجهٔ سال‌های برنامه."
    every = f.at_stake()
    if not every:
        return 0, ""
    year = max(every)
    years = to_year - from_year + 1
    text = (f"برآورد صرفه‌جویی: بودجهٔ سال‌های برنامه ثبت نشده است؛ مبلغ در خطرِ سال {year} "
            f"({every[year]:,} ریال) برای هر یک از {years} سال برنامه.")
    return int(every[year] * years), to_persian_digits(text.replace(",", "٬"))


async def _opportunity(repo: Repository, settings: Settings, ref: str) -> dict[str, Any]:
    snap = await load_snapshot(repo, runner.WINWIN_NEEDS)
    result = await runner.winwin(repo, settings, snap)
    o = next((x for x in result.opportunities if x.id == ref), None)
    if o is None:
        raise _missing("winwin_opportunity", ref)
    names = {a["id"]: a["nameFa"] for a in snap["agency"]}
    titles = {r["id"]: r.get("titleFa") or r["id"] for key in ("capacity", "need", "issue") for r in snap[key]}
    what = "، ".join(f"«{titles.get(m.capacity_id, m.capacity_id)}» برای «{titles.get(m.target_id, m.target_id)}»" for m in o.matches)
    circle = " ← ".join(names.get(a, a) for a in o.agencies)
    return {"titleFa": f"برد-برد میان {circle}"[:300], "descriptionFa": what[:20_000] or None, "ownerIds": sorted(set(o.agencies)),
            "expectedBenefitRials": max(0, round(o.net_benefit_rials)), "budgetRials": round(sum(m.cost_rials for m in o.matches))}  # fmt: skip


async def _cluster(repo: Repository, settings: Settings, ref: str) -> dict[str, Any]:
    result = await runner.issues(repo, settings)
    c = next((x for x in result.issues + result.resolved if x.id == ref), None)
    if c is None:
        raise _missing("issue_cluster", ref)
    return {"titleFa": f"رفع مشکل: «{c.title}»"[:300], "ownerIds": sorted(set(c.agencies_affected)),
            "descriptionFa": f"مشکل‌های ادغام‌شده: {'، '.join(c.member_ids)}"}  # fmt: skip


async def _request(repo: Repository, ref: str) -> dict[str, Any]:
    found = await repo.get_many(REQUEST, [ref])
    if ref not in found:
        raise _missing("request", ref)
    r = found[ref]
    return {"titleFa": f"پیگیری درخواست: «{r['subject']}»"[:300], "ownerIds": sorted({r["senderId"], r["receiverId"]})}


async def draw(repo: Repository, settings: Settings, plan: Row, kind: ActionSource, ref: str,
               option: str | None = None) -> dict[str, Any]:  # fmt: skip
    """What the source says an action on it is: title, owners, money (and the option for a finding)."""
    if kind == ActionSource.DUPLICATION_FINDING:
        return await _finding(repo, settings, ref, plan, option)
    if kind == ActionSource.WINWIN_OPPORTUNITY:
        return await _opportunity(repo, settings, ref)
    if kind == ActionSource.ISSUE_CLUSTER:
        return await _cluster(repo, settings, ref)
    return await _request(repo, ref)


async def action_from(repo: Repository, actor: Actor, settings: Settings, plan_id: str, kind: ActionSource, ref: str,
                      given: dict[str, Any], idempotency_key: str | None = None) -> Row:  # fmt: skip
    """Add the action the source asks for to the plan; ``given`` (title, due date, money, option)
    overrides what was drawn from the source."""
    directorate_only(actor)  # before running an analysis of the whole registry
    plan = await repo.get(PLAN, plan_id, field="planId")
    kind = ActionSource(kind)
    if given.get("option") and kind != ActionSource.DUPLICATION_FINDING:
        raise ServiceError("VALIDATION", "option: only an action on a duplication finding chooses an option",
                           "گزینه فقط برای اقدامِ یافتهٔ موازی‌کاری انتخاب می‌شود", field="option")  # fmt: skip
    drawn = await draw(repo, settings, plan, kind, ref, given.get("option"))
    values = drawn | {k: v for k, v in given.items() if v is not None}
    data = PlanActionIn.model_validate(values | {"planId": plan_id, "sourceKind": kind.value, "sourceRef": ref})
    return await add_action(repo, actor, data, idempotency_key)
