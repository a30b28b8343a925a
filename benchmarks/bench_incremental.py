"""Re-build times against a full build: an unchanged corpus, then one file changed (the first 民政 of the
middle file read as 民生, as ``run.py`` does), each as seconds and as a share of the full build.

    .venv/bin/python benchmarks/bench_incremental.py CORPUS OUT [--repeat 3] [--jobs 1] [--full-seconds S]

The full build (``--no-cache``) runs first unless ``--full-seconds`` gives its time (``OUT`` must then
hold that build). Each re-build runs as a ``mzgraph build`` child process; the changed file is put
back after every changed re-build and the corpus re-built, so every repeat starts from the same state.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

MZGRAPH = [sys.executable, "-m", "mzgraph.cli", "build"]


def timed(corpus: Path, out: Path, *extra: str) -> float:
    t = time.perf_counter()
    subprocess.run(MZGRAPH + [str(corpus), "--out", str(out), *extra], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--jobs", default="1")
    p.add_argument("--full-seconds", type=float, default=None)
    args = p.parse_args()
    jobs = ("--jobs", args.jobs)
    if args.full_seconds is None:
        shutil.rmtree(args.out, ignore_errors=True)
        full = timed(args.corpus, args.out, "--no-cache", *jobs)
    else:
        full = args.full_seconds
    print(f"full build: {full:.1f} s")
    files = sorted(args.corpus.glob("*.txt"))
    victim = files[len(files) // 2]
    original = victim.read_bytes()
    unchanged, changed = [], []
    for _ in range(args.repeat):
        unchanged.append(timed(args.corpus, args.out, *jobs))
        try:
            victim.write_bytes(original.replace("民政".encode(), "民生".encode(), 1))
            changed.append(timed(args.corpus, args.out, *jobs))
        finally:
            victim.write_bytes(original)
        timed(args.corpus, args.out, *jobs)  # back to the corpus as it was
    for name, runs in (("unchanged", unchanged), ("one file changed", changed)):
        med = statistics.median(runs)
        print(f"{name}: median {med:.2f} s ({100 * med / full:.2f} % of the full build); runs "
              + ", ".join(f"{r:.2f}" for r in runs))


if __name__ == "__main__":
    main()
