"""The renderer registry (render/registry.py): every registered (subject, format) renders, reopened the way
its reader opens it; unknown formats and options are clear errors; naming the formats imports nothing heavy.

The smoke test renders a fiscal year 2019 dataset as of 2019-03-31, the year whose labels went wrong in
several places: what a person reads says 令和元年度 and 平成31年３月31日, never 令和1年 or 令和１年."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml

from roadmap_reports.errors import UsageError
from roadmap_reports.render import registry

from build_helpers import mini_data, write_dataset

WRONG_ERA = re.compile(r"令和[1１](?![0-9０-９])年")


def _fy2019(tmp_path, *, fiscal_year=2019, as_of="2019-03-31", era="元", status_suffix=""):
    data = mini_data()
    data["fiscal_year"], data["as_of"] = fiscal_year, as_of
    data["title"] = re.sub(r"^令和[０-９0-9元]+年度", f"令和{era}年度", data["title"])
    for m in data["measures"]:
        if m.get("status"):
            m["status"] += status_suffix
    return write_dataset(tmp_path / f"fy{fiscal_year}.yaml", data)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """One object of every subject, made from mini.yaml as of fiscal year 2019."""
    from roadmap_reports import views
    from roadmap_reports.compare.diff import diff
    from roadmap_reports.progress.history import history
    from roadmap_reports.progress.report import kpi_report
    from roadmap_reports.rounds.collect import collect
    from roadmap_reports.sources.dataset import load_roadmap

    from update_helpers import build as build_for_update

    tmp = tmp_path_factory.mktemp("registry")
    old = load_roadmap(_fy2019(tmp))
    new = load_roadmap(_fy2019(tmp, fiscal_year=2020, as_of="2020-03-31", era="２", status_suffix="さらに周知した。"))
    returned = build_for_update(old, tmp / "round", fiscal_year=2020)
    return {
        "dataset": old,
        "book": views.ministry_extract(old, "MEXT"),
        "overview": views.overview(old),
        "diff": diff(old, new),
        "collect": collect(sorted(returned.values()), base=old, fiscal_year=2020),
        "kpi": kpi_report([old, new]),
        "history": history([old, new]),
        "datasets": [old, new],
        "report": old,
    }


def _visible_text(data: bytes) -> str:
    """What a reader sees in an Office file: its XML parts without the tags."""
    import html

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))


def _reopen(renderer: registry.Renderer, data: bytes | str):
    """Open the output as its reader would; return the text a person sees."""
    if renderer.format == "xlsx":
        import openpyxl

        assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames
        return _visible_text(data)
    if renderer.format == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        assert document.paragraphs or document.tables  # the published report is one table
        return _visible_text(data)
    if renderer.format == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(page.extract_text() or "" for page in pdf.pages)
    if renderer.format in ("json", "datapackage"):
        assert json.loads(data)
    elif renderer.format == "csv":
        assert len(list(csv.reader(io.StringIO(data)))) > 1
    elif renderer.format == "yaml":
        assert yaml.safe_load(data)["fiscal_year"] == 2019
    return data


@pytest.mark.parametrize("renderer", registry.RENDERERS, ids=lambda r: f"{r.subject}-{r.format}")
def test_every_registered_format_renders(renderer, inputs, tmp_path):
    if renderer.format == "pdf" and shutil.which("soffice") is None:
        pytest.skip("the PDF is LibreOffice's: soffice is not on PATH")
    subject = inputs[renderer.subject]
    if renderer.writes_file:
        path = tmp_path / f"out.{renderer.format}"
        registry.render(renderer.subject, renderer.format, subject, path)
        data = (path / "datapackage.json").read_text(encoding="utf-8") if path.is_dir() else path.read_bytes()
    else:
        data = registry.render(renderer.subject, renderer.format, subject)
        assert isinstance(data, bytes if renderer.returns == "bytes" else str)
    text = _reopen(renderer, data)
    assert not WRONG_ERA.findall(text)
    if renderer.subject in ("book", "overview"):
        assert "令和元年度" in text and "平成31年３月31日" in text
    if renderer.subject == "diff" and renderer.format in ("md", "xlsx", "docx"):
        assert "令和元年度" in text and "令和２年度" in text
    if renderer.subject in ("kpi", "history") and renderer.format != "json":
        assert "令和元年度" in text and "令和２年度" in text
    if renderer.subject == "report":
        assert "令和元年度" in text and "平成31年３月末時点" in text


def test_the_table_names_every_subject_and_format():
    assert registry.subjects() == ("dataset", "book", "overview", "diff", "collect", "kpi", "history", "datasets",
                                   "report")
    assert registry.formats("report") == ("docx", "xlsx", "pdf")
    assert registry.formats("dataset") == ("json", "csv", "yaml")
    assert registry.formats("book") == ("xlsx", "docx")
    assert registry.formats("diff") == ("text", "json", "md", "xlsx", "docx")
    assert registry.formats("collect") == ("text", "md", "json", "xlsx")
    assert registry.formats("kpi") == ("text", "json", "md", "xlsx")
    assert registry.formats("history") == ("text", "json", "xlsx")
    assert len({(r.subject, r.format) for r in registry.RENDERERS}) == len(registry.RENDERERS)


def test_an_unknown_format_names_the_known_ones():
    with pytest.raises(UsageError) as err:
        registry.get("diff", "pdf")
    assert str(err.value) == "unknown diff format 'pdf' (choose from text, json, md, xlsx, docx)"
    with pytest.raises(UsageError) as err:
        registry.formats("slides")
    assert str(err.value) == ("unknown subject 'slides' (choose from dataset, book, overview, diff, collect, kpi, "
                              "history, datasets, report)")
    with pytest.raises(UsageError) as err:
        registry.parse_formats("book", "xlsx,pdf")
    assert str(err.value) == "unknown format 'pdf' (choose from xlsx, docx)"
    assert registry.parse_formats("book", "DOCX, xlsx") == ("xlsx", "docx")


def test_options_go_to_the_renderers_that_take_them(inputs):
    result = inputs["diff"]
    right = registry.render("diff", "md", result, new_side="right", color=True, group_by="section")
    assert "| | 改正前（令和元年度） | 改正後（令和２年度） |" in right
    coloured = registry.render("diff", "text", result, new_side="right", color=True)
    assert "\x1b[" in coloured and "\x1b[" not in registry.render("diff", "text", result)
    with pytest.raises(TypeError, match="diff renderers take no option colour"):
        registry.render("diff", "text", result, colour=True)


def test_naming_the_formats_imports_no_renderer():
    code = ("import sys; from roadmap_reports.render import registry; registry.formats('diff'); "
            "registry.get('book', 'docx'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'docx', 'docxtpl', 'deepdiff') "
            "or m.startswith('roadmap_reports.render.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['roadmap_reports.render.registry']"


def test_the_commands_offer_the_registered_formats(runner):
    from roadmap_reports.cli import cli

    for command, subjects in (("diff", ("diff",)), ("export", ("dataset", "datasets"))):
        out = runner.invoke(cli, [command, "--help"]).output
        formats = [f for subject in subjects for f in registry.formats(subject)]
        assert "[" + "|".join(formats) + "]" in out.replace("\n", "").replace(" ", "")


def test_renderer_gives_the_registered_function():
    from roadmap_reports.render.diff_json import render_json

    assert registry.renderer("diff", "json") is render_json
