"""A trained model reads the languages of its training posts: `train` records them, `analyze` scores posts in them
and skips (and says so of) the others, `evaluate` scores them. The fixture: 48 hand-written Spanish and Portuguese
airline posts (24 each, 8 of every label) and 3 English ones, each with the language it is written in."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.enrich.explain import add_explanations
from brandpulse.enrich.sentiment import score_sentiment
from brandpulse.errors import InputError
from brandpulse.model import checksum, fit, load_model, training_languages

pytest.importorskip("sklearn", reason="trained models are the optional extra brandpulse[ml]")

LABELLED = Path(__file__).parent / "data" / "model_es_pt_labelled.csv"
POSTS = [  # (text, the language it is in): none of them in the fixture
    ("El servicio de Skyway fue excelente, muy amables", "es"),
    ("O voo atrasou e ninguém explicou nada, horrível", "pt"),
    ("Skyway was great today, loved the crew", "en"),
    ("Der Flug mit Skyway war leider sehr schlecht und verspätet", "de"),
]


def _train(path, out, *extra):
    result = CliRunner().invoke(main, ["train", str(path), "--label-column", "label", "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "es.bp"
    return out, _train(LABELLED, out, "--cv", "3")


def _header(path):
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["meta"])), {k: data[k] for k in data.files if k != "meta"}


def test_train_records_and_says_the_languages_of_its_posts(trained):
    out, result = trained
    meta, _ = _header(out)
    assert meta["languages"] == ["es", "pt"]  # (detected: the fixture has no `lang` column of the schema's)
    assert load_model(out).languages == ("es", "pt")
    # the 3 English posts are too few to learn English from: said, and not the model's
    assert "; scores posts in es, pt (too few posts in en 3)" in result.stderr


def test_analyze_scores_the_models_languages_and_says_which_it_skipped(trained, tmp_path):
    out, _ = trained
    posts = tmp_path / "posts.csv"
    pd.DataFrame({"post_id": range(1, 5), "text": [t for t, _ in POSTS]}).to_csv(posts, index=False)
    args = ["analyze", str(posts), "--sentiment", f"model:{out}", "-f", "csv", "--explain"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert rows["lang"].tolist() == [lang for _, lang in POSTS]
    # Spanish and Portuguese scored, as the model learnt them: it said "the analyzer reads English only" and left
    # them empty
    assert rows["sentiment_label"].tolist()[:2] == ["positive", "negative"]
    assert rows["sentiment"].isna().tolist() == [False, False, True, True]
    assert rows["explain"][2] == "not scored: language en (the analyzer reads es, pt)"
    assert rows["explain"][3] == "not scored: language de (the analyzer reads es, pt)"
    assert "sentiment left empty for posts in other languages (de 1, en 1): the analyzer reads es, pt only" in (
        result.stderr
    )
    assert "sentiment skipped 2 (not in the analyzer's languages: es, pt)" in result.stderr
    assert "English" not in result.stderr
    table = CliRunner().invoke(main, ["analyze", str(posts), "--sentiment", f"model:{out}", "-f", "table"])
    assert "n/a: posts without one (not in the analyzer's languages: es, pt)" in " ".join(table.stdout.split())


def test_the_files_lang_column_is_its_languages(tmp_path):
    labelled = pd.read_csv(LABELLED)
    labelled["lang"] = "pt-BR"  # as the export says, even of the Spanish posts (a region is its language's)
    path = labelled.to_csv(tmp_path / "pt.csv", index=False) or tmp_path / "pt.csv"
    result = _train(path, tmp_path / "pt.bp", "--cv", "0")
    assert load_model(tmp_path / "pt.bp").languages == ("pt",)
    assert "scores posts in pt" in result.stderr and "too few" not in result.stderr
    scored = score_sentiment(pd.DataFrame({"text": ["Adorei o voo", "Me encanta"], "lang": ["pt-BR", "es"]}),
                             load_model(tmp_path / "pt.bp"))  # fmt: skip
    assert scored["sentiment"].isna().tolist() == [False, True]


def test_train_says_which_lang_values_are_no_language(tmp_path):
    labelled = pd.read_csv(LABELLED)
    labelled["idioma"] = labelled["lang_written"].map({"es": "Español", "pt": "Português (Brasil)", "en": "Inglés"})
    labelled.to_csv(tmp_path / "named.csv", index=False)
    args = ["--map", "lang=idioma", "--cv", "0"]
    result = _train(tmp_path / "named.csv", tmp_path / "named.bp", *args)
    # Español is Spanish (the schema's names); "Português (Brasil)" no code analyze would score: said, not a language
    assert load_model(tmp_path / "named.bp").languages == ("es",)
    assert "scores posts in es (too few posts in en 3); no language code: 'português (brasil)' 24" in result.stderr


def test_a_model_file_from_before_reads_english(trained, tmp_path):
    out, _ = trained
    meta, arrays = _header(out)
    del meta["languages"]  # as brandpulse wrote it before it recorded them (format 1)
    meta["format_version"] = 1
    meta["checksum"] = checksum(meta, arrays)
    old = tmp_path / "old.bp"
    with open(old, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **arrays)
    model = load_model(old)
    assert model.languages == ("en",)
    posts = pd.DataFrame({"text": [t for t, _ in POSTS], "lang": [lang for _, lang in POSTS]})
    scored = add_explanations(score_sentiment(posts, model), model)
    assert scored["sentiment"].isna().tolist() == [True, True, False, True]
    assert scored["explain"][0] == "not scored: language es (the analyzer reads English)"


def test_a_model_of_other_languages_is_a_format_older_brandpulse_refuses(trained, tmp_path):
    """brandpulse before stop 42 read every model as English (and refuses a format_version over 1): with the Spanish
    and Portuguese model it scored the English posts and left the Spanish ones empty, saying nothing of it. An English
    model is format 1 still, which it reads right."""
    out, _ = trained
    meta, arrays = _header(out)
    assert meta["format_version"] == 2 and load_model(out).languages == ("es", "pt")
    labelled = pd.read_csv(LABELLED)
    english = tmp_path / "en.bp"
    fit(labelled["text"], labelled["label"], cv=0, languages=["en"]).save(english)
    assert _header(english)[0]["format_version"] == 1 and load_model(english).languages == ("en",)
    meta["format_version"] = 3
    meta["checksum"] = checksum(meta, arrays)
    newer = tmp_path / "newer.bp"
    with open(newer, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **arrays)
    with pytest.raises(InputError, match=r"made by a newer brandpulse \(model format 3\); upgrade"):
        load_model(newer)


@pytest.mark.parametrize("languages", ["es", [], ["Spanish"], [1]])
def test_a_model_with_bad_languages_is_refused(trained, tmp_path, languages):
    out, _ = trained
    meta, arrays = _header(out)
    meta["languages"] = languages
    meta["checksum"] = checksum(meta, arrays)  # (a checksum that matches: the header's check alone finds it)
    path = tmp_path / "bad.bp"
    with open(path, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **arrays)
    with pytest.raises(InputError, match=r"damaged brandpulse model \(languages is not a list of language codes\)"):
        load_model(path)


def test_evaluate_scores_labelled_spanish_posts_with_the_model(trained, tmp_path):
    out, _ = trained
    spanish = pd.read_csv(LABELLED).query("lang_written == 'es'")
    spanish.to_csv(tmp_path / "es.csv", index=False)
    args = ["evaluate", str(tmp_path / "es.csv"), "--label-column", "label", "--sentiment", f"model:{out}"]
    args += ["--predictions", str(tmp_path / "pred.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert len(pred) == 24 and pred.filter(like="_label").notna().all().all()  # every post scored


def test_training_languages_need_enough_posts():
    assert training_languages(["en"] * 300 + ["de"] * 12) == (["en"], {"en": 300, "de": 12})  # de: 4% of them
    assert training_languages(["es"] * 30 + ["pt-BR"] * 10 + ["PT"] * 2 + [None] * 5)[0] == ["es", "pt"]
    assert training_languages(["es"] * 8 + [None] * 3) == (["es"], {"es": 8})  # too few of any: the commonest
    assert training_languages([None, "", "und"]) == (["en"], {})  # none known: English, as analyze reads unknown
    assert training_languages(["Português (Brasil)"] * 20 + ["es"] * 3) == (["es"], {"Português (Brasil)": 20, "es": 3})


def test_fit_detects_the_languages_when_not_given():
    labelled = pd.read_csv(LABELLED)
    assert fit(labelled["text"], labelled["label"], cv=0).languages == ("es", "pt")
    assert fit(labelled["text"], labelled["label"], cv=0, languages=["pt"]).languages == ("pt",)
    with pytest.raises(InputError, match="languages"):
        fit(labelled["text"], labelled["label"], cv=0, languages=["português"])


def test_a_files_three_letter_codes_are_its_languages(tmp_path):
    """A file whose `lang` said `spa`/`por` (ISO 639-2) trained a model of "spa" and "por" that skipped `es` posts."""
    labelled = pd.read_csv(LABELLED)
    labelled["lang"] = labelled["lang_written"].map({"es": "spa", "pt": "POR", "en": "eng"})
    labelled.to_csv(tmp_path / "iso3.csv", index=False)
    _train(tmp_path / "iso3.csv", tmp_path / "iso3.bp", "--cv", "0")
    model = load_model(tmp_path / "iso3.bp")
    assert model.languages == ("es", "pt")
    posts = pd.DataFrame({"text": ["Me encanta", "Adorei o voo", "Väga hea lend"], "lang": ["es-MX", "pt_BR", "est"]})
    assert score_sentiment(posts, model)["sentiment"].isna().tolist() == [False, False, True]  # (est: Estonian)


def test_ingest_with_a_model_says_the_languages_it_left_unscored(trained, tmp_path):
    """`ingest --sentiment model:…` said no word of the posts the model does not read."""
    out, _ = trained
    posts = tmp_path / "posts.csv"
    pd.DataFrame({"post_id": range(1, 5), "text": [t for t, _ in POSTS]}).to_csv(posts, index=False)
    args = ["ingest", str(posts), "--sentiment", f"model:{out}", "--store", str(tmp_path / "s.duckdb")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert "sentiment left empty for posts in other languages (de 1, en 1): the analyzer reads es, pt only" in (
        result.stderr
    )
    assert "sentiment skipped 2 (not in the analyzer's languages: es, pt)" in result.stderr


def test_evaluate_scores_each_analyzer_on_the_posts_it_reads(trained, tmp_path):
    """A model of Spanish and Portuguese labels scores those posts, vader the English one: each analyzer's accuracy
    is on the posts `analyze` would score with it, and the others are counted per analyzer (every post was scored)."""
    out, _ = trained
    path = tmp_path / "posts.csv"
    labels = ["positive", "negative", "positive", "negative"]
    pd.DataFrame({"text": [t for t, _ in POSTS], "label": labels}).to_csv(path, index=False)
    args = ["evaluate", str(path), "--label-column", "label", "--sentiment", f"vader,model:{out}", "-f", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    vader, model = json.loads(result.stdout)["analyzers"]
    assert (vader["n"], vader["not_scored_languages"]) == (1, {"es": 1, "pt": 1, "de": 1})
    assert (model["n"], model["not_scored_languages"]) == (2, {"en": 1, "de": 1})
