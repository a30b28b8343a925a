"""Publish a build's outputs all at once, so a killed build never leaves a mix of old and new.

A build writes graph.ttl, graph.html, store/ and answers/ into a fresh generation folder
(``OUT/.generations/<id>/``); one atomic rename of the ``OUT/.current`` symlink then
switches every output together. ``OUT/graph.ttl``, ``OUT/graph.html``,
``OUT/store`` and ``OUT/answers`` are fixed symlinks through ``.current``, so readers see either the
previous build or the new one, never half of each.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = ".current"
PUBLISHED = ("graph.ttl", "graph.html", "store", "answers")


def new_generation(out: Path) -> Path:
    """An empty folder for the next build's outputs."""
    root = Path(out) / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    gen = Path(tempfile.mkdtemp(prefix="g", dir=root))
    os.chmod(gen, 0o755)  # mkdtemp makes 0700; outputs are meant to be read by others
    return gen


def _symlink_atomic(target: str, link: Path) -> None:
    tmp = link.with_name(f".{link.name}.link{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def publish(out: Path, generation: Path) -> None:
    """Make ``generation`` the current build with one rename; then drop older generations."""
    out = Path(out)
    _symlink_atomic(f"{GENERATIONS}/{generation.name}", out / CURRENT)
    for name in PUBLISHED:
        link = out / name
        if link.is_symlink():
            continue
        if link.is_dir():  # an output folder written before generations existed
            old = out / f".{name}.old{os.getpid()}"
            os.replace(link, old)
            shutil.rmtree(old, ignore_errors=True)
        _symlink_atomic(f"{CURRENT}/{name}", link)
    for other in (out / GENERATIONS).iterdir():
        if other.name != generation.name:
            shutil.rmtree(other, ignore_errors=True)
