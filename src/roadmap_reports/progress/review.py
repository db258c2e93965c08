"""The secretariat's review file of KPI actuals (data/kpi/fyYYYY.yaml), and applying it.

For each KPI item the file lists what a reviewer decided about its actuals, one entry each:

- ``confirm`` (quote): the extracted actual with this quote is right;
- ``correct`` (quote, and the fields that change: value, unit, as_of_fy): the extracted actual is wrong in
  these fields;
- ``add`` (value, unit, as_of_fy, and a ``quote`` from the status or a ``citation`` — 出典 — for a figure
  that is not in it): an actual the extraction missed;
- ``reject`` (quote, reason): the figure is not an actual of this KPI item (a budget, a target restated …).

Every quote must be a verbatim part of the measure's status. The tool applies the file and reports what it
overrode; an entry that matches nothing is a located error (file:line: measure N: …).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from roadmap_reports.errors import DatasetError
from roadmap_reports.i18n import _
from roadmap_reports.progress.actuals import Actual

ACTIONS = ("confirm", "correct", "add", "reject")
FIELD_LABELS = {"value": "実績値", "unit": "単位", "as_of_fy": "時点"}  # a correction's fields, in the report


@dataclass(frozen=True)
class Entry:
    """One decision of a review file about one actual of one KPI item."""

    measure: int
    kpi_index: int
    action: str
    line: int
    quote: str | None = None
    value: int | float | None = None
    unit: str | None = None
    as_of_fy: int | None = None
    citation: str | None = None
    reason: str | None = None


@dataclass
class Review:
    """A loaded review file: its fiscal year and its entries, in file order."""

    path: str
    fiscal_year: int
    entries: list[Entry]
    applied: list[dict] = field(default_factory=list)   # what applying it overrode, for the report

    def counts(self) -> dict:
        out = {a: 0 for a in ACTIONS}
        for entry in self.applied:
            out[entry["action"]] += 1
        return out


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        data = loader.construct_mapping(node, deep=True)
        data["__line__"] = node.start_mark.line + 1
        return data

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def load_review(path) -> Review:
    """Read and check a review file's shape (its quotes are checked against the statuses when applied)."""
    import yaml

    from roadmap_reports.io.files import read_text

    path = Path(path)
    text, _enc = read_text(path)
    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DatasetError(_("not valid YAML: {problem}").format(problem=getattr(exc, 'problem', exc)), file=path,
                           line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("fiscal_year"), int):
        raise DatasetError(_("a review file is a mapping with fiscal_year: and items:"), file=path, line=1)
    entries = []
    for item in data.get("items") or []:
        entries.extend(_entries(item, path))
    return Review(str(path), data["fiscal_year"], entries)


def _entries(item, path: Path) -> list[Entry]:
    line = item.get("__line__") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(item.get("measure"), int) \
            or not isinstance(item.get("kpi_index"), int):
        raise DatasetError(_("each item needs measure: and kpi_index: (integers)"), file=path, line=line)
    out = []
    for e in item.get("actuals") or []:
        eline = e.get("__line__", line) if isinstance(e, dict) else line
        action = e.get("action") if isinstance(e, dict) else None
        if action not in ACTIONS:
            raise DatasetError(_("action must be one of {actions}, not {action!r}").format(
                actions=", ".join(ACTIONS), action=action), file=path,
                               line=eline, measure=item["measure"])
        entry = Entry(item["measure"], item["kpi_index"], action, eline, e.get("quote"), e.get("value"),
                      e.get("unit"), e.get("as_of_fy"), e.get("citation"), e.get("reason"))
        _check_entry(entry, path)
        out.append(entry)
    return out


def _check_entry(e: Entry, path: Path) -> None:
    def bad(message):
        raise DatasetError(message, file=path, line=e.line, measure=e.measure)

    if e.action != "add" and not e.quote:
        bad(_("{action} needs the quote of the figure it is about").format(action=e.action))
    if e.action == "add":
        if not isinstance(e.value, (int, float)) or isinstance(e.value, bool):
            bad(_("add needs a number as value, not {value!r}").format(value=e.value))
        if not e.unit or not isinstance(e.as_of_fy, int):
            bad(_("add needs unit: and as_of_fy:"))
        if not (e.quote or e.citation):
            bad(_("add needs a quote from the status or a citation (出典)"))
    if e.value is not None and (not isinstance(e.value, (int, float)) or isinstance(e.value, bool)):
        bad(_("value must be a number, not {value!r}").format(value=e.value))
    if e.action == "reject" and not e.reason:
        bad(_("reject needs a reason (why the figure is not an actual of this KPI)"))


def apply_review(review: Review, items) -> None:
    """Apply a review to the KpiItems of its fiscal year, in place; record what it overrode."""
    by_key = {(i.measure, i.kpi_index): i for i in items if i.fiscal_year == review.fiscal_year}
    for e in review.entries:
        item = by_key.get((e.measure, e.kpi_index))
        if item is None:
            raise DatasetError(_("KPI item {index} of measure {measure} is not in the FY{year} dataset").format(
                index=e.kpi_index, measure=e.measure, year=review.fiscal_year), file=review.path, line=e.line, measure=e.measure)
        if e.quote and e.quote not in item.status:
            raise DatasetError(_("quote not found in the measure's status: 「{quote}」").format(quote=e.quote),
                               file=review.path,
                               line=e.line, measure=e.measure)
        review.applied.append(_apply(e, item, review))


def _find(item, quote: str) -> int | None:
    """The actual with this quote: equal first, then one quote within the other (unreviewed ones first)."""
    for k, a in enumerate(item.actuals):
        if a.quote == quote:
            return k
    near = [k for k, a in enumerate(item.actuals) if a.quote and (quote in a.quote or a.quote in quote)]
    near.sort(key=lambda k: (item.actuals[k].source != "extracted", k))
    return near[0] if near else None


def _apply(e: Entry, item, review: Review) -> dict:
    k = _find(item, e.quote) if e.quote else None
    record = {"measure": e.measure, "kpi_index": e.kpi_index, "action": e.action, "quote": e.quote, "detail": ""}
    if e.action in ("confirm", "correct") and k is None:
        raise DatasetError(_("{action}: no extracted actual has the quote 「{quote}」").format(
            action=e.action, quote=e.quote), file=review.path,
                           line=e.line, measure=e.measure)
    if e.action == "confirm":
        item.actuals[k] = replace(item.actuals[k], source="confirmed", as_of_assumed=item.actuals[k].as_of_assumed)
    elif e.action == "correct":
        old = item.actuals[k]
        changes = {f: getattr(e, f) for f in ("value", "unit", "as_of_fy") if getattr(e, f) is not None}
        item.actuals[k] = replace(old, **changes, source="corrected", as_of_assumed=False)
        record["detail"] = "、".join(f"{FIELD_LABELS[f]}: {getattr(old, f)} → {v}" for f, v in changes.items())
    elif e.action == "reject":
        record["detail"] = e.reason or ""
        if k is None:
            record["detail"] += "（抽出されていない: 上書きするものなし）"
        else:
            del item.actuals[k]
    else:
        if k is not None and item.actuals[k].value == e.value and item.actuals[k].as_of_fy == e.as_of_fy:
            record["detail"] = "抽出済み"
        item.actuals.append(Actual(e.value, e.unit, e.as_of_fy, e.quote or "", False, None, "added", e.citation))
        if k is not None and record["detail"]:
            item.actuals.pop()
            item.actuals[k] = replace(item.actuals[k], source="confirmed")
    return record
