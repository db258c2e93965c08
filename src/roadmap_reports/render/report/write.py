"""Write the published report to a file whose suffix names the format: .docx, .xlsx or .pdf."""

from __future__ import annotations

from pathlib import Path

from roadmap_reports.errors import UsageError
from roadmap_reports.i18n import _


def _docx(roadmap, *, paper: str = "A4", **_):
    from roadmap_reports.render.report.docx import docx_bytes

    return docx_bytes(roadmap, paper=paper)


def _xlsx(roadmap, *, paper: str = "A4", **_):
    from roadmap_reports.render.report.xlsx import xlsx_bytes

    return xlsx_bytes(roadmap, paper=paper)


def _pdf(roadmap, *, paper: str = "A4", file=None, via: str = "docx"):
    from roadmap_reports.render.report.pdf import pdf_bytes

    return pdf_bytes(roadmap, paper=paper, file=file, via=via)


#: file suffix -> renderer(roadmap, paper=..., file=...) -> bytes (the heavy modules import on first use)
RENDERERS = {".docx": _docx, ".xlsx": _xlsx, ".pdf": _pdf}


def report_bytes(roadmap, suffix: str, *, paper: str = "A4", file=None, via: str = "docx") -> bytes:
    """The report in the format of `suffix` (.docx, .xlsx, .pdf); a UsageError listing them otherwise."""
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.views import check_texts

    renderer = RENDERERS.get(suffix.lower())
    if renderer is None:
        raise UsageError(_("cannot write a report as {value} (known: {value2})").format(
                               value=suffix or 'a file without a suffix', value2=', '.join(RENDERERS)), file=file)
    paper_named(paper)  # an unknown paper before any work
    check_texts(roadmap)
    return renderer(roadmap, paper=paper, file=file, via=via)


def write_report(roadmap, path, *, paper: str = "A4", via: str = "docx") -> Path:
    """Write the report to `path` (atomically: nothing is left under that name if anything fails)."""
    from roadmap_reports.io.files import write_bytes_atomic

    path = Path(path)
    data = report_bytes(roadmap, path.suffix, paper=paper, file=path, via=via)
    write_bytes_atomic(path, data)
    return path
