"""The build: input files → articles → extractions → graph.ttl (+ Oxigraph store) in an output folder."""
from __future__ import annotations

import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .lexicon import Lexicon
from .model import Article, Extraction
from .outputs import new_generation, publish
from .reader import InputWarning, read_path
from .store import write_store


@dataclass
class BuildReport:
    files: int = 0
    articles: int = 0
    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def read_articles(files: Iterable[Path], report: BuildReport, strict: bool = False) -> Iterator[Article]:
    """Articles of every readable file; unreadable files are recorded (or raised with ``strict``)."""
    for f in files:
        report.files += 1
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                arts = read_path(f)
        except InputError as exc:
            if strict:
                raise
            report.failures.append((exc.path, exc.reason))
            print(f"mzgraph: skipped {exc}", file=sys.stderr)
            continue
        for w in caught:  # repaired but readable (e.g. a truncated last character): one line each
            print(f"mzgraph: warning: {w.message}", file=sys.stderr)
        yield from arts


def extract_article(article: Article, lexicon: Lexicon) -> Extraction:
    from .extract import extract
    from .segment import segment

    return extract(segment(article, lexicon), lexicon)


@contextmanager
def _side_process(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """One helper process for output work that can overlap the main one, or None."""
    from .parallel import output_pool

    pool = output_pool(1) if wanted else None
    if pool is None:
        yield None
        return
    with pool:
        yield pool


def build(inputs: list[Path], out: Path, *, strict: bool = False, store: bool = True,
          progress: Callable[[int, int, str], None] | None = None, jobs: int = 1, engine: str = "local",
          scheduler: str | None = None, use_cache: bool = True) -> BuildReport:
    """Build ``out/graph.ttl`` (and ``out/store``) from input files or folders.

    Each file becomes a cached N-Triples shard (parallel.py: ``jobs`` processes or a Dask
    ``engine``); the shards are merged into graph.ttl, so memory stays flat with corpus size.
    """
    from .parallel import VIEW_MAX_TRIPLES, extract_shards

    out = Path(out)
    report, shards = extract_shards(inputs, out, strict=strict, progress=progress, jobs=jobs, engine=engine,
                                    scheduler=scheduler, use_cache=use_cache)
    turtle, view = out / "graph.ttl", out / "graph.html"
    report.outputs += [turtle] + ([out / "store", out / "answers"] if store else [])
    unchanged = shards.unchanged(report.outputs)
    if unchanged is not None:
        report.triples = unchanged
        report.outputs[1:1] = [view] if view.exists() else []
        return report
    # Every output goes into a new generation folder first; publish() switches them all with one
    # rename, so a build killed at any moment leaves the previous outputs intact (tests/test_kill.py).
    gen = new_generation(out)
    report.triples = shards.merge()
    with _side_process(jobs > 1 and store) as side:
        # With more than one process, the store loads from graph.nt while this one writes Turtle.
        loading = side.submit(write_store, gen, shards.merged) if side else None
        shards.write_turtle(gen / "graph.ttl")
        from .views import write_view  # interactive graph.html next to graph.ttl

        if report.triples <= VIEW_MAX_TRIPLES:
            write_view(gen / "graph.ttl", gen / "graph.html")
            report.outputs.insert(1, view)
        if loading is not None:
            loading.result()
        elif store:
            write_store(gen, shards.merged)
    if store:
        from .answers import write_answers  # the named queries, answered once by the new store

        write_answers(gen, jobs=jobs)
    publish(out, gen)
    shards.commit(report.triples)
    return report
