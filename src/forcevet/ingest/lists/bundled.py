"""The designation lists forcevet ships, and the demo's way of loading lists.

``data/designations/un-sc-excerpt.csv`` holds four UN Security Council listings
copied from the Consolidated List of 2015-03-27 (Lashkar-e-Tayyiba QDe.118,
Jaish-i-Mohammed QDe.019, Hafiz Muhammad Saeed QDi.263, Zaki-ur-Rehman Lakhvi
QDi.264) for machines without the UN's XML; ``hamas-state-listings.csv`` holds
four states' listings of Hamas, each with the address where the state publishes
it (docs/designations-csv.md).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.sync import ListImportReport
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.store.store import Store

UN_EXCERPT = "un-sc-excerpt.csv"
STATE_LISTINGS = ("hamas-state-listings.csv",)


def import_bundled(store: Store, name: str, *, by: str) -> ListImportReport:
    """Import one of the designation CSVs that ship with forcevet."""
    resource = resources.files("forcevet.data").joinpath("designations", name)
    with resources.as_file(resource) as path:
        return import_designations_csv(store, Path(path), by=by, reliability="B")


def import_designation_lists(
    store: Store, *, by: str, un_list: Path | None = None
) -> list[ListImportReport]:
    """Import the UN Security Council list from ``un_list`` if that file exists, else the
    bundled excerpt of it, then the bundled state listings; return each import's report.

    Run it in the caller's transaction; importing again changes nothing.
    """
    if un_list is not None and un_list.is_file():
        reports = [import_un_sc(store, un_list, by=by)]
    else:
        reports = [import_bundled(store, UN_EXCERPT, by=by)]
    reports += [import_bundled(store, name, by=by) for name in STATE_LISTINGS]
    return reports
