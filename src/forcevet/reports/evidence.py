"""The evidence section of a report: per candidate, the claims about it and their sources.

A candidate's evidence includes claims about its state bodies and officials
(actors whose parent is the candidate), named as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from forcevet.model.actors import Actor
from forcevet.model.claims import Claim, Status
from forcevet.model.sources import Source, SourceKind
from forcevet.model.vocabulary import load_predicates
from forcevet.store.actors import load_actors
from forcevet.store.claims import list_claims
from forcevet.store.sources import list_sources
from forcevet.store.store import Store


@dataclass(frozen=True)
class EvidenceLine:
    """One claim as a report prints it."""

    claim: Claim
    source: Source
    subject: Actor
    object: Actor | None
    reported_by: Actor | None
    predicate_label: str

    @property
    def statement(self) -> str:
        """Return the claim as one sentence: subject, predicate, object or value."""
        target = self.object.name if self.object else ""
        value = f" ({self.claim.value})" if self.claim.value and target else self.claim.value or ""
        text = f"{self.subject.name} {self.predicate_label} {target}{value}".strip()
        return f"{text}: denied" if self.claim.polarity.value == "denies" else text


@dataclass(frozen=True)
class DatasetEvidence:
    """The accepted claims one dataset (an official record) holds about a candidate, counted."""

    source: Source
    predicate_label: str
    claims: int
    first: str
    last: str


@dataclass(frozen=True)
class CandidateEvidence:
    """A candidate and every accepted claim about it or its bodies and officials.

    Claims from datasets (hundreds of monthly records) are counted in ``datasets``
    rather than listed one per line; `forcevet claim list` lists them.
    """

    actor: Actor
    lines: list[EvidenceLine]
    proposed: int
    datasets: list[DatasetEvidence] = field(default_factory=list)


@dataclass(frozen=True)
class EvidenceReport:
    """The evidence of all candidates and the sources it rests on."""

    title: str
    summary: str
    candidates: list[CandidateEvidence]
    sources: list[Source]


def build_evidence(
    store: Store, candidates: list[str], *, title: str, summary: str = ""
) -> EvidenceReport:
    """Return the evidence report for the given candidate ids, in the given order."""
    actors = {a.id: a for a in load_actors(store)}
    sources = {s.id: s for s in list_sources(store)}
    labels = {p.id: p.label for p in load_predicates().values()}
    belongs: dict[str, set[str]] = defaultdict(set)
    for actor in actors.values():
        if actor.parent_id:
            belongs[actor.parent_id].add(actor.id)
    by_actor: dict[str, list[Claim]] = defaultdict(list)
    for claim in list_claims(store):
        for actor_id in {claim.subject_id, claim.object_id} - {None}:
            assert actor_id is not None
            by_actor[actor_id].append(claim)
    result = []
    for candidate in candidates:
        related = {candidate} | belongs[candidate]
        claims = {c.id: c for a in sorted(related) for c in by_actor[a]}
        lines = [
            EvidenceLine(
                claim=c,
                source=sources[c.source_id],
                subject=actors[c.subject_id],
                object=actors.get(c.object_id) if c.object_id else None,
                reported_by=actors.get(c.reported_by_id) if c.reported_by_id else None,
                predicate_label=labels.get(c.predicate, c.predicate),
            )
            for c in sorted(
                claims.values(),
                key=lambda c: (c.time.start if c.time and c.time.start else "", c.id),
            )
            if c.status is Status.ACCEPTED
        ]
        proposed = sum(c.status is Status.PROPOSED for c in claims.values())
        records = [line for line in lines if line.source.kind is SourceKind.DATASET]
        result.append(
            CandidateEvidence(
                actors[candidate],
                [line for line in lines if line.source.kind is not SourceKind.DATASET],
                proposed,
                _datasets(records),
            )
        )
    used = {line.source.id for c in result for line in c.lines} | {
        d.source.id for c in result for d in c.datasets
    }
    return EvidenceReport(title, summary, result, [s for s in sources.values() if s.id in used])


def _datasets(lines: list[EvidenceLine]) -> list[DatasetEvidence]:
    grouped: dict[tuple[str, str], list[EvidenceLine]] = defaultdict(list)
    for line in lines:
        grouped[(line.source.id, line.predicate_label)].append(line)
    found = []
    for (_, label), group in sorted(grouped.items()):
        days = sorted(line.claim.time.text for line in group if line.claim.time)
        found.append(
            DatasetEvidence(
                group[0].source,
                label,
                len(group),
                days[0] if days else "",
                days[-1] if days else "",
            )
        )
    return found
