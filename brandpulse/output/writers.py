"""Writing tables to files or stdout: atomic, and safe to open in a spreadsheet.

Files are written to a temporary file beside the target and renamed over it, so a run
killed half-way leaves the previous file intact.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

try:
    import fcntl
except ImportError:  # (Windows)
    fcntl = None

from .. import __version__
from ..choices import FORMATS
from ..errors import BrandpulseError, ConfigError, Terminated, UsageError
from ..schema import SCORE_COLUMNS, SENTIMENT_DECIMALS, STRING, value_bytes, value_offsets

_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
#: OWASP CSV injection: a cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), which Apple Numbers folds to = + - @ and runs
#: (`＝2+2` gives 4), as Excel does in Japanese settings, by reports; LibreOffice keeps them as text
WIDE_FORMULA_STARTS = ("＝", "＋", "－", "＠")


def format_for(
    path: str | None,
    fmt: str | None,
    default: str = "csv",
    option: str = "--output",
    hint: str = "or give --format",
    allowed: tuple[str, ...] | None = None,
) -> str:
    """The output format: `--format`, else the file's extension, else `default` (no extension: `-o
    /dev/null`). An extension brandpulse does not write is an error, not CSV under an .xlsx name, that lists the
    extensions of the `allowed` formats (all by default); `hint` says what else to do."""
    if fmt:
        return fmt
    if path and path != "-":
        ext = Path(path).suffix.lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
        if ext and not Path(path).is_char_device():
            # (analyze's `-o out.xlsx` listed .html and .md, which analyze refuses too)
            known = " ".join(sorted(e for e, f in _EXTENSIONS.items() if allowed is None or f in allowed))
            hint = f"; {hint}" if option == "--output" else ""
            raise UsageError(f"{option} {path}: unknown extension {ext} (known: {known}){hint}")
    return default


def agreeing_format(path: str | None, fmt: str | None) -> None:
    """A usage error when `--format` and `-o`'s extension name two formats: `-f json -o x.csv` wrote JSON into x.csv
    without a word (-f won). An extension brandpulse gives no format (`.txt`, none: `/dev/stdout`) says nothing."""
    if not fmt or not path or path == "-":
        return
    ext = Path(path).suffix.lower()
    named = _EXTENSIONS.get(ext)
    if named is not None and named != fmt:
        ours = next((e for e, f in _EXTENSIONS.items() if f == fmt), None)
        fix = f"-o {Path(path).with_suffix(ours)}" if ours else "-o FILE.txt"
        raise UsageError(
            f"--format {fmt} and --output {path} ({named}, by its extension) disagree: drop -f, or give {fix}"
        )


#: the formats a `.gz` name is written in, gzipped (`ChunkWriter`): line formats, streamed through gzip
GZIP_FORMATS = ("csv", "tsv", "jsonl")


def gzipped(path: str | Path | None) -> bool:
    """Whether `path` names a gzip file (`rows.csv.gz`), which `ChunkWriter` writes compressed."""
    return path is not None and str(path) != "-" and str(path).lower().endswith(".gz")


def checked_format(
    path: str | None,
    fmt: str | None,
    command: str,
    allowed: tuple[str, ...] = FORMATS,
    default: str = "csv",
    option: str = "--output",
    hint: str = "or give --format",
    gzip_ok: bool = False,
) -> str:
    """`format_for`, and a usage error (exit 2) when `command` does not write that format (`-o out.html`
    for rows), or when `fmt` and the file's extension disagree (`agreeing_format`): checked before any work, so no
    fetch or analysis is lost to it. A `.gz` name is the format of the name before it, gzipped, where `gzip_ok`
    (`-f csv -o x.csv.gz` wrote plain CSV under that name elsewhere: an error)."""
    if gzipped(path):
        if not gzip_ok:
            raise UsageError(
                f"{option} {path}: {command} {option} does not write gzip: drop .gz, or pipe the output through gzip"
            )
        out = checked_format(path[:-3], fmt, command, allowed, default, option, hint)
        if out not in GZIP_FORMATS:
            why = " (Parquet compresses its own columns)" if out == "parquet" else ""
            raise UsageError(f"{option} {path}: gzip is written for {', '.join(GZIP_FORMATS)}, not {out}{why}")
        return out
    agreeing_format(path, fmt)
    out = format_for(path, fmt, default, option, hint, allowed)
    if out not in allowed:
        report = {"md": "a Markdown", "html": "an HTML"}.get(out) if option == "--output" else None
        hint = f"; for {report} report: brandpulse report FILES -o {path}" if report else ""
        raise UsageError(f"{option} {path}: {command} writes {', '.join(allowed)}, not {out}{hint}")
    return out


def unwritable(path: Path) -> str | None:
    """Why `path` cannot be written now, or None: the file itself if it exists, and its folder, where
    atomic writes (and DuckDB's write-ahead log) create files. Real opens, so capabilities count.
    A link is written through: its target's folder counts (a link to a disk not mounted failed after the work).
    A descriptor of the process (`/dev/stderr`) is written through itself (`atomic_open`): it must be open to write,
    and neither the file it is nor that file's folder is opened."""
    fd = own_descriptor(path)
    if fd is not None:
        import fcntl  # (POSIX: only such names reach here)

        try:
            access = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
        except OSError as exc:
            return exc.strerror  # (not open: "Bad file descriptor")
        return None if access in (os.O_WRONLY, os.O_RDWR) else f"descriptor {fd} is open for reading only"
    if path.exists() and not path.is_file():
        # a device, FIFO or pipe (/dev/null, /dev/stdout, >(...)) is written in place: its folder does not count
        # (/dev was "Permission denied" for anyone but root), and it is not opened (a pipe is not seekable for
        # "r+b", and a FIFO's reader would take the closing for the end of its input)
        return None if os.access(path, os.W_OK) else f"{path}: Permission denied"
    try:
        if path.exists():
            with open(path, "r+b"):
                pass
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    folder = Path(os.path.realpath(path)).parent if path.is_symlink() else path.parent
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return f"cannot create files in {folder}: {exc.strerror or exc}"
    return None


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Make text cells safe and exact in a spreadsheet: prefix cells it would run as a formula with `'`
    (OWASP CSV injection; also behind leading spaces, which LibreOffice can trim on import, and NUL
    characters, which it drops), and write text a spreadsheet would read as another value as the text
    formula `="..."` (`SPREADSHEET_VALUE`: numbers too long for its 15 significant digits, 18-19 digit post
    ids; `007`, `1e5`, `1.50`, `1/2`, `3-4`, `12/2026`, `TRUE`, `(5)`, `50%`, `$5`, `kr 5`, `Jan 5`, `Mon Jan 5`,
    `1 1/2`, `1.234,5`; in other languages' settings `Dezember 3`, `Mo 5. Jan`, `WAHR`), so it is not rounded,
    cut, turned into a date or shown as another amount. Number columns are numbers. A cell that already looks
    guarded (`'=1+1`) gets a `'` too, so `restore_formulas` gives every cell back exactly."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        arr = _strings(s)
        labels = _as_labels(arr)
        if labels is None:
            arr = _guarded(arr)
        else:  # a column of few distinct values (platforms, languages, labels, brands): each value looked at once
            guarded = _guarded(labels.dictionary)
            arr = None if guarded is None else guarded.take(labels.indices)
        if arr is not None:
            out[col] = pd.Series(pd.arrays.ArrowStringArray(arr), index=s.index, dtype=STRING)
    return out


def _guarded(arr: pa.Array) -> pa.Array | None:
    """`neutralize_formulas` of one column's cells; None when no cell needs a guard (most columns)."""
    first, size = _first_bytes(arr)
    formula = _FORMULA_BYTE[first]
    wide = first == _WIDE_BYTE  # the first UTF-8 byte of U+F000..U+FFFF: a regex decides
    if wide.any():
        wide[wide] = _mask(pc.match_substring_regex(arr.filter(wide), _WIDE_FORMULA))
        formula |= wide
    spaced = _SPACE_BYTE[first] & (size > 1)  # the cells that may be spaces before a formula; a regex decides
    if spaced.any():
        spaced[spaced] = _mask(pc.match_substring_regex(arr.filter(spaced), _SPACED_FORMULA))
        formula |= spaced
    quoted = first == ord("'")  # "'@Delta lost my bag' was my tweet" would lose its ' when read back
    if quoted.any():
        quoted[quoted] = _mask(pc.match_substring_regex(arr.filter(quoted), _GUARDED))
        formula |= quoted
    # the cells that may be read as another value: short ones starting so or with a month's or weekday's
    # name or a currency, long numbers (after spaces too), true and false
    value = _VALUE_BYTE[first] | (_SHORT_VALUE_BYTE[first] & (size <= _VALUE_SIZE))
    value |= _word_first(arr, _WORD_BYTE[first] & (size >= 3) & (size <= _WORD_SIZE))
    value = (value | (_TRUTH_BYTE[first] & _TRUTH_SIZE[np.minimum(size, _WORD_SIZE)])) & ~formula
    # long numbers without the regex: post ids (18-19 digits) are values, Arrow's digit test 0.2 ms a 50,000-id
    # column where the regex took 3.6
    long = value & (size >= _LONG_NUMBER)
    if long.any():
        long[long] = _mask(pc.ascii_is_decimal(arr.filter(long)))
    ask = value & ~long
    if ask.any():
        value[ask] = _mask(pc.match_substring_regex(arr.filter(ask), _VALUE))
    if not (formula.any() or value.any()):
        return None
    arr = _wrap(arr, formula, "'", "")
    return _wrap(arr, value, '="', '"')  # (no cell is both)


#: `_as_labels`: how many cells it samples, and at most what share of them may be distinct
_LABEL_SAMPLE, _LABEL_SHARE = 2048, 2


def _as_labels(arr: pa.Array) -> pa.DictionaryArray | None:
    """`arr` dictionary-encoded when it holds few distinct values (at most half its cells, judged first on
    its first cells), else None. Guarding 50,000 cells of one column cost 2.5-5.7 ms, encoding them 0.4-0.7 ms."""
    sample = arr.slice(0, _LABEL_SAMPLE)
    if len(arr) < 2 * _LABEL_SAMPLE or pc.count_distinct(sample, mode="all").as_py() * _LABEL_SHARE > len(sample):
        return None
    labels = pc.dictionary_encode(arr)
    return labels if len(labels.dictionary) * _LABEL_SHARE <= len(arr) else None


def own_header(names: Iterable[object]) -> bool:
    """Whether `names` (a CSV's header, a frame's columns) start as a table of posts brandpulse writes: the post
    schema's (`analyze`, `query test`, `fetch`), a queue's or a report's post tables': their `'` guards are its own
    to undo. A queue CSV read back kept its `'=1+2` and `'@bob` (the schema's header alone was known)."""
    from ..schema import NEGATIVE_POST_COLUMNS, POST_COLUMNS, QUEUE_COLUMNS
    from ..schema import TABLE_POST_COLUMNS as TABLE_COLUMNS

    names = [str(n) for n in names]
    kept = [c for c in QUEUE_COLUMNS if c != "intents"]  # (a queue written before stop 54's last column, `intents`)
    before = [c for c in kept if c != "intent"]  # (a queue written before stop 52's intent column)
    own = (POST_COLUMNS, QUEUE_COLUMNS, kept, before, TABLE_COLUMNS, NEGATIVE_POST_COLUMNS)
    return any(names[: len(h)] == h for h in own)


def restore_formulas(df: pd.DataFrame, columns: Iterable[str] | None = None, quotes: bool = True) -> pd.DataFrame:
    """Text cells as they were before `neutralize_formulas`, for CSV read back in (brandpulse's own
    output piped into another run): `'=1+1` is `=1+1` and `="570306133677760513"` or `="007"` an id again
    (a `="..."` around what `neutralize_formulas` wraps), so ids deduplicate and `'@handle` is the handle. A
    text that really starts with `'` then `=`, `+`, `-`, `@` loses that `'`. `quotes=False` leaves the `'` guards:
    a CSV another tool wrote (not brandpulse's header), whose `'=hello` is the text a spreadsheet shows. Only
    `columns` if given."""
    out = df
    for col in df.columns if columns is None else [c for c in df.columns if c in columns]:
        s = df[col]
        if s.dtype != STRING:
            continue
        arr = _strings(s)
        first, size = _first_bytes(arr)
        guarded = (first == ord("'")) & (size >= 2) & quotes
        if guarded.any():
            guarded[guarded] = _mask(pc.match_substring_regex(arr.filter(guarded), _GUARDED))
        wrapped = (first == ord("=")) & (size >= 4)
        if wrapped.any():
            wrapped[wrapped] = _mask(pc.match_substring_regex(arr.filter(wrapped), _WRAPPED_VALUE))
        if not (guarded.any() or wrapped.any()):
            continue
        if guarded.any():
            arr = pc.replace_with_mask(arr, pa.array(guarded), pc.utf8_slice_codeunits(arr.filter(guarded), 1))
        if wrapped.any():
            arr = pc.replace_with_mask(arr, pa.array(wrapped), pc.utf8_slice_codeunits(arr.filter(wrapped), 2, -1))
        out = out.copy() if out is df else out
        out[col] = pd.Series(pd.arrays.ArrowStringArray(arr), index=s.index, dtype=STRING)
    return out


def _first_bytes(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's first UTF-8 byte (0 for an empty cell) and byte length, read from the Arrow
    buffers: a formula is known by its first character, which is ASCII. (Wrapping leaves a missing
    cell missing, whatever its slot holds.)"""
    offsets = value_offsets(arr)
    size = np.diff(offsets)
    first = np.zeros(len(arr), dtype=np.uint8)
    some = size > 0
    if some.any():
        first[some] = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[offsets[:-1][some]]
    return first, size


def _word_first(arr: pa.Array, maybe: np.ndarray) -> np.ndarray:
    """Which cells of `maybe` (of 3 bytes or more) may start with one of `_WORDS` (a month's or weekday's first
    three letters, a currency), in any case (`_WORD_START`), read from the Arrow buffers: so few short labels and
    names go to the regex."""
    if not maybe.any():
        return maybe
    at = value_offsets(arr)[:-1][maybe]
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    code = (data[at] & 31).astype(np.uint16) << 10
    code |= (data[at + 1] & 31).astype(np.uint16) << 5
    code |= data[at + 2] & 31
    found = maybe.copy()
    found[maybe] = _WORD_START[code]
    return found


def _holds_any(arr: pa.Array, chars: tuple[str, ...]) -> bool:
    """Whether any cell of `arr` may hold one of `chars`: a search of the bytes of all its cells at
    memchr speed, ten times faster than a regex over the cells."""
    body = value_bytes(arr)  # (a copy: 1 ms a 4 MB column)
    return any(c.encode() in body for c in chars)


def _strings(s: pd.Series) -> pa.Array:
    """A text column as one Arrow large_string array (missing values null)."""
    arr = pa.array(s.astype(STRING), type=pa.large_string(), from_pandas=True)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _wrap(arr: pa.Array, mask: np.ndarray, before: str, after: str, double_quotes: bool = False) -> pa.Array:
    """`arr` with the cells where `mask` is true wrapped in `before` ... `after` (their `"` doubled if
    asked); only those cells are rebuilt."""
    if not mask.any():
        return arr
    every = bool(mask.all())  # (a column of post ids: every cell, without filtering and merging them back)
    cells = arr if every else arr.filter(mask)
    if double_quotes:
        cells = pc.replace_substring(cells, '"', '""')
    b, a, none = (pa.scalar(v, pa.large_string()) for v in (before, after, ""))
    wrapped = pc.binary_join_element_wise(b, cells, a, none)
    return wrapped if every else pc.replace_with_mask(arr, pa.array(mask), wrapped)


_FORMULA_BYTE = np.isin(np.arange(256), [ord(c) for c in FORMULA_STARTS])
_SPACE_BYTE = np.isin(np.arange(256), list(b" \n\0"))
_WIDE_BYTE = 0xEF  # (each of WIDE_FORMULA_STARTS is EF BC xx in UTF-8)
_WIDE = "".join(WIDE_FORMULA_STARTS)
_WIDE_FORMULA = f"^[{_WIDE}]"
_SPACED_FORMULA = f"^[ \n\\x00]+[=+@\t\r{_WIDE}-]"
_GUARDED = f"^'+[ \n\\x00]*[=+@\t\r{_WIDE}-]"
#: a number as written in any locale: 5, 1,234.50, 1.234,5, .5
_NUMBER = "(?:[0-9]+(?:[.,][0-9]+)*[.,]?|[.,][0-9]+)"
#: the currency symbols of the locales most spreadsheets run in, before or after the amount, in any case; each is
#: read in the locale it is its currency of (LibreOffice 7.4: `kr 5` in Swedish and Norwegian settings, `5 kr.`
#: Danish, `CHF 5` Swiss, `5 zł` Polish, `5 Kč` Czech, `R$ 5` Brazilian, `₹5` Indian, `5 ₽` Russian); codes
#: (`USD 5`, `EUR 12,50`, `5 GBP`) are text in every one of them
_CURRENCY = "(?:[$€£¥₹₽]|kr[.]?|chf|zł|kč|r[$])"
_TIME = "[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?(?: ?[ap]m?)?"
#: a month's name or its short form, in English and as German, Spanish, French and Portuguese settings read it
#: (`Dezember 3`, `3. Dez`, `7 dic`, `3 déc.`, `mars 2026`, `dez 3`: dates there, LibreOffice 7.4)
_MONTH = (
    "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    "|januar|februar|m(?:ä|ae?)rz|mär|mrz|mai|juni|juli|okt(?:ober)?|dez(?:ember)?"  # German
    "|ene(?:ro)?|febrero|marzo|abr(?:il)?|mayo|junio|julio|ago(?:sto)?|set|se(?:p|pt)?tiembre|octubre|noviembre"
    "|dic(?:iembre)?"  # Spanish
    "|janv(?:ier)?|févr?(?:ier)?|mars|avr(?:il)?|juin|juil(?:let)?|août|septembre|octobre|novembre"
    "|déc(?:embre)?"  # French
    "|janeiro|fev(?:ereiro)?|março|maio|junho|julho|setembro|out(?:ubro)?|novembro|dezembro)"  # Portuguese
)
#: a weekday before a date, as LibreOffice skips it (`Mon Jan 5`, `Mon. 5 Jan`, `Monday, January 5, 2026`; not
#: `Mon, Jan 5`, `MonJan 5` or `Monday. Jan 5`, which it keeps as text); also German, Spanish, French and
#: Portuguese ones in their settings (`Mo 5. Jan`, `Montag, 5. Januar 2026`, `Di 5.1.`, `lun 5 ene`, `lundi 5/1`)
_WEEKDAY = (
    "(?:(?:sun|mon|tue|wed|thu|fri|sat|mo|di|mi|do|fr|sa|so|lun|mar|mié|mie|jue|vie|sáb|sab|dom|mer|jeu|ven|sam"
    "|dim|seg|ter|qua|qui|sex)(?:[.] *| +)"
    "|(?:(?:sun|mon|tues|wednes|thurs|fri|satur)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    "|sonnabend|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|lundi|mardi|mercredi|jeudi"
    "|vendredi|samedi|dimanche)(?: *, +| +))"
)
#: a day and month of the year (1..12 and 1..31), in either order: 1/13, 13-1
_DAY_AND_MONTH = "(?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12][0-9]|3[01])|(?:0?[1-9]|[12][0-9]|3[01])[-/](?:0?[1-9]|1[0-2])"
#: dates a spreadsheet reads, also after a weekday (`Mon Jan 5`, `Fri 2026-01-05`, `Tue 5/1`)
_DATE = (
    f"{_DAY_AND_MONTH}"  # 1/2, 3-4, 13/1
    f"|[0-9]{{1,4}}[-/][0-9]{{1,2}}[-/][0-9]{{1,4}}(?:[ T]{_TIME})?"  # 1/2/3, 2026-10-13 10:00
    f"|{_MONTH}[.]?[ /-]?[0-9]{{1,4}}(?:(?:, ?| |[/-])[0-9]{{1,4}})?"  # Jan 5, March 2024, SEPT2 as dates
    f"|[0-9]{{1,2}}[.]?[ /-]?{_MONTH}(?:[.]|[.]?[ /-]?[0-9]{{1,4}})?"  # 5 Jan, 5-Jan-2026, 5. Jan., 3 déc. as dates
    "|[0-9]{1,2}[.][0-9]{1,2}[.](?:[0-9]{1,4})?"  # dates with dots, decimal commas' settings: 12.03.2026, Di 5.1.
)
#: text Excel, LibreOffice or Google Sheets reads as a number, date, time or truth value that is not shown as
#: the text was, or is worth another amount (whole cells; spaces around numbers allowed; case ignored), in an
#: English locale or one with decimal commas; a plain number such as `42` or `0.5` is shown as it is and left
#: alone; also the month and weekday names and truth values of German, Spanish, French and Portuguese settings,
#: and the truth values of Italian and Dutch ones.
#: Checked with LibreOffice 7.4 ("Detect special numbers" ticked, as Excel and Google Sheets always
#: read a CSV); Excel's month names run into digits (`SEPT2`) from its documented gene-name conversions.
SPREADSHEET_VALUE = (
    "(?i)(?: *(?:"
    "[0-9]{16,}"  # beyond 15 significant digits: 570306133677760513 rounded to 5.70306E+17
    "|0[0-9]+(?:[.,][0-9]*)?"  # leading zeros: 007 shown as 7
    "|[0-9]*[.]?[0-9]+e[+-]?[0-9]+"  # exponents: 1e5 shown as 100000 (Reddit's base-36 ids)
    "|[0-9]*[.,][0-9]*0|[.,][0-9]+|[0-9]+[.,]"  # decimals rewritten: 1.50 as 1.5, .5 as 0.5, 5. as 5 (1,50: 1,5)
    "|[0-9]{1,3}(?:,[0-9]{3})+(?:[.][0-9]+)?"  # thousands: 1,234 as 1234
    "|[0-9]{1,3}(?:[. ][0-9]{3})+(?:,[0-9]+)?"  # thousands with decimal commas: 1.234,5 as 1234,5; 1.234 as 1234
    f"|{_WEEKDAY}?(?:{_DATE})"  # dates, also after a weekday: 1/2, 2026-10-13 10:00, Jan 5, Mon Jan 5
    # a month and a year, as Excel reads a month (1-12) before a year of 1900-9999, 0, or two digits too many
    # for a day: 12/2026 as Dec 2026, 1/0 as Jan 1900, 5/45 as May 1945 (Microsoft KB Q65904; not 13/13 or 1/100)
    "|(?:0?[1-9]|1[0-2])[-/](?:[0-9]{1,2}|(?:19|[2-9][0-9])[0-9]{2})"
    f"|{_TIME}|[0-9]{{1,2}} ?[ap]m"  # times: 1:30 as 01:30:00, 5pm as 05:00:00 PM
    f"|{_NUMBER} *%"  # percentages: 50% as 50.00% (0.5)
    f"|{_CURRENCY} *-?{_NUMBER}|{_NUMBER} *{_CURRENCY}"  # amounts: $5 as $5.00, 5€ as 5,00 €
    f"|[(] *(?:{_CURRENCY} *)?{_NUMBER} *(?:{_CURRENCY} *)?[)]"  # accounting negatives: (5) as -5
    f"|{_NUMBER} *[-+]"  # trailing signs: 5- as -5
    "|[0-9]+ +[0-9]+/[0-9]+"  # fractions: 1 1/2 as 1.5, 1 5/16 shown as 1 1/3
    # truth values: true as TRUE, and in German, Spanish, French, Portuguese, Italian and Dutch settings WAHR,
    # VERDADERO, VRAI, VERDADEIRO, VERO, WAAR and their false ones (FALSO is Spanish, Portuguese and Italian)
    ") *|true|false|wahr|falsch|verdadero|falso|vrai|faux|verdadeiro|vero|waar|onwaar)"
)
_VALUE = f"^{SPREADSHEET_VALUE}$"
#: ... and what an earlier brandpulse wrapped too (`="13/13"`, `="2026-12"`): read back as the text
_WRAPPED_VALUE = f'^="(?:{SPREADSHEET_VALUE}|[0-9]{{1,4}}[-/][0-9]{{1,2}})"$'
#: the values `_VALUE` may match but long numbers: at most this many bytes
_VALUE_SIZE = 24
#: a cell of this many ASCII digits or more is a value (`_VALUE`'s `[0-9]{16,}`) without asking the regex
_LONG_NUMBER = 16
#: the first bytes of cells `_VALUE` may match: of any size (long numbers, after spaces too)
_VALUE_BYTE = np.isin(np.arange(256), list(b"0123456789 "))
#: ... of at most `_VALUE_SIZE` bytes: `.5`, `(5)`, `$5`, `£5` and `¥5` (C2), `€5`, `₹5` and `₽5` (E2)
_SHORT_VALUE_BYTE = np.isin(np.arange(256), list(b".,($\xc2\xe2"))
#: ... and of at most `_WORD_SIZE` bytes starting with a month (`Jan 5`), a weekday (`Monday, January 5, 2026`)
#: or a currency in letters (`kr 5`, `CHF 5`), known by their first three bytes first (`_WORD_START`)
_WORD_SIZE = 40
_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORDS += ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "chf", "kr", "kč", "zł", "r$")
#: ... in German, Spanish, French and Portuguese (`mo`, `so` cover `Montag`, `Sonntag`, ...; `sa` `sábado`)
_WORDS += ("mär", "mrz", "mai", "okt", "dez", "ene", "abr", "ago", "set", "dic", "fév", "avr", "jui", "aoû", "déc")
_WORDS += ("out", "mo", "di", "mi", "do", "fr", "sa", "so", "lun", "mié", "mie", "jue", "vie", "dom", "mer", "jeu")
_WORDS += ("ven", "dim", "seg", "ter", "qua", "qui", "sex", "fev")
_WORD_BYTE = np.isin(np.arange(256), [w.encode()[0] for w in _WORDS + tuple(w.upper() for w in _WORDS)])
#: the first three bytes of each of `_WORDS` (any third byte after a two-byte one), as 5-bit numbers (a is 1, A
#: too; other bytes may collide: the regex decides)
_WORD_START = np.zeros(1 << 15, dtype=bool)
for _w in (w.encode()[:3] for w in _WORDS + tuple(w.upper() for w in _WORDS)):
    _WORD_START[(_w[0] & 31) << 10 | (_w[1] & 31) << 5 | (_w[2] & 31 if len(_w) > 2 else np.arange(32))] = True
#: ... and of these sizes: `true`, `false`, and the truth values of German, Spanish, French, Portuguese, Italian
#: and Dutch settings (`WAHR`, `FALSCH`, `VERDADERO`, `VERDADEIRO`, `VERO`, `WAAR`, `ONWAAR`)
_TRUTH_BYTE = np.isin(np.arange(256), list(b"tTfFwWvVoO"))
_TRUTH_SIZE = np.isin(np.arange(_WORD_SIZE + 1), [4, 5, 6, 9, 10])


def _mask(found: pa.Array) -> np.ndarray:
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


#: the characters of a cell a spreadsheet keeps (UTF-16 code units: an emoji is 2): Excel cuts a CSV's longer cell
#: there as it opens it, and LibreOffice (7.4) as it saves the sheet as .xlsx, both without a word
SPREADSHEET_CELL_CHARS = 32_767


def long_cells(df: pd.DataFrame) -> Counter:
    """Per column, its text cells longer than `SPREADSHEET_CELL_CHARS`: their bytes first (never fewer than their
    UTF-16 units), so only the few cells of more bytes are counted one by one."""
    found = Counter()
    for col in df.columns:
        s = df[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        arr = _strings(s)
        big = np.flatnonzero(np.diff(value_offsets(arr)) > SPREADSHEET_CELL_CHARS)
        if len(big):
            cells = arr.take(pa.array(big)).to_pylist()
            found[str(col)] += sum(len(c.encode("utf-16-le")) // 2 > SPREADSHEET_CELL_CHARS for c in cells)
    return +found  # (the columns of none left out)


def warn_long_cells(found: Counter, path: str | Path | None, where: str = "") -> None:
    """One warning of the cells a spreadsheet would cut (`long_cells` of a whole file), if any: how many, in which
    columns. The file holds them whole. `where`: what the file is called, else its `path` (None: stdout)."""
    if not found:
        return
    n = sum(found.values())
    where = where or ("stdout" if path is None or str(path) == "-" else str(path))
    columns = ", ".join(f"{col} {count:,}" for col, count in found.most_common())
    warnings.warn(
        f"{where}: {n:,} cell{'s' if n > 1 else ''} over {SPREADSHEET_CELL_CHARS:,} characters (columns: {columns}), "
        "which Excel cuts there as it opens the file (LibreOffice as it saves it as .xlsx) without a word; the file "
        "holds them whole",
        stacklevel=3,
    )


def to_bytes(
    df: pd.DataFrame,
    fmt: str,
    *,
    safe: bool = True,
    excel: bool = False,
    header: bool = True,
    decimal_comma: bool = False,
    provenance: dict[str, str] | None = None,
    long: Counter | None = None,
) -> bytes:
    """Serialise a table. CSV: ISO 8601 UTC times, empty for missing, formulas neutralised
    unless `safe` is False; when `excel`, UTF-8 with BOM (so Excel shows accents and emoji) and times as
    `2026-10-13 05:40:00` (UTC still), which Excel and LibreOffice read as dates and `...T...Z` not.
    `decimal_comma`: decimals as `0,7910` and, in CSV, `;` between cells, as spreadsheets set to a decimal
    comma (German, French, Italian, Spanish) read a CSV. `header=False` writes CSV rows only (later chunks
    of one file). Parquet: `provenance` in its key-value metadata (`parquet_table`); other formats ignore it.
    Scores to SENTIMENT_DECIMALS in every format (`rounded_scores`). CSV's cells a spreadsheet cuts (`long_cells`)
    are added to `long`, whose caller warns of a whole file's; without it, warned of here."""
    df = rounded_scores(df)
    if fmt in ("csv", "tsv"):
        frame = neutralize_formulas(df) if safe else df
        found = long_cells(frame)
        if long is None:
            warn_long_cells(found, None, f"the {fmt.upper()}")
        else:
            long.update(found)
        sep = "\t" if fmt == "tsv" else ";" if decimal_comma else ","
        end = "\r\n" if excel else "\n"
        data = csv_bytes(frame, sep, end, header, excel, no_thousands=safe, decimal="," if decimal_comma else ".")
        return "\ufeff".encode() + data if excel and header else data
    if fmt == "json":
        return (json_text(_records(df), indent=1) + "\n").encode("utf-8")
    if fmt == "jsonl":
        return json_escaped("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(df))).encode("utf-8")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(parquet_table(df, provenance), buf, **PARQUET_OPTIONS)  # (snappy, as pandas' `to_parquet`)
        return buf.getvalue()
    raise ConfigError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")


def rounded_scores(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its scores (`SCORE_COLUMNS`) to SENTIMENT_DECIMALS, as `queue` and the report's tables write them,
    never -0.0: written whole, an analyzer's float was binary noise in a spreadsheet (-0.7967000000000001). Here, in
    the writer alone, so a chunked or parallel run, the library's rows written and the CLI's agree byte for byte; the
    rows in memory (`brandpulse.analyze`, the store) keep the full score, and their labels are of it."""
    cols = [c for c in SCORE_COLUMNS if c in df.columns and df[c].dtype == "float64"]
    if not cols:
        return df
    return df.assign(**{c: df[c].round(SENTIMENT_DECIMALS) + 0.0 for c in cols})


#: how every Parquet file is written (`to_bytes`, `ChunkWriter`): times in microseconds, their UTC zone kept
#: (`timestamp[us, tz=UTC]`). pyarrow wrote pandas' nanoseconds (`timestamp[ns, tz=UTC]`, a Parquet 2.6 type), which
#: older Spark, BigQuery's load and some Power Query versions refuse or read as other times; microseconds are what
#: they, DuckDB and the store hold. A time's digits past the microsecond (no platform gives them) are cut.
PARQUET_OPTIONS = {"coerce_timestamps": "us", "allow_truncated_timestamps": True}


def parquet_table(df: pd.DataFrame, provenance: dict[str, str] | None = None) -> pa.Table:
    """`df` as the Arrow table brandpulse writes to Parquet (`typed_text`, no index), with what made it in the file's
    key-value metadata beside pandas' own: `brandpulse.version`, and each of `provenance` as `brandpulse.KEY`
    (`analyze`'s rows: `brandpulse.sentiment`, `sentiment.produced_by`). Readers that know nothing of it (pandas,
    DuckDB, Spark) read the same columns and values; a warehouse tells which release and lexicon made a night's file."""
    table = pa.Table.from_pandas(typed_text(df), preserve_index=False)
    ours = {"version": __version__, **(provenance or {})}
    metadata = dict(table.schema.metadata or {})  # (pandas': its dtypes, read back by `pd.read_parquet`)
    metadata.update({f"brandpulse.{k}".encode(): f"{v}".encode() for k, v in ours.items()})
    return table.replace_schema_metadata(metadata)


def typed_text(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its columns of Python strings as the schema's strings, for Parquet: a rejects file's, and one with
    no value at all (a table without rows, a rejects file without rejects), which Arrow would type `null`, so that
    a warehouse table made from the file could not take text later; each text column as the posts' (`large_string`)."""
    text = [c for c in df.columns if df[c].dtype == object and pd.api.types.infer_dtype(df[c]) in ("string", "empty")]
    return df.astype(dict.fromkeys(text, STRING)) if text else df


#: what JSON may hold raw that a terminal acts on (C1 controls such as CSI U+009B, bidi overrides that
#: reverse the rest of a line) or that line readers split at (U+2028, U+2029; Python's splitlines)
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_escaped(text: str) -> str:
    """JSON text with those characters as `\\u` escapes: the same JSON (ESC and the other C0 controls
    json.dumps escapes itself), safe to print on a terminal, one record a line."""
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_ESCAPED.search(text) else text


def json_text(obj: object, **options) -> str:
    """`json.dumps` as brandpulse writes JSON: UTF-8 text, `json_escaped`."""
    return json_escaped(json.dumps(obj, ensure_ascii=False, **options))


#: truth values in CSV and TSV, as JSON writes them: Excel, LibreOffice and Google Sheets show TRUE and FALSE, pandas,
#: DuckDB and csvkit read booleans (pandas' own `True`/`False` until stop 38; every one of them reads all three)
TRUTH = {True: "true", False: "false"}

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
SPREADSHEET_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def csv_bytes(
    df: pd.DataFrame,
    sep: str = ",",
    lineterminator: str = "\n",
    header: bool = True,
    excel_times: bool = False,
    no_thousands: bool = False,
    decimal: str = ".",
) -> bytes:
    """`df.to_csv(index=False, date_format=DATE_FORMAT, decimal=decimal)` (SPREADSHEET_DATE_FORMAT with
    `excel_times`) as UTF-8, the same bytes, built column-wise with pyarrow (several times faster than pandas'
    row-by-row csv module); other dtypes go to pandas. `no_thousands`: decimals of three digits after the point
    with a fourth (`NO_THOUSANDS`). A `decimal` that is `sep` would need every decimal quoted: refused."""
    if decimal == sep:
        raise ValueError(f"the decimal mark {decimal!r} cannot be the separator")
    cells = (
        [_csv_cells(df[c], sep, excel_times, no_thousands, decimal) for c in df.columns]
        if len(df) and len(df.columns) > 1
        else [None]
    )
    if any(c is None for c in cells) or not df.columns.is_unique:
        date_format = SPREADSHEET_DATE_FORMAT if excel_times else DATE_FORMAT
        df = df.copy()
        for i in range(len(df.columns)):  # times and truth values as ours (times with their fractions of a second)
            if pd.api.types.is_datetime64_any_dtype(df.iloc[:, i]):
                times = _time_cells(df.iloc[:, i], excel_times)
                if times is not None:
                    df.isetitem(i, times.to_numpy(zero_copy_only=False))
            elif pd.api.types.is_bool_dtype(df.iloc[:, i]):
                df.isetitem(i, df.iloc[:, i].map(TRUTH).astype(object))
            elif (
                pd.api.types.is_float_dtype(df.iloc[:, i])
                and df.iloc[:, i].dtype.itemsize == 8
                and (no_thousands or isinstance(df.iloc[:, i].dtype, pd.Float64Dtype))  # (else pandas' own text)
            ):
                # (float64 alone, as `_csv_cells`: a float32 0.1 widened was written 0.10000000149011612)
                cells = _float_column_cells(df.iloc[:, i], no_thousands, decimal)
                df.isetitem(i, cells.to_numpy(zero_copy_only=False))
        text = df.to_csv(
            index=False, header=header, sep=sep, date_format=date_format, lineterminator=lineterminator, decimal=decimal
        )
        return text.encode("utf-8")
    head = io.StringIO()
    if header:
        csv.writer(head, delimiter=sep, lineterminator=lineterminator).writerow([str(c) for c in df.columns])
    end = pa.scalar(lineterminator, pa.large_string())
    cells[-1] = pc.binary_join_element_wise(cells[-1], end, pa.scalar("", pa.large_string()))
    rows = pc.binary_join_element_wise(*cells, pa.scalar(sep, pa.large_string()))
    if isinstance(rows, pa.ChunkedArray):
        rows = pa.concat_arrays(rows.chunks) if rows.num_chunks else pa.array([], pa.large_string())
    # the rows are back to back in the result's data buffer: that buffer is the file's body
    return head.getvalue().encode("utf-8") + value_bytes(rows)


def _csv_cells(
    s: pd.Series, sep: str, excel_times: bool = False, no_thousands: bool = False, decimal: str = "."
) -> pa.Array | None:
    """One column as CSV cells, quoted as Python's csv module quotes them (QUOTE_MINIMAL); None
    for a dtype this does not take (object columns and anything unusual)."""
    dtype = s.dtype
    if isinstance(dtype, pd.StringDtype):
        arr = _strings(s)
        if not _holds_any(arr, (sep, '"', "\r", "\n")):  # most columns but the text: no cell to quote
            return pc.fill_null(arr, "")
        need = _mask(pc.match_substring_regex(arr, f'[{re.escape(sep)}"\r\n]'))
        return pc.fill_null(_wrap(arr, need, '"', '"', double_quotes=True), "")
    if pd.api.types.is_bool_dtype(dtype):
        arr = pa.array(s, from_pandas=True)
        return pc.fill_null(pc.if_else(arr, TRUTH[True], TRUTH[False]), "").cast(pa.large_string())
    if pd.api.types.is_integer_dtype(dtype):
        return pc.fill_null(pa.array(s, from_pandas=True).cast(pa.large_string()), "")
    if pd.api.types.is_float_dtype(dtype) and dtype.itemsize == 8:
        return _float_column_cells(s, no_thousands, decimal)
    if isinstance(dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(dtype):
        return _time_cells(s, excel_times)
    return None


def _time_cells(s: pd.Series, excel_times: bool = False) -> pa.Array | None:
    """Times as DATE_FORMAT or SPREADSHEET_DATE_FORMAT (in UTC, whatever their zone), their digits put in
    place with numpy: twice as fast as numpy's own ISO strings, and Arrow's strftime costs more than
    all other cells of a row together (its zone rules also stop in 2037). A time with a fraction of a
    second has it, in 3, 6 or 9 digits (`05:40:00.750Z`): read back, a post without an id is the same
    post again. None (pandas writes them) for years outside 1000-9999, which ISO writes otherwise."""
    # (a report's buckets in --tz America/New_York: their clock time was written with a Z; an Arrow column's zone is
    # no DatetimeTZDtype: its times went to numpy as objects, a null as NaN, a TypeError)
    wall = s.dt.tz_convert("UTC").dt.tz_localize(None) if s.dt.tz is not None else s
    raw = wall.to_numpy()
    seconds = raw.astype("datetime64[s]")  # floors, like strftime's %S
    missing = np.isnat(seconds)
    known = seconds[~missing]
    if len(known) and not (np.datetime64("1000-01-01") <= known.min() and known.max() < np.datetime64("10000-01-01")):
        return None
    seconds = np.where(missing, np.datetime64(0, "s"), seconds)
    year, month, day = (seconds.astype(f"datetime64[{unit}]") for unit in "YMD")
    year_no = year.astype(np.int64) + 1970
    clock = (seconds - day).astype(np.int64)  # seconds since midnight
    pairs = (  # each field's two digits, at its place in "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DD HH:MM:SS")
        (year_no // 100, 0),
        (year_no % 100, 2),
        ((month - year).astype(np.int64) + 1, 5),
        ((day - month).astype(np.int64) + 1, 8),
        (clock // 3600, 11),
        (clock // 60 % 60, 14),
        (clock % 60, 17),
    )
    template = b"0000-00-00 00:00:00" if excel_times else b"0000-00-00T00:00:00Z"
    data = np.empty((len(seconds), len(template)), dtype=np.uint8)
    data[:] = np.frombuffer(template, dtype=np.uint8)
    # each field's two digits one 16-bit store at its byte offset (a field of a record dtype): a copy of two bytes a
    # row into a (rows, 2) slice was 10 times slower
    names = [f"f{at}" for _, at in pairs]
    offsets = [at for _, at in pairs]
    fields = np.dtype({"names": names, "formats": ["=u2"] * len(pairs), "offsets": offsets, "itemsize": len(template)})
    record = data.view(fields)[:, 0]
    for value, at in pairs:
        record[f"f{at}"] = _TWO_DIGITS_16[value]
    cells = _fixed_width_strings(data)
    unit, count = np.datetime_data(raw.dtype)
    if unit in ("ms", "us", "ns") and count == 1:  # (pandas' units: seconds have no fraction)
        nanos = np.where(missing, 0, (raw - seconds).astype(np.int64) * {"ms": 10**6, "us": 10**3, "ns": 1}[unit])
        needs = np.where(nanos % 10**6 == 0, 3, np.where(nanos % 10**3 == 0, 6, 9))  # each time the digits it has
        for digits in (3, 6, 9):
            some = (nanos > 0) & (needs == digits)
            if some.any():
                fraction = np.empty((len(data), digits + 1), dtype=np.uint8)
                fraction[:, 0] = ord(".")
                value = nanos // 10 ** (9 - digits)
                for at in range(digits, 0, -1):
                    fraction[:, at] = ord("0") + value % 10
                    value //= 10
                longer = np.concatenate([data[:, :19], fraction, data[:, 19:]], axis=1)  # before the Z
                cells = pc.if_else(pa.array(some), _fixed_width_strings(longer), cells)
    return pc.if_else(pa.array(missing), pa.scalar("", pa.large_string()), cells) if missing.any() else cells


def _fixed_width_strings(data: np.ndarray) -> pa.Array:
    """Each row of a 2-D uint8 array as one string."""
    offsets = np.arange(0, data.size + 1, data.shape[1], dtype=np.int64)
    return pa.LargeStringArray.from_buffers(len(data), pa.py_buffer(offsets), pa.py_buffer(data))


_TWO_DIGITS = np.array([[ord("0") + i // 10, ord("0") + i % 10] for i in range(100)], dtype=np.uint8)
#: the same, each pair as one 16-bit value (its bytes in memory order)
_TWO_DIGITS_16 = _TWO_DIGITS.view(np.dtype("=u2"))[:, 0]


#: a decimal of three digits after its point (`0.125`, `-0.375`, `1234.125`), which German, Spanish, Italian, Dutch
#: and Brazilian Portuguese (not French or Portugal's) settings read as a number with a thousands separator (125,
#: -375, 1234125: checked in LibreOffice, as Excel reads `1.234` there), is written with a fourth, `0.1250`: the same
#: number in English settings, text in those, as every other decimal with a point is there (`0.5`, `16.7`), never
#: another number
NO_THOUSANDS = r"\.\d{3}$"


def _float_column_cells(s: pd.Series, no_thousands: bool = False, decimal: str = ".") -> pa.Array:
    """A float64 column's cells (`_float_cells`); a nullable `Float64` one's (`schema.RATING`, star ratings) whole
    values without `.0`: a 4-star review is `4`, as when ratings were whole numbers, a half star `4.5`."""
    cells = _float_cells(s.to_numpy(dtype=float, na_value=np.nan), no_thousands, decimal)
    if isinstance(s.dtype, pd.Float64Dtype):
        cells = pc.replace_substring_regex(cells, re.escape(decimal) + "0$", "")
    return cells


def _float_cells(v: np.ndarray, no_thousands: bool = False, decimal: str = ".") -> pa.Array:
    """float64 as numpy's repr (shortest round-trip, `2.0`, `1e-05`); NaN empty. Arrow's cast gives
    the same text for non-integers from 1e-4 to 1e10 (checked on 10^5 random values), and for whole
    numbers below 1e10 the same less the `.0` (`2`, `-0`: added here; neutral scores are 0.0); it writes
    `1e-9`, `1.00000000005e+10`: the other finite cells are formatted by Python. `no_thousands`: `NO_THOUSANDS`.
    `decimal`: the mark written for the point (`0,1250`). A column of few distinct values (scores: 2,700 of 46,000
    a slice) is formatted value by value (`_as_labels`; -0.0 and 0.0 are two values)."""
    labels = _as_labels(pa.array(v, from_pandas=True))
    if labels is not None:
        cells = _float_cells(labels.dictionary.to_numpy(), no_thousands, decimal)
        return pc.fill_null(cells.take(labels.indices), "")
    out = pc.cast(pa.array(v, from_pandas=True), pa.large_string())
    a = np.abs(v)
    finite = np.isfinite(v)
    whole = finite & (v == np.floor(v)) & (a < 1e10)
    if whole.any():
        point = pc.binary_join_element_wise(out, pa.scalar(".0", pa.large_string()), pa.scalar("", pa.large_string()))
        out = pc.if_else(pa.array(whole), point, out)
    odd = finite & ~whole & ((a < 1e-4) | (a >= 1e10))
    if odd.any():
        fixed = out.to_numpy(zero_copy_only=False).astype(object)
        fixed[odd] = [repr(float(x)) for x in v[odd]]
        out = pa.array(fixed, type=pa.large_string())
    if no_thousands:
        three = _mask(pc.match_substring_regex(out, NO_THOUSANDS))
        if three.any():
            out = _wrap(out, three, "", "0")
    if decimal != ".":
        out = pc.replace_substring(out, ".", decimal)
    return pc.fill_null(out, "")


def _records(df: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: ISO timestamps, None for missing, plain ints and floats."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            cells = _time_cells(out[col])  # (as in CSV: with a fraction of a second when there is one)
            text = out[col].dt.strftime(DATE_FORMAT) if cells is None else cells.to_numpy(zero_copy_only=False)
            out[col] = pd.Series(text, index=out.index, dtype=object).where(out[col].notna(), None)
        elif isinstance(out[col].dtype, pd.Float64Dtype):  # (star ratings: a 4-star review `4`, as in CSV, not `4.0`)
            v = out[col].to_numpy(dtype=float, na_value=np.nan)
            whole = ~np.isnan(v) & (v % 1 == 0) & (np.abs(v) < 2.0**63)  # (1e20 was int64's -9223372036854775808)
            out[col] = pd.Series(v.tolist(), index=out.index, dtype=object).mask(
                whole, np.where(whole, v, 0).astype(np.int64)
            )
    # column by column, numpy's scalars made Python's in the object columns alone (the others' cells come out of
    # astype as Python's own): `to_dict(orient="records")` boxed every cell in Python (0.9 s of a 100,000-row chunk's
    # 1.6 s written as JSON Lines)
    held = [pd.api.types.is_object_dtype(t) for t in out.dtypes]
    out = out.astype(object).where(out.notna(), None)
    columns = [_native(out.iloc[:, i].tolist()) if held[i] else out.iloc[:, i].tolist() for i in range(len(held))]
    keys = out.columns.tolist()
    if not keys:  # (rows of no column: `{}` each, as `to_dict` gave; zip of no column gave no row)
        return [{} for _ in range(len(out))]
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]


def _native(values: list) -> list:
    """`values` with numpy's scalars as Python's (numpy's times as pandas', as `to_dict` gives them)."""
    if not any(isinstance(v, np.generic) for v in values):
        return values
    return [_native_one(v) if isinstance(v, np.generic) else v for v in values]


def _native_one(v: np.generic) -> object:
    if isinstance(v, np.datetime64):
        return pd.Timestamp(v)
    if isinstance(v, np.timedelta64):
        return pd.Timedelta(v)
    return v.item()


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside `path`; rename it over `path` only if the block succeeds.
    A device, FIFO or link (`-o /dev/null`, `/dev/stdout`, a shell's `>(...)`) is written in place:
    a rename would put a plain file where it was (as root, even over /dev/null)."""
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        yield path
        return
    tmp = fd = None
    try:
        # a SIGTERM while the file is made is raised once `tmp` names it, and one after it inside this `try`:
        # either way the file is removed (a signal as its mode was set left it behind)
        with Terminated.deferred():
            try:
                # (the name cut to 200 bytes: a 250-byte name's temporary one was "File name too long")
                stem = os.fsdecode(os.fsencode(path.name)[:200])
                _remove_abandoned(path.parent, stem)
                while tmp is None:
                    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=path.parent or ".")
                    if not _lock(fd):  # (held open and locked while this run writes it: a leftover is one no run holds)
                        os.close(fd)  # (Windows: no such lock, and a file open cannot be renamed)
                        fd = None
                    elif not _still_named(fd, tmp):  # (another run took it for a leftover before it was locked)
                        os.close(fd)
                        fd = tmp = None
            except FileNotFoundError:
                raise BrandpulseError(f"{path}: folder {path.parent} does not exist") from None
            except PermissionError:
                raise BrandpulseError(f"{path}: cannot write in {path.parent} (permission denied)") from None
        umask = os.umask(0)
        os.umask(umask)
        # mkstemp makes 0600: a new file gets the mode any new file gets, a replaced one keeps its own
        # (a queue.csv of customers' posts made private with chmod 600 was 0644 again after the next run)
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask)
        yield Path(tmp)
        if Terminated.signalled:  # a SIGTERM whose exception Python swallowed (an at-fork hook): not in place
            raise Terminated()
        os.replace(tmp, path)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if fd is not None:
            os.close(fd)


def _lock(fd: int) -> bool:
    """Lock the open file `fd` while it is open (an OS lock, gone with the process however it ends): False when another
    process holds it, or where there is no such lock (Windows)."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _still_named(fd: int, path: str) -> bool:
    """Whether `path` still names the open file `fd` (not removed or replaced meanwhile)."""
    try:
        return os.path.samestat(os.fstat(fd), os.lstat(path))
    except FileNotFoundError:
        return False


def _remove_abandoned(folder: Path, stem: str) -> None:
    """Remove the temporary files of `stem` in `folder` that no running process holds: what a run killed (SIGKILL, the
    OOM killer) as it wrote them left behind, a partial copy of the output, for good. The lock tells, also of a run in
    another container (its process numbers are not ours) or of another user (whose file is left)."""
    if fcntl is None:  # (Windows: a file open in a running process cannot be removed, and no other is)
        return
    made = re.compile(rf"\.{re.escape(stem)}\.[a-z0-9_]{{8}}\.tmp")
    with suppress(OSError):
        for entry in os.scandir(folder):
            if not made.fullmatch(entry.name):
                continue
            try:
                fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                if _lock(fd) and _still_named(fd, entry.path):
                    os.unlink(entry.path)
            except OSError:
                pass
            finally:
                os.close(fd)


#: names of a descriptor of the process itself: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
_OWN_DESCRIPTOR = re.compile(r"/dev/(?:(stdout)|(stderr)|fd/([0-9]+))|/proc/self/fd/([0-9]+)")


def own_descriptor(path: str | Path) -> int | None:
    """The descriptor of this process that `path` names (`/dev/stderr`: 2), else None."""
    found = _OWN_DESCRIPTOR.fullmatch(os.path.normpath(os.fspath(path)))
    if found is None:
        return None
    stdout, stderr, fd, proc_fd = found.groups()
    return 1 if stdout else 2 if stderr else int(fd or proc_fd)


@contextmanager
def atomic_open(path: str | Path):
    """`atomic_path`'s file, open to write bytes. The new temporary file is opened as it is, empty:
    truncating it (`"wb"`, O_TRUNC) would make ext4 write the whole file to disk when it is closed
    (0.12 s for a 290 MB output). A device, FIFO or link is opened with truncation, as before; but a
    descriptor of the process (`--rejects /dev/stderr`) is written through, where it stands: opened again,
    `2>>run.log` was truncated, the log's earlier lines and this run's messages gone."""
    fd = own_descriptor(path)
    if fd is not None:
        for stream in (sys.stdout, sys.stderr):  # (what was printed there comes first)
            stream.flush()
        with naming(path), open(os.dup(fd), "wb") as fh:
            yield fh
        return
    with naming(path), atomic_path(path) as tmp, open(tmp, "wb" if tmp == Path(path) else "r+b") as fh:
        yield fh


@contextmanager
def naming(path: str | Path | None):
    """An OSError of writing to `path` that names no file (a full disk: "No space left on device" from
    write or flush) names it, so its one line says which output failed."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = "stdout" if path is None or str(path) == "-" else str(path)
        raise


def write_bytes(data: bytes, path: str | Path | None) -> None:
    """Write to `path` atomically, or to stdout for None or `-`."""
    if path is None or str(path) == "-":
        with naming(path):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    with atomic_open(path) as fh:
        fh.write(data)


#: rows serialised at a time by `write_table` for line formats
SLICE_ROWS = 100_000


def write_table(df: pd.DataFrame, path: str | Path | None, fmt: str | None = None, **options) -> None:
    """Write `df` atomically. Line formats (CSV, TSV, JSONL) are serialised SLICE_ROWS rows at a time:
    the same bytes, without holding the whole text (4 bytes a character once it has an emoji) in memory."""
    fmt = format_for(str(path) if path else None, fmt)
    if fmt in GZIP_FORMATS and (len(df) > SLICE_ROWS or gzipped(path)):  # (gzip: `ChunkWriter` writes it)
        with ChunkWriter(path, fmt, **options) as sink:
            for start in range(0, max(len(df), 1), SLICE_ROWS):  # (no rows: the header alone)
                sink.write(df.iloc[start : start + SLICE_ROWS])
        return
    long = Counter()
    write_bytes(to_bytes(df, fmt, long=long, **options), path)
    warn_long_cells(long, path)


#: formats a table can be written to in pieces
STREAM_FORMATS = ("csv", "tsv", "jsonl", "parquet")


def written_in_place(path: str | Path | None) -> bool:
    """Whether writing to `path` reaches its reader as it is written, not once the file is whole: stdout, a
    descriptor, a device, FIFO or link (`atomic_path`)."""
    if path is None or str(path) == "-" or own_descriptor(path) is not None:
        return True
    path = Path(path)
    return path.is_symlink() or (path.exists() and not path.is_file())


class ChunkWriter:
    """Write one table chunk by chunk: the file is the same as `write_table` of all chunks together
    (Parquet: the same rows, in one row group per chunk). Atomic like `write_bytes`: the target
    appears only when `close()` is reached without error. A `.gz` path is written gzipped (`gzipped`)."""

    def __init__(
        self,
        path: str | Path | None,
        fmt: str,
        *,
        provenance: dict[str, str] | None = None,
        schema: pa.Schema | None = None,
        hold: bool = False,
        **options,
    ):
        """`schema`: Parquet's columns and types, another file's (the first part of a folder of parts: each of its
        own columns, `pd.read_parquet` of the folder took the first's and lost a later file's without a word);
        else the first chunk's. `hold`: a target written in place (stdout, a pipe: `written_in_place`) gets
        nothing until `close(ok=True)`, the rows kept meanwhile in a temporary file in TMPDIR, so a run that fails
        at its end (`--fail-on-rejects`) writes nothing there, as it leaves a file as it was."""
        if fmt not in STREAM_FORMATS:
            raise ConfigError(f"{fmt} cannot be written in chunks (use one of {', '.join(STREAM_FORMATS)})")
        self.fmt, self.options, self.first, self.path = fmt, options, True, path
        self.provenance = provenance  # (Parquet's metadata: `parquet_table`)
        #: the file's columns, its first chunk's; `dropped`, those a later chunk had beyond them (`_aligned`)
        self.columns: list | None = None if schema is None else schema.names
        self.schema = schema
        self.dropped: list[str] = []
        #: CSV's cells a spreadsheet cuts, per column (`long_cells`), warned of once the file is whole
        self.long = Counter()
        self.held = hold and written_in_place(path)
        if self.held:
            self._atomic, self._raw = None, tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        else:
            self._atomic = None if path is None or str(path) == "-" else atomic_open(path)
            self._raw = self._atomic.__enter__() if self._atomic else sys.stdout.buffer
        self._fh = self._raw
        if gzipped(path):  # (level 6, gzip's own: 9 took twice the time for 1% less; named as the file is, not
            # its temporary file, for `gunzip -N`)
            self._fh = gzip.GzipFile(os.path.basename(str(path)), "wb", 6, self._raw)
        self._parquet = None

    def write(self, df: pd.DataFrame, data: bytes | None = None, long: Counter | None = None) -> None:
        """Append `df`'s rows; `data`: those rows already serialised without a header (by a worker),
        in which case `df` need only have the columns, and `long` counts their long cells (`to_bytes`)."""
        with naming(tempfile.gettempdir() if self.held else self.path):
            self._write(df, data)
        self.long.update(long or {})

    def _write(self, df: pd.DataFrame, data: bytes | None) -> None:
        if self.fmt != "jsonl":  # (a JSON Lines row names its own keys)
            if self.columns is None:
                self.columns = list(df.columns)
            elif list(df.columns) != self.columns:
                df, data = self._aligned(df, data)
        if data is not None and self.fmt != "parquet":
            if self.first:
                self._fh.write(to_bytes(df.iloc[:0], self.fmt, header=True, long=self.long, **self.options))
            self._fh.write(data)
        elif self.fmt == "parquet":
            import pyarrow.parquet as pq

            table = parquet_table(rounded_scores(df), self.provenance)
            if self._parquet is None:
                self.schema = self.schema or table.schema
                self._parquet = pq.ParquetWriter(self._fh, self.schema, **PARQUET_OPTIONS)
            self._parquet.write_table(table.cast(self.schema))
        else:
            self._fh.write(to_bytes(df, self.fmt, header=self.first, long=self.long, **self.options))
        self.first = False

    def _aligned(self, df: pd.DataFrame, data: bytes | None) -> tuple[pd.DataFrame, bytes | None]:
        """A later chunk's rows in the file's columns: a file of other columns than the first (a review export's
        `app_version`, `reply` after a Reddit file) wrote its cells under the first file's header, a CSV of rows
        longer than it or `about` under `reply`, and Parquet stopped. A column the file has not is left empty, one the
        chunk has beyond them is not written and is named in `dropped`."""
        self.dropped += [c for c in df.columns if c not in self.columns and c not in self.dropped]
        if data is None:
            out = df.reindex(columns=self.columns)
            for col in self.columns:
                if col not in df.columns:  # (no value, of no type: Parquet casts it to the file's)
                    out[col] = pd.Series([None] * len(df), index=df.index, dtype=object)
            return out, None
        sep = "\t" if self.fmt == "tsv" else ";" if self.options.get("decimal_comma") else ","
        end = "\r\n" if self.options.get("excel") else "\n"
        at = [list(df.columns).index(c) if c in df.columns else None for c in self.columns]
        # (ended "\r\n", the writer quotes a cell holding a lone "\r" as `to_bytes` does: ended "\n", it did not,
        # and a reader broke the row there)
        line, rows = io.StringIO(), []
        writer = csv.writer(line, delimiter=sep, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=sep):
            line.seek(0)
            line.truncate()
            writer.writerow(["" if i is None else row[i] for i in at])
            rows.append(line.getvalue()[:-2] + end)
        return df.reindex(columns=self.columns).iloc[:0], "".join(rows).encode("utf-8")

    def close(self, ok: bool = True) -> None:
        """Put the file in place (`ok`), or remove the temporary file and leave the target as it was. Once: the
        `with` block's end after a `close` does nothing."""
        if self._fh is None:
            return
        atomic, self._atomic = self._atomic, None
        fh, self._fh = self._fh, None
        try:
            with naming(tempfile.gettempdir() if self.held else self.path):
                if self._parquet is not None:
                    self._parquet.close()
                if fh is not self._raw:
                    fh.close()  # (gzip's end; the file under it stays open)
                self._raw.flush()  # (a full disk fails here, or at the first write)
            if self.held and ok:
                self._raw.seek(0)
                if self.path is None or str(self.path) == "-":
                    with naming(self.path):
                        shutil.copyfileobj(self._raw, sys.stdout.buffer)
                        sys.stdout.buffer.flush()
                else:
                    with atomic_open(self.path) as out:
                        shutil.copyfileobj(self._raw, out)
        except BaseException as exc:
            if atomic is not None:  # remove the temporary file now, not when the generator is collected
                atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        finally:
            if self.held:
                self._raw.close()
        if atomic is not None:
            if ok:
                atomic.__exit__(None, None, None)
            else:
                atomic.__exit__(BrandpulseError, BrandpulseError("aborted"), None)
        if ok:
            warn_long_cells(self.long, self.path)

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(ok=kind is None)
