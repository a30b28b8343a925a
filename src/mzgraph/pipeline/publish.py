"""The last stage of a build: write every output into a new generation, then publish them all at once.

A killed build never leaves a mix of old and new.

A build writes graph.ttl, graph.html, store/ and answers/ into a fresh generation folder
(``OUT/.generations/<id>/``); one atomic rename of the ``OUT/.current`` symlink then
switches every output together. ``OUT/graph.ttl``, ``OUT/graph.html``,
``OUT/store`` and ``OUT/answers`` are fixed symlinks through ``.current``, so readers see either the
previous build or the new one, never half of each.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ..atomic import replace_symlink
from ..store.answers import ANSWERS_DIR, write_answers
from ..store.oxigraph import GRAPH_FILE, STORE_DIR, write_store
from ..store.queries import named_queries
from ..views import write_view
from .merge import Shards

__all__ = ["GENERATIONS", "CURRENT", "PUBLISHED", "VIEW_FILE", "VIEW_MAX_TRIPLES", "new_generation", "publish",
           "output_pool", "write_outputs"]

GENERATIONS = ".generations"
CURRENT = ".current"
VIEW_FILE = "graph.html"
PUBLISHED = (GRAPH_FILE, VIEW_FILE, STORE_DIR, ANSWERS_DIR)
VIEW_MAX_TRIPLES = 100_000  # graph.html parses the whole graph with rdflib (~2.5 KB RAM a triple): bigger graphs skip it


def new_generation(out: Path) -> Path:
    """An empty folder for the next build's outputs."""
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


def output_pool(workers: int) -> ProcessPoolExecutor | None:
    """Processes for store and answer work, or None (do it in this process then).

    Spawned, never forked: a fork of a process whose Oxigraph store has RocksDB threads can
    hang in the child. A spawned child re-imports ``__main__``, so when this process was
    started from stdin (``python - <<EOF``) there is no pool.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file is not None and not os.path.exists(main_file):
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def write_outputs(gen: Path, shards: Shards, triples: int, *, store: bool, jobs: int) -> bool:
    """graph.ttl, graph.html (small graphs), the store and the kept answers, into generation ``gen``;
    whether graph.html was written.

    With more than one process, the store loads from the merged N-Triples in a helper process
    while this one writes Turtle, and the named queries run side by side.
    """
    side = output_pool(1) if jobs > 1 and store else None
    try:
        loading = side.submit(write_store, gen, shards.merged) if side else None
        shards.write_turtle(gen / GRAPH_FILE)
        view = triples <= VIEW_MAX_TRIPLES
        if view:
            write_view(gen / GRAPH_FILE, gen / VIEW_FILE)
        if loading is not None:
            loading.result()
        elif store:
            write_store(gen, shards.merged)
    finally:
        if side is not None:
            side.shutdown()
    if store:
        pool = output_pool(min(jobs, len(named_queries()))) if jobs > 1 else None
        try:
            write_answers(gen, pool)
        finally:
            if pool is not None:
                pool.shutdown()
    return view
