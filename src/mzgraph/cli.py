"""The ``mzgraph`` command: parse options, call one library function, print."""
from __future__ import annotations

import argparse
import sys

from .commands import COMMANDS, command
from .errors import MzgraphError

__all__ = ["make_parser", "main"]


def make_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the command it names is configured (and its module imported)."""
    chosen = command(argv[0]) if argv else None
    p = argparse.ArgumentParser(prog="mzgraph", description="Civil-affairs news → RDF knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True)
    for cmd in COMMANDS:
        parser = sub.add_parser(cmd.name, help=cmd.help)
        if chosen is None or cmd is chosen:
            cmd.module().configure(parser)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = make_parser(argv).parse_args(argv)
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
