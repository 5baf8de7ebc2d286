"""Recognising actors in parsed text: the entities the pipeline marked (pipeline.py),
and what the text itself defines.

Per document: abbreviations defined in the text ("Inter-Services Intelligence
(ISI)"), possessives that name a state body ("Pakistan's Senate"), places
rather than agents ("Pakistan-based"), "he"/"she" for the last person named,
and names that look like a person or an organisation the store does not know,
proposed as new actors. With the parse (not ``--fast``), the model's people and
organisations are proposed too, each with an id that its mentions carry (so that
claims can name it), its kind, the title written before or beside a person's name
and the state or body the text ties it to; a proposed person's surname later in
the text stands for them.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy

from forcevet.ingest.articles.pipeline import VARIANT, from_a_list, load_demonyms, make_pipeline
from forcevet.ingest.articles.rules import starts_word
from forcevet.model.actors import Actor, ActorKind, ActorStatus
from forcevet.model.ids import name_key, slugify

# Words after "<State>'s" that name one of its bodies, and the words that may
# stand for them in the body's name.
BODY_WORDS = {
    "senate": ("senate", "upper house"),
    "upper house": ("senate", "upper house"),
    "parliament": ("parliament", "national assembly"),
    "national assembly": ("national assembly",),
    "military": ("military", "armed forces", "army"),
    "army": ("army", "military"),
    "armed forces": ("armed forces", "military"),
    "navy": ("navy",),
    "air force": ("air force",),
    "intelligence agency": ("intelligence",),
    "intelligence service": ("intelligence",),
    "foreign ministry": ("foreign", "ministry of foreign affairs"),
    "defence ministry": ("defence", "defense"),
    "defense ministry": ("defence", "defense"),
    "government": ("government",),
    "cabinet": ("cabinet",),
}
LOCATIVE = re.compile(r"-(?:based|held|administered|occupied|controlled|backed)\b")
# The same and more, read with the parse: "UN-designated", "Iran-linked".
MODIFIER = re.compile(
    r"-(?:based|held|administered|occupied|controlled|backed|designated|linked|"
    r"affiliated|aligned|allied|run|funded|sponsored|supported)\b"
)
# Names of intergovernmental bodies and multinational forces or missions.
INTERGOVERNMENTAL = re.compile(
    r"^(?:UN|NATO|EU|AU|ECOWAS|SADC|IGAD|ASEAN|OIC|CARICOM|Arab League|"
    r"United Nations|African Union|European Union)\b|"
    r"\b(?:International|Multinational|Multi-National|Stabili[sz]ation|Peacekeeping|"
    r"Interim|Joint|Security Support|Security Assistance)\b.*\b(?:Force|Mission)$"
)
# A capitalised name, perhaps in quotes, then an abbreviation in brackets.
NAME_THEN_ABBREVIATION = re.compile(
    r"((?:[A-Z][\w'-]*\s+(?:(?:of|for|the|and|on)\s+)*){0,6}[A-Z][\w'-]*)"
    r"[\"\u201d\u2019']?\s*\(([A-Z][A-Za-z]{1,7})\)"
)
CAPITALISED_PIECE = re.compile(r"[A-Z][a-z']*")
# A description of a force, a mission or the council that names none: "the force", "a
# U.N.-backed mission", "the Kenyan-led international security mission", "the council".
DESCRIPTION = re.compile(
    r"\b(?:the|a|an|our|this|its|that)\s+((?:(?:[\w.]+-(?:led|backed|endorsed|authori[sz]ed|"
    r"mandated|sponsored)|international|multinational|multi-national|security|"
    r"stabili[sz]ation|peacekeeping|support|proposed|new|planned|foreign|regional|african|"
    r"union|united|nations|u\.n\.|un|\d+-member)\s+)*)(force|mission|council)\b",
    re.IGNORECASE,
)
# Names the store does not know, found by rule (no statistical model is needed for
# these): a person after a title, an organisation ending in a word that names one.
_CAPITALISED = r"[A-Z][a-z'\-]+(?:\s+(?:al-|bin\s|ibn\s)?[A-Z][a-z'\-]+){1,3}"
# Neither starts with "\b", which would make Python's engine try every position; the
# boundary is checked on each match instead (rules.starts_word).
UNKNOWN_PERSON = re.compile(
    r"(?:Senator|Minister|President|Prime Minister|Foreign Minister|Defence Minister|"
    r"Defense Minister|General|Gen\.|Colonel|Ambassador|spokes(?:man|woman|person)|"
    r"commander|leader|representative|envoy)\s+(" + _CAPITALISED + r")"
)
UNKNOWN_ORGANISATION = re.compile(
    r"((?:[A-Z][a-z'\-]+\s+){1,4}(?:Party|Front|Movement|Brigades?|Council|Organi[sz]ation|"
    r"Institute|Agency|Foundation|League|Committee))\b"
)
PRONOUNS = frozenset({"he", "He", "she", "She"})
DEFINED_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


@dataclass(frozen=True)
class Mention:
    """An actor named in the text, with how it was recognised."""

    start: int
    end: int
    actor_id: str
    text: str
    how: str


@dataclass(frozen=True)
class ProposedActor:
    """A name that looks like an actor the store does not know yet.

    ``id`` is derived from the name (the same name proposes the same id in every
    document); ``title`` is what the text calls a person ("Deputy Prime Minister"),
    and ``parent_id`` the state or body it ties them to.
    """

    name: str
    kind: ActorKind
    parent_id: str | None
    context: str
    id: str = ""
    title: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name))

    def as_actor(self) -> Actor:
        """Return the actor this proposal would be, awaiting review."""
        return Actor(
            id=self.id,
            kind=self.kind,
            name=self.name,
            parent_id=self.parent_id,
            status=ActorStatus.PROPOSED,
        )


@dataclass(frozen=True)
class _Tokens:
    """A parsed document's token columns as Python lists: entity type, character offset,
    length and lower-case form (as spaCy's hashes)."""

    kind: list[int]
    idx: list[int]
    length: list[int]
    lower: list[int]

    def end(self, token: int) -> int:
        """Return the character offset just after a token."""
        return self.idx[token] + self.length[token]


class Recognizer:
    """Finds actors in parsed documents; built once per batch and re-used.

    ``parse`` chooses spaCy's English model (False: the rule-only ``--fast`` pipeline,
    whose mentions are as they were before the model came).
    """

    def __init__(
        self, actors: Sequence[Actor], in_evidence: Collection[str] = (), *, parse: bool = True
    ) -> None:
        self.actors = {a.id: a for a in actors}
        self.parse = parse
        self.listed = {a.id for a in actors if from_a_list(a, in_evidence)}
        self.known_names = {name_key(n) for a in actors for n in a.names}
        self.nlp: Any = make_pipeline(actors, in_evidence, parse=parse)
        self._possessive_marks = {self.nlp.vocab.strings[m] for m in ("'s", "’s")}
        self._pronoun_forms = numpy.array(
            [self.nlp.vocab.strings[m] for m in ("he", "she")], dtype=numpy.uint64
        )
        self.bodies: dict[str, list[Actor]] = {}
        for actor in actors:
            if actor.kind is ActorKind.STATE_BODY and actor.parent_id:
                self.bodies.setdefault(actor.parent_id, []).append(actor)
        # Forces and missions (and the Security Council) by the words of their names, for
        # the descriptions articles use instead of a name ("the force", "the council").
        self.forces = {
            a.id: _NameWords.of(a)
            for a in actors
            if a.kind is ActorKind.IGO
            and any(w in n.lower().split() for n in a.names for w in ("force", "mission"))
        }
        self.councils = [
            a.id
            for a in actors
            if a.kind is ActorKind.IGO and a.name.lower().endswith("security council")
        ]

    def mentions(self, doc: Any, text: str) -> tuple[list[Mention], list[ProposedActor]]:
        """Return the actors named in a parsed document (``text`` is its text), and names it
        proposes as new actors.

        The entities are read from the token arrays: ``doc.ents`` builds a Python
        object for every token of the document, which cost more than the rest.
        """
        if self.parse:
            return _Reading(self, doc, text).run()
        from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER

        table = doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, IDX, LENGTH, LOWER])
        iob = table[:, 0]
        starts = numpy.flatnonzero(iob == 3)  # 3: an entity begins here
        # 1: inside an entity; the end of the document closes the last one
        outside = numpy.append(numpy.flatnonzero(iob != 1), len(iob))
        ends = (
            outside[numpy.searchsorted(outside, starts, side="right")].tolist()
            if len(starts)
            else []
        )
        tokens = _Tokens(
            table[:, 1].tolist(), table[:, 3].tolist(), table[:, 4].tolist(), table[:, 5].tolist()
        )
        strings = doc.vocab.strings
        found: list[Mention] = []
        proposed: list[ProposedActor] = []
        for first, stop, kind, actor_hash in zip(
            starts.tolist(), ends, table[starts, 1].tolist(), table[starts, 2].tolist(), strict=True
        ):
            start_char = tokens.idx[first]
            end_char = tokens.end(stop - 1)
            if LOCATIVE.match(text, end_char, end_char + 16):
                continue  # "Pakistan-based JeM": a place, not an agent
            actor_id = strings[actor_hash]
            body = self._possessive_body(doc, text, tokens, stop, actor_id, proposed)
            if body is not None:
                actor_id, end = body
                found.append(Mention(start_char, end, actor_id, text[start_char:end], "possessive"))
                continue
            label = strings[kind]
            how = label if label in ("demonym", VARIANT) else "name"
            found.append(Mention(start_char, end_char, actor_id, text[start_char:end_char], how))
        found.extend(self._abbreviations(text, found))
        proposed.extend(self._unknown_names(text, found))
        pronouns = numpy.flatnonzero(numpy.isin(table[:, 5], self._pronoun_forms)).tolist()
        found.extend(self._pronouns(text, found, tokens, pronouns))
        return sorted(found, key=lambda m: m.start), proposed

    def _possessive_body(
        self,
        doc: Any,
        text: str,
        tokens: _Tokens,
        after: int,
        actor_id: str,
        proposed: list[ProposedActor],
    ) -> tuple[str, int] | None:
        """Return the state body and where its name ends if a state's name is followed by
        "'s" and a word for one of its bodies ("Pakistan's Senate")."""
        actor = self.actors.get(actor_id)
        count = len(tokens.idx)
        if actor is None or actor.kind is not ActorKind.STATE or after + 1 >= count:
            return None
        if tokens.lower[after] not in self._possessive_marks:
            return None
        for width in (2, 1):
            last = min(after + 1 + width, count) - 1
            phrase = text[tokens.idx[after + 1] : tokens.end(last)].lower()
            if phrase not in BODY_WORDS or any(tokens.kind[after + 1 : last + 1]):
                continue
            for body in self.bodies.get(actor_id, []):
                if any(w in name_key(n) for n in body.names for w in BODY_WORDS[phrase]):
                    return body.id, tokens.end(last)
            words = text[tokens.idx[after + 1] : tokens.end(last)]
            proposed.append(
                ProposedActor(
                    f"{words[:1].upper()}{words[1:]} of {actor.name}",
                    ActorKind.STATE_BODY,
                    actor_id,
                    doc[after].sent.text.strip(),
                )
            )
            return actor_id, tokens.end(last)
        return None

    def _abbreviations(self, text: str, found: list[Mention]) -> list[Mention]:
        """Return uses of abbreviations the text defines after a known name: "X (ABC)".

        Each abbreviation is looked for once per actor however often it is defined,
        and not inside a name already found (``found`` is in text order and its
        mentions do not overlap).
        """
        extra: list[Mention] = []
        defined: set[tuple[str, str]] = set()
        starts = [m.start for m in found]
        for mention in found:
            match = DEFINED_ABBREVIATION.match(text, mention.end, mention.end + 12)
            if not match or (match.group(1), mention.actor_id) in defined:
                continue
            short = match.group(1)
            defined.add((short, mention.actor_id))
            for use in re.finditer(rf"\b{re.escape(short)}\b", text):
                before = bisect_right(starts, use.start()) - 1
                if before >= 0 and use.start() < found[before].end:
                    continue  # inside (or the same as) a name already found
                extra.append(
                    Mention(use.start(), use.end(), mention.actor_id, short, "abbreviation")
                )
        return extra

    def _unknown_names(self, text: str, found: list[Mention]) -> list[ProposedActor]:
        """Return names that look like a person or an organisation and match no actor."""
        proposals: dict[str, ProposedActor] = {}
        for pattern, kind in (
            (UNKNOWN_PERSON, ActorKind.PERSON),
            (UNKNOWN_ORGANISATION, ActorKind.ORGANIZATION),
        ):
            for match in pattern.finditer(text):
                if not starts_word(text, match.start()):
                    continue
                start, end = match.span(1)
                if any(m.start < end and start < m.end for m in found):
                    continue
                name = re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip())
                if name_key(name) in self.known_names or name in proposals:
                    continue
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                context = text[line_start : line_end if line_end >= 0 else len(text)].strip()
                proposals[name] = ProposedActor(name, kind, None, context[:300])
        return list(proposals.values())

    def _pronouns(
        self,
        text: str,
        found: list[Mention],
        tokens: _Tokens,
        candidates: list[int],
        proposed_people: Collection[str] = (),
    ) -> list[Mention]:
        """Return "he"/"she" as the last person named before it (extraction may prefer the
        person last speaking or acting); ``candidates`` are the tokens to look at,
        ``proposed_people`` the ids of the people proposed in this document."""
        people = [
            m
            for m in found
            if m.actor_id in proposed_people or self._kind(m.actor_id) is ActorKind.PERSON
        ]
        extra: list[Mention] = []
        if not people:
            return extra
        people.sort(key=lambda m: m.end)
        ends = [m.end for m in people]
        for index in candidates:
            start, end = tokens.idx[index], tokens.end(index)
            word = text[start:end]
            before = bisect_right(ends, start)
            if before and word in PRONOUNS:
                extra.append(
                    Mention(
                        start,
                        end,
                        people[before - 1].actor_id,
                        word,
                        "pronoun",
                    )
                )
        return extra

    def _kind(self, actor_id: str) -> ActorKind | None:
        actor = self.actors.get(actor_id)
        return actor.kind if actor else None


# --- Reading a parsed document ---------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """Return the words of a list written as running text, easier to read and edit."""
    return frozenset(text.split())


# The words of a title before or beside a person's name ("Deputy Prime Minister Ishaq
# Dar", "X, Indonesia's defence minister"), in lower case.
TITLE_WORDS = _words(
    "president vice prime minister deputy foreign defence defense interior home finance "
    "senator sen. general gen. lieutenant lt. colonel col. major maj. brigadier admiral "
    "marshal field ambassador envoy spokesman spokeswoman spokesperson commander chief "
    "secretary secretary-general undersecretary special representative king queen emir "
    "prince crown sheikh chairman chairwoman chair head director governor premier "
    "chancellor leader officer official senior adviser advisor army military police "
    "affairs external state top cs cabinet"
)
# Words that make an organisation an armed group when they follow or end its name.
ARMED_WORDS = _words(
    "militant militants militia militias group groups gang gangs movement fighters gunmen "
    "insurgents insurgency rebels guerrillas jihadists terrorists brigade brigades "
    "operatives faction factions"
)
# Single words the model calls an organisation or person that are no one's name.
GENERIC = _words(
    "senate parliament government ministry army military police navy council court "
    "congress cabinet assembly media officials speakers authorities president minister "
    "house forces force state west east"
)
# Months, weekdays and pronouns the model sometimes takes for a name.
NOT_NAMES = _words(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday he she it they we "
    "i you him her them us his its their our"
)
PARTICLES_IN_NAMES = frozenset({"al", "al-", "bin", "ibn", "de", "da", "van", "von", "el"})
# "Inter-Services Intelligence (ISI)", also after a closing quote: '"Force" (ISF)'.
DEFINED_AFTER = re.compile(r"[\"\u201d\u2019']?\s*\(([A-Z][A-Za-z]{1,7})\)")
DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")  # any "(ISI)": no name of its own
APPOSITION_AFTER = re.compile(r"\s*(?:,|\u2014|\u2013|--)\s*([^,\u2014\u2013.;()]{1,120})")
_CAPITALISED_WORD = re.compile(r"[A-Z]\w*")
_FIRST_TOKEN = re.compile(r"\w+|\S")
_WORD_GOES_ON = re.compile(r"[\w-]")
# Words of forces' names that say nothing of where they serve.
FORCE_WORDS = _words(
    "International Multinational Stabilization Stabilisation Force Forces Mission Security "
    "Support United Nations Organization Organisation African Union Transition Interim "
    "Democratic Republic Multidimensional Integrated Gang Suppression Peace Board Council "
    "Joint Operation Assistance Stability European Arab League"
)
# Words that end an organisation's name, never a person's.
ORGANISATION_WORDS = _words(
    "party front movement brigade brigades council organisation organization institute "
    "agency foundation league committee union association ministry department office"
)
# An organisation introduced as a state's own: "and its primary intelligence agency, the".
OWNED_BODY = re.compile(
    r"(?:'s|\u2019s|\bits)\s+(?:[a-z]+\s+){0,2}(?:agency|service|ministry|army|military|"
    r"police|forces?|intelligence|department|body|guard)\s*,\s*(?:the\s+)?$"
)
# What the upper house of a parliament is called in a proposed body's name.
BODY_NAMES = {"upper house": "senate"}


@dataclass(frozen=True)
class _NameWords:
    """The words of a force's names (lower case) and the places among them."""

    words: frozenset[str]
    places: frozenset[str]

    @classmethod
    def of(cls, actor: Actor) -> _NameWords:
        written = {w for n in actor.names for w in re.findall(r"\w+", n)}
        return cls(
            frozenset(w.lower() for w in written),
            frozenset(
                w for w in written if w[:1].isupper() and len(w) > 2 and w not in FORCE_WORDS
            ),
        )


@dataclass
class _Candidate:
    """A name the store does not know, found by the model or by rule."""

    start: int
    end: int
    kind: ActorKind
    name: str


class _Reading:
    """The mentions of one parsed document, with the parse (see Recognizer.mentions)."""

    def __init__(self, recognizer: Recognizer, doc: Any, text: str) -> None:
        from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER, ORTH

        self.recognizer, self.doc, self.text = recognizer, doc, text
        table = doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, IDX, LENGTH, LOWER, ORTH])
        self.table = table
        # words the text writes in lower case somewhere: common words, not names
        self.in_lower_case = set(table[table[:, 5] == table[:, 6], 5].tolist())
        self.tokens = _Tokens(
            table[:, 1].tolist(), table[:, 3].tolist(), table[:, 4].tolist(), table[:, 5].tolist()
        )
        self.found: list[Mention] = []
        self.covered = bytearray(len(text))  # characters a mention covers
        self.proposed: dict[str, ProposedActor] = {}  # by name_key
        self.bodies: dict[str, str] = {}  # a proposed body's word ("senate") -> its id
        self.defined = set(DEFINED.findall(text))  # "(ISI)": abbreviations the text defines

    def run(self) -> tuple[list[Mention], list[ProposedActor]]:
        strings = self.doc.vocab.strings
        iob = self.table[:, 0]
        starts = numpy.flatnonzero(iob == 3)  # 3: an entity begins here
        # 1: inside an entity; the end of the document closes the last one
        outside = numpy.append(numpy.flatnonzero(iob != 1), len(iob))
        ends = (
            outside[numpy.searchsorted(outside, starts, side="right")].tolist()
            if len(starts)
            else []
        )
        ambiguous: list[tuple[int, int, list[str]]] = []
        unknown: list[tuple[int, int, str]] = []
        for first, stop, kind, actor_hash in zip(
            starts.tolist(),
            ends,
            self.table[starts, 1].tolist(),
            self.table[starts, 2].tolist(),
            strict=True,
        ):
            if not actor_hash:
                unknown.append((first, stop, strings[kind]))
                continue
            actor_id, label = strings[actor_hash], strings[kind]
            if "|" in actor_id:
                ambiguous.append((first, stop, actor_id.split("|")))
                continue
            self._known(first, stop, actor_id, label)
        self._resolve(ambiguous)
        candidates = [c for c in (self._candidate(*u) for u in unknown) if c is not None]
        candidates += self._rule_candidates()
        for candidate in sorted(candidates, key=lambda c: c.start):
            self._propose(candidate)
        self._define_abbreviations()
        self._repeat_names()
        self._descriptions()
        for actor in list(self.proposed.values()):
            if actor.kind is ActorKind.PERSON:
                self._title(actor)
            elif actor.kind is ActorKind.ORGANIZATION:
                self._owner(actor)
        recognizer = self.recognizer
        pronouns = numpy.flatnonzero(
            numpy.isin(self.table[:, 5], recognizer._pronoun_forms)
        ).tolist()
        self.found.sort(key=lambda m: m.start)
        people = {a.id for a in self.proposed.values() if a.kind is ActorKind.PERSON}
        self.found.extend(
            recognizer._pronouns(self.text, self.found, self.tokens, pronouns, people)
        )
        return sorted(self.found, key=lambda m: m.start), list(self.proposed.values())

    # -- what the pipeline marked ----------------------------------------------------

    def _add(self, start: int, end: int, actor_id: str, how: str) -> None:
        self.found.append(Mention(start, end, actor_id, self.text[start:end], how))
        self.covered[start:end] = b"\x01" * (end - start)

    def _free(self, start: int, end: int) -> bool:
        return not any(self.covered[start:end])

    def _known(self, first: int, stop: int, actor_id: str, label: str) -> None:
        tokens, text = self.tokens, self.text
        start, end = tokens.idx[first], tokens.end(stop - 1)
        if MODIFIER.match(text, end, end + 16):
            return  # "Pakistan-based JeM", "UN-designated": a place or a mark, not an agent
        body = self._possessive_body(stop, actor_id)
        if body is not None:
            body_id, body_end = body
            self._add(start, body_end, body_id, "possessive")
            return
        how = label if label in ("demonym", VARIANT, "capital") else "name"
        self._add(start, end, actor_id, how)

    def _possessive_body(self, after: int, actor_id: str) -> tuple[str, int] | None:
        """Return the body and where its name ends for "<State>'s <body>": a body of the
        store, else a proposed one ("Pakistan's Upper House": the Senate of Pakistan)."""
        recognizer, tokens, text = self.recognizer, self.tokens, self.text
        actor = recognizer.actors.get(actor_id)
        count = len(tokens.idx)
        if actor is None or actor.kind is not ActorKind.STATE or after + 1 >= count:
            return None
        if tokens.lower[after] not in recognizer._possessive_marks:
            return None
        for width in (2, 1):
            last = min(after + 1 + width, count) - 1
            phrase = text[tokens.idx[after + 1] : tokens.end(last)].lower()
            if phrase not in BODY_WORDS or any(self.table[after + 1 : last + 1, 2]):
                continue  # not a body's word, or a known actor's name begins here
            for body in recognizer.bodies.get(actor_id, []):
                if any(w in name_key(n) for n in body.names for w in BODY_WORDS[phrase]):
                    return body.id, tokens.end(last)
            word = BODY_NAMES.get(phrase, phrase)
            proposal = self._new(
                f"{word[:1].upper()}{word[1:]} of {actor.name}",
                ActorKind.STATE_BODY,
                tokens.idx[after + 1],
                parent_id=actor_id,
            )
            self.bodies.setdefault(word, proposal.id)
            return proposal.id, tokens.end(last)
        return None

    def _resolve(self, ambiguous: list[tuple[int, int, list[str]]]) -> None:
        """Mark a demonym two states share ("Congolese") as the one the document names."""
        named = {m.actor_id for m in self.found if m.how == "name"}
        for first, stop, actor_ids in ambiguous:
            here = [i for i in actor_ids if i in named]
            if len(here) == 1:
                start, end = self.tokens.idx[first], self.tokens.end(stop - 1)
                self._add(start, end, here[0], "demonym")

    # -- names the store does not know ----------------------------------------------

    def _candidate(self, first: int, stop: int, label: str) -> _Candidate | None:
        """Return a model entity as a candidate new actor, or None if it is no one's name:
        a month, a weekday, a pronoun, a country, a demonym, a known name, one common
        word, a phrase with words that are not a name's."""
        if label not in ("PERSON", "ORG", "NORP"):
            return None
        doc, text = self.doc, self.text
        words = doc[first:stop]
        while len(words) and words[0].lower_ in ("the", "a", "an"):
            words = words[1:]
        if label == "ORG":  # "Foreign Affairs CS Alfred Mutua": a person after a title
            titled = 0
            while titled < len(words) and words[titled].lower_ in TITLE_WORDS:
                titled += 1
            rest = words[titled:]
            if (
                titled
                and len(rest) >= 2
                and not any(
                    t.lower_ in GENERIC or t.lower_ in ORGANISATION_WORDS or t.tag_ != "NNP"
                    for t in rest
                )
            ):
                label = "PERSON"
        if label == "PERSON":
            while len(words) and words[0].lower_ in TITLE_WORDS:
                words = words[1:]  # "Army Major General Jasper": the title is not the name
            while (
                len(words)
                and words.end < len(doc)
                and doc[words.end].tag_ == "NNP"
                and doc[words.end].text[:1].isupper()
                and self.table[words.end, 0] in (0, 2)  # in no entity
            ):
                words = doc[words.start : words.end + 1]  # "Jasper" "Jeffers": one name
        quote = [i for i, t in enumerate(words) if t.text in ('"', "\u201c", "\u201d", "'")]
        if quote:  # 'Gaza "International Stabilization Force': the quoted name
            words = words[quote[-1] + 1 :]
        if not len(words):
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if text.count("(", start, end) > text.count(")", start, end) and text.startswith(")", end):
            end += 1  # "Pakistan Muslim League (Nawaz)"
        name = text[start:end]
        if len(words) == 1 and name.lower() in self.bodies and self._free(start, end):
            self._add(start, end, self.bodies[name.lower()], "name")  # "the Senate"
            return None
        if not self._free(start, end) or name in self.defined or not self._is_name(name, words):
            return None  # an abbreviation the text defines goes with its definition
        if label == "PERSON":
            if len(words) < 2 or any(
                t.is_stop or not (t.text[:1].isupper() or t.lower_ in PARTICLES_IN_NAMES)
                for t in words
                if t.is_alpha
            ):
                return None
            return _Candidate(start, end, ActorKind.PERSON, name)
        following = doc[stop].lower_ if stop < len(doc) else ""
        armed = following in ARMED_WORDS or words[-1].lower_ in ARMED_WORDS
        if label == "NORP" and following not in ARMED_WORDS:
            return None  # "Islamist", "Jews": people, not a group
        if MODIFIER.match(text, end, end + 16) or all(
            t.lower_ in TITLE_WORDS or t.lower_ in GENERIC for t in words
        ):
            return None  # "UN-designated"; "Interior Cabinet" (a title, not a name)
        kind = ActorKind.ARMED_GROUP if armed else ActorKind.ORGANIZATION
        if INTERGOVERNMENTAL.search(name):
            kind = ActorKind.IGO  # the force itself, in a store that does not hold it yet
        return _Candidate(start, end, kind, name)

    def _is_name(self, name: str, words: Any) -> bool:
        key = name_key(name)
        if (
            not name[:1].isupper()
            or key in NOT_NAMES
            or key in self.recognizer.known_names
            or name in load_demonyms()
            or not any(c.isalpha() for c in name)
        ):
            return False
        if len(words) > 1:
            return True
        word = words[0]
        return not (
            key in GENERIC
            or word.is_stop
            or word.tag_ not in ("NNP", "NNPS")
            or word.lower in self.in_lower_case
        )

    def _rule_candidates(self) -> list[_Candidate]:
        """Return the names the rules find: a person after a title, an organisation
        ending in a word that names one (as the rule-only path proposes them)."""
        text, found = self.text, []
        for pattern, kind in (
            (UNKNOWN_PERSON, ActorKind.PERSON),
            (UNKNOWN_ORGANISATION, ActorKind.ORGANIZATION),
        ):
            for match in pattern.finditer(text):
                if not starts_word(text, match.start()):
                    continue
                start, end = match.span(1)
                name = re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip())
                if kind is ActorKind.PERSON:  # "commander Army Major General Jasper"
                    words = name.split()
                    while words and words[0].lower() in TITLE_WORDS:
                        words = words[1:]
                    if len(words) < 2:
                        continue
                    name = " ".join(words)
                start = end - len(name)
                if self._free(start, end) and name_key(name) not in self.recognizer.known_names:
                    following = re.match(r"\s+(\w+)", text[end : end + 30])
                    if kind is ActorKind.ORGANIZATION and (
                        name.split()[-1].lower() in ARMED_WORDS
                        or (following is not None and following.group(1).lower() in ARMED_WORDS)
                    ):
                        kind = ActorKind.ARMED_GROUP  # "the Mahdi Brigades"
                    found.append(_Candidate(start, end, kind, name))
        return found + self._defined_names()

    def _defined_names(self) -> list[_Candidate]:
        """Return the names the text defines an abbreviation for, whose initials are the
        abbreviation's capitals ('"International Stabilization Force" (ISF)')."""
        text, found = self.text, []
        for match in NAME_THEN_ABBREVIATION.finditer(text):
            capitals = "".join(c for c in match.group(2) if c.isupper())
            pieces = list(CAPITALISED_PIECE.finditer(match.group(1)))[-len(capitals) :]
            if len(pieces) != len(capitals) or "".join(p.group()[0] for p in pieces) != capitals:
                continue
            start = match.start(1) + pieces[0].start()
            while start > match.start(1) and not text[start - 1].isspace():
                start -= 1  # the whole word: "Inter-Services", not "Services"
            end = match.end(1)
            name = text[start:end]
            if self._free(start, end) and name_key(name) not in self.recognizer.known_names:
                kind = ActorKind.IGO if INTERGOVERNMENTAL.search(name) else ActorKind.ORGANIZATION
                found.append(_Candidate(start, end, kind, name))
        return found

    def _new(
        self, name: str, kind: ActorKind, at: int, *, parent_id: str | None = None
    ) -> ProposedActor:
        """Return the proposed actor of this name, made on first sight."""
        key = name_key(name)
        if key in self.proposed:
            return self.proposed[key]
        taken = {p.id for p in self.proposed.values()}
        base = slugify(name)
        actor_id, number = base, 1
        while actor_id in taken or actor_id in self.recognizer.actors:
            number += 1
            actor_id = f"{base}-{number}"
        token = bisect_right(self.tokens.idx, at) - 1
        context = self.doc[max(token, 0)].sent.text.strip() if len(self.doc) else ""
        proposal = ProposedActor(name, kind, parent_id, context[:300], actor_id)
        self.proposed[key] = proposal
        return proposal

    def _propose(self, candidate: _Candidate) -> None:
        """Mark a candidate as the proposed actor of its name, made on first sight; the
        first kind stands, except that an organisation armed in one context is armed."""
        if not self._free(candidate.start, candidate.end):
            return
        key = name_key(candidate.name)
        earlier = self.proposed.get(key)
        if (
            earlier is not None
            and earlier.kind is ActorKind.ORGANIZATION
            and candidate.kind is ActorKind.ARMED_GROUP
        ):
            self.proposed[key] = dataclasses.replace(earlier, kind=ActorKind.ARMED_GROUP)
        proposal = self._new(candidate.name, candidate.kind, candidate.start)
        self._add(candidate.start, candidate.end, proposal.id, "name")

    def _define_abbreviations(self) -> None:
        """Mark every use of an abbreviation the text defines after a name it found
        ("Inter-Services Intelligence (ISI)"); the text's definition wins over a
        designation list's acronym of that spelling."""
        text = self.text
        listed = self.recognizer.listed
        for mention in sorted(self.found, key=lambda m: m.start):
            match = DEFINED_AFTER.match(text, mention.end, mention.end + 14)
            if not match or mention.how == "demonym":
                continue
            short = match.group(1)
            if self.recognizer.actors.get(mention.actor_id) is not None and short in (
                m.text for m in self.found if m.actor_id == mention.actor_id
            ):
                continue  # the actor's own acronym, marked already
            replaced = [
                m
                for m in self.found
                if m.text == short and m.actor_id != mention.actor_id and m.actor_id in listed
            ]
            for m in replaced:
                self.found.remove(m)
                self.covered[m.start : m.end] = b"\x00" * (m.end - m.start)
            for use in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", text):
                if self._free(use.start(), use.end()):
                    self._add(use.start(), use.end(), mention.actor_id, "abbreviation")

    def _descriptions(self) -> None:
        """Mark descriptions of a force or mission ("the force", "a U.N.-backed mission")
        as the one the document names, or else the one whose place it names (Haiti), the
        words of the description deciding between several; "the council" as the
        Security Council when the store holds one."""
        recognizer = self.recognizer
        forces = dict(recognizer.forces)
        for p in self.proposed.values():
            if p.kind is ActorKind.IGO and p.name.split()[-1] in ("Force", "Mission"):
                forces[p.id] = _NameWords.of(Actor(p.id, p.kind, p.name))
        named = {m.actor_id for m in self.found if m.actor_id in forces}
        if named:
            choices = named
        else:
            words = set(_CAPITALISED_WORD.findall(self.text))
            for mention in self.found:  # "Haitian police": the place is Haiti
                state = recognizer.actors.get(mention.actor_id)
                if state is not None and state.kind is ActorKind.STATE:
                    words.update(w for n in state.names for w in _CAPITALISED_WORD.findall(n))
            choices = {i for i, f in forces.items() if f.places & words}
        for use in DESCRIPTION.finditer(self.text):
            start, end = use.start(), use.end()
            while start < end and not self._free(start, end):
                start = self.text.find(" ", start + 1, end) + 1 or end  # after "Kenyan-led"
            if start >= end or start > use.start(2):
                continue
            noun = use.group(2).lower()
            if noun == "council":
                if len(recognizer.councils) == 1:
                    self._add(start, end, recognizer.councils[0], "description")
                continue
            said = set(use.group(0).lower().split())
            scores = {i: len(forces[i].words & said) for i in choices}
            best = max(scores.values(), default=0)
            top = [i for i, score in scores.items() if score == best]
            if len(top) == 1:
                self._add(start, end, top[0], "description")

    def _repeat_names(self) -> None:
        """Mark the other uses of each proposed name the model did not label, and a
        proposed person's surname ("Dar said") when no other proposed person has it."""
        text, strings, tokens = self.text, self.doc.vocab.strings, self.tokens
        people = [p for p in self.proposed.values() if p.kind is ActorKind.PERSON]
        surnames = Counter(_surname(p.name) for p in people)
        for proposal in list(self.proposed.values()):
            forms = [proposal.name]
            if proposal.kind is ActorKind.PERSON and surnames[_surname(proposal.name)] == 1:
                forms.append(_surname(proposal.name))
            for form in forms:
                first_word = _FIRST_TOKEN.match(form)
                if len(form) < 3 or first_word is None:
                    continue
                how = "name" if form == proposal.name else "surname"
                # where the form's first token is, from the token array: no regex is
                # compiled and run over the text for each name
                for index in numpy.flatnonzero(
                    self.table[:, 6] == strings[first_word.group()]
                ).tolist():
                    start = tokens.idx[index]
                    end = start + len(form)
                    if (
                        text.startswith(form, start)
                        and not _WORD_GOES_ON.match(text, end)
                        and self._free(start, end)
                    ):
                        self._add(start, end, proposal.id, how)

    def _title(self, person: ProposedActor) -> None:
        """Set a proposed person's title and the state (or body) the text ties them to:
        a demonym or possessive before the title ("Kenyan President William Ruto",
        "Pakistan's Foreign Minister X") or an apposition after the name ("X,
        Indonesia's defence minister")."""
        uses = sorted((m for m in self.found if m.actor_id == person.id), key=lambda m: m.start)
        others = sorted((m for m in self.found if m.actor_id != person.id), key=lambda m: m.start)
        for use in uses:
            found = self._title_before(use, others) or self._title_after(use, others)
            if found is not None:
                title, parent_id = found
                key = name_key(person.name)
                self.proposed[key] = dataclasses.replace(
                    self.proposed[key], title=title, parent_id=parent_id
                )
                return

    def _title_before(self, use: Mention, others: list[Mention]) -> tuple[str, str | None] | None:
        doc = self.doc
        first = bisect_right(self.tokens.idx, use.start) - 1
        at = first
        while at > 0 and (
            doc[at - 1].lower_ in TITLE_WORDS
            or (doc[at - 1].lower_ == "and" and at > 1 and doc[at - 2].lower_ in TITLE_WORDS)
        ):
            at -= 1
        if at == first:
            return None
        title_start = doc[at].idx
        title = self.text[title_start : doc[first - 1].idx + len(doc[first - 1])]
        gap_start = title_start
        if at > 0 and doc[at - 1].lower_ in ("'s", "\u2019s"):
            gap_start = doc[at - 1].idx
        before = [
            m for m in others if m.end <= gap_start and not self.text[m.end : gap_start].strip()
        ]
        return title, self._parent(before[-1]) if before else None

    def _title_after(self, use: Mention, others: list[Mention]) -> tuple[str, str | None] | None:
        match = APPOSITION_AFTER.match(self.text, use.end)
        if not match:
            return None
        start, end = match.span(1)
        words = list(re.finditer(r"[\w.'-]+", match.group(1)))
        run = [w for w in words if w.group().lower() in TITLE_WORDS]
        if not run:
            return None
        title_start, title_end = start + run[0].start(), start + run[-1].end()
        inside = [
            m
            for m in others
            if start <= m.start and m.end <= title_start and m.how != "abbreviation"
        ]
        of = re.match(r"\s+of\s+(?:the\s+)?", self.text[title_end:end])
        if not inside and of:
            inside = [m for m in others if m.start == title_end + of.end()]
        parent = self._parent(inside[-1]) if inside else None
        return self.text[title_start:title_end], parent

    def _parent(self, mention: Mention) -> str | None:
        """Return who a person belongs to when a mention ties them: a state, a state's
        body or an organisation, never another person."""
        actors = self.recognizer.actors
        kind = actors[mention.actor_id].kind if mention.actor_id in actors else None
        if kind is None:
            kind = next((p.kind for p in self.proposed.values() if p.id == mention.actor_id), None)
        return None if kind in (None, ActorKind.PERSON) else mention.actor_id

    def _owner(self, organisation: ProposedActor) -> None:
        """Make a proposed organisation a body of the state it is introduced as part of:
        "Pakistan's military and its primary intelligence agency, the Inter-Services
        Intelligence"."""
        first = min((m for m in self.found if m.actor_id == organisation.id), key=_start)
        before = OWNED_BODY.search(self.text, max(0, first.start - 120), first.start)
        if before is None:
            return
        earlier = [
            m for m in self.found if m.end <= before.start() and m.start >= first.start - 300
        ]
        for mention in sorted(earlier, key=_start, reverse=True):
            state = self._state_of(mention.actor_id)
            if state is not None:
                key = name_key(organisation.name)
                self.proposed[key] = dataclasses.replace(
                    organisation, kind=ActorKind.STATE_BODY, parent_id=state
                )
                return

    def _state_of(self, actor_id: str) -> str | None:
        """Return the state an actor is or belongs to (a store actor or a proposed one)."""
        actors = self.recognizer.actors
        proposed = {p.id: p for p in self.proposed.values()}
        actor: Actor | ProposedActor | None = actors.get(actor_id) or proposed.get(actor_id)
        if actor is None:
            return None
        if actor.kind is ActorKind.STATE:
            return actor_id
        parent = actors.get(actor.parent_id or "")
        return parent.id if parent is not None and parent.kind is ActorKind.STATE else None


def _start(mention: Mention) -> int:
    return mention.start


def _surname(name: str) -> str:
    return name.split()[-1]
