"""The KPI progress report as JSON: the machine-readable contract (docs/kpi.md)."""

from __future__ import annotations

import json


def render_json(report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
