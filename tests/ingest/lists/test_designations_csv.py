"""The designations CSV importer: the bundled lists, errors naming line and field, delisting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcevet.errors import InputError
from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.store.actors import get_actor
from forcevet.store.coverage import list_coverage
from forcevet.store.designations import designation_history_of, list_designations
from forcevet.store.store import Store
from tests.conftest import SHARED, Cli, snapshot

BUNDLED = Path(__file__).parents[3] / "src" / "forcevet" / "data" / "designations"
HEADER = "authority,name,source_url,listed_on,aliases,kind,authority_actor\n"


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_bundled_hamas_listings_cite_a_source_each(store: Store) -> None:
    with store.transaction():
        report = import_designations_csv(store, BUNDLED / "hamas-state-listings.csv", by="test")
    assert report.added == 4
    listings = list_designations(store, ["hamas"])
    assert {(d.authority_id, d.listed_on) for d in listings} == {
        ("USA", "1997-10-08"),
        ("GBR", "2021-11-26"),
        ("CAN", "2002-11-27"),
        ("AUS", "2022-03-04"),
    }
    assert all(d.source_url and d.source_url.startswith("https://") for d in listings)
    hamas = get_actor(store, "hamas")
    assert hamas is not None and "Harakat al-Muqawama al-Islamiya" in hamas.aliases


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not here")
def test_the_bundled_un_excerpt_names_the_same_actors_as_the_full_list(store: Store) -> None:
    with store.transaction():
        excerpt = import_designations_csv(store, BUNDLED / "un-sc-excerpt.csv", by="test")
        full = import_un_sc(store, SHARED / "data/un-sc/consolidated-2015-03-30.xml", by="test")
    assert excerpt.added == 4 and full.added == 1042 and full.changed == 4
    (let,) = list_designations(store, ["un-sc-qde-118"])
    assert let.authority_id == "unsc" and let.listed_on == "2005-05-02"
    assert [e.event for e in designation_history_of(store, let.id)] == ["added", "changed"]


def test_reimport_is_a_noop_and_complete_lists_delist(store: Store, tmp_path: Path) -> None:
    rows = [
        "Ruritania Ministry of Interior,Example Front,https://example.org/list,2020-01-02,,,NZL",
        "Ruritania Ministry of Interior,Other Front,https://example.org/list,2021,EF2,,NZL",
    ]
    path = write(tmp_path, *rows)
    with store.transaction():
        assert import_designations_csv(store, path, by="test").added == 2
    before = snapshot(store)
    with store.transaction():
        again = import_designations_csv(store, path, by="test")
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)
    assert snapshot(store) == before
    write(tmp_path, rows[0])
    with store.transaction():
        partial = import_designations_csv(store, path, by="test")
        assert partial.delisted == 0  # a file is not a whole list unless it says so
        complete = import_designations_csv(store, path, by="test", complete=True)
    assert complete.delisted == 1
    (gone,) = [d for d in list_designations(store) if d.names[0].name == "Other Front"]
    assert gone.delisted_on is not None
    (covered,) = list_coverage(store, ["NZL"])  # the whole list is recorded as such
    assert (covered.predicate, covered.note) == (
        "designates",
        "whole list of Ruritania Ministry of Interior",
    )


def test_a_whole_list_must_name_its_authority_as_an_actor(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "Ruritania Ministry,Example Front,https://example.org/list,2020,,,")
    before = snapshot(store)
    with pytest.raises(InputError) as caught, store.transaction():
        import_designations_csv(store, path, by="test", complete=True)
    assert caught.value.field == "authority_actor" and "Ruritania Ministry" in str(caught.value)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("header", "row", "where"),
    [
        (HEADER, "A,,https://x.org,,,,", "list.csv:2: name: name is required"),
        (HEADER, "A,N,www.x.org,,,,", "list.csv:2: source_url: expected the address"),
        (HEADER, "A,N,https://x.org,2 May 2005,,,", "list.csv:2: listed_on:"),
        (HEADER, "A,N,https://x.org,,,militia,", 'list.csv:2: kind: unknown actor kind "militia"'),
        (HEADER, "A,N,https://x.org,,,,ZZZ", 'list.csv:2: authority_actor: no actor "ZZZ"'),
        (
            "authority,name,source_url,colour\n",
            "A,N,https://x.org,red",
            'list.csv:1: colour: unknown column "colour"',
        ),
        ("authority,name\n", "A,N", "list.csv:1: source_url: missing column source_url"),
    ],
)
def test_broken_rows_name_line_and_field(
    cli: Cli, tmp_path: Path, header: str, row: str, where: str
) -> None:
    path = write(tmp_path, row, header=header)
    before = cli.snapshot()
    result = cli("import", "designations", str(path))
    assert result.exit_code == 2, result.output
    assert where in result.stderr
    assert cli.snapshot() == before


def test_a_listing_twice_is_an_error(tmp_path: Path, store: Store) -> None:
    row = "A,N,https://x.org,,,,"
    with pytest.raises(InputError, match="list.csv:3: reference: A lists N twice"):
        import_designations_csv(store, write(tmp_path, row, row), by="test")


def test_cli_json(cli: Cli) -> None:
    result = cli("import", "designations", str(BUNDLED / "hamas-state-listings.csv"), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 4


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not here")
def test_the_demo_imports_the_real_list_when_it_is_there(store: Store) -> None:
    from forcevet.ingest.lists.bundled import import_designation_lists

    path = SHARED / "data/un-sc/consolidated-2015-03-30.xml"
    with store.transaction():
        un, hamas, sdn = import_designation_lists(store, by="test", un_list=path)
    assert (un.counts["individuals"], un.added, hamas.added) == (622, 1046, 4)
    assert sdn.added == 7  # the bundled SDN subset, without a full SDN file
