"""Which characters of a displayed text changed between two years: the segments the 新旧対照表 underlines
and the terminal marks [-deleted-]{+added+}."""

from __future__ import annotations

Segments = list[tuple[str, bool]]  # (text as displayed, changed?)


def _char_ops(old: str, new: str):
    """Keys of both texts and the opcodes between them, with tiny coincidental matches (one or two
    characters such as 「の」 between two changes) absorbed into the change, so that a rewritten phrase is
    underlined as one stretch rather than as confetti."""
    from difflib import SequenceMatcher

    from roadmap_reports.japanese.normalize import char_keys

    ko, kn = char_keys(old or ""), char_keys(new or "")
    ops = SequenceMatcher(None, [k for k, _ in ko], [k for k, _ in kn], autojunk=False).get_opcodes()
    merged: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        island = (tag == "equal" and 0 < k < len(ops) - 1 and max(i2 - i1, j2 - j1) <= ISLAND)
        if island:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    return ko, kn, [tuple(m) for m in merged]


ISLAND = 2  # an unchanged stretch this short between two changes is shown as part of the change


def char_diff(old: str, new: str) -> tuple[Segments, Segments]:
    """Character-level difference of two texts as displayed.

    The comparison ignores width and whitespace (each displayed character is compared by its NFKC form;
    whitespace and line breaks are skipped), but the segments are cut from the displayed texts, so the
    changed flags land on exactly the characters a reader sees: deleted wording on the old side, added
    wording on the new side.
    """
    ko, kn, ops = _char_ops(old, new)
    changed_old: set[int] = set()
    changed_new: set[int] = set()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            changed_old.update(ko[i][1] for i in range(i1, i2))
            changed_new.update(kn[j][1] for j in range(j1, j2))
    return _segments(old or "", changed_old), _segments(new or "", changed_new)


def _segments(text: str, changed: set[int]) -> Segments:
    flags = [i in changed for i in range(len(text))]
    # whitespace inside a changed stretch (not a line break) is part of it
    for i, ch in enumerate(text):
        if ch.isspace() and ch not in "\r\n" and 0 < i < len(text) - 1:
            left = next((flags[k] for k in range(i - 1, -1, -1) if not text[k].isspace()), False)
            right = next((flags[k] for k in range(i + 1, len(text)) if not text[k].isspace()), False)
            flags[i] = left and right
    out: Segments = []
    for ch, f in zip(text, flags):
        if out and out[-1][1] == f:
            out[-1] = (out[-1][0] + ch, f)
        else:
            out.append((ch, f))
    return out


ABBREVIATION = "（略）"


def abbreviated_diff(old: str, new: str, *, keep: int = 8, longer_than: int = 30) -> tuple[Segments, Segments]:
    """Like `char_diff`, with every unchanged stretch longer than `longer_than` characters replaced by
    「（略）」 on both sides, keeping `keep` characters of context next to each change."""
    ops = _contiguous_opcodes(old or "", new or "")
    if all(tag == "equal" for tag, _a, _b in ops):
        return ([(ABBREVIATION, False)] if old else []), ([(ABBREVIATION, False)] if new else [])
    so: Segments = []
    sn: Segments = []
    last = len(ops) - 1
    for k, (tag, a, b) in enumerate(ops):
        if tag == "equal":
            if len(b) > longer_than:
                a = (a[:keep] if k > 0 else "") + ABBREVIATION + (a[-keep:] if k < last else "")
                b = (b[:keep] if k > 0 else "") + ABBREVIATION + (b[-keep:] if k < last else "")
            so.append((a, False))
            sn.append((b, False))
            continue
        for text, out in ((a, so), (b, sn)):
            core = text.rstrip()
            if core:
                out.append((core, True))
            if text[len(core):]:
                out.append((text[len(core):], False))
    return _merge(so), _merge(sn)


def _merge(segments: Segments) -> Segments:
    out: Segments = []
    for text, changed in segments:
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        elif text:
            out.append((text, changed))
    return out


def _contiguous_opcodes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) stretches that together cover both texts completely (whitespace after a
    stretch belongs to it)."""
    ko, kn, ops = _char_ops(old, new)

    def bounds(keys, text, a):
        return keys[a][1] if a < len(keys) else len(text)

    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        os_ = 0 if k == 0 else bounds(ko, old, i1)
        oe = len(old) if k == len(ops) - 1 else bounds(ko, old, i2)
        ns = 0 if k == 0 else bounds(kn, new, j1)
        ne = len(new) if k == len(ops) - 1 else bounds(kn, new, j2)
        out.append((tag, old[os_:oe], new[ns:ne]))
    return out


def char_opcodes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) stretches as displayed; tag is 'equal', 'delete', 'insert' or 'replace'.

    Like `char_diff`, compares by NFKC form and ignores whitespace; texts are cut from the displayed texts.
    """
    old, new = old or "", new or ""
    ko, kn, ops = _char_ops(old, new)

    def cut(text, keys, a, b):
        if a >= b:
            return ""
        return text[keys[a][1]:keys[b - 1][1] + 1]

    return [(tag, cut(old, ko, i1, i2), cut(new, kn, j1, j2)) for tag, i1, i2, j1, j2 in ops]
