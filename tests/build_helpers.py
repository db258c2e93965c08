"""Datasets for the build tests: mini.yaml with some fields changed, written where the test wants it."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mini_data() -> dict:
    return yaml.safe_load((FIXTURES / "mini.yaml").read_text(encoding="utf-8"))


def write_dataset(path: Path, data: dict) -> Path:
    from roadmap_reports.sources.dataset import dumps_yaml
    from roadmap_reports.model import Roadmap

    path.write_text(dumps_yaml(Roadmap.from_dict(data)), encoding="utf-8")
    return path


def dataset_with(path: Path, changes: dict[int, dict]) -> Path:
    """mini.yaml with measure fields replaced: {measure id: {field: value}}."""
    data = copy.deepcopy(mini_data())
    for m in data["measures"]:
        m.update(changes.get(m["id"], {}))
    return write_dataset(path, data)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir()) if Path(folder).exists() else []
