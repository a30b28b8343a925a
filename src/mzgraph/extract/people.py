"""People and their posts, read from structure: [org] title (、[org] title)* name [同志].

Names come from title chains, ``name + 同志`` and back-references such as 陈副市长,
never from jieba's person tags.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon, Title
from ..model import Span
from .orgs import OrgHit, street_prefix, implied_org
from .places import PlaceContext, PlaceHit

_HAN = re.compile(r"[\u4e00-\u9fff]")
# Characters that do not occur in given names in this genre (function words, unit words).
_NOT_IN_NAME = set("的了是在和与及等对为把被向以于就也都而并或其之这那们个省市县区局厅委部党会议")
# Words that may follow a name: they mark where the name ends.
FOLLOW = tuple(sorted("""同志 出席 主持 讲话 参加 列席 到会 参会 陪同 等 在 到 就 对 和 与 及 以及 分别 率 带队 一行 代表 宣读 传达 回顾 说
强调 指出 表示 要求 介绍 详细 充分 来到 走进 看望 慰问 致辞 发言 作 通报 解读 部署 提出 希望 听取 围绕 深入 先后 也 还 又 首先
最后 要 向 为 会见 调研 督导 检查 指导 同 是 汇报 认为 肯定 总结 表扬 主讲 宣布 带领 赴 前往 察看 考察 实地 现场 出门 从 将 已 的 ，
关于 对于 根据 按照 结合 通过 说明 讲解 宣讲 分享 带来 一同 共同 亲切 认真 详细 随后 此前 目前 今年 结合 据 兼
。 、 ； ： （ ） “ ” 《 》 \n""".split(), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class PersonHit:
    start: int
    end: int
    name: str
    referenced: bool = False  # 习近平总书记: a national leader cited, not someone in the room


@dataclass(frozen=True)
class PostHit:
    name: str
    role: str
    org: str  # org label
    org_place: str  # division code of the organisation
    start: int  # evidence span (chain start … name end)
    end: int


def _boundary(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    if not _HAN.match(text[pos]):
        return True
    return text.startswith(FOLLOW, pos)


def name_at(text: str, pos: int, lex: Lexicon, tokens_by_start: dict[int, int] | None = None) -> int:
    """End offset of a personal name starting at ``pos``, or -1 when none does.

    The name ends where a follow word or punctuation starts, or where jieba starts a
    word of two or more characters (王建国|深化改革): known words mark the boundary.
    """
    if text[pos:pos + 2] in lex.compound_surnames:
        sl = 2
    elif pos < len(text) and text[pos] in lex.surnames:
        sl = 1
    else:
        return -1
    for given in (2, 1):
        end = pos + sl + given
        chunk = text[pos + sl:end]
        if given == 2 and len(chunk) == 2 and chunk[1] == "和" and _HAN.match(chunk[0]) \
                and chunk[0] not in _NOT_IN_NAME and text.startswith(FOLLOW_WORDS, end):
            return end  # 莫永和出席: 和 ends a name when a verb follows it
        if len(chunk) != given or not all(_HAN.match(c) and c not in _NOT_IN_NAME for c in chunk):
            continue
        if given == 2 and text.startswith(FOLLOW_WORDS, pos + sl + 1):
            continue  # 王强陪同: the second character opens the verb (陪同), the name is 王强
        if _boundary(text, end):
            return end
    if tokens_by_start:
        for given in (2, 1):
            end = pos + sl + given
            chunk = text[pos + sl:end]
            if len(chunk) == given and all(_HAN.match(c) and c not in _NOT_IN_NAME for c in chunk) \
                    and tokens_by_start.get(end, 0) >= 2:
                return end
    return -1


FOLLOW_WORDS = tuple(w for w in FOLLOW if len(w) > 1)
_PLACE_UNITS = ("街道", "社区", "镇", "乡", "村", "区", "县", "市", "省", "州")
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}[·•・．]")


def dotted_name_at(text: str, pos: int) -> int:
    """End of a transliterated name with a middle dot (艾尔肯·吐尔逊), or -1."""
    m = _DOTTED.match(text, pos)
    if not m:
        return -1
    for end in range(m.end() + 1, min(len(text), m.end() + 8) + 1):
        if not _HAN.match(text[end - 1]):
            return -1
        if _boundary(text, end):
            return end
    return -1


_NOT_IN_ETHNIC_NAME = _NOT_IN_NAME - set("和其")  # 苏和巴特尔, 乌云其木格
# Words that stand between a title and its verb without being a name (局长亲自主持).
_ADVERBS = ("亲自", "一同", "共同", "分别", "专门", "再次", "随后", "同时", "全程", "先后", "依次", "一起", "现场",
            "直接", "率先", "首先", "专程", "特意", "还", "也", "都", "又", "均", "亦", "即", "并", "再", "将", "已")
_ETHNIC_END = tuple(sorted({"同志", "作", "在", "等", "、", "领学", *FOLLOW_WORDS} - {"说"},
                           key=lambda w: (-len(w), w)))


def _unknown_word(pos: int, end: int, tok_start: dict[int, int]) -> bool:
    """jieba cut text[pos:end] on its own, and not wholly into dictionary words (吉/克/木/呷, not 队伍/建设)."""
    singles, i = 0, pos
    while i < end:
        length = tok_start.get(i)
        if length is None:
            return False
        singles += length == 1
        i += length
    return i == end and singles > 0


def ethnic_name_at(text: str, pos: int, lex: Lexicon, tok_start: dict[int, int] | None = None) -> int:
    """Names without a known Han surname right after a title: 益卓, 次仁旺堆, 苏和巴特尔.

    Two to five characters followed by 同志 or a participation verb, with no place name,
    adverb or common word inside (dotted names are matched before this); before a bare ，
    or 的, only three or more characters that jieba does not know as words (吉克木呷，).
    """
    if text[pos:pos + 2] in lex.compound_surnames or text.startswith(_ADVERBS, pos):
        return -1
    for length in (2, 3, 4, 5):
        end = pos + length
        chunk = text[pos:end]
        if len(chunk) == length and all(_HAN.match(c) and c not in _NOT_IN_ETHNIC_NAME for c in chunk) \
                and (text.startswith(_ETHNIC_END, end)
                     or length >= 3 and text[end:end + 1] in "，的" and _unknown_word(pos, end, tok_start or {})) \
                and not any(w in chunk for w in FOLLOW_WORDS) \
                and not any(chunk[i:j] in lex.gazetteer.by_name for i in range(length) for j in range(i + 2, length + 1)):
            return end
    return -1


def _name_before_bracket(text: str, bracket: int, lex: Lexicon) -> int:
    """Start of the name that opens a list item or line right before ``（`` (、杭波（…）), or -1."""
    for length in (2, 3, 4, 5):
        start = bracket - length
        if start < 0:
            break
        if start > 0 and _HAN.match(text[start - 1]):
            continue  # the name must open the item: after punctuation, a colon or a line break
        chunk = text[start:bracket]
        if valid_name(chunk, lex) or length >= 2 and all(_HAN.match(c) and c not in _NOT_IN_ETHNIC_NAME for c in chunk) \
                and not any(w in chunk for w in FOLLOW_WORDS) and chunk not in lex.gazetteer.by_name:
            return start
    return -1


def valid_name(name: str, lex: Lexicon) -> bool:
    """Surname + one or two given-name characters, none of them a function or unit word."""
    sl = 2 if name[:2] in lex.compound_surnames else 1 if name[:1] in lex.surnames else 0
    given = name[sl:]
    return bool(sl) and 1 <= len(given) <= 2 and all(_HAN.match(c) and c not in _NOT_IN_NAME for c in given)


def find_titles(text: str, lex: Lexicon) -> list[tuple[int, int, Title]]:
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
                ctx: PlaceContext, home_org: OrgHit | None, tokens: tuple[Span, ...],
                titles: list[tuple[int, int, Title]]) -> tuple[list[PersonHit], list[PostHit]]:
    """Title-anchored people and their posts."""
    org_by_end = {}
    for o in orgs:
        if o.end not in org_by_end or o.start < org_by_end[o.end].start:
            org_by_end[o.end] = o
    titles_by_end: dict[int, list[tuple[int, int, Title]]] = {}
    for t in titles:
        titles_by_end.setdefault(t[1], []).append(t)
    tok_start = {t.start: t.end - t.start for t in tokens}
    people: list[PersonHit] = []
    posts: list[PostHit] = []
    for end, cands in sorted(titles_by_end.items()):
        if text.startswith(FOLLOW_WORDS, end):
            continue  # 陈副市长强调: a verb, not a name
        nopost = all(t.implies == "nopost" for _, _, t in cands)
        if nopost and text.startswith(_NOT_AFTER_LEADER, end):
            continue  # 领导班子 / 领导小组: a body, not 厅领导 + a name
        name_end = dotted_name_at(text, end)  # 艾尔肯·吐尔逊
        if name_end < 0:
            name_end = name_at(text, end, lex, tok_start)
        if name_end < 0 and not nopost and not any(t.title in NAME_FIRST_TITLES for _, _, t in cands):
            name_end = ethnic_name_at(text, end, lex, tok_start)  # (习近平总书记近期重要讲话: no name after 总书记)
        if name_end < 0:
            continue
        name = text[end:name_end]
        chain = _chain(text, end, titles_by_end, org_by_end, places)
        if not chain:
            continue
        chain_start = chain[0][0]
        if chain[0][3] is None and chain_start > 0 and text[chain_start - 1] in "局厅" and home_org is not None \
                and home_org.label.endswith(text[chain_start - 1]):
            chain_start -= 1  # 局二级调研员施建平: the article's own bureau opens the chain
        found = [(end, name_end)]
        # 副厅长张三、李四出席会议: several people share one title chain
        j = name_end
        while j < len(text) and text[j] == "、":
            nxt = name_at(text, j + 1, lex, tok_start)
            if nxt < 0 or text.startswith(FOLLOW, j + 1) or text[j + 1:nxt] in lex.gazetteer.by_name:
                break
            if any(text.startswith(t, j + 1) for t in lex.titles) or text.startswith(_PLACE_UNITS, nxt):
                break  # 、石牌街道…: the list goes on with a place, not a person
            found.append((j + 1, nxt))
            j = nxt
        for fs, fe in found:
            people.append(PersonHit(fs, fe, text[fs:fe]))
        for fs, fe in found[1:]:
            posts.extend(_posts_for(text, text[fs:fe], chain, fs, fe, lex, places, ctx, home_org, orgs))
        posts.extend(_posts_for(text, name, chain, chain_start, name_end, lex, places, ctx, home_org, orgs))

    # 敖登格日乐（旗委常委、副旗长）/ 岑若琳（北京市民政局党组成员、副局长）: the chain in brackets after the name
    for end in sorted(titles_by_end):
        if text[end:end + 1] not in ("）", ")"):
            continue
        chain = _chain(text, end, titles_by_end, org_by_end, places)
        if not chain or chain[0][0] < 1 or text[chain[0][0] - 1] not in ("（", "("):
            continue
        bracket = chain[0][0] - 1
        start = _name_before_bracket(text, bracket, lex)
        if start < 0:
            continue
        name = text[start:bracket]
        people.append(PersonHit(start, bracket, name))
        posts.extend(_posts_for(text, name, chain, start, end + 1, lex, places, ctx, home_org, orgs))

    # national leaders are written name first: 习近平总书记
    for ts, te, t in titles:
        if t.title not in NAME_FIRST_TITLES:
            continue
        for L in (3, 2, 4):
            s = ts - L
            if s < 0 or not valid_name(text[s:ts], lex):
                continue
            people.append(PersonHit(s, ts, text[s:ts], referenced=True))
            break
    return people, posts


def _posts_for(text, name, chain, chain_start, name_end, lex, places, ctx, home_org, orgs) -> list[PostHit]:
    """One post per title of the chain, each with its explicit, implied or inherited organisation."""
    gaz = lex.gazetteer
    posts: list[PostHit] = []
    prev_org: tuple[str, str] | None = None
    chain_place: tuple[str, str] | None = None  # ("", division) of the first implied post of the chain
    for seg_start, title_start, title, org in chain:
        if title.implies == "nopost":
            continue  # 厅领导王强: the word introduces the person, it is not a post
        label_place = None
        if org is not None:
            label_place = (org.label, org.place)
        elif title.implies != "none":
            # 景宁畲族自治县县委常委、副县长: the place of the chain so far before the article's own
            code = _implied_place(text, title_start, title, places, prev_org or chain_place, ctx, gaz)
            if code:
                label_place = (implied_org(title.implies, code, gaz), code)
                chain_place = chain_place or ("", code)
        elif seg_start > 0 and home_org is not None and text[seg_start - 1] in "局厅" \
                and home_org.label.endswith(text[seg_start - 1]):
            label_place = (home_org.label, home_org.place)  # 局党组书记 / 厅党组成员: the article's own bureau
        elif prev_org is not None:
            label_place = prev_org
        else:
            near = _nearest_org_for_title(title.title, seg_start, orgs)
            if near is not None:
                label_place = (near.label, near.place)
        role = title.title
        if role == "委员" and org is not None and org.suffix in ("党委", "党工委"):
            role = org.suffix + role  # 镇党委委员 / 街道党工委委员: a member of that committee
        if role.endswith(_TOWN_HEADS) and org is None and prev_org is not None \
                and prev_org[1].startswith("street:") and prev_org[1].endswith(("镇", "乡")):
            key = prev_org[1]  # 镇党委委员、副镇长: the same town's government
            label_place = (street_prefix(key, gaz) + key.rsplit(":", 1)[1] + "人民政府", key)
        if label_place is None:
            continue
        posts.append(PostHit(name, role, label_place[0], label_place[1], chain_start, name_end))
        if title.implies == "none" or org is not None:
            prev_org = label_place
    return posts


NAME_FIRST_TITLES = {"总书记", "主席", "总理", "委员长"}
_TOWN_HEADS = ("镇长", "乡长")
_NOT_AFTER_LEADER = ("班子", "小组", "干部", "同志", "成员", "职数", "体制", "机制", "作用", "下", "和", "及", "的")


def _chain(text, end, titles_by_end, org_by_end, places):
    """Walk left from a name: [(segment start, title, explicit org or None)] in text order."""
    out = []
    pos = end
    while True:
        cands = titles_by_end.get(pos)
        if not cands:
            break
        # prefer the title whose start meets an organisation (曲靖市委|常委), else the longest
        best = None
        for ts, te, t in sorted(cands, key=lambda c: c[0]):
            if ts in org_by_end:
                best = (ts, t, org_by_end[ts])
                break
        if best is None:
            ts, te, t = min(cands, key=lambda c: c[0])
            best = (ts, t, None)
        ts, t, org = best
        seg_start = org.start if org is not None else ts
        title_start = ts
        if org is None and t.implies != "none":  # 敦化市副市长: the place belongs to the segment
            hit = places.get(ts, places.get(ts + 1, (None, "")))[0]
            if hit is not None and hit.start < ts:
                seg_start = hit.start
        out.insert(0, (seg_start, title_start, t, org))
        pos = seg_start
        if pos > 0 and text[pos - 1] in "、兼，" and (pos - 1) in titles_by_end:  # (副局长，市…局局长: one person)
            pos -= 1
            continue
        if pos in titles_by_end:  # stacked titles without a separator
            continue
        break
    return out


def _implied_place(text, seg_start, title: Title, places, prev_org, ctx: PlaceContext, gaz) -> str:
    """The division a 副市长 / 市委常委 belongs to: written just before, else the chain's, else the article's."""
    unit = title.title.lstrip("副").removeprefix("常务副").removeprefix("分管副")[:1]
    for end in (seg_start, seg_start + 1):
        if end in places:
            hit, code = places[end]
            if hit.end >= seg_start:
                if gaz.divisions[code].name.endswith(unit):  # 敦化市副市长: a county-level city's own government
                    return code
                return _at_level(code, title.level, gaz)
    if prev_org is not None and prev_org[1] in gaz.divisions:
        code = _at_level(prev_org[1], title.level, gaz)
        if code:
            return code
    return ctx.at(title.level)


def _at_level(code: str, level: str, gaz) -> str:
    want = {"city": ("prefecture", "province"), "province": ("province",), "county": ("county",)}.get(level, ())
    for ref in gaz.chain(code):
        if level == "city" and ref.level == "county" and ref.name.endswith("市"):
            return ref.code  # 宁乡市委常委、常务副市长: a county-level city has its own government
        if ref.level in want:
            # municipalities: a 市 title at province level is the city itself
            if level == "city" and ref.level == "province" and not ref.name.endswith("市"):
                return ""
            return ref.code
    return ""


_TITLE_UNIT = {"院": "院", "站": "站", "局": "局", "厅": "厅", "会": "会", "组": "组", "馆": "馆", "所": "所", "处": "处"}


def _nearest_org_for_title(title: str, pos: int, orgs: list[OrgHit]) -> OrgHit | None:
    """院长毛雪琴 after 曲靖市儿童福利院: the latest preceding organisation of the title's kind."""
    core = title.lstrip("副").removesuffix("长")
    unit = _TITLE_UNIT.get(core[-1:] if core else "")
    if not unit:
        return None
    best = None
    for o in orgs:
        if o.end <= pos and pos - o.end < 300 and o.label.endswith(unit) and o.kind not in ("party", "gov"):
            best = o
    return best


def find_named_mentions(text: str, names: set[str], lex: Lexicon, known_titles: dict[str, set[str]],
                        titles: list[tuple[int, int, Title]]) -> list[PersonHit]:
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
    longest_at: dict[int, tuple[int, int, Title]] = {}
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


_TONGZHI = re.compile(r"([\u4e00-\u9fff]{2,4})同志")


def find_comrades(text: str, lex: Lexicon) -> list[PersonHit]:
    """``name + 同志`` introduces a person even without a title."""
    out = []
    for m in _TONGZHI.finditer(text):
        seg = m.group(1)
        for L in (3, 2, 4):
            if L > len(seg):
                continue
            start = m.end(1) - L
            if name_at(text, start, lex) != m.end(1):
                continue
            before = text[max(0, start - 6):start]
            if start == 0 or not _HAN.match(text[start - 1]) or any(before.endswith(t) for t in lex.titles):
                out.append(PersonHit(start, m.end(1), text[start:m.end(1)]))
                break
    return out
