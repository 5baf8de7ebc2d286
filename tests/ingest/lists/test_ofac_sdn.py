"""The SDN importer on the Treasury's real file, on the bundled subset, and on broken copies."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.lists.ofac_sdn import import_ofac_sdn, read_ofac_sdn
from forcevet.ingest.lists.sdn_remarks import birth_date, read_remarks
from forcevet.ingest.lists.sync import ReadList
from forcevet.ingest.scenario import load_scenario
from forcevet.model.actors import ActorKind
from forcevet.model.designations import NameQuality
from forcevet.store.actors import get_actor
from forcevet.store.coverage import list_coverage
from forcevet.store.designations import designation_history_of, list_designations
from forcevet.store.store import Store
from tests.conftest import SHARED, Cli, snapshot

FULL = SHARED / "data" / "designations" / "us-ofac-sdn-2024-05-03.csv"
SUBSET = Path(__file__).parents[3] / "src/forcevet/data/designations/us-ofac-sdn-subset.csv"
AUTHORITY = "United States Department of the Treasury (OFAC SDN list)"

needs_shared = pytest.mark.skipif(not FULL.is_file(), reason="../shared/data is not here")


@pytest.fixture(scope="module")
def full_read() -> ReadList:
    if not FULL.is_file():
        pytest.skip("../shared/data is not here")
    return read_ofac_sdn(FULL, by="test")


@needs_shared
def test_every_record_of_the_real_file_is_read(full_read: ReadList) -> None:
    read = full_read
    assert read.counts["records"] == 14965
    counts = read.counts
    assert (counts["individuals"], counts["entities"]) == (6854, 6884)
    assert (counts["vessels"], counts["aircraft"]) == (851, 376)
    assert len(read.entries) == 6854 + 6884
    assert read.skipped["vessels (not actors)"] == 851
    assert read.list_date == "2024-05-03" and read.document.reliability.value == "A"
    by_number = {e.reference: e for e in read.entries}
    hamas = by_number["4695"]
    assert (hamas.name, hamas.program, hamas.kind) == ("HAMAS", "FTO; SDGT", ActorKind.ARMED_GROUP)
    assert hamas.listed_on is None  # the SDN file gives no listing dates
    let = by_number["7140"]
    assert let.name == "LASHKAR E-TAYYIBA" and let.program == "FTO; SDGT"
    assert [n.name for n in let.names[1:]] == ["JUD", "TAJK", "MML"]  # aliases from Remarks
    assert by_number["6935"].name == "JAISH-I-MOHAMMED"
    azhar = by_number["11459"]
    assert azhar.kind is ActorKind.PERSON and azhar.positions == ("Maulana",)
    assert azhar.birth_dates == ("1968-07-10", "1968-06-10") and azhar.nationalities == ("PAK",)
    saeed = by_number["10689"]
    assert saeed.birth_places == ("Sargodha, Punjab, Pakistan",)
    assert ("HAFIZ SAHIB", NameQuality.GOOD) in [(n.name, n.quality) for n in saeed.names]
    linked = by_number["17165"]  # ASMA MONEY EXCHANGERS
    assert linked.reason == "Linked To: IQBAL, Muhammad; Linked To: LASHKAR E-TAYYIBA"


@needs_shared
def test_the_real_file_links_the_scenarios_groups_and_imports_once(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    started = time.perf_counter()
    with store.transaction():
        report = import_ofac_sdn(store, FULL, by="test")
    seconds = time.perf_counter() - started
    assert report.added == 13738 and report.actors == 13738
    assert report.linked == {"4695": "hamas", "6935": "jaish-e-mohammed", "7140": "lashkar-e-taiba"}
    (hamas,) = [d for d in list_designations(store, ["hamas"]) if d.authority == AUTHORITY]
    assert (hamas.reference, hamas.program, hamas.authority_id) == (
        "4695",
        "FTO; SDGT",
        "us-treasury-ofac",
    )
    treasury = get_actor(store, "us-treasury-ofac")
    assert treasury is not None and treasury.parent_id == "USA"
    let = get_actor(store, "lashkar-e-taiba")
    assert let is not None and let.name == "Lashkar-e-Taiba" and "JUD" in let.aliases
    (covered,) = list_coverage(store, ["us-treasury-ofac"])
    assert (covered.predicate, covered.as_of) == ("designates", "2024-05-03")
    before = snapshot(store)
    with store.transaction():
        again = import_ofac_sdn(store, FULL, by="test")
    assert (again.added, again.changed, again.delisted, again.unchanged) == (0, 0, 0, 13738)
    assert snapshot(store) == before
    assert seconds < 60  # measured about 3 s on an idle machine; see the docs


@needs_shared
def test_a_later_file_without_an_entry_delists_it(store: Store, tmp_path: Path) -> None:
    data = FULL.read_bytes()
    lines = data.split(b"\r\n")
    kept = [line for line in lines if not line.startswith((b"7140,", b"17165,"))]
    later = tmp_path / "us-ofac-sdn-2024-06-01.csv"
    later.write_bytes(b"\r\n".join(kept))
    with store.transaction():
        import_ofac_sdn(store, FULL, by="test")
        report = import_ofac_sdn(store, later, by="test")
    assert (report.added, report.changed, report.delisted) == (0, 0, 2)
    assert {(n.reference, n.name) for n in report.delisted_listings} == {
        ("7140", "LASHKAR E-TAYYIBA"),
        ("17165", "ASMA MONEY EXCHANGERS"),
    }
    (let,) = list_designations(store, ["us-ofac-sdn-7140"])
    assert let.delisted_on == "2024-06-01"
    assert [e.event for e in designation_history_of(store, let.id)] == ["added", "delisted"]
    assert "delisted: " in report.summary() and "LASHKAR E-TAYYIBA (7140)" in report.summary()


def test_the_bundled_subset_is_a_subset(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        report = import_ofac_sdn(store, SUBSET, by="test", list_date="2024-05-03", complete=False)
    assert report.added == 7 and report.counts["records"] == 7
    assert list_coverage(store, ["us-treasury-ofac"]) == []  # claims no whole list
    refs = {d.reference for d in list_designations(store, authority=AUTHORITY)}
    assert refs == {"4695", "6935", "7140", "10689", "10690", "11459", "45828"}
    if FULL.is_file():  # every subset row is the full file's row, byte for byte
        full_lines = set(FULL.read_bytes().split(b"\r\n"))
        subset_lines = SUBSET.read_bytes().removesuffix(b"\x1a").split(b"\r\n")
        assert all(line in full_lines for line in subset_lines if line)


@pytest.mark.parametrize(
    ("remarks", "names", "dates", "cut"),
    [
        ("a.k.a. 'ABU-'UMAR'.", [("ABU-'UMAR", NameQuality.GOOD)], [], False),
        ("f.k.a. 'OLD NAME'; DOB 1945.", [("OLD NAME", NameQuality.FORMER)], ["1945"], False),
        ("DOB 01 Jan 1958 to 31 Dec 1960; Gender Male.", [], ["1958/1960"], False),
        ("DOB circa 01 Jan 1961; a.k.a. 'WHOIS HACKIN", [], ["~1961-01-01"], True),
        ("-0-", [], [], True),
    ],
)
def test_remarks(remarks: str, names: list[object], dates: list[str], cut: bool) -> None:
    read = read_remarks("" if remarks == "-0-" else remarks)
    assert [(n.name, n.quality) for n in read.names] == names
    assert read.birth_dates == dates and read.cut is (cut and remarks != "-0-")


def test_birth_dates() -> None:
    assert birth_date("05 Jun 1950") == "1950-06-05"
    assert birth_date("Feb 1970") == "1970-02"
    assert birth_date("31 Feb 1970") is None


def variant(tmp_path: Path, old: bytes, new: bytes) -> Path:
    path = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    data = SUBSET.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        (b'"FTO] [SDGT",-0- ,', b'"FTO] [SDGT",-0- ,-0- ,', ":1: Remarks: ", "expected 12 columns"),
        (b'"HAMAS"', b'"HAM\x81S"', ":1: SDN_Name: ", "0x81 is not Windows-1252"),
        (b'"HAMAS"', '"HAMÁS"'.encode(), ":1: SDN_Name: ", "UTF-8 text"),
        (b'6935,"', b'69x5,"', ":2: ent_num: ", 'expected an entry number, got "69x5"'),
        (b'"individual"', b'"ship"', ":4: SDN_Type: ", 'unknown SDN_Type "ship"'),
        (b'"FTO] [SDGT"', b'"FTO] ["', ":1: Program: ", "expected program tags"),
        (b"\x1a", b"", ":8: end of file: ", "no end-of-file byte"),
        (
            b'7140,"LASHKAR E-TAYYIBA",-0- ,',
            b'6935,"LASHKAR E-TAYYIBA",-0- ,',
            ":3: ent_num:",
            "twice",
        ),
    ],
)
def test_broken_files_exit_2_and_change_nothing(
    cli: Cli, tmp_path: Path, old: bytes, new: bytes, where: str, words: str
) -> None:
    path = variant(tmp_path, old, new)
    before = cli.snapshot()
    result = cli("import", "designations", "--format", "ofac-sdn", str(path))
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith(f"error: {path}{where}") and words in message, message
    assert "\n" not in message
    assert cli.snapshot() == before


def test_empty_cut_and_undated_files_are_refused(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    empty.write_bytes(b"\x1a")
    cut = tmp_path / "cut-2024-05-03.csv"
    data = SUBSET.read_bytes()
    cut.write_bytes(data[: data.index(b"POB Okara")])  # inside Remarks of line 5
    undated = tmp_path / "sdn.csv"
    undated.write_bytes(data)
    before = cli.snapshot()
    for path, expected in [
        (empty, f"error: {empty}: the file is empty"),
        (cut, f"error: {cut}:5: Remarks: not CSV as the SDN file writes it"),
        (undated, f"error: {undated}: date: the SDN file carries no date"),
    ]:
        result = cli("import", "designations", "--format", "ofac-sdn", str(path))
        assert result.exit_code == 2 and result.stderr.startswith(expected), result.stderr
    assert cli.snapshot() == before


@needs_shared
def test_a_real_file_cut_short_exits_2_naming_line_and_field(cli: Cli, tmp_path: Path) -> None:
    data = FULL.read_bytes()
    cut = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    offset = data.index(b'10690,"LAKHVI') + 20  # inside SDN_Name of that record
    cut.write_bytes(data[:offset])
    line = data[:offset].count(b"\n") + 1
    before = cli.snapshot()
    result = cli("import", "designations", "--format", "ofac-sdn", str(cut))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {cut}:{line}: SDN_Name: not CSV"), result.stderr
    assert cli.snapshot() == before


def test_cli_imports_the_subset_and_reports_it(cli: Cli) -> None:
    args = ("import", "designations", "--format", "ofac-sdn", "--subset", str(SUBSET))
    first = cli(*args, "--date", "2024-05-03", "--json")
    assert first.exit_code == 0, first.output
    shown = json.loads(first.stdout)
    assert shown["added"] == 7 and shown["added_listings"][0]["name"] == "HAMAS"
    again = cli(*args, "--date", "2024-05-03")
    assert "0 added, 0 changed, 0 delisted, 0 relisted, 7 unchanged" in again.stdout
    wrong = cli("import", "designations", "--format", "ofac-sdn", "--complete", str(SUBSET))
    assert wrong.exit_code == 2 and "--complete and --reliability are for --format csv" in (
        wrong.stderr
    )
