"""Which configured brands each post mentions."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Brand, Config
from ..schema import PLACE, STRING
from .language import DEFAULT_CANDIDATES, fill_languages, names_from_config
from .matching import Rule, TermMatcher, fold_series, join_labels, term_matcher
from .query import locating_terms, or_queries, parse_query, query_fields


def brand_matcher(brands: list[Brand]) -> TermMatcher:
    """One matcher for the same brands: topics reuse the occurrences it found (`tag_topics`). A name counts for
    the brand of its longest term: "Nova Pro Max" is that brand's, not also "Nova"'s and "Nova Pro"'s."""
    return term_matcher(tuple(Rule(b.name, tuple(b.mentions), tuple(b.exclude)) for b in brands), (True,) * len(brands))


def brand_terms(brands: list[Brand]) -> tuple[str, ...]:
    """Every brand's terms and handles, which the language detector does not read (`fill_languages`)."""
    return tuple(dict.fromkeys(t for b in brands for t in b.mentions))


def unread_names(config: Config) -> tuple[str, ...]:
    """What the language detector does not read: the brands' terms and the config's `[language] names` (places)."""
    return brand_terms(config.brands) + names_from_config(config.raw)


class BrandLocator:
    """Where each brand is named in a text, for sentiment per brand: its terms and handles (less its `exclude`), and
    the words of its query that can make it match (`locating_terms`: not its NOT terms nor its fields); a query whose
    words are all fields (`author:delta`) names its brand nowhere. `hits` and `spans` as `TermMatcher`'s, a column per
    brand."""

    def __init__(self, brands: list[Brand]):
        self.labels = [b.name for b in brands]
        rules, of, longest = [], [], []  # (a query's words beside terms: a rule of their own; `exclude` is terms')
        self.patterns: list[tuple[int, re.Pattern, str]] = []  # (brand, regex, the literal its matches hold)
        for j, b in enumerate(brands):
            if b.mentions:
                rules.append(Rule(b.name, tuple(b.mentions), tuple(b.exclude)))
                of.append(j)
                longest.append(True)  # (term lists as `brand_matcher` matches them; a query's words as it reads them)
            if b.query:
                terms, exclude, patterns = locating_terms(parse_query(b.query))
                if terms:
                    rules.append(Rule(b.name, tuple(terms), tuple(exclude)))
                    of.append(j)
                    longest.append(False)
                self.patterns += [(j, re.compile(rx), literal) for rx, literal in patterns]
        self.matcher = term_matcher(tuple(rules), tuple(longest))
        self.of = np.asarray(of, dtype=np.int64)
        self.plain = not self.patterns and np.array_equal(self.of, np.arange(len(brands)))

    def hits(self, texts: pd.Series) -> np.ndarray:
        if self.plain:  # a rule a brand (term lists): the matcher's own columns
            return self.matcher.hits(texts)
        rows, labels, _, _ = self.spans(fold_series(texts))  # (a query's wildcard patterns have no automaton)
        out = np.zeros((len(texts), len(self.labels)), dtype=bool)
        out[rows, labels] = True
        return out

    def spans(self, folded: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        rows, rules, starts, ends = self.matcher.spans(folded)
        parts = [(rows, self.of[rules], starts, ends)]
        if self.patterns:
            arr = pa.array(folded, type=pa.large_string(), from_pandas=True)
            values = None
            for j, rx, literal in self.patterns:  # the regex only on the texts holding its literal
                held = pc.fill_null(pc.match_substring(arr, literal), False).to_numpy(zero_copy_only=False)
                if held.any():
                    values = folded.tolist() if values is None else values
                    held = np.flatnonzero(held).tolist()
                    found = [(r, m.start(), m.end() - 1) for r in held for m in rx.finditer(values[r])]
                    if found:
                        r, s, e = np.array(found, dtype=np.int64).T
                        parts.append((r, np.full(len(r), j, dtype=np.int64), s, e))
        return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


def match_brands(df: pd.DataFrame, brands: list[Brand]) -> pd.DataFrame:
    """Add `brands`: the brands mentioned, `;`-separated in config order (empty: none)."""
    if isinstance(brands, Config):  # (`match_brands(df, config)` in a notebook: "'Config' object is not iterable")
        raise TypeError("match_brands() takes the config's brands: match_brands(df, config.brands)")
    matcher = brand_matcher(brands)
    hits = matcher.hits(df["text"])
    or_queries(hits, df, [(j, b.query) for j, b in enumerate(brands) if b.query])
    out = df.copy()
    out["brands"] = join_labels(hits, matcher.labels).set_axis(df.index)
    return out


def assign_brand(df: pd.DataFrame, about: str | None, brands: list[Brand] | tuple = ()) -> pd.DataFrame:
    """`df` (with `brands`) whose posts naming no brand are `about`'s, for files about one brand (an app's reviews:
    "the app crashes every time I open it"), and an `about` column saying which were given it, not found in the text
    (`about`'s name on them, empty on the others). Without `about`, each post's own place (`PLACE`) gives it
    (`_place_brands`, of `brands`), and without one `df` is as it is."""
    if about is None:
        return df if PLACE not in df.columns else _place_brands(df, list(brands))
    out = df.drop(columns=PLACE, errors="ignore")  # (`--about BRAND` with `--map about=name`: BRAND's)
    none = out["brands"].fillna("").eq("").to_numpy(dtype=bool)
    out["brands"] = out["brands"].mask(none, about)
    out["about"] = pd.Series(np.where(none, about, ""), index=df.index, dtype=out["brands"].dtype)
    return out


def _place_brands(df: pd.DataFrame, brands: list[Brand]) -> pd.DataFrame:
    """`assign_brand` of posts each of its own place (`--map about=name`: a chain's reviews, "FreshWay Express
    Camden" on each row): a post naming no brand is its place's, the brand of that name or whose terms the place holds
    (several: all). A place naming no brand gives none, and a warning names it (its posts are kept, brandless); a
    missing place, the post as it is."""
    names = {b.name.casefold(): b.name for b in brands}
    places = df[PLACE].astype(STRING)
    codes, uniques = pd.factorize(places)  # (each place looked at once; a missing one: code -1)
    known = {place: names.get(place.strip().casefold(), "") for place in uniques.tolist()}
    rest = [p for p, b in known.items() if not b]
    if rest and brands:
        matcher = brand_matcher(brands)
        found = join_labels(matcher.hits(pd.Series(rest, dtype=STRING)), matcher.labels).fillna("")
        known.update(zip(rest, found.tolist(), strict=True))
    unknown = sorted(p for p, b in known.items() if not b and p)
    if unknown:
        shown = ", ".join(repr(p) for p in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        say = "names no configured brand: its posts" if len(unknown) == 1 else "name no configured brand: their posts"
        warnings.warn(f"about: {shown} {say} naming none have no brand", stacklevel=3)
    given = np.array([known[p] for p in uniques.tolist()] + [""], dtype=object)[codes]
    out = df.drop(columns=PLACE)
    none = out["brands"].fillna("").eq("").to_numpy(dtype=bool) & (given != "")
    out["brands"] = out["brands"].mask(none, given)
    about = np.where(none, given, "")
    out["about"] = pd.Series(about, index=df.index, dtype=STRING).mask(places.isna().to_numpy())
    return out


def mentioning(
    df: pd.DataFrame, brands: list[Brand], candidates: tuple[str, ...] | None = DEFAULT_CANDIDATES
) -> pd.Series:
    """Which posts name a brand, as `analyze` finds them (`languages_read`)."""
    return match_brands(languages_read(df, brands, candidates), brands)["brands"].fillna("") != ""


def languages_read(
    df: pd.DataFrame, brands: list[Brand], candidates: tuple[str, ...] | None = DEFAULT_CANDIDATES
) -> pd.DataFrame:
    """`df` with the languages detected where a brand query reads `lang:`, as `analyze` detects them before
    matching brands: posts that give none (Hacker News, a column of texts) matched no `lang:en`."""
    if any(b.query and "lang" in query_fields(parse_query(b.query)) for b in brands):
        return fill_languages(df, candidates, brand_terms(brands))
    return df


def own_handles(config: Config | None) -> set[str]:
    """The brands' own accounts and the config's `others` (a council, a regulator: no customers either), normalised
    (no @, lower case) so `@SkywayAir` matches author `SkywayAir`."""
    if config is None:
        return set()
    return {normalize_author(h) for h in [*(h for b in config.brands for h in b.handles), *config.others]}


def normalize_author(name: object) -> str:
    return str(name).strip().lstrip("@").casefold() if isinstance(name, str) else ""


#: a retweet's opening, "RT @SkywayAir: ..." (the handle retweeted is the group)
_RETWEET = r"^\s*(?i:rt)\s+@([^\s:]+)"
_RETWEET_RX = re.compile(_RETWEET)


def by_own_handle(df: pd.DataFrame, config: Config | None) -> pd.Series:
    """Posts written by one of the brands' own handles, or retweets of them ("RT @SkywayAir: we're sorry for the
    delays"): the brand talking, not its customers. They stay in the rows, but not in the tables, alerts or queue,
    which describe what customers say."""
    handles = own_handles(config)
    if not handles:
        return pd.Series(False, index=df.index)
    own = np.zeros(len(df), dtype=bool)
    if "author" in df.columns:
        codes, authors = pd.factorize(df["author"])  # a chunk has far fewer authors than posts
        own = np.array([normalize_author(a) in handles for a in authors] + [False])[codes]  # code -1 (no author)
    if "text" in df.columns and len(df):
        text = df["text"].astype("string")
        for i in _retweet_rows(text).tolist():  # (only those are read in Python for the handle they retweet)
            m = _RETWEET_RX.match(text.iat[i])
            own[i] |= bool(m) and normalize_author(m.group(1)) in handles
    return pd.Series(own, index=df.index)


def _retweet_rows(text: pd.Series) -> np.ndarray:
    """The positions of the retweets ("RT @user: ...") in `text`, found by RE2."""
    try:
        found = pc.match_substring_regex(pa.array(text, pa.large_string(), from_pandas=True), _RETWEET)
        return np.flatnonzero(pc.fill_null(found, False).to_numpy(zero_copy_only=False))
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        return np.flatnonzero(text.str.match(_RETWEET).fillna(False).to_numpy(dtype=bool))


def is_retweet(df: pd.DataFrame) -> np.ndarray:
    """Which posts are retweets ("RT @electrek: Voltra recalls ..."): another's post shared, whose answer goes to the
    post itself (on X a reply to a retweet is a reply to the original)."""
    out = np.zeros(len(df), dtype=bool)
    if "text" in df.columns and len(df):
        out[_retweet_rows(df["text"].astype("string"))] = True
    return out


def customer_posts(df: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    """`df` without the brands' own posts (`by_own_handle`)."""
    own = by_own_handle(df, config)
    return df[~own] if own.any() else df
