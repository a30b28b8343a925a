"""The last stage of a build: publish the outputs of a generation all at once.

A killed build never leaves a mix of old and new. A build writes graph.ttl, graph.html, store/ and answers/ into a fresh generation folder
(``OUT/.generations/<id>/``); one atomic rename of the ``OUT/.current`` symlink then
switches every output together. ``OUT/graph.ttl``, ``OUT/graph.html``,
``OUT/store`` and ``OUT/answers`` are fixed symlinks through ``.current``, so readers see either the
previous build or the new one, never half of each.

What a build leaves half-written when it fails (a full disk, Ctrl-C) is removed at once
(:func:`sweep`); what a killed build leaves is removed by the next build, under its lock.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..atomic import replace_symlink
from ..store.answers import ANSWERS_DIR
from ..store.oxigraph import GRAPH_FILE, STORE_DIR
from .cache import SHARDS

__all__ = ["GENERATIONS", "CURRENT", "PUBLISHED", "VIEW_FILE", "VIEW_MAX_TRIPLES", "new_generation", "publish",
           "sweep"]

GENERATIONS = ".generations"
CURRENT = ".current"
VIEW_FILE = "graph.html"
PUBLISHED = (GRAPH_FILE, VIEW_FILE, STORE_DIR, ANSWERS_DIR)
VIEW_MAX_TRIPLES = 100_000  # graph.html parses the whole graph with rdflib (~2.5 KB RAM a triple): bigger graphs skip it


def new_generation(out: Path) -> Path:
    """An empty folder for the next build's outputs (unpublished ones of earlier builds are removed first)."""
    sweep(out)
    root = Path(out) / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    gen = Path(tempfile.mkdtemp(prefix="g", dir=root))
    os.chmod(gen, 0o755)  # mkdtemp makes 0700; outputs are meant to be read by others
    return gen


def publish(out: Path, generation: Path) -> None:
    """Make ``generation`` the current build with one rename; then drop older generations."""
    out = Path(out)
    replace_symlink(f"{GENERATIONS}/{generation.name}", out / CURRENT)
    for name in PUBLISHED:
        link = out / name
        if link.is_symlink():
            continue
        if link.is_dir():  # an output folder written before generations existed
            old = out / f".{name}.old{os.getpid()}"
            os.replace(link, old)
            shutil.rmtree(old, ignore_errors=True)
        replace_symlink(f"{CURRENT}/{name}", link)
    for other in (out / GENERATIONS).iterdir():
        if other.name != generation.name:
            shutil.rmtree(other, ignore_errors=True)


def _current(out: Path) -> str | None:
    try:
        return Path(os.readlink(out / CURRENT)).name
    except OSError:
        return None


def sweep(out: Path) -> None:
    """Remove what unfinished builds left in ``out``: unpublished generations and temporary files.

    Only the build holding the folder's lock (``lock.py``) may call it: the generation and the
    temporary files of a build still running would go too.
    """
    out = Path(out)
    current = _current(out)
    temp_links = tuple(f".{name}." for name in (*PUBLISHED, CURRENT))  # .graph.ttl.link<pid>, .store.old<pid>
    rules = ((out / GENERATIONS, lambda name: name != current),
             (out / SHARDS, lambda name: name.startswith(".")),  # atomic writes and merge runs: dot names
             (out, lambda name: name.startswith(temp_links)))
    for folder, stale in rules:
        try:
            entries = [e for e in os.scandir(folder) if stale(e.name)]
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                shutil.rmtree(e.path, ignore_errors=True)
            else:
                Path(e.path).unlink(missing_ok=True)
