"""Write service/data/demo_plans.json: the demo's 1404–1405 coordination plan, its actions made from
the demo's OWN top findings (run here on the demo in a throwaway embedded store), never invented.

    python tools/make_demo_plans.py      # from the repository root, with the project's venv

Picks: the four duplication/overlap findings with the most money expected to be saved in 1404–1405
(distinct agency pairs), the two chosen win-win opportunities worth the most, the first merged issue,
and the request overdue longest. Due dates and steps (SCRIPT) put some actions late against
1405/09/09 (2026-11-30), some done with money realised, the approval chain two steps of three done.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.analysis import runner
from service.analysis.plan_sources import draw, expected_saving
from service.demo.loader import load_demo
from service.domain.enums import ActionSource
from service.registry.repository import Repository
from service.registry.specs import AGENCY, REQUEST
from service.settings import Settings
from service.storage.embedded import open_embedded
from service.storage.falkor import FalkorStore
from service.storage.queries import QueryLibrary

TODAY = "2026-11-30"  # 1405/09/09
OUT = Path(__file__).resolve().parents[1] / "service/data/demo_plans.json"
PLAN: dict[str, Any] = {
    "id": "pl-mashhad-1404-1405",
    "titleFa": "برنامهٔ هماهنگی دستگاه‌های اجرایی مشهد ۱۴۰۴–۱۴۰۵",
    "titleEn": "Mashhad executive agencies coordination plan 1404–1405",
    "fromYear": 1404, "toYear": 1405,
    "scopeFa": "کاهش موازی‌کاری میان دستگاه‌ها، بهره‌گیری برد-برد از ظرفیت‌های یکدیگر و رفع مشکلات مشترک، "
               "به پیشنهاد دبیرخانهٔ هماهنگی و از روی یافته‌های ماتریس‌های ثبت.",
    "scopeEn": "Less duplicated work between agencies, win-win use of each other's capacities and shared problems "
               "solved, proposed by the coordination directorate from the registry's matrices.",
    "proposed": {"comment": "پیشنهاد دبیرخانه برای طرح در کارگروه (۱۴۰۵/۰۷/۰۵)"},
    "approvals": [
        {"step": "working_group", "comment": "تأیید در جلسهٔ کارگروه هماهنگی، ۱۴۰۵/۰۷/۱۲"},
        {"step": "coordination_council", "comment": "تصویب در شورای هماهنگی با اصلاح سررسیدها، ۱۴۰۵/۰۸/۰۳"},
    ],
}  # fmt: skip
# per action, in pick order: due date and the steps (agency: the first owner moves it)
SCRIPT: list[tuple[str, list[dict[str, Any]]]] = [
    ("1405/08/30", [{"to": "agreed", "comment": "توافق در کارگروه"}, {"to": "in_progress", "agency": True, "comment": "آغاز کار مشترک"},
                    {"to": "in_progress", "agency": True, "share": 0.3, "comment": "گزارش پیشرفت: یکپارچه‌سازی نیمه‌کاره"}]),
    ("1405/07/30", [{"to": "agreed"}, {"to": "in_progress", "agency": True}, {"to": "done", "agency": True, "share": 0.8,
                                                                                "comment": "ادغام انجام شد"}]),
    ("1405/11/30", [{"to": "agreed", "comment": "توافق در کارگروه"}]),
    ("1405/06/31", []),
    ("1405/09/01", [{"to": "agreed"}, {"to": "in_progress", "agency": True, "share": 0.2, "comment": "تحویل بخشی از ظرفیت"}]),
    ("1405/08/15", [{"to": "agreed"}, {"to": "in_progress", "agency": True}, {"to": "done", "agency": True, "share": 1.0,
                                                                                "comment": "ظرفیت به‌طور کامل تحویل شد"}]),
    ("1405/12/20", [{"to": "agreed", "comment": "توافق بر کارگروه مشترک رفع مشکل"}]),
    ("1405/09/30", [{"to": "agreed"}, {"to": "in_progress", "agency": True, "comment": "پاسخ درخواست در دست تهیه"}]),
]  # fmt: skip


async def picks(repo: Repository, settings: Settings) -> list[tuple[ActionSource, str]]:
    dup = await runner.duplication(repo, settings)
    found = sorted((f for f in dup.findings if f.classification != "fragmentation" and f.verdict != "dismissed"),
                   key=lambda f: (-expected_saving(f, 1404, 1405)[0], -f.score, f.id))  # fmt: skip
    chosen, pairs = [], set()
    for f in found:
        pair = tuple(sorted((f.agency_a, f.agency_b)))
        if pair not in pairs:
            chosen.append((ActionSource.DUPLICATION_FINDING, f.id))
            pairs.add(pair)
        if len(chosen) == 4:
            break
    ww = await runner.winwin(repo, settings)
    best = sorted(ww.chosen, key=lambda o: (-o.net_benefit_rials, o.id))[:2]
    chosen += [(ActionSource.WINWIN_OPPORTUNITY, o.id) for o in best]
    clusters = await runner.issues(repo, settings)
    top = next((c for c in clusters.issues if c.merged), clusters.issues[0])
    chosen.append((ActionSource.ISSUE_CLUSTER, top.id))
    requests = await repo.page(REQUEST, filters={"overdueOn": TODAY, "openStatuses": ["submitted", "acknowledged", "in_progress"]},
                               sort="due", limit=1)  # fmt: skip
    chosen.append((ActionSource.REQUEST, requests[0]["id"]))
    return chosen


async def build(store: FalkorStore) -> dict[str, Any]:
    settings = Settings(today=TODAY)
    repo = Repository(store)
    actions = []
    for n, ((kind, ref), (due, steps)) in enumerate(zip(await picks(repo, settings), SCRIPT, strict=True), start=1):
        keep = "warranted_keep" if kind == ActionSource.DUPLICATION_FINDING and n == 4 else None  # judged warranted
        drawn = await draw(repo, settings, PLAN, kind, ref, keep)
        owner = drawn["ownerIds"][0]
        name = (await repo.get_many(AGENCY, [owner]))[owner]["nameFa"]
        worth = int(drawn.get("expectedSavingRials") or 0) + int(drawn.get("expectedBenefitRials") or 0)
        script = []
        for s in steps:
            step = {"to": s["to"], "comment": s.get("comment")}
            if s.get("agency"):
                step |= {"byAgency": owner, "by": name}
            if "share" in s:
                step["realisedRials"] = int(worth * s["share"])
            script.append({k: v for k, v in step.items() if v is not None})
        actions.append({"id": f"pa-mashhad-{n:02d}", "sourceKind": kind.value, "sourceRef": ref, **drawn, "dueDate": due,
                        "steps": script})  # fmt: skip
    return {"plans": [PLAN | {"actions": actions}]}


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server = open_embedded(Path(folder))
        store = FalkorStore.connect(queries=QueryLibrary.load(), graph="demo_plans", unix_socket=server.socket,
                                    host="127.0.0.1", port=server.port or 0)  # fmt: skip
        try:
            await store.apply_schema()
            await load_demo(store)
            data = await build(store)
        finally:
            await store.close()
            server.stop()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['plans'][0]['actions'])} actions)")


if __name__ == "__main__":
    asyncio.run(main())
