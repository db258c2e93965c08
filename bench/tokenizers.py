"""How much a Japanese tokenizer would cost the diff's phrase spans, against character-class runs.

    python bench/tokenizers.py        # needs fugashi + unidic-lite and janome installed (optional)

Tokenizes every text of the bundled dataset (initiatives, KPIs, statuses) ×1 and ×100 (the same texts
repeated) and prints seconds per tokenizer, plus the import/dictionary load time. The diff only tokenizes the
texts of changed pairs, so these are upper bounds. Results are recorded in docs/benchmarks.md."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def texts() -> list[str]:
    from roadmap_reports.sources.dataset import load_roadmap

    r = load_roadmap(ROOT / "data" / "fy2022.yaml")
    return [t for m in r.measures for t in (m.initiative, *m.kpis, m.status) if t]


def timed(fn, items, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        for t in items:
            fn(t)
    return time.perf_counter() - start


def main() -> None:
    items = texts()
    chars = sum(map(len, items))
    print(f"{len(items)} texts, {chars:,} characters (×1)")
    from roadmap_reports.japanese.phrases import tokens

    rows = [("character-class runs (ours)", 0.0, lambda t: list(tokens(t)))]
    try:
        t0 = time.perf_counter()
        import fugashi

        tagger = fugashi.Tagger()
        rows.append(("fugashi + unidic-lite", time.perf_counter() - t0, lambda t: [w.surface for w in tagger(t)]))
    except ImportError as exc:
        print(f"fugashi: not installed ({exc})")
    try:
        t0 = time.perf_counter()
        from janome.tokenizer import Tokenizer

        janome = Tokenizer()
        rows.append(("janome", time.perf_counter() - t0, lambda t: list(janome.tokenize(t, wakati=True))))
    except ImportError as exc:
        print(f"janome: not installed ({exc})")
    print("| tokenizer | load s | ×1 s | ×100 s |")
    print("|---|---|---|---|")
    for name, load, fn in rows:
        x1 = timed(fn, items, 1)
        x100 = timed(fn, items, 100) if x1 < 5 else float("nan")
        print(f"| {name} | {load:.2f} | {x1:.3f} | {x100:.2f} |")


if __name__ == "__main__":
    main()
