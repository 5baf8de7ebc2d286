"""Sources: the documents claims are taken from, with their reliability grade."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forcevet.errors import InputError
from forcevet.model.choices import parse_choice
from forcevet.model.dates import parse_time
from forcevet.model.grades import Reliability
from forcevet.model.ids import content_hash, make_key
from forcevet.model.urls import require_web_url


class SourceKind(StrEnum):
    """What kind of document a source is; opinion is graded as opinion."""

    OFFICIAL_STATEMENT = "official_statement"
    GOVERNMENT_DOCUMENT = "government_document"
    UN_DOCUMENT = "un_document"
    COURT_RECORD = "court_record"
    WIRE = "wire"
    NEWS = "news"
    OPINION = "opinion"
    ANALYSIS = "analysis"
    DATASET = "dataset"

    @classmethod
    def parse(cls, text: object, *, field: str = "kind") -> SourceKind:
        """Return the kind written in ``text`` (``-`` or spaces allowed), or raise InputError."""
        return parse_choice(cls, text, what="source kind", field=field)


@dataclass(frozen=True)
class Source:
    """A document: where it was read, what it is, its full text and how reliable it is."""

    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None
    kind: SourceKind
    reliability: Reliability
    reliability_by: str
    reliability_note: str | None
    text: str
    content_hash: str
    added_at: str
    report_id: str | None = None
    sketch: str | None = None


def make_source(
    *,
    title: str,
    publisher: str,
    kind: object,
    reliability: object,
    graded_by: str,
    added_at: str,
    url: str | None = None,
    date: object | None = None,
    text: str = "",
    reliability_note: str | None = None,
    source_id: str | None = None,
) -> Source:
    """Return a validated Source; its id derives from its address and content hash.

    The address must be http(s): it becomes a link in the reports.
    """
    url = require_web_url(url)
    if not title.strip():
        raise InputError("a source needs a title", field="title")
    day = None
    if date not in (None, ""):
        span = parse_time(date)
        if span.is_open:
            raise InputError(f'a source date is one day, month or year, got "{date}"', field="date")
        day = span.text
    digest = content_hash(text)
    return Source(
        id=source_id or make_key("src", url or title, digest, length=10),
        title=title.strip(),
        publisher=publisher.strip(),
        url=url,
        date=day,
        kind=SourceKind.parse(kind),
        reliability=Reliability.parse(reliability),
        reliability_by=graded_by,
        reliability_note=reliability_note,
        text=text,
        content_hash=digest,
        added_at=added_at,
    )
