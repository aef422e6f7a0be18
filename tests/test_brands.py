"""The brand matcher: whole words, handles, hashtags, possessives, accents, exclusions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brandpulse
from brandpulse.config import Brand, Config, Topic, add_brand_options, load_config, parse_brand_option
from brandpulse.enrich.brands import by_own_handle, match_brands
from brandpulse.enrich.matching import (
    _FOLDABLE,
    _beside,
    _code_points,
    _foldable,
    _is_word,
    _word_mask,
    fold,
    fold_series,
)
from brandpulse.errors import ConfigError, on_the_command_line

BRANDS = [
    Brand("Apple", ["apple", "@Apple", "#iPhone"], exclude=["apple pie"]),
    Brand("United", ["United", "@united"], exclude=["united states"]),
    Brand("Delta", ["Delta", "Delta Air Lines", "@Delta", "#DeltaAirlines"], exclude=["delta variant", "river delta"]),
    Brand("Nestle", ["Nestlé"]),
]


def brands_of(*texts: str) -> list[str]:
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    return match_brands(df, BRANDS)["brands"].tolist()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I applauded the speech", ""),  # substring, not a word
        ("pineapple juice", ""),
        ("Apple's new phone", "Apple"),  # possessive
        ("Apple’s store", "Apple"),  # curly apostrophe
        ("APPLE rocks", "Apple"),  # case
        ("thanks @Apple!", "Apple"),  # handle
        ("love my #iPhone", "Apple"),  # hashtag term
        ("iPhone without hash", ""),  # the term is the hashtag only
        ("grandma's apple pie", ""),  # excluded phrase
        ("apple pie, then an apple", "Apple"),  # one occurrence outside the exclusion
        ("@united lost my bag", "United"),
        ("born in the United States", ""),
        ("@united I live in the united states", "United"),
        ("the delta variant is spreading", ""),
        ("Delta flight despite the delta variant", "Delta"),
        ("flying Delta Air Lines", "Delta"),
        ("#DeltaAirlines", "Delta"),
        ("deltas of rivers", ""),
        ("Nestle and nestlé", "Nestle"),  # accents folded both ways
        ("NESTLÉ", "Nestle"),
        ("switched from United to Delta, best decision", "United;Delta"),  # config order
        ("Deltaの便が遅れた", "Delta"),  # no space before Japanese text
        ("𝗗𝗲𝗹𝘁𝗮 lost my bag", "Delta"),  # styled text: mathematical bold, italic, circled letters
        ("𝘋𝘦𝘭𝘵𝘢", "Delta"),
        ("ⒹⒺⓁⓉⒶ", "Delta"),
        ("Nestlé™ cereal", "Nestle"),  # "™" was spelled out ("nestletm") in a post with an accent
        ("Café: Delta™ rocks", "Delta"),
        ("Deltaʼs app", "Delta"),  # the modifier apostrophe is a letter: "deltaʼs" was one word
        ("flying Delta-Air-Lines", "Delta"),  # a space in a term is a hyphen too
        ("born in the United-States", ""),  # and in an exclude phrase
        ("@united I live in the united-states", "United"),
        ("delta-variant cases", ""),
        ("ap\u00adple and Del\u200bta", "Apple;Delta"),  # soft hyphen, zero-width space inside the names
        ("\ufeffapp\u2060le", "Apple"),  # a BOM, a word joiner
        ("👨\u200d👩\u200d👧 loves the delta variant", ""),  # (zero-width joiners in emoji: nothing to fold)
        ("", ""),
    ],
)
def test_matches(text, expected):
    assert brands_of(text) == [expected]


def test_curly_apostrophes_and_nul_characters_among_other_texts():
    """A NUL (the scan's separator) is read as a space and "’" as "'" in every text of a chunk, whichever
    texts hold them (the chunk's texts are rewritten only when some text holds one)."""
    texts = ["born in the United\x00States", "Apple’s store", "plain Apple", "grandma’s apple pie", "none", None]
    assert brands_of(*texts) == ["", "Apple", "Apple", "", "", ""]
    assert brands_of("born in the United\x00States", "United") == ["", "United"]
    assert brands_of("grandma’s apple pie", "United") == ["", "United"]


def test_turkish_dotless_i_accents_written_apart_and_a_trade_mark_in_a_term():
    brands = [Brand("Yildiz", ["Yıldız"]), Brand("Acme", ["Acme™"]), Brand("Nero", ["Café Nero"])]
    # "Cafe\u0301": the accent written apart (NFD, as macOS sends text) sat between "cafe" and " nero"
    texts = ["YILDIZ market", "yildiz", "İSTANBUL Yıldız", "Acme™ rocks", "Cafe\u0301 Nero latte"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["Yildiz", "Yildiz", "Yildiz", "Acme", "Nero"]


def test_sharp_s_matches_its_capitals_ss():
    """The brand "Hauptstraße" never matched "HAUPTSTRASSE" (capitals write "ß" as "SS"), nor "Weissbräu" (as Swiss
    German writes it) "Weißbräu": "ß" was folded as "ß", not as `str.casefold` folds it; the capital "ẞ" too."""
    brands = [Brand("Hauptstrasse", ["Hauptstraße"]), Brand("Weissbrau", ["Weissbräu"])]
    texts = ["HAUPTSTRASSE 5 is closed", "hauptstrasse again", "HAUPTSTRAẞE", "Weißbräu on tap", "WEISSBRÄU", "Strasse"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    want = ["Hauptstrasse", "Hauptstrasse", "Hauptstrasse", "Weissbrau", "Weissbrau", ""]
    assert match_brands(df, brands)["brands"].tolist() == want
    assert fold("Straße ẞ") == "strasse ss"


def test_brands_in_cyrillic_greek_korean_and_japanese_match_their_posts():
    """A term is folded whole (NFKD), a post only where it held a character of a short list: `Билайн` was the term
    `билаин` and the post `билайн`, `삼성` and `ガスト` the letters they decompose into, `ΣΑΣ` `σας` (Python's final
    sigma) where Arrow lower-cases the post's `ΣΑΣ` to `σασ`: none of these brands matched a post."""
    brands = [
        Brand("Beeline", ["Билайн"]),
        Brand("Samsung", ["삼성"]),
        Brand("Gusto", ["ガスト"]),
        Brand("SAS", ["ΣΑΣ"]),
    ]
    texts = ["Я люблю Билайн", "삼성 좋아요", "ｶﾞｽﾄに行った", "ガストに行った", "ΣΑΣ πτήση", "η σας", "Ελλάδα"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["Beeline", "Samsung", "Gusto", "Gusto", "SAS", "SAS", ""]


def test_a_brand_with_a_korean_particle_glued_to_it_is_named():
    """Korean glues its particles to the noun ("Samsung은", "삼성이", "Gusto가"), as Japanese does ("Skywayの"). Stop 40
    folded a post's Hangul syllables into the jamo NFKD writes them as, which were letters to the matcher: "Samsung은
    좋아요" (matched at stop 39) and "삼성은 좋아요" named no brand."""
    brands = [Brand("Samsung", ["Samsung", "삼성"]), Brand("Gusto", ["Gusto"])]
    texts = ["Samsung은 좋아요", "삼성은 좋아요", "삼성이 최고", "Gusto가 좋아", "삼성 좋아요", "Samsungs are great"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["Samsung", "Samsung", "Samsung", "Gusto", "Samsung", ""]


def test_a_korean_brand_is_not_named_by_a_syllable_it_is_the_start_of():
    """Folded, a Korean syllable is its jamo (`기압` is `기아` and a final `ᆸ`), and stop 41 made jamo no word
    characters, for the particles glued to a brand: so the brand "기아" (Kia) was named by "기압이 낮다" ("the air
    pressure is low") and "기악" ("instrumental music"), its prefix `기아*` too, and "현대" (Hyundai) by "현댁". A match
    ends between syllables now; a word starting with the brand ("기아차", "Kia Motors"; "삼성전자") still names it, as
    Japanese and Chinese words do, and so does a particle, in Hangul or in compatibility jamo ("ㅋㅋ")."""
    brands = [Brand("Kia", ["기아"]), Brand("Hyundai", ["현대"]), Brand("Samsung", ["삼성", "Samsung"])]
    texts = ["기압이 낮다", "기악 공연", "현댁", "기아가 좋아요", "기아차 샀어요", "삼성전자 주가", "Samsung은 좋아"]
    texts.append("현대")
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["", "", "", "Kia", "Kia", "Samsung", "Samsung", "Hyundai"]
    prefix = [Brand("Kia", ["기아*"]), Brand("Laugh", ["ㅋㅋ"])]
    texts = ["기압", "기아차", "ㅋ카", "ㅋㅋ 재밌다"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, prefix)["brands"].tolist() == ["", "Kia", "", "Laugh"]


def test_an_arabic_brand_is_named_with_its_particles_vowels_tatweel_and_hamza():
    """Arabic joins "and", "with", "for" to the next word: "وطيران الصحراء" ("and Sahara Air"), "بطيران الصحراء" ("by
    ..."), "للإمارات" ("for the Emirates": "ل" + "الإمارات"); posts write vowel marks ("طَيَرَانُ"), stretch words with
    the tatweel ("طيـــران"), leave out the hamza ("الامارات"), write "ة" as "ه" ("القطريه"), Urdu's "ی" for "ي". None
    of these named the airline before stop 43: the particle made it another word to the whole-word matcher, the marks
    and the tatweel were kept. "الصحراء" alone ("the desert") is not "طيران الصحراء", nor is a word that only ends in
    a term."""
    brands = [
        Brand("Sahara", ["طيران الصحراء"]),
        Brand("Emirates", ["طيران الإمارات", "الإمارات"]),
        Brand("Qatar", ["القطرية"]),
    ]
    texts = [
        "وطيران الصحراء ضيعوا شنطتي",
        "سافرت بطيران الصحراء أمس",
        "شكراً لطيران الصحراء",
        "طيـــران الصحـــراء أسوأ شركة",
        "طَيَرَانُ الصَّحْرَاءِ تأخير",
        "طیران الصحراء کا عملہ",
        "جربت القطريه والامارات",
        "للإمارات تحية",
        "وبالإمارات الخدمة أحسن",
        "ما أحلى الصحراء في الشتاء",
        "مطيران الصحراء",  # (not a particle: a word that ends in the term)
        "القطريات",
    ]
    df = pd.DataFrame({"text": pd.Series(texts)})
    want = ["Sahara"] * 6 + ["Emirates;Qatar", "Emirates", "Emirates", "", "", ""]
    assert match_brands(df, brands)["brands"].tolist() == want


def test_a_short_arabic_name_takes_and_and_then_but_no_particle_that_makes_another_word():
    """ "ب", "ل", "ك" before a word of two or three letters make another common word: the telecom "دو" (du) was named by
    "البدو" 's "بدو" (bedouins), "تاب" by "كتاب" (a book), "مال" by "كمال" (a man's name). "و" and "ف" ("and", "then")
    still join it, and every particle a longer name or one with the article "ال"."""
    brands = [Brand("du", ["دو"]), Brand("Tab", ["تاب"]), Brand("Mal", ["مال"]), Brand("Sahara", ["طيران الصحراء"])]
    texts = ["نحن بدو", "قرأت كتاب", "كمال صديقي", "ودو أحسن", "فتاب", "دو", "كطيران الصحراء", "لطيران الصحراء"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    want = ["", "", "", "du", "Tab", "du", "Sahara", "Sahara"]
    assert match_brands(df, brands)["brands"].tolist() == want


def test_an_indic_vowel_sign_after_a_term_makes_it_another_word():
    """A vowel sign (Devanagari "ी", a mark to Python, no letter) ended a word for the matcher: the brand "जेट" (Jet)
    was named by "जेटी" (a jetty), and a keyword "लेट" ("late") by "लेटा" ("lying"). An emoji's variation selector
    after a name still ends it ("Skyway❤️")."""
    brands = [Brand("Jet", ["जेट"]), Brand("Sahara", ["सहारा एयर"]), Brand("Skyway", ["Skyway"])]
    texts = ["जेट एयरवेज़ की फ्लाइट", "जेटी पर बैठे", "सहारा एयर की फ्लाइट", "❤️Skyway❤️"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["Jet", "", "Sahara", "Skyway"]


def test_arabic_folds_as_its_search_engines_fold_it():
    """Lucene's Arabic normaliser: marks and tatweel dropped, alef with hamza as alef, "ى" and "ی" as "ي", "ة" as "ه";
    Arabic-Indic and Persian digits as ASCII ("رحلة ٤٥٢" names the flight "452" a term or keyword gives)."""
    assert fold("طَيَرَانُ") == fold("طيـران") == "طيران"
    assert fold("أإآ") == "ااا"
    assert fold("ىیة") == "ييه"
    assert fold("ہۃەۀۂ") == "ههههه"  # (Urdu's and Persian's heh and teh marbuta: "الجزیرہ" is "الجزيرة")
    assert fold("رحلة ٤٥٢ / ۴۵۲") == "رحله 452 / 452"
    texts = pd.Series(["رحلة ٤٥٢ تأخرت", "SA٤٥٢ cancelled", "flight 452"])
    assert fold_series(texts).tolist() == [fold(t) for t in texts]
    flight = [Brand("SA452", ["SA452", "رحلة 452"])]
    assert match_brands(pd.DataFrame({"text": texts}), flight)["brands"].tolist() == ["SA452", "SA452", ""]
    urdu = pd.DataFrame({"text": pd.Series(["الجزیرہ نیوز پر خبر", "الجزیرۃ", "الجزيرة نت", "جزیرہ"])})
    assert match_brands(urdu, [Brand("Jazeera", ["الجزيرة"])])["brands"].tolist() == ["Jazeera"] * 3 + [""]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=12), max_size=6))
def test_posts_are_folded_as_terms_are(texts):
    """The posts' fold (in Arrow, only rows with a character to fold through Python's) is `fold`, the terms'; but for
    characters whose lower case Arrow's newer Unicode tables give and Python 3.11's do not (as `İ`, `Ɤ`)."""
    texts = [t for t in texts if pc.utf8_lower(pa.array(list(t), pa.string())).to_pylist() == [c.lower() for c in t]]
    assert fold_series(pd.Series(texts, dtype="string[pyarrow]")).tolist() == [fold(t) for t in texts]


def test_the_posts_folded_are_those_holding_a_foldable_character_or_one_arrows_nfkd_changes():
    """Only posts holding a character of `_may_fold()`'s list are tested, by `_FOLDABLE` and Arrow's NFKD: the others
    are left as they are. Every character alone (the whole of Unicode), beside a letter and an emoji, and marks NFKD
    puts in order (Hebrew points, not `_FOLDABLE`'s) give the texts both tests of every text gave."""
    chars = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = pa.array(
        chars + [f"a{c}🙂" for c in chars[::7]] + ["\u05d0\u05b1\u05b0", "\u05d0\u05b0\u05b1"], pa.large_string()
    )
    every = pc.or_(pc.match_substring_regex(texts, _FOLDABLE), pc.not_equal(pc.utf8_normalize(texts, "NFKD"), texts))
    assert np.array_equal(_foldable(texts), every.to_numpy(zero_copy_only=False))
    assert _foldable(texts)[-2:].tolist() == [True, False]
    # most text beyond ASCII is left alone: emoji, CJK, kana without voicing marks, typographic punctuation
    texts = ["👍 🔥 ❤️ 東京 すし “ok” — £5", "ガ", "…", "½", "é"]
    assert _foldable(pa.array(texts, pa.large_string())).tolist() == [False, True, True, True, True]


def test_missing_text_and_index_are_kept():
    df = pd.DataFrame({"text": pd.Series([None, "Delta"], dtype="string", index=[10, 20])})
    out = match_brands(df, BRANDS)
    assert out.index.tolist() == [10, 20]
    assert out["brands"].tolist() == ["", "Delta"]


def test_no_brands_configured():
    df = pd.DataFrame({"text": pd.Series(["Delta"], dtype="string")})
    assert match_brands(df, [])["brands"].tolist() == [""]


def test_many_terms_and_rows():
    """Hundreds of terms, rows beyond one scan chunk: positions still map to the right rows."""
    brands = [Brand(f"B{i}", [f"brand{i}", f"@handle{i}"]) for i in range(300)]
    texts = [f"post about brand{i % 300} and @handle{(i * 7) % 300}" for i in range(60_000)]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    got = match_brands(df, brands)["brands"]
    for i in (0, 1, 299, 300, 49_999, 50_000, 59_999):
        a, b = i % 300, (i * 7) % 300
        assert got.iloc[i] == ";".join(f"B{j}" for j in sorted({a, b})), i


def test_brand_option():
    assert parse_brand_option("Delta=Delta Air Lines, @Delta") == Brand("Delta", ["Delta Air Lines", "@Delta"])
    assert parse_brand_option("Delta") == Brand("Delta", ["Delta"])


def test_brand_option_errors_name_the_flag_in_a_command_alone():
    """`parse_brand_option` and `add_brand_options` called from Python said `--brand 'Delta='`, a flag a notebook
    has none of: they name the brand given, and `--brand` while a command runs."""
    with pytest.raises(ConfigError, match=r"^brand 'Delta=': no terms after '=': give NAME=TERM,TERM or just NAME$"):
        parse_brand_option("Delta=")
    with pytest.raises(ConfigError, match=r"^brand '=Delta': expected NAME=TERM,TERM or NAME$"):
        parse_brand_option("=Delta")
    with pytest.raises(ConfigError, match=r"^brand 'delta': brand 'Delta' is already defined by another brand$"):
        add_brand_options(Config(), ["Delta", "delta"])
    with on_the_command_line():
        with pytest.raises(ConfigError, match=r"^--brand 'Delta=': no terms after '='"):
            parse_brand_option("Delta=")
        with pytest.raises(ConfigError, match=r"^--brand 'delta': brand 'Delta' is already defined by another --brand"):
            add_brand_options(Config(), ["Delta", "delta"])


def test_a_name_with_the_list_separator_is_a_config_error(tmp_path):
    """`Foo;Bar` went into the `;`-separated brands cell and came out as two brands, Foo and Bar, each
    with the post's mention, while Foo;Bar had 0."""
    with pytest.raises(ConfigError, match=r"^brand 'Foo;Bar=foo': a name cannot be empty or hold ';'$"):
        parse_brand_option("Foo;Bar=foo")
    with on_the_command_line(), pytest.raises(ConfigError, match=r"^--brand 'Foo;Bar=foo': a name cannot be empty"):
        parse_brand_option("Foo;Bar=foo")
    (tmp_path / "t.toml").write_text('[topics."delays;refunds"]\nkeywords = ["late"]\n')
    with pytest.raises(ConfigError, match=r"t.toml: \[topics.delays;refunds\]: a name cannot"):
        load_config(tmp_path / "t.toml")


def test_an_empty_term_or_regex_is_a_config_error(tmp_path):
    """`terms = [""]` (a list left to fill in) was taken: the brand matched nothing, without a word; a topic's
    `regex = [""]` matched every post, so every post had that topic."""
    (tmp_path / "b.toml").write_text('[brands.A]\nterms = ["Acme", " "]\n')
    with pytest.raises(ConfigError, match=r"^.*b.toml: \[brands.A\] terms: an empty string: remove it$"):
        load_config(tmp_path / "b.toml")
    (tmp_path / "t.toml").write_text('[brands.A]\nterms = ["Acme"]\n[topics.x]\nregex = [""]\n')
    with pytest.raises(ConfigError, match=r"^.*t.toml: \[topics.x\] regex: an empty string: remove it$"):
        load_config(tmp_path / "t.toml")
    with pytest.raises(ConfigError, match=r"^Brand\('A'\) handles: an empty string: remove it$"):
        Brand("A", ["acme"], handles=[""])
    (tmp_path / "p.toml").write_text('[brands.A]\nterms = ["Acme"]\n[topics.x]\nphrases = ["on hold", ""]\n')
    with pytest.raises(ConfigError, match=r"^.*p.toml: \[topics.x\] phrases: an empty string: remove it$"):
        load_config(tmp_path / "p.toml")  # (said "keywords", which the file did not have)


def test_a_term_written_as_a_querys_term_is_a_config_error(tmp_path, runner):
    """A council told its "BCC" from the e-mail's "bcc" with `terms = ["{BCC}"]` (a query's case-sensitive term), and
    a Brandwatch user wrote `exclude = ['"BCC Radio"']`: each was read as a word with its braces or quotes, which no
    post holds, so "BCC missed my bins again" named no brand and "BCC Radio" was the council's, without a word."""
    from brandpulse.cli import main

    posts = pd.DataFrame({"text": ["BCC missed my bins again", "BCC Radio is great", "I bcc the council"]})
    cases = {
        'terms = ["{BCC}"]': r"terms: '\{BCC\}' is a query's case-sensitive term, which a term list does not read "
        r"\(it matched no post\): write it in the table's query \(query = '\{BCC\}', ORed",
        'terms = ["BCC"]\nexclude = ["{BCC Radio}"]': r"exclude: .* write it after EXCEPT in the table's query "
        r"\(query = '\.\.\. EXCEPT \{BCC Radio\}'\), or write 'BCC Radio' for any case$",
        'terms = ["BCC"]\nexclude = [\'"BCC Radio"\']': r"""exclude: '"BCC Radio"' is in quotes, which a term list """
        r"does not need: write 'BCC Radio'$",
    }
    for table, message in cases.items():
        (tmp_path / "b.toml").write_text(f"[brands.BCC]\n{table}\n")
        with pytest.raises(ConfigError, match=r"^.*b.toml: \[brands.BCC\] " + message):
            load_config(tmp_path / "b.toml")
    with pytest.raises(ConfigError, match=r"^Topic\('bins'\) keywords: '\{Bin\}' is a query's"):
        Topic("bins", ["{Bin}"])
    src = tmp_path / "p.csv"
    posts.to_csv(src, index=False)
    run = runner.invoke(main, ["analyze", str(src), "-c", str(tmp_path / "b.toml"), "-f", "csv"])
    assert run.exit_code == 5 and "is in quotes" in run.stderr and "Traceback" not in run.stderr
    # what the message says to write does what was meant
    (tmp_path / "b.toml").write_text("[brands.BCC]\nquery = '{BCC} EXCEPT \"BCC Radio\"'\n")
    matched = match_brands(posts, load_config(tmp_path / "b.toml").brands)
    assert matched["brands"].fillna("").tolist() == ["BCC", "", ""]


def test_a_term_of_a_star_alone_or_a_handle_of_an_at_sign_alone_is_a_config_error(tmp_path):
    """Past the blank-string check: `terms = ["*"]` (youtube's "all") is a prefix of nothing and matched no post,
    without a word; `handles = ["@"]` is compared without its "@": an empty name, no account."""
    (tmp_path / "b.toml").write_text('[brands.A]\nterms = ["Acme", "*"]\n')
    with pytest.raises(ConfigError, match=r"^.*b.toml: \[brands.A\] terms: '\*' names nothing: remove it$"):
        load_config(tmp_path / "b.toml")
    with pytest.raises(ConfigError, match=r"^Brand\('A'\) handles: ' @ ' names nothing: remove it$"):
        Brand("A", ["acme"], handles=[" @ "])
    with pytest.raises(ConfigError, match=r"^Topic\('t'\) keywords: '\*\*' names nothing: remove it$"):
        Topic("t", ["**"])
    # what still names something: a symbol, a prefix of one, a literal "*" (not at the end), a regex "@"
    brand = Brand("A", ["@", "#*", "* ", "5*"], exclude=["* star"], handles=["@a"])
    posts = match_brands(pd.DataFrame({"text": ["mail me @ home", "#tag", "rated * of 5", "no"]}), [brand])
    assert posts["brands"].fillna("").tolist() == ["A", "A", "A", ""]
    assert Topic("t", regex=["@"]).regex == ["@"]


def test_a_handle_with_a_space_is_a_config_error_naming_the_brand(tmp_path):
    """`handles = ["@ delta"]` was accepted: as a term it matched "@ delta" alone, and as the brand's own account
    " delta", which no post's author is, so the brand's own posts were counted as customers'. A space in a handle
    (after its "@" too) is a config error naming the brand and the handle as one word; spaces around it are not."""
    (tmp_path / "h.toml").write_text('[brands.Delta]\nterms = ["Delta"]\nhandles = ["@DeltaAssist", "@ delta"]\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "h.toml")
    assert str(raised.value) == (
        f"{tmp_path / 'h.toml'}: [brands.Delta] handles: '@ delta' has a space, which no account's name has: write "
        "it as one word (@delta), or put words in terms"
    )
    with pytest.raises(ConfigError, match=r"^Brand\('A'\) handles: '@Acme Help' has a space, .* \(@AcmeHelp\), "):
        Brand("A", ["acme"], handles=["@Acme Help"])
    assert Brand("A", ["acme"], handles=[" @AcmeHelp "]).mentions == ["acme", "@AcmeHelp"]


def test_others_handles_are_no_customers_and_no_brand(tmp_path):
    """`[others] handles`: bodies that post about an incident but are neither ours nor competitors (a council, a
    regulator): their posts and retweets of them are no customers' (`by_own_handle`), and they are no brand. A
    handle is checked as a brand's is, in the file and in code."""
    (tmp_path / "c.toml").write_text(
        '[brands.A]\nterms = ["A"]\n[others]\nhandles = ["@AshbyCouncil", "Ashby Gazette"]\n'
    )
    config = load_config(tmp_path / "c.toml")
    assert ([b.name for b in config.brands], config.others) == (["A"], ["@AshbyCouncil", "Ashby Gazette"])
    df = pd.DataFrame(
        {
            "author": ["ashbycouncil", "Ashby Gazette", "u3", "u4"],
            "text": ["Bottled water at the leisure centre", "LIVE: A's notice", "RT @AshbyCouncil: bottles", "A?"],
        }
    )
    assert by_own_handle(df, config).tolist() == [True, True, True, False]
    assert by_own_handle(df, Config(others="@AshbyCouncil")).tolist() == [True, False, True, False]
    assert match_brands(df, config.brands)["brands"].fillna("").tolist() == ["", "A", "", "A"]
    for value, said in [
        ('["@ ashby"]', "[others] handles: '@ ashby' has a space, which no account's name has"),
        ('["@"]', "[others] handles: '@' names nothing: remove it"),
        ("[5]", "[others] handles: expected a list of strings"),
    ]:
        (tmp_path / "bad.toml").write_text(f"[others]\nhandles = {value}\n")
        with pytest.raises(ConfigError) as raised:
            load_config(tmp_path / "bad.toml")
        assert str(raised.value).startswith(f"{tmp_path / 'bad.toml'}: {said}"), raised.value
    (tmp_path / "bad.toml").write_text('[others]\nhandle = ["@AshbyCouncil"]\n')
    with pytest.raises(ConfigError, match=r"\[others\]: unknown key 'handle' \(known: handles\)"):
        load_config(tmp_path / "bad.toml")
    with pytest.raises(ConfigError, match=r"^Config: others handles: '@ a' has a space"):
        Config(others=["@ a"])


def test_a_handle_without_an_at_sign_may_be_a_display_name_with_spaces():
    """Review of stop 39: a handle with a space became a config error, also one without "@": but a Facebook page's or
    a YouTube channel's own posts and replies have its display name as their author ("Delta Air Lines"), which such
    a handle matched, keeping them out of the customers' tables. Only a handle written with "@" is one word."""
    config = Config(brands=[Brand("Delta", ["delta"], handles=["Delta Air Lines", "@DeltaAssist"])])
    df = pd.DataFrame(
        {
            "author": ["Delta Air Lines", "delta air lines ", "DeltaAssist", "Ann Smith"],
            "text": ["Sorry about your bag, DM us", "We're on it", "Please DM us", "Delta lost my bag"],
        }
    )
    assert by_own_handle(df, config).tolist() == [True, True, True, False]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(st.characters(max_codepoint=0x2F00), max_size=40))
def test_word_characters_are_the_ones_is_word_names(text):
    """The numpy word mask that decides whole-word matches agrees with `_is_word`, character by character,
    and so does the lookup of the characters beside matches."""
    assert _word_mask(_code_points(text)).tolist() == [_is_word(c) for c in text]
    # the characters beside matches at every place (and past either end: no word character)
    start, end = np.arange(0, len(text) + 1), np.arange(-1, len(text))  # (empty "matches" too)
    before, after, cut = _beside(text, start, end)
    assert before.tolist() == [k > 0 and _is_word(text[k - 1]) for k in start]
    assert after.tolist() == [k + 1 < len(text) and _is_word(text[k + 1]) for k in end]
    assert cut.tolist() == [k + 1 < len(text) and "\u1160" <= text[k + 1] <= "\u11ff" for k in end]
    assert _beside(text, start[::-3], end[::-3])[1].tolist() == after[::-3].tolist()


def test_analyze_takes_a_plain_frame_with_only_some_schema_columns():
    """A notebook's `pd.DataFrame({"text": [...]})` (it failed on a missing `lang`); other columns stay."""
    import brandpulse

    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])])
    frame = pd.DataFrame({"text": ["Skyway lost my bag", "the bus at noon"], "mine": [1, 2]})
    out = brandpulse.analyze(frame, config, sentiment="vader")
    assert out["brands"].tolist() == ["Skyway", ""] and out["mine"].tolist() == [1, 2]
    assert out["sentiment_label"].tolist() == ["negative", "neutral"]


def test_analyze_takes_times_without_a_zone_as_utc():
    """`pd.to_datetime` of a notebook's date column has no zone; analyze raised TypeError on it."""
    import brandpulse

    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])])
    frame = pd.DataFrame({"text": ["Skyway lost my bag"], "created_at": pd.to_datetime(["2026-11-02 10:00"])})
    before = frame.copy()
    out = brandpulse.analyze(frame, config, sentiment="vader")
    assert out["created_at"].tolist() == [pd.Timestamp("2026-11-02 10:00", tz="UTC")]
    # a time with a zone is converted, and the caller's frame is left as it was
    berlin = frame.assign(created_at=frame["created_at"].dt.tz_localize("Europe/Berlin"))
    assert brandpulse.analyze(berlin, config, sentiment="vader")["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:00", tz="UTC")
    ]
    pd.testing.assert_frame_equal(frame, before)


def test_brand_and_topic_built_in_code_take_a_string_as_one_term():
    """`Brand("Delta", "Delta")` in a notebook: the string was iterated, one term per letter, so a post
    holding the word "a" named Delta and one naming Delta did not; the file's `terms = "Delta"` is one term."""
    from brandpulse.config import Topic
    from brandpulse.enrich.topics import tag_topics

    brand = Brand("Delta", "Delta", exclude="river delta", handles="@DeltaHelp")
    assert (brand.terms, brand.exclude, brand.handles) == (["Delta"], ["river delta"], ["@DeltaHelp"])
    assert Brand("Delta", ("Delta", "@Delta")).terms == ["Delta", "@Delta"]
    df = pd.DataFrame({"text": pd.Series(["I love Delta", "a D in e l t a", "the river delta"], dtype="string")})
    assert match_brands(df, [brand])["brands"].tolist() == ["Delta", "", ""]
    topic = Topic("late", "late", exclude="late checkout")
    assert (topic.keywords, topic.exclude) == (["late"], ["late checkout"])
    assert tag_topics(df.assign(text=["the flight was late", "a l t e", "late checkout"]), [topic])[
        "topics"
    ].tolist() == ["late", "", ""]


def test_analyze_of_a_frame_without_text_is_an_error_naming_its_columns():
    """`pd.DataFrame({"body": ...})` gave every post no brand and no sentiment, without a word."""
    import brandpulse
    from brandpulse.errors import InputError

    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])])
    with pytest.raises(InputError, match=r"no 'text' column \(columns: body, likes\); rename"):
        brandpulse.analyze(pd.DataFrame({"body": ["Skyway lost my bag"], "likes": [3]}), config)
    with pytest.raises(TypeError, match="takes a DataFrame of posts, not Series"):
        brandpulse.analyze(pd.Series(["Skyway lost my bag"]), config)
    # two columns of one name (`pd.concat(..., axis=1)`): a ValueError or AttributeError deep in pandas
    twice = pd.DataFrame([["Skyway lost my bag", 1, 2]], columns=["text", "likes", "likes"])
    with pytest.raises(InputError, match=r"^analyze\(\): column 'likes' appears twice; rename or drop one$"):
        brandpulse.analyze(twice, config)
    with pytest.raises(InputError, match=r"column 'text' appears twice"):
        brandpulse.analyze(twice.set_axis(["text", "text", "x"], axis=1), config)
    empty = brandpulse.analyze(pd.DataFrame({"text": pd.Series([], dtype=object)}), config)
    assert len(empty) == 0 and list(empty.columns) == brandpulse.ENRICHED_COLUMNS


def test_analyze_keeps_the_callers_index_and_reads_float_ids_as_whole_numbers():
    """A frame from `pd.read_csv` whose id column has a gap holds floats: the ids were '7.0', never equal
    to the '7' of the same post read by `brandpulse.load` (nor the store's key). The index (labels repeated,
    not in order) and the rows' order are the caller's, and the caller's frame is left as it was."""
    import io

    import brandpulse

    frame = pd.read_csv(io.StringIO("post_id,parent_id,text\n7,,Skyway lost my bag\n,7,I love Skyway\n9,7,the bus\n"))
    frame.index = [5, 5, 1]
    before = frame.copy()
    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])], topics=[])
    out = brandpulse.analyze(frame, config, sentiment="vader")
    assert out["post_id"].tolist() == ["7", pd.NA, "9"] and out["parent_id"].tolist() == [pd.NA, "7", "7"]
    assert out.index.tolist() == [5, 5, 1] and out["brands"].tolist() == ["Skyway", "Skyway", ""]
    assert out["sentiment_label"].tolist() == ["negative", "positive", "neutral"]
    pd.testing.assert_frame_equal(frame, before)
    scores = pd.Series([0.5, 1.5])  # floats that are not whole stay as they are
    assert brandpulse.analyze(pd.DataFrame({"text": ["a", "b"], "post_id": scores}), config)["post_id"].tolist() == [
        "0.5",
        "1.5",
    ]


def test_analyze_reads_epoch_numbers_as_times_and_names_a_column_it_cannot_read():
    """Epoch seconds in a notebook's `created_at` were nanoseconds (every post on 1970-01-01, no word);
    a count such as '1.2K' was a bare ArrowInvalid or ValueError (by pandas version) naming no column."""
    import brandpulse
    from brandpulse.errors import InputError

    config = brandpulse.Config(topics=[])
    frame = pd.DataFrame({"text": ["a", "b", "c"], "created_at": [1762077600, 1762077600000, None]})
    assert brandpulse.analyze(frame, config, sentiment="vader")["created_at"].tolist() == [
        pd.Timestamp("2025-11-02 10:00", tz="UTC"),
        pd.Timestamp("2025-11-02 10:00", tz="UTC"),
        pd.NaT,
    ]
    # (a count a file may hold, such as '1.2K', is read as a file's is: test_analyze_reads_a_frames_cells_...)
    with pytest.raises(
        InputError, match=r"^column 'likes' cannot be read as whole numbers: bad likes 'lots' \(row 1\)$"
    ):
        brandpulse.analyze(pd.DataFrame({"text": ["a", "b"], "likes": ["3", "lots"]}), config)
    frame = pd.DataFrame({"text": ["a", "b", "c"], "created_at": ["2026-11-02", "yesterday", "soon"]}, index=[7, 8, 9])
    with pytest.raises(
        InputError,
        match=r"^column 'created_at' cannot be read as times: bad created_at 'yesterday' \(row 8, and 1 more\)$",
    ):
        brandpulse.analyze(frame, config)


def test_a_config_built_in_code_with_thresholds_the_wrong_way_round_is_an_error():
    """`Config(positive=-0.2, negative=0.2)` labelled every post positive; the file's `[sentiment]` with
    them is a config error."""
    import brandpulse

    with pytest.raises(ConfigError, match=r"Config: negative \(0\.2\) is above positive \(-0\.2\)"):
        brandpulse.Config(positive=-0.2, negative=0.2)
    config = brandpulse.Config(positive=0.3, negative=-0.3, topics=[])
    out = brandpulse.analyze(
        pd.DataFrame({"text": ["I love it", "ok I guess", "I hate it"]}), config, sentiment="vader"
    )
    assert out["sentiment_label"].tolist() == ["positive", "neutral", "negative"]
    toml = Path("bad.toml")
    toml.write_text("[sentiment]\npositive = -0.2\nnegative = 0.2\n")
    with pytest.raises(ConfigError) as raised:
        load_config(toml)
    assert str(raised.value) == "bad.toml: [sentiment] negative (0.2) is above positive (-0.2)"
    toml.write_text("[sentiment]\npositive = 0.3\nnegative = -0.1\n")
    assert (load_config(toml).positive, load_config(toml).negative) == (0.3, -0.1)


@pytest.mark.parametrize("value", [float("nan"), 1.5, -float("inf"), True, "0.1"])
def test_a_config_built_in_code_with_a_threshold_no_polarity_reaches_is_an_error(value):
    """Polarity is -1..1: `Config(positive=nan)` labelled every post neutral, `positive=1.5` none positive."""
    import brandpulse

    with pytest.raises(ConfigError, match=r"Config: positive \(.*\) must be a number from -1 to 1, as polarity is"):
        brandpulse.Config(positive=value)
    assert brandpulse.Config(positive=1, negative=-1).positive == 1  # the ends of the range are allowed


def test_pricing_is_an_amount_not_a_cashtag():
    """The built-in pricing topic took any "$": "$DAL up 3% today" (a stock's cashtag) was about pricing."""
    from brandpulse.config import default_topics
    from brandpulse.enrich.topics import tag_topics

    texts = ["$DAL up 3% today", "paid $50 for a sandwich", "50 $ for this?", "so expensive $$$", "US$ 40 fee"]
    topics = tag_topics(pd.DataFrame({"text": texts}), default_topics())["topics"].tolist()
    assert ["pricing" in t.split(";") for t in topics] == [False, True, True, True, True]


def test_a_hyphen_in_a_term_is_a_space_too():
    """ "Coca-Cola" as a term missed "coca cola", and "coca cola" missed "Coca-Cola": both spellings of one name."""
    brands = [Brand("Coke", ["Coca-Cola"]), Brand("TMo", ["t mobile"]), Brand("Long", ["a b c d e f"])]
    texts = ["coca cola", "COCA-COLA", "Coca - Cola", "t-mobile", "tmobile", "a-b-c-d-e-f", "a b-c d e f", "cocacola"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    # "Coca - Cola" is three words, "tmobile" one, and a name of six words is all spaces or all hyphens
    assert match_brands(df, brands)["brands"].tolist() == ["Coke", "Coke", "", "TMo", "", "Long", "", ""]


def test_other_spaces_between_the_words_of_a_term():
    """A no-break space (pasted from a web page, typed in French) between "Delta" and "Air" was no space."""
    brands = [Brand("DAL", ["delta air lines"])]
    texts = ["Delta\u00a0Air\u2009Lines", "delta\u202fair\u3000lines", "delta air lines", "delta\u00a0air"]
    df = pd.DataFrame({"text": pd.Series(texts)})
    assert match_brands(df, brands)["brands"].tolist() == ["DAL", "DAL", "DAL", ""]


def test_analyze_conforms_a_frame_that_has_every_schema_column_in_pandas_dtypes():
    """`pd.read_csv` of a file with all the schema's columns (brandpulse's own output, read back): the
    times stayed text and the ids numbers, as they were, while a frame lacking one column was conformed."""
    import io

    import brandpulse

    csv = (
        "post_id,platform,created_at,author,author_followers,text,url,lang,likes,reposts,replies,parent_id\n"
        "7,twitter,2026-11-02T10:00:00Z,ann,10,Skyway lost my bag,,en,1,,,\n"
        "8,twitter,2026-11-02T11:00:00+01:00,bob,,I love Skyway,,en,,,,7\n"
    )
    frame = pd.read_csv(io.StringIO(csv))
    before = frame.copy()
    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])], topics=[])
    out = brandpulse.analyze(frame, config, sentiment="vader")
    assert out["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
    ]
    assert out["post_id"].tolist() == ["7", "8"] and out["parent_id"].tolist() == [pd.NA, "7"]
    assert out["likes"].tolist() == [1, pd.NA]
    loaded = brandpulse.analyze(brandpulse.load(io.BytesIO(csv.encode())), config, sentiment="vader")
    pd.testing.assert_series_equal(out.dtypes, loaded.dtypes)
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: Brand("Sky;way", ["skyway"]), r"^Brand\('Sky;way'\): a name cannot be empty or hold ';'$"),
        (lambda: Brand(5, ["skyway"]), r"^Brand\(5\): the name must be a string$"),
        (lambda: Brand("Skyway", []), r"^Brand\('Skyway'\): needs terms, handles or query$"),
        (lambda: Brand("Skyway", "skyway", competitor="false"), r"^Brand\('Skyway'\): competitor must be True or"),
        (lambda: Brand("Skyway", ["skyway", None]), r"^Brand\('Skyway'\) terms: expected a list of strings$"),
        (lambda: Brand("Skyway", [], query="(skyway AND"), r"^Brand\('Skyway'\): query '\(skyway AND' at 12: "),
        (lambda: Topic("x", regex="(unclosed"), r"^Topic\('x'\): bad regex '\(unclosed': missing \)"),
        (lambda: Topic("a;b", ["bag"]), r"^Topic\('a;b'\): a name cannot be empty or hold ';'$"),
        (lambda: Topic("bags"), r"^Topic\('bags'\): needs keywords, regex or query$"),
        (
            lambda: Config(brands=[Brand("Skyway", ["skyway"]), Brand("SKYWAY", ["bag"])]),
            r"^Config: brand 'SKYWAY' is defined twice$",
        ),
        (lambda: Config(brands=["Skyway"]), r"^Config: brands must be a list of Brand, not of str$"),
        (lambda: Config(topics=None), r"^Config: topics must be a list of Topic, not NoneType$"),
    ],
)
def test_brands_topics_and_configs_built_in_code_are_checked_as_the_files_are(build, message):
    """In a notebook, `Brand("Sky;way", ...)` was counted as brands "Sky" and "way", a brand named twice
    had two rows each with the posts of both, a brand without terms matched nothing without a word, and a
    term that is not a string or a bad regex failed deep in the matcher at `analyze`."""
    with pytest.raises(ConfigError, match=message):
        build()


def test_a_config_built_in_code_takes_one_brand_or_topic_as_a_list_of_one():
    import brandpulse

    config = Config(brands=Brand("Skyway", "skyway"), topics=(Topic("bags", "bag"),))
    assert [b.name for b in config.brands] == ["Skyway"] and [t.name for t in config.topics] == ["bags"]
    out = brandpulse.analyze(pd.DataFrame({"text": ["Skyway lost my bag"]}), config, sentiment="vader")
    assert out[["brands", "topics"]].values.tolist() == [["Skyway", "bags"]]


def test_a_config_file_name_in_place_of_a_config_says_to_load_it():
    """`analyze(posts, "brandpulse.toml")` (or `brand_summary(enriched, "brandpulse.toml")`) failed further on
    with "'str' object has no attribute 'brands'" ('positive' for the summaries)."""
    import brandpulse

    enriched = brandpulse.analyze(pd.DataFrame({"text": ["Skyway lost my bag"]}), Config(topics=[]), sentiment="vader")
    hint = r"takes a Config, not str: brandpulse\.load_config\('brandpulse\.toml'\) reads one$"
    for who, call in (
        ("analyze", lambda c: brandpulse.analyze(enriched, c)),
        ("brand_summary", lambda c: brandpulse.brand_summary(enriched, c)),
        ("topic_summary", lambda c: brandpulse.topic_summary(enriched, c)),
        ("extreme_posts", lambda c: brandpulse.extreme_posts(enriched, config=c)),
    ):
        with pytest.raises(TypeError, match=rf"^{who}\(\) {hint}"):
            call("brandpulse.toml")
        with pytest.raises(TypeError, match=rf"^{who}\(\) takes a Config, not list$"):
            call([Brand("Skyway", "skyway")])


def test_a_post_addressing_a_brand_handle_that_is_not_a_term_names_the_brand():
    """A community manager lists the help account under `handles` only: "@AskTarget does the price match apply
    online?" named no brand, so it was in no table and never in the queue, the posts most worth answering. A handle
    is a mention of its brand, as an `@handle` term: its own "@" form only, and an exclude phrase still counts."""
    target = Brand("Target", ["Target"], exclude=["@asktarget test"], handles=["@AskTarget", "TargetNews"])
    three = Brand("Three", [], query="{Three} NEAR/3 network", competitor=True, handles=["@ThreeUKSupport"])
    texts = [
        "@AskTarget does the price match apply online?",  # a handle alone
        "ASKTARGET is not the handle",  # the word without its "@"
        "thanks @TargetNews for the update",  # a handle given without "@"
        "@asktarget test please ignore",  # inside an exclude phrase
        "@ThreeUKSupport my sim stopped working",  # a brand defined by a query, with a handle
        "@AskTarget_UK hello",  # another account
        "write to help@asktarget.com or me@threeuksupport.co.uk",  # e-mail addresses: no mention
        "(@AskTarget) and RT @ThreeUKSupport: down",
    ]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    assert match_brands(df, [target, three])["brands"].tolist() == [
        "Target",
        "",
        "Target",
        "",
        "Three",
        "",
        "",
        "Target;Three",
    ]
    assert target.mentions == ["Target", "@AskTarget", "@TargetNews"]
    assert Brand("Delta", ["Delta", "@delta"], handles=["@Delta"]).mentions == ["Delta", "@delta"]  # once


def test_a_name_inside_a_longer_name_of_another_brand_counts_for_the_longer_one_only():
    """A group tracking "Nova", "Nova Pro" and "Nova Pro Max" saw every "Nova Pro Max" post counted three times,
    in each of the three brands' volumes and shares of voice, and "PureMilk"'s "pure milk" in "Pure". A name counts
    for the brand of the longest term it is: the shorter brands count only where they are named on their own, and
    two brands of the same term both count."""
    brands = [
        Brand("Nova", ["Nova", "nova*"], exclude=["bossa nova"]),
        Brand("Nova Pro", ["Nova Pro", "NovaPro"]),
        Brand("Nova Pro Max", ["Nova Pro Max", "#NovaProMax"], competitor=True),
        Brand("Pure", ["Pure"]),
        Brand("PureMilk", ["PureMilk", "Pure Milk"], exclude=["pure milk chocolate"]),
        Brand("Twin", ["Nova Pro"]),  # the same term as "Nova Pro"'s
        Brand("Max", [], query="nova"),  # a query: its own logic, as the README says
    ]
    texts = [
        "Just got the Nova Pro Max, amazing",
        "Nova's ad is great, but the Nova Pro is better",
        "#NovaProMax battery died",
        "Nova Pro-Max is overpriced",
        "a glass of pure milk",
        "pure milk chocolate is pure joy",  # excluded for PureMilk, so "pure" is Pure's
        "bossa nova and Nova Pro Max",
        "switched from Nova Pro to the Nova Pro Max",
        "novas everywhere",  # Nova's prefix term
    ]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    assert match_brands(df, brands)["brands"].tolist() == [
        "Nova Pro Max;Max",
        "Nova;Nova Pro;Twin;Max",
        "Nova Pro Max",
        "Nova Pro Max;Max",
        "PureMilk",
        "Pure",
        "Nova Pro Max;Max",
        "Nova Pro;Nova Pro Max;Twin;Max",
        "Nova",
    ]


def test_a_brand_named_inside_a_longer_name_is_not_scored_by_its_words():
    """Sentiment per brand finds a brand where it is named: "Nova" was found inside "Nova Pro" too, so "I love my
    Nova, but the Nova Pro is awful" gave Nova +0.01, the average of the two clauses."""
    config = Config(brands=[Brand("Nova", ["Nova"]), Brand("Nova Pro", ["Nova Pro"])])
    df = pd.DataFrame({"text": ["I love my Nova, but the Nova Pro is awful"]})
    scores = dict(p.split("=") for p in brandpulse.analyze(df, config)["brand_sentiments"].iat[0].split(";"))
    assert float(scores["Nova"]) > 0.5
    assert float(scores["Nova Pro"]) < -0.5


def test_a_brand_of_handles_alone_names_its_posts(tmp_path):
    """A support account tracked as a brand of its own, `handles = ["@NovaSupport"]`, was refused ("needs terms =
    [...] or query"), though a brand's handles name it as `@handle` terms do. A table with none of the three is
    still an error, naming them."""
    (tmp_path / "b.toml").write_text('[brands."Nova Support"]\nhandles = ["@NovaSupport"]\n')
    brands = load_config(tmp_path / "b.toml").brands
    df = pd.DataFrame({"text": pd.Series(["@NovaSupport my order is late", "novasupport"], dtype="string")})
    assert match_brands(df, brands)["brands"].tolist() == ["Nova Support", ""]
    (tmp_path / "none.toml").write_text('[brands."Nova Support"]\ncompetitor = true\n')
    with pytest.raises(ConfigError, match=r"Support\]: needs terms = \[...\], handles = \[...\] or query = "):
        load_config(tmp_path / "none.toml")


def test_a_term_two_brands_share_is_warned_of_at_config_load(tmp_path, capsys):
    """A term pasted under two brands of a 300-brand config counted every post naming it for both, without a word.
    It may be meant (two brands of the same term both count), so it is a warning naming the term and its brands,
    once a run, not an error: as the matcher reads terms (case, accents, a space or a hyphen alike; handles as
    `@handle` terms), a prefix term apart from the word."""
    (tmp_path / "b.toml").write_text(
        '[brands.Nova]\nterms = ["Nova", "nova*"]\n'
        '[brands."Nova Pro"]\nterms = ["Nova Pro", "#NovaPro"]\n'
        '[brands.Lumen]\nterms = ["Lumen", "nova-pro", "Lúmen"]\n'
        '[brands."Nova Help"]\nterms = ["@NovaHelp"]\n'
        '[brands.Novella]\nterms = ["novella"]\nhandles = ["@NovaHelp"]\n'
        '[brands.Other]\nterms = ["nova"]\n'
        '[brands.Q]\nquery = "nova"\n'
    )
    brands = load_config(tmp_path / "b.toml").brands
    assert capsys.readouterr().err == (
        f"warning: {tmp_path / 'b.toml'}: brands share terms, and a post naming one counts for each:"
        " 'Nova' (Nova, Other), 'Nova Pro' (Nova Pro, Lumen), '@NovaHelp' (Nova Help, Novella)\n"
    )
    df = pd.DataFrame({"text": pd.Series(["my NOVA-PRO", "@novahelp"], dtype="string")})
    assert match_brands(df, brands)["brands"].tolist() == ["Nova Pro;Lumen;Q", "Nova Help;Novella"]
    load_config(tmp_path / "b.toml")
    assert capsys.readouterr().err == ""  # once a run
    (tmp_path / "apart.toml").write_text('[brands.A]\nterms = ["nova"]\n[brands.B]\nterms = ["nova*", "novas"]\n')
    load_config(tmp_path / "apart.toml")
    assert capsys.readouterr().err == ""


def test_a_brand_named_with_an_equals_sign_is_read_and_stored(tmp_path):
    """The UK insurer LV= was refused ("[brands.LV=]: a name cannot be empty or hold ';' or '='"): its
    `brand_sentiments` pair, `LV==0.6`, is split at its last `=`, in Python and in the store's SQL alike."""
    from brandpulse.enrich.brand_sentiment import own_scores
    from brandpulse.store import ingest, open_store, query_posts

    (tmp_path / "c.toml").write_text('[brands."LV="]\nterms = ["LV="]\n[brands.Aviva]\nterms = ["Aviva"]\n')
    config = load_config(tmp_path / "c.toml")
    assert [b.name for b in config.brands] == ["LV=", "Aviva"]
    df = pd.DataFrame({"post_id": ["1"], "text": ["LV= were brilliant when my kitchen flooded, Aviva were useless"]})
    out = brandpulse.analyze(df, config)
    assert out["brands"].iat[0] == "LV=;Aviva"
    scores = own_scores(out["brand_sentiments"].iat[0])
    assert set(scores) == {"LV=", "Aviva"} and scores["LV="] > 0.3 and scores["Aviva"] < -0.3
    ingest(tmp_path / "s.duckdb", out)
    with open_store(tmp_path / "s.duckdb", read_only=True) as con:  # (a name read in another case: the config's)
        back = query_posts(con, brands=["lv=", "Aviva"])
    assert back["brands"].iat[0] == "lv=;Aviva"
    assert own_scores(back["brand_sentiments"].iat[0]) == {"lv=": scores["LV="], "Aviva": scores["Aviva"]}


def test_a_cashtag_term_is_the_ticker_alone_and_a_plain_ticker_both():
    """README, Matching: a term `$TSLA` counts the cashtag only (as `@x` the handle), `TSLA` the word and the cashtag;
    `Model 3` is not in "model 3d printer"."""
    brands = [Brand("Tesla", ["$TSLA", "Model 3"]), Brand("Rivian", ["RIVN"])]
    texts = ["$TSLA up 4%", "$tsla's worst day", "TSLA puts", "bought $RIVN", "RIVN down", "my model 3d printer"]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    assert match_brands(df, brands)["brands"].tolist() == ["Tesla", "Tesla", "", "Rivian", "Rivian", ""]


def test_welsh_mutations_of_a_brands_terms(tmp_path):
    """A Welsh operator's name changes its first letter in Welsh sentences: "Diolch i Drafnidiaeth Cymru", "Cywilydd
    ar Drafnidiaeth Cymru", "yn Nhrafnidiaeth Cymru", "gyda Thrafnidiaeth Cymru" named no brand (46 of a tester's 111
    Welsh posts). `mutations = "cy"` adds each term's soft, nasal and aspirate forms; acronyms and handles stay."""
    config = tmp_path / "c.toml"
    body = '[brands.TrC]\nterms = ["Trafnidiaeth Cymru", "TrC", "@TrafnidiaethC"]\nexclude = ["Bws Caerdydd"]\n'
    config.write_text(body + 'mutations = "cy"\n', encoding="utf-8")
    brand = load_config(config).brands[0]
    assert brand.terms == [
        "Trafnidiaeth Cymru",
        "TrC",
        "@TrafnidiaethC",
        "Drafnidiaeth Cymru",
        "Nhrafnidiaeth Cymru",
        "Thrafnidiaeth Cymru",
    ]
    assert brand.exclude == ["Bws Caerdydd", "Fws Caerdydd", "Mws Caerdydd"]
    texts = [
        "Diolch i Drafnidiaeth Cymru am y wybodaeth",
        "Siomedig iawn gyda Thrafnidiaeth Cymru",
        "Mae gen i gyfweliad yn Nhrafnidiaeth Cymru",
        "Streic eto gan TrC",
        "Dim drafnidiaeth heno",  # (a word alone, not the name)
    ]
    df = pd.DataFrame({"text": texts})
    mutated = match_brands(df, [brand])["brands"].fillna("").tolist()
    assert mutated == ["TrC", "TrC", "TrC", "TrC", ""]
    config.write_text(body, encoding="utf-8")
    assert match_brands(df, load_config(config).brands)["brands"].fillna("").tolist() == ["", "", "", "TrC", ""]
    config.write_text(body + 'mutations = "ga"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c.toml: \[brands.TrC\]: mutations 'ga': expected \"cy\""):
        load_config(config)


@pytest.mark.parametrize(
    "term, forms",
    [
        ("Caerdydd", ["Gaerdydd", "Nghaerdydd", "Chaerdydd"]),
        ("Bangor", ["Fangor", "Mangor"]),
        ("Gwasanaeth", ["Wasanaeth", "Ngwasanaeth"]),
        ("Llandudno", ["Landudno"]),
        ("Pont", ["Bont", "Mhont", "Phont"]),
        ("Thameslink", []),  # (th, ch, ph, dd, ff, ng do not mutate)
        ("TrC", []),  # (an acronym)
        ("Arriva", []),  # (a vowel)
        ("Caerdydd*", ["Gaerdydd*", "Nghaerdydd*", "Chaerdydd*"]),  # (a prefix got none)
        ("Pen-y-bont", ["Ben-y-bont", "Mhen-y-bont", "Phen-y-bont"]),  # (a hyphenated place got none)
        # not an English word, which every English post would name the brand with: "Gwe" is "We", "Go Ahead" "O
        # Ahead", "Tree" "Three" (a soft and an aspirate form), "Cold" "Gold"
        ("Gwe", ["Ngwe"]),
        ("Go Ahead", ["Ngo Ahead"]),
        ("Tree", ["Dree", "Nhree"]),
        ("Cold", ["Nghold", "Chold"]),
    ],
)
def test_welsh_forms_by_hand(term, forms):
    from brandpulse.enrich.mutations import welsh_forms

    assert welsh_forms(term) == forms


def test_a_mutated_form_that_is_an_english_word_names_no_brand(tmp_path):
    """`mutations = "cy"` on a brand "Gwe" (web) added "We": "We waited 2 hours" named it, as "o" (from "Go") named
    every Welsh post with "o" (from) in it. A form that is an English word is left out; the others still name it."""
    config = tmp_path / "c.toml"
    body = '[brands.Gwe]\nterms = ["Gwe"]\nmutations = "cy"\n[brands.Go]\nterms = ["Go"]\nmutations = "cy"\n'
    config.write_text(body)
    texts = ["We waited 2 hours", "Trên hwyr o Fangor", "Problemau yng Ngwe heddiw", "Go is down"]
    df = pd.DataFrame({"text": texts})
    assert match_brands(df, load_config(config).brands)["brands"].fillna("").tolist() == ["", "", "Gwe", "Go"]
