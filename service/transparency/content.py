"""What a published transparency report says, gathered once for the page and the PDF: the group,
its secretariat and supervisors by name, the period, the summary and the figures, in Persian."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.registry.repository import Repository
from service.registry.specs import AGENCY, WORKING_GROUP
from service.registry.wg_periods import label_fa
from service.text.jalali import to_jalali
from service.text.persian import to_persian_digits

FIGURES = (("meetingsHeld", "جلسه‌های برگزارشده"), ("decisionsMade", "مصوبه‌ها"), ("decisionsDone", "مصوبه‌های انجام‌شده"),
           ("decisionsOpen", "مصوبه‌های باز یا در دست اجرا"), ("decisionsDropped", "مصوبه‌های کنارگذاشته"))  # fmt: skip


@dataclass
class Published:
    """One published report, every text already in Persian (digits included)."""

    id: str
    group_fa: str
    period_fa: str
    title_fa: str
    summary_fa: str
    published_fa: str
    approved_by_fa: str
    secretariat_fa: str
    supervisors_fa: str
    figures: list[tuple[str, str]] = field(default_factory=list)


def fa_digits(value: object) -> str:
    return to_persian_digits(str(value))


def _names(members: list[dict[str, Any]], role: str, agencies: dict[str, Any]) -> str:
    ids = [m["agencyId"] for m in members if m.get("role") == role]
    return "، ".join(agencies[i]["nameFa"] for i in ids if i in agencies) or "—"


async def gather(repo: Repository, rows: list[dict[str, Any]]) -> list[Published]:
    """The page's and PDF's view of published report rows (agency and group names read once)."""
    groups = await repo.get_many(WORKING_GROUP, sorted({r["groupId"] for r in rows}))
    wanted = {m["agencyId"] for g in groups.values() for m in g.get("members") or []}
    wanted |= {r["approvedBy"] for r in rows if r.get("approvedBy")}
    agencies = await repo.get_many(AGENCY, sorted(wanted))
    out = []
    for r in rows:
        members = (groups.get(r["groupId"]) or {}).get("members") or []
        approver = agencies.get(r.get("approvedBy") or "", {}).get("nameFa") or "—"
        out.append(Published(
            id=r["id"], group_fa=(groups.get(r["groupId"]) or {}).get("nameFa", r.get("groupNameFa", "")),
            period_fa=label_fa(int(r["year"]), r["period"]), title_fa=r["titleFa"], summary_fa=r["summaryFa"],
            published_fa=fa_digits(to_jalali(str(r.get("publishedAt") or "")[:10]) or ""), approved_by_fa=approver,
            secretariat_fa=_names(members, "secretariat", agencies), supervisors_fa=_names(members, "supervisor", agencies),
            figures=[(label, fa_digits(int(r.get(key) or 0))) for key, label in FIGURES],
        ))  # fmt: skip
    return out
