"""Who a claim is about as its doer: the actors its subject tokens stand for.

A subject token stands for its mention's actor, with those coordinated with it
("Jamaica, Belize and the Bahamas") or named in its modifiers ("the South African
government's decision", "a contingent of 75 Guatemalan soldiers"); "we", "it" and
"our soldiers" stand for the speaker's state. A role noun's holder ("Zaheer, the
representative"), "as did China", a state before "-led" and states listed after a
dash are read here too, and a doer is fitted to the kinds the entry allows (a
minister pledging troops pledges their state's).
"""

from __future__ import annotations

from collections.abc import Sequence

from forcevet.ingest.articles.lexicon import Entry
from forcevet.ingest.articles.sentence import GENERIC, PRONOUNS, UNITS, Sentence
from forcevet.ingest.articles.speech import FIRST_PERSON, Speaker, mention_actor, state_of
from forcevet.model.actors import Actor, ActorKind

# Possessives by which a speaker names their own state ("his country", "our government")
SPEAKER_OWNS = frozenset({"his", "her", "their", "our", "its", "my"})
# A speaker's own body when "his", "our" ... is attached ("his delegation abstained").
OWN_BODIES = frozenset({"delegation", "administration", "ministry", "army", "military", "cabinet"})
# Nouns a text uses for a state it has named: "the kingdom", "the country", "the Gulf state",
# "the government of Burundi"; words on them that point elsewhere ("the host country",
# "other nations") keep them from standing for it.
STATE_WORDS = frozenset(
    {"country", "nation", "state", "kingdom", "government", "republic", "emirate", "sultanate",
     "monarchy"}
)  # fmt: skip
NOT_THE_NAMED = frozenset(
    {"other", "host", "neighbouring", "neighboring", "neighbour", "neighbor", "member",
     "contributing", "participating", "donor", "another", "some", "many", "several", "foreign",
     "western", "arab", "muslim", "african", "european", "asian", "third"}
)  # fmt: skip
# Words for a share of something, whose "of" names whose ("the rest of the Spanish troops")
PARTITIVES = frozenset(
    {"rest", "remainder", "bulk", "majority", "half", "part", "most", "some", "all", "many",
     "number", "first", "last", "contingent", "hundred", "thousand", "dozen", "score"}
)  # fmt: skip


class Participants(Sentence):
    """The doers of a sentence's claims."""

    def _actors_at(
        self, token: int, speaker: Speaker | None, speaker_state: str | None, depth: int = 0
    ) -> list[Actor]:
        """Return the actors a subject token stands for, with those coordinated with it
        ("Jamaica, Belize and the Bahamas"), or named in its modifiers ("the South African
        government's decision", "a contingent of 75 Guatemalan soldiers")."""
        tree = self.tree
        found: list[Actor] = []
        for member in [token, *self._conjuncts(token)]:
            actor = self._actor_of(member, speaker, speaker_state)
            if actor is not None and actor.id not in {a.id for a in found}:
                found.append(actor)
        if found and tree.lower[token] == "they" and speaker is not None:
            # "Senegal and Togo said they were ready": every state of the speaker's list
            for member in self._conjuncts(speaker.token):
                other = mention_actor(tree, member, self.mentions, self.actors)
                if other is not None and other.kind is ActorKind.STATE and other not in found:
                    found.append(other)
        if found and tree.lemma[token] in UNITS and tree.mention[token] < 0:
            # "troops from South Africa, Malawi, and Tanzania": the parser may hang the last
            # state on the troops, not on the list; the units' origins still count
            for prep in tree.kids(token, "prep"):
                if tree.lower[prep] == "from":
                    for place in tree.kids(prep, "pobj"):
                        for member in [place, *self._conjuncts(place)]:
                            other = self._actor_of(member, speaker, speaker_state)
                            if other is not None and other not in found:
                                found.append(other)
        if not found and tree.mention[token] < 0:
            inner = list(tree.kids(token, "poss", "amod", "compound", "nmod", "appos"))
            if tree.lemma[token] in UNITS or tree.lemma[token] in PARTITIVES:
                inner += [
                    place
                    for prep in tree.kids(token, "prep")
                    if tree.lower[prep] in ("from", "of")
                    for place in tree.kids(prep, "pobj")
                ]
            for modifier in inner:
                actor = self._actor_of(modifier, speaker, speaker_state)
                if actor is not None:  # "a group from Malawi and South Africa": each of them
                    for member in [modifier, *self._conjuncts(modifier)]:
                        other = self._actor_of(member, speaker, speaker_state)
                        if other is not None and other not in found:
                            found.append(other)
                elif depth < 1:
                    found.extend(self._actors_at(modifier, speaker, speaker_state, depth + 1))
        return found

    def _listed_units(self, token: int) -> bool:
        """Return whether a demonym is one of a list of adjectives the parser made nouns,
        the last of which is the units ("South African, Tanzanian and Malawian troops")."""
        tree = self.tree
        head = token
        while tree.dep[head] == "conj" and tree.head[head] != head:
            head = tree.head[head]
        if head != token and tree.dep[head] in ("amod", "compound", "nmod", "poss"):
            return True  # "South African, Tanzanian and Malawian troops": all modify troops
        return any(tree.lemma[m] in UNITS for m in [head, *self._conjuncts(head)])

    def _unit_list(self, units: int) -> list[int]:
        """Return the demonyms listed with a units noun the parser put last in their
        list ("South African, Tanzanian, and Malawian troops": African, Tanzanian)."""
        tree = self.tree
        head = units
        while tree.dep[head] == "conj" and tree.head[head] != head:
            head = tree.head[head]
        return [
            m
            for m in [head, *self._conjuncts(head)]
            if m != units
            and tree.mention[m] >= 0
            and self.mentions[tree.mention[m]].how == "demonym"
        ]

    def _conjuncts(self, token: int) -> list[int]:
        tree = self.tree
        found, stack = [], list(tree.kids(token, "conj"))
        while stack:
            member = stack.pop()
            if not tree.is_verb(member):
                found.append(member)
                stack.extend(tree.kids(member, "conj"))
        return found

    def _actor_of(
        self, token: int, speaker: Speaker | None, speaker_state: str | None
    ) -> Actor | None:
        tree = self.tree
        actor = mention_actor(tree, token, self.mentions, self.actors)
        if actor is not None:
            if (
                self.mentions[tree.mention[token]].how == "demonym"
                and tree.dep[token] not in ("amod", "compound", "nmod", "poss")
                and not self._listed_units(token)
            ):
                return None  # "the Pakistanis": a people, not the state's act
            return actor
        lemma = tree.lemma[token]
        stands_for_speaker = lemma in FIRST_PERSON or lemma in PRONOUNS or lemma in UNITS
        # "X's prime minister announced that his country is ready": the speaker's state
        stands_for_speaker |= lemma in GENERIC | OWN_BODIES and any(
            tree.lower[p] in SPEAKER_OWNS for p in tree.kids(token, "poss")
        )
        if stands_for_speaker and speaker_state is not None:
            return self.actors.get(speaker_state)  # "we", "our soldiers", "it" in X's words
        if tree.lower[token] in ("its", "their") and tree.dep[token] == "poss":
            return self._possessor_before(token)  # "Kenya and its offer to send police"
        if lemma in STATE_WORDS and tree.mention[token] < 0 and self._names_one_state(token):
            return self._described_state(token, speaker_state)
        return None

    def _names_one_state(self, token: int) -> bool:
        """Return whether a state noun is a definite description of one state ("the
        kingdom", "the Gulf state", "the government of Burundi"), not "other nations" or
        "the host country"."""
        tree = self.tree
        if tree.tag[token] not in ("NN", "NNP") or tree.dep[token] not in ("nsubj", "nsubjpass"):
            return False
        kids = tree.kids(token)
        if not any(tree.dep[k] == "det" and tree.lower[k] in ("the", "this") for k in kids):
            return False
        return not any(
            tree.lemma[k] in NOT_THE_NAMED or tree.lower[k] in NOT_THE_NAMED
            for k in kids
            if tree.dep[k] in ("amod", "compound", "nmod", "det")
        )

    def _described_state(self, token: int, speaker_state: str | None) -> Actor | None:
        """Return the state a description stands for: the one its "of" names, else the
        speaker's ("the kingdom will not send troops, Jordan's minister said"), else the
        state the document names most if it was named before, else the last one named."""
        tree = self.tree
        for prep in tree.kids(token, "prep"):
            if tree.lower[prep] == "of":
                for place in tree.kids(prep, "pobj"):
                    actor = mention_actor(tree, place, self.mentions, self.actors)
                    if actor is not None and actor.kind is ActorKind.STATE:
                        return actor
        if speaker_state is not None:
            return self.actors.get(speaker_state)
        at = tree.idx[token]
        before = [
            state
            for m in self.document.mentions
            if m.end <= at
            and (a := self.actors.get(m.actor_id)) is not None
            and (state := state_of(a, self.actors)) is not None
        ]
        if not before:
            return None
        home = self.document.home
        return self.actors.get(home if home in before else before[-1])

    def _possessor_before(self, pronoun: int) -> Actor | None:
        """Return whom "its" or "their" stands for: the state that is the subject of a
        clause above it ("Egypt wants ..., as part of its conditions"), else the state or
        body written last before it; no one when a person comes between."""
        tree = self.tree
        current = tree.head[pronoun]
        while tree.head[current] != current:
            current = tree.head[current]
            for subject in tree.kids(current, "nsubj"):
                actor = mention_actor(tree, subject, self.mentions, self.actors)
                if subject < pronoun and actor is not None and actor.kind is ActorKind.STATE:
                    return actor
        for token in range(pronoun - 1, tree.start - 1, -1):
            actor = mention_actor(tree, token, self.mentions, self.actors)
            if actor is None or self.mentions[tree.mention[token]].how == "pronoun":
                continue
            if actor.kind is ActorKind.PERSON:
                return None
            return actor
        return None

    def _holder(self, token: int) -> tuple[list[int], int | None]:
        """Return who a role noun is said of ("Zaheer, the representative"; "Senator
        Hussain"; "X is the commander"; "named X as a contributor") and, for "as", the
        subject of the verb that names them (a speaker)."""
        tree = self.tree
        dep, head = tree.dep[token], tree.head[token]
        appositions = [a for a in tree.kids(token, "appos") if tree.mention[a] >= 0]
        if appositions:
            return appositions, None
        if dep == "appos" or (dep == "compound" and tree.mention[head] >= 0):
            return [head], None
        if dep == "attr" and tree.lemma[head] == "be":
            return tree.kids(head, "nsubj"), None
        if dep == "pobj" and tree.lower[head] == "of" and tree.lemma[tree.head[head]] == "one":
            one = tree.head[head]  # "Ghana is one of the top contributors"
            if tree.dep[one] == "attr" and tree.lemma[tree.head[one]] in ("be", "remain"):
                return tree.kids(tree.head[one], "nsubj"), None
        if dep == "pobj" and tree.lower[head] in ("among", "amongst"):
            verb = tree.head[head]  # "Italy and France are among its largest contributors"
            if tree.lemma[verb] in ("be", "rank", "remain"):
                return tree.kids(verb, "nsubj"), None
        if dep == "pobj" and tree.lower[head] == "as":
            verb = tree.head[head]
            if not tree.is_verb(verb):  # "officials named X ... as": the naming verb below
                verb = next((v for v in tree.kids(verb, "acl", "relcl") if tree.is_verb(v)), verb)
            named = tree.kids(verb, "dobj", "nsubjpass", "oprd")
            if named:
                said_by = tree.kids(verb, "nsubj") or (
                    [tree.head[verb]] if tree.dep[verb] == "acl" else []
                )
                return named, said_by[0] if said_by else None
            return tree.kids(verb, "nsubj"), None
        return [], None

    def _as_did(self, top: int, speaker: Speaker | None, speaker_state: str | None) -> list[Actor]:
        """Return who did the same in "Russia abstained, as did China"."""
        tree = self.tree
        found: list[Actor] = []
        for clause in tree.kids(top, "advcl"):
            if tree.lemma[clause] == "do" and any(
                tree.lower[m] == "as" for m in tree.kids(clause, "mark")
            ):
                for subject in tree.kids(clause, "nsubj"):
                    found.extend(self._actors_at(subject, speaker, speaker_state))
        return found

    def _hyphen_leader(self, anchor: int) -> list[Actor]:
        """Return the state before "-led" ("a Kenya-led mission", "the Kenyan-led force"),
        which the recogniser may leave unmarked as no agent of the sentence's verb."""
        tree = self.tree
        if tree.lemma[anchor] != "lead" or anchor - 2 < tree.start:
            return []
        if tree.lower[anchor - 1] != "-":
            return []
        named = mention_actor(tree, anchor - 2, self.mentions, self.actors)
        if named is not None and named.kind is ActorKind.STATE:
            return [named]  # "a Kenyan-led mission": the demonym the recogniser marked
        state = self.document.state_named(tree.lower[anchor - 2])
        return [self.actors[state]] if state is not None else []

    def _included(self, subjects: Sequence[int]) -> list[Actor]:
        """Return the states a generic subject names as its members ("other nations,
        including Jordan and Egypt"; "countries such as Jordan")."""
        tree = self.tree
        found: list[Actor] = []
        for subject in subjects:
            for prep in tree.kids(subject, "prep"):
                if tree.lower[prep] not in ("including", "like", "such"):
                    continue
                for token in tree.subtree(prep):
                    actor = mention_actor(tree, token, self.mentions, self.actors)
                    if actor is not None and actor.kind is ActorKind.STATE and actor not in found:
                        found.append(actor)
        return found

    def _among(
        self, subjects: Sequence[int], speaker: Speaker | None, speaker_state: str | None
    ) -> list[Actor]:
        """Return who is said to be among a generic subject ("the UAE was considered to be
        among the countries that could join"): the subject of the verb "among" hangs on,
        or of the verb above it that the verb completes."""
        tree = self.tree
        found: list[Actor] = []
        for subject in subjects:
            above = tree.head[subject]
            if tree.dep[subject] != "pobj" or tree.lower[above] != "among":
                continue
            verb = tree.head[above]
            while not tree.kids(verb, "nsubj", "nsubjpass") and tree.dep[verb] == "xcomp":
                verb = tree.head[verb]
            for who in tree.kids(verb, "nsubj", "nsubjpass"):
                found.extend(self._actors_at(who, speaker, speaker_state))
        return found

    def _listed_after(self, anchor: int) -> list[Actor]:
        """Return the states listed after a dash or colon that follows an anchor: who the
        generic subject was ("Two countries have committed to train police - Egypt and
        Jordan")."""
        tree = self.tree
        found: list[Actor] = []
        dash = next(
            (t for t in range(anchor + 1, tree.end) if tree.lower[t] in ("-", "—", "–", ":")),
            None,
        )
        if dash is None:
            return found
        for token in range(dash + 1, tree.end):
            actor = mention_actor(tree, token, self.mentions, self.actors)
            if actor is not None and actor.kind is ActorKind.STATE:
                if actor.id not in {a.id for a in found}:
                    found.append(actor)
            elif tree.mention[token] < 0 and tree.lower[token] not in (",", "and", "the"):
                break
        return found

    def _fit(self, actor: Actor, entry: Entry) -> Actor | None:
        """Return the actor if its kind fits, else its state if a state fits (a minister
        pledging troops pledges their state's); a state's position is its state's."""
        kinds = entry.subject
        if entry.state_position and actor.kind is not ActorKind.STATE:
            state = state_of(actor, self.actors) or self.document.person_state.get(actor.id)
            if state is not None:
                return self.actors[state]
        if "any" in kinds or actor.kind.value in kinds:
            return actor
        if "state" in kinds:
            state = state_of(actor, self.actors) or self.document.person_state.get(actor.id)
            if state is not None:
                return self.actors[state]
        return None

    def _speaker_state(self, speaker: Speaker | None) -> str | None:
        if speaker is None:
            return None
        if speaker.state_id is not None:
            return speaker.state_id
        actor = self.actors.get(speaker.actor_id) if speaker.actor_id else None
        return state_of(actor, self.actors) if actor is not None else None
