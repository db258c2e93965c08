"""Fixtures of the renderer tests (tests/render/): a diff changed every way the 新旧対照表 shows, and its
two datasets saved. (tests/conftest.py, at the top, holds what every test shares.)"""

from __future__ import annotations

import pytest

from roadmap_reports.compare.diff import diff
from roadmap_reports.sources.dataset import save

from test_diff import measure, roadmap

OLD_KPI = "全国の日本語教室がある\n市区町村数50％以上"
NEW_KPI = "全国の日本語教室がある\n市区町村数60％以上"


@pytest.fixture
def result():
    a = roadmap(measure(1, "=SUM(A1) で始まる取組", ministries=["法務省"]),
                measure(5, "A", kpis=[OLD_KPI]),
                measure(7, "B", ministries=["法務省"]),
                measure(8, "C", ministries=["厚生労働省"], status="相談件数は５０件。"))
    b = roadmap(measure(1, "=SUM(A1) で始まる取組", ministries=["法務省"]),
                measure(5, "A", kpis=[NEW_KPI]),
                measure(8, "C", ministries=["厚生労働省"], status="相談件数は50件。"),  # width only: no row
                measure(9, "D"), fy=2023)
    return diff(a, b)


@pytest.fixture
def paths(tmp_path, result):
    p = tmp_path / "fy2022.yaml", tmp_path / "fy2023.yaml"
    save(result.old, p[0])
    save(result.new, p[1])
    return p
