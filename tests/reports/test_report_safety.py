"""No live element from stored text in a report: report.md through a CommonMark renderer
(markdown-it-py, raw HTML on, as a permissive viewer would) and report.html in headless
Chromium, which runs whatever the page carries.

The case is written with hostile text in every field a user or a page supplies (title,
summary, names, quotes, publishers), and its sources' addresses are then rewritten in
the store with hostile ones, as a store written before addresses were checked would
hold them. Each payload, if it ran, would mark the page's body with ``data-pwned``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from sqlalchemy import update

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import save_run
from forcevet.cases.case import load_case, run_params
from forcevet.reports.case_report import write_case_report
from forcevet.store.setup import init_store
from forcevet.store.store import open_store
from forcevet.store.tables import sources

PWN = "document.body.setAttribute('data-pwned','{}')"
HOSTILE = (
    f'<img src=x onerror="{PWN.format(1)}"> <script>{PWN.format(2)}</script> '
    f"[click](javascript:{PWN.format(3)}) <javascript:{PWN.format(4)}> "
    f'" onmouseover="{PWN.format(5)}" ` | \\ ]( ![i](x.svg)'
)
# the example first: it closed the Markdown link and the <img> ran
HOSTILE_URLS = [
    "https://x.example/b>)<img src=x onerror=alert(1)>",
    f"javascript:{PWN.format(6)}",
    f'https://x.example/"onmouseover="{PWN.format(7)}',
    f"data:text/html,<script>{PWN.format(8)}</script>",
    f"https://x.example/a b)[c](javascript:{PWN.format(9)})",
]
ENCODED_FIRST = "https://x.example/b%3E%29%3Cimg%20src=x%20onerror=alert%281%29%3E"

# What Markdown itself produces; any other tag came from stored text.
MARKDOWN_TAGS = {
    "p", "h1", "h2", "h3", "h4", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "ul", "li", "em", "strong", "code",
}  # fmt: skip
CHART = re.compile(r"[a-z0-9-]+\.svg")
UNENCODED = re.compile(r"[\s<>\"'`]")  # never in an encoded link
RUNS = ("data-pwned", "srcdoc", "formaction", "http-equiv")  # and every on* attribute
# Elements that load or run something; the page's own <meta charset> and viewport are fine.
LIVE_TAGS = {"script", "img", "iframe", "frame", "object", "embed", "form", "base", "link"}


def hostile_case(folder: Path) -> Path:
    """Write a small case whose every free-text field carries the payloads."""
    folder.mkdir()
    scenario = {
        "id": "hostile-case",
        "title": f"Hostile {HOSTILE}",
        "summary": f"Summary {HOSTILE}",
        "candidates": ["KEN", "JAM"],
        "as_of": "2026-02-01",
        "review": {"by": "test", "date": "2026-01-31"},  # claims accepted, so they are shown
        "roles": {"state_party": ["HTI"], "armed_group": ["gang"], "mission": ["mission"]},
        "actors": [
            {"id": "mission", "kind": "igo", "name": f"Mission {HOSTILE}"},
            {"id": "gang", "kind": "armed_group", "name": f"Gang {HOSTILE}"},
        ],
        "sources": [
            {
                "id": f"s{n}",
                "title": f"Title {n} {HOSTILE}",
                "publisher": f"Publisher {HOSTILE}",
                "url": f"https://example.org/{n}",
                "date": "2026-01-10",
                "kind": "news",
                "reliability": "B",
            }
            for n in range(len(HOSTILE_URLS))
        ],
        "claims": [
            {
                "source": f"s{n}",
                "subject": subject,
                "predicate": predicate,
                "object": obj,
                "quote": f"Quote {n} {HOSTILE}",
                "paraphrase": True,
                "credibility": 2,
            }
            for n, (subject, predicate, obj) in enumerate(
                [
                    ("KEN", "offers_units", "mission"),
                    ("JAM", "has_links_to", "gang"),
                    ("KEN", "endorses", "mission"),
                    ("JAM", "offers_units", "mission"),
                    ("KEN", "has_links_to", "gang"),
                ]
            )
        ],
    }
    (folder / "scenario.yaml").write_text(yaml.safe_dump(scenario), encoding="utf-8")
    template = resources.files("forcevet.data").joinpath("case-template", "vocabulary.yaml")
    (folder / "vocabulary.yaml").write_bytes(template.read_bytes())
    return folder


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    folder = hostile_case(root / "case")
    out = root / "report"
    url = f"sqlite:///{root / 'forcevet.db'}"
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        case = load_case(store, str(folder), by="test").case
        for n, address in enumerate(HOSTILE_URLS):  # as a store from before the input check
            store.connection.execute(
                update(sources).where(sources.c.url == f"https://example.org/{n}"),
                {"url": address},
            )
        params = run_params(case, case.rubric, samples=200, seed=0)
        result = assess(store, case.rubric, params, by="test")
        save_run(store, result)
        write_case_report(store, case, result, out)
    return out


class Elements(HTMLParser):
    """Every start tag with its attributes, values unescaped as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def live_problems(found: list[tuple[str, dict[str, str]]], *, allowed_tags: Any) -> list[str]:
    """Return every element or attribute that could run script or leave the page."""
    problems = []
    for tag, attrs in found:
        if not allowed_tags(tag):
            problems.append(f"<{tag} {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in (
                "data-pwned",
                "srcdoc",
                "formaction",
                "http-equiv",
            ):
                problems.append(f"<{tag}> {name}={value!r}")
            if name in ("href", "src", "xlink:href", "action"):
                if tag == "img" and CHART.fullmatch(value):
                    continue  # the report's own chart beside it
                safe = value.startswith("#") or (
                    value.startswith(("http://", "https://"))
                    and not re.search(r"[\s<>\"'`]", value)
                )
                if not safe or (tag == "img"):
                    problems.append(f"<{tag}> {name}={value!r}")
    return problems


def test_report_md_rendered_by_commonmark_has_no_live_element(report_dir: Path) -> None:
    markdown = (report_dir / "report.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    found = elements(html)
    assert live_problems(found, allowed_tags=MARKDOWN_TAGS.__contains__) == []
    hrefs = {attrs.get("href") for tag, attrs in found if tag == "a"}
    assert ENCODED_FIRST in hrefs  # the address is linked, encoded, and closes nothing
    assert not any(h and h.startswith(("javascript:", "data:")) for h in hrefs)
    # the payloads are shown as the text they are, not dropped
    assert "Quote 0 &lt;img src=x onerror=" in html
    assert "Title 1 &lt;img src=x onerror=" in html  # its javascript: address gives no link


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed: CI must install Debian's chromium package")
    pytest.skip("chromium is not installed (Debian: apt-get install chromium); CI requires it")


def test_report_html_in_headless_chromium_has_no_live_element(
    report_dir: Path, tmp_path: Path
) -> None:
    browser = chromium()
    page = report_dir / "report.html"
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",  # tests may run as root in a container
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000",  # let every load and error event fire
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dom = done.stdout
    assert "<body" in dom and "Hostile" in dom
    found = elements(dom)
    body = next(attrs for tag, attrs in found if tag == "body")
    assert "data-pwned" not in body  # no payload ran
    assert live_problems(found, allowed_tags=lambda tag: tag not in LIVE_TAGS) == []
    hrefs = {attrs.get("href") for tag, attrs in found if tag == "a"}
    assert ENCODED_FIRST in hrefs
