"""The project's error vocabulary.

Every failure the package reports is a `LawtrackError`. Problems found in drafts carry the file
and line they concern, so that editors get `path:line: what is wrong (expected …)`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How bad a problem is."""

    ERROR = "error"
    """The input cannot be used; validation and builds fail."""
    WARNING = "warning"
    """The input is usable but probably not what the editor wants."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file."""

    path: str
    """The file, as given or relative to the project root."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong."""
    expected: str = ""
    """What was expected instead, if that helps the editor."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tail = f" (expected {self.expected})" if self.expected else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}{tail}"

    @property
    def is_error(self) -> bool:
        """Whether this problem makes the input unusable."""
        return self.severity is Severity.ERROR


class LawtrackError(Exception):
    """Base class of every error raised by lawtrack."""


class ValidationError(LawtrackError):
    """One or more problems make the drafts unusable."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class HistoryError(LawtrackError):
    """Reading provenance from git failed."""


class EditorError(LawtrackError):
    """An editor command (add, import) cannot do what was asked."""


def errors_only(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """Return the problems that are errors, in order."""
    return [p for p in problems if p.is_error]
