"""Organisations: place prefix + suffix, sub-units, party committees, shared-suffix lists."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Gazetteer, Lexicon
from .places import PlaceContext, PlaceHit, choose_code, org_prefix

_PARTY = re.compile(r"(中共)?(?:(?<=[省市州县区旗盟])|(自治区党))委(?![员会托])")
_RELATIVE = {"省": "province", "市": "city", "州": "prefecture", "盟": "prefecture", "区": "county", "县": "county",
             "旗": "county"}
_LIST_SEP = "、和及"
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}")
_GROUP = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?)?第[一二三四五六七八九十\d]{1,3}"
                    r"(督导组|巡视组|巡察组|工作组|调研组|检查组|考核组|指导组|派驻纪检监察组)")
_PARTY_GROUP_NOT_ORG = ("书记", "副书记", "成员", "会议", "（扩大）", "扩大", "理论", "中心组", "班子")
NATIONAL = {"民政部": "民政部"}


@dataclass(frozen=True)
class OrgHit:
    start: int
    end: int
    label: str
    place: str  # division code or street key
    parent: str = ""  # parent org label
    kind: str = ""
    suffix: str = ""


@dataclass
class _Index:
    places_by_end: dict[int, tuple[PlaceHit, str]]  # end -> (hit, resolved code)
    streets_by_end: dict[int, tuple[int, str, str]]  # end -> (start, name, key)


def resolve_places(hits: list[PlaceHit], ctx: PlaceContext, gaz: Gazetteer) -> dict[int, tuple[PlaceHit, str]]:
    """Resolve every hit to one code, preferring the division inside the place written just before."""
    out: dict[int, tuple[PlaceHit, str]] = {}
    prev_end, prev_code = -1, ""
    for h in hits:
        near = prev_code if h.start == prev_end else ""
        code = choose_code(h, ctx, gaz, near)
        out[h.end] = (h, code)
        prev_end, prev_code = h.end, code
    return out


def _party_label(code: str, gaz: Gazetteer) -> str:
    name = gaz.divisions[code].name
    if name[-1] in "省市县区州" and not name.endswith(("自治州", "自治县")):
        return f"中共{name}委"
    return f"中共{name}委员会"  # 中共楚雄彝族自治州委员会, 中共伊金霍洛旗委员会


def _gov_label(code: str, gaz: Gazetteer) -> str:
    return org_prefix(code, gaz) + "人民政府"


def unit_base(parent: OrgHit) -> str:
    """How a unit of ``parent`` is named: 中共楚雄彝族自治州委员会 → 中共楚雄彝族自治州委组织部."""
    if parent.kind == "party" and parent.label.endswith("委员会") and parent.label.startswith("中共"):
        return parent.label[:-2]
    return parent.label


def implied_org(kind: str, code: str, gaz: Gazetteer) -> str:
    """The organisation a title like 副市长 (gov) or 市委常委 (party) implies for a place."""
    return _party_label(code, gaz) if kind == "party" else _gov_label(code, gaz)


def relative_code(level: str, ctx: PlaceContext) -> str:
    return ctx.at(level)


def find_orgs(text: str, lex: Lexicon, places: dict[int, tuple[PlaceHit, str]],
              streets: dict[int, tuple[int, str, str]], ctx: PlaceContext) -> list[OrgHit]:
    gaz = lex.gazetteer
    hits: list[OrgHit] = []
    by_end: dict[int, OrgHit] = {}

    def add(h: OrgHit) -> None:
        hits.append(h)
        by_end[h.end] = h

    for m in _PARTY.finditer(text):
        if m.start() > 1 and text[m.start() - 2] == "团" and not m.group(1):
            rel = _RELATIVE.get(text[m.start() - 1])
            code = relative_code(rel, ctx) if rel else ""
            if code:  # 团省委 / 团市委: the Communist Youth League committee
                name = gaz.divisions[code].name
                add(OrgHit(m.start() - 2, m.end(), f"共青团{name}委员会", code, kind="association", suffix="团委"))
            continue
        start = m.start()
        code = ""
        if m.group(2):  # 自治区党委
            code = ctx.province
            start = m.start(2)
        elif m.start() in places:  # 曲靖市委: the place ends where 委 begins
            hit, code = places[m.start()]
            start = hit.start
        else:
            rel = _RELATIVE.get(text[m.start() - 1]) if m.start() > 0 else None
            if rel:
                code, start = relative_code(rel, ctx), m.start() - 1
        if m.group(1):
            start = min(start, m.start(1))
        if code:
            add(OrgHit(start, m.end(), _party_label(code, gaz), code, kind="party", suffix="委"))

    for m in lex.suffix_re.finditer(text):
        suffix_text = m.group()
        suffix = lex.suffixes[suffix_text]
        if text.startswith(("门", "署"), m.end()) and suffix.kind == "bureau":
            continue  # 民政部门 is a generic word, not 民政部
        if suffix_text == "党组" and text.startswith(_PARTY_GROUP_NOT_ORG, m.end()):
            continue  # 党组书记 / 党组（扩大）会议: a title or a meeting, not the body
        s = m.start()
        pos, code, middle = s, "", ""
        if suffix.kind == "street" and (s + 2) in streets and streets[s + 2][1].endswith("街道"):
            pos, middle, code = streets[s + 2][0], streets[s + 2][1], streets[s + 2][2]  # 塔山街道办事处
        chain_codes: list[str] = []
        if suffix.kind in ("institution", "association"):
            desc = next((d for d in lex.org_descriptors if text.endswith(d, 0, s)), "")
            ordinal = _ORDINAL.search(text, max(0, s - 5), s)
            if not desc and ordinal and ordinal.end() == s:
                desc = ordinal.group()  # 西安市第三社会福利院
            if desc and (s - len(desc) in places or s - len(desc) in streets):
                middle, pos = desc, s - len(desc)  # 练市镇居家养老服务中心
            elif not desc and suffix_text in lex.brand_suffixes:
                brand = next((b for b in (text[s - 2:s], text[s - 3:s], text[s - 4:s]) if len(b) >= 2
                              and (s - len(b) in places or s - len(b) in streets)
                              and all(_is_name_char(c) and c not in _NOT_BRAND for c in b)
                              and b not in lex.gazetteer.by_name), "")
                if brand:
                    middle, pos = brand, s - len(brand)  # 龙岗区春晖社会工作服务中心: a named institution
        if pos not in streets and pos not in places and not middle:
            rel = _relative_street(text, pos, streets)
            if rel is not None:  # 街道党工委 / 镇党委: the street or town the article is about
                pos, st_name, st_key = rel
                middle, code = st_name, st_key
        while True:
            if pos in streets:
                st_start, st_name, st_key = streets[pos]
                middle = st_name + middle
                code = code or st_key
                pos = st_start
                continue
            if pos in places:
                hit, c = places[pos]
                chain_codes.insert(0, c)
                pos = hit.start
                continue
            break
        canon = suffix.canonical
        if suffix.kind == "street":
            if middle:
                canon = "街道办事处"
                middle = middle[:-2]  # 解放碑街道 + 办事处
        parent = by_end.get(s)
        if chain_codes and suffix.kind == "school":  # 浙江大学: a proper name, written as it is
            add(OrgHit(pos, m.end(), text[pos:m.end()], chain_codes[-1], kind=suffix.kind, suffix=canon))
        elif chain_codes:
            place = chain_codes[-1]
            label = org_prefix(place, gaz) + middle + canon
            add(OrgHit(pos, m.end(), label, code or place, kind=suffix.kind, suffix=canon))
            _shared_suffix(text, pos, canon, suffix.kind, places, gaz, add)
        elif parent is not None and (suffix.kind == "subunit" or parent.suffix in suffix.parents) and not middle:
            start, label = parent.start, unit_base(parent) + canon
            host = by_end.get(parent.start - 1) if parent.start > 0 and text[parent.start - 1] == "驻" else None
            if host is not None:
                start, label = host.start, host.label + "驻" + label
            add(OrgHit(start, m.end(), label, parent.place, parent=parent.label, kind=suffix.kind, suffix=canon))
        elif middle and code:
            # a street-level unit without a written district: the street's own key carries the place
            label = street_prefix(code, gaz) + middle + canon
            if suffix.kind == "party" and middle.endswith(("街道", "镇", "乡")):
                label = "中共" + street_prefix(code, gaz) + middle + ("工作委员会" if canon == "党工委" else "委员会")
            add(OrgHit(pos, m.end(), label, code, kind=suffix.kind, suffix=canon))
        else:
            level, rel_start = _relative_before(text, pos)
            if level:
                c = relative_code(level, ctx)
                if c:
                    add(OrgHit(rel_start, m.end(), org_prefix(c, gaz) + middle + canon, c, kind=suffix.kind, suffix=canon))
            elif suffix_text in NATIONAL and not middle:
                add(OrgHit(s, m.end(), NATIONAL[suffix_text], "", kind=suffix.kind, suffix=canon))
    _units_before_titles(text, lex, hits, by_end, add, streets)
    _companies(text, places, add)
    _leading_groups(text, places, ctx, gaz, add)
    _communities(text, streets, add)
    _colleges(text, hits, add)
    _listed_departments(text, hits, add)
    for h in list(hits):  # 市委第六督导组: a numbered working group of the body before it
        m = _GROUP.match(text, h.end)
        if m and not any(c in _UNIT_STOP for c in m.group()):
            add(OrgHit(h.start, m.end(), unit_base(h) + m.group(), h.place, parent=h.label, kind="subunit",
                       suffix=m.group(1)))
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:处|科|司|室)(?=、|，|和|有关|相关|负责|主要负责|分别)")


_BARE_DEPARTMENT = re.compile(r"(?<=[，。；、：\n])([厅局])([\u4e00-\u9fff]{2,6}?(?:处|科|室))(?=、|，|和|有关|相关|负责|主要负责|分别)")
_GENERIC_UNIT = ("各", "相关", "有关", "机关", "所属", "直属", "内设", "业务", "职能")


def _listed_departments(text: str, hits: list[OrgHit], add) -> None:
    """Departments named right after their bureau (省财政厅社会保障处、…) or after the bureau's last
    character (厅养老服务处、社会事务处负责同志), and the departments listed after them."""
    def department(m) -> bool:
        if not m:
            return False
        name = m.group()
        inner = name[1:-1].replace("和", "") if not any(c in name for c in "局厅委") else name  # 基层政权建设和社区治理科
        return not any(c in _UNIT_STOP for c in name[0] + inner + name[-1]) and not any(w in name for w in _GENERIC_UNIT)

    found: list[tuple[OrgHit, int, int, int]] = []  # (bureau, mention start, name start, end)
    for h in list(hits):
        listed = h.kind == "bureau" or h.kind == "party" and h.suffix.endswith("部")  # (州委组织部干部三科)
        m = _DEPARTMENT.match(text, h.end) if listed else None
        if department(m):
            found.append((h, h.start, h.end, m.end()))
    bureaus = sorted((h for h in hits if h.kind == "bureau"), key=lambda h: h.end)
    for m in _BARE_DEPARTMENT.finditer(text):
        parent = next((h for h in reversed(bureaus) if h.end <= m.start() and m.start() - h.end < 500
                       and h.label.endswith(m.group(1))), None)
        if parent is not None and department(_DEPARTMENT.match(text, m.start(2))):
            found.append((parent, m.start(2), m.start(2), m.end()))
    for parent, start, name_start, end in found:
        while True:
            add(OrgHit(start, end, parent.label + text[name_start:end], parent.place, parent=parent.label,
                       kind="subunit", suffix=text[end - 1]))
            nxt = _DEPARTMENT.match(text, end + 1) if text.startswith("、", end) else None
            if not department(nxt):
                break
            start, name_start, end = end + 1, end + 1, nxt.end()


_LEADING_GROUP = re.compile(r"领导小组(办公室)?")


def _leading_groups(text: str, places, ctx: PlaceContext, gaz: Gazetteer, add) -> None:
    """福建省未成年人保护工作领导小组(办公室): a place (or 省/市/区 of the article), its field, 领导小组."""
    for m in _LEADING_GROUP.finditer(text):
        pos = m.start()
        while pos > 0 and m.start() - pos < 16 and pos not in places and _is_name_char(text[pos - 1]):
            pos -= 1
        field = text[pos:m.start()]
        code, start = "", pos
        if pos in places:
            code, start = places[pos][1], places[pos][0].start
        elif field[:1] in _RELATIVE and (pos == 0 or not _is_name_char(text[pos - 1])):
            code, field = relative_code(_RELATIVE[field[0]], ctx), field[1:]
        if not code or len(field) < 2 or field.startswith(("各", "全")):
            continue
        label = org_prefix(code, gaz) + field + "领导小组"
        add(OrgHit(start, m.start() + 4, label, code, kind="association", suffix="领导小组"))
        if m.group(1):
            add(OrgHit(start, m.end(), label + "办公室", code, parent=label, kind="subunit", suffix="办公室"))


_COMMUNITY = re.compile(r"社区(党委|党总支|党支部|居民委员会|居委会)")
_COMMUNITY_CANON = {"居委会": "居民委员会"}


def _communities(text: str, streets, add) -> None:
    """和平社区党委 / 和平社区居委会, and a bare 居委会 right after them (和平社区党委书记、居委会主任)."""
    street_ends = set(streets)
    for m in _COMMUNITY.finditer(text):
        pos = m.start()
        while pos > 0 and m.start() - pos < 4 and pos not in street_ends and _is_name_char(text[pos - 1]):
            pos -= 1
        name = text[pos:m.start()]
        if len(name) < 2 or name[-1] in "各全本该":
            continue
        community = name + "社区"
        add(OrgHit(pos, m.end(), community + _COMMUNITY_CANON.get(m.group(1), m.group(1)), "", kind="institution",
                   suffix=m.group(1)))
        bare = re.compile(r"[、，]?[\u4e00-\u9fff]{0,6}?[、，](居委会|居民委员会)").match(text, m.end())
        if bare:
            add(OrgHit(bare.start(1), bare.end(), community + "居民委员会", "", kind="institution", suffix="居民委员会"))


_COLLEGE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:学院|研究院|研究所|研究中心)")


def _colleges(text: str, hits: list[OrgHit], add) -> None:
    """天津师范大学法学院: a college of the university named just before it."""
    for h in [h for h in hits if h.kind == "school"]:
        m = _COLLEGE.match(text, h.end)
        if m and not any(c in _UNIT_STOP for c in m.group()):
            add(OrgHit(h.start, m.end(), h.label + m.group(), h.place, parent=h.label, kind="subunit",
                       suffix=m.group()[-2:]))


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _UNIT_STOP


_COMPANY = re.compile(r"(?:有限责任公司|股份有限公司|有限公司)")


def _companies(text: str, places: dict[int, tuple[PlaceHit, str]], add) -> None:
    """西安康颐养老服务有限公司: a company is named as written, from the place that opens its name."""
    starts = {hit.start: (hit, code) for hit, code in places.values()}
    for m in _COMPANY.finditer(text):
        lo = m.start()
        while lo > 0 and m.start() - lo < 14 and "\u4e00" <= text[lo - 1] <= "\u9fff" and text[lo - 1] not in _UNIT_STOP:
            lo -= 1
        start = next((i for i in range(lo, m.start()) if i in starts), None)
        if start is None or m.start() - starts[start][0].end < 2:
            continue
        add(OrgHit(start, m.end(), text[start:m.end()], starts[start][1], kind="company", suffix=m.group()))


_VISIT_VERBS = ("听取", "来到", "走进", "察看", "看望", "慰问", "参观", "调研", "详细了解", "了解", "向")
_NOT_BRAND = set("省市县区镇乡村街道局厅委部办处科室院所站各全该本")
_UNIT_END = ("中心", "处", "科", "司", "室", "股", "站")
_UNIT_STOP = set("的了是在和与及等对为把被向以于就也都而并或其之这那们、，。；：“”《》（）")


def _units_before_titles(text: str, lex: Lexicon, hits: list[OrgHit], by_end: dict[int, OrgHit], add,
                         streets: dict[int, tuple[int, str, str]]) -> None:
    """社会救助处处长罗丽 / 省民政厅养老服务处副处长: a department named just before its head's title.

    The department is part of the organisation written before it, else of the
    nearest bureau named earlier in the article.
    """
    gaz = lex.gazetteer
    heads = ("副处长", "处长", "副科长", "科长", "副司长", "司长", "副主任", "主任", "股长", "副站长", "站长",
             "一级调研员", "二级调研员", "三级调研员", "四级调研员", "副调研员", "调研员", "一级主任科员", "二级主任科员",
             "三级主任科员", "四级主任科员", "主任科员", "科员")
    for m in re.finditer("|".join(heads), text):
        ts = m.start()
        if ts in by_end:
            continue
        nxt = text[m.end():m.end() + 1]
        if not nxt or nxt not in lex.surnames and text[m.end():m.end() + 2] not in lex.compound_surnames:
            continue  # 社会救助科科长，… names a kind of post, not a person's department
        unit = next((u for u in _UNIT_END if text.startswith(u, ts - len(u))), None)
        if unit is None:
            continue
        pos = ts - len(unit)
        parent = None
        while pos > 0 and ts - pos < 14:
            if pos in by_end:
                parent = by_end[pos]
                break
            ch = text[pos - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or ch in _UNIT_STOP and not (ch == "和" and pos - 1 not in by_end):
                break  # (和 inside a department's name: 救灾和物资保障科)
            pos -= 1
        name = text[pos:ts]
        verb = max((name.rfind(v) + len(v) for v in _VISIT_VERBS if v in name), default=0)
        if verb:  # 听取中心主任…: the unit is the one just visited, named before
            name, pos = name[verb:], pos + verb
        if name == unit and parent is None:
            near = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and pos - h.end < 200
                         and h.label.endswith(unit) and h.kind in ("institution", "association")), None)
            if near is not None:
                add(OrgHit(pos, ts, near.label, near.place, kind=near.kind, suffix=near.suffix))
            continue
        if len(name) - len(unit) < 2 or name in lex.titles:
            continue
        if parent is None and name == "办事处":  # 街道党工委副书记、办事处主任: the street's office
            named = [v for e, v in sorted(streets.items()) if e <= pos and v[1].endswith("街道")]
            if named:
                _, st_name, st_key = named[-1]
                add(OrgHit(pos, ts, street_prefix(st_key, gaz) + st_name + "办事处", st_key, kind="street",
                           suffix="街道办事处"))
            continue
        if parent is None and name[0] in "厅局":  # 厅养老服务处: the bureau named by its last character
            name, pos = name[1:], pos + 1
        if parent is None:
            parent = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and pos - h.end < 300
                           and h.kind == "bureau"), None)
            if parent is None:
                continue
            start = pos
        else:
            start = parent.start
        add(OrgHit(start, ts, parent.label + name, parent.place, parent=parent.label, kind="subunit", suffix=unit))


_STREET_UNITS = ("街道", "镇", "乡")


def _relative_street(text: str, pos: int, streets: dict[int, tuple[int, str, str]]) -> tuple[int, str, str] | None:
    """(start, name, key) of the street or town a bare 街道/镇/乡 before ``pos`` stands for: the
    one of that kind named last before it, else the first named after it."""
    unit = next((u for u in _STREET_UNITS if text.startswith(u, pos - len(u))), None)
    if unit is None:
        return None
    start = pos - len(unit)
    if start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in "驻在和与及的同由向对从为将全各" \
            and not text.endswith(_VISIT_VERBS + ("陪同",), 0, start):
        return None  # a name ending in 镇 (练市镇) is matched as a street, not here (but: 听取镇党委书记…)
    if start > 0 and text[start - 1] in "全各":
        return None  # 全镇 / 各街道: all of them, not one body
    named = [(e, v) for e, v in streets.items() if v[1].endswith(unit)]
    before = [v for e, v in sorted(named) if e <= start]
    after = [v for e, v in sorted(named) if e > pos]
    chosen = before[-1] if before else after[0] if after else None
    if chosen is None:
        return None
    return start, chosen[1], chosen[2]


def street_prefix(street_key: str, gaz: Gazetteer) -> str:
    county = street_key.split(":")[1] if ":" in street_key else ""
    return org_prefix(county, gaz) if county in gaz.divisions else ""


def _relative_before(text: str, pos: int) -> tuple[str, int]:
    if text[max(0, pos - 3):pos] == "自治区":
        return "province", pos - 3
    if pos > 0 and text[pos - 1] in _RELATIVE:
        prev = text[pos - 2] if pos > 1 else ""
        # 各区、全市 or a Han word ending in 市 (城市) are not relative prefixes
        if prev and "\u4e00" <= prev <= "\u9fff" and prev not in "驻在和与及的同由向对从为将兼":
            return "", pos
        return _RELATIVE[text[pos - 1]], pos - 1
    return "", pos


def _shared_suffix(text, pos, canon, kind, places, gaz, add) -> None:
    """常州市、镇江市、盱眙县民政局: the suffix of the last item belongs to every item of the list."""
    while pos > 1 and text[pos - 1] in _LIST_SEP:
        q = pos - 1
        chain: list[str] = []
        while q in places:
            hit, c = places[q]
            chain.insert(0, c)
            q = hit.start
        if not chain:
            return
        add(OrgHit(q, pos - 1, org_prefix(chain[-1], gaz) + canon, chain[-1], kind=kind, suffix=canon))
        pos = q
