"""Which characters of a displayed text changed between two years: the segments the 新旧対照表 underlines
and the terminal marks [-deleted-]{+added+}."""

from __future__ import annotations

Segments = list[tuple[str, bool]]  # (text as displayed, changed?)


def _phrase_keys(text: str) -> list[tuple[str, int, int]]:
    """(normalised phrase, start, end) for each phrase of a displayed text (japanese.phrases), whitespace
    skipped: the diff compares phrases the way `normalize` compares texts (width and wrapping never count),
    yet each key keeps where its phrase is displayed."""
    from roadmap_reports.japanese.normalize import normalize
    from roadmap_reports.japanese.phrases import tokens

    out = []
    for a, b, kind in tokens(text):
        key = "" if kind == "space" else normalize(text[a:b])
        if key:
            out.append((key, a, b))
    return out


def _char_ops(old: str, new: str):
    """Phrase keys of both texts and the opcodes between them. A changed phrase is changed whole (「50％以上」
    → 「60％以上」, not 「5」 → 「6」), and an unchanged stretch of at most ISLAND characters between two changes
    (「の」, 「を」) is absorbed into the change, so that a rewritten passage is underlined as one stretch
    rather than as confetti."""
    from difflib import SequenceMatcher

    ko, kn = _phrase_keys(old or ""), _phrase_keys(new or "")
    ops = SequenceMatcher(None, [k for k, _a, _b in ko], [k for k, _a, _b in kn], autojunk=False).get_opcodes()
    merged: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        length = max(sum(len(x) for x, _a, _b in ko[i1:i2]), sum(len(x) for x, _a, _b in kn[j1:j2]))
        if tag == "equal" and 0 < k < len(ops) - 1 and length <= ISLAND:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    return ko, kn, [tuple(m) for m in merged]


ISLAND = 3  # characters: an unchanged stretch this short between two changes is shown as part of the change


def char_diff(old: str, new: str) -> tuple[Segments, Segments]:
    """Phrase-level difference of two texts as displayed (the name is historical: the spans are whole
    phrases, see japanese.phrases).

    The comparison ignores width and whitespace (phrases are compared by their NFKC form; whitespace and
    line breaks are skipped), but the segments are cut from the displayed texts, so the changed flags land on
    exactly the characters a reader sees: deleted wording on the old side, added wording on the new side.
    """
    ko, kn, ops = _char_ops(old, new)
    changed_old: set[int] = set()
    changed_new: set[int] = set()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            changed_old.update(c for _k, a, b in ko[i1:i2] for c in range(a, b))
            changed_new.update(c for _k, a, b in kn[j1:j2] for c in range(a, b))
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


def abbreviated_diff(old: str, new: str, *, longer_than: int = 30) -> tuple[Segments, Segments]:
    """Like `char_diff`, with the unchanged sentences between changes replaced by 「（略）」 on both sides.

    An unchanged stretch longer than `longer_than` characters keeps the end of the sentence the previous
    change is in and the start of the sentence the next change is in; only whole sentences between them
    (cut after 「。」 or at a line break, i.e. between list items) become 「（略）」, never part of a word.
    A stretch with no sentence end inside is kept whole."""
    ops = _contiguous_opcodes(old or "", new or "")
    if all(tag == "equal" for tag, _a, _b in ops):
        return ([(ABBREVIATION, False)] if old else []), ([(ABBREVIATION, False)] if new else [])
    so: Segments = []
    sn: Segments = []
    last = len(ops) - 1
    for k, (tag, a, b) in enumerate(ops):
        if tag == "equal":
            for text, out in ((a, so), (b, sn)):
                after_end = bool(out) and out[-1][0][-1:] in SENTENCE_ENDS
                out.append((_elide(text, first=k == 0 or after_end, last=k == last, longer_than=longer_than), False))
            continue
        for text, out in ((a, so), (b, sn)):
            core = text.rstrip()
            if core:
                out.append((core, True))
            if text[len(core):]:
                out.append((text[len(core):], False))
    return _merge(so), _merge(sn)


SENTENCE_ENDS = "。\n"


def _elide(text: str, *, first: bool, last: bool, longer_than: int) -> str:
    """An unchanged stretch with its whole inner sentences replaced by 「（略）」 (see abbreviated_diff).
    `first`: the stretch starts a sentence (the text's start, or right after 「。」 or a line break)."""
    if len(text) <= longer_than:
        return text
    cuts = ([0] if first else []) + [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_ENDS]
    if not cuts:
        return text
    head = cuts[0]
    tail = len(text) if last else cuts[-1]
    if head >= tail or not text[head:tail].strip():
        return text
    gap = "\n" if text[tail - 1] == "\n" and tail < len(text) else ""
    return text[:head] + ABBREVIATION + gap + text[tail:]


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
        return keys[a][1] if a < len(keys) else len(text)  # where phrase a starts

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
        return text[keys[a][1]:keys[b - 1][2]]

    return [(tag, cut(old, ko, i1, i2), cut(new, kn, j1, j2)) for tag, i1, i2, j1, j2 in ops]
