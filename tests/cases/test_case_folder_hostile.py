"""Hostile case folders and rubric files: `case load` and `assess --rubric` exit 2 naming
the file and field, never a traceback, and a refused load leaves the store as it was.

Dates in a case are read as text and checked by forcevet (2026-02-30 and 0000-00-00
were turned into tracebacks by PyYAML's timestamp constructor, or passed through as
text to fail later); actor ids follow one syntax; empty and non-UTF-8 files are
refused. The fuzz tests change a small case's scenario.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives

HAITI = Path(__file__).parents[2] / "examples" / "haiti-mss"
VOCABULARY = (HAITI / "vocabulary.yaml").read_bytes()
RUBRIC = (
    Path(__file__).parents[2] / "src" / "forcevet" / "data" / "rubrics" / "stabilization-force.yaml"
).read_bytes()
SCENARIO = """\
id: tiny
title: A tiny case
summary: Two candidates, one source and two claims, for hostile tests.
candidates: [KEN, JAM]
as_of: 2026-03-31
roles:
  state_party: [HTI]
  armed_group: [gang]
  mission: [the-mission]
review:
  by: tester
  date: 2026-04-01
actors:
  - id: the-mission
    kind: igo
    name: The Mission
  - id: gang
    kind: armed_group
    name: A Gang
    country: HTI
    parent: null
sources:
  - id: report
    title: A report
    publisher: Wire
    url: https://example.org/report
    date: 2026-03-01
    kind: news
    reliability: B
claims:
  - source: report
    subject: JAM
    predicate: has_diplomatic_relations_with
    object: HTI
    date: 2023-10-02
    quote: Jamaica and Haiti keep relations.
    paraphrase: true
    credibility: 2
  - source: report
    subject: KEN
    predicate: has_diplomatic_relations_with
    object: HTI
    date: 2025-01
    quote: Kenya and Haiti keep relations.
    paraphrase: true
    credibility: 2
designations:
  - actor: gang
    authority: UN Security Council
    listed_on: 2025-07-08
    source_url: https://example.org/listing
"""
IMPORTER = "case load"


def folder(tmp_path: Path, **files: bytes | None) -> Path:
    """Write the tiny case, each of ``files`` replacing (or, when None, removing) its file."""
    made = tmp_path / "case"
    made.mkdir(exist_ok=True)
    given: dict[str, bytes | None] = {
        "scenario.yaml": SCENARIO.encode(),
        "vocabulary.yaml": VOCABULARY,
    }
    given |= {name.replace("_", ".", 1): data for name, data in files.items()}
    for name, data in given.items():
        if data is not None:
            (made / name).write_bytes(data)
    return made


def scenario(old: str, new: str) -> bytes:
    assert old in SCENARIO, old
    return SCENARIO.replace(old, new, 1).encode()


HOSTILE: list[tuple[str, dict[str, bytes | None], str]] = [
    ("as_of 2026-02-30", {"scenario_yaml": scenario("2026-03-31", "2026-02-30")}, "as_of: not a"),
    ("as_of 0000-00-00", {"scenario_yaml": scenario("2026-03-31", "0000-00-00")}, "as_of: not a"),
    ("as_of a month", {"scenario_yaml": scenario("2026-03-31", "2026-03")}, "as_of: expected"),
    ("review 2026-04-31", {"scenario_yaml": scenario("2026-04-01", "2026-04-31")}, "review.date"),
    ("source 2026-02-29", {"scenario_yaml": scenario("2026-03-01", "2026-02-29")}, "sources.0"),
    ("claim 2023-02-30", {"scenario_yaml": scenario("2023-10-02", "2023-02-30")}, "claims.0.date"),
    ("claim 2025-13", {"scenario_yaml": scenario("2025-01", "2025-13")}, "claims.1.date"),
    ("listed 0000-00-00", {"scenario_yaml": scenario("2025-07-08", "0000-00-00")}, "listed_on"),
    (
        "actor id climbing",
        {"scenario_yaml": scenario("id: gang", "id: ../../etc/passwd")},
        'actors.1.id: not an actor id: "../../etc/passwd"',
    ),
    ("actor id space", {"scenario_yaml": scenario("id: gang", "id: the gang")}, "actors.1.id"),
    ("parent slash", {"scenario_yaml": scenario("parent: null", "parent: a/b")}, "actors.1.parent"),
    ("scenario empty", {"scenario_yaml": b""}, "scenario.yaml: the file is empty"),
    ("scenario comments", {"scenario_yaml": b"# soon\n"}, "scenario.yaml: the file is empty"),
    ("scenario not UTF-8", {"scenario_yaml": SCENARIO.encode() + b"# \xe9\n"}, "not UTF-8"),
    ("scenario UTF-16", {"scenario_yaml": SCENARIO.encode("utf-16")}, "not UTF-8"),
    ("scenario a list", {"scenario_yaml": b"- 1\n"}, "scenario.yaml"),
    ("scenario deep", {"scenario_yaml": b"[" * 50_000}, "scenario.yaml"),
    ("scenario missing", {"scenario_yaml": None}, "scenario.yaml: missing"),
    ("vocabulary empty", {"vocabulary_yaml": b""}, "vocabulary.yaml: the file is empty"),
    ("vocabulary not UTF-8", {"vocabulary_yaml": b"\xff"}, "vocabulary.yaml:1: not UTF-8"),
    ("offers empty", {"offers_yaml": b"", "requirements_yaml": b"[]"}, "offers.yaml: the file"),
    ("offers not UTF-8", {"offers_yaml": b"\xfe", "requirements_yaml": b"- {}\n"}, "offers.yaml"),
    ("constraints empty", {"constraints_yaml": b""}, "constraints.yaml"),
    (
        "rubric beside it not UTF-8",
        {"scenario_yaml": scenario("roles:", "rubric: mine.yaml\nroles:"), "mine_yaml": b"\xe9"},
        "mine.yaml:1: not UTF-8",
    ),
    (
        "rubric beside it empty",
        {"scenario_yaml": scenario("roles:", "rubric: mine.yaml\nroles:"), "mine_yaml": b""},
        "mine.yaml: the file is empty",
    ),
    (
        "evidence outside the folder",
        {"scenario_yaml": scenario("roles:", "evidence: [../outside.yaml]\nroles:")},
        'evidence: "../outside.yaml" is not a file in the case folder',
    ),
    (
        "rubric by absolute path",
        {"scenario_yaml": scenario("roles:", "rubric: /etc/passwd.yaml\nroles:")},
        'rubric: "/etc/passwd.yaml" is not a file in the case folder',
    ),
    (
        "evidence file empty",
        {"scenario_yaml": scenario("roles:", "evidence: [more.yaml]\nroles:"), "more_yaml": b""},
        "more.yaml: the file is empty",
    ),
]


def test_the_tiny_case_loads(cli: Cli, tmp_path: Path) -> None:
    result = cli("case", "load", str(folder(tmp_path)))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("files", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_case_folder_exits_2_naming_file_and_field(
    cli: Cli, tmp_path: Path, files: dict[str, bytes | None], message: str
) -> None:
    made = folder(tmp_path, **files)
    refused(cli, IMPORTER, "case", "load", str(made), message=message, lines=None)


RUBRIC_HOSTILE: list[tuple[str, bytes, str]] = [
    ("not UTF-8", RUBRIC + b"# caf\xe9\n", "rubric.yaml:"),
    ("empty", b"", "rubric.yaml: the file is empty"),
    ("comments only", b"# later\n", "rubric.yaml: the file is empty"),
    ("a list", b"- a\n", "rubric.yaml: a rubric is a mapping"),
    ("a date where text goes", RUBRIC.replace(b"\n", b"\nnote: 2025-02-30\n", 1), "note"),
    ("deep", b"{" * 50_000, "rubric.yaml"),
]


@pytest.mark.parametrize(
    ("content", "message"), [h[1:] for h in RUBRIC_HOSTILE], ids=[h[0] for h in RUBRIC_HOSTILE]
)
def test_a_hostile_rubric_file_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    assert cli("case", "load", str(folder(tmp_path))).exit_code == 0
    path = tmp_path / "rubric.yaml"
    path.write_bytes(content)
    args = ("assess", "--case", "tiny", "--rubric", str(path), "--samples", "100")
    refused(cli, "assess --rubric", *args, message=message)


FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=mutated(SCENARIO.encode()) | st.binary(max_size=200))
def test_any_change_to_a_scenario_exits_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    survives(cli, IMPORTER, "case", "load", str(folder(tmp_path, scenario_yaml=data)))
