"""The explorer of ``mzgraph serve``: search, entity and article pages, the meeting timeline, linked data.

The server hands every path this package :func:`handles` to :func:`respond`, which answers
``(status, content type, body)``. Pages are functions of the build's store and the request
(pages.py), read through data.py from the published store opened read-only in this process;
the store is reopened when the build publishes a new generation. site.py writes the same pages
as static files that open from disk (``mzgraph export --format site``).

Routes::

    /                      home: search box, counts, links
    /search?q=             entities whose label contains q
    /id/…  /theme/…        a resource: its page for browsers, Turtle / JSON-LD / N-Triples by Accept
                           (or ?format=ttl|jsonld|nt)
    /resource?iri=         the same for an IRI outside the id and theme bases
    /articles              every source file with its counts and read errors (?page=)
    /articles/<file>       the file's text with every extracted span marked (?hl=begin-end)
    /meetings              the meeting timeline (?province=, ?theme=)
    /graph?iri=            the neighbourhood graph of an entity, the entity highlighted
    /ui/                   the query page: the project's prefixes, the named queries as examples
    /explorer/static/…     the pages' styles and scripts (vis-network: pyvis' local copy)
"""
from __future__ import annotations

import mimetypes
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote

from ..errors import MzgraphError
from ..rdf.prefixes import PREFIX_IRIS
from ..store.oxigraph import store_dir
from . import linked, pages
from .data import Corpus

__all__ = ["handles", "respond", "corpus_for", "iri_of_path", "service_description"]

HTML = "text/html; charset=utf-8"
_EXACT = frozenset({"/", "/search", "/resource", "/articles", "/meetings", "/graph", "/ui/"})
_PREFIXES = ("/id/", "/theme/", "/articles/", "/explorer/static/")
_STATIC = ("explorer.css", "neighbourhood.js", "query.js")
_corpora: dict[Path, tuple[Path, Corpus]] = {}
_lock = threading.Lock()


def handles(path: str) -> bool:
    """Whether ``path`` (without its query string) is an explorer page."""
    return path in _EXACT or path.startswith(_PREFIXES)


def corpus_for(site: Path) -> Corpus:
    """The corpus of the build at ``site``, reopened when the build has published a new store."""
    site = Path(site)
    current = store_dir(site).resolve()
    with _lock:
        known = _corpora.get(site)
        if known is None or known[0] != current:
            corpus = Corpus(site, current)
            _corpora[site] = (current, corpus)
            # the whole-corpus tables (search labels, timeline, article list) take seconds on a large
            # build: work them out now, so the first visitor of those pages does not wait for them
            threading.Thread(target=corpus.warm, name="mzgraph-explorer-warm", daemon=True).start()
        return _corpora[site][1]


def iri_of_path(path: str) -> str:
    """The IRI a ``/id/…`` or ``/theme/…`` path stands for."""
    for prefix, base in (("/id/", PREFIX_IRIS["id"]), ("/theme/", PREFIX_IRIS["theme"])):
        if path.startswith(prefix):
            return base + unquote(path[len(prefix):])
    return ""


def _views(site: Path) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in Path(site).glob("*.html") if p.is_file() and not p.name.startswith(".")))


def _html(page: str | None, what: str = "") -> tuple[int, str, bytes]:
    if page is None:
        return 404, HTML, pages.not_found(what).encode("utf-8")
    return 200, HTML, page.encode("utf-8")


def respond(site: Path, path: str, query: str = "", accept: str = "") -> tuple[int, str, bytes]:
    """(status, content type, body) of an explorer path; ``query`` is the raw query string."""
    params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    if path.startswith("/explorer/static/"):
        return _static(path[len("/explorer/static/"):])
    if path == "/ui/":
        return _html(pages.query_page())
    try:
        corpus = corpus_for(site)
    except MzgraphError as exc:
        return 503, "text/plain; charset=utf-8", f"{exc}\n".encode("utf-8")
    if path == "/":
        return _html(pages.home(corpus, _views(site)))
    if path == "/search":
        return _html(pages.search(corpus, params.get("q", "")))
    if path == "/meetings":
        return _html(pages.meetings(corpus, params.get("province", ""), params.get("theme", "")))
    if path == "/articles":
        page = params.get("page", "1")
        return _html(pages.articles(corpus, int(page) if page.isdigit() else 1))
    if path.startswith("/articles/"):
        source = unquote(path[len("/articles/"):])
        return _html(pages.article(corpus, source, _span(params.get("hl", ""))), f"no article read from {source}")
    if path == "/graph":
        iri = params.get("iri", "")
        return _html(pages.neighbourhood(corpus, iri) if iri.startswith(("http://", "https://")) else None,
                     f"no entity {iri}")
    iri = params.get("iri", "") if path == "/resource" else iri_of_path(path)
    return _resource(corpus, iri, accept, params.get("format", ""))


def _resource(corpus: Corpus, iri: str, accept: str, fmt: str) -> tuple[int, str, bytes]:
    if not iri.startswith(("http://", "https://")) or any(c in iri for c in '<>" {}|\\^`'):
        return 404, HTML, pages.not_found(f"not an IRI: {iri}").encode("utf-8")
    if not corpus.exists(iri):
        return 404, HTML, pages.not_found(f"nothing is known about {iri}").encode("utf-8")
    media = linked.negotiate(accept, fmt)
    if not media:
        return 406, "text/plain; charset=utf-8", f"unknown format {fmt!r}: ttl, jsonld, nt or html\n".encode("utf-8")
    if media in linked.RDF_TYPES:
        return 200, f"{media}; charset=utf-8", linked.serialize(linked.describe(corpus, iri), media)
    ent = corpus.entity(iri)
    if ent is not None:
        return _html(pages.entity(corpus, ent))
    if PREFIX_IRIS["mz"] + "Article" in corpus.classes(iri):
        rows = corpus.resource(iri)
        source = next((o for p, o, _, _ in rows if p == PREFIX_IRIS["mz"] + "sourceFile"), "")
        if source:
            return _html(pages.article(corpus, source))
    return _html(pages.resource(corpus, iri, corpus.resource(iri)))


def _span(value: str) -> tuple[int, int] | None:
    begin, _, end = value.partition("-")
    return (int(begin), int(end)) if begin.isdigit() and end.isdigit() else None


def service_description(host: str, accept: str) -> tuple[int, str, bytes]:
    """The service description of ``http://{host}/query``: the public endpoint, whatever port the store
    answers on inside."""
    media = linked.negotiate(accept)
    media = media if media in linked.RDF_TYPES else "text/turtle"
    endpoint = f"http://{host}/query"
    return 200, f"{media}; charset=utf-8", linked.service_description(endpoint, media)


@lru_cache(maxsize=None)
def _asset(name: str) -> bytes | None:
    if name in _STATIC:
        return (resources.files("mzgraph") / "explorer" / "static" / name).read_bytes()
    if name in ("vis-network.min.js", "vis-network.css"):
        from ..views.html import vis_asset_paths

        js, css = vis_asset_paths()
        return (js if name.endswith(".js") else css).read_bytes()
    return None


def _static(name: str) -> tuple[int, str, bytes]:
    data = _asset(name)
    if data is None:
        return 404, "text/plain; charset=utf-8", b"not found\n"
    ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return 200, f"{ctype}; charset=utf-8", data
