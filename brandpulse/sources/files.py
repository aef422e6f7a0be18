"""Readers for tabular and JSON files: each returns raw records (all values as found)
plus the records that could not be parsed at all, with their position in the file."""

from __future__ import annotations

import atexit
import bisect
import codecs
import csv
import io
import json
import math
import re
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from xml.etree import ElementTree
from xml.sax import SAXParseException

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..errors import InputError
from ..schema import STRING, byte_counts
from . import shapes
from .archives import check_zip_sizes
from .columns import find_header_row, is_header, names_text
from .platforms import rss
from .platforms.twitter import ARCHIVE_PREFIX
from .text import cjk_doubt, decode, detect_encoding, made_no_fffd, utf8_or_cp1252

DELIMITERS = ",;\t|"


@dataclass
class Raw:
    """Records as read, before mapping: `positions` names each record's place in the file
    ("line 12", "item 3") for the rejects file."""

    records: pd.DataFrame
    positions: pd.Series
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (position, reason, record)
    note: str = ""
    delimiter: str = ","  # joins a rejected record's fields back into a line, as in its file
    #: XLSX: {record: {column: "=formula"}} of formulas no spreadsheet computed (`unsaved_formulas`)
    formulas: dict[int, dict[str, str]] = field(default_factory=dict)
    #: XLSX: the workbook counts its day numbers from 1904 (Excel for Mac's old default), not 1899-12-30
    days_from_1904: bool = False
    #: JSON, Parquet: {column: its values as parsed} of the columns read as text that held numbers, lists or objects:
    #: a Parquet record is rejected with them (`"tags": ["b", "c"]`, not `"b;c"`), a JSON text that is a list rejected
    typed: dict[str, pd.Series] = field(default_factory=dict)
    #: JSON, JSON Lines, feeds: each record as its file has it, for the rejects file: a JSON Lines line's text, else
    #: the object (written again as JSON: its nulls, nested objects and key order, which the records lose)
    written: list | None = None
    #: text not UTF-8 read as cp1252 where the first MiB of a CSV did not say so: the CJK encodings it may be in after
    #: all (`cjk_doubt`), for the file's note (`from_raw`): a JSON file, a CSV's later blocks
    cjk: tuple[str, ...] = ()
    #: its decoding made no U+FFFD (UTF-8, and its cp1252 fallback, turn every byte into a character): a U+FFFD in its
    #: text is the file's own, no byte lost (`count_undecoded`)
    lossless: bool = False
    #: Parquet: the records a byte that is not UTF-8 was read as U+FFFD in, which its reader knows (`count_undecoded`
    #: counts them, not a U+FFFD the file holds as its own)
    replaced: np.ndarray | None = None
    #: CSV, JSON, JSON Lines: the NUL bytes dropped (a disk's padding after a crash: they carry no text), which the
    #: file's warning counts (`dates_warning`)
    nuls: int = 0
    #: the line of the first of them, which the warning names (a file's, as its rejects' positions count lines)
    nul_line: int | None = None


def sniff_format(data: bytes, name: str = "") -> str:
    """csv, tsv, json, jsonl, parquet, xlsx, feed (RSS/Atom), zip or tar, from the file name or else the first bytes."""
    lower = name.lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx" if lower.endswith((".xlsx", ".xlsm")) or _workbook(data) else "zip"
    if data[:4] == b"PK\x05\x06":  # a zip of no files: its end record alone
        return "zip"
    if data[257:262] == b"ustar":  # (POSIX and GNU tar headers)
        return "tar"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE file: Excel 97-2003, or a workbook with a password
        return "xls"
    for ext, fmt in (
        (".xlsx", "xlsx"),
        (".js", "json"),  # X archive `tweets.js`: JSON behind a `window.YTD... =` prefix
        (".rss", "feed"),
        (".atom", "feed"),
        (".parquet", "parquet"),
        (".pq", "parquet"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
        (".tsv", "tsv"),
        (".tab", "tsv"),
        (".csv", "csv"),
    ):
        if lower.endswith(ext):
            return fmt
    if data[:4] == b"PAR1":
        return "parquet"
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if ARCHIVE_PREFIX.match(head):
        return "json"
    if rss.looks_like_feed(head):
        return "feed"
    if head[:1] == b"[":
        return "json"
    if head[:1] == b"{":
        first, _, rest = head.partition(b"\n")
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            return "json"
        return "jsonl" if rest.strip()[:1] == b"{" else "json"
    return "csv"


def _workbook(data: bytes) -> bool:
    """Whether zip bytes are a workbook: `xl/workbook.xml` a member, not in a member (a zip holding an
    .xlsx stored uncompressed was read as one). Of a zip's top alone, the name anywhere in it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return b"xl/workbook.xml" in data


#: a line end: LF, CRLF, or CR alone, as pyarrow, pandas and spreadsheets end lines (and count them in rejects)
LINE_END = re.compile(r"\r\n?|\n")
LINE_END_BYTES = re.compile(rb"\r\n?|\n")
LONE_CR = re.compile(rb"\r(?!\n)")
FIRST_LINE_END = re.compile(r'(?:"[^"]*"|[^"\r\n])*(\r\n?|\n)')


def _line_ends(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


#: `sep=;`, the first line by which Excel names a CSV file's delimiter (it writes none, but reads it)
EXCEL_SEP = re.compile(r"sep=([^\r\n\"])(?:\r\n|\r|\n)", re.IGNORECASE)


@dataclass
class CsvLayout:
    """What the top of a CSV file tells: delimiter, column names, and how many physical lines
    (title rows and the header, with newlines inside quoted names) come before the records."""

    delimiter: str
    names: list[str]
    header_lines: int
    note: str
    cr_lines: bool = False  # lines end with CR alone: the stream makes each CR a line feed
    header: list[str] = field(default_factory=list)  # the header's cells as written


def csv_layout(head: str, encoding: str, delimiter: str | None = None, text_column: str | None = None) -> CsvLayout:
    """The layout from the decoded first part of a file (the first megabyte is plenty); `text_column`: the
    column `--map text=` names, which marks the header as a text column's alias does."""
    head = head.replace("\x00", "")
    # lines ended by CR alone (classic Mac, "CSV (Macintosh)"), told by the first line's end (outside quotes:
    # a header name may break lines): the LF that breaks lines in a cell there made it a file of LF lines,
    # whose header was skipped up to that LF
    end = FIRST_LINE_END.match(head) or LINE_END.search(head)
    cr_lines = end is not None and end.group(end.lastindex or 0) == "\r"
    if cr_lines:  # (a CRLF later on, as an edit in another program leaves: one line end, as in `Utf8Stream`)
        head = LINE_END.sub("\n", head)
    excel = EXCEL_SEP.match(head)
    if excel:  # Excel's line naming the delimiter, above the header
        head, delimiter = head[excel.end() :], delimiter or excel.group(1)
    if delimiter is None:
        delimiter = sniff_delimiter(head, text_column)
    top = _first_rows(head, delimiter, 30)
    skip = find_header_row(top, text_column=text_column)
    first = top[skip] if top else None
    if not first or not any(c.strip() for c in first):
        raise InputError("empty file: no header row")
    titles = sum(1 + sum(_line_ends(c) for c in row) for row in top[:skip])
    header_lines = bool(excel) + titles + 1 + sum(_line_ends(c) for c in first)
    note = f"{encoding}, delimiter {delimiter!r}" if delimiter != "," or encoding != "utf-8" else ""
    if skip:
        shown = f"{titles} title line" + ("s" if titles != 1 else "")
        note = ", ".join(x for x in (note, f"skipped {shown} above the header") if x)
    names = [c.strip() for c in first]
    note = ", ".join(x for x in (note, _twice(names)) if x)
    return CsvLayout(delimiter, _dedupe(names), header_lines, note, cr_lines, first)


def _twice(names: list[str]) -> str:
    """The note on header names given twice: the first is read; said rather than leave the other unread
    without a word."""
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if not twice:
        return ""
    shown = ", ".join(repr(n) for n in twice)
    times = "twice" if all(names.count(n) == 2 for n in twice) else "more than once"
    kept = [new for old, new in zip(names, _dedupe(names), strict=True) if old and new != old]  # (what --map names)
    others = "the other" + ("s" if len(kept) > 1 else "")
    first = "the first" + (" of each" if len(twice) > 1 else "")
    return f"header names {shown} {times}: {first} is read, {others} kept as {', '.join(map(repr, kept))}"


_CODECS = {
    "utf-8": ("utf-8", "strict"),
    "utf-8+cp1252": ("utf-8", "brandpulse-cp1252"),
    "utf-8-sig": ("utf-8-sig", "brandpulse-cp1252"),  # Excel's BOM, and cp1252 bytes an edit added
}


class Utf8Stream(io.RawIOBase):
    """A binary file of any detected encoding, read block by block as UTF-8 without NUL bytes
    (they end strings in C parsers and carry nothing), starting after `skip_lines` lines.

    Input already known to be valid UTF-8 is passed through as bytes, without decoding."""

    def __init__(
        self,
        raw,
        encoding: str,
        skip_lines: int = 0,
        block: int = 1 << 22,
        *,
        cr_lines: bool = False,
        whole: bytes | None = None,
    ):
        name, errors = _CODECS.get(encoding, (encoding, "replace"))
        self._raw, self._block, self._skip = raw, block, skip_lines
        self._mostly_utf8 = encoding == "utf-8+cp1252"
        self._cr_lines = cr_lines  # (CR alone ends lines: each CR read as a line feed)
        plain = encoding == "utf-8" or self._mostly_utf8
        self._decoder = None if plain else codecs.getincrementaldecoder(name)(errors=errors)
        self.lossless = True  # no U+FFFD made yet (`Raw.lossless`): UTF-8 and cp1252 make none
        self._encoding = name
        self._buf, self._eof, self._tail, self._cr, self._before = bytearray(), False, b"", b"", b""
        self.last = b""  # the last byte that is not a space or line end: `"` when the file ends a quoted field
        self.tail = b""  # the last bytes read (`_unclosed_at_end`)
        self._lock, self._stopped = threading.Lock(), False
        # the blocks read past the skipped lines until `release`d, for `line`: [block, the file line it starts
        # on, its line ends' offsets], the last two made when asked (`_index`: most files are never asked)
        self._kept: list[list] = []
        self._lines = skip_lines + 1  # the file line of the first block not yet indexed
        self._whole = whole  # the bytes `raw` reads (`read_csv`): blocks passed as read are kept as views of them
        self.lone_cr = False  # a CR alone was read: a line end (`LINE_END`), as for pyarrow
        self.cjk: tuple[str, ...] = ()  # a block not UTF-8 may be in these CJK encodings (`cjk_doubt`)
        self.nuls = 0  # the NUL bytes dropped so far
        self.nul_line: int | None = None  # the file line of the first (`Raw.nul_line`)
        self._ends = 0  # the line ends read before it, counted until it is found

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        at = self._raw.tell() if self._whole is not None else -1
        data = raw = self._raw.read(self._block)
        self._eof = not data
        if self._mostly_utf8:
            data = self._utf8_or_cp1252(data)
        elif self._decoder is not None:
            text = self._decoder.decode(data, final=self._eof)
            self.lossless = self.lossless and made_no_fffd(data, text, self._encoding)
            data = text.encode("utf-8", "surrogatepass")
        if self.nul_line is None:  # (LF, CRLF or CR alone, as rejects' lines are counted; a CRLF cut by a block aside)
            at_nul = data.find(b"\x00")
            before = data if at_nul < 0 else data[:at_nul]
            self._ends += before.count(b"\n") + (before.count(b"\r") - before.count(b"\r\n") if b"\r" in before else 0)
            if at_nul >= 0:
                self.nul_line = self._ends + 1
        if b"\x00" in data:
            self.nuls += data.count(b"\x00")
            data = data.replace(b"\x00", b"")
        as_read = data
        if self._cr or b"\r" in data:  # (a CR ending a block waits for the next: it may start with a CRLF's LF)
            data, self._cr = self._cr + data, b""
            if not self._eof and data.endswith(b"\r"):
                data, self._cr = data[:-1], b"\r"
            as_read = data
            if self._cr_lines:  # (a CRLF among them, as an edit in another program leaves, is one line end too)
                data = LONE_CR.sub(b"\n", data) if b"\r\n" in data else data.replace(b"\r", b"\n")  # (5x faster)
            else:
                self.lone_cr = self.lone_cr or LONE_CR.search(data) is not None
        if end := data.rstrip(b" \t\r\n"):
            self.last = end[-1:]
        self.tail = (self.tail + data[-TAIL:])[-TAIL:]
        while self._skip and data:
            cut = LINE_END_BYTES.search(data)
            if cut is None:
                data = b""
                break
            data, self._skip = data[cut.end() :], self._skip - 1
        self._buf += data
        if data:
            end = at + len(raw)  # (a block as read, or its end after the header: a view)
            if self._cr_lines:  # kept with its CRs (at the same offsets): `line` gives the file's line ends
                data = as_read[len(as_read) - len(data) :]
            kept = memoryview(self._whole)[end - len(data) : end] if at >= 0 and raw.endswith(data) else data
            self._kept.append([kept, None, None])

    def _utf8_or_cp1252(self, data: bytes) -> bytes:
        """A block of a file checked as UTF-8 only at its top: blocks that are valid UTF-8 (Arrow checks
        in C, 8 times faster than decoding and encoding again) pass as they are; the others are
        decoded with the cp1252 fallback. A character cut at the end waits for the next block."""
        data, self._tail = self._tail + data, b""
        if not self._eof:
            cut = _whole_characters(data)
            data, self._tail = data[:cut], data[cut:]
        before, self._before = self._before, data[-1:]  # (a pair at a block's top: the letter before it)
        try:
            pa.array([data], pa.binary()).cast(pa.string())
            return data
        except pa.ArrowInvalid:
            if not self.cjk:  # (past the first MiB: its note had no word of it; from the first line not UTF-8 on)
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    self.cjk = tuple(cjk_doubt(data[data.rfind(b"\n", 0, exc.start) + 1 :]))
            return utf8_or_cp1252(data, before).encode("utf-8", "surrogatepass")

    def readinto(self, out) -> int:
        with self._lock:
            if self._stopped:
                return 0
            while len(self._buf) < len(out) and not self._eof and not self._stopped:  # (`stop`: at once)
                self._fill()
            n = min(len(out), len(self._buf))
            out[:n] = self._buf[:n]
            del self._buf[:n]  # bytearray: deleting from the front is amortised O(1)
            return n

    def _index(self) -> None:
        """The line each kept block starts on, and its line ends: LF, and CR alone (numpy: faster than
        bytes.count). No block ends with a CR that a LF follows (`_fill`)."""
        for block in self._kept if self._kept and self._kept[-1][1] is None else ():
            if block[1] is None:
                data = np.frombuffer(block[0], np.uint8)
                ends = np.flatnonzero(data == 10)
                if (self._cr_lines or self.lone_cr) and len(cr := np.flatnonzero(data == 13)):
                    ends = np.union1d(ends, cr[data[np.minimum(cr + 1, len(data) - 1)] != 10])  # (last: the file's)
                block[1], block[2] = self._lines, ends
                self._lines += len(ends)

    def line(self, number: int, end: bool = False) -> bytes:
        """File line `number` as read (with its line end, LF, CRLF or CR, if `end`), from the blocks not yet
        released."""
        with self._lock:
            self._index()
            kept = self._kept
            k = max(bisect.bisect_left(kept, number, key=lambda b: b[1]) - 1, 0)  # (the block it starts in)
            out = b""
            while k < len(kept):
                data, first, ends = kept[k]
                start = ends[number - first - 1] + 1 if number > first else 0
                stop = ends[number - first] if number - first < len(ends) else len(data)
                out += data[start : stop + end]  # (bytes, also of a view)
                if stop < len(data):
                    return out
                k, number = k + 1, first + len(ends)  # (the line goes on in the next block)
            return out

    def release(self, number: int) -> None:
        """Drop the blocks that end before file line `number`."""
        with self._lock:
            self._index()
            while len(self._kept) > 1 and self._kept[1][1] < number:
                del self._kept[0]

    def stop(self, timeout: float = -1) -> bool:
        """Read nothing more from the file, once a read under way is done (its block read; waiting at most
        `timeout` seconds: False when it did not end). pyarrow reads ahead in its own thread, which can
        outlive a reader that failed: before the file is read again from its top, the old stream must stop
        moving the file's position."""
        self._stopped = True
        if not self._lock.acquire(timeout=timeout):
            return False
        self._lock.release()
        return True


def _whole_characters(data: bytes) -> int:
    """How many bytes of `data` come before a UTF-8 character cut at its end (all, when none is)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:  # the lead byte of the last character: 2, 3 or 4 bytes long
            return len(data) if back >= 2 + (byte >= 0xE0) + (byte >= 0xF0) else len(data) - back
    return len(data)


def _decode_head(top: bytes, encoding: str) -> str:
    """The first bytes as text; a character cut at the end is left out, not an error."""
    if encoding == "utf-8+cp1252":  # (as `Utf8Stream` reads the file: UTF-8 or else `utf8_or_cp1252`)
        top = top[: _whole_characters(top)]
        try:
            return top.decode("utf-8")
        except UnicodeDecodeError:
            return utf8_or_cp1252(top)
    name, errors = _CODECS.get(encoding, (encoding, "replace"))
    return codecs.getincrementaldecoder(name)(errors=errors).decode(top)


def read_csv(data: bytes, delimiter: str | None = None, text_column: str | None = None) -> Raw:
    """The whole file as one Raw."""
    encoding = detect_encoding(data)
    head = _decode_head(data[: 1 << 20], encoding)
    shown = _shown_encoding(data, encoding)
    return next(_csv_chunks(io.BytesIO(data), encoding, delimiter, None, head, shown, text_column, whole=data))


def _shown_encoding(data: bytes, encoding: str) -> str:
    """`encoding` as the file's note names it, with `cjk_doubt`'s encoding when it may be that one instead."""
    if encoding == "utf-8+cp1252" and (other := cjk_doubt(data)):
        return f"{encoding} (if its text reads wrong: --encoding {' or '.join(other)})"
    return "utf-8" if encoding == "utf_8_sig" else encoding  # (`--encoding utf-8`: `detect_encoding`)


def csv_header(
    head: bytes, delimiter: str | None = None, whole: bool = True, text_column: str | None = None
) -> Raw | None:
    """The columns of a CSV file from its first bytes (`whole`: they are all of it), as a Raw of no records;
    None when those bytes hold no whole header (the file's read tells why)."""
    encoding = detect_encoding(head)
    text = _decode_head(head, encoding).replace("\x00", "")
    if not whole:  # (a header's last line may be cut: only the whole lines, and some after the header)
        text = text[: text.rfind("\n") + 1]
    try:
        layout = csv_layout(text, encoding, delimiter, text_column)
    except InputError:
        return None
    if not whole and layout.header_lines >= text.count("\n"):
        return None
    records = pd.DataFrame({n: pd.Series(dtype=STRING) for n in layout.names})
    return Raw(records, pd.Series(dtype=object), [], layout.note, layout.delimiter)


def iter_csv(
    fh, delimiter: str | None = None, chunksize: int = 100_000, text_column: str | None = None
) -> Iterator[Raw]:
    """A seekable binary CSV file as Raws of `chunksize` records; memory stays bounded by the chunk.
    Positions and rejects carry the physical line numbers of the whole file."""
    top = fh.read(1 << 20)
    fh.seek(0)
    shown = detect_encoding(top)
    # only the top was checked: later bytes that are not UTF-8 fall back to cp1252, as in read_csv
    encoding = "utf-8+cp1252" if shown == "utf-8" else shown
    shown = _shown_encoding(top, shown)
    yield from _csv_chunks(fh, encoding, delimiter, chunksize, _decode_head(top, encoding), shown, text_column)


#: bytes pyarrow reads at a time. Its reader keeps up to 32 blocks read ahead (in Python bytes, from
#: another thread): with 4 MiB blocks that was 100-130 MB, and the heap it left scattered grew over
#: a long stream. A record longer than about a block is an error in pyarrow: the file is then read
#: again with 4 times larger blocks (`_csv_chunks`).
BLOCK = 1 << 20
MAX_BLOCK = 1 << 28


def _csv_chunks(
    fh,
    encoding: str,
    delimiter: str | None,
    chunksize: int | None,
    head: str,
    shown: str | None = None,
    text_column: str | None = None,
    whole: bytes | None = None,
) -> Iterator[Raw]:
    """Raws of `chunksize` records (None: one Raw of everything) from a binary file; the shared core
    of `read_csv` and `iter_csv`. `shown` is the encoding named in the note (default `encoding`); `whole`:
    the file's bytes, when `fh` reads them (`Utf8Stream`)."""
    layout = csv_layout(head, (shown or encoding).replace("+cp1252", " with cp1252 bytes"), delimiter, text_column)
    names = layout.names
    schema = pa.schema([(n, pa.string()) for n in names])
    bad: list[tuple[int, str, str]] = []
    # rows: records (good and bad) passed on; good: of them good; seen: bad records found so far
    state = {"rows": 0, "good": 0, "seen": 0, "line": layout.header_lines + 1}

    def on_invalid(row: pacsv.InvalidRow) -> str:
        if row.number > state["seen"]:  # a re-read meets the bad records it found before again
            state["seen"] = row.number
            if row.actual_columns > row.expected_columns and _blank_after(row.text, layout.delimiter, row):
                bad.append((row.number, FITS, row.text))  # a spreadsheet's trailing comma: a record all the same
            elif row.text.strip():
                reason = _expected(row.expected_columns, row.actual_columns, layout.delimiter)
                bad.append((row.number, reason, row.text))
            else:  # a blank line: no record, but a line, so the records after it keep their line numbers
                bad.append((row.number, None, row.text))
        return "skip"

    top, block = fh.tell(), BLOCK
    while True:
        fh.seek(top)
        pending: list[pa.RecordBatch] = []
        count, skip = 0, state["good"]  # good records already passed on by an earlier read
        stream = Utf8Stream(fh, encoding, layout.header_lines, cr_lines=layout.cr_lines, whole=whole)
        batches = _csv_batches(stream, layout, schema, block, on_invalid)
        try:
            for batch in batches:
                if skip:
                    passed = min(skip, batch.num_rows)
                    batch, skip = batch.slice(passed), skip - passed
                pending.append(batch)
                count += batch.num_rows
                while chunksize and count > chunksize:  # (the last record stays for the last chunk)
                    table = pa.Table.from_batches(pending, schema)
                    pending, count = table.slice(chunksize).to_batches(), count - chunksize
                    state["good"] += chunksize
                    yield _chunk(table.slice(0, chunksize), names, bad, state, layout, stream, last=False)
            break
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc) or block >= MAX_BLOCK:
                raise InputError(f"cannot parse as CSV: {str(exc).splitlines()[0]}") from exc
            block *= 4  # a record longer than a block: read again, passing over what was passed on
        finally:  # (also when closed by the reader, `_in_date_order`: the file is then read again from its top)
            batches.close()  # pyarrow's reading ahead is over before the file is read again or let go
    if count or bad or chunksize is None or not state["rows"]:
        table = pa.Table.from_batches(pending, schema)
        n = table.num_rows
        if _unclosed_at_end(table, stream.last, stream.tail, layout.delimiter):
            *before, open_field = table.slice(n - 1).to_pylist()[0].values()  # (as written: its quote back)
            record = _fields_line([*before, ""], layout.delimiter) if before else ""
            record += '"' + open_field.replace('"', '""')
            bad.append((state["rows"] + n + len(bad), _unclosed(record), record))
            table = table.slice(0, n - 1)
        elif bad and bad[-1][0] == state["rows"] + n + len(bad) and _open_quote(bad[-1][2], layout.delimiter):
            # the quote left open in another field: its field count was named, not the quote
            bad[-1] = (bad[-1][0], _unclosed(bad[-1][2]), bad[-1][2])
        yield _chunk(table, names, bad, state, layout, stream, last=True)


def _unclosed_at_end(table: pa.Table, last_byte: bytes, tail: bytes, delimiter: str) -> bool:
    """Whether the file's last record is a quoted field that never closed: its last field holds a line
    break (so it was quoted) or the file ends with it after a quote opening the field, but the file does not
    end with a quote (or ends with it, its quotes doubled: `2,"say ""hi""`). pyarrow then reads the rest of the
    file, posts and all, into that one field (on the last line alone, `2,"open` was a post); a quote left open
    in another field breaks its field count."""
    if not table.num_rows:
        return False
    value = table.column(table.num_columns - 1)[table.num_rows - 1].as_py()
    if value is None:
        return False
    opened = ('"' + value.replace('"', '""')).encode()
    # (after the delimiter or a line start: `2,""hello` closed its quote, and is `hello`; `7,"\n"` and its line
    # end end with `"\n` too, closed)
    ends = tail.endswith(opened) and tail[: -len(opened)][-1:] in (delimiter.encode(), b"\n", b"\r", b"")
    ends = ends and not tail.rstrip(b"\r\n").endswith(opened + b'"')
    return ends or (("\n" in value or "\r" in value) and last_byte != b'"')


#: bytes of a file's end kept to tell a last field's quote left open (`Utf8Stream.tail`)
TAIL = 1 << 16


UNCLOSED = "unclosed quote: this record runs to the end of the file"


def _unclosed(record: str) -> str:
    lines = _line_ends(record.rstrip("\r\n")) + 1
    return f"{UNCLOSED} ({lines:,} line{'s' if lines != 1 else ''})"


def _open_quote(text: str, delimiter: str) -> bool:
    """Whether `text` (the file's last record) ends inside a quoted field."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # (the rest of a large file is in that field)
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    finally:
        csv.field_size_limit(limit)
    return False


def _csv_batches(stream, layout: CsvLayout, schema: pa.Schema, block: int, on_invalid) -> Iterator[pa.RecordBatch]:
    """pyarrow's streaming reader over `stream`, in blocks of `block` bytes (no batch for an empty file)."""
    try:
        reader = pacsv.open_csv(
            stream,
            read_options=pacsv.ReadOptions(column_names=schema.names, use_threads=False, block_size=block),
            parse_options=pacsv.ParseOptions(
                delimiter=layout.delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,  # (skipped without a trace, they put the later rejects' lines off)
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict(zip(schema.names, schema.types, strict=True)),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:  # (on the first block: its thread may be reading the next ones)
        _end_reading(stream)
        if "Empty CSV file" in str(exc):
            return
        raise
    _READING[stream] = reader
    try:
        yield from reader
    finally:
        _end_reading(stream)


#: the streams pyarrow's reading thread may still call, and their readers (`_csv_batches`)
_READING: dict[Utf8Stream, pacsv.CSVStreamingReader] = {}
#: when a reader last ended (`time.monotonic`), and the time its threads are given to let go of its last blocks
#: (pyarrow's buffers of the stream's bytes each take the GIL as they go) before Python shuts down
_ENDED, SETTLE = [float("-inf")], 0.05


def _end_reading(stream: Utf8Stream) -> None:
    """Stop pyarrow's reading ahead of the batches parsed: once a reader is let go (at its end, on an error, or
    closed part-way), its thread would go on calling `stream` for the blocks ahead, up to 32. A thread in that
    Python call as Python shuts down (a run stopped part-way by Ctrl-C or SIGTERM) aborted the process: "Fatal
    Python error: PyGILState_Release ... finalizing", SIGABRT, exit 134. The stream gives no more bytes, and the
    blocks read ahead are parsed (and dropped) until the reader's end, which its thread sends after its last
    call. Waits at most 2 s for a read under way (a file that does not answer)."""
    reader = _READING.pop(stream, None)
    if sys.is_finalizing() or not stream.stop(timeout=2):
        return
    try:
        for _ in reader or ():
            pass
    except pa.ArrowInvalid:  # (a record cut by the stream's early end, or the error the reader stopped on)
        pass
    _ENDED[0] = time.monotonic()


@atexit.register
def _end_all_reading() -> None:
    """Before Python shuts down (its exit hooks run first): the readers still open, as a generator left
    suspended by a run stopped part-way, or kept by a traceback until Python frees it."""
    for stream in list(_READING):
        _end_reading(stream)
    time.sleep(max(0.0, _ENDED[0] + SETTLE - time.monotonic()))


def _chunk(table: pa.Table, names: list[str], bad: list, state: dict, layout: CsvLayout, stream, last: bool) -> Raw:
    """One Raw from `table`, taking from `bad` the invalid rows that lie before its end (`stream`: the file's
    lines, for `_closed_mid_field`)."""
    records = table.to_pandas(types_mapper={pa.string(): STRING, pa.large_string(): STRING}.get)
    records.columns = names
    first_row, n = state["rows"], len(records)
    k = len(bad) if last else 0
    while k < len(bad) and bad[k][0] - 1 < first_row + n + k:  # pyarrow numbers rows (good and bad) from 1
        k += 1
    mine = [(num - 1 - first_row, reason, text) for num, reason, text in bad[:k]]
    del bad[:k]
    positions, state["line"], spans = _physical_lines(records, mine, state["line"], stream.lone_cr)
    if layout.cr_lines and spans is not None:  # (the parser read each CR as a LF; the lines known)
        mine = [(ln, r, _as_written(rec, ln, stream) if r not in (None, FITS) else rec) for ln, r, rec in mine]
    state["rows"] += n + k
    drop, closed, reread = _closed_mid_field(records, positions, spans, stream, layout.delimiter)
    if spans is not None:  # (the lines known)
        mine, more, again = _bad_closed_mid_field(mine, stream, layout.delimiter, records.shape[1])
        closed, reread = closed + more, reread + again
    quoted = _quoted_empty(records, positions, stream) if spans is not None else set()
    stream.release(state["line"])
    if drop:
        keep = ~positions.index.isin(drop)
        records, positions = records[keep].reset_index(drop=True), positions[keep].reset_index(drop=True)
    fitted = [(ln, rec) for ln, r, rec in mine if r is FITS] + reread
    if fitted:
        records, positions = _with_fitted(records, positions, fitted, layout)
    bad_rows = [
        (f"line {line}", reason, rec) for line, reason, rec in mine if reason is not None and reason is not FITS
    ]
    if closed:
        bad_rows = sorted(bad_rows + closed, key=lambda row: int(row[0][5:]))
    empty = (records.iloc[:, 0] == "").to_numpy(bool)  # a blank line (pyarrow: a record of empty fields)
    for col in range(1, records.shape[1]):
        if not empty.any():
            break
        empty &= (records.iloc[:, col] == "").to_numpy(bool)
    again = _header_again(records, layout.header)
    if again.any():  # files joined with `cat`: each one's header is a row of the whole
        width = min(records.shape[1], len(layout.header))
        lines = [
            _fields_line([c.removeprefix("\ufeff") for c in row], layout.delimiter)
            for row in records[again].iloc[:, :width].itertuples(index=False)
        ]
        why = "the header again (files joined together?)"
        bad_rows += [(pos, why, line) for pos, line in zip(positions[again], lines, strict=True)]
        bad_rows.sort(key=lambda row: int(row[0][5:]))
    if quoted:  # (a one-column file's `""`: a record of an empty text, rejected as a two-column file's `"",b` is)
        empty &= ~positions.isin(quoted).to_numpy(bool)
    empty = empty | again
    if empty.any():  # (its line counted above): not a post, no reject
        records, positions = records[~empty].reset_index(drop=True), positions[~empty].reset_index(drop=True)
    doubt = () if "(if its text reads wrong" in layout.note else stream.cjk  # (the first MiB's: said already)
    nuls, state["nuls"] = stream.nuls - state.get("nuls", 0), stream.nuls
    raw = Raw(records, positions, bad_rows, layout.note, layout.delimiter, cjk=doubt, lossless=stream.lossless)
    raw.nuls, raw.nul_line = nuls, stream.nul_line
    return raw


def _quoted_empty(records: pd.DataFrame, positions: pd.Series, stream: Utf8Stream) -> set[str]:
    """The positions (`line N`) of a one-column file's records written as an empty quoted field (`""`), which the
    parser gives as it gives a blank line: a record of an empty text, not a blank line to skip without a word."""
    if records.shape[1] != 1:  # (a wider file's record of empty fields, `,,`, is a spreadsheet's empty row)
        return set()
    empty = (records.iloc[:, 0] == "").to_numpy(bool)
    lines = positions[empty].tolist() if empty.any() else []
    return {at for at in lines if stream.line(int(at[5:])).strip(b" \t\r\n")}


def _as_written(record: str, line: int, stream: Utf8Stream) -> str:
    """A reject of a file of CR-alone lines, from file line `line`, with the file's line ends (CR, or a LF or
    CRLF a cell holds) where the parser saw LFs: as the lines read again after a quote closed mid-field."""
    parts = record.split("\n")
    ends = [stream.line(n, end=True)[len(stream.line(n)) :].decode() for n in range(line, line + len(parts) - 1)]
    return "".join(part + end for part, end in zip(parts, [*ends, ""], strict=True))


def _header_again(records: pd.DataFrame, header: list[str]) -> np.ndarray:
    """Which records repeat the header's cells (the first maybe after a BOM: the next file's start); in any letter
    case when there are two or more (`ID,Text` after `id,text`: another export's, read as a post of text "Text"),
    the exact cell of a one-column file (whose post may well be the word "Text")."""
    if len(header) < 2 or records.shape[1] < 2:
        return records.iloc[:, 0].isin([header[0], "\ufeff" + header[0]]).to_numpy(bool)
    same = np.ones(len(records), bool)
    for col in range(min(records.shape[1], len(header))):
        if not same.any():
            break
        cells = records.iloc[:, col].str.casefold()
        same &= (
            (cells.str.removeprefix("\ufeff") if col == 0 else cells)
            .eq(header[col].casefold())
            .to_numpy(bool, na_value=False)
        )
    return same


def _fields_line(fields: list[str], delimiter: str) -> str:
    """`fields` as a line of a CSV file, without its line end (a field holding a CR or LF quoted)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(fields)
    return out.getvalue()[:-2]


#: the reason of an "invalid" row whose fields past the header's are all blank (`1,text,3,` as a spreadsheet
#: saves a row): not a reject, a record of the header's fields
FITS = "fits"


def _blank_after(text: str, delimiter: str, row: pacsv.InvalidRow) -> bool:
    """Whether the row's fields past the header's `expected_columns` are all blank (split as pyarrow split them)."""
    rows = _first_rows(text, delimiter, 2)
    return (
        len(rows) == 1
        and len(rows[0]) == row.actual_columns
        and not any(f.strip() for f in rows[0][row.expected_columns :])
    )


def _with_fitted(
    records: pd.DataFrame, positions: pd.Series, fitted: list[tuple[int, str]], layout: CsvLayout
) -> tuple[pd.DataFrame, pd.Series]:
    """`records` with the rows that had blank fields past the header's put back in their place (by line)."""
    width = records.shape[1]
    extra = pd.DataFrame(
        [_first_rows(text, layout.delimiter, 1)[0][:width] for _, text in fitted], columns=records.columns, dtype=STRING
    )
    lines = np.concatenate([positions.str.slice(5).astype("int64").to_numpy(), [ln for ln, _ in fitted]])
    order = np.argsort(lines, kind="stable")
    both = pd.concat([records, extra], ignore_index=True).iloc[order].reset_index(drop=True)
    shown = pd.Series([f"line {ln}" for ln in lines[order]], dtype=STRING)
    return both, shown


def _physical_lines(
    records: pd.DataFrame, bad: list[tuple[int, str, str]], first_line: int, lone_cr: bool = False
) -> tuple[pd.Series, int, np.ndarray | None]:
    """Line where each good record starts, counting line ends inside quoted fields (`lone_cr`: CRs alone
    too), the line after the last record, and each column's line ends a record (None when the lines could
    not be told). pyarrow numbers records, not lines, so rebuild lines from the line ends of every record;
    `bad` (row index within this chunk, reason, text) gets its line in place."""
    n_bad = len(bad)
    total = len(records) + n_bad
    newlines = np.zeros(total, dtype=np.int64)
    bad_idx = np.array([num for num, _, _ in bad], dtype=np.int64)
    good_mask = np.ones(total, dtype=bool)
    good_mask[bad_idx[(bad_idx >= 0) & (bad_idx < total)]] = False
    counts = np.zeros(len(records), dtype=np.int64)
    by_column = [_line_counts(records.iloc[:, col], lone_cr) for col in range(records.shape[1])]
    for column in by_column:
        counts += column
    if good_mask.sum() == len(records):
        newlines[good_mask] = counts
        newlines[~good_mask] = [_line_ends(rec) for _, _, rec in bad]
        starts = first_line + np.arange(total) + np.concatenate([[0], np.cumsum(newlines)[:-1]])
        for i, (_num, reason, rec) in enumerate(bad):
            bad[i] = (int(starts[bad_idx[i]]), reason, rec)
        good_lines = starts[good_mask]
    else:  # numbering we cannot reconcile: fall back to record numbers
        good_lines = first_line + np.arange(len(records))
        for i, (num, reason, rec) in enumerate(bad):
            bad[i] = (first_line + num, reason, rec)
    end = first_line + total + int(newlines.sum() if good_mask.sum() == len(records) else counts.sum())
    lines = pc.binary_join_element_wise("line ", pa.array(good_lines).cast(pa.string()), "")
    positions = pd.Series(pd.arrays.ArrowStringArray(lines), index=records.index, dtype=STRING)
    return positions, end, by_column if good_mask.sum() == len(records) else None


def _line_counts(column: pd.Series, lone_cr: bool) -> np.ndarray:
    """The line ends in each value: LF, and with `lone_cr` CR alone (a CRLF counted once)."""
    counts = byte_counts(column, b"\n")
    if lone_cr and (cr := byte_counts(column, b"\r")).any():
        crlf = pc.count_substring(column.array.__arrow_array__(), "\r\n").to_numpy(zero_copy_only=False)
        counts += cr - np.nan_to_num(crlf).astype(np.int64)
    return counts


def _closed_mid_field(
    records: pd.DataFrame, positions: pd.Series, newlines: list | None, stream: Utf8Stream, delimiter: str
) -> tuple[list[int], list[tuple[str, str, str]], list[tuple[int, str]]]:
    """The records whose quoted field spanning lines was closed by a quote followed by more than a
    delimiter or line end: a quote left open (`1,"Acme rocks,3`) that pyarrow read on to a later
    field's opening quote (`3,"Acme great day",5`), taking the lines between into the field. A field's
    last line, as written, starts with its value's last line, quotes doubled, and the closing quote.

    Returns their indexes, the rejects (the record as far as the line its quote opened on; the whole
    record when the lines after it cannot be read on their own) and the records on the lines after it
    (line, text)."""
    drop, rejects, reread = [], [], []
    multi = [c for c, counts in enumerate(newlines or ()) if counts.any()]
    if not multi:
        return drop, rejects, reread
    total = sum(newlines[c] for c in multi)
    at = np.flatnonzero(total)
    columns = [_taken(records.iloc[:, c], at) for c in multi]  # (not a Series a record: 20x slower)
    for i, start, *values in zip(at, _taken(positions, at), *columns, strict=True):
        first = int(start[5:])
        found = _reopened(first, first + int(total[i]), values, stream, delimiter, records.shape[1])
        if found:
            rejects += found[0]
            reread += found[1]
            drop.append(i)
    return drop, rejects, reread


def _bad_closed_mid_field(
    bad: list[tuple[int, str | None, str]], stream: Utf8Stream, delimiter: str, width: int
) -> tuple[list[tuple[int, str | None, str]], list[tuple[str, str, str]], list[tuple[int, str]]]:
    """`_closed_mid_field` of the records of the wrong field count (`bad`: line, reason, text): a quote left open
    (`1,"Acme rocks,3`) that pyarrow read on to the next line's quoted field took that line, a post, into a
    record of too many fields. Returns the rest of `bad`, the rejects and the records read again."""
    kept, rejects, reread = [], [], []
    for line, reason, text in bad:
        found = None
        if reason is not None and reason.startswith("expected ") and LINE_END.search(text):
            values = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
            found = _reopened(line, line + _line_ends(text), values, stream, delimiter, width)
        elif reason is not None and reason.startswith(UNCLOSED) and LINE_END.search(text.rstrip("\r\n")):
            found = _never_closed(line, text, stream, delimiter, width)
        if found:
            rejects += found[0]
            reread += found[1]
        else:
            kept.append((line, reason, text))
    return kept, rejects, reread


def _reopened(
    first: int, last: int, values: list, stream: Utf8Stream, delimiter: str, width: int
) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]] | None:
    """For the record on lines `first` to `last` whose fields are `values`: when a quoted field spanning lines
    was closed mid-field, its rejects and the records on the lines after the quote's (line, text), else None."""
    line = first
    for value in values:
        if type(value) is not str or ("\n" not in value and "\r" not in value):
            continue
        ends = LINE_END.split(value)
        opened, line = line, line + len(ends) - 1
        if _closes(ends[-1], stream.line(line), delimiter):
            continue
        lines = [stream.line(n, end=True).decode("utf-8", "replace") for n in range(first, last + 1)]
        after = _strict_rows(lines[opened - first + 1 :], opened + 1, delimiter, width)
        if after is None and line == last > opened:  # (the quote that closed it opens a field of its own: left open)
            after = _left_open(lines[opened - first + 1 :], opened + 1, delimiter, width)
        if after is None:
            reason = f"quote closed mid-field on line {line} (a quote left open?): lines {first}-{last} read as one"
            return [(f"line {first}", reason, "".join(lines).rstrip("\r\n"))], []
        again = f"lines {opened + 1}-{line}" if line > opened + 1 else f"line {line}"
        reason = f"unclosed quote: a quote on line {line} closed it mid-field ({again} read again)"
        return [(f"line {first}", reason, "".join(lines[: opened - first + 1]).rstrip("\r\n")), *after[0]], after[1]
    return None


def _left_open(
    lines: list[str], first: int, delimiter: str, width: int
) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]] | None:
    """`_strict_rows` of `lines` (from file line `first`) whose last line opens a quote of its own that no quote
    closes there (`3,"open again,5`: a second quote left open, which pyarrow took for the closing one of the quote
    before): that line rejected as its quote's, the lines before it read as records; None when they cannot be."""
    *before, own = lines
    rows = _strict_rows(before, first, delimiter, width)
    if rows is None or own.count('"') % 2 == 0:  # (an odd count: a quote no other on its line closes; `"x"y`: none)
        return None
    at = first + len(before)
    reason = f"unclosed quote on line {at}: no quote on its line closes it (the lines after it read as records)"
    return [*rows[0], (f"line {at}", reason, own.rstrip("\r\n"))], rows[1]


#: records after a quote that never closes per line of another field count among them that still say the quote was
#: a stray one (a post over lines that lost its closing quote has few lines, most of them no records)
STRAY = 100


def _never_closed(
    first: int, text: str, stream: Utf8Stream, delimiter: str, width: int
) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]] | None:
    """For the file's last record `text`, from line `first`, whose quote never closes (`_unclosed`): when the lines
    after the quote's read on their own (strictly, as `_strict_rows`) as records of the header's `width` fields, but
    for at most one in `STRAY` (rejected as any line of the wrong field count is), the rejects (the record as far as
    the quote's line first) and those records (line, text), else None (a post over lines that lost its closing
    quote: the record runs to the end of the file, as read)."""
    last = first + _line_ends(text.rstrip("\r\n"))
    lines = [stream.line(n, end=True).decode("utf-8", "replace") for n in range(first, last + 1)]
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # (the rest of a large file is in that field)
    try:  # (not strict: the open field, the record's last, holds the rest)
        *_, value = next(csv.reader(lines, delimiter=delimiter), [""])
    finally:
        csv.field_size_limit(limit)
    opened = last - _line_ends(value.rstrip("\r\n"))
    if opened >= last or width < 2:  # (of one column, any line reads as a record: a post's lines too)
        return None
    after = _strict_rows(lines[opened - first + 1 :], opened + 1, delimiter, width)
    if after is None or not after[1] or len(after[0]) * STRAY > len(after[1]):
        return None  # (one other bad line among 1,500 posts after the quote lost them all)
    again = f"lines {opened + 1}-{last}" if last > opened + 1 else f"line {last}"
    reason = f"unclosed quote on line {opened}: no quote closes it ({again} read again)"
    return [(f"line {first}", reason, "".join(lines[: opened - first + 1]).rstrip("\r\n")), *after[0]], after[1]


def _closes(last: str, written: bytes, delimiter: str) -> bool:
    """Whether the line `written` ends a quoted field whose value's last line is `last`: that line, quotes
    doubled, the closing quote, then a delimiter or the line end. Spaces after the quote are read into the
    value (`"a\nb" ,5` is `a\nb `): they may stand on either side of it."""
    spaces = len(last) - len(last.rstrip(" \t"))
    for cut in range(spaces + 1):
        closing = (last[: len(last) - cut].replace('"', '""') + '"' + last[len(last) - cut :]).encode(
            "utf-8", "surrogatepass"
        )
        if written.startswith(closing) and written[len(closing) :][:1] in (b"", b"\r", delimiter.encode()):
            return True
    return False


def _taken(column: pd.Series, at: np.ndarray) -> list:
    """The values at `at`, through Arrow: pandas' `iloc` of an Arrow string column is 20x slower."""
    array = column.array
    return (
        array.__arrow_array__().take(at).to_pylist() if hasattr(array, "__arrow_array__") else column.iloc[at].tolist()
    )


def _strict_rows(
    lines: list[str], first: int, delimiter: str, width: int
) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]] | None:
    """`lines` (from file line `first`) read as records, as `_chunk` takes them: the rejects and the (line,
    text) of the records of `width` fields. None when the csv module's strict reading fails."""
    rejects, rows, done = [], [], 0
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        for row in reader:
            text, at, done = "".join(lines[done : reader.line_num]).rstrip("\r\n"), first + done, reader.line_num
            if len(row) == width or (len(row) > width and not any(f.strip() for f in row[width:])):
                rows.append((at, text))
            elif row:
                rejects.append((f"line {at}", _expected(width, len(row), delimiter), text))
    except csv.Error:
        return None
    return rejects, rows


#: a delimiter's name in the hint of a one-column file's rejects
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes"}


def _expected(width: int, saw: int, delimiter: str) -> str:
    """The reason of a record of `saw` fields in a file of `width`; in a one-column file (a list of texts), a record
    split by the delimiter is a text holding it, unquoted: the reason says so (it left the user to guess)."""
    reason = f"expected {width} field{'s' if width != 1 else ''}, saw {saw}"
    if width == 1:
        reason += f": quote a text holding {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}"
    return reason


def _first_rows(text: str, delimiter: str, count: int) -> list[list[str]]:
    """Up to `count` rows from the top of `text`, stopping quietly at the first one the csv module
    cannot parse (pyarrow reads the body; this only finds the header)."""
    rows: list[list[str]] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # posts of several megabytes are still one field
    try:
        for row in csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) >= count:
                break
    except csv.Error:
        pass
    finally:
        csv.field_size_limit(limit)
    return rows


def _split(line: str, delimiter: str) -> int:
    rows = _first_rows(line, delimiter, 1) if line else []
    return len(rows[0]) if rows else 0


def _header_in(line: str, delimiter: str, text_column: str | None) -> bool:
    return any(is_header(row, text_column) for row in _first_rows(line, delimiter, 1))


def _lone_text_name(line: str, text_column: str | None) -> bool:
    """Whether `line` is a header of one cell, naming a text column."""
    rows = _first_rows(line, ",", 1)
    return bool(rows) and len(rows[0]) == 1 and names_text(rows[0][0].strip(), text_column)


def sniff_delimiter(text: str, text_column: str | None = None) -> str:
    """The candidate that splits the header row into the most fields (quotes respected)."""
    lines = text[:65536].split("\n", 30)[:30]
    # the first line that some delimiter splits into a header (a title line above it may hold a `;`),
    # else the first line that any delimiter splits (report-title lines above a header split by none)
    header = next((ln for ln in lines if any(_header_in(ln, d, text_column) for d in DELIMITERS)), None)
    if header is None and _lone_text_name(next((ln for ln in lines if ln.strip()), ""), text_column):
        return ","  # a file of one column, `text`: a `;` is its text's (taken for the delimiter: records rejected)
    if header is None:
        header = next((ln for ln in lines if any(_split(ln, d) > 1 for d in DELIMITERS)), "")
    best, best_n = ",", 1
    for d in DELIMITERS:
        n = _split(header, d)
        if n > best_n:
            best, best_n = d, n
    return best


def _dedupe(names: list[str]) -> list[str]:
    """Header names made unique, as pandas does: an empty one is `column_N`, a name given again `NAME.1`,
    `NAME.2`, ..., passing over names the header has itself (`text,text.1,text` is text, text.1, text.2: two
    columns named `text.1` made `--map text=text.1` fail)."""
    filled = [name or f"column_{i + 1}" for i, name in enumerate(names)]
    taken = set(filled)
    counts: dict[str, int] = {}
    out: list[str] = []
    used: set[str] = set()
    for name in filled:
        if name in used:
            k = counts.get(name, 0) + 1
            while f"{name}.{k}" in taken or f"{name}.{k}" in used:
                k += 1
            counts[name] = k
            name = f"{name}.{k}"
        used.add(name)
        out.append(name)
    return out


_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonNumber(float):
    """A JSON number whose float does not give back its text (`5.10`, `1e3`): a float that keeps the text, which the
    loaders read, as a CSV's cell (`_scalar`): an app version `5.10` was read as 5.1, and `6.0` as 6."""

    __slots__ = ("text",)

    def __str__(self) -> str:  # (a list's `a;b`, `_scalar`'s)
        return self.text


def _json_number(text: str) -> float:
    """A JSON number with a fraction or an exponent as json.loads gives it, a float; a `JsonNumber` when the float's
    text is not the file's (a float of each number was 2.2x the time of reading a JSON Lines file of one a line:
    the garbage collector's, which tracks a float with a slot and not a plain one)."""
    number = float(text)
    if float.__repr__(number) == text:
        return number
    number = JsonNumber(text)
    number.text = text
    return number


def json_numbers(cells: pd.Series, parsed: pd.Series, counts: bool = False) -> pd.Series:
    """A count's, rating's or time's cells with their JSON numbers written as their values, not as the file's text:
    read as a CSV's cell, a count `5.000` (a database's numeric) was 5,000 and an epoch `1.5958772e9` no time.
    `counts`: every JSON number with a fraction or an exponent stays the float it is, which `parse_counts` reads as a
    number (a count `1.234` was 1,234, read as a CSV's text with a thousands separator; it is no whole number)."""
    values = parsed.to_numpy()
    kinds = (JsonNumber, float) if counts else (JsonNumber,)
    numbers = np.fromiter((type(v) in kinds for v in values), dtype=bool, count=len(values))
    if len(values) != len(cells) or not numbers.any():
        return cells
    out = cells.to_numpy(dtype=object, copy=True)
    out[numbers] = values[numbers] if counts else [_number_text(v) for v in values[numbers]]
    return pd.Series(out, index=cells.index, dtype=object)


def _number_text(number: JsonNumber) -> str:
    """A JSON number's value as text (`5` of `5.000`, `1595877200` of `1.5958772e9`); one of no value as written."""
    value = float(number)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return float.__repr__(value) if math.isfinite(value) else number.text


def dump_json(obj: object) -> str:
    """json.dumps of parsed JSON with its numbers as the file has them: json.dumps writes a `JsonNumber` as its float,
    so a rejected record's `5.10` was written back 5.1, and `1e400` as `Infinity`, which is no JSON. A loop, not
    recursion: JSON as deep as the parser reads (hundreds of levels) was a RecursionError that stopped the run."""
    parts, todo = [], [obj]
    while todo:
        item = todo.pop()
        if type(item) is _Written:
            parts.append(item)
        elif type(item) is JsonNumber:
            parts.append(item.text)
        elif isinstance(item, dict) and all(type(k) is str for k in item):
            inner = [x for i, (k, v) in enumerate(item.items()) for x in (_key(k, i), v)]
            todo += [_Written("}"), *reversed(inner), _Written("{")]
        elif isinstance(item, list):
            inner = [x for i, v in enumerate(item) for x in ((_Written(", "), v) if i else (v,))]
            todo += [_Written("]"), *reversed(inner), _Written("[")]
        else:
            parts.append(json.dumps(item, ensure_ascii=False, default=str))
    return "".join(parts)


class _Written(str):
    """JSON text `dump_json` has written (a bracket, a key), not a string to write."""


def _key(key: str, i: int) -> _Written:
    return _Written((", " if i else "") + json.dumps(key, ensure_ascii=False) + ": ")


#: json.loads with `_json_number` (one decoder: json.loads with a keyword makes one each call, 1 us a JSON line)
_DECODE = json.JSONDecoder(parse_float=_json_number).decode


def parse_json(text: str) -> object:
    """json.loads, with lone UTF-16 surrogates (`"\\ud83d"` with no pair, which Python accepts but no
    UTF-8 writer does) replaced by U+FFFD, so one broken emoji cannot stop a whole file; a number keeps its text
    (`_json_number`). JSON nested deeper than Python's parser goes (about 1,000 levels; 3.13's goes to about 8,000) is
    a ValueError, as other invalid JSON."""
    try:
        obj = _DECODE(text)
    except RecursionError:
        raise ValueError("nested too deeply (more levels of arrays and objects than Python's parser takes)") from None
    return replace_surrogates(obj) if _LONE_SURROGATE.search(text) else obj


def replace_surrogates(obj: object) -> object:
    """`obj` (parsed JSON) with lone surrogates in its strings replaced by U+FFFD."""
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, list):
        return [replace_surrogates(v) for v in obj]
    if isinstance(obj, dict):
        return {replace_surrogates(k): replace_surrogates(v) for k, v in obj.items()}
    return obj


def _extra_data_hint(text: str, exc: ValueError) -> str:
    """How to read several values one after another: `jq -c '.hits[]' > hits.json` is JSON Lines in a .json
    file; `jq '.hits[]'` (no -c) writes each over several lines, which JSON Lines does not read either."""
    if not isinstance(exc, json.JSONDecodeError) or not exc.msg.startswith("Extra data"):
        return ""
    first = text[: exc.pos]  # (the first value, and the space after it)
    if "\n" not in first.strip() and first.rstrip(" \t\r").endswith("\n"):
        return "; JSON Lines (one value a line, as `jq -c` writes) needs --input-format jsonl"
    return (
        "; several JSON values one after another: save them as one array (`jq -s`), "
        "or one a line (`jq -c`) read with --input-format jsonl"
    )


def read_json(data: bytes) -> Raw:
    text, encoding = decode(ARCHIVE_PREFIX.sub(b"", data, count=1))
    nuls = text.count("\x00")
    raw = _read_json(
        text.replace("\x00", "").lstrip("\ufeff")
    )  # (a second BOM, as a tool adding one to a file of one leaves)
    raw.cjk, raw.lossless = _json_doubt(data, encoding), encoding in LOSSLESS or made_no_fffd(data, text, encoding)
    raw.nuls, raw.nul_line = nuls, nul_line(text, nuls)
    return raw


def nul_line(text: str, nuls: int, first_line: int = 1) -> int | None:
    """`Raw.nul_line` of a JSON or JSON Lines text (`first_line`: the file line it starts on)."""
    return text.count("\n", 0, text.index("\x00")) + first_line if nuls else None


#: the names `decode` gives the encodings it decodes with no U+FFFD (`Raw.lossless`): "utf-8" is a file that is all
#: UTF-8 (`--encoding utf-8` decodes as "utf_8_sig", a byte that is not UTF-8 as U+FFFD)
LOSSLESS = ("utf-8", "utf-8-sig", "utf-8 with cp1252 bytes")


def _json_doubt(data: bytes, encoding: str) -> tuple[str, ...]:
    """`Raw.cjk` of JSON bytes decoded as `encoding` (`decode`'s): a CSV's note said a CJK encoding may read it
    better, JSON's never did."""
    return tuple(cjk_doubt(data)) if encoding == "utf-8 with cp1252 bytes" else ()


def _read_json(text: str) -> Raw:
    cut = None
    try:
        obj = parse_json(text)
    except ValueError as exc:
        cut = _cut_array(text)
        try:
            obj = parse_json(cut[0]) if cut is not None else None
        except ValueError:  # (broken before the array too: the first error is the file's)
            cut = None
        if cut is None:
            raise InputError(f"not valid JSON: {exc}{_extra_data_hint(text, exc)}") from exc
    known = shapes.match_one(obj)
    if known is not None:
        name, items = known
        raw = _records(items, [f"item {i + 1}" for i in range(len(items))])
        raw.note = name
    else:
        items = find_records(obj)
        if items is None:
            raise InputError("JSON holds no list of posts (expected an array, or an object with a list inside)")
        raw = _records(items, [f"item {i + 1}" for i in range(len(items))])
    if cut is not None:
        path, reject = cut[2], cut[1]
        inner = _at(obj, path)
        if path and not (inner is items or path[-1] in PAGE_KEYS or path[-1] == "children"):
            # (cut in a list beside the posts, `includes.users`: what it held is lost, not a post)
            raise InputError(f"{reject[1]}; a list beside the posts, so what it held is lost: the file is refused")
        raw.bad.append(reject)
    return raw


def _at(obj: object, path: tuple[str, ...]) -> object:
    for key in path:
        obj = obj[key]
    return obj


_RAW_DECODE = json.JSONDecoder(parse_float=_json_number).raw_decode
_SPACE = re.compile(r"[ \t\r\n]*")
_NEXT_ITEM = re.compile(r"\}\s*,\s*\{")


def _cut_array(text: str) -> tuple[str, tuple[str, str, str], tuple[str, ...]] | None:
    """A JSON array whose file ends inside it (a full disk, an export killed part-way), at the top or in an object
    (`{"data": [...`, a platform's page): the text with its last whole item closed, the cut-off rest as a reject
    (`item N`, its line in the reason) and the keys to the array (`("data",)`); None when the JSON is broken
    anywhere else (one error for the file, as before)."""
    found = _open_array(text)
    if found is None:
        return None
    start, path, closers = found
    end, n = start + 1, 0  # (end: after the `[` or the last whole item)
    pos = _SPACE.match(text, end).end()
    while pos < len(text):
        try:
            _, after = _RAW_DECODE(text, pos)
        except (ValueError, RecursionError):
            if not _open_to_the_end(text, pos):
                return None
            break
        end, n = after, n + 1
        pos = _SPACE.match(text, after).end()
        if pos == len(text):
            break
        if text[pos] != ",":  # (`]`: a whole array, broken after it; else a missing comma)
            return None
        pos = _SPACE.match(text, pos + 1).end()
    tail = text[end:].lstrip(" \t\r\n,")
    line = text.count("\n", 0, len(text) - len(tail)) + 1 if tail else text.count("\n") + 1
    array = "the JSON array" + (f" `{'.'.join(path)}`" if path else "")
    inside = f"inside this item of {array}" if tail else f"before {array}'s `]`"
    why = f"the file ends {inside} (line {line}): cut off (a full disk, an export stopped?)"
    return text[:end] + "]" + closers, (f"item {n + 1}", why, tail[:1000]), path


#: a JSON string (to its end, or the text's: cut inside it) or a bracket
_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')
_KEY_BEFORE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*$')


def _open_array(text: str) -> tuple[int, tuple[str, ...], str] | None:
    """The outermost array still open at the end of `text`, reached through objects only: where its `[` is, the
    keys to it and the `}`s that close the objects around it. None when no array is open there, or one of the
    objects around it is inside an array (`[{"data": [...`: which item of which list?)."""
    pos = _SPACE.match(text).end()
    if text.startswith("[", pos):
        return pos, (), ""
    if not text.startswith("{", pos):
        return None
    stack = []  # (the position of each open `{` / `[`)
    for found in _BRACKETS.finditer(text, pos):
        ch = text[found.start()]
        if ch in "[{":
            stack.append(found.start())
        elif ch in "]}":
            if not stack:
                return None
            stack.pop()
    for depth, at in enumerate(stack):
        if text[at] == "[":
            keys = []
            for outer, inner in zip(stack[:depth], stack[1 : depth + 1], strict=True):
                key = _KEY_BEFORE.search(text, max(outer, inner - 1000), inner)
                if key is None:  # (`"k": [` must end just before the inner `[` / `{`)
                    return None
                keys.append(json.loads(f'"{key.group(1)}"'))
            return at, tuple(keys), "}" * depth
    return None


def _open_to_the_end(text: str, pos: int) -> bool:
    """Whether the JSON value starting at `pos` is still open at the end of `text`: no bracket closes it, and no
    comma or bracket ends it, outside strings (a value broken elsewhere ends), nor does the rest hold an item's end
    and the next one's start (`}, {`: a quote missing mid-file makes the rest look like one open string)."""
    if _NEXT_ITEM.search(text, pos):
        return False
    depth, in_string, escaped = 0, False, False
    for ch in text[pos:]:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth <= 0:
                return False
        elif ch == "," and depth == 0:
            return False
    return True


def find_records(obj: object) -> list | None:
    """The list of posts in a JSON document: the document itself, or the largest list of
    objects found under the top-level keys (`data`, `statuses`, `posts`, `hits`, ...); a list of
    objects with a text (`text`, `body`, ...) before others (a page's `users` beside its `data`)."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        best, rank = None, None
        for key, value in obj.items():
            if key in _OWN_TEXT:  # (a post's caption in parts: read as its inner list, each part a post)
                continue
            if isinstance(value, dict):
                value = find_records(value) if not _looks_like_post(value) else None
            if isinstance(value, list) and value and any(isinstance(v, dict) for v in value):
                posts = any(isinstance(v, dict) and _looks_like_post(v) for v in value)
                if rank is None or (posts, len(value)) > rank:
                    best, rank, page = value, (posts, len(value)), key in PAGE_KEYS
        # (a file of one post holding a list of others, its mentions: that list was read as the posts)
        if best is not None and (rank[0] or page or not _looks_like_post(obj)):
            return best
        if _looks_like_post(obj):
            return [obj]
        if any(obj.get(key) == [] for key in PAGE_KEYS):  # a page without posts (a search that found none)
            return []
    return None


#: keys under which saved API pages hold their posts: an empty list there is a page of no posts
PAGE_KEYS = ("data", "posts", "feed", "statuses", "results", "items", "hits", "entries", "tweets", "comments")


#: keys whose list is the object's own text, never its posts: an Instagram post's `caption` as a list of parts, its
#: GraphQL `edge_media_to_caption` (`{"edges": [{"node": {"text": ...}}]}`)
_OWN_TEXT = ("caption", "edge_media_to_caption")


def _looks_like_post(obj: dict) -> bool:
    return any(k in obj for k in ("text", "full_text", "content", "body", "message", *_OWN_TEXT))


def read_jsonl(data: bytes, first_line: int = 1) -> Raw:
    """JSON Lines; positions are `line N`, counted from `first_line` (a later block of a file)."""
    text, encoding = decode(data)
    nuls = text.count("\x00")  # (dropped, as a CSV's are: a line of a disk's padding is no reject)
    items, positions, bad, names, lines = [], [], [], set(), []
    for n, line in enumerate((text.replace("\x00", "") if nuls else text).split("\n"), start=first_line):
        if not line.strip():
            continue
        # (files joined with `cat`: each one's byte-order mark starts a line: `invalid JSON: Expecting value`)
        line = line.removeprefix("\ufeff")
        try:
            obj = parse_json(line)
        except ValueError as exc:
            bad.append((f"line {n}", f"invalid JSON: {exc}", line))
            continue
        known = shapes.match(obj)
        if known is None:
            items.append(obj)
            positions.append(f"line {n}")
            lines.append(line.rstrip("\r"))  # (its record as written: `Raw.written`)
        else:  # a line holding a whole API page (twarc2 style): its posts share the line
            names.add(known[0])
            items.extend(known[1])
            positions.extend(f"line {n} item {i + 1}" for i in range(len(known[1])))
            lines.extend([None] * len(known[1]))
    # one item a line (`jq -c '.hits[]'`): read as the JSON array of them would be, each line on its own so
    # that its records keep its position (a YouTube thread's replies: `line N item 2`; a Reddit `more` stub: none)
    shape = shapes.find(items) if items and not names else None
    if shape is not None:
        names.add(shape.name)
        found, items, positions, lines = zip(items, positions, strict=True), [], [], []
        for item, line in found:
            recs = shape.records([item])
            items += recs
            positions += [line] if len(recs) == 1 else [f"{line} item {k + 1}" for k in range(len(recs))]
            lines += [None] * len(recs)  # (records the shape made: written as it made them)
    raw = _records(items, positions, lines)
    raw.note = ", ".join(sorted(names))
    raw.bad[:0] = bad
    raw.cjk, raw.lossless = _json_doubt(data, encoding), encoding in LOSSLESS or made_no_fffd(data, text, encoding)
    raw.nuls, raw.nul_line = nuls, nul_line(text, nuls, first_line)
    return raw


def iter_jsonl(fh, chunksize: int) -> Iterator[Raw]:
    """A binary JSON Lines file as Raws of `chunksize` lines, with the whole file's line numbers;
    memory stays bounded by the block. Lines are split on b"\\n", so the file must not be UTF-16
    (the caller checks)."""
    first = 1
    while lines := list(islice(fh, chunksize)):
        yield read_jsonl(b"".join(lines), first)
        first += len(lines)


def _records(items: list, positions: list[str], lines: list[str | None] | None = None) -> Raw:
    """Flatten JSON objects (`user.screen_name` style names); non-objects are rejected ("not an object: 5"), and
    the items a shape says are no posts with its reason (`shapes.NotAPost`). `lines`: each item's JSON Lines text
    (None: an item a shape made), for `Raw.written`."""
    good = [i for i, item in enumerate(items) if isinstance(item, dict)]
    lines = lines or [None] * len(items)
    written = [items[i] if lines[i] is None else lines[i] for i in good]
    bad, typed = [], {}
    for i, item in enumerate(items):
        if isinstance(item, shapes.NotAPost):
            bad.append((positions[i], item.reason, dump_json(item.item)[:1000]))
        elif not isinstance(item, dict):
            text = dump_json(item)
            shown = text if len(text) <= 60 else text[:59] + "…"
            bad.append((positions[i], f"not an object: {shown}", text[:1000]))
    if good:
        # json_normalize's flattening, but no dtype inferred: ints beside a null would become float64,
        # and an 18-19 digit id (`in_reply_to_status_id`, null in most tweets) would lose its last digits
        records = pd.DataFrame([_flat(items[i]) for i in good], dtype=object)
        for col in records.columns:
            kinds = set(map(type, records[col].to_numpy()))
            if kinds != {str}:  # (text only, the common case: as it is)
                if kinds & {int, float, JsonNumber, list, dict}:
                    typed[col] = records[col]
                records[col] = records[col].map(_scalar)
    else:
        records = pd.DataFrame(index=range(0))
    positions = pd.Series([positions[i] for i in good], dtype=object)
    return Raw(records.reset_index(drop=True), positions, bad, typed=typed, written=written)


def _flat(item: dict, prefix: str = "", level: int = 0, out: dict | None = None) -> dict:
    """`{"user": {"name": "x"}}` as `{"user.name": "x"}`, three levels deep at most (as `pd.json_normalize`
    with `max_level=3`; lists stay whole)."""
    if out is None and dict not in set(map(type, item.values())):  # (flat already: most JSON Lines posts)
        return item
    out = {} if out is None else out
    for key, value in item.items():
        if isinstance(value, dict) and level < 3:
            _flat(value, f"{prefix}{key}.", level + 1, out)
        else:
            out[f"{prefix}{key}"] = value
    return out


def joined_lists(values: pd.Series) -> pd.Series:
    """A frame's column holding lists or dicts (`pd.read_json` of JSON Lines, `pd.read_parquet` of a list column:
    Bluesky `langs`) as the loaders read the file's cells (`_scalar`): a list of scalars as `en;fr`, another list or
    a dict as JSON text; other cells, and a column without lists, as they are."""
    if isinstance(values.dtype, pd.ArrowDtype) and pa.types.is_nested(values.dtype.pyarrow_dtype):
        values = values.astype(object)  # (its lists as arrays)
    if values.dtype != object or not pd.api.types.infer_dtype(values, skipna=True).startswith("mixed"):
        return values  # (a column of strings, numbers or dates: in C, 15x faster than looking at each cell)
    cells = values.to_numpy()
    nested = np.fromiter((isinstance(v, (list, tuple, dict, np.ndarray)) for v in cells), dtype=bool, count=len(cells))
    if not nested.any():
        return values
    out = cells.copy()
    out[nested] = [
        _scalar(v.tolist() if isinstance(v, np.ndarray) else list(v) if isinstance(v, tuple) else v)
        for v in cells[nested]
    ]
    return pd.Series(out, index=values.index, dtype=object)


def _scalar(value: object) -> object:
    """Keep scalars; lists of scalars become `a;b` (Bluesky `langs`), their nulls left out; other values JSON text."""
    if type(value) is str:  # (most values: first, 3x faster a file)
        return value
    if isinstance(value, list):
        if None in value and all(isinstance(v, (str, int, float)) or v is None for v in value):
            value = [v for v in value if v is not None]
        if all(isinstance(v, (str, int, float)) for v in value):
            return ";".join(_item_text(v) for v in value) if value else None
        return dump_json(value)  # (its numbers as the file has them: `[{"x": 4.50}]`; json.dumps wrote 4.5)
    if isinstance(value, dict):
        return dump_json(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value != value:  # a key this record lacks (json_normalize's NaN)
        return None
    return str(value)  # (a number as the file has it, as a CSV's cell: `_json_number`; an app version 5.10, 6.0)


def _item_text(value: str | int | float) -> str:
    """A list's item as the file has it: a JSON `true` is `true` (it was Python's `True`), a number its text."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def read_parquet(data: bytes) -> Raw:
    import pyarrow.parquet as pq

    try:  # (not pq.read_table: its dataset reader refuses a column name given twice)
        return arrow_raw(pq.ParquetFile(io.BytesIO(data)).read())
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise InputError(f"cannot read Parquet: {str(exc).splitlines()[0]}") from exc


def arrow_raw(table: pa.Table, done: int = 0) -> Raw:
    """A Parquet table, or its part after the first `done` rows, as a Raw of `row N` positions; column names
    given twice are kept as NAME.1 (NAME.2, ...) and noted, as a CSV's header names are."""
    names = [str(n) for n in table.schema.names]
    if len(set(names)) < len(names):
        table = table.rename_columns(_dedupe(names))
    records, lists, replaced = arrow_records(table)
    positions = pd.Series([f"row {done + i + 1}" for i in range(len(records))], dtype=object)
    return Raw(records, positions, note=_twice(names), typed=lists, replaced=replaced)


#: Arrow integers as pandas' nullable integers: the default makes a column with a missing value
#: float64, where an 18-19 digit id loses its last digits
_NULLABLE_INTS = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def arrow_records(table: pa.Table) -> tuple[pd.DataFrame, dict[str, pd.Series], np.ndarray]:
    """A Parquet table (or a batch of one) as raw records, integers exact also beside missing values, and its
    columns of lists as the file has them (`Raw.typed`: a rejected record is written with `["b", "c"]`, not the
    `"b;c"` read). Nested records (struct columns, as pandas writes nested JSON) are flattened as JSON's are:
    `author.name`. Last, the records a byte that is not UTF-8 was read as U+FFFD in (`Raw.replaced`)."""
    for _ in range(3):  # (three levels deep at most, as `_flat`)
        if not any(pa.types.is_struct(t) for t in table.schema.types):
            break
        table = table.flatten()
    lists, replaced = {}, np.zeros(table.num_rows, dtype=bool)
    for i, column in enumerate(table.columns):
        if _bad_utf8(column):  # (a string column of bytes not UTF-8: `ArrowException: Unknown error: Wrapping`, exit 1)
            column = pa.chunked_array(
                [c.view(pa.large_binary() if _large(c.type) else pa.binary()) for c in column.chunks]
            )
        if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
            # (Spark's strings without the UTF-8 annotation; a byte not UTF-8 stopped the run)
            column, lost = _utf8(column)
            replaced = replaced if lost is None else replaced | lost
            table = table.set_column(i, table.field(i).with_type(pa.string()), column)
        if _scalar_list(column.type):  # a list of scalars as `a;b`, also as JSON's (Bluesky `langs`)
            lists[table.schema.names[i]] = pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False)
            column = _without_nulls(column.cast(pa.list_(pa.string())))
            joined = pc.binary_join(column, ";")
            empty = pc.equal(pc.list_value_length(column), 0)
            table = table.set_column(i, table.field(i).with_type(pa.string()), pc.if_else(empty, None, joined))
    return table.to_pandas(types_mapper=_NULLABLE_INTS.get).reset_index(drop=True), lists, replaced


def _large(kind: pa.DataType) -> bool:
    return pa.types.is_large_string(kind) or pa.types.is_large_binary(kind)


def _bad_utf8(column: pa.ChunkedArray) -> bool:
    """Whether a string column holds bytes that are not UTF-8 (a writer that did not check them)."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return False
    try:
        column.validate(full=True)
    except pa.ArrowInvalid:
        return True
    return False


def _utf8(column: pa.ChunkedArray) -> tuple[pa.ChunkedArray, np.ndarray | None]:
    """A column of bytes as text, a byte that is not UTF-8 as U+FFFD (as a CSV's is read), and the rows where one
    was (None: none); they were replaced without a word (`count_undecoded` counts them)."""
    try:
        return column.cast(pa.string()), None
    except pa.ArrowInvalid:
        values = column.to_pylist()
        texts = [None if v is None else v.decode("utf-8", "replace") for v in values]
        lost = np.array([v is not None and t.encode("utf-8") != v for v, t in zip(values, texts, strict=True)], bool)
        return pa.chunked_array([texts], pa.string()), lost


def _without_nulls(column: pa.ChunkedArray) -> pa.Array:
    """A list<string> column without the nulls in its lists: `binary_join` made `["a", null]` a null, not `a`."""
    column = column.combine_chunks()
    values = pc.list_flatten(column)
    if not values.null_count:
        return column
    keep = values.is_valid()
    counts = np.bincount(pc.list_parent_indices(column).filter(keep).to_numpy(), minlength=len(column))
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, values.filter(keep), mask=column.is_null())


def _scalar_list(kind: pa.DataType) -> bool:
    lists = pa.types.is_list(kind) or pa.types.is_large_list(kind)
    return lists and not pa.types.is_nested(kind.value_type) and not pa.types.is_binary(kind.value_type)


def read_xlsx(data: bytes, header_only: bool = False, text_column: str | None = None) -> Raw:
    """The first sheet of a workbook with a header (`_posts_sheets`); rows above the header (report titles) are skipped
    (`text_column`: see `csv_layout`). `header_only`: the columns, no records (only the rows the header may be in)."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # (openpyxl unpacks its parts: a sheet, all shared strings)
            check_zip_sizes(zf, len(data))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # zipfile, XML and openpyxl errors for damaged workbooks
        raise InputError(f"cannot read XLSX: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    sheets = _posts_sheets(book.worksheets, text_column)
    sheet = sheets[0] if sheets else book.worksheets[0]
    values = list(islice(sheet.iter_rows(values_only=True), 30 if header_only else None))
    rows = [[_cell(v) for v in row] for row in values]
    unsaved = {} if header_only else unsaved_formulas(sheet)
    mac_1904 = book.epoch == CALENDAR_MAC_1904  # (openpyxl reads dated cells so; a number cell is ours to read)
    book.close()
    unsaved_rows = {row for row, _ in unsaved}  # (not blank: a row of such formulas was dropped without a word)
    while rows and not any(v not in (None, "") for v in rows[-1]) and len(rows) not in unsaved_rows:
        rows.pop()
    if not rows:
        raise InputError("empty workbook: no header row")
    skip = find_header_row(rows, text_column=text_column)
    named = next((cell for cell in sorted(unsaved) if cell[0] == skip + 1), None)
    if named:  # (it was read as an empty name: the column went unread as `column_3`)
        from openpyxl.utils import get_column_letter

        cell = f"{get_column_letter(named[1])}{named[0]}"
        raise InputError(
            f"header cell {cell} of sheet {sheet.title!r} is formula {unsaved[named]} with no saved value "
            "(the workbook was never opened in a spreadsheet: open and save it in Excel or LibreOffice)"
        )
    width = max(len(r) for r in rows)
    header = [str(c).strip() if c is not None else "" for c in rows[skip]] + [""] * (width - len(rows[skip]))
    names = _dedupe(header)
    body = [r + [None] * (width - len(r)) for r in rows[skip + 1 :]] if not header_only else []
    keep = [i for i, r in enumerate(body) if any(v not in (None, "") for v in r) or skip + 2 + i in unsaved_rows]
    records = pd.DataFrame([body[i] for i in keep], columns=names, dtype=object).astype(STRING)
    positions = pd.Series([f"{sheet.title} row {skip + 2 + i}" for i in keep], dtype=object)
    titles = f"{skip} title row" + ("s" if skip != 1 else "")
    note = f"sheet {sheet.title!r}" + (f", skipped {titles} above the header" if skip else "")
    if len(sheets) > 1:  # (one sheet a network: the others were left without a word)
        others, many = ", ".join(repr(s.title) for s in sheets[1:]), len(sheets) > 2
        note += f"; also a text column in sheet{'s' * many} {others}, not read: save {'each' if many else 'it'} as CSV"
    note = ", ".join(x for x in (note, _twice(header)) if x)
    record = {skip + 2 + i: n for n, i in enumerate(keep)}  # sheet row -> record
    formulas: dict[int, dict[str, str]] = {}
    for (row, column), formula in unsaved.items():
        if row in record:
            formulas.setdefault(record[row], {})[names[column - 1]] = formula
    # (a number cell with a fraction is that number, not its text: a count `1.234` was 1,234, `json_numbers`)
    typed = {}
    for j, name in enumerate(names):
        cells = [values[skip + 1 + i][j] if j < len(values[skip + 1 + i]) else None for i in keep]
        if any(type(v) is float and not v.is_integer() for v in cells):
            typed[name] = pd.Series(cells, dtype=object)
    return Raw(records, positions, [], note, formulas=formulas, days_from_1904=mac_1904, typed=typed)


def _posts_sheets(sheets: list, text_column: str | None) -> list:
    """The sheets with a header naming a text column in their top rows: the first is read (a report's summary
    sheet before its mentions was read, "no text column" naming the summary's cells)."""
    found = []
    for sheet in sheets:
        sheet.reset_dimensions()  # every row and column, not the used range the file states (some writers say A1)
        if any(
            is_header([_cell(v) for v in row], text_column) for row in islice(sheet.iter_rows(values_only=True), 30)
        ):
            found.append(sheet)
    return found


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def unsaved_formulas(sheet) -> dict[tuple[int, int], str]:
    """{(row, column): "=formula"} of a read-only sheet's formula cells with no saved value: a workbook written
    by a program (openpyxl, xlsxwriter) and never opened in a spreadsheet, which computes and saves them.
    openpyxl reads them as empty cells. A formula whose value is text (`t="str"`) has one, also when empty."""
    try:
        with sheet._get_source() as src:  # (openpyxl's own way to the sheet's XML; private, so guarded)
            xml = src.read()
    except AttributeError:  # an openpyxl without it: formulas are read as openpyxl reads them
        return {}
    if not _FORMULA.search(xml):  # (most exports: no formula, no second pass over the sheet)
        return {}
    from openpyxl.utils.cell import coordinate_to_tuple

    found = {}
    for _, cell in ElementTree.iterparse(io.BytesIO(xml)):
        if cell.tag.rpartition("}")[2] != "c":
            continue
        parts = {child.tag.rpartition("}")[2]: child for child in cell}
        if "f" in parts and cell.get("r") and cell.get("t") != "str" and not getattr(parts.get("v"), "text", None):
            found[coordinate_to_tuple(cell.get("r"))] = "=" + (parts["f"].text or "")
        cell.clear()
    return found


def _cell(value: object) -> object:
    """Cells as text the value parser understands: dates ISO 8601, whole floats without `.0`."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def read_feed(data: bytes) -> Raw:
    parsed = rss.parse_feed(data)
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(f"cannot parse as RSS/Atom: {parsed.get('bozo_exception')}")
    items = rss.feed_records(parsed)
    raw = _records(items, [f"entry {i + 1}" for i in range(len(items))])
    raw.note = "RSS/Atom feed"
    exc = parsed.get("bozo_exception")
    if isinstance(exc, SAXParseException):  # feedparser reads on past the error: a cut feed's last entry is cut
        raw.note += f", not well-formed XML (line {exc.getLineNumber()}: {exc.getMessage()}), read as far as it goes"
    return raw


READERS = {
    "csv": read_csv,
    "tsv": lambda d, **kw: read_csv(d, "\t", **kw),
    "json": read_json,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "xlsx": read_xlsx,
    "feed": read_feed,
}
