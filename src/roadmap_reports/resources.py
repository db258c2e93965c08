"""Files shipped with the package: templates, the bundled dataset, the JSON Schema.

In a wheel they live inside the package (see pyproject's force-include); in a checkout or an
editable install they are found in the repository's top-level folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """The path of a file shipped with the package (inside the wheel, or the repository's folder)."""
    packaged = resources.files("roadmap_reports").joinpath(*parts)
    if packaged.is_file() or packaged.is_dir():
        return Path(str(packaged))
    return _REPO_ROOT.joinpath(*parts)


def template_path(name: str) -> Path:
    """The path of a bundled template (templates/NAME)."""
    return resource_path("templates", name)
