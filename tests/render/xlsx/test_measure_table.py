"""The table of measures both workbooks share (render/xlsx/measure_table.py): a measure's texts are cut into
rows that each fit, losslessly, only at line breaks or after 「。」."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_reports.render.paper import PAPERS
from roadmap_reports.render.xlsx import fit, measure_table
from roadmap_reports.views import MeasureView
from roadmap_reports.model import Section

_TEXT = st.text(alphabet=st.sampled_from(list("あいう。、abc 1\n漢・")), max_size=3000)


@settings(max_examples=150, deadline=None)
@given(initiative=_TEXT, status=_TEXT, paper=st.sampled_from(sorted(PAPERS)))
def test_a_measures_rows_give_its_texts_back_and_each_fits(initiative, status, paper):
    p = PAPERS[paper]
    m = MeasureView(id=7, section=Section("1", "１．分野"), subsection=None, initiative=initiative, kpis=(),
                    owners=("法務省",), co_owners=(), status=status, full_status=status)
    columns = measure_table.columns_for(p)
    limit = measure_table.chunk_lines(p)
    rows = measure_table.measure_parts(m, columns, p.body_pt, limit)
    assert rows[0][0] == 7 and all(r[0] == "7\n（続き）" for r in rows[1:])
    for col, text in ((1, initiative), (4, status)):
        parts = [r[col] for r in rows]
        assert "".join(parts) == text
        for part in parts:
            one_sentence = "。" not in part.rstrip("。\n") and "\n" not in part.rstrip("\n")
            assert one_sentence or fit.lines_of(part.rstrip("\n"), columns[col].width, p.body_pt) <= limit
        for before, after in zip(parts, parts[1:]):
            assert not (before and after) or before.endswith(("。", "\n"))
