"""Hypothesis strategies for valid roadmaps whose texts are hostile: Japanese and full-width text,
characters outside the BMP, combining marks, NFKC-sensitive forms, formula starts, template and XML
syntax, YAML indicators, whitespace at the ends and line breaks.

`roadmaps()` draws a Roadmap that passes the project's own validation (validate_data + validate):
sections with subsections, measures with ids, initiative, KPIs and ministries from the registry,
shared measures whose status is tagged 【省】 per ministry (status_by_ministry), and reposts (再掲)
pointing at an earlier measure that is not a repost.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from roadmap_reports.rounds.collect import short_tag
from roadmap_reports.ministries import MINISTRIES
from roadmap_reports.model import Measure, Roadmap, Section, Subsection

# Characters XML 1.0 forbids (what validate and xlsx_common.check_text refuse): C0 controls but tab,
# LF and CR; surrogates; U+FFFE and U+FFFF.
FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"

ATOMS = [
    # Japanese, full-width and NFKC-sensitive forms
    "日本語教室", "を実施する。", "外国人の子供", "令和５年度", "５０％以上", "45万人", "ｶﾞｲｺｸｼﾞﾝ", "ｶ", "①②", "㈱",
    "ＡＢ", "〜", "\u3000", "【文科省】", "・", "（再掲）", "ﾟ",
    # outside the BMP, emoji sequences, combining marks
    "𠮟", "𩸽", "😀", "👨\u200d👩\u200d👧", "🇯🇵", "𝐀", "e\u0301", "か\u3099", "\u0301", "\u20dd",
    # formula starts, template and XML syntax, escapes openpyxl and docxtpl know
    "=SUM(A1)", "+81", "-1", "@user", "{{ x }}", "{% if x %}", "{_{", "}_}", "{%p", "<b>", "&amp;", "&", "]]>",
    "'", '"', "\\", "_x000D_", "_x0041_", "&#95;",
    # YAML/JSON indicators and look-alikes of other types
    "#", ": ", "- ", "? ", "|", ">", "*a", "&a", "!tag", "%", "null", "~", "true", "0x1F", "1e3", "2023-04-01",
    "---", "...", "[1]", "{a: b}",
    # whitespace and line breaks
    " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\r\n", "\r", "\u2028", "\x85",
]

# Any character XML allows (astral planes included, surrogates and the forbidden controls excluded).
any_char = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=FORBIDDEN)
piece = st.one_of(st.sampled_from(ATOMS), st.sampled_from(ATOMS), st.text(any_char, min_size=1, max_size=3))
texts = st.lists(piece, max_size=6).map("".join)
nonblank = texts.filter(lambda s: s.strip() != "")
nonempty = texts.filter(bool)

MINISTRY_NAMES = [m.name for m in MINISTRIES]


@st.composite
def sections(draw):
    out = []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        subs = [Subsection(f"{n}-{k}", draw(nonempty)) for k in range(1, draw(st.integers(0, 2)) + 1)]
        out.append(Section(str(n), draw(nonempty), subs))
    return out


def tagged_status(parts: dict[str, str]) -> str:
    """A status as the report prints a shared one: each ministry's part under its 【tag】 line."""
    return "\n".join(f"【{short_tag(name)}】\n{text}" for name, text in parts.items())


@st.composite
def roadmaps(draw, *, min_measures: int = 1, max_measures: int = 6, forbidden: bool = False):
    """A valid Roadmap of min..max measures (reposts included)."""
    fy = draw(st.integers(2019, 2090))
    secs = draw(sections())
    n = draw(st.integers(min_measures, max_measures))
    ids = draw(st.lists(st.integers(1, 300), min_size=n, max_size=n, unique=True))
    measures: list[Measure] = []
    for i, mid in enumerate(ids):
        sec = draw(st.sampled_from(secs))
        sub = draw(st.sampled_from([None] + [s.id for s in sec.subsections]))
        originals = [m for m in measures if m.repost_of is None]
        if originals and draw(st.integers(0, 3)) == 0:  # a repost of an earlier measure
            target = draw(st.sampled_from(originals))
            measures.append(Measure(mid, sec.id, sub, repost_of=target.id))
            continue
        ministries = draw(st.lists(st.sampled_from(MINISTRY_NAMES), min_size=1, max_size=3, unique=True))
        by_ministry: dict[str, str] = {}
        if len(ministries) > 1 and draw(st.booleans()):
            tagged = draw(st.lists(st.sampled_from(ministries), min_size=1, max_size=len(ministries), unique=True))
            by_ministry = {name: draw(nonblank) for name in tagged}
            status = tagged_status(by_ministry)
        else:
            status = draw(texts)
        measures.append(Measure(mid, sec.id, sub, initiative=draw(nonblank), kpis=draw(st.lists(nonempty, max_size=3)),
                                ministries=ministries, status=status, status_by_ministry=by_ministry))
    as_of = draw(st.dates(dt.date(fy, 4, 1), dt.date(fy + 1, 12, 31)))
    return Roadmap(draw(nonempty), fy, as_of, secs, measures)


# One character XML forbids (a lone surrogate too: a JSON dataset can hold one as an escape).
forbidden_chars = st.sampled_from(FORBIDDEN + "\ud800\udfff")
