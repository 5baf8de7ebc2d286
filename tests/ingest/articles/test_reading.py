from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import read_document


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
        (b"Pakistan said \xff\xfe no.", "not UTF-8 text: undecodable byte 0xff at offset 14"),
    ],
)
def test_bad_bytes_are_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_document("article.txt", data)
    assert caught.value.path == "article.txt"


def test_html_keeps_the_article_text_and_drops_scripts() -> None:
    html = (
        b"<html><head><title>T</title><meta property='og:site_name' content='Test Wire'>"
        b"<script>alert('x')</script></head><body><nav>Home | About</nav><article>"
        b"<h1>Turkey vetoed</h1><p>Israel has vetoed the participation of Turkey in the "
        b"force, officials said on Wednesday.</p><p>The United States accepted the veto on "
        b"Turkey, according to two officials familiar with the talks.</p>"
        b"<script>document.write('<b>injected</b>')</script></article></body></html>"
    )
    document = read_document("page.html", html)
    assert "Israel has vetoed" in document.text
    assert "alert" not in document.text and "<" not in document.text
    assert document.publisher == "Test Wire" and document.format == "html"


def test_html_without_text_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_document("empty.html", b"<html><body><script>x()</script></body></html>")


def test_a_bare_address_near_the_top_names_the_site() -> None:
    document = read_document("a.txt", b"Title\n\nwww.example.org\n\nBody text.\n")
    assert (document.title, document.publisher, document.url) == (
        "Title",
        "example.org",
        "https://www.example.org",
    )
