from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

# The tests pin English messages whatever the machine's locale; tests of Japanese ask for it
# (ROADMAP_REPORTS_LANG=ja, or a Japanese LANG in a subprocess whose environment drops this variable).
os.environ.setdefault("ROADMAP_REPORTS_LANG", "en")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = ROOT / "data"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def mini_path():
    return FIXTURES / "mini.yaml"


@pytest.fixture
def mini(mini_path):
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(mini_path)


def invoke(*args, input=None):
    """Run the CLI in-process and return the result (stdout and stderr kept apart)."""
    from roadmap_reports.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def books(mini, tmp_path):
    """Workbooks for update of the mini dataset, by ministry code (update_helpers.build)."""
    from update_helpers import build

    return build(mini, tmp_path / "out")


@pytest.fixture
def shared(mini, tmp_path):
    """mini with measure 1 shared by 文部科学省 and 法務省 and an untagged status."""
    import copy

    from roadmap_reports.sources.dataset import load_roadmap, save

    rm = copy.deepcopy(mini)
    rm.measure(1).ministries = ["文部科学省", "法務省"]
    path = tmp_path / "shared.yaml"
    save(rm, path)
    return load_roadmap(path)
