"""Inspecting a returned file before anything parses it: file type, size, zip directory, macros, XML bombs.

`inspect_file` reads the file's first bytes and its zip package part by part with a running count
(a zip may lie about its sizes), so that a hostile file is refused before openpyxl loads anything.
It answers with the first problem found (a `roadmap_reports.errors.Problem`), or None when the file
may be opened.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.errors import Problem
from roadmap_reports.rounds.findings import finding

#: suffix → the finding (rounds.findings) that refuses it
MACRO_SUFFIXES = {".xlsm": "macro_enabled_workbook", ".xltm": "macro_enabled_template", ".xlam": "excel_addin",
                  ".xla": "excel_addin", ".xlsb": "binary_workbook", ".xls": "old_excel_workbook",
                  ".xlt": "old_excel_template"}
MACRO_CAPABLE_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xla")  # refused as hostile; the others as broken
MACRO_CONTENT = ("macroenabled", "vbaproject", "macrosheet", "dialogsheet", "activex", "ms-office.vbaproject")
MACRO_PARTS = ("vbaproject.bin", "xl/macrosheets/", "xl/dialogsheets/", "xl/activex/", "vbadata.xml")
CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """What a returned workbook may weigh; checked from the zip before openpyxl loads anything."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_entries: int = 500
    max_cells: int = 100_000


class _Refused(Exception):
    """Raised inside this module to stop at the first problem: its kind, finding id and values."""

    def __init__(self, kind: str, code: str, **args):
        super().__init__(code)
        self.kind, self.code, self.args_ = kind, code, args


def inspect_file(path, limits: Limits = Limits()) -> Problem | None:
    """File-level checks before any parsing: the first problem (severity "error"), or None if the file
    may be opened as a workbook."""
    path = Path(path)
    try:
        _check_file(path, limits)
        _check_package(path, limits)
    except _Refused as refused:
        return finding(refused.code, file=path, kind=refused.kind, **refused.args_)
    return None


def _check_file(path: Path, limits: Limits) -> None:
    """The file itself: its suffix, that it exists, its size and its first bytes."""
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise _Refused("hostile" if suffix in MACRO_CAPABLE_SUFFIXES else "broken", MACRO_SUFFIXES[suffix],
                       suffix=suffix)
    try:
        if path.is_dir():
            raise _Refused("broken", "is_directory")
        size = path.stat().st_size
    except FileNotFoundError:
        raise _Refused("broken", "no_such_file") from None
    except OSError as exc:
        raise _Refused("broken", "cannot_read", error=str(exc.strerror or exc)) from None
    if size > limits.max_file_bytes:
        raise _Refused("hostile", "file_too_large", size=size, limit=limits.max_file_bytes)
    if size == 0:
        raise _Refused("broken", "empty_file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _Refused("broken", "cannot_read", error=str(exc.strerror or exc)) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Refused("broken", "encrypted_or_ole")
    if head.startswith(b"%PDF"):
        raise _Refused("broken", "pdf_file")
    if not head.startswith(b"PK"):
        raise _Refused("broken", "not_a_zip")
    if suffix != ".xlsx":
        raise _Refused("broken", "wrong_extension", suffix=suffix or "(none)")


def _check_package(path: Path, limits: Limits) -> None:
    """The zip package: its directory, then every part read with a running count."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Refused("broken", "corrupt_zip", error=str(exc)) from None
    with zf:
        infos = zf.infolist()
        _check_directory(infos, limits)
        try:
            _scan_parts(zf, infos, limits)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise _Refused("broken", "corrupt_part", error=f"{type(exc).__name__}: {exc}") from None


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """What the zip's directory declares: number and sizes of parts, encryption, macros, a workbook part."""
    if len(infos) > limits.max_entries:
        raise _Refused("hostile", "too_many_parts", count=len(infos), limit=limits.max_entries)
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise _Refused("hostile", "zip_bomb_declared", size=declared, limit=limits.max_uncompressed_bytes)
    names = [i.filename for i in infos]
    lower = [n.lower() for n in names]
    if any(i.flag_bits & 0x1 for i in infos):
        raise _Refused("broken", "encrypted_parts")
    macro = next((n for n, low in zip(names, lower) if any(p in low for p in MACRO_PARTS)), None)
    if macro:
        raise _Refused("hostile", "macro_content", part=macro)
    if "word/document.xml" in lower:
        raise _Refused("broken", "word_document")
    if "[content_types].xml" not in lower or "xl/workbook.xml" not in lower:
        raise _Refused("broken", "corrupt_package")


def _scan_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Read every part: the bytes really unpacked, document type declarations, cells of the sheets, and
    the content types (a workbook declared macro-enabled)."""
    total, cells = 0, 0
    for info in infos:
        name = info.filename.lower()
        is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
        with zf.open(info) as fh:
            tail, dtd_tail = b"", b""
            while chunk := fh.read(CHUNK):
                total += len(chunk)
                if total > limits.max_uncompressed_bytes:
                    raise _Refused("hostile", "zip_bomb", limit=limits.max_uncompressed_bytes)
                window = dtd_tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    # Office never writes DTDs; entity definitions are how XML bombs expand.
                    raise _Refused("hostile", "xml_dtd", part=info.filename)
                dtd_tail = window[-8:]
                if is_sheet:
                    data = tail + chunk
                    cells += data.count(b"<c ") + data.count(b"<c>") - tail.count(b"<c ") - tail.count(b"<c>")
                    tail = data[-2:]
                    if cells > limits.max_cells:
                        raise _Refused("hostile", "too_many_cells", limit=limits.max_cells)
        if info.filename == "[Content_Types].xml":
            types = zf.read(info).decode("utf-8", "replace").lower()
            bad = next((t for t in MACRO_CONTENT if t in types), None)
            if bad:
                raise _Refused("hostile", "macro_content_type", content=bad)
