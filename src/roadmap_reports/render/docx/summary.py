"""Word summaries from a docxtpl template (templates/ministry_summary.docx by default).

The template is a .docx with Jinja2 tags that users edit in Word; `context()` is the only thing it
sees. Data is never evaluated as a template: Jinja2 renders with autoescape on, and every text is
handed over already escaped (so `&`, `<`, `{{`, `{%` print as they are), including docxtpl's own
`{_{` markers. Core properties and zip entries get fixed timestamps so that rebuilds are identical.
After rendering, `render/docx/contents.py` writes the entries of the template's contents list (目次) and
keeps the last lines with the closing 「以上」 on one page.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape  # small, and called for every text of every document

from roadmap_reports.views import MeasureView, MinistryExtract
from roadmap_reports.errors import RenderError
from roadmap_reports.i18n import _

DEFAULT_TEMPLATE = "ministry_summary.docx"


def default_template() -> Path:
    """templates/ministry_summary.docx, as installed with the package."""
    from roadmap_reports.resources import template_path

    return template_path(DEFAULT_TEMPLATE)


_LINE_END = re.compile(r"\r\n?|\n")


def _t(text) -> object:
    r"""Text safe for the template's XML: escaped, with '_' as a character reference so that docxtpl's
    `{_{`/`}_}` unmarking cannot turn data into `{{`/`}}`. The XML parser gives the '_' back.

    Every line end (\n, and \r\n or \r from a dataset made on Windows) becomes "\n", which docxtpl
    writes as a Word line break: a bare \r would reach the XML parser, which reads it as \n inside
    the text (shown as a space, the line break lost)."""
    text = str(text)
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    return Markup(str(escape(text)).replace("_", "&#95;"))


def _lines(text: str) -> list:
    """A text as paragraphs, one per line (blank lines kept as empty paragraphs between others)."""
    if not text:
        return []
    return [_t(line) for line in _LINE_END.split(text)]


def _measure(m: MeasureView) -> dict:
    heading = f"施策{m.id}"
    if m.is_repost:
        heading += f"（再掲：施策{m.repost_of}）"
    return {
        "id": m.id,
        "heading": _t(heading),
        "initiative": _t(m.initiative),
        "kpis": [_t(k) for k in m.kpis],
        "kpi_items": _measure_kpi_items(m.kpis),
        "owners": _t("、".join(m.owners)),
        "co_owners": _t("、".join(m.co_owners)),
        "status": _t(m.status),
        "status_lines": _lines(m.status),
        "status_is_part": m.status_is_part,
        "full_status": _t(m.full_status),
        "full_status_lines": _lines(m.full_status) if m.status_is_part else [],
        "is_repost": m.is_repost,
        "repost_of": m.repost_of,
        "is_shared": m.is_shared,
    }


def _measure_kpi_items(kpis) -> list[dict]:
    """A measure's KPI lines as items (japanese.kpi.kpi_items): `entry` the item with its 「上記とともに…」
    lines under it, `caption` a 「（参考指標）」 caption on the first item it heads (empty otherwise)."""
    from roadmap_reports.japanese.kpi import kpi_items

    out, caption = [], ""
    for item in kpi_items(list(kpis)):
        out.append({"caption": _t(item.caption if item.caption != caption else ""),
                    "entry": _t("\n".join((item.text, *item.notes)))})
        caption = item.caption
    return out


def _progress(extract: MinistryExtract) -> list[dict]:
    """The KPI section's facts: each item's verdict, reason and actuals with their quotes (as `kpi` gives)."""
    from roadmap_reports.japanese.calendar import year_label
    from roadmap_reports.progress.report import extract_progress
    from roadmap_reports.progress.verdicts import figure

    return [{"id": p.item.measure, "no": p.item.kpi_index + 1, "text": _t(p.item.kpi), "verdict": p.verdict.label,
             "reason": _t(p.verdict.reason),
             "actuals": _t("、".join(f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}）「{a.quote}」"
                                    for a in p.actuals))}
            for p in extract_progress(extract) if p.item.has_numeric_target or p.actuals]


def _kpi_list(extract: MinistryExtract) -> list[dict]:
    """KPI一覧: each distinct item once with the measures that set it (render/summary.kpi_list)."""
    from roadmap_reports.render.summary import kpi_list, measure_range

    out = []
    for ids, items in kpi_list(extract.own):
        text = _kpi_entry(items)
        out.append({"id": ids[0], "ids": ids, "label": _t(measure_range(ids)), "text": _t(text),
                    "entry": _t(("　" if len(items) == 1 else "\n") + text),
                    "items": [{"text": _t(i.text), "caption": _t(i.caption), "notes": [_t(n) for n in i.notes]}
                              for i in items]})
    return out


def _kpi_entry(items) -> str:
    """The items of one KPI一覧 entry as printed after its measures: one item on the label's line; several
    one a line, each after 「・」, a 「（参考指標）」 caption once above the items it heads; notes under their item."""
    if len(items) == 1:
        return "\n".join(items[0].lines)
    lines, caption = [], ""
    for item in items:
        if item.caption and item.caption != caption:
            lines.append(item.caption)
        caption = item.caption
        lines += ["・" + item.text, *item.notes]
    return "\n".join(lines)


def context(extract: MinistryExtract) -> dict:
    """Everything the template may use (documented in docs/build.md)."""
    e = extract.edition
    measures: dict[int, dict] = {}

    def measure(m: MeasureView) -> dict:  # each measure's dict once, shared by "sections" and "measures"
        key = id(m)
        if key not in measures:
            measures[key] = _measure(m)
        return measures[key]

    return {
        "title": _t(e.title),
        "fiscal_year": e.fiscal_year,
        "fiscal_year_label": _t(e.fiscal_year_label),
        "as_of": e.as_of.isoformat(),
        "as_of_label": _t(e.as_of_label),
        "ministry": {"name": _t(extract.ministry.name), "code": _t(extract.ministry.code),
                     "english": _t(extract.ministry.english)},
        "counts": {"measures": len(extract.own), "shared": len(extract.shared), "reposts": len(extract.reposts),
                   "tagged": len(extract.tagged)},
        "by_section": [{"title": _t(s.title), "measures": n, "reposts": r} for s, n, r in extract.section_counts()],
        "shared": [{"id": m.id, "co_owners": _t("、".join(m.co_owners))} for m in extract.shared],
        "kpis": _kpi_list(extract),
        "kpi_progress": _progress(extract),
        "sections": [
            {"title": _t(g.title),
             "subsections": [{"title": _t(sub.title), "measures": [measure(m) for m in sub.measures]}
                             for sub in g.subsections]}
            for g in extract.sections
        ],
        "measures": [measure(m) for m in extract.measures],
    }


class Template:
    """A loaded Word template; `render()` gives the document of one ministry as bytes."""

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else default_template()
        if not self.path.is_file():
            raise RenderError(_("template not found") if not self.path.exists() else _("template is not a file"),
                              file=self.path)
        self.data = self.path.read_bytes()
        self._patched: dict[str, str] = {}
        self._check()

    def _check(self) -> None:
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            raise RenderError(_("not a Word template (.docx): not a zip file"), file=self.path) from None
        if "word/document.xml" not in names:
            raise RenderError(_("not a Word template (.docx): word/document.xml is missing"), file=self.path)
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise RenderError(_("templates with macros are not accepted"), file=self.path)

    def _env(self):
        """Sandboxed, autoescaping, strict about unknown names, and compiling each template part once:
        docxtpl hands over the same body/header/footer source for every ministry."""
        if getattr(self, "_jinja_env", None) is None:
            from jinja2 import StrictUndefined
            from jinja2.sandbox import SandboxedEnvironment

            class CachingEnvironment(SandboxedEnvironment):
                def from_string(self, source, globals=None, template_class=None):
                    key = (source, template_class)
                    if globals is None and key in compiled:
                        return compiled[key]
                    template = super().from_string(source, globals, template_class)
                    if globals is None:
                        compiled[key] = template
                    return template

            compiled: dict = {}
            self._jinja_env = CachingEnvironment(autoescape=True, undefined=StrictUndefined)
        return self._jinja_env

    def render(self, extract: MinistryExtract) -> bytes:
        """The document of one ministry, as reproducible bytes; a template error is a located RenderError."""
        import io

        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        from roadmap_reports.io.reproducible import fixed_datetime, normalize_zip, zip_entries

        patched = self._patched

        class CachedTemplate(DocxTemplate):
            def patch_xml(self, src_xml):  # the same template parts for every ministry: clean them once
                if src_xml not in patched:
                    patched[src_xml] = super().patch_xml(src_xml)
                return patched[src_xml]

        tpl = CachedTemplate(io.BytesIO(self.data))
        try:
            tpl.render(context(extract), jinja_env=self._env(), autoescape=True)
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            where = f" (near template line {line})" if line else ""
            raise RenderError(_("template error: {error}{where}").format(
                error=exc.message if hasattr(exc, "message") else exc, where=where), file=self.path) from None
        except Exception as exc:  # a template docxtpl cannot handle (broken XML after rendering, ...)
            raise RenderError(_("cannot render template: {error}").format(error=f"{type(exc).__name__}: {exc}"),
                              file=self.path) from None
        _finish(tpl.docx)
        when = fixed_datetime(extract.edition.as_of)
        e = extract.edition
        props = tpl.docx.core_properties
        props.title = f"{e.title}（{extract.ministry.name}）"
        props.subject = f"外国人との共生社会の実現に向けたロードマップ 実施状況 {e.fiscal_year_label} {e.as_of_label}"
        props.author = "roadmap-reports"
        props.last_modified_by = "roadmap-reports"
        props.keywords = f"{extract.ministry.code} FY{e.fiscal_year}"
        props.comments = f"{extract.ministry.name}の施策 {len(extract.own)}件（再掲 {len(extract.reposts)}件）"
        props.revision = 1
        props.created = props.modified = props.last_printed = when
        entries = _package_entries(tpl)
        if entries is not None:  # zipped once, by zip_entries, instead of deflated twice
            return zip_entries(entries)(when)
        buf = io.BytesIO()
        tpl.save(buf)
        return normalize_zip(buf.getvalue(), when)


def _finish(document) -> None:
    """What a template cannot do itself: the contents list's entries, and a last page that is not a stub."""
    from roadmap_reports.render.docx.contents import fill_contents, keep_end_together

    fill_contents(document)
    keep_end_together(document)


def _package_entries(tpl) -> list[tuple[str, bytes]] | None:
    """The parts python-docx would zip for the rendered template (docx_private.package_entries); None
    when docxtpl still has media to replace on saving, or this python-docx lacks the steps."""
    from roadmap_reports.render.docx.docx_private import package_entries

    pending = [getattr(tpl, name, True) for name in _DOCXTPL_REPLACEMENTS]  # missing: docxtpl changed, save
    if any(pending):
        return None
    return package_entries(tpl.docx)


# What docxtpl replaces while it saves (pictures, media, embedded files, zip members): the parts alone
# would miss it.
_DOCXTPL_REPLACEMENTS = ("pics_to_replace", "crc_to_new_media", "crc_to_new_embedded", "zipname_to_replace")


def summary_bytes(extract: MinistryExtract, template=None) -> bytes:
    """A ministry's Word summary as reproducible bytes, from `template` (a Template, a path, or None
    for the default template)."""
    if not isinstance(template, Template):
        template = Template(template)
    return template.render(extract)
