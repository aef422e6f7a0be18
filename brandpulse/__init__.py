"""brandpulse: find brand mentions in social posts, score sentiment, tag topics, report.

import brandpulse
posts = brandpulse.load("posts.csv")
config = brandpulse.load_config("brandpulse.toml")
enriched = brandpulse.analyze(posts, config)
brandpulse.brand_summary(enriched, config)
"""

__version__ = "0.1.0"

from .config import Brand, Config, Topic, load_config  # noqa: E402
from .pipeline import analyze, drop_duplicates  # noqa: E402
from .report.summary import brand_summary, extreme_posts, intent_summary, topic_summary  # noqa: E402
from .schema import ENRICHED_COLUMNS, POST_COLUMNS, POST_FIELDS  # noqa: E402
from .sources import Loaded, load, read  # noqa: E402

__all__ = [
    "Brand",
    "Config",
    "ENRICHED_COLUMNS",
    "Loaded",
    "POST_COLUMNS",
    "POST_FIELDS",
    "Topic",
    "analyze",
    "brand_summary",
    "drop_duplicates",
    "extreme_posts",
    "intent_summary",
    "load",
    "load_config",
    "read",
    "topic_summary",
]
