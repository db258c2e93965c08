"""The open-data package's tables, long and flat: one fact per cell, the Western fiscal year in its own
column, keys that join (fiscal_year, measure_id). Each table is a list of fields (name, Table Schema
type, description) and rows of plain values; the CSV, JSON, SQLite and datapackage.json writers all
read these definitions, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.compare.result import FLAG_LABELS
from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.render.progress_seam import VERDICT_LABELS

# KPI comparators as machines read them (the kpi command's JSON contract uses the same codes).
COMPARATOR_CODES = {"以上": ">=", "以下": "<=", "超": ">", "未満": "<", "以内": "<=", "増加": "increase",
                    "減少": "decrease"}

MEASURE_KEY = ["fiscal_year", "measure_id"]


@dataclass
class Table:
    """One table of the package: its fields (name, Table Schema type, description), keys and rows."""

    name: str
    title: str
    description: str
    fields: list[tuple[str, str, str]]          # (name, type, description)
    primary_key: list[str]
    foreign_keys: list[dict] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    required: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [f[0] for f in self.fields]


def _measure_fk(local=("fiscal_year", "measure_id")) -> dict:
    return {"fields": list(local), "reference": {"resource": "measures", "fields": MEASURE_KEY}}


def _line_fk() -> dict:
    return {"fields": ["line"], "reference": {"resource": "lines", "fields": ["line"]}}


def lines_table(pub) -> Table:
    """`lines`: each measure followed through the years, by its site address."""
    t = Table("lines", "施策の系譜", "One row per measure followed through the years (the diff's pairing keeps a "
              "renumbered measure one line); the line is its address on the site, measures/LINE.html.", [
        ("line", "string", "The line's address: its number in the first year it appears (N-YEAR if taken)"),
        ("first_fiscal_year", "integer", "The first fiscal year it appears in, Western"),
        ("first_measure_id", "integer", "Its 施策番号 that year"),
        ("last_fiscal_year", "integer", "The last fiscal year it appears in"),
        ("last_measure_id", "integer", "Its 施策番号 that year"),
        ("years", "integer", "How many of the years published it appears in"),
    ], ["line"], required=("line", "first_fiscal_year", "first_measure_id", "last_fiscal_year", "last_measure_id"))
    for line in pub.lines:
        (ffy, fid), *_rest = line.numbers()
        lfy, lid = line.numbers()[-1]
        t.rows.append([line.slug, ffy, fid, lfy, lid, len(line.measures)])
    return t


def measures_table(pub) -> Table:
    """`measures`: one row per measure and fiscal year, texts as published."""
    t = Table("measures", "施策（年度別）", "One row per measure and fiscal year, texts exactly as published.", [
        ("fiscal_year", "integer", "Fiscal year (April to March), Western: 2022 = 令和４年度"),
        ("fiscal_year_label", "string", "The fiscal year as the report names it (令和４年度)"),
        ("measure_id", "integer", "施策番号 in that year's report"),
        ("line", "string", "The measure through the years: its address on the site (measures/LINE.html)"),
        ("section", "string", "Section id"), ("section_title", "string", "Section title as published"),
        ("subsection", "string", "Subsection id"), ("subsection_title", "string", "Subsection title"),
        ("initiative", "string", "具体的取組, as published"),
        ("status", "string", "実施状況, as published"),
        ("repost_of", "integer", "再掲: the measure number this row repeats, in the same year"),
        ("kpi_count", "integer", "Number of KPI items"),
        ("illustrative", "boolean", "true for the illustrative sample datasets (【例示】), not official figures"),
    ], MEASURE_KEY, [_line_fk()], required=("fiscal_year", "measure_id", "line", "section", "illustrative"))
    for year in pub.years:
        rm = year.roadmap
        for m in rm.measures:
            sec, sub = rm.section(m.section), rm.subsection(m.subsection)
            t.rows.append([rm.fiscal_year, year_label(rm.fiscal_year), m.id, pub.line_of(rm.fiscal_year, m.id).slug,
                           m.section, sec.title if sec else None, m.subsection, sub.title if sub else None,
                           m.initiative, m.status, m.repost_of, len(m.kpis), year.illustrative])
    return t


def ministries_table(pub) -> Table:
    """`measure_ministries`: one row per measure, year and ministry in charge."""
    from roadmap_reports.ministries import lookup

    t = Table("measure_ministries", "施策の担当府省庁", "One row per measure, fiscal year and ministry in charge.", [
        ("fiscal_year", "integer", "Fiscal year, Western"), ("measure_id", "integer", "施策番号"),
        ("ministry", "string", "Ministry as printed in the report"),
        ("ministry_code", "string", "Short code (MEXT, MOJ …), the site's ministries/CODE.html"),
        ("ministry_english", "string", "English name"),
        ("via_repost", "boolean", "true when the ministry is in charge through the measure a 再掲 repeats"),
        ("own_status", "string", "The ministry's own 【省】-tagged part of the status, when the report tags it"),
    ], ["fiscal_year", "measure_id", "ministry"], [_measure_fk()],
        required=("fiscal_year", "measure_id", "ministry", "via_repost"))
    for year in pub.years:
        rm = year.roadmap
        for m in rm.measures:
            for name in rm.owners(m):
                mi = lookup(name)
                t.rows.append([rm.fiscal_year, m.id, name, mi.code if mi else None, mi.english if mi else None,
                               m.is_repost, m.status_by_ministry.get(name)])
    return t


def kpis_table(pub) -> Table:
    """`kpis`: one row per KPI item, measure and year, with the target its text states and the verdict."""
    from roadmap_reports.japanese.kpi import parse_kpi

    t = Table("kpis", "KPI", "One row per KPI item, measure and fiscal year; the target as the text states it. "
              "type, verdict and reason come from the KPI progress of the latest year (empty without it).", [
        ("fiscal_year", "integer", "Fiscal year, Western"), ("measure_id", "integer", "施策番号"),
        ("kpi_index", "integer", "Position of the item in the measure's KPI list, from 0 (as the kpi command's JSON)"),
        ("kpi", "string", "The KPI text, as published"),
        ("target_value", "number", "The numeric target the text states"),
        ("target_unit", "string", "Its unit, normalised (% for ％)"),
        ("target_comparator", "string", ">=, <=, >, <, increase or decrease"),
        ("deadline_fy", "integer", "The fiscal year the target is due, Western"),
        ("type", "string", "KPI type (kpi command)"), ("verdict", "string", "achieved, on_track, behind, unknown, revised"),
        ("verdict_label", "string", "The verdict in Japanese (達成, 順調, 遅れ, 判定不能, 見直し)"),
        ("reason", "string", "Why the verdict, in words"),
    ], ["fiscal_year", "measure_id", "kpi_index"], [_measure_fk()],
        required=("fiscal_year", "measure_id", "kpi_index", "kpi"))
    latest = pub.latest.fiscal_year
    judged = {(i["measure"], i["kpi_index"]): i for items in pub.kpi_by_measure.values() for i in items}
    for year in pub.years:
        for m in year.roadmap.measures:
            for k, text in enumerate(m.kpis):
                target = parse_kpi(text)
                item = judged.get((m.id, k)) if year.fiscal_year == latest else None
                verdict = item.get("verdict") if item else None
                t.rows.append([year.fiscal_year, m.id, k, text, target.value, target.unit,
                               COMPARATOR_CODES.get(target.comparator or ""), target.deadline_fy,
                               item.get("type") if item else None, verdict, VERDICT_LABELS.get(verdict),
                               item.get("reason") if item else None])
    return t


def actuals_table(pub) -> Table:
    """`kpi_actuals`: one row per actual of a latest-year KPI item, with its quote (KPI progress only)."""
    t = Table("kpi_actuals", "KPI の実績値", "One row per actual figure the statuses report for a KPI item of the "
              "latest year, with the exact quote it was read from (empty without the KPI progress).", [
        ("fiscal_year", "integer", "Fiscal year of the KPI item's numbering (the latest year), Western"),
        ("measure_id", "integer", "施策番号"), ("kpi_index", "integer", "KPI item, from 0"),
        ("actual_index", "integer", "Position in the item's series, from 0"),
        ("value", "number", "The figure"), ("unit", "string", "Its unit, normalised"),
        ("as_of_fy", "integer", "The fiscal year the figure refers to, Western"),
        ("quote", "string", "The words of the status the figure was read from, exactly (empty: not in a status)"),
        ("report_fiscal_year", "integer", "The fiscal year of the report whose status holds the quote, Western"),
        ("source", "string", "How the figure was had: extracted (from the status, not reviewed), confirmed, "
                             "corrected or added by a review file, workbook (the 照会票's typed cells)"),
        ("citation", "string", "出典 of a figure not in the status (a review's or the 照会票's)"),
    ], ["fiscal_year", "measure_id", "kpi_index", "actual_index"],
        [{"fields": ["fiscal_year", "measure_id", "kpi_index"],
          "reference": {"resource": "kpis", "fields": ["fiscal_year", "measure_id", "kpi_index"]}}],
        required=("fiscal_year", "measure_id", "kpi_index", "actual_index", "value", "source"))
    fy = pub.latest.fiscal_year
    for _measure, items in sorted(pub.kpi_by_measure.items()):
        for item in items:
            for n, a in enumerate(item.get("actuals") or []):
                t.rows.append([fy, item["measure"], item["kpi_index"], n, a.get("value"), a.get("unit"),
                               a.get("as_of_fy"), a.get("quote"), a.get("report_fy"), a.get("source"),
                               a.get("citation")])
    return t


def changes_table(pub) -> Table:
    """`changes`: one row per flag of the diff of each pair of consecutive years."""
    t = Table("changes", "年度間の変更", "One row per flag of the diff between consecutive years.", [
        ("old_fiscal_year", "integer", "The earlier year, Western"), ("new_fiscal_year", "integer", "The later year"),
        ("line", "string", "The measure through the years (measures/LINE.html)"),
        ("old_measure_id", "integer", "施策番号 in the earlier year (empty: new)"),
        ("new_measure_id", "integer", "施策番号 in the later year (empty: removed)"),
        ("flag", "string", "What changed: " + ", ".join(FLAG_LABELS)),
        ("flag_label", "string", "The flag in Japanese"),
    ], ["old_fiscal_year", "new_fiscal_year", "line", "flag"],
        [_line_fk()],
        required=("old_fiscal_year", "new_fiscal_year", "line", "flag", "flag_label"))
    for result in pub.diffs:
        ofy, nfy = result.old.fiscal_year, result.new.fiscal_year
        for e in result.measures:
            line = pub.line_of(nfy, e.new_id) if e.new_id is not None else pub.line_of(ofy, e.old_id)
            for flag in e.flags:
                t.rows.append([ofy, nfy, line.slug, e.old_id, e.new_id, flag, FLAG_LABELS[flag]])
    return t


TABLES = (lines_table, measures_table, ministries_table, kpis_table, actuals_table, changes_table)


def tables(pub) -> list[Table]:
    """Every table of the package, in the order datapackage.json lists them. An empty text (a repost's
    initiative) is a missing value everywhere: an empty CSV cell, null in JSON, NULL in SQLite."""
    made = [make(pub) for make in TABLES]
    for t in made:
        t.rows = [[None if v == "" else v for v in row] for row in t.rows]
    return made
