"""Finding dates in text, each with its precision, relative ones resolved against the
publication date.

Regular expressions find the expressions (dateparser's search gives false hits
on "may" and splits dates, as measured); the calendar arithmetic is the
standard library's. Absolute: "December 8, 2024", "8 December 2024", "Sept. 5,
2024", "January 2024", "in 2024", "mid-2025". Open ranges: "since October 2023", "until 2025",
"for decades". Relative to publication: "in December", "December 8", "on
Saturday", "yesterday", "tomorrow", "last/this/next week, month or year", "next
Monday", "next January", "three weeks ago".

A month or day without a year, or a bare weekday, is the latest such time up to
publication ("in December" in a December article is that December; in a January
article, the one before), unless the words just before it look forward ("will
deploy in January" in a December article is the next January).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from forcevet.ingest.articles.rules import starts_word
from forcevet.model.dates import TimeSpan, parse_time

MONTHS = {
    m: k
    for k, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS_BY_ABBREVIATION = {m[:3]: k for m, k in MONTHS.items()}
WEEKDAYS = {
    d: k
    for k, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBERS = {
    w: k
    for k, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
        start=1,
    )
} | {"a": 1, "an": 1}
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"  # "Nov. 9": only with a day or year
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![.,]\d)"
_YEAR = r"((?:19|20)\d{2})(?!\d)(?![.,]\d)(?!s\b)"  # not "2,000", "1990s"

# Each pattern starts at the date itself, never with "\b" (the boundary is checked on
# each match, rules.starts_word) nor with a preposition: starting at a capital letter or
# a digit lets the engine skip most of the text. The words just before a match ("in",
# "since", "last", "early") are read afterwards, only where a pattern matched.
_PATTERNS = [
    ("mdy", re.compile(rf"{_MONTH}\b\.?(?:\s+{_DAY})?(?:,?\s+{_YEAR})?")),
    ("y", re.compile(rf"{_YEAR}(?!\s+(?:troops|soldiers|police|personnel|peacekeepers|men)\b)")),
    (  # the lookahead notes a capitalised word after it ("the Sunday Times")
        "weekday",
        re.compile(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?=(\s+[A-Z])?)"),
    ),
    # also "today", "yesterday", "tomorrow": found by their ending, see _reshape
    ("unit", re.compile(r"(day|week|month|year|decade|morrow)(s)?(?:\s+(ago))?\b")),
]
_DAY_BEFORE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")  # "8 December"
_DAY_WORDS = {"today": "to", "yesterday": "yester", "tomorrow": "to"}
# Up to three words right before a match, on the same line.
_BEFORE = re.compile(r"(?:[A-Za-z0-9']+(?:[ \t\u00a0]+|-))*$")
_WORD = re.compile(r"[A-Za-z0-9']+")
_FILLERS = {"early", "late", "mid", "earlier", "later"}  # anchor a date, change nothing
_SKIPPED = {"the", "many", "several"}  # change nothing, anchor nothing
_RELATIONS = {"last", "next", "this"}
_OPENS = {"since": "start", "from": "start", "until": "end", "till": "end"}
_ANCHORS = {"in", "on", "during", "by", "for", *_OPENS}
# The nearest of these before a date, in its sentence, tells which way it points: "will
# send troops in January" looks forward, "will send troops, officials said on Monday" back.
_TENSE = re.compile(
    r"\b(?:(will|shall|won't|'ll|to be|going to|would|scheduled|expected|upcoming|coming"
    r"|(?:ready|prepared|willing|agreed|pledged|promised|offered|plans?|planned|intends?"
    r"|intended|set|due|aims?|expects?)\s+to)"
    r"|(said|says|told|announced|added|stated|reported|confirmed|was|were|had|did|ago))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: where it is and what time it means."""

    start: int
    end: int
    text: str
    span: TimeSpan


@dataclass(frozen=True)
class _Context:
    """What the words before a date say about it."""

    relation: str | None  # last | next | this
    governing: str | None  # the word that governs it ("in", "since", "for"), lower-cased
    anchored: bool  # a preposition, a relation or "early/late/mid" comes before it
    capitalised: bool  # the word right before is capitalised ("Good Friday")
    number: int | None  # "three" in "three weeks ago"
    start: int  # where the words read start
    number_start: int  # where the word right before starts


def _context(text: str, start: int) -> _Context:
    before = _BEFORE.search(text, max(0, start - 40), start)
    tail = before.group() if before else ""
    base = start - len(tail)
    words = [(base + w.start(), w.group()) for w in _WORD.finditer(tail)][-3:]
    lowered = [w.lower() for _, w in words]
    capitalised = bool(words) and words[-1][1][:1].isupper()
    number = NUMBERS.get(lowered[-1]) if lowered else None
    if lowered and lowered[-1].isdigit():
        number = int(lowered[-1])
    used = len(lowered)
    anchored = False
    relation = None
    while used and lowered[used - 1] in _FILLERS | _SKIPPED:
        used, anchored = used - 1, anchored or lowered[used - 1] in _FILLERS
    if used and lowered[used - 1] in _RELATIONS:
        relation, anchored, used = lowered[used - 1], True, used - 1
        while used and lowered[used - 1] in _FILLERS | _SKIPPED:
            used -= 1
    governing = lowered[used - 1] if used else None
    if governing in _ANCHORS:
        anchored, used = True, used - 1
    first = words[used][0] if used < len(words) else start
    last = words[-1][0] if words else start
    return _Context(relation, governing, anchored, capitalised, number, first, last)


def looks_forward(text: str, start: int) -> bool:
    """Return whether the words before ``start``, in its sentence, point to the future:
    the nearest of "will", "expected", "plans to"... rather than "said", "was"..."""
    window_start = max(0, start - 120)
    for end in _SENTENCE_END.finditer(text, window_start, start):
        window_start = end.end()
    nearest = None
    for nearest in _TENSE.finditer(text, window_start, start):  # noqa: B007  # the last one
        pass
    return nearest is not None and nearest.group(1) is not None


def _month_back(published: date, month: int, *, strictly: bool) -> int:
    """The year of the latest ``month`` up to (or before) the month of publication."""
    latest = month < published.month or (month == published.month and not strictly)
    return published.year if latest else published.year - 1


def _month_ahead(published: date, month: int, *, strictly: bool) -> int:
    """The year of the first ``month`` from (or after) the month of publication."""
    first = month > published.month or (month == published.month and not strictly)
    return published.year if first else published.year + 1


def _week(day: date) -> str:
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _month_of(day: date, shift: int) -> str:
    index = day.year * 12 + day.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resolve(
    kind: str,
    groups: tuple[str | None, ...],
    context: _Context,
    published: date | None,
    precision: str,
    forward: bool,
) -> str | None:
    """Return the ISO expression of one match, or None when it is not a date or cannot
    be resolved at the publication date's precision."""
    if kind == "mdy":
        month_name, day_text, year_text = groups
        assert month_name is not None
        month = MONTHS_BY_ABBREVIATION[month_name[:3].lower()]
        if month_name.lower() not in MONTHS and day_text is None and year_text is None:
            return None  # "Jan", "Dec" alone
        if year_text is not None:
            if day_text is None:
                return f"{int(year_text):04d}-{month:02d}"
            return f"{int(year_text):04d}-{month:02d}-{int(day_text):02d}"
        if day_text is None and not context.anchored:
            return None  # a bare "May" is too often not a month
        if published is None or precision == "year":
            return None
        if day_text is None:  # "in December", "next January"
            if context.relation == "last":
                year = _month_back(published, month, strictly=True)
            elif context.relation == "next":
                year = _month_ahead(published, month, strictly=True)
            elif context.relation == "this":
                year = published.year
            elif forward:
                year = _month_ahead(published, month, strictly=False)
            else:
                year = _month_back(published, month, strictly=False)
            return f"{year:04d}-{month:02d}"
        day = int(day_text)  # "October 7": the latest such day up to publication
        # published in that month, day unknown: a day of that month is taken as in it
        today = (published.month, published.day if precision == "day" else day)
        if forward:
            year = published.year if (month, day) >= today else published.year + 1
        else:
            year = published.year if (month, day) <= today else published.year - 1
        return f"{year:04d}-{month:02d}-{day:02d}"
    if kind == "y":
        return groups[0] if context.anchored else None
    if published is None:
        return None
    if kind == "weekday":
        if (context.capitalised or groups[1]) and not context.anchored:
            return None  # "Good Friday", "Bloody Sunday", "the Sunday Times"
        if precision != "day":
            return None
        weekday = WEEKDAYS[(groups[0] or "").lower()]
        if context.relation == "next" or (context.relation != "last" and forward):
            days = (weekday - published.weekday()) % 7 or (7 if context.relation == "next" else 0)
            return (published + timedelta(days=days)).isoformat()
        days = (published.weekday() - weekday) % 7 or (7 if context.relation == "last" else 0)
        return (published - timedelta(days=days)).isoformat()
    if kind == "word":
        if precision != "day":
            return None
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[(groups[0] or "").lower()]
        return (published + timedelta(days=shift)).isoformat()
    unit, plural, ago = groups
    assert unit is not None
    if plural and not ago:  # "for decades", "for years": an open range up to publication
        if context.governing == "for" and unit in ("year", "decade"):
            return f"../{published.year:04d}"
        return None
    if ago:
        count = context.number
        if count is None or unit == "decade":
            return None
        return _ago(published, precision, unit, count)
    if context.relation is None or unit in ("day", "decade"):
        return None
    shift = {"last": -1, "this": 0, "next": 1}[context.relation]
    if unit == "year":
        return f"{published.year + shift:04d}"
    if unit == "month":
        return _month_of(published, shift) if precision != "year" else None
    return _week(published + timedelta(days=7 * shift)) if precision == "day" else None


def _ago(published: date, precision: str, unit: str, count: int) -> str | None:
    if unit == "year":
        return f"{published.year - count:04d}"
    if unit == "month":
        return _month_of(published, -count) if precision != "year" else None
    if precision != "day":
        return None
    # "two weeks ago" is the day two weeks back; "last week" (above) is a calendar week
    return (published - timedelta(days=count * (7 if unit == "week" else 1))).isoformat()


def _reshape(
    text: str, kind: str, match: re.Match[str]
) -> tuple[str, int, tuple[str | None, ...]] | None:
    """Return a match's kind, start and groups, taking in what the patterns leave to this
    check: a day before the month ("8 December"), the start of "today", "yesterday" and
    "tomorrow"; None for a match inside a word or a "day" that is none of those."""
    start, groups = match.start(), match.groups()
    if kind == "mdy" and groups[1] is None:
        before = _DAY_BEFORE.search(text, max(0, start - 12), start)
        if before is not None and starts_word(text, before.start()):
            start, groups = before.start(), (groups[0], before.group(1), groups[2])
    elif kind == "unit" and (unit := groups[0] or "") in ("day", "morrow"):
        if groups[1] or groups[2]:
            return None if unit == "morrow" else (kind, start, groups)  # "two days ago"
        for word, head in _DAY_WORDS.items():
            if word.endswith(unit) and text[max(0, start - len(head)) : start].lower() == head:
                kind, start, groups = "word", start - len(head), (word,)
                break
        else:
            return None  # "day" alone, or the end of "Monday"
    return (kind, start, groups) if starts_word(text, start) else None


def publication_span(published: str | None) -> TimeSpan | None:
    """Return the publication date as a TimeSpan at the precision it was given, or None
    without one: the date a claim takes when its sentence states none.

    Raises InputError for a malformed date (sources are checked when stored).
    """
    if published is None or not published.strip():
        return None
    return parse_time(published.strip(), field="published")


def find_dates(
    text: str,
    published: str | None = None,
    *,
    offset: int = 0,
    future: bool | None = None,
) -> list[DateMention]:
    """Return the date expressions in ``text``, left to right, without overlaps.

    "since X" and "from X" turn X into an open range starting at X, "until X" into one
    ending at X. Relative expressions need ``published`` at the precision they need
    (a day for "on Saturday", a month for "in December", a year for "last year") and
    are skipped without it. ``future`` says which way a month or day without a year
    points (True: forward from publication); left None, the words before each date in
    its sentence decide. ``offset`` is added to the positions returned, for a slice of
    a longer text.
    """
    base = None
    precision = "day"
    if published:
        span = parse_time(published)
        base = date.fromisoformat(span.end) if span.end else None
        precision = span.precision.value
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern_kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            reshaped = _reshape(text, pattern_kind, match)
            if reshaped is None:
                continue
            kind, start, groups = reshaped
            end = match.end()
            context = _context(text, start)
            first = context.start
            if kind == "unit" and groups[2] and context.number is not None:
                first = context.number_start  # "three weeks ago"
            if any(s < end and first < e for s, e in taken):
                continue
            pointed = kind == "weekday" or (kind == "mdy" and groups[2] is None)
            forward = future if future is not None else pointed and looks_forward(text, first)
            try:
                expression = _resolve(kind, groups, context, base, precision, forward)
                if expression is None:
                    continue
                opens = _OPENS.get(context.governing or "")
                if opens and "/" not in expression:
                    expression = f"{expression}/.." if opens == "start" else f"../{expression}"
                span = parse_time(expression)
            except Exception:  # noqa: BLE001  # an impossible date in prose is not an error
                continue
            taken.append((first, end))
            found.append(DateMention(offset + first, offset + end, text[first:end], span))
    return sorted(found, key=lambda m: m.start)
