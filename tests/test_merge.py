"""Cross-article identity: the same bureau or official is one node; namesakes elsewhere stay apart."""
from __future__ import annotations

from pathlib import Path

import pytest

from mzgraph.pipeline import build
from mzgraph.query import run_query

ARTICLES = {
    "a.txt": "江苏省召开全省民政工作会议\n3月17日，2023年江苏省民政工作会议在南京召开。江苏省民政厅党组书记谢晓军出席会议并讲话。",
    "b.txt": "江苏省民政厅召开座谈会\n近日，江苏省民政厅召开养老服务座谈会。省民政厅厅长谢晓军主持会议。",
    "c.txt": "甘肃省召开会议\n近日，甘肃省民政厅召开全省社会救助工作会议。兰州市民政局局长谢晓军参加会议。",
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("in")
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build([src], out, store=False)
    return out / "graph.ttl"


def count(graph: Path, where: str) -> int:
    q = ("PREFIX mz: <https://w3id.org/mzgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {where} }}")
    return int(run_query(graph, q).rows[0]["n"])


def test_same_official_is_one_node_across_articles(graph):
    # 谢晓军 of 江苏省民政厅 (a.txt, b.txt) and 谢晓军 of 兰州市民政局 (c.txt)
    assert count(graph, '?e a mz:Person ; rdfs:label "谢晓军"@zh .') == 2


def test_same_bureau_is_one_node_across_articles(graph):
    assert count(graph, '?e a mz:Organization ; rdfs:label "江苏省民政厅"@zh .') == 1


def test_merged_node_keeps_every_source(graph):
    rows = run_query(graph, """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT DISTINCT ?role ?source WHERE { ?p a mz:Post ; org:member/rdfs:label "谢晓军"@zh ;
          org:organization/rdfs:label "江苏省民政厅"@zh ; org:role/rdfs:label ?r ;
          mz:evidence/nif:referenceContext/mz:sourceFile ?source . BIND(STR(?r) AS ?role) }""").rows
    assert {(r["role"], r["source"]) for r in rows} == {("党组书记", "a.txt"), ("厅长", "b.txt")}


def test_sort_merge_and_heap_merge_give_the_same_bytes(tmp_path):
    from mzgraph.pipeline.merge import heap_merge_shards, merge_shards, sort_command

    if sort_command() is None:
        pytest.skip("no GNU sort here: the heap merge is the only one")
    lines = ['<https://e/%s> <https://p/%d> "%s" .\n' % (s, i % 3, s)
             for i, s in enumerate(["a", "B", "z", "é", "民政", "民", "\U0001F600", "a b", "Z", "~", "民政厅"] * 3)]
    shards = []
    for k in range(5):  # overlapping, each sorted and duplicate-free
        part = sorted(set(lines[k * 5:k * 5 + 12]))
        shards.append(tmp_path / f"s{k}.nt")
        shards[-1].write_text("".join(part), encoding="utf-8", newline="\n")
    (tmp_path / "empty.nt").write_text("")
    shards.append(tmp_path / "empty.nt")
    n_sort = merge_shards(shards, tmp_path / "sorted.nt")
    n_heap = heap_merge_shards(shards, tmp_path / "heap.nt", fanin=2)
    assert (tmp_path / "sorted.nt").read_bytes() == (tmp_path / "heap.nt").read_bytes()
    expected = sorted({ln for p in shards for ln in p.read_text(encoding="utf-8").splitlines(keepends=True)})
    assert (tmp_path / "sorted.nt").read_text(encoding="utf-8") == "".join(expected)
    assert n_sort == n_heap == len(expected)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".merge.")]


def test_changed_lines_of_two_merged_files(tmp_path, monkeypatch):
    import mzgraph.pipeline.merge as merge

    old = ['<https://e/a> <https://p> "1" .\n', '<https://e/b> <https://p> "x\ty" .\n', '<https://e/民> <https://p> "2" .\n']
    new = ['<https://e/a> <https://p> "1" .\n', '<https://e/c> <https://p> "\tz" .\n', '<https://e/民> <https://p> "2" .\n',
           '<https://e/民政> <https://p> "3" .\n']
    (tmp_path / "old.nt").write_text("".join(old), encoding="utf-8")
    (tmp_path / "new.nt").write_text("".join(new), encoding="utf-8")
    expected = (old[1].encode(), (new[1] + new[3]).encode())
    assert merge.changed_lines(tmp_path / "old.nt", tmp_path / "new.nt", limit=10) == expected
    assert merge.changed_lines(tmp_path / "old.nt", tmp_path / "new.nt", limit=2) is None
    monkeypatch.setattr(merge, "sort_command", lambda: None)  # the walk in Python
    assert merge.changed_lines(tmp_path / "old.nt", tmp_path / "new.nt", limit=10) == expected
    assert merge.changed_lines(tmp_path / "old.nt", tmp_path / "new.nt", limit=2) is None


@pytest.mark.skipif(__import__("mzgraph.pipeline.merge", fromlist=["x"]).sort_command() is None,
                    reason="sorted runs need GNU sort")
def test_a_merge_of_sorted_runs_is_the_merge_of_the_shards(tmp_path):
    """SortedRuns (shards sorted a few at a time, duplicates kept) merged by sort -m: the same merged file
    and the same counted duplicates as one sort of every shard; a missing shard adds nothing."""
    from mzgraph.pipeline.merge import SortedRuns, merge_shards

    shards = []
    for i in range(12):  # overlapping shards: every line of shard i is also in shard i + 1
        lines = sorted({f"<urn:s{j}> <urn:p> \"{j}\" .\n" for j in range(i * 5, i * 5 + 12)})
        path = tmp_path / f"s{i:02d}.nt"
        path.write_text("".join(lines), encoding="utf-8")
        shards.append(path)
    runs = SortedRuns(tmp_path / "runs", run_bytes=600)
    for path in reversed(shards):
        runs.add(path)
    runs.add(tmp_path / "missing.nt")
    assert runs.paths == set(shards)
    sorted_runs = runs.finish()
    assert len(sorted_runs) > 2
    a = merge_shards(shards, tmp_path / "a.nt", dups=tmp_path / "a.dups")
    b = merge_shards(shards, tmp_path / "b.nt", dups=tmp_path / "b.dups", runs=sorted_runs)
    assert a == b == 12 * 5 + 7
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    assert (tmp_path / "a.dups").read_bytes() == (tmp_path / "b.dups").read_bytes() != b""
    runs.cancel()
    assert not (tmp_path / "runs").exists()


def test_a_build_merges_the_runs_it_sorted_while_extracting(tmp_path, monkeypatch):
    """A full build sorts its shards into runs while it extracts and merges those: graph.nt and graph.dups
    are those of one sort of every shard, and no run is left in the published generation."""
    import mzgraph.pipeline.merge as merge

    if merge.sort_command() is None:
        pytest.skip("sorted runs need GNU sort")
    merged_runs = []
    real = merge.merge_shards
    monkeypatch.setattr(merge, "merge_shards", lambda *a, runs=None, **k: merged_runs.append(runs) or real(*a, runs=runs, **k))
    monkeypatch.setattr(merge.SortedRuns, "RUN_BYTES", 20_000)
    out = tmp_path / "out"
    build([Path(__file__).parent / "data" / "realstyle2"], out, store=False)
    assert merged_runs and merged_runs[0] is not None and len(merged_runs[0]) > 1
    shards = out / ".shards"
    parts = sorted(p for p in shards.glob("*.nt") if p.name != "graph.nt")
    real(parts, tmp_path / "whole.nt", dups=tmp_path / "whole.dups")
    assert (shards / "graph.nt").read_bytes() == (tmp_path / "whole.nt").read_bytes()
    assert (shards / "graph.dups").read_bytes() == (tmp_path / "whole.dups").read_bytes()
    assert not list(out.rglob(".runs"))
