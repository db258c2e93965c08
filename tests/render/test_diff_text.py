"""The terminal diff (render/diff_text.py) on the bundled sample: Japanese labels from the one table, the
same bytes in every locale, and the {+added+}/[-deleted-] marks on exactly the phrases the 新旧対照表
underlines (compare.spans)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import DATA

OLD, NEW = DATA / "fy2022.yaml", DATA / "samples" / "fy2023_sample.yaml"


def _pairs():
    """(old, new) of every text compared in the sample: initiatives, status parts, KPI items."""
    from roadmap_reports.compare.diff import diff_files

    out = []
    for e in diff_files(OLD, NEW).changed:
        if e.old is not None and e.new is not None:
            out.append((e.old.initiative, e.new.initiative))
            out += [(p.old, p.new) for p in e.status_parts]
            out += [(k.old_text, k.new_text) for k in e.kpi_revisions if k.old_text and k.new_text]
    return out


def _squeezed(pieces) -> str:
    return "".join("".join(p.split()) for p in pieces)


def test_terminal_marks_the_phrases_the_table_underlines():
    from roadmap_reports.compare.spans import char_diff
    from roadmap_reports.render.diff_text import inline_diff

    pairs = _pairs()
    changed = 0
    for old, new in pairs:
        line = inline_diff(old, new, context=10 ** 6)  # nothing shortened
        underlined_old, underlined_new = ([t for t, c in side if c] for side in char_diff(old, new))
        assert _squeezed(re.findall(r"\{\+(.*?)\+\}", line)) == _squeezed(underlined_new), new[:30]
        assert _squeezed(re.findall(r"\[-(.*?)-\]", line)) == _squeezed(underlined_old), old[:30]
        changed += bool(underlined_new or underlined_old)
    assert changed == 6  # measure 1's initiative, 4's and 5's KPI item, the statuses of 5, 29 and 39 (MEXT)


def _run(lang: str) -> str:
    from roadmap_reports.cli import cli

    result = CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, ["diff", str(OLD), str(NEW)],
                                                                   catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_terminal_labels_are_japanese_in_every_locale(lang):
    from roadmap_reports.compare.diff import FLAG_LABELS

    out = _run(lang)
    assert out == _run("ja" if lang == "en" else "en")  # a report: the same bytes whatever the locale
    lines = out.splitlines()
    assert lines[0] == "新旧対照表　令和４年度→令和５年度"  # the title of the xlsx, docx and Markdown
    assert lines[1] == f"改正前　{OLD}（令和５年３月31日時点、101施策）"
    counts = lines[lines.index("102施策中89施策に該当（うち前年度と同旨のみ78施策）") + 1:][:12]
    assert [c.split()[0] for c in counts] == list(FLAG_LABELS.values())
    assert "施策68（旧69）  ［番号変更、前年度と同旨］  法務省" in lines
    assert "施策100（削る）  ［削る］  法務省" in lines
    assert "    KPI目標の改定：全国の日本語教室がある市区町村数[-50％以上-]{+60％以上+}（目標値 50％→60％）" in lines
    assert "    実施状況の更新（文部科学省）：前年度との類似度 18％" in lines
    assert "    再掲先の変更：施策4 → 施策5" in lines
    assert not re.search(r"\b(FY\d{4}|Summary|stalled|initiative|measures|similarity)\b", out)


def test_markdown_through_the_command_line_is_japanese(tmp_path):
    from roadmap_reports.cli import cli

    out = tmp_path / "d.md"
    result = CliRunner(env={"ROADMAP_REPORTS_LANG": "en"}).invoke(
        cli, ["diff", str(OLD), str(NEW), "-f", "md", "-o", str(out), "--only", "kpi_revised"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 新旧対照表　令和４年度→令和５年度\n")
    assert "- 変更点の絞り込み：KPI目標の改定\n" in md
    assert "| 変更点 | 識別子 | 件数 |\n|---|---|---:|\n| 新設 | `new` | 0 |\n" in md
    assert "## 施策5 — 文部科学省\n\n変更点：KPI目標の改定、実施状況の更新\n\n- KPI目標の改定：" in md
    assert "（目標値 50％→60％）\n" in md
    assert not re.search(r"\b(FY\d{4}|value|deadline|measures|flagged|as of)\b", md)
