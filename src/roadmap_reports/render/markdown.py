"""Markdown cells, in one place for every Markdown output (the diff, the collect report): text escaped so
that it reads as written, and a text whose changed phrases (compare.spans segments) are bold."""

from __future__ import annotations

_SPECIAL = "\\`*_[]|<>"


def escape(text) -> str:
    """`text` for a table cell of GitHub-flavoured Markdown: its special characters escaped, line breaks as
    <br>."""
    text = str(text)
    for ch in _SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def marked(segments) -> str:
    """Segments [(text, changed)] as one cell, the changed phrases in bold (each line on its own: ** does not
    span a <br>)."""
    out = []
    for text, changed in segments:
        if not text:
            continue
        if changed and text.strip():
            out.append("<br>".join(f"**{escape(part)}**" if part.strip() else "" for part in text.split("\n")))
        else:
            out.append(escape(text))
    return "".join(out)
