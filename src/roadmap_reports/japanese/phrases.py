"""Japanese text cut into phrases a reader sees as one: a number with its unit and comparator (「60％以上」,
「45万人」, 「令和８年度」), a run of kanji (「日本語教室」), of katakana (「セミナー」), of hiragana, of Latin
letters; every other character (punctuation, brackets) alone.

The 新旧対照表 underlines whole phrases: a changed digit underlines its whole number and unit, a changed kanji
its whole compound. Character classes were chosen over a morphological tokenizer (fugashi + unidic-lite,
Janome): they cost nothing to load and no dictionary, and the phrases a reviewer expects underlined are
exactly these runs (docs/benchmarks.md has the measurement).
"""

from __future__ import annotations

import re

__all__ = ["tokens", "Token"]

_DIGIT = "0-9０-９"
_UNIT = ("[％%]|か所|ヶ所|箇所|カ所|市区町村|都道府県|言語|団体|人|件|回|校|社|倍|ポイント|年度|年|か月|ヶ月|月|日|時点|"
         "時間|分|歳|名|者|機関|自治体|円")
_NUMBER = (rf"(?:約|計|のべ|延べ|全)?[{_DIGIT}]+(?:[.,．，][{_DIGIT}]+)*(?:[万千億]|百万)?(?:{_UNIT})?"
           r"(?:以上|以下|未満|超|程度|台)?")
_ERA = rf"(?:令和|平成|昭和)(?:[{_DIGIT}]+|元)(?:年度|年)"
_TOKEN = re.compile(
    rf"(?P<number>{_ERA}|{_NUMBER})"
    r"|(?P<kanji>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+)"
    r"|(?P<katakana>[\u30a1-\u30fa\u30fc\u30fd\u30feｦ-ﾟ]+)"
    r"|(?P<hiragana>[\u3041-\u3096\u309d\u309e]+)"
    r"|(?P<latin>[A-Za-zＡ-Ｚａ-ｚ]+)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)", re.S)

Token = tuple[int, int, str]  # (start, end, kind)


def tokens(text: str) -> list[Token]:
    """The phrases of a text as (start, end, kind), covering it completely and in order."""
    return [(m.start(), m.end(), m.lastgroup) for m in _TOKEN.finditer(text or "")]
