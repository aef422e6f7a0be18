"""Metrics on a hand-computed example; label mapping; the evaluate command."""

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.errors import ConfigError, InputError
from brandpulse.evaluate import map_labels, parse_label_map, score_labels, sign_accuracy


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


def test_sign_accuracy_ignores_zero_gold():
    assert sign_accuracy(np.array([1.5, -2.0, 0.0, 0.3]), np.array([0.2, 0.1, -0.9, 0.0])) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "values, expected",
    [
        (["Positive", "neu", "NEG"], ["positive", "neutral", "negative"]),
        (["0", "2", "4"], ["negative", "neutral", "positive"]),
        (["-1", "0", "1"], ["negative", "neutral", "positive"]),
        (["0", "1", "2"], ["negative", "neutral", "positive"]),
    ],
)
def test_label_codings(values, expected):
    assert map_labels(pd.Series(values)).tolist() == expected


def test_ambiguous_numeric_labels_are_an_error():
    with pytest.raises(InputError, match="could be coded"):
        map_labels(pd.Series(["0", "1", "1"]))


def test_label_map_and_threshold():
    m = parse_label_map("happy=positive, sad=neg")
    assert map_labels(pd.Series(["happy", "sad", "meh"]), m).tolist()[:2] == ["positive", "negative"]
    assert pd.isna(map_labels(pd.Series(["meh"]), m)[0])
    assert map_labels(pd.Series(["1.2", "-0.4", "0.3"]), threshold=0.5).tolist() == ["positive", "neutral", "neutral"]
    with pytest.raises(ConfigError):
        parse_label_map("x=great")


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
    assert "1 with unknown labels skipped" in result.stderr


def test_missing_label_column(labelled):
    result = CliRunner().invoke(main, ["evaluate", str(labelled), "--label-column", "stars", "--sentiment", "vader"])
    assert result.exit_code == 4
    assert "no label column 'stars'" in result.stderr


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
    assert missing.exit_code == 4 and "no brand column 'company'" in missing.stderr
    cv = CliRunner().invoke(main, [*args, "--brand-column", "brand", "--cv", "3"])
    assert cv.exit_code == 2 and "--cv trains on whole posts" in cv.stderr


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
        "(use --rejects FILE to save all 1 rejected row)",
    ]
    assert lines[-1] == f"{path}: 2 labelled posts; 1 row rejected on reading"
