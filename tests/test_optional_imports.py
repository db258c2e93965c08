"""Heavy optional dependencies are left out of imports that do not need them."""

from __future__ import annotations

import pytest

from conftest import ROOT


@pytest.mark.parametrize("code, absent", [
    ("from roadmap_reports.render.xlsx.common import load_openpyxl; load_openpyxl()", "numpy"),
    ("from roadmap_reports.compare.pair import _deepdiff; _deepdiff()", "pandas"),
])
def test_optional_heavy_modules_are_not_imported_and_stay_importable(code, absent):
    import subprocess
    import sys

    import importlib.util

    # Not imported, no blocking entry left behind (a None in sys.modules would make a later
    # `import pandas` fail); and importable afterwards where it is installed (the bench extra).
    check = (f"{code}\nimport sys\nprint({absent!r} in sys.modules)\n"
             f"import importlib.util\nif importlib.util.find_spec({absent!r}) is not None:\n"
             f"    import {absent}\n    print({absent}.__name__)\nelse:\n    print({absent!r})")
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", absent]
    if importlib.util.find_spec(absent) is None:
        pytest.skip(f"{absent} is not installed: only checked that it was not imported")
