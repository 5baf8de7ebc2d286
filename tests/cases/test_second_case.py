"""A second case from files alone: the Haiti example folder is loaded, assessed, composed
and reported through the CLI, and nothing of the bundled Gaza case appears in what the
commands print or the report writes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "haiti-mss"

# Gaza's actors, tasks, conditions and words: none may leak into another case's outputs
# ("hamas" as a word: the Bahamas is a candidate here).
GAZA = re.compile(
    r"gaza|\bhamas\b|\bisf\b|israel|\bISR\b|palestin|board.of.peace|rafah|khan younis"
    r"|disarmament_support|no_disarmament_tasks|demilitari|lashkar|jaish|pak-isi"
    r"|jasper|jeffers|qaddoumi|gatestone",
    re.IGNORECASE,
)


def leaks(text: str) -> list[str]:
    """Return the Gaza words found in ``text``, each once."""
    return sorted({m.group(0).lower() for m in GAZA.finditer(text)})


@pytest.fixture(scope="module")
def haiti(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, dict[str, str], Path]:
    """Load a copy of the example, assess, compose and report it; return what each printed."""
    root = tmp_path_factory.mktemp("haiti")
    folder = root / "haiti-mss"
    shutil.copytree(EXAMPLE, folder)
    cli = Cli(f"sqlite:///{root / 'haiti.db'}")
    printed: dict[str, str] = {}
    for name, args in (
        ("init", ["init"]),
        ("load", ["case", "load", str(folder)]),
        ("assess", ["assess", "--samples", "500"]),
        ("compose", ["compose", "--json"]),
        ("report", ["report", "--out", str(root / "report")]),
    ):
        result = cli(*args)
        assert result.exit_code == 0, f"{name}: {result.output}"
        printed[name] = result.output
    return cli, printed, root / "report"


def test_the_example_loads_with_its_candidates_and_evidence(
    haiti: tuple[Cli, dict[str, str], Path],
) -> None:
    _, printed, _ = haiti
    assert "haiti-mss" in printed["load"]
    assert "8 candidates" in printed["load"]
    for code in ("KEN", "JAM", "BHS", "BLZ", "GTM", "SLV", "BEN", "TCD"):
        assert f"({code})" in printed["assess"], code


def test_the_force_is_composed_from_the_examples_offers(
    haiti: tuple[Cli, dict[str, str], Path],
) -> None:
    _, printed, _ = haiti
    composed = json.loads(printed["compose"])
    countries = {a["country"] for a in composed["assignments"]}
    assert countries <= {"KEN", "JAM", "BHS", "BLZ", "GTM", "SLV", "BEN", "TCD"}
    assert countries
    # El Salvador's contingent does medical evacuation only, so it fills nothing else.
    assert all(
        a["unit_type"] == "medevac_air_unit"
        for a in composed["assignments"]
        if a["country"] == "SLV"
    )


def test_the_report_is_written_in_every_format(haiti: tuple[Cli, dict[str, str], Path]) -> None:
    _, _, report = haiti
    suffixes = {p.suffix for p in report.rglob("*") if p.is_file()}
    assert {".html", ".md", ".json"} <= suffixes
    markdown = "\n".join(p.read_text("utf-8") for p in report.rglob("*.md"))
    assert "Gang Suppression Force" in markdown or "Multinational Security Support" in markdown


def test_no_gaza_actor_task_or_text_in_any_output(haiti: tuple[Cli, dict[str, str], Path]) -> None:
    _, printed, report = haiti
    for name, text in printed.items():
        assert not leaks(text), f"{name} printed {leaks(text)}"
    for path in sorted(report.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".md", ".json", ".txt", ".csv", ".svg"):
            found = leaks(path.read_text("utf-8"))
            assert not found, f"{path.name} holds {found}"
