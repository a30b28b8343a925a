"""Participation: who attended, spoke or presided at each meeting, read from cues after the
participants in their own clause, and from lead cues written before a list (出席会议的有：…)."""
from __future__ import annotations

from bisect import bisect_left

from ..lexicon import Lexicon
from ..model import Participation
from .hits import Participant
from .orgs import implied_org, street_office
from .registry import component
from .state import ArticleState

__all__ = ["participation_kinds", "lead_cue_windows", "find_participation_component"]

_CLAUSE_END = "，。；！？\n"


@component("participation")
def find_participation_component(state: ArticleState) -> None:
    text, lex, doc = state.text, state.lex, state.doc
    title_ends: dict[int, int] = {}
    for ts, te, _ in state.titles:
        title_ends[ts] = max(te, title_ends.get(ts, te))
    everyone = sorted(_candidates(state, 0, len(text)), key=lambda p: p.start) if state.meetings else []
    starts = [p.start for p in everyone]
    for meeting in state.meetings:
        cands = everyone[bisect_left(starts, meeting.start):bisect_left(starts, meeting.end)]
        for sent in doc.sentences:
            if not (meeting.start <= sent.start < meeting.end):
                continue
            inside = everyone[bisect_left(starts, sent.start):bisect_left(starts, min(sent.end, meeting.end))]
            if not inside:
                continue
            for p, kind, cue_end in participation_kinds(text, inside, sent.end, lex, title_ends):
                key = _unit_org(state, p)
                state.participations.append(Participation(key, p.type, kind, meeting.key, p.start, cue_end))
        known = {(x.participant, x.kind) for x in state.participations if x.meeting == meeting.key}
        for kind, a, b in lead_cue_windows(text, meeting.start, meeting.end, lex):
            for p in cands:  # 出席会议的有：A（…）、B（…）: everyone listed after the cue
                if not a <= p.start < b or p.key.startswith(_UNIT_KEYS) and not _sends_people(text, p, cands, lex):
                    continue
                if p.type == "Organization" and any(c.type == "Organization" and c.start <= p.start and p.end <= c.end
                                                    and c.end - c.start > p.end - p.start for c in cands):
                    continue  # 市政府纠风办: the government inside its office's name is not on the list
                key = _unit_org(state, p)
                if (key, kind) not in known:
                    known.add((key, kind))
                    state.participations.append(Participation(key, p.type, kind, meeting.key, p.start, b))
        for m in lex.patterns["heard_from"].finditer(text, meeting.start, meeting.end):
            # 听取市民政局的工作情况汇报 / 听取了张三的发言: who was heard spoke
            p = next((c for c in cands if c.start == m.end()), None)
            heard = [p] if p is not None else []
            while heard and text.startswith(("、", "和"), heard[-1].end):  # 听取了甲市、乙县关于…的发言: each of them
                nxt = next((c for c in cands if c.start == heard[-1].end + 1), None) \
                    or _place_unit_at(state, heard[-1].end + 1)  # (…、周宁县关于: the last place of the list)
                if nxt is None:
                    break
                heard.append(nxt)
            if heard and lex.patterns["heard_what"].match(text, heard[-1].end):
                for p in heard:
                    key = _unit_org(state, p)
                    if (key, "spoke") not in known:
                        known.add((key, "spoke"))
                        state.participations.append(Participation(key, p.type, "spoke", meeting.key, p.start, p.end))
        people = [m for m in state.mentions if m.type == "Person"]
        for m in lex.patterns["qa_speaker"].finditer(text, meeting.start, meeting.end):
            # 问（省人大代表…张三）：… / 答（李四）：…: who asked or answered spoke
            key = next((p.key for p in people if m.start(1) <= p.start and p.end <= m.end(1)), None)
            if key is not None and (key, "spoke") not in known:
                known.add((key, "spoke"))
                state.participations.append(Participation(key, "Person", "spoke", meeting.key, m.start(1), m.end()))


def _candidates(state: ArticleState, start: int, end: int) -> list[Participant]:
    """People and organisations mentioned in text[start:end] that can be subjects of a cue."""
    text = state.text
    chain_start: dict[int, int] = {}
    for p in state.posts:
        chain_start[p.end] = min(p.start, chain_start.get(p.end, p.start))
    bracket_chains = [(p.start, p.end) for p in state.posts if text[p.end - 1:p.end] in ("）", ")")]
    people_spans = [(m.start, m.end) for m in state.mentions if m.type == "Person"]
    quoted = [(s, e) for s, e, _ in state.document_titles]
    person_starts = {m.start for m in state.mentions if m.type == "Person"}
    title_after: dict[int, int] = {}  # name start -> end of the post evidence that runs past the name
    for p in state.posts:
        for a in range(p.start, p.end):
            if a in person_starts:
                title_after[a] = max(title_after.get(a, 0), p.end)
    person_ends = {m.end for m in state.mentions if m.type == "Person"}
    title_at_end: dict[int, int] = {}  # name end -> end of a title right after it (谭某副部长, no body holds it)
    for ts, te, _ in state.titles:
        if ts in person_ends:
            title_at_end[ts] = max(title_at_end.get(ts, 0), te)
    unit_start = {m.end: m.start for m in state.mentions if m.type == "Organization" and m.end in person_starts}
    org_spans = [(m.start, m.end) for m in state.mentions if m.type == "Organization"]
    cands: list[Participant] = []
    for men in state.mentions:
        if not (start <= men.start < end) or men.type not in ("Person", "Organization"):
            continue
        if men.type == "Organization" and any(men.start <= a and b <= men.end for a, b in people_spans):
            continue  # an organisation implied by a title chain, not a subject of its own
        if men.type == "Organization" and any(a < men.start and men.end < b for a, b in bracket_chains):
            continue  # 杭波（旗民政局党组书记、局长）: the organisation of a post in brackets
        if any(a <= men.start < b for a, b in quoted):
            continue  # named inside a document title
        if men.type == "Organization" and men.end in person_starts:
            continue  # 羊庄镇民政科张强同志 / 市民政局李四局长: the unit of the person named after it
        if men.type == "Person" and men.label in state.cited:
            continue  # 习近平总书记…重要讲话: cited, not taking part
        # a person's span starts where the title chain before the name starts
        s = chain_start.get(men.end, unit_start.get(men.start, men.start)) if men.type == "Person" else men.start
        # 李四副局长、王五四级调研员: a title written after the name belongs to the participant's span
        e = max(men.end, title_after.get(men.start, 0), title_at_end.get(men.end, 0)) if men.type == "Person" else men.end
        cands.append(Participant(s, e, men.key, men.type))
    for e, street in state.streets.items():
        if start <= street.start < end:
            s = street.start
            while s in state.places:  # 白沙黎族自治县牙叉镇: the town is written with its county before it
                s = state.places[s][0].start
            cands.append(Participant(s, e, f"street-org:{street.key}", "Organization"))
    gaz = state.lex.gazetteer
    visit_verbs = tuple(state.lex.words["visit_destination_verbs"])
    tail, through = state.lex.patterns["listed_units_tail"], state.lex.patterns["attends_through"]
    by_end = {e: hit for e, (hit, _) in state.places.items()}
    provinces: set[int] = set()  # places on a list that says they are provinces (山东、广东…等省市交流了经验)
    for e, (hit, _) in state.places.items():
        m = tail.match(text, e)
        if m is not None and "省" in m.group() and (text.startswith(state.lex.words["unit_acts"], m.end())
                                                   or through.match(text, m.end())):
            at = hit  # (…等省市慈善组织领导在发言中: the provinces' charities speak, not the provinces)
            while at is not None:
                provinces.add(at.start)
                at = by_end.get(at.start - 1) if text[at.start - 1:at.start] == "、" else None
    for e, (hit, code) in state.places.items():
        division = gaz.divisions[code]
        m = tail.match(text, e) if start <= hit.start < end else None
        if m is not None:
            e = m.end()  # 长汀、上杭、永定等县（区）作交流发言: the last of the list, with what they all are
        if start <= hit.start < end and (division.level in ("county", "prefecture") or hit.start in provinces) \
                and not division.name.endswith(state.lex.words["governed_by_committee"]) \
                and not any(a <= hit.start and e <= b for a, b in org_spans) \
                and (e >= len(text) or text[e] in "、，和及与" or text.startswith(state.lex.words["unit_acts"], e)
                     or through.match(text, e)):  # (临潭县、夏河县相关负责人分别作了交流发言)
            s = hit.start
            while s in state.places:  # 郑州市金水区: the place is written with the city before it
                s = state.places[s][0].start
            if text.endswith(visit_verbs, 0, s):
                continue  # 深入湖南省安仁县和茶陵县考察: where a visit goes, not a unit taking part
            cands.append(Participant(s, e, f"place-org:{code}", "Organization"))
    return cands


_UNIT_KEYS = ("street-org:", "place-org:")


def _place_unit_at(state: ArticleState, start: int) -> Participant | None:
    """A county or city written at ``start`` as a unit (a place taking part stands for its government)."""
    for e, (hit, code) in state.places.items():
        if hit.start == start and state.lex.gazetteer.divisions[code].level in ("county", "prefecture"):
            return Participant(hit.start, e, f"place-org:{code}", "Organization")
    return None


def _sends_people(text: str, p: Participant, cands: list[Participant], lex: Lexicon) -> bool:
    """A place on an attendee list that takes part through its people: 喜洲镇、凤仪镇分管负责同志 (a
    bare place elsewhere on the list is where someone works, not a participant)."""
    by_start = {c.start: c for c in cands}
    end = p.end
    while text.startswith("、", end) and end + 1 in by_start:
        end = by_start[end + 1].end
    return lex.patterns["attends_through"].match(text, end) is not None


def _unit_org(state: ArticleState, p: Participant) -> str:
    """The key of the participant; a place taking part stands for its government: 解放碑街道 / 马坝镇
    under its bare name, as analysts write it, and 青神县 作交流发言 as 青神县人民政府."""
    if p.key.startswith("street-org:"):
        skey = p.key.removeprefix("street-org:")
        ref = state.street_refs[skey]
        key = f"org:{ref.name}|{ref.parent}"
        office = f"org:{street_office(skey, ref.name, state.lex.gazetteer)}"
        if ref.name.endswith("街道") and office in state.entities:
            key = office  # 林荫街道…参加 and 林荫街道办事处副主任…: one body
        state.add_mention(p.start, p.end, "Organization", ref.name, key)
        state.org_places[key] = state.add_place(skey)
        return key
    if p.key.startswith("place-org:"):
        code = p.key.removeprefix("place-org:")
        label = implied_org("gov", code, state.lex.gazetteer)
        key = f"org:{label}"
        state.add_mention(p.start, p.end, "Organization", label, key)
        state.org_places[key] = state.add_place(code)
        return key
    return p.key


def participation_kinds(text: str, participants: list[Participant], sent_end: int, lex: Lexicon,
                        title_ends: dict[int, int] | None = None) -> list[tuple[Participant, str, int]]:
    """(participant, kind, cue end) for participants followed by a cue in their own clause.

    Participants joined by 、/和/及, or by the people they attend through (…有关负责人，), share the
    clause of the last one (蜀山区、包河区民政局作交流发言); a title after a known name (张三部长强调)
    is read past.
    """
    title_ends = title_ends or {}
    titled = set(title_ends.values())
    objects, behalf = tuple(lex.words["object_prepositions"]), tuple(lex.words["on_behalf_of"])
    passed_on = tuple(lex.words["passed_on_verbs"])
    cues = lex.cue_patterns("attended", "spoke", "presided")
    joins, staff_join, attendee_join = lex.words["list_joins"], lex.patterns["staff_list_join"], lex.patterns["attendee_join"]
    topic, topic_join = lex.patterns["topic_lead"], lex.patterns["topic_join"]  # 甲镇就…、乙乡就…作了交流发言: each on its topic, one list
    unit_join = lex.patterns["unknown_unit_join"]  # 区社会事业局、投资促进局，秦集镇…: a unit no rule names
    through, collective = lex.patterns["attends_through"], lex.patterns["collective_after"]
    leads = lex.patterns["leads_staff"]
    head = lex.patterns["attends_through_head"]
    serial = tuple(lex.words["serial_adverbs"])
    out = []
    ordered = sorted(participants, key=lambda p: (p.start, -p.end))
    groups: list[list[Participant]] = []
    for p in ordered:
        if groups and p.start < groups[-1][-1].end:
            continue  # nested mention (the org inside a title chain)
        gap = groups[-1][-1].end if groups else 0
        if groups and (text[gap:p.start] in joins or p.start - gap > 1 and (staff_join.fullmatch(text, gap, p.start)
                                                                           or attendee_join.fullmatch(text, gap, p.start))
                       or _titled_next(text, groups[-1][-1], p, gap, titled)
                       or topic_join.fullmatch(text, gap, p.start)
                       or p.type == groups[-1][-1].type == "Organization" and unit_join.fullmatch(text, gap, p.start)):
            groups[-1].append(p)
        else:
            groups.append([p])
    for gi, group in enumerate(groups):
        if text.endswith(objects, 0, group[0].start) \
                or group[0].type == "Organization" and text.endswith(behalf, 0, group[0].start):
            continue  # 对练市镇…给予肯定 / 代表市委、市政府…表示欢迎: the object of someone else's clause
        opens = max(text.rfind(c, 0, group[0].start) for c in _CLAUSE_END)
        if any(v in text[opens + 1:group[0].start] for v in passed_on):
            continue  # 传达了吴某书记所作的报告和罗某代省长…的安排: what is passed on, not who takes part
        last = group[-1]
        limit = groups[gi + 1][0].start if gi + 1 < len(groups) else sent_end
        skip = 2 if text.startswith("同志", last.end) else 0  # 王五同志现场汇报
        if last.type == "Person":  # 张三部长强调
            skip = title_ends.get(last.end + skip, last.end + skip) - last.end
            led = leads.match(text, last.end + skip)
            if led and led.end() < limit:  # 副厅长张某率相关处室负责人出席会议: the leader attends
                skip = led.end() - last.end
        via = through.match(text, last.end + skip) or head.match(text, last.end + skip) \
            if last.type == "Organization" else None  # (省福利彩票发行中心主任，…参加会议: through its head)
        if via:  # 准格尔旗民政局负责同志分别作了汇报
            skip = via.end() - last.end
            more = collective.match(text, last.end + skip)
            while more and more.end() < limit:  # …负责同志，各街道分管负责同志参加会议
                skip, more = more.end() - last.end, collective.match(text, more.end())
        if text.startswith(objects + behalf, last.end + skip):
            limit = sent_end  # 张三对西湖区北山街道的工作给予肯定 / 代表市委、市政府…: what follows is the clause's object
        clause_end = last.end
        while clause_end < limit:
            ch = text[clause_end]
            if ch in _CLAUSE_END and not text.startswith("并", clause_end + 1):
                break
            clause_end += 1
        clause = text[last.end + skip:clause_end]
        kinds = {}
        # a cue that opens a clause may also open the one after 并 (主持开班仪式，并解读了《…》)
        opens = [0] + [i + 1 for i, c in enumerate(clause) if c == "并" and 0 < i < len(clause) - 1]
        if clause.startswith(behalf):  # 于某代表山东省民政厅介绍了…: a cue that opens a clause opens it after the body
            at = last.end + skip + next(len(w) for w in behalf if clause.startswith(w))
            opens += [q.end - last.end - skip for q in ordered if q.start == at]
        for cue in cues:
            for a in opens if cue.pattern.pattern.startswith("^") else (0,):
                m = cue.pattern.search(clause[a:])
                if m:
                    kinds.setdefault(cue.relation, last.end + skip + a + m.end())
                    break
        if not kinds and clause.startswith(serial) and text.startswith("，", clause_end):
            # 甲、乙分别结合分管领域谈认识，作交流发言: the list's 作…发言, after what it speaks of
            nxt = _clause_end(text, clause_end + 1, limit)
            for cue in lex.cue_patterns("spoke") if text.startswith(("作", "做"), clause_end + 1) else ():
                m = cue.pattern.search(text[clause_end + 1:nxt])
                if m:
                    kinds.setdefault("spoke", clause_end + 1 + m.end())
                    break
        if not kinds and (lead := topic.match(text, last.end + skip)) and lead.end() < limit:
            # 张三以“共建共治”为主题，向与会人员通报…: the verb after the theme the speaker takes
            nxt = _clause_end(text, lead.end(), limit)
            for cue in lex.cue_patterns("spoke"):
                m = cue.pattern.search(text[lead.end():nxt])
                if m:
                    kinds.setdefault("spoke", lead.end() + m.end())
                    break
        if set(kinds) == {"attended"} and text.startswith("，", clause_end):
            # 出席发布会，介绍有关情况并回答记者提问: a clause with no subject of its own goes on with this one
            nxt = _clause_end(text, clause_end + 1, limit)
            for cue in lex.cue_patterns("spoke"):
                m = cue.pattern.search(text[clause_end + 1:nxt]) if cue.pattern.pattern.startswith("^") else None
                if m:
                    kinds["spoke"] = clause_end + 1 + m.end()
                    break
        if via and last.type == "Organization" and not kinds:
            # 区财政局、区医保局分管负责同志，各乡镇…负责人共80余人参加会议: the attendee list ends the sentence
            rest = text[clause_end:sent_end]
            for cue in lex.cue_patterns("attended"):
                m = cue.pattern.search(rest)
                if m:
                    kinds.setdefault("attended", clause_end + m.end())
        if not kinds and last.type == "Person" and attendee_join.match(text, clause_end) \
                and all(q.type == "Organization" for g in groups[gi + 1:] for q in g):
            # 副市长张三，市级相关部门负责人，各县（区）分管领导出席。: the attendee list ends the sentence (…，及
            # 市儿童福利院干部职工参加了仪式: the units listed after the people are on it too)
            rest = text[clause_end:sent_end]
            for cue in lex.cue_patterns("attended"):
                m = cue.pattern.search(rest)
                if m and len(rest) - m.end() <= 3 and not any(c in rest for c in "；：“"):
                    kinds.setdefault("attended", clause_end + m.end())
        if last.type == "Organization" and clause in lex.words["body_demands"]:
            kinds.pop("spoke", None)  # 领会中央精神和民政部要求，…: the body's demands, named as a thing, no speech
        if "presided" in kinds:
            kinds.setdefault("attended", kinds["presided"])
        for p in group:
            for kind, cue_end in sorted(kinds.items()):
                out.append((p, kind, cue_end))
    return out


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the clause that opens at ``start`` ends (a comma, a full stop …), before ``limit``."""
    while start < limit and text[start] not in _CLAUSE_END:
        start += 1
    return start


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _titled_next(text: str, prev: Participant, p: Participant, gap: int, titled: set[int]) -> bool:
    """王五，南城居民区党总支书记赵六依次发言 / 副区长王五、组织部副部长赵六参加: a name, a comma or 、, then a
    post written straight before the next name (or a body, the name and its title: 、某协会党建部谭某副部长), is
    one more person on the same list (the post need not be at a known body)."""
    return prev.type == p.type == "Person" and text.startswith(("，", "、"), gap) and (p.start in titled or p.end in titled) \
        and p.start - gap <= 24 and all(_is_han(c) or c == "、" for c in text[gap + 1:p.start])


def lead_cue_windows(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[str, int, int]]:
    """(kind, from, to) for every lead cue in text[start:end]: the list after 出席会议的有： runs to the
    end of its sentence, or, when the cue ends a line, over the following lines to a blank line."""
    out = []
    for cue in lex.lead_cues:
        for m in cue.pattern.finditer(text, start, end):
            a = m.end()
            if text.startswith("\n", a):
                b = text.find("\n\n", a + 1)
            else:
                b = min((i for i in (text.find("。", a), text.find("\n", a)) if i >= 0), default=-1)
            out.append((cue.relation, a, end if b < 0 else min(b, end)))
    return out
