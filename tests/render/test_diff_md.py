"""The diff as Markdown (render/diff_md.py): counts, one table per changed measure, changed wording bold."""

from __future__ import annotations


def test_markdown(result):
    from roadmap_reports.render.diff_md import render_md

    md = render_md(result)
    assert md.startswith("# 新旧対照表　令和４年度→令和５年度\n")  # the title of the xlsx and docx
    assert "FY20" not in md and "measures" not in md and "as of" not in md
    assert "- 改正前：`fy2022.yaml` — 令和4年度ロードマップの実施状況（令和５年３月31日時点、4施策）" in md
    assert "| KPI目標の改定 | `kpi_revised` | 1 |" in md
    # the revised target in Japanese, the figures with their units
    assert "- KPI目標の改定：全国の日本語教室がある 市区町村数50％以上 → 全国の日本語教室がある 市区町村数60％以上（目標値 50％→60％）" in md
    assert "value" not in md and "deadline" not in md
    assert "## 前年度と同旨の実施状況" in md and "| 8 | 厚生労働省 | 100％ |" in md
    assert "| | 改正後（令和５年度） | 改正前（令和４年度） |" in md
    assert "| KPI | 全国の日本語教室がある<br>市区町村数**60％以上** | 全国の日本語教室がある<br>市区町村数**50％以上** |" in md
    assert "（削る）" in md and "（新設）" in md
    assert "## 施策 8" not in md  # width-only change: no table
    assert "\\=SUM(A1)" not in md and "=SUM\\(A1\\)" not in md  # text not mangled beyond escaping
    right = render_md(result, new_side="right")
    assert "| | 改正前（令和４年度） | 改正後（令和５年度） |" in right


def test_revised_target_names_the_deadline_by_the_calendar():
    from roadmap_reports.compare.diff import diff
    from roadmap_reports.render.diff_md import render_md

    from test_diff import measure, roadmap

    a = roadmap(measure(1, "A", kpis=["相談窓口数100件以上（令和８年度まで）"]))
    b = roadmap(measure(1, "A", kpis=["相談窓口数120件以上（令和９年度まで）"]), fy=2023)
    md = render_md(diff(a, b))
    assert "（目標値 100件→120件、期限 令和８年度→令和９年度）" in md
    assert "FY" not in md
