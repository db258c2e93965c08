"""One verdict per KPI item, by one rule (docs/kpi.md), each with its reason in words.

1. 見直し (``revised``): the item's target was revised, or the item replaced, between the years compared.
2. 判定不能 (``unknown``): the item has no numeric target, or no actual in the target's unit — the reason
   says which.
3. 達成 (``achieved``): the latest actual (the one of the latest fiscal year) meets the target
   (以上/= /増加: at least the target; 以下/未満/減少: at most).
4. 順調 (``on_track``): not yet met, but the progress from the baseline (the KPI's own, else 0) is at least the
   share of the period elapsed. The period runs from FY2022 (the roadmap's first year) to the KPI's deadline,
   else to FY2026 (its last); at the end of the actual's fiscal year, (FY − 2021) / (deadline − 2021) of it
   has elapsed. A target that goes down needs a stated baseline; without one the verdict is unknown.
5. 遅れ (``behind``): otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KpiTarget, format_value
from roadmap_reports.progress.actuals import Actual

VERDICTS = ("achieved", "on_track", "behind", "unknown", "revised")
VERDICT_LABELS = {"achieved": "達成", "on_track": "順調", "behind": "遅れ", "unknown": "判定不能", "revised": "見直し"}
ROADMAP_FIRST_FY, ROADMAP_LAST_FY = 2022, 2026
_DOWN = {"以下", "未満", "減少"}


@dataclass(frozen=True)
class Verdict:
    """A verdict (one of VERDICTS) and its reason in words."""

    verdict: str
    reason: str

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def figure(value, unit: str | None) -> str:
    """「53.7％」「14,000人」: a value with its unit as a reader reads it."""
    unit = "％" if unit == "%" else (unit or "")
    return f"{format_value(value)}{unit}"


def target_words(t: KpiTarget) -> str:
    """The target as a reader reads it: 「50％以上」「20件（令和９年度まで）」."""
    cmp_ = t.comparator if t.comparator in ("以上", "以下", "超", "未満", "以内") else \
        ("増" if t.comparator == "増加" else "減" if t.comparator == "減少" else "")
    deadline = f"（{year_label(t.deadline_fy)}まで）" if t.deadline_fy else ""
    return f"{figure(t.value, t.unit)}{cmp_}{deadline}"


def latest(actuals: list[Actual], unit: str | None) -> Actual | None:
    """The actual of the latest fiscal year in `unit` (the first written of that year)."""
    fitting = [a for a in actuals if unit is None or a.unit == unit]
    if not fitting:
        return None
    top = max(a.as_of_fy for a in fitting)
    return next(a for a in fitting if a.as_of_fy == top)


def judge(target: KpiTarget, actuals: list[Actual], *, revision: str | None = None,
          type_label: str = "") -> Verdict:
    """The verdict of one item from its target, its actuals (all years) and, when it was revised or replaced
    between the years compared, the words saying how."""
    if revision:
        return Verdict("revised", f"{revision}ため見直し")
    if target.value is None:
        kind = f"（{type_label}）" if type_label else ""
        seen = f"。実績は{_series(actuals)}" if actuals else ""
        return Verdict("unknown", f"数値目標がない{kind}ため判定不能{seen}")
    last = latest(actuals, target.unit)
    if last is None:
        other = f"（単位の異なる数値{_series(actuals)}はある）" if actuals else ""
        return Verdict("unknown", f"目標の単位（{'％' if target.unit == '%' else target.unit}）の実績値が実施状況に見当たらないため判定不能{other}")
    said = f"最新の実績{figure(last.value, last.unit)}（{year_label(last.as_of_fy)}）"
    goal = f"目標{target_words(target)}"
    if _meets(last.value, target):
        return Verdict("achieved", f"{said}が{goal}を満たしているため達成")
    return _progress(target, last, said, goal)


def _meets(value, target: KpiTarget) -> bool:
    if target.comparator in _DOWN:
        return value < target.value if target.comparator == "未満" else value <= target.value
    return value > target.value if target.comparator == "超" else value >= target.value


def _progress(target: KpiTarget, last: Actual, said: str, goal: str) -> Verdict:
    down = target.comparator in _DOWN
    if down and target.baseline is None:
        return Verdict("unknown", f"{said}は{goal}に届いていないが、基準値がないため進み具合を判定できない（判定不能）")
    baseline = target.baseline if target.baseline is not None else 0
    span = target.value - baseline
    progress = (last.value - baseline) / span if span else 0.0
    deadline = target.deadline_fy or ROADMAP_LAST_FY
    elapsed = (last.as_of_fy - (ROADMAP_FIRST_FY - 1)) / max(deadline - (ROADMAP_FIRST_FY - 1), 1)
    elapsed = min(max(elapsed, 0.0), 1.0)
    base = f"基準値{figure(baseline, target.unit)}" if target.baseline is not None else "0"
    period = f"{year_label(ROADMAP_FIRST_FY)}〜{year_label(deadline)}"
    words = (f"{said}は{goal}に対し{base}からの進み具合{round(progress * 100)}％、期間（{period}）の経過割合"
             f"{round(elapsed * 100)}％")
    if progress >= elapsed:
        return Verdict("on_track", f"{words}で、経過割合以上のため順調")
    return Verdict("behind", f"{words}で、経過割合に届かないため遅れ")


def _series(actuals: list[Actual]) -> str:
    return "、".join(f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}）"
                    for a in sorted(actuals, key=lambda a: a.as_of_fy))
