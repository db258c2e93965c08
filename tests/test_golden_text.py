"""The text outputs equal their readable golden files (tests/golden/text/); regenerate them with
`python scripts/golden.py --update` and review the diff."""

from __future__ import annotations

import pytest

from golden_text import COMMANDS, GOLDEN_TEXT, render_all


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_all(tmp_path_factory.mktemp("golden-text"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_output_equals_its_golden_file(rendered, name):
    golden = GOLDEN_TEXT / name
    assert golden.is_file(), f"no {golden}; make it with `python scripts/golden.py --update`"
    assert rendered[name].decode("utf-8") == golden.read_bytes().decode("utf-8"), (
        f"{name} differs from tests/golden/text/{name}: if the change is intended, run "
        "`python scripts/golden.py --update` and commit the files")


def test_golden_files_are_readable_text_in_report_order(rendered):
    md = rendered["diff_fy2022_fy2023.md"].decode("utf-8")
    assert "新旧" in md or "#" in md
    csv = rendered["export_fy2022.csv"]
    assert csv.startswith("\ufeff".encode())  # UTF-8 with BOM, for Excel
    assert csv.decode("utf-8-sig").splitlines()[0].startswith("id,") or "," in csv.decode("utf-8-sig").splitlines()[0]
