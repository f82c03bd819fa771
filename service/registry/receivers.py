"""Who may receive a request: an agency, never a stakeholder (issue #19.3).

Stakeholders are their own kind now; the pseudo-agencies of kind ``stakeholder_group`` that older
registries (and old backups, restored as they were) still hold stay readable, but nothing files a
request to either. The request statement refuses them itself (``cypher/request/create.cypher``);
when it created nothing, this says why, in Persian and English (no extra read on the filing path). A stakeholder the filer may not read is
answered like a missing agency, as every refusal here is.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.errors import ServiceError, not_found
from service.registry.repository import Repository

STAKEHOLDER_GROUP = "stakeholder_group"


def not_a_receiver(ident: str) -> ServiceError:
    return ServiceError(
        "NOT_A_RECEIVER",
        f"{ident!r} is a stakeholder, not an agency: a request goes to an agency; record an engagement "
        "or a commitment with the stakeholder instead",
        f"«{ident}» ذی‌نفع است، نه دستگاه: درخواست فقط به دستگاه فرستاده می‌شود؛ به‌جای آن تعامل یا تعهدی با ذی‌نفع ثبت کنید",
        field="receiverId", status=422,
    )  # fmt: skip


async def check_receiver(repo: Repository, receiver_id: str | None) -> None:
    """Refuse a request to a stakeholder or to a legacy stakeholder-group agency."""
    if not receiver_id:
        return
    rows = await repo.store.read("request/receiver", {"id": receiver_id})
    row = rows[0] if rows else {}
    if row.get("agencyKind") == STAKEHOLDER_GROUP:
        raise not_a_receiver(receiver_id)
    if row.get("stakeholderId") and row.get("agencyKind") is None:
        from service.registry.stakeholders import STAKEHOLDER

        if receiver_id not in await repo.get_many(STAKEHOLDER, [receiver_id]):
            raise not_found("Agency", receiver_id, "receiverId")
        raise not_a_receiver(receiver_id)


def no_new_group() -> ServiceError:
    return ServiceError(
        "VALIDATION",
        "kind stakeholder_group is kept only for old records: a stakeholder group is a Stakeholder now "
        "(createStakeholder), not an agency",
        "نوع «گروه ذی‌نفع» فقط برای رکوردهای قدیمی مانده است؛ گروه ذی‌نفع اکنون «ذی‌نفع» ثبت می‌شود، نه دستگاه",
        field="kind",
    )  # fmt: skip


async def check_new(repo: Repository, key: str, fields: Mapping[str, object]) -> None:
    """A new or changed agency is never a stakeholder group."""
    if key == "agency" and fields.get("kind") == STAKEHOLDER_GROUP:
        raise no_new_group()
