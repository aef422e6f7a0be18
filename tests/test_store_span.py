"""Spans of time in messages are said by one function (`output.terminal.span`): a store's clock ahead, a report's
period lengths, and fetch's and the webhook's waits (which said "2,880 minutes" for two days)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from brandpulse.output.terminal import span
from brandpulse.report.build import per_day_note
from brandpulse.report.periods import Period


@pytest.mark.parametrize(
    ("length", "said"),
    [
        (timedelta(hours=2, minutes=57), "2 hours 57 minutes"),
        (timedelta(days=29, hours=3, minutes=5), "29 days 3 hours"),  # (two units: the minutes left out)
        (timedelta(days=1, minutes=5), "1 day"),  # (the unit after the largest, not any: no "1 day 5 minutes")
        (timedelta(days=6, hours=23), "6 days 23 hours"),  # (a week the clocks go back in, 167 hours)
        (pd.Timedelta(hours=14, minutes=30), "14 hours 30 minutes"),
        (3600, "1 hour"),
        (3599.6, "1 hour"),  # (to the nearest minute: a reset "59 minutes" away was an hour away)
        (2 * 86400 + 30, "2 days"),
        (60, "1 minute"),
        (29, "less than a minute"),
        (0, "less than a minute"),
    ],
)
def test_a_span_is_said_in_its_largest_unit_and_the_next(length, said):
    assert span(length) == said


def test_a_reports_period_of_hours_and_minutes_is_said_so_not_in_decimal_hours():
    """`report --since 14h30m`-like periods: the per-day note said "14.5 hours"; a 31-day month is still 31 days."""
    day = pd.Timestamp("2026-12-01", tz="UTC")
    night = Period(day, day + pd.Timedelta(hours=14, minutes=30), "UTC")
    before = Period(day - pd.Timedelta(days=7), day - pd.Timedelta(days=6), "UTC")
    note = per_day_note(night, before)
    assert f"is 14 hours 30 minutes long, {before.label()} 1 day (changes" in note
