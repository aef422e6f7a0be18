"""Fill in each post's language where `lang` is empty, offline, with lingua (its models ship in the wheel).

Detection is restricted to a few candidate languages (config `[language] candidates`), which makes it
faster and more accurate on short posts, and it answers only when one language clearly wins
(`minimum_relative_distance`); unsure posts keep an empty `lang` and are treated as English by the
English-only analyzers. lingua is a dependency; an install without it (`--no-deps`) detects nothing.

Most posts are English: lingua's low-accuracy mode (trigrams only, 3x faster) decides those it gives an
English confidence of at least FAST_ENGLISH; the full detector takes the rest (docs/sentiment.md,
"Language", has the figures). A post of one word in Latin letters is not detected: lingua's models take
"ok", "omg", "smh" or "meh" for Dutch, German or Italian as readily as "gracias" for Spanish. Links, handles,
emoticons and the configured brands' terms are not read (a brand's name says nothing of a post's language).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import stopwords
from ..errors import ConfigError
from ..schema import NO_LANGUAGE, STRING
from .text import plain_letters, without_code

DEFAULT_CANDIDATES = ("en", "es", "fr", "de", "pt", "it", "nl", "ja")
MIN_DISTANCE = 0.25
#: English confidence from the low-accuracy mode above which a post is English without the full detector
FAST_ENGLISH = 0.999
#: an unsure post whose English confidence is below this is not English: the likeliest candidate's (docs/sentiment.md,
#: "Short posts"); the hand-written short posts of two to four words: non-English ones 0.01 to 0.30, English 0.14 up
NOT_ENGLISH = 0.1
SAMPLE_CHARS = 500  # a post's language is plain from its start; a 5 MB text would take minutes
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|@[A-Za-z0-9_]+")  # links and handles say nothing of a language
#: emoticons (`:D`, `:p`, `;P`, `XD`) say nothing of a language either: "omg :D" was two words, so the one-word rule
#: let it through, and it was Dutch (its sentiment skipped). Taken out only of the texts the detector reads (not
#: seen before): this pattern, without a literal to look for, takes 5x the time of the links' and handles' one
_EMOTICONS = re.compile(r"(?:[:;=]['^-]?[A-Za-z]|(?<![A-Za-z])[xX][dD]+)(?![A-Za-z])")
#: kaomoji, whose faces hold letters of Japanese and Kannada: "meh ¯\\_(ツ)_/¯" was German and "Skyway ¯\\_(ツ)_/¯"
#: Japanese (ツ a kana), their sentiment skipped; "(ノಠ益ಠ)ノ", "ヽ(°〇°)ﾉ", "ಠ_ಠ". A face's brackets hold one of the
#: marks a face is drawn with, so a Japanese aside ("最高（笑）") is read
_KAOMOJI = re.compile(r"[ヽ¯\\_]*[(（][^()（）\s]{0,12}?[ツಠ°◕‿ω▽´`∀□≧≦＾ᴗ][^()（）\s]{0,12}?[)）][_/ノﾉ¯]*|ಠ_ಠ")
_WORD = re.compile(r"[^\W\d_]+")


def without_emoticons(text: str) -> str:
    """`text` without its emoticons (`:D`, `XD`) and kaomoji (`ヽ(°〇°)ﾉ`), which say nothing of a language."""
    text = _EMOTICONS.sub(" ", text)
    return text if text.isascii() else _KAOMOJI.sub(" ", text)


def _words(text: str) -> list[str]:
    """The words of a post in letters, its links, handles and emoticons aside: what tells its language."""
    return _WORD.findall(without_emoticons(_NOT_WORDS.sub(" ", text)))


def _latin(words: list[str]) -> bool:
    """All in Latin letters (ASCII and its accented letters, up to U+024F)."""
    return all(c <= "\u024f" for w in words for c in w)


#: a word of Arabizi, Arabic in Latin letters with digits for the sounds Latin has no letter for (2 ء, 3 ع, 5 خ, 6 ط,
#: 7 ح, 9 ق): "re7la", "et2a5aret", "3ami", "7abibi"; not 4 and 8 ("gr8", "b4"), nor "h2o", "b2b", "3pm", "2nd"
_ARABIZI_WORD = re.compile(r"(?<![\w'#@])([a-z]*(?:[235679]+[a-z]+)+)(?![\w'])", re.IGNORECASE)
#: what a digit before an English word makes: "3hours", "5stars", "2day"
_DIGIT_WORDS_SPELT = (
    "min mins minute minutes hr hrs hour hours day days week weeks wk wks month months yr yrs year years star stars "
    "am pm st nd rd th km kg kgs lbs gb mb tb ghz mph nite night morrow moro gether go ever pack piece pcs"
    " fa ds"  # (a bank's customers: "2fa", "3ds")
)
#: a hexadecimal id (a commit, a transaction: "5e3a7b", "9f2c6d"), not Arabizi: two digits or more, letters a-f only
_HEX_ID = re.compile(r"(?=(?:[a-f]*\d){2})[\da-f]{6,}", re.IGNORECASE)
_DIGIT_WORDS = frozenset(_DIGIT_WORDS_SPELT.split())


def arabizi(text: str) -> bool:
    """Two words or more of Arabizi: the post is Arabic ("el re7la et2a5aret 3 sa3at"), which lingua, knowing no
    Arabizi, read as English or could not tell, so English analyzers scored it (neutral: no word of it known)."""
    found = 0
    for word in _ARABIZI_WORD.findall(text):
        rest = word.lstrip("0123456789")  # (after a digit, two letters are a word: "7ad", "2an"; "b2b" is none)
        if word.isupper() or _HEX_ID.fullmatch(word):  # a code: a booking reference ("X7K9QZ"), "3VBIED", an id
            continue
        if (len(rest) >= 2 and rest.lower() not in _DIGIT_WORDS) if rest != word else sum(map(str.isalpha, word)) >= 3:
            found += 1
            if found == 2:
                return True
    return False


def _arabizi(texts: list[str]) -> list[bool]:
    """`arabizi` of each text, asked only of those with a digit beside a letter (RE2 over the batch: `arabizi` of
    every text took 3 s of 100,000 posts)."""
    try:
        maybe = pc.match_substring_regex(pa.array(texts, pa.large_string()), "(?i)[a-z][235679]|[235679][a-z]")
        maybe = pc.fill_null(maybe, False).to_pylist()
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        maybe = [True] * len(texts)
    return [m and arabizi(t) for t, m in zip(texts, maybe, strict=True)]


#: a post of one word (`one_word`) in these: thanks and love no English post writes, its language alone (such a post was
#: not detected, so scored as English: "Gracias Skyway!", "Obrigado Skyway!", "Adoro Skyway!" were neutral, no intent).
#: A word of several languages is the one of them the candidates list first (`in_candidates_order`: "Adoro Skyway!" is
#: es with the default candidates; it with `candidates = ["en", "it", "pt"]`; pt and it read it alike)
ONE_WORD_LANGUAGES = {
    **dict.fromkeys(("gracias",), ("es",)),
    **dict.fromkeys(("obrigado", "obrigada", "valeu", "adorei", "amei"), ("pt",)),
    **dict.fromkeys(("grazie", "adoriamo", "amiamo"), ("it",)),
    **dict.fromkeys(("merci",), ("fr",)),
    **dict.fromkeys(("danke", "dankeschön"), ("de",)),
    **dict.fromkeys(("bedankt", "dankjewel", "dankuwel"), ("nl",)),
    **dict.fromkeys(("adoro", "amo"), ("es", "pt", "it")),
    **dict.fromkeys(("adoramos", "amamos"), ("es", "pt")),
}


def in_candidates_order(word: str, candidates: tuple[str, ...]) -> list[str]:
    """The candidates whose word of thanks or love `word` is (`ONE_WORD_LANGUAGES`), in the candidates' order: the
    config's order says which language its posts are likelier in ("adoro" is es, pt or it alike)."""
    languages = ONE_WORD_LANGUAGES.get(word, ())
    return [code for code in candidates if code in languages]


def _one_word_language(text: str, candidates: tuple[str, ...]) -> str | None:
    """The language of a post of one word that `ONE_WORD_LANGUAGES` holds (of the candidates), else None: unsure."""
    words = _words(text)
    languages = in_candidates_order(words[0].casefold(), candidates) if len(words) == 1 else []
    return languages[0] if languages else None


#: words of short English posts: function words and the verdicts a short post gives ("the", "on", "great", "ok",
#: "loved"); not those another candidate writes beside an accented word ("me encantó", "am schönsten", "also schön",
#: "fast fertig", "Hotel schön", "super café"): `loanword_english`
_ENGLISH_WORDS_SPELT = (
    "an the and or but of on at to for from with by about after before this that these those it its is are was"
    " were be been i my we our us you your they their he she his her very really too just still not never ever all"
    " every only again here there now then today tonight what how why when where who do did does done have has had get"
    " got went would can could should best better good great nice ok okay fine lovely amazing awesome excellent"
    " perfect delicious tasty yummy fresh friendly cozy cosy cute bad worse worst terrible awful horrible cold"
    " overpriced pricey cheap expensive slow quick love loved loving like liked enjoy enjoyed enjoying recommend try"
    " tried want wanted need needed thanks thank lol omg wow yes yeah yay meh morning breakfast lunch dinner coffee"
    " food drink staff flight airport room"
)
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS_SPELT.split())
SHORT_WORDS = 8  # (of English words: a longer post has English enough for the detector)


def loanword_english(text: str) -> bool:
    """A short post in Latin letters whose words beyond ASCII (a loanword: "café", "crème brûlée") are no more than
    its common English words, all its others but one (a name the config does not give, as "Skyway") such words: "café
    ok", "loved the crème brûlée on Skyway". lingua read the accented letters as French, and the post was unscored.
    No word of it another language's function word or thanks ("é ok", "le café was great", "Merci, super café")."""
    words = [w.casefold() for w in _words(text)]
    loans = [w for w in words if not w.isascii()]
    others = [w for w in words if w.isascii() and w not in ENGLISH_WORDS]
    english = len(words) - len(loans) - len(others)
    return (
        bool(loans)
        and len(others) <= 1
        and len(loans) + len(others) <= english <= SHORT_WORDS
        and _latin(loans)
        and not any(w in stopwords.foreign() or w in ONE_WORD_LANGUAGES for w in loans + others)
    )


def one_word(text: str) -> bool:
    """Fewer than two words in Latin letters (links, handles and emoticons aside): too little to tell a language
    by. Other scripts (Japanese has no spaces between words) go to the detector."""
    words = _words(text)
    return len(words) < 2 and _latin(words)


#: detect in lingua's thread pool (one thread per core); `--jobs` workers turn it off, as every core
#: already runs a worker and idle pool threads spinning for work cost them about 10% of a run
parallel = True


def available() -> bool:
    try:
        import lingua  # noqa: F401
    except ImportError:
        return False
    return True


def _languages(candidates: tuple[str, ...]) -> list:
    from lingua import IsoCode639_1, Language

    languages = []
    for code in candidates:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            raise ConfigError(f"[language] candidates: unknown language code {code!r}") from None
    if len(languages) < 2:
        raise ConfigError("[language] candidates: give at least two language codes")
    return languages


@lru_cache(maxsize=4)
def _detector(candidates: tuple[str, ...], distance: float):
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*_languages(candidates)).with_minimum_relative_distance(distance)
    # all models at once, on every core: 0.5 s instead of 0.9 s loaded one by one on first use (a
    # short post needs every model of every candidate anyway). Built only for texts the quick pass leaves: a run
    # whose posts it decides all (many small cron runs) loads none of them, 1.7 s of CPU (docs/scale.md, Stop 47)
    return builder.with_preloaded_language_models().build()


def preload(candidates: tuple[str, ...] | None) -> None:
    """Build the full detector of `candidates` now, whatever the texts: `--jobs`'s warm-up, before the workers are
    forked, whose texts the quick English pass may decide all (candidates en and ja): each worker then built it again
    on its first chunk, 1.7 s of CPU each (one process builds it when a text needs it)."""
    if candidates and available():
        _detector(tuple(candidates), MIN_DISTANCE)


@lru_cache(maxsize=4)
def _fast_english(candidates: tuple[str, ...]):
    """The low-accuracy detector and English, or None without English among the candidates. Its models (trigrams
    only, which the full detector shares) load at once: 0.07 s of CPU, against 0.09-0.12 s on first use."""
    from lingua import Language, LanguageDetectorBuilder

    if "en" not in candidates:
        return None
    builder = LanguageDetectorBuilder.from_languages(*_languages(candidates))
    return builder.with_low_accuracy_mode().with_preloaded_language_models().build(), Language.ENGLISH


@lru_cache(maxsize=8)
def _names(terms: tuple[str, ...]) -> tuple[str, re.Pattern] | None:
    """The brands' terms as a pattern for RE2 and one for Python's `re` (any case; `Voxa*` its prefix), or None
    without any. A term counts between characters that are not letters, digits or `_` (RE2's word boundary knows
    only ASCII letters: it missed "Orangé"), kept as groups 1 and 2."""
    words = sorted({t.strip().lstrip("@#") for t in terms if t.strip().lstrip("@#").rstrip("*")}, key=len)
    if not words:
        return None

    def pattern(edge: str, tail: str) -> str:
        alternatives = "|".join(re.escape(w.rstrip("*")) + (tail if w.endswith("*") else "") for w in reversed(words))
        return rf"(?i)(^|{edge})(?:{alternatives})($|{edge})"

    # ("Kairo폰", "カイロのイヤホン": a name the brands' matcher finds, glued to the words around it)
    glued = f"[{_GLUED}]"
    return pattern(rf"[^\pL\pN_]|{glued}", r"[\pL\pN_]*"), re.compile(pattern(rf"\W|{glued}", r"\w*"))


#: the letters of scripts written without spaces (kana, Chinese characters) and Hangul, whose particles are glued to a
#: name: a brand's term next to one is still a word of its own, as to the brands' matcher (`matching._is_word`)
_GLUED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9d"


def without_names(texts: list[str], names: tuple[str, ...]) -> list[str]:
    """`texts` with the brands' terms taken out, over the batch with RE2 (Python's `re` took 6 us a text)."""
    patterns = _names(names)
    if patterns is None or not texts:
        return texts
    # twice: a match takes the character after it, which the next term ("Voxa Voxa", "@VoxaHelp voxa") needs
    try:
        out = pa.array(texts, pa.large_string())
        for _ in range(2):
            out = pc.replace_substring_regex(out, patterns[0], r"\1 \2")
        return out.to_pylist()
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        return [patterns[1].sub(r"\1 \2", patterns[1].sub(r"\1 \2", t)) for t in texts]


def detect(
    texts: list[str], candidates: tuple[str, ...] = DEFAULT_CANDIDATES, names: tuple[str, ...] = ()
) -> list[str | None]:
    """ISO 639-1 code per text, None where unsure (or when lingua is not installed). `names`: the brands' terms,
    which are not read: a brand's name says nothing of the language of a post about it, and lingua reads its
    letters as any other word's ("Voxa outage, no signal, terrible" was French)."""
    if not texts or not available():
        return [None] * len(texts)
    texts = [without_code(t) for t in texts]
    # what is read: the text without its links and handles, whose words ("/hilfe/buchung", "@jan_de_vries")
    # are not the post's language (an English post ending in a German link was German, its sentiment skipped)
    # nor pasted code, traces and log lines (`without_code`), in English whatever the post's language
    sample = [_NOT_WORDS.sub(" ", t[: 4 * SAMPLE_CHARS]).strip()[:SAMPLE_CHARS] for t in plain_letters(texts)]
    with _lock:  # the dask engine may run partitions in threads
        known = _known.setdefault((tuple(candidates), tuple(names)), {})
        if len(known) > KNOWN_LIMIT:
            known.clear()
        keys = list(dict.fromkeys(t for t in sample if t not in known))
        read = without_names([without_emoticons(t) for t in keys], tuple(names))  # (what the detectors read)
        in_arabizi = _arabizi(read)
        known.update((t, "ar") for t, yes in zip(keys, in_arabizi, strict=True) if yes)
        keys, read = _where([not yes for yes in in_arabizi], keys, read)
        short = [one_word(t) for t in read]
        # unsure, but of a word no English post writes ("Gracias Skyway!")
        known.update((t, _one_word_language(r, candidates)) for t, r, one in zip(keys, read, short, strict=True) if one)
        keys, new = _where([not one for one in short], keys, read)
        # a short English post with one accented loanword, which lingua read as French ("café ok")
        loan = [not t.isascii() and loanword_english(t) for t in new]  # (isascii: 50 ns, the rule's regexes 5 us)
        known.update((t, "en") for t, yes in zip(keys, loan, strict=True) if yes)
        keys, new = _where([not yes for yes in loan], keys, new)
        if new:
            fast = _fast_english(tuple(candidates))
            if fast is not None:
                quick, english = fast
                sure = (
                    quick.compute_language_confidence_in_parallel(new, english)
                    if parallel
                    else [quick.compute_language_confidence(t, english) for t in new]
                )
                known.update((t, "en") for t, p in zip(keys, sure, strict=True) if p >= FAST_ENGLISH)
                keys, new = _where([p < FAST_ENGLISH for p in sure], keys, new)
        if new:
            detector = _detector(tuple(candidates), MIN_DISTANCE)
            found = detector.detect_languages_in_parallel_of(new) if parallel else map(detector.detect_language_of, new)
            codes = [lang.iso_code_639_1.name.lower() if lang else None for lang in found]
            # written mostly in a script none of the candidates reads (Cyrillic, Arabic, Hangul, Devanagari):
            # the candidates are unsure, but the post is not English. Without this second look it kept an
            # empty lang, and English-only analyzers scored it (neutral: no English word) instead of skipping it
            # (so is one the candidates read as a language of another script: "Kairo폰 camera 진짜 좋아요" was Italian
            # for "camera", and Chinese, Han without kana, Japanese when no candidate is Chinese; stop 44)
            misread = _misread(tuple(candidates))
            other = [k for k, (t, code) in enumerate(zip(new, codes, strict=True)) if misread(t, code)]
            if other:
                # (its own name: `_not_english` below asks the candidates' detector, which knows English; with
                # this one, which does not, every unsure English post beside a Russian one was Arabic, unscored)
                scripts = _other_scripts_detector()
                texts = [new[k] for k in other]
                again = (
                    scripts.detect_languages_in_parallel_of(texts)
                    if parallel
                    else map(scripts.detect_language_of, texts)
                )
                for k, lang in zip(other, again, strict=True):
                    codes[k] = lang.iso_code_639_1.name.lower() if lang else None
                # unsure between two of them (Hindi or Marathi, both in Devanagari: "Sahara Air की फ्लाइट 4 घंटे लेट
                # थी"), the post is still not English: the likeliest, not an empty lang that English analyzers score
                for k in (k for k in other if codes[k] is None):
                    likeliest = scripts.compute_language_confidence_values(new[k])
                    if likeliest and likeliest[0].value > 0:  # (all 0: the first in the alphabet, no likelier)
                        codes[k] = likeliest[0].language.iso_code_639_1.name.lower()
            _not_english(detector, new, codes, set(other), candidates)
            _loanwords_read(detector, new, codes)
            _thanked(new, codes, candidates)
            known.update(zip(keys, codes, strict=True))
        return [known[t] for t in sample]


def _not_english(detector, texts: list[str], codes: list[str | None], skip: set[int], candidates) -> None:
    """Give the texts the detector was unsure of, but that are plainly not English (an English confidence below
    NOT_ENGLISH), the candidate it finds likeliest: "Renfe sin problemas" is Spanish or Portuguese, too close to
    tell, and kept an empty `lang`, so an English analyzer scored it, negative for "sin"; "Lufthansa pessimo" was
    neutral. `skip`: texts in other scripts."""
    unsure = [k for k, code in enumerate(codes) if code is None and k not in skip]
    if not unsure or "en" not in candidates:
        return
    from lingua import Language

    read = [texts[k] for k in unsure]
    values = (
        detector.compute_language_confidence_values_in_parallel(read)
        if parallel
        else map(detector.compute_language_confidence_values, read)
    )
    for k, confidences in zip(unsure, values, strict=True):
        english = next((c.value for c in confidences if c.language == Language.ENGLISH), 0.0)
        likely = [c.language.iso_code_639_1.name.lower() for c in confidences if c.value > 0]
        if not likely:  # (none for "ſ ſ": no language is likely, it stays unsure)
            continue
        if english < NOT_ENGLISH:  # (sorted, the likeliest first)
            codes[k] = _most_function_words(texts[k], likely)
        else:
            codes[k] = _of_its_function_words(detector, texts[k], likely)


def _most_function_words(text: str, likely: list[str]) -> str:
    """Of the languages the detector finds likely (the likeliest first), the one of whose function words the text
    holds most (`brandpulse.stopwords`), the likeliest on a tie: "¡Qué rico el café de Skyway!" was French to lingua
    (0.32 to Spanish's 0.28), though "qué" and "el" are Spanish's alone."""
    words = {w.casefold() for w in _words(text)}
    known = stopwords.by_language()
    held = [sum(f"{code} {w}" in known for w in words) for code in likely]
    return likely[held.index(max(held))]


def _of_its_function_words(detector, text: str, likely: list[str]) -> str | None:
    """The likely language (the likeliest first) of which the text holds FUNCTION_WORDS function words that are no
    English ones, none of English's that are not that language's, and no other words the detector finds likeliest
    English, else None: "Le service Skyway est nul" (French's "le" and "est"; "service nul": French 0.29, English 0.27)
    was unsure, French 0.29 to English's 0.25, and scored as English. An English post's function words are English's
    too ("me so was": German's "so" and "was" are English's), and it has English ones of its own; "Merci pour le
    movie." (English, in VADER's movie set) has "movie", likeliest English."""
    from lingua import Language

    words = {w.casefold() for w in _words(text)}
    known, english = stopwords.by_language(), stopwords.english()
    for code in likely:
        held = {w for w in words if f"{code} {w}" in known}
        if len(held - english) < FUNCTION_WORDS or (words & english) - held:
            continue
        rest = [w for w in _words(text) if w.casefold() not in held and w.casefold() not in ONE_WORD_LANGUAGES]
        language = detector.compute_language_confidence_values(" ".join(rest)) if rest else None
        if not language or language[0].language != Language.ENGLISH:
            return code
    return None


FUNCTION_WORDS = 2  # (one is as likely a loanword or a name: "Skyway est nul", "the Café de Flore")


def _loanwords_read(detector, texts: list[str], codes: list[str | None]) -> None:
    """Make English a short post the detector gave another language of Latin letters for a foreign noun phrase in an
    English frame (`_frame`): a common English word in it, and English the likeliest language of it ("great piña
    colada": "great"; "the crème brûlée was superb": "the was superb", English 0.32, German 0.23, too close for the
    detector to be sure, and the post was French). lingua read the accents as French or Spanish, and the post was
    unscored (`loanword_english` decides the posts whose other words are all common English ones before the
    detector). No frame: "la crème brûlée était parfaite", "comida ótima", "très bon café" keep their language; nor
    does a frame of a word English shares: "Vol annulé, terrible" ("terrible": French 0.39, English 0.24), "Café
    frío, horrible" (all common English words but the accented ones, it was English)."""
    from lingua import Language

    for k, code in enumerate(codes):
        if code in (None, "en") or texts[k].isascii():
            continue
        words = [w.casefold() for w in _words(texts[k])]
        if len(words) > 2 * SHORT_WORDS or not _latin(words):
            continue
        frame = _frame(words)
        if not any(_english(w) and w not in stopwords.foreign() for w in frame):  # ("me", "no": Spanish's too)
            continue
        likeliest = detector.compute_language_confidence_values(" ".join(frame))
        if likeliest and likeliest[0].language == Language.ENGLISH:
            codes[k] = "en"


def _frame(words: list[str]) -> list[str]:
    """`words` without their foreign noun phrases, each a run of words that are no common English ones nor English
    function words (`_english`; "a collage of clichés", whose "a" is Spanish's too) holding an accented one ("great
    piña colada": "great"; "the crème brûlée was superb": "the was superb"); empty when a word of it is another
    language's function word or thanks ("le café was great", "Merci, super café"), or a phrase begins or ends with one
    ("très bon café"); within one it is the phrase's ("loved the pão de queijo": "loved the")."""
    frame: list[str] = []
    run: list[str] = []
    foreign = stopwords.foreign()
    for w in [*words, ""]:  # ("": the end, closing the last run)
        if w and not _english(w):
            run.append(w)
            continue
        if any(x in ONE_WORD_LANGUAGES for x in run):
            return []
        if all(x.isascii() for x in run):
            if any(x in foreign for x in run):
                return []
            frame += run
        elif run[0] in foreign or run[-1] in foreign:
            return []
        run = []
        if w:
            frame.append(w)
    return frame


def _english(word: str) -> bool:
    """A common English word of short posts or an English function word."""
    return word in ENGLISH_WORDS or word in stopwords.english()


def _thanked(texts: list[str], codes: list[str | None], candidates: tuple[str, ...]) -> None:
    """Give a short post of another language that holds a word of `ONE_WORD_LANGUAGES` that word's language:
    "Merci Skyway, super café" was Portuguese (lingua, of "super café"). An unsure one stays unsure, scored as English
    ("Merci pour le movie.", an English text of the tuning split), unless its other words are all other languages'
    function words ("lo amo": `_of_function_words`)."""
    for k, code in enumerate(codes):
        if code == "en":
            continue
        words = [w.casefold() for w in _words(texts[k])]
        languages = [c for w in words for c in in_candidates_order(w, candidates)]
        if not 2 <= len(words) <= THANKED_WORDS or not languages or code in languages:
            continue
        if code is not None:
            codes[k] = languages[0]
        elif all(w in ONE_WORD_LANGUAGES or w in stopwords.foreign() for w in words):
            codes[k] = _of_function_words(words, languages)


def _of_function_words(words: list[str], languages: list[str]) -> str:
    """The first of `languages` whose function words hold each of `words` that is one ("li amo": Italian's "li"),
    else the first: an unsure post of a word of love and function words alone ("lo amo", "ya lo adoro") is no English
    one, and was scored as English (neutral: no praise)."""
    known = stopwords.by_language()
    function = [w for w in words if w not in ONE_WORD_LANGUAGES]
    return next((c for c in languages if all(f"{c} {w}" in known for w in function)), languages[0])


THANKED_WORDS = 4  # (a longer post has words enough for the detector)


def _where(keep: list[bool], *lists: list[str]) -> list[list[str]]:
    """Each of `lists` with only the items where `keep` is true."""
    return [[x for x, k in zip(items, keep, strict=True) if k] for items in lists]


def other_script(text: str, one: bool = False) -> bool:
    """As many of the text's letters outside the Latin script as in it, or more ("Skyway는 최악이에요"); with `one`, as
    many of one other script (kana and Chinese characters one: Japanese writes both), not a Hebrew word and a Chinese
    one beside English words ("Delta שלום 飞机 great", which the candidates read as English). A kana, Chinese character
    or Hangul syllable counts as two letters (`SYLLABLE_LETTERS`)."""
    letters = "".join(_WORD.findall(text))
    others = [c for c in letters if not (c <= "\u024f" or "\u1e00" <= c <= "\u1eff")]
    latin = len(letters) - len(others)
    if not others:
        return False
    counts = Counter()
    for c in others:
        counts[_script(c)] += SYLLABLE_LETTERS if _SYLLABLE.match(c) else 1
    return (sum(counts.values()) if not one else max(counts.values())) >= latin


#: the Latin letters a kana, Chinese character or Hangul syllable stands for: a syllable ("とても", totemo;
#: "日本語のテキスト", "Japanese text"). Counted as one, "Skyway café naïve 日本語のテキスト 🙂 Ünïcödé" was Spanish
#: (16 Latin letters to 8), its sentiment skipped for a language it does not hold; it is Japanese
SYLLABLE_LETTERS = 2
_SYLLABLE = re.compile(f"[{_GLUED}]")


def _script(letter: str) -> str:
    """A letter's script, by the first word of its Unicode name ("HANGUL", "HEBREW"); Japanese's three are one."""
    name = unicodedata.name(letter, "").split(" ")[0]
    return "CJK" if name in ("HIRAGANA", "KATAKANA", "HALFWIDTH") else name


_KANA = re.compile(r"[\u3041-\u30ff\uff66-\uff9d]")


@lru_cache(maxsize=8)
def _misread(candidates: tuple[str, ...]):
    """Whether a text the candidates gave `code` (None: unsure) is for the detector of other scripts: written mostly
    in letters outside the Latin script, and the candidates were unsure, or read it as a language of Latin letters, or
    as Japanese though it has no kana (Chinese, when no candidate is: its sentiment skipped all the same, but `lang`
    said ja)."""
    from lingua import Language

    latin = {lang.iso_code_639_1.name.lower() for lang in Language.all_with_latin_script()}
    chinese = "zh" in candidates

    def misread(text: str, code: str | None) -> bool:
        if code is not None and code not in latin and (code != "ja" or chinese or _KANA.search(text)):
            return False
        return other_script(text, one=code is not None and code in latin)  # (a sure answer: one script to undo it)

    return misread


@lru_cache(maxsize=1)
def _other_scripts_detector():
    """A detector of the languages lingua knows that are not written in Latin letters (Russian, Arabic,
    Korean, Hindi, Chinese, Greek, ...), for posts the candidates cannot read; its models load on first use."""
    from lingua import Language, LanguageDetectorBuilder

    latin = set(Language.all_with_latin_script())
    languages = [lang for lang in Language.all() if lang not in latin]
    return LanguageDetectorBuilder.from_languages(*languages).with_minimum_relative_distance(MIN_DISTANCE).build()


#: texts detected before, per candidate set and brands' terms: a stream's later chunks repeat many (retweets, copy-paste
#: campaigns, bots); emptied past KNOWN_LIMIT, so memory stays flat
_known: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, str | None]] = {}
KNOWN_LIMIT = 20_000
_lock = threading.Lock()


def candidates_from_config(raw: dict | None, where: str | None = None) -> tuple[str, ...] | None:
    """The configured candidates; None when `[language] detect = false`. `where`: the config file, named
    in errors; the codes are checked too where lingua is installed."""
    at = f"{where}: [language]" if where else "[language]"
    section = (raw or {}).get("language", {})
    if not isinstance(section, dict):
        raise ConfigError(
            f"{at} must be a table: write [language] on a line of its own, its settings on the lines below"
        )
    detect = section.get("detect", True)
    if not isinstance(detect, bool):  # (detect = "false" left detection on)
        raise ConfigError(f"{at} detect must be true or false")
    names = section.get("names", [])  # (checked with detection off too: `names_from_config` read 5 as a list)
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ConfigError(f"{at} names must be a list of words and phrases (places, lines) the detector does not read")
    if not detect:
        return None
    codes = section.get("candidates", list(DEFAULT_CANDIDATES))
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ConfigError(f"{at} candidates must be a list of ISO 639-1 codes")
    codes = tuple(c.lower() for c in codes)
    if "candidates" in section and available():
        try:
            _languages(codes)
        except ConfigError as exc:
            raise ConfigError(f"{at} {str(exc).removeprefix('[language] ')}") from None
    return codes


def names_from_config(raw: dict | None) -> tuple[str, ...]:
    """`[language] names`: words not read by the detector, as the brands' terms are not (`detect`'s `names`): places
    and lines that are words of another language ("Caerdydd Canolog", "Aberystwyth" made an English post Welsh, and an
    English analyzer skipped it)."""
    section = (raw or {}).get("language", {})
    return tuple(section.get("names", ())) if isinstance(section, dict) else ()


def fill_languages(
    df: pd.DataFrame, candidates: tuple[str, ...] | None = DEFAULT_CANDIDATES, names: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Set `lang` where it is empty or names no language (`und`: a generic export's undetermined posts got no
    sentiment, as if not English), detecting each distinct text once; `names`: the brands' terms (`brand_terms`),
    not read."""
    if df.empty:
        return df
    empty = (df["lang"].isna() | df["lang"].str.lower().isin(NO_LANGUAGE)).to_numpy(dtype=bool)
    if not empty.any():
        return df
    out = df.copy()
    out.loc[empty, "lang"] = pd.NA  # (unknown, also when nothing detects: read as English, as an empty code is)
    if candidates is None or not available():
        return out
    codes, uniques = pd.factorize(df.loc[empty, "text"].fillna(""))
    found = pd.array(detect([str(t) for t in uniques], candidates, tuple(names)), dtype=STRING)
    out.loc[empty, "lang"] = found[codes]
    return out
