"""``mzgraph build INPUTS --out OUT``: the knowledge graph of article files or folders."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..errors import shown_path
from ..pipeline import ENGINES, BuildEvent, FileDone, FileSkipped, PhaseProgress, build, default_jobs

__all__ = ["configure", "run"]


def _eta(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def _renderer(tty: bool, clock=time.monotonic):
    """Events as the CLI prints them: on a terminal one progress line for every phase (extract, merge,
    turtle, store, answers: counts and an ETA); one line per skipped file or warning everywhere."""
    started: dict[str, tuple[float, int]] = {}  # phase → (when it started, its count then)

    def line(phase: str, done: int, total: int, unit: str, name: str = "") -> None:
        now = clock()
        t0, d0 = started.setdefault(phase, (now, done))
        rate = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
        eta = f" ETA {_eta((total - done) / rate)}" if rate and total > done else ""
        if done >= total:
            eta = f" {_eta(now - t0)}"
        text = f"{phase} {done}/{total} {unit}{eta}" + (f" {name[:40]}" if name else "")
        print(f"\r{text:<78}", end="", file=sys.stderr, flush=True)

    def render(event: BuildEvent) -> None:
        if isinstance(event, (FileDone, PhaseProgress)):
            if tty:
                if isinstance(event, FileDone):
                    line("extract", event.done, event.total, "files", event.name)
                else:
                    line(event.phase, event.done, event.total, event.unit)
            return
        if isinstance(event, FileSkipped):  # a name that is not UTF-8 is shown escaped, never as raw bytes
            event = FileSkipped(shown_path(event.path), event.reason)
        if tty:
            print(file=sys.stderr)
        print(f"mzgraph: {event}", file=sys.stderr)

    return render


def run(args: argparse.Namespace) -> int:
    tty = sys.stderr.isatty()
    jobs = args.jobs if args.jobs is not None else default_jobs()
    report = build(args.inputs, args.out, strict=args.strict, store=not args.no_store, jobs=jobs,
                   engine=args.engine, scheduler=args.scheduler, use_cache=not args.no_cache,
                   on_event=_renderer(tty), allow_empty=args.allow_empty, wait=not args.no_wait)
    if tty:
        print(file=sys.stderr)
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(report.distinct.items()) if n)
    print(f"built {shown_path(args.out)}/graph.ttl: {report.files} files, {report.articles} articles, "
          f"{report.triples} triples")
    print(f"entities: {by_type or 'none'}")
    if report.failures:
        print(f"{len(report.failures)} file(s) failed:", file=sys.stderr)
        for path, reason in report.failures:
            print(f"  {shown_path(path)}: {reason}", file=sys.stderr)
        return 1
    return 0


def configure(b: argparse.ArgumentParser) -> None:
    b.add_argument("inputs", nargs="*", type=Path, default=[Path("seeds")], help="files or folders (default: seeds)")
    b.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    b.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    b.add_argument("--no-store", action="store_true", help="write graph.ttl only, no Oxigraph store")
    b.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes for the local engine (default: this machine's processors)")
    b.add_argument("--engine", choices=tuple(ENGINES), default="local", help="where extraction runs")
    b.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)")
    b.add_argument("--no-cache", action="store_true", help="re-extract every file, ignoring cached shards")
    b.add_argument("--allow-empty", action="store_true",
                   help="publish a graph of the ontology alone when the inputs give no article (default: exit 2)")
    b.add_argument("--no-wait", action="store_true",
                   help="when another build is writing into --out, exit 2 naming it instead of waiting")
    b.set_defaults(func=run)
