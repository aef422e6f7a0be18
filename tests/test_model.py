"""Trained models: training, safe files (never unpickled), model:PATH as an analyzer, CV in evaluate."""

import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import tweeteval

from brandpulse.cli import main
from brandpulse.enrich.sentiment import get_analyzer, label
from brandpulse.errors import InputError
from brandpulse.evaluate import score_labels
from brandpulse.model import fit, load_model

pytest.importorskip("sklearn", reason="trained models are the optional extra brandpulse[ml]")

POS = ["love the {}", "the {} is brilliant", "great {} today", "thanks for the {}, perfect", "best {} ever"]
NEG = ["hate the {}", "the {} is broken", "awful {} today", "the {} failed again, useless", "worst {} ever"]
NEU = ["the {} opens at 9", "new {} announced", "the {} is on page 2", "reading about the {}", "a {} in blue"]
THINGS = ["app", "seat", "flight", "menu", "update", "phone"]


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    rows = [
        (t.format(x), lab)
        for lab, ts in (("positive", POS), ("negative", NEG), ("neutral", NEU))
        for t in ts
        for x in THINGS
    ]
    path = tmp_path_factory.mktemp("train") / "labelled.csv"
    pd.DataFrame(rows, columns=["text", "stance"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def model_file(labelled, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "model.bp"
    result = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "stance", "-o", str(out), "--cv", "3"])
    assert result.exit_code == 0, result.stderr
    assert "3-fold CV" in result.stderr
    return out


def test_train_tells_the_rows_rejected_on_reading(labelled, tmp_path):
    path = tmp_path / "with_a_bad_row.csv"  # the 90 labelled posts on lines 2-91, then a broken row
    path.write_text(labelled.read_text() + "broken,row,extra\n")
    out = tmp_path / "m[final].bp"  # (rich took `[final]` for a style: "wrote m.bp")
    args = ["train", str(path), "--label-column", "stance", "-o", str(out), "--cv", "0"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        f"rejected {path} line 92: expected 2 fields, saw 3",
        "(use --rejects FILE to save it)",
        "training on 90 labelled posts; 1 row rejected on reading",
    ]
    assert lines[3].startswith(f"wrote {out}: ")


def test_model_file_header_and_training_summary(model_file):
    with np.load(model_file, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
    assert meta["format"] == "brandpulse-sentiment-model" and meta["format_version"] == 1
    assert meta["training"]["posts"] == 90
    assert meta["training"]["labels"] == {"negative": 30, "neutral": 30, "positive": 30}
    assert 0.8 <= meta["training"]["cv"]["macro_f1"] <= 1.0  # templates this plain are easy


def test_model_as_analyzer_labels_new_posts(model_file):
    analyzer = get_analyzer(f"model:{model_file}")
    pol, sub = analyzer.score(["love the keyboard", "the keyboard is broken", "the keyboard is on page 2"])
    assert label(pd.Series(pol)).tolist() == ["positive", "negative", "neutral"]
    assert np.isnan(sub).all()
    why = analyzer.explain(["the keyboard is broken"])[0]
    assert why.startswith("negative p=") and "broken" in why


@pytest.mark.parametrize("kind", ["text", "zip", "pickle", "foreign"])
def test_rejects_files_that_are_not_models(tmp_path, kind):
    bad = tmp_path / "bad.bp"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "zip":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("x.txt", "x")
    elif kind == "pickle":  # an object array needs pickle: must be refused, not loaded
        with open(bad, "wb") as fh:
            np.savez(fh, meta=np.array([{"format": "brandpulse-sentiment-model"}], dtype=object))
    else:
        with open(bad, "wb") as fh:
            np.savez(fh, meta=np.array(json.dumps({"format": "other"})))
    with pytest.raises(InputError, match="not a brandpulse model"):
        load_model(bad)


def test_evaluating_on_the_training_file_warns(model_file, labelled):
    """Once, as the library's warning (`evaluate` warns a notebook too), in a process of its own: its warnings
    are lines on stderr."""
    args = ["evaluate", str(labelled), "--label-column", "stance", "--sentiment", f"model:{model_file}", "-f", "json"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-m", "brandpulse", *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    said = f"warning: model:{model_file} was trained on these posts; its scores here are not a test (use --cv"
    assert result.stderr.count("was trained on these posts") == 1 and said in result.stderr, result.stderr
    scores = json.loads(result.stdout)["analyzers"][0]
    assert scores["trained_cv_macro_f1"] >= 0.8


def test_a_model_warns_when_the_cx_lexicon_changed(model_file, labelled, tmp_path):
    from brandpulse.enrich.cx import load_lexicon

    model = load_model(model_file)
    assert model.meta["cx_lexicon"] == load_lexicon().version  # its cx features' lexicon, recorded
    assert model.warning is None
    model.meta["cx_lexicon"] = "1.1"
    old = tmp_path / "old.bp"
    model.save(old)
    args = ["--label-column", "stance", "--sentiment", f"model:{old}", "-f", "json"]
    with pytest.warns(UserWarning, match="trained on these posts"):  # (the model's own training file)
        evaluated = CliRunner().invoke(main, ["evaluate", str(labelled), *args])
    analyzed = CliRunner().invoke(main, ["analyze", str(labelled), "--sentiment", f"model:{old}", "-f", "csv"])
    for result in (evaluated, analyzed):
        assert result.exit_code == 0, result.stderr
        warning = f"warning: model:{old} was trained with cx lexicon 1.1, this brandpulse has {load_lexicon().version}"
        assert warning in " ".join(result.stderr.split())  # rich may wrap the line
    current = CliRunner().invoke(main, ["analyze", str(labelled), "--sentiment", f"model:{model_file}", "-f", "csv"])
    assert "warning" not in current.stderr


def test_cli_reports_a_bad_model_in_one_line(tmp_path, labelled):
    bad = tmp_path / "x.bp"
    bad.write_text("not a model")
    args = ["evaluate", str(labelled), "--label-column", "stance", "--sentiment", f"model:{bad}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4
    assert "not a brandpulse model" in result.stderr


def test_evaluate_cross_validates(labelled):
    args = ["evaluate", str(labelled), "--label-column", "stance", "--sentiment", "vader", "--cv", "3", "-f", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    names = [a["analyzer"] for a in json.loads(result.stdout)["analyzers"]]
    assert names == ["vader", "model (3-fold CV)"]


def test_model_trained_on_tweeteval_val_beats_cx_on_test():
    texts, gold = tweeteval("val")
    model = fit(texts, gold, cv=0, source="tweeteval val")
    test_texts, test_gold = tweeteval("test")
    f1 = {}
    for name, analyzer in (("model", model), ("cx", get_analyzer("cx"))):
        pred = label(pd.Series(analyzer.score(test_texts)[0])).to_numpy(dtype=object)
        f1[name] = score_labels(np.array(test_gold, dtype=object), pred).macro_f1
    # measured: model 0.585, cx 0.549 (docs/sentiment.md)
    assert f1["model"] > f1["cx"] + 0.02


def test_train_counts_empty_labels_and_reads_only_text_and_label(labelled, tmp_path):
    rows = pd.read_csv(labelled)
    rows["date"] = "02/11/2026"  # ambiguous, and an alias of created_at
    rows["score"] = 2.5  # a decimal, and an alias of likes
    rows = pd.concat([rows, pd.DataFrame({"text": ["no label here", "nor here"], "stance": ["", ""]})])
    path = tmp_path / "with_other_columns.csv"
    rows.to_csv(path, index=False)
    args = ["train", str(path), "--label-column", "stance", "-o", str(tmp_path / "m.bp"), "--cv", "0"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == "training on 90 labelled posts; 2 posts without a label (not used)"


def test_train_on_scores_with_a_threshold(labelled, tmp_path):
    rows = pd.read_csv(labelled)
    rows["score"] = rows["stance"].map({"positive": "2.5", "negative": "-3", "neutral": "0"})
    rows.loc[0, "score"] = ""
    path = tmp_path / "scored.csv"
    rows.to_csv(path, index=False)
    args = ["train", str(path), "--label-column", "score", "--label-threshold", "0.5", "--cv", "0"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "m.bp")])
    assert result.exit_code == 0, result.stderr
    assert "training on 89 labelled posts; 1 post without a label (not used)" in result.stderr
    rows.loc[1, "score"] = "great"
    rows.to_csv(path, index=False)
    words = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "m.bp")])
    assert words.exit_code == 4
    assert "1 post has a label that is not a number, as --label-threshold needs: 'great' (1)" in words.stderr


def test_train_without_labelled_posts_or_with_one_fold_fails(labelled, tmp_path):
    path = tmp_path / "unlabelled.csv"
    path.write_text("text,stance\nlove it,\nhate it,\n")
    out = tmp_path / "m.bp"
    empty = CliRunner().invoke(main, ["train", str(path), "--label-column", "stance", "-o", str(out)])
    assert empty.exit_code == 4 and "no labelled posts to train on (2 without a label)" in empty.stderr
    one = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "stance", "-o", str(out), "--cv", "1"])
    assert one.exit_code == 2 and "1 fold is no cross-validation" in one.stderr
    assert not out.exists()


def _contents(model_file):
    with np.load(model_file, allow_pickle=False) as data:
        return json.loads(str(data["meta"])), {k: data[k] for k in data.files if k != "meta"}


def _write(path, meta, arrays):
    with open(path, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **arrays)
    return path


def _set_cv_f1(meta, arrays):
    meta["training"]["cv"]["macro_f1"] = "0.9"


CLASSES_REASON = "classes must list negative, neutral, positive once each"
# each edit of a model file and the one-line reason it is refused for
EDITS = {
    "format_version text": (
        lambda m, a: m.update(format_version="abc"),
        "format_version 'abc' is not a whole number 1 or more",
    ),
    "format_version null": (
        lambda m, a: m.update(format_version=None),
        "format_version None is not a whole number 1 or more",
    ),
    "classes removed": (lambda m, a: m.pop("classes"), CLASSES_REASON),
    "classes renamed": (lambda m, a: m.update(labels=m.pop("classes")), CLASSES_REASON),
    "a class renamed": (lambda m, a: m["classes"].__setitem__(0, "bad"), CLASSES_REASON),
    "word_idf shortened": (lambda m, a: a.update(word_idf=a["word_idf"][:-1]), "word_idf does not match word_vocab"),
    "intercept shortened": (lambda m, a: a.update(intercept=a["intercept"][:2]), "intercept has shape (2,), not (3,)"),
    "duplicate vocabulary": (
        lambda m, a: a["char_vocab"].__setitem__(1, a["char_vocab"][0]),
        "char_vocab has duplicate entries",
    ),
    "NaN in coef": (lambda m, a: a["coef"].__setitem__((1, 5), np.nan), "coef has values that are not finite"),
    "inf in idf": (lambda m, a: a["word_idf"].__setitem__(0, np.inf), "word_idf has values that are not finite"),
    "vocabulary of numbers": (
        lambda m, a: a.update(word_vocab=np.arange(len(a["word_vocab"]))),
        "word_vocab is not a list of strings",
    ),
    "coef of text": (lambda m, a: a.update(coef=a["coef"].astype(str)), "coef is not numbers"),
    "cv macro_f1 text": (_set_cv_f1, "training.cv.macro_f1 is not a number from 0 to 1"),
    "training not a table": (lambda m, a: m.update(training=[]), "training is not a table"),
    # (evaluate's cv cross-validates a model with its C)
    "C text": (lambda m, a: m["params"].update(C="1"), "params.C is not a positive number"),
    "C zero": (lambda m, a: m["params"].update(C=0), "params.C is not a positive number"),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_an_edited_model_is_refused_in_one_line(model_file, tmp_path, edit):
    change, reason = EDITS[edit]
    meta, arrays = _contents(model_file)
    change(meta, arrays)
    edited = _write(tmp_path / "edited.bp", meta, arrays)
    with pytest.raises(InputError, match="damaged") as kept:  # its checksum no longer matches, or worse
        load_model(edited)
    assert str(edited) in str(kept.value)
    del meta["checksum"]  # as a file written before checksums: the checks of the contents alone find it
    with pytest.raises(InputError) as unverified:
        load_model(_write(tmp_path / "old.bp", meta, arrays))
    assert str(unverified.value).startswith(f"{tmp_path / 'old.bp'}: damaged brandpulse model ({reason}")


def test_the_checksum_finds_swapped_classes(model_file, tmp_path):
    meta, arrays = _contents(model_file)
    assert meta["checksum"].startswith("sha256:") and len(meta["checksum"]) == 7 + 64
    meta["classes"].reverse()  # still valid, but every prediction would flip
    swapped = _write(tmp_path / "swapped.bp", meta, arrays)
    with pytest.raises(InputError, match=r"swapped.bp: damaged or edited brandpulse model \(its checksum does not"):
        load_model(swapped)
    meta, arrays = _contents(model_file)
    arrays["coef"][0, 0] += 1e-9  # the smallest edit of an array
    with pytest.raises(InputError, match="checksum does not match"):
        load_model(_write(tmp_path / "nudged.bp", meta, arrays))


def test_a_model_without_a_checksum_still_loads(model_file, tmp_path):
    meta, arrays = _contents(model_file)  # as written before checksums: read, not verified (docs/sentiment.md)
    del meta["checksum"]
    old = load_model(_write(tmp_path / "old.bp", meta, arrays))
    assert old.score(["love the keyboard"])[0][0] > 0.05
    old.save(tmp_path / "resaved.bp")  # saving it again adds one
    assert "checksum" in _contents(tmp_path / "resaved.bp")[0]
    load_model(tmp_path / "resaved.bp")


@pytest.mark.parametrize("damage", ["flipped bytes", "swapped classes", "NaN coefficients"])
def test_cli_reports_a_damaged_model_in_one_line(model_file, labelled, tmp_path, damage):
    bad = tmp_path / "damaged.bp"
    raw = bytearray(model_file.read_bytes())
    if damage == "flipped bytes":  # 50 bytes inside the compressed coefficients
        start = raw.index(b"coef.npy") + 200
        raw[start : start + 50] = bytes(b ^ 0xFF for b in raw[start : start + 50])
        bad.write_bytes(raw)
    else:
        meta, arrays = _contents(model_file)
        if damage == "swapped classes":
            meta["classes"].reverse()
        else:
            arrays["coef"][:, :10] = np.nan
        _write(bad, meta, arrays)
    for command in (["evaluate", str(labelled), "--label-column", "stance"], ["analyze", str(labelled)]):
        result = CliRunner().invoke(main, [*command, "--sentiment", f"model:{bad}"])
        assert result.exit_code == 4, result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"brandpulse: error: {bad}: ")
        assert "brandpulse model" in result.stderr


def test_any_damage_is_an_input_error(model_file, tmp_path):
    import random

    raw = model_file.read_bytes()
    bad = tmp_path / "bad.bp"
    for seed in range(60):
        rng = random.Random(seed)
        damaged = bytearray(raw)
        start = rng.randrange(len(raw) - 50)
        damaged[start : start + 50] = bytes(rng.randrange(256) for _ in range(50))
        bad.write_bytes(damaged)
        try:
            load_model(bad).score(["love the keyboard"])  # damage in the zip's padding may change nothing
        except InputError as exc:
            assert str(exc).startswith(f"{bad}: ") and "\n" not in str(exc)


def _labelled_posts(path, counts):
    rows = []
    for n, (lab, ts) in zip(counts, (("negative", NEG), ("neutral", NEU), ("positive", POS)), strict=True):
        rows += [(t.format(x), lab) for t in ts for x in THINGS][:n]
    pd.DataFrame(rows, columns=["text", "stance"]).to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize("command", ["train", "evaluate"])
@pytest.mark.parametrize(
    ("counts", "k", "message"),
    [
        ((3, 3, 3), 7, "--cv 7: the smallest label, negative, has 3 labelled posts, fewer than the folds; use --cv 3"),
        ((2, 9, 9), 3, "--cv 3: the smallest label, negative, has 2 labelled posts, fewer than the folds; use --cv 2"),
    ],
)
def test_more_folds_than_the_smallest_label_is_one_line(tmp_path, command, counts, k, message):
    path = _labelled_posts(tmp_path / "few.csv", counts)
    args = [command, path, "--label-column", "stance", "--cv", str(k)]
    args += ["-o", str(tmp_path / "m.bp")] if command == "train" else ["--sentiment", "vader"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # scikit-learn's "least populated class" warning: not printed
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 4, result.stderr
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: {message} or label more posts"


@pytest.mark.parametrize(
    ("per_label", "more"), [(3, ""), (4, ", use more folds (up to --cv 4)")], ids=["3 of each", "4 of each"]
)
def test_folds_too_small_for_any_shared_word_is_one_line(tmp_path, per_label, more):
    path = tmp_path / "unique.csv"  # no word in two posts (evaluate trains no model on all of them first)
    labels = ["negative", "neutral", "positive"] * per_label
    pd.DataFrame({"text": [f"w{i}" for i in range(len(labels))], "stance": labels}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "stance", "--sentiment", "vader", "--cv", "3"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --cv 3: in a training fold of {2 * per_label} posts no word appears in 2 or more posts; "
        f"label more posts{more}, or use --cv 0"
    )


def test_training_data_without_a_shared_word_is_one_line(tmp_path):
    path = tmp_path / "unique.csv"
    labels = ["negative", "neutral", "positive"] * 2
    pd.DataFrame({"text": [f"w{i}" for i in range(6)], "stance": labels}).to_csv(path, index=False)
    args = ["train", str(path), "--label-column", "stance", "-o", str(tmp_path / "m.bp"), "--cv", "0"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: too little training data: no word appears in 2 or more of the 6 posts; label more posts"
    )
    assert not (tmp_path / "m.bp").exists()


def test_train_to_dash_is_a_usage_error_not_a_file_named_dash(labelled, tmp_path, monkeypatch):
    # `-o -` wrote the model to a file named "-" in the working folder, where every other command's - is stdout
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "stance", "-o", "-", "--cv", "0"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "brandpulse: error: --output needs a file, not - (a model is binary): e.g. -o model.bp\n"
    assert list(tmp_path.iterdir()) == []


def test_fit_takes_a_frames_columns(labelled):
    """`fit(df["text"], df["stance"])` in a notebook: ValueError "The truth value of a Series is ambiguous"
    (a missing text: TypeError); texts and labels of different lengths: sklearn's own ValueError."""
    frame = pd.read_csv(labelled)
    frame.loc[0, "text"] = None
    model = fit(frame["text"], frame["stance"], cv=0)
    assert model.meta["training"]["posts"] == 90
    assert model.meta["training"]["labels"] == {"negative": 30, "neutral": 30, "positive": 30}
    assert label(pd.Series(model.score(["hate the seat", "love the menu"])[0])).tolist() == ["negative", "positive"]
    with pytest.raises(InputError, match="90 texts but 89 labels: give one label per text"):
        fit(frame["text"], frame["stance"][1:], cv=0)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_model_says_so(model_file, tmp_path, keep):
    """A copy or download cut short was "not a brandpulse model (train one ...)": it is one, cut off."""
    raw = model_file.read_bytes()
    cut = tmp_path / "cut.bp"
    cut.write_bytes(raw[: int(len(raw) * keep)])
    with pytest.raises(InputError) as found:
        load_model(cut)
    assert str(found.value) == f"{cut}: truncated or damaged model file (a zip archive without its end); copy it again"


def test_a_model_whose_zip_index_is_damaged_says_it_may_be_damaged(model_file, tmp_path):
    """A flipped byte in the archive's index was "not a brandpulse model (Bad magic number for central
    directory)", which sent people to retrain: the file cannot tell whether it was one, so it says both."""
    raw = bytearray(model_file.read_bytes())
    raw[raw.index(b"PK\x01\x02") + 2] ^= 0xFF  # the first entry of the central directory
    bad = tmp_path / "flipped.bp"
    bad.write_bytes(raw)
    with pytest.raises(InputError) as found:
        load_model(bad)
    assert str(found.value) == (
        f"{bad}: damaged model file, or not a brandpulse model (Bad magic number for central directory); copy it again"
    )


def test_evaluate_csv_guards_a_formula_in_a_models_header(model_file, labelled, tmp_path):
    """`trained_on` is the training file's name from the model's header: `=1+1.csv`, or a header written
    by hand (the checksum can be computed again by anyone), ran as a formula in a spreadsheet."""
    model = load_model(model_file)
    model.meta["training"]["source"] = '=HYPERLINK("http://example.invalid","x").csv'
    crafted = tmp_path / "crafted.bp"
    model.save(crafted)
    args = ["evaluate", str(labelled), "--label-column", "stance", "--sentiment", f"model:{crafted}", "-f", "csv"]
    with pytest.warns(UserWarning, match="trained on these posts"):  # (the model's own training file)
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    row = pd.read_csv(__import__("io").StringIO(result.stdout)).iloc[0]
    assert row["trained_on"] == '\'=HYPERLINK("http://example.invalid","x").csv (90 posts)'
    assert row["analyzer"] == f"model:{crafted}" and row["accuracy"] > 0.8  # numbers stay numbers


def test_model_reads_styled_letters_as_plain_ones(model_file):
    """A model learnt "broken", not "𝐛𝐫𝐨𝐤𝐞𝐧": the styled post was near neutral, whatever it said."""
    analyzer = get_analyzer(f"model:{model_file}")
    plain, styled = analyzer.score(["the keyboard is broken", "𝐭𝐡𝐞 𝐤𝐞𝐲𝐛𝐨𝐚𝐫𝐝 𝐢𝐬 𝐛𝐫𝐨𝐤𝐞𝐧"])[0]
    assert styled == plain < -0.05


def test_the_same_training_with_source_date_epoch_gives_the_same_file(labelled, tmp_path, monkeypatch):
    # a reviewer trains the study's model again: the header's `created` (in its checksum) was the time of the run,
    # so two trainings a second apart made two files, two checksums and two `brandpulse.sentiment` provenances
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z
    outs = [tmp_path / "first.bp", tmp_path / "second.bp"]
    for out in outs:
        args = ["train", str(labelled), "--label-column", "stance", "-o", str(out), "--cv", "3", "-q"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    model = load_model(outs[0])
    assert model.meta["created"] == "2025-12-01T00:00:00Z"
    assert model.version.startswith("created 2025-12-01T00:00:00Z, sha256:")


def test_a_bad_source_date_epoch_is_a_config_error_before_training(labelled, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    out = tmp_path / "m.bp"
    result = CliRunner().invoke(main, ["train", str(labelled), "--label-column", "stance", "-o", str(out)])
    assert result.exit_code == 5
    assert result.stderr.strip().splitlines()[-1] == (
        "brandpulse: error: SOURCE_DATE_EPOCH 'yesterday' is not a time as whole seconds since 1970"
    )
    assert not out.exists()


def _class_labels() -> pd.DataFrame:
    """The fixture's posts as a class typed their labels: each label in several hand-typed forms, some blank."""
    forms = {"positive": ["Pos", "positive", "POS "], "negative": ["neg ", "Negative", "NEG"], "neutral": ["neutral."]}
    rows = [
        (t.format(x), forms[lab][i % len(forms[lab])])
        for lab, ts in (("positive", POS), ("negative", NEG), ("neutral", NEU))
        for i, t in enumerate(ts)
        for x in THINGS
    ]
    return pd.DataFrame(rows + [("no label given for this one", ""), ("nor this", None)], columns=["text", "stance"])


def test_a_notebook_trains_and_evaluates_on_a_classs_hand_typed_labels(model_file):
    """`brandpulse.train` and `brandpulse.evaluate_sentiment` as a lab's notebook calls them: there were none (the
    CLI only; `brandpulse.evaluate(...)` is a module), `fit` took "Pos" for no positive post, and `evaluate` refused
    a model made in the notebook ("'SentimentModel' object has no attribute 'partition'")."""
    import brandpulse

    posts = _class_labels()
    model = brandpulse.train(posts, "stance", cv=3)
    assert model.meta["training"]["labels"] == {"negative": 30, "neutral": 30, "positive": 30}  # 5 x 6 each, 2 blank
    cv = model.meta["training"]["cv"]
    shown = f"3-fold CV accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}; reads en>"
    assert repr(model) == f"<model: 90 posts (negative 30, neutral 30, positive 30); {shown}"
    # the CLI's model of the same posts with clean labels: the same arrays (no randomness but the CV's fixed seed)
    assert brandpulse.train(posts, "stance", cv=3).meta["training"]["cv"] == model.meta["training"]["cv"]
    cli = load_model(model_file)  # (`train labelled.csv --cv 3`: the module's model)
    for name in ("word_vocab", "coef", "intercept"):
        assert np.array_equal(cli.arrays[name], model.arrays[name]), name
    with pytest.warns(UserWarning, match="model was trained on these posts; its scores here are not a test"):
        result = brandpulse.evaluate_sentiment(posts, "stance", ["cx", model])  # (the CLI's warning only, before)
    assert result.n_labelled == 90 and result.unlabelled == 2
    assert result.table()["analyzer"].tolist() == ["cx", "model"]
    assert result.predictions["model_label"].tolist()[:3] == ["positive"] * 3
    assert repr(result).startswith("Evaluation of 90 labelled posts\n") and "<table" in result._repr_html_()
    enriched = brandpulse.analyze(posts, brandpulse.Config(), sentiment=model)
    assert enriched["sentiment_label"].iloc[:3].tolist() == ["positive"] * 3


def test_fit_of_labels_it_cannot_read_names_them():
    """`fit(texts, ["Pos", pd.NA, ...])` was "boolean value of NA is ambiguous", or "no positive posts" for "Pos"."""
    texts = [t.format(x) for t in POS + NEG for x in THINGS[:2]]
    with pytest.raises(InputError, match=r"labels <NA>, Pos are not negative, neutral or positive: brandpulse.train"):
        fit(texts, ["Pos", pd.NA] * (len(texts) // 2), cv=0)


def test_two_models_of_a_notebook_keep_their_own_scores():
    """`evaluate_sentiment(posts, "stance", [model, other])`: both were "model", the table's two rows alike and the
    predictions' one `model_polarity` column the second model's, the first's scores gone."""
    import brandpulse

    posts = _class_labels()
    model = brandpulse.train(posts, "stance", cv=0)
    other = brandpulse.train(posts, "stance", cv=0, c=0.1, cx_features=False)
    with pytest.warns(UserWarning, match="trained on these posts"):
        result = brandpulse.evaluate_sentiment(posts, "stance", [model, other])
    assert result.table()["analyzer"].tolist() == ["model", "model_2"]
    texts = result.predictions["text"].tolist()
    for column, scored_by in (("model_polarity", model), ("model_2_polarity", other)):
        assert np.allclose(result.predictions[column].to_numpy(float), scored_by.score(texts)[0]), column
    assert not np.allclose(model.score(texts)[0], other.score(texts)[0])  # (two models that score apart)


@pytest.mark.filterwarnings("ignore:1 post with unknown labels skipped")
def test_a_notebooks_errors_name_its_keywords_and_the_commands_its_flags(labelled, tmp_path):
    """`brandpulse.train(posts, "stance", cv=50)` said "use --cv 5 or fewer", and an unknown label "map them with
    --label-map ... or count them out with --skip-unknown": flags a notebook has no way to give."""
    import brandpulse

    posts = pd.concat([_class_labels(), pd.DataFrame({"text": ["who knows"], "stance": ["meh"]})])
    with pytest.raises(InputError) as unknown:
        brandpulse.train(posts, "stance")
    said = "map them with label_map={'VALUE': 'positive', ...} or count them out with skip_unknown=True"
    assert str(unknown.value).endswith(said) and "--" not in str(unknown.value)
    with pytest.raises(InputError, match=r"^cv=100: more folds than the 90 labelled posts \(use cv=30 or fewer\)$"):
        brandpulse.train(posts, "stance", cv=100, skip_unknown=True)
    # the command names its flags, and the library's keywords again after it ran
    posts.to_csv(tmp_path / "meh.csv", index=False)
    args = ["train", str(tmp_path / "meh.csv"), "--label-column", "stance", "-o", str(tmp_path / "m.bp")]
    result = CliRunner().invoke(main, [*args, "--skip-unknown", "--cv", "100"])
    assert result.exit_code == 4
    assert result.stderr.endswith("error: --cv 100: more folds than the 90 labelled posts (use --cv 30 or fewer)\n")
    with pytest.raises(InputError, match=r"^cv=100: "):
        brandpulse.train(posts, "stance", cv=100, skip_unknown=True)


def test_train_skips_unknown_labels_when_asked_and_says_how_many(labelled, tmp_path):
    """`brandpulse.train` and `brandpulse train` had no skip_unknown / --skip-unknown (evaluate had): one stray label
    in a class's 90 stopped the training."""
    import brandpulse

    posts = pd.concat([_class_labels(), pd.DataFrame({"text": ["who knows", "nor I"], "stance": ["meh", "?"]})])
    with pytest.warns(UserWarning, match=r"^2 posts with unknown labels skipped: 'meh' \(1\), '\?' \(1\)$"):
        model = brandpulse.train(posts, "stance", cv=0, skip_unknown=True)
    clean = brandpulse.train(_class_labels(), "stance", cv=0)
    assert model.meta["training"]["posts"] == 90  # the two left out, the two blank ones too
    assert np.array_equal(model.arrays["coef"], clean.arrays["coef"])
    posts.to_csv(tmp_path / "meh.csv", index=False)
    args = ["train", str(tmp_path / "meh.csv"), "--label-column", "stance", "-o", str(tmp_path / "m.bp"), "--cv", "0"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 4 and refused.stderr.rstrip().endswith("or count them out with --skip-unknown")
    result = CliRunner().invoke(main, [*args, "--skip-unknown"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "training on 90 labelled posts; 2 posts without a label (not used); "
        "2 with unknown labels skipped: 'meh' (1), '?' (1)\n"
    )
    assert load_model(tmp_path / "m.bp").meta["training"]["posts"] == 90


def test_evaluates_cv_cross_validates_a_model_with_its_own_settings(tmp_path):
    """`evaluate_sentiment(posts, "stance", model, cv=3)` cross-validated a model of train's defaults (C=1, cx
    features), whatever the model passed: the CV row of a model of C=0.05 without cx features was another model's."""
    import brandpulse
    from brandpulse.model import cross_validate

    # each sentiment word in one post: only the cx features tell the folds' posts apart
    words = {
        "positive": "great love excellent wonderful fantastic amazing superb brilliant awesome delightful perfect nice",
        "negative": "awful hate terrible horrible dreadful useless broken worst disgusting pathetic rude lousy",
        "neutral": "blue tuesday opens page announced printed parked listed moved scheduled updated counted",
    }
    rows = [(f"the {w} {THINGS[i % 4]}", lab) for lab, ws in words.items() for i, w in enumerate(ws.split())]
    posts = pd.DataFrame(rows, columns=["text", "stance"])
    model = brandpulse.train(posts, "stance", cv=0, c=0.05, cx_features=False)
    with pytest.warns(UserWarning, match="trained on these posts"):
        result = brandpulse.evaluate_sentiment(posts, "stance", ["cx", model], cv=3)
    texts, gold = result.predictions["text"].tolist(), result.predictions["gold"].tolist()
    own, default = (cross_validate(texts, gold, k=3, **kw) for kw in ({"c": 0.05, "cx_features": False}, {}))
    assert own.macro_f1 < 0.5 < default.macro_f1  # (settings that make a difference on these posts)
    row = result.table().set_index("analyzer").loc["model (3-fold CV)"]
    assert row["macro_f1"] == round(own.macro_f1, 4) and row["accuracy"] == round(own.accuracy, 4)
    # a model named by its file, in the CLI: its own settings too, its name in the row
    model.save(tmp_path / "m.bp")
    posts.to_csv(tmp_path / "posts.csv", index=False)
    args = ["evaluate", str(tmp_path / "posts.csv"), "--label-column", "stance", "--cv", "3", "-f", "json"]
    with pytest.warns(UserWarning, match="trained on these posts"):
        result = CliRunner().invoke(main, [*args, "--sentiment", f"vader,model:{tmp_path / 'm.bp'}"])
    assert result.exit_code == 0, result.stderr
    rows = {a["analyzer"]: a for a in json.loads(result.stdout)["analyzers"]}
    assert list(rows) == ["vader", f"model:{tmp_path / 'm.bp'}", f"model:{tmp_path / 'm.bp'} (3-fold CV)"]
    assert rows[f"model:{tmp_path / 'm.bp'} (3-fold CV)"]["macro_f1"] == own.macro_f1


@pytest.mark.parametrize(
    "kwargs, says",
    [
        ({"c": 0, "cv": 0}, "c=0: "),  # (sklearn's "The 'C' parameter of LogisticRegression must be a float ...")
        ({"c": "x", "cv": 0}, "c='x': "),
        ({"cv": 1.5}, "cv=1.5: "),  # (sklearn's "The number of folds must be of Integral type")
    ],
)
def test_a_notebooks_odd_c_or_cv_is_one_line_naming_the_keyword(kwargs, says):
    from brandpulse.errors import BrandpulseError

    texts = ["love it", "hate it", "ok then", "great stuff", "terrible app", "fine I guess"] * 4
    labels = ["positive", "negative", "neutral"] * 8
    with pytest.raises(BrandpulseError) as info:
        fit(texts, labels, cx_features=False, languages=["en"], **kwargs)
    assert str(info.value).startswith(says) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        ("train", "cv=1: 1 fold is no cross-validation; use 0 (none) or 2 or more"),
        ("train", "cv=-1: a number of folds is not negative; use 0 (none) or 2 or more"),
        ("evaluate", "cv=1: 1 fold is no cross-validation; use 0 (none) or 2 or more"),
    ],
)
def test_a_notebooks_one_or_negative_folds_are_refused_as_the_commands(call, said):
    """`brandpulse.train(..., cv=1)` and `cv=-1`, and `evaluate_sentiment(..., cv=1)`, ran no cross-validation
    without a word, where `--cv 1` is refused."""
    import brandpulse
    from brandpulse.errors import UsageError

    cv = int(said[3 : said.index(":")])
    with pytest.raises(UsageError) as refused:
        if call == "train":
            brandpulse.train(_class_labels(), "stance", cv=cv)
        else:
            brandpulse.evaluate_sentiment(_class_labels(), "stance", "vader", cv=cv)
    assert str(refused.value) == said


def test_train_checks_the_folds_before_saying_it_trains_with_them(labelled, tmp_path):
    """`brandpulse train --cv 500` said "training on 90 labelled posts (500-fold cross-validation)", then refused."""
    args = ["train", str(labelled), "--label-column", "stance", "-o", str(tmp_path / "m.bp"), "--cv", "500"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4
    assert (
        result.stderr == "brandpulse: error: --cv 500: more folds than the 90 labelled posts (use --cv 30 or fewer)\n"
    )
    assert not (tmp_path / "m.bp").exists()


ES_PT = Path(__file__).parent / "data" / "model_es_pt_labelled.csv"


@pytest.mark.parametrize("bad", [{"cv": 1}, {"cv": 500}, {"c": 0}])
def test_train_refuses_its_options_before_detecting_any_language(labelled, monkeypatch, bad):
    """`brandpulse.train(df, cv=1)` detected the language of every post (minutes for a large frame), then refused
    the folds: the options and the folds the labels allow are checked first."""
    import brandpulse
    import brandpulse.enrich.language as language
    from brandpulse.errors import BrandpulseError

    def detect(*args, **kwargs):
        raise AssertionError("languages detected before the options were checked")

    monkeypatch.setattr(language, "fill_languages", detect)
    posts = pd.read_csv(labelled)  # (90 posts: 30 of each label, so cv=500 is more folds than posts)
    with pytest.raises(BrandpulseError, match=r"cv=1|cv=500|c=0"):
        brandpulse.train(posts, "stance", **bad)


def test_cross_validation_scores_only_the_posts_in_the_models_languages():
    """The CV of a model reading Spanish alone scored its Portuguese and English posts too, as its plain fit would
    not: the same figures whatever `languages` said. Now its folds leave them out, as `evaluate` does."""
    rows = pd.read_csv(ES_PT)
    langs = rows["lang_written"].tolist()  # (24 es, 24 pt, 3 en)
    spanish = fit(rows["text"], rows["label"], cv=3, languages=["es"], langs=langs)
    both = fit(rows["text"], rows["label"], cv=3, languages=["es", "pt"], langs=langs)
    assert spanish.meta["training"]["cv"]["posts"] == 24
    assert both.meta["training"]["cv"]["posts"] == 48  # (the 3 English posts: neither model reads them)
    assert spanish.meta["training"]["posts"] == both.meta["training"]["posts"] == 51  # (trained on all of them)


def test_a_cv_of_no_post_in_the_models_languages_is_refused():
    """`fit(languages=["fr"])` of Spanish, Portuguese and English posts: its CV left every post out and recorded
    "3-fold CV accuracy nan, macro-F1 nan" of 0 posts in the model, without a word."""
    rows = pd.read_csv(ES_PT)
    langs = rows["lang_written"].tolist()
    with pytest.raises(InputError, match=r"^cv=3: none of the 51 texts is in fr, the languages given, so the CV"):
        fit(rows["text"], rows["label"], cv=3, languages=["fr"], langs=langs)
    assert "cv" not in fit(rows["text"], rows["label"], cv=0, languages=["fr"], langs=langs).meta["training"]


def test_evaluates_cv_of_a_model_reading_none_of_the_posts_is_refused(tmp_path):
    """`evaluate_sentiment(posts, "label", model, cv=3)` of a French model on Spanish, Portuguese and English posts:
    a "model (3-fold CV)" row of NaN on n=0, not a word said. Refused as `fit` refuses it, naming cv=0; the CLI's
    message names --cv. A model reading some of them is still cross-validated on those."""
    import brandpulse

    rows = pd.read_csv(ES_PT)
    posts = rows.assign(lang=rows["lang_written"])  # (24 es, 24 pt, 3 en)
    french = fit(rows["text"], rows["label"], cv=0, languages=["fr"], langs=rows["lang_written"].tolist())
    message = "none of the 51 labelled posts is in fr, the languages model reads, so its CV scores none"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ("trained on these posts": not the point here)
        with pytest.raises(InputError, match=rf"^cv=3: {message}: give posts in them, or cv=0$"):
            brandpulse.evaluate_sentiment(posts, "label", french, cv=3)  # (no row scores a post: nothing to give)
        spanish = fit(rows["text"], rows["label"], cv=0, languages=["es"], langs=rows["lang_written"].tolist())
        result = brandpulse.evaluate_sentiment(posts, "label", spanish, cv=3)
    assert result.table().set_index("analyzer").loc["model (3-fold CV)", "n"] == 24
    assert result.refused == {}
    french.save(tmp_path / "fr.bp")
    posts.to_csv(tmp_path / "posts.csv", index=False)
    args = ["evaluate", str(tmp_path / "posts.csv"), "--label-column", "label", "--cv", "3"]
    with pytest.warns(UserWarning, match="trained on these posts"):  # (its scores' warning comes first)
        result = CliRunner().invoke(main, [*args, "--sentiment", f"model:{tmp_path / 'fr.bp'}"])
    assert result.exit_code == 4 and result.stdout == ""  # (an input error)
    assert result.stderr == (
        f"brandpulse: error: --cv 3: none of the 51 labelled posts is in fr, the languages model:{tmp_path / 'fr.bp'}"
        " reads, so its CV scores none: give posts in them, or --cv 0\n"
    )


def test_a_refused_cv_leaves_the_other_analyzers_rows(tmp_path):
    """`evaluate_sentiment(posts, "label", ["vader", french], cv=3)`: the French model's CV, which scores none of the
    Spanish, Portuguese and English posts, was refused with the whole evaluation, vader's row too. Its row alone is
    left out, with a warning, and `refused` says why; the CLI prints the other rows and the warning (exit 0)."""
    import brandpulse

    rows = pd.read_csv(ES_PT)
    posts = rows.assign(lang=rows["lang_written"])  # (24 es, 24 pt, 3 en)
    french = fit(rows["text"], rows["label"], cv=0, languages=["fr"], langs=rows["lang_written"].tolist())
    why = "none of the 51 labelled posts is in fr, the languages model reads, so its CV scores none"
    with pytest.warns(UserWarning) as said:
        result = brandpulse.evaluate_sentiment(posts, "label", ["vader", french], cv=3)
    # (the model's own row is kept: it scores none of the posts, and says so, as a model of other languages does)
    assert result.table()["analyzer"].tolist() == ["vader", "model"]
    assert result.table().set_index("analyzer")["n"].to_dict() == {"vader": 3, "model": 0}  # (vader: English)
    assert result.refused == {"model (3-fold CV)": f"cv=3: {why}: give posts in them, or cv=0"}
    assert [str(w.message) for w in said if "CV" in str(w.message)] == [
        f"cv=3: {why}: give posts in them, or cv=0; its row is left out"
    ]
    french.save(tmp_path / "fr.bp")
    posts.to_csv(tmp_path / "posts.csv", index=False)
    model = f"model:{tmp_path / 'fr.bp'}"
    args = ["evaluate", str(tmp_path / "posts.csv"), "--label-column", "label", "--cv", "3", "-f", "json"]
    with pytest.warns(UserWarning) as said:
        cli = CliRunner().invoke(main, [*args, "--sentiment", f"vader,{model}"])
    assert cli.exit_code == 0, cli.stderr
    shown = json.loads(cli.stdout)
    assert [a["analyzer"] for a in shown["analyzers"]] == ["vader", model]
    refused = f"--cv 3: none of the 51 labelled posts is in fr, the languages {model} reads, so its CV scores none"
    assert shown["refused"] == {f"{model} (3-fold CV)": f"{refused}: give posts in them, or --cv 0"}
    assert f"{refused}: give posts in them, or --cv 0; its row is left out" in [str(w.message) for w in said]


def test_labels_skipped_with_skip_unknown_are_in_the_models_summary(labelled, tmp_path):
    """A model trained with `skip_unknown` said nothing of the posts it left out: its header records them."""
    import brandpulse

    posts = pd.read_csv(labelled)
    posts.loc[[0, 1, 40], "stance"] = ["meh", "meh", "?!"]
    with pytest.warns(UserWarning, match="3 posts with unknown labels skipped"):
        model = brandpulse.train(posts, "stance", skip_unknown=True, cv=0)
    assert model.meta["training"]["unknown_skipped"] == {"meh": 2, "?!": 1}
    assert model.meta["training"]["posts"] == 87
    model.save(tmp_path / "m.bp")
    again = load_model(tmp_path / "m.bp")
    assert again.meta["training"]["unknown_skipped"] == {"meh": 2, "?!": 1}
    assert "3 with unknown labels skipped" in repr(again)
    out = tmp_path / "cli.bp"
    posts.to_csv(tmp_path / "odd.csv", index=False)
    result = CliRunner().invoke(
        main,
        ["train", str(tmp_path / "odd.csv"), "--label-column", "stance", "--skip-unknown", "--cv", "0", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert load_model(out).meta["training"]["unknown_skipped"] == {"meh": 2, "?!": 1}
