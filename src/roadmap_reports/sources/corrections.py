"""The corrections file: explicit, reviewable decisions for what the report's layout leaves open.

    corrections:
    - kind: repost          # a bare 施策番号 paired with a 再掲 label printed apart from it
      measure: 30
      line: 1113            # source line of the bare number
      label_line: 1169      # source line of the lone 「再掲４」
      repost_of: 4
      reason: ...
    - kind: subsection      # (or section) the first measure a heading heads
      line: 545             # source line of the heading
      text: ◎日本語教育の質の向上等   # the heading as printed (matched if the line moved)
      measure: 11
      reason: ...
    - kind: wrap            # a line that exactly fills its column: hard wrap (join) or paragraph end
      measure: 2
      line: 165
      text: る日本語能力の向上を図る先導的な日本語教育を実施する。
      join: true
      reason: ...
    - kind: wrap            # the same question in a report PDF: by page instead of line
      measure: 36
      page: 7               # the page the full line is printed on
      text: …               # the printed line, whole
      join: false
      reason: ...

Every entry needs `reason`. An entry that matches nothing in the source is an error, so a stale
file never applies silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.errors import IngestError
from roadmap_reports.i18n import _, ngettext

KINDS = {
    "repost": ("measure", "line", "label_line", "repost_of"),
    "section": ("measure", "line", "text"),
    "subsection": ("measure", "line", "text"),
    "wrap": ("measure", "line", "text", "join"),
}
ALTERNATIVES = {"wrap": {"line": "page"}}  # a wrap in a PDF is addressed by its page instead of a line


@dataclass(frozen=True)
class Correction:
    """One decision of the corrections file: its kind, the source line it decides, and the answer."""

    kind: str
    line: int | None
    measure: int | None
    reason: str
    label_line: int | None = None
    repost_of: int | None = None
    join: bool | None = None
    text: str | None = None  # the source line as printed (headings, wraps): matched when lines shift
    file_line: int | None = None  # where the entry is in the corrections file
    page: int | None = None  # a PDF's page (wrap entries for `ingest REPORT.pdf`), instead of `line`

    def describe(self) -> str:
        """What the correction decides, in one line."""
        if self.kind == "repost":
            return f"measure {self.measure} is 再掲{self.repost_of} (label at line {self.label_line})"
        if self.kind in ("section", "subsection"):
            return f"the {self.kind} heading at line {self.line} starts at measure {self.measure}"
        where = f"page {self.page}" if self.page is not None else f"line {self.line}"
        return f"{where}: a line of measure {self.measure} {'wraps' if self.join else 'ends a paragraph'}"

    def where(self) -> str:
        """What the entry addresses: ``source line N`` or ``page N``."""
        return f"page {self.page}" if self.page is not None else f"source line {self.line}"


class Corrections(list):
    """A list of Correction with lookups by kind and source line."""

    def __init__(self, items=(), file=None):
        super().__init__(items)
        self.file = str(file) if file is not None else None

    def find(self, kind: str, line: int, text: str | None = None, measure: int | None = None) -> Correction | None:
        """The correction for an ambiguity: by kind and source line, or, when blank lines or a
        different extraction moved the line, by the measure (reposts) or the line's text."""
        mine = [c for c in self if c.kind == kind and c.page is None]
        exact = next((c for c in mine if c.line == line and (text is None or c.text is None or c.text == text)),
                     None)
        if exact is not None:
            return exact
        if kind == "repost":
            return next((c for c in mine if c.measure == measure), None)
        same_text = [c for c in mine if text is not None and c.text == text]
        if kind == "wrap":
            same_text = [c for c in same_text if c.measure == measure]
        return same_text[0] if len(same_text) == 1 else None

    def find_on_page(self, page: int, text: str, measure: int) -> Correction | None:
        """The `wrap` correction for a full line of a PDF: by measure, page and the printed line; when the
        pages moved (another paper), the one entry of that measure with that line."""
        mine = [c for c in self if c.kind == "wrap" and c.page is not None and c.measure == measure
                and c.text == text]
        exact = next((c for c in mine if c.page == page), None)
        return exact if exact is not None else mine[0] if len(mine) == 1 else None

    def of_kind(self, kind: str) -> list[Correction]:
        """The corrections of one kind, in file order."""
        return [c for c in self if c.kind == kind]


def load_corrections(path) -> Corrections:
    """Read and check a corrections YAML file."""
    import yaml

    from roadmap_reports.io.files import read_text

    path = Path(path)
    text, _enc = read_text(path, error=IngestError)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise IngestError(_("YAML syntax error: {value}").format(value=exc.problem or exc.context), file=path,
                          line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
        raise IngestError(_("a corrections file is a mapping with a 'corrections' list"), file=path, line=1)
    item_lines = []
    for k, v in node.value:
        if k.value == "corrections":
            item_lines = [item.start_mark.line + 1 for item in v.value]
    out = Corrections(file=path)
    seen = {}
    for i, entry in enumerate(data["corrections"]):
        where = item_lines[i] if i < len(item_lines) else None
        if not isinstance(entry, dict):
            raise IngestError(_("each correction is a mapping"), file=path, line=where)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise IngestError(_("unknown correction kind {kind!r} (use {value})").format(kind=kind,
                                    value=', '.join(KINDS)), file=path, line=where)
        required = _required(kind, entry)
        allowed = set(KINDS[kind]) | set(ALTERNATIVES.get(kind, {}).values()) | {"kind", "reason"}
        extra = sorted(set(entry) - allowed)
        if extra:
            raise IngestError(ngettext("unknown key {keys} in a {kind} correction",
                                       "unknown keys {keys} in a {kind} correction", len(extra)).format(
                keys=", ".join(map(repr, extra)), kind=kind), file=path, line=where)
        missing = [k for k in (*required, "reason") if entry.get(k) is None or entry.get(k) == ""]
        if missing:
            raise IngestError(_("{kind} correction needs {value}").format(kind=kind, value=', '.join(missing)),
                                                                         file=path, line=where,
                              measure=entry.get("measure") if isinstance(entry.get("measure"), int) else None)
        for key in required:
            want = bool if key == "join" else str if key == "text" else int
            if not isinstance(entry[key], want) or (want is int and isinstance(entry[key], bool)):
                what = {bool: "true or false", str: "a string", int: "a number"}[want]
                raise IngestError(_("{key} must be {what}").format(key=key, what=what), file=path, line=where)
        key = (kind, entry.get("line"), entry.get("page"), None if "line" in entry else entry.get("text"))
        if key in seen:
            message = (_("two {kind} corrections for source line {value} (also at line {value2})") if "line" in entry
                       else _("two {kind} corrections for the same line of page {value} (also at line {value2})"))
            raise IngestError(message.format(kind=kind, value=entry.get("line", entry.get("page")), value2=seen[key]),
                              file=path, line=where)
        seen[key] = where
        out.append(Correction(kind=kind, line=entry.get("line"), page=entry.get("page"), measure=entry.get("measure"),
                              reason=str(entry["reason"]), label_line=entry.get("label_line"),
                              repost_of=entry.get("repost_of"), join=entry.get("join"), text=entry.get("text"),
                              file_line=where))
    return out


def check_used(corrections, applied: list, source) -> None:
    """A correction that matched nothing is an error: a stale corrections file never applies silently (the
    text path and the PDF path alike)."""
    unused = [c for c in corrections if c not in applied]
    if not unused:
        return
    c = unused[0]
    if c.page is None:
        message = _("correction ({kind}, source line {line}) matches nothing in {source}; remove it or fix "
                    "its line").format(kind=c.kind, line=c.line, source=source)
    else:
        message = _("correction ({kind}, page {page}) matches nothing in {source}; remove it or fix its page "
                    "and text").format(kind=c.kind, page=c.page, source=source)
    raise IngestError(message, file=corrections.file, line=c.file_line, measure=c.measure)


def _required(kind: str, entry: dict) -> tuple:
    """The keys an entry of `kind` needs: a wrap names its source `line`, or in a PDF its `page`."""
    keys = KINDS[kind]
    for key, other in ALTERNATIVES.get(kind, {}).items():
        if key not in entry and other in entry:
            keys = tuple(other if k == key else k for k in keys)
    return keys
