"""The one registry of ministries: canonical Japanese name (as printed in the report), short code,
English name, short name, aliases and dates of existence. Every command that names or files a ministry
goes through `resolve()` / `lookup()`.

The entries are data, not code: `roadmap_reports/data/ministries.yaml` (shipped in the wheel), extended or
overridden by files of the same form (ministries_file.py reads them). Precedence, lowest first: the bundled
file, a `ministries.yaml` beside the dataset (or the ingested report), the files of `--ministries`. The
registry is read on first use, so importing this module (and `--help`) reads no YAML.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from roadmap_reports.errors import UnknownMinistryError

__all__ = ["Ministry", "Registry", "registry", "use", "add_beside", "reset", "lookup", "suggest", "resolve",
           "not_registered", "sort_key", "safe_filename", "BESIDE_NAME"]

BESIDE_NAME = "ministries.yaml"  # the file looked for beside a dataset or an ingested report
# The extra files in force, for worker processes started by spawn (they re-read the same registry).
FILES_VARIABLE = "_ROADMAP_REPORTS_MINISTRY_FILES"


@dataclass(frozen=True)
class Ministry:
    """A registry entry: the canonical name as printed in the report, its code, English name and aliases."""

    code: str
    name: str  # canonical, as printed in the report
    english: str
    aliases: tuple[str, ...] = field(default=())  # the short name first, when there is one
    order: int = 0  # order of the cabinet's ministry list, used to sort ministries
    short: str | None = None  # the usual short form (文科省), also among the aliases
    established: date | None = None  # where known for certain
    abolished: date | None = None

    def exists_on(self, day: date) -> bool:
        """Whether the ministry existed on `day` (True where the dates are not known)."""
        return (self.established is None or self.established <= day) and \
            (self.abolished is None or day < self.abolished)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


class Registry:
    """The ministries in force, in list order, with their look-up index (code, name, English, aliases)."""

    def __init__(self, ministries, files=()):
        self.ministries: tuple[Ministry, ...] = tuple(ministries)
        self.files: tuple[Path, ...] = tuple(files)  # the extra files read, lowest precedence first
        self.index: dict[str, Ministry] = {}
        for m in self.ministries:
            for k in (m.code, m.name, m.english, *m.aliases):
                self.index.setdefault(_key(k), m)

    def lookup(self, name_or_code: str) -> Ministry | None:
        return self.index.get(_key(name_or_code))

    def suggest(self, name: str) -> str | None:
        from rapidfuzz import fuzz, process

        choices = {k: m.name for k, m in self.index.items()}
        best = process.extractOne(_key(name), list(choices), scorer=fuzz.WRatio)
        if best and best[1] >= 60:
            return choices[best[0]]
        return None


_bundled: tuple[Ministry, ...] | None = None
_explicit: tuple[Path, ...] = ()  # --ministries
_beside: tuple[Path, ...] = ()  # ministries.yaml beside a dataset
_active: Registry | None = None


def _bundled_ministries() -> tuple[Ministry, ...]:
    global _bundled
    if _bundled is None:
        from roadmap_reports.ministries_file import read_file

        _bundled = read_file(_bundled_path(), ())
    return _bundled


def _bundled_path() -> Path:
    from roadmap_reports.resources import resource_path

    return resource_path("data", "ministries.yaml")


def _build() -> Registry:
    from roadmap_reports.ministries_file import read_file

    ministries = _bundled_ministries()
    files = (*_beside, *(p for p in _explicit if p not in _beside))
    for path in files:
        ministries = read_file(path, ministries)
    return Registry(ministries, files)


def registry() -> Registry:
    """The registry in force (built on first use: the bundled file, then the extra files)."""
    global _active, _explicit
    if _active is None:
        if not _explicit and os.environ.get(FILES_VARIABLE):  # a worker started by spawn
            _explicit = tuple(Path(p) for p in os.environ[FILES_VARIABLE].split(os.pathsep) if p)
        _active = _build()
    return _active


def _activate(explicit, beside) -> Registry:
    """Put these files in force (read and checked now: a bad file raises a located RegistryError)."""
    global _active, _explicit, _beside
    old = (_active, _explicit, _beside)
    _explicit, _beside, _active = tuple(explicit), tuple(beside), None
    try:
        reg = registry()
    except BaseException:
        _active, _explicit, _beside = old
        raise
    if reg.files:
        os.environ[FILES_VARIABLE] = os.pathsep.join(str(p) for p in (*_beside, *_explicit))
    else:
        os.environ.pop(FILES_VARIABLE, None)
    return reg


def use(*files) -> Registry:
    """Extend or override the bundled registry with these files (`--ministries`), highest precedence."""
    return _activate(tuple(Path(f).resolve() for f in files), _beside)


def add_beside(path) -> Registry:
    """Add the `ministries.yaml` beside a dataset or report file, if there is one (below `use`'s files)."""
    if path is None or str(path) in ("-", "<stdin>"):
        return registry()
    candidate = (Path(path).resolve().parent / BESIDE_NAME)
    if candidate in _beside or candidate in _explicit or not candidate.is_file() or \
            candidate == _bundled_path().resolve():  # the bundled dataset lies beside the bundled registry
        return registry()
    return _activate(_explicit, (*_beside, candidate))


def reset() -> None:
    """Back to the bundled registry alone (each command starts from it)."""
    global _active, _explicit, _beside
    _active, _explicit, _beside = None, (), ()
    os.environ.pop(FILES_VARIABLE, None)


def __getattr__(name: str):
    if name == "MINISTRIES":  # the ministries in force, in list order
        return registry().ministries
    raise AttributeError(name)


def lookup(name_or_code: str) -> Ministry | None:
    """The ministry for a canonical name, code (any case), English name or alias; None if unknown."""
    return registry().lookup(name_or_code)


def suggest(name: str) -> str | None:
    """The closest registry name for an unknown one, for 'did you mean' messages."""
    return registry().suggest(name)


def resolve(name_or_code: str, *, file=None, line=None, measure=None, place=None) -> Ministry:
    """Like `lookup` but raises a located UnknownMinistryError with a suggestion."""
    from roadmap_reports.i18n import _

    m = lookup(name_or_code)
    if m is None:
        hint = suggest(name_or_code)
        if hint:
            msg = _("unknown ministry {name!r} (did you mean {hint}?)").format(name=name_or_code, hint=hint)
        else:
            msg = _("unknown ministry {name!r} (known codes: {codes})").format(
                name=name_or_code, codes=", ".join(x.code for x in registry().ministries))
        raise UnknownMinistryError(msg, file=file, line=line, measure=measure, place=place)
    return m


def not_registered(name: str) -> str:
    """The message for a 担当省庁 a report prints that the registry does not know (a new or renamed
    ministry): the closest registry name, and how to declare it without touching the package."""
    from roadmap_reports.i18n import _

    hint = suggest(name)
    if hint:
        return _("担当省庁 「{name}」 is not in the ministry registry (did you mean {hint}?); declare it in a "
                 "ministries file: --ministries FILE, or ministries.yaml beside the report (docs/dataset.md)"
                 ).format(name=name, hint=hint)
    return _("担当省庁 「{name}」 is not in the ministry registry; declare it in a ministries file: "
             "--ministries FILE, or ministries.yaml beside the report (docs/dataset.md)").format(name=name)


def sort_key(name: str) -> tuple[int, str]:
    """Registry order of a ministry name (unknown names last, by name): the order of every list of ministries."""
    m = lookup(name)
    return (m.order if m else len(registry().ministries), name)


def safe_filename(ministry: Ministry | str) -> str:
    """`MEXT_文部科学省`: code and Japanese name, with anything that could escape a folder removed."""
    import re

    if isinstance(ministry, Ministry):
        code, name = ministry.code, ministry.name
    else:
        m = lookup(ministry)
        code, name = (m.code, m.name) if m else ("X", ministry)
    raw = f"{code}_{name}"
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", raw).strip(" .")
    cleaned = cleaned.replace("..", "_")
    return cleaned[:100] or "ministry"
