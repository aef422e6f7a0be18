"""Each platform export/API shape read from a hand-written fixture: values checked by hand."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from conftest import need
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse.schema import STRING
from brandpulse.sources import read
from brandpulse.sources.markup import fix_mojibake, html_to_text, unwrap_redirect
from brandpulse.sources.values import platforms_of_links

FIX = Path(__file__).parent / "fixtures" / "platforms"


def ts(s: str) -> pd.Timestamp:
    return pd.Timestamp(s, tz="UTC")


def rows(path, **kw) -> list[dict]:
    loaded = read(path, **kw)
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    return loaded.posts.to_dict("records")


def test_x_api_v2_page_joins_users():
    a, b = rows(FIX / "x_v2_page.json")
    assert a["post_id"] == "1790000000000000001" and a["platform"] == "twitter"
    assert a["author"] == "kettlefan" and a["author_followers"] == 1520
    assert a["created_at"] == ts("2024-05-13 09:15:00")
    assert (a["likes"], a["reposts"], a["replies"]) == (27, 4, 1)
    assert a["url"] == "https://x.com/kettlefan/status/1790000000000000001"
    assert b["parent_id"] == "1790000000000000001" and b["lang"] == "fr" and b["author_followers"] == 88


def test_another_apis_page_with_a_meta_is_not_taken_for_x(tmp_path):
    """Any API's page may hold `data` and `meta` (JSON:API): such a page of posts with `id` and `text` was read as X's,
    its posts `twitter` with links to `https://x.com/i/web/status/1`, another person's tweet. X's page says
    `result_count` (or `next_token`, `newest_id`) in its `meta`."""
    page = {"data": [{"id": "1", "text": "Acme is late"}], "meta": {"page": 1, "total": 1}}
    (tmp_path / "api.json").write_text(json.dumps(page))
    loaded = read(tmp_path / "api.json")
    assert "X API" not in loaded.note
    (post,) = loaded.posts.to_dict("records")
    assert (post["post_id"], post["text"]) == ("1", "Acme is late")
    assert pd.isna(post["platform"]) and pd.isna(post["url"])
    page["meta"] = {"result_count": 1}
    (tmp_path / "x.json").write_text(json.dumps(page))
    assert read(tmp_path / "x.json").posts["platform"].tolist() == ["twitter"]


def test_discord_channel_leaves_out_bots_and_notices():
    """A DiscordChatExporter JSON export was read by the column aliases: a support bot's "Thanks for contacting Acme
    support! ... we love helping you" was a customer's praise, and Discord's "Joined the server." a post. They are
    rejected as what they are, with their message as it was; the people's messages are posts of `discord`."""
    loaded = read(FIX / "discord_channel.json")
    assert loaded.note.startswith("Discord")
    a, b = loaded.posts.to_dict("records")
    assert (a["post_id"], a["platform"], a["author"]) == ("1300000000000000010", "discord", "kettlefan")
    assert a["text"] == "my Acme kettle stopped working after a week"
    assert a["created_at"] == ts("2026-11-02 10:00:00.123")
    assert a["url"] == "https://discord.com/channels/1150000000000000001/1150000000000000002/1300000000000000010"
    assert pd.isna(a["parent_id"]) and pd.isna(a["likes"])  # (emoji reactions are no likes, as in the CSV)
    assert (b["author"], b["parent_id"]) == ("toastguy", "1300000000000000010")
    assert loaded.rows_read == 4
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        ["item 2", "bot message (author 'Ticket Tool')"],
        ["item 3", "Discord notice: GuildMemberJoin"],
    ]
    assert json.loads(loaded.rejects["record"].iloc[0])["author"]["isBot"] is True


def test_discord_messages_saved_alone_leave_out_bots_and_notices(tmp_path):
    """A channel's messages saved one a line (`jq -c '.messages[]'`) were read by the column aliases: a game's bot
    announcing "Patch 2.3.0 is live!" was a player's post, and no message had a platform. Read as the channel's are,
    without links (the lines name no server nor channel); the same as a JSON array of them."""
    messages = json.loads((FIX / "discord_channel.json").read_text())["messages"]
    lines = tmp_path / "general.jsonl"
    lines.write_text("".join(json.dumps(m) + "\n" for m in messages))
    (tmp_path / "general.json").write_text(json.dumps(messages))
    for path in (lines, tmp_path / "general.json"):
        loaded = read(path)
        assert loaded.note.startswith("Discord")
        a, b = loaded.posts.to_dict("records")
        assert (a["post_id"], a["platform"], a["author"]) == ("1300000000000000010", "discord", "kettlefan")
        assert pd.isna(a["url"]) and b["parent_id"] == "1300000000000000010"
        assert loaded.rejects["reason"].tolist() == [
            "bot message (author 'Ticket Tool')",
            "Discord notice: GuildMemberJoin",
        ]
    assert read(lines).rejects["position"].tolist() == ["line 2", "line 3"]


def test_a_rejected_bots_name_is_shown_on_stderr(tmp_path):
    """`analyze` of a Discord export said `rejected ... item 2: bot message (author '[name]')`: a 2-word bot name was
    masked as a person's (stop 46's masking of a cell that is a name), and the user could not tell which bot."""
    from click.testing import CliRunner

    from brandpulse.cli import main

    bot = "Acme Support"
    export = tmp_path / "d.json"
    export.write_text((FIX / "discord_channel.json").read_text().replace("Ticket Tool", bot))
    result = CliRunner().invoke(main, ["analyze", str(export), "--brand", "Acme", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert f"item 2: bot message (author '{bot}')" in result.stderr


def test_twarc2_jsonl_pages():
    loaded = read(FIX / "twarc2.jsonl")
    assert list(loaded.posts["post_id"]) == ["1790000000000000003", "1790000000000000004"]
    assert list(loaded.posts["author_followers"]) == [301, 302]
    assert list(loaded.posts["replies"]) == [0, 2]
    assert "X API v2 page" in loaded.note


def test_twarc_csv_columns():
    loaded = read(FIX / "twarc.csv")
    a, b = loaded.posts.to_dict("records")
    assert loaded.note.startswith("twarc-csv")
    assert a["post_id"] == "1790000000000000005" and a["author"] == "toastguy" and a["author_followers"] == 7700
    assert a["text"] == "Acme toaster, two slots, both burn"
    assert (a["likes"], a["reposts"], a["replies"]) == (3, 2, 1)
    assert pd.isna(a["parent_id"]) and b["parent_id"] == "1790000000000000005"
    assert b["url"] == "https://x.com/crumbs/status/1790000000000000006"


def _check_archive(posts: list[dict], owner: str | None):
    a, b = posts
    assert a["post_id"] == "1234567890123456789"
    assert a["created_at"] == ts("2018-10-10 20:19:24")
    assert a["text"] == "Acme > everyone else. Fight me & my kettle"
    assert (a["likes"], a["reposts"]) == (12, 3)
    assert b["parent_id"] == "1234567890123456000" and pd.isna(b["lang"])
    if owner:
        assert a["author"] == owner and a["url"] == f"https://x.com/{owner}/status/1234567890123456789"
    else:
        assert pd.isna(a["author"]) and a["url"] == "https://x.com/i/web/status/1234567890123456789"


def test_twitter_archive_js_file():
    _check_archive(rows(FIX / "twitter_archive" / "data" / "tweets.js"), None)


def test_one_tweets_js_item_saved_alone_is_read(tmp_path):
    """One item of tweets.js saved alone (an object, not a list) was "JSON holds no list of posts"."""
    import json

    item = json.loads((FIX / "twitter_archive" / "data" / "tweets.js").read_text().split("=", 1)[1])[0]
    path = tmp_path / "one.js"
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(item, indent=2))
    loaded = read(path)
    assert loaded.note == "X account archive tweets.js"
    assert loaded.posts["post_id"].tolist() == ["1234567890123456789"]
    assert loaded.posts["text"].tolist() == ["Acme > everyone else. Fight me & my kettle"]
    assert loaded.rejects.empty


def test_twitter_archive_folder_names_owner(tmp_path):
    _check_archive(rows(FIX / "twitter_archive"), "archive_owner")


def test_twitter_archive_zip(tmp_path):
    archive = tmp_path / "twitter-2024-01-01.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in (FIX / "twitter_archive" / "data").iterdir():
            zf.write(f, f"data/{f.name}")
        zf.writestr("data/direct-messages.js", "window.YTD.direct_messages.part0 = []")
    loaded = read(archive)
    _check_archive(loaded.posts.to_dict("records"), "archive_owner")
    assert "data/tweets.js" in loaded.note


def test_a_zip_of_daily_csvs_is_read_like_a_folder_of_them(tmp_path):
    """A zip without platform post files: its data files (a gzipped one too), in name order; not
    hidden files, macOS's __MACOSX copies or other files."""
    import gzip

    from brandpulse.errors import InputError

    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2026-11-02.csv", "id,text,created_at\n2,second day,2026-11-03\n")
        zf.writestr("2026-11-01.csv.gz", gzip.compress(b"id,text,created_at\n1,first day,2026-11-02\n"))
        zf.writestr("__MACOSX/._2026-11-02.csv", "junk")
        zf.writestr(".hidden.csv", "id,text\n9,hidden\n")
        zf.writestr("readme.txt", "not posts")
    loaded = read(archive)
    assert loaded.posts["post_id"].tolist() == ["1", "2"]
    assert loaded.posts["text"].tolist() == ["first day", "second day"]
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "not posts")
    with pytest.raises(InputError, match="no post files found in this archive .* else data files"):
        read(empty)


def test_a_folder_of_daily_csvs_is_read_as_its_zip_is(tmp_path):
    """`brandpulse.read("exports/")` of a folder without platform post files was "no post files found in this
    archive (... else data files: .csv, ...)", where its zip, and `brandpulse analyze exports/`, read its data files.
    Not its hidden files, notebook checkpoints or the archives beside them (as the CLI: told, not read)."""
    import gzip

    folder = tmp_path / "exports"
    (folder / "week2").mkdir(parents=True)
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / "2026-11-02.csv").write_text("id,text,created_at\n2,second day,2026-11-03\n4,,2026-11-03\n")
    (folder / "2026-11-01.csv.gz").write_bytes(gzip.compress(b"id,text,created_at\n1,first day,2026-11-02\n"))
    (folder / "week2" / "2026-11-09.jsonl").write_text('{"id": "3", "text": "third"}\n')
    (folder / ".ipynb_checkpoints" / "2026-11-02-checkpoint.csv").write_text("id,text\n9,copy\n")
    (folder / "readme.txt").write_text("not posts")
    with zipfile.ZipFile(folder / "old.zip", "w") as zf:
        zf.writestr("old.csv", "id,text\n8,old\n")
    loaded = read(folder)
    assert loaded.posts["post_id"].tolist() == ["1", "2", "3"]
    assert loaded.posts["text"].tolist() == ["first day", "second day", "third"]
    assert loaded.rows_read == 4 and loaded.rejects[["source", "position", "reason"]].values.tolist() == [
        [f"{folder}/2026-11-02.csv", "line 3", "empty text"]  # (its path, as the CLI names it; was `exports:...`)
    ]


def test_a_posts_csv_of_ones_own_is_not_taken_for_a_reddit_export(tmp_path):
    """A folder or zip of daily exports holding a file named `posts.csv` (or `comments.csv`) was taken for
    Reddit's data request: that file alone was read, and the others (157 posts of a `.jsonl` beside it) were
    left out without a word. Those two names are Reddit's (YouTube's) only with their export's header."""
    from brandpulse.sources import expand_inputs

    days = tmp_path / "exports"
    days.mkdir()
    (days / "posts.csv").write_text("id,text,created_at\n1,first day,2026-11-02\n")
    (days / "comments.csv").write_text("\ufeffid,text,created_at\n2,a comment,2026-11-02\n")
    (days / "2026-11-03.jsonl").write_text('{"id": "3", "text": "second day", "created_at": "2026-11-03"}\n')
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(days.iterdir()):
            zf.write(f, f.name)
    assert expand_inputs([str(days)]) == [str(days / n) for n in ("2026-11-03.jsonl", "comments.csv", "posts.csv")]
    for source in (days, archive):
        assert sorted(read(source).posts["post_id"]) == ["1", "2", "3"], source
    # a Reddit data request is still read as one: its posts and comments, not its other CSVs
    reddit = tmp_path / "export_user_20240301"
    reddit.mkdir()
    shutil.copy(FIX / "reddit_posts.csv", reddit / "posts.csv")
    shutil.copy(FIX / "reddit_comments.csv", reddit / "comments.csv")
    (reddit / "messages.csv").write_text("id,from,to,body\nm1,a,b,private\n")
    assert expand_inputs([str(reddit)]) == [str(reddit)]
    assert sorted(read(reddit).posts["post_id"]) == ["t1_kq11aa", "t1_kq11bb", "t3_1xyz99"]


def test_a_zip_inside_a_zip_is_read_as_its_data_files_are(tmp_path):
    """`exports.zip` holding `week1.zip` beside `week2.csv`: the inner zip was passed over without a word.
    It is read one level deep, its rejects naming both; a third level is an error, not a loop (a zip quine)."""
    import io

    from brandpulse.errors import InputError

    def packed(members: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for member, data in members.items():
                zf.writestr(member, data)
        return out.getvalue()

    week1 = packed({"week1.csv": b"id,text,created_at\n1,first week,2026-11-02\n3,late,nope\n"})
    outer = tmp_path / "exports.zip"
    outer.write_bytes(packed({"week1.zip": week1, "week2.csv": b"id,text,created_at\n2,second week,2026-11-09\n"}))
    loaded = read(outer)
    assert loaded.posts["post_id"].tolist() == ["1", "2"] and loaded.rows_read == 3
    assert loaded.rejects[["source", "position", "reason"]].values.tolist() == [
        [f"{outer}:week1.zip:week1.csv", "line 3", "bad created_at 'nope'"]
    ]
    deep = tmp_path / "deep.zip"
    deep.write_bytes(packed({"a.zip": packed({"b.zip": week1})}))
    with pytest.raises(InputError, match=r"deep\.zip:a\.zip:b\.zip: an archive inside an archive inside an archive"):
        read(deep)


def test_a_zip_holding_a_workbook_stored_uncompressed_is_a_zip(tmp_path):
    """A zip whose .xlsx member is stored, not deflated (Python's zipfile does so by default), holds the
    bytes `xl/workbook.xml` in plain: it was taken for a workbook, "cannot read XLSX: There is no item
    named '[Content_Types].xml'"."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["id", "text"], ["1", "from the workbook"]):
        book.active.append(row)
    book.save(tmp_path / "week1.xlsx")
    with zipfile.ZipFile(tmp_path / "exports.zip", "w", zipfile.ZIP_STORED) as zf:
        zf.write(tmp_path / "week1.xlsx", "week1.xlsx")
        zf.writestr("week2.csv", "id,text\n2,from the csv\n")
    import io

    for source in (
        tmp_path / "exports.zip",
        io.BytesIO((tmp_path / "exports.zip").read_bytes()),
    ):  # (a stream: no name)
        loaded = read(source)
        assert loaded.posts[["post_id", "text"]].values.tolist() == [["1", "from the workbook"], ["2", "from the csv"]]


def test_a_tar_archive_is_read_as_a_zip_is(tmp_path):
    """A .tar.gz export (older Mastodon archives; `tar czf exports.tar.gz exports/`) was read as one CSV:
    its headers' bytes became the first column's name, and the ids of every post were lost without a word."""
    import io
    import tarfile

    from brandpulse.errors import InputError

    def tar(path, members: dict[str, bytes], mode="w:gz"):
        with tarfile.open(path, mode) as tf:
            for member, data in members.items():
                info = tarfile.TarInfo(member)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        return path

    outbox = (FIX / "mastodon_outbox.json").read_bytes()
    export = tar(tmp_path / "archive.tar.gz", {"./archive/outbox.json": outbox, "./archive/media/a.png": b"\x89PNG"})
    assert rows(export) == rows(FIX / "mastodon_outbox.json")
    daily = {
        "exports/2026-11-02.csv": b"id,text\n2,second day\n",
        "exports/2026-11-01.jsonl": b'{"id": "1", "text": "first day"}\n',
    }
    loaded = read(tar(tmp_path / "exports.tar", daily, "w"))
    assert loaded.posts["post_id"].tolist() == ["1", "2"] and loaded.rows_read == 2
    whole = (tmp_path / "exports.tar").read_bytes()
    for cut in (1024, 1300, 2048):  # after a member, in one's header: tarfile said nothing, the rest was left out
        (tmp_path / "cut.tar").write_bytes(whole[:cut])
        with pytest.raises(InputError, match=r"cut\.tar: damaged tar archive: it ends inside a member"):
            read(tmp_path / "cut.tar")


def test_file_names_that_are_not_utf8_are_shown_in_the_rejects(tmp_path):
    """A file (or a tar member) named in Latin-1, `caf\xe9.csv`, is decoded with surrogates no writer takes:
    a rejected row in it stopped the run with a UnicodeEncodeError (exit 1)."""
    import io
    import os
    import tarfile

    data = b"id,text,created_at\n1,ok,2026-01-01\n2,late,nope\n"
    plain = tmp_path / os.fsdecode(b"caf\xe9.csv")
    plain.write_bytes(data)
    with tarfile.open(tmp_path / "export.tar", "w", format=tarfile.GNU_FORMAT, encoding="latin-1") as tf:
        info = tarfile.TarInfo("caf\xe9/posts.csv")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    for path, shown in ((plain, f"{tmp_path}/caf\ufffd.csv"), (tmp_path / "export.tar", "caf\ufffd/posts.csv")):
        loaded = read(path)
        assert loaded.posts["post_id"].tolist() == ["1"]
        assert loaded.rejects[["position", "reason"]].values.tolist() == [["line 3", "bad created_at 'nope'"]]
        assert loaded.rejects["source"].iloc[0].endswith(shown)


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("flags", 1, "cannot read zip archive: File 'posts.csv' is encrypted, password required"),
        ("method", 9, "cannot read zip archive: That compression method is not supported"),  # Deflate64
        ("data", 0xFF, "damaged zip archive: Error -3 while decompressing data"),
    ],
)
def test_a_zip_that_cannot_be_read_is_one_line(tmp_path, field, value, error):
    """An encrypted zip, one compressed with Windows' Deflate64 and one whose compressed bytes are damaged
    stopped the run with RuntimeError, NotImplementedError or zlib.error: exit 1, no file named."""
    import struct

    from brandpulse.errors import InputError

    with zipfile.ZipFile(tmp_path / "x.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("posts.csv", "id,text\n" + "".join(f"{i},post {i}\n" for i in range(100)))
    data = bytearray((tmp_path / "x.zip").read_bytes())
    central = data.find(b"PK\x01\x02")
    if field == "data":
        data[45:60] = bytes([value]) * 15
    else:  # (in the member's local header and in the central directory)
        at = {"flags": (6, 8), "method": (8, 10)}[field]
        data[at[0] : at[0] + 2] = data[central + at[1] : central + at[1] + 2] = struct.pack("<H", value)
    (tmp_path / "x.zip").write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"x\.zip: " + re.escape(error)):
        read(tmp_path / "x.zip")


def test_an_empty_zip_is_a_zip_without_post_files(tmp_path):
    """A zip of no files starts with its end record, not a member: it was read as a CSV, "no text column
    (columns: PK\x05\x06...)"."""
    from brandpulse.errors import InputError

    zipfile.ZipFile(tmp_path / "empty.zip", "w").close()
    with pytest.raises(InputError, match="empty.zip: no post files found in this archive"):
        read(tmp_path / "empty.zip")


def test_archive_without_post_files(tmp_path):
    from brandpulse.errors import InputError

    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(InputError) as caught:  # (was "no post files found in this archive (...)", of a folder)
        read(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: no data files in this folder (.csv, .tsv, .tab, .json, .jsonl, .ndjson, .parquet, .pq, .xlsx,"
        " also .gz, .bz2, .xz)"
    )


def test_a_folder_s_bad_file_is_named_by_its_path_by_the_library_and_the_cli_alike(tmp_path):
    """`brandpulse.read("exports")` named a file of it `exports:b.json` (as a zip's member), a path no one can open,
    where `brandpulse analyze exports` said `exports/b.json`. Both name its path now, in errors and rejects; files in
    name order (sub-folders' by their path), hidden files and files of other kinds not read."""
    from click.testing import CliRunner

    from brandpulse.cli import main
    from brandpulse.errors import InputError

    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.csv").write_text("id,text\n2,Acme two\n3,Acme,three\n")
    (folder / "a.csv").write_text("id,text\n1,Acme one\n")
    (folder / "sub" / "c.jsonl").write_text('{"id": "4", "text": "Acme four"}\n')
    (folder / ".hidden.csv").write_text("id,text\n8,hidden\n")
    (folder / "notes.txt").write_text("id,text\n9,notes\n")
    loaded = read(folder)
    assert loaded.posts["post_id"].tolist() == ["1", "2", "4"]
    assert loaded.rejects[["source", "position"]].values.tolist() == [[str(folder / "b.csv"), "line 3"]]
    (folder / "b.json").write_text('[{"id": "5", "text": "Acme five"} {"id": "6"}]')
    with pytest.raises(InputError, match=r"^(.*)/b\.json: not valid JSON: Expecting ','") as caught:
        read(folder)
    assert str(caught.value).startswith(f"{folder / 'b.json'}: not valid JSON")
    run = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(tmp_path / "out.csv")])
    assert run.exit_code == 4
    assert run.stderr.splitlines()[-1].startswith(f"brandpulse: error: {folder / 'b.json'}: not valid JSON")


def test_mastodon_statuses_html_and_boosts():
    a, b = rows(FIX / "mastodon_statuses.json")
    assert a["post_id"] == "112000000000000001" and a["platform"] == "mastodon"
    assert a["text"] == "Trying the #Acme kettle, thanks @bob!\n\nDetails: https://blog.example/kettle"
    assert (a["likes"], a["reposts"], a["replies"], a["author_followers"]) == (9, 5, 2, 340)
    # a boost is read as the boosted post, with that post's own author and counts
    assert b["post_id"] == "112000000000000099" and b["author"] == "bob@other.example"
    assert b["text"] == "Acme Wasserkocher & Toaster" and b["parent_id"] == "112000000000000050" and b["lang"] == "de"


@pytest.mark.parametrize("chunksize", [None, 1, 2])
def test_mastodon_statuses_one_a_line_are_read_as_a_list_of_them(tmp_path, chunksize):
    """Statuses saved one a line (`jq -c '.[]' timeline.json`) were read by the column aliases: the text
    with its HTML tags, no platform, the author without its server. They are read as the same statuses
    in a JSON array are, also in chunks; a line that is not an object is rejected in its place."""
    import json

    from brandpulse.sources import iter_read

    statuses = json.loads((FIX / "mastodon_statuses.json").read_text())
    lines = [json.dumps(statuses[0]), "5", *(json.dumps(s) for s in statuses[1:])]
    path = tmp_path / "statuses.jsonl"
    path.write_text("\n".join(lines) + "\n")
    parts = [read(path)] if chunksize is None else list(iter_read(path, chunksize))
    posts = pd.concat([p.posts for p in parts], ignore_index=True)
    assert posts.to_dict("records") == rows(FIX / "mastodon_statuses.json")
    rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
    assert rejects[["position", "reason"]].values.tolist() == [["line 2", "not an object: 5"]]
    assert {p.note for p in parts if len(p.posts)} == {"Mastodon statuses (API)"}


def test_mastodon_outbox():
    a, b = rows(FIX / "mastodon_outbox.json")  # the Announce (boost) in between is not alice's post
    assert a["post_id"] == "111" and a["author"] == "alice@social.example"
    assert a["text"] == "Merry Christmas from my #acme toaster" and a["lang"] == "en"
    assert a["created_at"] == ts("2023-12-24 18:30:00") and a["url"] == "https://social.example/@alice/111"
    assert b["text"] == "Agreed\ncompletely" and pd.isna(b["lang"])
    assert b["parent_id"] == "7"  # (bob's status 7, named as its post_id is: not its URI)


def test_bluesky_search_posts():
    a, b = rows(FIX / "bluesky_search.json")
    assert a["post_id"] == "at://did:plc:aaaa1111/app.bsky.feed.post/3kabc111"
    assert a["url"] == "https://bsky.app/profile/jo.bsky.social/post/3kabc111"
    assert a["lang"] == "en" and a["created_at"] == ts("2024-06-01 12:00:00.123456")
    assert (a["likes"], a["reposts"], a["replies"]) == (14, 1, 3)
    assert b["parent_id"] == a["post_id"] and b["author"] == "sam.example.com"


def test_bluesky_author_feed():
    (a,) = rows(FIX / "bluesky_feed.json")
    assert a["author"] == "acme.bsky.social" and a["likes"] == 95 and a["reposts"] == 20
    assert a["url"] == "https://bsky.app/profile/acme.bsky.social/post/3kfeed01"


def test_reddit_listing():
    post, comment = rows(FIX / "reddit_listing.json")  # the `more` stub is not a post
    assert post["post_id"] == "t3_1abc23" and post["created_at"] == ts("2024-06-01 12:00:00")
    assert post["text"] == "Acme kettle leaks\n\nBought it last week & it already leaks."
    assert (post["likes"], post["replies"]) == (42, 7)
    assert post["url"] == "https://www.reddit.com/r/Kettles/comments/1abc23/acme_kettle_leaks/"
    assert comment["post_id"] == "t1_kc0002" and comment["parent_id"] == "t3_1abc23"
    assert comment["created_at"] == ts("2024-06-01 13:00:00") and comment["likes"] == 3


def test_reddit_comments_page_reads_the_replies_inside_comments(tmp_path):
    """A post's comments page nests each comment's replies in it (`replies`: a listing, "" when none): only
    the top-level comments were read, the replies dropped without a word."""

    def comment(cid: str, parent: str, body: str, replies: list | None = None) -> dict:
        listing = {"kind": "Listing", "data": {"children": replies}} if replies else ""
        data = {"id": cid, "name": f"t1_{cid}", "parent_id": parent, "body": body, "created_utc": 1717243300}
        return {"kind": "t1", "data": dict(data, replies=listing)}

    more = {"kind": "more", "data": {"count": 3, "children": ["x"]}}
    deep = comment("c3", "t1_c2", "deeper still")
    tree = [
        comment("c1", "t3_p1", "top", [comment("c2", "t1_c1", "Acme reply", [deep, 5, more])]),
        comment("c4", "t3_p1", "x"),
    ]
    post = {"kind": "t3", "data": {"id": "p1", "name": "t3_p1", "title": "Acme kettle", "created_utc": 1717243200}}
    page = [{"kind": "Listing", "data": {"children": [post]}}, {"kind": "Listing", "data": {"children": tree}}]
    records = _read_doc(tmp_path, page)
    assert [(r.get("post_id"), r.get("parent_id")) for r in records[:5]] == [
        ("t3_p1", None),
        ("t1_c1", "t3_p1"),
        ("t1_c2", "t1_c1"),
        ("t1_c3", "t1_c2"),
        ("t1_c4", "t3_p1"),
    ]
    assert records[2]["text"] == "Acme reply" and records[5]["reason"] == "not an object: 5" and len(records) == 6


def test_reddit_export_csvs():
    (post,) = rows(FIX / "reddit_posts.csv")
    assert post["post_id"] == "t3_1xyz99" and post["platform"] == "reddit"
    assert post["text"] == "Acme toaster\n\nDoes anyone else's toaster smell?"
    assert post["created_at"] == ts("2024-02-03 04:05:06")
    assert post["url"] == "https://www.reddit.com/r/Toasters/comments/1xyz99/acme_toaster/"
    first, reply = rows(FIX / "reddit_comments.csv")
    assert first["text"] == "First comment, with a comma" and first["post_id"] == "t1_kq11aa"
    assert first["parent_id"] == "t3_1xyz99"  # (no `parent`: a comment on the post its `link` names)
    assert reply["parent_id"] == "t1_kq11aa" and reply["created_at"] == ts("2024-02-03 06:00:00")


def test_facebook_posts_mojibake_repaired_and_photo_post_rejected():
    loaded = read(FIX / "facebook_your_posts_1.json")
    (a,) = loaded.posts.to_dict("records")
    assert a["text"] == "Café Acme: très bon ☕" and a["platform"] == "facebook"
    assert a["created_at"] == ts("2023-11-14 22:13:20") and pd.isna(a["post_id"])
    assert list(loaded.rejects["reason"]) == ["empty text"] and list(loaded.rejects["position"]) == ["item 2"]


def test_instagram_comments():
    (a,) = rows(FIX / "instagram_post_comments_1.json")
    assert a["text"] == "J'adore Acme 😍" and a["platform"] == "instagram"
    assert a["created_at"] == ts("2024-03-09 16:00:00")


def test_tiktok_scraper_json():
    # read by the column aliases: no time, author, followers, likes, replies or URL (text and shares alone)
    a, b = rows(FIX / "tiktok_scraper.json")
    assert a["post_id"] == "7301000000000000001" and a["platform"] == "tiktok"
    assert a["created_at"] == ts("2025-11-30 18:02:11") and a["author"] == "glowwithmaya"
    assert a["author_followers"] == 1250000 and (a["likes"], a["reposts"], a["replies"]) == (184000, 5200, 3400)
    assert a["url"] == "https://www.tiktok.com/@glowwithmaya/video/7301000000000000001"
    assert b["created_at"] == ts("2025-11-30 20:10:00")  # (no `createTimeISO`: its epoch `createTime`)
    assert (b["author"], b["author_followers"], b["likes"]) == ("lipsbyjo", 480000, 52000)


def test_instagram_scraper_json_hidden_likes():
    # `caption` was no text column: the file was an input error; likesCount -1 (hidden) rejected its post
    a, b = rows(FIX / "instagram_scraper.json")
    assert a["text"] == "holy grail alert ✨ @lumierebeauty Glow Serum 😍" and a["platform"] == "instagram"
    assert (a["author"], a["likes"], a["replies"]) == ("dermdiaries", 42000, 610)
    assert a["created_at"] == ts("2025-11-30 14:00:00") and a["url"] == "https://www.instagram.com/p/C1aaa/"
    assert pd.isna(b["likes"]) and b["replies"] == 85 and b["post_id"] == "3250000000000000002"


def test_an_instagram_post_saved_alone_is_one_post_whatever_its_caption(tmp_path):
    """One post saved alone whose caption is a list of parts was read as its inner list, each part a post of no id,
    time or likes (2 posts `Love my Acme lamp` and `so bright`); with a scraper's keys a caption of parts was rejected
    (`text is a list`) and one of Instagram's own API, an object, stopped the file (`no text column (... text.text`)."""
    post = {"id": "311", "shortCode": "Cx1", "timestamp": "2026-11-02T10:00:00.000Z", "likesCount": 5}
    parts = [{"text": "Love my Acme lamp"}, {"text": "so bright"}]
    alone = tmp_path / "alone.json"
    alone.write_text(json.dumps({**post, "caption": parts}), encoding="utf-8")
    loaded = read(alone)
    assert loaded.posts.empty and loaded.rows_read == 1  # one post, rejected as what it is, with its record
    assert loaded.rejects["reason"].tolist() == ["caption is a list, not a string"]
    assert json.loads(loaded.rejects["record"].iloc[0])["likesCount"] == 5
    owned = {**post, "ownerUsername": "bob"}
    for caption, text in [
        (parts, "Love my Acme lamp\nso bright"),
        (["Love my Acme lamp", "so bright"], "Love my Acme lamp\nso bright"),
        ({"text": "Love my Acme lamp", "created_at": 1762077600}, "Love my Acme lamp"),
    ]:
        alone.write_text(json.dumps({**owned, "caption": caption}), encoding="utf-8")
        (row,) = rows(alone)
        assert (row["post_id"], row["text"], row["author"], row["likes"]) == ("311", text, "bob", 5)
        assert row["platform"] == "instagram"
    alone.write_text(json.dumps({**owned, "caption": [{"text": "a"}, {"media": 1}]}), encoding="utf-8")
    assert read(alone).rejects["reason"].tolist() == ["text is a list, not a string"]  # (a part that is no text)


@pytest.mark.parametrize("name", ["tiktok_scraper.json", "instagram_scraper.json"])
def test_scraper_json_after_an_error_item(tmp_path, name):
    # (review of stop 42) Apify's item for an input that gave nothing, first, hid the shape: read by the column
    # aliases, the posts had no platform (and TikTok's no URL); the error item is rejected as a post without text
    items = json.loads((FIX / name).read_text(encoding="utf-8"))
    path = tmp_path / name
    error = {"inputUrl": "https://www.instagram.com/gone/", "error": "no_items", "errorDescription": "Empty or private"}
    path.write_text(json.dumps([error, *items]), encoding="utf-8")
    loaded = read(path)
    assert len(loaded.rejects) == 1
    a = loaded.posts.to_dict("records")[0]
    assert a["platform"] == name.split("_")[0] and a["url"] == items[0].get("webVideoUrl", items[0].get("url"))


def test_scrapers_flattened_to_csv():
    (t,) = rows(FIX / "tiktok_scraper.csv")  # (Apify's CSV: `authorMeta/name`)
    assert (t["platform"], t["author"], t["author_followers"], t["likes"]) == ("tiktok", "glowwithmaya", 1200000, 12300)
    assert t["created_at"] == ts("2025-12-04 10:00:00") and t["replies"] == 900
    (i,) = rows(FIX / "instagram_scraper.csv")
    assert (i["platform"], i["author"], i["text"]) == ("instagram", "lipjunkie", "Velvet Matte is cakey on me 😬")
    assert pd.isna(i["likes"]) and i["replies"] == 22


def test_scraper_csv_of_a_header_alone(tmp_path):
    empty = tmp_path / "tiktok.csv"  # (a scraper's run that found nothing: 0 posts, not "no text column")
    empty.write_text((FIX / "tiktok_scraper.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert rows(empty) == []


def test_youtube_comment_threads_with_replies():
    top, reply, other = rows(FIX / "youtube_threads.json")
    assert top["post_id"] == "UgwTOP1" and top["author"] == "@blendqueen" and top["text"] == "Acme rocks\nreally"
    assert (top["likes"], top["replies"]) == (31, 1)
    assert top["url"] == "https://www.youtube.com/watch?v=vid12345678&lc=UgwTOP1"
    assert reply["parent_id"] == "UgwTOP1" and reply["text"] == "it & broke"  # from textDisplay HTML
    assert other["created_at"] == ts("2024-04-03 10:00:00")


def test_youtube_takeout_csv():
    a, b = rows(FIX / "youtube_takeout_comments.csv")
    assert a["text"] == "Great Acme demo @maker" and a["post_id"] == "UgzTAKE1"
    assert a["created_at"] == ts("2023-08-09 10:11:12.345")
    assert a["url"] == "https://www.youtube.com/watch?v=vidTAKE0001&lc=UgzTAKE1"
    assert b["text"] == "plain old text" and b["parent_id"] == "UgzPARENT"


CRASHES = "Opened it three times today and it closed every time before the map loaded."


def test_app_store_review_csv_reads_the_review_after_its_title():
    # (`Review` was no text column: the text was the `Title` alone, "Crashes constantly", and the body was lost)
    loaded = read(FIX / "appstore_reviews.csv")
    assert loaded.rejects.empty
    a, b = loaded.posts.to_dict("records")
    assert a["text"] == "Crashes constantly\n\n" + CRASHES
    assert b["text"] == "Love it\n\nBooking a seat takes a minute now."
    assert a["author"] == "kettlefan" and a["created_at"] == ts("2026-11-02 14:05:31")  # (07:05:31 at -07:00)
    assert pd.isna(a["likes"]) and pd.isna(a["post_id"])  # (its `Rating` is no count, and it has no id)
    # its stars were dropped: without an id, no join could give them back to the analyzed rows
    assert (a["rating"], b["rating"]) == (1, 5) and loaded.columns["rating"] == "Rating"
    assert loaded.columns["text"] == "Review" and "text from 'Title' and 'Review'" in loaded.note


def test_a_review_files_own_text_column_is_noted_as_no_layout(tmp_path):
    """`id,created_at,text,Star Rating` was noted "(text from 'text')", as if its text were composed of a review
    layout's title and body (the layout `title` + `text` fired without a title), and so was every Play Console file:
    the text is the file's `text` column as it is, and said so by no note. With a title it is noted as before."""
    plain = tmp_path / "plain.csv"
    plain.write_text("id,created_at,text,Star Rating\n1,2026-12-01,Crashes on launch,1\n", encoding="utf-8")
    loaded = read(plain)
    assert loaded.posts["text"].tolist() == ["Crashes on launch"] and "text from" not in loaded.note
    assert loaded.columns["rating"] == "Star Rating"  # (a review file: the layout's REVIEW_COLUMNS are there)
    assert "text from" not in read(FIX / "google_play_reviews.csv").note
    titled = tmp_path / "titled.csv"
    titled.write_text("id,created_at,title,text,Star Rating\n1,2026-12-01,Bad,Crashes on launch,1\n", "utf-8")
    loaded = read(titled)
    assert (
        loaded.posts["text"].tolist() == ["Bad\n\nCrashes on launch"] and "text from 'title' and 'text'" in loaded.note
    )


def test_a_review_sites_title_and_body_are_read_together(tmp_path):
    """A review site's export (`Review Title`, `Review Body`, half stars): before stop 44 its text was the body
    alone, as `Review Title` was `Title`'s layout's no title, and a 1-star "Dog sick" / "Mould" lost its verdict."""
    src = tmp_path / "reviews.csv"
    src.write_text(
        "Review Title,Review Body,Rating,Reviewer,Review Date\n"
        'Mould,"In the tin, lot L2409-77",1.5,Jo,2026-11-23\n'
        "Obsessed,My cat is obsessed with the salmon one,5,Sam,2026-11-24\n"
    )
    loaded = read(src)
    a, b = loaded.posts.to_dict("records")
    assert a["text"] == "Mould\n\nIn the tin, lot L2409-77" and a["rating"] == 1.5
    assert b["text"] == "Obsessed\n\nMy cat is obsessed with the salmon one" and b["rating"] == 5
    assert "text from 'Review Title' and 'Review Body'" in loaded.note


def test_google_play_console_reviews_csv():
    # (UTF-16, as the Console's bucket holds it; it was "no text column", its `Review Text` named by no alias)
    loaded = read(FIX / "google_play_reviews.csv")
    a, b = loaded.posts.to_dict("records")
    link = "http://play.google.com/console/developers/123/app/456/user-feedback/review-details?reviewId="
    assert a["post_id"] == "gp:AOqpTOFh2k" and a["url"] == link + "gp:AOqpTOFh2k&corpus=PUBLIC_REVIEWS"
    assert a["platform"] == "google_play" and a["lang"] == "en" and a["created_at"] == ts("2026-11-02 14:05:31")
    # (no title: the text alone; the developer's reply is not the review's text)
    assert a["text"] == "App freezes on the login screen since the update"
    assert b["text"] == "Super\n\nEnfin une appli qui marche bien" and b["lang"] == "fr"
    assert pd.isna(a["likes"]) and pd.isna(a["author"])  # (no helpful votes nor reviewer in the export)
    assert (a["rating"], b["rating"]) == (1, 5)  # (`Star Rating`)
    # a star rating without a review is no post: rejected as what it is, counted
    (reject,) = loaded.rejects.to_dict("records")
    assert reject["position"] == "line 4" and "empty text" in reject["reason"]
    assert "Google Play Console reviews" in loaded.note


def test_google_play_console_reviews_csv_without_its_title_column(tmp_path):
    """A Console file whose `Review Title` column was taken out (a sheet's edit, an older export) is read by its
    `Review Text` alone: it was a TypeError with a traceback (`composed_text` gives None without a title)."""
    table = pd.read_csv(FIX / "google_play_reviews.csv", encoding="utf-16", dtype=str, keep_default_na=False)
    assert "Review Title" in table.columns
    path = tmp_path / "reviews_com.a.app_202611.csv"
    table.drop(columns="Review Title").to_csv(path, index=False, encoding="utf-16")
    loaded = read(path)
    a, b = loaded.posts.to_dict("records")
    assert a["text"] == "App freezes on the login screen since the update" and a["platform"] == "google_play"
    assert b["text"] == "Enfin une appli qui marche bien" and (a["rating"], b["rating"]) == (1, 5)
    assert len(loaded.rejects) == 1  # (the star rating without a review, as with the title)


def test_google_play_scraper_json_score_is_no_likes():
    a, b = rows(FIX / "google_play_scraper.json")
    assert a["post_id"] == "8f7e2c1a-0b3d-4e5f-9a6b-1c2d3e4f5a6b" and a["author"] == "Dana K"
    assert a["created_at"] == ts("2026-11-02 14:05:31") and b["created_at"] == ts("2026-11-04 08:30:00")
    assert a["text"] == "Sync keeps failing, lost a week of notes"
    # likes are who found it helpful (`thumbsUpCount`), not its stars (`score`: 1 and 4)
    assert (a["likes"], b["likes"]) == (14, 0)
    assert (a["rating"], b["rating"]) == (1, 4)  # (its `score` beside `thumbsUpCount`: read as nothing before)
    # it names no store and links to nothing: its reviews had no platform (`platform:google_play` left them out)
    assert (a["platform"], b["platform"]) == ("google_play", "google_play") and pd.isna(a["url"])
    # (its other columns kept as before: the app version a release's reviews are compared by)
    assert read(FIX / "google_play_scraper.json", keep=("appVersion",)).posts["appVersion"].iloc[0] == "4.1.2"


def test_app_store_scraper_json_reads_review_and_title():
    a, b = rows(FIX / "app_store_scraper.json")
    assert a["text"] == "Crashes constantly\n\n" + CRASHES and a["author"] == "kettlefan"
    assert b["text"] == "Love it\n\nBooking a seat takes a minute now."
    assert a["created_at"] == ts("2026-11-02 15:05:31") and pd.isna(a["likes"])
    assert (a["rating"], b["rating"]) == (1, 5)


def test_app_store_scraper_node_json_title_text_and_stars():
    loaded = read(FIX / "app_store_scraper_node.json")
    assert loaded.rejects.empty
    a, b = loaded.posts.to_dict("records")
    assert a["post_id"] == "11223344556" and a["created_at"] == ts("2026-11-02 14:05:31")
    assert a["text"] == "Crashes constantly\n\n" + CRASHES
    # (a title its text starts with is not said twice)
    assert b["text"] == "Booking a seat takes a minute now, and the seat map finally loads."
    # a 1-star review was a post of one like
    assert pd.isna(a["likes"]) and pd.isna(b["likes"])
    assert (a["rating"], b["rating"]) == (1, 5)
    assert "'score' is a star rating, not likes: read as rating" in loaded.note


def test_app_store_customer_reviews_feed_json(tmp_path):
    # (Apple's public feed, `.../rss/customerreviews/id=APP/json`: every value a {"label": ...}, read as no text column)
    loaded = read(FIX / "app_store_rss.json")
    a, b = loaded.posts.to_dict("records")
    assert (a["post_id"], a["platform"], a["author"]) == ("11223344556", "app_store", "kettlefan")
    assert (
        a["text"] == "Crashes constantly\n\n" + CRASHES and b["text"] == "Love it\n\nBooking a seat takes a minute now."
    )
    assert a["created_at"] == ts("2026-11-02 14:05:31") and (a["rating"], b["rating"]) == (1, 5)
    assert a["url"] == "https://itunes.apple.com/gb/review?id=553834731&type=Purple%20Software"
    assert pd.isna(a["likes"])  # (its helpful votes are no likes)
    (reject,) = loaded.rejects.to_dict("records")  # (an entry that is no object, in its place)
    assert reject["position"] == "item 3"
    # a feed of one review holds the entry itself, not a list of one
    doc = json.loads((FIX / "app_store_rss.json").read_text())
    doc["feed"]["entry"] = doc["feed"]["entry"][1]
    (tmp_path / "one.json").write_text(json.dumps(doc))
    (only,) = rows(tmp_path / "one.json")
    assert only["post_id"] == "11223344557" and only["rating"] == 5


def test_google_business_profile_reviews_json(tmp_path):
    # (a store's Google reviews as Business Profile's API and Takeout save them: no text column was found, and with
    # --map text=comment every row was rejected as `bad rating 'ONE'`, its author the review's resource name)
    loaded = read(FIX / "google_business_reviews.json")
    a, b = loaded.posts.to_dict("records")
    assert (a["post_id"], a["platform"], a["author"]) == ("AbFvOqn1", "google_maps", "Helen P")
    assert a["text"].startswith("Queue was 25 minutes") and b["text"] == "Friendly staff"  # (not the owner's reply)
    assert (a["rating"], b["rating"]) == (1, 5) and a["created_at"] == ts("2026-11-28 10:15:00.123")
    (reject,) = loaded.rejects.to_dict("records")  # (stars without a review, as Google Play's)
    assert reject["position"] == "item 3" and "empty text" in reject["reason"]
    # the reviews saved alone (`jq '.reviews'`)
    doc = json.loads((FIX / "google_business_reviews.json").read_text())
    (tmp_path / "alone.json").write_text(json.dumps(doc["reviews"][:2]))
    assert [r["rating"] for r in rows(tmp_path / "alone.json")] == [1, 5]


def test_google_business_review_of_unspecified_stars_is_read_without_a_rating(tmp_path):
    # (the API's enum has `STAR_RATING_UNSPECIFIED` beside ONE..FIVE: the review, words and all, was rejected as
    # `bad rating 'STAR_RATING_UNSPECIFIED'`; it is a review without stars, as a post of no `rating`)
    doc = json.loads((FIX / "google_business_reviews.json").read_text())
    doc["reviews"][0]["starRating"] = "STAR_RATING_UNSPECIFIED"
    (tmp_path / "reviews.json").write_text(json.dumps(doc))
    loaded = read(tmp_path / "reviews.json")
    a, b = loaded.posts.to_dict("records")
    assert a["post_id"] == "AbFvOqn1" and a["text"].startswith("Queue was 25 minutes") and pd.isna(a["rating"])
    assert b["rating"] == 5 and loaded.rejects["position"].tolist() == ["item 3"]  # (still: stars, no review)


def test_google_maps_reviews_scraper_csv(tmp_path):
    # (Outscraper's Google Maps reviews: `name` is the store reviewed, `author_title` the reviewer; the stars and the
    # time were not read, so its reviews were in no report)
    path = tmp_path / "reviews.csv"
    path.write_text(
        "name,place_id,author_title,review_id,review_text,review_rating,review_datetime_utc,review_likes\n"
        "Acme Camden,ChIJ1,Jo B,Ci9DQUlR,Self-checkouts broken again,2,11/23/2026 09:10:00,3\n"
    )
    (a,) = rows(path)
    assert (a["author"], a["rating"], a["likes"]) == ("Jo B", 2, 3)
    assert a["created_at"] == ts("2026-11-23 09:10:00") and a["text"] == "Self-checkouts broken again"


def test_google_maps_scraper_csv_with_map_about_keeps_each_reviews_store(tmp_path):
    # (a chain's export, a store on each row: `--map about=name` reads it as each review's place; it was not read)
    path = tmp_path / "reviews.csv"
    path.write_text(
        "name,author_title,review_id,review_text,review_rating\n"
        "Acme Camden,Jo B,r1,Self-checkouts broken again,2\n"
        " Acme Leeds ,Al C,r2,Fine,4\n"
        ",Di D,r3,No place,3\n"
    )
    a, b, c = rows(path, mapping={"about": "name"})
    assert (a["author"], a["about_place"], b["about_place"]) == ("Jo B", "Acme Camden", "Acme Leeds")
    assert pd.isna(c["about_place"]) and "about_place" not in rows(path)[0]


def test_google_translated_review_is_read_as_its_translation_in_the_originals_language(tmp_path):
    # ("(Translated by Google) ... (Original) ...": both texts were scored together, the language read `en`)
    path = tmp_path / "reviews.csv"
    path.write_text(
        "author_title,review_id,review_text,review_rating\n"
        'Ana,t1,"(Translated by Google) The staff were very friendly and helpful, great store\n\n(Original)\n'
        'El personal fue muy amable y servicial, gran tienda",5\n'
        'Bo,t2,"(Original)\nLe personnel était très aimable et serviable, super magasin\n\n'
        '(Translated by Google)\nThe staff were very kind and helpful, great store",5\n'
        "Cy,t3,The staff mentioned (Original) packaging,4\n"
    )
    a, b, c = rows(path)
    assert (a["text"], a["lang"]) == ("The staff were very friendly and helpful, great store", "en-t-es")
    assert (b["text"], b["lang"]) == ("The staff were very kind and helpful, great store", "en-t-fr")
    assert c["text"] == "The staff mentioned (Original) packaging" and pd.isna(c["lang"])


def test_score_beside_no_review_column_is_still_likes(tmp_path):
    # (a subreddit's `score`, a post's `title` and `text`: read as before, the title not put before the text)
    path = tmp_path / "posts.csv"
    path.write_text("id,title,text,score\n1,Kettle,The Acme kettle is fine,-3\n")
    (a,) = rows(path)
    assert a["likes"] == -3 and a["text"] == "The Acme kettle is fine" and pd.isna(a["rating"])


def test_hackernews_algolia():
    story, comment = rows(FIX / "hackernews_algolia.json")
    assert (
        story["post_id"] == "39000001"
        and story["text"] == "Show HN: Acme, a kettle API\n\nWe built Acme.\n\nFeedback welcome"
    )
    assert (story["likes"], story["replies"]) == (120, 45) and pd.isna(story["parent_id"])
    assert comment["text"] == "Acme's docs are thin.\n\nSee https://acme.example/docs"
    assert comment["parent_id"] == "39000001" and comment["url"] == "https://news.ycombinator.com/item?id=39000002"


def test_hackernews_code_blocks_keep_their_indentation(tmp_path):
    """A Hacker News comment's `<pre><code>` block lost each line's leading spaces ("def f():\nreturn 1"): a reply
    showing a fix in Python or YAML read as other code. Its lines keep them; the paragraphs around are as before."""
    comment = (
        "<p>Acme's SDK needs this:<p><pre><code>  def f():\n      return retry(3)\n\tdone = True\n</code></pre>"
        "<p>then   it works"
    )
    page = json.loads((FIX / "hackernews_algolia.json").read_text(encoding="utf-8"))
    page["hits"][1]["comment_text"] = comment
    path = tmp_path / "hn.json"
    path.write_text(json.dumps(page))
    _, a = rows(path)
    assert a["text"] == "Acme's SDK needs this:\n\n  def f():\n      return retry(3)\n\tdone = True\n\nthen   it works"
    assert html_to_text("<p>a \n  b<p>c") == "a\nb\n\nc"  # (outside a code block, lines are trimmed as before)
    # (and an indented block is code, which no analyzer reads: trimmed, "kill_all" was read as the poster's words)
    from brandpulse.enrich.text import without_code

    code = "<p>Acme fails:<pre><code>    if ready:\n        kill_all(workers)\n    print(done)\n</code></pre><p>bad"
    assert "kill_all" not in without_code(html_to_text(code))


def test_google_alerts_atom():
    (a,) = rows(FIX / "google_alerts.xml")
    assert a["url"] == "https://news.example/acme-recall"
    assert a["text"] == "Acme recalls kettles\n\nThe Acme company said ..."
    assert a["created_at"] == ts("2024-07-01 09:30:00") and a["post_id"] == "tag:google.com,2013:googlealerts/feed:111"
    assert pd.isna(a["author"])


def test_rss_feed_detected_by_content(tmp_path):
    saved = tmp_path / "feed_download"  # no extension: detected by its first bytes
    shutil.copy(FIX / "blog.rss", saved)
    (a,) = rows(saved)
    assert a["text"] == "Acme vs. the rest\n\nWe tested Acme kettles."
    assert a["created_at"] == ts("2024-07-02 13:00:00") and a["lang"] == "en"
    assert a["post_id"] == "https://kettle.example/?p=7"


@pytest.mark.parametrize(
    "name, tag, saved", [("blog.rss", "item", "items.xml"), ("google_alerts.xml", "entry", "entries")]
)
def test_feed_items_saved_alone_are_read_as_the_feed(tmp_path, name, tag, saved):
    """A feed's items (entries) saved alone (`xmllint --xpath '//item'`) were read as a CSV of XML lines ("no
    text column"), or as a feed of one item with a note of XML "read as far as it goes" when named `.rss`.
    They are read as the feed is, but for its language, which the feed, not the item, gave."""
    text = (FIX / name).read_text("utf-8")
    items = re.findall(rf"<{tag}>.*?</{tag}>", text, re.S)
    path = tmp_path / saved
    path.write_text("\n".join(items * 2) + "\n", "utf-8")
    loaded = read(path)
    assert loaded.note == "RSS/Atom feed" and loaded.rejects.empty
    whole = [{k: v for k, v in r.items() if k != "lang"} for r in rows(FIX / name)]
    assert [{k: v for k, v in r.items() if k != "lang"} for r in loaded.posts.to_dict("records")] == whole * 2
    assert loaded.posts["lang"].isna().all()


def test_a_feed_with_a_doctype_is_detected_by_content(tmp_path):
    """RSS 0.91 feeds open with a DOCTYPE: without a .rss name, the feed was read as a CSV ("no text column")."""
    doctype = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x.example/rss-0.91.dtd">'
    text = (FIX / "blog.rss").read_text("utf-8").replace("?>\n", f"?>\n{doctype}\n", 1)
    (tmp_path / "feed").write_text(text, "utf-8")
    assert rows(tmp_path / "feed") == rows(FIX / "blog.rss")


def test_a_feed_cut_short_says_so(tmp_path):
    """feedparser reads a feed that is not well-formed as far as it goes: a feed cut inside an entry gave
    that entry without its cut description, without a word."""
    text = (FIX / "blog.rss").read_text("utf-8")
    path = tmp_path / "cut.rss"
    path.write_text(text[: text.index(" kettles.")], "utf-8")
    loaded = read(path)
    assert loaded.posts["text"].tolist() == ["Acme vs. the rest"]  # (its description, cut, is left out)
    assert loaded.note == "RSS/Atom feed, not well-formed XML (line 5: no element found), read as far as it goes"
    assert read(FIX / "blog.rss").note == "RSS/Atom feed"


def test_a_feed_that_names_a_file_is_not_that_file(tmp_path):
    """feedparser opens bytes that name a file and parses that file: stdin (or a fetched body) of
    `/path/to/blog.rss` read blog.rss's posts under `<stdin>`."""
    from brandpulse.errors import InputError

    path = tmp_path / "named.txt"
    path.write_text(str(FIX / "blog.rss"))
    with pytest.raises(InputError, match="named.txt: cannot parse as RSS/Atom"):
        read(path, format="feed")


def test_listening_csv_with_title_rows():
    loaded = read(FIX / "brandwatch.csv")
    a, b = loaded.posts.to_dict("records")
    assert "skipped 4 title lines" in loaded.note
    assert a["text"] == "Acme kettle is great" and a["post_id"] == "1790000000000000123"
    assert a["platform"] == "twitter" and a["author_followers"] == 1520 and a["lang"] == "en"
    assert a["created_at"] == ts("2024-05-02 10:11:12")
    assert b["text"] == "Review\n\nA long review, of Acme" and b["author"] == "News Desk" and b["platform"] == "news"


@pytest.mark.parametrize("chunksize", [None, 1])
@pytest.mark.parametrize("ext", ["csv", "tsv", "xlsx"])
def test_title_rows_above_a_header_whose_text_column_is_named_by_map(tmp_path, ext, chunksize):
    """The header is the first row naming a text column; one named only by `--map text=Post Body` was not
    found, so the title line was taken for the header: "--map text=Post Body: no column 'Post Body' (columns:
    Mentions export)", and the file could not be read without editing it."""
    from brandpulse.sources import iter_read

    rows = [["Mentions export"], ["Query: acme"], ["id", "Post Body", "created"], ["1", "Acme rocks", "2026-01-02"]]
    path = tmp_path / f"export.{ext}"
    if ext == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path.write_text("".join(("\t" if ext == "tsv" else ",").join(row) + "\n" for row in rows))
    mapping = {"text": "Post Body"}
    if chunksize is None:
        loaded = read(path, mapping=mapping)
    else:
        (loaded,) = iter_read(path, chunksize, mapping=mapping)
    assert loaded.posts[["post_id", "text"]].values.tolist() == [["1", "Acme rocks"]]
    assert loaded.posts["created_at"].tolist() == [ts("2026-01-02")] and loaded.rejects.empty
    assert "skipped 2 title" in loaded.note


def test_listening_xlsx_with_title_rows(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mentions"
    sheet.append(["Meltwater export"])
    sheet.append(["Search: Acme"])
    sheet.append([])
    sheet.append(["Date", "Headline", "URL", "Hit Sentence", "Influencer", "Reach", "Language", "Document ID"])
    sheet.append(
        [
            dt.datetime(2024, 5, 6, 7, 8, 9),
            "Acme news",
            "https://n.example/1",
            "Acme shares rise",
            "Reporter A",
            5000.0,
            "en",
            "1790000000000000777",
        ]
    )
    sheet.append([None, None, None, None, None, None, None, None])
    # an id typed as a number: Excel kept 15 digits, so the row is rejected, not guessed
    sheet.append(["2024-05-08", "", "", "Acme again", "C", 1, "en", 1790000000000000778])
    sheet.append(["2024-05-07", "", "https://n.example/2", "", "B", 10, "fr", "d-2"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    loaded = read(path)
    assert "skipped 3 title rows" in loaded.note
    a = loaded.posts.iloc[0]
    assert (
        a["text"] == "Acme news\n\nAcme shares rise" and a["author"] == "Reporter A" and a["author_followers"] == 5000
    )
    assert a["created_at"] == ts("2024-05-06 07:08:09") and a["post_id"] == "1790000000000000777"
    assert list(loaded.rejects["position"]) == ["Mentions row 7", "Mentions row 8"]
    assert "scientific notation" in loaded.rejects["reason"].iloc[0]
    assert loaded.rejects["reason"].iloc[1] == "empty text"


def test_markup_helpers():
    assert html_to_text("a &lt;b&gt;") == "a <b>"
    assert html_to_text("no markup, 3 < 4") == "no markup, 3 < 4"
    assert fix_mojibake("CafÃ©") == "Café"
    assert fix_mojibake("Café") == "Café"  # correct text is left alone
    assert fix_mojibake("Ã alone") == "Ã alone"  # does not round-trip: unchanged
    assert (
        unwrap_redirect("https://www.google.com/url?rct=j&url=https://a.example/x%3Fy%3D1&ct=ga")
        == "https://a.example/x?y=1"
    )
    assert (
        unwrap_redirect("https://a.example/url?url=https://evil.example")
        == "https://a.example/url?url=https://evil.example"
    )


def test_facebook_comments():
    (a,) = rows(FIX / "facebook_comments.json")
    assert a["text"] == "Acme’s kettle is über good" and a["author"] == "Zoë Example"
    assert a["created_at"] == ts("2024-01-11 19:06:40") and a["platform"] == "facebook"


def test_analyze_reads_an_export_folder(tmp_path):
    from click.testing import CliRunner

    from brandpulse.cli import main

    export = tmp_path / "export"
    (export / "reddit").mkdir(parents=True)
    shutil.copy(FIX / "reddit_posts.csv", export / "reddit" / "posts.csv")
    shutil.copy(FIX / "reddit_comments.csv", export / "reddit" / "comments.csv")
    (export / "reddit" / "ip_logs.csv").write_text("date,ip\n2024-01-01,0.0.0.0\n")
    result = CliRunner().invoke(main, ["analyze", str(export), "--brand", "Acme", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    import json

    rows_ = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["post_id"] for r in rows_] == ["t1_kq11aa", "t1_kq11bb", "t3_1xyz99"]  # comments.csv sorts first
    assert [r["brands"] for r in rows_] == ["", "", "Acme"]
    assert "Reddit export posts.csv" in result.stderr


@pytest.mark.parametrize(
    "name, shape, count",
    [  # counts as PROVENANCE.md describes the (trimmed) samples
        ("bluesky.json", "Bluesky searchPosts", 2),
        ("x.json", "X API v2 page", 2),
        ("mastodon.json", "Mastodon statuses (API)", 1),
        ("reddit.json", "Reddit listing", 2),
        ("hackernews.json", "Hacker News (Algolia)", 1),
        ("youtube.json", "YouTube comments (API)", 5),
        ("rss.xml", "RSS/Atom feed", 20),
    ],
)
def test_real_api_samples(name, shape, count):
    loaded = read(need("api-samples", name))
    assert loaded.note == shape and len(loaded.posts) == count and loaded.rejects.empty
    assert loaded.posts["post_id"].notna().all() and loaded.posts["created_at"].notna().all()


#: each real API sample, and where in it its list of items is
SAMPLE_ITEMS = [
    ("bluesky.json", ("posts",)),
    ("x.json", ("data",)),
    ("mastodon.json", ()),
    ("reddit.json", ("data", "children")),
    ("hackernews.json", ("hits",)),
    ("youtube.json", ("items",)),
]


@pytest.mark.parametrize(
    "name, path",
    [*SAMPLE_ITEMS, ("reddit.json", ("data", "children", "data"))],  # `jq '.data.children[].data'`
)
def test_real_api_samples_items_alone_read_as_the_sample(tmp_path, name, path):
    """The items of each real response, one a line, read as the response does (X: without `includes`)."""
    import json

    doc = json.loads(need("api-samples", name).read_text("utf-8"))
    if isinstance(doc, dict):
        doc.pop("includes", None)
    (tmp_path / name).write_text(json.dumps(doc), "utf-8")
    items = doc
    for key in path:
        items = [i[key] for i in items] if isinstance(items, list) else items[key]
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items), "utf-8")
    assert rows(tmp_path / "items.jsonl") == rows(tmp_path / name)


# tags platforms write and ones the fast path leaves to BeautifulSoup; text, whitespace, entities it
# unescapes as BeautifulSoup does and ones where the two part ("AT&T", "&foo;", "&nbsp" without ";")
_HTML_PIECES = ["<p>", "</p>", "<br>", "<br/>", "<BR />", '<a href="https://x.y/?a=1&amp;b=2">', "</a>"]
_HTML_PIECES += ["<span class=h>", "</span>", "<b>", "</b >", "<a title='1>0'>", "<pre>", "</pre>", "<script>"]
_HTML_PIECES += ["</script>", "<!-- c -->", "<a/b>", "<3", "< b>", "<", ">", "=", '"', "text", "Skyway", "é", "😀"]
_HTML_PIECES += [" ", "  ", "\n", "\t", "\r\n", "\x0c", "\x0b", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#10;", "&#32;"]
_HTML_PIECES += ["&am", "p;", "AT&T", "&", "&foo;", "&nbsp", "&#65", "&#150;", "&#0;", "&#99999999999;", "&#x1F600;"]
_HTML_PIECES += ["&NotEqualTilde;", "#", "@"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=16).map("".join))
def test_visible_text_is_what_beautifulsoup_gives(fragment):
    """The fast path for platforms' plain markup gives BeautifulSoup's get_text(), or hands over to it."""
    from bs4 import BeautifulSoup

    from brandpulse.sources.markup import _visible_text

    assert _visible_text(fragment) == BeautifulSoup(fragment, "html.parser").get_text()


# --- items of a platform's list that are not objects: rejected in their place, never dropped ---------


def test_hackernews_hits_that_are_not_objects_are_rejected_in_place(tmp_path):
    one = '{"created_at": "2024-01-02T03:04:05Z", "title": "Acme one", "author": "a", "objectID": "1"}'
    four = '{"created_at": "2024-01-02T04:04:05Z", "title": "Acme four", "author": "b", "objectID": "4"}'
    path = tmp_path / "hn.json"
    path.write_text(f'{{"nbHits": 4, "hits": [{one}, 5, null, {four}]}}')
    loaded = read(path)
    assert loaded.note == "Hacker News (Algolia)"
    assert list(loaded.posts["post_id"]) == ["1", "4"]
    assert loaded.rows_read == 4 and len(loaded.posts) + len(loaded.rejects) == 4
    assert list(loaded.rejects["position"]) == ["item 2", "item 3"]
    assert list(loaded.rejects["reason"]) == ["not an object: 5", "not an object: null"]
    assert list(loaded.rejects["record"]) == ["5", "null"]


def _with_junk(doc: object, *path: str, at: int = 1) -> object:
    """`doc` with 5 and null put in place `at` and the next of the list at `path`."""
    items = doc
    for key in path:
        items = items[key]
    items[at:at] = [5, None]
    return doc


@pytest.mark.parametrize(
    "name, path, ids",
    [
        ("hackernews_algolia.json", ("hits",), ["39000001", "39000002"]),
        (
            "bluesky_search.json",
            ("posts",),
            ["at://did:plc:aaaa1111/app.bsky.feed.post/3kabc111", "at://did:plc:bbbb2222/app.bsky.feed.post/3kabc222"],
        ),
        ("bluesky_feed.json", ("feed",), ["at://did:plc:cccc3333/app.bsky.feed.post/3kfeed01"]),
        ("mastodon_statuses.json", (), ["112000000000000001", "112000000000000099"]),
        ("x_v2_page.json", ("data",), ["1790000000000000001", "1790000000000000002"]),
        ("facebook_comments.json", ("comments_v2",), [None]),  # comments carry no id
    ],
)
@pytest.mark.parametrize("at", [0, 1])  # first: the shape was told by the first item, and not recognised
def test_platform_items_that_are_not_objects_are_rejected_in_place(tmp_path, name, path, ids, at):
    import json

    doc = _with_junk(json.loads((FIX / name).read_text("utf-8")), *path, at=at)
    (tmp_path / name).write_text(json.dumps(doc), "utf-8")
    loaded = read(tmp_path / name)
    assert [None if pd.isna(i) else i for i in loaded.posts["post_id"]] == ids
    assert list(loaded.rejects["position"]) == [f"item {at + 1}", f"item {at + 2}"]
    assert list(loaded.rejects["reason"]) == ["not an object: 5", "not an object: null"]
    assert loaded.rows_read == len(ids) + 2


def test_twitter_archive_items_that_are_not_objects_are_rejected_in_place(tmp_path):
    text = (FIX / "twitter_archive" / "data" / "tweets.js").read_text("utf-8")
    path = tmp_path / "tweets.js"
    path.write_text(text.replace("[", '[\n  {"tweet": {"id_str": "1", "full_text": "Acme"}}, 7, "x",', 1), "utf-8")
    loaded = read(path)
    assert list(loaded.posts["post_id"]) == ["1", "1234567890123456789", "1234567890123456790"]
    assert list(loaded.rejects["position"]) == ["item 2", "item 3"]
    assert list(loaded.rejects["reason"]) == ["not an object: 7", 'not an object: "x"']
    path.write_text(text.replace("[", "[7,", 1), "utf-8")  # first: the archive was not recognised, "no text column"
    loaded = read(path)
    assert list(loaded.posts["post_id"]) == ["1234567890123456789", "1234567890123456790"]
    assert list(loaded.rejects["position"]) == ["item 1"] and loaded.note == "X account archive tweets.js"


def _read_doc(tmp_path, doc: object) -> list[dict]:
    import json

    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    loaded = read(path)
    return loaded.posts.to_dict("records") + loaded.rejects.to_dict("records")


def test_x_v2_text_is_whole_decoded_and_expanded(tmp_path):
    """v2 sends `&amp;`, cuts long posts at 280 characters (the rest in `note_tweet`) and retweets at
    `RT @user: ...` (the original in `includes.tweets`), and shows links as t.co."""
    long = "Zigmint kettle review, part 1 of many: " + "it boils. " * 40
    page = {
        "data": [
            {
                "id": "1",
                "text": "Tom &amp; Jerry &lt;3 Zigmint https://t.co/abc",
                "lang": "und",
                "author_id": "7",
                "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://zigmint.example/sale"}]},
            },
            {"id": "2", "text": long[:270] + "…", "note_tweet": {"text": long}, "author_id": "7"},
            {
                "id": "3",
                "text": "RT @kettlefan: cut short…",
                "author_id": "8",
                "referenced_tweets": [{"type": "retweeted", "id": "9"}],
            },
            {"id": "4", "text": "odd fields", "public_metrics": "n/a", "author_id": ["7"]},
        ],
        "includes": {
            "users": [{"id": "7", "username": "kettlefan"}, {"id": "8", "username": "fan2"}],
            "tweets": [{"id": "9", "text": "Zigmint &amp; tea, all day", "author_id": "7"}],
        },
        "meta": {"result_count": 4},
    }
    a, b, c, d = _read_doc(tmp_path, page)
    assert a["text"] == "Tom & Jerry <3 Zigmint https://zigmint.example/sale" and pd.isna(a["lang"])
    assert b["text"] == long
    assert c["text"] == "RT @kettlefan: Zigmint & tea, all day" and c["author"] == "fan2"
    assert d["text"] == "odd fields" and pd.isna(d["author"]) and pd.isna(d["likes"])


def test_x_api_v1_tweets_are_read_whole_with_their_authors(tmp_path):
    """API v1.1 tweets (streaming lines, standard search's `statuses`, a timeline) were read as a generic table:
    a long tweet's `text` cut at 140 characters (the brand after the cut not found: its `extended_tweet.full_text`
    unread), `&amp;` left in, links as t.co, no platform and no URL."""
    import json

    from brandpulse.sources import iter_read

    long = "Zigmint lost my order and support said nothing can be done, unbelievable. Never again, trying Brewbot"
    tweets = [
        {
            "id": 1790000000000000001,
            "id_str": "1790000000000000001",
            "created_at": "Mon May 13 09:15:00 +0000 2024",
            "text": long[:60] + "… https://t.co/zz",
            "truncated": True,
            "extended_tweet": {
                "full_text": long + " https://t.co/abc",
                "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://zigmint.example/help"}]},
            },
            "user": {"screen_name": "kettlefan", "followers_count": 1520},
            "favorite_count": 27,
            "retweet_count": 4,
            "lang": "en",
        },
        {
            "id_str": "1790000000000000002",
            "created_at": "Mon May 13 10:00:00 +0000 2024",
            "text": "RT @kettlefan: Tom &amp; Jerry &lt;3…",
            "retweeted_status": {
                "id_str": "9",
                "text": "Tom &amp; Jerry &lt;3 Zigmint",
                "user": {"screen_name": "kettlefan"},
            },
            "user": {"screen_name": "fan2"},
            "in_reply_to_status_id_str": "1790000000000000001",
            "lang": "und",
        },
    ]
    a, b = _read_doc(tmp_path, tweets)
    assert a["text"] == long + " https://zigmint.example/help"
    assert (a["post_id"], a["platform"], a["author"], a["author_followers"]) == (
        "1790000000000000001",
        "twitter",
        "kettlefan",
        1520,
    )
    assert (a["likes"], a["reposts"], a["created_at"]) == (27, 4, ts("2024-05-13 09:15"))
    assert a["url"] == "https://x.com/kettlefan/status/1790000000000000001"
    assert b["text"] == "RT @kettlefan: Tom & Jerry <3 Zigmint" and b["author"] == "fan2" and pd.isna(b["lang"])
    assert b["parent_id"] == "1790000000000000001"
    # the same tweets as a saved search response and as streaming lines
    assert _read_doc(tmp_path, {"statuses": tweets, "search_metadata": {"count": 2}}) == [a, b]
    lines = tmp_path / "stream.jsonl"
    notice = {"delete": {"status": {"id_str": "5", "user_id_str": "6"}, "timestamp_ms": "1715591700000"}}
    limit = {"limit": {"track": 12, "timestamp_ms": "1715591760000"}}
    stream = [notice, *tweets, limit]
    lines.write_text("".join(json.dumps(t) + "\n" for t in stream))  # (a stream opening with a notice)
    # (the notices were rejected as "empty text", their record `{"platform": "twitter"}`)
    want = [["line 1", "stream notice: delete", notice], ["line 4", "stream notice: limit", limit]]
    # (a chunk of notices alone, 1: was "empty text", not known for X's; a file of them "no text column")
    for chunksize in (None, 2, 1):
        parts = [read(lines)] if chunksize is None else list(iter_read(lines, chunksize))
        assert pd.concat([p.posts for p in parts], ignore_index=True).to_dict("records") == [a, b]
        assert {p.note for p in parts} == {"X API v1.1 tweets"}
        rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
        rejects["record"] = rejects["record"].map(json.loads)
        assert rejects[["position", "reason", "record"]].values.tolist() == want
    lines.write_text(json.dumps(notice) + "\n" + json.dumps(limit) + "\n")
    for chunksize in (None, 1):
        parts = [read(lines)] if chunksize is None else list(iter_read(lines, chunksize))
        assert [len(p.posts) for p in parts] == [0] * len(parts) and {p.note for p in parts} == {"X API v1.1 tweets"}
        rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
        assert rejects[["position", "reason"]].values.tolist() == [
            ["line 1", "stream notice: delete"],
            ["line 2", "stream notice: limit"],
        ]
    (tmp_path / "stream.json").write_text(json.dumps(stream))  # (the lines saved as an array)
    loaded = read(tmp_path / "stream.json")
    assert loaded.posts.to_dict("records") == [a, b]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [
        [w[0].replace("line", "item"), w[1]] for w in want
    ]


def test_x_long_post_links_come_from_the_note(tmp_path):
    """A long post's `entities` cover its first 280 characters: when they held a link, the links of the rest
    (only in `note_tweet.entities`) stayed t.co."""
    long = "Zigmint sale https://t.co/AAA " + "it boils. " * 30 + "details https://t.co/BBB"
    urls = [
        {"url": "https://t.co/AAA", "expanded_url": "https://zigmint.example/sale"},
        {"url": "https://t.co/BBB", "expanded_url": "https://zigmint.example/details"},
    ]
    page = {
        "data": [
            {
                "id": "1",
                "text": long[:270] + "…",
                "entities": {"urls": urls[:1]},
                "note_tweet": {"text": long, "entities": {"urls": urls}},
            }
        ],
        "meta": {"result_count": 1},
    }
    (a,) = _read_doc(tmp_path, page)
    assert a["text"] == (
        "Zigmint sale https://zigmint.example/sale " + "it boils. " * 30 + "details https://zigmint.example/details"
    )


def test_reddit_markdown_keeps_its_angle_brackets(tmp_path):
    """With raw_json=1 (what fetch asks for) the body is Markdown, not HTML."""
    child = {
        "kind": "t1",
        "data": {
            "name": "t1_a",
            "created_utc": 1700000000,
            "author": "u",
            "body": "I <3 my <Acme> car, if a<b and c>d; AT&amp;T too",
        },
    }
    (post,) = _read_doc(tmp_path, {"kind": "Listing", "data": {"children": [child]}})
    assert post["text"] == "I <3 my <Acme> car, if a<b and c>d; AT&T too"


def test_youtube_display_text_is_html_only_when_it_looks_like_it(tmp_path):
    def thread(i, display):
        top = {
            "id": f"c{i}",
            "snippet": {"videoId": "v", "textDisplay": display, "publishedAt": "2024-01-01T00:00:00Z"},
        }
        return {"kind": "youtube#commentThread", "id": f"c{i}", "snippet": {"topLevelComment": top}}

    doc = {
        "kind": "youtube#commentThreadListResponse",
        "items": [thread(1, "I <3 <Acme> & AT&T"), thread(2, "loud<br>and <b>clear</b> &amp; fast")],
    }
    plain, markup = _read_doc(tmp_path, doc)
    assert plain["text"] == "I <3 <Acme> & AT&T"  # fetch asks for textFormat=plainText
    assert markup["text"] == "loud\nand clear & fast"


def test_mastodon_local_handles_get_their_server_and_odd_fields_stay_empty(tmp_path):
    base = {"created_at": "2024-01-01T00:00:00Z", "content": "<p>Acme rocks</p>", "reblogs_count": 0}
    statuses = [
        {**base, "id": "1", "account": {"acct": "local", "url": "https://mastodon.example/@local"}},
        {**base, "id": "2", "account": {"acct": "far@other.example", "url": "https://other.example/@far"}},
        {**base, "id": "3", "account": "not an object"},
    ]
    local, remote, odd = _read_doc(tmp_path, statuses)
    assert (local["author"], remote["author"]) == ("local@mastodon.example", "far@other.example")
    assert odd["text"] == "Acme rocks" and pd.isna(odd["author"])


def test_mastodon_content_warning_comes_before_the_text(tmp_path):
    """A status's `spoiler_text` (an outbox Note's `summary`) was dropped: "Acme kettle review" behind a content
    warning left "It leaks." alone, a post no brand matched (fetch with brands dropped it as a near-miss)."""
    base = {"created_at": "2024-01-01T00:00:00Z", "reblogs_count": 0, "account": {"acct": "a@b.example"}}
    statuses = [
        {**base, "id": "1", "spoiler_text": "Acme kettle review ", "content": "<p>It leaks.</p>", "language": "en"},
        {**base, "id": "2", "spoiler_text": "", "content": "<p>No warning</p>"},
        {**base, "id": "3", "spoiler_text": "Acme photo", "content": ""},  # a picture behind a warning
    ]
    warned, plain, alone = _read_doc(tmp_path, statuses)
    assert warned["text"] == "Acme kettle review\n\nIt leaks." and warned["lang"] == "en"
    assert (plain["text"], alone["text"]) == ("No warning", "Acme photo")
    note = {"id": "https://b.example/users/a/statuses/9", "type": "Note", "published": "2024-01-01T00:00:00Z"}
    note |= {"summary": "Acme spoilers", "content": "<p>The ending!</p>"}
    outbox = {"type": "OrderedCollection", "orderedItems": [{"type": "Create", "object": note}]}
    (post,) = _read_doc(tmp_path, outbox)
    assert post["text"] == "Acme spoilers\n\nThe ending!"


def test_bluesky_links_show_their_full_address(tmp_path):
    text = "Acme café sale: acme.example/sal... go!"
    start = len("Acme café sale: ".encode())
    link = {
        "index": {"byteStart": start, "byteEnd": start + len("acme.example/sal...")},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://acme.example/sale/2024"}],
    }
    view = {
        "uri": "at://did:plc:x/app.bsky.feed.post/k1",
        "author": {"handle": "a.bsky.social"},
        "record": {"text": text, "createdAt": "2024-01-01T00:00:00Z", "facets": [link]},
    }
    odd = {"uri": "at://did:plc:x/app.bsky.feed.post/k2", "author": "x", "record": "not an object"}
    post, rejected = _read_doc(tmp_path, {"posts": [view, odd]})
    assert post["text"] == "Acme café sale: https://acme.example/sale/2024 go!"
    assert rejected["reason"] == "empty text"  # a record that is not an object has no text: rejected, not a crash


# --- a response's items saved alone (`jq '.posts'`, `jq -c '.hits[]'`): read as the response is -------------

_ITEM_LISTS = [
    ("bluesky_search.json", ("posts",), "Bluesky post views (items)"),
    ("bluesky_feed.json", ("feed",), "Bluesky feed items"),
    ("youtube_threads.json", ("items",), "YouTube comments (items)"),  # a thread's reply comes with it
    ("reddit_listing.json", ("data", "children"), "Reddit things (t3/t1 items)"),  # the `more` stub is no post
    ("hackernews_algolia.json", ("hits",), "Hacker News (Algolia) hits"),
    ("x_v2_page.json", ("data",), "X API v2 tweets (items)"),
]


def _saved_items(tmp_path, name: str, path: tuple, form: str) -> tuple[Path, Path]:
    """(the response, its items at `path` saved alone as `form`), each with a 5 among the items first."""
    import json

    doc = json.loads((FIX / name).read_text("utf-8"))
    doc.pop("includes", None)  # X: the authors are in `includes`, which items saved alone do not carry
    whole, alone = tmp_path / "whole.json", tmp_path / ("items.json" if form == "array" else "items.jsonl")
    whole.write_text(json.dumps(doc), "utf-8")
    items = doc
    for key in path:
        items = items[key]
    if form == "array":
        alone.write_text(json.dumps([5, *items]), "utf-8")
    else:
        alone.write_text("\n".join(json.dumps(i) for i in [items[0], 5, *items[1:]]) + "\n", "utf-8")
    return whole, alone


@pytest.mark.parametrize("name, path, shape", _ITEM_LISTS)
@pytest.mark.parametrize("form, chunksize", [("array", None), ("lines", None), ("lines", 1)])
def test_items_saved_alone_read_as_the_response_they_came_from(tmp_path, name, path, shape, form, chunksize):
    """Bluesky post views, YouTube threads and Reddit things saved alone were "no text column", Hacker News
    comments "empty text", X tweets kept `&amp;` and no platform: read by the column aliases. They are read
    as the response they came from is (X: as its page without `includes`), also one a line and in chunks."""
    from brandpulse.sources import iter_read

    whole, alone = _saved_items(tmp_path, name, path, form)
    parts = [read(alone)] if chunksize is None else list(iter_read(alone, chunksize))
    posts = pd.concat([p.posts for p in parts], ignore_index=True)
    assert posts.to_dict("records") == rows(whole)
    rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
    assert rejects[["position", "reason"]].values.tolist() == [
        ["item 1" if form == "array" else "line 2", "not an object: 5"]
    ]
    assert {p.note for p in parts if len(p.posts)} == {shape}


def test_hackernews_comment_hits_alone_are_their_comment_text(tmp_path):
    _, alone = _saved_items(tmp_path, "hackernews_algolia.json", ("hits",), "lines")
    story, comment = read(alone).posts.to_dict("records")
    assert story["text"] == "Show HN: Acme, a kettle API\n\nWe built Acme.\n\nFeedback welcome"
    assert comment["text"] == "Acme's docs are thin.\n\nSee https://acme.example/docs"  # its title is null


def test_hackernews_hits_as_a_table_or_without_created_at_i_have_their_object_id(tmp_path):
    """Hits saved as a CSV (the response's `hits` flattened), or as JSON without `created_at_i` (a hit's fields
    picked), were read by the column aliases: `objectID` was no post id (no url either), and each comment, whose
    title is empty, was rejected as "empty text". They are read as a response's hits are: the same posts."""
    hits = json.loads((FIX / "hackernews_algolia.json").read_text("utf-8"))["hits"]
    want = rows(FIX / "hackernews_algolia.json")
    assert [p["post_id"] for p in want] == ["39000001", "39000002"]
    table = pd.json_normalize(hits).drop(columns="_tags")
    table.to_csv(tmp_path / "hits.csv", index=False)
    picked = [{k: v for k, v in h.items() if k not in ("created_at_i", "_tags")} for h in hits]
    (tmp_path / "picked.json").write_text(json.dumps(picked), "utf-8")
    for path in (tmp_path / "hits.csv", tmp_path / "picked.json"):
        loaded = read(path)
        assert loaded.note == "Hacker News (Algolia) hits", path
        assert loaded.posts.to_dict("records") == want, path
    assert want[1]["text"] == "Acme's docs are thin.\n\nSee https://acme.example/docs"
    assert want[1]["url"] == "https://news.ycombinator.com/item?id=39000002"


@pytest.mark.parametrize("form", ["array", "lines"])
def test_reddit_children_data_alone_keeps_title_and_permalink(tmp_path, form):
    """`jq '.data.children[].data'` was read by the column aliases: the post's title dropped, its `url`
    (the linked page) taken for the post's, ids without their `t3_`. Read as the listing is."""
    import json

    children = json.loads((FIX / "reddit_listing.json").read_text("utf-8"))["data"]["children"]
    link = dict(children[0]["data"], url="https://acme.example/kettle")  # a link post: `url` is the page linked
    items = [link, children[1]["data"], children[2]["data"]]  # the last is the `more` stub's
    path = tmp_path / ("data.json" if form == "array" else "data.jsonl")
    path.write_text(json.dumps(items) if form == "array" else "\n".join(map(json.dumps, items)), "utf-8")
    loaded = read(path)
    assert loaded.note == "Reddit post/comment data (items)" and loaded.rejects.empty
    post, comment = loaded.posts.to_dict("records")
    assert post["post_id"] == "t3_1abc23" and post["platform"] == "reddit"
    assert post["text"] == "Acme kettle leaks\n\nBought it last week & it already leaks."
    assert post["url"] == "https://www.reddit.com/r/Kettles/comments/1abc23/acme_kettle_leaks/"
    assert comment["post_id"] == "t1_kc0002" and comment["parent_id"] == "t3_1abc23" and comment["likes"] == 3


def test_youtube_thread_lines_name_each_comment_of_a_line(tmp_path):
    """A thread line holds its top-level comment and its replies: a reply that is not an object is
    rejected at its place in its line."""
    import json

    threads = json.loads((FIX / "youtube_threads.json").read_text("utf-8"))["items"]
    threads[0]["replies"]["comments"].insert(0, 7)
    path = tmp_path / "threads.jsonl"
    path.write_text("\n".join(map(json.dumps, threads)) + "\n", "utf-8")
    loaded = read(path)
    assert list(loaded.posts["post_id"]) == [c["post_id"] for c in rows(FIX / "youtube_threads.json")]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [["line 1 item 2", "not an object: 7"]]


def test_x_stream_lines_of_one_tweet_with_its_includes_are_read_as_the_page(tmp_path):
    """A filtered stream's lines (`twarc2 stream`: `{"data": {tweet}, "includes": ..., "matching_rules": ...}`)
    and a lookup of one tweet hold the tweet itself in `data`: "no text column". Read as the page is."""
    import json

    page = json.loads((FIX / "x_v2_page.json").read_text("utf-8"))
    users = {u["id"]: u for u in page["includes"]["users"]}
    lines = [
        {"data": t, "includes": {"users": [users[t["author_id"]]]}, "matching_rules": [{"id": "1", "tag": "acme"}]}
        for t in page["data"]
    ]
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    assert rows(path) == rows(FIX / "x_v2_page.json")
    lookup = {"data": lines[1]["data"], "includes": lines[1]["includes"]}  # GET /2/tweets/:id
    (tmp_path / "one.json").write_text(json.dumps(lookup), "utf-8")
    assert rows(tmp_path / "one.json") == rows(FIX / "x_v2_page.json")[1:]


@pytest.mark.parametrize(
    "name, path, shape",
    [
        *_ITEM_LISTS,
        ("mastodon_statuses.json", (), "Mastodon statuses (API)"),
        ("reddit_listing.json", ("data", "children", "data"), "Reddit post/comment data (items)"),
    ],
)
def test_one_item_saved_alone_is_read_as_a_list_of_it(tmp_path, name, path, shape):
    """One status, post view, tweet, `t3` thing or hit saved by hand (`jq '.posts[0]'`) was "no text column" (its
    `tags` or `entities.hashtags` list read as the posts) or "holds no list of posts". It is read as a list of it."""
    import json

    doc = json.loads((FIX / name).read_text("utf-8"))
    items = doc
    for key in path:
        items = [i[key] for i in items] if isinstance(items, list) else items[key]
    first = items[0]
    (tmp_path / "one.json").write_text(json.dumps(first), "utf-8")
    (tmp_path / "list.json").write_text(json.dumps([first]), "utf-8")
    loaded = read(tmp_path / "one.json")
    assert loaded.note == shape and loaded.rejects.empty
    assert loaded.posts.to_dict("records") == rows(tmp_path / "list.json")
    assert loaded.posts["post_id"].iloc[0] == rows(FIX / name)[0]["post_id"]  # the first post of the whole file


def test_one_mastodon_status_by_hand(tmp_path):
    import json

    status = {
        "id": "11",
        "created_at": "2024-05-01T10:00:00Z",
        "content": "<p>My <a href='https://x.example/tags/acme'>#<span>Acme</span></a> kettle</p>",
        "reblogs_count": 2,
        "account": {"acct": "ann", "url": "https://social.example/@ann"},
        "tags": [{"name": "acme", "url": "https://social.example/tags/acme"}],
    }
    (tmp_path / "status.json").write_text(json.dumps(status), "utf-8")
    (post,) = rows(tmp_path / "status.json")
    assert (post["post_id"], post["author"], post["text"]) == ("11", "ann@social.example", "My #Acme kettle")
    assert post["platform"] == "mastodon" and post["reposts"] == 2


def _bsky(rkey: str, text: str, parent: str | None = None) -> dict:
    record = {"text": text, "createdAt": "2024-05-01T10:00:00Z"}
    if parent:
        record["reply"] = {"parent": {"uri": f"at://did:plc:a/app.bsky.feed.post/{parent}"}}
    return {"uri": f"at://did:plc:a/app.bsky.feed.post/{rkey}", "author": {"handle": f"{rkey}.bsky"}, "record": record}


def test_bluesky_post_thread_reads_parents_post_and_nested_replies_once(tmp_path):
    """A saved `getPostThread` response was "holds no list of posts". Its posts are read, each once: the parents
    (the top first), the post, its replies depth first; a reply not found is no post."""
    import json

    thread = {
        "$type": "app.bsky.feed.defs#threadViewPost",
        "post": _bsky("p3", "Acme three", "p2"),
        "parent": {"post": _bsky("p2", "two", "p1"), "parent": {"post": _bsky("p1", "one")}},
        "replies": [
            {
                "post": _bsky("r1", "reply one", "p3"),
                "replies": [
                    {"post": _bsky("r11", "nested", "r1")},
                    {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://gone", "notFound": True},
                ],
            },
            {"post": _bsky("r2", "reply two", "p3"), "replies": [{"post": _bsky("r1", "reply one", "p3")}]},
        ],
    }
    (tmp_path / "thread.json").write_text(json.dumps({"thread": thread}), "utf-8")
    loaded = read(tmp_path / "thread.json")
    assert loaded.note == "Bluesky post thread" and loaded.rejects.empty
    posts = loaded.posts
    assert list(posts["text"]) == ["one", "two", "Acme three", "reply one", "nested", "reply two"]
    assert list(posts["author"]) == ["p1.bsky", "p2.bsky", "p3.bsky", "r1.bsky", "r11.bsky", "r2.bsky"]
    assert posts["parent_id"].iloc[4] == "at://did:plc:a/app.bsky.feed.post/r1"
    assert posts["url"].iloc[2] == "https://bsky.app/profile/p3.bsky/post/p3"


def test_json_feed_is_read_as_rss_items_are(tmp_path):
    """A JSON Feed (jsonfeed.org) was read by the column aliases: `content_html` with its tags, no author, no
    platform. Its items are read as RSS items: title and text, HTML as text, 1.1 `authors` or 1.0 `author`."""
    import json

    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Acme blog",
        "language": "en-GB",
        "items": [
            {
                "id": "1",
                "url": "https://blog.example/1",
                "title": "Kettle review",
                "content_html": "<p>The Acme kettle is <b>great</b> &amp; fast.</p><p>Buy it</p>",
                "date_published": "2024-05-01T10:00:00+02:00",
                "authors": [{"name": "Ann"}],
            },
            {"id": "2", "content_text": "I <3 my Acme", "date_modified": "2024-05-02T10:00:00Z", "language": "fr"},
            5,
        ],
        "author": {"name": "Blog team"},
    }
    (tmp_path / "feed.json").write_text(json.dumps(feed), "utf-8")
    loaded = read(tmp_path / "feed.json")
    assert loaded.note == "JSON Feed"
    a, b = loaded.posts.to_dict("records")
    assert a["text"] == "Kettle review\n\nThe Acme kettle is great & fast.\n\nBuy it"
    assert (a["post_id"], a["platform"], a["author"], a["lang"]) == ("1", "rss", "Ann", "en")
    assert a["created_at"] == ts("2024-05-01 08:00:00") and a["url"] == "https://blog.example/1"
    assert (b["text"], b["author"], b["lang"]) == ("I <3 my Acme", "Blog team", "fr")
    assert b["created_at"] == ts("2024-05-02 10:00")
    assert loaded.rejects[["position", "reason"]].values.tolist() == [["item 3", "not an object: 5"]]


@pytest.mark.parametrize("name, path", SAMPLE_ITEMS)
def test_real_api_samples_one_item_alone_is_its_post(tmp_path, name, path):
    import json

    doc = json.loads(need("api-samples", name).read_text("utf-8"))
    if isinstance(doc, dict):
        doc.pop("includes", None)
    for key in path:
        doc = doc[key]
    (tmp_path / "one.json").write_text(json.dumps(doc[0]), "utf-8")
    (tmp_path / "list.json").write_text(json.dumps(doc[:1]), "utf-8")
    assert len(rows(tmp_path / "one.json")) >= 1
    assert rows(tmp_path / "one.json") == rows(tmp_path / "list.json")


def test_twitter_archive_links_are_expanded_as_v1_tweets_are(tmp_path):
    """An archive's `full_text` holds t.co links, as v1.1's does; they were left as `https://t.co/...`, so a brand
    rule on `acme.example` missed the post that the same tweet fetched by the API matched."""
    tweet = {
        "entities": {"urls": [{"url": "https://t.co/AbCd", "expanded_url": "https://acme.example/kettle"}]},
        "id_str": "1700000000000000001",
        "created_at": "Fri Sep 08 11:00:00 +0000 2023",
        "full_text": "Kettle &amp; toaster 😍 https://t.co/AbCd",
        "favorite_count": "7",
    }
    path = tmp_path / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = " + json.dumps([{"tweet": tweet}]), "utf-8")
    (post,) = rows(path)
    assert post["text"] == "Kettle & toaster 😍 https://acme.example/kettle"


def test_a_reddit_post_exported_and_fetched_is_one_post(tmp_path):
    """The data request's `posts.csv` and `comments.csv` hold bare ids (`1xyz99`), the API fullnames (`t3_1xyz99`):
    the same post read from both was two posts, counted twice in `analyze` and in the store."""
    from click.testing import CliRunner

    from brandpulse.cli import main

    def thing(kind: str, pid: str, **data) -> dict:
        return {"kind": kind, "data": {"id": pid, "name": f"{kind}_{pid}", "subreddit": "Toasters", **data}}

    listing = {
        "kind": "Listing",
        "data": {
            "children": [
                thing("t3", "1xyz99", title="Acme toaster", selftext="Does anyone else's toaster smell?", score=5),
                thing("t1", "kq11bb", body="A reply", parent_id="t1_kq11aa", created_utc=1706940000, score=1),
            ]
        },
    }
    api = tmp_path / "api.json"
    api.write_text(json.dumps(listing), "utf-8")
    result = CliRunner().invoke(
        main, ["analyze", str(FIX / "reddit_posts.csv"), str(FIX / "reddit_comments.csv"), str(api), "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.stderr
    ids = [json.loads(line)["post_id"] for line in result.stdout.splitlines()]
    assert ids == ["t3_1xyz99", "t1_kq11aa", "t1_kq11bb"]
    assert "read 5 rows: analyzed 3, duplicates 2," in result.stderr


def test_reddit_api_fields_saved_as_a_table_are_read_as_the_api_reader_reads_them(tmp_path):
    """Posts' and comments' `data` saved as a CSV (a listing flattened, PRAW's objects in a DataFrame) were read by the
    column aliases: the short `id` (`1skbgrz`, where the API reader gives the fullname `t3_1skbgrz`), no platform, the
    text the selftext without its title, the url the page a link post links to. The same post read from the JSON and
    from the CSV was two posts. Now each row is read as `thing_record` reads it, and the columns kept stay."""
    post = {
        "id": "1skbgrz",
        "name": "t3_1skbgrz",
        "subreddit": "WaltDisneyWorld",
        "title": "Acme &amp; the parks",
        "selftext": "My Acme pass broke",
        "author": "guest1",
        "created_utc": 1776113000.0,
        "score": -2,
        "num_comments": 3,
        "num_crossposts": 1,
        "permalink": "/r/WaltDisneyWorld/comments/1skbgrz/acme/",
        "url": "https://example.com/elsewhere",
    }
    comment = {
        "id": "o1abc",
        "name": "t1_o1abc",
        "subreddit": "WaltDisneyWorld",
        "body": "Same here",
        "author": "[deleted]",
        "created_utc": 1776113600,
        "score": 4,
        "parent_id": "t3_1skbgrz",
        "permalink": "/r/WaltDisneyWorld/comments/1skbgrz/acme/o1abc/",
    }
    listing = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": post}, {"kind": "t1", "data": comment}]}}
    api = tmp_path / "api.json"
    api.write_text(json.dumps(listing), "utf-8")
    table = pd.DataFrame([post, comment])
    table["label"] = ["negative", "neutral"]
    table.to_csv(tmp_path / "table.csv", index=False)
    from_api, from_table = rows(api), rows(tmp_path / "table.csv")
    assert from_table == from_api
    a, b = from_table
    assert (a["post_id"], a["platform"], b["post_id"], b["parent_id"]) == (
        "t3_1skbgrz",
        "reddit",
        "t1_o1abc",
        "t3_1skbgrz",
    )
    assert a["text"] == "Acme & the parks\n\nMy Acme pass broke" and b["text"] == "Same here" and b["author"] is None
    assert a["url"] == "https://www.reddit.com/r/WaltDisneyWorld/comments/1skbgrz/acme/"
    assert (a["likes"], a["reposts"], a["replies"], a["created_at"]) == (-2, 1, 3, ts("2026-04-13 20:43:20"))
    both = pd.concat([read(api).posts, read(tmp_path / "table.csv").posts])
    from brandpulse import drop_duplicates

    assert len(drop_duplicates(both)) == 2
    # a table of the bare ids alone (no `name`): the kind before each; the columns kept as they are stay
    table.drop(columns="name").to_csv(tmp_path / "bare.csv", index=False)
    kept = read(tmp_path / "bare.csv", keep=("label",))
    assert kept.posts[["post_id", "label"]].values.tolist() == [["t3_1skbgrz", "negative"], ["t1_o1abc", "neutral"]]


def test_a_twitter_archive_from_before_2020_holds_its_tweets_bare(tmp_path):
    """Archives made before 2020 hold `data/tweet.js` with each tweet directly in the list, no `{"tweet": ...}`
    around it. It was read as any JSON: no platform, `&amp;` and t.co links left in the text, and neither
    author nor URL from account.js."""
    tweets = [
        {
            "entities": {"urls": [{"url": "https://t.co/Zz", "expanded_url": "https://acme.example"}]},
            "favorite_count": "4",
            "id_str": "1100000000000000001",
            "retweet_count": "1",
            "id": "1100000000000000001",
            "created_at": "Mon Feb 25 10:00:00 +0000 2019",
            "full_text": "Love this &amp; https://t.co/Zz",
            "lang": "en",
        },
        {
            "favorite_count": "0",
            "in_reply_to_status_id_str": "1099999999999999999",
            "id_str": "1100000000000000002",
            "retweet_count": "0",
            "created_at": "Mon Feb 25 11:00:00 +0000 2019",
            "full_text": "@acme meh",
        },
    ]
    data = tmp_path / "twitter-2019" / "data"
    data.mkdir(parents=True)
    (data / "tweet.js").write_text("window.YTD.tweet.part0 = " + json.dumps(tweets, indent=2), "utf-8")
    shutil.copy(FIX / "twitter_archive" / "data" / "account.js", data / "account.js")
    loaded = read(data.parent)
    assert loaded.note == "data/tweet.js: X account archive tweets.js"
    a, b = loaded.posts.to_dict("records")
    assert a["platform"] == b["platform"] == "twitter"
    assert a["text"] == "Love this & https://acme.example" and (a["likes"], a["reposts"]) == (4, 1)
    assert a["author"] == "archive_owner" and a["url"] == "https://x.com/archive_owner/status/1100000000000000001"
    assert a["created_at"] == ts("2019-02-25 10:00:00") and b["parent_id"] == "1099999999999999999"


def test_a_rejected_archive_tweet_keeps_the_archive_owner(tmp_path):
    """account.js named the author of the archive's posts but not of its rejected ones: their records, written to
    be fixed and read again, had `"author": null` and an `/i/web/` URL."""
    shutil.copytree(FIX / "twitter_archive", tmp_path / "archive")
    path = tmp_path / "archive" / "data" / "tweets.js"
    path.write_text(path.read_text("utf-8").replace('"favorite_count" : "12"', '"favorite_count" : "twelve"'), "utf-8")
    loaded = read(tmp_path / "archive")
    assert loaded.posts["author"].tolist() == ["archive_owner"]
    (reject,) = loaded.rejects.to_dict("records")
    assert (reject["position"], reject["reason"]) == ("item 1", "bad likes 'twelve'")
    record = json.loads(reject["record"])
    assert record["author"] == "archive_owner"
    assert record["url"] == "https://x.com/archive_owner/status/1234567890123456789"


def test_a_twitter_archive_s_community_posts_are_read(tmp_path):
    """Posts to X Communities are in `data/community-tweet.js`, not in tweets.js: the archive was read without them."""
    shutil.copytree(FIX / "twitter_archive", tmp_path / "archive")
    post = {
        "id_str": "1611701861727313922",
        "created_at": "Sat Jan 07 12:00:00 +0000 2023",
        "full_text": "Acme kettle owners, what descaler do you use?",
        "favorite_count": "10",
        "retweet_count": "0",
        "lang": "en",
    }
    (tmp_path / "archive" / "data" / "community-tweet.js").write_text(
        "window.YTD.community_tweet.part0 = " + json.dumps([{"tweet": post}]), "utf-8"
    )
    loaded = read(tmp_path / "archive")
    assert loaded.rejects.empty and loaded.rows_read == 3
    assert "data/community-tweet.js: X account archive tweets.js" in loaded.note
    (community,) = loaded.posts[loaded.posts["post_id"] == "1611701861727313922"].to_dict("records")
    assert community["author"] == "archive_owner" and community["likes"] == 10
    assert community["text"] == "Acme kettle owners, what descaler do you use?"


@pytest.mark.parametrize("packed", ["folder", "zip"])
def test_a_twitter_archive_s_parts_are_read_after_tweets_js_in_their_order(tmp_path, packed):
    """An archive too large for one file splits its tweets into `tweets.js`, `tweets-part1.js`, `tweets-part2.js`, ...:
    they were read in name order, part1 (and part10 before part2) before tweets.js. tweets.js is read first, then the
    parts by their numbers."""
    archive = tmp_path / "archive"
    (archive / "data").mkdir(parents=True)
    shutil.copy(FIX / "twitter_archive" / "data" / "account.js", archive / "data" / "account.js")
    names = ["tweets.js", *(f"tweets-part{n}.js" for n in (10, 2, 1))]
    for number, name in enumerate(names):
        tweet = {"id_str": str(100 + number), "created_at": "Sat Jan 07 12:00:00 +0000 2023", "full_text": name}
        part = name.removesuffix(".js").rsplit("part", 1)[-1] if "part" in name else "0"
        (archive / "data" / name).write_text(
            f"window.YTD.tweets.part{part} = " + json.dumps([{"tweet": tweet}]), "utf-8"
        )
    source = archive
    if packed == "zip":
        source = tmp_path / "archive.zip"
        with zipfile.ZipFile(source, "w") as zf:
            for f in sorted((archive / "data").iterdir()):
                zf.write(f, f"data/{f.name}")
    loaded = read(source)
    assert loaded.posts["text"].tolist() == ["tweets.js", "tweets-part1.js", "tweets-part2.js", "tweets-part10.js"]
    assert loaded.rejects.empty and set(loaded.posts["author"]) == {"archive_owner"}


def test_x_s_withdrawn_language_codes_are_read_as_the_current_ones(tmp_path):
    """X writes `in` for Indonesian and `iw` for Hebrew (ISO 639-1 codes withdrawn in 1989), where Mastodon, Bluesky
    and the detector write `id` and `he`: the same language counted as two, and `lang:id` found no post from X."""
    page = json.loads((FIX / "x_v2_page.json").read_text("utf-8"))
    page["data"][0]["lang"], page["data"][1]["lang"] = "in", "iw"
    (tmp_path / "page.json").write_text(json.dumps(page), "utf-8")
    assert [p["lang"] for p in rows(tmp_path / "page.json")] == ["id", "he"]
    tweet = {"id_str": "1", "created_at": "Mon Feb 25 10:00:00 +0000 2019", "full_text": "Acme mantap", "lang": "in"}
    (tmp_path / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps([{"tweet": tweet}]), "utf-8")
    assert [p["lang"] for p in rows(tmp_path / "tweets.js")] == ["id"]
    (tmp_path / "twarc.csv").write_text((FIX / "twarc.csv").read_text("utf-8").replace(",en,", ",in,", 1), "utf-8")
    assert [p["lang"] for p in rows(tmp_path / "twarc.csv")] == ["id", "en"]


def test_a_rating_in_star_glyphs_is_its_filled_stars(tmp_path):
    # (review sites and scrapers write `★★★★☆`: the review was rejected as a `bad rating`)
    path = tmp_path / "reviews.csv"
    path.write_text(
        "Title,Review,Rating,Nickname,Date\nA,Pretty good,★★★★☆,c,2026-11-02\nB,Meh,⭐⭐,d,2026-11-02\n"
        "C,Half,4.5,e,2026-11-02\n",
        encoding="utf-8",
    )
    loaded = read(path)
    assert [(p["author"], p["rating"]) for p in loaded.posts.to_dict("records")] == [("c", 4), ("d", 2), ("e", 4.5)]
    assert loaded.rejects.empty


def test_a_thousand_with_a_comma_is_no_one_star_rating(tmp_path):
    """`"1,000"` in a rating column (a score, a count of points) was read as the decimal comma's 1.0 and kept as a
    one-star review, moving the average; it is rejected as a 1000 was. `4,5` and `3,50` are still half stars."""
    path = tmp_path / "reviews.csv"
    path.write_text('text,rating\nbig,"1,000"\nhalf,"4,5"\ntwo,"3,50"\nfive,5\n', encoding="utf-8")
    loaded = read(path)
    assert [(p["text"], p["rating"]) for p in loaded.posts.to_dict("records")] == [
        ("half", 4.5),
        ("two", 3.5),
        ("five", 5),
    ]
    assert [(r["position"], r["reason"]) for r in loaded.rejects.to_dict("records")] == [
        ("line 2", "bad rating '1,000'")
    ]


def test_half_stars_are_ratings_and_other_fractions_are_rejected_with_their_line(tmp_path):
    """A review export's `4.5` (and `4,5`, a decimal comma) rejected its review as a `bad rating '4.5'`: `rating`
    holds halves; a 4.3 (an average, not a review's stars) and a 5.5 are rejected with their file and line."""
    path = tmp_path / "reviews.csv"
    path.write_text(
        'text,rating\nhalf,4.5\nwhole,4\ncomma,"3,5"\nlowest,0.5\naverage,4.3\nover,5.5\nfive,5\n', encoding="utf-8"
    )
    loaded = read(path)
    assert [(p["text"], p["rating"]) for p in loaded.posts.to_dict("records")] == [
        ("half", 4.5),
        ("whole", 4),
        ("comma", 3.5),
        ("five", 5),
    ]
    assert [(r["source"], r["position"], r["reason"]) for r in loaded.rejects.to_dict("records")] == [
        (str(path), "line 5", "rating '0.5' is not 1 to 5 stars"),
        (str(path), "line 6", "rating '4.3' is not a whole or half star"),
        (str(path), "line 7", "rating '5.5' is not 1 to 5 stars"),
    ]


def test_a_zero_to_five_column_keeps_its_zeros(tmp_path):
    """A column of 0 to 5 stars (it holds 0s, nothing above 5) had each 0 rejected (`rating '0' is not 1 to 5
    stars`): its 0s and half stars are read, and the note says why; beside a 7, a 0 is still no star rating."""
    path = tmp_path / "reviews.csv"
    path.write_text("text,rating\nawful,0\nbad,0.5\ngood,4\nbest,5\n", encoding="utf-8")
    loaded = read(path)
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    assert loaded.posts["rating"].tolist() == [0, 0.5, 4, 5]
    assert "'rating' holds 0s and nothing above 5: read as 0 to 5 stars" in loaded.note, loaded.note
    path.write_text("text,rating\nawful,0\nbad,1\ngood,4\nbest,5\nodd,7\n", encoding="utf-8")
    loaded = read(path)
    assert loaded.posts["rating"].tolist() == [1, 4, 5] and "0 to 5" not in loaded.note
    assert loaded.rejects["reason"].tolist() == ["rating '0' is not 1 to 5 stars", "rating '7' is not 1 to 5 stars"]


def test_ratings_out_of_five_or_ten_are_stars(tmp_path):
    """`4.5/5` and `8/10`, as review sites and scrapers write them, were no ratings: the column was left unread
    ("holds no star rating"), its whole 3 too. They are stars out of 5; what is no whole or half star out of 5, or
    beyond 5, is rejected with its line."""
    path = tmp_path / "reviews.csv"
    path.write_text("text,rating\na,4.5/5\nb,8/10\nc,3\nd,7 / 10\ne,8.5/10\nf,11/10\ng,2/5\n", encoding="utf-8")
    loaded = read(path)
    assert [(p["text"], p["rating"]) for p in loaded.posts.to_dict("records")] == [
        ("a", 4.5),
        ("b", 4),
        ("c", 3),
        ("d", 3.5),
        ("g", 2),
    ]
    assert [(r["position"], r["reason"]) for r in loaded.rejects.to_dict("records")] == [
        ("line 6", "rating '8.5/10' is not a whole or half star"),
        ("line 7", "rating '11/10' is not 1 to 5 stars"),
    ]
    # (Amazon review scrapers' `4.0 out of 5 stars`, and a scale written `5.0`: the column was not read)
    path.write_text("text,rating\na,4.0 out of 5 stars\nb,1.0 Out Of 5 Stars\nc,4.5/5.0\nd,9 out of 10\n")
    assert [p["rating"] for p in read(path).posts.to_dict("records")] == [4, 1, 4.5, 4.5]


def test_ratings_out_of_five_as_european_sites_write_them_are_stars(tmp_path):
    """Amazon.de's `4,5 von 5 Sternen` and a `4,5/5` (a decimal comma) were no ratings: with the column's other
    values, it was left unread ("holds no star rating"). They are stars, as are France's, Spain's and Japan's."""
    path = tmp_path / "bewertungen.csv"
    path.write_text(
        'text,rating\na,"4,5 von 5 Sternen"\nb,"4,5/5"\nc,3\nd,"1,0 von 5 Sternen"\ne,"4,0 sur 5 étoiles"\n'
        'f,5つ星のうち4.0\ng,"3,0 de 5 estrellas"\nh,"6,5 von 5 Sternen"\n',
        encoding="utf-8",
    )
    loaded = read(path)
    assert [(p["text"], p["rating"]) for p in loaded.posts.to_dict("records")] == [
        ("a", 4.5),
        ("b", 4.5),
        ("c", 3),
        ("d", 1),
        ("e", 4),
        ("f", 4),
        ("g", 3),
    ]
    assert loaded.rejects["reason"].tolist() == ["rating '6,5 von 5 Sternen' is not 1 to 5 stars"]


def test_a_bad_rating_out_of_five_keeps_the_zero_to_five_scale(tmp_path):
    """A `6/5` (a typo out of 5) was taken for a value above 5, so the column's 0s were no 0 to 5 scale: they and the
    6/5 were rejected, and with most values rejected the whole column was left unread. Only the 6/5 is."""
    path = tmp_path / "reviews.csv"
    path.write_text("text,rating\nawful,0\nbad,6/5\ngood,4\n", encoding="utf-8")
    loaded = read(path)
    assert loaded.posts["rating"].tolist() == [0, 4]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [["line 3", "rating '6/5' is not 0 to 5 stars"]]


@pytest.mark.parametrize("chunksize", [1, 2, 3, 10])
def test_a_chunked_read_decides_the_zero_to_five_scale_as_the_whole_read(tmp_path, chunksize):
    """Read in chunks, a 0 before the 7 that shows the column is no 0 to 5 scale was kept as 0 stars (its chunk
    showed nothing above 5), where the whole read rejects it: `analyze` of a big file and `ingest` kept what
    `analyze` of a small one rejected. The chunks after look ahead (their ratings alone), as for dates."""
    from brandpulse.sources import iter_read

    path = tmp_path / "reviews.csv"
    path.write_text("text,rating\nawful,0\nbad,1\ngood,4\nbest,5\nodd,7\n", encoding="utf-8")
    chunks = list(iter_read(path, chunksize))
    assert [r for c in chunks for r in c.posts["rating"].tolist()] == [1, 4, 5]
    reasons = [(r["position"], r["reason"]) for c in chunks for r in c.rejects.to_dict("records")]
    assert reasons == [("line 2", "rating '0' is not 1 to 5 stars"), ("line 6", "rating '7' is not 1 to 5 stars")]
    path.write_text("text,rating\nawful,0\nbad,1\ngood,4\nbest,5\n", encoding="utf-8")  # (0 to 5: kept)
    chunks = list(iter_read(path, chunksize))
    assert [r for c in chunks for r in c.posts["rating"].tolist()] == [0, 1, 4, 5]
    assert "read as 0 to 5 stars" in chunks[-1].note


def test_score_beside_a_rating_column_is_not_said_to_be_the_rating(tmp_path):
    # (a review export with both: `Rating` is the rating, and the note said `'score' ... read as rating`)
    path = tmp_path / "reviews.csv"
    path.write_text("reviewId,content,score,rating,at\ngp:1,Sync keeps failing,2,1,2026-11-02 10:00:00\n")
    loaded = read(path)
    (a,) = loaded.posts.to_dict("records")
    assert a["rating"] == 1 and pd.isna(a["likes"]) and loaded.columns["rating"] == "rating"
    assert "'score' is a star rating, not likes: not read" in loaded.note, loaded.note


def test_a_rating_off_the_five_stars_is_rejected_with_its_line(tmp_path):
    # (0, 6 and 1000 were kept as ratings: a score out of 10 or a percentage moved the app's average)
    path = tmp_path / "reviews.csv"
    path.write_text("text,rating\nfine,5\nzero,0\nsix,6\nbig,1000\nlow,1\nok,3\ngood,4\nmeh,2\n", encoding="utf-8")
    loaded = read(path)
    assert [(p["text"], p["rating"]) for p in loaded.posts.to_dict("records")] == [
        ("fine", 5),
        ("low", 1),
        ("ok", 3),
        ("good", 4),
        ("meh", 2),
    ]
    assert [(r["position"], r["reason"], r["record"]) for r in loaded.rejects.to_dict("records")] == [
        ("line 3", "rating '0' is not 1 to 5 stars", "zero,0"),
        ("line 4", "rating '6' is not 1 to 5 stars", "six,6"),
        ("line 5", "rating '1000' is not 1 to 5 stars", "big,1000"),
    ]


def test_a_content_rating_column_is_left_out_with_a_warning_not_every_row_rejected(tmp_path):
    # (a film's or game's `Rating` of PG-13 or E rejected each post of the file as a bad rating)
    path = tmp_path / "trailers.csv"
    path.write_text("text,rating\nNova trailer,PG-13\nNova game,E\nNova show,TV-MA\n", encoding="utf-8")
    loaded = read(path)
    assert loaded.rejects.empty and loaded.posts["text"].tolist() == ["Nova trailer", "Nova game", "Nova show"]
    assert loaded.posts["rating"].isna().all() and "rating" not in loaded.columns
    said = "'rating' holds no star rating (1 to 5) in most of its first values: not read (--map rating=rating reads it)"
    assert loaded.warning == said
    mapped = read(path, mapping={"rating": "rating"})  # (said to be the rating: its cells are bad ratings)
    assert mapped.posts.empty and mapped.rejects["reason"].tolist() == [
        "bad rating 'PG-13'",
        "bad rating 'E'",
        "bad rating 'TV-MA'",
    ]


def test_a_score_out_of_ten_is_no_star_rating(tmp_path):
    """A review site's `Rating` out of 10 had its 6 to 10 rejected (most of its reviews, gone from the analysis) and
    its 1 to 5 read as stars (a 5/10 as five stars): a column most of whose first values are no star rating is left
    out with a warning, its posts kept."""
    path = tmp_path / "reviews.csv"
    rows = [f"review {i},{score}" for i, score in enumerate([8, 9, 10, 7, 3, 9, 6, 10, 5, 8])]
    path.write_text("text,rating\n" + "\n".join(rows) + "\n", encoding="utf-8")
    loaded = read(path)
    assert loaded.rejects.empty and len(loaded.posts) == 10 and loaded.posts["rating"].isna().all()
    assert loaded.warning.startswith("'rating' holds no star rating (1 to 5) in most of its first values: not read")


def test_an_x_csv_export_s_posts_are_twitter_s_by_their_links(tmp_path):
    # (X's analytics exports and tweet scrapers' CSVs name no platform: `platform:twitter` left their posts out)
    activity = tmp_path / "tweet_activity.csv"
    activity.write_text(
        "Tweet id,Tweet permalink,Tweet text,time,impressions,retweets,replies,likes\n"
        "1720000000000000001,https://twitter.com/novaapp/status/1720000000000000001,Nova 2.0 is out,"
        "2023-11-02 10:00 +0000,1200,3,2,20\n",
        encoding="utf-8",
    )
    (a,) = rows(activity)
    assert (a["post_id"], a["platform"], a["likes"], a["reposts"], a["replies"]) == (
        "1720000000000000001",
        "twitter",
        20,
        3,
        2,
    )
    assert a["url"] == "https://twitter.com/novaapp/status/1720000000000000001"
    links = tmp_path / "links.csv"  # (another host, or none: no platform; a `platform` column is read as it says)
    links.write_text(
        "Post id,Post text,Post Link\n1,Nova on X,https://X.com/novaapp/status/1\n2,Nova blog,https://nova.example/a\n"
        "3,Nova thread,https://old.reddit.com/r/nova/comments/3/\n4,no link,\n",
        encoding="utf-8",
    )
    assert [(p["post_id"], p["platform"]) for p in rows(links)] == [
        ("1", "twitter"),
        ("2", None),
        ("3", "reddit"),
        ("4", None),
    ]
    named = tmp_path / "named.csv"
    named.write_text("id,text,url,platform\n1,Nova,https://x.com/a/status/1,mastodon\n", encoding="utf-8")
    assert [p["platform"] for p in rows(named)] == ["mastodon"]
    # (a long file's url column comes in chunks: each chunk's hosts, one dictionary; it was an AttributeError)
    chunked = pa.chunked_array([["https://x.com/a/status/1", None], ["https://www.youtube.com/watch?v=1"]])
    links = pd.Series(pd.arrays.ArrowStringArray(chunked.cast(pa.large_string())), dtype=STRING)
    assert platforms_of_links(links).tolist() == ["twitter", pd.NA, "youtube"]


def test_a_known_csv_export_s_reject_is_its_row_as_written(tmp_path):
    # (the rejects file held the converted record, `tiktok,7300...,yesterday,...`: its views and column order gone,
    # no line to paste back into the export)
    line = "7300000000000000002,Nova bad,yesterday,novafan,1200,lots,3,4,9000,https://www.tiktok.com/@novafan/video/7"
    path = tmp_path / "tiktok.csv"
    path.write_text(
        "id,text,createTimeISO,authorMeta/name,authorMeta/fans,diggCount,shareCount,commentCount,playCount,webVideoUrl\n"
        "7300000000000000001,Nova unboxing,2026-11-01T10:00:00.000Z,novafan,1200,50,3,4,9000,"
        f"https://www.tiktok.com/@novafan/video/1\n{line}\n",
        encoding="utf-8",
    )
    loaded = read(path)
    assert loaded.posts["platform"].tolist() == ["tiktok"]
    (reject,) = loaded.rejects.to_dict("records")
    assert (reject["position"], reject["reason"], reject["record"]) == (
        "line 3",
        "bad created_at 'yesterday'; bad likes 'lots'",
        line,
    )


def test_a_link_s_subdomain_names_the_platform_and_an_empty_platform_cell_takes_it(tmp_path):
    # (only `www.`, `m.`, `mobile.`, `old.` were dropped: TikTok's share links, `np.reddit.com`, `web.facebook.com`
    # had no platform; and a platform column's empty cell stayed empty beside an x.com link)
    links = tmp_path / "links.csv"
    links.write_text(
        "id,text,url\n1,Nova a,https://vm.tiktok.com/ZMabc/\n2,Nova b,https://np.reddit.com/r/nova/comments/2/\n"
        "3,Nova c,https://web.facebook.com/nova/posts/3\n4,Nova d,https://twitter.com.evil.example/a\n"
        "5,Nova e,HTTPS://Mobile.X.com/nova/status/5\n6,Nova f,x.com/nova/status/6\n",
        encoding="utf-8",
    )
    # (a link without its scheme, `x.com/...`, gave none before stop 44: `test_links_without_a_scheme_...`)
    assert [p["platform"] for p in rows(links)] == ["tiktok", "reddit", "facebook", None, "twitter", "twitter"]
    partial = tmp_path / "partial.csv"
    partial.write_text(
        "id,text,url,platform\n1,Nova a,https://x.com/a/status/1,\n2,Nova b,https://x.com/a/status/2,mastodon\n"
        "3,Nova c,https://nova.example/c,\n",
        encoding="utf-8",
    )
    assert [p["platform"] for p in rows(partial)] == ["twitter", "mastodon", None]


def test_an_x_analytics_export_s_impressions_are_not_its_author_s_followers(tmp_path):
    """X's analytics exports (`tweet_activity_metrics`, and since 2024 `account_analytics_content`) count each post's
    views in `Impressions`, which was read as the author's followers (a tweet seen 5,400 times: an author of 5,400
    followers, weighing the report's reach). Not read now, and the note says why; `--map` still reads it."""
    old = tmp_path / "tweet_activity_metrics_novaapp.csv"
    old.write_text(
        "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,retweets,replies,likes\n"
        "1720000000000000001,https://twitter.com/novaapp/status/1720000000000000001,Nova 2.0 is out,"
        "2023-11-02 10:00 +0000,1200,40,0.033,3,2,20\n",
        encoding="utf-8",
    )
    new = tmp_path / "account_analytics_content.csv"
    new.write_text(
        "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts\n"
        '1850000000000000001,"Sat, Nov 02, 2024",Nova 3 ships today,https://x.com/novaapp/status/1850000000000000001,'
        "5400,31,77,2,1,0,4,6\n",
        encoding="utf-8",
    )
    for path, column, likes in ((old, "impressions", 20), (new, "Impressions", 31)):
        loaded = read(path)
        (a,) = rows(path)
        assert pd.isna(a["author_followers"]) and a["likes"] == likes and a["platform"] == "twitter"
        assert "author_followers" not in loaded.columns
        assert f"{column!r} counts the views of each post, not followers: not read" in loaded.note, loaded.note
    mapped = read(new, mapping={"author_followers": "Impressions"})
    assert mapped.posts["author_followers"].tolist() == [5400]
    tool = (
        tmp_path / "listening.csv"
    )  # (a listening tool's `Impressions` beside no post metric: its audience, as before)
    tool.write_text("Mention Id,Full Text,Impressions\n1,Nova is great,900\n", encoding="utf-8")
    assert [p["author_followers"] for p in rows(tool)] == [900]


def test_a_tiktok_export_s_video_id_is_the_post_s_id_and_gives_its_link(tmp_path):
    """A TikTok tool's export (`Video ID`, `Author`, `Views`) had neither id nor link: its posts were keyed by their
    text, and `site:tiktok.com` found none. `Video ID` is the post's id now, and with its author's handle the link
    TikTok gives it; a display name or no author gives none. Views are in no field of the post schema: not read. A
    comments export's `Comment ID` is its comments' id, not the video's (which would make them all one post)."""
    path = tmp_path / "tiktok_videos.csv"
    path.write_text(
        "Video ID,Platform,Author,Description,Create Time,Views,Likes,Video Link\n"
        "7300000000000000001,TikTok,@novaapp,Nova unboxing,2026-11-02 10:00:00,15000,900,\n"
        "7300000000000000002,TikTok,,Nova tips,2026-11-03 10:00:00,300,20,\n"
        "7300000000000000003,TikTok,Nova App,Nova again,2026-11-03 11:00:00,300,20,\n"
        "7300000000000000004,TikTok,novaapp,Nova linked,2026-11-03 12:00:00,300,20,https://vm.tiktok.com/ZMabc/\n",
        encoding="utf-8",
    )
    got = [(p["post_id"], p["platform"], p["url"], p["likes"]) for p in rows(path)]
    assert got == [
        ("7300000000000000001", "tiktok", "https://www.tiktok.com/@novaapp/video/7300000000000000001", 900),
        ("7300000000000000002", "tiktok", None, 20),
        ("7300000000000000003", "tiktok", None, 20),
        ("7300000000000000004", "tiktok", "https://vm.tiktok.com/ZMabc/", 20),
    ]
    assert "Views" not in read(path).columns.values()
    comments = tmp_path / "comments.csv"
    comments.write_text("Video ID,Comment ID,Text,Author\nvid1,Ugz1,Nova is great,ann\nvid1,Ugz2,Nova is bad,bob\n")
    assert [(p["post_id"], p["url"]) for p in rows(comments)] == [("Ugz1", None), ("Ugz2", None)]


def test_links_without_a_scheme_and_short_links_give_their_platform(tmp_path):
    """A link written without its scheme (`instagram.com/p/...`, as spreadsheets and tools shorten them) and a
    platform's own short link (`t.co`, `redd.it`, `fb.me`, `lnkd.in`) gave no platform: `platform:instagram` and the
    report's platforms left their posts out. A text that is no link, or another host, still gives none."""
    path = tmp_path / "mentions.csv"
    path.write_text(
        "id,text,url\n1,Nova pic,instagram.com/p/Cabc123/\n2,Nova tweet,https://t.co/AbC123\n"
        "3,Nova thread,redd.it/1xyz99\n4,Nova page,fb.me/novaapp\n5,Nova job,https://lnkd.in/eAbc\n"
        "6,Nova clip,//youtu.be/dQw4w9WgXcQ\n7,Nova blog,nova.example/post\n8,Nova words,see nova.example soon\n"
        "9,Nova post,https://www.linkedin.com/feed/x\n",
        encoding="utf-8",
    )
    assert [(p["post_id"], p["platform"]) for p in rows(path)] == [
        ("1", "instagram"),
        ("2", "twitter"),
        ("3", "reddit"),
        ("4", "facebook"),
        ("5", "linkedin"),
        ("6", "youtube"),
        ("7", None),
        ("8", None),
        ("9", "linkedin"),
    ]


def test_app_store_links_give_their_store(tmp_path):
    """A review tool's or scraper's export whose only sign of the store is the review's link (the app's page on
    `play.google.com` or `apps.apple.com`, Apple's older `itunes.apple.com`) gave no platform: the Monday report's
    platforms and `platform:google_play` left the reviews out. Google's other sites still give none."""
    path = tmp_path / "reviews.csv"
    path.write_text(
        "id,text,rating,url\n1,Crashes on launch,1,https://play.google.com/store/apps/details?id=com.pennyline.app\n"
        "2,OTP never arrives,1,https://apps.apple.com/gb/app/pennyline-mobile-banking/id1234567890\n"
        "3,Love it,5,https://itunes.apple.com/gb/review?id=1234567890\n4,Pennyline,,https://www.google.com/search?q=p\n"
        "5,Pennyline,,https://apple.com/newsroom\n",
        encoding="utf-8",
    )
    assert [(p["post_id"], p["platform"]) for p in rows(path)] == [
        ("1", "google_play"),
        ("2", "app_store"),
        ("3", "app_store"),
        ("4", None),
        ("5", None),
    ]


def test_goodreads_export_reads_its_review_and_its_zero_as_not_rated(tmp_path):
    """Goodreads' library export: its `Title` was the text, `My Rating` not read, and as a rating column its 0
    ("not rated") was 0 stars. The review is the text, 0 no rating, 4 four stars, the date read (else added) the
    time."""
    path = tmp_path / "goodreads_library_export.csv"
    path.write_text(
        "Book Id,Title,Author,My Rating,Average Rating,Date Read,Date Added,My Review\n"
        "11,Dune,Frank Herbert,0,4.27,,2024/01/02,Read it on a Nova flight\n"
        "12,Emma,Jane Austen,4,4.01,2024/01/05,2024/01/02,Great<br/>Loved it &amp; Nova\n",
        encoding="utf-8",
    )
    loaded = read(path)
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    got = [(p["post_id"], p["platform"], p["text"], p["rating"], p["created_at"]) for p in rows(path)]
    assert got == [
        ("11", "goodreads", "Read it on a Nova flight", None, ts("2024-01-02")),
        ("12", "goodreads", "Great\nLoved it & Nova", 4, ts("2024-01-05")),  # (its review's HTML: `<br/>`, `&amp;`)
    ]
    assert loaded.posts["url"].tolist() == [
        "https://www.goodreads.com/book/show/11",
        "https://www.goodreads.com/book/show/12",
    ]


def test_a_host_then_a_colon_is_a_link_only_before_a_port(tmp_path):
    """A url cell `x.com: great` (a note typed into the link column) gave twitter, as `x.com/...` does: a colon
    after the host was taken for a port's. It is one only before digits (`x.com:443/...`)."""
    path = tmp_path / "mentions.csv"
    path.write_text(
        "id,text,url\n1,Nova,x.com: great\n2,Nova,https://x.com:443/nova/status/1\n3,Nova,x.com:\n"
        "4,Nova,reddit.com:8080\n5,Nova,youtube.com?v=1\n",
        encoding="utf-8",
    )
    assert [p["platform"] for p in rows(path)] == [None, "twitter", None, "reddit", "youtube"]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_short_links_of_any_site_say_they_name_no_platform(tmp_path, chunksize):
    """A scheduling tool's export whose links are `bit.ly` and `buff.ly` ones gave its posts no platform without a
    word (`platform:twitter` and the report's platforms left them out). No platform can be known from them offline:
    the note says so, once, naming the hosts; a platform column still gives theirs."""
    from brandpulse.sources import iter_read

    path = tmp_path / "buffer.csv"
    path.write_text("id,text,url\n1,Nova,https://bit.ly/3abc\n2,Nova,buff.ly/xyz\n3,Nova,https://x.com/n/status/3\n")
    loaded = read(path) if chunksize is None else list(iter_read(path, chunksize))[-1]
    assert "'url' holds short links (bit.ly, buff.ly), which name no platform" in loaded.note, loaded.note
    path.write_text("id,text,url\n1,Nova,https://t.co/3abc\n2,Nova,https://lnkd.in/x\n")
    assert "short links" not in read(path).note
    path.write_text("id,text,url,platform\n1,Nova,https://bit.ly/3abc,twitter\n")
    assert [p["platform"] for p in rows(path)] == ["twitter"] and "short links" not in read(path).note


def test_removed_and_deleted_posts_are_rejected_as_such_not_read_as_their_title(tmp_path):
    """A Reddit post a moderator removed keeps its title, score and comments, its selftext `[removed]`: the title
    alone was read as the post, so `queue` put a removed post of score 900 first. It is rejected as removed, counted
    and said, in a listing as in a table of its fields (a link post with no selftext by `removed_by_category`); and a
    `[deleted]` text in any other file (an X export, a listening tool's CSV) was a neutral post of no brand."""
    base = {"subreddit": "travel", "created_utc": 1764936000, "score": 900, "num_comments": 300}
    posts = [
        {**base, "name": "t3_a1", "title": "Skyway lost my bag", "selftext": "[removed]"},
        {**base, "name": "t3_a2", "title": "Skyway link", "selftext": "", "removed_by_category": "moderator"},
        {**base, "name": "t3_a3", "title": "Skyway is the worst", "selftext": "", "removed_by_category": "deleted"},
        {**base, "name": "t3_a4", "title": "Skyway refund?", "selftext": "Still waiting", "removed_by_category": None},
        {**base, "name": "t1_c1", "body": "[deleted]", "parent_id": "t3_a4"},
    ]
    listing = {"kind": "Listing", "data": {"children": [{"kind": p["name"][:2], "data": p} for p in posts]}}
    (tmp_path / "r.json").write_text(json.dumps(listing), "utf-8")
    pd.DataFrame(posts).to_csv(tmp_path / "r.csv", index=False)
    items, lines = (f"item {i}" for i in (1, 2, 3, 5)), (f"line {i}" for i in (2, 3, 4, 6))
    for name, where in (("r.json", list(items)), ("r.csv", list(lines))):
        loaded = read(tmp_path / name)
        assert loaded.posts["post_id"].tolist() == ["t3_a4"], name
        assert loaded.rejects[["position", "reason"]].values.tolist() == [
            [where[0], "text [removed]: deleted or removed"],
            [where[1], "text [removed]: deleted or removed"],
            [where[2], "text [deleted]: deleted or removed"],
            [where[3], "text [deleted]: deleted or removed"],
        ], name
    (tmp_path / "x.csv").write_text(
        "id,created_at,text\n1,2025-12-05,[deleted]\n2,2025-12-05, [removed] \n3,2025-12-05,ok\n"
    )
    loaded = read(tmp_path / "x.csv")
    assert loaded.posts["text"].tolist() == ["ok"]
    assert loaded.rejects["reason"].tolist() == [
        "text [deleted]: deleted or removed",
        "text [removed]: deleted or removed",
    ]


def test_review_exports_keep_the_brands_reply_and_when():
    """The developer's or owner's reply beside a review was read by no reader (Play Console's `Developer Reply Text`
    and `Developer Reply Date and Time`, google-play-scraper's `replyContent`/`repliedAt`, app-store-scraper's
    `developerResponse`, Business Profile's `reviewReply`): the queue listed answered reviews to answer again. Kept as
    `reply` and `replied_at` (UTC); a review without one has neither."""
    cases = {
        "google_play_reviews.csv": ("Sorry about that! Please update to 4.1.3, which fixes it.", "2026-11-03 09:00"),
        "google_play_scraper.json": ("Sorry! Please write to support@acme.example so we can help.", "2026-11-03 09:00"),
        "app_store_scraper.json": ("Thanks, a fix is on its way.", "2026-11-03 10:00"),
    }
    for name, (said, when) in cases.items():
        a, b = read(FIX / name).posts.to_dict("records")  # (the Console's third row, stars alone, rejected)
        assert (a["reply"], a["replied_at"]) == (said, ts(when)), name
        assert pd.isna(b["reply"]) and pd.isna(b["replied_at"]), name
    # (the owner thanked Tom, not Helen)
    helen, tom = read(FIX / "google_business_reviews.json").posts.to_dict("records")
    assert (tom["reply"], tom["replied_at"]) == ("Thanks Tom!", ts("2026-11-27 12:00"))
    assert pd.isna(helen["reply"]) and tom["text"] == "Friendly staff"  # (the reply is not the review's text)


def test_a_reply_column_of_no_time_or_of_a_review_site_is_kept_and_a_post_file_gains_none(tmp_path):
    # App Store Connect's CSV gives the response without a time; a review site's export its company reply's date
    connect = tmp_path / "connect.csv"
    connect.write_text(
        "Date,Rating,Title,Review,Nickname,Developer Response\n"
        "2026-11-02,1,Bad,Crashes on launch,kim,We are sorry: fixed in 2.1\n2026-11-03,2,Meh,Slow,lee,\n",
        encoding="utf-8",
    )
    a, b = rows(connect)
    assert a["reply"] == "We are sorry: fixed in 2.1" and pd.isna(a["replied_at"]) and pd.isna(b["reply"])
    site = tmp_path / "site.csv"
    site.write_text(
        "Review Created (UTC),Review Title,Review Content,Review Stars,Company Reply Date (UTC)\n"
        "2026-11-02 10:00:00,Late,Parcel late,1,2026-11-04 08:15:00\n",
        encoding="utf-8",
    )
    # (its review columns are no aliases of the readers: named with --map, as a user of it names them)
    (only,) = rows(site, mapping={"text": "Review Content", "created_at": "Review Created (UTC)"})
    assert only["replied_at"] == ts("2026-11-04 08:15") and pd.isna(only["reply"])
    assert "reply" not in read(FIX / "x_v2_page.json").posts.columns  # (a file of posts: no reply columns)


def test_a_post_files_reply_column_is_no_brands_reply(tmp_path):
    """A tweet file's `reply` (is the post a reply? True or False) was read as the brand's reply to each post: `queue`
    left all three complaints out as "3 reviews already answered". Replies are read of a file of reviews (rated)."""
    tweets = tmp_path / "tweets.csv"
    tweets.write_text(
        "id,created_at,author,text,reply,replies,reply_to\n"
        "1,2026-12-01T10:00:00Z,alice,@Acme cancelled and nobody answers,False,3,\n"
        "2,2026-12-01T11:00:00Z,bob,@Acme lost my bag,True,0,99\n",
        encoding="utf-8",
    )
    assert "reply" not in read(tweets).posts.columns
    rated = tmp_path / "reviews.csv"
    rated.write_text("id,created_at,text,rating,reply\n1,2026-12-01,Crashes,1,Sorry: fixed in 2.1\n", encoding="utf-8")
    assert read(rated).posts["reply"].tolist() == ["Sorry: fixed in 2.1"]
    # a scraper's `replyText` (stop 50: read as no reply, so the queue listed the answered review)
    scraped = tmp_path / "scraped.csv"
    scraped.write_text("id,at,text,score,replyText\n1,2026-12-01,Crashes,1,Sorry: fixed\n2,2026-12-01,Slow,2,\n")
    assert read(scraped).posts["reply"].tolist()[0] == "Sorry: fixed" and pd.isna(read(scraped).posts["reply"][1])


def test_analyzes_guarded_reply_is_read_back_as_the_reply(runner, tmp_path):
    """`analyze` writes a reply a spreadsheet would run (`=`, `+`, `-`, `@`) with the CSV's guard, `'=Sorry`; reading
    its rows back (`analyze rows.csv`, `report rows.csv`, `ingest rows.csv`) kept the `'` of the reply alone (the
    text's and app version's guards were undone): each run added one more. Undone alike."""
    from brandpulse.cli import main

    said = ["=Sorry! try reinstalling", "+1 thanks", "-fixed in 2.1", "@kim fixed"]
    reviews = tmp_path / "reviews.csv"
    lines = [f"{i},2026-12-0{i},Crashes on launch,1,{reply},5.10.0" for i, reply in enumerate(said, 1)]
    reviews.write_text("\n".join(["id,created_at,text,rating,reply,app_version", *lines, ""]), encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = runner.invoke(main, ["analyze", str(reviews), "--brand", "Acme", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    written = pd.read_csv(out, dtype=str)["reply"].tolist()
    assert written == ["'" + r for r in said]  # (guarded as written: what the reading back must undo)
    posts = read(out).posts
    assert posts["reply"].tolist() == said and posts["app_version"].tolist() == ["5.10.0"] * 4


def test_a_reply_that_begins_with_a_quote_keeps_it_through_a_play_export_and_our_csv(runner, tmp_path):
    """A Play Console reply that really began `'=) sorry` lost its `'` on the first read: the guards of brandpulse's
    own CSV were undone in a known export too, which no brandpulse wrote. Kept there; our CSV of it reads back as it."""
    from brandpulse.cli import main

    src = (FIX / "google_play_reviews.csv").read_bytes().decode("utf-16")
    play = tmp_path / "reviews_com.acme.app_202611.csv"
    reply = '"Sorry about that! Please update to 4.1.3, which fixes it."'
    assert reply in src
    play.write_text(src.replace(reply, "'=) sorry: fixed in 4.1.3"), encoding="utf-16")
    posts = read(play).posts
    assert posts["reply"].tolist()[0] == "'=) sorry: fixed in 4.1.3"
    out = tmp_path / "rows.csv"
    result = runner.invoke(main, ["analyze", str(play), "--brand", "Acme", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(out, dtype=str)["reply"].tolist()[0] == "''=) sorry: fixed in 4.1.3"  # (its guard added)
    assert read(out).posts["reply"].tolist()[0] == "'=) sorry: fixed in 4.1.3"


#: Trustpilot's business export ("Download reviews"), its columns as it writes them
TRUSTPILOT = (
    "Review Id,Review Created (UTC),Review Consumer User Id,Review Username,Review Title,Review Content,Review Stars,"
    "Source Of Review,Reference Id,Company Response,Company Reply Date (UTC),Review Language,Domain Url,Webshop Name,"
    "Business Unit Id,Tags\n"
    "674a1b2c3d4e5f6a7b8c9d0e,2026-11-02 10:00:00,5f1a,Dana K,Driver never came,"
    '"Waited 25 minutes, then the driver cancelled.",1,AFSv2,,Sorry Dana: the fee is refunded.,2026-11-03 09:30:00,'
    "en,www.zoomride.example,Zoomride,4bd1,\n"
    "674a1b2c3d4e5f6a7b8c9d0f,2026-11-04 18:20:00,5f1b,Sam P,Great ride,Clean car and a friendly driver.,5,Organic,,"
    ",,en,www.zoomride.example,Zoomride,4bd1,\n"
)


def test_trustpilot_business_export_is_read_without_map_with_its_site_and_links(tmp_path):
    """Trustpilot's own export stopped with "no text column" (its `Review Content` was no alias: `--map text=`), its
    `Review Stars` were no rating, its `Company Response` no reply, and its reviews had no platform nor link."""
    path = tmp_path / "trustpilot.csv"
    path.write_text(TRUSTPILOT, encoding="utf-8")
    a, b = rows(path)
    assert (a["post_id"], a["platform"], a["author"], a["lang"]) == (
        "674a1b2c3d4e5f6a7b8c9d0e",
        "trustpilot",
        "Dana K",
        "en",
    )
    assert a["url"] == "https://www.trustpilot.com/reviews/674a1b2c3d4e5f6a7b8c9d0e"
    assert a["text"] == "Driver never came\n\nWaited 25 minutes, then the driver cancelled."
    assert (a["rating"], a["created_at"]) == (1, ts("2026-11-02 10:00"))
    assert (a["reply"], a["replied_at"]) == ("Sorry Dana: the fee is refunded.", ts("2026-11-03 09:30"))
    assert (b["rating"], b["platform"]) == (5, "trustpilot") and pd.isna(b["reply"]) and pd.isna(b["replied_at"])
    # (a review tool's file of its reviews with a `source` column: its own platforms, not Trustpilot's)
    tool = tmp_path / "tool.csv"
    tool.write_text("source,Review Content,Review Stars\nGoogle Play,App crashes,1\n", encoding="utf-8")
    (only,) = rows(tool)
    assert (only["platform"], only["rating"], only["text"]) == ("google_play", 1, "App crashes")


def test_a_trustpilot_review_of_no_id_has_no_link(tmp_path):
    """A Trustpilot export's row of an empty `Review Id` was linked to `https://www.trustpilot.com/reviews/`, a page
    of no review, which the queue and the report's post tables then showed as its link (stop 48's review)."""
    path = tmp_path / "trustpilot.csv"
    path.write_text(
        "Review Id,Review Created (UTC),Review Username,Review Content,Review Stars\n"
        ",2026-11-02 10:00:00,Dana K,Driver never came,1\nabc1,2026-11-02 11:00:00,Ola,Fine,4\n",
        encoding="utf-8",
    )
    a, b = rows(path)
    assert pd.isna(a["url"]) and a["platform"] == "trustpilot"
    assert b["url"] == "https://www.trustpilot.com/reviews/abc1"


def test_an_app_store_review_csv_names_its_store():
    """An App Store review CSV (`Date,Rating,Title,Review,Nickname,Version,Territory`) links no review and names no
    store: its reviews had no platform, so `platform:app_store` and the report's platforms left them out."""
    a, b = rows(FIX / "appstore_reviews.csv")
    assert (a["platform"], b["platform"]) == ("app_store", "app_store")
    assert (a["author"], a["rating"]) == ("kettlefan", 1)


def test_an_app_store_review_csv_without_its_territory_names_its_store(tmp_path):
    """An App Store Connect CSV without `Territory` (`Date,Rating,Title,Review,Nickname,Version`) was read with no
    platform; its nickname, title and rating are Apple's. A review site's CSV that links its reviews is not it."""
    lines = (FIX / "appstore_reviews.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "reviews.csv"
    path.write_text("".join(line.rsplit(",", 1)[0] + "\n" for line in lines), encoding="utf-8")
    assert path.read_text(encoding="utf-8").startswith("Date,Rating,Title,Review,Nickname,Version\n")
    a, b = rows(path)
    assert (a["platform"], b["platform"], a["author"], a["rating"]) == ("app_store", "app_store", "kettlefan", 1)
    linked = tmp_path / "site.csv"
    linked.write_text(
        "Date,Rating,Title,Review,Nickname,URL\n2026-11-02,1,Late,Driver never came,kim,https://reviews.example/1\n",
        encoding="utf-8",
    )
    assert [r["platform"] for r in rows(linked)] == [None]


def test_a_survey_export_with_a_nickname_a_title_and_a_rating_is_no_app_store_csv(tmp_path):
    """A survey's export (a respondent's `Nickname`, `Title` and `Rating`, no link) was given platform "app_store":
    without `Territory` an App Store CSV is its other columns too (`Date,Rating,Title,Review,Nickname,Version`)."""
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Respondent ID,Nickname,Title,Rating,Feedback,Submitted\n17,kim,Ms,4,The checkout is slow,2026-11-02\n",
        encoding="utf-8",
    )
    (answer,) = rows(survey)
    assert answer["platform"] is None and (answer["author"], answer["rating"]) == ("kim", 4)
    # (with a Date and a Review, but no Version: no App Store export either)
    dated = tmp_path / "dated.csv"
    dated.write_text("Date,Rating,Title,Review,Nickname\n2026-11-02,4,Ms,The checkout is slow,kim\n", "utf-8")
    assert [r["platform"] for r in rows(dated)] == [None]
    # App Store's own columns, in another order and with its developer's response, still are
    store = tmp_path / "store.csv"
    store.write_text(
        "Nickname,Title,Review,Rating,Version,Date,Developer Response\nkim,Slow,Checkout is slow,2,4.2.1,2026-11-02,\n",
        encoding="utf-8",
    )
    assert [(r["platform"], r["app_version"]) for r in rows(store)] == [("app_store", "4.2.1")]


def test_app_versions_are_kept_of_review_exports_alone():
    """Which release broke log-in could not be read: Play Console's `App Version Name`, an App Store CSV's `Version`,
    google-play-scraper's `appVersion` were dropped. Kept as `app_version`, as text; a review without one has none."""
    cases = {
        "google_play_reviews.csv": ["4.1.2", "4.1.3"],
        "google_play_scraper.json": ["4.1.2", None],
        "appstore_reviews.csv": ["4.2.1", "4.2.1"],
        "app_store_scraper_node.json": ["4.2.1", "4.2.1"],
    }
    for name, versions in cases.items():
        got = read(FIX / name).posts["app_version"]
        assert got.dtype == STRING, name
        assert [None if pd.isna(v) else v for v in got] == versions, name


def test_a_post_files_version_column_is_no_app_version(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("id,created_at,text,version\n1,2026-11-02,Zoomride is late again,2\n", encoding="utf-8")
    assert "app_version" not in read(posts).posts.columns
    rated = tmp_path / "rated.csv"
    rated.write_text("id,created_at,text,Review Stars,Version\n1,2026-11-02,Crashes,1, 5.10.0 \n", encoding="utf-8")
    assert read(rated).posts[["rating", "app_version"]].values.tolist() == [[1, "5.10.0"]]


#: google-play-scraper reviews whose versions are numbers, as a hand-made export writes them: `6.0`, `5.10`, `1e3`
SCRAPED_NUMBERS = [
    '{"reviewId": "00123", "content": "Crashes", "score": 1, "at": "2026-11-02T10:00:00Z", "appVersion": 5.10}',
    '{"reviewId": "00124", "content": "Works again", "score": 5.0, "at": "2026-11-03T10:00:00Z", "appVersion": 6.0}',
    '{"reviewId": "00125", "content": "Slow", "score": 3, "at": "2026-11-04T10:00:00Z", "appVersion": 1e3}',
]


@pytest.mark.parametrize("name", ["numbers.json", "numbers.jsonl", "numbers.csv"])
def test_a_version_given_as_a_number_is_read_as_the_files_text(tmp_path, name):
    """JSON's numbers were read as floats: a version `5.10` as 5.1, `6.0` as 6 (`1e3` as 1000); they are read as the
    file has them, as a CSV's cells always were (post ids with leading zeros too)."""
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("\n".join(SCRAPED_NUMBERS) + "\n", encoding="utf-8")
    elif name.endswith(".json"):
        path.write_text("[" + ",\n".join(SCRAPED_NUMBERS) + "]", encoding="utf-8")
    else:
        path.write_text(
            "reviewId,content,score,at,appVersion\n00123,Crashes,1,2026-11-02T10:00:00Z,5.10\n"
            "00124,Works again,5.0,2026-11-03T10:00:00Z,6.0\n00125,Slow,3,2026-11-04T10:00:00Z,1e3\n",
            encoding="utf-8",
        )
    got = rows(path)
    assert [(r["post_id"], r["app_version"], r["rating"]) for r in got] == [
        ("00123", "5.10", 1.0),
        ("00124", "6.0", 5.0),
        ("00125", "1e3", 3.0),
    ]


def test_a_json_rejected_record_keeps_its_numbers_as_numbers(tmp_path):
    """A JSON number is read as its text, and a rejected record is still written with the number, not a string."""
    path = tmp_path / "r.json"
    path.write_text('[{"id": 1, "text": "", "likes": 12.50, "rating": 4.0}]', encoding="utf-8")
    (record,) = read(path).rejects["record"]
    assert json.loads(record) == {"id": 1, "text": "", "likes": 12.5, "rating": 4.0}
    assert '"likes": 12.50' in record  # (as the file has it)


def test_a_rejected_json_record_is_written_with_the_files_numbers(tmp_path):
    """A rejected record of a JSON array was written back with json.dumps of its floats: a version `5.10` as 5.1, a
    count `1e400` as `Infinity` (no JSON: a rejects file no JSON reader reads); it keeps the numbers' text."""
    from click.testing import CliRunner

    from brandpulse.cli import main

    path = tmp_path / "posts.json"
    path.write_text(
        '[{"id": "a", "text": "Acme works", "created_at": "2026-11-02T10:00:00Z"},\n'
        ' {"id": "b", "text": "", "app_version": 5.10, "likes": 1e400, "more": [1.50, {"at": 2.0}], "rating": 4}]',
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(main, ["analyze", str(path), "--brand", "Acme", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    (record,) = pd.read_csv(rejects, dtype=str)["record"]

    def no_constant(name):
        raise AssertionError(f"{name} is no JSON")

    texts = json.loads(record, parse_float=str, parse_int=str, parse_constant=no_constant)
    assert texts == {
        "id": "b",
        "text": "",
        "app_version": "5.10",
        "likes": "1e400",
        "more": ["1.50", {"at": "2.0"}],
        "rating": "4",
    }
    assert json.loads(record)["app_version"] == 5.1  # (a number still, not a string)


def test_a_kept_nested_json_cell_keeps_the_files_numbers(tmp_path):
    """A list of objects, or an object deeper than the three levels read as columns, is kept as JSON text in its cell
    (`--keep`): json.dumps wrote its `1.50` as 1.5 and `1e3` as 1000.0; it has the file's numbers now."""
    path = tmp_path / "nested.jsonl"
    path.write_text(
        '{"id": "a", "text": "Acme", "items": [{"price": 1.50, "qty": 2}, {"price": 1e3, "tag": null}],'
        ' "meta": {"b": {"c": {"d": {"x": 4.50, "e": [0.10]}}}}, "flags": [true, false, 1.50]}\n',
        encoding="utf-8",
    )
    (post,) = read(path, keep=["items", "meta.b.c.d", "flags"]).posts.to_dict("records")
    assert post["flags"] == "true;false;1.50"  # (a list of scalars as `a;b`: JSON's `true` was Python's `True`)
    assert post["items"] == '[{"price": 1.50, "qty": 2}, {"price": 1e3, "tag": null}]'
    assert post["meta.b.c.d"] == '{"x": 4.50, "e": [0.10]}'


def test_a_rejected_json_record_nested_hundreds_of_levels_is_written(tmp_path):
    """A JSON array's rejected record nested 900 levels deep (which the parser reads) stopped the run with
    "RecursionError: maximum recursion depth exceeded" while its record was written for the rejects file."""
    deep = "1.50"
    for _ in range(900):
        deep = '{"a": ' + deep + "}"
    path = tmp_path / "deep.json"
    path.write_text(f'[{{"id": "1", "text": "", "deep": {deep}}}, {{"id": "2", "text": "Acme"}}]', encoding="utf-8")
    got = read(path)
    assert got.posts["post_id"].tolist() == ["2"]
    (record,) = got.rejects["record"]
    assert record == f'{{"id": "1", "text": "", "deep": {deep}}}'  # (as the file has it, `1.50` too)


def test_a_json_count_rating_and_time_are_read_as_the_numbers_they_are(tmp_path):
    """JSON's numbers were read as a CSV's cells: a count `5.000` (as a database's numeric writes it) as 5,000, a
    rating `4e0` was a bad one and an epoch `1.7645e9` no time; a number is one whatever its spelling."""
    path = tmp_path / "n.jsonl"
    path.write_text(
        '{"id": "a", "text": "Acme", "likes": 5.000, "rating": 4e0, "created_at": 1.7645e9}\n'
        '{"id": "b", "text": "Acme", "likes": 1.200E3, "rating": 4.50, "created_at": 1764500000.000}\n',
        encoding="utf-8",
    )
    got = read(path)
    assert got.rejects.empty
    posts = got.posts
    assert posts["likes"].tolist() == [5, 1200]
    assert posts["rating"].tolist() == [4.0, 4.5]
    assert posts["created_at"].tolist() == [pd.Timestamp("2025-11-30 10:53:20", tz="UTC")] * 2


@pytest.mark.parametrize("name", ["c.jsonl", "c.json"])
def test_a_json_count_with_a_fraction_is_no_count_and_its_text_groups_thousands(tmp_path, name):
    """A JSON number `1.234` of likes was read as 1,234, its text taken as a CSV's cell with a thousands separator;
    a number with a fraction is no count, and rejects its post with its line, as a CSV's `12.5` does. The string
    `"1.234"` is a European export's text, read as a CSV's: 1,234."""
    likes = ['"1.234"', "1.234", "1.5e3", '"1,234"', "12.0", "0.5"]
    records = [f'{{"id": "{i}", "text": "Acme {i}", "likes": {n}}}' for i, n in enumerate(likes, 1)]
    path = tmp_path / name
    jsonl = name.endswith("jsonl")
    path.write_text("\n".join(records) + "\n" if jsonl else "[" + ",\n".join(records) + "]", encoding="utf-8")
    got = read(path)
    assert got.posts[["post_id", "likes"]].values.tolist() == [["1", 1234], ["3", 1500], ["4", 1234], ["5", 12]]
    rejected = got.rejects[["position", "reason"]].values.tolist()
    where = ["line 2", "line 6"] if jsonl else ["item 2", "item 6"]
    assert rejected == [[where[0], "bad likes '1.234'"], [where[1], "bad likes '0.5'"]]
    assert json.loads(got.rejects["record"].iloc[0])["likes"] == 1.234  # (the record as the file has it)


def test_a_parquet_float_version_is_read_as_the_float_it_is(tmp_path):
    """A Parquet column of floats holds numbers, not their text: 5.10 was written as 5.1, and 6.0 is read as 6, as
    `pd.read_csv`'s would be; a column of text keeps `5.10` and `6.0`."""
    path = tmp_path / "v.parquet"
    base = {"reviewId": ["a", "b"], "content": ["Crashes", "Works"], "score": [1, 5], "at": ["2026-11-02"] * 2}
    pd.DataFrame({**base, "appVersion": [5.10, 6.0]}).to_parquet(path)
    assert [r["app_version"] for r in rows(path)] == ["5.1", "6"]
    pd.DataFrame({**base, "appVersion": ["5.10", "6.0"]}).to_parquet(path)
    assert [r["app_version"] for r in rows(path)] == ["5.10", "6.0"]


def test_an_unreadable_reply_time_rejects_its_review_with_its_line(tmp_path):
    """A `replied_at` that reads as no time was left empty without a word (a reply of no time is one "answered"
    whenever: the queue's window could not tell); it is rejected as a bad `created_at` is, with its line."""
    path = tmp_path / "reviews.csv"
    path.write_text(
        "id,created_at,text,rating,reply,replied_at\n"
        "1,2026-11-02,Driver cancelled twice,1,Sorry about that,yesterday-ish\n"
        "2,2026-11-03,Great driver,5,Thanks!,2026-11-04T08:00:00Z\n",
        encoding="utf-8",
    )
    loaded = read(path)
    assert loaded.posts["post_id"].tolist() == ["2"] and loaded.posts["replied_at"].tolist() == [ts("2026-11-04 08:00")]
    assert loaded.rejects[["position", "reason"]].values.tolist() == [["line 2", "bad replied_at 'yesterday-ish'"]]


def test_steam_appreviews_page(tmp_path):
    # (Steam's `appreviews` JSON: read by the column aliases it had no time, id, author or platform, in no report)
    loaded = read(FIX / "steam_reviews.json")
    a, b = loaded.posts.to_dict("records")
    assert (a["post_id"], a["platform"], a["author"]) == ("170554321", "steam", "76561198012345678")
    assert a["created_at"] == ts("2026-12-01 21:00:00")  # (timestamp_created 1796158800, not the update's)
    assert a["text"].startswith("rip my 200h save") and a["lang"] == "en"
    assert (a["likes"], a["replies"]) == (41, 2) and pd.isna(a["rating"])  # (a thumb is no star rating)
    assert b["lang"] == "zh-hans"  # (Steam's `schinese`)
    (reject,) = loaded.rejects.to_dict("records")
    assert reject["position"] == "item 3"
    # the reviews saved alone (`jq '.reviews'`) are read the same
    doc = json.loads((FIX / "steam_reviews.json").read_text())
    (tmp_path / "alone.json").write_text(json.dumps(doc["reviews"][:2]))
    assert [r["post_id"] for r in rows(tmp_path / "alone.json")] == ["170554321", "170554400"]


def test_a_saved_steam_page_takes_its_app_id_from_an_app_id_key(tmp_path):
    """A saved `appreviews` page names no app, so its reviews had no url, and no key gave it; a page's (or each
    review's) `app_id` or `appid` now does, as a table's `app_id` column does (`jq '.app_id = "292030"' page.json`)."""
    doc = json.loads((FIX / "steam_reviews.json").read_text())
    assert read(FIX / "steam_reviews.json").posts["url"].isna().all()  # (as saved: no app, no url)
    (tmp_path / "page.json").write_text(json.dumps({**doc, "app_id": "292030"}))
    a, b = read(tmp_path / "page.json").posts.to_dict("records")  # (its third item is no review: a reject)
    assert a["url"] == "https://steamcommunity.com/profiles/76561198012345678/recommended/292030/"
    assert b["url"].endswith("/recommended/292030/")
    reviews = [{**doc["reviews"][0], "appid": 1091500}, {**doc["reviews"][1], "appid": "not an app"}]
    (tmp_path / "alone.json").write_text(json.dumps(reviews))
    a, b = rows(tmp_path / "alone.json")
    assert a["url"] == "https://steamcommunity.com/profiles/76561198012345678/recommended/1091500/"
    assert pd.isna(b["url"])  # (no app id: no url, as before)


def test_steam_reviews_in_a_table_are_read_as_a_pages_with_their_url_from_the_app_column(tmp_path):
    """Steam reviews saved as a table (a data set of them: `app_id`, `review_id`, `author.steamid`, `recommended`, ...;
    or `reviews` flattened by `pandas.json_normalize`) were read by the column aliases: no time, author, platform nor
    url, and `schinese` as a language. They are read as a page's reviews are, each with its url where a column names
    the app (a page names none)."""
    (tmp_path / "set.csv").write_text(
        ",app_id,app_name,review_id,language,review,timestamp_created,recommended,votes_helpful,comment_count,"
        "author.steamid\n"
        "0,292030,The Witcher 3,85185598,schinese,更新后一直闪退,1611381629,False,3,0,76561199095369542\n"
        "1,292030,The Witcher 3,85185250,english,great game,1611381030,True,0,1,76561198949504115\n",
        "utf-8",
    )
    a, b = rows(tmp_path / "set.csv")
    assert (a["post_id"], a["platform"], a["author"], a["lang"]) == (
        "85185598",
        "steam",
        "76561199095369542",
        "zh-hans",
    )
    assert a["created_at"] == ts("2021-01-23 06:00:29")  # (1611381629)
    assert a["url"] == "https://steamcommunity.com/profiles/76561199095369542/recommended/292030/"
    assert (a["likes"], b["replies"], b["text"]) == (3, 1, "great game")
    # flattened from a page (`voted_up`, `votes_up`, `recommendationid`): no app column, so no url
    (tmp_path / "flat.csv").write_text(
        "recommendationid,author.steamid,language,review,timestamp_created,voted_up,votes_up\n"
        "170554321,76561198012345678,english,rip my save,1796158800,false,41\n",
        "utf-8",
    )
    (c,) = rows(tmp_path / "flat.csv")
    assert (c["post_id"], c["platform"], c["author"], c["likes"]) == ("170554321", "steam", "76561198012345678", 41)
    assert c["created_at"] == ts("2026-12-01 21:00:00") and pd.isna(c["url"])


#: two Steam reviews, a thumb up and a thumb down, the second answered by the developer a day after
STEAM_THUMBS = [
    {
        "recommendationid": "1",
        "author": {"steamid": "76561198000000001"},
        "language": "english",
        "review": "Great game, love it",
        "timestamp_created": 1796158800,
        "voted_up": True,
    },
    {
        "recommendationid": "2",
        "author": {"steamid": "76561198000000002"},
        "language": "english",
        "review": "Crashes every hour, terrible",
        "timestamp_created": 1796158800,
        "voted_up": False,
        "developer_response": "Sorry! Patch 2.3.1 fixes the crash.",
        "timestamp_dev_responded": 1796245200,
    },
]


def test_steam_thumbs_are_kept_as_voted_up_and_the_developers_reply_is_read(runner, tmp_path):
    """A Steam review's thumb (`voted_up`) was dropped: `--keep voted_up` said "no column" and `evaluate` could not
    compare the sentiment with it. It stays no star rating (`rating` empty) and is kept as Steam names it, `true` or
    `false` as JSON writes them (not Python's `True`); the developer's reply was dropped too, and is `reply`."""
    from brandpulse.cli import main

    path = tmp_path / "reviews.json"
    path.write_text(json.dumps({"success": 1, "query_summary": {"num_reviews": 2}, "reviews": STEAM_THUMBS}))
    posts = read(path).posts
    assert posts["rating"].isna().all() and posts["url"].isna().all()  # (no app id: no link)
    assert posts["reply"].fillna("").tolist() == ["", "Sorry! Patch 2.3.1 fixes the crash."]
    assert posts["replied_at"].tolist()[1] == ts("2026-12-02 21:00:00")  # (1796245200: a day after 21:00 on Dec 1)
    result = runner.invoke(main, ["analyze", str(path), "--keep", "voted_up", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["voted_up"] for line in result.stdout.splitlines()] == ["true", "false"]
    labels = ["evaluate", str(path), "--label-column", "voted_up", "--label-map", "true=positive,false=negative"]
    result = runner.invoke(main, [*labels, "--sentiment", "cx", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    (cx,) = json.loads(result.stdout)["analyzers"]
    assert {k: v["support"] for k, v in cx["per_class"].items()} == {"negative": 1, "neutral": 0, "positive": 1}


def test_steam_pages_a_line_end_with_a_page_of_no_reviews(tmp_path):
    """A paged fetch saved a page a line ends with a page of no reviews (its cursor's last): it was rejected as a post
    of no text (and failed a --fail-on-rejects run); it holds no post."""
    doc = json.loads((FIX / "steam_reviews.json").read_text())
    last = {"success": 1, "query_summary": {"num_reviews": 0}, "reviews": [], "cursor": doc.get("cursor", "AoJ4")}
    (tmp_path / "pages.jsonl").write_text(json.dumps(doc) + "\n" + json.dumps(last) + "\n")
    loaded = read(tmp_path / "pages.jsonl")
    assert loaded.posts["post_id"].tolist() == ["170554321", "170554400"]
    assert loaded.rejects["position"].tolist() == ["line 1 item 3"]  # (the page's own reject alone)
    (tmp_path / "last.json").write_text(json.dumps(last))  # (a page of none alone: no posts, no error)
    assert read(tmp_path / "last.json").posts.empty


def test_quotes_are_counted_in_reposts_on_every_platform_that_gives_them(tmp_path):
    """A quote is a repost with words added: X's `quote_count`, Bluesky's `quoteCount` and Mastodon's `quotes_count`
    were dropped (reposts 4 of a tweet with 4 retweets and 3 quotes), so engagement left every quote out. Now
    `reposts` counts both, as Reddit's crossposts are counted; a post without a quote count keeps its reposts, and a
    quote count that is no count rejects the post as its reposts would."""
    x = {
        "data": [
            {"id": "1", "text": "Acme kettle", "public_metrics": {"retweet_count": 4, "quote_count": 3}},
            {"id": "2", "text": "Acme toaster", "public_metrics": {"retweet_count": 4}},
            {"id": "3", "text": "Acme lamp", "public_metrics": {"quote_count": 5}},
            {"id": "4", "text": "Acme fan", "public_metrics": {"retweet_count": 1, "quote_count": "lots"}},
        ],
        "meta": {"result_count": 4},
    }
    (tmp_path / "x.json").write_text(json.dumps(x))
    loaded = read(tmp_path / "x.json")
    assert dict(zip(loaded.posts["post_id"], loaded.posts["reposts"], strict=True)) == {"1": 7, "2": 4, "3": 5}
    assert list(loaded.rejects["reason"]) == ["bad reposts 'lots'"]

    v1 = [{"id_str": "9", "text": "Acme mug", "user": {"screen_name": "a"}, "retweet_count": 2, "quote_count": 1}]
    (tmp_path / "v1.json").write_text(json.dumps(v1))
    assert rows(tmp_path / "v1.json")[0]["reposts"] == 3

    header = "id,text,author.username,public_metrics.like_count,public_metrics.quote_count,public_metrics.retweet_count"
    (tmp_path / "twarc.csv").write_text(f"{header}\n5,Acme oven,a,1,2,6\n6,Acme pan,b,1,,6\n")
    assert [p["reposts"] for p in rows(tmp_path / "twarc.csv")] == [8, 6]

    sky = json.loads((FIX / "bluesky_search.json").read_text("utf-8"))
    sky["posts"][0]["quoteCount"] = 2  # (repostCount 1; the second post gives no quoteCount, repostCount 0)
    (tmp_path / "sky.json").write_text(json.dumps(sky))
    assert [p["reposts"] for p in rows(tmp_path / "sky.json")] == [3, 0]

    toots = json.loads((FIX / "mastodon_statuses.json").read_text("utf-8"))
    toots[0]["quotes_count"] = 6  # (reblogs_count 5)
    toots[1]["reblog"]["quotes_count"] = 1  # a boost stands for the post it boosts (reblogs_count 3)
    (tmp_path / "toots.json").write_text(json.dumps(toots))
    assert [p["reposts"] for p in rows(tmp_path / "toots.json")] == [11, 4]


def test_a_tables_quote_column_is_counted_in_its_reposts(tmp_path):
    """A flattened page (X's `public_metrics.quote_count`, Bluesky's `quoteCount`) read by the column aliases: its
    reposts were the `retweet_count` alone, its quotes not read, where the API's page counts both. The note says so;
    `--map reposts=retweet_count` reads that column alone."""
    (tmp_path / "q.csv").write_text(
        "id,text,retweet_count,quote_count\n"
        '1,Acme kettle,4,3\n2,Acme toaster,"1,200",\n3,Acme lamp,,5\n4,Acme fan,2,lots\n'
    )
    loaded = read(tmp_path / "q.csv")
    assert "reposts from 'retweet_count' + 'quote_count'" in loaded.note
    assert dict(zip(loaded.posts["post_id"], loaded.posts["reposts"], strict=True)) == {"1": 7, "2": 1200, "3": 5}
    assert list(loaded.rejects["reason"]) == ["bad reposts 'lots'"]
    alone = read(tmp_path / "q.csv", mapping={"reposts": "retweet_count"})
    assert alone.posts["reposts"].tolist()[:2] == [4, 1200]
    sky = [{"uri": "at://x/app.bsky.feed.post/1", "text": "Acme", "repostCount": 2, "quoteCount": 1}]
    (tmp_path / "sky.json").write_text(json.dumps(sky))
    assert read(tmp_path / "sky.json").posts["reposts"].tolist() == [3]


@pytest.mark.parametrize(
    "title, description, text",
    [
        # a bridge's feed of posts: the title is the post's text, or its start cut with an ellipsis
        ("Skyway lost my bag again", "Skyway lost my bag again, awful", "Skyway lost my bag again, awful"),
        ("Skyway lost my bag again", "<p>Skyway lost my   bag again</p>", "Skyway lost my   bag again"),
        ("Skyway lost my b…", "Skyway lost my bag again", "Skyway lost my bag again"),
        # a title of its own, or one that only starts the text's first word, is kept
        ("Acme recalls kettles", "The Acme company said", "Acme recalls kettles\n\nThe Acme company said"),
        ("Acme", "Acmeco bought it", "Acme\n\nAcmeco bought it"),
    ],
)
def test_a_feeds_title_the_text_repeats_is_not_written_twice(tmp_path, title, description, text):
    """`fetch rss` of a feed whose description repeats its title (nitter's, rss.app's) wrote the post twice,
    "Skyway lost my bag again\\n\\nSkyway lost my bag again, awful", scored and counted so; a JSON Feed the same."""
    body = description.replace("<", "&lt;").replace(">", "&gt;")
    feed = tmp_path / "f.rss"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>{title}</title>'
        f"<description>{body}</description><guid>1</guid></item></channel></rss>",
        "utf-8",
    )
    assert read(feed).posts["text"].tolist() == [text]
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": title}]}
    doc["items"][0]["content_html"] = description
    (tmp_path / "f.json").write_text(json.dumps(doc), "utf-8")
    assert read(tmp_path / "f.json").posts["text"].tolist() == [text]
