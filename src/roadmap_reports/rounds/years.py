"""The fiscal year a round of returned workbooks is for, read from their metadata (`_meta` sheet).

`collect` needs the year being reported; every workbook made by `build --for-update` records it. When
the readable workbooks agree, that is the year; a workbook that cannot be read is skipped here (the
full check rejects it later with its reason).
"""

from __future__ import annotations

from collections import Counter

from roadmap_reports.errors import UsageError


def recorded_year(path, limits=None) -> int | None:
    """The target fiscal year a returned workbook records, or None if it cannot be read safely."""
    import warnings

    from roadmap_reports.rounds.inspect import Limits, inspect_file
    from roadmap_reports.rounds.layout import META_SHEET

    if inspect_file(path, limits or Limits()) is not None:  # a problem: the full check reports it
        return None
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            if META_SHEET not in wb.sheetnames:
                return None
            for key, value, *_rest in wb[META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
                if key == "target_fiscal_year" and str(value).strip().isdigit():
                    return int(str(value).strip())
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - unreadable here means rejected by the full check, with its reason
        return None
    return None


def round_year(paths) -> int:
    """The one fiscal year the workbooks record; a UsageError (give --fiscal-year) when they disagree or
    none records one."""
    from roadmap_reports.i18n import _

    years = Counter(y for y in (recorded_year(p) for p in paths) if y is not None)
    if not years:
        raise UsageError(_("no workbook records its fiscal year; give --fiscal-year"))
    if len(years) > 1:
        seen = ", ".join(f"FY{y}: {n}" for y, n in sorted(years.items()))
        raise UsageError(_("the workbooks are for different fiscal years ({years}); give --fiscal-year")
                         .format(years=seen))
    return next(iter(years))


def year_order_message(action: str, fiscal_year, base_year: int) -> str:
    """'the fiscal year to report (2021) must come after the base dataset's FY2022', in the reader's language;
    the Japanese catalog uses {year_era}/{base_era} (令和３年度, 令和４年度) where English has the Western years.
    `action` is "report" (build --for-update) or "collect"."""
    from roadmap_reports.i18n import _
    from roadmap_reports.japanese.calendar import year_label

    era = year_label(fiscal_year) if isinstance(fiscal_year, int) and fiscal_year >= 1989 else str(fiscal_year)
    if action == "collect":
        text = _("the fiscal year to collect ({year}) must come after the base dataset's FY{base}")
    else:
        text = _("the fiscal year to report ({year}) must come after the base dataset's FY{base}")
    return text.format(year=fiscal_year, base=base_year, year_era=era, base_era=year_label(base_year))
