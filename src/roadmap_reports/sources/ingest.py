"""Parse the flattened text of the published report (PDF → text) into a `Roadmap`.

The report is a five-column table (施策番号, 具体的取組, KPI, 担当省庁, 実施状況) flattened page by
page. What the layout decides is applied by rule; what it leaves open (which measure a heading
starts, which 再掲 label belongs to a bare number, whether a line that exactly fills its column
ends a paragraph) is reported as an `Ambiguity` and must be decided by an explicit correction
(see corrections.py and docs/dataset.md). Nothing is guessed silently.

Text is kept exactly as printed: hard wraps are joined without inserting anything, paragraph and
bullet breaks become "\\n", KPI bullet marks 「・」 are dropped.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_reports.errors import IngestError
from roadmap_reports.model import Measure, Roadmap, Section, Subsection

# --- layout vocabulary ---------------------------------------------------------------------------
COLUMN_HEADER = "施策番号 具体的取組 KPI 担当省庁 実施状況"
TITLE_MARK = "ロードマップの実施状況"
_DIGITS = "0-9０-９"
RE_NUMBER = re.compile(rf"^([0-9]{{1,3}})$")
RE_NUMBER_REPOST = re.compile(rf"^([0-9]{{1,3}})\s+再掲\s*([{_DIGITS}]+)$")
RE_LABEL = re.compile(rf"^再掲\s*([{_DIGITS}]+)$")
RE_AS_OF = re.compile(rf"^令和([{_DIGITS}]+|元)年([{_DIGITS}]+)月末?時点$")
RE_TITLE = re.compile(rf"^(令和([{_DIGITS}]+|元)年度.*{TITLE_MARK})(?:\s+(令和\S+時点))?$")
RE_SECTION = re.compile(r"^([１-９])．(?![０-９0-9])(\S.*)$")
RE_SUBSECTION = re.compile(r"^[\s\u3000]*(◎.*)$")
TAG_LINE = re.compile(r"^【([^】]+)】$")

# Japanese line-breaking rules (禁則) as Excel applies them: characters that never start a line
# and characters that never end one.
NO_LINE_START = set("!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕゛゜ゝゞ・ヽヾ！％），．：；？］｝｡｣､･"
                    "ｧｨｩｪｫｬｭｮｯｰﾞﾟ￠ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー")
NO_LINE_END = set("$([\\{£¥‘“〈《「『【〔＄（［｛｢￡￥")
# Lines that start a new paragraph whatever their width (a wrap can never start with them).
BULLETS = ("・",)
# A paragraph of the report ends with one of these; a line ending otherwise stops mid-sentence.
PARAGRAPH_END = set("。．）」』】〕］｝)]:：")
# Half-width characters are drawn a little wider than half an em in the report's font.
HALF_WIDTH_MIN, HALF_WIDTH_MAX = 1.0, 1.3


def char_width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "FWA" and ord(c) > 0x7F else 1


def _width(text: str, half: float = 1.0) -> float:
    return sum(2 if char_width(c) == 2 else half for c in text)


def _int(digits: str) -> int:
    return 1 if digits == "元" else int(unicodedata.normalize("NFKC", digits))


# --- results -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ambiguity:
    """Something the layout leaves open. `kind` and `line` identify it for a correction."""

    kind: str  # "repost", "section", "subsection", "wrap"
    line: int
    measure: int | None
    message: str
    options: tuple = ()
    text: str = ""  # the source line as printed (what a correction's `text` must repeat)

    def format(self, source) -> str:
        where = f"{source}:{self.line}"
        if self.measure is not None:
            where += f": measure {self.measure}"
        return f"{where}: {self.message}"


@dataclass
class IngestResult:
    roadmap: Roadmap | None  # None while any ambiguity is undecided
    encoding: str
    ambiguities: list[Ambiguity] = field(default_factory=list)
    applied: list = field(default_factory=list)  # corrections.Correction
    source: str = ""

    @property
    def ok(self) -> bool:
        return self.roadmap is not None and not self.ambiguities


# --- source lines ---------------------------------------------------------------------------------
@dataclass
class _Line:
    no: int
    raw: str  # right-stripped, leading whitespace kept

    @property
    def text(self) -> str:
        return self.raw.strip()


@dataclass
class _Heading:
    level: str  # "section" | "subsection"
    line: int
    title: str
    number: int | None = None  # section number
    page: int = 0


@dataclass
class _Block:
    """One 施策番号 line and the text lines that follow it."""

    id: int
    line: int
    page: int
    label: int | None = None  # 再掲 target printed on the number line
    content: list[_Line] = field(default_factory=list)


@dataclass
class _Label:
    target: int
    line: int
    page: int


def split_lines(text: str) -> list[_Line]:
    """Lines numbered as an editor numbers them; CR/CRLF/LF alike, trailing whitespace dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    out = []
    for i, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        raw = raw.replace("\x0c", "").rstrip()
        out.append(_Line(i, raw))
    return out


# --- pass 1: structure ------------------------------------------------------------------------------
@dataclass
class _Structure:
    title: str | None = None
    title_line: int | None = None
    as_of: str | None = None
    elements: list = field(default_factory=list)  # _Heading | _Block | _Label in text order
    pages: int = 0
    header_lines: list[int] = field(default_factory=list)


def _is_header(text: str) -> bool:
    return " ".join(unicodedata.normalize("NFKC", text).split()) == COLUMN_HEADER


def _structure(lines: list[_Line], source) -> _Structure:
    st = _Structure()
    page = 0
    current: _Block | None = None
    next_section = 1
    seen_ids: dict[int, int] = {}
    for ln in lines:
        t = ln.text
        if not t:
            continue
        if _is_header(t):
            page += 1
            st.header_lines.append(ln.no)
            continue
        m = RE_TITLE.match(t)
        if m and TITLE_MARK in t:
            if st.title is None:
                st.title, st.title_line = m.group(1), ln.no
            if m.group(3):
                st.as_of = st.as_of or m.group(3)
            st.header_lines.append(ln.no)
            continue
        if RE_AS_OF.match(t):
            st.as_of = st.as_of or t
            st.header_lines.append(ln.no)
            continue
        if page == 0:
            raise IngestError(f"text before the column header 「{COLUMN_HEADER}」: 「{t[:30]}」",
                              file=source, line=ln.no)
        m = RE_NUMBER.match(t) or RE_NUMBER_REPOST.match(t)
        if m:
            mid = int(m.group(1))
            if mid in seen_ids:
                raise IngestError(f"施策番号 {mid} appears twice (also at line {seen_ids[mid]})", file=source,
                                  line=ln.no, measure=mid)
            seen_ids[mid] = ln.no
            label = _int(m.group(2)) if m.re is RE_NUMBER_REPOST else None
            current = _Block(mid, ln.no, page, label)
            st.elements.append(current)
            continue
        m = RE_LABEL.match(t)
        if m:
            st.elements.append(_Label(_int(m.group(1)), ln.no, page))
            current = None
            continue
        m = RE_SECTION.match(t)
        if m and _int(m.group(1)) == next_section:
            st.elements.append(_Heading("section", ln.no, t, next_section, page))
            next_section += 1
            current = None
            continue
        m = RE_SUBSECTION.match(ln.raw)
        if m:
            st.elements.append(_Heading("subsection", ln.no, m.group(1), None, page))
            current = None
            continue
        if current is None:
            raise IngestError(f"text outside any measure (no 施策番号 line before it): 「{t[:30]}」",
                              file=source, line=ln.no)
        if current.label is not None:
            raise IngestError(f"the 再掲 line of measure {current.id} is followed by text: 「{t[:30]}」",
                              file=source, line=ln.no, measure=current.id)
        current.content.append(ln)
    st.pages = page
    return st


# --- pass 2: fields of one measure ----------------------------------------------------------------
def _ministry_names() -> list[str]:
    from roadmap_reports.ministries import MINISTRIES

    return sorted((m.name for m in MINISTRIES), key=len, reverse=True)


@dataclass
class _Fields:
    initiative: list[_Line]
    kpi: list[_Line]
    ministries: list[str]
    ministry_lines: list[int]
    status: list[_Line]


def _match_ministry(lines: list[_Line], i: int, names: list[str]) -> int:
    """How many lines from i form one ministry cell (0 if none)."""
    joined = ""
    for k in range(i, min(i + 5, len(lines))):
        joined += lines[k].text
        if joined in names:
            return k - i + 1
        if not any(n.startswith(joined) for n in names):
            return 0
    return 0


def _fields(block: _Block, source, names: list[str]) -> _Fields:
    lines = block.content
    start = None
    shared_kpi: _Line | None = None
    for i in range(1, len(lines)):
        if _match_ministry(lines, i, names):
            start = i
            break
        t = lines[i].text
        for name in names:
            if t.endswith(" " + name) and t[: -len(name)].strip():
                shared_kpi = _Line(lines[i].no, t[: -len(name)].rstrip())
                start = i
                break
        if start is not None:
            break
    if start is None:
        raise IngestError("no 担当省庁 line found (a ministry missing from the registry?)", file=source,
                          line=block.line, measure=block.id)
    ministries, ministry_lines = [], []
    i = start
    if shared_kpi is not None:
        name = lines[i].text[len(shared_kpi.text):].strip()
        ministries.append(name)
        ministry_lines.append(lines[i].no)
        i += 1
    while i < len(lines):
        k = _match_ministry(lines, i, names)
        if not k:
            break
        ministries.append("".join(x.text for x in lines[i:i + k]))
        ministry_lines.extend(x.no for x in lines[i:i + k])
        i += k
    pre = lines[:start]
    status = lines[i:]
    if shared_kpi is not None:
        pre = pre + [shared_kpi]
    return _Fields(pre, [], ministries, ministry_lines, status)


KPI_MAX_WIDTH = 26  # the KPI column holds about 12 full-width characters


def _split_initiative_kpi(pre: list[_Line], width: float, shared: bool) -> tuple[list[_Line], list[_Line]]:
    """Split the lines before the ministry into 具体的取組 and KPI.

    The KPI column is narrow: the KPI is the run of narrow lines at the end, except that the
    first of them may be the last line of the 具体的取組 paragraph (it then ends the sentence
    right after a line that wrapped).
    """
    if shared:  # the KPI's last line shared the ministry's line: it is KPI whatever its width
        head, tail = _split_initiative_kpi(pre[:-1], width, False)
        return head, tail + pre[-1:]
    s = len(pre)
    while s > 1 and _width(pre[s - 1].text) <= KPI_MAX_WIDTH:
        s -= 1
    if s < len(pre) and s >= 1:
        a, b = pre[s - 1].text, pre[s].text
        if _wrap_decision(a, b, width) != "break" and b[-1] in PARAGRAPH_END:
            s += 1
    return pre[:s], pre[s:]


# --- joining hard wraps -----------------------------------------------------------------------------
def _room_needed(b: str) -> float:
    """Width line A would have needed to take B's first character (with 禁則)."""
    need = char_width(b[0])
    if len(b) > 1 and (b[1] in NO_LINE_START or b[0] in NO_LINE_END):
        need += char_width(b[1])
    return need


def _wrap_decision(a: str, b: str, width: float) -> str:
    """'wrap', 'break' or 'ambiguous' for the boundary between consecutive lines a and b."""
    if b.startswith(BULLETS):
        return "break"
    if b[0] in NO_LINE_START:
        return "wrap"
    need = _room_needed(b)
    lo, hi = _width(a, HALF_WIDTH_MIN), _width(a, HALF_WIDTH_MAX)
    fits_lo, fits_hi = lo + need <= width, hi + need <= width
    if fits_lo and fits_hi:
        # Room was left, so the line ends a paragraph; but a paragraph of the report ends with 。 or
        # a closing bracket, so a line stopping elsewhere (「…、」, 「つながるひろがる」) is a question.
        return "break" if a[-1] in PARAGRAPH_END else "ambiguous"
    if not fits_lo and not fits_hi:
        # Full line. A sentence that ends exactly at the column edge may also end a paragraph.
        if a.endswith("。") and lo >= width - 1:
            return "ambiguous"
        return "wrap"
    # Half-width characters make the width uncertain: a line that stops mid-sentence wraps.
    return "ambiguous" if a[-1] in PARAGRAPH_END else "wrap"


def _column_width(lines: list[_Line]) -> float:
    """The column's capacity on a page: the widest line made only of full-width characters."""
    full = [_width(x.text) for x in lines if all(char_width(c) == 2 for c in x.text)]
    return max(full) if full else max((_width(x.text) for x in lines), default=0)


@dataclass
class _Joiner:
    widths: dict  # (page, column) -> width
    corrections: object  # corrections.Corrections
    ambiguities: list
    used: list

    def join(self, lines: list[_Line], page: int, column: str, measure: int) -> str:
        if not lines:
            return ""
        width = self.widths[(page, column)]
        out = lines[0].text
        for a, b in zip(lines, lines[1:]):
            decision = _wrap_decision(a.text, b.text, width)
            if decision == "ambiguous":
                c = self.corrections.find("wrap", a.no, a.text, measure)
                if c is not None:
                    self.used.append(c)
                    decision = "wrap" if c.join else "break"
                else:
                    self.ambiguities.append(Ambiguity(
                        "wrap", a.no, measure,
                        f"{column}: cannot tell whether this line ends a paragraph or wraps "
                        f"({_width(a.text):g} of {width:g} columns): 「…{a.text[-12:]}」 / 「{b.text[:12]}…」",
                        ("join", "break"), a.text))
                    decision = "wrap"
            out += b.text if decision == "wrap" else "\n" + b.text
        return out


def _kpi_items(lines: list[_Line]) -> list[str]:
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


def _status_parts(status: str, ministries: list[str]) -> dict[str, str]:
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


# --- public entry points -----------------------------------------------------------------------------
def ingest_file(path, corrections=None) -> IngestResult:
    """Read a report text file (UTF-8, UTF-8 with BOM, UTF-16 or CP932) and parse it."""
    from roadmap_reports.io.files import read_text

    path = Path(path)
    text, encoding = read_text(path, allow_legacy=True, error=IngestError)
    if "\x00" in text or _looks_binary(text):
        raise IngestError("binary file, not text", file=path)
    result = parse_report(text, corrections=corrections, source=str(path))
    result.encoding = encoding
    return result


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\r\n\t\x0c")
    return bad > max(8, len(sample) // 100)


def parse_report(text: str, corrections=None, source: str = "<text>") -> IngestResult:
    """Parse report text into a Roadmap, applying `corrections` (corrections.Corrections or None)."""
    from roadmap_reports.sources.corrections import Corrections

    corrections = corrections or Corrections([])
    lines = split_lines(text)
    if not any(ln.text for ln in lines):
        raise IngestError("file is empty", file=source)
    if not any(_is_header(ln.text) for ln in lines):
        raise IngestError(f"not a roadmap status table: the column header 「{COLUMN_HEADER}」 was not found",
                          file=source)
    st = _structure(lines, source)
    if st.pages == 0:
        raise IngestError(f"not a roadmap status table: the column header 「{COLUMN_HEADER}」 was not found",
                          file=source)
    blocks = [e for e in st.elements if isinstance(e, _Block)]
    if not blocks:
        raise IngestError("not a roadmap status table: no 施策番号 lines found", file=source)
    if st.title is None:
        raise IngestError(f"no title line (…{TITLE_MARK}) found", file=source)
    if st.as_of is None:
        raise IngestError("no 「令和…年…月末時点」 date found", file=source)
    fiscal_year = 2018 + _int(RE_TITLE.match(st.title).group(2))
    m = RE_AS_OF.match(st.as_of)
    year, month = 2018 + _int(m.group(1)), _int(m.group(2))
    as_of = _dt.date(year, month, calendar.monthrange(year, month)[1])

    ambiguities: list[Ambiguity] = []
    applied: list = []

    # reposts ------------------------------------------------------------------------------------
    repost_of: dict[int, int] = {b.id: b.label for b in blocks if b.label is not None}
    bare = [b for b in blocks if b.label is None and not b.content]
    labels = [e for e in st.elements if isinstance(e, _Label)]
    used_labels: set[int] = set()
    for b in bare:
        c = corrections.find("repost", b.line, measure=b.id)
        if c is not None:
            label = next((x for x in labels if x.line == c.label_line and x.page == b.page), None)
            if label is None:  # lines moved: the unused label of that target on the same page
                label = next((x for x in labels if x.page == b.page and x.target == c.repost_of
                              and x.line not in used_labels), None)
            if label is None:
                raise IngestError(f"correction: no lone 再掲{c.repost_of} label on the page of measure {b.id} "
                                  f"(line {c.label_line})", file=corrections.file, line=c.file_line, measure=b.id)
            if label.target != c.repost_of:
                raise IngestError(f"correction: the label at line {label.line} reads 再掲{label.target}, "
                                  f"not 再掲{c.repost_of}", file=corrections.file, line=c.file_line, measure=b.id)
            if label.line in used_labels:
                raise IngestError(f"correction: the label at line {label.line} is paired twice",
                                  file=corrections.file, line=c.file_line, measure=b.id)
            used_labels.add(label.line)
            repost_of[b.id] = label.target
            applied.append(c)
            continue
        same_page = [f"再掲{x.target} (line {x.line})" for x in labels if x.page == b.page]
        ambiguities.append(Ambiguity(
            "repost", b.line, b.id,
            f"bare 施策番号 {b.id} with no content; which separated 再掲 label is it? "
            f"labels on this page: {', '.join(same_page) or 'none'}"))
    if not ambiguities:
        for x in labels:
            if x.line not in used_labels:
                ambiguities.append(Ambiguity("repost", x.line, None,
                                             f"lone label 再掲{x.target} is not paired with a bare 施策番号"))

    # fields ---------------------------------------------------------------------------------------
    names = _ministry_names()
    fields = {b.id: _fields(b, source, names) for b in blocks if b.content}
    widths: dict = {}
    for b in blocks:
        if b.id in fields:
            f = fields[b.id]
            widths.setdefault((b.page, "initiative"), []).extend(
                x for x in f.initiative if _width(x.text) > KPI_MAX_WIDTH)
            widths.setdefault((b.page, "status"), []).extend(f.status)
    widths = {k: _column_width(v) for k, v in widths.items()}
    for b in blocks:
        if b.id in fields:
            f = fields[b.id]
            shared = bool(f.initiative) and f.initiative[-1].no == f.ministry_lines[0]
            f.initiative, f.kpi = _split_initiative_kpi(f.initiative, widths[(b.page, "initiative")], shared)
            if not f.initiative:
                raise IngestError("no 具体的取組 text", file=source, line=b.line, measure=b.id)
    joiner = _Joiner(widths, corrections, ambiguities, [])

    measures: list[Measure] = []
    line_map: dict = {}
    for b in blocks:
        line_map[(b.id, None)] = b.line
        if b.id in repost_of:
            measures.append(Measure(id=b.id, section="", subsection=None, repost_of=repost_of[b.id]))
            continue
        if b.id not in fields:
            measures.append(Measure(id=b.id, section="", subsection=None))  # unresolved bare number
            continue
        f = fields[b.id]
        initiative = joiner.join(f.initiative, b.page, "initiative", b.id)
        status = joiner.join(f.status, b.page, "status", b.id) if f.status else ""
        m = Measure(id=b.id, section="", subsection=None, initiative=initiative, kpis=_kpi_items(f.kpi),
                    ministries=f.ministries, status=status)
        m.status_by_ministry = _status_parts(status, f.ministries) if len(f.ministries) > 1 else {}
        measures.append(m)
        line_map[(b.id, "initiative")] = f.initiative[0].no
        if f.kpi:
            line_map[(b.id, "kpis")] = f.kpi[0].no
        line_map[(b.id, "ministries")] = f.ministry_lines[0]
        if f.status:
            line_map[(b.id, "status")] = f.status[0].no
    applied.extend(c for c in corrections if c in joiner.used)

    # sections and subsections -------------------------------------------------------------------
    sections, starts = _headings(st, corrections, ambiguities, applied, source)

    unused = [c for c in corrections if c not in applied]
    if unused:
        c = unused[0]
        raise IngestError(f"correction ({c.kind}, source line {c.line}) matches nothing in {source}; "
                          "remove it or fix its line", file=corrections.file, line=c.file_line, measure=c.measure)

    measures.sort(key=lambda m: m.id)
    ids = [m.id for m in measures]
    missing = sorted(set(range(1, max(ids) + 1)) - set(ids))
    if missing:
        raise IngestError(f"施策番号 missing from the text: {', '.join(map(str, missing))}", file=source)
    if not ambiguities:
        _assign(measures, sections, starts, source)
    roadmap = Roadmap(title=st.title, fiscal_year=fiscal_year, as_of=as_of, sections=sections, measures=measures)
    roadmap.source = source
    roadmap.lines = line_map
    ambiguities.sort(key=lambda a: a.line)
    # With anything undecided there is no dataset (sections are unknown): the caller lists the ambiguities.
    return IngestResult(None if ambiguities else roadmap, "utf-8", ambiguities, applied, source)


def _headings(st: _Structure, corrections, ambiguities, applied, source):
    """Decide the first measure of every heading; build sections and subsections in report order."""
    order = [e for e in st.elements if isinstance(e, (_Heading, _Block))]
    ids_in_order = [e.id for e in order if isinstance(e, _Block)]
    all_ids = set(ids_in_order)
    starts: list[tuple[_Heading, int]] = []
    for idx, h in enumerate(order):
        if not isinstance(h, _Heading):
            continue
        c = corrections.find(h.level, h.line, h.title)
        if c is not None:
            if c.measure not in all_ids:
                raise IngestError(f"correction: measure {c.measure} does not exist", file=corrections.file,
                                  line=c.file_line)
            starts.append((h, c.measure))
            applied.append(c)
            continue
        # Unambiguous only when the heading opens its page's measures and the next number follows it
        # on the same page in order; a heading printed at the top of a page is often extracted last.
        before = [e.id for e in order[:idx] if isinstance(e, _Block)]
        after = [e.id for e in order[idx + 1:] if isinstance(e, _Block)]
        nxt = next((e for e in order[idx + 1:] if isinstance(e, _Block)), None)
        first_on_page = not any(isinstance(e, _Block) and e.page == h.page for e in order[:idx])
        if (nxt is not None and nxt.page == h.page and first_on_page and all(i < nxt.id for i in before)
                and all(i >= nxt.id for i in after)):
            starts.append((h, nxt.id))
            continue
        ambiguities.append(Ambiguity(
            h.level, h.line, nxt.id if nxt else None,
            f"{h.level} heading 「{h.title}」 is placed among measures out of order; "
            f"which measure does it start? (next in the text: {nxt.id if nxt else 'none'})", (), h.title))
    sections: list[Section] = []
    if any(a.kind in ("section", "subsection") for a in ambiguities):
        return sections, starts
    sec_starts = sorted(((m, h) for h, m in starts if h.level == "section"), key=lambda x: x[0])
    sub_starts = sorted(((m, h) for h, m in starts if h.level == "subsection"), key=lambda x: x[0])
    if not sec_starts:
        raise IngestError("no section heading (１．…) found", file=source)
    for n, (m, h) in enumerate(sec_starts, 1):
        if h.number != n:
            raise IngestError(f"section {h.number} would start at measure {m}, out of the report's order",
                              file=source, line=h.line, measure=m)
        sections.append(Section(str(n), h.title, []))
    bounds = [m for m, _ in sec_starts] + [10**9]
    for m, h in sub_starts:
        k = next(i for i in range(len(sec_starts)) if bounds[i] <= m < bounds[i + 1]) if m >= bounds[0] else None
        if k is None:
            raise IngestError(f"subsection 「{h.title}」 starts before the first section", file=source, line=h.line,
                              measure=m)
        sec = sections[k]
        sec.subsections.append(Subsection(f"{sec.id}-{len(sec.subsections) + 1}", h.title))
    return sections, (sec_starts, sub_starts)


def _assign(measures: list[Measure], sections: list[Section], starts, source) -> None:
    sec_starts, sub_starts = starts
    sub_ids = [sub.id for s in sections for sub in s.subsections]
    for m in measures:
        k = max(i for i, (first, _h) in enumerate(sec_starts) if first <= m.id) if m.id >= sec_starts[0][0] else None
        if k is None:
            raise IngestError("measure comes before the first section heading", file=source, measure=m.id)
        m.section = sections[k].id
        j = [i for i, (first, _h) in enumerate(sub_starts) if first <= m.id]
        m.subsection = sub_ids[j[-1]] if j else None
        if m.subsection is not None and not m.subsection.startswith(m.section + "-"):
            m.subsection = None
