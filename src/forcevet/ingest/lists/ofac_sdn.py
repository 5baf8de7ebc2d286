"""Import the US Treasury's Specially Designated Nationals (SDN) list from its ``sdn.csv``.

The layout is the one the Office of Foreign Assets Control publishes: no header,
twelve columns (``COLUMNS``), Windows-1252 text with CRLF line ends, ``-0-`` for
an empty cell and a final 0x1A byte; programs are bracketed tags (``FTO] [SDGT``)
and aliases and links sit in Remarks (``sdn_remarks``). The whole file is read
and checked before anything is written. Individuals become persons; entities
armed groups when tagged FTO (the State Department's Foreign Terrorist
Organizations), organisations otherwise; vessels and aircraft are counted and
skipped, as forcevet's actors are people, organisations and states. The file has
no listing dates: a listing's date is the list's own (``list_date``). See
docs/designations-ofac-sdn.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from forcevet.errors import InputError
from forcevet.ingest.lists.changes import ListImportReport
from forcevet.ingest.lists.linking import link_entries
from forcevet.ingest.lists.sdn_remarks import read_remarks
from forcevet.ingest.lists.sync import AuthorityActor, ListEntry, ReadList, store_list
from forcevet.model.actors import ActorKind, clean_name
from forcevet.model.designations import ListedName
from forcevet.model.sources import make_source
from forcevet.store.designations import ListScope
from forcevet.store.store import Store, now

AUTHORITY = "United States Department of the Treasury (OFAC SDN list)"
SCHEME = "us-ofac-sdn"
LIST_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
OFAC = AuthorityActor(
    id="us-treasury-ofac",
    name="Office of Foreign Assets Control",
    kind=ActorKind.STATE_BODY,
    aliases=("OFAC", "US Treasury OFAC", AUTHORITY),
    country="USA",
    parent_id="USA",
)
COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
EMPTY = "-0-"
END_OF_FILE = "\x1a"
# SDN_Type as written ("-0-" is an entity) -> the actor kind; None is skipped.
TYPES: dict[str, ActorKind | None] = {
    "": ActorKind.ORGANIZATION,
    "individual": ActorKind.PERSON,
    "vessel": None,
    "aircraft": None,
}
TERRORIST_ORGANIZATION = "FTO"
DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _cells(row: list[str], path: str, line: int) -> list[str]:
    """Return a row's twelve cells stripped, ``-0-`` as empty, or raise InputError."""
    if len(row) != len(COLUMNS):
        short = len(row) < len(COLUMNS)
        raise InputError(
            f"expected {len(COLUMNS)} columns ({', '.join(COLUMNS)}), got {len(row)}"
            + ("; the line may be cut short" if short else ""),
            path=path,
            line=line,
            field=COLUMNS[len(row)] if short else COLUMNS[-1],
        )
    return ["" if (c := cell.strip()) == EMPTY else c for cell in row]


def programs_of(text: str) -> list[str]:
    """Return the program tags of a Program cell: ``FTO] [SDGT`` -> ["FTO", "SDGT"]."""
    tags = [t.strip() for t in text.strip().removeprefix("[").removesuffix("]").split("] [")]
    if not tags or any(not t or "[" in t or "]" in t for t in tags):
        raise InputError(f'expected program tags such as "FTO] [SDGT", got "{text}"')
    return tags


def _entry(cells: list[str], line: int, counts: Counter[str]) -> ListEntry | None:
    """Return the listing a row describes (None for a vessel or aircraft), or raise
    InputError naming the column."""
    number, name, kind_text, program = cells[:4]
    if not number.isdigit():
        raise InputError(f'expected an entry number, got "{number}"', field="ent_num")
    if not clean_name(name):
        raise InputError("an entry needs a name", field="SDN_Name")
    if kind_text.lower() not in TYPES:
        raise InputError(
            f'unknown SDN_Type "{kind_text}"; expected individual, vessel, aircraft or -0-',
            field="SDN_Type",
        )
    try:
        tags = programs_of(program)
    except InputError as exc:
        raise InputError(exc.message, field="Program") from None
    kind = TYPES[kind_text.lower()]
    if kind is None:
        counts[f"{kind_text.lower()}s" if kind_text.lower() == "vessel" else "aircraft"] += 1
        return None
    if kind is ActorKind.ORGANIZATION and TERRORIST_ORGANIZATION in tags:
        kind = ActorKind.ARMED_GROUP
    remarks = read_remarks(cells[11])
    counts["remarks_cut_short"] += remarks.cut
    names = [ListedName(clean_name(name)), *remarks.names]
    counts["aliases"] += len(remarks.names)
    unique: dict[str, ListedName] = {}
    for listed in names:
        unique.setdefault(listed.name, listed)
    title = cells[4]
    return ListEntry(
        kind=kind,
        names=tuple(unique.values()),
        reference=number,
        listed_on=None,
        line=line,
        reason="; ".join(f"Linked To: {link}" for link in remarks.links) or None,
        program="; ".join(tags),
        country=next(iter(remarks.nationalities), None),
        nationalities=tuple(remarks.nationalities),
        birth_dates=tuple(remarks.birth_dates),
        birth_places=tuple(dict.fromkeys(remarks.birth_places)),
        positions=(title,) if title and kind is ActorKind.PERSON else (),
        gender=remarks.gender,
        unparsed=tuple(remarks.unparsed),
    )


def decode_sdn(data: bytes, path: str) -> str:
    """Return the file's text without its end-of-file byte, or raise InputError naming the
    line of a byte that is not Windows-1252 (or of UTF-8 text where Windows-1252 belongs)."""
    if not data.strip(b"\x1a\r\n\t "):
        raise InputError("the file is empty; expected the SDN list's sdn.csv", path=path)
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # Windows-1252 text with non-ASCII letters, as published
        else:
            first = next(i for i, b in enumerate(data) if b > 127)
            raise InputError(
                "UTF-8 text, but the SDN file is Windows-1252: names would be misread; "
                "use the file as the Treasury publishes it",
                path=path,
                line=data.count(b"\n", 0, first) + 1,
                field=_column_at(data, first),
            )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"byte 0x{data[exc.start]:02X} is not Windows-1252 text, the SDN file's encoding",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            field=_column_at(data, exc.start),
        ) from None
    return text


def _column_at(data: bytes, offset: int) -> str:
    """Return the column that holds byte ``offset`` of the file."""
    start = data.rfind(b"\n", 0, offset) + 1
    return _last_column(data[start:offset].decode("latin-1"))


def _last_column(prefix: str) -> str:
    """Return the column in which the text of a line up to some point ends."""
    cells = next(csv.reader([prefix]), [""])
    return COLUMNS[min(max(len(cells), 1), len(COLUMNS)) - 1]


def parse_sdn(text: str, path: str) -> tuple[list[ListEntry], Counter[str]]:
    """Return every entry of the SDN file's text and what was counted, or raise InputError."""
    body = text.removesuffix(END_OF_FILE)
    counts: Counter[str] = Counter()
    entries: list[ListEntry] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    line = 0
    try:
        for row in reader:
            line = reader.line_num
            if not row:
                counts["blank_lines"] += 1
                continue
            cells = _cells(row, path, line)
            try:
                entry = _entry(cells, line, counts)
            except InputError as exc:
                raise exc.located(path=path, line=line) from None
            counts["records"] += 1
            if cells[0] in seen:
                raise InputError(
                    f"entry {cells[0]} appears twice (first on line {seen[cells[0]]})",
                    path=path,
                    line=line,
                    field="ent_num",
                )
            seen[cells[0]] = line
            if entry is not None:
                counts["individuals" if entry.kind is ActorKind.PERSON else "entities"] += 1
                entries.append(entry)
    except csv.Error as exc:
        # the record that broke starts on the line after the last one read whole
        rest = body.splitlines()[line:]
        raise InputError(
            f"not CSV as the SDN file writes it ({exc}); the file may be cut short",
            path=path,
            line=line + 1,
            field=_last_column(" ".join(rest)) if rest else COLUMNS[0],
        ) from None
    if not text.endswith(END_OF_FILE):
        raise InputError(
            "no end-of-file byte (0x1A) after the last record: the file looks cut short",
            path=path,
            line=line + 1,
            field="end of file",
        )
    if not entries:
        raise InputError("no entries in the file", path=path)
    counts["names"] = sum(len(e.names) for e in entries)
    return entries, counts


def read_ofac_sdn(
    path: Path, *, by: str, list_date: str | None = None, complete: bool = True
) -> ReadList:
    """Return the SDN list in ``path`` read and checked, ready to store.

    ``list_date`` defaults to a YYYY-MM-DD in the file's name. With ``complete``
    (the file as published) the list speaks for every SDN listing: a stored one it
    lacks is delisted as of its date; a subset must be read with ``complete=False``.
    """
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    found = DATE_IN_NAME.search(path.name)
    list_date = list_date or (found.group(1) if found else None)
    if list_date is None:
        raise InputError(
            "the SDN file carries no date: give the day it was published (--date YYYY-MM-DD)",
            path=name,
            field="date",
        )
    text = decode_sdn(path.read_bytes(), name)
    entries, counts = parse_sdn(text, name)
    whole = "the whole list" if complete else "selected rows of the list"
    document = make_source(
        title=f"OFAC Specially Designated Nationals list ({list_date})"
        + ("" if complete else f", subset {path.name}"),
        publisher="United States Department of the Treasury, Office of Foreign Assets Control",
        url=LIST_URL,
        date=list_date,
        text=text,
        kind="government_document",
        reliability="A" if complete else "B",
        reliability_note=(
            f"The authority's own published list of its designations ({whole})."
            if complete
            else "Rows copied unchanged from the authority's own published list; a subset."
        ),
        graded_by=by,
        added_at=now(),
    )
    skipped = Counter(
        {
            "vessels (not actors)": counts["vessels"],
            "aircraft (not actors)": counts["aircraft"],
            "Remarks items cut at 1,000 characters": counts["remarks_cut_short"],
        }
    )
    return ReadList(
        path=name,
        authority=AUTHORITY,
        authority_actor=OFAC,
        document=document,
        entries=tuple(entries),
        scheme=SCHEME,
        list_date=list_date,
        scopes=(ListScope(AUTHORITY),) if complete else (),
        skipped=+skipped,
        counts=counts,
    )


def import_ofac_sdn(
    store: Store, path: Path, *, by: str, list_date: str | None = None, complete: bool = True
) -> ListImportReport:
    """Import the SDN list into the store, linking its entities to existing actors where the
    match is unique; return what it added, changed, delisted and linked."""
    read = read_ofac_sdn(path, by=by, list_date=list_date, complete=complete)
    read, linked = link_entries(store, read)
    report = store_list(store, read, by=by)
    report.linked = linked
    return report
