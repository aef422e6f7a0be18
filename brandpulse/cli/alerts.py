"""`brandpulse alerts`: spikes in volume or negative share per brand, and safety posts; exit 3 when new alerts fire."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from ..choices import SPIKE_BUCKETS
from ..errors import ConfigError, FetchError, InputError, StoreError, UsageError
from . import Closed
from . import options as opt
from .history import (
    analysis_options,
    check_sources,
    load_posts,
    make_config,
    never_named,
    store_options,
    untimed_said,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..config import Config

ALERTS_FIRED = 3
#: the posts a bucket needs to alert, without --min-volume or `[alerts] min_volume`: three posts are not a crisis
MIN_VOLUME = 10
DEFAULT_STATE = ".brandpulse-alerts.json"
#: the store's meta key of the change of rules `alerts -q` last said (`store.rules_note`)
RULES_SAID = "alerts_rules_said"
#: the store's meta key of the last "no posts to check" warning `alerts -q` gave (store.said_once), for a config
#: (`stale_key`)
STALE_WARNING = "alerts_stale_warning"
#: the store's meta key of the last "no day before them" note `alerts -q` gave (store.said_once)
FIRST_DAY_SAID = "alerts_first_day_said"
#: the store's meta key of the day `alerts -q --topics` last said no post read has a topic, for a config (`stale_key`)
TOPICS_WARNING = "alerts_topics_warning"
#: the store's meta key of when the newest post a job's last run read was stored (`late_key`)
LATE_SEEN = "alerts_seen"
WEBHOOK_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
#: how the summary line names the alerts another job sent per the other bucket (`fresh_alerts`)
SENT_PER = {"day": "per hour (in the same day)", "hour": "per day (for the same day)"}


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@opt.apply(store_options)
@opt.apply(analysis_options)
@opt.apply(opt.csv_options)
@click.option(
    "--for-brand",
    "for_brands",
    multiple=True,
    metavar="NAME",
    help="Only the alerts of this brand (repeatable: any of them; default: every brand); --topics: the topics"
    " of their posts.",
)
@click.option(
    "--topics/--no-topics",
    default=None,
    help="Also check each topic's volume (its posts naming any brand, or one of --for-brand's) as a brand's is:"
    ' "topic recall: volume spike on ..." (default: the config\'s [alerts] topics, else not).',
)
@click.option(
    "--safety/--no-safety",
    default=None,
    help="Alert on each single safety post (an injury, a fire, smoke, a crash, a recall hazard) of a brand not marked"
    ' competitor (default: the config\'s [alerts] safety, which may list the kinds: ["fire", "hazard"]; else yes).',
)
@click.option(
    "--safety-kind",
    "safety_kinds_given",
    multiple=True,
    metavar="KIND",
    help="Alert on the safety posts of this kind alone (repeatable: any of them), over the config's [alerts] safety:"
    " injury, fire, crash, recall, or an urgent intent's name.",
)
@click.option(
    "--bucket", type=opt.choice(SPIKE_BUCKETS), default="day", show_default=True, help="Compare days or hours."
)
@click.option(
    "--since", metavar="DATE", help="Check buckets from DATE (default: --until minus 7 days, or 24 hours for hours)."
)
@click.option("--until", metavar="DATE", help="Check buckets before DATE (default: now; only complete buckets).")
@click.option(
    "--partial",
    is_flag=True,
    help="Also check the bucket in progress at --until (default now), with its posts so far against the whole"
    " bucket's threshold: a job run every 15 minutes alerts on a spike's first quarter hour, not after its hour.",
)
@click.option(
    "--stale-after",
    type=opt.FloatRange(min=0, min_open=True, max=24 * 366),
    metavar="HOURS",
    help="Fail (exit 4) when the newest stored post (with --for-brand, naming each brand) is older than HOURS before"
    " --until (default now): a fetch or ingest that stopped, not a quiet night. With new alerts, a warning and"
    " exit 3. Also sent to --webhook, once while the same post is the newest.",
)
@opt.tz_option
@click.option(
    "--window", type=opt.AT_LEAST_ONE, help="Baseline buckets before each checked one (default: 14 days / 168 hours)."
)
@click.option(
    "--k",
    "k",
    type=opt.NON_NEGATIVE,
    default=4.0,
    show_default=True,
    help="Volume alert above median + k * robust spread.",
)
@click.option(
    "--share-margin",
    type=opt.FloatRange(min=0, max=1),
    default=0.15,
    show_default=True,
    help="Negative-share alert above the usual share + this.",
)
@click.option(
    "--min-volume",
    type=opt.COUNT,
    help="Posts a bucket needs before it can alert (posts with a sentiment, for the negative share; default: the"
    f" config's [alerts] min_volume, else {MIN_VOLUME}).",
)
@click.option(
    "--webhook",
    metavar="URL",
    envvar="BRANDPULSE_WEBHOOK",
    help='POST new alerts as Slack-style JSON {"text": ...} (or $BRANDPULSE_WEBHOOK).',
)
@click.option(
    "--webhook-name",
    metavar="NAME",
    envvar="BRANDPULSE_WEBHOOK_NAME",
    help="Remember the webhook's alerts under NAME, not its URL: a new URL (a rotated token) keeps them"
    " (or $BRANDPULSE_WEBHOOK_NAME).",
)
@click.option(
    "--webhook-retries",
    type=opt.IntRange(0, 10),  # (backoff doubles to 2 minutes: 10**20 retried for ever, a cron job that never ends)
    default=3,
    show_default=True,
    help="Retries on connection errors, 429 and 5xx (at most 10).",
)
@click.option(
    "--state",
    "state_file",
    type=opt.FilePath(dir_okay=False),
    callback=opt.a_file("it is read and written again on the next run"),
    help=f"With FILES: where sent alerts are remembered (default ./{DEFAULT_STATE}).",
)
@click.option(
    "--over",
    is_flag=True,
    help="Also say once when a spike already sent is over: the first complete bucket after it with enough posts and"
    ' without the alert (a line, a JSON line with "status": "over", the webhook; exit 0 unless new alerts fire).',
)
@click.option("--resend", is_flag=True, help="Report and send alerts again even if already sent.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print the alerts that would fire, but send none and remember none (to try --k or --share-margin).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(["text", "jsonl"]),
    help="Print alerts as lines of text (default) or as JSON Lines, one object per alert.",
)
# the spelling before -f: kept for the cron jobs that use it
@click.option("--json", "as_json", is_flag=True, hidden=True, help="The same as -f jsonl.")
@opt.redact_option
@opt.quiet_option
def alerts(
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
    raw_csv,
    excel,
    decimal_comma,
    for_brands,
    topics,
    safety,
    safety_kinds_given,
    bucket,
    since,
    until,
    partial,
    stale_after,
    tz,
    window,
    k,
    share_margin,
    min_volume,
    webhook,
    webhook_name,
    webhook_retries,
    state_file,
    over,
    resend,
    dry_run,
    fmt,
    as_json,
    redact,
    quiet,
):
    """Detect spikes in volume and negative share per brand (and in volume per topic, --topics) against a rolling
    median/MAD baseline, and single safety posts (an injury, a fire, smoke, a crash, a recall hazard).

    Prints new alerts on stdout; exit 0 when none, 3 when alerts fire. An alert already sent
    (remembered in the store, or in --state when reading FILES) is not sent again.
    """
    import pandas as pd
    from rich.markup import escape

    from .. import store
    from ..config import named_brands, output_setting, timezone, zone
    from ..output import writers
    from ..output.redact import brand_handles, brand_names, mask_text
    from ..output.terminal import counted
    from ..report.build import naming_brands
    from ..report.notify import LATE_DAYS, destinations, post_webhook, sending, webhook_problem
    from ..report.periods import OUT_OF_RANGE, bucket_starts, check_order, floor_time, parse_time, step_buckets
    from ..report.safety import safety_alerts, safety_kinds
    from ..report.spikes import (
        BRIDGE,
        DEFAULT_WINDOW,
        OVER,
        bullets,
        by_topic,
        detect_spikes_and_ends,
        fold_topics,
        key_start,
        shown,
        slack_payload,
        with_examples,
    )
    from ..report.summary import explode_list

    if webhook == "":  # (`--webhook "$SLACK_WEBHOOK"` with it unset: no word, and none sent)
        raise UsageError("--webhook is empty (a variable not set?): give the webhook's URL, or drop --webhook")
    if webhook and (problem := webhook_problem(webhook)):  # (requests said "after 3 retries", after the work)
        raise ConfigError(f"--webhook (or $BRANDPULSE_WEBHOOK): {problem}")  # (a secret: not shown)
    named = click.get_current_context().get_parameter_source("webhook_name") is ParameterSource.COMMANDLINE
    # (a space ends a destination; $BRANDPULSE_WEBHOOK_NAME beside no webhook is not used, whatever it says)
    if webhook_name is not None and (webhook or named) and not WEBHOOK_NAME.fullmatch(webhook_name):
        raise UsageError(f"--webhook-name {webhook_name!r}: letters, digits, '.', '_' and '-' only (up to 64)")
    if webhook_name and not webhook and named:  # ($BRANDPULSE_WEBHOOK_NAME beside no webhook: a run by hand)
        raise UsageError("--webhook-name names a webhook: give --webhook URL (or $BRANDPULSE_WEBHOOK)")
    if as_json and fmt == "text":
        raise UsageError("--json is -f jsonl: give one of them")
    as_json = as_json or fmt == "jsonl"
    if state_file and not files:  # (it was ignored: the store remembers them)
        raise UsageError("--state is for FILES: alerts from the store are remembered in the store")
    # (`--state s.json --rejects s.json`: the rejects replaced the sent alerts; `>&-` without a webhook: the alerts
    # could go nowhere, and the run failed at the first one, after all the work)
    opt.check_outputs(files, not webhook or dry_run, state=state_file, rejects=rejects)
    if files and dry_run and opt.given("wait"):  # (with FILES, --wait is for the --state file's lock)
        raise UsageError("--wait is for the --state file's lock, which --dry-run does not take: drop --wait")
    check_sources(files, store_option, waits_with_files=True)
    err = opt.err_console()
    config = make_config(config_path, brand_specs, err.print, about=about, reads=(files, store_option))
    # (`--no-safety`, `[alerts] safety = false`: (); `["fire", "hazard"]`: those kinds alone; checked before any work)
    kinds = safety_kinds(config, safety, safety_kinds_given)
    # (an hourly cron job of a small area's outages repeated `--min-volume 5` on its line; checked as the file is read)
    configured = min_volume is None and "min_volume" in config.raw.get("alerts", {})
    if min_volume is None:
        min_volume = config.raw.get("alerts", {}).get("min_volume", MIN_VOLUME)
    # (a config file's brands, before any work; else the stored ones too, known once the store is read)
    only = named_brands(for_brands, [b.name for b in config.brands], "configured") if config.raw.get("brands") else []
    only = only or list(for_brands)
    tz = timezone(config, tz)
    where = zone(tz)
    cut = parse_time(until, "--until", tz) or pd.Timestamp.now(tz="UTC")
    end = floor_time(cut, bucket, where)
    partial = partial and cut > end  # (the bucket in progress at `cut`, checked with its posts so far)
    start = parse_time(since, "--since", tz) or step_buckets(end, -7 if bucket == "day" else -24, bucket, where)
    check_order(start, end)  # (nothing was checked: "0 new alerts" on every run)
    # (whole buckets are checked: "--since 2026-10-16T12:00" checks from 00:00, and says so)
    start = floor_time(start, bucket, where)
    window = window or DEFAULT_WINDOW[bucket]
    dest = destinations(webhook, webhook_name)  # (a dry run with --webhook: what that webhook would get)
    # a webhook broken for weeks: its alerts, printed long ago, no longer matter (days of the zone's clock: 14 x 24 h
    # missed one); old by today, not by an --until to come (a run by hand up to the month's end dropped yesterday's)
    now = floor_time(pd.Timestamp.now(tz="UTC"), bucket, where)
    cutoff = step_buckets(min(end, now), -LATE_DAYS, "day", where)
    try:
        # (and the buckets before, to know whether a spike goes on: up to a day of them with too few posts)
        earliest = step_buckets(start, -window - 1 - BRIDGE[bucket], bucket, where)
        if earliest.year < 1678:  # (pandas 3 holds such times: the store read failed, exit 5)
            raise OverflowError
    except OUT_OF_RANGE:  # (an OverflowError, exit 1)
        raise UsageError(
            f"--window {window}: the {bucket}s before {start:%Y-%m-%d} would start before the year 1678"
        ) from None
    # posts stored since this job's last run, created before its checked buckets (an export a day late): their
    # buckets are checked again, and alert as any other (at most LATE_DAYS back, as a late alert). Asked before the
    # posts are read: a post stored between the two reads was in neither, and the next run took it for seen
    named = None if files else store.store_path(store_option, config)
    # (once: the store's brands, added to those of --brand alone as the posts are read, made the next run's another)
    mark = late_key(config, bucket, dest, only)
    # (the store's reads share a connection, let go before the work that needs none: an ingest waits for it)
    reads = ExitStack()
    click.get_current_context().call_on_close(reads.close)
    reads.enter_context(store.reading(named))
    late, seen = (
        store.late_posts(named, mark, cutoff, start, wait=wait)
        if named is not None and named.is_file()
        else (pd.Series(dtype="datetime64[us, UTC]"), None)
    )
    posts, path = load_posts(
        files,
        config,
        store_option=store_option,
        wait=wait,
        since=earliest,
        until=None if files else cut if partial else end,  # (FILES: to the newest read, for --stale-after)
        input_format=input_format,
        map_specs=map_specs,
        date_order=date_order,
        input_tz=input_tz,
        sentiment=sentiment,
        rejects=rejects,
        say=err.print,
        quiet=quiet,
        csv_opts=opt.csv_settings(config, raw_csv, excel, decimal_comma),
        waits_with_files=True,  # (for another run remembering in the same --state file)
    )
    # (FILES read to the end: their newest post, not the newest before the checked buckets' end, is --stale-after's; a
    # file with a post at 09:05 failed a daily job at 09:10 with "no post has a time")
    newest = posts["created_at"].max() if files and len(posts) else None
    # (and each brand's, for --for-brand's: `newest_posts`)
    named_last = (
        explode_list(posts[["created_at", "brands"]], "brands").groupby("brands")["created_at"].max()
        if files and stale_after is not None and for_brands
        else None
    )
    posts = posts[posts["created_at"] < (cut if partial else end)].reset_index(drop=True) if files else posts
    if for_brands and not config.raw.get("brands"):  # (--brand alone, or none: the stored brands too)
        known = [b.name for b in config.brands] + (sorted(store.brand_names(path, wait=wait)) if path else [])
        if not known:  # ("no such brand (configured: none)" sent the user looking for a typo)
            read = "FILES read without brands name none" if path is None else "no stored post names one"
            raise ConfigError(
                f"--for-brand: no brands configured, and {read}: give --config FILE (or $BRANDPULSE_CONFIG) or"
                " --brand NAME=TERMS"
            )
        only = named_brands(for_brands, known, "configured or named by the stored posts")
    if not quiet and (note := never_named(path, config, only or [b.name for b in config.brands], wait=wait)):
        err.print(f"[yellow]note:[/] {escape(note)}")
    # (with -q, once for each change of rules: an hourly cron job mails it once, not until the rescore)
    ruled = store.rules_note(path, earliest, cut if partial else end, wait=wait) if path is not None else None
    # (once for each job: a team's --for-brand job on the store another's ran first was never told; stop 46)
    said = stale_key(config, only, RULES_SAID)
    if ruled and (not quiet or dry_run or store.said_once(path, said, ruled[1], wait=wait)):
        err.print(f"note: {ruled[0]}", markup=False)
    if path is not None and not (posts["created_at"] >= start).any():  # (as report says: else "0 new alerts" each run)
        held = store.post_range(path, wait=wait)
        newest = None if held is None else held[1]
        # (posts only after the checked days, an --until before them: their range said, else the newest read as
        # stale; a back-fill of the wrong year saw only the newest)
        upto = f" to {end:%Y-%m-%d %H:%M}" if newest is not None and newest >= end else ""
        if held is None:
            untimed = store.untimed_posts(path, wait=wait)  # (an export without times: "holds no posts" was wrong)
            said = untimed_said(untimed, "alert") if untimed else "holds no posts"
        else:
            first, last = (f"{t.tz_convert(where):%Y-%m-%d %H:%M}" for t in held)
            said = f"posts are from {first} to {last}" if upto else f"newest post is from {last}"
        ran = store.last_run(path, wait=wait)  # (a job that ran and found nothing, told from one that stopped)
        if ran and not ran.get("stored") and not upto:
            when = pd.Timestamp(ran["at"]).tz_convert(where)
            said += f"; its last {ran.get('command') or 'ingest'}, at {when:%Y-%m-%d %H:%M}, stored nothing new"
        # a cron job (-q) running every hour said it 24 times a day while the store got no posts: with -q it is
        # said once a day (the day of --until) for the same newest post (a run by hand, without -q, says it each time)
        once = f"{newest} {end.tz_convert(where):%Y-%m-%d}"
        if not (quiet and not upto and not dry_run) or store.said_once(path, stale_key(config, only), once, wait=wait):
            err.print(
                f"warning: no posts to check from {start:%Y-%m-%d %H:%M}{upto} {tz}: the store's {said}", markup=False
            )
    last = floor_time(cut, bucket, where) if partial else step_buckets(end, -1, bucket, where)  # (the last checked)
    # (a festival's store begun this morning: every run, --partial too, checked and said "0 new alerts", all day)
    note = no_day_before(path, last, cut, where, wait) if path is not None and bucket == "day" else None
    if note and (not quiet or dry_run or store.said_once(path, FIRST_DAY_SAID, note, wait=wait)):
        err.print(f"note: {note}", markup=False)
    again = pd.DatetimeIndex(bucket_starts(late, start, bucket, where).unique()).sort_values()
    reach = again[0] if len(again) else start
    if reach < start:
        others = not config.raw.get("brands")
        older = store.load_posts(
            path,
            step_buckets(reach, -window - 1 - BRIDGE[bucket], bucket, where),
            earliest,
            wait=wait,
            brands=[b.name for b in config.brands],
            others=others,
        )
        posts = pd.concat([older, posts], ignore_index=True)
    wanted = {name.casefold() for name in only}

    def ours(a, at: pd.Timestamp, topical: bool) -> bool:
        # (a topic's volume alone: its negative share would be of the posts' own sentiment, not a brand's)
        mine = a.kind == "volume" if topical else not only or a.brand.casefold() in wanted
        return mine and (at >= start or at in again)

    redacting = output_setting(config, "redact", redact)  # (the example quoted under each bullet, and -f jsonl's)
    handles = brand_handles(config)  # (masked before an example is cut: an address across the cut was left)
    brands = brand_names(config)
    mask = (lambda text: mask_text(text, handles, brands)) if redacting else str
    found, ended = [], []
    topics = output_setting(config, "topics", topics, "alerts")  # (`--topics`, else `[alerts] topics`)
    if topics and len(posts) and not (posts["topics"].fillna("") != "").any():
        # (no topic alerts, and no word of why: a store ingested with a config of no matching topics)
        asked_by = "--topics" if opt.given("topics") else f"{config.path}: [alerts] topics"
        said = (
            f"warning: {asked_by}: none of the {counted(len(posts), 'post')} read has a topic, so no topic can"
            " alert: posts are tagged as they are analyzed (ingest), by the config's [topics.NAME] tables (the"
            " built-in topics when it has none); after changing them, `brandpulse rescore` tags the stored posts again"
        )
        once = f"{end.tz_convert(where):%Y-%m-%d}"  # (with -q: once a day, as the stale warning)
        key = stale_key(config, only, TOPICS_WARNING)
        if not (quiet and not dry_run and path is not None) or store.said_once(path, key, once, wait=wait):
            err.print(said, markup=False)
    # (a small brand's 5 posts a day: every run said "0 new alerts", and no spike of it could ever alert; not with -q,
    # as an hourly job's quiet night holds no hour of 10 posts either)
    few = (
        None
        if note or quiet
        else too_few(posts, config, only, bucket, start, cut if partial else end, tz, min_volume, topics, configured)
    )
    if few:
        err.print(f"note: {few}", markup=False)
    reads.close()
    # each brand's alerts; with --topics, each topic's volume alerts too, in the posts of all the brands, or of
    # --for-brand's alone (as their report's topics: another client's words are not this one's news)
    of_topics = [(*by_topic(naming_brands(posts, only) if only else posts, config), True)] if topics else []
    for checked, settings, topical in [(posts, config, False), *of_topics]:
        some, overs = detect_spikes_and_ends(
            checked,
            reach,
            cut if partial else end,
            bucket=bucket,
            config=settings,
            window=window,
            k=k,
            min_volume=min_volume,
            share_margin=share_margin,
            tz=tz,
            partial=partial,
            ends=over,
        )
        some = [replace(a, topic=topical) for a in some if ours(a, a.start, topical)]
        found += with_examples(checked, some, config=settings, tz=tz, mask=mask)  # (-f jsonl's `examples`)
        ended += [replace(o, topic=topical) for o in overs if ours(o, o.over_at, topical)]
    # a single safety post is an alert by itself (a spike needs --min-volume posts): once per post, whatever the bucket
    if kinds != ():
        posted = safety_alerts(
            posts,
            reach,
            cut if partial else end,
            bucket=bucket,
            config=config,
            tz=tz,
            brands=only,
            mask=mask,
            kinds=kinds,
        )
        found += [a for a in posted if ours(a, a.start, False)]
    # (oldest first, as `fresh_alerts` reads them; a topic's spike of a brand's posts said in its line)
    found = fold_topics(posts, found, config=config, tz=tz, mask=mask) if topics else found
    found.sort(key=lambda a: (a.start, a.topic, a.brand, a.kind))
    ended.sort(key=lambda o: (o.over_at, o.topic, o.brand, o.kind))
    if redacting:
        names: dict[str, str] = {}
        found = [replace(a, examples=tuple(redacted(a.examples, names, config))) for a in found]
    state_path = Path(state_file or DEFAULT_STATE) if path is None else None
    # (a run without --until said "over 14 days before --until")
    when = f"their spikes began before {cutoff:%Y-%m-%d %H:%M} {tz}, over {LATE_DAYS} days " + (
        "before --until" if until is not None and end <= now else "ago"
    )
    reads.enter_context(store.reading(path, writes=True))  # (the late mark's write: its connection read after)
    # (a safety post's id in -f jsonl --redact: `post_hidden`; FILES have no store to keep a key in). A dry run makes
    # no key, so it asks only when it prints a safety post (`deliver`): one of a quiet hour, or whose safety posts
    # were all sent already, warned of its own key on every run
    secret = _redaction_key(path, wait, dry_run, err.print) if redacting and as_json and not dry_run else None
    if dry_run:
        webhook = None  # (printed only: a dry run neither sends nor remembers)
    else:
        tidy(path, state_path, dest, cutoff, wait, lambda text: err.print(f"warning: {text}", markup=False), when)

    def said_per_other(overs: list) -> list:
        # (a daily and an hourly job posting to one webhook each said a crisis over: the first to see it says it; read
        # only when there is one to say)
        if resend or not overs:
            return overs
        other = [o.overlapping_keys() for o in overs]
        said = recorded(path, state_path, [k for keys in other for k in keys], dest, wait)[0]
        return [o for o, keys in zip(overs, other, strict=True) if said.isdisjoint(keys)]

    sent, late, level = recorded(path, state_path, asked(found, ended), dest, wait)
    new, going_on, covered, refs = fresh_alerts(found, sent, level, resend=resend)
    overs = said_per_other(spikes_over(ended, sent, new + going_on + covered, resend=resend))
    late = late if webhook else {}  # (printed already: they wait for a run with a webhook)
    record = path if path is not None else state_path
    why = store.cannot_write(record) if (new or late or going_on or covered or overs) and not dry_run else None
    if why and not new:  # (late alerts alone: left pending for a run that can remember them, not exit 7 each run)
        if not quiet and late:
            err.print(f"warning: {counted(len(late), 'late alert')} not sent: {why}", markup=False)
        if not quiet and overs:  # (else said again by every run)
            err.print(f"warning: {counted(len(overs), 'spike')} over not said: {why}", markup=False)
        late, going_on, covered, overs, why = {}, [], [], [], None
    if why:  # an alert that cannot be remembered would be printed and sent again on every run
        raise (StoreError if path is not None else InputError)(
            f"cannot remember sent alerts in {record} ({why}): none printed or sent"
        )

    def deliver(new: list, late: dict[str, str], overs: list) -> None:
        # (`>&-` without a webhook: fails before marking them sent)
        if not (webhook and isinstance(sys.stdout, Closed)):
            # (an object per alert; a brand's negative and volume alerts of a bucket one line: `shown`)
            objects = [a.to_dict() for a in new + overs]
            if redacting and as_json and any(d.get("post") for d in objects):
                key = secret if secret is not None else _redaction_key(path, wait, dry_run, err.print)
                objects = [post_hidden(d, key) for d in objects]
            lines = [json.dumps(d, ensure_ascii=False) for d in objects] if as_json else []
            for line in lines or [*dict.fromkeys(shown(new).values()), *dict.fromkeys(shown(overs).values())]:
                click.echo(line)
        if webhook and (new or late or overs):
            # (a late bullet's quote masked too: an earlier run without --redact kept it as written)
            late_said = {
                k: m.partition("\n")[0] + "".join(f"\n{mask(q)}" for q in m.split("\n")[1:2]) for k, m in late.items()
            }
            post_webhook(webhook, slack_payload(new, late_said, overs), retries=webhook_retries, backoff=0.5)
            if not quiet:
                ends = len(overs) + (ended_late := sum(key.endswith(OVER) for key in late))
                told = counted(len(new) + len(late) - ended_late, "alert") if new or len(late) > ended_late else ""
                told += (" and " if told and ends else "") + (f"{counted(ends, 'spike')} over" if ends else "")
                err.print(
                    f"sent {told} to the webhook"
                    + (f" ({len(late)} late, from an earlier run whose webhook failed)" if late else "")
                )

    if (new or late or going_on or covered or overs) and not dry_run:
        reads.close()  # (not held while the webhook is sent)
        # alerts runs take turns from before the first is sent until all are remembered, so each is sent once; the
        # store is taken only to read and to remember them, not for the webhook's timeouts and retries
        with sending(record, wait):
            sent, late, level = recorded(path, state_path, asked(found, ended), dest, wait)  # (another run sent them?)
            if not resend:
                new, going_on, covered, refs = fresh_alerts(found, sent, level)
            overs = said_per_other(spikes_over(ended, sent, new + going_on + covered, resend=resend))
            # (--resend: sent as this run's own, not also as late)
            late = {k: m for k, m in late.items() if k not in {x.key for x in [*new, *overs]}} if webhook else {}
            late = {k: m for k, m in late.items() if key_start(k) >= cutoff}  # (another run's, dropped meanwhile)
            # pending until the webhook has them: a run whose webhook fails, or that is killed, leaves them to the
            # next run's webhook (--resend: those sent before stay sent)
            # (a brand's negative and volume alerts of a bucket under their one line: the next run posts it once)
            # (each with its example post: a late bullet had none)
            fresh = {key: kept for key, kept in bullets(new).items() if key not in sent} if webhook else {}
            # (and the spikes over: a webhook down past the hours a run checks left the on-call person paged for a
            # spike never told it ended)
            fresh |= {key: line for key, line in shown(overs).items() if key not in sent} if webhook else {}
            remember(path, state_path, fresh, dest, wait, pending=True)
            try:
                deliver(new, late, overs)
            except FetchError as exc:
                if not (fresh or late):
                    raise
                # (those of spikes over 14 days old were promised to the next run, which dropped them unsent)
                old = sum(key_start(key) < cutoff for key in fresh)
                kept = len(fresh) + len(late) - old
                ends = sum(key.endswith(OVER) for key in [*fresh, *late] if key_start(key) >= cutoff)
                what = " and ".join(
                    [counted(kept - ends, "alert")] * (kept > ends) + [f"{counted(ends, 'spike')} over"] * (ends > 0)
                )
                why = [f"{what} kept: the next run with this webhook sends them, marked late"]
                why = (why if kept else []) + ([f"{counted(old, 'alert')} not kept: {when}"] if old else [])
                raise FetchError(f"{exc} ({'; '.join(why)})") from None
            # (what was sent, the late mark and the reads after them: in one connection, a writer's)
            reads.enter_context(store.reading(path, writes=True))
            # (without a webhook, one of stop 31 printed again by --resend, pending for any webhook, still waits)
            done = {a.key: a.message for a in new if webhook or a.key not in sent}
            # a spike going on is remembered hour by hour, so the next run still knows it for one (its first hour
            # out of the checked window); and so is one sent per hour (per day) by the other job
            done |= {a.key: a.message for a in going_on + covered}
            done |= {o.key: o.message for o in overs}  # (said once)
            # (and the level each one's spike was last sent at, which an escalation must double; none of a bucket in
            # progress, its posts so far: `fresh_alerts`)
            levels = {a.key: refs[a.key] for a in new + going_on + covered if a.key in refs}
            remember(path, state_path, done | late, dest, wait, levels=levels)
    else:
        deliver(new, late, overs)
    if seen is not None and not dry_run:  # (the next run checks again the buckets of posts stored after these)
        # (unless this run's buckets end before the last run's: a run by hand over past days checked none of the
        # days the cron job's next run checks the posts stored meanwhile in; one to come checked up to now)
        store.move_late_mark(path, mark, seen, min(end, now), now, wait=wait)
    skipped = len(found) - len(new) - len(going_on) - len(covered)
    if not quiet:
        before = f" and {counted(len(again), bucket)} before, of posts stored since the last run" if len(again) else ""
        before += f" and the {bucket} in progress to {cut.tz_convert(where):%H:%M}" if partial else ""
        err.print(
            f"checked {start:%Y-%m-%d %H:%M} .. {end:%Y-%m-%d %H:%M} {tz} per {bucket}{before}: {len(new)} new alert"
            f"{'s' if len(new) != 1 else ''}"
            + (f" ({escalations} an escalation)" if (escalations := sum(bool(a.escalated_from) for a in new)) else "")
            + (f", {skipped} already sent" if skipped else "")
            + (f", {len(going_on)} going on from one already sent" if going_on else "")
            + (f", {len(covered)} already sent {SENT_PER[bucket]}" if covered else "")
            + (f", {counted(len(overs), 'spike')} over" if overs else "")
            + ("; dry run: none sent or remembered" if dry_run else "")
        )
    newest = newest_posts(path, newest, named_last, only, wait) if stale_after is not None else {}
    # (in the reads' connection, as the newest posts: a connection of its own was an open of the store more)
    # (and the job's newest run when it failed since: said, not asked "is the fetch or ingest failing?")
    stored = stale_after is not None and path is not None
    ran = (store.last_failure(path, wait=wait) or store.last_run(path, wait=wait)) if stored else None
    reads.close()
    if stale_after is not None and (said := stale(newest, cut, stale_after, tz, ran)):
        old, keys = said
        # (else posted and not remembered, again by each run of a user who cannot write the store: one who can posts it)
        if webhook and (why := writers.unwritable(path if path is not None else state_path)):
            err.print(f"warning: the --stale-after line not sent to the webhook: {why}", markup=False)
            webhook = None
        try:  # (a team paged by the webhook alone heard nothing; None on a dry run)
            told = webhook and tell_stale(old, keys, path, state_path, dest, wait, webhook, webhook_retries, resend)
        except FetchError:  # (exit 6, as for alerts: the webhook is what to fix first; the stale line said before)
            err.print(f"warning: {old}", markup=False)
            raise
        if told and not quiet:
            err.print("sent the --stale-after warning to the webhook")
        if not new:  # (exit 0 read as a quiet night by the pager, while the fetch had failed for hours)
            raise InputError(old)
        err.print(f"warning: {old}", markup=False)
    if new:
        sys.stdout.flush()
        click.get_current_context().exit(ALERTS_FIRED)


def too_few(
    posts: pd.DataFrame,
    config: Config,
    only: list[str],
    bucket: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    tz: str,
    min_volume: int,
    topics: bool = False,
    configured: bool = False,
) -> str | None:
    """What to say when no bucket checked held `min_volume` posts of one brand (of `only`'s, with --for-brand), nor
    with `topics` of one topic: no spike could alert, whatever the posts said; None when one did, or when none was read
    (said elsewhere). `configured`: `min_volume` is the config's `[alerts] min_volume`, not --min-volume's."""
    from ..report.build import naming_brands
    from ..report.spikes import bucket_counts, bucket_name, by_topic

    if min_volume < 2 or not len(posts):
        return None
    counts = bucket_counts(posts, bucket, start, end, config, tz)
    counts = counts[counts["brand"].fillna("") != ""]  # (posts of no brand: no spike of theirs is checked)
    if only:
        counts = counts[counts["brand"].str.casefold().isin({b.casefold() for b in only})]
    if not len(counts) or counts["volume"].max() >= min_volume or counts["volume"].max() == 0:
        return None
    if topics:  # (a topic's posts are all the brands': 6 refunds a day at each of two brands can alert)
        tagged = by_topic(naming_brands(posts, only) if only else posts, config)[0]
        of_topics = bucket_counts(tagged, bucket, start, end, None, tz)
        if len(of_topics) and of_topics["volume"].max() >= min_volume:
            return None
    most = counts.loc[counts["volume"].idxmax()]
    spike = "no brand's or topic's spike" if topics else "no brand's spike"
    given = "the config's [alerts] min_volume" if configured else "--min-volume"
    return (
        f"no {bucket} checked held {min_volume} posts of one brand ({given}), the most {most['volume']} of"
        f" {most['brand']} on {bucket_name(most['bucket'], bucket)}: {spike} could alert (a safety post can)"
    )


def no_day_before(path: Path, last: pd.Timestamp, cut: pd.Timestamp, where, wait: float) -> str | None:
    """What to say when no whole day of the store's posts (`first_whole`) is before `last`, the last day checked: no
    day checked has history to compare with, so none can alert; None otherwise, and when the posts begin after `cut`
    (--until before them: the warning says where they are)."""
    from .. import store
    from ..report.spikes import first_whole, usual_gap

    held = store.post_range(path, wait=wait)
    if held is None or held[0] >= cut:
        return None
    if first_whole(held[0], "day", where, usual_gap(*held, store.post_count(path, wait=wait))) < last:
        return None
    return (
        f"the store's posts begin {held[0].tz_convert(where):%Y-%m-%d %H:%M}: no whole day before the days checked "
        "to compare with, so no spike can alert yet (a safety post can): --bucket hour --partial compares hours"
    )


def newest_posts(
    path: Path | None, newest: pd.Timestamp | None, named: pd.Series | None, only: list[str], wait: float
) -> dict[str | None, pd.Timestamp | None]:
    """The newest posts `--stale-after` counts, those of the store at `path`, else of the FILES read (`newest`, and
    `named`: each stored brand's newest): of each brand of `only` (`--for-brand`), else of all (under None). The
    store's newest post of any brand hid a brand whose fetch had stopped from the team that watches it."""
    import pandas as pd

    from .. import store

    if only:
        if path is not None:
            return store.newest_naming(path, only, wait=wait)
        folded = {} if named is None else {b.casefold(): t for b, t in named.items()}
        return {b: folded.get(b.casefold()) for b in only}
    if path is not None:
        held = store.post_range(path, wait=wait)
        newest = None if held is None else held[1]
    return {None: None if newest is None or pd.isna(newest) else newest}


def stale(
    newest: dict[str | None, pd.Timestamp | None],
    cut: pd.Timestamp,
    hours: float,
    where: str,
    ran: dict | None = None,
) -> tuple[str, list[str]] | None:
    """Why the posts are too old (`--stale-after`): of `newest` (`newest_posts`), those not created in the `hours`
    before `cut`, each brand's named; and the keys `tell_stale` remembers it under. None when all
    were. `ran`, the store's last run (`store.last_run`): one that stored nothing says the job runs and finds
    nothing, not that it stopped."""
    import pandas as pd

    old = {b: t for b, t in newest.items() if t is None or t < cut - pd.Timedelta(hours=hours)}
    if not old:
        return None
    said = [
        ("no post has a time" if b is None else f"no post names {b}")
        if t is None
        else f"the newest post{'' if b is None else f' naming {b}'} is from {t.tz_convert(where):%Y-%m-%d %H:%M}"
        for b, t in old.items()
    ]
    naming = "" if None in old else " naming " + " or ".join(old)
    # (the newest post's time, `stale:2026-12-05T01:52:00Z`, or each stale brand's, `stale:nova@2026-12-05T01:52:00Z`:
    # posts that come in and stop again are told again; a key of all the stale brands told B again when A recovered)
    when = {b: "none" if t is None else f"{t.tz_convert('UTC'):%Y-%m-%dT%H:%M:%SZ}" for b, t in old.items()}
    keys = [f"stale:{t}" if b is None else f"stale:{b.casefold()}@{t}" for b, t in when.items()]
    line = (
        f"no post{naming} in the {hours:g} hours before {cut.tz_convert(where):%Y-%m-%d %H:%M} {where}"
        f" (--stale-after): {', '.join(said)}; "
    )
    failed = ran and str(ran.get("status", "")).startswith("failed")
    if failed or (ran and not ran.get("stored")):
        when = pd.Timestamp(ran["at"]).tz_convert(where)
        line += f"its last {ran.get('command') or 'ingest'}, at {when:%Y-%m-%d %H:%M}, "
        line += (
            f"failed (exit {ran.get('exit')}: {ran['status'].removeprefix('failed: ')})"
            if failed
            else "stored nothing new: is the export or the source empty?"
        )
    else:
        line += "is the fetch or ingest failing?"
    return line, keys


def tell_stale(
    old: str,
    keys: list[str],
    path: Path | None,
    state_path: Path | None,
    dest: tuple[str, ...],
    wait: float,
    webhook: str,
    retries: int,
    resend: bool,
) -> bool:
    """Post `stale`'s line `old` to the webhook once per stale episode: remembered as sent to `dest` (in the store at
    `path`, else the --state file) under `keys` (`stale`'s, one a stale brand), sent while one of them is not;
    with `resend`, again. Whether it was sent now. A
    webhook that fails: a FetchError (exit 6), nothing remembered (the next run still stale sends it)."""
    from ..report.notify import post_webhook, sending
    from ..report.spikes import escaped

    record = path if path is not None else state_path
    with sending(record, wait):  # (two jobs of one webhook: one sends it)
        if not resend and set(keys) <= recorded(path, state_path, keys, dest, wait)[0]:
            return False
        try:
            post_webhook(webhook, {"text": f":warning: brandpulse: {escaped(old)}"}, retries=retries, backoff=0.5)
        except FetchError as exc:
            raise FetchError(f"{exc} (the --stale-after warning not sent: the next run still stale sends it)") from None
        remember(path, state_path, dict.fromkeys(keys, old), dest, wait)
    return True


def asked(found: list, ended: list = ()) -> list[str]:
    """The keys whose record `fresh_alerts` reads: the alerts' own, those of the bucket before a spike going on, and
    those of the same alert per the other bucket (`Alert.overlapping_keys`); and those `spikes_over` reads of
    `ended` (`Over`): their spike's last alert's, and their own."""
    keys = [a.key for a in found] + [a.previous_key for a in found if a.previous_key]
    keys += [k for o in ended for k in (o.last_key, o.key)]
    # (once each: an hour's 96 days are mostly the hour's before's)
    return list(dict.fromkeys(keys + [k for a in found for k in a.overlapping_keys()]))


def fresh_alerts(
    found: list, sent: set[str], level: dict[str, int], *, resend: bool = False
) -> tuple[list, list, list, dict[str, int]]:
    """Of `found` (oldest first), the new alerts, and those of a spike going on whose alert an earlier run sent (or
    printed): the same brand and kind alerting in the last bucket before that could tell (`Alert.previous`). An
    hourly cron job sent the same outage every hour for a day; now it sends its first hour, and the next alert when
    the spike has ended and another begins (a bucket with enough posts and without it between). A run that finds
    several hours of a spike new (the first run, a job that missed runs) lists them all, in one message.

    Third, those sent (or printed) to the same destination per the other bucket: a daily alert of a day in which
    the hourly job sent the same alert (brand and kind) for an hour, or an hourly one of a day the daily job sent
    it for. A daily and an hourly job posting to one webhook sent each crisis twice.

    An alert already sent, or going on from one, whose level (`Alert.level`) is at least `ESCALATION` times the level
    `level` remembers for it (that of the last alert sent for its spike) is new again, an escalation (its
    `escalated_from`); the next escalation of that spike must double its level again. Last, the level to remember for
    each alert of the three lists: its own for one sent, its spike's for one going on (its own when none is
    remembered, as for spikes sent before stop 39), its own for one sent per the other bucket. With `resend`, all of
    `found` are new, none an escalation."""
    from ..report.spikes import ESCALATION

    # (a bucket in progress, `--partial`: its posts so far are no level, neither to remember nor to escalate; the hour
    # complete, 4 times its first quarter, was an escalation, and one at 07:30 was sent again at 07:45 and 08:05)
    refs = {a.key: a.level for a in found if a.counted_until is None}
    if resend:
        return [*found], [], [], refs
    refs |= level
    new, going_on, covered, known = [], [], [], set(sent)
    for a in found:
        before = a.key if a.key in sent else a.previous_key if a.previous_key in known else None
        was = refs.get(before) if before else None
        if was and a.level >= ESCALATION * was and a.counted_until is None:
            new.append(replace(a, escalated_from=was))
            refs[a.key] = a.level
        elif a.key in sent:
            continue
        elif a.previous_key in known:
            going_on.append(a)
            if (ref := refs.get(a.previous_key, refs.get(a.key))) is not None:
                refs[a.key] = ref
        elif not sent.isdisjoint(a.overlapping_keys()):
            covered.append(a)
        else:
            new.append(a)
            continue
        known.add(a.key)
    return new, going_on, covered, refs


def spikes_over(ended: list, sent: set[str], remembered: list, *, resend: bool = False) -> list:
    """Of `ended` (`Over`, `detect_spikes_and_ends`), the spikes over to say: those whose last alert was sent, printed,
    left pending for the webhook, remembered as going on or as sent per the other bucket (`sent`, read for their
    `last_key`), or is one of this run's (`remembered`: `fresh_alerts`' lists), and that were not said yet (their
    `key`; with `resend`, again). A spike no run of this destination sent (a --dry-run's, one before the job began) is
    over unsaid: the on-call person paged for it, and only them, waits to hear of it."""
    known = sent | {a.key for a in remembered}
    return [o for o in ended if o.last_key in known and (resend or o.key not in sent)]


def late_key(config: Config, bucket: str, dest: tuple[str, ...], only: list[str] | None = None) -> str:
    """The meta key of when the newest post the last run of a job read was stored (`store.late_posts`): a job is
    its config and brands (`stale_key`), its bucket and its destination (a run by hand does not take the cron job's)."""
    which = json.dumps([stale_key(config, only), bucket, dest[0]])
    return f"{LATE_SEEN} {hashlib.sha256(which.encode()).hexdigest()[:16]}"


def stale_key(config: Config, only: list[str] | None = None, key: str = STALE_WARNING) -> str:
    """The meta key of the stale-data warning (or another message `key` names, given once) of the jobs of `config`: its
    file and brands, or those of `--for-brand` (`only`). Two cron jobs on one store (a config each, --brand, or a
    team's --for-brand) shared one: the first to run said it, the other's user never heard of it."""
    path = str(Path(config.path).resolve()) if config.path else None
    # (--for-brand names in any case: the brand's)
    which = json.dumps([path, sorted({n.casefold() for n in only}) if only else sorted(b.name for b in config.brands)])
    return f"{key} {hashlib.sha256(which.encode()).hexdigest()[:16]}"


def recorded(path: Path | None, state_path: Path | None, keys: list[str], dest: tuple[str, ...], wait: float):
    """Of `keys`, the alerts already sent or printed to `dest` (`destinations`); all the alerts printed that wait
    for its webhook (key -> message); and of `keys`, the levels remembered for them (`fresh_alerts`): remembered in
    the store at `path`, else in the state file."""
    from .. import store
    from ..alert_keys import levels, own
    from ..report.notify import read_state

    if path is None:
        sent, pending = read_state(state_path)
        late = own(pending, dest)
        mine = set(own(sent, dest).values())
        return mine, {key: pending[k] for k, key in late.items()}, levels(mine, keys)
    with store.open_store(path, wait=wait, read_only=True) as con:
        return store.sent_alerts(con, keys, dest), store.pending_alerts(con, dest), store.alert_levels(con, keys, dest)


def remember(
    path: Path | None,
    state_path: Path | None,
    alerts: dict[str, str],
    dest: tuple[str, ...],
    wait: float,
    *,
    pending: bool = False,
    levels: dict[str, int] | None = None,
) -> None:
    """Remember `alerts` (key -> message) as sent to `dest` (the first of its destinations), or as `pending`
    (printed, waiting for its webhook), and the `levels` of alerts' spikes (`level_key`); a store that stayed busy
    after they were sent says so."""
    from .. import store
    from ..alert_keys import level_key
    from ..output.terminal import counted
    from ..report.notify import read_state, write_state

    unsaid = f"{counted(len(alerts), 'alert')} sent and not remembered: the next run sends them again"
    # (an escalation of an alert's own bucket, printed without a webhook, remembers its level alone: else every run
    # printed it again)
    alerts = alerts | {level_key(key, level): "" for key, level in (levels or {}).items()}
    if not alerts:
        return
    if path is None:
        sent, waiting = read_state(state_path)
        scoped = {f"{dest[0]} {k}": m for k, m in alerts.items()}
        if pending:
            waiting |= {k: m for k, m in scoped.items() if k not in sent}
        else:  # (one of stop 31 pending for any webhook is this one's, and so is one of its URL's)
            done = set(alerts) | {f"{d} {k}" for d in dest for k in alerts}
            waiting = {k: m for k, m in waiting.items() if k not in done}
        write_state(state_path, sent | set(scoped), waiting)
        return
    try:
        with store.open_store(path, wait=wait) as con:
            store.mark_alerts_sent(con, alerts, dest, pending=pending)
    except StoreError as exc:
        if pending:  # (none printed or sent yet)
            raise
        raise StoreError(f"{exc} ({unsaid})") from None


def tidy(
    path: Path | None,
    state_path: Path | None,
    dest: tuple[str, ...],
    cutoff: pd.Timestamp,
    wait: float,
    warn,
    when: str,
) -> None:
    """Before a run reads what was sent: late alerts whose spikes began before `cutoff` are dropped, of every
    destination (a webhook no run uses any more kept them for ever), and a named webhook adopts what its URL
    had (`dest[1]`: its new URL then finds them; `store.adopt_alerts`). Nothing when there is nothing to do, or
    when the store (state file) cannot be written: a run that can does it, and until then they are read as before.
    `when` says in the warnings which spikes are too old."""
    import pandas as pd

    from .. import store
    from ..alert_keys import own
    from ..output.terminal import counted
    from ..report.notify import read_state, sending, write_state
    from ..report.spikes import key_start

    record = path if path is not None else state_path

    def todo() -> tuple[dict[str, str], bool]:
        if path is None:
            sent, pending = read_state(state_path)
            moving = len(dest) > 1 and adopted(sent, pending, *dest[1::-1]) != (sent, pending)
        else:
            with store.open_store(path, wait=wait, read_only=True) as con:
                pending = store.pending_alerts(con, None)
                moving = len(dest) > 1 and store.to_adopt(con, dest[1], dest[0]) > 0
        starts = key_start(pd.Series(list(pending), dtype=object)).to_numpy()
        return {k: m for k, m, ok in zip(pending, pending.values(), starts >= cutoff, strict=True) if not ok}, moving

    if path is None and not state_path.exists():
        return
    old, moving = todo()
    if not (old or moving) or store.cannot_write(record):
        return
    with sending(record, wait):
        old, moving = todo()  # (another run did it meanwhile)
        if path is None:
            sent, pending = read_state(state_path)
            pending = {k: m for k, m in pending.items() if k not in old}
            if moving:
                sent, pending = adopted(sent, pending, dest[1], dest[0])
            write_state(state_path, sent, pending)
        else:
            with store.open_store(path, wait=wait) as con:
                store.close_alerts(con, list(old))
                if moving:
                    store.adopt_alerts(con, dest[1], dest[0])
    mine = own(old, dest)
    if mine:
        warn(f"{counted(len(mine), 'late alert')} dropped, not sent: {when}")
    if len(old) > len(mine):
        others = counted(len(old) - len(mine), "late alert")
        warn(f"{others} of other webhooks dropped, not sent (no run with their webhook sent them): {when}")


def adopted(sent: set[str], pending: dict[str, str], old: str, new: str) -> tuple[set[str], dict[str, str]]:
    """`store.adopt_alerts` in a --state file's `sent` keys (with the `pending` ones, as `read_state` gives them)
    and `pending` ones: those sent to destination `old` are `new`'s too, those pending for it `new`'s instead."""
    o, n = f"{old} ", f"{new} "
    done = {k for k in sent if k not in pending}
    done |= {n + k.removeprefix(o) for k in done if k.startswith(o)}
    waiting = {(n + k.removeprefix(o) if k.startswith(o) else k): m for k, m in pending.items()}
    waiting = {k: m for k, m in waiting.items() if k not in done}
    return done | set(waiting), waiting


def post_hidden(alert: dict, key: bytes) -> dict:
    """A safety post's alert as `-f jsonl` writes it `--redact`ed: its `post` (and the `key` ending with it),
    `PLATFORM/ID@TIME`, with the id a keyed hash (`key`: the store's, `store.redaction_key`, the same in every run;
    else the run's, `run_key`): the id opens the post, and its author, as a row's `post_id` does (emptied), yet each
    post keeps a name of its own."""
    from ..output.redact import keyed_hash

    post = alert.get("post")
    if not post:
        return alert
    platform, _, rest = post.partition("/")
    ident, _, at = rest.rpartition("@")
    hidden = f"{platform}/{keyed_hash(ident, key)}@{at}"
    return {**alert, "key": alert["key"].removesuffix(post) + hidden, "post": hidden}


def _redaction_key(path: Path | None, wait: float, dry_run: bool, say) -> bytes:
    """The store's key for `--redact`'s names of safety posts (`store.redaction_key`), else this run's, said on stderr:
    the names are then not those of the store's other runs (a busy store or a dry run fell back without a word)."""
    from .. import store
    from ..output.redact import run_key

    if path is None:
        return run_key()
    try:
        return store.redaction_key(path, wait=wait, create=not dry_run)
    except StoreError as exc:
        say(
            f"warning: {exc}: --redact names the safety posts by this run's own key, unlike the store's other runs",
            markup=False,
            soft_wrap=True,
        )
        return run_key()


def redacted(examples: tuple[dict, ...], names: dict[str, str], config: Config | None) -> list[dict]:
    """An alert's example posts `redact`ed (`--redact`): no author, link or e-mail or phone number in a webhook."""
    import pandas as pd

    from ..output.redact import redact as redact_posts

    if not examples:
        return []
    return redact_posts(pd.DataFrame(list(examples)), names, config).astype(object).to_dict("records")
