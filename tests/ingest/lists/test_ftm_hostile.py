"""Hostile and broken FtM files: `import ftm` exits 2 with one line and changes nothing.

A fuzz test feeds any bytes, and entity-shaped JSON built from FtM's own schemata
and properties, to the command: it exits 0 or 2, never with a traceback, and on 2
the store is byte for byte as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli

PERSON = '{"id": "p", "schema": "Person", "properties": {"name": ["P"]}}'


def entity(schema: str = "Person", id_: Any = "p", **properties: Any) -> str:
    return json.dumps({"id": id_, "schema": schema, "properties": properties})


HOSTILE: list[tuple[str, str]] = [
    ("", "the file holds no entity"),
    ("\n \n", "the file holds no entity"),
    ("[1, 2]", "an entity is a JSON object"),
    ('"text"', "an entity is a JSON object"),
    ("null", "an entity is a JSON object"),
    ('{"id": "p", "schema": 5}', "unknown FtM schema 5"),
    ('{"id": "p", "schema": ["Person"]}', 'unknown FtM schema ["Person"]'),
    ('{"id": 5, "schema": "Person"}', "id: an id is text"),
    ('{"id": ["p"], "schema": "Person"}', "id: an id is text"),
    ('{"id": " p", "schema": "Person"}', "id: an id is text without surrounding spaces"),
    ('{"id": "p", "schema": "Person", "properties": []}', "properties are a JSON object"),
    ('{"id": "p", "schema": "Person", "properties": "x"}', "properties are a JSON object"),
    (entity(name=[5]), "name: expected text or a list of texts"),
    (entity(name=[None]), "name: expected text or a list of texts"),
    (entity(name=[["nested"]]), "name: expected text or a list of texts"),
    (entity(name={"a": 1}), "name: expected text or a list of texts"),
    ('{"id": "p", "schema": "Person", "properties": {"name": [NaN]}}', "NaN is not a number"),
    ('{"id": "p", "schema": "Person", "x": Infinity}', "Infinity is not a number"),
    ('{"id": "p", "schema": "Person", "x": -Infinity}', "-Infinity is not a number"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
    ('{"id": "p", "schema": "Person", "x": ' + "9" * 5000 + "}", "not valid JSON"),
    (PERSON + "\n" + PERSON, 'id: the id "p" is already on line 1'),
    (entity(name=["P"], birthDate=["2025-02-30"]), 'birthDate: not a calendar date: "2025-02-30"'),
    (entity(name=["P"], birthDate=["0000-00-00"]), "birthDate: not a calendar date"),
    (entity(name=["P"], birthDate=["0000"]), 'birthDate: not a calendar date: "0000"'),
    (entity(name=["P"], birthDate=["2024-13"]), "birthDate: not a calendar date"),
    (entity(name=["P"], birthDate=["2024-01-01T25:00"]), "birthDate: not a date and time"),
    (entity(name=["P"], birthDate=["1990/1992"]), "birthDate: not a calendar date"),
    (entity(name=["P"], birthDate=["yesterday"]), "birthDate: expected a date"),
    (
        PERSON + "\n" + entity("Sanction", "s", entity=["p"], listingDate=["2025-02-30"]),
        'listingDate: not a calendar date: "2025-02-30"',
    ),
    (
        PERSON + "\n" + entity("Sanction", "s", entity=["p"], endDate=["0000-00-00"]),
        "endDate: not a calendar date",
    ),
    (entity("Document", "d", title=["T"], publishedAt=["2023-02-29"]), "publishedAt: not a"),
    (
        PERSON
        + "\n"
        + entity("UnknownLink", "l", subject=["p"], object=["p"], date=["2024-02-30"]),
        "date: not a calendar date",
    ),
    (entity(name=["P"], parent=["p"]), 'parent: "p" would be its own parent'),
    (
        entity(name=["P"], parent=["q"])
        + "\n"
        + entity("Organization", "q", name=["Q"], parent=["p"]),
        'parent: "p" would be its own parent',
    ),
    (entity(name=["P"], country=["zz"]), 'country: unknown country code "zz"'),
    (entity("Sanction", "s", entity=["ghost"]), 'entity: lists "ghost"'),
    (entity("Person", "p"), "an actor entity needs an id and a name"),
    (entity("UnknownLink", "l", subject=["a"]), "a link needs both ends"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=[m[:40] for _, m in HOSTILE])
def test_a_hostile_ftm_file_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "hostile.ftm.json"
    path.write_text(text, encoding="utf-8")
    before = cli.snapshot()
    result = cli("import", "ftm", str(path))
    assert result.exit_code == 2, (result.output, result.exception)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli.snapshot() == before


SCHEMATA = [
    "Person",
    "Organization",
    "PublicBody",
    "Company",
    "Document",
    "Sanction",
    "UnknownLink",
    "Membership",
    "Representation",
    "Address",
    "Thing",
]
IDS = st.sampled_from(["a", "b", "PAK", "ISR", "doc", "a"]) | st.text(max_size=4)
VALUES = st.sampled_from(
    ["2024", "2024-02-29", "2025-02-30", "0000-00-00", "2024-01-01T10:00:00", "pk", "zz"]
    + ["a", "b", "PAK", "doc", "", " ", "UN Security Council", "forcevet:kind=state"]
    + ["forcevet:kind=moon", "forcevet:reliability=Z", "affirms", "denies", "member_of"]
) | st.text(max_size=6)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


# Values by FtM property type, mostly valid so that the import gets past the first check.
TYPED = {
    "date": st.sampled_from(["2024", "2024-02-29", "2019-05", "2024-01-01T10:00:00"])
    | st.sampled_from(["2025-02-30", "0000-00-00", "24", ""]),
    "entity": st.sampled_from(["a", "b", "PAK", "ISR", "doc"]) | IDS,
    "country": st.sampled_from(["pk", "id", "xk", "ps", "zz", ""]),
    "name": st.sampled_from(["Alpha", "Beta Group", "Bêta", ""]) | st.text(max_size=6),
}


@st.composite
def entity_lines(draw: st.DrawFn) -> str:
    """An FtM entity made of the schema's own properties and tricky values, or any JSON."""
    if draw(st.integers(0, 19)) == 0:
        return json.dumps(draw(JSON_VALUES))
    schema = model.get(draw(st.sampled_from(SCHEMATA)))
    assert schema is not None
    properties: dict[str, list[str]] = {}
    if schema.is_a("LegalEntity") and draw(st.integers(0, 4)):
        properties["name"] = [draw(TYPED["name"])]
    for name in draw(st.lists(st.sampled_from(sorted(schema.properties)), max_size=4)):
        kind = schema.properties[name].type.name
        properties[name] = draw(st.lists(TYPED.get(kind, VALUES), min_size=1, max_size=2))
    return json.dumps({"id": draw(IDS), "schema": schema.name, "properties": properties})


def import_any(cli: Cli, path: Path, content: bytes) -> None:
    path.write_bytes(content)
    before = cli.snapshot()
    result = cli("import", "ftm", str(path))
    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 2), (content[:300], result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert cli.snapshot() == before


FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(content=st.binary(max_size=300))
def test_any_bytes_exit_0_or_2_and_2_changes_nothing(
    cli: Cli, tmp_path: Path, content: bytes
) -> None:
    import_any(cli, tmp_path / "fuzz.ftm.json", content)


@FUZZ
@given(lines=st.lists(entity_lines(), max_size=6))
def test_any_entities_exit_0_or_2_and_2_changes_nothing(
    cli: Cli, tmp_path: Path, lines: list[str]
) -> None:
    import_any(cli, tmp_path / "fuzz.ftm.json", "\n".join(lines).encode("utf-8"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """A small store's FtM file and records: a source, two claims (one revised), a listing."""
    from forcevet.ingest.review import decide
    from forcevet.model.claims import ClaimCreate, Status
    from forcevet.model.designations import make_designation
    from forcevet.reports.ftm_export import export_ftm
    from forcevet.store.claims import record_claim
    from forcevet.store.designations import sync_designations
    from forcevet.store.setup import init_store
    from forcevet.store.store import open_store
    from tests.conftest import source

    out = tmp_path_factory.mktemp("export") / "small.ftm.json"
    with open_store("sqlite://", require_schema=False) as store, store.transaction():
        init_store(store)
        src = source(store, url="https://example.org/a", text="Pakistan funds X.")
        first = record_claim(
            store,
            ClaimCreate(src.id, "PAK", "funds", "Pakistan funds X.", 3, object="IND"),
            by="t",
        )
        record_claim(
            store,
            ClaimCreate(src.id, "IDN", "offers_units", "Indonesia offers.", 2, value="2,000"),
            by="t",
        )
        decide(store, [first.id], Status.REJECTED, by="second")
        listing = make_designation(actor_id="PAK", authority="X", reference="1", listed_on="2020")
        sync_designations(store, [listing], source_id=None, by="t", at="2026-01-01")
        export_ftm(store, out)
    records = out.with_name(out.name + ".forcevet.jsonl").read_text(encoding="utf-8")
    return out.read_bytes(), records.splitlines()


@st.composite
def changed_records(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """The records file with one row changed: a value, a column dropped or added, the table."""
    evidence = [i for i, line in enumerate(lines) if i and '"table": "actor' not in line]
    index = draw(st.sampled_from(evidence) | st.integers(1, len(lines) - 1))
    record = json.loads(lines[index])
    row = record["row"]
    column = draw(st.sampled_from(sorted(row)))
    how = draw(st.sampled_from(["value", "tricky", "drop", "add", "table", "line"]))
    if how == "value":
        row[column] = draw(JSON_VALUES)
    elif how == "tricky":
        row[column] = draw(
            VALUES | st.sampled_from(["Z", 7, 0, -1, 2**70, 1.5, True, "2026-02-30"])
        )
    elif how == "drop":
        del row[column]
    elif how == "add":
        row[draw(st.text(max_size=4))] = draw(JSON_VALUES)
    elif how == "table":
        record["table"] = draw(st.sampled_from(["claims", "actors", "un_votes", "x"]) | st.text())
    changed = draw(JSON_VALUES).__repr__() if how == "line" else json.dumps(record)
    return [*lines[:index], changed, *lines[index + 1 :]]


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_any_change_to_a_records_file_exits_0_or_2_and_2_changes_nothing(
    cli: Cli, tmp_path: Path, exported: tuple[bytes, list[str]], data: st.DataObject
) -> None:
    ftm, lines = exported
    path = tmp_path / "small.ftm.json"
    path.write_bytes(ftm)
    records = data.draw(changed_records(lines))
    path.with_name(path.name + ".forcevet.jsonl").write_text("\n".join(records), encoding="utf-8")
    import_any(cli, path, ftm)


@pytest.mark.parametrize(
    ("out", "message"),
    [(".", "is a folder; name a file to write"), ("nowhere/x.json", "the folder does not exist")],
)
def test_export_to_a_folder_or_into_a_missing_folder_exits_2(
    cli: Cli, tmp_path: Path, out: str, message: str
) -> None:
    result = cli("export", "--format", "ftm", "--out", str(tmp_path / out))
    assert result.exit_code == 2, (result.output, result.exception)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_byte_order_mark_and_crlf_line_ends_are_read(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "windows.ftm.json"
    path.write_bytes(b"\xef\xbb\xbf" + PERSON.encode() + b"\r\n")
    result = cli("import", "ftm", str(path))
    assert result.exit_code == 0, result.output
    assert "1 actors" in result.stdout
