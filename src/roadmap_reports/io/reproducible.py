"""Byte-identical Office files: fixed timestamps in zip entries and document properties.

openpyxl and python-docx stamp the current time into docProps/core.xml and into every zip entry.
`fixed_datetime()` gives the moment to stamp instead (SOURCE_DATE_EPOCH if set, else the dataset's
as_of date at 00:00 UTC) and `normalize_zip()` rewrites an Office file with that time on every entry,
in the order written, with one compression level.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import zipfile

# Deflate level of every entry; the bytes also depend on the zlib that deflates. 6 is zlib's default, which is what
# ZipFile.open(ZipInfo, "w") uses (it takes no level): keep them equal, or the streamed entries differ.
COMPRESS_LEVEL = 6


def fixed_datetime(as_of: _dt.date | None = None) -> _dt.datetime:
    """The moment every output is stamped with: SOURCE_DATE_EPOCH (UTC) if set, else `as_of` at 00:00,
    else 2000-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).replace(tzinfo=None)
    if as_of is not None:
        return _dt.datetime(as_of.year, as_of.month, as_of.day)
    return _dt.datetime(2000, 1, 1)


_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_zip(data, when: _dt.datetime) -> bytes:
    """Rewrite an OOXML zip (bytes, or a binary file such as the BytesIO it was written to) so that it
    depends only on its content and `when`. One entry at a time is held uncompressed, beside the input and the
    output: a ×100 overview workbook is tens of MB of XML before compression."""
    src = zipfile.ZipFile(data if hasattr(data, "read") else io.BytesIO(data))
    return _write_zip(((info.filename, src.read(info.filename)) for info in src.infolist()), when)


def zip_entries(entries):
    """A function of `when` giving the OOXML zip of (name, content) entries, as normalize_zip would
    write it (for writers that hand over their parts without zipping them first)."""
    entries = list(entries)
    return lambda when: _write_zip(entries, when)


def _write_zip(entries, when: _dt.datetime) -> bytes:
    """The zip of (name, content) entries, taken one by one, in the order given (see ReproducibleZipFile)."""
    out = io.BytesIO()
    with ReproducibleZipFile(out, when) as dst:
        for name, content in entries:
            dst.writestr(name, content)
    return out.getvalue()


class ReproducibleZipFile(zipfile.ZipFile):
    """A zip being written whose every entry depends only on its name, its content and `when`: stamped `when`
    (and docProps/core.xml's created/modified too), deflated at COMPRESS_LEVEL, no file mode or system, in the
    order written — what normalize_zip makes of a finished file, without a second pass. A writer that zips
    its parts itself (openpyxl's ExcelWriter) writes into it directly: no uncompressed copy of the workbook
    is kept in memory (a ×100 overview is about 90 MB of XML)."""

    def __init__(self, file, when: _dt.datetime) -> None:
        super().__init__(file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
        self._stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        self._date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)

    def _info(self, name: str) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=self._date_time)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o600 << 16
        zi.create_system = 0
        return zi

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        content = data.encode("utf-8") if isinstance(data, str) else data
        if name == "docProps/core.xml":
            content = _W3CDTF.sub(lambda m: m.group(1) + self._stamp + m.group(3), content)
        super().writestr(self._info(name), content, compresslevel=COMPRESS_LEVEL)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        """A file on disk (openpyxl writes each sheet to a temporary file first), copied in a stream."""
        import shutil

        name = arcname if arcname is not None else os.path.basename(filename)
        if name == "docProps/core.xml":
            with open(filename, "rb") as file:
                return self.writestr(name, file.read())
        with open(filename, "rb") as src, self.open(self._info(name), "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
