"""Sub-commands beyond build and query, one module each.

Each module defines ``register(subparsers)`` that adds its parser and sets
``func`` to a function taking the parsed args and returning an exit code; the
function parses nothing itself and calls one library function.
Add a module's ``register`` to COMMANDS below (one line per command module).
"""
from __future__ import annotations

from importlib import import_module

COMMANDS: list = [
    import_module(".view", __name__).register,
    import_module(".stats", __name__).register,
    *(import_module(f".{m}", __name__).register for m in ("serve", "export", "push")),
]
