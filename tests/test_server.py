"""`mzgraph serve`: a read-only SPARQL 1.1 Protocol endpoint with the HTML views, stopped cleanly."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from serving import serve_process
from SPARQLWrapper import JSON, SPARQLWrapper

from mzgraph.query import named_queries
from mzgraph.server import free_port

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PROBE = "https://example.org/mzgraph-test/probe"


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, backend_pid: int, banner: list[str]):
        self.proc, self.url, self.backend_pid, self.banner = proc, url, backend_pid, banner

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


@contextlib.contextmanager
def running(build, *extra):
    with serve_process(build, *extra) as (proc, port, banner):
        pid = int(re.search(r"oxigraph pid (\d+)", "\n".join(banner)).group(1))
        yield Server(proc, f"http://127.0.0.1:{port}", pid, banner)


@pytest.fixture(scope="module")
def server(seed_dir):
    with running(seed_dir) as s:
        yield s


def _get(url: str, accept: str | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def _post(url: str, body: bytes, ctype: str, accept: str = "text/csv") -> int:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _count(server: Server) -> int:
    _, _, body = _get(f"{server.url}/query?{urllib.parse.urlencode({'query': COUNT})}", "text/csv")
    return int(body.split()[1])


def _rows_from(accept: str, body: str) -> list[tuple[str, ...]]:
    if "json" in accept:
        doc = json.loads(body)
        names = doc["head"]["vars"]
        return [tuple(b.get(v, {}).get("value", "") for v in names) for b in doc["results"]["bindings"]]
    if "xml" in accept:
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        return [tuple(b.findtext("./*", default="", namespaces=ns) for b in r.findall("s:binding", ns))
                for r in root.find("s:results", ns)]
    if "csv" in accept:
        return [tuple(r) for r in list(csv.reader(io.StringIO(body)))[1:]]
    return [tuple(line.split("\t")) for line in body.splitlines()[1:]]


@pytest.mark.parametrize("accept, ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_content_negotiation(accept, ctype, method, server, seed_graph):
    if method == "GET":
        status, got, body = _get(f"{server.url}/query?{urllib.parse.urlencode({'query': COUNT})}", accept)
    else:
        req = urllib.request.Request(f"{server.url}/query", data=COUNT.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Accept": accept})
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, got, body = resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
    assert status == 200
    assert got.startswith(ctype)
    (value,) = _rows_from(accept, body)[0]
    assert value.split("^^")[0].strip('"') == str(len(seed_graph))


def _cli_rows(seed_dir, name: str) -> set[tuple[str, ...]]:
    out = subprocess.run([sys.executable, "-m", "mzgraph.cli", "query", str(seed_dir), "--name", name,
                          "--format", "csv"], capture_output=True, text=True, timeout=120, check=True)
    return {tuple(r) for r in list(csv.reader(io.StringIO(out.stdout)))[1:]}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_match_the_cli(name, server, seed_dir):
    client = SPARQLWrapper(f"{server.url}/query")
    client.setQuery(named_queries()[name])
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    names = doc["head"]["vars"]
    rows = {tuple(b.get(v, {}).get("value", "") for v in names) for b in doc["results"]["bindings"]}
    assert rows == _cli_rows(seed_dir, name)


UPDATE = f"INSERT DATA {{ <{PROBE}> <{PROBE}> <{PROBE}> }}"


@pytest.mark.parametrize("path, body, ctype", [
    ("/update", UPDATE, "application/sparql-update"),
    ("/update", urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
    ("/query", UPDATE, "application/sparql-update"),
    ("/query", urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
    ("/sparql", UPDATE, "application/sparql-update"),
    ("/ui/sparql", urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
    ("/store?default", f"<{PROBE}> <{PROBE}> <{PROBE}> .", "application/n-triples"),
])
def test_updates_are_refused_and_data_unchanged(path, body, ctype, server, seed_graph):
    status = _post(server.url + path, body.encode("utf-8"), ctype)
    assert status in (403, 405)
    assert _count(server) == len(seed_graph)


def test_sparqlwrapper_update_is_refused(server, seed_graph):
    client = SPARQLWrapper(f"{server.url}/query", updateEndpoint=f"{server.url}/update")
    client.setMethod("POST")
    client.setQuery(UPDATE)
    with pytest.raises(Exception, match="403"):  # noqa: B017 (SPARQLWrapper raises urllib's HTTPError)
        client.query()
    assert _count(server) == len(seed_graph)


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_graph_store_writes_are_refused(method, server, seed_graph):
    req = urllib.request.Request(f"{server.url}/store?default", data=b"", method=method)
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=30)
    assert exc.value.code == 405
    assert _count(server) == len(seed_graph)


@pytest.mark.parametrize("path, status, needle", [
    ("/", 200, "<html"),
    ("/graph.html", 200, "<html"),
    ("/ui/", 200, "yasgui"),
    ("/store/CURRENT", 404, ""),
    ("/.shards/graph.nt", 404, ""),
    ("/nope.html", 404, ""),
    ("/%2e%2e/%2e%2e/etc/passwd", 404, ""),
])
def test_views_and_ui(path, status, needle, server):
    got, _, body = _get(server.url + path)
    assert got == status
    assert needle in body.lower() if needle else True


def test_banner_prints_the_urls(server):
    text = "\n".join(server.banner)
    assert f"SPARQL:   {server.url}/query" in text
    assert f"query UI: {server.url}/ui/" in text
    assert f"view:     {server.url}/graph.html" in text


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as fh:  # a zombie not yet reaped by init counts as gone
        return fh.read().split(") ")[-1].startswith("Z")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_without_orphans(sig, seed_dir):
    with running(seed_dir) as s:
        assert not _gone(s.backend_pid)
        code = s.stop(sig)
        assert code == 0, s.proc.stderr.read()
        deadline = time.monotonic() + 10
        while not _gone(s.backend_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(s.backend_pid)


@pytest.mark.parametrize("args, message", [
    (["--port", "{busy}"], "cannot listen on"),
    ([], "no Oxigraph store"),
])
def test_start_errors_are_one_line(args, message, seed_dir, server, tmp_path):
    busy = server.url.rsplit(":", 1)[1]
    build = seed_dir if args else tmp_path
    argv = [a.format(busy=busy) for a in args] or ["--port", str(free_port())]
    out = subprocess.run([sys.executable, "-m", "mzgraph.cli", "serve", str(build), *argv],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
