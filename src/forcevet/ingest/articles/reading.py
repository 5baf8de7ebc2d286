"""Reading documents: plain text, Markdown and HTML (main text by trafilatura), safely.

Text from sources is untrusted: bytes are checked before they are decoded,
HTML is reduced to its article text (scripts and markup never reach the store
or a report), and every refusal names the file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from forcevet.errors import InputError
from forcevet.ingest.articles.dates import MONTHS
from forcevet.model.dates import parse_time

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_DOMAIN_LINE = re.compile(r"^(?:https?://)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+)/?\S*$", re.I)
_HEAD_LINES = 5  # the non-empty lines at the top that may say where and when
_DATE_FIELD = re.compile(
    r"^[*_]*(?:date|published|publication date|dated)[*_]*\s*:[*_]*\s*(?P<value>.*?)[*_\s]*$",
    re.I,
)
_TITLE_FIELD = re.compile(r"^title\s*:\s*[\"']?(.+?)[\"']?$", re.I)
_ISO_DAY = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-][\d:]+)?)?"
)
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_WRITTEN_DATE = re.compile(
    rf"^{_WEEKDAY}(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?|(?P<day2>\d{{1,2}})\s+"
    rf"{_MONTH.replace('month', 'month2')})\s+(?P<year>\d{{4}})\b",
    re.I,
)


@dataclass(frozen=True)
class Document:
    """A document's text and what its file says about it."""

    label: str
    text: str
    format: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None


MAX_CHARACTERS = 20_000_000
"""Longest text one document may hold (a book-length report is about 2,000,000): a longer
one is refused here, naming the file, before anything is stored."""

PART_CHARACTERS = 100_000
"""Longest piece of a document spaCy parses at once: its parser needs about 1 GB of memory
per 100,000 characters and refuses more than 1,000,000, so a longer text is read in parts
(``split_parts``), all of one source."""


def split_parts(text: str, size: int = PART_CHARACTERS) -> list[str]:
    """Return ``text`` cut into parts of at most ``size`` characters, at paragraph breaks
    where there are any, else at line or sentence ends, else where the size falls.

    Joined back together, the parts give the text again.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for mark in ("\n\n", "\n", ". "):
            found = window.rfind(mark)
            if found > size // 2:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = size
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def decode(label: str, data: bytes) -> str:
    """Return the UTF-8 text of ``data``, or raise InputError for empty, binary or bad bytes."""
    if not data.strip():
        raise InputError("the file is empty", path=label)
    if b"\x00" in data[:8192]:
        raise InputError(
            "a binary file, not text (NUL bytes); give UTF-8 text, Markdown or HTML", path=label
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text: undecodable byte 0x{data[exc.start]:02x} at offset {exc.start}",
            path=label,
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _html_document(label: str, text: str) -> Document:
    import trafilatura  # 0.3 s to import: only when HTML is read

    extracted = trafilatura.bare_extraction(text, with_metadata=True)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise InputError("no article text found in the HTML", path=label)
    return Document(
        label=label,
        text=body.strip() + "\n",
        format="html",
        title=getattr(extracted, "title", None),
        publisher=getattr(extracted, "sitename", None),
        url=getattr(extracted, "url", None),
        date=getattr(extracted, "date", None),
    )


def _written_day(value: str, *, whole: bool) -> str | None:
    """Return the ISO day of "2026-11-29", "November 29, 2026" or "29 November 2026"
    (the calendar unchecked), or None for anything else. ``whole``: the value is only
    that date; otherwise a time or more may follow ("2026-11-29T10:32:00Z")."""
    iso = _ISO_DAY.fullmatch(value) if whole else _ISO_DAY.match(value)
    if iso:
        return iso.group(1)
    match = _WRITTEN_DATE.match(value)
    if not match or (whole and match.end() != len(value)):
        return None
    month = MONTHS[(match.group("month") or match.group("month2")).lower()]
    day = int(match.group("day") or match.group("day2"))
    return f"{int(match.group('year')):04d}-{month:02d}-{day:02d}"


def read_head_date(label: str, lines: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """Return the date the top lines of a text give and the line that gives it.

    ``lines`` are the first non-empty lines with their line numbers. A ``Date:`` or
    ``Published:`` line may give a day, month or year; a line holding only a day
    ("2026-11-29", "November 29, 2026") counts too. Raises InputError naming the file
    and line for an impossible date (a typing slip the ingest must not store).
    """
    for number, line in lines:
        field = _DATE_FIELD.match(line)
        value = field.group("value") if field else line
        written = _written_day(value, whole=field is None)
        if written is None and field is not None and any(c.isdigit() for c in value):
            written = value  # "Date: 2026-11" or "Date: 2026": parse_time reads those
        if written is None:  # "Published: Reuters" says nothing about when
            continue
        try:
            span = parse_time(written, field="date")
        except InputError:
            raise InputError(
                f'not a calendar date: "{value}"; write it as YYYY-MM-DD (or YYYY-MM, YYYY)',
                path=label,
                line=number,
                field="date",
            ) from None
        if span.is_open:
            raise InputError(
                f'a publication date is one day, month or year, got "{value}"',
                path=label,
                line=number,
                field="date",
            )
        return span.text, number
    return None, None


def _text_document(label: str, text: str, format_: str) -> Document:
    head = [
        (number, line.strip())
        for number, line in enumerate(text[:10_000].splitlines(), start=1)
        if line.strip() and line.strip() != "---"  # a Markdown front matter's fences
    ][:_HEAD_LINES]
    day, day_line = read_head_date(label, head)
    lines = [line for number, line in head if number != day_line]
    named = next((m.group(1) for m in map(_TITLE_FIELD.match, lines) if m), None)
    title = named or (lines[0].lstrip("# ").strip() if lines else None)
    url = None
    publisher = None
    for line in lines[1:_HEAD_LINES]:  # a bare address near the top names the site
        match = _DOMAIN_LINE.match(line)
        if match:
            host = match.group(1).lower()
            url = line if line.lower().startswith("http") else f"https://{host}"
            publisher = host.removeprefix("www.")
            break
    return Document(
        label=label,
        text=text,
        format=format_,
        title=title,
        publisher=publisher,
        url=url,
        date=day,
    )


def read_document(label: str, data: bytes, format_: str | None = None) -> Document:
    """Return the document held in ``data``; the format comes from the label's suffix or a
    sniff of the content."""
    text = decode(label, data)
    kind = format_ or SUFFIXES.get(Path(label).suffix.lower())
    if kind is None:
        head = text.lstrip()[:500].lower()
        kind = "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"
    document = _html_document(label, text) if kind == "html" else _text_document(label, text, kind)
    if len(document.text) > MAX_CHARACTERS:
        raise InputError(
            f"the text is {len(document.text):,} characters, more than the "
            f"{MAX_CHARACTERS:,} one document may hold; split it into smaller files "
            "(by chapter or section) and ingest each",
            path=label,
        )
    return document


def find_files(paths: Iterable[str]) -> list[str]:
    """Return the files named by ``paths``: files as given, folders searched for text,
    Markdown and HTML, ``-`` for standard input. Raises InputError for a missing path."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        try:
            is_folder, is_file = path.is_dir(), path.is_file()
        except OSError as exc:  # a name too long for the file system (Python 3.11 raises it)
            raise InputError(f"cannot read: {exc.strerror}", path=raw[:200]) from None
        if is_folder:
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif is_file:
            found.append(str(path))
        else:
            raise InputError("no such file or folder", path=raw)
    return found


def read_documents(files: Iterable[str]) -> Iterator[Document]:
    """Yield each file as a Document (``-`` reads standard input)."""
    for name in files:
        if name == "-":
            yield read_document("<stdin>", sys.stdin.buffer.read())
        else:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", path=name) from None
            yield read_document(name, data)
