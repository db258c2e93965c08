"""The report's layout vocabulary: the page furniture, the line patterns, Japanese line breaking (禁則),
and how wide the report's font draws a text.

The report is a five-column table (施策番号, 具体的取組, KPI, 担当省庁, 実施状況). Every rule of the
ingest that depends on how the report is printed takes its patterns and measures from here.
"""

from __future__ import annotations

import re
import unicodedata

from roadmap_reports.japanese.calendar import ERA_YEAR_PATTERN
from roadmap_reports.japanese.width import char_width, display_width

# --- page furniture -------------------------------------------------------------------------------
COLUMN_HEADER = "施策番号 具体的取組 KPI 担当省庁 実施状況"
TITLE_MARK = "ロードマップの実施状況"
_DIGITS = "0-9０-９"
_ERA_NAMES = "令和|平成|昭和"
#: 「令和５年３月末時点」: the date the report's figures are as of (era year, then month).
RE_AS_OF = re.compile(rf"^{ERA_YEAR_PATTERN}(?P<month>[{_DIGITS}]+)月末?時点$")
#: 「令和４年度外国人との…ロードマップの実施状況」, possibly followed by the as-of date on the same line.
RE_TITLE = re.compile(rf"^(?P<title>{ERA_YEAR_PATTERN}度.*{TITLE_MARK})(?:\s+(?P<as_of>(?:{_ERA_NAMES})\S+時点))?$")

# --- the table's lines ------------------------------------------------------------------------------
RE_NUMBER = re.compile(r"^([0-9]{1,3})$")
RE_NUMBER_REPOST = re.compile(rf"^([0-9]{{1,3}})\s+再掲\s*([{_DIGITS}]+)$")
RE_LABEL = re.compile(rf"^再掲\s*([{_DIGITS}]+)$")
RE_SECTION = re.compile(r"^([１-９])．(?![０-９0-9])(\S.*)$")
RE_SUBSECTION = re.compile(r"^[\s\u3000]*(◎.*)$")
TAG_LINE = re.compile(r"^【([^】]+)】$")

# --- line breaking ------------------------------------------------------------------------------------
# Japanese line-breaking rules (禁則) as Excel applies them: characters that never start a line
# and characters that never end one.
NO_LINE_START = set("!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕゛゜ゝゞ・ヽヾ！％），．：；？］｝｡｣､･"
                    "ｧｨｩｪｫｬｭｮｯｰﾞﾟ￠ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー")
NO_LINE_END = set("$([\\{£¥‘“〈《「『【〔＄（［｛｢￡￥")
# Lines that start a new paragraph whatever their width (a wrap can never start with them).
BULLETS = ("・",)
# A paragraph of the report ends with one of these; a line ending otherwise stops mid-sentence.
PARAGRAPH_END = set("。．）」』】〕］｝)]:：")

# --- widths ---------------------------------------------------------------------------------------------
# Half-width characters are drawn a little wider than half an em in the report's font.
HALF_WIDTH_MIN, HALF_WIDTH_MAX = 1.0, 1.3
KPI_MAX_WIDTH = 26  # the KPI column holds about 12 full-width characters
MINISTRY_MAX_WIDTH = 14  # the 担当省庁 column holds about 6 full-width characters
# How the name of a ministry, agency, bureau or council ends (an unknown 担当省庁 is recognised by it).
MINISTRY_LIKE = re.compile(r"(省|庁|府|官房|局|室|本部|委員会|会議)）?\Z")


def width(text: str, half: float = 1.0) -> float:
    """A line's width in half-width columns as the report's font draws it: a full-width character
    (japanese.width.char_width 2) takes 2, a half-width one `half` (between HALF_WIDTH_MIN and _MAX).

    With ``half=1`` this is exactly `japanese.width.display_width`."""
    if half == 1.0:
        return display_width(text)
    return sum(2 if char_width(c) == 2 else half for c in text)


def is_full_width(text: str) -> bool:
    """Whether every character of `text` is full-width."""
    return all(char_width(c) == 2 for c in text)


def is_column_header(text: str) -> bool:
    """The column header that opens every page (spacing and width as extracted)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()) == COLUMN_HEADER


def number_value(digits: str) -> int:
    """The value of digits of either width: 「４」 → 4, 「12」 → 12."""
    return int(unicodedata.normalize("NFKC", digits))
