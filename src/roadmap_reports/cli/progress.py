"""A progress bar measured by display width, updated in place on a terminal, silent on a pipe.

Click's bar counts characters: a Japanese file name (two columns a character) overflows the line, which
then wraps, and every update leaves a new line. This one measures with `japanese.width.display_width`,
cuts the item's name to the columns left, and rewrites the one line with a carriage return.
"""

from __future__ import annotations

import shutil
import sys

from roadmap_reports.japanese.width import char_width, display_width

ELLIPSIS = "…"  # two columns in a Japanese terminal (East Asian Ambiguous)


def fit(text: str, columns: int) -> str:
    """`text` cut to at most `columns` display columns (with … when cut)."""
    if display_width(text) <= columns:
        return text
    out, used, room = "", 0, columns - display_width(ELLIPSIS)
    for c in text:
        w = char_width(c)
        if used + w > room:
            break
        out += c
        used += w
    return out + ELLIPSIS


class Progress:
    """`with Progress(total, label) as bar: bar.update(name)` — a no-op unless `enabled`."""

    def __init__(self, total: int, label: str, *, enabled: bool, stream=None, columns: int | None = None):
        self.total, self.label, self.enabled = max(total, 1), label, enabled
        self.stream = stream or sys.stderr
        self.columns = columns or shutil.get_terminal_size((80, 24)).columns
        self.done, self._last = 0, 0

    def line(self, item: str = "") -> str:
        """The bar's text after `done` of `total` items, `item` the last one, fitting columns - 1."""
        counter = f" {self.done}/{self.total}"
        bar_width = max(10, min(30, self.columns // 4))
        filled = bar_width * self.done // self.total
        head = f"{self.label} [{'#' * filled}{'-' * (bar_width - filled)}]{counter}"
        head = fit(head, self.columns - 1)
        room = self.columns - 1 - display_width(head) - 2
        return head + (f"  {fit(item, room)}" if item and room > 3 else "")

    def _show(self, text: str) -> None:
        pad = " " * max(0, self._last - display_width(text))
        self.stream.write("\r" + text + pad)
        self.stream.flush()
        self._last = display_width(text)

    def update(self, item=None) -> None:
        self.done += 1
        if self.enabled:
            name = getattr(item, "name", None) or (str(item) if item is not None else "")
            self._show(self.line(name))

    def __enter__(self):
        if self.enabled:
            self._show(self.line())
        return self

    def __exit__(self, *exc):
        if self.enabled:  # leave the line clean for what comes next
            self._show("")
            self.stream.write("\r")
            self.stream.flush()
        return False
