"""Excel workbooks (openpyxl): common.py (fonts, text that stays text, widths, print setup, reproducible
saving), measure_table.py (the printed table of measures), extract.py (a ministry's workbook), overview.py (the
secretariat's), comparison.py (the 新旧対照表); openpyxl's private internals only in openpyxl_private.py."""
