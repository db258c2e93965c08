"""What collect can find wrong with a returned workbook: one table of messages, each under a stable English id.

A finding is a `roadmap_reports.errors.Problem` with `code` (the id, for machines: the JSON report), `template`
(the English message with {named} placeholders, a gettext msgid) and `args`; its `message` is the English text,
and `Problem.message_in("ja")` the Japanese one from the catalog (`python scripts/i18n.py`). The report files
(xlsx, Markdown, JSON) are for the secretariat and say the Japanese; the terminal speaks the reader's language.

Values are placed as typed; the English quotes them with ``!r``, the Japanese with 「」.
"""

from __future__ import annotations

from roadmap_reports.errors import Problem
from roadmap_reports.i18n import N_

#: id → English message (a gettext msgid). Placeholders: {sheet}, {cell}, {measure} and the values named.
MESSAGES: dict[str, str] = {
    # the file, before anything parses it (rounds.inspect)
    "macro_enabled_workbook": N_("is a macro-enabled workbook (.xlsm), not an .xlsx workbook; save it as "
                                 "'Excel Workbook (*.xlsx)' and send it again"),
    "macro_enabled_template": N_("is a macro-enabled template (.xltm), not an .xlsx workbook; save it as "
                                 "'Excel Workbook (*.xlsx)' and send it again"),
    "excel_addin": N_("is an Excel add-in ({suffix}), not an .xlsx workbook; save it as 'Excel Workbook (*.xlsx)' "
                      "and send it again"),
    "binary_workbook": N_("is a binary workbook (.xlsb), not an .xlsx workbook; save it as 'Excel Workbook "
                          "(*.xlsx)' and send it again"),
    "old_excel_workbook": N_("is an Excel 97-2003 workbook (.xls), not an .xlsx workbook; save it as 'Excel "
                             "Workbook (*.xlsx)' and send it again"),
    "old_excel_template": N_("is an Excel 97-2003 template (.xlt), not an .xlsx workbook; save it as 'Excel "
                             "Workbook (*.xlsx)' and send it again"),
    "is_directory": N_("is a directory, not a workbook"),
    "no_such_file": N_("no such file"),
    "cannot_read": N_("cannot read: {error}"),
    "file_too_large": N_("file is too large ({size:,} bytes; the limit is {limit:,})"),
    "empty_file": N_("file is empty"),
    "encrypted_or_ole": N_("is an encrypted (password-protected) workbook or an old .xls file (OLE compound "
                           "file); remove the password, save as .xlsx and send it again"),
    "pdf_file": N_("is a PDF, not an Excel workbook"),
    "not_a_zip": N_("is not an Excel workbook (.xlsx): not a zip package"),
    "wrong_extension": N_("has the extension {suffix!r}; only .xlsx workbooks are collected"),
    "corrupt_zip": N_("is a corrupt workbook (damaged zip: {error})"),
    "corrupt_part": N_("is a corrupt workbook ({error})"),
    "corrupt_package": N_("is a corrupt workbook (no [Content_Types].xml or xl/workbook.xml inside)"),
    "too_many_parts": N_("has {count:,} parts inside (the limit is {limit:,})"),
    "zip_bomb_declared": N_("unpacks to {size:,} bytes (the limit is {limit:,}); refused as a possible zip bomb"),
    "zip_bomb": N_("unpacks to more than {limit:,} bytes; refused as a possible zip bomb"),
    "encrypted_parts": N_("has encrypted parts; remove the password and send it again"),
    "macro_content": N_("contains macros or active content ({part}); save it as 'Excel Workbook (*.xlsx)' and "
                        "send it again"),
    "macro_content_type": N_("is declared macro-enabled (content type with '{content}'); save it as 'Excel "
                             "Workbook (*.xlsx)' and send it again"),
    "word_document": N_("is a Word document, not an Excel workbook (.xlsx)"),
    "xml_dtd": N_("contains an XML document type declaration ({part}), which Excel never writes; refused"),
    "too_many_cells": N_("has more than {limit:,} cells (the limit); refused"),
    # the workbook (rounds.read)
    "unreadable_workbook": N_("is a corrupt workbook (openpyxl: {error})"),
    "formula": N_("formula found: {formula!r} (formulas are not accepted; type the text without a leading '=' "
                  "or start it with an apostrophe)"),
    "metadata_missing": N_("metadata missing (no sheet {sheet!r}): this is not a workbook for update made by "
                           "roadmap-reports, or it was rebuilt by copying"),
    "metadata_keys_missing": N_("metadata altered: {keys} missing"),
    "metadata_unknown_keys": N_("metadata altered: unknown entries {keys}"),
    "metadata_format": N_("metadata format {found!r} is not {expected!r}"),
    "metadata_ministry": N_("metadata altered: ministry {code!r} / {name!r} is not in the registry"),
    "wrong_fiscal_year": N_("is a workbook for FY{found}, not FY{expected}"),
    "other_dataset": N_("was made from another dataset ({title!r}, FY{year}), not the base {base_title!r} "
                        "(FY{base_year})"),
    "ministry_not_in_base": N_("is for {ministry}, which has no measures in the base dataset"),
    "metadata_row_parts": N_("metadata altered: the rows of each measure {found!r} do not match its measures"),
    "metadata_measure_ids": N_("metadata altered or made from another version of the base: measure ids "
                               "{found!r}, the base gives {ministry} {expected!r}"),
    "checksum_mismatch": N_("metadata altered or made from another version of the base: the checksum of the "
                            "locked content does not match the base dataset"),
    "sheet_missing": N_("sheet {sheet!r} missing (sheets: {sheets})"),
    "protection_removed": N_("sheet protection was removed"),
    "header_changed": N_("header changed: {value!r}, expected {expected!r}"),
    "content_outside_table": N_("content outside the table ({value!r}); a column was added or text typed beside "
                                "the table"),
    "locked_cell_edited": N_("locked cell {cell} was edited: {value!r}, expected {expected!r}"),
    "repost_cell_edited": N_("locked cell of a repost (再掲) was edited: {value!r} (write in the row of measure "
                             "{target})"),
    "text_too_long": N_("text is {length:,} characters, more than an Excel cell holds ({limit:,})"),
    "control_characters": N_("text contains control characters ({chars}); delete them and send the file again"),
    "rows_reordered": N_("rows reordered: measure {found} is here, measure {measure} expected"),
    "row_added": N_("row added (施策番号 {number!r})"),
    "row_deleted_at": N_("row of measure {measure} deleted (expected at row {row})"),
    "row_deleted": N_("row of measure {measure} deleted"),
    "continuation_row_changed": N_("a continuation row of measure {measure} was added, deleted or changed: "
                                   "{found!r} here, {expected!r} expected"),
    "heading_row_changed": N_("heading row changed: {value!r}, expected {expected!r}"),
    "heading_rows_moved": N_("heading rows added, deleted or moved: {found!r} here, {expected!r} expected"),
    "number_changed": N_("施策番号 changed to {found!r} (expected {measure})"),
    "extra_sheet": N_("an extra sheet {sheet!r} was added; it is ignored"),
    # the returns together (rounds.merge)
    "duplicate_same": N_("duplicate return for {ministry} with the same answers as {first}; merged once"),
    "duplicate_different": N_("{count} returns for {ministry} with different answers ({files}); keep the right "
                              "one and collect again"),
    # the KPI実績 sheet (rounds.kpi_actuals)
    "actual_not_number": N_("実績値 must be a number, not {value!r}"),
    "actual_unit": N_("単位 must be one of the list ({units}), not {unit!r}"),
    "actual_as_of": N_("時点 must be a fiscal year (2023) or a date, not {value!r}"),
}


def finding(code: str, *, file, kind: str, severity: str = "error", place: str | None = None,
            measure: int | None = None, **args) -> Problem:
    """The problem `code` of MESSAGES with its values, located (an unknown code is a bug: KeyError)."""
    template = MESSAGES[code]
    return Problem(template.format(measure=measure, **args), file=None if file is None else str(file), place=place, measure=measure,
                   kind=kind, severity=severity, code=code, template=template, args=tuple(sorted(args.items())))


def problem(message_or_code: str, *, file, kind: str, severity: str = "error", place: str | None = None,
            measure: int | None = None, **args) -> Problem:
    """A finding by its id, or — for a message not (yet) in the table — a problem that says it as given."""
    if message_or_code in MESSAGES:
        return finding(message_or_code, file=file, kind=kind, severity=severity, place=place, measure=measure,
                       **args)
    return Problem(message_or_code, file=None if file is None else str(file), place=place, measure=measure,
                   kind=kind, severity=severity, code=kind)
