"""Comparison-only normalisation. Stored and displayed text is never altered: these functions give a
key to compare two texts by, so that width (５０ vs 50), whitespace and line wrapping never count as a
change."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """NFKC, then every whitespace character (spaces, ideographic spaces, line breaks) removed."""
    if not text:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def char_keys(text: str) -> list[tuple[str, int]]:
    """(normalised character(s), index in `text`) for each displayed character that is not whitespace.

    A character-level diff over these keys compares texts the way `normalize` does, yet each key keeps
    the position of the character as displayed, so underlines land on the characters a reader sees.
    """
    out = []
    for i, ch in enumerate(text or ""):
        key = unicodedata.normalize("NFKC", ch)
        key = _SPACE.sub("", key)
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
