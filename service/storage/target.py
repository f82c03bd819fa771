"""Parse ``HAMAHANG_GRAPH_URL`` into where the store lives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


@dataclass(frozen=True)
class StoreTarget:
    """One of the three kinds of store the service can talk to."""

    kind: Literal["embedded", "falkordb", "neo4j"]
    uri: str = ""
    host: str = "localhost"
    port: int = 0
    name: str = ""  # graph (FalkorDB) or database (Neo4j); empty means the default
    user: str | None = None
    password: str | None = None


def parse_target(url: str) -> StoreTarget:
    """Read a graph URL; raise ValueError naming what is wrong."""
    if url.strip() == "embedded":
        return StoreTarget(kind="embedded")
    parts = urlsplit(url)
    name = parts.path.strip("/")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    if parts.scheme in ("falkordb", "redis"):
        return StoreTarget(
            kind="falkordb",
            host=parts.hostname or "localhost",
            port=parts.port or 6379,
            name=name,
            user=user,
            password=password,
        )
    if parts.scheme in NEO4J_SCHEMES:
        netloc = f"{parts.hostname or 'localhost'}:{parts.port or 7687}"
        return StoreTarget(
            kind="neo4j",
            uri=f"{parts.scheme}://{netloc}",
            host=parts.hostname or "localhost",
            port=parts.port or 7687,
            name=name,
            user=user,
            password=password,
        )
    raise ValueError(
        f"unknown graph URL {url!r}: use 'embedded', falkordb://host:port/graph "
        "or neo4j://user:pass@host:7687/db (also bolt://, neo4j+s://)"
    )
