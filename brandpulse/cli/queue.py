"""`brandpulse queue`: posts the support team should answer, as CSV with links."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click

from ..choices import FORMATS
from ..errors import ConfigError, UsageError
from . import options as opt
from .alerts import stale_key
from .history import (
    analysis_options,
    check_sources,
    load_posts,
    make_config,
    never_named,
    read_from,
    scored_with,
    store_options,
)

if TYPE_CHECKING:
    import pandas as pd

#: the days before the default window whose posts to answer `queue` counts, and says it left out
LOOK_BACK_DAYS = 7
#: the store's meta key of the change of rules `queue -q` last said (`store.rules_note`)
RULES_SAID = "queue_rules_said"


@click.command(name="queue")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@opt.apply(store_options)
@opt.apply(analysis_options)
@click.option("--since", metavar="DATE", help="Posts from DATE (default: 7 days before --until).")
@click.option(
    "--until",
    metavar="DATE",
    help="Posts before DATE, queued as they were then: recency and answers as of DATE (default: now).",
)
# the name before stop 35 (report's and alerts' window ends at --until): kept for the cron jobs that use it
@click.option("--now", metavar="DATE", hidden=True, help="The same as --until.")
@click.option(
    "--stored-since",
    metavar="DATE",
    help="Only posts first stored from DATE (yesterday, 24h, a date): a daily run lists each post once.",
)
@opt.tz_option
@click.option(
    "--for-brand",
    "brands",
    multiple=True,
    metavar="NAME",
    help="Only posts mentioning this brand (repeatable: any of them; default: all our brands).",
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="CODE",
    help="Only posts in this language (the lang column's code, as cy; repeatable), its regions' too (en: en-gb); en"
    " also takes posts of none known.",
)
@opt.intent_option
@click.option("--limit", type=opt.IntRange(min=1), help="At most this many posts.")
@click.option(
    "--answered",
    "show_answered",
    is_flag=True,
    help="List the reviews the brand already answered in the store too (an export's developer or owner reply), with"
    " their reply and replied_at (default: left out, and counted).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(["table", *FORMATS]),  # (-o q.tsv and q.parquet were written, -f tsv refused)
    help="Default: table on a terminal, else from -o's extension, else csv.",
)
@opt.output_option
@opt.apply(opt.csv_options)
@opt.redact_option
@opt.quiet_option
def queue(
    files,
    store_option,
    wait,
    config_path,
    brand_specs,
    about,
    sentiment,
    map_specs,
    input_format,
    date_order,
    input_tz,
    rejects,
    since,
    until,
    now,
    stored_since,
    tz,
    brands,
    langs,
    intents,
    limit,
    show_answered,
    fmt,
    output,
    raw_csv,
    excel,
    decimal_comma,
    redact,
    quiet,
):
    """Posts about our brands that deserve an answer, most urgent first.

    Negative posts, complaints and questions (the `intent` column when present), not by
    the brands' own handles and not yet answered by them; ranked by author reach,
    negativity, engagement and recency (formula in the docs).
    """
    import pandas as pd
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from .. import store
    from ..config import named_brands, output_setting, timezone, zone
    from ..enrich.sentiment import get_analyzer
    from ..output import writers
    from ..output.redact import redact as redact_posts
    from ..output.terminal import cell, link, table_console
    from ..report.periods import check_order, parse_time, step_buckets
    from ..report.queue import response_queue
    from ..report.summary import known_intents
    from ..schema import ENRICHED_FIELDS, POST_FIELDS, REPLY_FIELDS, has_intent, language_code

    to_terminal = fmt == "table" or (fmt is None and output is None and sys.stdout.isatty())
    out_fmt = None if to_terminal else writers.checked_format(output, fmt, "queue")  # before any work
    opt.refuse_binary_on_terminal(out_fmt, output)
    err = opt.err_console()
    if fmt == "table" and output is not None and not opt.on_stdout(output):  # (`-o /dev/stdout` is stdout)
        raise UsageError(f"--format table prints on the terminal, not to --output {output}: give -f csv, json or jsonl")
    check_sources(files, store_option)
    if files and stored_since is not None:  # (FILES have no time they were stored at)
        raise UsageError("--stored-since reads when the store first stored each post: drop the FILES (ingest them)")
    config = make_config(config_path, brand_specs, err.print, about=about, reads=(files, store_option))
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)
    opt.check_outputs(read_from(files, store_option, config), output is None, output=output, rejects=rejects)
    if brands and config.brands:
        # a typo or another case used to give "0 posts to answer", exit 0: a quiet queue for cron
        brands = named_brands(brands, [b.name for b in config.brands], "configured")
    elif config.brands and all(b.competitor for b in config.brands):  # (it queued the competitors' posts)
        raise ConfigError(
            "every configured brand is a competitor: the queue is of posts about our brands; "
            "mark ours (competitor = false) or give --for-brand NAME"
        )
    if until is not None and now is not None:
        raise UsageError("--now is --until: give one of them")
    end = "--now" if now is not None else "--until"  # (the errors name the option given)
    tz = timezone(config, tz)
    now_ts = parse_time(until or now, end, tz) or pd.Timestamp.now(tz="UTC").tz_convert(zone(tz))
    # (7 days on the zone's clock, as the alerts' days: 168 hours back left out an hour of the week when
    # daylight saving ended, and a weekly run at 06:00 never queued the posts of 06:00 to 07:00)
    since_ts = parse_time(since, "--since", tz) or step_buckets(now_ts, -7, "day", zone(tz))
    check_order(since_ts, now_ts, ("--since", end))  # (it said "0 posts to answer")
    # the default week's queue counts the posts to answer of the week before, which it leaves out: one of 8 days ago,
    # unanswered, dropped out with no word (a --since given is the user's own window)
    look_back = None if since is not None or quiet else step_buckets(since_ts, -LOOK_BACK_DAYS, "day", zone(tz))
    stored_ts = parse_time(stored_since, "--stored-since", tz)
    analyzer = get_analyzer(sentiment or config.sentiment) if files else None  # (a Parquet queue names it)
    # (the store's reads share one connection, let go before the queue is made and before a note is remembered: an
    # `ingest` of a cron job waits for it; they opened it 3 times, each open and close ~0.1 s)
    reads = ExitStack()
    click.get_current_context().call_on_close(reads.close)
    reads.enter_context(store.reading(None if files else store.store_path(store_option, config)))
    # replies by the brand can come later than the window: load up to now
    posts, path = load_posts(
        files,
        config,
        store_option=store_option,
        wait=wait,
        since=since_ts if look_back is None else look_back,
        until=None,
        input_format=input_format,
        map_specs=map_specs,
        date_order=date_order,
        input_tz=input_tz,
        sentiment=analyzer,
        rejects=rejects,
        say=err.print,
        quiet=quiet,
        csv_opts=csv_opts,  # (the rejects CSV too)
        stored_since=stored_ts,
        columns=[*POST_FIELDS, *ENRICHED_FIELDS, *REPLY_FIELDS],  # (of the store: its reviews' replies too)
    )
    # --stored-since: the posts first stored since then are queued, every post of the window read for the replies (a
    # desk running `queue` each morning saw the same unanswered posts again: 17 posts as 43 rows over 4 mornings)
    new = posts.pop("stored_new").to_numpy(dtype=bool) if stored_ts is not None else None
    # (it queued every post, about a brand or not; FILES read without brands name none, whatever --for-brand says:
    # "--for-brand Skyway: no such brand (named by the posts read: none)" sent the user looking for a typo)
    named = config.brands or (brands and path is not None)
    if not named and len(posts) and not posts["brands"].fillna("").ne("").any():
        raise ConfigError(
            "no brands configured, and no post read names one: the queue is of posts about your brands;"
            " give --config FILE (or $BRANDPULSE_CONFIG) or --brand NAME=TERMS"
        )
    if brands and not config.brands and path is not None:  # (the brands stored at any time: a quiet week, no typo)
        brands = named_brands(brands, sorted(store.brand_names(path, wait=wait)), "named by the stored posts")
    ours = brands or [b.name for b in config.brands if not b.competitor]  # (as `report` says it: not with -q)
    if not quiet and (note := never_named(path, config, ours, wait=wait)):
        err.print(f"[yellow]note:[/] {escape(note)}")
    # (the intents stored before a change of rules queue their posts until a rescore: said as `report` says it; with -q
    # once for each change, as `alerts -q` says it: a daily cron job mailed it every morning until the rescore)
    start = since_ts if look_back is None else look_back
    ruled = store.rules_note(path, start, now_ts, wait=wait) if path is not None else None
    # (the store opened again only for Parquet: a CSV has nowhere to say it, and the lock waited on for nothing)
    made = scored_with(path, analyzer, wait=wait) if out_fmt == "parquet" else {}
    reads.close()
    # (once for each job, its config, --for-brand and --lang: two desks' jobs on one store shared the note, the first to
    # run was told, the other never; stop 46, and stop 47 of a Welsh desk's --lang cy beside the English one's)
    wanted = sorted({language_code(code.strip().lower()) for code in langs})
    said = stale_key(config, list(brands), RULES_SAID + "".join(f" lang {code}" for code in wanted))
    if ruled and (not quiet or store.said_once(path, said, ruled[1], wait=wait)):
        err.print(f"note: {ruled[0]}", markup=False)
    # (a second --for-brand dropped the first)
    # a desk that answers Welsh posts in Welsh takes its own (the replies are still looked for among all posts)
    queued = posts if new is None else posts[new]
    check_languages(langs, posts)
    if langs:
        queued = queued[in_languages(queued, langs)]
    if intents:  # (any of the post's intents: a complaint that asks for a feature is a suggestion to product too)
        queued = queued[has_intent(queued, known_intents(intents, config, posts))]
    out = response_queue(
        queued,
        config,
        now=now_ts,
        since=since_ts,
        history=posts,
        brand=brands,
        look_back=look_back,
        answered=show_answered,
    )
    waiting = len(out)  # (before --limit: "3 posts to answer" of 229 waiting read as a quiet day)
    if limit:
        out = out.head(limit)
    if output_setting(config, "redact", redact):  # (after the queue is made: it reads who answered whom)
        out = redact_posts(out, config=config)
    if to_terminal and len(out):  # (an empty queue is the count line alone, not a table of headers)
        table = Table(title="Response queue", title_justify="left")
        for col in ("priority", "reason", "author", "followers", "post", "url"):
            table.add_column(col, overflow="fold", justify="right" if col in ("priority", "followers") else "left")
        # the brand and the time of each post, on the zone's clock, over its text: an agent needs both, and two
        # columns more left the text a word a line at 80 columns
        posted = out["created_at"].dt.tz_convert(zone(tz)).dt.strftime("%Y-%m-%d %H:%M")
        named = out["brand"].fillna("")  # (the brand it is queued for: a switch's brand left, not the one chosen)
        for r, when, brand in zip(out.itertuples(), posted, named, strict=True):
            text = " ".join(str(r.text).split())
            # (and its language when known: a post in Welsh is answered in Welsh, by whoever writes it; its stars)
            stars = "" if pd.isna(r.rating) else f"{r.rating:g}★"
            # (--answered: a review the brand answered in the store says so, and when)
            replied = getattr(r, "reply", None), getattr(r, "replied_at", None)
            done = "" if all(pd.isna(v) for v in replied) else "answered"
            if done and not pd.isna(replied[1]):
                done += f" {replied[1].tz_convert(zone(tz)):%Y-%m-%d %H:%M}"
            # (its intents, as the CSV's column has them, those its reason does not say already: a post queued as
            # `negative` whose intent is `outage`; a column more left the text 9 characters wide at 80 columns)
            unsaid = [t for t in str("" if pd.isna(r.intents) else r.intents).split(";") if t]
            unsaid = [t for t in unsaid if t not in str(r.reason).split("+")]
            intent = f"intent{'s' if len(unsaid) > 1 else ''} {';'.join(unsaid)}" if unsaid else ""
            said = " · ".join(str(v) for v in (brand, when, intent, r.lang, stars, done) if not pd.isna(v) and v != "")
            head = Text(said, style="dim")
            table.add_row(
                f"{r.priority:.1f}",
                cell(r.reason),
                cell("" if pd.isna(r.author) else r.author),
                "–" if pd.isna(r.followers) else f"{r.followers:,}",  # (a Reddit post has no count: not 0)
                Text("\n").join([head, cell(text[:120] + ("…" if len(text) > 120 else ""))]),
                link(r.url),
            )
        table_console().print(table)
    elif not to_terminal:  # (a CSV as csv_opts say; Parquet with what scored the posts in its metadata)
        writers.write_table(out, output, out_fmt, **csv_opts, provenance=made)
    if not quiet:
        # (a Spanish complaint has no sentiment, and no intent of the built-in English rules: "1 post to answer" hid it)
        unscored = out.attrs.get("unscored", 0)
        left = (
            f"; {unscored:,} without a sentiment (not in the analyzer's languages) left out: "
            "only an intent queues them (an \\[intent.NAME] of their words with answer = true)"
        )
        retweets = out.attrs.get("retweets", 0)
        shared = f"; {opt.counted(retweets, 'retweet')} left out (answer the post retweeted, where it was written)"
        # (as they were read: `--lang wel` queues the "cy" posts, and says so)
        in_langs = f" in {', '.join(dict.fromkeys(language_code(c.strip().lower()) for c in langs))}" if langs else ""
        # (a headline 17 accounts posted is one row: how many posts the rows stand for is said, not lost)
        copies = out.attrs.get("copies", 0)
        folded = f"; {opt.counted(copies, 'more post')} folded in as their copies (the copies column)"
        stored = "" if stored_ts is None else f", stored since {stored_ts:%Y-%m-%d %H:%M} {tz}"
        shown = f"showing {len(out):,} of " if len(out) < waiting else ""
        err.print(
            f"{shown}{opt.counted(waiting, 'post')} to answer{in_langs} since {since_ts:%Y-%m-%d %H:%M} {tz}{stored}"
            + (left if unscored else "")
            + (folded if copies else "")
            + (shared if retweets else "")
        )
        if new is not None and (
            old := len(
                response_queue(
                    posts[~new & in_languages(posts, langs).to_numpy(dtype=bool)],
                    config,
                    now=now_ts,
                    since=since_ts,
                    history=posts,
                    brand=brands,
                )
            )
        ):
            # (a post stored before and still unanswered is in no later --stored-since queue: said, not dropped)
            err.print(
                f"{opt.counted(old, 'post')} to answer stored before {stored_ts:%Y-%m-%d %H:%M} {tz} left out, still"
                " unanswered: `queue` without --stored-since lists them"
            )
        # (a review the app's developer answered in the store, as its export says: 17 of 105, 4 of the top 10, were
        # queued to answer again)
        if replied := out.attrs.get("answered", 0):
            err.print(
                f"{opt.counted(replied, 'review')} already answered "
                + ("listed (the reply column)" if show_answered else "left out (--answered lists them)"),
                markup=False,
            )
        if earlier := out.attrs.get("earlier", 0):
            first = pd.Timestamp(out.attrs["earliest"]).tz_convert(zone(tz))
            err.print(
                f"{opt.counted(earlier, 'post')} to answer in the {LOOK_BACK_DAYS} days before left out, the oldest"
                f" from {first:%Y-%m-%d %H:%M}: --since {first:%Y-%m-%d} includes {'it' if earlier == 1 else 'them'}"
            )


def check_languages(langs: tuple[str, ...], posts: pd.DataFrame) -> None:
    """A usage error for a `--lang` that is no language code the detector knows nor one of the posts read: `--lang
    xx` and `--lang english` said "0 posts to answer", exit 0, a quiet queue for cron. (A known code with no posts is
    an empty queue.)"""
    from ..schema import LANGUAGE_CODES_2, LANGUAGE_NAMES, language_code

    def known(code: str) -> bool:  # (of three letters: ISO 639-2/3's, nearly all taken; `fil`, `yue` were refused)
        first = language_code(code.strip().lower()).split("-")[0]
        return first in LANGUAGE_CODES_2 or (len(first) == 3 and first.isascii() and first.isalpha())

    unknown = [c for c in langs if not known(c)]
    if not unknown:
        return
    held = sorted({c.split("-")[0] for c in posts["lang"].dropna().str.lower().map(language_code) if c})
    if bad := [c for c in unknown if language_code(c.strip().lower()).split("-")[0] not in held]:
        code = bad[0]
        name = LANGUAGE_NAMES.get(code.strip().lower())
        hint = f", did you mean {name}?" if name else ""
        raise UsageError(
            f"--lang {code}: no language code{hint} (ISO 639 codes, as the lang column writes them: en, cy, cym;"
            f" the posts read are in {', '.join(held) or 'none known'})"
        )


def in_languages(posts: pd.DataFrame, langs: tuple[str, ...]) -> pd.Series:
    """Which posts are in one of `langs` (all without any); `en` takes the posts of no known language too, which the
    English analyzers read as English. A code takes its regions' (`en`: `en-gb`; `--lang en` left out an export's
    "en-GB" posts) and is read as the `lang` column is (`cym`, `wel`: `cy`). A translation (`en-t-es`) is in both."""
    import pandas as pd

    from ..schema import language_code

    if not langs:
        return pd.Series(True, index=posts.index)
    wanted = {language_code(code.strip().lower()) for code in langs}
    codes = posts["lang"].fillna("").str.lower()
    # (`en-t-es`, a review Google translated from Spanish: the customer's Spanish too, which `--lang es` left out)
    written = codes.str.extract(r"-t-([^-]*)", expand=False)  # (`str.partition` of no posts had no column 2)
    return (
        codes.isin(wanted)
        | codes.str.split("-").str[0].isin(wanted)
        | written.isin(wanted)
        | (codes.eq("") & ("en" in wanted))
    )
