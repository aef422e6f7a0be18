"""Where a fetch that stopped early was (a page token, an `after` cursor), kept for `fetch --resume` in the user
cache folder: one file per output, none beside it (a cron job's folder stays as it was). It holds no credential."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from ..config import Brand
from .client import cache_dir


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
    matter)."""
    return _run(sorted(json.dumps([b.terms, b.exclude, b.query]) for b in brands))


def load(output: str, run: dict, posts: pd.DataFrame, brands: list[Brand]) -> tuple[dict | None, bool]:
    """The place kept for `output` by the same fetch (`run`: source, query, options), if it still holds `posts`;
    and whether one was kept for other `brands` (the pages before it kept other posts: no place to go on from)."""
    try:
        kept = json.loads(_path(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None, False
    if not isinstance(kept, dict) or kept.get("run") != _run(run) or kept.get("written") != _mark(posts):
        return None, False
    if kept.get("brands", _brands(brands)) != _brands(brands):  # (none noted: kept by a version before, used so)
        return None, True
    return (kept.get("cursor") if isinstance(kept.get("cursor"), dict) else None), False


def keep(output: str, run: dict, cursor: dict | None, posts: pd.DataFrame, brands: list[Brand]) -> None:
    """Keep `cursor` for the next `--resume` into `output`, which now holds `posts` of `brands`; None: forget it
    (the fetch ended). OSError when the cache folder cannot be written."""
    path = _path(output)
    if cursor is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(
        json.dumps({"run": _run(run), "brands": _brands(brands), "written": _mark(posts), "cursor": cursor}), "utf-8"
    )
    os.replace(temp, path)
