"""What the last fetch into an output was, for `fetch --resume`: which fetch and brands, and where it stopped
early (a page token, an `after` cursor), if it did. In the user cache folder: one file per output, none beside it
(a cron job's folder stays as it was). It holds no credential."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from ..config import Brand
from .client import cache_dir

#: a note not written for this long (an output no fetch writes any more: yesterday's dated file) is removed
STALE_DAYS = 90
#: a note's temporary file older than this is one a run killed (SIGKILL) while writing it left behind
TEMP_HOURS = 1


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
    return _run(sorted(json.dumps([b.mentions, b.exclude, b.query]) for b in brands))


def _each(brands: list[Brand]) -> list[str]:
    """`_brands` brand by brand: a fetch for fewer brands (or for all posts: none) misses no post of these. As
    stop 33 noted it (an exclude word added counted as a brand added)."""
    return sorted({_run([b.mentions, b.exclude, b.query]) for b in brands})


def _words(brands: list[Brand]) -> list[list]:
    """Each brand's words apart from its exclude phrases, and those (hashed, each alone): an exclude phrase only
    takes posts away, so a fetch whose brand had fewer of them (the same terms and query) kept every post of it."""
    return sorted([_run([b.mentions, b.query]), sorted({_run(x) for x in b.exclude})] for b in brands)


def _noted(noted: list) -> list[tuple]:
    """The (words, phrases) entries of a note's `words`, those that are none (a note edited by hand) left out."""
    return [
        (entry[0], entry[1])
        for entry in noted
        if isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[1], list)
        and all(isinstance(x, str) for x in entry[1])
    ]


def _missed(brands: list[Brand], noted: list) -> list[Brand]:
    """The `brands` a fetch for the brands `noted` (by `_words`) may have dropped posts of: none of those has their
    terms and query with only exclude phrases of theirs."""
    then = [(words, set(phrases)) for words, phrases in _noted(noted)]
    missed = []
    for brand in brands:
        words, excluded = _words([brand])[0]
        # (the last run's phrases all still there: it dropped no post this brand keeps)
        if not any(words == before and phrases <= set(excluded) for before, phrases in then):
            missed.append(brand)
    return missed


def load(output: str, run: dict, posts: pd.DataFrame, brands: list[Brand]) -> tuple[dict | None, str | None, list[str]]:
    """The place kept for `output` by the same fetch (`run`: source, query, options), if it still holds `posts`;
    and why all must be fetched again, if so, whatever the fetch: the last run kept only other brands' posts (the
    newer posts naming one of `brands` added since were dropped; not so for brands removed, or a run for all posts
    after it), or only brands' posts and this one keeps all (`brands` empty: `fetch --about`, or no brands), or was
    one such that stopped before its end (its place, if it kept one, is still where to go on from;
    but, refused, the oldest post written is no bound). (None, None) when nothing is noted for `output` as it is
    (the file edited since, or written by a version that noted nothing). Third, the brands of `brands` that have
    exclude phrases the last run's had not, and no other change: their posts already written are kept as they are
    (the phrases filter the posts fetched now; `analyze` applies them to all), not fetched again."""
    try:
        kept = json.loads(_path(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None, None, []
    if not isinstance(kept, dict) or kept.get("written") != _mark(posts):
        return None, None, []
    # (a place only in the same fetch's pages; the brands the posts were kept for whatever the options: a --since
    # moved on does not bring back the posts of a brand added)
    same = kept.get("run") == _run(run) and isinstance(kept.get("cursor"), dict)
    cursor = kept["cursor"] if same else None
    if kept.get("again") is True:
        return cursor, "the last run, fetching all again, stopped before its end", []
    noted = kept.get("brands", _brands(brands))  # (none noted: kept by a version before, used so)
    each, words = kept.get("each"), kept.get("words")
    if isinstance(words, list):  # ([]: it kept all posts)
        added = bool(_missed(brands, words)) if words else False
    elif isinstance(each, list):  # (noted by stop 33: an exclude phrase added counts as a brand added)
        added = bool(set(_each(brands)) - set(each)) if each else False
    else:  # (noted by stop 32)
        added = noted != _brands(brands)
    # (a fetch of all posts, `--about`'s, after one that kept only brands' posts: the others newer than the oldest
    # written were dropped; a brand removed, or all of them, was resumed as before)
    if not brands and (words if isinstance(words, list) else each if isinstance(each, list) else noted != _brands([])):
        return None, "the last run kept only the posts naming a brand", []
    if added:
        return None, "the brands changed since the last run", []
    same = _noted(words) if isinstance(words, list) and words else None
    stricter = [b.name for b in brands if same is not None and tuple(_words([b])[0]) not in same]
    return cursor, None, stricter


def _note(output: str, posts: pd.DataFrame) -> dict:
    """The note of the last fetch into `output`, if it still holds `posts` (else, or none noted, {})."""
    try:
        kept = json.loads(_path(output).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) and kept.get("written") == _mark(posts) else {}


def ended(output: str, posts: pd.DataFrame) -> bool:
    """Whether the last fetch into `output`, which still holds `posts`, read to its end (no fault, signal or --limit
    stopped it): a --resume after it finds nothing newer. False when not noted (a version before noted no end)."""
    return _note(output, posts).get("ended") is True


def about(output: str, posts: pd.DataFrame) -> str | None:
    """The `--about` BRAND of the last fetch into `output`, which still holds `posts` (None: none, or not noted):
    its rows hold it in their `about` column, which --resume does not read back and would write them without."""
    brand = _note(output, posts).get("about")
    return brand if isinstance(brand, str) else None


def keep(
    output: str,
    run: dict,
    cursor: dict | None,
    posts: pd.DataFrame,
    brands: list[Brand],
    *,
    again: bool = False,
    done: bool = False,
    about: str | None = None,
) -> None:
    """Note for the next `--resume` into `output`, which now holds `posts` of `brands`: the place to go on from
    (`cursor`; None: none, or the fetch ended). `again`: the posts of `brands` newer than the oldest written are
    not all there (a fetch of all again that stopped), so the next --resume goes on from `cursor` or, with none (or
    it refused), fetches all again. `done`: it read to its end (`ended`). `about`: its --about BRAND (`about`).
    OSError when the cache folder cannot be written. Notes not written for STALE_DAYS are removed, and temporary
    ones older than TEMP_HOURS (a run killed while writing one left it)."""
    path = _path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    noted = {"run": _run(run), "brands": _brands(brands), "each": _each(brands), "words": _words(brands)}
    noted["again"], noted["ended"], noted["about"] = again, done, about
    noted["written"] = _mark(posts)
    # (its own temporary file, removed on an error or a signal: two runs into one output wrote the same one)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(noted | {"cursor": cursor}))
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    now = time.time()
    for old in path.parent.glob("*resume-*"):
        # (a temporary file left by a run killed while writing its note: one writes it in milliseconds)
        stale = now - (TEMP_HOURS * 3600 if old.name.endswith(".tmp") else STALE_DAYS * 86_400)
        with contextlib.suppress(OSError):  # (removed meanwhile by another run: gone all the same)
            if old.stat().st_mtime < stale:
                old.unlink()
