"""GraphStats → a small self-contained HTML report with inline SVG bar charts (no scripts, no network)."""
from __future__ import annotations

from html import escape

from .model import TYPE_ZH
from .stats import GraphStats, Ranked

__all__ = ["bar_chart", "render_stats_html"]

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px; color: #222; max-width: 960px; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
svg text {{ font-family: inherit; font-size: 12px; }}
.note {{ color: #666; font-size: 13px; }}
</style></head><body>
<h1>{title}</h1>
{body}
</body></html>
"""


def bar_chart(rows: list[tuple[str, float]], *, colour: str = "#4e79a7", width: int = 560) -> str:
    """Horizontal bars, one per (label, value); labels are escaped text inside the SVG."""
    if not rows:
        return '<p class="note">无数据 (no data)</p>'
    top = max(v for _, v in rows) or 1
    label_w, bar_w, h = 170, width - 230, 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h * len(rows) + 4}" role="img">']
    for i, (label, value) in enumerate(rows):
        y = i * h + 2
        w = max(1.0, bar_w * value / top)
        shown = str(int(value)) if float(value).is_integer() else f"{value:.3f}"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{h - 6}" fill="{colour}"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _name(r: Ranked) -> str:
    """The label, linked to the entity's page in the explorer (``mzgraph serve``) when it has an IRI."""
    from ..explorer.pages import href

    if not r.iri:
        return escape(r.label)
    return f'<a href="{escape(href(r.iri), quote=True)}">{escape(r.label)}</a>'


def _ranked_table(ranked: list[Ranked]) -> str:
    if not ranked:
        return '<p class="note">无 (none)</p>'
    rows = "".join(f"<tr><td>{_name(r)}</td><td class=n>{r.degree}</td><td class=n>{r.betweenness:.3f}</td></tr>"
                   for r in ranked)
    return f"<table><tr><th>名称 name</th><th>度 degree</th><th>介数 betweenness</th></tr>{rows}</table>"


def render_stats_html(stats: GraphStats, *, title: str = "mzgraph 统计 (stats)") -> str:
    body = [f"<p>{stats.nodes} 个节点 (nodes) · {stats.edges} 条关系 (edges)</p>",
            '<p class="note">名称链接到 <code>mzgraph serve</code> 的实体页 '
            '(names link to their entity pages when served by <code>mzgraph serve</code>)</p>',
            "<h2>按类型计数 (counts by type)</h2>",
            bar_chart([(f"{TYPE_ZH[t]} {t}", n) for t, n in stats.counts.items()])]
    if stats.betweenness_sample:
        body.append(f'<p class="note">介数由 {stats.betweenness_sample} 个抽样源点估计 '
                    f'(betweenness estimated from {stats.betweenness_sample} sampled sources)</p>')
    for etype, ranked in stats.central.items():
        body.append(f"<h2>最核心的{TYPE_ZH[etype]} (most central {etype})</h2>")
        body.append(bar_chart([(r.label, r.degree) for r in ranked], colour="#f28e2b"))
        body.append(_ranked_table(ranked))
    body.append("<h2>各省政策主题 (themes by province)</h2>")
    if not stats.themes_by_province:
        body.append('<p class="note">无 (none)</p>')
    for prov, themes in stats.themes_by_province.items():
        body.append(f"<h3>{escape(prov)}</h3>")
        body.append(bar_chart(list(themes), colour="#59a14f"))
    return _PAGE.format(title=escape(title), body="\n".join(body))
