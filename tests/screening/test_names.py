"""forcevet's own name layer: folding, acronyms, kunyas. Plain strings, no matcher."""

from __future__ import annotations

import pytest

from forcevet.screening.index import skeleton
from forcevet.screening.names import (
    acronym_strength,
    fold_letters,
    is_acronym,
    is_kunya,
    name_variants,
    split_acronym,
)


@pytest.mark.parametrize(
    ("urdu", "arabic"),
    [
        ("محمد مسعود اظہر", "محمد مسعود اظهر"),  # heh goal
        ("حافظ محمد سعید", "حافظ محمد سعيد"),  # farsi yeh
        ("لکھوی", "لكهوي"),  # keheh, doachashmee, farsi yeh
        ("ٹیپو", "تيبو"),  # tteh, farsi yeh, peh
        ("أحمد خليل", "أحمد خليل"),  # Arabic stays as it is
    ],
)
def test_urdu_and_persian_letters_fold_to_arabic(urdu: str, arabic: str) -> None:
    assert fold_letters(urdu) == arabic


ACRONYMS = [
    {"short": "LeT", "name": "Lashkar-e-Tayyiba", "strength": "initials"},
    {"short": "LET", "name": "Lashkar-e-Tayyiba", "strength": "initials"},
    {"short": "JeM", "name": "Jaish-i-Mohammed", "strength": "initials"},
    {"short": "JEM", "name": "Jaish-i-Mohammed", "strength": "initials"},
    {"short": "TTP", "name": "Tehrik-e Taliban Pakistan", "strength": "initials"},
    {"short": "AQAP", "name": "Al-Qaida in the Arabian Peninsula", "strength": "initials"},
    {"short": "JUD", "name": "Jamaat-ud-Dawa", "strength": "initials"},
    {"short": "HAMAS", "name": "Harakat al-Muqawama al-Islamiya", "strength": "letters"},
    {"short": "Hamas", "name": "Harakat al-Muqawama al-Islamiya", "strength": "letters"},
    {"short": "JeM", "name": "Jamaat Mojahedin", "strength": "loose"},
    {"short": "HAMAS", "name": "Harakat ul-Mujahidin", "strength": None},
    {"short": "NATO", "name": "Namchongang Trading Corporation", "strength": None},
    {"short": "LeT", "name": "Libyan Investment Authority", "strength": None},
    {"short": "ICEC", "name": "International Committee of the Red Cross", "strength": None},
]


@pytest.mark.parametrize("case", ACRONYMS, ids=lambda c: f"{c['short']}-{c['name']}")
def test_acronyms_and_what_they_abbreviate(case: dict[str, str | None]) -> None:
    assert acronym_strength(str(case["short"]), str(case["name"])) == case["strength"]


def test_acronyms_written_beside_names_become_names() -> None:
    assert split_acronym("LASHKAR I JHANGVI (LJ)") == ["LASHKAR I JHANGVI", "LJ"]
    assert split_acronym("HARAKAT UL-MUJAHIDIN / HUM") == ["HARAKAT UL-MUJAHIDIN", "HUM"]
    assert split_acronym("AL-QAIDA (the base)") == ["AL-QAIDA (the base)"]
    assert name_variants("Falah-i-Insaniat Foundation (FIF)") == [
        "Falah-i-Insaniat Foundation",
        "FIF",
    ]
    assert name_variants("محمد مسعود اظہر") == ["محمد مسعود اظہر", "محمد مسعود اظهر"]
    assert is_acronym("LeT") and is_acronym("HAMAS") and not is_acronym("Hamas")


@pytest.mark.parametrize(
    ("name", "kunya"),
    [("Abu Hamza al-Masri", True), ("Umm Sayyaf", True), ("أبو محمد", True), ("Abu", False)],
)
def test_kunyas(name: str, kunya: bool) -> None:
    assert is_kunya(name) is kunya


def test_consonant_skeletons_bridge_transliterations() -> None:
    assert skeleton("Mohammed") == skeleton("mhmd") == "mhmd"
    assert skeleton("Masood") == skeleton("mswd") == "msd"
