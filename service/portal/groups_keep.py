"""The portal's forms for a group's keepers (issue 19): its secretariat or lead records a meeting (with
minutes and who was present) and a decision; its secretariat drafts a transparency report. The same
use cases as GraphQL, so the same roles are checked and the same refusals come back on the page."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from service.portal.auth import Session
from service.portal.groups import act, router
from service.registry.wg_decisions import record_decision
from service.registry.wg_meetings import record_meeting
from service.registry.wg_reports import draft_report


def _text(posted: Any, name: str) -> str | None:
    value = str(posted.get(name) or "").strip()
    return value or None


@router.post("/{group_id}/meetings")
async def new_meeting(request: Request, group_id: str) -> Response:
    async def work(session: Session, posted: Any, _: int | None) -> None:
        data = {"groupId": group_id, "date": _text(posted, "date"), "agendaFa": _text(posted, "agendaFa"),
                "minutesFa": _text(posted, "minutesFa"), "presentIds": [str(a) for a in posted.getlist("presentIds")]}  # fmt: skip
        await record_meeting(session.repo, session.actor, {k: v for k, v in data.items() if v is not None})

    return await act(request, work)


@router.post("/{group_id}/decisions")
async def new_decision(request: Request, group_id: str) -> Response:
    async def work(session: Session, posted: Any, _: int | None) -> None:
        data = {"groupId": group_id, "textFa": _text(posted, "textFa"), "ownerId": _text(posted, "ownerId"),
                "dueDate": _text(posted, "dueDate"), "meetingId": _text(posted, "meetingId")}  # fmt: skip
        await record_decision(session.repo, session.actor, {k: v for k, v in data.items() if v is not None})

    return await act(request, work)


@router.post("/{group_id}/reports")
async def new_report(request: Request, group_id: str) -> Response:
    async def work(session: Session, posted: Any, _: int | None) -> None:
        data = {"groupId": group_id, "year": _text(posted, "year"), "period": _text(posted, "period") or "year",
                "titleFa": _text(posted, "titleFa"), "summaryFa": _text(posted, "summaryFa")}  # fmt: skip
        await draft_report(session.repo, session.actor, {k: v for k, v in data.items() if v is not None})

    return await act(request, work)
