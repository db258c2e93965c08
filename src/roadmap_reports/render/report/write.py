"""Write the published report to a file whose suffix names the format: .docx, .xlsx or .pdf (the renderers
are the registry's ``report`` subject, render/registry.py)."""

from __future__ import annotations

from pathlib import Path

from roadmap_reports.errors import UsageError
from roadmap_reports.i18n import _


def report_bytes(roadmap, suffix: str, *, paper: str = "A4", file=None, via: str = "docx") -> bytes:
    """The report in the format of `suffix` (.docx, .xlsx, .pdf: the registry's ``report`` formats); a
    UsageError listing them otherwise."""
    from roadmap_reports.render import registry
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.views import check_texts

    known = registry.formats("report")
    fmt = suffix.lower().removeprefix(".")
    if not suffix.startswith(".") or fmt not in known:
        raise UsageError(_("cannot write a report as {value} (known: {value2})").format(
            value=suffix or _("a file without a suffix"), value2=", ".join("." + f for f in known)), file=file)
    paper_named(paper)  # an unknown paper before any work
    check_texts(roadmap)
    return registry.render("report", fmt, roadmap, paper=paper, file=file, via=via)


def write_report(roadmap, path, *, paper: str = "A4", via: str = "docx") -> Path:
    """Write the report to `path` (atomically: nothing is left under that name if anything fails)."""
    from roadmap_reports.io.files import write_bytes_atomic

    path = Path(path)
    data = report_bytes(roadmap, path.suffix, paper=paper, file=path, via=via)
    write_bytes_atomic(path, data)
    return path
