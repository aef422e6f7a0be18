"""Posts made fit to share (`--redact`): a report or queue sent to managers need not carry who wrote each post, nor
the e-mail addresses, phone and patient numbers and birth dates people put in their posts (data minimisation)."""

from __future__ import annotations

import re

import pandas as pd

from ..config import Config
from ..enrich.brands import normalize_author, own_handles

#: what a post's text loses, each to its mark: e-mail addresses; dates such as 12/03/1961 (a birth date);
#: runs of 9 digits or more, alone or in groups split by a space, dot or dash (phone numbers, NHS numbers,
#: card and account numbers: 07700 900123, +44 161 496 0570, 485 777 3456)
PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<![\w/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\w/.-])"), "[date]"),
    (re.compile(r"(?<![\w+])(?:\+|\()?(?:\d[ .()-]{0,2}){8,}\d(?![\w:])"), "[number]"),
)
#: an @mention (`@jane_doe`, a Bluesky `@jane.bsky.social`): a reply's text starts with the handles it answers, so the
#: author pseudonymised was still named in the next row's text
MENTION = re.compile(r"(?<![\w@])@(\w(?:[\w.-]*\w)?)")
#: columns that lead to the author (the post's link and id open it, and its author)
BLANKED = ("url", "post_id", "parent_id")


def redact(posts: pd.DataFrame, names: dict[str, str] | None = None, config: Config | None = None) -> pd.DataFrame:
    """`posts` (any table of posts or authors) with each author named `author N` by order of first appearance,
    the text's personal details masked (@mentions `[handle]`, but for the `config` brands' own handles) and the
    links and ids that open a post emptied. `names` carries the numbering across the tables of one output, so one
    author is one name in all of them; it is not kept anywhere, so the names cannot be turned back into authors
    from the output, nor matched between two outputs."""
    names = {} if names is None else names
    out = posts.copy()
    if "author" in out:

        def pseudonym(author):
            if pd.isna(author) or author == "":
                return author
            return names.setdefault(normalize_author(str(author)), f"author {len(names) + 1}")

        out["author"] = out["author"].map(pseudonym)
    ours = brand_handles(config)
    for column in ("text", "example"):  # (a report's suggestions quote an example post)
        if column in out:
            out[column] = out[column].map(lambda text: mask_text(text, ours))
    for column in BLANKED:
        if column in out:
            out[column] = out[column].where(out[column].isna(), "")
    return out


def brand_handles(config: Config | None) -> set[str]:
    """The @mentions a text keeps: the brands' own handles and @terms, normalised (`@NorthgateNHS`)."""
    terms = {normalize_author(t) for b in (config.brands if config else []) for t in b.terms if t.startswith("@")}
    return own_handles(config) | terms


def mask_text(text, ours: set[str] | frozenset[str] = frozenset()):
    """`text` with its e-mail addresses, dates and long numbers masked (`PATTERNS`), and its @mentions but those of
    `ours` (normalised handles: the brands' own, which say whom a post is to)."""
    if not isinstance(text, str):
        return text
    for pattern, mark in PATTERNS:
        text = pattern.sub(mark, text)
    return MENTION.sub(lambda m: m.group(0) if normalize_author(m.group(1)) in ours else "[handle]", text)


def redact_tables(tables: dict[str, pd.DataFrame], config: Config | None = None) -> dict[str, pd.DataFrame]:
    """Each table `redact`ed, one author one name across them (a report's promoters and its posts)."""
    names: dict[str, str] = {}
    return {name: redact(table, names, config) for name, table in tables.items()}
