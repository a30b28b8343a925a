"""Notebook and tables: typed values in rows (printing unchanged), DataFrames, GraphRAG's Parquet tables."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest

from mzgraph.errors import MzgraphError
from mzgraph.export import export
from mzgraph.export.tables import TABLE_COLUMNS
from mzgraph.store import open_graph, run_query
from mzgraph.store.result import Result, typed_value

XSD = "http://www.w3.org/2001/XMLSchema#"
MZGRAPH = [sys.executable, "-m", "mzgraph.cli"]
COUNTS = """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
SELECT ?type (COUNT(?e) AS ?n) (SAMPLE(?d) AS ?date) WHERE {
  ?e a ?type . FILTER(?type IN (mz:Person, mz:Meeting))
  OPTIONAL { ?e mz:date ?d FILTER(datatype(?d) = <http://www.w3.org/2001/XMLSchema#date>) }
} GROUP BY ?type ORDER BY ?type"""


@pytest.mark.parametrize("text, datatype, expected", [
    ("22", XSD + "integer", 22),
    ("7", XSD + "nonNegativeInteger", 7),
    ("-3", XSD + "int", -3),
    ("2.5", XSD + "decimal", 2.5),
    ("1.0E2", XSD + "double", 100.0),
    ("2023-03-17", XSD + "date", datetime.date(2023, 3, 17)),
    ("2023-03-17Z", XSD + "date", "2023-03-17Z"),  # a time zone: kept as written
    ("2023-03", XSD + "gYearMonth", "2023-03"),
    ("abc", XSD + "integer", "abc"),  # does not parse: the text
    ("22", XSD + "string", "22"),
])
def test_typed_value(text, datatype, expected):
    value = typed_value(text, datatype)
    assert value == expected and type(value) is type(expected)


def test_rows_hold_ints_and_dates(seed_dir):
    rows = open_graph(seed_dir).query(COUNTS)
    assert [r["type"] for r in rows] == ["https://w3id.org/mzgraph/ontology#Meeting",
                                         "https://w3id.org/mzgraph/ontology#Person"]
    assert all(isinstance(r["n"], int) and r["n"] > 0 for r in rows)
    assert isinstance(rows[0]["date"], datetime.date) and rows[1]["date"] == ""  # unbound stays ""


def test_printing_is_unchanged_by_typing(seed_dir):
    live = run_query(seed_dir, COUNTS)
    as_text = Result(live.columns, live.text_rows)  # the same cells without types, as a kept answer has them
    assert live.rows != as_text.rows
    for fmt in ("csv", "json", "table"):
        assert live.format(fmt) == as_text.format(fmt)
    assert '"n": "' in live.to_json()  # JSON prints the values as the store wrote them
    cli = subprocess.run([*MZGRAPH, "query", str(seed_dir), COUNTS, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(cli) == live.text_rows


def test_to_pandas_types_columns(seed_dir):
    pd = pytest.importorskip("pandas")
    df = run_query(seed_dir, COUNTS).to_pandas()
    assert list(df.columns) == ["type", "n", "date"]
    assert str(df["n"].dtype) == "Int64" and df["n"].min() > 0
    assert pd.api.types.is_datetime64_any_dtype(df["date"]) and df["date"].isna().tolist() == [False, True]
    assert df["type"].tolist()[0].endswith("#Meeting")


def test_to_pandas_without_pandas_says_how_to_install(seed_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed: the import fails
    with pytest.raises(MzgraphError, match=r"pip install 'mzgraph\[tables\]'"):
        run_query(seed_dir, COUNTS).to_pandas()


@pytest.fixture(scope="module")
def parquet_dir(seed_dir, tmp_path_factory):
    pytest.importorskip("pyarrow")
    return export(seed_dir, "parquet", tmp_path_factory.mktemp("parquet") / "tables")


def _read(parquet_dir, name):
    import pyarrow.parquet as pq

    return pq.read_table(parquet_dir / f"{name}.parquet").to_pylist()


@pytest.mark.parametrize("name", sorted(TABLE_COLUMNS))
def test_parquet_tables_have_graphrags_columns(parquet_dir, name):
    import pyarrow.parquet as pq

    table = pq.read_table(parquet_dir / f"{name}.parquet")
    assert tuple(table.column_names) == TABLE_COLUMNS[name] and table.num_rows > 0
    ids = table.column("id").to_pylist()
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert table.column("human_readable_id").to_pylist() == list(range(table.num_rows))


def test_parquet_tables_join_up(parquet_dir, seed_dir):
    entities = {e["id"]: e for e in _read(parquet_dir, "entities")}
    relationships = _read(parquet_dir, "relationships")
    units = {u["id"]: u for u in _read(parquet_dir, "text_units")}
    documents = {d["id"]: d for d in _read(parquet_dir, "documents")}
    titles = {e["title"] for e in entities.values()}
    for rel in relationships:
        assert rel["source"] in titles and rel["target"] in titles
        assert entities[rel["source_id"]]["title"] == rel["source"]
        assert set(rel["text_unit_ids"]) <= set(units) and rel["weight"] >= 1.0
        assert rel["combined_degree"] == entities[rel["source_id"]]["degree"] + entities[rel["target_id"]]["degree"]
    for unit in units.values():
        doc = documents[unit["document_ids"][0]]
        assert doc["text"][unit["begin"]:unit["end"]] == unit["text"] == unit["text"].strip()
        assert unit["id"] in doc["text_unit_ids"]
    for e in entities.values():
        assert e["frequency"] == len(e["text_unit_ids"]) and set(e["text_unit_ids"]) <= set(units)
    # every post, participation, theme and document link is a relationship with its sentence
    facts = run_query(seed_dir, """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x mz:evidence ?m }""").rows[0]["n"]
    assert sum(1 for r in relationships if r["text_unit_ids"]) == facts
    person = next(e for e in entities.values() if e["title"] == "王琛")
    assert person["type"] == "Person" and "广西壮族自治区民政厅厅长" in person["description"]


def test_parquet_is_deterministic(parquet_dir, seed_dir, tmp_path):
    again = export(seed_dir, "parquet", tmp_path / "again")
    for name in TABLE_COLUMNS:
        assert _read(again, name) == _read(parquet_dir, name)


def test_parquet_without_pyarrow_says_how_to_install(seed_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MzgraphError, match=r"pip install 'mzgraph\[tables\]'"):
        export(seed_dir, "parquet", tmp_path / "t")


def test_parquet_refuses_stdout(seed_dir):
    with pytest.raises(MzgraphError, match="FOLDER"):
        export(seed_dir, "parquet", "-")
