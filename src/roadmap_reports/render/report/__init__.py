"""The published report itself (「…ロードマップの実施状況」): the whole table of measures in the report's own
layout, as the secretariat publishes it, in Word, Excel and PDF.

- `view.py`: the rows in report order (section and ◎ sub-headings in their place, reposts as 「再掲Ｎ」) and the
  texts of each column as printed — every renderer lays out these rows and nothing else;
- `layout.py`: the paper (A4 or A3 landscape), font sizes and column widths;
- `docx.py`, `xlsx.py`: the documents; `pdf.py`: the docx converted by LibreOffice;
- `docx_parts.py`: Word helpers python-docx lacks (East Asian fonts, repeated header rows, shading, page fields).

Library entry point: `write_report(roadmap, path, paper="A4")` in `write.py`.
"""
