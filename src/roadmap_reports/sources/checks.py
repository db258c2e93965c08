"""Schema and consistency checks. Every problem is one located line: file:line: measure N: message."""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from roadmap_reports.model import Roadmap

MAX_FIELD_CHARS = 32_767  # what one Excel cell holds


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    line: int | None = None
    measure: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        parts = [where] if where else []
        if self.measure is not None:
            parts.append(f"measure {self.measure}")
        parts.append(self.message)
        return ": ".join(parts)


@lru_cache(maxsize=1)
def schema() -> dict:
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
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    validator = error.validator
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        msg = f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}"
    elif validator == "required":
        msg = error.message.replace("is a required property", "is missing")
    elif validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        msg = f"must be {expected}, not {type(error.instance).__name__} {error.instance!r}"[:200]
    elif validator == "const":
        msg = f"must be {error.validator_value!r}, not {error.instance!r}"
    else:
        msg = error.message[:200]
    return f"{path}: {msg}" if path else msg


def validate_data(data, *, lines: dict | None = None, file=None) -> list[Problem]:
    """Check raw data (from YAML/JSON) against the JSON Schema."""
    file = str(file) if file is not None else None
    lines = lines or {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        return [Problem(f"a dataset must be a mapping with 'measures', not {kind}", file, 1)]
    data = dict(data)
    if isinstance(data.get("as_of"), _dt.date):  # YAML gives a date, JSON a string
        data["as_of"] = data["as_of"].isoformat()
    if data.get("schema_version") not in (None, 1, 2) and isinstance(data.get("schema_version"), int):
        return [Problem(f"schema_version {data['schema_version']} is not supported (this version reads 1 and 2)",
                        file, lines.get((None, "schema_version")))]
    if data.get("schema_version", 1) == 1 and isinstance(data.get("measures"), list):
        with_actuals = [m for m in data["measures"] if isinstance(m, dict) and m.get("kpi_actuals")]
        if with_actuals:
            m = with_actuals[0]
            return [Problem("kpi_actuals needs schema_version 2 (the dataset says 1)", file,
                            lines.get((m.get("id"), "kpi_actuals")), measure=m.get("id"))]
    check = _fast_check()
    if check is not None and check(data):  # valid: no need for jsonschema's slower walk
        return []

    validator = _validator()
    problems = []
    measures = data.get("measures") if isinstance(data.get("measures"), list) else []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        p = list(error.absolute_path)
        measure_id, line = None, None
        if len(p) >= 2 and p[0] == "measures" and isinstance(p[1], int):
            item = measures[p[1]] if p[1] < len(measures) else None
            mid = item.get("id") if isinstance(item, dict) else None
            measure_id = mid if isinstance(mid, int) and not isinstance(mid, bool) else None
            field = p[2] if len(p) >= 3 else None
            line = lines.get((("#", p[1]), field)) or lines.get((("#", p[1]), None))
        elif p:
            line = lines.get((None, p[0]))
        elif error.validator in ("required", "additionalProperties"):
            line = 1  # a key missing from (or unknown at) the top of the file
        problems.append(Problem(_describe(error), file, line, measure_id))
    return problems


def _codes(chars) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


def validate(roadmap: Roadmap) -> list[Problem]:
    """Consistency checks on a loaded roadmap (the schema is checked by validate_data)."""
    from roadmap_reports.ministries import lookup, suggest

    file = roadmap.source
    problems: list[Problem] = []

    def add(msg, mid=None, field=None):
        problems.append(Problem(msg, file, roadmap.line_of(mid, field) if mid is not None else None, mid))

    section_ids = {s.id for s in roadmap.sections}
    subsection_of = {sub.id: s.id for s in roadmap.sections for sub in s.subsections}
    if len(section_ids) != len(roadmap.sections):
        add("duplicate section ids")
    # Texts outside the measures are printed too (title, section and subsection headings).
    headings = [("title", "title", roadmap.title)]
    for s in roadmap.sections:
        headings.append(("sections", f"title of section {s.id}", s.title))
        headings.extend(("sections", f"title of subsection {sub.id}", sub.title) for sub in s.subsections)
    for key, what, value in headings:
        bad = _forbidden_chars(value)
        if bad:
            problems.append(Problem(f"{what} contains control characters XML forbids "
                                    f"({_codes(bad)})", file,
                                    roadmap.lines.get((None, key))))
    seen: dict[int, int] = {}
    by_id = {}
    for index, m in enumerate(roadmap.measures):
        if m.id in seen:
            problems.append(Problem(f"duplicate id {m.id} (also at line {roadmap.line_of(m.id)})", file,
                                    roadmap.lines.get((("#", index), "id")) or roadmap.lines.get((("#", index), None)),
                                    m.id))
            continue
        seen[m.id] = index
        by_id[m.id] = m
    for m in roadmap.measures:
        if m.section not in section_ids:
            add(f"unknown section {m.section!r} (sections: {', '.join(sorted(section_ids))})", m.id, "section")
        if m.subsection is not None:
            if m.subsection not in subsection_of:
                add(f"unknown subsection {m.subsection!r}", m.id, "subsection")
            elif subsection_of[m.subsection] != m.section:
                add(f"subsection {m.subsection!r} is not in section {m.section!r}", m.id, "subsection")
        if m.repost_of is not None:
            target = by_id.get(m.repost_of)
            if m.repost_of == m.id:
                add(f"repost_of points to itself", m.id, "repost_of")
            elif target is None:
                add(f"repost_of {m.repost_of} points to a missing measure", m.id, "repost_of")
            elif target.repost_of is not None:
                add(f"repost_of {m.repost_of} points to another repost (of {target.repost_of})", m.id, "repost_of")
        else:
            if not m.initiative.strip():
                add("initiative is empty", m.id, "initiative")
            if not m.ministries:
                add("no ministry (担当省庁)", m.id, "ministries")
        for name in m.ministries:
            if lookup(name) is None:
                hint = suggest(name)
                add(f"unknown ministry {name!r}" + (f" (did you mean {hint}?)" if hint else ""), m.id, "ministries")
            elif lookup(name).name != name:
                add(f"ministry {name!r} is not the canonical name (use {lookup(name).name})", m.id, "ministries")
        if len(set(m.ministries)) != len(m.ministries):
            add("a ministry is listed twice", m.id, "ministries")
        for key in m.status_by_ministry:
            if key not in m.ministries:
                add(f"status_by_ministry names {key!r}, which is not one of the measure's ministries", m.id,
                    "status_by_ministry")
        for field, value in (("initiative", m.initiative), ("status", m.status), *(("kpis", k) for k in m.kpis),
                             *(("status_by_ministry", v) for v in m.status_by_ministry.values())):
            bad = _forbidden_chars(value)
            if bad:
                add(f"{field} contains control characters XML forbids ({_codes(bad)})",
                    m.id, field)
            if len(value) > MAX_FIELD_CHARS:
                add(f"{field} is {len(value):,} characters, more than an Excel cell holds ({MAX_FIELD_CHARS:,})",
                    m.id, field)
        joined = sum(map(len, m.kpis)) + len(m.kpis) - 1  # the KPI cell holds every item, one a line
        if len(m.kpis) > 1 and joined > MAX_FIELD_CHARS:
            add(f"kpis together are {joined:,} characters, more than an Excel cell holds ({MAX_FIELD_CHARS:,})",
                m.id, "kpis")
    return problems


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _forbidden_chars(text: str) -> list[str]:
    """Characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF), first seen first."""
    return list(dict.fromkeys(_FORBIDDEN.findall(text)))
