"""Source lines: the report's text as numbered lines, as an editor numbers them.

This is the first stage of the ingest (lines → structure → measures). The text reader below turns a file
(UTF-8, UTF-8 with BOM, UTF-16 or CP932) into `SourceLine`s; another reader (a PDF's text layer) only has
to give the same lines for the rest of the ingest to apply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.errors import IngestError
from roadmap_reports.i18n import _

__all__ = ["SourceLine", "split_lines", "read_source"]


@dataclass
class SourceLine:
    """One line of the source: its number (1-based) and its text, right-stripped, indentation kept."""

    no: int
    raw: str

    @property
    def text(self) -> str:
        """The line without its indentation."""
        return self.raw.strip()


def split_lines(text: str) -> list[SourceLine]:
    """Lines numbered as an editor numbers them; CR/CRLF/LF alike, trailing whitespace and form feeds
    dropped, a leading BOM ignored."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return [SourceLine(i, raw.replace("\x0c", "").rstrip()) for i, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1)]


def read_source(path) -> tuple[str, str]:
    """(text, encoding) of a report text file; IngestError for a binary file or an unreadable one."""
    from roadmap_reports.io.files import read_text

    text, encoding = read_text(Path(path), allow_legacy=True, error=IngestError)
    if "\x00" in text or _looks_binary(text):
        raise IngestError(_("binary file, not text"), file=path)
    return text, encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\r\n\t\x0c")
    return bad > max(8, len(sample) // 100)
