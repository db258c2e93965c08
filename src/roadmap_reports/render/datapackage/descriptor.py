"""datapackage.json: a Frictionless (Tabular) Data Package describing the CSV tables, with field types,
primary and foreign keys, the licence and where the data comes from."""

from __future__ import annotations

import json

from roadmap_reports.japanese.calendar import fiscal_year_label

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the 政府標準利用規約（第2.0版）under which Japanese ministries "
             "publish their web content is compatible with it; check the publishing ministry's terms of use)",
}


def _schema(table) -> dict:
    fields = []
    for name, kind, description in table.fields:
        f = {"name": name, "type": kind, "description": description}
        if name in table.required:
            f["constraints"] = {"required": True}
        if kind == "boolean":
            f["trueValues"], f["falseValues"] = ["true"], ["false"]
        fields.append(f)
    schema = {"fields": fields, "missingValues": [""], "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = table.foreign_keys
    return schema


def _sources(pub) -> list[dict]:
    out = []
    for y in pub.years:
        title = f"{y.roadmap.title}（{fiscal_year_label(y.fiscal_year, western=True)}、{y.roadmap.as_of.isoformat()} 時点）"
        if y.illustrative:
            title = f"【例示】illustrative sample, not official figures: {title}"
        out.append({"title": title})
    return out


def descriptor(pub, tables) -> bytes:
    """datapackage.json of the tables: profile, licence, sources, and each CSV resource with its schema."""
    years = [y.fiscal_year for y in pub.years]
    doc = {
        "profile": "tabular-data-package",
        "name": "roadmap-implementation-status",
        "title": "外国人との共生社会の実現に向けたロードマップ 実施状況 (open data)",
        "description": (
            "The measures of 「外国人との共生社会の実現に向けたロードマップ」 and their implementation status, "
            f"fiscal years {', '.join(map(str, years))}, as long tables (one fact per cell, the Western fiscal "
            "year in its own column), texts exactly as published, the changes between consecutive years, and "
            "the KPI items with their targets (and, with the KPI progress, actuals quoted from the statuses and "
            "verdicts). Rows with illustrative = true come from illustrative samples (【例示】), not from a "
            "published report. CSV files are UTF-8 with a byte-order mark (for Excel); roadmap.db is the same "
            "tables in SQLite with full-text search (FTS5 trigram). Made with roadmap-reports."),
        "licenses": [LICENSE],
        "sources": _sources(pub),
        "keywords": ["外国人との共生社会", "ロードマップ", "KPI", "Japan", "open data"],
        "resources": [{
            "name": t.name, "title": t.title, "description": t.description, "path": f"{t.name}.csv",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "lineTerminator": "\r\n", "header": True},
            "schema": _schema(t),
        } for t in tables],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
