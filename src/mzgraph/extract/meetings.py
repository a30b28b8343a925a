"""Meetings that were held: name, date, place, organiser and the span of text about each."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..model import Document
from .orgs import OrgHit
from .places import PlaceHit

_HELD = re.compile(r"(?:召开|举行|举办|开幕|开班)了?")
_STOP = "，。；：！？、,;:!?\n《》"
_LEAD = re.compile(r"^(?:\d{1,2}月\d{1,2}日|\d{1,2}日|[上下]午|晚上|近日|日前|今天|昨天|当天|随后|同日|次日|于|在|由|并)+")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|(上旬|中旬|下旬|初|底|末))")
_SCOPE = re.compile(r"^(?:\d{4}年(?:度)?|全[国省市区县州盟旗]|第[一二三四五六七八九十\d]+|[\u4e00-\u9fff]{1,8}?[省市区县州])")
_YEAR_IN = re.compile(r"(\d{4})年")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?![\d份])")
_MANNER = re.compile(r"(?:以[^，。；]{1,8}(?:形式|方式)|隆重|胜利|顺利|正式|同步|在线)+$")
GENERIC = {"会议", "大会", "会", "视频会议"}


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


_HOSTED_BY = re.compile(r"(?:主办|承办|举办|组织|召开)的")
_BODY_WORDS = {"协会", "商会", "学会", "总会", "工会", "合会", "员会", "事会", "金会"}  # bodies ending in 会


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
    for m in _HELD.finditer(text):
        sent = doc.sentence_of(m.start())
        in_head = m.start() < doc.article.body_start
        # (a) … 召开 NAME
        after = text[m.end():min(len(text), m.end() + 40)]
        cut = next((i for i, c in enumerate(after) if c in _STOP), len(after))
        tm = lex.meeting_type_re.search(after, 0, cut)
        while tm and tm.start() > 0 and after[tm.start() - 1:tm.start() + 1] in _BODY_WORDS:
            tm = lex.meeting_type_re.search(after, tm.start() + 1, cut)  # 行业协会商会…: 会商会 is inside 协会
        if tm and tm.start() <= 30:
            end = m.end() + tm.end()
            while end < len(text) and text[end] in "议":  # 座谈会议
                end += 1
            end = _extend_ji(text, end, lex)
            name = text[m.end():end]
            organizer = _organizer_before(text, m.start(), org_by_end, sent.start)
            place = _place_between(text, sent.start, m.start(), places)
            hits.append(MeetingHit(m.end(), end, name, sent.start, in_head, organizer, place))
            continue
        # (b) NAME (在 PLACE) (以视频形式 / 隆重) 召开
        left = m.start()
        manner = _MANNER.search(text, max(sent.start, left - 12), left)
        if manner:
            left = manner.start()
        place = ""
        zai = text.rfind("在", sent.start, left)
        if zai >= 0 and left - zai <= 20 and not any(c in _STOP for c in text[zai:left]):
            place = _place_between(text, zai, left, places)
            left = zai
        head = text[sent.start:left]
        tm_end = None
        for tm in lex.meeting_type_re.finditer(head):
            if tm.end() == len(head):
                tm_end = tm
        if tm_end is None:
            continue
        start = left - len(head)
        i = left - (len(head) - tm_end.start())
        while i > sent.start and text[i - 1] not in _STOP:
            i -= 1
        start = i
        raw = text[start:left]
        lead = _LEAD.match(raw)
        if lead:
            start += lead.end()
        by = _HOSTED_BY.search(text, start, left)
        if by:
            start = by.end()  # 由河北省福利彩票发行中心主办的2024年…培训班: the name follows 主办的
        name = text[start:left]
        if not name:
            continue
        organizer = ""
        hits.append(MeetingHit(start, left, name, sent.start, in_head, organizer, place))
    # a bare type (通过召开座谈会、发放征求意见表) names no particular meeting
    return [h for h in hits if h.organizer or h.name in lex.internal_meeting_types
            or h.name in lex.self_named_meeting_types
            or (h.name not in GENERIC and h.name not in lex.meeting_types)]


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


def _organizer_before(text: str, verb: int, org_by_end: dict[int, OrgHit], floor: int) -> str:
    """ORG召开 / ORG在…召开 / ORG于…召开: the organisation that is the subject of the verb."""
    j = verb
    seg = text[floor:verb]
    m = re.search(r"(?:在|于)[^，。]{0,20}$", seg)
    if m:
        j = floor + m.start()
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


def meeting_date(text: str, sentence_start: int, name_start: int, published: str, headline: str, name: str) -> str:
    """ISO date from the sentence introducing the meeting; the year from the text, the dateline or the name."""
    window = text[sentence_start:name_start]
    found = list(_DATE.finditer(window))
    if not found:
        months = list(_YEAR_MONTH.finditer(window))  # 2023年12月，…: the month is all that is known
        if months and 1 <= int(months[-1].group(2)) <= 12:
            return f"{int(months[-1].group(1)):04d}-{int(months[-1].group(2)):02d}"
        return ""
    m = found[-1]
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return ""
    year = int(m.group(1)) if m.group(1) else 0
    if not year and published:
        py, pm = int(published[:4]), int(published[5:7])
        year = py - 1 if month > pm + 1 else py
    if not year:
        ym = _YEAR_IN.search(name) or _YEAR_IN.search(headline)
        if ym:
            year = int(ym.group(1))
    if not year:
        return ""
    if m.group(3):
        day = int(m.group(3))
        if 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return ""
    return f"{year:04d}-{month:02d}"


def needs_organizer_prefix(name: str, lex: Lexicon) -> bool:
    """党组（扩大）会议 or 全体干部职工大会 say nothing of whose meeting it is."""
    if any(name.endswith(t) for t in lex.internal_meeting_types):
        return True
    return name.startswith(lex.internal_meeting_heads) and not _SCOPE.match(name)
