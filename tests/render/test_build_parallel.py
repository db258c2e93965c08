"""The build renders ministries on several processes and writes the same bytes as the serial build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roadmap_reports.render import build as build_module
from roadmap_reports.render.build import build
from roadmap_reports.sources.dataset import load_roadmap, save
from roadmap_reports.errors import RenderError

from conftest import ROOT, invoke

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402  (bench/synth.py: the real dataset scaled)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    """FY2022 ×4 (404 measures): enough rows for the build to use a pool."""
    path = tmp_path_factory.mktemp("scaled") / "x4.yaml"
    save(synth.scale(load_roadmap(ROOT / "data" / "fy2022.yaml"), 4), path)
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_parallel_build_writes_the_same_bytes_as_the_serial_build(tmp_path, scaled, monkeypatch):
    calls = []
    real_pool = build_module._render_all

    def spy(jobs, tpl, n_jobs, progress, paper="A4"):
        calls.append(n_jobs)
        return real_pool(jobs, tpl, n_jobs, progress, paper)

    monkeypatch.setattr(build_module, "_render_all", spy)
    roadmap = load_roadmap(scaled)
    serial = build(roadmap, tmp_path / "serial", jobs=1)
    seen = []
    parallel = build(roadmap, tmp_path / "parallel", jobs=2, progress=seen.append)
    assert calls == [1, 2]
    assert [p.name for p in serial.files] == [p.name for p in parallel.files]
    assert len(serial.files) == 27
    assert sorted(seen) == sorted(parallel.files)  # progress: each file once, in completion order
    a, b = files(tmp_path / "serial"), files(tmp_path / "parallel")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_the_pool_is_used_above_the_threshold(scaled, monkeypatch):
    """A ×4 dataset goes through the process pool (not the serial path) with jobs=2."""
    import concurrent.futures

    used = []
    real = concurrent.futures.ProcessPoolExecutor

    class Spy(real):
        def __init__(self, *a, **k):
            used.append(k.get("max_workers"))
            super().__init__(*a, **k)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Spy)
    roadmap = load_roadmap(scaled)
    plan = build_module.plan(roadmap, "unused", formats=("xlsx",))
    build_module._render_all(plan.jobs[:3], None, 2, None)
    assert used == [2]


def test_cli_jobs_option_gives_the_same_files(tmp_path, scaled):
    r1 = invoke("build", scaled, "-o", tmp_path / "one", "--jobs", "1", "--format", "xlsx")
    r2 = invoke("build", scaled, "-o", tmp_path / "two", "--jobs", "2", "--format", "xlsx")
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    assert r1.stdout.replace("one", "X") == r2.stdout.replace("two", "X")
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_cli_refuses_zero_jobs(tmp_path, scaled):
    result = invoke("build", scaled, "-o", tmp_path / "out", "--jobs", "0")
    assert result.exit_code == 2
    assert "Invalid value for '-j' / '--jobs'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_text_gives_the_serial_build_error_and_nothing_is_written(tmp_path, scaled):
    roadmap = load_roadmap(scaled)
    bad = roadmap.measures[150]
    bad.status_by_ministry = {bad.ministries[0]: "受入\x0b環境"}
    with pytest.raises(RenderError) as serial:
        build(roadmap, tmp_path / "a", jobs=1)
    with pytest.raises(RenderError) as parallel:
        build(roadmap, tmp_path / "b", jobs=2)
    assert str(parallel.value) == str(serial.value)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_an_error_raised_in_a_worker_reaches_the_caller_and_nothing_is_written(tmp_path, scaled, monkeypatch):
    """A RenderError raised while a worker renders (workers are forked, so they see the patch) is
    raised by build() with its place, the first in plan order, as the serial build raises it."""
    from roadmap_reports.render.xlsx import extract as render_xlsx

    real = render_xlsx.ministry_workbook_bytes

    def failing(extract):
        if extract.ministry.code in ("MOJ", "MEXT"):
            raise RenderError(f"cannot render {extract.ministry.code}", measure=extract.measures[0].id)
        return real(extract)

    monkeypatch.setattr(render_xlsx, "ministry_workbook_bytes", failing)
    roadmap = load_roadmap(scaled)
    with pytest.raises(RenderError) as serial:
        build(roadmap, tmp_path / "a", jobs=1)
    with pytest.raises(RenderError) as parallel:
        build(roadmap, tmp_path / "b", jobs=2)
    assert str(parallel.value) == str(serial.value)
    assert str(serial.value).startswith(f"{scaled}:") and "cannot render" in str(serial.value)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
