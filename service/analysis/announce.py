"""Telling ``analysisReady`` subscribers that a registry-wide analysis run finished.

Only runs over the whole registry are announced: those of the directorate and analysts (GraphQL,
downloads, pictures), through the request's Repository and so the app's event hub. An agency's
own-view run (its win-win opportunities on the portal) is not a result of the registry's analysis,
and the CLI and notebooks run without a hub: nobody in their process listens.
"""

from __future__ import annotations

from service.domain.actor import Role
from service.registry.clock import now_iso
from service.registry.events import Event
from service.registry.repository import Repository
from service.storage.port import GraphStore

ANALYSTS = (Role.DIRECTORATE, Role.ANALYST)


def announce(source: GraphStore | Repository, name: str, findings: int) -> None:
    """Publish ``Event("analysis", "ready", …)`` for a whole-registry run of ``name``."""
    if not isinstance(source, Repository):
        return
    actor = source.actor
    if actor is not None and actor.role not in ANALYSTS:
        return
    row = {"name": name, "findings": findings, "finishedAt": now_iso(), "by": actor.name if actor else "service"}
    source.publish(Event("analysis", "ready", row))
