"""The ``mzgraph`` command: parse options, call one library function, print."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import MzgraphError

FORMATS = ("table", "csv", "json")


def _cmd_build(args) -> int:
    from .pipeline import build

    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int, name: str) -> None:
            print(f"\r[{done}/{total}] {name[:60]:<60}", end="", file=sys.stderr, flush=True)
    report = build(args.inputs, args.out, strict=args.strict, store=not args.no_store, progress=progress,
                   jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, use_cache=not args.no_cache)
    if progress:
        print(file=sys.stderr)
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(report.entities.items()))
    print(f"built {args.out}/graph.ttl: {report.files} files, {report.articles} articles, "
          f"{report.triples} triples")
    print(f"entities: {by_type or 'none'}")
    if report.failures:
        print(f"{len(report.failures)} file(s) failed:", file=sys.stderr)
        for path, reason in report.failures:
            print(f"  {path}: {reason}", file=sys.stderr)
        return 1
    return 0


def _cmd_query(args) -> int:
    from .answers import answer_query
    from .query import describe_queries, named_query

    if args.list:
        for name, doc in describe_queries():
            print(f"{name:<20} {doc}")
        return 0
    if args.graph is None:
        raise MzgraphError("query: give a graph (output folder or .ttl file)")
    if args.name:
        sparql = named_query(args.name)
    elif args.file:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise MzgraphError(f"{args.file}: cannot read query: {exc.strerror}") from None
    elif args.sparql:
        sparql = args.sparql
    else:
        raise MzgraphError("query: give --name NAME, --file Q.rq or a SPARQL string")
    result = answer_query(Path(args.graph), sparql, live=args.live)
    sys.stdout.write(result.format(args.format))
    return 0


def make_parser() -> argparse.ArgumentParser:
    from .commands import COMMANDS

    p = argparse.ArgumentParser(prog="mzgraph", description="Civil-affairs news → RDF knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True)
    _register_core(sub)
    for register in COMMANDS:
        register(sub)
    return p


def _register_core(sub) -> None:

    b = sub.add_parser("build", help="extract a knowledge graph from article files or folders")
    b.add_argument("inputs", nargs="*", type=Path, default=[Path("seeds")], help="files or folders (default: seeds)")
    b.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    b.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    b.add_argument("--no-store", action="store_true", help="write graph.ttl only, no Oxigraph store")
    b.add_argument("--jobs", "-j", type=int, default=1, help="worker processes for the local engine (default: 1)")
    b.add_argument("--engine", choices=("local", "dask"), default="local", help="where extraction runs")
    b.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)")
    b.add_argument("--no-cache", action="store_true", help="re-extract every file, ignoring cached shards")
    b.set_defaults(func=_cmd_build)

    q = sub.add_parser("query", help="run a named or ad-hoc SPARQL query")
    q.add_argument("graph", nargs="?", help="output folder (uses its store) or a .ttl file")
    q.add_argument("sparql", nargs="?", help="a SPARQL query string")
    q.add_argument("--name", help="a named query (see --list)")
    q.add_argument("--file", help="read the query from a .rq file")
    q.add_argument("--format", choices=FORMATS, default="table")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.add_argument("--live", action="store_true",
                   help="run on the store even when the build kept this query's answer")
    q.set_defaults(func=_cmd_query)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except MzgraphError as exc:
        print(f"mzgraph: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mzgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
