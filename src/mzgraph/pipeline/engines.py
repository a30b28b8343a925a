"""Where extraction runs: each input file becomes a cached N-Triples shard, here or on other processes.

Engines, by name (``mzgraph.pipeline.ENGINES``): ``local`` runs files in this process (``jobs=1``) or in a
process pool (chunks of files, lexicon loaded once per worker by the pool initializer); ``dask``
runs chunks as tasks on a Dask distributed cluster (the lexicon is loaded once per worker
process). Workers write shards and send back a :class:`ShardInfo` and the events of each file;
the parent merges the shards in sorted order, so the graph is byte-for-byte the same whatever
the engine, the number of workers or the order they finish in.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from rdflib import URIRef

from ..atomic import write_private
from ..errors import MzgraphError
from ..extract import extract
from ..lexicon import Lexicon, load_lexicon
from ..model import Article, Extraction
from ..reader import InputFile
from ..rdf.graph import extraction_lines, theme_iris
from ..segment import cutter_for, segment
from ..store.answers import (ROWS_SUFFIX, extraction_file_rows, file_rows, file_rows_bytes, rows_from_extractions,
                             rows_reads)
from .articles import failure_reason, read_articles
from .cache import ShardInfo
from .events import BuildEvent, BuildReport, FileSkipped
from .orphans import die_with_parent

__all__ = ["Extracted", "extract_article", "warm_up", "extract_file", "extract_chunk", "reads_for", "run_local",
           "run_dask"]

CHUNK = 16  # files per task: large enough to amortise pickling, small enough to balance two workers
Todo = list[tuple[str, str, str]]  # (path, cache key, source name) of the files to extract
Extracted = tuple[ShardInfo, tuple[BuildEvent, ...]]  # one file's shard record and what reading it reported
Reads = dict[str, frozenset[str] | None] | None  # query key → the predicates it reads (store/answers.py)
READS_FROM = 1000  # files to extract from which the rows are worked out on the triples the queries read


def extract_article(article: Article, lexicon: Lexicon) -> Extraction:
    """Segment and extract one article."""
    return extract(segment(article, lexicon), lexicon)


@lru_cache(maxsize=1)
def _resources() -> tuple[Lexicon, dict[str, URIRef]]:
    lexicon = load_lexicon()
    return lexicon, theme_iris(lexicon.themes)


def warm_up(parent: int | None = None) -> None:
    """Load the lexicon and the segmenter in this process (pool initializer, Dask worker setup);
    with ``parent``, also end this process when that one ends (:func:`die_with_parent`)."""
    if parent is not None:
        die_with_parent(parent)
    lexicon, _ = _resources()
    cutter_for(lexicon)


def _extract(path: Path, key: str, shard_dir: Path, source: str | None = None
             ) -> tuple[ShardInfo, tuple[BuildEvent, ...], list[str], list[Extraction]]:
    """Read and extract one file and write its shard: (shard record, events, the shard's lines, the
    articles' extractions); a file that fails, however, gives a failure record."""
    lexicon, themes = _resources()
    report = BuildReport()
    events: list[BuildEvent] = []
    info = ShardInfo(key=key, source=str(path))
    lines: set[str] = set()
    entities: Counter = Counter()
    keys: dict[str, set[str]] = {}
    xs: list[Extraction] = []
    try:
        for article in read_articles([InputFile(path, source or path.name)], report, on_event=events.append):
            x = extract_article(article, lexicon)
            xs.append(x)
            lines |= extraction_lines(x, themes)
            info.articles += 1
            for entity, (etype, _) in x.entities.items():
                entities[etype] += 1
                keys.setdefault(etype, set()).add(entity)
    except Exception as exc:  # noqa: BLE001 - whatever breaks on one file fails that file, not the build
        lines, entities, keys, xs, info.articles = set(), Counter(), {}, [], 0
        report.failures.append((str(path), failure_reason(exc)))
        events.append(FileSkipped(str(path), failure_reason(exc)))
    if report.failures:
        info.failure = report.failures[0][1]
    info.entities = dict(sorted(entities.items()))
    info.entity_keys = {t: sorted(k) for t, k in sorted(keys.items())}
    ordered = sorted(lines)
    write_private(shard_dir / f"{key}.nt", "".join(ordered).encode("utf-8"), _record(shard_dir, key))
    return info, tuple(events), ordered, xs


def _record(shard_dir: Path, key: str) -> Path:
    """The record the build writes after a file's shard and rows, which makes them trusted (cache.py)."""
    return shard_dir / f"{key}.json"


def extract_file(path: Path, key: str, shard_dir: Path, source: str | None = None) -> Extracted:
    """Read, extract and write the shard (and the named-query rows) of one file; a file that fails,
    however, gives a failure record."""
    return extract_chunk([(str(path), key, source or Path(path).name)], str(shard_dir))[0]


def extract_chunk(jobs: Todo, shard_dir: str, reads: Reads = None) -> list[Extracted]:
    """Task body for pools and Dask: a list of (path, key, source) → their shard records and events. The
    files' named-query rows are worked out together and kept beside their shards (``store/answers.py``),
    from only the triples the queries ``reads`` when given (:func:`reads_for`)."""
    folder = Path(shard_dir)
    done = [_extract(Path(p), k, folder, s) for p, k, s in jobs]
    rows = extraction_file_rows(((info.key, xs) for info, _, _, xs in done), _resources()[1])
    if rows is None:  # a query no reader is pinned to: the store works the rows out
        rows = file_rows(((info.key, lines) for info, _, lines, _ in done), reads)
    for info, _, _, _ in done:
        write_private(folder / f"{info.key}{ROWS_SUFFIX}", file_rows_bytes(rows[info.key]), _record(folder, info.key))
    return [(info, events) for info, events, _, _ in done]


def reads_for(todo: Todo) -> Reads:
    """What the named queries read (``store/answers.py`` rows_reads), for a build of many files: reading
    it costs as much as loading every triple of about a thousand files' rows, and saves half of that; none
    when the rows are read from the extractions (``store/extraction_rows.py``)."""
    return rows_reads() if len(todo) >= READS_FROM and not rows_from_extractions() else None


def _chunks(todo: Todo, size: int) -> list[Todo]:
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def run_local(todo: Todo, shard_dir: Path, jobs: int = 1, scheduler: str | None = None) -> Iterator[Extracted]:
    """Extract in this process, or in ``jobs`` forked processes."""
    reads = reads_for(todo)
    if jobs <= 1 or len(todo) <= 1:
        for chunk in _chunks(todo, CHUNK):
            yield from extract_chunk(chunk, str(shard_dir), reads)
        return
    size = max(1, min(CHUNK, len(todo) // (jobs * 4) or 1))
    _resources()  # here first: a broken data file is one error line, not a pool whose workers died; forks inherit it
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_up, initargs=(os.getpid(),)) as pool:
        for results in pool.map(extract_chunk, _chunks(todo, size), repeat(str(shard_dir)), repeat(reads)):
            yield from results


def run_dask(todo: Todo, shard_dir: Path, jobs: int = 1, scheduler: str | None = None) -> Iterator[Extracted]:
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
        futures = client.map(extract_chunk, _chunks(todo, CHUNK), shard_dir=str(shard_dir), reads=reads_for(todo),
                             pure=False)
        for fut in as_completed(futures):
            yield from fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
