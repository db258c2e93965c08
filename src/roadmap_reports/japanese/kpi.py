"""Understanding KPI text: the numeric target, its unit and comparator, and the deadline as a fiscal
year. 「全国の日本語教室がある市区町村数50％以上」 is 50 %, at least; 「…数計45万人以上」 is 450000
people; 「令和９年度（2027年度）までに20件」 is 20 items by FY2027.

Parsing works on a normalised copy (NFKC, whitespace removed); the KPI's own text is kept as published.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from roadmap_reports.japanese.calendar import find_dates
from roadmap_reports.japanese.normalize import normalize

__all__ = ["KpiTarget", "parse_kpi", "parse_number", "format_value", "deadlines", "UNITS", "COMPARATORS",
           "KPI_TYPES", "KPI_TYPE_LABELS", "kpi_types", "KpiItem", "kpi_items", "is_caption", "is_follow_up"]

# Canonical unit -> surface forms (after NFKC). Longest forms are tried first.
UNITS = {
    "%": ("%", "パーセント"),
    "割": ("割",),
    "件": ("件",),
    "人": ("人", "名"),
    "か所": ("か所", "箇所", "カ所", "ヶ所", "ケ所", "ヵ所", "カ所"),
    "団体": ("団体",),
    "言語": ("言語", "か国語", "カ国語"),
    "回": ("回",),
    "校": ("校",),
    "都道府県": ("都道府県",),
    "市区町村": ("市区町村", "市町村"),
    "自治体": ("自治体", "地方公共団体"),
    "機関": ("機関",),
    "施設": ("施設",),
    "社": ("社",),
    "か国": ("か国", "カ国", "ヶ国"),
    "倍": ("倍",),
    "時間": ("時間",),
    "日": ("日",),
    "事業": ("事業",),
    "本": ("本",),
}
_UNIT_OF = {form: unit for unit, forms in UNITS.items() for form in forms}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))

# Comparator surface form -> canonical form.
COMPARATORS = {"以上": "以上", "以下": "以下", "超": "超", "未満": "未満", "以内": "以内",
               "増加": "増加", "増": "増加", "減少": "減少", "減": "減少", "削減": "減少", "向上": "増加"}
_CMP_RE = "|".join(sorted(map(re.escape, COMPARATORS), key=len, reverse=True))

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}[億万千]?)+"
_VALUE = re.compile(rf"(?<![第\d.,])(?P<num>{_NUMBER})(?P<unit>{_UNIT_RE})?(?P<cmp>{_CMP_RE})?(?!当たり|あたり)")

_BARE_CMP = re.compile(r"(?:の)?(?P<cmp>増加|減少|削減|向上)")


@dataclass(frozen=True)
class KpiTarget:
    """What a KPI text promises: `value` `unit` `comparator` by fiscal year `deadline_fy`.

    Any part may be None (「研修の実施回数」 has no number; 「…の増加」 only a comparator).
    """

    text: str
    value: int | float | None = None
    unit: str | None = None
    comparator: str | None = None
    deadline_fy: int | None = None
    baseline: int | float | None = None  # the starting value the KPI states (基準値, 「…から」), if any
    kind: str = "activity"  # one of KPI_TYPES (a 参考指標 caption's items: see kpi_types)

    @property
    def target(self) -> tuple:
        """What a revision compares: a change here is a revised target, anything else is rewording."""
        return (self.value, self.unit, self.comparator, self.deadline_fy)

    def describe(self) -> str:
        """Short summary, e.g. '50 % 以上 by FY2027'."""
        parts = []
        if self.value is not None:
            parts.append(f"{format_value(self.value)}{' ' + self.unit if self.unit else ''}")
        if self.comparator:
            parts.append(self.comparator)
        if self.deadline_fy is not None:
            parts.append(f"by FY{self.deadline_fy}")
        return " ".join(parts)


def format_value(value) -> str:
    """A target value as the tool prints it: 450,000; 1.5; '' for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,}"


def parse_number(text: str) -> int | float:
    """「1万432」 → 10432, 「45万」 → 450000, 「1,000」 → 1000, 「1.5億」 → 150000000."""
    total = 0
    for digits, mult in re.findall(rf"({_DIGITS})([億万千]?)", text):
        n = float(digits.replace(",", ""))
        total += n * {"億": 100_000_000, "万": 10_000, "千": 1_000, "": 1}[mult]
    return int(total) if float(total).is_integer() else round(total, 6)


def deadlines(text: str) -> list[tuple[int, int, int, bool]]:
    """Every date in normalised `text`: (start, end, fiscal year, marked as a deadline by まで/末)."""
    return [(d.start, d.end, d.fiscal_year, d.deadline) for d in find_dates(text)]


@functools.lru_cache(maxsize=1 << 16)  # a KPI is read by the diff, the KPI report and its types, often repeated
def parse_kpi(text: str) -> KpiTarget:
    """Understand one KPI text. Never fails: what cannot be understood stays None."""
    norm = normalize(text)
    dates = deadlines(norm)
    deadline = None
    starts = {d.start for d in find_dates(norm) if norm.startswith(("以降", "から"), d.end)}
    candidates_fy = [d for d in dates if d[0] not in starts]  # 「令和７年度以降は」 begins, it is no deadline
    if candidates_fy:
        dates_ = candidates_fy
        marked = [d for d in dates_ if d[3]]
        deadline = (marked[0] if marked else dates_[-1])[2]
    # Blank out the dates so that their digits are not taken for the target.
    chars = list(norm)
    for start, end, _fy, _marked in dates:
        for i in range(start, end):
            chars[i] = "□"
    rest = "".join(chars)
    candidates = []
    for m in _VALUE.finditer(rest):
        unit = _UNIT_OF.get(m["unit"]) if m["unit"] else None
        cmp_ = COMPARATORS.get(m["cmp"]) if m["cmp"] else None
        if unit is None and cmp_ is None:
            continue  # a bare number is not a target (a count of something named elsewhere)
        candidates.append((parse_number(m["num"]), unit, cmp_))
    value = unit = comparator = None
    if candidates:
        with_cmp = [c for c in candidates if c[2]]
        value, unit, comparator = with_cmp[0] if with_cmp else candidates[-1]
    if comparator is None:
        bare = _BARE_CMP.search(rest)
        if bare:
            comparator = COMPARATORS[bare["cmp"]]
    baseline = _baseline(rest)
    kind = _kind(norm, value, unit, comparator, deadline)
    return KpiTarget(text=text, value=value, unit=unit, comparator=comparator, deadline_fy=deadline,
                     baseline=baseline, kind=kind)


# --- KPI type and baseline ----------------------------------------------------------------------------
#: numeric target with a deadline; numeric target; direction only (増加, 改善); an activity or a count to
#: report (「…を周知」「…の整備」「研修の実施回数」); a reference indicator (参考指標); an outcome with
#: neither (「…の受講経験率（％）」, 「全ての…ようにする」).
KPI_TYPES = ("numeric_deadline", "numeric", "direction", "activity", "reference", "other")
KPI_TYPE_LABELS = {"numeric_deadline": "数値目標（期限あり）", "numeric": "数値目標（期限なし）",
                   "direction": "方向のみ", "activity": "取組・活動", "reference": "参考指標", "other": "その他"}

_TRAILING_NOTE = re.compile(r"[(（][^()（）]*(?:検討|調査|踏まえ)[^()（）]*[)）]$")
_DIRECTION_END = re.compile(r"(?:増加|改善|減少|減|削減|向上|充実|拡大|拡充)$")
_OUTCOME = re.compile(r"率|割合|就労状況|[(（]%[)）]|調査[)）]$")
_BASELINE = re.compile(rf"(?:基準値|現状値|ベースライン|現状)[:：]?(?P<num>{_NUMBER})|(?P<from>{_NUMBER})"
                       rf"(?:{_UNIT_RE})?から")


def _strip_notes(norm: str) -> str:
    """The KPI without its trailing 「（…の検討結果を踏まえて検討）」 notes."""
    while True:
        stripped = _TRAILING_NOTE.sub("", norm)
        if stripped == norm:
            return norm
        norm = stripped


def _kind(norm: str, value, unit, comparator, deadline) -> str:
    if "参考指標" in norm:
        return "reference"
    core = _strip_notes(norm)
    if value is not None:
        return "numeric_deadline" if deadline is not None else "numeric"
    if _DIRECTION_END.search(core):
        return "direction"
    if "全て" in core and deadline is None or _OUTCOME.search(core) or re.search(r"調査[)）]$", norm):
        return "other"
    return "activity"


def _baseline(rest: str) -> int | float | None:
    m = _BASELINE.search(rest)
    if not m:
        return None
    return parse_number(m["num"] or m["from"])


def kpi_types(kpis: list[str]) -> list[str]:
    """The type of each KPI item of one measure: after a 「（参考指標）」 caption, every item is a reference."""
    kinds, reference = [], False
    for text in kpis:
        kind = parse_kpi(text).kind
        reference = reference or kind == "reference"
        kinds.append("reference" if reference else kind)
    return kinds


# --- KPI items as a reader sees them -------------------------------------------------------------------
_CAPTION = re.compile(r"^[(（]?参考指標[)）]?[:：]?$")
_FOLLOW_UP = re.compile(r"^(?:上記|前記)(?:と(?:とも|共)に|に加え|のほか|に併せ)")


def is_caption(line: str) -> bool:
    """「（参考指標）」 alone on its line: a caption for the lines after it, not a KPI item of its own."""
    return bool(_CAPTION.match(normalize(line)))


def is_follow_up(line: str) -> bool:
    """「上記とともに必要な取組を実施」: a line that only says more about the item before it."""
    return bool(_FOLLOW_UP.match(normalize(line)))


@dataclass(frozen=True)
class KpiItem:
    """One KPI item of a measure as a reader takes it: its line, the 「（参考指標）」 caption it stands under
    (or ""), and the lines that only add to it (「上記とともに…」), each exactly as published."""

    text: str
    caption: str = ""
    notes: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """The item as printed: caption and line together, then its notes."""
        return (self.caption + self.text, *self.notes)


def kpi_items(kpis: list[str]) -> list[KpiItem]:
    """A measure's KPI lines as items: 「上記とともに…」 stays with the item before it, and the items after a
    「（参考指標）」 caption carry it. A follow-up with no item before it, or a caption with none after
    it, is kept where it is (as an item, or as a note of the item before)."""
    items: list[KpiItem] = []
    caption = ""
    for i, line in enumerate(kpis):
        if is_caption(line) and i + 1 < len(kpis):
            caption = line
        elif items and (is_follow_up(line) or is_caption(line)):
            last = items[-1]
            items[-1] = KpiItem(last.text, last.caption, last.notes + (line,))
        else:
            items.append(KpiItem(line, caption))
    return items
