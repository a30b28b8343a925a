"""`mzgraph serve` as a real process for the server tests: started on a free port, ready once its
banner ends with "Ctrl-C to stop.", stopped (and its pipes closed) on the way out."""
from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from mzgraph.server import free_port


@contextlib.contextmanager
def serve_process(build: Path, *extra: str, host: str | None = None
                  ) -> Iterator[tuple[subprocess.Popen, int, list[str]]]:
    """(process, port, banner lines) of ``mzgraph serve BUILD --quiet EXTRA…`` while the block runs."""
    port = free_port()
    argv = [sys.executable, "-m", "mzgraph.cli", "serve", str(build), "--port", str(port), "--quiet", *extra]
    if host:
        argv += ["--host", host]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner: list[str] = []
    try:
        for line in proc.stdout:  # the banner ends with "Ctrl-C to stop."; EOF if the server died
            banner.append(line.rstrip("\n"))
            if line.startswith("Ctrl-C"):
                break
        if proc.poll() is not None or not banner or not banner[-1].startswith("Ctrl-C"):
            proc.kill()
            raise AssertionError(f"server did not start: {banner} {proc.stderr.read()}")
        yield proc, port, banner
    finally:
        if proc.poll() is None:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(20)
        proc.stdout.close()
        proc.stderr.close()
