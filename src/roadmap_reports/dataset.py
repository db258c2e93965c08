"""Reading and writing datasets (YAML or JSON of the documented schema), with line numbers.

`load_roadmap()` is the entry point: it reads, checks the schema and consistency, and returns a
`Roadmap` whose `lines` map each measure (and field) to its line in the file, so every later error
can name the place.
"""

from __future__ import annotations

import json
from pathlib import Path

from .exceptions import DatasetError, ValidationError
from .model import MEASURE_KEYS, Roadmap
from .textio import read_text, write_text_atomic

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


def bundled_dataset_path() -> Path:
    """The FY2022 dataset shipped with the package (or the repository's data/ folder)."""
    from .resources import resource_path

    return resource_path("data", "fy2022.yaml")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES:
        return "json"
    raise DatasetError(f"unknown dataset format {suffix or '(no extension)'!r}; use .yaml, .yml or .json",
                       file=path)


def check_output_path(path) -> None:
    """Raise DatasetError now (before any work) if `path` cannot be a dataset output."""
    path = Path(path)
    _format_of(path)
    if path.is_dir():
        raise DatasetError("is a directory, not a file", file=path)


class _LineLoader:
    """Compose YAML nodes so that values keep the line they start on."""

    @staticmethod
    def load(text: str, path: Path):
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def timestamp(loader_, node):  # 2023-02-30: a located error, not a bare ValueError
            try:
                return yaml.SafeLoader.construct_yaml_timestamp(loader_, node)
            except ValueError as exc:
                raise yaml.constructor.ConstructorError(None, None, f"invalid date {node.value!r} ({exc})",
                                                        node.start_mark) from None

        Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
        _check_characters(text, path)
        loader = Loader(text)
        node = None
        try:
            node = loader.get_single_node()
            if node is None:
                raise DatasetError("file holds no data", file=path)
            try:
                _check_duplicate_keys(node, path)
            except DatasetError as exc:
                exc.measure = _measure_at(node, exc.line)
                raise
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = exc.problem or exc.context or "syntax error"
            kind = "invalid value" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
            raise DatasetError(f"{kind}: {problem}", file=path, line=line,
                               measure=_measure_at(node, line) if node is not None else None) from None
        except yaml.YAMLError as exc:
            raise DatasetError(f"YAML error: {exc}", file=path) from None
        finally:
            loader.dispose()
        return data, node


def _check_characters(text: str, path: Path) -> None:
    """YAML refuses control characters outside escapes: say which one and on which line."""
    import yaml

    match = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        code = f"U+{ord(match.group()[0]):04X}"
        import re

        ids = re.findall(r"^-\s+id:\s*(\d+)\s*$", text[: match.start()], flags=re.MULTILINE)
        raise DatasetError(f"control character {code} is not allowed in YAML text (write it as an escape in a "
                           "double-quoted string, or remove it)", file=path, line=line,
                           measure=int(ids[-1]) if ids else None)


def _check_duplicate_keys(node, path: Path) -> None:
    import yaml

    stack = [node]
    visited: set[int] = set()
    while stack:
        n = stack.pop()
        if isinstance(n, (yaml.MappingNode, yaml.SequenceNode)):
            if id(n) in visited:  # an alias (*name): refused, a 'billion laughs' would never finish
                raise DatasetError("YAML aliases (&anchor / *alias) are not allowed in a dataset", file=path,
                                   line=n.start_mark.line + 1)
            visited.add(id(n))
        if isinstance(n, yaml.MappingNode):
            seen = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise DatasetError(f"duplicate key {k.value!r}", file=path, line=k.start_mark.line + 1)
                    seen[k.value] = k
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _measure_at(node, line: int | None) -> int | None:
    """The id of the measure whose YAML block holds `line` (1-based), if it has a readable id."""
    import yaml

    if line is None or not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == "measures" and isinstance(v, yaml.SequenceNode):
            for item in v.value:
                end = item.end_mark.line + (1 if item.end_mark.column > 0 else 0) if isinstance(item, yaml.MappingNode) else -1
                if isinstance(item, yaml.MappingNode) and item.start_mark.line < line <= end:
                    for ik, iv in item.value:
                        if getattr(ik, "value", None) == "id" and isinstance(iv, yaml.ScalarNode):
                            return int(iv.value) if iv.value.isdigit() else None
    return None


def _duplicate_line(text: str, path: Path) -> None:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if node is not None:
        try:
            _check_duplicate_keys(node, path)
        except DatasetError as exc:
            exc.measure = _measure_at(node, exc.line)
            raise


def _measure_lines(node, data) -> dict:
    """{(measure_id, field or None): line} from the composed root node."""
    import yaml

    lines: dict = {}
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return lines
    measures_node = next((v for k, v in node.value if getattr(k, "value", None) == "measures"), None)
    if not isinstance(measures_node, yaml.SequenceNode):
        return lines
    items = data.get("measures") or []
    for i, item in enumerate(measures_node.value):
        mid = items[i].get("id") if i < len(items) and isinstance(items[i], dict) else None
        key = mid if isinstance(mid, int) and not isinstance(mid, bool) else ("#", i)
        lines.setdefault((key, None), item.start_mark.line + 1)
        lines[(("#", i), None)] = item.start_mark.line + 1
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                lines.setdefault((key, getattr(k, "value", None)), k.start_mark.line + 1)
                lines[(("#", i), getattr(k, "value", None))] = k.start_mark.line + 1
    return lines


def _top_lines(node) -> dict:
    import yaml

    out = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            out[(None, getattr(k, "value", None))] = k.start_mark.line + 1
    return out


def load_raw(path) -> tuple[object, dict]:
    """Parse a dataset file into plain data and a line map, without checking the schema."""
    path = Path(path)
    if path.is_dir():
        raise DatasetError("is a directory, not a file", file=path)
    fmt = _format_of(path)
    text, _enc = read_text(path)
    if fmt == "json":
        def no_dupes(pairs):
            keys = [k for k, _ in pairs]
            dup = next((k for k in keys if keys.count(k) > 1), None)
            if dup is not None:
                _duplicate_line(text, path)  # raises with the line when the YAML composer finds it
                raise DatasetError(f"duplicate key {dup!r}", file=path)
            return dict(pairs)

        try:
            data = json.loads(text, object_pairs_hook=no_dupes)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"JSON syntax error: {exc.msg}", file=path, line=exc.lineno) from None
        lines = {}
        try:  # JSON is (nearly) YAML: reuse the YAML composer for line numbers
            import yaml

            node = yaml.compose(text, Loader=yaml.SafeLoader)
            lines = {**_measure_lines(node, data), **_top_lines(node)}
        except Exception:  # noqa: BLE001 - line numbers are a courtesy for JSON
            lines = {}
        return data, lines
    data, node = _LineLoader.load(text, path)
    return data, {**_measure_lines(node, data), **_top_lines(node)}


def load_roadmap(path=None, *, check: bool = True) -> Roadmap:
    """Load and validate a dataset (default: the bundled FY2022 dataset).

    Raises DatasetError for unreadable files and ValidationError (holding every problem) for
    datasets that break the schema or its consistency rules.
    """
    from .validate import validate_data

    path = Path(path) if path is not None else bundled_dataset_path()
    data, lines = load_raw(path)
    problems = validate_data(data, lines=lines, file=path)
    if problems:
        raise ValidationError(problems, file=path)
    roadmap = Roadmap.from_dict(data)
    roadmap.source = str(path)
    roadmap.lines = lines
    if check:
        from .validate import validate

        problems = validate(roadmap)
        if problems:
            raise ValidationError(problems, file=path)
    return roadmap


# --- writing ------------------------------------------------------------------------------------
def dumps_yaml(roadmap: Roadmap) -> str:
    """The dataset as YAML: keys in schema order, multi-line text as literal blocks, UTF-8 as is."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def str_presenter(dumper, value):
        if "\n" in value:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    Dumper.add_representer(str, str_presenter)
    text = yaml.dump(roadmap.to_dict(), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)
    return text


def dumps_json(roadmap: Roadmap) -> str:
    return json.dumps(roadmap.to_dict(), ensure_ascii=False, indent=2) + "\n"


def save(roadmap: Roadmap, path) -> None:
    """Write YAML or JSON by the file's suffix, atomically."""
    path = Path(path)
    text = dumps_json(roadmap) if _format_of(path) == "json" else dumps_yaml(roadmap)
    write_text_atomic(path, text)


save_yaml = save

__all__ = ["load_roadmap", "load_raw", "save", "save_yaml", "dumps_yaml", "dumps_json", "bundled_dataset_path",
           "MEASURE_KEYS"]
