"""Named queries answer the contract's columns with the expected rows on the seed build."""
from __future__ import annotations

import csv
import io
import json

import pytest

from mzgraph.errors import MzgraphError, QueryError
from mzgraph.query import describe_queries, named_queries, named_query, run_query

SRC = "000_993108acd88fb33a.txt"
M_JS = "2023年江苏省民政工作会议"
M_GX = "全区民政宣传工作会议"

# The evaluation contract (shared/eval/README.md): query name -> columns, in order.
CONTRACT = {
    "entities": ["type", "label", "source"],
    "posts": ["person", "role", "organization", "source"],
    "meetings": ["meeting", "date", "place", "organizer", "source"],
    "participation": ["participant", "participant_type", "kind", "meeting", "source"],
    "meeting_themes": ["meeting", "theme", "source"],
    "meeting_documents": ["meeting", "document", "source"],
}

# (query, row): the seed build must answer a row holding these values (other columns free).
EXPECTED = [
    ("entities", {"type": "Person", "label": "谢晓军", "source": SRC}),
    ("entities", {"type": "Person", "label": "王琛"}),
    ("entities", {"type": "Organization", "label": "江苏省民政厅"}),
    ("entities", {"type": "Organization", "label": "广西壮族自治区民政厅"}),
    ("entities", {"type": "Organization", "label": "徐州市贾汪区民政局"}),
    ("entities", {"type": "Place", "label": "南京市"}),
    ("entities", {"type": "Place", "label": "贾汪区"}),
    ("entities", {"type": "Meeting", "label": M_JS}),
    ("entities", {"type": "Meeting", "label": M_GX}),
    ("entities", {"type": "Document", "label": "关于2022年度全省高质量民政事业发展创新成果和优秀成果的通报"}),
    ("entities", {"type": "PolicyTheme", "label": "民政宣传"}),
    ("posts", {"person": "谢晓军", "role": "党组书记", "organization": "江苏省民政厅", "source": SRC}),
    ("posts", {"person": "王琛", "role": "党组书记", "organization": "广西壮族自治区民政厅", "source": SRC}),
    ("posts", {"person": "王琛", "role": "厅长", "organization": "广西壮族自治区民政厅", "source": SRC}),
    ("meetings", {"meeting": M_JS, "date": "2023-03-17", "place": "南京市", "source": SRC}),
    ("meetings", {"meeting": M_GX, "organizer": "广西壮族自治区民政厅", "source": SRC}),
    ("participation", {"participant": "谢晓军", "participant_type": "Person", "kind": "attended", "meeting": M_JS}),
    ("participation", {"participant": "谢晓军", "participant_type": "Person", "kind": "spoke", "meeting": M_JS}),
    ("participation", {"participant": "王琛", "participant_type": "Person", "kind": "spoke", "meeting": M_GX}),
    ("participation", {"participant": "徐州市贾汪区民政局", "participant_type": "Organization", "kind": "spoke",
                       "meeting": M_JS}),
    ("meeting_themes", {"meeting": M_JS, "theme": "养老服务", "source": SRC}),
    ("meeting_themes", {"meeting": M_JS, "theme": "社会救助"}),
    ("meeting_themes", {"meeting": M_GX, "theme": "民政宣传"}),
    ("meeting_documents", {"meeting": M_JS, "document": "关于2022年度全省高质量民政事业发展创新成果和优秀成果的通报",
                           "source": SRC}),
]

# (query, row): rows the seed build must not answer (short or decorated names, wrong links).
FORBIDDEN = [
    ("entities", {"type": "Organization", "label": "省民政厅"}),
    ("entities", {"type": "Organization", "label": "民政厅"}),
    ("entities", {"type": "Place", "label": "南京"}),
    ("entities", {"type": "Person", "label": "谢晓军同志"}),
    ("entities", {"type": "Document", "label": "《关于2022年度全省高质量民政事业发展创新成果和优秀成果的通报》"}),
    ("posts", {"person": "谢晓军", "organization": "广西壮族自治区民政厅"}),
    ("meetings", {"meeting": M_GX, "date": "2023-03-17"}),
    ("participation", {"participant": "王琛", "meeting": M_JS}),
    ("meeting_themes", {"meeting": M_GX, "theme": "养老服务"}),
]


def matches(row: dict[str, str], want: dict[str, str]) -> bool:
    return all(row.get(k) == v for k, v in want.items())


@pytest.fixture(scope="module")
def answers(seed_dir) -> dict:
    return {name: run_query(seed_dir, named_query(name)) for name in CONTRACT}


def test_named_queries_are_the_contract():
    assert set(CONTRACT) <= set(named_queries())
    listed = dict(describe_queries())
    assert all(listed[name] for name in CONTRACT), "every named query starts with a # description line"


@pytest.mark.parametrize("name", CONTRACT)
def test_columns(answers, name):
    result = answers[name]
    assert result.columns == CONTRACT[name]
    assert result.rows, f"{name}: no rows on the seed"
    assert all(list(r) == CONTRACT[name] for r in result.rows)
    assert all(r["source"] == SRC for r in result.rows)


@pytest.mark.parametrize("name, want", EXPECTED, ids=[f"{q}-{'-'.join(r.values())}" for q, r in EXPECTED])
def test_expected_row(answers, name, want):
    assert any(matches(r, want) for r in answers[name].rows), answers[name].to_table()


@pytest.mark.parametrize("name, unwanted", FORBIDDEN, ids=[f"{q}-{'-'.join(r.values())}" for q, r in FORBIDDEN])
def test_forbidden_row(answers, name, unwanted):
    assert not any(matches(r, unwanted) for r in answers[name].rows)


@pytest.mark.parametrize("name", CONTRACT)
def test_no_duplicate_rows(answers, name):
    rows = [tuple(r.values()) for r in answers[name].rows]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize("name", CONTRACT)
def test_store_and_turtle_give_the_same_answer(seed_dir, answers, name):
    from_file = run_query(seed_dir / "graph.ttl", named_query(name))
    assert from_file.columns == answers[name].columns
    assert sorted(map(tuple, (r.values() for r in from_file.rows))) == sorted(
        map(tuple, (r.values() for r in answers[name].rows)))


def test_csv_format(answers):
    text = answers["posts"].format("csv")
    lines = text.splitlines()
    assert lines[0] == "person,role,organization,source"
    assert list(csv.DictReader(io.StringIO(text))) == answers["posts"].rows


def test_json_format(answers):
    assert json.loads(answers["meetings"].format("json")) == answers["meetings"].rows


def test_table_format(answers):
    result = answers["posts"]
    lines = result.format("table").splitlines()
    assert lines[0].split() == result.columns
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(result.rows)} rows)"
    assert len(lines) == len(result.rows) + 3


def test_ask_query(seed_dir):
    result = run_query(seed_dir, "PREFIX mz: <https://w3id.org/mzgraph/ontology#> ASK { ?p a mz:Post }")
    assert result.rows == [{"result": "true"}]


@pytest.mark.parametrize("sparql", [
    "SELECT ?x WHERE { ?x ?y }",
    "SELEC * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s mz:undeclared ?o }",
])
def test_bad_sparql_raises_one_line_query_error(seed_dir, sparql):
    with pytest.raises(QueryError) as info:
        run_query(seed_dir, sparql)
    assert "\n" not in str(info.value)


def test_unknown_query_name():
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        named_query("nope")


def test_missing_graph_file(tmp_path):
    with pytest.raises(MzgraphError, match="no such graph file"):
        run_query(tmp_path / "missing.ttl", "ASK {}")


@pytest.mark.parametrize("rows", [
    [{"a": "x", "b": "y"}, {"a": "", "b": "z"}],
    [{"a": "with, comma", "b": 'a "quote"'}, {"a": "two\nlines", "b": ""}],
    [],
])
def test_result_rows_read_back_from_its_csv(rows):
    from mzgraph.query import Result

    text = Result(["a", "b"], rows).to_csv()
    again = Result(["a", "b"], csv_text=text)
    assert again.rows == rows and again.to_csv() == text
