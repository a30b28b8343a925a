"""Frozen records that flow between stages. Offsets index ``Article.text``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .entity_types import CLASSES

__all__ = ["ENTITY_TYPES", "DEFAULT_MAX_VIEW_NODES", "Article", "Span", "Document", "PlaceRef", "Mention",
           "PostFact", "MeetingInfo", "Participation", "Link", "Extraction"]

ENTITY_TYPES = CLASSES  # class names in table order (data/entity_types.tsv)
DEFAULT_MAX_VIEW_NODES = 3000  # graph views keep the most connected nodes past this size


@dataclass(frozen=True)
class Article:
    """One news item read from a file; ``text`` is the reference for every offset."""

    source: str  # basename of the input file
    index: int  # position of the article inside its file
    title: str
    text: str  # original script, line breaks repaired; headline is its first line
    body_start: int  # offset where the body (after headline and meta lines) begins
    published: str = ""  # ISO date of the dateline / 发布日期, if any
    source_org: str = ""  # 来源：… or （据…）
    site: str = ""  # the body whose site published the page: 主办：… in its footer, its <title>'s site name
    encoding: str = "utf-8"


class Span(NamedTuple):
    """A character range; a named tuple because documents hold tens of thousands of them."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An article after normalisation and segmentation."""

    article: Article
    text: str  # simplified, punctuation-normalised; same length as article.text
    sentences: tuple[Span, ...]
    tokens: tuple[Span, ...]

    def sentence_of(self, offset: int) -> Span:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return self.sentences[-1] if self.sentences else Span(0, len(self.text))


@dataclass(frozen=True)
class PlaceRef:
    """A division of the gazetteer."""

    code: str
    name: str
    level: str  # province | prefecture | county | township
    parent: str = ""  # parent code


@dataclass(frozen=True)
class Mention:
    """A typed span: what was written and what it resolves to."""

    start: int
    end: int
    type: str  # an entity class of data/entity_types.tsv (Person, Organization …)
    label: str  # canonical label
    key: str  # identity key inside the graph (IRI seed)


@dataclass(frozen=True)
class PostFact:
    person: str  # person key
    role: str
    org: str  # org key
    start: int
    end: int


@dataclass(frozen=True)
class MeetingInfo:
    key: str
    label: str
    date: str
    place: str  # place key or ""
    organizer: str  # org key or ""
    start: int  # scope start
    end: int  # scope end
    co_organizers: tuple[str, ...] = ()  # org keys of joint organisers after the first (会议由A、B联合主办)


@dataclass(frozen=True)
class Participation:
    participant: str  # entity key
    participant_type: str
    kind: str
    meeting: str
    start: int
    end: int


@dataclass(frozen=True)
class Link:
    """meeting → theme or meeting → document, with an action for documents."""

    meeting: str
    target: str
    action: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    document: Document
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (type, label)
    mentions: tuple[Mention, ...] = ()
    places: dict[str, PlaceRef] = field(default_factory=dict)  # place key -> gazetteer entry
    org_places: dict[str, str] = field(default_factory=dict)  # org key -> place key
    org_parents: dict[str, str] = field(default_factory=dict)  # org key -> parent org key
    posts: tuple[PostFact, ...] = ()
    meetings: tuple[MeetingInfo, ...] = ()
    participations: tuple[Participation, ...] = ()
    themes: tuple[Link, ...] = ()
    documents: tuple[Link, ...] = ()
