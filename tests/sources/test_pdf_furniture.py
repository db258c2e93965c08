"""The page furniture of the report's PDF (title and as-of line above the table), read in any era: the as-of
day of a FY2019 report is 平成31年３月末 (令和 began on 2019-05-01), and the title's year 令和元年度."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from roadmap_reports.errors import IngestError
from roadmap_reports.sources.pdf.read import _furniture

TITLE = "外国人との共生社会の実現に向けたロードマップの実施状況"


@pytest.mark.parametrize("furniture, fiscal_year, as_of", [
    (f"令和４年度{TITLE}　令和５年３月末時点", 2022, dt.date(2023, 3, 31)),
    (f"令和元年度{TITLE} 平成31年３月末時点", 2019, dt.date(2019, 3, 31)),
    (f"平成30年度{TITLE}　平成31年２月末時点", 2018, dt.date(2019, 2, 28)),
])
def test_title_and_as_of_in_every_era(furniture, fiscal_year, as_of):
    title, fy, day = _furniture([SimpleNamespace(furniture=furniture)], "r.pdf")
    assert (title, fy, day) == (furniture.split(TITLE)[0] + TITLE, fiscal_year, as_of)


def test_no_as_of_line_is_one_located_error():
    with pytest.raises(IngestError) as err:
        _furniture([SimpleNamespace(furniture=f"令和元年度{TITLE}")], "r.pdf")
    assert "page 1" in str(err.value) and "no title" in str(err.value)
