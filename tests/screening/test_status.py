"""Who lists whom on the real lists: absence is said only of a list imported whole."""

from __future__ import annotations

import pytest

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.scenario import load_scenario
from forcevet.screening.status import listing_status
from forcevet.store.store import Store
from tests.conftest import SHARED

UN = SHARED / "data" / "un-sc" / "consolidated-2015-03-30.xml"
SDN = SHARED / "data" / "designations" / "us-ofac-sdn-2024-05-03.csv"
TREASURY = "United States Department of the Treasury (OFAC SDN list)"


def test_whole_lists_say_not_listed_partial_ones_list_not_imported(store: Store) -> None:
    if not (UN.is_file() and SDN.is_file()):
        pytest.skip("../shared/data is not here")
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        import_designation_lists(store, by="test", un_list=UN, sdn_list=SDN)
    status = {
        s.actor_id: s.lines()
        for s in listing_status(store, ["hamas", "lashkar-e-taiba", "jasper-jeffers"])
    }
    hamas = status["hamas"]
    assert f"{TREASURY}: listed (4695, on the list of 2024-05-03, FTO; SDGT)" in hamas
    assert "UN Security Council: not listed in the imported list of 2015-03-27" in hamas
    let = status["lashkar-e-taiba"]
    assert f"{TREASURY}: listed (7140, on the list of 2024-05-03, FTO; SDGT)" in let
    assert "United Kingdom Home Office: list not imported" in let  # only its Hamas listing
    assert "United States Department of State: list not imported" in let
    person = status["jasper-jeffers"]
    assert f"{TREASURY}: not listed in the imported list of 2024-05-03" in person
    assert "Public Safety Canada: list not imported" in person
    assert not any(x.endswith("not listed") for lines in status.values() for x in lines)
