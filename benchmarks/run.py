"""One benchmark run over one generated corpus: build speed vs jieba, 2-process speed-up, peak RSS,
incremental re-builds, named-query latency (store vs rdflib in memory) and view generation, and at
the end every figure of the build targets as a ratio (×J: a multiple of ``jieba.cut`` over the same
text with the default dictionary) beside its target.

    .venv/bin/python benchmarks/run.py [--articles 10000] [--work /tmp/mzbench]

Builds run as `mzgraph build` child processes so peak RSS is theirs (resource.getrusage children).
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MZGRAPH = [sys.executable, "-m", "mzgraph.cli", "build"]


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0)
    return f"nproc {os.cpu_count()}, {cpu}, {mem} MB RAM, Python {platform.python_version()}"


def timed_build(corpus: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Wall time of one build child process and its peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(MZGRAPH + [str(corpus), "--out", str(out), *extra], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(before, after) // 1024  # ru_maxrss of children is a running maximum


def jieba_seconds(texts: list[str]) -> float:
    from mzgraph.lexicon import load_lexicon
    from mzgraph.segment import tokenizer_for

    tok = tokenizer_for(load_lexicon())
    list(tok.cut("预热", HMM=True))
    t = time.perf_counter()
    for s in texts:
        for _ in tok.cut(s, HMM=True):
            pass
    return time.perf_counter() - t


PREFIXES = """PREFIX mz: <https://w3id.org/mzgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""


def selective_queries(out: Path) -> list[tuple[str, str]]:
    """(what, SPARQL) of two selective queries on the build: the posts of the person with the most posts,
    the meetings in the province with the most meetings, in its busiest year."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    person = next(iter(store.query(PREFIXES + """SELECT ?l (COUNT(*) AS ?n) WHERE { ?post a mz:Post ;
        org:member/rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1""")))["l"]
    top = next(iter(store.query(PREFIXES + """SELECT ?prov ?y (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a mz:Meeting ;
        mz:date ?d ; mz:heldIn/mz:partOf* ?prov . FILTER NOT EXISTS { ?prov mz:partOf ?up } BIND(YEAR(?d) AS ?y) }
        GROUP BY ?prov ?y ORDER BY DESC(?n) ?prov LIMIT 1""")))
    province = next(iter(store.query(f"SELECT ?l WHERE {{ {top['prov']} <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")))["l"]
    del store
    posts = (PREFIXES + f"""SELECT DISTINCT ?role ?organization ?source WHERE {{ ?p rdfs:label {person} .
        ?post org:member ?p ; a mz:Post ; org:role/rdfs:label ?r ; org:organization/rdfs:label ?o ;
        mz:evidence/nif:referenceContext/mz:sourceFile ?source . BIND(STR(?r) AS ?role) BIND(STR(?o) AS ?organization) }}""")
    meetings = (PREFIXES + f"""SELECT DISTINCT ?meeting ?date WHERE {{ ?prov rdfs:label {province} .
        ?m a mz:Meeting ; rdfs:label ?ml ; mz:date ?date ; mz:heldIn/mz:partOf* ?prov .
        FILTER(YEAR(?date) = {top['y'].value}) BIND(STR(?ml) AS ?meeting) }}""")
    return [(f"posts of {person.value}", posts), (f"meetings in {province.value} in {top['y'].value}", meetings)]


def selective_latency(out: Path, repeat: int = 5) -> list[tuple[str, int, float, float]]:
    """(what, rows, median ms on an open store, ms of a `mzgraph query` process) of the selective queries."""
    import pyoxigraph as ox

    queries = selective_queries(out)
    store = ox.Store.read_only(str(out / "store"))
    rows = []
    for what, q in queries:
        ts = []
        for _ in range(repeat):
            t = time.perf_counter()
            n = len(list(store.query(q)))
            ts.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mzgraph.cli", "query", str(out), q, "--format", "csv"], check=True,
                       stdout=subprocess.DEVNULL)
        rows.append((what, n, sorted(ts)[repeat // 2] * 1000, (time.perf_counter() - t) * 1000))
    return rows


def cli_named_ms(out: Path) -> dict[str, float]:
    """ms of `mzgraph query OUT --name NAME --format csv`, start to exit, for every named query."""
    from mzgraph.query import describe_queries

    found = {}
    for name, _ in describe_queries():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mzgraph.cli", "query", str(out), "--name", name, "--format", "csv"],
                       check=True, stdout=subprocess.DEVNULL)
        found[name] = (time.perf_counter() - t) * 1000
    return found


def query_latency(out: Path, sample: Path, repeat: int = 3) -> list[tuple[str, float, float, float, float, float]]:
    """Median ms of each named query: the build's kept answer as CSV (what ``mzgraph query OUT --name
    NAME --format csv`` prints) and as rows (dicts, the Python API), live on the store of ``out``,
    live on the store of ``sample``, rdflib loaded from ``sample``."""
    from rdflib import Graph

    from mzgraph.store.answers import answer_query
    from mzgraph.query import describe_queries, named_query, run_query

    g = Graph()
    g.parse(sample / "graph.ttl", format="turtle")
    rows = []
    for name, _ in describe_queries():
        q = named_query(name)
        csv_t, kept_t, store_t, small_t, mem_t = [], [], [], [], []
        for _ in range(repeat):
            t = time.perf_counter()
            answer_query(out, q).to_csv()
            csv_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            answer_query(out, q).rows  # parsed into dicts, as the Python API reads them
            kept_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            run_query(out, q)
            store_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            run_query(sample, q)
            small_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            list(g.query(q))
            mem_t.append(time.perf_counter() - t)
        rows.append((name, *(sorted(ts)[repeat // 2] * 1000 for ts in (csv_t, kept_t, store_t, small_t, mem_t))))
    return rows


def report_queries(one: Path, sample: Path, n_sample: int) -> None:
    print(f"named queries, median ms: full graph kept answer as CSV | as rows | full store live | "
          f"store and rdflib in memory, {n_sample}-file graph")
    for name, kc, ka, st, sm, mt in query_latency(one, sample):
        print(f"  {name:<20} kept csv {kc:6.1f} | rows {ka:6.1f} | full store {st:8.1f} | sample store {sm:7.1f} "
              f"| sample rdflib {mt:8.1f}")
    for name in ("entities", "participation"):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mzgraph.cli", "query", str(one), "--name", name, "--format", "csv"],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"  `mzgraph query OUT --name {name} --format csv` process, start to exit: "
              f"{time.perf_counter() - t:.2f} s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--work", type=Path, default=Path("/tmp/mzbench"))
    p.add_argument("--sample", type=int, default=50, help="articles in the rdflib / view comparison graph")
    p.add_argument("--queries-only", action="store_true", help="only the named-query figures, on the builds there")
    args = p.parse_args()
    if args.queries_only:
        report_queries(args.work / "out-1", args.work / "sample-out", args.sample)
        return
    sys.path.insert(0, str(HERE))
    from generate_corpus import generate

    corpus = args.work / f"corpus-{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus, seed=1)
    files = sorted(corpus.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    kb = sum(f.stat().st_size for f in files) / 1024
    print(f"machine: {machine()}")
    print(f"corpus: {len(files)} files, {kb:.0f} KB")

    tj = jieba_seconds(texts)
    print(f"jieba.cut alone: {tj:.1f} s, {kb / tj:.0f} KB/s (J)")
    one, two = args.work / "out-1", args.work / "out-2"
    for d in (one, two):
        shutil.rmtree(d, ignore_errors=True)
    t1, rss1 = timed_build(corpus, one, "--no-cache", "--jobs", "1")
    triples = int((one / ".shards" / "manifest.json").read_text().split('"triples": ')[1].split(",")[0].strip("} "))
    print(f"build, 1 process: {t1:.1f} s, {kb / t1:.0f} KB/s, {t1 / tj:.2f}x jieba.cut, "
          f"{triples} triples, {triples / t1:.0f} triples/s, peak RSS {rss1} MB")
    t2, rss2 = timed_build(corpus, two, "--no-cache", "--jobs", "2")
    same = (one / "graph.ttl").read_bytes() == (two / "graph.ttl").read_bytes()
    print(f"build, --jobs 2: {t2:.1f} s, {t2 / tj:.2f}x jieba.cut, speed-up {t1 / t2:.2f}x, same graph.ttl bytes: {same}, "
          f"peak RSS (max of all builds so far) {rss2} MB")
    tu, _ = timed_build(corpus, one)
    print(f"re-build, unchanged corpus: {tu:.2f} s ({100 * tu / t1:.1f} % of a full build)")
    victim = files[len(files) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original.replace("民政".encode(), "民生".encode(), 1))
        tc, _ = timed_build(corpus, one)
    finally:
        victim.write_bytes(original)
    print(f"re-build, one file changed: {tc:.1f} s ({100 * tc / t1:.1f} % of a full build)")
    cli = cli_named_ms(one)
    selective = selective_latency(one)

    sample = args.work / "sample-out"
    shutil.rmtree(sample, ignore_errors=True)
    sample_in = args.work / "sample-in"
    shutil.rmtree(sample_in, ignore_errors=True)
    sample_in.mkdir(parents=True)
    for f in files[: args.sample]:
        shutil.copyfile(f, sample_in / f.name)
    timed_build(sample_in, sample)
    report_queries(one, sample, args.sample)
    try:
        from mzgraph.views import write_view
    except ImportError:
        print("view generation: n/a (mzgraph.views missing)")
    else:
        t = time.perf_counter()
        write_view(sample / "graph.ttl", args.work / "view.html")
        print(f"view generation ({args.sample}-file graph): {time.perf_counter() - t:.1f} s")
    rss = max(rss1, rss2)
    print("\ntargets (one run):")
    done = [("1 process", f"{t1 / tj:.2f}xJ", "<= 4.0xJ", t1 / tj <= 4.0),
            ("--jobs 2", f"{t2 / tj:.2f}xJ", "<= 2.5xJ (aim 2.0xJ)", t2 / tj <= 2.5),
            ("graph.ttl, 1 process = --jobs 2", str(same), "True", same),
            ("one file changed", f"{100 * tc / t1:.1f} % of a full build", "<= 10 %", tc / t1 <= 0.10),
            ("unchanged", f"{100 * tu / t1:.1f} % of a full build", "<= 1 %", tu / t1 <= 0.01),
            ("peak RSS", f"{rss} MB", "<= 1024 MB", rss <= 1024),
            ("named queries through the CLI, slowest",
             f"{max(cli.values()):.0f} ms ({max(cli, key=cli.get)})", "<= 200 ms", max(cli.values()) <= 200)]
    done += [(f"selective, live: {what} ({n} rows)", f"{ms:.1f} ms on an open store, {proc:.0f} ms as a process",
              "<= 50 ms live", ms <= 50) for what, n, ms, proc in selective]
    for name, figure, target, met in done:
        print(f"  {name:<48} {figure:<42} target {target:<22} {'met' if met else 'NOT met'}")
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
