"""Renderers by (subject, format), imported only when used: a new format is one module and one line here.

``renderer("kpi", "json")`` returns the function; an unknown format is a clear error naming the known ones.
Text renderers return a string; file renderers (xlsx) take the output path and return a one-line summary.
"""

from __future__ import annotations

import importlib

from roadmap_reports.errors import RenderError

RENDERERS = {
    ("kpi", "text"): ("roadmap_reports.render.kpi_text", "render_text"),
    ("kpi", "json"): ("roadmap_reports.render.kpi_json", "render_json"),
    ("kpi", "md"): ("roadmap_reports.render.kpi_md", "render_md"),
    ("kpi", "xlsx"): ("roadmap_reports.render.xlsx.kpi", "write_xlsx"),
    ("history", "text"): ("roadmap_reports.render.history_text", "render_text"),
    ("history", "json"): ("roadmap_reports.render.history_json", "render_json"),
    ("history", "xlsx"): ("roadmap_reports.render.xlsx.history", "write_xlsx"),
}
FILE_FORMATS = {"xlsx", "docx"}


def formats(subject: str) -> list[str]:
    """The formats a subject can be rendered in, in registry order."""
    return [f for s, f in RENDERERS if s == subject]


def renderer(subject: str, fmt: str):
    """The render function of `subject` in format `fmt`."""
    try:
        module, name = RENDERERS[(subject, fmt)]
    except KeyError:
        raise RenderError(f"unknown format {fmt!r} for {subject} (known: {', '.join(formats(subject))})") from None
    return getattr(importlib.import_module(module), name)
