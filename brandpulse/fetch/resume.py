"""What the last fetch into an output was, for `fetch --resume`: which fetch and brands, and where it stopped
early (a page token, an `after` cursor), if it did. In the user cache folder: one file per output, none beside it
(a cron job's folder stays as it was). It holds no credential."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

import pandas as pd

from ..config import Brand
from .client import cache_dir

#: a note not written for this long (an output no fetch writes any more: yesterday's dated file) is removed
STALE_DAYS = 90


def _path(output: str) -> Path:
    return cache_dir() / f"resume-{hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]}.json"


def _mark(posts: pd.DataFrame) -> str:
    """Which posts the output holds: a place kept for other posts (the file since replaced or edited) is no place
    to go on from."""
    return hashlib.sha256("\n".join(sorted(posts["post_id"].astype(str))).encode()).hexdigest()


def _run(run: dict | list) -> str:
    """Which fetch: a hash, as --api-base's path or query may hold a key."""
    return hashlib.sha256(json.dumps(run, sort_keys=True).encode()).hexdigest()


def _brands(brands: list[Brand]) -> str:
    """Which posts the fetch kept: those matching one of these brands' words (their names and order do not
    matter). As stop 32 noted it."""
    return _run(sorted(json.dumps([b.terms, b.exclude, b.query]) for b in brands))


def _each(brands: list[Brand]) -> list[str]:
    """`_brands` brand by brand: a fetch for fewer brands (or for all posts: none) misses no post of these."""
    return sorted({_run([b.terms, b.exclude, b.query]) for b in brands})


def load(output: str, run: dict, posts: pd.DataFrame, brands: list[Brand]) -> tuple[dict | None, str | None]:
    """The place kept for `output` by the same fetch (`run`: source, query, options), if it still holds `posts`;
    and why all must be fetched again, if so, whatever the fetch: the last run kept only other brands' posts (the
    newer posts naming one of `brands` added since were dropped; not so for brands removed, or a run for all
    posts), or was one such that stopped before its end (its place, if it kept one, is still where to go on from;
    but, refused, the oldest post written is no bound). (None, None) when nothing is noted for `output` as it is
    (the file edited since, or written by a version that noted nothing)."""
    try:
        kept = json.loads(_path(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None, None
    if not isinstance(kept, dict) or kept.get("written") != _mark(posts):
        return None, None
    # (a place only in the same fetch's pages; the brands the posts were kept for whatever the options: a --since
    # moved on does not bring back the posts of a brand added)
    same = kept.get("run") == _run(run) and isinstance(kept.get("cursor"), dict)
    cursor = kept["cursor"] if same else None
    if kept.get("again") is True:
        return cursor, "the last run, fetching all again for other brands, stopped before its end"
    noted = kept.get("brands", _brands(brands))  # (none noted: kept by a version before, used so)
    each = kept.get("each")
    added = set(_each(brands)) - set(each) if isinstance(each, list) and each else set()  # ([]: it kept all posts)
    if added or (not isinstance(each, list) and noted != _brands(brands)):  # (no `each`: noted by stop 32)
        return None, "the brands changed since the last run"
    return cursor, None


def keep(
    output: str, run: dict, cursor: dict | None, posts: pd.DataFrame, brands: list[Brand], *, again: bool = False
) -> None:
    """Note for the next `--resume` into `output`, which now holds `posts` of `brands`: the place to go on from
    (`cursor`; None: none, or the fetch ended). `again`: the posts of `brands` newer than the oldest written are
    not all there (a fetch of all again that stopped), so the next --resume goes on from `cursor` or, with none (or
    it refused), fetches all again. OSError when the cache folder cannot be written. Notes not written for
    STALE_DAYS are removed."""
    path = _path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    noted = {"run": _run(run), "brands": _brands(brands), "each": _each(brands), "again": again}
    noted["written"] = _mark(posts)
    temp.write_text(json.dumps(noted | {"cursor": cursor}), "utf-8")
    os.replace(temp, path)
    stale = time.time() - STALE_DAYS * 86_400
    for old in path.parent.glob("resume-*"):  # (a .tmp left by a run killed while writing its note too)
        with contextlib.suppress(OSError):  # (removed meanwhile by another run: gone all the same)
            if old.stat().st_mtime < stale:
                old.unlink()
