"""The query grammar: what each operator parses to, precedence, and the errors' columns."""

from __future__ import annotations

import pytest

from brandpulse.enrich.query import (
    And,
    Except,
    Near,
    Not,
    Or,
    QueryError,
    Term,
    Window,
    looks_like_query,
    parse_query,
    positive_terms,
)
from brandpulse.errors import ConfigError

A, B, C = Term("a1"), Term("b1"), Term("c1")


def test_or_and_not_and_parentheses():
    assert parse_query("a1 OR b1") == Or((A, B))
    assert parse_query("a1 AND b1") == And((A, B))
    assert parse_query("a1 AND NOT b1") == And((A, Not(B)))
    assert parse_query("a1 AND (b1 OR c1)") == And((A, Or((B, C))))


def test_minus_is_not_and_after_a_term_means_and_not():
    assert parse_query("a1 -b1") == And((A, Not(B)))
    assert parse_query("a1 AND -b1") == And((A, Not(B)))
    assert parse_query("a1 NOT b1") == And((A, Not(B)))  # the suites' binary NOT
    assert parse_query("a1 OR b1 -c1") == Or((A, And((B, Not(C)))))
    # a hyphen inside a word is part of the word
    assert parse_query("t-mobile") == Term("t-mobile")


def test_precedence_not_near_and_or():
    # AND binds tighter than OR
    assert parse_query("a1 OR b1 AND c1") == Or((A, And((B, C))))
    # NEAR binds tighter than AND
    assert parse_query("a1 AND b1 NEAR/2 c1") == And((A, Near(B, C, 2)))
    # NOT binds tighter than AND
    assert parse_query("NOT a1 AND b1") == And((Not(A), B))


def test_near_forms():
    assert parse_query("a1 NEAR/3 b1") == Near(A, B, 3, ordered=False)
    assert parse_query("a1 NEAR/3f b1") == Near(A, B, 3, ordered=True)
    assert parse_query('"a1 b1"~4') == Near(A, B, 4)
    assert parse_query('"a1 b1 c1"~1') == Window((A, B, C), 1)
    assert parse_query("(a1 OR b1) NEAR/2 c1") == Near(Or((A, B)), C, 2)


def test_words_phrases_handles_hashtags_case_and_wildcards():
    assert parse_query('"Apple  Pie"') == Term("apple pie")  # folded, spaces normalised
    assert parse_query("Café") == Term("cafe")
    assert parse_query("@Delta OR #DeltaFail") == Or((Term("@delta"), Term("#deltafail")))
    assert parse_query("{AA}") == Term("AA", case=True)
    assert parse_query("deliver*") == Term("deliver", prefix=True)
    assert parse_query("colo?r") == Term("colo?r", pattern=True)
    assert parse_query("wom*n") == Term("wom*n", pattern=True)


def test_fields():
    assert parse_query("author:@Delta") == Term("delta", field="author")
    assert parse_query("platform:Reddit") == Term("reddit", field="platform")
    assert parse_query("lang:en AND site:cnn.com") == And((Term("en", field="lang"), Term("cnn.com", field="site")))
    assert parse_query("text:apple") == Term("apple")
    assert parse_query("platform:(twitter OR reddit)") == Or((Term("twitter", "platform"), Term("reddit", "platform")))
    assert parse_query('author:"Delta News"') == Term("delta news", field="author")
    assert parse_query("author:delta*") == Term("delta*", field="author", pattern=True)


def test_except_maps_term_list_exclusions():
    assert parse_query('delta EXCEPT "delta variant"') == Except(Term("delta"), Term("delta variant"))
    # EXCEPT binds tighter than NEAR
    assert parse_query('delta EXCEPT "delta variant" NEAR/2 flight') == Near(
        Except(Term("delta"), Term("delta variant")), Term("flight"), 2
    )


def test_positive_terms_skip_negated_and_excluded():
    q = parse_query('(apple OR mac) NEAR/3 iphone AND NOT "apple pie" AND (delta EXCEPT "delta variant")')
    assert [str(t) for t in positive_terms(q)] == ["apple", "mac", "iphone", "delta"]


@pytest.mark.parametrize(
    ("query", "column", "expected"),
    [
        ("apple AND (iphone", 18, "expected ')' to close '(' at 11"),
        ("(apple OR mac", 14, "expected ')'"),
        ("apple)", 6, "unexpected ')'"),
        ("apple AND", 10, "expected a term after AND, found the end"),
        ("apple OR", 9, "expected a term after OR"),
        ("NOT", 4, "expected a term after NOT"),
        ("apple AND OR mac", 11, "expected a term after AND, found 'OR'"),
        ("OR apple", 1, "expected a term, found 'OR'"),
        ("()", 2, "expected a term, found ')'"),
        ("", 1, "the query is empty"),
        ("apple NEAR/x iphone", 7, "expected NEAR/n with a number"),
        ("apple NEAR iphone", 7, "expected NEAR/n with a number"),
        ("apple NEAR/3", 13, "expected a term after NEAR/3"),
        ("foo:bar", 1, "unknown field 'foo'"),
        ("apple AND https://x.com", 11, "unknown field 'https'"),
        ("apple pie", 7, "expected AND, OR or NEAR/n before 'pie'"),
        ("apple and pie", 7, "operators are upper-case: AND"),
        ('"apple pie', 1, "expected a closing '\"'"),
        ('"apple pie"~', 12, "expected a number of words after ~"),
        ("apple~", 6, 'no ~ after a word: ~n is for a quoted phrase, like "a b"~3'),  # (matched nothing)
        ("mac OR apple~2", 13, "no ~ after a word"),
        ("{AA", 1, "expected a closing '}'"),
        ("a*", 1, "expected at least 2 letters before a wildcard"),
        ("NOT apple", 1, "a query cannot be only NOT"),
        ("apple NEAR/3 (iphone AND mac)", 7, "expected words, phrases or (a OR b) groups around NEAR/3"),
        ("a1 NEAR/3 b1 NEAR/3 c1", 14, "combine NEARs with AND"),
        ("apple NEAR/3 author:bob", 7, "around NEAR/3"),
        ("apple NEAR/3 -pie", 7, "around NEAR/3"),
        ("author:", 8, "expected a value after author:"),
        ("author:{AA}", 8, "{...} is for text"),
    ],
)
def test_errors_name_query_column_and_expectation(query, column, expected):
    with pytest.raises(QueryError) as info:
        parse_query(query)
    message = str(info.value)
    assert isinstance(info.value, ConfigError) and info.value.exit_code == 5
    assert message.startswith(f"query {query!r} at {column}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("value", "is_query"),
    [
        ("Delta,Delta Air Lines,@Delta", False),
        ("apple, apple pie", False),
        ("apple AND iphone", True),
        ('"delta air lines"', True),
        ("(a OR b)", True),
        ("apple -pie", True),
        ("author:delta", True),
        ("{AA}", True),
        ("apple NEAR/3 iphone", True),
        ("t-mobile", False),
        ("black and white", False),
    ],
)
def test_brand_option_value_is_a_query_when_it_has_query_syntax(value, is_query):
    assert looks_like_query(value) is is_query
