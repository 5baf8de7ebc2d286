"""Web addresses: http(s) only on the way in, percent-encoded links on the way out."""

from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import Document
from forcevet.ingest.articles.service import IngestOptions, _make_source
from forcevet.model.designations import make_designation
from forcevet.model.sources import make_source
from forcevet.model.urls import get_web_url, require_web_url
from forcevet.reports.render import _anchor, _href, _markdown_code, _markdown_text

GOOD = [
    ("https://www.aa.com.tr/en/x/3757674", "https://www.aa.com.tr/en/x/3757674"),
    ("  HTTP://Example.org/a?b=1&c=2#d  ", "HTTP://Example.org/a?b=1&c=2#d"),
    ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("https://x.example:8443/%20a", "https://x.example:8443/%20a"),
]
BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://x.example/a",
    "x.example/page",
    "//x.example/page",
    "https://",
    "https:///path-only",
    "https://x.example:port/",
    "https://x.example/b>)<img src=x onerror=alert(1)>",
    'https://x.example/"onmouseover="alert(1)',
    "https://x.example/a b",
    "https://x.example/a\nb",
    "https://x.example/`a`",
]


@pytest.mark.parametrize(("given", "stored"), GOOD)
def test_web_addresses_are_kept(given: str, stored: str) -> None:
    assert require_web_url(given) == stored == get_web_url(given)


@pytest.mark.parametrize("given", BAD)
def test_other_addresses_are_refused_naming_the_field(given: str) -> None:
    with pytest.raises(InputError) as refused:
        require_web_url(given, field="source_url")
    assert str(refused.value).startswith("source_url: ")
    assert "\n" not in str(refused.value)
    assert get_web_url(given) is None


def test_empty_is_no_address() -> None:
    assert require_web_url(None) is None and require_web_url("  ") is None


def test_sources_and_designations_check_their_address() -> None:
    fields = {"title": "t", "publisher": "p", "kind": "news", "reliability": "B"}
    with pytest.raises(InputError, match="^url: expected a web address"):
        make_source(**fields, graded_by="t", added_at="2026-01-01", url="javascript:alert(1)")
    source = make_source(**fields, graded_by="t", added_at="2026-01-01", url=" https://a.b/c ")
    assert source.url == "https://a.b/c"
    with pytest.raises(InputError, match="^source_url: "):
        make_designation(actor_id="x", authority="UN", reference="r", listed_on=None,
                         source_url="data:,x")  # fmt: skip


def test_a_pages_own_bad_address_is_kept_as_text_and_the_ingest_goes_on() -> None:
    page = Document(label="page.html", text="Text.", format="html", title="T",
                    url="javascript:alert(1)")  # fmt: skip
    source, _, _ = _make_source(page, IngestOptions(by="t"), {})
    assert source.url is None
    assert "'javascript:alert(1)', not a web address: not linked" in (source.reliability_note or "")
    good = Document(label="p.html", text="Text.", format="html", url="https://a.b/c")
    assert _make_source(good, IngestOptions(by="t"), {})[0].url == "https://a.b/c"


def test_an_address_given_with_ingest_url_is_refused() -> None:
    page = Document(label="page.html", text="Text.", format="html")
    with pytest.raises(InputError, match="^url: "):
        _make_source(page, IngestOptions(by="t", url="javascript:alert(1)"), {})


@pytest.mark.parametrize(
    ("stored", "link"),
    [
        (
            "https://x.example/b>)<img src=x onerror=alert(1)>",
            "https://x.example/b%3E%29%3Cimg%20src=x%20onerror=alert%281%29%3E",
        ),
        ("https://x.example/\"a'", "https://x.example/%22a%27"),
        ("https://x.example/a|b c", "https://x.example/a%7Cb%20c"),
        ("https://x.example/caf\u00e9?q=1&r=%20#f", "https://x.example/caf%C3%A9?q=1&r=%20#f"),
        ("javascript:alert(1)", ""),
        (" JAVASCRIPT:alert(1)", ""),
        ("data:text/html,x", ""),
        ("https:///nohost", ""),
        (None, ""),
    ],
)
def test_links_are_percent_encoded_and_only_http(stored: str | None, link: str) -> None:
    assert _href(stored) == link


def test_markdown_text_cannot_open_html_links_or_cells() -> None:
    text = "a\\|b <img src=x> [l](javascript:x) `c`\nd"
    assert _markdown_text(text) == "a\\\\\\|b &lt;img src=x&gt; \\[l\\](javascript:x) `c` d"
    assert _markdown_code("x` <img src=x>\n") == "x' <img src=x>"
    assert _anchor('IDN"><img src=x>') == "idn-img-src-x-"
