"""Comparison-only normalisation. Stored and displayed text is never altered: these functions give a
key to compare two texts by, so that width (５０ vs 50), whitespace and line wrapping never count as a
change."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Per-character NFKC for the Basic Multilingual Plane (full-width digits and letters, ①, ㈱, ...)."""
    table = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf != ch:
            table[cp] = nf
    return table


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """A character class of every character `_table` changes, as ranges (scanning runs in C)."""
    cps = sorted(_table())
    ranges = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{parts}]")


def _nfkc_chars(text: str) -> str:
    table = _table()
    return _pattern().sub(lambda m: table[ord(m.group())], text)


@lru_cache(maxsize=1 << 16)
def normalize(text: str | None) -> str:
    """NFKC, then every whitespace character (spaces, ideographic spaces, line breaks) removed.

    Fast path: a per-character table does what NFKC does to almost every character in official text; the
    full NFKC runs only when something is left that depends on its neighbours (e.g. half-width ｶﾞ). The
    result equals unicodedata.normalize("NFKC", text) with whitespace removed.
    """
    if not text:
        return ""
    out = _nfkc_chars(text)
    if not unicodedata.is_normalized("NFKC", out):
        out = unicodedata.normalize("NFKC", out)
    return _SPACE.sub("", out)


def char_keys(text: str) -> list[tuple[str, int]]:
    """(normalised character(s), index in `text`) for each displayed character that is not whitespace.

    A character-level diff over these keys compares texts the way `normalize` does, yet each key keeps
    the position of the character as displayed, so underlines land on the characters a reader sees.
    """
    table = _table()
    out = []
    for i, ch in enumerate(text or ""):
        key = _SPACE.sub("", table.get(ord(ch), ch))
        if key:
            out.append((key, i))
    return out


def similarity(a: str | None, b: str | None) -> float:
    """Similarity 0..1 of two texts after normalisation (1.0 when both are empty)."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return 1.0
    from rapidfuzz import fuzz

    return round(fuzz.ratio(na, nb) / 100.0, 4)
