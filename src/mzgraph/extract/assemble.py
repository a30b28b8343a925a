"""Run the extraction stages over one document and assemble keyed entities and relations."""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Document, Extraction, Link, MeetingInfo, Mention, Participation, PlaceRef, PostFact
from ..normalize import normalize
from .meetings import find_meetings, meeting_date, needs_organizer_prefix, norm_key
from .orgs import OrgHit, find_orgs, resolve_places
from .people import find_comrades, find_named_mentions, find_people, find_titles
from .places import article_context, find_places, find_streets
from .relations import (Participant, document_action, find_documents, lead_cue_windows, participation_kinds,
                        theme_hits)


_SELF = re.compile(r"[我本][局厅]")


def _full_titles(docs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """《条例》 after 《中国共产党纪律处分条例》: a short title that ends a longer one in the article is that one."""
    titles = {t for _, _, t in docs}
    out = []
    for s, e, t in docs:
        longer = sorted(u for u in titles if u != t and u.endswith(t) and len(t) >= 2)
        out.append((s, e, min(longer, key=len) if longer else t))
    return out


_MAIN_VENUE = re.compile(r"在([^，。；]{2,12}?)设主会场|主会场设在([^，。；]{2,12})")


def _main_venue(text: str, start: int, end: int, places) -> str:
    """The division code of the first place written where the main venue is said to be, else ""."""
    for m in _MAIN_VENUE.finditer(text, start, end):
        a, b = m.span(1) if m.group(1) else m.span(2)
        found = [code for e, (hit, code) in sorted(places.items()) if a <= hit.start and e <= b and not hit.street]
        if found:
            return found[-1]
    return ""


_SAME_DAY = ("当天", "当日", "同日", "同一天", "随后", "会后", "紧接着", "上午", "下午", "晚上")


def place_key(code: str) -> str:
    return code if code.startswith("street:") else f"place:{code}"


def extract(doc: Document, lex: Lexicon) -> Extraction:
    text, art, gaz = doc.text, doc.article, lex.gazetteer
    hits = find_places(text, gaz)
    ctx = article_context(doc, hits, gaz)
    places = resolve_places(hits, ctx, gaz)

    # streets: keyed by the district written before them or the article's county
    streets: dict[int, tuple[int, str, str]] = {}
    street_refs: dict[str, PlaceRef] = {}
    for s, e, name in find_streets(text, hits):
        county = places[s][1] if s in places and gaz.divisions[places[s][1]].level == "county" else ctx.county
        key = f"street:{county}:{name}"
        streets[e] = (s, name, key)
        street_refs[key] = PlaceRef(key, name, "township", county)

    orgs = find_orgs(text, lex, places, streets, ctx)
    home = _home_org(orgs, normalize(art.source_org))
    if home is not None:  # 我局 / 本厅: the article's own bureau speaking of itself
        for m in _SELF.finditer(text):
            if home.label.endswith(m.group()[-1]):
                orgs.append(OrgHit(m.start(), m.end(), home.label, home.place, home.parent, home.kind, home.suffix))
        orgs.sort(key=lambda h: (h.start, -h.end))
    titles = find_titles(text, lex)
    people, posts = find_people(text, lex, orgs, places, ctx, home, doc.tokens, titles)
    names = {p.name for p in people} | {p.name for p in find_comrades(text, lex)}
    cited = {p.name for p in people if p.referenced} - {p.name for p in people if not p.referenced}
    titles_of: dict[str, set[str]] = {}
    for p in posts:
        titles_of.setdefault(p.name, set()).add(p.role)
    person_mentions = find_named_mentions(text, names, lex, titles_of, titles)

    entities: dict[str, tuple[str, str]] = {}
    mentions: list[Mention] = []
    place_refs: dict[str, PlaceRef] = {}
    org_places: dict[str, str] = {}
    org_parents: dict[str, str] = {}

    def add(start: int, end: int, etype: str, label: str, key: str) -> None:
        entities.setdefault(key, (etype, label))
        mentions.append(Mention(start, end, etype, label, key))

    def add_place(code: str) -> str:
        key = place_key(code)
        if code.startswith("street:"):
            ref = street_refs[code]
            place_refs[key] = ref
            if ref.parent:
                add_place(ref.parent)
            return key
        for ref in gaz.chain(code):
            place_refs[place_key(ref.code)] = ref
        return key

    # people: one key per name and first organisation (or the article's place)
    # people: one node per name and province across the corpus (the province of their first
    # post's organisation, else of the article), so that the same official merges across
    # articles while namesakes in unrelated places stay apart
    first_place: dict[str, str] = {}
    for p in posts:
        first_place.setdefault(p.name, p.org_place)
    person_key = {n: f"person:{n}|{_province_of(first_place.get(n, ''), ctx, gaz)}" for n in names}
    name_spans = [(m.start, m.end) for m in person_mentions]
    for m in person_mentions:
        add(m.start, m.end, "Person", m.name, person_key[m.name])

    quoted_spans = [(s, e) for s, e, _ in find_documents(text)]

    def inside_name(s: int, e: int) -> bool:
        """Inside a person's name or a document's title: not a mention of its own."""
        return any(s < b and a < e for a, b in name_spans) or any(a < s and e < b for a, b in quoted_spans)

    for end, (hit, code) in sorted(places.items()):
        if not inside_name(hit.start, hit.end):
            add(hit.start, hit.end, "Place", gaz.divisions[code].name, add_place(code))
    for end, (s, name, key) in sorted(streets.items()):
        add(s, end, "Place", name, add_place(key))

    def add_org(o: OrgHit) -> str:
        key = f"org:{o.label}"
        add(o.start, o.end, "Organization", o.label, key)
        if o.place:
            org_places[key] = add_place(o.place)
        if o.parent:
            org_parents[key] = f"org:{o.parent}"
        return key

    for o in orgs:
        if not inside_name(o.start, o.end):
            add_org(o)

    post_facts = []
    for p in posts:
        okey = f"org:{p.org}"
        if okey not in entities:
            entities[okey] = ("Organization", p.org)
            mentions.append(Mention(p.start, p.end, "Organization", p.org, okey))
            if p.org_place:
                org_places[okey] = add_place(p.org_place)
        post_facts.append(PostFact(person_key[p.name], p.role, okey, p.start, p.end))

    # meetings
    raw = find_meetings(doc, lex, orgs, places)
    body = [h for h in raw if not h.in_headline]
    head = [h for h in raw if h.in_headline]
    merged: list[dict] = []
    for h in body:
        k = norm_key(h.name)
        same = next((m for m in merged if m["norm"] == k), None)
        if same is None:
            merged.append({"norm": k, "hits": [h]})
        else:
            same["hits"].append(h)
    for h in head:
        k = norm_key(h.name)
        same = next((m for m in merged if m["norm"] == k), None)
        if same is not None:
            same["hits"].append(h)
        elif not body:
            merged.append({"norm": k, "hits": [h]})
    merged.sort(key=lambda m: min(h.sentence_start for h in m["hits"] if not h.in_headline) if any(not h.in_headline for h in m["hits"]) else art.body_start)

    meetings: list[MeetingInfo] = []
    for i, m in enumerate(merged):
        hs = sorted(m["hits"], key=lambda h: (h.in_headline, h.start))
        first = hs[0]
        organizer = next((h.organizer for h in hs if h.organizer), "")
        name = first.name.strip("“”\"")
        if home is not None and name[:1] in "局厅" and home.label.endswith(name[0]) and name[1:2] in "党机全务办" \
                and name not in lex.internal_meeting_types:  # (局务会 is a meeting type of its own)
            organizer, name = organizer or home.label, name[1:]  # 厅党组会议: the article's own bureau
        if not organizer:  # 长沙市慈善总会第三届理事会第二次会议: the name opens with its organiser
            organizer = next((o.label for h in hs for o in orgs if o.start == h.start and o.end < h.end), "")
        place = next((h.place for h in hs if h.place), "")
        if not organizer and home is not None and name in lex.internal_meeting_types:
            organizer = home.label  # 主持召开局长办公会: the article's own bureau holds its internal meetings
        label = f"{organizer}{name}" if organizer and needs_organizer_prefix(name, lex) else name
        date = ""
        for h in hs:
            date = meeting_date(text, h.sentence_start, h.start, art.published, art.title, h.name)
            if date:
                break
        intro = next((h for h in hs if not h.in_headline), None)
        if not date and intro is not None and any(w in text[intro.sentence_start:intro.start] for w in _SAME_DAY):
            if meetings:  # 当天下午 / 随后，…召开: held the day of the meeting before it
                date = meetings[-1].date
            else:  # 9月5日是中华慈善日。当天，…召开: the day the sentence before names
                before = [s for s in doc.sentences if s.end <= intro.sentence_start and s.start >= art.body_start]
                if before:
                    date = meeting_date(text, before[-1].start, intro.start, art.published, art.title, intro.name)
        scope_start = art.body_start if i == 0 else min(h.sentence_start for h in hs if not h.in_headline)
        if i + 1 < len(merged):
            nxt = merged[i + 1]["hits"]
            scope_end = min(h.sentence_start for h in nxt if not h.in_headline)
        else:
            scope_end = len(text)
        if not place:  # 会议在兰州设主会场 / 主会场设在省民政厅: a video conference is held where its main venue is
            place = _main_venue(text, scope_start, scope_end, places)
        # the same meeting reported twice merges; namesakes in other places or years do not
        key = f"meeting:{norm_key(label)}|{date}|{ctx.prefecture or ctx.province}"
        for h in hs:
            add(h.start, h.end, "Meeting", label, key)
        org_key = ""
        if organizer:
            org_key = f"org:{organizer}"
            entities.setdefault(org_key, ("Organization", organizer))
        meetings.append(MeetingInfo(key, label, date, add_place(place) if place else "", org_key, scope_start, scope_end))

    # participation, themes, documents per meeting scope
    chain_start: dict[int, int] = {}
    for p in posts:
        chain_start[p.end] = min(p.start, chain_start.get(p.end, p.start))
    participations: list[Participation] = []
    theme_links: list[Link] = []
    doc_links: list[Link] = []
    docs = _full_titles(find_documents(text))
    for s, e, title in docs:
        add(s, e, "Document", title, f"doc:{title}")
    org_spans = [(m.start, m.end) for m in mentions if m.type == "Organization"]
    bracket_chains = [(p.start, p.end) for p in posts if text[p.end - 1:p.end] in ("）", ")")]
    for mi, meeting in enumerate(meetings):
        cands: list[Participant] = []
        people_spans = [(m.start, m.end) for m in mentions if m.type == "Person"]
        quoted = [(s, e) for s, e, _ in docs]
        for men in mentions:
            if not (meeting.start <= men.start < meeting.end) or men.type not in ("Person", "Organization"):
                continue
            if men.type == "Organization" and any(men.start <= a and b <= men.end for a, b in people_spans):
                continue  # an organisation implied by a title chain, not a subject of its own
            if men.type == "Organization" and any(a < men.start and men.end < b for a, b in bracket_chains):
                continue  # 杭波（旗民政局党组书记、局长）: the organisation of a post in brackets
            if any(a <= men.start < b for a, b in quoted):
                continue  # named inside a document title
            if men.type == "Person" and men.label in cited:
                continue  # 习近平总书记…重要讲话: cited, not taking part
            # a person's span starts where the title chain before the name starts
            start = chain_start.get(men.end, men.start) if men.type == "Person" else men.start
            cands.append(Participant(start, men.end, men.key, men.type))
        for e, (s, name, key) in streets.items():
            if meeting.start <= s < meeting.end:
                cands.append(Participant(s, e, f"street-org:{key}", "Organization"))
        for sent in doc.sentences:
            if not (meeting.start <= sent.start < meeting.end):
                continue
            inside = [p for p in cands if sent.start <= p.start < sent.end]
            for p, kind, cue_end in participation_kinds(text, inside, sent.end, lex):
                key = p.key
                if key.startswith("street-org:"):
                    skey = key.removeprefix("street-org:")
                    ref = street_refs[skey]
                    label = ref.name  # 解放碑街道 / 马坝镇: the bare name, as analysts write it
                    key = f"org:{label}|{ref.parent}"
                    add(p.start, p.end, "Organization", label, key)
                    org_places[key] = add_place(skey)
                participations.append(Participation(key, p.type, kind, meeting.key, p.start, cue_end))
        known = {(x.participant, x.kind) for x in participations if x.meeting == meeting.key}
        for kind, a, b in lead_cue_windows(text, meeting.start, meeting.end, lex):
            for p in cands:  # 出席会议的有：A（…）、B（…）: everyone listed after the cue
                if a <= p.start < b and not p.key.startswith("street-org:") and (p.key, kind) not in known:
                    known.add((p.key, kind))
                    participations.append(Participation(p.key, p.type, kind, meeting.key, p.start, b))
        window = [(meeting.start, meeting.end)]
        if mi == 0:
            window.append((0, art.body_start))
        seen: set[str] = set()
        for a, b in window:
            for label, s, e in theme_hits(text, a, b, lex, org_spans):
                if label in seen:
                    continue
                seen.add(label)
                tkey = f"theme:{label}"
                add(s, e, "PolicyTheme", label, tkey)
                theme_links.append(Link(meeting.key, tkey, "deploys", s, e))
        for s, e, title in docs:
            if meeting.start <= s < meeting.end:
                action = document_action(text, doc.sentence_of(s).start, s, lex, e)
                if action:
                    doc_links.append(Link(meeting.key, f"doc:{title}", action, doc.sentence_of(s).start, e))

    return Extraction(document=doc, entities=entities, mentions=tuple(mentions), places=place_refs,
                      org_places=org_places, org_parents=org_parents, posts=tuple(post_facts),
                      meetings=tuple(meetings), participations=tuple(participations),
                      themes=tuple(theme_links), documents=tuple(doc_links))


def _province_of(code: str, ctx, gaz) -> str:
    if code.startswith("street:"):
        code = code.split(":")[1]
    chain = gaz.chain(code) if code else []
    return chain[-1].code if chain else (ctx.province or "cn")


def _home_org(orgs: list[OrgHit], source_org: str) -> OrgHit | None:
    """The bureau the article speaks for: its 来源 when written in full, else the first bureau named."""
    if source_org:
        for o in orgs:
            if o.label == source_org or o.label.endswith(source_org):
                if o.kind == "subunit" and o.parent:  # 来源：汉中市民政局办公室: the bureau it belongs to
                    return next((p for p in orgs if p.label == o.parent), o)
                return o
    return next((o for o in orgs if o.kind == "bureau"), None)
