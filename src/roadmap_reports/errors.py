"""One located-problem type and one exception hierarchy.

Every problem knows where it happened: file, place (a line, a sheet!cell, a page) and measure, so the CLI can
print one located line without a traceback: ``file:line: measure N: message`` or
``file:sheet!cell: measure N: message``. `Problem` is the value (validate, ingest and collect collect many of
them into a report); `RoadmapError` is the exception that carries one. `EXIT_CODES` maps each exception class
to the command line's exit code, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth saying) about an input, with where it is.

    ``kind`` is a machine identifier (``duplicate_id``, ``tampering``, ``repost`` …); ``severity`` is
    ``error`` (the input is refused) or ``warning``. ``line`` is a line number in a text file; ``place`` a
    position in another kind of file (``実施状況照会!G5``, ``page 3``).

    A question the input leaves open (the ingest's ambiguities) also says how it can be decided:
    ``options`` are the answers a correction may give (``("join", "break")``) and ``text`` is the source
    line as printed, which a correction repeats so that it still matches when the line moves."""

    message: str
    file: str | None = None
    line: int | None = None
    place: str | None = None
    measure: int | None = None
    kind: str = "error"
    severity: str = "error"
    options: tuple = ()
    text: str | None = None

    def location(self) -> str:
        """``file:line:place: measure N`` with the parts that are known."""
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.place:
            where = f"{where}:{self.place}" if where else self.place
        parts = [where] if where else []
        if self.measure is not None:
            parts.append(f"measure {self.measure}")
        return ": ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message


class RoadmapError(Exception):
    """Base class of every error roadmap-reports raises on bad input."""

    def __init__(self, message: str, *, file=None, line: int | None = None, place: str | None = None,
                 measure: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.place = place
        self.measure = measure

    @property
    def problem(self) -> Problem:
        """The error as a located problem."""
        return Problem(self.message, file=self.file, line=self.line, place=self.place, measure=self.measure,
                       kind=type(self).__name__)

    @classmethod
    def from_problem(cls, problem: Problem) -> "RoadmapError":
        return cls(problem.message, file=problem.file, line=problem.line, place=problem.place,
                   measure=problem.measure)

    def location(self) -> str:
        return self.problem.location()

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message


class DatasetError(RoadmapError, ValueError):
    """A dataset file cannot be read: syntax, encoding, wrong shape."""


class ValidationError(RoadmapError, ValueError):
    """A dataset breaks the schema or its consistency rules. `problems` holds every one."""

    def __init__(self, problems, *, file=None):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(first.message if first else "invalid dataset", file=file or (first.file if first else None),
                         line=first.line if first else None, measure=first.measure if first else None)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems) or super().__str__()


class IngestError(RoadmapError, ValueError):
    """The report text cannot be parsed into a dataset."""


class UnknownMinistryError(RoadmapError, KeyError):
    """A ministry name or code is not in the registry."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return RoadmapError.__str__(self)


class OutputError(RoadmapError, OSError):
    """An output cannot be written (read-only folder, full disk, ...)."""


class RenderError(RoadmapError, ValueError):
    """Data cannot be rendered (a text too long for a cell, a character XML forbids, ...)."""


class WorkbookError(RoadmapError, ValueError):
    """A returned workbook is broken, hostile or does not belong to this round."""


class UsageError(RoadmapError, ValueError):
    """An option's value is not one the command knows (a format, a fiscal year)."""


class MissingToolError(RoadmapError, OSError):
    """An outside program a command needs is not installed (LibreOffice's soffice for a PDF)."""


#: Exit code of the command line for each error (the most specific class wins): 0 success, 1 an error of
#: the input or the output, 2 usage (click's own), 3 partly done (collect, decided by the command), 4 a program the
#: command needs is missing (LibreOffice for `report -o X.pdf`).
EXIT_CODES: dict[type, int] = {
    UsageError: 2,
    MissingToolError: 4,
    RoadmapError: 1,
}


def exit_code(error: BaseException) -> int:
    """The exit code for an error: the first class of `EXIT_CODES` in the error's class order."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 1
