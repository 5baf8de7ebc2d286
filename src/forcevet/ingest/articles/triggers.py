"""Finding where the trigger rules of data/triggers.yaml match in a text.

A document is searched once for the literal words trigger patterns start with
(one trie-shaped expression); a sentence then runs only the patterns whose
literal start it holds, between its bounds in the whole text, and keeps one
predicate for each stretch of text: the surest rule's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from forcevet.ingest.articles.rules import TriggerRule, load_rules

_Entry = tuple[TriggerRule, int, re.Pattern[str]]
# Where a literal start ends, and every literal start found there ("not our job" holds
# "not our" and "not ").
Prefixes = tuple[int, tuple[str, ...]]


@dataclass(frozen=True)
class Trigger:
    """A match of one pattern of one rule: where it is, which rule, which pattern."""

    start: int
    end: int
    rule: TriggerRule
    pattern: int


@cache
def _pattern_table() -> tuple[re.Pattern[str], dict[str, list[_Entry]], list[_Entry]]:
    """Return one expression finding every literal prefix, the patterns behind each prefix,
    and the patterns without one (always tried)."""
    by_prefix: dict[str, list[_Entry]] = {}
    always: list[_Entry] = []
    for rule in load_rules():
        for index, (pattern, prefix) in enumerate(zip(rule.compiled, rule.prefixes, strict=True)):
            if prefix:
                by_prefix.setdefault(prefix, []).append((rule, index, pattern))
            else:
                always.append((rule, index, pattern))
    return re.compile(literal_trie(by_prefix)), by_prefix, always


def literal_trie(words: Iterable[str]) -> str:
    """Return an expression matching any of the words, the longest where several fit,
    written as a trie ("de(?:cline|signat)"): Python's engine tries one branch per
    letter instead of every word at every position, twice as fast here."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@cache
def _shorter(prefix: str) -> tuple[str, ...]:
    """Return the prefix and every shorter prefix it starts with ("not our" -> "not ")."""
    return tuple(q for q in _pattern_table()[1] if prefix.startswith(q))


def find_prefixes(text: str) -> tuple[list[int], list[Prefixes]]:
    """Return where the literal prefixes of trigger patterns occur in a whole text: their
    start positions, and what was found at each, in the same order."""
    finder = _pattern_table()[0]
    found = [(m.start(), (m.end(), _shorter(m.group(0)))) for m in finder.finditer(text.lower())]
    return [start for start, _ in found], [where for _, where in found]


def find_triggers(text: str, start: int, end: int, present: Iterable[Prefixes]) -> list[Trigger]:
    """Return the triggers in ``text[start:end]`` (a sentence), given the prefixes found
    in it; patterns run on the whole text between the sentence's bounds, which reads as
    the slice would without copying it."""
    found: list[Trigger] = []
    _, by_prefix, always = _pattern_table()
    prefixes = {q for stop, shorter in present if stop <= end for q in shorter}
    candidates = [entry for prefix in prefixes for entry in by_prefix[prefix]]
    for rule, index, pattern in [*candidates, *always]:
        for match in pattern.finditer(text, start, end):
            found.append(Trigger(match.start(), match.end(), rule, index))
    found.sort(key=lambda t: (t.start, -t.rule.confidence))
    kept: list[Trigger] = []
    for trigger in found:  # one predicate per stretch of text: the surest rule wins
        overlaps = bool(kept) and trigger.start < kept[-1].end
        if overlaps and trigger.rule.predicate != kept[-1].rule.predicate:
            if trigger.rule.confidence > kept[-1].rule.confidence:
                kept[-1] = trigger
            continue
        if overlaps:
            continue  # the same predicate again
        kept.append(trigger)
    return kept
