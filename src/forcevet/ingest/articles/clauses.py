"""Proposing claims from a dependency parse, clause by clause.

Only sentences that name an actor and hold an anchor word of data/lexicon.yaml
are read. For each anchor whose frame holds, the clause is walked up the tree:
its subject (through coordination, possessives and adjectives: "Turkish
troops", "Pakistan's refusal"), its negation ("not", "never", "no", or a
refusal above it), its modality (intent, speculation, opinion), a condition
("if", "unless", "provided that"), and the speaker whose words hold it
(speech.py). Objects are read below the anchor, never across another clause or
a contrasted, negated conjunct ("troops but no action against the group").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy

from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.dates import DateMention
from forcevet.ingest.articles.lexicon import Anchor, Entry, anchors
from forcevet.ingest.articles.roles import ProposedClaim
from forcevet.ingest.articles.speech import (
    FIRST_PERSON,
    SPEECH,
    Speaker,
    Tree,
    attribute,
    find_speakers,
    mention_actor,
    speaker_for,
    state_of,
)
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.dates import TimeSpan
from forcevet.model.vocabulary import load_predicates

# Words above a clause that refuse it ("refused to disarm", "ruled out sending").
REFUSALS = frozenset(
    {"refuse", "decline", "reject", "rule", "unwilling", "reluctant", "disinclined", "oppose",
     "avoid", "resist", "reluctance", "refusal", "against", "withdraw", "unlikely"}
)  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
INTENT = frozenset(
    {"will", "would", "shall", "ready", "willing", "prepared", "plan", "intend", "agree",
     "decide", "promise", "want", "seek", "aim", "vow", "expect", "going", "offer", "pledge",
     "commit", "eager", "keen", "set", "prepare"}
)  # fmt: skip
SPECULATIVE = frozenset(
    {"consider", "weigh", "explore", "mull", "discuss", "study", "could", "may", "might",
     "possible", "possibly", "likely", "potential", "potentially", "interest", "talk",
     "reportedly", "allegedly", "open"}
)  # fmt: skip
OPINION = frozenset({"should", "must", "ought"})
# Nouns for an act whose possessor is its doer ("Pakistan's refusal", "Indonesia's offer").
ACTS = frozenset(
    {"offer", "pledge", "commitment", "contribution", "refusal", "decision", "veto",
     "objection", "recognition", "reservation", "condition", "abstention", "withdrawal"}
)  # fmt: skip
DESIRES = frozenset({"want", "wish", "demand", "insist", "urge", "ask", "propose", "prefer"})
PARTICIPATION = frozenset(
    {"offers_units", "contributes_peacekeepers", "named_as_contributor", "declines_participation"}
)
CONDITIONS = frozenset({"if", "unless", "provided", "providing", "once"})
UNITS = frozenset(
    {"troop", "soldier", "personnel", "police", "policeman", "officer", "battalion", "force",
     "contingent", "unit", "peacekeeper", "brigade", "gendarme", "marine", "army", "forces",
     "group", "team", "detachment", "squad"}
)  # fmt: skip
PARTAKING = UNITS | {"participation", "role", "presence", "involvement", "contribution"}
FORCE_WORDS = frozenset({"force", "mission", "operation", "isf"})
GENERIC = frozenset({"country", "nation", "state", "government", "member"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"it", "they", "its", "their", "them"})
# Ways up from an anchor to the clause that holds it, and down to its arguments.
UP = frozenset(
    {"xcomp", "acomp", "pcomp", "prep", "pobj", "dobj", "attr", "oprd", "csubj", "csubjpass",
     "conj", "acl", "dative", "compound", "amod", "nmod", "npadvmod", "appos", "advcl", "auxpass"}
)  # fmt: skip
DOWN = frozenset(
    {"dobj", "pobj", "prep", "dative", "attr", "oprd", "xcomp", "pcomp", "conj", "appos", "poss",
     "compound", "amod", "nmod", "acomp", "npadvmod", "acl"}
)  # fmt: skip
MISSION_NAME = re.compile(r"\b(?:force|mission|operation|stabili[sz]ation)\b", re.I)
_HEARSAY_CONFIDENCE = 0.8


@dataclass
class _Clause:
    """What the walk from an anchor up to its clause found."""

    subjects: list[int]
    negated: bool
    refused: bool
    words: set[str]
    condition: int | None
    top: int
    first_person: bool
    whether: bool


@dataclass(frozen=True)
class _Found:
    """A frame that holds at an anchor token."""

    anchor: Anchor
    token: int


class _Document:
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
        self.sentences = list(zip(starts, [*starts[1:], self.count], strict=True))
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


def is_mission(actor: Actor) -> bool:
    """Return whether an actor is a force or a mission (an organisation named as one)."""
    return actor.kind is ActorKind.IGO and any(MISSION_NAME.search(n) for n in actor.names)


def _opens_quote(sentence: str) -> bool:
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


def _missions_by_place(actors: Mapping[str, Actor]) -> dict[str, list[str]]:
    """Return, per lower-case word of a mission's names that is capitalised there (a
    place: "Haiti", "Gaza", "Somalia"), the missions named with it."""
    found: dict[str, list[str]] = {}
    for actor in actors.values():
        if actor.kind is not ActorKind.IGO or not is_mission(actor):
            continue
        for name in actor.names:
            for word in re.findall(r"\b[A-Z][a-z]{3,}\b", name):
                if not MISSION_NAME.match(word) and actor.id not in found.get(word.lower(), []):
                    found.setdefault(word.lower(), []).append(actor.id)
    return found


@cache
def _anchor_hashes(strings: Any) -> Any:
    return numpy.array([strings.add(w) for w in anchors()], dtype=numpy.uint64)


def parse_claims(
    doc: Any,
    text: str,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    *,
    published: str | None,
    publication: TimeSpan | None,
    base_credibility: int,
) -> list[ProposedClaim]:
    """Return the claims a parsed document's clauses state, in text order."""
    if not mentions:
        return []
    document = _Document(doc, text, mentions, actors, published)
    hashes = _anchor_hashes(doc.vocab.strings)
    lemma_upper = numpy.isin(document.lemma_hash, hashes)
    # lemmas of capitalised words keep their case ("Veto"): look up the lower forms too
    is_anchor = lemma_upper | numpy.isin(document.columns[:, 3], hashes)
    anchored = numpy.flatnonzero(is_anchor).tolist()
    has_mention = numpy.array(document.mention_of) >= 0
    claims: dict[tuple[Any, ...], ProposedClaim] = {}
    salient: str | None = None  # the person last speaking or acting: whom "he" means
    for start, end in document.sentences:
        first = bisect_left(anchored, start)
        if first == len(anchored) or anchored[first] >= end or not has_mention[start:end].any():
            continue
        document.point_pronouns(start, end, salient)
        tree = document.tree(start, end)
        sentence_start = document.idx[start]
        sentence_end = document.idx[end - 1] + document.length[end - 1]
        quote = text[sentence_start:sentence_end]
        if quote.rstrip().endswith("?"):
            continue  # a question states nothing
        time = document.date_in(sentence_start, sentence_end) or publication
        reader = _Reader(document, tree, quote, sentence_start, time, base_credibility)
        if _opens_quote(quote):  # '"A. B," X said.': X says A too
            reader.quoted_by = document.quote_speaker(start, end)
        tokens = anchored[first : bisect_left(anchored, end)]
        made = reader.claims(tokens)
        salient = reader.salient(made) or salient
        for claim in made:
            key = (
                claim.subject_id,
                claim.predicate,
                claim.object_id,
                claim.value,
                claim.time.text if claim.time else None,
                claim.polarity,
            )
            if key not in claims or claims[key].confidence < claim.confidence:
                claims[key] = claim
    return sorted(claims.values(), key=lambda c: (c.quote_start, -c.confidence))


class _Reader:
    """Reads the claims of one sentence."""

    def __init__(
        self,
        document: _Document,
        tree: Tree,
        quote: str,
        offset: int,
        time: TimeSpan | None,
        base_credibility: int,
    ) -> None:
        self.document, self.tree, self.quote, self.offset = document, tree, quote, offset
        self.time, self.base_credibility = time, base_credibility
        self.actors, self.mentions = document.actors, document.mentions
        self.speakers = [
            self._remembered(s) for s in find_speakers(tree, document.mentions, document.actors)
        ]
        self.quoted_by: Speaker | None = None  # who speaks a quotation closed later

    def _remembered(self, speaker: Speaker) -> Speaker:
        """Return a speaker with the allegiance an earlier title gave them ("senior US
        diplomat X told ... But he said"), and remember a new one."""
        known = self.document.person_state
        if speaker.actor_id is None:
            return speaker
        if speaker.state_id is not None:
            known.setdefault(speaker.actor_id, speaker.state_id)
            return speaker
        if speaker.actor_id in known:
            return dataclasses.replace(speaker, state_id=known[speaker.actor_id])
        return speaker

    def salient(self, claims: Sequence[ProposedClaim]) -> str | None:
        """Return the person speaking or acting in the sentence, if any."""
        people = [
            s.actor_id
            for s in self.speakers
            if s.actor_id and self.actors[s.actor_id].kind is ActorKind.PERSON
        ]
        people += [
            c.subject_id for c in claims if self.actors[c.subject_id].kind is ActorKind.PERSON
        ]
        return people[0] if people else None

    def claims(self, tokens: Sequence[int]) -> list[ProposedClaim]:
        found = [f for token in tokens if (f := self._frame(token)) is not None]
        said: set[int] = set()
        claims: list[ProposedClaim] = []
        # lower verbs first: "helped nurture", "decided to contribute": the lower verb says it
        for item in sorted(found, key=lambda f: -self._depth(f.token)):
            bare = item.anchor.verb and not item.anchor.frame.with_
            if bare and any(c in said for c in self._lower_verbs(item.token)):
                continue
            made = self._claims(item)
            if made:
                said.add(item.token)
            claims.extend(made)
        return sorted(claims, key=lambda c: c.quote_start)

    def _lower_verbs(self, token: int) -> list[int]:
        """Return the verbs a verb governs as its complement ("helped nurture"), also
        where the parser took the lower verb for a modifier of the object."""
        tree = self.tree
        lower = tree.kids(token, "xcomp")
        return lower + [c for o in tree.kids(token, "dobj") for c in tree.kids(o, "compound")]

    def _depth(self, token: int) -> int:
        tree, depth = self.tree, 0
        while tree.head[token] != token and depth < 50:
            token, depth = tree.head[token], depth + 1
        return depth

    # -- frames ---------------------------------------------------------------------

    def _frame(self, token: int) -> _Found | None:
        """Return the frame that holds at a token, the surest first, if any."""
        tree = self.tree
        if tree.mention[token] >= 0:
            return None  # a word of a name ("Kenyan-led international force")
        candidates = anchors().get(tree.lemma[token]) or anchors().get(tree.lower[token]) or ()
        holding: list[tuple[tuple[int, int, int, float], _Found]] = []
        for anchor in candidates:
            participle = anchor.verb and (
                tree.dep[token] in ("amod", "acl", "pcomp") or tree.tag[token].startswith("VB")
            )
            if anchor.verb != tree.is_verb(token) and not participle:
                continue  # a verb frame on a noun, or a noun frame on a verb
            kids = tree.kids(token)
            kids = kids + [g for c in kids if tree.dep[c] == "prep" for g in tree.kids(c)]
            near = {tree.lemma[c] for c in kids} | {tree.lower[c] for c in kids}
            near.add(tree.lemma[tree.head[token]])  # "vote in favour", "in talks"
            if anchor.rest and not all(word in near for word in anchor.rest):
                continue
            if anchor.frame.with_ and not self._has_argument(
                token, anchor.frame.with_, subject=anchor.frame.with_subject
            ):
                continue
            if anchor.frame.alone and (
                tree.kids(token, "xcomp", "dobj")
                or any(tree.lower[p] in ("in", "to") for p in tree.kids(token, "prep"))
            ):
                continue  # "declined to comment", "not participate in disarming Hamas"
            if anchor.frame.negated:
                clause = self._clause(token)
                if not (clause.negated or clause.refused):
                    continue
            rank = (
                1 if anchor.frame.negated else 0,
                self._specific_object(token, anchor.entry),
                len(anchor.rest) + (1 if anchor.frame.with_ else 0),
                anchor.entry.confidence,
            )
            holding.append((rank, _Found(anchor, token)))
        if not holding:
            return None
        return max(holding, key=lambda h: h[0])[1]

    def _specific_object(self, token: int, entry: Entry) -> int:
        """Return 1 if an actor of a kind the entry names (not "any") is an argument: "rejects
        Turkish role" is a veto of a state, "rejects the force" a refusal to join."""
        if "any" in entry.object:
            return 0
        for other in self._below(token, limit=12):
            actor = mention_actor(self.tree, other, self.mentions, self.actors)
            if other != token and actor is not None and actor.kind.value in entry.object:
                return 1
        return 0

    def _has_argument(self, token: int, words: Sequence[str], *, subject: bool = False) -> bool:
        """Return whether one of ``words`` is among a token's arguments (down the tree, not
        into other clauses), or the token's head for a noun anchor."""
        tree = self.tree
        wanted = set(words)
        forces = bool(wanted & FORCE_WORDS)
        # "declined to comment on the force": a complement verb that is none of the words
        # is another matter
        aside = frozenset(
            t
            for x in tree.kids(token, "xcomp")
            if tree.lemma[x] not in wanted
            for t in tree.subtree(x)
        )
        for other in self._below(token, limit=12, skip=aside):
            if other == token or tree.dep[other] in ("amod", "advmod"):
                continue  # "a planned force" is not a plan
            if tree.lemma[other] in wanted or tree.lower[other] in wanted:
                return True
            named = mention_actor(tree, other, self.mentions, self.actors) if forces else None
            if named is not None and is_mission(named):
                return True  # "withdrew from UNIFIL": a force by its name
        head = tree.head[token]
        if not tree.is_verb(token) or tree.dep[token] in ("amod", "acl"):
            named = mention_actor(tree, head, self.mentions, self.actors)
            force = named is not None and is_mission(named)
            return tree.lemma[head] in wanted or force  # "a Kenya-led mission"
        # "soldiers from Jamaica arrived": the units may be the subject
        subjects = [*tree.kids(token, "nsubj"), *self._absolute_subject(token)] if subject else []
        subjects += tree.kids(token, "nsubjpass")  # "soldiers were deployed"
        return any(tree.lemma[n] in wanted for n in subjects)

    def _below(
        self, token: int, *, limit: int = 40, skip: frozenset[int] = frozenset()
    ) -> list[int]:
        """Return the tokens under an anchor that are its arguments: down through objects,
        prepositions and modifiers, not into clauses with their own subject, relative
        clauses, conditions or negated conjuncts."""
        tree = self.tree
        found: list[int] = []
        queue = deque([token])  # nearest first
        while queue and len(found) < limit:
            current = queue.popleft()
            found.append(current)
            if current != token and tree.dep[current] in ("amod", "compound", "poss"):
                continue  # a modifier's own modifiers ("UN-designated") are not arguments
            for child in tree.kids(current):
                dep = tree.dep[child]
                if child in skip:
                    continue
                if dep == "ccomp" and tree.lemma[current] not in SPEECH:
                    # "facilitating Hamas outreach" parsed as a clause: its subject
                    found.extend([child, *tree.kids(child, "nsubj")])
                    continue
                if dep == "nsubjpass" and current == token and tree.kids(token, "agent"):
                    queue.append(child)  # "Turkey's participation was vetoed by Israel"
                    continue
                if dep not in DOWN:
                    continue
                if dep == "conj" and (
                    tree.is_verb(child) or tree.kids(child, "nsubj") or self._contrasted(child)
                ):
                    continue  # a verb joined on has its own objects
                queue.append(child)
        return found

    def _contrasted(self, token: int) -> bool:
        """Return whether a conjunct is negated ("but no action against the group")."""
        tree = self.tree
        return any(tree.lemma[c] in NEGATIONS for c in tree.kids(token, "det", "neg", "advmod"))

    # -- the clause above an anchor ----------------------------------------------------

    def _clause(self, token: int) -> _Clause:
        """Walk up from an anchor to the subject of its clause, noting negation, refusal,
        modality words and conditions on the way (not past a verb it is coordinated
        with: "does not recognise X and has designated Y" negates only the first)."""
        tree = self.tree
        current, collecting = token, True
        negated = refused = first_person = whether = False
        words: set[str] = set()
        condition: int | None = None
        subjects: list[int] = []
        seen: set[int] = set()
        while current not in seen:
            seen.add(current)
            if collecting:
                for child in tree.kids(current):
                    dep, lemma = tree.dep[child], tree.lemma[child]
                    if dep == "neg" or (dep in ("det", "advmod") and lemma in NEGATIONS):
                        negated = True
                    elif dep in ("aux", "advmod", "amod", "acomp") and lemma in (
                        INTENT | SPECULATIVE | OPINION
                    ):
                        words.add(lemma)
                    elif (
                        dep == "aux"
                        and tree.lower[child] == "to"
                        and tree.kids(current, "nsubj")
                        and not any(tree.lemma[a] == "have" for a in tree.kids(current, "aux"))
                    ):
                        words.add("will")  # a headline's "Benin to send troops"
                    elif dep == "advcl" and any(
                        tree.lemma[m] in CONDITIONS for m in tree.kids(child, "mark", "advmod")
                    ):
                        condition = child
                        if not tree.kids(child, "nsubj", "nsubjpass", "expl"):
                            words.add("if")  # "if needed": a hedge, not a condition
                if current != token:
                    if tree.lemma[current] in REFUSALS:
                        refused = True
                    if tree.lemma[current] in INTENT | SPECULATIVE:
                        words.add(tree.lemma[current])
            near = [current, *tree.kids(current, "attr", "dobj", "nsubj", "acomp")]
            marks = {tree.lower[m] for m in tree.kids(current, "mark")}
            if tree.dep[current] == "advcl" and marks & CONDITIONS:
                words.add("condition")  # "if it is led by the United States"
            if tree.dep[current] == "ccomp" and marks & {"whether", "if"}:
                whether = True  # an open question, not a position
            if any(tree.lemma[c] in FIRST_PERSON for n in near for c in tree.kids(n, "poss")):
                first_person = True  # "not our job", "our soldiers"
            subject = self._subject_here(current, token)
            if subject is not None:
                subjects = subject
                break
            dep = tree.dep[current]
            if dep == "advcl" and tree.kids(current, "mark"):
                if any(tree.lower[m] in CONDITIONS for m in tree.kids(current, "mark")):
                    words.add("condition")  # what a condition asks for is no fact
                break  # a condition or time clause has its own subject
            passes = (
                dep in UP
                or (dep == "relcl" and self._infinitive(current))
                # a clause the parser hung under another verb than a speech verb shares
                # that verb's subject ("troops prepared ... will remain ..., avoid combat")
                or (dep == "ccomp" and tree.lemma[tree.head[current]] not in SPEECH)
            )
            if not passes or tree.head[current] == current:
                break
            if dep == "conj" and tree.is_verb(current):
                collecting = False
                said = self._said_alongside(current)
                if said is not None:
                    current = said
                    continue
            current = tree.head[current]
        return _Clause(subjects, negated, refused, words, condition, current, first_person, whether)

    def _said_alongside(self, verb: int) -> int | None:
        """Return the speech verb a verb is coordinated with when the parser attached it
        to what was said: "Hussain stated that the Senate takes pride ..., and praised
        Hamas" (the tense of "praised" is that of "stated", not of "takes")."""
        tree = self.tree
        head = tree.head[verb]
        said = head
        while tree.dep[said] != "ccomp" and tree.head[said] != said:
            said = tree.head[said]
        speech = tree.head[said]
        if tree.dep[said] != "ccomp" or speech not in {s.verb for s in self.speakers}:
            return None
        if tree.tag[verb] == tree.tag[speech] and tree.tag[verb] != tree.tag[head]:
            return speech
        return None

    def _subject_here(self, current: int, anchor: int) -> list[int] | None:
        """Return the subject tokens at one step of the walk: the verb's subject (the
        agent in the passive), or an actor modifying a noun on the way ("Turkish troops",
        "Pakistan's refusal")."""
        tree = self.tree
        for agent in tree.kids(current, "agent"):
            objects = tree.kids(agent, "pobj")
            if objects:
                return objects
        subjects = tree.kids(current, "nsubj")
        if not subjects and current != anchor:
            # "Indonesian personnel will not be involved in combat", "Chad is set to deploy"
            subjects = tree.kids(current, "nsubjpass")
        if not subjects and current == anchor:
            units = [s for s in tree.kids(anchor, "nsubjpass") if tree.lemma[s] in UNITS]
            subjects = units or self._absolute_subject(anchor)  # "Kenyan police were sent"
        if subjects:  # a dateline's place may be parsed as a second subject: the nearest
            subject = max(subjects, key=lambda s: (tree.mention[s] >= 0, s))
            relative = tree.lemma[subject] in RELATIVE or any(
                tree.lemma[w] in RELATIVE for p in tree.kids(subject, "prep") for w in tree.kids(p)
            )  # "which", "both of whom"
            if relative and tree.dep[current] == "relcl":
                return [self._antecedent(subject, tree.head[current])]
            if relative and tree.kids(subject, "prep"):  # "China and Russia, both of whom"
                return [self._antecedent(subject, subject)]
            return [subject]
        if not tree.is_verb(current) and (current != anchor or self._possessed(anchor)):
            if tree.mention[current] >= 0:
                return None  # an actor on the way is an argument, not the doer
            for modifier in tree.kids(current, "poss", "amod", "compound", "nmod"):
                if tree.mention[modifier] >= 0 or tree.lemma[modifier] in FIRST_PERSON:
                    return [modifier]
                for inner in tree.kids(modifier, "poss", "amod", "compound"):
                    if tree.mention[inner] >= 0:  # "the South African government's decision"
                        return [inner]
        if tree.dep[current] == "relcl" and not self._infinitive(current):
            return [tree.head[current]]  # "militias that fund Hamas": the militias
        return None

    def _possessed(self, anchor: int) -> bool:
        """Return whether a noun anchor states whose act it is ("Indonesia's offer", "the
        Kenyan pledge"); a possessive or adjective on a noun of relations or roles names
        one side of it, as its subject elsewhere in the clause may ("Hamas representative")."""
        tree = self.tree
        return tree.lemma[anchor] in ACTS and bool(tree.kids(anchor, "poss", "amod"))

    def _as_did(self, top: int, speaker: Speaker | None, speaker_state: str | None) -> list[Actor]:
        """Return who did the same in "Russia abstained, as did China"."""
        tree = self.tree
        found: list[Actor] = []
        for clause in tree.kids(top, "advcl"):
            if tree.lemma[clause] == "do" and any(
                tree.lower[m] == "as" for m in tree.kids(clause, "mark")
            ):
                for subject in tree.kids(clause, "nsubj"):
                    found.extend(self._actors_at(subject, speaker, speaker_state))
        return found

    def _hyphen_leader(self, anchor: int) -> list[Actor]:
        """Return the state before "-led" ("a Kenya-led mission"), which the recogniser
        leaves unmarked as no agent of the sentence's verb."""
        tree = self.tree
        if tree.lemma[anchor] != "lead" or anchor - 2 < tree.start:
            return []
        if tree.lower[anchor - 1] != "-":
            return []
        state = self.document.state_named(tree.lower[anchor - 2])
        return [self.actors[state]] if state is not None else []

    def _listed_after(self, anchor: int) -> list[Actor]:
        """Return the states listed after a dash or colon that follows an anchor: who the
        generic subject was ("Two countries have committed to train police - Egypt and
        Jordan")."""
        tree = self.tree
        found: list[Actor] = []
        dash = next(
            (t for t in range(anchor + 1, tree.end) if tree.lower[t] in ("-", "—", "–", ":")),
            None,
        )
        if dash is None:
            return found
        for token in range(dash + 1, tree.end):
            actor = mention_actor(tree, token, self.mentions, self.actors)
            if actor is not None and actor.kind is ActorKind.STATE:
                if actor.id not in {a.id for a in found}:
                    found.append(actor)
            elif tree.mention[token] < 0 and tree.lower[token] not in (",", "and", "the"):
                break
        return found

    def _absolute_subject(self, anchor: int) -> list[int]:
        """Return the subject of a participle after "with" ("with Russia, China and Pakistan
        abstaining"), or of a participle after a hyphen ("Kenya-led", "US-backed")."""
        tree = self.tree
        named = [
            c
            for c in tree.kids(anchor, "npadvmod", "compound", "nmod")
            if tree.mention[c] >= 0 and c < anchor
        ]
        if named and tree.lower[anchor - 1] == "-":
            return named[:1]
        if not tree.tag[anchor].startswith("VBG") or anchor - 1 < tree.start:
            return []
        before = anchor - 1
        while tree.dep[before] == "conj" and tree.head[before] < before:
            before = tree.head[before]
        if tree.dep[before] == "pobj" and tree.lower[tree.head[before]] == "with":
            return [before]
        return []

    def _infinitive(self, verb: int) -> bool:
        """Return whether a verb is a bare infinitive ("the first country to fund")."""
        tree = self.tree
        return any(tree.lower[a] == "to" for a in tree.kids(verb, "aux"))

    def _antecedent(self, pronoun: int, head: int) -> int:
        """Return what a relative pronoun stands for: the actor written just before it
        ("Azerbaijan, which has ties"), which the parser sometimes attaches elsewhere,
        else the head of the relative clause."""
        tree = self.tree
        before = min(tree.subtree(pronoun)) - 1
        if before >= tree.start and tree.lower[before] == ",":
            before -= 1
        if before >= tree.start and tree.mention[before] >= 0:
            return before
        return head

    # -- who ---------------------------------------------------------------------------

    def _actors_at(
        self, token: int, speaker: Speaker | None, speaker_state: str | None, depth: int = 0
    ) -> list[Actor]:
        """Return the actors a subject token stands for, with those coordinated with it
        ("Jamaica, Belize and the Bahamas"), or named in its modifiers ("the South African
        government's decision", "a contingent of 75 Guatemalan soldiers")."""
        tree = self.tree
        found: list[Actor] = []
        for member in [token, *self._conjuncts(token)]:
            actor = self._actor_of(member, speaker, speaker_state)
            if actor is not None and actor.id not in {a.id for a in found}:
                found.append(actor)
        if not found and tree.mention[token] < 0:
            inner = list(tree.kids(token, "poss", "amod", "compound", "nmod", "appos"))
            if tree.lemma[token] in UNITS:
                inner += [
                    place
                    for prep in tree.kids(token, "prep")
                    if tree.lower[prep] in ("from", "of")
                    for place in tree.kids(prep, "pobj")
                ]
            for modifier in inner:
                actor = self._actor_of(modifier, speaker, speaker_state)
                if actor is not None:
                    found.append(actor)
                elif depth < 1:
                    found.extend(self._actors_at(modifier, speaker, speaker_state, depth + 1))
        return found

    def _conjuncts(self, token: int) -> list[int]:
        tree = self.tree
        found, stack = [], list(tree.kids(token, "conj"))
        while stack:
            member = stack.pop()
            if not tree.is_verb(member):
                found.append(member)
                stack.extend(tree.kids(member, "conj"))
        return found

    def _actor_of(
        self, token: int, speaker: Speaker | None, speaker_state: str | None
    ) -> Actor | None:
        tree = self.tree
        actor = mention_actor(tree, token, self.mentions, self.actors)
        if actor is not None:
            if self.mentions[tree.mention[token]].how == "demonym" and tree.dep[token] not in (
                "amod",
                "compound",
                "nmod",
                "poss",
            ):
                return None  # "the Pakistanis": a people, not the state's act
            return actor
        lemma = tree.lemma[token]
        stands_for_speaker = lemma in FIRST_PERSON or lemma in PRONOUNS or lemma in UNITS
        if stands_for_speaker and speaker_state is not None:
            return self.actors.get(speaker_state)  # "we", "our soldiers", "it" in X's words
        if lemma in FIRST_PERSON or lemma in PRONOUNS:
            return None
        return None

    def _holder(self, token: int) -> tuple[list[int], int | None]:
        """Return who a role noun is said of ("Zaheer, the representative"; "Senator
        Hussain"; "X is the commander"; "named X as a contributor") and, for "as", the
        subject of the verb that names them (a speaker)."""
        tree = self.tree
        dep, head = tree.dep[token], tree.head[token]
        appositions = [a for a in tree.kids(token, "appos") if tree.mention[a] >= 0]
        if appositions:
            return appositions, None
        if dep == "appos" or (dep == "compound" and tree.mention[head] >= 0):
            return [head], None
        if dep == "attr" and tree.lemma[head] == "be":
            return tree.kids(head, "nsubj"), None
        if dep == "pobj" and tree.lower[head] == "as":
            verb = tree.head[head]
            if not tree.is_verb(verb):  # "officials named X ... as": the naming verb below
                verb = next((v for v in tree.kids(verb, "acl", "relcl") if tree.is_verb(v)), verb)
            named = tree.kids(verb, "dobj", "nsubjpass", "oprd")
            if named:
                said_by = tree.kids(verb, "nsubj") or (
                    [tree.head[verb]] if tree.dep[verb] == "acl" else []
                )
                return named, said_by[0] if said_by else None
            return tree.kids(verb, "nsubj"), None
        return [], None

    # -- claims ------------------------------------------------------------------------

    def _claims(self, item: _Found) -> list[ProposedClaim]:
        tree, frame, entry = self.tree, item.anchor.frame, item.anchor.entry
        token = item.token
        clause = self._clause(token)
        speaker = speaker_for(tree, clause.top, self.speakers) or self.quoted_by
        namer: int | None = None
        if frame.holder:
            subject_tokens, namer = self._holder(token)
            if namer is not None:
                speaker = _as_speaker(tree, namer, self.mentions, self.actors) or speaker
        else:
            subject_tokens = clause.subjects
        speaker_state = self._speaker_state(speaker)
        doers: list[Actor] = []
        for subject in subject_tokens:
            doers.extend(self._actors_at(subject, speaker, speaker_state))
        doers.extend(self._as_did(clause.top, speaker, speaker_state))
        if not doers:
            doers = self._hyphen_leader(token)
        if not doers and any(tree.lemma[t] in GENERIC for t in subject_tokens):
            doers = self._listed_after(token)  # "Five countries have committed - A, B, C"
        if not doers and clause.first_person and speaker_state is not None:
            doers = [self.actors[speaker_state]]
        if not doers and not subject_tokens and speaker is not None and speaker.actor_id:
            speaker_actor = self.actors.get(speaker.actor_id)
            if speaker_actor is not None and speaker_actor.kind is ActorKind.STATE:
                doers = [speaker_actor]  # "Kenya said it was ready to ...": "to" has no subject
        doers = [d for d in (self._fit(d, entry) for d in doers) if d is not None]
        if not doers:
            return []
        predicate, note, credibility_step = entry.predicate, None, 0
        words = clause.words
        if words & OPINION and predicate != "states_condition":
            return []  # what someone should do states nothing about them
        if predicate != "states_condition" and (
            self._wished(clause.top) or "condition" in clause.words
        ):
            return []  # "Egypt wants the force to be led by US forces": Egypt's condition
        speculative = sorted(words & SPECULATIVE)
        if frame.intent and words & INTENT and not speculative:
            predicate = frame.intent
        if frame.otherwise and not speculative:  # "the largest troop contributor": a fact
            predicate = frame.otherwise
        if predicate == "offers_units" and speculative:
            predicate, note = "named_as_contributor", f"modality: {speculative[0]}"
        elif speculative and predicate != "named_as_contributor":
            note, credibility_step = f"modality: {speculative[0]}", 1
        value = self._value(item, clause)
        if clause.whether:
            return []  # "would not say whether Canada will take part": no position
        hedge = "if" in clause.words
        if clause.condition is not None and hedge and predicate in PARTICIPATION:
            pass  # "willing to contribute troops if needed" is an offer
        elif clause.condition is not None:
            if predicate in PARTICIPATION:  # "will not send troops unless ...": a condition
                predicate = "states_condition"
                value = _short(tree.text(tree.subtree(clause.condition), self.document.text))
            else:
                note, credibility_step = "conditional", 1
        negated = (clause.negated or clause.refused) and not frame.negated
        if negated and not entry.negatable:
            return []
        polarity = "denies" if negated and entry.negatable else "affirms"
        entry_for_objects = _entry(predicate) or entry
        skip = frozenset(
            t
            for s in subject_tokens
            for t in (tree.subtree(s) if token not in tree.subtree(s) else [s])
        )
        objects = self._objects(token, entry_for_objects, doers, skip, frame.holder, subject_tokens)
        kind = load_predicates()[predicate].object.value
        if not objects and entry_for_objects.mission and not frame.named_object:
            mission = self._mission(token)
            objects = [self.actors[mission]] if mission is not None else []
        if not objects and entry_for_objects.council and self.document.councils:
            objects = [self.actors[self.document.councils[0]]]
        if kind == "actor" and not objects:
            return []
        if kind == "either" and not objects and value is None and predicate not in (
            "states_reservation_on_mandate", "declines_participation", "states_condition",
            "named_as_contributor", "offers_units", "abstains_on", "rejects", "votes_for",
        ):  # fmt: skip
            return []
        contrast = self._contrast(token, doers)
        targets: list[Actor | None] = list(objects) or [None]
        claims = [
            self._claim(doer, predicate, target, value, polarity, speaker, entry, frame.name,
                        note, credibility_step)
            for doer in doers
            for target in targets
            if target is None or target.id != doer.id
        ]  # fmt: skip
        return claims + contrast

    def _wished(self, top: int) -> bool:
        """Return whether a clause with its own subject is what someone else wants."""
        tree = self.tree
        current = top
        while tree.head[current] != current:
            current = tree.head[current]
            if tree.lemma[current] in DESIRES:
                return True
        return False

    def _mission(self, token: int) -> str | None:
        """Return the force a participation claim is about when no object names it: the
        one the document names most, else the one named after the place the sentence
        sends troops to ("to Gaza", "in Haiti")."""
        if self.document.missions:
            return self.document.missions[0]
        tree = self.tree
        places = [
            tree.text([o], self.document.text)
            for t in [token, *self._below(token)]
            for p in tree.kids(t, "prep")
            if tree.lower[p] in ("to", "in", "into", "for", "from")
            for o in tree.kids(p, "pobj")
        ]
        places += [m.text for m in self.mentions if m.how != "demonym"]
        return self.document.mission_at(places)

    def _fit(self, actor: Actor, entry: Entry) -> Actor | None:
        """Return the actor if its kind fits, else its state if a state fits (a minister
        pledging troops pledges their state's); a state's position is its state's."""
        kinds = entry.subject
        if entry.state_position and actor.kind is not ActorKind.STATE:
            state = state_of(actor, self.actors) or self.document.person_state.get(actor.id)
            if state is not None:
                return self.actors[state]
        if "any" in kinds or actor.kind.value in kinds:
            return actor
        if "state" in kinds:
            state = state_of(actor, self.actors) or self.document.person_state.get(actor.id)
            if state is not None:
                return self.actors[state]
        return None

    def _speaker_state(self, speaker: Speaker | None) -> str | None:
        if speaker is None:
            return None
        if speaker.state_id is not None:
            return speaker.state_id
        actor = self.actors.get(speaker.actor_id) if speaker.actor_id else None
        return state_of(actor, self.actors) if actor is not None else None

    def _objects(
        self,
        token: int,
        entry: Entry,
        doers: Sequence[Actor],
        skip: frozenset[int],
        holder: bool,
        holders: Sequence[int],
    ) -> list[Actor]:
        """Return the actors a claim is about: below the anchor (its object, "to the
        force", "the participation of Turkey"), at most three; for a role noun the
        nearest one, then the holder's "of" ("Senator Hussain of the PML-N")."""
        tree = self.tree
        below = self._below(token, skip=skip)
        if holder:
            below = [t for t in below if t not in holders] + [
                p
                for h in holders
                for prep in tree.kids(h, "prep")
                if tree.lower[prep] in ("of", "for", "from")
                for p in tree.subtree(prep)
            ]
        found: list[Actor] = []
        for other in below:
            if other == token and not holder:
                continue
            actor = mention_actor(tree, other, self.mentions, self.actors)
            if actor is None or actor.id in {d.id for d in doers}:
                continue
            demonym = self.mentions[tree.mention[other]].how == "demonym"
            if demonym and tree.lemma[tree.head[other]] not in PARTAKING:
                continue  # "Palestinian mujahideen": an adjective is no one's object
            if actor.kind is ActorKind.PERSON and entry.predicate == "hosts_representative_of":
                parent = self.actors.get(actor.parent_id) if actor.parent_id else None
                actor = parent if parent is not None else actor
            if not ("any" in entry.object or actor.kind.value in entry.object):
                continue
            if entry.mission and actor.kind is ActorKind.IGO and not is_mission(actor):
                continue  # "the AU's handover": the body, not the force
            if entry.predicate == "states_condition" and is_mission(actor):
                continue  # a condition names who must agree, not the force itself
            if actor.id not in {f.id for f in found}:
                found.append(actor)
            if holder or len(found) == 3:
                break
        if not found and tree.dep[token] == "compound" and tree.is_verb(token):
            # "helped nurture LeT" parsed with "nurture" modifying "LeT": LeT is the object
            actor = mention_actor(tree, tree.head[token], self.mentions, self.actors)
            if actor is not None and ("any" in entry.object or actor.kind.value in entry.object):
                found.append(actor)
        if not found and tree.dep[token] == "xcomp":
            # "helped nurture LeT" with LeT attached to "helped": the object of both
            head = tree.head[token]
            for other in tree.kids(head, "dobj"):
                actor = mention_actor(tree, other, self.mentions, self.actors)
                if actor is not None and (
                    "any" in entry.object or actor.kind.value in entry.object
                ):
                    found.append(actor)
        if not found and tree.dep[token] == "acl":
            # "events hosted by X" where someone took part: the clause's subject above
            above = tree.head[token]
            while not tree.is_verb(above) and tree.head[above] != above:
                above = tree.head[above]
            for subject in tree.kids(above, "nsubj"):
                actor = mention_actor(tree, subject, self.mentions, self.actors)
                if actor is not None and actor.id not in {d.id for d in doers}:
                    if actor.kind is ActorKind.PERSON and actor.parent_id in self.actors:
                        actor = self.actors[actor.parent_id]  # type: ignore[index]
                    if "any" in entry.object or actor.kind.value in entry.object:
                        found.append(actor)
        return found

    def _contrast(self, token: int, doers: Sequence[Actor]) -> list[ProposedClaim]:
        """Return the reservation a negated conjunct states ("send troops but no action
        against the group"): on the group it names, never an offer to it."""
        tree = self.tree
        claims: list[ProposedClaim] = []
        entry = _entry("states_reservation_on_mandate")
        if entry is None:
            return claims
        for child in tree.kids(token, "conj"):
            if not self._contrasted(child):
                continue
            for other in tree.subtree(child):
                actor = mention_actor(tree, other, self.mentions, self.actors)
                if actor is not None and actor.kind.value in entry.object:
                    claims.extend(
                        self._claim(doer, entry.predicate, actor, None, "affirms", None, entry,
                                    "contrast", None, 0)
                        for doer in doers if doer.kind.value in entry.subject
                    )  # fmt: skip
        return claims

    def _value(self, item: _Found, clause: _Clause) -> str | None:
        tree, frame = self.tree, item.anchor.frame
        source = self.document.text
        if frame.value is not None:
            return frame.value
        if frame.value_keywords:
            around = {tree.lemma[t] for t in self._below(item.token)} | {tree.lemma[item.token]}
            for keyword, value in frame.value_keywords.items():
                if keyword in around:
                    return value
            return None
        below = self._below(item.token)
        if frame.value_from == "units":
            for other in below:
                numbers = tree.kids(other, "nummod")
                if tree.lemma[other] in UNITS and numbers:
                    words = [t for n in numbers for t in tree.subtree(n)] + [other]
                    return _short(tree.text(words, source))
        if frame.value_from == "money":
            for other in below:
                if tree.lower[other] in ("$", "€", "£") or tree.lemma[other] in ("dollar",):
                    return _short(tree.text(tree.subtree(tree.head[other]), source))
        if frame.value_from == "anchor":
            words = [*tree.kids(item.token, "compound", "amod"), item.token]
            return _short(tree.text(words, source))
        if frame.value_from == "phrase":
            for other in below:
                if other != item.token and tree.dep[other] in ("dobj", "pobj", "attr"):
                    words = [t for t in tree.subtree(other) if tree.dep[t] not in ("relcl",)]
                    return _short(tree.text(words, source).removeprefix("the ").removeprefix("a "))
        return None

    def _claim(
        self,
        doer: Actor,
        predicate: str,
        target: Actor | None,
        value: str | None,
        polarity: str,
        speaker: Speaker | None,
        entry: Entry,
        frame: str,
        note: str | None,
        credibility_step: int,
    ) -> ProposedClaim:
        attribution = attribute(speaker, doer, self.actors, self.document.home)
        confidence = entry.confidence
        step = credibility_step  # hedged or conditional: one step worse
        if attribution.reported:  # hearsay: one step worse (not two when also hedged)
            step = 1
            confidence *= _HEARSAY_CONFIDENCE
        notes = [n for n in (note, attribution.note) if n]
        kind = load_predicates()[predicate].object.value
        return ProposedClaim(
            subject_id=doer.id,
            predicate=predicate,
            object_id=target.id if target is not None else None,
            value=value if kind != "actor" else None,
            time=self.time,
            polarity=polarity,
            quote=self.quote,
            quote_start=self.offset,
            quote_end=self.offset + len(self.quote),
            credibility=_worse(self.base_credibility, step),
            confidence=round(min(1.0, confidence), 3),
            method=f"parse:{predicate}:{frame}",
            reported_by_id=attribution.reported_by_id
            if attribution.reported_by_id != doer.id
            else None,
            reported=attribution.reported,
            note="; ".join(notes) or None,
        )


def _as_speaker(
    tree: Tree, token: int, mentions: Sequence[Mention], actors: Mapping[str, Actor]
) -> Speaker | None:
    """Return the subject of a verb that names someone ("US officials named X as ...")
    as the speaker of that naming."""
    from forcevet.ingest.articles.speech import speaker_at

    return speaker_at(tree, tree.head[token], token, mentions, actors)


def _entry(predicate: str) -> Entry | None:
    from forcevet.ingest.articles.lexicon import load_lexicon

    return load_lexicon().get(predicate)


def _worse(credibility: int, steps: int) -> int:
    """Return a credibility some steps worse, not past 5 (6 means it cannot be judged)."""
    return credibility if not steps else max(credibility, min(5, credibility + steps))


def _short(text: str, words: int = 10) -> str:
    """Return text on one line, cut to a few words."""
    parts = text.replace('"', " ").split()
    return " ".join(parts[:words])


__all__ = ["DateMention", "parse_claims"]
