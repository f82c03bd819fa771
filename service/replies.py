"""JSON replies with orjson: Persian as UTF-8 (``json.dumps`` escaped it as ``\\uXXXX``, twice the
bytes: 34 KB against 16.5 KB for an agency page) and several times faster to encode.

Used by ``POST /graphql``, the GraphQL router (``GET``), and every REST route that returns data
(the app's default response class) and its error handlers. What orjson refuses (an integer past
64 bits) falls back to ``json.dumps`` with the same output form, so no reply fails for it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from fastapi.responses import JSONResponse

OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON."""
    try:
        return orjson.dumps(data, option=OPTIONS)
    except TypeError:  # orjson.JSONEncodeError: e.g. an int beyond 64 bits
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


class JSONReply(JSONResponse):
    """FastAPI's/Starlette's JSONResponse, encoded by ``dumps``."""

    def render(self, content: Any) -> bytes:
        return dumps(content)
