"""Export archives given as a .zip or an unpacked folder: find the files that hold posts.

Platforms ship posts inside archives full of other data (settings, media, ads); only the
members below are read, each by the reader its content calls for.
"""

from __future__ import annotations

import fnmatch
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError

#: path patterns (lower-case, matched against the end of the member path) of files with posts
POST_FILES = [
    "data/tweets.js",  # X/Twitter archive
    "data/tweet.js",
    "data/tweets-part*.js",
    "data/tweet-part*.js",
    "outbox.json",  # Mastodon
    "your_posts*.json",  # Facebook
    "comments/comments.json",
    "post_comments*.json",  # Instagram
    "posts.csv",  # Reddit
    "comments.csv",  # Reddit, YouTube Takeout
]
TWITTER_ACCOUNT = "data/account.js"


def _wanted(path: str) -> bool:
    lower = path.lower().replace("\\", "/")
    return any(fnmatch.fnmatch(lower, p) or fnmatch.fnmatch(lower, "*/" + p) for p in POST_FILES)


def zip_members(data: bytes, name: str, data_file: Callable[[str], bool] = lambda n: False) -> dict[str, bytes]:
    """{member path: bytes} of the post files in a zip archive, plus X's account.js. A zip with none
    (a zip of daily CSVs) gives its data files, as a folder of them does (`data_file`: by member path)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = sorted(n for n in zf.namelist() if not n.endswith("/"))
            wanted = [n for n in names if _wanted(n) or n.lower().endswith(TWITTER_ACCOUNT)]
            if not wanted:
                wanted = [n for n in names if data_file(n)]  # (`data_file` passes macOS's __MACOSX/._x.csv over)
            return {n: zf.read(n) for n in wanted}
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{name}: damaged zip archive: {exc}") from None


def folder_members(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if _wanted(rel) or rel.lower().endswith(TWITTER_ACCOUNT):
            found[rel] = path.read_bytes()
    return found


def folder_has_posts(folder: Path) -> bool:
    """Whether `folder` is an unpacked platform archive (holds a known post file)."""
    return any(_wanted(p.relative_to(folder).as_posix()) for p in folder.rglob("*") if p.is_file())


def split_account(members: dict[str, bytes]) -> tuple[dict[str, bytes], bytes | None]:
    """(post files, X's account.js or None)."""
    account = next((k for k in members if k.lower().endswith(TWITTER_ACCOUNT)), None)
    return {k: v for k, v in members.items() if k != account}, members.get(account) if account else None
