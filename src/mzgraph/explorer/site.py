"""The explorer as static files that open from disk (``file://``) with no server: ``mzgraph export --format site``.

The pages are the explorer's own (pages.py, the same template and styles), rendered once each
and their links rewritten to relative ``.html`` paths: the home page (search runs in the browser
over ``search-index.js``), ``meetings.html`` (the filters run in the browser over the listed
meetings), ``articles.html``, one page per source file under ``articles/`` and one per entity
under ``entities/<type>/``. What needs the server (linked data, the neighbourhood graph, the
query page) is left out: its elements carry :data:`pages.SERVER_ONLY`, and a link to a page that
is not written keeps its text and loses its link.

File names are made by :func:`safe_name`: a name of lower-case letters, digits, ``_ . -`` stays
as it is, any other becomes an ASCII stem plus a hash of the name (``~`` marks it, so the two
kinds never meet). The same build gives the same files, byte for byte.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from html import escape, unescape
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..atomic import replace_dir
from ..entity_types import ENTITY_TYPES
from ..errors import MzgraphError
from ..store.oxigraph import STORE_DIR
from ..views.html import script_json
from . import iri_of_path, pages
from .data import ENTITY_CLASSES, Corpus

__all__ = ["write_site", "safe_name", "SiteLinks", "ASSETS"]

ASSETS = ("explorer.css", "site.js")  # copied into static/
INDEX_FILE = "search-index.js"
SEARCH_LIMIT = 200  # hits listed, as the server's /search
_SAFE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,99}")
_ATTR = re.compile(r'\b(href|src|action)="([^"]*)"')
_DROP = "\x00drop"
_ANCHOR = re.compile(r'<a\b[^>]*\bhref="\x00drop"[^>]*>(.*?)</a>', re.S)
# an element (with no element of its own name inside) marked server-only; pages.py keeps them that simple
_SERVER_ONLY = re.compile(r'<(section|li|p|span|a)\b[^>]*\bclass="(?:[^"]* )?%s(?: [^"]*)?"[^>]*>.*?</\1>'
                          % re.escape(pages.SERVER_ONLY), re.S)


def safe_name(name: str) -> str:
    """A file name for ``name`` that cannot leave its folder, differs from every other name's (also on
    case-insensitive disks), and is the same on every run."""
    if _SAFE.fullmatch(name) and ".." not in name:
        return name
    stem = re.sub(r"\.{2,}", ".", re.sub(r"[^a-z0-9_.-]+", "-", name.lower())).strip("-.")[:40].strip("-.")
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{stem}~{digest}" if stem else digest + "~"


class SiteLinks:
    """Where each page of the offline copy is written, and the relative link of each server path."""

    def __init__(self, entities: dict[str, str], sources: list[str], article_pages: int):
        self.entities: dict[str, str] = {}  # IRI → file (relative to the site's root)
        taken: set[str] = set()
        for iri, cls in sorted(entities.items()):
            tail = iri.rstrip("/").rsplit("/", 1)[-1]
            path = f"entities/{cls.lower()}/{safe_name(tail)}.html"
            if path in taken:  # two IRIs ending alike: the second named by its whole IRI
                path = f"entities/{cls.lower()}/{safe_name(iri)}.html"
            taken.add(path)
            self.entities[iri] = path
        self.articles = {s: f"articles/{safe_name(s)}.html" for s in sorted(sources)}
        self.article_pages = article_pages

    @staticmethod
    def article_list(page: int) -> str:
        return "articles.html" if page <= 1 else f"articles-{page}.html"

    def target(self, url: str) -> str | None:
        """The file (with its #fragment) a server path of the explorer stands for; None when not written."""
        parts = urlsplit(url)
        path, query = parts.path, parse_qs(parts.query)
        if parts.scheme or parts.netloc:
            return None
        if path in ("/", "/search"):
            return "index.html"
        if path == "/meetings":
            return "meetings.html"
        if path == "/articles":
            page = query.get("page", ["1"])[0]
            n = int(page) if page.isdigit() else 1
            return self.article_list(n) if n <= self.article_pages else None
        if path.startswith("/articles/"):
            file = self.articles.get(unquote(path[len("/articles/"):]))
            hl = query.get("hl", [""])[0]
            return file and (f"{file}#hl={hl}" if re.fullmatch(r"\d+-\d+", hl) else file)
        if path.startswith(("/id/", "/theme/")):
            return None if "format" in query else self.entities.get(iri_of_path(path))
        if path.startswith("/explorer/static/") and path[len("/explorer/static/"):] in ASSETS:
            return "static/" + path[len("/explorer/static/"):]
        return None

    def rewrite(self, html: str, at: str, scripts: tuple[str, ...] = ()) -> str:
        """A server page made into the file ``at``: server-only parts out, links relative, the site's
        script (and ``scripts``) at the end of the body."""
        root = "../" * at.count("/")
        html = _SERVER_ONLY.sub("", html)

        def link(m: re.Match) -> str:
            attr, url = m.group(1), unescape(m.group(2))
            target = self.target(url)
            if target is None:
                if attr != "href":
                    raise MzgraphError(f"site export: {at}: no file for {attr}={url!r}")
                return f'{attr}="{_DROP}"'
            return f'{attr}="{escape(root + target, quote=True)}"'

        html = _ANCHOR.sub(r"\1", _ATTR.sub(link, html))
        if _DROP in html:
            raise MzgraphError(f"site export: {at}: a link to a page that is not written is left")
        tags = "".join(f'<script src="{escape(root + s, quote=True)}"></script>' for s in scripts)
        tags += f'<script src="{escape(root)}static/site.js" data-root="{escape(root, quote=True)}"></script>'
        return html.replace("</body>", tags + "\n</body>", 1)


def _entities(corpus: Corpus) -> dict[str, str]:
    """IRI → entity class of every entity of the graph (labelled or not)."""
    values = " ".join(f"<{c}>" for c in sorted(ENTITY_CLASSES))
    out: dict[str, str] = {}
    for r in sorted(corpus.select(f"SELECT ?e ?c WHERE {{ VALUES ?c {{ {values} }} ?e a ?c }}"),
                    key=lambda r: (r["e"].value, r["c"].value)):
        out.setdefault(r["e"].value, ENTITY_CLASSES[r["c"].value])
    return out


def _search_index(corpus: Corpus, links: SiteLinks) -> str:
    entries = [[label, cls, links.entities[iri]] for label, iri, cls in corpus.labels() if iri in links.entities]
    data = {"limit": SEARCH_LIMIT, "types": {t.cls: t.zh for t in ENTITY_TYPES}, "entries": entries}
    return ("// The offline explorer's search index: [label, type, page] of every labelled entity.\n"
            f"window.mzsite = {{ index: {script_json(data)} }};\n")


def _open(build: Path) -> Corpus:
    build = Path(build)
    store = build / STORE_DIR if build.is_dir() and (build / STORE_DIR).is_dir() else build
    return Corpus(build, store)


def write_site(build: Path, target: Path) -> None:
    """The offline explorer of ``build`` (a build folder or an RDF file) into the folder ``target``,
    which is replaced whole when the pages are written."""
    target = Path(target)
    corpus = _open(build)
    rows = corpus.article_rows()
    sources = [r.source for r in rows if r.articles and not r.error]  # the files an article was read from
    article_pages = max(1, -(-len(rows) // pages.ARTICLES_PER_PAGE))
    links = SiteLinks(_entities(corpus), sources, article_pages)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        def put(at: str, html: str, scripts: tuple[str, ...] = ()) -> None:
            path = tmp / at
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(links.rewrite(html, at, scripts).encode("utf-8"))

        put("index.html", pages.home(corpus), scripts=(INDEX_FILE,))
        (tmp / INDEX_FILE).write_bytes(_search_index(corpus, links).encode("utf-8"))
        put("meetings.html", pages.meetings(corpus, shown=len(corpus.meetings())))
        for n in range(1, article_pages + 1):
            put(links.article_list(n), pages.articles(corpus, n))
        for source, at in links.articles.items():
            page = pages.article(corpus, source)
            if page is not None:
                put(at, page)
        for iri, at in links.entities.items():
            ent = corpus.entity(iri)
            if ent is not None:
                put(at, pages.entity(corpus, ent))
        static = tmp / "static"
        static.mkdir()
        for name in ASSETS:
            (static / name).write_bytes((resources.files("mzgraph") / "explorer" / "static" / name).read_bytes())
        for path in [tmp, *tmp.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
