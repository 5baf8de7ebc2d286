"""Ids derived from content, so that the same record imported twice is one record."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def make_key(prefix: str, *parts: object, length: int = 12) -> str:
    """Return ``prefix-`` and the first hex digits of the sha1 of the key fields."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(b"\x1f")
        digest.update(("" if part is None else str(part)).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:length]}"


_KEY_PREFIX = re.compile(r"[A-Za-z0-9-]{1,64}")


def key_prefix_pattern(reference: str) -> str | None:
    """Return the SQL LIKE pattern finding the keys that start with ``reference``, or None
    when it cannot start a key (a key is a prefix, "-" and hex digits, as make_key writes).

    A "%" or "_" would be a wildcard, and SQLite refuses a pattern over 50,000 bytes with
    an error, so anything but letters, digits and "-" up to 64 characters matches nothing.
    """
    return f"{reference}%" if _KEY_PREFIX.fullmatch(reference) else None


def content_hash(text: str) -> str:
    """Return the sha256 of a source's full text, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug of ``text`` for readable actor ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60] or make_key("actor", text, length=8)


def name_key(name: str) -> str:
    """Return the lookup form of a name: case-folded, accents and spacing normalised."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.replace("\u2019", "'").split())
