"""`brandpulse query test`: try a boolean query on a file before putting it in the config."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from . import options as opt

if TYPE_CHECKING:
    import pandas as pd
    from rich.table import Table

    from ..report.query_check import QueryCheck


@click.group("query")
def query() -> None:
    """Write and test boolean queries for brands and topics (AND OR NOT NEAR/n "phrases" field:)."""


@query.command("test")
@click.argument("query_text", metavar="QUERY")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--sample", type=opt.COUNT, default=5, show_default=True, help="Matches and near-misses to show.")
@click.option(
    "--seed", type=opt.IntRange(0, 2**32 - 1), help="Random seed for the samples (default: a new sample each run)."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(["table", "csv", "json"]),
    help="table: the report; json: the report as one JSON object; csv: the matching posts (with a `terms` "
    "column). Default: from -o's extension (.csv, .json), else table.",
)
@opt.output_option
@opt.config_option
@opt.map_option
@opt.input_format_option
@opt.date_order_option
@opt.input_tz_option
@opt.encoding_option
@opt.rejects_option
@opt.apply(opt.csv_options)
@opt.quiet_option
def test(
    query_text,
    file,
    sample,
    seed,
    fmt,
    output,
    config_path,
    map_specs,
    input_format,
    date_order,
    input_tz,
    rejects,
    raw_csv,
    excel,
    decimal_comma,
    quiet,
):
    """Run QUERY over the posts in FILE: how many match, samples of matches and near-misses
    (posts with one of its terms that the logic rejects), and the terms that matched most."""
    from ..config import load_config
    from ..enrich.language import fill_languages
    from ..enrich.query import field_values, parse_query, query_fields
    from ..output import writers
    from ..output.terminal import table_console, terminal_safe
    from ..pipeline import drop_duplicates
    from ..report.query_check import check_query

    opt.check_outputs([file], output is None, output=output, rejects=rejects)
    if fmt is None:  # (`-o matches.csv` got the text report, as every other command takes -o's extension)
        try:
            fmt = writers.format_for(output, None, default="table")
        except UsageError:  # a name brandpulse writes no data format under (report.txt): the report
            fmt = "table"
        if fmt not in ("csv", "json", "table"):  # (the text report went into matches.tsv or .parquet)
            raise UsageError(
                f"--output {output}: query test writes csv (the matching posts), json or the text report, "
                f"not {fmt}; give -f table for the report"
            )
    else:
        writers.agreeing_format(output, fmt)
    parsed = parse_query(query_text)
    fields = query_fields(parsed)  # (a typo is reported before a large file is read)
    config = load_config(config_path)  # (its [input] and [output] settings)
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)
    loaded = opt.read_input(file, input_format, map_specs, date_order, config=config, input_tz=input_tz)
    err = opt.err_console()
    say = (lambda *a: None) if quiet else err.print
    opt.tell_columns(file, loaded, say)
    opt.tell_rejects(loaded.rejects, rejects, say, csv_opts=csv_opts)  # (as the matches)
    if quiet and len(loaded.rejects):
        err.print(f"{opt.shown_path(file)}: {opt.counted(len(loaded.rejects), 'row')} rejected on reading")
    posts = drop_duplicates(loaded.posts)  # counted as analyze counts them
    if len(posts) < len(loaded.posts):
        say(f"{opt.counted(len(loaded.posts) - len(posts), 'duplicate')} dropped (same platform and post_id)")
    if "lang" in fields:  # as analyze detects them before its queries run: an export often has no `lang`
        posts = fill_languages(posts)
    if "intent" in fields:  # (the posts' intents, as analyze tags them with the config: a file is read without them)
        posts = with_intents(posts, config, field_values(parsed, "intent"))
    check = check_query(posts, query_text, sample, seed)
    if fmt == "csv":
        writers.write_table(check.matched, output, "csv", **csv_opts)
        say(_count_line(check))
        return
    if fmt == "json":
        writers.write_bytes((writers.json_text(check.to_dict(), indent=1) + "\n").encode(), output)
        say(_count_line(check))
        return
    to_file = output is not None and not opt.on_stdout(output)
    # (piped, rich laid the tables out at 80 columns, folding every post's text; then at 120, where analyze's, report's
    # and queue's are as wide as their cells)
    console = table_console(io.StringIO()) if to_file else table_console()
    console.print(f"query: {terminal_safe(check.query, one_line=True)}", soft_wrap=True, highlight=False, markup=False)
    console.print(_count_line(check), highlight=False)
    console.print(_terms_table(check))
    console.print(_posts_table(f"Sample of matches ({len(check.sample)} of {len(check.matched):,})", check.sample))
    misses = f"Sample of near-misses ({len(check.near_miss_sample)} of {check.near_misses:,})"
    console.print(_posts_table(misses, check.near_miss_sample))
    if to_file:
        writers.write_bytes(console.file.getvalue().encode("utf-8"), output)


def _count_line(check: QueryCheck) -> str:
    share = f" ({len(check.matched) / check.posts:.1%})" if check.posts else ""
    return f"{len(check.matched):,} of {check.posts:,} posts match{share}; near-misses {check.near_misses:,}"


def _terms_table(check: QueryCheck) -> Table:
    from rich.table import Table

    from ..output.terminal import cell

    table = Table(title="Terms (posts containing each)", title_justify="left")
    for col in ("term", "in matches", "in near-misses", "in all posts"):
        table.add_column(col, justify="left" if col == "term" else "right")
    for r in check.terms.itertuples():
        table.add_row(cell(r.term), f"{r.matched:,}", f"{r.near_misses:,}", f"{r.posts:,}")
    return table


def _posts_table(title: str, posts: pd.DataFrame) -> Table:
    import pandas as pd
    from rich.table import Table

    from ..output.terminal import cell

    table = Table(title=title, title_justify="left")
    for col in ("author", "platform", "terms", "text"):
        table.add_column(col, overflow="fold")
    for r in posts.itertuples():
        table.add_row(*(cell("" if pd.isna(v) else v) for v in (r.author, r.platform, r.terms, r.text)))
    return table


def with_intents(posts: pd.DataFrame, config, names: list[str]) -> pd.DataFrame:
    """`posts` with `intent` and `intents` as `analyze` tags them with `config`, for a query's `intent:`; a name no
    rule has (nor any of these posts) is a usage error: `intent:sugestion` matched none, and said 0 posts match."""
    from ..config import named_brands
    from ..pipeline import analyze_posts  # (here: the rest of `query test` needs no analysis)
    from ..report.summary import NO_INTENT, intent_names
    from ..schema import every_intent

    tagged = analyze_posts(posts, config)[["intent", "intents"]]
    known = [n for n in intent_names(config, {t for tags in every_intent(tagged) for t in tags}) if n != NO_INTENT]
    named_brands(names, known, "the rules'", option="intent:", what="intent")
    return posts.assign(intent=tagged["intent"].to_numpy(), intents=tagged["intents"].to_numpy())
