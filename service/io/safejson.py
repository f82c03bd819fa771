"""JSON from outside (GraphQL bodies, imports, FtM lines), read so that no document can crash a reader.

``json.loads`` accepts ``NaN`` and ``Infinity`` (not JSON: RFC 8259) and raises ``RecursionError``
on deep nesting (100k ``[`` took the service to a 500); every later reader of a very deep value
(GraphQL coercion, pydantic, ``repr``) recurses too. Here both are a ``JsonRefused`` naming the cause.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64  # no input of this registry nests deeper than a handful of levels


class JsonRefused(ValueError):
    """Not JSON this service reads; ``message_fa`` says why in Persian, ``str()`` in English."""

    def __init__(self, message_en: str, message_fa: str, syntax: bool = False) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_fa = message_fa
        self.syntax = syntax  # not JSON at all (undecodable or malformed), rather than JSON refused


def _no_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a JSON number (send a finite number)", f"{name} عدد JSON نیست (عددی متناهی بفرستید)")


def depth(value: Any) -> int:
    """How deep lists and objects nest (a scalar is 0), walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def too_deep(max_depth: int) -> JsonRefused:
    return JsonRefused(f"JSON nested too deep (more than {max_depth} levels)",
                       f"JSON بیش از اندازه تودرتو است (بیش از {max_depth} سطح)")  # fmt: skip


def loads(data: bytes | str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse UTF-8 JSON; refuse undecodable bytes, syntax errors, NaN/Infinity and nesting past ``max_depth``."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonRefused(f"not UTF-8 text: {exc}", "متن با کدگذاری UTF-8 نیست", syntax=True) from None
    try:
        value = json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise too_deep(max_depth) from None
    except JsonRefused:
        raise
    except ValueError as exc:
        raise JsonRefused(f"not JSON: {exc}", "JSON خوانا نیست", syntax=True) from None
    if depth(value) > max_depth:
        raise too_deep(max_depth)
    return value
