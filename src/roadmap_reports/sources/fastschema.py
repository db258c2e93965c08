"""A fast yes/no check of a JSON Schema, for the subset of keywords the dataset schema uses.

jsonschema walks 10,000 measures in seconds (it builds a validator object per subschema and
instance). Most datasets are valid, so validate.validate_data first asks this compiled check, which
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
    pass


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


def _compile(schema) -> Check:
    if schema is True or schema == {}:
        return lambda x: True
    if schema is False:
        return lambda x: False
    if not isinstance(schema, dict):
        raise Unsupported(repr(schema))
    checks: list[Check] = []
    keys = set(schema) - ANNOTATIONS
    known = {"type", "const", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
             "minLength", "maxLength", "minimum", "maximum", "pattern", "format"}
    if keys - known:
        raise Unsupported(", ".join(sorted(keys - known)))
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        for t in types:
            _is_type(None, t)  # raises on an unknown type name
        checks.append(_type_check(tuple(types)))
    if "const" in schema:
        const = schema["const"]
        if isinstance(const, (list, dict)):
            raise Unsupported("const of a container")
        # jsonschema's equality: 1 == 1.0, but True is not 1
        checks.append(lambda x: isinstance(x, bool) == isinstance(const, bool) and not isinstance(x, (list, dict))
                      and x == const)
    if "minLength" in schema:
        n = schema["minLength"]
        checks.append(lambda x: not isinstance(x, str) or len(x) >= n)
    if "maxLength" in schema:
        n = schema["maxLength"]
        checks.append(lambda x: not isinstance(x, str) or len(x) <= n)
    if "pattern" in schema:
        rx = re.compile(schema["pattern"])
        checks.append(lambda x: not isinstance(x, str) or rx.search(x) is not None)
    if "format" in schema:
        if schema["format"] != "date":
            raise Unsupported(f"format {schema['format']}")
        checks.append(_date_ok)
    if "minimum" in schema:
        lo = schema["minimum"]
        checks.append(lambda x: not _is_number(x) or x >= lo)
    if "maximum" in schema:
        hi = schema["maximum"]
        checks.append(lambda x: not _is_number(x) or x <= hi)
    if "minItems" in schema:
        n = schema["minItems"]
        checks.append(lambda x: not isinstance(x, list) or len(x) >= n)
    if "maxItems" in schema:
        n = schema["maxItems"]
        checks.append(lambda x: not isinstance(x, list) or len(x) <= n)
    if "items" in schema:
        item = _compile(schema["items"])

        def items(x):
            if isinstance(x, list):
                for v in x:
                    if not item(v):
                        return False
            return True

        checks.append(items)
    if "required" in schema:
        required = tuple(schema["required"])
        checks.append(lambda x: not isinstance(x, dict) or all(k in x for k in required))
    if "properties" in schema or "additionalProperties" in schema:
        props = {k: _compile(v) for k, v in (schema.get("properties") or {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else _compile(extra)

        def obj(x):
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

        checks.append(obj)
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def every(x):
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
