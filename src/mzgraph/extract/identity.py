"""Identity: the keys entities are known by across articles, and every mention recorded once.

A person is one node per name and province (the province of their first post's organisation,
else of the article), so the same official merges across articles while namesakes in unrelated
places stay apart; an organisation is one node per full name; a place per division code.
"""
from __future__ import annotations

from ..model import Mention, PostFact
from .hits import OrgHit, PersonHit
from .people import find_comrades, find_named_mentions
from .registry import component
from .state import ArticleState

__all__ = ["identify", "province_of"]


@component("identity")
def identify(state: ArticleState) -> None:
    text, lex = state.text, state.lex
    unit_ends = frozenset(o.end for o in state.orgs)
    names = {p.name for p in state.people} | {p.name for p in find_comrades(text, lex, unit_ends)}
    state.cited = {p.name for p in state.people if p.referenced} - {p.name for p in state.people if not p.referenced}
    titles_of: dict[str, set[str]] = {}
    for p in state.posts:
        titles_of.setdefault(p.name, set()).add(p.role)
    person_mentions = find_named_mentions(text, names, lex, titles_of, state.titles)
    first_place: dict[str, str] = {}
    for p in state.posts:
        first_place.setdefault(p.name, p.org_place)
    state.person_key = {n: f"person:{n}|{province_of(state, first_place.get(n, ''))}" for n in names}
    for m in person_mentions:
        state.add_mention(m.start, m.end, "Person", m.name, state.person_key[m.name])
    _places_and_orgs(state, person_mentions)
    for p in state.posts:
        okey = f"org:{p.org}"
        if okey not in state.entities:
            state.entities[okey] = ("Organization", p.org)
            state.mentions.append(Mention(p.start, p.end, "Organization", p.org, okey))
            if p.org_place:
                state.org_places[okey] = state.add_place(p.org_place)
        state.post_facts.append(PostFact(state.person_key[p.name], p.role, okey, p.start, p.end))


_RELATIVE_PREFIXES = "省市区县州"  # (市民政局, 州民政局: the article's own place, written by its level)


def _places_and_orgs(state: ArticleState, person_mentions: list[PersonHit]) -> None:
    """Mentions of places, streets and organisations, except those inside a name or a document title."""
    gaz = state.lex.gazetteer
    name_spans = [(m.start, m.end) for m in person_mentions]
    quoted_spans = [(s, e) for s, e, _ in state.document_titles]

    def inside_name(s: int, e: int) -> bool:
        """Inside a person's name or a document's title: not a mention of its own."""
        return any(s < b and a < e for a, b in name_spans) or any(a < s and e < b for a, b in quoted_spans)

    national = [(o.start, o.end) for o in state.orgs if o.kind == "national"]  # 新疆生产建设兵团 is no region
    for end, (hit, code) in sorted(state.places.items()):
        if not inside_name(hit.start, hit.end) and not any(a <= hit.start and hit.end <= b for a, b in national):
            state.add_mention(hit.start, hit.end, "Place", gaz.divisions[code].name, state.add_place(code))
    for end, street in sorted(state.streets.items()):
        state.add_mention(street.start, end, "Place", street.name, state.add_place(street.key))
    for o in state.orgs:
        if not inside_name(o.start, o.end):
            key = f"org:{o.label}"
            state.add_mention(o.start, o.end, "Organization", o.label, key)
            if o.place:
                state.org_places[key] = state.add_place(o.place)
                _relative_place(state, o)
            if o.parent:
                state.org_parents[key] = f"org:{o.parent}"


def _relative_place(state: ArticleState, o: OrgHit) -> None:
    """市民政局 named 南通市民政局: the 市 written for the article's own city mentions that city (a place
    inside the name of an organisation is named by the text, written out or not)."""
    division = state.lex.gazetteer.divisions.get(o.place)
    if division is not None and state.text[o.start] in _RELATIVE_PREFIXES and o.label.startswith(division.name) \
            and not state.text.startswith(division.name, o.start) and _written(state, o.place):
        state.add_mention(o.start, o.start + 1, "Place", division.name, state.add_place(o.place))


def _written(state: ArticleState, code: str) -> bool:
    """Whether the article writes the division ``code`` somewhere, in full or bare (渭源), in its text or on its
    source line (市民政局 in an article that names 衡山县 only resolves to 衡阳市 through the gazetteer: the text
    does not name the city)."""
    art, name = state.doc.article, state.lex.gazetteer.divisions[code].name
    stem = name[:-1] if len(name) >= 3 and name[-1] in "省市县区州旗盟" else name  # (渭源 for 渭源县)
    return any(c == code for _, c in state.places.values()) \
        or any(stem in t for t in (state.text, art.source_org or "", art.site or ""))


def province_of(state: ArticleState, code: str) -> str:
    """The province a division (or street key) lies in, else the article's, else the nation."""
    gaz = state.lex.gazetteer
    if code.startswith("street:"):
        code = code.split(":")[1]
    chain = gaz.chain(code) if code else []
    return chain[-1].code if chain else (state.context.province or "cn")
