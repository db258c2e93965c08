"""fit.keep_with_next: manual page breaks so that a heading row never ends a printed page apart from the row
after it, laid out as a spreadsheet prints rows at 100 % (a row that does not fit starts the next page)."""

from __future__ import annotations

from roadmap_reports.render.paper import paper
from roadmap_reports.render.xlsx import fit


def test_a_heading_that_would_end_a_page_goes_to_the_next_with_its_row():
    # page of 100: rows 0-1 fill 80; heading 2 (10) fits, its measure 3 (30) does not: break before 2
    assert fit.keep_with_next([40, 40, 10, 30, 20], {2}, 100) == [2]
    # two headings in a row travel together with their measure
    assert fit.keep_with_next([40, 40, 5, 5, 30], {2, 3}, 100) == [2]


def test_no_break_when_the_heading_and_its_row_fit_or_could_never_share_a_page():
    assert fit.keep_with_next([40, 10, 30, 20], {1}, 100) == []  # 40 + 10 + 30 fits
    assert fit.keep_with_next([40, 10, 95], {1}, 100) == []  # 10 + 95 > a page: a break would not help
    assert fit.keep_with_next([10, 30], {0}, 100) == []  # at the top of a page already
    assert fit.keep_with_next([], set(), 100) == []


def test_the_pages_follow_the_automatic_breaks_and_the_title_rows():
    # rows 0-2 fill page 1 (90 of 100); row 3 starts page 2 by itself, then heading 5 would end page 2
    assert fit.keep_with_next([30, 30, 30, 50, 40, 5, 20], {5}, 100) == [5]
    # the same rows with 20 of title rows on every page: row 2 starts page 2 already
    assert fit.keep_with_next([30, 30, 30, 50, 40, 5, 20], {5}, 100, title_pt=20) == []


def test_a_page_holds_the_paper_between_its_margins():
    a4, a3 = paper("A4"), paper("A3")
    assert 480 < fit.page_points(a4) < 510  # 210 mm less 2 × 0.6 in, less a little for LibreOffice
    assert fit.page_points(a3) > 1.4 * fit.page_points(a4)
