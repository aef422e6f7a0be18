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
    #: -> records keyed by schema field names. An item of the document's list that is not an object is
    #: passed on as it is, in its place, so the reader rejects it at its position (`item N`) and the
    #: positions of the items after it do not shift.
    records: Callable[[object], list]
    #: a list of a response's items saved alone (`jq '.posts'`): asked only about lists, not each JSON Lines line;
    #: a JSON file of one such item is read as a list of it (`match_one`)
    items: bool = False


@dataclass(frozen=True)
class NotAPost:
    """An item of a shape's document that is not a post (an X stream's `{"delete": ...}` notice): its records
    hold it in its place, and the reader rejects it there with `reason` and the item as it was."""

    reason: str
    item: object


SHAPES: list[Shape] = []


def register(shape: Shape) -> Shape:
    SHAPES.append(shape)
    return shape


_CONTAINERS = {list, dict}  # (json.loads makes no subclasses of them)


def find(document: object) -> Shape | None:
    """The first registered shape that recognises `document`."""
    listed = isinstance(document, list)
    for shape in SHAPES:
        if shape.items and not listed:
            continue
        try:
            mine = shape.detect(document)
        except (KeyError, TypeError, AttributeError, IndexError):
            mine = False
        if mine:
            return shape
    return None


def match(document: object) -> tuple[str, list] | None:
    """(shape name, records) for the first registered shape that recognises `document`.

    Every shape holds a list or an object, or says what it is in `kind` or `type`: a flat object with none
    of them (a JSON Lines post, the most common line) is passed at once, without asking each shape."""
    if isinstance(document, dict) and not (
        "kind" in document or "type" in document or _CONTAINERS.intersection(map(type, document.values()))
    ):
        return None
    shape = find(document)
    return None if shape is None else (shape.name, shape.records(document))


def match_one(document: object) -> tuple[str, list] | None:
    """`match`, and else (shape name, records) of one item of a list saved alone (a status, a tweet, a `t3`
    thing, saved by hand from a response) as a list of it: its generic read took one of its lists (`tags`)."""
    known = match(document)
    if known is not None or not isinstance(document, dict):
        return known
    shape = find([document])
    return (shape.name, shape.records([document])) if shape is not None and shape.items else None


@dataclass(frozen=True)
class TableShape:
    """A known CSV/XLSX export recognised by its column names (normalised: `Comment Text` ->
    `comment_text`); `convert` turns the raw table into columns named by schema fields."""

    name: str
    detect: Callable[[set[str]], bool]
    convert: Callable[[object], object]  # pandas DataFrame (raw strings) -> DataFrame


TABLE_SHAPES: list[TableShape] = []


def register_table(shape: TableShape) -> TableShape:
    TABLE_SHAPES.append(shape)
    return shape


def match_table(columns: list[str]) -> TableShape | None:
    from .columns import normalize_name

    names = {normalize_name(c) for c in columns}
    return next((s for s in TABLE_SHAPES if s.detect(names)), None)
