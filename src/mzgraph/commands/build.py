"""``mzgraph build INPUTS --out OUT``: the knowledge graph of article files or folders."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import shown_path
from ..pipeline import ENGINES, BuildEvent, FileDone, FileSkipped, build

__all__ = ["configure", "run"]


def _renderer(tty: bool):
    """Events as the CLI prints them: a progress line on a terminal, one line per skipped file or warning."""
    def render(event: BuildEvent) -> None:
        if isinstance(event, FileDone):
            if tty:
                print(f"\r[{event.done}/{event.total}] {event.name[:60]:<60}", end="", file=sys.stderr, flush=True)
            return
        if isinstance(event, FileSkipped):  # a name that is not UTF-8 is shown escaped, never as raw bytes
            event = FileSkipped(shown_path(event.path), event.reason)
        print(f"mzgraph: {event}", file=sys.stderr)

    return render


def run(args: argparse.Namespace) -> int:
    tty = sys.stderr.isatty()
    report = build(args.inputs, args.out, strict=args.strict, store=not args.no_store, jobs=args.jobs,
                   engine=args.engine, scheduler=args.scheduler, use_cache=not args.no_cache,
                   on_event=_renderer(tty), allow_empty=args.allow_empty, wait=not args.no_wait)
    if tty:
        print(file=sys.stderr)
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(report.entities.items()))
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
    b.add_argument("--jobs", "-j", type=int, default=1, help="worker processes for the local engine (default: 1)")
    b.add_argument("--engine", choices=tuple(ENGINES), default="local", help="where extraction runs")
    b.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)")
    b.add_argument("--no-cache", action="store_true", help="re-extract every file, ignoring cached shards")
    b.add_argument("--allow-empty", action="store_true",
                   help="publish a graph of the ontology alone when the inputs give no article (default: exit 2)")
    b.add_argument("--no-wait", action="store_true",
                   help="when another build is writing into --out, exit 2 naming it instead of waiting")
    b.set_defaults(func=run)
