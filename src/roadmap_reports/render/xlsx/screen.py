"""The sheet meant for the screen (施策データ), after the printed sheets of a ministry's workbook and of the
overview: one row per measure in report order, for filtering and sorting — no heading rows, no continuation
rows, a header row with an autofilter over the whole table, frozen with the 施策番号 column.

- Columns: 施策番号, 分野 (the section heading), 小項目 (the ◎ heading), 具体的取組 (as stored), KPI (the items as
  the printed sheet joins them, one a line), 担当省庁 (every owner, one a line), 共管省庁 (the owners other than
  the workbook's ministry), 再掲元 (the 施策番号 a repost repeats, a number), 実施状況 (a repost's refers to the
  measure it repeats, as on paper) and 実施状況（公表全文） (the published text where 実施状況 is the ministry's
  tagged part). 小項目, 共管省庁, 再掲元 and 実施状況（公表全文） appear only when some row of the file has one.
- Body text at 10 pt (the workbooks' Normal size, what the printed sheets zoom to on screen). Each long-text
  column is as wide as the paper's printable width allows beside the repeated 施策番号 column, so that a
  printed page holds it whole; a column whose longest text would need more than one row holds (409 pt) is
  widened until it fits (`fit.width_to_fit`, up to Excel's 255 units; wider than the page, it then prints
  across pages). Only a text of more than about 3,400 characters fits no row even at 255 units: its row stops
  at 409 pt and the grid shows its first 23 lines (the cell holds the whole text, and the printed sheet shows
  it all on continuation rows).
- Rows as tall as their tallest text (`fit.fit_height`), wrapped, top-aligned.
- Printed, if at all, at 100 % on the workbook's paper (no fit to width, so never below 10 pt): landscape,
  the header row and the 施策番号 column repeated on every page, page numbers in the footer.

Text is written with common.set_text (never a formula); the table's helpers are measure_table.py's."""

from __future__ import annotations

from dataclasses import replace

from roadmap_reports.render.paper import Paper
from roadmap_reports.render.report.view import kpi_text
from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.xlsx import measure_table as table
from roadmap_reports.render.xlsx.measure_table import Column
from roadmap_reports.views import MeasureView

SCREEN_SHEET = "施策データ"
SCREEN_PT = xc.FONT_SIZE
#: columns shown only when some row of the file has a text in them (by their dataset field)
OPTIONAL = frozenset({"subsection", "co_owners", "repost_of", "full_status"})


def _subsection(m: MeasureView) -> str:
    return m.subsection.title if m.subsection else ""


def _full_status(m: MeasureView) -> str:
    return m.full_status if m.status_is_part else ""


def all_columns(p: Paper, pt: float = SCREEN_PT) -> list[Column]:
    """Every column the sheet can have, at its starting width on paper `p` at `pt`."""
    def w(chars: float) -> float:
        return fit.units_for(chars, pt)

    number = w(4)
    room = int((fit.printable_units(p) - number - 1) * 10) / 10  # a page beside the repeated 施策番号
    return [Column("施策番号", number, "id", lambda m: m.id, center=True),
            Column("分野", w(14), "section", lambda m: m.section.title),
            Column("小項目", w(14), "subsection", _subsection),
            Column("具体的取組", min(w(36), room), "initiative", lambda m: m.initiative),
            Column("KPI", w(24), "kpis", lambda m: kpi_text(m.kpis)),
            Column("担当省庁", w(9), "ministries", lambda m: "\n".join(m.owners)),
            Column("共管省庁", w(9), "co_owners", lambda m: "\n".join(m.co_owners)),
            Column("再掲元", w(3), "repost_of", lambda m: m.repost_of if m.is_repost else "", center=True),
            Column("実施状況", room, "status", table.status_text),
            Column("実施状況（公表全文）", room, "full_status", _full_status)]


def columns_for(measures, p: Paper, pt: float = SCREEN_PT) -> list[Column]:
    """The sheet's columns for these measures: the optional ones some measure fills, each widened until its
    longest text fits one row (409 pt)."""
    out = []
    for c in all_columns(p, pt):
        texts = [c.text(m) for m in measures]
        if c.field in OPTIONAL and not any(t != "" for t in texts):
            continue
        if not c.center:
            c = replace(c, width=fit.width_to_fit([str(t) for t in texts], c.width, pt))
        out.append(c)
    return out


def screen_sheet(wb, measures, p: Paper, *, title: str, left_header: str):
    """Add the sheet at the end of `wb`: header row 1, one row per measure below. Returns the sheet."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(xc.safe_sheet_title(SCREEN_SHEET))
    st = table.styles(p, pt=SCREEN_PT)
    columns = columns_for(measures, p)
    table.header_row(ws, [(c.header, c.width) for c in columns], st)
    body = table.BodyStyles(ws, st)
    first: dict[int, int] = {}
    links = []
    for row, m in enumerate(measures, start=2):
        fill = "repost" if m.is_repost else "plain"
        table.write_row(ws, row, m, columns, [c.text(m) for c in columns], lambda kind: body.get(kind, fill),
                        SCREEN_PT)
        first.setdefault(m.id, row)
        if m.is_repost:
            links.append((row, m.repost_of))
    table.link_reposts(ws, links, first, st, ws.title)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(measures) + 1}"
    ws.freeze_panes = "B2"
    xc.paper_setup(ws, p, title=title, left_header=left_header, print_title_rows="1:1")
    ws.print_title_cols = "A:A"
    return ws


__all__ = ["SCREEN_SHEET", "SCREEN_PT", "OPTIONAL", "all_columns", "columns_for", "screen_sheet"]
