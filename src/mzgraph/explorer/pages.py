"""The explorer's pages: each a function of the corpus (data.py) and the request's parameters → HTML.

Everything read from the graph reaches the page through ``html.escape`` (text and attributes)
or :func:`mzgraph.views.html.script_json` (data for scripts). Layout and styles are package
data (templates/page.html, static/explorer.css); no page loads anything from another host.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from html import escape
from importlib import resources
from urllib.parse import quote, urlencode

from ..entity_types import ENTITY_TYPES
from ..rdf.prefixes import PREFIX_IRIS
from ..store.queries import describe_queries, named_queries
from ..views.html import script_json
from .data import FACT_ENDS, PREFIXES, Corpus, Entity, Evidence, Fact
from .marks import mark_sentence, mark_spans

__all__ = ["href", "article_href", "layout", "home", "search", "entity", "resource", "article", "articles",
           "meetings", "neighbourhood", "query_page", "not_found"]

ID = PREFIX_IRIS["id"]
THEME = PREFIX_IRIS["theme"]
TYPE_ZH = {t.cls: t.zh for t in ENTITY_TYPES}
TYPE_COLOUR = {t.cls: t.colour for t in ENTITY_TYPES}
FACT_TITLES = {"Post": "职务 Posts", "Participation": "参会 Participation", "ThemeLink": "部署主题 Themes",
               "DocumentLink": "文件 Documents"}
# the roles of a fact in the order a row reads (the page's own entity is left out)
FACT_ORDER = {"Post": ("member", "role", "organization"), "Participation": ("participant", "kind", "meeting"),
              "ThemeLink": ("meeting", "theme"), "DocumentLink": ("meeting", "action", "document")}
ARTICLES_PER_PAGE = 500
MEETINGS_SHOWN = 1000
_MARKER = re.compile(r"@@([A-Z_]+)@@")
# Parts of a page that need the server (linked data, the neighbourhood graph, the query page, the build's
# views) carry this class: the offline copy (site.py) leaves them out.
SERVER_ONLY = "srv"


def e(value: object) -> str:
    return escape(str(value), quote=True)


def href(iri: str) -> str:
    """The explorer's path of a resource: ``/id/…`` for the id base, ``/theme/…`` for themes."""
    if iri.startswith(ID):
        return "/id/" + quote(iri[len(ID):], safe="/")
    if iri.startswith(THEME):
        return "/theme/" + quote(iri[len(THEME):], safe="/")
    return "/resource?" + urlencode({"iri": iri})


def article_href(source: str, span: tuple[int, int] | None = None) -> str:
    path = "/articles/" + quote(source, safe="")
    return f"{path}?hl={span[0]}-{span[1]}#hl" if span else path


def link(iri: str, label: str, cls: str = "") -> str:
    klass = f' class="t-{e(cls)}"' if cls else ""
    return f'<a href="{e(href(iri))}"{klass}>{e(label or iri)}</a>'


def badge(cls: str) -> str:
    return f'<span class="badge t-{e(cls)}">{e(TYPE_ZH.get(cls, cls))} {e(cls)}</span>'


@lru_cache(maxsize=None)
def _data(name: str) -> str:
    return (resources.files("mzgraph") / "explorer" / name).read_text(encoding="utf-8")


def layout(title: str, body: str, *, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = (),
           views: tuple[str, ...] = ()) -> str:
    """A whole page: the shared header (navigation, search box) around ``body``."""
    def at(name: str) -> str:
        return e(name if name.startswith("/") else "/explorer/static/" + name)

    head = "".join(f'<link rel="stylesheet" href="{at(s)}">' for s in styles)
    tail = "".join(f'<script src="{at(s)}"></script>' for s in scripts)
    extra = "".join(f'<a href="/{e(quote(v))}">{e(v)}</a>' for v in views)
    fills = {"TITLE": e(title), "HEAD": head, "BODY": body, "SCRIPTS": tail, "VIEWS": extra}
    return _MARKER.sub(lambda m: fills[m.group(1)], _data("templates/page.html"))


def not_found(what: str) -> str:
    return layout("未找到 not found", f"<h1>未找到 (not found)</h1><p>{e(what)}</p>")


# -- home and search -----------------------------------------------------------

def home(corpus: Corpus, views: tuple[str, ...] = ()) -> str:
    counts = Counter(cls for _, _, cls in corpus.labels())
    items = "".join(f"<li>{badge(t.cls)} <b>{counts.get(t.cls, 0)}</b></li>" for t in ENTITY_TYPES)
    queries = "".join(f"<li><code>{e(n)}</code> — {e(d)}</li>" for n, d in describe_queries())
    view_items = "".join(f'<li><a href="/{e(quote(v))}">{e(v)}</a></li>' for v in views) or "<li>无 (none)</li>"
    body = f"""<h1>mzgraph 民政知识图谱 explorer</h1>
<form class="big-search" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="搜索人物、机构、地点、会议、文件、主题 / search labels" autofocus>
<button type="submit">搜索 search</button></form>
<h2>实体 Entities</h2><ul class="counts">{items}</ul>
<h2>浏览 Browse</h2><ul>
<li><a href="/meetings">会议时间线 meeting timeline</a></li>
<li><a href="/articles">文章 articles</a> ({len(corpus.article_rows())} files)</li>
<li class="{SERVER_ONLY}"><a href="/ui/">SPARQL 查询 query page</a> · endpoint <code>/query</code></li></ul>
<section class="{SERVER_ONLY}"><h2>视图 Views</h2><ul>{view_items}</ul></section>
<h2>命名查询 Named queries</h2><ul>{queries}</ul>"""
    return layout("mzgraph explorer", body, views=views)


def search(corpus: Corpus, q: str) -> str:
    hits, total = corpus.search(q)
    rows = "".join(f'<li class="hit">{badge(cls)} {link(iri, label, cls)}</li>' for label, iri, cls in hits)
    more = f'<p class="note">显示前 {len(hits)} / {total} 个 (showing {len(hits)} of {total})</p>' if total > len(hits) else ""
    found = f"<p>找到 {total} 个 ({total} found)</p>" if q.strip() else ""
    body = f"""<h1>搜索 Search</h1>
<form class="big-search" action="/search" method="get" role="search">
<input type="search" name="q" value="{e(q)}"><button type="submit">搜索 search</button></form>
{found}<ul class="hits">{rows}</ul>{more}"""
    return layout(f"搜索 {q}", body)


# -- entity pages --------------------------------------------------------------

def _evidence(ev: Evidence, cls: str) -> str:
    sentence = mark_sentence(ev.sentence, ev.sentence_begin, ev.begin, ev.end, cls) if ev.sentence else \
        '<span class="note">(无句子 no sentence)</span>'
    src = f'<a class="src" href="{e(article_href(ev.source, (ev.begin, ev.end)))}">{e(ev.source)} @{ev.begin}</a>'
    return f'<blockquote class="sentence">{sentence}</blockquote>{src}'


def _fact_row(f: Fact, me: str, classes: dict[str, str]) -> str:
    parts = []
    for role in FACT_ORDER.get(f.cls, tuple(sorted(f.roles))):
        iri, label = f.roles.get(role, ("", ""))
        if not iri or iri == me:
            continue
        cls = classes.get(iri, "")
        parts.append(link(iri, label, cls) if cls else f'<span class="role">{e(label or iri)}</span>')
    evidence = "".join(f"<li>{_evidence(ev, f.cls)}</li>" for ev in f.evidence)
    return (f'<li class="fact fact-{e(f.cls)}"><div class="fact-head">{" · ".join(parts)}</div>'
            f'<ul class="evidence">{evidence}</ul></li>')


def entity(corpus: Corpus, ent: Entity) -> str:
    me = ent.iri
    entity_ends = {o for f in ent.facts for role, (o, _) in f.roles.items()
                   if f.cls in FACT_ENDS and role in FACT_ENDS[f.cls]}
    classes = corpus._classes_of(entity_ends - {me})  # noqa: SLF001 (one store, one module family)
    sections = []
    if ent.attributes:
        rows = "".join(f"<tr><th>{e(p)}</th><td>{e(v)}</td></tr>" for p, v in ent.attributes)
        sections.append(f'<section id="attributes"><h2>属性 Attributes</h2><table class="kv">{rows}</table></section>')
    links = [(p, x, lab, cls, "→") for p, x, lab, cls in ent.outgoing] + \
            [(p, x, lab, cls, "←") for p, x, lab, cls in ent.incoming]
    if links:
        rows = "".join(f"<tr><th>{e(arrow)} {e(p)}</th><td>{badge(cls)} {link(x, lab, cls)}</td></tr>"
                       for p, x, lab, cls, arrow in links)
        sections.append(f'<section id="links"><h2>关系 Links</h2><table class="kv">{rows}</table></section>')
    by_class: dict[str, list[Fact]] = {}
    for f in ent.facts:
        by_class.setdefault(f.cls, []).append(f)
    for cls, title in FACT_TITLES.items():
        facts = by_class.get(cls)
        if not facts:
            continue
        facts.sort(key=lambda f: [f.roles.get(r, ("", ""))[1] for r in FACT_ORDER[cls]])
        rows = "".join(_fact_row(f, me, classes) for f in facts)
        sections.append(f'<section class="facts" id="{e(cls)}"><h2>{e(title)} <span class="n">{len(facts)}</span></h2>'
                        f'<ul class="facts">{rows}</ul></section>')
    if ent.facts_total > len(ent.facts):
        sections.append(f'<p class="note">显示 {len(ent.facts)} / {ent.facts_total} 项事实 '
                        f'(showing {len(ent.facts)} of {ent.facts_total} facts)</p>')
    if ent.mentions:
        rows = "".join(f"<li>{_evidence(m, ent.cls)}</li>" for m in ent.mentions)
        more = (f'<p class="note">显示 {len(ent.mentions)} / {ent.mentions_total} 处 '
                f'(showing {len(ent.mentions)} of {ent.mentions_total})</p>') if ent.mentions_total > len(ent.mentions) else ""
        sections.append(f'<section id="mentions"><h2>提及 Mentions <span class="n">{ent.mentions_total}</span></h2>'
                        f'<ul class="evidence">{rows}</ul>{more}</section>')
    page_href = href(me)
    body = f"""<header class="entity-head" data-iri="{e(me)}" data-type="{e(ent.cls)}">
<h1>{e(ent.label)} {badge(ent.cls)}</h1>
<p class="iri"><code>{e(me)}</code></p>
<p class="actions {SERVER_ONLY}"><a href="/graph?{e(urlencode({'iri': me}))}">邻域图 neighbourhood graph</a>
 · <a href="{e(page_href)}?format=ttl">Turtle</a> · <a href="{e(page_href)}?format=jsonld">JSON-LD</a></p></header>
{''.join(sections) or '<p class="note">无事实 (no facts)</p>'}"""
    return layout(f"{ent.label} · {TYPE_ZH.get(ent.cls, ent.cls)}", body)


def resource(corpus: Corpus, iri: str, rows: list[tuple[str, str, bool, str]]) -> str:
    """The plain page of a resource that is not an entity (a mention, a post, a role …)."""
    body_rows = "".join(
        f"<tr><th>{e(_short(p))}</th><td>{link(o, label or _short(o)) if is_iri else e(o)}</td></tr>"
        for p, o, is_iri, label in rows)
    body = f"""<h1><code>{e(_short(iri))}</code></h1><p class="iri"><code>{e(iri)}</code></p>
<p class="actions"><a href="{e(href(iri))}?format=ttl">Turtle</a> · <a href="{e(href(iri))}?format=jsonld">JSON-LD</a></p>
<table class="kv">{body_rows}</table>"""
    return layout(_short(iri), body)


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


# -- articles ------------------------------------------------------------------

def _legend() -> str:
    items = "".join(f'<li><mark class="ent t-{e(t.cls)}">{e(t.zh)} {e(t.cls)}</mark></li>' for t in ENTITY_TYPES)
    return f'<ul class="legend">{items}<li><span class="ev">事实依据 fact evidence</span></li></ul>'


def article(corpus: Corpus, source: str, hl: tuple[int, int] | None = None) -> str | None:
    texts = corpus.article_texts(source)
    if not texts:
        return None
    parts = []
    for i, a in enumerate(texts):
        spans = list(a.spans)
        highlight = hl if (hl and i == _article_of(texts, hl)) else None
        marked = mark_spans(a.text, spans, href, highlight=highlight)
        meta = " · ".join(x for x in (a.date, f"{len(a.spans)} spans") if x)
        parts.append(f'<article class="doc" data-iri="{e(a.iri)}"><h2>{e(a.title or a.source)}</h2>'
                     f'<p class="note">{e(meta)}<span class="{SERVER_ONLY}"> · <a href="{e(href(a.iri))}?format=ttl">Turtle</a></span></p>'
                     f'<div class="text">{marked}</div></article>')
    body = f'<h1>{e(source)}</h1>{_legend()}{"".join(parts)}'
    return layout(source, body)


def _article_of(texts, hl: tuple[int, int]) -> int:
    """Which article of a file a highlighted span belongs to: the first whose text is long enough."""
    for i, a in enumerate(texts):
        if hl[1] <= len(a.text) and any(s.begin == hl[0] and s.end == hl[1] for s in a.spans):
            return i
    return 0


def articles(corpus: Corpus, page: int = 1) -> str:
    rows_all = corpus.article_rows()
    pages = max(1, -(-len(rows_all) // ARTICLES_PER_PAGE))
    page = min(max(page, 1), pages)
    rows = rows_all[(page - 1) * ARTICLES_PER_PAGE: page * ARTICLES_PER_PAGE]
    failed = sum(1 for r in rows_all if r.error)
    out = []
    for r in rows:
        if r.error:
            status = f'<span class="status err">错误 error: {e(r.error)}</span>'
            name = e(r.source)
        else:
            status = '<span class="status ok">已抽取 extracted</span>' if r.facts else \
                '<span class="status none">无事实 no facts</span>'
            name = f'<a href="{e(article_href(r.source))}">{e(r.source)}</a>'
        out.append(f'<tr class="article-row"><td>{name}</td><td class="n">{r.articles}</td><td class="n">{r.entities}</td>'
                   f'<td class="n">{r.mentions}</td><td class="n">{r.facts}</td><td>{status}</td></tr>')
    nav = ""
    if pages > 1:
        nav = '<p class="pager">' + " ".join(
            f"<b>{p}</b>" if p == page else f'<a href="/articles?page={p}">{p}</a>' for p in range(1, pages + 1)) + "</p>"
    body = f"""<h1>文章 Articles</h1>
<p>{len(rows_all)} 个文件 (files) · {failed} 个读取失败 (failed to read)</p>{nav}
<table class="grid"><thead><tr><th>文件 file</th><th>文章 articles</th><th>实体 entities</th><th>提及 mentions</th>
<th>事实 facts</th><th>状态 status</th></tr></thead><tbody>{''.join(out)}</tbody></table>{nav}"""
    return layout("文章 articles", body)


# -- meetings timeline ---------------------------------------------------------

def meetings(corpus: Corpus, province: str = "", theme: str = "", shown: int = MEETINGS_SHOWN) -> str:
    """The timeline, filtered by ``province`` and ``theme``; at most ``shown`` meetings listed."""
    rows_all = corpus.meetings()
    provinces = sorted({r.province for r in rows_all if r.province})
    themes = sorted({label for r in rows_all for _, label in r.themes})
    rows = [r for r in rows_all if (not province or r.province == province)
            and (not theme or any(label == theme for _, label in r.themes))]

    def options(values: list[str], chosen: str) -> str:
        return "".join(f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(v)}</option>' for v in values)

    groups: dict[str, list[str]] = {}
    for r in rows[:shown]:
        chips = " ".join(f'<a class="chip" href="{e(href(t))}">{e(label)}</a>' for t, label in r.themes)
        where = f'<span class="prov">{e(r.province)}</span>' if r.province else ""
        src = f' <a class="src" href="{e(article_href(r.source))}">{e(r.source)}</a>' if r.source else ""
        item = (f'<li class="meeting" data-date="{e(r.date)}" data-province="{e(r.province)}" '
                f'data-themes="{e(json.dumps([label for _, label in r.themes], ensure_ascii=False, separators=(",", ":")))}">'
                f'<time>{e(r.date or "—")}</time> {link(r.iri, r.label, "Meeting")} {where} {chips}{src}</li>')
        groups.setdefault(r.date[:7] or "日期不详 undated", []).append(item)
    timeline = "".join(f'<section class="month"><h2>{e(month)}</h2><ol class="timeline">{"".join(items)}</ol></section>'
                       for month, items in groups.items())
    more = f'<p class="note">显示前 {shown} / {len(rows)} (showing {shown} of {len(rows)})</p>' \
        if len(rows) > shown else ""
    body = f"""<h1>会议时间线 Meetings</h1>
<form class="filters" action="/meetings" method="get">
<label>省份 province <select name="province"><option value="">全部 all</option>{options(provinces, province)}</select></label>
<label>主题 theme <select name="theme"><option value="">全部 all</option>{options(themes, theme)}</select></label>
<button type="submit">筛选 filter</button></form>
<p><span id="meeting-count">{len(rows)}</span> 场会议 (meetings) / {len(rows_all)}</p>{more}
{timeline or '<p class="note">无 (none)</p>'}"""
    return layout("会议时间线 meetings", body)


# -- neighbourhood graph -------------------------------------------------------

def neighbourhood(corpus: Corpus, iri: str) -> str | None:
    nodes, edges = corpus.neighbourhood(iri)
    if not nodes:
        return None
    index = {n[0]: i for i, n in enumerate(nodes)}
    data = {
        "focus": index[iri],
        "types": {t.cls: {"zh": t.zh, "shape": t.shape, "color": t.colour} for t in ENTITY_TYPES},
        "nodes": [{"id": index[n], "label": label, "group": cls, "href": href(n)} for n, label, cls in nodes],
        "edges": [{"from": index[u], "to": index[v], "label": lab} for u, v, lab in edges],
    }
    label = nodes[0][1]
    body = f"""<h1>邻域图 {e(label)} <a class="small" href="{e(href(iri))}">实体页 entity page</a></h1>
<p class="note">{len(nodes)} 个节点 · {len(edges)} 条关系 (nodes · relations); 双击节点打开实体页 (double-click a node to open its page)</p>
<div id="mz-network" class="network"></div>
<script id="mz-data" type="application/json">{script_json(data)}</script>"""
    return layout(f"邻域图 {label}", body, scripts=("vis-network.min.js", "neighbourhood.js"),
                  styles=("vis-network.css",))


# -- query page ----------------------------------------------------------------

def query_page(yasgui: bool = True) -> str:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    examples = [{"name": "entities (start)", "query": prefixes + "\nSELECT ?type ?label WHERE {\n  ?e a ?type ; rdfs:label ?label .\n}\nLIMIT 20\n"}]
    for name, text in named_queries().items():
        examples.append({"name": name, "query": text})
    data = {"prefixes": prefixes, "examples": examples}
    body = f"""<h1>SPARQL 查询 Query</h1>
<p class="note">只读端点 read-only endpoint <code>/query</code> (SPARQL 1.1 Protocol; JSON, XML, CSV, TSV by Accept)</p>
<form id="mz-query" class="query">
<label>示例 examples <select id="mz-examples"></select></label>
<textarea id="mz-sparql" name="query" rows="18" spellcheck="false"></textarea>
<button type="submit">运行 run</button> <span id="mz-query-status" role="status"></span></form>
<div id="mz-results"></div>
<div id="mz-yasgui"></div>
<script id="mz-data" type="application/json">{script_json(data)}</script>"""
    assets = ("/ui/yasgui.min.js",) if yasgui else ()
    return layout("SPARQL 查询 query", body, scripts=assets + ("query.js",),
                  styles=("/ui/yasgui.min.css",) if yasgui else ())
