"""The collect report: terminal text, Markdown and JSON from one CollectResult (the workbook form is in
render/xlsx/collect_report.py; the parts and their Japanese labels in render/collect_view.py), and
`write_report`, which writes the format a file's suffix names through the renderer registry (subject
"collect").

The terminal text speaks the reader's language (gettext); the Markdown and the JSON's messages are Japanese,
for the secretariat, with English keys and finding ids for machines. All three follow the same order:
回答状況, then the changes only (unchanged answers counted), then the problems."""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_reports.render.collect_view import EMPTY_TEXT, UNKNOWN_MINISTRY, collect_view
from roadmap_reports.render.markdown import escape, marked
from roadmap_reports.rounds.collect import Change, CollectResult


def _ids(changes: list[Change]) -> str:
    """Measure numbers grouped by ministry: `文部科学省 1, 39; 法務省 39`."""
    groups: dict[str, list[str]] = {}
    for c in changes:
        groups.setdefault(c.ministry, []).append(str(c.measure))
    from roadmap_reports.ministries import sort_key

    return "; ".join(f"{name} {', '.join(groups[name])}" for name in sorted(groups, key=sort_key)) or "-"


# --- JSON ---------------------------------------------------------------------------------------
def _plain(value):
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def report_dict(result: CollectResult) -> dict:
    """The report as plain data (the JSON form): English keys and ids, Japanese messages."""
    view = collect_view(result)
    return {
        "base": {"title": result.base.title, "fiscal_year": result.base.fiscal_year},
        "fiscal_year": result.fiscal_year,
        "responses": [{"ministry": r.ministry, "code": r.code, "state": r.state, "files": list(r.files),
                       "updated": r.updated, "left_empty": r.left_empty, "kpi_proposals": r.kpi_proposals,
                       "conflicts": r.conflicts, "unchanged": r.unchanged, "problems": r.problems}
                      for r in view.responses],
        "changes": [{"kind": c.kind, "measure": c.measure, "ministry": c.ministry, "file": c.file, "place": c.place,
                     "old": c.old, "new": c.new} for c in view.changes],
        "unchanged": {"count": view.unchanged,
                      "measures": [{"measure": c.measure, "ministry": c.ministry} for c in result.unchanged]},
        "findings": [{"id": f.code or f.kind, "kind": f.kind, "severity": f.severity, "file": Path(f.file).name
                      if f.file else None, "place": f.place, "measure": f.measure,
                      "params": {k: _plain(v) for k, v in f.args}, "message": f.message_in("ja"),
                      "message_en": f.message} for f in result.findings],
        "files": [{"file": str(r.path), "ministry": result.ministry_of(r),
                   "result": "rejected" if r.rejected else "accepted"} for r in result.returns],
        "returned": result.returned,
        "missing": result.missing,
    }


def render_json(result: CollectResult) -> str:
    """The report as JSON (English keys; see `report_dict`)."""
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"


# --- the terminal -------------------------------------------------------------------------------
def reader_year(fiscal_year: int, lang: str | None = None) -> str:
    """A fiscal year as the reader says it: 令和５年度 in Japanese, FY2023 in English."""
    from roadmap_reports.i18n import language
    from roadmap_reports.japanese.calendar import year_label

    return year_label(fiscal_year) if (lang or language()) == "ja" else f"FY{fiscal_year}"


def _catalog(lang: str | None):
    """(gettext, ngettext) of a language (by default the reader's)."""
    from roadmap_reports.i18n import language, translations

    t = translations(lang or language())
    return t.gettext, t.ngettext


def _conflict_line(c, lang=None) -> str:
    _, _n = _catalog(lang)

    parts = "; ".join(f"{m} ({Path(f).name}:{p}): {t!r}" for m, f, p, t in c.texts)
    return _("measure {measure}: different texts for one untagged status, last year's text kept — {texts}").format(
        measure=c.measure, texts=parts)


def _head(result: CollectResult, lang=None) -> list[str]:
    _, ngettext = _catalog(lang)

    n = len(result.returns)
    out = [ngettext("Collected {n} workbook for {year} (base: {base}): {accepted} accepted, {rejected} rejected.",
                    "Collected {n} workbooks for {year} (base: {base}): {accepted} accepted, {rejected} rejected.",
                    n).format(n=n, year=reader_year(result.fiscal_year, lang), base=reader_year(result.base.fiscal_year, lang),
                              accepted=len(result.accepted), rejected=len(result.rejected))]
    returned = _("Returned: {n} of {total} ministries").format(n=len(result.returned), total=len(result.expected))
    out.append(returned + (f" ({', '.join(result.returned)})" if result.returned else ""))
    if result.missing:
        out.append(_("Missing: {names} (last year's text kept for their measures)").format(
            names=", ".join(result.missing)))
    return out


def render_text(result: CollectResult, *, lang: str | None = None) -> str:
    """What `collect` prints: counts, every problem on one located line, the lists of measures — in `lang`
    (by default the reader's language; a report file is written in Japanese, `write_report`)."""
    _, _n = _catalog(lang)
    out = _head(result, lang)
    for ret in result.rejected:
        out.append(_("REJECTED {file} (nothing merged from it):").format(file=ret.path))
        out.extend(f"  {f.line_in(lang)}" for f in ret.findings if f.severity == "error")
    warnings = [f for f in result.findings if f.severity == "warning"]
    if warnings:
        out.append(_("Warnings:"))
        out.extend(f"  {f.line_in(lang)}" for f in warnings)
    if result.conflicts:
        out.append(_("CONFLICTS ({n}):").format(n=len(result.conflicts)))
        out.extend(f"  {_conflict_line(c, lang)}" for c in result.conflicts)
    out.append(_("Updated: {n} — {measures}").format(n=len(result.updated), measures=_ids(result.updated)))
    out.append(_("Left empty: {n} — {measures}").format(n=len(result.left_empty), measures=_ids(result.left_empty)))
    out.append(_("Unchanged from last year (stalled candidates): {n} — {measures}").format(
        n=len(result.unchanged), measures=_ids(result.unchanged)))
    if result.kpi_proposals:
        out.append(_("KPI change proposals (kept as kpi_proposal, not applied): {measures}").format(
            measures=_ids(result.kpi_proposals)))
    if result.remarks:
        out.append(_("Remarks:"))
        out.extend("  " + _("measure {measure} ({ministry}): {text}").format(measure=c.measure, ministry=c.ministry,
                                                                               text=c.new) for c in result.remarks)
    return "\n".join(out) + "\n"


# --- Markdown -----------------------------------------------------------------------------------
def render_markdown(result: CollectResult) -> str:
    """The report as Markdown, in Japanese: 回答状況, 変更内容 (changes only), 問題."""
    view = collect_view(result)
    states = [r.label for r in view.responses if r.ministry != UNKNOWN_MINISTRY]
    lines = [f"# {view.title}", "",
             f"- 基準データ：{escape(view.base_title)}（{view.base_year}）",
             f"- 受付ファイル：{view.files}件（受理 {view.accepted}件、不受理 {view.rejected}件）",
             f"- 照会先：{len(states)}省庁（受領 {states.count('受領')}、不受理 {states.count('不受理')}、"
             f"未回答 {states.count('未回答')}）", "",
             "## 回答状況", "", "| 省庁 | 回答状況 | ファイル | 更新 | 空欄 | KPI変更案 | 競合 | 前年度と同文 | 問題 |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in view.responses:
        state = f"**{r.label}**" if r.state != "returned" else r.label
        lines.append(f"| {escape(r.ministry)} | {state} | {'<br>'.join(escape(f) for f in r.files) or '－'} | {r.updated} | "
                     f"{r.left_empty} | {r.kpi_proposals} | {r.conflicts} | {r.unchanged} | {r.problems} |")
    lines += ["", f"## 変更内容（{len(view.changes)}件）", ""]
    if view.changes:
        lines += ["変更された語句は太字、前年度と同じ文は（略）。", "", "| 施策番号 | 省庁 | 区分 | 前年度 | 今年度の記入 | セル |",
                  "|---:|---|---|---|---|---|"]
        for c in view.changes:
            old, new = c.segments()
            lines.append(f"| {c.measure} | {escape(c.ministry)} | {c.label} | {marked(old) or '－'} | "
                         f"{marked(new) or escape(EMPTY_TEXT)} | {escape(c.file)}:{escape(c.place)} |")
    else:
        lines.append("（変更はありません）")
    lines += ["", f"前年度と同文の回答：{view.unchanged}件（一覧は省略）", "", f"## 問題（{len(view.problems)}件）", ""]
    if view.problems:
        lines += ["| ファイル | 省庁 | 場所 | 施策番号 | 区分 | 内容 |", "|---|---|---|---:|---|---|"]
        lines += [f"| {escape(p.file)} | {escape(p.ministry)} | {escape(p.place)} | {p.measure or ''} | {p.label} | "
                  f"{escape(p.message)} |" for p in view.problems]
    else:
        lines.append("（問題はありません）")
    return "\n".join(lines) + "\n"


# --- writing a file -----------------------------------------------------------------------------
#: a report file's suffix → its format in the renderer registry (subject "collect")
REPORT_SUFFIXES = {".xlsx": "xlsx", ".md": "md", ".markdown": "md", ".json": "json", ".txt": "text",
                   ".text": "text"}


def report_format(path) -> str:
    """The registry format a report file's suffix names; a UsageError for an unknown one."""
    from roadmap_reports.errors import UsageError

    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise UsageError(f"unknown report format {suffix or '(no extension)'!r}; use .xlsx, .md, .json or .txt",
                         file=path)
    return REPORT_SUFFIXES[suffix]


def write_report(result: CollectResult, path, *, paper: str = "A4") -> None:
    """Write the report in the format its suffix names (.xlsx, .md, .json, .txt), atomically."""
    from roadmap_reports.io.files import write_text_atomic
    from roadmap_reports.render import registry

    renderer = registry.get("collect", report_format(path))
    if renderer.writes_file:
        renderer(result, path, paper=paper)
    else:  # a file is for the secretariat: Japanese, whatever the locale (the same bytes everywhere)
        write_text_atomic(path, renderer(result, paper=paper, lang="ja"), encoding=renderer.encoding)
