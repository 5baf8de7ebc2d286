"""The spaCy pipeline that marks the store's actors in text.

A blank English pipeline: a component that starts a sentence after every line
break, the sentencizer, and two EntityRulers built from the actors' names: one
case-insensitive for names and aliases, one case-sensitive for acronyms (so
that "let" is not LeT). Each entity carries its actor's id. Demonyms are made
by one rule for every country ("Pakistani"), and a person's surname stands for
them when no one else has it. A third ruler finds names of two words or more spelt
another way (Lashkar-e-Toiba), by the consonants of their words. A statistical
model is not needed to find known
actors (measured: the gazetteer alone finds every known actor, at about
360,000 words/s).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

import numpy
from normality import ascii_text

from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

VARIANT = "variant"  # the label of a name found spelt another way
# Particles that join the words of Arabic, Urdu and Persian names, spelt many ways:
# Lashkar-e-Taiba, Lashkar-i-Taiba; Jamaat-ud-Dawa, Jamaat-ul-Dawa.
PARTICLES = frozenset({"e", "i", "ul", "ud", "ut", "us", "al", "el"})
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvxz]")
_DOUBLED = re.compile(r"(.)\1+")


def is_acronym(name: str) -> bool:
    """Return whether a name must match case-sensitively (ISI, LeT, JeM, US)."""
    return " " not in name and len(name) <= 6 and sum(c.isupper() for c in name) >= 2


def demonyms(name: str) -> set[str]:
    """Return adjectives for a country's people by one rule for all: Pakistan -> Pakistani,
    Indonesia -> Indonesian, Egypt -> Egyptian, Morocco -> Moroccan."""
    if " " in name or len(name) < 4:
        return set()
    forms = {name + "i", name + "ian"} if name[-1] not in "aeiouy" else set()
    if name.endswith("a"):
        forms.add(name + "n")
    if name[-1] in "aeo":
        forms.update({name[:-1] + "an", name[:-1] + "ian"})
    return forms


def _register_paragraph_breaks() -> None:
    """Register a component that starts a sentence after every line break.

    Titles and datelines have no full stop; without this they run into the
    first sentence.
    """
    from spacy.language import Language

    if "paragraph_breaks" in Language.factories:
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Any) -> Any:
        from spacy.attrs import IS_SPACE

        # Line breaks are whitespace tokens of their own; read the flags as an array
        # (``doc.text`` and token iteration rebuild Python objects for every token).
        for index in numpy.flatnonzero(doc.to_array([IS_SPACE])):
            after = int(index) + 1
            if after < len(doc) and "\n" in doc[int(index)].text:
                doc[after].is_sent_start = True
        return doc


def from_a_list(actor: Actor, in_evidence: Collection[str]) -> bool:
    """Return whether an actor only comes from a designation list: it has a list's
    identifier and no claim names it yet."""
    return actor.id not in in_evidence and any(i.scheme != "iso3166" for i in actor.identifiers)


def text_names(actor: Actor, in_evidence: Collection[str]) -> list[str]:
    """Return the names worth looking for in text.

    A listed actor's one-word aliases ("Hussain", "Mujahid") are ordinary words or
    common names in articles: only its names of two words or more are used.
    """
    if not from_a_list(actor, in_evidence):
        return list(actor.names)
    return [n for n in actor.names if " " in n.strip() or is_acronym(n)]


def make_pipeline(actors: Sequence[Actor], in_evidence: Collection[str] = ()) -> Any:
    """Return a spaCy pipeline that marks every known actor, its id as the entity id.

    ``in_evidence`` names the actors claims already speak of: they win a name
    over actors known only from a designation list.
    """
    import spacy  # about 1 s: only the commands that read text pay it

    _register_paragraph_breaks()
    nlp: Any = spacy.blank("en")  # spaCy's own types are looser than mypy's strict mode
    # "LeT." and "ISI." end sentences: split the full stop off mixed-case acronyms.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[a-z][A-Z])\.", r"(?<=[A-Z]{2})\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    names: Any = nlp.add_pipe(
        "entity_ruler", name="names", config={"phrase_matcher_attr": "LOWER", "validate": False}
    )
    acronyms: Any = nlp.add_pipe(
        "entity_ruler",
        name="acronyms",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False},
    )
    name_patterns: list[dict[str, str]] = []
    acronym_patterns: list[dict[str, str]] = []
    owners: dict[str, set[str]] = {}
    for actor in actors:
        for name in text_names(actor, in_evidence):
            owners.setdefault(name_key(name), set()).add(actor.id)
    # The evidence's own actors win a name over a list's ("ISI": Pakistan's agency, not
    # the UN-listed Islamic State of Iraq); the list's actor keeps its other names.
    evidence_names = {
        name_key(n) for a in actors if not from_a_list(a, in_evidence) for n in a.names
    }
    for actor in actors:
        if from_a_list(actor, in_evidence):
            for name in text_names(actor, in_evidence):
                if name_key(name) in evidence_names:
                    owners[name_key(name)].discard(actor.id)
    demonym_owners: Counter[str] = Counter()
    for actor in actors:
        if actor.kind is ActorKind.STATE:
            for name in actor.names:
                demonym_owners.update(demonyms(name))
    surnames: Counter[str] = Counter(
        a.name.split()[-1]
        for a in actors
        if a.kind is ActorKind.PERSON and " " in a.name and not from_a_list(a, in_evidence)
    )
    for actor in actors:
        label = actor.kind.value
        if (
            actor.kind is ActorKind.PERSON
            and " " in actor.name
            and not from_a_list(actor, in_evidence)
        ):
            surname = actor.name.split()[-1]  # "Zaheer" for Naji Zaheer, if no one else
            if len(surname) >= 4 and surnames[surname] == 1 and name_key(surname) not in owners:
                name_patterns.append({"label": label, "pattern": surname, "id": actor.id})
        for name in text_names(actor, in_evidence):
            if owners[name_key(name)] != {actor.id}:
                continue  # an ambiguous name marks nobody
            pattern = {"label": label, "pattern": name, "id": actor.id}
            (acronym_patterns if is_acronym(name) else name_patterns).append(pattern)
        if actor.kind is ActorKind.STATE:
            for name in actor.names:
                for form in demonyms(name):
                    if demonym_owners[form] == 1 and name_key(form) not in owners:
                        name_patterns.append({"label": "demonym", "pattern": form, "id": actor.id})
    names.add_patterns(name_patterns)
    acronyms.add_patterns(acronym_patterns)
    _add_variants(nlp, {p["pattern"]: p["id"] for p in name_patterns if p["label"] != "demonym"})
    return nlp


def skeleton(word: str) -> str:
    """Return what the transliterations of a word have in common: its consonants, in
    lower case and without accents, leaving out y, w and an h ending the word after a
    vowel, each doubled letter once (Taiba, Tayyiba, Toiba: tb; Mohammed, Muhammad:
    mhmd; Dawa, Dawah: d). A particle joining the words of a name is "·"."""
    folded = ascii_text(word).lower()
    if folded in PARTICLES:
        return "·"
    consonants = _NOT_CONSONANT.sub("", _FINAL_H.sub("", folded))
    return _DOUBLED.sub(r"\1", consonants) or folded


def _add_variants(nlp: Any, names: dict[str, str]) -> None:
    """Add a ruler that marks other spellings of names of two words or more, by the
    skeletons of their words ("Lashkar-e-Toiba", "Lashkar e Taiba" for Lashkar-e-Taiba),
    after the exact rulers and only where they marked nothing.

    ``names`` maps each name to the one actor it marks. A skeleton two actors share
    marks neither; names with fewer than five consonants in all are left out, as
    too many words would share them.
    """
    from spacy.attrs import NORM

    nlp.vocab.lex_attr_getters[NORM] = skeleton  # words met from now on
    for lexeme in list(nlp.vocab):  # and those the blank model already holds
        lexeme.norm_ = skeleton(lexeme.orth_)
    ruler: Any = nlp.add_pipe(
        "entity_ruler",
        name="variants",
        config={"phrase_matcher_attr": "NORM", "overwrite_ents": False, "validate": False},
    )
    found: list[tuple[tuple[str, ...], str, str]] = []
    holders: dict[tuple[str, ...], set[str]] = {}
    for name, actor_id in names.items():
        for form in dict.fromkeys([name, name.replace("-", " ")]):
            norms = tuple(t.norm_ for t in nlp.make_doc(form))
            content = [n for n in norms if n not in ("·", "-")]
            if len(content) < 2 or sum(len(n) for n in content) < 5:
                continue
            holders.setdefault(norms, set()).add(actor_id)
            found.append((norms, form, actor_id))
    ruler.add_patterns(
        [
            {"label": VARIANT, "pattern": form, "id": actor_id}
            for norms, form, actor_id in found
            if holders[norms] == {actor_id}
        ]
    )
