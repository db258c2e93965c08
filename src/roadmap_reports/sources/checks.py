"""Schema and consistency checks of a dataset. Every problem is an `errors.Problem`, printed as one located
line: ``file:line: measure N: message``.

`validate_data` checks raw data (from YAML or JSON) against the JSON Schema (a compiled fast check first,
jsonschema to explain what is wrong); `validate` checks a loaded `Roadmap` for what a schema cannot say:
unique ids, sections that exist, reposts that point to a measure, ministries of the registry, texts an
Office file can hold (`roadmap_reports.office`).
"""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache

from roadmap_reports.errors import Problem
from roadmap_reports.i18n import N_, _
from roadmap_reports.model import LineMap, Roadmap
from roadmap_reports.office import CELL_MAX_CHARS, codepoints, forbidden_characters

__all__ = ["schema", "validate_data", "validate", "Problem"]


@lru_cache(maxsize=1)
def schema() -> dict:
    """The dataset's JSON Schema (schema/roadmap.schema.json, in the repository or the package)."""
    from roadmap_reports.resources import resource_path

    path = resource_path("schema", "roadmap.schema.json")
    if not path.is_file():  # packaged inside roadmap_reports/schema
        from pathlib import Path

        path = Path(__file__).parents[1] / "schema" / "roadmap.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _fast_check():
    from roadmap_reports.sources.fastschema import compile_check

    return compile_check(schema())


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def _describe(error) -> str:
    """A jsonschema error in the reader's language: its place (measures[4].id) and what is wrong."""
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    msg = _schema_message(error.validator, error.validator_value, error.instance, error)[:200]
    return f"{path}: {msg}" if path else msg


def _schema_message(validator: str, expected, value, error) -> str:
    """The common validators' messages through gettext; any other keeps jsonschema's English."""
    from roadmap_reports.i18n import ngettext

    if validator == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return ngettext("unknown key {keys}", "unknown keys {keys}", len(extra)).format(
            keys=", ".join(map(repr, extra)))
    if validator == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return _("{key} is missing").format(key=repr(missing[0]) if missing else error.message)
    if validator == "type":
        names = expected if isinstance(expected, list) else [expected]
        return _("must be {expected}, not {kind} {value!r}").format(
            expected=_(" or ").join(_type_name(n) for n in names), kind=_type_name(_json_type(value)), value=value)
    if validator == "const":
        return _("must be {expected!r}, not {value!r}").format(expected=expected, value=value)
    templates = {"minimum": N_("must be at least {expected}, not {value!r}"),
                 "maximum": N_("must be at most {expected}, not {value!r}"),
                 "minLength": N_("must not be empty (at least {expected} characters), not {value!r}"),
                 "minItems": N_("needs at least {expected} items, not {count}"),
                 "pattern": N_("{value!r} does not match the pattern {expected}"),
                 "format": N_("{value!r} is not a valid {expected}")}
    if validator in templates:
        count = len(value) if isinstance(value, (list, str)) else 0
        return _(templates[validator]).format(expected=expected, value=value, count=count)
    return error.message


#: JSON Schema's type names as a reader says them (YAML's words for the value read from the file).
_TYPE_NAMES = {"string": N_("a text"), "integer": N_("an integer"), "number": N_("a number"),
               "boolean": N_("true or false"), "array": N_("a list"), "object": N_("a mapping"),
               "null": N_("empty (null)")}


def _json_type(value) -> str:
    """The JSON Schema type of a value read from YAML or JSON."""
    for kind, types in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, types):
            return kind
    return "null" if value is None else type(value).__name__


def _type_name(kind: str) -> str:
    return _(_TYPE_NAMES[kind]) if kind in _TYPE_NAMES else kind


def validate_data(data, *, lines: LineMap | None = None, file=None) -> list[Problem]:
    """Check raw data (from YAML/JSON) against the JSON Schema; every problem located by `lines`."""
    file = str(file) if file is not None else None
    lines = lines or LineMap()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        return [Problem(_("a dataset must be a mapping with 'measures', not {kind}").format(kind=kind), file=file,
                        line=1, kind="schema")]
    data = dict(data)
    if isinstance(data.get("as_of"), _dt.date):  # YAML gives a date, JSON a string
        data["as_of"] = data["as_of"].isoformat()
    if data.get("schema_version") not in (None, 1, 2) and isinstance(data.get("schema_version"), int):
        return [Problem(_("schema_version {version} is not supported (this version reads 1 and 2)").format(
                            version=data["schema_version"]),
                        file=file, line=lines.top.get("schema_version"), kind="schema_version")]
    if data.get("schema_version", 1) == 1 and isinstance(data.get("measures"), list):
        with_actuals = [m for m in data["measures"] if isinstance(m, dict) and m.get("kpi_actuals")]
        if with_actuals:
            m = with_actuals[0]
            mid = m.get("id") if isinstance(m.get("id"), int) else None
            return [Problem(_("kpi_actuals needs schema_version 2 (the dataset says 1)"), file=file,
                            line=lines.measure(mid, "kpi_actuals"), measure=mid, kind="schema_version")]
    check = _fast_check()
    if check is not None and check(data):  # valid: no need for jsonschema's slower walk
        return []
    measures = data.get("measures") if isinstance(data.get("measures"), list) else []
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [_schema_problem(error, measures, lines, file) for error in errors]


def _schema_problem(error, measures: list, lines: LineMap, file) -> Problem:
    """One jsonschema error as a located problem: the measure's field, the top-level key, or line 1."""
    p = list(error.absolute_path)
    measure_id, line = None, None
    if len(p) >= 2 and p[0] == "measures" and isinstance(p[1], int):
        item = measures[p[1]] if p[1] < len(measures) else None
        mid = item.get("id") if isinstance(item, dict) else None
        measure_id = mid if isinstance(mid, int) and not isinstance(mid, bool) else None
        line = lines.item(p[1], p[2] if len(p) >= 3 else None)
    elif p:
        line = lines.top.get(p[0])
    elif error.validator in ("required", "additionalProperties"):
        line = 1  # a key missing from (or unknown at) the top of the file
    return Problem(_describe(error), file=file, line=line, measure=measure_id, kind="schema")


class _Report:
    """The problems of one roadmap, each located by the roadmap's line map."""

    def __init__(self, roadmap: Roadmap):
        self.roadmap = roadmap
        self.file = roadmap.source
        self.problems: list[Problem] = []
        self.section_ids = {s.id for s in roadmap.sections}
        self.subsection_of = {sub.id: s.id for s in roadmap.sections for sub in s.subsections}

    def add(self, template: str, measure_id: int | None = None, field_name: str | None = None, *,
            kind: str, line: int | None = None, **values) -> None:
        """Record a problem; located at the measure's field unless `line` is given. `template` is the English
        message with {named} `values` (a gettext msgid: validate shows it in the reader's language)."""
        if line is None and measure_id is not None:
            line = self.roadmap.line_of(measure_id, field_name)
        self.problems.append(Problem(template.format(**values), file=self.file, line=line, measure=measure_id,
                                     kind=kind, template=template, args=tuple(values.items())))


def validate(roadmap: Roadmap) -> list[Problem]:
    """Consistency checks on a loaded roadmap (the schema is checked by validate_data)."""
    report = _Report(roadmap)
    if len(report.section_ids) != len(roadmap.sections):
        report.add(N_("duplicate section ids"), kind="duplicate_section")
    _check_headings(report)
    by_id = _check_ids(report)
    for m in roadmap.measures:
        _check_place(report, m, by_id)
        _check_ministries(report, m)
        _check_texts(report, m)
    return report.problems


def _check_headings(report: _Report) -> None:
    """Texts outside the measures are printed too (title, section and subsection headings)."""
    roadmap = report.roadmap
    headings = [("title", N_("title contains control characters XML forbids ({codes})"), None, roadmap.title)]
    for s in roadmap.sections:
        headings.append(("sections", N_("title of section {id} contains control characters XML forbids ({codes})"),
                         s.id, s.title))
        headings.extend(("sections", N_("title of subsection {id} contains control characters XML forbids "
                                        "({codes})"), sub.id, sub.title) for sub in s.subsections)
    for key, template, ident, value in headings:
        bad = forbidden_characters(value)
        if bad:
            values = {"codes": codepoints(bad)} if ident is None else {"id": ident, "codes": codepoints(bad)}
            report.add(template, kind="forbidden_character", line=roadmap.line_of(None, key), **values)


def _check_ids(report: _Report) -> dict:
    """Report every repeated id (at the repeat's own line); the measures by id, first of each."""
    roadmap = report.roadmap
    by_id = {}
    for index, m in enumerate(roadmap.measures):
        if m.id in by_id:
            line = roadmap.lines.item(index, "id") if roadmap.lines else None
            report.add(N_("duplicate id {id} (also at line {other})"), m.id, kind="duplicate_id", line=line,
                       id=m.id, other=roadmap.line_of(m.id))
            continue
        by_id[m.id] = m
    return by_id


def _check_place(report: _Report, m, by_id: dict) -> None:
    """The section, the subsection and the repost target exist; a measure that is not a repost has text."""
    section_ids, subsection_of = report.section_ids, report.subsection_of
    if m.section not in section_ids:
        report.add(N_("unknown section {section!r} (sections: {known})"), m.id, "section", kind="unknown_section",
                   section=m.section, known=", ".join(sorted(section_ids)))
    if m.subsection is not None:
        if m.subsection not in subsection_of:
            report.add(N_("unknown subsection {subsection!r}"), m.id, "subsection", kind="unknown_subsection",
                       subsection=m.subsection)
        elif subsection_of[m.subsection] != m.section:
            report.add(N_("subsection {subsection!r} is not in section {section!r}"), m.id, "subsection",
                       kind="unknown_subsection", subsection=m.subsection, section=m.section)
    if m.repost_of is not None:
        target = by_id.get(m.repost_of)
        if m.repost_of == m.id:
            report.add(N_("repost_of points to itself"), m.id, "repost_of", kind="repost")
        elif target is None:
            report.add(N_("repost_of {target} points to a missing measure"), m.id, "repost_of", kind="repost",
                       target=m.repost_of)
        elif target.repost_of is not None:
            report.add(N_("repost_of {target} points to another repost (of {other})"), m.id, "repost_of",
                       kind="repost", target=m.repost_of, other=target.repost_of)
    else:
        if not m.initiative.strip():
            report.add(N_("initiative is empty"), m.id, "initiative", kind="empty")
        if not m.ministries:
            report.add(N_("no ministry (担当省庁)"), m.id, "ministries", kind="empty")


def _check_ministries(report: _Report, m) -> None:
    """Every ministry is in the registry under its canonical name, once; status parts name them."""
    from roadmap_reports.ministries import lookup, suggest

    for name in m.ministries:
        found = lookup(name)
        if found is None:
            hint = suggest(name)
            if hint:
                report.add(N_("unknown ministry {name!r} (did you mean {hint}?)"), m.id, "ministries",
                           kind="unknown_ministry", name=name, hint=hint)
            else:
                report.add(N_("unknown ministry {name!r} (declare it with --ministries or a ministries.yaml "
                              "beside the dataset)"), m.id, "ministries", kind="unknown_ministry", name=name)
        elif found.name != name:
            report.add(N_("ministry {name!r} is not the canonical name (use {canonical})"), m.id, "ministries",
                       kind="unknown_ministry", name=name, canonical=found.name)
    if len(set(m.ministries)) != len(m.ministries):
        report.add(N_("a ministry is listed twice"), m.id, "ministries", kind="duplicate_ministry")
    for key in m.status_by_ministry:
        if key not in m.ministries:
            report.add(N_("status_by_ministry names {name!r}, which is not one of the measure's ministries"), m.id,
                       "status_by_ministry", kind="unknown_ministry", name=key)


def _check_texts(report: _Report, m) -> None:
    """Every text can be written to a workbook: no XML-forbidden character, no more than a cell holds."""
    texts = (("initiative", m.initiative), ("status", m.status), *(("kpis", k) for k in m.kpis),
             *(("status_by_ministry", v) for v in m.status_by_ministry.values()))
    for field_name, value in texts:
        bad = forbidden_characters(value)
        if bad:
            report.add(N_("{field} contains control characters XML forbids ({codes})"), m.id, field_name,
                       kind="forbidden_character", field=field_name, codes=codepoints(bad))
        if len(value) > CELL_MAX_CHARS:
            report.add(N_("{field} is {length:,} characters, more than an Excel cell holds ({limit:,})"), m.id,
                       field_name, kind="too_long", field=field_name, length=len(value), limit=CELL_MAX_CHARS)
    joined = sum(map(len, m.kpis)) + len(m.kpis) - 1  # the KPI cell holds every item, one a line
    if len(m.kpis) > 1 and joined > CELL_MAX_CHARS:
        report.add(N_("kpis together are {length:,} characters, more than an Excel cell holds ({limit:,})"), m.id,
                   "kpis", kind="too_long", length=joined, limit=CELL_MAX_CHARS)
