"""Importing the UN list of 2020 over that of 2015: what was added, removed and changed."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.store.designations import list_designations
from forcevet.store.store import Store
from tests.conftest import SHARED, Cli

DATA = SHARED / "data" / "un-sc"
OLD, NEW = DATA / "consolidated-2015-03-30.xml", DATA / "consolidated-2020-03-20.xml"

pytestmark = pytest.mark.skipif(not NEW.is_file(), reason="../shared/data is not here")


def references(path: Path) -> set[str]:
    """Return a list's reference numbers, read with the standard library alone."""
    root = ElementTree.parse(path).getroot()
    records = root.findall("INDIVIDUALS/INDIVIDUAL") + root.findall("ENTITIES/ENTITY")
    return {(e.findtext("REFERENCE_NUMBER") or "").strip() for e in records}


def test_the_2020_list_over_the_2015_one_names_what_changed(store: Store) -> None:
    with store.transaction():
        import_un_sc(store, OLD, by="test")
        report = import_un_sc(store, NEW, by="test")
    old, new = references(OLD), references(NEW)
    assert (len(old), len(new)) == (1046, 1014)
    assert report.added == len(new - old) == 265
    assert report.delisted == len(old - new) == 297  # ended regimes included
    assert (report.changed, report.unchanged) == (523, 226)
    assert {n.reference for n in report.added_listings} == new - old
    assert {n.reference for n in report.delisted_listings} == old - new
    assert ("QDi.422", "MOHAMMED MASOOD AZHAR ALVI") in {
        (n.reference, n.name) for n in report.added_listings
    }
    (azhar,) = list_designations(store, ["un-sc-qdi-422"])
    assert (azhar.listed_on, azhar.nationalities) == ("2019-05-01", ("PAK",))
    genders = {d.gender for d in list_designations(store, active_only=True)}
    assert {"male", "female"} <= genders  # GENDER is read (and case-folded: Male, MALE)
    assert report.counts["original_script_names"] == 407  # NAME_ORIGINAL_SCRIPT is read
    gone = {d.reference: d for d in list_designations(store) if d.reference in old - new}
    assert all(d.delisted_on == "2020-03-20" for d in gone.values())
    summary = report.summary()
    assert "265 added, 523 changed, 297 delisted" in summary
    assert "\nadded: " in summary and "and 260 more" in summary


def test_the_cli_reports_every_change_as_json(cli: Cli) -> None:
    assert cli("import", "un-sc", str(OLD)).exit_code == 0
    result = cli("import", "un-sc", str(NEW), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert len(shown["added_listings"]) == 265 and len(shown["delisted_listings"]) == 297
    assert len(shown["changed_listings"]) == 523
    assert {"reference": "QDi.422", "name": "MOHAMMED MASOOD AZHAR ALVI"}.items() <= next(
        n for n in shown["added_listings"] if n["reference"] == "QDi.422"
    ).items()
