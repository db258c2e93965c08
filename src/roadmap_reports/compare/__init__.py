"""Year-over-year comparison of two roadmaps.

- ``pairing``: which measure of one year is which of the other (renumbering included);
- ``pair``: what changed between one matched pair (fields, status parts, flags);
- ``kpis``: KPI items paired across the years, revised targets;
- ``spans``: the changed characters of a displayed text (what the 新旧対照表 underlines);
- ``result``: the result types and the flags;
- ``diff``: the operation, ``diff(old, new)`` and ``diff_files(old_path, new_path)``.
"""
