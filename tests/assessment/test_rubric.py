from __future__ import annotations

import pytest

from forcevet.assessment.rubric import Rating, load_rubric, parse_rubric
from forcevet.errors import InputError
from tests.assessment.conftest import FIXTURES

# Every concern raised in the seed article and the reference scenario, and the
# indicator of the default rubric that asks about it.
CONCERNS = {
    "recognition of the state party": "no_relations_with_state_party",
    "security ties with either side": "security_ties_with_a_side",
    "voting against a state party": "votes_against_state_party",
    "vote on the mandate": "did_not_vote_for_mandate",
    "designation of the group to disarm": "does_not_designate_group",
    "state links to groups on the UN sanctions list": "links_to_listed_groups",
    "official hosting of the group's representatives": "hosts_group_representatives",
    "endorsement of the group": "endorses_armed_group",
    "material support": "material_support",
    "reservation on disarmament": "reservation_on_disarmament",
    "reservation on peace enforcement": "reservation_on_enforcement",
    "intelligence leakage": "intelligence_leakage",
    "vetoes by a party": "vetoed_by_party",
    "peacekeeping track record": "no_peacekeeping_record",
    "units, police training or a post offered": "no_support_offered",
}


def test_the_default_rubric_covers_every_concern() -> None:
    rubric = load_rubric()
    ids = {i.id for i in rubric.indicators}
    assert set(CONCERNS.values()) <= ids
    assert {h.id for h in rubric.hypotheses} == {"impartial", "refuses_disarmament", "obstructs"}
    assert rubric.roles() == {"state_party", "armed_group", "mission"}
    assert sum(c.weight for c in rubric.criteria) == pytest.approx(1.0)
    for indicator in rubric.indicators:
        assert indicator.question.endswith("?")


def test_the_hash_follows_the_text() -> None:
    text = (FIXTURES / "rubric-small.yaml").read_text()
    first = parse_rubric(text, path="a.yaml")
    assert first.hash == parse_rubric(text, path="b.yaml").hash
    assert parse_rubric(text.replace("weight: 2.0", "weight: 2.5"), path="c").hash != first.hash


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "predicates: [has_links_to]",
            "predicates: [likes]",
            "criteria.0.indicators.0.match",
            "unknown predicate 'likes'",
        ),
        ("weight: 0.6\n", "weight: 0.9\n", "criteria.0", "weight_range must contain the weight"),
        ("risk_if: affirmed", "risk_if: sometimes", "criteria.0.indicators.0.risk_if", "Input"),
        (
            "consistency: {impartial: N, obstructs: N}",
            "consistency: {impartial: N}",
            None,
            "must rate every hypothesis",
        ),
        (
            "subject: [state]}",
            "subject: [party]}",
            "criteria.1.indicators.0.match",
            "exactly one of subject and object",
        ),
    ],
)
def test_a_bad_rubric_names_its_field(old: str, new: str, field: str | None, message: str) -> None:
    text = (FIXTURES / "rubric-small.yaml").read_text()
    assert old in text
    with pytest.raises(InputError, match=message) as caught:
        parse_rubric(text.replace(old, new, 1), path="bad.yaml")
    assert caught.value.path == "bad.yaml"
    if field:
        assert caught.value.field == field


def test_ratings_mirror_for_contrary_evidence() -> None:
    assert [r.mirrored() for r in Rating] == [Rating.II, Rating.I, Rating.N, Rating.C, Rating.CC]
