"""Readable golden files of the text outputs (tests/golden/text/), beside the sha256 manifest: a reviewer sees
in a pull request what a change does to the diff (JSON, Markdown, terminal) and the exports (JSON, CSV).

`render_all(tmp)` runs the commands on the bundled data and returns {golden file name: bytes};
tests/test_golden_text.py compares, `python scripts/golden.py --update` rewrites them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_TEXT = ROOT / "tests" / "golden" / "text"
OLD = "data/fy2022.yaml"
NEW = "data/samples/fy2023_sample.yaml"

#: golden file name -> command line; "-o OUT" is the file the command writes, else its standard output
COMMANDS = {
    "diff_fy2022_fy2023.json": ["diff", OLD, NEW, "--format", "json", "-o", "OUT"],
    "diff_fy2022_fy2023.md": ["diff", OLD, NEW, "--format", "md", "-o", "OUT"],
    "diff_fy2022_fy2023.txt": ["diff", OLD, NEW, "--no-color"],
    "export_fy2022.json": ["export", OLD, "--format", "json", "-o", "OUT"],
    "export_fy2022.csv": ["export", OLD, "--format", "csv", "-o", "OUT"],
}


def render_all(tmp: Path) -> dict[str, bytes]:
    from roadmap_reports.cli import cli

    out: dict[str, bytes] = {}
    runner = CliRunner()
    for name, argv in COMMANDS.items():
        target = tmp / name
        args = [str(ROOT / a) if a.startswith("data/") else (str(target) if a == "OUT" else a) for a in argv]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (name, result.output)
        text = target.read_bytes() if "OUT" in argv else result.stdout_bytes
        out[name] = text.replace(str(ROOT).encode() + b"/", b"")  # paths as typed from the repository root
    return out


def update(tmp: Path) -> list[str]:
    GOLDEN_TEXT.mkdir(parents=True, exist_ok=True)
    files = render_all(tmp)
    for name, data in files.items():
        (GOLDEN_TEXT / name).write_bytes(data)
    return sorted(files)
