"""Places: gazetteer hits, streets, and the article's place context."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lexicon import Gazetteer
from ..model import Document
from ..normalize import normalize

_STREET = re.compile(r"([\u4e00-\u9fff]{2,3}?)(街道|镇|乡)(?!办事处主任|长)(?<!城乡)(?<!下乡)(?<!返乡)(?<!家乡)(?<!回乡)(?<!老乡)(?<!同乡)(?<!故乡)(?<!异乡)(?<!还乡)(?!村|镇|土|亲|贤|间|下|里|愁|音|情|风|俗|市|县|区)")
# Words that end up before 街道 without naming one (新建街道综合养老服务中心23个).
_STREET_WORDS = {"新建", "改建", "扩建", "所属", "辖区", "相关", "有关", "城市", "农村", "全部", "所有", "部分", "重点",
                 "示范", "试点", "其他", "其余", "各个", "每个", "多个", "个别", "城", "乡", "村", "集", "小", "重", "古",
                 "名", "特色小", "城乡", "全",
                 # verbs whose object is "the streets" (推动街道…工作站全覆盖)
                 "推动", "推进", "加强", "指导", "督促", "带动", "覆盖", "组织", "支持", "鼓励", "引导", "依托",
                 "听取", "来到", "走进", "察看", "调研", "前往", "看望", "慰问", "部分"}
_STREET_STOP = set("但年月日了在的与及已正将均共到是对各全个等为从把被向以于就也而并或其之这那们、观摩走进来到前往镇乡村组局厅")


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    written: str
    codes: tuple[str, ...]  # candidate division codes (street hits: one synthetic key)
    street: bool = False


@dataclass(frozen=True)
class PlaceContext:
    """The article's own province / prefecture / county, used to resolve 省/市/区 and ambiguous names."""

    province: str = ""
    prefecture: str = ""
    county: str = ""

    county_is_city: bool = False  # 宁乡市: in its own articles, 市民政局 and 副市长 are the county-level city's

    def at(self, level: str) -> str:
        city = self.county if self.county_is_city else self.prefecture or self.province
        return {"province": self.province, "city": city,
                "prefecture": self.prefecture, "county": self.county}.get(level, "")


def find_places(text: str, gaz: Gazetteer) -> list[PlaceHit]:
    """Leftmost-longest gazetteer hits, without overlaps."""
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
        if len(written) == 2 and written[-1] in "县旗" and start > 0 and _is_han(text[start - 1]) \
                and start != last_end and text[start - 1] not in _BEFORE_PLACE:
            continue
        hits.append(PlaceHit(start, end, written, codes))
        last_end = end
    return hits


_BEFORE_PLACE = set("在到赴至从对向和与及了省市州县区含")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_streets(text: str, places: list[PlaceHit]) -> list[tuple[int, int, str]]:
    """Street (街道) names: up to three characters before 街道, cut at a place or a function word."""
    ends = {h.end for h in places}
    out = []
    for m in _STREET.finditer(text):
        end_name = m.start() + len(m.group(1))
        unit = m.group(2)
        start = end_name
        while start > end_name - 3 and start > 0:
            ch = text[start - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or ch in _STREET_STOP or start in ends:
                break
            start -= 1
        if start > end_name - 3 and start > 1 and text[start - 1] in "将共正" and text[start - 2] == "、":
            start -= 1  # 、将台堡镇: a listed name may begin with a character that is elsewhere a function word
        # a street name opens a clause or list, or follows its district or a verb of going
        opens = start == 0 or not _is_han(text[start - 1]) or start in ends or text[start - 1] in _BEFORE_PLACE
        named = text[start:end_name]
        if any(c in named for c in "省县区村"):  # (市 is in town names: 练市镇, 新市镇)
            continue  # 百县千镇: a slogan, not a street (a street's own name holds no other unit)
        if end_name - start >= 2 and opens and named not in _STREET_WORDS:
            out.append((start, end_name + len(unit), text[start:end_name + len(unit)]))
    return out


def article_context(doc: Document, hits: list[PlaceHit], gaz: Gazetteer) -> PlaceContext:
    """Vote for the article's places: headline, source line and first sentences weigh most."""
    art = doc.article
    head_end = art.body_start
    first_body = doc.sentences[1].end if len(doc.sentences) > 1 else len(doc.text)
    votes: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    source_hits = find_places(normalize(art.source_org), gaz) if art.source_org else []
    # the 来源 line names the publishing body itself: it outweighs places the headline travels to
    for h, weight in [(h, 6) for h in source_hits] + [(h, 3 if h.start < head_end else 2 if h.start < first_body else 1) for h in hits]:
        for code in h.codes:
            for anc in gaz.chain(code):
                votes[anc.code] += weight / len(h.codes)
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
    for h in source_hits[-1:]:
        for ref in gaz.chain(choose_code(h, PlaceContext(), gaz)):
            own.setdefault(ref.level, ref.code)
    province = own.get("province") or best("province")
    prefecture = own.get("prefecture") or best("prefecture", province)
    county = own.get("county") or best("county", prefecture or province, strong)
    if county and not prefecture:
        parent = gaz.divisions[county].parent
        prefecture = parent if gaz.divisions.get(parent) and gaz.divisions[parent].level == "prefecture" else ""
    return PlaceContext(province, prefecture, county, bool(county) and gaz.divisions[county].name.endswith("市"))


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
