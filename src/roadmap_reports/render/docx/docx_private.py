"""Every use of python-docx's private internals, in one place, each with why no public API does it.

Pinned by tests/render/docx/test_docx_private.py, which fails with the name of the internal when a
python-docx upgrade renames or changes one (then change it here, and only here).

- `package_entries`: the (name, bytes) parts python-docx would zip, in its order, through the static
  helpers of `docx.opc.pkgwriter.PackageWriter` (`_write_content_types_stream`, `_write_pkg_rels`,
  `_write_parts`). The public `Document.save()` deflates every part, and the reproducible writer must then
  inflate and deflate them again (io/reproducible.normalize_zip); handing over the parts skips that, for
  the same bytes. When the helpers are missing the caller saves the public way, and the test says so.
- `tc_properties`, `tr_properties`, `run_element`: the XML elements of a table cell, a table row and a run
  (python-docx: `_Cell._tc`, `_Row._tr`, `Run._r`), to add what python-docx has no API for: cell shading
  (w:shd), a repeated header row (w:tblHeader) and a PAGE field (w:fldChar, w:instrText).
"""

from __future__ import annotations


def package_entries(document) -> list[tuple[str, bytes]] | None:
    """The (name, bytes) entries python-docx would zip for `document`, in its order; None if this
    python-docx has no such steps (then the caller saves the usual way)."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        package = document.part.package
        writer = _Collect()
        for part in package.parts:
            part.before_marshal()
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
        return writer.entries
    except AttributeError:
        return None


class _Collect:
    """Stands in for python-docx's PhysPkgWriter: keeps the entries instead of zipping them."""

    def __init__(self):
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob) -> None:
        self.entries.append((pack_uri.membername, blob))

    def close(self) -> None:
        pass


def tc_properties(cell):
    """The w:tcPr element of a table cell (made if missing)."""
    return cell._tc.get_or_add_tcPr()


def tr_properties(row):
    """The w:trPr element of a table row (made if missing)."""
    return row._tr.get_or_add_trPr()


def run_element(run):
    """The w:r element of a run."""
    return run._r


def tbl_properties(table):
    """The w:tblPr element of a table."""
    return table._tbl.tblPr


def paragraph_element(paragraph):
    """The w:p element of a paragraph (to remove an empty one)."""
    return paragraph._p
