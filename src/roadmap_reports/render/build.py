"""Build every ministry's Excel workbook and Word summary, and the secretariat's overview workbook.

    from roadmap_reports.sources.dataset import load_roadmap
    from roadmap_reports.render.build import build
    result = build(load_roadmap("data/fy2022.yaml"), "out", ministries=["MEXT"], formats=("xlsx",))

Everything is checked and rendered in memory first; only then are the files written, each to a
temporary name renamed into place. A bad input (a text no Office file can hold, an unknown ministry,
a broken template) raises a located RoadmapError and leaves the output folder untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from roadmap_reports.errors import OutputError, RenderError, UnknownMinistryError
from roadmap_reports.ministries import Ministry, resolve
from roadmap_reports.model import Roadmap
from roadmap_reports.i18n import _

FORMATS = ("xlsx", "docx")  # the formats of a ministry's book (render/registry.py: subject "book")
OVERVIEW_STEM = "00_全体_overview"


@dataclass
class BuildResult:
    """What a build wrote: the files, the ministries and how many distinct measures they hold."""

    outdir: Path
    files: list[Path] = field(default_factory=list)
    ministries: list[Ministry] = field(default_factory=list)
    measures: int = 0  # distinct measures in the files written

    def summary(self) -> str:
        """The line the command prints: 「Wrote 27 files for 13 ministries (101 measures) to out」."""
        n, m = len(self.files), len(self.ministries)
        return (f"Wrote {n} file{'s' if n != 1 else ''} for {m} {'ministry' if m == 1 else 'ministries'} "
                f"({self.measures} measure{'s' if self.measures != 1 else ''}) to {self.outdir}")


def select_ministries(roadmap: Roadmap, names: Iterable[str] | None) -> list[Ministry]:
    """Registry entries for names or codes (default: every ministry of the roadmap), in registry order.

    An unknown name is an UnknownMinistryError with a suggestion; a known ministry that owns no
    measure in this roadmap is an error too (it would get empty files)."""
    present = roadmap.ministries()
    if not names:
        return [resolve(n) for n in present]
    chosen: dict[str, Ministry] = {}
    for name in names:
        m = resolve(name)
        if m.name not in present:
            raise UnknownMinistryError(_("{name} ({code}) has no measures in this dataset").format(name=m.name,
                                             code=m.code), file=roadmap.source)
        chosen[m.name] = m
    return sorted(chosen.values(), key=lambda m: m.order)


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """The book formats of "xlsx,docx" (or a list) in registry order; an unknown one is a UsageError."""
    from roadmap_reports.render import registry

    return registry.parse_formats("book", text)


def output_path(outdir: Path, stem: str, suffix: str) -> Path:
    """outdir/stem.suffix, refusing any name that would land outside outdir."""
    outdir = Path(outdir)
    path = outdir / f"{stem}.{suffix}"
    if path.parent != outdir or stem in ("", ".", "..") or "/" in stem or "\\" in stem:
        raise OutputError(_("unsafe file name {stem!r}").format(stem=stem), file=outdir)
    return path


@dataclass(frozen=True)
class Job:
    """One file of a build: where it goes, and the registry's renderer (subject, format) of its view."""

    path: Path
    subject: str  # "overview" or "book" (render/registry.py)
    format: str  # "xlsx" or "docx"
    view: object  # views.Overview or views.MinistryExtract


@dataclass
class Plan:
    """Every file a build writes, before anything is rendered."""

    ministries: list[Ministry]
    extracts: list
    jobs: list[Job]

    @property
    def measures(self) -> int:
        """Distinct measures in the files of the plan."""
        ids = set()
        for job in self.jobs:
            ids |= {m.id for m in job.view.measures}
        return len(ids)


def plan(roadmap: Roadmap, outdir, *, ministries=None, formats=FORMATS, overview: bool | None = None) -> Plan:
    """Every file a build writes and the view it renders, without rendering anything."""
    from roadmap_reports import views as book
    from roadmap_reports.ministries import safe_filename

    outdir = Path(outdir)
    if ministries and all(isinstance(m, Ministry) for m in ministries):
        selected = sorted(ministries, key=lambda m: m.order)
    else:
        selected = select_ministries(roadmap, ministries)
    if overview is None:
        overview = not ministries
    extracts = book.ministry_extracts(roadmap, selected)
    jobs: list[Job] = []
    if overview and "xlsx" in formats:
        jobs.append(Job(output_path(outdir, OVERVIEW_STEM, "xlsx"), "overview", "xlsx", book.overview(roadmap)))
    for extract in extracts:
        stem = safe_filename(extract.ministry)
        for fmt in FORMATS:
            if fmt in formats:
                jobs.append(Job(output_path(outdir, stem, fmt), "book", fmt, extract))
    return Plan(selected, extracts, jobs)


def default_jobs() -> int:
    """Worker processes for a build: the machine's cores."""
    import os

    return max(1, os.cpu_count() or 1)


# In a worker process: the jobs and the template, set once by _init_worker (inherited when forked).
_WORKER_STATE: tuple | None = None

# Below this many measure rows in all the files together a pool costs more than it saves: forked
# workers start at once with everything imported; spawned ones (Windows, macOS) import it all again.
PARALLEL_MIN_ROWS = {"fork": 100, "spawn": 3000, "forkserver": 3000}


def _init_worker(state) -> None:
    global _WORKER_STATE
    _WORKER_STATE = state


def _render(job: Job, tpl, paper: str = "A4") -> bytes:
    """The bytes of one file, by the registry's renderer of its subject and format (on `paper`: A4 or A3)."""
    from roadmap_reports.render import registry

    return registry.render(job.subject, job.format, job.view, template=tpl, paper=paper)


def _render_in_worker(index: int):
    jobs, tpl, paper = _WORKER_STATE
    job = jobs[index]
    try:
        return index, _render(job, tpl, paper), None
    except RenderError as exc:
        return index, None, exc


def _weight(job: Job) -> int:
    """Rough cost of a job, to start the largest first (the overview holds every measure)."""
    return len(job.view.measures) * (2 if job.format == "docx" else 1)


def _render_all(jobs: list[Job], tpl, n_jobs: int, progress, paper: str = "A4") -> list[bytes]:
    """Bytes of every job, in job order; on `n_jobs` processes when there is enough to share."""
    from roadmap_reports.io.workers import start_method

    rows = sum(len(j.view.measures) for j in jobs)
    workers = min(n_jobs, len(jobs))
    method = start_method()
    if workers <= 1 or rows < PARALLEL_MIN_ROWS[method]:
        out = []
        for job in jobs:
            out.append(_render(job, tpl, paper))
            if progress:
                progress(job.path)
        return out

    from concurrent.futures import as_completed

    from roadmap_reports.io.workers import pool as worker_pool

    if method == "fork":  # import once here: the forked workers inherit the modules
        from roadmap_reports.render import registry

        for subject, fmt in {(j.subject, j.format) for j in jobs}:
            registry.get(subject, fmt).load()
        if any(j.subject == "overview" for j in jobs):
            import openpyxl.chart  # noqa: F401
        if any(j.format == "docx" for j in jobs):
            import docxtpl  # noqa: F401
    # fork shares the views and the template with the workers without pickling them
    results: list = [None] * len(jobs)
    order = sorted(range(len(jobs)), key=lambda i: -_weight(jobs[i]))
    with worker_pool(workers, method=method, initializer=_init_worker, initargs=((jobs, tpl, paper),)) as pool:
        futures = [pool.submit(_render_in_worker, i) for i in order]
        errors = []
        for future in as_completed(futures):
            index, data, exc = future.result()
            if exc is not None:
                errors.append((index, exc))
                continue
            results[index] = data
            if progress:
                progress(jobs[index].path)
    if errors:  # the error of the first file in plan order, as the serial build would raise
        raise min(errors, key=lambda e: e[0])[1]
    return results


def build(roadmap: Roadmap, outdir="out", *, ministries=None, formats: Iterable[str] = FORMATS, template=None,
          overview: bool | None = None, progress: Callable[[Path], None] | None = None,
          jobs: int | None = None, paper: str = "A4") -> BuildResult:
    """Render and write the files; return what was written.

    `ministries`: names, codes or registry entries (default: all of the roadmap). `overview`: write the
    secretariat's workbook (default: only when every ministry is built). `progress(path)` is called
    after each file is rendered. `jobs`: processes rendering files side by side (default: the
    machine's cores; 1 renders in this process); the files are the same bytes either way. `paper`: the
    workbooks print landscape on "A4" (body 8 pt) or "A3" (10 pt), at 100 % (render/paper.py).
    """
    from roadmap_reports import views as book
    from roadmap_reports.render.docx.summary import Template
    from roadmap_reports.io.files import write_all_atomic

    from roadmap_reports.render.paper import paper as paper_named

    formats = parse_formats(formats)
    paper = paper_named(paper).name  # an unknown paper is a UsageError before anything is rendered
    if "xlsx" in formats:
        from roadmap_reports.render.xlsx.common import load_openpyxl

        load_openpyxl()
    outdir = Path(outdir)
    book.check_texts(roadmap)
    the_plan = plan(roadmap, outdir, ministries=ministries, formats=formats, overview=overview)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(_("exists and is not a folder"), file=outdir)
    tpl = Template(template) if "docx" in formats else None
    n_jobs = default_jobs() if jobs is None else max(1, int(jobs))

    try:
        data = _render_all(the_plan.jobs, tpl, n_jobs, progress, paper)
    except RenderError as exc:
        if exc.measure is not None and exc.file is None:
            exc.file = roadmap.source
            exc.line = roadmap.line_of(exc.measure)
        raise
    rendered = [(job.path, d) for job, d in zip(the_plan.jobs, data)]

    write_all_atomic(rendered)  # all to temp names first: a full disk leaves the old files as they were
    return BuildResult(outdir, [p for p, _ in rendered], list(the_plan.ministries), the_plan.measures)
