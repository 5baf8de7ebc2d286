"""Web addresses: only http and https are stored as links, checked when they come in.

A source's address ends up as a link in report.md and report.html; a
``javascript:`` or ``data:`` address, or one carrying ``>`` or a space, could
run script there or close the link. Output encodes links again
(reports/render.py), so a store written before this check is safe to report.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from forcevet.errors import InputError

SCHEMES = ("http", "https")

# Characters a URL never carries unencoded (RFC 3986 section 2; WHATWG encodes them): they
# would end a Markdown link or an HTML attribute.
_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"`\\]")


def require_web_url(value: object, *, field: str = "url") -> str | None:
    """Return the http(s) address in ``value`` (None when empty), or raise InputError."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    problem = web_url_problem(text)
    if problem:
        # quoted as JSON: a line break in it stays on the error's one line
        shown = json.dumps(text if len(text) <= 80 else text[:77] + "...", ensure_ascii=False)
        raise InputError(f"{problem}, got {shown}", field=field)
    return text


def get_web_url(value: object) -> str | None:
    """Return the http(s) address in ``value``, or None when it is empty or not one."""
    text = "" if value is None else str(value).strip()
    return text if text and not web_url_problem(text) else None


def web_url_problem(text: str) -> str | None:
    """Return why ``text`` is not an http(s) address to link to, or None when it is one."""
    expected = "expected a web address starting http:// or https://"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        return expected
    if parts.scheme.lower() not in SCHEMES:
        return expected
    if not host or not parts.netloc:
        return f"{expected} and a host name"
    unsafe = _UNSAFE.search(text)
    if unsafe:
        return (
            f"a web address carries no space, control character or {unsafe.group()!r} "
            "unencoded (percent-encode it, e.g. %20 for a space)"
        )
    return None
