"""The per-article state that extraction components read and add to.

Fields are grouped by the component that fills them, in pipeline order. ``add_mention`` and
``add_place`` are the one place where mentions, entities and place chains are recorded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..model import Document, Extraction, Link, MeetingInfo, Mention, Participation, PlaceRef, PostFact
from .hits import NamedChain, OrgHit, PersonHit, PlaceContext, PlaceHit, PostHit, StreetHit, TitleHit

__all__ = ["ArticleState", "place_key"]


def place_key(code: str) -> str:
    return code if code.startswith("street:") else f"place:{code}"


@dataclass
class ArticleState:
    doc: Document
    lex: Lexicon
    # places
    place_hits: list[PlaceHit] = field(default_factory=list)
    context: PlaceContext = field(default_factory=PlaceContext)
    places: dict[int, tuple[PlaceHit, str]] = field(default_factory=dict)  # end -> (hit, resolved code)
    streets: dict[int, StreetHit] = field(default_factory=dict)  # end -> street
    street_refs: dict[str, PlaceRef] = field(default_factory=dict)
    # organizations
    orgs: list[OrgHit] = field(default_factory=list)
    home: OrgHit | None = None  # the bureau the article speaks for
    # people and posts
    titles: list[TitleHit] = field(default_factory=list)
    people: list[PersonHit] = field(default_factory=list)
    chains: list[NamedChain] = field(default_factory=list)
    posts: list[PostHit] = field(default_factory=list)
    # identity: keyed entities and their mentions
    person_key: dict[str, str] = field(default_factory=dict)  # name -> person key
    cited: set[str] = field(default_factory=set)  # names only cited (习近平总书记), never taking part
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (type, label)
    mentions: list[Mention] = field(default_factory=list)
    place_refs: dict[str, PlaceRef] = field(default_factory=dict)
    org_places: dict[str, str] = field(default_factory=dict)
    org_parents: dict[str, str] = field(default_factory=dict)
    post_facts: list[PostFact] = field(default_factory=list)
    # meetings, documents, themes, participation
    meetings: list[MeetingInfo] = field(default_factory=list)
    document_titles: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, full title)
    doc_links: list[Link] = field(default_factory=list)
    theme_links: list[Link] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def add_mention(self, start: int, end: int, etype: str, label: str, key: str) -> None:
        """A span that names the entity ``key``; the first label given to a key is its label."""
        self.entities.setdefault(key, (etype, label))
        self.mentions.append(Mention(start, end, etype, label, key))

    def add_place(self, code: str) -> str:
        """Record a division (or street) with its chain of parents; returns its place key."""
        key = place_key(code)
        if code.startswith("street:"):
            ref = self.street_refs[code]
            self.place_refs[key] = ref
            if ref.parent:
                self.add_place(ref.parent)
            return key
        for ref in self.lex.gazetteer.chain(code):
            self.place_refs[place_key(ref.code)] = ref
        return key

    def to_extraction(self) -> Extraction:
        return Extraction(document=self.doc, entities=self.entities, mentions=tuple(self.mentions),
                          places=self.place_refs, org_places=self.org_places, org_parents=self.org_parents,
                          posts=tuple(self.post_facts), meetings=tuple(self.meetings),
                          participations=tuple(self.participations), themes=tuple(self.theme_links),
                          documents=tuple(self.doc_links))
