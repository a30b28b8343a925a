"""Documents: 《…》 titles, and what each meeting did with them (read, issued, discussed)."""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Link
from .registry import component
from .state import ArticleState

__all__ = ["find_documents", "full_titles", "document_action", "find_documents_component", "link_documents"]


@component("documents")
def find_documents_component(state: ArticleState) -> None:
    """Every document title, short titles read as the long title they end."""
    state.document_titles = full_titles(find_documents(state.text, state.lex))
    for s, e, title in state.document_titles:
        state.add_mention(s, e, "Document", title, f"doc:{title}")


@component("document_links")
def link_documents(state: ArticleState) -> None:
    """A document named inside a meeting's span, with a document verb in its clause, is linked to it."""
    text, doc = state.text, state.doc
    for meeting in state.meetings:
        for s, e, title in state.document_titles:
            if meeting.start <= s < meeting.end:
                action = document_action(text, doc.sentence_of(s).start, s, state.lex, e)
                if action:
                    state.doc_links.append(Link(meeting.key, f"doc:{title}", action, doc.sentence_of(s).start, e))


def full_titles(docs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """《条例》 after 《中国共产党纪律处分条例》: a short title that ends a longer one in the article is that one;
    a draft (《…方案（送审稿）》) of a document the article also names finished is that document."""
    titles = {t for _, _, t in docs}
    out = []
    for s, e, t in docs:
        final = _DRAFT.sub("", t)
        if final != t and final in titles:
            t = final
        longer = sorted(u for u in titles if u != t and u.endswith(t) and len(t) >= 2)
        out.append((s, e, min(longer, key=len) if longer else t))
    return out


_DRAFT = re.compile(r"[（(](?:送审稿|征求意见稿|草案|讨论稿|初稿|修改稿|修订稿|代拟稿)[)）]$")


def find_documents(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """《…》 titles that name documents (not newspapers or programmes)."""
    out = []
    media = lex.words["media_ends"]
    for m in lex.patterns["document_title"].finditer(text):
        title = m.group(1).strip()
        if title.endswith(media):
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
    head = lex.patterns["titles_before"].sub("", clause.rstrip())  # 围绕《A》《B》: B is listed with A
    if best or doc_end < 0 or not head.endswith(lex.words["document_object_markers"]):
        return best
    end = doc_end
    while True:  # 围绕《A》和《B》，逐条解读了…: past the titles it lists, into the clause after them
        more = lex.patterns["more_titles"].match(text, end)
        if not more:
            break
        end = more.end()
    after = text[end:end + 16]
    after = after[:next((i for i, c in enumerate(after) if c in "。；、《"), len(after))]
    found = [(m.start(), cue.relation) for cue in cues for m in [cue.pattern.search(after)] if m]
    return min(found)[1] if found else ""
