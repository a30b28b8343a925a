"""Re-builds after a file changed, was added or was removed: only that file is extracted again, the
store is the previous store changed by the difference, and every output equals a clean build's."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mzgraph.pipeline import PhaseProgress, build
from mzgraph.query import named_queries, run_query
from mzgraph.store.answers import find_answer

DATA = Path(__file__).parent / "data"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def triples(out: Path) -> set[tuple[str, str, str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads_for_pattern(None, None, None)}


def turtle_triples(path: Path) -> set[tuple[str, str, str]]:
    import pyoxigraph as ox

    return {(str(t.subject), str(t.predicate), str(t.object))
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


@pytest.fixture()
def corpus(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted((DATA / "heldout").glob("h*.txt"))[:8]:
        shutil.copy(f, src)
    return src


def rebuild(corpus: Path, out: Path) -> list:
    events = []
    build([corpus], out, on_event=events.append)
    return events


def check_like_a_clean_build(corpus: Path, out: Path, tmp_path: Path) -> None:
    clean = tmp_path / f"clean{len(list(tmp_path.iterdir()))}"
    build([corpus], clean, use_cache=False)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    # (the store keeps xsd:nonNegativeInteger literals as xsd:integer: compare stores with stores)
    assert triples(out) == triples(clean)
    assert len(triples(out)) == len(turtle_triples(out / "graph.ttl"))
    for name, text in named_queries().items():
        assert find_answer(out, text).to_csv() == run_query(clean, text).to_csv() == run_query(out, text).to_csv()


def store_was_changed_in_place(events: list) -> bool:
    """The store phase ends without a full load: update_store ran (see outputs.write_outputs)."""
    steps = [e for e in events if isinstance(e, PhaseProgress) and e.phase == "store"]
    return bool(steps) and steps[0].done == 0


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_one_file_changed_updates_the_store_in_place(corpus, tmp_path, change, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out)
    first_store = (out / "store").resolve()
    files = sorted(corpus.iterdir())
    if change == "edit":
        files[2].write_text(files[2].read_text(encoding="utf-8").replace("民政", "民生", 1), encoding="utf-8")
    elif change == "add":
        shutil.copy(sorted((DATA / "heldout").glob("h*.txt"))[8], corpus)
    else:
        files[3].unlink()
    import mzgraph.pipeline.outputs as outputs
    import mzgraph.store.oxigraph as oxigraph

    loads = []
    monkeypatch.setattr(outputs, "write_store", lambda *a: loads.append(a) or oxigraph.write_store(*a))
    rebuild(corpus, out)
    assert loads == [], "the store was loaded afresh for one changed file"
    assert (out / "store").resolve() != first_store
    check_like_a_clean_build(corpus, out, tmp_path)


def test_many_changes_in_a_row_stay_equal_to_a_clean_build(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    files = sorted(corpus.iterdir())
    for i, f in enumerate(files[:3]):
        f.write_text(f.read_text(encoding="utf-8") + f"\n民政局局长张{'三四五'[i]}主持会议。\n", encoding="utf-8")
        rebuild(corpus, out)
    files[4].unlink()
    rebuild(corpus, out)
    check_like_a_clean_build(corpus, out, tmp_path)


def test_a_store_that_is_not_the_last_merge_is_loaded_afresh(corpus, tmp_path, monkeypatch):
    """After a --no-store build the published generation holds no store: the next store is a full load
    (loaded while the changed file is extracted, ``pipeline/feed.py``), not a changed copy of another."""
    out = tmp_path / "out"
    build([corpus], out, store=False)
    import mzgraph.pipeline.outputs as outputs
    import mzgraph.store.oxigraph as oxigraph

    loads, changes = [], []
    monkeypatch.setattr(oxigraph.StoreLoader, "result",
                        lambda self, result=oxigraph.StoreLoader.result: loads.append(self) or result(self))
    monkeypatch.setattr(outputs, "update_store", lambda *a: changes.append(a) or oxigraph.update_store(*a))
    f = sorted(corpus.iterdir())[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rebuild(corpus, out)
    assert len(loads) == 1 and not changes
    check_like_a_clean_build(corpus, out, tmp_path)
