"""Who attended, spoke or presided; which themes each meeting deployed; which documents it used."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon

_DOC = re.compile(r"《([^《》\n]{2,80})》")
_MEDIA = re.compile(r"(?:日报|晚报|早报|时报|商报|导报|画报|杂志|周刊|月刊|频道|栏目|新闻联播)$")
_CLAUSE_END = "，。；！？\n"


@dataclass(frozen=True)
class Participant:
    start: int
    end: int
    key: str
    type: str  # Person | Organization


def participation_kinds(text: str, participants: list[Participant], sent_end: int, lex: Lexicon
                        ) -> list[tuple[Participant, str, int]]:
    """(participant, kind, cue end) for participants followed by a cue in their own clause.

    Participants joined by 、/和/及 share the clause of the last one
    (蜀山区、包河区民政局作交流发言).
    """
    cues = lex.cue_patterns("attended", "spoke", "presided")
    out = []
    ordered = sorted(participants, key=lambda p: (p.start, -p.end))
    groups: list[list[Participant]] = []
    for p in ordered:
        if groups and p.start < groups[-1][-1].end:
            continue  # nested mention (the org inside a title chain)
        if groups and text[groups[-1][-1].end:p.start] in ("、", "，", "和", "及", "以及", "与"):
            groups[-1].append(p)
        else:
            groups.append([p])
    for gi, group in enumerate(groups):
        last = group[-1]
        limit = groups[gi + 1][0].start if gi + 1 < len(groups) else sent_end
        clause_end = last.end
        while clause_end < limit:
            ch = text[clause_end]
            if ch in _CLAUSE_END and not text.startswith("并", clause_end + 1):
                break
            clause_end += 1
        clause = text[last.end:clause_end]
        kinds = {}
        for cue in cues:
            m = cue.pattern.search(clause)
            if m:
                kinds.setdefault(cue.relation, last.end + m.end())
        if "presided" in kinds:
            kinds.setdefault("attended", kinds["presided"])
        for p in group:
            for kind, cue_end in sorted(kinds.items()):
                out.append((p, kind, cue_end))
    return out


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


def find_documents(text: str) -> list[tuple[int, int, str]]:
    """《…》 titles that name documents (not newspapers or programmes)."""
    out = []
    for m in _DOC.finditer(text):
        title = m.group(1).strip()
        if _MEDIA.search(title):
            continue
        out.append((m.start(), m.end(), title))
    return out


def document_action(text: str, sent_start: int, doc_start: int, lex: Lexicon, doc_end: int = -1) -> str:
    """read / issued / discussed: the document verb of the clause before the title (宣读了《…》),
    else the one right after it in the same clause (对《…》进行了解读)."""
    clause_start = max(text.rfind(c, sent_start, doc_start) for c in "，；：") + 1
    clause_start = max(clause_start, sent_start)
    cues = lex.cue_patterns("read", "issued", "discussed")
    clause = text[clause_start:doc_start]
    best, pos = "", -1
    for cue in cues:
        for m in cue.pattern.finditer(clause):
            if m.start() > pos:
                best, pos = cue.relation, m.start()
    if best or doc_end < 0 or not clause.rstrip().endswith(("对", "就", "围绕", "将")):
        return best
    after = text[doc_end:doc_end + 12]
    after = after[:next((i for i, c in enumerate(after) if c in "，。；、《"), len(after))]
    found = [(m.start(), cue.relation) for cue in cues for m in [cue.pattern.search(after)] if m]
    return min(found)[1] if found else ""


def theme_hits(text: str, start: int, end: int, lex: Lexicon,
               skip: list[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
    """(theme label, first keyword start, end) for every theme whose keywords occur in text[start:end].

    A keyword that only names a kind of facility in a list (养老机构、儿童福利机构…等重点场所)
    is the object of other work, not a theme of the meeting, and a keyword inside a ``skip``
    span (an organisation's name: 养老服务处) says nothing of the meeting: such hits do not count.
    """
    out = []
    for theme in lex.themes:
        first = None
        for kw in theme.keywords:
            i = text.find(kw, start, end)
            while i >= 0:
                inside = any(a <= i and i + len(kw) <= b for a, b in skip) or _in_phrase(text, i, kw, theme.not_in)
                if not inside and not _listed_facility(text, i, i + len(kw)):
                    if first is None or (i, -len(kw)) < (first[0], first[0] - first[1]):  # earliest, then longest
                        first = (i, i + len(kw))
                    break
                i = text.find(kw, i + 1, end)
        if first:
            out.append((theme.label, first[0], first[1]))
    return out


def _in_phrase(text: str, i: int, kw: str, phrases: tuple[str, ...]) -> bool:
    """The keyword at ``i`` is part of one of ``phrases`` (扶贫 in 扶贫济困)."""
    for ph in phrases:
        at = ph.find(kw)
        while at >= 0:
            if text.startswith(ph, i - at):
                return True
            at = ph.find(kw, at + 1)
    return False


_FACILITY_ENDS = ("机构", "场所", "设施")


def _listed_facility(text: str, start: int, end: int) -> bool:
    j = end
    while j < len(text) and j - end < 8 and text[j] not in "、，。；和等":
        j += 1
    if not text.endswith(_FACILITY_ENDS, end, j):
        return False
    after = text[j:j + 1] if j < len(text) else ""
    before = text[max(0, start - 1):start]
    return after in ("、", "和", "等") or before in ("、", "和")
