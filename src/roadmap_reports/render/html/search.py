"""The site's search index: character bigrams of every text of every year, built once at publish time.

Japanese has no spaces between words, so the index is of characters, not words: every two consecutive
characters of a measure's texts (all years; NFKC, lower case, whitespace removed) maps to the measures
that contain it. A query is cut the same way and the measures holding all its bigrams are the hits, so
「日本語教室」 (日本 本語 語教 教室) finds 「地域の日本語教室の空白地域」 inside the word. A one-character query
matches the bigrams that start with it. The index is a script (`search-index.js`) rather than JSON so
that it loads from file:// too, where browsers refuse fetch().
"""

from __future__ import annotations

import functools
import json
import operator
import unicodedata
from collections import defaultdict

from roadmap_reports.japanese.width import display_width


def fold(text: str) -> str:
    """What is indexed and searched: NFKC (５０ = 50, ｶﾅ = カナ), lower case, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text or "").lower().split())


def bigrams(text: str) -> set[str]:
    """The distinct two-character pieces of the folded text."""
    t = fold(text)
    return set(map(operator.add, t, t[1:]))


def _texts(line) -> list[str]:
    out = []
    for m in line.measures.values():
        out += [m.initiative, m.status, *m.kpis, *m.status_by_ministry.values()]
    return out


@functools.lru_cache(maxsize=65536)  # the same initiative is listed on several pages
def short(text: str, width: int = 90) -> str:
    """The beginning of a text, at most `width` columns wide (full-width characters count 2), with 「…」."""
    text = " ".join((text or "").split())
    if 2 * len(text) <= width or display_width(text) <= width:
        return text
    cut = width - 2  # columns left beside the 「…」 (2 columns)
    end = cut // 2  # every character takes at most two columns: this many always fit
    while end < len(text) and display_width(text[:end + 1]) <= cut:
        end += 1
    return text[:end] + "…"


def index_script(pub) -> bytes:
    """`search-index.js`: window.ROADMAP_SEARCH = {docs: [[address, title, years], ...], grams: {bigram: [doc, ...]}}."""
    from roadmap_reports.render.html.pages import initiative_of, years_and_numbers

    docs, grams = [], defaultdict(list)
    for n, line in enumerate(pub.lines):
        fy, m = line.latest
        docs.append([f"measures/{line.slug}.html", f"施策{m.id}　{short(initiative_of(pub, fy, m), 70)}",
                     years_and_numbers(line)])
        seen: set[str] = set()
        for text in dict.fromkeys(_texts(line)):  # a text unchanged from one year to the next once
            seen |= bigrams(text)
        for g in seen:
            grams[g].append(n)
    body = ",".join(f"{json.dumps(g, ensure_ascii=False)}:[{','.join(map(str, grams[g]))}]" for g in sorted(grams))
    docs_text = json.dumps(docs, ensure_ascii=False, separators=(",", ":"))
    return f'window.ROADMAP_SEARCH={{"docs":{docs_text},"grams":{{{body}}}}};\n'.encode("utf-8")


def search(index: dict, query: str) -> list[int]:
    """The documents that hold every bigram of the query (what search.js does, for tests and Python users)."""
    q = fold(query)
    if not q:
        return []
    if len(q) == 1:
        hits = set()
        for g, ids in index["grams"].items():
            if g.startswith(q) or g.endswith(q):
                hits.update(ids)
        return sorted(hits)
    sets = [set(index["grams"].get(q[i:i + 2], ())) for i in range(len(q) - 1)]
    return sorted(set.intersection(*sets)) if sets else []
