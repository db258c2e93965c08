"""The instructions sheet (記入要領) of a workbook for update: what to fill in, what not to touch, how to
return the file — in Japanese, for the people in the ministries who fill the workbook in."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from roadmap_reports.japanese.calendar import ERA_YEAR_PATTERN, date_label
from roadmap_reports.office import CELL_MAX_CHARS
from roadmap_reports.rounds.layout import DATA_SHEET

_LEADING_YEAR = re.compile("^" + ERA_YEAR_PATTERN + "度")


def short_title(title: str) -> str:
    """The roadmap's name without the year: 令和４年度外国人との共生社会…の実施状況 → 外国人との共生社会…"""
    t = _LEADING_YEAR.sub("", title)
    return t.removesuffix("の実施状況") or title


@dataclass(frozen=True)
class RoundInfo:
    """What the secretariat tells every ministry of a round: the deadline (`build --for-update --deadline`)
    and who answers questions (`--contact`: name, section, phone or mail); either may be missing."""

    deadline: _dt.date | None = None
    contact: str | None = None

    @property
    def deadline_label(self) -> str:
        """令和６年４月30日 (japanese.calendar), or "" without a deadline."""
        return date_label(self.deadline) if self.deadline else ""

    def summary(self) -> str:
        """「提出期限：令和６年４月30日　／　問合せ先：…」, the parts given ("" without either)."""
        parts = [f"提出期限：{self.deadline_label}" if self.deadline else "",
                 f"問合せ先：{self.contact}" if self.contact else ""]
        return "　／　".join(x for x in parts if x)

    def header_text(self) -> str:
        """The same on one line for the page header (line breaks of the contact as spaces)."""
        return " ".join(self.summary().splitlines())


def _return_line(filename: str, info: RoundInfo) -> str:
    when = f"{info.deadline_label}までに" if info.deadline else "照会の際にお知らせした期限までに"
    to = f"照会元の事務局（{info.contact}）あてに" if info.contact else "照会元の事務局あてに"
    return (f"Excel ブック（.xlsx）のまま保存し、{to}、{when}メールで返送してください。"
            f"ファイル名は「{filename}」のままにしてください。")


def help_lines(title: str, ministry_name: str, filename: str, base_label: str, target_label: str,
               n_measures: int, n_reposts: int, info: RoundInfo = RoundInfo()) -> list[tuple[str, str, str]]:
    """The instructions, line by line: (style "title" | "head" | "text", number or bullet, text)."""
    return [
        ("title", "", f"{target_label}「{short_title(title)}」実施状況の照会"),
        ("text", "", f"照会先：{ministry_name}　／　対象：貴省庁が担当する施策 {n_measures} 件"
                     + (f"（ほかに再掲 {n_reposts} 行）" if n_reposts else "")),
        *([("text", "", info.summary())] if info.summary() else []),
        ("text", "", f"{base_label}の実施状況を基に、{target_label}の実施状況をシート「{DATA_SHEET}」に記入し、"
                     "このファイルのまま返送してください。"),
        ("head", "1", "記入する欄（黄色の欄）"),
        ("text", "・", f"「{target_label}の実施状況（記入）」：{base_label}の記載をあらかじめ転記してあります。"
                      f"{target_label}の状況に書き改めてください。空欄のまま返送すると「未記入」として扱います。"),
        ("text", "・", "複数の省庁が担当する施策で、実施状況が【省庁名】ごとに分かれているものは、"
                      "貴省庁の部分だけが表示されています。貴省庁の部分のみを記入してください。"),
        ("text", "・", "「KPI変更案（任意）」：KPIの変更を提案する場合のみ記入してください。"
                      "提案として事務局が検討します（自動では反映されません）。"),
        ("text", "・", "「備考（事務局への連絡）」：事務局への連絡事項があれば記入してください。"),
        ("text", "・", f"改行はセル内で Alt＋Enter。1つのセルに入力できるのは{CELL_MAX_CHARS:,}文字までです。"
                      "長い文章は次の行（施策番号の欄が「（Nの続き）」の行）に続けて表示しています。"
                      "上の行から順に続けて読み取りますので、どの行に書き足しても、空けても構いません"
                      "（段落を改めるときはセルの末尾で改行）。文字が隠れて見える場合は、行の高さを広げるか、"
                      "セルを選択して数式バーで確認してください。"),
        ("text", "・", "「=」「+」「-」「@」で始まる文は数式と解釈されるため、先頭に「'」（アポストロフィ）を付けてください。"
                      "数式を含むファイルは受け付けられません。"),
        ("head", "2", "触らないでください"),
        ("text", "・", "黄色以外の欄（分野と◎の見出しの行、施策番号、具体的取組、KPI、担当省庁、前年度の実施状況）は"
                      "編集しないでください。再掲の行は参照用で、記入は不要です。"),
        ("text", "・", "行・列の追加、削除、並べ替え、シートの追加・削除・名前の変更はしないでください。"
                      "シートの保護は解除しないでください。"),
        ("text", "・", "このブックには照合用の非表示の情報が含まれています。"
                      "編集された場合や行が増減した場合、ファイル全体が受け付けられず、再提出をお願いすることになります。"),
        ("head", "3", "返送の方法"),
        ("text", "・", _return_line(filename, info)),
        ("text", "・", "マクロ有効ブック（.xlsm）、Excel 97-2003 ブック（.xls）、PDF などに変換しないでください。"
                      "ファイルにパスワードを設定しないでください（受け付けられません）。"),
        ("text", "・", "記入する施策がない場合や、内容に疑問がある場合も、その旨を備考に記入して返送してください。"),
    ]


def write_help(ws, lines: list[tuple[str, str, str]], *, font, bold, wrap) -> None:
    """Write the instructions into a sheet: two columns (number, text), headings shaded, rows fitted."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from roadmap_reports.render.xlsx.common import FONT_NAME, fit_row_height, set_text

    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 90
    fills = {"head": PatternFill("solid", fgColor="DDEBF7")}
    title_font = Font(name=FONT_NAME, size=14, bold=True)
    for r, (style, number, text) in enumerate(lines, start=1):
        a, b = ws.cell(r, 1), ws.cell(r, 2)
        set_text(a, number)
        set_text(b, text)
        for c in (a, b):
            c.font = title_font if style == "title" else bold if style == "head" else font
            c.alignment = wrap
            if style in fills:
                c.fill = fills[style]
        if style == "title":
            ws.row_dimensions[r].height = 26
        else:
            ws.row_dimensions[r].height = fit_row_height([(text, 90)])
    ws.cell(1, 1).alignment = Alignment(vertical="top")
    ws.print_area = f"A1:B{len(lines)}"
