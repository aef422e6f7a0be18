"""Loading every file format into the canonical schema, with rejects for what cannot be read."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from conftest import FIXTURES

import brandpulse
from brandpulse.cli import main
from brandpulse.errors import ConfigError, InputError
from brandpulse.sources import HELD_CHUNKS, Loaded, in_line_order, iter_read
from brandpulse.sources import files as csv_files
from brandpulse.sources.values import clean_ids, parse_counts, parse_timestamps

HEADER = "id,text,created_at,user,retweet_count\n"


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def combine_chunks(chunks: list[Loaded]) -> Loaded:
    return Loaded(
        pd.concat([c.posts for c in chunks], ignore_index=True),
        pd.concat([c.rejects for c in chunks], ignore_index=True),
        sum(c.rows_read for c in chunks),
        chunks[0].columns,
        chunks[0].note,
        chunks[0].dates,
    )


def read_in(path, chunksize: int | None, **options) -> Loaded:
    """The whole file at once (chunksize None), or its chunks put together."""
    return (
        brandpulse.read(path, **options)
        if chunksize is None
        else combine_chunks(list(iter_read(path, chunksize, **options)))
    )


def test_airline_csv_maps_columns_without_map():
    loaded = brandpulse.read(FIXTURES / "airline_tweets.csv")
    assert loaded.columns == {
        "post_id": "tweet_id",
        "created_at": "tweet_created",
        "author": "name",
        "text": "text",
        "reposts": "retweet_count",
    }
    posts = loaded.posts
    assert len(posts) == 11 and loaded.rows_read == 11 and loaded.rejects.empty
    assert posts["post_id"].iloc[0] == "570306133677760513"  # 18 digits, exact
    # 11:35:52 -0800 is 19:35:52 UTC
    assert posts["created_at"].iloc[0] == pd.Timestamp("2015-02-24 19:35:52", tz="UTC")
    assert posts["author"].iloc[1] == "jet_fan"
    assert posts["reposts"].iloc[8] == 5
    assert posts["text"].iloc[3] == "@united lost my bag again\nsecond time this month"  # embedded newline
    assert str(posts["created_at"].dtype) == "datetime64[ns, UTC]"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_detected(tmp_path, delimiter):
    rows = [["id", "text", "likes"], ["1", "hello, world; a|b", "3"], ["2", "second", "4"]]
    buf = io.StringIO()
    import csv

    csv.writer(buf, delimiter=delimiter).writerows(rows)
    path = write(tmp_path / "posts.txt", buf.getvalue())
    posts = brandpulse.load(path)
    assert posts["text"].tolist() == ["hello, world; a|b", "second"]
    assert posts["likes"].tolist() == [3, 4]


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize(
    "title, delimiter", [("Report: acme; brand mentions", ","), ("Mentions, week 3", ";"), ("Mentions; week 3", "\t")]
)
def test_a_title_line_split_by_another_delimiter_is_not_taken_for_the_header(tmp_path, chunksize, title, delimiter):
    """The delimiter was the one that split the first line it split: a title line holding a `;` above a
    comma header made every line one field, "no text column (columns: Report: acme, brand mentions)"."""
    rows = [["id", "text", "likes"], ["1", "Acme, good", "3"], ["2", "Acme", "x"]]
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    path = write(tmp_path / "p.csv", title + "\n" + "\n".join(lines) + "\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts[["post_id", "text", "likes"]].values.tolist() == [["1", "Acme, good", 3]]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [["line 4", "bad likes 'x'", lines[2]]]
    assert loaded.note.endswith("skipped 1 title line above the header")


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_excels_sep_line_names_the_delimiter_and_is_not_the_header(tmp_path, chunksize, bom):
    """`sep=;` above the header (Excel reads it; exports meant for Excel write it) was taken for the header
    when the real one names no known text column: `--map text=Kommentar` then found only `sep=`, `column_2`."""
    path = write(tmp_path / "p.csv", bom + "sep=;\r\nid;Kommentar;likes\r\n1;Acme, gut;3\r\n2;Acme;x\r\n")
    loaded = read_in(path, chunksize, mapping={"text": "Kommentar"})
    posts, rejects, note = loaded.posts, loaded.rejects, loaded.note
    assert posts[["post_id", "text", "likes"]].values.tolist() == [["1", "Acme, gut", 3]]
    assert rejects[["position", "reason", "record"]].values.tolist() == [["line 4", "bad likes 'x'", "2;Acme;x"]]
    assert note == ("utf-8-sig" if bom else "utf-8") + ", delimiter ';'"
    titled = write(tmp_path / "t.csv", bom + "sep=,\nMentions, last week\nid,text\n1,Acme\n")
    assert brandpulse.read(titled).note.endswith("skipped 1 title line above the header")  # (it said "1 title lines")


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_lines_ended_by_cr_alone_are_read_and_numbered(tmp_path, chunksize):
    """A file whose lines end with CR alone (classic Mac; Excel's "CSV (Macintosh)") read as 0 rows, exit 0:
    the header was skipped up to a line feed, and there was none."""
    path = write(tmp_path / "mac.csv", 'Mentions\rid,text,likes\r1,Acme,3\r2,"two\rlines",x\r3,Acme again,4\r')
    loaded = read_in(path, chunksize)
    rejects, posts, rows = loaded.rejects, loaded.posts, loaded.rows_read
    assert posts[["post_id", "text", "likes"]].values.tolist() == [["1", "Acme", 3], ["3", "Acme again", 4]]
    assert rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 4", "bad likes 'x'", '2,"two\nlines",x']
    ]
    assert rows == 3


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_lines_ended_by_cr_alone_with_a_line_feed_in_a_cell(tmp_path, chunksize):
    """Excel's "CSV (Macintosh)" ends rows with CR and breaks lines in a cell with LF: the LF made the file
    look like one of LF lines, and the header was skipped up to it, silently dropping the rows before."""
    path = write(tmp_path / "mac.csv", 'id,text\r1,Acme\r2,"two\nlines"\r3,"a \r\nb"\r4,Acme again\r')
    loaded = read_in(path, chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [
        ["1", "Acme"],
        ["2", "two\nlines"],
        ["3", "a \r\nb"],  # (one line end, as everywhere: a CRLF of another program among the CRs)
        ["4", "Acme again"],
    ]
    assert loaded.rows_read == 4 and loaded.rejects.empty


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_file_of_a_cr_line_then_crlf_lines_is_numbered_as_written(tmp_path, monkeypatch, chunksize, block):
    """A first line ended by CR alone made the file one of CR lines, each CR read as a line end: the CRLFs after
    it (a file edited in another program) were two line ends each, and rejects named lines twice too far on."""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    rows = ["Mentions\r", "id,text,likes\r\n", "1,Acme,3\r\n", '2,"two\r\nlines",x\r\n', "3,Acme,1,9\r\n", "4,ok,4\r\n"]
    loaded = read_in(write(tmp_path / "mixed.csv", "".join(rows) + "5,,1\r\n"), chunksize)
    assert loaded.posts[["post_id", "text", "likes"]].values.tolist() == [["1", "Acme", 3], ["4", "ok", 4]]
    # line 1 the title, 2 the header, 3 post 1, 4-5 post 2, 6 post 3, 7 post 4, 8 post 5
    assert sorted(loaded.rejects[["position", "reason", "record"]].values.tolist()) == [
        ["line 4", "bad likes 'x'", '2,"two\r\nlines",x'],
        ["line 6", "expected 3 fields, saw 4", "3,Acme,1,9"],
        ["line 8", "empty text", "5,,1"],
    ]
    assert loaded.rows_read == 5


@pytest.mark.parametrize("chunksize", [None, 1, 2, 4])
def test_rejects_are_in_the_files_line_order(tmp_path, chunksize):
    """Unreadable lines (a ragged row, the header again, a line that is no JSON) were listed before the rows with
    bad values, whatever their lines: an analyst fixing the file from the top of the rejects jumped about it."""
    rows = [
        "id,text,created_at,likes",  # line 1
        "1,Acme,2026-01-02,3",
        "2,Acme,yesterday-ish,1",  # line 3: bad time
        "3,Acme,2026-01-02,1,extra",  # line 4: ragged
        "4,Acme,2026-01-02,lots",  # line 5: bad count
        "id,text,created_at,likes",  # line 6: the header again
        "7,,2026-01-02,1",  # line 7: empty text
        "8,Acme,2026-01-02,2",
    ]
    loaded = read_in(write(tmp_path / "mixed.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.rejects["position"].tolist() == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert loaded.rejects["reason"].tolist() == [
        "bad created_at 'yesterday-ish'",
        "expected 4 fields, saw 5",
        "bad likes 'lots'",
        "the header again (files joined together?)",
        "empty text",
    ]
    lines = [
        '{"id": 1, "text": "Acme", "likes": "many"}',  # line 1: bad count
        "5",  # line 2: not an object
        '{"id": 3, "text": "Acme"',  # line 3: no JSON
        '{"id": 4, "text": ""}',  # line 4: empty text
        "[1, 2",  # line 5: no JSON
        '{"id": 6, "text": "Acme"}',
    ]
    loaded = read_in(write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n"), chunksize)
    assert loaded.rejects["position"].tolist() == ["line 1", "line 2", "line 3", "line 4", "line 5"]
    assert [r.split(":")[0] for r in loaded.rejects["reason"]] == [
        "bad likes 'many'",
        "not an object",
        "invalid JSON",
        "empty text",
        "invalid JSON",
    ]


def test_rejects_of_later_lines_sort_by_number_not_text(tmp_path):
    """`line 10` after `line 9` (and an item after its line), as numbers, within each file of an archive."""
    text = "id,text,likes\n" + "".join(f"{i},Acme,{i}\n" for i in range(1, 8)) + "8,Acme,x\n9,Acme,1,1\n"
    loaded = brandpulse.read(write(tmp_path / "ten.csv", text))
    assert loaded.rejects["position"].tolist() == ["line 9", "line 10"]
    frame = pd.DataFrame(
        {
            "source": ["b.csv", "b.csv", "a.csv", "a.csv", "b.csv"],
            "position": ["line 10", "line 9 item 2", "line 3", "line 2", "line 9"],
        }
    )
    assert in_line_order(frame).values.tolist() == [
        ["b.csv", "line 9"],
        ["b.csv", "line 9 item 2"],
        ["b.csv", "line 10"],
        ["a.csv", "line 2"],
        ["a.csv", "line 3"],
    ]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_a_header_again_in_the_file_is_rejected_not_read_as_a_post(tmp_path, chunksize):
    """`cat monday.csv tuesday.csv`: the second header (after its BOM) was read as a post whose text is "text"."""
    day = "\ufeffid,text,likes\r\n{0},Acme {0},{0}\r\n"
    path = write(tmp_path / "week.csv", day.format(1) + day.format(2) + day.format(3))
    loaded = read_in(path, chunksize)
    rejects, posts, rows = loaded.rejects, loaded.posts, loaded.rows_read
    assert posts["text"].tolist() == ["Acme 1", "Acme 2", "Acme 3"]
    assert rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "the header again (files joined together?)", "id,text,likes"],
        ["line 5", "the header again (files joined together?)", "id,text,likes"],
    ]
    assert rows == 5


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_header_again_in_another_letter_case_is_rejected_too(tmp_path, chunksize):
    """`ID,Text` after `id,text` (another export's header) was read as a post whose text is "Text"; a one-column
    file's post "Text" is still a post (only its exact header, `text`, is the header again)."""
    path = write(tmp_path / "both.csv", "id,text\n1,Acme one\nID,Text\n2,Acme two\n\ufeffId,TEXT\n3,Acme three\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == ["Acme one", "Acme two", "Acme three"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "the header again (files joined together?)", "ID,Text"],
        ["line 5", "the header again (files joined together?)", "Id,TEXT"],
    ]
    one = read_in(write(tmp_path / "one.csv", "text\nAcme one\nText\ntext\n"), chunksize)
    assert one.posts["text"].tolist() == ["Acme one", "Text"]
    assert one.rejects["position"].tolist() == ["line 4"]


@pytest.mark.parametrize(
    "encoding, name",
    [("utf-8", "plain"), ("utf-8-sig", "bom"), ("utf-16", "excel unicode text"), ("cp1252", "windows")],
)
def test_csv_encodings(tmp_path, encoding, name):
    text = "id\ttext\n1\tCafé crème for Müller — “quoted”\n"
    path = write(tmp_path / "posts.csv", text, encoding)
    posts = brandpulse.load(path)
    assert posts["post_id"].tolist() == ["1"], name  # no BOM glued to the first column name
    assert posts["text"].tolist() == ["Café crème for Müller — “quoted”"], name


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("chunksize", [None, 1])
def test_mixed_utf8_and_cp1252_bytes_keep_both(tmp_path, bom, chunksize):
    """With Excel's BOM in front, the cp1252 bytes became U+FFFD: `déjà vu` was read as `d�j� vu`."""
    data = bom + "id,text\n1,naïve café\n".encode() + "2,déjà vu\n".encode("cp1252")
    (tmp_path / "m.csv").write_bytes(data)
    if chunksize is None:
        posts = brandpulse.load(tmp_path / "m.csv")
    else:
        posts = pd.concat([c.posts for c in iter_read(tmp_path / "m.csv", chunksize)])
    assert posts["text"].tolist() == ["naïve café", "déjà vu"]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_cp1252_pair_that_is_utf8_by_chance_is_cp1252(tmp_path, chunksize):
    """In a cp1252 export, a capital letter and a quote are two bytes UTF-8 reads as one letter of another script:
    `«CAFÉ»` was read `«CAFɻ` and `JOSÉ’s` `JOSɒs` (the file's other bytes, not UTF-8, were cp1252's). Such a pair,
    alone, is cp1252's now; a word in another script in a UTF-8 row, and `Ã©` (é read wrong once already), are
    UTF-8's."""
    rows = ["Le café est bon", "«CAFÉ» fermé", "JOSÉ’s crêpes", "FRANÇOIS «JOSÉ»"]
    data = ("id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(rows))).encode("cp1252")
    data += "7,Привет naïve\n8,Ã©\n".encode()
    (tmp_path / "m.csv").write_bytes(data)
    if chunksize is None:
        posts = brandpulse.load(tmp_path / "m.csv")
    else:
        posts = pd.concat([c.posts for c in iter_read(tmp_path / "m.csv", chunksize)])
    want = [*rows, "Привет naïve", "Ã©"]
    assert posts["text"].tolist() == want
    json = "[" + ", ".join(f'{{"text": "{t}"}}' for t in rows) + "]"
    (tmp_path / "m.json").write_bytes(json.encode("cp1252"))
    assert brandpulse.load(tmp_path / "m.json")["text"].tolist() == rows
    (tmp_path / "e.csv").write_bytes("text\ncafé\nÃ©\n".encode("cp1252"))
    assert brandpulse.load(tmp_path / "e.csv")["text"].tolist() == ["café", "é"]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_utf8_letters_alone_stay_utf8_in_a_file_with_cp1252_bytes(tmp_path, chunksize):
    """A UTF-8 file with one cp1252 byte read every letter of Greek to Arabic alone between ASCII as two of cp1252:
    Russian `и` (a word) was `Ð¸`, `the π symbol` `the Ï€ symbol`, Vietnamese `cơm` `cÆ¡m`. Only a pair after an
    ASCII capital, where a cp1252 word in capitals ends (`«CAFÉ»`), is cp1252's."""
    utf8 = ["Я люблю кофе и чай", "the π symbol", "Ω resistor", "Ukrainian є", "cơm ngon, cảm ơn", "TƯ VẤN"]
    utf8 += ["/ˈkæt/ ə", "قهوة و شاي", "ο καφές"]
    data = (
        "id,text\n0,«CAFÉ» fermé\n".encode("cp1252") + "".join(f'{i},"{t}"\n' for i, t in enumerate(utf8, 1)).encode()
    )
    (tmp_path / "m.csv").write_bytes(data)
    if chunksize is None:
        posts = brandpulse.load(tmp_path / "m.csv")
    else:
        posts = pd.concat([c.posts for c in iter_read(tmp_path / "m.csv", chunksize)])
    assert posts["text"].tolist() == ["«CAFÉ» fermé", *utf8]
    (tmp_path / "m.json").write_bytes(
        b'[{"text": "\xabCAF\xc9\xbb"}, ' + ", ".join(f'{{"text": "{t}"}}' for t in utf8).encode() + b"]"
    )
    assert brandpulse.load(tmp_path / "m.json")["text"].tolist() == ["«CAFÉ»", *utf8]


def test_a_cp1252_pair_at_a_block_start_is_cp1252():
    """The capital before the pair is the last byte of the block before: `«CAF` `É» é x` is `«CAFÉ» é x`."""
    first, second = "é «CAF".encode("cp1252"), "É» é x".encode("cp1252")
    stream = csv_files.Utf8Stream(io.BytesIO(first + second), "utf-8+cp1252", block=len(first))
    assert stream.read().decode() == "é «CAFÉ» é x"


def test_a_byte_cp1252_leaves_undefined_is_kept_as_latin_1():
    """0x81 has no cp1252 character: beside another stray byte it was dropped ("â\x81x" read "âx")."""
    from brandpulse.sources.text import decode

    assert decode("naïve ".encode() + b"\xe2\x81x \x80")[0] == "naïve â\x81x €"


def test_json_with_a_bom_and_cp1252_bytes(tmp_path):
    data = b"\xef\xbb\xbf" + '[{"text": "naïve"}, '.encode() + '{"text": "déjà vu"}]'.encode("cp1252")
    (tmp_path / "m.json").write_bytes(data)
    assert brandpulse.load(tmp_path / "m.json")["text"].tolist() == ["naïve", "déjà vu"]


def test_json_with_two_boms_reads_as_with_one(tmp_path):
    """A second BOM (a tool that adds one to a file that had one) was `not valid JSON: Expecting value`, exit 4."""
    bom = b"\xef\xbb\xbf"
    (tmp_path / "two.json").write_bytes(bom + bom + b'[{"id": 1, "text": "Acme ok"}]')
    assert brandpulse.load(tmp_path / "two.json")["text"].tolist() == ["Acme ok"]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_json_array_cut_off_keeps_the_posts_before_the_cut(tmp_path, chunksize):
    """A .json array cut short (a full disk, an export killed) was one error for the file, exit 4: the whole
    items are posts, the cut one a reject with its line."""
    text = '[\n  {"id": 1, "text": "Acme one"},\n  {"id": 2, "text": "Acme, two"},\n  {"id": 3, "te'
    loaded = read_in(write(tmp_path / "cut.json", text), chunksize)
    assert loaded.posts["text"].tolist() == ["Acme one", "Acme, two"]
    reason = "the file ends inside this item of the JSON array (line 4): cut off (a full disk, an export stopped?)"
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [["item 3", reason, '{"id": 3, "te']]
    assert loaded.rows_read == 3
    after = read_in(write(tmp_path / "comma.json", '[{"id": 1, "text": "Acme one"},\n'), chunksize)
    assert after.posts["text"].tolist() == ["Acme one"]
    assert after.rejects["position"].tolist() == ["item 2"]
    assert after.rejects["reason"].str.startswith("the file ends before the JSON array's `]` (line 2)").all()


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_json_array_cut_off_inside_an_object_keeps_the_posts_before_the_cut(tmp_path, chunksize):
    """A platform page cut short (`{"data": [{...}, {...}, {"id": `) was `not valid JSON: Expecting value`, exit 4,
    where the same array at the top kept its whole items: now the same, the reason naming the array's keys."""
    text = '{"meta": {"count": 3},\n "data": [\n  {"id": 1, "text": "Acme one"},\n'
    text += '  {"id": 2, "text": "Acme two"},\n  {"id": '
    path = write(tmp_path / "page.json", text)
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == ["Acme one", "Acme two"]
    reason = (
        "the file ends inside this item of the JSON array `data` (line 5): cut off (a full disk, an export stopped?)"
    )
    assert loaded.rejects[["source", "position", "reason", "record"]].values.tolist() == [
        [str(path), "item 3", reason, '{"id": ']
    ]
    assert loaded.rows_read == 3
    # a Reddit listing's `data.children`, cut after a comma: the whole items kept, the cut named before `]`
    listing = '{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "a1", "title": "Acme"}},\n'
    after = read_in(write(tmp_path / "listing.json", listing), chunksize)
    assert after.posts["post_id"].tolist() == ["t3_a1"]
    assert after.rejects["position"].tolist() == ["item 2"]
    assert (
        after.rejects["reason"]
        .str.startswith("the file ends before the JSON array `data.children`'s `]` (line 2)")
        .all()
    )


def test_a_json_file_cut_in_a_list_beside_its_posts_is_refused_saying_where(tmp_path):
    """Cut in an X page's `includes.users` (the posts' authors), the posts are whole but what is lost is not a post:
    one error for the file, naming the list and its line, not `not valid JSON: Expecting value`."""
    text = (
        '{"data": [{"id": "1", "text": "Acme one", "author_id": "u1"}],\n "includes": {"users": [{"id": "u1"}, {"id": '
    )
    with pytest.raises(InputError) as caught:
        brandpulse.read(write(tmp_path / "x.json", text))
    assert str(caught.value) == (
        f"{tmp_path / 'x.json'}: the file ends inside this item of the JSON array `includes.users` (line 2): cut off "
        "(a full disk, an export stopped?); a list beside the posts, so what it held is lost: the file is refused"
    )


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": 1, "text": "a"} {"id": 2, "text": "b"}]',  # a missing comma
        '[{"id": 1, "text": "a}, {"id": 2, "text": "b"}]',  # a missing quote, closed by the next one
        '[{"id": 1, "text": "a"}, {"id": 2, "text": b}, {"id": 3',  # broken mid-file, then cut
        '{"data": [{"id": 1, "text": "a"}, {"id": 2, "text": b}, {"id": 3',  # in an object, broken, then cut
    ],
)
def test_json_broken_before_its_end_is_still_one_error(tmp_path, text):
    with pytest.raises(InputError, match="not valid JSON"):
        brandpulse.read(write(tmp_path / "bad.json", text))


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("name", ["pad.csv", "pad.jsonl", "pad.json"])
def test_nul_padding_is_dropped_and_counted_in_every_text_format(tmp_path, name, chunksize):
    """A disk's NUL padding after a crash: a CSV dropped it without a word, JSON Lines rejected its line as invalid
    JSON, a .json file was not valid JSON (exit 4). Now each drops it and its warning says how many, and from which
    line (since stop 56: after the CSV's 3 lines and the JSON Lines' 2 the padding is line 4 and 3; the JSON array
    ends its line 1 with `\n`, so line 2)."""
    posts = {
        "pad.csv": "id,text\n1,Acme one\n2,Acme two\n",
        "pad.jsonl": '{"id": 1, "text": "Acme one"}\n{"id": 2, "text": "Acme two"}\n',
        "pad.json": '[{"id": 1, "text": "Acme one"}, {"id": 2, "text": "Acme two"}]\n',
    }[name]
    loaded = read_in(write(tmp_path / name, posts + "\x00" * 5), chunksize)
    assert loaded.posts["text"].tolist() == ["Acme one", "Acme two"]
    assert loaded.rejects.empty and loaded.rows_read == 2
    line = {"pad.csv": 4, "pad.jsonl": 3, "pad.json": 2}[name]
    assert loaded.warning == (
        f"5 NUL bytes dropped, the first on line {line} (a disk's padding after a crash? the file may be cut)"
    )


def test_ragged_rows_are_rejected_with_physical_line(tmp_path):
    path = write(
        tmp_path / "r.csv",
        HEADER + '1,"two\nlines",2020-01-01,a,0\n2,too,2020-01-01,b,0,extra\n3,fine,2020-01-01,c,1\n4,short\n',
    )
    loaded = brandpulse.read(path)
    assert loaded.posts["post_id"].tolist() == ["1", "3"]
    assert loaded.rows_read == 4
    assert loaded.rejects["position"].tolist() == ["line 4", "line 6"]
    assert loaded.rejects["reason"].tolist() == ["expected 5 fields, saw 6", "expected 5 fields, saw 2"]
    assert loaded.rejects["source"].iloc[0] == str(path)


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_blank_lines_are_no_records_but_the_lines_after_them_keep_their_numbers(tmp_path, chunksize):
    """Blank lines (and lines of spaces) were skipped without being counted as lines, so every reject
    after them named a line above its own: here lines 3 and 4 instead of 6 and 7."""
    path = write(
        tmp_path / "b.csv", "id,text,likes\r\n1,Acme,1\r\n\r\n   \r\n\r\n2,Acme,x\r\n3,Acme,1,9\r\n4,Acme,2\r\n\r\n"
    )
    loaded = read_in(path, chunksize)
    rejects, posts, rows = loaded.rejects, loaded.posts, loaded.rows_read
    assert rejects.sort_values("position")[["position", "reason"]].values.tolist() == [
        ["line 6", "bad likes 'x'"],
        ["line 7", "expected 3 fields, saw 4"],
    ]
    assert posts["post_id"].tolist() == ["1", "4"]
    assert rows == 4  # blank lines are no records (as in JSON Lines)


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_blank_fields_past_the_header_are_a_spreadsheets_trailing_commas_not_rejects(tmp_path, chunksize):
    """A spreadsheet saves `1,text,3,` (a cell once used right of the data): every such row was rejected as
    "expected 3 fields, saw 4". Blank extra fields are read as the record; one with a value still is not."""
    path = write(
        tmp_path / "t.csv",
        'id,text,likes\r\n1,"two\r\nlines",3,\r\n,,,,\r\n2,Acme,x, ,\r\n3,Acme,1\r\n4,Acme,2,,z\r\n5,"a,b",6,""\r\n',
    )
    loaded = read_in(path, chunksize)
    rejects, posts, rows = loaded.rejects, loaded.posts, loaded.rows_read
    assert posts[["post_id", "text", "likes"]].values.tolist() == [
        ["1", "two\r\nlines", 3],
        ["3", "Acme", 1],
        ["5", "a,b", 6],
    ]
    assert rejects.sort_values("position")[["position", "reason", "record"]].values.tolist() == [
        ["line 5", "bad likes 'x'", "2,Acme,x"],
        ["line 7", "expected 3 fields, saw 5", "4,Acme,2,,z"],
    ]
    assert rows == 5  # the row of empty cells (line 4) is no record, as below a spreadsheet's data


def test_a_one_column_file_says_field_not_fields(tmp_path):
    loaded = brandpulse.read(write(tmp_path / "one.csv", 'text\nhello\n"a","b"\n'))
    assert loaded.rejects["reason"].tolist() == ["expected 1 field, saw 2: quote a text holding commas"]


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_one_column_files_split_texts_say_to_quote_them(tmp_path, chunksize):
    """A list of texts with unquoted commas rejected them as "expected 1 field, saw 2", leaving the user to guess
    why; the reason says to quote them (a file of more columns is not told so: its fields may be short)."""
    one = write(tmp_path / "one.csv", 'text\nAcme is great\nAcme, sadly, broke\n"Acme, quoted"\nfine\n')
    loaded = read_in(one, chunksize)
    assert loaded.posts["text"].tolist() == ["Acme is great", "Acme, quoted", "fine"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "expected 1 field, saw 3: quote a text holding commas", "Acme, sadly, broke"]
    ]
    tabs = read_in(write(tmp_path / "one.tsv", "text\nAcme\tbroke\n"), chunksize)
    assert tabs.rejects["reason"].tolist() == ["expected 1 field, saw 2: quote a text holding tabs"]
    two = read_in(write(tmp_path / "two.csv", "id,text\n1,Acme, sadly\n"), chunksize)
    assert two.rejects["reason"].tolist() == ["expected 2 fields, saw 3"]


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_one_column_file_of_texts_holding_semicolons_or_tabs_keeps_them(tmp_path, chunksize):
    """The delimiter was told by the first line some delimiter splits, below a header of one column `text`:
    `ok; fine` made it `;`, and the texts holding one (as Excel leaves them, unquoted) were rejected, "expected 1
    field, saw 2: quote a text holding semicolons"."""
    one = write(tmp_path / "one.csv", 'text\nok; fine\n"Acme; late, again"\nAcme\tbroke; sadly\nfine\n')
    loaded = read_in(one, chunksize)
    assert loaded.posts["text"].tolist() == ["ok; fine", "Acme; late, again", "Acme\tbroke; sadly", "fine"]
    assert loaded.rejects.empty and "delimiter" not in loaded.note


@pytest.mark.parametrize("chunksize", [None, 2, 4])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_quote_left_open_to_the_end_is_rejected_and_the_lines_after_it_read(tmp_path, monkeypatch, chunksize, block):
    """pyarrow reads the rest of the file into a last field whose quote never closes: posts 3 to 5 vanished into
    post 2's text, and the one reject held them all ("runs to the end of the file"). When the lines after the
    quote's read as records of the header's fields, the quote's line alone is rejected and they are read."""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    rows = ["id,text", '1,"a closed\nquote"', '2,"open quote'] + [f"{i},post {i}" for i in range(3, 6)]
    path = write(tmp_path / "q.csv", "\n".join(rows) + "\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [
        ["1", "a closed\nquote"],
        ["3", "post 3"],
        ["4", "post 4"],
        ["5", "post 5"],
    ]
    assert loaded.rows_read == 5
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 4", "unclosed quote on line 4: no quote closes it (lines 5-7 read again)", '2,"open quote']
    ]
    # the quote in a record over lines (a closed field before it): the record as far as the quote's line
    rows = ["id,text,n", '1,"two\nlines","open', "3,post 3,5", "4,post 4,6"]
    loaded = read_in(write(tmp_path / "two.csv", "\r\n".join(rows) + "\r\n"), chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [["3", "post 3"], ["4", "post 4"]]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 2", "unclosed quote on line 3: no quote closes it (lines 4-5 read again)", '1,"two\nlines","open']
    ]
    # a post over lines whose closing quote was lost at the very end: its lines are no records, the record as read
    rows = ["id,text", "1,one", '2,"a post', "over lines, and", "more"]
    loaded = read_in(write(tmp_path / "post.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts["post_id"].tolist() == ["1"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "unclosed quote: this record runs to the end of the file (3 lines)", "\n".join(rows[2:]) + "\n"]
    ]
    # ... also when some of them split into the header's fields (a line of one field among them)
    rows = ["id,text", "1,one", '2,"open', "3,three", "four", "5,five"]
    loaded = read_in(write(tmp_path / "some.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts["post_id"].tolist() == ["1"]
    assert loaded.rejects["reason"].tolist() == ["unclosed quote: this record runs to the end of the file (4 lines)"]
    assert loaded.rejects["record"].iloc[0].startswith('2,"open\n3,three\nfour\n')  # as in the file, quote and all
    # ... and in a file of one column, whose every line reads as a record
    loaded = read_in(write(tmp_path / "one.csv", 'text\none\n"a post\nover lines\n'), chunksize)
    assert loaded.posts["text"].tolist() == ["one"]
    assert loaded.rejects["reason"].tolist() == ["unclosed quote: this record runs to the end of the file (2 lines)"]
    # a last field quoted over two lines and closed is a post like any other
    closed = write(tmp_path / "c.csv", 'id,text\n1,one\n2,"two\nlines"\n\n')
    assert brandpulse.read(closed).posts["text"].tolist() == ["one", "two\nlines"]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_a_quote_left_open_in_the_last_records_middle_field_names_the_quote(tmp_path, chunksize):
    """A quote left open before the last field: the record had its field count as reason ("expected 3
    fields, saw 2"), which did not say that the lines after it were in it."""
    rows = ["id,text,likes", "1,one,3", '2,"open, ""quoted"" quote,4', "3,post 3,5", "4,post 4"]
    loaded = read_in(write(tmp_path / "q.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts["post_id"].tolist() == ["1"]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["line 3", "unclosed quote: this record runs to the end of the file (3 lines)"]
    ]
    assert loaded.rejects["record"].iloc[0].rstrip("\n") == "\n".join(rows[2:])
    # the lines after it records of the header's 3 fields: read, the quote's line rejected
    rows[-1] = "4,post 4,6"
    loaded = read_in(write(tmp_path / "q3.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts["post_id"].tolist() == ["1", "3", "4"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "unclosed quote on line 3: no quote closes it (lines 4-5 read again)", rows[2]]
    ]
    # on one line, the last: one line, not "1 lines"
    one = read_in(write(tmp_path / "one.csv", 'id,text\n1,one\n2,"open'), chunksize)
    assert one.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "unclosed quote: this record runs to the end of the file (1 line)", '2,"open']
    ]
    # the file ends after a quote doubled inside the field (`""hi""`): still open, though its last byte is a quote
    cut = read_in(write(tmp_path / "cut.csv", 'id,text\n1,one\n2,"say ""hi""'), chunksize)
    assert cut.rejects[["reason", "record"]].values.tolist() == [
        ["unclosed quote: this record runs to the end of the file (1 line)", '2,"say ""hi""']
    ]
    whole = read_in(write(tmp_path / "whole.csv", 'id,text\n1,one\n2,"say ""hi"""'), chunksize)
    assert (whole.posts["text"].tolist(), len(whole.rejects)) == (["one", 'say "hi"'], 0)
    # a quote that closed (`""` then text, read as `hello` in any other line) is no quote left open
    closed = read_in(write(tmp_path / "closed.csv", 'id,text\n1,one\n2,""hello'), chunksize)
    assert (closed.posts["text"].tolist(), len(closed.rejects)) == (["one", "hello"], 0)
    # a last field of a line break alone, closed: its quote and line end (`"\n`) are no quote left open
    nl = read_in(write(tmp_path / "nl.csv", 'id,text,notes\n1,one,x\n2,two,"\n"\n'), chunksize)
    assert (nl.posts["text"].tolist(), len(nl.rejects)) == (["one", "two"], 0)
    # the rest of a large file in it: longer than the csv module's field limit (131,072 characters)
    rows += [f"{i},post {i} {'x' * 100},{i}" for i in range(5, 1500)]
    long = read_in(write(tmp_path / "long.csv", "\n".join(rows) + "\n"), chunksize)
    assert long.rejects["reason"].tolist() == ["unclosed quote on line 3: no quote closes it (lines 4-1500 read again)"]
    assert len(long.posts) == 1498
    # ... also with one line of another field count among them (all were lost in the one reject): rejected alone
    long = read_in(write(tmp_path / "long.csv", "\n".join([*rows[:600], "no post", *rows[600:]]) + "\n"), chunksize)
    assert long.rejects[["position", "reason"]].values.tolist() == [
        ["line 3", "unclosed quote on line 3: no quote closes it (lines 4-1501 read again)"],
        ["line 601", "expected 3 fields, saw 1"],
    ]
    assert len(long.posts) == 1498 and long.posts["post_id"].iloc[-1] == "1499"
    # ... but not with more than one in 100 records: the rest of the file one record, as read
    few = read_in(write(tmp_path / "few.csv", "\n".join([*rows[:60], "no post", "more"]) + "\n"), chunksize)
    assert few.rejects["reason"].tolist() == ["unclosed quote: this record runs to the end of the file (60 lines)"]
    # a short last record whose quotes close keeps its field count as reason
    short = read_in(write(tmp_path / "s.csv", 'id,text,likes\n1,one,3\n2,"two\nlines"\n'), chunksize)
    assert short.rejects["reason"].tolist() == ["expected 3 fields, saw 2"]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_second_quote_left_open_is_a_reject_of_its_own(tmp_path, monkeypatch, chunksize, block):
    """Two quotes left open: pyarrow took the second (`4,"open two,6`) for the closing quote of the first, and the
    one reject ("lines 3-5 read as one") held post 3 too, never read or counted. The first quote's line is rejected,
    the lines after it read again, and the second quote's line is a reject of its own, with its line; so is a third."""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    rows = ["id,text,likes", "1,one,3", '2,"open one,4', "3,post 3,5", '4,"open two,6', "5,post 5,7"]
    rows += ['6,"open three,8', "7,post 7,9", "8,post 8,1"]
    loaded = read_in(write(tmp_path / "two.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [
        ["1", "one"],
        ["3", "post 3"],
        ["5", "post 5"],
        ["7", "post 7"],
        ["8", "post 8"],
    ]
    assert loaded.rows_read == 8
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "unclosed quote: a quote on line 5 closed it mid-field (lines 4-5 read again)", rows[2]],
        [
            "line 5",
            "unclosed quote on line 5: no quote on its line closes it (the lines after it read as records)",
            rows[4],
        ],
        ["line 7", "unclosed quote on line 7: no quote closes it (lines 8-9 read again)", rows[6]],
    ]


@pytest.mark.parametrize("chunksize", [None, 1, 2, 3])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_quote_left_open_mid_file_is_rejected_and_the_lines_after_it_read(tmp_path, monkeypatch, chunksize, block):
    """pyarrow takes a quote followed by text as closing a quoted field: `1,"Acme rocks,3` read on to the
    quote opening `3,"Acme great day",5`, and post 1's text held posts 2 and 3, with nothing rejected.
    (`block`: the stream's blocks, 5 bytes: the lines looked up run across blocks.)"""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    rows = ["id,text,likes", '1,"Acme rocks,3', "2,Acme ok,4", '3,"Acme great day",5', "4,four,6"]
    loaded = read_in(write(tmp_path / "mid.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts[["post_id", "text", "likes"]].values.tolist() == [
        ["2", "Acme ok", 4],
        ["3", "Acme great day", 5],
        ["4", "four", 6],
    ]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 2", "unclosed quote: a quote on line 4 closed it mid-field (lines 3-4 read again)", '1,"Acme rocks,3']
    ]
    # the same record of too many fields (the next post's quoted text holds a comma) was rejected as "expected 3
    # fields, saw 4", the next line's post 2 inside it: that post was lost, and nothing named the quote
    rows = ["id,text,likes", "0,zero,1", '1,"Acme rocks,3', '2,"Acme late, again",4', "3,three,5"]
    loaded = read_in(write(tmp_path / "wide.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts[["post_id", "text", "likes"]].values.tolist() == [
        ["0", "zero", 1],
        ["2", "Acme late, again", 4],
        ["3", "three", 5],
    ]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 3", "unclosed quote: a quote on line 4 closed it mid-field (line 4 read again)", '1,"Acme rocks,3']
    ]
    assert loaded.rows_read == 4
    # the lines after it that cannot be read on their own either (`"x"y`): the record as pyarrow read it
    rows = ["id,text,likes", "0,zero,1", '1,"Acme\r\nrocks,3', '2,"x"y,4', "3,three,5"]
    loaded = read_in(write(tmp_path / "xy.csv", "\r\n".join(rows) + "\r\n"), chunksize)
    assert loaded.posts["post_id"].tolist() == ["0", "3"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        [
            "line 3",
            "quote closed mid-field on line 5 (a quote left open?): lines 3-5 read as one",
            '1,"Acme\r\nrocks,3\r\n2,"x"y,4',
        ]
    ]
    # quoted fields over lines that close as they should (doubled quotes, CRLF, the last field) are read as before
    rows = ["id,text,likes", '1,"say\n""hi""\n""",3', '2,"a\r\nb ""c""",4', '3,"x\n",5', '4,"""\n""",6']
    loaded = read_in(write(tmp_path / "ok.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [
        ["1", 'say\n"hi"\n"'],
        ["2", 'a\r\nb "c"'],
        ["3", "x\n"],
        ["4", '"\n"'],
    ]
    assert loaded.rejects.empty
    # spaces after the closing quote, read into the value as before (`"a\nb" ,5` is `a\nb `), close it too
    rows = ["id,text,likes", '1,"a\nb" ,5', '2,"c \nd " \t,6', "3,e,7"]
    loaded = read_in(write(tmp_path / "sp.csv", "\n".join(rows) + "\n"), chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [["1", "a\nb "], ["2", "c \nd  \t"], ["3", "e"]]
    assert loaded.rejects.empty
    # a CR alone ends a line, for pyarrow and the lines counted alike: quotes that close are no rejects after it
    cr = write(tmp_path / "cr.csv", 'id,text,n\n0,a,1\r1,b,2\n3,"x\ny",4\n5,"z\nw ""q""",6\n')
    loaded = read_in(cr, chunksize)
    assert (loaded.posts["text"].tolist(), len(loaded.rejects)) == (["a", "b", "x\ny", 'z\nw "q"'], 0)


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_cr_alone_is_a_line_end_for_line_numbers_and_the_quote_check(tmp_path, monkeypatch, chunksize, block):
    """A CR alone ends a line, as for pyarrow, pandas and spreadsheets: after one outside quotes, a quote left
    open was read on to a later quote (the check was off for the rest of the file), and one in a quoted field
    put the line numbers after it one line back. (`block` 5: CRLFs and the lines looked up cut by the blocks.)"""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    # line 2 `0,a`, line 3 `,1`, line 4 the open quote, lines 5 and 6 posts 2 and 3
    path = write(tmp_path / "cr.csv", 'id,text,likes\n0,a\r,1\n1,"Acme rocks,3\n2,Acme ok,4\n3,"Acme great day",5\n')
    loaded = read_in(path, chunksize)
    assert loaded.posts[["post_id", "text", "likes"]].values.tolist() == [
        ["2", "Acme ok", 4],
        ["3", "Acme great day", 5],
    ]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["line 2", "expected 3 fields, saw 2", "0,a"],
        ["line 3", "expected 3 fields, saw 2", ",1"],
        ["line 4", "unclosed quote: a quote on line 6 closed it mid-field (lines 5-6 read again)", '1,"Acme rocks,3'],
    ]
    # a CR alone in a quoted field, of a post or of the header (`--map text=`), is a line too; CRLF one line
    rows = 'id,"te\rxt",likes\r\n1,"a\rb",2\r\n2,"c\r\nd",3\r\n3,"open,4\r\n4,ok,5\r\n5,"closed",6\r\n6,x,y\r\n'
    loaded = read_in(write(tmp_path / "q.csv", rows), chunksize, mapping={"text": "te\rxt"})
    assert loaded.posts[["post_id", "text"]].values.tolist() == [
        ["1", "a\rb"],
        ["2", "c\r\nd"],
        ["4", "ok"],
        ["5", "closed"],
    ]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["line 7", "unclosed quote: a quote on line 9 closed it mid-field (lines 8-9 read again)"],
        ["line 10", "bad likes 'y'"],
    ]
    # a header of LF and rows of CR alone (a header written by another program); a last quote left open
    rows = 'id,text,likes\n1,"Acme rocks,3\r2,Acme ok,4\r3,"Acme great day",5\r4,x,y\r5,"open\rto the end\r'
    loaded = read_in(write(tmp_path / "mixed.csv", rows), chunksize)
    assert loaded.posts["post_id"].tolist() == ["2", "3"]
    assert sorted(loaded.rejects[["position", "reason"]].values.tolist()) == [
        ["line 2", "unclosed quote: a quote on line 4 closed it mid-field (lines 3-4 read again)"],
        ["line 5", "bad likes 'y'"],
        ["line 6", "unclosed quote: this record runs to the end of the file (2 lines)"],  # (lines 6-7)
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_a_record_read_again_keeps_the_files_line_ends(tmp_path, monkeypatch, chunksize, block):
    """A reject built from the lines read again after a quote closed mid-field had LF where the file's line
    ended with a CR alone (its line numbers were right): it keeps the file's bytes, CR, CRLF or LF."""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    for end, cr_lines in (("\r", False), ("\r\n", False), ("\r", True)):
        head = "id,text,likes" + (end if cr_lines else "\n")
        rows = f'1,"Acme rocks,3{end}2,"fine"x,4{end}3,"Acme great day",5{end}4,ok,6{end}'
        loaded = read_in(write(tmp_path / "cr.csv", head + rows), chunksize)
        assert loaded.posts["text"].tolist() == ["Acme great day", "ok"]
        record = f'1,"Acme rocks,3{end}2,"fine"x,4'
        assert loaded.rejects[["position", "record"]].values.tolist() == [["line 2", record]]


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("block", [1 << 22, 5])
def test_every_reject_of_a_file_of_cr_alone_lines_keeps_its_cr(tmp_path, monkeypatch, chunksize, block):
    """The parser reads a file of CR-alone lines with each CR made a LF: a reject of a field count, or of a quote
    left open to the end, showed LFs (not the file's bytes), where one read again after a quote closed mid-field
    showed its CRs."""
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, block))
    text = 'id,text,likes\r1,ok,2\r2,"Acme rocks,3\r3,"multi\rline",4\r5,"fine",6\r7,"open,8\r9,x\r'
    loaded = read_in(write(tmp_path / "cr.csv", text), chunksize)
    assert loaded.posts["text"].tolist() == ["ok", "fine"]
    assert loaded.rejects[["position", "record"]].values.tolist() == [
        ["line 3", '2,"Acme rocks,3'],
        ["line 4", '3,"multi'],  # (a second quote left open, on its line: a reject of its own)
        ["line 5", 'line",4'],
        ["line 7", '7,"open,8\r9,x'],  # (`9,x` no record of 3 fields: the quote's record runs to the end)
    ]


def test_bad_values_are_rejected_with_reasons(tmp_path):
    path = write(
        tmp_path / "v.csv",
        HEADER + "1,ok,2020-01-01,a,1\n2,bad time,31/31/2020,b,0\n5.70306E+17,sci id,2020-01-01,c,0\n"
        "3,,2020-01-01,d,0\n4,bad count,2020-01-01,e,lots\n",
    )
    loaded = brandpulse.read(path)
    assert loaded.posts["post_id"].tolist() == ["1"]
    reasons = dict(zip(loaded.rejects["position"], loaded.rejects["reason"], strict=True))
    assert reasons == {
        "line 3": "bad created_at '31/31/2020'",
        "line 4": "post_id '5.70306E+17' is in scientific notation, its digits are lost",
        "line 5": "empty text",
        "line 6": "bad reposts 'lots'",
    }
    assert len(loaded.posts) + len(loaded.rejects) == loaded.rows_read


def test_blank_means_what_strip_leaves_empty_for_every_character():
    from brandpulse.schema import STRING
    from brandpulse.sources.values import _blank

    chars = [chr(c) for c in range(0x3100)] + ["\U0001f600", "\ufeff", "\u200b"]
    cells = pd.Series(["", None, " \u3000\t", "\xa0x", *chars, *(c * 2 + "\n" for c in chars)], dtype=STRING)
    assert _blank(cells).tolist() == (cells.str.strip() == "").tolist()
    assert _blank(cells).iloc[:4].tolist() == [True, pd.NA, True, False]


def test_blank_cells_are_missing_and_blank_texts_rejected(tmp_path):
    rows = "1,\u2009\u3000,2020-01-01,a,0\n2,ok,2020-01-01,\xa0 ,0\n3,ok,2020-01-01,\u2028b,0\n"
    loaded = brandpulse.read(write(tmp_path / "b.csv", HEADER + rows))
    assert loaded.rejects["reason"].tolist() == ["empty text"]
    assert loaded.posts["post_id"].tolist() == ["2", "3"]
    assert loaded.posts["author"].tolist() == [pd.NA, "\u2028b"]  # a blank author is a missing one


def test_day_month_dates_are_read_by_their_own_order_and_never_guessed(tmp_path):
    """pandas alone reads 02/11/2026 as February 11 and 13/11/2026 as November 13 in one column."""
    path = write(
        tmp_path / "d.csv",
        HEADER + "1,day first,13/11/2026,a,0\n2,month first,11/13/2026 14:05,b,0\n3,dots,02.11.26,c,0\n"
        "4,same,02/02/2026,d,0\n5,either,02/11/2026,e,0\n6,iso,2026-11-02,f,0\n7,no such day,31/02/2026,g,0\n",
    )
    loaded = brandpulse.read(path)
    times = dict(zip(loaded.posts["post_id"], loaded.posts["created_at"], strict=True))
    assert times == {
        "1": pd.Timestamp("2026-11-13", tz="UTC"),
        "2": pd.Timestamp("2026-11-13 14:05", tz="UTC"),
        "3": pd.Timestamp("2026-11-02", tz="UTC"),
        "4": pd.Timestamp("2026-02-02", tz="UTC"),
        "6": pd.Timestamp("2026-11-02", tz="UTC"),
    }
    reasons = dict(zip(loaded.rejects["position"], loaded.rejects["reason"], strict=True))
    assert reasons == {
        "line 6": "ambiguous created_at '02/11/2026' (day or month first? say with --date-order dmy or mdy, or "
        "[input] date_order in the config)",
        "line 8": "bad created_at '31/02/2026'",
    }


def test_columns_named_in_spanish_german_french_or_portuguese_are_mapped(tmp_path):
    """A Spanish export (`Fecha de publicación;Autor;Texto;Me gusta`) was "no text column", and a German one's
    `Autor` and `Gefällt mir` were read as no field at all, without a word: every author empty."""
    es = "ID;Fecha de publicación;Autor;Texto;Me gusta;Idioma\n7;2026-12-01 10:00;ana;Cafezal es genial;3;es\n"
    loaded = brandpulse.read(write(tmp_path / "es.csv", es))
    assert loaded.columns == {
        "post_id": "ID",
        "created_at": "Fecha de publicación",
        "author": "Autor",
        "text": "Texto",
        "likes": "Me gusta",
        "lang": "Idioma",
    }
    post = loaded.posts.iloc[0]
    assert [post["author"], post["text"], post["likes"], post["lang"]] == ["ana", "Cafezal es genial", 3, "es"]
    de = "Datum;Benutzer;Beitrag;Gefällt mir;Follower\n01.12.2026;max;Bahnblitz zu spät;1.234;50\n"
    loaded = brandpulse.read(write(tmp_path / "de.csv", de, "cp1252"))
    post = loaded.posts.iloc[0]
    assert [post["created_at"], post["author"], post["text"], post["likes"], post["author_followers"]] == [
        pd.Timestamp("2026-12-01", tz="UTC"),
        "max",
        "Bahnblitz zu spät",
        1234,
        50,
    ]
    fr = "date de publication,utilisateur,contenu,j'aime,Portée\n2026-12-01,léa,Maison Lumière,2,900\n"
    assert brandpulse.read(write(tmp_path / "fr.csv", fr)).columns == {
        "created_at": "date de publication",
        "author": "utilisateur",
        "text": "contenu",
        "likes": "j'aime",
        "author_followers": "Portée",
    }
    de = "Datum;Autor;Text;Reichweite\n01.12.2026;max;Bahnblitz;2.500\n"  # (a listening tool's reach)
    assert brandpulse.read(write(tmp_path / "de.csv", de)).posts["author_followers"].tolist() == [2500]


def test_a_portuguese_or_italian_data_column_and_italian_column_names_are_read(tmp_path):
    """Portuguese and Italian exports name their dates `Data`: read as no field, every post was without a time, in
    no weekly report or alert (the note offered no `--map` either); an Italian export (`Testo;Autore;Mi piace`) was
    "no text column"."""
    pt = "Data;Usuário;Texto;Curtidas\n05/12/2026 14:35;joão;Péssimo atendimento;2\n13/12/2026 09:00;ana;Adorei;1\n"
    loaded = brandpulse.read(write(tmp_path / "pt.csv", pt, "cp1252"))
    assert loaded.columns == {"created_at": "Data", "author": "Usuário", "text": "Texto", "likes": "Curtidas"}
    assert loaded.posts["created_at"].astype(str).tolist() == ["2026-12-05 14:35:00+00:00", "2026-12-13 09:00:00+00:00"]
    it = "Data;Autore;Testo;Mi piace;Lingua\n5 dicembre 2026;niccolò;Valigia persa;4;it\n"
    loaded = brandpulse.read(write(tmp_path / "it.csv", it))
    post = loaded.posts.iloc[0]
    assert [post["created_at"], post["author"], post["text"], post["likes"], post["lang"]] == [
        pd.Timestamp("2026-12-05", tz="UTC"),
        "niccolò",
        "Valigia persa",
        4,
        "it",
    ]
    # beside a column of another alias of the dates, `Data` is not read: the first alias present wins
    both = "Data;created_at;text\nx;2026-12-05;uno\n"
    assert brandpulse.read(write(tmp_path / "both.csv", both)).columns["created_at"] == "created_at"


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_data_column_of_no_times_is_not_read_as_the_time(tmp_path, chunksize):
    """`Data` read as the time (stop 39, Portuguese and Italian exports) took an English export's `Data` column of
    something else (a figure, a payload) for it: every post was rejected as a bad created_at, where it was read
    without a time before. A `Data` column is read as the time when its first values hold one; `--map` reads it."""
    export = "text,Data\nSkyway lost my bag,12\nSkyway great,7\nSkyway ok,\nSkyway late,x\n"
    loaded = read_in(write(tmp_path / "en.csv", export), chunksize)
    assert len(loaded.rejects) == 0
    assert loaded.posts["text"].tolist() == ["Skyway lost my bag", "Skyway great", "Skyway ok", "Skyway late"]
    assert loaded.posts["created_at"].isna().all() and "created_at" not in loaded.columns
    assert "'Data' holds no times: not read" in loaded.note
    mapped = brandpulse.read(tmp_path / "en.csv", mapping={"created_at": "Data"})  # (asked for: rejected as before)
    assert mapped.rejects["reason"].tolist() == ["bad created_at '12'", "bad created_at '7'", "bad created_at 'x'"]
    # a column of times, its first cell empty and one cell bad, is the time column as before
    dated = "testo;data\nuno;\ndue;5. Mär. 2026 14:35\ntre;x\nquattro;2026-12-05\n"
    loaded = read_in(write(tmp_path / "it.csv", dated), chunksize)
    assert loaded.columns["created_at"] == "data"
    assert loaded.posts["created_at"].tolist() == [
        pd.NaT,
        pd.Timestamp("2026-03-05 14:35", tz="UTC"),
        pd.Timestamp("2026-12-05", tz="UTC"),
    ]
    assert loaded.rejects["reason"].tolist() == ["bad created_at 'x'"]


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_reactions_column_of_no_counts_is_not_read_as_the_likes(tmp_path, chunksize):
    """A DiscordChatExporter CSV's `Reactions` holds emoji and their counts ("🔥 (3),👍 (1)"), and its JSON's
    `reactions` a list of them: read as the likes, every message with a reaction was rejected as bad likes (half a
    server's export gone). Such a column is read as the likes only when its first values hold counts, as a Facebook
    page's `Reactions` does; `--map likes=Reactions` reads it whatever it holds."""
    export = (
        "AuthorID,Author,Date,Content,Attachments,Reactions\n"
        "1,gamer#1,2026-11-02T10:05:00.123+01:00,Emberfall servers are cooked,,\n"
        '2,gamer#2,2026-11-02T10:06:00.123+01:00,W update Emberfall,,"🔥 (3),👍 (1)"\n'
        "3,gamer#3,2026-11-02T10:07:00.123+01:00,gg Emberfall,,👍 (12)\n"
    )
    loaded = read_in(write(tmp_path / "discord.csv", export), chunksize)
    assert len(loaded.rejects) == 0
    assert loaded.posts["text"].tolist() == ["Emberfall servers are cooked", "W update Emberfall", "gg Emberfall"]
    assert loaded.posts["likes"].isna().all() and "likes" not in loaded.columns
    assert "'Reactions' holds no counts: not read" in loaded.note
    # most messages have no reaction: the first one far down the export tells it all the same
    quiet = export.split("\n", 1)[0] + "\n" + "1,a,2026-11-02,Emberfall,,\n" * 1500 + "2,b,2026-11-03,GG,,👍 (2)\n"
    loaded = brandpulse.read(write(tmp_path / "quiet.csv", quiet))
    assert len(loaded.rejects) == 0 and len(loaded.posts) == 1501 and "likes" not in loaded.columns
    mapped = brandpulse.read(tmp_path / "discord.csv", mapping={"likes": "Reactions"})  # (asked for: rejected)
    assert mapped.rejects["reason"].tolist() == ["bad likes '🔥 (3),👍 (1)'", "bad likes '👍 (12)'"]
    messages = [
        {"id": "9001", "timestamp": "2026-11-02T10:05:00+00:00", "content": "Emberfall lag spikes", "reactions": []},
        {
            "id": "9002",
            "timestamp": "2026-11-02T10:06:00+00:00",
            "content": "Emberfall GG",
            "reactions": [{"emoji": {"id": None, "name": "🔥"}, "count": 3}],
        },
    ]
    doc = {"guild": {"id": "1", "name": "Emberfall"}, "channel": {"id": "2"}, "messages": messages, "messageCount": 2}
    path = tmp_path / "discord.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    loaded = brandpulse.read(path)
    assert len(loaded.rejects) == 0 and loaded.posts["post_id"].tolist() == ["9001", "9002"]
    assert loaded.posts["likes"].isna().all() and "'reactions' holds no counts: not read" in loaded.note
    # a page's `Reactions` of counts (its first cell empty, one cell bad) is the likes column as before
    counted = "Message,Reactions\nEmberfall patch notes,\nEmberfall event,1.2K\nEmberfall raid,x\nEmberfall W,7\n"
    loaded = read_in(write(tmp_path / "page.csv", counted), chunksize)
    assert loaded.columns["likes"] == "Reactions"
    assert loaded.posts["likes"].tolist() == [pd.NA, 1200, 7]
    assert loaded.rejects["reason"].tolist() == ["bad likes 'x'"]


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_time_of_day_column_named_in_spanish_german_french_or_portuguese_is_read(tmp_path, chunksize):
    """`Fecha;Hora` and `Datum;Uhrzeit` (the time of day beside the dates, as those exports write it) put every post
    at midnight without a word: the time column was read as no field."""
    files = {
        "es.csv": "Fecha;Hora;Autor;Texto\n2026-11-03;14:35;ana;uno\n2026-11-04;09:10;luis;dos\n",
        "de.csv": "Datum;Uhrzeit;Autor;Beitrag\n03.11.2026;14:35;max;eins\n04.11.2026;09:10;eva;zwei\n",
        "fr.csv": "Date;Heure;Auteur;Texte\n2026-11-03;14h35;léa;un\n2026-11-04;09:10;paul;deux\n",
    }
    for name, text in files.items():
        loaded = read_in(write(tmp_path / name, text), chunksize)
        assert loaded.posts["created_at"].astype(str).tolist() == [
            "2026-11-03 14:35:00+00:00",
            "2026-11-04 09:10:00+00:00",
        ], name
        assert len(loaded.rejects) == 0, name


def test_dates_with_a_month_name_in_german_spanish_french_or_portuguese_are_read(tmp_path):
    """`3. Dezember 2026`, `7 de diciembre de 2026` or `mardi 1er décembre 2026` (as exports in those languages write
    dates) were rejected as bad, where `3 December 2026` was read: a German client's export lost every row. A date
    without a year (`lunes 7 de diciembre`: its reason says so), a day no month has or a word no month is called is
    rejected."""
    rows = [
        "1,a,3. Dezember 2026,x,0",
        "2,b,Montag. 14. Dez. 2026 14:05:30,x,0",
        "3,c,7 de diciembre de 2026,x,0",
        '4,d,"lunes, 7 de DICIEMBRE de 2026 09:15",x,0',
        "5,e,mardi 1er décembre 2026 10:30,x,0",
        "6,f,28 févr. 2026,x,0",
        '7,g,"segunda-feira, 7 de dezembro de 2026",x,0',
        "8,h,1º de março de 2026,x,0",
        "9,i,lunes 7 de diciembre,x,0",
        "10,j,31 de febrero de 2026,x,0",
        "11,k,3 Flurb 2026,x,0",
        "12,l,3 December 2026 10:00 PM,x,0",
        '13,m,"3. Dezember 2026, 10:30",x,0',  # (a comma or a 12-hour clock after it: as in English)
        "14,n,7 de diciembre de 2026 10:30 PM,x,0",
        "15,o,5. Mär. 2026 14:35,x,0",  # (German's short March: rejected before stop 39)
    ]
    loaded = brandpulse.read(write(tmp_path / "eu.csv", HEADER + "\n".join(rows) + "\n"))
    times = dict(zip(loaded.posts["post_id"], loaded.posts["created_at"].astype(str), strict=True))
    assert times == {
        "1": "2026-12-03 00:00:00+00:00",
        "2": "2026-12-14 14:05:30+00:00",
        "3": "2026-12-07 00:00:00+00:00",
        "4": "2026-12-07 09:15:00+00:00",
        "5": "2026-12-01 10:30:00+00:00",
        "6": "2026-02-28 00:00:00+00:00",
        "7": "2026-12-07 00:00:00+00:00",
        "8": "2026-03-01 00:00:00+00:00",
        "12": "2026-12-03 22:00:00+00:00",  # (English, as before)
        "13": "2026-12-03 10:30:00+00:00",
        "14": "2026-12-07 22:30:00+00:00",
        "15": "2026-03-05 14:35:00+00:00",
    }
    reasons = dict(zip(loaded.rejects["position"], loaded.rejects["reason"], strict=True))
    assert reasons == {
        "line 10": "created_at 'lunes 7 de diciembre' has no year (a day and a month could be any year's): "
        "export the dates with their year",
        "line 11": "bad created_at '31 de febrero de 2026'",
        "line 12": "bad created_at '3 Flurb 2026'",
    }


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_columns_dates_read_in_the_order_its_other_dates_show(tmp_path, chunksize):
    """03/04/2026 was ambiguous (rejected) beside 13/04/2026, which shows the export writes day first."""
    rows = "1,a,13/04/2026,x,0\n2,b,03/04/2026,x,0\n3,c,04/05/2026 10:00,x,0\n4,d,2026-04-06,x,0\n"
    loaded = read_in(write(tmp_path / "eu.csv", HEADER + rows), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-13", tz="UTC"),
        pd.Timestamp("2026-04-03", tz="UTC"),
        pd.Timestamp("2026-05-04 10:00", tz="UTC"),
        pd.Timestamp("2026-04-06", tz="UTC"),
    ]
    assert "dates such as 03/04/2026 read day first, as 13/04/2026 shows" in loaded.note
    # month first (04/13/2026) likewise
    us = read_in(write(tmp_path / "us.csv", HEADER + "1,a,04/13/2026,x,0\n2,b,03/04/2026,x,0\n"), chunksize)
    assert us.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-13", tz="UTC"),
        pd.Timestamp("2026-03-04", tz="UTC"),
    ]
    # no date says which: rejected as before, and the note says so once
    amb = read_in(write(tmp_path / "amb.csv", HEADER + "1,a,03/04/2026,x,0\n2,b,04/03/2026,x,0\n"), chunksize)
    assert amb.posts.empty and len(amb.rejects) == 2
    assert set(amb.rejects["reason"].str.startswith("ambiguous created_at")) == {True}
    assert "no date shows which, so 03/04/2026 and the like were rejected: say --date-order dmy or mdy" in amb.note


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_chunk_reads_its_dates_in_the_order_a_chunk_before_or_after_showed(tmp_path, fmt):
    """Read in chunks, a chunk with only ambiguous dates is read in the order a chunk before showed (day first);
    one before the first chunk that shows it was rejected as ambiguous. It is held until a chunk shows the order
    (as the whole file is read), up to HELD_CHUNKS chunks: those before are rejected, and the note says so."""
    rows = "1,a,03/04/2026,x,0\n2,b,13/04/2026,x,0\n3,c,05/04/2026,x,0\n"
    path = write(tmp_path / "eu.csv", HEADER + rows)
    if fmt == "parquet":
        path = tmp_path / "eu.parquet"
        pd.read_csv(tmp_path / "eu.csv", dtype=str).to_parquet(path)
    chunks = list(iter_read(path, 1))
    loaded = combine_chunks(chunks)
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03", tz="UTC"),
        pd.Timestamp("2026-04-13", tz="UTC"),
        pd.Timestamp("2026-04-05", tz="UTC"),
    ]
    assert loaded.rejects.empty
    assert chunks[-1].note.endswith("dates such as 03/04/2026 read day first, as 13/04/2026 shows")
    # more chunks before the first that shows the order than are held: those are rejected as ambiguous
    undecided = "".join(f"{i},a,03/04/2026,x,0\n" for i in range(HELD_CHUNKS + 1))
    chunks = list(iter_read(write(tmp_path / "late.csv", HEADER + undecided + "99,b,13/04/2026,x,0\n"), 1))
    loaded = combine_chunks(chunks)
    assert loaded.posts["post_id"].tolist() == ["99"]
    assert loaded.rejects["position"].tolist() == [f"line {i + 2}" for i in range(HELD_CHUNKS + 1)]
    assert chunks[-1].note == (  # (the file's note: its last chunk's, as `analyze` shows it)
        "dates read day first, as 13/04/2026 shows, but 03/04/2026 and the like before it were rejected as "
        "ambiguous: say --date-order dmy"
    )
    # both orders in one column: each date that shows its own is read so, the others are ambiguous
    both = brandpulse.read(
        write(tmp_path / "both.csv", HEADER + "1,a,13/04/2026,x,0\n2,b,04/13/2026,x,0\n3,c,03/04/2026,x,0\n")
    )
    assert both.posts["post_id"].tolist() == ["1", "2"]
    assert both.rejects["reason"].str.startswith("ambiguous created_at '03/04/2026'").tolist() == [True]
    assert "13/04/2026 is day first but 04/13/2026 month first, so 03/04/2026 and the like were rejected" in both.note


def test_json_lines_chunks_read_their_dates_in_the_order_a_later_chunk_shows(tmp_path):
    """JSON Lines read in chunks rejected 03/04/2026 as ambiguous in the chunks before 13/04/2026, though read
    whole it is April 3, as a CSV's chunks are held until one shows the order."""
    dates = ["03/04/2026", "05/04/2026", "13/04/2026", "01/05/2026"]
    lines = "".join(json.dumps({"id": str(i), "text": "a", "created_at": d}) + "\n" for i, d in enumerate(dates))
    path = write(tmp_path / "eu.jsonl", lines)
    expected = [pd.Timestamp(t, tz="UTC") for t in ("2026-04-03", "2026-04-05", "2026-04-13", "2026-05-01")]
    assert brandpulse.read(path).posts["created_at"].tolist() == expected
    loaded = combine_chunks(list(iter_read(path, 1)))
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == expected
    # a chunk without the text column is still held for the lines after (and its dates with it)
    lines = '{"id": "0", "created_at": "02/04/2026"}\n' + lines
    loaded = combine_chunks(list(iter_read(write(tmp_path / "late.jsonl", lines), 1)))
    assert loaded.rejects["reason"].tolist() == ["empty text"]
    assert loaded.posts["created_at"].tolist() == expected


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_a_held_chunk_waits_past_chunks_of_other_dates_for_the_one_that_shows_the_order(tmp_path, chunksize):
    """Read in chunks, a chunk of ISO dates (or of no date) after a held one let it go, rejected as ambiguous,
    though the chunk after it showed the order: read whole, 03/04/2026 is April 3."""
    rows = "1,a,03/04/2026,x,0\n2,b,2026-04-05,x,0\n3,c,,x,0\n4,d,13/04/2026,x,0\n5,e,01/05/2026,x,0\n"
    loaded = read_in(write(tmp_path / "eu.csv", HEADER + rows), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["post_id"].tolist() == ["1", "2", "3", "4", "5"]
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03", tz="UTC"),
        pd.Timestamp("2026-04-05", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-04-13", tz="UTC"),
        pd.Timestamp("2026-05-01", tz="UTC"),
    ]


def test_with_a_date_order_no_rejected_date_is_called_ambiguous(tmp_path):
    path = write(tmp_path / "o.csv", HEADER + "1,no day zero,00/05/2026,a,0\n2,fine,02/11/2026,b,0\n")
    loaded = brandpulse.read(path, date_order="dmy")
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp("2026-11-02", tz="UTC")]
    assert loaded.rejects["reason"].tolist() == ["bad created_at '00/05/2026'"]  # not "say with --date-order"


def test_a_time_without_a_day_is_rejected_not_placed_on_an_invented_day():
    """pandas reads "2026" as January 1, "11/2026" as November 1 and "10:00" as today."""
    values = pd.Series(["2026", "2026-11", "11/2026", "Nov 2026", "10:00", "10:00 PM", "2026-11-02", "Nov 2 2026"])
    parsed = parse_timestamps(values)
    assert parsed.isna().tolist() == [True] * 6 + [False, False]
    assert parsed.iloc[6] == parsed.iloc[7] == pd.Timestamp("2026-11-02", tz="UTC")


def test_counts_as_exports_format_them():
    """Thousands grouped with commas, dots or spaces; a decimal point or comma only before K or M.
    Before, "1,2K" was 12,000 (the comma dropped), "1.234" was 1 and "12.5" was rounded to 12."""
    cells = [
        "1,234",
        "1.234",
        "12.345.678",
        "1 234",
        "1\u202f234",
        "1.2K",
        "1,2k",
        "2.5M",
        "12.0",
        "12.5",
        "1,5",
        "1.2345",
    ]
    expected = [1234, 1234, 12345678, 1234, 1234, 1200, 1200, 2500000, 12, None, None, None]
    got = parse_counts(pd.Series(cells, dtype="string"))
    assert [None if pd.isna(v) else int(v) for v in got] == expected
    numbers = parse_counts(pd.Series([12.0, 12.5, -3.0]))  # JSON or Parquet numbers: the same rules
    assert [None if pd.isna(v) else int(v) for v in numbers] == [12, None, None]


def test_counts_in_thousands_and_millions_as_european_exports_write_them(tmp_path):
    """`1,2 mil` (Spanish, Portuguese), `4 mila` (Italian), `1,2 Tsd.` and `3 Mio.` (German), `3 mln` rejected their
    whole post as a "bad likes", where `1,2K` and `3M` were read."""
    cells = ["1,2 mil", "2 mil", "4 mila", "1,2 Tsd.", "5 Tsd", "3 Mio.", "1,5 Mio", "3 mln", "1,2 mill", "1,2 milk"]
    got = parse_counts(pd.Series(cells, dtype="string"))
    assert [None if pd.isna(v) else int(v) for v in got] == [
        *(1200, 2000, 4000, 1200, 5000),
        *(3000000, 1500000, 3000000, None, None),
    ]
    export = "Fecha;Autor;Texto;Me gusta;Seguidores\n2026-12-05;ana;Renfe llega tarde;1,2 mil;3,4 mil\n"
    loaded = brandpulse.read(write(tmp_path / "es.csv", export))
    assert len(loaded.rejects) == 0
    assert loaded.posts[["likes", "author_followers"]].iloc[0].tolist() == [1200, 3400]


def test_mil_is_millions_in_an_english_post_and_brazilian_mi_is_millions(tmp_path):
    """`1.2 mil` was 1200 in every post: Spanish and Portuguese write thousands so (Mexico's `1.2 mil` too), but
    English slang means millions, and an English post's `1.2 mil` followers were a thousand times too few. Brazilian
    `1,2 mi` (milhão) was rejected as bad. `mil` is now millions where the post's language is English and its number
    has no decimal comma (English writes none), else thousands, also without a language; `mi` is millions."""
    rows = [
        ("en", "1.2 mil", 1200000),
        ("en-GB", "3 mil", 3000000),
        ("en", "1,2 mil", 1200),  # (a decimal comma: a Spanish or Portuguese tool's count)
        ("es", "1.2 mil", 1200),
        ("", "3 mil", 3000),
        ("pt", "1,2 mi", 1200000),
        ("fr", "2 mi", 2000000),
    ]
    text = "text,lang,followers\n" + "".join(f'Acme {i},{lang},"{count}"\n' for i, (lang, count, _) in enumerate(rows))
    loaded = brandpulse.read(write(tmp_path / "c.csv", text))
    assert loaded.rejects.empty
    want = [n for _, _, n in rows]
    assert loaded.posts["author_followers"].tolist() == want
    frame = pd.DataFrame({"text": ["a"] * len(rows), "lang": [r[0] for r in rows], "likes": [r[1] for r in rows]})
    assert brandpulse.read(frame).posts["likes"].tolist() == want  # (a frame's cells as a file's)
    assert parse_counts(pd.Series(["1.2 mil", "1,2 mi"], dtype="string")).tolist() == [1200, 1200000]


def test_thousands_grouped_before_mil_and_a_dash_for_no_count(tmp_path):
    """`1.200 mil` (Spanish and Portuguese group thousands with a dot: 1,200 thousand) was read as 1.2 thousand,
    1,200 where 1,200,000 was meant; a count of `—` or `–` (the dash a report tool or autocorrect writes for none)
    rejected its post as "bad likes", where `-` was no count."""
    rows = [
        ("es", "1.200 mil", "—"),
        ("pt", "1,200 mil", "–"),
        ("", "12.500 mil", " — "),
        ("es", "1,2 mil", "-"),
        ("en", "1.500 mil", "3"),  # (English groups with commas alone: its dot is a decimal point, 1.5 million)
        ("en", "2,500 mil", "4"),  # (2,500 million in English slang)
        ("en", "1.234M", "1.500K"),  # (English's K and M take a decimal point: 1.234 million, 1,500)
    ]
    lines = [f'Acme {i},{lang},"{f}",{k}\n' for i, (lang, f, k) in enumerate(rows)]
    text = "text,lang,followers,likes\n" + "".join(lines)
    loaded = brandpulse.read(write(tmp_path / "c.csv", text))
    assert loaded.rejects.empty
    posts = loaded.posts
    assert posts["author_followers"].tolist() == [
        *(1_200_000, 1_200_000, 12_500_000, 1200, 1_500_000, 2_500_000_000, 1_234_000)
    ]
    assert posts["likes"].isna().tolist() == [True, True, True, True, False, False, False]
    assert posts["likes"].iloc[4:].tolist() == [3, 4, 1500]


def test_plain_integer_counts_keep_the_same_limits():
    """Columns of plain integers take a faster way, with the same rules: no negative count (but likes
    may be: Reddit's score), none of 2**62 or more, an empty cell is no count; all digits kept."""

    def counts(cells, signed=False):
        got = parse_counts(pd.Series(cells, dtype="string"), signed=signed)
        return [None if pd.isna(v) else int(v) for v in got]

    cells = ["3", "", "-2", str(2**62 - 1)]
    assert counts(cells) == [3, None, None, 2**62 - 1]
    assert counts(cells, signed=True) == [3, None, -2, 2**62 - 1]
    assert counts(["7", str(2**62)]) == [7, None]
    assert counts(["-7", str(-(2**62))], signed=True) == [-7, None]
    assert counts(["", ""]) == [None, None]
    assert parse_counts(pd.Series(["5"], index=[7], dtype="string")).index.tolist() == [7]


def test_an_export_format_is_parsed_for_the_whole_column():
    """A format guessed from one value is parsed in C for all; values it does not fit get the next
    guess, or go value by value. The times are the ones written."""
    values = pd.Series(
        ["Nov 02, 2026 10:00:33 AM", "not a date", "Nov 3, 2026 1:05:00 PM", "2026-11-04 23:59:59 UTC"]
        + ["Wed, 04 Nov 2026 10:00:00 GMT", "Feb 30, 2026 10:00:00 AM"],
        dtype="string",
    )
    assert parse_timestamps(values).tolist() == [
        pd.Timestamp("2026-11-02 10:00:33", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-11-03 13:05:00", tz="UTC"),
        pd.Timestamp("2026-11-04 23:59:59", tz="UTC"),
        pd.Timestamp("2026-11-04 10:00:00", tz="UTC"),
        pd.NaT,
    ]
    # a guess never decides between day and month: the column's 13 says it here (02/11 is February 11 beside
    # it), and alone 02/11 stays ambiguous
    values = pd.Series(["11/13/2026, 10:00", "02/11/2026, 10:00"], dtype="string")
    assert parse_timestamps(values).tolist() == [
        pd.Timestamp("2026-11-13 10:00", tz="UTC"),
        pd.Timestamp("2026-02-11 10:00", tz="UTC"),
    ]
    assert parse_timestamps(values.iloc[1:]).tolist() == [pd.NaT]


def test_a_downvoted_reddit_comment_keeps_its_negative_score(tmp_path):
    """likes is Reddit's score (upvotes less downvotes); the other counts cannot be negative."""
    path = write(
        tmp_path / "r.csv",
        "id,author,body,score,num_comments,created_utc\na,u1,lost my bag,-3,2,1762077600\nb,u2,fine,5,-1,1762077600\n",
    )
    loaded = brandpulse.read(path)
    assert loaded.posts[["post_id", "likes", "replies"]].values.tolist() == [["a", -3, 2]]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [["line 3", "bad replies '-1'"]]


def test_negative_likes_that_are_no_reddit_score_are_rejected_with_file_and_line(tmp_path):
    """A file's `likes` of -3 was read as -3 likes (its shares or replies of -3 were rejected): only Reddit's score,
    upvotes less downvotes, is below zero, a post of `reddit` or a column named `score`. A frame's is an InputError."""
    path = write(
        tmp_path / "posts.csv",
        "id,platform,text,likes,shares\n1,,Acme is great,-3,1\n2,reddit,Acme ok,-1,0\n3,x,Acme bad,2,-4\n"
        "4,twitter,Acme meh,-2,0\n5,,fine,4,5\n",
    )
    loaded = brandpulse.read(path)
    assert loaded.posts["post_id"].tolist() == ["2", "5"] and loaded.posts["likes"].tolist() == [-1, 4]
    assert loaded.rejects[["source", "position", "reason"]].values.tolist() == [
        [str(path), "line 2", "bad likes '-3': not negative (only a Reddit score is)"],
        [str(path), "line 4", "bad reposts '-4'"],
        [str(path), "line 5", "bad likes '-2': not negative (only a Reddit score is)"],
    ]
    linked = write(tmp_path / "linked.csv", "text,likes,url\nAcme,-2,https://www.reddit.com/r/a/comments/4/x/\n")
    assert brandpulse.read(linked).posts["likes"].tolist() == [-2]  # (its link's host: Reddit's)
    frame = pd.DataFrame({"text": ["a", "b", "c"], "likes": [-3, 1, -2], "platform": ["reddit", "", "X"]})
    with pytest.raises(InputError) as refused:
        brandpulse.read(frame)
    assert str(refused.value) == (
        "column 'likes' cannot be read as whole numbers: bad likes '-2': not negative (only a Reddit score is) (row 2)"
    )
    assert brandpulse.read(frame[:2]).posts["likes"].tolist() == [-3, 1]


def test_a_score_of_decimals_is_no_likes_column(tmp_path):
    """VADER's ground truth (`text,score`, a mean rating such as 2.726315789) read its `score` as Reddit's likes:
    `analyze` rejected 4,070 of its 4,200 rows as "bad likes '1.443298969'" and kept the 130 of a whole number. A
    `score` most of whose first values are not counts is left out with a note; Reddit's scores, negative ones too,
    are still its likes."""
    rows = ["Acme is great,2.726315789", "Acme again,1.443298969", "meh Acme,-0.5", "Acme ok,2", "Acme bad,-1.2"]
    loaded = brandpulse.read(write(tmp_path / "labelled.csv", "text,score\n" + "\n".join(rows) + "\n"))
    assert len(loaded.rejects) == 0 and len(loaded.posts) == 5
    assert loaded.posts["likes"].isna().all() and "'score' holds no counts: not read" in loaded.note
    reddit = "id,body,score\na,lost my bag,-3\nb,fine,5\nc,ok,0\nd,meh,1.5\n"  # (one bad cell: still the likes)
    loaded = brandpulse.read(write(tmp_path / "r.csv", reddit))
    assert loaded.posts["likes"].tolist() == [-3, 5, 0]
    assert loaded.rejects["reason"].tolist() == ["bad likes '1.5'"]


def test_date_order_reads_every_day_month_date(tmp_path):
    rows = "1,a,{nov} 09:30,a,0\n2,b,03/04/26,b,0\n3,c,12/31/2026,c,0\n"
    dmy = brandpulse.read(write(tmp_path / "d.csv", HEADER + rows.format(nov="02/11/2026")), date_order="dmy")
    assert dmy.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:30", tz="UTC"),
        pd.Timestamp("2026-04-03", tz="UTC"),
    ]
    assert dmy.rejects[["position", "reason"]].values.tolist() == [["line 4", "bad created_at '12/31/2026'"]]
    mdy = brandpulse.read(write(tmp_path / "m.csv", HEADER + rows.format(nov="11/02/2026")), date_order="mdy")
    assert mdy.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:30", tz="UTC"),
        pd.Timestamp("2026-03-04", tz="UTC"),
        pd.Timestamp("2026-12-31", tz="UTC"),
    ]
    assert mdy.rejects.empty


def test_dotted_dates_are_day_first_also_with_date_order_mdy(tmp_path):
    """`--date-order mdy` (a US team's config) read a German export's `12.03.2026` as December 3 and its `02.11.26
    14:05` as February 11, without a word, while without the option dots were read day first, as every locale that
    writes them means. Dots are day first whatever the order; slashes and dashes keep the order given."""
    rows = "1,a,12.03.2026,a,0\n2,b,02.11.26 14:05,b,0\n3,c,03/04/2026,c,0\n4,d,03-04-2026,d,0\n"
    mdy = brandpulse.read(write(tmp_path / "m.csv", HEADER + rows), date_order="mdy")
    assert mdy.rejects.empty
    assert mdy.posts["created_at"].tolist() == [
        pd.Timestamp("2026-03-12", tz="UTC"),
        pd.Timestamp("2026-11-02 14:05", tz="UTC"),
        pd.Timestamp("2026-03-04", tz="UTC"),
        pd.Timestamp("2026-03-04", tz="UTC"),
    ]
    dmy = brandpulse.read(write(tmp_path / "d.csv", HEADER + rows), date_order="dmy")
    assert dmy.posts["created_at"].dt.strftime("%m-%d").tolist() == ["03-12", "11-02", "04-03", "04-03"]


def test_a_rejected_record_is_written_back_as_a_line_of_its_file(tmp_path):
    """Fields joined with the file's own delimiter, quoted where they hold it; empty cells empty."""
    path = write(tmp_path / "s.csv", 'id;date;text;likes\n1;not a date;"delayed; again";\n2;2026-11-02;fine;3\n')
    loaded = brandpulse.read(path)
    assert loaded.rejects[["position", "record"]].values.tolist() == [["line 2", '1;not a date;"delayed; again";']]


def test_no_text_column_is_an_error_naming_the_columns(tmp_path):
    path = write(tmp_path / "x.csv", "id,when,who\n1,2020,a\n")
    with pytest.raises(
        InputError, match=r"no text column \(columns: id, when, who\); name it with mapping=\{.text.: COLUMN\}$"
    ):
        brandpulse.read(path)


def test_map_option_overrides_aliases(tmp_path):
    path = write(tmp_path / "x.csv", "id,caption,text\n1,the caption,not this\n")
    posts = brandpulse.load(path, mapping={"text": "caption"})
    assert posts["text"].tolist() == ["the caption"]


def test_a_text_column_mapped_to_another_field_is_named_in_the_error(tmp_path):
    """`--map author=text` took the file's only text column for the author, and the error was "no text column
    (columns: id, text)", the column it had taken listed as if it were not there. It says what took it."""
    path = write(tmp_path / "x.csv", "id,text\n1,hello\n")
    with pytest.raises(InputError) as raised:
        brandpulse.read(path, mapping={"author": "text"})
    assert str(raised.value) == (
        f"{path}: no text column (columns: id, text; 'text' is read as author (mapping {{'author': 'text'}})); "
        "name it with mapping={'text': COLUMN}"
    )


def test_json_array_object_and_nested_fields(tmp_path):
    items = [
        {
            "id": 1234567890123456789,
            "full_text": "first",
            "user": {"screen_name": "ann", "followers_count": 10},
            "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            "favorite_count": 2,
        },
        {"id": "2", "full_text": "second", "user": {"screen_name": "bob"}, "created_at": 1539202764},
    ]
    (tmp_path / "a.json").write_text(json.dumps(items))
    (tmp_path / "o.json").write_text(json.dumps({"meta": {"count": 2}, "statuses": items}))
    for name in ("a.json", "o.json"):
        posts = brandpulse.load(tmp_path / name)
        assert posts["post_id"].tolist() == ["1234567890123456789", "2"]
        assert posts["author"].tolist() == ["ann", "bob"]
        assert posts["author_followers"].tolist()[0] == 10
        assert posts["created_at"].tolist() == [pd.Timestamp("2018-10-10 20:19:24", tz="UTC")] * 2
        assert posts["likes"].iloc[0] == 2 and pd.isna(posts["likes"].iloc[1])


def test_a_json_file_of_one_post_is_that_post_not_a_list_inside_it(tmp_path):
    """A JSON file of one post (a single tweet saved from its API, a webhook's payload) holding a list of objects
    (its mentions, `entities.hashtags`) was read as that list: "no text column (columns: username, id)", exit 4.
    A page whose posts sit under a page key beside a `message` is still read as its posts."""
    post = {"id": "1", "text": "Acme hi @bob", "mentions": [{"username": "bob", "id": "5"}]}
    (tmp_path / "one.json").write_text(json.dumps(post))
    nested = {"id": "2", "text": "Acme #x", "entities": {"hashtags": [{"tag": "x", "start": 5}]}}
    (tmp_path / "nested.json").write_text(json.dumps(nested))
    assert brandpulse.load(tmp_path / "one.json")["text"].tolist() == ["Acme hi @bob"]
    assert brandpulse.load(tmp_path / "nested.json")["post_id"].tolist() == ["2"]
    page = {"message": "ok", "results": [{"caption": "Acme one"}, {"caption": "Acme two"}]}
    (tmp_path / "page.json").write_text(json.dumps(page))
    assert brandpulse.load(tmp_path / "page.json")["text"].tolist() == ["Acme one", "Acme two"]


def test_a_saved_page_reads_its_posts_not_a_longer_list_of_users(tmp_path):
    """A page holding its posts and, beside them, a longer list of other objects (the users they name):
    the longer list was taken for the posts, and the run stopped with "no text column (columns: id, name)"."""
    users = [{"id": f"u{i}", "name": f"user {i}"} for i in range(3)]
    page = {"data": [{"id": "1", "text": "first"}, {"id": "2", "text": "second"}], "users": users}
    loaded = brandpulse.read(write(tmp_path / "page.json", json.dumps(page)))
    assert loaded.posts["text"].tolist() == ["first", "second"] and loaded.rows_read == 2


@pytest.mark.parametrize("name", ["v11.json", "v11.jsonl"])
def test_json_integer_ids_beside_nulls_keep_every_digit(tmp_path, name):
    """API v1.1 tweets: `in_reply_to_status_id` is a number, null in most tweets. The column became
    float64, so 1234567890123456789 was read as 1.2345678901234568e+18 and the reply was rejected."""
    items = [
        {"id": 1234567890123456789, "full_text": "one", "in_reply_to_status_id": None, "favorite_count": 3},
        {"id": 1234567890123456788, "full_text": "two", "in_reply_to_status_id": 1234567890123456789},
    ]
    text = json.dumps(items) if name.endswith(".json") else "".join(json.dumps(i) + "\n" for i in items)
    loaded = brandpulse.read(write(tmp_path / name, text))
    assert loaded.rejects.empty
    assert loaded.posts["post_id"].tolist() == ["1234567890123456789", "1234567890123456788"]
    assert loaded.posts["parent_id"].tolist() == [pd.NA, "1234567890123456789"]
    assert loaded.posts["likes"].tolist() == [3, pd.NA]


def test_a_list_field_missing_from_a_record_is_empty_not_nan(tmp_path):
    """Bluesky's `langs` is a list; a record without it had lang "nan", so its sentiment was skipped."""
    path = write(tmp_path / "b.jsonl", '{"id": "1", "text": "a", "langs": ["en"]}\n{"id": "2", "text": "b"}\n')
    posts = brandpulse.read(path).posts
    assert posts["lang"].tolist()[0] == "en" and pd.isna(posts["lang"].iloc[1])


def test_jsonl_bad_line_is_rejected_and_the_rest_kept(tmp_path):
    path = write(
        tmp_path / "p.jsonl", '{"id": "1", "text": "a"}\n{"id": "2", "text": \n\n[1, 2]\n{"id": "3", "text": "c"}\n'
    )
    loaded = brandpulse.read(path)
    assert loaded.posts["post_id"].tolist() == ["1", "3"]
    assert loaded.rejects["position"].tolist() == ["line 2", "line 4"]
    assert loaded.rejects["reason"].iloc[0].startswith("invalid JSON")
    assert loaded.rejects["reason"].iloc[1] == "not an object: [1, 2]"
    assert loaded.rows_read == 4


@pytest.mark.parametrize("chunksize", [None, 1])
def test_json_lines_files_joined_with_cat_keep_the_lines_after_each_byte_order_mark(tmp_path, chunksize):
    """Two JSON Lines files each saved with a BOM and joined with `cat`: the second's first line began with U+FEFF and
    was rejected (`invalid JSON: Expecting value: line 1 column 1`), its post lost from the counts, as a CSV's joined
    header is not (`the header again`). A BOM at a line's start is no part of it; a truncated last line is still a
    reject with its line."""
    one = '\ufeff{"id": "1", "text": "Acme great"}\n{"id": "2", "text": "Acme ok"}\n'
    two = '\ufeff{"id": "3", "text": "Acme three"}\n{"id": "4", "text": "Acme fo'
    path = tmp_path / "joined.jsonl"
    path.write_bytes((one + two).encode("utf-8"))
    loaded = read_in(path, chunksize)
    assert loaded.posts["post_id"].tolist() == ["1", "2", "3"]
    assert loaded.rejects["position"].tolist() == ["line 4"]
    assert loaded.rejects["reason"].iloc[0].startswith("invalid JSON: Unterminated string")
    assert loaded.rejects["record"].iloc[0] == '{"id": "4", "text": "Acme fo'


def test_json_lines_in_a_json_file_is_an_error_that_says_how_to_read_it(tmp_path):
    """`jq -c '.hits[]' > hits.json` (README's items saved alone) said only "not valid JSON: Extra data"."""
    path = write(tmp_path / "hits.json", '{"id": "1", "text": "a"}\n{"id": "2", "text": "b"}\n')
    with pytest.raises(InputError, match=r"hits\.json: not valid JSON: Extra data: .*needs --input-format jsonl$"):
        brandpulse.read(path)
    assert brandpulse.read(path, format="jsonl").posts["post_id"].tolist() == ["1", "2"]
    with pytest.raises(InputError) as bad:  # (invalid JSON of another kind gets no such hint)
        brandpulse.read(write(tmp_path / "comma.json", '[{"id": "1", "text": "a"} {"id": "2", "text": "b"}]'))
    assert "jsonl" not in str(bad.value)


def test_pretty_printed_values_one_after_another_are_not_called_json_lines(tmp_path):
    """`jq '.hits[]' > hits.json` (no -c) writes each value over several lines: the error said JSON Lines needs
    --input-format jsonl, with which every line of the file was rejected (exit 0, nothing analyzed)."""
    pretty = '{\n  "id": "1",\n  "text": "a"\n}\n{\n  "id": "2",\n  "text": "b"\n}\n'
    with pytest.raises(InputError) as bad:
        brandpulse.read(write(tmp_path / "hits.json", pretty))
    assert str(bad.value).endswith(
        "not valid JSON: Extra data: line 5 column 1 (char 31); several JSON values one after another: "
        "save them as one array (`jq -s`), or one a line (`jq -c`) read with --input-format jsonl"
    )
    assert len(brandpulse.read(tmp_path / "hits.json", format="jsonl").rejects) == 8  # (what the hint said)
    with pytest.raises(InputError) as bad:  # two values on one line: not JSON Lines either
        brandpulse.read(write(tmp_path / "two.json", '{"id": "1", "text": "a"} {"id": "2", "text": "b"}'))
    assert "several JSON values one after another" in str(bad.value)


def test_json_nested_too_deeply_is_an_input_error_or_a_rejected_line(tmp_path):
    """JSON nested deeper than Python's recursion limit raised RecursionError: exit 1 with no file named,
    and a whole JSON Lines file stopped by one such line. (Python 3.13's parser takes 5,000 levels.)"""
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InputError, match=r"d\.json: not valid JSON: nested too deeply"):
        brandpulse.read(write(tmp_path / "d.json", f'[{{"text": "a", "n": {deep}}}]'))
    lines = f'{{"id": "1", "text": "a"}}\n{{"id": "2", "text": {deep}}}\n{{"id": "3", "text": "c"}}\n'
    for name in ("d.jsonl", "d"):  # (without an extension, the first lines tell the format)
        loaded = brandpulse.read(write(tmp_path / name, lines))
        assert loaded.rows_read == 3 and len(loaded.posts) == 2
        reason = "invalid JSON: nested too deeply (more levels of arrays and objects than Python's parser takes)"
        assert loaded.rejects["position"].tolist() == ["line 2"] and loaded.rejects["reason"].tolist() == [reason]


def test_xlsx_rows_and_columns_past_a_wrong_stated_range_are_read(tmp_path):
    """A workbook states its used range (`<dimension ref="A1:C6"/>`); some writers get it wrong. openpyxl's
    read-only mode stopped there: the rows and columns past it were left out, counted nowhere."""
    import re
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["id", "text", "likes"])
    for i in range(1, 6):
        book.active.append([str(i), f"post {i}", i])
    book.save(tmp_path / "right.xlsx")
    with zipfile.ZipFile(tmp_path / "right.xlsx") as right, zipfile.ZipFile(tmp_path / "wrong.xlsx", "w") as wrong:
        for item in right.infolist():
            data = right.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="A1:C6"', b'<dimension ref="A1:B3"', data)
                assert n == 1
            wrong.writestr(item, data)
    loaded = brandpulse.read(tmp_path / "wrong.xlsx")
    assert loaded.rows_read == 5 and loaded.rejects.empty
    assert loaded.posts["post_id"].tolist() == ["1", "2", "3", "4", "5"]
    assert loaded.posts["likes"].tolist() == [1, 2, 3, 4, 5]


def test_an_xlsx_number_cell_with_a_fraction_is_no_count_and_a_text_cell_groups_thousands(tmp_path):
    """A number cell `1.234` of likes (a decimal where the sheet was typed; a German sheet's `1.234` is the number
    1234) was read as 1,234, its text taken as a CSV's cell; it is no whole number and rejects its row, as a JSON
    number does. A text cell `1.234` is read as a CSV's (1,234); a rating's `4.5` and a whole `5.0` are read."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["id", "text", "likes", "rating"])
    for row in (["1", "Acme a", 1.234, 4.5], ["2", "Acme b", "1.234", 5], ["3", "Acme c", 5.0, 1]):
        book.active.append(row)
    book.save(tmp_path / "posts.xlsx")
    loaded = brandpulse.read(tmp_path / "posts.xlsx")
    assert loaded.posts[["post_id", "likes", "rating"]].values.tolist() == [["2", 1234, 5.0], ["3", 5, 1.0]]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["Sheet row 2", "bad likes '1.234'", "1,Acme a,1.234,4.5"]
    ]


def test_xlsx_other_sheets_with_a_text_column_are_named_not_left_without_a_word(tmp_path):
    """A workbook of one sheet per network: the first sheet with a text column is read, and the posts of the
    others were left out without a word."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    book.active.append(["Mentions", 3])
    for title, rows in [("X", [["1", "Acme a"]]), ("News", [["2", "Acme b"]]), ("Blogs", [["3", "Acme c"]])]:
        sheet = book.create_sheet(title)
        for row in [["id", "text"], *rows]:
            sheet.append(row)
    book.save(tmp_path / "networks.xlsx")
    loaded = brandpulse.read(tmp_path / "networks.xlsx")
    assert loaded.posts["text"].tolist() == ["Acme a"]
    assert loaded.note == "sheet 'X'; also a text column in sheets 'News', 'Blogs', not read: save each as CSV"
    del book["Blogs"]
    book.save(tmp_path / "two.xlsx")
    assert brandpulse.read(tmp_path / "two.xlsx").note.endswith("in sheet 'News', not read: save it as CSV")


def test_xlsx_formulas_no_spreadsheet_computed_are_rejected_not_read_as_empty(tmp_path):
    """A workbook written by openpyxl and never opened in a spreadsheet keeps its formulas without their values:
    openpyxl reads them as empty cells. A count was then silently empty, a text formula "empty text", and a row
    of formulas alone vanished from the count. Such rows are now rejected with the formula and the fix; a
    formula in a column that is not read (a helper column) is no reason, nor one a spreadsheet computed."""
    import re
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (
        ["id", "text", "likes", "helper"],
        ["1", "Delta rocks", 3, "=LEN(B2)"],  # 2: a formula in a column not read
        ["2", "Delta again", "=1+2"],  # 3
        ["3", '="Delta "&"lost my bag"', 4],  # 4
        [None, "=B2"],  # 5: formulas alone
        ["5", "fine", 5],  # 6
    ):
        book.active.append(row)
    book.save(tmp_path / "written.xlsx")
    loaded = brandpulse.read(tmp_path / "written.xlsx")
    assert loaded.rows_read == 5
    assert loaded.posts["post_id"].tolist() == ["1", "5"]
    fix = (
        "has no saved value (the workbook was never opened in a spreadsheet: open and save it in Excel or LibreOffice)"
    )
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["Sheet row 3", f"likes: formula =1+2 {fix}", "2,Delta again,=1+2,"],
        ["Sheet row 4", f'text: formula ="Delta "&"lost my bag" {fix}', '3,"=""Delta ""&""lost my bag""",4,'],
        ["Sheet row 5", f"text: formula =B2 {fix}", ",=B2,,"],
    ]
    # as a spreadsheet saves it: the values beside the formulas (a text one, also empty, typed "str")
    saved = {b"1+2": b"3", b'"Delta "&amp;"lost my bag"': b"Delta lost my bag", b"B2": b""}
    with zipfile.ZipFile(tmp_path / "written.xlsx") as src, zipfile.ZipFile(tmp_path / "saved.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for formula, value in saved.items():
                    kind = b"" if value.isdigit() else b' t="str"'
                    data, n = re.subn(
                        rb"<c r=\"(\w+)\"><f>" + re.escape(formula) + rb"</f><v\s*/>",
                        rb'<c r="\1"' + kind + rb"><f>" + formula + rb"</f><v>" + value + rb"</v>",
                        data,
                    )
                    assert n == 1, formula
            dst.writestr(item, data)
    loaded = brandpulse.read(tmp_path / "saved.xlsx")
    assert loaded.posts["text"].tolist() == ["Delta rocks", "Delta again", "Delta lost my bag", "fine"]
    assert loaded.posts["likes"].tolist() == [3, 3, 4, 5]
    assert loaded.rows_read == 4 and loaded.rejects.empty  # (row 5 holds an empty text: a blank row, no record)


def test_xlsx_header_formula_no_spreadsheet_computed_is_an_error_naming_the_cell(tmp_path):
    """A header cell holding a formula with no saved value was read as an empty name: its column became
    `column_3` and went unread (a `created_at` lost) without a word. It is an error naming the cell."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["Mentions report"], ["id", "text", '=LOWER("CREATED_AT")'], ["1", "Delta rocks", "2026-01-01"]):
        book.active.append(row)
    book.save(tmp_path / "written.xlsx")
    import re

    shown = """written.xlsx: header cell C2 of sheet 'Sheet' is formula =LOWER("CREATED_AT") with no saved value"""
    with pytest.raises(InputError, match=re.escape(shown)):
        brandpulse.read(tmp_path / "written.xlsx")


@pytest.mark.parametrize("chunksize", [None, 2])
def test_jsonl_lines_without_a_text_key_are_rejected_also_in_a_chunk_of_their_own(tmp_path, chunksize):
    """Read in chunks (`--chunksize`), a chunk of lines none of which has the `text` key stopped the run:
    "no text column (columns: id)". Read whole, the same lines are rejected for their empty text."""
    path = write(tmp_path / "p.jsonl", '{"id": "1", "text": "a"}\n{"id": "2", "text": "b"}\n{"id": "3"}\n{"id": "4"}\n')
    loaded = read_in(path, chunksize)
    assert loaded.posts["post_id"].tolist() == ["1", "2"] and loaded.rows_read == 4
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["line 3", "empty text"],
        ["line 4", "empty text"],
    ]


@pytest.mark.parametrize("name", ["report.xls", "report.xlsx", "report"])
def test_an_old_or_password_protected_workbook_is_named_so(tmp_path, name):
    """An Excel 97-2003 .xls, or an .xlsx saved with a password (both OLE files), was read as a CSV: "no text
    column (columns: ÐÏ\x11à¡±...)" with its binary as the column names, or "cannot read XLSX"."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"text,id\nAcme,1\n")
    error = "an Excel 97-2003 workbook or one with a password: save it as .xlsx or CSV"
    for chunksize in (None, 10):
        with pytest.raises(InputError, match=f"{name}: {error}"):
            read_in(path, chunksize)


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("ext", ["json", "jsonl"])
def test_json_columns_are_those_of_every_object_not_the_first_only(tmp_path, ext, chunksize):
    """Objects with varying keys: `text` missing from the first, `created_at` from the second on. Read in
    chunks, a first chunk of JSON Lines without `text` stopped the run ("no text column"), though read whole
    its line is rejected for its empty text; so did a `--map` column first seen in a later chunk."""
    items = [
        {"id": "1", "body_html": "<p>no text</p>"},
        {"id": "2", "text": "second", "created_at": "2026-01-02T00:00:00Z", "note": "a"},
        {"id": "3", "text": "third", "created_at": "2026-01-03T00:00:00Z", "note": "b"},
    ]
    lines = "".join(json.dumps(item) + "\n" for item in items)
    path = write(tmp_path / f"p.{ext}", json.dumps(items) if ext == "json" else lines)
    loaded = read_in(path, chunksize)
    assert loaded.posts["post_id"].tolist() == ["2", "3"] and loaded.rows_read == 3
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-01-02", tz="UTC"),
        pd.Timestamp("2026-01-03", tz="UTC"),
    ]
    where = "item 1" if ext == "json" else "line 1"
    assert loaded.rejects[["position", "reason"]].values.tolist() == [[where, "empty text"]]
    mapped = read_in(path, chunksize, mapping={"text": "note"})
    assert mapped.posts["text"].tolist() == ["a", "b"]
    assert mapped.rejects[["position", "reason"]].values.tolist() == [[where, "empty text"]]
    none = write(
        tmp_path / f"none.{ext}", json.dumps(items[:1]) if ext == "json" else (lines.split("\n")[0] + "\n") * 3
    )
    with pytest.raises(InputError, match="no text column"):  # (no line has it: the error, also in chunks)
        read_in(none, chunksize)
    if ext == "jsonl" and chunksize:  # ten chunks are held at most: memory stays bounded (a `--map` typo)
        late = write(tmp_path / "late.jsonl", (json.dumps(items[0]) + "\n") * 10 * chunksize + lines)
        with pytest.raises(InputError, match="no text column"):
            read_in(late, chunksize)


def test_parquet_round_trip_keeps_types(tmp_path):
    df = pd.DataFrame({"tweet_id": ["1234567890123456789"], "content": ["hi"], "date": ["2020-05-01T10:00:00+02:00"]})
    df.to_parquet(tmp_path / "p.parquet")
    posts = brandpulse.load(tmp_path / "p.parquet")
    assert posts["post_id"].iloc[0] == "1234567890123456789"
    assert posts["created_at"].iloc[0] == pd.Timestamp("2020-05-01 08:00", tz="UTC")


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_parquet_text_of_bytes_not_utf8_reads_as_replacement_characters(tmp_path, chunksize):
    """A Parquet column of bytes without the UTF-8 annotation (Spark, Hive) holding a byte that is not UTF-8 stopped
    the run: `error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff`, exit 1. Such a byte reads as U+FFFD,
    as a CSV's undecodable byte does, and a column of bytes is its text (`x`, not `b'x'`) in a reject's record."""
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "text": pa.array([b"Acme caf\xc3\xa9", b"Acme \xff bad", b""], pa.binary()),
            "blob": pa.array([b"a", b"b", b"x"], pa.large_binary()),
        }
    )
    pq.write_table(table, tmp_path / "b.parquet")
    loaded = read_in(tmp_path / "b.parquet", chunksize)
    assert loaded.posts["text"].tolist() == ["Acme café", "Acme \ufffd bad"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [
        ["row 3", "empty text", '{"text": "", "blob": "x"}']
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_parquet_files_bytes_not_utf8_are_counted_as_a_csvs_are(tmp_path, chunksize):
    """A string column holding a byte that is not UTF-8 (a writer that did not check) stopped the run with
    `ArrowException: Unknown error: Wrapping ... failed`, exit 1, and a column of bytes read such a byte as U+FFFD
    without a word. Both are read, and the warning counts the rows as a CSV's (`Loaded.warning`, also with -q); a
    U+FFFD the file holds as UTF-8 is its own and is not counted."""
    import pyarrow.parquet as pq

    texts = pa.array([b"Acme caf\xe9 ok", b"Acme fine", b"Acme \xff bad", b"Acme \xef\xbf\xbd own"], pa.binary())
    pq.write_table(pa.table({"id": ["1", "2", "3", "4"], "text": texts.view(pa.string())}), tmp_path / "s.parquet")
    pq.write_table(pa.table({"id": ["1", "2", "3", "4"], "text": texts}), tmp_path / "b.parquet")
    for name in ("s.parquet", "b.parquet"):
        loaded = read_in(tmp_path / name, chunksize)
        assert loaded.posts["text"].tolist() == ["Acme caf\ufffd ok", "Acme fine", "Acme \ufffd bad", "Acme \ufffd own"]
        # (the last chunk's warning is the file's, as the commands show it)
        warning = loaded.warning if chunksize is None else list(iter_read(tmp_path / name, chunksize))[-1].warning
        # rows 1 and 3; row 4's U+FFFD is the file's own, written as UTF-8
        assert warning.startswith("2 rows held bytes that are not UTF-8, read as U+FFFD (row 1, row 3): kept"), warning
        assert "--encoding" not in warning  # (no encoding reads them: Parquet's text is UTF-8)
    clean = pa.table({"text": ["Acme \ufffd own", "Acme fine"]})
    pq.write_table(clean, tmp_path / "c.parquet")
    assert read_in(tmp_path / "c.parquet", chunksize).warning == ""
    out = CliRunner().invoke(main, ["analyze", str(tmp_path / "s.parquet"), "-q", "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert f"warning: {tmp_path / 's.parquet'}: 2 rows held bytes that are not UTF-8" in out.stderr


@pytest.mark.parametrize("chunksize", [None, 2])
def test_parquet_integer_ids_beside_missing_ones_keep_every_digit(tmp_path, chunksize):
    """An int64 id column with a missing value (a post that replies to none) was read as float64:
    1234567890123456789 became 1.2345678901234568e+18 and the row went to rejects as scientific notation."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array([1234567890123456789, 1234567890123456788, None], pa.int64()),
            "text": ["Acme a", "Acme b", "Acme c"],
            "in_reply_to_status_id": pa.array([None, 1234567890123456789, None], pa.int64()),
            "likes": pa.array([7, None, 9], pa.int64()),
        }
    )
    pq.write_table(table, tmp_path / "ids.parquet")
    if chunksize is None:
        loaded = brandpulse.read(tmp_path / "ids.parquet")
    else:
        (loaded, *rest) = list(iter_read(tmp_path / "ids.parquet", chunksize))
        loaded.posts = pd.concat([loaded.posts, *(r.posts for r in rest)], ignore_index=True)
    assert loaded.rejects.empty
    posts = loaded.posts
    assert posts["post_id"].tolist() == ["1234567890123456789", "1234567890123456788", pd.NA]
    assert posts["parent_id"].tolist() == [pd.NA, "1234567890123456789", pd.NA]
    assert posts["likes"].tolist() == [7, pd.NA, 9]


@pytest.mark.parametrize("chunksize", [1, 2])
def test_parquet_rejected_records_read_in_chunks_are_those_read_whole(tmp_path, chunksize):
    """A reject's record is written as read whole, whatever the chunk: an integer column with a missing
    value in some chunks only was float64 there (`3.0`) and int64 in the others (`3`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["1", "2", "3", "4"],
            "text": ["", "Acme", "", ""],
            "likes": pa.array([3, None, 5, 6], pa.int64()),
            "score": pa.array([3.0, 1.5, None, 2.0], pa.float64()),
        }
    )
    pq.write_table(table, tmp_path / "p.parquet")
    loaded = read_in(tmp_path / "p.parquet", chunksize)
    assert loaded.rejects[["position", "record"]].values.tolist() == [
        ["row 1", '{"id": "1", "text": "", "likes": 3, "score": 3.0}'],
        ["row 3", '{"id": "3", "text": "", "likes": 5}'],
        ["row 4", '{"id": "4", "text": "", "likes": 6, "score": 2.0}'],
    ]
    assert loaded.rejects.equals(brandpulse.read(tmp_path / "p.parquet").rejects)


@pytest.mark.parametrize("chunksize", [None, 1])
def test_parquet_rejects_with_list_cells_are_written_not_crashed(tmp_path, chunksize):
    """A list of records reaches pandas as a numpy array of dicts: the rejects' record line writes it as JSON
    (not numpy's `[{'a': 2}]`); lists of scalars and nested records are written as JSON's are. A list of tags was
    written joined, `"b;c"`: the record was not the file's, and `["b;c"]` was written the same."""
    posts = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "text": ["ok", "late", "later"],
            "created_at": ["2026-11-02", "nope", "never"],
            "tags": [["a"], ["b", "c", None], ["b;c"]],
        }
    ).assign(meta=[{"k": 1}, {"k": 2}, {"k": 3}], items=[[{"a": 1}], [{"a": 2}], []])  # a struct, a list of structs
    posts.to_parquet(tmp_path / "l.parquet")
    loaded = read_in(tmp_path / "l.parquet", chunksize)
    assert loaded.posts["post_id"].tolist() == ["1"] and loaded.posts["text"].tolist() == ["ok"]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["row 2", "bad created_at 'nope'"],
        ["row 3", "bad created_at 'never'"],
    ]
    assert json.loads(loaded.rejects["record"].iloc[0]) == {
        "id": "2",
        "text": "late",
        "created_at": "nope",
        "tags": ["b", "c", None],
        "meta.k": 2,
        "items": [{"a": 2}],
    }
    assert json.loads(loaded.rejects["record"].iloc[1])["tags"] == ["b;c"]
    # JSON Lines: its line, the same values, the struct an object as written
    posts.to_json(tmp_path / "l.jsonl", orient="records", lines=True)
    record = json.loads(brandpulse.read(tmp_path / "l.jsonl").rejects["record"].iloc[0])
    parquet = json.loads(loaded.rejects["record"].iloc[0])
    meta = {"k": parquet.pop("meta.k")}
    assert record == {**parquet, "meta": meta}


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_rejects_keep_the_records_json_types(tmp_path, fmt, chunksize):
    """A rejected JSON record came back with its numbers as text (`"likes": "5"`, `"score": "1.5"`, an object
    as a string of JSON): fixed and loaded again, it was not the record the export had."""
    good = {"id": 1, "text": "Acme ok", "created_at": "2026-01-02", "likes": 3}
    bad = {
        "id": 2094226436650274261,  # 19 digits: exact
        "text": "Acme late",
        "created_at": "not a date",
        "likes": 5,
        "score": 1.5,
        "whole": 120.0,
        "sensitive": False,
        "parent_id": None,
        "langs": ["en", "fr"],
        "place": {"name": "Paris", "box": [1, 2]},
        "user": {"screen_name": "bob", "followers_count": 12},
    }
    later = {"id": "3", "text": "Acme", "likes": "many", "score": "1.5"}  # text as text
    items = [good, bad, later]
    data = json.dumps(items) if fmt == "json" else "\n".join(map(json.dumps, items))
    loaded = read_in(write(tmp_path / f"posts.{fmt}", data), chunksize)
    assert loaded.posts["post_id"].tolist() == ["1"]
    records = [json.loads(r) for r in loaded.rejects["record"]]
    assert records == [bad, later]  # as written: nested objects, nulls (`parent_id`), the keys' order
    assert [list(r) for r in records] == [list(bad), list(later)]
    if fmt == "jsonl":  # its line itself
        assert loaded.rejects["record"].tolist() == [json.dumps(bad), json.dumps(later)]
    assert type(records[0]["whole"]) is float and type(records[0]["sensitive"]) is bool
    user = bad["user"]
    # fixed, the record reads as the good one does, `user` aside
    fixed = {**records[0], "created_at": "2026-01-03"}
    again = brandpulse.read(write(tmp_path / "fixed.jsonl", json.dumps(fixed) + "\n"))
    assert again.rejects.empty
    assert again.posts[["post_id", "likes", "author_followers"]].values.tolist() == [
        ["2094226436650274261", 5, user["followers_count"]]
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_json_text_that_is_an_object_or_a_list_is_rejected_as_what_it_is(tmp_path, fmt, chunksize):
    """A text holding an object was rejected as "empty text" (its fields flattened to `text.a`), and a list was read
    as its values joined (`Skylark;rocks`, a post no one wrote). Both are rejected saying what they are; the object's
    fields are a column of their own, which `--map text=text.a` reads."""
    items = [
        {"id": "j1", "text": "Skylark ok"},
        {"id": "j2", "text": ["Skylark", "rocks"]},
        {"id": "j3", "text": [{"a": "Skylark"}]},
        {"id": "j4", "text": []},
        {"id": "j5", "text": {"a": "Skylark"}},
        {"id": "j6", "text": {"a": "Skylark"}, "likes": "x"},
        {"id": "j7", "text": None},
    ]
    data = json.dumps(items) if fmt == "json" else "\n".join(map(json.dumps, items))
    path = write(tmp_path / f"t.{fmt}", data)
    loaded = read_in(path, chunksize)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [["j1", "Skylark ok"]]
    lists, objects = "text is a list, not a string", "text is an object, not a string"
    reasons = [lists, lists, lists, objects, f"bad likes 'x'; {objects}", "empty text"]
    assert loaded.rejects["reason"].tolist() == reasons
    assert [json.loads(r) for r in loaded.rejects["record"]] == items[1:]
    mapped = read_in(path, chunksize, mapping={"text": "text.a"})
    assert mapped.posts[["post_id", "text"]].values.tolist() == [["j5", "Skylark"]]


def test_json_lines_held_for_a_later_text_column_keep_their_types(tmp_path):
    """Lines read before any line named a text column are held and joined to the next chunk: their numbers too."""
    lines = [
        '{"id": 5, "likes": 2}',
        '{"id": 6, "text": "x", "likes": 7, "created_at": "bad"}',
        '{"id": 7, "text": "y"}',
    ]
    loaded = read_in(write(tmp_path / "held.jsonl", "\n".join(lines) + "\n"), 1)
    assert loaded.rejects[["position", "record"]].values.tolist() == [
        ["line 1", '{"id": 5, "likes": 2}'],
        ["line 2", '{"id": 6, "text": "x", "likes": 7, "created_at": "bad"}'],  # (its line)
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_nested_records_read_the_same_from_parquet_as_from_json(tmp_path, chunksize):
    """Nested JSON written to Parquet by pandas keeps its records as struct columns: they were one column of
    dicts (`author` read as "{'name': 'ann', ...}", `author.name` unknown to --map) and a list of languages
    `['en' 'fr']`. They now flatten as JSON's do: `user.screen_name`, `user.entities.url.x`, `en;fr`."""
    records = [
        {"id": "1", "text": "I love Delta", "user": {"screen_name": "ann", "followers_count": 5}, "langs": ["en"]},
        {"id": "2", "text": "Delta lost my bag", "user": {"screen_name": "bob", "followers_count": None}, "langs": []},
        {"id": "3", "text": "Delta", "user": {"screen_name": "cy", "followers_count": 7}, "langs": ["en", "fr"]},
    ]
    write(tmp_path / "n.jsonl", "\n".join(json.dumps(r) for r in records))
    pd.DataFrame(records).to_parquet(tmp_path / "n.parquet")
    options = {"mapping": {"author": "user.screen_name"}}
    from_json = read_in(tmp_path / "n.jsonl", chunksize, **options)
    from_parquet = read_in(tmp_path / "n.parquet", chunksize, **options)
    assert from_parquet.columns == from_json.columns
    assert from_parquet.columns["author_followers"] == "user.followers_count"
    pd.testing.assert_frame_equal(from_parquet.posts, from_json.posts)
    assert from_parquet.posts["author"].tolist() == ["ann", "bob", "cy"]
    assert from_parquet.posts["author_followers"].tolist() == [5, pd.NA, 7]
    assert from_parquet.posts["lang"].tolist() == ["en", pd.NA, "en;fr"]


def test_format_is_sniffed_from_content(tmp_path):
    write(tmp_path / "noext", '{"text": "a"}\n{"text": "b"}\n')
    assert brandpulse.load(tmp_path / "noext")["text"].tolist() == ["a", "b"]
    pd.DataFrame({"text": ["pq"]}).to_parquet(tmp_path / "data.bin")
    assert brandpulse.load(tmp_path / "data.bin")["text"].tolist() == ["pq"]


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv: no such file"):
        brandpulse.read(tmp_path / "nope.csv")
    write(tmp_path / "empty.csv", "")
    loaded = brandpulse.read(tmp_path / "empty.csv")
    assert loaded.rows_read == 0 and loaded.posts.columns.tolist() == brandpulse.POST_COLUMNS
    write(tmp_path / "header.csv", "id,text\n")
    loaded = brandpulse.read(tmp_path / "header.csv")
    assert loaded.rows_read == 0 and len(loaded.posts) == 0


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\xff\xfe", b"\xff\xfe\r\x00\n\x00"])
def test_a_file_of_only_a_byte_order_mark_is_empty_not_an_error(tmp_path, data):
    """An empty sheet saved as "CSV UTF-8" (or UTF-16 text) is its BOM alone: "empty file: no header row", exit 4,
    where a 0-byte file is 0 rows."""
    path = tmp_path / "empty.csv"
    path.write_bytes(data)
    assert (brandpulse.read(path).rows_read, brandpulse.read(path).note) == (0, "empty input")
    (chunk,) = iter_read(path, 10)
    assert (chunk.rows_read, len(chunk.posts), len(chunk.rejects)) == (0, 0, 0)


@pytest.mark.parametrize("name", ["empty.parquet", "empty.parquet.gz"])
def test_a_0_byte_parquet_file_is_empty_not_an_error(tmp_path, name):
    """A 0-byte `.parquet` (an export that failed, as a 0-byte CSV is) stopped `analyze`: `cannot read Parquet:
    Parquet file size is 0 bytes`, exit 4 (`brandpulse.read` said `empty input`), and `--engine dask` exit 1
    (`ArrowInvalid`). It is 0 rows, with the warning of a file of no posts; a damaged Parquet file is still exit 4."""
    import gzip

    from brandpulse.engines.distributed import _pieces

    path = tmp_path / name
    path.write_bytes(gzip.compress(b"") if name.endswith(".gz") else b"")
    (chunk,) = iter_read(path, 10)
    assert (chunk.rows_read, len(chunk.posts), chunk.note) == (0, 0, "empty input")
    result = CliRunner().invoke(main, ["analyze", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "held no posts" in result.stderr and "read 0 rows: analyzed 0" in result.stderr
    assert _pieces(str(path)) == [(str(path), None)]  # (dask's partitions: the file whole, read as above)
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(b"PAR1 not a footer")
    assert _pieces(str(damaged)) == [(str(damaged), None)]  # (read as one piece, whose read says what it is)
    bad = CliRunner().invoke(main, ["analyze", str(damaged), "-f", "csv"])
    assert bad.exit_code == 4 and "damaged.parquet: cannot read Parquet" in bad.stderr


@pytest.mark.parametrize(
    "page", ['{"posts": []}', '{"feed": [], "cursor": null}', '{"data": [], "includes": {}}', '{"results": []}']
)
def test_a_saved_api_page_without_posts_is_empty_not_an_error(tmp_path, page):
    """A saved search that found nothing (Bluesky's `{"posts": []}`, an empty feed) stopped a run with "JSON
    holds no list of posts" (exit 4), where an empty array is 0 rows; a cron job saving each day's page failed
    on a quiet day."""
    loaded = brandpulse.read(write(tmp_path / "page.json", page))
    assert (loaded.rows_read, len(loaded.posts), len(loaded.rejects)) == (0, 0, 0)
    with pytest.raises(InputError, match="JSON holds no list of posts"):  # an object with no such list still is
        brandpulse.read(write(tmp_path / "other.json", '{"errors": [], "title": "Rate limit"}'))


def test_load_warns_about_rejects(tmp_path):
    write(tmp_path / "w.csv", "id,text\n1,a\n2,b,c\n")
    with pytest.warns(UserWarning, match="1 of 2 records rejected"):
        posts = brandpulse.load(tmp_path / "w.csv")
    assert posts["post_id"].tolist() == ["1"]


def test_timestamp_formats():
    values = pd.Series(
        [
            "2015-02-24 11:35:52 -0800",  # airline tweets
            "Wed Oct 10 20:19:24 +0000 2018",  # Twitter API v1
            "2018-10-10T20:19:24.123Z",
            "1539202764",  # epoch seconds
            "1539202764000",  # epoch milliseconds
            "Wed, 10 Oct 2018 22:19:24 +0200",  # RFC 2822 (RSS)
            "2018-10-10 20:19:24",  # naive: UTC
            "not a date",
            "1800-01-01",  # out of range
            "",
        ]
    )
    parsed = parse_timestamps(values)
    expected = [
        pd.Timestamp(x, tz="UTC")
        for x in ["2015-02-24 19:35:52", "2018-10-10 20:19:24", "2018-10-10 20:19:24.123"] + ["2018-10-10 20:19:24"] * 4
    ]
    assert parsed.iloc[:7].tolist() == expected
    assert parsed.iloc[7:].isna().all()


def test_duplicated_column_names_take_the_first(tmp_path):
    write(tmp_path / "d.csv", "id,text,text\n1,first,second\n")
    assert brandpulse.load(tmp_path / "d.csv")["text"].tolist() == ["first"]
    note = brandpulse.read(tmp_path / "d.csv").note  # said, not silent
    assert note == "header names 'text' twice: the first is read, the other kept as 'text.1'"


def test_the_note_on_duplicated_column_names_names_the_columns_map_can_take(tmp_path):
    """The note said "the other kept as NAME.1", a placeholder: which name `--map text=...` takes was left to
    guess. It names the columns as they are kept, each name given twice or more."""
    write(tmp_path / "d.csv", "id,id,text,text,text\n1,2,first,second,third\n")
    note = brandpulse.read(tmp_path / "d.csv").note
    assert note == (
        "header names 'id', 'text' more than once: the first of each is read, "
        "the others kept as 'id.1', 'text.1', 'text.2'"
    )
    third = brandpulse.read(tmp_path / "d.csv", mapping={"text": "text.2", "post_id": "id.1"}).posts
    assert third[["post_id", "text"]].values.tolist() == [["2", "third"]]


def test_a_name_given_again_beside_its_numbered_form_keeps_every_column_apart(tmp_path):
    """`text,text.1,text` kept two columns named `text.1` (the header's own and the second `text`), and
    `--map text=text.1` failed with "AttributeError: 'DataFrame' object has no attribute 'dtype'" (exit 1).
    The second `text` is `text.2` now, as pandas names it, and each column can be taken."""
    write(tmp_path / "d.csv", "id,text,text.1,text\n1,first,second,third\n")
    loaded = brandpulse.read(tmp_path / "d.csv")
    assert loaded.note == "header names 'text' twice: the first is read, the other kept as 'text.2'"
    assert loaded.posts["text"].tolist() == ["first"]
    for column, text in (("text.1", "second"), ("text.2", "third")):
        assert brandpulse.read(tmp_path / "d.csv", mapping={"text": column}).posts["text"].tolist() == [text]


def test_duplicated_column_names_in_a_workbook_are_told_as_in_a_csv(tmp_path):
    """An XLSX's header naming `text` twice read the first without a word (a CSV's says so)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["id", "text", "text"], ["1", "first", "second"]):
        book.active.append(row)
    book.save(tmp_path / "d.xlsx")
    loaded = brandpulse.read(tmp_path / "d.xlsx")
    assert loaded.posts["text"].tolist() == ["first"]
    assert loaded.note == "sheet 'Sheet', header names 'text' twice: the first is read, the other kept as 'text.1'"


@pytest.mark.parametrize("chunksize", [None, 1])
def test_duplicated_column_names_in_parquet_are_told_as_in_a_csv(tmp_path, chunksize):
    """A Parquet file naming `text` twice was "cannot read Parquet: Multiple matches for FieldRef.Name(text)"
    (read in chunks: the first read without a word). The first is read, the other kept as `text.1`, as a CSV's."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [pa.array(["1", "2"]), pa.array(["first", "one"]), pa.array(["second", "two"])]
    pq.write_table(pa.table(columns, names=["id", "text", "text"]), tmp_path / "d.parquet")
    loaded = read_in(tmp_path / "d.parquet", chunksize)
    assert loaded.posts["text"].tolist() == ["first", "one"]
    assert loaded.note == "header names 'text' twice: the first is read, the other kept as 'text.1'"
    other = read_in(tmp_path / "d.parquet", chunksize, mapping={"text": "text.1"})
    assert other.posts["text"].tolist() == ["second", "two"]


@pytest.mark.parametrize("form, chunksize", [("json", None), ("parquet", None), ("parquet", 1)])
def test_a_null_in_a_list_cell_leaves_the_other_items(tmp_path, form, chunksize):
    """A list cell holding a null (`["Acme", null]`) was empty read from Parquet (the whole list joined as null)
    and JSON text `["Acme", null]` read from JSON. Its other items are read, as a list without the null is."""
    import json

    records = [
        {"text": "one", "brands": ["Acme", None], "lang": ["en", None]},
        {"text": "two", "brands": [None], "lang": None},
        {"text": "three", "brands": ["a", None, "b"], "lang": ["de"]},
    ]
    path = tmp_path / f"l.{form}"
    if form == "json":
        path.write_text(json.dumps(records), "utf-8")
    else:
        pd.DataFrame(records).to_parquet(path)
    loaded = read_in(path, chunksize, keep=("brands",))
    assert loaded.rejects.empty
    assert loaded.posts["brands"].tolist()[::2] == ["Acme", "a;b"] and pd.isna(loaded.posts["brands"][1])
    assert loaded.posts["lang"].tolist()[::2] == ["en", "de"]


def test_other_text_columns_left_unread_are_named(tmp_path):
    """A file with `text`, `full_text` and `content` read `text` with no word of the other two. A listening
    tool's title and bodies, read together, and a column kept as it is are not named."""
    path = write(tmp_path / "t.csv", "id,text,full_text,content\n1,short,the full text,the content\n")
    loaded = brandpulse.read(path)
    assert loaded.posts["text"].tolist() == ["short"]
    assert loaded.note == (
        "columns 'text', 'full_text' and 'content' all hold text: text is read from 'text', "
        "--map text=full_text for another"
    )
    assert brandpulse.read(path, mapping={"text": "content"}).note == ""
    assert brandpulse.read(path, keep=("full_text", "content")).note == ""
    two = brandpulse.read(write(tmp_path / "b.csv", "id,body,Snippet\n1,a,b\n"))
    assert (
        two.note
        == "columns 'body' and 'Snippet' all hold text: text is read from 'body', --map text=Snippet for the other"
    )
    talkwalker = brandpulse.read(write(tmp_path / "w.csv", "id,title,content,content_snippet\n1,T,body,snip\n"))
    assert talkwalker.note == "text from 'title' and 'content' or else 'content_snippet'"


def test_a_title_is_the_text_only_when_no_content_column_is_there(tmp_path):
    """A Sprout Social export with `Title` and `Mention Content` read its text from `Title`: the generic `title` came
    before the listening tools' names (and the Spanish, German, French ones). A post's title is read as its text
    only when no other text column is there."""
    sprout = brandpulse.read(write(tmp_path / "s.csv", "id,Title,Mention Content\n1,Kettle thread,Acme kettle broke\n"))
    assert sprout.posts["text"].tolist() == ["Acme kettle broke"]
    assert sprout.note == (
        "columns 'Mention Content' and 'Title' all hold text: text is read from 'Mention Content', "
        "--map text=Title for the other"
    )
    spanish = brandpulse.read(write(tmp_path / "e.csv", "id,title,texto\n1,Hilo,Acme va bien\n"))
    assert spanish.posts["text"].tolist() == ["Acme va bien"]
    alone = brandpulse.read(write(tmp_path / "t.csv", "id,title\n1,Acme news\n"))
    assert (alone.posts["text"].tolist(), alone.note) == (["Acme news"], "")


def test_a_listening_tools_own_id_and_followers_come_before_the_generic_id_and_reach(tmp_path):
    """The generic `Reach` and `Id` were read before the listening tools' own names: a Meltwater export's followers
    were its `Reach` (a news outlet's audience) beside `Twitter Followers`, and a tool's `Resource Id`, `Document ID`
    or `Mention Id` lost to an `Id` column. The tools' names come first; `Impressions` (views, not followers) still
    after `Reach`, and each generic name is read alone as before."""
    cases = {
        "Reach,Twitter Followers,Text\n90000,1500,Acme\n": {"author_followers": ("Twitter Followers", 1500)},
        "Id,Resource Id,Text\n1,r-9,Acme\n": {"post_id": ("Resource Id", "r-9")},
        "Id,Document ID,Text\n1,d-2,Acme\n": {"post_id": ("Document ID", "d-2")},
        "Id,Mention Id,Text\n1,m-3,Acme\n": {"post_id": ("Mention Id", "m-3")},
        "Reach (new),Reach,Text\n700,900,Acme\n": {"author_followers": ("Reach (new)", 700)},
        "Impressions,Reach,Id,Text\n5000,900,7,Acme\n": {"author_followers": ("Reach", 900), "post_id": ("Id", "7")},
        "Impressions,Text\n5000,Acme\n": {"author_followers": ("Impressions", 5000)},
    }
    for i, (text, want) in enumerate(cases.items()):
        loaded = brandpulse.read(write(tmp_path / f"{i}.csv", text))
        for field, (column, value) in want.items():
            assert (loaded.columns[field], loaded.posts[field].iloc[0]) == (column, value), text


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_meltwater_news_row_without_a_tweet_id_gets_its_document_id(tmp_path, chunksize):
    """Meltwater's `Tweet Id` (a platform's id, read before the tool's `Document ID`) is empty on its news rows: they
    had no post id, so the same article exported twice was two posts, and ingested again a third. A row without one
    gets its `Document ID`; a tweet keeps its tweet id (fetched from X too, it is one post), and the note says so.
    `--map post_id=Tweet Id` reads that column alone."""
    meltwater = [
        "Date,Headline,URL,Hit Sentence,Influencer,Tweet Id,Document ID",
        "2026-11-02,Acme shares rise,https://n.example/4,Acme sold more kettles.,Ann,,d-41",
        "2026-11-02,Love my Acme,https://x.com/b/5,Love my Acme,bob,1790000000000000777,d-42",
        "2026-11-03,Acme opens a store,https://n.example/6,The store opens on Friday.,Cy, ,d-43",
    ]
    path = write(tmp_path / "meltwater.csv", "\n".join(meltwater) + "\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts["post_id"].fillna("").tolist() == ["d-41", "1790000000000000777", "d-43"]
    assert loaded.columns["post_id"] == "Tweet Id" and loaded.rejects.empty
    assert "post_id from 'Tweet Id' or else 'Document ID'" in loaded.note
    twice = brandpulse.drop_duplicates(pd.concat([loaded.posts, read_in(path, chunksize).posts]))
    assert len(twice) == 3
    mapped = read_in(path, chunksize, mapping={"post_id": "Tweet Id"})
    assert mapped.posts["post_id"].isna().tolist() == [True, False, True]


def test_column_names_that_differ_only_in_case_are_told_and_chosen_as_spelt(tmp_path):
    """`Text` and `text` (or `Tweet Text` and `tweet_text`) are one name to the aliases: the first was read
    with no word, and `--map text=TEXT` took it too. Now the note names both and how to take the other;
    a --map spelt as one of them takes it, one spelt as neither is an error."""
    path = write(tmp_path / "c.csv", "id,Text,text\n1,upper,lower\n")
    loaded = brandpulse.read(path)
    assert loaded.posts["text"].tolist() == ["upper"]
    assert (
        loaded.note == "columns 'Text' and 'text' are one name: text is read from 'Text', --map text=text for the other"
    )
    exact = brandpulse.read(path, mapping={"text": "text"})
    assert (exact.posts["text"].tolist(), exact.note) == (["lower"], "")
    with pytest.raises(InputError) as err:
        brandpulse.read(path, mapping={"text": "TEXT"})
    assert str(err.value) == (
        f"{path}: mapping {{'text': 'TEXT'}}: columns 'Text' and 'text' both match; name one as it is spelt, "
        "e.g. mapping={'text': 'Text'}"
    )
    one = write(tmp_path / "one.csv", "ID,Tweet Text\n1,a\n")  # one spelling: no note, --map in any case
    assert (
        brandpulse.read(one).note == "" and brandpulse.read(one, mapping={"text": "tweet_text"}).posts["text"][0] == "a"
    )


def test_counts_with_suffixes_and_separators(tmp_path):
    write(tmp_path / "c.csv", 'text,likes,followers\na,"1,234",1.2K\nb,3.0,2M\n')
    posts = brandpulse.load(tmp_path / "c.csv")
    assert posts["likes"].tolist() == [1234, 3]
    assert posts["author_followers"].tolist() == [1200, 2000000]


def test_clean_ids_flags_scientific_notation_with_or_without_a_point():
    ids, bad = clean_ids(pd.Series(["1E+17", "5.70306e+17", " 12 ", "7.00", ""], dtype="string"))
    assert bad.tolist() == [True, True, False, False, False]
    assert ids.tolist()[2:] == ["12", "7", pd.NA]
    assert clean_ids(pd.Series(["1E+17", "12"], dtype="string"))[1].tolist() == [True, False]  # no point
    ids, bad = clean_ids(pd.Series(["1e23456", "7e9a"], dtype="string"))  # Reddit's base-36 ids: no sign
    assert bad.tolist() == [False, False] and ids.tolist() == ["1e23456", "7e9a"]
    ids, bad = clean_ids(pd.Series(["11", "12"], dtype="string"))  # digits only: the regexes are skipped
    assert bad.tolist() == [False, False] and ids.tolist() == ["11", "12"]


def test_drop_duplicates_keys_on_platform_and_id_or_without_one_on_the_post_itself():
    t = pd.Timestamp("2026-11-02T10:00Z")
    posts = pd.DataFrame(
        {
            "platform": pd.array(["x", "x", "y", None, None, "x", "x", "x", "x"], dtype="string"),
            "post_id": pd.array(["1", "1", "1", "1", "1", None, None, None, None], dtype="string"),
            "author": pd.array(["a", "b", "a", "a", "a", "u", "u", "u", "v"], dtype="string"),
            "created_at": [t] * 9,
            "text": pd.array(["s", "t", "s", "s", "s", "hi", "hi", "hi!", "hi"], dtype="string"),
        }
    )
    # (x,1) twice: the first is kept; (y,1) differs by platform; (NA,1) twice; without an id, the same
    # platform, author, time and text is the same post (as the store counts it): 6 repeats 5, 7 and 8 differ
    assert brandpulse.drop_duplicates(posts).index.tolist() == [0, 2, 3, 5, 7, 8]


def test_drop_duplicates_of_a_frame_built_by_hand_with_only_some_columns():
    # README's Library: analyze takes a frame with only `text`; drop_duplicates raised KeyError 'post_id'
    posts = pd.DataFrame({"text": ["hi", "yo", "hi", "hey"]}, index=[10, 20, 30, 40])
    kept = brandpulse.drop_duplicates(posts)
    assert kept.index.tolist() == [10, 20, 40] and kept.columns.tolist() == ["text"]
    # with an author but no id or platform: the same author and text is the same post
    posts = pd.DataFrame({"text": ["a", "a", "a"], "author": ["u", "v", "u"], "likes": [1, 2, 3]})
    assert brandpulse.drop_duplicates(posts).index.tolist() == [0, 1]
    # ids without a platform nor an author: equal ids are one post of the same text, two of other texts (an id alone
    # names no post across files; until stop 54 they were one, whatever the text)
    posts = pd.DataFrame({"post_id": ["1", "1", "2", "1"], "text": ["a", "b", "a", "a"]})
    assert brandpulse.drop_duplicates(posts).index.tolist() == [0, 1, 2]


def test_drop_duplicates_takes_an_empty_id_for_no_id_as_the_store_does():
    # a frame whose missing ids are "" (pd.read_csv(keep_default_na=False), .fillna("")): three
    # different posts were one post with the id "", and two of them were dropped
    for dtype in (object, "string"):
        ids = pd.Series(["", "", "", "", "7", "7"], dtype=dtype)
        posts = pd.DataFrame({"post_id": ids, "platform": "x", "author": "u", "text": ["a", "b", "c", "a", "d", "e"]})
        # without an id, the same platform, author and text is the same post (row 3 repeats row 0)
        assert brandpulse.drop_duplicates(posts).index.tolist() == [0, 1, 2, 4]


def test_read_and_load_take_open_files_and_streams(tmp_path, monkeypatch):
    """A notebook's `open(...)`, `io.BytesIO(response.content)`, `io.StringIO(text)` or `sys.stdin`: a
    TypeError ("expected str, bytes or os.PathLike object"); the format is told by the name, else the content."""
    path = write(tmp_path / "posts.csv", HEADER + "1,Skyway lost my bag,2026-11-02,ann,3\n2,,2026-11-02,bob,1\n")
    with open(path, "rb") as fh:
        loaded = brandpulse.read(fh)
    assert loaded.posts["text"].tolist() == ["Skyway lost my bag"] and loaded.posts["likes"].isna().all()
    assert loaded.rejects[["source", "position", "reason"]].values.tolist() == [[str(path), "line 3", "empty text"]]
    with open(path, encoding="utf-8") as fh, pytest.warns(UserWarning, match="1 of 2 records rejected"):
        assert brandpulse.load(fh)["reposts"].tolist() == [3]
    lines = '{"id": "7", "text": "naïve"}\n{"id": "8", "text": "déjà vu"}\n'
    for stream in (io.BytesIO(lines.encode()), io.StringIO(lines)):
        posts = brandpulse.load(stream)
        assert posts["post_id"].tolist() == ["7", "8"] and posts["text"].tolist() == ["naïve", "déjà vu"]
    stdin = io.TextIOWrapper(io.BytesIO("text\nnaïve\n".encode("cp1252")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    loaded = brandpulse.read(stdin)  # its bytes, so their encoding is detected
    assert loaded.posts["text"].tolist() == ["naïve"] and loaded.rejects.empty


def test_read_of_a_frame_reads_it_as_a_files_cells():
    """`brandpulse.load(df)` on a frame was os.stat's "path should be string, bytes, os.PathLike or integer, not
    DataFrame", which named no step to take; then a TypeError pointing to analyze(). A frame is read as a file's cells
    are, its posts without text its rejects (`tests/test_library.py`). Another type is a TypeError naming the
    function called (`load(x)` was told "read() takes ...")."""
    frame = pd.DataFrame({"text": ["Skyway lost my bag"], "platform": ["X"]})
    assert brandpulse.load(frame)["platform"].tolist() == ["twitter"]
    assert brandpulse.read(frame).posts["platform"].tolist() == ["twitter"]
    with pytest.raises(TypeError, match=r"^read\(\) takes a file name, an open file or a DataFrame, not list$"):
        brandpulse.read(["posts.csv"])
    with pytest.raises(TypeError, match=r"^load\(\) takes a file name, an open file or a DataFrame, not list$"):
        brandpulse.load(["posts.csv"])


def test_the_library_calls_on_a_list_raise_a_type_error(tmp_path):
    """README: a wrong argument type is a TypeError. `drop_duplicates`, `brand_summary`, `topic_summary`,
    `extreme_posts` and `store.ingest` given a list of posts (or a Series) raised AttributeError ("'list'
    object has no attribute 'columns'"), and `store.ingest` had made the store first."""
    from brandpulse import store

    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])])
    posts = [{"text": "Skyway lost my bag"}]
    with pytest.raises(TypeError, match=r"^drop_duplicates\(\) takes a DataFrame of posts, not list$"):
        brandpulse.drop_duplicates(posts)
    with pytest.raises(TypeError, match=r"^drop_duplicates\(\) takes a DataFrame of posts, not Series$"):
        brandpulse.drop_duplicates(pd.Series(["Skyway"]))
    for call, who in [
        (lambda: brandpulse.brand_summary(posts, config), "brand_summary"),
        (lambda: brandpulse.topic_summary(posts, config), "topic_summary"),
        (lambda: brandpulse.extreme_posts(posts, 5, config=config), "extreme_posts"),
    ]:
        with pytest.raises(TypeError, match=rf"^{who}\(\) takes analyze\(\)'s DataFrame, not list$"):
            call()
    with pytest.raises(TypeError, match=r"^ingest\(\) takes a DataFrame of posts, not list$"):
        store.ingest(tmp_path / "h.duckdb", posts)
    assert not (tmp_path / "h.duckdb").exists()


def test_epoch_times_parse_without_a_pandas_warning():
    """Epoch seconds with no milliseconds beside them (or the other way round): pandas 2.3 warned
    (FutureWarning, "array concatenation with empty entries") in every notebook loading them."""
    import warnings

    for values, expected in (
        (["1762077600", "1762081200"], ["2025-11-02 10:00", "2025-11-02 11:00"]),
        (["1762077600000"], ["2025-11-02 10:00"]),
        (["1762077600", "1762081200000"], ["2025-11-02 10:00", "2025-11-02 11:00"]),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = parse_timestamps(pd.Series(values, dtype="string"))
        assert parsed.tolist() == [pd.Timestamp(v, tz="UTC") for v in expected]


def test_map_option_errors_name_the_flag_in_a_command_alone():
    """`parse_map_options` called from Python said `--map 'text'`, a flag a notebook has none of: it names `mapping`
    (`read`'s keyword for what it gives), and `--map` while a command runs."""
    from brandpulse.errors import on_the_command_line
    from brandpulse.sources.columns import parse_map_options

    assert parse_map_options(["text=Body", " created_at = Date "]) == {"text": "Body", "created_at": "Date"}
    with pytest.raises(ConfigError, match=r"^mapping 'text': expected FIELD=COLUMN, e\.g\. 'text=body'$"):
        parse_map_options(["text"])
    with pytest.raises(ConfigError, match=r"^mapping 'txt=a': unknown field 'txt', did you mean 'text'\? \(fields: "):
        parse_map_options(["txt=a"])
    # the column named first, as `--map body=text` (the fields' order, FIELD=COLUMN, said nothing of)
    with pytest.raises(
        ConfigError, match=r"^mapping 'body=text': unknown field 'body'; the field comes first: text=body"
    ):
        parse_map_options(["body=text"])
    with pytest.raises(ConfigError, match=r"^mapping 'zzz=q': unknown field 'zzz' \(fields: post_id, "):
        parse_map_options(["zzz=q"])
    with pytest.raises(ConfigError, match=r"^mapping: 'text' is mapped twice, to 'a' and to 'b'$"):
        parse_map_options(["text=a", "text=b"])
    with on_the_command_line():
        with pytest.raises(ConfigError, match=r"^--map 'text': expected FIELD=COLUMN, e\.g\. --map text=body$"):
            parse_map_options(["text"])
        with pytest.raises(ConfigError, match=r"^--map: 'text' is mapped twice, to 'a' and to 'b'$"):
            parse_map_options(["text=a", "text=b"])


def test_read_checks_its_mapping_and_date_order(tmp_path):
    """From Python, `mapping={"created": "when"}` (a misspelt field) left the column unread and every time
    empty, without a word; `{"caption": "text"}` (the wrong way round) and `date_order="DMY"` likewise."""
    from brandpulse.errors import ConfigError

    path = write(tmp_path / "cap.csv", "caption,when\nI love Skyway,02/11/2026\n")
    with pytest.raises(ConfigError, match=r"mapping \{'created': 'when'\}: unknown field 'created'; a mapping is"):
        brandpulse.read(path, mapping={"text": "caption", "created": "when"})
    with pytest.raises(ConfigError, match="unknown field 'caption'"):
        brandpulse.load(path, mapping={"caption": "text"})
    with pytest.raises(ConfigError, match=r"date_order 'DMY': expected one of 'dmy', 'mdy' or None"):
        brandpulse.read(path, mapping={"text": "caption", "created_at": "when"}, date_order="DMY")
    with pytest.raises(ConfigError, match="unknown field 'created'"):
        next(iter_read(path, 10, mapping={"created": "when"}))
    posts = brandpulse.load(path, mapping={"text": "caption", "created_at": "when"}, date_order="dmy")
    assert posts["created_at"].tolist() == [pd.Timestamp("2026-11-02", tz="UTC")]
    # `fields=["nope"]` (a misspelt field) read the text alone without a word, from a file and from a frame
    for source in (path, pd.DataFrame({"text": ["I love Skyway"]})):
        with pytest.raises(ConfigError, match=r"^fields 'likez': unknown field \(fields: post_id, "):
            brandpulse.read(source, mapping={"text": "caption"} if source is path else None, fields=["likes", "likez"])
    with pytest.raises(ConfigError, match="fields 'txt': unknown field"):
        brandpulse.load(path, fields="txt")
    assert brandpulse.load(path, mapping={"text": "caption"}, fields="likes")["text"].tolist() == ["I love Skyway"]


def test_read_dash_takes_a_stdin_of_text_only(monkeypatch):
    """A notebook's (or a test's) `sys.stdin` may be text with no `.buffer`: `read("-")` raised
    AttributeError: '_io.StringIO' object has no attribute 'buffer'."""
    monkeypatch.setattr("sys.stdin", io.StringIO("text,likes\nnaïve,2\n"))
    loaded = brandpulse.read("-")
    assert loaded.posts["text"].tolist() == ["naïve"] and loaded.posts["likes"].tolist() == [2]
    assert loaded.rejects.empty and loaded.rows_read == 1


def test_read_takes_one_keep_column_or_field_as_a_string(tmp_path):
    """`keep="score"` was the columns 's', 'c', ... (InputError "no column 's'"), and `fields="likes"` read
    the fields 'l', 'i', ...: none, so the likes stayed empty without a word."""
    path = write(tmp_path / "k.csv", "text,score\nI love Skyway,5\n")
    assert brandpulse.load(path, keep="score")["score"].tolist() == ["5"]
    loaded = brandpulse.read(path, fields="likes")
    assert loaded.columns == {"text": "text", "likes": "score"} and loaded.posts["likes"].tolist() == [5]


def test_read_expands_a_path_from_the_home_folder(tmp_path, monkeypatch):
    """`brandpulse.load("~/exports/posts.csv")` in a notebook (no shell to expand `~`): "no such file"."""
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path / "posts.csv", "text\nI love Skyway\n")
    assert brandpulse.load("~/posts.csv")["text"].tolist() == ["I love Skyway"]
    assert [c.posts["text"].tolist() for c in iter_read("~/posts.csv", 10)] == [["I love Skyway"]]
    with pytest.raises(InputError, match="nope.csv: no such file"):
        brandpulse.load("~/nope.csv")


def test_a_parquet_file_whose_name_is_not_utf8_is_read_by_every_path(tmp_path):
    """pyarrow takes no file name that is not UTF-8 (`caf\\xe9.parquet` from a Latin-1 system, or `café` under
    `LC_ALL=C PYTHONUTF8=0`): `--engine dask` stopped with "UnicodeEncodeError: ... surrogates not allowed"
    (exit 1), and the check of every file's `--map` before the first is read passed such a file unchecked."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    from brandpulse.engines.distributed import _pieces, load_piece
    from brandpulse.sources import check_columns

    path = str(tmp_path / os.fsdecode(b"caf\xe9.parquet"))
    with open(path, "wb") as fh:
        pq.write_table(pa.table({"id": ["1", "2", "3"], "text": ["a", None, "c"]}), fh, row_group_size=2)
    pieces = _pieces(path)
    assert pieces == [(path, 0), (path, 1)]
    parts = [load_piece(piece, None, None) for piece in pieces]
    assert [p.posts["post_id"].tolist() for p in parts] == [["1"], ["3"]]
    assert parts[0].rejects[["position", "reason"]].values.tolist() == [["row 2", "empty text"]]
    with pytest.raises(InputError, match="nope"):
        check_columns([path], mapping={"text": "nope"}, first=True)


def test_cells_that_say_no_value_are_no_value_not_a_rejected_post_nor_an_id(tmp_path):
    """`nan`, `None`, `NaT` (pandas' `astype(str)`), `NULL` (an SQL dump), `#N/A` (Excel), `N/A` and `-` in a
    count or time rejected their post ("bad likes 'N/A'"), and posts whose id was `nan` were one post: the second
    dropped as a duplicate. They are empty cells now; a text or author of those words is kept as written."""
    path = write(
        tmp_path / "n.csv",
        "id,text,author,likes,created_at,lang\n"
        "nan,first post,null,N/A,NaT,nan\n"
        "nan,second post,None,#N/A,NULL,None\n"
        "3,None,bob,-,2024-01-02,en\n"
        "NULL,fourth,ann,12,-,<NA>\n",
    )
    loaded = brandpulse.read(path)
    assert loaded.rejects.empty
    posts = loaded.posts
    assert posts["text"].tolist() == ["first post", "second post", "None", "fourth"]
    assert posts["author"].tolist() == ["null", "None", "bob", "ann"]
    assert posts["post_id"].isna().tolist() == [True, True, False, True]
    assert posts["likes"].isna().tolist() == [True, True, True, False] and posts["likes"][3] == 12
    assert posts["created_at"].isna().tolist() == [True, True, False, True]
    assert posts["lang"].isna().tolist() == [True, True, False, True]
    assert len(brandpulse.pipeline.drop_duplicates(posts)) == 4


def test_cells_that_say_no_value_with_spaces_around_are_no_value_too(tmp_path):
    """A hand-written CSV (`a, b, c`): " None " was still the id "None" (ids are read stripped), so two posts
    were one and the second was dropped as a duplicate; " N/A" rejected its post ("bad likes ' N/A'")."""
    path = write(
        tmp_path / "n.csv",
        "id,text,likes,platform\n None ,first post, N/A , None\n None ,second post,2,twitter\n 7 ,third,3 ,twitter\n",
    )
    loaded = brandpulse.read(path)
    assert loaded.rejects.empty
    posts = loaded.posts
    assert posts["post_id"].tolist()[2] == "7" and posts["post_id"].isna().tolist() == [True, True, False]
    assert posts["likes"].isna().tolist() == [True, False, False] and posts["likes"].tolist()[1:] == [2, 3]
    assert posts["platform"].isna().tolist() == [True, False, False]
    assert len(brandpulse.pipeline.drop_duplicates(posts)) == 3


@pytest.mark.parametrize("chunksize", [None, 1])
def test_excel_for_mac_csv_is_read_as_mac_roman(tmp_path, chunksize):
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR alone and writes Mac Roman: "Café" (é is byte 0x8E)
    was read as cp1252's "CafŽ", "—" (0xD1) as "Ñ". A file of CR lines whose bytes are not UTF-8 is Mac Roman."""
    path = write(tmp_path / "mac.csv", "id,text,Réponse\r1,Café Acme — “good”,oui\r2,plain,non\r", "mac_roman")
    loaded = read_in(path, chunksize, keep=("Réponse",))
    assert loaded.posts["text"].tolist() == ["Café Acme — “good”", "plain"]
    assert loaded.posts["Réponse"].tolist() == ["oui", "non"]
    assert loaded.note == "mac_roman, delimiter ','"
    crlf = write(tmp_path / "win.csv", "id,text\r\n1,Café Ž\r\n", "cp1252")  # CR LF: Windows, cp1252 as before
    assert brandpulse.read(crlf).posts["text"].tolist() == ["Café Ž"]


CJK_POSTS = {
    "cp932": ["カイロのイヤホンが壊れた。左側から音が出ない", "Kairo Buds 2 の接続が切れる。故障ですか？"],
    "euc_jp": ["カイロの画面が割れた。修理にいくらかかりますか", "カイロ最高！ありがとう"],
    "cp949": ["카이로폰 배터리가 너무 빨리 닳아요", "카이로 이어폰 고장났어요. 환불 가능한가요?"],
    "gb18030": ["凯罗手机又死机了，我想退款", "凯罗耳机坏了，怎么退款？这个客服说不行"],
    "cp950": ["凱羅手機螢幕壞了，可以保固嗎？", "凱羅客服都不回訊息，這個很爛"],
}


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("encoding", list(CJK_POSTS))
def test_a_legacy_cjk_export_is_read_in_its_encoding(tmp_path, encoding, chunksize):
    """A Japanese tool's Shift_JIS export (Excel's "CSV" on a Japanese Windows), a Chinese one's GB18030, a Taiwanese
    one's Big5, a Korean one's EUC-KR: read as cp1252, "カイロ" was "ƒJƒCƒ", in no brand, and the posts "English".
    EUC-KR's Hangul are GB2312's commonest characters byte for byte: the Korean file must not be read as Chinese."""
    texts = CJK_POSTS[encoding]
    body = "id,text\r\n" + "".join(f"{i},{t}\r\n" for i, t in enumerate(texts, 1))
    path = write(tmp_path / "export.csv", body, encoding)
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == texts
    assert loaded.note == f"{encoding}, delimiter ','"


def test_a_gb18030_export_of_every_language_is_gb18030(tmp_path):
    """GB18030 writes kana and Hangul too: a Chinese tool's export of Japanese, Korean and Chinese posts."""
    texts = [*CJK_POSTS["cp932"], *CJK_POSTS["cp949"], CJK_POSTS["gb18030"][0]]
    path = write(tmp_path / "apac.csv", "id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(texts)), "gb18030")
    assert brandpulse.load(path)["text"].tolist() == texts


@pytest.mark.parametrize("chunksize", [None, 10])
@pytest.mark.parametrize("encoding", ["gb18030", "cp932"])
def test_cjk_posts_after_the_first_64_kib_still_tell_the_encoding(tmp_path, encoding, chunksize):
    """An English export with one Chinese (Japanese) post after its first 64 KiB: only those were looked at, none
    was beyond ASCII, and the post read as cp1252, "达美航空的服务很好" as "´ïÃÀº½¿յķþÎñºܺÃ"."""
    texts = [f"Delta flight number {i} was on time" for i in range(3000)] + [CJK_POSTS[encoding][1]]
    path = write(tmp_path / "e.csv", "id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(texts)), encoding)
    assert path.stat().st_size > 1 << 16
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == texts
    assert loaded.note == f"{encoding}, delimiter ','"


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_cjk_posts_in_utf16_without_a_bom_are_text(tmp_path, encoding, chunksize):
    """UTF-16 without a BOM was told by its NULs, a quarter of its bytes at least: Chinese posts have few ASCII
    characters, and the file was "not a text file (binary data)", exit 4."""
    texts = [CJK_POSTS["gb18030"][0] + "，" + CJK_POSTS["cp950"][1], CJK_POSTS["cp932"][0]]
    body = "id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(texts))
    loaded = read_in(write(tmp_path / "zh.csv", body, encoding), chunksize)
    assert loaded.posts["text"].tolist() == texts and loaded.note == f"{encoding}, delimiter ','"
    lines = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    assert read_in(write(tmp_path / "zh.jsonl", lines, encoding), chunksize).posts["text"].tolist() == texts


@pytest.mark.parametrize("chunksize", [None, 1])
def test_encoding_given_is_read_and_a_doubtful_guess_says_so(tmp_path, chunksize):
    """Two Chinese brand names, none of the commonest characters: read as cp1252 ("´ïÃÀº½¿Õ great"), without a
    word and with no way to say otherwise. The note names the encodings it may be in; `encoding=` reads it so."""
    path = write(tmp_path / "few.csv", "id,text\n1,达美航空 great\n2,Delta ok\n", "gb18030")
    guessed = read_in(path, chunksize)
    assert "--encoding" in guessed.note and "gb18030" in guessed.note
    loaded = read_in(path, chunksize, encoding="GB18030")
    assert loaded.posts["text"].tolist() == ["达美航空 great", "Delta ok"]
    assert loaded.note == "gb18030, delimiter ','"
    latin = write(tmp_path / "pt.csv", "id,text\n1,ações e coração\n", "cp1252")  # (cp1252's words: no doubt)
    assert read_in(latin, chunksize).note == "utf-8 with cp1252 bytes, delimiter ','"
    forced = read_in(latin, chunksize, encoding="utf-8")  # (as told: what is not UTF-8 is U+FFFD, no fallback)
    assert forced.posts["text"].tolist() == ["a\ufffd\ufffdes e cora\ufffd\ufffdo"] and forced.note == ""


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_rows_with_bytes_the_encoding_cannot_decode_are_counted_and_kept(tmp_path, chunksize):
    """`--encoding gb18030` of a file with bytes GB18030 has no character for: they became U+FFFD, and nothing said
    so. The warning counts the rows (over all the chunks of a streamed file), names the first three, keeps them."""
    lines = ["id,text", "1,达美航空 great", "2,bad \xff here", "3,fine", "4,\xff\xff twice", "5,\xff again", "6,x\xff"]
    path = tmp_path / "zh.csv"
    path.write_bytes("\n".join(lines).encode("gb18030").replace("\xff".encode("gb18030"), b"\xff") + b"\n")
    if chunksize is None:
        loaded = brandpulse.read(path, encoding="gb18030")
        posts, warning = loaded.posts, loaded.warning
    else:
        chunks = list(iter_read(path, chunksize, encoding="gb18030"))
        posts, warning = pd.concat([c.posts for c in chunks]), chunks[-1].warning
    assert posts["text"].tolist() == [
        "达美航空 great",
        "bad \ufffd here",
        "fine",
        "\ufffd\ufffd twice",
        "\ufffd again",
        "x\ufffd",
    ]
    assert warning.startswith(
        "4 rows held bytes its encoding cannot decode, read as U+FFFD (line 3, line 5, line 6, ...)"
    )
    clean = write(tmp_path / "ok.csv", "id,text\n1,达美航空 great\n", "gb18030")
    assert brandpulse.read(clean, encoding="gb18030").warning == ""


def test_a_json_lines_row_with_bytes_not_utf8_is_counted_on_the_command_line(tmp_path):
    """`analyze --encoding utf-8` of JSON Lines with a cp1252 byte: its text held U+FFFD without a word; the warning
    names the file and line, also with -q."""
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"id": "1", "text": "Delta caf\xe9"}\n{"id": "2", "text": "Delta ok"}\n')
    result = CliRunner().invoke(
        main, ["analyze", "-q", "--encoding", "utf-8", "-f", "csv", str(path), "--brand", "Delta"]
    )
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: 1 row held bytes its encoding cannot decode, read as U+FFFD (line 1)" in result.stderr
    assert "Delta caf\ufffd" in result.stdout


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("own.csv", "id,text\n1,Delta caf\ufffd\n2,Delta ok\n".encode(), None),
        ("own.jsonl", '{"id": "1", "text": "Delta caf\ufffd"}\n{"id": "2", "text": "Delta ok"}\n'.encode(), None),
        ("own.json", '[{"id": "1", "text": "Delta caf\ufffd"}, {"id": "2", "text": "Delta ok"}]'.encode(), None),
        ("latin.csv", "id,text\n1,Delta caf\ufffd\n2,Delta café\n".encode() + b"3,Delta caf\xe9\n", None),
        ("zh.csv", "id,text\n1,达美 caf\ufffd\n2,Delta ok\n".encode("gb18030"), "gb18030"),
        ("u16.csv", "id,text\n1,Delta caf\ufffd\n2,Delta ok\n".encode("utf-16"), None),
    ],
    ids=["utf8-csv", "utf8-jsonl", "utf8-json", "cp1252-csv", "gb18030-csv", "utf16-csv"],
)
def test_a_file_holding_its_own_fffd_is_not_said_to_hold_undecodable_bytes(tmp_path, chunksize, name, data, encoding):
    """A file saved after another tool lost bytes (UTF-8's EF BF BD, `caf\ufffd`): `analyze` warned "1 row held bytes
    its encoding cannot decode, ...: --encoding NAME reads the file in another one", and no encoding did. Only a
    U+FFFD decoding made is counted (`test_rows_with_bytes_the_encoding_cannot_decode_are_counted_and_kept`)."""
    path = tmp_path / name
    path.write_bytes(data)
    if chunksize is None:
        loaded = brandpulse.read(path, encoding=encoding)
        posts, warning = loaded.posts, loaded.warning
    else:
        chunks = list(iter_read(path, chunksize, encoding=encoding))
        posts, warning = pd.concat([c.posts for c in chunks]), " ".join(c.warning for c in chunks)
    assert "\ufffd" in posts["text"].iloc[0]
    assert "cannot decode" not in warning


@pytest.mark.parametrize("chunksize", [None, 5000])
def test_cjk_text_past_the_first_mib_and_in_json_gets_the_doubtful_guess_note(tmp_path, chunksize):
    """GB18030 posts past a CSV's first MiB (a week's export whose Chinese posts came late), and in JSON or JSON
    Lines anywhere, were read as cp1252 ("´ïÃÀº½¿Õ great") with no "--encoding" note, where a CSV's first MiB got it."""
    body = "id,text\n" + "".join(f"{i},Delta was fine on flight {i}\n" for i in range(40_000)) + "99,达美航空 great\n"
    path = write(tmp_path / "late.csv", body, "gb18030")
    assert path.stat().st_size > 1 << 20
    note = "text not UTF-8 read as cp1252 (if it reads wrong: --encoding euc_jp or cp949 or gb18030 or cp950)"
    if chunksize is None:
        assert note in brandpulse.read(path).note
    else:
        assert note in list(iter_read(path, chunksize))[-1].note
    lines = write(tmp_path / "p.jsonl", '{"id": "1", "text": "达美航空 great"}\n{"id": "2", "text": "ok"}\n', "gb18030")
    assert note in read_in(lines, chunksize if chunksize is None else 1).note
    whole = write(tmp_path / "p.json", '[{"id": "1", "text": "达美航空 great"}]', "gb18030")
    assert note in brandpulse.read(whole).note
    latin = write(tmp_path / "pt.jsonl", '{"id": "1", "text": "ações e coração"}\n', "cp1252")  # (no doubt)
    assert "--encoding" not in brandpulse.read(latin).note


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_encoding_given_reads_json_and_overrides_a_wrong_guess(tmp_path, fmt):
    """cp1252 bytes that are also GB18030 (`encoding=` wins), and JSON given as UTF-16 without a BOM."""
    posts = [{"id": "1", "text": "Ça coûte cher, Delta"}]
    body = json.dumps(posts, ensure_ascii=False) if fmt == "json" else json.dumps(posts[0], ensure_ascii=False)
    path = write(tmp_path / f"p.{fmt}", body + "\n", "cp1252")
    assert brandpulse.read(path, encoding="cp1252").posts["text"].tolist() == ["Ça coûte cher, Delta"]
    wide = write(tmp_path / f"w.{fmt}", body.replace("Ça coûte cher", "达美航空") + "\n", "utf-16-le")
    assert brandpulse.read(wide, encoding="utf-16-le").posts["text"].tolist() == ["达美航空, Delta"]
    with pytest.raises(ValueError, match="unknown encoding 'nope'"):
        brandpulse.read(path, encoding="nope")


def test_encoding_given_to_iter_read_is_not_left_set_between_its_chunks(tmp_path):
    """`iter_read(..., encoding=)` set it for its caller too while it held a chunk: another file read in between was
    decoded as GB18030 ("café" as "caf茅")."""
    from brandpulse.sources import iter_read

    wide = write(tmp_path / "zh.csv", "id,text\n1,达美航空 great\n2,Delta ok\n", "gb18030")
    latin = write(tmp_path / "fr.csv", "id,text\n1,café olé\n", "utf-8")
    chunks = iter_read(wide, 1, encoding="gb18030")
    assert next(chunks).posts["text"].tolist() == ["达美航空 great"]
    assert brandpulse.read(latin).posts["text"].tolist() == ["café olé"]
    assert [c.posts["text"].tolist() for c in chunks] == [["Delta ok"]]
    two = write(tmp_path / "zh2.csv", "id,text\n1,Delta ok\n2,达美航空 great\n", "gb18030")
    first, other = iter_read(two, 1, encoding="gb18030"), iter_read(latin, 1, encoding="cp1252")  # (each as given)
    assert next(first).posts["text"].tolist() == ["Delta ok"]
    assert next(other).posts["text"].tolist() == ["cafÃ© olÃ©"]
    assert next(first).posts["text"].tolist() == ["达美航空 great"]


def test_encoding_option_on_every_command_reading_files(tmp_path):
    """`--encoding` on analyze and the commands reading FILES; a name Python does not know is a usage error (2),
    and without FILES it says it is for FILES."""
    path = write(tmp_path / "few.csv", "id,text,date\n1,达美航空 great,2024-01-01\n", "gb18030")
    runner = CliRunner()
    out = runner.invoke(main, ["analyze", str(path), "--brand", "Delta=达美", "--encoding", "gb18030", "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert "达美航空 great" in out.stdout and "Delta" in out.stdout.splitlines()[1]
    bad = runner.invoke(main, ["analyze", str(path), "--encoding", "nope"])
    assert bad.exit_code == 2 and "unknown encoding 'nope'" in bad.output
    for command in ["report", "alerts", "queue", "ingest", "query test", "evaluate", "train", "analyze"]:
        assert "--encoding" in runner.invoke(main, [*command.split(), "--help"]).output, command
    store = tmp_path / "s.duckdb"
    lost = runner.invoke(main, ["report", "--store", str(store), "--encoding", "gb18030"])
    assert lost.exit_code == 2 and "--encoding is for FILES" in lost.output


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize(("given", "saved"), [("utf-16", "utf-16-le"), ("UTF16", "utf-16-be"), ("utf-32", "utf-32-le")])
def test_encoding_utf16_reads_a_file_without_a_bom(tmp_path, chunksize, given, saved):
    """`--encoding utf-16` (Excel's "Unicode text", named as Windows names it) of a file without a byte-order mark
    stopped the run: `error: UnicodeError: UTF-16 stream does not start with BOM`, exit 1. Its byte order is read
    from its NUL bytes, as a file without a BOM is when no encoding is given; a BOM still says it."""
    path = write(tmp_path / "u.csv", "id\ttext\r\n1\tAcme café\r\n2\tAcme two\r\n", saved)
    loaded = read_in(path, chunksize, encoding=given)
    assert loaded.posts["text"].tolist() == ["Acme café", "Acme two"]
    with_bom = write(tmp_path / "b.csv", "\ufeffid\ttext\r\n1\tAcme café\r\n", saved)
    assert read_in(with_bom, chunksize, encoding=given).posts["text"].tolist() == ["Acme café"]


@pytest.mark.parametrize("name", ["idna", "punycode", "rot13", "base64", "hex", "undefined"])
def test_an_encoding_that_cannot_read_a_file_is_a_usage_error(name):
    """`--encoding idna` (a codec of host names, which cannot replace a byte) was taken, and the run stopped with
    `error: UnicodeError: Unsupported error handling replace`, exit 1; then it was `unknown encoding 'idna'`, which
    Python knows. `rot13` and `base64` stopped the run with `LookupError: 'rot-13' is not a text encoding`, exit 1,
    and `punycode` read the file as 0 rows without a word. Each is a usage error saying what it is."""
    result = CliRunner().invoke(main, ["analyze", "-", "--encoding", name], input="text\nAcme\n")
    assert result.exit_code == 2, result.output
    assert f"'{name}' is not a text encoding" in result.output and "unknown" not in result.output
    with pytest.raises(ValueError, match=f"'{name}' is not a text encoding"):
        brandpulse.read(io.StringIO("text\nAcme\n"), encoding=name)


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_title_row_wider_than_a_narrow_header_is_still_skipped(tmp_path, chunksize):
    """A title row of four cells above a header of three was taken for "a row as full" above a record: "no text
    column (columns: Query:, Acme, ...)", exit 5, where the title rows were skipped before. Its fields are not
    the header's number: it is no header of the rows below."""
    path = write(
        tmp_path / "t.csv", "Query:,Acme,Range:,2024-04-01 - 2024-04-07\n\nDate,Author,Text\n2024-04-03,ann,Acme\n"
    )
    loaded = read_in(path, chunksize)
    assert (loaded.posts["author"].tolist(), loaded.posts["text"].tolist()) == (["ann"], ["Acme"])
    assert "skipped 2 title lines" in loaded.note


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_record_whose_value_names_a_text_column_is_not_taken_for_the_header(tmp_path, chunksize):
    """A Sprout-like export whose header names no known text column (`Post`) but whose `Post Type` holds "Tweet":
    the first record was taken for the header (a "title line" skipped), and the file read as one post whose text
    was "Post", exit 0. The header is the first row; with no text column that is the error saying so."""
    header = "Date,Post ID,Network,Post Type,Profile,Post,Likes\n"
    rows = "2024-04-13,17,X,Tweet,@acme,Thanks for the kettle love!,15\n2024-04-14,18,X,Tweet,@acme,New kettle,5\n"
    path = write(tmp_path / "sprout.csv", header + rows)
    with pytest.raises(InputError, match=r"no text column \(columns: Date, Post ID, Network, Post Type, Profile, Post"):
        read_in(path, chunksize)
    loaded = read_in(path, chunksize, mapping={"text": "Post"})
    assert loaded.posts["text"].tolist() == ["Thanks for the kettle love!", "New kettle"]
    assert loaded.posts["likes"].tolist() == [15, 5] and loaded.note == ""


def test_camel_case_keys_of_json_apis_are_matched_as_their_snake_case(tmp_path):
    """A listening tool's API page (`fullText`, `createdAt`, `likeCount`, `pageType`, `resourceId`, as JSON APIs
    spell keys) was "no text column": `fullText` was `fulltext` to the aliases, not `full_text`."""
    import json

    page = {
        "resultsTotal": 1,
        "results": [
            {
                "resourceId": "r1",
                "fullText": "Acme rocks",
                "createdAt": "2024-04-03T14:05:00Z",
                "pageType": "twitter",
                "twitterFollowers": 120,
                "likeCount": 3,
                "replyCount": 1,
                "URL": "https://x.com/a/1",
            }
        ],
    }
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), "utf-8")
    (post,) = brandpulse.read(path).posts.to_dict("records")
    assert (post["post_id"], post["text"], post["platform"], post["url"]) == (
        "r1",
        "Acme rocks",
        "twitter",
        "https://x.com/a/1",
    )
    assert (post["author_followers"], post["likes"], post["replies"]) == (120, 3, 1)
    assert post["created_at"] == pd.Timestamp("2024-04-03 14:05", tz="UTC")


@pytest.mark.parametrize("chunksize", [None, 1])
def test_pascal_case_names_of_one_word_aliases_are_still_matched(tmp_path, chunksize):
    """Splitting camelCase made `DateTime` `date_time` and `TimeStamp` `time_stamp`, which name no alias: the
    posts had no time (in no report), and `SelfText` beside `PermaLink` was "no text column"."""
    path = write(
        tmp_path / "p.csv", "ID,TimeStamp,UserName,SelfText,PermaLink\n7,2024-04-03T14:05:00Z,ann,Acme,https://r.co/7\n"
    )
    (post,) = read_in(path, chunksize).posts.to_dict("records")
    assert (post["post_id"], post["author"], post["text"], post["url"]) == ("7", "ann", "Acme", "https://r.co/7")
    assert post["created_at"] == pd.Timestamp("2024-04-03 14:05", tz="UTC")
    path = write(tmp_path / "q.csv", "DateTime,Text\n2024-04-03T14:05:00Z,Acme\n")
    assert read_in(path, chunksize).posts["created_at"].tolist() == [pd.Timestamp("2024-04-03 14:05", tz="UTC")]
    # `--map` compares names without case: `fulltext` was no longer `FullText` ("no column", exit 5)
    path = write(tmp_path / "m.csv", "FullText,When\nAcme,2024-04-03T14:05:00Z\n")
    loaded = read_in(path, chunksize, mapping={"text": "fulltext", "created_at": "when"})
    assert loaded.posts["text"].tolist() == ["Acme"] and loaded.columns["text"] == "FullText"


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_time_column_whose_name_says_utc_is_read(tmp_path, chunksize):
    """`Date (UTC)`, as listening tools and spreadsheets label a time column, named no alias: the posts were read
    without a time, so `ingest` kept them out of every report, alert and queue. A name saying another zone is not
    taken (its times would be read as UTC, hours off), nor is it preferred to a plain `Date`."""
    path = write(tmp_path / "p.csv", "Post ID,Date (UTC),Mention Content\n7,2026-11-23 08:15:00,Skyward lost my bag\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp("2026-11-23 08:15", tz="UTC")]
    assert loaded.columns["created_at"] == "Date (UTC)"
    for name in ("Timestamp [GMT]", "created_at_utc", "Created (UTC+0)"):
        path = write(tmp_path / "q.csv", f"{name},Text\n2026-11-23T08:15:00,Acme\n")
        assert read_in(path, chunksize).columns.get("created_at") == name
    path = write(tmp_path / "et.csv", "Date (ET),Text\n2026-11-23T08:15:00,Acme\n")
    loaded = read_in(path, chunksize)  # (and the note says why the posts have no time: they had, silently)
    assert loaded.posts["created_at"].isna().all() and loaded.note == (
        "'Date (ET)' is not read as the time, its zone not being UTC (--map created_at='Date (ET)' would read its"
        " times as UTC)"
    )
    path = write(tmp_path / "by.csv", "Created By,Posted (GMT),Text\nann,2026-11-23T08:15:00,Acme\n")
    assert read_in(path, chunksize).note == ""  # (no time alias before a zone: no note)
    path = write(tmp_path / "both.csv", "Date (UTC),Date,Text\n2026-11-23T08:15:00,2026-11-23T09:15:00,Acme\n")
    assert read_in(path, chunksize).columns["created_at"] == "Date"


def test_a_workbook_whose_first_sheet_is_a_summary_is_read_from_its_mentions_sheet(tmp_path):
    """A report workbook with a summary sheet before its mentions was "no text column (columns: Report, Acme
    weekly)": only the first sheet was read. The first sheet with a header naming a text column is read."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    for row in (["Report", "Acme weekly"], ["Mentions", 2]):
        book.active.append(row)
    mentions = book.create_sheet("Mentions")
    for row in (["Acme export"], ["Date", "Full Text", "Author"], ["2024-04-03", "Acme kettle", "ann"]):
        mentions.append(row)
    book.save(tmp_path / "report.xlsx")
    loaded = brandpulse.read(tmp_path / "report.xlsx")
    assert loaded.posts[["text", "author"]].values.tolist() == [["Acme kettle", "ann"]]
    assert loaded.note == "sheet 'Mentions', skipped 1 title row above the header"  # (it said "1 title rows")
    assert loaded.rejects.empty
    brandpulse.sources.check_columns([tmp_path / "report.xlsx"], mapping={"author": "Author"}, first=True)


def test_no_value_markers_leave_times_and_numbers_alone(monkeypatch):
    """A time column (Parquet's, JSON's) was turned into text to look for "N/A": reading a 200k-post Parquet file
    took 1.8x as long. Times and numbers cannot say "N/A"; text still can."""
    from brandpulse.sources import values

    times = pd.Series(pd.to_datetime(["2024-04-03T14:05:00Z", None], utc=True))
    counts = pd.Series([3, None], dtype="Int64")
    text = pd.Series(["N/A", "7"], dtype=object)
    assert values.no_value_markers(text).isna().tolist() == [True, False]

    def as_text(*args, **kwargs):
        raise AssertionError("converted to text")

    monkeypatch.setattr(values.pa, "array", as_text)
    assert values.no_value_markers(times) is times and values.no_value_markers(counts) is counts


def test_chunks_that_read_dates_in_one_order_before_the_other_showed_say_so(tmp_path):
    """Read in chunks, 03/04/2026 was read day first (13/04/2026 had shown it) before a later chunk showed month
    first (04/13/2026): read whole, the file is rejected as ambiguous. The note said nothing of the dates read."""
    rows = "1,a,13/04/2026,x,0\n2,b,03/04/2026,x,0\n3,c,04/13/2026,x,0\n"
    chunks = list(iter_read(write(tmp_path / "mixed.csv", HEADER + rows), 2))
    assert combine_chunks(chunks).posts["created_at"].tolist()[1] == pd.Timestamp("2026-04-03", tz="UTC")
    assert chunks[-1].note == (
        "dates such as 03/04/2026 read day first, as 13/04/2026 shows, but 04/13/2026 is month first: check them,"
        " or say --date-order dmy or mdy"
    )
    # and the ambiguous dates after the other order showed are rejected, as read whole
    rows += "4,d,05/06/2026,x,0\n"
    chunks = list(iter_read(write(tmp_path / "mixed.csv", HEADER + rows), 2))
    assert combine_chunks(chunks).rejects["position"].tolist() == ["line 5"]
    assert chunks[-1].note.endswith(
        "but 04/13/2026 is month first, and 05/06/2026 and the like were rejected: check them, or say --date-order"
        " dmy or mdy"
    )


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_column_of_excel_day_numbers_is_read_as_dates(tmp_path, chunksize):
    """A CSV saved from Excel whose date column reads 46115.4166 (days since 1899-12-30; 45292 is 2024-01-01, so
    46115 is 2026-04-03) had every post rejected as "bad created_at"."""
    rows = "1,a,46115.4166,x,0\n2,b,46115,x,0\n3,c,,x,0\n4,d,46115.416666666664,x,0\n"
    loaded = read_in(write(tmp_path / "excel.csv", HEADER + rows), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 09:59:54.240", tz="UTC"),  # (0.4166 of a day: 35,994.24 s)
        pd.Timestamp("2026-04-03", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-04-03 10:00", tz="UTC"),  # (Excel's 10:00, to its milliseconds)
    ]
    assert "dates such as 46115.4166 read as Excel day numbers" in loaded.note


@pytest.mark.parametrize("chunksize", [None, 1])
def test_numbers_among_other_dates_or_out_of_range_are_not_excel_dates(tmp_path, chunksize):
    """Only a column of nothing but day numbers of 1990-2099 is read so: an id or a count among dates is not one."""
    mixed = read_in(write(tmp_path / "mixed.csv", HEADER + "1,a,2026-04-03,x,0\n2,b,46115,x,0\n"), chunksize)
    assert mixed.posts["post_id"].tolist() == ["1"]
    assert mixed.rejects["reason"].tolist() == [
        "bad created_at '46115' (an Excel day number? read only when all the file's dates are ones of 1990-2099)"
    ]
    # 32873 is 1989-12-31, before any post: the column is not taken for day numbers
    early = brandpulse.read(write(tmp_path / "early.csv", HEADER + "1,a,46115,x,0\n2,b,32873,x,0\n"))
    assert early.posts.empty and len(early.rejects) == 2
    assert "Excel" not in early.note


@pytest.mark.parametrize("held", [10, 1])  # the chunks before the other date held, or the file read again
@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".jsonl", ".parquet"])
def test_excel_day_numbers_read_in_chunks_as_read_whole(tmp_path, monkeypatch, held, suffix):
    """Read in chunks, the day numbers in the chunks before the first other date were read (and the note said to
    check them); read whole, all were rejected. Both now read the file's dates as a whole."""
    monkeypatch.setattr(brandpulse.sources, "HELD_CHUNKS", held)
    mixed = pd.DataFrame({"id": ["1", "2", "3", "4"], "text": list("abcd")})
    mixed["created_at"] = ["0", "46115", "46116.5", "2026-04-03"]
    days = mixed.assign(created_at=["0", "46115", "46116.5", "46117"])
    for name, df in (("mixed", mixed), ("days", days)):
        path = tmp_path / (name + suffix)
        if suffix == ".parquet":
            df.to_parquet(path, row_group_size=1)
        elif suffix == ".jsonl":
            df.to_json(path, orient="records", lines=True)
        else:
            df.to_csv(path, index=False)
        whole, chunks = brandpulse.read(path), list(iter_read(path, 1))
        chunked = combine_chunks(chunks)
        assert chunked.posts["created_at"].tolist() == whole.posts["created_at"].tolist()
        assert chunked.rejects["position"].tolist() == whole.rejects["position"].tolist()
        assert chunks[-1].note == whole.note
        if name == "mixed":
            assert whole.posts["post_id"].tolist() == ["4"]
            assert len(whole.rejects) == 3 and "Excel" not in whole.note
        else:
            assert whole.posts["created_at"].tolist() == [
                pd.NaT,
                pd.Timestamp("2026-04-03", tz="UTC"),
                pd.Timestamp("2026-04-04 12:00", tz="UTC"),
                pd.Timestamp("2026-04-05", tz="UTC"),
            ]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_chunks_of_no_dates_before_excel_day_numbers_are_read_once(tmp_path, monkeypatch, suffix):
    """The chunks before the first day number, of no dates, were given, then given again when the file was read
    again from its top (its day numbers too many chunks to hold): read 5 rows of a file of 4."""
    monkeypatch.setattr(brandpulse.sources, "HELD_CHUNKS", 1)
    df = pd.DataFrame({"id": ["1", "2", "3", "4"], "text": list("abcd"), "created_at": ["", "46115", "46116", "46117"]})
    path = tmp_path / ("days" + suffix)
    if suffix == ".parquet":
        df.to_parquet(path, row_group_size=1)
    else:
        df.to_csv(path, index=False)
    chunked = combine_chunks(list(iter_read(path, 1)))
    assert chunked.rows_read == 4
    assert chunked.posts["post_id"].tolist() == ["1", "2", "3", "4"]
    assert chunked.posts["created_at"].tolist()[1:] == [pd.Timestamp(f"2026-04-0{d}", tz="UTC") for d in (3, 4, 5)]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_excel_zero_among_day_numbers_is_no_date(tmp_path, chunksize):
    """Excel writes 0 for a formula's empty cell: one 0 among the day numbers had every post rejected."""
    rows = "1,a,46115.5,x,0\n2,b,0,x,0\n3,c,,x,0\n4,d,46116,x,0\n5,e,0.0,x,0\n"
    loaded = read_in(write(tmp_path / "zero.csv", HEADER + rows), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 12:00", tz="UTC"),
        pd.NaT,  # as the empty cell after it
        pd.NaT,
        pd.Timestamp("2026-04-04", tz="UTC"),
        pd.NaT,
    ]
    # among other dates a 0 is no Excel date: rejected, as before
    other = read_in(write(tmp_path / "iso.csv", HEADER + "1,a,2026-04-03,x,0\n2,b,0,x,0\n"), chunksize)
    assert other.rejects["reason"].tolist() == ["bad created_at '0'"]
    # nothing but zeros: no day numbers either
    assert read_in(write(tmp_path / "zeros.csv", HEADER + "1,a,0,x,0\n"), chunksize).posts.empty


def test_excel_day_numbers_with_a_decimal_comma_are_read(tmp_path):
    """European Excel saves `46115,5` in a `;`-separated CSV: every post was rejected."""
    loaded = brandpulse.read(write(tmp_path / "eu.csv", "id;text;created_at\n1;a;46115,5\n2;b;46116\n"))
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 12:00", tz="UTC"),
        pd.Timestamp("2026-04-04", tz="UTC"),
    ]
    assert "dates such as 46115,5 read as Excel day numbers" in loaded.note


def test_xlsx_dates_of_the_1904_date_system_are_read(tmp_path):
    """README's way around Excel's 1904 date system, whose day numbers in a CSV cannot be told apart: the XLSX."""
    import datetime

    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append(["id", "text", "created_at"])
    book.active.append(["1", "a", datetime.datetime(2026, 4, 3, 10, 0)])
    book.active["C2"].number_format = "yyyy-mm-dd hh:mm"
    book.save(tmp_path / "mac.xlsx")
    assert brandpulse.read(tmp_path / "mac.xlsx").posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 10:00", tz="UTC")
    ]


def test_xlsx_day_numbers_of_the_1904_date_system_are_read_from_1904(tmp_path):
    """A 1904 workbook's dates stored as numbers (a column formatted General) were read from 1899-12-30: four years
    and a day early, and 1990's days (31412 there, 32874 in the 1900 system) rejected as out of range."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    for row in (["id", "text", "created_at"], ["1", "a", 44674.5], ["2", "b", 31412]):
        book.active.append(row)
    book.save(tmp_path / "mac.xlsx")
    loaded = brandpulse.read(tmp_path / "mac.xlsx")
    # 1904-01-01 + 44674.5 days, by hand: 2026-01-01 is 122 years of 365 days and 31 leap days later (44561),
    # then 113.5 days: 90 in January-March, 23.5 in April
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-24 12:00", tz="UTC"),
        pd.Timestamp("1990-01-01", tz="UTC"),
    ]
    assert loaded.rejects.empty
    assert "dates such as 44674.5 read as Excel day numbers of the workbook's 1904 date system" in loaded.note


def test_parquet_timestamps_are_taken_as_they_are(tmp_path):
    """Parquet's timestamp columns (naive: UTC; with a zone; microseconds) were written out as text and parsed
    again (2.4 s a 200,000 posts); now taken as they are, with the same results (a guard: this passed before)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    stamps = pd.to_datetime(["2026-04-03 10:00:00.123456", None, "1980-01-01", "2026-04-03 12:00"], format="ISO8601")
    pd.DataFrame({"id": ["1", "2", "3", "4"], "text": list("abcd"), "created_at": stamps}).to_parquet(
        tmp_path / "naive.parquet"
    )
    zoned = pa.table({"text": ["e"], "created_at": pa.array([pd.Timestamp("2026-04-03 10:00", tz="US/Eastern")])})
    pq.write_table(zoned, tmp_path / "zoned.parquet")
    naive = brandpulse.read(tmp_path / "naive.parquet")
    assert naive.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 10:00:00.123456", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-04-03 12:00", tz="UTC"),
    ]
    assert naive.rejects["reason"].tolist() == [
        "created_at '1980-01-01' is before 1990 (refused as no post's time: a placeholder such as Unix time 0, or a"
        " time in a wrong unit)"
    ]
    zoned = brandpulse.read(tmp_path / "zoned.parquet").posts["created_at"]
    assert zoned.tolist() == [pd.Timestamp("2026-04-03 14:00", tz="UTC")]
    assert str(zoned.dtype) == "datetime64[ns, UTC]"


def test_epoch_seconds_and_milliseconds_stay_epoch_times(tmp_path):
    rows = "1,a,1775210400,x,0\n2,b,1775210400000,x,0\n3,c,1775210400.5,x,0\n"
    loaded = brandpulse.read(write(tmp_path / "epoch.csv", HEADER + rows))
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-04-03 10:00", tz="UTC"),
        pd.Timestamp("2026-04-03 10:00", tz="UTC"),
        pd.Timestamp("2026-04-03 10:00:00.5", tz="UTC"),
    ]
    assert "Excel" not in loaded.note


def test_kibanas_dates_are_read():
    """Kibana's Discover CSV writes `Apr 3, 2026 @ 10:00:00.000`: every post was rejected."""
    values = pd.Series(["Apr 3, 2026 @ 10:00:00.000", "Apr 13, 2026 @ 22:05:09.123", "Apr 14, 2026 @ 23:00:00"])
    assert parse_timestamps(values).tolist() == [
        pd.Timestamp("2026-04-03 10:00", tz="UTC"),
        pd.Timestamp("2026-04-13 22:05:09.123", tz="UTC"),
        pd.Timestamp("2026-04-14 23:00", tz="UTC"),
    ]
    # after three other formats (each guessed once), they are left to the value-by-value parser: read there too
    mixed = pd.Series(["Nov 2, 2026 10:00 AM", "Mon, 02 Nov 2026 11:00:00 +0000", "2 November 2026 12:00", *values])
    assert parse_timestamps(mixed).tolist() == [
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
        pd.Timestamp("2026-11-02 11:00", tz="UTC"),
        pd.Timestamp("2026-11-02 12:00", tz="UTC"),
        pd.Timestamp("2026-04-03 10:00", tz="UTC"),
        pd.Timestamp("2026-04-13 22:05:09.123", tz="UTC"),
        pd.Timestamp("2026-04-14 23:00", tz="UTC"),
    ]


def test_a_month_name_in_capitals_or_small_letters_keeps_the_hour_and_the_month(tmp_path, recwarn):
    """pandas guessed `%d DEC %Y %m:%M` from `2 DEC 2026 12:40` (the hour read as the month, as 12 is December's),
    and read the column by it: that post at 00:40, `3 DEC 2026 07:15` on July 3 at 00:15; a UserWarning on stderr."""
    rows = "1,a,2 DEC 2026 12:40\n2,b,3 DEC 2026 07:15\n3,c,4 dec 2026 18:00\n4,d,30 september 2033 09:36\n"
    loaded = brandpulse.read(
        write(tmp_path / "caps.csv", "id,text,created_at\n" + rows + "5,e,1 september 2033 05:00\n")
    )
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-12-02 12:40", tz="UTC"),
        pd.Timestamp("2026-12-03 07:15", tz="UTC"),
        pd.Timestamp("2026-12-04 18:00", tz="UTC"),
        pd.Timestamp("2033-09-30 09:36", tz="UTC"),
        pd.Timestamp("2033-09-01 05:00", tz="UTC"),
    ]
    assert parse_timestamps(pd.Series(["dec 4, 2026 12:00 PM", "dec 5, 2026 03:00 PM"])).tolist() == [
        pd.Timestamp("2026-12-04 12:00", tz="UTC"),
        pd.Timestamp("2026-12-05 15:00", tz="UTC"),
    ]
    assert not [w for w in recwarn if "Parsing dates" in str(w.message)]


def test_an_offset_said_from_gmt_or_utc_is_east_of_it():
    """JavaScript's `Mon Nov 02 2026 22:00:00 GMT+0100` is 21:00 UTC. The guessed format read it so, until a guess
    had to read its sample as the slow parser does: dateutil read `GMT+0100` as a POSIX zone (an hour behind UTC), so
    the column was 23:00, as `2026-11-02 22:00 UTC+2` was 00:00 where the time of day `22:00 UTC+2` is 20:00."""
    js = "Mon Nov 02 2026 22:00:00 GMT+0100"
    values = [js, js.replace("02", "03", 1), "Nov 02 2026 22:00:00 GMT-0500", "2026-11-02 22:00 UTC+2"]
    values += ["2026-11-02T22:00:00 gmt+01:00", "2026-11-02 22:00 UTC -5:30", js + " (Central European Standard Time)"]
    assert parse_timestamps(pd.Series(values)).tolist() == [
        pd.Timestamp(t, tz="UTC")
        for t in (
            "2026-11-02 21:00",
            "2026-11-03 21:00",
            "2026-11-03 03:00",
            "2026-11-02 20:00",
            "2026-11-02 21:00",
            "2026-11-03 03:30",
            "2026-11-02 21:00",
        )
    ]
    assert (
        parse_timestamps(pd.Series(["Mon Nov 02 22:00:00 UTC 2026", "2026-11-02 22:00 GMT"])).tolist()
        == [pd.Timestamp("2026-11-02 22:00", tz="UTC")] * 2
    )


def test_an_option_or_api_date_is_never_an_excel_day_number():
    assert parse_timestamps(pd.Series(["46115"])).isna().all()


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_brandwatch_export_keeps_its_titles_and_reads_the_snippet_when_there_is_no_full_text(tmp_path, chunksize):
    """Brandwatch's `Title` was never read (a news headline, a forum thread's question: lost), and a mention whose
    `Full Text` is empty (news the tool may not give in full) was rejected as "empty text" beside its snippet.
    The text is the full text, else the snippet, after the title where the title adds to it."""
    rows = [
        "Brandwatch Report",
        "Query: Acme",
        "",
        "Date,Title,Url,Snippet,Full Text,Author,Page Type",
        "2024-05-02 10:00:00.0,,https://x.com/a/status/1,Acme kettle is...,Acme kettle is great,ann,twitter",
        "2024-05-02 11:00:00.0,Acme kettle broke after a...,https://x.com/b/2,,Acme kettle broke after a week,bob,"
        "twitter",
        '2024-05-03 00:00:00.0,Acme recalls kettles,https://news.example/r,Acme says...,"A fault, says Acme",Desk,news',
        "2024-05-04 00:00:00.0,Is the Acme kettle worth it?,https://forum.example/t/9,Thinking of buying,,fred,forum",
        "2024-05-05 00:00:00.0,Acme: a review,https://blog.example/p,,,eve,blog",
    ]
    path = write(tmp_path / "brandwatch.csv", "\n".join(rows) + "\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == [
        "Acme kettle is great",  # (no title)
        "Acme kettle broke after a week",  # (a title repeating the text, cut short)
        "Acme recalls kettles\n\nA fault, says Acme",
        "Is the Acme kettle worth it?\n\nThinking of buying",  # (no full text: the snippet)
        "Acme: a review",  # (the title alone)
    ]
    assert loaded.rejects.empty and "text from 'Title' and 'Full Text' or else 'Snippet'" in loaded.note
    mapped = read_in(path, chunksize, mapping={"text": "Full Text"})  # (a column named: that column alone)
    assert mapped.posts["text"].tolist()[1:] == ["Acme kettle broke after a week", "A fault, says Acme"]
    assert mapped.rejects["reason"].tolist() == ["empty text", "empty text"]
    untitled = write(tmp_path / "untitled.csv", "Snippet,Full Text\nAcme...,\nAcme is...,Acme is fine\n")
    untitled = read_in(untitled, chunksize)  # (no title: the full text, else the snippet)
    assert untitled.posts["text"].tolist() == ["Acme...", "Acme is fine"] and untitled.rejects.empty


@pytest.mark.parametrize("chunksize", [None, 1])
def test_talkwalker_and_meltwater_exports_keep_their_titles(tmp_path, chunksize):
    """Talkwalker's `title` and Meltwater's `Headline` were never read, as Brandwatch's `Title` was not: a news
    headline or a forum thread's question lost. They are read as Brandwatch's is, before the text where they add to
    it, and the text is the body, else the snippet (Talkwalker) or the opening text (Meltwater)."""
    talkwalker = [
        "url,published,title,content,content_snippet,lang,source_type",
        'https://n.example/1,2026-11-02T10:00:00Z,Acme recalls kettles,"A fault in the lid, says Acme",A fault,en,NEWS',
        "https://t.example/2,2026-11-02T11:00:00Z,Acme kettle broke after a...,Acme kettle broke after a week,,en,X",
        "https://f.example/3,2026-11-03T00:00:00Z,Is the Acme kettle worth it?,,Thinking of buying one,en,FORUM",
    ]
    loaded = read_in(write(tmp_path / "talkwalker.csv", "\n".join(talkwalker) + "\n"), chunksize)
    assert loaded.posts["text"].tolist() == [
        "Acme recalls kettles\n\nA fault in the lid, says Acme",
        "Acme kettle broke after a week",  # (a title repeating the text, cut short)
        "Is the Acme kettle worth it?\n\nThinking of buying one",  # (no content: the snippet)
    ]
    assert loaded.rejects.empty and "text from 'title' and 'content' or else 'content_snippet'" in loaded.note
    meltwater = [
        "Date,Headline,URL,Opening Text,Hit Sentence,Influencer",
        "2026-11-02,Acme shares rise,https://n.example/4,Shares in Acme rose 5% on Monday.,Acme sold more kettles.,Ann",
        "2026-11-02,Love my new Acme kettle,https://x.com/b/5,Love my new Acme kettle,Love my new Acme kettle,bob",
        "2026-11-03,Acme opens a store,https://n.example/6,The store opens on Friday.,,Cy",
    ]
    path = write(tmp_path / "meltwater.csv", "\n".join(meltwater) + "\n")
    loaded = read_in(path, chunksize)
    assert loaded.posts["text"].tolist() == [
        "Acme shares rise\n\nAcme sold more kettles.",
        "Love my new Acme kettle",  # (a tweet's headline is its text)
        "Acme opens a store\n\nThe store opens on Friday.",  # (no hit sentence: the opening text)
    ]
    assert "text from 'Headline' and 'Hit Sentence' or else 'Opening Text'" in loaded.note
    # a column kept as it is (a label) is not read into the text, and keeps the file's cells
    kept = read_in(path, chunksize, keep=("Hit Sentence",))
    assert kept.columns["text"] == "Opening Text" and "Hit Sentence" not in kept.note
    assert kept.posts["text"].tolist() == [
        "Acme shares rise\n\nShares in Acme rose 5% on Monday.",
        "Love my new Acme kettle",
        "Acme opens a store\n\nThe store opens on Friday.",
    ]
    assert kept.posts["Hit Sentence"].tolist() == ["Acme sold more kettles.", "Love my new Acme kettle", ""]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_talkwalker_export_of_titles_and_snippets_reads_both(tmp_path, chunksize):
    """A Talkwalker export without its `content` column (news it may not give in full): `title` is a text column's
    name before `content_snippet` is, so the text was the title alone, and every snippet was lost without a word."""
    talkwalker = [
        "url,published,title,content_snippet,lang",
        "https://n.example/1,2026-11-02T10:00:00Z,Acme recalls kettles,A fault in the lid,en",
        "https://f.example/2,2026-11-03T00:00:00Z,Is the Acme kettle worth it?,,en",
    ]
    loaded = read_in(write(tmp_path / "talkwalker.csv", "\n".join(talkwalker) + "\n"), chunksize)
    assert loaded.posts["text"].tolist() == [
        "Acme recalls kettles\n\nA fault in the lid",
        "Is the Acme kettle worth it?",
    ]
    assert loaded.rejects.empty and "text from 'title' and 'content_snippet'" in loaded.note
    # a title alone (no body column of a tool's layout) is the text as it was
    titled = read_in(write(tmp_path / "titles.csv", "title,published\nAcme is fine,2026-11-02\n"), chunksize)
    assert titled.posts["text"].tolist() == ["Acme is fine"] and "text from" not in titled.note


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_date_column_and_a_time_column_are_read_as_one_time(tmp_path, chunksize):
    """A CSV with `Date` and `Time` in two columns (as many exports write them) was read from `Date` alone: every
    post sat at midnight, its hour lost to hourly alerts and day buckets of other zones, and nothing said so. The
    time of day is added to the date (both UTC, as times without a zone are), in the date order the file shows or
    `--date-order` gives, and the columns say so."""
    path = write(
        tmp_path / "iso.csv",
        "Date,Time,Author,Text\n2026-11-02,14:35:10,ann,Acme kettle\n2026-11-03,00:05,bob,Acme toaster\n"
        "2026-11-03,9:07:01.25,cy,Acme again\n",
    )
    loaded = read_in(path, chunksize)
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 14:35:10", tz="UTC"),
        pd.Timestamp("2026-11-03 00:05:00", tz="UTC"),
        pd.Timestamp("2026-11-03 09:07:01.250", tz="UTC"),
    ]
    assert loaded.columns["created_at"] == "Date+Time" and loaded.rejects.empty
    us = (
        "Date,Time,Text\n02/11/2026,2:35 PM,Acme kettle\n02/11/2026,12:10 a.m.,Acme toaster\n02/11/2026,12:00 PM,Acme\n"
    )
    path = write(tmp_path / "us.csv", us)
    assert read_in(path, chunksize, date_order="mdy").posts["created_at"].tolist() == [
        pd.Timestamp("2026-02-11 14:35", tz="UTC"),
        pd.Timestamp("2026-02-11 00:10", tz="UTC"),
        pd.Timestamp("2026-02-11 12:00", tz="UTC"),
    ]
    assert read_in(path, chunksize, date_order="dmy").posts["created_at"].iloc[0] == pd.Timestamp(
        "2026-11-02 14:35", tz="UTC"
    )
    path = write(tmp_path / "eu.csv", "Date,Time,Text\n02/11/2026,2:35 PM,Acme\n13/11/2026,09:00,Acme too\n")
    assert read_in(path, chunksize).posts["created_at"].tolist() == [  # (in chunks: the first held, read day first)
        pd.Timestamp("2026-11-02 14:35", tz="UTC"),
        pd.Timestamp("2026-11-13 09:00", tz="UTC"),
    ]
    path = write(tmp_path / "us.csv", us)
    # (no order given: still rejected as ambiguous, the date's reason, not placed on a guessed day)
    loaded = read_in(path, chunksize)
    assert loaded.posts.empty and loaded.rejects["reason"].str.startswith("ambiguous created_at '02/11/2026'").all()
    # names listening tools and spreadsheets give them; a zone other than UTC is not taken for UTC
    for names, read in (
        ("Post Date,Post Time", "Post Date+Post Time"),
        ("Date (UTC),Time (UTC)", "Date (UTC)+Time (UTC)"),
        ("published_date,published_time", "published_date+published_time"),
        ("Date,Time (ET)", "Date"),
    ):
        path = write(tmp_path / "n.csv", f"{names},Text\n2026-11-02,14:35,Acme\n")
        loaded = read_in(path, chunksize)
        assert loaded.columns["created_at"] == read
        at = "2026-11-02 14:35" if "+" in read else "2026-11-02"
        assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC")]
    assert (
        loaded.note
        == "'Time (ET)' is not read as the time of day, its zone not being UTC: the dates are read at midnight"
    )
    path = write(tmp_path / "full.csv", "Date,Time (ET),Text\n2026-11-02 09:30,09:30,Acme\n")
    assert read_in(path, chunksize).note == ""  # (times of their own: nothing is missing)


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_time_column_before_the_date_column_is_its_time_of_day(tmp_path, chunksize):
    """`Time,Post Date,Text` (or `Time,Created`) took `Time` for the post's time, as the first alias found: its
    "14:35" has no day, and every row was rejected ("bad created_at '14:35'"). The date column is read, `Time`
    beside it as its time of day, whatever their order; `Time` alone is still the time."""
    for date in ("Post Date", "Created", "Date", "posted_at"):
        path = write(tmp_path / "t.csv", f"Time,{date},Text\n14:35,2026-11-02,Acme one\n9:05 PM,2026-11-03,Acme two\n")
        loaded = read_in(path, chunksize)
        assert loaded.rejects.empty and loaded.columns["created_at"] == f"{date}+Time"
        assert loaded.posts["created_at"].tolist() == [
            pd.Timestamp("2026-11-02 14:35", tz="UTC"),
            pd.Timestamp("2026-11-03 21:05", tz="UTC"),
        ]
    alone = read_in(write(tmp_path / "a.csv", "Time,Text\n2026-11-02 14:35,Acme\n"), chunksize)
    assert alone.columns["created_at"] == "Time"
    assert alone.posts["created_at"].tolist() == [pd.Timestamp("2026-11-02 14:35", tz="UTC")]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_an_unreadable_time_of_day_rejects_its_row(tmp_path, chunksize):
    """A time of day that cannot be read rejects its row, as an unreadable date does: with its line and the
    reason, counted, never placed at midnight. An empty one leaves the post on its date, at midnight."""
    path = write(
        tmp_path / "p.csv",
        "Date,Time,Text\n2026-11-02,14:75,Acme kettle\n2026-11-02,2:35 XM,Acme toaster\n2026-11-02,,Acme\n"
        "2026-11-02,N/A,Acme too\n2026-11-02,13:00 PM,Acme three\n2026-11-02,23:59:60,Acme four\n"
        "2026-11-02,24:00,Acme five\n",  # (the end of a day: no duration, and no time of day brandpulse reads)
    )
    loaded = read_in(path, chunksize)
    assert loaded.rows_read == 7 and len(loaded.posts) + len(loaded.rejects) == 7
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp("2026-11-02", tz="UTC")] * 2
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["line 2", "bad time of day '14:75' in column 'Time'"],
        ["line 3", "bad time of day '2:35 XM' in column 'Time'"],
        ["line 6", "bad time of day '13:00 PM' in column 'Time'"],
        ["line 7", "bad time of day '23:59:60' in column 'Time'"],
        ["line 8", "bad time of day '24:00' in column 'Time'"],
    ]
    assert loaded.rejects["record"].iloc[0] == "2026-11-02,14:75,Acme kettle"


@pytest.mark.parametrize("chunksize", [None, 1])
def test_times_of_day_in_other_spellings_and_with_an_offset_are_read(tmp_path, chunksize):
    """French times (14h35, 15h), an hour alone with AM or PM (3pm) and times with their offset (14:35+02:00, 14:35
    UTC) in a `Time` column were rejected as bad times of day. They are read, an offset taken off as a time's is; an
    hour alone without "h" or AM/PM (15) is no time, nor an offset past 14 hours."""
    cells = {
        "14h35": "2026-11-02 14:35",
        "15h": "2026-11-02 15:00",
        "9 h 05": "2026-11-02 09:05",
        "3pm": "2026-11-02 15:00",
        "12 a.m.": "2026-11-02 00:00",
        "14:35+02:00": "2026-11-02 12:35",
        "00:30 +0200": "2026-11-01 22:30",
        "23:30-05:00": "2026-11-03 04:30",
        "2:35 PM UTC": "2026-11-02 14:35",
        "14:35 UTC+1": "2026-11-02 13:35",
        "14:35:10.5Z": "2026-11-02 14:35:10.5",
    }
    bad = ["15", "14h75", "14:35+15:00", "3 xm"]
    text = "Date,Time,Text\n" + "".join(f"2026-11-02,{cell},Acme {i}\n" for i, cell in enumerate([*cells, *bad]))
    loaded = read_in(write(tmp_path / "t.csv", text), chunksize)
    assert loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [f"line {len(cells) + 2 + i}", f"bad time of day '{cell}' in column 'Time'"] for i, cell in enumerate(bad)
    ]


def _as(suffix: str, path):
    """The CSV file `path`, or its rows as a Parquet file of one row a group, or as JSON Lines."""
    if suffix == ".csv":
        return path
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    if suffix == ".jsonl":
        rows.to_json(path.with_suffix(".jsonl"), orient="records", lines=True)
    else:
        rows.to_parquet(path.with_suffix(".parquet"), row_group_size=1)
    return path.with_suffix(suffix)


def _places(suffix: str, *lines: int) -> list[str]:
    """The positions of the CSV file's `lines` (its header the first) in the file `_as` makes of it."""
    return [f"line {n}" if suffix == ".csv" else f"{'line' if suffix == '.jsonl' else 'row'} {n - 1}" for n in lines]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_time_column_of_durations_beside_dates_is_not_their_time_of_day(tmp_path, chunksize, suffix):
    """A `Time` column of durations (a video's length) beside dates only was read as their time of day: 0:45 put a
    post at a quarter to one, and 31:30 rejected its row as a bad time of day. Two distinct durations no time of day
    can be, in any chunks of the file, say the column holds durations: the dates are read at midnight, no row is
    rejected, and the warning (`Loaded.warning`, given also with -q) names the values and their lines."""
    text = "Date,Time,Text\n2026-11-02,0:45,Acme one\n2026-11-03,1:10,Acme two\n2026-11-03,31:30,Acme three\n"
    more = "2026-11-04,2:00:10,Acme four\n2026-11-04,31:30,Acme five\n2026-11-05,125:00:00,Acme six\n"
    path = _as(suffix, write(tmp_path / "d.csv", text + more))
    loaded = read_in(path, chunksize)
    assert loaded.rejects.empty and loaded.rows_read == 6 and loaded.columns["created_at"] == "Date"
    days = ["2026-11-02", "2026-11-03", "2026-11-03", "2026-11-04", "2026-11-04", "2026-11-05"]
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(day, tz="UTC") for day in days]
    where = ("line 4", "line 7") if suffix == ".csv" else ("row 3", "row 6")
    assert loaded.note == ""
    assert loaded.warning == (
        f"'Time' holds durations such as '31:30' ({where[0]}) and '125:00:00' ({where[1]}), not times of day: "
        "the dates are read at midnight"
    )


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_one_time_of_a_day_or_more_is_a_bad_time_not_a_column_of_durations(tmp_path, chunksize, suffix):
    """One typo such as 25:10 in a column of times of day beside dates took the whole column for durations: every
    post was read at midnight, nothing rejected, and only a note said so (nothing with -q). One such value, even
    in several rows, rejects its rows as a bad time of day; the others keep their times."""
    path = write(
        tmp_path / "t.csv",
        "Date,Time,Text\n2026-11-02,09:15,Acme one\n2026-11-03,25:10,Acme two\n2026-11-03,14:35,Acme three\n"
        "2026-11-04,0:45,Acme four\n2026-11-05,25:10,Acme five\n",
    )
    loaded = read_in(_as(suffix, path), chunksize)
    assert loaded.columns["created_at"] == "Date+Time" and loaded.warning == "" and loaded.note == ""
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-11-02 09:15", "2026-11-03 14:35", "2026-11-04 00:45")
    ]
    where = ["line 3", "line 6"] if suffix == ".csv" else ["row 2", "row 5"]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [at, "bad time of day '25:10' in column 'Time'"] for at in where
    ]


@pytest.mark.parametrize("chunksize", [None, 2])
def test_a_time_column_beside_full_times_is_not_read(tmp_path, chunksize):
    """A created_at column whose values have their time of day keeps it: a `Time` column beside it (a video's
    length, a reading time) is none of it, and its cells reject no row."""
    path = write(
        tmp_path / "p.csv",
        "created_at,Time,Text\n2026-11-02 09:00:00,3 min,Acme kettle\n2026-11-03 00:00:00,12:30,Acme toaster\n",
    )
    loaded = read_in(path, chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "created_at"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:00", tz="UTC"),
        pd.Timestamp("2026-11-03 00:00", tz="UTC"),
    ]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_a_chunk_of_midnights_reads_its_time_column_as_the_whole_file_does(tmp_path, chunksize):
    """Whether a `Time` column is the dates' time of day is the file's to say, not a chunk's: full times whose first
    chunk is at midnight by chance (an old export's rows, written 00:00:00, before the new ones) took the `Time`
    column (a video's length) as their time of day in chunks only (00:45, 01:30), and a 31:30 rejected its row."""
    path = write(
        tmp_path / "p.csv",
        "created_at,Time,Text\n2026-11-02 00:00:00,0:45,Acme one\n2026-11-02 00:00:00,31:30,Acme two\n"
        "2026-11-02 14:35:00,0:20,Acme three\n",
    )
    loaded = read_in(path, chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "created_at"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 00:00", tz="UTC"),
        pd.Timestamp("2026-11-02 00:00", tz="UTC"),
        pd.Timestamp("2026-11-02 14:35", tz="UTC"),
    ]
    # dates only in every chunk: each read with its time of day, in chunks as whole
    path = write(tmp_path / "d.csv", "Date,Time,Text\n2026-11-02,0:45,Acme one\n2026-11-03,14:35,Acme two\n")
    loaded = read_in(path, chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 00:45", tz="UTC"),
        pd.Timestamp("2026-11-03 14:35", tz="UTC"),
    ]


def test_a_workbooks_date_and_time_cells_are_read_as_one_time(tmp_path):
    """An XLSX export with a date cell and a time cell (Excel's types, not text) is read as one time too."""
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (
        ["Date", "Time", "Mention Content"],
        [dt.date(2026, 11, 2), dt.time(14, 35, 10), "Acme kettle"],
        [dt.datetime(2026, 11, 3), dt.time(0, 0, 30), "Acme toaster"],
    ):
        book.active.append(row)
    book.save(tmp_path / "export.xlsx")
    loaded = brandpulse.read(tmp_path / "export.xlsx")
    assert loaded.columns["created_at"] == "Date+Time" and loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 14:35:10", tz="UTC"),
        pd.Timestamp("2026-11-03 00:00:30", tz="UTC"),
    ]


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_durations_written_with_units_say_the_time_column_holds_durations(tmp_path, chunksize, suffix):
    """A `Time` column of durations written with units (a video's length: 2h, 1h30, 1h 30m, 90m, 45 min) beside
    dates only was read as times of day where it could be (2h at two in the morning, 1h30 at half past one) and
    rejected the other rows as bad times of day. A value written with units no time of day has (90m, 45 min,
    1h 30m) counts as a clock of a day or more (31:30, 125:00:00) does: two distinct such say the column holds
    durations, no row is rejected, the dates are read at midnight, and the warning names the values and their
    places."""
    rows = ["2h", "1h30", "1h 30m", "90m", "45 min"]
    text = "Date,Time,Text\n" + "".join(f"2026-11-0{2 + i},{cell},Acme {i}\n" for i, cell in enumerate(rows))
    loaded = read_in(_as(suffix, write(tmp_path / "v.csv", text)), chunksize)
    assert loaded.rejects.empty and loaded.rows_read == 5 and loaded.columns["created_at"] == "Date"
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(f"2026-11-0{2 + i}", tz="UTC") for i in range(5)]
    two, four = _places(suffix, 2, 4)
    assert loaded.warning == (  # (2h beside 1h 30m: a duration too)
        f"'Time' holds durations such as '2h' ({two}) and '1h 30m' ({four}), not times of day: the dates are read "
        "at midnight"
    )
    four, five = _places(suffix, 4, 5)
    # one such value alone among times of day is a stray cell that rejects its row, as 25:10 is (it took every
    # post's time away); with another, in any chunk, they say the column holds durations
    text = "Date,Time,Text\n2026-11-02,14:35,Acme one\n2026-11-03,2:00,Acme two\n2026-11-04,PT1H30M,Acme three\n"
    loaded = read_in(_as(suffix, write(tmp_path / "one.csv", text)), chunksize)
    assert loaded.warning == "" and loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 14:35", tz="UTC"),
        pd.Timestamp("2026-11-03 02:00", tz="UTC"),
    ]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [_places(suffix, 4)[0], "bad time of day 'PT1H30M' in column 'Time'"]
    ]
    loaded = read_in(_as(suffix, write(tmp_path / "one.csv", text + "2026-11-05,5m,Acme four\n")), chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "Date"
    assert loaded.warning == (
        f"'Time' holds durations such as 'PT1H30M' ({four}) and '5m' ({five}), not times of day: the dates are read "
        "at midnight"
    )
    # hours with "h" of a day or more are clocks of durations (two say so), and French times of day are still read
    text = "Date,Time,Text\n2026-11-02,15h,Acme one\n2026-11-03,14h35,Acme two\n2026-11-03,36h,Acme three\n"
    loaded = read_in(_as(suffix, write(tmp_path / "fr.csv", text)), chunksize)
    assert loaded.warning == "" and loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 15:00", tz="UTC"),
        pd.Timestamp("2026-11-03 14:35", tz="UTC"),
    ]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [_places(suffix, 4)[0], "bad time of day '36h' in column 'Time'"]
    ]
    loaded = read_in(_as(suffix, write(tmp_path / "fr.csv", text + "2026-11-04,48h,Acme four\n")), chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "Date" and "'36h'" in loaded.warning


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_2h_and_1h30_beside_a_duration_with_units_are_durations(tmp_path, chunksize, suffix):
    """`2h` and `1h30` beside one duration written with units (`90m`) were French times of day (two and half past one
    in the morning) and `90m` a stray cell that rejected its row: a column of a video's lengths half read as times.
    They count as the second of the two distinct values that say a column holds durations; beside a clock of a day
    or more (`36h` among `15h` and `14h35`: a typo) or alone they are still French times of day."""
    text = "Date,Time,Text\n2026-11-02,2h,Acme one\n2026-11-03,1h30,Acme two\n2026-11-04,90m,Acme three\n"
    loaded = read_in(_as(suffix, write(tmp_path / "v.csv", text)), chunksize)
    assert loaded.rejects.empty and loaded.columns["created_at"] == "Date"
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(f"2026-11-0{d}", tz="UTC") for d in (2, 3, 4)]
    two, four = _places(suffix, 2, 4)
    assert loaded.warning == (
        f"'Time' holds durations such as '2h' ({two}) and '90m' ({four}), not times of day: the dates are read at "
        "midnight"
    )
    text = "Date,Time,Text\n2026-11-02,2h,Acme one\n2026-11-03,1h30,Acme two\n2026-11-04,31:30,Acme three\n"
    loaded = read_in(_as(suffix, write(tmp_path / "c.csv", text)), chunksize)
    assert loaded.warning == "" and loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 02:00", tz="UTC"),
        pd.Timestamp("2026-11-03 01:30", tz="UTC"),
    ]
    assert loaded.rejects["reason"].tolist() == ["bad time of day '31:30' in column 'Time'"]


def test_a_parquet_column_of_durations_is_no_time_of_day(tmp_path):
    """A Parquet `Time` column of Arrow durations (a video's length, typed) was read as text, "0 days 02:00:00",
    and every row rejected as a bad time of day: its values are durations, whatever they are."""
    pd.DataFrame(
        {"Date": ["2026-11-02", "2026-11-03"], "Time": pd.to_timedelta(["2h", "45min"]), "Text": ["Acme", "Acme 2"]}
    ).to_parquet(tmp_path / "v.parquet")
    loaded = brandpulse.read(tmp_path / "v.parquet")
    assert loaded.rejects.empty and loaded.columns["created_at"] == "Date"
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(d, tz="UTC") for d in ("2026-11-02", "2026-11-03")]
    assert loaded.warning.startswith("'Time' holds durations such as '0 days 02:00:00' (row 1)")


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_time_of_day_in_a_named_zone_is_read_at_its_offset(tmp_path, chunksize, suffix):
    """`2:35 PM EST`, `14:35 CET` or `09:10 PST` in a `Time` column beside dates were bad times of day. A zone of
    the table (UTC's names, North America's and Central Europe's) is read at its offset, on the row's date; a name
    of several zones (IST, CST) or an unknown one rejects its row, its reason saying which and what to write."""
    cells = {
        "2:35 PM EST": "2026-11-02 19:35",
        "14:35 CET": "2026-11-02 13:35",
        "09:10 PST": "2026-11-02 17:10",
        "14:35 UTC": "2026-11-02 14:35",
        "14:35 GMT": "2026-11-02 14:35",
        "23:30 EDT": "2026-11-03 03:30",  # (the day after, in UTC)
        "00:30 CEST": "2026-11-01 22:30",  # (the day before)
        "14:35 MESZ": "2026-11-02 12:35",
        "9:10 a.m. AKST": "2026-11-02 18:10",
        "15h CET": "2026-11-02 14:00",
    }
    bad = {
        "14:35 IST": "ambiguous time zone 'IST' in '14:35 IST' in column 'Time' (India +05:30, Ireland +01:00 or "
        "Israel +02:00): write its UTC offset instead, as in 14:35+01:00",
        "2:35 PM CST": "ambiguous time zone 'CST' in '2:35 PM CST' in column 'Time' (US Central -06:00, China +08:00 "
        "or Cuba -05:00; US Central in a file that names CDT too): write its UTC offset instead, as in 14:35+01:00",
        "14:35 WIB": "unknown time zone 'WIB' in '14:35 WIB' in column 'Time': write its UTC offset instead, as in "
        "14:35+01:00",
        "14:35 EST+2": "bad time of day '14:35 EST+2' in column 'Time'",
        "25:10 CET": "bad time of day '25:10 CET' in column 'Time'",
    }
    text = "Date,Time,Text\n" + "".join(f"2026-11-02,{cell},Acme {i}\n" for i, cell in enumerate([*cells, *bad]))
    path = write(tmp_path / "z.csv", text)
    loaded = read_in(_as(suffix, path), chunksize)
    assert loaded.columns["created_at"] == "Date+Time" and loaded.warning == ""
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [place, reason] for place, reason in zip(_places(suffix, *range(12, 17)), bad.values(), strict=True)
    ]
    rejected = loaded.rejects["record"].iloc[0]  # (the record as the file has it)
    assert (
        rejected == "2026-11-02,14:35 IST,Acme 10" if suffix == ".csv" else json.loads(rejected)["Time"] == "14:35 IST"
    )


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_time_of_day_in_small_letters_in_a_us_region_or_with_uhr_is_read(tmp_path, chunksize, suffix):
    """`2:35 pm est`, US exports' `2:35 PM ET` (`PT`, `CT`, `MT`) and German `14:35 Uhr` in a `Time` column were bad
    times of day. A zone's name is read in any case; ET, CT, MT and PT are the US zones, standard or daylight time as
    the date requires (US daylight time began on 2026-03-08); `Uhr` says the numbers are a time of day."""
    cells = {
        ("2026-12-03", "2:35 pm est"): "2026-12-03 19:35",
        ("2026-12-03", "9:10 a.m. cet"): "2026-12-03 08:10",
        ("2026-12-03", "2:35 PM ET"): "2026-12-03 19:35",  # (EST, -05:00)
        ("2026-07-03", "2:35 PM ET"): "2026-07-03 18:35",  # (EDT, -04:00)
        ("2026-03-07", "10:00 ET"): "2026-03-07 15:00",
        ("2026-03-09", "10:00 et"): "2026-03-09 14:00",
        ("2026-12-03", "14:35 CT"): "2026-12-03 20:35",
        ("2026-07-03", "14:35 MT"): "2026-07-03 20:35",
        ("2026-07-03", "11:30 PM PT"): "2026-07-04 06:30",  # (the day after, in UTC)
        ("2026-12-03", "14:35 Uhr"): "2026-12-03 14:35",
        ("2026-12-03", "14 Uhr"): "2026-12-03 14:00",
    }
    bad = {
        "15 hrs": "bad time of day '15 hrs' in column 'Time'",  # (a word in small letters is no zone)
        "2:35 XM": "bad time of day '2:35 XM' in column 'Time'",
        "14:35 ET+2": "bad time of day '14:35 ET+2' in column 'Time'",
    }
    rows = [*cells, *(("2026-12-03", cell) for cell in bad)]
    text = "Date,Time,Text\n" + "".join(f"{day},{cell},Acme {i}\n" for i, (day, cell) in enumerate(rows))
    loaded = read_in(_as(suffix, write(tmp_path / "z.csv", text)), chunksize)
    assert loaded.columns["created_at"] == "Date+Time" and loaded.warning == ""
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [place, reason] for place, reason in zip(_places(suffix, *range(13, 16)), bad.values(), strict=True)
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_italian_and_dutch_month_names_are_read(tmp_path, chunksize):
    """Italian and Dutch exports' dates (`7 dicembre 2026`, `7 mei 2026`, `maart`) were bad created_at: their months'
    names are read as German, Spanish, French and Portuguese ones are, with a word before the time (`alle`, `om`)."""
    cells = {
        "7 dicembre 2026": "2026-12-07",
        "lunedì 7 dicembre 2026 alle 14:05": "2026-12-07 14:05",
        "1 gen. 2026": "2026-01-01",
        "15 maggio 2026, 09:30": "2026-05-15 09:30",
        "7 december 2026": "2026-12-07",
        "7 mei 2026": "2026-05-07",
        "maandag 2 maart 2026 om 14:05": "2026-03-02 14:05",
        "2 mrt 2026": "2026-03-02",
        "3 oktober 2026": "2026-10-03",
    }
    text = "text,created_at\n" + "".join(f'Acme {i},"{cell}"\n' for i, cell in enumerate([*cells, "7 dicembre"]))
    loaded = read_in(write(tmp_path / "it.csv", text), chunksize)
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects["reason"].tolist() == [
        "created_at '7 dicembre' has no year (a day and a month could be any year's): export the dates with their year"
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_month_name_date_with_a_two_digit_year_is_read_and_no_year_names_only_those_without(tmp_path, chunksize):
    """`7. Dezember 26` (a day, a month's name and a 2-digit year) was rejected as having no year. A 2-digit year
    after a month's name is read as the year, 1970-2069 as for `02.11.26` (English `Dec 7 26` too, as before); a
    time of day may follow it. A day, a month and an hour (`7 Dez 14 Uhr`) still have no year, and a 2-digit year
    with a bad time is a bad created_at, not one without a year."""
    cells = {
        "7. Dezember 26": "2026-12-07",
        "7 dic 26 14:05": "2026-12-07 14:05",
        "7. Dez. '26 um 14.35 Uhr": "2026-12-07 14:35",
        "lunes 7 de diciembre de 26": "2026-12-07",
        "7 décembre 26 à 14h05": "2026-12-07 14:05",
        "Dec 7 26": "2026-12-07",
        "Mon, Dec. 7th, '69 14:05": "2069-12-07 14:05",
        "2026-12-03 14 Uhr": "2026-12-03 14:00",
        "3. Dezember 2026 um 14 Uhr": "2026-12-03 14:00",
    }
    yearless = " has no year (a day and a month could be any year's): export the dates with their year"
    bad = {
        "7 Dez 14 Uhr": "created_at '7 Dez 14 Uhr'" + yearless,
        "Montag, 7. Dezember": "created_at 'Montag, 7. Dezember'" + yearless,
        "7 Dez 26 25:00": "bad created_at '7 Dez 26 25:00'",
        "Dec 7 26 25:00": "bad created_at 'Dec 7 26 25:00'",
        "7 Dezember 89": "created_at '7 Dezember 89' is before 1990 (refused as no post's time: a placeholder such as "
        "Unix time 0, or a time in a wrong unit)",
        # (the month first, 1970-2069 too: dateutil read `Dec 7, 75` as 2075)
        "Dec 7, 75": "created_at 'Dec 7, 75' is before 1990 (refused as no post's time: a placeholder such as "
        "Unix time 0, or a time in a wrong unit)",
    }
    rows = [*cells, *bad]
    text = "text,created_at\n" + "".join(f'Acme {i},"{cell}"\n' for i, cell in enumerate(rows))
    loaded = read_in(write(tmp_path / "y.csv", text), chunksize)
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [f"line {n}", reason] for n, reason in zip(range(11, 17), bad.values(), strict=True)
    ]
    # (a column of several Arrow chunks, as a large file's: read the same)
    chunked = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["7. Dezember 26"], ["8 dic 26 14:05"]])))
    assert parse_timestamps(chunked).tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-12-07", "2026-12-08 14:05")
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_time_of_day_after_a_word_or_with_a_dot_and_uhr_is_read(tmp_path, chunksize, suffix):
    """German `14.35 Uhr`, and a word before a time of day in a `Time` column (`at 14:35`, `um 14:35`, `à 14h35`,
    Dutch `om`, Italian `alle`), were bad times of day; `14.35 Uhr` in a date column was a bad created_at. They are
    read as `14:35`. A number with a dot and no `Uhr` (`14.35`) and a word alone are still bad."""
    cells = {
        "14.35 Uhr": "2026-12-03 14:35",
        "9.05 uhr": "2026-12-03 09:05",
        "at 14:35": "2026-12-03 14:35",
        "um 14:35 Uhr": "2026-12-03 14:35",
        "At 2:35 PM EST": "2026-12-03 19:35",
        "à 14h35": "2026-12-03 14:35",
        "om 14:35": "2026-12-03 14:35",
        "alle 14.35 Uhr": "2026-12-03 14:35",
        "a las 9:10": "2026-12-03 09:10",
    }
    bad = ["14.35", "at", "at 25:10"]
    rows = [*cells, *bad]
    text = "Date,Time,Text\n" + "".join(f"2026-12-03,{cell},Acme {i}\n" for i, cell in enumerate(rows))
    loaded = read_in(_as(suffix, write(tmp_path / "t.csv", text)), chunksize)
    assert loaded.columns["created_at"] == "Date+Time"
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [place, f"bad time of day {cell!r} in column 'Time'"]
        for place, cell in zip(_places(suffix, 11, 12, 13), bad, strict=True)
    ]
    dated = "text,created_at\na,2026-12-03 14.35 Uhr\nb,3. Dezember 2026 um 14.35 Uhr\nc,03.12.2026 9.05 Uhr\n"
    loaded = read_in(write(tmp_path / "d.csv", dated), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-12-03 14:35", "2026-12-03 14:35", "2026-12-03 09:05")
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_word_between_a_date_and_its_time_is_read_and_an_hour_after_a_month_first_date_has_no_year(
    tmp_path, chunksize
):
    """A word between a date of digits and its time (`2026-12-03 um 14:35`, `03.12.2026 à 14h35`) made a bad
    created_at; English `at` alone was read (by dateutil, which skips it). English `Dec 7 14 Uhr` and `Dec 7 11 PM`
    (an hour taken for a 2-digit year) and `Dec 7 at 14 Uhr` were bad created_at where `7 Dez 14 Uhr` has no year:
    all of them have no year now."""
    cells = {
        "2026-12-03 at 14:35": "2026-12-03 14:35",
        "2026-12-03 um 14:35 Uhr": "2026-12-03 14:35",
        "2026-12-03, alle 14.35 Uhr": "2026-12-03 14:35",
        "03.12.2026 à 14h35": "2026-12-03 14:35",
        "2026-12-03 a las 9:10 PM": "2026-12-03 21:10",
        "03.12.26 om 14:35+01:00": "2026-12-03 13:35",
    }
    yearless = " has no year (a day and a month could be any year's): export the dates with their year"
    bad = {
        "Dec 7 14 Uhr": "created_at 'Dec 7 14 Uhr'" + yearless,
        "7 Dez 14 Uhr": "created_at '7 Dez 14 Uhr'" + yearless,
        "December 7 11 PM": "created_at 'December 7 11 PM'" + yearless,
        "Dec 7 at 14 Uhr": "created_at 'Dec 7 at 14 Uhr'" + yearless,
        "2026-12-03 um 25:00": "bad created_at '2026-12-03 um 25:00'",
        "Dec 7 26 25:00": "bad created_at 'Dec 7 26 25:00'",
    }
    rows = [*cells, *bad]
    text = "text,created_at\n" + "".join(f'Acme {i},"{cell}"\n' for i, cell in enumerate(rows))
    loaded = read_in(write(tmp_path / "at.csv", text), chunksize)
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [f"line {n}", reason] for n, reason in zip(range(8, 14), bad.values(), strict=True)
    ]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_date_and_the_word_before_a_time_with_no_time_is_the_date(tmp_path, chunksize):
    """A date followed by the word before its time and no time (`2026-12-03 at`: an export's template whose time was
    left empty) was read at midnight in English alone (dateutil skips `at`); `3. Dezember 2026 um` and `03.12.2026 à`
    were bad created_at, and `2026 at` was January 1 (a year alone is rejected). Each is its date, as the date alone
    is, in every language; a year or a month alone before the word is still rejected, as without it."""
    cells = {
        "2026-12-03 at": "2026-12-03",
        "2026-12-03 um": "2026-12-03",
        "3. Dezember 2026 um": "2026-12-03",
        "03.12.2026 à": "2026-12-03",
        "7 de diciembre de 2026 a las": "2026-12-07",
        "Dec 8, 2026 at": "2026-12-08",
        "2026-12-09, às ": "2026-12-09",
        "2026-12-09": "2026-12-09",
    }
    bad = ["2026 at", "11/2026 um"]
    rows = [*cells, *bad]
    text = "text,created_at\n" + "".join(f'Acme {i},"{cell}"\n' for i, cell in enumerate(rows))
    loaded = read_in(write(tmp_path / "at.csv", text), chunksize)
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["line 10", "bad created_at '2026 at'"],
        ["line 11", "bad created_at '11/2026 um'"],
    ]
    madrid = read_in(write(tmp_path / "at.csv", text), chunksize, input_tz="Europe/Madrid")
    assert madrid.posts["created_at"].iloc[2] == pd.Timestamp("2026-12-02 23:00", tz="UTC")  # (its midnight there)


@pytest.mark.parametrize("chunksize", [None, 1])
def test_cst_beside_cdt_in_a_file_is_us_central_time(tmp_path, chunksize):
    """`CST` is US Central, China or Cuba: it rejected its row even in a file that also names `CDT`, which only US
    Central has. Beside CDT (in a chunk before too) it is read as US Central's -06:00, and the note says so; alone it
    is still rejected, its reason naming the zones it could be and when it is read."""
    text = "text,Date,Time\na,2026-07-03,14:35 CDT\nb,2026-12-03,14:35 CST\nc,2026-12-04,2:35 pm cst\n"
    loaded = read_in(write(tmp_path / "c.csv", text), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-07-03 19:35", "2026-12-03 20:35", "2026-12-04 20:35")
    ]
    assert _last_note(tmp_path / "c.csv", chunksize).endswith(
        "'14:35 CST' and the like read as US Central time (-06:00), as the file names CDT too"
    )
    dated = "text,created_at\na,2026-07-03 14:35 CDT\nb,2026-12-03 14:35 CST\n"
    assert brandpulse.read(write(tmp_path / "d.csv", dated)).posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-07-03 19:35", "2026-12-03 20:35")
    ]
    alone = brandpulse.read(write(tmp_path / "a.csv", "text,Date,Time\nb,2026-12-03,14:35 CST\n"))
    assert alone.posts.empty and alone.rejects["reason"].tolist() == [
        "ambiguous time zone 'CST' in '14:35 CST' in column 'Time' (US Central -06:00, China +08:00 or Cuba -05:00; "
        "US Central in a file that names CDT too): write its UTC offset instead, as in 14:35+01:00"
    ]
    alone = brandpulse.read(write(tmp_path / "b.csv", "text,created_at\nb,2026-12-03 14:35 CST\n"))
    assert alone.rejects["reason"].tolist() == [
        "ambiguous time zone in created_at '2026-12-03 14:35 CST' (CST: US Central -06:00, China +08:00 or Cuba "
        "-05:00; US Central in a file that names CDT too): write its UTC offset instead, as in 14:35-06:00"
    ]


@pytest.mark.parametrize("chunksize", [None, 1, 2, 3])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("column", ["Time", "created_at"])
def test_cst_before_the_first_cdt_is_us_central_time_read_in_chunks_too(tmp_path, chunksize, suffix, column):
    """Read in chunks (`--chunksize`), a CST before the file's first CDT rejected its row as ambiguous, where the file
    read whole read it as US Central time: the chunks after one with such a CST are looked at first (held, as for a
    date's order, up to `HELD_CHUNKS`; further on, the file is read again). Alone, CST still rejects its row."""
    times = ["14:35 CST", "2:35 pm cst", *(["10:00 EST"] * 12), "14:35 CDT"]  # (CDT past 10 chunks of 1 row)
    days = ["2026-12-03", "2026-12-04", *(["2026-12-05"] * 12), "2026-07-03"]
    cells = [f"{d},{t}" if column == "Time" else f"{d} {t}" for d, t in zip(days, times, strict=True)]
    header = "text,Date,Time\n" if column == "Time" else "text,created_at\n"
    text = header + "".join(f"Acme {i},{cell}\n" for i, cell in enumerate(cells))
    path = _as(suffix, write(tmp_path / "c.csv", text))
    loaded = read_in(path, chunksize)
    assert loaded.rejects.empty and loaded.rows_read == 15
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC")
        for at in ("2026-12-03 20:35", "2026-12-04 20:35", *(["2026-12-05 15:00"] * 12), "2026-07-03 19:35")
    ]
    first = "14:35 CST" if column == "Time" else "2026-12-03 14:35 CST"
    assert _last_note(path, chunksize).endswith(
        f"{first!r} and the like read as US Central time (-06:00), as the file names CDT too"
    )
    alone = read_in(_as(suffix, write(tmp_path / "a.csv", text.replace("CDT", "EDT"))), chunksize)
    assert alone.rejects["position"].tolist() == _places(suffix, 2, 3) and len(alone.posts) == 13
    assert all(reason.startswith("ambiguous time zone") for reason in alone.rejects["reason"])


def test_cst_in_a_file_without_cdt_is_read_once_in_chunks(tmp_path, monkeypatch):
    """A CST with no CDT before it makes the chunks after it be looked at first, and a file of more than `HELD_CHUNKS`
    of them read again: not when the file's bytes hold no "cdt" at all (a China or Cuba export), looked for as bytes."""
    calls = []
    real = csv_files.iter_csv

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("brandpulse.sources.iter_csv", counted)
    rows = ["2026-12-03 14:35 CST", *(["2026-12-05 10:00 +08:00"] * 14)]
    text = "text,created_at\n" + "".join(f"Acme {i},{cell}\n" for i, cell in enumerate(rows))
    loaded = read_in(write(tmp_path / "cn.csv", text), 1)
    assert len(calls) == 1 and loaded.rejects["position"].tolist() == ["line 2"] and len(loaded.posts) == 14
    calls.clear()  # ("CDT" in a post's text: looked for, not found in a time, read again, the same rejects)
    loaded = read_in(write(tmp_path / "t.csv", text.replace("Acme 3,", "Acme CDT,")), 1)
    assert len(calls) == 2 and loaded.rejects["position"].tolist() == ["line 2"] and len(loaded.posts) == 14


@pytest.mark.parametrize("chunksize", [None, 1])
def test_a_zone_or_words_before_the_time_in_the_date_column_are_read(tmp_path, chunksize):
    """A zone named after a time in the date column (`2026-12-03 14:35 EST`, `2:35 pm est`, `ET`), a word between a
    date and its time (`um`, `à`, `a las`, `às`), French `14h05` and German `Uhr` rejected their rows as bad
    created_at. They are read as they are in a `Time` column."""
    cells = {
        "2026-12-03 14:35 EST": "2026-12-03 19:35",
        "2026-12-03 2:35 pm est": "2026-12-03 19:35",
        "2026-07-03 14:35 ET": "2026-07-03 18:35",  # (EDT)
        "2026-12-03 14:35 ET": "2026-12-03 19:35",  # (EST)
        "13/12/2026 14:35 CET": "2026-12-13 13:35",
        "2026-12-03 14:35 Uhr": "2026-12-03 14:35",
        "3. Dezember 2026 um 14:05": "2026-12-03 14:05",
        "3. Dezember 2026 um 14:05 Uhr": "2026-12-03 14:05",
        "3. Dezember 2026 um 14:05 MEZ": "2026-12-03 13:05",
        "7 décembre 2026 à 14h05": "2026-12-07 14:05",
        "7 de diciembre de 2026 a las 14:05": "2026-12-07 14:05",
        "7 de dezembro de 2026 às 15h": "2026-12-07 15:00",
        '"Dec 3, 2026 2:35 PM PT"': "2026-12-03 22:35",
    }
    text = "text,created_at\n" + "".join(f"Acme {i},{cell}\n" for i, cell in enumerate(cells))
    loaded = read_in(write(tmp_path / "m.csv", text), chunksize)
    assert loaded.rejects.empty
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp(at, tz="UTC") for at in cells.values()]
    # (on the export's clock: a time with a zone is not, one with Uhr is)
    text = "text,created_at\na,2026-12-03 14:35 Uhr\nb,2026-12-03 14:35 ET\nc,3. Dezember 2026 um 14:05\n"
    assert brandpulse.read(write(tmp_path / "t.csv", text), input_tz="Europe/Berlin").posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC") for at in ("2026-12-03 13:35", "2026-12-03 19:35", "2026-12-03 13:05")
    ]


def test_a_date_without_a_year_is_rejected_as_such(tmp_path):
    """`lunes 7 de diciembre`, `Montag, 7. Dezember` or `Dec 7` (a day and a month, no year) were "bad created_at",
    which did not say what was wrong. The reason says the year is missing; no year is taken from the file's other
    dates (a file of December and January posts would put some in the wrong year)."""
    text = 'text,created_at\na,lunes 7 de diciembre\nb,"Montag, 7. Dezember"\nc,Dec 7\nd,7 déc. 14:05\ne,2026-12-01\n'
    loaded = brandpulse.read(write(tmp_path / "y.csv", text))
    assert loaded.posts["created_at"].tolist() == [pd.Timestamp("2026-12-01", tz="UTC")]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [
            f"line {n}",
            f"created_at {cell!r} has no year (a day and a month could be any year's): export the dates "
            "with their year",
        ]
        for n, cell in zip(
            range(2, 6), ["lunes 7 de diciembre", "Montag, 7. Dezember", "Dec 7", "7 déc. 14:05"], strict=True
        )
    ]


def _last_note(path, chunksize) -> str:
    """The note of a file read whole, or of its last chunk (the one `analyze` shows, telling of all before)."""
    return brandpulse.read(path).note if chunksize is None else list(iter_read(path, chunksize))[-1].note


@pytest.mark.parametrize("chunksize", [None, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_time_column_of_full_times_beside_dates_gives_the_posts_times(tmp_path, chunksize, suffix):
    """`Post Date,Time` whose `Time` holds full times (`2026-11-02 14:35:00`) read them as times of day: every row
    rejected as a bad time of day. A time with its day is the post's time (a time of day beside it still read with
    its date; a zone named at its end read as a time of day's), and the note names the first one written on another
    day than its date."""
    text = (
        "Post Date,Time,Text\n2026-11-02,2026-11-02 14:35:00,Acme one\n2026-11-03,2026-11-04T09:10:00Z,Acme two\n"
        "2026-11-03,14:35,Acme three\n2026-11-03,2026-11-03T23:30:00-05:00,Acme four\n"  # (November 3 where written)
        "2026-11-05,2026-11-06 08:00,Acme five\n2026-11-05,2026-13-45 10:00,Acme six\n"
        "2026-11-05,2026-11-05 11:30 PM EST,Acme seven\n2026-11-05,2026-11-05 14:35 IST,Acme eight\n"
    )
    path = _as(suffix, write(tmp_path / "f.csv", text))
    loaded = read_in(path, chunksize)
    assert loaded.columns["created_at"] == "Post Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp(at, tz="UTC")
        for at in (
            "2026-11-02 14:35",
            "2026-11-04 09:10",
            "2026-11-03 14:35",
            "2026-11-04 04:30",
            "2026-11-06 08:00",
            "2026-11-06 04:30",  # (November 5 at 11:30 PM in New York, where it is written)
        )
    ]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [_places(suffix, 7)[0], "bad time '2026-13-45 10:00' in column 'Time'"],
        [
            _places(suffix, 9)[0],
            "ambiguous time zone 'IST' in '2026-11-05 14:35 IST' in column 'Time' (India +05:30, Ireland +01:00 or "
            "Israel +02:00): write its UTC offset instead, as in 14:35+01:00",
        ],
    ]
    assert _last_note(path, chunksize) == (
        f"'Time' holds times with their day, read as the posts' times, and '2026-11-04T09:10:00Z' "
        f"({_places(suffix, 3)[0]}) is not on its 'Post Date' 2026-11-03: check which is right"
    )
    agreeing = _as(suffix, write(tmp_path / "a.csv", "Post Date,Time,Text\n2026-11-02,2026-11-02 14:35,Acme\n"))
    assert _last_note(agreeing, chunksize) == ""


def test_a_parquet_time_column_of_timestamps_gives_the_posts_times(tmp_path):
    """A Parquet `Time` column of timestamps (typed) beside a column of dates: the posts' times are its."""
    pd.DataFrame(
        {
            "Post Date": ["2026-11-02", "2026-11-03"],
            "Time": pd.to_datetime(["2026-11-02 14:35", "2026-11-03 09:10"], utc=True),
            "Text": ["Acme", "Acme 2"],
        }
    ).to_parquet(tmp_path / "t.parquet")
    loaded = brandpulse.read(tmp_path / "t.parquet")
    assert loaded.rejects.empty and loaded.note == "" and loaded.columns["created_at"] == "Post Date+Time"
    assert loaded.posts["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 14:35", tz="UTC"),
        pd.Timestamp("2026-11-03 09:10", tz="UTC"),
    ]


#: the start of a program (an ELF header, then its tables): what `cp /bin/ls x.csv` gives
PROGRAM = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + bytes(range(256)) * 40


@pytest.mark.parametrize("name", ["x.csv", "x.jsonl", "x"])
@pytest.mark.parametrize("chunksize", [None, 10])
def test_a_binary_file_is_not_a_text_file(tmp_path, name, chunksize):
    """A program copied as x.csv said "no text column (columns: \ufffdELF\ufffd...)", its bytes as column names."""
    (tmp_path / name).write_bytes(PROGRAM)
    with pytest.raises(InputError) as err:
        read_in(tmp_path / name, chunksize)
    assert str(err.value) == (
        f"{tmp_path / name}: not a text file (binary data): give an export such as CSV, JSON Lines, Parquet or XLSX"
    )
    assert err.value.exit_code == 4


def test_a_text_file_with_nul_bytes_is_read(tmp_path):
    """A NUL in a post (brandpulse writes a JSON post's NUL to its CSV) is text, in UTF-8 and UTF-16 alike."""
    for encoding in ("utf-8", "utf-16"):
        (tmp_path / "p.csv").write_bytes("id,text\n1,Delta\x00 ok\n2,fine\n".encode(encoding))
        for chunksize in (None, 10):
            assert read_in(tmp_path / "p.csv", chunksize).posts["post_id"].tolist() == ["1", "2"]
    # a Windows export (cp1252, not UTF-8) with a NUL in a post was "not a text file", every post of it refused
    (tmp_path / "w.csv").write_bytes("id,text\n1,Delta caf\xe9\x00 ok\n2,fine\n".encode("cp1252"))
    for chunksize in (None, 10):
        assert read_in(tmp_path / "w.csv", chunksize).posts["text"].tolist() == ["Delta caf\xe9 ok", "fine"]


def test_analyze_of_a_binary_file_is_one_line_and_exit_4(runner, tmp_path):
    (tmp_path / "x.csv").write_bytes(PROGRAM)
    result = runner.invoke(main, ["analyze", str(tmp_path / "x.csv"), "--brand", "Delta"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        f"brandpulse: error: {tmp_path / 'x.csv'}: not a text file (binary data): give an export such as CSV,"
        " JSON Lines, Parquet or XLSX\n"
    )


def test_no_text_column_names_the_library_argument(tmp_path):
    """`brandpulse.read(path)` said "name it with --map text=COLUMN", a flag a notebook cannot pass (then "--map
    text=COLUMN (in Python, mapping=...)", the flag first); it names read()'s `mapping` alone, and that mapping reads
    the file."""
    path = write(tmp_path / "x.csv", "id,body_text\n1,hello\n")
    with pytest.raises(
        InputError, match=re.escape("(columns: id, body_text); name it with mapping={'text': COLUMN}") + "$"
    ):
        brandpulse.read(path)
    assert brandpulse.read(path, mapping={"text": "body_text"}).posts["text"].tolist() == ["hello"]


# -- --input-tz: the zone of times written without one ---------------------------------------------------------

#: a Madrid team's export: (cell, its UTC time read on Madrid's clock), worked out by hand: CET is +01:00, CEST (from
#: 2026-03-29 02:00, which jumps to 03:00, until 2026-10-25 03:00, which goes back to 02:00) +02:00
MADRID = [
    ("31/12/2026 23:15", "2026-12-31T22:15:00Z"),  # (read as UTC: 2027-01-01 00:15 in Madrid, a year late)
    ("2026-07-01 12:00", "2026-07-01T10:00:00Z"),
    ("2026-11-02", "2026-11-01T23:00:00Z"),  # a date: its midnight in Madrid
    ("2026-03-29 02:30", "2026-03-29T01:00:00Z"),  # skipped by the clocks: the first time after, 03:00 CEST
    ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),  # repeated: the earlier, 02:30 CEST
    # a zone or offset of their own: read as they say
    ("2026-12-31T23:15:00Z", "2026-12-31T23:15:00Z"),
    ("2026-12-31 23:15:00+02:00", "2026-12-31T21:15:00Z"),
    ("2026-12-31 23:15 -0500", "2027-01-01T04:15:00Z"),
    ("Thu Dec 31 23:15:00 +0000 2026", "2026-12-31T23:15:00Z"),
    ("2026-12-31 23:15:00 UTC", "2026-12-31T23:15:00Z"),
    ("1798758900", "2026-12-31T23:15:00Z"),  # epoch seconds are UTC
]


def _madrid_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"id": [str(i) for i in range(len(MADRID))], "text": ["x"] * len(MADRID), "created_at": [c for c, _ in MADRID]}
    )


def _utc(times: pd.Series) -> list[str]:
    return times.dt.strftime("%Y-%m-%dT%H:%M:%SZ").tolist()


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "parquet", "xlsx"])
@pytest.mark.parametrize("chunksize", [None, 1, 4])
def test_input_tz_reads_times_without_a_zone_on_the_exports_clock(tmp_path, fmt, chunksize):
    """A Madrid team's export writes local times without a zone: `31/12/2026 23:15` was read as UTC, 2027-01-01 00:15
    in a report in Madrid's zone. With `input_tz` such times are Madrid's (also dates, and across the clock changes);
    those with a zone or offset, and epoch numbers, are read as they say. Every format and chunk size agrees."""
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    df, path = _madrid_frame(), tmp_path / f"madrid.{fmt}"
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt in ("json", "jsonl"):
        df.to_json(path, orient="records", lines=fmt == "jsonl")
    elif fmt == "parquet":
        df.to_parquet(path)
    else:
        df.to_excel(path, index=False)
    loaded = read_in(path, chunksize, input_tz="Europe/Madrid")
    assert loaded.rejects.empty
    assert _utc(loaded.posts["created_at"]) == [utc for _, utc in MADRID]
    as_utc = read_in(path, chunksize)  # the default: UTC, as before
    assert _utc(as_utc.posts["created_at"])[:2] == ["2026-12-31T23:15:00Z", "2026-07-01T12:00:00Z"]
    assert _utc(as_utc.posts["created_at"])[5:] == [utc for _, utc in MADRID[5:]]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_brandpulses_own_rows_keep_their_utc_times_whatever_input_tz(runner, tmp_path, chunksize):
    """`analyze --excel` writes UTC times without the Z (`2026-12-05 13:35:00`, as Excel reads dates); read back with
    the exports' `[input] timezone = "Europe/Madrid"` (the same config), they were Madrid's, an hour early, and a
    post without an id ingested again was a second post in the store. Its own header says the rows are brandpulse's:
    their times are UTC, and the note says so. An export of other columns is still read on the zone's clock."""
    export = write(tmp_path / "es.csv", "Fecha;Texto\n05/12/2026 14:35;Renfe tarde\n01/07/2026 09:00;Renfe bien\n")
    config = write(tmp_path / "bp.toml", '[input]\ntimezone = "Europe/Madrid"\ndate_order = "dmy"\n')
    rows = tmp_path / "rows.csv"
    for excel in (["--excel"], []):
        args = ["analyze", str(export), "-c", str(config), "--brand", "Renfe", "-q", "-o", str(rows), *excel]
        assert runner.invoke(main, args).exit_code == 0
        loaded = read_in(rows, chunksize, input_tz="Europe/Madrid")
        assert _utc(loaded.posts["created_at"]) == ["2026-12-05T13:35:00Z", "2026-07-01T07:00:00Z"]
        assert "brandpulse's own rows: their times are UTC, not --input-tz's" in loaded.note
    assert _utc(brandpulse.read(export, input_tz="Europe/Madrid", date_order="dmy").posts["created_at"]) == [
        "2026-12-05T13:35:00Z",
        "2026-07-01T07:00:00Z",
    ]


def test_input_tz_reads_spreadsheet_and_parquet_times_without_a_zone_on_its_clock(tmp_path):
    """XLSX date cells and Parquet timestamps without a zone are the export's clock too; a Parquet timestamp with its
    zone is read as it says."""
    pytest.importorskip("openpyxl")
    naive = pd.to_datetime(["2026-12-31 23:15", "2026-07-01 12:00"])
    frame = pd.DataFrame({"text": ["a", "b"], "created_at": naive})
    frame.to_excel(tmp_path / "m.xlsx", index=False)
    frame.to_parquet(tmp_path / "m.parquet")
    frame.assign(created_at=naive.tz_localize("UTC")).to_parquet(tmp_path / "z.parquet")
    for name in ("m.xlsx", "m.parquet"):
        posts = brandpulse.read(tmp_path / name, input_tz="Europe/Madrid").posts
        assert _utc(posts["created_at"]) == ["2026-12-31T22:15:00Z", "2026-07-01T10:00:00Z"], name
    zoned = brandpulse.read(tmp_path / "z.parquet", input_tz="Europe/Madrid").posts
    assert _utc(zoned["created_at"]) == ["2026-12-31T23:15:00Z", "2026-07-01T12:00:00Z"]


def test_input_tz_reads_a_date_and_its_time_of_day_on_the_exports_clock(tmp_path):
    """`Date` and `Time` columns: the time of day without a zone is the export's clock, one with its offset is not."""
    path = write(
        tmp_path / "dt.csv",
        "text,Date,Time\na,31/12/2026,23:15\nb,31/12/2026,23:15+00:00\nc,31/12/2026,11:15 PM EST\nd,2026-07-01,\n",
    )
    posts = brandpulse.read(path, input_tz="Europe/Madrid").posts
    assert _utc(posts["created_at"]) == [
        "2026-12-31T22:15:00Z",
        "2026-12-31T23:15:00Z",
        "2027-01-01T04:15:00Z",
        "2026-06-30T22:00:00Z",
    ]


def test_an_unknown_input_tz_is_a_config_error():
    with pytest.raises(ConfigError, match="input_tz 'Europe/Madri': unknown time zone, did you mean"):
        brandpulse.read(io.StringIO("text,created_at\na,2026-12-31 23:15\n"), input_tz="Europe/Madri")


def test_instagram_and_facebook_graph_api_exports_are_read(tmp_path):
    """An agency's Instagram media (Graph API: `caption`) was "no text column", and its Facebook page posts (`from`,
    `permalink_url`, `reactions.summary.total_count`) were read without author, link or likes."""
    ig = tmp_path / "instagram.json"
    ig.write_text(
        json.dumps(
            [
                {
                    "id": "17900000000000001",
                    "caption": "Gracias Aeroméxico por el upgrade",
                    "timestamp": "2026-12-06T15:00:00+0000",
                    "username": "viajera_mx",
                    "like_count": 120,
                    "comments_count": 4,
                    "permalink": "https://www.instagram.com/p/C0abc/",
                }
            ]
        ),
        encoding="utf-8",
    )
    fb = tmp_path / "facebook.json"
    page = {
        "data": [
            {
                "id": "1042_9001",
                "message": "¿Cuándo me van a devolver mi dinero?",
                "created_time": "2026-12-05T16:15:00+0000",
                "from": {"name": "María López", "id": "5550001"},
                "permalink_url": "https://www.facebook.com/1042/posts/9001",
                "reactions": {"summary": {"total_count": 12}},
                "comments": {"summary": {"total_count": 2}},
            }
        ],
        "paging": {"cursors": {"after": "b"}},
    }
    fb.write_text(json.dumps(page), encoding="utf-8")
    posts = brandpulse.load(ig)
    assert posts.loc[0, ["text", "author", "likes", "replies", "url"]].tolist() == [
        "Gracias Aeroméxico por el upgrade",
        "viajera_mx",
        120,
        4,
        "https://www.instagram.com/p/C0abc/",
    ]
    assert posts.loc[0, "created_at"] == pd.Timestamp("2026-12-06T15:00Z")
    posts = brandpulse.load(fb)
    assert posts.loc[0, ["post_id", "author", "url", "likes", "replies"]].tolist() == [
        "1042_9001",
        "María López",
        "https://www.facebook.com/1042/posts/9001",
        12,
        2,
    ]


def test_graph_api_aliases_take_no_column_a_better_alias_names(tmp_path):
    """Review of stop 42: a Facebook Graph API post's `name` (its link's title) was read as the author before
    `from.name`, and a Meltwater export's `Caption` beside its `Hit Sentence` as the text."""
    fb = tmp_path / "facebook.json"
    post = {
        "id": "1042_9001",
        "message": "¿Cuándo me van a devolver mi dinero?",
        "created_time": "2026-12-05T16:15:00+0000",
        "name": "Promo Diciembre - Aeroméxico",
        "caption": "aeromexico.com",
        "from": {"name": "María López", "id": "5550001"},
    }
    fb.write_text(json.dumps({"data": [post]}), encoding="utf-8")
    assert brandpulse.load(fb).loc[0, ["text", "author"]].tolist() == [
        "¿Cuándo me van a devolver mi dinero?",
        "María López",
    ]
    mw = tmp_path / "meltwater.csv"
    mw.write_text("Date,Hit Sentence,Caption\n2026-12-01 10:00,Aeromexico lost my bag,Photo of a suitcase\n")
    assert brandpulse.load(mw).loc[0, "text"] == "Aeromexico lost my bag"


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_a_one_column_files_quoted_empty_text_is_rejected_not_skipped_as_a_blank_line(tmp_path, chunksize):
    """`text\\nhello\\n""\\n\\nbye` read 2 rows: the `""` line, an empty text as a two-column file's `"",b` (rejected
    with its line), was skipped as the blank line after it is, without a word."""
    loaded = read_in(write(tmp_path / "one.csv", 'text\r\nhello\r\n""\r\n\r\nbye\r\n'), chunksize)
    assert loaded.posts["text"].tolist() == ["hello", "bye"]
    assert loaded.rejects[["position", "reason", "record"]].values.tolist() == [["line 3", "empty text", '""']]
    assert loaded.rows_read == 3  # (the blank line is still no record)
    two = read_in(write(tmp_path / "two.csv", 'text,b\nhello,1\n"",b\n\nbye,2\n'), chunksize)
    assert two.rejects[["position", "reason"]].values.tolist() == [["line 3", "empty text"]]
