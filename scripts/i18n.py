"""Extract the command line's messages and compile the catalogs (Babel).

    python scripts/i18n.py            # update src/roadmap_reports/i18n/locales/ja/LC_MESSAGES/roadmap_reports.po
                                      # from the sources, then compile the .mo next to it
    python scripts/i18n.py --check    # exit 1 if the .po lacks a message or a translation, or the .mo is stale

Messages are the texts of `_()`, `ngettext()` and `N_()` calls in the CLI layer (src/roadmap_reports/cli,
i18n, rounds/years.py), the library's messages a person reads (rounds/findings.py, render/, sources/ — ingest,
dataset loading, validate's problems —, io/files.py, ministries.py, ministries_file.py, the KPI review file (progress/review.py), compare/diff.py,
compare/result.py, japanese/calendar.py), every command's help (its docstring) and option help, the exit-code table of
errors.py, and Click's own messages (Usage:, Options, "No such option" …, extracted from the installed
Click). Translations are kept across updates; a message without one is listed and left empty (shown in
English). The .mo is what the package reads at run time and what the wheel ships.
"""

from __future__ import annotations

import argparse
import inspect
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "roadmap_reports"
sys.path.insert(0, str(ROOT / "src"))
PO = SRC / "i18n" / "locales" / "ja" / "LC_MESSAGES" / "roadmap_reports.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
SOURCES = [SRC / "cli", SRC / "i18n", SRC / "rounds" / "years.py", SRC / "rounds" / "findings.py",
           SRC / "render", SRC / "sources", SRC / "io" / "files.py", SRC / "ministries.py",
           SRC / "ministries_file.py", SRC / "progress" / "review.py", SRC / "compare" / "diff.py",
           SRC / "compare" / "result.py", SRC / "japanese" / "calendar.py"]


def _extract_file(path: Path, name: str | None = None):
    from babel.messages.extract import extract_python

    with open(path, "rb") as f:
        for lineno, _func, message, _comments in extract_python(f, KEYWORDS.keys(), [], {}):
            yield message, f"{name or path.relative_to(ROOT)}:{lineno}"


def messages(with_click: bool = True) -> dict:
    """msgid (str, or (singular, plural)) -> locations."""
    found: dict = {}

    def add(msgid, where):
        if isinstance(msgid, tuple):
            msgid = tuple(m for m in msgid if m is not None)
            msgid = msgid[0] if len(msgid) == 1 else msgid
        if msgid:
            found.setdefault(msgid, []).append(where)

    for source in SOURCES:
        for path in sorted(source.rglob("*.py")) if source.is_dir() else [source]:
            for msgid, where in _extract_file(path):
                add(msgid, where)
    from roadmap_reports.cli import COMMANDS, cli
    from roadmap_reports.errors import EXIT_TABLE

    for _code, meaning in EXIT_TABLE:
        add(meaning, "src/roadmap_reports/errors.py")
    for command in [cli, *(cli.get_command(None, name) for name in COMMANDS)]:
        msgids = getattr(command, "_msgids", None)
        help_text = msgids[0] if msgids else inspect.cleandoc(command.help or "")
        add(help_text, f"help of {command.name}")
        for param in command.params:
            help_param = getattr(param, "help", None)
            if msgids:
                help_param = dict(zip(command.params, msgids[2])).get(param)
            if help_param:
                add(help_param, f"help of {command.name} {param.name}")
    if not with_click:
        return found
    import click

    click_dir = Path(click.__file__).parent
    for path in sorted(click_dir.glob("*.py")):
        for msgid, where in _extract_file(path, f"click/{path.name}"):
            if msgid not in found:
                add(msgid, where)
    return found


def catalog(old=None):
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="ja", domain="roadmap_reports", project="roadmap-reports", fuzzy=False,
                  header_comment="# Japanese messages of roadmap-reports (python scripts/i18n.py updates this file).")
    for msgid, where in messages().items():
        previous = old.get(msgid) if old is not None else None
        string = previous.string if previous is not None else ("", "") if isinstance(msgid, tuple) else ""
        cat.add(msgid, string, locations=[(w.rsplit(":", 1)[0], 0) for w in sorted(set(where))][:3])
    return cat


def render(cat) -> tuple[bytes, bytes]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, cat, width=100, omit_header=False, sort_output=True, include_lineno=False)
    write_mo(mo, cat)
    return po.getvalue(), mo.getvalue()


def untranslated(cat, own_only: bool = True) -> list:
    missing = []
    for message in cat:
        if not message.id:
            continue
        if own_only and all(loc[0].startswith("click/") for loc in message.locations):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(message.id)
    return missing


def check(old) -> int:
    """Ours must all be in the .po and translated, and the .mo must be the compiled .po. (Click's
    messages depend on its version: translated where they are, optional.)"""
    problems = [f"missing from the .po: {m!r}" for m in messages(with_click=False) if old is None or m not in old]
    problems += [f"untranslated: {m!r}" for m in (untranslated(old) if old is not None else [])]
    if old is not None and (not MO.exists() or MO.read_bytes() != render(old)[1]):
        problems.append(f"{MO.relative_to(ROOT)} is not the compiled .po: run python scripts/i18n.py")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv=None) -> int:
    from babel.messages.pofile import read_po

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    old = read_po(PO.open("rb"), locale="ja") if PO.exists() else None
    if args.check:
        return check(old)
    cat = catalog(old)
    if old is not None:
        cat.revision_date, cat.creation_date = old.revision_date, old.creation_date
    po, mo = render(cat)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po)
    MO.write_bytes(mo)
    print(f"Wrote {PO.relative_to(ROOT)} and the .mo ({len(cat)} messages, {len(untranslated(cat))} of ours "
          "untranslated).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
