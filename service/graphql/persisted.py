"""Automatic persisted queries (Apollo's protocol): a client sends ``extensions.persistedQuery
.sha256Hash`` alone; an unknown hash is answered ``PERSISTED_QUERY_NOT_FOUND``, and the client sends
the document once with its hash, which is checked and kept (a bounded LRU, per process)."""

import hashlib
from collections import OrderedDict
from typing import Any

from service.errors import ServiceError

MAX_DOCUMENTS = 2000


class PersistedQueryNotFound(Exception):
    """Apollo clients look for this message and code, then send the document with its hash."""


class PersistedQueries:
    def __init__(self, size: int = MAX_DOCUMENTS) -> None:
        self.size = size
        self.documents: OrderedDict[str, str] = OrderedDict()

    def resolve(self, data: dict[str, Any]) -> str | None:
        """The document to run: the body's own, or the one kept under its hash."""
        ask = (data.get("extensions") or {}).get("persistedQuery")
        query: str | None = data.get("query")
        if not isinstance(ask, dict):
            return query
        digest = ask.get("sha256Hash")
        if ask.get("version") != 1 or not isinstance(digest, str):
            raise ServiceError("PERSISTED_QUERY_INVALID", "persistedQuery needs version 1 and a sha256Hash",
                               "persistedQuery باید نسخهٔ ۱ و sha256Hash داشته باشد", field="extensions")  # fmt: skip
        digest = digest.lower()  # hex in either case: kept and looked up the same way
        if query is None:
            if digest not in self.documents:
                raise PersistedQueryNotFound()
            self.documents.move_to_end(digest)
            return self.documents[digest]
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise ServiceError("PERSISTED_QUERY_HASH_MISMATCH", "provided sha256Hash does not match the query",
                               "sha256Hash با متن درخواست نمی‌خواند", field="extensions")  # fmt: skip
        self.documents[digest] = query
        self.documents.move_to_end(digest)
        while len(self.documents) > self.size:
            self.documents.popitem(last=False)
        return query


NOT_FOUND_BODY = {
    "errors": [{
        "message": "PersistedQueryNotFound",
        "extensions": {
            "code": "PERSISTED_QUERY_NOT_FOUND",
            "messageEn": "this query hash is not known here: send the query with its hash once",
            "messageFa": "این شناسهٔ درخواست اینجا شناخته نیست؛ یک بار متن درخواست را همراه شناسه بفرستید",
        },
    }],
}  # fmt: skip
