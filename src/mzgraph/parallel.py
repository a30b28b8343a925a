"""Sharded builds: extract each input file into a cached N-Triples shard, then assemble the graph.

Engines: ``local`` runs files in this process (``jobs=1``) or in a process pool
(chunks of files, lexicon loaded once per worker by the pool initializer);
``dask`` runs chunks as tasks on a Dask distributed cluster (the lexicon is
loaded once per worker process and kept by ``load_lexicon``'s cache). Workers
write shards; the parent merges them in sorted order, so the graph is byte-for-byte
the same whatever the engine, the number of workers or the order they finish in.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path

from .cache import ShardCache, ShardInfo, file_key, pipeline_version
from .errors import InputError, MzgraphError

ENGINES = ("local", "dask")
CHUNK = 16  # files per task: large enough to amortise pickling, small enough to balance two workers
Progress = Callable[[int, int, str], None]


@lru_cache(maxsize=1)
def _resources():
    from .lexicon import load_lexicon
    from .rdf.graph import theme_iris

    lexicon = load_lexicon()
    return lexicon, theme_iris(lexicon.themes)


def warm_up() -> None:
    """Load the lexicon and jieba dictionary in this process (pool initializer, Dask worker setup)."""
    from .segment import tokenizer_for

    lexicon, _ = _resources()
    tokenizer_for(lexicon)


def extract_file(path: Path, key: str, shard_dir: Path) -> ShardInfo:
    """Read, extract and write the shard of one file; an unreadable file gives a failure record."""
    from .pipeline import BuildReport, extract_article, read_articles
    from .shards import extraction_lines, write_lines

    lexicon, themes = _resources()
    report = BuildReport()
    info = ShardInfo(key=key, source=str(path))
    lines: set[str] = set()
    entities: Counter = Counter()
    for article in read_articles([path], report, strict=False):
        x = extract_article(article, lexicon)
        lines |= extraction_lines(x, themes)
        info.articles += 1
        for etype, _ in x.entities.values():
            entities[etype] += 1
    if report.failures:
        info.failure = report.failures[0][1]
    info.entities = dict(sorted(entities.items()))
    write_lines(shard_dir / f"{key}.nt", sorted(lines))
    return info


def extract_chunk(jobs: list[tuple[str, str]], shard_dir: str) -> list[ShardInfo]:
    """Task body for pools and Dask: a list of (path, key) → their shard records."""
    return [extract_file(Path(p), k, Path(shard_dir)) for p, k in jobs]


def _chunks(todo: list[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def run_local(todo: list[tuple[str, str]], shard_dir: Path, jobs: int) -> Iterator[ShardInfo]:
    if jobs <= 1 or len(todo) <= 1:
        for path, key in todo:
            yield extract_file(Path(path), key, shard_dir)
        return
    size = max(1, min(CHUNK, len(todo) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_up) as pool:
        for infos in pool.map(extract_chunk, _chunks(todo, size), repeat(str(shard_dir))):
            yield from infos


def run_dask(todo: list[tuple[str, str]], shard_dir: Path, scheduler: str | None) -> Iterator[ShardInfo]:
    """Extract on a Dask cluster (``scheduler`` address, or a LocalCluster with one process per core)."""
    try:
        from distributed import Client, LocalCluster, WorkerPlugin, as_completed
    except ImportError:
        raise MzgraphError("the dask engine needs dask.distributed: pip install 'mzgraph[dask]'") from None

    class WarmUp(WorkerPlugin):
        """Load the lexicon and tokenizer once, when a worker starts (and on workers that join later)."""

        name = "mzgraph-lexicon"

        def setup(self, worker) -> None:
            warm_up()

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.register_plugin(WarmUp())
        futures = client.map(extract_chunk, _chunks(todo, CHUNK), shard_dir=str(shard_dir), pure=False)
        for fut in as_completed(futures):
            yield from fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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


VIEW_MAX_TRIPLES = 100_000  # graph.html parses the whole graph with rdflib (~2.5 KB RAM a triple): bigger graphs skip it


class Shards:
    """The shards of one build: assembles graph.ttl and the merged N-Triples the store loads."""

    def __init__(self, cache: ShardCache, keys: list[str]):
        self.cache, self.keys = cache, keys
        self.digest = cache.manifest_digest(keys)
        self.merged = cache.root / "graph.nt"
        self.onto = cache.root / f"ontology-{pipeline_version()}.nt"

    def unchanged(self, outputs: list[Path]) -> int | None:
        """Triple count of the last build when it had the same shards and its outputs exist, else None."""
        old = self.cache.read_manifest()
        if old.get("digest") == self.digest and self.merged.exists() and all(p.exists() for p in outputs):
            return int(old["triples"])
        return None

    def merge(self) -> int:
        """Merge the shards (and the ontology) into graph.nt, sorted and duplicate-free; return its triples."""
        from .shards import merge_shards, ontology_triples, write_lines

        if not self.onto.exists():
            write_lines(self.onto, ontology_triples())
        shards = [self.onto] + [self.cache.nt(k) for k in sorted(set(self.keys)) if self.cache.nt(k).exists()]
        return merge_shards(shards, self.merged)

    def write_turtle(self, turtle: Path) -> None:
        """graph.nt (see :meth:`merge`) as Turtle, renamed into place when complete."""
        from .shards import write_turtle

        tmp = turtle.with_name(f".{turtle.name}.tmp{os.getpid()}")
        with tmp.open("w", encoding="utf-8", newline="\n") as fh, \
                self.merged.open(encoding="utf-8", newline="\n") as lines:
            write_turtle(lines, fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, turtle)

    def commit(self, triples: int) -> None:
        """Record this build and drop the shards of files that changed or left the corpus."""
        self.cache.prune(set(self.keys) | {self.onto.stem, self.merged.stem})
        self.cache.write_manifest({"digest": self.digest, "triples": triples, "files": len(self.keys)})


def extract_shards(inputs: list[Path], out: Path, *, strict: bool = False, progress: Progress | None = None,
                   jobs: int = 1, engine: str = "local", scheduler: str | None = None,
                   use_cache: bool = True):
    """Bring every input file's shard up to date (cached ones are reused); return (BuildReport, Shards)."""
    from .pipeline import BuildReport
    from .reader import iter_input_files

    if jobs < 1:
        raise MzgraphError(f"jobs: expected a positive number of processes, found {jobs}")
    if engine not in ENGINES:
        raise MzgraphError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    cache = ShardCache(Path(out), enabled=use_cache)
    files = iter_input_files(inputs)
    report = BuildReport()
    infos: dict[str, ShardInfo | None] = {}
    todo: list[tuple[str, str]] = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            data = f"unreadable:{exc}".encode()  # a key all the same; the reader reports the error
        key = file_key(f, data)
        infos[str(f)] = hit = cache.get(key)
        if hit is None:
            todo.append((str(f), key))
    if strict:  # stop at the first unreadable file before any extraction work
        from .pipeline import read_articles

        for f in files:
            hit = infos[str(f)]
            if hit is not None and hit.failure:
                raise InputError(str(f), hit.failure)
            if hit is None:
                for _ in read_articles([f], BuildReport(), strict=True):
                    pass
    cached = len(files) - len(todo)
    run = run_dask(todo, cache.root, scheduler) if engine == "dask" else run_local(todo, cache.root, jobs)
    for done, info in enumerate(run, 1):
        cache.put(info)
        infos[info.source] = info
        if progress:
            progress(cached + done, len(files), Path(info.source).name)
    fresh = {k for _, k in todo}
    for f in files:
        info = infos[str(f)]
        report.files += 1
        report.articles += info.articles
        report.entities.update(info.entities)
        if info.failure:
            report.failures.append((str(f), info.failure))
            if info.key not in fresh:  # workers already said so for the files they read
                print(f"mzgraph: skipped {f}: {info.failure}", file=sys.stderr)
    return report, Shards(cache, [infos[str(f)].key for f in files])
