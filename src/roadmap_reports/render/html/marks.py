"""HTML pieces that templates cannot write simply: the inline year-over-year difference of a text
(<del>/<ins>, with words for screen readers) and the small SVG chart of a KPI's actuals."""

from __future__ import annotations

from markupsafe import Markup, escape


def inline_diff(old: str, new: str) -> Markup:
    """The new text with deleted wording struck through (<del>) and inserted wording underlined (<ins>);
    the comparison ignores width and whitespace, as the diff does."""
    from roadmap_reports.compare.spans import char_opcodes

    out = []
    for tag, a, b in char_opcodes(old or "", new or ""):
        if tag == "equal":
            out.append(escape(b))
            continue
        if a:
            out.append(Markup('<del><span class="sr">［削除］</span>{}</del>').format(a))
        if b:
            out.append(Markup('<ins><span class="sr">［追加］</span>{}</ins>').format(b))
    return Markup("").join(out)


def number(v) -> str:
    """A figure as a reader reads it: 14,000 (not 14000.0), 53.7."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else str(v)


def chart(points: list[tuple[str, float]], target: float | None, unit: str, title: str, ident: str) -> Markup:
    """A bar chart of the actuals (label, value) with the target as a dashed line; every number is also
    written on the chart, and the page shows the same numbers as a table."""
    if not points:
        return Markup("")
    w, h, left, bottom, top = 320, 150, 8, 28, 18
    top_value = max([v for _l, v in points] + ([target] if target is not None else [])) or 1
    scale = (h - bottom - top) / top_value
    bar = min(60, (w - 2 * left) // (2 * len(points)))
    parts = [Markup('<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
                    'aria-labelledby="{i}-t"><title id="{i}-t">{t}</title>').format(w=w, h=h, i=ident, t=title)]
    for k, (label, value) in enumerate(points):
        x = left + (2 * k + 0.5) * bar
        y = h - bottom - value * scale
        parts.append(Markup('<rect x="{x:.1f}" y="{y:.1f}" width="{b}" height="{hh:.1f}" class="bar"/>'
                            '<text x="{cx:.1f}" y="{ty:.1f}" class="{cls}">{v}</text>'
                            '<text x="{cx:.1f}" y="{ly}" class="label">{l}</text>').format(
            x=x, y=y, b=bar, hh=value * scale, cx=x + bar / 2, ty=y + 14 if value * scale > 20 else y - 4,
            v=number(value) + unit,
            ly=h - bottom + 16, l=label, cls="value inside" if value * scale > 20 else "value"))
    if target is not None:
        ty = h - bottom - target * scale
        parts.append(Markup('<line x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" class="target"/>'
                            '<text x="{r}" y="{ty:.1f}" class="target-label">目標 {v}</text>').format(
            l=left, r=w - left, y=ty, ty=ty - 4, v=number(target) + unit))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
