"""The build: input files → articles → extractions → graph.ttl (+ Oxigraph store) in an output folder."""
from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .model import Article, Extraction
from .reader import iter_input_files, read_path
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
            arts = read_path(f)
        except InputError as exc:
            if strict:
                raise
            report.failures.append((exc.path, exc.reason))
            print(f"mzgraph: skipped {exc}", file=sys.stderr)
            continue
        yield from arts


def extract_article(article: Article, lexicon: Lexicon) -> Extraction:
    from .extract import extract
    from .segment import segment

    return extract(segment(article, lexicon), lexicon)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(inputs: list[Path], out: Path, *, strict: bool = False, store: bool = True,
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Build ``out/graph.ttl`` (and ``out/store``) from input files or folders."""
    from .rdf.graph import add_extraction, new_graph, serialize_turtle, theme_iris

    lexicon = load_lexicon()
    themes = theme_iris(lexicon.themes)
    files = iter_input_files(inputs)
    report = BuildReport()
    g = new_graph()
    for i, article in enumerate(read_articles(files, report, strict)):
        x = extract_article(article, lexicon)
        add_extraction(g, x, themes)
        report.articles += 1
        for etype, _ in x.entities.values():
            report.entities[etype] += 1
        if progress:
            progress(report.files, len(files), article.source)
    out = Path(out)
    turtle = out / "graph.ttl"
    write_atomic(turtle, serialize_turtle(g))
    report.triples = len(g)
    report.outputs.append(turtle)
    from .views import write_view  # interactive graph.html next to graph.ttl

    write_view(g, out / "graph.html")
    report.outputs.append(out / "graph.html")
    if store:
        report.outputs.append(write_store(out, turtle))
    return report
