"""Reading and writing datasets (YAML or JSON of the documented schema), with line numbers.

`load_roadmap()` is the entry point: it reads, checks the schema and consistency, and returns a
`Roadmap` whose `lines` (a `model.LineMap`) give each measure (and field) its line in the file, so
every later error can name the place. YAML is read by the fast event reader (fast_yaml.py) when the
document is plain, else by PyYAML's composer (yaml_lines.py), which also words every YAML error.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_reports.errors import DatasetError, ValidationError
from roadmap_reports.io.files import read_text, write_text_atomic
from roadmap_reports.model import MEASURE_KEYS, LineMap, Roadmap
from roadmap_reports.i18n import _

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


def bundled_dataset_path() -> Path:
    """The FY2022 dataset shipped with the package (or the repository's data/ folder)."""
    from roadmap_reports.resources import resource_path

    return resource_path("data", "fy2022.yaml")


def format_of(path: Path) -> str:
    """'yaml' or 'json' by the file's suffix; DatasetError for any other suffix."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES:
        return "json"
    raise DatasetError(_("unknown dataset format {value!r}; use .yaml, .yml or .json").format(
                             value=suffix or '(no extension)'),
                       file=path)


_format_of = format_of  # the name cli/collect.py imports


def check_output_path(path) -> None:
    """Raise DatasetError now (before any work) if `path` cannot be a dataset output."""
    path = Path(path)
    format_of(path)
    if path.is_dir():
        raise DatasetError(_("is a directory, not a file"), file=path)


def load_raw(path) -> tuple[object, LineMap]:
    """Parse a dataset file into plain data and a line map, without checking the schema."""
    path = Path(path)
    if path.is_dir():
        raise DatasetError(_("is a directory, not a file"), file=path)
    fmt = format_of(path)
    text, _enc = read_text(path)
    return parse_text(text, fmt, path)


def sniff_format(text: str) -> str:
    """'json' when a text starts like a JSON document ('{' or '['), else 'yaml' (for standard input)."""
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def parse_text(text: str, fmt: str, path) -> tuple[object, dict]:
    """Parse the text of a dataset in `fmt` ('yaml' or 'json'); `path` names it in messages."""
    path = Path(path)
    if fmt == "json":
        return _load_json(text, path)
    from roadmap_reports.sources import fast_yaml, yaml_lines

    try:
        return fast_yaml.read(text)
    except fast_yaml.Fallback:
        pass
    data, node = yaml_lines.load(text, path)
    return data, yaml_lines.line_map(node, data)


def _load_json(text: str, path: Path) -> tuple[object, LineMap]:
    from roadmap_reports.sources import yaml_lines

    def no_dupes(pairs):
        """A JSON object as a dict; DatasetError (with its line when it can be found) for a repeated key."""
        keys = [k for k, _ in pairs]
        dup = next((k for k in keys if keys.count(k) > 1), None)
        if dup is not None:
            yaml_lines.duplicate_key_line(text, path)  # raises with the line when the YAML composer finds it
            raise DatasetError(_("duplicate key {dup!r}").format(dup=dup), file=path)
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=no_dupes)
    except json.JSONDecodeError as exc:
        raise DatasetError(_("JSON syntax error: {msg}").format(msg=exc.msg), file=path, line=exc.lineno) from None
    try:  # JSON is (nearly) YAML: reuse the YAML composer for line numbers
        import yaml

        try:
            node = yaml.compose(text, Loader=yaml_lines.safe_loader())
        except yaml.YAMLError:  # libyaml refuses surrogate escapes ("\ud842\udf9f" for 𠮟); PyYAML takes them
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        lines = yaml_lines.line_map(node, data)
    except Exception:  # noqa: BLE001 - line numbers are a courtesy for JSON
        lines = LineMap()
    return data, lines


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

    from roadmap_reports.sources.yaml_lines import safe_dumper

    class Dumper(safe_dumper()):
        """The safe dumper with multi-line strings as literal blocks."""

        pass

    def str_presenter(dumper, value):
        """A string with a line break as a literal block (|), any other as PyYAML chooses."""
        if "\n" in value:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    Dumper.add_representer(str, str_presenter)
    text = yaml.dump(roadmap.to_dict(), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)
    return text


def dumps_json(roadmap: Roadmap) -> str:
    """The dataset as JSON: keys in schema order, UTF-8 as is, two-space indent, a final newline."""
    return json.dumps(roadmap.to_dict(), ensure_ascii=False, indent=2) + "\n"


def save(roadmap: Roadmap, path) -> None:
    """Write YAML or JSON by the file's suffix, atomically."""
    path = Path(path)
    text = dumps_json(roadmap) if format_of(path) == "json" else dumps_yaml(roadmap)
    write_text_atomic(path, text)


save_yaml = save

__all__ = ["load_roadmap", "load_roadmaps", "load_raw", "save", "save_yaml", "dumps_yaml", "dumps_json", "bundled_dataset_path",
           "MEASURE_KEYS"]
