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

COMPRESS_LEVEL = 6  # deflate level of every entry; the bytes also depend on the zlib that deflates


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


def normalize_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Rewrite an OOXML zip so that it depends only on its content and `when`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_entries((info.filename, src.read(info.filename)) for info in src.infolist())(when)


def zip_entries(entries):
    """A function of `when` giving the OOXML zip of (name, content) entries, as normalize_zip would
    write it (for writers that hand over their parts without zipping them first)."""
    entries = list(entries)

    def write(when: _dt.datetime) -> bytes:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as dst:
            for name, content in entries:
                if name == "docProps/core.xml":
                    content = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(3), content)
                zi = zipfile.ZipInfo(name, date_time=date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o600 << 16
                zi.create_system = 0
                # writestr(ZipInfo) ignores the ZipFile's level (zlib's default would decide): give it here
                dst.writestr(zi, content, compresslevel=COMPRESS_LEVEL)
        return out.getvalue()

    return write
