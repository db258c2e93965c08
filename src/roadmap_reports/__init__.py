"""roadmap-reports: compile, circulate and compare the implementation-status reports of
「外国人との共生社会の実現に向けたロードマップ」.

The library works without the CLI (everything the commands do is a function here)::

    from roadmap_reports import load_roadmap, validate, diff, build

    old = load_roadmap("data/fy2022.yaml")              # the bundled dataset when no path is given
    problems = validate(old)                            # [] for a consistent dataset
    new = load_roadmap("data/samples/fy2023_sample.yaml")
    result = diff(old, new)                             # DiffResult: result.to_dict() is the JSON contract
    written = build(old, "out", ministries=["MEXT"])    # BuildResult: the files written

The data flows one way: sources (``roadmap_reports.sources``: dataset files, the report's text) → one model
(``roadmap_reports.model``) → operations (``sources.checks``, ``compare``, ``rounds``) → renderers
(``roadmap_reports.render``). Japanese-text rules live in ``roadmap_reports.japanese``, Office limits in
``roadmap_reports.office``, errors in ``roadmap_reports.errors``.
"""

__version__ = "0.1.0"

# public name -> (module, attribute); imported on first use so that `import roadmap_reports` (and the CLI's
# --help) stays cheap.
_API = {
    "load_roadmap": ("roadmap_reports.sources.dataset", "load_roadmap"),
    "load_roadmaps": ("roadmap_reports.sources.dataset", "load_roadmaps"),
    "save": ("roadmap_reports.sources.dataset", "save"),
    "validate": ("roadmap_reports.sources.checks", "validate"),
    "diff": ("roadmap_reports.compare.diff", "diff"),
    "build": ("roadmap_reports.render.build", "build"),
    "Roadmap": ("roadmap_reports.model", "Roadmap"),
    "Measure": ("roadmap_reports.model", "Measure"),
    "DiffResult": ("roadmap_reports.compare.result", "DiffResult"),
    "Problem": ("roadmap_reports.errors", "Problem"),
    "RoadmapError": ("roadmap_reports.errors", "RoadmapError"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'roadmap_reports' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__():
    return sorted([*globals(), *_API])
