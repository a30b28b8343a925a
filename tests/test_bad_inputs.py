"""Bad inputs end to end through the CLI: one line per bad file, the rest built, exit status says so.

The corpus is generated (tests/data/bad/ holds only what cannot be generated): each case is
(file name, bytes, expected outcome), the outcome being ``None`` for a file that must build or
the reason expected in its one-line message.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

from mzgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
BAD_DIR = Path(__file__).parent / "data" / "bad"
MZ = Namespace("https://w3id.org/mzgraph/ontology#")

ARTICLE = ("# 广西召开全区民政宣传工作会议\n近日，广西壮族自治区民政厅召开全区民政宣传工作会议。"
           "自治区民政厅党组书记、厅长王琛出席会议并讲话。\n")
TRAD_ARTICLE = ("# 廣西召開全區民政宣傳工作會議\n近日，廣西壯族自治區民政廳召開全區民政宣傳工作會議。"
                "自治區民政廳黨組書記、廳長王琛出席會議並講話。\n")


def _binary(n: int) -> bytes:
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(n))


CASES = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\r\n\t  \n", "empty file"),
    ("image.txt", _binary(3000), "not text"),
    ("image.html", _binary(500), "not text"),
    ("nuls.txt", b"\x00" * 200, "not text: binary content"),
    ("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 60 + bytes(range(256)) * 4, "not text"),
    ("no_text.html", b"<html><head><script>x()</script></head><body></body></html>", "HTML page has no main text"),
    ("truncated_utf8.txt", ARTICLE.encode("utf-8")[:-2], None),  # cut inside the final "。"
    ("truncated_gbk.txt", ARTICLE.rstrip().encode("gbk")[:-1], None),  # cut inside "。"
    ("big5.txt", TRAD_ARTICLE.encode("big5"), None),
    ("utf16_no_bom.txt", ARTICLE.encode("utf-16-le"), None),
    ("utf8_bom.md", ARTICLE.encode("utf-8-sig"), None),
    ("zero_width.txt", ARTICLE.replace("王琛", "王\u200b琛").replace("近日", "近\x00日\x07").encode(), None),
    ("crlf_mixed.txt", ARTICLE.replace("\n", "\r\n").encode("gb18030"), None),
    ("malformed.html", b"<html><body><div><p>" + ARTICLE.encode() + b"<div><span>", None),
    ("seed.txt", SEED.encode(), None),
]


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, data, _ in CASES:
        (folder / name).write_bytes(data)
    for extra in sorted(BAD_DIR.glob("*")) if BAD_DIR.is_dir() else []:
        (folder / extra.name).write_bytes(extra.read_bytes())
    return folder


@pytest.fixture(scope="module")
def bad_build(bad_corpus, tmp_path_factory):
    """(exit code, stdout, stderr, out folder) of ``mzgraph build`` over the bad corpus."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("bad-out")
    so, se = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(so), contextlib.redirect_stderr(se):
        code = main(["build", str(bad_corpus), "--out", str(out)])
    return code, so.getvalue(), se.getvalue(), out


def test_exit_status_is_one_when_some_files_fail(bad_build):
    code, stdout, _, _ = bad_build
    assert code == 1
    assert stdout.startswith("built ")


@pytest.mark.parametrize("name, reason", [(n, r) for n, _, r in CASES if r is not None])
def test_each_bad_file_gets_one_line_naming_it(bad_build, bad_corpus, name, reason):
    _, _, stderr, _ = bad_build
    path = str(bad_corpus / name)
    skipped = [ln for ln in stderr.splitlines() if ln.startswith(f"mzgraph: skipped {path}: ")]
    assert len(skipped) == 1 and reason in skipped[0], stderr
    summary = stderr[stderr.index("file(s) failed:"):]
    assert f"  {path}: " in summary
    assert "Traceback" not in stderr


def test_summary_counts_the_failures(bad_build):
    _, _, stderr, _ = bad_build
    failed = [r for _, _, r in CASES if r is not None]
    assert f"\n{len(failed)} file(s) failed:\n" in "\n" + stderr


@pytest.mark.parametrize("name", ["truncated_utf8.txt", "truncated_gbk.txt"])
def test_truncated_files_are_built_with_a_warning(bad_build, bad_corpus, name):
    _, _, stderr, _ = bad_build
    assert re.search(rf"^mzgraph: warning: {re.escape(str(bad_corpus / name))}: truncated: incomplete \S+ "
                     rf"character at byte \d+ dropped$", stderr, re.M), stderr


@pytest.fixture(scope="module")
def bad_graph(bad_build) -> Graph:
    return Graph().parse(bad_build[3] / "graph.ttl", format="turtle")


@pytest.mark.parametrize("name, encoding", [
    ("truncated_utf8.txt", "utf-8"), ("truncated_gbk.txt", "gb18030"), ("big5.txt", "cp950"),
    ("utf16_no_bom.txt", "utf-16-le"), ("utf8_bom.md", "utf-8-sig"), ("zero_width.txt", "utf-8"),
    ("crlf_mixed.txt", "gb18030"), ("malformed.html", "utf-8"), ("seed.txt", "utf-8"),
])
def test_good_files_are_built_with_their_encoding(bad_graph, name, encoding):
    articles = set(bad_graph.subjects(MZ.sourceFile, Literal(name)))
    assert articles, f"no article from {name}"
    assert {str(bad_graph.value(a, MZ.encoding)) for a in articles} == {encoding}


@pytest.mark.parametrize("name", ["big5.txt", "zero_width.txt", "utf16_no_bom.txt", "truncated_gbk.txt",
                                  "malformed.html"])
def test_person_found_in_damaged_or_foreign_encodings(bad_graph, name):
    from rdflib import RDF, RDFS
    from rdflib.namespace import Namespace as Ns

    nif = Ns("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    (article,) = bad_graph.subjects(MZ.sourceFile, Literal(name))
    people = {str(bad_graph.value(p, RDFS.label)) for p in bad_graph.subjects(RDF.type, MZ.Person)
              for m in bad_graph.objects(p, MZ.mention) if bad_graph.value(m, nif.referenceContext) == article}
    assert "王琛" in people


def test_strict_stops_at_first_bad_file_with_exit_2(bad_corpus, tmp_path, capsys):
    out = tmp_path / "strict-out"
    code = main(["build", str(bad_corpus), "--out", str(out), "--strict"])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mzgraph: {bad_corpus}"), err
    assert not (out / "graph.ttl").exists()


def test_enormous_file_is_capped_and_the_rest_built(tmp_path, capsys, monkeypatch):
    import mzgraph.reader as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 50_000)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text(ARTICLE * 400, encoding="utf-8")
    (tmp_path / "in" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-store"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "1 articles" in out
    assert re.search(r"^mzgraph: skipped \S+huge.txt: too large: \d+ bytes, the cap is 50000 bytes", err, re.M)


def test_missing_input_file_named(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["build", str(tmp_path / "ok.txt"), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"),
                 "--no-store"])
    _, err = capsys.readouterr()
    assert code == 1
    assert f"mzgraph: skipped {tmp_path / 'nope.txt'}: cannot read: No such file or directory" in err


@pytest.mark.parametrize("sparql, position", [
    ("SELECT ?x WHERE { ?x ?p }", "1:26"),
    ("SELECT ?x WHERE {\n ?x ?p ?o . FILTER(?x = ) }", "2:28"),
    ("SELEC ?x", "1:9"),
    ("SELECT * WHERE { ?s ?p \"unclosed }", r"1:\d+"),
])
def test_sparql_syntax_error_is_one_line_with_position(bad_build, capsys, sparql, position):
    code = main(["query", str(bad_build[3]), sparql])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("mzgraph: SPARQL syntax error: "), err
    assert re.search(rf"error at {position}\b", err), err


def test_bad_corpus_graph_conforms_to_shapes(bad_graph):
    shapes = ROOT / "ontology" / "shapes.ttl"
    if not shapes.is_file():
        pytest.skip("ontology/shapes.ttl does not exist yet")
    import pyshacl

    conforms, _, text = pyshacl.validate(bad_graph, shacl_graph=Graph().parse(shapes, format="turtle"),
                                         inference="none")
    assert conforms, text[:3000]
