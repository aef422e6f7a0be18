"""`brandpulse forget`: delete an author's posts (a request to be forgotten) or old posts from the history store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from . import options as opt
from .history import opened_store, store_options

if TYPE_CHECKING:
    from .. import store


@click.command()
@click.option(
    "--author",
    "authors",
    multiple=True,
    metavar="HANDLE",
    help="Delete every post by this author (repeatable; without case or a leading @; or a Bluesky account's DID,"
    " did:plc:...), and leave their posts out of every later ingest.",
)
@click.option(
    "--older-than",
    type=click.IntRange(min=1, max=36500),
    metavar="DAYS",
    help="Delete the posts created more than DAYS days ago (a retention period, at most a century).",
)
@click.option("--before", metavar="DATE", help="Delete the posts created before DATE (UTC unless it names a zone).")
@click.option("--dry-run", is_flag=True, help="Count the posts it would delete; change nothing.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask first (it asks only when stdin and stderr are a terminal).")
@opt.config_option
@opt.apply(store_options)
@opt.quiet_option
def forget(authors, older_than, before, dry_run, yes, config_path, store_option, wait, quiet):
    """Delete posts from the history store: by an author who asked to be forgotten, or older than you keep.

    The store file is then written anew, so the deleted texts are not left in it. Posts without a time count
    from when they were stored. Handles are not printed: the line says how many posts went. On a terminal it
    asks first (`--yes` does not); from cron, a pipe or a script (stdin not a terminal) it never asks.
    """
    import pandas as pd

    from .. import store
    from ..config import load_config
    from ..report.periods import parse_time

    if not authors and older_than is None and before is None:
        raise UsageError("say what to forget: --author HANDLE, --older-than DAYS or --before DATE")
    if older_than is not None and before is not None:
        raise UsageError("--older-than and --before both set the cutoff: give one")
    forms = store.author_forms(authors)
    if "" in forms:
        raise UsageError("--author is empty (a variable not set?)")
    err = opt.err_console()
    path = opened_store(store_option, load_config(config_path))
    cutoff = parse_time(before, "--before") if before is not None else None
    if older_than is not None:
        cutoff = pd.Timestamp.now(tz="UTC") - pd.Timedelta(days=older_than)

    def said(done: store.Forgotten) -> str:
        parts = []
        if authors:
            parts.append(f"{opt.counted(done.by_author, 'post')} by {opt.counted(len(forms), 'author')}")
        if cutoff is not None:
            # (alone, "forgot 37 created before ..." named no posts)
            older = f"and {done.older:,}" if authors else opt.counted(done.older, "post")
            parts.append(f"{older} created before {cutoff:%Y-%m-%d %H:%M} UTC")
        return " ".join(parts)

    if not (dry_run or yes) and sys.stdin.isatty() and sys.stderr.isatty():  # (a person at a terminal: ask first)
        counts = store.forget(path, authors=authors, before=cutoff, wait=wait, dry_run=True)
        if (counts.by_author or counts.older or authors) and not click.confirm(
            f"{opt.shown_path(str(path))}: forget {said(counts)}?", default=False, err=True
        ):
            err.print("nothing forgotten", soft_wrap=True, highlight=False, markup=False)
            return
    done = store.forget(path, authors=authors, before=cutoff, wait=wait, dry_run=dry_run)
    what = "would forget" if dry_run else "forgot"
    line = f"{opt.shown_path(str(path))}: {what} {said(done)}"
    if not dry_run and (done.by_author or done.older):
        line += " (the file written anew without them)"
    elif not dry_run:  # (written anew all the same: the way to finish an earlier run whose rewrite failed)
        line += " (nothing to delete; the file written anew all the same, so no text deleted before is left in it)"
    if not quiet or dry_run:
        err.print(line, soft_wrap=True, highlight=False, markup=False)
    if done.unknown:  # (also with -q: an erasure request that deleted nothing is to be looked at; no handle named)
        err.print(
            f"warning: {'the author' if len(forms) == 1 else f'{done.unknown:,} of the {len(forms):,} authors'}"
            " named had no post in the store:"
            " forgotten already, or written otherwise than the exports write them (a handle, `@jane_doe`, or a"
            " display name, `Jane Doe`); they are still left out of later ingests",
            soft_wrap=True,
            highlight=False,
            markup=False,
        )
    if done.mentions:  # (also with -q: someone may want to read them)
        err.print(
            f"note: {opt.counted(done.mentions, 'post')} by others name {'them' if len(forms) > 1 else 'the author'}"
            " in their text (replies, say), kept",
            soft_wrap=True,
            highlight=False,
            markup=False,
        )
    spares = sorted(path.parent.glob(f"{path.stem}-unstored-*.jsonl"))
    if spares and authors:  # (fetch's posts it could not store: ingest leaves the author's out, the files hold them)
        err.print(
            f"note: {opt.counted(len(spares), 'file')} of fetched posts not yet stored beside the store"
            f" ({opt.shown_path(str(spares[0]))}...) may hold their posts: ingest leaves those out; delete the files"
            " once ingested",
            soft_wrap=True,
            highlight=False,
            markup=False,
        )
