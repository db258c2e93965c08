"""The open-data package: long tables of the measures, their ministries, KPI items, KPI actuals and the
changes between years, as CSV (UTF-8 with BOM) and JSON, a SQLite database with full-text search, and a
Frictionless `datapackage.json`.

    from roadmap_reports.render.datapackage import package_files
    files = package_files(publication([fy2022, fy2023]))   # [(relative path, bytes), ...]
"""

from __future__ import annotations

import os

README = """# Open data: 外国人との共生社会の実現に向けたロードマップ 実施状況

- `datapackage.json` — a Frictionless Data Package: every table's fields, types, keys, licence and sources.
- `*.csv` — UTF-8 with a byte-order mark (Excel opens them), one fact per cell, Western fiscal years.
- `json/*.json` — the same tables as arrays of objects.
- `roadmap.db` — the same tables in SQLite, with FTS5 trigram full-text search on measures (initiative,
  status) and kpis; open it with `datasette roadmap.db`.

Rows with `illustrative` = true come from illustrative samples (【例示】), not official figures.
"""


# Tables with more rows than this together get their SQLite database built on a second process while this
# one goes on (the site's pages): the FTS5 trigram index of ×100 the report takes about 10 s of CPU.
BACKGROUND_MIN_ROWS = 20_000


class PackageBuilder:
    """The package's files, its SQLite database started on a worker process when it is large and the
    machine has a second core; `files()` waits for it. The bytes are the same either way."""

    def __init__(self, pub):
        from roadmap_reports.render.datapackage.sqlite import to_sqlite
        from roadmap_reports.render.datapackage.tables import tables

        self.pub = pub
        self.tables = tables(pub)
        self._pool = self._future = None
        if sum(len(t.rows) for t in self.tables) >= BACKGROUND_MIN_ROWS and (os.cpu_count() or 1) >= 2:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from roadmap_reports.io.workers import exit_with_parent

            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=exit_with_parent)
            self._future = self._pool.submit(to_sqlite, self.tables)

    def files(self) -> list[tuple[str, bytes]]:
        """Every file of the package, paths relative to its folder, in a fixed order."""
        from roadmap_reports.render.datapackage.descriptor import descriptor
        from roadmap_reports.render.datapackage.files import to_csv, to_json
        from roadmap_reports.render.datapackage.sqlite import to_sqlite

        made = self.tables
        out = [("datapackage.json", descriptor(self.pub, made)), ("README.md", README.encode("utf-8"))]
        out += [(f"{t.name}.csv", to_csv(t)) for t in made]
        out += [(f"json/{t.name}.json", to_json(t)) for t in made]
        if self._future is not None:
            try:
                out.append(("roadmap.db", self._future.result()))
            finally:
                self._pool.shutdown()
        else:
            out.append(("roadmap.db", to_sqlite(made)))
        return out


def package_files(pub) -> list[tuple[str, bytes]]:
    """Every file of the package, paths relative to its folder, in a fixed order."""
    return PackageBuilder(pub).files()


def write_package(roadmaps, directory) -> list:
    """Write the package of the roadmaps into `directory` (all files or none). Returns the paths."""
    from pathlib import Path

    from roadmap_reports.io.files import write_all_atomic
    from roadmap_reports.render.publication import publication

    files = [(Path(directory) / rel, data) for rel, data in package_files(publication(roadmaps))]
    write_all_atomic(files)
    return [p for p, _ in files]
