"""The diff as JSON: the machine-readable contract (see docs/diff.md). Keys in a fixed order."""

from __future__ import annotations

import json

from roadmap_reports.compare.diff import DiffResult


def render_json(result: DiffResult) -> str:
    """The diff as JSON, the machine-readable contract of docs/diff.md (keys in a fixed order)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
