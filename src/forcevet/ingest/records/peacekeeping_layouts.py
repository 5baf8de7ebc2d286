"""The layouts of UN peacekeeping contribution files, recognised by their header.

Four layouts (docs/peacekeeping.md): the International Peace Institute's monthly
totals by country (``Country,Date,Troops,Police,Experts``), its contributor x
mission x month table by personnel type and gender, its one-month contributor x
mission snapshot, and the UN Peacekeeping open data portal's ranking of
contributors. Each turns one CSV row into a ``ContributionRow`` or raises
InputError naming the field; the reader (``peacekeeping_read.py``) adds the file
and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from forcevet.errors import InputError
from forcevet.ingest.records.peacekeeping_countries import CountryResolver
from forcevet.model.countries import get_country

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ODP_DAY = re.compile(r"^\d{1,2}-[A-Za-z]{3}-\d{2}$")
# The address of each file's original, by layout: the IPI data lab's repositories at
# the commits ../shared/data/SOURCES.md names. The portal's ranking files have no
# address of their own; the copies forcevet was built against are named by month.
IPI_LOADER = (
    "https://github.com/IPIDataLab/PPP_Loader/tree/4bd989cc4f8fd69a350811b639b0a8f31e14efa1"
)
IPI_SCRAPER = (
    "https://github.com/IPIDataLab/TCC-DataScraper/blob/936f28e6dca9f1de93dabf2da96a43fe11107d82"
)
ODP_COPIES = {
    "2021-01": "https://github.com/corinnee/UN_Peacekeeping_Analytics/blob/"
    "1167cb2bc26d35bdc8976554bc4d0ca6749bdef6/Rank.csv",
    "2022-01": "https://github.com/gouliev/un_peacekeeping_analysis/blob/"
    "52106044062a08d07ca4442ff06cf63ef878bee9/odp_contributionranks.csv",
}
IPI_PUBLISHER = "International Peace Institute (from UN monthly contributor reports)"
ODP_PUBLISHER = "UN Department of Peace Operations (open data portal)"


@dataclass(frozen=True)
class ContributionRow:
    """One row of a contributions file: who sent how many to which mission in which month.

    ``counts`` maps a personnel type (troops, police, experts, individual_police,
    formed_police, total, female, male) to the number the row states; a type the
    row gives as ``NA`` is absent. ``mission`` is "" for all missions together.
    """

    line: int
    raw: str
    country: str
    mission: str
    day: str
    counts: dict[str, int]
    rank: int | None = None

    @property
    def month(self) -> str:
        """Return the month the row reports, as YYYY-MM."""
        return self.day[:7]


Parser = Callable[[list[str], dict[str, int], CountryResolver], ContributionRow]


@dataclass(frozen=True)
class Layout:
    """A file layout: the columns that identify it, how it is graded, how a row reads."""

    id: str
    name: str
    columns: tuple[str, ...]
    publisher: str
    reliability: str
    credibility: int
    parse: Parser
    url: str | None = None


MAX_COUNT = 10_000_000
"""Most personnel one row may give: UN peacekeeping has never neared 200,000 in all, and
a count of 10**30 would overflow the store's 64-bit integers with a traceback."""


def count(value: str, field: str, *, na: bool = False) -> int | None:
    """Return a non-negative whole count, or None for ``NA`` where the layout allows it."""
    text = value.strip()
    if text.isascii() and text.isdigit():
        if len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
            raise InputError(
                f'expected a count of at most {MAX_COUNT:,}, got "{value[:40]}"', field=field
            )
        return int(text)
    if na and text == "NA":
        return None
    allowed = " or NA" if na else ""
    raise InputError(
        f'expected a count (a whole number 0 or more){allowed}, got "{value}"', field=field
    )


def iso_day(value: str, field: str) -> str:
    """Return a YYYY-MM-DD date that exists in the calendar."""
    text = value.strip()
    try:
        if ISO_DAY.match(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise InputError(f'expected a calendar date as YYYY-MM-DD, got "{value}"', field=field)


def odp_day(value: str, field: str) -> str:
    """Return the portal's ``31-Jan-22`` as an ISO date."""
    text = value.strip()
    try:
        if ODP_DAY.match(text):
            return datetime.strptime(text, "%d-%b-%y").date().isoformat()
    except ValueError:
        pass
    raise InputError(f'expected a date like 31-Jan-22, got "{value}"', field=field)


def iso3(value: str, field: str) -> str:
    """Return a known ISO 3166 alpha-3 code as written (upper case)."""
    code = value.strip().upper()
    if len(code) != 3 or get_country(code) is None:
        raise InputError(f'unknown country code "{value}"; expected ISO 3166 alpha-3', field=field)
    return code


def mission(value: str, field: str) -> str:
    """Return a mission's acronym (UNMIL), which the table keeps to 40 characters."""
    text = value.strip()
    if not text or len(text) > 40:
        raise InputError(f'expected a mission acronym such as UNMIL, got "{value}"', field=field)
    return text


def _ipi_monthly(cells: list[str], at: dict[str, int], names: CountryResolver) -> ContributionRow:
    counts = {}
    for column, personnel in (("Troops", "troops"), ("Police", "police"), ("Experts", "experts")):
        value = count(cells[at[column]], column, na=True)
        if value is not None:
            counts[personnel] = value
    return ContributionRow(
        line=0,
        raw="",
        country=names.resolve(cells[at["Country"]], field="Country"),
        mission="",
        day=iso_day(cells[at["Date"]], "Date"),
        counts=counts,
    )


GENDER_TYPES = (
    ("Individual Police", "individual_police"),
    ("Formed Police Units", "formed_police"),
    ("Experts on Mission", "experts"),
    ("Troops", "troops"),
    ("Total", "total"),
)


def _ipi_gender(cells: list[str], at: dict[str, int], _names: CountryResolver) -> ContributionRow:
    counts: dict[str, int] = {}
    for column, personnel in GENDER_TYPES:
        value = count(cells[at[f"{column} Total"]], f"{column} Total")
        assert value is not None
        counts[personnel] = value
    female = count(cells[at["Total Female"]], "Total Female")
    assert female is not None
    counts["female"] = female
    return ContributionRow(
        line=0,
        raw="",
        country=iso3(cells[at["Contributor ISO-3"]], "Contributor ISO-3"),
        mission=mission(cells[at["Mission"]], "Mission"),
        day=iso_day(cells[at["Date"]], "Date"),
        counts=counts,
    )


# Civilian_Police repeats Inidividual_Police and Observers repeats Experts_on_Mission
# in every row of the published snapshot, so neither is stored twice.
SNAPSHOT_TYPES = (
    ("Experts_on_Mission", "experts"),
    ("Formed_Police_Units", "formed_police"),
    ("Inidividual_Police", "individual_police"),
    ("Troops", "troops"),
    ("Total", "total"),
)


def _ipi_snapshot(cells: list[str], at: dict[str, int], _names: CountryResolver) -> ContributionRow:
    counts = {}
    for column, personnel in SNAPSHOT_TYPES:
        value = count(cells[at[column]], column, na=True)
        if value is not None:
            counts[personnel] = value
    return ContributionRow(
        line=0,
        raw="",
        country=iso3(cells[at["Contributor_ISO-3"]], "Contributor_ISO-3"),
        mission=mission(cells[at["Mission"]], "Mission"),
        day=iso_day(cells[at["Date"]], "Date"),
        counts=counts,
    )


def _odp_rank(cells: list[str], at: dict[str, int], _names: CountryResolver) -> ContributionRow:
    values = {}
    for column, personnel in (
        ("Total_Uniformed_Personnel", "total"),
        ("Female_Personnel", "female"),
        ("Male_Personnel", "male"),
    ):
        value = count(cells[at[column]], column)
        assert value is not None
        values[personnel] = value
    rank = count(cells[at["Personnel_Contribution_Rank"]], "Personnel_Contribution_Rank")
    if not rank:
        raise InputError("expected a rank of 1 or more, got 0", field="Personnel_Contribution_Rank")
    return ContributionRow(
        line=0,
        raw="",
        country=iso3(cells[at["ISOCode3"]], "ISOCode3"),
        mission="",
        day=odp_day(cells[at["Last_Reporting_Date"]], "Last_Reporting_Date"),
        counts=values,
        rank=rank,
    )


LAYOUTS = (
    Layout(
        id="ipi-monthly",
        name="IPI monthly contributions by country",
        columns=("Country", "Date", "Troops", "Police", "Experts"),
        publisher=IPI_PUBLISHER,
        reliability="B",
        credibility=2,
        parse=_ipi_monthly,
        url=f"{IPI_LOADER}/ppp_files/countries",
    ),
    Layout(
        id="ipi-mission-gender",
        name="IPI contributions by country, mission, personnel type and gender",
        columns=(
            "Date",
            "Contributor ISO-3",
            "Mission",
            *(f"{c} {g}" for c, _ in GENDER_TYPES for g in ("Male", "Female", "Total")),
        ),
        publisher=IPI_PUBLISHER,
        reliability="B",
        credibility=2,
        parse=_ipi_gender,
        url=f"{IPI_SCRAPER}/tcc_files/Gender.Full.csv",
    ),
    Layout(
        id="ipi-mission-snapshot",
        name="IPI contributions by country and mission, one month",
        columns=("Date", "Contributor_ISO-3", "Mission", *(c for c, _ in SNAPSHOT_TYPES)),
        publisher=IPI_PUBLISHER,
        reliability="B",
        credibility=2,
        parse=_ipi_snapshot,
        url=IPI_LOADER.replace("/tree/", "/blob/") + "/ppp_files/current_month/current_month.csv",
    ),
    Layout(
        id="odp-rank",
        name="UN Peacekeeping open data portal: ranking of contributors",
        columns=(
            "ISOCode3",
            "M49_Code",
            "Contributing_Country",
            "Personnel_Contribution_Rank",
            "Female_Personnel",
            "Male_Personnel",
            "Total_Uniformed_Personnel",
            "Last_Reporting_Date",
        ),
        publisher=ODP_PUBLISHER,
        reliability="A",
        credibility=1,
        parse=_odp_rank,
    ),
)


def detect_layout(header: list[str]) -> Layout | None:
    """Return the layout whose columns the header holds, or None."""
    present = {c.strip() for c in header}
    return next((lay for lay in LAYOUTS if set(lay.columns) <= present), None)


def expected_headers() -> str:
    """Return each layout's identifying columns, for an error message."""
    return "; ".join(f"{lay.name}: {','.join(lay.columns[:5])}..." for lay in LAYOUTS)


LABELS = {
    "troops": "troops",
    "police": "police",
    "experts": "experts",
    "individual_police": "individual police",
    "formed_police": "formed police",
}


def uniformed(row: ContributionRow) -> int:
    """Return the row's uniformed personnel: its total, or the sum of its types."""
    if "total" in row.counts:
        return row.counts["total"]
    return sum(n for p, n in row.counts.items() if p in LABELS)


def describe(layout: Layout, row: ContributionRow, contributors: int | None) -> str:
    """Return a claim's value: what the row says, in words, with its mission or rank.

    ``contributors`` is how many countries the file ranks in the row's month (None for
    a subset cut for some countries, which cannot say).
    """
    if layout.id == "odp-rank":
        among = f" of {contributors} contributors" if contributors is not None else ""
        return f"{row.counts['total']} uniformed personnel, rank {row.rank}{among}"
    parts = ", ".join(f"{n} {LABELS[p]}" for p, n in row.counts.items() if p in LABELS and n)
    if not row.mission:
        return f"{parts} (all UN missions)"
    female = f"; {row.counts['female']} female" if "female" in row.counts else ""
    return f"{uniformed(row)} uniformed personnel in {row.mission}: {parts}{female}"
