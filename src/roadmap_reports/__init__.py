"""roadmap-reports: compile, circulate and compare the implementation-status reports of
「外国人との共生社会の実現に向けたロードマップ」.

The library works without the CLI::

    from roadmap_reports import load_roadmap, validate
    roadmap = load_roadmap("data/fy2022.yaml")
    problems = validate(roadmap)
"""

__version__ = "0.1.0"

__all__ = ["__version__", "load_roadmap", "save_yaml", "validate", "Roadmap", "Measure", "RoadmapError"]


def __getattr__(name):  # lazy, so `import roadmap_reports` stays cheap
    if name in ("load_roadmap", "save_yaml"):
        from roadmap_reports.sources import dataset

        return getattr(dataset, name)
    if name == "validate":
        from roadmap_reports.sources.checks import validate

        return validate
    if name in ("Roadmap", "Measure"):
        from roadmap_reports import model

        return getattr(model, name)
    if name == "RoadmapError":
        from roadmap_reports.errors import RoadmapError

        return RoadmapError
    raise AttributeError(name)
