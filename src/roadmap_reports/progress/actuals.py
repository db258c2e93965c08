"""Actuals: the figures in a status that measure one of the measure's KPI items, each with its exact quote.

A *figure* is a number with a unit (「53.7％」「計10回」「約1万4,000人」「500人を超えた」), not part of a date,
a 第N or an N回目, a budget, or a restated target (「50％という目標」「60％に上方修正」). A figure is the
*actual* of a KPI item when

1. its unit is one the item counts in: the target's unit (「６回」 → 回), or the unit the item's wording
   names (「…の実施回数」 → 回, 「…受講者数」 → 人, 「…の割合」 → %, 「…都道府県数」 → 都道府県); an item that
   names no count (「…を周知」「…の整備」) has no actuals;
2. the words around it are the item's words: the share of the item's character pairs (bigrams of kanji,
   kana and letters) found in the figure's clause (``LOCAL_MIN``), or in its sentence and the sentence
   before (``WIDE_MIN``, with the word KPI in that text or for a figure that is a sentence of its own, as
   「（計10回）」 after the sentence it counts); and
3. no other item of the measure matches it as well: a figure two items claim equally goes to none.

What is not matched is left out and counted (``Extraction.unmatched``); nothing is guessed. The fiscal year
of an actual is the date written right after the figure (「86％、2021年６月時点」), else the nearest date
before it in its sentence (「令和３年度時点で既に53.7％」), else a 「…時点」「…現在」 date later in the
sentence, else 前年度 (the report's year − 1), else the report's own year, marked assumed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from roadmap_reports.japanese.calendar import find_dates, same_length_nfkc
from roadmap_reports.japanese.kpi import UNITS, KpiTarget, parse_number
from roadmap_reports.japanese.normalize import normalize

LOCAL_MIN = 0.5    # share of the item's bigrams in the figure's clause
WIDE_MIN = 0.6     # share in the sentence and the one before, for a figure that is a sentence of its own
STRONG_MIN = 0.8   # share in the sentence and the one before, for any figure
LOCAL_BACK, LOCAL_AHEAD, QUOTE_BACK = 45, 12, 40

_EXTRA_UNITS = {"単位": ("単位",), "窓口": ("窓口",), "か所": ("か所", "箇所", "カ所", "ヶ所", "ケ所", "ヵ所")}
_FORMS = {form: unit for unit, forms in {**UNITS, **_EXTRA_UNITS}.items() for form in forms}
_FORMS["市区町村等"] = "市区町村"
_UNIT_RE = "|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?(?:万(?:\d+(?:,\d{3})*)?)?"
FIGURE = re.compile(rf"(?<![第\d.,])(?P<approx>約)?(?P<sign>[-−△▲])?(?P<num>{_NUM})(?P<unit>{_UNIT_RE})"
                    r"(?P<q>以上|超|を超え|を上回)?")
_NOT_ACTUAL_AFTER = re.compile(r"^(?:目|期|次|という目標|を目標|の目標|に上方修正|に下方修正|に修正|を目指|程度を目指|当たり)")
_COUNT_UNITS = frozenset({"件", "か所", "団体", "自治体", "都道府県", "市区町村", "機関", "施設", "社", "校", "窓口"})
# wording of a count -> the units it is counted in (longest first)
_METRIC_UNITS = (
    ("回数", {"回"}), ("件数", {"件"}), ("者数", {"人"}), ("人数", {"人"}), ("員数", {"人"}), ("名数", {"人"}),
    ("団体数", {"団体"}), ("都道府県数", {"都道府県"}), ("窓口数", {"か所", "窓口"}), ("割合", {"%"}), ("率", {"%"}),
    ("期間", {"日"}), ("単位数", {"単位"}), ("累計数", {"人", "団体", "件"}), ("地方公共団体数", {"自治体", "団体"}),
    ("自治体数", {"自治体", "団体"}), ("数", _COUNT_UNITS | {"人"}), ("体制", _COUNT_UNITS),
)
_METRIC_UNITS = tuple(sorted(_METRIC_UNITS, key=lambda wu: -len(wu[0])))
_WORD = re.compile(r"[\u30a1-\u30ff\u3400-\u9fffA-Za-zー々]+")
_STOP = {"実施", "検討", "令和", "年度", "踏ま", "まえ", "結果", "以上", "推進", "取組", "関係", "及び"}
_SENTENCE_BREAK = re.compile(r"\n|。(?![）)])")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Actual:
    """One actual of one KPI item: `value` `unit` as of fiscal year `as_of_fy`, and the quote it is read from."""

    value: int | float
    unit: str
    as_of_fy: int
    quote: str
    as_of_assumed: bool = False
    qualifier: str | None = None   # >= (以上) > (超) ~ (約)
    source: str = "extracted"      # extracted | confirmed | corrected | added | workbook
    citation: str | None = None    # 出典, for an actual added by review without a quote

    def to_dict(self) -> dict:
        return {"value": self.value, "unit": self.unit, "as_of_fy": self.as_of_fy, "quote": self.quote,
                "source": self.source, "as_of_assumed": self.as_of_assumed, "qualifier": self.qualifier,
                "citation": self.citation}


@dataclass(frozen=True)
class Figure:
    """A number with a unit found in a status, with its position."""

    start: int
    end: int
    value: int | float
    unit: str
    qualifier: str | None


@dataclass
class Extraction:
    """The actuals of each KPI item of one measure, and the figures left unattached."""

    actuals: list[list[Actual]]
    unmatched: list[str] = field(default_factory=list)   # quotes of unit-compatible figures no item took
    ambiguous: list[str] = field(default_factory=list)   # quotes two items claimed equally


def figures(status: str, text: str | None = None) -> list[Figure]:
    """Every figure of a status (see the module docstring), positions in the status as stored (`text`: the
    status through same_length_nfkc, if the caller has it)."""
    text = same_length_nfkc(status) if text is None else text
    dates = [(d.start, d.end) for d in find_dates(text)]
    out = []
    for m in FIGURE.finditer(text):
        if any(s <= m.start("num") < e for s, e in dates) or _NOT_ACTUAL_AFTER.match(text[m.end():]):
            continue
        if m["unit"] == "日" and text[max(0, m.start() - 1):m.start()] == "月":
            continue
        value = parse_number(m["num"].replace("万", "万"))
        if m["sign"]:
            value = -value
        q = {"以上": ">=", "超": ">", "を超え": ">", "を上回": ">"}.get(m["q"] or "", "~" if m["approx"] else None)
        out.append(Figure(m.start(), m.end(), value, _FORMS[m["unit"]], q))
    return out


_ABBREVIATIONS = (("中途退学", "中退"),)
_HEAD_SPLIT = re.compile(r"への|における|に係る|による|に対する|において|を対象とした|・")


def _bigrams(text: str) -> set[str]:
    """Pairs of adjacent kanji, katakana or letters (particles and digits break the runs)."""
    text = normalize(text)
    for long, short in _ABBREVIATIONS:
        text = text.replace(long, short)
    grams = set()
    for run in _WORD.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams - _STOP


def strip_note(text: str) -> str:
    """The text without a trailing bracketed note (nested brackets included): 「…数（令和４年度（2022年度）の
    検討結果を踏まえて検討）」 → 「…数」."""
    text = text.rstrip()
    while text.endswith(("）", ")")):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            depth += text[i] in "）)"
            depth -= text[i] in "（("
            if depth == 0:
                break
        if depth:
            return text
        text = text[:i].rstrip()
    return text


def item_units(target: KpiTarget) -> set[str]:
    """The units a KPI item is counted in (empty: the item names no count and takes no actuals)."""
    if target.unit:
        return {target.unit}
    core = strip_note(normalize(target.text))
    core = re.sub(r"(?:の)?(?:増加|改善|減少|減|充実|向上)$", "", core)
    for word, units in _METRIC_UNITS:
        if core.endswith(word) or (word in ("率", "割合") and word in core):
            return set(units)
    return set()


def _boundaries(text: str) -> list[int]:
    """Sentence ends: 。 (not 「含む。）」 inside brackets) and line breaks; positions just after them."""
    return [m.end() for m in _SENTENCE_BREAK.finditer(text)]


def _sentence(text: str, pos: int, ends: list[int] | None = None) -> tuple[int, int]:
    ends = _boundaries(text) if ends is None else ends
    k = bisect.bisect_right(ends, pos)
    return (ends[k - 1] if k else 0), (ends[k] if k < len(ends) else len(text))


def _clause(text: str, fig: Figure, sent_start: int) -> tuple[int, int]:
    """The quote's span: from the start of the figure's clause (the last 「、」 at least 8 characters before
    the figure, or the sentence start, at most QUOTE_BACK characters back) to the figure, its qualifier and
    a date in brackets right after it."""
    floor = max(sent_start, fig.start - QUOTE_BACK)
    start = floor
    for i in range(fig.start - 8, floor - 1, -1):
        if text[i] in "、，":
            start = i + 1
            break
    if start == fig.start - QUOTE_BACK and start > sent_start:  # cut inside the sentence: not inside a word
        kana = re.search(r"[\u3041-\u3093、]+", text[start:fig.start - 8])  # after the whole kana run
        start += kana.end() if kana else 0
    while start < fig.start and text[start] in "・ 　":
        start += 1
    end = fig.end
    after = re.match(r"[。、]?[(（][^()（）]{0,20}(?:時点|現在)[)）]|、[^、。()（）]{0,15}(?:時点|現在)", text[end:])
    if after:
        end += after.end()
    elif text[end:end + 1] in ("）", ")") and text.count("（", start, end) + text.count("(", start, end) > \
            text.count("）", start, end) + text.count(")", start, end):
        end += 1  # close the bracket the quote opened: 「（計10回）」
    return start, end


def _score(grams: set[str], context: str) -> float:
    if not grams:
        return 0.0
    return len(grams & _bigrams(context)) / len(grams)


def _as_of(text: str, fig: Figure, sent: tuple[int, int], fiscal_year: int) -> tuple[int, bool]:
    dates = [d for d in find_dates(text) if sent[0] <= d.start < sent[1]]
    right_after = [d for d in dates if 0 <= d.start - fig.end <= 3]
    if right_after:
        return right_after[0].fiscal_year, False
    before = [d for d in dates if d.end <= fig.start]
    if before:
        return before[-1].fiscal_year, False
    later = [d for d in dates if d.start >= fig.end and d.point]
    if later:
        return later[0].fiscal_year, False
    if re.search(r"(?:前年度|昨年度)の?$", text[max(sent[0], fig.start - 5):fig.start]):
        return fiscal_year - 1, True
    return fiscal_year, True


@dataclass(frozen=True)
class _Words:
    """What an item's wording is matched with: all its bigrams, and those of its head (the counted thing,
    after the last への/における/・: 「外国人支援団体等への情報発信の回数」 → 「情報発信の回数」)."""

    whole: frozenset
    head: frozenset
    target_unit: str | None

    @classmethod
    def of(cls, kpi: str, target: KpiTarget) -> "_Words":
        core = strip_note(re.sub(r"[(（][^()（）]*検討[)）]", "", kpi))
        head = _HEAD_SPLIT.split(normalize(core))[-1]
        head_grams = _bigrams(head)
        return cls(frozenset(_bigrams(core)), frozenset(head_grams if len(head_grams) >= 2 else ()),
                   target.unit if target.value is not None else None)


def extract(kpis: list[str], status: str, fiscal_year: int, targets: list[KpiTarget]) -> Extraction:
    """The actuals of each KPI item in `status` (see the module docstring)."""
    result = Extraction([[] for _ in kpis])
    units = [item_units(t) for t in targets]
    if not any(units) or not _DIGIT.search(status):
        return result   # no item counts anything, or no number at all: nothing to match
    text = same_length_nfkc(status)
    ends = _boundaries(text)
    words = [_Words.of(k, t) for k, t in zip(kpis, targets)]
    taken: list[tuple[Figure, int, tuple[int, int]]] = []   # (figure, item, sentence)
    left: list[tuple[Figure, tuple[int, int], str]] = []
    for fig in figures(status, text):
        if not any(fig.unit in u for u in units):
            continue
        sent = _sentence(text, fig.start, ends)
        clause = _clause(text, fig, sent[0])
        context = _Context.of(text, fig, sent, ends)
        scores = [context.score(w, fig, units.count(u)) if fig.unit in u and _counts_it(text, fig, k) else 0.0
                  for w, u, k in zip(words, units, kpis)]
        best = max(scores)
        quote = status[clause[0]:clause[1]]
        winners = [i for i, s in enumerate(scores) if s == best]
        if best > 0 and len(winners) == 1:
            as_of, assumed = _as_of(text, fig, sent, fiscal_year)
            result.actuals[winners[0]].append(Actual(fig.value, fig.unit, as_of, quote, assumed, fig.qualifier))
            taken.append((fig, winners[0], sent))
        elif best > 0:
            result.ambiguous.append(quote)
        else:
            left.append((fig, sent, quote))
    for fig, sent, quote in left:
        item = _compared_with(text, fig, sent, taken, ends)
        if item is None:
            result.unmatched.append(quote)
        else:
            as_of, assumed = _as_of(text, fig, sent, fiscal_year)
            result.actuals[item].append(Actual(fig.value, fig.unit, as_of, quote, assumed, fig.qualifier))
    for found in result.actuals:
        found.sort(key=lambda a: status.find(a.quote))
    return result


_COMPARISON = re.compile(r"前回|前年|昨年|参考|時点では|から|比べ|比較")
_COUNTED = re.compile(r"(都道府県|市区町村|地方公共団体|自治体|団体|機関|事業者|企業)等?$")


def _counts_it(text: str, fig: Figure, kpi: str) -> bool:
    """False when the figure is written right after a counted noun the item does not count:
    「…を実施する都道府県等55件」 counts 都道府県, not the item's 「市区町村等の数」."""
    m = _COUNTED.search(text[max(0, fig.start - 8):fig.start])
    if not m:
        return True
    counted = re.search(r"(都道府県|市区町村|地方公共団体|自治体|団体|機関|事業者|企業)等?の?数", normalize(kpi))
    return counted is None or counted.group(1) == m.group(1)


def _compared_with(text: str, fig: Figure, sent, taken, ends) -> int | None:
    """The item of an actual this figure is compared with: same unit, in the same sentence (「中退率が6.7%と、
    前回の調査（平成30年度）の9.6%から」) or in a bracketed sentence right after (「（参考）令和３年度：6,065件」),
    with a word of comparison before it; None when there is none or more than one."""
    before = text[max(sent[0], fig.start - 20):fig.start]
    if not _COMPARISON.search(before):
        return None
    items = {i for f, i, s in taken if f.unit == fig.unit
             and (s == sent or (s[1] <= sent[0] and not text[s[1]:sent[0]].strip()))}
    return items.pop() if len(items) == 1 else None


def _without_dates(text: str) -> str:
    for d in reversed(find_dates(text)):
        text = text[:d.start] + text[d.end:]
    return text


def _previous_sentence(text: str, start: int, ends: list[int]) -> int:
    """The start of the last non-empty sentence before position `start` (or `start` at the beginning)."""
    pos = start
    while pos > 0:
        prev = _sentence(text, pos - 1, ends)[0]
        if text[prev:pos].strip():
            return prev
        pos = prev
    return start


@dataclass(frozen=True)
class _Context:
    local: str       # up to LOCAL_BACK characters before the figure and LOCAL_AHEAD after, in its sentence
    wide: str        # its sentence and the one before (two before for a sentence in brackets)
    alone: bool      # the figure is (nearly) a sentence of its own: 「（計10回）」
    says_kpi: bool   # the figure's sentence says KPI or 実績 (「KPIについても、達成している（86％…」)
    clause: str      # the quote's clause: breaks ties between items in favour of the nearest words

    @classmethod
    def of(cls, text: str, fig: Figure, sent: tuple[int, int], ends: list[int]) -> "_Context":
        local = text[max(sent[0], fig.start - LOCAL_BACK):min(sent[1], fig.end + LOCAL_AHEAD)]
        own = text[sent[0]:sent[1]].strip()
        bracketed = own[:1] in "（(" and own.rstrip("。")[-1:] in "）)"
        alone = bracketed or len(_bigrams(_without_dates(own))) <= 2
        start = sent[0]
        for _ in range(2 if own[:1] in "（(" else 1):
            start = _previous_sentence(text, start, ends)
        clause = text[_clause(text, fig, sent[0])[0]:fig.end + LOCAL_AHEAD]
        return cls(local, text[start:sent[1]], alone, bool(re.search(r"KPI|ＫＰＩ|実績", local, re.I)), clause)

    def score(self, words: _Words, fig: Figure, same_unit_items: int) -> float:
        """How well the context names the item: above 1 when its clause does; the wider text's share when
        it names the item strongly or the figure stands alone; 0 when it does not name it."""
        local = max(_score(words.whole, self.local), 0.9 * _score(words.head, self.local))
        if local >= LOCAL_MIN:
            return 1.0 + local + 0.5 * _score(words.whole, self.clause)
        if self.says_kpi and words.target_unit == fig.unit and same_unit_items == 1:
            return 1.0  # the status says this figure is the KPI's, in the target's unit
        wide = _score(words.whole, self.wide)
        if wide >= STRONG_MIN or (wide >= WIDE_MIN and self.alone):
            return wide
        return 0.0
