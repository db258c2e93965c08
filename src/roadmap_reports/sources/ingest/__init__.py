"""Ingest: the published report's text → a `Roadmap`, with explicit corrections.

The report is a five-column table (施策番号, 具体的取組, KPI, 担当省庁, 実施状況) flattened page by
page. What the layout decides is applied by rule; what it leaves open (which measure a heading
starts, which 再掲 label belongs to a bare number, whether a line that exactly fills its column
ends a paragraph) is reported as a located `errors.Problem` and must be decided by an explicit
correction (see corrections.py and docs/dataset.md). Nothing is guessed silently.

Text is kept exactly as printed: hard wraps are joined without inserting anything, paragraph and
bullet breaks become "\\n", KPI bullet marks 「・」 are dropped.

The stages, one module each — lines → structure → measures:

- ``lines.py``      the source as numbered lines (the text reader; a PDF reader gives the same lines)
- ``layout.py``     the report's vocabulary: page furniture, line patterns, 禁則, the font's widths
- ``structure.py``  lines → page furniture, headings, 施策番号 blocks and lone 再掲 labels
- ``reposts.py``    bare numbers paired with their 再掲 labels
- ``fields.py``     one block → its columns (具体的取組, KPI, 担当省庁, 実施状況)
- ``wraps.py``      hard wraps joined, paragraph ends kept
- ``headings.py``   which measure each heading starts; sections and the assignment of measures
- ``report.py``     `parse_lines`, running the stages in order
"""

from __future__ import annotations

from pathlib import Path

from roadmap_reports.sources.ingest.lines import SourceLine, read_source, split_lines
from roadmap_reports.sources.ingest.report import IngestResult, parse_lines

__all__ = ["ingest_file", "parse_report", "parse_lines", "IngestResult", "SourceLine", "split_lines"]


def parse_report(text: str, corrections=None, source: str = "<text>") -> IngestResult:
    """Parse report text into a Roadmap, applying `corrections` (corrections.Corrections or None)."""
    return parse_lines(split_lines(text), corrections=corrections, source=source)


def ingest_file(path, corrections=None) -> IngestResult:
    """Read a report text file (UTF-8, UTF-8 with BOM, UTF-16 or CP932) and parse it."""
    path = Path(path)
    text, encoding = read_source(path)
    result = parse_report(text, corrections=corrections, source=str(path))
    result.encoding = encoding
    return result
