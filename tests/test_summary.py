"""Per-brand tables against values counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from brandpulse.config import Brand, Config
from brandpulse.report.summary import (
    NO_BRAND,
    brand_counts,
    brand_summary,
    extreme_posts,
    round_pct,
    split_posts,
    topic_counts,
    topic_summary,
)

# 6 posts: A in 4 (2 pos, 1 neu, 1 neg), B in 2 (0 pos, 0 neu, 2 neg) -- one post names both -- 1 with no brand.
POSTS = pd.DataFrame(
    {
        "post_id": list("123456"),
        "platform": ["x"] * 6,
        "author": list("uvwxyz"),
        "text": ["a1", "a2", "a3", "a+b", "b", "none"],
        "brands": ["A", "A", "A", "A;B", "B", ""],
        "topics": ["delays", "delays;food", "", "delays", "food", "delays"],
        "sentiment": [0.5, 0.3, 0.0, -0.4, -0.9, 0.2],
        "sentiment_label": ["positive", "positive", "neutral", "negative", "negative", "positive"],
        "likes": [1, 0, 0, 10, 0, 0],
        "reposts": [0] * 6,
        "replies": [0] * 6,
    }
)
CONFIG = Config(brands=[Brand("A", ["a"]), Brand("B", ["b"], competitor=True), Brand("C", ["c"])])


def test_brand_summary_by_hand():
    s = brand_summary(POSTS, CONFIG).set_index("brand")
    assert s.index.tolist() == ["A", "B", "C", NO_BRAND]
    a, b, c = s.loc["A"], s.loc["B"], s.loc["C"]
    assert (a.mentions, a.positive, a.neutral, a.negative) == (4, 2, 1, 1)
    assert a.nss == 25.0  # (2 - 1) / 4
    assert a.share_of_voice == pytest.approx(66.7)  # 4 of 6 brand mentions
    assert a.avg_sentiment == pytest.approx((0.5 + 0.3 + 0.0 - 0.4) / 4)
    assert (b.mentions, b.negative, b.nss, b.share_of_voice) == (2, 2, -100.0, pytest.approx(33.3))
    assert bool(b.competitor) and not bool(a.competitor)
    assert c.mentions == 0 and pd.isna(c.nss)
    assert s.loc[NO_BRAND].mentions == 1 and pd.isna(s.loc[NO_BRAND].share_of_voice)


def test_topic_summary_by_hand():
    t = topic_summary(POSTS, top=None)
    rows = {(r.brand, r.topic): (r.mentions, r.nss) for r in t.itertuples()}
    assert rows[("A", "delays")] == (3, pytest.approx(100 * (2 - 1) / 3, abs=0.05))
    assert rows[("A", "food")] == (1, 100.0)
    assert rows[("B", "food")] == (1, -100.0)
    assert rows[(NO_BRAND, "delays")] == (1, 100.0)
    assert ("A", "") not in rows
    ordered = topic_summary(POSTS.assign(brands=POSTS["brands"].replace("A", "C")), CONFIG, top=None)
    # like brand_summary(df, config): config order (A, B, C), then (no brand), whatever the names sort as
    assert list(dict.fromkeys(ordered["brand"])) == ["A", "B", "C", NO_BRAND]


def test_topic_summary_without_topics_has_the_columns_of_one_with_topics():
    # a slice with no topic tagged (or no posts) gave 4 columns, without positive and negative
    expected = ["brand", "topic", "mentions", "positive", "negative", "nss"]
    assert topic_summary(POSTS, CONFIG).columns.tolist() == expected
    assert topic_summary(POSTS.assign(topics=""), CONFIG).columns.tolist() == expected
    assert topic_summary(POSTS.iloc[:0], CONFIG).columns.tolist() == expected


def test_topic_summary_counts_each_brand_with_its_own_sentiment():
    """Post 4 ("a+b", delays) reads negative as a whole; with A=+0.6 and B=-0.6 of its own, A's delays
    are 3 positive of 3 (NSS +100, was +33.3), and B gets a delays row at -100."""
    posts = POSTS.assign(brand_sentiments=["", "", "", "A=0.6000;B=-0.6000", "", ""])
    rows = {(r.brand, r.topic): (r.mentions, r.nss) for r in topic_summary(posts, top=None).itertuples()}
    assert rows[("A", "delays")] == (3, 100.0)
    assert rows[("B", "delays")] == (1, -100.0)
    assert rows[("A", "food")] == (1, 100.0) and rows[(NO_BRAND, "delays")] == (1, 100.0)


def test_counts_of_a_shared_split_are_the_counts():
    """A chunk splits its posts once (`split_posts`) for both counts: the same tables as each alone."""
    posts = POSTS.assign(brand_sentiments=["", "", "", "A=0.6000;B=-0.6000", "", ""])
    for df in (posts, POSTS):  # with posts naming several brands, and without brand_sentiments
        split = split_posts(df, 0.05, -0.05)
        pd.testing.assert_frame_equal(brand_counts(df, 0.05, -0.05, split), brand_counts(df, 0.05, -0.05))
        pd.testing.assert_frame_equal(topic_counts(df, 0.05, -0.05, split), topic_counts(df, 0.05, -0.05))
    assert split_posts(POSTS)[1] is None and len(split_posts(posts)[1]) == 2  # post 4, once per brand


def test_extreme_posts():
    neg, pos = extreme_posts(POSTS, 2)
    assert neg["post_id"].tolist() == ["5", "4"]
    assert pos["post_id"].tolist() == ["1", "2"]


def test_extreme_posts_list_only_the_posts_the_brand_table_counts_negative_or_positive():
    """A neutral "meh" (-0.04, below 0 but above the -0.05 threshold) was listed among the most negative
    posts when few posts were, beside a table counting it neutral; +0.03 among the positive ones. The
    lists now hold the posts labelled so: the config's thresholds, -0.05 and 0.05 without one."""
    posts = POSTS.assign(
        sentiment=[0.5, 0.03, -0.04, -0.3, -0.9, 0.2],
        sentiment_label=["positive", "neutral", "neutral", "negative", "negative", "positive"],
    )
    neg, pos = extreme_posts(posts, 5)
    assert neg["post_id"].tolist() == ["5", "4"] and pos["post_id"].tolist() == ["1", "6"]
    # a config's thresholds: -0.3 is not below -0.5 (neutral in its table), +0.2 not above 0.4
    strict = Config(brands=CONFIG.brands, positive=0.4, negative=-0.5)
    neg, pos = extreme_posts(posts, 5, config=strict)
    assert neg["post_id"].tolist() == ["5"] and pos["post_id"].tolist() == ["1"]
    # a brand's own score in a post naming several counts with the same thresholds (A -0.04: neutral)
    several = posts.assign(brand_sentiments=["", "", "", "A=-0.0400;B=0.0300", "", ""], sentiment=[0.5, 0, 0, 0, 0, 0])
    assert [f.empty for f in extreme_posts(several, 5)] == [True, False]


def test_extreme_posts_break_ties_by_engagement_then_input_order():
    posts = POSTS.assign(
        sentiment=[-0.5, -0.5, -0.5, 0.7, 0.7, 0.7],
        likes=pd.array([1, 5, None, 0, 3, 0], dtype="Int64"),  # a missing count is 0
        reposts=[0, 0, 2, 0, 0, 0],
    )
    neg, pos = extreme_posts(posts, 3)
    assert neg["post_id"].tolist() == ["2", "3", "1"]  # engagement 5, 2, 1
    assert pos["post_id"].tolist() == ["5", "4", "6"]  # 3, then 0 and 0 in input order


def test_summaries_of_posts_not_analyzed_say_so():
    """`brand_summary(brandpulse.load(...))` (analyze forgotten): a KeyError "None of [Index([...])] are in
    the [columns]" that named no step to take."""
    from brandpulse.errors import InputError

    posts = POSTS.drop(columns=["brands", "topics", "sentiment", "sentiment_label"])
    with pytest.raises(InputError, match=r"brand_summary\(\) counts analyze\(\)'s output: no columns 'brands', "):
        brand_summary(posts, CONFIG)
    with pytest.raises(InputError, match=r"topic_summary\(\) .*: no column 'topics'; run brandpulse.analyze"):
        topic_summary(POSTS.drop(columns=["topics"]), CONFIG)
    with pytest.raises(InputError, match=r"extreme_posts\(\) .*: no column 'sentiment'"):
        extreme_posts(POSTS.drop(columns=["sentiment"]))


def test_extreme_posts_with_the_config_leave_out_the_brands_own_posts():
    """`extreme_posts(enriched)` put the brand's own apology first among the negative posts, where the
    CLI (and `brand_summary(enriched, config)`) leave the brands' own handles out."""
    config = Config(brands=[Brand("A", ["a"], handles=["@A_help"])])
    posts = pd.concat(
        [POSTS, POSTS.iloc[[4]].assign(post_id="7", author="A_Help", brands="A", sentiment=-0.95)], ignore_index=True
    )
    assert extreme_posts(posts, 2)[0]["post_id"].tolist() == ["7", "5"]
    neg, pos = extreme_posts(posts, 2, config=config)
    assert neg["post_id"].tolist() == ["5", "4"] and pos["post_id"].tolist() == ["1", "2"]
    assert extreme_posts(posts, 2, keep_index=True, config=config)[0].index.tolist() == [4, 3]


def test_extreme_posts_with_brands_configured_list_posts_naming_one():
    """Post 6 names no brand (+0.2): "Most positive posts" of a brand analysis could start with such a post.
    With a config naming brands the lists are of posts naming one; without brands, of all posts."""
    assert extreme_posts(POSTS, 5)[1]["post_id"].tolist() == ["1", "2", "6"]
    neg, pos = extreme_posts(POSTS, 5, config=CONFIG)
    assert neg["post_id"].tolist() == ["5", "4"] and pos["post_id"].tolist() == ["1", "2"]
    assert extreme_posts(POSTS, 5, config=Config())[1]["post_id"].tolist() == ["1", "2", "6"]


def test_extreme_posts_of_a_frame_without_some_columns():
    """A frame built by hand, or a selection such as `enriched[["brands", "sentiment", "text"]]`: a bare
    KeyError 'likes'. The columns it has are shown, and a count it lacks is none."""
    few = POSTS[["text", "brands", "sentiment", "likes"]]
    neg, pos = extreme_posts(few, 2)
    assert list(neg.columns) == ["brands", "sentiment", "text"]
    assert neg["text"].tolist() == ["b", "a+b"] and pos["text"].tolist() == ["a1", "a2"]
    # ties: the 10 likes of "a+b" put it first; without likes, the input order
    tied = few.assign(sentiment=[0.1, 0.1, 0.0, -0.5, -0.5, 0.0])
    assert extreme_posts(tied, 1)[0]["text"].tolist() == ["a+b"]
    assert extreme_posts(tied.drop(columns="likes"), 1)[0]["text"].tolist() == ["a+b"]
    assert extreme_posts(tied.drop(columns="likes").iloc[::-1], 1)[0]["text"].tolist() == ["b"]


def test_topic_summary_top_0_is_none_and_a_negative_count_is_an_error():
    """`top=0` gave every topic (0 was taken as "all", which is None); `top=-1` or `extreme_posts(n=-1)`
    kept all but the last."""
    assert topic_summary(POSTS, CONFIG, top=0).empty
    assert topic_summary(POSTS, CONFIG, top=1)[["brand", "topic"]].values.tolist() == [
        ["A", "delays"],
        ["B", "delays"],
        [NO_BRAND, "delays"],
    ]
    with pytest.raises(ValueError, match=r"top must be 0 or more, or None for all, not -1"):
        topic_summary(POSTS, CONFIG, top=-1)
    with pytest.raises(ValueError, match=r"n must be 0 or more, not -1"):
        extreme_posts(POSTS, -1)


def test_terminal_brand_table_tells_nss_by_its_sign_not_red_and_green(monkeypatch):
    """`analyze -f table` coloured NSS red, green and yellow: red and green are one colour to a colour-blind
    reader, and the report's terminal tables show the same figure by its sign alone."""
    import io
    import re

    from rich.console import Console

    from brandpulse.output.terminal import brand_table

    monkeypatch.delenv("NO_COLOR")  # (the tests' default: a terminal in colour here)
    out = io.StringIO()
    Console(file=out, width=120, force_terminal=True, color_system="truecolor").print(
        brand_table(brand_summary(POSTS, CONFIG))
    )
    text = out.getvalue()
    colours = re.findall(r"\x1b\[([0-9;]*)m", text)
    assert colours and not any(re.search(r"(^|;)(3[0-7]|38;2;\d+;\d+;\d+|9[0-7])(;|$)", c) for c in colours)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    rows = [row.split("│") for row in plain.splitlines() if row.startswith("│ ") and not row.startswith("│  ")]
    nss = {cells[1].split()[0]: cells[-3].strip() for cells in rows}  # (brand: NSS)
    assert nss["A"] == "+25.0" and nss["B"] == "-100.0" and nss["C"] == "-"
    # the key under the table starts at its left, each line (centred, its last line stood alone)
    key = [line for line in plain.splitlines() if "SoV:" in line or "mean score" in line]
    assert key and all(line.startswith(" SoV") or not line.startswith("  ") for line in key)


def test_terminal_brand_table_folds_a_long_name_whole():
    """At 80 columns a brand named without spaces was cut to "SuperLongBrandName…": no brand to tell."""
    from rich.console import Console

    from brandpulse.output.terminal import brand_table, topic_table

    long = "SuperLongBrandNameWithoutSpacesInternational"
    posts = POSTS.assign(brands=POSTS["brands"].str.replace("A", long))
    config = Config(brands=[Brand(long, ["a"]), Brand("B", ["b"], competitor=True)])
    console = Console(width=80, record=True)
    console.print(brand_table(brand_summary(posts, config)))
    console.print(topic_table(topic_summary(posts, config, top=3)))
    text = console.export_text()
    assert "…" not in text
    brands, topics = text.split("Top topics per brand")
    for table in (brands, topics):
        column = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
        assert long in "".join(column[:3])  # (folded over its first lines, in the brand column)


def test_extreme_posts_rank_a_post_naming_several_by_its_brands_own_scores():
    """ "switched from A to B, best decision ever" (+0.5 as a whole, A -0.6) was among the most positive posts
    with its brands "A;B", and never among the negative ones, though the brand table counts it negative for A.
    A post is now ranked by its lowest (highest) score, its own or a brand's, and keeps `brand_sentiments`."""
    posts = POSTS.assign(
        brand_sentiments=["", "", "", "A=-0.6000;B=0.7000", "", ""],  # post 4: -0.4 whole, A -0.6, B +0.7
        sentiment=[0.5, 0.3, 0.0, -0.4, -0.9, 0.2],
    )
    neg, pos = extreme_posts(posts, 3)
    # negative: 5 (-0.9), 4 (A -0.6); positive: 4 (B +0.7), 1 (+0.5), 2 (+0.3)
    assert neg["post_id"].tolist() == ["5", "4"]
    assert pos["post_id"].tolist() == ["4", "1", "2"]
    assert pos["sentiment"].tolist() == [-0.4, 0.5, 0.3]  # each post's own score, as analyze wrote it
    assert pos["brand_sentiments"].tolist() == ["A=-0.6000;B=0.7000", "", ""]
    # praise for B that is negative for A (-0.6 < 0 as a whole too would not list it first)
    praise = posts.assign(sentiment=[0.5, 0.3, 0.0, 0.65, -0.9, 0.2])
    assert extreme_posts(praise, 2)[0]["post_id"].tolist() == ["5", "4"]
    assert extreme_posts(praise, 1)[1]["post_id"].tolist() == ["4"]  # B +0.7 above post 1's +0.5


def test_the_terminal_shows_each_brands_own_score_beside_the_posts():
    """The posts tables' `sentiment` of a post naming several brands was the post's, which may be no brand's."""
    from rich.console import Console

    from brandpulse.output.terminal import posts_table, with_own_scores

    assert with_own_scores("A;B", "A=-0.6000;B=0.7000") == "A (-0.60), B (+0.70)"
    assert with_own_scores("A;B", "A=-0.6000;B=0.7000", only="B") == "B (+0.70)"
    assert with_own_scores("A", None) == "A" and with_own_scores("", "") == ""
    posts = POSTS.assign(brand_sentiments=["", "", "", "A=-0.6000;B=0.7000", "", ""])
    console = Console(width=120, record=True)
    console.print(posts_table(extreme_posts(posts, 2)[0], "Most negative posts"))
    lines = console.export_text().splitlines()
    assert "post sentiment" in lines[2]
    assert [line.split("│")[1:3] for line in lines[4:6]] == [
        ["          -0.90 ", " B                    "],
        ["          -0.40 ", " A (-0.60), B (+0.70) "],
    ]


def test_percentages_round_half_away_from_zero_as_a_spreadsheet_does():
    # A: 16 posts, 15 positive and 1 negative; B: 15 posts. By hand, as Excel's ROUND(x, 1):
    # negative 1/16 = 6.25 -> 6.3 (pandas' round gave 6.2), positive 15/16 = 93.75 -> 93.8, NSS 14/16 = 87.5,
    # share of voice 16/31 = 51.61 -> 51.6 and 15/31 = 48.39 -> 48.4
    n = 31
    posts = pd.DataFrame(
        {
            "post_id": [str(i) for i in range(n)],
            "text": ["a"] * 16 + ["b"] * 15,
            "brands": ["A"] * 16 + ["B"] * 15,
            "topics": [""] * n,
            "sentiment": [0.5] * 15 + [-0.5] + [0.5] * 15,
            "sentiment_label": ["positive"] * 15 + ["negative"] + ["positive"] * 15,
        }
    )
    config = Config(brands=[Brand("A", ["a"]), Brand("B", ["b"])])
    s = brand_summary(posts, config).set_index("brand")
    assert s.loc["A", ["negative_pct", "positive_pct", "nss", "share_of_voice"]].tolist() == [6.3, 93.8, 87.5, 51.6]
    assert s.loc["B", ["negative_pct", "positive_pct", "nss", "share_of_voice"]].tolist() == [0.0, 100.0, 100.0, 48.4]


def test_round_pct_halves_away_from_zero_and_never_minus_zero():
    got = round_pct(pd.Series([6.25, -6.25, 0.05, -0.04, 27.2727, float("nan")]))
    assert got.iloc[:5].tolist() == [6.3, -6.3, 0.1, 0.0, 27.3]
    assert str(got.iloc[3]) == "0.0"  # not -0.0 ("-0.0" in a CSV, "+-0.0" nowhere)
    assert pd.isna(got.iloc[5])


def test_terminal_brand_table_rounds_halves_away_from_zero_from_the_exact_figures():
    """avg 0.125 showed +0.12 (Python's format takes the even digit), while the report's figures round halves away
    from zero; and whole percents were rounded from the 0.1 figure: 5 of 11 positive, 45.45 %, is 45.5 in
    --summary-csv, and was shown 46 %. By hand: A 45 % / 55 %, avg (5 x 0.5 - 6 x 0.5) / 11 = -0.0455 -> -0.05;
    B (0.25 + 0) / 2 = 0.125 -> +0.13; C (-0.29 + 0) / 2 = -0.145 -> -0.15 (a float a hair above -0.145)."""
    from rich.console import Console

    from brandpulse.output.terminal import brand_table

    scores = [0.5] * 5 + [-0.5] * 6 + [0.25, 0.0, -0.29, 0.0]
    labels = ["positive"] * 5 + ["negative"] * 6 + ["positive", "neutral", "negative", "neutral"]
    posts = pd.DataFrame(
        {
            "post_id": [str(i) for i in range(15)],
            "text": ["a"] * 11 + ["b", "b", "c", "c"],
            "brands": ["A"] * 11 + ["B", "B", "C", "C"],
            "sentiment": scores,
            "sentiment_label": labels,
        }
    )
    summary = brand_summary(posts, CONFIG)
    assert summary.loc[0, ["positive_pct", "negative_pct"]].tolist() == [45.5, 54.5]  # (the 0.1 figures)
    console = Console(width=120, record=True)
    console.print(brand_table(summary))
    lines = console.export_text().splitlines()
    rows = {}
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0]:  # (a brand's row; its percents are on the line below its counts)
            below = [c.strip() for c in lines[i + 1].split("│")[1:-1]]
            rows[cells[0].split()[0]] = (below[3], below[5], cells[-1])
    assert rows == {"A": ("(45%)", "(55%)", "-0.05"), "B": ("(50%)", "(0%)", "+0.13"), "C": ("(0%)", "(50%)", "-0.15")}
    assert round_pct(pd.Series([0.125, -0.125, 0.145, -0.145, 0.285]), 2).tolist() == [0.13, -0.13, 0.15, -0.15, 0.29]


def test_a_count_that_is_no_whole_number_is_a_type_error_naming_the_keyword():
    """`extreme_posts(enriched, config)` (the config where `n` goes, as `brand_summary(enriched, config)` takes it)
    said "'<' not supported between instances of 'Config' and 'int'"; numpy's whole numbers are counts too."""
    import numpy as np

    with pytest.raises(TypeError, match=r"^extreme_posts\(\): n takes a whole number, not Config \(the config goes"):
        extreme_posts(POSTS, CONFIG)
    with pytest.raises(TypeError, match=r"^topic_summary\(\): top takes a whole number or None for all, not str$"):
        topic_summary(POSTS, CONFIG, top="3")
    with pytest.raises(TypeError, match=r"n takes a whole number, not float"):
        extreme_posts(POSTS, 2.5)
    negative, _ = extreme_posts(POSTS, np.int64(1), config=CONFIG)
    assert len(negative) == 1
    assert len(topic_summary(POSTS, CONFIG, top=np.int64(1))) == 3  # (A, B and (no brand): their largest topic)
