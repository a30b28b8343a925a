"""A read-only SPARQL endpoint over a build, with its HTML views, for a browser or any SPARQL client.

``oxigraph serve-read-only`` answers SPARQL 1.1 Protocol queries but serves no files, so a small
front (``ThreadingHTTPServer``) owns the public port: it serves the build folder's HTML views,
proxies ``/query``, ``/sparql``, ``GET /store`` and the Oxigraph query UI (at ``/ui/``) to the
Oxigraph child on an internal loopback port, and refuses every update itself.
"""
from __future__ import annotations

import contextlib
import html
import http.client
import mimetypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from . import explorer
from .errors import MzgraphError
from .store.oxigraph import STORE_DIR, store_dir
from .store.queries import describe_queries

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Oxigraph", "Served", "find_oxigraph", "free_port", "index_page",
           "serve", "start_oxigraph", "views"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
UI_PREFIX = "/ui/"
_QUERY_PATHS = ("/query", "/sparql")
_UPDATE_TYPES = ("application/sparql-update",)
# Oxigraph's own UI assets, fetched by the UI page from these paths.
_UI_ASSETS = ("/logo.svg",)
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authenticate", "proxy-authorization", "server", "date"}
_FORWARD_REQUEST = ("Accept", "Content-Type", "Accept-Language")


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server binary: next to this Python first (a venv), then on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise MzgraphError("the SPARQL server needs the oxigraph binary: pip install oxigraph")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    # Linux: the child gets SIGTERM if this process dies without cleaning up (e.g. SIGKILL).
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Oxigraph:
    """A running ``oxigraph serve`` child process and the base URL it answers on."""

    process: subprocess.Popen
    url: str
    log: object

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, timeout: float = 10.0) -> int:
        """Terminate the child (SIGTERM, then SIGKILL after ``timeout``) and reap it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def __enter__(self) -> Oxigraph:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_oxigraph(location: Path | None, *, read_only: bool = True, host: str = DEFAULT_HOST,
                   port: int | None = None, timeout: float = 30.0) -> Oxigraph:
    """Start ``oxigraph serve[-read-only]`` on ``host:port`` and wait until it answers."""
    port = port or free_port(host)
    cmd = [find_oxigraph(), "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        cmd += ["--location", str(location)]
    elif read_only:
        raise MzgraphError("a read-only Oxigraph server needs a store location")
    log = tempfile.TemporaryFile()
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=preexec)
    ox = Oxigraph(proc, f"http://{host}:{port}", log)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            log.seek(0)
            detail = " ".join(log.read().decode("utf-8", "replace").split())[-300:]
            ox.stop()
            raise MzgraphError(f"oxigraph exited with code {proc.returncode}: {detail or 'no output'}")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
            if conn.getresponse().status == 200:
                conn.close()
                return ox
            conn.close()
        except OSError:
            pass
        if time.monotonic() > deadline:
            ox.stop()
            raise MzgraphError(f"oxigraph did not answer on {host}:{port} within {timeout:.0f} s")
        time.sleep(0.05)


def _is_update(method: str, content_type: str, body: bytes) -> bool:
    """Whether a request to a query path carries a SPARQL update (direct POST or form field)."""
    if method != "POST":
        return False
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in _UPDATE_TYPES:
        return True
    if ctype == "application/x-www-form-urlencoded":
        return "update" in parse_qs(body.decode("utf-8", "replace"))
    return False


class _FrontHandler(BaseHTTPRequestHandler):
    """Routes: views from the build folder, SPARQL reads proxied, every write refused."""

    server_version = "mzgraph"
    protocol_version = "HTTP/1.0"  # responses are streamed and end with the connection
    server: _Front

    # -- routing -------------------------------------------------------------
    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._refuse(405, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    def _route(self, method: str) -> None:
        path = urlsplit(self.path).path
        ui = path.startswith(UI_PREFIX)
        # Under /ui/ the Oxigraph UI page and its endpoint live at the backend's root.
        target = self.path[len(UI_PREFIX) - 1:] if ui else self.path
        backend_path = urlsplit(target).path
        if backend_path == "/update" or backend_path.startswith("/update/"):
            return self._refuse(403, "this endpoint is read-only: SPARQL updates are refused")
        if backend_path in _QUERY_PATHS and method != "POST" and not urlsplit(target).query:
            # the service description names the public endpoint, not the store's internal port
            host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            return self._send(*explorer.service_description(host, self.headers.get("Accept", "")), method)
        if backend_path in _QUERY_PATHS:
            body = self._body() if method == "POST" else b""
            if body is None:
                return
            if _is_update(method, self.headers.get("Content-Type", ""), body):
                return self._refuse(403, "this endpoint is read-only: SPARQL updates are refused")
            return self._proxy(method, target, body)
        if method == "POST":
            return self._refuse(405, f"POST is accepted on {' and '.join(_QUERY_PATHS)} only")
        if explorer.handles(path):  # search, entity and article pages, timeline, linked data, query page
            return self._send(*explorer.respond(self.server.site, path, urlsplit(self.path).query,
                                                self.headers.get("Accept", "")), method)
        if ui or backend_path == "/store" or path in _UI_ASSETS:
            return self._proxy(method, target, b"")
        if path == UI_PREFIX.rstrip("/"):
            return self._redirect(UI_PREFIX)
        if path == "/" and not (self.server.site / "index.html").is_file():
            page = index_page(self.server.site).encode("utf-8")
            return self._send(200, "text/html; charset=utf-8", page, method)
        return self._static(method, "/index.html" if path == "/" else path)

    # -- pieces --------------------------------------------------------------
    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._refuse(411, "POST needs a Content-Length")
            return None
        return self.rfile.read(int(length))

    def _proxy(self, method: str, target: str, body: bytes) -> None:
        headers = {k: v for k in _FORWARD_REQUEST if (v := self.headers.get(k)) is not None}
        conn = http.client.HTTPConnection(self.server.backend_host, self.server.backend_port, timeout=300)
        try:
            conn.request(method, target, body=body if method == "POST" else None, headers=headers)
            resp = conn.getresponse()
            self.send_response(resp.status, resp.reason)
            for key, value in resp.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.end_headers()
            if method != "HEAD":
                while chunk := resp.read(64 * 1024):
                    self.wfile.write(chunk)
        except OSError as exc:
            with contextlib.suppress(OSError):
                self._refuse(502, f"SPARQL backend unavailable: {exc}")
        finally:
            conn.close()

    def _static(self, method: str, path: str) -> None:
        site = self.server.site
        rel = Path(unquote(path).lstrip("/"))
        try:  # outputs are symlinks into the build's current generation: check the path asked for
            target = (site / rel).resolve()
            target.relative_to(site.resolve())
        except (ValueError, OSError):
            return self._refuse(404, "not found")
        hidden = any(part.startswith(".") or part == ".." for part in rel.parts)
        if hidden or (rel.parts and rel.parts[0] == STORE_DIR) or not target.is_file():
            return self._refuse(404, f"not found: {path}")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self._send(200, ctype, target.read_bytes(), method)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, ctype: str, data: bytes, method: str = "GET") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)

    def _refuse(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), self.command)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


class _Front(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Path, backend_host: str, backend_port: int,
                 quiet: bool = False):
        super().__init__(address, _FrontHandler)
        self.site = site
        self.backend_host = backend_host
        self.backend_port = backend_port
        self.quiet = quiet


def views(site: Path) -> list[str]:
    """The HTML files at the top of a build folder, sorted."""
    return sorted(p.name for p in Path(site).glob("*.html") if p.is_file() and not p.name.startswith("."))


def index_page(site: Path) -> str:
    """A small landing page: the HTML views, the query UI and the endpoint."""
    items = "".join(f'<li><a href="/{quote(v)}">{html.escape(v)}</a></li>' for v in views(site)) \
        or "<li>(no HTML views in this build)</li>"
    queries = "".join(f"<li><code>{html.escape(n)}</code> — {html.escape(d)}</li>" for n, d in describe_queries())
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>mzgraph</title></head><body>'
        f"<h1>mzgraph: {html.escape(Path(site).resolve().name)}</h1>"
        f"<h2>Views</h2><ul>{items}</ul>"
        f'<h2>SPARQL</h2><ul><li><a href="{UI_PREFIX}">query UI</a></li>'
        "<li>endpoint: <code>/query</code> (SPARQL 1.1 Protocol, read-only; JSON, XML, CSV, TSV by Accept)</li>"
        "</ul>"
        f"<h2>Named queries</h2><ul>{queries}</ul></body></html>"
    )


@dataclass
class Served:
    """What :func:`serve` prints on start."""

    url: str
    endpoint: str
    ui: str
    views: list[str]
    backend: Oxigraph


def serve(build: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, quiet: bool = False,
          on_ready: Callable[[Served], None] | None = None, stop: threading.Event | None = None) -> int:
    """Serve ``build`` until SIGINT/SIGTERM (or ``stop`` is set); the Oxigraph child is always reaped."""
    site = Path(build).resolve()
    location = store_dir(site)
    try:
        front = _Front((host, port), site, DEFAULT_HOST, 0, quiet)
    except OSError as exc:
        raise MzgraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    backend = None
    thread = None
    try:
        backend = start_oxigraph(location, read_only=True)
        front.backend_port = int(backend.url.rsplit(":", 1)[1])
        thread = threading.Thread(target=front.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        thread.start()
        shown = "localhost" if host in ("", "0.0.0.0", "::") else host
        bound = front.server_address[1]
        base = f"http://{shown}:{bound}"
        if on_ready:
            on_ready(Served(base + "/", base + "/query", base + UI_PREFIX,
                            [f"{base}/{quote(v)}" for v in views(site)], backend))
        while not stop.wait(0.5):
            if backend.process.poll() is not None:
                raise MzgraphError(f"oxigraph stopped unexpectedly (exit code {backend.process.returncode})")
        return 0
    finally:
        if thread is not None:
            front.shutdown()
            thread.join()
        front.server_close()
        if backend is not None:
            backend.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
