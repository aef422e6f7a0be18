"""brandpulse: find brand mentions in social posts, score sentiment, tag topics, report.

import brandpulse
posts = brandpulse.load("posts.csv")
config = brandpulse.load_config("brandpulse.toml")
enriched = brandpulse.analyze(posts, config)
brandpulse.brand_summary(enriched, config)
brandpulse.make_report(enriched, config, period="week", until="2026-11-09").tables["brands"]
labelled = brandpulse.load("labelled.csv", keep=["label"])
brandpulse.evaluate_sentiment(labelled, "label", ["vader", "cx", brandpulse.train(labelled, "label")])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: each name `import brandpulse` offers -> the module it comes from, imported when the name is first used: the
#: `brandpulse` command's entry point (`__main__`) is in this package, and a Ctrl-C or SIGTERM that came while this
#: loaded pandas, pyarrow and the rest, before it could set its handlers, printed a traceback or ended it unannounced
_EXPORTS = {
    **dict.fromkeys(["Brand", "Config", "Topic", "load_config"], "config"),
    **dict.fromkeys(["analyze", "drop_duplicates", "explain_scores"], "pipeline"),
    **dict.fromkeys(["brand_summary", "extreme_posts", "intent_summary", "topic_summary"], "report.summary"),
    **dict.fromkeys(["Report", "make_report"], "report.build"),
    **dict.fromkeys(["ENRICHED_COLUMNS", "POST_COLUMNS", "POST_FIELDS"], "schema"),
    **dict.fromkeys(["Loaded", "load", "read"], "sources"),
    "train": "model",
    # (not `evaluate`: that is the module's name, and importing the module sets `brandpulse.evaluate` to it)
    "evaluate_sentiment": "evaluate:evaluate",
}

__all__ = [
    "Brand",
    "Config",
    "ENRICHED_COLUMNS",
    "Loaded",
    "POST_COLUMNS",
    "POST_FIELDS",
    "Report",
    "Topic",
    "analyze",
    "brand_summary",
    "drop_duplicates",
    "evaluate_sentiment",
    "explain_scores",
    "extreme_posts",
    "intent_summary",
    "load",
    "load_config",
    "make_report",
    "read",
    "topic_summary",
    "train",
]

if TYPE_CHECKING:
    from .config import Brand, Config, Topic, load_config
    from .evaluate import evaluate as evaluate_sentiment
    from .model import train
    from .pipeline import analyze, drop_duplicates, explain_scores
    from .report.build import Report, make_report
    from .report.summary import brand_summary, extreme_posts, intent_summary, topic_summary
    from .schema import ENRICHED_COLUMNS, POST_COLUMNS, POST_FIELDS
    from .sources import Loaded, load, read


def __getattr__(name: str):
    """`brandpulse.load` and the like, and the package's modules (`brandpulse.store`), as an eager import made them."""
    if name in _EXPORTS:
        module, _, attribute = _EXPORTS[name].partition(":")
        value = getattr(importlib.import_module(f".{module}", __name__), attribute or name)
    else:
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names and modules for a notebook's completion: not this file's own imports (`importlib`)."""
    return sorted({*globals(), *__all__} - {"TYPE_CHECKING", "annotations", "importlib"})
