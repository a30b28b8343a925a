"""A synthetic graph at 10,000-article scale for query benchmarks, cloned from the seed build's RDF.

    .venv/bin/python benchmarks/corpus_for_query.py OUT.nt [--articles 10000] [--keep 0.35] [--seed 0]

No extraction runs per article: the seeds are built once, and each synthetic article is a random
part of one seed article's subgraph (``--keep`` of its entities and relation nodes, with every
mention, sentence and entity they need) under renamed IRIs and labels. Meetings, documents and
relation nodes are new per article; people and organisations come from pools so that they recur
across articles, as in real news; places, roles and themes are kept. Same arguments, same bytes.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef

from mzgraph.rdf.namespace import ID, MZ, NIF, ORG

ROOT = Path(__file__).resolve().parent.parent
PERSON_POOL = 3000
ORG_POOL = 800
_UNIQUE = ("article", "sentence", "mention", "meeting", "document", "participation", "themelink", "doclink")
_RELATIONS = (MZ.Post, MZ.Participation, MZ.ThemeLink, MZ.DocumentLink)
_ENTITIES = (MZ.Person, MZ.Organization, MZ.Meeting, MZ.Document, MZ.Place)


def seed_graph() -> Graph:
    """The seed folder built with the real pipeline (graph.ttl parsed back)."""
    from mzgraph.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "seeds"], Path(tmp), store=False)
        return Graph().parse(Path(tmp) / "graph.ttl", format="turtle")


def _kind(term) -> str | None:
    if isinstance(term, URIRef) and term.startswith(str(ID)):
        return term[len(str(ID)):].split("/", 1)[0]
    return None


@dataclass
class Template:
    """One seed article's subgraph, cut into units a synthetic article keeps or drops together."""

    article: URIRef
    base: list[tuple] = field(default_factory=list)          # the article node itself
    units: dict[URIRef, set] = field(default_factory=dict)   # entity or relation node → its triples
    needs: dict[URIRef, set] = field(default_factory=dict)   # relation node → entities it links


def templates(g: Graph) -> tuple[list[tuple], list[Template]]:
    """(triples shared by every article: ontology, themes, places' hierarchy; one Template per article)."""
    article_of = {}
    for m in g.subjects(NIF.referenceContext, None):
        article_of[m] = g.value(m, NIF.referenceContext)

    def span(m) -> set:
        out = set(g.triples((m, None, None)))
        sentence = g.value(m, MZ.sentence)
        if sentence is not None:
            out |= set(g.triples((sentence, None, None)))
        return out

    by_article = {a: Template(a, base=list(g.triples((a, None, None)))) for a in g.subjects(RDF.type, MZ.Article)}
    entities = {e for cls in _ENTITIES for e in g.subjects(RDF.type, cls)}
    for e in entities:
        own = {t for t in g.triples((e, None, None)) if t[1] != MZ.mention}
        for m in g.objects(e, MZ.mention):
            tpl = by_article[article_of[m]]
            tpl.units.setdefault(e, set(own)).update({(e, MZ.mention, m)} | span(m))
    for cls in _RELATIONS:
        for r in g.subjects(RDF.type, cls):
            triples = set(g.triples((r, None, None)))
            role = g.value(r, ORG.role)
            if role is not None:
                triples |= set(g.triples((role, None, None)))
            for m in g.objects(r, MZ.evidence):
                triples |= span(m)
            tpl = by_article[article_of[next(iter(g.objects(r, MZ.evidence)))]]
            tpl.units[r] = triples
            tpl.needs[r] = {o for _, _, o in triples if o in entities and o in tpl.units}
    used = {t for tpl in by_article.values() for u in tpl.units.values() for t in u} | \
        {t for tpl in by_article.values() for t in tpl.base}
    shared = [t for t in g if t not in used]
    return shared, [by_article[a] for a in sorted(by_article)]


def _nt(term) -> str:
    if not isinstance(term, Literal):
        return term.n3()
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


class Cloner:
    """Renames one template's terms for synthetic article ``i``."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd

    def mapping(self, tpl: Template, keep: set, i: int) -> dict:
        people = {}
        out = {}
        for unit in keep:
            for s, p, o in tpl.units[unit]:
                for term in (s, o):
                    kind = _kind(term)
                    if kind is None or term in out:
                        continue
                    if kind in _UNIQUE:
                        out[term] = f"<{term}-{i}>"
                    elif kind in ("person", "org"):
                        pool = PERSON_POOL if kind == "person" else ORG_POOL
                        n = people.setdefault(term, self.rnd.randrange(pool))
                        out[term] = f"<{term}-{n}>"
                    elif kind == "post":
                        who = tpl.units[term]
                        person = next(o for s2, p2, o in who if p2 == ORG.member)
                        org_ = next(o for s2, p2, o in who if p2 == ORG.organization)
                        a = people.setdefault(person, self.rnd.randrange(PERSON_POOL))
                        b = people.setdefault(org_, self.rnd.randrange(ORG_POOL))
                        out[term] = f"<{term}-{a}-{b}>"
        return {k: v for k, v in out.items()} | {"__people": people}


def write_corpus(out: Path, articles: int = 10_000, keep: float = 0.35, seed: int = 0) -> int:
    """Write ``articles`` synthetic articles (plus ontology and themes) as N-Triples; returns lines written."""
    rnd = random.Random(seed)
    g = seed_graph()
    shared, tpls = templates(g)
    cloner = Cloner(rnd)
    lines = 0
    with open(out, "w", encoding="utf-8") as fh:
        for t in sorted(shared):
            fh.write(f"{_nt(t[0])} {_nt(t[1])} {_nt(t[2])} .\n")
            lines += 1
        for i in range(articles):
            tpl = tpls[i % len(tpls)]
            relations = [u for u in tpl.needs if rnd.random() < keep]
            keep_units = set(relations) | {e for r in relations for e in tpl.needs[r]}
            keep_units |= {u for u in tpl.units if u not in tpl.needs and rnd.random() < keep}
            names = cloner.mapping(tpl, keep_units, i)
            people = names.pop("__people")
            names[tpl.article] = f"<{tpl.article}-{i}>"
            triples = set(tpl.base)
            for u in keep_units:
                triples |= tpl.units[u]
            for s, p, o in sorted(triples):
                fh.write(f"{names.get(s) or _nt(s)} {_nt(p)} {_obj(o, p, s, names, people, i)} .\n")
                lines += 1
    return lines


def _obj(o, p, s, names, people, i) -> str:
    if not isinstance(o, Literal):
        return names.get(o) or _nt(o)
    if p == MZ.sourceFile:
        return _nt(Literal(f"{i:05d}_{o}"))
    if p == RDF.type:
        return _nt(o)
    kind = _kind(s)
    if p.endswith("#label") and kind in ("meeting", "document"):
        return _nt(Literal(f"{o}·{i}", lang=o.language))
    if p.endswith("#label") and kind in ("person", "org"):
        return _nt(Literal(f"{o}{people.get(s, 0)}", lang=o.language))
    if p.endswith("/title"):
        return _nt(Literal(f"{o}·{i}", lang=o.language, datatype=o.datatype))
    return _nt(o)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=float, default=0.35, help="share of a seed article's facts each clone keeps")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    n = write_corpus(args.out, args.articles, args.keep, args.seed)
    print(f"wrote {args.out}: {n} triples, {args.articles} articles in {time.perf_counter() - t:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
