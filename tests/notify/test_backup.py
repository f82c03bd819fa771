"""Follow-up's records travel in a backup (notifications with their read marks, the sweep's mark,
digests, webhooks and deliveries): a restored registry sweeps without telling anyone anything twice."""

from __future__ import annotations

from typing import Any

from service.auth.policy import View
from service.domain.actor import Actor, Role
from service.notify import webhooks
from service.settings import Settings
from tests.conftest import GraphQL, run_on_store
from tests.trust.test_backup_and_recovery import _backup

SWEEP = "mutation { sweepNotifications { created found } }"


def test_a_restored_registry_remembers_what_it_told(demo: GraphQL, settings: Settings) -> None:
    first = demo.ok(SWEEP)["sweepNotifications"]
    assert first["created"] > 0
    demo.ok("mutation { markNotificationsRead(all: true) }")

    async def hook(store: Any) -> None:
        director = Actor("d", Role.DIRECTORATE, token_id="tk-backup")
        await webhooks.register(store, View(director), director, "http://127.0.0.1:9/hook", "ag-parks", None, allow_private=True)

    run_on_store(settings, hook)
    before = _backup(settings)
    for label in ("Notification", "SweepState", "Webhook"):
        assert any(f'"labels": ["{label}"]' in line for line in before), label

    async def wipe_and_restore(store: Any) -> Any:
        from service.registry.backup import restore_lines

        await store.wipe()
        return await restore_lines(store, before)

    run_on_store(settings, wipe_and_restore)
    assert _backup(settings) == before
    again = demo.ok(SWEEP)["sweepNotifications"]
    assert again["created"] == 0 and again["found"] == first["found"]
    assert demo.ok("{ unreadNotificationCount }")["unreadNotificationCount"] == 0  # the read marks came back too
