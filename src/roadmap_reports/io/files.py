"""Reading text files the way Japanese offices save them, and writing files atomically."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import tempfile
from pathlib import Path

from roadmap_reports.errors import DatasetError, OutputError, RoadmapError
from roadmap_reports.i18n import _

MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_text(path, *, allow_legacy: bool = False, error=DatasetError) -> tuple[str, str]:
    """Read a text file and return (text, encoding).

    UTF-8 (with or without BOM) always; UTF-16 with a BOM and CP932/Shift_JIS only when
    `allow_legacy` (the caller should say which encoding was used). Anything else, an empty file,
    a directory or a binary file raises `error` with a one-line message naming the file.
    """
    p = Path(path)
    if p.is_dir():
        raise error(_("is a directory, not a file"), file=p)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise error(_("file is too large ({size:,} bytes; the limit is {limit:,})").format(size=size,
                              limit=MAX_INPUT_BYTES), file=p)
        data = p.read_bytes()
    except FileNotFoundError:
        raise error(_("no such file"), file=p) from None
    except PermissionError:
        raise error(_("permission denied"), file=p) from None
    except OSError as exc:
        raise error(_("cannot read: {value}").format(value=exc.strerror or exc), file=p) from None
    return decode_text(data, p, allow_legacy=allow_legacy, error=error)


def decode_text(data: bytes, name, *, allow_legacy: bool = False, error=DatasetError) -> tuple[str, str]:
    """Decode the bytes of a text file (or of standard input, `name` '<stdin>') as `read_text` does."""
    p = Path(name)
    if not data.strip():
        raise error(_("file is empty"), file=p)
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", p, error), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not allow_legacy:
            raise error(_("file is UTF-16; save it as UTF-8"), file=p)
        return _decode(data, "utf-16", p, error), "utf-16"
    if b"\x00" in data:
        raise error(_("binary file, not text"), file=p)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise error(_("not UTF-8 text (undecodable byte at line {line})").format(line=line), file=p) from None
        if not allow_legacy:
            raise error(_("file is encoded in Shift_JIS/CP932, not UTF-8; save it as UTF-8"), file=p, line=line)
        return text, "cp932"


def _decode(data: bytes, encoding: str, p: Path, error) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise error(_("not valid {encoding} text (byte {start})").format(encoding=encoding, start=exc.start),
                                                                        file=p) from None


# Temporary names: ".FINAL.~HOST-PID.RANDOM.tmp" next to the final file (hidden on Linux and macOS; Excel
# and Word ignore them). HOST (a short hash of the machine name) and PID say whose file it is, so a later
# write can remove the temp files a killed run left behind without touching those of a build running now.
_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.~(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp$")
STALE_TEMP_SECONDS = 3600  # a temp file untouched this long is left over whoever made it


@functools.lru_cache(maxsize=1)
def _host_tag() -> str:
    import hashlib
    import socket

    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def temp_prefix(final) -> str:
    """The start of the temporary names atomic_path uses for `final`."""
    return f".{Path(final).name}.~{_host_tag()}-{os.getpid()}."


def is_temp_name(name: str) -> bool:
    """Whether a file name is one of atomic_path's temporary names."""
    return _TEMP_RE.match(name) is not None


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine; True when unsure (a temp file is then kept)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        try:
            import ctypes

            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
            handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process
            try:
                code = ctypes.c_ulong()
                return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259
            finally:
                kernel32.CloseHandle(handle)
        except Exception:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temps(*finals) -> list[Path]:
    """Remove the temp files killed or crashed writes of `finals` left next to them; return them.

    Only names of atomic_path's pattern for these very files are considered, and only those whose
    process no longer runs on this machine, or that nobody touched for STALE_TEMP_SECONDS. Each
    folder is listed once."""
    import time

    by_folder: dict[Path, set[str]] = {}
    for final in map(Path, finals):
        by_folder.setdefault(final.parent, set()).add(final.name)
    removed = []
    host = _host_tag()
    for folder, names in by_folder.items():
        try:
            entries = list(os.scandir(folder))
        except (OSError, UnicodeEncodeError):  # no folder yet, or a name the system cannot encode: the write says
            continue
        removed += _remove_stale(entries, names, host, time.time())
    return removed


def _remove_stale(entries, names: set[str], host: str, now: float) -> list[Path]:
    removed = []
    for entry in entries:
        m = _TEMP_RE.match(entry.name)
        if not m or m["name"] not in names:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > STALE_TEMP_SECONDS or (m["host"] == host and not pid_alive(int(m["pid"]))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


_PLAIN = {getattr(errno, name): text for name, text in (
    ("ENOSPC", "no space left on device (the disk is full)"),
    ("EDQUOT", "disk quota exceeded"),
    ("EROFS", "read-only file system"),
    ("EACCES", "permission denied"),
    ("EPERM", "permission denied"),
    ("ENOENT", "no such file or folder"),
    ("ENOTDIR", "a part of the path is a file, not a folder"),
    ("EISDIR", "is a folder, not a file"),
    ("ENAMETOOLONG", "file name too long"),
    ("EIO", "input/output error"),
) if hasattr(errno, name)}


def write_error(exc: OSError, final) -> OutputError:
    """A one-line OutputError naming `final` and saying in plain words why it cannot be written."""
    reason = _PLAIN.get(exc.errno) or (exc.strerror or str(exc) or type(exc).__name__)
    if os.name == "nt" and isinstance(exc, PermissionError):
        reason += " (is the file open in Excel or Word?)"
    return OutputError(_("cannot write: {reason}").format(reason=reason[:1].lower() + reason[1:]), file=final)


@contextlib.contextmanager
def atomic_path(final, *, suffix: str | None = None, clean: bool = True):
    """Yield a temporary path next to `final`; on success rename it onto `final`.

    A crash, an exception or Ctrl-C never leaves a half-written file under the final name. Temp
    files an earlier killed write of `final` left behind are removed first (see remove_stale_temps),
    unless `clean` is False (the caller has done it).
    """
    final = Path(final)
    directory = final.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if clean:
            remove_stale_temps(final)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(final), suffix=suffix or ".tmp", dir=directory)
        os.close(fd)
    except OSError as exc:
        raise write_error(exc, final) from None
    except UnicodeEncodeError:  # a Japanese name in an ASCII locale (LANG=C without Python's UTF-8 coercion)
        import sys

        raise OutputError(_("cannot write: the name cannot be encoded in this system's file name encoding ({value}); "
                            "use a UTF-8 locale").format(value=sys.getfilesystemencoding()), file=final) from None
    tmp = Path(tmp)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())  # mkstemp made it 0600: give it what a plain open() would
        os.replace(tmp, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, RoadmapError):
            raise write_error(exc, final) from None
        raise


def _file_mode() -> int:
    """The mode a new file gets from open(): 0666 less the process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_all_atomic(items) -> None:
    """Write every (path, bytes) pair: all to temp names first, then each renamed into place.

    A full disk, a read-only folder or an exception while writing leaves every final name as it was
    (old file or none) and no temp file; only a failure among the renames themselves can leave some
    files new and the rest old, never one half-written."""
    items = [(Path(final), data) for final, data in items]
    remove_stale_temps(*(final for final, _ in items))  # each folder listed once, not once per file
    with contextlib.ExitStack() as stack:
        renaming = stack.enter_context(_SignalsHeld())  # left last: after every rename
        for final, data in reversed(items):  # the stack renames in reverse: files land in the given order
            tmp = stack.enter_context(atomic_path(final, clean=False))
            tmp.write_bytes(data)
        renaming.hold()


class _SignalsHeld:
    """Once `hold()` is called, Ctrl-C and SIGTERM wait until the block is left: the renames take
    milliseconds, and an interruption among them would leave some files new and the rest old. The
    signal is then raised again, for its own handler (the command line's, or the default)."""

    def __init__(self):
        self.held: list[int] = []
        self.saved: dict = {}

    def __enter__(self):
        return self

    def hold(self) -> None:
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread receives Python's signal handlers
        for name in ("SIGINT", "SIGTERM"):
            if hasattr(signal, name):
                sig = getattr(signal, name)
                self.saved[sig] = signal.getsignal(sig)
                signal.signal(sig, lambda signum, frame: self.held.append(signum))

    def __exit__(self, *exc):
        import signal

        for sig, handler in self.saved.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if self.held:
            signal.raise_signal(self.held[0])
        return False


def write_text_atomic(final, text: str, *, encoding: str = "utf-8") -> None:
    """Write text as UTF-8 through a temporary file renamed into place (never half-written)."""
    with atomic_path(final) as tmp:
        tmp.write_text(text, encoding=encoding, newline="\n")


def write_bytes_atomic(final, data: bytes) -> None:
    """Write bytes through a temporary file renamed into place (never half-written)."""
    with atomic_path(final) as tmp:
        tmp.write_bytes(data)
