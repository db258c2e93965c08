"""Renderers: every output a person or a program reads, from the one model or an operation's result.

`registry.py` names them all, (subject, format) → "module:function", and imports each only when used.
Text formats sit here (diff_text, diff_md, diff_json, export, collect_report, summary); the 新旧対照表's
shared table is comparison_table.py; build.py renders a ministry's book files side by side; workbooks are
in xlsx/, Word documents in docx/.
"""
