"""Proposing claims from one parsed document, sentence by sentence, by rules.

For each trigger of a predicate in a sentence: the subject is the nearest
suitable actor before it (or after "by" in the passive, or the speaker's
state when the speaker says "our"), the object the suitable actors after it up
to the next trigger; reported speech keeps who said it; "not"/"never" just
before the trigger make a denial; hedges lower the proposed credibility; a
sentence without a date takes the last date of its paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.dates import DateMention, find_dates
from forcevet.ingest.articles.rules import TriggerRule, load_rules
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


@dataclass
class _Trigger:
    start: int
    end: int
    rule: TriggerRule
    pattern: int


_Entry = tuple[TriggerRule, int, re.Pattern[str]]


@cache
def _pattern_table() -> tuple[
    re.Pattern[str],
    dict[str, list[tuple[TriggerRule, int, re.Pattern[str]]]],
    list[tuple[TriggerRule, int, re.Pattern[str]]],
]:
    """Return one expression finding every literal prefix, the patterns behind each prefix,
    and the patterns without one (always tried)."""
    by_prefix: dict[str, list[_Entry]] = {}
    always: list[_Entry] = []
    for rule in load_rules():
        for index, (pattern, prefix) in enumerate(zip(rule.compiled, rule.prefixes, strict=True)):
            if prefix:
                by_prefix.setdefault(prefix, []).append((rule, index, pattern))
            else:
                always.append((rule, index, pattern))
    return re.compile(literal_trie(by_prefix)), by_prefix, always


def literal_trie(words: Iterable[str]) -> str:
    """Return an expression matching any of the words, the longest where several fit,
    written as a trie ("de(?:cline|signat)"): Python's engine tries one branch per
    letter instead of every word at every position, twice as fast here."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@cache
def _shorter(prefix: str) -> tuple[str, ...]:
    """Return the prefix and every shorter prefix it starts with ("not our" -> "not ")."""
    return tuple(q for q in _pattern_table()[1] if prefix.startswith(q))


def _prefixes_at(text: str) -> tuple[list[int], list[tuple[int, tuple[str, ...]]]]:
    """Return where the literal prefixes of trigger patterns occur in a whole text: their
    start positions, and (end, prefixes found there) for each, in the same order."""
    finder = _pattern_table()[0]
    found = [(m.start(), (m.end(), _shorter(m.group(0)))) for m in finder.finditer(text.lower())]
    return [start for start, _ in found], [where for _, where in found]


def _triggers(
    text: str, start: int, end: int, present: Iterable[tuple[int, tuple[str, ...]]]
) -> list[_Trigger]:
    """Return the triggers in ``text[start:end]`` (a sentence), given the prefixes found
    in it; patterns run on the whole text between the sentence's bounds, which reads as
    the slice would without copying it."""
    found: list[_Trigger] = []
    _, by_prefix, always = _pattern_table()
    prefixes = {q for stop, shorter in present if stop <= end for q in shorter}
    candidates = [entry for prefix in prefixes for entry in by_prefix[prefix]]
    for rule, index, pattern in [*candidates, *always]:
        for match in pattern.finditer(text, start, end):
            found.append(_Trigger(match.start(), match.end(), rule, index))
    found.sort(key=lambda t: (t.start, -t.rule.confidence))
    kept: list[_Trigger] = []
    for trigger in found:  # one predicate per stretch of text: the surest rule wins
        if (
            kept
            and trigger.start < kept[-1].end
            and trigger.rule.predicate != kept[-1].rule.predicate
        ):
            if trigger.rule.confidence > kept[-1].rule.confidence:
                kept[-1] = trigger
            continue
        if (
            kept
            and trigger.rule.predicate == kept[-1].rule.predicate
            and (trigger.start < kept[-1].end)
        ):
            continue
        kept.append(trigger)
    return kept


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


def propose_claims(
    doc: Any,
    text: str,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    *,
    published: str | None,
    base_credibility: int,
) -> list[ProposedClaim]:
    """Return the claims a parsed document proposes, best first within each sentence.

    The text is searched once for dates and for the literal starts of trigger
    patterns; each sentence then looks only at what falls inside it. A sentence
    without a date takes the last one before it in its paragraph.
    """
    proposed: dict[tuple[Any, ...], ProposedClaim] = {}
    paragraph_date: TimeSpan | None = None
    paragraph = -1
    salient: str | None = None  # the person last speaking or acting: what "he" refers to
    mention_starts = [m.start for m in mentions]
    prefix_starts, prefixes = _prefixes_at(text)
    dates = find_dates(text, published) if prefix_starts and mentions else []
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
        triggers = _triggers(text, start, end, present) if window else []
        if not triggers:
            continue
        sentence = text[start:end]
        local = [
            Mention(m.start, m.end, salient, m.text, m.how)
            if m.how == "pronoun" and salient is not None
            else m
            for m in window
        ]
        claims, speaker = _sentence_claims(
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
            key = (
                claim.subject_id,
                claim.predicate,
                claim.object_id,
                claim.value,
                claim.time.text if claim.time else None,
                claim.polarity,
            )
            if key not in proposed or proposed[key].confidence < claim.confidence:
                proposed[key] = claim
    return sorted(proposed.values(), key=lambda c: (c.quote_start, -c.confidence))


def _sentence_claims(
    sentence: str,
    offset: int,
    all_mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    triggers: Sequence[_Trigger],
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
    hedged = bool(HEDGES.search(sentence))
    credibility = min(5, base_credibility + (1 if hedged else 0))
    time = dates[0].span if dates else paragraph_date
    claims: list[ProposedClaim] = []
    previous: ProposedClaim | None = None
    for index, trigger in enumerate(triggers):
        rule = trigger.rule
        limit = triggers[index + 1].start if index + 1 < len(triggers) else end
        after_speech = speech_at is not None and trigger.start > speech_at
        passive = re.match(r"\s+by\b", sentence[trigger.end - offset :])
        inherited = False
        subject: Actor | None = None
        co_subjects: list[Mention] = []
        if passive:
            by_at = trigger.end + passive.end()
            candidates = [
                m
                for m in mentions
                if by_at <= m.start < limit and _fits(actors[m.actor_id], rule.subject)
            ]
            subject = actors[candidates[0].actor_id] if candidates else None
            objects_from = [m for m in mentions if m.end <= trigger.start]
            objects_from = objects_from[-1:]
        else:
            floor = speech_at if after_speech and speech_at is not None else offset
            aside = [
                (offset + r.start(), offset + r.end())
                for r in RELATIVE.finditer(sentence)
                if not offset + r.start() <= trigger.start < offset + r.end()
            ]
            before = [
                m
                for m in mentions
                if floor <= m.start
                and m.end <= trigger.start
                and not any(a <= m.start < b for a, b in aside)
                and _fits(actors[m.actor_id], rule.subject)
                and (speaker is None or not after_speech or m.actor_id != speaker.id)
            ]
            if before:
                nearest = before[-1]
                for earlier in reversed(before[:-1]):  # "Saudi Arabia and the UAE declined"
                    joint = sentence[
                        earlier.end - offset : (
                            co_subjects[-1].start if co_subjects else nearest.start
                        )
                        - offset
                    ]
                    if not JOINT.match(joint):
                        break
                    co_subjects.append(earlier)
                gap = sentence[nearest.end - offset : trigger.start - offset]
                relative = RELATIVE_BEFORE.search(gap)
                if relative and re.search(r"[A-Za-z]{2,}", gap[: relative.start()]):
                    continue  # "Pakistan's ties to groups that link ...": the groups link
                if (
                    previous is not None
                    and nearest.actor_id == previous.object_id
                    and (
                        COORDINATION.match(gap) and _fits(actors[previous.subject_id], rule.subject)
                    )
                ):
                    subject, inherited = actors[previous.subject_id], True
                else:
                    subject = actors[nearest.actor_id]
            elif (
                speaker is not None
                and FIRST_PERSON.search(sentence)
                and _fits(_state_of(speaker, actors), rule.subject)
            ):
                subject, inherited = _state_of(speaker, actors), True
            elif speaker is not None and after_speech and _fits(speaker, rule.subject):
                subject, inherited = speaker, True
            elif previous is not None and _fits(actors[previous.subject_id], rule.subject):
                subject, inherited = actors[previous.subject_id], True
            if rule.object_side == "after":
                objects_from = [m for m in mentions if trigger.end <= m.start < limit]
                if objects_from and RELATIVE_BEFORE.search(
                    sentence[trigger.end - offset : objects_from[0].start - offset]
                ):
                    objects_from = []  # "ties to groups that link their cause to Hamas"
                if objects_from:  # coordinated objects, up to the end of the clause
                    rest = sentence[objects_from[0].end - offset : limit - offset]
                    stop = CLAUSE_END.search(rest)
                    if stop:
                        cut = objects_from[0].end + stop.start()
                        objects_from = [m for m in objects_from if m.start < cut]
            elif rule.object_side == "before":
                objects_from = [m for m in mentions if m.end <= trigger.start][-1:]
            else:  # the nearest of the most wanted kind first
                rank = {kind: k for k, kind in enumerate(rule.object)}
                objects_from = sorted(
                    mentions,
                    key=lambda m: (
                        rank.get(actors[m.actor_id].kind.value, len(rank)),
                        min(abs(m.start - trigger.end), abs(trigger.start - m.end)),
                    ),
                )
        if subject is None:
            continue
        objects: list[Actor] = []
        for mention in objects_from:
            if mention.how == "demonym":
                continue  # "Palestinian mujahideen": an adjective is no one's object
            target = actors[mention.actor_id]
            if (
                rule.predicate in THROUGH_REPRESENTATIVE
                and target.kind is ActorKind.PERSON
                and (target.parent_id in actors)
            ):
                target = actors[target.parent_id]  # type: ignore[index]
            if target.id == subject.id or not _fits(target, rule.object):
                continue
            if target.id not in {o.id for o in objects}:
                objects.append(target)
            if rule.object_side == "either" or len(objects) == 3:
                break
        value = _value(rule, sentence, trigger.start - offset)
        kind = _object_kind(rule.predicate)
        if kind == "actor" and not objects:
            continue
        if not objects and value is None:
            continue
        denied = rule.negatable and bool(
            NEGATION.search(sentence[max(0, trigger.start - offset - 25) : trigger.start - offset])
        )
        confidence = rule.confidence * (0.8 if inherited else 1.0) * (1.0 if objects else 0.8)
        reporter = speaker.id if speaker is not None and after_speech else None
        if speaker is not None and not after_speech and trigger.start < (speech_at or 0):
            reporter = speaker.id  # "..., Dar said": the statement before the verb
        subjects = [subject] + [actors[m.actor_id] for m in co_subjects if m.actor_id != subject.id]
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
            previous = claim
    return claims, speaker


def _object_kind(predicate: str) -> str:
    return load_predicates()[predicate].object.value
