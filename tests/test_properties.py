"""Properties of the whole pipeline (hypothesis), on valid roadmaps with hostile text (tests/strategies.py):

1. export JSON → load_roadmap gives the same roadmap;
2. save YAML → load gives the same roadmap, and saving it again gives the same bytes;
3. a build of both formats for every ministry opens again with openpyxl and python-docx, and every
   initiative, KPI, status, title and heading is in its cell / paragraph exactly as stored (in Word,
   a line end \r\n or \r is a line break like \n: Word has no other way to show it);
4. workbooks for update (build --for-update) collected with no edits give back the same statuses,
   with no finding of error severity;
5. a character XML forbids is a located error (file, line, measure, field) when the dataset is
   loaded, and a located RenderError when an in-memory roadmap is built: never a crash, never a file.

Runs are reproducible (derandomize=True): the same examples every run, so CI is stable. The
properties hold for any seed: HYPOTHESIS_RANDOM=1 draws new examples each run, and
PROPERTIES_SCALE=10 multiplies the number of examples (a longer hunt, minutes instead of seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap, save
from roadmap_reports.errors import RenderError, ValidationError
from roadmap_reports.render.export import to_json
from roadmap_reports.ministries import lookup, safe_filename
from roadmap_reports.model import Measure, Roadmap, Section, Subsection
from measure_sheet_helpers import measures, note_of, read_table
from strategies import FORBIDDEN, forbidden_chars, roadmaps

RANDOM = os.environ.get("HYPOTHESIS_RANDOM") == "1"
SCALE = float(os.environ.get("PROPERTIES_SCALE", "1"))  # e.g. 10 for a longer hunt


def _settings(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


def _fresh(tmp_path: Path) -> Path:
    """A new empty folder per example (tmp_path is shared by every example of a test)."""
    i = 0
    while (tmp_path / f"ex{i}").exists():
        i += 1
    folder = tmp_path / f"ex{i}"
    folder.mkdir()
    return folder


# --- regression examples (bugs these properties found) --------------------------------------------
def _one(status="", initiative="取組", kpis=(), title="令和４年度ロードマップの実施状況", ministries=("文部科学省",),
         by_ministry=None, fy=2022) -> Roadmap:
    m = Measure(1, "1", "1-1", initiative, list(kpis), list(ministries), status, None, dict(by_ministry or {}))
    return Roadmap(title, fy, dt.date(fy + 1, 3, 31), [Section("1", "１．", [Subsection("1-1", "◎")])], [m])


# A tagged part ending in blank lines, an untagged status with trailing spaces and a leading blank line:
# collect used to store the text as read back from the cell (stripped), rewriting unedited official text.
TRAILING = _one("【文科省】\n実施した。\n\n【法務省】\n相談", ministries=("文部科学省", "法務省"),
                by_ministry={"文部科学省": "実施した。\n\n", "法務省": "相談"})
LEADING = _one("\n\n実施した。  ")
# A carriage return (a JSON dataset from Windows): collect took the title and locked cells back with
# "\n" and rejected every return as tampered; the Word summary put it into the text, where XML reads it as
# a line feed shown as a space (now every line end is a Word line break there).
CR = _one("実施\r\nした。", initiative="取組\r内容", title="タイトル\r")
# A JSON dataset written with ASCII escapes ("\ud842\udf9f" for 𠮟): its errors had no line numbers.
ASTRAL_JSON = _one(title="\x00令和４年度")
ASTRAL_JSON.sections[0].title = "𠮟"


# --- 1 and 2: dataset round trips ----------------------------------------------------------------
@_settings(100)
@given(roadmaps())
def test_json_export_loads_back_unchanged(tmp_path, roadmap):
    path = _fresh(tmp_path) / "export.json"
    path.write_text(to_json(roadmap), encoding="utf-8")
    back = load_roadmap(path)
    assert back.to_dict() == roadmap.to_dict()
    assert back == roadmap


@_settings(100)
@given(roadmaps())
@example(CR)
def test_yaml_save_loads_back_unchanged_and_saves_the_same_bytes(tmp_path, roadmap):
    folder = _fresh(tmp_path)
    save(roadmap, folder / "a.yaml")
    back = load_roadmap(folder / "a.yaml")
    assert back.to_dict() == roadmap.to_dict()
    save(back, folder / "b.yaml")
    assert (folder / "b.yaml").read_bytes() == (folder / "a.yaml").read_bytes()
    assert (folder / "a.yaml").read_text(encoding="utf-8") == dumps_yaml(roadmap)


# --- 3: build, reopen, find every text -----------------------------------------------------------
def _expected_cells(roadmap: Roadmap, m, name: str | None) -> dict[str, str]:
    """The texts the printed table shows for a measure (render/xlsx/measure_table.py), continuations joined."""
    from roadmap_reports.render.report.view import kpi_text

    target = roadmap.target(m)
    initiative = f"（再掲：施策{m.repost_of}）\n{target.initiative}" if m.is_repost else m.initiative
    if m.is_repost:
        status = f"施策{m.repost_of}の実施状況を参照"
    elif name and m.status_for(name) != m.status:  # the tagged part, then the whole text from a row of its own
        status = m.status_for(name) + note_of(name, m.status)
    else:
        status = m.status
    return {"具体的取組": initiative, "KPI": kpi_text(target.kpis), "担当省庁": "\n".join(roadmap.owners(m)),
            "実施状況": status}


def _check_ministry_workbook(path: Path, roadmap: Roadmap, name: str) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    assert ws.title == "施策一覧"
    entries = read_table(ws)
    rows = {e["id"]: e for e in entries if e["kind"] == "measure"}
    mine = roadmap.measures_of(name)
    assert list(rows) == [m.id for m in mine]  # report order, nothing else
    headings = [e["title"] for e in entries if e["kind"] == "heading"]
    expected_headings, last = [], (None, None)
    for m in mine:  # a section or sub-heading before the first of a run of its measures
        if m.section != last[0]:
            expected_headings.append(roadmap.section(m.section).title)
        if m.subsection is not None and (m.section, m.subsection) != last:
            expected_headings.append(roadmap.subsection(m.subsection).title)
        last = (m.section, m.subsection)
    assert headings == expected_headings
    for m in mine:
        assert rows[m.id]["cells"] == _expected_cells(roadmap, m, name), m.id


def _check_overview(path: Path, roadmap: Roadmap) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["集計", "全施策", "施策データ"]
    rows = measures(wb["全施策"])
    assert list(rows) == [m.id for m in roadmap.measures]
    for m in roadmap.measures:
        assert rows[m.id]["cells"] == _expected_cells(roadmap, m, None), m.id


def _docx_measures(doc) -> dict[int, dict]:
    """{measure id: {initiative, kpis, status, full}} read back from the paragraphs of a Word summary."""
    out: dict[int, dict] = {}
    current = None
    mode = None
    for p in doc.paragraphs:
        style, text = p.style.name, p.text
        if style.startswith("Heading"):
            mode = None
            current = None
            if style == "Heading 3":
                current = out.setdefault(int(re.match(r"施策(\d+)", text).group(1)),
                                         {"initiative": None, "kpis": [], "status": [], "full": []})
            continue
        if current is None:
            continue
        if style == "Label":
            mode = ("initiative" if text.startswith("具体的取組") else "kpis" if text == "KPI"
                    else "full" if text.startswith("公表された") else "status" if text.startswith("実施状況") else None)
            continue
        if mode == "initiative" and style == "Body Indent":
            current["initiative"] = text
            mode = None
        elif mode == "kpis" and style == "List Bullet":
            current["kpis"].append(text)
        elif mode == "status" and style == "Body Indent":
            current["status"].append(text)
        elif mode == "full" and style == "Note":
            current["full"].append(text)
        else:
            mode = None
    return out


def _word(text: str) -> str:
    """A text as Word shows it: every line end (\r\n, \r, \n) a line break, read back as "\n"."""
    return re.sub(r"\r\n?", "\n", text)


def _check_summary(path: Path, roadmap: Roadmap, name: str) -> None:
    import docx

    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == _word(roadmap.title)
    got = _docx_measures(doc)
    mine = roadmap.measures_of(name)
    assert list(got) == [m.id for m in mine]
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    for m in mine:
        target = roadmap.target(m)
        g = got[m.id]
        assert g["initiative"] == _word(target.initiative)
        assert g["kpis"] == [_word(k) for k in target.kpis]
        if m.is_repost:
            assert g["status"] == [f"施策{m.repost_of}の実施状況を参照。"]
        else:
            assert "\n".join(g["status"]) == _word(m.status_for(name))
            assert "\n".join(g["full"]) == _word(m.status if m.status_for(name) != m.status else "")
        assert _word(roadmap.section(m.section).title) in headings
        if m.subsection is not None:
            assert _word(roadmap.subsection(m.subsection).title) in headings


@_settings(15)
@given(roadmaps(max_measures=5))
@example(CR)
def test_every_file_of_a_build_opens_and_holds_every_text_unchanged(tmp_path, roadmap):
    from roadmap_reports.render.build import build

    out = _fresh(tmp_path)
    result = build(roadmap, out, jobs=1)
    names = roadmap.ministries()
    expected = {"00_全体_overview.xlsx"} | {f"{safe_filename(lookup(n))}.{s}" for n in names for s in ("xlsx", "docx")}
    assert {p.name for p in out.iterdir()} == expected == {p.name for p in result.files}
    _check_overview(out / "00_全体_overview.xlsx", roadmap)
    for name in names:
        stem = safe_filename(lookup(name))
        _check_ministry_workbook(out / f"{stem}.xlsx", roadmap, name)
        _check_summary(out / f"{stem}.docx", roadmap, name)


# --- 4: circulate and collect without edits --------------------------------------------------------
@_settings(25)
@given(roadmaps(max_measures=5))
@example(TRAILING)
@example(LEADING)
@example(CR)
def test_workbooks_for_update_returned_unedited_give_back_the_same_statuses(tmp_path, roadmap):
    from roadmap_reports.rounds.circulate import build_update_workbooks
    from roadmap_reports.rounds.collect import check_draft, collect

    target = roadmap.fiscal_year + 1
    paths = build_update_workbooks(roadmap, _fresh(tmp_path), fiscal_year=target)
    result = collect(paths, base=roadmap, fiscal_year=target)
    assert [str(f) for f in result.findings if f.severity == "error"] == []
    assert result.missing == [] and result.conflicts == [] and result.updated == []
    assert [(m.id, m.status, m.status_by_ministry) for m in result.draft.measures] == \
           [(m.id, m.status, m.status_by_ministry) for m in roadmap.measures]
    assert [(m.initiative, m.kpis, m.ministries, m.repost_of) for m in result.draft.measures] == \
           [(m.initiative, m.kpis, m.ministries, m.repost_of) for m in roadmap.measures]
    check_draft(result)


# --- 5: characters XML forbids -----------------------------------------------------------------------
@st.composite
def with_forbidden(draw):
    """(roadmap with one forbidden character put into one text, measure id or None, field, the character)."""
    roadmap = draw(roadmaps(max_measures=4))
    ch = draw(forbidden_chars)
    originals = [m for m in roadmap.measures if not m.is_repost]
    places = ["title", "section"] + [(m.id, f) for m in originals for f in ("initiative", "status", "kpis")]
    places += [(m.id, "status_by_ministry") for m in originals if m.status_by_ministry]
    place = draw(st.sampled_from(places))

    def put(text: str) -> str:
        i = draw(st.integers(0, len(text)))
        return text[:i] + ch + text[i:]

    if place == "title":
        roadmap.title = put(roadmap.title)
        return roadmap, None, "title", ch
    if place == "section":
        section = draw(st.sampled_from(roadmap.sections))
        section.title = put(section.title)
        return roadmap, None, "sections", ch
    mid, field = place
    m = roadmap.measure(mid)
    if field == "kpis":
        m.kpis = m.kpis or ["KPI"]
        k = draw(st.integers(0, len(m.kpis) - 1))
        m.kpis[k] = put(m.kpis[k])
    elif field == "status_by_ministry":
        name = draw(st.sampled_from(sorted(m.status_by_ministry)))
        m.status_by_ministry[name] = put(m.status_by_ministry[name])
    else:
        setattr(m, field, put(getattr(m, field)))
    return roadmap, mid, field, ch


def _dataset_file(folder: Path, roadmap: Roadmap, yaml_format: bool) -> Path:
    if yaml_format and not any("\ud800" <= c <= "\udfff" for c in json.dumps(roadmap.to_dict(), ensure_ascii=False)):
        path = folder / "bad.yaml"
        path.write_text(dumps_yaml(roadmap), encoding="utf-8")  # PyYAML writes the character as an escape
    else:
        path = folder / "bad.json"
        path.write_text(json.dumps(roadmap.to_dict(), ensure_ascii=True, indent=2), encoding="utf-8")
    return path


@_settings(60)
@given(with_forbidden(), st.booleans())
@example((ASTRAL_JSON, None, "title", "\x00"), False)
def test_a_character_xml_forbids_is_a_located_error_and_nothing_is_written(tmp_path, case, yaml_format):
    from roadmap_reports.render.build import build
    from roadmap_reports.rounds.circulate import build_update_workbooks

    from conftest import invoke

    roadmap, mid, field, ch = case
    code = f"U+{ord(ch):04X}"
    folder = _fresh(tmp_path)
    path = _dataset_file(folder, roadmap, yaml_format)

    # loading (validate, build, export, collect all load first): every problem located
    with pytest.raises(ValidationError) as err:
        load_roadmap(path)
    hits = [p for p in err.value.problems if code in p.message and p.message.startswith(
        "title" if field == "title" else "title of s" if field == "sections" else field)]
    assert hits, [str(p) for p in err.value.problems]
    assert all(p.file == str(path) and p.line is not None and p.measure == mid for p in hits)

    # the CLI: one line per problem, exit 4 (an input that cannot be used), no traceback, no output folder
    out = folder / "out"
    result = invoke("build", path, "-o", out, "-q")
    assert result.exit_code == 4
    assert f"{path}:{hits[0].line}: " + (f"measure {mid}: " if mid is not None else "") in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()

    # an in-memory roadmap (library use): a RenderError naming measure and field, before any file
    with pytest.raises(RenderError) as err:
        build(roadmap, out, jobs=1)
    assert err.value.measure == mid and code in err.value.message
    assert err.value.message.startswith({"title": "title", "sections": "sections"}.get(field, field))
    assert not out.exists()
    with pytest.raises(RenderError) as err:
        build_update_workbooks(roadmap, out, fiscal_year=roadmap.fiscal_year + 1)
    assert err.value.measure == mid and code in err.value.message
    assert not out.exists()


def test_kpis_too_long_together_for_their_cell_are_a_validation_problem():
    """Each KPI fits a cell, but the KPI cell holds them all: validate said valid and build failed."""
    from roadmap_reports.sources.checks import validate

    roadmap = _one(kpis=["あ" * 20_000, "い" * 20_000])
    assert [p.message for p in validate(roadmap)] == \
           ["kpis together are 40,001 characters, more than an Excel cell holds (32,767)"]


def test_a_repost_row_too_long_for_a_workbook_for_update_is_located_and_writes_nothing(tmp_path):
    """A repost's cell holds 「（再掲：施策番号N）」 and the repeated text: an initiative of 32,767
    characters no longer fits. The workbooks of other ministries used to be written before the error."""
    from roadmap_reports.rounds.circulate import build_update_workbooks

    roadmap = _one(initiative="あ" * 32_767)  # 文部科学省: its workbook comes after 法務省's
    roadmap.measures += [Measure(2, "1", None, "取組", [], ["法務省"], "状況"), Measure(3, "1", None, repost_of=1)]
    with pytest.raises(RenderError) as err:
        build_update_workbooks(roadmap, tmp_path / "out", fiscal_year=2023)
    assert (err.value.measure, err.value.message) == \
           (3, "initiative is 32,778 characters, more than an Excel cell holds (32,767)")
    assert not (tmp_path / "out").exists()


def test_the_forbidden_set_is_what_xml_forbids():
    """The strategy's FORBIDDEN (and so the properties above) matches the XML 1.0 Char production."""
    def xml_char(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF

    assert {ord(c) for c in FORBIDDEN} == {c for c in range(0x10000) if not xml_char(c) and not 0xD800 <= c <= 0xDFFF}


# --- the generator itself ----------------------------------------------------------------------------
FEATURES = {
    "a repost": lambda r: any(m.is_repost for m in r.measures),
    "a status tagged 【省】 by ministry": lambda r: any(m.status_by_ministry for m in r.measures),
    "a shared, untagged status": lambda r: any(len(m.ministries) > 1 and not m.status_by_ministry
                                               for m in r.measures),
    "a subsection": lambda r: any(m.subsection for m in r.measures),
    "a status with a paragraph break": lambda r: any("\n" in m.status for m in r.measures if not m.status_by_ministry),
    "a character outside the BMP": lambda r: any(ord(c) > 0xFFFF for m in r.measures for c in m.initiative),
    "a combining mark": lambda r: any(c in "\u0301\u3099\u20dd" for m in r.measures for c in m.status),
    "a form NFKC changes": lambda r: any(c in "①ｶＡ㈱" for m in r.measures for k in m.kpis for c in k),
    "a formula start": lambda r: any(m.initiative[:1] in "=+-@" for m in r.measures if not m.is_repost),
    "template syntax": lambda r: any("{{" in m.status or "{%" in m.status for m in r.measures),
    "XML syntax": lambda r: any("<" in m.initiative or "&" in m.initiative for m in r.measures),
    "whitespace at an end": lambda r: any(m.status != m.status.strip() for m in r.measures if m.status.strip()),
    "a carriage return": lambda r: any("\r" in m.status for m in r.measures),
}


def test_the_generator_draws_every_kind_of_text_and_structure():
    """Each kind of hostile input the properties claim to cover is drawn within the first 100 examples."""
    seen: dict[str, int] = dict.fromkeys(FEATURES, 0)

    @_settings(100)
    @given(roadmaps())
    def draw(roadmap):
        for name, has in FEATURES.items():
            seen[name] += bool(has(roadmap))

    draw()
    assert [name for name, n in seen.items() if n == 0] == []
