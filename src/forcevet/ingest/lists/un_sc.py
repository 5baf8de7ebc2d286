"""Import the UN Security Council Consolidated List in its published XML format.

The format (``CONSOLIDATED_LIST`` with ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``) is the one the UN publishes; the 1267 committee's own list
uses it too. The whole file is read and checked before anything is written: a
truncated or malformed file raises InputError naming the file, line and field.
A list is complete for the regimes (``UN_LIST_TYPE``) it contains, so a stored
UN listing of those regimes that a newer list lacks is recorded as delisted.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from forcevet.errors import InputError
from forcevet.ingest.lists.sync import (
    AuthorityActor,
    ListEntry,
    ListImportReport,
    ReadList,
    store_list,
)
from forcevet.model.actors import ActorKind, clean_name
from forcevet.model.countries import get_country
from forcevet.model.dates import parse_day
from forcevet.model.designations import ListedName, NameQuality
from forcevet.model.sources import make_source
from forcevet.store.designations import ListScope, list_designations
from forcevet.store.store import Store, now

AUTHORITY = "UN Security Council"
SCHEME = "un-sc"
LIST_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
UNSC = AuthorityActor(
    id="unsc",
    name="United Nations Security Council",
    kind=ActorKind.IGO,
    aliases=("UN Security Council", "UNSC", "Security Council"),
)
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# The published files write some days with a time zone ("2001-10-17-04:00") and
# some year ranges as YEAR "1955-1958".
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[+-]\d{2}:\d{2}|Z)?$")
YEARS = re.compile(r"^(\d{4})(?:\s*[-/]\s*(\d{4}))?$")
# Words that make a listed entity an armed group rather than an organisation
# (a trust, a company, a charity); the list itself does not say which it is.
ARMED_GROUP_WORDS = re.compile(
    r"\b(lashkar|laskar|jaish|jaysh|harakat|harakat-ul|tehrik|tehreek|brigades?|battalions?|"
    r"army|front|mujahid\w*|jihad\w*|qaida|qa'ida|islamic state|ansar|militia|movement|"
    r"fighting group|forces|jemaah islamiyah|al-shabaab|boko haram|taliban)\b",
    re.IGNORECASE,
)


def _text(element: etree._Element, path: str) -> str | None:
    """Return the stripped text at ``path`` under ``element``, or None when empty."""
    value = element.findtext(path)
    value = clean_name(value) if value else ""
    return value or None


def _values(element: etree._Element, path: str) -> list[str]:
    return [v for v in (clean_name(e.text or "") for e in element.findall(path)) if v]


def _fail(path: str, element: etree._Element, field: str, message: str) -> InputError:
    return InputError(message, path=path, line=element.sourceline, field=field)


def _day(path: str, record: etree._Element, tag: str, *, required: bool) -> str | None:
    element = record.find(tag)
    value = _text(record, tag)
    if value is None:
        if required:
            where = element if element is not None else record
            raise _fail(path, where, f"{record.tag}/{tag}", "a listing needs its date")
        return None
    assert element is not None
    return _calendar_day(path, element, f"{record.tag}/{tag}", value)


def _calendar_day(path: str, element: etree._Element, field: str, value: str) -> str:
    """Return the ISO day ``value`` writes (a time zone allowed), checked against the calendar:
    2025-02-30 and 0000-00-00 are refused, not stored as written."""
    match = DAY.match(value)
    if match is None:
        raise _fail(path, element, field, f'expected YYYY-MM-DD, got "{value}"')
    try:
        return parse_day(match.group(1), field=field)
    except InputError as exc:
        raise _fail(path, element, field, exc.message) from None


def _year(path: str, element: etree._Element, field: str, value: str) -> str:
    if not 1 <= int(value) <= 9999:
        raise _fail(path, element, field, f'not a calendar year: "{value}"')
    return value


def _birth_dates(path: str, record: etree._Element, unparsed: list[str]) -> list[str]:
    """Return the dates of birth as ISO text: a day, a year, ``FROM/TO``, ``~`` if approximate.

    A date given only as a note ("Between Aug. and Sep. 1977", a Hijri date) is
    kept in ``unparsed``.
    """
    found = []
    for element in record.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        approximate = (_text(element, "TYPE_OF_DATE") or "").lower().startswith("approx")
        day, year = _text(element, "DATE"), _text(element, "YEAR")
        start, end = _text(element, "FROM_YEAR"), _text(element, "TO_YEAR")
        value: str | None = None
        if day is not None:
            value = _calendar_day(path, element, "INDIVIDUAL_DATE_OF_BIRTH/DATE", day)
        elif year is not None:
            field = "INDIVIDUAL_DATE_OF_BIRTH/YEAR"
            years = YEARS.match(year)
            if years is None:
                raise _fail(path, element, field, f'expected a year, got "{year}"')
            value = "/".join(_year(path, element, field, y) for y in years.groups() if y)
        elif start and end:
            field = "INDIVIDUAL_DATE_OF_BIRTH/FROM_YEAR"
            for given in (start, end):
                if not re.fullmatch(r"\d{4}", given):
                    raise _fail(path, element, field, f'expected a year, got "{given}"')
                _year(path, element, field, given)
            value = f"{start}/{end}"
        if value is not None:
            found.append(f"~{value}" if approximate else value)
        elif note := _text(element, "NOTE"):
            unparsed.append(f"date of birth: {note}")
    return found


def _place(element: etree._Element) -> str | None:
    parts = [_text(element, tag) for tag in ("CITY", "STATE_PROVINCE", "COUNTRY")]
    return ", ".join(p for p in parts if p) or None


def _country(value: str) -> str | None:
    """Return the ISO alpha-3 code of a nationality or country as the list writes it."""
    from followthemoney.types import registry  # loads FtM's territory names once

    code = registry.country.clean_text(value)
    country = get_country(code) if code else None
    return country.alpha_3 if country else None


def _names(path: str, record: etree._Element, counts: Counter[str]) -> list[ListedName]:
    main = " ".join(p for p in (_text(record, t) for t in NAME_PARTS) if p)
    if not main:
        raise _fail(path, record, f"{record.tag}/FIRST_NAME", "a listing needs a name")
    names = [ListedName(main)]
    original = _text(record, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(ListedName(original))
        counts["original_script_names"] += 1
    for alias in record.findall(f"{record.tag}_ALIAS"):
        counts["alias_records"] += 1
        text = _text(alias, "ALIAS_NAME")
        if text is None:
            counts["empty_alias_records"] += 1
            continue
        try:
            quality = NameQuality.parse(_text(alias, "QUALITY"))
        except InputError as exc:
            raise _fail(path, alias, f"{record.tag}_ALIAS/QUALITY", exc.message) from None
        for part in text.split(";"):  # one alias element may hold several names
            name = clean_name(part)
            if name:
                names.append(ListedName(name, quality))
                counts[f"{quality.value}_aliases"] += 1
    unique: dict[str, ListedName] = {}
    for listed in names:
        unique.setdefault(listed.name, listed)
    return list(unique.values())


def _entry(path: str, record: etree._Element, counts: Counter[str]) -> ListEntry:
    is_person = record.tag == "INDIVIDUAL"
    reference = _text(record, "REFERENCE_NUMBER")
    if reference is None:
        raise _fail(path, record, f"{record.tag}/REFERENCE_NUMBER", "a listing needs a reference")
    names = _names(path, record, counts)
    unparsed: list[str] = []
    nationalities: list[str] = []
    for tag in ("NATIONALITY/VALUE", "NATIONALITY2/VALUE"):
        for value in _values(record, tag):
            code = _country(value)
            if code is None:
                unparsed.append(f"nationality: {value}")
                counts["unparsed_nationalities"] += 1
            elif code not in nationalities:
                nationalities.append(code)
    countries = [
        found
        for element in record.findall(f"{record.tag}_ADDRESS")
        if (written := _text(element, "COUNTRY")) and (found := _country(written))
    ]
    kind = ActorKind.PERSON
    if not is_person:
        any_armed = any(ARMED_GROUP_WORDS.search(n.name) for n in names)
        kind = ActorKind.ARMED_GROUP if any_armed else ActorKind.ORGANIZATION
    positions = _values(record, "TITLE/VALUE") + _values(record, "DESIGNATION/VALUE")
    updated = sorted(_values(record, "LAST_DAY_UPDATED/VALUE"))
    places = [p for e in record.findall("INDIVIDUAL_PLACE_OF_BIRTH") if (p := _place(e))]
    gender = _text(record, "GENDER")
    return ListEntry(
        kind=kind,
        names=tuple(names),
        reference=reference,
        listed_on=_day(path, record, "LISTED_ON", required=True),
        line=record.sourceline,
        delisted_on=_day(path, record, "DELISTED_ON", required=False),
        reason=_text(record, "COMMENTS1"),
        program=_text(record, "UN_LIST_TYPE"),
        updated_on=updated[-1][:10] if updated else None,
        country=next(iter(nationalities or countries), None),
        nationalities=tuple(nationalities),
        birth_dates=tuple(_birth_dates(path, record, unparsed)),
        birth_places=tuple(dict.fromkeys(places)),
        positions=tuple(dict.fromkeys(positions)),
        gender=gender.lower() if gender else None,
        unparsed=tuple(unparsed),
    )


def parse_un_sc(data: bytes, path: str) -> tuple[str | None, list[ListEntry], Counter[str]]:
    """Return the list's date, its entries and what was counted, or raise InputError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        where = _open_element(data, line)
        raise InputError(
            f"not well-formed XML ({exc.msg}); the file may be truncated",
            path=path,
            line=line,
            field=where,
        ) from None
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(
            f'expected a CONSOLIDATED_LIST root, got "{root.tag}"; is this a UN SC list?',
            path=path,
            line=root.sourceline,
            field=str(root.tag),
        )
    generated = root.get("dateGenerated")
    list_date = None
    if generated and DAY.match(generated[:10]):
        list_date = _calendar_day(path, root, "CONSOLIDATED_LIST/dateGenerated", generated[:10])
    counts: Counter[str] = Counter()
    entries: list[ListEntry] = []
    seen: dict[str, int] = {}
    for record in root.findall("INDIVIDUALS/INDIVIDUAL") + root.findall("ENTITIES/ENTITY"):
        entry = _entry(path, record, counts)
        if entry.reference in seen:
            raise _fail(
                path,
                record,
                f"{record.tag}/REFERENCE_NUMBER",
                f"{entry.reference} is listed twice (first on line {seen[entry.reference]})",
            )
        seen[entry.reference or ""] = record.sourceline or 0
        counts["individuals" if record.tag == "INDIVIDUAL" else "entities"] += 1
        counts["names"] += len(entry.names)
        entries.append(entry)
    if not entries:
        raise InputError(
            "the list holds no INDIVIDUAL or ENTITY; is this the whole file?",
            path=path,
            line=root.sourceline,
            field="CONSOLIDATED_LIST",
        )
    return list_date, entries, counts


def _open_element(data: bytes, line: int | None) -> str | None:
    """Return the innermost element still open at ``line``, to name the broken field."""
    if line is None:
        return None
    text = b"\n".join(data.splitlines()[:line]).decode("utf-8", "replace")
    stack: list[str] = []
    for match in re.finditer(r"<(/?)([A-Za-z_][\w.-]*)[^>]*?(/?)>", text):
        closing, tag, empty = match.groups()
        if closing:
            if stack and stack[-1] == tag:
                stack.pop()
        elif not empty:
            stack.append(tag)
    return "/".join(stack[-2:]) if stack else None


def read_un_sc(path: Path, *, by: str) -> ReadList:
    """Return the UN SC list in ``path`` read and checked, ready to store."""
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    data = path.read_bytes()
    list_date, entries, counts = parse_un_sc(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=name) from None
    document = make_source(
        title=f"UN Security Council Consolidated List ({list_date or 'undated'})",
        publisher="United Nations Security Council",
        url=LIST_URL,
        date=list_date,
        text=text,
        kind="un_document",
        reliability="A",
        reliability_note="The authority's own published list of its designations.",
        graded_by=by,
        added_at=now(),
    )
    programs = frozenset(e.program or "" for e in entries)
    skipped = Counter({"empty alias records": counts["empty_alias_records"]})
    return ReadList(
        path=name,
        authority=AUTHORITY,
        authority_actor=UNSC,
        document=document,
        entries=tuple(entries),
        scheme=SCHEME,
        list_date=list_date,
        scopes=(ListScope(AUTHORITY, programs),),
        skipped=+skipped,
        counts=counts,
    )


def import_un_sc(store: Store, path: Path, *, by: str) -> ListImportReport:
    """Import a UN Security Council list into the store; return what it added and changed.

    A Consolidated List (more than one regime) speaks for every regime: a stored
    listing of a regime that has since ended (Liberia, Côte d'Ivoire in 2016) is
    delisted too. A committee's list (one regime) speaks for its regime only.
    """
    read = read_un_sc(path, by=by)
    (scope,) = read.scopes
    if scope.programs is not None and len(scope.programs) > 1:
        stored = list_designations(store, authority=AUTHORITY, active_only=True)
        ended = {d.program for d in stored if d.program}
        read = dataclasses.replace(
            read, scopes=(ListScope(AUTHORITY, scope.programs | frozenset(ended)),)
        )
    return store_list(store, read, by=by)
