"""Readers for tabular and JSON files: each returns raw records (all values as found)
plus the records that could not be parsed at all, with their position in the file."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import InputError
from ..schema import STRING
from . import shapes
from .columns import find_header_row
from .platforms import rss
from .platforms.twitter import ARCHIVE_PREFIX
from .text import decode

DELIMITERS = ",;\t|"


@dataclass
class Raw:
    """Records as read, before mapping: `positions` names each record's place in the file
    ("line 12", "item 3") for the rejects file."""

    records: pd.DataFrame
    positions: pd.Series
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (position, reason, record)
    note: str = ""


def sniff_format(data: bytes, name: str = "") -> str:
    """csv, tsv, json, jsonl, parquet, xlsx, feed (RSS/Atom) or zip, from the file name or else the first bytes."""
    lower = name.lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx" if lower.endswith((".xlsx", ".xlsm")) or b"xl/workbook.xml" in data else "zip"
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
        except ValueError:
            return "json"
        return "jsonl" if rest.strip()[:1] == b"{" else "json"
    return "csv"


def read_csv(data: bytes, delimiter: str | None = None) -> Raw:
    text, encoding = decode(data)
    text = text.replace("\x00", "")  # NUL bytes end strings in C parsers; they carry nothing
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    top = _first_rows(text, delimiter, 30)
    skip = find_header_row(top)
    first = top[skip] if top else None
    if not first or not any(c.strip() for c in first):
        raise InputError("empty file: no header row")
    names = _dedupe([c.strip() for c in first])
    header_lines = sum(1 + sum(c.count("\n") for c in row) for row in top[: skip + 1])
    parts = text.split("\n", header_lines)
    body = parts[header_lines] if len(parts) > header_lines else ""
    if not body.strip():
        return Raw(pd.DataFrame({n: pd.Series(dtype=STRING) for n in names}), pd.Series(dtype=object))
    bad: list[tuple[int, str, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        if row.text.strip():
            bad.append((row.number, f"expected {row.expected_columns} fields, saw {row.actual_columns}", row.text))
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise InputError(f"cannot parse as CSV: {str(exc).splitlines()[0]}") from exc
    records = table.to_pandas(types_mapper={pa.string(): STRING, pa.large_string(): STRING}.get)
    records.columns = names
    positions = _physical_lines(records, bad, header_lines)
    note = f"{encoding}, delimiter {delimiter!r}" if delimiter != "," or encoding != "utf-8" else ""
    if skip:
        note = ", ".join(x for x in (note, f"skipped {header_lines - 1} title lines above the header") if x)
    return Raw(records, positions, [(f"line {line}", reason, rec) for line, reason, rec in bad], note)


def _physical_lines(records: pd.DataFrame, bad: list[tuple[int, str, str]], header_lines: int) -> pd.Series:
    """Line where each good record starts, counting newlines inside quoted fields. pyarrow numbers
    records, not lines, so rebuild lines from the newline count of every record; `bad` is fixed in place."""
    n_bad = len(bad)
    total = len(records) + n_bad
    newlines = np.zeros(total, dtype=np.int64)
    bad_idx = np.array([num - 1 for num, _, _ in bad], dtype=np.int64)  # pyarrow counts data rows from 1
    good_mask = np.ones(total, dtype=bool)
    good_mask[bad_idx[(bad_idx >= 0) & (bad_idx < total)]] = False
    counts = np.zeros(len(records), dtype=np.int64)
    for col in range(records.shape[1]):
        counts += records.iloc[:, col].str.count("\n").fillna(0).to_numpy(dtype=np.int64)
    if good_mask.sum() == len(records):
        newlines[good_mask] = counts
        newlines[~good_mask] = [rec.count("\n") for _, _, rec in bad]
        starts = header_lines + 1 + np.arange(total) + np.concatenate([[0], np.cumsum(newlines)[:-1]])
        for i, (_num, reason, rec) in enumerate(bad):
            bad[i] = (int(starts[bad_idx[i]]), reason, rec)
        good_lines = starts[good_mask]
    else:  # numbering we cannot reconcile: fall back to record numbers
        good_lines = header_lines + 1 + np.arange(len(records))
    return pd.Series(["line " + str(x) for x in good_lines], index=records.index, dtype=object)


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


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the header row into the most fields (quotes respected)."""
    lines = text[:65536].split("\n", 30)[:30]
    # the first line that any delimiter splits: report-title lines above a header split by none
    header = next((ln for ln in lines if any(_split(ln, d) > 1 for d in DELIMITERS)), "")
    best, best_n = ",", 1
    for d in DELIMITERS:
        n = _split(header, d)
        if n > best_n:
            best, best_n = d, n
    return best


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_json(text: str) -> object:
    """json.loads, with lone UTF-16 surrogates (`"\\ud83d"` with no pair, which Python accepts but no
    UTF-8 writer does) replaced by U+FFFD, so one broken emoji cannot stop a whole file."""
    obj = json.loads(text)
    return _replace_surrogates(obj) if _LONE_SURROGATE.search(text) else obj


def _replace_surrogates(obj: object) -> object:
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, list):
        return [_replace_surrogates(v) for v in obj]
    if isinstance(obj, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in obj.items()}
    return obj


def read_json(data: bytes) -> Raw:
    text, _ = decode(ARCHIVE_PREFIX.sub(b"", data, count=1))
    try:
        obj = parse_json(text)
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}") from exc
    known = shapes.match(obj)
    if known is not None:
        name, items = known
        raw = _records(items, [f"item {i + 1}" for i in range(len(items))])
        raw.note = name
        return raw
    items = find_records(obj)
    if items is None:
        raise InputError("JSON holds no list of posts (expected an array, or an object with a list inside)")
    return _records(items, [f"item {i + 1}" for i in range(len(items))])


def find_records(obj: object) -> list | None:
    """The list of posts in a JSON document: the document itself, or the largest list of
    objects found under the top-level keys (`data`, `statuses`, `posts`, `hits`, ...)."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        best = None
        for value in obj.values():
            if isinstance(value, dict):
                value = find_records(value) if not _looks_like_post(value) else None
            is_list = isinstance(value, list) and value and any(isinstance(v, dict) for v in value)
            if is_list and (best is None or len(value) > len(best)):
                best = value
        if best is not None:
            return best
        if _looks_like_post(obj):
            return [obj]
    return None


def _looks_like_post(obj: dict) -> bool:
    return any(k in obj for k in ("text", "full_text", "content", "body", "message"))


def read_jsonl(data: bytes) -> Raw:
    text, _ = decode(data)
    items, positions, bad, names = [], [], [], set()
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = parse_json(line)
        except ValueError as exc:
            bad.append((f"line {n}", f"invalid JSON: {exc}", line))
            continue
        known = shapes.match(obj)
        if known is None:
            items.append(obj)
            positions.append(f"line {n}")
        else:  # a line holding a whole API page (twarc2 style): its posts share the line
            names.add(known[0])
            items.extend(known[1])
            positions.extend(f"line {n} item {i + 1}" for i in range(len(known[1])))
    raw = _records(items, positions)
    raw.note = ", ".join(sorted(names))
    raw.bad[:0] = bad
    return raw


def _records(items: list, positions: list[str]) -> Raw:
    """Flatten JSON objects (`user.screen_name` style names); non-objects are rejected."""
    good = [i for i, item in enumerate(items) if isinstance(item, dict)]
    bad = [
        (positions[i], f"not an object but {type(items[i]).__name__}", json.dumps(items[i])[:1000])
        for i in range(len(items))
        if not isinstance(items[i], dict)
    ]
    if good:
        records = pd.json_normalize([items[i] for i in good], sep=".", max_level=3)
        for col in records.columns:
            if records[col].dtype == object:
                records[col] = records[col].map(_scalar)
    else:
        records = pd.DataFrame(index=range(0))
    return Raw(records.reset_index(drop=True), pd.Series([positions[i] for i in good], dtype=object), bad)


def _scalar(value: object) -> object:
    """Keep scalars; lists of scalars become `a;b` (Bluesky `langs`), other values JSON text."""
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return ";".join(str(v) for v in value) if value else None
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def read_parquet(data: bytes) -> Raw:
    try:
        records = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise InputError(f"cannot read Parquet: {str(exc).splitlines()[0]}") from exc
    records = records.reset_index(drop=True)
    return Raw(records, pd.Series([f"row {i + 1}" for i in range(len(records))], dtype=object))


def read_xlsx(data: bytes) -> Raw:
    """The first sheet of a workbook; rows above the header (report titles) are skipped."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors for damaged workbooks
        raise InputError(f"cannot read XLSX: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    sheet = book.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    while rows and not any(v not in (None, "") for v in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError("empty workbook: no header row")
    skip = find_header_row(rows)
    width = max(len(r) for r in rows)
    names = _dedupe([str(c).strip() if c is not None else "" for c in rows[skip]] + [""] * (width - len(rows[skip])))
    body = [r + [None] * (width - len(r)) for r in rows[skip + 1 :]]
    keep = [i for i, r in enumerate(body) if any(v not in (None, "") for v in r)]
    records = pd.DataFrame([body[i] for i in keep], columns=names, dtype=object).astype(STRING)
    positions = pd.Series([f"{sheet.title} row {skip + 2 + i}" for i in keep], dtype=object)
    note = f"sheet {sheet.title!r}" + (f", skipped {skip} title rows above the header" if skip else "")
    return Raw(records, positions, [], note)


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
    return raw


READERS = {
    "csv": read_csv,
    "tsv": lambda d: read_csv(d, "\t"),
    "json": read_json,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "xlsx": read_xlsx,
    "feed": read_feed,
}
