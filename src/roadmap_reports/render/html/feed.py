"""An Atom feed (RFC 4287) of the changes, one entry per pair of consecutive years, for people who follow
the roadmap in a feed reader. Dates are the later year's as-of date (never the clock), so the same inputs
give the same bytes; links are relative to the feed (or absolute under `base_url`)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from roadmap_reports.compare.result import FLAG_LABELS
from roadmap_reports.japanese.calendar import as_of_label, years_label

FEED_ID = "tag:roadmap-reports,2023:roadmap-implementation-status"


def _entry(pub, result, base: str) -> str:
    from roadmap_reports.render.html.pages import changes_slug

    slug = changes_slug(result)
    years = years_label(result.old.fiscal_year, result.new.fiscal_year)
    mark = "【例示】" if pub.year(result.new.fiscal_year).illustrative else ""
    counts = "".join(f"<li>{escape(FLAG_LABELS[f])}：{n}</li>" for f, n in result.summary.items() if n)
    summary = (f"<p>{len(result.measures)}施策のうち{len(result.changed)}施策に変更等があります"
               f"（{escape(as_of_label(result.new.as_of))}）。</p><ul>{counts}</ul>")
    when = f"{result.new.as_of.isoformat()}T00:00:00+09:00"
    return (f"<entry>\n<title>{escape(mark + years + 'の変更')}</title>\n"
            f"<id>{FEED_ID}:changes:{slug}</id>\n<updated>{when}</updated>\n"
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + 'changes/' + slug + '.html')}/>\n"
            f"<content type=\"html\">{escape(summary)}</content>\n</entry>\n")


def feed(pub, base_url: str = "") -> bytes:
    """feed.xml: newest year pair first."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    latest = pub.latest.roadmap
    updated = f"{latest.as_of.isoformat()}T00:00:00+09:00"
    entries = "".join(_entry(pub, r, base) for r in reversed(pub.diffs))
    text = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">\n'
            "<title>外国人との共生社会の実現に向けたロードマップ：年度ごとの変更</title>\n"
            f"<id>{FEED_ID}</id>\n<updated>{updated}</updated>\n<author><name>roadmap-reports</name></author>\n"
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + 'index.html')}/>\n"
            f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(base + 'feed.xml')}/>\n"
            f"{entries}</feed>\n")
    return text.encode("utf-8")
