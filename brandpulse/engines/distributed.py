"""`analyze --engine dask`: the pipeline on a Dask distributed cluster, over a folder or glob of
CSV/Parquet files (one partition per file; Parquet files one per row group).

Each partition is read by the same loader (`brandpulse.read`, with its rejects and positions) and
analyzed by the same function as a chunk of the pandas engine (`chunked.analyze_part`); a file's row
groups read their dates in the order the whole file shows (`file_dates`, a pass before), its note telling of all. Two
passes keep the results equal to the pandas engine's: the first collects an 8-byte hash of each post's key
(`chunked.chunk_keys`), from which the client marks the first occurrence of each post across
all files in input order; the second drops the others and analyzes. Rows go to partitioned
Parquet written by the workers (`-o DIR`), or stream back in order to any other output; the
summaries are additive counts gathered from the partitions.

Needs the extra `brandpulse[dask]` (dask[distributed]).
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterable
from dataclasses import replace
from operator import attrgetter, itemgetter
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import ConfigError, InputError, Terminated, option
from ..output import writers
from ..schema import STRING, empty_posts, kept_as_text, kept_columns
from ..sources import check_columns, dates_warning, expand_inputs, read, sniff_format
from ..sources.text import encoding_given
from ..sources.values import DATE_ORDERS, add_long_clocks, date_note, shown_dates
from .chunked import Options, Part, SeenKeys, Totals, analyze_part, chunk_keys, signals_blocked


def _engine() -> str:
    """How its errors name this engine: the command's `--engine dask`, else this function's name."""
    return option("distributed.run", "--engine dask")


def expand(sources: Iterable[str]) -> list[str]:
    """The files the pandas engine reads (`expand_inputs`: folders, globs, plain paths, in order), not stdin."""
    sources = list(sources)
    if "-" in sources:
        raise InputError(f"{_engine()} reads files, not stdin")
    return expand_inputs(sources)


def _pieces(path: str) -> list[tuple[str, int | None]]:
    """(file, row group) per partition: one per file (or unpacked platform archive), one per row group for Parquet."""
    if Path(path).is_dir():  # (`expand` keeps an archive's folder whole, as the pandas engine reads it)
        return [(path, None)]
    with open(path, "rb") as fh:  # (pyarrow is given the open file: it takes no name that is not UTF-8)
        head = fh.read(1 << 16)
        if head and sniff_format(head, path) == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            try:
                groups = pq.ParquetFile(fh).num_row_groups
            except pa.ArrowException:  # (damaged: its read says so, exit 4, as the pandas engine's; it was exit 1)
                return [(path, None)]
            if groups > 1:
                return [(path, i) for i in range(groups)]
    return [(path, None)]


def load_piece(
    piece: tuple[str, int | None],
    input_format: str | None,
    mapping: dict[str, str] | None,
    date_order: str | None = None,
    dates: dict | None = None,
    fields: tuple[str, ...] | None = None,
    input_tz: str | None = None,
    encoding: str | None = None,
    keep: tuple[str, ...] = (),
):
    """A partition's posts as `brandpulse.read` gives them (rejects and positions included); a row group's
    dates read as its file's show (`dates`, from `file_dates`). `encoding`: `--encoding`'s, which a worker's
    context does not hold (it was ignored). `keep`: `--keep`'s columns, as text."""
    path, group = piece
    if group is None:
        options = dict(format=input_format, mapping=mapping, keep=keep, date_order=date_order, input_tz=input_tz)
        loaded = read(path, **options, encoding=encoding)
        return replace(loaded, posts=kept_as_text(loaded.posts, keep))
    import pyarrow.parquet as pq

    from ..sources import from_raw
    from ..sources.files import arrow_raw

    with open(path, "rb") as fh:
        pf = pq.ParquetFile(fh)
        offset = sum(pf.metadata.row_group(i).num_rows for i in range(group))
        raw = arrow_raw(pf.read_row_group(group), offset)
    loaded = from_raw(
        raw, path, "parquet", mapping, keep, date_order=date_order, dates=dates, fields=fields, input_tz=input_tz
    )
    return replace(loaded, posts=kept_as_text(loaded.posts, keep))


def piece_dates(
    piece: tuple[str, int | None],
    input_format: str | None,
    mapping: dict[str, str] | None,
    date_order: str | None = None,
) -> dict:
    """What a row group's dates show (see `day_month_dates`, `_excel_days`), read in `date_order` if given: its date
    column alone is read, and a column of timestamps, which shows nothing to read by, not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..sources.columns import resolve_columns, time_of_day_column

    path, group = piece
    dates: dict = {}
    with open(path, "rb") as fh:
        schema = pq.ParquetFile(fh).schema_arrow
        names = [str(n) for n in schema.names]
        resolved = resolve_columns(names, mapping, path, fields=("text", "created_at"))
        column = resolved.get("created_at")
        # (renamed by `arrow_raw`, or flattened: read as it does; beside a `Time` column, whether its dates are all
        # at midnight is to be seen too)
        if column is None or names.count(column) != 1 or time_of_day_column(names, resolved):
            load_piece(piece, input_format, mapping, date_order, dates=dates, fields=("text", "created_at"))
            return dates
        if pa.types.is_timestamp(kind := schema.field(column).type) or pa.types.is_date(kind):
            return dates
        shown_dates(pq.ParquetFile(fh).read_row_group(group, columns=[column]).column(0).to_pandas(), dates)
    return dates


def file_dates(shown: list[dict]) -> dict:
    """What a file's dates show, from its row groups' (`piece_dates`), to read each group by: a date such as
    02/11/2026 in an early group read in the order a later one shows, as the whole file is read, and a `Time` column
    read as the dates' time of day only when no group has a time of day, and the groups hold no two distinct
    durations no time of day can be (31:30 in one, 125:00:00 in another). A CST in any group is US Central time
    when one of them names CDT, as read whole."""
    merged: dict = {}
    for dates in shown:
        for key in (*DATE_ORDERS, "dated", "excel", "central"):  # (central: a group names CDT, `zone_names`)
            if key in dates:
                merged.setdefault(key, dates[key])
    if "dated" in merged:  # (no group's Excel day numbers are read)
        merged.pop("excel", None)
    long: dict = {}  # (a group's 31:30 and another's 125:00:00: a column of durations, in every group)
    for dates in shown:
        if "long" in dates:
            add_long_clocks(long, *dates["long"])
    if any("timed" in dates for dates in shown):  # (a `Time` column: the time of day of a file of dates only)
        merged["timed"] = True
    elif "durations" in long:  # (each group's values counted: in the file's order, as read whole)
        merged["durations"] = long["durations"]
    elif any("midnight" in dates for dates in shown):
        merged["whole"] = True
    return merged


def _seeds(
    pieces: list[tuple[str, int | None]], input_format: str | None, mapping, date_order: str | None = None
) -> dict[str, dict]:
    """Per file of several row groups, what its dates show (`file_dates`): each group is then read by it. With
    `date_order` given, all of it but the order they show (an Excel day number's, a `Time` column's, a CDT's): with
    --date-order the groups shared only the CDT, and a group of dates at midnight by chance read a `Time` column of
    video lengths as their times of day."""
    import dask

    split = [p for p in pieces if p[1] is not None]
    shown = dask.compute(*[dask.delayed(piece_dates)(p, input_format, mapping, date_order) for p in split])
    per_file: dict[str, list[dict]] = {}
    for (path, _), dates in zip(split, shown, strict=True):
        per_file.setdefault(path, []).append(dates)
    merged = {path: file_dates(groups) for path, groups in per_file.items()}
    if date_order is None:
        return merged
    return {path: {k: v for k, v in found.items() if k not in DATE_ORDERS} for path, found in merged.items()}


def _keys(loaded) -> tuple[tuple, pd.DataFrame, int, str, dict, dict]:
    """First pass: the posts' keys (`chunk_keys`), rejects, rows read, note, columns, what the dates showed."""
    return chunk_keys(loaded.posts), loaded.rejects, loaded.rows_read, loaded.note, loaded.columns, loaded.dates


def _keep(posts: pd.DataFrame, mask: np.ndarray | None) -> pd.DataFrame:
    return (posts if mask is None else posts[mask]).reset_index(drop=True)


def first_occurrences(parts: list[tuple]) -> list[np.ndarray]:
    """Per partition (its `chunk_keys`), True for posts kept by `drop_duplicates` over all partitions in order, as
    the pandas engine's chunks keep them (a post of no platform whose id is an earlier partition's post's, of another
    author and text, too)."""
    seen = SeenKeys()
    return [seen.keep(keyed) for keyed in parts]


def _summary(part: Part) -> Part:
    return replace(part, rows=part.rows.iloc[:0])


def write_parquet(
    part: Part, path: Path, write_opts: dict | None = None, schema: pa.Schema | None = None
) -> tuple[Part, pa.Schema, list[str]]:
    """Write one partition's rows where the worker runs (partitioned output: part-N.parquet in input
    order); only the summary goes back to the client, with the file's schema and the columns left out. `write_opts`:
    `to_bytes`'s (its `provenance`). `schema`: the first part's, whose columns a later part is written in, as one file
    of all rows would be (`ChunkWriter`): each part of its own, `pd.read_parquet(DIR)` read part-0's columns alone,
    and a later file's (a review's `app_version`) was lost without a word."""
    with writers.ChunkWriter(path, "parquet", schema=schema, **(write_opts or {})) as sink:
        sink.write(part.rows)
    return _summary(part), sink.schema, sink.dropped


def run(
    files: Iterable[str],
    options: Options,
    *,
    scheduler: str | None = None,
    client=None,
    input_format: str | None = None,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    input_tz: str | None = None,
    keep_duplicates: bool = False,
    output: str | None = None,
    out_fmt: str | None = None,
    write_opts: dict | None = None,
    on_file: Callable[[str, int, str, dict[str, str]], None] | None = None,
    fail_on_rejects: bool = False,
    keep: tuple[str, ...] = (),
) -> Totals:
    """Analyze `files` on a Dask cluster (`client`, else `scheduler`'s, else a new LocalCluster). With
    `fail_on_rejects` and rows rejected (known before any row is analyzed), no rows are written: `output` stays as
    it was. `keep`: as `chunked.run`'s."""
    keep = kept_columns(keep)
    try:
        import dask
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(f"{_engine()} needs Dask: pip install 'brandpulse[dask]'") from None
    if not isinstance(options.sentiment, str):
        where = option(" (Options.sentiment)", "")
        raise ConfigError(f"{_engine()} needs the analyzer by name{where}, to build it on the workers")
    paths = expand(files)
    # every file's columns before the cluster starts (the first too: here all are read at once):
    # else a worker's failed read spilled dask's log
    check_columns(paths, format=input_format, mapping=mapping, keep=keep, date_order=date_order, first=True)
    pieces = [p for path in paths for p in _pieces(path)]
    own = None
    try:
        if client is None:
            if scheduler:
                try:
                    client = own = Client(scheduler, timeout="10s")
                except OSError as exc:
                    named = option(f"scheduler={scheduler!r}", f"--scheduler {scheduler}")
                    raise InputError(f"{named}: cannot connect ({exc})") from None
            else:
                # one thread per worker process: the analyzers' caches are per process, and the GIL would serialise
                # threads anyway; the workers' logs off: a failed read (a damaged gzip) came with dask's "Compute
                # Failed" report and traceback before the error's one line; the scheduler's HTTP server on any free
                # port of this machine alone: dask's 8787 in use (a notebook's cluster, another run) put its warning
                # on stderr, and it listened on every interface. Its threads and processes start with SIGPIPE, SIGHUP
                # and SIGINT blocked (`_BLOCKED`); made inside the `try`, so that a Ctrl-C raised as they are unblocked
                # here stops the cluster just made (dask's own atexit hook did, with a traceback)
                with signals_blocked(_BLOCKED):
                    _start_resource_tracker()
                    own = Client(
                        LocalCluster(
                            threads_per_worker=1, silence_logs=logging.CRITICAL, dashboard_address="127.0.0.1:0"
                        )
                    )
                client = own
        with dask.config.set(scheduler=client):
            seeds = _seeds(pieces, input_format, mapping, date_order)
            loads = [
                dask.delayed(load_piece)(
                    p,
                    input_format,
                    mapping,
                    date_order,
                    dict(seeds.get(p[0], {})) or None,
                    input_tz=input_tz,
                    encoding=encoding_given(),
                    keep=keep,
                )
                for p in pieces
            ]
            firsts = dask.compute(*[dask.delayed(_keys)(x) for x in loads])
            masks = [None] * len(pieces) if keep_duplicates else first_occurrences([h for h, *_ in firsts])
            totals = Totals(thresholds=(options.config.positive, options.config.negative))
            per_file: dict[str, list] = {}
            for (path, _), (_, rejects, rows_read, note, columns, dates), mask in zip(
                pieces, firsts, masks, strict=True
            ):
                totals.rows_read += rows_read
                totals.duplicates += 0 if mask is None else int(len(mask) - mask.sum())
                if len(rejects):
                    totals.rejects.append(rejects)
                seen = per_file.setdefault(
                    path, [0, note.removesuffix(date_note(dates)).removesuffix(", "), columns, {}]
                )
                seen[0] += rows_read
                for key, value in dates.items():  # (the file's dates, as read whole: an example of each, the first)
                    seen[3].setdefault(key, value)
            for path, (rows_read, note, columns, dates) in per_file.items():
                if warning := dates_warning(dates):
                    totals.warnings.append((path, warning))
                if on_file:
                    on_file(path, rows_read, ", ".join(x for x in (note, date_note(dates)) if x), columns)

            get_posts = dask.delayed(attrgetter("posts"))
            kept = [dask.delayed(_keep)(get_posts(x), m) for x, m in zip(loads, masks, strict=True)]
            posts = dd.from_delayed(
                kept,
                meta=empty_posts().assign(**{c: pd.Series(dtype=STRING) for c in keep}),
                verify_meta=False,
            )
            analyzed = [dask.delayed(analyze_part)(part, options) for part in posts.to_delayed()]
            summaries = [dask.delayed(_summary)(p) for p in analyzed]
            if fail_on_rejects and totals.rejects:
                results = dask.compute(*summaries)
            elif out_fmt == "parquet" and output not in (None, "-"):
                folder = Path(output)
                if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
                    named = option(f"output={output!r}", f"--output {output}")
                    raise InputError(f"{named}: {_engine()} writes Parquet into a new or empty folder")
                folder.mkdir(parents=True, exist_ok=True)
                width = len(str(len(analyzed)))
                paths = [folder / f"part-{i:0{width}d}.parquet" for i in range(len(analyzed))]
                first = [dask.delayed(write_parquet)(analyzed[0], paths[0], write_opts)] if analyzed else []
                schema = dask.delayed(itemgetter(1))(first[0]) if first else None  # (the others wait for its write)
                later = [
                    dask.delayed(write_parquet)(p, path, write_opts, schema)
                    for p, path in zip(analyzed[1:], paths[1:], strict=True)
                ]
                written = dask.compute(*first, *later)
                results = [part for part, _, _ in written]
                totals.dropped = list(dict.fromkeys(c for _, _, dropped in written for c in dropped))
            elif out_fmt is not None:
                futures = client.compute(analyzed)
                results = []
                with writers.ChunkWriter(output, out_fmt, **(write_opts or {})) as sink:
                    for i, fut in enumerate(futures):
                        part = fut.result()
                        sink.write(part.rows)
                        results.append(_summary(part))
                        futures[i] = None  # free the partition on the cluster
                totals.dropped = sink.dropped
            else:
                results = dask.compute(*summaries)
            for part in results:
                totals.add(part, options.top)
    except (KeyboardInterrupt, Terminated):
        # the client's tasks cut short as the run stops are no errors to tell: asyncio logged each one ("Task
        # exception was never retrieved", distributed's AllExit and a traceback) above the run's one line
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        raise
    finally:
        if own is not None:
            cluster = own.cluster
            own.close()
            if cluster is not None:
                cluster.close()
    return totals


def _start_resource_tracker() -> None:
    """Start Python's resource tracker (the process that removes the workers' semaphores if they cannot), with
    `_BLOCKED` blocked, and block them again: started by the cluster, in its thread, it unblocked SIGINT there (it
    blocks SIGINT and SIGTERM while it starts, then unblocks them), and the workers that thread starts took Ctrl-C.
    Once it runs, it is not started again."""
    if not hasattr(signal, "pthread_sigmask"):
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)


#: blocked in the threads and processes of the run's own cluster. A closed terminal's SIGHUP reaches the whole process
#: group: it killed the workers (Python's resource tracker too, whose successor printed a KeyError traceback for each
#: of their semaphores), and the cluster's thread, writing to them as the run stopped its cluster, ended it with SIGPIPE
#: (-13, not 129, and no line). The run itself takes the SIGHUP (in its main thread) and stops its cluster (SIGTERM).
#: Ctrl-C at a terminal reaches the whole process group too: each worker printed "Process Dask Worker process (from
#: Nanny):" and a KeyboardInterrupt traceback above the run's "brandpulse: interrupted"; the run takes it alone
_BLOCKED = {getattr(signal, name) for name in ("SIGPIPE", "SIGHUP", "SIGINT") if hasattr(signal, name)}
