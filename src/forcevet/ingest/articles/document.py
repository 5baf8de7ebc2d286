"""A parsed document as the parse path reads it: spaCy's token arrays, each token's
mention, the sentences, the dates written in the text, and what the claims of any
sentence need from the whole document (the forces and councils it names, the state it
names most, a quotation's speaker, what a pronoun stands for).

One sentence's ``Tree`` (speech.py) is built from these arrays when it is read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import numpy

from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.mentions import NOT_PLACES
from forcevet.ingest.articles.speech import Speaker, Tree, find_speakers, state_of
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.dates import TimeSpan

MISSION_NAME = re.compile(r"\b(?:force|mission|operation|stabili[sz]ation)\b", re.I)


class ParsedDocument:
    """A parsed document's arrays, its mentions by token, and what claims need from it."""

    def __init__(
        self,
        doc: Any,
        text: str,
        mentions: Sequence[Mention],
        actors: Mapping[str, Actor],
        published: str | None,
    ) -> None:
        from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG

        self.text, self.actors = text, actors
        self.mentions = list(mentions)  # pronouns are re-pointed as the text is read
        array = doc.to_array([HEAD, DEP, LEMMA, LOWER, POS, IDX, LENGTH, SENT_START, TAG])
        self.count = len(array)
        self.rel_head = array[:, 0].astype(numpy.int64)
        self.lemma_hash = array[:, 2]
        self.columns = array
        self.idx: list[int] = array[:, 5].tolist()
        self.length: list[int] = array[:, 6].tolist()
        self.strings = doc.vocab.strings
        starts = numpy.flatnonzero(array[:, 7] == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        self.sentences = _rejoined(
            text, self.idx, list(zip(starts, [*starts[1:], self.count], strict=True))
        )
        self.mention_of = [-1] * self.count
        for number, mention in enumerate(mentions):
            first = bisect_right(self.idx, mention.start) - 1
            last = bisect_left(self.idx, mention.end)
            for token in range(max(first, 0), last):
                if self.mention_of[token] < 0:
                    self.mention_of[token] = number
        from forcevet.ingest.articles.extract import event_dates

        self.dates = event_dates(text, published)
        self.date_starts = [d.start for d in self.dates]
        self._columns: list[list[Any]] | None = None
        self._states: dict[str, str] | None = None
        self.missions = _missions(mentions, actors)
        self.home = _home(mentions, actors)
        self.person_state: dict[str, str] = {}  # what a speaker's title said earlier
        self.councils = _councils(mentions, actors)
        self._by_place: dict[str, list[str]] | None = None

    def mission_at(self, places: Sequence[str]) -> str | None:
        """Return the one mission named after one of the places ("troops to Haiti"), if
        the store holds exactly one such."""
        if self._by_place is None:
            self._by_place = _missions_by_place(self.actors)
        for place in places:
            found = self._by_place.get(place.lower(), [])
            if len(found) > 1:  # "Haiti": the mission whose own name has it, not an alias
                found = [m for m in found if place.lower() in self.actors[m].name.lower()]
            if len(found) == 1:
                return found[0]
        return None

    def tree(self, start: int, end: int) -> Tree:
        """Return the parse of the sentence of tokens ``start`` to ``end``.

        The columns are document-wide lists filled only over this sentence (one sentence
        is read at a time), so a sentence costs its own length, not the document's.
        """
        if self._columns is None:
            self._columns = [[None] * self.count for _ in range(6)]
        head, dep, lemma, lower, pos, tag = self._columns
        block = self.columns[start:end]
        strings = self.strings
        head[start:end] = (numpy.arange(start, end) + self.rel_head[start:end]).tolist()
        dep[start:end] = [strings[h] for h in block[:, 1].tolist()]
        lemma[start:end] = [strings[h].lower() for h in block[:, 2].tolist()]
        lower[start:end] = [strings[h] for h in block[:, 3].tolist()]
        pos[start:end] = [strings[h] for h in block[:, 4].tolist()]
        tag[start:end] = [strings[h] for h in block[:, 8].tolist()]
        return Tree(start, end, head, dep, lemma, lower, pos, self.idx, self.length,
                    self.mention_of, tag)  # fmt: skip

    def state_named(self, word: str) -> str | None:
        """Return the state whose one-word name or alias is ``word`` (lower case)."""
        if self._states is None:
            self._states = {
                name.lower(): actor.id
                for actor in self.actors.values()
                if actor.kind is ActorKind.STATE
                for name in actor.names
                if " " not in name
            }
        return self._states.get(word)

    def quote_speaker(self, start: int, end: int) -> Speaker | None:
        """Return who speaks the quotation that a sentence opens and does not close: the
        speaker of the sentence (of its paragraph) that closes it."""
        following = [(a, b) for a, b in self.sentences if a >= end]
        for later_start, later_end in following[:4]:
            first_char = self.idx[later_start]
            if "\n" in self.text[self.idx[start] : first_char]:
                return None  # a new paragraph
            speakers = find_speakers(self.tree(later_start, later_end), self.mentions, self.actors)
            if speakers:
                return speakers[0]
            last = self.idx[later_end - 1] + self.length[later_end - 1]
            if _closes_quote(self.text[first_char:last]):
                return None
        return None

    def point_pronouns(self, start: int, end: int, person: str | None) -> None:
        """Let "he" and "she" in a sentence stand for the person last speaking or acting."""
        if person is None:
            return
        for token in range(start, end):
            number = self.mention_of[token]
            if number >= 0 and self.mentions[number].how == "pronoun":
                old = self.mentions[number]
                self.mentions[number] = Mention(old.start, old.end, person, old.text, old.how)

    def date_in(self, start: int, end: int) -> TimeSpan | None:
        """Return the first date written between two character offsets."""
        first = bisect_left(self.date_starts, start)
        within = [
            d
            for d in self.dates[first : bisect_left(self.date_starts, end)]
            if d.end <= end and not d.text.lower().startswith("this ")
        ]  # "this year" says no more than the publication date does
        return within[0].span if within else None


_ENDS = frozenset('.!?:;"\u201d\u2019)')


def _rejoined(
    text: str, idx: Sequence[int], sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Join a sentence the parser split where no sentence ends: the part before stops
    without closing punctuation and the part after opens with a bracket, a comma or a
    small letter ("... Mission [UNIFIL], according to X", "... force (ISF), he said")."""
    joined: list[tuple[int, int]] = []
    for start, end in sentences:
        if joined:
            before = text[idx[joined[-1][0]] : idx[start]].rstrip()
            after = text[idx[start] : idx[start] + 1]
            if before and before[-1] not in _ENDS and after and (after in "[(," or after.islower()):
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


def is_mission(actor: Actor) -> bool:
    """Return whether an actor is a force or a mission (an organisation named as one)."""
    return actor.kind is ActorKind.IGO and any(MISSION_NAME.search(n) for n in actor.names)


def opens_quote(sentence: str) -> bool:
    """Return whether a sentence opens a quotation it does not close."""
    opening = sentence.count("“") + (sentence.count('"') + 1) // 2
    closing = sentence.count("”") + sentence.count('"') // 2
    return sentence.lstrip()[:1] in ('"', "“") and opening > closing


def _closes_quote(sentence: str) -> bool:
    return "”" in sentence or sentence.count('"') % 2 == 1


def _missions(mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> list[str]:
    """Return the forces and missions a document names, the most named first."""
    counts: dict[str, int] = {}
    for mention in mentions:
        actor = actors.get(mention.actor_id)
        if actor is not None and is_mission(actor):
            counts[actor.id] = counts.get(actor.id, 0) + 1
    return sorted(counts, key=lambda a: -counts[a])


def _home(mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> str | None:
    """Return the state a document names most (the first named among equals)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        actor = actors.get(mention.actor_id)
        state = state_of(actor, actors) if actor is not None else None
        if state is not None:
            counts[state] = counts.get(state, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def _councils(mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> list[str]:
    """Return the councils a document names (where votes are held), in text order."""
    found = [
        m.actor_id
        for m in mentions
        if (a := actors.get(m.actor_id)) is not None and "council" in a.name.lower()
    ]
    return list(dict.fromkeys(found))


_PLACE_WORD = re.compile(
    r"\b(?:(?:South|North|East|West|Central|Southern|Northern|Eastern|Western)\s+)?"
    r"[A-Z][a-z]{3,}\b"
)


def _missions_by_place(actors: Mapping[str, Actor]) -> dict[str, list[str]]:
    """Return, per lower-case word of a mission's names that is capitalised there (a
    place: "Haiti", "Gaza", "Somalia"), the missions named with it."""
    found: dict[str, list[str]] = {}
    for actor in actors.values():
        if actor.kind is not ActorKind.IGO or not is_mission(actor):
            continue
        for name in actor.names:
            # "South Sudan" is one place: its "Sudan" alone is another country
            for word in _PLACE_WORD.findall(name):
                if MISSION_NAME.match(word) or word.lower() in NOT_PLACES:
                    continue
                if actor.id not in found.get(word.lower(), []):
                    found.setdefault(word.lower(), []).append(actor.id)
    return found
