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


HEAD_DATES = {
    b"Title\nDate: 2026-11-29\n\nBody text.\n": ("Title", "2026-11-29"),
    b"Date: 2026-11-29\nTitle\n\nBody text.\n": ("Title", "2026-11-29"),
    b"# Title\n\n**Published:** 2026-11-29T10:32:00Z\n\nBody.\n": ("Title", "2026-11-29"),
    b"Title\npublished: Saturday, November 29, 2026 10:32 GMT\nBody.\n": ("Title", "2026-11-29"),
    b"Title\nDate: 2026-11\nBody.\n": ("Title", "2026-11"),
    b"Title\nDated: 2026\nBody.\n": ("Title", "2026"),
    b"Title\n\n2026-11-29\n\nBody.\n": ("Title", "2026-11-29"),
    b"Title\nNovember 29, 2026\nBody.\n": ("Title", "2026-11-29"),
    b"Title\n29 November 2026\nBody.\n": ("Title", "2026-11-29"),
    b"Title\nPublished: Reuters\nBody.\n": ("Title", None),
    b"---\ntitle: 'Egypt to lead'\ndate: 2026-11-29\n---\n\nBody.\n": (
        "Egypt to lead",
        "2026-11-29",
    ),
    b"Title\nIt rained on November 29, 2026 in Gaza.\n": ("Title", None),
    b"Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nDate: 2026-11-29\n": ("Title", None),
}


@pytest.mark.parametrize(("data", "expected"), HEAD_DATES.items())
def test_a_date_line_at_the_top_dates_the_document(
    data: bytes, expected: tuple[str, str | None]
) -> None:
    document = read_document("article.md", data)
    assert (document.title, document.date) == expected


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"Title\nDate: 2026-02-30\nBody.\n", 2, 'not a calendar date: "2026-02-30"'),
        (b"Title\n\nFebruary 30, 2026\nBody.\n", 3, 'not a calendar date: "February 30, 2026"'),
        (b"Title\nPublished: 2026-13\nBody.\n", 2, 'not a calendar date: "2026-13"'),
        (b"Title\nDate: 2026/..\nBody.\n", 2, "a publication date is one day, month or year"),
    ],
)
def test_an_impossible_date_line_is_refused_naming_file_and_line(
    data: bytes, line: int, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_document("article.txt", data)
    assert (caught.value.path, caught.value.line, caught.value.field) == (
        "article.txt",
        line,
        "date",
    )
    assert str(caught.value).startswith(f"article.txt:{line}: date: ")


def test_html_takes_its_date_from_the_meta() -> None:
    html = (
        b"<html><head><title>Pakistan weighs troops</title>"
        b"<meta property='article:published_time' content='2026-11-27T08:15:00+00:00'>"
        b"</head><body><article><h1>Pakistan weighs troops</h1><p>Pakistan is considering "
        b"sending troops to the stabilization force, officials said on Thursday, while "
        b"insisting on a Security Council mandate.</p><p>Indonesia said it was ready to send "
        b"up to 20,000 troops to Gaza if the mission had a clear mandate.</p></article>"
        b"</body></html>"
    )
    assert read_document("page.html", html).date == "2026-11-27"
