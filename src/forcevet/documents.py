"""Reading YAML documents into validated models, with errors that name file, line and field."""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from forcevet.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_yaml(text: str, *, path: str) -> Any:
    """Return the document ``text`` holds, or raise InputError naming the file and line."""
    try:
        return yaml.safe_load(text)
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
