"""Who does what to whom in one sentence, by rules.

For each trigger of a predicate in a sentence: the subject is the nearest
suitable actor before it (or after "by" in the passive, or the speaker's
state when the speaker says "our"), the object the suitable actors after it up
to the next trigger; reported speech keeps who said it; "not"/"never" just
before the trigger make a denial; hedges lower the proposed credibility.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.dates import DateMention
from forcevet.ingest.articles.rules import TriggerRule
from forcevet.ingest.articles.triggers import Trigger
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.dates import TimeSpan
from forcevet.model.vocabulary import load_predicates

SPEECH = re.compile(
    r"\b(said|says|stated|told|declared|added|argued|insisted|announced|"
    r"claimed|reported|emphasi[sz]ed|warned)\b",
    re.I,
)
HEDGES = re.compile(
    r"\b(reportedly|allegedly|alleged|accused|accusations?|may|might|could|"
    r"rumou?red|possibly|purportedly|said to be|reports have)\b",
    re.I,
)
NEGATION = re.compile(r"\b(not|never|no|n't|neither|nor)\b", re.I)
CLAUSE_END = re.compile(r",\s*(?:both of |all of |each of )?(?:which|who|whose|that)\b|;|\s[—–]\s")
# A relative clause on another noun between an actor and a trigger: the actor after
# the trigger belongs to the clause, and the clause's verb is not the actor's before
# it ("Pakistan's ties to groups that link their struggle to Hamas": Pakistan links
# nothing to Hamas, and no tie of Pakistan's to Hamas is claimed).
RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who|whom|whose)\b")
FIRST_PERSON = re.compile(r"\b(our|we|us)\b", re.I)
SPEAKER_GAP = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}$")
APPOSITION = re.compile(r"^,[^,]{1,100},\s*$")
# Asides whose actors are not the subject of what follows: relative clauses and
# appositions ("Naji Zaheer, the Hamas representative in Pakistan, attended").
RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,|,\s*(?:the|a|an)\s[^,]{0,80},")
JOINT = re.compile(r"^\s*(?:,|and|, and|or)\s+(?:the\s+)?$", re.I)
COORDINATION = re.compile(r"^(?:\s*[\w']+){0,2}[\s,]*(?:and|but)\s+(?:\w+\s+){0,3}$", re.I)
# A person who represents a group stands for it when hosted or received.
THROUGH_REPRESENTATIVE = {"hosts_representative_of"}


@dataclass(frozen=True)
class ProposedClaim:
    """A claim proposed from a sentence, before review."""

    subject_id: str
    predicate: str
    object_id: str | None
    value: str | None
    time: TimeSpan | None
    polarity: str
    quote: str
    quote_start: int
    quote_end: int
    credibility: int
    confidence: float
    method: str
    reported_by_id: str | None
    reported: bool = False  # a speaker's report of a third party's position (hearsay)
    note: str | None = None  # e.g. "modality: considering"


def keep_surest(
    kept: dict[tuple[object, ...], ProposedClaim],
    claim: ProposedClaim,
    *,
    by_speaker: bool = False,
) -> None:
    """Keep one proposal per claim (subject, predicate, object, value, time and polarity):
    the one proposed with the highest confidence, wherever in the document it was read.
    With ``by_speaker``, what a named speaker says is kept apart from what the writer
    states: "Pakistan is willing to join. Dar said Islamabad would contribute troops" is
    two statements of the same offer."""
    key: tuple[object, ...] = (
        claim.subject_id,
        claim.predicate,
        claim.object_id,
        claim.value,
        claim.time.text if claim.time else None,
        claim.polarity,
    )
    if by_speaker:
        key += (claim.reported_by_id,)
    if key not in kept or kept[key].confidence < claim.confidence:
        kept[key] = claim


def _fits(actor: Actor | None, kinds: Sequence[str]) -> bool:
    return actor is not None and ("any" in kinds or actor.kind.value in kinds)


def _state_of(actor: Actor, actors: Mapping[str, Actor]) -> Actor:
    seen = {actor.id}
    current = actor
    while current.kind is not ActorKind.STATE and current.parent_id in actors:
        current = actors[current.parent_id]  # type: ignore[index]
        if current.id in seen:
            break
        seen.add(current.id)
    return current if current.kind is ActorKind.STATE else actor


def _speaker(
    sentence: str,
    offset: int,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    speech_at: int | None,
) -> Actor | None:
    """Return who makes the statement: the actor just before the speech verb ("Israeli
    officials said"), or a person named before an apposition ("Jeffers, commander of the
    force, said")."""
    if speech_at is None:
        return None
    for mention in reversed([m for m in mentions if m.end <= speech_at]):
        gap = sentence[mention.end - offset : speech_at - offset]
        if SPEAKER_GAP.match(gap):
            return actors[mention.actor_id]
        if APPOSITION.match(gap) and actors[mention.actor_id].kind is ActorKind.PERSON:
            return actors[mention.actor_id]
    return None


def _value(rule: TriggerRule, sentence: str, at: int = 0) -> str | None:
    for pattern in rule.value_patterns:
        match = pattern.search(sentence, at) or pattern.search(sentence)
        if match:
            return " ".join(match.group(1).replace('"', " ").split())
    lowered = sentence.lower()
    for keyword, value in rule.value_keywords.items():
        if keyword in lowered:
            return value
    return None


@dataclass(frozen=True)
class _Sentence:
    """One sentence and what was found in it, as the rules read it."""

    text: str
    offset: int
    mentions: list[Mention]
    actors: Mapping[str, Actor]
    speech_at: int | None
    speaker: Actor | None

    def between(self, start: int, end: int) -> str:
        """Return the sentence's text between two positions in the document."""
        return self.text[start - self.offset : end - self.offset]

    def actor(self, mention: Mention) -> Actor:
        return self.actors[mention.actor_id]

    def is_infinitive(self, trigger: Trigger) -> bool:
        """Return whether a trigger follows "to" ("to donate")."""
        return self.between(max(self.offset, trigger.start - 3), trigger.start).lower() == "to "


@dataclass(frozen=True)
class _Roles:
    """Who a trigger's claim is about, whether that was inferred, who else did the same
    ("Saudi Arabia and the UAE declined"), and the mentions its object may be among."""

    subject: Actor
    inherited: bool
    co_subjects: list[Mention]
    object_mentions: list[Mention]


def sentence_claims(
    sentence: str,
    offset: int,
    all_mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    triggers: Sequence[Trigger],
    dates: Sequence[DateMention],
    paragraph_date: TimeSpan | None,
    base_credibility: int,
) -> tuple[list[ProposedClaim], Actor | None]:
    """Return the claims of one sentence and who speaks in it, if anyone."""
    end = offset + len(sentence)
    mentions = [m for m in all_mentions if offset <= m.start < end and m.actor_id in actors]
    if not mentions:
        return [], None
    speech = SPEECH.search(sentence)
    speech_at = offset + speech.start() if speech else None
    speaker = _speaker(sentence, offset, mentions, actors, speech_at)
    here = _Sentence(sentence, offset, mentions, actors, speech_at, speaker)
    hedged = bool(HEDGES.search(sentence))
    credibility = min(5, base_credibility + (1 if hedged else 0))
    time = dates[0].span if dates else paragraph_date
    claims: list[ProposedClaim] = []
    previous: ProposedClaim | None = None
    previous_trigger: Trigger | None = None
    for index, trigger in enumerate(triggers):
        rule = trigger.rule
        limit = triggers[index + 1].start if index + 1 < len(triggers) else end
        roles = _roles(here, trigger, limit, previous, previous_trigger)
        if roles is None:
            continue
        objects = _objects(here, rule, roles)
        value = _value(rule, sentence, trigger.start - offset)
        kind = _object_kind(rule.predicate)
        if (kind == "actor" and not objects) or (not objects and value is None):
            continue
        denied = rule.negatable and bool(
            NEGATION.search(here.between(max(offset, trigger.start - 25), trigger.start))
        )
        confidence = rule.confidence * (0.8 if roles.inherited else 1.0) * (1.0 if objects else 0.8)
        after_speech = speech_at is not None and trigger.start > speech_at
        reporter = speaker.id if speaker is not None and after_speech else None
        if speaker is not None and not after_speech and trigger.start < (speech_at or 0):
            reporter = speaker.id  # "..., Dar said": the statement before the verb
        subject = roles.subject
        subjects = [subject] + [
            here.actor(m) for m in roles.co_subjects if m.actor_id != subject.id
        ]
        targets: list[Actor | None] = list(objects) or [None]
        for doer, goal in ((d, t) for d in subjects for t in targets):
            claim = ProposedClaim(
                subject_id=doer.id,
                predicate=rule.predicate,
                object_id=goal.id if goal else None,
                value=value if kind != "actor" else None,
                time=time,
                polarity="denies" if denied else "affirms",
                quote=sentence,
                quote_start=offset,
                quote_end=end,
                credibility=credibility,
                confidence=round(min(1.0, confidence), 3),
                method=f"rules:{rule.predicate}:{trigger.pattern}",
                reported_by_id=reporter if reporter != doer.id else None,
            )
            claims.append(claim)
            previous, previous_trigger = claim, trigger
    return claims, speaker


def _roles(
    here: _Sentence,
    trigger: Trigger,
    limit: int,
    previous: ProposedClaim | None,
    previous_trigger: Trigger | None,
) -> _Roles | None:
    """Return the subject of a trigger's claim and where its object may be, or None when
    the sentence names no one who fits."""
    rule = trigger.rule
    passive = re.match(r"\s+by\b", here.text[trigger.end - here.offset :])
    if passive:  # "was vetoed by Israel": the subject after "by", the object before
        by_at = trigger.end + passive.end()
        doers = [
            m
            for m in here.mentions
            if by_at <= m.start < limit and _fits(here.actor(m), rule.subject)
        ]
        if not doers:
            return None
        done_to = [m for m in here.mentions if m.end <= trigger.start][-1:]
        return _Roles(here.actor(doers[0]), False, [], done_to)
    found = _active_subject(here, trigger, previous, previous_trigger)
    if found is None:
        return None
    subject, inherited, co_subjects = found
    return _Roles(subject, inherited, co_subjects, _object_mentions(here, trigger, limit))


def _active_subject(
    here: _Sentence,
    trigger: Trigger,
    previous: ProposedClaim | None,
    previous_trigger: Trigger | None = None,
) -> tuple[Actor, bool, list[Mention]] | None:
    """Return the subject of an active-voice trigger, whether it was inferred, and the
    actors named jointly with it."""
    rule, speaker, speech_at = trigger.rule, here.speaker, here.speech_at
    after_speech = speech_at is not None and trigger.start > speech_at
    floor = speech_at if after_speech and speech_at is not None else here.offset
    aside = [
        (here.offset + r.start(), here.offset + r.end())
        for r in RELATIVE.finditer(here.text)
        if not here.offset + r.start() <= trigger.start < here.offset + r.end()
    ]
    before = [
        m
        for m in here.mentions
        if floor <= m.start
        and m.end <= trigger.start
        and not any(a <= m.start < b for a, b in aside)
        and _fits(here.actor(m), rule.subject)
        and (speaker is None or not after_speech or m.actor_id != speaker.id)
    ]
    if before:
        nearest = before[-1]
        co_subjects: list[Mention] = []
        for earlier in reversed(before[:-1]):  # "Saudi Arabia and the UAE declined"
            joint = here.between(earlier.end, (co_subjects[-1] if co_subjects else nearest).start)
            if not JOINT.match(joint):
                break
            co_subjects.append(earlier)
        gap = here.between(nearest.end, trigger.start)
        relative = RELATIVE_BEFORE.search(gap)
        if relative and re.search(r"[A-Za-z]{2,}", gap[: relative.start()]):
            return None  # "Pakistan's ties to groups that link ...": the groups link
        if (
            previous is not None
            and nearest.actor_id == previous.object_id
            and COORDINATION.match(gap)
            and _fits(here.actors[previous.subject_id], rule.subject)
        ):
            if (
                previous_trigger is not None
                and here.is_infinitive(previous_trigger)
                and not here.is_infinitive(trigger)
                and speaker is not None
                and after_speech
                and _fits(speaker, rule.subject)
            ):
                # "He declared that Pakistan had been the first to donate ... and lauded
                # ...": an infinitive and a finite verb are not joined; the finite one
                # goes with the speech verb, so the speaker does it.
                return speaker, True, []
            return here.actors[previous.subject_id], True, co_subjects
        return here.actor(nearest), False, co_subjects
    if rule.title:  # "Senator Mushahid Hussain of ...": the name after the title
        named = [m for m in here.mentions if m.start >= trigger.end]
        if (
            named
            and not here.between(trigger.end, named[0].start).strip()
            and _fits(here.actor(named[0]), rule.subject)
        ):
            return here.actor(named[0]), False, []
    if (
        speaker is not None
        and FIRST_PERSON.search(here.text)
        and _fits(_state_of(speaker, here.actors), rule.subject)
    ):
        return _state_of(speaker, here.actors), True, []
    if speaker is not None and after_speech and _fits(speaker, rule.subject):
        return speaker, True, []
    if (
        previous is not None
        and not (after_speech and speaker is None)  # what an unknown speaker says
        and _fits(here.actors[previous.subject_id], rule.subject)
    ):
        return here.actors[previous.subject_id], True, []
    return None


def _object_mentions(here: _Sentence, trigger: Trigger, limit: int) -> list[Mention]:
    """Return the mentions an active-voice trigger's object may be among, best first."""
    rule = trigger.rule
    if rule.object_side == "before":
        return [m for m in here.mentions if m.end <= trigger.start][-1:]
    if rule.object_side == "either":  # the nearest of the most wanted kind first
        rank = {kind: k for k, kind in enumerate(rule.object)}
        return sorted(
            here.mentions,
            key=lambda m: (
                rank.get(here.actor(m).kind.value, len(rank)),
                min(abs(m.start - trigger.end), abs(trigger.start - m.end)),
            ),
        )
    after = [m for m in here.mentions if trigger.end <= m.start < limit]
    if not after or RELATIVE_BEFORE.search(here.between(trigger.end, after[0].start)):
        return []  # "ties to groups that link their cause to Hamas"
    stop = CLAUSE_END.search(here.between(after[0].end, limit))
    if stop:  # coordinated objects, up to the end of the clause
        cut = after[0].end + stop.start()
        after = [m for m in after if m.start < cut]
    return after


def _objects(here: _Sentence, rule: TriggerRule, roles: _Roles) -> list[Actor]:
    """Return the actors a trigger's claim is about, at most three (one if either side)."""
    objects: list[Actor] = []
    for mention in roles.object_mentions:
        if mention.how == "demonym":
            continue  # "Palestinian mujahideen": an adjective is no one's object
        target = here.actor(mention)
        if (
            rule.predicate in THROUGH_REPRESENTATIVE
            and target.kind is ActorKind.PERSON
            and target.parent_id in here.actors
        ):
            target = here.actors[target.parent_id]  # type: ignore[index]
        if target.id == roles.subject.id or not _fits(target, rule.object):
            continue
        if target.id not in {o.id for o in objects}:
            objects.append(target)
        if rule.object_side == "either" or len(objects) == 3:
            break
    return objects


def _object_kind(predicate: str) -> str:
    return load_predicates()[predicate].object.value
