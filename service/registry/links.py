"""An exchange or a request that names the agreement it belongs to: the agreement must be one the
writer may read (else NOT_FOUND, as if it did not exist) and hold both of the record's parties."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from service.errors import ServiceError, not_found
from service.registry.specs import AGREEMENT

if TYPE_CHECKING:
    from service.registry.repository import Repository

ENDS = {"exchange": ("providerId", "receiverId"), "request": ("senderId", "receiverId")}


async def check_agreement_link(repo: Repository, key: str, row: Mapping[str, Any]) -> None:
    ident = row.get("agreementId")
    if key not in ENDS or not ident:
        return
    found = await repo.get_many(AGREEMENT, [ident])
    if ident not in found:
        raise not_found("Agreement", ident, "agreementId")
    members = {*(found[ident].get("providerIds") or []), *(found[ident].get("receiverIds") or [])}
    if not {row.get(end) for end in ENDS[key]} <= members:
        raise ServiceError("INVALID_REFERENCE", f"both parties of this {key} must be parties to agreement {ident!r}",
                           "هر دو طرف این رکورد باید طرف‌های همان قرارداد باشند", field="agreementId")  # fmt: skip
