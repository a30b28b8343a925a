"""Publishing a build's outputs as one generation behind a single symlink swap."""
from __future__ import annotations

from pathlib import Path

from mzgraph.pipeline.publish import CURRENT, GENERATIONS, new_generation, publish


def _generation(out: Path, text: str) -> Path:
    gen = new_generation(out)
    (gen / "graph.ttl").write_text(text, encoding="utf-8")
    (gen / "store").mkdir()
    (gen / "store" / "marker").write_text(text, encoding="utf-8")
    return gen


def test_outputs_switch_together(tmp_path):
    publish(tmp_path, _generation(tmp_path, "first"))
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "first"
    publish(tmp_path, _generation(tmp_path, "second"))
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "second"
    assert (tmp_path / "store" / "marker").read_text(encoding="utf-8") == "second"
    assert len(list((tmp_path / GENERATIONS).iterdir())) == 1  # older generations are removed


def test_outputs_are_links_through_current(tmp_path):
    gen = _generation(tmp_path, "x")
    publish(tmp_path, gen)
    assert (tmp_path / "graph.ttl").is_symlink() and (tmp_path / "store").is_symlink()
    assert (tmp_path / CURRENT).resolve() == gen.resolve()
    assert not (tmp_path / "graph.html").exists()  # a build without a view leaves a dangling link only


def test_an_older_layout_is_migrated(tmp_path):
    (tmp_path / "graph.ttl").write_text("old file", encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "marker").write_text("old store", encoding="utf-8")
    publish(tmp_path, _generation(tmp_path, "new"))
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert (tmp_path / "store" / "marker").read_text(encoding="utf-8") == "new"


def test_an_unpublished_generation_changes_nothing(tmp_path):
    publish(tmp_path, _generation(tmp_path, "kept"))
    _generation(tmp_path, "half-built")  # a build killed before publish()
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "kept"
    publish(tmp_path, _generation(tmp_path, "next"))
    assert len(list((tmp_path / GENERATIONS).iterdir())) == 1  # leftovers are cleaned on the next publish
