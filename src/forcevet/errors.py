"""The one family of errors forcevet raises; the CLI and web app map them once."""

from __future__ import annotations


class ForcevetError(Exception):
    """Something went wrong while working (exit code 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ForcevetError):
    """Bad input or usage (exit code 2): names the file, line or record, and field.

    Rendered on one line, for example
    ``claims.csv:14: credibility: expected 1-6, got "7"``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.field = field

    def located(self, *, path: str | None = None, line: int | str | None = None) -> InputError:
        """Return this error with the file and line filled in where they were unknown."""
        return InputError(
            self.message,
            path=self.path or path,
            line=self.line if self.line is not None else line,
            field=self.field,
        )

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"record {self.line}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class NotFoundError(InputError):
    """A source, actor or claim that the input names does not exist."""


class InputErrors(InputError):
    """Every error found while validating a whole input at once, such as a case folder.

    Rendered as a count on the first line and one located error per line after it,
    so that a user fixes them all in one pass.
    """

    def __init__(self, errors: list[InputError], *, what: str) -> None:
        super().__init__(f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {what}")
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {error}" for error in self.errors)])


class StoreError(ForcevetError):
    """The store cannot be opened or is not ready."""
