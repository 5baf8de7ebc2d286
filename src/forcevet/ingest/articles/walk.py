"""The walk up the tree from an anchor to the clause that holds it.

On the way it notes the clause's subject (through the passive's agent, relative
pronouns, participles after "with" and hyphens: "Kenya-led"; possessives and
adjectives on a noun: "Turkish troops", "Pakistan's refusal"), its negation ("not",
"never", "no", or a refusal above it), its modality words (intent, speculation,
opinion), a condition ("if", "unless", "provided that") and whether the clause is an
open question. It stops at a verb it is coordinated with, unless the parser hung
that verb under what a speaker said.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.ingest.articles.sentence import (
    ACTS,
    CONDITIONS,
    DESIRES,
    INTENT,
    NEGATIONS,
    OPINION,
    REFUSALS,
    RELATIVE,
    SPECULATIVE,
    UNITS,
    UP,
    Sentence,
)
from forcevet.ingest.articles.speech import ASIDE, FIRST_PERSON, SPEECH

# Verbs of a choice still open when what they are "on" is the anchor ("decide on sending").
OPEN_CHOICES = frozenset({"decide", "deliberate", "reflect", "think"})
# Verbs whose passive says what others guess ("Bangladesh is expected to send troops"), where
# the active says what the subject means to do ("Bangladesh expects to send troops").
PASSIVE_GUESSES = frozenset({"expect", "tip", "tap"})


# Verbs whose object, not their subject, does what their infinitive says ("urged the UN
# to send peacekeepers", "asked Kenya to lead").
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "tell", "invite", "request", "press", "persuade", "encourage", "push",
     "pressure", "appeal"}
)  # fmt: skip
# Nouns whose relative clause asks rather than states ("the terms on which X would join").
OPEN_TERMS = frozenset({"condition", "question", "circumstance", "term", "way", "scenario"})


@dataclass
class Clause:
    """What the walk from an anchor up to its clause found."""

    subjects: list[int]
    negated: bool
    refused: bool
    words: set[str]
    condition: int | None
    top: int
    first_person: bool
    whether: bool


class Walk(Sentence):
    """The walk up from an anchor, and which verbs lie below or above it."""

    def _lower_verbs(self, token: int) -> list[int]:
        """Return the verbs a verb governs as its complement ("helped nurture"), also
        where the parser took the lower verb for a modifier of the object."""
        tree = self.tree
        lower = tree.kids(token, "xcomp")
        return lower + [c for o in tree.kids(token, "dobj") for c in tree.kids(o, "compound")]

    def _depth(self, token: int) -> int:
        tree, depth = self.tree, 0
        while tree.head[token] != token and depth < 50:
            token, depth = tree.head[token], depth + 1
        return depth

    def _clause(self, token: int) -> Clause:
        """Walk up from an anchor to the subject of its clause, noting negation, refusal,
        modality words and conditions on the way (not past a verb it is coordinated
        with: "does not recognise X and has designated Y" negates only the first)."""
        tree = self.tree
        current, collecting = token, True
        negated = refused = first_person = whether = False
        words: set[str] = set()
        condition: int | None = None
        subjects: list[int] = []
        seen: set[int] = set()
        previous = current
        while current not in seen:
            seen.add(current)
            if (
                tree.lemma[current] in OPEN_CHOICES
                and tree.dep[previous] == "prep"
                and tree.lower[previous] in ("on", "about")
            ):
                whether = True  # "had not yet decided on sending troops": no position yet
            if collecting:
                for child in tree.kids(current):
                    dep, lemma = tree.dep[child], tree.lemma[child]
                    if dep == "neg" or (dep in ("det", "advmod") and lemma in NEGATIONS):
                        negated = True
                    elif dep in ("aux", "advmod", "amod", "acomp") and lemma in (
                        INTENT | SPECULATIVE | OPINION
                    ):
                        words.add(lemma)
                    elif (
                        dep == "aux"
                        and tree.lower[child] == "to"
                        and tree.kids(current, "nsubj")
                        and not any(tree.lemma[a] == "have" for a in tree.kids(current, "aux"))
                    ):
                        words.add("will")  # a headline's "Benin to send troops"
                    elif dep == "advcl" and any(
                        tree.lemma[m] in CONDITIONS for m in tree.kids(child, "mark", "advmod")
                    ):
                        condition = child
                        if (
                            not tree.kids(child, "nsubj", "nsubjpass", "expl")
                            and tree.tag[child] in ("VBN", "JJ", "RB")  # needed, necessary, so
                            and not any(tree.lower[a] == "only" for a in tree.kids(child))
                        ):
                            words.add("if")  # "if needed": a hedge, not a condition
                if current == token and any(
                    tree.lower[d] == "no"
                    for o in tree.kids(token, "dobj")
                    for d in tree.kids(o, "det")
                ):
                    negated = True  # "will send no troops"
                if current != token:
                    if tree.lemma[current] in REFUSALS:
                        refused = True
                    if tree.lemma[current] in PASSIVE_GUESSES and tree.tag[current] == "VBN":
                        words.add("likely")  # "is expected to send": others' guess, no intent
                    elif tree.lemma[current] in INTENT | SPECULATIVE:
                        words.add(tree.lemma[current])
            near = [current, *tree.kids(current, "attr", "dobj", "nsubj", "acomp")]
            marks = {tree.lower[m] for m in tree.kids(current, "mark")}
            if tree.dep[current] == "advcl" and marks & CONDITIONS:
                words.add("condition")  # "if it is led by the United States"
            if tree.dep[current] == "ccomp" and marks & {"whether", "if"}:
                whether = True  # an open question, not a position
            if tree.dep[current] == "relcl" and tree.lemma[tree.head[current]] in OPEN_TERMS:
                whether = True  # "the conditions under which the country might contribute"
            if any(tree.lemma[c] in FIRST_PERSON for n in near for c in tree.kids(n, "poss")):
                first_person = True  # "not our job", "our soldiers"
            if (
                tree.dep[current] == "prep"
                and tree.lower[current] in ASIDE
                and not tree.is_verb(token)
            ):
                break  # "sent troops despite objections by Uganda": not the sender's objection
            objects = tree.kids(current, "dobj")
            infinitive = tree.dep[previous] == "xcomp" or (
                tree.dep[previous] == "advcl"
                and any(tree.lower[a] == "to" for a in tree.kids(previous, "aux"))
                and not tree.kids(previous, "nsubj")
            )  # "urged the UN today to prepare": the parser may make it an adverbial
            controlled = infinitive and tree.lemma[current] in OBJECT_CONTROL
            if current != token and controlled and objects:
                # "urged the UN to send peacekeepers", "asked Kenya to lead": what one asks
                # of another is neither's position
                subjects, whether = objects, True
                break
            subject = self._subject_here(current, token)
            if subject is not None:
                subjects = subject
                break
            dep = tree.dep[current]
            if dep == "advcl" and tree.kids(current, "mark"):
                if any(tree.lower[m] in CONDITIONS for m in tree.kids(current, "mark")):
                    words.add("condition")  # what a condition asks for is no fact
                break  # a condition or time clause has its own subject
            passes = (
                dep in UP
                or (dep == "relcl" and self._infinitive(current))
                # a clause the parser hung under another verb than a speech verb shares
                # that verb's subject ("troops prepared ... will remain ..., avoid combat")
                or (dep == "ccomp" and tree.lemma[tree.head[current]] not in SPEECH)
            )
            if not passes or tree.head[current] == current:
                break
            if dep == "conj" and tree.is_verb(current):
                bare = tree.tag[current] in ("VB", "VBP")
                if collecting and bare and not tree.kids(current, "aux"):
                    # "would lead the force and contribute troops": a bare verb shares the
                    # modal of the verb it is coordinated with (never its negation)
                    head = tree.head[current]
                    words.update(
                        tree.lemma[a]
                        for a in tree.kids(head, "aux")
                        if tree.lemma[a] in INTENT | SPECULATIVE | OPINION
                    )
                collecting = False
                said = self._said_alongside(current)
                if said is not None:
                    current = said
                    continue
            previous, current = current, tree.head[current]
        return Clause(subjects, negated, refused, words, condition, current, first_person, whether)

    def _said_alongside(self, verb: int) -> int | None:
        """Return the speech verb a verb is coordinated with when the parser attached it
        to what was said: "Hussain stated that the Senate takes pride ..., and praised
        Hamas" (the tense of "praised" is that of "stated", not of "takes")."""
        tree = self.tree
        head = tree.head[verb]
        said = head
        while tree.dep[said] != "ccomp" and tree.head[said] != said:
            said = tree.head[said]
        speech = tree.head[said]
        if tree.dep[said] != "ccomp" or speech not in {s.verb for s in self.speakers}:
            return None
        if tree.tag[verb] == tree.tag[speech] and tree.tag[verb] != tree.tag[head]:
            return speech
        return None

    def _subject_here(self, current: int, anchor: int) -> list[int] | None:
        """Return the subject tokens at one step of the walk: the verb's subject (the
        agent in the passive), or an actor modifying a noun on the way ("Turkish troops",
        "Pakistan's refusal")."""
        tree = self.tree
        for agent in tree.kids(current, "agent"):
            objects = tree.kids(agent, "pobj")
            if objects:
                return objects
        subjects = tree.kids(current, "nsubj")
        if not subjects and current != anchor:
            # "Indonesian personnel will not be involved in combat", "Chad is set to deploy"
            subjects = tree.kids(current, "nsubjpass")
        if not subjects and current == anchor:
            units = [s for s in tree.kids(anchor, "nsubjpass") if tree.lemma[s] in UNITS]
            subjects = units or self._absolute_subject(anchor)  # "Kenyan police were sent"
        if not subjects and current == anchor and self._stative(anchor):
            subjects = tree.kids(anchor, "nsubjpass")  # "Israel is opposed to ...": its stance
        if len(subjects) > 1 and self._split_list(subjects):
            return sorted(subjects)  # "troops from Kenya, Jamaica, and Belize will leave"
        if subjects:  # a dateline's place may be parsed as a second subject: the nearest
            subject = max(subjects, key=lambda s: (tree.mention[s] >= 0, s))
            relative = tree.lemma[subject] in RELATIVE or any(
                tree.lemma[w] in RELATIVE for p in tree.kids(subject, "prep") for w in tree.kids(p)
            )  # "which", "both of whom"
            if relative and tree.dep[current] == "relcl":
                return [self._antecedent(subject, tree.head[current])]
            if relative and tree.kids(subject, "prep"):  # "China and Russia, both of whom"
                return [self._antecedent(subject, subject)]
            return [subject]
        if not tree.is_verb(current) and (current != anchor or self._possessed(anchor)):
            if tree.mention[current] >= 0:
                return None  # an actor on the way is an argument, not the doer
            for modifier in tree.kids(current, "poss", "amod", "compound", "nmod"):
                if tree.mention[modifier] >= 0 or tree.lemma[modifier] in FIRST_PERSON:
                    return [modifier]
                if tree.dep[modifier] == "poss" and tree.lower[modifier] in ("its", "their"):
                    return [modifier]  # "Kenya and its offer": whose, read by the doer
                for inner in tree.kids(modifier, "poss", "amod", "compound"):
                    if tree.mention[inner] >= 0:  # "the South African government's decision"
                        return [inner]
        if tree.dep[current] == "relcl" and not self._infinitive(current):
            return [tree.head[current]]  # "militias that fund Hamas": the militias
        return None

    def _split_list(self, subjects: list[int]) -> bool:
        """Return whether two subjects of one verb are a list the parser cut in two: the
        second comes right after an "and" or "or"."""
        tree = self.tree
        first, last = sorted(subjects)[:2]
        before = min(tree.subtree(last)) - 1
        while before > first and tree.dep[before] == "punct":
            before -= 1
        return before > first and tree.lower[before] in ("and", "or")

    def _stative(self, anchor: int) -> bool:
        """Return whether a passive participle states its subject's stance, not what was
        done to it: "is opposed to", "is committed to" (no agent, a "to" after it)."""
        tree = self.tree
        return (
            tree.tag[anchor] == "VBN"
            and not tree.kids(anchor, "agent")
            and any(tree.lower[p] == "to" for p in tree.kids(anchor, "prep"))
        )

    def _possessed(self, anchor: int) -> bool:
        """Return whether a noun anchor states whose act it is ("Indonesia's offer", "the
        Kenyan pledge"); a possessive or adjective on a noun of relations or roles names
        one side of it, as its subject elsewhere in the clause may ("Hamas representative")."""
        tree = self.tree
        return tree.lemma[anchor] in ACTS and bool(tree.kids(anchor, "poss", "amod"))

    def _absolute_subject(self, anchor: int) -> list[int]:
        """Return the subject of a participle after "with" ("with Russia, China and Pakistan
        abstaining"), or of a participle after a hyphen ("Kenya-led", "US-backed")."""
        tree = self.tree
        named = [
            c
            for c in tree.kids(anchor, "npadvmod", "compound", "nmod")
            if tree.mention[c] >= 0 and c < anchor
        ]
        if named and tree.lower[anchor - 1] == "-":
            return named[:1]
        if not tree.tag[anchor].startswith("VBG") or anchor - 1 < tree.start:
            return []
        before = anchor - 1
        while tree.dep[before] == "conj" and tree.head[before] < before:
            before = tree.head[before]
        if tree.dep[before] == "pobj" and tree.lower[tree.head[before]] == "with":
            return [before]
        return []

    def _infinitive(self, verb: int) -> bool:
        """Return whether a verb is a bare infinitive ("the first country to fund")."""
        tree = self.tree
        return any(tree.lower[a] == "to" for a in tree.kids(verb, "aux"))

    def _antecedent(self, pronoun: int, head: int) -> int:
        """Return what a relative pronoun stands for: the actor written just before it
        ("Azerbaijan, which has ties"), which the parser sometimes attaches elsewhere,
        else the head of the relative clause."""
        tree = self.tree
        before = min(tree.subtree(pronoun)) - 1
        if before >= tree.start and tree.lower[before] == ",":
            before -= 1
        if before >= tree.start and tree.mention[before] >= 0:
            if tree.kids(pronoun, "prep"):  # "China and Russia, both of whom": all of them
                while tree.dep[before] == "conj" and tree.head[before] < before:
                    before = tree.head[before]
            return before
        return head

    def _wished(self, top: int) -> bool:
        """Return whether a clause with its own subject is what someone else wants."""
        tree = self.tree
        current = top
        while tree.head[current] != current:
            if tree.dep[current] in ("relcl", "appos"):
                return False  # "Egypt, which has offered troops, wants ...": said of Egypt
            current = tree.head[current]
            if tree.dep[current] == "prep" and tree.lower[current] in ASIDE:
                return False  # "insisting on X despite Israel's opposition": a fact aside
            if tree.lemma[current] in DESIRES:
                return True
        return False
