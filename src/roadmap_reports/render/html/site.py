"""The static site: every page rendered from templates/site/ (Jinja2, found with importlib.resources, so a
wheel install works as well as a checkout), the stylesheet and script, the search index, the Atom feed
and the open-data package under data/. Relative links only: the site works opened from disk (file://)
and from any static host, with no server and no network.

Addresses are stable: measures/LINE.html (the line's number in its first year, see publication.py),
ministries/CODE.html, changes/OLD-NEW.html.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from roadmap_reports.japanese.calendar import year_label, years_label
from roadmap_reports.i18n import _

SITE_TITLE = "外国人との共生社会の実現に向けたロードマップ 実施状況"
STATIC = ("site.css", "site.js")


def _environment():
    import jinja2

    from roadmap_reports.render.html.marks import number
    from roadmap_reports.resources import template_path

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_path("site"))),
                             autoescape=True, trim_blocks=False, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["year_label"] = year_label
    env.filters["number"] = number
    return env


def site_files(pub, *, base_url: str = "") -> list[tuple[str, bytes]]:
    """Every file of the site, paths relative to its folder, in a fixed order."""
    from roadmap_reports.render.datapackage import PackageBuilder
    from roadmap_reports.render.html import pages
    from roadmap_reports.render.html.feed import feed
    from roadmap_reports.render.html.search import index_script
    from roadmap_reports.render.progress_seam import VERDICT_LABELS, VERDICT_MARKS
    from roadmap_reports.resources import resource_path

    package = PackageBuilder(pub)  # first: a large database is built on a second core meanwhile
    env = _environment()
    common = {"site_title": SITE_TITLE, "years_all": pub.years, "latest": pub.latest,
              "verdict_labels": list(VERDICT_LABELS.items()), "verdict_marks": VERDICT_MARKS,
              "change_links": [{"slug": pages.changes_slug(r),
                                "label": f"{years_label(r.old.fiscal_year, r.new.fiscal_year)}の変更"}
                               for r in pub.diffs]}
    any_sample = any(y.illustrative for y in pub.years)
    out = []

    def render(rel: str, template: str, title: str, context: dict, illustrative: bool = any_sample):
        root = "../" * rel.count("/")
        values = {**common, **context, "root": root, "page_title": title, "illustrative": illustrative}
        html = env.get_template(template).render(**values)
        out.append((rel, html.encode("utf-8")))

    home = pages.home_page(pub)
    render("index.html", "home.html.j2", "ホーム", home)
    render("search.html", "search.html.j2", "検索", {})
    render("measures/index.html", "measures.html.j2", "施策一覧", pages.measure_list(pub))
    for line in pub.lines:
        ctx = pages.measure_page(pub, line)
        render(f"measures/{line.slug}.html", "measure.html.j2", ctx["title"], ctx, ctx["illustrative"])
    render("ministries/index.html", "ministries.html.j2", "府省庁別", {"ministries": home["ministries"]})
    by_ministry = pages.lines_by_ministry(pub)
    for name in pub.ministries():
        ctx = pages.ministry_page(pub, name, by_ministry.get(name, []))
        render(f"ministries/{ctx['ministry']['code']}.html", "ministry.html.j2", name, ctx)
    for result in pub.diffs:
        ctx = pages.changes_page(pub, result)
        render(f"changes/{pages.changes_slug(result)}.html", "changes.html.j2",
               f"{ctx['old_label']}→{ctx['new_label']}の変更", ctx, ctx["illustrative"])
    render("data/index.html", "data.html.j2", "オープンデータ", {"tables": package.tables})
    for name in STATIC:
        out.append((name, resource_path("templates", "site", name).read_bytes()))
    out.append(("search-index.js", index_script(pub)))
    out.append(("feed.xml", feed(pub, base_url)))
    out += [(f"data/{rel}", data) for rel, data in package.files()]
    return out


def write_site(files: list[tuple[str, bytes]], directory) -> None:
    """Write the site into `directory`, all of it or nothing: the files go to a new folder beside it,
    which then takes the place of the old one (the old one is removed only after that)."""
    from roadmap_reports.errors import OutputError
    from roadmap_reports.io.files import write_error

    final = Path(directory)
    if final.exists() and not final.is_dir():
        raise OutputError(_("is a file, not a folder"), file=final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    except OSError as exc:
        raise write_error(exc, final) from None
    old = None
    try:
        for rel, data in files:
            path = stage / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _set_modes(stage)
        if final.exists():
            old = final.with_name(f".{final.name}.old-{os.getpid()}")
            os.replace(final, old)
        os.replace(stage, final)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if old is not None and not final.exists():
            os.replace(old, final)
        if isinstance(exc, OSError):
            raise write_error(exc, final) from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _set_modes(stage: Path) -> None:
    """mkdtemp made the folder 0700: give the folders and files what mkdir() and open() would."""
    mask = os.umask(0o022)
    os.umask(mask)
    for dirpath, _dirs, names in os.walk(stage):
        os.chmod(dirpath, 0o777 & ~mask)
        for name in names:
            os.chmod(os.path.join(dirpath, name), 0o666 & ~mask)
