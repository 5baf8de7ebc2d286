"""The UN SC importer on the real published files and on small files written for the tests."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from forcevet.errors import InputError
from forcevet.ingest.lists.un_sc import import_un_sc, read_un_sc
from forcevet.model.designations import NameQuality
from forcevet.store.actors import get_actor
from forcevet.store.designations import designation_history_of, list_designations
from forcevet.store.store import Store
from tests.conftest import SHARED, Cli, snapshot

DATA = SHARED / "data" / "un-sc"
FIXTURES = Path(__file__).parents[2] / "fixtures"
SMALL, SMALL_V2 = FIXTURES / "un-sc-small.xml", FIXTURES / "un-sc-small-v2.xml"

needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not here")


def count_by_parsing(path: Path) -> Counter[str]:
    """Count the records of a UN list with the standard library, independently of forcevet."""
    root = ElementTree.parse(path).getroot()
    return Counter(
        individuals=len(root.findall("INDIVIDUALS/INDIVIDUAL")),
        entities=len(root.findall("ENTITIES/ENTITY")),
        alias_records=len(root.findall(".//INDIVIDUAL_ALIAS") + root.findall(".//ENTITY_ALIAS")),
    )


@needs_shared
@pytest.mark.parametrize(
    ("name", "individuals", "entities", "aliases"),
    [
        ("consolidated-2015-03-30.xml", 622, 424, 2686),
        ("1267-2015-03-30.xml", 234, 71, 1511),
    ],
)
def test_counts_of_the_real_files_match_the_files(
    store: Store, name: str, individuals: int, entities: int, aliases: int
) -> None:
    path = DATA / name
    with store.transaction():
        report = import_un_sc(store, path, by="test")
    expected = count_by_parsing(path)
    assert (report.counts["individuals"], report.counts["entities"]) == (individuals, entities)
    assert report.counts["alias_records"] == aliases == expected["alias_records"]
    assert report.counts["individuals"] == expected["individuals"]
    assert report.counts["entities"] == expected["entities"]
    assert report.added == individuals + entities
    stored = list_designations(store, authority="UN Security Council")
    assert len(stored) == individuals + entities
    names = sum(len(d.names) for d in stored)
    assert names == report.counts["names"]
    empty = report.counts["empty_alias_records"]
    assert report.skipped == {"empty alias records": empty}


@needs_shared
def test_the_listings_the_seed_relies_on_are_read_whole(store: Store) -> None:
    with store.transaction():
        import_un_sc(store, DATA / "consolidated-2015-03-30.xml", by="test")
    let = get_actor(store, "un-sc-qde-118")
    assert let is not None and let.kind.value == "armed_group"
    (listing,) = list_designations(store, ["un-sc-qde-118"])
    assert (listing.reference, listing.listed_on, listing.program) == (
        "QDe.118",
        "2005-05-02",
        "Al-Qaida",
    )
    assert len(listing.names) == 28 and listing.authority_id == "unsc"
    names = {n.name for n in listing.names}
    assert {"Jamaat-ud-Dawa", "Falah-i-Insaniat Foundation (FIF)", "LET"} <= names
    (jem,) = list_designations(store, ["un-sc-qde-019"])
    assert (jem.names[0].name, jem.listed_on) == ("JAISH-I-MOHAMMED", "2001-10-17")
    (saeed,) = list_designations(store, ["un-sc-qdi-263"])
    assert saeed.nationalities == ("PAK",) and saeed.birth_dates == ("1950-06-05",)
    assert saeed.birth_places == ("Sargodha, Punjab, Pakistan",)
    assert "leader of Lashkar-e-Tayyiba" in (saeed.reason or "")
    assert [n.name for n in saeed.names if n.quality is NameQuality.LOW] == ["Hafiz Ji"]
    lakhvi = get_actor(store, "un-sc-qdi-264")
    assert lakhvi is not None and lakhvi.name == "ZAKI-UR-REHMAN LAKHVI"
    assert not list_designations(store, authority="UN Security Council", active_only=False)[
        0
    ].delisted_on
    hamas = [d for d in list_designations(store) if "hamas" in " ".join(n.name for n in d.names)]
    assert hamas == []  # Hamas is not on the UN list


@needs_shared
def test_reimporting_the_real_file_changes_nothing(store: Store) -> None:
    path = DATA / "consolidated-2015-03-30.xml"
    with store.transaction():
        import_un_sc(store, path, by="test")
    before = snapshot(store)
    with store.transaction():
        again = import_un_sc(store, path, by="test")
    assert (again.added, again.changed, again.delisted, again.unchanged) == (0, 0, 0, 1046)
    assert not again.new_document
    assert snapshot(store) == before


def test_small_file_keeps_every_field() -> None:
    read = read_un_sc(SMALL, by="test")
    assert read.list_date == "2019-05-02"
    by_reference = {e.reference: e for e in read.entries}
    azhar = by_reference["QDi.422"]
    assert azhar.gender == "male" and azhar.nationalities == ("PAK",)
    assert azhar.birth_dates == ("1968-07-10",)
    one = by_reference["QDi.901"]
    assert [(n.name, n.quality) for n in one.names] == [
        ("EXAMPLE PERSON ONE", NameQuality.GOOD),
        ("مثال شخص", NameQuality.GOOD),
        ("Abu Example", NameQuality.LOW),
        ("Example Person", NameQuality.GOOD),
        ("E. P. One", NameQuality.GOOD),
    ]
    assert one.birth_dates == ("1970/1972",)
    assert one.unparsed == ("nationality: Possibly Ruritanian",)
    two = by_reference["QDi.902"]
    assert two.listed_on == "2011-02-03" and two.birth_dates == ("~1965",)
    assert read.counts["empty_alias_records"] == 1


def test_a_new_version_reports_added_changed_delisted_and_keeps_history(store: Store) -> None:
    with store.transaction():
        first = import_un_sc(store, SMALL, by="test")
    assert first.added == 5
    with store.transaction():
        second = import_un_sc(store, SMALL_V2, by="test")
    assert (second.added, second.changed, second.delisted, second.unchanged) == (1, 1, 2, 2)
    listings = {d.reference: d for d in list_designations(store)}
    assert listings["QDi.901"].delisted_on == "2019-06-01"  # gone from the list of that day
    assert listings["QDi.902"].delisted_on == "2019-05-20"  # DELISTED_ON in the list
    history = designation_history_of(store, listings["QDe.118"].id)
    assert [e.event for e in history] == ["added", "changed"]
    before, after = history[1].changes["names"]
    assert len(after) == len(before) + 1
    assert {"name": "Jamaat-ud-Dawa", "quality": "good"} in after
    assert history[0].listing["names"][0]["name"] == "LASHKAR-E-TAYYIBA"
    with store.transaction():
        third = import_un_sc(store, SMALL_V2, by="test")
    assert (third.added, third.changed, third.delisted) == (0, 0, 0)


def test_the_store_is_unchanged_when_a_listing_is_broken(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    text = SMALL.read_text(encoding="utf-8")
    broken.write_text(text.replace("2005-05-02", "2 May 2005"), encoding="utf-8")
    before = snapshot(store)
    with pytest.raises(InputError) as caught, store.transaction():
        import_un_sc(store, broken, by="test")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "2005-05-02" in t)
    assert str(caught.value) == (
        f'{broken}:{line}: ENTITY/LISTED_ON: expected YYYY-MM-DD, got "2 May 2005"'
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("<REFERENCE_NUMBER>QDe.019</REFERENCE_NUMBER>", ""), "ENTITY/REFERENCE_NUMBER"),
        (("<FIRST_NAME>JAISH-I-MOHAMMED</FIRST_NAME>", ""), "ENTITY/FIRST_NAME"),
        (("<QUALITY>Low</QUALITY>", "<QUALITY>Dubious</QUALITY>"), "INDIVIDUAL_ALIAS/QUALITY"),
        (("<YEAR>1965</YEAR>", "<YEAR>sixties</YEAR>"), "INDIVIDUAL_DATE_OF_BIRTH/YEAR"),
        (("QDe.019", "QDe.118"), "REFERENCE_NUMBER: QDe.118 is listed twice"),
    ],
)
def test_malformed_records_name_their_field(
    tmp_path: Path, change: tuple[str, str], where: str
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(SMALL.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_un_sc(broken, by="test")
    assert where in str(caught.value) and caught.value.line is not None


@needs_shared
def test_a_truncated_real_file_exits_2_naming_file_line_and_field(cli: Cli, tmp_path: Path) -> None:
    data = (DATA / "consolidated-2015-03-30.xml").read_bytes()
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(data[: len(data) * 3 // 5])
    before = cli.snapshot()
    result = cli("import", "un-sc", str(truncated))
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith(f"error: {truncated}:")
    line = int(message.split(":")[2])
    assert line > 20000
    assert "not well-formed XML" in message and "truncated" in message
    assert "INDIVIDUAL" in message or "ENTITY" in message  # the element left open
    assert cli.snapshot() == before


def test_other_xml_and_missing_files_are_refused(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?>\n<sanctions/>\n", encoding="utf-8")
    result = cli("import", "un-sc", str(other))
    assert result.exit_code == 2
    assert 'expected a CONSOLIDATED_LIST root, got "sanctions"' in result.stderr
    missing = cli("import", "un-sc", str(tmp_path / "missing.xml"))
    assert missing.exit_code == 2 and "missing.xml: no such file" in missing.stderr


def test_cli_import_and_reimport(cli: Cli) -> None:
    first = cli("import", "un-sc", str(SMALL), "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == 5
    again = cli("import", "un-sc", str(SMALL))
    assert again.exit_code == 0
    assert "0 added, 0 changed, 0 delisted, 0 relisted, 5 unchanged" in again.stdout
    shown = json.loads(cli("actor", "show", "un-sc-qdi-422", "--json").stdout)
    assert shown["designations"][0]["reference"] == "QDi.422"
    assert {"scheme": "un-sc", "value": "QDi.422"} in shown["identifiers"]
