"""Interactive, offline graph views (networkx view model, vis-network page via pyvis) and analytics.

Notebook use::

    from mzgraph.views import load_graph, to_networkx, show
    g = load_graph("output")          # folder with graph.ttl, or a .ttl file
    nxg = to_networkx(g)              # nx.MultiDiGraph keyed by IRI
    show(nxg, focus="谢晓军", depth=2)
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from .html import notebook_html, render_html, write_html
from .model import DEFAULT_MAX_NODES, TYPES, Selection, ViewError, load_graph, select, to_networkx

__all__ = ["DEFAULT_MAX_NODES", "TYPES", "Selection", "ViewError", "load_graph", "to_networkx", "select",
           "make_view", "write_view", "show"]


def _as_view(graph: Graph | nx.MultiDiGraph | str | Path) -> nx.MultiDiGraph:
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    if isinstance(graph, (str, Path)):
        graph = load_graph(graph)
    return to_networkx(graph)


def make_view(graph: Graph | nx.MultiDiGraph | str | Path, *, focus: str | None = None, depth: int = 1,
              types: list[str] | None = None, max_nodes: int = DEFAULT_MAX_NODES,
              title: str = "mzgraph") -> tuple[str, Selection]:
    """The HTML page of ``graph`` (RDF graph, view model or path) and the selection it draws."""
    selection = select(_as_view(graph), focus=focus, depth=depth, types=types, max_nodes=max_nodes)
    return render_html(selection, title=title), selection


def write_view(graph: Graph | nx.MultiDiGraph | str | Path, out: str | Path, **opts) -> Selection:
    """Write the page of ``graph`` to ``out`` (UTF-8, atomically); ``opts`` as for :func:`make_view`."""
    page, selection = make_view(graph, **opts)
    write_html(out, page)
    return selection


def show(graph_or_nx: Graph | nx.MultiDiGraph | str | Path, *, height: int = 640, **opts):
    """The view for a notebook: an ``IPython.display.HTML`` (sandboxed iframe) if IPython is importable,
    else the page's HTML string. ``opts`` as for :func:`make_view`."""
    page, _ = make_view(graph_or_nx, **opts)
    try:
        from IPython.display import HTML
    except ImportError:
        return page
    return HTML(notebook_html(page, height))
