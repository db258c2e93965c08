"""`roadmap-reports publish`: the static site — every page there, every link resolving, every text of every
measure on its page, stable addresses through renumbering, search inside words, the feed, and the same
bytes twice."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import DATA, FIXTURES, invoke

FY2022 = DATA / "fy2022.yaml"
FY2023 = DATA / "samples" / "fy2023_sample.yaml"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = invoke("publish", FY2023, FY2022, "-o", out)  # any order: sorted by fiscal year
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out}: 123 pages, 142 files (fiscal years 2022, 2023).\n"
    return out


@pytest.fixture(scope="module")
def roadmaps():
    from roadmap_reports.sources.dataset import load_roadmaps

    return load_roadmaps([FY2022, FY2023])


class Page(HTMLParser):
    """The parts of a page the tests look at: links, ids, headings, tables, text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.h1, self.text, self.tags = [], set(), 0, [], []
        self.lang = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_and_asset_resolves(site):
    checked = 0
    for path in pages(site):
        page = parse(path)
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path}: external or absolute link {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)}: broken link {link}"
            assert site.resolve() in target.parents, f"{path}: {link} leaves the site"
            if parts.fragment:
                assert parts.fragment in parse(target).ids, f"{path}: no #{parts.fragment} in {link}"
            checked += 1
    assert checked > 2000


def test_every_measure_of_every_year_has_its_page_with_all_its_texts(site, roadmaps):
    from roadmap_reports.render.publication import publication

    pub = publication(roadmaps, with_kpi=False)
    for year in pub.years:
        for m in year.roadmap.measures:
            line = pub.line_of(year.fiscal_year, m.id)
            text = "".join(parse(site / "measures" / f"{line.slug}.html").text)
            for piece in (m.initiative, m.status, *m.kpis, *m.status_by_ministry.values()):
                assert piece in text, f"FY{year.fiscal_year} measure {m.id}: text missing on its page"
    assert len(list((site / "measures").glob("*.html"))) == 102 + 1  # 102 lines and the list


def test_pages_are_japanese_with_one_h1_and_real_tables(site):
    for path in pages(site):
        page = parse(path)
        assert page.lang == "ja", path
        assert page.h1 == 1, f"{path}: {page.h1} h1"
        if "table" in page.tags:
            assert "th" in page.tags and "caption" in page.tags, path
        assert 'name="viewport"' in path.read_text(encoding="utf-8")


def test_a_renumbered_measure_keeps_its_address_and_says_its_numbers(site):
    text = "".join(parse(site / "measures" / "68.html").text)  # FY2022's 68 is FY2023's 69
    assert "施策番号：令和４年度 68、令和５年度 69" in text
    assert "令和５年度（2023年度）　施策69（旧68）" in text
    assert "番号変更" in text
    other = "".join(parse(site / "measures" / "69.html").text)
    assert "令和５年度（2023年度）　施策68（旧69）" in other


def test_changes_are_marked_inserted_and_deleted(site):
    page = (site / "measures" / "5.html").read_text(encoding="utf-8")
    # 50％ → 60％: the whole target deleted and inserted (phrase spans), in the KPI
    assert '<del><span class="sr">［削除］</span>50％以上</del><ins><span class="sr">［追加］</span>60％以上</ins>' in page
    assert "KPI目標の改定" in page and "実施状況の更新" in page
    removed = "".join(parse(site / "measures" / "100.html").text)
    assert "令和５年度（2023年度）" in removed and "掲載されていません（削除）" in removed
    new = "".join(parse(site / "measures" / "102.html").text)
    assert "【例示】在留外国人に向けた防災・災害情報の多言語での発信を強化する。" in new


def test_changes_page_lists_flags_in_japanese_with_filters(site):
    path = site / "changes" / "2022-2023.html"
    text = "".join(parse(path).text)
    assert "令和４年度→令和５年度の変更" in text
    assert "102施策のうち89施策に変更等があります。" in text
    for label in ("新設", "削る", "番号変更", "KPI目標の改定", "担当省庁の変更"):
        assert label in text
    raw = path.read_text(encoding="utf-8")
    assert raw.count("<tr data-ministries=") == 89
    assert '<option value="MEXT">文部科学省</option>' in raw and '<option value="kpi_revised">KPI目標の改定</option>' in raw
    assert ('<tr data-ministries="MEXT" data-flags="kpi_revised status_changed"><th scope="row" class="id">'
            '<a href="../measures/5.html">施策5</a>') in raw


def test_home_page_counts_and_marks_the_sample(site):
    text = "".join(parse(site / "index.html").text)
    import datetime as dt

    from roadmap_reports.japanese.calendar import as_of_label

    assert "令和４年度（2022年度）" in text and as_of_label(dt.date(2023, 3, 31)) in text
    assert "【例示】例示用サンプル（公式の数値ではありません）" in text
    assert "102施策のうち89施策に変更等があります。" in text
    assert "１．円滑なコミュニケーションと社会参加のための日本語教育等の取組" in text
    assert (site / "ministries" / "MEXT.html").is_file() and (site / "ministries" / "MOJ.html").is_file()
    # an official year alone is not marked as a sample
    assert "【例示】" not in "".join(parse(site / "measures" / "3.html").text).split("令和４年度（2022年度）")[1]


def test_search_index_finds_text_inside_words(site, roadmaps):
    import json

    from roadmap_reports.render.html.search import fold, search
    from roadmap_reports.render.publication import publication

    raw = (site / "search-index.js").read_text(encoding="utf-8")
    assert raw.startswith("window.ROADMAP_SEARCH=")
    index = json.loads(raw[len("window.ROADMAP_SEARCH="):].rstrip().rstrip(";"))
    pub = publication(roadmaps, with_kpi=False)
    docs = [d[0] for d in index["docs"]]
    hits = [docs[i] for i in search(index, "日本語教室")]
    assert "measures/5.html" in hits  # 「地域の日本語教室の空白地域」 … inside a longer word
    for query in ("日本語教室", "やさしい日本語", "ＳＮＳ", "白書", "防災", "在留カード", "技能実習", "相談"):
        expect = set()
        for n, line in enumerate(pub.lines):
            texts = [t for m in line.measures.values() for t in (m.initiative, m.status, *m.kpis)]
            if any(fold(query) in fold(t) for t in texts):
                expect.add(n)
        assert set(search(index, query)) == expect, query
    assert search(index, "存在しない言葉です") == []


def test_feed_is_atom_with_one_entry_per_year_pair(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(site / "feed.xml").getroot()
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:title", ns).text == "【例示】令和４年度→令和５年度の変更"
    assert entries[0].find("a:updated", ns).text == "2024-03-31T00:00:00+09:00"
    assert entries[0].find("a:link", ns).get("href") == "changes/2022-2023.html"
    assert "89施策に変更等があります" in html.unescape(entries[0].find("a:content", ns).text)


def test_same_inputs_give_the_same_bytes_and_a_site_is_replaced_whole(site, tmp_path):
    import hashlib

    def digest(folder):
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    again = tmp_path / "again"
    (again / "stale").mkdir(parents=True)
    (again / "stale" / "old.html").write_text("old", encoding="utf-8")
    assert invoke("publish", FY2022, FY2023, "-o", again).exit_code == 0
    assert digest(again) == digest(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again"]  # no stage or old folder left


def test_one_year_alone_has_no_changes_page(tmp_path):
    out = tmp_path / "one"
    result = invoke("publish", FY2022, "-o", out)
    assert result.exit_code == 0
    assert not (out / "changes").exists()
    assert "変更" not in "".join(parse(out / "index.html").text).split("掲載している年度")[1].split("分野別")[0] \
        .replace("変更等", "")
    assert "【例示】" not in (out / "index.html").read_text(encoding="utf-8")


def test_bad_input_is_one_located_line_and_nothing_is_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIXTURES.joinpath("mini.yaml").read_text(encoding="utf-8").replace("- 文部科学省", "- 文部科学相", 1),
                   encoding="utf-8")
    out = tmp_path / "site"
    result = invoke("publish", FY2022, bad, "-o", out)
    assert result.exit_code == 4  # an input that cannot be used
    assert result.stderr == f"Error: {bad}:23: measure 1: unknown ministry '文部科学相' (did you mean 文部科学省?)\n"
    assert not out.exists()
    same_year = invoke("publish", FY2022, FY2022, "-o", out)
    assert same_year.exit_code == 2, same_year.stderr  # a usage error
    assert same_year.stderr == (f"Error: {FY2022}: two datasets of fiscal year 2022 ({FY2022} and {FY2022}); "
                                "give one dataset per year\n")
    assert not out.exists()
    missing = invoke("publish", tmp_path / "nope.yaml", "-o", out)
    assert missing.exit_code == 4 and missing.stderr == f"Error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_a_file_in_the_way_is_an_error(tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("publish", FY2022, "-o", blocker)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "x"
