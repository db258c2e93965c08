"""The one calendar: fiscal years and dates named as the report prints them, and every form a user types."""

from __future__ import annotations

import datetime as dt

import pytest

from roadmap_reports.japanese import calendar


@pytest.mark.parametrize("fy, label", [
    (2018, "平成30年度"), (2019, "令和元年度"), (2020, "令和２年度"), (2022, "令和４年度"), (2023, "令和５年度"),
    (2027, "令和９年度"), (2028, "令和10年度"), (1989, "平成元年度"), (1988, "昭和63年度"),
])
def test_fiscal_year_labels(fy, label):
    assert calendar.fiscal_year_label(fy) == label
    assert calendar.fiscal_year_label(fy, western=True) == f"{label}（{fy}年度）"


@pytest.mark.parametrize("day, label", [
    (dt.date(2019, 3, 31), "平成31年３月31日"), (dt.date(2019, 4, 30), "平成31年４月30日"),
    (dt.date(2019, 5, 1), "令和元年５月１日"), (dt.date(2023, 3, 31), "令和５年３月31日"),
    (dt.date(2030, 12, 9), "令和12年12月９日"), (dt.date(1989, 1, 7), "昭和64年１月７日"), (dt.date(1989, 1, 8), "平成元年１月８日"),
])
def test_dates_by_the_real_era_start(day, label):
    assert calendar.date_label(day) == label


def test_as_of_labels():
    assert calendar.as_of_label(dt.date(2023, 3, 31)) == "令和５年３月31日時点"
    assert calendar.as_of_label(dt.date(2019, 3, 31)) == "平成31年３月31日時点"


def test_as_of_labels_as_the_report_prints_them():
    assert calendar.report_as_of_label(dt.date(2023, 3, 31)) == "令和５年３月末時点"
    assert calendar.report_as_of_label(dt.date(2024, 2, 29)) == "令和６年２月末時点"
    assert calendar.report_as_of_label(dt.date(2023, 3, 15)) == "令和５年３月15日時点"
    assert calendar.report_as_of_label(dt.date(2019, 3, 31)) == "平成31年３月末時点"


def test_file_names_keep_ascii_digits():
    assert calendar.file_year(2023) == "令和5年度"
    assert calendar.file_year(2019) == "令和元年度"


@pytest.mark.parametrize("text", ["2023", 2023, "令和5", "令和５", "令和５年度", "令和5年度", "R5", "r5", "Ｒ５", "FY2023",
                                  "fy2023", "2023年度", "２０２３", " 2023 ", "令和５年"])
def test_every_form_a_user_types_is_fiscal_year_2023(text):
    assert calendar.parse_fiscal_year(text) == 2023


@pytest.mark.parametrize("text, fy", [("令和元年度", 2019), ("R1", 2019), ("平成30年度", 2018), ("H30", 2018),
                                      ("平成31", 2019), ("昭和63年度", 1988)])
def test_other_eras_and_first_years(text, fy):
    assert calendar.parse_fiscal_year(text) == fy


@pytest.mark.parametrize("text", ["", "令和", "R", "FY23", "20233", "令和五年度", "X5", "2023-24"])
def test_what_is_not_a_fiscal_year_is_a_clear_error(text):
    with pytest.raises(ValueError, match="is not a fiscal year"):
        calendar.parse_fiscal_year(text)


def test_era_year_to_western_and_fiscal_year_of():
    assert calendar.era_year_to_western("令和", "元") == 2019
    assert calendar.era_year_to_western("令和", "５") == 2023
    assert calendar.parse_era_year("令和３年度時点で") == 2021
    assert calendar.fiscal_year_of(dt.date(2023, 3, 31)) == 2022
    assert calendar.fiscal_year_of(dt.date(2023, 4, 1)) == 2023


def test_numbers_one_digit_full_width_more_digits_half_width():
    assert [calendar.number(n) for n in (0, 5, 9, 10, 31, 2023)] == ["０", "５", "９", "10", "31", "2023"]
