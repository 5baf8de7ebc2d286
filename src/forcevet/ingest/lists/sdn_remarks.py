"""Read the Remarks column of the US Treasury's SDN file: aliases, links, births, nationality.

Remarks hold ``;``-separated items such as ``DOB 09 Feb 1951``, ``POB Gaza,
Egypt``, ``nationality Pakistan``, ``Gender Male``, ``a.k.a. 'ABU-'UMAR'`` and
``Linked To: HAMAS``, ending with a full stop. The Treasury's ``sdn.csv`` cuts
Remarks at 1,000 characters, so a Remarks without its final full stop has lost
the end of its last item: that item is dropped and counted, never read half.
Items this module does not read (passports, identification numbers, addresses)
are kept as text in ``unparsed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from forcevet.model.actors import clean_name
from forcevet.model.countries import load_countries
from forcevet.model.designations import ListedName, NameQuality
from forcevet.model.ids import name_key

ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.\s*'(?P<name>.+)'$", re.IGNORECASE)
LINK = re.compile(r"^Linked To:\s*(?P<name>.+)$")
BIRTH = re.compile(r"^(?:alt\. )?DOB (?P<value>.+)$")
PLACE = re.compile(r"^(?:alt\. )?POB (?P<value>.+)$")
NATIONALITY = re.compile(r"^(?:alt\. )?(?:nationality|citizen) (?P<value>.+)$")
GENDER = re.compile(r"^Gender (?P<value>Male|Female)$")
# The day forms the file writes: "09 Feb 1951", "Feb 1951", "1951".
DAY = re.compile(r"^(?:(?P<day>\d{1,2}) )?(?:(?P<month>[A-Z][a-z]{2}) )?(?P<year>\d{4})$")
MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
QUALITY = {"a": NameQuality.GOOD, "n": NameQuality.GOOD, "f": NameQuality.FORMER}


@dataclass
class Remarks:
    """What one entry's Remarks say, read into the fields of a listing."""

    names: list[ListedName] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    unparsed: list[str] = field(default_factory=list)
    cut: bool = False


def _day(text: str) -> str | None:
    """Return "1951-02-09", "1951-02" or "1951" for the file's day forms, or None."""
    match = DAY.match(text.strip())
    if match is None:
        return None
    year, month, day = match["year"], match["month"], match["day"]
    if month is None:
        return year if day is None else None
    if month not in MONTHS:
        return None
    if day is None:
        return f"{year}-{MONTHS[month]:02d}"
    try:
        return date(int(year), MONTHS[month], int(day)).isoformat()
    except ValueError:
        return None


def birth_date(text: str) -> str | None:
    """Return a date of birth as the UN importer writes it: a day, a year, a range of whole
    years as ``1958/1960``, ``~`` before an approximate one; None when not a date."""
    approximate = text.startswith("circa ")
    text = text.removeprefix("circa ")
    start, _, end = text.partition(" to ")
    first, last = _day(start), _day(end) if end else None
    if first is None or (end and last is None):
        return None
    if last is not None:
        if first.endswith("-01-01") and last.endswith("-12-31"):
            first, last = first[:4], last[:4]
        value = first if first == last else f"{first}/{last}"
    else:
        value = first
    return f"~{value}" if approximate else value


# Names the SDN file gives nationalities by that ISO 3166 and forcevet's country
# table do not: adjectives, inverted and former names.
SDN_COUNTRY_NAMES = {
    "palestinian": "PSE",
    "korea, north": "PRK",
    "korea, south": "KOR",
    "burma": "MMR",
    "congo, democratic republic of the": "COD",
    "congo, republic of the": "COG",
    "gambia, the": "GMB",
    "the gambia": "GMB",
    "north macedonia, the republic of": "MKD",
    "bahamas, the": "BHS",
    "cote d ivoire": "CIV",
    "west bank": "PSE",
    "gaza": "PSE",
    "macau": "MAC",
    "kosovo": "XKX",
}


@cache
def _country_names() -> dict[str, str]:
    """Return every name of every country (ISO 3166, forcevet's aliases) -> alpha-3 code.

    forcevet's own table rather than FtM's territory lookup, which takes seconds to
    build in every process that imports a list."""
    names = {
        name_key(n): c.alpha_3 for c in load_countries().values() for n in (c.name, *c.aliases)
    }
    names.update(SDN_COUNTRY_NAMES)
    return names


def country_code(text: str) -> str | None:
    """Return the ISO alpha-3 code of a country as the SDN file names it, or None."""
    return _country_names().get(name_key(text.replace("'", " ")))


def read_remarks(text: str) -> Remarks:
    """Return the aliases, links, dates and places of birth, nationalities and gender that
    ``text`` (one entry's Remarks) states, and the items it could not read."""
    read = Remarks()
    text = text.strip()
    if not text:
        return read
    # only names go through clean_name (FtM's cleaning, the costly part); items are
    # matched as written with their spacing collapsed
    items = [" ".join(item.split()) for item in text.split(";")]
    if text.endswith("."):
        items[-1] = items[-1][:-1].rstrip()
    else:
        read.cut = True
        items.pop()
    for item in items:
        if not item:
            continue
        if alias := ALIAS.match(item):
            name = clean_name(alias["name"])
            if name:
                read.names.append(ListedName(name, QUALITY[alias["kind"].lower()]))
        elif link := LINK.match(item):
            read.links.append(link["name"])
        elif (birth := BIRTH.match(item)) and (day := birth_date(birth["value"])):
            read.birth_dates.append(day)
        elif place := PLACE.match(item):
            read.birth_places.append(place["value"])
        elif (nation := NATIONALITY.match(item)) and (code := country_code(nation["value"])):
            if code not in read.nationalities:
                read.nationalities.append(code)
        elif gender := GENDER.match(item):
            read.gender = gender["value"].lower()
        else:
            read.unparsed.append(item)
    return read
