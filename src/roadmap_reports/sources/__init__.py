"""Sources of a roadmap: dataset files (YAML/JSON with line numbers) and their checks, and the ingest of the
published report's text with its corrections file.

- ``dataset.py``         load_roadmap / load_roadmaps / save: read and write datasets, with line numbers
- ``fast_yaml.py``       the fast event reader of plain YAML datasets
- ``yaml_lines.py``      PyYAML's composer path: line numbers and every located YAML error
- ``yaml_internals.py``  the undocumented parts of PyYAML used, in one place
- ``checks.py``          the schema and consistency checks (validate_data, validate)
- ``fastschema.py``      the JSON Schema compiled to a fast yes/no check
- ``ingest/``            the report's text → a Roadmap (lines → structure → measures)
- ``corrections.py``     the corrections file: decisions for what the layout leaves open
"""
