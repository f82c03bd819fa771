"""Turn driver values (nodes, relationships, ordered maps) into plain Python values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def plain(value: Any) -> Any:
    """Recursively convert a FalkorDB or Neo4j value into dicts, lists and scalars."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    # before the Mapping test: the driver's Node and Relationship are Mappings of their properties,
    # and read as plain maps they lost their labels and type
    labels = getattr(value, "labels", None)
    if labels is not None:  # a node (FalkorDB Node or neo4j.graph.Node)
        props = getattr(value, "properties", None)
        props = props if props is not None else dict(value.items())
        return {"_labels": sorted(labels), **{k: plain(v) for k, v in props.items()}}
    rel_type = getattr(value, "relation", None) or getattr(value, "type", None)
    if rel_type is not None:  # a relationship
        props = getattr(value, "properties", None)
        props = props if props is not None else dict(value.items())
        return {"_type": rel_type, **{k: plain(v) for k, v in props.items()}}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)  # neo4j temporal types
    if callable(iso):
        return iso()
    return value
