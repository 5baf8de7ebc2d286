"""Proposing claims from one parsed document, sentence by sentence.

Two paths. With a dependency parse (the default ingest), clauses.py reads each
clause that names an actor and holds a word of data/lexicon.yaml, and a claim
takes its sentence's date or else the publication date. Without one (``--fast``),
the text is searched once for dates and for the literal starts of trigger
patterns; each sentence that names an actor and holds a trigger is read by the
rules of roles.py, a sentence without a date takes the last date of its
paragraph, and "he" and "she" stand for the person last speaking or acting.
Neither path dates an event by a wire's dateline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any

from forcevet.errors import InputError
from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.clauses import parse_claims
from forcevet.ingest.articles.dates import DateMention, find_dates
from forcevet.ingest.articles.roles import ProposedClaim, keep_surest, sentence_claims
from forcevet.ingest.articles.triggers import find_prefixes, find_triggers
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.dates import TimeSpan, parse_time

__all__ = ["ProposedClaim", "event_dates", "propose_claims", "sentence_spans"]

# A wire dateline: "JERUSALEM, Jan 15 (Reuters) - ". Its date is the report's, not an event's.
DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'’-]{2,40},[^\n]{0,40}?\s[-–—]\s")


def event_dates(text: str, published: str | None) -> list[DateMention]:
    """Return the dates written in a text, leaving out those of datelines."""
    found = find_dates(text, published)
    lines = [m.span() for m in DATELINE.finditer(text)]
    if not lines:
        return found
    return [d for d in found if not any(a <= d.start < b for a, b in lines)]


def sentence_spans(doc: Any, length: int) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of a parsed document's sentences.

    Read from the token arrays: iterating ``doc.sents`` builds a Python object per
    token, which cost more than the whole spaCy pipeline.
    """
    from spacy.attrs import IDX, SENT_START

    array = doc.to_array([SENT_START, IDX])
    starts = [int(i) for i in array[array[:, 0] == 1, 1]]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], length], strict=True))


def _publication(published: str | None) -> TimeSpan | None:
    """Return the publication date as a time, the date of a claim whose sentence has none."""
    from forcevet.ingest.articles import dates

    span = getattr(dates, "publication_span", None)
    if span is not None:
        found: TimeSpan | None = span(published)
        return found
    try:
        return parse_time(published) if published else None
    except InputError:
        return None


def propose_claims(
    doc: Any,
    text: str,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    *,
    published: str | None,
    base_credibility: int,
    parse: bool = False,
) -> list[ProposedClaim]:
    """Return the claims a parsed document proposes, best first within each sentence.

    With ``parse``, and a document that carries a dependency parse, its clauses are
    read (clauses.py); otherwise the rules of roles.py read the sentences (the fast
    path).
    The text is searched once for dates and for the literal starts of trigger
    patterns; each sentence then looks only at what falls inside it. A sentence
    without a date takes the last one before it in its paragraph.
    """
    if parse and doc.has_annotation("DEP"):  # a pipeline without a parser: the rules
        return parse_claims(
            doc,
            text,
            mentions,
            actors,
            published=published,
            publication=_publication(published),
            base_credibility=base_credibility,
        )
    proposed: dict[tuple[object, ...], ProposedClaim] = {}
    paragraph_date: TimeSpan | None = None
    paragraph = -1
    salient: str | None = None  # the person last speaking or acting: what "he" refers to
    mention_starts = [m.start for m in mentions]
    prefix_starts, prefixes = find_prefixes(text)
    dates = event_dates(text, published) if prefix_starts and mentions else []
    date_starts = [d.start for d in dates]
    newlines, counted_to = 0, 0
    for start, end in sentence_spans(doc, len(text)):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        start, end = start + lead, start + len(raw.rstrip())
        if start >= end:
            continue
        newlines += text.count("\n", counted_to, start)  # counted once, left to right
        counted_to = start
        if newlines != paragraph:
            paragraph, paragraph_date = newlines, None
        in_sentence = [
            d
            for d in dates[bisect_left(date_starts, start) : bisect_left(date_starts, end)]
            if d.end <= end
        ]
        if in_sentence:  # a sentence without a date takes the last one of its paragraph
            paragraph_date = in_sentence[0].span
        window = mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
        present = prefixes[bisect_left(prefix_starts, start) : bisect_left(prefix_starts, end)]
        triggers = find_triggers(text, start, end, present) if window else []
        if not triggers:
            continue
        sentence = text[start:end]
        local = [
            Mention(m.start, m.end, salient, m.text, m.how)
            if m.how == "pronoun" and salient is not None
            else m
            for m in window
        ]
        claims, speaker = sentence_claims(
            sentence,
            start,
            local,
            actors,
            triggers,
            in_sentence,
            paragraph_date,
            base_credibility,
        )
        people = [c.subject_id for c in claims if actors[c.subject_id].kind is ActorKind.PERSON]
        if speaker is not None and speaker.kind is ActorKind.PERSON:
            salient = speaker.id
        elif people:
            salient = people[0]
        for claim in claims:
            keep_surest(proposed, claim)
    return sorted(proposed.values(), key=lambda c: (c.quote_start, -c.confidence))
