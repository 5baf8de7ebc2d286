"""Hostile composition files: `compose` exits 2 naming the file, record and field, never
a traceback, whatever the requirements, offers, constraints, vocabulary or risk file holds.

Before, a non-UTF-8 file, an impossible date (PyYAML's timestamp constructor raised
on 2025-02-30 before validation) and a count of 10**30 (reaching OR-Tools) ended in
tracebacks, and empty constraints or risk files were accepted as "none". The fuzz
tests change the Haiti example's requirements and offers: exit 0, 1 (no composition
meets the constraints) or 2, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives

HAITI = Path(__file__).parents[2] / "examples" / "haiti-mss"
FILES = {name: (HAITI / f"{name}.yaml").read_bytes() for name in ("requirements", "offers")}
FILES["constraints"] = (HAITI / "constraints.yaml").read_bytes()
FILES["vocabulary"] = (HAITI / "vocabulary.yaml").read_bytes()
RISK = b"KEN: 0.3\nJAM: 0.2\nBHS: 0.2\nBLZ: 0.3\nGTM: 0.4\nSLV: 0.4\nBEN: 0.3\nTCD: 0.6\n"
IMPORTER = "compose (files)"


def first(pattern: bytes, new: bytes, name: str) -> bytes:
    changed, count = re.subn(pattern, new, FILES[name], count=1)
    assert count == 1, pattern
    return changed


HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("offers not UTF-8", "offers", FILES["offers"] + b"# caf\xe9\n", "offers.yaml:"),
    ("requirements UTF-16", "requirements", FILES["requirements"].decode().encode("utf-16"), "8"),
    ("constraints not UTF-8", "constraints", b"\xff\xfe", "not UTF-8 text (byte 0xff)"),
    ("vocabulary not UTF-8", "vocabulary", b"unit_types: {\xe9: 1}\n", "not UTF-8"),
    ("risk not UTF-8", "risk", b"KEN: 0.3\n\xff\n", "risk.yaml:2: not UTF-8"),
    ("offers empty", "offers", b"", "offers.yaml: the file is empty; expected a list of records"),
    ("requirements comments", "requirements", b"# nothing yet\n", "the file is empty"),
    ("constraints empty", "constraints", b"", "constraints.yaml: the file is empty"),
    ("vocabulary empty", "vocabulary", b"\n", "vocabulary.yaml: the file is empty"),
    ("risk empty", "risk", b"", "risk.yaml: the file is empty"),
    (
        "available 2026-02-30",
        "offers",
        first(rb"available_from: [\d-]+", b"available_from: 2026-02-30", "offers"),
        'available_from: not a calendar date: "2026-02-30"',
    ),
    (
        "deadline 0000-00-00",
        "constraints",
        FILES["constraints"].replace(b"2026-10-31", b"0000-00-00"),
        'deployment_deadline: not a calendar date: "0000-00-00"',
    ),
    (
        "deadline as a number",
        "constraints",
        FILES["constraints"].replace(b"2026-10-31", b"20261031"),
        "deployment_deadline: expected a date",
    ),
    (
        "count 10**30",
        "offers",
        first(rb"count: \d+", b"count: " + b"9" * 31, "offers"),
        "record 1: count: Input should be less than or equal to 10000",
    ),
    (
        "count 1.0e+30",
        "requirements",
        first(rb"count: \d+", b"count: 1.0e+30", "requirements"),
        "record 1: count:",
    ),
    (
        "personnel 10**30",
        "requirements",
        first(rb"personnel: \d+", b"personnel: " + b"9" * 31, "requirements"),
        "personnel: Input should be less than or equal to 100000",
    ),
    ("share NaN", "constraints", b"max_country_share: .nan\n", "max_country_share: Input should"),
    ("risk ceiling inf", "constraints", b"max_total_risk: .inf\n", "should be a finite number"),
    ("risk ceiling 1e300", "constraints", b"max_total_risk: 1.0e+300\n", "max_total_risk"),
    (
        "unknown unit type",
        "offers",
        first(rb"unit_type: \w+", b"unit_type: spaceship", "offers"),
        'unit_type: unknown unit type "spaceship"',
    ),
    ("offers a mapping", "offers", b"id: x\n", "expected a list of records"),
    ("offers deep", "offers", b"[" * 50_000, "offers.yaml"),
    ("risk 1e300", "risk", b"KEN: 1.0e+300\n", 'KEN: expected a risk between 0 and 1, got "1e+3'),
    ("risk NaN", "risk", b"KEN: .nan\n", "KEN: expected a risk between 0 and 1"),
    ("risk unknown country", "risk", b"QQQ: 0.2\n", "QQQ"),
    ("offers tab", "offers", b"- id: a\n\tcountry: KEN\n", "not valid YAML"),
    ("offers alias bomb", "offers", b"- &a [*a]\n", "offers.yaml"),
]


def write(folder: Path, name: str | None = None, content: bytes = b"") -> list[str]:
    """Write the four files and the risk file, ``name`` replaced by ``content``;
    return the compose options naming them."""
    files = {**FILES, "risk": RISK}
    if name is not None:
        files[name] = content
    options = []
    for part, data in files.items():
        path = folder / f"{part}.yaml"
        path.write_bytes(data)
        options += [f"--{part}", str(path)]
    return [*options, "--replace-constraints", "--time-limit", "5"]


def test_the_example_files_compose(cli: Cli, tmp_path: Path) -> None:
    assert cli("compose", *write(tmp_path)).exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_composition_file_exits_2_naming_it(
    cli: Cli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    stderr = refused(
        cli, IMPORTER, "compose", *write(tmp_path, name, content), message=message, lines=None
    )
    assert f"{name}.yaml" in stderr


FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(name=st.sampled_from(["requirements", "offers"]), data=st.data())
def test_any_change_to_requirements_or_offers_ends_without_a_traceback(
    cli: Cli, tmp_path: Path, name: str, data: st.DataObject
) -> None:
    content = data.draw(mutated(FILES[name]) | st.binary(max_size=200))
    options = write(tmp_path, name, content)
    survives(cli, IMPORTER, "compose", *options, allowed=(0, 1, 2))
