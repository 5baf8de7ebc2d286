"""Proposing the people and organisations the store does not know, with the parse.

Candidates come from the model's PERSON, ORG and NORP entities and from rules (a
person after a title, an organisation ending in a word that names one, a name the
text defines an abbreviation for); word lists drop what is no one's name (a month, a
title, one common word) and decide the kind (an organisation named with armed words
is an armed group, a multinational force an intergovernmental one). Each name is
proposed once per document, with an id its mentions carry.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forcevet.ingest.articles.mentions import ProposedActor
from forcevet.ingest.articles.pipeline import load_demonyms
from forcevet.ingest.articles.rules import starts_word
from forcevet.model.actors import ActorKind
from forcevet.model.ids import name_key, slugify

if TYPE_CHECKING:
    from forcevet.ingest.articles.parsed import Reading


def word_list(text: str) -> frozenset[str]:
    """Return the words of a list written as running text, easier to read and edit."""
    return frozenset(text.split())


# The words of a title before or beside a person's name ("Deputy Prime Minister Ishaq
# Dar", "X, Indonesia's defence minister"), in lower case.
TITLE_WORDS = word_list(
    "president vice prime minister deputy foreign defence defense interior home finance "
    "senator sen. general gen. lieutenant lt. colonel col. major maj. brigadier admiral "
    "marshal field ambassador envoy spokesman spokeswoman spokesperson commander chief "
    "secretary secretary-general undersecretary special representative king queen emir "
    "prince crown sheikh chairman chairwoman chair head director governor premier "
    "chancellor leader officer official senior adviser advisor army military police "
    "affairs external state top cs cabinet"
)
# Words that make an organisation an armed group when they follow or end its name.
ARMED_WORDS = word_list(
    "militant militants militia militias group groups gang gangs movement fighters gunmen "
    "insurgents insurgency rebels guerrillas jihadists terrorists brigade brigades "
    "operatives faction factions"
)
# Single words the model calls an organisation or person that are no one's name.
GENERIC = word_list(
    "senate parliament government ministry army military police navy council court "
    "congress cabinet assembly media officials speakers authorities president minister "
    "house forces force state west east"
)
# Months, weekdays and pronouns the model sometimes takes for a name.
NOT_NAMES = word_list(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday he she it they we "
    "i you him her them us his its their our"
)
PARTICLES_IN_NAMES = frozenset({"al", "al-", "bin", "ibn", "de", "da", "van", "von", "el"})
# Words that end an organisation's name, never a person's.
ORGANISATION_WORDS = word_list(
    "party front movement brigade brigades council organisation organization institute "
    "agency foundation league committee union association ministry department office"
)
# Like actors.LOCATIVE and more, read with the parse: "UN-designated", "Iran-linked".
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


@dataclass
class Candidate:
    """A name the store does not know, found by the model or by rule."""

    start: int
    end: int
    kind: ActorKind
    name: str


def candidate_of(reading: Reading, first: int, stop: int, label: str) -> Candidate | None:
    """Return a model entity as a candidate new actor, or None if it is no one's name:
    a month, a weekday, a pronoun, a country, a demonym, a known name, one common
    word, a phrase with words that are not a name's."""
    if label not in ("PERSON", "ORG", "NORP"):
        return None
    doc, text = reading.doc, reading.text
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
            and reading.table[words.end, 0] in (0, 2)  # in no entity
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
    if len(words) == 1 and name.lower() in reading.bodies and reading.free(start, end):
        reading.add(start, end, reading.bodies[name.lower()], "name")  # "the Senate"
        return None
    if (
        not reading.free(start, end)
        or name in reading.defined
        or not _is_name(reading, name, words)
    ):
        return None  # an abbreviation the text defines goes with its definition
    if label == "PERSON":
        if len(words) < 2 or any(
            t.is_stop or not (t.text[:1].isupper() or t.lower_ in PARTICLES_IN_NAMES)
            for t in words
            if t.is_alpha
        ):
            return None
        return Candidate(start, end, ActorKind.PERSON, name)
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
    return Candidate(start, end, kind, name)


def _is_name(reading: Reading, name: str, words: Any) -> bool:
    key = name_key(name)
    if (
        not name[:1].isupper()
        or key in NOT_NAMES
        or key in reading.recognizer.known_names
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
        or word.lower in reading.in_lower_case
    )


def rule_candidates(reading: Reading) -> list[Candidate]:
    """Return the names the rules find: a person after a title, an organisation
    ending in a word that names one (as the rule-only path proposes them)."""
    text, found = reading.text, []
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
            if reading.free(start, end) and name_key(name) not in reading.recognizer.known_names:
                following = re.match(r"\s+(\w+)", text[end : end + 30])
                if kind is ActorKind.ORGANIZATION and (
                    name.split()[-1].lower() in ARMED_WORDS
                    or (following is not None and following.group(1).lower() in ARMED_WORDS)
                ):
                    kind = ActorKind.ARMED_GROUP  # "the Mahdi Brigades"
                found.append(Candidate(start, end, kind, name))
    return found + _defined_names(reading)


def _defined_names(reading: Reading) -> list[Candidate]:
    """Return the names the text defines an abbreviation for, whose initials are the
    abbreviation's capitals ('"International Stabilization Force" (ISF)')."""
    text, found = reading.text, []
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
        if reading.free(start, end) and name_key(name) not in reading.recognizer.known_names:
            kind = ActorKind.IGO if INTERGOVERNMENTAL.search(name) else ActorKind.ORGANIZATION
            found.append(Candidate(start, end, kind, name))
    return found


def new_actor(
    reading: Reading, name: str, kind: ActorKind, at: int, *, parent_id: str | None = None
) -> ProposedActor:
    """Return the proposed actor of this name, made on first sight."""
    key = name_key(name)
    if key in reading.proposed:
        return reading.proposed[key]
    taken = {p.id for p in reading.proposed.values()}
    base = slugify(name)
    actor_id, number = base, 1
    while actor_id in taken or actor_id in reading.recognizer.actors:
        number += 1
        actor_id = f"{base}-{number}"
    token = bisect_right(reading.tokens.idx, at) - 1
    context = reading.doc[max(token, 0)].sent.text.strip() if len(reading.doc) else ""
    proposal = ProposedActor(name, kind, parent_id, context[:300], actor_id)
    reading.proposed[key] = proposal
    return proposal


def propose(reading: Reading, candidate: Candidate) -> None:
    """Mark a candidate as the proposed actor of its name, made on first sight; the
    first kind stands, except that an organisation armed in one context is armed."""
    if not reading.free(candidate.start, candidate.end):
        return
    key = name_key(candidate.name)
    earlier = reading.proposed.get(key)
    if (
        earlier is not None
        and earlier.kind is ActorKind.ORGANIZATION
        and candidate.kind is ActorKind.ARMED_GROUP
    ):
        reading.proposed[key] = dataclasses.replace(earlier, kind=ActorKind.ARMED_GROUP)
    proposal = new_actor(reading, candidate.name, candidate.kind, candidate.start)
    reading.add(candidate.start, candidate.end, proposal.id, "name")
