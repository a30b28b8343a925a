"""Posts: one per title of a person's chain, each at its written, implied or inherited organisation.

党组书记、局长张三 gives two posts at the bureau; 副市长 implies the city's 人民政府 and 市委常委 its
party committee; a title with no organisation takes the one before it in the chain, the
article's own bureau (局党组书记) or the nearest body of its kind (院长 after a 福利院).
"""
from __future__ import annotations

from ..lexicon import Title
from .hits import NamedChain, OrgHit, PlaceContext, PostHit
from .orgs import implied_org, relative_street, street_prefix
from .places import org_prefix
from .registry import component
from .state import ArticleState

__all__ = ["posts_of", "find_posts_component"]


@component("posts")
def find_posts_component(state: ArticleState) -> None:
    for chain in state.chains:
        state.posts.extend(posts_of(state, chain))


def posts_of(state: ArticleState, named: NamedChain) -> list[PostHit]:
    """One post per title of the chain, each with its explicit, implied or inherited organisation."""
    text, lex, places, ctx, home_org, orgs = state.text, state.lex, state.places, state.context, state.home, state.orgs
    gaz = lex.gazetteer
    name, chain_start, name_end = named.name, named.start, named.end
    town_heads, former = lex.words["town_heads"], tuple(lex.words["former_title_prefixes"])
    posts: list[PostHit] = []
    pending: list[str] = []  # titles of the chain still waiting for their body
    prev_org: tuple[str, str] | None = None
    chain_place: tuple[str, str] | None = None  # ("", division) of the first implied post of the chain
    for link in named.chain:
        seg_start, title_start, title, org = link.seg_start, link.title_start, link.title, link.org
        if title.implies == "nopost":
            continue  # 厅领导王强: the word introduces the person, it is not a post
        if text.endswith(former, 0, title_start):
            continue  # 市人大常委会原副主任: a former post is no post now
        label_place = None
        if org is not None:
            label_place = (org.label, org.place)
        elif title.implies != "none":
            # 景宁畲族自治县县委常委、副县长: the place of the chain so far before the article's own
            at = title_start - len(name) if text.startswith(name, title_start - len(name)) else title_start
            code = _implied_place(text, at, title, places, prev_org or chain_place, ctx, gaz)  # (闵行区朱芝松区长)
            if code:
                label_place = (implied_org(title.implies, code, gaz), code)
                chain_place = chain_place or ("", code)
            elif title.implies == "gov":  # 副市长刘某 in an article that never names its city: 市人民政府 as written
                label_place = _relative_government(title.title, orgs)
            elif title.implies == "party" and title.title[:1] in "省市县区州旗盟" and title.title[1:2] == "委":
                label_place = (title.title[:2], "")  # 县委常委 where nothing names the county: 县委 as written
        elif seg_start > 0 and home_org is not None and text[seg_start - 1] in "局厅" \
                and home_org.label.endswith(text[seg_start - 1]):
            label_place = (home_org.label, home_org.place)  # 局党组书记 / 厅党组成员: the article's own bureau
        elif prev_org is not None:
            label_place = prev_org
        else:
            near = _nearest_org_for_title(title.title, seg_start, orgs)
            if near is None and home_org is not None and _unit_of(title.title) and \
                    home_org.label.endswith(_unit_of(title.title)):
                near = home_org  # 王五局长主持: the article's own bureau
            if near is not None and seg_start > 0 and text[seg_start - 1] in "局厅" \
                    and not near.label.endswith(text[seg_start - 1]):
                near = None  # 厅党组书记 where only 民政部 is named: a 厅's post, not the ministry's
            if near is None and seg_start > 0 and text[seg_start - 1] == "局" and home_org is not None \
                    and home_org.label.endswith("厅") and (code := ctx.county or ctx.prefecture):
                # 省民政厅…一行到宁波调研。局党组副书记黄某陪同: the bureau of the place the article is about
                label_place = (org_prefix(code, gaz) + "民政局", code)
            if near is not None:
                label_place = (near.label, near.place)
        role = title.title
        if role == "委员" and org is not None and org.suffix in ("党委", "党工委"):
            role = org.suffix + role  # 镇党委委员 / 街道党工委委员: a member of that committee
        if role.endswith(town_heads) and org is None and prev_org is not None \
                and prev_org[1].startswith("street:") and prev_org[1].endswith(("镇", "乡")):
            key = prev_org[1]  # 镇党委委员、副镇长: the same town's government
            label_place = (street_prefix(key, gaz) + key.rsplit(":", 1)[1] + "人民政府", key)
        if label_place is None and role.endswith(town_heads) and org is None \
                and (town := relative_street(text, title_start, state.streets, lex)) is not None:
            key = town[2]  # 该乡乡长 / 镇长: the government of the town the article is about
            label_place = (street_prefix(key, gaz) + town[1] + "人民政府", key)
        if label_place is None:
            if title.implies == "none" and org is None and prev_org is None and seg_start == title_start:
                pending.append(role)  # 党组成员、副局长: the bare title after it finds the body
            continue
        if title.implies == "none" and org is None:
            for waiting in pending:
                posts.append(PostHit(name, waiting, label_place[0], label_place[1], chain_start, name_end))
            pending.clear()
        posts.append(PostHit(name, role, label_place[0], label_place[1], chain_start, name_end))
        if title.implies == "none" or org is not None:
            prev_org = label_place
    unit = text[chain_start - 1] if chain_start > 0 and text[chain_start - 1] in "局厅" else ""
    if home_org is not None and home_org.label.endswith(unit):  # (厅党组书记 is no post at 民政部)
        # 党组成员、二级调研员田某 / 党组成员、区社会福利中心主任郑某: ranks no body claims are the article's own bureau's
        posts += [PostHit(name, r, home_org.label, home_org.place, chain_start, name_end)
                  for r in pending if r in lex.words["home_ranks"]]
    return posts


def _place_unit(title: str) -> str:
    """The kind of division a government title serves: 市 of 常务副市长, 州 of 副州长."""
    return title.lstrip("副").removeprefix("常务副").removeprefix("分管副")[:1]


def _relative_government(title: str, orgs) -> tuple[str, str] | None:
    """市人民政府 for a 副市长 no place resolves, or the article's own unplaced 市政府 when it names one."""
    unit = _place_unit(title)
    if unit not in "省市县区州旗盟":
        return None
    written = next((o.label for o in orgs if o.kind == "gov" and not o.place and o.label[:1] == unit
                    and o.label.endswith(("政府", "人民政府"))), None)
    return (written or f"{unit}人民政府", "")


def _implied_place(text, seg_start, title: Title, places, prev_org, ctx: PlaceContext, gaz) -> str:
    """The division a 副市长 / 市委常委 belongs to: written just before, else the chain's, else the article's."""
    unit = _place_unit(title.title)
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
            return _of_unit(code, unit, gaz)
    return _of_unit(ctx.at(title.level), unit, gaz)


def _of_unit(code: str, unit: str, gaz) -> str:
    """副州长 in a county-level city's article: the 州 above it, not the city."""
    if unit in ("州", "盟") and code in gaz.divisions and not gaz.divisions[code].name.endswith(unit):
        return next((ref.code for ref in gaz.chain(code) if ref.name.endswith(unit)), code)
    return code


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


_TITLE_UNIT = {"院": "院", "校": "校", "站": "站", "局": "局", "厅": "厅", "会": "会", "组": "组", "馆": "馆", "所": "所", "处": "处",
               "秘书": "会", "监事": "会"}  # 秘书长 / 监事长: an association's (a 理事长 heads a centre too)


def _unit_of(title: str) -> str:
    """The unit a head's title names: 局 of 副局长, 院 of 院长."""
    core = title.lstrip("副").removesuffix("长")
    return _TITLE_UNIT.get(core, "") or _TITLE_UNIT.get(core[-1:] if core else "", "")


def _nearest_org_for_title(title: str, pos: int, orgs: list[OrgHit]) -> OrgHit | None:
    """院长毛雪琴 after 曲靖市儿童福利院: the latest preceding organisation of the title's kind."""
    unit = _unit_of(title)
    if not unit:
        return None
    best = None
    for o in orgs:
        if o.end <= pos and pos - o.end < 300 and o.label.endswith(unit) \
                and (o.kind not in ("party", "gov") or o.label.endswith("党校")):  # (a party school heads itself)
            best = o
    return best


