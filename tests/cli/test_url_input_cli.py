"""Addresses that are not http(s) are refused at the door: exit 2, one line, store unchanged."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from tests.conftest import Cli

HOSTILE = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/b>)<img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_source_add_refuses_an_address_that_is_not_http(cli: Cli, url: str) -> None:
    before = cli.snapshot()
    result = cli("source", "add", "--title", "T", "--publisher", "P", "--url", url,
                 "--kind", "news", "--reliability", "B")  # fmt: skip
    assert result.exit_code == 2
    assert result.output.startswith("error: url: ") and result.output.count("\n") == 1
    assert cli.snapshot() == before


def test_a_case_source_with_a_javascript_address_is_refused(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    scenario = {
        "id": "bad-url",
        "title": "A case",
        "summary": "A case whose source links to script.",
        "candidates": ["KEN"],
        "roles": {"state_party": [], "armed_group": [], "mission": ["mission"]},
        "actors": [{"id": "mission", "kind": "igo", "name": "Mission"}],
        "sources": [
            {
                "id": "s",
                "title": "T",
                "publisher": "P",
                "url": "javascript:alert(1)",
                "kind": "news",
                "reliability": "B",
            }  # fmt: skip
        ],
        "claims": [],
    }
    (folder / "scenario.yaml").write_text(yaml.safe_dump(scenario), encoding="utf-8")
    template = resources.files("forcevet.data").joinpath("case-template", "vocabulary.yaml")
    (folder / "vocabulary.yaml").write_bytes(template.read_bytes())
    before = cli.snapshot()
    result = cli("case", "load", str(folder))
    assert result.exit_code == 2
    assert "url: expected a web address starting http:// or https://" in result.output
    assert cli.snapshot() == before
