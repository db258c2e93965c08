"""Naming what changed in the rows of a returned measures sheet: rows added, deleted, reordered or renumbered,
and continuation rows (「（Nの続き）」) added, deleted or blanked — each finding at its sheet!cell (rounds.read)."""

from __future__ import annotations

from roadmap_reports.rounds.layout import DATA_SHEET, FIRST_ROW, column_letter, is_continued


def name_row_changes(ret, found: list, expected: list, ids: list[int]) -> None:
    """Record in `ret` (a read.Return) why the number column `found` (from the first data row on) is not
    `expected` (each measure's id, then its continuation labels); `ids`: the measures in order."""
    firsts = [j for j, x in enumerate(found) if isinstance(x, int)]
    j = next(j for j, (a, b) in enumerate(zip(found + [None] * len(expected), expected + [None] * len(found)))
             if a != b)
    if [found[k] for k in firsts] == ids and j < len(expected) and is_continued(expected[j]):
        ret.error("tampering", "continuation_row_changed", place=f"{DATA_SHEET}!A{FIRST_ROW + j}",
                  measure=_measure_at(expected, j), found=found[j] if j < len(found) else None,
                  expected=expected[j])
        return
    labelled = [k for k, x in enumerate(found) if not is_continued(x)]
    starts = [FIRST_ROW + k for k, x in enumerate(expected) if isinstance(x, int)]
    _row_findings(ret, [found[k] for k in labelled], ids, [FIRST_ROW + k for k in labelled], starts)


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
