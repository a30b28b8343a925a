"""Places: gazetteer hits, streets, and the article's place context."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import TOWNSHIP_UNITS, Gazetteer, Lexicon, load_townships
from ..model import Document, PlaceRef
from ..normalize import normalize
from .hits import PlaceContext, PlaceHit, StreetHit
from .registry import component
from .state import ArticleState

__all__ = ["find_places", "find_streets", "article_context", "resolve_places", "choose_code", "org_prefix",
           "find_places_component"]


@component("places")
def find_places_component(state: ArticleState) -> None:
    """Divisions and streets named in the text, resolved against the article's own places."""
    text, gaz = state.text, state.lex.gazetteer
    state.place_hits = hits = find_places(text, gaz, state.lex)
    state.context = ctx = article_context(state.doc, hits, state.lex)
    state.places = places = resolve_places(hits, ctx, gaz)
    # streets: keyed by the district written before them or the article's county
    for s, e, name in find_streets(text, hits, state.lex):
        county = places[s][1] if s in places and gaz.divisions[places[s][1]].level == "county" else ctx.county
        key = f"street:{county}:{name}"
        state.streets[e] = StreetHit(s, name, key)
        state.street_refs[key] = PlaceRef(key, name, "township", county)
    for s, e, name, county in _listed_townships(text, places, ctx, state.lex):  # 棠香、龙岗、拾万等镇街
        if e not in state.streets and not any(h.start < e and s < h.end for h in hits):
            key = f"street:{county}:{name}"
            state.streets[e] = StreetHit(s, name, key)
            state.street_refs[key] = PlaceRef(key, name, "township", county)
    # 南京西路街道 … 南西街道: a street written short, by characters of its name in order, is that street
    for e, st in list(state.streets.items()):
        full = next((o for o in state.streets.values() if o.key != st.key and _abbreviates(st.name, o.name)), None)
        if full is not None:
            state.streets[e] = StreetHit(st.start, full.name, full.key)
            state.street_refs.pop(st.key, None)

def _listed_townships(text: str, places: dict[int, tuple[PlaceHit, str]], ctx: PlaceContext, lex: Lexicon
                      ) -> list[tuple[int, int, str, str]]:
    """Townships named without their unit in a list that says what they are (棠香、龙岗、拾万等镇街作交流发言):
    (start, end, full name, county) of each name that is a township of that kind in the county the text is
    about (data/townships.tsv); a list whose names mostly are none is no list of townships."""
    out = []
    for m in lex.patterns["listed_towns"].finditer(text):
        units = [u for u in TOWNSHIP_UNITS if u in m.group(2) or u == "街道" and "街" in m.group(2)]
        counties = [c for c in (ctx.county, ctx.prefecture) if c]
        counties += sorted({c for _, c in places.values() if lex.gazetteer.divisions[c].level == "county"} - set(counties))
        towns = load_townships()
        found, at = [], m.start(1)
        for i, written in enumerate(m.group(1).split("、")):
            for cut in (range(0, len(written) - 1) if i == 0 else (0,)):  # (会上棠香、…: the first after the clause's opening)
                name = written[cut:]
                hit = next(((name + u, c) for c in counties for u in units if name + u in towns.get(c, ())), None)
                if hit is not None:
                    found.append((at + cut, at + len(written), *hit))
                    break
            at += len(written) + 1
        if 2 * len(found) > m.group(1).count("、") + 1:
            out += found
    return out


def _abbreviates(short: str, full: str) -> bool:
    """南西街道 of 南京西路街道: the same unit, a shorter name that opens like the full one and whose characters
    come in it in order."""
    unit = next((u for u in ("街道", "镇", "乡") if short.endswith(u) and full.endswith(u)), None)
    if unit is None:
        return False
    a, b = short[:-len(unit)], full[:-len(unit)]
    if len(a) < 2 or len(a) >= len(b) or a[0] != b[0] or a in b:
        return False
    it = iter(b)
    return all(c in it for c in a)


def find_places(text: str, gaz: Gazetteer, lex: Lexicon) -> list[PlaceHit]:
    """Leftmost-longest gazetteer hits, without overlaps."""
    before_place = lex.words["before_place"]
    raw = []
    for end_idx, (written, codes) in gaz.automaton.iter(text):
        start = end_idx - len(written) + 1
        raw.append((start, -len(written), written, codes))
    raw.sort()
    hits: list[PlaceHit] = []
    last_end = -1
    for start, neglen, written, codes in raw:
        end = start - neglen
        if start < last_end:
            continue
        # 示范县 is not 范县: a two-character name glued to the word before it is not a place
        if len(written) == 2 and written[-1] in "县旗区" and start > 0 and _is_han(text[start - 1]) \
                and start != last_end and text[start - 1] not in before_place:
            continue
        if text.startswith(("街道", "镇", "乡"), end) and all(gaz.divisions[c].name != written for c in codes):
            continue  # 玉林街道 / 江山镇: a short place name that opens a street's or town's own name
        if any(text.startswith(tail + "街道", end) for tail in lex.words["street_name_tails"]) \
                and all(gaz.divisions[c].name != written for c in codes):
            continue  # 潍坊新村街道, 北京路街道: a street named after a city
        if written[0] in lex.words["join_chars"] and any(text.startswith(("街道", "镇", "乡"), end + k) for k in (1, 2)):
            continue  # 区教委和龙溪街道: 和 joins the list, 和龙 is no place here
        hits.append(PlaceHit(start, end, written, codes))
        last_end = end
    generic = lex.words["generic_district_names"]  # 乐山城区: the city's urban area, not a district named 城区
    hits = [h for i, h in enumerate(hits) if h.written not in generic or i > 0 and hits[i - 1].end == h.start
            and any(gaz.divisions[c].parent in hits[i - 1].codes for c in h.codes)
            or text[h.start - 1:h.start] == "、" and i > 0 and hits[i - 1].end == h.start - 1  # 向阳区、郊区、富锦市
            or text[h.end:h.end + 1] == "、" and i + 1 < len(hits) and hits[i + 1].start == h.end + 1]
    listed = [h for h in _listed_county_hits(text, gaz, lex) + _abbreviated_hits(text, gaz, lex)
              + _counties_after_provinces(text, hits, gaz)
              if not any(o.start < h.end and h.start < o.end for o in hits)]
    if listed:
        hits = sorted(hits + listed, key=lambda h: h.start)
    remote = lex.words["named_with_province"]
    if any(gaz.chain(c)[-1].name in remote for h in hits for c in h.codes):
        hits = [h for h in hits if not _remote_unnamed(text, h, gaz, remote)]
    return hits


def _listed_county_hits(text: str, gaz: Gazetteer, lex: Lexicon) -> list[PlaceHit]:
    """Counties named without their unit in a list that says what they are: 长汀、上杭、永定等县（区）作交流发言.
    Each name takes the county-level divisions written with it and one of the units named (a list whose names
    mostly resolve to none is no list of counties)."""
    out = []
    for m in lex.patterns["listed_counties"].finditer(text):
        units = [u for u in "县区市旗" if u in m.group(2)]
        found, at = [], m.start(1)
        for i, name in enumerate(m.group(1).split("、")):
            # (the first name may follow the clause's opening words: 会上长汀、…)
            for cut in (range(0, len(name) - 1) if i == 0 else (0,)):
                written = name[cut:]
                codes = tuple(sorted({c for u in units for c in gaz.by_name.get(written + u, ())
                                      if gaz.divisions[c].level == "county"}))
                if codes and written not in gaz.by_name:
                    found.append(PlaceHit(at + cut, at + len(name), written, codes))
                    break
            at += len(name) + 1
        if 2 * len(found) > m.group(1).count("、") + 1:
            out += found
    return out


def _counties_after_provinces(text: str, hits: list[PlaceHit], gaz: Gazetteer) -> list[PlaceHit]:
    """A county-level division written bare right after its province (在山东诸城召开, 浙江义乌): the one of the
    province whose name it is with 市, 县 or 区 (county names have no short form elsewhere)."""
    out = []
    for h in hits:
        province = next((c for c in h.codes if gaz.divisions[c].level == "province"), None)
        if province is None or len(h.codes) != 1:
            continue
        for n in (3, 2):
            name = text[h.end:h.end + n]
            if len(name) < n or not all(_is_han(c) for c in name) or name in gaz.by_name:
                continue
            codes = {c for unit in "市县区" for c in gaz.by_name.get(name + unit, ())
                     if gaz.divisions[c].level == "county" and gaz.is_within(c, province)}
            if len(codes) == 1:
                out.append(PlaceHit(h.end, h.end + n, name, tuple(codes)))
                break
    return out


def _abbreviated_hits(text: str, gaz: Gazetteer, lex: Lexicon) -> list[PlaceHit]:
    """A city written by its one-character name where a meeting is held (在京召开, 在穗举行)."""
    out = []
    for m in lex.patterns["held_in_abbreviated"].finditer(text):
        code = gaz.abbreviations.get(m.group(1))
        if code:
            out.append(PlaceHit(m.start(1), m.end(1), m.group(1), (code,)))
    return out


def _remote_unnamed(text: str, hit: PlaceHit, gaz: Gazetteer, remote) -> bool:
    """南区 in an article on 中山市: a district of a province the mainland's civil-affairs news rarely reports
    on (台湾省) is that district only where the text names its city or province too."""
    if not all(gaz.chain(c)[-1].name in remote and gaz.divisions[c].level == "county" for c in hit.codes):
        return False
    above = {a.code for c in hit.codes for a in gaz.chain(c)[1:]}
    return not any(w != hit.written and w in text for w, codes in gaz.by_name.items() if above & set(codes))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_streets(text: str, places: list[PlaceHit], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Street (街道) names: up to three characters before 街道, cut at a place or a function word."""
    ends = {h.end for h in places}
    stop, before_place, not_name = lex.words["street_stop"], lex.words["before_place"], lex.words["street_not_name"]
    out = []
    for m in lex.patterns["street"].finditer(text):
        end_name = m.start() + len(m.group(1))
        unit = m.group(2)
        start = end_name
        # up to three characters; a name ending in 新村 takes four (潍坊新村街道, 曹杨新村街道)
        longest = max([3] + [2 + len(t) for t in lex.words["street_name_tails"] if text.endswith(t, 0, end_name)])
        while start > end_name - longest and start > 0:
            ch = text[start - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or ch in stop and not (
                    start == end_name and unit == "街道" and ch in "镇乡") and start - 1 not in ends or start in ends:
                break  # (虢镇街道: a street named after a former town keeps its 镇; 广汉市向阳镇: right after its county)
            start -= 1
        if start not in ends:  # 黄梅县停前镇: a name right after its county, though a character of it would end one
            start = next((a for a in (end_name - 2, end_name - 3) if a in ends and all(
                _is_han(c) and c not in "的乡" for c in text[a:end_name])), start)  # (县的乡镇, 部分乡镇: generic)
        if start not in ends:  # 伊金霍洛旗阿勒腾席热镇: a long (Mongolian) name written straight after its county
            start = next((a for a in range(end_name - 5, end_name - 3) if a in ends and all(
                _is_han(c) and c not in stop for c in text[a:end_name])), start)
        if start > end_name - longest and start > 1 and text[start - 1] in "将共正" and text[start - 2] == "、":
            start -= 1  # 、将台堡镇: a listed name may begin with a character that is elsewhere a function word
        # a street name opens a clause or list, or follows its district or a verb of going
        opens = start == 0 or not _is_han(text[start - 1]) or start in ends or text[start - 1] in before_place
        if not opens and end_name - start == 3 and text[start] in before_place:
            start, opens = start + 1, True  # 区人民检察院和龙溪街道: the list's 和, then a two-character name
        named = text[start:end_name]
        if start not in ends and any(text.endswith(t, 0, start + 1) for t in lex.words["titles_ending_a_name"]):
            continue  # 副区长康镇麟: the title's last character, then a name, no town (长康镇)
        if unit == "镇" and named.endswith("街") and not text.startswith("、", start - 1):
            continue  # 依托街镇社工站: 街镇 is streets and towns together, no town's name
        if any(c in named for c in "省县区"):  # (市 is in town names: 练市镇, 新市镇)
            continue  # 百县千镇: a slogan, not a street (a street's own name holds no other unit)
        if "村" in named and not (unit == "街道" or start in ends or text[start - 1:start] == "、"):
            continue  # 驻村镇干部 / 包村乡干部; but 稻香村街道, 灵石县段村镇, 、段村镇 are towns
        listed = text[start - 1:start] == "、" and (text[end_name + len(unit):end_name + len(unit) + 1] in ("、", "和", "及")
                                                    or bool(out) and out[-1][1] == start - 1)
        if end_name - start >= 2 and opens and (named not in not_name or listed):  # 、建设街道、: a listed name
            out.append((start, end_name + len(unit), text[start:end_name + len(unit)]))
    return _named_again(text, out)


def _named_again(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A street or town read once (广汉市向阳镇) is that street wherever the article writes it again, even
    where its first character would end a name read leftwards (，向阳镇党委书记)."""
    taken = [(s, e) for s, e, _ in found]
    out = list(found)
    for name in sorted({n for _, _, n in found}):
        at = text.find(name)
        while at >= 0:
            if not any(s < at + len(name) and at < e for s, e in taken):
                out.append((at, at + len(name), name))
                taken.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return sorted(out)


def article_context(doc: Document, hits: list[PlaceHit], lex: Lexicon) -> PlaceContext:
    """Vote for the article's places: headline, source line and first sentences weigh most."""
    art = doc.article
    head_end = art.body_start
    first_body = doc.sentences[1].end if len(doc.sentences) > 1 else len(doc.text)
    own_body = (0, 0)  # 区民政局召开… under a headline with no place: the body named by its place in the first
    if not any(h.start < head_end for h in hits):  # sentence of prose (meta lines do not count) is the article's
        own_body = next(((sp.start, sp.end) for sp in doc.sentences if sp.start >= head_end
                         and any(c in doc.text[sp.start:sp.end] for c in "，。")), own_body)

    travel = lex.words["travel_before_place"]

    def weight_of(h: PlaceHit) -> int:
        if text.endswith(travel, 0, h.start):
            return 1  # 在瑞金市召开 / 赴上海考察: a venue or a destination, not the article's own place
        if h.start < head_end:
            return 3
        if h.start < first_body or own_body[0] <= h.start < own_body[1] and (lex.suffix_re.match(text, h.end)
                                                                            or lex.held_re.match(text, h.end)):
            return 2
        return 1
    gaz = lex.gazetteer
    votes: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    direct: Counter[str] = Counter()  # the places themselves, without the divisions they lie in
    source_hits = find_places(normalize(art.source_org), gaz, lex) if art.source_org else []
    # the 来源 line names the publishing body itself: it outweighs places the headline travels to; the
    # body that runs the site (its footer's 主办) tells a 江北区 of one city from another's
    site_hits = find_places(normalize(art.site), gaz, lex) if art.site else []
    text = doc.text
    hits = [h for h in hits if not _in_company_name(text, h.end, lex)]  # 北京某某科技有限公司 says nothing of the article
    hits = hits + _outlet_hits(text, lex)
    for h, weight in [(h, 6) for h in source_hits] + [(h, 4) for h in site_hits] + [(h, weight_of(h)) for h in hits]:
        for code in h.codes:
            for anc in gaz.chain(code):
                votes[anc.code] += weight / len(h.codes)
            direct[code] += weight / len(h.codes)
            if weight >= 2:
                strong[code] += weight / len(h.codes)
    def best(level: str, within: str = "", pool: Counter[str] = votes) -> str:
        cands = [(v, c) for c, v in pool.items() if gaz.divisions[c].level == level and (not within or gaz.is_within(c, within))]
        if not cands:
            return ""
        cands.sort(key=lambda vc: (-vc[0], vc[1]))
        return cands[0][1]
    # the publisher (来源) fixes the levels it names; votes fill in the rest inside it
    own: dict[str, str] = {}
    if source_hits:  # (长春市朝阳区民政局: the district inside the city written before it)
        _, code = resolve_places(source_hits, PlaceContext(), gaz)[source_hits[-1].end]
        for ref in gaz.chain(code):
            own.setdefault(ref.level, ref.code)
    province = own.get("province") or best("province")
    weak = not own and not strong and votes[province] < 2 if province else False
    if weak and _names_county_relatively(text, lex, _RELATIVE_PROVINCE) \
            and sum(1 for c in direct if gaz.divisions[c].level == "province") == 1:
        weak = False  # 省民政厅召开… and 青海篇章 further down: the one province named is the 省 of its bodies
    if weak:
        province = ""  # 要与那曲市保持密切联系: one passing mention deep in the text places no article
    prefecture = own.get("prefecture") or ("" if weak else best("prefecture", province))
    county = own.get("county") or best("county", prefecture or province, strong)
    if not county and prefecture and not own.get("prefecture"):
        # 广汉市向阳镇…广汉市副市长…德阳卫健委: the one county the article names, more often than its city, is its own
        named = [c for c in direct if gaz.divisions[c].level == "county" and gaz.is_within(c, prefecture)]
        if len(named) == 1 and direct[named[0]] >= 2 and direct[named[0]] > direct[prefecture]:
            county = named[0]
    relative = not county and _names_county_relatively(text, lex)
    if relative:
        # 区民政局召开… and one county of the city named further down (推动沙县民政工作): that one
        named = {c for c in votes if gaz.divisions[c].level == "county"
                 and (not (prefecture or province) or gaz.is_within(c, prefecture or province))}
        county = named.pop() if len(named) == 1 else ""
    if not county and (relative or not prefecture and _names_county_relatively(text, lex, _RELATIVE_CITY)):
        # 县委书记… and 奋力谱写…渭源篇章: the county's bare name, where only its own text writes it
        named = {c for c in _home_names(text, lex) if not (prefecture or province)
                 or gaz.is_within(c, prefecture or province)}
        county = named.pop() if len(named) == 1 else ""
    if county and not prefecture:
        parent = gaz.divisions[county].parent
        prefecture = parent if gaz.divisions.get(parent) and gaz.divisions[parent].level == "prefecture" else ""
    if county and not province:
        province = gaz.chain(county)[-1].code
    return PlaceContext(province, prefecture, county, bool(county) and gaz.divisions[county].name.endswith("市"),
                        not province or gaz.divisions[province].name.endswith("市"))


def _names_county_relatively(text: str, lex: Lexicon, units: re.Pattern[str] | None = None) -> bool:
    """A county-level body named relatively, opening the headline or a clause: 区民政局… / ，区委常委…
    (or a body of the other ``units``: 市民政局…)"""
    for m in (units or _RELATIVE_COUNTY).finditer(text):
        i = m.start()
        if (i == 0 or not _is_han(text[i - 1]) or text[i - 1] in "、") and (
                lex.suffix_re.match(text, i + 1) or text.startswith("委", i + 1)):
            return True
    return False


_RELATIVE_COUNTY = re.compile("[区县旗]")
_RELATIVE_CITY = re.compile("市")
_RELATIVE_PROVINCE = re.compile("省")


def _home_names(text: str, lex: Lexicon) -> set[str]:
    """Counties written by their bare name in the phrases of their own articles (建设魅力双牌, 渭源篇章,
    “渭源民政”): the codes of the counties (县, 区, 旗, county-level 市) whose name that is, when it names one only."""
    gaz = lex.gazetteer
    found: set[str] = set()
    spans = [(m.end(), m.end() + k) for w in lex.words["home_place_before"] for m in re.finditer(re.escape(w), text)
             for k in (2, 3)]
    spans += [(m.start() - k, m.start()) for w in lex.words["home_place_after"] for m in re.finditer(re.escape(w), text)
              for k in (2, 3) if m.start() >= k]
    for s, e in spans:
        name = text[s:e]
        if not all(_is_han(c) for c in name) or name in gaz.by_name:
            continue
        codes = {c for unit in "县区旗市" for c in gaz.by_name.get(name + unit, ()) if gaz.divisions[c].level == "county"}
        if len(codes) == 1:
            found |= codes
    return found


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


def _outlet_hits(text: str, lex: Lexicon) -> list[PlaceHit]:
    """义乌召开… / 义乌发布 / 义乌日报: a county-level city or county named without its unit at the head of
    the page, where only the article's own place stands (county names have no short form elsewhere)."""
    gaz = lex.gazetteer
    out = []
    for m in lex.patterns["outlet_place"].finditer(text, 0, min(len(text), 300)):
        name = m.group(1)
        if name in gaz.by_name:
            continue
        codes = tuple(c for unit in "市县" for c in gaz.by_name.get(name + unit, ()) if gaz.divisions[c].level == "county")
        if len(codes) == 1:
            out.append(PlaceHit(m.start(1), m.end(1), name, codes))
    return out


def _in_company_name(text: str, end: int, lex: Lexicon) -> bool:
    """The place opens a company's name: 公司 follows before any punctuation."""
    m = lex.patterns["company_tail"].match(text, end)
    return m is not None


def choose_code(hit: PlaceHit, ctx: PlaceContext, gaz: Gazetteer, near: str = "") -> str:
    """Pick one division for a hit: the one inside the nearest known place, then the context."""
    if len(hit.codes) == 1:
        return hit.codes[0]
    for anchor in (near, ctx.county, ctx.prefecture, ctx.province):
        if anchor:
            inside = [c for c in hit.codes if gaz.is_within(c, anchor) or gaz.is_within(anchor, c)]
            if inside:
                # prefer the full-name match of the highest level inside the anchor
                return sorted(inside, key=lambda c: (len(gaz.chain(c)), c))[0]
    return sorted(hit.codes, key=lambda c: (len(gaz.chain(c)), c))[0]


def org_prefix(code: str, gaz: Gazetteer) -> str:
    """How analysts write a division before an organisation: districts with their city."""
    ref = gaz.divisions[code]
    if ref.level == "county" and ref.name.endswith("区") and ref.parent in gaz.divisions:
        return gaz.divisions[ref.parent].name + ref.name
    return ref.name
