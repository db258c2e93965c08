"""Reproducibility: the same input gives byte-identical files, whatever the time zone, the locale, the
hash seed, the clock, the working folder, the output folder's path, the umask or the number of jobs.

Every command that writes files is run as a real subprocess (`python -m roadmap_reports ...`) in a
baseline environment, then again with one factor changed at a time, then with everything changed at
once; the sha256 of every file written must be the same. The baseline's files are also compared with
a golden manifest (tests/golden/outputs_sha256.txt) made on this kind of machine: skipped, with the
reason, when the libraries that decide the bytes (openpyxl, python-docx, lxml, zlib, ...) are not the
versions it was made with. Regenerate it with `python scripts/golden.py --update`.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import DATA, ROOT

GOLDEN = Path(__file__).resolve().parent / "golden" / "outputs_sha256.txt"
FY = 2023
SDE = "1700000000"  # 2023-11-14 22:13:20 UTC
SDE_STAMP = (2023, 11, 14, 22, 13, 20)
FAKE_CLOCK = "2037-12-31 23:59:30"  # a year no output may contain; past midnight in every zone east of UTC
FAKE_DATES = (b"2037-12-31", b"2038-01-01", b"2037/12/31", b"2038/01/01")
# the as-of dates of the inputs: the only days an Office file may be stamped with (at 00:00)
AS_OF_STAMPS = {(2023, 3, 31, 0, 0, 0),  # data/fy2022.yaml: build, build --for-update
                (2024, 3, 31, 0, 0, 0)}  # data/samples/fy2023_sample.yaml (diff) and the FY2023 draft (collect)
INPUTS = {"fy2022.yaml": DATA / "fy2022.yaml", "fy2023_sample.yaml": DATA / "samples" / "fy2023_sample.yaml",
          "fy2022_roadmap_status.txt": DATA / "sources" / "fy2022_roadmap_status.txt",
          "corrections_fy2022.yaml": DATA / "corrections" / "fy2022.yaml"}
PASSWORD = "照会 2023"  # sheet protection: hashed by openpyxl, from an argument decoded in the locale
EDITED_STATUS = "令和５年度は、１，２３４．５件（前年度比＋１２．５％）の相談に対応した。\n・2023/4/1 から多言語化。"


# --- the environment of one run --------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    name: str
    tz: str = "UTC"
    lang: str = "C.UTF-8"
    hashseed: str = "0"  # "random" is Python's default
    source_date_epoch: str | None = None
    workdir: str = "cwd"  # the working folder, under the scenario's folder; inputs are given relative to it
    outdir: str = "out"  # the output folder, given as an absolute path
    umask: int = 0o022
    clock: str | None = None  # a faked wall clock (libfaketime), when installed
    jobs: int = 1  # build --jobs
    suite: str = "quick"  # which commands: see SUITES
    edited: str = "edited"  # the edited returned workbook: "edited-now" is saved at the time of the test
    compare_with: str = "baseline"
    needs: tuple[str, ...] = field(default=())  # what must be installed: locale names, "faketime"


LONG = "/".join(["深い フォルダ 令和５年度 (照会) 外国人との共生社会 ロードマップ"] * 6)  # 400+ characters
# Each scenario changes one thing from the baseline; "everything" changes them all at once. The full
# suite (every command) runs where text outputs could change (locale, hash seed, paths, and everything);
# the quick one (every kind of Office file: the ones with timestamps) for the time zones, the clock and
# SOURCE_DATE_EPOCH; the build alone where a factor can only matter there; to keep the module near a
# minute of a 2-core machine.
BASELINE = Scenario("baseline", suite="full")
SCENARIOS = [
    Scenario("tz-tokyo", tz="Asia/Tokyo", suite="build"),
    Scenario("tz-kiritimati", tz="Pacific/Kiritimati"),  # UTC+14: already tomorrow
    Scenario("tz-st-johns", tz="America/St_Johns"),  # UTC-3:30, a half-hour zone: yesterday until 03:30 UTC
    Scenario("locale-c", lang="C", suite="build"),  # Python coerces C to C.UTF-8 (PEP 538)
    Scenario("locale-posix", lang="POSIX", suite="build"),  # glibc's alias of C
    Scenario("locale-ja-utf8", lang="ja_JP.UTF-8", needs=("ja_JP.UTF-8",)),
    # a locale whose encoding is not UTF-8, as cp932 on a Japanese Windows: open() without an encoding,
    # standard output, file names and arguments are Shift_JIS there
    Scenario("locale-ja-sjis", lang="ja_JP.SJIS", suite="full", needs=("ja_JP.SJIS",)),
    Scenario("hashseed-1", hashseed="1", suite="full"),
    Scenario("hashseed-random", hashseed="random"),  # and in "everything", with every command
    Scenario("paths", workdir="別の 作業フォルダ/サブ", outdir=LONG + "/出力 out", suite="full"),
    Scenario("umask-077", umask=0o077, suite="build"),
    Scenario("clock-2037", clock=FAKE_CLOCK, needs=("faketime",)),
    Scenario("jobs-2", jobs=2, suite="build"),
    # SOURCE_DATE_EPOCH changes the stamp on purpose: compared with the baseline in its own test
    # (every command: "everything" is compared with it)
    Scenario("sde", source_date_epoch=SDE, suite="full", compare_with=""),
    # and "everything" (below): every factor changed at once, with what this machine has
]


# --- what is run -----------------------------------------------------------------------------------
RETURNED = ("MEXT", "MOJ", "MHLW", "CAA")  # the ministries whose returned workbooks collect merges
STATUS_COLUMN = 5  # F: this year's status, which MOJ fills in for its first measure (not a repost)


def commands(s: Scenario, out: str, returned: list[str]) -> list[tuple[str, list[str]]]:
    """(output, arguments after `python -m roadmap_reports`) of the commands of the scenario's suite;
    inputs relative to the working folder, outputs under `out` (an absolute path)."""
    ds, sample = "inputs/fy2022.yaml", "inputs/fy2023_sample.yaml"
    cmds = [("build", ["build", ds, "-o", f"{out}/build", "--jobs", str(s.jobs), "-q"]),
            ("update", ["build", ds, "--for-update", "--password", PASSWORD, "-o", f"{out}/update", "-q"])]
    cmds += [(f"diff/diff.{fmt}", ["diff", ds, sample, "-f", fmt, "-o", f"{out}/diff/diff.{fmt}"])
             for fmt in ("json", "md", "xlsx", "docx")]
    cmds += [(f"export/fy2022.{fmt}", ["export", ds, "-f", fmt, "-o", f"{out}/export/fy2022.{fmt}"])
             for fmt in ("json", "csv")]
    cmds.append(("publish", ["publish", ds, sample, "-o", f"{out}/publish"]))
    cmds += [(f"report/report.{fmt}", ["report", ds, "-o", f"{out}/report/report.{fmt}"]) for fmt in ("docx", "xlsx")]
    cmds.append(("ingest", ["ingest", "inputs/fy2022_roadmap_status.txt", "-c", "inputs/corrections_fy2022.yaml",
                            "-o", f"{out}/ingest/fy2022.yaml"]))
    for folder, draft, report in (("returned", "draft.yaml", "report.txt"), ("edited", "draft.yaml", "report.xlsx"),
                                  ("edited", "draft.json", "report.json"), ("edited", "draft.yaml", "report.md")):
        target = f"collect_{folder}_{Path(report).suffix[1:]}"
        cmds.append((target, ["collect", *(f"{folder}/{n}" for n in returned), "--base", ds, "--fiscal-year",
                              str(FY), "-o", f"{out}/{target}/{draft}", "--report", f"{out}/{target}/{report}"]))
    return [(o, a) for o, a in cmds if o in SUITES[s.suite]]


SUITES = {
    "full": {"build", "update", "diff/diff.json", "diff/diff.md", "diff/diff.xlsx", "diff/diff.docx",
             "export/fy2022.json", "export/fy2022.csv", "publish", "report/report.docx", "report/report.xlsx", "ingest", "collect_returned_txt", "collect_edited_xlsx",
             "collect_edited_json", "collect_edited_md"},
    # every kind of Office file (the ones with timestamps: openpyxl, docxtpl, python-docx) and a draft
    "quick": {"build", "update", "diff/diff.docx", "collect_edited_xlsx"},
    "build": {"build"},
}


def in_suite(rel: str, suite: str) -> bool:
    return any(rel == o or rel.startswith(o + "/") for o in SUITES[suite])


def base_env() -> dict[str, str]:
    """The test's environment without anything that could change an output or a run."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith(("LC_", "PYTHON", "FAKETIME", "ROADMAP_REPORTS")) or k in
                   ("LANG", "LANGUAGE", "TZ", "SOURCE_DATE_EPOCH", "LD_PRELOAD"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def scenario_env(s: Scenario) -> dict[str, str]:
    env = base_env()
    env.update({"TZ": s.tz, "LANG": s.lang, "LC_ALL": s.lang, "PYTHONHASHSEED": s.hashseed})
    if s.source_date_epoch is not None:
        env["SOURCE_DATE_EPOCH"] = s.source_date_epoch
    return env


@lru_cache(maxsize=None)
def available_locales() -> frozenset[str]:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset(_locale_key(name) for name in out.split())


def _locale_key(name: str) -> str:
    """ja_JP.UTF-8 and ja_JP.utf8 are one locale."""
    lang, _, charset = name.partition(".")
    return f"{lang}.{re.sub(r'[^a-z0-9]', '', charset.lower())}" if charset else lang


def missing(s: Scenario) -> list[str]:
    out = []
    for need in s.needs:
        if need == "faketime":
            if not shutil.which("faketime"):
                out.append("faketime is not installed (apt-get install faketime)")
        elif _locale_key(need) not in available_locales():
            lang, _, charset = need.partition(".")
            charset = {"SJIS": "SHIFT_JIS"}.get(charset, charset)
            out.append(f"locale {need} is not available (see locale -a; make it with: localedef -i {lang} -f {charset} "
                       f"{need})")
    return out


@lru_cache(maxsize=None)
def fs_encoding(lang: str) -> str:
    """The encoding Python gives file names and arguments in this locale (Shift_JIS in ja_JP.SJIS)."""
    env = {**base_env(), "LANG": lang, "LC_ALL": lang}
    out = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
                         capture_output=True, text=True, env=env, check=True).stdout.strip()
    return codecs.lookup(out).name


def everything() -> Scenario:
    """Every factor changed at once: a Shift_JIS locale and a faked clock when this machine has them
    (else ja_JP.UTF-8 or C, and the real clock: the name says what is left out)."""
    lang = next((name for name in ("ja_JP.SJIS", "ja_JP.UTF-8") if _locale_key(name) in available_locales()), "C")
    clock = FAKE_CLOCK if shutil.which("faketime") else None
    name = "everything" + ("" if lang == "ja_JP.SJIS" else "-no-sjis") + ("" if clock else "-no-faketime")
    return Scenario(name, tz="Pacific/Kiritimati", lang=lang, hashseed="random", source_date_epoch=SDE,
                    workdir="作業 フォルダ/深い", outdir=LONG + "/全部 違う", umask=0o077, clock=clock, jobs=2,
                    edited="edited-now", suite="full", compare_with="sde")


SCENARIOS.append(everything())


# --- running a scenario ----------------------------------------------------------------------------
@dataclass
class Run:
    scenario: Scenario
    files: dict[str, str]  # path relative to the output folder -> sha256
    paths: dict[str, Path]  # path relative to the output folder -> the file
    modes: dict[str, int]
    commands: int


def prepare(s: Scenario, root: Path, returned_src: dict[str, Path]) -> tuple[bytes, bytes, list[str]]:
    """The scenario's working folder with its inputs, named in the scenario's file-name encoding;
    (working folder, output folder, returned workbook names) as bytes/str for the subprocess."""
    enc = fs_encoding(s.lang)
    base = bytes(root) + b"/" + s.name.encode()
    cwd = base + b"/" + s.workdir.encode(enc)
    out = base + b"/" + s.outdir.encode(enc)
    os.makedirs(cwd + b"/inputs")
    for name, src in INPUTS.items():
        shutil.copyfile(src, cwd + b"/inputs/" + name.encode())
    for folder in ("returned", "edited"):
        os.makedirs(cwd + b"/" + folder.encode())
        books = returned_src[s.edited if folder == "edited" else folder]
        for path in books:
            shutil.copyfile(path, cwd + b"/" + folder.encode() + b"/" + path.name.encode(enc))
    return cwd, out, sorted(p.name for p in returned_src["returned"])


def run_command(s: Scenario, cwd: bytes, argv: list[str]) -> None:
    enc = fs_encoding(s.lang)
    cmd = [sys.executable.encode(), b"-m", b"roadmap_reports", *(a.encode(enc) for a in argv)]
    if s.clock:
        cmd = [shutil.which("faketime").encode(), b"-f", ("@" + s.clock).encode(), *cmd]
    if s.umask != 0o022:
        cmd = [b"/bin/sh", b"-c", f'umask {s.umask:03o} && exec "$@"'.encode(), b"sh", *cmd]
    proc = subprocess.run(cmd, cwd=cwd, env=scenario_env(s), capture_output=True, timeout=300)
    if proc.returncode != 0:
        raise AssertionError(f"{s.name}: roadmap-reports {' '.join(argv)} exited {proc.returncode}:\n"
                             f"{proc.stderr.decode(enc, 'replace')[-2000:]}")


def listing(s: Scenario, out: bytes) -> tuple[dict[str, str], dict[str, Path], dict[str, int]]:
    """sha256 and mode of every file under `out`, by its path relative to `out` (names decoded the way
    the scenario's Python encoded them)."""
    enc = fs_encoding(s.lang)
    files, paths, modes = {}, {}, {}
    for dirpath, _dirs, names in os.walk(out):
        for name in names:
            path = dirpath + b"/" + name
            rel = os.path.relpath(path, out).decode(enc)
            with open(path, "rb") as fh:
                files[rel] = hashlib.sha256(fh.read()).hexdigest()
            paths[rel] = Path(os.fsdecode(path))
            modes[rel] = os.stat(path).st_mode & 0o777
    return dict(sorted(files.items())), paths, modes


def run_all(scenarios: list[Scenario], root: Path, returned_src: dict[str, Path]) -> dict[str, Run]:
    """Every command of every scenario, two at a time (this is a 2-core machine)."""
    prepared = {s.name: prepare(s, root, returned_src) for s in scenarios}
    tasks = [(s, argv) for s in scenarios
             for _g, argv in commands(s, prepared[s.name][1].decode(fs_encoding(s.lang)), prepared[s.name][2])]
    tasks.sort(key=lambda t: t[1][0] != "build")  # the longest first
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda t: run_command(t[0], prepared[t[0].name][0], t[1]), tasks))
    runs = {}
    for s in scenarios:
        out = prepared[s.name][1]
        runs[s.name] = Run(s, *listing(s, out), len(commands(s, "", prepared[s.name][2])))
    return runs


def make_returned(root: Path) -> dict[str, list[Path]]:
    """Workbooks for update as four ministries return them: "returned" unchanged; "edited" with MOJ's
    first status filled in (with openpyxl, as a ministry's program would save it) and stamped with a
    fixed time; "edited-now" the same edit as openpyxl saved it, stamped with the time of the test (only
    the file's own metadata differs: the draft and the report must not)."""
    from openpyxl import load_workbook

    from roadmap_reports.rounds.circulate import DATA_SHEET
    from roadmap_reports.io.reproducible import normalize_zip

    env = {**base_env(), "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}
    args = ["build", str(INPUTS["fy2022.yaml"]), "--for-update", "-o", str(root / "returned"), "-q"]
    for code in RETURNED:
        args += ["-m", code]
    subprocess.run([sys.executable, "-m", "roadmap_reports", *args], env=env, check=True, capture_output=True)
    out = {"returned": sorted((root / "returned").iterdir()), "edited": [], "edited-now": []}
    assert len(out["returned"]) == len(RETURNED)
    for folder in ("edited", "edited-now"):
        (root / folder).mkdir()
    for path in out["returned"]:
        targets = [root / "edited" / path.name, root / "edited-now" / path.name]
        if path.name.startswith("MOJ_"):
            wb = load_workbook(path)
            ws = wb[DATA_SHEET]
            cell = next(r[STATUS_COLUMN] for r in ws.iter_rows(min_row=2) if not r[STATUS_COLUMN].protection.locked)
            cell.value = EDITED_STATUS
            wb.properties.lastModifiedBy = "法務省 担当者"
            wb.save(targets[1])
            data = normalize_zip(targets[1].read_bytes(), _dt.datetime(2024, 5, 1, 9, 30))
            targets[0].write_bytes(data)
        else:
            for target in targets:
                shutil.copyfile(path, target)
        for folder, target in zip(("edited", "edited-now"), targets):
            out[folder].append(target)
    return out


# --- fixtures --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def returned(tmp_path_factory) -> dict[str, list[Path]]:
    return make_returned(tmp_path_factory.mktemp("returned"))


@pytest.fixture(scope="module")
def matrix(tmp_path_factory, returned) -> dict[str, Run]:
    runnable = [s for s in [BASELINE, *SCENARIOS] if not missing(s)]
    return run_all(runnable, tmp_path_factory.mktemp("runs"), returned)


@pytest.fixture(scope="module")
def baseline(matrix) -> Run:
    return matrix["baseline"]


# --- the tests -------------------------------------------------------------------------------------
EXPECTED_GROUPS = {"build": 27, "update": 13, "diff": 4, "export": 2, "publish": 142, "report": 2, "ingest": 1, "collect": 8}


def test_baseline_writes_every_output(baseline):
    """Guard against comparing empty folders: every command wrote what it should."""
    top = {}
    for rel in baseline.files:
        group = rel.split("/")[0]
        group = "collect" if group.startswith("collect_") else group
        top[group] = top.get(group, 0) + 1
    assert top == EXPECTED_GROUPS
    assert baseline.commands == 16
    edited = baseline.paths["collect_edited_xlsx/draft.yaml"].read_text(encoding="utf-8")
    unchanged = baseline.paths["collect_returned_txt/draft.yaml"].read_text(encoding="utf-8")
    assert EDITED_STATUS.split("\n")[0] in edited and EDITED_STATUS.split("\n")[0] not in unchanged


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_same_files_byte_for_byte(matrix, baseline, scenario):
    if missing(scenario):
        pytest.skip("; ".join(missing(scenario)))
    run = matrix[scenario.name]
    assert sorted(run.files) == sorted(rel for rel in baseline.files if in_suite(rel, scenario.suite)), \
        "not the files the baseline wrote"
    if not scenario.compare_with:
        return  # SOURCE_DATE_EPOCH: test_source_date_epoch_changes_only_the_stamp
    ref = matrix[scenario.compare_with]
    common = [rel for rel in run.files if rel in ref.files]
    assert sorted(common) == sorted(run.files)
    different = [rel for rel in common if run.files[rel] != ref.files[rel]]
    assert not different, f"{len(different)} of {len(common)} files differ from {ref.scenario.name}:\n" + "\n".join(
        explain(ref.paths[rel], run.paths[rel]) for rel in different[:5])


def test_files_get_the_mode_the_umask_gives(matrix):
    """Outputs get the mode any new file gets (0666 less the umask): a user whose umask keeps files
    private (077) gets private files; the bytes do not depend on it."""
    for run in matrix.values():
        assert set(run.modes.values()) == {0o666 & ~run.scenario.umask}, run.scenario.name


def test_source_date_epoch_changes_only_the_stamp(matrix, baseline):
    """With SOURCE_DATE_EPOCH every Office file is stamped with it (zip entries and core.xml) and differs
    from the baseline in nothing else; the text files are the same."""
    sde = matrix["sde"]
    stamp = _dt.datetime(*SDE_STAMP).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    n_zips = 0
    for rel in sde.files:
        a, b = baseline.paths[rel].read_bytes(), sde.paths[rel].read_bytes()
        if not zipfile.is_zipfile(io.BytesIO(a)):
            assert a == b, rel
            continue
        n_zips += 1
        za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
        assert za.namelist() == zb.namelist(), rel
        assert {i.date_time for i in zb.infolist()} == {SDE_STAMP}, rel
        for name in za.namelist():
            ca, cb = za.read(name), zb.read(name)
            if name == "docProps/core.xml":
                assert re.findall(rb">(\d{4}-\d\d-\d\dT[^<]*)<", cb) and all(
                    d == stamp for d in re.findall(rb">(\d{4}-\d\d-\d\dT[^<]*)<", cb)), (rel, cb)
                ca, cb = (re.sub(rb">\d{4}-\d\d-\d\dT[^<]*<", b"><", c) for c in (ca, cb))
            assert ca == cb, (rel, name)
    assert n_zips == 27 + 13 + 2 + 2 + 1  # build, update, diff xlsx and docx, report docx and xlsx, the collect report workbook


def test_zip_entries_have_fixed_timestamps_attributes_and_order(matrix, baseline):
    """Every entry of every Office file is stamped with its input's as-of date at 00:00 (not the time it
    was written), with the same attributes, in the same order in every run, without duplicates."""
    n = 0
    for rel in baseline.files:
        path = baseline.paths[rel]
        if path.suffix not in (".xlsx", ".docx"):
            continue
        n += 1
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            assert len(names) == len(set(names)), rel
            assert "[Content_Types].xml" in names and "docProps/core.xml" in names, rel
            stamps = {i.date_time for i in infos}
            assert len(stamps) == 1 and stamps <= AS_OF_STAMPS, (rel, stamps)
            assert {(i.compress_type, i.create_system, i.external_attr) for i in infos} == {
                (zipfile.ZIP_DEFLATED, 0, 0o600 << 16)}, rel
            core = z.read("docProps/core.xml")
        day = "%04d-%02d-%02dT00:00:00Z" % next(iter(stamps))[:3]
        dates = re.findall(rb"<dcterms:(created|modified)[^>]*>([^<]*)<", core)
        assert {k for k, _ in dates} == {b"created", b"modified"} and {v for _, v in dates} == {day.encode()}, rel
        for run in matrix.values():
            if rel in run.paths and run.scenario.source_date_epoch is None:
                with zipfile.ZipFile(run.paths[rel]) as z:
                    assert [(i.filename, i.date_time) for i in z.infolist()] == [(i.filename, i.date_time)
                                                                               for i in infos], (run.scenario.name, rel)
    assert n == 27 + 13 + 3 + 2  # ... and the report (docx, xlsx)


def test_no_output_holds_the_current_or_the_faked_date(matrix):
    """Neither today's date (the real clock) nor the faked clock's appears in any output, nor in any zip
    entry's timestamp: nothing depends on when the command ran."""
    today = [_dt.date.today(), _dt.datetime.now(_dt.timezone.utc).date()]
    needles = {d.strftime(f).encode() for d in today for f in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")}
    needles |= {f"令和{d.year - 2018}年{d.month}月{d.day}日".encode() for d in today}
    needles |= set(FAKE_DATES)
    years = {d.year for d in today} | {2037, 2038}
    assert not {y for (y, *_rest) in AS_OF_STAMPS} & years  # else this test could not tell
    checked = 0
    for run in matrix.values():
        for rel in run.files:
            data = run.paths[rel].read_bytes()
            parts = [("", data)]
            if zipfile.is_zipfile(io.BytesIO(data)):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    parts = [(i.filename, z.read(i)) for i in z.infolist()]
                    assert not {i.date_time[0] for i in z.infolist()} & years, (run.scenario.name, rel)
            for part, content in parts:
                found = [n for n in needles if n in content]
                assert not found, f"{run.scenario.name}: {rel} {part} holds {found}"
            checked += 1
    assert checked >= sum(EXPECTED_GROUPS.values())


def test_shift_jis_locale_prints_what_it_cannot_encode_as_escapes(returned, tmp_path):
    """Standard output in a Shift_JIS locale (as when redirected on a Japanese Windows: cp932) has no
    "—": collect prints it as \\u2014 instead of failing with an internal error."""
    s = Scenario("stdout-sjis", lang="ja_JP.SJIS", needs=("ja_JP.SJIS",))
    if missing(s):
        pytest.skip("; ".join(missing(s)))
    books = [str(p) for p in returned["returned"]]
    proc = subprocess.run([sys.executable, "-m", "roadmap_reports", "collect", *books, "--base",
                           str(INPUTS["fy2022.yaml"]), "--fiscal-year", str(FY), "-o", str(tmp_path / "d.yaml")],
                          env=scenario_env(s), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode("shift_jis", "replace")
    text = proc.stdout.decode("shift_jis")
    assert "更新：0件 \\u2014 -" in text  # the summary in the locale's language (Japanese here)
    assert "回答：13省庁のうち4省庁 (消費者庁, 法務省, 文部科学省, 厚生労働省)" in text


def test_ascii_locale_refuses_japanese_file_names_in_one_line(tmp_path):
    """Without Python's UTF-8 coercion the C locale cannot name MOJ_法務省.xlsx: a one-line error, no file."""
    env = {**base_env(), "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "roadmap_reports", "build", str(INPUTS["fy2022.yaml"]), "-m", "MOJ",
                           "-f", "xlsx", "-o", str(out), "-q"], env=env, capture_output=True)
    assert proc.returncode == 5
    assert proc.stderr.decode("utf-8").splitlines() == [  # click writes UTF-8 to an ASCII stream
        f"Error: {out}/MOJ_法務省.xlsx: cannot write: the name cannot be encoded in this "
        "system's file name encoding (ascii); use a UTF-8 locale"]
    assert list(out.iterdir()) == []


# --- the golden manifest ---------------------------------------------------------------------------
def test_golden_manifest(baseline):
    """The baseline's files are the bytes recorded on this kind of machine. Text files (JSON, YAML, CSV,
    Markdown) are compared when Python and the libraries that decide their content are the versions
    the manifest was made with; Office files only when every library is (their bytes also depend on
    the XML writers and on the zlib that deflates them)."""
    if not GOLDEN.exists():
        pytest.skip("no golden manifest; make it with `python scripts/golden.py --update`")
    recorded, expected = read_manifest(GOLDEN.read_text(encoding="utf-8"))
    now = library_versions()
    changed = {k: (recorded.get(k), now.get(k)) for k in sorted(set(recorded) | set(now))
               if recorded.get(k) != now.get(k)}
    why = ", ".join(f"{k} {a} -> {b}" for k, (a, b) in changed.items())
    assert sorted(baseline.files) == sorted(expected), "not the files of the manifest"
    if set(changed) & TEXT_LIBRARIES:
        pytest.skip(f"golden manifest made with other libraries ({why}); regenerate it with "
                    "`python scripts/golden.py --update`")
    compared = [rel for rel in expected if not changed or not rel.endswith((".xlsx", ".docx"))]
    different = [rel for rel in compared if baseline.files[rel] != expected[rel]]
    assert not different, ("files differ from tests/golden/outputs_sha256.txt although the libraries are the "
                           f"same: {different[:10]}")
    if changed:
        pytest.skip(f"text files as in the golden manifest; Office files not compared: made with other libraries "
                    f"({why}); regenerate it with `python scripts/golden.py --update`")


# what decides the bytes of the text outputs (the Office files depend on every library_versions() entry)
TEXT_LIBRARIES = {"python", "PyYAML", "deepdiff", "rapidfuzz"}


def library_versions() -> dict[str, str]:
    """What decides the bytes besides our code: Python (zipfile, json), zlib (deflate), the Office
    writers, the XML serializer and the YAML dumper."""
    import zlib
    from importlib.metadata import version

    import lxml.etree

    out = {"python": "%d.%d" % sys.version_info[:2], "zlib": zlib.ZLIB_RUNTIME_VERSION,
           "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION))}
    import sqlite3

    out["sqlite"] = sqlite3.sqlite_version  # publish's roadmap.db
    for dist in ("openpyxl", "python-docx", "docxtpl", "lxml", "Jinja2", "MarkupSafe", "PyYAML", "deepdiff",
                 "rapidfuzz", "sqlite-utils"):
        out[dist] = version(dist)
    return out


def manifest_text(run: Run) -> str:
    lines = ["# sha256 of every file the reproducibility baseline writes (tests/test_reproducible.py):",
             "# build (xlsx, docx), build --for-update, diff (json, md, xlsx, docx), export (json, csv), publish, report (docx, xlsx), ingest",
             "# and collect on data/, with TZ=UTC LC_ALL=C.UTF-8 PYTHONHASHSEED=0. Regenerate with",
             "# `python scripts/golden.py --update`. Made with:"]
    lines += [f"# version {k} {v}" for k, v in library_versions().items()]
    lines += [f"{digest}  {rel}" for rel, digest in run.files.items()]
    return "\n".join(lines) + "\n"


def read_manifest(text: str) -> tuple[dict[str, str], dict[str, str]]:
    versions, files = {}, {}
    for line in text.splitlines():
        if line.startswith("# version "):
            _h, _v, key, value = line.split(" ", 3)
            versions[key] = value
        elif line and not line.startswith("#"):
            digest, rel = line.split("  ", 1)
            files[rel] = digest
    return versions, files


# --- diagnostics -----------------------------------------------------------------------------------
def explain(a: Path, b: Path) -> str:
    """Where two files differ: the zip entries, and the first differing bytes of each."""
    da, db = a.read_bytes(), b.read_bytes()
    if not (zipfile.is_zipfile(io.BytesIO(da)) and zipfile.is_zipfile(io.BytesIO(db))):
        return f"  {a.name}: {_first_difference(da, db)}"
    za, zb = zipfile.ZipFile(io.BytesIO(da)), zipfile.ZipFile(io.BytesIO(db))
    out = [f"  {a.name}:"]
    if za.namelist() != zb.namelist():
        out.append(f"    entries {za.namelist()} != {zb.namelist()}")
    for ia, ib in zip(za.infolist(), zb.infolist()):
        if ia.date_time != ib.date_time:
            out.append(f"    {ia.filename}: date_time {ia.date_time} != {ib.date_time}")
        ca, cb = za.read(ia), zb.read(ib)
        if ca != cb:
            out.append(f"    {ia.filename}: {_first_difference(ca, cb)}")
    return "\n".join(out)


def _first_difference(a: bytes, b: bytes) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"byte {i}: {a[max(0, i - 60):i + 60]!r} != {b[max(0, i - 60):i + 60]!r}"
