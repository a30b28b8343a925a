"""The ``mzgraph`` command: parse options, call one library function, print."""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .commands import COMMANDS, command
from .errors import MzgraphError, os_error_message

__all__ = ["make_parser", "parse", "main"]


def make_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the command it names is configured (and its module imported)."""
    chosen = command(argv[0]) if argv else None
    p = argparse.ArgumentParser(prog="mzgraph", description="Civil-affairs news → RDF knowledge graph.")
    p.add_argument("--version", action="version", version=f"mzgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for cmd in COMMANDS:
        parser = sub.add_parser(cmd.name, help=cmd.help)
        if chosen is None or cmd is chosen:
            cmd.module().configure(parser)
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """The command's options, written before, between or after its arguments
    (``query GRAPH --format csv 'SELECT …'``): each command's own parser reads them intermixed."""
    parser = make_parser(argv)
    cmd = command(argv[0]) if argv else None
    if cmd is None:
        return parser.parse_args(argv)  # --version, --help, or an unknown command: argparse says so
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args = sub.choices[cmd.name].parse_intermixed_args(argv[1:])
    args.command = cmd.name
    return args


def _say(message: str) -> None:
    """One line on stderr: the first line of ``message``, control characters and unencodable bytes escaped."""
    line = next(iter(str(message).splitlines()), "").strip()
    line = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in line)
    print(f"mzgraph: {line}", file=sys.stderr)


def _quiet_broken_pipe() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as Python's documentation advises."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second "Broken pipe" when the interpreter flushes stdout
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; every error ends as one line ``mzgraph: …`` on stderr and a non-zero exit."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, where it can be handled, not at exit
        return code
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except MzgraphError as exc:
        _say(str(exc))
        return 2
    except OSError as exc:  # the system refused: a full disk, a read-only folder, a path that is not a folder
        _say(os_error_message(exc))
        return 2
    except KeyboardInterrupt:
        _say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
