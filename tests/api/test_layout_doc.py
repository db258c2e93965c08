"""docs/layout.md shows the package tree as it is: one line per module, from each module's docstring."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_layout_doc_shows_the_current_tree():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "tree.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + " (run: python scripts/tree.py --update)"
