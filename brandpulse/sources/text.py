"""Decoding bytes of unknown encoding into text."""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator, Iterator
from contextlib import closing, contextmanager
from contextvars import ContextVar
from typing import TypeVar

import numpy as np

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as cp1252 (latin-1 where cp1252 has a hole): files
    edited in Excel on Windows mix the two, and this keeps both halves readable."""
    bad = err.object[err.start : err.end]
    return "".join(_CP1252.get(b) or chr(b) for b in bad), err.end  # (a byte at a time: a hole lost none)


_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") for b in range(256)}  # "" where cp1252 has a hole


codecs.register_error("brandpulse-cp1252", _cp1252_fallback)

#: in bytes that are not all UTF-8 (cp1252 ones among them), two that happen to be UTF-8 for a letter of a script a
#: cp1252 text does not write, alone after an ASCII capital letter: the end of a word in cp1252's capitals, its last
#: letter accented, and a quote or symbol, as `JOSÉ’s` and `«CAFÉ»` (U+0252 and U+027B as UTF-8). The ranges:
#: U+0180-U+02FF but Vietnamese `Ơ ơ Ư ư` (U+01A0-U+01B0) and Romanian's U+0218-U+021B, and U+0370-U+07FF (Greek to
#: NKo), with a second byte cp1252 has a character for. Letters of Latin-1 and Latin Extended-A (`Ã©`, UTF-8's é, is
#: that already read wrong: é), combining accents, a run of two or more characters (a word in Greek or Cyrillic),
#: a letter after a space or a small letter (Russian `и`, `the π symbol`, Vietnamese `cơm`, IPA's `/ˈkæt/`) and
#: characters of 3 and 4 bytes (`â€™`, emoji) are UTF-8's.
_BY_CHANCE = np.zeros(1 << 16, dtype=bool)  # by lead byte * 256 + second byte
for _c in [*range(0x180, 0x1A0), *range(0x1B1, 0x218), *range(0x21C, 0x300), *range(0x370, 0x800)]:
    _pair = chr(_c).encode("utf-8")
    _BY_CHANCE[_pair[0] << 8 | _pair[1]] = _pair[1] not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # (cp1252's holes)
_CONTINUATION = np.zeros(256, dtype=bool)
_CONTINUATION[0x80:0xC0] = True
_MULTIBYTE_LEAD = np.zeros(256, dtype=bool)
_MULTIBYTE_LEAD[0xC2:0xF5] = True


def utf8_or_cp1252(data: bytes, before: bytes = b"") -> str:
    """Bytes that are not all UTF-8 as text: UTF-8's characters, and cp1252's for the bytes that are not UTF-8 and
    for the pairs of them that are UTF-8 only by chance (`_BY_CHANCE`), after an ASCII capital and before a character
    of one byte. `before`: the bytes before `data` (a block's), whose last one is the first pair's letter before."""
    before = before[-1:] if before[-1:].isascii() else b""
    data = before + data
    b = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero((b[1:-1] - np.uint8(0xC6)) < 0x1A) + 1  # (their lead bytes: 0xC6-0xDF, cp1252's capitals)
    if len(at):
        at = at[_BY_CHANCE[b[at].astype(np.int64) << 8 | b[at + 1]]]
        at = at[(b[at - 1] - np.uint8(ord("A"))) < 26]  # (after A-Z)
        run, inside = np.zeros(len(at), dtype=bool), at + 3 < len(b)  # (a character of 2+ bytes after it)
        run[inside] = _MULTIBYTE_LEAD[b[at[inside] + 2]] & _CONTINUATION[b[at[inside] + 3]]
        at = at[~run]
    if len(at):
        pieces, end = [], 0
        for i in at.tolist():  # (pairs alone are few: a cp1252 file's «CAFÉ» and JOSÉ’s)
            pieces += [data[end:i], data[i : i + 2].decode("cp1252").encode("utf-8")]
            end = i + 2
        data = b"".join([*pieces, data[end:]])
    return data.decode("utf-8", errors="brandpulse-cp1252")[len(before) :]


T = TypeVar("T")

#: the encoding the user named (`--encoding`, `read(encoding=...)`), which no guess overrides: `given_encoding`
_GIVEN: ContextVar[str | None] = ContextVar("brandpulse_encoding", default=None)


#: codecs Python counts as text encodings that no file is written in: host names' (`idna`, `punycode`) and one that
#: decodes nothing (`undefined`); punycode read a CSV as 0 rows, without a word
_NOT_FILE_ENCODINGS = ("idna", "punycode", "undefined")


def check_encoding(name: str) -> str:
    """`name` as Python's codec name (`GB18030` -> gb18030), a ValueError naming the fix when Python has no such
    codec, or has one that cannot decode a file (`rot13`, `base64`, `idna`: "not a text encoding", where they were
    `unknown encoding` or a crash, `LookupError`, exit 1)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(
            f"unknown encoding {name!r}: give a text encoding Python knows, e.g. utf-8, cp1252, gb18030"
        ) from None
    try:  # (a codec that cannot replace a byte, as `idna` cannot: "Unsupported error handling replace", exit 1)
        b"a\n".decode(info.name, "replace")
        text = getattr(info, "_is_text_encoding", True) and info.name not in _NOT_FILE_ENCODINGS
    except (UnicodeError, LookupError):  # (LookupError: `rot13`, `base64`, which turn bytes or text into their own)
        text = False
    if not text:
        raise ValueError(
            f"{name!r} is not a text encoding (a codec of Python's that decodes no file): give the one the file is "
            "written in, e.g. utf-8, cp1252, gb18030"
        )
    return info.name


@contextmanager
def given_encoding(name: str | None) -> Iterator[None]:
    """Files read inside are decoded as `name` (None: detected), a byte it cannot decode becoming U+FFFD."""
    token = _GIVEN.set(check_encoding(name) if name else _GIVEN.get())
    try:
        yield
    finally:
        _GIVEN.reset(token)


def decoded_as(name: str, chunks: Generator[T, None, None]) -> Iterator[T]:
    """`chunks`, each made inside `given_encoding(name)`, which is not left set while the caller holds a chunk: a
    generator's `with` set it in its caller's context, and `brandpulse.read` of another file between two chunks of
    `iter_read(..., encoding="gb18030")` decoded that file as GB18030 ("café" as "caf茅")."""
    check_encoding(name)
    with closing(chunks):
        while True:
            with given_encoding(name):
                chunk = next(chunks, _END)
            if chunk is _END:
                return
            yield chunk


_END = object()


def encoding_given() -> str | None:
    """The encoding given (`given_encoding`), for work done where this context is not: dask's workers."""
    return _GIVEN.get()


def detect_encoding(data: bytes) -> str:
    """The encoding to decode `data` with: the one given (`given_encoding`), else BOM, else UTF-16 by its NUL
    pattern, else UTF-8 (with a cp1252 fallback for bytes that are not UTF-8; Mac Roman when lines end with CR
    alone, as Excel for Mac's "CSV (Macintosh)" writes them: its "é" is cp1252's "Ž")."""
    if given := _GIVEN.get():  # (not "utf-8": decoded with U+FFFD for what is not UTF-8, not passed on as is)
        if given in ("utf-16", "utf-32") and not any(data.startswith(b) for b, name in _BOMS if name == given):
            # (Python's decoder of them stops at a file without a BOM: "UTF-16 stream does not start with BOM", exit 1)
            width = 2 if given == "utf-16" else 4
            big = data[:4096:width].count(0) > data[width - 1 : 4096 : width].count(0)
            return f"{given}-{'be' if big else 'le'}"
        return "utf_8_sig" if given == "utf-8" else given
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) / 4 and even < len(head) / 40:
            return "utf-16-le"
        if even > len(head) / 4 and odd < len(head) / 40:
            return "utf-16-be"
        for name, mine, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if other * 2 < mine and _utf16_text(head, name):
                return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if cjk := _cjk_encoding(data):
            return cjk
        end = re.search(rb"\r\n?|\n", data[: 1 << 20])
        return "mac_roman" if end is not None and end.group() == b"\r" else "utf-8+cp1252"
    return "utf-8"


#: what no text holds: control characters but tab and line ends, lone surrogates, noncharacters
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _utf16_text(head: bytes, name: str) -> bool:
    """Whether `head`, whose NUL bytes are most on one side of its pairs, is text in UTF-16 (`name`) without a BOM:
    lines of text, nothing `_NOT_TEXT`. Chinese or Japanese posts in it have few ASCII characters, so few NULs (the
    share `detect_encoding` asks first): such a file was "not a text file (binary data)"."""
    text = codecs.getincrementaldecoder(name)(errors="surrogatepass").decode(head[: len(head) & ~1])
    return "\n" in text and _NOT_TEXT.search(text) is None


def _chars(start: str, end: str) -> frozenset[str]:
    return frozenset(map(chr, range(ord(start), ord(end) + 1)))


#: the encodings of exports not in UTF-8 from Japan (Excel's Shift_JIS, as cp932, and EUC-JP), Korea, China and Taiwan
_CJK = ("cp932", "euc_jp", "cp949", "gb18030", "cp950")
#: the letters Japanese, Korean and Chinese write most: kana, the commonest Hangul syllables and Chinese characters
#: (simplified and traditional). Bytes decoded in the wrong one of `_CJK` (or cp1252's "café" decoded in any) give few
#: of them, if they decode at all: other syllables and characters, half-width kana
_COMMON = (
    _chars("\u3041", "\u3096")
    | _chars("\u30a1", "\u30fa")
    | frozenset("ー이다는에을의가고지하서로요도기한어나사리은를게시자아대으인수있해니면만스정거안네")
    | frozenset("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能么没还过吗很好")
    | frozenset("這個們來為國說時會對麼沒還過嗎")
)


_WIDE = re.compile(rb"[\x80-\xff]")


def _wide_lines(data: bytes) -> bytes:
    """The first 64 KiB of the lines of `data`'s first MiB that hold a byte beyond ASCII."""
    head, size, at, top = [], 0, 0, data[: 1 << 20]
    while size < 1 << 16 and (wide := _WIDE.search(top, at)) is not None:
        start, end = top.rfind(b"\n", 0, wide.start()) + 1, top.find(b"\n", wide.start()) + 1
        if not end:  # (the last line: cut when the file goes on; no trail byte of `_CJK`'s is a line feed)
            end = len(top) if len(data) == len(top) else start
        head.append(top[start:end])
        size, at = size + end - start, max(end, wide.end())
    return b"".join(head)


def cjk_doubt(data: bytes) -> list[str]:
    """The CJK encodings (of `_CJK`) that `data`, read with cp1252 for its bytes that are not UTF-8, may be in after
    all: one decoding its lines beyond ASCII into CJK characters alone, where cp1252 reads four bytes beyond ASCII
    in a row (two of those characters: `达美航空`, read as "´ïÃÀº½¿Õ"; cp1252's words have one or two, "ações"):
    all those that decode it so."""
    head = _wide_lines(data)
    if re.search(rb"[\x80-\xff]{4}", head) is None:
        return []
    found = []
    for name in _CJK:
        try:
            wide = [c for c in head.decode(name) if c > "\x7f"]
        except UnicodeDecodeError:
            continue
        if all("\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3" or "\uff00" <= c <= "\uffef" for c in wide):
            found.append(name)
    return found


def _cjk_encoding(data: bytes) -> str | None:
    """The CJK encoding of bytes that are not UTF-8, when one decodes the first 64 KiB of their lines holding bytes
    beyond ASCII (in their first MiB) and at least a tenth of the characters beyond ASCII it gives are `_COMMON`'s
    (the most of them), else None: a Shift_JIS export was read as cp1252, "カイロ" as "ƒJƒCƒ", in no brand and
    "English"; and so was a file whose first 64 KiB held few of them, "达美航空的服务很好" as "´ïÃÀº½¿յķþÎñºܺÃ"."""
    head = _wide_lines(data)
    best, most = None, 0.1
    for name in _CJK:
        try:
            wide = [c for c in head.decode(name) if c > "\x7f"]
        except UnicodeDecodeError:
            continue
        share = sum(c in _COMMON for c in wide) / max(len(wide), 1)
        if share > most:
            best, most = name, share
    return best


#: the bytes other than control characters (but tab, line ends and form feeds): deleted, a block's control bytes stay
_NOT_CONTROL = bytes(sorted({*range(256)} - {*range(0x09), *range(0x0E, 0x20), 0x7F}))


def binary(data: bytes) -> bool:
    """Whether `data` (a file's first bytes) is not text: NUL bytes in its first block, which no text encoding
    but UTF-16 and UTF-32 writes, control bytes in more than 1% of it (8 at least), and bytes that are not UTF-8
    (a program, an image). Text with a NUL in a post (brandpulse's own CSV of a JSON post holding one) is still
    read, in UTF-8 or in cp1252 (a Windows export's was "not a text file")."""
    head = data[:4096]
    if b"\x00" not in head or detect_encoding(head).startswith(("utf-16", "utf-32")):
        return False
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls < 8 or controls * 100 <= len(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3  # (not a character the block's end cut in two)
    return False


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Never fails: bytes no encoding explains become U+FFFD."""
    encoding = detect_encoding(data)
    if encoding == "utf-8+cp1252":
        return utf8_or_cp1252(data), "utf-8 with cp1252 bytes"
    if encoding == "utf-8-sig":  # a BOM, and yet a byte that is not UTF-8: cp1252, as without the BOM
        return data.decode(encoding, errors="brandpulse-cp1252"), encoding
    return data.decode(encoding, errors="replace"), encoding


def made_no_fffd(data: bytes, text: str, encoding: str) -> bool:
    """Whether decoding `data` as `encoding` (with errors="replace") into `text` made no U+FFFD: the text holds as many
    as the bytes write (a file saved after an earlier step lost its bytes holds its own, which no encoding decodes)."""
    if "\ufffd" not in text:
        return True
    try:  # (its bytes without a BOM: those of a second one)
        one, two = "\ufffd".encode(encoding), ("\ufffd" * 2).encode(encoding)
    except (UnicodeError, LookupError):  # (Shift JIS writes none: each was made)
        return False
    return text.count("\ufffd") == data.count(two[len(one) :])
