"""Meetings that were held: name, date, place, organiser and the span of text about each."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import Lexicon
from ..model import Document, MeetingInfo
from ..numerals import number
from .hits import MeetingHit, OrgHit, PlaceHit
from .orgs import street_office, street_prefix
from .registry import component
from .state import ArticleState

__all__ = ["find_meetings", "find_meetings_component", "meeting_date", "norm_key", "needs_organizer_prefix"]

_STOP = "，。；：！？、,;:!?\n《》"


def norm_key(name: str) -> str:
    """Compare meeting names written with or without year, place and 全省/全市."""
    key = re.sub(r"^\d{4}年(?:度)?", "", name)
    key = re.sub(r"^(?:[\u4e00-\u9fff]{1,10}?(?:自治区|省|市|区|县|州))?(?:\d{4}年(?:度)?)?", "", key)
    key = re.sub(r"^全[国省市区县州盟旗]", "", key)
    return key


def find_meetings(doc: Document, lex: Lexicon, orgs: list[OrgHit], places: dict[int, tuple[PlaceHit, str]]
                  ) -> list[MeetingHit]:
    text = doc.text
    org_by_end = {o.end: o for o in orgs}
    hits: list[MeetingHit] = []
    for m in lex.held_re.finditer(text):
        sent = doc.sentence_of(m.start())
        in_head = m.start() < doc.article.body_start
        hit = _named_after(doc, lex, m, sent.start, in_head, org_by_end, places) \
            or _named_before(doc, lex, m, sent.start, in_head, places)
        if hit is not None and hit.name.startswith("的") and _names_a_meeting(hit.name[1:], lex):
            hit = replace(hit, start=hit.start + 1, name=hit.name[1:])  # 在27日召开的全区…会议上
        if hit is not None and hit.name == "会议":  # 局党组还召开会议: the body's own meeting (局党组会议)
            body = lex.patterns["party_body_meeting"].search(text, sent.start, m.start())
            if body is not None:
                hit = replace(hit, start=body.start(1), name=body.group(1) + "会议")
        if hit is not None and lex.patterns["name_aside"].search(hit.name):
            hit = replace(hit, name=lex.patterns["name_aside"].sub("", hit.name))  # 《…》（以下简称《规划》）贯彻落实会议
        if hit is not None and not _fragment_or_reference(hit.name, lex):
            hits.append(hit)
    generic = lex.words["generic_meetings"]
    # a bare type (通过召开座谈会、发放征求意见表) names no particular meeting, unless a visit holds it
    kept: list[MeetingHit] = []
    for h in hits:
        if h.organizer or h.name in lex.internal_meeting_types or h.name in lex.self_named_meeting_types \
                or _held_on_visit(text, h, lex) or (h.name not in generic and h.name not in lex.meeting_types):
            kept.append(h)
        elif h.place and kept and kept[-1].sentence_start == h.sentence_start and not kept[-1].place \
                and kept[-1].name.endswith(h.name):  # …召开推进座谈会，座谈会在十里街道召开: its place
            kept[-1] = replace(kept[-1], place=h.place)
    kept = _named_elsewhere(kept, lex)
    return _listed_after(text, lex, kept) + _attended_only(doc, lex, kept, org_by_end, places)


def _named_elsewhere(hits: list[MeetingHit], lex: Lexicon) -> list[MeetingHit]:
    """南区某服务站举行揭牌仪式 over …某服务站揭牌仪式在社区举行: a bare type that another meeting's name ends
    with is that meeting (which takes the organiser the bare one was given, when it has none)."""
    out = list(hits)
    for h in hits:
        if h.name not in lex.meeting_types:
            continue
        full = next((o for o in out if o is not h and len(o.name) > len(h.name) and o.name.endswith(h.name)), None)
        if full is None:
            continue
        out.remove(h)
        if h.organizer and not full.organizer:
            out[out.index(full)] = replace(full, organizer=h.organizer)
    return out


def _listed_after(text: str, lex: Lexicon, hits: list[MeetingHit]) -> list[MeetingHit]:
    """召开党组（扩大）会议、党组理论学习中心组集体学习（扩大）会议 (or 和 …): a second meeting held under the same
    verb."""
    out: list[MeetingHit] = []
    for h in hits:
        out.append(h)
        if not text.startswith(("、", "和", "及"), h.end) or h.start < h.sentence_start:
            continue  # (召开党组会议和疫情防控工作领导小组会议: two meetings)
        stop = next((i for i in range(h.end + 1, min(len(text), h.end + 41)) if text[i] in _STOP), None)
        name = text[h.end + 1:stop] if stop is not None else ""
        if name and _type_of(name, lex) and name not in lex.words["generic_meetings"] \
                and not name.startswith(lex.words["meeting_fragment_starts"]):
            out.append(MeetingHit(h.end + 1, stop, name, h.sentence_start, h.in_headline, h.organizer, h.place, h.date))
    return out


def _attended_only(doc: Document, lex: Lexicon, held: list[MeetingHit], org_by_end: dict[int, OrgHit],
                   places: dict[int, tuple[PlaceHit, str]]) -> list[MeetingHit]:
    """李部长到青海出席…联席会议 / 出席签约仪式 / 在下午的灾情汇报会上，…指出: a meeting the article reports
    only by who took part in it or by what was said at it.

    The name must be a meeting's own (not a bare 会议), a self-named type, or a bare type held on a visit;
    a name that an earlier meeting's name ends with (参加了联席会议) refers back to that meeting.
    """
    text = doc.text
    keys = {norm_key(h.name) for h in held}
    out: list[MeetingHit] = []
    found = []
    for m in lex.patterns["attend_meeting"].finditer(text):
        sent = doc.sentence_of(m.start())
        hit = _named_after(doc, lex, m, sent.start, m.start() < doc.article.body_start, org_by_end, places)
        if hit is not None and hit.start == m.end():
            found.append(replace(hit, organizer=""))  # (the body before the verb took part, it did not hold it)
    attended = len(found)
    spoken_at = () if any(not h.in_headline for h in held) else lex.patterns["at_meeting"].finditer(text)
    for m in spoken_at:  # 在下午的灾情汇报会上，冯某指出 / …，座谈会听取了… (when no meeting is reported held)
        g = m.lastindex or 1
        if any(m.group(g).endswith((t, t + "议")) for t in lex.meeting_types):
            sent = doc.sentence_of(m.start())
            found.append(MeetingHit(m.start(g), m.end(g), m.group(g), sent.start, m.start() < doc.article.body_start))
    said_at = {h.start for h in found[attended:]}
    for hit in sorted(found, key=lambda h: h.start):
        if norm_key(hit.name) in keys or _fragment_or_reference(hit.name, lex):
            continue
        bare = hit.name in lex.meeting_types or hit.name in lex.words["generic_meetings"]
        kind = _type_of(hit.name, lex)
        if any(o.name.endswith(hit.name) or kind and (hit.start in said_at or not o.in_headline)
               and _type_of(o.name, lex) == kind for o in held + out):
            continue  # 参加了会商会议 / 在民政局机关收心会上: the meeting of that type named before (a meeting
            # only spoken at is the headline's too)
        if bare and (hit.name in lex.words["generic_meetings"]
                     or hit.name not in lex.self_named_meeting_types
                     and not any(v in text[:hit.sentence_start] for v in lex.words["visit_meeting_verbs"])):
            continue
        out.append(hit)
    return out


def _fragment_or_reference(name: str, lex: Lexicon) -> bool:
    """的一次重要会议 / 随后召开的推进会 / 以此次会议为契机: a fragment or a reference back, not a meeting's name."""
    return name.startswith(lex.words["meeting_fragment_starts"]) or _after_preposition(name, lex) \
        or any(w in name for w in lex.words["meeting_references"])


def _type_of(name: str, lex: Lexicon) -> str:
    """The meeting type a name ends with (推进会 of 全市养老服务推进会议), or ""."""
    return max((t for t in lex.meeting_types if name.endswith((t, t + "议"))), key=len, default="")


def _names_a_meeting(name: str, lex: Lexicon) -> bool:
    """More than a bare type (推进会) or a fragment: a name of its own."""
    return name not in lex.meeting_types and name not in lex.words["generic_meetings"] \
        and not name.startswith(lex.words["meeting_fragment_starts"]) and lex.meeting_type_re.search(name) is not None


def _after_preposition(name: str, lex: Lexicon) -> bool:
    """市政府对会议召开表示欢迎: the type follows a preposition, so the words before it name no meeting."""
    tm = lex.meeting_type_re.search(name)
    return tm is not None and tm.start() > 0 and name[tm.start() - 1] in lex.words["meeting_prepositions"]


def _held_on_visit(text: str, h: MeetingHit, lex: Lexicon) -> bool:
    """赴市民政局调研并召开座谈会: a bare 座谈会 held during a visit is that visit's meeting."""
    before = text[h.sentence_start:h.start]
    if h.name not in lex.meeting_types:
        return False
    if lex.patterns["visit_meeting_verb"].search(before) is not None:
        return any(v in before for v in lex.words["visit_meeting_verbs"])
    # …调研了养老服务工作。随后召开座谈会 / 14日上午，调研组召开座谈会: after the visit's sentences
    return (lex.patterns["visit_meeting_next"].search(before) is not None
            or lex.patterns["visit_group_meeting"].search(before) is not None) \
        and any(v in text[:h.sentence_start] for v in lex.words["visit_meeting_verbs"])


def _named_after(doc, lex, m, sent_start, in_head, org_by_end, places) -> MeetingHit | None:
    """… 召开 NAME."""
    text = doc.text
    lead = lex.patterns["meeting_theme_lead"].match(text, m.end())
    begin = lead.end() if lead else m.end()  # 召开以“…”为主题的党组…研讨会: the name follows its theme
    after = text[begin:min(len(text), begin + 60)]
    cut = _unquoted_stop(after)
    tm = lex.meeting_type_re.search(after, 0, cut)
    if tm is None and after[cut:cut + 1] == "、" and not after.endswith(_SCENE_ENDS, 0, cut) \
            and not after.startswith(_PREPOSITIONS, cut + 1):
        # 出席民政部、青海省人民政府…联席会议 / 召开人大代表、政协委员座谈会: no meeting before the 、, so it joins the
        # words of one name, not two meetings (…开幕会上、在…闭幕大会上: two scenes, no name)
        comma = cut
        cut = next((i for i, c in enumerate(after) if c in _STOP and c != "、"), len(after))
        tm = lex.meeting_type_re.search(after, 0, cut)
        if tm is not None and lex.patterns["verb_in_name"].search(after, comma, tm.start()):
            return None  # 参加全国两会的人大代表、政协委员参加了会议: a clause, no name
    while tm and tm.start() > 0 and after[tm.start() - 1:tm.start() + 1] in lex.words["body_words"]:
        tm = lex.meeting_type_re.search(after, tm.start() + 1, cut)  # 行业协会商会…: 会商会 is inside 协会
    if not tm or tm.start() > 48 or tm.start() > 30 and "暨" in after[:tm.start()]:
        return None  # (a long name is one meeting's own: 召开了某县乡村振兴指挥部…分指挥部…工作部署会)
    longer = lex.meeting_type_re.search(after, tm.end() + 1, cut)
    if longer and longer.start() == tm.end() + 1 and after[tm.end()] not in "和及与暨并":
        tm = longer  # 工作会商会议: the type ends the name, not the 工作会 inside it
    adjacent = lex.meeting_type_re.match(after, tm.end(), cut)
    while adjacent and adjacent.end() > tm.end():  # 集体学习研讨会: a type right after a type ends the name
        tm, adjacent = adjacent, lex.meeting_type_re.match(after, adjacent.end(), cut)
    end = begin + tm.end()
    while end < len(text) and text[end] in "议":  # 座谈会议
        end += 1
    enlarged = lex.patterns["meeting_enlarged"].match(text, end)
    if enlarged:  # 集体学习（扩大）会议
        end = enlarged.end()
    end = _extend_ji(text, end, lex)
    sequel = lex.patterns["meeting_sequel"].match(text, end)
    if sequel:  # 联席会议第一次全体会议 / 第五届常务理事会第五次会议: one meeting of that body
        end = sequel.end()
    begin = _after_hosted_by(text, begin, end, lex)
    while begin < end and text[begin] in " \u3000":
        begin += 1  # 召开 “…座谈会”: the space before the name
    if text.startswith(("“", "「"), begin) and text[begin + 1:end].count("”") + text[begin + 1:end].count("」") == 0:
        begin += 1  # the name quoted whole: without its quotes
    organizer = _organizer_before(text, m.start(), org_by_end, sent_start, lex)
    place = _place_between(text, sent_start, m.start(), places)
    return MeetingHit(begin, end, text[begin:end], sent_start, in_head, organizer, place)


def _after_hosted_by(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where a meeting's name starts after the last 主办的 / 协办的 / 参加的 in text[start:end] (由河北省福利彩票
    发行中心主办的2024年…培训班, 召开相关部门参加的协调会), else ``start``."""
    for by in lex.patterns["hosted_by"].finditer(text, start, end):
        start = by.end()
    return start


def _unquoted_stop(after: str) -> int:
    """Where a meeting's name after its verb must end: the first stop mark outside quotes and titles (召开以
    “传承好作风、用好传家宝”为主题的…研讨会: the 、 is inside the theme)."""
    depth = 0
    for i, c in enumerate(after):
        if c in "“《":  # (召开《“十四五”民政事业发展规划》贯彻落实视频会议: a title opens the name)
            depth += 1
        elif c in "”》":
            depth = max(0, depth - 1)
        elif c in _STOP and (depth == 0 or c in "。\n"):
            return i
    return len(after)


_SCENE_ENDS = ("上", "中", "时", "后", "前")
_PREPOSITIONS = ("在", "于", "对", "向", "从")


def _joins_one_name(text: str, at: int, sent_start: int, lex: Lexicon) -> bool:
    """A 、 at ``at`` inside one meeting's name written before its verb (人大代表、政协委员座谈会召开): the words
    before it, back to the clause's start, name no meeting and hold no verb."""
    if text[at] != "、":
        return False
    start = max([sent_start - 1] + [text.rfind(c, sent_start, at) for c in _STOP if c != "、"]) + 1
    words = text[start:at]
    return bool(words) and len(words) <= 12 and lex.meeting_type_re.search(words) is None \
        and lex.patterns["verb_in_name"].search(words) is None


def _named_before(doc, lex, m, sent_start, in_head, places) -> MeetingHit | None:
    """NAME (23日至24日) (在 PLACE) (以视频形式 / 隆重) 召开."""
    text = doc.text
    left = m.start()
    manner = lex.patterns["meeting_manner"].search(text, max(sent_start, left - 12), left)
    if manner:
        left = manner.start()
    place = ""
    zai = text.rfind("在", sent_start, left)
    if zai >= 0 and left - zai <= 20 and not any(c in _STOP for c in text[zai:left]):
        place = _place_between(text, zai, left, places)
        left = zai
    date = ""
    when = lex.patterns["trailing_day"].search(text, sent_start, left)
    if when:  # 第十二次全国民政会议23日至24日在北京举行: the days written between the name and the verb
        date = _day_date(when.group(2), when.group(1), doc.article.published)
        left = when.start()
    if left - 1 > sent_start and text[left - 1] in "”」":  # 由…主办的“…发展大会”在西安召开: the name quoted whole
        opening = text.rfind("“" if text[left - 1] == "”" else "「", sent_start, left - 1)
        name = text[opening + 1:left - 1] if opening >= 0 else ""
        tm = lex.meeting_type_re.search(name)
        if tm is not None and name.endswith((tm.group(0), tm.group(0) + "议")) and not any(c in _STOP for c in name):
            return MeetingHit(opening + 1, left - 1, name, sent_start, in_head, "", place, date)
    head = text[sent_start:left]
    tm_end = None
    for tm in lex.meeting_type_re.finditer(head):
        if tm.end() == len(head) or tm.end() == len(head) - 1 and head.endswith("议"):  # 推进会议
            tm_end = tm
    if tm_end is None:
        return None
    i = left - (len(head) - tm_end.start())
    while i > sent_start and (text[i - 1] not in _STOP or _bracketed_mark(text, i - 1) or _joins_one_name(text, i - 1, sent_start, lex)):
        i -= 1  # (全省部分县（市、区）…座谈会: a 、 in brackets is inside the name; 人大代表、政协委员座谈会)
    start = i
    lead = lex.patterns["meeting_lead"].match(text[start:left])
    if lead:
        start += lead.end()
        if any(hit.start == start - 1 for hit, _ in places.values()):
            start -= 1  # 于都县…会议: the 于 opens a place's name, it is no preposition
    speaker = lex.patterns["speaker_at_meeting"].match(text, start, left)
    if speaker and not any(hit.start == start for hit, _ in places.values()):
        start = speaker.end()  # 麦某于研修班开班仪式致辞: who spoke at it, then 于, then the meeting
    start = _after_hosted_by(text, start, left, lex)
    for verb in lex.held_re.finditer(text, start, left):
        start = verb.end()  # 某局举办培训班开班: the name after the first verb, not the clause before it
    if start >= left:
        return None
    return MeetingHit(start, left, text[start:left], sent_start, in_head, "", place, date)


def _bracketed_mark(text: str, i: int) -> bool:
    """A 、 between brackets a few characters wide (县（市、区）)."""
    if text[i] != "、":
        return False
    open_ = max(text.rfind("（", max(0, i - 6), i), text.rfind("(", max(0, i - 6), i))
    close = min((j for j in (text.find("）", i, i + 6), text.find(")", i, i + 6)) if j >= 0), default=-1)
    return open_ >= 0 and close >= 0 and not any(c in "）)" for c in text[open_:i])


def _day_date(day: str, month: str, published: str) -> str:
    """The date of ``day`` (and ``month``, when written) in an article published on ``published``."""
    if not published:
        return ""
    y, pm, pd = int(published[:4]), int(published[5:7]), int(published[8:10])
    d = int(day)
    mo = int(month) if month else (pm if d <= pd else pm - 1)
    if mo > pm + 1:
        y -= 1
    if mo < 1:
        y, mo = y - 1, 12
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def _extend_ji(text: str, end: int, lex: Lexicon) -> int:
    """工作会议暨警示教育大会: one meeting under a joint name."""
    while text.startswith("暨", end):
        rest = text[end + 1:end + 31]
        cut = next((i for i, c in enumerate(rest) if c in _STOP), len(rest))
        tm = lex.meeting_type_re.search(rest, 0, cut)
        if not tm:
            break
        end = end + 1 + tm.end()
    return end


def _organizer_before(text: str, verb: int, org_by_end: dict[int, OrgHit], floor: int, lex: Lexicon) -> str:
    """ORG召开 / ORG在…召开 / ORG于…召开: the organisation that is the subject of the verb."""
    j = verb
    seg = text[floor:verb]
    m = re.search(r"(?:在|于)[^，。]{0,20}$", seg)
    if m:
        j = floor + m.start()
    words = lex.words["organizer_adverbs"]
    while j not in org_by_end:  # 涿州市民政局组织召开 / 省民政厅随即组织召开
        word = next((w for w in words if text.endswith(w, floor, j)), None)
        if word is None:
            break
        j -= len(word)
    if j in org_by_end:
        return org_by_end[j].label
    return ""


def _place_between(text: str, a: int, b: int, places: dict[int, tuple[PlaceHit, str]]) -> str:
    """First place written in text[a:b] after 在 (在南京召开)."""
    zai = text.find("在", a, b)
    if zai < 0:
        return ""
    found, prev_end = "", -1
    for end in sorted(places):
        hit, code = places[end]
        if hit.start >= zai and hit.end <= b and not hit.street:
            if found and hit.start != prev_end:
                break
            found, prev_end = code, hit.end  # 泉州市晋江市: the most specific of a written chain
    return found


def meeting_date(text: str, sentence_start: int, name_start: int, published: str, headline: str, name: str,
                 lex: Lexicon) -> str:
    """ISO date from the sentence introducing the meeting; the year from the text, the dateline or the name."""
    window = text[sentence_start:name_start]
    found = list(lex.patterns["meeting_date"].finditer(window))
    if not found:
        months = list(lex.patterns["year_month"].finditer(window))  # 2023年12月，…: the month is all that is known
        if months and 1 <= int(months[-1].group(2)) <= 12:
            return f"{int(months[-1].group(1)):04d}-{int(months[-1].group(2)):02d}"
        day = lex.patterns["day_only"].search(window)  # 在27日召开的…会议上: the month of the dateline
        return _day_date(day.group(1), "", published) if day else ""
    m = found[-1]
    month = number(m.group(2))
    if not 1 <= month <= 12:
        return ""
    year = number(m.group(1)) if m.group(1) else 0
    if not year and published:
        py, pm = int(published[:4]), int(published[5:7])
        year = py - 1 if month > pm + 1 else py
        named = lex.patterns["year"].search(name)
        # 2015年民政工作会议 on 4月20日 of a page stamped 2017: the name's year, unless it names the year under
        # review (2024年度…培训会 in March 2025), one just ending (2014年…总结会 on 1月10日) or the coming one
        # (2025年…务虚会 on 12月30日)
        ny = int(named.group(1)) if named and not name.startswith("度", named.end()) else year
        if ny != year and not (year == ny + 1 and month <= 3) and not (year == ny - 1 and month >= 11):
            year = ny
    if not year:
        ym = lex.patterns["year"].search(name) or lex.patterns["year"].search(headline)
        if ym:
            year = int(ym.group(1))
    if not year:
        return ""
    if m.group(3):
        day = number(m.group(3))
        if 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return ""
    return f"{year:04d}-{month:02d}"


def needs_organizer_prefix(name: str, lex: Lexicon) -> bool:
    """党组（扩大）会议, 全体干部职工大会 or 第一次会议 say nothing of whose meeting it is."""
    if any(name.endswith(t) for t in lex.internal_meeting_types) or lex.patterns["meeting_sequel"].fullmatch(name):
        return True
    return name.startswith(lex.internal_meeting_heads) and not lex.patterns["meeting_scope"].match(name)


@component("meetings")
def find_meetings_component(state: ArticleState) -> None:
    """The meetings held: hits of one name merge, each gets date, place, organiser and its span of text."""
    text, lex, art = state.text, state.lex, state.doc.article
    merged = _merge_hits(find_meetings(state.doc, lex, _street_offices(state) + state.orgs, _with_streets(state)),
                         art.body_start)
    index = _org_index(state.orgs)
    leads = lex.words["side_meeting_leads"]
    firsts = [min((h.sentence_start for h in hits if not h.in_headline), default=art.body_start) for hits in merged]
    starts = [first if i else art.body_start for i, first in enumerate(firsts)]
    # 会前，总会召开了常务理事会…: a meeting held beside the one reported covers its own sentence, and the
    # text after it goes on about the main meeting
    side = [i > 0 and all(text.startswith(leads, h.sentence_start) for h in hits if not h.in_headline)
            for i, hits in enumerate(merged)]
    for i, hits in enumerate(merged):
        hs = sorted(hits, key=lambda h: (h.in_headline, h.start))
        label, organizer, place = _name_and_organizer(state, hs)
        date = _date(state, hs)
        scope_start = starts[i]
        if side[i]:
            scope_end = state.doc.sentence_of(scope_start).end
        else:
            # (meetings held in one sentence, 召开A、B, share the text after it)
            scope_end = next((starts[j] for j in range(i + 1, len(merged)) if not side[j] and firsts[j] > firsts[i]),
                             len(text))
        if not place:  # 会议在兰州设主会场 / 主会场设在省民政厅: a video conference is held where its main venue is
            place = _main_venue(state, scope_start, scope_end)
        # the same meeting reported twice merges; namesakes in other places or years do not
        ctx = state.context
        key = f"meeting:{norm_key(label)}|{date}|{ctx.prefecture or ctx.province}"
        for h in hs:
            state.add_mention(h.start, h.end, "Meeting", label, key)
        organizers = [organizer] if organizer else []
        for o in _joint_organizers(state, hs, scope_start, scope_end, index):
            if o not in organizers:
                organizers.append(o)
        keys = tuple(f"org:{o}" for o in organizers)
        for o, k in zip(organizers, keys):
            state.entities.setdefault(k, ("Organization", o))
        state.meetings.append(MeetingInfo(key, label, date, state.add_place(place) if place else "",
                                          keys[0] if keys else "", scope_start, scope_end, keys[1:]))


def _org_index(orgs: list[OrgHit]) -> tuple[dict[int, OrgHit], dict[int, OrgHit]]:
    """Organisations by start (the longest) and by end (the longest)."""
    org_at: dict[int, OrgHit] = {}
    by_end: dict[int, OrgHit] = {}
    for o in orgs:
        if o.start not in org_at or o.end > org_at[o.start].end:
            org_at[o.start] = o
        if o.end not in by_end or o.start < by_end[o.end].start:
            by_end[o.end] = o
    return org_at, by_end


def _joint_organizers(state: ArticleState, hs: list[MeetingHit], start: int, end: int,
                      index: tuple[dict[int, OrgHit], dict[int, OrgHit]]) -> list[str]:
    """会议由A、B联合主办 / A、B在…召开 / A组织召开: every organisation written as holding the meeting."""
    text, lex = state.text, state.lex
    org_at, by_end = index
    out: list[str] = []
    for m in lex.patterns["hosted_by_list"].finditer(text, start, min(end, start + 400)):
        pos, found = m.end(), []
        while pos in org_at:
            found.append(org_at[pos])
            pos = org_at[pos].end + (1 if text[org_at[pos].end:org_at[pos].end + 1] in ("、", "和") else 0)
        if found and lex.patterns["hosting_verb"].match(text, found[-1].end):
            out.extend(o.label for o in found)
    for h in hs:  # 中共会泽县委、会泽县人民政府在县委三楼会议室召开: the list before the first organiser
        first = max((o for o in state.orgs if o.label == h.organizer and h.sentence_start <= o.start
                     and o.end <= h.start), key=lambda o: o.end, default=None)
        while first is not None and first.start > 0 and text[first.start - 1] in "、和" \
                and first.start - 1 in by_end:
            first = by_end[first.start - 1]
            out.append(first.label)
    return out


def _street_offices(state: ArticleState) -> list[OrgHit]:
    """A 街道 or a town written where an organisation would be (潍坊新村街道在…召开, 湖塘镇召开) stands for
    its office or government, the 街道办事处 / 镇人民政府: a place acting as a unit is that unit (the same
    label as the unit's own mentions)."""
    gaz = state.lex.gazetteer
    return [OrgHit(st.start, end, street_office(st.key, st.name, gaz) if st.name.endswith("街道")
                   else street_prefix(st.key, gaz) + st.name + "人民政府", st.key, kind="street")
            for end, st in sorted(state.streets.items()) if st.name.endswith(("街道", "镇", "乡"))]


def _with_streets(state: ArticleState) -> dict[int, tuple[PlaceHit, str]]:
    """Divisions and streets by end, so that a meeting held 在龙山街道 is held in that street (and 在我县 in the
    article's own county)."""
    out = dict(state.places)
    for end, st in state.streets.items():
        if end not in out:
            out[end] = (PlaceHit(st.start, end, st.name, (st.key,)), st.key)
    ctx = state.context
    for m in state.lex.patterns["own_place"].finditer(state.text):  # 在我县召开: the article's own county
        code = ctx.at({"县": "county", "区": "county", "市": "city", "州": "prefecture", "省": "province"}[m.group(1)])
        if code and m.end() not in out:
            out[m.end()] = (PlaceHit(m.start(), m.end(), m.group(), (code,)), code)
    return out


def _merge_hits(raw: list[MeetingHit], body_start: int) -> list[list[MeetingHit]]:
    """Hits whose names compare equal are one meeting; a headline hit only joins one of the body,
    or stands alone when the body names no meeting. In order of the body's first mention."""
    body = [h for h in raw if not h.in_headline]
    merged: list[tuple[str, list[MeetingHit]]] = []

    def joined(k: str, m: tuple[str, list[MeetingHit]]) -> bool:
        # 全市…现场会暨全市民政工作会议, then 下午召开全市民政工作会议: one half of a joint meeting's name is that meeting
        return "暨" in m[1][0].name and "暨" not in k and any(norm_key(part) == k for part in m[1][0].name.split("暨"))

    for h in body:
        k = norm_key(h.name)
        same = next((m for m in merged if m[0] == k), None) or next((m for m in merged if joined(k, m)), None)
        if same is None:
            merged.append((k, [h]))
        else:
            same[1].append(h)
    for h in raw:
        if not h.in_headline:
            continue
        k = norm_key(h.name)
        same = next((m for m in merged if m[0] == k), None)
        if same is not None:
            same[1].append(h)
        elif not body:
            merged.append((k, [h]))

    def first(hits: list[MeetingHit]) -> int:
        inside = [h.sentence_start for h in hits if not h.in_headline]
        return min(inside) if inside else body_start
    return sorted((hits for _, hits in merged), key=first)


def _name_and_organizer(state: ArticleState, hs: list[MeetingHit]) -> tuple[str, str, str]:
    """(label, organiser label, place code) of one meeting from its hits."""
    lex, home, orgs = state.lex, state.home, state.orgs
    organizer = next((h.organizer for h in hs if h.organizer), "")
    name = hs[0].name
    if name[:1] in "“\"" and name[-1:] in "”\"" or name.count("“") != name.count("”"):
        name = name.strip("“”\"")  # “全省民政工作会议”: quotes around the name, not a quoted part of it
    if home is not None and name[:1] in "局厅" and home.label.endswith(name[0]) and name[1:2] in "党机全务办" \
            and name not in lex.internal_meeting_types:  # (局务会 is a meeting type of its own)
        organizer, name = organizer or home.label, name[1:]  # 厅党组会议: the article's own bureau
    if not organizer:  # 长沙市慈善总会第三届理事会第二次会议: the name opens with its organiser
        organizer = next((o.label for h in hs for o in orgs if o.start == h.start and o.end < h.end), "")
    place = next((h.place for h in hs if h.place), "")
    if not organizer and home is not None and (name in lex.internal_meeting_types
                                                or name.endswith("会议") and name[:-1] in lex.internal_meeting_types):
        organizer = home.label  # 主持召开局长办公会(议): the article's own bureau holds its internal meetings
    named_in = any(o.start == h.start and o.end < h.end for h in hs for o in orgs)  # 全国双拥办主任办公会
    label = f"{organizer}{name}" if organizer and not named_in and needs_organizer_prefix(name, lex) else name
    if label != name:  # 市民政局党组 + 党组会议: the head the organiser ends with is written once
        head = next((h for h in lex.internal_meeting_heads if len(h) > 1 and name.startswith(h)
                     and organizer.endswith(h)), "")
        label = organizer + name[len(head):]
    return label, organizer, place


def _date(state: ArticleState, hs: list[MeetingHit]) -> str:
    text, lex, art, doc = state.text, state.lex, state.doc.article, state.doc
    for h in hs:
        if h.date:
            return h.date
    for h in hs:
        date = meeting_date(text, h.sentence_start, h.start, art.published, art.title, h.name, lex)
        if date:
            return date
    intro = next((h for h in hs if not h.in_headline), None)
    if intro is None:
        return ""
    if any(w in text[intro.sentence_start:intro.start] for w in lex.words["same_day"]):
        if state.meetings:  # 当天下午 / 随后，…召开: held the day of the meeting before it
            return state.meetings[-1].date
        # 9月5日是中华慈善日。当天，…召开 / 2月17日，…来到…。…。随后，…座谈会召开: the day the nearest sentence
        # before names
        before = [s for s in doc.sentences if s.end <= intro.sentence_start and s.start >= art.body_start]
        for sp in reversed(before):
            date = meeting_date(text, sp.start, sp.end, art.published, art.title, intro.name, lex)
            if date:
                return date
    if intro.name in lex.meeting_types:
        # 6月3日，局领导赴闵行区调研…。…参加座谈会: a bare 座谈会 of a visit is held the day the visit is dated
        visits = [sp for sp in doc.sentences if art.body_start <= sp.start < intro.sentence_start
                  and any(v in text[sp.start:sp.end] for v in lex.words["visit_meeting_verbs"])]
        for sp in reversed(visits):
            date = meeting_date(text, sp.start, sp.end, art.published, art.title, intro.name, lex)
            if date:
                return date
    return ""


def _main_venue(state: ArticleState, start: int, end: int) -> str:
    """The division code of the first place written where the main venue is said to be, else ""."""
    for m in state.lex.patterns["main_venue"].finditer(state.text, start, end):
        a, b = m.span(1) if m.group(1) else m.span(2)
        found = [code for e, (hit, code) in sorted(state.places.items())
                 if a <= hit.start and e <= b and not hit.street]
        if found:
            return found[-1]
        short = _county_by_short_name(state, state.text[a:b])
        if short:
            return short
    return ""


def _county_by_short_name(state: ArticleState, name: str) -> str:
    """在凯里设主会场: a county or county-level city written without 市/县 (short county names are
    no gazetteer hits, too many are words), taken only where the main venue is said to be and only
    inside the article's own prefecture."""
    gaz, area = state.lex.gazetteer, state.context.prefecture
    if not area:
        return ""
    codes = [c for unit in "市县" for c in gaz.by_name.get(name + unit, ())
             if gaz.divisions[c].level == "county" and gaz.is_within(c, area)]
    return codes[0] if len(codes) == 1 else ""
