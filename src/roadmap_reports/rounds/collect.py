"""Collect returned workbooks for update into next year's dataset draft.

`collect(paths, base=..., fiscal_year=...)` checks every returned workbook (made by
circulate.write_update_workbook) and merges the answers of the accepted ones into a copy of the base
dataset. The work is split by concern:

- `rounds.inspect`: the file before any parsing (type, size, zip directory, macros, XML bombs);
- `rounds.read`: its metadata, the checks that it belongs to this round and was not tampered with,
  and the answers (`check_workbook`);
- `rounds.merge`: the answers into the draft (tagged and shared statuses, conflicts, KPI proposals);
- here: the order of it all, on several processes when there is much to read, and the result.

A workbook with any problem of severity "error" (hostile, broken, another base or year, tampered)
is rejected whole: nothing is merged from it, and the other workbooks are still processed. Measures of
ministries that did not return (or whose return was rejected) keep last year's text, and the result
names those ministries. Text from the workbooks is stored as typed, except that line ends become
"\\n" and trailing whitespace is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roadmap_reports.rounds.years import year_order_message
from roadmap_reports.errors import Problem, UsageError
from roadmap_reports.model import Roadmap
from roadmap_reports.rounds.inspect import Limits
from roadmap_reports.rounds.merge import Change, Conflict, Merged, draft_title, merge, new_draft, \
    resolve_duplicates, short_tag
from roadmap_reports.rounds.read import Answer, Return, check_workbook, clean_text

__all__ = ["collect", "check_draft", "check_workbook", "CollectResult", "Return", "Answer", "Change", "Conflict",
           "Limits", "draft_title", "short_tag", "clean_text", "PARALLEL_MIN_BYTES"]

# Below this many bytes of workbooks in all, checking them one after the other is faster than a pool.
PARALLEL_MIN_BYTES = 2_000_000
PARALLEL_MIN_BYTES_SPAWN = 8_000_000  # spawned workers (Windows) import openpyxl again and receive the base


@dataclass
class CollectResult:
    """Everything `collect` found: the draft, every return with its problems, and what changed."""

    draft: Roadmap
    base: Roadmap
    fiscal_year: int
    returns: list[Return]
    expected: list[str]  # ministries that were asked (every ministry of the base)
    returned: list[str]  # ministries with an accepted return
    missing: list[str]  # ministries without an accepted return
    updated: list[Change] = field(default_factory=list)
    left_empty: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    kpi_proposals: list[Change] = field(default_factory=list)
    remarks: list[Change] = field(default_factory=list)

    @property
    def findings(self) -> list[Problem]:
        """Every problem of every return, in the order of the files."""
        return [f for r in self.returns for f in r.findings]

    @property
    def rejected(self) -> list[Return]:
        """The returns nothing was merged from."""
        return [r for r in self.returns if r.rejected]

    @property
    def accepted(self) -> list[Return]:
        """The returns that were merged."""
        return [r for r in self.returns if not r.rejected]

    def ministry_of(self, ret: Return) -> str | None:
        """The ministry a return is from: the one its metadata names, else — for a file refused before its
        metadata was read (.xlsm, PDF …) — the one its name begins with (CODE_名称_…, as circulated), else None."""
        if ret.ministry is not None:
            return ret.ministry.name
        from roadmap_reports.ministries import lookup

        stem = ret.path.name.split("_")
        for guess in stem[:2]:
            m = lookup(guess) if guess else None
            if m is not None:
                return m.name
        return None

    @property
    def clean(self) -> bool:
        """Every file merged, nothing rejected, no conflict."""
        return not self.rejected and not self.conflicts


def _check_one(state: tuple, path) -> Return:
    base, fiscal_year, limits = state
    return check_workbook(path, base=base, fiscal_year=fiscal_year, limits=limits)


def _check_workbooks(paths: list, *, base: Roadmap, fiscal_year: int, limits: Limits):
    """check_workbook of every path, in order; side by side on worker processes when there is enough
    to read (openpyxl's loading is most of the time of collect; spawned workers cost more to start)."""
    import os

    from roadmap_reports.io.workers import forked_map, start_method

    state = (base, fiscal_year, limits)
    try:
        sizes = [Path(p).stat().st_size for p in paths]
    except OSError:
        sizes = None  # a missing file: check_workbook names it
    cores = os.cpu_count() or 1
    min_bytes = PARALLEL_MIN_BYTES if start_method() == "fork" else PARALLEL_MIN_BYTES_SPAWN
    if len(paths) < 2 or cores < 2 or sizes is None or sum(sizes) < min_bytes:
        for p in paths:
            yield _check_one(state, p)
        return
    from roadmap_reports.render.xlsx.common import load_openpyxl

    load_openpyxl()  # imported once, inherited by the forked workers
    yield from forked_map(_check_one, paths, state=state, workers=min(cores, len(paths)), weights=sizes)


def collect(paths, *, base: Roadmap, fiscal_year: int, limits: Limits = Limits(), progress=None) -> CollectResult:
    """Check every returned workbook and merge the accepted ones into a draft for `fiscal_year`.

    `progress`: optional callable, called with each `Return` once its file is checked."""
    from roadmap_reports.render.xlsx.common import load_openpyxl

    load_openpyxl()
    if fiscal_year <= base.fiscal_year:
        raise UsageError(year_order_message("collect", fiscal_year, base.fiscal_year), file=base.source)
    returns = []
    for ret in _check_workbooks(list(paths), base=base, fiscal_year=fiscal_year, limits=limits):
        returns.append(ret)
        if progress is not None:
            progress(ret)
    resolve_duplicates(returns)
    draft = new_draft(base, fiscal_year)
    expected = base.ministries()
    accepted = [r for r in returns if not r.rejected and r.ministry is not None]
    returned = sorted({r.ministry.name for r in accepted}, key=lambda n: expected.index(n) if n in expected else 999)
    merged: Merged = merge(draft, base, accepted)
    return CollectResult(draft=draft, base=base, fiscal_year=fiscal_year, returns=returns, expected=expected,
                         returned=returned, missing=[n for n in expected if n not in returned],
                         updated=merged.updated, left_empty=merged.left_empty, unchanged=merged.unchanged,
                         conflicts=merged.conflicts, kpi_proposals=merged.kpi_proposals, remarks=merged.remarks)


def check_draft(result: CollectResult) -> None:
    """The draft must pass the schema and consistency checks (raises ValidationError)."""
    from roadmap_reports.errors import ValidationError
    from roadmap_reports.sources.checks import validate, validate_data

    problems = validate_data(result.draft.to_dict()) or validate(result.draft)
    if problems:
        raise ValidationError(problems)
