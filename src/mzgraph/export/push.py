"""Upload a built graph to a SPARQL store with the Graph Store HTTP Protocol (PUT replaces, POST appends)."""
from __future__ import annotations

import base64
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from ..errors import MzgraphError
from .rdf import graph_file, rdf_triples

__all__ = ["graph_store_url", "push"]


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """``endpoint?graph=IRI`` (or ``?default``) as the SPARQL 1.1 Graph Store HTTP Protocol names a graph."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}" if graph else f"{endpoint}{sep}default"


def push(build: Path, endpoint: str, graph: str | None = None, *, append: bool = False,
         user: str | None = None, timeout: float = 600.0) -> tuple[int, int]:
    """Upload the graph as N-Triples to a Graph Store Protocol endpoint (PUT replaces, POST appends).

    ``endpoint`` is the store's graph-store URL: Oxigraph ``http://host:7878/store``, Fuseki
    ``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``.
    Returns (HTTP status, triples sent).
    """
    if not endpoint.startswith(("http://", "https://")):
        raise MzgraphError(f"push: the endpoint must be an http(s) URL, got {endpoint!r}")
    source = graph_file(Path(build))
    url = graph_store_url(endpoint, graph)
    triples = 0

    def counted():
        nonlocal triples
        for t in rdf_triples(source):
            triples += 1
            yield t

    with tempfile.TemporaryFile() as body:
        ox.serialize(counted(), body, format=ox.RdfFormat.N_TRIPLES)
        size = body.tell()
        body.seek(0)
        headers = {"Content-Type": "application/n-triples; charset=utf-8", "Content-Length": str(size)}
        if user:
            headers["Authorization"] = "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii")
        req = urllib.request.Request(url, data=body, headers=headers, method="POST" if append else "PUT")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status = resp.status
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            raise MzgraphError(f"{url}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise MzgraphError(f"{url}: cannot reach the endpoint: {reason}") from None
    return status, triples
