"""Import a designation list kept as CSV: a state's own list, or an excerpt of any list.

The format is documented in ``docs/designations-csv.md``: one row per listing,
with the authority, the listed name and its aliases, the listing date and
reference, and the address where the authority publishes it. Every row is
checked before anything is written.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from pathlib import Path

from forcevet.errors import InputError
from forcevet.ingest.lists.sync import (
    AuthorityActor,
    ListEntry,
    ListImportReport,
    ReadList,
    store_list,
)
from forcevet.ingest.lists.un_sc import UNSC
from forcevet.model.actors import ActorKind, clean_name, require_actor_id
from forcevet.model.countries import require_country
from forcevet.model.dates import parse_time
from forcevet.model.designations import ListedName, NameQuality
from forcevet.model.ids import name_key, slugify
from forcevet.model.sources import make_source
from forcevet.store.designations import ListScope
from forcevet.store.store import Store, now

REQUIRED = ("authority", "name", "source_url")
OPTIONAL = (
    "authority_actor",
    "reference",
    "kind",
    "aliases",
    "weak_aliases",
    "former_names",
    "country",
    "listed_on",
    "delisted_on",
    "program",
    "reason",
    "nationalities",
    "birth_dates",
    "actor_id",
)
COLUMNS = REQUIRED + OPTIONAL
SEPARATOR = ";"
# Authorities whose lists forcevet also imports in their own format: an excerpt
# names the same actors and the same authority actor as the full list.
KNOWN_SCHEMES = {"un security council": "un-sc"}
KNOWN_AUTHORITIES: dict[str, AuthorityActor] = {"un security council": UNSC}


def _split(value: str) -> list[str]:
    return [n for n in (clean_name(v) for v in value.split(SEPARATOR)) if n]


def _date(value: str, *, field: str) -> str | None:
    if not value.strip():
        return None
    span = parse_time(value.strip(), field=field)
    if span.is_open or "/" in span.text:
        raise InputError(
            f'a listing date is one day, month or year (YYYY-MM-DD, YYYY-MM, YYYY), got "{value}"',
            field=field,
        )
    return span.text


def _actor_id(value: str, *, field: str) -> str | None:
    return require_actor_id(value.strip(), field=field) if value.strip() else None


def scheme_of(authority: str, authority_actor: str) -> str:
    """Return the identifier scheme of an authority's references: ``un-sc``, ``aus``."""
    known = KNOWN_SCHEMES.get(name_key(authority))
    return known or slugify(authority_actor.strip() or authority)[:40].strip("-")


def _entry(row: dict[str, str]) -> ListEntry:
    """Return the listing a CSV row describes, or raise InputError naming the column."""
    for column in REQUIRED:
        if not row.get(column, "").strip():
            raise InputError(f"{column} is required", field=column)
    url = row["source_url"].strip()
    if not url.startswith(("http://", "https://")):
        raise InputError(
            f'expected the address where the authority publishes the listing, got "{url}"',
            field="source_url",
        )
    names = [ListedName(clean_name(row["name"]))]
    for column, quality in (
        ("aliases", NameQuality.GOOD),
        ("weak_aliases", NameQuality.LOW),
        ("former_names", NameQuality.FORMER),
    ):
        names += [ListedName(n, quality) for n in _split(row.get(column, ""))]
    unique: dict[str, ListedName] = {}
    for name in names:
        unique.setdefault(name.name, name)
    kind = ActorKind.parse(row.get("kind") or "organization")
    country = row.get("country", "").strip()
    nationalities = tuple(
        require_country(c, field="nationalities") for c in _split(row.get("nationalities", ""))
    )
    births = tuple(
        d for d in (_date(v, field="birth_dates") for v in _split(row.get("birth_dates", ""))) if d
    )
    authority = clean_name(row["authority"])
    return ListEntry(
        kind=kind,
        names=tuple(unique.values()),
        reference=clean_name(row.get("reference", "")) or None,
        listed_on=_date(row.get("listed_on", ""), field="listed_on"),
        delisted_on=_date(row.get("delisted_on", ""), field="delisted_on"),
        reason=clean_name(row.get("reason", "")) or None,
        program=clean_name(row.get("program", "")) or None,
        country=require_country(country) if country else (nationalities or (None,))[0],
        nationalities=nationalities,
        birth_dates=births,
        actor_id=_actor_id(row.get("actor_id", ""), field="actor_id"),
        source_url=url,
        authority=authority,
        authority_actor=_actor_id(row.get("authority_actor", ""), field="authority_actor")
        or KNOWN_AUTHORITIES.get(name_key(authority)),
        scheme=scheme_of(authority, row.get("authority_actor", "")),
    )


def read_designations_csv(
    path: Path, *, by: str, complete: bool = False, reliability: str = "F"
) -> ReadList:
    """Return the listings of a designations CSV, read and checked, ready to store.

    With ``complete``, the file is each of its authorities' whole list: a stored
    listing of one of them that the file lacks is recorded as delisted.
    """
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=name) from None
    if not text.strip():
        raise InputError(
            f"the file is empty; expected a header row: {', '.join(COLUMNS)}",
            path=name,
            line=1,
        )
    try:
        return _read_rows(text, path, by=by, complete=complete, reliability=reliability)
    except csv.Error as exc:  # a field over csv's size limit, a stray quote in strict mode
        raise InputError(f"not readable as CSV: {exc}", path=name) from None


def _read_rows(text: str, path: Path, *, by: str, complete: bool, reliability: str) -> ReadList:
    name = str(path)
    reader = csv.DictReader(io.StringIO(text))
    header = [c.strip() for c in reader.fieldnames or []]
    doubled = [c for c in header if header.count(c) > 1]
    if doubled:
        raise InputError(
            f'the column "{doubled[0]}" appears twice in the header',
            path=name,
            line=1,
            field=doubled[0],
        )
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing column {missing[0]}" if missing else f'unknown column "{unknown[0]}"'
        raise InputError(
            f"{problem}; the columns are: {', '.join(COLUMNS)} (docs/designations-csv.md)",
            path=name,
            line=1,
            field=(missing or unknown)[0],
        )
    entries: list[ListEntry] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        # DictReader files extra fields under the key None and pads a short row with
        # None: both mean a misplaced comma, so the row is refused rather than read.
        if None in row:
            raise InputError(
                f"expected {len(header)} fields as in the header, got "
                f"{len(header) + len(row[None])}; quote a value that holds a comma",
                path=name,
                line=line,
            )
        if any(v is None for v in row.values()) and any(v for v in row.values()):
            given = sum(v is not None for v in row.values())
            raise InputError(
                f"expected {len(header)} fields as in the header, got {given}",
                path=name,
                line=line,
            )
        cells = {k.strip(): (v or "") for k, v in row.items() if k is not None}
        if not any(v.strip() for v in cells.values()):
            continue
        try:
            entry = _entry(cells)
        except InputError as exc:
            raise exc.located(path=name, line=line) from None
        key = (entry.authority or "", entry.reference or entry.actor_id or entry.name)
        if key in seen:
            raise InputError(
                f"{key[0]} lists {key[1]} twice (first on line {seen[key]})",
                path=name,
                line=line,
                field="reference",
            )
        seen[key] = line
        entries.append(dataclasses.replace(entry, line=line))
    if not entries:
        raise InputError("no listings in the file", path=name)
    authorities = sorted({e.authority or "" for e in entries})
    document = make_source(
        title=f"Designations CSV {path.name}",
        publisher=", ".join(authorities),
        text=text,
        kind="dataset",
        reliability=reliability,
        reliability_note="A compiled file; each listing cites where its authority publishes it.",
        graded_by=by,
        added_at=now(),
    )
    counts = Counter(e.kind.value for e in entries)
    counts["listings"] = len(entries)
    counts["names"] = sum(len(e.names) for e in entries)
    return ReadList(
        path=name,
        authority=authorities[0] if len(authorities) == 1 else "several authorities",
        authority_actor=None,
        document=document,
        entries=tuple(entries),
        scheme="list",
        scopes=tuple(ListScope(a) for a in authorities) if complete else (),
        counts=counts,
    )


def import_designations_csv(
    store: Store, path: Path, *, by: str, complete: bool = False, reliability: str = "F"
) -> ListImportReport:
    """Import a designations CSV into the store; return what it added and changed."""
    read = read_designations_csv(path, by=by, complete=complete, reliability=reliability)
    return store_list(store, read, by=by)
