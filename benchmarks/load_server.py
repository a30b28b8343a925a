"""Load test: N concurrent clients run the named queries against `mzgraph serve` for a fixed time.

    .venv/bin/python benchmarks/load_server.py OUT [--clients 8] [--seconds 30] [--port P]

OUT is a build folder (with store/). The server is `mzgraph serve OUT --port P`; if that
command does not exist, `oxigraph serve-read-only --location OUT/store` is started instead.
Loopback only; every loop is bounded by the deadline. Prints requests, errors and p50/p99/max
latency, and exits non-zero if any request failed.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(out: Path, port: int) -> tuple[subprocess.Popen, str]:
    """`mzgraph serve` if available, else Oxigraph's read-only server; returns (process, query URL)."""
    mzgraph = VENV_BIN / "mzgraph"
    has_serve = subprocess.run([str(mzgraph), "serve", "--help"], capture_output=True).returncode == 0
    if has_serve:
        cmd = [str(mzgraph), "serve", str(out), "--port", str(port), "--quiet"]
    else:
        cmd = [str(VENV_BIN / "oxigraph"), "serve-read-only", "--location", str(out / "store"),
               "--bind", f"{HOST}:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://{HOST}:{port}/query"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace')[:500]}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not listen on {HOST}:{port} within 30 s: {' '.join(cmd)}")


def client(url: str, queries: list[str], deadline: float, latencies: list[float], errors: list[str],
           lock: threading.Lock) -> None:
    i = 0
    while time.monotonic() < deadline:
        q = queries[i % len(queries)]
        i += 1
        req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": q}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                body = resp.read()
                ok = resp.status == 200 and b'"results"' in body
        except (urllib.error.URLError, OSError) as exc:
            ok, body = False, str(exc).encode()
        dt = time.perf_counter() - t0
        with lock:
            latencies.append(dt)
            if not ok:
                errors.append(body[:200].decode(errors="replace"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="build folder with store/")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--port", type=int, default=0, help="default: a free port")
    args = p.parse_args(argv)
    from mzgraph.query import named_queries

    queries = list(named_queries().values())
    port = args.port or _free_port()
    proc, url = start_server(args.out, port)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    try:
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(url, queries, deadline, latencies, errors, lock))
                   for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
    print(f"{args.clients} clients x {args.seconds:.0f} s, {len(queries)} named queries against {url}")
    print(f"requests {len(lat)}  errors {len(errors)}  throughput {len(lat) / args.seconds:.1f} req/s")
    print(f"latency p50 {q[49] * 1000:.1f} ms  p99 {q[98] * 1000:.1f} ms  max {lat[-1] * 1000:.1f} ms")
    for e in errors[:5]:
        print(f"  error: {e}")
    return 1 if errors or not lat else 0


if __name__ == "__main__":
    sys.exit(main())
