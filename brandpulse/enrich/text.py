"""Texts as the sentiment lexicons and the language detector read them (the posts keep their text as
written): styled letters as plain ones, sentences glued at their end ("great!Thanks") apart."""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import non_ascii_matches
from ..sources.markup import without_tags
from .matching import LastColumn

#: styled letters and digits: full-width "ｇｒｅａｔ", circled "ⓖⓡⓔⓐⓣ", mathematical bold and italic "𝐠𝐫𝐞𝐚𝐭"
#: (not full-width punctuation, which Chinese and Japanese posts are full of)
_STYLED = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9\U0001d400-\U0001d7ff]+")


def plain_letters(texts: list[str]) -> list[str]:
    """`texts` with styled letters written as the plain ones, accents and all else as they are: the
    lexicons and the language detector know only "great", so "𝐠𝐫𝐞𝐚𝐭" was neutral and of no language."""
    try:  # RE2 finds the texts with any over the batch (its non-ASCII texts), faster than a search per text
        styled = np.flatnonzero(non_ascii_matches(pa.array(texts, pa.large_string()), _STYLED.pattern)).tolist()
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        styled = range(len(texts))
    out = list(texts)
    for i in styled:
        out[i] = _STYLED.sub(_nfkc, out[i])
    return out


def _nfkc(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


#: a sentence end with no space after it ("great!United was awful", "lost my bag.Never again"): the two
#: words read as one token, so "great" was unknown, and "Never" negated the sentence before
GLUED = re.compile(r"([a-z][.!?]+)(?=[A-Z][a-z])")
#: the same for RE2 (pyarrow), which has no lookahead: finds the texts to pass to `unglued` (with those holding a tag,
#: which it leaves out; and those holding a line break, which cx looks for apart: `line_ends`)
GLUED_RE2 = "[a-z][.!?]+[A-Z][a-z]|<[a-zA-Z/]"
#: a line break after a word with no sentence end or comma of its own, before more text (stop 38): the end of a
#: sentence, as per-brand sentiment reads it ("A was awful\nB too"; "not great<br>another delay" was one sentence, so
#: its "not" negated the delay). Its "." stands apart: glued, it took an emoticon's or a short word's place in the
#: lexicon (":)." is no ":)", nor "xD." "xD", "<3." "<3"; VADER strips a word's punctuation only past two letters)
_LINE_END = re.compile(r"(?<=[^.!?;,:\s])(?=[^\S\n]*\n\s*\S)")
#: `_LINE_END` for RE2 (pyarrow), which has no lookaround, in ASCII texts (where Python's `\s` also holds \x0b and
#: \x1c-\x1f, RE2's not): the line's last character and what follows it up to the next line's first, kept around the
#: " ." (`line_ends`)
_LINE_END_RE2 = (
    r"([^.!?;,:\t\n\x0b\x0c\r\x1c-\x1f ])"
    r"([\t\x0b\x0c\r\x1c-\x1f ]*\n[\t\n\x0b\x0c\r\x1c-\x1f ]*[^\t\n\x0b\x0c\r\x1c-\x1f ])"
)


def line_ends(texts: pa.Array) -> pa.Array:
    """`_LINE_END.sub(" .", text)` of each ASCII text in `texts`, by RE2 over them all. In two passes: a match takes
    the next line's first character, so that the end of a line of one character ("b" in "a\\nb\\nc") is found in the
    second, whose matches take no place another one needs."""
    for _ in range(2):
        texts = pc.replace_substring_regex(texts, _LINE_END_RE2, r"\1 .\2")
    return texts


#: where GLUED may match, looked for first: a pattern that starts with the punctuation is 5x faster to scan
_GLUED_END = re.compile(r"[.!?](?=[A-Z][a-z])")


#: negations that may end a clause, answers and words standing for a thing ("No, honestly, terrible", "they lost
#: nothing, honestly, great service"): no aside carries them to the word after it (`_aside`)
NO_ASIDE = ("no", "nope", "uhuh", "uh-uh", "nothing", "none", "nowhere", "neither", "nor", "without", "rarely")
NO_ASIDE += ("seldom", "despite")
#: how many words an aside between commas may have
ASIDE_WORDS = 6


@functools.cache
def _aside() -> re.Pattern:
    """A negation that cannot end a clause (VADER's `NEGATE`, any word with n't, less `NO_ASIDE`) or a comparison's
    "than", then an aside of up to `ASIDE_WORDS` words between commas, none a negation: group 1 the negation, 2 the
    aside. `unglued` moves the aside before the negation ("not, to be honest, bad" is "to be honest, not bad"), so that
    the negation reaches the word it is about, as a word of VADER's does three words away at most, and a phrase forms
    ("never, ever, late": "ever, never late"). Since stop 38; stop 37 carried asides of one or two words over in
    fast_vader's rules, and per-brand sentiment kept their clause whole."""
    from vaderSentiment.vaderSentiment import NEGATE

    negation = rf"(?:{'|'.join(map(re.escape, _carried()))}|[a-z]+n['\u2019]t)(?![\w'\u2019])"
    every = rf"(?:{'|'.join(map(re.escape, sorted({*NEGATE, *NO_ASIDE}, key=len, reverse=True)))}|[a-z]+n['\u2019]t)"
    word = rf"\s+(?!{every}(?![\w'\u2019]))[^\s,;:.!?]+"
    return re.compile(rf"(?:^|\s+)({negation}|than),((?:{word}){{1,{ASIDE_WORDS}}}),(?=\s)", re.I)


@functools.cache
def _carried() -> list[str]:
    """The negations an aside does not end (`_aside`), but those with n't: VADER's `NEGATE` less `NO_ASIDE`."""
    from vaderSentiment.vaderSentiment import NEGATE

    return sorted({w for w in NEGATE if "n't" not in w} - set(NO_ASIDE), key=lambda w: (-len(w), w))


@functools.cache
def aside_re2() -> str:
    """For RE2 (pyarrow): where `_aside` may find an aside, a negation it carries or "than" before a comma and a space
    (with `GLUED_RE2`, the texts cx passes to `unglued`); a space as Python's reads it, with RE2's the vertical tab and
    the separators 0x1c-0x1f (beyond ASCII, a text is never plain)."""
    space = r"[\s\x0b\x1c-\x1f]"
    return rf"(?i:\b(?:{'|'.join(map(re.escape, _carried()))}|than),{space}|n['\x{{2019}}]t,{space})"


#: the words after which a "not" ends its clause ("believe it or not, the crew was amazing, great job", "why not", "if
#: not", "certainly not", "of course not"), so that the words after it are no aside: moved, its "not" read "not great
#: job" (-0.2 for +0.8), "Why not, the fares are low, great deal" -0.64 for +0.43. Not after a verb ("it's really not,
#: to be fair, bad"), nor after a noun ("the food not, honestly, bad")
_ENDS_BEFORE_NOT = re.compile(r"(?:^|\s)(?:(\S+)\s+)?(or|if|why|maybe|perhaps|course|\w+ly)\s*$", re.I)
_VERB = re.compile(
    r"am|is|are|was|were|be|been|being|do|does|did|have|has|had|can|could|will|would|shall|should|may|might|must"
    r"|\w+['\u2019](?:s|re|m|ll|d|ve)",
    re.I,
)


def _ends_clause(m: re.Match) -> bool:
    """Whether the "not" `_aside` found (`m[1]`) ends its clause (`_ENDS_BEFORE_NOT`)."""
    if m[1].lower() != "not":
        return False
    found = _ENDS_BEFORE_NOT.search(m.string, max(m.start() - 40, 0), m.start())
    return found is not None and not (found[2].lower().endswith("ly") and found[1] and _VERB.fullmatch(found[1]))


def _moved(m: re.Match) -> str:
    """An aside `_aside` found, moved before its negation: "is not, to be honest, bad" is "is, to be honest, not bad"
    (at the start of the text: "to be honest, not bad"); not after a "not" that ends its clause (`_ends_clause`)."""
    if not m[0][0].isspace():
        return f"{m[2].lstrip()}, {m[1]}"
    return m[0] if _ends_clause(m) else f",{m[2]}, {m[1]}"


#: a word in quotes inside a sentence is read as the word: its quotes kept a phrase from matching across them ("Paywise
#: still 'reviewing' it after 2 days", "stuck on 'pending'" were 0 and -0.21; stop 53). `QUOTED_WORD_RE2` where it may
#: match, for RE2
_QUOTES = "'\"\u2018\u2019\u201c\u201d"
QUOTED_WORD = re.compile(f"(?<!\\S)[{_QUOTES}]([A-Za-z]+)[{_QUOTES}](?=[\\s.,!?;:]|$)")
QUOTED_WORD_RE2 = f"[{_QUOTES}][A-Za-z]+[{_QUOTES}]"


def unglued(text: str, quoted=None) -> str:
    """`text` with a space after each sentence end glued to the next sentence, HTML tags left out (a tag that starts
    or ends a block a line break: `without_tags`), a "." at the end of a line that has none (`_LINE_END`), each
    aside between commas after a negation or "than" moved before it (`asides_moved`), a cleft's copula after its
    negation left out (`CLEFT`) and a word's quotes (`QUOTED_WORD`), but for the words `quoted(word)` keeps quoted
    (cx's scare quotes)."""
    if "<" in text:
        text = without_tags(text)
    if "\n" in text:
        text = _LINE_END.sub(" .", text)
    text = asides_moved(text)
    if "what" in text.lower():  # (a quick look before the regex)
        text = CLEFT.sub(r"\1", text)
    if "not-" in text.lower() or "never," in text.lower():
        text = NEGATION_GLUED.sub(lambda m: m.group(0).replace("-", " ").replace(",", ""), text)
    if "'" in text or '"' in text or not text.isascii():
        text = QUOTED_WORD.sub(r"\1" if quoted is None else lambda m: m[0] if quoted(m[1]) else m[1], text)
    return GLUED.sub(r"\1 ", text) if _GLUED_END.search(text) else text


#: a pseudo-cleft's negation (stop 39): "What Skyway isn't is a particularly good airline" says "Skyway isn't a
#: particularly good airline", but its second "is" put the verdict a word further from the negation, past the three
#: words a VADER negation reaches ("good" was not negated: praise). Its copula is left out ("What Skyway isn't a
#: particularly good airline"), after an aside moved before the negation too ("What Skyway isn't, however, is
#: original" is "What Skyway, however, isn't original"). Up to six words between "what" and the negation
CLEFT = re.compile(
    r"(\bwhat\s+(?:[^\s.;:!?]+\s+){1,6}?(?:not|never|[a-z]+n['\u2019]t))\s+(?:is|was|are|were)(?=\s)", re.I
)
#: where `CLEFT` may match, for RE2: a negation and a copula (with Python's spaces in ASCII, as `aside_re2`'s); the
#: "what" before them, looked for too, made the scan of a batch twice as long
CLEFT_RE2 = r"(?i:(?:\bnot|\bnever|n['\x{2019}]t)[\s\x0b\x1c-\x1f]+(?:is|was|are|were)\b)"


#: a negation hyphenated to what it negates ("not-so-good", "not-bad") or doubled with a comma of emphasis ("never,
#: ever answered"), read as its words (stop 49: "not-so-good" was one word of no lexicon, 0; the comma of "never, ever"
#: ended the negation's clause and the phrase "never ever answered" was not found); not "not-for-profit", a charity, no
#: negation ("our not-for-profit helps kids" read "not for profit helps": -0.53)
NEGATION_GLUED = re.compile(r"\bnot(?!-for-profit)(?:-[a-z]+){1,2}\b(?!-)|\bnever,(?=\s+ever\b)", re.I)
#: where `NEGATION_GLUED` may match, for RE2 (typographic hyphens too: cx reads them as ASCII's before `unglued`)
NEGATION_GLUED_RE2 = r"(?i:\bnot[-\x{2010}\x{2011}\x{2013}][a-z]|\bnever,[\s\x0b\x1c-\x1f]+ever\b)"


@functools.cache
def _aside_hint() -> re.Pattern:
    """Where `_aside` may find an aside: a comma and a space after a negation it carries or "than". Looked for first:
    a pattern that starts with the comma is skipped to, where `_aside`'s is tried at every space (12 us a text with
    commas: 1.2 s in 100,000 such posts against 0.09, and per-brand sentiment reads each post twice)."""
    words = [*_carried(), "than"]
    # (a lookbehind is of one width: one per length, after a quick look at the last letter)
    behind = "".join(
        rf"|(?<=\b(?:{'|'.join(re.escape(w) for w in words if len(w) == n)}),)" for n in sorted(set(map(len, words)))
    )
    last = "".join(sorted({w[-1] for w in words} | {"t"}))
    return re.compile(rf",(?<=[{last}],)(?:(?<=n['\u2019]t,){behind})\s", re.I)


def asides_moved(text: str) -> str:
    """`text` with each aside `_aside` finds moved before its negation or "than" (`_moved`)."""
    return _aside().sub(_moved, text) if "," in text and _aside_hint().search(text) else text


#: code that developers paste into posts (stop 43): a fenced block (``` or ~~~, to its end or the text's), inline code
#: (`...` on one line), and lines of a stack trace, a log or a shell session, also where an HTML <pre> lost its fence
#: (Mastodon, Hacker News): an indented block of code (`_INDENTED`), "at fn (file:12:3)", 'File "x.py", line 3',
#: "Traceback (most recent ...", "TypeError: ...", a log line with its time and level, "$ cmd". Their words are no
#: one's sentiment ("FATAL ... process killed", `stackly kill --all`) and no post's language (a Spanish post with an
#: English trace was English)
_FENCED = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.M | re.S)
#: (not a backtick written for an apostrophe or an opening quote: "don`t ... we`ll", "`Memento' ... of `Requiem")
_INLINE = re.compile(r"(?<!\w)`[^`\n]+`(?!\w)")
_CODE_LINE = re.compile(
    # JavaScript's and Java's frames: "at Client.auth (index.js:120:15)", "at /usr/lib/cli.js:42", "at a.B.c(B.java:9)"
    r"^[ \t]*at (?:async )?[^\s(]+(?: \[as \w+\])? ?\(?[^\s()]*:\d+(?::\d+)?\)?[ \t]*$"
    r"|^[ \t]*File \"[^\"\n]+\", line \d+[^\n]*$"  # Python's
    r"|^[ \t]*Traceback \(most recent call last\):[ \t]*$"
    r"|^[ \t]*(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception):[^\n]*$"  # the exception: "stackly.errors.AuthError: ..."
    r"|^[ \t]*\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d[^\n]*\b(?:FATAL|ERROR|WARN|WARNING|INFO|DEBUG|TRACE|CRITICAL)\b[^\n]*$"
    r"|^[ \t]*\$ (?![\d.,])[^\n]*$",  # a shell prompt (not a price: "$ 5 off")
    re.M,
)


#: a block of indented lines (Markdown's code block, a <pre> without its tags), and a line of one that reads as code:
#: braces, a call, an assignment or arrow, "::", a tag, a keyword opening a statement ("    const x = f(y);", "    }");
#: not an item of a list ("    - great prices")
_INDENTED = re.compile(r"(?:^(?:[ ]{4}|\t)[^\n]*(?:\n|\Z))+", re.M)
_CODE_SIGN = re.compile(
    r"^(?:[ ]{4}|\t)[ \t]*(?![-*+•>] |\d+[.)] )"
    r"(?:[^\n]*(?:[{}]|[\w\])]\(|\s(?:[=!<>+\-*/]?=|=>|->|:=)\s|::|</?[a-z][\w-]*[ >/])"
    r"|(?:def|class|import|from \S+ import|return|const|let|var|function|fn|func|#include)\b)",
    re.M,
)


def _code_block(match: re.Match) -> str:
    """An indented block, left out (its line breaks kept) when a line of it reads as code: its other lines (a "pass"
    below a "def") are code too. An indented list, poem or whole post is read (stop 43: they were left out,
    a post of them neutral, with no language and no intent)."""
    block = match.group()
    return "\n" * block.count("\n") if _CODE_SIGN.search(block) else block


def without_code(text: str, inline: bool = True) -> str:
    """`text` as the lexicons and the language detector read it: with its pasted code, traces and log lines (`_FENCED`,
    `_INLINE`, `_CODE_LINE`) left out, a fenced block a line break. The posts keep their text as written. `inline=False`
    keeps inline code, where per-brand sentiment finds a brand (`@stackly/sdk`)."""
    if "`" in text or "~~~" in text:
        text = _FENCED.sub("\n", text)
        text = _INLINE.sub(" ", text) if inline else text
    if "\n" in text or text.startswith(("\t", "    ")):
        text = _CODE_LINE.sub("", _INDENTED.sub(_code_block, text))
    return text


#: where `without_code` may change a text (RE2, over a column): a backtick, a fence, a line break, an indent
_MAY_HOLD_CODE = r"`|~~~|\n|^(?:\t|    )"


def _code_free(texts: pd.Series) -> pd.Series:
    """`texts` (a column of a chunk) with `without_code` of each text, as intent and topics read them; `texts` itself
    when that changes none (the column's scans, which brands made, are reused)."""
    try:
        may = np.flatnonzero(
            pc.fill_null(pc.match_substring_regex(pa.array(texts, pa.large_string()), _MAY_HOLD_CODE), False)
        )
    except (pa.ArrowException, UnicodeError, TypeError):  # lone surrogates, a column of objects
        may = np.arange(len(texts))
    values = texts.iloc[may].tolist()
    plain = [without_code(t) if isinstance(t, str) else t for t in values]
    changed = [i for i, (a, b) in enumerate(zip(values, plain, strict=True)) if a != b]
    if not changed:
        return texts
    out = texts.copy()
    out.iloc[may[changed]] = [plain[i] for i in changed]
    return out


#: `_code_free` of the last column given, made once for intent and topics
code_free = LastColumn(_code_free)
