"""Known document shapes (platform exports and saved API responses), detected by structure.

A shape turns one parsed JSON document into records keyed by schema field names
(`post_id`, `text`, `created_at`, ... as raw values); the generic value parsing then
validates them like any other source. Platform modules register their shapes here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str
    detect: Callable[[object], bool]  # a parsed JSON document -> is it mine?
    records: Callable[[object], list[dict]]  # -> records keyed by schema field names


SHAPES: list[Shape] = []


def register(shape: Shape) -> Shape:
    SHAPES.append(shape)
    return shape


def match(document: object) -> tuple[str, list[dict]] | None:
    """(shape name, records) for the first registered shape that recognises `document`."""
    for shape in SHAPES:
        try:
            mine = shape.detect(document)
        except (KeyError, TypeError, AttributeError, IndexError):
            mine = False
        if mine:
            return shape.name, shape.records(document)
    return None
