"""The worker's side of a cluster ingest, in this process: one document whose
extraction fails is reported with its path and reason, and its partition goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy

from forcevet.cluster.plugin import ReaderPlugin, ReaderSetup
from forcevet.ingest.articles.service import TextReading
from tests.cluster.conftest import OPTIONS


class Failing:
    """A reader whose extraction fails on a text holding "boom"."""

    nlp = spacy.blank("en")

    def read(self, doc: Any, text: str, actors: Any, **given: Any) -> TextReading:
        if "boom" in text:
            raise ValueError("a bug in extraction")
        return TextReading(len(doc), [], [], [], [1, 2] if given["first"] else None)


def test_an_extraction_error_fails_that_document_only(tmp_path: Path) -> None:
    paths = []
    for number, text in enumerate(["Pakistan sent troops.\n", "boom\n", "Egypt agreed.\n"]):
        path = tmp_path / f"{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    plugin = ReaderPlugin(ReaderSetup("run", [], frozenset(), OPTIONS, {}))
    plugin.reader = Failing()  # type: ignore[assignment]
    first, bad, last = plugin.read(list(enumerate(paths)), ())
    assert bad.failure == "extraction failed: ValueError: a bug in extraction"
    assert bad.path == paths[1]
    assert first.failure is None and last.failure is None
    assert [r.words for r in first.readings] == [5]  # four words and the line break
    assert last.document is not None and last.document.text == "Egypt agreed.\n"
