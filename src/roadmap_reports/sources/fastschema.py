"""A fast yes/no check of a JSON Schema, for the subset of keywords the dataset schema uses.

jsonschema walks 10,000 measures in seconds (it builds a validator object per subschema and
instance). Most datasets are valid, so checks.validate_data first asks this compiled check, which
answers in a fraction of that; only when it says no does jsonschema run, to find and explain every
error. The check is never looser than jsonschema (Draft 2020-12 with a FormatChecker): a schema
using any keyword it does not know compiles to None, and jsonschema alone decides.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Callable

Check = Callable[[object], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class Unsupported(Exception):
    """The schema uses a keyword (or a form of one) this module does not implement."""


def _is_type(instance, name: str) -> bool:
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "null":
        return instance is None
    if name == "boolean":
        return isinstance(instance, bool)
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    if name == "number":
        return isinstance(instance, (int, float))
    raise Unsupported(name)


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _date_ok(x) -> bool:
    if not isinstance(x, str):
        return True
    if not _DATE.fullmatch(x):
        return False
    try:
        _dt.date.fromisoformat(x)
    except ValueError:
        return False
    return True


def _type(schema) -> Check:
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    for t in types:
        _is_type(None, t)  # raises on an unknown type name
    return _type_check(tuple(types))


def _const(schema) -> Check:
    const = schema["const"]
    if isinstance(const, (list, dict)):
        raise Unsupported("const of a container")
    # jsonschema's equality: 1 == 1.0, but True is not 1
    return lambda x: isinstance(x, bool) == isinstance(const, bool) and not isinstance(x, (list, dict)) \
        and x == const


def _pattern(schema) -> Check:
    rx = re.compile(schema["pattern"])
    return lambda x: not isinstance(x, str) or rx.search(x) is not None


def _format(schema) -> Check:
    if schema["format"] != "date":
        raise Unsupported(f"format {schema['format']}")
    return _date_ok


def _bound(key: str, kind, test) -> Callable[[dict], Check]:
    """The builder of one bound (minLength, maximum …): `test(instance, bound)` for instances of `kind`."""
    def build(schema) -> Check:
        """The check of this bound in `schema`."""
        n = schema[key]
        return lambda x: not kind(x) or test(x, n)

    return build


def _is_str(x) -> bool:
    return isinstance(x, str)


def _is_list(x) -> bool:
    return isinstance(x, list)


def _items(schema) -> Check:
    item = _compile(schema["items"])

    def items(x):
        """Every item of a list passes the items schema."""
        if isinstance(x, list):
            for v in x:
                if not item(v):
                    return False
        return True

    return items


def _required(schema) -> Check:
    required = tuple(schema["required"])
    return lambda x: not isinstance(x, dict) or all(k in x for k in required)


def _properties(schema) -> Check:
    props = {k: _compile(v) for k, v in (schema.get("properties") or {}).items()}
    extra = schema.get("additionalProperties", True)
    extra_check = None if extra is True else _compile(extra)

    def obj(x):
        """Every property of an object passes its schema (or additionalProperties)."""
        if not isinstance(x, dict):
            return True
        for k, v in x.items():
            c = props.get(k) if isinstance(k, str) else None
            if c is None:
                if extra_check is not None and not extra_check(v):
                    return False
            elif not c(v):
                return False
        return True

    return obj


# (keywords, builder) in the order the checks run: a builder runs when its schema has any of its keywords.
_BUILDERS = (
    (("type",), _type),
    (("const",), _const),
    (("minLength",), _bound("minLength", _is_str, lambda x, n: len(x) >= n)),
    (("maxLength",), _bound("maxLength", _is_str, lambda x, n: len(x) <= n)),
    (("pattern",), _pattern),
    (("format",), _format),
    (("minimum",), _bound("minimum", _is_number, lambda x, n: x >= n)),
    (("maximum",), _bound("maximum", _is_number, lambda x, n: x <= n)),
    (("minItems",), _bound("minItems", _is_list, lambda x, n: len(x) >= n)),
    (("maxItems",), _bound("maxItems", _is_list, lambda x, n: len(x) <= n)),
    (("items",), _items),
    (("required",), _required),
    (("properties", "additionalProperties"), _properties),
)
_KNOWN = {key for keys, _build in _BUILDERS for key in keys}


def _compile(schema) -> Check:
    if schema is True or schema == {}:
        return lambda x: True
    if schema is False:
        return lambda x: False
    if not isinstance(schema, dict):
        raise Unsupported(repr(schema))
    unknown = set(schema) - ANNOTATIONS - _KNOWN
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks: list[Check] = [build(schema) for keys, build in _BUILDERS if any(k in schema for k in keys)]
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def every(x):
        """Every check of the schema passes."""
        for c in checks_t:
            if not c(x):
                return False
        return True

    return every


_SIMPLE = {"string": str, "object": dict, "array": list}


def _type_check(types: tuple) -> Check:
    """isinstance for the plain types, with JSON Schema's exceptions (bool is not a number, 1.0 is an
    integer) only where they apply."""
    simple = tuple(_SIMPLE[t] for t in types if t in _SIMPLE)
    if set(types) <= set(_SIMPLE):
        return lambda x: isinstance(x, simple)
    rest = tuple(t for t in types if t not in _SIMPLE)
    return lambda x: isinstance(x, simple) or any(_is_type(x, t) for t in rest)


def compile_check(schema) -> Check | None:
    """A function telling whether an instance is valid against `schema`, or None if the schema uses a
    keyword this module does not implement (then only jsonschema can tell)."""
    try:
        return _compile(schema)
    except (Unsupported, re.error, TypeError):
        return None
