"""The designation list formats ``forcevet import designations`` reads, behind one call."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from forcevet.errors import InputError
from forcevet.ingest.lists.changes import ListImportReport
from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.ofac_sdn import import_ofac_sdn
from forcevet.store.store import Store


class DesignationFormat(StrEnum):
    """A designation list's file format: forcevet's CSV, or the US Treasury's SDN file."""

    CSV = "csv"
    OFAC_SDN = "ofac-sdn"


def import_designation_file(
    store: Store,
    path: Path,
    *,
    format: DesignationFormat,
    by: str,
    complete: bool = False,
    subset: bool = False,
    reliability: str | None = None,
    list_date: str | None = None,
) -> ListImportReport:
    """Import a designation list in ``format``; return what it added, changed and delisted.

    A CSV is partial unless ``complete``; an SDN file is the whole list unless
    ``subset``. An option the format does not take raises InputError.
    """
    if format is DesignationFormat.OFAC_SDN:
        if complete or reliability is not None:
            raise InputError(
                "--complete and --reliability are for --format csv: an SDN file is the "
                "whole list (reliability A) unless --subset says it holds selected rows",
                field="format",
            )
        return import_ofac_sdn(store, path, by=by, list_date=list_date, complete=not subset)
    if subset or list_date is not None:
        raise InputError(
            "--subset and --date are for --format ofac-sdn: a CSV gives each listing's date "
            "and is partial unless --complete",
            field="format",
        )
    return import_designations_csv(
        store, path, by=by, complete=complete, reliability=reliability or "F"
    )
