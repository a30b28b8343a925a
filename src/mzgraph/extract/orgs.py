"""Organisations: place prefix + suffix, sub-units, party committees, shared-suffix lists."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import Gazetteer, Lexicon
from ..normalize import normalize
from .hits import OrgHit, PlaceContext, PlaceHit, StreetHit
from .names import dotted_name_at, ethnic_name_at, name_at, valid_name
from .places import org_prefix
from .registry import component
from .state import ArticleState

__all__ = ["find_orgs", "find_orgs_component", "implied_org", "street_prefix", "street_office", "unit_base"]

_RELATIVE = {"省": "province", "市": "city", "州": "prefecture", "盟": "prefecture", "区": "county", "县": "county",
             "旗": "county"}
_LIST_SEP = "、和及"


def _party_label(code: str, gaz: Gazetteer) -> str:
    name = org_prefix(code, gaz)  # 中共重庆市渝北区委: a district's committee is written with its city
    if name[-1] in "省市县区州" and not name.endswith(("自治州", "自治县", "自治区")):
        return f"中共{name}委"
    return f"中共{name}委员会"  # 中共楚雄彝族自治州委员会, 中共伊金霍洛旗委员会, 中共宁夏回族自治区委员会


def _gov_label(code: str, gaz: Gazetteer) -> str:
    # a 地区's government is its 行政公署 (阿克苏地区行政公署)
    return org_prefix(code, gaz) + ("行政公署" if gaz.divisions[code].name.endswith("地区") else "人民政府")


def named_label(code: str, middle: str, canon: str, gaz: Gazetteer, kind: str = "") -> str:
    """The name of a unit of a place: its prefix, the words between and the suffix's full form. A
    district's branch of its city's bureau is named by the city's bureau (区公安分局 →
    遵义市公安局红花岗区分局: the suffix's full form holds ``{}`` where the district goes). A working
    committee of the Party is named with the Party (市直机关工委 → 中共扬州市直属机关工作委员会)."""
    if kind == "party" and canon.endswith("工作委员会"):
        return "中共" + org_prefix(code, gaz) + middle + canon
    if "<>" in canon:  # 区政协 → 政协扬州市邗江区委员会: the place inside the full name
        return canon.replace("<>", org_prefix(code, gaz) + middle)
    if "{}" not in canon:
        return org_prefix(code, gaz) + middle + canon
    ref = gaz.divisions[code]
    if ref.level == "county" and ref.parent in gaz.divisions:
        return gaz.divisions[ref.parent].name + canon.format(middle + ref.name)
    return org_prefix(code, gaz) + middle + canon.format("").replace("局分局", "分局")


def unit_base(parent: OrgHit) -> str:
    """How a unit of ``parent`` is named: 中共楚雄彝族自治州委员会 → 中共楚雄彝族自治州委组织部; an autonomous
    region's in full, as it names them (中共宁夏回族自治区委员会社会工作部)."""
    if parent.kind == "party" and parent.label.endswith("委员会") and parent.label.startswith("中共") \
            and not parent.label.endswith("自治区委员会"):
        return parent.label[:-2]
    return parent.label


def implied_org(kind: str, code: str, gaz: Gazetteer) -> str:
    """The organisation a title like 副市长 (gov) or 市委常委 (party) implies for a place."""
    return _party_label(code, gaz) if kind == "party" else _gov_label(code, gaz)


def relative_code(level: str, ctx: PlaceContext) -> str:
    return ctx.at(level)


@component("organizations")
def find_orgs_component(state: ArticleState) -> None:
    """Organisations named in the text, and the bureau the article speaks for (我局 / 本厅 included)."""
    text, lex = state.text, state.lex
    orgs = find_orgs(text, lex, state.places, state.streets, state.context, state.doc.tokens)
    home = _home_org(orgs, normalize(state.doc.article.source_org), _visited(text, lex, state.places))
    if home is None or not home.label.endswith("厅") and "民政厅" not in text \
            and lex.patterns["province_bureau_short"].search(text):
        home = _unnamed_home(text, lex, state.context) or home  # (民政部 named, and 厅党组书记…: the province's 厅)
    if home is not None:  # 我局 / 本厅: the article's own bureau speaking of itself
        for m in lex.patterns["self_reference"].finditer(text):
            if home.label.endswith(m.group()[-1]):
                orgs.append(OrgHit(m.start(), m.end(), home.label, home.place, home.parent, home.kind, home.suffix))
        orgs.sort(key=lambda h: (h.start, -h.end))
    if home is not None:
        orgs.extend(_staff_units(text, lex, home, orgs))
        orgs.extend(_stationed_at_home(text, lex, home, orgs))
        orgs.extend(_home_departments(text, lex, home, orgs))
        orgs.sort(key=lambda h: (h.start, -h.end))
    state.orgs, state.home = _short_groups(_short_departments(orgs)), home


def _is_short_of(short: str, full: str) -> bool:
    """社工科 of 社会工作科: the characters of the short name, in order, in the longer one, both ending alike."""
    if len(short) >= len(full) or short[-1] != full[-1] or short[0] != full[0]:
        return False
    it = iter(full)
    return all(c in it for c in short)


def _short_departments(orgs: list[OrgHit]) -> list[OrgHit]:
    """市民政局社工科 in an article that names its 社会工作科: the short name of a department of the same bureau
    is that department."""
    subs = {(o.parent, o.label[len(o.parent):]) for o in orgs if o.kind == "subunit" and o.parent
            and o.label.startswith(o.parent)}
    if len(subs) < 2:
        return orgs
    out = []
    for o in orgs:
        own = o.label[len(o.parent):] if o.kind == "subunit" and o.parent and o.label.startswith(o.parent) else ""
        full = sorted(n for p, n in subs if own and p == o.parent and _is_short_of(own, n))
        out.append(o if not full else replace(o, label=o.parent + full[0]))
    return out


def _short_groups(orgs: list[OrgHit]) -> list[OrgHit]:
    """县未成年人保护领导小组 in an article that names its 未成年人保护工作领导小组: one group, under its full name."""
    labels = {o.label for o in orgs if o.label.endswith("工作领导小组")}
    if not labels:
        return orgs
    return [replace(o, label=o.label[:-4] + "工作领导小组") if o.label.endswith("领导小组")
            and not o.label.endswith("工作领导小组") and o.label[:-4] + "工作领导小组" in labels else o for o in orgs]


def _home_departments(text: str, lex: Lexicon, home: OrgHit, orgs: list[OrgHit]) -> list[OrgHit]:
    """…及救灾减灾科、社会救助科负责同志列席会议: bare departments listed before the people they send
    are departments of the article's own bureau (a unit already named is left as it is)."""
    covered = [(o.start, o.end) for o in orgs]
    unit_stop, generic = lex.words["unit_stop"], lex.words["generic_unit"]
    through = lex.patterns["attends_through"]
    out = []
    org_at = {o.start: o for o in orgs}
    for m in lex.patterns["home_department_list"].finditer(text):
        clause = max(text.rfind(c, 0, m.start()) for c in "，。；\n")
        after = m.end()
        if text[after:after + 1] in ("和", "及") and after + 1 in org_at:  # 社会救助股、养老服务股和区社会福利院负责人
            after = org_at[after + 1].end
        own = text[m.start()] == home.label[-1] and text[m.start()] in "厅局"  # 厅机关党委、人事处: the home bureau's
        if not through.match(text, after) or "各" in text[clause + 1:m.start()] or text[m.start()] in "厅局" and not own:
            continue  # (各市民政局分管负责同志和社会事务科负责人: the departments of those bureaus)
        pos = m.start() + own
        sent = max(text.rfind(c, 0, m.start()) for c in "。\n")
        host = home if own else max((o for o in orgs if o.kind == "bureau" and sent < o.start and o.end <= m.start()),
                                    key=lambda o: o.end, default=home)  # 前往中山市民政局，与…科等领导座谈: its own
        for name in m.group()[own:].split("、"):
            a, b = pos, pos + len(name)
            pos = b + 1
            inner = name[:-1].replace("和", "")
            if any(x <= a < y for x, y in covered) or name[0] in "各全本该" or any(c in unit_stop for c in inner) \
                    or name in generic or lex.gazetteer.automaton.get(name[:2], None) is not None:
                continue
            out.append(OrgHit(a, b, host.label + name, host.place, parent=host.label, kind="subunit", suffix=name[-1]))
    return out


def _stationed_at_home(text: str, lex: Lexicon, home: OrgHit, orgs: list[OrgHit]) -> list[OrgHit]:
    """驻厅纪检监察组: the inspection group that the discipline commission of the bureau's place stations in the
    article's own bureau (山东省纪委监委驻山东省民政厅纪检监察组), as the article names it in full when it does."""
    out = []
    for m in lex.patterns["stationed_at_home"].finditer(text):
        if not home.label.endswith(m.group(1)) or any(o.start <= m.start() < o.end for o in orgs) or not home.place:
            continue
        label = "驻" + home.label + m.group(2)
        label = next((o.label for o in orgs if o.label.endswith(label)),
                     org_prefix(home.place, lex.gazetteer) + "纪委监委" + label)
        out.append(OrgHit(m.start(), m.end(), label, home.place, parent=home.label, kind="subunit", suffix=m.group(2)))
    return out


def _staff_units(text: str, lex: Lexicon, home: OrgHit, orgs: list[OrgHit]) -> list[OrgHit]:
    """社会救助股刘晓燕、养老服务股陈丽…分别汇报: departments of the article's own bureau opening list items
    before a person's name (a unit written with its own place, or already known, is left as it is)."""
    taken = {(o.start, o.end) for o in orgs}
    covered = [(o.start, o.end) for o in orgs]
    out = []
    for m in lex.patterns["staff_unit"].finditer(text):
        a, b = m.span(1)
        name = m.group(1)
        if (a, b) in taken or any(x <= a and b <= y for x, y in covered) or name[0] in "各全本该" \
                or lex.gazetteer.automaton.get(name[:2], None) is not None:
            continue
        end = name_at(text, b, lex)
        if end < 0 or not valid_name(text[b:end], lex) or text[b:end] in lex.words["not_names"] \
                or not (text[end:end + 1] in ("、", "，") or text.startswith(("同志", "分别"), end)):
            continue  # the unit must open a person's list item: 养老服务股陈丽、…
        out.append(OrgHit(a, b, home.label + name, home.place, parent=home.label, kind="subunit", suffix=name[-1]))
    return out


def _home_org(orgs: list[OrgHit], source_org: str, visited: frozenset[str] = frozenset()) -> OrgHit | None:
    """The bureau the article speaks for: its 来源 when written in full, else the first bureau named that is
    not in a place its people visit (局领导赴闵行区调研…听取了闵行区民政局汇报: the visitors' bureau is not named)."""
    if source_org:
        for o in orgs:
            if o.label == source_org or o.label.endswith(source_org):
                if o.kind == "subunit" and o.parent:  # 来源：汉中市民政局办公室: the bureau it belongs to
                    return next((p for p in orgs if p.label == o.parent), o)
                return o
    return next((o for o in orgs if o.kind == "bureau" and o.place not in visited), None)


def _unnamed_home(text: str, lex: Lexicon, ctx: PlaceContext) -> OrgHit | None:
    """我局召开…通气会 in an article that never names its bureau: the civil-affairs bureau of the article's
    place (我厅 the province's 民政厅, 我局 the county's, the city's or a municipality's 民政局)."""
    m = lex.patterns["self_reference"].search(text)
    gaz = lex.gazetteer
    if m is None and "民政" in text and ctx.province and not gaz.divisions[ctx.province].name.endswith("市"):
        m = lex.patterns["province_bureau_short"].search(text)  # 全省民政工作会议… 厅党组书记、厅长…: the 民政厅
    if m is None:
        m = lex.patterns["city_bureau_short"].search(text) if "民政" in text else None
        city = ctx.at("city")
        if m is None or not city or gaz.divisions[city].level == "province" and not gaz.divisions[city].name.endswith("市"):
            return None  # 市局办公室…陪同调研: the city's civil-affairs bureau, written short
        return OrgHit(m.start(), m.end(), org_prefix(city, gaz) + "民政局", city, kind="bureau", suffix="民政局")
    if m.group().endswith("厅"):
        code, suffix = ctx.province, "民政厅"
        if code and gaz.divisions[code].name.endswith("市"):
            return None  # (a municipality's bureau is a 局)
    else:
        code, suffix = ctx.county or ctx.prefecture or ctx.province, "民政局"
        if code and code == ctx.province and not gaz.divisions[code].name.endswith("市"):
            return None  # (a province's bureau is a 厅)
    if not code:
        return None
    return OrgHit(m.start(), m.end(), org_prefix(code, gaz) + suffix, code, kind="bureau", suffix=suffix)


def _visited(text: str, lex: Lexicon, places: dict[int, tuple[PlaceHit, str]]) -> frozenset[str]:
    """Divisions written after a verb of going there (赴闵行区, 深入平江县): the places a visit goes to."""
    verbs = tuple(lex.words["visit_destination_verbs"])
    return frozenset(code for hit, code in places.values() if text.endswith(verbs, 0, hit.start))


class _Found:
    """The organisations found so far, by position; each finder adds to it."""

    def __init__(self, text: str, lex: Lexicon, places: dict[int, tuple[PlaceHit, str]],
                 streets: dict[int, StreetHit], ctx: PlaceContext):
        self.text, self.lex, self.gaz, self.places, self.streets, self.ctx = text, lex, lex.gazetteer, places, streets, ctx
        self.hits: list[OrgHit] = []
        self.by_end: dict[int, OrgHit] = {}

    def add(self, h: OrgHit) -> None:
        self.hits.append(h)
        self.by_end[h.end] = h


def find_orgs(text: str, lex: Lexicon, places: dict[int, tuple[PlaceHit, str]],
              streets: dict[int, StreetHit], ctx: PlaceContext, tokens=()) -> list[OrgHit]:
    f = _Found(text, lex, places, streets, ctx)
    _national_bodies(f)
    _party_committees(f)
    _province_department_short(f)
    for m in lex.suffix_re.finditer(text):
        _suffixed(f, m)
    _bare_party_departments(f)
    _youth_league(f)
    _government_offices(f)
    _stationed_groups(f)
    _bureaus_of_listed_places(f)
    _zone_bodies(f)
    _national_associations(f)
    _dictionary_schools(text, tokens, f, lex)
    _schools_before_titles(text, f, lex)
    _units_before_titles(text, lex, f.hits, f.by_end, f.add, streets, places)
    _companies(text, places, f.add, lex)
    _leading_groups(text, places, ctx, gaz=lex.gazetteer, add=f.add, lex=lex, streets=streets)
    _communities(text, streets, f.add, lex)
    _villages(text, streets, f.add, lex)
    _colleges(text, f.hits, f.add, lex)
    _listed_departments(text, f.hits, f.add, lex)
    unit_stop = lex.words["unit_stop"]
    for h in list(f.hits):  # 市委第六督导组: a numbered working group of the body before it
        m = lex.patterns["working_group"].match(text, h.end)
        if m and not any(c in unit_stop for c in m.group()):
            f.add(OrgHit(h.start, m.end(), unit_base(h) + m.group(), h.place, parent=h.label, kind="subunit",
                         suffix=m.group(1)))
    _branch_offices(f)
    _shared_street_units(f)
    f.hits.sort(key=lambda h: (h.start, -h.end))
    return f.hits


def _shared_street_units(f: _Found) -> None:
    """中城街道、天水镇、皂郊镇民政所: the unit after the last street or town of a list is every one's."""
    by_start = {st.start: (end, st) for end, st in f.streets.items()}
    for h in list(f.hits):
        if h.start not in by_start or h.kind not in ("institution", "bureau"):
            continue
        first_end, first = by_start[h.start]
        at = h.label.rfind(first.name)
        if at < 0 or first_end >= h.end:
            continue
        pos = h.start
        while pos > 0 and f.text[pos - 1] == "、" and pos - 1 in f.streets:
            st = f.streets[pos - 1]
            label = h.label[:at] + st.name + h.label[at + len(first.name):]
            if not any(o.start == st.start and o.label == label for o in f.hits):
                f.add(OrgHit(st.start, pos - 1, label, st.key, kind=h.kind, suffix=h.suffix))
            pos = st.start


def _branch_offices(f: _Found) -> None:
    """大连市公安局甘井子分局: a city bureau's branch in one of its districts, written after the bureau
    (the district with or without its 区)."""
    text, gaz = f.text, f.gaz
    for h in list(f.hits):
        if h.kind != "bureau" or not h.label.endswith("局") or not text.startswith("局", h.end - 1):
            continue
        m = f.lex.patterns["branch_office"].match(text, h.end)
        if m is None:
            continue
        district = m.group(1)
        codes = [c for n in (district, district + "区", district + "县") for c in gaz.by_name.get(n, ())
                 if gaz.divisions[c].level == "county" and gaz.is_within(c, h.place or c)]
        if codes:
            f.add(OrgHit(h.start, m.end(), h.label + m.group(), codes[0], parent=h.label, kind="subunit",
                         suffix="分局"))


def _national_bodies(f: _Found) -> None:
    """国务院 / 中共中央政治局 / 国家乡村振兴局: national bodies named in full (data: national_names)."""
    text = f.text
    for m in f.lex.national_re.finditer(text):
        if text.startswith(("门", "署"), m.end()):
            continue  # 民政部门 / 应急管理部门: a generic word, not the ministry
        if m.start() in f.places or m.start() in f.streets:
            continue  # a place's own body (江苏省财政厅 is not 财政部 anyway; this keeps 省 units apart)
        label = f.lex.national_full.get(m.group(), m.group())  # 团中央 → 共青团中央
        f.add(OrgHit(m.start(), m.end(), label, "", kind="national", suffix=label))


def _party_committees(f: _Found) -> None:
    """曲靖市委 / 市委 / 自治区党委 / 团市委 (the Youth League)."""
    text, gaz, ctx, places = f.text, f.gaz, f.ctx, f.places
    for m in f.lex.patterns["party_committee"].finditer(text):
        if m.start() > 1 and text[m.start() - 2] == "团" and not m.group(1):
            rel = _RELATIVE.get(text[m.start() - 1])
            code = relative_code(rel, ctx) if rel else ""
            if rel == "county" and not code and ctx.province and gaz.divisions[ctx.province].name.endswith("自治区"):
                code = ctx.province  # 团区委 in a region's own article: the autonomous region's committee
            if code:  # 团省委 / 团市委: the Communist Youth League committee
                name = gaz.divisions[code].name
                f.add(OrgHit(m.start() - 2, m.end(), f"共青团{name}委员会", code, kind="association", suffix="团委"))
            continue
        start = m.start()
        code = ""
        if m.group(2) == "区党":  # 区党委副书记 in a region's own article: 自治区党委 (社区党委, 园区党委 are others)
            before = text[m.start(2) - 1] if m.start(2) > 0 else ""
            regional = bool(ctx.province) and gaz.divisions[ctx.province].name.endswith("自治区")
            if not regional or before and "\u4e00" <= before <= "\u9fff" and before not in f.lex.words["relative_lead_chars"]:
                continue
            code, start = ctx.province, m.start(2)
        elif m.group(2):  # 自治区党委
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
            f.add(OrgHit(start, m.end(), _party_label(code, gaz), code, kind="party", suffix="委"))
        elif start < m.start() and not m.group(1) and not m.group(2) and text[start] in "市县区旗" \
                and _relative_before(text, m.start(), f.lex)[0]:
            # 县委副书记 where nothing names the county: the committee as written (县委), as 县民政局 is
            f.add(OrgHit(start, m.end(), text[start:m.end()], "", kind="party", suffix="委"))


def _province_department_short(f: _Found) -> None:
    """省厅区划地名处…: in a civil-affairs article, 省厅 is the province's civil-affairs department."""
    if not f.ctx.province or "民政" not in f.text or f.gaz.divisions[f.ctx.province].name.endswith("市"):
        return
    for m in f.lex.patterns["province_department_short"].finditer(f.text):
        f.add(OrgHit(m.start(), m.end(), org_prefix(f.ctx.province, f.gaz) + "民政厅", f.ctx.province, kind="bureau",
                     suffix="民政厅"))


def _youth_league(f: _Found) -> None:
    """共青团天津市委员会 / 共青团某县委: the Youth League committee of the place written after 共青团."""
    starts = {hit.start: (hit, code) for hit, code in f.places.values()}
    for m in f.lex.patterns["youth_league"].finditer(f.text):
        if m.end() not in starts:
            continue
        hit, code = starts[m.end()]
        tail = f.lex.patterns["youth_league_committee"].match(f.text, hit.end)
        if tail is not None and not any(h.start == m.start() and h.end >= tail.end() for h in f.hits):
            name = f.gaz.divisions[code].name
            f.add(OrgHit(m.start(), tail.end(), f"共青团{name}委员会", code, kind="association", suffix="团委"))


def _government_offices(f: _Found) -> None:
    """市人民政府合作交流办公室 / 县政府扶贫开发办公室: an office of a government named by its field."""
    for h in list(f.hits):
        if h.kind != "gov" or not h.label.endswith("人民政府"):
            continue
        m = f.lex.patterns["government_office"].match(f.text, h.end)
        if m is not None and next(f.lex.title_automaton.iter(m.group(1)), None) is None \
                and not any(t in m.group(1) for t in f.lex.words["government_office_not"]):
            f.add(OrgHit(h.start, m.end(), h.label + m.group(1) + "办公室", h.place, parent=h.label, kind="subunit",
                         suffix="办公室"))


def _bureaus_of_listed_places(f: _Found) -> None:
    """成都、德阳、阿坝等市（州）民政局: a bureau written after a list of places and their level (等市（州）) is
    each place's own."""
    text, lex = f.text, f.lex
    for tail in lex.patterns["listed_places_tail"].finditer(text):
        m = lex.suffix_re.match(text, tail.end())
        suffix = lex.suffixes[m.group()] if m else None
        if suffix is None or suffix.kind != "bureau" or tail.start() not in f.places:
            continue
        pos, found = tail.start(), []
        while pos in f.places:
            hit, code = f.places[pos]
            found.append((hit, code))
            if hit.start == 0 or text[hit.start - 1] not in _LIST_SEP:
                break
            pos = hit.start - 1
        if len(found) < 2:
            continue
        for hit, code in found:
            f.add(OrgHit(hit.start, hit.end, named_label(code, "", suffix.canonical, f.gaz, suffix.kind), code,
                         kind=suffix.kind, suffix=suffix.canonical))


def _stationed_groups(f: _Found) -> None:
    """县纪委监委派驻县人大机关纪检监察组: the inspection group a discipline commission stations in another body."""
    for h in list(f.hits):
        if h.kind != "party" or not h.label.endswith(tuple(f.lex.words["stationing_bodies"])):
            continue
        m = f.lex.patterns["stationed_group"].match(f.text, h.end)
        if m is not None:
            f.add(OrgHit(h.start, m.end(), h.label + m.group(), h.place, parent=h.label, kind="subunit",
                         suffix=m.group(1)))


def _bare_party_departments(f: _Found) -> None:
    """区委常委、宣传部部长: a party department written bare right after a post on the committee
    belongs to that committee (中共…区委宣传部)."""
    text, lex = f.text, f.lex
    for m in lex.suffix_re.finditer(text):
        suffix = lex.suffixes[m.group()]
        s = m.start()
        if suffix.kind != "party" or "委" not in suffix.parents or s in f.by_end or s < 4:
            continue
        sep = 1 if text[s - 1] == "、" else 0  # (区委常委宣传部长: the department written straight after the post)
        post = next((w for w in lex.words["committee_posts"] if text.startswith(w, s - sep - len(w))), None)
        committee = f.by_end.get(s - sep - len(post)) if post else None
        if not sep and committee is None:
            continue
        if committee is not None and committee.kind == "party" and committee.suffix == "委" \
                and not any(h.start == s for h in f.hits):
            f.add(OrgHit(s, m.end(), unit_base(committee) + (suffix.canonical or m.group()), committee.place,
                         parent=committee.label, kind="party", suffix=suffix.canonical or m.group()))
        elif committee is None and not any(h.start == s for h in f.hits) \
                and text.startswith(tuple(lex.words["party_department_heads"]), m.end()) \
                and (code := f.ctx.county or f.ctx.at("city")):
            # 台儿庄区副区长王某、组织部副部长章某: a bare party department among the article's own leaders
            own = OrgHit(s, s, _party_label(code, f.gaz), code, kind="party", suffix="委")
            f.add(OrgHit(s, m.end(), unit_base(own) + (suffix.canonical or m.group()), code,
                         parent=own.label, kind="party", suffix=suffix.canonical or m.group()))


def _named_middle(f: _Found, s: int, suffix_text: str, kind: str) -> tuple[int, str]:
    """(start, words) written between a place and an institution's suffix: 练市镇 居家 养老服务中心,
    第三 社会福利院, or a name of its own (龙岗区 春晖 社会工作服务中心)."""
    text, lex, places, streets = f.text, f.lex, f.places, f.streets
    if kind == "school":  # 山东女子学院 / 山东青年政治学院: a school's own name between its place and 学院
        a = next((s - n for n in range(2, 7) if s - n in places and all(_is_name_char(c, lex) for c in text[s - n:s])),
                 None)
        return (a, text[a:s]) if a is not None else (s, "")
    if kind not in ("institution", "association"):
        return s, ""
    desc = next((d for d in lex.org_descriptors if text.endswith(d, 0, s)), "")
    ordinal = lex.patterns["ordinal"].search(text, max(0, s - 5), s)
    if not desc and ordinal and ordinal.end() == s:
        desc = ordinal.group()  # 西安市第三社会福利院
    if desc and (s - len(desc) in places or s - len(desc) in streets):
        return s - len(desc), desc  # 练市镇居家养老服务中心
    if not desc and suffix_text in lex.brand_suffixes:
        not_brand = lex.words["not_in_brand"]
        brand = next((b for b in (text[s - 2:s], text[s - 3:s], text[s - 4:s]) if len(b) >= 2
                      and (s - len(b) in places or s - len(b) in streets)
                      and all(_is_name_char(c, lex) and c not in not_brand for c in b)
                      and b not in lex.gazetteer.by_name), "")
        if brand:
            return s - len(brand), brand  # 龙岗区春晖社会工作服务中心: a named institution
        if kind == "association":  # 长春市养老服务业协会 / 区婚庆行业协会 / 广州市软件和信息服务业商会: a trade's name
            shortest = 1 if suffix_text.startswith("行业") else 2  # 银行业协会: 银 + 行业协会
            for n in range(min(10, s), shortest - 1, -1):
                a = s - n
                trade = text[a:s]
                if all(_is_name_char(c, lex) or c == "和" and 0 < i < n - 1 for i, c in enumerate(trade)) \
                        and not any(c in not_brand for c in trade) and trade not in lex.gazetteer.by_name \
                        and lex.suffix_re.search(trade) is None \
                        and (a in places or a in streets or _relative_before(text, a, lex)[0]):
                    return a, trade
    return s, ""


def _suffixed(f: _Found, m: re.Match) -> None:
    """An organisation ending in a known suffix, with the place (or parent body) written before it."""
    text, lex, places, streets = f.text, f.lex, f.places, f.streets
    suffix_text = m.group()
    suffix = lex.suffixes[suffix_text]
    if text.startswith(("门", "署"), m.end()) and suffix.kind == "bureau":
        return  # 民政部门 is a generic word, not 民政部
    if suffix_text == "党组" and text.startswith(lex.words["party_group_not_org"], m.end()):
        return  # 党组书记 / 党组（扩大）会议: a title or a meeting, not the body
    if suffix_text.endswith("部") and text.startswith(("长会议", "长会"), m.end()):
        return  # 社会工作部长会议: a meeting of the departments' heads, not the department
    known = f.by_end.get(m.end())
    if suffix_text == "党委" and known is not None and known.kind == "party" and known.suffix == "委":
        return  # 自治区党委: the committee _party_committees named (中共…自治区委员会), not a second body
    s = m.start()
    pos, code, middle = s, "", ""
    if suffix.kind == "street" and (s + 2) in streets and streets[s + 2][1].endswith("街道"):
        pos, middle, code = streets[s + 2][0], streets[s + 2][1], streets[s + 2][2]  # 塔山街道办事处
    branded = False
    if not middle:
        pos, middle = _named_middle(f, s, suffix_text, suffix.kind)
        branded = bool(middle) and suffix_text in lex.brand_suffixes and middle not in lex.org_descriptors
    if pos not in streets and pos not in places and not middle:
        rel = relative_street(text, pos, streets, lex)
        if rel is not None:  # 街道党工委 / 镇党委: the street or town the article is about
            pos, middle, code = rel
    chain_codes: list[str] = []
    while True:
        if pos in streets:
            st_start, st_name, st_key = streets[pos]
            middle = st_name + middle
            code = code or st_key
            pos = st_start
        elif pos in places:
            hit, c = places[pos]
            chain_codes.insert(0, c)
            pos = hit.start
        else:
            break
    canon = suffix.canonical
    if canon and branded:
        canon = suffix_text  # 阳光社工服务中心: a named institution keeps its name as registered, short form and all
    if suffix.kind == "street" and middle:
        canon, middle = "街道办事处", middle[:-2]  # 解放碑街道 + 办事处
    _add_suffixed(f, m, suffix, pos, code, middle, canon, chain_codes)


def _add_suffixed(f: _Found, m: re.Match, suffix, pos: int, code: str, middle: str, canon: str,
                  chain_codes: list[str]) -> None:
    text, gaz, s = f.text, f.gaz, m.start()
    parent = f.by_end.get(s)
    if chain_codes and suffix.kind == "school":  # 浙江大学: a proper name, written as it is
        f.add(OrgHit(pos, m.end(), text[pos:m.end()], chain_codes[-1], kind=suffix.kind, suffix=canon))
    elif chain_codes:
        place = chain_codes[-1]
        label = named_label(place, middle, canon, gaz, suffix.kind)
        if suffix.kind == "party" and "委" in suffix.parents and not middle:  # 乌鲁木齐市社会工作部: the committee's
            committee = OrgHit(pos, pos, _party_label(place, gaz), place, kind="party", suffix="委")
            label = unit_base(committee) + canon
        first = next((h for h, _ in f.places.values() if h.start == pos), None)
        if suffix.kind == "association" and middle and len(chain_codes) == 1 and first is not None \
                and first.written != gaz.divisions[place].name:
            label = text[pos:m.end()]  # 重庆缙泉公益基金会: a named body under a short place name is written as it is
        f.add(OrgHit(pos, m.end(), label, code or place, kind=suffix.kind, suffix=canon))
        _shared_suffix(text, pos, canon, suffix.kind, f.places, gaz, f.add)
    elif parent is not None and (suffix.kind == "subunit" or parent.suffix in suffix.parents) and not middle:
        start, label = parent.start, unit_base(parent) + canon
        host = f.by_end.get(parent.start - 1) if parent.start > 0 and text[parent.start - 1] == "驻" else None
        if host is not None:
            start, label = host.start, host.label + "驻" + label
        f.add(OrgHit(start, m.end(), label, parent.place, parent=parent.label, kind=suffix.kind, suffix=canon))
    elif middle and code:
        # a street-level unit without a written district: the street's own key carries the place
        label = street_prefix(code, gaz) + middle + canon
        if suffix.kind == "party" and middle.endswith(("街道", "镇", "乡")):
            label = "中共" + street_prefix(code, gaz) + middle + ("工作委员会" if canon == "党工委" else "委员会")
        f.add(OrgHit(pos, m.end(), label, code, kind=suffix.kind, suffix=canon))
    else:
        level, rel_start = _relative_before(text, pos, f.lex)
        if level:
            c = relative_code(level, f.ctx)
            if c:
                f.add(OrgHit(rel_start, m.end(), named_label(c, middle, canon, gaz, suffix.kind), c, kind=suffix.kind,
                             suffix=canon))
            elif text[rel_start] == "区" and (zone := _zone_named(f)):
                # 城乡一体化示范区民政局…区慈善总会: the functional zone the article names is its 区
                f.add(OrgHit(rel_start, m.end(), zone + middle + canon, "", kind=suffix.kind, suffix=canon))
            elif suffix.kind in ("bureau", "gov", "institution", "association"):  # 省民政厅, 市福彩中心 where nothing
                # fixes the place: as written
                f.add(OrgHit(rel_start, m.end(), text[rel_start:m.end()], "", kind=suffix.kind, suffix=canon))
        elif m.group() in f.lex.words["national_bodies"] and not middle:
            f.add(OrgHit(s, m.end(), m.group(), "", kind=suffix.kind, suffix=canon))
        elif not middle and pos == s and m.group() in f.lex.words["bare_own_bureaus"] and _opens_phrase(text, s, f.lex) \
                and (code := f.ctx.county or f.ctx.prefecture) and f.gaz.divisions[code].level != "province":
            # 会上，民政局局长彭某作报告 in a county's article: the bureau of the article's own place
            f.add(OrgHit(s, m.end(), named_label(code, "", canon, gaz, suffix.kind), code, kind=suffix.kind,
                         suffix=canon))
        elif not middle and pos == s and text[s - 1:s] == "、" and (prev := f.by_end.get(s - 1)) is not None \
                and prev.place and (suffix.kind == prev.kind == "bureau"
                                    or suffix.kind == "gov" and prev.kind == "party" and prev.suffix == "委"):
            # 市卫健局、民政局、医保局 / 自治区党委、政府: a bare bureau (or government) listed after a place's
            # bureau (or party committee) is that place's
            f.add(OrgHit(s, m.end(), named_label(prev.place, "", canon, gaz, suffix.kind), prev.place,
                         kind=suffix.kind, suffix=canon))


def _opens_phrase(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a name at ``pos`` opens its phrase: after a stop or a comma, or a word that opens one (会上)."""
    return pos == 0 or text[pos - 1] in "，。；：！？,;:\n" or text.endswith(tuple(lex.words["phrase_openers"]), 0, pos)


def _listed_departments(text: str, hits: list[OrgHit], add, lex: Lexicon) -> None:
    """Departments named right after their bureau (省财政厅社会保障处、…) or after the bureau's last
    character (厅养老服务处、社会事务处负责同志), and the departments listed after them."""
    unit_stop, generic = lex.words["unit_stop"], lex.words["generic_unit"]
    dept_re = lex.patterns["department"]

    def department(m) -> bool:
        if not m:
            return False
        name = m.group()
        inner = name[1:-1].replace("和", "") if not any(c in name for c in "局厅委") else name  # 基层政权建设和社区治理科
        opener = name[0] if not name.startswith(tuple(lex.words["unit_stop_words"])) else ""  # (就业和收入分配处)
        return not any(c in unit_stop for c in opener + inner + name[-1]) and not any(w in name for w in generic)

    found: list[tuple[OrgHit, int, int, int]] = []  # (bureau, mention start, name start, end)
    for h in list(hits):
        listed = h.kind == "bureau" or h.kind == "party" and h.suffix.endswith("部")  # (州委组织部干部三科)
        m = dept_re.match(text, h.end) if listed else None
        if department(m):
            found.append((h, h.start, h.end, m.end()))
    bureaus = sorted((h for h in hits if h.kind == "bureau"), key=lambda h: h.end)
    for m in lex.patterns["bare_department"].finditer(text):
        parent = next((h for h in reversed(bureaus) if h.end <= m.start() and m.start() - h.end < 500
                       and h.label.endswith(m.group(1))), None)
        if parent is not None and department(dept_re.match(text, m.start(2))):
            found.append((parent, m.start(2), m.start(2), m.end()))
    for parent, start, name_start, end in found:
        while True:
            add(OrgHit(start, end, parent.label + text[name_start:end], parent.place, parent=parent.label,
                       kind="subunit", suffix=text[end - 1]))
            nxt = dept_re.match(text, end + 1) if text.startswith("、", end) else None
            if not department(nxt):
                break
            start, name_start, end = end + 1, end + 1, nxt.end()


def _leading_groups(text: str, places, ctx: PlaceContext, gaz: Gazetteer, add, lex: Lexicon,
                    streets: dict[int, StreetHit] | None = None) -> None:
    """福建省未成年人保护工作领导小组(办公室): a place (or 省/市/区 of the article), its field, 领导小组."""
    for m in lex.patterns["leading_group"].finditer(text):
        pos = m.start()
        while pos > 0 and m.start() - pos < 20 and pos not in places and (_is_name_char(text[pos - 1], lex)
                                                                          or text[pos - 1] in "“”"):
            pos -= 1  # (社会救助“一件事”工作专班: a quoted word in the field)
        field = text[pos:m.start()]
        code, start = "", pos
        verb = max((field.rfind(v) + len(v) for v in lex.words["held_verbs"] if v in field), default=0)
        if verb and pos in places:  # 于都县召开养老服务工作领导小组会议: the county's group, named after the verb
            field = field[verb:]
        if pos in places:
            code, start = places[pos][1], places[pos][0].start
        elif field[:1] in _RELATIVE and (pos == 0 or not _is_name_char(text[pos - 1], lex)):
            code, field = relative_code(_RELATIVE[field[0]], ctx), field[1:]
        body = m.group(1)
        unit = next((u for u in lex.words["street_units"] if field.startswith(u)), "")
        street = relative_street(text, pos + len(unit), streets or {}, lex) if unit and not code else None
        if street is not None and len(field) - len(unit) >= 2:  # 街道低保专项治理工作专班: the article's street's
            label = street[1] + field[len(unit):] + body
            add(OrgHit(start, m.start() + len(body), label, street[2], kind="association", suffix=body))
            continue
        if not code or len(field) < 2 or field.startswith(("各", "全")):
            continue
        label = org_prefix(code, gaz) + field.lstrip("“”") + body
        add(OrgHit(start, m.start() + len(body), label, code, kind="association", suffix=body))
        if m.group(2):
            add(OrgHit(start, m.end(), label + "办公室", code, parent=label, kind="subunit", suffix="办公室"))


_COMMUNITY_CANON = {"居委会": "居民委员会"}


def _communities(text: str, streets, add, lex: Lexicon) -> None:
    """和平社区党委 / 和平社区居委会, and a bare 居委会 right after them (和平社区党委书记、居委会主任)."""
    street_ends = set(streets)
    for m in lex.patterns["community"].finditer(text):
        pos = m.start()
        while pos > 0 and m.start() - pos < 4 and pos not in street_ends and _is_name_char(text[pos - 1], lex):
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


def _villages(text: str, streets: dict[int, StreetHit], add, lex: Lexicon) -> None:
    """潭头村党支部 / 安前村村民委员会: village bodies, named with the town written before them or the last
    town named before them."""
    if "村" not in text or not streets:
        return
    gaz = lex.gazetteer
    named = sorted(streets.items())
    for m in lex.patterns["village_body"].finditer(text):
        if any(c in lex.words["unit_stop"] for c in m.group(1)) or m.group(1)[0] in "各全本该每":
            continue
        town = streets.get(m.start()) or next((st for e, st in reversed(named) if e <= m.start()), None)
        if town is None:
            continue
        body = {"村委会": "村民委员会"}.get(m.group(2), m.group(2))
        start = town.start if m.start() in streets else m.start()
        add(OrgHit(start, m.end(), street_prefix(town.key, gaz) + town.name + m.group(1) + "村" + body, town.key,
                   kind="institution", suffix=body))


def _dictionary_schools(text: str, tokens, f: _Found, lex: Lexicon) -> None:
    """华南理工大学 / 西南政法大学: a university the segmenter's dictionary knows as one word, whatever
    its name opens with (a region, a field), when no other rule has named it; a place just before the
    word opens the name (新疆 + 财经大学), a unit just before it makes it a college (left to _colleges)."""
    covered = [(h.start, h.end) for h in f.hits]
    ends = {h.end for h in f.hits}
    place_at = {e: hit.start for e, (hit, _) in f.places.items()}
    for t in tokens:
        word = text[t.start:t.end]
        if len(word) < 4 or not word.endswith(lex.words["dictionary_school_ends"]) or t.start in ends \
                or any(a <= t.start < b or a < t.end <= b for a, b in covered):
            continue
        start = place_at.get(t.start, t.start)
        if start == t.start and t.start > 0 and _is_name_char(text[t.start - 1], lex) \
                and not text.endswith(lex.words["school_lead_words"], 0, t.start):
            continue  # (…师范大学 after a name the dictionary split off): not a whole name
        f.add(OrgHit(start, t.end, text[start:t.end], "", kind="school", suffix=word[-2:]))


def _zone_bodies(f: _Found) -> None:
    """天府新区眉山管委会 / 阜阳经济技术开发区社会事务局: a functional zone is no division, so its bodies are
    named as written, from the start of their clause or list item."""
    covered = [(h.start, h.end) for h in f.hits]
    for m in f.lex.patterns["zone_body"].finditer(f.text):
        a, b = m.span()
        zone = m.group()[:-len(m.group(1))]
        if any(x < b and a < y for x, y in covered if not (x >= a and y <= b)) or zone in f.gaz.by_name \
                or any(c in zone for c in f.lex.words["zone_name_stop"]) \
                or any(a <= x and y <= a + len(zone) - 2 for x, y in covered):
            continue  # (a unit already named across it; 浦东新区 is a district, no functional zone; 常熟市民政局与
            # 浦东新区…: two bodies joined, not one zone's)
        kind = "gov" if m.group(1) in ("管委会", "管理委员会", "党工委") else "bureau"
        f.add(OrgHit(a, b, m.group(), "", kind=kind, suffix=m.group(1)))


def _national_associations(f: _Found) -> None:
    """中国社会工作学会 / 中国社区发展协会: a national association is named with 中国, written as it is."""
    covered = [(h.start, h.end) for h in f.hits]
    for m in f.lex.patterns["national_association"].finditer(f.text):
        a, b = m.span()
        if not any(x < b and a < y for x, y in covered):
            f.add(OrgHit(a, b, m.group(), "", kind="association", suffix=m.group(1)))


def _zone_named(f: _Found) -> str:
    """The one functional zone (…示范区, …新区) whose bodies the article names, else ""."""
    zones = {m.group()[:-len(m.group(1))] for m in f.lex.patterns["zone_body"].finditer(f.text)} - set(f.gaz.by_name)
    return zones.pop() if len(zones) == 1 and not f.ctx.county else ""


def _schools_before_titles(text: str, f: _Found, lex: Lexicon) -> None:
    """岭南师范学院马克思主义学院副教授 / 广西民族大学…学院教授: a university (and its college, left to
    _colleges) written before an academic title, from the clause's start or a word that opens it (特邀)."""
    stop = frozenset(lex.words["unit_stop"]) - frozenset("与和")
    leads, ends = tuple(lex.words["school_lead_words"]), lex.words["dictionary_school_ends"]
    for m in lex.patterns["academic_title"].finditer(text):
        ts = m.start()
        if ts in f.by_end or not text.endswith(ends, 0, ts):
            continue
        a = ts
        while a > 0 and ts - a < 24 and "\u4e00" <= text[a - 1] <= "\u9fff" and text[a - 1] not in stop:
            a -= 1
        span = text[a:ts]
        first = min((i + 2 for e in ends for i in [span.find(e, 2)] if i >= 0), default=-1)
        lead = max((span.rfind(w, 0, first - 2) + len(w) for w in leads if span.rfind(w, 0, first - 2) >= 0), default=0)
        if first < 0 or first - lead < 4 or "某" in span[lead:first] or any(x <= a + lead < y for x, y in ((h.start, h.end) for h in f.hits)):
            continue
        f.add(OrgHit(a + lead, a + first, span[lead:first], "", kind="school", suffix=span[first - 2:first]))


def _colleges(text: str, hits: list[OrgHit], add, lex: Lexicon) -> None:
    """天津师范大学法学院: a college of the university named just before it."""
    stop = frozenset(lex.words["unit_stop"]) - frozenset("与和")  # 社会与政治学院 / 经济和管理学院
    for h in [h for h in hits if h.kind == "school"]:
        m = lex.patterns["college"].match(text, h.end)
        if m and not any(c in stop for c in m.group()) and m.group()[0] not in "与和":
            add(OrgHit(h.start, m.end(), h.label + m.group(), h.place, parent=h.label, kind="subunit",
                       suffix=m.group()[-2:]))


def _is_name_char(ch: str, lex: Lexicon) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in lex.words["unit_stop"]


def _companies(text: str, places: dict[int, tuple[PlaceHit, str]], add, lex: Lexicon) -> None:
    """西安康颐养老服务有限公司: a company is named as written, from the place that opens its name."""
    starts = {hit.start: (hit, code) for hit, code in places.values()}
    unit_stop = frozenset(lex.words["unit_stop"]) - frozenset(lex.words["in_company_name"])  # (三快在线科技)
    for m in lex.patterns["company"].finditer(text):
        lo = m.start()
        while lo > 0 and m.start() - lo < 14 and "\u4e00" <= text[lo - 1] <= "\u9fff" and text[lo - 1] not in unit_stop:
            lo -= 1
        start = next((i for i in range(lo, m.start()) if i in starts), None)
        if start is None or m.start() - starts[start][0].end < 2:
            continue
        add(OrgHit(start, m.end(), text[start:m.end()], starts[start][1], kind="company", suffix=m.group()))


def _units_before_titles(text: str, lex: Lexicon, hits: list[OrgHit], by_end: dict[int, OrgHit], add,
                         streets: dict[int, StreetHit], places: dict[int, tuple[PlaceHit, str]]) -> None:
    """社会救助处处长罗丽 / 省民政厅养老服务处副处长: a department named just before its head's title.

    The department is part of the organisation written before it, else of the
    nearest bureau named earlier in the article.
    """
    gaz = lex.gazetteer
    unit_stop, unit_ends, visit_verbs = lex.words["unit_stop"], lex.words["unit_ends"], lex.words["visit_verbs"]
    starts = {h.start for h in hits}
    for m in re.finditer("|".join(lex.words["department_heads"]), text):
        ts = m.start()
        if ts in by_end:
            continue
        status = lex.patterns["title_status"].match(text, m.end())  # 处长（一级调研员）吉日嘎拉
        after = status.end() if status else m.end()
        nxt = text[after:after + 1]
        if nxt == "、" and after + 1 in starts:
            nxt = ""  # 民政部救灾司副司长、国家减灾中心党委书记…: a chain of posts goes on to its name
        elif not nxt or nxt not in lex.surnames and text[after:after + 2] not in lex.compound_surnames \
                and not (nxt in "）)" and text.rfind("（", 0, ts) > text.rfind("）", 0, ts)) \
                and ethnic_name_at(text, after, lex) < 0 and dotted_name_at(text, after, lex) < 0:
            continue  # 社会救助科科长，… names a kind of post, not a person's department (赵某（…科科长）does)
        unit = next((u for u in unit_ends if text.startswith(u, ts - len(u))), None)
        if unit is None:
            continue
        pos = ts - len(unit)
        parent = None
        while pos > 0 and ts - pos < 14:
            if pos in by_end:
                parent = by_end[pos]
                break
            ch = text[pos - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or ch in unit_stop and not (ch == "和" and pos - 1 not in by_end) \
                    and not text.startswith(tuple(lex.words["unit_stop_words"]), pos - 1):
                break  # (和 inside a department's name: 救灾和物资保障科; 就业和收入分配处)
            pos -= 1
        if parent is None and ts - pos >= 14 and pos > 0 and "\u4e00" <= text[pos - 1] <= "\u9fff" \
                and text[pos - 1] not in unit_stop:
            continue  # 全国敬老爱老助老主题教育活动组委会办公室主任: a longer name than the scan reads, no department
        name = text[pos:ts]
        verb = max((name.rfind(v) + len(v) for v in visit_verbs if v in name), default=0)
        if verb:  # 听取中心主任…: the unit is the one just visited, named before
            name, pos = name[verb:], pos + verb
        scene = lex.patterns["unit_after_scene"].match(name)
        if scene and parent is None:  # 此次会议由街道办事处主任… / 开班仪式上区民政局局长…: the unit after the scene
            name, pos = name[scene.end():], pos + scene.end()
            if name[:1] in _RELATIVE and name[1:] in lex.suffixes and lex.suffixes[name[1:]].kind == "bureau":
                continue  # (区民政局: a bureau named relatively, read by the suffix rules)
        lead = next((len(w) + 1 for w in lex.words["report_nouns"] if name.startswith((w + "和", w + "及"))), 0)
        if lead:  # 听取甲科科长…的汇报和养老服务科科长…的汇报: the list's 和 opens the next unit
            name, pos = name[lead:], pos + lead
        if name == unit and parent is None:
            near = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and pos - h.end < 200
                         and h.label.endswith(unit) and h.kind in ("institution", "association")), None)
            if near is not None:
                add(OrgHit(pos, ts, near.label, near.place, kind=near.kind, suffix=near.suffix))
            if near is not None or unit not in lex.words["bare_home_units"]:
                continue  # (机关党委专职副书记: the nearest bureau's, below)
        if 0 < len(name) - len(unit) < 2 or name in lex.titles \
                or parent is None and name in lex.suffixes and lex.suffixes[name].kind == "bureau":
            continue  # (、民政局局长孙某: a bureau named relatively, not a department of the one before)
        if parent is None and name in ("办事处", "街道办事处"):  # 街道党工委副书记、办事处主任: the street's office
            named = [v for e, v in sorted(streets.items()) if e <= pos and v[1].endswith("街道")]
            if named:
                _, st_name, st_key = named[-1]
                add(OrgHit(pos, ts, street_office(st_key, st_name, gaz), st_key, kind="street",
                           suffix="街道办事处"))
            continue
        if parent is None and name.startswith(tuple(lex.words["national_body_openers"])):
            add(OrgHit(pos, ts, name, "", kind="institution", suffix=unit))
            continue  # 国家新闻出版广电总局副局长 / 团中央书记处书记: a national body of its own, no bureau's department
        if parent is None and name.startswith(tuple(lex.words["coordinating_bodies"])):
            add(OrgHit(pos, ts, name, "", kind="institution", suffix=unit))
            continue  # 联席会议办公室主任: the office of a joint body, which no bureau's department is
        last = ""
        if parent is None and name[0] in "厅局":  # 厅养老服务处: the bureau named by its last character
            last, name, pos = name[0], name[1:], pos + 1
        opening = next((hc for hc in places.values() if hc[0].start == pos), None) if parent is None else None
        if opening is not None and opening[0].end < ts:  # 平遥县福彩管理站站长: a unit of its own place
            hit, code = opening
            add(OrgHit(pos, ts, org_prefix(code, gaz) + text[hit.end:ts], code, kind="institution", suffix=unit))
            continue
        if parent is None and text[pos - 1:pos] == "兼":  # 领导小组副组长兼办公室主任: the office of that body,
            parent = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and pos - h.end < 12), None)
            if parent is None:  # (or of one not read yet), not a department of the bureau named earlier
                continue
            add(OrgHit(pos, ts, parent.label + name, parent.place, parent=parent.label, kind="subunit", suffix=unit))
            continue
        if parent is None:
            parent = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and pos - h.end < 300
                           and h.kind == "bureau" and h.label.endswith(last)), None)  # (厅…处: a 厅's, not 民政部's)
            if parent is None and last:  # 厅社会事务处 long after the 厅 is named: still that 厅's
                parent = next((h for h in sorted(hits, key=lambda h: -h.end) if h.end <= pos and h.kind == "bureau"
                               and h.label.endswith(last)), None)
            if parent is None:
                continue
            start = pos
        else:
            start = parent.start
        add(OrgHit(start, ts, parent.label + name, parent.place, parent=parent.label, kind="subunit", suffix=unit))


def relative_street(text: str, pos: int, streets: dict[int, StreetHit], lex: Lexicon) -> tuple[int, str, str] | None:
    """(start, name, key) of the street or town a bare 街道/镇/乡 before ``pos`` stands for: the
    one of that kind named last before it, else the first named after it."""
    unit = next((u for u in lex.words["street_units"] if text.startswith(u, pos - len(u))), None)
    if unit is None:
        return None
    start = pos - len(unit)
    if start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in "驻在和与及的同由向对从为将全各该" \
            and not text.endswith(lex.words["visit_verbs"] + ("陪同",), 0, start):
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


def street_office(street_key: str, name: str, gaz: Gazetteer) -> str:
    """The label of a 街道's office, the body the street stands for: 上海市静安区曹家渡街道办事处."""
    return street_prefix(street_key, gaz) + name + "办事处"


def _relative_before(text: str, pos: int, lex: Lexicon) -> tuple[str, int]:
    if text[max(0, pos - 3):pos] == "自治区":
        return "province", pos - 3
    if text[max(0, pos - 2):pos] == "地区" and (pos == 2 or not "\u4e00" <= text[pos - 3] <= "\u9fff"
                                              or text[pos - 3] in lex.words["relative_lead_chars"]):
        return "prefecture", pos - 2  # 地区民政局 / 地区行署: the article's own 地区 (阿克苏地区)
    if pos > 0 and text[pos - 1] in _RELATIVE:
        prev = text[pos - 2] if pos > 1 else ""
        # 各区、全市 or a Han word ending in 市 (城市) are not relative prefixes; 听取了市民政局 is one
        if prev and "\u4e00" <= prev <= "\u9fff" and prev not in lex.words["relative_lead_chars"] \
                and not text.endswith(lex.words["scene_before_relative"], 0, pos - 1):
            return "", pos  # (开班仪式上区民政局局长: after the scene, a relative prefix)
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
        add(OrgHit(q, pos - 1, named_label(chain[-1], "", canon, gaz, kind), chain[-1], kind=kind, suffix=canon))
        pos = q
