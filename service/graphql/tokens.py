"""Token management in GraphQL (directorate only); the token itself is returned once."""

from typing import Any

import strawberry
from strawberry.types import Info

from service.auth import tokens
from service.auth.policy import require_role
from service.domain.actor import Role

strawberry.enum(Role, name="Role", description="directorate: everything; analyst: read and analyse; agency: its own records")
RoleEnum = Role  # strawberry.enum marks Role itself; an alias is a type to mypy


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str | None
    role: RoleEnum
    agency_id: strawberry.ID | None
    created_at: str | None
    revoked_at: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> "ApiToken":
        return ApiToken(id=row["id"], name=row.get("name"), role=Role(row["role"]), agency_id=row.get("agencyId"),
                        created_at=row.get("createdAt"), revoked_at=row.get("revokedAt"))  # fmt: skip


@strawberry.type(description="A new token: copy it now, it is never shown again")
class NewApiToken:
    token: str
    record: ApiToken


@strawberry.type
class Me:
    name: str
    role: str
    agency_id: strawberry.ID | None


async def create_api_token(info: Info, role: RoleEnum, name: str, agency_id: strawberry.ID | None = None) -> NewApiToken:
    require_role(info.context.actor, Role.DIRECTORATE)
    token, row = await tokens.create_token(info.context.repo.store, Role(role), agency_id and str(agency_id), name, info.context.actor)
    return NewApiToken(token=token, record=ApiToken.of(row))


async def revoke_api_token(info: Info, id: strawberry.ID) -> ApiToken:
    require_role(info.context.actor, Role.DIRECTORATE)
    return ApiToken.of(await tokens.revoke_token(info.context.repo.store, str(id), info.context.actor, info.context.actors))


async def api_tokens(info: Info) -> list[ApiToken]:
    require_role(info.context.actor, Role.DIRECTORATE)
    return [ApiToken.of(r) for r in await tokens.list_tokens(info.context.repo.store)]
