"""KPI progress (issue 15): targets (``targets``), actuals with their quotes (``actuals``), verdicts by one
documented rule (``verdicts``, docs/kpi.md), the secretariat's review files (``review``), the report over one or
more years (``report.kpi_report``) and each measure's line through the years (``history``)."""
