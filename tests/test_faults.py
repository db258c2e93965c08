"""Faults: a killed build, a full disk, a read-only folder and two builds at once never leave a broken
file under a final name, temp litter, or a traceback (scripts/fault_injection.py does 20 kills)."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from roadmap_reports.io import files as textio
from roadmap_reports.io.files import is_temp_name, remove_stale_temps, temp_prefix

from conftest import FIXTURES, ROOT, invoke

sys.path.insert(0, str(ROOT / "scripts"))
import fault_injection as fi  # noqa: E402

MINI = FIXTURES / "mini.yaml"
posix_only = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """Clean and older outputs of the mini dataset (fault_injection.Workbench)."""
    return fi.Workbench(tmp_path_factory.mktemp("faults"), MINI, clean_runs=1)


@pytest.fixture
def old_outputs(bench, tmp_path):
    """A folder holding an earlier build (another as_of date, so other bytes than a new build)."""
    bench.prepare(fi.Scenario("build", "build"))
    out = tmp_path / "out"
    out.mkdir()
    for name, data in bench.older["build"].items():
        (out / name).write_bytes(data)
    return out


# --- SIGKILL -------------------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("index, scenario, tail", [
    (1, fi.Scenario("build", "build"), False),
    (2, fi.Scenario("build over old", "build", True), True),
    (3, fi.Scenario("build", "build"), True),
])
def test_killed_run_leaves_no_broken_file_and_the_next_run_cleans_up(bench, index, scenario, tail):
    result = bench.one_run(index, scenario, random.Random(index), tail=tail)
    assert result.corrupted == []
    assert result.next_problems == []
    assert result.next_ok
    assert result.next_temps == 0
    out = bench.workdir / f"run-{index:03d}"
    assert files(out) == bench.expected[scenario.kind]


def test_check_folder_catches_a_truncated_file_under_a_final_name(bench, tmp_path):
    bench.prepare(fi.Scenario("build", "build"))
    expected = bench.expected["build"]
    for name, data in expected.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "MEXT_文部科学省.docx").write_bytes(expected["MEXT_文部科学省.docx"][:5000])
    (tmp_path / f"{temp_prefix(tmp_path / 'MOJ_法務省.xlsx')}abcd1234.tmp").write_bytes(b"half")
    check = fi.check_folder(tmp_path, expected)
    assert check.checked == len(expected)
    assert [c.split(":")[0] for c in check.corrupted] == ["MEXT_文部科学省.docx"]
    assert len(check.temps) == 1


@posix_only
def test_a_stale_temp_file_of_a_dead_process_is_removed_and_others_are_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        host = temp_prefix(out / "x").split(".~")[1].split("-")[0]
        final = "MEXT_文部科学省.xlsx"
        stale = out / f".{final}.~{host}-{dead.pid}.abcd_123.tmp"
        live = out / f".{final}.~{host}-{alive.pid}.abcd_456.tmp"
        other_host = out / f".{final}.~000000-{dead.pid}.abcd_789.tmp"
        other_file = out / f".MOJ_法務省.xlsx.~{host}-{dead.pid}.abcd_123.tmp"
        user_files = [out / ".MEXT_文部科学省.xlsx.abcd1234.tmp", out / "~$MEXT_文部科学省.xlsx",
                      out / ".~lock.MEXT_文部科学省.xlsx#", out / "notes.tmp"]
        for p in [stale, live, other_host, other_file, *user_files]:
            p.write_bytes(b"x")
        assert all(is_temp_name(p.name) for p in (stale, live, other_host, other_file))
        assert not any(is_temp_name(p.name) for p in user_files)

        assert remove_stale_temps(out / final) == [stale]
        assert sorted(p.name for p in out.iterdir()) == sorted(
            p.name for p in [live, other_host, other_file, *user_files])
        old = os.stat(other_host).st_mtime - textio.STALE_TEMP_SECONDS - 10
        os.utime(other_host, (old, old))  # another machine's temp file, untouched for over an hour
        assert remove_stale_temps(out / final) == [other_host]
    finally:
        alive.kill()
        alive.wait()


# --- full disk, read-only folder, permission denied ----------------------------------------------


def _one_error_line(result, expected: str) -> None:
    assert result.exit_code == 5  # an output cannot be written
    assert result.stderr.splitlines() == [expected]
    assert "Traceback" not in result.output


def _no_temps(folder: Path) -> None:
    assert [n for n in os.listdir(folder) if n.startswith(".") or n.endswith(".tmp")] == []


def test_full_disk_while_writing_names_the_file_and_keeps_every_earlier_output(old_outputs, monkeypatch):
    before = files(old_outputs)
    real_write_bytes = Path.write_bytes
    target = "MHLW_厚生労働省.docx"

    def write_bytes(self, data):
        if self.name.startswith(f".{target}.~"):
            real_write_bytes(self, data[: len(data) // 2])  # half written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    result = invoke("build", MINI, "-o", old_outputs, "-q")
    _one_error_line(result, f"Error: {old_outputs / target}: cannot write: no space left on device (the disk is full)")
    assert files(old_outputs) == before  # every file old: none renamed before the disk filled up
    _no_temps(old_outputs)


def test_read_only_folder_names_the_file_and_leaves_the_folder_as_it_was(old_outputs, monkeypatch):
    before = files(old_outputs)

    def mkstemp(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = invoke("build", MINI, "-o", old_outputs, "-q")
    # the temp files are made in reverse plan order: the last file's first
    _one_error_line(result, f"Error: {old_outputs / 'MHLW_厚生労働省.docx'}: cannot write: read-only file system")
    assert files(old_outputs) == before
    _no_temps(old_outputs)


def test_permission_denied_on_rename_removes_every_temp_file(old_outputs, monkeypatch):
    before = files(old_outputs)
    calls = []

    def replace(src, dst):
        calls.append(dst)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", replace)
    result = invoke("build", MINI, "-o", old_outputs, "-q")
    first = old_outputs / "00_全体_overview.xlsx"  # the files are renamed in plan order
    _one_error_line(result, f"Error: {first}: cannot write: permission denied")
    assert calls == [first]
    assert files(old_outputs) == before
    _no_temps(old_outputs)


@pytest.mark.parametrize("args, name", [
    (["build", MINI, "--for-update", "-q", "-o", "{out}"], "MOJ_法務省_令和5年度_照会.xlsx"),
    (["build", MINI, "--for-update", "-q", "-o", "{out}"], "MHLW_厚生労働省_令和5年度_照会.xlsx"),
    (["export", MINI, "--format", "json", "-o", "{out}/dataset.json"], "dataset.json"),
    (["export", MINI, "--format", "csv", "-o", "{out}/dataset.csv"], "dataset.csv"),
])
def test_other_commands_report_a_full_disk_in_one_line(tmp_path, monkeypatch, args, name):
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_bytes(b"earlier output")
    real_write_bytes = Path.write_bytes

    def write_bytes(self, data):
        if is_temp_name(self.name) and self.name.startswith(f".{name}.~"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    result = invoke(*[str(a).format(out=out) for a in args])
    # for-update (plan order MOJ, MEXT, MHLW): MOJ's temp file is written last, after MHLW's and MEXT's,
    # and these are removed, not renamed; MHLW's is written first, so MOJ and MEXT are not written either
    _one_error_line(result, f"Error: {out / name}: cannot write: no space left on device (the disk is full)")
    assert files(out) == {name: b"earlier output"}


def test_collect_reports_a_read_only_folder_in_one_line(bench, tmp_path, monkeypatch):
    returned = sorted(bench.returned.glob("*.xlsx"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "draft.yaml").write_bytes(b"earlier: draft\n")

    def mkstemp(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = invoke("collect", *returned, "--base", MINI, "--fiscal-year", "2023", "-o", out / "draft.yaml")
    _one_error_line(result, f"Error: {out / 'draft.yaml'}: cannot write: read-only file system")
    assert files(out) == {"draft.yaml": b"earlier: draft\n"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into a 0555 folder")
def test_a_real_read_only_folder(old_outputs):
    before = files(old_outputs)
    os.chmod(old_outputs, 0o555)
    try:
        result = invoke("build", MINI, "-o", old_outputs, "-q")
    finally:
        os.chmod(old_outputs, 0o755)
    _one_error_line(result, f"Error: {old_outputs / 'MHLW_厚生労働省.docx'}: cannot write: permission denied")
    assert files(old_outputs) == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_real_full_device_through_a_symlinked_temp_name(tmp_path, monkeypatch):
    """/dev/full fails every write with ENOSPC: point the temp file at it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "dataset.json").write_bytes(b"earlier output")
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, path = real_mkstemp(*args, **kwargs)
        os.close(fd)
        os.unlink(path)
        os.symlink("/dev/full", path)
        return os.open(path, os.O_WRONLY), path

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = invoke("export", MINI, "--format", "json", "-o", out / "dataset.json")
    _one_error_line(result, f"Error: {out / 'dataset.json'}: cannot write: no space left on device (the disk is full)")
    assert files(out) == {"dataset.json": b"earlier output"}


# --- two builds at once --------------------------------------------------------------------------


@pytest.mark.parametrize("args_a, args_b", [
    ([], []),
    (["--ministry", "MHLW", "--format", "xlsx"], ["--ministry", "MEXT", "--ministry", "MHLW"]),
])
def test_two_builds_into_one_folder_at_once_write_the_solo_bytes(tmp_path, args_a, args_b):
    solo = {}
    for i, args in enumerate((args_a, args_b)):
        folder = tmp_path / f"solo{i}"
        assert invoke("build", MINI, "-o", folder, "-q", *args).exit_code == 0
        solo.update(files(folder))
    out = tmp_path / "shared"
    procs = [subprocess.Popen(fi.command(["build", MINI, "-o", out, "-q", *args]), env=fi.env(),
                              stderr=subprocess.PIPE, text=True) for args in (args_a, args_b)]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert files(out) == solo
    check = fi.check_folder(out, solo)
    assert check.corrupted == [] and check.temps == []


REAL_FS_SCRIPT = """
set -e
mount -t tmpfs -o size=$SIZE tmpfs "$MNT"
cp "$OLD"/* "$MNT"/
if [ "$MODE" = ro ]; then mount -o remount,ro "$MNT"; fi
set +e
"$PY" -m roadmap_reports build "$DATASET" -o "$MNT" -q 2>"$ERR"
echo "rc=$?"
cd "$MNT" && for f in * .*; do [ -f "$f" ] && sha256sum "$f"; done
exit 0
"""


@pytest.mark.parametrize("mode, size, reason", [
    ("full", "220k", "no space left on device (the disk is full)"),
    ("ro", "1m", "read-only file system"),
])
def test_a_real_full_or_read_only_file_system(bench, tmp_path, mode, size, reason):
    """A small tmpfs holding an earlier build (full: room for only part of the new files; ro: remounted
    read-only), in a private mount namespace; skipped where mounting is not allowed."""
    import hashlib
    import shutil

    if not shutil.which("unshare") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a tmpfs")
    bench.prepare(fi.Scenario("build", "build"))
    old = tmp_path / "old"
    old.mkdir()
    for name, data in bench.older["build"].items():
        (old / name).write_bytes(data)
    mnt, err = tmp_path / "mnt", tmp_path / "stderr.txt"
    mnt.mkdir()
    env = dict(fi.env(), SIZE=size, MNT=str(mnt), OLD=str(old), MODE=mode, PY=sys.executable, DATASET=str(MINI),
               ERR=str(err))
    proc = subprocess.run(["unshare", "-m", "sh", "-c", REAL_FS_SCRIPT], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    lines = proc.stdout.splitlines()
    assert lines[0] == "rc=5"
    message = err.read_text(encoding="utf-8").splitlines()
    assert len(message) == 1 and message[0].startswith(f"Error: {mnt}/"), message
    assert message[0].endswith(f": cannot write: {reason}")
    after = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines[1:]}
    assert after == {name: hashlib.sha256(data).hexdigest() for name, data in bench.older["build"].items()}


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self") or not hasattr(os, "killpg"), reason="needs Linux /proc")
def test_pool_workers_exit_when_the_build_process_is_killed_alone(tmp_path):
    """Killing only the main process (as Task Manager's "End task" does) must not leave its pool's
    workers waiting forever."""
    import time

    proc = subprocess.Popen(fi.command(["build", ROOT / "data" / "fy2022.yaml", "-o", tmp_path / "out", "-q",
                                        "--jobs", "2"]), env=fi.env(), start_new_session=True)
    try:
        workers: list[int] = []
        while proc.poll() is None and not workers:
            workers = _children(proc.pid)
            time.sleep(0.005)
        if not workers:
            pytest.skip("the build ended before its workers were seen")
        os.kill(proc.pid, 9)
        proc.wait()
        deadline = time.monotonic() + 15
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [w for w in workers if _running(w)] == []
    finally:
        try:
            os.killpg(proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
