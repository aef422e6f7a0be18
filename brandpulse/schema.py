"""The canonical post schema: every source maps into it, nothing downstream knows the platform.

Defined once here; README's "Post schema" section documents the same table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .errors import InputError, UsageError

#: Text columns use Arrow-backed strings: a fraction of the memory of Python objects.
STRING = pd.StringDtype("pyarrow")
COUNT = "Int64"  # nullable: a missing count is unknown, not zero
TIMESTAMP = "datetime64[ns, UTC]"
#: star ratings: halves too (`4.5`, which review exports give); nullable, a missing rating is none, not 0
RATING = "Float64"

#: field -> (dtype, description)
POST_FIELDS: dict[str, tuple[object, str]] = {
    "post_id": (STRING, "the platform's id, always a string (18-19 digit ids stay exact)"),
    "platform": (
        STRING,
        "twitter, mastodon, bluesky, reddit, ... (an export's `x` is read as twitter; a review tool's `source` of site "
        "names, `trustpilot`, by the readers' own names, `Google Play` as `google_play`: `PLATFORM_ALIASES`; a file "
        "without the column, or an empty cell of it: by the host of the post's url, `PLATFORM_HOSTS`; else empty)",
    ),
    "created_at": (TIMESTAMP, "when the post was published, timezone-aware UTC"),
    "author": (STRING, "handle or display name of the author"),
    "author_followers": (COUNT, "followers of the author at collection time"),
    "text": (STRING, "the post's text, plain (no HTML)"),
    "url": (STRING, "link to the post"),
    "lang": (STRING, "language code (ISO 639-1) when known"),
    "likes": (COUNT, "likes / favourites / upvotes"),
    "reposts": (
        COUNT,
        "retweets / reblogs / reposts / shares, quotes included (a quote is a repost with words added; Reddit's "
        "crossposts too): one count of every share, on every platform",
    ),
    "replies": (COUNT, "number of replies"),
    "parent_id": (STRING, "id of the post this one replies to"),
    "rating": (
        RATING,
        "a review's star rating, whole or half stars (App Store, Google Play, review sites: 1 to 5; 0 to 5 in a "
        "column that holds 0s and nothing above 5); empty for other posts",
    ),
}
#: the star ratings `rating` holds, whole or half: a file's 6 or 1000 (a percentage, a score out of 10) and 4.3 are
#: rejected, not kept; a 0 too, but in a column that holds 0s and nothing above 5 (a 0 to 5 scale, `values._ratings`)
RATING_RANGE = (1, 5)

#: Other names exports give a platform (lowercased): X's posts are `twitter`, as its fetcher and
#: archive reader name them, so one post exported as `x` and as `twitter` is one post; and a review tool's `source`
#: names sites in words (`Google Play`, `App Store`, `Hacker News`): they are the readers' and fetchers' own names,
#: so a week's reviews from the tool's export and from the store's reader are one site (were `google play` beside
#: `google_play`: two sites, each review stored twice). Aliases added here re-key stored posts (`store._aliased`).
PLATFORM_ALIASES = {
    "x": "twitter",
    "x.com": "twitter",
    "twitter.com": "twitter",
    **dict.fromkeys(
        ("google play", "google play store", "play store", "googleplay", "google-play", "play.google.com"),
        "google_play",
    ),
    **dict.fromkeys(
        ("app store", "apple app store", "ios app store", "appstore", "app-store", "apps.apple.com"), "app_store"
    ),
    **dict.fromkeys(("hacker news", "hacker-news", "hacker_news", "news.ycombinator.com"), "hackernews"),
    **dict.fromkeys(("trip advisor", "trip-advisor", "trip_advisor", "tripadvisor.com"), "tripadvisor"),
}
#: the platform of a post whose file names none, by its link's host, the domain or any subdomain (`m.facebook.com`,
#: `vm.tiktok.com`, `np.reddit.com`), as `site:` reads a host: an X analytics export or a tweet scraper's CSV (`Tweet
#: id`, `Tweet permalink`) had no platform, so `platform:twitter` and the report's platforms left its posts out
PLATFORM_HOSTS = {
    "x.com": "twitter",
    "twitter.com": "twitter",
    "bsky.app": "bluesky",
    "reddit.com": "reddit",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "tiktok.com": "tiktok",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "news.ycombinator.com": "hackernews",
    # (the app stores' pages, `play.google.com/store/apps/details?id=...`, `apps.apple.com/gb/app/...` and Apple's
    # older `itunes.apple.com`, as review tools and scrapers link a review: before stop 47 of no platform)
    "play.google.com": "google_play",
    "apps.apple.com": "app_store",
    "itunes.apple.com": "app_store",
    # (the platforms' own short links: a post's link as a scraper or a tool gives it; before stop 44 of no platform)
    "t.co": "twitter",
    "redd.it": "reddit",
    "fb.me": "facebook",
    "fb.watch": "facebook",
    "instagr.am": "instagram",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
}
#: a link's host (RE2, Arrow's and DuckDB's: one group), also of a link written without its scheme
#: (`instagram.com/p/...`, `//x.com/...`, as spreadsheets and tools shorten them: they gave no platform); a text that
#: is no link (`nova.example is great`, `@nova`, `x.com: great`: a colon is a port's only before its digits) has none
LINK_HOST = (
    r"^(?:(?:(?i:https?):)?//(?:[^/?#@\s]*@)?)?(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\.?(?::\d+)?(?:[/?#]|$)"
)

#: Languages exports name instead of giving their code (lowercased), in English and in the detector's default
#: candidates' own words: a Spanish export's `Inglés` kept its English posts from an English-only analyzer (scored
#: as not English), and `Spanish`, `español` and `es` were three languages
LANGUAGE_NAMES = {
    name: code
    for code, names in {
        "en": "english inglés ingles englisch anglais inglês inglese engels",
        "es": "spanish español espanol castellano spanisch espagnol espanhol spagnolo spaans",
        "fr": "french français francais französisch franzosisch francés frances francês francese frans",
        "de": "german deutsch alemán aleman allemand alemão alemao tedesco duits",
        "pt": "portuguese português portugues portugiesisch portugais portugués portoghese portugees",
        "it": "italian italiano italienisch italien italiaans",
        "nl": "dutch nederlands niederländisch niederlandisch néerlandais neerlandais neerlandés holandés holandês "
        "olandese",
        "ja": "japanese 日本語 japonés japones japanisch japonais japonês giapponese japans",
    }.items()
    for name in names.split()
}

#: ISO 639-2 and 639-3 codes (bibliographic and terminology) of the languages the detector knows (and Norwegian's), by
#: their ISO 639-1 code: a file whose `lang` said `eng` trained a model of "eng" that skipped every `en` post, while
#: `es`, matched as a prefix, took Estonian's `est` (Estonian has its own `et`); `urd` and `cym` were no code at all
_ISO_639_2 = (
    "en=eng es=spa pt=por fr=fra,fre de=deu,ger it=ita nl=nld,dut ja=jpn zh=zho,chi ko=kor ar=ara ru=rus tr=tur "
    "pl=pol sv=swe da=dan no=nor nb=nob nn=nno fi=fin et=est el=ell,gre cs=ces,cze sk=slk,slo hu=hun ro=ron,rum "
    "bg=bul hr=hrv sr=srp uk=ukr he=heb hi=hin id=ind ms=msa,may th=tha vi=vie tl=tgl ca=cat fa=fas,per "
    "cy=cym,wel sl=slv sw=swa bs=bos az=aze lg=lug ka=kat,geo la=lat xh=xho eu=eus,baq ta=tam eo=epo tn=tsn be=bel "
    "ga=gle yo=yor mk=mkd,mac pa=pan af=afr kk=kaz ur=urd hy=hye,arm ts=tso mr=mar mi=mri,mao zu=zul sq=sqi,alb "
    "gu=guj te=tel st=sot lv=lav sn=sna mn=mon is=isl,ice lt=lit bn=ben so=som"
)
ISO_639_1 = {three: pair[:2] for pair in _ISO_639_2.split() for three in pair[3:].split(",")}
#: every ISO 639-1 code (and the old `iw`, `in`, `ji` X's exports still write): a `--lang` of two letters is one of
#: them (`xx` is none); one of three letters is an ISO 639-2/3 code (`cym`, `fil`, `yue`), as the lang column holds
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en"
    " eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv"
    " ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne"
    " ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st"
    " su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu iw in ji"
)
LANGUAGE_CODES_2 = frozenset(_ISO_639_1_CODES.split())
_LANGUAGE_TAG = re.compile(r"([a-z]{2,3})((?:[-_][a-z0-9]+)*)")


def language_code(value: str) -> str:
    """A lowercase `lang` value as brandpulse keeps it: the language's ISO 639-1 code where it has one (`eng`,
    `spa`: `en`, `es`), a region after `-` (`pt_br`: `pt-br`); a value that is no code as it is."""
    tag = _LANGUAGE_TAG.fullmatch(value)
    if tag is None:
        return value
    return ISO_639_1.get(tag[1], tag[1]) + tag[2].replace("_", "-")


POST_COLUMNS: list[str] = list(POST_FIELDS)
COUNT_COLUMNS: list[str] = [c for c, (t, _) in POST_FIELDS.items() if t == COUNT]

#: decimals of the scores every output writes (`sentiment`, `subjectivity`, a queue's `brand_sentiment`, averages):
#: an analyzer's float written whole was binary noise in a spreadsheet (-0.7967000000000001, 0.06044999999999999)
SENTIMENT_DECIMALS = 4
#: the score columns the writers round to SENTIMENT_DECIMALS (`output.writers.rounded_scores`)
SCORE_COLUMNS = ("sentiment", "subjectivity", "brand_sentiment")

#: Columns added by `analyze`, in output order.
ENRICHED_FIELDS: dict[str, tuple[object, str]] = {
    "brands": (STRING, "brands mentioned, semicolon-separated (empty: no configured brand)"),
    "sentiment": ("float64", "polarity, -1 (negative) .. 1 (positive)"),
    "subjectivity": ("float64", "0 (objective) .. 1 (subjective), when the analyzer gives it"),
    "sentiment_label": (STRING, "positive, neutral or negative (thresholds in the config)"),
    "topics": (STRING, "topics, semicolon-separated"),
    "intent": (STRING, "complaint, question, praise, suggestion or purchase-intent (empty: none)"),
    "brand_sentiments": (
        STRING,
        "posts naming several brands (or one picked over a product left unnamed): each brand's own score, "
        "Brand=score pairs semicolon-separated (empty: the post's score is its brand's)",
    ),
    # (last: the columns before keep their places in files read by position)
    "intents": (
        STRING,
        "every intent the post's words match, semicolon-separated, `intent` first (a complaint that asks for a "
        "feature: complaint;suggestion)",
    ),
}
ENRICHED_COLUMNS: list[str] = POST_COLUMNS + list(ENRICHED_FIELDS)
#: The column `--about BRAND` adds (`analyze`, `ingest`, `fetch`, and the store keeps it, so `rescore` gives the brand
#: again), after the others: one meaning everywhere. `fetch --about` wrote BRAND on every row, `analyze --about` on
#: the posts naming no brand alone, and the store kept none (rescore took the brand back from a product video's
#: comments fetched with `--about --store`).
ABOUT_FIELDS: dict[str, tuple[object, str]] = {
    "about": (
        STRING,
        "the brand `--about BRAND` gave the post as its text names no configured brand (empty: it names one, its "
        "brands are its text's; missing: read without --about)",
    ),
}
#: a review's answer from the brand itself (an app's developer, a place's owner, a company on a review site), as the
#: exports give it beside the review (Play Console's `Developer Reply Text`, `replyContent`, `reviewReply`): kept by
#: the readers, after the others, where a file has it (missing: the file gives none), so the queue leaves out the
#: reviews already answered (17 of a bank app's 105 were queued: the queue knew only a brand handle's reply posts),
#: from FILES and the store (schema version 12) alike
REPLY_FIELDS: dict[str, tuple[object, str]] = {
    "reply": (STRING, "the brand's own reply to the review, as the export gives it (empty: none)"),
    "replied_at": (TIMESTAMP, "when the brand replied, UTC (empty: no reply, or the export gives no time)"),
}
#: the app's version a review was written of (Play Console's `App Version Name`, an App Store CSV's `Version`,
#: google-play-scraper's `appVersion`), kept by the readers after the others where a file of reviews has it (missing:
#: the file gives none), so `report` gives the stars and sentiment of each release: which one broke log-in could be
#: read only through `--keep`. Stored since schema version 13, so `report --store` has the table too.
VERSION_FIELDS: dict[str, tuple[object, str]] = {
    "app_version": (STRING, "the app's version the review was written of, as the export gives it (empty: none)"),
}
#: each post's reviewed place as read (`--map about=name`: a chain's store, "FreshWay Express Camden"), which gives
#: it a brand and an `about` (`brands.assign_brand`) and is then dropped: not `about`, whose values are brands
PLACE = "about_place"
#: the columns `analyze` writes of its own (`--explain`, `--per-brand` and `--about` add theirs): a file's column of one
#: of these names cannot be kept beside them (`kept_columns`)
ANALYZE_COLUMNS = frozenset(
    {*ENRICHED_COLUMNS, *ABOUT_FIELDS, PLACE, "explain", "brand_explain"}
    | {"brand", "brand_sentiment", "brand_sentiment_label"}  # (`--per-brand`'s)
    | set(REPLY_FIELDS)  # (a review export's reply: it came after the kept columns, `kept_last`)
    | set(VERSION_FIELDS)  # (and its app version)
)


class Copied(str):
    """A kept column (`analyze --keep`) still read as the field its name is an alias of: `--keep stars` writes the
    file's `stars` as text and reads it as the rating too (a plain name in `read`'s `keep`, a label column such as
    evaluate's `score`, is read as no field; analyze's `--keep favorite_count,stars` left likes and rating empty)."""

    __slots__ = ()


def reserved(keep: tuple[str, ...]) -> tuple[str, ...]:
    """The kept columns read as no field: `keep`'s, but analyze's copies (`Copied`)."""
    return tuple(c for c in keep if not isinstance(c, Copied))


def kept_columns(names: tuple[str, ...]) -> tuple[str, ...]:
    """`analyze --keep`'s columns, each once and `Copied`, after a UsageError for one named as a column analyze
    writes: a file's `sentiment` was written over by the score, its `author` taken out of the author field."""
    # (a review's `reply` and `app_version` are the file's own, read so: `--keep reply` of a tweet file keeps its own)
    for name in names:
        if name in ANALYZE_COLUMNS and name not in {*REPLY_FIELDS, *VERSION_FIELDS}:
            raise UsageError(
                f"--keep {name}: analyze writes a {name!r} column of its own; rename the file's column to keep it"
            )
    return tuple(Copied(n) for n in dict.fromkeys(names))


def kept_last(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the files' columns (`--keep`) after all of analyze's own: `--explain` and `--per-brand` added theirs
    after them, so that the rows' columns depended on the options."""
    own = [c for c in rows.columns if c in ANALYZE_COLUMNS]
    if list(rows.columns[: len(own)]) == own:
        return rows
    return rows[own + [c for c in rows.columns if c not in ANALYZE_COLUMNS]]


def kept_as_text(posts: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """`posts` with its kept columns (`--keep`) as text, as a CSV's are: a Parquet file's numbers or dates were written
    as such, one file's `412` and another's `"412"` not one value in the rows they are joined by. A truth value is
    `true` or `false`, as JSON writes it (a JSON `true`, Steam's `voted_up`, was Python's `True`)."""
    cast = {c: STRING for c in keep if c in posts.columns and posts[c].dtype != STRING}
    truths = [c for c in cast if pd.api.types.infer_dtype(posts[c], skipna=True) in ("boolean", "mixed")]
    if truths:
        posts = posts.assign(**{c: posts[c].map(_truth_word, na_action="ignore") for c in truths})
    return posts.astype(cast) if cast else posts


def _truth_word(value: object) -> object:
    return ("true" if value else "false") if isinstance(value, bool | np.bool_) else value


def cell_text(value: object) -> object:
    """A cell as text, a whole number a float holds as its digits: a version `510` in a column with an empty cell
    (float64 to pandas and Parquet) is `510`, not `510.0` (`5.10` read as a number is 5.1 already: read as text)."""
    if isinstance(value, float | np.floating) and value == value and float(value).is_integer():
        return str(int(value))
    return str(value)


#: `analyze`'s columns that are empty, not missing, for a post with none (no brand, topic or intent), which a CSV's
#: empty cell, missing to pandas, cannot tell apart: the store takes them as the same value (missing: not analyzed,
#: as the posts of a version-1 store have no intent, which the queue reads)
EMPTY_FOR_NONE = ("brands", "topics", "intent", "intents")

LIST_SEPARATOR = ";"


def every_intent(df: pd.DataFrame) -> pd.Series:
    """Each post's intents as a list, `intent` first: its `intents`, or where it has none (a frame or file of
    analyze before `intents`, a store before v14) its `intent` alone; an empty list for none."""
    one = df["intent"] if "intent" in df else pd.Series(pd.NA, index=df.index, dtype=STRING)
    every = df.get("intents", one)
    every = every.astype(STRING).where(every.fillna("").astype(str) != "", one.astype(STRING))
    return every.fillna("").astype(str).str.lower().str.split(LIST_SEPARATOR).map(lambda x: [i for i in x if i])


def has_intent(df: pd.DataFrame, names) -> np.ndarray:
    """Which posts have one of `names` (in any case) among their intents (`every_intent`): `queue --intent`."""
    wanted = {str(n).lower() for n in names}
    return every_intent(df).map(lambda tags: not wanted.isdisjoint(tags)).to_numpy(dtype=bool)


#: `lang` codes that name no language: undetermined (ISO 639-2 `und`, X and many listening tools), no
#: text (`zxx`), and X's own for a post of only mentions, cashtags, hashtags, media links or very short text,
#: and `art` (ISO 639-2's "artificial languages"), which X gives posts of emoji or symbols
NO_LANGUAGE = frozenset({"", "und", "zxx", "art", "qam", "qct", "qht", "qme", "qst"})


def strings_at(names: list[str], codes: np.ndarray, index: pd.Index | None = None) -> pd.Series:
    """`names[codes]` as a STRING column, missing where a code is negative: labels (sentiment, brands,
    topics, intent) from their codes, taken in Arrow (7x faster than from a numpy array of strings)."""
    codes = np.asarray(codes, dtype=np.int64)
    taken = pa.array(names, pa.large_string()).take(pa.array(codes, mask=codes < 0))
    return pd.Series(pd.arrays.ArrowStringArray(taken), index=index, dtype=STRING)


def rows_where(df: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """`df[keep].reset_index(drop=True)`, each column filtered as an array: pandas' row take joins an
    Arrow column's chunks into one copy first (a 100,000-post chunk: 8 ms instead of 29)."""
    rows = pd.RangeIndex(int(np.count_nonzero(keep)))
    columns = (pd.Series(c.array[keep], index=rows, dtype=c.dtype, copy=False) for _, c in df.items())
    out = pd.DataFrame(dict(enumerate(columns)), index=rows)
    out.columns = df.columns
    return out


def value_offsets(arr: pa.Array) -> np.ndarray:
    """Where each value of a (large) string array starts in its data buffer, and where the last one
    ends: len(arr) + 1 positions, read from the offsets buffer, without a copy."""
    if not len(arr):
        return np.zeros(1, dtype=np.int64)
    width = np.int64 if pa.types.is_large_string(arr.type) else np.int32
    return np.frombuffer(arr.buffers()[1], width)[arr.offset : arr.offset + len(arr) + 1]


def value_bytes(arr: pa.Array) -> bytes:
    """A string array's values back to back, as one bytes object (a copy of its data buffer's part)."""
    at = value_offsets(arr)
    data = arr.buffers()[2] if len(arr) else None
    return b"" if data is None or at[-1] == at[0] else data[int(at[0]) : int(at[-1])].to_pybytes()


def byte_counts(column: pd.Series | pa.Array | pa.ChunkedArray, wanted: bytes) -> np.ndarray:
    """How many of the `wanted` bytes each string value holds (ASCII bytes: such a byte is always that
    character), read from the Arrow buffers: the bytes are searched (numpy for one byte; for several,
    memchr first, as they are rarely there) and each one found is given to the value holding it (a
    text column of 100,000 posts: about 1 ms, where Arrow's count_substring took 11)."""
    if isinstance(column, pd.Series):
        array = column.array
        column = array.__arrow_array__() if hasattr(array, "__arrow_array__") else pa.array(column, from_pandas=True)
    counts = np.zeros(len(column), dtype=np.int64)
    first = 0
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        if len(chunk) and chunk.buffers()[2] is not None:
            offsets = value_offsets(chunk)
            data = np.frombuffer(chunk.buffers()[2], np.uint8)[offsets[0] : offsets[-1]]
            if len(wanted) == 1:  # one byte: numpy's comparison, no copy
                at = np.flatnonzero(data == wanted[0])
            else:  # several: memchr on a copy first (rare bytes: most often none is there)
                body = data.tobytes()
                found = any(body.find(b) >= 0 for b in wanted)
                at = np.flatnonzero(np.isin(data, np.frombuffer(wanted, np.uint8))) if found else []
            if len(at):
                value = np.searchsorted(offsets, at + offsets[0], side="right") - 1
                counts[first : first + len(chunk)] += np.bincount(value, minlength=len(chunk))
        first += len(chunk)
    return counts


def check_frame(df: object, who: str, *, text: bool = True, takes: str = "a DataFrame of posts") -> None:
    """A frame a library call (`who`) takes: a DataFrame (a list or Series is a TypeError), with one level of
    column names (a groupby's or pivot's two levels were an AttributeError deep in pandas), none twice (the
    concatenation of two frames: a bare ValueError), and with `text` a `text` column (else every post is empty)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{who}() takes {takes}, not {type(df).__name__}")
    if isinstance(df.columns, pd.MultiIndex):
        raise InputError(
            f"{who}(): the columns have {df.columns.nlevels} levels ({', '.join(map(repr, df.columns[:3]))}"
            f"{', ...' if len(df.columns) > 3 else ''}), as after a groupby or pivot; give one level of names, "
            "such as df.columns = df.columns.get_level_values(0)"
        )
    if text and "text" not in df.columns:  # (every post empty: no brand, no sentiment, without a word)
        shown = ", ".join(map(str, df.columns[:30])) or "none"
        raise InputError(f"{who}(): no 'text' column (columns: {shown}); rename the post text column to 'text'")
    twice = df.columns[df.columns.duplicated()]
    if len(twice):  # (pd.concat of two frames: a bare ValueError or AttributeError deep in pandas)
        raise InputError(f"{who}(): column {twice[0]!r} appears twice; rename or drop one")


def non_ascii_matches(column: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Where RE2's `pattern` matches the string values of `column` (never at a null), for a pattern
    that only a character outside ASCII can match: only the values holding one are scanned, which most
    posts do not (a slice of 50,000 posts: 1 ms to find them, where one scan of every value took 8)."""
    found = np.zeros(len(column), dtype=bool)
    wide = np.flatnonzero(~pc.fill_null(pc.string_is_ascii(column), True).to_numpy(zero_copy_only=False))
    if len(wide):
        hit = pc.fill_null(pc.match_substring_regex(column.take(pa.array(wide)), pattern), False)
        found[wide] = hit.to_numpy(zero_copy_only=False)
    return found


def empty_posts() -> pd.DataFrame:
    """A zero-row frame with the schema's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, (t, _) in POST_FIELDS.items()})


#: how a frame built by hand gives the order of its day-month dates (a file's: `--date-order`)
ORDER_OF_A_FRAME = "say read(df, date_order='dmy') or 'mdy', or give the column as times (pd.to_datetime)"


def conform(
    df: pd.DataFrame,
    extra: list[str] | tuple[str, ...] = (),
    *,
    columns: dict[str, object] | None = None,
    date_order: str | None = None,
) -> pd.DataFrame:
    """Return `df` with exactly the schema columns (missing ones empty) in schema order.

    Every column is read as a file's cells are (`sources.values.read_field`), whatever its dtype, so a frame built
    by hand, or read with pandas, gives the values the loaders give the same cells: counts such as `1,234`, times
    in any zone or as text (and before 1990 unreadable, as a file's), platform names such as `X` as `twitter`,
    languages lower-cased, ids and names trimmed, blank ones and no-value markers such as `nan` missing. A frame
    already in the schema's dtypes is read so too (it skipped the reading: its `X`, `EN` and 1970 times stayed).
    A cell that cannot be read is an InputError naming the column, the row and the value. Text columns have
    brandpulse's spreadsheet guards undone, as the CSV loader does (`pd.read_csv` of its own CSV:
    `="570306133677760513"` is the id, `'@handle` the handle; a frame not of its columns keeps its `'`). Columns
    named in `extra` are kept after.
    `columns`: {field: column of df} (`read(df, mapping=...)`), by default the columns named as the fields;
    `date_order`: "dmy" or "mdy", of dates such as 02/11/2026.
    """
    from .output.writers import own_header, restore_formulas
    from .sources.files import joined_lists
    from .sources.platforms.reviews import review_field
    from .sources.values import negative_likes, read_field, unsigned_said

    def cells(column: object, dtype: object) -> pd.Series:
        src = df[column].set_axis(pd.RangeIndex(len(df)))  # (by position: the caller's index may repeat labels)
        src = joined_lists(src)  # (`["en", "fr"]` as a JSON or Parquet file's `en;fr`)
        if dtype == STRING and src.dtype != STRING and pd.api.types.is_string_dtype(src.dtype):
            src = restore_formulas(pd.DataFrame({"_": src.astype(STRING)}), quotes=ours)["_"]
        return src

    ours = own_header(df.columns)  # (its `'` guards alone: as a file's)

    columns = {c: c for c in POST_FIELDS if c in df.columns} if columns is None else columns
    out = {}
    for col in sorted(POST_FIELDS, key=lambda f: f != "lang"):  # (the language first: the counts' `mil` needs it)
        dtype = POST_FIELDS[col][0]
        if col not in columns:
            continue
        src = cells(columns[col], dtype)
        values, bad, why = read_field(col, src, date_order, say=ORDER_OF_A_FRAME, lang=out.get("lang"))
        refuse(df.index, columns[col], dtype, src, bad, why)
        out[col] = values.set_axis(df.index)
    if "likes" in out:  # (-3 likes are a Reddit score's alone, as a file's)
        src = cells(columns["likes"], COUNT)
        bad = negative_likes(out["likes"], out.get("platform"), columns["likes"]).reset_index(drop=True)
        refuse(df.index, columns["likes"], COUNT, src, bad, lambda m: unsigned_said(src[m]))
    kept = {c: df[c] for c in extra if c in df.columns and c not in POST_FIELDS}
    for col, (dtype, _) in {**REPLY_FIELDS, **VERSION_FIELDS}.items():  # (a review's, as the readers read them)
        if col in kept:
            src = cells(col, dtype)
            values, bad, why = review_field(col, src, date_order, say=ORDER_OF_A_FRAME)
            refuse(df.index, col, dtype, src, bad, why)
            kept[col] = values.set_axis(df.index)
    return schema_frame(out, df.index, kept)


def refuse(index: pd.Index, column: object, dtype: object, src: pd.Series, bad: pd.Series, why) -> None:
    """The InputError of a frame's cells (`src`, by position) that cannot be read (`bad`; `why(mask)` their reasons,
    `read_field`'s), naming the column, the first one's row label and how many more: a file's are rejected, but a
    frame is the caller's code, which can fix them."""
    if not bad.any():
        return
    bad = bad.fillna(False).to_numpy(bool)
    reasons = why(pd.Series(bad)) if callable(why) else pd.Series(why, index=np.flatnonzero(bad))
    what = {COUNT: "whole numbers", TIMESTAMP: "times", RATING: "star ratings"}.get(dtype, "text")
    more = f", and {len(reasons) - 1} more" if len(reasons) > 1 else ""
    row = index[bad.argmax() :][:1].tolist()[0]  # (the caller's label, as Python shows it)
    # (ids a missing one made floats: "scientific notation" is pandas' doing, the fix the reader's)
    floats = dtype == STRING and src.dtype.kind == "f"
    fix = f"; pandas made the column floats: read it as text, dtype={{{column!r}: str}}" if floats else ""
    from .output.redact import mask_message  # (the cell masked as the CLI's stderr masks a rejected file row's)

    told = mask_message(str(reasons.iloc[0]))
    raise InputError(f"column {column!r} cannot be read as {what}: {told} (row {row!r}{more}){fix}")


def enriched_values(col: str, values: pd.Series) -> pd.Series:
    """An `ENRICHED_FIELDS` (or `ABOUT_FIELDS`) column of a frame read back (`pd.read_csv` of brandpulse's CSV) as
    `analyze` wrote it:
    text in the schema's dtype with its spreadsheet guards undone (a topic `2026` written `="2026"`); others as they
    are. (An empty cell is missing here, where analyze wrote "": see `EMPTY_FOR_NONE`.)"""
    from .output.writers import restore_formulas

    if {**ENRICHED_FIELDS, **ABOUT_FIELDS}[col][0] != STRING or values.dtype == STRING:
        return values
    return restore_formulas(pd.DataFrame({col: values.astype(STRING)}))[col]


def schema_frame(
    read: dict[str, pd.Series], index: pd.Index, extra: dict[str, pd.Series] | None = None
) -> pd.DataFrame:
    """The schema's columns in order from `read`, values already read as the schema's (`read_field`'s, `conform`'s),
    a missing one empty; then the `extra` columns as they are."""
    out = {}
    for col, (dtype, _) in POST_FIELDS.items():
        if col not in read:  # (not from a list of n Nones: 20 ms a column of 200,000)
            out[col] = pd.Series(None, index=index, dtype=dtype)
        else:
            out[col] = read[col] if read[col].dtype == dtype else read[col].astype(dtype)
    return pd.DataFrame({**out, **(extra or {})}, index=index)


#: `per_brand`'s rows (a row per post and brand): the counts read these in place of the post's columns
LONG_FORM = ("brand", "brand_sentiment", "brand_sentiment_label")


def check_enriched(df: pd.DataFrame, needed: tuple[str, ...], who: str) -> None:
    """The columns `who` counts, present (a frame not yet analyzed was a KeyError naming none of them)."""
    # (a list of posts: AttributeError, 'list' has no 'columns'; two levels of columns: "brands" is in them)
    check_frame(df, who, text=False, takes="analyze()'s DataFrame")
    missing = [c for c in needed if c not in df.columns]
    if missing and not set(LONG_FORM) <= set(df.columns):
        raise InputError(
            f"{who}() counts analyze()'s output: no {'column' if len(missing) == 1 else 'columns'} "
            f"{', '.join(map(repr, missing))}; "
            "run brandpulse.analyze(posts, config) first"
        )


# The headers of the post tables brandpulse writes besides the schema's (a report's, the queue's): here, not in the
# report package, so `output.writers.own_header` knows them without loading it (every `analyze` read did).

#: a post's `post_id` and `url`, so a reader can open it (the other formats show its link, else its id), and its
#: `lang`, which the HTML report gives its text (a screen reader's voice, hyphenation)
TABLE_POST_COLUMNS = [
    "created_at",
    "platform",
    "post_id",
    "author",
    "followers",
    "engagement",
    "reach",
    "brands",
    "sentiment",
    "brand_sentiments",
    "text",
    "lang",
    "url",
]
#: `negative_posts`'s: the brands a post is negative for, after its brands
NEGATIVE_POST_COLUMNS = [*TABLE_POST_COLUMNS[: TABLE_POST_COLUMNS.index("brands") + 1], "negative_for"]
NEGATIVE_POST_COLUMNS += TABLE_POST_COLUMNS[len(NEGATIVE_POST_COLUMNS) - 1 :]
#: `queue`'s, a post to answer per row
QUEUE_COLUMNS = [
    "priority",
    "reason",
    "intent",  # (the post's own, as `analyze` tags it, whatever queued it: `vulnerable`, a negative post's `outage`)
    "copies",  # (posts of the same brands and text it stands for, itself included: a headline 17 accounts posted)
    "brand",  # (the one of ours it is queued for: of a switch, the brand left, not every brand the post names)
    "brands",  # (every brand the post names, competitors too, as `analyze` tags them)
    "topics",  # (what it is about, for a case system's category: claims, pricing, ...)
    "created_at",
    "platform",
    "author",
    "followers",
    "engagement",
    "sentiment",
    "brand_sentiment",
    "rating",  # (a review's stars: a 1-star review is a complaint whatever its words; empty for other posts)
    "lang",  # (a desk bound to answer in the post's language, as Welsh posts in Welsh, sorts or filters by it)
    "text",
    "url",
    "post_id",
    "intents",  # (every intent the post has, `intent` first, `;`-separated; last: the columns before keep their places)
]
