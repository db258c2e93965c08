"""Reading a ministries file: the bundled registry (data/ministries.yaml) or a user's file of the same form
that extends or overrides it.

    ministries:
    - code: CFA                 # an existing code: the keys given replace that entry's, in its place
      aliases: [こども庁, こ家庁]
    - code: XYZ                 # a new code: added at the end; name required, english defaults to it
      name: 新設省
      short: 新省
      aliases: [新しい省]
      established: 2025-04-01   # dates of existence, where known
      abolished: 2030-03-31

Anything wrong is one RegistryError located at the file's line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from roadmap_reports.errors import RegistryError
from roadmap_reports.ministries import Ministry, _key
from roadmap_reports.i18n import _

__all__ = ["read_file", "KEYS"]

KEYS = ("code", "name", "english", "short", "aliases", "established", "abolished")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")


def _entries(path: Path) -> list[tuple[dict, int]]:
    """The file's entries with the line each starts on."""
    import yaml

    from roadmap_reports.io.files import read_text

    text, _enc = read_text(path, error=RegistryError)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RegistryError(_("YAML syntax error: {value}").format(value=exc.problem or exc.context), file=path,
                            line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("ministries"), list):
        raise RegistryError(_("a ministries file is a mapping with a 'ministries' list"), file=path, line=1)
    lines = next((v for k, v in node.value if k.value == "ministries"), None)
    starts = [item.start_mark.line + 1 for item in lines.value] if lines is not None else []
    return [(e, starts[i] if i < len(starts) else 1) for i, e in enumerate(data["ministries"])]


def _date(value, key: str, where: dict) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(_("{key} must be a date (YYYY-MM-DD), not {value!r}").format(key=key,
                                  value=value), **where) from None


def _checked(entry, where: dict) -> dict:
    """The entry's keys, each of the right type."""
    if not isinstance(entry, dict):
        raise RegistryError(_("each ministry is a mapping (code, name, english, short, aliases, established, "
                              "abolished)"), **where)
    extra = sorted(set(map(str, entry)) - set(KEYS))
    if extra:
        raise RegistryError(_("unknown key {value!r} (use {value2})").format(value=extra[0],
                                                                            value2=', '.join(KEYS)), **where)
    code = entry.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise RegistryError(_("code must be letters, digits and '-' (like MEXT or CAS-DDN), not {code!r}").format(
                                  code=code), **where)
    for key in ("name", "english", "short"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise RegistryError(_("{key} must be a non-empty string").format(key=key), **where)
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RegistryError(_("aliases must be a list of names"), **where)
    out = {k: entry[k] for k in ("code", "name", "english", "short") if k in entry}
    if "aliases" in entry:
        out["aliases"] = tuple(aliases)
    for key in ("established", "abolished"):
        if key in entry:
            out[key] = _date(entry[key], key, where)
    return out


def _merged(old: Ministry | None, given: dict, where: dict) -> Ministry:
    """The entry as given, over the one of the same code."""
    if old is None and "name" not in given:
        raise RegistryError(_("new ministry {value} needs a name (the name the report prints)").format(
                                  value=given['code']), **where)
    base = old or Ministry(given["code"], given["name"], given.get("english", given["name"]))
    short = given.get("short", base.short)
    aliases = given.get("aliases", tuple(a for a in base.aliases if a != base.short))
    aliases = tuple(dict.fromkeys((short, *aliases) if short else aliases))
    m = replace(base, **{k: v for k, v in given.items() if k not in ("aliases", "short")}, short=short,
                aliases=aliases)
    if m.established and m.abolished and m.abolished <= m.established:
        raise RegistryError(_("{code}: abolished ({abolished}) is not after established ({established})").format(
                                  code=m.code, abolished=m.abolished, established=m.established),
                            **where)
    return m


def read_file(path, base: tuple[Ministry, ...]) -> tuple[Ministry, ...]:
    """The ministries of `base` extended (new codes, at the end) and overridden (same code) by `path`."""
    path = Path(path)
    out = {m.code: m for m in base}
    owner = {_key(k): m.code for m in base for k in (m.code, m.name, m.english, *m.aliases)}
    seen: dict[str, int] = {}
    for entry, line in _entries(path):
        where = {"file": path, "line": line}
        given = _checked(entry, where)
        code = given["code"]
        if code in seen:
            raise RegistryError(_("code {code} appears twice in this file (also at line {value})").format(code=code,
                                      value=seen[code]), **where)
        seen[code] = line
        m = _merged(out.get(code), given, where)
        for k in (m.name, m.english, *m.aliases):
            other = owner.get(_key(k))
            if other not in (None, code) and not _dropped(out[other], k):
                raise RegistryError(_("「{k}」 already names {other} ({name}); a name belongs to one ministry").format(
                                          k=k, other=other, name=out[other].name), **where)
        old = out.get(code)
        if old is not None:
            for k in (old.name, old.english, *old.aliases):
                owner.pop(_key(k), None)
        for k in (m.code, m.name, m.english, *m.aliases):
            owner[_key(k)] = code
        out[code] = m
    return tuple(replace(m, order=i) for i, m in enumerate(out.values()))


def _dropped(m: Ministry, name: str) -> bool:
    """Whether `name` is no longer one of m's names (it was overridden away)."""
    return _key(name) not in {_key(k) for k in (m.code, m.name, m.english, *m.aliases)}
