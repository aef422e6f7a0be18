"""`brandpulse fetch SOURCE QUERY`: fetch mentions from a public API and write canonical rows."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import FORMATS, SOURCE_NAMES
from ..errors import InputError, StoreError, UsageError
from . import note_store_run
from . import options as opt
from .history import writable_store

if TYPE_CHECKING:
    import pandas as pd


def _resume_from(output: str | None, kept: tuple[str, ...] = ()) -> pd.DataFrame | None:
    """The posts a stopped fetch already wrote to `output` (None when the file is not there yet), with the source's
    `kept` columns where the file has them (`fetch.steam.KEPT`: rewritten without them, they were lost)."""
    from ..output.redact import mask_message
    from ..sources import read

    if output in (None, "-"):
        raise UsageError("--resume needs -o FILE: the output of the fetch to continue")  # (as --wait: exit 2)
    if not os.path.exists(output):
        return None
    try:
        loaded = read(output, keep=kept)
    except InputError:  # (a file written without them: read as it is, or its own error said)
        if not kept:
            raise
        loaded = read(output)
    if len(loaded.rejects):  # (the file is rewritten with the posts read: these would vanish from it)
        first = loaded.rejects.iloc[0]
        raise InputError(
            f"{output}: {opt.counted(len(loaded.rejects), 'row')} cannot be read "
            f"({first['position']}: {mask_message(str(first['reason']))}); --resume rewrites the file with the posts "
            "it reads: "
            "move or mend such rows first"
        )
    return loaded.posts


@click.command("fetch")
@click.argument("source", type=opt.choice(SOURCE_NAMES))
@click.argument("query")
@click.option(
    "--since",
    metavar="DATE",
    help="Only posts at or after this date/time (in --tz unless it names a zone, as `Z`); also `yesterday`, `today`, "
    "or back from now: `24h`, `7d`, `2 days ago`.",
)
@click.option("--until", metavar="DATE", help="Only posts before this date/time (in --tz unless it names a zone).")
@opt.tz_option
@click.option(
    "--limit",
    type=opt.IntRange(min=1),
    help="Stop once this many posts are to be written (inside --since/--until, and mentioning a brand when brands "
    "are configured, but for --about).",
)
@click.option("--server", help="mastodon: the server to ask (default mastodon.social).")
@click.option("--video", "videos", multiple=True, metavar="ID", help="youtube: a video's comments (repeatable).")
@click.option(
    "--channel", multiple=True, metavar="ID", help="youtube: all comment threads of this channel id (repeatable)."
)
@click.option("--api-base", metavar="URL", help="Send requests to this base URL instead of the API's own.")
@click.option(
    "--timeout",
    type=opt.FloatRange(min=0, min_open=True, max=opt.A_DAY),  # (1e10 overflowed the socket's clock: exit 1)
    default=30.0,
    show_default=True,
    help="Seconds to wait for each answer (at most a day).",
)
@opt.config_option
@opt.brand_option
@click.option(
    "--about",
    metavar="BRAND",
    help="The posts are all about this configured brand (its video's comments, its subreddit): kept without the "
    "brand filter, in an `about` column; --store stores those naming no brand as its (as `ingest --about`).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(FORMATS),
    help="Output format (default: from -o, else jsonl).",
)
@opt.output_option
@opt.apply(opt.csv_options)
@opt.rejects_option
@click.option(
    "--store",
    "store_option",
    is_flag=False,
    flag_value="",
    default=None,
    callback=opt.a_file("the store is a database"),
    metavar="[FILE]",
    help="Also analyze the posts and add them to the history store (bare --store: $BRANDPULSE_STORE, "
    "the config's store, else ./brandpulse.duckdb). Rows go to stdout only with -o or -f.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue a fetch that stopped early: fetch only posts older than the oldest already in -o FILE (reddit, "
    "youtube: from the page where it stopped), and write FILE with both (duplicates dropped). After a fetch that "
    "read to its end: all again, from the newest.",
)
@opt.wait_option
@click.option(
    "--sentiment", metavar="NAME", help="With --store: the sentiment analyzer (default: cx, or the config's)."
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr, and the count line if posts were rejected."
)
def fetch_command(
    source,
    query,
    since,
    until,
    tz,
    limit,
    server,
    videos,
    channel,
    api_base,
    timeout,
    config_path,
    brand_specs,
    about,
    fmt,
    output,
    raw_csv,
    excel,
    decimal_comma,
    rejects,
    store_option,
    resume,
    wait,
    sentiment,
    quiet,
):
    """Fetch posts matching QUERY from SOURCE and write them as canonical rows.

    QUERY is the search (mastodon: '#tag' for a hashtag timeline, words need a token;
    rss: the feed URL; youtube: words to filter comments, '*' for all; steam: the game's app id).
    Credentials come from environment variables (BRANDPULSE_X_BEARER_TOKEN, BRANDPULSE_MASTODON_TOKEN,
    BRANDPULSE_BLUESKY_HANDLE + BRANDPULSE_BLUESKY_APP_PASSWORD, BRANDPULSE_REDDIT_CLIENT_ID +
    BRANDPULSE_REDDIT_CLIENT_SECRET, BRANDPULSE_YOUTUBE_API_KEY) or the config's [credentials].
    With brands configured, posts that mention none of them are dropped (not with --about).
    """
    import pandas as pd
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from .. import store
    from ..config import add_about_option, add_brand_options, input_about, load_config, timezone
    from ..enrich.sentiment import analyzer_languages, get_analyzer, skipped_languages
    from ..fetch import SOURCES, about_column, fetch
    from ..fetch import resume as resume_state
    from ..fetch.paging import Request
    from ..output import writers
    from ..pipeline import analyze, drop_duplicates, post_keys
    from ..report.periods import check_order, parse_time

    if sentiment and store_option is None:  # (it was ignored: the rows are written as fetched, not analyzed)
        raise UsageError("--sentiment analyzes the posts for --store: add --store, or drop --sentiment")
    if opt.given("wait") and store_option is None:  # (it was ignored: without a store there is no lock to wait for)
        raise UsageError("--wait is for the store's lock: add --store, or drop --wait")
    if source == "youtube" and not videos and not channel:  # (it was exit 6, as if the API had failed)
        raise UsageError("youtube: name the videos (--video ID, repeatable) or the channel (--channel ID)")
    if source == "steam" and not query.strip().isdecimal():  # (a game's name was asked for as a page not found)
        raise UsageError(f"steam: QUERY is the game's app id, the number in its store page's address: not {query!r}")
    # (`fetch x acme --video ID` fetched X's search, the option unread, as if it had been obeyed)
    for name, given, reads in (
        ("--server", server, "mastodon"),
        ("--video", videos, "youtube"),
        ("--channel", channel, "youtube"),
    ):
        if given and source != reads:
            raise UsageError(f"{name} is {reads}'s option, not {source}'s: drop it, or fetch {reads}")
    # before any request: a format fetch does not write would lose the posts fetched
    opt.refuse_binary_on_terminal(writers.checked_format(output, fmt, "fetch", default="jsonl"), output)
    err = opt.err_console()
    say = (lambda *a: None) if quiet else err.print
    config = load_config(config_path)
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)
    add_brand_options(config, brand_specs)
    # (the option only: a config's `[input] about`, for its files, would keep every near-miss of a keyword search)
    about = input_about(add_about_option(config, about)) if about is not None else None
    # the brands the posts are kept for: none with --about, which keeps them all (so --resume notes, too)
    kept_for = [] if about is not None else config.brands
    analyzer = get_analyzer(sentiment or config.sentiment) if store_option is not None else None
    path = writable_store(store_option or None, config) if store_option is not None else None
    rows_on_stdout = output is None and (store_option is None or fmt is not None)
    opt.check_outputs((), rows_on_stdout, output=output, rejects=rejects, store=str(path) if path else None)
    logged = note_store_run(path, "fetch", wait) if path is not None else {}  # (its failure too: `brandpulse runs`)
    # in the zone of every other command's dates (they were UTC here alone: `--since 2026-11-02` with a New York config
    # began 5 hours before report's week); the APIs are asked in UTC, and the messages say UTC times (`...Z`)
    tz = timezone(config, tz)
    since_ts, until_ts = (parse_time(v, f"--{w}", tz) for v, w in ((since, "since"), (until, "until")))
    check_order(since_ts, until_ts)  # (it fetched every page, kept none, exit 0)
    since_ts, until_ts = (None if t is None else t.tz_convert("UTC") for t in (since_ts, until_ts))
    before = _resume_from(output, getattr(SOURCES[source], "KEPT", ())) if resume else None
    # (its rows were written again without their `about` column, or with another brand's)
    noted_about = resume_state.about(output, before) if before is not None and len(before) else None
    if noted_about is not None and noted_about != about:
        raise UsageError(
            f"{opt.shown(output)} was fetched with --about {noted_about}: --resume it with --about {noted_about} too "
            "(or write another -o FILE)"
        )
    # (rewritten with the resumed run's rejects alone, the first run's were lost: read now, so one that cannot be read
    # stops the run before any request)
    keep_rejects = before is not None and rejects is not None and os.path.isfile(rejects)
    earlier = opt.read_rejects(rejects, csv_opts) if keep_rejects else None
    # the fetch, as far as a place kept in it holds (a page token is no place in another query's results)
    run = {"source": source, "query": query, "since": since, "until": until, "api_base": api_base}
    run |= {"server": server, "videos": list(videos), "channel": list(channel)}
    if tz != "UTC" and (since or until):  # (the dates' zone: another window; a UTC one's note is as it was before)
        run["tz"] = tz
    # (a brand added since: the newer posts naming it were dropped, so the file's oldest is no bound either)
    cursor, other_brands, stricter = (
        resume_state.load(output, run, before, kept_for) if before is not None and len(before) else (None, None, [])
    )
    oldest = before["created_at"].min() if before is not None and len(before) else None
    several = source == "youtube" and len(videos) + len(channel) > 1  # (video 1's oldest is no bound on video 2's)
    again = several or other_brands is not None
    # a fetch that read to its end has nothing to go on with: the next --resume (a cron line's retries, the next
    # morning) fetched only the posts older than its oldest, none of today's; it fetches all again, as without
    # --resume, the posts already written kept (duplicates dropped)
    finished = oldest is not None and not again and cursor is None and resume_state.ended(output, before)
    again = again or finished
    end = until_ts  # what --resume reads from the newest post: before the oldest already written
    if oldest is not None and not pd.isna(oldest) and not again:
        oldest += pd.Timedelta(seconds=1)  # posts of that same second come again and are dropped as duplicates
        end = oldest if until_ts is None or oldest < until_ts else until_ts
    narrowed = end if end is not None and (until_ts is None or end < until_ts) else None  # (--resume's own end)
    go_on = None
    if cursor is not None:  # where the last run stopped: no end date (a newer reply to an older thread is there)
        go_on = {"cursor": cursor, "until": end}
        where = f"{opt.counted(len(before), 'post')} already in {opt.shown(output)}"
        say(f"resuming: {where}, from where the last run stopped")
    elif oldest is not None and again:
        why = other_brands or ("the last fetch into it read to its end" if finished else "several videos or channels")
        say(
            f"resuming: {opt.counted(len(before), 'post')} already in {opt.shown(output)}; {why}: all are fetched "
            "again (duplicates dropped)"
        )
    elif oldest is not None and not pd.isna(oldest) and since_ts is not None and end <= since_ts:
        until_ts = end  # (a window that ends where it starts: fetch() asks for nothing)
        say(
            f"resuming: {opt.counted(len(before), 'post')} already in {opt.shown(output)}; --since is after the "
            f"oldest of them ({oldest - pd.Timedelta(seconds=1):%Y-%m-%d %H:%M:%S}Z): nothing older to fetch"
        )
    elif oldest is not None and not pd.isna(oldest):
        until_ts = end
        say(
            f"resuming: {opt.counted(len(before), 'post')} already in {opt.shown(output)}, "
            f"fetching those before {oldest:%Y-%m-%d %H:%M:%S}Z"
        )
    if stricter:  # (an exclude phrase only takes posts away: those written are a superset, not fetched again)
        say(
            f"resuming: exclude phrases added since the last run ({opt.shown(', '.join(stricter))}) filter the posts "
            "fetched now; "
            f"the posts already in {opt.shown(output)} stay as they were (`brandpulse analyze` applies the phrases "
            "to them)"
        )
    request = Request(
        query,
        since_ts,
        until_ts,
        limit,
        api_base,
        {"server": server, "videos": videos, "channel": channel},
        go_on,
        frozenset(post_keys(before)) if before is not None else frozenset(),
        keep_untimed=since is None and until is None,
    )
    # no Progress at all when it is not shown: a disabled one printed a blank line at its end (rich < 14.3)
    shown = opt.show_progress(err) and not quiet
    spinner = Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True)
    with spinner if shown else contextlib.nullcontext():
        task = spinner.add_task(f"{source}: fetching", total=None)
        result = fetch(
            source,
            request,
            config_raw=config.raw,
            brands=kept_for,
            on_page=lambda n: spinner.update(task, description=f"{source}: {n:,} posts"),
            warn=lambda msg: err.print(f"[yellow]warning[/]: {opt.shown(msg)}", markup=True, highlight=False),
            client_options={"timeout": timeout},
        )
    out_fmt = writers.format_for(output, fmt, default="jsonl")
    options = csv_opts if out_fmt in ("csv", "tsv") else {}
    stopped = result.error if result.error is not None else result.interrupted
    written = bool(len(result.posts)) or stopped is None  # a run that failed outright leaves -o alone
    written = written and (store_option is None or output is not None or fmt is not None)
    posts = result.posts
    if before is not None:
        posts = drop_duplicates(pd.concat([before, posts], ignore_index=True))
    if about is not None:  # (the rows naming no brand, as analyze --about's column: those --resume read back too)
        posts = posts.assign(about=about_column(posts, config, about))
    if written:
        writers.write_table(posts.reset_index(drop=True), output, out_fmt, **options)
        if output not in (None, "-"):
            # (a fetch of all again (other brands, or after one that ended) that stopped: the next --resume goes on
            # with it, from its place, or from the newest with none or that place refused)
            again_next = (other_brands is not None or finished) and not result.ended
            try:
                resume_state.keep(
                    output, run, result.resume_at, posts, kept_for, again=again_next, done=result.ended, about=about
                )
            except OSError as exc:  # (said with a place lost, or to a user of --resume: who would miss the note)
                if result.resume_at or resume:
                    what, then = (
                        ("keep where the fetch stopped", "read the newer pages again")
                        if result.resume_at
                        else ("note the brands of this fetch", "not see a brand added before it")
                    )
                    err.print(
                        f"warning: cannot {what} ({exc.strerror or exc}); the next --resume will {then}",
                        markup=False,
                        highlight=False,
                    )
    rejected, kept = result.rejects, 0
    if earlier is not None and len(earlier):  # (a record rejected again, on another page, is kept once: the first)
        rejected = pd.concat([earlier, rejected.astype(earlier.dtypes)], ignore_index=True)
        rejected = rejected.drop_duplicates(["source", "reason", "record"], ignore_index=True)
        kept = len(earlier)
    # (a run that failed before any post left -o as it was, and emptied the rejects file of the posts in it)
    if stopped is None or len(result.posts) or len(result.rejects):
        opt.tell_rejects(rejected, rejects, say, csv_opts=csv_opts, written_note=False)
    got = opt.counted(result.received + len(result.rejects), "post")
    parts = [f"{source}: {got} in {opt.counted(result.pages, 'page')}"]
    if result.repeated:
        parts.append(f"{result.repeated:,} given again on a later page dropped")
    if result.out_of_range:
        parts.append(f"{result.out_of_range:,} {_outside(since, until, narrowed)} dropped")
    if result.untimed:
        parts.append(f"{result.untimed:,} without a time dropped (not placed in --since/--until)")
    if about is not None:
        parts.append(f"all kept as about {about} (--about: no brand filter)")
    elif config.brands:
        parts.append(f"{result.no_brand:,} mentioning no configured brand dropped (API near-misses)")
    if len(result.rejects):
        where = f", with the earlier runs' rejects: {len(rejected):,} in all" if kept else ""
        where = f" (in {rejects}{where})" if rejects else ""
        parts.append(f"{len(result.rejects):,} rejected{where}")
    if written:
        parts.append(f"wrote {len(posts):,}")
    if path is not None and len(result.posts):
        enriched = analyze(result.posts, config, sentiment=analyzer)
        try:
            counts = store.ingest_posts(
                path,
                enriched,
                wait=wait,
                sentiment=analyzer,
                config=config,
                command="fetch",
                rejected=len(result.rejects),
            )
        except StoreError as exc:  # (a busy store: the fetched posts, the API's quota spent on them, were lost)
            kept = output if written and output not in (None, "-") else _spare(path, result.posts)
            kept = f" (written to {opt.shown_path(str(kept))}: `brandpulse ingest` it later)" if kept else ""
            raise StoreError(f"{exc}; {opt.counted(len(result.posts), 'fetched post')} not stored{kept}") from exc
        parts.append(f"{path}: {counts.told()}")  # (as ingest says it: the posts the store had are accounted for too)
        logged["noted_at"] = counts.noted_at  # (stopped early: the pages before the fault are that run, failed)
        languages = analyzer_languages(analyzer)
        skipped = skipped_languages(enriched, languages)
        opt.tell_unscored(skipped, languages, say)
        parts[-1] += opt.unscored_count(skipped, languages)
    elif path is not None and stopped is None:  # (a quiet source: the run is noted all the same, `store.last_run`)
        with contextlib.suppress(StoreError):  # (a busy store: no post is lost)
            store.note_run(path, "fetch", wait=wait, rejected=len(result.rejects))
    # (a run stopped before its first page printed "0 posts in 0 pages, 0 ... dropped" above its error)
    nothing = stopped is not None and not (result.pages or result.received or len(result.rejects))
    if (not quiet or len(result.rejects) or stopped is not None) and not nothing:  # (cron mails any output)
        err.print(", ".join(parts), soft_wrap=True, highlight=False, markup=False)
    if stopped is not None and len(result.posts):
        how, cause = ("interrupted", "it") if result.interrupted is not None else ("stopped early", "the fault")
        # (`--store` alone wrote no file: "were written" sent its cron mail's reader looking for one)
        done = ("written and stored" if path is not None else "written") if written else "stored"
        err.print(
            f"warning: {how}; the {opt.counted(len(result.posts), 'post')} fetched before {cause} "
            + ("was " if len(result.posts) == 1 else "were ")
            + done,
            markup=False,
            highlight=False,
        )
    if stopped is not None:
        raise stopped


def _outside(since: str | None, until: str | None, end: pd.Timestamp | None) -> str:
    """What posts out of the window were outside: --since/--until, or --resume's `end` (before the oldest post
    already written), or either: "1 outside --since/--until dropped" was said of a --resume given no window."""
    if end is None:
        return "outside --since/--until"
    resumed = f"not before {end:%Y-%m-%d %H:%M:%S}Z (--resume: the posts before the oldest already written)"
    return resumed if since is None and until is None else f"outside --since/--until or {resumed}"


def _spare(store_path: Path, posts: pd.DataFrame) -> Path | None:
    """The fetched posts the store could not take, as JSON Lines beside it (`h-unstored-20261204T0930Z.jsonl`);
    None if that cannot be written either."""
    import pandas as pd

    from ..output import writers

    stamp = pd.Timestamp.now(tz="UTC").strftime("%Y%m%dT%H%M%SZ")
    spare = store_path.with_name(f"{store_path.stem}-unstored-{stamp}.jsonl")
    try:
        writers.write_table(posts.reset_index(drop=True), spare, "jsonl")
    except OSError:
        return None
    return spare
