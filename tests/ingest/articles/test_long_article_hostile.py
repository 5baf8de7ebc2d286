"""An article longer than one document may hold is refused naming the file, before
spaCy's parser sees it (it raised a ValueError traceback past 1,000,000 characters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import MAX_CHARACTERS, read_document
from tests.conftest import Cli
from tests.hostile import refused

PARAGRAPH = "Pakistan said on Monday it would send troops to the force. " * 20 + "\n\n"


def long_text(characters: int) -> bytes:
    return (PARAGRAPH * (characters // len(PARAGRAPH) + 1)).encode("utf-8")[:characters]


def test_a_text_at_the_limit_is_read() -> None:
    document = read_document("long.txt", long_text(MAX_CHARACTERS))
    assert len(document.text) <= MAX_CHARACTERS


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_text_over_the_limit_is_refused_naming_the_file(suffix: str) -> None:
    data = long_text(MAX_CHARACTERS + 10_000)
    if suffix == ".html":
        data = b"<html><body><p>" + data + b"</p></body></html>"
    with pytest.raises(InputError) as raised:
        read_document(f"long{suffix}", data)
    assert str(raised.value).startswith(f"long{suffix}: the text is 1,0")
    assert "split it" in str(raised.value)


def test_ingest_of_a_long_article_exits_2_and_stores_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(long_text(MAX_CHARACTERS + 1))
    refused(cli, "ingest (article)", "ingest", str(path), message="more than the 1,000,000")
