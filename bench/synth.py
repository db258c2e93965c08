"""Synthetic datasets for the benchmarks: the real FY2022 roadmap scaled ×N, a "next year" of it, and
returned workbooks for `collect`.

Everything is seeded and deterministic: the same arguments give the same datasets, byte for byte.

- `scale(roadmap, factor)`: `factor` copies of the roadmap. Copy 0 is the real report unchanged (so ×1
  is the real dataset); copy c ≥ 1 has its own sections and subsections (ids renumbered, still valid
  for the schema), its own measure ids (id + c × stride), reposts pointing within the copy, the same
  ministries (same mix, same shared measures, same tagged 【省】 statuses), and Japanese text of the
  same length line by line, made of real lines of the report rotated at a random point. KPI items
  are real KPI items of the report picked at random, so numbers, units and era dates stay
  parseable.
- `next_year(roadmap)`: the following year's report as the diff sees it: some measures renumbered,
  new, removed; initiatives reworded; KPI targets revised; most statuses rewritten; the rest stalled
  (identical or lightly edited).
- `returned_workbooks(roadmap, outdir, fiscal_year)`: `build_update_workbooks` (the collect
  helper's circulation), then each ministry's 今年度の実施状況 edited with openpyxl, as a ministry
  returns it.

Command line (writes YAML files):

    python bench/synth.py --factor 100 -o /tmp/x100.yaml [--next /tmp/x100_next.yaml]
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the package of this checkout, unless another one is already importable
    import roadmap_reports  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))

from roadmap_reports.model import Measure, Roadmap, Section, Subsection  # noqa: E402

ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
SEED = "roadmap-reports-bench"


def _zen(n: int) -> str:
    return str(n).translate(ZEN)


class _Pool:
    """Real lines of the report to draw text from, by field."""

    def __init__(self, roadmap: Roadmap):
        def lines(texts):
            out = [ln for t in texts for ln in t.split("\n") if len(ln) >= 8]
            return out or ["外国人との共生社会の実現に向けた取組を推進する。"]

        real = [m for m in roadmap.measures if not m.is_repost]
        self.initiative = lines(m.initiative for m in real)
        self.status = lines([m.status for m in real] + [p for m in real for p in m.status_by_ministry.values()])
        self.kpis = [k for m in real for k in m.kpis] or ["研修の実施回数"]


def morph(text: str, rng: random.Random, pool: list[str]) -> str:
    """Text of the same shape: every line replaced by a real line of the pool, rotated at a random
    point, continued with further real lines if too short and cut to the original line's length (a
    leading bullet 「・」 is kept)."""
    out = []
    for line in text.split("\n"):
        if not line:
            out.append(line)
            continue
        lead = "・" if line.startswith("・") else ""
        body_len = len(line) - len(lead)
        src = rng.choice(pool).lstrip("・")
        k = rng.randrange(len(src))
        body = src[k:] + src[:k]
        while len(body) < body_len:  # a long line: go on with other real lines
            body += rng.choice(pool).lstrip("・")
        body = body[:body_len]
        out.append(lead + body)
    return "\n".join(out)


def _copy_measure(m: Measure, c: int, stride: int, sec_map: dict, sub_map: dict, pool: _Pool,
                  seed: str) -> Measure:
    if c == 0:
        return copy.deepcopy(m)
    rng = random.Random(f"{seed}:{c}:{m.id}")
    new = Measure(id=m.id + c * stride, section=sec_map[m.section],
                  subsection=None if m.subsection is None else sub_map[m.subsection],
                  ministries=list(m.ministries),
                  repost_of=None if m.repost_of is None else m.repost_of + c * stride)
    if m.is_repost:
        return new
    new.initiative = morph(m.initiative, rng, pool.initiative)
    new.kpis = [rng.choice(pool.kpis) for _ in m.kpis]
    new.status, new.status_by_ministry = morph_status(m, rng, pool)
    return new


def morph_status(m: Measure, rng, pool) -> tuple[str, dict]:
    """The status (and its 【省】 parts, each replaced inside the full text) morphed like morph()."""
    if not m.status_by_ministry:
        return morph(m.status, rng, pool.status), {}
    parts = {name: morph(text, rng, pool.status) for name, text in m.status_by_ministry.items()}
    status = m.status
    for name, text in m.status_by_ministry.items():
        status = status.replace(text, parts[name], 1)
    return status, parts


def scale(roadmap: Roadmap, factor: int, *, seed: str = SEED) -> Roadmap:
    """`factor` copies of `roadmap` (copy 0 is the roadmap itself): factor × as many measures."""
    if factor < 1:
        raise ValueError("factor must be ≥ 1")
    pool = _Pool(roadmap)
    stride = max(m.id for m in roadmap.measures)
    n_sections = max(int(s.id) for s in roadmap.sections)
    sections: list[Section] = []
    measures: list[Measure] = []
    for c in range(factor):
        sec_map, sub_map = {}, {}
        for s in roadmap.sections:
            sid = str(int(s.id) + c * n_sections)
            sec_map[s.id] = sid
            title = s.title if c == 0 else _retitle(s.title, int(sid))
            subs = []
            for sub in s.subsections:
                n = sub.id.split("-", 1)[1]
                sub_map[sub.id] = f"{sid}-{n}"
                subs.append(Subsection(f"{sid}-{n}", sub.title))
            sections.append(Section(sid, title, subs))
        measures.extend(_copy_measure(m, c, stride, sec_map, sub_map, pool, seed) for m in roadmap.measures)
    title = roadmap.title if factor == 1 else f"{roadmap.title}（ベンチマーク用合成データ×{factor}）"
    return Roadmap(title=title, fiscal_year=roadmap.fiscal_year, as_of=roadmap.as_of, sections=sections,
                   measures=measures, schema_version=roadmap.schema_version)


def _retitle(title: str, n: int) -> str:
    """「１．円滑な…」 → 「５．円滑な…」 for the fifth section."""
    head, sep, rest = title.partition("．")
    return f"{_zen(n)}．{rest}" if sep and head.strip("０１２３４５６７８９") == "" else title


# --- the next year ---------------------------------------------------------------------------------
RATES = {"removed": 0.03, "new": 0.03, "renumbered": 0.04, "initiative": 0.05, "kpi": 0.05, "stalled": 0.30}


def _revise_kpi(text: str, rng: random.Random) -> str:
    """Raise the first number of a KPI (a revised target) or, without a number, reword it."""
    import re

    m = re.search(r"[0-9０-９]+", text)
    if not m:
        return text + "（見直し）"
    digits = m.group().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    value = int(digits) + rng.randint(1, 9) * (10 if int(digits) >= 10 else 1)
    out = str(value) if m.group().isascii() else _zen(value)
    return text[:m.start()] + out + text[m.end():]


def next_year(roadmap: Roadmap, *, seed: str = SEED) -> Roadmap:
    """The following year's report: removed, new, renumbered, reworded, revised, rewritten and stalled
    measures, in deterministic proportions (RATES)."""
    pool = _Pool(roadmap)
    rng = random.Random(f"{seed}:next:{len(roadmap.measures)}")
    real = [m for m in roadmap.measures if not m.is_repost]
    reposted = {m.repost_of for m in roadmap.measures if m.is_repost}
    candidates = [m for m in real if m.id not in reposted]
    k = lambda rate: max(1, int(len(real) * rate))  # noqa: E731
    removed = {m.id for m in rng.sample(candidates, min(len(candidates), k(RATES["removed"])))}
    left = [m for m in real if m.id not in removed]
    renumbered = {m.id for m in rng.sample(left, k(RATES["renumbered"]))}
    next_id = max(m.id for m in roadmap.measures) + 1
    id_map: dict[int, int] = {}
    for m in roadmap.measures:
        if m.id in renumbered:
            id_map[m.id] = next_id
            next_id += 1
        elif m.id not in removed:
            id_map[m.id] = m.id
    reworded = {m.id for m in rng.sample(left, k(RATES["initiative"]))}
    revised = {m.id for m in rng.sample([m for m in left if m.kpis], min(k(RATES["kpi"]),
                                                                       sum(1 for m in left if m.kpis)))}
    stalled = {m.id for m in rng.sample(left, k(RATES["stalled"]))}
    new_after = {m.id for m in rng.sample(left, k(RATES["new"]))}

    measures: list[Measure] = []
    for m in roadmap.measures:
        if m.id in removed or (m.is_repost and m.repost_of in removed):
            continue
        r = random.Random(f"{seed}:next:{m.id}")
        n = copy.deepcopy(m)
        n.id = id_map[m.id]
        if m.is_repost:
            n.repost_of = id_map[m.repost_of]
            measures.append(n)
            continue
        if m.id in reworded:
            lines = n.initiative.split("\n")
            i = r.randrange(len(lines))
            lines[i] = lines[i][: max(1, len(lines[i]) * 3 // 4)] + "を推進する。"
            n.initiative = "\n".join(lines)
        if m.id in revised:
            j = r.randrange(len(n.kpis))
            n.kpis[j] = _revise_kpi(n.kpis[j], r)
        if m.id not in stalled:
            n.status, n.status_by_ministry = morph_status(n, r, pool)
        measures.append(n)
        if m.id in new_after:
            fresh = Measure(id=next_id, section=m.section, subsection=m.subsection,
                            initiative=morph(m.initiative, r, pool.initiative),
                            kpis=[r.choice(pool.kpis) for _ in m.kpis] or [r.choice(pool.kpis)],
                            ministries=list(m.ministries), status=morph(m.status or "実施中。", r, pool.status))
            next_id += 1
            measures.append(fresh)
    as_of = roadmap.as_of
    try:
        as_of = as_of.replace(year=as_of.year + 1)
    except ValueError:  # 29 February
        as_of = as_of + _dt.timedelta(days=365)
    title = roadmap.title.replace("令和４年度", "令和５年度", 1)
    if "合成" not in title:
        title += "（ベンチマーク用合成データ）"
    return Roadmap(title=title, fiscal_year=roadmap.fiscal_year + 1, as_of=as_of,
                   sections=copy.deepcopy(roadmap.sections), measures=measures,
                   schema_version=roadmap.schema_version)


# --- returned workbooks ----------------------------------------------------------------------------
def returned_workbooks(roadmap: Roadmap, outdir, fiscal_year: int, *, seed: str = SEED,
                       edit_rate: float = 0.7) -> list[Path]:
    """Workbooks for update as the ministries return them: written by circulate.build_update_workbooks,
    then this year's 実施状況 of `edit_rate` of the rows rewritten with openpyxl. Reposts are left alone
    (nothing to fill), and a shared status without 【省】 tags is written by its first ministry only
    (two different texts would be a conflict for the secretariat), so every workbook merges cleanly."""
    from openpyxl import load_workbook

    from roadmap_reports.rounds.circulate import DATA_SHEET, FIRST_ROW, build_update_workbooks, column_letter

    pool = _Pool(roadmap)
    names = roadmap.ministries()
    paths = build_update_workbooks(roadmap, outdir, fiscal_year=fiscal_year)
    status_col, id_col = column_letter("status"), column_letter("id")
    for name, path in zip(names, paths):
        rng = random.Random(f"{seed}:return:{path.name}")
        wb = load_workbook(path)
        ws = wb[DATA_SHEET]
        for row in range(FIRST_ROW, ws.max_row + 1):
            m = roadmap.measure(ws[f"{id_col}{row}"].value)
            if m is None or m.is_repost:
                continue
            if not m.status_by_ministry and len(m.ministries) > 1 and m.ministries[0] != name:
                continue
            cell = ws[f"{status_col}{row}"]
            if isinstance(cell.value, str) and cell.value and rng.random() < edit_rate:
                cell.value = morph(cell.value, rng, pool.status)
        wb.save(path)
    return paths


def load_base(path=None) -> Roadmap:
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(path or ROOT / "data" / "fy2022.yaml")


def main(argv=None) -> int:
    from roadmap_reports.sources.dataset import save

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, default=None, help="dataset to scale (default data/fy2022.yaml)")
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--next", dest="next_path", type=Path, default=None, help="also write the next year")
    args = ap.parse_args(argv)
    big = scale(load_base(args.base), args.factor)
    save(big, args.output)
    print(f"wrote {args.output}: {len(big.measures)} measures")
    if args.next_path:
        nxt = next_year(big)
        save(nxt, args.next_path)
        print(f"wrote {args.next_path}: {len(nxt.measures)} measures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
