"""Reading and writing datasets (YAML or JSON of the documented schema), with line numbers.

`load_roadmap()` is the entry point: it reads, checks the schema and consistency, and returns a
`Roadmap` whose `lines` map each measure (and field) to its line in the file, so every later error
can name the place.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_reports.errors import DatasetError, ValidationError
from roadmap_reports.model import MEASURE_KEYS, Roadmap
from roadmap_reports.io.files import read_text, write_text_atomic

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


def bundled_dataset_path() -> Path:
    """The FY2022 dataset shipped with the package (or the repository's data/ folder)."""
    from roadmap_reports.resources import resource_path

    return resource_path("data", "fy2022.yaml")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES:
        return "json"
    raise DatasetError(f"unknown dataset format {suffix or '(no extension)'!r}; use .yaml, .yml or .json",
                       file=path)


def _safe_loader():
    """libyaml's parser when PyYAML was built with it (about 20× faster at 10,000 measures), else the
    pure-Python one; both give the same data and the same marks."""
    import yaml

    return yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _safe_dumper():
    import yaml

    return yaml.CSafeDumper if getattr(yaml, "__with_libyaml__", False) else yaml.SafeDumper


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

        fast = _safe_loader()
        if fast is not yaml.SafeLoader:
            try:
                return _LineLoader._load(text, path, fast)
            except yaml.YAMLError:
                pass  # libyaml's messages are terser: let the pure-Python parser word the error
        return _LineLoader._load(text, path, yaml.SafeLoader)

    @staticmethod
    def _load(text: str, path: Path, base):
        import yaml

        class Loader(base):
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
            _check_duplicate_keys(node, path)
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            if base is not yaml.SafeLoader:
                raise
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = exc.problem or exc.context or "syntax error"
            kind = "invalid value" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
            raise DatasetError(f"{kind}: {problem}", file=path, line=line,
                               measure=_measure_at(node, line) if node is not None else None) from None
        except yaml.YAMLError as exc:
            if base is not yaml.SafeLoader:
                raise
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
    """Raise DatasetError (with the line and the measure) for a duplicate key or an alias under `node`."""
    try:
        _find_duplicate_keys(node, path)
    except DatasetError as exc:
        exc.measure = _measure_at(node, exc.line)
        raise


def _find_duplicate_keys(node, path: Path) -> None:
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
        _check_duplicate_keys(node, path)


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


class _Fallback(Exception):
    """Something the event reader leaves to the full composer (anchors, tags, duplicates, errors)."""


def _fast_yaml(text: str) -> tuple[object, dict]:
    """Data and line map straight from libyaml's event stream, without building a node tree.

    At 10,000 measures composing nodes, resolving them and constructing the data from them takes
    three times as long as reading the events. This reader handles plain documents (mappings,
    sequences, scalars) and gives exactly what the composer path gives; on anything else (anchors,
    aliases, explicit tags, merge keys, complex keys, duplicate keys, several documents, a syntax
    error) it raises _Fallback and the composer path decides, with its error messages.
    """
    import yaml
    from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                             ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent)
    from yaml.nodes import ScalarNode

    if not getattr(yaml, "__with_libyaml__", False):
        raise _Fallback
    resolver = yaml.resolver.Resolver()
    constructor = yaml.constructor.SafeConstructor()
    constructors = constructor.yaml_constructors
    resolve = resolver.resolve
    implicit_map = resolver.yaml_implicit_resolvers
    plain_fast = None not in implicit_map and not resolver.yaml_path_resolvers
    resolved: dict = {}  # plain scalar -> tag, for the short values that repeat (keys, numbers)
    STR, NULL, MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"

    def scalar(ev):
        if ev.anchor is not None or ev.tag is not None:
            raise _Fallback
        value = ev.value
        if not ev.implicit[0]:
            return value
        if not plain_fast or (value[:1] in implicit_map):
            tag = resolved.get(value)
            if tag is None:
                tag = resolve(ScalarNode, value, (True, False))
                if len(value) < 64:
                    resolved[value] = tag
        else:  # no implicit resolver starts with this character: a string (Resolver.resolve's answer)
            tag = STR
        if tag == STR:
            return value
        if tag == NULL:
            return None
        if tag == MERGE or tag not in constructors:
            raise _Fallback
        try:
            return constructors[tag](constructor, ScalarNode(tag, value, ev.start_mark, ev.end_mark))
        except ValueError:  # 2023-02-30: the composer path words it with its line
            raise _Fallback from None

    # frame: [container, is_mapping, pending key (or _NO_KEY), raw keys seen, role]
    NO_KEY = object()
    stack: list = []
    root = NO_KEY
    top_lines: dict = {}
    items: list = []  # per measure item: (line, [(raw key, line)])
    docs = 0
    try:
        events = yaml.parse(text, Loader=yaml.CSafeLoader)
        for ev in events:
            cls = type(ev)
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                parent = stack[-1] if stack else None
                role = None
                if parent is not None and parent[1] and parent[2] is NO_KEY:  # a mapping key
                    if cls is not ScalarEvent:
                        raise _Fallback
                    raw = ev.value
                    if raw in parent[3]:
                        raise _Fallback
                    parent[3].add(raw)
                    line = ev.start_mark.line + 1
                    if parent[4] == "root":
                        top_lines[raw] = line
                        parent[5] = raw
                    elif parent[4] == "item":
                        items[-1][1].append((raw, line))
                    parent[2] = scalar(ev)
                    continue
                if parent is not None:
                    if parent[4] == "root" and parent[5] == "measures" and cls is SequenceStartEvent \
                            and not parent[6]:
                        role = "measures"
                        parent[6] = True
                    elif parent[4] == "measures":
                        items.append((ev.start_mark.line + 1, []))
                        if cls is MappingStartEvent:
                            role = "item"
                elif cls is MappingStartEvent:
                    role = "root"
                if cls is ScalarEvent:
                    value = scalar(ev)
                else:
                    if ev.anchor is not None or ev.tag is not None:
                        raise _Fallback
                    value = {} if cls is MappingStartEvent else []
                if parent is None:
                    if root is not NO_KEY:
                        raise _Fallback
                    root = value
                elif parent[1]:
                    parent[0][parent[2]] = value
                    parent[2] = NO_KEY
                else:
                    parent[0].append(value)
                if cls is not ScalarEvent:
                    stack.append([value, cls is MappingStartEvent, NO_KEY, set(), role, None, False])
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
            elif cls is DocumentStartEvent:
                docs += 1
                if docs > 1:
                    raise _Fallback
            elif cls is StreamStartEvent or cls is DocumentEndEvent or cls is StreamEndEvent:
                pass
            else:  # an alias
                raise _Fallback
    except yaml.YAMLError:
        raise _Fallback from None
    if root is NO_KEY or root is None:
        raise _Fallback
    lines: dict = {}
    data_items = root.get("measures") if isinstance(root, dict) else None
    if isinstance(data_items, list) and len(items) == len(data_items):
        for i, (line, keys) in enumerate(items):
            mid = data_items[i].get("id") if isinstance(data_items[i], dict) else None
            key = mid if isinstance(mid, int) and not isinstance(mid, bool) else ("#", i)
            lines.setdefault((key, None), line)
            lines[(("#", i), None)] = line
            for raw, kline in keys:
                lines.setdefault((key, raw), kline)
                lines[(("#", i), raw)] = kline
    for raw, line in top_lines.items():
        lines[(None, raw)] = line
    return root, lines


def load_raw(path) -> tuple[object, dict]:
    """Parse a dataset file into plain data and a line map, without checking the schema."""
    path = Path(path)
    if path.is_dir():
        raise DatasetError("is a directory, not a file", file=path)
    fmt = _format_of(path)
    text, _enc = read_text(path)
    return parse_text(text, fmt, path)


def sniff_format(text: str) -> str:
    """'json' when a text starts like a JSON document ('{' or '['), else 'yaml' (for standard input)."""
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def parse_text(text: str, fmt: str, path) -> tuple[object, dict]:
    """Parse the text of a dataset in `fmt` ('yaml' or 'json'); `path` names it in messages."""
    path = Path(path)
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

            try:
                node = yaml.compose(text, Loader=_safe_loader())
            except yaml.YAMLError:  # libyaml refuses surrogate escapes ("\ud842\udf9f" for 𠮟); PyYAML takes them
                node = yaml.compose(text, Loader=yaml.SafeLoader)
            lines = {**_measure_lines(node, data), **_top_lines(node)}
        except Exception:  # noqa: BLE001 - line numbers are a courtesy for JSON
            lines = {}
        return data, lines
    try:
        return _fast_yaml(text)
    except _Fallback:
        pass
    data, node = _LineLoader.load(text, path)
    return data, {**_measure_lines(node, data), **_top_lines(node)}


def load_roadmap(path=None, *, check: bool = True) -> Roadmap:
    """Load and validate a dataset (default: the bundled FY2022 dataset).

    Raises DatasetError for unreadable files and ValidationError (holding every problem) for
    datasets that break the schema or its consistency rules.
    """
    path = Path(path) if path is not None else bundled_dataset_path()
    return _roadmap_of(*load_raw(path), path, check=check)


def loads_roadmap(data: bytes, *, fmt: str | None = None, name: str = "<stdin>", check: bool = True) -> Roadmap:
    """Load and validate a dataset from bytes (standard input): `fmt` 'yaml' or 'json' (default: sniffed).
    Messages name the input `name`; the checks are those of `load_roadmap`."""
    from roadmap_reports.io.files import decode_text

    text, _enc = decode_text(data, name)
    fmt = fmt or sniff_format(text)
    return _roadmap_of(*parse_text(text, fmt, name), Path(name), check=check)


def _roadmap_of(data, lines, path: Path, *, check: bool) -> Roadmap:
    from roadmap_reports.sources.checks import validate_data

    problems = validate_data(data, lines=lines, file=path)
    if problems:
        raise ValidationError(problems, file=path)
    roadmap = Roadmap.from_dict(data)
    roadmap.source = str(path)
    roadmap.lines = lines
    if check:
        from roadmap_reports.sources.checks import validate

        problems = validate(roadmap)
        if problems:
            raise ValidationError(problems, file=path)
    return roadmap


# Files smaller than this together load faster one after the other than on a pool.
PARALLEL_LOAD_MIN_BYTES = 2_000_000


def _load_in_worker(path):
    from roadmap_reports.errors import RoadmapError

    try:
        return load_roadmap(path)
    except RoadmapError:
        return None  # the parent loads it again to raise the error itself (exceptions pickle poorly)


def load_roadmaps(paths) -> list[Roadmap]:
    """load_roadmap() of several files; large files are read side by side on separate processes.

    The result and any error are those of loading the files one after the other, in order."""
    paths = [Path(p) if p is not None else bundled_dataset_path() for p in paths]
    import os

    try:
        size = sum(p.stat().st_size for p in paths)
    except OSError:
        size = 0
    cores = os.cpu_count() or 1
    if len(paths) < 2 or cores < 2 or size < PARALLEL_LOAD_MIN_BYTES:
        return [load_roadmap(p) for p in paths]
    from roadmap_reports.io.workers import pool as worker_pool

    # this process reads the first file while workers read the others (sending a roadmap back costs
    # about a quarter of reading it, so the first one is better read here)
    with worker_pool(min(cores - 1, len(paths) - 1)) as pool:
        futures = [pool.submit(_load_in_worker, p) for p in paths[1:]]
        first = load_roadmap(paths[0])
        loaded = [first] + [f.result() for f in futures]
    return [r if r is not None else load_roadmap(p) for r, p in zip(loaded, paths)]


# --- writing ------------------------------------------------------------------------------------
def dumps_yaml(roadmap: Roadmap) -> str:
    """The dataset as YAML: keys in schema order, multi-line text as literal blocks, UTF-8 as is."""
    import yaml

    class Dumper(_safe_dumper()):
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

__all__ = ["load_roadmap", "load_roadmaps", "load_raw", "save", "save_yaml", "dumps_yaml", "dumps_json", "bundled_dataset_path",
           "MEASURE_KEYS"]
