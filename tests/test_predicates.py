"""store/predicates.py: the predicates a query can read, and per-file rows on a store of only those."""
from __future__ import annotations

from pathlib import Path

import pytest

from mzgraph.store.predicates import TYPE, predicates_of, query_predicates, query_reads, reads_line
from mzgraph.store.queries import named_queries

DATA = Path(__file__).parent / "data"
P = "PREFIX : <http://x/> SELECT * WHERE "


@pytest.mark.parametrize("where, expected", [
    ("{ ?s :a ?o }", {"a"}),
    ("{ ?s a :C ; :b/:c ?o }", {"rdf:type", "b", "c"}),
    ("{ ?s :a|^:b ?o }", {"a", "b"}),
    ("{ ?s :a+ ?o }", {"a"}),
    ("{ ?s :a ?o OPTIONAL { ?o :b ?x } MINUS { ?s :c ?y } }", {"a", "b", "c"}),
    ("{ ?s :a ?o FILTER NOT EXISTS { ?o :b ?x } }", {"a", "b"}),
    ("{ ?s :a ?o { SELECT ?o WHERE { ?o :b ?x } } }", {"a", "b"}),
    ("{ ?s :a [ :b ?x ] }", {"a", "b"}),
    ("{ VALUES ?s { :a } }", set()),
    # may match a triple of any predicate: no claim
    ("{ ?s ?p ?o }", None),
    ("{ ?s :a ?o FILTER EXISTS { ?o ?p ?x } }", None),
    ("{ ?s :a* ?o }", None),  # a zero-length path matches every node of the graph
    ("{ ?s :a? ?o }", None),
    ("{ ?s :a/:b* ?o }", None),
    ("{ ?s !:a ?o }", None),
    ("{ ?s :a ?o { SELECT ?o WHERE { ?o ?q ?x } } }", None),
    ("{ this is not SPARQL", None),
])
def test_query_predicates(where, expected):
    found = query_predicates(P + where)
    names = {"rdf:type" if p.endswith("#type>") else p.removeprefix("<http://x/").removesuffix(">")
             for p in found} if found is not None else None
    assert names == expected


def _short(reads):
    return None if reads is None else {
        k.replace(TYPE, "a").replace("<http://x/", "").replace(">", "") for k in reads}


@pytest.mark.parametrize("where, expected", [
    ("{ ?s a :C ; :b ?o }", {"a C", "b"}),
    ("{ VALUES ?c { :C :D } ?s a ?c }", {"a C", "a D"}),
    ("{ ?s a ?c VALUES (?c ?n) { (:C 1) (:D 2) } }", {"a C", "a D"}),
    ("{ ?s :b ?o VALUES ?c { :C :D } ?s a ?c }", {"b", "a C", "a D"}),  # patterns, VALUES, patterns
    ("{ VALUES ?c { :C :D } VALUES ?c { :D :E } ?s a ?c }", {"a D"}),
    ("{ { ?s a :C } UNION { ?s a :D ; :b ?o } }", {"a C", "a D", "b"}),
    # the type triples of any class
    ("{ ?s a ?c }", {"a"}),
    ("{ VALUES ?c { :C UNDEF } ?s a ?c }", {"a"}),  # a row that leaves ?c unbound joins with any class
    ("{ VALUES ?c { :C } { ?s a ?c } UNION { ?s a ?d } }", {"a"}),
    ("{ { VALUES ?c { :C } ?x :b ?y } UNION { ?s a ?c } }", {"b", "a"}),  # the VALUES binds another branch
    ("{ VALUES ?c { :C } OPTIONAL { ?s a ?c } }", {"a"}),
    ("{ ?s a/:b ?o }", {"a", "b"}),
    ("{ ?s ?p ?o }", None),
])
def test_query_reads_names_the_classes_of_type_triples(where, expected):
    assert _short(query_reads(P + where)) == expected
    assert query_predicates(P + where) == (None if expected is None else
                                           {TYPE if k.startswith("a") else f"<http://x/{k}>" for k in expected})


def test_reads_line_keeps_the_type_triples_of_the_classes_read():
    reads = query_reads(P + "{ ?s a :C ; :b ?o }")
    assert reads_line(f"<http://x/s> {TYPE} <http://x/C> .\n", reads)
    assert not reads_line(f"<http://x/s> {TYPE} <http://x/D> .\n", reads)
    assert reads_line('<http://x/s> <http://x/b> "v" .\n', reads)
    assert not reads_line('<http://x/s> <http://x/c> "v" .\n', reads)
    assert reads_line(f"<http://x/s> {TYPE} <http://x/D> .\n", query_reads(P + "{ ?s a ?c }"))


def test_any_query_that_reads_any_predicate_turns_the_filter_off():
    texts = tuple(named_queries().values())
    assert predicates_of(texts) is not None
    assert predicates_of(texts + (P + "{ ?s ?p ?o }",)) is None


def _corpus_shards() -> list[tuple[str, list[str]]]:
    """(file name, N-Triples lines) of every test set's files and the seeds, as the extraction makes them."""
    from mzgraph.lexicon import load_lexicon
    from mzgraph.pipeline import extract_article
    from mzgraph.rdf.graph import extraction_lines, theme_iris
    from mzgraph.reader import read_path

    lexicon = load_lexicon()
    themes = theme_iris(lexicon.themes)
    files = sorted(p for d in DATA.iterdir() if d.is_dir() for p in d.glob("*.txt"))
    files += sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
    shards = []
    for f in files:
        lines: set[str] = set()
        for article in read_path(f, f"{f.parent.name}/{f.name}"):
            lines |= extraction_lines(extract_article(article, lexicon), themes)
        shards.append((f"{f.parent.name}/{f.name}", sorted(lines)))
    return shards


def test_rows_on_the_read_predicates_equal_rows_on_every_triple():
    """Per-file rows worked out on a store of the queries' predicates only are the rows of the whole graph."""
    from mzgraph.store.answers import file_rows, rows_reads

    shards = _corpus_shards()
    assert len(shards) > 100
    reads = rows_reads()
    assert all(reads.values())
    for i in range(0, len(shards), 16):  # chunks of files, as the extraction works them out
        chunk = shards[i:i + 16]
        assert file_rows(chunk, reads) == file_rows(chunk)
    rows = file_rows(shards, reads)
    for key in next(iter(rows.values())):  # every query has rows somewhere, or the test would prove nothing
        assert sum(len(r[key]) for r in rows.values()) > 20


def test_reads_that_do_not_cover_every_query_filter_nothing():
    """Reads worked out for other query texts, or a query that may read any predicate: every triple is loaded."""
    from mzgraph.store.answers import _per_file_queries, _predicates_read, rows_reads

    keys = list(_per_file_queries())
    reads = rows_reads()
    assert _predicates_read(keys, reads) == predicates_of(tuple(_per_file_queries().values()))
    assert _predicates_read(keys, None) is None
    assert _predicates_read(keys, {k + "x": v for k, v in reads.items()}) is None
    assert _predicates_read(keys, {**reads, keys[0]: None}) is None
