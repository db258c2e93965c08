"""Print the package tree, one line per module: its path and the first sentence of its docstring.

    python scripts/tree.py            # the tree, as in docs/layout.md
    python scripts/tree.py --check    # exit 1 when docs/layout.md does not show the current tree
    python scripts/tree.py --update   # write the current tree into docs/layout.md

The tree is what a newcomer reads to find where a change goes; each module's docstring says what it holds
(tests/api/test_public_api.py requires one), so the tree cannot drift from the code.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "roadmap_reports"
LAYOUT = ROOT / "docs" / "layout.md"
WIDTH = 100  # characters of a module's description
BEGIN, END = "<!-- tree: begin (python scripts/tree.py) -->", "<!-- tree: end -->"


def first_sentence(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    if ". " in text:
        text = text[: text.index(". ")]
    text = text.rstrip(".")
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def tree() -> str:
    lines = []
    for path in sorted(PACKAGE.rglob("*.py"), key=lambda p: (p.parent.relative_to(PACKAGE).parts, p.name)):
        rel = path.relative_to(PACKAGE)
        if path.name == "__init__.py" and not path.stat().st_size:
            continue
        lines.append(f"{str(rel):44} {first_sentence(path) if path.stat().st_size else ''}".rstrip())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = tree()
    if "--check" not in argv and "--update" not in argv:
        print(text)
        return 0
    doc = LAYOUT.read_text(encoding="utf-8")
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    if "--update" in argv:
        LAYOUT.write_text(f"{doc[:start]}\n```\n{text}\n```\n{doc[end:]}", encoding="utf-8")
        return 0
    shown = doc[start:end].strip().removeprefix("```").removesuffix("```").strip()
    if shown != text:
        print(f"{LAYOUT.relative_to(ROOT)} does not show the current tree: python scripts/tree.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
