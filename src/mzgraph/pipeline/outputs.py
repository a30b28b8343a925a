"""Write a build's outputs into its generation: graph.ttl, graph.html (small graphs), the store, the answers.

The heavy end of a build (networkx and rdflib for the view, Oxigraph for the store), loaded only
when there is something new to write.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ..entity_types import ENTITY_TYPES
from ..store.answers import ANSWERS_DIR, merge_answers, patch_answers
from ..atomic import write_text
from ..store.oxigraph import GRAPH_FILE, STORE_DIR, StoreLoader, update_store, write_store
from ..store.queries import named_queries
from .cache import Shards
from .events import Listener, PhaseProgress, ignore
from .incremental import Patch, Segments, apply_patch, patch_graph, read_state, segment_starts, state_record
from .merge import SortedRuns, changed_lines, count_types, merge_graph, sort_command, write_graph_turtle
from .orphans import die_with_parent
from .publish import CURRENT, VIEW_FILE, VIEW_MAX_TRIPLES

__all__ = ["output_pool", "write_outputs", "Written"]

SIDE_MIN_TRIPLES = 50_000  # smaller graphs load faster here than a spawned process starts
DELTA_FRACTION = 20  # the store is changed in place when at most 1/20 of the triples differ
DELTA_FLOOR = 10_000  # (or this many lines, for small graphs), else it is loaded afresh
MZ_IRI = "https://w3id.org/mzgraph/ontology#"
STORE_SOURCE = ".store-source.json"  # in a generation: the merged N-Triples file its store holds (size, mtime, inode)


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


def _file_stamp(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def _write_view(gen: Path) -> None:
    from ..views import write_view  # (networkx and rdflib: only for the small graphs that get a view)

    write_view(gen / GRAPH_FILE, gen / VIEW_FILE)


def _stamp(merged: Path, gen: Path) -> None:
    """Note in the generation which merged N-Triples file its store holds."""
    write_text(gen / STORE_SOURCE, json.dumps(_file_stamp(merged), sort_keys=True))


def _previous_merged(gen: Path, shards: Shards) -> tuple[Path, Path] | None:
    """(the last build's merged N-Triples, moved aside, and its store) when the published store holds
    exactly that file, else None (the store is then loaded afresh)."""
    current = gen.parent.parent / CURRENT
    try:
        held = json.loads((current / STORE_SOURCE).read_text(encoding="utf-8"))
        if held != _file_stamp(shards.merged) or not (current / STORE_DIR).is_dir():
            return None
    except (OSError, ValueError):
        return None
    aside = shards.merged.with_name("graph.previous.nt")
    os.replace(shards.merged, aside)
    return aside, (current / STORE_DIR).resolve()


@dataclass
class Written:
    """What :func:`write_outputs` made: the graph's triples, whether graph.html was written, the distinct
    entities by type, and the state the next build patches (None without GNU sort: it is a full one then)."""

    triples: int
    view: bool
    entities: dict[str, int]
    state: dict | None


def write_outputs(gen: Path, shards: Shards, *, store: bool, jobs: int, on_event: Listener = ignore,
                  loading: StoreLoader | None = None, runs: SortedRuns | None = None) -> Written:
    """Write graph.ttl, graph.html (small graphs), the store and the kept answers into generation ``gen``
    from the shards: by patching the last build's graph when few shards changed (``incremental.py``),
    else by merging them all.

    ``loading``: the store, loading since the extraction began (``feed.py``); it is finished and swapped
    in here. ``runs``: the shards sorted since then, which the merge merges. Without it, with more than one process, the store loads from the merged N-Triples in a
    helper process while this one writes Turtle; the named queries run side by side.
    """
    current = gen.parent.parent / CURRENT
    try:
        state = read_state(shards, current)
        patch = patch_graph(shards, state, current, gen / GRAPH_FILE) if state is not None else None
        if patch is not None:
            triples, view = _write_patched(gen, shards, patch, current, store=store, on_event=on_event,
                                           loading=loading)
        else:
            triples, view, segments = _write_merged(gen, shards, store=store, jobs=jobs, on_event=on_event,
                                                    loading=loading, runs=runs)
    except BaseException:
        if loading is not None:
            loading.cancel()
        raise
    finally:
        if runs is not None:
            runs.cancel()  # (merged by now, or not needed: the runs are no output)
    sources = _write_answers(gen, shards, jobs, on_event, patch, state, current) if store else None
    if patch is not None:
        apply_patch(shards, patch)
        entities, segments = patch.entities, patch.segments
    else:
        entities = count_types(shards.merged, {t.cls: MZ_IRI + t.cls for t in ENTITY_TYPES if t.minted})
    state = state_record(shards, gen, segments, triples, entities, sources) if segments is not None else None
    return Written(triples, view, entities, state)


def _write_patched(gen: Path, shards: Shards, patch: Patch, current: Path, *, store: bool,
                   on_event: Listener, loading: StoreLoader | None) -> tuple[int, bool]:
    """The outputs of a patched graph (graph.ttl is written already): the store is the one ``loading``,
    or the last one changed by the lines that left and came, when the last build kept one."""
    files, triples = len(set(shards.keys)), patch.triples
    on_event(PhaseProgress("merge", files, files, "shards"))
    on_event(PhaseProgress("turtle", triples, triples, "triples"))
    view = triples <= VIEW_MAX_TRIPLES
    if view:
        _write_view(gen)
    if store:
        on_event(PhaseProgress("store", 0, triples, "triples"))
        if loading is not None:
            loading.result()
        elif (current / STORE_DIR).is_dir():
            update_store(gen, (current / STORE_DIR).resolve(), patch.removed, patch.added)
        else:
            write_store(gen, patch.merged)
        _stamp(patch.merged, gen)  # (os.replace keeps size, mtime and inode)
        on_event(PhaseProgress("store", triples, triples, "triples"))
    return triples, view


def _write_merged(gen: Path, shards: Shards, *, store: bool, jobs: int, on_event: Listener,
                  loading: StoreLoader | None, runs: SortedRuns | None) -> tuple[int, bool, Segments | None]:
    """The outputs of a graph merged from every shard; (triples, view written, the index of graph.nt and
    graph.ttl or None without GNU sort). The store is the one ``loading`` (it compacts while graph.ttl
    is written), else the last one changed by the difference when few lines changed, else loaded from
    the merged file."""
    files = len(set(shards.keys))
    on_event(PhaseProgress("merge", 0, files, "shards"))
    previous = _previous_merged(gen, shards) if store and loading is None else None
    counted = sort_command() is not None
    triples = merge_graph(shards, dups=counted, runs=runs)
    subjects, nt_at = segment_starts(shards.merged) if counted else ([], [])
    on_event(PhaseProgress("merge", files, files, "shards"))
    delta = None
    if previous is not None:
        delta = changed_lines(previous[0], shards.merged, limit=max(DELTA_FLOOR, triples // DELTA_FRACTION))
        previous[0].unlink()
    if delta is not None:  # a few files changed: the previous store, changed by the difference
        on_event(PhaseProgress("store", 0, triples, "triples"))
        update_store(gen, previous[1], *delta)
        delta = True
    if loading is not None:
        loading.finish()
    side = (output_pool(1) if jobs > 1 and store and not delta and loading is None and triples > SIDE_MIN_TRIPLES
            else None)
    try:  # the store loads (or compacts) beside the Turtle: `pending` is the loader or the helper's future
        pending = loading if loading is not None else side.submit(write_store, gen, shards.merged) if side else None
        on_event(PhaseProgress("turtle", 0, triples, "triples"))
        ttl_at = write_graph_turtle(shards, gen / GRAPH_FILE,
                                    lambda n: on_event(PhaseProgress("turtle", n, triples, "triples")), subjects)
        on_event(PhaseProgress("turtle", triples, triples, "triples"))
        view = triples <= VIEW_MAX_TRIPLES
        if view:
            _write_view(gen)
        if store and not delta:
            on_event(PhaseProgress("store", 0, triples, "triples"))
            if pending is not None:
                pending.result()
            else:
                write_store(gen, shards.merged)
        if store:
            _stamp(shards.merged, gen)
            on_event(PhaseProgress("store", triples, triples, "triples"))
    finally:
        if side is not None:
            side.shutdown()
    return triples, view, Segments(subjects, nt_at, ttl_at) if counted else None


def _write_answers(gen: Path, shards: Shards, jobs: int, on_event: Listener, patch: Patch | None,
                   state: dict | None, current: Path) -> dict[str, int] | None:
    """The kept answers: the last build's changed by the rows of the files that left and came, when it can,
    else merged from every file's rows. Returns what the next build needs to patch them (or None)."""
    queries = len(named_queries())
    on_event(PhaseProgress("answers", 0, queries, "queries"))
    sources = None
    if patch is not None and state.get("sources") is not None and (current / ANSWERS_DIR).is_dir():
        rows = shards.cache.rows
        sources = patch_answers(gen, current / ANSWERS_DIR, [rows(k) for k in patch.gone],
                                [rows(k) for k in patch.came], state["sources"])
    if sources is None:
        rows = [shards.cache.rows(k) for k in shards.parts()[1:]]  # (files with no shard have no rows)
        pool = output_pool(min(jobs, queries)) if jobs > 1 and not all(r.exists() for r in rows) else None
        try:
            sources = merge_answers(gen, pool, rows=rows)
        finally:
            if pool is not None:
                pool.shutdown()
    on_event(PhaseProgress("answers", queries, queries, "queries"))
    return sources
