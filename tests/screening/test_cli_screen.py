"""`forcevet screen` through the CLI, and the cost every other command must not pay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def listed(cli: Cli) -> Cli:
    assert cli("import", "un-sc", str(FIXTURES / "un-sc-small.xml")).exit_code == 0
    assert cli("import", "designations", str(FIXTURES / "hamas-listings.csv")).exit_code == 0
    return cli


def test_json_has_one_result_per_name_in_input_order(listed: Cli, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("# names from an article\nJohn Smith\nLeT\n", encoding="utf-8")
    result = listed("screen", "محمد مسعود اظہر", "HAMAS", "--file", str(names), "--json")
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)
    assert [r["query"] for r in results] == ["محمد مسعود اظہر", "HAMAS", "John Smith", "LeT"]
    azhar, hamas, nobody, let = results
    assert azhar["matches"][0]["reference"] == "QDi.422"
    assert "folded" in azhar["matches"][0]["normalisation"][0]
    assert {m["authority"] for m in hamas["matches"]} == {
        "United States Department of State",
        "Public Safety Canada",
    }
    assert nobody["matches"] == []
    assert let["matches"][0]["reference"] == "QDe.118"
    assert all(m["score"] >= 0.7 for r in results for m in r["matches"])
    scores = [m["score"] for m in hamas["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_threshold_limit_schema_and_text_output(listed: Cli) -> None:
    strict = json.loads(listed("screen", "Abu Example", "--threshold", "0.9", "--json").stdout)
    assert strict[0]["matches"] == []
    one = json.loads(listed("screen", "Hamas", "--limit", "1", "--json").stdout)
    assert len(one[0]["matches"]) == 1
    people = json.loads(listed("screen", "Hamas", "--schema", "Person", "--json").stdout)
    assert people[0]["matches"] == []
    text = listed("screen", "Lashkar e Toiba")
    assert text.exit_code == 0
    assert "1.00  LASHKAR-E-TAYYIBA  UN Security Council QDe.118" in text.stdout
    assert "literalMatch" in text.stdout


BAD = [
    (["screen"], "give a NAME to screen, --file FILE or --actors"),
    (["screen", "X", "--schema", "Vessel"], 'schema: unknown schema "Vessel"'),
    (["screen", "X", "--country", "ZZZ"], 'country: unknown country code "ZZZ"'),
    (["screen", "X", "--threshold", "1.5"], "threshold: expected a threshold between 0 and 1"),
    (["screen", "X", "--actors"], "give names or --actors, not both"),
    (["screen", "--file", "missing.txt"], "missing.txt: no such file"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_exits_2(listed: Cli, args: list[str], message: str) -> None:
    result = listed(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_empty_store_says_to_import_a_list(cli: Cli) -> None:
    result = cli("screen", "HAMAS")
    assert result.exit_code == 2
    assert "no listings in the store to screen against; import a list first" in result.stderr


def test_screen_actors_proposes_links(listed: Cli) -> None:
    listed("actor", "add", "Hamas", "--kind", "armed_group", "--id", "hamas-movement")
    result = listed("screen", "--actors", "--json")
    assert result.exit_code == 0, result.output
    proposals = json.loads(result.stdout)["proposals"]
    assert {p["authority"] for p in proposals} == {
        "United States Department of State",
        "Public Safety Canada",
    }
    listed_claims = json.loads(listed("claim", "list", "--status", "proposed", "--json").stdout)
    assert len(listed_claims) == 2


def test_other_commands_do_not_load_the_matcher() -> None:
    code = (
        "import sys, forcevet.cli, forcevet.store.store, forcevet.screening.status; "
        "print(sorted(m for m in sys.modules if m.startswith(('nomenklatura', 'sklearn'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
