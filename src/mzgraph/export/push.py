"""Upload a built graph to a SPARQL store with the Graph Store HTTP Protocol (PUT replaces, POST appends)."""
from __future__ import annotations

import base64
import netrc
import os
import tempfile
from collections.abc import Mapping
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from ..errors import MzgraphError
from .rdf import graph_file, rdf_triples

__all__ = ["DEFAULT_PUSH_TIMEOUT", "graph_store_url", "push", "push_credentials"]

DEFAULT_PUSH_TIMEOUT = 60.0  # seconds any one network wait of a push may take


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """``endpoint?graph=IRI`` (or ``?default``) as the SPARQL 1.1 Graph Store HTTP Protocol names a graph."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}" if graph else f"{endpoint}{sep}default"


def push_credentials(endpoint: str, user: str | None = None, *, env: Mapping[str, str] | None = None,
                     netrc_file: str | os.PathLike | None = None) -> tuple[str, str] | None:
    """(user, password) for HTTP basic auth at ``endpoint``, or None.

    ``user`` is ``NAME`` or ``NAME:PASSWORD`` (``--user``), else ``MZGRAPH_PUSH_USER`` (the same form);
    a missing password comes from ``MZGRAPH_PUSH_PASSWORD``, else from the netrc entry of the
    endpoint's host (``~/.netrc`` unless ``netrc_file``), so it need not be on a command line.
    """
    env = os.environ if env is None else env
    user = user or env.get("MZGRAPH_PUSH_USER") or None
    password = None
    if user is not None and ":" in user:
        user, password = user.split(":", 1)
    if password is None and env.get("MZGRAPH_PUSH_PASSWORD"):
        password = env["MZGRAPH_PUSH_PASSWORD"]
    if password is None:
        host = urlsplit(endpoint).hostname or ""
        path = netrc_file if netrc_file is not None else os.path.join(os.path.expanduser("~"), ".netrc")
        if os.path.isfile(path):
            try:  # the default file is read by netrc itself, which refuses one that others can read
                entry = netrc.netrc(None if netrc_file is None else path).authenticators(host)
            except (netrc.NetrcParseError, OSError) as exc:
                raise MzgraphError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None
            if entry is not None and (user is None or entry[0] == user):
                user, password = entry[0], entry[2]
    if user is None:
        return None
    return user, password or ""


def push(build: Path, endpoint: str, graph: str | None = None, *, append: bool = False,
         user: str | None = None, password: str | None = None,
         timeout: float = DEFAULT_PUSH_TIMEOUT) -> tuple[int, int]:
    """Upload the graph as N-Triples to a Graph Store Protocol endpoint (PUT replaces, POST appends).

    ``endpoint`` is the store's graph-store URL: Oxigraph ``http://host:7878/store``, Fuseki
    ``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``.
    ``user`` (with ``password``, or as ``USER:PASSWORD``) is sent as HTTP basic auth; ``timeout``
    bounds each wait on the network (connecting, sending, the answer). Returns (HTTP status, triples sent).
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
            token = user if password is None else f"{user}:{password}"
            headers["Authorization"] = "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")
        req = urllib.request.Request(url, data=body, headers=headers, method="POST" if append else "PUT")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status = resp.status
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            raise MzgraphError(f"{url}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from None
        except TimeoutError:
            raise MzgraphError(f"{url}: no answer within {timeout:g} s (push --timeout)") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise MzgraphError(f"{url}: no answer within {timeout:g} s (push --timeout)") from None
            raise MzgraphError(f"{url}: cannot reach the endpoint: {reason}") from None
    return status, triples
