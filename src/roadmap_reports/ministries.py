"""The one registry of ministries: canonical Japanese name (as printed in the report), short code,
English name and aliases. Every command that names or files a ministry goes through `resolve()`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from roadmap_reports.errors import UnknownMinistryError


@dataclass(frozen=True)
class Ministry:
    """A registry entry: the canonical name as printed in the report, its code, English name and aliases."""

    code: str
    name: str  # canonical, as printed in the report
    english: str
    aliases: tuple[str, ...] = field(default=())
    order: int = 0  # order of the cabinet's ministry list, used to sort ministries


_MINISTRIES = [
    Ministry("CAS", "内閣官房", "Cabinet Secretariat"),
    # Bureaus the report prints as the owner of a measure (kept as printed, owners of their own).
    Ministry("CAS-DDN", "内閣官房デジタル田園都市国家構想実現会議事務局",
             "Secretariat of the Council for the Realization of the Vision for a Digital Garden City Nation"),
    Ministry("CAO", "内閣府", "Cabinet Office"),
    Ministry("CAO-RR", "内閣府（地方創生推進事務局）", "Regional Revitalization Promotion Office, Cabinet Office"),
    Ministry("CFA", "こども家庭庁", "Children and Families Agency", ("こども庁",)),
    Ministry("DA", "デジタル庁", "Digital Agency"),
    Ministry("NPA", "警察庁", "National Police Agency"),
    Ministry("FSA", "金融庁", "Financial Services Agency"),
    Ministry("CAA", "消費者庁", "Consumer Affairs Agency"),
    Ministry("MIC", "総務省", "Ministry of Internal Affairs and Communications"),
    Ministry("MOJ", "法務省", "Ministry of Justice", ("法務",)),
    Ministry("ISA", "出入国在留管理庁", "Immigration Services Agency", ("入管庁", "入管")),
    Ministry("MOFA", "外務省", "Ministry of Foreign Affairs", ("外務",)),
    Ministry("MOF", "財務省", "Ministry of Finance"),
    Ministry("MEXT", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology", ("文科省", "文部省")),
    Ministry("ACA", "文化庁", "Agency for Cultural Affairs"),
    Ministry("MHLW", "厚生労働省", "Ministry of Health, Labour and Welfare", ("厚労省",)),
    Ministry("MAFF", "農林水産省", "Ministry of Agriculture, Forestry and Fisheries", ("農水省",)),
    Ministry("METI", "経済産業省", "Ministry of Economy, Trade and Industry", ("経産省",)),
    Ministry("MLIT", "国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism", ("国交省",)),
    Ministry("JTA", "観光庁", "Japan Tourism Agency"),
    Ministry("MOE", "環境省", "Ministry of the Environment"),
    Ministry("MOD", "防衛省", "Ministry of Defense"),
    Ministry("RA", "復興庁", "Reconstruction Agency"),
    Ministry("PPC", "個人情報保護委員会", "Personal Information Protection Commission"),
    Ministry("REL", "関係省庁", "Relevant ministries and agencies", ("関係府省庁", "関係府省")),
]
MINISTRIES: tuple[Ministry, ...] = tuple(
    Ministry(m.code, m.name, m.english, m.aliases, i) for i, m in enumerate(_MINISTRIES)
)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


_INDEX: dict[str, Ministry] = {}
for _m in MINISTRIES:
    for _k in (_m.code, _m.name, _m.english, *_m.aliases):
        _INDEX[_key(_k)] = _m


def lookup(name_or_code: str) -> Ministry | None:
    """The ministry for a canonical name, code (any case), English name or alias; None if unknown."""
    return _INDEX.get(_key(name_or_code))


def suggest(name: str) -> str | None:
    """The closest registry name for an unknown one, for 'did you mean' messages."""
    from rapidfuzz import fuzz, process

    choices = {k: m.name for k, m in _INDEX.items()}
    best = process.extractOne(_key(name), list(choices), scorer=fuzz.WRatio)
    if best and best[1] >= 60:
        return choices[best[0]]
    return None


def resolve(name_or_code: str, *, file=None, line=None, measure=None, place=None) -> Ministry:
    """Like `lookup` but raises a located UnknownMinistryError with a suggestion."""
    m = lookup(name_or_code)
    if m is None:
        hint = suggest(name_or_code)
        msg = f"unknown ministry {name_or_code!r}"
        if hint:
            msg += f" (did you mean {hint}?)"
        else:
            msg += f" (known codes: {', '.join(x.code for x in MINISTRIES)})"
        raise UnknownMinistryError(msg, file=file, line=line, measure=measure, place=place)
    return m


def sort_key(name: str) -> tuple[int, str]:
    """Registry order of a ministry name (unknown names last, by name): the order of every list of ministries."""
    m = lookup(name)
    return (m.order if m else len(MINISTRIES), name)


def safe_filename(ministry: Ministry | str) -> str:
    """`MEXT_文部科学省`: code and Japanese name, with anything that could escape a folder removed."""
    import re

    if isinstance(ministry, Ministry):
        code, name = ministry.code, ministry.name
    else:
        m = lookup(ministry)
        code, name = (m.code, m.name) if m else ("X", ministry)
    raw = f"{code}_{name}"
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", raw).strip(" .")
    cleaned = cleaned.replace("..", "_")
    return cleaned[:100] or "ministry"
