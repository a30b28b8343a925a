"""CLI manners: --version, options anywhere, type names in any case, mzgraph validate."""
from __future__ import annotations

import csv
import io
import shutil

import pytest

from mzgraph import __version__
from mzgraph.cli import main

COUNT = "PREFIX mz: <https://w3id.org/mzgraph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?p a mz:Post }"


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"mzgraph {__version__}"


@pytest.mark.parametrize("argv", [
    ["query", "{graph}", "--format", "csv", COUNT],  # an option between the two arguments
    ["query", "--format", "csv", "{graph}", COUNT],
    ["query", "{graph}", COUNT, "--format", "csv"],
])
def test_options_anywhere(seed_dir, capsys, argv):
    assert main([a.replace("{graph}", str(seed_dir)) for a in argv]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [{"n": "3"}]


@pytest.mark.parametrize("name", ["person", "PERSON", "Person"])
def test_view_type_in_any_case(seed_dir, tmp_path, capsys, name):
    out = tmp_path / "v.html"
    assert main(["view", str(seed_dir), "--type", name, "-o", str(out)]) == 0
    assert out.is_file() and "nodes" in capsys.readouterr().out


def test_view_unknown_type_is_refused(seed_dir, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["view", str(seed_dir), "--type", "persn", "-o", str(tmp_path / "v.html")])
    assert exit_.value.code == 2
    assert "unknown type 'persn'" in capsys.readouterr().err


def test_validate_a_build_conforms(seed_dir, capsys):
    assert main(["validate", str(seed_dir)]) == 0
    assert "conforms to the mzgraph shapes" in capsys.readouterr().out


def test_validate_reports_a_broken_graph(seed_dir, tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    shutil.copy(seed_dir / "graph.ttl", broken)
    with broken.open("a", encoding="utf-8") as f:  # a post with no holder and no organisation
        f.write("\n<https://w3id.org/mzgraph/id/post/broken> a <https://w3id.org/mzgraph/ontology#Post> .\n")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "https://w3id.org/mzgraph/id/post/broken" in out
    assert "does not conform" in out


@pytest.mark.parametrize("given, message", [
    ("no-such-build", "no such build folder or Turtle file"),
    ("{seeds}", "not a build output folder: no graph.ttl"),
])
def test_validate_bad_paths_are_one_line(given, message, capsys):
    from pathlib import Path
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert main(["validate", given.replace("{seeds}", str(seeds))]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_query_list_shows_each_querys_columns(seed_dir, capsys):
    assert main(["query", "--list"]) == 0
    listed = {}
    name = None
    for line in capsys.readouterr().out.splitlines():
        if line.strip().startswith("columns:"):
            listed[name] = line.split("columns:", 1)[1].strip().split(", ")
        else:
            name = line.split()[0]
    assert set(listed) >= {"entities", "posts", "meetings", "participation", "meeting_themes", "meeting_documents"}
    for query, columns in listed.items():  # the columns are those the query prints
        assert main(["query", str(seed_dir), "--name", query, "--format", "csv", "--live"]) == 0
        assert capsys.readouterr().out.splitlines()[0].split(",") == columns


def test_build_summary_counts_distinct_entities(tmp_path, capsys):
    """The same article in two files names the same people: the summary counts each once, as SPARQL does,
    on a fresh build and on an unchanged re-build."""
    import re
    from pathlib import Path

    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed, tmp_path / "in" / name)
    out = tmp_path / "out"
    for _ in range(2):  # the second build is unchanged and reads the counts it kept
        assert main(["build", str(tmp_path / "in"), "--out", str(out)]) == 0
        line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("entities:"))
        counts = {t: int(n) for n, t in re.findall(r"(\d+) (\w+)", line)}
        for etype in ("Person", "Organization", "Meeting", "Place"):
            q = ("PREFIX mz: <https://w3id.org/mzgraph/ontology#> "
                 f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a mz:{etype} }}")
            assert main(["query", str(out), q, "--format", "csv"]) == 0
            assert counts[etype] == int(capsys.readouterr().out.splitlines()[1]), etype
    assert counts["Person"] == 3
