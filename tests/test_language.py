"""Language: detect where `lang` is empty; English-only analyzers leave other languages unscored."""

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import fresh_python

from brandpulse.cli import main
from brandpulse.config import Brand, Config, load_config
from brandpulse.enrich import language
from brandpulse.enrich.brands import brand_terms
from brandpulse.enrich.language import candidates_from_config, detect, fill_languages, without_names
from brandpulse.enrich.sentiment import score_sentiment
from brandpulse.errors import ConfigError
from brandpulse.pipeline import analyze
from brandpulse.schema import conform

DATA = Path(__file__).parent / "data"
TEXTS = [
    "The flight was delayed again and nobody told us anything",
    "El vuelo llegó con dos horas de retraso y nadie nos dio explicaciones",
    "Der Flug war pünktlich und das Personal sehr freundlich",
    "Le vol a été annulé sans aucune explication",
]


def test_fills_only_empty_lang():
    df = conform(pd.DataFrame({"text": TEXTS, "lang": [None, None, "", "pt"]}))
    assert fill_languages(df)["lang"].tolist() == ["en", "es", "de", "pt"]  # a given lang is kept


def test_a_code_that_names_no_language_is_detected_as_an_empty_one_is(tmp_path):
    """`und` (undetermined: X, and listening tools' CSVs) was kept as the post's language: not English, so
    every such post went without a sentiment. Such codes are detected as empty ones are; with detection
    off they are empty, and the post is scored as English."""
    df = conform(pd.DataFrame({"text": TEXTS, "lang": ["und", "UND", "zxx", "qme"]}))
    assert fill_languages(df)["lang"].tolist() == ["en", "es", "de", "fr"]
    assert fill_languages(df, None)["lang"].isna().all()
    assert df["lang"].tolist() == ["und", "und", "zxx", "qme"]  # (the caller's frame as it was; lower case, as files')
    src = tmp_path / "p.csv"
    src.write_text("id,text,lang\n1,The crew were wonderful and the seats comfy,und\n2,Vuelo cancelado otra vez,und\n")
    out = CliRunner().invoke(main, ["analyze", str(src), "-f", "csv", "-q"])
    assert out.exit_code == 0, out.stderr
    rows = pd.read_csv(__import__("io").StringIO(out.stdout))
    assert rows["lang"].tolist() == ["en", "es"]
    assert rows.loc[0, "sentiment_label"] == "positive" and pd.isna(rows.loc[1, "sentiment"])


def test_x_art_and_other_codes_of_no_language_are_detected(tmp_path):
    """X's `art` (a post of emoji and symbols, with text beside them), like its `qme` and `qht`, was read as a
    language: the post was left unscored, counted as "not English"."""
    src = tmp_path / "x.csv"
    src.write_text(
        "id,text,lang\n1,The crew were wonderful 😍😍,art\n2,Vuelo cancelado otra vez 😡,art\n"
        "3,The flight was delayed again and nobody told us anything 😡,qht\n"
    )
    out = CliRunner().invoke(main, ["analyze", str(src), "-f", "csv"])
    assert out.exit_code == 0, out.stderr
    got = pd.read_csv(__import__("io").StringIO(out.stdout))
    assert got["lang"].tolist() == ["en", "es", "en"]
    assert got["sentiment_label"].tolist()[::2] == ["positive", "negative"] and pd.isna(got.loc[1, "sentiment"])
    assert "sentiment skipped 1 (not English)" in out.stderr


def test_english_only_analyzer_leaves_other_languages_empty():
    df = conform(pd.DataFrame({"text": TEXTS, "lang": ["en", "es", "de", "fr"]}))
    out = score_sentiment(df, "cx")
    assert out.loc[0, "sentiment_label"] == "negative"
    assert out["sentiment"].iloc[1:].isna().all()
    assert out["sentiment_label"].iloc[1:].isna().all()  # empty, not "neutral"


def test_pipeline_detects_then_skips():
    out = analyze(conform(pd.DataFrame({"text": TEXTS})), Config())
    assert out["lang"].tolist() == ["en", "es", "de", "fr"]
    assert np.isnan(out["sentiment"].iloc[1:]).all()


def test_queries_read_the_detected_language(tmp_path):
    """An export without `lang`: a brand query's `NOT lang:en` took the English post too (and `lang:es` none),
    though the rows said `en` (brands were matched before languages were detected, topics after); `query test`
    detected none."""
    from brandpulse.config import Brand, Topic

    flights = ["flight*", "flug", "vol", "vuelo"]
    query = f"({' OR '.join(flights)}) AND NOT lang:en"  # (the flight of each of TEXTS, in its language)
    config = Config(brands=[Brand("Abroad", [], query=query)], topics=[Topic("abroad", query=query)])
    out = analyze(conform(pd.DataFrame({"text": TEXTS})), config)
    assert out["lang"].tolist() == ["en", "es", "de", "fr"]
    assert out["brands"].tolist() == ["", "Abroad", "Abroad", "Abroad"]
    assert out["topics"].tolist() == ["", "abroad", "abroad", "abroad"]
    src = tmp_path / "p.csv"
    src.write_text("id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(TEXTS, 1)))
    result = CliRunner().invoke(main, ["query", "test", query, str(src), "-f", "csv", "-q"])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout))
    assert rows[["post_id", "lang"]].values.tolist() == [[2, "es"], [3, "de"], [4, "fr"]]


def test_one_word_is_not_detected():
    # lingua takes these English one-word posts for Dutch, Dutch and German (checked by hand with the
    # detector alone); with their language empty they are scored as English
    texts = ["ok 😂", "@Skyway smh https://t.co/x1", "meh", "muy malo", "@FeastNowで頼んだ料理が冷めてた。"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["lang"].fillna("").tolist() == ["", "", "", "es", "ja"]  # two words, or Japanese: detected
    assert out["sentiment"].iloc[:3].notna().all() and out["sentiment"].iloc[3:].isna().all()
    assert out.loc[1, "sentiment_label"] == "negative"  # smh: shaking my head


def test_links_and_handles_are_not_read_as_the_posts_language():
    """An English post ending in a German link was German, so its sentiment was skipped."""
    texts = ["worst service ever https://acme.example/hilfe/buchung-aendern", "the app keeps crashing @jan_de_vries"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["lang"].tolist() == ["en", "en"]
    assert out["sentiment_label"].tolist() == ["negative", "negative"]


def test_an_emoticon_is_no_word_of_a_language():
    """An emoticon's letter (`:D`, `:p`, `XD`) counted as a word: "omg :D" was two words, went to the detector and
    came back Dutch ("Yaaaay! :D" French, "hehe :p" German, "haha XDDD" Spanish), its sentiment skipped."""
    texts = ["omg :D", "Yaaaay! :D", "hehe :p", "haha XDDD", "thanks for the great flight :D", "muy malo :("]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["lang"].fillna("").tolist() == ["", "", "", "", "en", "es"]
    assert out["sentiment"].iloc[:5].notna().all() and np.isnan(out["sentiment"].iloc[5])
    # a colon before a word, and words with an x and d, stay words
    assert detect(["Note:this flight was great", "xdrive works great"]) == ["en", "en"]


def test_short_posts_hand_labelled():
    """110 short English and 100 short es/fr/de/pt/it/nl posts (2-6 words, brand names, tags), written and labelled
    by hand (stops 34 and 35: `benchmarks/language_short_posts.py` prints the figures), read as `analyze` reads them
    with their brands configured. No English post is given another language (its sentiment would be skipped): of
    them, 40 telecom and travel complaints made of words French shares, where the brand's name tipped two to French
    ("Voxa outage, no signal, terrible"). A short post the detector is unsure of keeps an empty `lang` and is scored
    as English, unless plainly not English (stop 39): then it is the likeliest candidate's, its sentiment skipped
    (29 non-English posts were scored as English, 11 now; 4 of the 18 get a neighbour's language, "restaurante
    cerrado" Portuguese). A post of one word is not detected, unless the word is thanks or love no English post writes
    (stop 55: "gracias QuickBite!", "merci QuickBite !", "danke QuickBite!", "adorei Delta", "obrigado QuickBite!",
    "valeu Delta" were 6 of the 11 left empty, scored as English; "thanks Delta!" still is)."""
    posts = pd.read_csv(DATA / "short_posts_language.csv", dtype=str, keep_default_na=False)
    gold = posts["lang"]
    assert gold.value_counts().to_dict() == {"en": 110, "fr": 23, "es": 22, "de": 20, "pt": 17, "it": 9, "nl": 9}
    names = brand_terms(load_config(DATA / "short_posts_brands.toml").brands)
    got = pd.Series([code or "" for code in detect(posts["text"].tolist(), names=names)])
    english = gold == "en"
    assert set(got[english]) <= {"en", ""}
    assert got[posts["text"] == "Voxa outage, no signal, terrible"].tolist() == [""]  # (French before)
    assert (got[english] == "en").sum() >= 65
    assert "en" not in set(got[~english])
    assert set(got[~english]) <= set(gold[~english]) | {""}  # (before: "valeu Delta" was French)
    right = (got == gold)[~english].groupby(gold[~english]).sum().to_dict()
    assert right == {"es": 20, "fr": 20, "de": 19, "pt": 17, "it": 9, "nl": 8}
    assert (got[~english] == "").sum() == 3
    # (stop 57: unsure, two function words of one language and no English one: French's "le", "est", Dutch's "wat",
    # "een"; "service nul", "prima service" have none, and stay unsure)
    assert got[posts["text"].isin(["le train est en retard", "wat een grap"])].tolist() == ["nl", "fr"]  # (file order)


def test_a_short_post_plainly_not_english_is_not_scored_as_english(tmp_path):
    """A Spanish "Renfe sin problemas" (or Portuguese: too close to tell) kept an empty `lang`, so cx scored it as
    English: negative, for "sin"; "no funciona" was negative for "no", "trop bien" neutral. Such posts get the
    likeliest candidate's language and are left unscored, as other non-English posts are; a short English post the
    detector is unsure of is still scored."""
    src = tmp_path / "posts.csv"
    src.write_text("text\nRenfe sin problemas\nRenfe no funciona\nCafé Bonjour trop bien\nso rude Renfe\n")
    config = tmp_path / "brandpulse.toml"
    config.write_text('[brands.Renfe]\nterms = ["Renfe"]\n[brands."Café Bonjour"]\nterms = ["Café Bonjour"]\n')
    out = CliRunner().invoke(main, ["analyze", str(src), "-c", str(config), "-f", "csv", "-q"])
    assert out.exit_code == 0, out.stderr
    rows = pd.read_csv(__import__("io").StringIO(out.stdout), dtype={"lang": str}, keep_default_na=False)
    assert rows["lang"].tolist() == ["es", "es", "fr", ""]
    assert rows["sentiment_label"].tolist() == ["", "", "", "negative"]


def test_brand_names_are_not_read_as_the_posts_language(tmp_path):
    """A telecom analyst's spike day: "Voxa outage, no signal, terrible" was French ("Voxa" reads as French to
    lingua), so it went unscored, as 7 of 30 such posts did. The configured brands' terms are left out of what the
    detector reads, as links and handles are; a French post naming the brand is still French."""
    config = tmp_path / "brandpulse.toml"
    config.write_text('[brands.Voxa]\nterms = ["Voxa", "@VoxaHelp"]\n')
    src = tmp_path / "posts.csv"
    src.write_text(
        'id,text\n1,"Voxa outage, no signal, terrible"\n2,terrible communication Voxa\n'
        "3,panne de réseau Voxa depuis ce matin\n4,@VoxaHelp no signal again\n"
    )
    out = CliRunner().invoke(main, ["analyze", str(src), "-c", str(config), "-f", "csv", "-q"])
    assert out.exit_code == 0, out.stderr
    rows = pd.read_csv(__import__("io").StringIO(out.stdout), dtype={"lang": str}, keep_default_na=False)
    assert rows["lang"].tolist() == ["", "", "fr", "en"]
    assert rows["sentiment_label"].tolist() == ["negative", "negative", "", "negative"]
    assert rows["brands"].tolist() == ["Voxa"] * 4


def test_brand_terms_taken_out_are_whole_words_in_any_case_and_letters_of_any_script():
    names = ("Voxa", "@VoxaHelp", "Skyway Air", "Orangé", "Orbi*")
    texts = ["Voxa Voxa, @VoxaHelp voxa's SKYWAY AIR", "Orangé réseau, Voxaa Deltavoxa Orbital", "no brand here"]
    assert without_names(texts, names) == [
        "   , @   's  ",
        "  réseau, Voxaa Deltavoxa  ",
        "no brand here",
    ]
    assert without_names(["x\ud800 Voxa Voxa"], names) == ["x\ud800    "]  # (a lone surrogate: Python's re)
    assert without_names(texts, ()) == texts


def test_a_script_no_candidate_reads_is_detected_among_the_languages_written_in_it():
    """Russian, Arabic, Korean: the candidates (Latin letters and Japanese) were unsure, the post kept an empty
    lang, and cx scored it as English: neutral, as it knows none of its words, instead of leaving it unscored."""
    texts = [
        "Это ужасная авиакомпания, никогда больше",
        "هذه شركة طيران سيئة جدا",
        "Acme는 최악이에요",
        "Acme lost my bag again",
    ]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["lang"].tolist() == ["ru", "ar", "ko", "en"]
    assert out["sentiment"].iloc[:3].isna().all() and out["sentiment"].iloc[3:].notna().all()


def test_chinese_is_not_japanese_and_a_name_glued_to_hangul_or_kana_is_not_read():
    """The default candidates hold Japanese and no Chinese: every Chinese post, simplified or traditional, was `ja`
    (Han without kana, which a Japanese sentence has), and "Kairo폰 camera 진짜 좋아요" Italian, as the brand's
    "Kairo", glued to a Korean particle, was read (the brands' matcher finds it there): Latin letters, and "camera"."""
    names = ("Kairo", "カイロ", "카이로")
    assert without_names(["Kairo폰 camera", "カイロのイヤホン", "Kairo手机", "Kairos"], names) == [
        " 폰 camera",
        " のイヤホン",
        " 手机",
        "Kairos",
    ]
    texts = [
        "凯罗手机又死机了，客服也不回",
        "凱羅客服都不回訊息，超爛",
        "カイロのイヤホンが壊れた。左側から音が出ない",
        "Kairo폰 camera 진짜 좋아요",
        "Kairo lost my order again",
    ]
    language._known.clear()
    assert language.detect(texts, names=names) == ["zh", "zh", "ja", "ko", "en"]
    assert language.detect(texts[:2], candidates=("en", "ja", "zh"), names=names) == ["zh", "zh"]


def test_english_words_beside_a_word_of_each_of_two_other_scripts_stay_english():
    """Stop 44's CI: "Delta שלום 飞机 great" (a Hebrew greeting, the Chinese for plane, an English verdict), which the
    candidates read as English, went to the detector of other scripts, six letters of two scripts against "great"'s
    five, and its sentiment was skipped. A sure answer is undone by one other script holding as many letters as the
    Latin ones, as Hangul does in "Kairo폰 camera 진짜 좋아요"."""
    language._known.clear()
    texts = ["Delta שלום 飞机 great", "Kairo폰 camera 진짜 좋아요"]
    assert language.detect(texts, names=("Delta", "Kairo")) == ["en", "ko"]
    read = "שלום 飞机 great"  # (as the detector reads it: the brand's name left out)
    assert language.other_script(read) and not language.other_script(read, one=True)


def test_a_post_in_a_script_of_several_languages_is_not_english_when_the_detector_is_unsure_which():
    """Hindi and Marathi are both written in Devanagari: "Sahara Air की फ्लाइट 4 घंटे लेट थी" (the brand's name not read)
    was Hindi 0.6, Marathi 0.4 to lingua, too close to tell, so the post kept an empty lang and cx scored it as English
    (neutral, no word of it known). It is the likeliest of them now, unscored; a post lingua is sure of is as before."""
    texts = ["Sahara Air की फ्लाइट 4 घंटे लेट थी", "सहारा एयर ने मेरी फ्लाइट कैंसिल कर दी, रिफंड भी नहीं मिला"]
    texts.append("Sahara Air lost my bag again")
    language._known.clear()
    assert language.detect(texts, names=("Sahara Air",)) == ["hi", "hi", "en"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["sentiment"].iloc[:2].isna().all() and out["sentiment"].iloc[2:].notna().all()


def test_arabizi_is_arabic_and_left_unscored():
    """Arabizi, Arabic in Latin letters with digits ("el re7la et2a5aret 3 sa3at": "the flight was 3 hours late"),
    was English or unsure to lingua, so cx scored it neutral: a Gulf airline's complaints in it made its neutral
    share. Two words of it make a post Arabic; English with digits ("3hours", "5stars", "2day", "gr8", "h2o", "b2b"),
    a booking reference ("X7K9QZ") and hashtags ("#3dprinting") do not."""
    arabizi = [
        "el re7la bta3et Sahara Air et2a5aret 3 sa3at w ma7adesh rad",
        "ya 3ami Sahara Air da3at el shanta bta3ti",
        "Sahara Air wallah mafi refund la 7ad el 2an",
    ]
    english = [
        "Sahara Air: waited 3hours for my bag, 5stars my foot",
        "gr8 flight b4 xmas, h2o and b2b lounge at 3pm",
        "see u 2day on the 2nd, booking X7K9QZ and Y3B5TT",
        "#3dprinting #3dprint with Sahara Air, a 2nd flight",
        # (stop 43, review: a bank's "2fa" and "3ds", and commit or transaction ids, were two words of Arabizi)
        "Sahara Air my 2fa code never arrives and the 3ds check fails",
        "Sahara Air app crashes since commit 5e3a7b and build 9f2c6d",
    ]
    language._known.clear()
    assert language.detect(arabizi + english, names=("Sahara Air",)) == ["ar"] * 3 + ["en"] * 6
    out = analyze(conform(pd.DataFrame({"text": arabizi + english[:1]})), Config())
    assert out["sentiment"].iloc[:3].isna().all() and out["sentiment"].iloc[3:].notna().all()


def test_a_post_in_another_script_leaves_the_unsure_english_posts_beside_it_english():
    """The plainly-not-English check (stop 39) asked the detector of the other scripts, which knows no English, for
    the confidences when the batch held a post in one: "worst airline ever" beside a Russian post was Arabic, its
    sentiment skipped, and so was every short English post the detector was unsure of."""
    english = ["worst airline ever", "lost my bag", "best pizza ever"]
    language._known.clear()
    alone = language.detect(english)
    assert alone == [None, None, None]  # unsure: scored as English
    language._known.clear()
    beside = language.detect([*english, "Это ужасная авиакомпания, никогда больше"])
    assert beside == [None, None, None, "ru"]
    language._known.clear()
    spanish = language.detect(["Renfe sin problemas", "Это ужасная авиакомпания, никогда больше"], names=("Renfe",))
    assert spanish == ["es", "ru"]  # (still given the likeliest candidate)


def test_config_can_turn_detection_off_or_restrict_it():
    assert candidates_from_config({"language": {"detect": False}}) is None
    assert candidates_from_config({"language": {"candidates": ["EN", "de"]}}) == ("en", "de")
    df = conform(pd.DataFrame({"text": TEXTS[:1]}))
    with pytest.raises(ConfigError, match="unknown language code 'xx'"):
        fill_languages(df, ("en", "xx"))


def test_analyze_reports_skipped_posts(tmp_path):
    src = tmp_path / "posts.csv"
    pd.DataFrame({"text": TEXTS}).to_csv(src, index=False)
    summary = tmp_path / "summary.csv"
    args = ["analyze", str(src), "-o", str(tmp_path / "out.csv"), "--summary-csv", str(summary)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert "sentiment skipped 3 (not English)" in result.stderr
    # the brand table says so too: the labels and `unscored` add up to the mentions
    row = pd.read_csv(summary).iloc[0]
    assert (row["brand"], row["mentions"], row["negative"], row["unscored"]) == ("(no brand)", 4, 1, 3)
    assert row["negative_pct"] == 100.0  # of the posts with a sentiment


@pytest.fixture
def full_detector_calls(monkeypatch):
    """The texts each call of the full detector gets, one list per call (the detector itself still answers)."""
    from brandpulse.enrich import language

    monkeypatch.setattr(language, "_known", {})
    calls: list[list[str]] = []
    real = language._detector

    class Counting:
        def __init__(self, detector):
            self.detector = detector

        def detect_languages_in_parallel_of(self, texts):
            calls.append(list(texts))
            return self.detector.detect_languages_in_parallel_of(texts)

        def detect_language_of(self, text):
            calls.append([text])
            return self.detector.detect_language_of(text)

        def __getattr__(self, name):  # (the confidences of the texts it was unsure of: not counted)
            return getattr(self.detector, name)

    monkeypatch.setattr(language, "_detector", lambda *a: Counting(real(*a)))
    return calls


def test_texts_seen_before_are_not_detected_again_and_the_memory_is_bounded(monkeypatch, full_detector_calls):
    from brandpulse.enrich import language

    monkeypatch.setattr(language, "KNOWN_LIMIT", 2)
    monkeypatch.setattr(language, "parallel", True)
    calls = full_detector_calls
    assert language.detect(TEXTS[:2] + TEXTS[:1]) == ["en", "es", "en"]
    assert language.detect(TEXTS[1:3]) == ["es", "de"]
    # each distinct text once, the Spanish one not again; the English one is sure enough for the quick pass
    assert calls == [TEXTS[1:2], TEXTS[2:3]]
    assert language.detect(TEXTS) == ["en", "es", "de", "fr"]  # 3 known > 2: emptied, all detected again
    assert calls[-1] == TEXTS[1:] and len(language._known[language.DEFAULT_CANDIDATES, ()]) == 4


@pytest.mark.parametrize("candidates", [("en", "es", "de", "fr"), ("es", "de", "fr")])
def test_clear_english_is_decided_by_the_quick_pass_and_everything_else_by_the_full_detector(
    monkeypatch, full_detector_calls, candidates
):
    from brandpulse.enrich import language

    monkeypatch.setattr(language, "parallel", False)
    unsure = "ok then"  # too short for the quick pass to be sure (one word is not detected at all)
    got = language.detect([*TEXTS, unsure], candidates)
    full = [text for call in full_detector_calls for text in call]
    if "en" in candidates:
        assert got[:4] == ["en", "es", "de", "fr"]
        assert full == [*TEXTS[1:], unsure]
    else:  # no English to be sure of: the full detector sees every text
        assert got[1:4] == ["es", "de", "fr"]
        assert full == [*TEXTS, unsure]
    monkeypatch.setattr(language, "_known", {})
    monkeypatch.setattr(language, "FAST_ENGLISH", 1.01)  # nothing is sure enough: the full detector alone
    full_detector_calls.clear()
    assert language.detect(TEXTS, candidates)[1:] == got[1:4]
    assert [text for call in full_detector_calls for text in call] == TEXTS


def test_terminal_brand_table_shows_the_posts_without_a_sentiment(tmp_path):
    src = tmp_path / "posts.csv"
    pd.DataFrame({"text": TEXTS}).to_csv(src, index=False)
    table = CliRunner().invoke(main, ["analyze", str(src), "-f", "table", "-q"], env={"COLUMNS": "100"}).stdout
    head = next(line for line in table.splitlines() if "posts" in line and "NSS" in line)
    assert [c.strip() for c in head.strip("┃ ").split("┃")][-3:] == ["n/a", "NSS", "avg"]
    row = next(line for line in table.splitlines() if "(no brand)" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    # 4 posts, no share of voice, 1 negative English post (100 % of the scored), 3 without a sentiment
    assert cells[1:8] == ["4", "-", "0", "0", "1", "3", "-100.0"] and cells[8].startswith("-0.")
    assert "n/a: posts without one (not English)" in " ".join(table.split())


def test_styled_letters_are_read_as_the_plain_ones():
    """Posts in "bold" letters (as text generators make them for social bios and posts) were of no
    language and neutral: "𝐭𝐞𝐫𝐫𝐢𝐛𝐥𝐞" is not a word of any lexicon or language model."""
    texts = [
        "𝐓𝐡𝐞 𝐟𝐥𝐢𝐠𝐡𝐭 𝐰𝐚𝐬 𝐝𝐞𝐥𝐚𝐲𝐞𝐝 𝐚𝐠𝐚𝐢𝐧 𝐚𝐧𝐝 𝐧𝐨𝐛𝐨𝐝𝐲 𝐭𝐨𝐥𝐝 𝐮𝐬 𝐚𝐧𝐲𝐭𝐡𝐢𝐧𝐠",  # mathematical bold
        "𝘛𝘩𝘦 𝘤𝘳𝘦𝘸 𝘸𝘢𝘴 𝘸𝘰𝘯𝘥𝘦𝘳𝘧𝘶𝘭 𝘢𝘯𝘥 𝘵𝘩𝘦 𝘴𝘦𝘢𝘵𝘴 𝘨𝘳𝘦𝘢𝘵",  # sans-serif italic
        "Ｔｈｅ ａｐｐ ｉｓ ｔｅｒｒｉｂｌｅ ａｎｄ ｓｌｏｗ",  # full-width
        "El vuelo llegó con dos horas de retraso",  # accents stay: still Spanish, still unscored
    ]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["lang"].tolist() == ["en", "en", "en", "es"]
    assert out["sentiment_label"].tolist()[:3] == ["negative", "positive", "negative"]
    assert np.isnan(out.loc[3, "sentiment"])
    assert out["text"].tolist() == texts  # the posts as they were written


def test_a_language_named_in_words_is_read_as_its_code(tmp_path):
    """A Spanish listening tool's `Idioma` of `Inglés` left its English posts unscored (not English to an English-only
    analyzer), and `Spanish`, `Español` and `es` were three languages in the count line and the reports."""
    src = tmp_path / "posts.csv"
    rows = ["Renfe is late again;Inglés", "Renfe llega tarde;Spanish", "Renfe tarde hoy;Español", "Renfe fatal;es"]
    src.write_text("texto;Idioma\n" + "\n".join([*rows, "Müller ist zu spät;Deutsch", "Renfe lost my bag;ENGLISCH"]))
    out = CliRunner().invoke(main, ["analyze", str(src), "--brand", "Renfe", "-f", "csv"])
    assert out.exit_code == 0, out.stderr
    rows = pd.read_csv(__import__("io").StringIO(out.stdout), dtype={"lang": str}, keep_default_na=False)
    assert rows["lang"].tolist() == ["en", "es", "es", "es", "de", "en"]
    assert rows["sentiment_label"].tolist() == ["negative", "", "", "", "", "negative"]
    assert "sentiment left empty for non-English posts (es 3, de 1)" in out.stderr


def test_an_analyzers_languages_match_a_code_with_its_region_not_its_prefix():
    """`es` took Estonian's `est`, `fi` Filipino's `fil`, `ja` Javanese's `jav` (a prefix), and a model that recorded
    `eng` skipped `en` posts."""
    from brandpulse.enrich.sentiment import not_read

    posts = pd.DataFrame({"lang": ["es", "es-MX", "ES_mx", "spa", "est", "fil", "jav", "fi", "ja-JP", "", None]})
    assert posts["lang"][not_read(posts, ("es",))].tolist() == ["est", "fil", "jav", "fi", "ja-JP"]
    assert posts["lang"][~not_read(posts, ("fi", "ja"))].fillna("?").tolist() == ["fi", "ja-JP", "", "?"]
    english = pd.DataFrame({"lang": ["en", "en-GB", "eng", "enm"]})  # (enm: Middle English, no ISO 639-1 code)
    assert not_read(english, ("eng",)).tolist() == [False, False, False, True]
    assert not_read(english, ("en",)).tolist() == [False, False, False, True]


def test_a_files_iso_639_2_codes_are_read_as_two_letter_ones(tmp_path):
    """`eng`, `spa` and `fre` (ISO 639-2) are `en`, `es` and `fr`, a region is after `-`; Middle English (`enm`) has
    no two-letter code and stays, not English to an English-only analyzer (it was, by its prefix)."""
    src = tmp_path / "posts.csv"
    rows = ["Renfe is late again,eng", "Renfe tarde,spa", "Renfe retard,fre", "Renfe atrasou,pt_BR", "Renfe late,enm"]
    src.write_text("text,lang\n" + "\n".join(rows) + "\n")
    out = CliRunner().invoke(main, ["analyze", str(src), "--brand", "Renfe", "-f", "csv"])
    assert out.exit_code == 0, out.stderr
    rows = pd.read_csv(__import__("io").StringIO(out.stdout), dtype={"lang": str}, keep_default_na=False)
    assert rows["lang"].tolist() == ["en", "es", "fr", "pt-br", "enm"]
    assert rows["sentiment_label"].tolist() == ["negative", "", "", "", ""]


def test_ingest_says_the_posts_it_stored_without_a_sentiment(tmp_path):
    """`ingest` of the example data stored 219 posts with no sentiment (not English) and said nothing of them, where
    `analyze` of the same file names each language: the count is summed over the files, per language."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("text,lang\nRenfe is late again,en\nRenfe llega tarde,es\nRenfe fatal hoy,es\n")
    second.write_text("text,lang\nRenfe ist zu spät,de\nRenfe llega tarde otra vez,es\n")
    store = tmp_path / "s.duckdb"
    out = CliRunner().invoke(main, ["ingest", str(first), str(second), "--brand", "Renfe", "--store", str(store)])
    assert out.exit_code == 0, out.stderr
    assert "sentiment left empty for non-English posts (es 3, de 1): the analyzer reads English only" in out.stderr
    assert out.stderr.rstrip().endswith("(rejected 0), sentiment skipped 4 (not English)")
    quiet = CliRunner().invoke(main, ["ingest", str(first), "--brand", "Renfe", "--store", str(store), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""  # (cron: nothing to say when every row went in)


def test_the_configs_place_names_are_not_read_as_the_posts_language(tmp_path):
    """A Welsh operator's English posts naming Welsh stations ("coach from Caerdydd Canolog was 2 hours late") were
    Welsh to the detector, with `cy` among the candidates, so an English analyzer skipped them: 14 of a tester's 231
    English posts. `[language] names` lists words the detector does not read, as the brands' terms are not; a Welsh
    post naming them is still Welsh."""
    config = tmp_path / "brandpulse.toml"
    head = '[brands.TrC]\nterms = ["TrC", "National Express"]\n[language]\ncandidates = ["en", "cy"]\n'
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,text\n1,National Express coach from Caerdydd Canolog was 2 hours late\n"
        "2,Took the T1 to Aberystwyth with TrC: lovely views\n"
        "3,Trên hwyr o Aberystwyth i Gaerdydd Canolog eto gyda TrC\n",
        encoding="utf-8",
    )

    def langs(extra: str) -> list[str]:
        config.write_text(head + extra, encoding="utf-8")
        out = CliRunner().invoke(main, ["analyze", str(src), "-c", str(config), "-f", "csv", "-q"])
        assert out.exit_code == 0, out.stderr
        return pd.read_csv(__import__("io").StringIO(out.stdout), dtype={"lang": str})["lang"].tolist()

    assert langs("") == ["cy", "cy", "cy"]
    assert langs('names = ["Caerdydd Canolog", "Aberystwyth"]\n') == ["en", "en", "cy"]
    for bad in ("names = 5\n", "detect = false\nnames = 5\n"):  # (detection off: "TypeError", exit 1)
        config.write_text(head + bad, encoding="utf-8")
        with pytest.raises(ConfigError, match=r"brandpulse.toml: \[language\] names must be a list"):
            load_config(config)
        out = CliRunner().invoke(main, ["analyze", str(src), "-c", str(config), "-f", "csv", "-q"])
        assert out.exit_code == 5 and "[language] names must be a list" in out.stderr


def test_every_language_the_detector_knows_has_its_three_letter_codes():
    """A file whose `lang` said `urd` (Urdu) or `cym` (Welsh) kept it as written: the code table held the commonest
    languages only, so an Urdu post was not `ur` to a model or a `lang:ur` query. Each language lingua knows is read
    by its ISO 639-3 code (and the 639-2 bibliographic one where it differs)."""
    from lingua import Language

    from brandpulse.schema import language_code

    for lang in Language.all():
        assert language_code(lang.iso_code_639_3.name.lower()) == lang.iso_code_639_1.name.lower(), lang
    assert [language_code(c) for c in ("urd", "ice", "geo", "alb", "mao", "est")] == [
        "ur",
        "is",
        "ka",
        "sq",
        "mi",
        "et",
    ]


def test_the_full_detector_is_built_only_for_what_the_quick_pass_leaves(monkeypatch):
    """Built before the quick pass, the full detector loaded all of its models (1.7 s of CPU) in every run, also one
    of posts all plainly English: a one-post `analyze` took 2.9 s of CPU against 1.4 s with a `lang` column. Now it
    is built when a text is left for it."""
    built = []
    real = language._detector
    monkeypatch.setattr(language, "_known", {})
    monkeypatch.setattr(language, "_detector", lambda *a: built.append(a) or real(*a))
    english = ["I have been waiting for my refund for three weeks now and nobody answers", TEXTS[0]]
    assert detect(english) == ["en", "en"]
    assert detect(["ok", "el re7la et2a5aret 3 sa3at"]) == [None, "ar"]  # (one word; Arabizi)
    assert built == []
    assert detect(TEXTS) == ["en", "es", "de", "fr"]
    assert built == [(language.DEFAULT_CANDIDATES, language.MIN_DISTANCE)]


def test_the_warm_up_loads_the_full_detector_only_before_workers_fork(monkeypatch, tmp_path):
    """`--jobs` workers inherit the full detector's models from the warm-up rather than each loading them for
    itself. One process's warm-up builds none: its French post, detected, built it (1.7 s of CPU) in every run, also
    of English posts the quick pass decides all. None with detection off."""
    from brandpulse.engines.chunked import Options, warm_up

    built = []
    real = language._detector
    monkeypatch.setattr(language, "_known", {})
    monkeypatch.setattr(language, "_detector", lambda *a: built.append(a) or real(*a))
    (tmp_path / "bp.toml").write_text(
        '[brands.Delta]\nterms = ["Delta"]\n[language]\ncandidates = ["en", "es", "fr"]\n'
    )
    options = Options(config=load_config(tmp_path / "bp.toml"), sentiment="cx")
    warm_up(options)
    assert built == []
    warm_up(options, workers=True)
    assert built == [(("en", "es", "fr"), language.MIN_DISTANCE)]
    built.clear()
    language._known.clear()
    (tmp_path / "bp.toml").write_text('[brands.Delta]\nterms = ["Delta"]\n[language]\ndetect = false\n')
    warm_up(Options(config=load_config(tmp_path / "bp.toml"), sentiment="cx"), workers=True)
    assert built == []


def test_analyze_of_english_posts_builds_no_full_detector(monkeypatch, tmp_path):
    """`brandpulse analyze` of a few plain English complaints (a cron job's hour) paid 1.7 s of CPU for lingua's
    full detector, which its warm-up's own French post needed; built now when a post needs it (a German one)."""
    built = []
    real = language._detector
    monkeypatch.setattr(language, "_known", {})
    monkeypatch.setattr(language, "_detector", lambda *a: built.append(a) or real(*a))
    src = tmp_path / "p.csv"
    src.write_text(f"id,text\n1,{TEXTS[0]}\n2,I have been waiting for my refund for three weeks now\n")
    out = CliRunner().invoke(main, ["analyze", str(src), "--brand", "Delta", "-f", "csv", "-q"])
    assert out.exit_code == 0, out.stderr
    assert pd.read_csv(__import__("io").StringIO(out.stdout))["lang"].tolist() == ["en", "en"]
    assert built == []
    src.write_text(f"id,text\n1,{TEXTS[0]}\n2,{TEXTS[2]}\n")
    out = CliRunner().invoke(main, ["analyze", str(src), "--brand", "Delta", "-f", "csv", "-q"])
    assert pd.read_csv(__import__("io").StringIO(out.stdout))["lang"].tolist() == ["en", "de"]
    assert built == [(language.DEFAULT_CANDIDATES, language.MIN_DISTANCE)]


def test_the_jobs_warm_up_builds_the_full_detector_whatever_its_posts(monkeypatch, tmp_path):
    """Of candidates en and ja the quick pass decides both warm-up posts, so the full detector was built in each
    `--jobs` worker after the fork, with its models preloaded in the Rust thread pool `_fast_english` had started in
    the parent: `analyze --jobs 2` of English and Japanese posts hung. Built before the fork now, one process still
    lazily."""
    from brandpulse.engines.chunked import Options, warm_up

    built = []
    real = language._detector
    monkeypatch.setattr(language, "_known", {})
    monkeypatch.setattr(language, "_detector", lambda *a: built.append(a) or real(*a))
    (tmp_path / "bp.toml").write_text('[brands.Delta]\nterms = ["Delta"]\n[language]\ncandidates = ["en", "ja"]\n')
    options = Options(config=load_config(tmp_path / "bp.toml"), sentiment="cx")
    warm_up(options)
    assert built == []  # (one process: none of its posts needs it)
    warm_up(options, workers=True)
    assert built == [(("en", "ja"), language.MIN_DISTANCE)]


def test_one_word_of_thanks_or_love_no_english_post_writes_is_its_language():
    """ "Gracias Skyway!" was one word, not detected, so scored as English: neutral, and no praise (stop 55). A word of
    several languages is the first candidate's ("adoro": Spanish, Portuguese, Italian); one no candidate speaks, none;
    English words of one, and two words, as before (labels by hand)."""
    texts = ["Gracias Skyway!", "Obrigado Skyway 🙏", "Adoro Skyway!", "Bedankt @Skyway", "thanks Skyway!", "meh"]
    assert detect(texts, names=("Skyway",)) == ["es", "pt", "es", "nl", None, None]
    # (the candidates' order, as the docstring says: stop 57, it was "pt", the word's own order, Italian listed first)
    assert detect(["Adoro Skyway!"], ("en", "it", "pt"), names=("Skyway",)) == ["it"]
    assert detect(["Adoro Skyway!"], ("en", "pt", "it"), names=("Skyway",)) == ["pt"]
    assert detect(["Skyway lo adoro"], ("en", "it", "es"), names=("Skyway",)) == ["it"]
    assert detect(["Grazie Skyway"], ("en", "fr"), names=("Skyway",)) == [None]
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": texts[:4]})), config)
    assert out["intent"].tolist() == ["praise"] * 4


def test_a_short_english_post_with_one_accented_loanword_is_english():
    """ "café ok", "Skyway café great", "loved the crème brûlée on Skyway" were French (lingua reads the accents), so
    left unscored (stop 55). Its other words all common English ones, such a post is English now; a post with a word
    of another language beside the loanword, or an accented function word of one, is not (labels by hand)."""
    english = ["café ok", "Skyway café great", "loved the crème brûlée on Skyway", "the café at gate 12 was great"]
    assert detect(english, names=("Skyway",)) == ["en"] * 4
    others = ["Merci Skyway, super café", "très bon café", "é ok", "não ok", "el café ok"]
    got = detect(others, names=("Skyway",))
    assert got[:4] == ["fr", "fr", "fr", "pt"] and got[4] not in ("en", None)  # ("el café ok": lingua's nl, no matter)
    assert not language.loanword_english("café")  # (one word: the one-word rule's)
    # no brand configured: one word not English beside them (the name) is let be, two are not; thanks never
    texts = ["loved the crème brûlée on Skyway", "Merci Skyway, super café", "le café was great", "great Käse Flug"]
    assert [language.loanword_english(t) for t in texts] == [True, False, False, False]
    assert detect(texts[:2]) == ["en", None]  # (lingua: fr, unsure)
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": ["Skyway café great", "Merci Skyway, super café"]})), config)
    assert out["lang"].tolist()[0] == "en" and out["sentiment_label"].tolist()[0] == "positive"  # ("great")
    assert out["lang"].tolist()[1] == "fr" and pd.isna(out["sentiment"].tolist()[1])


def test_a_short_post_of_another_language_with_a_word_of_thanks_is_that_words_language():
    """ "Merci Skyway, super café" was Portuguese (lingua, of "super café"); "merci" makes it French. A post the
    detector is unsure of stays unsure ("Merci pour le movie.", English in VADER's movie set), and so does an English
    one (labels by hand)."""
    texts = ["Merci Skyway, super café", "Merci pour le movie.", "thanks Skyway, great flight"]
    assert detect(texts, names=("Skyway",)) == ["fr", None, "en"]


def test_an_unsure_short_post_of_a_word_of_love_and_function_words_is_not_english():
    """ "lo amo", "Skyway lo amo" were unsure, so scored as English: neutral, and no praise (stop 56). Its other words
    all function words of another language: the first of the love word's languages that has them all ("li" is
    Italian's alone, "ya" Spanish's), else its first; a word of no such list keeps it unsure (labels by hand)."""
    texts = ["lo amo", "Skyway lo amo", "li amo", "QuickBite ya lo adoro", "lo amo movie"]
    assert detect(texts, names=("Skyway", "QuickBite")) == ["es", "es", "it", "es", None]
    assert detect(["lo amo"], ("en", "it"), names=()) == ["it"]


def test_a_post_in_latin_letters_and_japanese_is_the_script_with_more_letters_a_kana_counting_two():
    """ "Skyway café naïve 日本語のテキスト 🙂 Ünïcödé" (Skyway configured) was Spanish: 16 Latin letters to 8 of kana
    and Chinese characters, and the candidates read the accents. A kana or Chinese character is a syllable, two letters:
    16 to 16, Japanese, the one language the post holds. English words beside a Japanese one stay English (labels by
    hand)."""
    texts = ["Skyway café naïve 日本語のテキスト 🙂 Ünïcödé", "Loved the ramen at Skyway, 美味しい!"]
    language._known.clear()
    assert detect(texts, names=("Skyway",)) == ["ja", "en"]
    assert language.other_script("café naïve 日本語のテキスト Ünïcödé", one=True)  # (16 to 8 x 2)
    assert not language.other_script("Loved the ramen at 美味しい", one=True)  # (15 to 4 x 2)
    assert not language.other_script("great")
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", "--brand", "Skyway=Skyway", "-"], input=f"text\n{texts[0]}\n")
    assert result.exit_code == 0, result.output
    row = pd.read_csv(io.StringIO(result.stdout)).iloc[0]
    assert row["lang"] == "ja" and pd.isna(row["sentiment"])


def test_language_detection_reads_the_function_word_lists_without_the_report_package():
    """`enrich.language` read other languages' function words from `report.emerging` (enrich depending on report);
    both read `brandpulse.stopwords` now. In a fresh interpreter the loanword rule still knows "é" and "não" as
    Portuguese's and "très" as French's, and no module of `brandpulse.report` is loaded."""
    code = (
        "import sys; from brandpulse.enrich import language as L; "
        "print([L.loanword_english(t) for t in ('café ok', 'é ok', 'não ok', 'très bon café')]); "
        "print(any(m.startswith('brandpulse.report') for m in sys.modules))"
    )
    assert fresh_python(code)[:2] == ["[True, False, False, False]", "False"]
    from brandpulse import stopwords

    assert {"es del", "fr les", "de und"} <= stopwords.by_language() and "del" not in stopwords.english()
    assert {"très", "não", "und"} <= stopwords.foreign() and "the" not in stopwords.foreign()


def test_a_short_english_post_of_accented_loanwords_the_detector_gave_french_is_english():
    """ "Skyway's crème brûlée was great", "crème brûlée great", "the crème brûlée was divine" were French (lingua
    reads the accents; the rule before the detector wants all other words common English ones, and more of them than
    the loanwords), so unscored. Their words in ASCII read as English ("the was divine"), or all common English
    ones ("great"), they are English now; posts of another language with accented words keep theirs, as their
    ASCII words are no English or one is their language's function word ("la", "der") (labels by hand)."""
    english = [
        "Skyway's crème brûlée was great",
        "crème brûlée great 😋",
        "the crème brûlée was divine",
        "the crème brûlée was disappointing",
    ]
    others = ["la crème brûlée était parfaite", "Der Käse war lecker", "comida ótima", "Schönes Hotel, super Service"]
    language._known.clear()
    assert detect(english + others, names=("Skyway",)) == ["en"] * 4 + ["fr", "de", "pt", "de"]
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": english[:3]})), config)
    assert out["lang"].tolist() == ["en"] * 3 and out["sentiment"].notna().all()


def test_an_unsure_post_plainly_not_english_is_the_likely_language_of_whose_function_words_it_holds_most():
    """ "¡Qué rico el café de Skyway!" was French: lingua unsure (French 0.32, Spanish 0.28, Portuguese 0.23, English
    below 0.1), so the likeliest. "qué" and "el" are Spanish function words and no French ones ("de" is both's): it
    is Spanish (label by hand)."""
    language._known.clear()
    assert detect(["¡Qué rico el café de Skyway!"], names=("Skyway",)) == ["es"]
    assert language._most_function_words("qué rico el café de", ["fr", "es", "pt"]) == "es"
    assert language._most_function_words("rico café", ["fr", "es", "pt"]) == "fr"  # (none: the likeliest)
    # "ſ ſ" (CI, hypothesis): no language likely at all, so none to choose from; it raised ValueError, it is unsure
    language._known.clear()
    assert detect(["ſ ſ", "ſ ſ ſ ſ"], names=()) == [None, None]


def test_kaomoji_are_not_read_as_japanese_or_kannada_letters():
    """ "meh ¯\\_(ツ)_/¯" was German, "idk ¯\\_(ツ)_/¯" Dutch, "Skyway ¯\\_(ツ)_/¯" and "ok ヽ(°〇°)ﾉ" Japanese
    (ツ and ﾉ are kana), their sentiment skipped. Faces are taken out as emoticons are: one English word is left,
    unsure, scored as English. A Japanese post with a face, and a Japanese aside in brackets, are Japanese (labels
    by hand)."""
    texts = ["meh ¯\\_(ツ)_/¯", "idk ¯\\_(ツ)_/¯", "Skyway ¯\\_(ツ)_/¯", "ok ヽ(°〇°)ﾉ", "lol (ノಠ益ಠ)ノ"]
    japanese = ["ラウンジ最高でした (^ω^)", "最高でした（笑）"]
    language._known.clear()
    assert detect(texts + japanese, names=("Skyway",)) == [None] * 5 + ["ja", "ja"]
    assert language.without_emoticons("最高でした（笑） ಠ_ಠ") == "最高でした（笑）  "
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": texts[:2]})), config)
    assert out["sentiment"].notna().all()


def test_an_english_frame_around_a_foreign_noun_phrase_is_english():
    """ "the crème brûlée was superb" was French and "great piña colada" Spanish, so unscored: the frame "the was
    superb" read English 0.32 to German's 0.23, not sure enough, and "colada" (ASCII, beside "piña") was no common
    English word. The phrase is the run of words around the accented one; its frame all common English, or English
    the likeliest of it, the post is English; a function word inside the phrase is the phrase's ("pão de queijo").
    Posts with no English frame, a foreign function word at a phrase's edge, or a frame of a word English shares
    with French and Spanish ("terrible", "horrible", "excellent": likeliest French) keep their language ("Café frío,
    horrible" and "Café délicieux, excellent" were English) (labels by hand)."""
    english = ["the crème brûlée was superb", "great piña colada", "loved the pão de queijo"]
    others = ["la crème brûlée était parfaite", "piña colada muy rica", "très bon café, great", "Le café était froid"]
    others += ["Vol annulé, terrible", "Café frío, horrible", "Café délicieux, excellent"]
    language._known.clear()
    assert detect(english + others) == ["en"] * 3 + ["fr", "es", "fr", "fr", "fr", "es", "fr"]
    assert language._frame(["great", "piña", "colada"]) == ["great"]
    assert language._frame(["the", "crème", "brûlée", "was", "superb"]) == ["the", "was", "superb"]
    assert language._frame(["très", "bon", "café", "great"]) == []  # ("très" begins the phrase)
    assert language._frame(["le", "café", "was", "great"]) == []
    # an English function word another language shares is the frame's ("a", Spanish's too); alone it makes no frame
    film = "A collage of clichés and a dim echo of allusions to other films."  # (VADER's movie set: it was French)
    assert detect([film, "no me gustó el café"]) == ["en", "es"]
    assert language._frame(["a", "collage", "of", "clichés"]) == ["a", "collage", "of"]
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": ["the crème brûlée was superb", "great piña colada"]})), config)
    assert out["lang"].tolist() == ["en", "en"] and out["sentiment_label"].tolist() == ["positive", "positive"]


def test_an_unsure_short_post_with_two_function_words_of_one_language_and_none_of_englishs_is_that_language():
    """ "Le service Skyway est nul" was unsure (French 0.29, English 0.25), so scored as English. "le" and "est" are
    French function words and no English ones, and no word is an English function word alone: French. An English
    post's function words are English's too, and its other words read English: "Merci pour le movie." (English in
    VADER's movie set: "movie") and "me so was" stay unsure; one function word is not enough (labels by hand)."""
    texts = ["Le service Skyway est nul", "Merci pour le movie.", "Skyway est nul", "me so was"]
    language._known.clear()
    assert detect(texts, names=("Skyway",)) == ["fr", None, None, None]
    assert language._of_its_function_words(None, "le est", ["fr", "en"]) == "fr"  # (no other word to ask of)
    assert language._of_its_function_words(None, "the le est", ["fr", "en"]) is None  # ("the": English's alone)
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    out = analyze(conform(pd.DataFrame({"text": texts[:2]})), config)
    assert out["lang"].tolist()[0] == "fr" and pd.isna(out["sentiment"].tolist()[0])
    assert pd.isna(out["lang"].tolist()[1]) and pd.notna(out["sentiment"].tolist()[1])
