"""Reading the published report back in tests: the texts of each column in order, from the docx, the xlsx
and (with pdfplumber) the PDF, independently of the library's own readers."""

from __future__ import annotations

import re
import shutil

from roadmap_reports.render.report.view import kpi_text

HAS_SOFFICE = shutil.which("soffice") is not None
NO_SOFFICE = "LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer/-calc when apt works"
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def expected_columns(roadmap) -> dict[str, list[str]]:
    """Per column, every measure's stored texts in report order, as they must appear (whitespace removed)."""
    out = {"initiative": [], "kpis": [], "ministries": [], "status": []}
    for m in sorted(roadmap.measures, key=lambda x: x.id):
        if m.repost_of is not None:
            continue
        out["initiative"].append(squeeze(m.initiative))
        out["kpis"].extend(squeeze(k) for k in m.kpis)
        out["ministries"].extend(m.ministries)
        if m.status:
            out["status"].append(squeeze(m.status))
    return out


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in `haystack` in the given order (each searched after the previous one)."""
    missing, pos = [], 0
    for n in needles:
        i = haystack.find(n, pos)
        if i < 0:
            missing.append(n[:40])
        else:
            pos = i + len(n)
    return missing


def pdf_columns(path) -> tuple[list[str], list[float], int]:
    """(the text of each of the five columns across all pages, whitespace removed; the sizes of the body
    characters; the number of pages whose header row reads 施策番号 … 実施状況)."""
    import pdfplumber

    cols = [""] * 5
    sizes: list[float] = []
    headed = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            head = [w for w in words if w["text"] in ("施策番号", "具体的取組", "KPI", "担当省庁", "実施状況")]
            if len(head) < 5:
                continue
            headed += 1
            header_bottom = max(w["bottom"] for w in head)
            xs = sorted({round(e["x0"], 1) for e in page.vertical_edges
                         if e["top"] <= header_bottom and e["bottom"] >= header_bottom - 2})
            bounds = _merge_close(xs)
            bottom = max(e["bottom"] for e in page.vertical_edges)
            body = [c for c in page.chars if header_bottom + 1 < c["top"] and c["bottom"] <= bottom + 1
                    and c["text"].strip()]
            body.sort(key=lambda c: (round(c["top"]), c["x0"]))
            for c in body:
                sizes.append(c["size"])
                k = sum(1 for b in bounds[1:-1] if c["x0"] >= b)
                cols[min(k, 4)] += c["text"]
    return cols, sizes, headed


def _merge_close(xs, tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > tol:
            out.append(x)
    return out


__all__ = ["HAS_SOFFICE", "NO_SOFFICE", "squeeze", "expected_columns", "in_order", "pdf_columns", "kpi_text"]
