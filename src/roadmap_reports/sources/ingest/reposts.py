"""Reposts (再掲): which measures repeat another one.

A 施策番号 line that reads 「30 再掲４」 says so itself. When the PDF's text puts the 「再掲４」 label apart
from its number, a bare 施策番号 with no content is left, and a lone label somewhere on the same page:
which label belongs to which number is decided by a `repost` correction, or reported.
"""

from __future__ import annotations

from roadmap_reports.errors import IngestError, Problem
from roadmap_reports.sources.ingest.structure import Block, Label, Structure
from roadmap_reports.i18n import _

__all__ = ["pair_reposts"]


def pair_reposts(st: Structure, corrections, ambiguities: list, applied: list, source) -> dict[int, int]:
    """{measure id: the id it reposts}; applied corrections go to `applied`, open questions to `ambiguities`."""
    blocks, labels = st.blocks(), st.labels()
    repost_of: dict[int, int] = {b.id: b.label for b in blocks if b.label is not None}
    used_labels: set[int] = set()
    for b in blocks:
        if b.label is not None or b.content:
            continue
        c = corrections.find("repost", b.line, measure=b.id)
        if c is not None:
            label = _corrected_label(b, c, labels, used_labels, corrections)
            used_labels.add(label.line)
            repost_of[b.id] = label.target
            applied.append(c)
            continue
        same_page = [f"再掲{x.target} (line {x.line})" for x in labels if x.page == b.page]
        ambiguities.append(Problem(
            _("bare 施策番号 {id} with no content; which separated 再掲 label is it? labels on this page: {value}").format(
                  id=b.id, value=', '.join(same_page) or 'none'),
            file=source, line=b.line, measure=b.id, kind="repost"))
    if not ambiguities:
        for x in labels:
            if x.line not in used_labels:
                ambiguities.append(Problem(_("lone label 再掲{target} is not paired with a bare 施策番号").format(
                                                 target=x.target),
                                           file=source, line=x.line, kind="repost"))
    return repost_of


def _corrected_label(b: Block, c, labels: list[Label], used_labels: set[int], corrections) -> Label:
    """The label a repost correction pairs with bare number `b`; IngestError (at the correction) if none fits."""
    label = next((x for x in labels if x.line == c.label_line and x.page == b.page), None)
    if label is None:  # lines moved: the unused label of that target on the same page
        label = next((x for x in labels if x.page == b.page and x.target == c.repost_of
                      and x.line not in used_labels), None)
    where = {"file": corrections.file, "line": c.file_line, "measure": b.id}
    if label is None:
        raise IngestError(_("correction: no lone 再掲{repost_of} label on the page of measure {id} (line "
                            "{label_line})").format(repost_of=c.repost_of, id=b.id, label_line=c.label_line), **where)
    if label.target != c.repost_of:
        raise IngestError(_("correction: the label at line {line} reads 再掲{target}, not 再掲{repost_of}").format(
            line=label.line, target=label.target, repost_of=c.repost_of), **where)
    if label.line in used_labels:
        raise IngestError(_("correction: the label at line {line} is paired twice").format(line=label.line), **where)
    return label
