"""What a claim is about: the actors below its anchor, and its value.

Objects are read below the anchor (``Sentence._below``), at most three, of the kinds
the entry names; a role noun takes the nearest one, then its holder's "of". A
participation claim that names no force is about the force the document names most,
else the one named after the place troops are sent to. A value is the frame's own,
a keyword's, or words of the sentence: a number of units, a sum of money, the
anchor's phrase or its object, cut to a few words.
"""

from __future__ import annotations

from collections.abc import Sequence

from forcevet.ingest.articles.document import is_mission
from forcevet.ingest.articles.frames import Found
from forcevet.ingest.articles.lexicon import Entry
from forcevet.ingest.articles.pipeline import load_capitals
from forcevet.ingest.articles.sentence import PARTAKING, UNITS, Sentence
from forcevet.ingest.articles.speech import mention_actor
from forcevet.ingest.articles.walk import Clause
from forcevet.model.actors import Actor, ActorKind

# Votes: on a resolution, in a body; "the vote on the ISF resolution" is not about the ISF.
VOTES = ("votes_for", "abstains_on")  # "rejects" may be of a force ("asked the MSS to leave")
# Prepositions of a place ("troops in Somalia", "sent to Gaza").
PLACES = frozenset({"in", "into", "inside", "to", "within", "across", "throughout"})


class Objects(Sentence):
    """The objects and values of a sentence's claims."""

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
            for p in tree.kids(t, "prep", "dative")  # "sent 400 soldiers to Haiti": dative
            if tree.lower[p] in ("to", "in", "into", "for", "from")
            for o in tree.kids(p, "pobj")
        ]
        places += [m.text for m in self.mentions if m.how != "demonym"]
        # "landed in Port-au-Prince": a capital stands for its country's name
        capitals = load_capitals()
        places += [
            self.actors[capitals[p]].name
            for p in places
            if p in capitals and capitals[p] in self.actors
        ]
        return self.document.mission_at(places)

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
            if entry.predicate in (*VOTES, "states_condition") and is_mission(actor):
                continue  # a condition or a vote names a body, not the force it is about
            if entry.predicate == "vetoes" and self._place(other):
                continue  # "troops serving in Somalia": where they are, not whose

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
        named = [f for f in found if f.kind.value in entry.object]
        if "any" in entry.object and named:
            # "rejected the Security Council passing a resolution endorsing Trump's plan":
            # the body of a kind the entry names first, not everyone named below it
            return named
        return found

    def _place(self, token: int) -> bool:
        """Return whether a name is where something is or goes ("in Somalia", "to Gaza")."""
        tree = self.tree
        while tree.dep[token] in ("compound", "conj") and tree.head[token] != token:
            token = tree.head[token]
        head = tree.head[token]
        return tree.dep[token] == "pobj" and tree.lower[head] in PLACES

    def _value(self, item: Found, clause: Clause) -> str | None:
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
                    return short(tree.text(words, source))
        if frame.value_from == "money":
            for other in below:
                if tree.lower[other] in ("$", "€", "£") or tree.lemma[other] in ("dollar",):
                    return short(tree.text(tree.subtree(tree.head[other]), source))
        if frame.value_from == "anchor":
            words = [*tree.kids(item.token, "compound", "amod"), item.token]
            return short(tree.text(words, source))
        if frame.value_from == "phrase":
            for other in below:
                if other != item.token and tree.dep[other] in ("dobj", "pobj", "attr"):
                    words = [t for t in tree.subtree(other) if tree.dep[t] not in ("relcl",)]
                    return short(tree.text(words, source).removeprefix("the ").removeprefix("a "))
        return None


def short(text: str, words: int = 10) -> str:
    """Return text on one line, cut to a few words."""
    parts = text.replace('"', " ").split()
    return " ".join(parts[:words])
