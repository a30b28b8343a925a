"""What the components find: typed spans with offsets into ``Document.text``.

Frozen records, shared by the components that produce and read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..lexicon import Title

__all__ = ["PlaceHit", "PlaceContext", "StreetHit", "OrgHit", "PersonHit", "TitleHit", "ChainLink", "NamedChain",
           "PostHit", "MeetingHit", "Participant"]


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    written: str
    codes: tuple[str, ...]  # candidate division codes (street hits: one synthetic key)
    street: bool = False


@dataclass(frozen=True)
class PlaceContext:
    """The article's own province / prefecture / county, used to resolve 省/市/区 and ambiguous names."""

    province: str = ""
    prefecture: str = ""
    county: str = ""

    county_is_city: bool = False  # 宁乡市: in its own articles, 市民政局 and 副市长 are the county-level city's
    province_is_city: bool = True  # 重庆市: a municipality's 市民政局 is its own (a province has no 市 bodies)

    def at(self, level: str) -> str:
        province_city = self.province if self.province_is_city else ""
        city = self.county if self.county_is_city else self.prefecture or province_city
        return {"province": self.province, "city": city,
                "prefecture": self.prefecture, "county": self.county}.get(level, "")


class StreetHit(NamedTuple):
    """A 街道 / 镇 / 乡 named in the text, keyed by the county it lies in (``street:COUNTY:NAME``)."""

    start: int
    name: str
    key: str


@dataclass(frozen=True)
class OrgHit:
    start: int
    end: int
    label: str
    place: str  # division code or street key
    parent: str = ""  # parent org label
    kind: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class PersonHit:
    start: int
    end: int
    name: str
    referenced: bool = False  # 习近平总书记: a national leader cited, not someone in the room


TitleHit = tuple[int, int, Title]  # (start, end, title)


@dataclass(frozen=True)
class ChainLink:
    """One title of a chain (市民政局党组书记、局长): where its segment starts, the title, its written org."""

    seg_start: int
    title_start: int
    title: Title
    org: OrgHit | None


@dataclass(frozen=True)
class NamedChain:
    """A person and the title chain written with them; the posts component reads their posts from it."""

    name: str
    chain: tuple[ChainLink, ...]
    start: int  # evidence span (chain start … name end, or the name … closing bracket)
    end: int


@dataclass(frozen=True)
class PostHit:
    name: str
    role: str
    org: str  # org label
    org_place: str  # division code of the organisation
    start: int  # evidence span (chain start … name end)
    end: int


@dataclass(frozen=True)
class MeetingHit:
    start: int  # name span
    end: int
    name: str
    sentence_start: int
    in_headline: bool
    organizer: str = ""  # org label
    place: str = ""  # division code
    date: str = ""


@dataclass(frozen=True)
class Participant:
    start: int
    end: int
    key: str
    type: str  # Person | Organization
