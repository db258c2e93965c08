"""Benchmarks of roadmap-reports at ×1, ×10, ×100 the FY2022 report, against baselines of the same run.

    python bench/run.py [--sizes 1,10,100] [--quick] [--out docs/benchmarks.md] [--workdir DIR] [--only diff,kpi]

Every measurement is a fresh subprocess running the public command line (`python -m roadmap_reports
...`, the same code as the `roadmap-reports` script): wall time (best of N runs), peak memory
(ru_maxrss of the child from os.wait4, i.e. the largest single process; and the peak of the summed
PSS of the whole process tree, sampled every 20 ms, which counts the build's worker processes
together without counting the pages they share twice). A command that does not exist yet in this checkout is skipped with a note.

Baselines, measured in the same run on the same machine (shared machines are noisy: ratios travel,
seconds do not):
- `python -c "import openpyxl, docx, jinja2, click, yaml"`: the bare import of the dependencies (×1);
- `python -c "import click"`: for `roadmap-reports --help`;
- pandas `DataFrame.to_excel` (openpyxl engine) of one plain workbook with the same rows (for build);
- daff comparing the CSV exports of the two datasets (for diff).

The results go between the markers <!-- bench:results --> and <!-- /bench:results --> of the output
file (docs/benchmarks.md by default; the text around them is kept), and as JSON next to the data.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PY = sys.executable
START, END = "<!-- bench:results -->", "<!-- /bench:results -->"
TIMEOUT = 900  # seconds for one run
SAMPLE_NEXT = ROOT / "data" / "samples" / "fy2023_sample.yaml"

# Targets of issue 6 (and the benchmark parts of issues 3 and 4).
TARGETS = [
    # (label, key, kind, limit)   kind: ratio against a baseline, seconds, MB, growth
    ("×1 build of everything ≤ 3× bare dependency import", ("build", 1, "ratio_import"), 3.0),
    ("×1 diff ≤ 2× bare dependency import", ("diff", 1, "ratio_import"), 2.0),
    ("`roadmap-reports --help` ≤ 1.5× `python -c \"import click\"`", ("help", 0, "ratio_click"), 1.5),
    ("×100 build ≤ 20 s", ("build", 100, "seconds"), 20.0),
    ("×100 build ≤ 500 MB peak (all processes)", ("build", 100, "tree_mb"), 500.0),
    ("×100 diff ≤ 5 s", ("diff", 100, "seconds"), 5.0),
    ("×100 diff < 500 MB peak", ("diff", 100, "tree_mb"), 500.0),
    ("×100 validate ≤ 2 s", ("validate", 100, "seconds"), 2.0),
    ("×100 kpi ≤ 2× the ×100 diff (issue 15)", ("kpi", 100, "ratio_diff"), 2.0),
    # issue 16
    ("×1 publish (FY2022 + the samples) ≤ 3× the ×1 build", ("publish", 1, "ratio_build"), 3.0),
    ("×100 publish ≤ 60 s", ("publish", 100, "seconds"), 60.0),
    # issue 17
    ("×1 ingest of the FY2022 report's PDF (A4, from `report`) ≤ 5 s", ("ingest pdf A4", 1, "seconds"), 5.0),
    ("×1 ingest of the FY2022 report's PDF (A3, from `report`) ≤ 5 s", ("ingest pdf A3", 1, "seconds"), 5.0),
]
GROWTH_LIMIT = 12.0


# --- running one command ---------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them, so forked
    workers are not counted twice), or the resident set size where PSS is not available."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _tree_rss_kb(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


class Failed(Exception):
    pass


def run_once(argv: list[str], *, cwd=None, env=None, timeout=TIMEOUT) -> dict:
    """Run argv; return seconds, max_rss_mb (largest process), tree_mb (sampled sum over the tree)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    done = threading.Event()
    peak = [0]

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            if time.perf_counter() - t0 > timeout:
                proc.kill()
            done.wait(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    done.set()
    th.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err.seek(0)
        out.seek(0)
        msg = (err.read() + out.read()).decode("utf-8", "replace").strip().splitlines()
        raise Failed(f"exit {proc.returncode}: {' | '.join(msg[-3:])[:300]}")
    max_rss_mb = usage.ru_maxrss / 1024  # Linux: kilobytes
    cpu = usage.ru_utime + usage.ru_stime  # with the workers it waited for
    return {"seconds": seconds, "cpu_seconds": cpu, "max_rss_mb": max_rss_mb,
            "tree_mb": max(peak[0] / 1024, max_rss_mb)}


QUICK_BELOW, QUICK_RUNS = 10.0, 3  # a command under 10 s is run at least 3 times, whatever the size


def measure(argv, runs: int, *, cwd=None, env=None, setup=None, min_runs_if_quick: int = QUICK_RUNS) -> dict:
    """Best of `runs` wall times (at least `min_runs_if_quick` when one run takes under QUICK_BELOW
    seconds); memory is the largest seen over the runs."""
    best = None
    i = 0
    while i < max(1, runs) or (best["seconds"] < QUICK_BELOW and i < min_runs_if_quick):
        i += 1
        if setup:
            setup()
        r = run_once(argv, cwd=cwd, env=env)
        if best is None:
            best = dict(r, runs=1)
        else:
            best = {"seconds": min(best["seconds"], r["seconds"]),
                    "cpu_seconds": min(best["cpu_seconds"], r["cpu_seconds"]),
                    "max_rss_mb": max(best["max_rss_mb"], r["max_rss_mb"]),
                    "tree_mb": max(best["tree_mb"], r["tree_mb"]), "runs": best["runs"] + 1}
    return best


def cli(*args) -> list[str]:
    return [PY, "-m", "roadmap_reports", *map(str, args)]


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(SRC) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.setdefault("PYTHONHASHSEED", "0")
    e.pop("ROADMAP_REPORTS_DEBUG", None)
    return e


HEAVY = ("openpyxl", "docx", "docxtpl", "deepdiff", "rapidfuzz", "jsonschema", "yaml", "jinja2", "lxml", "numpy",
         "pandas", "markupsafe")


def heavy_imports(argv, e) -> list[str]:
    """Heavy top-level packages a command imports (from `python -X importtime`)."""
    r = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], env=e, capture_output=True, text=True)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in r.stderr.splitlines()
             if line.startswith("import time:")}
    return sorted(n for n in names if n in HEAVY)


def entry_point(work: Path) -> Path:
    """The `roadmap-reports` script as pip writes it for [project.scripts] (the package is not
    installed into the shared venv, so it is written here)."""
    path = work / "roadmap-reports"
    path.write_text("import re\nimport sys\nfrom roadmap_reports.cli import main\n"
                    "if __name__ == '__main__':\n"
                    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                    "    sys.exit(main())\n", encoding="utf-8")
    return path


def available_commands() -> dict:
    from roadmap_reports.cli import COMMANDS

    out = {}
    for name, (module, _attr, _short) in COMMANDS.items():
        out[name] = (SRC / "roadmap_reports" / "cli" / f"{module}.py").is_file()
    return out


def report_pdfs(d: Path, quick: bool, e: dict, notes: list, log) -> dict:
    """The FY2022 report as `report -o X.pdf` writes it, on A4 and A3 (LibreOffice makes them: about 10 s
    each), for the PDF ingest; none in a --quick run or without soffice (a note says so)."""
    if quick or shutil.which("soffice") is None:
        notes.append("ingest of the report's PDF: not measured (" + ("--quick run" if quick else "soffice, which "
                     "makes the PDF, is not on PATH") + ")")
        return {}
    out = {}
    for paper in ("A4", "A3"):
        path = d / f"report_{paper}.pdf"
        r = subprocess.run(cli("report", ROOT / "data/fy2022.yaml", "--paper", paper, "-o", path), env=e,
                           capture_output=True, text=True)
        if r.returncode == 0:
            out[paper] = path
        else:
            notes.append(f"report --paper {paper} failed, its PDF ingest not measured: {r.stderr.strip()[-200:]}")
    log(f"  made the report's PDF: {', '.join(out) or 'none'}")
    return out


def has_module(name: str) -> bool:
    """Whether the library has a module (dotted, below roadmap_reports), e.g. "rounds.circulate"."""
    return (SRC / "roadmap_reports" / f"{name.replace('.', '/')}.py").is_file()


# --- data ------------------------------------------------------------------------------------------
PANDAS_SCRIPT = r"""
import json, sys
import pandas as pd
rows = json.load(open(sys.argv[1], encoding="utf-8"))
pd.DataFrame(rows).to_excel(sys.argv[2], engine="openpyxl", index=False)
"""


def prepare(size: int, work: Path, cmds: dict, log) -> dict:
    """prepare_here() in a child process: this process stays small, because a child's ru_maxrss
    counts the memory of the parent it was forked from until it runs its program."""
    r = subprocess.run([PY, str(Path(__file__).resolve()), "--prepare", str(size), "--workdir", str(work),
                        "--commands", json.dumps(cmds)], env=env(), capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"preparing ×{size} failed:\n{r.stderr[-3000:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    log(out.pop("_log"))
    return {k: Path(v) if isinstance(v, str) else v for k, v in out.items()}


def prepare_here(size: int, work: Path, cmds: dict, log) -> dict:
    """Write the datasets of one size (and what the benchmarks of that size read)."""
    import synth
    from roadmap_reports.sources.dataset import dumps_yaml
    from roadmap_reports.render.export import to_csv

    d = work / f"x{size}"
    d.mkdir(parents=True, exist_ok=True)
    paths = {"dir": d, "dataset": d / "dataset.yaml", "next": d / "next.yaml", "rows": d / "rows.json",
             "csv_old": d / "old.csv", "csv_new": d / "new.csv", "returned": d / "returned"}
    t0 = time.perf_counter()
    base = synth.load_base()
    big = synth.scale(base, size)
    nxt = synth.next_year(big)
    paths["dataset"].write_text(dumps_yaml(big), encoding="utf-8")
    paths["next"].write_text(dumps_yaml(nxt), encoding="utf-8")
    paths["measures"] = len(big.measures)
    paths["fy"] = big.fiscal_year + 1
    # plain rows for the pandas baseline: the report's columns, one row per measure
    rows = [{"施策番号": m.id, "項目": f"{m.section} {m.subsection or ''}", "具体的取組": m.initiative,
             "KPI": "\n".join(m.kpis), "担当省庁": "、".join(big.owners(m)), "実施状況": m.status,
             "再掲": m.repost_of} for m in big.measures]
    paths["rows"].write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    # CSV exports for daff (the export command's CSV, without the BOM Excel wants)
    for rm, key in ((big, "csv_old"), (nxt, "csv_new")):
        paths[key].write_text(to_csv(rm), encoding="utf-8")
    if cmds.get("collect") and has_module("rounds.circulate"):
        if paths["returned"].exists():
            shutil.rmtree(paths["returned"])
        paths["returned"].mkdir()
        synth.returned_workbooks(big, paths["returned"], big.fiscal_year + 1)
    log(f"  prepared ×{size}: {len(big.measures)} measures, next year {len(nxt.measures)} "
        f"({time.perf_counter() - t0:.1f} s)")
    return paths


# --- the benchmarks --------------------------------------------------------------------------------
def run(sizes: list[int], quick: bool, work: Path, log=print, only: frozenset[str] | None = None) -> dict:
    e = env()
    cmds = available_commands()
    results: dict = {"machine": machine(), "sizes": sizes, "quick": quick, "rows": [], "notes": [],
                     "commands": cmds}
    notes = results["notes"]
    rows = results["rows"]

    def add(bench, size, r, **extra):
        row = {"bench": bench, "size": size, **r, **extra}
        rows.append(row)
        log(f"  {bench:<16} ×{size:<4} {r['seconds']:8.3f} s  (cpu {r['cpu_seconds']:.2f} s)  {r['max_rss_mb']:7.1f} MB  "
            f"(tree {r['tree_mb']:.1f} MB, best of {r.get('runs', 1)})")

    def attempt(bench, size, argv, runs, **kw):
        if only and size and bench not in only:  # --only: the baselines and --help (size 0) always run
            return
        try:
            add(bench, size, measure(argv, runs, env=e, min_runs_if_quick=1 if quick else QUICK_RUNS, **kw))
        except Failed as exc:
            notes.append(f"{bench} ×{size} failed: {exc}")
            log(f"  {bench} ×{size} FAILED: {exc}")

    small_runs = 1 if quick else 7
    log("baselines and --help")
    attempt("import_deps", 0, [PY, "-c", "import openpyxl, docx, jinja2, click, yaml"], small_runs)
    attempt("import_click", 0, [PY, "-c", "import click"], small_runs)
    script = entry_point(work)
    attempt("help", 0, [PY, script, "--help"], small_runs)
    heavy = {"--help": heavy_imports([PY, script, "--help"], e)}
    for name, present in cmds.items():
        if present:
            attempt(f"help {name}", 0, [PY, script, name, "--help"], 1 if quick else 3)
            heavy[f"{name} --help"] = heavy_imports([PY, script, name, "--help"], e)
    results["heavy_imports"] = heavy

    for size in sizes:
        runs = 1 if quick else {1: 5, 10: 3}.get(size, 1)
        log(f"×{size}")
        p = prepare(size, work, cmds, log)
        out = p["dir"] / "out"
        if size == 1:
            if cmds.get("ingest"):
                attempt("ingest", 1, cli("ingest", ROOT / "data/sources/fy2022_roadmap_status.txt", "--corrections",
                                         ROOT / "data/corrections/fy2022.yaml", "-o", p["dir"] / "ingested.yaml"),
                        runs)
            else:
                notes.append("ingest: command not in this checkout; skipped")
            if cmds.get("ingest") and cmds.get("report"):
                for paper, pdf in report_pdfs(p["dir"], quick, e, notes, log).items():
                    attempt(f"ingest pdf {paper}", 1, cli("ingest", pdf, "-o", p["dir"] / f"ingested_{paper}.yaml"),
                            runs)
            notes.append("ingest is measured at ×1 only: the report's layout, as ingest reads it, numbers measures "
                         "with 1 to 3 digits and sections １ to ９, so a text in the same layout holds at most 999 "
                         "measures and 9 sections (the ×10 dataset has 1,010 measures and 40 sections); the "
                         "largest same-layout text would be ×2, too small to say anything about growth.")
        if cmds.get("validate"):
            attempt("validate", size, cli("validate", p["dataset"]), runs)
        if cmds.get("build"):
            attempt("build", size, cli("build", p["dataset"], "-o", out, "--quiet"), runs,
                    setup=lambda: shutil.rmtree(out, ignore_errors=True))
            if not quick and size > 1 and "--jobs" in _help_text(e, "build"):
                attempt("build --jobs 1", size, cli("build", p["dataset"], "-o", out, "--quiet", "--jobs", "1"),
                        runs, setup=lambda: shutil.rmtree(out, ignore_errors=True))
        else:
            notes.append("build: command not in this checkout; skipped")
        if cmds.get("diff"):
            old_new = (p["dataset"], p["next"])
            if size == 1 and SAMPLE_NEXT.is_file():  # the real report against its illustrative next year
                old_new = (ROOT / "data" / "fy2022.yaml", SAMPLE_NEXT)
            attempt("diff", size, cli("diff", *old_new, "--format", "json", "-o", p["dir"] / "diff.json"), runs)
        else:
            notes.append("diff: command not in this checkout; skipped")
        if cmds.get("kpi"):  # the same two years as diff: actuals as a series, revisions as 見直し
            attempt("kpi", size, cli("kpi", *old_new, "--format", "json", "-o", p["dir"] / "kpi.json"), runs)
        else:
            notes.append("kpi: command not in this checkout; skipped")
        if cmds.get("publish"):
            years = (p["dataset"], p["next"])
            if size == 1:  # the real report and its illustrative samples
                years = (ROOT / "data" / "fy2022.yaml", *sorted((ROOT / "data" / "samples").glob("*.yaml")))
            site = p["dir"] / "site"
            attempt("publish", size, cli("publish", *years, "-o", site), runs,
                    setup=lambda: shutil.rmtree(site, ignore_errors=True))
        else:
            notes.append("publish: command not in this checkout; skipped")
        if cmds.get("collect") and p["returned"].is_dir():
            books = sorted(p["returned"].glob("*.xlsx"))
            attempt("collect", size, cli("collect", *books, "--base", p["dataset"], "--fiscal-year",
                                         p.get("fy", 2023), "-o", p["dir"] / "draft.yaml"), runs)
        else:
            notes.append("collect: command (or circulate.build_update_workbooks) not in this checkout; skipped")
        # plain peers
        attempt("pandas_to_excel", size, [PY, "-c", PANDAS_SCRIPT, p["rows"], p["dir"] / "pandas.xlsx"], runs)
        if not (quick and size > 1) and shutil.which("daff", path=str(Path(PY).parent)):
            attempt("daff", size, [str(Path(PY).parent / "daff"), "--output", p["dir"] / "daff.csv", p["csv_old"],
                                   p["csv_new"]], runs)
    return results


def _help_text(e, command: str) -> str:
    r = subprocess.run(cli(command, "--help"), env=e, capture_output=True, text=True)
    return r.stdout


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        import yaml

        libyaml = bool(yaml.__with_libyaml__)
    except ImportError:
        libyaml = False
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "libyaml": libyaml,
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": git.stdout.strip() or "?", "load": load}


# --- the report ------------------------------------------------------------------------------------
def _get(rows, bench, size):
    return next((r for r in rows if r["bench"] == bench and r["size"] == size), None)


def evaluate(results: dict) -> list[tuple[str, str, str]]:
    rows = results["rows"]
    imp = _get(rows, "import_deps", 0)
    click_ = _get(rows, "import_click", 0)
    out = []
    for label, (bench, size, kind), limit in TARGETS:
        r = _get(rows, bench, size)
        peer = _get(rows, "diff", size) if kind == "ratio_diff" else None
        build1 = _get(rows, "build", 1)
        if r is None or (kind == "ratio_import" and not imp) or (kind == "ratio_click" and not click_) \
                or (kind == "ratio_diff" and not peer) or (kind == "ratio_build" and not build1):
            out.append((label, "not measured", "—"))
            continue
        if kind == "ratio_diff":
            v, txt = r["seconds"] / peer["seconds"], f"{r['seconds'] / peer['seconds']:.2f}×"
        elif kind == "ratio_import":
            v, txt = r["seconds"] / imp["seconds"], f"{r['seconds'] / imp['seconds']:.2f}×"
        elif kind == "ratio_click":
            v, txt = r["seconds"] / click_["seconds"], f"{r['seconds'] / click_['seconds']:.2f}×"
        elif kind == "ratio_build":
            v, txt = r["seconds"] / build1["seconds"], f"{r['seconds'] / build1['seconds']:.2f}×"
        elif kind == "seconds":
            v, txt = r["seconds"], f"{r['seconds']:.2f} s"
        else:
            v, txt = r["tree_mb"], f"{r['tree_mb']:.0f} MB"
        out.append((label, txt, "pass" if v <= limit else "**miss**"))
    for bench in ("ingest", "validate", "build", "diff", "kpi", "collect", "publish"):
        a, b = _get(rows, bench, 10), _get(rows, bench, 100)
        if a and b:
            g = b["seconds"] / a["seconds"]
            out.append((f"{bench}: growth ×10→×100 ≤ {GROWTH_LIMIT:g}×", f"{g:.1f}×",
                        "pass" if g <= GROWTH_LIMIT else "**miss**"))
    text_ingest = _get(rows, "ingest", 1)
    for paper in ("A4", "A3"):
        r = _get(rows, f"ingest pdf {paper}", 1)
        if r and text_ingest:
            wall, cpu = r["seconds"] / text_ingest["seconds"], r["cpu_seconds"] / text_ingest["cpu_seconds"]
            out.append((f"(measured, no target) ingest of the {paper} PDF ÷ ingest of the text",
                        f"{wall:.1f}× ({cpu:.1f}× CPU)", "—"))
    helps = [r for r in rows if r["bench"].startswith("help ")]
    if helps and click_:
        worst = max(helps, key=lambda r: r["seconds"])
        v = worst["seconds"] / click_["seconds"]
        out.append((f"(not an issue target) every `roadmap-reports CMD --help` ≤ 1.5× import click "
                    f"(slowest: {worst['bench'][5:]})", f"{v:.2f}×", "pass" if v <= 1.5 else "**miss**"))
    heavy = results.get("heavy_imports")
    if heavy is not None:
        bad = sorted({n for v in heavy.values() for n in v})
        out.append(("no heavy library imported by `--help` or any `CMD --help`", ", ".join(bad) or "none",
                    "pass" if not bad else "**miss**"))
    return out


PEERS = {"build": "pandas_to_excel", "diff": "daff"}


def render(results: dict) -> str:
    m = results["machine"]
    rows = results["rows"]
    imp = _get(rows, "import_deps", 0)
    lines = [START, "",
             f"Run of {m['date']} on commit {m['commit']}: {m['nproc']} × {m['cpu']}, Python {m['python']} "
             f"({m['platform']}; libyaml {'yes' if m['libyaml'] else 'no'}). "
             f"Command: `python bench/run.py --sizes {','.join(map(str, results['sizes']))}"
             f"{' --quick' if results['quick'] else ''}`. "
             f"Load average (1, 5, 15 min) at the start: {m.get('load', '?')}, at the end: {m.get('load_end', '?')} "
             "(the machine is shared: other work competes for its cores). "
             "Ratios are from this one run on this one machine; CPU seconds (user + system, the worker processes "
             "included) say how much work a command does whatever else runs.", "",
             "### Targets", "", "| target | measured | result |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in evaluate(results)]
    heavy = results.get("heavy_imports") or {}
    if heavy:
        bad = {k: v for k, v in heavy.items() if v}
        lines += ["", "Heavy libraries (" + ", ".join(HEAVY) + ") imported by `roadmap-reports --help` and each "
                  "`roadmap-reports CMD --help` (from `python -X importtime`): "
                  + ("none." if not bad else "; ".join(f"`{k}`: {', '.join(v)}" for k, v in bad.items()) + ".")]
    lines += ["", "### Ratios against the baselines of the same run", "",
              "| benchmark | size | seconds | CPU seconds | ÷ bare import | plain peer | ÷ peer | peak MB (largest process) "
              "| peak MB (all processes, PSS) |", "|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    for r in rows:
        size = f"×{r['size']}" if r["size"] else "—"
        ratio = f"{r['seconds'] / imp['seconds']:.2f}×" if imp else "—"
        peer_name = PEERS.get(r["bench"])
        peer = _get(rows, peer_name, r["size"]) if peer_name else None
        peer_txt = f"{peer_name} {peer['seconds']:.2f} s" if peer else "—"
        peer_ratio = f"{r['seconds'] / peer['seconds']:.2f}×" if peer else "—"
        lines.append(f"| {r['bench']} | {size} | {r['seconds']:.3f} | {r.get('cpu_seconds', 0):.2f} | {ratio} | "
                     f"{peer_txt} | {peer_ratio} | "
                     f"{r['max_rss_mb']:.0f} | {r['tree_mb']:.0f} |")
    lines += ["", "Sizes: " + ", ".join(f"×{s} = {101 * s:,} measures" for s in results["sizes"])
              + ". At ×1 the diff compares data/fy2022.yaml with data/samples/fy2023_sample.yaml; at larger sizes "
              "a synthetic dataset with its synthetic next year (bench/synth.py)"
              + ". Wall time is the best of 7 runs for baselines and `--help`, 5 at ×1, 3 at ×10, 1 at ×100 "
              "(3 when one run takes under 10 s)" + (" (--quick: 1 run each)" if results["quick"] else "") + "."]
    if results["notes"]:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in results["notes"]]
    lines += ["", END]
    return "\n".join(lines)


HEADER = """# Benchmarks

`python bench/run.py` measures every command at ×1, ×10 and ×100 the FY2022 report (see bench/run.py
and bench/synth.py) and rewrites the results section below.

"""


def write_report(results: dict, path: Path) -> None:
    block = render(results)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER + START + "\n" + END + "\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark roadmap-reports at several sizes.")
    ap.add_argument("--sizes", default="1,10,100", help="comma-separated scale factors (default 1,10,100)")
    ap.add_argument("--quick", action="store_true", help="one run of each (a smoke test)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="report to (re)write")
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the data (default: a temp folder)")
    ap.add_argument("--only", default=None,
                    help="comma-separated benchmarks to run at each size (e.g. diff,kpi), besides the baselines; "
                         "the report goes to WORKDIR/benchmarks.md unless --out is given")
    ap.add_argument("--prepare", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--commands", default="{}", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.prepare is not None:  # the child of prepare()
        logged = []
        paths = prepare_here(args.prepare, args.workdir, json.loads(args.commands), logged.append)
        print(json.dumps({**{k: str(v) if isinstance(v, Path) else v for k, v in paths.items()},
                          "_log": "\n".join(logged)}, ensure_ascii=False))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"data in {work}")
    only = frozenset(b.strip() for b in args.only.split(",") if b.strip()) if args.only else None
    if only and "--out" not in (argv if argv is not None else sys.argv[1:]):
        args.out = work / "benchmarks.md"  # a partial run does not overwrite docs/benchmarks.md
    results = run(sizes, args.quick, work, only=only)
    try:
        results["machine"]["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        pass
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str),
                                       encoding="utf-8")
    write_report(results, args.out)
    print(f"wrote {args.out} and {work / 'results.json'}")
    for label, value, verdict in evaluate(results):
        print(f"  {verdict.strip('*'):>12}  {value:>10}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
