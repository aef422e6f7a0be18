"""Imports go one way, sources -> enrich -> pipeline -> report/output -> cli: what a lower module loads by itself in
a fresh interpreter, while it does the work that once reached up a layer for a helper."""

from __future__ import annotations

from conftest import fresh_python


def test_the_store_reads_times_and_alert_keys_without_the_report_package():
    """The store read `--since` text with `report.periods.parse_time` and its alert keys with `report.notify`'s
    `levels` and `own` (the store depending on the report); they live in `times` and `alert_keys` now. In a fresh
    interpreter the store remembers a spike's level and a pending alert, refuses a date it cannot read as --since
    does, and no module of `brandpulse.report` is loaded."""
    code = (
        "import sys\n"
        "from brandpulse import store\n"
        "from brandpulse.errors import ConfigError\n"
        "key = 'volume:A:day:2026-11-02T00:00Z'\n"
        "with store.open_store('h.duckdb') as con:\n"
        "    store.mark_alerts_sent(con, {key: 'A: volume spike', key + '^40': '', key + '^25': ''}, '@stdout')\n"
        "    store.mark_alerts_sent(con, {'late': 'B: late'}, '@webhook=ops', pending=True)\n"
        "    print(store.alert_levels(con, [key, 'other'], '@stdout'))\n"
        "    print(store.pending_alerts(con, '@webhook=ops'), store.pending_alerts(con, '@stdout'))\n"
        "print(len(store.load_posts('h.duckdb', since='2026-11-01', until='yesterday')))\n"
        "try:\n"
        "    store.load_posts('h.duckdb', since='next tuesday')\n"
        "except ConfigError as e:\n"
        "    print(str(e).split(':')[0])\n"
        "print(sorted(m for m in sys.modules if m.startswith('brandpulse.report')))\n"
    )
    assert fresh_python(code)[:5] == [
        "{'volume:A:day:2026-11-02T00:00Z': 40}",  # (the highest level remembered)
        "{'late': 'B: late'} {}",  # (the webhook's, not the printing run's)
        "0",
        "since 'next tuesday'",
        "[]",
    ]


def test_evaluate_and_the_terminal_tables_figures_need_no_report_module():
    """`evaluate` took `wilson_low` from `report.spikes` and the terminal's brand table `round_pct` from
    `report.summary`; both are `figures`' now. In a fresh interpreter the accuracy of 48 of 60 posts is 0.682 to 0.882
    (Wilson's bounds, worked by hand: (0.832 - 0.106) / 1.064 and 1 - (0.232 - 0.106) / 1.064), a brand of 1
    positive and 7 neutral posts shows 13 % and 88 % (12.5 and 87.5 halved away from zero: Python's round gave
    12 and 88), and no module of `brandpulse.report` is loaded."""
    code = (
        "import io, sys\n"
        "import pandas as pd\n"
        "from rich.console import Console\n"
        "from brandpulse.evaluate import accuracy_interval\n"
        "from brandpulse.output.terminal import brand_table\n"
        "print([round(x, 3) for x in accuracy_interval(48, 60)])\n"
        "summary = pd.DataFrame({'brand': ['Acme'], 'competitor': [False], 'mentions': [8],"
        " 'share_of_voice': [100.0], 'positive': [1], 'neutral': [7], 'negative': [0], 'unscored': [0],"
        " 'nss': [12.5], 'avg_sentiment': [0.125]})\n"
        "out = io.StringIO()\n"
        "Console(file=out, width=200, color_system=None).print(brand_table(summary))\n"
        "print([p for p in ('(13%)', '(88%)', '(0%)', '+0.13') if p in out.getvalue()])\n"
        "print(sorted(m for m in sys.modules if m.startswith('brandpulse.report')))\n"
    )
    assert fresh_python(code)[:3] == ["[0.682, 0.882]", "['(13%)', '(88%)', '(0%)', '+0.13']", "[]"]


def test_loading_a_reviews_file_loads_no_enrich_module(tmp_path):
    """A loader reads; it does not enrich. Loading a Google Maps scraper's reviews in a fresh interpreter loads no
    module of `brandpulse.enrich` (nor of the pipeline, report or cli). (Still: a review Google translated, "(Translated
    by Google) ... (Original) ...", reads its original's language with `enrich.language.detect`.)"""
    path = tmp_path / "reviews.csv"
    path.write_text("author_title,review_id,review_text,review_rating\nAna,t1,Great staff,5\n")
    code = (
        "import sys\n"
        "from brandpulse.sources import load\n"
        f"print(load({str(path)!r})[['text', 'rating']].values.tolist())\n"
        "print(sorted(m for m in sys.modules if m.startswith(tuple(f'brandpulse.{p}' for p in"
        " ('enrich', 'pipeline', 'report', 'cli')))))\n"
    )
    assert fresh_python(code)[:2] == ["[['Great staff', 5.0]]", "[]"]
