"""The ministries registry as data: the bundled file and a user's file that extends or overrides it."""

from __future__ import annotations

import pytest

from roadmap_reports import ministries
from roadmap_reports.errors import RegistryError

# What ministries.py held in code before the registry became data (issue 17): code, name, English, aliases.
BEFORE = [
    ("CAS", "内閣官房", "Cabinet Secretariat", ()),
    ("CAS-DDN", "内閣官房デジタル田園都市国家構想実現会議事務局",
     "Secretariat of the Council for the Realization of the Vision for a Digital Garden City Nation", ()),
    ("CAO", "内閣府", "Cabinet Office", ()),
    ("CAO-RR", "内閣府（地方創生推進事務局）", "Regional Revitalization Promotion Office, Cabinet Office", ()),
    ("CFA", "こども家庭庁", "Children and Families Agency", ("こども庁",)),
    ("DA", "デジタル庁", "Digital Agency", ()),
    ("NPA", "警察庁", "National Police Agency", ()),
    ("FSA", "金融庁", "Financial Services Agency", ()),
    ("CAA", "消費者庁", "Consumer Affairs Agency", ()),
    ("MIC", "総務省", "Ministry of Internal Affairs and Communications", ()),
    ("MOJ", "法務省", "Ministry of Justice", ("法務",)),
    ("ISA", "出入国在留管理庁", "Immigration Services Agency", ("入管庁", "入管")),
    ("MOFA", "外務省", "Ministry of Foreign Affairs", ("外務",)),
    ("MOF", "財務省", "Ministry of Finance", ()),
    ("MEXT", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology", ("文科省", "文部省")),
    ("ACA", "文化庁", "Agency for Cultural Affairs", ()),
    ("MHLW", "厚生労働省", "Ministry of Health, Labour and Welfare", ("厚労省",)),
    ("MAFF", "農林水産省", "Ministry of Agriculture, Forestry and Fisheries", ("農水省",)),
    ("METI", "経済産業省", "Ministry of Economy, Trade and Industry", ("経産省",)),
    ("MLIT", "国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism", ("国交省",)),
    ("JTA", "観光庁", "Japan Tourism Agency", ()),
    ("MOE", "環境省", "Ministry of the Environment", ()),
    ("MOD", "防衛省", "Ministry of Defense", ()),
    ("RA", "復興庁", "Reconstruction Agency", ()),
    ("PPC", "個人情報保護委員会", "Personal Information Protection Commission", ()),
    ("REL", "関係省庁", "Relevant ministries and agencies", ("関係府省庁", "関係府省")),
]


@pytest.fixture(autouse=True)
def _bundled_only():
    ministries.reset()
    yield
    ministries.reset()


def test_the_bundled_file_holds_what_the_code_held_in_the_same_order():
    assert [(m.code, m.name, m.english, m.aliases) for m in ministries.registry().ministries] == BEFORE
    assert [m.order for m in ministries.registry().ministries] == list(range(len(BEFORE)))


def test_dates_of_existence():
    from datetime import date

    cfa, isa, da = (ministries.lookup(c) for c in ("CFA", "ISA", "DA"))
    assert (cfa.established, isa.established, da.established) == (date(2023, 4, 1), date(2019, 4, 1),
                                                                   date(2021, 9, 1))
    assert not cfa.exists_on(date(2023, 3, 31)) and cfa.exists_on(date(2023, 4, 1))
    assert ministries.lookup("MEXT").short == "文科省"


def test_a_file_adds_a_ministry_and_overrides_one(tmp_path):
    f = tmp_path / "ministries.yaml"
    f.write_text("ministries:\n- code: XNEW\n  name: 新設庁\n  aliases: [新庁]\n  established: 2025-04-01\n"
                 "- code: CFA\n  aliases: [こども庁, こ家庁]\n", encoding="utf-8")
    ministries.use(f)
    assert ministries.lookup("新庁").code == "XNEW" and ministries.lookup("新設庁").english == "新設庁"
    assert ministries.lookup("こ家庁").code == "CFA" and ministries.lookup("こども家庭庁").order == 4
    assert ministries.sort_key("新設庁")[0] == len(BEFORE)
    ministries.reset()
    assert ministries.lookup("新設庁") is None


@pytest.mark.parametrize("text, line, message", [
    ("ministries:\n- code: XNEW\n  aliases: [x]\n", 2, "new ministry XNEW needs a name"),
    ("ministries:\n- code: MEXT\n- code: X1\n  name: 法務省\n", 3, "「法務省」 already names MOJ"),
    ("ministries:\n- code: X1\n  name: 新省\n  colour: red\n", 2, "unknown key 'colour'"),
    ("ministries:\n- code: X1\n  name: 新省\n  established: someday\n", 2, "established must be a date"),
    ("ministries: [\n", 2, "YAML syntax error"),
    ("- just a list\n", 1, "a ministries file is a mapping with a 'ministries' list"),
])
def test_a_bad_file_is_one_located_error(tmp_path, text, line, message):
    f = tmp_path / "m.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        ministries.use(f)
    assert str(info.value).startswith(f"{f}:{line}: ") and message in str(info.value)
    assert ministries.lookup("MEXT") is not None and ministries.registry().files == ()
