"""Names and defaults that the commands' `--help` shows, kept here so that showing it loads no pandas, pyarrow or
rich (`brandpulse analyze --help` took 2 s): the library modules that use them import them from here."""

from __future__ import annotations

#: the sentiment analyzers by name (`enrich.sentiment.ANALYZERS`, checked by tests/test_startup.py)
ANALYZER_NAMES = ("textblob", "vader", "textblob-reference", "vader-reference", "cx", "cx-reference")
#: the sources `brandpulse fetch` reads, each a module of `brandpulse.fetch` (`fetch.SOURCES`)
SOURCE_NAMES = ("mastodon", "bluesky", "reddit", "hackernews", "x", "youtube", "rss", "steam")
#: the table formats written (`output.writers`)
FORMATS = ("csv", "tsv", "json", "jsonl", "parquet")
#: other names a choice takes for one of its keywords (`report -f markdown` was a usage error)
ALIASES = {"markdown": "md"}
#: posts per chunk without --chunksize (`engines.chunked`)
DEFAULT_CHUNKSIZE = 100_000
#: the store's file without --store, $BRANDPULSE_STORE or the config's (`store`)
DEFAULT_PATH = "brandpulse.duckdb"
STORE_ENV = "BRANDPULSE_STORE"
#: a report's periods (`report.periods`)
PERIODS = ("day", "week", "month")
#: the most buckets a report shows people (a sparkline's characters, a chart's bars, the HTML's figures table):
#: more than a year of days; an hour's buckets over a quarter were 2,208 of each
MAX_BUCKETS = 400
#: alerts' buckets (`report.spikes.BUCKETS`)
SPIKE_BUCKETS = ("day", "hour")
#: name -> what it holds (listed in `brandpulse report --help`).
TABLES = {
    "brands": "per brand and overall: volume, sentiment, NSS, share of voice, changes",
    "timeseries": "volume, sentiment counts (unscored too), NSS and share of voice per brand per bucket",
    "topics": "topics by volume with NSS and change",
    "topic_growth": "topics that gained most posts",
    "brand_topics": "per brand: its topics by volume, with NSS of the brand's own sentiment, complaints, and change",
    "intents": "per brand and overall: posts of each intent (complaint, question, ..., none), changes",
    "versions": "per app version of the reviews (newest first): reviews, NSS, negative %, mean stars, % of 1-2 stars"
    ", and the NSS and stars' change from the version before",
    "urgent": "posts of each intent the config marks urgent (a charity's safeguarding) per brand, changes",
    "emerging": "words and bigrams unusually frequent vs the baseline (z-scores)",
    "suggestions": "the words and bigrams suggestion posts share most, with their posts then and an example",
    "authors": "top promoters and detractors of brands by reach",
    "top_posts": "posts naming a brand with most engagement",
    "negative_posts": "negative posts naming a brand (as a whole or towards one) with the largest reach",
    "praised_posts": "positive posts naming a brand (as a whole or towards one) or praising it, with the largest reach",
}
#: `--title`'s default: the HTML page's title then names the brands too
DEFAULT_TITLE = "brandpulse report"
