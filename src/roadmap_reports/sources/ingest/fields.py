"""The columns of one measure: a block's lines split into 具体的取組, KPI, 担当省庁 and 実施状況.

The 担当省庁 cell is found by the registry's names (a name may wrap over several lines, the KPI's last
line may share the ministry's line); the lines before it are the 具体的取組 and the KPI (the KPI column
is narrow), the lines after it the 実施状況. KPI items start at each 「・」; a status tagged 【省】 by
parts is split by ministry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roadmap_reports.errors import IngestError
from roadmap_reports.sources.ingest.layout import (KPI_MAX_WIDTH, MINISTRY_LIKE, MINISTRY_MAX_WIDTH, PARAGRAPH_END,
                                                   TAG_LINE, width)
from roadmap_reports.sources.ingest.lines import SourceLine
from roadmap_reports.sources.ingest.structure import Block
from roadmap_reports.sources.ingest.wraps import wrap_decision

__all__ = ["Fields", "ministry_names", "fields_of", "split_initiative_kpi", "kpi_items", "status_parts"]


def ministry_names() -> list[str]:
    """The registry's ministry names, longest first (a longer name wins over its prefix)."""
    from roadmap_reports.ministries import MINISTRIES

    return sorted((m.name for m in MINISTRIES), key=len, reverse=True)


@dataclass
class Fields:
    """The lines of one measure's columns (the KPI is split from `initiative` by split_initiative_kpi)."""

    initiative: list[SourceLine]
    kpi: list[SourceLine]
    ministries: list[str]
    ministry_lines: list[int]
    status: list[SourceLine]

    @property
    def kpi_shares_ministry_line(self) -> bool:
        """Whether the last line before the ministry cell is the KPI's line shared with the ministry."""
        return bool(self.initiative) and self.initiative[-1].no == self.ministry_lines[0]


def _match_ministry(lines: list[SourceLine], i: int, names: list[str]) -> int:
    """How many lines from i form one ministry cell (0 if none)."""
    joined = ""
    for k in range(i, min(i + 5, len(lines))):
        joined += lines[k].text
        if joined in names:
            return k - i + 1
        if not any(n.startswith(joined) for n in names):
            return 0
    return 0


def _ministry_start(lines: list[SourceLine], names: list[str]) -> tuple[int | None, SourceLine | None]:
    """Where the ministry cell starts, and the KPI's text if it shares the ministry's line."""
    for i in range(1, len(lines)):
        if _match_ministry(lines, i, names):
            return i, None
        t = lines[i].text
        for name in names:
            if t.endswith(" " + name) and t[: -len(name)].strip():
                return i, SourceLine(lines[i].no, t[: -len(name)].rstrip())
    return None, None


def fields_of(block: Block, source, names: list[str]) -> Fields:
    """Split a block's lines at its ministry cell; IngestError if no ministry of the registry is found."""
    lines = block.content
    start, shared_kpi = _ministry_start(lines, names)
    if start is None:
        _unknown_ministry(lines, range(1, len(lines)), block, source)
        from roadmap_reports.i18n import _

        raise IngestError(_("no 担当省庁 line found (a ministry missing from the registry? see --ministries)"),
                          file=source, line=block.line, measure=block.id)
    ministries, ministry_lines = [], []
    i = start
    if shared_kpi is not None:
        ministries.append(lines[i].text[len(shared_kpi.text):].strip())
        ministry_lines.append(lines[i].no)
        i += 1
    while i < len(lines):
        k = _match_ministry(lines, i, names)
        if not k:
            break
        ministries.append("".join(x.text for x in lines[i:i + k]))
        ministry_lines.extend(x.no for x in lines[i:i + k])
        i += k
    _unknown_ministry(lines, range(i, i + 1), block, source)  # a second owner the registry does not know
    pre = lines[:start] + ([shared_kpi] if shared_kpi is not None else [])
    return Fields(pre, [], ministries, ministry_lines, lines[i:])


def _ministry_like(lines: list[SourceLine], i: int) -> str | None:
    """The name of a 担当省庁 cell starting at line i that the registry may not know: up to 5 lines of
    the column's width, joined, ending as the name of a ministry, agency or bureau does; or, the KPI
    sharing the line, the line's last word."""
    joined = ""
    for k in range(i, min(i + 5, len(lines))):
        t = lines[k].text
        if k == i and " " in t.strip() and MINISTRY_LIKE.search(t.rsplit(" ", 1)[1]):
            tail = t.rsplit(" ", 1)[1]
            return tail if width(tail) <= MINISTRY_MAX_WIDTH else None
        if width(t) > MINISTRY_MAX_WIDTH or t[-1:] in PARAGRAPH_END - {"）"}:
            return None
        joined += t
        if MINISTRY_LIKE.search(joined):
            return joined
    return None


def _unknown_ministry(lines: list[SourceLine], starts, block: Block, source) -> None:
    """Raise a located IngestError, with the registry's closest name, for a 担当省庁 cell at one of
    `starts` the registry does not know (the closest to a known name where several lines could be one)."""
    from rapidfuzz import fuzz

    from roadmap_reports.ministries import not_registered, registry

    names = [m.name for m in registry().ministries]
    found = [(name, k) for k in starts if (name := _ministry_like(lines, k))]
    if not found:
        return
    name, k = max(found, key=lambda f: max(fuzz.ratio(f[0], n) for n in names))
    raise IngestError(not_registered(name), file=source, line=lines[k].no, measure=block.id)


def split_initiative_kpi(pre: list[SourceLine], column: float, shared: bool) -> tuple[list, list]:
    """Split the lines before the ministry into 具体的取組 and KPI.

    The KPI column is narrow: the KPI is the run of narrow lines at the end, except that the
    first of them may be the last line of the 具体的取組 paragraph (it then ends the sentence
    right after a line that wrapped).
    """
    if shared:  # the KPI's last line shared the ministry's line: it is KPI whatever its width
        head, tail = split_initiative_kpi(pre[:-1], column, False)
        return head, tail + pre[-1:]
    s = len(pre)
    while s > 1 and width(pre[s - 1].text) <= KPI_MAX_WIDTH:
        s -= 1
    if s < len(pre) and s >= 1:
        a, b = pre[s - 1].text, pre[s].text
        if wrap_decision(a, b, column) != "break" and b[-1] in PARAGRAPH_END:
            s += 1
    return pre[:s], pre[s:]


def kpi_items(lines: list[SourceLine]) -> list[str]:
    """KPI items: a new item at each 「・」 (dropped); a 「※」 note is a new paragraph of its item."""
    items: list[str] = []
    for ln in lines:
        t = ln.text
        if t.startswith("・"):
            items.append(t[1:])
        elif not items:
            items.append(t)
        elif t.startswith("※"):
            items[-1] += "\n" + t
        elif items[-1] and _first_is_label(items[-1]):
            items.append(t)
        else:
            items[-1] += t
    return [x for x in items if x]


def _first_is_label(text: str) -> bool:
    """A caption such as 「（参考指標）」 stands alone above the bullets that follow it."""
    return bool(re.fullmatch(r"（[^（）]+）", text))


def status_parts(status: str, ministries: list[str]) -> dict[str, str]:
    """{ministry: its part} when the status holds parts tagged 【省】 on their own lines."""
    from roadmap_reports.ministries import lookup

    parts: dict[str, list[str]] = {}
    current = None
    for para in status.split("\n"):
        m = TAG_LINE.match(para)
        if m and lookup(m.group(1)) is not None and lookup(m.group(1)).name in ministries:
            current = lookup(m.group(1)).name
            parts[current] = []
            continue
        if current is None:
            if para.strip():
                return {}
            continue
        parts[current].append(para)
    return {k: "\n".join(v) for k, v in parts.items()}
