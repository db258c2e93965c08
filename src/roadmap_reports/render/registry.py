"""Every output format, in one table: (subject, format) → the renderer that writes it.

A subject is what is rendered: ``dataset`` (a Roadmap), ``book`` (one ministry's MinistryExtract),
``overview`` (the secretariat's Overview), ``diff`` (a DiffResult), ``collect`` (a CollectResult), ``kpi``
(a progress.report.KpiReport), ``history`` (a progress.history.History), ``datasets`` (a list of Roadmaps,
one per year: the open-data package writes a folder) and ``report`` (a Roadmap as the published report).
A renderer is named by its "module:function" path and imported only when it is used, so that naming the
formats (a command's --help, its option choices) costs nothing and openpyxl, python-docx and docxtpl
load only for the formats that need them.

Two kinds of renderer:

- ``returns`` ``"text"`` or ``"bytes"``: ``function(subject, **options)`` gives the output and the
  caller decides where it goes (standard output, a file, a worker's result);
- ``returns`` ``"file"``: ``function(subject, path, **options)`` writes the file itself (atomically,
  reproducibly) and returns what it wants to report (the 新旧対照表 writers: the number of rows).

`render()` passes a renderer only the options it takes: the diff command hands every renderer of the
diff its options (``new_side``, ``group_by``, ``abbreviate``, ``color``, ``paper``) and each takes its own. An option
no renderer of the subject knows is a TypeError, so a misspelt option is not silently dropped.

A new format is one new module and one line in `RENDERERS`; an unknown format is a UsageError that names
the known ones::

    >>> from roadmap_reports.render import registry
    >>> registry.formats("diff")
    ('text', 'json', 'md', 'xlsx', 'docx')
    >>> registry.render("dataset", "json", roadmap)        # doctest: +SKIP
"""

from __future__ import annotations

import functools
import importlib
import inspect
from dataclasses import dataclass
from typing import Any, Callable

from roadmap_reports.errors import UsageError
from roadmap_reports.i18n import _

__all__ = ["Renderer", "RENDERERS", "SUBJECT_OPTIONS", "subjects", "formats", "get", "render", "renderer",
           "parse_formats"]


@dataclass(frozen=True)
class Renderer:
    """One output format of one subject: where its function lives and what it gives back."""

    subject: str
    format: str
    target: str  # "package.module:function", imported on first use
    returns: str = "text"  # "text" (str), "bytes", or "file" (the function writes the path it is given)
    encoding: str = "utf-8"  # how a text output is written to a file or a pipe ("utf-8-sig": with a BOM)
    description: str = ""

    @property
    def writes_file(self) -> bool:
        """The renderer writes the file itself: it needs a path, and cannot print to standard output."""
        return self.returns == "file"

    def load(self) -> Callable[..., Any]:
        """The renderer's function (its module imported on first use; looked up on each call, so that a
        test's monkeypatch of the module is seen)."""
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)

    def __call__(self, *args, **options):
        """Call the renderer with the options it takes, out of those given."""
        function = self.load()
        names = _parameters(function)
        return function(*args, **{k: v for k, v in options.items() if k in names})


_R = "roadmap_reports.render"
_COLLECT = f"{_R}.collect_report"  # text, md, json; the workbook in render/xlsx/collect_report.py
RENDERERS: tuple[Renderer, ...] = (
    Renderer("dataset", "json", "roadmap_reports.render.export:to_json",
             description="the dataset schema, the machine-readable contract"),
    Renderer("dataset", "csv", "roadmap_reports.render.export:to_csv", encoding="utf-8-sig",
             description="one row per measure and ministry, with a BOM for Excel"),
    Renderer("dataset", "yaml", "roadmap_reports.sources.dataset:dumps_yaml",
             description="the dataset as stored in data/"),
    Renderer("book", "xlsx", f"{_R}.xlsx.extract:ministry_workbook_bytes", returns="bytes",
             description="a ministry's workbook"),
    Renderer("book", "docx", f"{_R}.docx.summary:summary_bytes", returns="bytes",
             description="a ministry's Word summary, from the template"),
    Renderer("overview", "xlsx", f"{_R}.xlsx.overview:overview_workbook_bytes", returns="bytes",
             description="the secretariat's overview workbook"),
    Renderer("diff", "text", f"{_R}.diff_text:render_text", description="for the terminal"),
    Renderer("diff", "json", f"{_R}.diff_json:render_json", description="the machine-readable contract"),
    Renderer("diff", "md", f"{_R}.diff_md:render_md", description="Markdown for a review"),
    Renderer("diff", "xlsx", f"{_R}.xlsx.comparison:write_xlsx", returns="file",
             description="the 新旧対照表 workbook"),
    Renderer("diff", "docx", f"{_R}.docx.comparison:write_docx", returns="file",
             description="the 新旧対照表 document"),
    Renderer("collect", "text", f"{_COLLECT}:render_text", description="for the terminal"),
    Renderer("collect", "md", f"{_COLLECT}:render_markdown", description="Markdown"),
    Renderer("collect", "json", f"{_COLLECT}:render_json", description="the report as data"),
    Renderer("collect", "xlsx", f"{_R}.xlsx.collect_report:write_xlsx", returns="file",
             description="the report workbook"),
    Renderer("kpi", "text", f"{_R}.kpi_text:render_text", description="for the terminal"),
    Renderer("kpi", "json", f"{_R}.kpi_json:render_json", description="the machine-readable contract"),
    Renderer("kpi", "md", f"{_R}.kpi_md:render_md", description="Markdown for a review"),
    Renderer("kpi", "xlsx", f"{_R}.xlsx.kpi:write_xlsx", returns="file",
             description="the print-ready KPI progress table, per ministry"),
    Renderer("history", "text", f"{_R}.history_text:render_text", description="for the terminal"),
    Renderer("history", "json", f"{_R}.history_json:render_json", description="the lines as data"),
    Renderer("history", "xlsx", f"{_R}.xlsx.history:write_xlsx", returns="file",
             description="the print-ready table of measure lines"),
    Renderer("datasets", "datapackage", f"{_R}.datapackage:write_package", returns="file",
             description="the open-data package of one or more years, into a folder"),
    Renderer("report", "docx", f"{_R}.report.docx:docx_bytes", returns="bytes",
             description="the published 実施状況 table as a Word document"),
    Renderer("report", "xlsx", f"{_R}.report.xlsx:xlsx_bytes", returns="bytes",
             description="the published 実施状況 table as a workbook"),
    Renderer("report", "pdf", f"{_R}.report.pdf:pdf_bytes", returns="bytes",
             description="the published 実施状況 table as a PDF, made by LibreOffice from the docx (or xlsx)"),
)

#: The options a caller may pass to any renderer of a subject (each renderer takes those it uses).
SUBJECT_OPTIONS: dict[str, frozenset[str]] = {
    "dataset": frozenset(),
    "book": frozenset({"template", "paper"}),
    "overview": frozenset({"template", "paper"}),
    "diff": frozenset({"new_side", "group_by", "abbreviate", "color", "paper"}),
    "collect": frozenset({"paper", "lang"}),
    "kpi": frozenset(),
    "history": frozenset(),
    "report": frozenset({"paper", "via", "file"}),
}

_TABLE: dict[tuple[str, str], Renderer] = {(r.subject, r.format): r for r in RENDERERS}


def subjects() -> tuple[str, ...]:
    """The subjects that have renderers, in table order."""
    return tuple(dict.fromkeys(r.subject for r in RENDERERS))


def formats(subject: str) -> tuple[str, ...]:
    """The formats of a subject, in table order: formats("diff") → ('text', 'json', 'md', 'xlsx', 'docx')."""
    if subject not in subjects():
        raise UsageError(_("unknown subject {subject!r} (choose from {value})").format(subject=subject,
                               value=', '.join(subjects())))
    return tuple(r.format for r in RENDERERS if r.subject == subject)


def get(subject: str, fmt: str) -> Renderer:
    """The renderer of `fmt` for `subject`; an unknown one is a UsageError listing the known formats."""
    known = formats(subject)
    key = (subject, str(fmt).strip().lower())
    if key not in _TABLE:
        raise UsageError(_("unknown {subject} format {fmt!r} (choose from {value})").format(subject=subject, fmt=fmt,
                               value=', '.join(known)))
    return _TABLE[key]


def render(subject: str, fmt: str, *args, **options):
    """Render with the registered function: ``render("diff", "md", result, new_side="right")``.

    Options no renderer of the subject takes are a TypeError; the others are passed to the renderer
    when it takes them."""
    unknown = set(options) - SUBJECT_OPTIONS.get(subject, frozenset())
    if unknown:
        raise TypeError(_("{subject} renderers take no option {value}").format(subject=subject,
                                                                              value=', '.join(sorted(unknown))))
    return get(subject, fmt)(*args, **options)


def renderer(subject: str, fmt: str) -> Callable[..., Any]:
    """The function of a registered renderer itself (imported now), for callers that call it directly."""
    return get(subject, fmt).load()


def parse_formats(subject: str, text) -> tuple[str, ...]:
    """Formats of a subject from "xlsx,docx" (or a list), in table order; an unknown or empty list is a
    UsageError naming the known ones."""
    known = formats(subject)
    items = [t.strip().lower() for t in (text.split(",") if isinstance(text, str) else text)]
    items = [t for t in items if t]
    bad = [t for t in items if t not in known]
    if bad or not items:
        raise UsageError(_("unknown format {format!r} (choose from {known})").format(format=bad[0], known=", ".join(known))
                         if bad else _("no format given (choose from {known})").format(known=", ".join(known)))
    return tuple(f for f in known if f in items)


@functools.lru_cache(maxsize=64)
def _parameters(function: Callable[..., Any]) -> frozenset[str]:
    params = inspect.signature(function).parameters.values()
    return frozenset(p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))
