"""The parts of PyYAML that roadmap-reports uses beyond its documented API, in one place.

PyYAML documents ``safe_load``, ``compose``, ``parse`` and the loader classes, but not the tables inside
them. Two readers need those tables:

- the fast event reader (fast_yaml.py) resolves and constructs plain scalars exactly as ``SafeLoader``
  does, without building nodes: it needs the resolver's table of implicit resolvers (to know which first
  characters can make a plain scalar anything but a string) and the constructors by tag;
- the composer path (yaml_lines.py) composes the node tree and constructs the data from it with one
  loader (``yaml.load`` does the same inside), so that a duplicate key is found on the nodes, with its
  line, before the data hides it; and its located error for a control character uses the reader's own
  pattern of the characters YAML refuses, so that it names exactly the character PyYAML would refuse.

Each function below states what it relies on; tests/sources/test_yaml_internals.py fails loudly if a
PyYAML upgrade changes any of it (then adapt this module, nowhere else).
"""

from __future__ import annotations

import re

__all__ = ["with_libyaml", "non_printable", "implicit_resolvers", "has_path_resolvers", "resolve_plain",
           "constructors", "construct_timestamp", "compose_single", "construct"]


def with_libyaml() -> bool:
    """Whether PyYAML was built with libyaml (``yaml.CSafeLoader`` exists and is the C parser)."""
    import yaml

    return bool(getattr(yaml, "__with_libyaml__", False))


def non_printable() -> re.Pattern:
    """The characters PyYAML's reader refuses in a stream (``yaml.reader.Reader.NON_PRINTABLE``)."""
    import yaml

    return yaml.reader.Reader.NON_PRINTABLE


def implicit_resolvers(resolver) -> dict:
    """``{first character: [(tag, regexp)]}`` of a resolver (``Resolver.yaml_implicit_resolvers``): a plain
    scalar whose first character is not a key (and no ``None`` key exists) is always a string."""
    return resolver.yaml_implicit_resolvers


def has_path_resolvers(resolver) -> bool:
    """Whether path resolvers were added (``Resolver.yaml_path_resolvers``; none in ``SafeLoader``)."""
    return bool(resolver.yaml_path_resolvers)


def resolve_plain(resolver):
    """``value -> tag`` of a plain scalar (``Resolver.resolve(ScalarNode, value, (True, False))``)."""
    from yaml.nodes import ScalarNode

    resolve = resolver.resolve
    return lambda value: resolve(ScalarNode, value, (True, False))


def constructors(constructor) -> dict:
    """``{tag: function(constructor, node)}`` of a constructor (``BaseConstructor.yaml_constructors``)."""
    return constructor.yaml_constructors


def construct_timestamp(loader, node):
    """``SafeConstructor.construct_yaml_timestamp``: a YAML timestamp scalar node as a date or datetime."""
    import yaml

    return yaml.SafeLoader.construct_yaml_timestamp(loader, node)


def compose_single(loader):
    """The root node of a loader's single document, or None (``Composer.get_single_node``)."""
    return loader.get_single_node()


def construct(loader, node):
    """The Python data of a composed document (``BaseConstructor.construct_document``)."""
    return loader.construct_document(node)
