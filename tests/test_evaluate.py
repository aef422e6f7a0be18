"""Metrics on a hand-computed example; label mapping; the evaluate command."""

import io
import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.config import Brand
from brandpulse.errors import ConfigError, InputError, UsageError
from brandpulse.evaluate import evaluate, gold_labels, map_labels, parse_label_map, score_labels, sign_accuracy


def test_metrics_hand_computed():
    gold = ["positive", "positive", "positive", "negative", "neutral"]
    pred = ["positive", "positive", "negative", "negative", "positive"]
    s = score_labels(gold, pred)
    # negative: predicted twice, right once -> P 1/2, R 1/1, F1 2/3
    # neutral: never predicted, 1 gold -> 0/0/0; positive: predicted 3, right 2, gold 3 -> 2/3 each
    assert s.accuracy == pytest.approx(0.6)
    assert s.per_class.loc["negative", "precision"] == pytest.approx(0.5)
    assert s.per_class.loc["negative", "recall"] == pytest.approx(1.0)
    assert s.per_class.loc["negative", "f1"] == pytest.approx(2 / 3)
    assert s.per_class.loc["neutral", "f1"] == 0
    assert s.per_class.loc["positive", "f1"] == pytest.approx(2 / 3)
    assert s.macro_f1 == pytest.approx((2 / 3 + 0 + 2 / 3) / 3)
    assert s.confusion.loc["positive"].tolist() == [1, 0, 2]
    assert s.confusion.loc["neutral"].tolist() == [0, 0, 1]
    assert s.confusion.to_numpy().sum() == 5


def test_accuracy_has_its_95_percent_interval_in_the_table_json_and_csv(tmp_path):
    """A journalist's "sentiment is 95 % accurate" of 60 labelled posts: how far 60 posts let it be trusted went
    unsaid. Wilson by hand, 57 of 60 (p 0.95, z 1.96): centre 0.95 + 3.8416/120 = 0.98201, spread 1.96 x sqrt(0.0475/60
    + 3.8416/14400) = 0.06377, over 1 + 3.8416/60 = 1.06403: 0.8630 to 0.9829. All 5 right: 0.5655 to 1."""
    s = score_labels(["positive"] * 57 + ["negative"] * 3, ["positive"] * 60)
    assert s.extra["accuracy_low"] == pytest.approx(0.8630, abs=1e-4)
    assert s.extra["accuracy_high"] == pytest.approx(0.9829, abs=1e-4)
    s = score_labels(["positive"] * 5, ["positive"] * 5)
    assert (s.extra["accuracy_low"], s.extra["accuracy_high"]) == (pytest.approx(0.5655, abs=1e-4), 1.0)
    rows = ["text,gold"] + ["Great flight, love it,positive".replace(",", " ", 1)] * 57 + ["Ok I guess,negative"] * 3
    (tmp_path / "l.csv").write_text("\n".join(rows) + "\n")
    args = ["evaluate", str(tmp_path / "l.csv"), "--label-column", "gold", "--sentiment", "cx"]
    table = CliRunner().invoke(main, [*args, "-f", "table"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    assert "accuracy's 95% interval (Wilson): cx 0.863 to 0.983" in table.stdout
    scored = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)["analyzers"][0]
    assert scored["accuracy"] == 0.95 and round(scored["accuracy_low"], 4) == 0.863
    assert round(scored["accuracy_high"], 4) == 0.9829
    row = pd.read_csv(io.StringIO(CliRunner().invoke(main, [*args, "-f", "csv"]).stdout)).iloc[0]
    assert (row["accuracy_low"], row["accuracy_high"]) == (0.863, 0.9829)


def test_accuracy_interval_at_none_right_and_of_one_post(tmp_path):
    """0 right of 60: the low end came out -6.5e-18 and printed "-0.000" (and negative in JSON); by hand the interval
    is 0 to 3.8416/60 / (1 + 3.8416/60) = 0.0602. 1 of 1: (1 + 1.9208 - 1.9208 ...) 1 / 4.8416 = 0.2065 to 1."""
    s = score_labels(["negative"] * 60, ["positive"] * 60)
    assert s.extra["accuracy_low"] == 0.0 and s.extra["accuracy_high"] == pytest.approx(0.06017, abs=1e-5)
    s = score_labels(["positive"], ["positive"])
    assert (s.extra["accuracy_low"], s.extra["accuracy_high"]) == (pytest.approx(0.20654, abs=1e-5), 1.0)
    (tmp_path / "l.csv").write_text("text,gold\n" + "Great flight love it,negative\n" * 60)
    args = ["evaluate", str(tmp_path / "l.csv"), "--label-column", "gold", "--sentiment", "cx"]
    table = CliRunner().invoke(main, [*args, "-f", "table"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    assert "accuracy's 95% interval (Wilson): cx 0.000 to 0.060" in table.stdout
    assert json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)["analyzers"][0]["accuracy_low"] == 0


def test_sign_accuracy_ignores_zero_gold():
    assert sign_accuracy(np.array([1.5, -2.0, 0.0, 0.3]), np.array([0.2, 0.1, -0.9, 0.0])) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "values, expected",
    [
        (["Positive", "neu", "NEG"], ["positive", "neutral", "negative"]),
        (["0", "2", "4"], ["negative", "neutral", "positive"]),
        (["-1", "0", "1"], ["negative", "neutral", "positive"]),
        (["0", "1", "2"], ["negative", "neutral", "positive"]),
        # signs are -1/0/1's: `0` beside `-` and `+` was an unknown label (the words left numbers uncoded)
        (["-", "0", "+", "'+'"], ["negative", "neutral", "positive", "positive"]),
        (["-", "0", "+", "1", "2"], ["negative", "neutral", "positive", "positive", pd.NA]),
        (["neg", "0", "pos"], ["negative", pd.NA, "positive"]),  # (beside words, a number still codes nothing)
    ],
)
def test_label_codings(values, expected):
    assert map_labels(pd.Series(values)).tolist() == expected


def test_hand_typed_labels_with_a_full_stop_or_quotes_are_read():
    """A class's own labels: "neutral." and "'pos'" were unknown values, and the whole evaluation refused."""
    values = ["neutral.", "'pos'", "Neg!", " Positive. ", "-", "+", "1."]
    expected = ["neutral", "positive", "negative", "positive", "negative", "positive", pd.NA]
    assert map_labels(pd.Series(values)).tolist() == expected  # ("1." among words: no numeric coding)


def test_a_label_map_given_in_python_is_read_as_the_files_values_are():
    """`label_map={"Meh": "neu"}` mapped no value (the file's were compared lowercased) and gave "neu" as a label."""
    assert map_labels(pd.Series(["meh", "MEH ", "pos"]), {"Meh": "neu"}).tolist() == ["neutral", "neutral", "positive"]
    with pytest.raises(ConfigError, match="'good' is not positive, neutral or negative"):
        map_labels(pd.Series(["x"]), {"x": "good"})


def test_ambiguous_numeric_labels_are_an_error():
    with pytest.raises(InputError, match="could be coded"):
        map_labels(pd.Series(["0", "1", "1"]))


@pytest.mark.parametrize("values", [["1", "2", "2"], ["4", "2"]])
def test_two_labels_without_a_negative_code_are_ambiguous(values):
    # 1/2 is neutral/positive in TweetEval's 0/1/2, but negative/positive in the Amazon and Yelp polarity
    # sets; 2/4 likewise in Sentiment140's 0/2/4
    with pytest.raises(InputError, match=r"could be coded 0/[12]/[24] or \d=negative/\d=positive"):
        map_labels(pd.Series(values))
    low, high = sorted(set(values))
    assert map_labels(pd.Series([low, high]), {low: "negative", high: "positive"}).tolist() == ["negative", "positive"]
    # the coding's negative value present: no doubt left
    assert map_labels(pd.Series(["0", *values])).tolist()[0] == "negative"


def test_a_map_that_names_numbers_says_what_each_means_and_leaves_none_to_guess():
    """0/1 with --label-map 0=negative: 1 is unknown, named in the error, rather than "could be coded
    -1/0/1 or 0/1/2: say what they mean with --label-map", which the user had just done."""
    with pytest.raises(InputError, match=r"2 posts have labels that are not positive/neutral/negative: '1' \(2\)"):
        gold_labels(pd.Series(["0", "1", "1"]), {"0": "negative"})
    assert map_labels(pd.Series(["0", "1"]), {"0": "negative", "1": "positive"}).tolist() == ["negative", "positive"]
    # a map of words only still leaves the numbers to their coding
    assert map_labels(pd.Series(["0", "2", "4", "mixed"]), {"mixed": "neutral"}).tolist() == [
        "negative",
        "neutral",
        "positive",
        "neutral",
    ]


def test_label_map_with_threshold_is_a_usage_error():
    with pytest.raises(UsageError, match="do not combine"):
        map_labels(pd.Series(["1.5"]), {"1.5": "negative"}, threshold=0.5)


def test_label_map_and_threshold():
    m = parse_label_map("happy=positive, sad=neg")
    assert map_labels(pd.Series(["happy", "sad", "meh"]), m).tolist()[:2] == ["positive", "negative"]
    assert pd.isna(map_labels(pd.Series(["meh"]), m)[0])
    assert map_labels(pd.Series(["1.2", "-0.4", "0.3"]), threshold=0.5).tolist() == ["positive", "neutral", "neutral"]
    with pytest.raises(ConfigError, match=r"^label_map 'x=great': expected VALUE=positive\|neutral\|negative"):
        parse_label_map("x=great")  # (from Python: the keyword; the command's flag in the test below)


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "labelled.csv"
    pd.DataFrame(
        {
            "text": ["I love this airline", "worst service ever, I hate it", "the flight leaves at 9", "so happy!!"],
            "gold": ["positive", "negative", "neutral", "meh"],
        }
    ).to_csv(path, index=False)
    return path


def test_unknown_labels_are_an_error_that_names_them(labelled):
    result = CliRunner().invoke(main, ["evaluate", str(labelled), "--label-column", "gold", "--sentiment", "vader"])
    assert result.exit_code == 4
    assert "'meh' (1)" in result.stderr


def test_evaluate_json_counts_skipped(labelled):
    result = CliRunner().invoke(
        main,
        ["evaluate", str(labelled), "--label-column", "gold", "--sentiment", "vader", "--skip-unknown", "-f", "json"],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["n_labelled"] == 3
    assert data["unknown_labels"] == {"meh": 1}
    vader = data["analyzers"][0]
    # VADER gets these three obvious ones right
    assert vader["accuracy"] == 1.0
    assert vader["confusion"]["matrix"] == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert json.dumps(vader["per_class"]["negative"]["support"]) == "1"  # a count, not 1.0
    assert "1 with unknown labels skipped" in result.stderr


def test_missing_label_column_lists_the_files_columns(labelled, tmp_path):
    # the message listed the schema's columns (post_id, platform, ...), not the file's: "gold" was not there
    result = CliRunner().invoke(main, ["evaluate", str(labelled), "--label-column", "stars", "--sentiment", "vader"])
    assert result.exit_code == 4
    assert result.stderr == f"brandpulse: error: {labelled}: no column 'stars' (columns: text, gold)\n"
    model = str(tmp_path / "m.bp")
    trained = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "stars", "-o", model])
    assert trained.exit_code == 4
    assert trained.stderr == f"brandpulse: error: {labelled}: no column 'stars' (columns: text, gold)\n"


def test_a_label_column_spelt_otherwise_is_told_the_files_spelling(labelled, tmp_path):
    """`--label-column Gold` of a file's `gold` (a spreadsheet user's capital) listed the columns alone; a label or
    brand column is read as spelt (unlike --map), so the close one is named."""
    for args in (
        ["--label-column", "Gold"],
        ["--label-column", "golds"],
        ["--label-column", "gold", "--brand-column", "tex"],
    ):
        result = CliRunner().invoke(main, ["evaluate", str(labelled), "--sentiment", "vader", *args])
        assert result.exit_code == 4, args
        named, close = args[-1], "text" if args[-1] == "tex" else "gold"
        assert result.stderr == (
            f"brandpulse: error: {labelled}: no column {named!r}, did you mean {close!r}? (columns: text, gold)\n"
        )
    trained = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "GOLD", "-o", str(tmp_path / "m.bp")])
    assert (
        trained.stderr
        == f"brandpulse: error: {labelled}: no column 'GOLD', did you mean 'gold'? (columns: text, gold)\n"
    )


def test_an_empty_labelled_file_has_no_labelled_posts(tmp_path):
    # a 0-byte file is 0 rows, as for analyze; it said "no label column 'gold'" and listed the schema's columns
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["evaluate", str(empty), "--label-column", "gold", "--sentiment", "vader"])
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        f"{empty}: 0 rows (empty input)",  # (as analyze tells it)
        "brandpulse: error: no labelled posts to score (no posts read)",
    ]
    trained = CliRunner().invoke(main, ["train", str(empty), "--label-column", "gold", "-o", str(tmp_path / "m.bp")])
    assert trained.exit_code == 4
    assert trained.stderr.splitlines() == [
        f"{empty}: 0 rows (empty input)",
        f"brandpulse: error: {empty}: no labelled posts to train on (no posts read)",
    ]


def test_numeric_scores_with_threshold_report_sign_accuracy(tmp_path):
    path = tmp_path / "scored.csv"
    # VADER: first clearly positive, second clearly negative, third positive gold but "the table" has no words
    pd.DataFrame({"text": ["I love it", "I hate it", "the table"], "score": [2.5, -3.0, 0.6]}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "score", "--label-threshold", "0.5", "--sentiment", "vader"]
    result = CliRunner().invoke(main, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["n_labelled"] == 3  # "score" is also an alias of likes: a kept label column must stay a label
    vader = data["analyzers"][0]
    assert vader["sign_accuracy"] == pytest.approx(2 / 3, abs=1e-4)  # 0.0 has no sign
    assert vader["accuracy"] == pytest.approx(2 / 3)  # gold 0.6 > 0.5 is positive, VADER says neutral


def test_sign_accuracy_shown_from_the_unrounded_value(tmp_path):
    """4 of 19 is 0.21053: rounded to 4 places first (0.2105) it printed as 0.210."""
    path = tmp_path / "scored.csv"
    pd.DataFrame({"text": ["I love it"] * 19, "score": [2.0] * 4 + [-2.0] * 15}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "score", "--label-threshold", "0.5", "--sentiment", "vader"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert "sign accuracy (gold score non-zero): vader 0.211" in " ".join(result.stdout.split())


def test_repeated_sentiment_options_compare_all_of_them(tmp_path):
    path = tmp_path / "scored.csv"
    pd.DataFrame({"text": ["I love it", "I hate it"], "label": ["positive", "negative"]}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "label", "-f", "json"]
    result = CliRunner().invoke(main, [*args, "--sentiment", "vader", "--sentiment", "textblob,vader"])
    assert result.exit_code == 0, result.stderr
    assert [a["analyzer"] for a in json.loads(result.stdout)["analyzers"]] == ["vader", "textblob"]


def test_sentiment_towards_each_brand(tmp_path):
    """--brand-column: each row's label is about its brand, scored as --per-brand scores it."""
    path = tmp_path / "brands.csv"
    switched = "switched from United to Delta, best decision ever"
    pd.DataFrame(
        {
            "text": [switched, switched, "Acme is wonderful", "the flight leaves at 9", "the flight leaves at 9"],
            "brand": ["united", "Delta", "Acme", "", "Delta"],
            "gold": ["negative", "positive", "positive", "neutral", "negative"],
        }
    ).to_csv(path, index=False)
    brands = ["--brand", "United", "--brand", "Delta", "--brand", "Acme"]
    args = ["evaluate", str(path), "--label-column", "gold", "--brand-column", "brand", "--sentiment", "cx", *brands]
    predictions = tmp_path / "predictions.csv"
    result = CliRunner().invoke(main, [*args, "-f", "json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # right: United negative and Delta positive (the whole post is positive), Acme, and the empty brand
    # (the whole post, neutral); wrong: the last row's text does not name Delta, so it counts as neutral
    assert data["analyzers"][0]["accuracy"] == pytest.approx(4 / 5)
    assert data["brand_not_named"] == 1
    assert "1 row whose text does not name its brand" in result.stderr
    rows = pd.read_csv(predictions, keep_default_na=False)
    assert rows["brand"].tolist() == ["United", "Delta", "Acme", "", "Delta"]
    assert rows["cx_label"].tolist()[:2] == ["negative", "positive"]
    table = CliRunner().invoke(main, args)
    assert "Sentiment accuracy towards brands on 5 labelled rows" in table.stdout
    # --explain: a brand of a post naming several is explained by its own rule, then the post's words
    explained = tmp_path / "explained.csv"
    result = CliRunner().invoke(main, [*args, "--explain", "--predictions", str(explained)], env={"COLUMNS": "200"})
    why = pd.read_csv(explained, keep_default_na=False)["cx_explain"].tolist()
    # (stop 45: --explain names what weighs nothing too, here "United", VADER's +1.8; stop 46: as a brand's name)
    post = "post: United +0.00 (brand name); best_decision +2.40 (cx)"
    assert why[0].startswith(f"rule: left for another brand | score -0.500; {post}")
    assert why[1].startswith(f"rule: chosen instead of another brand | score +0.500; {post}")
    assert why[2].startswith("wonderful") and "rule:" not in why[2]  # one brand: the post's explanation
    # the one misjudged row, with its brand: the text does not name Delta
    assert "cx: misjudged posts, explained" in result.stdout
    assert (
        "│ negative │ neutral   │ Delta │ the flight leaves at 9 │ the text does not name Delta: counted neutral"
        in (result.stdout)
    )
    assert why[3].startswith("no sentiment words")  # an empty brand: the whole post
    assert why[4] == "the text does not name Delta: counted neutral"


def test_a_brand_query_with_lang_reads_the_detected_language(tmp_path):
    """A labelled file has no language: a brand's `acme AND lang:en` named the brand in no row, so every row
    was "a text that does not name its brand", counted neutral, though `analyze` matches them."""
    path = tmp_path / "brands.csv"
    texts = ["I love my Acme kettle, it is wonderful", "Der Acme Wasserkocher ist leider wunderbar kaputt"]
    pd.DataFrame({"text": texts, "brand": ["Acme", "Acme"], "gold": ["positive", "neutral"]}).to_csv(path, index=False)
    config = tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nquery = "acme AND lang:en"\n')
    args = ["evaluate", str(path), "--label-column", "gold", "--brand-column", "brand", "-c", str(config)]
    result = CliRunner().invoke(main, [*args, "--sentiment", "vader", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["brand_not_named"] == 1  # the German row: not lang:en, counted neutral (right, by its gold)
    assert data["analyzers"][0]["accuracy"] == 1


def test_brand_column_errors(tmp_path):
    path = tmp_path / "brands.csv"
    pd.DataFrame({"text": ["Delta was fine", "Acme too"], "brand": ["Delta", "Acme"], "gold": ["neutral"] * 2}).to_csv(
        path, index=False
    )
    args = ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader", "--brand", "Delta"]
    unknown = CliRunner().invoke(main, [*args, "--brand-column", "brand"])
    assert unknown.exit_code == 5
    assert "brands the config does not know, in 1 row: 'Acme' (1)" in unknown.stderr
    missing = CliRunner().invoke(main, [*args, "--brand-column", "company"])
    assert missing.exit_code == 4
    assert missing.stderr == f"brandpulse: error: {path}: no column 'company' (columns: text, brand, gold)\n"
    cv = CliRunner().invoke(main, [*args, "--brand-column", "brand", "--cv", "3"])
    assert cv.exit_code == 2 and cv.stderr == (
        "brandpulse: error: --cv trains on whole posts; it does not apply with --brand-column\n"
    )
    # (a notebook's cross-validated the whole posts on the labels towards their brands)
    frame = pd.read_csv(path).assign(brand="Delta")
    with pytest.raises(UsageError, match="^cv trains on whole posts; it does not apply with brand_column$"):
        evaluate(frame, "gold", "vader", brand_column="brand", brands=[Brand("Delta", ["Delta"])], cv=3)


def test_rows_rejected_on_reading_are_told_with_their_line(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text(
        "text,gold\nI love this airline,positive\nworst service ever,negative,extra\nthe flight leaves at 9,neutral\n"
    )
    result = CliRunner().invoke(main, ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"rejected {path} line 3: expected 2 fields, saw 3",
        "(use --rejects FILE to save it)",
    ]
    assert lines[-1] == f"{path}: 2 labelled posts; 1 row rejected on reading"
    kept = CliRunner().invoke(main, ["evaluate", str(path), "--label-column", "gold", "--rejects", "r.csv"])
    assert kept.stderr.splitlines()[0] == "1 rejected row written to r.csv"
    assert pd.read_csv("r.csv")["position"].tolist() == ["line 3"]
    path.write_text("text,gold\nI love this airline,positive\n")  # fixed: the next run's file has no rejects
    CliRunner().invoke(main, ["evaluate", str(path), "--label-column", "gold", "--rejects", "r.csv"])
    assert (tmp_path / "r.csv").read_text().splitlines() == ["source,position,reason,record"]


def evaluate_cli(path, *args):
    return CliRunner().invoke(main, ["evaluate", str(path), "--sentiment", "vader", *args])


def test_threshold_counts_empty_scores_and_lists_words(tmp_path):
    assert map_labels(pd.Series(["1.2", None, " ", "-2"]), threshold=0.5).tolist() == [
        "positive",
        pd.NA,
        pd.NA,
        "negative",
    ]
    path = tmp_path / "scored.csv"
    path.write_text("text,score\nI love it,2.5\nI hate it,\nthe table,-3\n")
    result = evaluate_cli(path, "--label-column", "score", "--label-threshold", "0.5", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["n_labelled"], data["unlabelled"]) == (2, 1)
    assert "2 labelled posts; 1 without a label (not scored)" in result.stderr
    path.write_text("text,score\nI love it,2.5\nI hate it,good\nso so,bad\nmeh,bad\n")
    words = evaluate_cli(path, "--label-column", "score", "--label-threshold", "0.5")
    assert words.exit_code == 4
    assert "3 posts have labels that are not a number, as --label-threshold needs: 'bad' (2), 'good' (1)" in (
        words.stderr
    )


def test_only_the_text_and_label_columns_are_read(tmp_path):
    """A decimal `score` (an alias of likes) or an ambiguous `date` column cannot reject labelled posts."""
    path = tmp_path / "labelled.csv"
    path.write_text(
        "text,gold,score,date,followers\n"
        "I love this airline,positive,2.5,02/11/2026,many\n"
        "worst service ever,negative,0.5,03/11/2026,\n"
        ",neutral,1,04/11/2026,3\n"
    )
    result = evaluate_cli(path, "--label-column", "gold", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["n_labelled"] == 2
    lines = result.stderr.splitlines()  # the row without a text is still rejected, and only it
    assert lines[0] == f"rejected {path} line 4: empty text"
    assert lines[-1] == f"{path}: 2 labelled posts; 1 row rejected on reading"


def test_label_map_adds_to_the_standard_labels(tmp_path):
    mixed = parse_label_map("mixed=neutral")
    assert map_labels(pd.Series(["Positive", "mixed", "neg"]), mixed).tolist() == ["positive", "neutral", "negative"]
    assert map_labels(pd.Series(["0", "2", "4", "mixed"]), mixed).tolist() == [
        "negative",
        "neutral",
        "positive",
        "neutral",
    ]
    assert map_labels(pd.Series(["positive", "x"]), parse_label_map("positive=negative")).tolist()[0] == "negative"
    path = tmp_path / "labelled.csv"
    path.write_text("text,gold\nI love it,positive\nI hate it,negative\nthe table,mixed\n")
    result = evaluate_cli(path, "--label-column", "gold", "--label-map", "mixed=neutral", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["analyzers"][0]["accuracy"] == 1.0


def test_outputs_take_their_format_from_the_extension(labelled, tmp_path):
    args = ["--label-column", "gold", "--skip-unknown"]
    out, predictions = tmp_path / "scores.json", tmp_path / "predictions.jsonl"
    result = evaluate_cli(labelled, *args, "-o", str(out), "--predictions", str(predictions))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text())["n_labelled"] == 3
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [r["gold"] for r in rows] == ["positive", "negative", "neutral"]
    csv_out = tmp_path / "scores.csv"
    assert evaluate_cli(labelled, *args, "-o", str(csv_out)).exit_code == 0
    assert pd.read_csv(csv_out)["analyzer"].tolist() == ["vader"]
    table = tmp_path / "scores.txt"
    assert evaluate_cli(labelled, *args, "-o", str(table)).exit_code == 0
    assert table.read_text().startswith("Sentiment accuracy on 3 labelled posts")
    # (an unknown extension listed .html, .md, .parquet, ..., which evaluate refuses as well)
    bad = evaluate_cli(labelled, *args, "-o", str(tmp_path / "scores.xlsx"))
    assert bad.exit_code == 2 and bad.stderr.splitlines()[-1].endswith(
        "unknown extension .xlsx (known: .csv .json); or give -f (.txt: the table)"
    )


def test_output_destinations_are_checked_before_any_work(labelled, tmp_path):
    same = tmp_path / "out.csv"
    clash = evaluate_cli(labelled, "--label-column", "gold", "-o", str(same), "--predictions", str(same))
    assert clash.exit_code == 2
    assert f"--output and --predictions are the same file {same}" in clash.stderr
    assert not same.exists()
    # checked before reading: the missing label column would be exit 4
    missing = evaluate_cli(labelled, "--label-column", "stars", "--predictions", str(tmp_path / "no" / "p.csv"))
    assert missing.exit_code == 1 and "--predictions" in missing.stderr
    unknown = evaluate_cli(labelled, "--label-column", "stars", "--predictions", str(tmp_path / "p.md"))
    assert unknown.exit_code == 2 and "not md" in unknown.stderr


def test_no_labelled_posts_is_an_input_error(tmp_path):
    path = tmp_path / "unlabelled.csv"
    path.write_text("text,gold\nI love it,\nI hate it,\nso so,meh\n")
    result = evaluate_cli(path, "--label-column", "gold", "--skip-unknown", "-f", "json")
    assert result.exit_code == 4
    assert "no labelled posts to score (2 without a label, 1 with unknown labels skipped)" in result.stderr
    assert result.stdout == ""


def test_json_has_null_for_a_score_that_does_not_exist(tmp_path):
    path = tmp_path / "scored.csv"  # every gold score 0: no sign to agree with
    path.write_text("text,score\nI love it,0\nthe table,0\n")
    result = evaluate_cli(path, "--label-column", "score", "--label-threshold", "0.5", "-f", "json")
    assert result.exit_code == 0, result.stderr

    def no_nan(constant):
        raise AssertionError(f"{constant} is not JSON")

    data = json.loads(result.stdout, parse_constant=no_nan)
    assert data["analyzers"][0]["sign_accuracy"] is None


def test_one_fold_is_a_usage_error(labelled):
    result = evaluate_cli(labelled, "--label-column", "gold", "--cv", "1")
    assert result.exit_code == 2 and "1 fold is no cross-validation" in result.stderr


def test_one_unknown_label_is_told_in_the_singular(labelled):
    result = evaluate_cli(labelled, "--label-column", "gold")
    assert result.exit_code == 4
    assert "1 post has a label that is not positive/neutral/negative: 'meh' (1)" in result.stderr


def test_unknown_labels_are_told_on_one_short_line(tmp_path):
    # a 100,000-character label made a 100 kB error line; with --skip-unknown every unknown label was listed
    # as it was: "[red]x[/red]" read as rich markup, an ESC sent to the terminal, a newline broke the line
    path = tmp_path / "odd.csv"
    labels = ["positive", "x" * 100_000, "[red]boom[/red]", "neg\x1b[31mRED", "a\nb"]
    pd.DataFrame({"text": ["I love it", "ok", "fine", "meh", "so so"], "gold": labels}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader", "-f", "csv"]
    failed = CliRunner().invoke(main, args)
    assert failed.exit_code == 4
    assert failed.stderr == (
        "brandpulse: error: 4 posts have labels that are not positive/neutral/negative: "
        + "'" + "x" * 37 + "...' (1), '[red]boom[/red]' (1), 'neg\\x1b[31mRED' (1), 'a\\nb' (1); "
        "map them with --label-map 'VALUE=positive,...' or count them out with --skip-unknown\n"
    )  # fmt: skip
    skipped = CliRunner().invoke(main, [*args, "--skip-unknown"])
    assert skipped.exit_code == 0
    assert skipped.stderr == (
        "warning: every labelled post is positive: the scores do not test the other classes\n"
        f"{path}: 1 labelled post; 4 with unknown labels skipped: "
        + "'" + "x" * 37 + "...' (1), '[red]boom[/red]' (1), 'neg\\x1b[31mRED' (1), 'a\\nb' (1)\n"
    )  # fmt: skip


def test_labels_that_are_scores_point_to_label_threshold(tmp_path):
    """A label column of scores (0.8, -0.5) named --label-map as the fix, one VALUE=LABEL per score, when
    --label-threshold reads them all; words among the labels still name --label-map alone."""
    path = tmp_path / "scored.csv"
    pd.DataFrame({"text": ["I love it", "hate it", "a box"], "gold": ["0.8", "-0.5", "0.01"]}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader", "-f", "csv"]
    failed = CliRunner().invoke(main, args)
    assert failed.exit_code == 4
    assert failed.stderr == (
        "brandpulse: error: 3 posts have labels that are not positive/neutral/negative: '0.8' (1), '-0.5' (1), "
        "'0.01' (1); read them as scores with --label-threshold X, map them with --label-map 'VALUE=positive,...' "
        "or count them out with --skip-unknown\n"
    )
    scored = CliRunner().invoke(main, [*args, "--label-threshold", "0.05"])
    assert scored.exit_code == 0, scored.stderr
    assert pd.read_csv(io.StringIO(scored.stdout))["n"].tolist() == [3]
    pd.DataFrame({"text": ["I love it", "hate it"], "gold": ["0.8", "meh"]}).to_csv(path, index=False)
    mixed = CliRunner().invoke(main, args)
    assert mixed.exit_code == 4 and "--label-threshold" not in mixed.stderr


def test_at_most_ten_unknown_labels_are_listed(tmp_path):
    path = tmp_path / "free.csv"
    pd.DataFrame({"text": [f"post {i}" for i in range(13)], "gold": [f"note {i}" for i in range(13)]}).to_csv(
        path, index=False
    )
    result = CliRunner().invoke(main, ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader"])
    assert result.exit_code == 4
    listed = ", ".join(f"'note {i}' (1)" for i in range(10))
    assert f"not positive/neutral/negative: {listed}, ... 3 more; map them" in result.stderr


def test_sentiment_must_name_an_analyzer_and_each_is_scored_once(labelled):
    # --sentiment '' or ',' printed an empty table (or an empty CSV) and exited 0; cx,cx scored cx twice
    args = ["evaluate", str(labelled), "--label-column", "gold", "--skip-unknown", "-f", "csv"]
    for value in ("", " , "):
        result = CliRunner().invoke(main, [*args, "--sentiment", value])
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            f"brandpulse: error: --sentiment {value!r} names no analyzer: e.g. --sentiment textblob,vader,cx\n"
        )
    twice = CliRunner().invoke(main, [*args, "--sentiment", "vader, vader"])
    assert twice.exit_code == 0
    assert pd.read_csv(io.StringIO(twice.stdout))["analyzer"].tolist() == ["vader"]


def test_an_analyzer_named_by_a_file_is_shown_as_text_not_markup(labelled, tmp_path, monkeypatch):
    """`cx:[bold red]lex.toml`: rich read the file's name as markup and showed `cx:lex.toml` in bold red."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "[bold red]lex.toml").write_text("[words]\nairline = 1.0\n")
    name = "cx:[bold red]lex.toml"
    args = ["evaluate", str(labelled), "--label-column", "gold", "--skip-unknown", "--sentiment", name, "--explain"]
    result = CliRunner().invoke(main, [*args, "-o", "scores.txt"])
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "scores.txt").read_text("utf-8").splitlines()
    assert [cells.split("│")[1].strip() for cells in lines if "negative │" in cells][0] == name
    assert f"{name}: confusion (rows gold, columns" in [line.strip() for line in lines]  # (the title wraps)
    assert f"{name}: no misjudged posts" in lines


def test_the_scores_table_shows_every_analyzer_name_at_80_columns(tmp_path):
    """At 80 columns the table is a few columns too wide: rich cut every cell to fit, so "textblob" showed
    as "textbl…" and "vader-reference" as "vader-…" (which analyzer scored what?)."""
    path = tmp_path / "labelled.csv"
    texts = ["I love this airline", "worst service ever, I hate it", "the flight leaves at 9"]
    pd.DataFrame({"text": texts, "gold": ["positive", "negative", "neutral"]}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "gold", "--sentiment", "textblob,vader-reference"]
    out = CliRunner().invoke(main, args, env={"COLUMNS": "80"}).stdout
    table = out.split("confusion", 1)[0]
    assert "…" not in table and max(len(line) for line in table.splitlines()) <= 80
    blocks = [[line for line in block.splitlines() if line.startswith("│")] for block in table.split("├")]
    names = ["".join(line.split("│")[1].strip() for line in block) for block in blocks]
    assert names == ["textblob", "vader-reference"]  # folded, all there
    rows = [line.split("│") for line in table.splitlines() if line.startswith("│")]
    scores = {row[i].strip() for row in rows for i in (2, 3, 5, 6, 7)}  # accuracy, macro-F1, precision, ...
    assert all(s == "" or (len(s) >= 5 and s.startswith(("0.", "1."))) for s in scores)  # 0.500, not 0.5…


def test_evaluate_from_python_takes_one_analyzer_name_and_names_a_missing_text_column():
    """`evaluate(df, "label", "vader")` tried analyzers 'v', 'a', ... (ConfigError "unknown sentiment
    analyzer 'v'"); a frame without `text` was a KeyError 'text'."""
    from brandpulse.evaluate import evaluate

    posts = pd.DataFrame({"text": ["I love it", "awful service", "the bus"], "label": ["pos", "neg", "neutral"]})
    one = evaluate(posts, "label", "vader")
    assert [s.analyzer for s in one.scores] == ["vader"] and one.scores[0].n == 3
    assert one.predictions["vader_label"].tolist() == ["positive", "negative", "neutral"]
    with pytest.raises(InputError, match=r"no text column 'text' \(columns: body, label\)"):
        evaluate(posts.rename(columns={"text": "body"}), "label", ["vader"])


def test_scores_with_nothing_to_divide_by_are_none_not_zero():
    """Precision of a class never predicted, recall of a class no gold post has: NaN (shown `-`, null in
    JSON); 0.000 read as a class the analyzer got all wrong. F1 is 2TP / (2TP + FP + FN): 0 for a class in
    gold or predictions only (counted in macro-F1), none for a class in neither (left out)."""
    s = score_labels(["positive", "positive", "negative"], ["positive", "neutral", "negative"])
    neutral, positive = s.per_class.loc["neutral"], s.per_class.loc["positive"]
    assert neutral["precision"] == 0 and np.isnan(neutral["recall"]) and neutral["f1"] == 0
    assert positive.tolist() == [1.0, 0.5, pytest.approx(2 / 3), 2]
    assert s.macro_f1 == pytest.approx((1 + 0 + 2 / 3) / 3)
    one = score_labels(["positive", "positive"], ["positive", "positive"])
    assert one.per_class.loc[["negative", "neutral"], ["precision", "recall", "f1"]].isna().all().all()
    assert one.macro_f1 == 1.0


def test_metrics_agree_with_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    labels = ["negative", "neutral", "positive"]
    for _ in range(30):
        n = int(rng.integers(1, 12))
        gold = rng.choice(labels[: int(rng.integers(1, 4))], n).tolist()
        pred = rng.choice(labels, n, p=rng.dirichlet([1, 1, 1])).tolist()
        s = score_labels(gold, pred)
        assert s.accuracy == pytest.approx(metrics.accuracy_score(gold, pred))
        assert s.macro_f1 == pytest.approx(metrics.f1_score(gold, pred, average="macro", zero_division=0))
        p, r, f, support = metrics.precision_recall_fscore_support(gold, pred, labels=labels, zero_division=np.nan)
        assert np.allclose(s.per_class["precision"], p, equal_nan=True)
        assert np.allclose(s.per_class["recall"], r, equal_nan=True)
        assert s.per_class["support"].tolist() == support.tolist()
        used = np.asarray(s.per_class["support"] + s.confusion.sum(axis=0).to_numpy()) > 0
        assert np.allclose(s.per_class["f1"][used], np.nan_to_num(f[used]))


def test_evaluate_shows_and_explains_scores_that_do_not_exist(tmp_path):
    path = tmp_path / "one_class.csv"
    pd.DataFrame({"text": ["I love it", "great stuff"], "label": ["positive", "pos"]}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "label", "--sentiment", "vader"]
    table = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "t.txt")])
    assert table.exit_code == 0, table.stderr
    text = " ".join((tmp_path / "t.txt").read_text().split())
    assert "│ negative │ - │ - │ - │ 0 │" in text and "│ positive │ 1.000 │ 1.000 │ 1.000 │ 2 │" in text
    assert "-: no such score (precision: the analyzer predicted no post as that class; recall:" in text
    assert "warning: every labelled post is positive: the scores do not test the other classes" in table.stderr
    data = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    assert data["analyzers"][0]["per_class"]["neutral"] == {"precision": None, "recall": None, "f1": None, "support": 0}
    row = CliRunner().invoke(main, [*args, "-f", "csv"]).stdout.splitlines()
    cells = dict(zip(row[0].split(","), row[1].split(","), strict=True))
    assert (cells["neutral_precision"], cells["neutral_support"], cells["positive_f1"]) == ("", "0", "1.0")


def test_evaluate_json_is_the_same_each_run(tmp_path):
    path = tmp_path / "l.csv"
    pd.DataFrame({"text": ["I love it", "I hate it", "a table", "meh"], "l": ["1", "-1", "0", "x"]}).to_csv(path)
    args = ["evaluate", str(path), "--label-column", "l", "--sentiment", "vader,cx", "-f", "json", "--skip-unknown"]
    first, second = (CliRunner().invoke(main, args) for _ in range(2))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert list(data) == ["n_labelled", "unlabelled", "unknown_labels", "analyzers"]
    assert [a["analyzer"] for a in data["analyzers"]] == ["vader", "cx"] and data["unknown_labels"] == {"x": 1}


@pytest.mark.parametrize(
    ("values", "spec"),
    [
        (["4.0", "0.0", "2.0"], "4=positive,0=negative,2=neutral"),  # pandas wrote the column as floats
        (["4", "0", "2"], "4.0=positive,0.0=negative,2.0=neutral"),
        (["+1", "-1.0", "0"], "1=positive,-1=negative,0=neutral"),
    ],
)
def test_a_label_map_finds_numbers_by_value(values, spec):
    gold = map_labels(pd.Series(values), parse_label_map(spec))
    assert gold.tolist() == ["positive", "negative", "neutral"]


def test_a_label_map_exact_key_wins_over_a_number():
    gold = map_labels(pd.Series(["1", "1.0"]), parse_label_map("1=positive,1.0=negative"))
    assert gold.tolist() == ["positive", "negative"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("=positive", "--label-map '=positive': expected VALUE=positive|neutral|negative"),
        ("x=positive,X=negative", "--label-map: 'x' is mapped twice, to positive and to negative"),
    ],
)
def test_label_map_mistakes(spec, message):
    from brandpulse.errors import on_the_command_line

    with on_the_command_line(), pytest.raises(ConfigError) as found:
        parse_label_map(spec)
    assert str(found.value) == message
    assert parse_label_map("x=pos,x=positive") == {"x": "positive"}  # the same twice is no conflict


def test_a_label_column_named_text_is_named_in_the_no_text_column_error(tmp_path):
    """`evaluate --label-column text` said "no text column (columns: text, label)": the file has one."""
    (tmp_path / "l.csv").write_text("text,label\ngood,positive\n", "utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "l.csv"), "--label-column", "text"])
    assert result.exit_code == 4
    assert result.stderr.endswith(
        "l.csv: no text column (columns: text, label; 'text' is read as labels or brands, not as the text); "
        "name it with --map text=COLUMN\n"
    )


def test_evaluate_from_python_leaves_out_posts_without_text_as_the_cli_rejects_them(tmp_path):
    """`evaluate(pd.read_csv("labelled.csv"), ...)` scored a labelled row with an empty text as an empty post
    (neutral): 3 of 4 right where `brandpulse evaluate labelled.csv` rejects that row and gets 3 of 3. A list of
    posts was an AttributeError."""
    from brandpulse.evaluate import evaluate

    path = tmp_path / "labelled.csv"
    path.write_text("text,label\nI love it,positive\n,positive\nawful service,negative\nthe bus,neutral\n  ,negative\n")
    with pytest.warns(UserWarning, match=r"^2 of 5 records rejected \(first: <DataFrame> row 1: empty text\)"):
        result = evaluate(pd.read_csv(path), "label", "vader")
    assert result.scores[0].n == 3 and result.scores[0].accuracy == 1.0
    assert result.predictions["text"].tolist() == ["I love it", "awful service", "the bus"]
    args = ["evaluate", str(path), "--label-column", "label", "--sentiment", "vader", "-f", "json"]
    cli = json.loads(CliRunner().invoke(main, args).stdout)
    assert [(s["analyzer"], s["n"], s["accuracy"]) for s in cli["analyzers"]] == [("vader", 3, 1.0)]
    with pytest.raises(TypeError, match=r"^evaluate\(\) takes a DataFrame of posts, not list$"):
        evaluate([{"text": "I love it", "label": "positive"}], "label", "vader")


LANGUAGES = (  # three English posts vader gets right, two Spanish ones it has no words for (0.0: neutral)
    "text,label\n"
    '"I love this airline, the crew was wonderful",positive\n'
    '"Worst flight ever, delayed 3 hours and rude staff",negative\n'
    '"The flight left at 9am from gate 12",neutral\n'
    '"Me encanta el servicio de Skyway, el vuelo fue excelente y puntual",positive\n'
    '"El peor vuelo de mi vida, perdieron mi maleta y nadie me ayudó",negative\n'
)


def test_posts_the_analyzer_does_not_read_are_left_out_as_analyze_leaves_them(tmp_path):
    """A journalist's 60 labelled posts, 12 Spanish: vader's 0.0 for a Spanish post counted as neutral, so the
    accuracy evaluate printed mixed posts `analyze` leaves unscored ("sentiment skipped 12 (not English)") into the
    published figures'. By hand: the 3 English posts right (1.000 of 3); with the Spanish ones scored, 3 of 5."""
    path = tmp_path / "l.csv"
    path.write_text(LANGUAGES)
    result = evaluate_cli(path, "--label-column", "label", "-f", "json", "--predictions", str(tmp_path / "p.csv"))
    assert result.exit_code == 0, result.stderr
    (vader,) = json.loads(result.stdout)["analyzers"]
    assert (vader["n"], vader["accuracy"]) == (3, 1.0)
    assert (vader["not_scored_language"], vader["not_scored_languages"]) == (2, {"es": 2})
    assert f"{path}: 5 labelled posts; vader left out 2 posts in languages it does not read (es 2)" in result.stderr
    pred = pd.read_csv(tmp_path / "p.csv")
    assert pred["vader_label"].isna().tolist() == [False] * 3 + [True] * 2  # unscored, as analyze's rows
    explained = evaluate_cli(path, "--label-column", "label", "--explain", "--predictions", str(tmp_path / "e.csv"))
    assert explained.exit_code == 0, explained.stderr
    assert (
        pd.read_csv(tmp_path / "e.csv")["vader_explain"].tolist()[3:]
        == ["not scored: language es (the analyzer reads English)"] * 2
    )
    csv = evaluate_cli(path, "--label-column", "label", "-f", "csv")
    row = pd.read_csv(io.StringIO(csv.stdout)).iloc[0]
    assert (row["n"], row["not_scored_language"], row["not_scored_languages"]) == (3, 2, "es 2")
    args = ["evaluate", str(path), "--sentiment", "vader", "--label-column", "label", "--explain"]
    table = CliRunner().invoke(main, args)
    caption = " ".join(table.stdout.split())  # (the caption wraps)
    assert (
        "left out, in languages the analyzer does not read (as analyze leaves them unscored; --all-languages scores "
        "them): vader 2 (es 2)" in caption
    )
    assert "vader: no misjudged posts" in table.stdout  # (the Spanish posts are not misjudged: not scored)
    every = evaluate_cli(path, "--label-column", "label", "-f", "json", "--all-languages")
    (vader,) = json.loads(every.stdout)["analyzers"]
    assert (vader["n"], vader["accuracy"], "not_scored_language" in vader) == (5, 0.6, False)
    assert every.stderr == f"{path}: 5 labelled posts\n"


def test_the_files_lang_column_says_which_posts_an_analyzer_reads(tmp_path):
    """A one-word post is not detected (scored as English), but the file's `lang` says it is Spanish: analyze
    leaves it unscored, and so does evaluate now (it read only the text and label columns)."""
    path = tmp_path / "l.csv"
    path.write_text("text,label,lang\nI love this airline,positive,en\ngracias,positive,es\nworst ever,negative,en\n")
    result = evaluate_cli(path, "--label-column", "label", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (vader,) = json.loads(result.stdout)["analyzers"]
    assert (vader["n"], vader["accuracy"], vader["not_scored_languages"]) == (2, 1.0, {"es": 1})


def test_a_label_column_load_left_out_says_how_to_keep_it(tmp_path):
    """`brandpulse.load("labels.csv")` reads the post schema's columns only: the notebook's next cell said
    `no label column 'label' (columns: post_id, platform, ...)`, and not why the file's column was gone."""
    import brandpulse

    path = tmp_path / "labels.csv"
    path.write_text("text,label\ngreat app,pos\nbroken app,neg\n", "utf-8")
    keep = r"; brandpulse.load reads a file's other columns only when asked: load\(FILE, keep=\['label'\]\)$"
    for call in (brandpulse.evaluate_sentiment, brandpulse.train):
        with pytest.raises(InputError, match=r"^no label column 'label' \(columns: post_id, platform, .*\)" + keep):
            call(brandpulse.load(path), "label")
    assert brandpulse.evaluate_sentiment(brandpulse.load(path, keep=["label"]), "label", "vader").n_labelled == 2
    # a frame of the user's own: its columns are named, no word of load
    with pytest.raises(InputError, match=r"^no label column 'label' \(columns: text, gold\)$"):
        brandpulse.evaluate_sentiment(pd.DataFrame({"text": ["a"], "gold": ["pos"]}), "label")


def test_evaluate_sentiment_with_a_config_scores_as_analyze_does():
    """`evaluate_sentiment(posts, "label", "vader")` in a notebook had no `config=` (`train` had): the config's
    brands' names read as sentiment words ("Best Western" positive) and its thresholds unused, where `analyze(posts,
    config)`, and `brandpulse evaluate --config`, labelled the same posts apart. A keyword given still wins."""
    import brandpulse

    config = brandpulse.Config(brands=[brandpulse.Brand("Best Western", ["Best Western"])], positive=0.5)
    posts = pd.DataFrame(
        {"text": ["stayed at Best Western last week", "the room was fine", "awful night"], "label": ["neu"] * 3}
    )
    labels = brandpulse.analyze(posts, config)["sentiment_label"].tolist()
    result = brandpulse.evaluate_sentiment(posts, "label", "vader", config=config)
    assert result.predictions["vader_label"].tolist() == labels == ["neutral", "neutral", "negative"]
    # without it: the name's "best" and the 0.05 threshold ("fine" +0.2)
    alone = brandpulse.evaluate_sentiment(posts, "label", "vader").predictions["vader_label"].tolist()
    assert alone == ["positive", "positive", "negative"]
    mine = brandpulse.evaluate_sentiment(posts, "label", "vader", config=config, positive=0.05)
    assert mine.predictions["vader_label"].tolist() == ["neutral", "positive", "negative"]


def test_a_notebooks_label_errors_name_its_keywords():
    """From Python the errors named the CLI's flags: "map them with --label-map ... or count them out with
    --skip-unknown", "say what they mean with --label-map", "--label-map and --label-threshold do not combine"."""
    import brandpulse

    posts = pd.DataFrame({"text": ["good", "bad", "so so", "odd"], "label": ["pos", "neg", "neu", "0.5"]})
    with pytest.raises(InputError) as unknown:
        brandpulse.evaluate_sentiment(posts, "label", "cx")
    assert str(unknown.value) == (
        "1 post has a label that is not positive/neutral/negative: '0.5' (1); read them as scores with threshold=X, "
        "map them with label_map={'VALUE': 'positive', ...} or count them out with skip_unknown=True"
    )
    with pytest.raises(InputError, match=r"say what they mean with label_map=\{'VALUE': 'negative', \.\.\.\}$"):
        brandpulse.evaluate_sentiment(posts.assign(label=["1", "2", "2", "1"]), "label", "cx")
    with pytest.raises(UsageError, match="^label_map and threshold do not combine"):
        brandpulse.evaluate_sentiment(posts, "label", "cx", label_map={"0.5": "neutral"}, threshold=1)
    with pytest.raises(InputError, match=r"as threshold needs: 'pos' \(1\).*count them out with skip_unknown=True$"):
        brandpulse.evaluate_sentiment(posts, "label", "cx", threshold=1)


def test_evaluate_compares_the_configs_own_analyzer_too(tmp_path):
    """A gym's member-services lead ran `evaluate labelled.csv -c gym.toml`, whose [sentiment] reads
    `cx:gym-words.toml` (a workout's pain is praise), and got textblob, vader and cx only: not the analyzer `analyze`
    scores the config's posts with. Now it is compared too, unless --sentiment names the analyzers. By hand: cx reads
    "spin class killed me" as negative and "can't get a squat rack at 6pm" as neutral, both wrong; the words file
    makes them right, so 3 of 3 against cx's 1 of 3."""
    (tmp_path / "words.toml").write_text('[phrases]\n"killed me" = 2.0\n"can\'t get a squat rack" = -2.0\n')
    (tmp_path / "gym.toml").write_text('[sentiment]\nanalyzer = "cx:words.toml"\n')
    rows = [
        ("spin class killed me, loved it", "positive"),
        ("can't get a squat rack at 6pm", "negative"),
        ("the gym was awful today", "negative"),
    ]
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(tmp_path / "l.csv", index=False)
    base = ["evaluate", str(tmp_path / "l.csv"), "--label-column", "label", "-c", str(tmp_path / "gym.toml")]
    result = CliRunner().invoke(main, [*base, "-f", "csv", "-q"])
    assert result.exit_code == 0, result.output
    scores = pd.read_csv(io.StringIO(result.stdout)).set_index("analyzer")["accuracy"]
    words = f"cx:{tmp_path / 'words.toml'}"
    assert scores.index.tolist() == ["textblob", "vader", "cx", words]
    assert scores[words] == 1.0 and scores["cx"] == pytest.approx(1 / 3, abs=1e-4)
    named = CliRunner().invoke(main, [*base, "--sentiment", "cx", "-f", "csv", "-q"])
    assert pd.read_csv(io.StringIO(named.stdout))["analyzer"].tolist() == ["cx"]


def test_label_map_errors_name_the_keyword_from_python_and_the_flag_from_the_cli():
    """`parse_label_map` said `--label-map 'meh'` to a notebook, which has no such flag."""
    from brandpulse.errors import on_the_command_line

    with pytest.raises(ConfigError, match=r"^label_map 'meh': expected VALUE=positive"):
        parse_label_map("meh")
    with pytest.raises(ConfigError, match=r"^label_map: 'x' is mapped twice"):
        parse_label_map("x=positive,x=negative")
    with on_the_command_line(), pytest.raises(ConfigError, match=r"^--label-map 'meh': expected"):
        parse_label_map("meh")


def test_a_label_map_given_as_the_clis_text_is_read_from_python():
    """`label_map="meh=neutral"` (the CLI's form) was an AttributeError ('str' object has no attribute 'items')."""
    posts = pd.DataFrame({"text": ["good", "bad", "fine"], "label": ["pos", "neg", "meh"]})
    result = evaluate(posts, "label", ["vader"], label_map="meh=neutral")
    assert result.predictions["gold"].tolist() == ["positive", "negative", "neutral"]
    with pytest.raises(ConfigError, match=r"^label_map 'meh': expected"):
        evaluate(posts, "label", ["vader"], label_map="meh")


def test_the_scores_caption_is_laid_out_from_the_left(tmp_path):
    """Its notes under the table were centred: piped, folded lines began mid-table, " them unscored; ..."."""
    rows = ["text,gold"] + ["Great flight love it,positive"] * 3 + ["Me encanta el vuelo de hoy,positive"] * 3
    (tmp_path / "l.csv").write_text("\n".join(rows) + "\n")
    args = ["evaluate", str(tmp_path / "l.csv"), "--label-column", "gold", "--sentiment", "cx", "-f", "table"]
    out = CliRunner().invoke(main, args, env={"COLUMNS": "60"})
    assert out.exit_code == 0, out.stderr
    caption = out.stdout.split("└")[1].split("\n")[1:]
    caption = caption[: next(i for i, line in enumerate(caption) if "confusion" in line)]
    assert caption[0].startswith("accuracy's 95% interval (Wilson): cx ")
    assert len(caption) > 2 and all(line == line.lstrip() for line in caption)
