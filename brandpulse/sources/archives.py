"""Export archives given as a .zip, a .tar (also .tar.gz) or an unpacked folder: find the files that hold posts.

Platforms ship posts inside archives full of other data (settings, media, ads); only the
members below are read, each by the reader its content calls for.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import functools
import io
import re
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import BrandpulseError, InputError

#: path patterns (lower-case, matched against the end of the member path) of files with posts
POST_FILES = [
    "data/tweets.js",  # X/Twitter archive
    "data/tweet.js",
    "data/tweets-part*.js",
    "data/tweet-part*.js",
    "data/community-tweet.js",  # (posts in X Communities: not in tweets.js)
    "data/community-tweet-part*.js",
    "outbox.json",  # Mastodon
    "your_posts*.json",  # Facebook
    "comments/comments.json",
    "post_comments*.json",  # Instagram
    "posts.csv",  # Reddit
    "comments.csv",  # Reddit, YouTube Takeout
]
TWITTER_ACCOUNT = "data/account.js"
#: post files named as anyone's exports may be (a folder of daily files holding a `posts.csv`): the
#: platform's only when their header is its export's, else the folder or zip is one of data files
PLAIN_NAMES = ("posts.csv", "comments.csv")


#: data unpacked into memory (a zip's member, a gzipped JSON file) to more than this many times its packed size, and
#: to more than UNPACKED_FLOOR, is refused: text and JSON pack 3 to 20 times, and a "decompression bomb" of 1 MB
#: unpacked to 400 MB of JSON took 11 GB of memory
MAX_RATIO = 100
UNPACKED_FLOOR = 64 << 20


def check_unpacked(name: str, unpacked: int, packed: int) -> None:
    """An input error when `unpacked` bytes from `packed` are beyond MAX_RATIO and UNPACKED_FLOOR."""
    if unpacked > max(UNPACKED_FLOOR, MAX_RATIO * packed):
        raise InputError(
            f"{name}: unpacks to at least {unpacked / 2**20:,.0f} MB from {packed / 2**20:,.1f} MB, more than "
            f"{MAX_RATIO} times its size (a decompression bomb?); unpack it yourself if you trust it"
        )


def read_unpacked(fh, name: str, packed: int) -> bytes:
    """All of `fh` (a decompressor), refused by `check_unpacked` as soon as it is too large, before it fills memory."""
    return b"".join(_unpacked(fh, name, packed))


@contextlib.contextmanager
def spool_unpacked(fh, name: str, packed: int) -> Iterator[BinaryIO]:
    """`read_unpacked` into a temporary file (removed after), for a format read from anywhere in it (Parquet inside
    gzip): not in memory, and each seek back not unpacking it again from its start."""
    with contextlib.ExitStack() as stack:
        with room(name):
            spool = stack.enter_context(tempfile.TemporaryFile(prefix="brandpulse-unpacked-"))
        for part in _unpacked(fh, name, packed):  # (its errors are the file's: damaged)
            with room(name):
                spool.write(part)
        with room(name):
            spool.seek(0)  # (writes what is buffered)
        yield spool


@contextlib.contextmanager
def room(name: str, doing: str = "unpack it", instead: str = "unpack it yourself") -> Iterator[None]:
    """A temporary file in TMPDIR that cannot be written (a container's small /tmp full) as an error naming `name`
    and the folder: it was "No space left on device" alone, or "damaged gzip file: [Errno 28] ...", exit 4."""
    try:
        yield
    except OSError as exc:
        raise BrandpulseError(
            f"{name}: cannot {doing} to a temporary file in {tempfile.gettempdir()} ({exc.strerror or exc}): set"
            f" TMPDIR to a folder with room, or {instead}"
        ) from None


def _unpacked(fh, name: str, packed: int) -> Iterator[bytes]:
    size = 0
    while part := fh.read(1 << 20):
        size += len(part)
        check_unpacked(name, size, packed)
        yield part


def check_zip_sizes(zf: zipfile.ZipFile, archive: int) -> None:
    """`check_member` of each member of `zf` (a workbook of `archive` bytes, whose parts openpyxl unpacks)."""
    for info in zf.infolist():
        check_member(info.filename, info, archive)


def check_member(name: str, info: zipfile.ZipInfo, archive: int) -> None:
    """`check_unpacked` of a zip member by the sizes the zip says: zipfile unpacks no more than its `file_size` (and
    fails its CRC), but reads its packed bytes up to the archive's end whatever `compress_size` says, so that is taken
    as at most the `archive`'s size: a 70 KB zip saying its member of 70 MB packs to 1 MB was unpacked whole."""
    check_unpacked(name, info.file_size, min(info.compress_size, archive))


def _wanted(path: str, head: Callable[[], bytes]) -> bool:
    """Whether `path` is a platform's post file; `head` gives its first bytes, read only for `PLAIN_NAMES`."""
    lower = path.lower().replace("\\", "/")
    if not any(fnmatch.fnmatch(lower, p) or fnmatch.fnmatch(lower, "*/" + p) for p in POST_FILES):
        return False
    name = lower.rsplit("/", 1)[-1]
    return name not in PLAIN_NAMES or _export_header(head(), name)


def _export_header(data: bytes, name: str) -> bool:
    """Whether a `posts.csv` or `comments.csv` starts with the header of the platform export of that name
    (Reddit's data request, YouTube Takeout's comments)."""
    from .shapes import match_table

    first = data[:65536].decode("utf-8", "replace").removeprefix("\ufeff").splitlines()[:1]
    shape = match_table(next(csv.reader(first), []))
    return shape is not None and shape.name.lower().endswith(" " + name)


def _file_head(path: Path) -> Callable[[], bytes]:
    def head() -> bytes:  # (one that cannot be read is then read as a data file, and its error named)
        try:
            with open(path, "rb") as fh:
                return fh.read(65536)
        except OSError:
            return b""

    return head


def zip_members(data: bytes, name: str, data_file: Callable[[str], bool] = lambda n: False) -> dict[str, bytes]:
    """{member path: bytes} of the post files in a zip archive, plus X's account.js. A zip with none
    (a zip of daily CSVs) gives its data files, as a folder of them does (`data_file`: by member path)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]

            @_once  # (a `posts.csv` read for its header is not unpacked again)
            def read(member: str) -> bytes:
                check_member(f"{name}:{member}", zf.getinfo(member), len(data))
                return zf.read(member)

            return {n: read(n) for n in _pick(names, data_file, read)}
    except (zipfile.BadZipFile, OSError, zlib.error) as exc:
        raise InputError(f"{name}: damaged zip archive: {exc}") from None
    except (RuntimeError, NotImplementedError) as exc:  # a password, or Deflate64 (Windows, for large files)
        raise InputError(f"{name}: cannot read zip archive: {exc}") from None


def tar_members(data: bytes, name: str, data_file: Callable[[str], bool] = lambda n: False) -> dict[str, bytes]:
    """`zip_members` of a tar archive (`export.tar.gz`, once gunzipped)."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as tf:
            files = {m.name: m for m in tf.getmembers() if m.isfile()}

            @_once
            def read(member: str) -> bytes:
                return tf.extractfile(files[member]).read()

            # a tar ends with blocks of zeros; tarfile stops quietly where it was cut instead
            if len(data) < tf.offset + tarfile.BLOCKSIZE or data[tf.offset :].strip(b"\0"):
                raise tarfile.ReadError("it ends inside a member (the file was cut short)")
            return {n: read(n) for n in _pick(list(files), data_file, read)}
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InputError(f"{name}: damaged tar archive: {exc}") from None


def _once(read: Callable[[str], bytes]) -> Callable[[str], bytes]:
    """`read` of an archive's member, each member read at most once (the bytes kept)."""
    return functools.cache(read)


def _pick(names: list[str], data_file: Callable[[str], bool], read: Callable[[str], bytes]) -> list[str]:
    """The members to read, sorted: the post files and X's account.js, else the data files
    (`data_file` passes macOS's __MACOSX/._x.csv over); `read` gives a member's bytes."""
    names = sorted(names, key=_in_parts_order)
    wanted = [n for n in names if _wanted(n, lambda n=n: read(n)) or n.lower().endswith(TWITTER_ACCOUNT)]
    return wanted or [n for n in names if data_file(n)]


def _in_parts_order(name: str) -> tuple[str, int]:
    """A member's place in name order, a file's parts after it in their numbers' order: X's `data/tweets.js`, then
    `tweets-part1.js`, `tweets-part2.js`, ... `tweets-part10.js` (by name alone, part1 came before tweets.js, and
    part10 before part2)."""
    found = re.fullmatch(r"(?i)(.*)-part(\d+)(\.[^./]+)", name)
    return (found[1] + found[3], int(found[2])) if found else (name, 0)


def folder_members(folder: Path, data_file: Callable[[str], bool] = lambda n: False) -> dict[str, bytes]:
    """`zip_members` of an unpacked archive, or of a folder of exports: a folder without post files (of daily CSVs)
    gives its data files."""
    files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    return {n: files[n].read_bytes() for n in _pick(list(files), data_file, lambda n: _file_head(files[n])())}


def folder_has_posts(folder: Path) -> bool:
    """Whether `folder` is an unpacked platform archive (holds a known post file)."""
    return any(_wanted(p.relative_to(folder).as_posix(), _file_head(p)) for p in folder.rglob("*") if p.is_file())


def split_account(members: dict[str, bytes]) -> tuple[dict[str, bytes], bytes | None]:
    """(post files, X's account.js or None)."""
    account = next((k for k in members if k.lower().endswith(TWITTER_ACCOUNT)), None)
    return {k: v for k, v in members.items() if k != account}, members.get(account) if account else None
