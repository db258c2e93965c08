"""The diff as Markdown (render/diff_md.py): counts, one table per changed measure, changed wording bold."""

from __future__ import annotations


def test_markdown(result):
    from roadmap_reports.render.diff_md import render_md

    md = render_md(result)
    assert md.startswith("# 新旧対照 令和４年度 → 令和５年度\n")
    assert "FY20" not in md
    assert "## 前年度と同旨の実施状況" in md and "| 8 | 厚生労働省 | 100％ |" in md
    assert "| `kpi_revised` | KPI目標の改定 | 1 |" in md
    assert "| | 改正後（令和５年度） | 改正前（令和４年度） |" in md
    assert "| KPI | 全国の日本語教室がある<br>市区町村数**60％以上** | 全国の日本語教室がある<br>市区町村数**50％以上** |" in md
    assert "（削る）" in md and "（新設）" in md
    assert "## 施策 8" not in md  # width-only change: no table
    assert "\\=SUM(A1)" not in md and "=SUM\\(A1\\)" not in md  # text not mangled beyond escaping
    right = render_md(result, new_side="right")
    assert "| | 改正前（令和４年度） | 改正後（令和５年度） |" in right
