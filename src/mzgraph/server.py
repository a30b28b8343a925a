"""A read-only SPARQL endpoint over a build, with its HTML views, for a browser or any SPARQL client.

``oxigraph serve-read-only`` answers SPARQL 1.1 Protocol queries but serves no files, so a small
front (``ThreadingHTTPServer``) owns the public port: it serves the build folder's HTML views,
proxies ``/query``, ``/sparql``, ``GET /store`` and the Oxigraph query UI (at ``/ui/``) to the
Oxigraph child on an internal loopback port, and refuses every update itself.

The front checks each query before the engine sees it (no update, no ``SERVICE`` unless
allowed: :mod:`.store.guard`) and forwards exactly the text it checked; it gives a query
``timeout`` seconds (Oxigraph's own ``--timeout-s`` then cancels the work), refuses ``Host``
names other than this machine's (DNS rebinding), caps request sizes and closes idle
connections. When a rebuild publishes a new store into the served folder, a fresh Oxigraph
child is started on it and the old one is stopped once its last request is answered
(:mod:`.backend`).
"""
from __future__ import annotations

import contextlib
import html
import http.client
import ipaddress
import mimetypes
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from . import explorer
from .backend import DEFAULT_HOST, Backends, Oxigraph, find_oxigraph, free_port, start_oxigraph
from .errors import MzgraphError, QueryError
from .store.guard import check_query
from .store.oxigraph import STORE_DIR, store_dir
from .store.queries import describe_queries
from .store.sparql import DEFAULT_TIMEOUT

__all__ = ["DEFAULT_HOST", "DEFAULT_IDLE_TIMEOUT", "DEFAULT_PORT", "MAX_BODY", "MAX_TARGET", "Oxigraph", "Served",
           "find_oxigraph", "free_port", "index_page", "serve", "start_oxigraph", "views"]

DEFAULT_PORT = 7878
DEFAULT_IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent (before or inside a request)
MAX_TARGET = 8 * 1024  # bytes of a request target; longer: 414
MAX_SEGMENT = 255  # bytes of one path segment (a file name cannot be longer): 414
MAX_BODY = 1024 * 1024  # bytes of a POST body (a query); larger: 413
_BUFFERED = 1024 * 1024  # a SPARQL answer up to this size is sent only once complete (so a timeout is a clean 503)
UI_PREFIX = "/ui/"
_QUERY_PATHS = ("/query", "/sparql")
_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
_LOCAL_NAMES = ("localhost", "localhost.", "127.0.0.1", "::1")
_CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph appends to a result it stops
# Oxigraph's own UI assets, fetched by the UI page from these paths (the page's own files under /ui/).
_UI_ASSETS = ("/logo.svg",)
_UI_FILES = ("/", "/yasgui.min.css", "/yasgui.min.js")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authenticate", "proxy-authorization", "server", "date", "content-length"}
_FORWARD_REQUEST = ("Accept", "Accept-Language")


# -- requests ------------------------------------------------------------------------------------

class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _host_name(header: str) -> str | None:
    """The name in a ``Host`` header (``name``, ``name:port``, ``[v6]:port``), lowercased; None if malformed."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else rest
    else:
        name, _, port = header.partition(":") if header.count(":") <= 1 else (header, "", "")
    if port and not port.isdigit():
        return None
    return name or None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _query_of(method: str, url_query: str, ctype: str, body: bytes) -> tuple[str, list[tuple[str, str]]]:
    """(query text, dataset parameters) of a SPARQL 1.1 Protocol request; _Refused if it has none
    or carries an update."""
    try:
        params = parse_qs(url_query, keep_blank_values=True, strict_parsing=False, errors="strict")
        ctype = ctype.split(";")[0].strip().lower()
        queries = params.get("query", [])
        if method == "POST":
            if ctype == "application/sparql-update":
                raise _Refused(403, "this endpoint is read-only: SPARQL updates are refused")
            if ctype == "application/sparql-query":
                queries = queries + [body.decode("utf-8")]
            elif ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict")
                if "update" in form:
                    raise _Refused(403, "this endpoint is read-only: SPARQL updates are refused")
                queries = queries + form.get("query", [])
                for key in _DATASET_PARAMS:
                    params.setdefault(key, []).extend(form.get(key, []))
            else:
                raise _Refused(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
    except UnicodeDecodeError:
        raise _Refused(400, "the query is not UTF-8") from None
    if len(queries) != 1:
        raise _Refused(400, "give one SPARQL query (a 'query' parameter or an application/sparql-query body)")
    dataset = [(key, value) for key in _DATASET_PARAMS for value in params.get(key, [])]
    return queries[0], dataset


class _FrontHandler(BaseHTTPRequestHandler):
    """Routes: views from the build folder, SPARQL reads proxied, every write refused.

    :meth:`_route` is the one dispatch point; pages that are not files of the build register in
    ``pages`` (path → method taking the handler and the HTTP method)."""

    server_version = "mzgraph"
    protocol_version = "HTTP/1.0"  # responses are streamed and end with the connection
    server: _Front
    pages: dict[str, Callable[[_FrontHandler, str], None]] = {}

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # applies to every read and write on the connection
        super().setup()
        # Headers and body go out as two writes: without this the body waits for the client's delayed ACK.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # -- routing -------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str) -> None:
        try:
            self._check_request()
            if method not in ("GET", "HEAD", "POST"):
                raise _Refused(405, "this endpoint is read-only")
            self._route(method)
        except _Refused as exc:
            self._refuse(exc.status, str(exc))
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 (one line in the log, a 500 to the client; never a traceback)
            self.log_error("internal error on %s: %s", self.path[:200], " ".join(str(exc).split()))
            with contextlib.suppress(OSError):
                self._refuse(500, "internal error")

    def _check_request(self) -> None:
        if len(self.path) > MAX_TARGET:
            raise _Refused(414, f"request target longer than {MAX_TARGET} bytes")
        if any(len(seg.encode("utf-8", "replace")) > MAX_SEGMENT for seg in unquote(urlsplit(self.path).path).split("/")):
            raise _Refused(414, f"a path segment is longer than {MAX_SEGMENT} bytes")
        host = self.headers.get("Host")
        if host is not None and not self.server.host_allowed(host):
            raise _Refused(403, f"Host {host[:100]!r} is not this server's name; "
                                "start it with --allow-host NAME to accept it")

    def _route(self, method: str) -> None:
        split = urlsplit(self.path)
        path = split.path
        ui = path.startswith(UI_PREFIX)
        # Under /ui/ the Oxigraph UI page and its endpoint live at the backend's root.
        target = self.path[len(UI_PREFIX) - 1:] if ui else self.path
        backend_path = urlsplit(target).path
        if backend_path == "/update" or backend_path.startswith("/update/"):
            raise _Refused(403, "this endpoint is read-only: SPARQL updates are refused")
        if backend_path in _QUERY_PATHS and method != "POST" and not split.query:
            # the service description names the public endpoint, not the store's internal port
            host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            return self._send(*explorer.service_description(host, self.headers.get("Accept", "")), method)
        if backend_path in _QUERY_PATHS:
            return self._query(method, split.query)
        if method == "POST":
            raise _Refused(405, f"POST is accepted on {' and '.join(_QUERY_PATHS)} only")
        if path in self.pages:
            return self.pages[path](self, method)
        if explorer.handles(path):  # search, entity and article pages, timeline, linked data, query page
            return self._send(*explorer.respond(self.server.site, path, split.query,
                                                self.headers.get("Accept", "")), method)
        if (ui and backend_path in _UI_FILES) or backend_path == "/store" or path in _UI_ASSETS:
            return self._proxy(method, target)  # nothing else reaches the engine: every query went above
        if ui:
            raise _Refused(404, f"not found: {path}")
        if path == UI_PREFIX.rstrip("/"):
            return self._redirect(UI_PREFIX)
        if path == "/" and not (self.server.site / "index.html").is_file():
            page = index_page(self.server.site).encode("utf-8")
            return self._send(200, "text/html; charset=utf-8", page, method)
        return self._static(method, "/index.html" if path == "/" else path)

    # -- SPARQL --------------------------------------------------------------
    def _body(self) -> bytes:
        length = self.headers.get("Content-Length", "").strip()
        if not length.isdigit():
            raise _Refused(411, "POST needs a Content-Length")
        if int(length) > MAX_BODY:
            self.close_connection = True
            raise _Refused(413, f"request body larger than {MAX_BODY} bytes")
        return self.rfile.read(int(length))

    def _query(self, method: str, url_query: str) -> None:
        body = self._body() if method == "POST" else b""
        sparql, dataset = _query_of(method, url_query, self.headers.get("Content-Type", ""), body)
        try:
            check_query(sparql, allow_service=self.server.allow_service)
        except QueryError as exc:
            raise _Refused(403 if "read-only" in str(exc) else 400, str(exc).replace(
                "--allow-service (allow_service=True in Python)", "mzgraph serve --allow-service")) from None
        target = "/query" + ("?" + urlencode(dataset) if dataset else "")
        headers = {k: v for k in _FORWARD_REQUEST if (v := self.headers.get(k)) is not None}
        headers["Content-Type"] = "application/sparql-query; charset=utf-8"
        self._proxy("POST", target, sparql.encode("utf-8"), headers, answer=method, limit=self.server.query_timeout)

    def _proxy(self, method: str, target: str, body: bytes = b"", headers: dict[str, str] | None = None, *,
               answer: str | None = None, limit: float | None = None) -> None:
        """Forward to the Oxigraph child; a SPARQL answer (``limit`` given) is held until complete
        (up to 1 MB) so that a query over ``limit`` seconds gets a clean 503."""
        answer = answer or method
        if headers is None:
            headers = {k: v for k in _FORWARD_REQUEST if (v := self.headers.get(k)) is not None}
        deadline = time.monotonic() + limit if limit else None
        with self.server.backends.use() as backend:
            conn = http.client.HTTPConnection(DEFAULT_HOST, backend.port, timeout=limit + 5 if limit else 300)
            try:
                conn.request(method, target, body=body if method == "POST" else None, headers=headers)
                sock = conn.sock  # http.client lets go of it once a closing response is read
                if deadline is not None:
                    sock.settimeout(max(0.01, deadline - time.monotonic()))
                resp = conn.getresponse()
                self._relay(resp, sock, answer, deadline)
            except TimeoutError:
                with contextlib.suppress(OSError):
                    self._over_time()
            except OSError as exc:
                with contextlib.suppress(OSError):
                    self._refuse(502, f"SPARQL backend unavailable: {exc}")
            finally:
                conn.close()

    def _over_time(self) -> None:
        self._refuse(503, f"query stopped: it took longer than {self.server.query_timeout:g} s "
                          "(mzgraph serve --timeout)")

    def _relay(self, resp: http.client.HTTPResponse, sock: socket.socket, method: str,
               deadline: float | None) -> None:
        held: list[bytes] = []
        size = 0
        sent = deadline is None  # headers already sent: stream the rest as it comes
        if sent:
            self._start_response(resp, None)
        while True:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    if not sent:
                        return self._over_time()
                    self.close_connection = True  # mid-stream: end it; the engine cancels on its own limit
                    return
                sock.settimeout(left)
            try:
                chunk = resp.read1(64 * 1024)
            except TimeoutError:
                if not sent:
                    return self._over_time()
                self.close_connection = True
                return
            if not chunk:
                break
            if sent:
                if method != "HEAD":
                    self.wfile.write(chunk)
                continue
            held.append(chunk)
            size += len(chunk)
            if size > _BUFFERED:
                self._start_response(resp, None)
                if method != "HEAD":
                    self.wfile.write(b"".join(held))
                held, sent = [], True
        if not sent:
            data = b"".join(held)
            if data.rstrip().endswith(_CANCELLED):
                return self._over_time()
            self._start_response(resp, len(data))
            if method != "HEAD":
                self.wfile.write(data)

    def _start_response(self, resp: http.client.HTTPResponse, length: int | None) -> None:
        """Status and end-to-end headers of ``resp``; ``length``: the Content-Length of a held answer."""
        self.send_response(resp.status, resp.reason)
        for key, value in resp.getheaders():
            if key.lower() not in _HOP_BY_HOP or (key.lower() == "content-length" and length is None):
                self.send_header(key, value)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    # -- files and small answers ---------------------------------------------
    def _static(self, method: str, path: str) -> None:
        site = self.server.site
        rel = Path(unquote(path).lstrip("/"))
        try:  # outputs are symlinks into the build's current generation: check the path asked for
            target = (site / rel).resolve()
            target.relative_to(site.resolve())
            hidden = any(part.startswith(".") or part == ".." for part in rel.parts)
            if hidden or (rel.parts and rel.parts[0] == STORE_DIR) or not target.is_file():
                raise _Refused(404, f"not found: {path}")
            data = target.read_bytes()
        except (ValueError, OSError):
            raise _Refused(404, f"not found: {path}") from None
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self._send(200, ctype, data, method)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, ctype: str, data: bytes, method: str | None = "GET") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)

    def _refuse(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), self.command)
        if status in (413, 414):  # the rest of the request is unread: let the client see the answer
            self._drain()

    def _drain(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(1.0)
            end = time.monotonic() + 2.0
            while time.monotonic() < end and self.connection.recv(64 * 1024):
                pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's protocol errors (bad request line, 414 over 64 KB, 431 …) as one line too."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self._refuse(code, message or self.responses.get(code, ("error",))[0])

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


class _Front(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Path, *, quiet: bool = False,
                 query_timeout: float | None = DEFAULT_TIMEOUT, allow_service: bool = False,
                 allow_hosts: Iterable[str] = (), idle_timeout: float = DEFAULT_IDLE_TIMEOUT):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _FrontHandler)
        self.site = site
        self.quiet = quiet
        self.query_timeout = query_timeout
        self.allow_service = allow_service
        self.idle_timeout = idle_timeout
        names = {n.strip().lower().strip("[]") for n in allow_hosts}
        self.any_host = "*" in names
        self.host_names = names | set(_LOCAL_NAMES) | {address[0].lower()}
        self.backends: Backends | None = None

    def host_allowed(self, header: str) -> bool:
        """A ``Host`` this server answers to: this machine by address or as localhost, or a name given
        with --allow-host. A page of another site that its DNS points here carries its own name."""
        name = _host_name(header)
        if name is None:
            return False
        return self.any_host or name in self.host_names or name.endswith(".localhost") or _is_ip(name)

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if not self.quiet and not isinstance(exc, (ConnectionError, TimeoutError)):
            print(f"mzgraph serve: {client_address[0]}: {type(exc).__name__}: {exc}", file=sys.stderr)


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


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Served:
    """What :func:`serve` prints on start."""

    url: str
    endpoint: str
    ui: str
    views: list[str]
    backend: Oxigraph
    loopback: bool = True  # False: reachable from other machines (the CLI warns)
    host: str = DEFAULT_HOST


def serve(build: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, quiet: bool = False,
          on_ready: Callable[[Served], None] | None = None, stop: threading.Event | None = None,
          timeout: float | None = DEFAULT_TIMEOUT, allow_service: bool = False, allow_hosts: Iterable[str] = (),
          idle_timeout: float = DEFAULT_IDLE_TIMEOUT, poll: float = 0.1) -> int:
    """Serve ``build`` until SIGINT/SIGTERM (or ``stop`` is set); the Oxigraph children are always reaped.

    ``timeout``: seconds a query may run (None: no limit); ``allow_hosts``: more ``Host`` names to
    answer to (``*``: any); ``idle_timeout``: seconds a silent connection is kept; ``poll``: how
    often the folder is checked for a newly published store."""
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise MzgraphError(f"serve: --port must be between 0 and 65535, got {port}")
    if timeout is not None and timeout <= 0:
        timeout = None
    site = Path(build).resolve()
    store_dir(site)  # a clear error before anything listens
    try:
        front = _Front((host, port), site, quiet=quiet, query_timeout=timeout, allow_service=allow_service,
                       allow_hosts=allow_hosts, idle_timeout=idle_timeout)
    except (OSError, OverflowError) as exc:
        raise MzgraphError(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    thread = None
    try:
        front.backends = Backends(site, timeout)
        thread = threading.Thread(target=front.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        thread.start()
        bound_host, bound = front.server_address[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        base = f"http://{shown}:{bound}"
        if on_ready:
            on_ready(Served(base + "/", base + "/query", base + UI_PREFIX,
                            [f"{base}/{quote(v)}" for v in views(site)], front.backends.current.oxigraph,
                            _is_loopback(bound_host), bound_host))
        while not stop.wait(poll):
            front.backends.refresh()
            process = front.backends.current.oxigraph.process
            if process.poll() is not None:
                raise MzgraphError(f"oxigraph stopped unexpectedly (exit code {process.returncode})")
        return 0
    finally:
        if thread is not None:
            front.shutdown()
            thread.join()
        front.server_close()
        if front.backends is not None:
            front.backends.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
