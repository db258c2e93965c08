"""Kill builds at random moments and check that no broken file is ever left under a final name.

    /work/venv/bin/python scripts/fault_injection.py --runs 20 --seed 1

Each run starts `python -m roadmap_reports ...` (build of the whole dataset in both formats with the
default, 1 or 2 processes; build --for-update; collect; export) in its own process group, sends SIGKILL
to the whole group (the pool workers too) after a random delay within the duration of a clean run, then:

* opens every file under a final name in the output folder (.xlsx with openpyxl, .docx with
  python-docx, .yaml/.json parsed) and compares its bytes with the clean run's file of that name,
  or, when the folder held older outputs before the run, with those (old or new, never anything else);
* counts the temp files the kill left;
* runs the same command again in the same folder: it must succeed, write the clean run's bytes and
  leave no temp file (a write removes the temp files killed runs of it left behind).

Even runs spread the kill over a clean run's duration; odd runs watch the folder and kill at a
random moment of the write phase (from the first temp file, within as long as a clean run's write
phase lasted; the delay shown is then counted from that first temp file). "mid" marks a kill that
left temp files or a mix of old, new and missing files. Exit status 0 when no file was corrupted,
every next run succeeded and no temp file was left after it. tests/test_faults.py uses the functions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DATASET = ROOT / "data" / "fy2022.yaml"


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(SRC) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("ROADMAP_REPORTS_DEBUG", None)
    return e


def command(args) -> list[str]:
    return [sys.executable, "-m", "roadmap_reports", *map(str, args)]


@dataclass(frozen=True)
class Scenario:
    """A command writing into a folder; `over_old`: the folder holds older outputs of it first."""

    name: str
    kind: str  # build, build-j1, build-j2, for-update, collect, export
    over_old: bool = False

    def args(self, outdir: Path, dataset: Path, returned: Path | None = None) -> list:
        if self.kind.startswith("build"):
            jobs = {"build": [], "build-j1": ["--jobs", "1"], "build-j2": ["--jobs", "2"]}[self.kind]
            return ["build", dataset, "-o", outdir, "-q", *jobs]
        if self.kind == "for-update":
            return ["build", dataset, "--for-update", "-o", outdir, "-q"]
        if self.kind == "collect":
            return ["collect", *sorted(returned.glob("*.xlsx")), "--base", dataset, "--fiscal-year",
                    _fiscal_year(dataset) + 1, "-o", outdir / "draft.yaml", "--report", outdir / "report.xlsx"]
        if self.kind == "export":
            return ["export", dataset, "--format", "json", "-o", outdir / "dataset.json"]
        raise ValueError(self.kind)


def _fiscal_year(dataset: Path) -> int:
    import yaml

    return int(yaml.safe_load(dataset.read_text(encoding="utf-8"))["fiscal_year"])


# Run i uses SCHEDULE[i % len(SCHEDULE)]: mostly builds, of a fresh folder and of one holding older outputs.
SCHEDULE = [
    Scenario("build", "build"),
    Scenario("build --jobs 1", "build-j1"),
    Scenario("build --jobs 2 over old", "build-j2", True),
    Scenario("build over old", "build", True),
    Scenario("build --jobs 1 over old", "build-j1", True),
    Scenario("build --jobs 2", "build-j2"),
    Scenario("build --for-update over old", "for-update", True),
    Scenario("collect over old", "collect", True),
    Scenario("build", "build"),
    Scenario("export over old", "export", True),
]


def run(args, *, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run(command(args), env=env(), capture_output=True, text=True)
    if check and proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file in `folder` by name (temp files included)."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def is_temp(name: str) -> bool:
    """A temp file of roadmap-reports, or anything hidden or named like a temp file."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    from roadmap_reports.io.files import is_temp_name

    return is_temp_name(name) or name.startswith(".") or name.endswith((".tmp", ".part"))


def opens(path: Path) -> str | None:
    """None when the file opens the way a user (or the next command) would open it, else the error."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            load_workbook(path).close()
        elif suffix == ".docx":
            from docx import Document

            Document(str(path))
        elif suffix in (".yaml", ".yml"):
            import yaml

            yaml.safe_load(path.read_text(encoding="utf-8"))
        elif suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        else:
            path.read_bytes()
    except Exception as exc:  # noqa: BLE001 - any failure to open is what we count
        return f"{type(exc).__name__}: {exc}"
    return None


@dataclass
class FolderCheck:
    checked: int = 0
    corrupted: list[str] = field(default_factory=list)  # name: why
    temps: list[str] = field(default_factory=list)
    new: int = 0  # files holding the new bytes
    old: int = 0  # files still holding the older outputs' bytes


def check_folder(folder: Path, expected: dict[str, bytes], old: dict[str, bytes] | None = None) -> FolderCheck:
    """Open every file under a final name; it must be the clean run's bytes or the older output's."""
    result = FolderCheck()
    old = old or {}
    for name, data in snapshot(folder).items():
        if is_temp(name):
            result.temps.append(name)
            continue
        result.checked += 1
        error = opens(folder / name)
        if error:
            result.corrupted.append(f"{name}: does not open ({error})")
        elif data == expected.get(name):
            result.new += 1
        elif name in old and data == old[name]:
            result.old += 1
        elif name in expected or name in old:
            result.corrupted.append(f"{name}: opens but is neither the old nor the new file")
        else:
            result.corrupted.append(f"{name}: unexpected file")
    return result


def kill_during(args, delay: float, *, watch: Path | None = None) -> tuple[bool, float]:
    """Start the command in its own process group and SIGKILL the group after `delay` seconds.

    With `watch`, the delay counts from the moment a temp file first appears in that folder (the
    write phase). Returns (killed, elapsed): killed is False when the command had already finished."""
    start = time.monotonic()
    proc = subprocess.Popen(command(args), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    if watch is not None:
        while proc.poll() is None and not _has_temp(watch):
            time.sleep(0.0002)
    try:
        proc.wait(timeout=delay)
        return False, time.monotonic() - start
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    return proc.returncode == -signal.SIGKILL, time.monotonic() - start


def _has_temp(folder: Path) -> bool:
    try:
        return any(is_temp(e.name) for e in os.scandir(folder))
    except OSError:
        return False


def write_window(args, folder: Path) -> tuple[float, float, float]:
    """Run the command once (it must succeed), watching `folder`: (when its first temp file appeared,
    when the folder last changed, when the command ended), in seconds after the start."""
    shutil.rmtree(folder, ignore_errors=True)
    start = time.monotonic()
    proc = subprocess.Popen(command(args), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first = last = None
    seen: list[str] = []
    while proc.poll() is None:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        if names != seen:
            last = time.monotonic() - start
            seen = names
            if first is None and any(is_temp(n) for n in names):
                first = last
        time.sleep(0.0002)
    end = time.monotonic() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({proc.returncode}): {proc.stderr.read().strip()}")
    if first is None:  # too fast to see: the last tenth of the run
        return end * 0.9, end, end
    return first, max(last, first + 0.001), end


@dataclass
class RunResult:
    run: int
    scenario: str
    delay: float
    killed: bool
    mid_write: bool  # the kill left temp files or a mix of old/new/missing outputs
    checked: int
    corrupted: list[str]
    temps_left: int
    next_ok: bool
    next_checked: int
    next_problems: list[str]
    next_temps: int


class Workbench:
    """Clean reference outputs of every scenario kind, made once in `workdir`."""

    def __init__(self, workdir: Path, dataset: Path = DATASET, *, clean_runs: int = 2):
        self.clean_runs = clean_runs
        self.workdir = Path(workdir)
        self.dataset = Path(dataset)
        self.workdir.mkdir(parents=True, exist_ok=True)
        # an "older" dataset: same measures, another as_of date, so every output differs in its bytes
        text = self.dataset.read_text(encoding="utf-8")
        self.old_dataset = self.workdir / "older.yaml"
        self.old_dataset.write_text(_older(text), encoding="utf-8")
        self._returned = self.workdir / "returned"
        self.expected: dict[str, dict[str, bytes]] = {}
        self.older: dict[str, dict[str, bytes]] = {}
        self.duration: dict[str, float] = {}
        self.window: dict[str, tuple[float, float]] = {}  # (first temp file seen, end) seconds after start

    @property
    def returned(self) -> Path:
        """Workbooks for update returned unchanged: collect's input."""
        if not self._returned.is_dir():
            run(["build", self.dataset, "--for-update", "-o", self._returned, "-q"])
        return self._returned

    def args(self, scenario: Scenario, out: Path, dataset: Path | None = None) -> list:
        returned = self.returned if scenario.kind == "collect" else None
        return scenario.args(out, dataset or self.dataset, returned)

    def prepare(self, scenario: Scenario) -> None:
        kind = scenario.kind
        if kind in self.expected:
            return
        best = None
        for attempt in range(self.clean_runs):  # the first run warms the caches; take the fastest
            out = self.workdir / f"clean-{kind}-{attempt}"
            first, last, end = write_window(self.args(scenario, out), out)
            if best is None or end < best[2]:
                best = first, last, end
        self.duration[kind] = best[2]
        self.window[kind] = best[:2]
        self.expected[kind] = snapshot(out)
        if any(is_temp(n) for n in self.expected[kind]):
            raise RuntimeError(f"a clean {kind} run left temp files: {sorted(self.expected[kind])}")
        old = self.workdir / f"older-{kind}"
        shutil.rmtree(old, ignore_errors=True)
        if kind == "collect":  # collect's inputs are made from the base: older outputs of another kind
            old.mkdir()
            (old / "draft.yaml").write_bytes(self.old_dataset.read_bytes())
            self.prepare(Scenario("build", "build"))
            (old / "report.xlsx").write_bytes(self.older["build"]["00_全体_overview.xlsx"])
        else:
            run(self.args(scenario, old, self.old_dataset))
        self.older[kind] = snapshot(old)
        same = [n for n, d in self.older[kind].items() if self.expected[kind].get(n) == d]
        if same:
            raise RuntimeError(f"older outputs equal the new ones: {same}")

    def one_run(self, index: int, scenario: Scenario, rng: random.Random, *, tail: bool) -> RunResult:
        self.prepare(scenario)
        expected = self.expected[scenario.kind]
        old = self.older[scenario.kind] if scenario.over_old else {}
        out = self.workdir / f"run-{index:03d}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        for name, data in old.items():
            (out / name).write_bytes(data)
        args = self.args(scenario, out)
        if tail:  # within the write phase: from the first temp file, up to as long as a probe's phase lasted
            first, end = self.window[scenario.kind]
            delay = rng.uniform(0, end - first)
            killed, _elapsed = kill_during(args, delay, watch=out)
        else:
            delay = self.duration[scenario.kind] * rng.uniform(0.05, 0.9)
            killed, _elapsed = kill_during(args, delay)
        after = check_folder(out, expected, old)
        finals = {n for n in snapshot(out) if not is_temp(n)}
        mid_write = bool(after.temps) or (after.new > 0 and (after.old > 0 or finals != set(expected)))
        if old:
            mid_write = mid_write or (after.new > 0 and after.old > 0)
        proc = run(self.args(scenario, out), check=False)
        again = check_folder(out, expected, {})
        problems = list(again.corrupted)
        missing = sorted(set(expected) - set(snapshot(out)))
        problems += [f"{n}: missing after the next run" for n in missing]
        if proc.returncode != 0:
            problems.append(f"next run exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
        return RunResult(index, scenario.name, round(delay, 3), killed, mid_write, after.checked, after.corrupted,
                         len(after.temps), proc.returncode == 0 and not problems, again.checked, problems,
                         len(again.temps))


def _older(text: str) -> str:
    """The dataset text with another as_of date (the files' fixed timestamps come from it)."""
    import re

    new, n = re.subn(r"^as_of: ('?)(\d{4})-(\d\d)-(\d\d)\1",
                     lambda m: f"as_of: '{m[2]}-{m[3]}-{'01' if m[4] != '01' else '02'}'", text, count=1, flags=re.M)
    if not n:
        raise RuntimeError("the dataset has no as_of line to change")
    return new


def campaign(runs: int, seed: int, workdir: Path, dataset: Path = DATASET, schedule=SCHEDULE,
             progress=None) -> list[RunResult]:
    rng = random.Random(seed)
    bench = Workbench(workdir, dataset)
    results = []
    for i in range(runs):
        r = bench.one_run(i + 1, schedule[i % len(schedule)], rng, tail=bool(i % 2))
        results.append(r)
        if progress:
            progress(r)
    return results


def totals(results: list[RunResult]) -> dict:
    return {
        "runs": len(results),
        "kills": sum(r.killed for r in results),
        "kills mid-write": sum(r.killed and r.mid_write for r in results),
        "files checked": sum(r.checked for r in results),
        "files corrupted": sum(len(r.corrupted) for r in results),
        "temp files left by kills": sum(r.temps_left for r in results),
        "next runs ok": sum(r.next_ok for r in results),
        "files checked after next run": sum(r.next_checked for r in results),
        "temp files left after next run": sum(r.next_temps for r in results),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument("--workdir", type=Path, default=None, help="Keep the folders here (default: a temp folder).")
    ap.add_argument("--json", action="store_true", help="Print the results as JSON.")
    a = ap.parse_args(argv)
    if not hasattr(os, "killpg"):
        print("needs POSIX process groups (Linux, macOS)", file=sys.stderr)
        return 2
    workdir = a.workdir or Path(tempfile.mkdtemp(prefix="rr-faults-"))
    header = f"{'run':>3}  {'scenario':<28} {'delay':>6} {'killed':>6} {'mid':>4} {'files':>5} {'bad':>3} " \
             f"{'tmp':>3} {'next':>4}"
    if not a.json:
        print(header)

    def show(r: RunResult):
        if not a.json:
            print(f"{r.run:>3}  {r.scenario:<28} {r.delay:>6.2f} {'yes' if r.killed else 'no':>6} "
                  f"{'yes' if r.mid_write else '':>4} {r.checked:>5} {len(r.corrupted):>3} {r.temps_left:>3} "
                  f"{'ok' if r.next_ok else 'FAIL':>4}", flush=True)
            for line in r.corrupted + r.next_problems:
                print(f"       ! {line}")

    try:
        results = campaign(a.runs, a.seed, workdir, a.dataset, progress=show)
    finally:
        if a.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    t = totals(results)
    if a.json:
        print(json.dumps({"totals": t, "runs": [asdict(r) for r in results]}, ensure_ascii=False, indent=1))
    else:
        print()
        for k, v in t.items():
            print(f"{k:<32} {v}")
    ok = t["files corrupted"] == 0 and t["next runs ok"] == t["runs"] and t["temp files left after next run"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
