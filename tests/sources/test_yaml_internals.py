"""The undocumented parts of PyYAML that sources/yaml_internals.py relies on still behave as it says.

If one of these fails after a PyYAML upgrade, the fast reader or the located YAML errors would go wrong
silently: adapt sources/yaml_internals.py (and only it) to the new PyYAML."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from roadmap_reports.sources import yaml_internals as yi

STR, INT, NULL, TIMESTAMP = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null",
                             "tag:yaml.org,2002:timestamp")


def test_the_reader_pattern_of_refused_characters():
    pattern = yi.non_printable()
    assert pattern.search("a\x07b").group() == "\x07"
    assert pattern.search("普通の文\t\n") is None
    with pytest.raises(yaml.YAMLError):  # what the pattern finds, PyYAML's reader refuses
        yaml.safe_load("a: \x07\n")


def test_the_resolver_tables_decide_plain_scalars_as_safe_load_does():
    resolver = yaml.resolver.Resolver()
    implicit = yi.implicit_resolvers(resolver)
    assert isinstance(implicit, dict) and None not in implicit and "1" in implicit and "日" not in implicit
    assert not yi.has_path_resolvers(resolver)
    resolve = yi.resolve_plain(resolver)
    for value, tag in (("12", INT), ("~", NULL), ("2023-03-31", TIMESTAMP), ("文部科学省", STR)):
        assert resolve(value) == tag
        assert type(yaml.safe_load(f"k: {value}")["k"]).__name__ == \
            {INT: "int", NULL: "NoneType", TIMESTAMP: "date", STR: "str"}[tag]


def test_the_constructor_table_and_the_timestamp_constructor():
    constructor = yaml.constructor.SafeConstructor()
    table = yi.constructors(constructor)
    node = yaml.ScalarNode(TIMESTAMP, "2023-03-31")
    assert table[TIMESTAMP](constructor, node) == dt.date(2023, 3, 31)
    assert yi.construct_timestamp(constructor, node) == dt.date(2023, 3, 31)
    with pytest.raises(ValueError):
        yi.construct_timestamp(constructor, yaml.ScalarNode(TIMESTAMP, "2023-02-30"))


def test_one_loader_composes_then_constructs():
    loader = yaml.SafeLoader("a: 1\nb: [x]\n")
    try:
        node = yi.compose_single(loader)
        assert isinstance(node, yaml.MappingNode) and node.value[1][0].start_mark.line == 1
        assert yi.construct(loader, node) == {"a": 1, "b": ["x"]}
    finally:
        loader.dispose()
    empty = yaml.SafeLoader("")
    try:
        assert yi.compose_single(empty) is None
    finally:
        empty.dispose()


def test_with_libyaml_says_whether_the_c_loader_exists():
    assert yi.with_libyaml() == hasattr(yaml, "CSafeLoader")
