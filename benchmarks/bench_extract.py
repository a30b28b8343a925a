"""Time the extraction stage alone: read, segment and extract every file of a corpus, in one process.

    .venv/bin/python benchmarks/bench_extract.py /tmp/corp1k            # this checkout
    farm-bench pair 'PYTHONPATH=/tmp/old/src python benchmarks/bench_extract.py C' \
                    'python benchmarks/bench_extract.py C'              # old code against new, A B A B

Prints files, articles, mentions and seconds spent in extraction (jieba start-up and
lexicon loading excluded, so that the rules themselves are compared).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from mzgraph.extract import extract
from mzgraph.lexicon import load_lexicon
from mzgraph.reader import iter_input_files, read_path
from mzgraph.segment import segment


def main(folder: str) -> None:
    lex = load_lexicon()
    files = iter_input_files([Path(folder)])
    articles = [a for f in files for a in read_path(f)]
    docs = [segment(a, lex) for a in articles[:1]]  # warm jieba before the clock starts
    t0 = time.perf_counter()
    docs = [segment(a, lex) for a in articles]
    t1 = time.perf_counter()
    mentions = sum(len(extract(d, lex).mentions) for d in docs)
    t2 = time.perf_counter()
    print(f"{len(files)} files, {len(articles)} articles, {mentions} mentions: "
          f"segment {t1 - t0:.2f} s, extract {t2 - t1:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
