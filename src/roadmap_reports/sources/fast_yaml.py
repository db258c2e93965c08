"""A fast reader of plain YAML datasets: data and line numbers straight from libyaml's event stream.

At 10,000 measures composing nodes, resolving them and constructing the data from them takes three
times as long as reading the events. `read` handles plain documents (mappings, sequences, scalars) and
gives exactly what the composer path (yaml_lines.py) gives; on anything else (anchors, aliases, explicit
tags, merge keys, complex keys, duplicate keys, several documents, a syntax error) it raises `Fallback`
and the composer path decides, with its error messages.
"""

from __future__ import annotations

from roadmap_reports.model import LineMap
from roadmap_reports.sources.yaml_internals import constructors, has_path_resolvers, implicit_resolvers, \
    resolve_plain, with_libyaml

__all__ = ["Fallback", "read"]

_STR, _NULL, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"
_NO_KEY = object()  # a mapping waiting for its next key


class Fallback(Exception):
    """Something the event reader leaves to the full composer (anchors, tags, duplicates, errors)."""


class _Scalars:
    """Plain scalars to Python values as SafeLoader resolves and constructs them."""

    def __init__(self):
        import yaml

        resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.constructors = constructors(self.constructor)
        self.resolve = resolve_plain(resolver)
        self.implicit = implicit_resolvers(resolver)
        self.plain_fast = None not in self.implicit and not has_path_resolvers(resolver)
        self.resolved: dict = {}  # plain scalar -> tag, for the short values that repeat (keys, numbers)

    def tag(self, value: str) -> str:
        """The tag SafeLoader's resolver gives a plain scalar."""
        if self.plain_fast and value[:1] not in self.implicit:
            return _STR  # no implicit resolver starts with this character: a string (Resolver.resolve's answer)
        tag = self.resolved.get(value)
        if tag is None:
            tag = self.resolve(value)
            if len(value) < 64:
                self.resolved[value] = tag
        return tag

    def value(self, ev):
        """The Python value of a scalar event; Fallback for what the composer must decide."""
        if ev.anchor is not None or ev.tag is not None:
            raise Fallback
        value = ev.value
        if not ev.implicit[0]:
            return value
        tag = self.tag(value)
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _MERGE or tag not in self.constructors:
            raise Fallback
        from yaml.nodes import ScalarNode

        try:
            return self.constructors[tag](self.constructor, ScalarNode(tag, value, ev.start_mark, ev.end_mark))
        except ValueError:  # 2023-02-30: the composer path words it with its line
            raise Fallback from None


class _Frame:
    """An open mapping or sequence. `role` marks the ones whose lines are recorded: the root mapping,
    its `measures` sequence and each measure item."""

    __slots__ = ("container", "is_mapping", "key", "seen", "role", "last_key", "measures_open")

    def __init__(self, container, is_mapping: bool, role: str | None):
        self.container = container
        self.is_mapping = is_mapping
        self.key = _NO_KEY
        self.seen: set = set()
        self.role = role
        self.last_key = None  # root: the raw key whose value comes next
        self.measures_open = False  # root: the `measures` sequence was met


class _Reader:
    """Builds the data and collects the lines while events are fed in order."""

    def __init__(self):
        from yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent

        self.scalar = _Scalars().value
        self.stack: list[_Frame] = []
        self.root = _NO_KEY
        self.top_lines: dict = {}
        self.items: list = []  # per measure item: (line, [(raw key, line)])
        self.docs = 0
        self._scalar, self._mapping, self._sequence = ScalarEvent, MappingStartEvent, SequenceStartEvent

    def node(self, ev, cls) -> None:
        """A scalar or the start of a mapping or sequence."""
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_mapping and parent.key is _NO_KEY:
            self._key(parent, ev, cls)
            return
        role = self._role(parent, ev, cls)
        if cls is self._scalar:
            value = self.scalar(ev)
        else:
            if ev.anchor is not None or ev.tag is not None:
                raise Fallback
            value = {} if cls is self._mapping else []
        if parent is None:
            if self.root is not _NO_KEY:
                raise Fallback
            self.root = value
        elif parent.is_mapping:
            parent.container[parent.key] = value
            parent.key = _NO_KEY
        else:
            parent.container.append(value)
        if cls is not self._scalar:
            self.stack.append(_Frame(value, cls is self._mapping, role))

    def _key(self, parent: _Frame, ev, cls) -> None:
        if cls is not self._scalar:
            raise Fallback  # a complex key
        raw = ev.value
        if raw in parent.seen:
            raise Fallback  # a duplicate key: the composer path words the error
        parent.seen.add(raw)
        line = ev.start_mark.line + 1
        if parent.role == "root":
            self.top_lines[raw] = line
            parent.last_key = raw
        elif parent.role == "item":
            self.items[-1][1].append((raw, line))
        parent.key = self.scalar(ev)

    def _role(self, parent: _Frame | None, ev, cls) -> str | None:
        if parent is None:
            return "root" if cls is self._mapping else None
        if parent.role == "root" and parent.last_key == "measures" and cls is self._sequence \
                and not parent.measures_open:
            parent.measures_open = True
            return "measures"
        if parent.role == "measures":
            self.items.append((ev.start_mark.line + 1, []))
            return "item" if cls is self._mapping else None
        return None

    def end(self, ev, cls) -> None:
        """The end of a mapping or sequence."""
        self.stack.pop()

    def document(self, ev, cls) -> None:
        """The start of a document: a dataset is one document."""
        self.docs += 1
        if self.docs > 1:
            raise Fallback

    def lines(self) -> LineMap:
        """The line map of what was read (the composer path's `yaml_lines.line_map`)."""
        lines = LineMap(top=dict(self.top_lines))
        data_items = self.root.get("measures") if isinstance(self.root, dict) else None
        if isinstance(data_items, list) and len(self.items) == len(data_items):
            for i, (line, keys) in enumerate(self.items):
                mid = data_items[i].get("id") if isinstance(data_items[i], dict) else None
                lines.add_item(mid, line, keys)
        return lines


def read(text: str) -> tuple[object, LineMap]:
    """Data and line map of a plain YAML document; `Fallback` for anything else (see the module doc)."""
    import yaml
    from yaml import events as ev_

    if not with_libyaml():
        raise Fallback
    reader = _Reader()
    handlers = {ev_.ScalarEvent: reader.node, ev_.MappingStartEvent: reader.node,
                ev_.SequenceStartEvent: reader.node, ev_.MappingEndEvent: reader.end,
                ev_.SequenceEndEvent: reader.end, ev_.DocumentStartEvent: reader.document,
                ev_.StreamStartEvent: None, ev_.DocumentEndEvent: None, ev_.StreamEndEvent: None}
    try:
        for ev in yaml.parse(text, Loader=yaml.CSafeLoader):
            cls = type(ev)
            handler = handlers.get(cls, Fallback)
            if handler is Fallback:  # an alias
                raise Fallback
            if handler is not None:
                handler(ev, cls)
    except yaml.YAMLError:
        raise Fallback from None
    if reader.root is _NO_KEY or reader.root is None:
        raise Fallback
    return reader.root, reader.lines()
