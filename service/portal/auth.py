"""Who is signed in to the portal, and the error pages every portal route falls back to.

Only agency tokens may sign in: the portal's pages are one agency's view (its dashboard, its
forms); the directorate and analysts keep GraphQL and are told so on the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from service.api.deps import get_events
from service.domain.actor import Actor, Role
from service.errors import ServiceError, from_store
from service.portal import session as s
from service.portal.i18n import name_of, t
from service.portal.render import lang_of, render
from service.registry.repository import Repository
from service.registry.specs import AGENCY
from service.storage.errors import StoreError
from service.storage.port import Row


@dataclass
class Session:
    """A verified portal session: the actor (always an agency), its agency and the CSRF token."""

    actor: Actor
    agency: Row
    nonce: str
    key: bytes
    repo: Repository

    @property
    def csrf(self) -> str:
        return s.csrf_token(self.key, self.nonce)

    def context(self, request: Request) -> dict[str, Any]:
        """What every signed-in page shows in its header."""
        return {"actor": self.actor, "agency_name": name_of(lang_of(request), self.agency, ""), "csrf": self.csrf}

    def csrf_ok(self, presented: object) -> bool:
        return s.csrf_ok(self.key, self.nonce, presented)


async def current_session(request: Request) -> Session | None:
    """The session behind the cookie, re-checked against the live token on every request."""
    key = s.secret_of(request)
    data = s.unseal(key, s.PORTAL, request.cookies.get(s.SESSION_COOKIE))
    if data is None:
        return None
    store = request.app.state.runtime.store
    actor = await s.actor_for_digest(store, str(data["d"]))
    if actor is None or actor.role != Role.AGENCY or not actor.agency_id:
        return None
    repo = Repository(store, actor, request.app.state.settings.shared_with_agencies, get_events(request))
    agency = (await repo.get_many(AGENCY, [actor.agency_id])).get(actor.agency_id)
    if agency is None:
        return None
    return Session(actor, agency, str(data["n"]), key, repo)


def error_page(request: Request, status: int, message: str, title_key: str = "error") -> Response:
    return render(request, "error.html", {"title": t(lang_of(request), title_key), "message": message}, status=status)


def service_error_page(request: Request, exc: ServiceError) -> Response:
    lang = lang_of(request)
    title = {403: "forbidden", 404: "not_found"}.get(exc.status, "error")
    return error_page(request, exc.status, exc.message_en if lang == "en" else exc.message_fa, title)


class PortalRoute(APIRoute):
    """Portal routes answer errors with a page in the reader's language, never with JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except ServiceError as exc:
                return service_error_page(request, exc)
            except StoreError as exc:
                return service_error_page(request, from_store(exc))

        return handler
