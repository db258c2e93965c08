"""One exception hierarchy. Every error knows where it happened: file, place (line or sheet!cell)
and measure, so the CLI can print one located line without a traceback."""

from __future__ import annotations


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

    def location(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            if self.place:
                where += f":{self.place}"
            parts.append(where)
        elif self.place:
            parts.append(self.place)
        if self.measure is not None:
            parts.append(f"measure {self.measure}")
        return ": ".join(parts)

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
