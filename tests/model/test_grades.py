from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.model.grades import Credibility, Reliability


def test_every_grade_has_its_published_meaning() -> None:
    assert [r.meaning for r in Reliability][:2] == ["completely reliable", "usually reliable"]
    assert Reliability.F.meaning == "reliability cannot be judged"
    assert Credibility.CANNOT_BE_JUDGED.meaning == "truth cannot be judged"
    assert all(g.meaning for g in [*Reliability, *Credibility])


@pytest.mark.parametrize(("text", "grade"), [("a", Reliability.A), (" F ", Reliability.F)])
def test_reliability_parses_any_case(text: str, grade: Reliability) -> None:
    assert Reliability.parse(text) is grade


@pytest.mark.parametrize("text", ["G", "", "AB", "1"])
def test_reliability_outside_a_to_f_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="A-F") as caught:
        Reliability.parse(text)
    assert caught.value.field == "reliability"


@pytest.mark.parametrize("text", ["0", "7", "two", "2.5"])
def test_credibility_outside_1_to_6_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="1-6"):
        Credibility.parse(text)


def test_credibility_parses_numbers() -> None:
    assert Credibility.parse("2") is Credibility.PROBABLY_TRUE
    assert Credibility.parse(6) is Credibility.CANNOT_BE_JUDGED
