"""A long article is read in parts, all of one source, so spaCy's parser (which refuses
more than 1,000,000 characters and needs about 1 GB per 100,000) never sees more than a
part; only a text beyond what one document may hold is refused, naming the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from forcevet.ingest.articles.reading import (
    MAX_CHARACTERS,
    PART_CHARACTERS,
    read_document,
    split_parts,
)
from tests.conftest import Cli
from tests.hostile import refused

PARAGRAPH = "Pakistan said on Monday it would consider the request. " * 20 + "\n\n"
LAST = "Indonesia pledged troops to the International Stabilization Force on Monday.\n"


def long_text(characters: int) -> str:
    return (PARAGRAPH * (characters // len(PARAGRAPH) + 1))[:characters]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="ab .\n", min_size=0, max_size=40), max_size=30),
    st.integers(min_value=8, max_value=60),
)
def test_parts_are_small_and_give_the_text_back(pieces: list[str], size: int) -> None:
    text = "".join(pieces)
    parts = split_parts(text, size)
    assert "".join(parts) == text
    assert all(len(part) <= size for part in parts)


def test_parts_end_at_paragraph_breaks_where_there_are_some() -> None:
    text = long_text(3 * PART_CHARACTERS)
    parts = split_parts(text)
    assert len(parts) >= 3
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_text_over_the_limit_is_refused_naming_the_file() -> None:
    data = ("x" * (MAX_CHARACTERS + 1)).encode("ascii")
    try:
        read_document("huge.txt", data)
    except Exception as exc:  # InputError, checked by its words
        assert str(exc).startswith("huge.txt: the text is 20,000,001 characters")
        assert "split it" in str(exc)
    else:
        raise AssertionError("a text over the limit was read")


def test_an_article_over_a_million_characters_is_one_source_read_to_its_end(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("case", "load", "gaza-isf").exit_code == 0
    path = tmp_path / "long.txt"
    path.write_text(long_text(1_000_001) + "\n\n" + LAST, "utf-8")
    result = cli("ingest", str(path), "--fast", "--kind", "wire", "--date", "2026-01-15", "--json")
    assert result.exit_code == 0, result.output
    ingested = json.loads(result.stdout)
    assert len(ingested["sources"]) == 1
    subjects = {c["subject"]["id"] for c in ingested["claims"]}
    assert "IDN" in subjects  # from the last paragraph, in the last part
    source = ingested["sources"][0]
    assert source["characters"] > 1_000_000
    assert source["claims"] == len(ingested["claims"])


def test_ingest_of_a_text_over_the_limit_exits_2_and_stores_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("x" * (MAX_CHARACTERS + 1), "ascii")
    refused(cli, "ingest (article)", "ingest", str(path), message="more than the 20,000,000")
