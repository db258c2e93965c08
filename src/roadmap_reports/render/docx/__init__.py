"""Word documents: summary.py (a ministry's summary from the docxtpl template), comparison.py (the
新旧対照表, python-docx); python-docx's private internals only in docx_private.py."""
