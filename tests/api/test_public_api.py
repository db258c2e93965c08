"""The documented Python API: the README's "From Python" block runs as written, the top-level names are the
callables the docs promise, and every public function and class of the library has a docstring."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "roadmap_reports"


def _readme_python_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### From Python"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_from_python_block_runs_and_prints_what_its_comments_say(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    code = _readme_python_block()
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    expected = [m.group(1).strip() for m in re.finditer(r"print\(.*\)\s+#\s*(.+)$", code, re.M)]
    assert proc.stdout.splitlines() == expected
    assert (tmp_path / "out-mext").is_dir() and list((tmp_path / "out-mext").glob("MEXT_*.xlsx"))


@pytest.mark.parametrize("name, module", [
    ("load_roadmap", "roadmap_reports.sources.dataset"),
    ("validate", "roadmap_reports.sources.checks"),
    ("diff", "roadmap_reports.compare.diff"),
    ("build", "roadmap_reports.render.build"),
])
def test_top_level_names_are_the_functions_even_after_their_modules_are_imported(name, module):
    importlib.import_module(module)  # a submodule of the same name would shadow the function here
    import roadmap_reports

    value = getattr(roadmap_reports, name)
    assert callable(value) and not isinstance(value, type(sys)), value
    assert value.__module__ == module
    namespace: dict = {}
    exec(f"from roadmap_reports import {name} as got", namespace)
    assert namespace["got"] is value


def test_every_name_in_all_resolves():
    import roadmap_reports

    for name in roadmap_reports.__all__:
        assert getattr(roadmap_reports, name) is not None
    with pytest.raises(AttributeError):
        roadmap_reports.no_such_name  # noqa: B018


def test_package_is_typed():
    assert (PACKAGE / "py.typed").is_file()


def _public_definitions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py" or "cli" in path.relative_to(PACKAGE).parts:
            continue  # click commands: their docstring is the help, checked by the CLI tests
        for node in _public_definitions(path):
            if not ast.get_docstring(node):
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert not missing, "no docstring:\n" + "\n".join(missing)


def test_every_module_says_what_it_holds():
    missing = [str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.rglob("*.py"))
               if p.name != "__main__.py" and p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text("utf-8")))]
    assert not missing, missing
