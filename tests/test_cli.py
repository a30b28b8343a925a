"""The mzgraph command through cli.main(argv), and once through the installed script."""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mzgraph.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SCRIPT = Path(sys.executable).with_name("mzgraph")


def test_build_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    m = re.search(r"built .*graph\.ttl: 1 files, 2 articles, (\d+) triples", stdout)
    assert m, stdout
    assert int(m.group(1)) > 1000
    entities = re.search(r"^entities: (.+)$", stdout, re.M)
    assert entities, stdout
    counts = dict((t, int(n)) for n, t in re.findall(r"(\d+) (\w+)", entities.group(1)))
    assert {"Person", "Organization", "Place", "Meeting", "Document", "PolicyTheme"} <= set(counts)
    assert counts["Person"] >= 2 and counts["Meeting"] >= 2
    assert (out / "graph.ttl").is_file() and (out / "store").is_dir()


def test_query_list(capsys):
    assert main(["query", "--list"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"entities", "posts", "meetings", "participation", "meeting_themes", "meeting_documents"} <= set(names)


@pytest.mark.parametrize("target", ["dir", "ttl"])
def test_query_posts_csv(seed_dir, capsys, target):
    graph = seed_dir if target == "dir" else seed_dir / "graph.ttl"
    assert main(["query", str(graph), "--name", "posts", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {(r["person"], r["role"], r["organization"]) for r in rows} >= {
        ("谢晓军", "党组书记", "江苏省民政厅"),
        ("王琛", "党组书记", "广西壮族自治区民政厅"),
        ("王琛", "厅长", "广西壮族自治区民政厅"),
    }


def test_query_sparql_string_as_json(seed_dir, capsys):
    sparql = "PREFIX mz: <https://w3id.org/mzgraph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?p a mz:Post }"
    assert main(["query", str(seed_dir), sparql, "--format", "json"]) == 0
    assert '"n": "3"' in capsys.readouterr().out


def test_query_file(seed_dir, tmp_path, capsys):
    rq = tmp_path / "q.rq"
    rq.write_text("PREFIX mz: <https://w3id.org/mzgraph/ontology#>\nASK { ?m a mz:Meeting }\n", encoding="utf-8")
    assert main(["query", str(seed_dir), "--file", str(rq), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "result\ntrue\n"


@pytest.mark.parametrize("argv, message", [
    (["query", "{tmp}/missing.ttl", "--name", "posts"], "no such graph file"),
    (["query", "{tmp}/missing-dir/", "--name", "posts"], "no such graph file"),
    (["query", "{seed}", "SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error"),
    (["query", "{seed}", "--name", "nope"], "unknown query 'nope'"),
    (["query", "{seed}", "--file", "{tmp}/missing.rq"], "cannot read query"),
    (["query", "{seed}"], "give --name NAME"),
    (["query", "--name", "posts"], "give a graph"),
])
def test_errors_are_one_line_exit_2(seed_dir, tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{seed}", str(seed_dir)) for a in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("mzgraph: ") and message in lines[0]
    assert "Traceback" not in captured.err


def test_installed_script_reports_errors_without_traceback(seed_dir):
    assert SCRIPT.is_file(), f"{SCRIPT}: install the package (pip install -e '.[test]')"
    p = subprocess.run([str(SCRIPT), "query", str(seed_dir), "--name", "nope"], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.strip().startswith("mzgraph: unknown query 'nope'")
    assert len(p.stderr.splitlines()) == 1 and "Traceback" not in p.stderr
