"""The circulate-and-collect round: workbooks for update sent to the ministries, and their returns
merged into next year's draft.

- layout.py        the workbook's contract: sheets, the column table, metadata keys, rows, checksum
- circulate.py     writing the workbooks for update (one per ministry)
- instructions.py  the instructions sheet (記入要領)
- inspect.py       a returned file before any parsing: type, size, zip, macros, XML bombs
- read.py          a returned workbook: metadata, tamper checks, the answers
- merge.py         the answers into the draft: tagged and shared statuses, conflicts, KPI proposals
- collect.py       the whole collect: every file (on worker processes when many), then the merge
"""
