"""The Japanese calendar, in one place: eras (令和, 平成, 昭和), fiscal years (April to March), and numbers
written the way the report prints them.

Every output that a person reads names a year through this module, so they all agree:

- a fiscal year is named by the era that began in or before the calendar year the fiscal year starts in:
  FY2019 is 「令和元年度」 although it began on 平成31年４月１日 (the government named it so), FY2018
  「平成30年度」;
- a date is named by the era in force on that day: 2019-04-30 is 「平成31年４月30日」, 2019-05-01
  「令和元年５月１日」;
- the first year of an era is 元 (「令和元年度」, never 令和1年度 or 令和１年度);
- numbers follow the convention of official documents: one digit full-width (「令和４年度」「３月」), two or
  more digits half-width (「令和10年度」「31日」) — exactly how the report prints 「令和５年３月末時点」.

File names keep ASCII digits (``file_year``: 「令和5年度」), since people type them in shells and on Windows
the file list sorts them as numbers.

``parse_fiscal_year`` reads every form a user types: 2023, 令和5, 令和５年度, R5, r5, FY2023, 2023年度,
平成30年度, H30, 令和元年度.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from roadmap_reports.i18n import _

__all__ = [
    "Era", "ERAS", "era_of_date", "era_of_fiscal_year", "number", "fiscal_year_label", "year_label", "years_label",
    "date_label", "as_of_label", "report_as_of_label", "month_end_label", "file_year", "parse_fiscal_year",
    "parse_era_year", "fiscal_year_of", "ERA_YEAR_PATTERN", "era_year_to_western", "DateRef", "find_dates",
    "same_length_nfkc", "fiscal_year_in",
]


@dataclass(frozen=True)
class Era:
    """A Japanese era: its name (令和), its letter (R) and its first day."""

    name: str        # 令和
    letter: str      # R
    start: _dt.date  # the first day of the era

    @property
    def offset(self) -> int:
        """Western year = era year + offset (令和: 2018)."""
        return self.start.year - 1


ERAS = (
    Era("令和", "R", _dt.date(2019, 5, 1)),
    Era("平成", "H", _dt.date(1989, 1, 8)),
    Era("昭和", "S", _dt.date(1926, 12, 25)),
)
_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}

#: An era year as found in text: 令和５年, 令和元年, 平成31年 (digits of either width).
ERA_YEAR_PATTERN = r"(?P<era>令和|平成|昭和)(?P<n>[0-9０-９]+|元)年"

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def number(n: int) -> str:
    """A number as official documents print it: one digit full-width (４), more digits half-width (31)."""
    text = str(n)
    return text.translate(_FULLWIDTH) if len(text) == 1 else text


def _era_number(n: int) -> str:
    return "元" if n == 1 else number(n)


def era_of_date(day: _dt.date) -> tuple[Era, int]:
    """The era in force on a day and the era year: 2019-04-30 → (平成, 31), 2019-05-01 → (令和, 1)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.offset
    raise ValueError(_("{day} is before 昭和").format(day=day.isoformat()))


def era_of_fiscal_year(fiscal_year: int) -> tuple[Era, int]:
    """The era a fiscal year is named by: FY2019 → (令和, 1), FY2018 → (平成, 30), FY1988 → (昭和, 63).

    A fiscal year is named by the era whose first calendar year is at most the year the fiscal year begins
    in: FY2019 (from 平成31年４月１日) is 令和元年度, as the government named it, and FY1988 stayed 昭和63年度
    (平成 began in January 1989, within it)."""
    for era in ERAS:
        if fiscal_year >= era.start.year:
            return era, fiscal_year - era.offset
    raise ValueError(_("fiscal year {year} is before 昭和").format(year=fiscal_year))


def year_label(fiscal_year: int) -> str:
    """令和４年度 (no Western year)."""
    era, n = era_of_fiscal_year(fiscal_year)
    return f"{era.name}{_era_number(n)}年度"


def fiscal_year_label(fiscal_year: int, *, western: bool = False) -> str:
    """令和４年度, or with ``western=True`` 令和４年度（2022年度）."""
    label = year_label(fiscal_year)
    return f"{label}（{fiscal_year}年度）" if western else label


def years_label(old_fy: int, new_fy: int) -> str:
    """Two fiscal years compared, as every comparison names them: 令和４年度→令和５年度 (era years only, as the
    documents themselves name years; no Western year beside them)."""
    return f"{year_label(old_fy)}→{year_label(new_fy)}"


def date_label(day: _dt.date) -> str:
    """令和５年３月31日; 平成31年４月30日; 令和元年５月１日."""
    era, n = era_of_date(day)
    return f"{era.name}{_era_number(n)}年{number(day.month)}月{number(day.day)}日"


def month_end_label(day: _dt.date) -> str:
    """令和５年３月末 (the report's 「…時点」 prefix for an end-of-month as-of date)."""
    era, n = era_of_date(day)
    return f"{era.name}{_era_number(n)}年{number(day.month)}月末"


def as_of_label(day: _dt.date) -> str:
    """The as-of line of our documents: 令和５年３月31日時点 (the day, named by the era in force on it)."""
    return f"{date_label(day)}時点"


def report_as_of_label(day: _dt.date) -> str:
    """The as-of line as the published report prints it: 令和５年３月末時点 for the last day of a month,
    else 令和５年３月15日時点."""
    last = (day.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
    return f"{month_end_label(day) if day == last else date_label(day)}時点"


def file_year(fiscal_year: int) -> str:
    """The year in a file name: 令和5年度 (ASCII digits, typed and sorted easily), 令和元年度."""
    era, n = era_of_fiscal_year(fiscal_year)
    return f"{era.name}{'元' if n == 1 else n}年度"


def era_year_to_western(era: str, n: str | int) -> int:
    """(令和, ５) → 2023; (令和, 元) → 2019; (R, 5) → 2023. The Western calendar year of an era year."""
    value = 1 if n == "元" else int(unicodedata.normalize("NFKC", str(n)))
    try:
        return _BY_NAME[era].offset + value
    except KeyError:
        raise ValueError(_("unknown era {era!r}").format(era=era)) from None


def fiscal_year_of(day: _dt.date) -> int:
    """The fiscal year a day belongs to: 2023-03-31 → 2022, 2023-04-01 → 2023."""
    return day.year if day.month >= 4 else day.year - 1


_FORMS = (
    re.compile(r"^(?:FY)?(?P<year>\d{4})(?:年度?)?$", re.I),
    re.compile(r"^(?P<era>令和|平成|昭和|[RHS])(?P<n>\d{1,2}|元)(?:年度?)?$", re.I),
)


def parse_era_year(text: str) -> int | None:
    """The Western year of an era year in text (令和５年 → 2023), or None."""
    m = re.search(ERA_YEAR_PATTERN, text)
    return era_year_to_western(m["era"], m["n"]) if m else None


def parse_fiscal_year(text: str | int) -> int:
    """A fiscal year from any form a user types: 2023, '2023', 令和5, 令和５年度, R5, FY2023, 2023年度, H30.

    Raises ValueError with the accepted forms when the text is none of them."""
    if isinstance(text, int):
        return text
    value = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    for form in _FORMS:
        m = form.match(value)
        if m and m.groupdict().get("year"):
            return int(m["year"])
        if m:
            return era_year_to_western(m["era"].upper() if len(m["era"]) == 1 else m["era"], m["n"])
    raise ValueError(_("'{value}' is not a fiscal year (write 2023, FY2023, 令和5, 令和５年度 or R5)").format(value=text))


# --- dates inside running text ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DateRef:
    """A date or period found in text: [start, end) in the text searched, the fiscal year it falls in, and
    whether it is marked as a deadline (まで, 末) or as a point in time (時点, 現在)."""

    start: int
    end: int
    fiscal_year: int
    deadline: bool
    point: bool = False


_DATE_TAIL = r"(?P<end>末|中)?(?:日)?(?P<point>時点|現在)?(?P<until>まで(?:に)?)?"
_ERA_DATE = re.compile(
    r"(?P<era>令和|平成|昭和)(?P<n>\d+|元)年(?P<do>度)?(?:(?P<month>\d+)月)?(?:\d+日)?"
    r"(?:[(（](?P<west>\d{4})年度?[)）])?(?:(?P<month2>\d+)月)?(?:\d+日)?" + _DATE_TAIL)
_WEST_DATE = re.compile(r"(?<!\d)(?P<west>\d{4})年(?P<do>度)?(?:(?P<month>\d+)月)?(?:\d+日)?" + _DATE_TAIL)


class _OneCharNfkc(dict):
    """str.translate table: a character's NFKC form where that is one character, filled in on first sight."""

    def __missing__(self, code: int):
        nf = unicodedata.normalize("NFKC", chr(code))
        value = nf if len(nf) == 1 else code
        self[code] = value
        return value


_ONE_CHAR_NFKC = _OneCharNfkc()


def same_length_nfkc(text: str) -> str:
    """NFKC character by character where that keeps one character (full-width digits, ％, （）), so that
    positions in the result are positions in `text` (a quote found in the result is cut from `text`)."""
    return text.translate(_ONE_CHAR_NFKC)


def _fy(year: int, do: bool, month: str | None) -> int:
    if do or not month or not 1 <= int(month) <= 12:  # a month that is no month leaves the year as written
        return year
    return year if int(month) >= 4 else year - 1  # January to March belong to the previous fiscal year


def find_dates(text: str) -> list[DateRef]:
    """Every era or Western date in `text` (NFKC digits: use same_length_nfkc or normalize first), as
    fiscal years: 「令和３年度時点」 → 2021, 「2021年６月」 → 2021, 「令和５年３月末」 → 2022,
    「令和９年度（2027年度）までに」 → 2027 (a deadline). Sorted by position."""
    found, taken = [], []
    for m in _ERA_DATE.finditer(text):
        year = era_year_to_western(m["era"], m["n"])
        found.append(DateRef(m.start(), m.end(), _fy(year, bool(m["do"]), m["month"] or m["month2"]),
                             bool(m["until"] or m["end"] == "末"), bool(m["point"])))
        taken.append((m.start(), m.end()))
    for m in _WEST_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(DateRef(m.start(), m.end(), _fy(int(m["west"]), bool(m["do"]), m["month"]),
                             bool(m["until"] or m["end"] == "末"), bool(m["point"])))
    found.sort(key=lambda d: (d.start, d.end))
    return found


def fiscal_year_in(text: str) -> int | None:
    """The fiscal year of the first date in a phrase (「令和５年３月末」 → 2022), or None."""
    dates = find_dates(same_length_nfkc(text))
    return dates[0].fiscal_year if dates else None
