"""Issue 14, rows 9-17: SPARQL, `serve` and `push` hold up against hostile input and slow peers.

Nothing here leaves the machine: every URL is 127.0.0.1, either a port nobody listens on or a
socket the test itself holds.
"""
from __future__ import annotations

import base64
import contextlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from serving import serve_process

from mzgraph.errors import QueryError
from mzgraph.query import run_query
from mzgraph.server import free_port

CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mzgraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def _one_line_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mzgraph: "), out.stderr
    for needle in needles:
        assert needle in lines[0], out.stderr


def _service_query(port: int) -> str:
    return f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


class Serving:
    def __init__(self, proc: subprocess.Popen, port: int, banner: list[str]):
        self.proc, self.port, self.banner = proc, port, banner
        self.url = f"http://127.0.0.1:{port}"

    def request(self, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 30) -> tuple[int, str]:
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def sparql(self, query: str, **kw) -> tuple[int, str]:
        return self.request("/query", data=query.encode("utf-8"),
                            headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"}, **kw)

    def backend_pid(self) -> int:
        return int(next(line for line in self.banner if "oxigraph pid" in line).split("pid ")[1].split()[0])


@contextlib.contextmanager
def serving(build: Path, *extra: str, host: str | None = None):
    with serve_process(build, *extra, host=host) as (proc, port, banner):
        yield Serving(proc, port, banner)


@pytest.fixture(scope="module")
def server(seed_dir):
    with serving(seed_dir) as s:
        yield s


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- row 9: SERVICE -------------------------------------------------------------------------------

# (query, calls a SERVICE): the keyword counts only as a token of the query, in any case and spacing.
SERVICE_TABLE = [
    ("SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", True),
    ("SELECT * {{ sErViCe<http://127.0.0.1:{port}/>{{ ?s ?p ?o }} }}", True),
    ("SELECT * {{ ?x ?y ?z # a comment\nSERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", True),
    ("PREFIX ex: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE ex:sparql {{ ?s ?p ?o }} }}", True),
    ('SELECT * {{ ?s ?p ?o FILTER(?o != "SERVICE <http://127.0.0.1:{port}/>") }} LIMIT 1', False),
    ("# SERVICE <http://127.0.0.1:{port}/> {{ }}\nSELECT * {{ ?s ?p ?o }} LIMIT 1", False),
    ("SELECT ?service {{ ?service ?p ?o }} LIMIT 1", False),
    ("PREFIX service: <http://127.0.0.1:{port}/> SELECT * {{ ?s ?p ?o FILTER(?p != service:SERVICE) }} LIMIT 1",
     False),
    ("SELECT * {{ ?s ?p ?o FILTER(?s != <http://127.0.0.1:{port}/SERVICE>) }} LIMIT 1", False),
    ("SELECT * {{ ?s ?p ?o FILTER(?o != '''x '' SERVICE <a:b> {{}}''') }} LIMIT 1", False),
]


@pytest.mark.parametrize("template, calls", SERVICE_TABLE)
def test_row09_service_refused_only_when_it_is_one(template, calls, seed_dir):
    query = template.format(port=free_port())
    if calls:
        with pytest.raises(QueryError, match="SERVICE .* refused"):
            run_query(seed_dir, query)
    else:
        assert len(run_query(seed_dir, query).rows) == 1


def test_row09_service_refused_through_rdflib(seed_dir):
    from mzgraph.store import open_graph

    graph = open_graph(seed_dir).rdflib()
    with pytest.raises(QueryError, match="SERVICE"):
        graph.query(_service_query(free_port()))
    assert len(graph.query("SELECT * { ?s ?p ?o } LIMIT 2")) == 2


def test_row09_service_refused_in_the_cli(seed_dir):
    _one_line_error(_cli("query", str(seed_dir), _service_query(free_port()), timeout=60),
                    "SERVICE", "refused", "--allow-service")


def test_row09_allow_service_lets_it_through(seed_dir):
    out = _cli("query", "--allow-service", str(seed_dir), _service_query(free_port()), timeout=60)
    _one_line_error(out, "query failed")  # it did try: the port is closed
    assert "refused" not in out.stderr.split("query failed")[0]


def test_row09_service_refused_by_the_server(server):
    status, body = server.sparql(_service_query(free_port()))
    assert status == 400
    assert body.count("\n") == 1 and "SERVICE" in body and "--allow-service" in body
    status, body = server.request("/query?" + urllib.parse.urlencode({"query": _service_query(free_port())}))
    assert status == 400 and "SERVICE" in body


@pytest.mark.parametrize("path, status", [
    ("/sparql", 400), ("/ui/query", 400), ("/ui/sparql", 400), ("/ui//query", 404), ("/ui/x/../query", 404),
])
def test_row09_every_way_to_the_engine_is_checked(path, status, server):
    query = urllib.parse.urlencode({"query": _service_query(free_port())})
    assert server.request(f"{path}?{query}")[0] == status
    assert server.request(path, data=query.encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})[0] in (status, 405)


def test_row09_server_allow_service(seed_dir):
    with serving(seed_dir, "--allow-service") as s:
        status, body = s.sparql(_service_query(free_port()))
        assert "--allow-service" not in body  # passed to the engine, which cannot reach the closed port
        assert s.sparql(COUNT)[0] == 200


# -- row 10: errors while rows are read --------------------------------------------------------------

ROW_ERROR = "SELECT * { BIND(<x:> AS ?s) SERVICE ?s { ?a ?b ?c } }"


@pytest.mark.parametrize("extra, needle", [([], "SERVICE"), (["--allow-service"], "query failed")])
def test_row10_row_errors_are_one_line(extra, needle, seed_dir):
    _one_line_error(_cli("query", *extra, str(seed_dir), ROW_ERROR, timeout=60), needle)


def test_row10_row_errors_in_the_api(seed_dir):
    with pytest.raises(QueryError, match="query failed"):
        run_query(seed_dir, ROW_ERROR, allow_service=True)


# -- row 11: time limits -----------------------------------------------------------------------------

def test_row11_cli_timeout_stops_the_query(seed_dir):
    t0 = time.monotonic()
    out = _cli("query", "--timeout", "2", str(seed_dir), CARTESIAN, timeout=60)
    _one_line_error(out, "longer than 2 s")
    assert time.monotonic() - t0 < 20


def test_row11_cli_has_a_default_timeout():
    out = _cli("query", "--help")
    text = " ".join(out.stdout.split())
    assert "--timeout S" in text and "(default: 60;" in text


def test_row11_api_timeout_leaves_no_worker(seed_dir):
    before = set(_children_of(os.getpid()))  # e.g. a server fixture
    t0 = time.monotonic()
    with pytest.raises(QueryError, match="longer than 1 s"):
        run_query(seed_dir, CARTESIAN, timeout=1)
    assert time.monotonic() - t0 < 10
    assert set(_children_of(os.getpid())) <= before
    assert run_query(seed_dir, COUNT, timeout=30).rows  # a quick query still answers


def test_row11_server_timeout_frees_the_core(seed_dir):
    with serving(seed_dir, "--timeout", "2") as s:
        t0 = time.monotonic()
        status, body = s.sparql(CARTESIAN, timeout=30)
        assert status == 503 and "longer than 2 s" in body
        assert time.monotonic() - t0 < 10
        pid = s.backend_pid()
        time.sleep(2.5)  # the engine's own limit (the front's + 1 s) has cancelled the query by now
        before = _cpu_seconds(pid)
        time.sleep(2)
        assert _cpu_seconds(pid) - before < 0.5  # the engine is idle, not still counting
        assert s.sparql(COUNT)[0] == 200


def test_row11_abandoned_query_is_cancelled(seed_dir):
    with serving(seed_dir, "--timeout", "2") as s:
        with socket.create_connection(("127.0.0.1", s.port)) as c:  # a client that gives up at once
            body = urllib.parse.urlencode({"query": CARTESIAN}).encode()
            c.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                      b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            time.sleep(0.5)
        pid = s.backend_pid()
        time.sleep(4)
        before = _cpu_seconds(pid)
        time.sleep(2)
        assert _cpu_seconds(pid) - before < 0.5


# -- row 12: a rebuild into the served folder --------------------------------------------------------

TINY = "\n".join(f"<https://example.org/s{i}> <https://example.org/p> <https://example.org/o{i}> ." for i in range(3))


def _publish_tiny(out: Path) -> None:
    """Publish a 3-triple build into ``out`` the way a build does (a generation, then the switch)."""
    from mzgraph.pipeline.publish import new_generation, publish
    from mzgraph.store.oxigraph import write_store

    gen = new_generation(out)
    (gen / "graph.ttl").write_text(TINY + "\n", encoding="utf-8")
    write_store(gen, gen / "graph.ttl")
    publish(out, gen)


def test_row12_server_reopens_a_rebuilt_store(seed_dir, seed_graph, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_dir, out, symlinks=True)
    with serving(out) as s:
        assert s.sparql(COUNT)[1].split()[1] == str(len(seed_graph))
        old = (out / "store").resolve()
        _publish_tiny(out)
        published = time.monotonic()
        assert not old.exists()  # the old generation is gone
        answers = []
        while time.monotonic() - published < 5:
            status, body = s.sparql(COUNT)
            answers.append((time.monotonic() - published, status, body.split()[1] if status == 200 else body))
            if answers[-1][2] == "3":
                break
            time.sleep(0.05)
        assert all(status == 200 for _, status, _ in answers), answers
        assert answers[-1][2] == "3" and answers[-1][0] < 2.0, answers
        assert s.request("/graph.ttl")[1].count("example.org/p") == 3
        time.sleep(1)
        assert s.sparql(COUNT)[1].split()[1] == "3"


# -- row 13: Host names --------------------------------------------------------------------------------

@pytest.mark.parametrize("host, allowed", [
    ("evil.example", False),
    ("evil.example:{port}", False),
    ("localhost.evil.example:{port}", False),
    ("localhost:{port}", True),
    ("127.0.0.1:{port}", True),
    ("[::1]:{port}", True),
    ("localhost", True),
])
def test_row13_foreign_host_is_refused(host, allowed, server):
    status, body = server.request("/query?" + urllib.parse.urlencode({"query": COUNT}),
                                  headers={"Host": host.format(port=server.port), "Accept": "text/csv"})
    if allowed:
        assert status == 200
    else:
        assert status == 403 and body.count("\n") == 1 and "--allow-host" in body
        assert server.request("/", headers={"Host": host.format(port=server.port)})[0] == 403


def test_row13_allow_host(seed_dir):
    with serving(seed_dir, "--allow-host", "graph.example", "--allow-host", "other.example") as s:
        for name in ("graph.example", "other.example:80"):
            assert s.request("/", headers={"Host": name})[0] == 200
        assert s.request("/", headers={"Host": "evil.example"})[0] == 403


# -- row 14: oversized and idle requests -----------------------------------------------------------------

def _raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as c:
        c.sendall(data)
        chunks = []
        while chunk := c.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("target, status", [
    ("/" + "a" * 300, 414),
    ("/" + "a" * 8000, 414),
    ("/graph.html?" + "q" * 70000, 414),
])
def test_row14_long_requests_get_414(target, status, server):
    answer = _raw(server.port, f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == str(status).encode(), answer[:300]
    assert body.count(b"\n") == 1 and b"<" not in body


def test_row14_huge_body_gets_413(server):
    answer = _raw(server.port, b"POST /query HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                               b"Content-Length: 99999999999999\r\n\r\nASK {}")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"413", answer[:300]
    assert body.count(b"\n") == 1
    assert server.sparql(COUNT)[0] == 200  # still serving


def test_row14_no_traceback_on_bad_requests(seed_dir):
    with serving(seed_dir) as s:
        _raw(s.port, b"GET /" + b"b" * 4000 + b" HTTP/1.0\r\n\r\n")
        _raw(s.port, b"POST /query HTTP/1.0\r\nContent-Length: 99999999999999\r\n\r\nASK {}")
        _raw(s.port, b"GET /\xff\xfe HTTP/1.0\r\n\r\n")
        assert s.sparql(COUNT)[0] == 200
        s.proc.terminate()
        s.proc.wait(20)
        assert "Traceback" not in s.proc.stderr.read()


def test_row14_idle_connection_is_closed(seed_dir):
    with serving(seed_dir, "--idle-timeout", "1") as s, \
            socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
        t0 = time.monotonic()
        c.sendall(b"GET / HTTP/1.0\r\n")  # ... and never the rest
        while c.recv(65536):  # whatever it answers (408 or nothing), then EOF
            pass
        assert time.monotonic() - t0 < 5


# -- row 15: the listening address -----------------------------------------------------------------------

@pytest.mark.parametrize("port", ["80000", "-1"])
def test_row15_bad_port_is_one_line(port, seed_dir):
    _one_line_error(_cli("serve", str(seed_dir), "--port", port, timeout=60), "port", port)


def test_row15_all_interfaces_prints_the_real_url_and_warns(seed_dir):
    with serving(seed_dir, host="0.0.0.0") as s:
        text = "\n".join(s.banner)
        assert f"SPARQL:   http://0.0.0.0:{s.port}/query" in text
        assert "localhost" not in text
        warning = s.proc.stderr.readline()
        assert "warning" in warning and "0.0.0.0" in warning


# -- row 16: push ----------------------------------------------------------------------------------------

@contextlib.contextmanager
def _silent_endpoint():
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/store"


@contextlib.contextmanager
def _recording_endpoint():
    """A Graph Store endpoint on 127.0.0.1 that keeps each request's Authorization header and answers 204."""
    seen: list[str | None] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers.get("Authorization"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_row16_push_timeout(seed_dir):
    with _silent_endpoint() as url:
        t0 = time.monotonic()
        out = _cli("push", str(seed_dir), "--endpoint", url, "--timeout", "1", timeout=60)
        _one_line_error(out, "no answer within 1 s")
        assert time.monotonic() - t0 < 30


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize("how", ["env", "netrc", "user-name-env-password"])
def test_row16_push_credentials_off_the_command_line(how, seed_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MZGRAPH_PUSH")}
    env["HOME"] = str(tmp_path)
    args = []
    if how == "env":
        env.update(MZGRAPH_PUSH_USER="alice", MZGRAPH_PUSH_PASSWORD="s3cret pass")
        expected = _basic("alice", "s3cret pass")
    elif how == "netrc":
        netrc = tmp_path / ".netrc"
        netrc.write_text("machine 127.0.0.1 login bob password pw-from-netrc\n")
        netrc.chmod(0o600)
        expected = _basic("bob", "pw-from-netrc")
    else:
        env["MZGRAPH_PUSH_PASSWORD"] = "only-in-env"
        args = ["--user", "carol"]
        expected = _basic("carol", "only-in-env")
    with _recording_endpoint() as (url, seen):
        out = _cli("push", str(seed_dir), "--endpoint", url, *args, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert seen == [expected]
    assert "warning" not in out.stderr


def test_row16_password_on_the_command_line_warns(seed_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MZGRAPH_PUSH")}
    env["HOME"] = str(tmp_path)
    with _recording_endpoint() as (url, seen):
        out = _cli("push", str(seed_dir), "--endpoint", url, "--user", "dave:pw", env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert seen == [_basic("dave", "pw")]
    assert "warning" in out.stderr and "ps" in out.stderr


# -- row 17: updates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR DEFAULT", "PREFIX ex: <https://example.org/> INSERT DATA "
                                    "{ ex:a ex:b ex:c }", "delete where { ?s ?p ?o }"])
def test_row17_updates_say_read_only(update, seed_dir, seed_graph):
    _one_line_error(_cli("query", str(seed_dir), update, timeout=60), "read-only")
    with pytest.raises(QueryError, match="read-only"):
        run_query(seed_dir, update)
    assert run_query(seed_dir, COUNT).rows[0]["n"] == len(seed_graph)  # typed: a COUNT is an int


def test_row17_server_says_read_only(server, seed_graph):
    for status, body in (server.sparql("DROP ALL"),
                         server.request("/query?" + urllib.parse.urlencode({"query": "DROP ALL"}))):
        assert status == 403 and "read-only" in body
    assert server.sparql(COUNT)[1].split()[1] == str(len(seed_graph))
