"""The history across years as JSON."""

from __future__ import annotations

import json


def render_json(hist) -> str:
    """The report as JSON (UTF-8 text, keys in English)."""
    return json.dumps(hist.to_dict(), ensure_ascii=False, indent=2) + "\n"
