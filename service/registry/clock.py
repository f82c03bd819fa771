"""App-made ids and timestamps: passed to Cypher as parameters, so both backends agree."""

from __future__ import annotations

import datetime as dt
import secrets
import time


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def today_iso() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def new_id(prefix: str) -> str:
    """Roughly time-ordered and unguessable: ``ag-018f3a2b9c4d-1f2e3d4c``."""
    return f"{prefix}-{int(time.time() * 1000):012x}-{secrets.token_hex(4)}"
