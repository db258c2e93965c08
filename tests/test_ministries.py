from __future__ import annotations

import pytest

from roadmap_reports.errors import UnknownMinistryError
from roadmap_reports.ministries import MINISTRIES, lookup, resolve, safe_filename


@pytest.mark.parametrize("given, code", [
    ("文部科学省", "MEXT"), ("文科省", "MEXT"), ("mext", "MEXT"), ("ＭＥＸＴ", "MEXT"),
    ("法務省", "MOJ"), ("MOJ", "MOJ"), ("厚労省", "MHLW"), ("関係省庁", "REL"), ("消費者庁", "CAA"),
    ("こども家庭庁", "CFA"), (" 外務省 ", "MOFA"),
])
def test_lookup_by_name_code_alias(given, code):
    assert lookup(given).code == code


def test_codes_and_names_are_unique():
    assert len({m.code for m in MINISTRIES}) == len(MINISTRIES)
    assert len({m.name for m in MINISTRIES}) == len(MINISTRIES)


def test_unknown_ministry_suggests_the_closest():
    with pytest.raises(UnknownMinistryError) as info:
        resolve("文部科学", file="x.yaml", line=3, measure=7)
    assert str(info.value) == "x.yaml:3: measure 7: unknown ministry '文部科学' (did you mean 文部科学省?)"


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b\\c", "..", "法務省/..", "con:x*?"])
def test_safe_filename_never_escapes(name):
    out = safe_filename(name)
    assert "/" not in out and "\\" not in out and ".." not in out and ":" not in out
    assert out


def test_safe_filename_of_registry_entry():
    assert safe_filename(lookup("文科省")) == "MEXT_文部科学省"
