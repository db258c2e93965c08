"""Naming what changed in the rows of a returned measures sheet: heading rows changed or moved, rows added,
deleted, reordered or renumbered, and continuation rows (「（Nの続き）」) added, deleted or blanked — each finding at
its sheet!cell (rounds.read)."""

from __future__ import annotations

from roadmap_reports.rounds.layout import (DATA_SHEET, FIRST_ROW, Heading, column_letter, is_continued,
                                           is_heading_row, row_labels)


def check_row_labels(ret, table: list[list], rows: list, counts: list[int], layout) -> list[int] | None:
    """The rows of the measures sheet (`table`: each row's values across the table, from FIRST_ROW to the last row
    with content) against those the layout writes for `rows` (each taking `counts` rows): the measures' numbers
    and continuation labels first, then the heading rows (told by their shape: layout.is_heading_row). Records
    in `ret` (a read.Return) what changed; returns the row each measure starts at, or None."""
    expected = [("h", _text(x.text)) if isinstance(x, Heading) else ("m", x)
                for x in row_labels(rows, counts, layout)]
    found = [("h", _text(v[0])) if layout.heading_rows and is_heading_row(v) else ("m", v[0]) for v in table]
    measures = [[(FIRST_ROW + i, x) for i, (kind, x) in enumerate(seq) if kind == "m"] for seq in (found, expected)]
    (fm, em) = ([x for _r, x in seq] for seq in measures)
    if fm != em:
        name_row_changes(ret, fm, em, [r.id for r in rows], [r for r, _x in measures[0]], [r for r, _x in measures[1]])
        return None
    fh, eh = ([(FIRST_ROW + i, x) for i, (kind, x) in enumerate(seq) if kind == "h"] for seq in (found, expected))
    if len(fh) == len(eh) and [x for _r, x in fh] != [x for _r, x in eh]:
        (r, value), (_r, want) = next((a, b) for a, b in zip(fh, eh) if a[1] != b[1])
        ret.error("tampering", "heading_row_changed", place=f"{DATA_SHEET}!A{r}",
                  value=value if len(value) <= 60 else value[:59] + "…", expected=want)
        return None
    if found != expected:
        j = next(j for j, (a, b) in enumerate(zip(found + [("m", None)] * len(expected),
                                                  expected + [("m", None)] * len(found))) if a != b)
        ret.error("tampering", "heading_rows_moved", place=f"{DATA_SHEET}!A{FIRST_ROW + j}",
                  found=found[j][1] if j < len(found) else None, expected=expected[j][1] if j < len(expected) else None)
        return None
    return [r for r, x in measures[1] if isinstance(x, int)]


def _text(value) -> str:
    """A heading's text for comparing: line ends as \\n, trailing whitespace dropped (spreadsheet round trips)."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").rstrip()


def name_row_changes(ret, found: list, expected: list, ids: list[int], found_at: list[int],
                     expected_at: list[int]) -> None:
    """Record in `ret` (a read.Return) why the number column's measure rows `found` (at the sheet rows
    `found_at`) are not `expected` (each measure's id, then its continuation labels, written at the rows
    `expected_at`); `ids`: the measures in order."""
    firsts = [j for j, x in enumerate(found) if isinstance(x, int)]
    j = next(j for j, (a, b) in enumerate(zip(found + [None] * len(expected), expected + [None] * len(found)))
             if a != b)
    if [found[k] for k in firsts] == ids and j < len(expected) and is_continued(expected[j]):
        at = found_at[j] if j < len(found_at) else expected_at[j]
        ret.error("tampering", "continuation_row_changed", place=f"{DATA_SHEET}!A{at}",
                  measure=_measure_at(expected, j), found=found[j] if j < len(found) else None,
                  expected=expected[j])
        return
    labelled = [k for k, x in enumerate(found) if not is_continued(x)]
    starts = [expected_at[k] for k, x in enumerate(expected) if isinstance(x, int)]
    _row_findings(ret, [found[k] for k in labelled], ids, [found_at[k] for k in labelled], starts)


def _measure_at(labels: list, j: int) -> int:
    """The measure whose rows include the j-th of `labels` (ids and 「（Nの続き）」 labels in sheet order)."""
    return next(x for x in reversed(labels[: j + 1]) if isinstance(x, int))


def _row_findings(ret, found: list, ids: list[int], at: list[int], starts: list[int]) -> None:
    """Name rows added, deleted, reordered or renumbered (`found`: the numbers of the measures' first rows, at
    the sheet rows `at`; `starts`: the rows where the measures `ids` were written)."""
    import difflib

    col = column_letter("id")

    def row_no(j: int) -> int:
        return at[j] if j < len(at) else (at[-1] + 1 if at else FIRST_ROW)

    def place(j: int) -> str:
        return f"{DATA_SHEET}!{col}{row_no(j)}"

    def reordered(j: int, want: int) -> None:
        ret.error("tampering", "rows_reordered", place=place(j), measure=want, found=found[j])

    def added(j: int) -> None:
        ret.error("tampering", "row_added", place=place(j), number=found[j])

    if sorted(found, key=str) == sorted(ids, key=str):
        for j, want in enumerate(ids):
            if found[j] != want:
                reordered(j, want)
        return
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ids, b=found, autojunk=False).get_opcodes():
        if tag == "insert":
            for j in range(j1, j2):
                added(j)
        elif tag == "delete":
            for i in range(i1, i2):
                ret.error("tampering", "row_deleted_at", place=place(j1), measure=ids[i], row=starts[i])
        elif tag == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if j >= j2:
                    ret.error("tampering", "row_deleted", place=place(j2), measure=ids[i])
                elif i >= i2:
                    added(j)
                elif found[j] in ids:
                    reordered(j, ids[i])
                else:
                    ret.error("tampering", "number_changed", place=place(j), measure=ids[i], found=found[j])
