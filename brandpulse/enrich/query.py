"""The listening suites' boolean query language, compiled into whole-column matching.

    apple NEAR/3 (iphone OR mac) AND NOT "apple pie"

`parse_query` turns a query into an AST (tokenizer + recursive descent); `QueryMatcher`
compiles many queries at once: every text term of every query becomes one key of a single
Aho-Corasick `TermMatcher` scan, then each query is evaluated as numpy boolean algebra over
whole columns. Positions (NEAR, EXCEPT) are computed only for rows where both sides match;
regex work (`?` wildcards, case-sensitive `{AA}`) runs only on rows holding the literal part.

Precedence, tightest first: NOT (and `-`) > EXCEPT > NEAR > AND > OR. Operators are upper-case;
there is no implicit AND (`a b` is an error that suggests `a AND b` or `"a b"`).
The grammar is in the README, "Boolean queries for brands and topics".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ConfigError
from ..schema import LANGUAGE_NAMES, PLATFORM_ALIASES, STRING, every_intent, language_code
from .matching import SPELLED_SYMBOLS, Rule, TermMatcher, fold, fold_series

FIELDS = ("text", "author", "platform", "lang", "site", "intent")
#: the fields a brand's or topic's query cannot read: a post's intents are tagged after its brands and topics
TAGGED_AFTER = ("intent",)
MIN_LITERAL = 2  # characters a wildcard term must start with: `a*` would match a tenth of the language
_SPECIAL = set('()"{}')
_NEAR = re.compile(r"NEAR/(\d+)(f?)")
_FIELD = re.compile(r"([A-Za-z]+):")
#: a site value's scheme, user, `www.` and path: matched against the host of each post's url (www. dropped)
_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?(?:www\.)?|[/:?#].*$")
_OPERATOR_HINT = re.compile(
    r"""["(){}]|\b(?:AND|OR|NOT|EXCEPT)\b|\bNEAR/|(?:^|[\s(])-\S|\b(?:author|platform|lang|site|text|intent):"""
)


class QueryError(ConfigError):
    """A query that does not parse: one line with the query, the column (1-based) and what was expected."""

    def __init__(self, query: str, column: int, expected: str):
        self.query, self.column, self.expected = query, column, expected
        super().__init__(f"query {query!r} at {column}: {expected}")


# --- AST -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word, phrase or pattern in one field. `value` is folded unless `case`."""

    value: str
    field: str = "text"
    prefix: bool = False  # trailing `*`, handled by the automaton
    pattern: bool = False  # `?` or an inner `*`: regex over rows holding the literal start
    case: bool = False  # `{AA}`: exact case

    def __str__(self) -> str:
        v = self.value + ("*" if self.prefix else "")
        v = f"{{{v}}}" if self.case else (f'"{v}"' if " " in v else v)
        return v if self.field == "text" else f"{self.field}:{v}"

    @property
    def key(self) -> tuple[str, bool]:
        """The automaton key that finds candidate rows: (folded literal, is prefix)."""
        if self.case:  # (`{iPhone*}`: the automaton finds the rows with words starting `iphone`)
            return (
                (fold(re.split(r"[*?]", self.value, maxsplit=1)[0]), True)
                if self.pattern
                else (fold(self.value), False)
            )
        if self.pattern:
            return re.split(r"[*?]", self.value, maxsplit=1)[0], True
        return self.value, self.prefix


@dataclass(frozen=True)
class Not:
    child: object

    def __str__(self) -> str:
        return f"NOT {_paren(self.child)}"


@dataclass(frozen=True)
class And:
    children: tuple

    def __str__(self) -> str:
        return " AND ".join(_paren(c) for c in self.children)


@dataclass(frozen=True)
class Or:
    children: tuple

    def __str__(self) -> str:
        return " OR ".join(_paren(c) for c in self.children)


@dataclass(frozen=True)
class Near:
    """Both sides within `n` words of each other (`ordered`: left first)."""

    left: object
    right: object
    n: int
    ordered: bool = False

    def __str__(self) -> str:
        return f"{_paren(self.left)} NEAR/{self.n}{'f' if self.ordered else ''} {_paren(self.right)}"


@dataclass(frozen=True)
class Window:
    """`"a b c"~n`: all words within a span of len(words) + n words, any order."""

    words: tuple
    n: int

    def __str__(self) -> str:
        return '"' + " ".join(w.value for w in self.words) + f'"~{self.n}'


@dataclass(frozen=True)
class Except:
    """Occurrences of `left` that lie inside an occurrence of `right` don't count (a term list's `exclude`)."""

    left: object
    right: object

    def __str__(self) -> str:
        return f"{_paren(self.left)} EXCEPT {_paren(self.right)}"


def _paren(node) -> str:
    return f"({node})" if isinstance(node, (And, Or, Near, Except)) else str(node)


def _positional(node) -> bool:
    """Nodes with word positions: text terms, EXCEPT, and OR-groups of them."""
    if isinstance(node, Term):
        return node.field == "text"
    if isinstance(node, Or):
        return all(_positional(c) for c in node.children)
    return isinstance(node, Except)


def _positive(node) -> bool:
    """Can the node be true only because something is present? (a query can't be only NOT)"""
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_positive(c) for c in node.children)
    if isinstance(node, Or):
        return all(_positive(c) for c in node.children)
    return True


def positive_terms(node, negated: bool = False) -> list[Term]:
    """Terms that count for a match (not under NOT, not the right side of EXCEPT), in query order."""
    if isinstance(node, Term):
        return [] if negated else [node]
    if isinstance(node, Not):
        return positive_terms(node.child, not negated)
    if isinstance(node, Except):
        return positive_terms(node.left, negated)
    if isinstance(node, Window):
        return [] if negated else list(node.words)
    children = (node.left, node.right) if isinstance(node, Near) else node.children
    out: list[Term] = []
    for c in children:
        out += [t for t in positive_terms(c, negated) if t not in out]
    return out


def locating_terms(node) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Where a query's brand is named in a text, for sentiment per brand: its positive text terms (not NOT's, not a
    field's such as `lang:en`), both sides of NEAR, as `TermMatcher` words (a trailing `*` a prefix; `{AA}` without
    its case: the brand's posts are known, this only says where in them); the words of each EXCEPT's right side as
    their exclude; and the patterns (`colo?r`, `gr*dash`) as regexes over folded text, each with the literal start its
    matches hold (`"grub da?h"`'s "grub": "grub-dash" matches it)."""

    def words(terms) -> tuple[list[str], list[str]]:
        plain, patterns = [], []
        for term in terms:
            if term.field != "text":
                continue
            value = fold(term.value) if term.case else term.value
            if term.pattern and re.fullmatch(r"[^*?]+\*", value) is None:
                # the literal ends at a wildcard, or at a space or hyphen (either matches the other: `_regex`)
                patterns.append((_regex(Term(value, pattern=True)), re.split(r"[*? -]", value, maxsplit=1)[0]))
            else:  # (`{iPhone*}` is the prefix `iphone`)
                plain.append(value if term.pattern else value + "*" * term.prefix)
        return plain, patterns

    terms, patterns = words(positive_terms(node))
    exclude, _ = words(t for n in _walk(node) if isinstance(n, Except) for t in positive_terms(n.right))
    return terms, exclude, patterns


# --- tokenizer -------------------------------------------------------------------------------


@dataclass
class Token:
    kind: str  # WORD PHRASE CASE LPAREN RPAREN AND OR NOT MINUS NEAR EXCEPT FIELD END
    text: str
    col: int  # 1-based
    n: int = 0  # NEAR/n, "..."~n (-1: no ~)
    ordered: bool = False


def tokenize(query: str) -> list[Token]:
    tokens: list[Token] = []
    i, size = 0, len(query)
    value_at = -1  # where a site: value starts: `site:https://x.com` is one value, not the field `https`
    while i < size:
        ch = query[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(Token("LPAREN" if ch == "(" else "RPAREN", ch, col))
            i += 1
        elif ch == '"':
            close = query.find('"', i + 1)
            if close < 0:
                raise QueryError(query, col, "expected a closing '\"' for this phrase")
            text, i = query[i + 1 : close], close + 1
            n = -1
            if i < size and query[i] == "~":
                digits = re.match(r"\d+", query[i + 1 :])
                if not digits:
                    raise QueryError(query, i + 1, 'expected a number of words after ~, like "a b"~3')
                n, i = int(digits.group()), i + 1 + len(digits.group())
            tokens.append(Token("PHRASE", text, col, n))
        elif ch == "{":
            close = query.find("}", i + 1)
            if close < 0:
                raise QueryError(query, col, "expected a closing '}' for this case-sensitive term")
            tokens.append(Token("CASE", query[i + 1 : close], col))
            i = close + 1
        elif ch == "}":
            raise QueryError(query, col, "unexpected '}' (a case-sensitive term is {AA})")
        elif ch == "-" and (i == 0 or query[i - 1].isspace() or query[i - 1] == "("):
            tokens.append(Token("MINUS", ch, col))
            i += 1
        elif i != value_at and (m := _FIELD.match(query, i)):
            name = m.group(1)
            if name.lower() not in FIELDS:
                raise QueryError(
                    query, col, f"unknown field {name!r} (known: {', '.join(FIELDS)}; quote it to search the text)"
                )
            tokens.append(Token("FIELD", name.lower(), col))
            i = m.end()
            value_at = i if name.lower() == "site" else -1
        else:
            j = i
            while j < size and not query[j].isspace() and query[j] not in _SPECIAL:
                j += 1
            tokens.append(_word_token(query, query[i:j], col))
            i = j
    tokens.append(Token("END", "", size + 1))
    return tokens


def _word_token(query: str, word: str, col: int) -> Token:
    if word in ("AND", "OR", "NOT", "EXCEPT"):
        return Token(word, word, col)
    if word == "NEAR" or word.startswith("NEAR/"):
        m = _NEAR.fullmatch(word)
        if not m:
            raise QueryError(query, col, "expected NEAR/n with a number of words, like NEAR/3 (NEAR/3f: in order)")
        return Token("NEAR", word, col, int(m.group(1)), bool(m.group(2)))
    if m := re.search(r"~\d*$", word):  # (Lucene's fuzzy "apple~" and "apple~2" matched nothing, silently)
        raise QueryError(query, col + m.start(), 'no ~ after a word: ~n is for a quoted phrase, like "a b"~3')
    return Token("WORD", word, col)


# --- parser ----------------------------------------------------------------------------------

_STARTS = {"WORD", "PHRASE", "CASE", "LPAREN", "NOT", "MINUS", "FIELD"}


class _Parser:
    def __init__(self, query: str):
        self.query = query
        self.tokens = tokenize(query)
        self.i = 0
        self.field = "text"

    def error(self, expected: str, token: Token | None = None):
        token = token or self.peek()
        return QueryError(self.query, token.col, expected)

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self):
        if self.peek().kind == "END":
            raise self.error("expected a term (the query is empty)")
        node = self.parse_or()
        token = self.peek()
        if token.kind == "RPAREN":
            raise self.error("unexpected ')' (no '(' to close)")
        if token.kind != "END":  # pragma: no cover - parse_and reports stray operands
            raise self.error(f"unexpected {token.text!r}")
        if not _positive(node):
            raise QueryError(self.query, 1, "expected a term to look for (a query cannot be only NOT)")
        return node

    def parse_or(self):
        children = [self.parse_and()]
        while self.peek().kind == "OR":
            op = self.take()
            self.operand_after(op)
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(dict.fromkeys(children)))

    def parse_and(self):
        children = [self.parse_near()]
        while True:
            kind = self.peek().kind
            if kind == "AND":
                op = self.take()
                self.operand_after(op)
                children.append(self.parse_near())
            elif kind in ("MINUS", "NOT"):  # `apple -pie`, `apple NOT pie`: AND NOT
                children.append(self.parse_near())
            elif kind in _STARTS:
                token = self.peek()
                hint = (
                    f" (operators are upper-case: {token.text.upper()})" if token.text in ("and", "or", "not") else ""
                )
                raise self.error(
                    f'expected AND, OR or NEAR/n before {token.text!r}{hint}; for a phrase use quotes: "a b"'
                )
            else:
                break
        return children[0] if len(children) == 1 else And(tuple(dict.fromkeys(children)))

    def parse_near(self):
        left = self.parse_except()
        while self.peek().kind == "NEAR":
            op = self.take()
            self.operand_after(op)
            right = self.parse_except()
            self.check_positional(op, left, right)
            left = Near(left, right, op.n, op.ordered)
        return left

    def parse_except(self):
        left = self.parse_unary()
        while self.peek().kind == "EXCEPT":
            op = self.take()
            self.operand_after(op)
            right = self.parse_unary()
            self.check_positional(op, left, right)
            left = Except(left, right)
        return left

    def check_positional(self, op: Token, left, right) -> None:
        for side in (left, right):
            if not _positional(side):
                raise self.error(
                    f"expected words, phrases or (a OR b) groups around {op.text}, not {_paren(side)}"
                    + (" (combine NEARs with AND)" if isinstance(side, Near) else ""),
                    op,
                )

    def operand_after(self, op: Token) -> None:
        if self.peek().kind not in _STARTS:
            found = "the end" if self.peek().kind == "END" else repr(self.peek().text)
            raise self.error(f"expected a term after {op.text}, found {found}")

    def parse_unary(self):
        kind = self.peek().kind
        if kind in ("NOT", "MINUS"):
            op = self.take()
            self.operand_after(op)
            return Not(self.parse_unary())
        return self.parse_primary()

    def parse_primary(self):
        token = self.take()
        if token.kind == "FIELD":
            if self.field != "text" and token.text != self.field:
                raise self.error(f"expected a value of {self.field}:, not another field", token)
            if self.peek().kind not in ("WORD", "PHRASE", "CASE", "LPAREN"):
                raise self.error(f"expected a value after {token.text}:")
            outer, self.field = self.field, token.text
            try:
                return self.parse_primary()
            finally:
                self.field = outer
        if token.kind == "LPAREN":
            node = self.parse_or()
            if self.peek().kind != "RPAREN":
                raise self.error(f"expected ')' to close '(' at {token.col}")
            self.take()
            return node
        if token.kind in ("WORD", "PHRASE", "CASE"):
            return self.term(token)
        found = "the end" if token.kind == "END" else repr(token.text)
        raise self.error(f"expected a term, found {found}", token)

    def term(self, token: Token):
        text = " ".join(token.text.split())
        if not text:
            raise self.error("expected something inside the quotes or braces", token)
        if token.kind == "CASE":
            if self.field != "text":
                raise self.error("expected a plain value: {...} is for text", token)
            value = _strip_accents(text)
            wild = re.search(r"[*?]", value)  # (`{iPhone*}` looked for a literal `*`: it matched nothing)
            if wild and len(value[: wild.start()].lstrip("@#")) < MIN_LITERAL:
                raise self.error(f"expected at least {MIN_LITERAL} letters before a wildcard in {text!r}", token)
            return Term(value, case=True, pattern=wild is not None)
        if token.kind == "PHRASE" and token.n >= 0:
            if self.field != "text":
                raise self.error("expected a plain value: ~n proximity is for text", token)
            words = tuple(self.word(w, token) for w in text.split())
            if len(words) == 1:
                return words[0]
            if len(words) == 2:
                return Near(words[0], words[1], token.n)
            return Window(tuple(dict.fromkeys(words)), token.n)
        return self.word(text, token)

    def word(self, text: str, token: Token) -> Term:
        value = fold(text) if self.field in ("text", "author") else text.lower()
        if self.field == "author":
            value = value.lstrip("@")
        if self.field == "site":  # the host, as the posts' urls are read: `https://www.cnn.com/` is cnn.com
            value = _SITE.sub("", value).strip("/") or value
        wild = re.search(r"[*?]", value)
        if wild is None:
            return Term(value, self.field)
        if self.field == "text" and len(value[: wild.start()].lstrip("@#")) < MIN_LITERAL:
            raise self.error(f"expected at least {MIN_LITERAL} letters before a wildcard in {text!r}", token)
        if self.field == "text" and "?" not in value and value.index("*") == len(value) - 1:
            return Term(value[:-1], prefix=True)
        return Term(value, self.field, pattern=True)


def parse_query(query: str):
    """The AST of `query`; raises QueryError (a ConfigError, exit 5) naming the column and what was expected."""
    return _Parser(query).parse()


def looks_like_query(value: str) -> bool:
    """`--brand NAME=VALUE`: VALUE is a query when it has quotes, parentheses, braces, an upper-case
    operator (AND OR NOT EXCEPT NEAR/n), a `-term` or a `field:`; otherwise a comma-separated term list."""
    return bool(_OPERATOR_HINT.search(value))


def terms_query(terms: list[str] | tuple[str, ...], exclude: list[str] | tuple[str, ...] = ()):
    """A term list with its `exclude` phrases as a query AST: `(t1 OR t2) EXCEPT (x1 OR x2)`.

    Built from the literal terms (a trailing `*` is a prefix, nothing else is special), so it
    matches exactly what `TermMatcher` matches for the same `Rule`.
    """

    def literal(word: str) -> Term | None:
        value = fold(word.rstrip("*").strip())
        return Term(value, prefix=word.endswith("*")) if value else None

    def group(words):
        nodes = tuple(dict.fromkeys(t for t in map(literal, words) if t is not None))
        return None if not nodes else nodes[0] if len(nodes) == 1 else Or(nodes)

    left, right = group(terms), group(exclude)
    return left if left is None or right is None else Except(left, right)


def _strip_accents(text: str) -> str:
    if SPELLED_SYMBOLS.search(text):  # "™" stays itself, as in `fold`: "Nestlé™" is "Nestle™", not "NestleTM"
        parts = SPELLED_SYMBOLS.split(text)
        return "".join(p if k % 2 else _strip_accents(p) for k, p in enumerate(parts))
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


# --- compiled matching -----------------------------------------------------------------------


def _walk(node):
    yield node
    if isinstance(node, (And, Or)):
        for c in node.children:
            yield from _walk(c)
    elif isinstance(node, Not):
        yield from _walk(node.child)
    elif isinstance(node, (Near, Except)):
        yield from _walk(node.left)
        yield from _walk(node.right)
    elif isinstance(node, Window):
        yield from node.words


def query_fields(node) -> set[str]:
    """The fields a parsed query reads (`text`, `lang`, ...)."""
    return {n.field for n in _walk(node) if isinstance(n, Term)}


def field_values(node, field: str) -> list[str]:
    """The values a parsed query looks for in `field`, but patterns (`intent:purchase*`), each once."""
    return list(
        dict.fromkeys(n.value for n in _walk(node) if isinstance(n, Term) and n.field == field and not n.pattern)
    )


class QueryMatcher:
    """Compile named queries once; `hits(df)` gives a rows x labels boolean matrix.

    Accepts query strings or ASTs (from `parse_query` / `terms_query`).
    """

    def __init__(self, queries: list[tuple[str, object]]):
        self.labels = [label for label, _ in queries]
        self.roots = [parse_query(q) if isinstance(q, str) else q for _, q in queries]
        keys: dict[tuple[str, bool], int] = {}
        for root in self.roots:
            for node in _walk(root):
                if isinstance(node, Term) and node.field == "text":
                    keys.setdefault(node.key, len(keys))
        self.keys = keys
        self.matcher = TermMatcher([Rule(str(i), (k + "*" if p else k,)) for (k, p), i in keys.items()])

    def hits(self, df: pd.DataFrame) -> np.ndarray:
        ev = self.evaluate(df)
        out = np.zeros((len(self.roots), len(df)), dtype=bool)  # filled a query at a time: rows of this
        for j, root in enumerate(self.roots):
            out[j] = ev.bool(root)
        return out.T

    def evaluate(self, df: pd.DataFrame) -> Evaluator:
        """An evaluator over `df`: the automaton has scanned it once; nodes are evaluated on demand."""
        return Evaluator(self, df)


def or_queries(hits: np.ndarray, df: pd.DataFrame, queries: list[tuple[int, str]]) -> None:
    """OR each (column, query) into `hits`: a `query` beside `terms` widens the match. All compiled at once."""
    if queries:
        found = QueryMatcher([(str(j), q) for j, q in queries]).hits(df)
        for k, (j, _) in enumerate(queries):
            hits[:, j] |= found[:, k]


class Evaluator:
    """Boolean columns (and occurrence spans) of query nodes over one frame, memoised per node."""

    def __init__(self, compiled: QueryMatcher, df: pd.DataFrame):
        self.df = df
        self.n = len(df)
        self.folded = fold_series(df["text"]) if self.n else pd.Series([], dtype=STRING)
        rows, labels, starts, ends = compiled.matcher.spans(self.folded)
        order = np.argsort(labels, kind="stable")
        self.rows, self.starts, self.ends = rows[order], starts[order], ends[order]
        bounds = np.searchsorted(labels[order], np.arange(len(compiled.keys) + 1))
        self.slices = {key: slice(bounds[i], bounds[i + 1]) for key, i in compiled.keys.items()}
        self.memo: dict = {}
        self.fields: dict[str, pd.Series] = {}

    # boolean columns

    def bool(self, node) -> np.ndarray:
        hit = self.memo.get(node)
        if hit is None:
            hit = self.memo[node] = self._bool(node)
        return hit

    def _bool(self, node) -> np.ndarray:
        if isinstance(node, Term):
            return self._term(node) if node.field == "text" else self._field(node)
        if isinstance(node, Not):
            return ~self.bool(node.child)
        if isinstance(node, And):
            return np.logical_and.reduce([self.bool(c) for c in node.children])
        if isinstance(node, Or):
            return np.logical_or.reduce([self.bool(c) for c in node.children])
        if isinstance(node, Except):
            return self._column(self.spans(node)[0])
        if isinstance(node, Near):
            return self._near(node)
        if isinstance(node, Window):
            return self._window(node)
        raise TypeError(node)  # pragma: no cover

    def _column(self, rows: np.ndarray) -> np.ndarray:
        col = np.zeros(self.n, dtype=bool)
        col[rows] = True
        return col

    def _candidates(self, term: Term) -> np.ndarray:
        return self.rows[self.slices[term.key]]

    def _term(self, term: Term) -> np.ndarray:
        col = self._column(self._candidates(term))
        if (term.pattern or term.case) and col.any():
            rows = np.flatnonzero(col)
            rx = re.compile(_regex(term))  # (Python's re: Arrow's RE2 has no look-behind before pandas 3)
            col[rows] = [rx.search(t) is not None for t in self._texts(term, rows).tolist()]
        return col

    def _texts(self, term: Term, rows: np.ndarray) -> pd.Series:
        if term.case:
            texts = self.df["text"].iloc[rows].fillna("").astype(STRING)
            accented = texts.str.contains(r"[^\x00-\x7f]", regex=True)
            if accented.any():
                texts = texts.where(~accented, texts[accented].map(_strip_accents))
            return texts
        return self.folded.iloc[rows]

    def _field(self, term: Term) -> np.ndarray:
        values = self._field_values(term.field)
        if term.field == "intent":  # any of the post's intents (`;a;b;`): a complaint asking for a feature suggests too
            value = _wildcard(term.value, any_char="[^;]") if term.pattern else re.escape(term.value)
            hit = values.str.contains(f";{value};", regex=True)
        elif term.pattern:
            hit = values.str.fullmatch(_wildcard(term.value, any_char="."))
        elif term.field == "site":
            hit = (values == term.value) | values.str.endswith("." + term.value)
        elif term.field == "lang":  # (`lang:eng`, `lang:english` as a file's `lang` is read: `en`; they matched none)
            code = language_code(LANGUAGE_NAMES.get(term.value, term.value))
            # (`en-t-es`, a review Google translated from Spanish: English and the customer's Spanish)
            written = values.str.contains(f"-t-{re.escape(code)}(?:-|$)")
            hit = (values == code) | values.str.startswith(code + "-") | written
        elif term.field == "platform":  # `platform:x` is X's posts, stored as twitter
            hit = values == PLATFORM_ALIASES.get(term.value, term.value)
        else:
            hit = values == term.value
        return hit.fillna(False).to_numpy(dtype=bool)

    def _field_values(self, field: str) -> pd.Series:
        if field not in self.fields:
            column = field if field != "site" else "url"
            raw = self.df[column] if column in self.df else pd.Series([None] * self.n, index=self.df.index)
            if field == "intent":  # (every intent, `;`-separated and around: `every_intent`'s, `intent` alone before)
                raw = ";" + every_intent(self.df).str.join(";") + ";"
            s = raw.astype(STRING).str.strip().str.lower()
            if field == "platform":
                s = s.replace(PLATFORM_ALIASES)
            elif field == "author":
                s = s.map(fold, na_action="ignore").astype(STRING).str.lstrip("@")
            elif field == "site":
                s = s.str.extract(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?(?:www\.)?([^/:?#]+)", expand=False)
            self.fields[field] = s.astype(STRING)
        return self.fields[field]

    # positions

    def spans(self, node, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, start, end) character spans in the folded text, restricted to rows where `mask`."""
        if isinstance(node, Term):
            if node.pattern or node.case:
                return self._regex_spans(node, mask)
            sl = self.slices[node.key]
            rows, starts, ends = self.rows[sl], self.starts[sl], self.ends[sl]
            if mask is not None:
                keep = mask[rows]
                rows, starts, ends = rows[keep], starts[keep], ends[keep]
            return rows, starts, ends
        if isinstance(node, Or):
            parts = [self.spans(c, mask) for c in node.children]
            return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]
        if isinstance(node, Except):
            rows, starts, ends = self.spans(node.left, mask)
            xr, xs, xe = self.spans(node.right, self._column(rows) if len(rows) else None)
            if not len(xr):
                return rows, starts, ends
            left = pd.DataFrame({"row": rows, "start": starts, "end": ends, "i": np.arange(len(rows))})
            pairs = left.merge(pd.DataFrame({"row": xr, "x_start": xs, "x_end": xe}), on="row")
            inside = pairs.loc[(pairs["x_start"] <= pairs["start"]) & (pairs["end"] <= pairs["x_end"]), "i"].unique()
            keep = np.ones(len(rows), dtype=bool)
            keep[inside] = False
            return rows[keep], starts[keep], ends[keep]
        raise TypeError(node)  # pragma: no cover - the parser allows only positional nodes here

    def _regex_spans(self, term: Term, mask: np.ndarray | None):
        col = self.bool(term) if mask is None else self.bool(term) & mask
        rows = np.flatnonzero(col)
        rx = re.compile(_regex(term))
        texts = self._texts(term, rows).tolist()
        found = [(r, m.start(), m.end() - 1) for r, t in zip(rows, texts, strict=True) for m in rx.finditer(t)]
        arr = np.array(found, dtype=np.int64).reshape(-1, 3)
        return arr[:, 0], arr[:, 1], arr[:, 2]

    def _word_spans(self, rows, starts, ends, both: np.ndarray):
        """Word index of each span's first and last word (words: runs of letters, digits, `_`)."""
        cand = np.flatnonzero(both)
        texts = self.folded.iloc[cand].tolist()
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        offsets = np.zeros(self.n, dtype=np.int64)
        offsets[cand] = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        word_starts = np.fromiter((m.start() for m in re.finditer(r"\w+", "\x00".join(texts))), dtype=np.int64)
        g_start, g_end = offsets[rows] + starts, offsets[rows] + ends
        first = np.searchsorted(word_starts, g_start, side="left")
        last = np.searchsorted(word_starts, g_end, side="right") - 1
        return first, last

    def _near(self, node: Near) -> np.ndarray:
        both = self.bool(node.left) & self.bool(node.right)
        if not both.any():
            return both
        sides = []
        for side in (node.left, node.right):
            rows, starts, ends = self.spans(side, both)
            first, last = self._word_spans(rows, starts, ends, both)
            sides.append(pd.DataFrame({"row": rows, "first": first, "last": last}))
        pairs = sides[0].merge(sides[1], on="row", suffixes=("_l", "_r"))
        after = (pairs.first_r > pairs.last_l) & (pairs.first_r - pairs.last_l - 1 <= node.n)
        ok = (
            after
            if node.ordered
            else after | ((pairs.first_l > pairs.last_r) & (pairs.first_l - pairs.last_r - 1 <= node.n))
        )
        return self._column(pairs.loc[ok, "row"].to_numpy(dtype=np.int64))

    def _window(self, node: Window) -> np.ndarray:
        both = np.logical_and.reduce([self.bool(w) for w in node.words])
        if not both.any():
            return both
        frames = []
        for k, word in enumerate(node.words):
            rows, starts, ends = self.spans(word, both)
            first, _ = self._word_spans(rows, starts, ends, both)
            frames.append(pd.DataFrame({"row": rows, "pos": first, "k": k}))
        occ = pd.concat(frames).sort_values(["row", "pos"])
        span = len(node.words) - 1 + node.n
        hit = [
            row for row, g in occ.groupby("row") if _min_window(g.pos.tolist(), g.k.tolist(), len(node.words)) <= span
        ]
        return self._column(np.array(hit, dtype=np.int64))


def _min_window(pos: list[int], labels: list[int], k: int) -> float:
    """Smallest last-first over windows of sorted positions holding all k labels (two pointers)."""
    counts = [0] * k
    have, best, lo = 0, float("inf"), 0
    for hi, lab in enumerate(labels):
        counts[lab] += 1
        have += counts[lab] == 1
        while have == k:
            best = min(best, pos[hi] - pos[lo])
            counts[labels[lo]] -= 1
            have -= counts[labels[lo]] == 0
            lo += 1
    return best


def _wildcard(value: str, any_char: str = r"\w") -> str:
    """`*` any run, `?` one: of word characters in text, of any characters in a field value."""
    return "".join(any_char + "*" if c == "*" else any_char if c == "?" else re.escape(c) for c in value)


def _regex(term: Term) -> str:
    """A space between words matches any run of spaces or a hyphen, and a hyphen a space (as `spellings`)."""
    body = _wildcard(term.value) if term.pattern else re.escape(term.value)
    body = re.sub(r"(?<=\w)\\[ -](?=\w)", lambda _: r"(?:\s+|-)", body).replace(r"\ ", r"\s+")
    return rf"(?<!\w){body}(?!\w)"
