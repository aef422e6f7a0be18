"""Compiled queries over whole columns: every operator, fields, and term lists == their query form."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse.config import Brand, Topic, load_config, parse_brand_option, parse_brands, parse_topics, tomllib
from brandpulse.enrich.brands import match_brands
from brandpulse.enrich.matching import Rule, TermMatcher, fold_series
from brandpulse.enrich.query import QueryMatcher, parse_query, terms_query
from brandpulse.enrich.topics import tag_topics
from brandpulse.errors import ConfigError, on_the_command_line
from brandpulse.report.query_check import check_query
from brandpulse.sources import load

FIXTURE = Path(__file__).parent / "fixtures" / "query_posts.csv"
# post_id -> text, for reading the expectations below:
#  1 My new Apple iPhone battery died after an hour       7 The delta variant cancelled my Delta flight
#  2 Grandma's apple pie recipe is the best                8 Photos of the river delta at sunset
#  3 Apple released a shiny new Mac today                  9 Thanks for flying Delta Air Lines today (@Delta)
#  4 AA lost my bag again. Worst airline                  10 Apple ou Samsung? Le nouvel iPhone est cher (fr)
#  5 aa meetings help many people                         11 Samsung Galaxy is better than the Apple iPhone
#  6 Delivery was late and the courier never called       12 worst customer service ever from @AppleSupport #fail


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return load(FIXTURE)


def ids(posts: pd.DataFrame, query: str) -> list[int]:
    hit = QueryMatcher([("q", query)]).hits(posts)[:, 0]
    return sorted(int(i) for i in posts.loc[hit, "post_id"])


def test_words_match_whole_words_case_insensitively(posts):
    assert ids(posts, "apple") == [1, 2, 3, 10, 11]  # not @AppleSupport (one word)
    assert ids(posts, "APPLE") == [1, 2, 3, 10, 11]
    assert ids(posts, "appl") == []


def test_and_or_not_minus(posts):
    assert ids(posts, "apple AND iphone") == [1, 10, 11]
    assert ids(posts, "iphone OR mac") == [1, 3, 10, 11]
    assert ids(posts, 'apple AND NOT "apple pie"') == [1, 3, 10, 11]
    assert ids(posts, "apple -samsung") == [1, 2, 3]
    assert ids(posts, "apple AND NOT (samsung OR pie)") == [1, 3]


def test_precedence_and_before_or(posts):
    # samsung OR (apple AND mac) -> 10, 11, 3 ; (samsung OR apple) AND mac -> 3
    assert ids(posts, "samsung OR apple AND mac") == [3, 10, 11]
    assert ids(posts, "(samsung OR apple) AND mac") == [3]


def test_phrases(posts):
    assert ids(posts, '"delta air lines"') == [9]
    assert ids(posts, '"apple pie"') == [2]
    assert ids(posts, '"pie apple"') == []


def test_handles_and_hashtags(posts):
    assert ids(posts, "@applesupport") == [12]
    assert ids(posts, "#fail") == [12]
    assert ids(posts, "fail") == [12]  # a word matches its hashtag
    assert ids(posts, "#worst") == []


def test_wildcards(posts):
    assert ids(posts, "deliver*") == [6]
    assert ids(posts, "air*") == [4, 9]  # airline, air
    assert ids(posts, "cour?er") == [6]
    assert ids(posts, "cour?r") == []  # ? is exactly one character
    assert ids(posts, "wo*st") == [4, 12]


def test_case_sensitive_acronym(posts):
    assert ids(posts, "aa") == [4, 5]
    assert ids(posts, "{AA}") == [4]
    assert ids(posts, "{AA} AND bag") == [4]


def test_case_sensitive_wildcards(posts):
    """`{iPhone*}` looked for a literal `*` and matched nothing, without a word."""
    assert ids(posts, "{iPhone*}") == [1, 10, 11]
    assert ids(posts, "{iPhon?}") == [1, 10, 11]
    assert ids(posts, "{IPHONE*}") == []
    assert ids(posts, "{Appl*} NEAR/0f {iPhone}") == [1, 11]
    assert ids(posts, "{AppleSup*}") == [12] and ids(posts, "{applesup*}") == []
    with pytest.raises(ConfigError, match="at least 2 letters before a wildcard"):
        parse_query("{A*}")


def test_near_either_order_and_in_order(posts):
    # post 1: apple(3) iphone(4); post 11: apple(6) iphone(7); post 10: apple(0) ... iphone(5); post 3: apple(0) mac(5)
    assert ids(posts, "apple NEAR/0 iphone") == [1, 11]
    assert ids(posts, "iphone NEAR/0 apple") == [1, 11]
    assert ids(posts, "iphone NEAR/0f apple") == []
    assert ids(posts, "apple NEAR/0f iphone") == [1, 11]
    assert ids(posts, "apple NEAR/4 (iphone OR mac)") == [1, 3, 10, 11]  # 10 and 3: 4 words between
    assert ids(posts, "apple NEAR/3 (iphone OR mac)") == [1, 11]


def test_phrase_proximity(posts):
    assert ids(posts, '"apple iphone"~0') == [1, 11]
    assert ids(posts, '"apple iphone"~5') == [1, 10, 11]
    # three words: released(1) shiny(3) mac(5) span 4 words; allowed 3 - 1 + n
    assert ids(posts, '"mac released shiny"~1') == []
    assert ids(posts, '"mac released shiny"~2') == [3]


def test_except_and_its_use_in_near(posts):
    # post 7 has "delta variant" and, outside it, "Delta flight"; post 8 only "river delta"
    assert ids(posts, 'delta EXCEPT ("delta variant" OR "river delta")') == [7, 9]
    assert ids(posts, 'delta AND NOT ("delta variant" OR "river delta")') == [9]
    assert ids(posts, 'delta EXCEPT "delta variant" NEAR/0f flight') == [7]
    assert ids(posts, 'delta EXCEPT "delta variant" NEAR/0f variant') == []


def test_fields(posts):
    assert ids(posts, "author:delta") == [9]  # @Delta, the @ is ignored
    assert ids(posts, "author:@DELTA") == [9]
    assert ids(posts, "author:pat*") == [6]
    assert ids(posts, "platform:reddit OR platform:bluesky") == [3, 10]
    twitter = ids(posts, "platform:twitter")
    assert twitter and ids(posts, "platform:x") == twitter  # X's posts are read as twitter; `x` names them too
    assert ids(posts.assign(platform=posts["platform"].replace({"twitter": "X"})), "platform:twitter") == twitter
    assert ids(posts, "apple AND lang:fr") == [10]
    assert ids(posts, "apple AND NOT lang:en") == [10]
    # (a three-letter code or a language's name, as a file's `lang` is read: `lang:fra` and `lang:French` matched none)
    assert ids(posts, "apple AND lang:fra") == ids(posts, "apple AND lang:fre") == [10]
    assert ids(posts, "apple AND lang:French") == [10]
    assert ids(posts, "apple AND NOT lang:eng") == [10]
    # (a review Google translated from French, `en-t-fr`: English and the customer's French; `lang:fr` left it out)
    translated = posts.assign(lang=posts["lang"].astype("string").mask(posts["lang"].eq("fr"), "en-t-fr"))
    assert ids(translated, "apple AND lang:fr") == [10] and 10 in ids(translated, "apple AND lang:en")
    assert ids(translated, "apple AND lang:f") == []
    assert ids(posts, "site:reddit.com") == [3]  # www. dropped
    assert ids(posts, "site:don.social") == []  # whole domain labels, not any suffix of the string
    assert ids(posts, "site:mastodon.social") == [6]
    # a site value is read as a host, as the urls are: www. dropped, a URL by its host (`site:www.reddit.com`
    # matched nothing; `site:https://...` was an error, "unknown field 'https'")
    for value in ("www.reddit.com", "https://www.reddit.com/r/apple", '"https://reddit.com"', "REDDIT.com:443"):
        assert ids(posts, f"site:{value}") == [3], value
    assert ids(posts, "site:https://twitter.com AND apple") == [1, 2, 11]
    assert ids(posts, "text:delta AND author:(covid OR geo)") == [7, 8]


def test_fields_missing_from_the_frame_match_nothing():
    df = pd.DataFrame({"text": ["apple"]})
    hits = QueryMatcher([("q", "apple AND NOT author:bob"), ("r", "author:bob")]).hits(df)
    assert hits.tolist() == [[True, False]]


def test_many_queries_share_one_scan(posts):
    m = QueryMatcher([("a", "apple NEAR/0 iphone"), ("b", "apple AND mac"), ("c", "{AA}")])
    assert sorted(m.keys) == [("aa", False), ("apple", False), ("iphone", False), ("mac", False)]
    hits = m.hits(posts)
    assert hits.sum(axis=0).tolist() == [2, 1, 1]


RULES = [
    ("Delta", ["Delta", "Delta Air Lines", "@Delta", "#DeltaAirlines"], ["delta variant", "river delta"]),
    ("Apple", ["apple", "iphone*", "mac"], ["apple pie"]),
    ("United", ["united", "united airlines"], ["united states", "manchester united", "united nations"]),
    ("Cancel", ["cancel*"], ["cancel culture"]),
]
CORPUS = [
    "The delta variant cancelled my Delta flight",
    "the delta variant is spreading",
    "river delta photos and the delta variant",
    "Flying @Delta today #DeltaAirlines",
    "apple pie and an apple watch",
    "apple pie",
    "iPhones and Macs",
    "macintosh is not a mac",
    "united states of america, and united airlines",
    "manchester united won; united nations met",
    "cancel culture is everywhere",
    "they cancelled cancel culture",
    "",
    None,
    "Delta Air Lines: united we stand",
]


def test_term_lists_equal_their_query_form():
    """`terms` + `exclude` give exactly what `(t1 OR t2) EXCEPT (x1 OR x2)` gives, built or written out."""
    texts = pd.Series(CORPUS, dtype="string[pyarrow]")
    df = pd.DataFrame({"text": texts})
    plain = TermMatcher([Rule(n, tuple(t), tuple(x)) for n, t, x in RULES]).hits(texts)
    built = QueryMatcher([(n, terms_query(t, x)) for n, t, x in RULES]).hits(df)
    written = QueryMatcher(
        [
            (
                "Delta",
                '(delta OR "delta air lines" OR @delta OR #deltaairlines) EXCEPT ("delta variant" OR "river delta")',
            ),
            ("Apple", '(apple OR iphone* OR mac) EXCEPT "apple pie"'),
            (
                "United",
                '(united OR "united airlines") EXCEPT ("united states" OR "manchester united" OR "united nations")',
            ),
            ("Cancel", 'cancel* EXCEPT "cancel culture"'),
        ]
    ).hits(df)
    assert np.array_equal(plain, built)
    assert np.array_equal(plain, written)
    # checked by hand: Delta rows 0, 3, 14; Apple 4, 6, 7; United 8, 14; Cancel 0, 11
    assert [np.flatnonzero(plain[:, j]).tolist() for j in range(4)] == [[0, 3, 14], [4, 6, 7], [8, 14], [0, 11]]
    # without the parentheses EXCEPT binds to `mac` only, so row 5 ("apple pie") matches
    loose = QueryMatcher([("Apple", 'apple OR iphone* OR mac EXCEPT "apple pie"')]).hits(df)[:, 0]
    assert np.flatnonzero(loose).tolist() == [4, 5, 6, 7]


def test_term_lists_equal_their_query_form_on_the_fixture(posts):
    rules = [
        ("Delta", ["delta", "delta air lines"], ["delta variant", "river delta"]),
        ("Apple", ["apple"], ["apple pie"]),
    ]
    plain = TermMatcher([Rule(n, tuple(t), tuple(x)) for n, t, x in rules]).hits(posts["text"])
    built = QueryMatcher([(n, terms_query(t, x)) for n, t, x in rules]).hits(posts)
    assert np.array_equal(plain, built)


def test_brands_with_only_terms_are_unchanged_and_queries_are_ored(posts):
    delta = Brand("Delta", ["delta"], ["delta variant"])
    before = match_brands(posts, [delta])["brands"].tolist()
    apple = Brand("Apple", ["mac"], query="apple NEAR/0 iphone AND NOT samsung")
    after = match_brands(posts, [delta, apple])
    delta_after = ["Delta" if "Delta" in v.split(";") else "" for v in after["brands"]]
    assert delta_after == before  # Delta's column unchanged by the query brand
    assert before.count("Delta") == 3  # 7 (a delta outside "delta variant"), 8 (river delta), 9
    got = dict(zip(after["post_id"].astype(int), after["brands"], strict=True))
    assert got[1] == "Apple"  # query
    assert got[3] == "Apple"  # term "mac"
    assert got[11] == ""  # query excludes samsung; no term
    assert got[7] == "Delta" and got[9] == "Delta" and got[2] == ""


def test_brand_query_only_without_terms(posts):
    out = match_brands(posts, [Brand("AA", [], query="{AA} AND bag")])
    assert out.loc[out["brands"] == "AA", "post_id"].tolist() == ["4"]


def test_topic_query_is_ored_with_keywords(posts):
    topics = [Topic("complaint", keywords=["worst"], query="(late OR never) NEAR/5 (courier OR called)")]
    out = tag_topics(posts, topics)
    assert out.loc[out["topics"] == "complaint", "post_id"].astype(int).tolist() == [4, 6, 12]


def test_config_accepts_query_and_reports_errors_with_table_and_column(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(
        "[brands.Apple]\nquery = 'apple NEAR/3 (iphone OR mac) AND NOT \"apple pie\"'\n"
        '[topics.complaints]\nquery = "worst OR (never NEAR/3 replied)"\n'
    )
    cfg = load_config(good)
    assert cfg.brands[0].query.startswith("apple NEAR/3") and cfg.brands[0].terms == []
    assert cfg.topics[-1].name == "complaints" and cfg.topics[-1].query
    bad = tmp_path / "bad.toml"
    bad.write_text("[brands.Apple]\nquery = 'apple AND (iphone'\n")
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    assert str(info.value) == f"{bad}: [brands.Apple]: query 'apple AND (iphone' at 18: expected ')' to close '(' at 11"
    bad.write_text("[topics.x]\nquery = 'late NEAR/three delay'\n")
    with pytest.raises(ConfigError, match=r"\[topics.x\]: query 'late NEAR/three delay' at 6: expected NEAR/n"):
        load_config(bad)


def test_a_config_checks_each_query_and_regex_once(tmp_path, monkeypatch):
    """The file's tables checked their queries and regexes, then the Brand and Topic made of them again."""
    import brandpulse.config

    parsed, compiled = [], []
    monkeypatch.setattr(brandpulse.config, "parse_query", lambda q: parsed.append(q) or parse_query(q))
    monkeypatch.setattr(re, "compile", lambda rx, *a, _compile=re.compile: compiled.append(rx) or _compile(rx, *a))
    path = tmp_path / "c.toml"
    path.write_text(
        "[brands.Apple]\nquery = 'apple NEAR/3 mac'\n[topics.wifi]\nregex = ['wi-?fi']\nquery = 'slow AND wifi'\n"
    )
    load_config(path)
    assert sorted(parsed) == ["apple NEAR/3 mac", "slow AND wifi"] and compiled == ["wi-?fi"]
    parse_brand_option("Apple=apple NEAR/3 (iphone OR mac)")
    assert parsed[2:] == ["apple NEAR/3 (iphone OR mac)"]


def test_brand_option_takes_a_query_or_a_term_list():
    assert parse_brand_option("Delta=Delta,Delta Air Lines") == Brand("Delta", ["Delta", "Delta Air Lines"])
    q = parse_brand_option("Apple=apple NEAR/3 (iphone OR mac)")
    assert q.terms == [] and q.query == "apple NEAR/3 (iphone OR mac)"
    with pytest.raises(ConfigError, match=r"^brand Apple: query 'apple AND' at 10: expected a term after AND"):
        parse_brand_option("Apple=apple AND")
    with on_the_command_line(), pytest.raises(ConfigError, match=r"^--brand Apple: query 'apple AND' at 10: "):
        parse_brand_option("Apple=apple AND")


def test_parse_once_used_by_matcher():
    root = parse_query("apple OR mac")
    assert QueryMatcher([("x", root)]).roots == [root]


WORDS = ["delta", "air", "lines", "variant", "river", "apple", "pie", "applepie", "cancel", "cancelled", "the"]
TOKENS = [*WORDS, "@delta", "#delta", "Delta's", "DÉLTA,"]
word_lists = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from([*WORDS, "@delta", "#delta", "Delta's", "DELTA,"]), max_size=8), max_size=6
    ),
    terms=st.lists(st.one_of(word_lists, st.sampled_from(["cancel*", "del*", "@delta"])), min_size=1, max_size=3),
    exclude=st.lists(st.one_of(word_lists, st.just("air*")), max_size=2),
)
def test_term_lists_equal_their_query_form_on_random_corpora(texts, terms, exclude):
    series = pd.Series([" ".join(t) for t in texts], dtype="string[pyarrow]")
    plain = TermMatcher([Rule("x", tuple(terms), tuple(exclude))]).hits(series)
    query = QueryMatcher([("x", terms_query(terms, exclude))]).hits(pd.DataFrame({"text": series}))
    assert np.array_equal(plain, query)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 9), st.integers(0, 4), st.integers(0, 2), st.booleans()),
        min_size=1,
        max_size=20,
    )
)
def test_outside_excluded_keeps_terms_no_exclude_of_their_text_and_label_covers(matches):
    from brandpulse.enrich.matching import _outside_excluded

    rows, start, length, labels, excluded = (np.array(c) for c in zip(*matches, strict=True))
    end = start + length
    found = list(zip(rows, start, end, labels, excluded, strict=True))
    # by the definition: a term is dropped when an exclude of its text and label spans it
    covered = [
        not x and any(ex and (r2, l2) == (r, la) and s2 <= s and e <= e2 for r2, s2, e2, l2, ex in found)
        for r, s, e, la, x in found
    ]
    assert _outside_excluded(rows, start, end, labels, excluded).tolist() == [not c for c in covered]


def test_case_sensitive_terms_ignore_accents_but_not_case():
    df = pd.DataFrame({"text": ["Café Nero", "Cafe Nero", "CAFÉ NERO", "café nero", "the Cafés"]})
    hit = QueryMatcher([("q", "{Café}"), ("p", "{Cafe Nero} NEAR/0 nero")]).hits(df)
    assert np.flatnonzero(hit[:, 0]).tolist() == [0, 1]
    assert not hit[:, 1].any()  # a phrase cannot be near a word inside itself


def doc_tables() -> dict:
    """The TOML examples of README's query section, merged: they must load and mean what the text says."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    text = readme.split("## Boolean queries", 1)[1].split("\n## ", 1)[0]
    merged: dict = {"brands": {}, "topics": {}}
    for block in re.findall(r"```toml\n(.*?)```", text, re.S):
        for section, tables in tomllib.loads(block).items():
            merged[section].update(tables)
    return merged


def test_documented_examples_load_and_match(tmp_path, posts):
    data = doc_tables()
    brands = {b.name: b for b in parse_brands(data, "docs")}
    topics = {t.name: t for t in parse_topics(data, "docs")}
    assert set(brands) == {"Apple", "Delta", "Galaxy"} and set(topics) == {"comparison", "complaints"}
    out = match_brands(posts, [brands["Delta"], brands["Apple"]])
    got = dict(zip(out["post_id"].astype(int), out["brands"], strict=True))
    assert [k for k, v in got.items() if "Delta" in v] == [7, 9]  # 8 is the river delta
    assert [k for k, v in got.items() if "Apple" in v] == [1, 3, 10, 11]  # 10: 4 words between; 2: pie
    extra = pd.DataFrame(
        {
            "text": [
                "Delta is way better than United these days",
                "Delta vs United: who wins?",
                "united we stand, delta blues",
                "I flew Delta and AA this week, switched to AA for good",
            ],
            "author": ["fan", "united", "x", "y"],
            "lang": ["en"] * 4,
        }
    )
    hit = QueryMatcher([("c", topics["comparison"].query)]).hits(extra)[:, 0]
    # 1 author united is an own account; 2 has no comparison word
    assert hit.tolist() == [True, False, False, True]


def test_term_matcher_spans_give_offsets_outside_exclusions():
    m = TermMatcher([Rule("d", ("delta", "air*"), ("delta variant",))])
    texts = pd.Series(["the delta variant and Delta airline", "", "delta"], dtype="string[pyarrow]")
    rows, labels, starts, ends = m.spans(fold_series(texts))
    got = sorted(zip(rows.tolist(), labels.tolist(), starts.tolist(), ends.tolist(), strict=True))
    # "Delta" at 22..26 and "air" (prefix of airline) at 28..30; the delta at 4 is inside "delta variant"
    assert got == [(0, 0, 22, 26), (0, 0, 28, 30), (2, 0, 0, 4)]
    assert m.hits(texts)[:, 0].tolist() == [True, False, True]


def test_check_query_near_misses_and_term_counts(posts):
    check = check_query(posts, "(apple OR delta) AND NOT (pie OR variant OR river)", sample=10, seed=0)
    assert check.query == "(apple OR delta) AND NOT (pie OR variant OR river)"
    assert sorted(check.matched["post_id"].astype(int)) == [1, 3, 9, 10, 11]
    # near-misses: have apple or delta but fail: 2 (pie), 7 (variant), 8 (river); negated terms alone don't count
    assert sorted(check.near_miss_sample["post_id"].astype(int)) == [2, 7, 8] and check.near_misses == 3
    assert check.terms.to_dict("list") == {
        "term": ["apple", "delta"],
        "matched": [4, 1],
        "near_misses": [1, 2],
        "posts": [5, 3],
    }
    assert check.near_miss_sample.set_index("post_id")["terms"].to_dict() == {"2": "apple", "7": "delta", "8": "delta"}


def test_check_query_near_misses_need_a_text_term_not_a_field_alone(posts):
    """`apple AND lang:en` called every English post a near-miss (`lang:en` was one of its terms): 8 near-misses, 7 of
    them with no apple at all, where the one post that almost matched is the French one. A field counts in the terms
    table, but a near-miss holds a word of the query; a query of fields only keeps them as its near-misses."""
    check = check_query(posts, "apple AND lang:en", sample=20, seed=0)
    assert sorted(check.matched["post_id"].astype(int)) == [1, 2, 3, 11]
    assert check.near_misses == 1 and check.near_miss_sample["post_id"].astype(int).tolist() == [10]
    assert check.terms.to_dict("list") == {
        "term": ["lang:en", "apple"],
        "matched": [4, 4],
        "near_misses": [0, 1],
        "posts": [11, 5],
    }
    fields = check_query(posts, "platform:reddit AND lang:fr", sample=20, seed=0)
    assert len(fields.matched) == 0
    assert sorted(fields.near_miss_sample["post_id"].astype(int)) == [3, 10] and fields.near_misses == 2


def test_a_phrase_matches_its_hyphenated_spelling():
    """`"coca cola"` missed "Coca-Cola" (and `"t-mobile"` missed "T Mobile"), as a term list did."""
    texts = pd.DataFrame({"text": ["Coca-Cola zero", "coca cola", "t mobile bill", "T-Mobile bill", "cocacola"]})
    hits = QueryMatcher([("coke", '"coca cola"'), ("tmo", '"t-mobile" NEAR/2 bill')]).hits(texts)
    assert hits[:, 0].tolist() == [True, True, False, False, False]
    assert hits[:, 1].tolist() == [False, False, True, True, False]


def test_a_case_sensitive_term_matches_its_hyphenated_spelling_in_its_case():
    """`{Coca Cola}` missed "Coca-Cola" (and `{T-Mobile}` "T Mobile"): the hyphen/space rule was for folded
    terms only. The case still counts: "coca-cola" is not `{Coca Cola}`."""
    texts = pd.DataFrame(
        {"text": ["Coca-Cola zero", "Coca Cola", "coca-cola", "T Mobile bill", "T-Mobile", "t mobile", "CocaCola"]}
    )
    hits = QueryMatcher([("coke", "{Coca Cola}"), ("tmo", "{T-Mobile} NEAR/2 bill"), ("pat", "{Coca-C?la}")]).hits(
        texts
    )
    assert hits[:, 0].tolist() == [True, True, False, False, False, False, False]
    assert hits[:, 1].tolist() == [False, False, False, True, False, False, False]
    assert hits[:, 2].tolist() == [True, True, False, False, False, False, False]


def test_near_counts_japanese_words_with_voicing_marks_as_one():
    """Posts in kana were folded (NFKD) since stop 40, their voicing marks written apart: "デザイン"
    was "テ\u3099サ\u3099イン", three words for NEAR/n (Python's `\\w` takes no mark), so
    `ユニクロ NEAR/1 セール` no longer matched "ユニクロ デザイン セール", one word between. The
    marks are dropped, as accents are: "ガスト" is "カスト", half-width "ｶﾞｽﾄ" too."""
    brands = [parse_brand_option("Uniqlo=ユニクロ NEAR/1 セール"), parse_brand_option("Gusto=ガスト NEAR/0 ランチ")]
    texts = ["ユニクロ デザイン セール", "ユニクロ デザイン 半額 セール", "ｶﾞｽﾄ ランチ", "ガスト デザート ランチ"]
    out = match_brands(pd.DataFrame({"text": pd.Series(texts)}), brands)
    assert out["brands"].tolist() == ["Uniqlo", "", "Gusto", ""]


def test_intent_matches_any_of_a_posts_intents():
    """Stop 54: `intent:` reads every intent a post has (`intents`, `intent` first), else its `intent` alone (a frame
    of analyze before `intents`); `intent:purchase*` a pattern over each. By hand: 1 is a suggestion and a complaint,
    2 a question, 3 none, 4 a purchase-intent (its `intent` alone)."""
    df = pd.DataFrame(
        {
            "post_id": ["1", "2", "3", "4"],
            "text": ["a bag lost, please add a tracker", "pets allowed?", "nothing today", "which is better"],
            "intent": ["suggestion", "question", "", "purchase-intent"],
            "intents": ["suggestion;complaint", "question", "", None],
        }
    )

    def matched(query):
        return df.loc[QueryMatcher([("q", query)]).hits(df)[:, 0], "post_id"].tolist()

    assert matched("intent:complaint") == ["1"]
    assert matched("intent:suggestion") == ["1"]
    assert matched("intent:Question OR intent:complaint") == ["1", "2"]
    assert matched("intent:purchase*") == ["4"]
    assert matched("intent:purchase") == []  # (a whole intent's name, not a part)
    assert matched("(nothing OR which) AND NOT intent:complaint") == ["3", "4"]
    assert matched("bag AND intent:complaint") == ["1"]


def test_a_brand_or_topic_query_cannot_read_intent():
    """Intents are tagged after brands and topics: a config's `intent:` is a config error at load, saying where."""
    with pytest.raises(ConfigError, match=r"query reads intent:, which is tagged after a post's brands and topics"):
        parse_brands(tomllib.loads('[brands.A]\nquery = "acme AND intent:complaint"\n'), "c.toml")
    with pytest.raises(ConfigError, match=r"topics.*query reads intent:"):
        parse_topics(tomllib.loads('[topics.x]\nquery = "bag AND intent:complaint"\n'), "c.toml")
