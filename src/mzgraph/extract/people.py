"""People read from structure: [org] title (、[org] title)* name [同志], names in brackets after a
name, ``name + 同志``, and later mentions of a known name (陈副市长 → 陈立群).

The component records each person with the title chain written beside them; the posts
component turns chains into posts.
"""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from .hits import ChainLink, NamedChain, OrgHit, PersonHit, PlaceHit, TitleHit
from .names import dotted_name_at, ethnic_name_at, tibetan_name_at, follow_words_of, name_at, name_before_bracket, valid_name
from .registry import component
from .state import ArticleState

__all__ = ["find_titles", "find_people", "find_named_mentions", "find_comrades", "find_people_component"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")  # with the rare extensions (向㛃, 田䶮)


@component("people")
def find_people_component(state: ArticleState) -> None:
    """People with their title chains; cited leaders (习近平总书记) are marked as cited."""
    state.titles = find_titles(state.text, state.lex)
    people, chains = find_people(state.text, state.lex, state.orgs, state.places, state.home,
                                 state.doc.tokens, state.titles)
    # no name inside a document's title (《社区工作者管理办法》), nor over a street's (负责人和永乐街道)
    spans = [m.span() for m in state.lex.patterns["document_title"].finditer(state.text)]
    spans += [(s.start, e) for e, s in state.streets.items()]
    clash = {(p.start, p.end) for p in people if any(a < p.end and p.start < b for a, b in spans)}
    state.people = [p for p in people if (p.start, p.end) not in clash]
    state.chains = [c for c in chains if not any(c.start <= a and b <= c.end and state.text[a:b] == c.name
                                                 for a, b in clash)]


def find_titles(text: str, lex: Lexicon) -> list[TitleHit]:
    """Every title occurrence, overlapping ones included (市委常委 and 常委), except the start of a
    longer title (委员 in 委员长, 主任 in 主任委员)."""
    longest: dict[int, int] = {}
    found = []
    for end_idx, title in lex.title_automaton.iter(text):
        start = end_idx + 1 - len(title)
        found.append((start, end_idx + 1, lex.titles[title]))
        longest[start] = max(longest.get(start, 0), end_idx + 1)
    out = [t for t in found if t[1] == longest[t[0]]]
    out.sort(key=lambda t: (t[0], t[1]))
    return out


def find_people(text: str, lex: Lexicon, orgs: list[OrgHit], places: dict[int, tuple[PlaceHit, str]],
                home_org: OrgHit | None, tokens, titles: list[TitleHit]) -> tuple[list[PersonHit], list[NamedChain]]:
    """Title-anchored people, each with the chain of titles written before (or in brackets after) them."""
    org_by_end: dict[int, OrgHit] = {}
    for o in orgs:
        if o.end not in org_by_end or o.start < org_by_end[o.end].start:
            org_by_end[o.end] = o
    titles_by_end: dict[int, list[TitleHit]] = {}
    for t in titles:
        titles_by_end.setdefault(t[1], []).append(t)
    tok_start = {t.start: t.end - t.start for t in tokens}
    people: list[PersonHit] = []
    chains: list[NamedChain] = []
    title_starts = frozenset(t[0] for t in titles)
    for end, cands in sorted(titles_by_end.items()):
        _after_chain(text, lex, end, cands, titles_by_end, org_by_end, places, home_org, tok_start, people, chains,
                     title_starts)
    _bracketed(text, lex, titles_by_end, org_by_end, places, people, chains)
    _name_before_title(text, lex, titles, org_by_end, places, people, chains)
    _listed_names(text, lex, people, tok_start, {(h.start, h.end) for h, _ in places.values()})
    _appointments(text, lex, titles, org_by_end, people, chains, tok_start)
    _names_after_units(text, lex, orgs, people, tok_start)
    # national leaders are written name first: 习近平总书记
    name_first = lex.words["name_first_titles"]
    inside = {i for a, b, _ in titles for i in range(a + 1, b)}
    for ts, te, t in titles:
        if t.title not in name_first or ts in inside or ts in org_by_end:
            continue  # (市政协原副主席 / 区政协主席: a longer title or a body before it, no leader's name)
        for L in (3, 2, 4):
            s = ts - L
            if s < 0 or not valid_name(text[s:ts], lex) or text[s:ts] in lex.words["not_names"]:
                continue  # (国家主席: the state, no 国 surname)
            people.append(PersonHit(s, ts, text[s:ts], referenced=True))
            break
    return people, chains


def _after_chain(text, lex, end, cands, titles_by_end, org_by_end, places, home_org, tok_start, people, chains,
                 title_starts=frozenset()):
    """The name (or names: 副厅长张三、李四) right after the title chain that ends at ``end``."""
    follow_words = follow_words_of(lex)
    if text.startswith(follow_words, end):
        return  # 陈副市长强调: a verb, not a name
    nopost = all(t.implies == "nopost" for _, _, t in cands)
    if nopost and text.startswith(lex.words["not_after_leader"], end):
        return  # 领导班子 / 领导小组: a body, not 厅领导 + a name
    status = lex.patterns["title_status"].match(text, end)
    title_end, end = end, status.end() if status else end  # 副局长（挂职）陈立伟: the name follows the status
    name_end = dotted_name_at(text, end, lex)  # 艾尔肯·吐尔逊
    if name_end < 0:
        name_end = tibetan_name_at(text, end, lex)  # 普布扎西 (普 is also a surname)
    if name_end < 0:
        name_end = name_at(text, end, lex, tok_start)
    if name_end < 0 and not nopost and not any(t.title in lex.words["name_first_titles"] for _, _, t in cands):
        name_end = ethnic_name_at(text, end, lex, tok_start)  # (习近平总书记近期重要讲话: no name after 总书记)
    if name_end > 0 and text[end] in lex.words["name_conjunctions"] \
            and any(end + 1 + n in title_starts for n in (2, 3) if valid_name(text[end + 1:end + 1 + n], lex)):
        return  # 吴某书记和罗某某代省长: 和 joins the next person (named before the title), it opens no name
    if name_end < 0 or text[end:name_end] in lex.words["national_names"] or text[end:name_end] in lex.words["not_names"] \
            or name_end - end == 3 and not valid_name(text[end:name_end], lex) and text[end + 1:name_end] in lex.gazetteer.by_name:
        return  # (代表党中央、国务院: a body, not a name; 儿童主任常态化走访: a word of a name's shape)
    if any(ts < title_end for ts, _, _ in titles_by_end.get(name_end, ())):
        return  # 二级主任科员: 科员 ends a longer title, it is no name after 主任
    chain = _chain(text, title_end, titles_by_end, org_by_end, places, lex.words["chain_body_ends"],
                   tuple(lex.words["title_prefixes"]))
    if not chain:
        return
    chain_start = chain[0].seg_start
    if chain[0].org is None and chain_start > 0 and text[chain_start - 1] in "局厅" and home_org is not None \
            and home_org.label.endswith(text[chain_start - 1]):
        chain_start -= 1  # 局二级调研员施建平: the article's own bureau opens the chain
    found = [(end, name_end)]
    # 副厅长张三、李四出席会议: several people share one title chain
    j = name_end
    follow, place_units = lex.words["name_follow"], lex.words["place_units"]
    while j < len(text) and text[j] == "、":
        nxt = name_at(text, j + 1, lex, tok_start)
        if nxt < 0 or text.startswith(follow, j + 1) or text[j + 1:nxt] in lex.gazetteer.by_name \
                or text[j + 1:nxt] in lex.words["national_short"] or text[j + 1:nxt] in lex.words["not_names"]:
            break
        if any(text.startswith(t, j + 1) for t in lex.titles) or text.startswith(place_units, nxt) \
                or any(o.start == j + 1 for o in org_by_end.values()):
            break  # 、石牌街道…: the list goes on with a place, not a person
        found.append((j + 1, nxt))
        j = nxt
    for fs, fe in found:
        people.append(PersonHit(fs, fe, text[fs:fe]))
    for fs, fe in found[1:]:
        chains.append(NamedChain(text[fs:fe], chain, fs, fe))
    chains.append(NamedChain(text[end:name_end], chain, chain_start, name_end))


def _name_before_title(text, lex, titles, org_by_end, places, people, chains) -> None:
    """张三副市长出席 / 市民政局李四局长主持 / 区政府办公室王五主任、赵六副主任: the name written before its
    title, the organisation (if any) right before the name; a list item after 、 keeps that organisation."""
    known = {p.name for p in people}
    longest: dict[int, TitleHit] = {}
    for t in titles:
        if t[0] not in longest or t[1] > longest[t[0]][1]:
            longest[t[0]] = t
    # only whole titles: 书记 inside 党组书记 and 市长 inside 副市长 have no name before them
    covered = {i for a, b, _ in longest.values() for i in range(a + 1, b)}
    longest = {a: t for a, t in longest.items() if a not in covered}
    follow, name_first = lex.words["name_follow"], lex.words["name_first_titles"]
    not_names, openers = lex.words["not_names"], tuple(lex.words["name_phrase_openers"])
    prev: tuple[int, OrgHit | None] = (-1, None)  # (end of the last item, its organisation)
    place_starts = {hit.start for hit, _ in places.values()}  # (简阳市委常委: 简阳 opens a place, it is no name)
    for ts, te, t in sorted(longest.values()):
        if t.implies == "nopost" or t.title in name_first:
            continue
        if te < len(text) and _HAN.match(text[te]) and not text.startswith(follow, te) \
                and not text.startswith("同志", te):
            continue  # 局长孙文亭: the name follows the title (read by the chain rule)
        for length in (3, 2, 4):
            s = ts - length
            if s < 0 or text[s] not in lex.surnames and text[s:s + 2] not in lex.compound_surnames:
                continue
            name = text[s:ts]
            if ts in org_by_end and org_by_end[ts].start <= max(s, 0):
                break  # 区政府党组成员: a body before the title, not a name
            if s < 0 or not valid_name(name, lex) or name in not_names or s in place_starts \
                    or name in known and not any(p.start == s and p.end == ts for p in people) \
                    or any(name[:i] in lex.gazetteer.by_name for i in range(2, len(name) + 1)):
                continue
            listed = s > 0 and text[s - 1] == "、" and prev[0] == s - 1
            org = org_by_end.get(s) or (prev[1] if listed else None)
            if s > 0 and _HAN.match(text[s - 1]) and s not in org_by_end and s not in places \
                    and not text.endswith(openers, 0, s):
                continue  # the name must open its phrase: after punctuation, a list mark, its organisation or
                # its place (闵行区朱芝松区长), or a word that opens a phrase (根据杨雄市长关于…)
            start = org.start if org is not None and s in org_by_end else s
            people.append(PersonHit(s, ts, name))
            chains.append(NamedChain(name, (ChainLink(start, ts, t, org),), start, te))
            known.add(name)  # (黄荣峰局长表示 later on: the same person, not a new post)
            prev = (te, org)
            break


def _listed_names(text: str, lex: Lexicon, people: list[PersonHit], tok_start: dict[int, int],
                  place_spans: set[tuple[int, int]]) -> None:
    """参加会议的有张三、李四、王五 / 市领导张三、李四出席 / 张三、李四等同志参加: bare names listed with 、,
    taken when the list says it lists people (a lead before it, 等/同志 or a participation verb after it,
    or a member already known as a person), and names no place (华安、云霄等县作交流发言)."""
    known = {p.name for p in people}
    lead, tail, context = lex.patterns["name_list_lead"], lex.patterns["name_list_tail"], lex.patterns["name_list_context"]
    i = text.find("、")
    while i >= 0:
        clause_end = min((k for k in (text.find("。", i), text.find("\n", i)) if k >= 0), default=len(text))
        clause_start = max(text.rfind("。", 0, i), text.rfind("\n", 0, i)) + 1
        if not context.search(text, clause_start, clause_end) and not any(n in text[clause_start:clause_end] for n in known):
            i = text.find("、", clause_end)  # no list of people in this sentence
            continue
        first = _listed_before(text, i, lex)
        if first < 0:
            i = text.find("、", i + 1)
            continue
        items, j = [(first, i)], i
        while j < len(text) and text[j] == "、":
            end = name_at(text, j + 1, lex, tok_start)
            if end < 0 or not _listable(text[j + 1:end], lex):
                break
            items.append((j + 1, end))
            j = end
        names = [text[a:b] for a, b in items]
        if len(items) >= 2 and not any(item in place_spans for item in items) and (
                lead.search(text, max(0, first - 12), first) or tail.match(text, j) or any(n in known for n in names)):
            for (a, b), n in zip(items, names):
                if n not in known:
                    people.append(PersonHit(a, b, n))
                    known.add(n)
        i = text.find("、", max(j, i + 1))


def _names_after_units(text: str, lex: Lexicon, orgs: list[OrgHit], people: list[PersonHit], tok_start) -> None:
    """社会救助股刘晓燕、… / 市社会福利中心王五同志: a name right after a department or institution, ending
    its list item, is a person of that unit (a title there is read by the chain rules)."""
    known = {(p.start, p.end) for p in people}
    for o in orgs:
        if o.kind not in ("subunit", "institution"):
            continue
        end = name_at(text, o.end, lex, tok_start)
        if end < 0 or not _listable(text[o.end:end], lex) or (o.end, end) in known:
            continue
        if text[end:end + 1] in ("、", "，") or text.startswith(("同志", "分别"), end):
            people.append(PersonHit(o.end, end, text[o.end:end]))
            known.add((o.end, end))


def _appointments(text, lex, titles, org_by_end, people, chains, tok_start) -> None:
    """任命张三为市社会福利院院长: an appointment gives the post (the organisation written before the title).

    The clauses that follow in the sentence appoint to the same body (选举陈某为区慈善会第三届理事会会长，
    何某、邓某为副会长，蒋某为秘书长); a council's term between the body and the title is read past,
    and 兼 adds a second title (常务副会长兼秘书长).
    """
    title_at: dict[int, TitleHit] = {}
    for t in titles:
        if t[0] not in title_at or t[1] > title_at[t[0]][1]:
            title_at[t[0]] = t
    org_at: dict[int, OrgHit] = {}
    for o in org_by_end.values():
        if o.start not in org_at or o.end > org_at[o.start].end:
            org_at[o.start] = o
    term = lex.patterns["council_term"]

    def appoint(names: list[tuple[int, int]], at: int, org: OrgHit | None) -> tuple[int, OrgHit | None] | None:
        """The names appointed to the titles at ``at`` (after 为); (end of the titles, the body) or None."""
        pos, org = (org_at[at].end, org_at[at]) if at in org_at else (at, org)
        if org is not None and pos == org.end and (m := term.match(text, pos)):
            pos = m.end()  # 区慈善会第三届理事会会长: the post is the body's
        links, end = [], pos
        while (t := title_at.get(pos)) is not None and t[2].implies != "nopost":
            links.append(ChainLink(org.start if org and not links else pos, pos, t[2], org))
            end = t[1]
            if not text.startswith("兼", end):
                break
            pos = end + 1
        if not links:
            return None
        for a, b in names:
            people.append(PersonHit(a, b, text[a:b]))
            chains.append(NamedChain(text[a:b], tuple(links), a, end))
        return end, org

    for m in lex.patterns["appointment"].finditer(text):
        start = m.end()
        end = name_at(text, start, lex, tok_start)
        if end < 0 or not text.startswith("为", end):
            continue
        done = appoint([(start, end)], end + 1, None)
        while done is not None:  # ，何某、邓某为副会长，蒋某为秘书长
            pos, org = done
            clause = pos if text.startswith("，", pos) else -1
            names, at = [], clause + 1
            while clause >= 0 and (b := name_at(text, at, lex, tok_start)) > 0:
                names.append((at, b))
                if text.startswith("、", b):
                    at = b + 1
                    continue
                tail = lex.patterns["count_after_names"].match(text, b)
                at = tail.end() if tail else b
                break
            if not names or not text.startswith("为", at):
                break
            done = appoint(names, at + 1, org)


def _listed_before(text: str, sep: int, lex: Lexicon) -> int:
    """Start of a listed name that ends at ``sep`` and opens its list, or -1."""
    for length in (3, 2, 4):
        start = sep - length
        if start < 0 or text[start] not in lex.surnames and text[start:start + 2] not in lex.compound_surnames:
            continue
        name = text[start:sep]
        before = text[start - 1] if start > 0 else ""
        if _listable(name, lex) and (not before or not _HAN.match(before) or before in "有等"
                                     or lex.patterns["name_list_lead"].search(text, max(0, start - 4), start)):
            return start
    return -1


def _listable(name: str, lex: Lexicon) -> bool:
    return valid_name(name, lex) and name not in lex.words["not_names"] and name not in lex.gazetteer.by_name \
        and not name.endswith(lex.words["place_units"]) and name not in lex.words["national_names"] \
        and name not in lex.words["national_short"] \
        and not any(name[:k] in lex.gazetteer.by_name for k in range(2, len(name))) \
        and not lex.suffix_re.search(name) and name not in lex.titles


def _bracketed(text, lex, titles_by_end, org_by_end, places, people, chains) -> None:
    """敖登格日乐（旗委常委、副旗长）/ 岑若琳（北京市民政局党组成员、副局长）: the chain in brackets after the name."""
    for end in sorted(titles_by_end):
        if text[end:end + 1] not in ("）", ")"):
            continue
        chain = _chain(text, end, titles_by_end, org_by_end, places, lex.words["chain_body_ends"],
                       tuple(lex.words["title_prefixes"]))
        if not chain or chain[0].seg_start < 1 or text[chain[0].seg_start - 1] not in ("（", "("):
            continue
        bracket = chain[0].seg_start - 1
        start, name_end = name_before_bracket(text, bracket, lex), bracket
        if start < 0 and bracket in titles_by_end:  # 、林建平副调研员（市慈善会秘书长）: a name, its title, then more
            name_end = min(t[0] for t in titles_by_end[bracket])
            start = name_before_bracket(text, name_end, lex)
        if start < 0:
            continue
        name = text[start:name_end]
        people.append(PersonHit(start, name_end, name))
        chains.append(NamedChain(name, chain, start, end + 1))


def _unnamed_body(text: str, ts: int, titles_by_end, body_ends: tuple[str, ...]) -> int:
    """副市长、市社会救助工作联席会议召集人黄志坚: the start of a body the lexicon does not name, written
    between a chain's titles (it ends in 联席会议, 领导小组 …), or 0."""
    if not text.endswith(body_ends, 0, ts):
        return 0
    i = ts
    while i > 0 and ts - i < 24 and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    return i if i > 0 and text[i - 1] == "、" and (i - 1) in titles_by_end else 0


def _title_prefix(text: str, ts: int, prefixes: tuple[str, ...]) -> str:
    """The status written straight before the title at ``ts`` (市政协原副主席, 挂职副县长), or ""."""
    return next((w for w in prefixes if text.endswith(w, 0, ts)), "")


def _chain(text, end, titles_by_end, org_by_end, places, body_ends: tuple[str, ...] = (),
           prefixes: tuple[str, ...] = ()) -> tuple[ChainLink, ...]:
    """Walk left from a name: the chain's links in text order (a status before a title is in its segment)."""
    out = []
    pos = end
    while True:
        cands = titles_by_end.get(pos)
        if not cands:
            break
        # prefer the title whose start meets an organisation (曲靖市委|常委), else the longest
        best = None
        for ts, te, t in sorted(cands, key=lambda c: c[0]):
            at = ts - len(_title_prefix(text, ts, prefixes))
            if at in org_by_end:
                best = (ts, t, org_by_end[at])
                break
        for ts, te, t in sorted(cands, key=lambda c: c[0]) if best is None else ():
            shared = org_by_end.get(ts + 1)  # 宣传部长 / 民政局长: the body's last character opens the title
            if shared is not None and shared.start < ts:
                best = (ts, t, shared)
                break
        if best is None:
            ts, te, t = min(cands, key=lambda c: c[0])
            best = (ts, t, None)
        ts, t, org = best
        seg_start = org.start if org is not None else ts - len(_title_prefix(text, ts, prefixes))
        title_start = ts
        if org is None and t.implies != "none":  # 敦化市副市长: the place belongs to the segment
            hit = places.get(ts, places.get(ts + 1, (None, "")))[0]
            if hit is not None and hit.start < ts:
                seg_start = hit.start
        if org is None and t.implies == "none":
            seg_start = _unnamed_body(text, ts, titles_by_end, body_ends) or seg_start
        out.insert(0, ChainLink(seg_start, title_start, t, org))
        pos = seg_start
        if pos > 0 and text[pos - 1] in "、兼，" and (pos - 1) in titles_by_end:  # (副局长，市…局局长: one person)
            pos -= 1
            continue
        if pos in titles_by_end:  # stacked titles without a separator
            continue
        break
    return tuple(out)


def find_named_mentions(text: str, names: set[str], lex: Lexicon, known_titles: dict[str, set[str]],
                        titles: list[TitleHit]) -> list[PersonHit]:
    """Every later mention of a known name, and 姓+职务 back-references (陈副市长 → 陈立群)."""
    out = []
    for name in sorted(names):
        i = text.find(name)
        while i >= 0:
            out.append(PersonHit(i, i + len(name), name))
            i = text.find(name, i + len(name))
    by_surname: dict[str, list[str]] = {}
    for name in names:
        sn = name[:2] if name[:2] in lex.compound_surnames else name[:1]
        by_surname.setdefault(sn, []).append(name)
    longest_at: dict[int, TitleHit] = {}
    for ts, te, t in titles:
        if ts not in longest_at or te > longest_at[ts][1]:
            longest_at[ts] = (ts, te, t)
    for ts, te, t in sorted(longest_at.values(), key=lambda h: h[0]):
        for sl in (2, 1):
            cands = by_surname.get(text[ts - sl:ts]) if ts >= sl else None
            if not cands:
                continue
            match = [n for n in cands if any(k == t.title or k.endswith(t.title) for k in known_titles.get(n, ()))]
            if len(match) == 1:
                out.append(PersonHit(ts - sl, te, match[0]))
            break
    return out


def find_comrades(text: str, lex: Lexicon, unit_ends: frozenset[int] = frozenset()) -> list[PersonHit]:
    """``name + 同志`` introduces a person even without a title: after punctuation, a title or the
    unit the person works in (羊庄镇民政科张强同志)."""
    out = []
    for m in lex.patterns["comrade"].finditer(text):
        seg = m.group(1)
        for L in (3, 2, 4):
            if L > len(seg):
                continue
            start = m.end(1) - L
            if name_at(text, start, lex) != m.end(1) or text[start:m.end(1)] in lex.words["not_names"]:
                continue  # (党组同志: the members of a 党组, no 党 surname)
            before = text[max(0, start - 6):start]
            if start == 0 or not _HAN.match(text[start - 1]) or start in unit_ends \
                    or text.endswith(lex.words["unit_ends"], 0, start) and valid_name(text[start:m.end(1)], lex) \
                    or any(before.endswith(t) for t in lex.titles) or before.endswith(lex.words["scene_before_name"]):
                out.append(PersonHit(start, m.end(1), text[start:m.end(1)]))  # (会上赵某同志传达…: after the scene)
                break
    return out
