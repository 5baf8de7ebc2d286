"""Who says what in a parsed sentence, and whose position a statement is.

A sentence's parse is read as arrays (``Tree``). Speech verbs are found by
lemma; their speaker is the verb's subject ("according to X": the object of
"to"), and what they say is the clause the verb governs (its ``ccomp``, or the
clause it follows in "..., X said."). A speaker speaks for a state when they are
the state, one of its bodies or officials (a person whose parent is the state, a
title with the state's name or adjective: "Pakistan's foreign minister",
"Indonesian officials"); reporters, analysts and unnamed sources speak for no
one. ``attribute`` then tells a first-hand statement from a report of a third
party's position (hearsay).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from forcevet.ingest.articles.actors import Mention
from forcevet.model.actors import Actor, ActorKind

SPEECH = frozenset(
    {
        "say",
        "tell",
        "state",
        "announce",
        "add",
        "insist",
        "confirm",
        "deny",
        "warn",
        "report",
        "claim",
        "declare",
        "argue",
        "stress",
        "emphasise",
        "emphasize",
        "note",
        "explain",
        "assert",
        "allege",
        "indicate",
        "suggest",
        "write",
        "reiterate",
        "acknowledge",
        "disclose",
        "reveal",
    }
)
# Nouns for people and bodies that speak for a state when its name or adjective is
# attached ("Pakistan's foreign minister", "Israeli officials", "the Kenyan government").
TITLES = frozenset(
    {
        "minister",
        "ministry",
        "police",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "president",
        "premier",
        "ambassador",
        "envoy",
        "official",
        "officer",
        "government",
        "cabinet",
        "presidency",
        "office",
        "general",
        "commander",
        "chief",
        "secretary",
        "army",
        "military",
        "delegation",
        "representative",
        "leader",
        "king",
        "head",
        "authority",
        "administration",
        "mission",
        "adviser",
        "advisor",
        "aide",
        "diplomat",
        "prime",
        "foreign",
    }
)
# Speakers who report others' positions and speak for no one: unnamed sources,
# the press, analysts ("diplomats said", "Pakistani media reported").
REPORTERS = frozenset(
    {
        "source",
        "diplomat",
        "analyst",
        "observer",
        "report",
        "media",
        "medium",
        "newspaper",
        "journalist",
        "reporter",
        "expert",
        "insider",
        "commentator",
        "person",
        "people",
        "outlet",
        "press",
        "agency",
        "daily",
    }
)
FIRST_PERSON = frozenset({"we", "our", "us", "ours"})
# Speech verbs of the press: a body that "reported" something is a reporter, not a party.
PRESS_VERBS = frozenset({"report"})
# How what is said hangs from the speech verb ("said it would", "said: ...").
CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "dobj"})
_MODIFIERS = ("poss", "amod", "compound", "nmod", "appos")


@dataclass
class Tree:
    """One sentence's parse as lists indexed by token (absolute indices in the doc):
    heads, dependency labels, lemmas and lower-case forms, coarse parts of speech,
    character offsets, the mention each token belongs to (-1: none), and fine tags."""

    start: int
    end: int
    head: list[int]
    dep: list[str]
    lemma: list[str]
    lower: list[str]
    pos: list[str]
    idx: list[int]
    length: list[int]
    mention: list[int]
    tag: list[str]
    children: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for token in range(self.start, self.end):
            head = self.head[token]
            if head != token:
                self.children.setdefault(head, []).append(token)

    def kids(self, token: int, *deps: str) -> list[int]:
        """Return a token's children, those with one of ``deps`` if given."""
        found = self.children.get(token, [])
        return [c for c in found if self.dep[c] in deps] if deps else found

    def subtree(self, token: int) -> list[int]:
        """Return a token and every token under it, in text order."""
        found, stack = [], [token]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(current, []))
        return sorted(found)

    def is_verb(self, token: int) -> bool:
        return self.pos[token] in ("VERB", "AUX")

    def text(self, tokens: Sequence[int], source: str) -> str:
        """Return the text from the first to the last of ``tokens``."""
        if not tokens:
            return ""
        first, last = min(tokens), max(tokens)
        return source[self.idx[first] : self.idx[last] + self.length[last]]


@dataclass(frozen=True)
class Speaker:
    """Who says something: their actor if the store or the text knows them, the state
    they speak for if any, and whether they report others' positions only."""

    verb: int
    token: int
    actor_id: str | None
    state_id: str | None
    reporter: bool
    first_person: bool = False


# Prepositions of a circumstance: what they introduce is the writer's aside, neither what
# a speaker said nor what someone wants.
ASIDE = frozenset({"despite", "after", "before", "since", "amid", "following", "notwithstanding"})


def state_of(actor: Actor, actors: Mapping[str, Actor]) -> str | None:
    """Return the state an actor is or belongs to (through its parents), if any."""
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.id not in seen:
        if current.kind is ActorKind.STATE:
            return current.id
        seen.add(current.id)
        current = actors.get(current.parent_id) if current.parent_id else None
    return None


def mention_actor(
    tree: Tree, token: int, mentions: Sequence[Mention], actors: Mapping[str, Actor]
) -> Actor | None:
    """Return the actor a token names, if it is part of a mention."""
    index = tree.mention[token]
    if index < 0:
        return None
    return actors.get(mentions[index].actor_id)


def find_speakers(
    tree: Tree, mentions: Sequence[Mention], actors: Mapping[str, Actor]
) -> list[Speaker]:
    """Return the speech verbs of a sentence with their speakers."""
    found = []
    for token in range(tree.start, tree.end):
        lemma = tree.lemma[token]
        if tree.lower[token] == "according":
            for to in tree.kids(token, "prep"):
                for who in tree.kids(to, "pobj"):
                    found.append(speaker_at(tree, token, who, mentions, actors))
            continue
        if lemma not in SPEECH or not tree.is_verb(token):
            continue
        subjects = tree.kids(token, "nsubj")
        if not subjects:
            agents = [p for a in tree.kids(token, "agent") for p in tree.kids(a, "pobj")]
            subjects = agents
        if subjects:
            found.append(speaker_at(tree, token, subjects[0], mentions, actors))
    return found


def speaker_at(
    tree: Tree,
    verb: int,
    token: int,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
) -> Speaker:
    """Return who the speaker at ``token`` is and whom they speak for."""
    lemma = tree.lemma[token]
    if lemma in FIRST_PERSON or lemma == "i":
        return Speaker(verb, token, None, None, False, first_person=True)
    named: Actor | None = None
    # "Deputy Prime Minister and Foreign Minister Ishaq Dar": the name may be parsed as a
    # conjunct of the first title
    titles = tree.kids(token, "conj") if lemma in TITLES and tree.mention[token] < 0 else []
    for candidate in [token, *tree.kids(token, "appos", "compound"), *titles]:
        actor = mention_actor(tree, candidate, mentions, actors)
        if actor is not None and (named is None or actor.kind is ActorKind.PERSON):
            named = actor
    state: str | None = state_of(named, actors) if named is not None else None
    if state is None:
        # "Pakistan's foreign minister", "Israeli officials", "X, Kenya's interior minister",
        # "Lacroix, UN Under-Secretary-General": whom the title says they work for
        state = affiliation(tree, token, named, mentions, actors)
    # "a government source": an official who is not named
    # "Israel's top diplomat", "Israeli diplomats": a title that names its state
    official = lemma in TITLES or any(
        tree.lemma[c] in TITLES for c in tree.kids(token, "compound", "amod")
    )
    if lemma in REPORTERS and named is None and not (official and state is not None):
        return Speaker(verb, token, None, None, True)  # "diplomats said", "sources told"
    if lemma in REPORTERS and named is not None and named.kind is ActorKind.STATE and not official:
        return Speaker(verb, token, None, None, True)  # "Pakistani media": where, not whom
    actor_id = named.id if named is not None else None
    if (
        tree.lemma[verb] in PRESS_VERBS
        and state is None
        and (named is None or named.kind is ActorKind.ORGANIZATION)
    ):
        # "Reuters reported", "Haaretz reported": the press reports others' positions
        return Speaker(verb, token, actor_id, None, True)
    # A name or title the text does not tie to anyone ("Murkomen said", "the ministry said")
    # speaks first-hand; what else they might be is unknown.
    known = actor_id is not None or state is not None
    # "an official statement", "a government statement": a body's, not a reporter's
    # "he said" with no one to point to is someone the article named before, not a source
    titled = official or tree.pos[token] == "PROPN" or lemma in ("he", "she")
    return Speaker(verb, token, actor_id, state, reporter=not known and not titled)


def affiliation(
    tree: Tree,
    token: int,
    named: Actor | None,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
) -> str | None:
    """Return whom a speaker's title names (the nearest actor in its modifiers, their
    modifiers, an "of", "for" or "from" phrase): the state it belongs to, if any."""
    queue, seen = [token], set()
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        actor = mention_actor(tree, current, mentions, actors)
        if current != token and actor is not None and actor != named:
            return state_of(actor, actors) or actor.id
        queue.extend(tree.kids(current, *_MODIFIERS, "prep", "pobj"))
    return None


def speaker_for(tree: Tree, clause: int, speakers: Sequence[Speaker]) -> Speaker | None:
    """Return the speaker whose words hold the clause headed by ``clause``: a speech verb
    above it ("X said that ..."), or one attached after it ("..., X said"), or
    "according to X" in the sentence."""
    if not speakers:
        return None
    by_verb = {s.verb: s for s in speakers}
    current, seen, through = clause, set(), ""
    while current not in seen:
        seen.add(current)
        if tree.dep[current] == "prep" and tree.lower[current] in ASIDE:
            return None  # "the report says X, despite Y's opposition": the writer's aside
        if current in by_verb and current != clause and through in CONTENT:
            return by_verb[current]  # what was said, not what else the speaker did
        for child in tree.kids(current, "parataxis", "advcl", "ccomp"):
            if child in by_verb and tree.idx[child] > tree.idx[clause] and _attached(tree, child):
                return by_verb[child]  # "Indonesia pledged troops, officials said"
        if tree.head[current] == current:
            break
        through = tree.dep[current]
        current = tree.head[current]
    for speaker in speakers:
        if tree.lower[speaker.verb] == "according" and clause not in tree.subtree(speaker.verb):
            return speaker
    return _misparsed_after(tree, clause, speakers)


def _misparsed_after(tree: Tree, clause: int, speakers: Sequence[Speaker]) -> Speaker | None:
    """Return the speaker of "..., a US advisor told Reuters" when the parser hung the
    speech verb on a name of the clause as a relative clause: the last speech verb, after
    the clause and a comma, whose subject is a noun, not "who" or "which"."""
    verb = max(speakers, key=lambda s: s.verb).verb
    if tree.dep[verb] != "relcl" or verb <= clause:
        return None
    subjects = tree.kids(verb, "nsubj")
    if not subjects or any(tree.lower[x] in ("who", "which", "that") for x in subjects):
        return None
    first = min(tree.subtree(subjects[0]))
    if first - 1 < tree.start or tree.lower[first - 1] != ",":
        return None
    if clause in tree.subtree(verb):
        return None
    return next(s for s in speakers if s.verb == verb)


def _attached(tree: Tree, verb: int) -> bool:
    """Return whether a speech verb after a clause attributes it ("..., officials said",
    "..., as X said"), not a clause of its own joined by "while", "because", "when" ...
    ("the UAE was considered ..., while other nations said ...")."""
    return all(tree.lower[m] == "as" for m in tree.kids(verb, "mark"))


@dataclass(frozen=True)
class Attribution:
    """Whose position a claim states: first-hand or reported, and by whom."""

    reported: bool
    reported_by_id: str | None
    note: str | None


def attribute(
    speaker: Speaker | None,
    subject: Actor,
    actors: Mapping[str, Actor],
    home: str | None = None,
) -> Attribution:
    """Return whether a claim on ``subject`` in a speaker's words is first-hand (the
    speaker is the subject, its state, or speaks for the subject's state) or a report
    of a third party's position.

    A speaker whose allegiance the text does not give ("Murkomen said") is taken to
    speak for ``home``, the state the document is about (the one it names most).
    """
    if speaker is None or speaker.first_person:
        return Attribution(False, None, None)
    if speaker.reporter and speaker.actor_id is not None:
        return Attribution(True, speaker.actor_id, None)  # "Reuters reported"
    if speaker.reporter:
        return Attribution(True, None, "reported by unnamed sources")
    if speaker.state_id is None:  # a speaker whose allegiance the text does not give
        ours = home is not None and (subject.id == home or state_of(subject, actors) == home)
        return Attribution(not ours, speaker.actor_id, None)
    own = {speaker.actor_id, speaker.state_id} - {None}
    if subject.id in own or state_of(subject, actors) in own:
        return Attribution(False, speaker.actor_id or speaker.state_id, None)
    return Attribution(True, speaker.actor_id or speaker.state_id, None)
