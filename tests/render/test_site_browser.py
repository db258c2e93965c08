"""The published site in a real browser: Debian's headless chromium, driven by selenium and chromedriver,
opens the pages from file://, with no console error; the search box finds measures by a word inside a
longer one; the changes filter works; the keyboard reaches the content; axe-core finds no violation of the
WCAG 2.1 A/AA rules. Skipped, saying why, where chromium, chromedriver, selenium or axe-core is missing
(.ci/run installs them). Set ROADMAP_SCREENSHOTS=DIR to keep PNG screenshots of the pages."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import DATA, ROOT, invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(os.environ.get("AXE_JS", ROOT / "bench" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
PAGES = {"home": "index.html", "measure": "measures/5.html", "ministry": "ministries/MEXT.html",
         "changes": "changes/2022-2023.html", "search": "search.html", "renumbered": "measures/68.html"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(CHROMEDRIVER is None, reason="chromedriver is not installed (apt-get install chromium-driver)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    assert invoke("publish", DATA / "fy2022.yaml", DATA / "samples" / "fy2023_sample.yaml", "-o", out).exit_code == 0
    return out


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="roadmap-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=1200,1600"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, site: Path, rel: str):
    browser.get((site / rel).as_uri())
    return browser


def severe(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_from_disk_without_console_errors(browser, site, name):
    open_page(browser, site, PAGES[name])
    assert browser.execute_script("return document.documentElement.lang") == "ja"
    assert len(browser.find_elements("tag name", "h1")) == 1
    assert severe(browser) == []
    folder = os.environ.get("ROADMAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / f"{name}.png"))


def _results(browser) -> list[str]:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: d.find_element("id", "search-status").text)
    return [a.get_attribute("href").rsplit("/site/", 1)[1] for a in browser.find_elements("css selector", "#results a")]


def test_typing_a_word_finds_the_measures_that_contain_it(browser, site):
    open_page(browser, site, "search.html")
    box = browser.find_element("id", "q")
    box.send_keys("日本語教室")
    hits = _results(browser)
    assert "measures/5.html" in hits  # 「地域の日本語教室の空白地域」: inside a longer word
    status = browser.find_element("id", "search-status").text
    assert status == f"「日本語教室」：{len(hits)}件の施策"
    box.clear()
    box.send_keys("白書")
    assert "measures/68.html" in _results(browser)  # the 白書 measure, FY2023's 69
    assert severe(browser) == []


def test_the_search_box_of_every_page_leads_to_the_results(browser, site):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site, "measures/5.html")
    box = browser.find_element("id", "site-q")
    box.send_keys("在留カード", Keys.ENTER)
    assert "measures/" in " ".join(_results(browser))
    assert browser.find_element("id", "q").get_attribute("value") == "在留カード"


def test_the_changes_filter_keeps_a_ministry_and_a_flag(browser, site):
    from selenium.webdriver.support.ui import Select

    open_page(browser, site, "changes/2022-2023.html")
    rows = browser.find_elements("css selector", "#changes tbody tr")
    assert len(rows) == 89 and browser.find_element("id", "f-count").text == "89件を表示"
    Select(browser.find_element("id", "f-ministry")).select_by_value("MEXT")
    Select(browser.find_element("id", "f-flag")).select_by_value("kpi_revised")
    shown = [r for r in rows if r.is_displayed()]
    assert [r.find_element("tag name", "th").text for r in shown] == ["施策5"]
    assert browser.find_element("id", "f-count").text == "1件を表示"


def test_the_keyboard_reaches_the_skip_link_first(browser, site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site, "index.html")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    active = browser.switch_to.active_element
    assert active.text == "本文へ移動" and active.get_attribute("href").endswith("#main")


@pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core is not installed ({AXE}; npm install axe-core, see .ci/run)")
@pytest.mark.parametrize("name", ["home", "measure", "ministry", "changes", "search"])
def test_axe_finds_no_wcag_21_aa_violations(browser, site, name):
    open_page(browser, site, PAGES[name])
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(WCAG)}}}}})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes[0].html])))"
        ".catch(e => done([['axe-error', String(e), 0, '']]));")
    assert result == []
