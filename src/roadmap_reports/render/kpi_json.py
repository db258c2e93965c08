"""The KPI progress report as JSON: the machine-readable contract (docs/kpi.md)."""

from __future__ import annotations

import json


def render_json(report) -> str:
    """The report as JSON (UTF-8 text, keys in English)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
