"""Where a fetch that stopped early was (a page token, an `after` cursor), kept for `fetch --resume` in the user
cache folder: one file per output, none beside it (a cron job's folder stays as it was). It holds no credential."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from .client import cache_dir


def _path(output: str) -> Path:
    return cache_dir() / f"resume-{hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]}.json"


def _mark(posts: pd.DataFrame) -> str:
    """Which posts the output holds: a place kept for other posts (the file since replaced or edited) is no place
    to go on from."""
    return hashlib.sha256("\n".join(sorted(posts["post_id"].astype(str))).encode()).hexdigest()


def _run(run: dict) -> str:
    """Which fetch: a hash, as --api-base's path or query may hold a key."""
    return hashlib.sha256(json.dumps(run, sort_keys=True).encode()).hexdigest()


def load(output: str, run: dict, posts: pd.DataFrame) -> dict | None:
    """The place kept for `output` by the same fetch (`run`: source, query, options), if it still holds `posts`."""
    try:
        kept = json.loads(_path(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("run") != _run(run) or kept.get("written") != _mark(posts):
        return None
    return kept.get("cursor") if isinstance(kept.get("cursor"), dict) else None


def keep(output: str, run: dict, cursor: dict | None, posts: pd.DataFrame) -> None:
    """Keep `cursor` for the next `--resume` into `output`, which now holds `posts`; None: forget it (the fetch
    ended). OSError when the cache folder cannot be written."""
    path = _path(output)
    if cursor is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps({"run": _run(run), "written": _mark(posts), "cursor": cursor}), "utf-8")
    os.replace(temp, path)
