"""The sentence the parse path reads, and the word lists it reads clauses by.

``Sentence`` holds one sentence's tree, quote, date and speakers, and goes down from
an anchor to its arguments (``_below``): through objects, prepositions and
modifiers, never into another clause or a contrasted, negated conjunct ("troops but
no action against the group"). The walk up (walk.py), frame matching (frames.py),
who did it (participants.py) and what about (objects.py) build on it.
"""

from __future__ import annotations

import dataclasses
from collections import deque

from forcevet.ingest.articles.document import ParsedDocument
from forcevet.ingest.articles.speech import SPEECH, Speaker, Tree, find_speakers
from forcevet.model.dates import TimeSpan

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
     "objection", "opposition", "recognition", "reservation", "condition", "abstention",
     "withdrawal"}
)  # fmt: skip
# What someone wants or permits another to do is no fact about the other ("Egypt wants the
# force to be led by ...", "will not allow Turkish troops to take part").
DESIRES = frozenset(
    {"want", "wish", "demand", "insist", "urge", "ask", "propose", "prefer", "allow", "permit",
     "let"}
)  # fmt: skip
PARTICIPATION = frozenset(
    {"offers_units", "contributes_peacekeepers", "named_as_contributor", "declines_participation"}
)
CONDITIONS = frozenset({"if", "unless", "provided", "providing", "once"})
UNITS = frozenset(
    {"troop", "soldier", "personnel", "police", "policeman", "officer", "battalion", "force",
     "contingent", "unit", "peacekeeper", "brigade", "gendarme", "marine", "army", "forces",
     "group", "team", "detachment", "squad"}
)  # fmt: skip
PARTAKING = UNITS | {"participation", "role", "presence", "involvement", "contribution", "boot"}
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


class Sentence:
    """One sentence being read: its parse, its words, when and who says it."""

    def __init__(
        self,
        document: ParsedDocument,
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
                    # "facilitating Hamas outreach" parsed as a clause: its subject, and
                    # what modifies it ("will not allow Turkish troops to take part")
                    found.append(child)
                    queue.extend(tree.kids(child, "nsubj"))
                    continue
                if dep == "nsubjpass" and current == token and tree.kids(token, "agent"):
                    queue.append(child)  # "Turkey's participation was vetoed by Israel"
                    continue
                if dep == "advcl" and current == token and self._object_doing(token, child):
                    queue.append(child)  # "rejected the Council passing a resolution"
                    continue
                if dep not in DOWN:
                    continue
                if dep == "conj" and (
                    tree.is_verb(child) or tree.kids(child, "nsubj") or self._contrasted(child)
                ):
                    continue  # a verb joined on has its own objects
                queue.append(child)
        return found

    def _object_doing(self, verb: int, clause: int) -> bool:
        """Return whether a clause the parser hung on a verb is what the verb's object
        does: a gerund right after the object, with no subject or mark of its own."""
        tree = self.tree
        if not tree.tag[clause].startswith("VBG") or tree.kids(clause, "nsubj", "mark"):
            return False
        return any(max(tree.subtree(o)) == clause - 1 for o in tree.kids(verb, "dobj"))

    def _contrasted(self, token: int) -> bool:
        """Return whether a conjunct is negated ("but no action against the group")."""
        tree = self.tree
        return any(tree.lemma[c] in NEGATIONS for c in tree.kids(token, "det", "neg", "advmod"))
