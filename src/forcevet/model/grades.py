"""The Admiralty (NATO AJP-2.1) grading: source reliability and information credibility.

The two grades are independent: a usually reliable source can report a doubtful
claim. F and 6 mean "cannot be judged", not "bad".
"""

from __future__ import annotations

from enum import Enum, StrEnum

from forcevet.errors import InputError


class Reliability(StrEnum):
    """How far a source has proved reliable in the past (Admiralty A-F)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        """Return the published wording of the grade."""
        return RELIABILITY_MEANINGS[self]

    @classmethod
    def parse(cls, text: object, *, field: str = "reliability") -> Reliability:
        """Return the grade written as A-F (any case), or raise InputError."""
        value = str(text).strip().upper()
        try:
            return cls(value)
        except ValueError:
            raise InputError(
                f'expected a source reliability A-F, got "{text}"', field=field
            ) from None


RELIABILITY_MEANINGS = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}


class Credibility(int, Enum):
    """How far one piece of information is believed (Admiralty 1-6)."""

    CONFIRMED = 1
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6

    @property
    def meaning(self) -> str:
        """Return the published wording of the grade."""
        return CREDIBILITY_MEANINGS[self]

    @classmethod
    def parse(cls, text: object, *, field: str = "credibility") -> Credibility:
        """Return the grade written as 1-6, or raise InputError."""
        raw = str(text).strip()
        try:
            return cls(int(raw))
        except ValueError:
            raise InputError(
                f'expected an information credibility 1-6, got "{text}"', field=field
            ) from None


CREDIBILITY_MEANINGS = {
    Credibility.CONFIRMED: "confirmed by other sources",
    Credibility.PROBABLY_TRUE: "probably true",
    Credibility.POSSIBLY_TRUE: "possibly true",
    Credibility.DOUBTFUL: "doubtful",
    Credibility.IMPROBABLE: "improbable",
    Credibility.CANNOT_BE_JUDGED: "truth cannot be judged",
}
