"""The report's tables as people read them (formatted strings), shared by the terminal, Markdown and HTML."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import __version__
from ..output.terminal import counted, with_own_scores
from .build import NO_BASELINE, Report, length_ratio, part_buckets
from .emerging import IDEA_MIN_POSTS, MIN_Z
from .metrics import ALL, change_pct
from .periods import bucket_grid, bucket_spans
from .summary import INTENTS, NO_BRAND, NO_INTENT, round_pct

SPARKS = "▁▂▃▄▅▆▇█"


def _fmt(value: object, spec: str = "{:,.0f}") -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return spec.format(value)


#: the views' columns of figures, right-aligned by every renderer so magnitudes line up. By name, not by
#: cells: a column of "–" alone (Δ NSS after an empty week) was left-aligned, and an author "2026" would
#: have been right-aligned
FIGURES = frozenset(
    ["volume", "Δ volume", "pos / neu / neg", "unscored", "NSS", "Δ NSS", "share of voice", "Δ SoV", "before"]
    + ["change", "change %", "posts", "per 1000 posts", "baseline per 1000", "z", "followers", "engagement"]
    + ["pos / neg", "reach", "post sentiment", "complaints", "share of engagement", *INTENTS, NO_INTENT]
    + ["co-mentions", *("stars", "rated", "1-2 stars"), "reviews"]
)


def sparkline(values: list[float], whole: list[float] | None = None) -> str:
    """Tiny bar chart of counts: one block character per bucket. `whole`: the part of its whole bucket each one holds
    (`bucket_shares`); one the period cuts is drawn at its count per whole bucket (a quarter's first week from a
    Tuesday, 6 of its 7 days, drew a fall that was fewer days), on the scale of the whole ones, at most their top."""
    if whole is not None:
        rates = [v / w if w else v for v, w in zip(values, whole, strict=True)]
        full = [v for v, w in zip(values, whole, strict=True) if w == 1]
        values, top = rates, max(full, default=0) or max(rates, default=0)
    else:
        top = max(values, default=0)
    if not top:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1) + 0.5))] for v in values)


def bucket_shares(report: Report) -> list[float]:
    """Per bucket of the report (the timeseries' order), the part of its whole hour, day, week or month the period
    holds: 1 for most, 6 / 7 for a week the period begins on a Tuesday (`periods.bucket_spans`)."""
    period = report.period
    spans = bucket_spans(
        bucket_grid(period.start, period.end, report.bucket, period.zone), period.end, report.bucket, period.zone
    )
    cut = (spans["end"] - spans.index) / (spans["whole_end"] - spans["whole_start"])
    return cut.where(spans["partial"], 1.0).astype(float).tolist()


def bar(value: float, top: float, width: int = 20) -> str:
    if not top or value != value:
        return ""
    n = value / top * width
    return "█" * int(n) + ("▌" if n - int(n) >= 0.5 else "")


def _short(text: object, n: int = 100) -> str:
    text = " ".join(str(text or "").split())
    return text[:n] + ("…" if len(text) > n else "")


def trend(report: Report, brand: str) -> list[int]:
    """A brand table row's posts per bucket: 0s for a row of the comparison period alone ("(no brand)" with no
    such post now), which has no timeseries rows (its trend was blank, a quiet brand's a row of 0s)."""
    ts = report.tables["timeseries"]
    return ts.loc[ts["brand"] == brand, "volume"].tolist() or [0] * ts["bucket"].nunique()


def spoken_trend(report: Report, brand: str) -> str:
    """A brand's `trend` in words, for a screen reader: "posts per day: 3, 0, 12"."""
    if wide := narrow_trend(report, brand, WIDE_MOST):
        return wide[1]
    return f"posts per {report.bucket}: " + ", ".join(f"{n:,}" for n in trend(report, brand))


#: a trend of more buckets than this is drawn with fewer on a narrow screen (`narrow_trend`): a month's 31 days, 31
#: characters, made the HTML Brands table 885 px wide in a window of 800 px, where it scrolled
NARROW_MOST = 14
#: a trend of more buckets than this is drawn with fewer on any screen: a week's 168 hours made the HTML Brands table
#: 1,744 px wide in its box of 1,100 at 1,280 px (a month's 31 days fit)
WIDE_MOST = 31
#: the buckets that make one of a narrow trend's, the fewest that leave it `NARROW_MOST` or fewer, and what each is: a
#: week's 168 hours drawn by 6 hours were 28 characters, and the Brands table scrolled at 800 px (820 px in 753)
NARROW_GROUP = {
    "day": ((7, "week"), (28, "4 weeks")),
    "hour": ((6, "6 hours"), (24, "day"), (168, "week")),
}


def grouped_rates(values: list[float], whole: list[float], size: int) -> list[float]:
    """`values` in groups of `size` from the first, each as its mean per whole bucket: a month's 31 days are 5 weeks'
    posts per day, its last 3 days' mean told from a fall (`whole`: `bucket_shares`)."""
    groups = range(0, len(values), size)
    return [sum(values[i : i + size]) / (sum(whole[i : i + size]) or 1) for i in groups]


def narrow_group(report: Report, most: int = NARROW_MOST) -> tuple[int, str] | None:
    """The `NARROW_GROUP` a trend of `most` buckets at most is drawn by (the largest when none leaves it short
    enough), None when the report's `trend` is short enough as it is."""
    buckets, sizes = report.tables["timeseries"]["bucket"].nunique(), NARROW_GROUP.get(report.bucket, ())
    if buckets <= most or not sizes:
        return None
    return next((g for g in sizes if -(-buckets // g[0]) <= most), sizes[-1])


def narrow_trend(report: Report, brand: str, most: int = NARROW_MOST) -> tuple[str, str] | None:
    """A brand's trend for a narrow screen (of `most` buckets), of its `narrow_group`'s means, and those in words for a
    screen reader; None when its `trend` is short enough."""
    if not (group := narrow_group(report, most)):
        return None
    rates = grouped_rates(trend(report, brand), bucket_shares(report), group[0])
    return sparkline(rates), f"{narrow_trend_key(report, most)}: " + ", ".join(f"{r:,.1f}" for r in rates)


def narrow_trend_key(report: Report, most: int = NARROW_MOST) -> str:
    """What `narrow_trend` shows: "posts per day, the mean of each week from the first"."""
    what = (narrow_group(report, most) or (1, report.bucket))[1]
    return f"posts per {report.bucket}, the mean of each {what} from the first"


def engaged(brands: pd.DataFrame) -> bool:
    """The Brands table shows engagement where some post has any; posts without counts (news, a review export, a
    frame without the columns) or of none leave its two columns out rather than show columns of "–" or 0 (the top
    posts say "no post ... has any likes, reposts or replies")."""
    return "engagement" in brands and bool(brands["engagement"].fillna(0).gt(0).any())


#: the Brands table's engagement columns (the terminal prints them as a table of their own when all do not fit)
ENGAGEMENT_COLUMNS = ["engagement", "share of engagement"]
#: the Brands table's columns of stars, where posts have a rating (the terminal's table of their own, as engagement's)
STAR_COLUMNS = ["stars", "rated", "1-2 stars"]


def co_mentioned(brands: pd.DataFrame) -> bool:
    """The Brands table shows co-mentions where some post names two brands (a rival's crisis in a brand's volume)."""
    return "co_mentions" in brands and bool(brands["co_mentions"].gt(0).any())


def brands_view(report: Report) -> pd.DataFrame:
    b = report.tables["brands"]
    compare = "volume_change" in b
    scale = length_ratio(report.period, report.compare)
    unscored = bool(b["unscored"].gt(0).any())  # (posts in languages the analyzer does not read, left empty)
    engagement = engaged(b)
    co = co_mentioned(b)
    shares = bucket_shares(report)
    rows = []
    for r in b.itertuples():
        row = {
            "brand": r.brand + (" (competitor)" if r.competitor else ""),
            "volume": _fmt(r.volume),
        }
        if compare:
            row["Δ volume"] = _fmt(r.volume_change, "{:+,.0f}") + (
                f" ({_fmt(round_pct(change_pct(r.volume, r.volume_prev, scale), 0), '{:+.0f}%')})"
                if r.volume_change_pct == r.volume_change_pct
                else ""
            )
        if co:
            row["co-mentions"] = _fmt(r.co_mentions)
        row.update(
            {
                "pos / neu / neg": f"{r.positive:,} / {r.neutral:,} / {r.negative:,}",
                **({"unscored": _fmt(r.unscored)} if unscored else {}),
                "NSS": _fmt(r.nss, "{:+.1f}"),
            }
        )
        if compare:
            row["Δ NSS"] = _fmt(r.nss_change, "{:+.1f}")
        row["share of voice"] = _fmt(r.share_of_voice, "{:.1f}%")
        if compare:
            row["Δ SoV"] = _fmt(r.share_of_voice_change, "{:+.1f}")
        if engagement:
            row["engagement"] = _fmt(r.engagement)
            if compare and not pd.isna(r.engagement_change):  # (its change as the intents' "12 (+3)": a column
                # more made the HTML table scroll at 1100 px; a count alone, a % of a few likes was "+80,733%")
                row["engagement"] += f" ({r.engagement_change:+,})"
            row["share of engagement"] = _fmt(r.share_of_engagement, "{:.1f}%")
        if "avg_rating" in b:  # (reviews: "2.3 (-0.8)", as engagement's change; none of a social-only report)
            row["stars"] = _stars(r.avg_rating, r.avg_rating_change if compare else None)
            row["rated"] = _fmt(r.rated)
            row["1-2 stars"] = _fmt(r.low_rated_pct, "{:.0f}%")
        wide = narrow_trend(report, r.brand, WIDE_MOST)  # (a week's 168 hours: by 6 hours)
        row["trend"] = wide[0] if wide else sparkline(trend(report, r.brand), shares)
        rows.append(row)
    return pd.DataFrame(rows)


def _stars(avg: float, change: float | None = None) -> str:
    """Mean stars as the tables hold them, to 0.01 ("2.13"; to 0.1 they were rounded twice: 2.149 to 2.15, shown
    2.2), with their change when there is one ("2.13 (-0.75)"; none rated then: no change)."""
    out = _fmt(avg, "{:.2f}")
    return out if change is None or pd.isna(change) else f"{out} ({change:+.2f})"


def versions_view(report: Report) -> pd.DataFrame:
    """Per app version of the period's reviews, newest first (`metrics.version_table`): did the release do harm?"""
    t = report.tables.get("versions")
    if t is None or t.empty:
        return pd.DataFrame()
    unscored = bool(t["unscored"].gt(0).any())
    out = pd.DataFrame(
        {
            "version": t["app_version"],
            "reviews": t["reviews"].map(_fmt),
            "pos / neu / neg": [
                f"{p:,} / {u:,} / {n:,}" for p, u, n in zip(t["positive"], t["neutral"], t["negative"], strict=True)
            ],
            **({"unscored": t["unscored"].map(_fmt)} if unscored else {}),
            "NSS": t["nss"].map(_fmt_nss),
            "Δ NSS": t["nss_change"].map(_fmt_nss),  # (from the version before: the next row)
        }
    )
    if t["rated"].gt(0).any():
        out["stars"] = [_stars(a, c) for a, c in zip(t["avg_rating"], t["avg_rating_change"], strict=True)]
        out["rated"] = t["rated"].map(_fmt)
        out["1-2 stars"] = t["low_rated_pct"].map(lambda v: _fmt(v, "{:.0f}%"))
    return out.reset_index(drop=True)


def topics_view(report: Report) -> pd.DataFrame:
    """Every topic of the period or the comparison period (one at 0 now shows its fall: it was left out, and
    the ten largest alone were shown, so a topic that fell was in no table)."""
    t = report.tables["topics"]
    out = pd.DataFrame({"topic": t["topic"], "volume": t["volume"].map(_fmt), "NSS": t["nss"].map(_fmt_nss)})
    if "volume_change" in t:
        out["Δ volume"] = t["volume_change"].map(lambda v: _fmt(v, "{:+,.0f}"))
        out["Δ NSS"] = t["nss_change"].map(lambda v: _fmt(v, "{:+.1f}"))
    if "complaints" in t:  # ("2 (+1)", as the intents table writes a count and its change)
        out["complaints"] = _complaints_view(t)
    return out.reset_index(drop=True)


def brand_topics_view(report: Report) -> pd.DataFrame:
    """Each brand's topics, NSS of the brand's own sentiment: what each brand is praised and criticised for."""
    t = report.tables["brand_topics"]
    if t.empty:
        return pd.DataFrame()
    out = pd.DataFrame(
        {
            "brand": t["brand"] + t["competitor"].map({True: " (competitor)", False: ""}),
            "topic": t["topic"],
            "volume": t["volume"].map(_fmt),
            "NSS": t["nss"].map(_fmt_nss),
        }
    )
    if "volume_change" in t:
        out["Δ volume"] = t["volume_change"].map(lambda v: _fmt(v, "{:+,.0f}"))
        out["Δ NSS"] = t["nss_change"].map(lambda v: _fmt(v, "{:+.1f}"))
    if "complaints" in t:
        out["complaints"] = _complaints_view(t)
    return out.reset_index(drop=True)


def _complaints_view(t: pd.DataFrame) -> pd.Series:
    """A table's complaints and their change ("2 (+1)"), as the intents table writes a count."""
    out = t["complaints"].map(_fmt).astype(object)
    if "complaints_change" in t:
        out += " (" + t["complaints_change"].map(lambda v: _fmt(v, "{:+,.0f}")).astype(object) + ")"
    return out


def _fmt_nss(v: object) -> str:
    return _fmt(v, "{:+.1f}")


def growth_view(report: Report) -> pd.DataFrame:
    t = report.tables["topic_growth"]
    if t.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "topic": t["topic"],
            "volume": t["volume"].map(_fmt),
            "before": t["volume_prev"].map(_fmt),
            "change": t["volume_change"].map(lambda v: _fmt(v, "{:+,.0f}")),
            # (whole percents from the exact figure, not from its 0.1 one: a change of 12.45 % (12.5 in the JSON and
            # CSV) is 12 %, not 13 %)
            "change %": round_pct(
                change_pct(t["volume"], t["volume_prev"], length_ratio(report.period, report.compare)), 0
            ).map(lambda v: _fmt(v, "{:+.0f}%")),
        }
    ).reset_index(drop=True)


def intents_view(report: Report) -> pd.DataFrame:
    """Per brand, its volume and its posts of each intent, each with its change ("2 (+1)") when compared."""
    t = report.tables["intents"]
    figures = [c for c in t.columns if c not in ("brand", "competitor") and not c.endswith(("_prev", "_change"))]
    out = pd.DataFrame({"brand": t["brand"] + t["competitor"].map({True: " (competitor)", False: ""})})
    for col in figures:
        out[col] = t[col].map(_fmt)
        if f"{col}_change" in t:
            out[col] += " (" + t[f"{col}_change"].map(lambda v: _fmt(v, "{:+,.0f}")) + ")"
    return out


def urgent_view(report: Report) -> pd.DataFrame:
    """The posts of each urgent intent, and the comparison period's, when the period has any."""
    t = report.tables.get("urgent", pd.DataFrame())
    if t.empty:
        return pd.DataFrame()
    # (an intent's `(all posts)` row under two brands' rows: under one it says the same again)
    t = t[(t["brand"] != ALL) | (t.groupby("intent", sort=False)["brand"].transform("size") > 2)]
    out = pd.DataFrame(
        {
            "intent": t["intent"],
            "brand": t["brand"] + t["competitor"].map({True: " (competitor)", False: ""}),
            "posts": t["posts"].map(_fmt),
        }
    )
    if "posts_prev" in t:
        out["before"] = t["posts_prev"].map(_fmt)
        out["change"] = t["posts_change"].map(lambda v: _fmt(v, "{:+,.0f}"))
    return out


def urgent_key(report: Report) -> str:
    """The urgent table in words, printed under it by every renderer."""
    key = "posts of each intent the config marks urgent = true per brand (the intents table's rows)"
    if report.compare and "posts_prev" in report.tables["urgent"]:
        key += f"; before: {report.compare.label()}"
    return key


def figures(title: str, df: pd.DataFrame) -> frozenset:
    """The columns of a section's table that hold figures (right-aligned): `FIGURES`, and in the intents table
    every one after the brand (the config's own intents too: a `refund` column was aligned as text)."""
    return FIGURES | frozenset(df.columns[1:]) if title == "Intents per brand" else FIGURES


def intents_key(report: Report) -> str:
    """The intents table in words, printed under it by every renderer."""
    key = (
        "posts naming the brand (a post naming several in each of their rows) by intent: a post of several"
        " (complaint;suggestion) in each of their columns, so they may add up to more than the volume; none: no intent"
    )
    if report.compare and "volume_change" in report.tables["intents"]:
        key += f"; in brackets: change since {report.compare.label()}"
    return key


def emerging_view(report: Report) -> pd.DataFrame:
    t = report.tables["emerging"]
    if t.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "term": t["term"],
            "posts": t["count"].map(_fmt),
            "per 1000 posts": t["rate_per_1000"].map(lambda v: _fmt(v, "{:.1f}")),
            "baseline per 1000": t["baseline_rate_per_1000"].map(lambda v: _fmt(v, "{:.1f}")),
            "z": t["z"].map(lambda v: _fmt(v, "{:.2f}")),
            "in the same posts": t["also"],
        }
    )


def ideas_view(report: Report) -> pd.DataFrame:
    t = report.tables["suggestions"]
    if t.empty:
        return pd.DataFrame()
    view = {"idea": t["term"], "posts": t["posts"].map(_fmt)}
    if report.compare:
        view |= {"before": t["posts_prev"].map(_fmt), "change": t["change"].map(lambda v: _fmt(v, "{:+,.0f}"))}
    return pd.DataFrame(view | {"in the same posts": t["also"], "example": t["example"].map(_short)})


def shown_author(authors: pd.Series) -> pd.Series:
    """Authors as the report shows them, without the "@" some exports put before a handle (YouTube's "@mparker5" among
    "kim_sam" and "danwalsh.bsky.social"); the data (JSON, CSV, the store) keeps them as the export wrote them."""
    return authors.fillna("").astype(str).str.replace(r"^@(?=\S)", "", regex=True)


def authors_view(report: Report) -> pd.DataFrame:
    t = report.tables["authors"]
    if t.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "role": t["role"],
            "author": shown_author(t["author"]),
            "brands": t["brands"].str.replace(";", ", "),  # (those the author promotes, or detracts)
            "posts": t["posts"].map(_fmt),
            "followers": t["followers"].map(_fmt),
            "engagement": t["engagement"].map(_fmt),
            "reach": t["reach"].map(_fmt),  # (what the table is sorted by: followers + engagement)
            "pos / neg": t["positive"].astype(str) + " / " + t["negative"].astype(str),
        }
    )


def _clock(times: pd.Series) -> pd.Series:
    """Times on the zone's clock, with its name when they are of two UTC offsets (02:30 CEST, 02:30 CET)."""
    two = times.map(lambda t: t.utcoffset()).nunique() > 1
    return times.dt.strftime("%Y-%m-%d %H:%M" + (" %Z" if two else ""))


def posts_view(report: Report, name: str) -> pd.DataFrame:
    """A post's brands (of a negative or praised post, those it is negative or positive for: maybe one of several),
    each with its own score when it names several; `post sentiment` is the whole post's, which may be no brand's."""
    t = report.tables[name]
    if t.empty:
        return pd.DataFrame()
    toned = next((c for c in ("negative_for", "positive_for") if c in t), None)
    names = [
        with_own_scores(r.brands, r.brand_sentiments, getattr(r, toned) if toned else None) for r in t.itertuples()
    ]
    if toned:  # (negative as a whole, towards none of its brands: the cell was empty, read as data missing)
        names = [n or AS_A_WHOLE for n in names]
    return pd.DataFrame(
        {
            "when": _clock(t["created_at"].dt.tz_convert(report.period.zone)),
            "author": shown_author(t["author"]),
            (toned.replace("_", " ") if toned else "brands"): names,
            "reach": t["reach"].map(_fmt),
            "engagement": t["engagement"].map(_fmt),
            "post sentiment": t["sentiment"].map(lambda v: _fmt(v, "{:+.2f}")),
            "text": t["text"].map(_short),
            "link": post_links(t),
        }
    )


#: a link a browser opens (the HTML report makes only these links, the terminal a post's text)
WEB_LINK = r"https?://[^\s<>\"'`]+"


def post_links(posts: pd.DataFrame) -> pd.Series:
    """Where a reader finds each post: its web link, else its id (`platform:post_id`, the store's key; "–" when
    it has neither). A post without a URL had an empty cell, and its id was in no format: the analyst reading the
    report could not open it."""
    url = posts["url"].fillna("").astype(str).str.strip()
    ident = posts["post_id"].fillna("").astype(str)
    platform = posts["platform"].fillna("").astype(str)
    ident = ident.where(platform.eq("") | ident.eq(""), platform + ":" + ident)
    web = url.str.fullmatch(WEB_LINK, case=False).fillna(False).astype(bool)
    return url.where(web, ident.where(ident.ne(""), url.where(url.ne(""), "–")))


def brand_series(ts: pd.DataFrame, column: str) -> pd.DataFrame:
    """A timeseries table's `column` per bucket (rows) and brand (columns, in the tables' order), with the
    brands and all posts but not (no brand): what the volume chart draws."""
    ts = ts[ts["brand"] != NO_BRAND]
    return ts.pivot(index="bucket", columns="brand", values=column)[ts["brand"].unique()]


def sentiment_bands(ts: pd.DataFrame) -> list[str]:
    """The sentiment chart's bands, bottom up: with `unscored` (non-English posts an English-only analyzer
    left empty) when there are some, so the bars add up to the posts, as the Brands table's counts do."""
    return ["negative", "neutral", "positive", *(["unscored"] if ts["unscored"].gt(0).any() else [])]


def bucket_format(report: Report, with_date: bool) -> str:
    """How a bucket's start is written (strftime): days as dates, hours as times (`with_date`: with their date),
    and with the zone's name when the period's hours are of two UTC offsets: the day daylight saving ends has
    02:00 twice, "02:00 CEST" and "02:00 CET" (the two were one point and one row, and the HTML report failed)."""
    if report.bucket != "hour":
        return "%Y-%m-%d"
    when = "%Y-%m-%d %H:%M" if with_date else "%H:%M"
    offsets = report.tables["timeseries"]["bucket"].map(lambda b: b.utcoffset())
    return when + " %Z" if offsets.nunique() > 1 else when


def chart_views(report: Report) -> dict[str, pd.DataFrame]:
    """The figures each chart draws (HTML shows them under it): the volume and sentiment charts' per bucket, the
    share of voice and star rating charts' per brand."""
    ts = report.tables["timeseries"]
    volume = brand_series(ts, "volume")
    counts = ts[ts["brand"] == ALL].set_index("bucket")[sentiment_bands(ts)]
    when = bucket_format(report, with_date=True)
    # (a bucket the period cuts says so: a quarter's first week, from a Tuesday, read as a fall in volume)
    part = {start: f" (part: {days})" for start, (_, days) in part_buckets(report.period, report.bucket).items()}
    views = {
        title: table.map(_fmt)
        .set_axis([f"{b:{when}}{part.get(b, '')}" for b in table.index])
        .rename_axis(report.bucket)
        .reset_index()
        for title, table in (("Volume over time", volume), ("Sentiment over time", counts))
    }
    # the bars' figures, this period's and the one before's (the Brands table has the change alone, far below)
    b = report.tables["brands"]
    for title, col, fmt in (("Share of voice", "share_of_voice", "{:.1f}%"), ("Star rating", "avg_rating", "{:.2f}")):
        if col not in b:
            continue
        # (the rows the chart draws: a brand rated the period before alone has its grey bar)
        before = b[f"{col}_prev"].notna() if title == "Star rating" and f"{col}_prev" in b else False
        drawn = b[b[col].notna() | before]
        views[title] = pd.DataFrame(
            {
                "brand": drawn["brand"] + drawn["competitor"].map({True: " (competitor)", False: ""}),
                "this period": drawn[col].map(lambda v, f=fmt: _fmt(v, f)),
                **({"before": drawn[f"{col}_prev"].map(lambda v, f=fmt: _fmt(v, f))} if report.compare else {}),
            }
        )
    return views


#: the section of the reviews per app version (`versions_view`)
VERSIONS = "App versions"
#: the section of the posts of the config's urgent intents (`urgent_view`)
URGENT = "Urgent posts"
#: the titles of the post tables' sections, without their end (`about_brands`)
TOP_POSTS = "Top posts by engagement"
NEGATIVE_POSTS = "Most negative high-reach posts"
PRAISED_POSTS = "Most praised high-reach posts"


def about_brands(report: Report) -> str:
    """The post tables' titles' end: they are posts naming a brand when brands are configured or the posts name
    some (`metrics.about_brands`), as `analyze`'s most negative posts say."""
    return " naming a brand" if report.about_brands else ""


def sections(report: Report) -> list[tuple[str, pd.DataFrame]]:
    """(title, formatted table) in report order; empty tables are skipped by renderers."""
    return [
        ("Brands", brands_view(report)),
        (VERSIONS, versions_view(report)),
        (URGENT, urgent_view(report)),
        ("Topics", topics_view(report)),
        ("Topics that grew most", growth_view(report)),
        ("Topics per brand", brand_topics_view(report)),
        ("Intents per brand", intents_view(report)),
        (IDEAS, ideas_view(report)),
        ("Emerging terms", emerging_view(report)),
        ("Top authors by reach", authors_view(report)),
        (f"{TOP_POSTS}{about_brands(report)}", posts_view(report, "top_posts")),
        (f"{NEGATIVE_POSTS}{about_brands(report)}", posts_view(report, "negative_posts")),
        (f"{PRAISED_POSTS}{about_brands(report)}", posts_view(report, "praised_posts")),
    ]


def empty_note(report: Report, title: str) -> str | None:
    """What a section without rows says, where its absence would leave a reader wondering whether it was looked
    for: emerging terms of a period with posts and a baseline (a report without the section read as a report
    without the feature), top posts of a period whose posts have no engagement. None: the section is left out."""
    if title.startswith(TOP_POSTS) and report.posts:  # (posts of 0 were listed as the most engaging)
        return f"None: no post of the period{about_brands(report)} has any likes, reposts or replies"
    if title.startswith(PRAISED_POSTS) and report.posts:  # (a week without it: "who got thanked?" said by nothing)
        return f"None: no post of the period{about_brands(report)} is positive or praise"
    if title == "Emerging terms" and report.posts and NO_BASELINE not in report.notes:
        return (
            f"None: no word or bigram in {report.min_term_count:,} or more posts was unusually frequent "
            f"against the baseline, {report.baseline.label()} (z ≥ {MIN_Z})"
        )
    if title == IDEAS and report.posts:  # (a report without the section read as one without the feature)
        t = report.tables["intents"]
        every = t[t["brand"] == ALL] if "brand" in t and "suggestion" in t else t.iloc[:0]
        asked = int(every["suggestion"].iloc[0]) if len(every) else 0
        if not asked:
            return "None: no post of the period is a suggestion"
        shared = f"None: no word or bigram is shared by {IDEA_MIN_POSTS} or more suggestions"
        return f"{shared} (of {counted(asked, 'suggestion')} in the period)"
    return None


def brands_key(report: Report) -> str:
    """The Brands table's abbreviations in words, printed under it by every renderer (NSS was defined in the
    README only)."""
    b = report.tables["brands"]
    # (the rows of a week whose posts name several brands add up to more than "(all posts)", which the key did not say)
    parts = ["volume: posts naming the brand, a post naming several in each of their rows"]
    parts.append("NSS: net sentiment score, (positive - negative) / posts with a sentiment, in % (-100..100)")
    parts.append("share of voice: the brand's % of all brand mentions")
    if co_mentioned(b):  # (a rival's crisis: "$TSLA up 4% as Voltra recall hits rival" in both brands' volume)
        parts.append(
            "co-mentions: of those, the posts naming another brand too (of (all posts): the posts naming several)"
        )
    if engaged(b):  # (an empty count is 0; a row none of whose posts has one is "–")
        parts.append(
            "engagement: likes + reposts + replies of the posts its volume counts (an empty count as 0; – where none"
            " has one), a post naming several brands in each of their rows, whole, as in volume (so the brands' add"
            " up to more than (all posts)'); share of engagement: the brand's % of all brands' engagement, as share"
            " of voice is of their mentions"
        )
        if "engagement_change" in b:
            parts[-1] = parts[-1].replace("(an empty count as 0;", "(in brackets its Δ; an empty count as 0;", 1)
    if "volume_change" in b:
        parts.append(f"Δ: change since {report.compare.label()}" if report.compare else "Δ: change")
        per_day = "; Δ volume's % of posts per day" if length_ratio(report.period, report.compare) != 1 else ""
        parts[-1] += f" (Δ NSS and Δ SoV in points{per_day})"
    if b["unscored"].gt(0).any():
        parts.append("unscored: posts without a sentiment (not in the analyzer's languages), left out of NSS")
        if "rated" in b:
            parts[-1] += " (their stars count)"
    if "rated" in b:
        low, high = report.stars or (1, 5)
        scale = f"these reviews rate {low:g} to {high:g}" + ("" if low >= 1 else ", a 0 counted as 0")  # (0..5 read)
        parts.append(
            f"stars: the mean star rating as given ({scale}) of the posts with one, the reviews"
            + (" (in brackets its Δ, in stars)" if "avg_rating_change" in b else "")
            + "; rated: those posts; 1-2 stars: the % of them rated 2 stars or fewer"
        )
    shown = narrow_trend_key(report, WIDE_MOST) if narrow_group(report, WIDE_MOST) else f"posts per {report.bucket}"
    parts.append(f"trend: {shown}, each row on its own scale")
    if report.posts and (part := part_buckets(report.period, report.bucket)):  # (its low first or last read as a fall)
        starts = report.tables["timeseries"]["bucket"]  # (the period cuts its first and last buckets alone)
        ends = [end for end, at in (("first", 0), ("last", -1)) if starts.iloc[at] in part]
        parts[-1] += (
            f" (the {' and '.join(ends)} only part of a {report.bucket}, drawn at its posts per whole {report.bucket}:"
            " see the note above)"
        )
    return "; ".join(parts)


def topics_key(report: Report) -> str:
    """The topics table in words: its NSS and Δ were defined under the Brands table alone."""
    key = "volume: posts on the topic (a post on several in each of their rows); NSS as in Brands"
    if "complaints" in report.tables["topics"]:
        key += "; complaints: those whose intent is complaint or one of the config's own to answer"
    if report.compare and "volume_change" in report.tables["topics"]:
        key += f"; Δ: change since {report.compare.label()} (Δ NSS in points); a topic at 0 had posts then only"
    return key


def brand_topics_key(report: Report) -> str:
    """Topics per brand in words: its NSS is the brand's own, not the topics table's of the posts as a whole."""
    key = (
        f"each brand's {report.top:,} largest topics (--top); volume: posts naming the brand on the topic; NSS: of "
        "the brand's own sentiment, as in Brands (a post naming several brands counts for each with its own score); "
        "complaints: those whose intent is complaint or one of the config's own to answer (a post naming several "
        "brands in each of their rows)"
    )
    if report.compare and "volume_change" in report.tables["brand_topics"]:
        key += f"; Δ: change since {report.compare.label()} (Δ NSS in points); a topic at 0 had posts then only"
    return key


def growth_key(report: Report) -> str | None:
    """The topics that grew, in words: "before" of what, and a percent of what."""
    if not report.compare:
        return None
    per_day = length_ratio(report.period, report.compare) != 1
    return (
        f"before: posts on the topic in {report.compare.label()}; change: posts more than then; change %: "
        + ("of posts per day (the periods differ in length)" if per_day else "that change in % of the posts then")
        + " (– when there were none then)"
    )


def emerging_key(report: Report) -> str:
    """The emerging terms' figures in words: a z-score and a baseline mean nothing to most readers."""
    return (
        "words and word pairs used unusually often, the brands' names left out: posts: posts using it; per 1000 "
        "posts: of every 1,000 posts, how many used it, in this period and in the baseline "
        f"({report.baseline.label()}); z: how far the rise is beyond chance ({MIN_Z} or more is listed; the higher, "
        "the surer); in the same posts: terms used in exactly the same posts, one signal"
    )


#: the title of the section of the ideas the suggestions share (`ideas_view`)
IDEAS = "Suggestions asked most"


def ideas_key(report: Report) -> str:
    """The suggestions' words in words: what a row is, and what it is not."""
    key = (
        "the words and word pairs of the posts whose intent is suggestion, with the posts using each (the same idea "
        "asked many times is one row; the words of asking, such as please, add, wish or bring back, and the brands' "
        "names are left out); in the same posts: its other words"
    )
    if report.compare:
        key += f"; before: such posts in {report.compare.label()}"
    return key


def authors_key(report: Report) -> str:
    return (
        "promoter: more positive than negative posts about the brands listed, in the period; detractor: more "
        "negative than positive; engagement: likes + reposts + replies of those posts; reach: followers + "
        "engagement, what the table is sorted by; pos / neg: those posts, positive / negative"
    )


#: the post tables' figures in words (post sentiment: a score of -1..+1 beside NSS's -100..100 misled)
POSTS_KEY = (
    "reach: the author's followers + engagement; engagement: likes + reposts + replies; post sentiment: the "
    "whole post's tone, from -1 (most negative) to +1 (most positive); beside a brand: its own score, for a post "
    "naming several brands"
)
#: the post tables' link column, in words (not on the terminal, whose post texts are their links)
LINK_KEY = "link: the post's web address, else its platform:id"
#: the negative posts' "negative for" column, of which an empty cell read as missing data
AS_A_WHOLE = "(the post as a whole)"


#: the App versions table's key (`versions_view`)
VERSIONS_KEY = (
    "the period's reviews per app version the export gives (Play Console's App Version Name, an App Store CSV's "
    "Version), newest first, whatever brand they name; NSS and stars as in the Brands table; Δ NSS and the stars'"
    " brackets: the change from the version before (the next row)"
)


def table_key(report: Report, title: str, links: bool = True) -> str | None:
    """What a section's abbreviations and figures mean, printed under its table by every renderer (or None);
    `links`: the post tables show their `link` column (all but the terminal's)."""
    keys = {
        "Brands": brands_key,
        VERSIONS: lambda report: VERSIONS_KEY,
        "Topics": topics_key,
        "Topics that grew most": growth_key,
        "Topics per brand": brand_topics_key,
        "Intents per brand": intents_key,
        URGENT: urgent_key,
        IDEAS: ideas_key,
        "Emerging terms": emerging_key,
        "Top authors by reach": authors_key,
    }
    link = f"; {LINK_KEY}" if links else ""
    if title.startswith(TOP_POSTS):
        return POSTS_KEY + link
    if title.startswith(NEGATIVE_POSTS):
        return (
            f"{POSTS_KEY}; negative for: the brands the post is negative about; {AS_A_WHOLE}: the post reads "
            f"negative, but towards none of its brands on its own{link}"
        )
    if title.startswith(PRAISED_POSTS):
        return (
            f"{POSTS_KEY}; positive for: the brands the post is positive about; {AS_A_WHOLE}: the post reads "
            f"positive (or its intent is praise), but towards none of its brands on its own{link}"
        )
    return keys[title](report) if title in keys else None


def headline(report: Report) -> str:
    b = report.tables["brands"]
    overall = b[b["brand"] == ALL]
    if report.for_brands and len(report.for_brands) == 1:  # (one client's: its row's NSS, of its own sentiment)
        own = b[b["brand"].str.casefold() == report.for_brands[0].casefold()]
        overall = own if len(own) else overall  # (a post naming a rival too read as a whole said "NSS +100.0")
    line = f"{report.period.label()}: {counted(report.posts, 'post')}"
    if report.for_brands:  # (`--for-brand`: a client's report, which said nothing of the posts it left out)
        *first, last = report.for_brands
        line += f" naming {', '.join(first)} or {last}" if first else f" naming {last}"
    if report.for_intents:  # (`--intent`: of the posts of these intents alone)
        *first, last = report.for_intents
        line += f" with intent {', '.join(first)} or {last}" if first else f" with intent {last}"
    if len(overall) and "volume_change" in overall and report.compare:
        r = overall.iloc[0]
        line += f" ({_fmt(r.volume_change, '{:+,.0f}')} vs {report.compare.label()}), NSS {_fmt(r.nss, '{:+.1f}')}"
        # (a bare "(-38.7)" after the NSS read as another score, or as a percent: it is the change, in points)
        line += f" ({_fmt(r.nss_change, '{:+.1f} points')})"
    elif len(overall):
        line += f", NSS {_fmt(overall.iloc[0].nss, '{:+.1f}')}"
    if len(overall) and overall.iloc[0].unscored:  # (an NSS of 1 English post in 14 read as the week's)
        r = overall.iloc[0]
        scored = r.positive + r.neutral + r.negative  # (none: "NSS – (–), of 0 posts with a sentiment")
        line += f", of {counted(scored, 'post')}" if scored else ", no post"
        line += f" with a sentiment ({r.unscored:,} unscored, not in the analyzer's languages)"
    if len(overall) and "rated" in overall and overall.iloc[0].rated:  # (reviews: their stars beside the NSS)
        r = overall.iloc[0]
        was = getattr(r, "avg_rating_prev", np.nan)
        stars = (
            f"{_stars(r.avg_rating)}"
            if pd.isna(was)
            else f"{_stars(was)} → {_stars(r.avg_rating, r.avg_rating_change)}"
        )
        line += f", stars {stars} of {counted(r.rated, 'rated post')}"
    if report.own_posts:
        whose = "the brands' and others' own handles" if report.others else "the brands' own handles"
        line += f"; {report.own_posts:,} by {whose} left out"
    return line


def _ingested_with(run: dict) -> str:
    """One config the stored posts were analyzed with, and how many (`store.run_configs`), as `provenance` says it."""
    if not run["recorded"]:
        what = "no recorded config (stored before stop 47)"
    elif not run.get("analyzed", True):  # (`store.ingest` of a frame without its analysis: the stored one kept)
        what = "no analysis recorded (ingested unanalyzed)"
    elif run["file"]:
        what = f"config {run['file']}" + (f" (sha256 {run['sha256'][:12]})" if run["sha256"] else "")
    else:
        what = "no config file"
    return f"{what}: {run['posts']:,} post{'' if run['posts'] == 1 else 's'}"


def provenance(report: Report) -> str:
    """Where a Markdown or HTML report came from, said under it (JSON says it in `brandpulse`): the posts' source, the
    periods, what made it and what scored the posts. A forwarded report said none of it: of which store, which
    brandpulse, which sentiment rules, no one could tell."""
    made = report.produced_by or {}
    stored = made.get("store") or {}
    parts = [f"Made by brandpulse {__version__}"]
    if report.source:
        parts[-1] += f" from {report.source}"
    if config := made.get("config"):  # (its brands, handles and topics make every figure: `sha256sum` tells it)
        parts.append(f"config {config['file']}" + (f" (sha256 {config['sha256'][:12]})" if config["sha256"] else ""))
    if used := made.get("ingested_with"):  # (a store's posts: the configs that analyzed them, `store.run_configs`)
        parts.append("posts analyzed with " + ", ".join(map(_ingested_with, used)))
    if stored.get("ingested_at"):  # (its last ingest: when, and by which brandpulse)
        when = pd.Timestamp(stored["ingested_at"]).strftime("%Y-%m-%d %H:%M UTC")
        parts.append(f"last ingest {when} by brandpulse {stored.get('version') or '(unknown)'}")
    if (ran := stored.get("last_run")) and not ran.get("stored"):  # (a cron job's ingest of a quiet hour, since)
        when = pd.Timestamp(ran["at"]).strftime("%Y-%m-%d %H:%M UTC")
        parts.append(f"last run {when} ({ran.get('command') or 'ingest'}) stored nothing new")
    if failed := stored.get("last_failed"):  # (the newest run failed: a report of old posts said nothing of it)
        when = pd.Timestamp(failed["at"]).strftime("%Y-%m-%d %H:%M UTC")
        parts.append(f"last run {when} ({failed.get('command') or 'ingest'}) failed, exit {failed.get('exit')}")
    parts.append(f"sentiment: {made.get('sentiment') or 'not recorded'}")
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    parts.append(f"period {report.period.label()} ({report.period.tz}), {compared}")
    parts.append(f"emerging terms against {report.baseline.label()}")
    if report.for_brands:
        parts.append("--for-brand " + ", ".join(report.for_brands))
    if report.for_intents:
        parts.append("--intent " + ", ".join(report.for_intents))
    return "; ".join(parts)
