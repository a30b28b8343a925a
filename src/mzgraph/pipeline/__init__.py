"""The build: input files → articles → extractions → graph.ttl, graph.html, store and answers in an output folder.

One stage per module, run in order by :func:`build`:

    plan     list the input files and key each by content (``plan.py``, ``cache.py``)
    extract  make the shards of new or changed files, here or on Dask (``engines.py``, ``articles.py``)
    merge    merge every shard into one sorted N-Triples file, then Turtle (``merge.py``); when few files
             changed, patch the last build's instead (``incremental.py``)
    publish  write all outputs into a new generation (``outputs.py``), switch to it atomically (``publish.py``)

Progress of every phase (extract, merge, turtle, store, answers), skipped files and warnings reach
the caller as events (``events.py``); nothing here prints.

The engines and the output writers carry the heavy code (extraction rules and jieba; networkx,
rdflib and Oxigraph). They are named below and imported when a build has work for them, as
rdflib loads a plugin on ``plugin.get``: re-publishing an unchanged corpus loads none of it.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from ..entity_types import ENTITY_TYPES
from ..errors import InputError, MzgraphError
from ..reader import InputFile
from ..store.answers import ANSWERS_DIR
from .articles import read_articles
from .cache import ShardCache, ShardInfo, Shards
from .events import PHASES, BuildEvent, BuildReport, FileDone, FileSkipped, InputWarned, Listener, PhaseProgress, ignore
from .feed import ShardFeed
from .lock import hold
from .plan import Plan, check_not_empty, check_readable, find_checked, look_up, plan_keys
from .publish import GRAPH_FILE, STORE_DIR, VIEW_FILE, new_generation, publish, sweep

__all__ = ["build", "extract_shards", "extract_article", "read_articles", "default_jobs", "BuildReport", "BuildEvent",
           "FileDone", "PhaseProgress", "PHASES", "FileSkipped", "InputWarned", "Listener", "ENGINES"]

Progress = Callable[[int, int, str], None]
_MINTED = frozenset(t.cls for t in ENTITY_TYPES if t.minted)
# name → "module:function" of each engine: (todo, shard folder, jobs, scheduler) -> (ShardInfo, events) per file
ENGINES = {"local": "mzgraph.pipeline.engines:run_local", "dask": "mzgraph.pipeline.engines:run_dask"}
_WRITE_OUTPUTS = "mzgraph.pipeline.outputs:write_outputs"
_EXTRACT_ARTICLE = "mzgraph.pipeline.engines:extract_article"


def default_jobs() -> int:
    """The processors this process may run on (``os.process_cpu_count``, else its CPU affinity, else the CPU count)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _load(spec: str):
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


def __getattr__(name: str):
    if name == "extract_article":  # segment + extract one article, for tests and notebooks
        return _load(_EXTRACT_ARTICLE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _listener(on_event: Listener | None, progress: Progress | None) -> Listener:
    """``on_event``, plus the older ``progress(done, total, name)`` callback for FileDone events."""
    if progress is None:
        return on_event or ignore

    def listen(event: BuildEvent) -> None:
        if isinstance(event, FileDone):
            progress(event.done, event.total, event.name)
        if on_event is not None:
            on_event(event)

    return listen


def _summarise(plan: Plan, infos: dict[str, ShardInfo], fresh: set[str], on_event: Listener) -> BuildReport:
    report = BuildReport()
    themes: dict[str, set[str]] = {}
    for f in plan.files:
        info = infos[str(f)]
        report.files += 1
        report.articles += info.articles
        report.entities.update(info.entities)
        for etype, keys in info.entity_keys.items():
            if etype not in _MINTED:  # (scheme entities: the distinct ones the corpus links to)
                themes.setdefault(etype, set()).update(keys)
        if info.failure:
            report.failures.append((str(f), info.failure))
            if info.key not in fresh:  # workers already reported the files they read
                on_event(FileSkipped(str(f), info.failure))
    report.distinct = {t: len(k) for t, k in themes.items()}
    return report


def extract_shards(inputs: Iterable[Path | str], out: Path, *, strict: bool = False, on_event: Listener = ignore,
                   jobs: int = 1, engine: str = "local", scheduler: str | None = None,
                   use_cache: bool = True, outputs: list[Path] | None = None,
                   found: list[InputFile] | None = None, feed: ShardFeed | None = None
                   ) -> tuple[BuildReport, Shards]:
    """Bring every input file's shard up to date (cached ones are reused); return (BuildReport, Shards).

    When the files' keys are those of the last build and its ``outputs`` are all there, nothing is
    looked up: the report is the one the last build kept (``Shards.kept_summary``). ``found``: the
    files of ``inputs``, when they were just listed. ``feed`` gets every shard, cached or new, as soon
    as it is there (it loads the store meanwhile, ``feed.py``).
    """
    if jobs < 1:
        raise MzgraphError(f"jobs: expected a positive number of processes, found {jobs}")
    if engine not in ENGINES:
        raise MzgraphError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    cache = ShardCache(Path(out), enabled=use_cache)
    plan = plan_keys([Path(i) for i in inputs], cache, found)
    shards = Shards(cache, [plan.keys[str(f)] for f in plan.files])
    kept = shards.kept_summary(outputs) if outputs is not None and use_cache else None
    if kept is not None:
        return _kept_report(kept, strict, on_event), shards
    plan = look_up(plan, cache)
    if strict:  # stop at the first unreadable file before any extraction work
        check_readable(plan, on_event)
    infos: dict[str, ShardInfo] = dict(plan.cached)
    total, cached = len(plan.files), len(plan.files) - len(plan.todo)
    if feed is not None:
        feed.start(shards, len(plan.todo), total, (info.key for info in plan.cached.values()))
    run = _load(ENGINES[engine]) if plan.todo else None
    for done, (info, events) in enumerate(run(plan.todo, cache.root, jobs, scheduler) if run else (), 1):
        cache.put(info)
        if feed is not None:
            feed.add(shards, info.key)
        infos[info.source] = info
        for event in events:
            on_event(event)
        on_event(FileDone(cached + done, total, Path(info.source).name))
    report = _summarise(plan, infos, {k for _, k, _ in plan.todo}, on_event)
    return report, shards


def _summary(report: BuildReport) -> dict:
    """What an unchanged re-build reports (kept in the manifest, see :func:`_kept_report`)."""
    return {"files": report.files, "articles": report.articles, "entities": dict(sorted(report.entities.items())),
            "distinct": dict(sorted(report.distinct.items())), "failures": report.failures}


def _kept_report(kept: dict, strict: bool, on_event: Listener) -> BuildReport:
    failures = [(str(p), str(r)) for p, r in kept["failures"]]
    if strict and failures:
        raise InputError(*failures[0])
    for path, reason in failures:
        on_event(FileSkipped(path, reason))
    return BuildReport(files=int(kept["files"]), articles=int(kept["articles"]), entities=Counter(kept["entities"]),
                       distinct=dict(kept["distinct"]), failures=failures)


def build(inputs: Iterable[Path | str], out: Path | str, *, strict: bool = False, store: bool = True,
          progress: Progress | None = None, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          use_cache: bool = True, on_event: Listener | None = None, allow_empty: bool = False,
          wait: bool = True) -> BuildReport:
    """Build ``out/graph.ttl`` (and ``out/store``, ``out/answers``, ``out/graph.html``) from files or folders.

    Each file becomes a cached N-Triples shard (``jobs`` processes or a Dask ``engine``); the shards
    are merged into graph.ttl, so memory stays flat with corpus size. Events (progress, skipped
    files, warnings) go to ``on_event``; ``progress(done, total, name)`` is the older progress hook.
    Inputs that are all missing or give no article raise :class:`MzgraphError` and publish nothing
    (``allow_empty`` publishes the ontology alone). One build at a time holds ``out`` (``lock.py``):
    another waits for it, or with ``wait=False`` raises naming its pid.
    """
    out, listen = Path(out), _listener(on_event, progress)
    inputs, found = find_checked(inputs, allow_empty)
    waited: list[BuildEvent] = []

    def listen_for_lock(event: BuildEvent) -> None:
        waited.append(event)
        listen(event)

    with hold(out, wait=wait, on_event=listen_for_lock):
        try:  # (the files listed before the lock, unless it waited for another build: list them again)
            return _build(inputs, out, strict=strict, store=store, listen=listen, jobs=jobs, engine=engine,
                          scheduler=scheduler, use_cache=use_cache, allow_empty=allow_empty,
                          found=None if waited else found)
        except BaseException:
            sweep(out)  # the half-written generation and temporary files of this build
            raise


def _build(inputs: list[Path], out: Path, *, strict: bool, store: bool, listen: Listener, jobs: int, engine: str,
           scheduler: str | None, use_cache: bool, allow_empty: bool, found: list[InputFile] | None) -> BuildReport:
    turtle, view = out / GRAPH_FILE, out / VIEW_FILE
    outputs = [turtle] + ([out / STORE_DIR, out / ANSWERS_DIR] if store else [])
    feed = ShardFeed(out, store)
    try:
        report, shards = extract_shards(inputs, out, strict=strict, on_event=listen, jobs=jobs, engine=engine,
                                        scheduler=scheduler, use_cache=use_cache, outputs=outputs, found=found,
                                        feed=feed)
        check_not_empty(report, allow_empty)
        report.outputs += outputs
        unchanged = shards.unchanged(report.outputs)
    except BaseException:
        feed.cancel()
        raise
    if unchanged is not None:
        feed.cancel()
        report.triples = unchanged
        report.distinct.update(shards.kept_counts())
        shards.keep_summary(_summary(report))  # (once, after a build that did not keep it)
        report.outputs[1:1] = [view] if view.exists() else []
        return report
    # Every output goes into a new generation folder first; publish() switches them all with one
    # rename, so a build killed at any moment leaves the previous outputs intact (tests/test_kill.py).
    gen = feed.generation if feed.generation is not None else new_generation(out)
    try:
        written = _load(_WRITE_OUTPUTS)(gen, shards, store=store, jobs=jobs, on_event=listen, loading=feed.loader,
                                        runs=feed.runs)
    except BaseException:
        feed.cancel()
        raise
    report.triples = written.triples
    if written.view:
        report.outputs.insert(1, view)
    publish(out, gen)
    report.distinct.update(written.entities)
    shards.commit(report.triples, written.entities, written.state, _summary(report))
    return report
