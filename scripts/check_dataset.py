#!/usr/bin/env python3
"""Check a dataset against the report text it was ingested from, independently of the ingest (sources/ingest/).

For every measure: the stored 具体的取組, KPI items (with their 「・」 put back), ministries and
実施状況, with the paragraph breaks ("\\n") removed, must equal the concatenation of the measure's
source lines. Every non-blank source line must be a page header, a number or 再掲 label line, a
heading whose title is in the dataset, or a content line of exactly one measure. Sections and
subsections must be contiguous ranges of ids in report order.

    python scripts/check_dataset.py [DATASET] [SOURCE] [CORRECTIONS]

Prints one line per failure and a summary; exit status 1 when anything fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HEADER = re.compile(r"^施策番号\s+具体的取組\s+KPI\s+担当省庁\s+実施状況$")
TITLE = re.compile(r"^令和\S+年度.*ロードマップの実施状況(\s+令和\S+時点)?$")
AS_OF = re.compile(r"^令和\S+年\S+月末時点$")
NUMBER = re.compile(r"^(\d{1,3})(\s+再掲\s*[0-9０-９]+)?$")
LABEL = re.compile(r"^再掲\s*[0-9０-９]+$")


def main(argv: list[str]) -> int:
    import unicodedata

    import yaml

    dataset = Path(argv[0]) if argv else ROOT / "data" / "fy2022.yaml"
    source = Path(argv[1]) if len(argv) > 1 else ROOT / "data" / "sources" / "fy2022_roadmap_status.txt"
    corr = Path(argv[2]) if len(argv) > 2 else ROOT / "data" / "corrections" / "fy2022.yaml"
    data = yaml.safe_load(dataset.read_text(encoding="utf-8"))
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    corrections = yaml.safe_load(corr.read_text(encoding="utf-8"))["corrections"] if corr.is_file() else []
    headings = {s["title"] for s in data["sections"]} | {x["title"] for s in data["sections"]
                                                         for x in s["subsections"]}
    failures: list[str] = []

    # 1. classify the source lines and collect each measure's content lines
    content: dict[int, list[tuple[int, str]]] = {}
    number_lines: dict[int, tuple[int, str]] = {}
    label_lines: dict[int, str] = {}
    current = None
    used_headings = set()
    for no, raw in enumerate(lines, 1):
        t = raw.strip()
        if not t:
            continue
        if HEADER.match(t) or TITLE.match(t) or AS_OF.match(t):
            continue
        m = NUMBER.match(t)
        if m:
            current = int(m.group(1))
            if current in number_lines:
                failures.append(f"{source}:{no}: number {current} appears twice")
            number_lines[current] = (no, t)
            content[current] = []
            continue
        if LABEL.match(t):
            label_lines[no] = t
            current = None
            continue
        title = raw.lstrip(" \u3000") if "◎" in raw else t
        if title in headings and (title.startswith("◎") or re.match(r"^[１-９]．\D", title)):
            used_headings.add(title)
            current = None
            continue
        if current is None:
            failures.append(f"{source}:{no}: line belongs to no measure: {t[:20]}")
            continue
        content[current].append((no, t))
    for title in sorted(headings - used_headings):
        failures.append(f"{dataset}: heading {title} not found in the source")

    # 2. compare every measure with its lines
    repost_pairs = {c["measure"]: c for c in corrections if c.get("kind") == "repost"}
    passed = 0
    for m in data["measures"]:
        mid = m["id"]
        if mid not in number_lines:
            failures.append(f"{dataset}: measure {mid}: no number line in the source")
            continue
        no, text = number_lines[mid]
        if m["repost_of"] is not None:
            ok = not content[mid] and not m["initiative"] and not m["kpis"] and not m["ministries"] \
                and not m["status"]
            printed = re.search(r"再掲\s*([0-9０-９]+)", text)
            if printed:
                ok = ok and int(unicodedata.normalize("NFKC", printed.group(1))) == m["repost_of"]
            else:
                c = repost_pairs.get(mid)
                label = label_lines.get(c["label_line"]) if c else None
                ok = ok and label is not None and \
                    int(unicodedata.normalize("NFKC", label[2:].strip())) == m["repost_of"]
            if ok:
                passed += 1
            else:
                failures.append(f"{source}:{no}: measure {mid}: repost of {m['repost_of']} does not match the source")
            continue
        def unshare(t: str) -> str:  # 「消費生活相談体制の充実 消費者庁」: KPI and ministry share a line
            for name in m["ministries"]:
                if t.endswith(" " + name) and t[:-len(name) - 1].strip():
                    return t[:-len(name) - 1].rstrip() + name
            return t

        src = "".join(unshare(t) for _no, t in content[mid])
        kpi = ""
        pos_after_init = len(m["initiative"].replace("\n", ""))
        cursor = pos_after_init
        for item in m["kpis"]:
            flat = item.replace("\n", "")
            if src[cursor:cursor + 1] == "・" and src[cursor + 1:cursor + 1 + len(flat)] == flat:
                flat = "・" + flat
            kpi += flat
            cursor += len(flat)
        expected = m["initiative"].replace("\n", "") + kpi + "".join(m["ministries"]) \
            + m["status"].replace("\n", "")
        got = src
        if got != expected:
            i = next((k for k, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
            failures.append(f"{source}:{no}: measure {mid}: text differs from the source at character {i}: "
                            f"source {got[max(0, i - 8):i + 8]!r} / dataset {expected[max(0, i - 8):i + 8]!r}")
            continue
        for name, part in (m.get("status_by_ministry") or {}).items():
            if part not in m["status"]:
                failures.append(f"{dataset}: measure {mid}: status_by_ministry[{name}] is not part of status")
        passed += 1

    # 3. sections and subsections: contiguous ranges in report order
    order = [x["id"] for s in data["sections"] for x in s["subsections"]]
    prev = (-1, -1)
    ids = [m["id"] for m in data["measures"]]
    if ids != sorted(ids) or ids != list(range(1, len(ids) + 1)):
        failures.append(f"{dataset}: measure ids are not 1..{len(ids)} in order")
    for m in data["measures"]:
        key = (int(m["section"]), order.index(m["subsection"]))
        if key < prev:
            failures.append(f"{dataset}: measure {m['id']}: section/subsection goes back ({m['subsection']})")
        if not m["subsection"].startswith(m["section"] + "-"):
            failures.append(f"{dataset}: measure {m['id']}: subsection {m['subsection']} not in {m['section']}")
        prev = key

    for f in failures:
        print(f)
    print(f"{passed} of {len(data['measures'])} measures match the source line by line; "
          f"{len(failures)} problem{'s' if len(failures) != 1 else ''}.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
