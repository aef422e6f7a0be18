"""Options shared by several commands, defined once so a flag means the same everywhere."""

from __future__ import annotations

import csv
import math
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from ..errors import BrandpulseError, UsageError

if TYPE_CHECKING:
    from rich.console import Console


def counted(n: int, noun: str) -> str:
    """`terminal.counted` ("2,583 rows"), which the commands' count lines use as `opt.counted`; the terminal module
    loads rich and pandas, which a command's `--help` has no use for."""
    from ..output.terminal import counted

    return counted(n, noun)


def choice(values: Iterable[str]) -> click.Choice:
    """A choice of keywords, taken in any case (`--date-order DMY`, `-f CSV`): none differs from another by case;
    and by their other names (`choices.ALIASES`: `-f markdown` is `md`)."""
    return _Choice(list(values), case_sensitive=False)


class _Choice(click.Choice):
    def convert(self, value, param, ctx):
        from ..choices import ALIASES

        alias = ALIASES.get(value.lower()) if isinstance(value, str) else None
        return super().convert(alias if alias in self.choices else value, param, ctx)


class FloatRange(click.FloatRange):
    """click's FloatRange that also refuses nan (every comparison lets it through) and inf (`--k inf`
    never alerted, `--timeout inf` overflowed the socket's clock: exit 1), each message with the range."""

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if math.isnan(number):  # ("'x' is not a valid float range" said neither what nor which)
            self.fail(f"{value!r} is not a number in the range {self._describe_range()}.", param, ctx)
        if math.isinf(number):
            self.fail(f"{value!r} is not a finite number in the range {self._describe_range()}.", param, ctx)
        return super().convert(number, param, ctx)


class IntRange(click.IntRange):
    """click's IntRange, whose "'1e300' is not a valid integer range" did not say the range."""

    def convert(self, value, param, ctx):
        try:
            value = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a whole number in the range {self._describe_range()}.", param, ctx)
        return super().convert(value, param, ctx)


#: option types for counts and amounts: a negative window, timeout or fold count is a usage error (exit 2)
POSITIVE = FloatRange(min=0, min_open=True)
NON_NEGATIVE = FloatRange(min=0)
AT_LEAST_ONE = IntRange(min=1)
COUNT = IntRange(min=0)
#: the longest wait or timeout: a cron job told `--wait 1e300` waited for ever on a store left locked
A_DAY = 86400


class Folds(IntRange):
    """Cross-validation folds: 0 (none) or 2 and more; one fold would silently cross-validate nothing."""

    def __init__(self):
        super().__init__(min=0)

    def convert(self, value, param, ctx):
        folds = super().convert(value, param, ctx)
        if folds == 1:
            self.fail("1 fold is no cross-validation: use 0 (none) or 2 or more.", param, ctx)
        return folds


FOLDS = Folds()


class FilePath(click.Path):
    """A file option's value: an empty one (`-o "$OUT"`, `--rejects "$REJECTS"` with the variable not set) is a usage
    error, not the option left out (`--rejects ""` kept no rejects, `--store ""` used the default store, `-c ""` the
    default config, without a word) nor a file named "" (`-o ""`: "Is a directory", exit 1)."""

    def convert(self, value, param, ctx):
        if value == "":
            self.fail("it is empty (a variable not set?): give a file name, or leave the option out", param, ctx)
        return super().convert(value, param, ctx)


config_option = click.option(
    "-c",
    "--config",
    "config_path",
    type=FilePath(),  # (a folder is a config error, exit 5, as $BRANDPULSE_CONFIG naming one: `read_toml`)
    help="Config file (default: $BRANDPULSE_CONFIG, else ./brandpulse.toml if present).",
)
output_option = click.option(
    "-o",
    "--output",
    type=FilePath(dir_okay=False, allow_dash=True),
    help="Write to FILE instead of stdout ('-' is stdout).",
)
brand_option = click.option(
    "--brand",
    "brand_specs",
    multiple=True,
    metavar="NAME[=TERM,...|=QUERY]",
    help="A brand and its terms, e.g. 'Delta=Delta,Delta Air Lines,@Delta', or a boolean query, "
    "e.g. 'Apple=apple NEAR/3 (iphone OR mac)' (repeatable).",
)
about_option = click.option(
    "--about",
    metavar="BRAND",
    help="FILES are about BRAND (an app's reviews): their posts naming no brand are its, marked in an `about` column "
    "(default: the config's [input] about).",
)
map_option = click.option(
    "--map",
    "map_specs",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Take schema FIELD from source COLUMN, e.g. --map text=body (repeatable); --map about=name: each row's "
    "reviewed place (a chain's store) gives its brand to the posts naming none.",
)
keep_option = click.option(
    "--keep",
    "keep_specs",
    multiple=True,
    metavar="COLUMN",
    help="Also write the files' COLUMN, as text, after the rows' own columns (repeatable, or COLUMN,COLUMN; a name "
    "holding a comma in double quotes, '\"Version, build\"'): an app version, a campaign, to join or pivot the rows "
    "by. Every file must have it.",
)


def kept_names(specs: Iterable[str]) -> tuple[str, ...]:
    """`--keep`'s column names: each option's, split at commas (`--keep campaign,region`), spaces around them off; a
    name holding a comma in double quotes, as a CSV cell (`--keep '"Version, build",Device'`: it could not be kept)."""
    names = tuple(n.strip() for spec in specs for n in next(csv.reader([spec], skipinitialspace=True), None) or [""])
    if "" in names:  # (`--keep "$COLUMN"` with the variable unset, `--keep a,,b`)
        raise UsageError("--keep: an empty column name (give COLUMN, or COLUMN,COLUMN)")
    return names


input_format_option = click.option(
    "--input-format",
    type=choice(["csv", "tsv", "json", "jsonl", "parquet", "xlsx", "feed"]),
    help="Input format (default: from the file name, else its content; feed = RSS/Atom).",
)
date_order_option = click.option(
    "--date-order",
    type=choice(["dmy", "mdy"]),
    help="Read dates like 02/11/2026 as day/month/year (dmy) or month/day/year (mdy) (default: the config's "
    "[input] date_order). Without either, such a date is read only when its numbers tell the order (13/11/2026, "
    "11/13/2026, 02.11.2026 with dots), and rejected when they cannot.",
)
input_tz_option = click.option(
    "--input-tz",
    metavar="ZONE",
    help="Time zone of the files' times written without one (31/12/2026 23:15): an IANA name such as Europe/Madrid"
    " (default: the config's [input] timezone, else UTC). Times with a zone or offset are read as they say.",
)


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--encoding: the files this command reads are decoded as it says for the rest of its run (`given_encoding`)."""
    if value is not None:
        from ..sources.text import check_encoding, given_encoding

        try:
            check_encoding(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
        ctx.with_resource(given_encoding(value))
    return value


encoding_option = click.option(
    "--encoding",
    metavar="NAME",
    callback=_encoding,
    expose_value=False,
    help="Text encoding of FILES (utf-8, cp1252, gb18030, shift_jis, utf-16-le, ...; any Python codec) instead of "
    "the one detected (BOM, UTF-16, UTF-8, common CJK encodings, else cp1252). A byte it cannot decode reads as "
    "U+FFFD, and a warning counts the rows holding one.",
)


def given(name: str) -> bool:
    """Whether the running command's option `name` was given, not left at its default (`--wait 10`)."""
    return click.get_current_context().get_parameter_source(name) is not ParameterSource.DEFAULT


def a_file(why: str):
    """A callback for an option whose `-` would be a file of that name, not a stream (`--store -`
    made a DuckDB file named "-"): a usage error saying `why`."""

    def check(ctx, param, value: str | None) -> str | None:
        if value == "-":
            raise UsageError(f"{param.opts[-1]} needs a file, not - ({why})")
        return value

    return check


def on_stdout(path: str | None) -> bool:
    """Whether an output named `path` is stdout: `-`, or a name of one of this process' descriptors, which is
    written through it (`writers.own_descriptor`): 1 (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`), or another
    one open on the same file or pipe as 1 (`-o /dev/fd/3 3>&1`; the same file opened again, `>out 3>out`, too: the
    two would write over each other). The checks of two outputs on stdout looked for `-` alone: `-o /dev/stdout
    --summary-csv -` interleaved the two. Not stderr, even when `2>&1` (or cron) joins it to stdout: it is the
    messages' stream, where `--rejects /dev/stderr` puts the rejects with them; nor so a descriptor on it then
    (`2>&1 3>&2`): it is the same open file as 1 and 2, nothing tells whether it was given as one or the other
    (`--rejects /dev/fd/3 3>&2` was refused as stdout). The file stdout is redirected to is no such name: it is
    written as a file, replaced (`shares_stdout` says it is stdout's)."""
    from ..output import writers

    fd = None if path is None or path == "-" else writers.own_descriptor(path)
    if fd is None or fd == 2:
        return path == "-"
    if fd == 1:
        return True
    try:
        this, stdout = os.fstat(fd), os.fstat(1)
    except OSError:  # (a descriptor not open: refused as such by check_outputs)
        return False
    try:
        stderr = os.fstat(2)
    except OSError:  # (closed: `2>&-`)
        stderr = None
    return _same_file(this, stdout) and not (stderr is not None and _same_file(this, stderr))


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def stdout_file(path: str | None) -> bool:
    """Whether `path` names the regular file stdout is redirected to (`-o out.csv > out.csv`, `>>` too): what was
    written to stdout went into the file the output then replaced (`--summary-csv - -o out.csv > out.csv` lost the
    summary without a word). A device (`/dev/null` as both) is shared as ever, and a name of a descriptor (`/dev/stdout`
    > out.csv) is `on_stdout`'s, by its number."""
    from ..output import writers

    if path is None or path == "-" or writers.own_descriptor(path) is not None:
        return False
    try:
        this, stdout = os.stat(path), os.fstat(1)
    except (OSError, ValueError):  # (no such file yet: not stdout's)
        return False
    return stat.S_ISREG(this.st_mode) and (this.st_dev, this.st_ino) == (stdout.st_dev, stdout.st_ino)


def shares_stdout(path: str | None) -> bool:
    """Whether what an output named `path` holds and what is written to stdout end in one place: `on_stdout`, or
    `stdout_file`. For the checks of two outputs only: `on_stdout` alone says whether to write through stdout (with
    `-o r.txt >> r.txt`, query test appended its report to r.txt, which it replaces without the `>>`)."""
    return on_stdout(path) or stdout_file(path)


def second_on_stdout(option: str, path: str | None, output: str | None, carries: str, what: str, moved: str) -> None:
    """A usage error when a command's second output (`--summary-csv`, `--predictions`) is stdout while `output`
    (-o, stdout when not given) is too: the two would be written there one into the other."""
    if shares_stdout(path) and (output is None or shares_stdout(output)):
        other = f"-o {output}" if output not in (None, "-") else "stdout"
        if stdout_file(path) or stdout_file(output):  # (`-o out.csv --summary-csv - > out.csv`: one replaced the other)
            raise UsageError(
                f"{option} {path} and {other} are the same file {path if stdout_file(path) else output} (stdout goes "
                f"to it, with {carries}): write {what} to another file"
            )
        also = f" (-o {output})" if output not in (None, "-") else ""
        raise UsageError(f"{option} {path}: stdout carries {carries}{also}; write {what} to a file, or {moved} with -o")


def _rejects_file(ctx, param, value: str | None) -> str | None:
    """`--rejects -` would be taken as stdout and mix the rejects into the rows, tables or report there."""
    from ..output import writers

    if stdout_file(value):  # (`--rejects r.csv > r.csv`: the rejects replaced the rows written there)
        raise UsageError(
            f"--rejects {value} is the file stdout goes to, which is for the rows, tables and reports: "
            "give --rejects another file"
        )
    if on_stdout(value):
        raise UsageError(
            f"--rejects needs a file, not {value} (stdout is for the rows, tables and reports): "
            "e.g. --rejects rejects.csv"
        )
    if value is not None:  # before any work, like -o: rejects.parquet is Parquet, rejects.md an error
        writers.checked_format(value, None, "brandpulse", option="--rejects", gzip_ok=True)
    return value


def write_rejects(rejected, path: str, csv_opts: dict) -> None:
    """The rejects file, in the format of its extension (CSV without one); a CSV or TSV as `csv_opts` (`csv_settings`:
    the command's --excel and --decimal-comma, else the config's [output]), as the command's other CSV."""
    from ..output import writers

    fmt = writers.checked_format(path, None, "brandpulse", option="--rejects", gzip_ok=True)  # (`rejects.csv.gz` too)
    writers.write_table(rejected, path, fmt, **csv_opts)


def read_rejects(path: str, csv_opts: dict):
    """A rejects file `write_rejects` wrote (a CSV with `,` or `;` between cells, whatever `csv_opts` says), read back
    as it was before it was written (a CSV's formula guards undone), for `fetch --resume` to keep: rewritten with the
    resumed run's alone, the first run's rejects were lost. InputError when it is not such a file (rewritten, its rows
    would be lost)."""
    import gzip

    import pandas as pd

    from ..errors import InputError
    from ..output import writers
    from ..schema import STRING
    from ..sources import REJECT_COLUMNS

    fmt = writers.checked_format(path, None, "brandpulse", option="--rejects", gzip_ok=True)
    try:
        if fmt in ("csv", "tsv"):
            # (the separator of its header: one written with --decimal-comma, `;`, was refused as "not a rejects
            # file" by a --resume without it, the config's [output] changed or the option left out)
            with (gzip.open if writers.gzipped(path) else open)(path, "rt", encoding="utf-8-sig") as fh:
                head = fh.readline()
            sep = "\t" if fmt == "tsv" else ";" if head.count(";") > head.count(",") else ","
            table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif fmt == "parquet":
            table = pd.read_parquet(path)
        else:
            table = pd.read_json(path, lines=fmt == "jsonl", dtype=False, encoding="utf-8")
    except (
        OSError,
        EOFError,
        ValueError,
        ImportError,
    ) as exc:  # (pandas' parser errors are ValueErrors; EOF: gzip cut)
        raise InputError(f"--rejects {path}: cannot be read to keep its rows ({exc}): move it aside first") from None
    if len(table) and list(table.columns) != REJECT_COLUMNS:
        raise InputError(
            f"--rejects {path}: not a rejects file (columns {', '.join(map(str, table.columns))}), and --resume "
            "keeps the rows of the one it writes to: move it aside first"
        )
    table = table.reindex(columns=REJECT_COLUMNS).astype(STRING)
    return writers.restore_formulas(table) if fmt in ("csv", "tsv") and csv_opts.get("safe", True) else table


rejects_option = click.option(
    "--rejects",
    type=FilePath(dir_okay=False, allow_dash=False),
    callback=_rejects_file,
    help="Write rows that could not be read to this CSV (or TSV, JSON, JSON Lines, Parquet, by its extension; "
    "gzipped for .csv.gz, .tsv.gz, .jsonl.gz): source, position (line), reason and the record.",
)
wait_option = click.option(
    "--wait",
    type=FloatRange(min=0, max=A_DAY),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another brandpulse process to release the store (alerts: or to finish sending its"
    " alerts, with the store or, with FILES, the same --state file), at most a day.",
)
#: cron mails any output: with -q a run that went well says nothing (analyze keeps its count line)
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr, and the count line if rows were rejected."
)
#: report, alerts and queue: dates without a zone, periods and day buckets on this zone's clock
tz_option = click.option(
    "--tz",
    metavar="ZONE",
    help="Time zone of dates, periods and buckets: an IANA name such as America/New_York, or UTC"
    " (default: the config's [report] timezone, else UTC).",
)
#: queue and report: the posts of these intents alone (`schema.has_intent`; names checked by `summary.known_intents`)
intent_option = click.option(
    "--intent",
    "intents",
    multiple=True,
    metavar="NAME",
    help="Only posts with this intent among their intents (complaint, question, ..., the config's own; repeatable:"
    " any of them).",
)
#: what `--redact` masks in a text (brandpulse/output/redact.py)
_MASKED = (
    "e-mails, dates of birth, phone and account numbers, references, UK postcodes, house numbers with streets, car"
    " registrations, names after Mr/Mrs/Dr and @mentions (but the brands' handles) in the texts masked"
)
#: report, queue and alerts: what is shared without who wrote each post (brandpulse/output/redact.py)
redact_option = click.option(
    "--redact/--no-redact",
    default=None,
    help=f"Authors as 'author 1', ..., links and post ids left out, {_MASKED}: for a file to share (default: the"
    " config's [output] redact).",
)
#: analyze: its chunks and worker processes name each author by a hash keyed for the run, the same in all of them
analyze_redact_option = click.option(
    "--redact/--no-redact",
    default=None,
    help=f"Authors as 'author 3f9a...' (the same author the same name throughout one run; a new key each run),"
    f" links and post ids left out, {_MASKED}, in the rows, the tables and --rejects (file, line and reason kept,"
    " the raw record left out): for a file to share (default: the config's [output] redact).",
)
csv_options = [
    click.option(
        "--raw-csv",
        is_flag=True,
        help='Write text cells as they are: no \' before = + - @ (or a tab, CR), no ="..." around ids over 15 digits'
        " or text a spreadsheet reads as a number, date or TRUE (007, 1e5, 1/2) (for machine consumers, not"
        " spreadsheets).",
    ),
    click.option(
        "--excel/--no-excel",
        default=None,
        help="Write CSV as UTF-8 with BOM and CRLF, times as 2026-10-13 05:40:00 (UTC), as Excel expects"
        " (default: the config's [output] excel).",
    ),
    click.option(
        "--decimal-comma/--no-decimal-comma",
        default=None,
        help="Write CSV for spreadsheets set to a decimal comma (German, French, Italian, Spanish, ...): ';' between"
        " cells, decimals as 0,7910 (TSV: the comma alone) (default: the config's [output] decimal_comma).",
    ),
]


def csv_settings(config, raw_csv: bool = False, excel: bool | None = None, decimal_comma: bool | None = None) -> dict:
    """The CSV writers' options (`writers.to_bytes`) of `csv_options`, which every command writing CSV takes:
    --excel and --decimal-comma, else the config's [output] settings. Other formats ignore them."""
    from ..config import output_setting

    return {
        "safe": not raw_csv,
        "excel": output_setting(config, "excel", excel),
        "decimal_comma": output_setting(config, "decimal_comma", decimal_comma),
    }


def read_input(
    file: str,
    input_format: str | None,
    map_specs,
    date_order: str | None,
    keep: tuple[str, ...] = (),
    fields: tuple[str, ...] | None = None,
    *,
    config,
    input_tz: str | None = None,
):
    """FILE read as the shared input options (--input-format, --map, --date-order, --input-tz) and the `config`'s
    [input] settings say; only the schema `fields` if given (`read`)."""
    from ..config import input_date_order, input_timezone
    from ..sources import read
    from ..sources.columns import parse_map_options

    mapping = parse_map_options(map_specs)
    order, tz = input_date_order(config, date_order), input_timezone(config, input_tz)
    return read(file, format=input_format, mapping=mapping, keep=keep, date_order=order, fields=fields, input_tz=tz)


def file_line(name: str, rows_read: int, note: str, columns: dict[str, str]) -> str:
    """A file read, for the err console: its rows, a note on columns left unread, and the fields read from
    a column of another name (`text=full_text`: a file with `text` and `full_text` tells which was read)."""
    from ..sources import shown_name

    mapped = ", ".join(f"{f}={c}" for f, c in columns.items() if f != c)
    line = f"{shown_name(name)}: {counted(rows_read, 'row')}" + (f" ({note})" if note else "")
    return shown(line + (f"; columns {mapped}" if mapped else ""))


#: words of a column's name that say it may hold the posts' times, under a name not read as them (`ts`, `posted`)
TIME_WORDS = frozenset(["ts", "time", "date", "datetime", "timestamp", "created", "posted", "published", "sent", "dt"])


def untimed_fix(name: str, columns: dict[str, str], input_format: str | None = None) -> str:
    """For a file without a time column (`columns`, its fields read): the `--map` that gives its posts one, when
    its header can be read alone (CSV, TSV, Parquet, XLSX) and a column's name looks like times (`ts`); else ""."""
    if "created_at" in columns:
        return ""
    from ..sources import _header
    from ..sources.columns import normalize_name

    try:
        header = _header(name, input_format, 1 << 16)
    except Exception:  # (the file was read; a header that cannot be read again only loses the column's name)
        header = None
    names = list(header[0].records.columns) if header and header[0] is not None else []
    timed = [c for c in names if c not in columns.values() and TIME_WORDS & set(normalize_name(c).split("_"))]
    return f"--map created_at={timed[0]}" if timed else ""


def tell_columns(name: str, loaded, say) -> None:
    """For evaluate, train and query test, which count their posts themselves: analyze's line for the file
    when it tells more than a count (a field read from a column of another name, a note on reading it), and its
    warning (also with -q)."""
    if loaded.note or any(f != c for f, c in loaded.columns.items()):
        say(file_line(name, loaded.rows_read, loaded.note, loaded.columns))
    warn_of_file(name, loaded.warning)


def warn_of_file(name: str, warning: str) -> None:
    """A file's `Loaded.warning` (a `Time` column of durations, its times not read) on stderr, also with -q: the
    posts are read, but not as the file seems to say."""
    if warning:
        err_console().print(f"[yellow]warning:[/] {shown_path(name)}: {shown(warning)}")


def warn_of_empty_file(name: str, note: str, quiet: bool, consequence: str = "") -> None:
    """A FILE that held no posts on stderr: an exporter that failed leaves such a file, and a cron job saw nothing,
    exit 0, while its report or store got no posts. With -q only a file of nothing (0 bytes, blank: `note` "empty
    input"): a header alone (or `[]`) is an export of a quiet hour, and cron mailed its warning every quiet hour."""
    if not quiet or note == "empty input":
        warn_of_file(name, f"held no posts{consequence} (an export that failed?)")


def expanded(files) -> list[str]:
    """`expand_inputs`, with a warning (also with -q) for each archive a folder holds: it is not read, and
    was left out without a word."""
    from ..sources import ARCHIVE_SKIPPED, expand_inputs

    skipped: list[str] = []
    out = expand_inputs(files, skipped)
    for path in skipped:
        err_console().print(f"[yellow]warning:[/] {shown(path)}: {ARCHIVE_SKIPPED}")
    return out


def tell_unscored(skipped, languages: tuple[str, ...] | None, say) -> None:
    """The posts an analyzer left unscored for their language (`skipped_languages`), per language, in one line."""
    if not len(skipped):
        return
    shown_langs = ", ".join(f"{shown(lang)} {n:,}" for lang, n in skipped.items())  # (a post's own `lang`)
    if languages is None or tuple(languages) == ("en",):
        say(f"sentiment left empty for non-English posts ({shown_langs}): the analyzer reads English only")
    else:  # (a model trained on Spanish and Portuguese posts: "reads English only" was false of it)
        say(
            f"sentiment left empty for posts in other languages ({shown_langs}): "
            f"the analyzer reads {', '.join(languages)} only"
        )


def unscored_count(skipped, languages: tuple[str, ...] | None) -> str:
    """ ", sentiment skipped 219 (not English)" for a command's count line; "" when every post was read."""
    from ..enrich.sentiment import languages_said

    return f", sentiment skipped {int(skipped.sum()):,} ({languages_said(languages)})" if len(skipped) else ""


def tell_rejects(rejected, path: str | None, say, *, csv_opts: dict, written_note: bool = True) -> None:
    """Rows rejected while reading: all of them written to `path` (--rejects FILE), also when there are
    none (the last run's file would tell of rejects this run did not have), with a line saying so unless
    the command's count line does; without a path, the first three with file, position and reason. `csv_opts`:
    `csv_settings`, which every command gives (the rejects of `ingest`, `alerts`, `evaluate` and `train` ignored the
    config's [output], and until stop 42 had no --excel, --decimal-comma or --raw-csv)."""
    if path:
        write_rejects(rejected, path, csv_opts)
        if written_note and len(rejected):
            say(f"{counted(len(rejected), 'rejected row')} written to {shown_path(path)}")
    elif len(rejected):
        for r in rejected.head(3).itertuples():
            say(reject_line(r))
        say(rejects_hint(len(rejected)))


def rejects_hint(n: int) -> str:
    """The hint under the first rejects shown on stderr."""
    return "(use --rejects FILE to save it)" if n == 1 else f"(use --rejects FILE to save all {n:,} rejected rows)"


def check_outputs(inputs: Iterable[str] = (), stdout: bool = False, **paths: str | None) -> None:
    """Before any work, the outputs. Two given the same file would overwrite each other: a usage error
    (devices such as /dev/null and stdout `-` may be shared). So would an output naming an input file:
    `--rejects posts.csv` replaced the posts with their rejects. One that cannot be written (a missing
    or read-only folder) fails now, not after the work (fetch lost the posts it had fetched). So does stdout
    closed (`>&-`) when the run has output for it (`stdout`, or an output `-`): it failed at the first write,
    after all the work."""
    from ..output import writers
    from . import Closed

    if isinstance(sys.stdout, Closed) and (stdout or any(p and on_stdout(p) for p in paths.values())):
        sys.stdout.write("")  # (its one-line error, exit 1)
    files = {Path(f).resolve() for f in inputs if f != "-" and os.path.isfile(f)}  # (the read tells a bad path)
    seen: dict[Path, str] = {}
    for option, path in paths.items():
        if not path or path == "-":
            continue
        p = Path(path)
        if p.exists() and not p.is_file():
            continue
        try:
            key = p.resolve()
        except (OSError, RuntimeError):  # (RuntimeError: a loop of links, before Python 3.13)
            raise BrandpulseError(
                f"--{option.replace('_', '-')} {path}: a symbolic link that leads to itself (a loop)"
            ) from None
        if key in files:
            raise UsageError(f"--{option.replace('_', '-')} {path} is also an input file: it would be overwritten")
        if key in seen:
            raise UsageError(f"--{seen[key]} and --{option.replace('_', '-')} are the same file {path}")
        seen[key] = option.replace("_", "-")
    for option, path in paths.items():
        why = writers.unwritable(Path(path)) if path and path != "-" else None
        if why:
            raise BrandpulseError(f"--{option.replace('_', '-')} {path}: {why}")


def refuse_binary_on_terminal(out_fmt: str | None, output: str | None) -> None:
    """Parquet on a terminal would only scroll binary over the screen (gzip refuses the same way)."""
    if out_fmt == "parquet" and (output is None or on_stdout(output)) and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary and stdout is a terminal: give -o FILE, or pipe the output")


def apply(options):
    def decorate(fn):
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


def shown(text: object) -> str:
    """Text from files or posts for a message on the err console: one line, terminal-safe, no rich markup."""
    from rich.markup import escape

    from ..output.terminal import terminal_safe

    return escape(terminal_safe(text, one_line=True))


def shown_path(path: str) -> str:
    """A file name for a message, as `shown_name` shows the input files (`café.csv` under `LC_ALL=C`)."""
    from ..sources import shown_name

    return shown(shown_name(path))


def reject_line(r) -> str:
    """A rejected row (a `rejects` row's tuple) for the err console: its cell, quoted in the reason, is the post's,
    with e-mails, phone numbers and the like masked (`mask_message`): cron mails stderr, and a shifted row's cell
    is a patient's text (the `--rejects` file keeps it as written)."""
    from ..output.redact import mask_message

    return shown(f"rejected {r.source} {r.position}: {mask_message(str(r.reason))}")


def err_console() -> Console:
    """Messages and progress: stderr, colour only on a terminal and without NO_COLOR (rich checks both).
    No emoji codes: a cell `:fire:` quoted in a message is the file's text, not 🔥."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def show_progress(console: Console) -> bool:
    """Progress displays only on a terminal, and not with NO_COLOR (cron, pipes and logs get none) or
    $BRANDPULSE_PLAIN (a line redrawn in place is read again by a screen reader at each redraw)."""
    from ..output.terminal import plain

    return console.is_terminal and not os.environ.get("NO_COLOR") and not plain()
