"""Acting on a win-win opportunity: one draft request per match, receiver asking provider."""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.domain.models import RequestIn
from service.errors import ServiceError
from service.registry.clock import today_iso
from service.registry.repository import Repository
from service.registry.specs import CAPACITY, REQUEST
from service.storage.port import Row

if TYPE_CHECKING:
    from service.analysis.winwin import WinWinResult


async def draft_requests(repo: Repository, result: WinWinResult, opportunity_id: str) -> list[Row]:
    found = next((o for o in result.opportunities if o.id == opportunity_id), None)
    if found is None:
        raise ServiceError(
            "NOT_FOUND", f"no current win-win opportunity {opportunity_id!r} (the registry may have changed)",
            "این فرصت برد-برد در تحلیل کنونی نیست", field="opportunityId", status=404,
        )  # fmt: skip
    capacities = await repo.get_many(CAPACITY, [m.capacity_id for m in found.matches])
    drafts = []
    for match in found.matches:
        title = capacities.get(match.capacity_id, {}).get("titleFa", match.capacity_id)
        data = RequestIn(
            senderId=match.receiver,
            receiverId=match.provider,
            aboutId=match.capacity_id,
            subject=f"فرصت برد-برد: درخواست «{title}»",
            body=f"پیشنهاد دبیرخانهٔ هماهنگی ({found.kind}، {opportunity_id}): {match.why}",
            filedOn=today_iso(),
        )
        drafts.append(await repo.create(REQUEST, data, extra={"status": "draft", "opportunityId": opportunity_id}))
    return drafts
