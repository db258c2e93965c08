"""The package's tables as one SQLite database, built with sqlite-utils, that Datasette opens as it is.

Every table has its primary key; `measures` and `kpis` have an FTS5 index with the trigram tokenizer
(SQLite 3.34 or later), which finds Japanese text inside words: ``… WHERE measures_fts MATCH '日本語教室'``
finds 「地域の日本語教室の空白地域」 (a query needs at least three characters). Built in a temporary file
and returned as bytes; the same tables give the same bytes (no timestamps in a SQLite file).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

SQL_TYPES = {"integer": int, "number": float, "string": str, "boolean": int}
FTS_COLUMNS = {"measures": ["initiative", "status"], "kpis": ["kpi"]}


def _sqlite_utils():
    """sqlite_utils, imported without its optional pandas support: sqlite-utils imports pandas when it is
    installed (1.5 s here) to accept DataFrame values, which these tables never hold."""
    import sys

    if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # makes `import pandas` raise ImportError inside sqlite_utils
        try:
            import sqlite_utils
        finally:
            if sys.modules.get("pandas", 0) is None:
                del sys.modules["pandas"]
    import sqlite_utils

    return sqlite_utils


def to_sqlite(tables) -> bytes:
    """The tables as one SQLite database (bytes): primary keys, NOT NULL on required fields, FTS5 trigram indexes."""
    sqlite_utils = _sqlite_utils()

    with tempfile.TemporaryDirectory(prefix="roadmap-sqlite-") as tmp:
        path = Path(tmp) / "roadmap.db"
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA journal_mode = MEMORY")  # a scratch file: no journal or sync on disk needed
        db.execute("PRAGMA synchronous = OFF")
        for table in tables:
            columns = {name: SQL_TYPES[kind] for name, kind, _d in table.fields}
            t = db.table(table.name)
            t.create(columns, pk=tuple(table.primary_key), not_null=set(table.required))
            # plain values already (no nested JSON to encode): executemany is 5× faster than insert_all
            marks = ", ".join("?" for _ in table.columns)
            names = ", ".join(f"[{c}]" for c in table.columns)
            db.conn.executemany(f"INSERT INTO [{table.name}] ({names}) VALUES ({marks})",
                                ([int(v) if isinstance(v, bool) else v for v in row] for row in table.rows))
            if table.name in FTS_COLUMNS:
                t.enable_fts(FTS_COLUMNS[table.name], tokenize="trigram", create_triggers=False)
        db.conn.commit()
        db.conn.execute("VACUUM")
        db.close()
        return path.read_bytes()


def has_trigram() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 or later)."""
    import sqlite3

    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False
