"""PDFs that `ingest REPORT.pdf` must refuse, written byte by byte (no PDF library is needed to make them):
a letter (text, but not the report's table), a scanned page (an image, no text layer), a password-protected
file, a table whose header lacks a column, and a file that is not a PDF at all. tests/test_bad_inputs.py
writes them into its corpus (gen/report_*.pdf)."""

from __future__ import annotations

HEADERS = ("施策番号", "具体的取組", "KPI", "担当省庁", "実施状況")
_CODES = {c: i for i, c in enumerate(sorted(set("".join(HEADERS)) | set("ロードマップの実施状況")), 1)}


def _to_unicode() -> bytes:
    """A ToUnicode CMap giving one-byte codes the characters of the table's header."""
    pairs = b"".join(b"<%02X> <%s>\n" % (code, ch.encode("utf-16-be").hex().upper().encode())
                     for ch, code in _CODES.items())
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Header def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"%d beginbfchar\n" % len(_CODES) + pairs + b"endbfchar endcmap CMapName currentdict /CMap "
            b"defineresource pop end end")


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf(*pages: bytes, encrypt: bool = False) -> bytes:
    """A PDF of A4-landscape pages, each drawing its content stream. Font /F1 is Helvetica; /F2 prints
    `text()` codes as the header's Japanese characters (10 pt each). `encrypt`: protected by a user password
    (Standard security handler, revision 2), which no empty password opens."""
    widths = b" ".join(b"1000" for _ in _CODES)
    first = 6  # the first page's object; its content stream follows it
    kids = b" ".join(b"%d 0 R" % (first + 2 * i) for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar %d /Widths [%s] "
            b"/ToUnicode 5 0 R >>" % (len(_CODES), widths),
            _stream(_to_unicode())]
    for i, content in enumerate(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (first + 2 * i + 1))
        objs.append(_stream(content))
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>" % (b"4F" * 32, b"55" * 32))
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"AB" * 16, b"AB" * 16)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return out


def text(s: str) -> bytes:
    """`s` (characters of the header) as a string for /F2."""
    return b"<" + "".join(f"{_CODES[c]:02X}" for c in s).encode() + b">"


def table(headers=HEADERS) -> bytes:
    """A ruled header row with the given column titles (each in its column), one empty row below."""
    xs = [40 + 150 * i for i in range(len(headers) + 1)]
    ops = [b"0.5 w"]
    ops += [b"%d 540 m %d 500 l S" % (x, x) for x in xs]
    ops += [b"%d %d m %d %d l S" % (xs[0], y, xs[-1], y) for y in (540, 525, 500)]
    ops += [b"BT /F2 10 Tf %d 530 Td %s Tj ET" % (x + 5, text(h)) for x, h in zip(xs, headers)]
    return b"\n".join(ops)


def letter() -> bytes:
    return pdf(b"BT /F1 12 Tf 72 500 Td (Dear colleagues, the meeting is on Monday.) Tj ET")


def scanned() -> bytes:
    """A page that is one grey image (an inline image), as a scanner makes it: no text layer."""
    return pdf(b"q 700 0 0 500 70 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x20\xc0\xc0\x20 EI Q")


def encrypted() -> bytes:
    return pdf(table(), encrypt=True)


def column_missing() -> bytes:
    """Two pages of the table: the second one's header row has lost its KPI column."""
    return pdf(table(), table(tuple(h for h in HEADERS if h != "KPI")))


def not_a_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"this was cut off before its first object\n" * 8
