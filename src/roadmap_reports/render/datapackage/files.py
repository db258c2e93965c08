"""CSV and JSON of the package's tables.

CSV: RFC 4180 (comma, double quotes, CRLF line ends), UTF-8 with a byte-order mark so that Excel opens
the Japanese text correctly on a double click. Frictionless reads it as declared in datapackage.json
(`"encoding": "utf-8"`): its reader drops the BOM (Python's utf-8-sig decoding) so the first header is
`fiscal_year`, not `\\ufefffiscal_year`. Empty cells are missing values; booleans are true/false.
Cells are written as published: no apostrophe before a leading = + - @ (this is data, not a report).

JSON: one array of objects per table (one object a line), keys the field names, null for a missing value.
"""

from __future__ import annotations

import csv
import io
import json

BOM = b"\xef\xbb\xbf"


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def to_csv(table) -> bytes:
    """The table as CSV: a header row of field names, RFC 4180, CRLF, UTF-8 with a BOM."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return BOM + buf.getvalue().encode("utf-8")


def to_json(table) -> bytes:
    """The table as a JSON array of objects, one object a line."""
    columns = table.columns
    # one record per line: readable, diffable, and json.dumps stays on its C encoder (indent= would not)
    lines = [json.dumps(dict(zip(columns, row)), ensure_ascii=False) for row in table.rows]
    return ("[\n" + ",\n".join(lines) + ("\n]\n" if lines else "]\n")).encode("utf-8")
