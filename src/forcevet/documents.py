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
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or None
        raise InputError(
            error["msg"].removeprefix("Value error, "), path=path, field=where
        ) from None
