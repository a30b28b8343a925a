"""Policy themes each meeting deploys, read from the theme scheme's keywords in the meeting's span."""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Link
from ..reader import is_meta_line
from .registry import component
from .state import ArticleState

__all__ = ["theme_hits", "find_themes_component"]


@component("themes")
def find_themes_component(state: ArticleState) -> None:
    """Themes in each meeting's span (the first meeting also owns the headline), none from inside an
    organisation's name (养老服务处)."""
    text, art = state.text, state.doc.article
    org_spans = [(m.start, m.end) for m in state.mentions if m.type == "Organization"] + _menu_items(text)
    for mi, meeting in enumerate(state.meetings):
        window = [(meeting.start, meeting.end)]
        if mi == 0:
            window.append((0, art.body_start))
        seen: set[str] = set()
        for a, b in window:
            for label, s, e in theme_hits(text, a, b, state.lex, org_spans):
                if label in seen:
                    continue
                seen.add(label)
                tkey = f"theme:{label}"
                state.add_mention(s, e, "PolicyTheme", label, tkey)
                state.theme_links.append(Link(meeting.key, tkey, "deploys", s, e))


def theme_hits(text: str, start: int, end: int, lex: Lexicon,
               skip: list[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
    """(theme label, first keyword start, end) for every theme whose keywords occur in text[start:end].

    A keyword that only names a kind of facility in a list (养老机构、儿童福利机构…等重点场所)
    is the object of other work, not a theme of the meeting, and a keyword inside a ``skip``
    span (an organisation's name: 养老服务处) says nothing of the meeting: such hits do not count.
    """
    out = []
    facility_ends = lex.words["facility_ends"]
    for theme in lex.themes:
        first = None
        for kw in theme.keywords:
            i = text.find(kw, start, end)
            while i >= 0:
                inside = any(a <= i and i + len(kw) <= b for a, b in skip) or _in_phrase(text, i, kw, theme.not_in)
                if not inside and not _listed_facility(text, i, i + len(kw), facility_ends):
                    if first is None or (i, -len(kw)) < (first[0], first[0] - first[1]):  # earliest, then longest
                        first = (i, i + len(kw))
                    break
                i = text.find(kw, i + 1, end)
        if first:
            out.append((theme.label, first[0], first[1]))
    return out


def _menu_items(text: str) -> list[tuple[int, int]]:
    """The items of a site's menu or breadcrumb line (党建之声 本网聚焦… / 公益慈善 志愿服务 信息公开): three or
    more short words side by side, parted by spaces; and the page's meta lines (作者/来源…). A site's sections
    and credits say nothing of the meeting."""
    out = []
    pos = 0
    for line in text.split("\n"):
        items = [(m.start() + pos, m.end() + pos) for m in _ITEM.finditer(line)]
        short = [(a, b) for a, b in items if b - a <= 8 and not any(c in text[a:b] for c in "，。；")]
        if len(short) >= 3:
            out += short
        elif line and is_meta_line(line):  # 作者/编辑： 某某殡葬网 来源：…: the page's chrome
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_ITEM = re.compile(r"[^\s\u3000]+")


def _in_phrase(text: str, i: int, kw: str, phrases: tuple[str, ...]) -> bool:
    """The keyword at ``i`` is part of one of ``phrases`` (扶贫 in 扶贫济困)."""
    for ph in phrases:
        at = ph.find(kw)
        while at >= 0:
            if text.startswith(ph, i - at):
                return True
            at = ph.find(kw, at + 1)
    return False


def _listed_facility(text: str, start: int, end: int, facility_ends: tuple[str, ...]) -> bool:
    j = end
    while j < len(text) and j - end < 8 and text[j] not in "、，。；和等":
        j += 1
    if not text.endswith(facility_ends, end, j):
        return False
    after = text[j:j + 1] if j < len(text) else ""
    before = text[max(0, start - 1):start]
    return after in ("、", "和", "等") or before in ("、", "和")
