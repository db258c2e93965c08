"""The published report as PDF: the Word document converted by LibreOffice (``soffice --headless
--convert-to pdf``), the way the secretariat would print it to PDF.

LibreOffice runs with a private profile in a temporary folder, so it neither meets a LibreOffice the user
has open nor another conversion running at the same time. Its PDF stamps the time of conversion and a
random document ID; both are rewritten in place (same length, so the cross-reference table stays valid) to
the dataset's fixed time and a hash of the content, so the same dataset gives the same bytes with the same
LibreOffice. Without ``soffice`` on PATH, `MissingToolError` (exit code 4) says so in one line."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from roadmap_reports.errors import MissingToolError, RenderError
from roadmap_reports.i18n import _

SOFFICE = "soffice"
TIMEOUT_SECONDS = 600
_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*\))")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")  # LibreOffice's, of the content and the time


def soffice_path() -> str | None:
    """Where LibreOffice's soffice is (``ROADMAP_REPORTS_SOFFICE`` overrides PATH), or None."""
    return shutil.which(os.environ.get("ROADMAP_REPORTS_SOFFICE") or SOFFICE)


_FILTERS = {".docx": "writer_pdf_Export", ".xlsx": "calc_pdf_Export"}
_TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def convert_to_pdf(data: bytes, suffix: str, *, file=None, tagged: bool = False) -> bytes:
    """PDF bytes of an Office document (``.docx`` or ``.xlsx`` bytes), converted by LibreOffice; `tagged`: a
    tagged PDF (its structure says which text is a paragraph: screen readers, and `ingest`, read it)."""
    exe = soffice_path()
    if exe is None:
        raise MissingToolError(_("cannot write a PDF: LibreOffice (soffice) is not on PATH; install LibreOffice or "
                                 "write .docx and print it to PDF"), file=file)
    with tempfile.TemporaryDirectory(prefix="roadmap-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / f"report{suffix}"
        source.write_bytes(data)
        cmd = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", f"pdf:{_FILTERS[suffix]}:{_TAGGED}" if tagged else "pdf",
               "--outdir", str(folder / "out"), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RenderError(_("LibreOffice did not finish within {TIMEOUT_SECONDS} s").format(
                                    TIMEOUT_SECONDS=TIMEOUT_SECONDS), file=file) from None
        out = folder / "out" / "report.pdf"
        if proc.returncode != 0 or not out.exists():
            said = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise RenderError(_("LibreOffice could not convert to PDF (exit {returncode}{value})").format(
                                    returncode=proc.returncode, value=': ' + said[-1] if said else ''), file=file)
        return out.read_bytes()


def stable_pdf(pdf: bytes, when) -> bytes:
    """The PDF with its time stamps set to `when` and its document ID a hash of its content."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    pdf = _DATE.sub(lambda m: m.group(1) + stamp + m.group(3), pdf)
    digest = hashlib.sha256(_CHECKSUM.sub(b"", _ID.sub(b"", pdf))).hexdigest().upper().encode()

    def same_length(m: re.Match) -> bytes:
        out = m.group(0)
        for g in m.groups():
            out = out.replace(g, digest[:len(g)])
        return out

    return _CHECKSUM.sub(same_length, _ID.sub(same_length, pdf))


def pdf_bytes(roadmap, *, paper: str = "A4", via: str = "docx", file=None) -> bytes:
    """The report as a tagged PDF, made by LibreOffice from the report's .docx (or with via="xlsx" its .xlsx)."""
    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render import registry

    if via not in ("docx", "xlsx"):
        raise ValueError(f"a PDF is made from the docx or the xlsx, not {via!r}")
    data = registry.render("report", via, roadmap, paper=paper)
    return stable_pdf(convert_to_pdf(data, f".{via}", file=file, tagged=True), fixed_datetime(roadmap.as_of))
