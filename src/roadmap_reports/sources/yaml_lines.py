"""YAML through PyYAML's composer: the data, the line of every measure and field, and located errors.

This is the careful path: every document the fast event reader (fast_yaml.py) leaves aside comes here,
and every error of a YAML dataset is worded here (a syntax error, a duplicate key, an alias, a control
character, an impossible date), with its line and, when it lies inside one, its measure.
"""

from __future__ import annotations

import re
from pathlib import Path

from roadmap_reports.errors import DatasetError
from roadmap_reports.model import LineMap
from roadmap_reports.sources.yaml_internals import compose_single, construct, construct_timestamp, non_printable, \
    with_libyaml
from roadmap_reports.i18n import _

__all__ = ["load", "line_map", "duplicate_key_line", "safe_loader", "safe_dumper"]


def safe_loader():
    """libyaml's parser when PyYAML was built with it (about 20× faster at 10,000 measures), else the
    pure-Python one; both give the same data and the same marks."""
    import yaml

    return yaml.CSafeLoader if with_libyaml() else yaml.SafeLoader


def safe_dumper():
    """libyaml's emitter when available, else the pure-Python one (the same text)."""
    import yaml

    return yaml.CSafeDumper if with_libyaml() else yaml.SafeDumper


def load(text: str, path: Path):
    """(data, root node) of a YAML dataset; DatasetError with the line for anything wrong."""
    import yaml

    fast = safe_loader()
    if fast is not yaml.SafeLoader:
        try:
            return _load(text, path, fast)
        except yaml.YAMLError:
            pass  # libyaml's messages are terser: let the pure-Python parser word the error
    return _load(text, path, yaml.SafeLoader)


def _loader_class(base):
    import yaml

    class Loader(base):
        """`base` with a timestamp constructor that reports an impossible date with its line."""

    def timestamp(loader_, node):
        """A date, or for 2023-02-30 a located ConstructorError instead of a bare ValueError."""
        try:
            return construct_timestamp(loader_, node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(None, None, f"invalid date {node.value!r} ({exc})",
                                                    node.start_mark) from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


def _load(text: str, path: Path, base):
    import yaml

    check_characters(text, path)
    loader = _loader_class(base)(text)
    node = None
    try:
        node = compose_single(loader)
        if node is None:
            raise DatasetError(_("file holds no data"), file=path)
        check_duplicate_keys(node, path)
        data = construct(loader, node)
    except yaml.MarkedYAMLError as exc:
        if base is not yaml.SafeLoader:
            raise
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        template = _("invalid value: {problem}") if isinstance(exc, yaml.constructor.ConstructorError) else \
            _("YAML syntax error: {problem}")
        raise DatasetError(template.format(problem=problem), file=path, line=line,
                           measure=measure_at(node, line) if node is not None else None) from None
    except yaml.YAMLError as exc:
        if base is not yaml.SafeLoader:
            raise
        raise DatasetError(_("YAML error: {exc}").format(exc=exc), file=path) from None
    finally:
        loader.dispose()
    return data, node


def check_characters(text: str, path: Path) -> None:
    """YAML refuses control characters outside escapes: say which one and on which line."""
    match = non_printable().search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        code = f"U+{ord(match.group()[0]):04X}"
        ids = re.findall(r"^-\s+id:\s*(\d+)\s*$", text[: match.start()], flags=re.MULTILINE)
        raise DatasetError(_("control character {code} is not allowed in YAML text (write it as an escape in a "
                             "double-quoted string, or remove it)").format(code=code), file=path, line=line,
                           measure=int(ids[-1]) if ids else None)


def check_duplicate_keys(node, path: Path) -> None:
    """Raise DatasetError (with the line and the measure) for a duplicate key or an alias under `node`."""
    try:
        _find_duplicate_keys(node, path)
    except DatasetError as exc:
        exc.measure = measure_at(node, exc.line)
        raise


def _find_duplicate_keys(node, path: Path) -> None:
    import yaml

    stack = [node]
    visited: set[int] = set()
    while stack:
        n = stack.pop()
        if isinstance(n, (yaml.MappingNode, yaml.SequenceNode)):
            if id(n) in visited:  # an alias (*name): refused, a 'billion laughs' would never finish
                raise DatasetError(_("YAML aliases (&anchor / *alias) are not allowed in a dataset"), file=path,
                                   line=n.start_mark.line + 1)
            visited.add(id(n))
        if isinstance(n, yaml.MappingNode):
            seen = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise DatasetError(_("duplicate key {value!r}").format(value=k.value), file=path,
                                                                              line=k.start_mark.line + 1)
                    seen[k.value] = k
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _measure_items(node) -> list:
    """The nodes of the root's `measures` sequence (empty if there is none)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    value = next((v for k, v in node.value if getattr(k, "value", None) == "measures"), None)
    return value.value if isinstance(value, yaml.SequenceNode) else []


def measure_at(node, line: int | None) -> int | None:
    """The id of the measure whose YAML block holds `line` (1-based), if it has a readable id."""
    import yaml

    if line is None or not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) != "measures" or not isinstance(v, yaml.SequenceNode):
            continue
        for item in v.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            end = item.end_mark.line + (1 if item.end_mark.column > 0 else 0)
            if item.start_mark.line < line <= end:
                for ik, iv in item.value:
                    if getattr(ik, "value", None) == "id" and isinstance(iv, yaml.ScalarNode):
                        return int(iv.value) if iv.value.isdigit() else None
    return None


def duplicate_key_line(text: str, path: Path) -> None:
    """Raise the located DatasetError of a duplicate key if PyYAML's composer finds one in `text`."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if node is not None:
        check_duplicate_keys(node, path)


def line_map(node, data) -> LineMap:
    """Where every top-level key, measure and measure field starts, from the composed root node."""
    import yaml

    lines = LineMap()
    if isinstance(node, yaml.MappingNode):
        lines.top = {getattr(k, "value", None): k.start_mark.line + 1 for k, _v in node.value}
    if not isinstance(data, dict):
        return lines
    items = data.get("measures") or []
    for i, item in enumerate(_measure_items(node)):
        mid = items[i].get("id") if i < len(items) and isinstance(items[i], dict) else None
        fields = []
        if isinstance(item, yaml.MappingNode):
            fields = [(getattr(k, "value", None), k.start_mark.line + 1) for k, _v in item.value]
        lines.add_item(mid, item.start_mark.line + 1, fields)
    return lines
