"""Load test: N concurrent clients run the named queries against `mzgraph serve` for a fixed time,
optionally while a rebuild publishes a new graph into the served folder.

    .venv/bin/python benchmarks/load_server.py OUT [--clients 8] [--seconds 30] [--port P]
        [--rebuild INPUT ... [--rebuild-at S]] [--serve-args '--timeout 0']

OUT is a build folder (with store/), served by `mzgraph serve OUT --port P`. With --rebuild,
`mzgraph build INPUT ... --out OUT` starts S seconds in (default: a quarter of the run; negative:
that long before the clients start, for a build slower than half the run) while the clients go on; a probe asks for the triple count every 50 ms, so the figures say how long
after the rebuild was published (OUT/.current switched) the answers came from the new build, and
whether any came from the old one later. Loopback only; every loop is bounded by the deadline.
Prints requests, errors and p50/p99/max latency; exits non-zero if any request failed, or if
the new build was not answering within 2 s of its publication.
"""
from __future__ import annotations

import argparse
import os
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
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SWITCH_LIMIT = 2.0  # seconds from publication to answers from the new build


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(out: Path, port: int, extra: list[str]) -> tuple[subprocess.Popen, str]:
    """`mzgraph serve OUT`; returns (process, query URL) once it listens."""
    cmd = [str(VENV_BIN / "mzgraph"), "serve", str(out), "--port", str(port), "--quiet", *extra]
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


def _ask(url: str, query: str, accept: str = "application/sparql-results+json") -> tuple[bool, bytes]:
    req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
            return resp.status == 200, body
    except (urllib.error.URLError, OSError) as exc:
        return False, str(exc).encode()


def client(url: str, queries: list[str], deadline: float, latencies: list[float], errors: list[str],
           lock: threading.Lock) -> None:
    i = 0
    while time.monotonic() < deadline:
        q = queries[i % len(queries)]
        i += 1
        t0 = time.perf_counter()
        ok, body = _ask(url, q)
        ok = ok and b'"results"' in body
        dt = time.perf_counter() - t0
        with lock:
            latencies.append(dt)
            if not ok:
                errors.append(body[:200].decode(errors="replace"))


def probe(url: str, deadline: float, seen: list[tuple[float, float, str]], errors: list[str],
          lock: threading.Lock) -> None:
    """(sent, answered, triple count) every 50 ms: which build answers."""
    while time.monotonic() < deadline:
        sent = time.monotonic()
        ok, body = _ask(url, COUNT, "text/csv")
        answered = time.monotonic()
        with lock:
            if ok:
                seen.append((sent, answered, body.decode().split()[1]))
            else:
                errors.append("probe: " + body[:200].decode(errors="replace"))
        time.sleep(0.05)


def watch_publish(out: Path, deadline: float, switches: list[tuple[float, str]]) -> None:
    """When OUT/.current changes (a build published), to the millisecond."""
    current = os.readlink(out / ".current") if (out / ".current").is_symlink() else ""
    while time.monotonic() < deadline:
        with_now = os.readlink(out / ".current") if (out / ".current").is_symlink() else ""
        if with_now != current:
            switches.append((time.monotonic(), with_now))
            current = with_now
        time.sleep(0.002)


def rebuild(out: Path, inputs: list[str], at: float, start: float, result: dict) -> None:
    time.sleep(max(0.0, start + at - time.monotonic()))
    result["started"] = time.monotonic()
    done = subprocess.run([str(VENV_BIN / "mzgraph"), "build", *inputs, "--out", str(out)],
                          capture_output=True, text=True)
    result["ended"] = time.monotonic()
    result["code"] = done.returncode
    result["tail"] = (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="build folder with store/")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--port", type=int, default=0, help="default: a free port")
    p.add_argument("--rebuild", nargs="+", metavar="INPUT", help="rebuild OUT from these inputs during the run")
    p.add_argument("--rebuild-at", type=float, help="seconds into the run (default: a quarter of it)")
    p.add_argument("--serve-args", default="", help="more options for `mzgraph serve`, e.g. '--timeout 0'")
    args = p.parse_args(argv)
    from mzgraph.query import named_queries

    queries = list(named_queries().values())
    port = args.port or _free_port()
    proc, url = start_server(args.out, port, args.serve_args.split())
    latencies: list[float] = []
    errors: list[str] = []
    seen: list[tuple[float, float, str]] = []
    switches: list[tuple[float, str]] = []
    built: dict = {}
    lock = threading.Lock()
    try:
        at = args.seconds / 4 if args.rebuild_at is None else args.rebuild_at
        start = time.monotonic() + (max(0.0, -at) if args.rebuild else 0.0)  # when the clients start
        deadline = start + args.seconds
        threads = []
        if args.rebuild:
            threads += [threading.Thread(target=rebuild, args=(args.out, args.rebuild, at, start, built)),
                        threading.Thread(target=watch_publish, args=(args.out, deadline, switches))]
            for t in threads:
                t.start()
            time.sleep(max(0.0, start - time.monotonic()))
            threads.append(threading.Thread(target=probe, args=(url, deadline, seen, errors, lock)))
            threads[-1].start()
        clients = [threading.Thread(target=client, args=(url, queries, deadline, latencies, errors, lock))
                   for _ in range(args.clients)]
        for t in clients:
            t.start()
        for t in threads + clients:
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
    failed = bool(errors) or not lat
    if args.rebuild:
        failed |= _report_rebuild(start, built, switches, seen)
    return 1 if failed else 0


def _report_rebuild(start: float, built: dict, switches: list[tuple[float, str]],
                    seen: list[tuple[float, float, str]]) -> bool:
    """Print when the rebuild ran and published and when the new build answered; True if that failed."""
    if "ended" not in built:
        print("rebuild: did not finish within the run")
        return True
    print(f"rebuild: {built['started'] - start:.1f}-{built['ended'] - start:.1f} s into the run, "
          f"exit {built['code']}: {built['tail'][0]}")
    if not switches:
        print("rebuild: nothing was published")
        return True
    published = switches[-1][0]
    before = {count for sent, _, count in seen if sent < switches[0][0]}
    after = [(sent, answered, count) for sent, answered, count in seen if sent >= published]
    new = after[-1][2] if after else None
    first_new = next((answered for _, answered, count in after if count == new), None)
    stale = [(sent, count) for sent, _, count in after if count != new and first_new is not None and sent > first_new]
    lag = None if first_new is None else first_new - published
    print(f"rebuild: published {published - start:.2f} s into the run; triples before {sorted(before)}, "
          f"after {new}; probe answers {len(seen)}")
    if lag is None:
        print("rebuild: the new build never answered")
        return True
    print(f"rebuild: first answer from the new build {lag * 1000:.0f} ms after publication "
          f"(limit {SWITCH_LIMIT * 1000:.0f} ms); old answers after that: {len(stale)}")
    return lag > SWITCH_LIMIT or bool(stale) or new in before


if __name__ == "__main__":
    sys.exit(main())
