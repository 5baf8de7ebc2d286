"""A source's text cut into pieces, each with the claims whose quote covers it: what a
page needs to mark every claim in its source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcevet.model.claims import Claim


@dataclass(frozen=True)
class Piece:
    """A run of the source's text, the claims quoting it, and those whose quote starts here."""

    text: str
    claims: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()


def quote_span(claim: Claim, text: str) -> tuple[int, int] | None:
    """Return where a claim's quote lies in the text: its recorded offsets when they hold
    the quote, else the quote's first occurrence; None for a paraphrase or a quote the
    text does not hold."""
    start, end = claim.quote_start, claim.quote_end
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return start, end
    if claim.paraphrase or not claim.quote.strip():
        return None
    found = text.find(claim.quote)
    return None if found < 0 else (found, found + len(claim.quote))


def mark_claims(text: str, claims: Sequence[Claim]) -> tuple[list[Piece], list[Claim]]:
    """Return the text in pieces marked with the claims quoting each, and the claims
    whose quote could not be placed (paraphrases, quotes the text does not hold).

    Overlapping quotes cut the text at every quote's start and end, so a piece
    quoted by two claims names both.
    """
    spans: dict[str, tuple[int, int]] = {}
    unplaced = []
    for claim in claims:
        span = quote_span(claim, text)
        if span is None:
            unplaced.append(claim)
        else:
            spans[claim.id] = span
    cuts = sorted({0, len(text), *(i for span in spans.values() for i in span)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(c for c, (a, b) in spans.items() if a <= start and end <= b)
        starting = tuple(c for c, (a, _) in spans.items() if a == start)
        pieces.append(Piece(text[start:end], covering, starting))
    return pieces, unplaced
