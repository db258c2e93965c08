"""Ingest straight from the report's PDF (pdfplumber: characters with their coordinates, ruling lines).

- `objects.py`: a page's characters and ruling lines as pdfminer reads them (no per-object dicts);
- `pages.py`: per page, the five columns from the header row's ruling lines, page furniture (title, date,
  repeated header, page number) set apart, the table cut into rows at the horizontal rules, each cell's lines;
- `cells.py`: lines joined into paragraphs (a tagged PDF's marked content, else geometry: paragraph spacing,
  a line that left room for the next line's start), KPI items, ministries, 「再掲Ｎ」 in the number column;
- `read.py`: rows → the one model (`Roadmap`), checked by the same validation as every dataset.

`ingest_pdf(path)` returns the text path's `IngestResult`; a broken, encrypted, scanned or foreign PDF raises
`IngestError` located at the file and page."""

from roadmap_reports.sources.pdf.read import ingest_pdf

__all__ = ["ingest_pdf"]
