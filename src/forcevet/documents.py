"""Reading YAML documents into validated models, with errors that name file, line and field."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from forcevet.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)


class TextDateLoader(yaml.SafeLoader):
    """PyYAML's safe loader that reads ``2025-02-30`` and ``2024-12-08`` as text.

    PyYAML's timestamp constructor turns an unquoted date into a ``datetime.date``
    and fails with a ValueError traceback on an impossible one, before any model
    sees it. Kept as text, each date reaches the model that takes it, which parses
    it strictly (forcevet.model.dates) and names the file and field when it is wrong.
    """


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path | Traversable, *, label: str | None = None) -> str:
    """Return the UTF-8 text of the file ``path`` (a byte order mark dropped), or raise
    InputError naming it as ``label`` (default: the path) when it cannot be read as text."""
    shown = label or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=shown) from None
    except IsADirectoryError:
        raise InputError("a folder, not a file", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=shown) from None
    return decode_text(data, path=shown)


def decode_text(data: bytes, *, path: str) -> str:
    """Return ``data`` decoded as UTF-8 (a byte order mark dropped), or raise InputError
    naming the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None


def require_document(document: Any, *, path: str, expected: str) -> Any:
    """Return ``document``, or raise InputError when the file held none (empty, blank or
    comments only): an empty file is a mistake to report, not an empty input to accept."""
    if document is None:
        raise InputError(f"the file is empty; expected {expected}", path=path)
    return document


def parse_yaml(text: str, *, path: str) -> Any:
    """Return the document ``text`` holds, dates as text, or raise InputError naming the
    file and line."""
    try:
        return yaml.load(text, Loader=TextDateLoader)  # noqa: S506  # a SafeLoader subclass
    except RecursionError:
        raise InputError("not valid YAML: nested too deeply", path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=mark.line + 1 if mark else None,
        ) from None


def validate(model: type[ModelT], document: Any, *, path: str) -> ModelT:
    """Return ``document`` as a ``model``, or raise InputError naming its first bad field."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        where, message = describe_error(exc)
        raise InputError(message, path=path, field=where or None) from None


def validate_all(
    model: type[ModelT], document: Any, *, path: str
) -> tuple[ModelT | None, list[InputError]]:
    """Return ``document`` as a ``model`` and no errors, or None and every bad field."""
    try:
        return model.model_validate(document), []
    except ValidationError as exc:
        return None, [
            InputError(message, path=path, field=where or None)
            for where, message in describe_errors(exc)
        ]


def describe_error(exc: ValidationError) -> tuple[str, str]:
    """Return the first error's field path ("" for the whole record) and its message in
    plain words, without pydantic's prefixes."""
    return describe_errors(exc)[0]


def describe_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """Return every error's field path and message in plain words."""
    return [_describe(error) for error in exc.errors()]


def _describe(error: Any) -> tuple[str, str]:
    where = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field; check its spelling"
    elif error["type"] == "missing":
        message = "required field is missing"
    elif "input" in error and error["type"] not in ("value_error",):
        message += f', got "{error["input"]}"'
    return where, message
