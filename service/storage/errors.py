"""The few store failures the API knows how to explain."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store failure; ``code`` is what clients see in GraphQL ``extensions``."""

    code = "STORE_ERROR"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(StoreError):
    code = "NOT_FOUND"


class Conflict(StoreError):
    """A uniqueness constraint or an optimistic version check refused the write."""

    code = "CONFLICT"


class Unavailable(StoreError):
    code = "STORE_UNAVAILABLE"


class BadQuery(StoreError):
    """The statement itself is wrong: a bug in ``cypher/``, never the user's fault."""

    code = "BAD_QUERY"
