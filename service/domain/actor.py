"""Who is acting: carried from the request into every use case (tokens come with Trust)."""

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    DIRECTORATE = "directorate"
    ANALYST = "analyst"
    AGENCY = "agency"


@dataclass(frozen=True)
class Actor:
    """``name`` is a display label (every CLI agency token is called "agency"); ``token_id`` is what
    identifies the caller, e.g. to scope idempotency keys. None: not a token (the CLI, the service)."""

    name: str
    role: Role
    agency_id: str | None = None
    token_id: str | None = None


DEVELOPMENT_ACTOR = Actor(name="development", role=Role.DIRECTORATE)
