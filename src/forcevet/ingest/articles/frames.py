"""Frame matching: which frame of data/lexicon.yaml holds at an anchor token.

An anchor's lemma (or lower form) names candidate frames; a frame holds when the
anchor is the right part of speech, the frame's other words are attached to it, its
required argument is below it (``with``), and a negated frame's clause is negated or
refused. Of the frames that hold, the surest wins: negated frames, an object of a
kind the entry names, more words, then the entry's confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcevet.ingest.articles.document import is_mission
from forcevet.ingest.articles.lexicon import Anchor, Entry, anchors
from forcevet.ingest.articles.sentence import FORCE_WORDS
from forcevet.ingest.articles.speech import mention_actor
from forcevet.ingest.articles.walk import Walk


@dataclass(frozen=True)
class Found:
    """A frame that holds at an anchor token."""

    anchor: Anchor
    token: int


class Frames(Walk):
    """Frame matching at the anchors of a sentence."""

    def _frame(self, token: int) -> Found | None:
        """Return the frame that holds at a token, the surest first, if any."""
        tree = self.tree
        if tree.mention[token] >= 0:
            return None  # a word of a name ("Kenyan-led international force")
        candidates = anchors().get(tree.lemma[token]) or anchors().get(tree.lower[token]) or ()
        holding: list[tuple[tuple[int, int, int, int, float], Found]] = []
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
            if tree.dep[token] == "pobj":  # "would only deploy under a UN mandate"
                prep = tree.head[token]
                near |= {tree.lower[a] for a in tree.kids(prep, "advmod")}
                near |= {tree.lower[a] for a in tree.kids(tree.head[prep], "advmod")}
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
                self._nearest_object(token, anchor.entry),
                anchor.entry.confidence,
            )
            holding.append((rank, Found(anchor, token)))
        if not holding:
            return None
        return max(holding, key=lambda h: h[0])[1]

    def _specific_object(self, token: int, entry: Entry) -> int:
        """Return 1 if an actor of a kind the entry names (not "any") is an argument: "rejects
        Turkish role" is a veto of a state, "rejects the force" a refusal to join; 2 if it
        is in the direct object: "exclude Ethiopian troops from AUSSOM" is a veto of
        Ethiopia more than a refusal of AUSSOM."""
        kinds = [k for k in entry.object if k != "any"]  # "any" with kinds: those kinds
        if not kinds:
            return 0
        direct = {t for o in self.tree.kids(token, "dobj") for t in self.tree.subtree(o)}
        found = 0
        for other in self._below(token, limit=12):
            actor = mention_actor(self.tree, other, self.mentions, self.actors)
            if other != token and actor is not None and actor.kind.value in kinds:
                found = max(found, 2 if other in direct else 1)
        return found

    def _nearest_object(self, token: int, entry: Entry) -> int:
        """Return how near the first actor of a kind the entry names is (higher is nearer):
        "rejected any role for Turkey in the ISF" is about Turkey before the force."""
        kinds = [k for k in entry.object if k != "any"]
        if not kinds:
            return -99
        for position, other in enumerate(self._below(token, limit=12)):
            actor = mention_actor(self.tree, other, self.mentions, self.actors)
            if other != token and actor is not None and actor.kind.value in kinds:
                return -position
        return -99

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
        # "a Kenya-led mission": the noun a passive participle modifies is its argument; not
        # so an active one's ("a resolution opposing any role": the resolution opposes)
        if not tree.is_verb(token) or (
            tree.dep[token] in ("amod", "acl") and tree.tag[token] != "VBG"
        ):
            named = mention_actor(tree, head, self.mentions, self.actors)
            force = named is not None and is_mission(named)
            if tree.dep[token] == "dobj" and tree.is_verb(head):
                # "troops from Malawi will begin a phased withdrawal": the doer of the act
                doers = tree.kids(head, "nsubj", "nsubjpass")
                if any(tree.lemma[d] in wanted for d in doers):
                    return True
            return tree.lemma[head] in wanted or force  # "a Kenya-led mission"
        # "soldiers from Jamaica arrived": the units may be the subject
        subjects = [*tree.kids(token, "nsubj"), *self._absolute_subject(token)] if subject else []
        if subject and not subjects:  # "troops were ready to deploy": the clause's subject
            upper = token
            while tree.dep[upper] in ("xcomp", "acomp") and tree.head[upper] != upper:
                upper = tree.head[upper]
                subjects += tree.kids(upper, "nsubj", "nsubjpass")
        subjects += tree.kids(token, "nsubjpass")  # "soldiers were deployed"
        subjects += [  # "hundreds of Turkish soldiers serve", "a group of police arrived"
            noun
            for s in subjects
            for prep in tree.kids(s, "prep")
            if tree.lower[prep] == "of"
            for noun in tree.kids(prep, "pobj")
        ]
        return any(tree.lemma[n] in wanted for n in subjects)
