"""A short-lived memory of which actor a token digest stands for.

Without it every request spends one store read (a third of a lookup's time) on its token. Tokens
are only ever created or revoked, never changed, so the one thing a cache can get wrong is a
revocation: a revocation made through this process forgets everything at once; one made elsewhere
(the CLI, another worker) takes effect within ``ttl_s`` seconds. ``ttl_s = 0`` turns it off.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from service.domain.actor import Actor


class ActorCache:
    """Digest → actor for ``ttl_s`` seconds, at most ``size`` entries (oldest dropped first).

    Owned by the app's lifespan (``app.state.actors``); unknown and revoked tokens are not cached,
    so a token created a moment ago works at once."""

    def __init__(self, ttl_s: float, size: int = 4096) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._entries: OrderedDict[str, tuple[float, Actor]] = OrderedDict()

    def get(self, token_digest: str) -> Actor | None:
        entry = self._entries.get(token_digest)
        if entry is None:
            return None
        expires, actor = entry
        if expires <= time.monotonic():
            del self._entries[token_digest]
            return None
        return actor

    def put(self, token_digest: str, actor: Actor) -> None:
        if self.ttl_s <= 0:
            return
        self._entries[token_digest] = (time.monotonic() + self.ttl_s, actor)
        self._entries.move_to_end(token_digest)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def forget_all(self) -> None:
        """After a revocation: the revoked token's digest is not known here (only its id), so all go."""
        self._entries.clear()
