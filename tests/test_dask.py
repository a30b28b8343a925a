"""The Dask engine on a 2-worker local cluster builds the same graph as a local build."""
from __future__ import annotations

from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from mzgraph.pipeline import build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("/work/shared/eval/dev")
INPUTS = [ROOT / "seeds"] + ([DEV] if DEV.is_dir() else [])


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.mark.parametrize("store", [False, True])
def test_dask_build_matches_local(cluster, tmp_path, store):
    local = build(INPUTS, tmp_path / "local", store=store)
    remote = build(INPUTS, tmp_path / "dask", store=store, engine="dask", scheduler=cluster.scheduler_address)
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()
    assert (remote.files, remote.articles, remote.triples) == (local.files, local.articles, local.triples)
    assert (tmp_path / "dask" / "store").exists() is store


def test_dask_workers_loaded_the_lexicon_once(cluster, tmp_path):
    from distributed import Client

    build(INPUTS, tmp_path / "d", store=False, engine="dask", scheduler=cluster.scheduler_address, use_cache=False)
    with Client(cluster.scheduler_address) as client:
        loads = client.run(lambda: __import__("mzgraph.lexicon").lexicon.load_lexicon.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]
