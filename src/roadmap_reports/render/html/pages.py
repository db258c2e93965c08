"""What each page of the site says, as plain values for the templates: the home page, one page per
measure (its line through the years), per ministry, per pair of consecutive years (changes), the list
of all measures and the search page. No HTML here but the marks of marks.py."""

from __future__ import annotations

from roadmap_reports.compare.result import FLAG_LABELS, FLAGS
from roadmap_reports.japanese.calendar import as_of_label, year_label
from roadmap_reports.render.html.marks import chart, inline_diff, number
from roadmap_reports.render.html.search import short
from roadmap_reports.render.progress_seam import QUALIFIER_WORDS, SOURCE_LABELS, VERDICT_LABELS, VERDICT_MARKS

VERDICTS = tuple(VERDICT_LABELS)
# A status less similar than this to last year's was rewritten: marking every character of it as deleted and
# inserted says nothing a reader can use (and costs the most), so the page says so and shows both years' texts.
REWRITTEN_BELOW = 0.5
COMPARATOR_WORDS = {">=": "以上", "<=": "以下", ">": "超", "<": "未満", "=": "", "increase": "増加",
                    "decrease": "減少"}


def ministry_ref(name: str) -> dict:
    """A ministry as a page names it: its name and registry code (the address ministries/CODE.html)."""
    from roadmap_reports.ministries import lookup

    m = lookup(name)
    return {"name": name, "code": m.code if m else None}


def years_and_numbers(line) -> str:
    """令和４年度・令和５年度 when the number stayed; 令和４年度 68、令和５年度 69 when it changed."""
    numbers = line.numbers()
    if len({i for _y, i in numbers}) == 1:
        return "・".join(year_label(y) for y, _i in numbers)
    return "、".join(f"{year_label(y)} {i}" for y, i in numbers)


def initiative_of(pub, fiscal_year: int, m) -> str:
    """The initiative to list a measure by: a repost (再掲) has none of its own, so the one it repeats."""
    if m.initiative or not m.is_repost:
        return m.initiative
    target = pub.year(fiscal_year).roadmap.target(m)
    return f"（施策{m.repost_of}の再掲）{target.initiative}"


def changes_slug(result) -> str:
    """The changes page's name: 2022-2023."""
    return f"{result.old.fiscal_year}-{result.new.fiscal_year}"


def _line_link(pub, fiscal_year: int, measure_id: int | None) -> str | None:
    line = pub.line_of(fiscal_year, measure_id) if measure_id is not None else None
    return line.slug if line else None


def _year_block(pub, line, year) -> dict:
    fy = year.fiscal_year
    m = line.measures.get(fy)
    entry = line.diffs.get(fy)
    block = {"year": year, "measure": m, "entry": entry, "changes": [], "flags": [],
             "was": entry.old_id if entry is not None and entry.old_id not in (None, entry.new_id) else None}
    if entry is not None:
        block["flags"] = [FLAG_LABELS[f] for f in entry.flags]
        block["changes"] = _changes(pub, entry)
    if m is None:
        return block
    rm = year.roadmap
    sec, sub = rm.section(m.section), rm.subsection(m.subsection)
    block.update(section=sec.title if sec else m.section, subsection=sub.title if sub else None,
                 owners=[ministry_ref(n) for n in rm.owners(m)],
                 repost=_line_link(pub, fy, m.repost_of) if m.is_repost else None,
                 tagged=[(ministry_ref(k), v) for k, v in m.status_by_ministry.items()])
    return block


def _changes(pub, entry) -> list[dict]:
    """The differences to show with their marks: (what, inline diff or words)."""
    o, n = entry.old, entry.new
    out = []
    if o is None or n is None:
        return out
    if "initiative_changed" in entry.flags:
        out.append({"what": "具体的取組", "diff": inline_diff(o.initiative, n.initiative)})
    for r in entry.kpi_revisions:
        label = FLAG_LABELS[f"kpi_{r.kind}"]  # kpi_revised, kpi_text_changed, kpi_added, kpi_removed
        out.append({"what": label, "diff": inline_diff(r.old_text or "", r.new_text or "")})
    if "ministry_changed" in entry.flags:
        out.append({"what": "担当府省庁", "text": f"{'、'.join(o.ministries)} → {'、'.join(n.ministries)}"})
    if "repost_changed" in entry.flags:
        out.append({"what": "再掲", "text": f"施策{o.repost_of}の再掲 → 施策{n.repost_of}の再掲"})
    for part in entry.status_parts:
        who = f"（{part.ministry}）" if part.ministry else ""
        if part.changed and not part.stalled and part.similarity < REWRITTEN_BELOW:
            out.append({"what": f"実施状況{who}", "text": f"大きく書き換えられています（類似度 {part.similarity:.2f}）。"
                                                        "前年度の本文は前年度の欄にあります。"})
        elif part.changed and not part.stalled:
            out.append({"what": f"実施状況{who}", "diff": inline_diff(part.old, part.new)})
        elif part.stalled:
            out.append({"what": f"実施状況{who}",
                        "text": f"前年度とほぼ同じです（類似度 {part.similarity:.2f}）。"})
    return out


def actual_row(a: dict) -> dict:
    """One actual as its table row says it, in Japanese: 時点 (推定 when the report's year was assumed), the
    figure (約14,000人; 379万人超 → 3,790,000人超), the quote (None when the figure is not in a status) and
    出典: the report whose status holds the quote (`report_fy`), or the reviewer's or the 照会票's citation, with how the
    figure was had (自動抽出・未確認, 確認済み, 確認時に修正, 確認時に追加, 照会票の回答)."""
    when = f"{year_label(a['as_of_fy'])}{'（推定）' if a.get('as_of_assumed') else ''}" if a.get("as_of_fy") \
        else "時点不明"
    before, after = QUALIFIER_WORDS.get(a.get("qualifier"), ("", ""))
    value = f"{before}{number(a['value'])}{a.get('unit') or ''}{after}" if a.get("value") is not None else "—"
    how = SOURCE_LABELS.get(a.get("source"), "")
    quote = a.get("quote") or None
    where = a.get("citation")
    if quote and not where:
        where = f"{year_label(a['report_fy'])}の実施状況" if a.get("report_fy") else "実施状況"
    source = f"{where}（{how}）" if where and how else (where or how or "—")
    return {"when": when, "value": value, "quote": quote, "source": source}


def kpi_blocks(pub, line) -> list[dict]:
    """The KPI progress of the line's latest measure (when the latest year has it), chart and table."""
    fy, m = line.latest
    if fy != pub.latest.fiscal_year:
        return []
    out = []
    for item in pub.kpi_by_measure.get(m.id, []):
        target = item.get("target") or {}
        unit = target.get("unit") or ""
        actuals = item.get("actuals") or []
        points = [(year_label(a["as_of_fy"]) if a.get("as_of_fy") else "時点不明", a["value"])
                  for a in actuals if isinstance(a.get("value"), (int, float))]
        ident = f"kpi-{item['kpi_index']}"
        verdict = item.get("verdict") or "unknown"
        out.append({"item": item, "ident": ident, "target": target, "unit": unit,
                    "actuals": [actual_row(a) for a in actuals],
                    "comparator": COMPARATOR_WORDS.get(target.get("comparator"), target.get("comparator")),
                    "verdict": verdict, "verdict_label": VERDICT_LABELS.get(verdict, verdict),
                    "mark": VERDICT_MARKS.get(verdict, ""),
                    "deadline": year_label(target["deadline_fy"]) if target.get("deadline_fy") else None,
                    "chart": chart(points, target.get("value"), unit, f"{item['kpi']}：実績値の推移", ident)})
    return out


def measure_page(pub, line) -> dict:
    """A measure's page: its numbers, KPI progress and each year's texts and changes, newest first."""
    fy, m = line.latest
    blocks = [_year_block(pub, line, y) for y in reversed(pub.years)
              if y.fiscal_year in line.measures or y.fiscal_year in line.diffs]
    numbers = [(year_label(y), i) for y, i in line.numbers()]
    renumbered = len({i for _y, i in numbers}) > 1
    return {"line": line, "measure": m, "fiscal_year": fy, "latest_label": year_label(fy), "numbers": numbers,
            "renumbered": renumbered, "blocks": blocks, "kpis": kpi_blocks(pub, line),
            "illustrative": any(b["year"].illustrative for b in blocks),
            "current": fy == pub.latest.fiscal_year, "title": f"施策{m.id}　{short(initiative_of(pub, fy, m), 40)}"}


def verdict_counts(items) -> dict:
    """How many KPI items have each verdict."""
    counts = dict.fromkeys(VERDICTS, 0)
    for item in items:
        counts[item.get("verdict") or "unknown"] = counts.get(item.get("verdict") or "unknown", 0) + 1
    return counts


def _latest_flags(line) -> list[str]:
    if not line.diffs:
        return []
    return [FLAG_LABELS[f] for f in line.diffs[max(line.diffs)].flags]


def lines_by_ministry(pub) -> dict[str, list]:
    """Each ministry's lines: those it is in charge of in any year (through a repost too), in line order."""
    out: dict[str, list] = {}
    for line in pub.lines:
        names = {n for fy, m in line.measures.items() for n in pub.owners(fy, m)}
        for name in names:
            out.setdefault(name, []).append(line)
    return out


def ministry_page(pub, name: str, lines: list) -> dict:
    """A ministry's page: its measures (any year), their latest changes and KPI verdicts."""
    rows = []
    by_measure = pub.kpi_by_measure
    latest = pub.latest.fiscal_year
    items = []
    for line in lines:
        fy, m = line.latest
        mine = by_measure.get(m.id, []) if fy == latest else []
        items += mine
        rows.append({"line": line, "measure": m, "fiscal_year": fy, "current": fy == latest,
                     "numbers": years_and_numbers(line),
                     "initiative": short(initiative_of(pub, fy, m), 80), "flags": _latest_flags(line),
                     "verdicts": [(VERDICT_MARKS.get(i.get("verdict"), ""), VERDICT_LABELS.get(i.get("verdict"), ""))
                                  for i in mine]})
    return {"ministry": ministry_ref(name), "rows": rows, "verdicts": verdict_counts(items) if pub.kpi else None,
            "current": sum(r["current"] for r in rows)}


def changes_page(pub, result) -> dict:
    """The changes page of a pair of years: the flagged measures, counts, and the filter's choices."""
    rows = []
    for e in result.changed:
        line = pub.line_of(result.new.fiscal_year, e.new_id) if e.new_id is not None else \
            pub.line_of(result.old.fiscal_year, e.old_id)
        owners = [ministry_ref(n) for n in e.ministries]
        details = [f"{r.old_text or '（なし）'} → {r.new_text or '（なし）'}" for r in e.kpi_revisions]
        rows.append({"entry": e, "line": line, "owners": owners, "flags": [(f, FLAG_LABELS[f]) for f in e.flags],
                     "codes": " ".join(o["code"] or "" for o in owners), "details": details,
                     "initiative": short(initiative_of(pub, (result.new if e.new else result.old).fiscal_year,
                                                       e.measure), 60)})
    summary = [(f, FLAG_LABELS[f], n) for f, n in result.summary.items() if n]
    ministries = sorted({o["name"]: o for r in rows for o in r["owners"]}.values(),
                        key=lambda o: _sort(o["name"]))
    return {"result": result, "rows": rows, "summary": summary, "ministries": ministries,
            "flags": [(f, FLAG_LABELS[f]) for f in FLAGS if result.summary.get(f)],
            "old_label": year_label(result.old.fiscal_year), "new_label": year_label(result.new.fiscal_year),
            "illustrative": any(pub.year(fy).illustrative for fy in (result.old.fiscal_year, result.new.fiscal_year))}


def _sort(name):
    from roadmap_reports.ministries import sort_key

    return sort_key(name)


def home_page(pub) -> dict:
    """The home page: the years, the changes, measures by section, measures and verdicts by ministry."""
    rm = pub.latest.roadmap
    sections = []
    by_section: dict[str, list] = {}
    for m in rm.measures:
        by_section.setdefault(m.section, []).append(m)
    for s in rm.sections:
        own = by_section.get(s.id, [])
        sections.append({"section": s, "measures": len(own), "reposts": sum(m.is_repost for m in own),
                         "kpis": sum(len(m.kpis) for m in own)})
    by_measure = pub.kpi_by_measure
    ministries = []
    for name in pub.ministries():
        measures = rm.measures_of(name)
        items = [i for m in measures if not m.is_repost for i in by_measure.get(m.id, [])]
        ministries.append({"ministry": ministry_ref(name), "measures": len(measures),
                           "verdicts": verdict_counts(items)})
    changes = [{"slug": changes_slug(r), "old": year_label(r.old.fiscal_year), "new": year_label(r.new.fiscal_year),
                "summary": [(FLAG_LABELS[f], n) for f, n in r.summary.items() if n], "flagged": len(r.changed),
                "total": len(r.measures)} for r in pub.diffs]
    years = [{"year": y, "as_of": as_of_label(y.roadmap.as_of), "measures": len(y.roadmap.measures)}
             for y in pub.years]
    return {"sections": sections, "ministries": ministries, "changes": changes, "years": years,
            "verdicts": verdict_counts(i for items in by_measure.values() for i in items) if pub.kpi else None}


def measure_list(pub) -> dict:
    """Every measure of every year, latest numbering first."""
    rows = []
    for line in pub.lines:
        fy, m = line.latest
        rows.append({"line": line, "measure": m, "initiative": short(initiative_of(pub, fy, m), 120),
                     "numbers": years_and_numbers(line),
                     "current": fy == pub.latest.fiscal_year})
    rows.sort(key=lambda r: (not r["current"], r["measure"].id))
    return {"rows": rows}
