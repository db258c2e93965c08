"""Reading text files the way Japanese offices save them, and writing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .exceptions import DatasetError, OutputError, RoadmapError

MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_text(path, *, allow_legacy: bool = False, error=DatasetError) -> tuple[str, str]:
    """Read a text file and return (text, encoding).

    UTF-8 (with or without BOM) always; UTF-16 with a BOM and CP932/Shift_JIS only when
    `allow_legacy` (the caller should say which encoding was used). Anything else, an empty file,
    a directory or a binary file raises `error` with a one-line message naming the file.
    """
    p = Path(path)
    if p.is_dir():
        raise error("is a directory, not a file", file=p)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise error(f"file is too large ({size:,} bytes; the limit is {MAX_INPUT_BYTES:,})", file=p)
        data = p.read_bytes()
    except FileNotFoundError:
        raise error("no such file", file=p) from None
    except PermissionError:
        raise error("permission denied", file=p) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", file=p) from None
    if not data.strip():
        raise error("file is empty", file=p)
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", p, error), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not allow_legacy:
            raise error("file is UTF-16; save it as UTF-8", file=p)
        return _decode(data, "utf-16", p, error), "utf-16"
    if b"\x00" in data:
        raise error("binary file, not text", file=p)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise error(f"not UTF-8 text (undecodable byte at line {line})", file=p) from None
        if not allow_legacy:
            raise error("file is encoded in Shift_JIS/CP932, not UTF-8; save it as UTF-8", file=p, line=line)
        return text, "cp932"


def _decode(data: bytes, encoding: str, p: Path, error) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise error(f"not valid {encoding} text (byte {exc.start})", file=p) from None


@contextlib.contextmanager
def atomic_path(final, *, suffix: str | None = None):
    """Yield a temporary path next to `final`; on success rename it onto `final`.

    A crash, an exception or Ctrl-C never leaves a half-written file under the final name.
    """
    final = Path(final)
    directory = final.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=suffix or ".tmp", dir=directory)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=final) from None
    except UnicodeEncodeError:  # a Japanese name in an ASCII locale (LANG=C without Python's UTF-8 coercion)
        import sys

        raise OutputError(f"cannot write: the name cannot be encoded in this system's file name encoding "
                          f"({sys.getfilesystemencoding()}); use a UTF-8 locale", file=final) from None
    tmp = Path(tmp)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, RoadmapError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", file=final) from None
        raise


def write_text_atomic(final, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_path(final) as tmp:
        tmp.write_text(text, encoding=encoding, newline="\n")


def write_bytes_atomic(final, data: bytes) -> None:
    with atomic_path(final) as tmp:
        tmp.write_bytes(data)
