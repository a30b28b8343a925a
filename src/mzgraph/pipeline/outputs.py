"""Write a build's outputs into its generation: graph.ttl, graph.html (small graphs), the store, the answers.

The heavy end of a build (networkx and rdflib for the view, Oxigraph for the store), loaded only
when there is something new to write.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ..store.answers import write_answers
from ..store.oxigraph import GRAPH_FILE, write_store
from ..store.queries import named_queries
from ..views import write_view
from .cache import Shards
from .events import Listener, PhaseProgress, ignore
from .merge import merge_graph, write_graph_turtle
from .orphans import die_with_parent
from .publish import VIEW_FILE, VIEW_MAX_TRIPLES

__all__ = ["output_pool", "write_outputs"]

SIDE_MIN_TRIPLES = 50_000  # smaller graphs load faster here than a spawned process starts


def output_pool(workers: int) -> ProcessPoolExecutor | None:
    """Processes for store and answer work, or None (do it in this process then).

    Spawned, never forked: a fork of a process whose Oxigraph store has RocksDB threads can
    hang in the child. A spawned child re-imports ``__main__``, so when this process was
    started from stdin (``python - <<EOF``) there is no pool.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file is not None and not os.path.exists(main_file):
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


def write_outputs(gen: Path, shards: Shards, *, store: bool, jobs: int,
                  on_event: Listener = ignore) -> tuple[int, bool]:
    """Merge the shards, then write graph.ttl, graph.html (small graphs), the store and the kept answers
    into generation ``gen``; (triples, whether graph.html was written).

    With more than one process, the store loads from the merged N-Triples in a helper process
    while this one writes Turtle, and the named queries run side by side.
    """
    files = len(set(shards.keys))
    on_event(PhaseProgress("merge", 0, files, "shards"))
    triples = merge_graph(shards)
    on_event(PhaseProgress("merge", files, files, "shards"))
    side = output_pool(1) if jobs > 1 and store and triples > SIDE_MIN_TRIPLES else None
    try:
        loading = side.submit(write_store, gen, shards.merged) if side else None
        if loading is not None:
            on_event(PhaseProgress("store", 0, triples, "triples"))
        on_event(PhaseProgress("turtle", 0, triples, "triples"))
        write_graph_turtle(shards, gen / GRAPH_FILE,
                           lambda n: on_event(PhaseProgress("turtle", n, triples, "triples")))
        on_event(PhaseProgress("turtle", triples, triples, "triples"))
        view = triples <= VIEW_MAX_TRIPLES
        if view:
            write_view(gen / GRAPH_FILE, gen / VIEW_FILE)
        if loading is not None:
            loading.result()
        elif store:
            on_event(PhaseProgress("store", 0, triples, "triples"))
            write_store(gen, shards.merged)
        if store:
            on_event(PhaseProgress("store", triples, triples, "triples"))
    finally:
        if side is not None:
            side.shutdown()
    if store:
        queries = len(named_queries())
        on_event(PhaseProgress("answers", 0, queries, "queries"))
        rows = [shards.cache.rows(k) for k in sorted(set(shards.keys))]
        pool = output_pool(min(jobs, queries)) if jobs > 1 and not all(r.exists() for r in rows) else None
        try:
            write_answers(gen, pool, rows=rows)
        finally:
            if pool is not None:
                pool.shutdown()
        on_event(PhaseProgress("answers", queries, queries, "queries"))
    return triples, view
