"""The 新旧対照表's underlines are whole phrases: a number with its unit and comparator, a whole word; and
（略） shortens only whole sentences."""

from __future__ import annotations

import re

import pytest

from conftest import DATA
from roadmap_reports.compare.spans import ABBREVIATION, abbreviated_diff, char_diff, char_opcodes
from roadmap_reports.japanese.phrases import tokens

RUN_CLASSES = [re.compile(p) for p in (r"[\u4e00-\u9fff々]", r"[\u30a1-\u30fa\u30fc]", r"[0-9０-９]", r"[A-Za-z]")]


def _same_run(a: str, b: str) -> bool:
    return any(c.match(a) and c.match(b) for c in RUN_CLASSES)


def _changed_spans(segments):
    pos, out = 0, []
    for text, changed in segments:
        if changed:
            out.append((pos, pos + len(text)))
        pos += len(text)
    return out


def test_a_revised_target_is_underlined_with_its_unit_and_comparator():
    old, new = "全国の日本語教室がある市区町村数50％以上", "全国の日本語教室がある市区町村数60％以上"
    so, sn = char_diff(old, new)
    assert [t for t, c in so if c] == ["50％以上"] and [t for t, c in sn if c] == ["60％以上"]
    assert char_opcodes(old, new)[-1] == ("replace", "50％以上", "60％以上")


def test_a_changed_kanji_underlines_the_whole_word_and_width_does_not_count():
    so, sn = char_diff("関係機関と連携し、研修を３回実施した。", "関係省庁と連携し、研修を3回実施した。")
    assert [t for t, c in so if c] == ["関係機関"] and [t for t, c in sn if c] == ["関係省庁"]


def test_short_unchanged_stretches_between_changes_join_the_change():
    so, sn = char_diff("AとBの会議を開催", "CとDの会議を開催")
    assert [t for t, c in sn if c] == ["CとD"]


def test_phrases_cover_the_text():
    text = "令和８年度までに45万人以上を目指す（Ｃａｎ　ｄｏ）。\n・セミナー"
    assert "".join(text[a:b] for a, b, _k in tokens(text)) == text
    assert [text[a:b] for a, b, _k in tokens(text)][:4] == ["令和８年度", "までに", "45万人以上", "を"]


@pytest.fixture(scope="module")
def sample_pairs():
    from roadmap_reports import diff, load_roadmap

    result = diff(load_roadmap(DATA / "fy2022.yaml"), load_roadmap(DATA / "samples" / "fy2023_sample.yaml"))
    pairs = []
    for e in result.changed:
        if e.old is None or e.new is None:
            continue
        for field in ("initiative", "status"):
            a, b = getattr(e.old, field), getattr(e.new, field)
            if a != b:
                pairs.append((e.new_id, field, a, b))
        pairs += [(e.new_id, "kpi", r.old_text, r.new_text) for r in e.kpi_revisions if r.old_text and r.new_text]
    assert len(pairs) >= 5
    return pairs


def test_no_underline_of_the_sample_starts_or_ends_inside_a_word(sample_pairs):
    inside = []
    for mid, field, a, b in sample_pairs:
        for text, segments in zip((a, b), char_diff(a, b)):
            for start, end in _changed_spans(segments):
                if start > 0 and _same_run(text[start - 1], text[start]):
                    inside.append((mid, field, text[start - 1:start + 3]))
                if end < len(text) and _same_run(text[end - 1], text[end]):
                    inside.append((mid, field, text[end - 3:end + 1]))
    assert not inside


def test_abbreviation_cuts_only_between_sentences(sample_pairs):
    seen = 0
    for _mid, _field, a, b in sample_pairs:
        for original, segments in zip((a, b), abbreviated_diff(a, b)):
            shown = "".join(t for t, _c in segments)
            for m in re.finditer(re.escape(ABBREVIATION), shown):
                seen += 1
                before = shown[:m.start()]
                assert not before or before[-1] in "。\n", before[-10:]
                after = shown[m.end():]
                assert not after or after.startswith("\n") or original[:len(original) - len(after)][-1:] in "。\n"
    assert seen
