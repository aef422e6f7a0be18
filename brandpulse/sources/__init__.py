"""Loading posts from files and stdin into the canonical schema.

`read()` returns the posts and the rejected records (with file and position);
`load()` is the notebook-friendly form that returns only the posts.
"""

from __future__ import annotations

import bz2
import csv
import dataclasses
import glob
import gzip
import io
import lzma
import os
import sys
import tempfile
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, compress, islice
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from ..errors import ConfigError, InputError, UsageError
from ..output.writers import own_header, restore_formulas
from ..schema import (
    ABOUT_FIELDS,
    COUNT_COLUMNS,
    ENRICHED_COLUMNS,
    PLACE,
    POST_COLUMNS,
    REPLY_FIELDS,
    STRING,
    TIMESTAMP,
    VERSION_FIELDS,
    check_frame,
    conform,
    empty_posts,
    refuse,
    reserved,
    rows_where,
)
from . import archives, platforms  # noqa: F401  (platforms: registers the known shapes)
from .columns import (
    ALIASES,
    UNSURE_COUNTS,
    UNSURE_PLATFORMS,
    UNSURE_TIMES,
    check_kept,
    normalize_name,
    other_spellings,
    resolve_columns,
    spellings,
    time_of_day_column,
    zoned_time,
    zoned_time_of_day,
)
from .files import (
    READERS,
    Raw,
    arrow_raw,
    csv_header,
    dump_json,
    iter_csv,
    iter_jsonl,
    json_numbers,
    read_xlsx,
    sniff_format,
)
from .platforms import composed_reposts
from .platforms.listening import IMPRESSIONS, POST_METRICS, composed_id, composed_text
from .platforms.reviews import (
    REVIEW_COLUMNS,
    STARS,
    app_versions,
    google_translations,
    owner_replies,
    reply_columns,
    unread_field,
    version_columns,
)
from .shapes import match_table
from .text import binary, decode, decoded_as, given_encoding
from .values import (
    DATE_ORDERS,
    add_long_clocks,
    date_note,
    dates_only,
    flag_rows,
    gone_text,
    in_zone,
    long_clocks,
    no_text,
    no_value_markers,
    other_day_note,
    parse_counts,
    parse_timestamps,
    read_field,
    to_posts,
    with_time_of_day,
    zoneless,
)

REJECT_COLUMNS = ["source", "position", "reason", "record"]
#: read in chunks, records held at most (this many chunks) until the lines after say how to read them
HELD_CHUNKS = 10


@dataclass
class Loaded:
    """What `read()` returns: the canonical posts, the records it rejected (with where and why), how
    many records it read, and which source column it took for each schema field."""

    posts: pd.DataFrame
    rejects: pd.DataFrame  # source, position, reason, record
    rows_read: int
    columns: dict[str, str]  # schema field -> source column
    note: str = ""
    #: what its dates showed (`to_posts`' `seen`), which `note` tells of
    dates: dict = dataclasses.field(default_factory=dict)

    @property
    def warning(self) -> str:
        """What the user is to be told even with -q: a `Time` column beside dates only taken for durations (two
        distinct values such as 31:30 and 125:00:00, or 45 min and 90m), its times not read
        (`values.add_long_clocks`); a `Rating` column of no star rating (`PG-13`), not read (`_no_ratings`)."""
        return dates_warning(self.dates)


def dates_warning(dates: dict) -> str:
    """`Loaded.warning` of what a file's dates showed (`Loaded.dates`), and of its rows with text lost in decoding."""
    said = ("" if "timed" in dates else dates.get("durations", ""), dates.get("no_ratings") or "", _undecoded(dates))
    said += (dates.get("cut", ""),)  # (a compressed file cut short: `Cut`)
    # (a folder's archives, old exports zipped beside the daily files: read(folder) left them out without a word)
    said += tuple(f"{shown_name(p)}: {ARCHIVE_SKIPPED}" for p in dates.get("skipped", ()))
    if dates.get("nuls"):  # (NUL bytes carry no text: a disk's padding after a crash, what was after them lost?)
        from ..output.terminal import counted

        first = f", the first on line {dates['nul_line']:,}" if dates.get("nul_line") else ""
        why = "a disk's padding after a crash? the file may be cut"
        said += (f"{counted(dates['nuls'], 'NUL byte')} dropped{first} ({why})",)
    return "; ".join(x for x in said if x)


def _undecoded(dates: dict) -> str:
    """The warning of a file's rows holding U+FFFD (`count_undecoded`), with the first ones' places."""
    if "undecoded" not in dates:
        return ""
    from ..output.terminal import counted

    count, first = dates["undecoded"]
    more = ", ..." if count > len(first) else ""
    if dates.get("undecoded_utf8"):  # (Parquet: its text is UTF-8, which no --encoding changes)
        return (
            f"{counted(count, 'row')} held bytes that are not UTF-8, read as U+FFFD ({', '.join(first)}{more}): "
            "kept (Parquet's text is UTF-8: the program that wrote the file wrote them)"
        )
    return (
        f"{counted(count, 'row')} held bytes its encoding cannot decode, read as U+FFFD ({', '.join(first)}"
        f"{more}): kept; --encoding NAME reads the file in another one"
    )


def _holds_fffd(data) -> bool:
    """Whether the bytes `data` (an Arrow buffer, or None) hold U+FFFD in UTF-8 (EF BF BD)."""
    if data is None:
        return False
    b = np.frombuffer(data, np.uint8)
    at = np.flatnonzero(b[:-2] == 0xEF)
    return bool(((b[at + 1] == 0xBF) & (b[at + 2] == 0xBD)).any())


def count_undecoded(raw: Raw, dates: dict, utf8: bool = False) -> None:
    """Count in `dates` (a file's, over its chunks) the records of `raw` holding U+FFFD, which a byte the file's
    encoding (given with --encoding, or detected) cannot decode becomes: they were kept without a word, and the
    analyst never learnt that some text was lost. None where decoding made none (`Raw.lossless`: UTF-8, or no more
    than the bytes write): a U+FFFD the file holds is its own, lost before it, and --encoding cannot bring it back
    (in a block of 1 MiB where decoding made one, the file's own are counted too). `utf8`: a Parquet file's, whose
    text is UTF-8 whatever --encoding says, and whose records replaced are known (`Raw.replaced`): those alone."""
    if raw.lossless or (raw.replaced is not None and not raw.replaced.any()):
        return
    import pyarrow as pa
    import pyarrow.compute as pc

    hit = raw.replaced
    for name in raw.records.columns if hit is None else ():
        column = raw.records[name]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            arr = pa.chunked_array(pa.array(column.astype(STRING).array))
            # (its bytes looked at first, in numpy: Arrow's match_substring took 0.1 s for 200,000 texts, this 0.015)
            if not any(_holds_fffd(c.buffers()[2]) for c in arr.chunks):
                continue
            found = pc.fill_null(pc.match_substring(arr, "\ufffd"), False).to_numpy()
            hit = found if hit is None else hit | found
    if hit is None or not hit.any():
        return
    count, first = dates.get("undecoded", (0, ()))
    places = tuple(str(p) for p in raw.positions[hit][: 3 - len(first)]) if len(first) < 3 else ()
    dates["undecoded"] = (count + int(hit.sum()), first + places)  # (a new tuple: `_in_date_order` copies `dates`)
    if utf8:
        dates["undecoded_utf8"] = True


def shown_name(source: str | Path) -> str:
    """The name messages and rejects give a source: `<stdin>` for `-`; a name the file system gave in bytes
    Python could not decode (`café` under `LC_ALL=C PYTHONUTF8=0`) as its UTF-8, else with U+FFFD for them,
    as the rejects file has it (messages showed `caf\\udcc3\\udca9.csv` above a reject of `caf\\xe9.csv`)."""
    name = "<stdin>" if str(source) == "-" else str(source)
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # half a surrogate pair no file system gave (an API's error, as JSON has it)
        return name.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


#: formats whose header may have title rows above it: found by its text column (`--map text=` names one too)
HEADED = ("csv", "tsv", "xlsx")
#: the files a folder of exports stands for (also compressed: `posts.csv.gz`, `.bz2`, `.xz`)
DATA_SUFFIXES = (".csv", ".tsv", ".tab", ".json", ".jsonl", ".ndjson", ".parquet", ".pq", ".xlsx")
#: archives read inside a zip or tar as its data files are (`exports.zip` of `week1.zip`, ...), one level deep
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz")
#: the warning of an archive a folder of data files holds (`expand_inputs`' `skipped`, the CLI's and `read`'s)
ARCHIVE_SKIPPED = "an archive in a folder is not read (give it as FILE)"


def expand_inputs(sources: Iterable[str], skipped: list[str] | None = None) -> list[str]:
    """FILES as the commands read them: a folder that is not a platform archive (no `data/tweets.js`,
    `outbox.json`, ...) stands for the data files under it, sorted (`exports/` of daily CSVs); a
    quoted glob that names no file for the files it matches. Other paths and `-` stay as given; a path
    that does not exist is an error here, before any file is read. `skipped` gets the archives in those
    folders, which are not read (old exports zipped beside the daily files), for a warning."""
    out: list[str] = []
    for src in map(str, sources):
        path = Path(src)
        if src == "-":
            out.append(src)
            continue
        if not os.path.lexists(src) and glob.has_magic(src):
            found = sorted(p for p in glob.glob(src) if os.path.isfile(p) and not Path(p).name.startswith("~$"))
            if not found:
                raise InputError(f"{src}: no file matches")
            out += found
            continue
        check_path(src)  # before any work: ingest had stored the files before it
        if path.is_dir() and not archives.folder_has_posts(path):
            found = data_files(path)
            if skipped is not None:
                skipped += data_files(path, ARCHIVE_SUFFIXES)
            if not found:
                shown = ", ".join(DATA_SUFFIXES)
                raise InputError(f"{src}: no data files in this folder ({shown}, also .gz, .bz2, .xz)")
            out += found
        else:
            out.append(src)
    if out.count("-") > 1:  # the second would read nothing: stdin is read once
        raise UsageError("`-` (stdin) given more than once")
    return out


def check_path(src: str) -> None:
    """A path the system refuses as an input error naming it: a name too long, a link loop, a file where
    a folder should be, a folder it may not enter (`Path.is_dir()` raised some of these: exit 1)."""
    try:
        os.stat(src)
    except FileNotFoundError:
        raise InputError(f"{src}: no such file") from None
    except OSError as exc:
        raise InputError(f"{src}: cannot read: {exc.strerror or exc}") from None


def is_data_file(path: str, suffixes: tuple[str, ...] = DATA_SUFFIXES) -> bool:
    """A file a folder (or zip) of exports stands for, by its path inside: a data file, also compressed;
    not hidden, not in a hidden folder (`.ipynb_checkpoints/posts-checkpoint.csv` is a copy), not an
    Office lock file (`~$posts.xlsx`, there while the workbook is open)."""
    parts = path.replace("\\", "/").split("/")
    return _inner_name(parts[-1].lower()).endswith(suffixes) and not any(p.startswith((".", "~$")) for p in parts)


def data_files(folder: Path, suffixes: tuple[str, ...] = DATA_SUFFIXES) -> list[str]:
    """The data files under `folder`, sorted (see `is_data_file`)."""
    return sorted(
        str(p) for p in folder.rglob("*") if p.is_file() and is_data_file(p.relative_to(folder).as_posix(), suffixes)
    )


def read_bytes(source: str | Path) -> tuple[bytes, str]:
    """The bytes of a file or of stdin (`-`), and the name to report them under."""
    if str(source) == "-":  # (its bytes; a stdin of text only, as a notebook's, as UTF-8)
        tell_typing()
        return _read_stream(sys.stdin)[0], shown_name(source)
    path = Path(source)
    try:
        return path.read_bytes(), str(source)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror}") from None


def tell_typing() -> None:
    """Before stdin is read from a terminal: a line saying so and how to end, as `python` and `sqlite3` do (it
    waited without a word, as if stuck). Not for a pipe or file, nor when stderr is not a terminal either."""
    if sys.stdin.isatty() and sys.stderr is not None and sys.stderr.isatty():
        end = "Ctrl-Z, Enter" if os.name == "nt" else "Ctrl-D"
        print(f"brandpulse: reading posts from stdin (end with {end})", file=sys.stderr, flush=True)


def read(
    source: str | Path | IO,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    keep: tuple[str, ...] | str = (),
    date_order: str | None = None,
    fields: tuple[str, ...] | str | None = None,
    input_tz: str | None = None,
    encoding: str | None = None,
) -> Loaded:
    """Read posts from a CSV/TSV/JSON/JSONL/Parquet/XLSX/RSS file, `-` (stdin), or an export
    archive (.zip or unpacked folder) whose post files are found by name (else its data files: a folder of daily
    CSVs, as the CLI reads it); a glob of files, as the CLI takes it (`"dk/*.csv"`: each file read as itself, their
    posts and rejects together, `Loaded.note` naming each); or an open file (binary or
    text: `open(...)`, `io.BytesIO`, `sys.stdin`), read from where it stands, its format told by its
    `name` or else by its content. `format`: csv, tsv, json, jsonl, parquet, xlsx or feed, not guessed;
    `mapping`: {schema field: source column}, as `--map`; `keep`: source columns kept as they are after the
    schema's (a label column); `date_order`: "dmy" or "mdy", as `--date-order`; `input_tz`: the zone of times written
    without one (an IANA name; None: UTC), as `--input-tz`. `fields`: only these schema
    fields are read (the others stay empty), so other columns cannot reject a row; `text` is always read.
    A DataFrame is read as `read_frame` reads it: as its CSV would be, with `mapping`, `date_order` and `fields`;
    its columns named as the schema's fields or by `mapping`, its other columns kept (so no `keep`, nor `format`).
    `encoding`: the text files' encoding (a Python codec name, as `--encoding`), not detected; a byte it cannot
    decode reads as U+FFFD."""
    if encoding is not None and not isinstance(source, pd.DataFrame):
        with given_encoding(encoding):
            return read(
                source,
                format=format,
                mapping=mapping,
                keep=keep,
                date_order=date_order,
                fields=fields,
                input_tz=input_tz,
            )
    if isinstance(source, pd.DataFrame):
        return _read_frame(
            source,
            "read",
            format=format,
            keep=keep,
            mapping=mapping,
            date_order=date_order,
            fields=fields,
            input_tz=input_tz,
        )
    _check_source(source, "read")
    check_options(mapping, date_order, input_tz, fields)
    keep, source = _names(keep), _home(source)
    if fields is not None:
        fields = tuple(dict.fromkeys(("text", *_names(fields))))
    if hasattr(source, "read"):
        if getattr(source, "closed", False):  # (Python's "read of closed file" named neither the file nor the fix)
            raise InputError(
                f"{shown_name(getattr(source, 'name', '<stream>'))}: the file is closed: read it while it is open "
                "(inside its `with` block), or give its name"
            )
        data, name = _read_stream(source)
        return _read_bytes(data, name, format, mapping, keep, date_order, fields=fields, input_tz=input_tz)
    if str(source) != "-" and not os.path.lexists(source) and glob.has_magic(str(source)):
        # a glob, as the CLI takes it (`dk/*.csv`): the files it matches, each read as itself, their posts together
        options = dict(
            format=format, mapping=mapping, keep=keep, date_order=date_order, fields=fields, input_tz=input_tz
        )
        files = expand_inputs([str(source)])
        return _together({f: read(f, **options) for f in files}) if len(files) > 1 else read(files[0], **options)
    if str(source) != "-" and os.path.isdir(source):  # (not Path.is_dir: it raises for a name too long)
        # a folder without post files: its data files, as the CLI reads it (it was "no post files found"); a file
        # the system refuses named as the CLI names it (was an OSError naming it, or none: exit 1)
        try:
            members = archives.folder_members(Path(source), is_data_file)
        except OSError as exc:
            raise InputError(f"{exc.filename or source}: cannot read: {exc.strerror or exc}") from None
        loaded = _read_archive(
            members, str(source), mapping, keep, date_order, fields=fields, input_tz=input_tz, folder=True
        )
        if not archives.folder_has_posts(Path(source)):  # (the CLI warns of them as it expands the folder)
            loaded.dates["skipped"] = data_files(Path(source), ARCHIVE_SUFFIXES)
        return loaded
    data, name = read_bytes(source)
    return _read_bytes(data, name, format, mapping, keep, date_order, fields=fields, input_tz=input_tz)


def check_options(
    mapping: dict[str, str] | None, date_order: str | None, input_tz: str | None = None, fields=None
) -> None:
    """`mapping` keys and `fields` are schema fields, `date_order` is dmy or mdy and `input_tz` a time zone: from
    Python, a mapping the wrong way round or a misspelt field was left unused (its column not read), `fields=["nope"]`
    read the text alone, and `date_order="DMY"` was ignored."""
    if mapping is not None and not isinstance(mapping, Mapping):  # (a list of pairs: "list indices must be ...")
        raise TypeError(
            f"mapping must be a dict {{field: column}}, such as {{'text': 'Body'}}, not {type(mapping).__name__}"
        )
    for field in mapping or {}:
        if field not in POST_COLUMNS and field not in ABOUT_FIELDS:  # (`about`: each row's place, `from_raw`)
            raise ConfigError(
                f"mapping {{{field!r}: {mapping[field]!r}}}: unknown field {field!r}; a mapping is "
                f"{{field: column}} (fields: {', '.join([*POST_COLUMNS, *ABOUT_FIELDS])})"
            )
    for field in _names(fields or ()):
        if field not in POST_COLUMNS:
            raise ConfigError(f"fields {field!r}: unknown field (fields: {', '.join(POST_COLUMNS)})")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ConfigError(f"date_order {date_order!r}: expected one of {', '.join(map(repr, DATE_ORDERS))} or None")
    if input_tz is not None:
        from ..config import zone

        zone(input_tz, "input_tz")


def check_columns(
    sources: Iterable[str | Path],
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    keep: tuple[str, ...] | str = (),
    date_order: str | None = None,
    first: bool = False,
) -> None:
    """Before any of `sources` is read: the columns of each file after the first (of each, with `first`) whose
    header can be read alone (CSV/TSV, also compressed; Parquet; XLSX; JSON and JSON Lines of up to a megabyte, read)
    are mapped as `read` maps them, raising its InputError for a `mapping` naming a column the file lacks, a `keep`
    column it lacks or no text column. Several files are read, analyzed and written (or stored) one after the other:
    the second file's bad `--map` stopped the run after the first's posts were out. Larger JSON, stdin and archives
    are checked as they are read."""
    check_options(mapping, date_order)
    keep = _names(keep)
    for source in list(sources)[0 if first else 1 :]:
        for size in (1 << 16, 1 << 20):  # most headers are in the top 64 KiB; `read` finds it in the top megabyte
            header = _header(_home(source), format, size, (mapping or {}).get("text"))
            if header is None:
                break
            raw, fmt, partial = header  # partial: a CSV's top `size` bytes, not yet what `read` sees
            try:
                if raw is not None:
                    from_raw(raw, shown_name(source), fmt, mapping, keep, date_order)
                    break
            except InputError:
                if not partial:
                    raise
            if not partial:
                break


def _header(
    source: str | Path, format: str | None, size: int, text_column: str | None = None
) -> tuple[Raw | None, str, bool] | None:
    """(the columns as a Raw of no records (a small JSON file's: all of them), the format, whether they are a CSV's
    from fewer bytes than `read` takes them from) of a file whose header can be read without its records (or
    whose records are few); None for other inputs, and for
    files whose read will fail and say why. A CSV's Raw is None when its top `size` bytes (cut at a line)
    hold no whole header; from the top megabyte, it is what `read` finds there."""
    path = Path(source)
    if str(source) == "-" or not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
            packed = compression(head)
            plain = packed is None
            if not plain:
                fh.seek(0)
                with packed[1](fh) as inner:
                    head = inner.read(size)
            fmt = format or sniff_format(head, _inner_name(path.name))
            cut = len(head) == size
            if fmt in ("csv", "tsv"):
                whole = not cut or size >= 1 << 20  # (read_csv's layout is that of the top megabyte too)
                header = csv_header(head, "\t" if fmt == "tsv" else None, whole, text_column)
                return header, fmt, cut and size < 1 << 20
            if fmt == "parquet" and plain:
                import pyarrow.parquet as pq

                return arrow_raw(pq.read_schema(fh).empty_table()), fmt, False  # (fh: a name not UTF-8 too)
            if fmt == "xlsx" and plain:
                return read_xlsx(head + fh.read(), header_only=True, text_column=text_column), fmt, False
            if fmt in ("json", "jsonl"):  # (its columns are its records' keys: a file of up to a megabyte, read)
                if cut:
                    return (None, fmt, True) if size < 1 << 20 else None
                return READERS[fmt](head), fmt, False
    except Exception:  # (a damaged file: its read reports it, after the files before it)
        return None
    return None


def _home(source):
    """`~/exports/posts.csv` from Python (no shell to expand it, pandas does): the file in the home folder."""
    return Path(source).expanduser() if isinstance(source, (str, Path)) and str(source).startswith("~") else source


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    """Column or field names given from Python: one name as a string (`keep="score"`; iterated, it was
    the columns 's', 'c', ... and `fields="likes"` read no field but the text), or several."""
    return (value,) if isinstance(value, str) else tuple(value)


def _read_stream(fh: IO) -> tuple[bytes, str]:
    """The bytes of an open file (a text file's underlying bytes when it has them, as `sys.stdin`; else its
    text as UTF-8), and the name to report them under: its `name` when it is a path, else `<stream>`."""
    name = getattr(fh, "name", None)
    name = "<stdin>" if fh is sys.stdin else str(name) if isinstance(name, (str, Path)) else "<stream>"
    data = (getattr(fh, "buffer", None) or fh).read()
    return (data.encode("utf-8") if isinstance(data, str) else bytes(data)), name


#: compressed files, by their first bytes: read as their content (`posts.csv.gz`, `.bz2`, `.xz`), streamed
COMPRESSIONS = {
    b"\x1f\x8b": ("gzip", lambda fh: gzip.GzipFile(fileobj=fh)),
    b"BZh": ("bzip2", bz2.BZ2File),
    b"\xfd7zXZ\x00": ("xz", lzma.LZMAFile),
}
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
#: what a damaged or cut compressed file raises, by module
DECOMPRESS_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError)


def compression(head: bytes) -> tuple[str, Callable] | None:
    """(name, opener of a binary file) of compressed bytes by their magic, else None. bzip2's `BZh` is
    followed by the block size (1-9) and a block's or the end's magic, so a CSV header `BZh...` stays a CSV."""
    for magic, found in COMPRESSIONS.items():
        if head.startswith(magic) and (magic != b"BZh" or _bzip2(head)):
            return found
    return None


def _bzip2(head: bytes) -> bool:
    return len(head) >= 10 and head[3] in b"123456789" and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90")


#: compressions the standard library does not read, by their first bytes
UNREAD = {
    b"\x28\xb5\x2f\xfd": "zstd",
    b"\x04\x22\x4d\x18": "lz4",
    b"7z\xbc\xaf\x27\x1c": "7-Zip",
    b"Rar!\x1a\x07": "RAR",
}


def check_readable(head: bytes, name: str, outer: str = "") -> None:
    """An input error for compressed data brandpulse does not read (zstd, or `outer`-compressed data compressed
    again: `posts.csv.xz.bz2`), which was read as a CSV of its bytes: garbage posts, exit 0."""
    kind = next((k for magic, k in UNREAD.items() if head.startswith(magic)), "")
    if not kind and outer and compression(head):
        kind = f"{compression(head)[0]} inside {outer}"
    if kind:
        raise InputError(f"{name}: {kind} compressed data: decompress it first (brandpulse reads gzip, bzip2, xz)")


def _decompress(data: bytes, name: str) -> tuple[bytes, Cut | None]:
    """`data` unpacked, and where it was cut short (`Salvaged`), if it was."""
    check_readable(data, name)
    kind, opener = compression(data) or ("", None)
    if opener is None:
        return data, None
    with Salvaged(kind, opener, io.BytesIO(data)) as raw, io.BufferedReader(raw, 1 << 16) as inner:
        unpacked = archives.read_unpacked(inner, name, len(data))
        cut = raw.cut
    check_readable(unpacked, name, kind)
    return unpacked, cut


#: formats read line by line, whose lines before a cut are whole records (`Salvaged`)
LINE_FORMATS = ("csv", "tsv", "jsonl")


@dataclass
class Cut:
    """Where a compressed file was cut short: the line (of what it unpacks to) it is unreadable from, the part of
    that line before the cut, the decompressor's error."""

    kind: str
    line: int
    record: bytes
    error: BaseException

    def reject(self, name: str) -> pd.DataFrame:
        """The cut as one reject of `name`, so the run counts it (`--fail-on-rejects` fails on it)."""
        why = f"damaged {self.kind} file: unreadable from here on ({self.error}): copy or fetch it again"
        return _rejects([(f"line {self.line}", why, self.record.decode("utf-8", "replace"))], name)

    def error_line(self, name: str) -> str:
        """The input error of a file whose cut leaves nothing to read (`salvageable`), naming the line of what it
        unpacks to where it stops being readable, as a bad row's error names its line: "damaged gzip file" alone
        left the user to guess whether 10 rows or 10,000 were there."""
        return (
            f"{name}: damaged {self.kind} file: unreadable from line {self.line:,} on ({self.error}): copy or fetch"
            " it again"
        )

    def warning(self) -> str:
        return (
            f"damaged {self.kind} file, cut short: unreadable from line {self.line:,} on ({self.error}): the lines"
            " before it were read, the rest is missing (a reject); copy or fetch the file again"
        )


def salvageable(fmt: str, head: bytes) -> bool:
    """Whether a cut in a file of `fmt` whose top is `head` leaves whole records before it: lines of CSV, TSV or
    JSON Lines, not UTF-16 (whose line ends are two bytes); a JSON, Parquet or XLSX file is of no use cut."""
    return fmt in LINE_FORMATS and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head


def with_cut(loaded: Loaded, cut: Cut | None, name: str) -> Loaded:
    """`loaded` with the `cut` its file ended at as one more record read, rejected, and its warning."""
    if cut is None:
        return loaded
    rejects = [r for r in (loaded.rejects, cut.reject(name)) if len(r)]
    loaded.rejects = pd.concat(rejects, ignore_index=True) if len(rejects) > 1 else rejects[0]
    loaded.rows_read += 1
    loaded.dates = {**loaded.dates, "cut": cut.warning()}
    return loaded


class Salvaged(io.RawIOBase):
    """What a decompressor (`opener(fh)`) unpacks, up to the last line end before a cut or damage (a download that
    stopped): the lines before are read as the file's, the cut one reject (`Cut`), where the whole file was refused
    (users expected the rows they had). With `salvage` False (a format read whole: `salvageable`) the error is
    raised, as before. Only seeks to its top (read again from it: `_in_date_order`), unpacking again."""

    def __init__(self, kind: str, opener: Callable, fh) -> None:
        super().__init__()
        self.kind, self.opener, self.fh, self.salvage, self.inner = kind, opener, fh, True, None
        self.seek(0)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.at

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_CUR and offset == 0:
            return self.at
        if (offset, whence) != (0, os.SEEK_SET):
            raise io.UnsupportedOperation("seek only to the top")
        if self.inner is not None:
            self.inner.close()
        self.fh.seek(0)
        self.inner = self.opener(self.fh)
        self.held: list[bytes] = []  # bytes after the last line end, held until the next one or the end
        self.ready, self.at, self.lines, self.ended, self.cut = memoryview(b""), 0, 0, False, None
        return 0

    def readinto(self, buffer) -> int:
        while not self.ready and not self.ended:
            try:
                block = self.inner.read1(1 << 16)
            except DECOMPRESS_ERRORS as exc:
                self.cut, self.ended = Cut(self.kind, self.lines + 1, b"".join(self.held), exc), True
                if not self.salvage:
                    raise
                break
            end = max(block.rfind(b"\n"), block.rfind(b"\r")) + 1 if block else len(block)
            self.held.append(block)
            if end or not block:  # (a block without a line end is held whole: no bytes joined again and again)
                data = b"".join(self.held)
                end = len(data) - len(block) + end
                self.ready, self.held, self.ended = memoryview(data)[:end], [data[end:]], not block
                self.lines += data.count(b"\n", 0, end)
        n = min(len(buffer), len(self.ready))
        buffer[:n] = self.ready[:n]
        self.ready, self.at = self.ready[n:], self.at + n
        return n

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()
        super().close()


def _inner_name(name: str) -> str:
    """`posts.csv.gz` -> `posts.csv`: the format of a compressed file is that of its content."""
    for suffix in COMPRESSED_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _read_bytes(
    data: bytes,
    name: str,
    format: str | None,
    mapping,
    keep: tuple[str, ...],
    date_order,
    *,
    fields=None,
    depth=0,
    input_tz=None,
) -> Loaded:
    """`depth`: how many archives `data` is inside (a zip's member: 1)."""
    data, cut = _decompress(data, name)
    fmt = format or sniff_format(data, _inner_name(name))
    if cut is not None and not salvageable(fmt, data[: 1 << 16]):
        raise InputError(cut.error_line(name))
    if fmt in ("zip", "tar"):
        if depth > 1:  # (a zip that holds itself would be read for ever)
            raise InputError(f"{name}: an archive inside an archive inside an archive: unpack it first")
        members = (archives.zip_members if fmt == "zip" else archives.tar_members)(data, name, _archived)
        return _read_archive(members, name, mapping, keep, date_order, fields=fields, depth=depth, input_tz=input_tz)
    return with_cut(_read_data(data, name, fmt, mapping, keep, date_order, fields=fields, input_tz=input_tz), cut, name)


def _read_data(
    data: bytes,
    name: str,
    fmt: str,
    mapping: dict[str, str] | None,
    keep: tuple[str, ...],
    date_order: str | None,
    *,
    fields: tuple[str, ...] | None = None,
    input_tz: str | None = None,
) -> Loaded:
    if not data.strip() or _only_a_bom(data):
        return Loaded(_no_posts(keep), _rejects([], name), 0, {}, "empty input")
    if fmt == "xls":  # (read as a CSV, its binary made columns of garbage)
        raise InputError(f"{name}: an Excel 97-2003 workbook or one with a password: save it as .xlsx or CSV")
    if fmt not in READERS:
        raise InputError(f"{name}: unknown format {fmt!r} (known: {', '.join(READERS)})")
    _check_text(data, name, fmt)
    try:
        header = {"text_column": mapping["text"]} if fmt in HEADED and "text" in (mapping or {}) else {}
        raw: Raw = READERS[fmt](data, **header)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    return from_raw(raw, name, fmt, mapping, keep, date_order, fields=fields, input_tz=input_tz)


def _check_text(head: bytes, name: str, fmt: str) -> None:
    """InputError for a binary file read as text (a program saved as `x.csv` said "no text column (columns:
    \ufffdELF...)")."""
    if fmt in TEXT_FORMATS and binary(head):
        raise InputError(
            f"{name}: not a text file (binary data): give an export such as CSV, JSON Lines, Parquet or XLSX"
        )


#: the formats read as text, which a binary file cannot be
TEXT_FORMATS = ("csv", "tsv", "json", "jsonl", "feed")


def _only_a_bom(data: bytes) -> bool:
    """A byte-order mark and maybe blank lines, nothing else: what a spreadsheet saves of an empty sheet."""
    return len(data) <= 64 and not decode(data)[0].strip("\ufeff \t\r\n")


def from_raw(
    raw: Raw,
    name: str,
    fmt: str,
    mapping: dict[str, str] | None,
    keep: tuple[str, ...] = (),
    date_order: str | None = None,
    *,
    fields: tuple[str, ...] | None = None,
    dates: dict | None = None,
    input_tz: str | None = None,
) -> Loaded:
    """Canonical posts and rejects from raw records (a whole file or one chunk of it); only the schema
    `fields` if given (see `read`). `dates`: what the file's chunks before showed of their dates' order; `input_tz`:
    the zone of the times written without one (`in_zone`; None: UTC)."""
    rows_read = len(raw.records) + len(raw.bad)
    if not raw.records.columns.size:  # nothing but empty objects and unreadable records
        bad = raw.bad + [(pos, "empty record: no fields", "{}") for pos in raw.positions]
        # (an empty list or blank JSON Lines is an empty export, as a CSV with only its header)
        return Loaded(_no_posts(keep), _rejects(bad, name), rows_read, {}, raw.note or ("" if bad else "no records"))
    # (`--keep app_version` of a Play Console file said "no column": its `App Version Name` is written as it anyway)
    given = tuple(c for c in keep if c in {*REPLY_FIELDS, *VERSION_FIELDS} and c not in raw.records.columns)
    keep = tuple(c for c in keep if c not in given)
    table = (
        match_table([str(c) for c in raw.records.columns]) if fmt in ("csv", "tsv", "xlsx") and not mapping else None
    )
    written = raw.records  # (a known export's rejects are its rows as written, not as converted)
    if table is not None:  # a known export (twarc-csv, Reddit, YouTube Takeout): its own column rules
        check_kept([str(c) for c in raw.records.columns], keep, name)
        converted = table.convert(raw.records)  # (and the columns kept as they are: `no column 'label'` was an error)
        kept = [c for c in keep if c in raw.records.columns and c not in converted.columns]
        raw.records = converted.assign(**{c: raw.records[c] for c in kept})
        raw.note = ", ".join(x for x in (table.name, raw.note) if x)
    names = [str(c) for c in raw.records.columns]
    columns = resolve_columns(names, mapping, name, reserved=keep, fields=fields)
    numeric = {columns.get(f) for f in (*COUNT_COLUMNS, "rating", "created_at")} | {_stars(names, columns, mapping)}
    if raw.typed and (numeric := numeric & raw.typed.keys()):  # (JSON's numbers as such, not as a CSV's cells)
        counts = {columns.get(f) for f in COUNT_COLUMNS}
        raw.records = raw.records.assign(
            **{c: json_numbers(raw.records[c], raw.typed[c], counts=c in counts) for c in numeric}
        )
    held = reserved(keep)  # (read as no field; analyze's `--keep stars` is read as the rating too: `Copied`)
    dates = {} if dates is None else dates
    if fmt in ("csv", "tsv", "json", "jsonl", "parquet"):  # (the formats decoded from bytes; Parquet's as UTF-8)
        count_undecoded(raw, dates, utf8=fmt == "parquet")
        if raw.nuls:
            dates["nuls"] = dates.get("nuls", 0) + raw.nuls
            dates.setdefault("nul_line", raw.nul_line)  # (the first chunk's that had any)
    if _no_times(raw.records, columns, mapping, dates):
        raw.note = ", ".join(x for x in (raw.note, f"{columns.pop('created_at')!r} holds no times: not read") if x)
    if _no_counts(raw.records, columns, mapping, dates):
        raw.note = ", ".join(x for x in (raw.note, f"{columns.pop('likes')!r} holds no counts: not read") if x)
    if _no_platforms(raw.records, names, columns, mapping, dates):
        columns.pop("platform")
    if _no_ratings(raw.records, columns, mapping, dates):
        stars = columns.pop("rating")
        dates["no_ratings"] = (
            f"{stars!r} holds no star rating (1 to 5) in most of its first values: not read (--map rating={stars} "
            "reads it)"
        )
    if _views(names, columns, mapping):
        views = f"{columns.pop('author_followers')!r} counts the views of each post, not followers: not read"
        raw.note = ", ".join(x for x in (raw.note, views) if x)
    stars = _stars(names, columns, mapping)
    if stars and "rating" not in columns and stars not in held and (fields is None or "rating" in fields):
        columns["rating"] = stars
    if stars and columns.get("likes") == stars:  # (beside a `Rating` column, which is the rating: not read)
        del columns["likes"]
        how = "read as rating" if columns.get("rating") == stars else "not read"
        raw.note = ", ".join(x for x in (raw.note, f"{stars!r} is a star rating, not likes: {how}") if x)
    # (`Date` and `Time`: the posts were all read at midnight, and nothing said so)
    clock = time_of_day_column(names, columns, held) if "created_at" in columns else None
    read = {*columns.values(), *keep, *([clock] if clock else [])}
    read |= set(version_columns(names, rated="rating" in columns))  # (analyze's `="5.10.0"` read back: `5.10.0`)
    reply = reply_columns(names, rated="rating" in columns)["reply"]  # (analyze's `'=Sorry` read back: `=Sorry`)
    read |= {reply} - {None}
    # brandpulse's own CSV read back: its spreadsheet guards undone; a known export's (`table`: a Play Console CSV)
    # are no guards of ours (its reply "'=) sorry" was read as "=) sorry"), nor an unknown CSV's `'` (a header not
    # brandpulse's: its text "'=hello" was read as "=hello"); its `="007"` is `007`, as a spreadsheet shows it
    if fmt in ("csv", "tsv", "xlsx") and table is None:
        raw.records = restore_formulas(raw.records, read, quotes=own_header(names))
    if raw.days_from_1904:  # (its day numbers: `values.excel_epoch`)
        dates["1904"] = True
    records, composed = raw.records, None
    if "text" in columns and "text" not in (mapping or {}):  # (`--map text=Full Text` reads that column alone)
        composed = composed_text(records, columns["text"], held)
    others = other_spellings(names, columns, mapping, held, composed[2] if composed else ())
    if fields is None or "created_at" in fields:
        others = "; ".join(x for x in (others, zoned_time(names, columns)) if x)
    raw.note = ", ".join(x for x in (raw.note, others) if x)
    place = columns.pop("about", None)  # (`--map about=name`: each row's reviewed place, `assign_brand`'s)
    if "about" in names and "about" not in read:  # (`fetch --about`'s, `analyze --about`'s: analyze -, ingest -)
        raw.note = ", ".join(x for x in (raw.note, "'about' not read: --about BRAND gives it") if x)
    if composed is not None:  # (a copy: a rejected record is written as the file has it)
        records = records.assign(**{columns["text"]: composed[0]})
        raw.note = ", ".join(x for x in (raw.note, composed[1]) if x)
    ids = None
    if "post_id" in columns and "post_id" not in (mapping or {}):  # (`--map post_id=Tweet Id` reads it alone)
        ids = composed_id(records, columns["post_id"], held)
    if ids is not None:  # (Meltwater's news rows, of no `Tweet Id`: their `Document ID`)
        records = records.assign(**{columns["post_id"]: ids[0]})
        raw.note = ", ".join(x for x in (raw.note, ids[1]) if x)
    shared = None
    if "reposts" in columns and "reposts" not in (mapping or {}):  # (`--map reposts=retweets` reads it alone)
        shared = composed_reposts(records, columns["reposts"], held)
    if shared is not None:  # (a flattened X, Bluesky or Mastodon page: its quotes, `quote_count`, beside)
        records = records.assign(**{columns["reposts"]: shared[0]})
        raw.note = ", ".join(x for x in (raw.note, shared[1]) if x)
    posts, reasons = to_posts(records, columns, keep, date_order, dates)
    posts = google_translations(posts)  # ("(Translated by Google) Great staff (Original) Personal genial")
    if place is not None:
        posts[PLACE] = _first(records[place]).astype(STRING).str.strip().replace("", pd.NA)
    # brandpulse's own rows (`analyze`'s header): their times are UTC, also without the Z (`--excel`): read with the
    # exports' `--input-tz Europe/Madrid`, they were an hour early, and a post without an id ingested again a second one
    own = names[: len(ENRICHED_COLUMNS) - 1] == ENRICHED_COLUMNS[:-1]  # (`intents` last: a file of before it too)
    local = None  # (the export's clock: its times without a zone are on it)
    if input_tz is not None and not own:
        from ..config import zone

        local = zone(input_tz, "input_tz")
    replied = owner_replies(records, date_order, rated="rating" in columns, zone=local)  # (`REPLY_FIELDS`)
    if replied is not None:
        replies, bad, why = replied
        posts = posts.assign(**{c: replies[c].reindex(posts.index) for c in replies.columns})
        flag_rows(reasons, bad.reindex(reasons.index, fill_value=False), why)
    if (versions := app_versions(records, rated="rating" in columns)) is not None:  # (`VERSION_FIELDS`)
        posts["app_version"] = versions.reindex(posts.index)
    written_names = [str(c) for c in written.columns]
    rated = "rating" in columns

    def why(field: str) -> str:  # (not a close name: `Version`)
        return unread_field(field, written_names, rated=rated)

    check_kept(written_names, tuple(c for c in given if c not in posts.columns), name, why)
    if dates.get("zero_stars") and "rating" in columns:  # (`values._ratings`)
        zero = f"{columns['rating']!r} holds 0s and nothing above 5: read as 0 to 5 stars"
        raw.note = ", ".join(x for x in (raw.note, zero) if x)
    if dates.get("short_links"):  # (`values.platforms_of_links`)
        short = f"{columns['url']!r} holds short links ({', '.join(dates['short_links'])}), which name no platform"
        raw.note = ", ".join(x for x in (raw.note, short) if x)
    if raw.written is not None and "text" in columns:
        _not_a_string(raw, columns["text"], reasons)
    midnight = bool(clock) and dates_only(posts["created_at"])
    if clock and posts["created_at"].notna().any():  # (the file's chunks say if it has times of day: `_in_date_order`)
        dates["midnight" if midnight else "timed"] = True
    if midnight and not {"timed", "durations", "whole"} & dates.keys():
        # (a video's length, 0:45 and 31:30: the first was taken for a quarter to one, the second rejected its row;
        # but one such value alone, 25:10, is a typo in a column of times of day: it rejects its row, as before)
        found = long_clocks(_first(records[clock]))
        add_long_clocks(dates, clock, [(value, raw.positions[at], sure) for value, at, sure in found])
    timed = None
    if midnight and not {"timed", "durations"} & dates.keys():
        other: dict = {}  # (a full time in the `Time` column on another day than its date: the note says so)
        timed = with_time_of_day(posts["created_at"], _first(records[clock]), clock, date_order, dates, other)
        if other:
            at = str(raw.positions[other["label"]])
            dates.setdefault("other_day", (clock, columns["created_at"], other["value"], at, other["date"]))
    if timed is not None:  # (dates only: their time of day is the other column's)
        posts["created_at"], bad, why = timed
        flag_rows(reasons, bad, why)
    elif not clock and (zoned := zoned_time_of_day(names, columns)) and dates_only(posts["created_at"]):
        raw.note = ", ".join(x for x in (raw.note, zoned) if x)  # (`Time (ET)`: the posts at midnight, and why)
    if own and input_tz is not None and "created_at" in columns:
        raw.note = ", ".join(x for x in (raw.note, "brandpulse's own rows: their times are UTC, not --input-tz's") if x)
    elif local is not None and "created_at" in columns:  # (read as UTC: those without a zone, on the export's clock)
        unzoned = zoneless(_first(records[columns["created_at"]]))
        if timed is not None:  # (and a time of day without one)
            unzoned &= zoneless(_first(records[clock]))
        posts["created_at"] = in_zone(posts["created_at"], unzoned, local)
    if timed is not None:
        columns = {**columns, "created_at": f"{columns['created_at']}+{clock}"}
    if raw.cjk and "cjk" not in dates:  # (a later chunk's; said once, and in every chunk's note after it)
        dates["cjk"] = raw.cjk
    if "cjk" in dates:
        doubt = f"text not UTF-8 read as cp1252 (if it reads wrong: --encoding {' or '.join(dates['cjk'])})"
        raw.note = ", ".join(x for x in (raw.note, doubt) if x)
    raw.note = ", ".join(x for x in (raw.note, date_note(dates)) if x)
    if raw.formulas:
        reasons = _unsaved_formulas(raw, reasons, read)
    bad_rows = reasons != ""
    rejected = list(raw.bad)
    if bad_rows.any():
        if fmt in HEADED:
            records = _lines((raw.records if table is None else written)[bad_rows], raw.delimiter)
        elif raw.written is not None:
            records = _as_written(raw.written, bad_rows)
        else:
            records = _objects(_as_read(raw, bad_rows))
        rejected += list(zip(raw.positions[bad_rows], reasons[bad_rows], records, strict=False))
        posts = rows_where(posts, ~bad_rows.to_numpy())
    columns = columns if place is None else {**columns, "about": place}  # (the file's note: `about=name`)
    return Loaded(posts, _rejects(rejected, name), rows_read, columns, raw.note, dates)


def _not_a_string(raw: Raw, column: str, reasons: pd.Series) -> None:
    """JSON records whose text `column` holds an object or a list: rejected as that, not as "empty text" (an object's
    fields are columns of their own, `text.a`, which `--map text=text.a` reads) nor read as `a;b` (a list)."""
    records, found = raw.records, []
    if column in raw.typed and raw.typed[column].dtype == object:
        found.append((raw.typed[column].map(lambda v: isinstance(v, list)).to_numpy(bool), "a list"))
    fields = [c for c in records.columns if str(c).startswith(f"{column}.")]
    if fields and column in records.columns:
        found.append(((records[fields].notna().any(axis=1) & records[column].isna()).to_numpy(bool), "an object"))
    for rows, what in found:
        if rows.any():
            why = f"{column} is {what}, not a string"
            empty = rows & reasons.str.contains("empty text", regex=False).to_numpy(bool)
            reasons[empty] = reasons[empty].str.replace("empty text", why, regex=False)
            flag_rows(reasons, pd.Series(rows & ~empty, index=reasons.index), why)


def _no_times(records: pd.DataFrame, columns: dict[str, str], mapping: dict[str, str] | None, dates: dict) -> bool:
    """Whether the time column was found by a name English exports use for other things (`UNSURE_TIMES`: `Data`)
    and none of its first 100 values is a time (a payload, a figure); decided on the file's first values, for its
    later chunks too (`dates`). `--map created_at=Data` reads it whatever it holds."""
    column = columns.get("created_at")
    if column is None or "created_at" in (mapping or {}) or normalize_name(column) not in UNSURE_TIMES:
        return False
    if "unsure_times" not in dates:
        values = _first(records[column]).dropna().head(1000)
        if values.dtype.kind not in "Mmfiu":
            values = no_value_markers(values.astype(str).str.strip()).dropna()
            values = values[values != ""]
        if values.empty:
            return False  # (nothing to tell by yet: read as a time, its empty cells none)
        # (in either order: `05/03/2026` is a time, which `--date-order` tells)
        dates["unsure_times"] = parse_timestamps(values.head(100), "dmy", {}).isna().all()
    return bool(dates["unsure_times"])


def _no_counts(records: pd.DataFrame, columns: dict[str, str], mapping: dict[str, str] | None, dates: dict) -> bool:
    """Whether the likes column was found by a name exports use for other things (`UNSURE_COUNTS`: Discord's
    `Reactions`, its emoji and their counts; a `score` of decimals) and no more than half of its first 100 values not
    empty are counts; decided on the file's first such values, for its later chunks too (`dates`). `--map
    likes=Reactions` reads it whatever it holds."""
    column = columns.get("likes")
    if column is None or "likes" in (mapping or {}) or normalize_name(column) not in UNSURE_COUNTS:
        return False
    counts = lambda v: parse_counts(v, signed=True).notna()  # noqa: E731
    return _holds_none(records[column], dates, "unsure_counts", counts, share=0.5)


#: a site's name as a `source` column gives it (`UNSURE_PLATFORMS`): one or two words (`trustpilot`, `amazon.com`,
#: `Google Play`); a tweet client's (`Twitter for iPhone`, `Twitter Web App`) has more, or is a link (`<a href=...>`)
_SITE_NAME = r"^[A-Za-z0-9][\w.'&-]*(?: [\w.'&-]+)?$"
#: columns (normalised) only tweets have: beside them a `source` column is the tweet's client, whatever its values
_TWEET_COLUMNS = frozenset({"id_str", "tweet_id", "retweet_count", "favorite_count", "in_reply_to_status_id"})


def _no_platforms(
    records: pd.DataFrame, names: list[str], columns: dict[str, str], mapping: dict[str, str] | None, dates: dict
) -> bool:
    """Whether the platform column was found by a name exports use for other things (`UNSURE_PLATFORMS`: `source`)
    and is no site's name: beside a tweet's columns, or with a first value that is no site name (`_SITE_NAME`);
    decided on the file's first values, for its later chunks too (`dates`). `--map platform=source` reads it."""
    column = columns.get("platform")
    if column is None or "platform" in (mapping or {}) or normalize_name(column) not in UNSURE_PLATFORMS:
        return False
    if any(spellings(n) & _TWEET_COLUMNS for n in names):
        return True
    other = lambda v: ~v.astype(str).str.fullmatch(_SITE_NAME)  # noqa: E731
    return not _holds_none(records[column], dates, "unsure_platforms", other)


def _no_ratings(records: pd.DataFrame, columns: dict[str, str], mapping: dict[str, str] | None, dates: dict) -> bool:
    """Whether the `rating` column found by its name holds star ratings in no more than half of its first 100 values
    not empty (a film's or game's content rating: `PG-13`, `E`, `TV-MA`, each of whose rows was rejected as a bad
    rating; a score out of 10, whose 6 to 10 were rejected and 1 to 5 read as stars). `--map rating=Rating` reads it
    whatever it holds."""
    column = columns.get("rating")
    if column is None or "rating" in (mapping or {}):
        return False
    stars = lambda v: read_field("rating", v)[0].notna()  # noqa: E731
    return _holds_none(records[column], dates, "no_ratings", stars, share=0.5)


def _holds_none(column: pd.Series | pd.DataFrame, dates: dict, key: str, holds, share: float = 0.0) -> bool:
    """Whether none (or no more than `share`) of the first 100 values not empty of `column` is one (`holds(values)`: a
    mask), decided on the file's first chunk that has such values, for its later chunks too (`dates[key]`)."""
    if key not in dates:
        values = _first(column).dropna()  # (all of it: most messages of a server have no reaction)
        if values.dtype.kind not in "fiu":
            values = no_value_markers(values.astype(str).str.strip()).dropna()
            values = values[values != ""]
        if values.empty:
            return False  # (nothing to tell by yet: read as the field, its empty cells none)
        dates[key] = bool(holds(values.head(100)).mean() <= share)
    return bool(dates[key])


def _views(names: list[str], columns: dict[str, str], mapping: dict[str, str] | None) -> bool:
    """Whether the followers column found by its name is a post-performance export's `Impressions` (beside its
    `Engagements`, `POST_METRICS`: X's analytics), the views of each post: read as the author's followers, a tweet
    seen 5,400 times was by an author of 5,400 followers. `--map author_followers=Impressions` reads it."""
    column = columns.get("author_followers")
    if column is None or "author_followers" in (mapping or {}) or normalize_name(column) != IMPRESSIONS:
        return False
    return any(spellings(n) & POST_METRICS for n in names)


def _stars(names: list[str], columns: dict[str, str], mapping: dict[str, str] | None) -> str | None:
    """An app review's star rating column, read as `rating`: a `score` beside a review export's columns
    (`REVIEW_COLUMNS`: google-play-scraper's `reviewId`, app-store-scraper's `userUrl`), which was read as likes (a
    1-star review, a post of one like) or, beside `thumbsUpCount`, not at all. `--map likes=score` reads it as likes,
    and a column another field was given by `--map` is that field's."""
    mapped = set((mapping or {}).values())
    taken = {c for f, c in columns.items() if f != "likes" or "likes" in (mapping or {})}
    found = [n for n in names if normalize_name(n) in STARS and n not in taken | mapped]
    if not found or not any(spellings(n) & REVIEW_COLUMNS for n in names):
        return None
    return found[0]


def _first(column: pd.Series | pd.DataFrame) -> pd.Series:
    """A column, or the first of a name given twice (as `to_posts` reads it)."""
    return column.iloc[:, 0] if isinstance(column, pd.DataFrame) else column


def _unsaved_formulas(raw: Raw, reasons: pd.Series, read: set[str]) -> pd.Series:
    """XLSX rows with a formula no spreadsheet computed in a column that is read: rejected, the formula shown
    in the record, not read as an empty cell (a count of 0, a post without text). Other columns are not read."""
    reasons = reasons.copy()
    for i, cells in raw.formulas.items():
        hit = [column for column in cells if column in read]
        for column in hit:
            raw.records.iloc[i, raw.records.columns.get_loc(column)] = cells[column]
        if hit:
            reasons.iloc[i] = (
                f"{hit[0]}: formula {cells[hit[0]]} has no saved value (the workbook was never opened in a "
                "spreadsheet: open and save it in Excel or LibreOffice)"
            )
    return reasons


def _no_posts(keep: tuple[str, ...]) -> pd.DataFrame:
    """No posts, with the `keep` columns (empty) as a file holding no records has none to name."""
    return empty_posts().assign(**{str(col): pd.Series(dtype=STRING) for col in keep})


def _lines(records: pd.DataFrame, delimiter: str) -> list[str]:
    """Rejected records as lines of their file (quoted where a field needs it), empty cells empty."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    lines = []
    for row in records.astype(object).itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
        lines.append(out.getvalue()[:-1])
        out.seek(0)
        out.truncate()
    return lines


def _as_written(written: list, rows: pd.Series) -> list[str]:
    """Rejected JSON records as their file has them (`Raw.written`): a JSON Lines record its line, another its
    object written again, its nulls, nested objects and key order kept (the records read lose them)."""
    return [item if isinstance(item, str) else dump_json(item) for item in compress(written, rows.to_numpy(dtype=bool))]


def _as_read(raw: Raw, rows: pd.Series) -> pd.DataFrame:
    """The records at `rows` with the values JSON gave them (numbers, lists, objects), not as the text read."""
    mask = rows.to_numpy(dtype=bool)
    records = raw.records[mask]
    if raw.typed:
        records = records.copy()
        for column, values in raw.typed.items():
            if column in records.columns:
                records[column] = values[mask].to_numpy()  # (the rejected rows' alone: a list each)
    return records


def _objects(records: pd.DataFrame) -> list[str]:
    """Rejected records of Parquet or a frame as JSON objects of their fields (nested ones named `user.screen_name`,
    as read), missing ones left out: a line of their values alone was a CSV without a header (JSON: `_as_written`)."""
    names = [str(c) for c in records.columns]
    return [
        dump_json({n: _json_value(v) for n, v in zip(names, row, strict=True) if not _missing(v)})
        for row in records.astype(object).itertuples(index=False)
    ]


def _missing(value: object) -> bool:
    return pd.api.types.is_scalar(value) and pd.isna(value)


def _json_value(value: object) -> object:
    """A cell as JSON takes it: numpy's numbers and arrays (Parquet's) as Python's."""
    return value.tolist() if hasattr(value, "tolist") else value


def _cell(value: object) -> object:
    """A rejected record's cell as written back: empty when missing, a list or map (Parquet, JSON) as JSON."""
    if pd.api.types.is_scalar(value):
        return "" if pd.isna(value) else value
    return dump_json(value.tolist() if hasattr(value, "tolist") else value)


def iter_read(
    source: str | Path,
    chunksize: int,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    keep: tuple[str, ...] = (),
    date_order: str | None = None,
    input_tz: str | None = None,
    encoding: str | None = None,
) -> Iterator[Loaded]:
    """`read()` in pieces of about `chunksize` records, so memory stays bounded by the chunk.

    CSV/TSV and JSON Lines are parsed as a stream and Parquet by record batch; positions and rejects
    are those of the whole file. stdin is first copied to a temporary file (in TMPDIR), block by
    block, and streamed from there. Other inputs (JSON, XLSX, feeds, archives) are read whole and
    then handed out in chunks. `encoding`: as `read`'s."""
    if encoding is not None:
        options = dict(format=format, mapping=mapping, keep=keep, date_order=date_order, input_tz=input_tz)
        yield from decoded_as(encoding, iter_read(source, chunksize, **options))
        return
    check_options(mapping, date_order, input_tz)
    keep, source = _names(keep), _home(source)
    if str(source) == "-":
        tell_typing()
        with _stdin_copy() as spool:
            yield from _iter_stream(spool, shown_name(source), chunksize, format, mapping, keep, date_order, input_tz)
        return
    path = Path(source)
    if not os.path.isfile(path):
        whole = read(source, format=format, mapping=mapping, keep=keep, date_order=date_order, input_tz=input_tz)
        yield from _chunks_of(whole, chunksize)
        return
    with open(path, "rb") as fh:
        yield from _iter_stream(fh, str(source), chunksize, format, mapping, keep, date_order, input_tz)


@contextmanager
def _stdin_copy() -> Iterator[IO[bytes]]:
    """stdin copied to a temporary file (in TMPDIR), open at its start. A TMPDIR without room (a container's small
    /tmp) said "brandpulse: error: No space left on device", naming neither stdin nor the folder; stdin that cannot be
    read is no such error."""
    # (typed: read() ends at the first Ctrl-D; a block read waited for a second one)
    typed = sys.stdin.isatty()
    read = sys.stdin.buffer.read if typed else partial(sys.stdin.buffer.read, 1 << 20)
    room = partial(archives.room, "<stdin>", "copy it", "give the file instead of -")
    with ExitStack() as stack:
        with room():
            spool = stack.enter_context(tempfile.TemporaryFile(prefix="brandpulse-stdin-"))
        while True:
            try:
                block = read()
            except OSError as exc:  # (stdin open for writing only: `0>file`; a terminal gone, EIO)
                raise InputError(f"<stdin>: cannot read it ({exc.strerror or exc})") from None
            with room():
                spool.write(block)
            if not block or typed:
                break
        with room():
            spool.seek(0)  # (writes what is buffered)
        yield spool


def _iter_stream(fh, name: str, chunksize: int, format, mapping, keep, date_order, input_tz) -> Iterator[Loaded]:
    """`iter_read` of an open, seekable binary file reported as `name`; a compressed file is streamed
    through its decompressor."""
    head = fh.read(10)
    check_readable(head, name)
    packed = compression(head)
    if packed is not None:
        size = fh.seek(0, os.SEEK_END)  # (a format read whole, as JSON, is bounded by it: `archives.read_unpacked`)
        with Salvaged(*packed, fh) as raw, io.BufferedReader(raw, 1 << 16) as inner:
            try:
                check_readable(inner.peek(10)[:10], name, packed[0])
                last = Loaded(_no_posts(keep), _rejects([], name), 0, {})  # (a chunk's note, columns, dates)
                chunks = _iter_plain(inner, name, chunksize, format, mapping, keep, date_order, input_tz, packed=size)
                yield from map(partial(_noted, last), chunks)  # (map: no chunk held here while it is analyzed)
            except DECOMPRESS_ERRORS:
                if raw.cut is None:
                    raise
                raise InputError(raw.cut.error_line(name)) from None
            if raw.cut is not None:  # (the lines before it read: `Salvaged`)
                yield with_cut(last, raw.cut, name)
        return
    fh.seek(0)
    yield from _iter_plain(fh, name, chunksize, format, mapping, keep, date_order, input_tz)


def _noted(last: Loaded, loaded: Loaded) -> Loaded:
    """`loaded`, its note, columns and dates kept in `last` (for the chunk of a cut after it: `with_cut`)."""
    last.note, last.columns, last.dates = loaded.note, loaded.columns, loaded.dates
    return loaded


def _in_date_order(
    raws: Callable[[], Iterator[Raw]],
    load: Callable[..., Loaded],
    most: int,
    dates: dict | None = None,
    may_name: Callable[[bytes], bool] = lambda word: True,
) -> Iterator[Loaded]:
    """Chunks loaded (`load(raw, dates)`) with their dates read in the order the file's chunks show: one whose
    dates such as 02/11/2026 no chunk before showed the order of is held, with the chunks after it, up to `most`
    records, until a chunk shows it (then they are read so, as the whole file is), else rejected as ambiguous.
    Excel day numbers are read only when all the file's dates are ones, as read whole: the chunks after the first
    that shows one are looked at first (their dates alone), held up to `most` records, else `raws()` read again; so
    are those after the first chunk with a CST before any CDT (US Central's when the file names CDT, `zone_names`),
    unless `may_name(b"cdt")` says the file's bytes do not hold it (`_may_name`)."""
    dates = {} if dates is None else dates  # (a chunk's dates read in the order the chunks before showed)
    held: list[Raw] = []
    chunks = raws()
    for done, raw in enumerate(chunks):
        trial = dict(dates)
        loaded = load(replace(raw), trial)  # (a copy: from_raw renames and converts the records it is given)
        excel = {"excel", "zero"} & trial.keys() and not {"excel", "zero", "dated"} & dates.keys()
        # (a `Time` column is the time of day of a file's dates only: a chunk at midnight by chance, before times
        # of day, took a video's length for them)
        # (and a chunk's 0:45 seemed a time of day, where a later one's 31:30 shows a column of durations)
        clock = "midnight" in trial and not {"timed", "whole", "durations"} & trial.keys()
        # (a CST with no CDT before it: US Central's when a later chunk names CDT, as read whole)
        cst = "lone_cst" in trial and not {"central", "no_cdt"} & trial.keys()
        if cst and not may_name(b"cdt"):  # (a China or Cuba export: none to look for, the file is not read twice)
            cst, trial["no_cdt"], dates["no_cdt"] = False, True, True
        # (a chunk's 0 stars, where a later chunk's 7 shows no 0 to 5 scale: its 0s were kept, where read whole they
        # are rejected, `values._ratings`)
        zeros = trial.get("zero_stars", False) and not (dates.get("zero_stars") or dates.get("over_five"))
        if excel or clock or cst or zeros:
            ahead: list[Raw] | None = [*held, raw]  # (the chunks held read again too, before it)
            while (
                (excel and "dated" not in trial)
                or (clock and not {"timed", "durations"} & trial.keys())
                or (cst and "central" not in trial)
                or (zeros and not trial["over_five"])
            ) and (later := next(chunks, None)) is not None:
                load(replace(later), trial, ("text", "created_at", *(("rating",) if zeros else ())))
                fits = ahead is not None and sum(len(r.records) for r in ahead) + len(later.records) <= most
                ahead = [*ahead, later] if fits else None
            if not excel and ahead == [raw] and "central" not in trial:  # (the file's last chunk, none held: as it is)
                dates = {**trial, **({"whole": True} if clock else {}), **({"no_cdt": True} if cst else {})}
                yield loaded
                continue
            found = {k: trial[k] for k in ("dated", "excel", "zero") if excel and k in trial}
            found = {"dated": found["dated"]} if "dated" in found else found
            if clock and "timed" not in trial and "durations" in trial:
                found["durations"] = trial["durations"]
            elif clock:
                found["timed" if "timed" in trial else "whole"] = True
            if cst:
                found["central" if "central" in trial else "no_cdt"] = True
            if zeros:
                found["over_five" if trial["over_five"] else "zero_stars"] = True
            if ahead is None:
                chunks.close()  # (its reader stops before the file is read again from its top)
            # (read again: the chunks before, of no dates, were given already)
            rest = partial(chain, ahead, chunks) if ahead is not None else partial(_skipped, raws, done - len(held))
            yield from _in_date_order(rest, load, most, {**dates, **found}, may_name)
            return
        # (once some were rejected, as too many chunks came before the first that showed the order, the rest are;
        # a chunk of ISO dates, or none, after a held one is held too: the order may come after it)
        undecided = not any(o in trial for o in DATE_ORDERS) and "ambiguous" not in dates
        undecided = undecided and ("ambiguous" in trial or bool(held))
        if undecided and sum(len(h.records) for h in held) + len(raw.records) <= most:
            held.append(raw)
            if "dated" in trial:  # (not Excel day numbers: the chunks after it need not look)
                dates.setdefault("dated", trial["dated"])
            continue
        if held:  # read again, in the order this chunk showed (once: from here on the file's order is known)
            dates.update({key: trial[key] for key in DATE_ORDERS if key in trial})
            yield from (load(h, dates) for h in held)
            held, loaded = [], load(raw, dates)
        else:
            dates = trial
        yield loaded
    yield from (load(h, dates) for h in held)  # no chunk showed the order: rejected as ambiguous


def _skipped(raws: Callable[[], Iterator[Raw]], given: int) -> Iterator[Raw]:
    return islice(raws(), given, None)


def _may_name(fh, head: bytes) -> Callable[[bytes], bool]:
    """Whether the file `fh` (whose top is `head`) may hold `word` (ASCII, in any case): False only when its bytes,
    read where they lie (`os.pread`: the reader's place and its reading ahead untouched), do not. A compressed
    stream, or UTF-16, may hold it. In blocks of 16 MiB, in C: 0.2 s a GB, where reading a file twice took longer."""
    plain = type(fh) in (io.BufferedReader, io.BufferedRandom, io.FileIO)
    if not plain or head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return lambda word: True

    def may_name(word: bytes) -> bool:
        at, tail = 0, b""
        while block := os.pread(fh.fileno(), 1 << 24, at):
            low = block.lower()
            if word in low or word in tail + low[: len(word) - 1]:  # (or across two blocks)
                return True
            at, tail = at + len(block), low[-len(word) + 1 :]
        return False

    return may_name


def _iter_plain(
    fh, name: str, chunksize: int, format, mapping, keep, date_order, input_tz, packed: int | None = None
) -> Iterator[Loaded]:
    """`packed`: the size of the file `fh` unpacks, when it does."""
    head = fh.read(1 << 16)
    fh.seek(0)
    fmt = format or sniff_format(head, _inner_name(name))
    _check_text(head, name, fmt)
    if isinstance(getattr(fh, "raw", None), Salvaged):  # (a format read whole, cut: the error, as before)
        fh.raw.salvage = salvageable(fmt, head)

    def load(raw: Raw, dates: dict, fields: tuple[str, ...] | None = None) -> Loaded:
        return from_raw(raw, name, fmt, mapping, keep, date_order, dates=dates, fields=fields, input_tz=input_tz)

    if fmt in ("csv", "tsv") and head.strip() and not _only_a_bom(head):

        def raws() -> Iterator[Raw]:
            fh.seek(0)  # (read again from the top: `_in_date_order`)
            chunks = iter_csv(fh, "\t" if fmt == "tsv" else None, chunksize, (mapping or {}).get("text"))
            try:  # the parser's errors get the file name; from_raw's carry it already
                yield from chunks
            except InputError as exc:
                raise InputError(f"{name}: {exc}") from None

        yield from _in_date_order(raws, load, HELD_CHUNKS * chunksize, may_name=_may_name(fh, head))
        return
    if fmt == "parquet" and not head:  # (a 0-byte `.parquet`, an export that failed: `Parquet file size is 0 bytes`)
        yield Loaded(_no_posts(keep), _rejects([], name), 0, {}, "empty input")
        return
    if fmt == "parquet" and packed is not None:  # (read from its end and back: unpacked once, within the ratio)
        with archives.spool_unpacked(fh, name, packed) as spool:
            yield from _iter_parquet(spool, name, chunksize, mapping, keep, date_order, input_tz)
        return
    if fmt == "parquet":
        yield from _iter_parquet(fh, name, chunksize, mapping, keep, date_order, input_tz)
        return
    if fmt == "jsonl" and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head:

        def lines() -> Iterator[Raw]:
            fh.seek(0)  # (read again from the top: `_in_date_order`)
            seen: dict[str, None] = {}  # the keys of the lines before: a chunk without `text` is not a file without
            held = None  # lines whose keys name no text (or `--map` column) yet: read with the next chunk
            for raw in iter_jsonl(fh, chunksize):  # not UTF-16: lines can be split on b"\n"
                raw = raw if held is None else _joined(held, raw)
                seen.update(dict.fromkeys(raw.records.columns))
                if len(raw.records):
                    raw.records = raw.records.reindex(columns=list(seen))
                # (a missing column: the lines after may have it, as read whole; memory bounded: a `--map` typo)
                lacks = len(raw.records) < HELD_CHUNKS * chunksize and _lacks_columns(raw, mapping, keep)
                held = raw if lacks else None
                if not lacks:
                    yield raw
            if held is not None:  # no line had it: the error of the whole file
                yield held

        yield from _in_date_order(lines, load, HELD_CHUNKS * chunksize, may_name=_may_name(fh, head))
        if not head:  # an empty file has no lines: one empty chunk, so the run still counts and summarises
            yield Loaded(_no_posts(keep), _rejects([], name), 0, {}, "empty input")
        return
    data = fh.read() if packed is None else archives.read_unpacked(fh, name, packed)
    yield from _chunks_of(_read_bytes(data, name, format, mapping, keep, date_order, input_tz=input_tz), chunksize)


def _lacks_columns(raw: Raw, mapping: dict[str, str] | None, keep: tuple[str, ...]) -> bool:
    """Whether `from_raw` would stop at the records' columns (no text column, or no `--map` column)."""
    if not raw.records.columns.size:
        return False
    try:
        resolve_columns([str(c) for c in raw.records.columns], mapping, "", reserved=keep)
    except InputError:
        return True
    return False


def _joined(first: Raw, then: Raw) -> Raw:
    """Two chunks of JSON Lines as one."""
    records = pd.concat([first.records, then.records], ignore_index=True)
    positions = pd.concat([first.positions, then.positions], ignore_index=True)
    note = ", ".join(sorted({*first.note.split(", "), *then.note.split(", ")} - {""}))  # (the shapes' names)
    typed = {
        column: pd.concat([_parsed(first, column), _parsed(then, column)], ignore_index=True)
        for column in {**first.typed, **then.typed}
    }
    written = None if first.written is None or then.written is None else first.written + then.written
    joined = Raw(records, positions, first.bad + then.bad, note, typed=typed, written=written)
    joined.cjk, joined.lossless = first.cjk or then.cjk, first.lossless and then.lossless
    return joined


def _parsed(raw: Raw, column: str) -> pd.Series:
    """A column's values as JSON gave them (`Raw.typed`), else as read; missing where the records have none."""
    if column in raw.typed:
        return raw.typed[column]
    if column in raw.records.columns:
        return raw.records[column].astype(object)
    return pd.Series(None, index=range(len(raw.records)), dtype=object)


def _chunks_of(whole: Loaded, chunksize: int) -> Iterator[Loaded]:
    for start in range(0, max(len(whole.posts), 1), chunksize):
        first = start == 0
        yield Loaded(
            whole.posts.iloc[start : start + chunksize].reset_index(drop=True),
            whole.rejects if first else whole.rejects.iloc[:0],
            whole.rows_read if first else 0,
            whole.columns,
            whole.note,
            whole.dates,  # (its `warning` too: an XLSX or archive member's `Time` column of durations)
        )


def _iter_parquet(fh, name: str, chunksize: int, mapping, keep, date_order, input_tz) -> Iterator[Loaded]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        done = 0

        def raws() -> Iterator[Raw]:
            nonlocal done
            done = 0  # (read again from the top: `_in_date_order`)
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=chunksize):
                raw = arrow_raw(pa.Table.from_batches([batch]), done)
                done += len(raw.records)
                yield raw

        def load(raw: Raw, dates: dict, fields: tuple[str, ...] | None = None) -> Loaded:
            return from_raw(
                raw, name, "parquet", mapping, keep, date_order, dates=dates, fields=fields, input_tz=input_tz
            )

        yield from _in_date_order(raws, load, HELD_CHUNKS * chunksize)
        if not done:
            fh.seek(0)
            yield _read_bytes(fh.read(), name, "parquet", mapping, keep, date_order, input_tz=input_tz)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{name}: cannot read Parquet: {str(exc).splitlines()[0]}") from exc


def _archived(path: str) -> bool:
    """A member of a zip or tar read as its data: a data file, or an archive (`exports.zip:week1.zip`)."""
    return is_data_file(path, DATA_SUFFIXES + ARCHIVE_SUFFIXES)


def _read_archive(
    members: dict[str, bytes],
    name: str,
    mapping,
    keep,
    date_order,
    *,
    fields=None,
    depth=0,
    input_tz=None,
    folder: bool = False,
) -> Loaded:
    """Every post file of an export archive, read by content; rejects and errors name the member (`x.zip:a.csv`), a
    folder's by its path (`exports/a.csv`, as the CLI names each file of it: `exports:a.csv` was no path to open)."""
    members, account = archives.split_account(members)
    if not members and folder:
        raise InputError(f"{name}: no data files in this folder ({', '.join(DATA_SUFFIXES)}, also .gz, .bz2, .xz)")
    if not members:
        raise InputError(
            f"{name}: no post files found in this archive (looked for {', '.join(archives.POST_FILES)}, "
            f"else data files: {', '.join(DATA_SUFFIXES + ARCHIVE_SUFFIXES)})"
        )
    # tweets.js does not name its author; account.js does
    owner = platforms.twitter.ARCHIVE_OWNER.set(platforms.twitter.archive_username(account) if account else None)
    try:
        parts = [  # (by content, as a file: a member may be compressed)
            _read_bytes(
                data,
                os.path.join(name, member) if folder else f"{name}:{member}",
                None,
                mapping,
                keep,
                date_order,
                fields=fields,
                depth=depth + 1,
                input_tz=input_tz,
            )
            for member, data in members.items()
        ]
    finally:
        platforms.twitter.ARCHIVE_OWNER.reset(owner)
    return _together(dict(zip(members, parts, strict=True)))


def _together(parts: dict[str, Loaded]) -> Loaded:
    """The files or archive members `parts` ({name: what was read of it}) as one read: their posts, their rejects
    (each naming its file), the notes and warnings of each, named."""
    posts = pd.concat([p.posts for p in parts.values()], ignore_index=True)
    columns = next((p.columns for p in parts.values() if p.columns), {})
    note = "; ".join(f"{m}: {p.note or 'read'}" for m, p in parts.items())
    # (a member's `Time` column of durations: its warning, naming the member, is the archive's)
    warned = "; ".join(f"{m}: {p.warning}" for m, p in parts.items() if p.warning)
    return Loaded(
        posts,
        pd.concat([p.rejects for p in parts.values()], ignore_index=True),
        sum(p.rows_read for p in parts.values()),
        columns,
        note,
        {"durations": warned} if warned else {},
    )


def _rejects(rows: list[tuple[str, str, str]], name: str) -> pd.DataFrame:
    """(position, reason, record) rows as rejects of `name`, in the order of their positions."""
    df = pd.DataFrame(rows, columns=REJECT_COLUMNS[1:], dtype=object)
    # a file name that is not UTF-8 (`caf\xe9.csv`, also in a tar or folder) holds surrogates no writer takes
    df.insert(0, "source", shown_name(name))
    return in_line_order(df)


def in_line_order(rejects: pd.DataFrame) -> pd.DataFrame:
    """Rejects in the order of their places in each source (`line 9` before `line 10`, `line 3 item 2` before
    `line 4`), the sources in the order they come. The readers found unreadable records (a ragged CSV row, a line
    that is no JSON) before the values of the others were checked, and listed them first: an analyst fixing a
    rejects file from the top jumped about the source. Costs a sort of the rejects, not of the posts: the numbers of
    their places (words of digits) read in C, ties as they came (a Python key per reject took 1.4 s a million)."""
    if len(rejects) < 2:
        return rejects
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    words = pc.split_pattern(pa.array(rejects["position"].astype(str).to_numpy(), pa.large_string()), " ")
    values = pc.list_flatten(words)
    digits = pc.fill_null(pc.utf8_is_digit(values), False)
    row = pc.list_parent_indices(words).filter(digits).to_numpy()
    number = pc.cast(values.filter(digits), pa.float64()).to_numpy()  # (a frame's row label may pass int64)
    nth = np.arange(len(row)) - np.searchsorted(row, row)  # (the first number of its place, the second ...)
    keys = np.full((int(nth.max()) + 1 if len(nth) else 0, len(rejects)), -1.0)  # (none: `line 3` before `line 3
    keys[nth, row] = number  # item 1`)
    order = np.lexsort([*keys[::-1], pd.factorize(rejects["source"])[0]])  # (the last key first; stable)
    return rejects if (order == np.arange(len(order))).all() else rejects.iloc[order].reset_index(drop=True)


def _check_source(source: object, called: str) -> None:
    """A TypeError naming the function called (`load(x)` was told "read() takes ..."), unless `source` is a
    file name or an open file (a DataFrame: `read_frame`'s, before this)."""
    if not isinstance(source, (str, os.PathLike)) and not hasattr(source, "read"):  # (os.stat's words named no fix)
        raise TypeError(f"{called}() takes a file name, an open file or a DataFrame, not {type(source).__name__}")


#: the source a frame's rejects name (`read_frame`)
FRAME = "<DataFrame>"


def read_frame(
    df: pd.DataFrame,
    who: str = "read",
    *,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    fields: tuple[str, ...] | str | None = None,
    input_tz: str | None = None,
) -> Loaded:
    """A frame's posts as the loaders give a file's: its schema columns read as a file's cells (`conform`; its other
    columns kept after), and its rows without text (missing, NaN, empty or blank) rejected as a file's are ("empty
    text"; they were analyzed as empty posts and stored), each with its row label as position and its cells as
    a JSON record. The posts keep the frame's index. `who`: the library call named by its errors. `mapping`,
    `date_order`, `fields` and `input_tz` as `read` takes them for a file; dates only beside a time-of-day column
    (`Date`, `Time`) are read with it, as a file's are, so a frame and its CSV give the same posts. Other column
    names are not taken for fields (a file's `Date` or `id` is): a frame's columns are the caller's; the note names
    such columns."""
    check_options(mapping, date_order, input_tz, fields)
    mapping = mapping or {}
    check_frame(df, who, text="text" not in mapping)
    wanted = POST_COLUMNS if fields is None else ("text", *_names(fields))
    columns = {c: c for c in wanted if c in df.columns and c not in mapping.values()}
    for field, column in mapping.items():
        if column not in df.columns:
            raise InputError(
                f"{who}(): mapping {{{field!r}: {column!r}}}: no column {column!r} (columns: {_shown(df)})"
            )
        if field in wanted:
            columns[field] = column
    if "text" not in columns:  # (`fields`/`mapping` naming its text column away)
        raise InputError(f"{who}(): no 'text' column (columns: {_shown(df)}); name it with mapping={{'text': ...}}")
    names = [c for c in df.columns if isinstance(c, str)]
    clock = time_of_day_column(names, columns) if "created_at" in columns else None
    day_note = ""
    extra = [c for c in df.columns if c not in POST_COLUMNS and c not in columns.values()]
    posts = conform(df, extra, columns=columns, date_order=date_order)
    timed, dated = None, columns.get("created_at")
    if clock:  # (dates only: their time of day is the other column's, which is then no column of the caller's)
        at = pd.RangeIndex(len(df))  # (by position, as `conform` reads: the caller's index may repeat labels)
        src = df[clock].set_axis(at)
        other: dict = {}
        timed = with_time_of_day(posts["created_at"].set_axis(at), src, clock, date_order, {}, other)
        if timed is not None:
            refuse(df.index, clock, TIMESTAMP, src, timed[1], timed[2])
            posts["created_at"] = timed[0].set_axis(df.index)
            posts = posts.drop(columns=clock)
            columns["created_at"] = f"{columns['created_at']}+{clock}"
            if other:
                told = (
                    clock,
                    columns["created_at"],
                    other["value"],
                    f"row {df.index[other['label']]!r}",
                    other["date"],
                )
                day_note = other_day_note({"other_day": told})
    if input_tz is not None:  # (as `from_raw`: those without a zone, on its clock; a review's reply on it too)
        from ..config import zone

        local = zone(input_tz, "input_tz")
        if "created_at" in columns:
            unzoned = zoneless(_first(df[dated]))
            if timed is not None:
                unzoned &= zoneless(_first(df[clock]))
            posts["created_at"] = in_zone(posts["created_at"], unzoned, local)
        if "replied_at" in posts.columns:  # (it stayed UTC beside created_at's zone)
            posts["replied_at"] = in_zone(posts["replied_at"], zoneless(_first(df["replied_at"])), local)
    empty = no_text(posts["text"]).to_numpy(bool)
    # (and a post deleted or removed, Reddit's "[deleted]", as a file's: a frame's were read, and their comments
    # answered; stop 47)
    gone = ~empty & gone_text(posts["text"]).to_numpy(bool)
    rejected = []
    if (out := empty | gone).any():  # (a loop over the rejected rows alone)
        rows = [f"row {label!r}" for label in df.index[out]]
        said = posts["text"][out].astype(str).str.strip().tolist()
        why = ["empty text" if e else f"text {t}: deleted or removed" for e, t in zip(empty[out], said, strict=True)]
        rejected = list(zip(rows, why, _objects(df[out]), strict=True))
        posts = posts[~out]
    note = ", ".join(x for x in (_unnamed(df, columns, wanted), day_note) if x)
    return Loaded(posts, _rejects(rejected, FRAME), len(df), columns, note)


def _shown(df: pd.DataFrame) -> str:
    return ", ".join(map(str, df.columns[:30])) or "none"


def _unnamed(df: pd.DataFrame, columns: dict[str, object], wanted) -> str:
    """A note naming a frame's columns a file's would be read as fields (`Date` as created_at), and how to read them."""
    spelt = {c: spellings(c) for c in df.columns if c not in columns.values()}
    found = {}
    for field in wanted:
        if field in columns:
            continue
        for alias in ALIASES[field]:
            hit = next((c for c, names in spelt.items() if alias in names and c not in found.values()), None)
            if hit is not None:
                found[field] = hit
                break
    if not found:
        return ""
    return f"columns not read as fields, as a file's would be: name them with mapping={found!r}"


def _read_frame(df: pd.DataFrame, who: str, *, format: str | None = None, keep=(), **options) -> Loaded:
    """`read_frame` of `read(df, ...)` and `load(df, ...)`: a TypeError for the options a frame has no use for."""
    for name, value in (("format", format), ("keep", keep)):
        if value:
            why = "it is no file" if name == "format" else "its other columns are kept"
            raise TypeError(f"{who}() of a DataFrame takes no {name} ({why})")
    return read_frame(df, who, **options)


def warn_rejects(loaded: Loaded, stacklevel: int = 2) -> None:
    """A warning of `loaded`'s rejects, if any, for a notebook (the CLI counts and shows them): how many, the first."""
    if len(loaded.rejects):
        first = loaded.rejects.iloc[0]
        warnings.warn(
            f"{len(loaded.rejects)} of {loaded.rows_read} records rejected "
            f"(first: {first.source} {first.position}: {first.reason}); use brandpulse.read() to get them",
            stacklevel=stacklevel + 1,
        )


def load(source: str | Path | IO, **kwargs) -> pd.DataFrame:
    """The posts in `source` (a file, stream or DataFrame, as `read` takes them) as a canonical DataFrame. Rejected
    records raise a warning; use `read()` to get them."""
    if isinstance(source, pd.DataFrame):
        loaded = _read_frame(source, "load", **kwargs)
    else:
        _check_source(source, "load")
        loaded = read(source, **kwargs)
    warn_rejects(loaded)
    if loaded.warning:  # (what the CLI tells even with -q: a folder's archive left unread, NUL bytes dropped, ...)
        warnings.warn(loaded.warning, stacklevel=2)
    return loaded.posts
