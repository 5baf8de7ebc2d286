"""Proposing claims from a dependency parse, clause by clause.

Only sentences that name an actor and hold an anchor word of data/lexicon.yaml
are read. For each anchor whose frame holds, the clause is walked up the tree:
its subject (through coordination, possessives and adjectives: "Turkish
troops", "Pakistan's refusal"), its negation ("not", "never", "no", or a
refusal above it), its modality (intent, speculation, opinion), a condition
("if", "unless", "provided that"), and the speaker whose words hold it
(speech.py). Objects are read below the anchor, never across another clause or
a contrasted, negated conjunct ("troops but no action against the group").

This module keeps the entry point (``parse_claims``) and turns what the others find
into claims: document.py (the token arrays and what the whole document says),
sentence.py (one sentence, its word lists, the walk down to arguments), walk.py (the
walk up to the clause), frames.py (frame matching), participants.py (the doers) and
objects.py (objects and values).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import numpy

from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.dates import DateMention
from forcevet.ingest.articles.document import ParsedDocument, is_mission, opens_quote
from forcevet.ingest.articles.frames import Found, Frames
from forcevet.ingest.articles.lexicon import Entry, anchors
from forcevet.ingest.articles.objects import Objects, short
from forcevet.ingest.articles.participants import STATE_WORDS, Participants
from forcevet.ingest.articles.roles import ProposedClaim, keep_surest
from forcevet.ingest.articles.sentence import (
    GENERIC,
    INTENT,
    OPINION,
    PARTAKING,
    PARTICIPATION,
    SPECULATIVE,
    UNITS,
)
from forcevet.ingest.articles.speech import (
    Speaker,
    Tree,
    attribute,
    mention_actor,
    speaker_for,
    state_of,
)
from forcevet.ingest.articles.walk import Clause
from forcevet.model.actors import Actor, ActorKind, ActorStatus
from forcevet.model.dates import TimeSpan
from forcevet.model.vocabulary import load_predicates

_HEARSAY_CONFIDENCE = 0.8
VOTE_PREDICATES = frozenset({"votes_for", "abstains_on", "rejects"})


@cache
def _anchor_hashes(strings: Any) -> Any:
    return numpy.array([strings.add(w) for w in anchors()], dtype=numpy.uint64)


@cache
def _state_word_hashes(strings: Any) -> Any:
    return numpy.array([strings.add(w) for w in STATE_WORDS], dtype=numpy.uint64)


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
    document = ParsedDocument(doc, text, mentions, actors, published)
    hashes = _anchor_hashes(doc.vocab.strings)
    lemma_upper = numpy.isin(document.lemma_hash, hashes)
    # lemmas of capitalised words keep their case ("Veto"): look up the lower forms too
    is_anchor = lemma_upper | numpy.isin(document.columns[:, 3], hashes)
    anchored = numpy.flatnonzero(is_anchor).tolist()
    # a sentence names an actor, or a state by description ("the kingdom", participants.py)
    has_mention = (numpy.array(document.mention_of) >= 0) | numpy.isin(
        document.columns[:, 3], _state_word_hashes(doc.vocab.strings)
    )
    claims: dict[tuple[object, ...], ProposedClaim] = {}
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
        reader.publication = publication
        if opens_quote(quote):  # '"A. B," X said.': X says A too
            reader.quoted_by = document.quote_speaker(start, end)
        tokens = anchored[first : bisect_left(anchored, end)]
        made = reader.claims(tokens)
        salient = reader.salient(made) or salient
        for claim in made:
            keep_surest(claims, claim, by_speaker=True)
    kept = _stated_once(_valued(claims.values()))
    return sorted(kept, key=lambda c: (c.quote_start, -c.confidence))


def _task_not_force(claims: list[ProposedClaim]) -> list[ProposedClaim]:
    """Drop a refusal to take part that names no force when the same sentence gives the
    doer's reservation on a task: "will not take part in any operation to disarm Hamas"
    refuses the task, not the force."""
    reserved = {c.subject_id for c in claims if c.predicate == "states_reservation_on_mandate"}
    return [
        c
        for c in claims
        if not (
            c.predicate == "declines_participation"
            and c.object_id is None
            and c.subject_id in reserved
        )
    ]


def _stated_once(claims: list[ProposedClaim]) -> list[ProposedClaim]:
    """Drop what a frame's words take for granted when the document states the same
    claim outright ("the decision to withdraw its soldiers from MONUSCO" presupposes they
    serve there; "South Africa ranks among the top contributors to MONUSCO" says so)."""
    presupposed = {
        (entry.predicate, frame.name, frame.presupposes)
        for entry in _lexicon().values()
        for frame in entry.frames
        if frame.presupposes
    }

    def taken_for_granted(claim: ProposedClaim) -> bool:
        _, predicate, frame = (claim.method.split(":") + ["", ""])[:3]
        return any(p[1] == frame and p[2] == predicate for p in presupposed)

    stated = {(c.subject_id, c.predicate, c.object_id) for c in claims if not taken_for_granted(c)}
    return [
        c
        for c in claims
        if not taken_for_granted(c) or (c.subject_id, c.predicate, c.object_id) not in stated
    ]


def _valued(claims: Iterable[ProposedClaim]) -> list[ProposedClaim]:
    """Drop a claim without a value when the same claim is made with one ("will not
    participate in disarming Hamas" is a reservation on disarmament, said once)."""
    kept = list(claims)
    valued = {
        (c.subject_id, c.predicate, c.object_id, c.time, c.polarity, c.quote_start)
        for c in kept
        if c.value is not None
    }
    return [
        c
        for c in kept
        if c.value is not None
        or (c.subject_id, c.predicate, c.object_id, c.time, c.polarity, c.quote_start) not in valued
    ]


class _Reader(Frames, Participants, Objects):
    """Reads the claims of one sentence: the frames at its anchors (frames.py, over the
    walk of walk.py), their doers (participants.py) and objects (objects.py), made claims."""

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
        return sorted(_task_not_force(claims), key=lambda c: c.quote_start)

    publication: TimeSpan | None = None
    _time: TimeSpan | None = None  # the date of the claims being made (``_claims``)

    def _claims(self, item: Found) -> list[ProposedClaim]:
        tree, frame, entry = self.tree, item.anchor.frame, item.anchor.entry
        token = item.token
        clause = self._clause(token)
        speaker = speaker_for(tree, clause.top, self.speakers) or self.quoted_by
        self._time = self._claim_time(token, clause.top, speaker)
        if frame.inverse:
            return self._composition(item, clause, speaker)
        if any(tree.lemma[t] == "anonymity" for t in tree.subtree(token)):
            return []  # "spoke on condition of anonymity": how a source talks, no condition
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
        if doers:  # "Kenya, along with Jamaica and Belize, will send": they send too
            for partner in self._along_with(clause.top):
                for actor in self._actors_at(partner, speaker, speaker_state):
                    if actor not in doers:
                        doers.append(actor)
        if not doers:
            doers = self._hyphen_leader(token)
        if not doers and any(tree.lemma[t] in GENERIC for t in subject_tokens):
            doers = (
                self._included(subject_tokens)
                or self._among(subject_tokens, speaker, speaker_state)
                or self._listed_after(token)
            )
        if (
            not doers
            and subject_tokens
            and all(tree.dep[s] == "nsubjpass" and tree.lemma[s] in UNITS for s in subject_tokens)
        ):
            doers = self._sender(clause.top, speaker, speaker_state)
        if not item.anchor.verb and entry.predicate in VOTE_PREDICATES:
            # "the Council adopted it with 2 abstentions (China, Russian Federation)"
            doers = self._voters(token) or doers
        if not doers and clause.first_person and speaker_state is not None:
            doers = [self.actors[speaker_state]]
        if not doers and speaker_state is not None and tree.kids(clause.top, "expl"):
            doers = [self.actors[speaker_state]]  # "there will be no Turkish troops," X said
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
        if predicate in ("offers_units", "contributes_peacekeepers") and speculative:
            predicate, note = "named_as_contributor", f"modality: {speculative[0]}"
        elif speculative and predicate != "named_as_contributor":
            note, credibility_step = f"modality: {speculative[0]}", 1
        value = self._value(item, clause)
        if clause.whether:
            return []  # "would not say whether Canada will take part": no position
        hedge = "if" in clause.words
        condition: list[int] = []  # the words of a participation's condition
        if clause.condition is not None and hedge and predicate in PARTICIPATION:
            pass  # "willing to contribute troops if needed" is an offer
        elif clause.condition is not None:
            if predicate in PARTICIPATION:  # "will not send troops unless ...": a condition
                predicate = "states_condition"
                condition = tree.subtree(clause.condition)
                value = short(tree.text(condition, self.document.text))
            else:
                note, credibility_step = "conditional", 1
        if predicate == "declines_participation" and self._others_units(token, doers):
            return []  # "to end the Turkish presence": another state's, no refusal of one's own
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
        if condition:  # "once a mandate from the Security Council is obtained": who must agree
            objects = self._bodies_in(condition, entry_for_objects)
        if predicate == "vetoes" and not objects and self._own_units(token, doers):
            # "no American boots", said by the US; "will not put boots on the ground": the
            # doer's own units, so no veto of anyone but a refusal to take part
            predicate, entry_for_objects = (
                "declines_participation",
                _entry("declines_participation") or entry_for_objects,
            )
        kind = load_predicates()[predicate].object.value
        if not objects and entry_for_objects.mission and not frame.named_object:
            mission = self._mission(token)
            objects = [self.actors[mission]] if mission is not None else []
        if not objects and entry_for_objects.council and self.document.councils:
            objects = [self.actors[self.document.councils[0]]]
        if not objects and predicate in VOTE_PREDICATES:
            objects = self._council_here()  # "the Council adopted it with 2 abstentions (...)"
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
        return claims + contrast + self._presupposed(item, doers, objects, speaker)

    def _composition(
        self, item: Found, clause: Clause, speaker: Speaker | None
    ) -> list[ProposedClaim]:
        """Return what a force's make-up states ("SAMIDRC, made up of soldiers from Malawi,
        Tanzania and South Africa"; "the force included Kenyan police"): each state whose
        units it holds contributes to it. The force is the clause's subject when it names
        one, else the force the document names."""
        tree, entry, token = self.tree, item.anchor.entry, item.token
        if clause.negated or clause.refused or clause.words & (SPECULATIVE | OPINION | INTENT):
            return []  # "will include", "could include": no fact about the make-up yet
        speaker_state = self._speaker_state(speaker)
        doers: list[Actor] = []
        for units in self._below(token):
            if units == token or tree.lemma[units] not in UNITS:
                continue
            listed = [
                a
                for m in self._unit_list(units)
                if (a := mention_actor(tree, m, self.mentions, self.actors)) is not None
            ]
            for actor in [*self._actors_at(units, speaker, speaker_state), *listed]:
                fitted = self._fit(actor, entry)
                if fitted is not None and fitted.kind is ActorKind.STATE and fitted not in doers:
                    doers.append(fitted)
        holders = [tree.head[token]] if tree.dep[token] in ("acl", "advcl", "relcl") else []
        holders += tree.kids(token, "nsubj", "nsubjpass")
        force: Actor | None = None
        for holder in holders:
            for other in [holder, *tree.kids(holder, "appos")]:
                named = mention_actor(tree, other, self.mentions, self.actors)
                if named is not None and is_mission(named):
                    force = force or named
        if force is None:
            mission = self._mission(token)
            force = self.actors[mission] if mission is not None else None
        if force is None:
            return []
        return [
            self._claim(doer, entry.predicate, force, None, "affirms", speaker, entry,
                        item.anchor.frame.name, None, 0)
            for doer in doers
        ]  # fmt: skip

    def _others_units(self, token: int, doers: Sequence[Actor]) -> bool:
        """Return whether the anchor's object belongs to a state that is not a doer
        ("end the Turkish presence", "withdraw Ethiopian troops")."""
        tree = self.tree
        ids = {d.id for d in doers}
        for noun in tree.kids(token, "dobj"):
            for modifier in tree.kids(noun, "amod", "compound", "poss"):
                actor = mention_actor(tree, modifier, self.mentions, self.actors)
                if actor is not None and actor.kind is ActorKind.STATE and actor.id not in ids:
                    return True
        return False

    def _council_here(self) -> list[Actor]:
        """Return the council this sentence names, where its votes are cast (the guide: a
        vote's body only when the sentence names it)."""
        tree = self.tree
        for token in range(tree.start, tree.end):
            actor = mention_actor(tree, token, self.mentions, self.actors)
            if (
                actor is not None
                and actor.id in self.document.councils
                and actor.status is ActorStatus.ACCEPTED  # a known body, not a guess
                and actor.kind is ActorKind.IGO
            ):
                return [actor]
        return []

    def _voters(self, token: int) -> list[Actor]:
        """Return the states a vote noun lists as its own: in brackets or an apposition
        after it ("2 abstentions (China, Russian Federation)"), or "from" them."""
        tree = self.tree
        found: list[Actor] = []
        lists = [
            c
            for c in tree.kids(token)
            if tree.dep[c] == "appos" or (tree.dep[c] == "prep" and tree.lower[c] in ("from", "by"))
        ]
        for child in lists:
            for other in tree.subtree(child):
                actor = mention_actor(tree, other, self.mentions, self.actors)
                if actor is not None and actor.kind is ActorKind.STATE and actor not in found:
                    found.append(actor)
        return found

    def _own_units(self, token: int, doers: Sequence[Actor]) -> bool:
        """Return whether units a clause denies are the doer's own: named by the doer's
        demonym, or put by the doer ("will not put boots on the ground")."""
        tree = self.tree
        if tree.lemma[token] not in PARTAKING:
            return False
        ids = {d.id for d in doers}
        for modifier in tree.kids(token, "amod", "compound", "poss"):
            actor = mention_actor(tree, modifier, self.mentions, self.actors)
            if actor is not None:
                return actor.id in ids
        head = tree.head[token]
        # a verb with frames of its own ("will not send troops") says it there
        return (
            tree.dep[token] == "dobj"
            and tree.is_verb(head)
            and bool(tree.kids(head, "nsubj"))
            and tree.lemma[head] not in anchors()
        )

    def _claim_time(self, token: int, top: int, speaker: Speaker | None) -> TimeSpan | None:
        """Return the date of a claim: the first date written in its own clause (the walk
        from the anchor to the clause's top) or on the verb that says it, else the
        sentence's first date; the publication date when that lies after publication
        ("will leave by mid-2024": a claim is made when it is reported, whatever it
        announces)."""
        tree, document = self.tree, self.document
        start, end = self.offset, self.offset + len(self.quote)
        dates = [
            d
            for d in document.dates[bisect_left(document.date_starts, start) :]
            if d.end <= end and not d.text.lower().startswith("this ")
        ]
        if not dates:
            return self.time
        path = {token}
        current = token
        while current != top and tree.head[current] != current:
            current = tree.head[current]
            path.add(current)
        if speaker is not None:
            path.add(speaker.verb)
        chosen: TimeSpan | None = None
        for date in dates:
            at = bisect_left(document.idx, date.start, tree.start, tree.end)
            at = min(max(at, tree.start), tree.end - 1)
            current = at
            while current not in path and tree.head[current] != current:
                if current != at and tree.is_verb(current):
                    break  # the date of another clause
                current = tree.head[current]
            if current in path:
                chosen = date.span
                break
        published = self.publication
        if chosen is None:  # the parse ties no date to the claim: the sentence's first
            chosen = self.time
        if (
            published is not None
            and chosen is not None
            and published.end
            and chosen.start
            and chosen.start > published.end
        ):
            return published
        return chosen

    def _along_with(self, top: int) -> list[int]:
        """Return the partners a verb names with "along with", "together with" or
        "alongside" ("will join the mission, along with officers from Chile")."""
        tree = self.tree
        partners: list[int] = []
        for word in tree.kids(top, "prep", "advmod"):
            if tree.lower[word] == "alongside":
                partners += tree.kids(word, "pobj")
            elif tree.lower[word] in ("along", "together"):
                for prep in tree.kids(word, "prep"):
                    if tree.lower[prep] == "with":
                        partners += tree.kids(prep, "pobj")
        return partners

    def _co_speaker(self, speaker: Speaker, doer: Actor) -> bool:
        """Return whether a state is one of several who speak together ("Senegal and Togo
        said they were ready"): its words are its own."""
        tree = self.tree
        return any(
            (actor := mention_actor(tree, member, self.mentions, self.actors)) is not None
            and actor.id == doer.id
            for member in self._conjuncts(speaker.token)
        )

    def _sender(self, top: int, speaker: Speaker | None, speaker_state: str | None) -> list[Actor]:
        """Return who sends units that are sent without a sender: the subject of the clause
        above, when it is a state or one of its bodies ("the Mongolian Defense Ministry held
        a ceremony for troops to be sent to Mali")."""
        tree = self.tree
        if tree.head[top] == top or tree.dep[top] not in ("advcl", "xcomp", "ccomp", "acl"):
            return []
        above = self._clause(tree.head[top])
        found: list[Actor] = []
        for subject in above.subjects:
            for actor in self._actors_at(subject, speaker, speaker_state):
                if actor.kind is ActorKind.STATE or state_of(actor, self.actors) is not None:
                    found.append(actor)
        return found

    def _presupposed(
        self, item: Found, doers: Sequence[Actor], objects: Sequence[Actor], speaker: Speaker | None
    ) -> list[ProposedClaim]:
        """Return what a frame's words take for granted, affirmed as a fact: troops withdrawn
        (or perhaps to be) from a force serve in it now."""
        frame = item.anchor.frame
        entry = _entry(frame.presupposes) if frame.presupposes else None
        if entry is None:
            return []
        targets = [o for o in objects if o.kind.value in entry.object] or [
            self.actors[m] for m in [self._mission(item.token)] if m is not None
        ]
        return [
            self._claim(doer, entry.predicate, target, None, "affirms", speaker, entry,
                        frame.name, None, 0)
            for doer in doers
            if doer.kind.value in entry.subject
            for target in targets
        ]  # fmt: skip

    def _bodies_in(self, tokens: Sequence[int], entry: Entry) -> list[Actor]:
        """Return the first body a condition names (not the force it is about), if any."""
        for other in tokens:
            actor = mention_actor(self.tree, other, self.mentions, self.actors)
            if actor is not None and actor.kind.value in entry.object and not is_mission(actor):
                return [actor]
        return []

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
        if attribution.reported and speaker is not None and self._co_speaker(speaker, doer):
            attribution = attribute(None, doer, self.actors)  # "X and Y said they ..."
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
            time=self._time if self._time is not None else self.time,
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
    return _lexicon().get(predicate)


def _lexicon() -> dict[str, Entry]:
    from forcevet.ingest.articles.lexicon import load_lexicon

    return load_lexicon()


def _worse(credibility: int, steps: int) -> int:
    """Return a credibility some steps worse, not past 5 (6 means it cannot be judged)."""
    return credibility if not steps else max(credibility, min(5, credibility + steps))


__all__ = ["DateMention", "parse_claims"]
