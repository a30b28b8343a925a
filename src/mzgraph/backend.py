"""The Oxigraph server processes behind ``mzgraph serve``: started, watched, swapped, reaped.

``oxigraph serve-read-only`` answers SPARQL on an internal loopback port. :class:`Backends`
keeps one on the build's published store and, when a rebuild publishes another, starts a new
one there and stops the old one once its last request is answered, so nothing is ever served
from a deleted store.
"""
from __future__ import annotations

import contextlib
import http.client
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import MzgraphError
from .store.oxigraph import store_dir

__all__ = ["DEFAULT_HOST", "Backends", "Oxigraph", "find_oxigraph", "free_port", "start_oxigraph"]

DEFAULT_HOST = "127.0.0.1"


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

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

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
                   port: int | None = None, timeout: float = 30.0, query_timeout: float | None = None) -> Oxigraph:
    """Start ``oxigraph serve[-read-only]`` on ``host:port`` and wait until it answers.

    ``query_timeout`` (seconds, rounded up) makes Oxigraph cancel a query that runs longer."""
    port = port or free_port(host)
    cmd = [find_oxigraph(), "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        cmd += ["--location", str(location)]
    elif read_only:
        raise MzgraphError("a read-only Oxigraph server needs a store location")
    if query_timeout:
        cmd += ["--timeout-s", str(max(1, math.ceil(query_timeout)))]
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


@dataclass
class Backend:
    oxigraph: Oxigraph
    store: Path  # the generation's store folder it opened (symlinks resolved)
    users: int = 0


class Backends:
    """The Oxigraph child answering for the build's current store, replaced when a rebuild publishes
    another one: new requests go to the new child at once, the old one is stopped when idle."""

    def __init__(self, site: Path, query_timeout: float | None):
        self.site = site
        self.query_timeout = query_timeout
        self.lock = threading.Lock()
        self.current = self._start(self._published())
        self.retired: list[Backend] = []
        self.failed: tuple[Path, float] | None = None  # a store the engine would not open, and when

    def _published(self) -> Path:
        return store_dir(self.site).resolve()

    def _start(self, store: Path) -> Backend:
        backend_timeout = self.query_timeout + 1 if self.query_timeout else None  # the front answers first
        return Backend(start_oxigraph(store, read_only=True, query_timeout=backend_timeout), store)

    @contextlib.contextmanager
    def use(self):
        """The current backend, counted as busy while the block runs."""
        with self.lock:
            backend = self.current
            backend.users += 1
        try:
            yield backend.oxigraph
        finally:
            with self.lock:
                backend.users -= 1

    def refresh(self) -> bool:
        """Switch to a newly published store, if there is one; True if switched."""
        try:
            store = self._published()
        except (MzgraphError, OSError):
            return False  # mid-publish or removed: keep answering from what is open
        if store == self.current.store:
            return False
        if self.failed and self.failed[0] == store and time.monotonic() - self.failed[1] < 5:
            return False
        try:
            fresh = self._start(store)
        except MzgraphError as exc:  # e.g. already replaced again: a later look finds the newest
            self.failed = (store, time.monotonic())
            print(f"mzgraph serve: {store}: {exc}", file=sys.stderr)
            return False
        with self.lock:
            old, self.current = self.current, fresh
            self.retired.append(old)
        threading.Thread(target=self._retire, args=(old,), daemon=True).start()
        return True

    def _retire(self, old: Backend) -> None:
        deadline = time.monotonic() + (self.query_timeout or 300) + 5
        while old.users and time.monotonic() < deadline:
            time.sleep(0.05)
        old.oxigraph.stop()
        with self.lock:
            self.retired.remove(old)

    def stop(self) -> None:
        with self.lock:
            every = [*self.retired, self.current]
        for backend in every:
            backend.oxigraph.stop()
