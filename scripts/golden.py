"""Check or regenerate the golden manifest of the reproducibility test: the sha256 of every file the
commands write from data/ in the baseline environment (TZ=UTC, LC_ALL=C.UTF-8, PYTHONHASHSEED=0),
with the versions of the libraries that decide those bytes (tests/golden/outputs_sha256.txt).

    python scripts/golden.py            # compare this machine's files with the manifest
    python scripts/golden.py --update   # rewrite the manifest (and tests/golden/text/) from this machine

Exit codes: 0 the same (or updated); 1 files differ with the same libraries (a reproducibility bug, or
an intended change of output: then --update and commit the manifest); 2 the libraries differ from the
manifest's (the bytes may legitimately differ: --update on the reference machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

import golden_text  # noqa: E402  (the readable text goldens)
import test_reproducible as repro  # noqa: E402  (the test module holds the runner and the manifest format)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the manifest from this machine")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="roadmap-golden-") as tmp:
        root = Path(tmp)
        returned = repro.make_returned(root / "inputs")
        run = repro.run_all([repro.BASELINE], root / "runs", returned)["baseline"]
        text = repro.manifest_text(run)
    golden = repro.GOLDEN
    if args.update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        print(f"Wrote {golden.relative_to(ROOT)} ({len(run.files)} files).")
        with tempfile.TemporaryDirectory(prefix="roadmap-golden-text-") as tmp:
            names = golden_text.update(Path(tmp))
        print(f"Wrote {len(names)} readable text goldens to {golden_text.GOLDEN_TEXT.relative_to(ROOT)}.")
        return 0
    if not golden.exists():
        print(f"No {golden.relative_to(ROOT)}; make it with --update.", file=sys.stderr)
        return 1
    recorded, expected = repro.read_manifest(golden.read_text(encoding="utf-8"))
    now = repro.library_versions()
    changed = [f"{k} {recorded.get(k)} -> {now.get(k)}" for k in sorted(set(recorded) | set(now))
               if recorded.get(k) != now.get(k)]
    different = sorted(rel for rel in set(expected) | set(run.files) if expected.get(rel) != run.files.get(rel))
    for rel in different:
        print(f"differs: {rel}")
    if changed:
        print(f"The manifest was made with other libraries ({', '.join(changed)}); {len(different)} of "
              f"{len(expected)} files differ.", file=sys.stderr)
        return 2
    print(f"{len(expected) - len(different)} of {len(expected)} files as in the manifest.")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
