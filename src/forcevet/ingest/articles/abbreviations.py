"""Abbreviations a text defines after a name, "Inter-Services Intelligence (ISI)":
every later use of the abbreviation is a mention of that actor, on either path (the
rule-only ``--fast`` one and the parse).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from forcevet.ingest.articles.mentions import Mention

if TYPE_CHECKING:
    from forcevet.ingest.articles.parsed import Reading

DEFINED_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
# "Inter-Services Intelligence (ISI)", also after a closing quote: '"Force" (ISF)'.
DEFINED_AFTER = re.compile(r"[\"\u201d\u2019']?\s*\(([A-Z][A-Za-z]{1,7})\)")
DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")  # any "(ISI)": no name of its own


def fast_abbreviations(text: str, found: list[Mention]) -> list[Mention]:
    """Return uses of abbreviations the text defines after a known name: "X (ABC)".

    Each abbreviation is looked for once per actor however often it is defined,
    and not inside a name already found (``found`` is in text order and its
    mentions do not overlap).
    """
    extra: list[Mention] = []
    defined: set[tuple[str, str]] = set()
    starts = [m.start for m in found]
    for mention in found:
        match = DEFINED_ABBREVIATION.match(text, mention.end, mention.end + 12)
        if not match or (match.group(1), mention.actor_id) in defined:
            continue
        short = match.group(1)
        defined.add((short, mention.actor_id))
        for use in re.finditer(rf"\b{re.escape(short)}\b", text):
            before = bisect_right(starts, use.start()) - 1
            if before >= 0 and use.start() < found[before].end:
                continue  # inside (or the same as) a name already found
            extra.append(Mention(use.start(), use.end(), mention.actor_id, short, "abbreviation"))
    return extra


def define_abbreviations(reading: Reading) -> None:
    """Mark every use of an abbreviation the text defines after a name it found
    ("Inter-Services Intelligence (ISI)"); the text's definition wins over a
    designation list's acronym of that spelling."""
    text = reading.text
    listed = reading.recognizer.listed
    for mention in sorted(reading.found, key=lambda m: m.start):
        match = DEFINED_AFTER.match(text, mention.end, mention.end + 14)
        if not match or mention.how == "demonym":
            continue
        short = match.group(1)
        if reading.recognizer.actors.get(mention.actor_id) is not None and short in (
            m.text for m in reading.found if m.actor_id == mention.actor_id
        ):
            continue  # the actor's own acronym, marked already
        replaced = [
            m
            for m in reading.found
            if m.text == short and m.actor_id != mention.actor_id and m.actor_id in listed
        ]
        for m in replaced:
            reading.found.remove(m)
            reading.covered[m.start : m.end] = b"\x00" * (m.end - m.start)
        for use in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", text):
            if reading.free(use.start(), use.end()):
                reading.add(use.start(), use.end(), mention.actor_id, "abbreviation")
