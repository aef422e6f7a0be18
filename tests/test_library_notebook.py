"""The library as a data analyst's notebook calls it: messages name the keywords a notebook passes, not the CLI's
flags, and a frame built by hand is left as it was."""

from __future__ import annotations

import pytest

import brandpulse
from brandpulse.errors import InputError


def test_a_files_mapping_to_a_missing_column_names_the_keyword_not_the_flag(tmp_path):
    """`read(FILE, mapping={"text": "Body"})` said `--map text=Body`, a flag no notebook passes (a frame's said
    `mapping {...}` already)."""
    path = tmp_path / "posts.csv"
    path.write_text("id,Text,text,content\n1,a,b,c\n")
    with pytest.raises(InputError) as missing:
        brandpulse.read(path, mapping={"text": "Body"})
    assert str(missing.value) == (
        f"{path}: mapping {{'text': 'Body'}}: no column 'Body' (columns: id, Text, text, content)"
    )
    with pytest.raises(InputError) as both:
        brandpulse.read(path, mapping={"text": "TEXT"})
    assert "--map" not in str(both.value) and "e.g. mapping={'text': 'Text'}" in str(both.value)
    assert brandpulse.read(path, mapping={"text": "content"}).posts["text"].tolist() == ["c"]
