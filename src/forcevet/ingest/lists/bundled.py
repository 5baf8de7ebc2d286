"""The designation lists forcevet ships, and the demo's way of loading lists.

``data/designations/un-sc-excerpt.csv`` holds four UN Security Council listings
copied from the Consolidated List of 2015-03-27 (Lashkar-e-Tayyiba QDe.118,
Jaish-i-Mohammed QDe.019, Hafiz Muhammad Saeed QDi.263, Zaki-ur-Rehman Lakhvi
QDi.264) for machines without the UN's XML; ``hamas-state-listings.csv`` holds
four states' listings of Hamas, each with the address where the state publishes
it (docs/designations-csv.md); ``us-ofac-sdn-subset.csv`` the rows of the US
Treasury's SDN list of 2024-05-03 that name the scenario's armed groups and
people, imported as a subset (data/designations/README.md).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.ofac_sdn import import_ofac_sdn
from forcevet.ingest.lists.sync import ListImportReport
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.store.store import Store

UN_EXCERPT = "un-sc-excerpt.csv"
STATE_LISTINGS = ("hamas-state-listings.csv",)
SDN_SUBSET = "us-ofac-sdn-subset.csv"
SDN_SUBSET_DATE = "2024-05-03"


def import_bundled(store: Store, name: str, *, by: str) -> ListImportReport:
    """Import one of the designation CSVs that ship with forcevet."""
    resource = resources.files("forcevet.data").joinpath("designations", name)
    with resources.as_file(resource) as path:
        return import_designations_csv(store, Path(path), by=by, reliability="B")


def import_sdn_subset(store: Store, *, by: str) -> ListImportReport:
    """Import the bundled rows of the SDN list as a subset: nothing delisted, no coverage."""
    resource = resources.files("forcevet.data").joinpath("designations", SDN_SUBSET)
    with resources.as_file(resource) as path:
        return import_ofac_sdn(store, Path(path), by=by, list_date=SDN_SUBSET_DATE, complete=False)


def import_designation_lists(
    store: Store, *, by: str, un_list: Path | None = None, sdn_list: Path | None = None
) -> list[ListImportReport]:
    """Import the UN Security Council list from ``un_list`` if that file exists, else the
    bundled excerpt of it; the bundled state listings; and the US SDN list from
    ``sdn_list`` if that file exists, else the bundled subset of it. Return each
    import's report.

    Run it in the caller's transaction; importing again changes nothing.
    """
    if un_list is not None and un_list.is_file():
        reports = [import_un_sc(store, un_list, by=by)]
    else:
        reports = [import_bundled(store, UN_EXCERPT, by=by)]
    reports += [import_bundled(store, name, by=by) for name in STATE_LISTINGS]
    if sdn_list is not None and sdn_list.is_file():
        reports.append(import_ofac_sdn(store, sdn_list, by=by))
    else:
        reports.append(import_sdn_subset(store, by=by))
    return reports
