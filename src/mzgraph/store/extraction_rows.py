"""A file's rows of the packaged named queries, read straight from its extractions.

The build keeps each file's rows of every per-file named query beside its shard (``answers.py``).
:func:`answers.file_rows` works them out by running the queries on an in-memory Oxigraph store of
the file's triples: exact for any query, but it parses every triple again and joins in the store,
about a sixth of the extraction stage. For the six packaged queries this module gives the same rows
from the :class:`~mzgraph.model.Extraction` objects the triples are made from (``rdf/graph.py``),
node for node: the same IRIs, labels, types and evidence, with nothing parsed.

Each reader below is pinned to the exact text of the query it answers (the SHA-256 in
``PINNED``): an edited ``.rq`` no longer matches, and its rows come from the store again until the
reader is brought in line and re-pinned (``tests/test_extraction_rows.py`` compares the two paths
on every test set and checks the pins against the packaged queries).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Extraction
from ..rdf.iri import entity_iri, place_iri

__all__ = ["PINNED", "FileGraph", "extraction_rows", "covers"]

# the classes the entities query lists by rdfs:label; PolicyTheme is listed by its preferred label
_LABELLED = ("Person", "Organization", "Place", "Meeting", "Document")
_PARTICIPANTS = ("Person", "Organization")


@dataclass
class FileGraph:
    """What the named queries read of one file's triples, by node (IRI text)."""

    themes: Mapping[str, str]  # theme label → its IRI (the scheme's prefLabel@zh is the label)
    labels: dict[str, set[str]] = field(default_factory=dict)  # node → rdfs:label values
    types: dict[str, set[str]] = field(default_factory=dict)  # node → entity classes
    mentioned: dict[str, set[str]] = field(default_factory=dict)  # node → source files of its mentions
    dates: dict[str, set[str]] = field(default_factory=dict)  # meeting node → dates
    held_in: dict[str, set[str]] = field(default_factory=dict)  # meeting node → place nodes
    organizers: dict[str, set[str]] = field(default_factory=dict)  # meeting node → organiser nodes
    posts: set[tuple[str, str, str, str]] = field(default_factory=set)  # (person, role, org, source)
    participations: set[tuple[str, str, str, str]] = field(default_factory=set)  # (who, kind, meeting, source)
    theme_links: set[tuple[str, str, str]] = field(default_factory=set)  # (meeting, theme node, source)
    doc_links: set[tuple[str, str, str]] = field(default_factory=set)  # (meeting, document, source)
    _iris: dict[str, str] = field(default_factory=dict)

    def iri(self, key: str) -> str:
        node = self._iris.get(key)
        if node is None:
            node = str(self.themes[key[6:]]) if key.startswith("theme:") else str(entity_iri(key))
            self._iris[key] = node
        return node

    def add(self, x: Extraction) -> None:
        """The nodes and facts of one article (``rdf/graph.py`` _Builder writes the same)."""
        source = x.document.article.source
        for ref in x.places.values():
            node = str(place_iri(ref.code))
            self.types.setdefault(node, set()).add("Place")
            self.labels.setdefault(node, set()).add(ref.name)
        for key, (etype, label) in x.entities.items():
            if key.startswith("theme:"):
                continue  # a node of the scheme: typed and labelled there
            node = self.iri(key)
            self.types.setdefault(node, set()).add(etype)
            self.labels.setdefault(node, set()).add(label)
        for m in x.mentions:
            self.mentioned.setdefault(self.iri(m.key), set()).add(source)
        for p in x.posts:
            self.posts.add((self.iri(p.person), p.role, self.iri(p.org), source))
        for m in x.meetings:
            node = self.iri(m.key)
            if m.date:
                self.dates.setdefault(node, set()).add(m.date)
            if m.place:
                self.held_in.setdefault(node, set()).add(self.iri(m.place))
            if m.organizer:
                self.organizers.setdefault(node, set()).update(self.iri(o) for o in (m.organizer, *m.co_organizers))
        for p in x.participations:
            self.participations.add((self.iri(p.participant), p.kind, self.iri(p.meeting), source))
        for t in x.themes:
            self.theme_links.add((self.iri(t.meeting), self.iri(t.target), source))
        for d in x.documents:
            self.doc_links.add((self.iri(d.meeting), self.iri(d.target), source))


def _entities(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    out = set()
    for node, sources in g.mentioned.items():
        for source in sources:
            for cls in g.types.get(node, ()):
                if cls in _LABELLED:
                    out.update((cls, label, source) for label in g.labels.get(node, ()))
            if node in theme_label:
                out.add(("PolicyTheme", theme_label[node], source))
    return out


def _posts(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    return {(p, r, o, source) for person, r, org, source in g.posts
            for p in g.labels.get(person, ()) for o in g.labels.get(org, ())}


def _meetings(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    out = set()
    for node, sources in g.mentioned.items():
        if "Meeting" not in g.types.get(node, ()):
            continue
        dates = g.dates.get(node) or {""}
        places = {label for p in g.held_in.get(node, ()) for label in g.labels.get(p, ())} or {""}
        organizers = {label for o in g.organizers.get(node, ()) for label in g.labels.get(o, ())} or {""}
        out.update((m, d, p, o, source) for source in sources for m in g.labels.get(node, ())
                   for d in dates for p in places for o in organizers)
    return out


def _participation(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    return {(w, cls, kind, m, source) for who, kind, meeting, source in g.participations
            for w in g.labels.get(who, ()) for cls in g.types.get(who, ()) if cls in _PARTICIPANTS
            for m in g.labels.get(meeting, ())}


def _meeting_themes(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    return {(m, theme_label[t], source) for meeting, t, source in g.theme_links if t in theme_label
            for m in g.labels.get(meeting, ())}


def _meeting_documents(g: FileGraph, theme_label: Mapping[str, str]) -> set[tuple[str, ...]]:
    return {(m, d, source) for meeting, doc, source in g.doc_links
            for m in g.labels.get(meeting, ()) for d in g.labels.get(doc, ())}


# query key (SHA-256 of the packaged .rq text) → (name, reader, order of the cells the ORDER BY sorts on)
PINNED: dict[str, tuple[str, Callable[[FileGraph, Mapping[str, str]], set[tuple[str, ...]]], tuple[int, ...]]] = {
    "f4ed190b14ede9561771988303e9813d0e2de28de95a0f4aaaa1627dd686e385": ("entities", _entities, (2, 0, 1)),
    "8453c601e3b68d01d0ebe876117f5be5d5c2234f8bfd536696d4925b4c6e2356": ("meeting_documents", _meeting_documents, (2, 0, 1)),
    "d0856c8160dc6aabe80cd9cc1b2ba4435bbfd4a0438ce6b8f7e61e797ff6297c": ("meeting_themes", _meeting_themes, (2, 0, 1)),
    "db7a5e04876124ff9c057fc7b87c927e28912fa3c91c49f8b329527a06d5445a": ("meetings", _meetings, (4, 0, 1, 2, 3)),
    "81fade2c2b4b4a961bc9a6f59e99243530696b0b8fc9aa81b8a04733d8debae5": ("participation", _participation, (4, 3, 0, 2, 1)),
    "7d15201db024ea9168f883d6e97e650a129f75acf32bf655d992dc3077b1325f": ("posts", _posts, (3, 0, 1, 2)),
}


def covers(keys: Iterable[str]) -> bool:
    """Whether every query key of ``keys`` has a pinned reader."""
    return all(k in PINNED for k in keys)


def extraction_rows(xs: Iterable[Extraction], themes: Mapping[str, str], keys: Iterable[str]
                    ) -> dict[str, list[list[str]]]:
    """Query key → the rows of one file (its articles' extractions ``xs``), as :func:`answers.file_rows`
    gives them: each query's distinct rows in its ORDER BY."""
    g = FileGraph(themes)
    for x in xs:
        g.add(x)
    theme_label = {str(iri): label for label, iri in themes.items()}
    out = {}
    for key in keys:
        _, reader, order = PINNED[key]
        rows = reader(g, theme_label)
        out[key] = [list(r) for r in sorted(rows, key=lambda r: tuple(r[i] for i in order))]
    return out
