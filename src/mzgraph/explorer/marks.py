"""Text with spans marked at their character offsets, as HTML (displaCy's way): every character escaped.

Spans may nest or overlap (an organisation's name holds a place's; a fact's evidence holds its
people). The text is cut at every span boundary; each piece is wrapped, outermost first, in a
``<mark>`` for each span covering it (a fact's evidence as ``<span class="ev">``), and the
innermost entity mark links to the entity's page.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from .data import FACT_CLASSES, Span

__all__ = ["mark_spans", "mark_sentence"]

_FACTS = frozenset(FACT_CLASSES.values())


def _attr(value: str) -> str:
    return escape(value, quote=True)


def mark_spans(text: str, spans: Iterable[Span], href: Callable[[str], str] | None = None, *,
               highlight: tuple[int, int] | None = None) -> str:
    """``text`` as escaped HTML with ``spans`` marked; ``href(iri)`` gives the link of an entity mark;
    the ``highlight`` span is outlined, its first piece carrying ``id="hl"``."""
    spans = [s for s in spans if 0 <= s.begin < s.end <= len(text)]
    hl = highlight if highlight and 0 <= highlight[0] < highlight[1] <= len(text) else None
    cuts = sorted({0, len(text), *(s.begin for s in spans), *(s.end for s in spans), *(hl or ())})
    out = []
    anchored = False
    for a, b in zip(cuts, cuts[1:]):
        piece = _piece(text, spans, href, a, b)
        if hl and hl[0] <= a and b <= hl[1]:
            piece = f'<span class="hl">{piece}</span>' if anchored else f'<span class="hl" id="hl">{piece}</span>'
            anchored = True
        out.append(piece)
    return "".join(out)


def _piece(text: str, spans: list[Span], href: Callable[[str], str] | None, a: int, b: int) -> str:
    """The text of [a, b) wrapped in the marks of every span covering it."""
    piece = escape(text[a:b])
    covering = [s for s in spans if s.begin <= a and b <= s.end]
    if not covering:
        return piece
    # outermost first: facts' evidence, then entity mentions longest first
    covering.sort(key=lambda s: (s.kind not in _FACTS, -(s.end - s.begin), s.begin, s.kind, s.iri))
    inner = next((s for s in reversed(covering) if s.kind not in _FACTS), None)
    if inner is not None and href is not None and inner.iri:
        piece = f'<a href="{_attr(href(inner.iri))}">{piece}</a>'
    for s in reversed(covering):
        span_id = f"{s.begin}-{s.end}"
        title = f"{s.label} · {s.kind}" if s.label else s.kind
        if s.kind in _FACTS:
            piece = f'<span class="ev ev-{_attr(s.kind)}" data-span="{span_id}" title="{_attr(title)}">{piece}</span>'
        else:
            piece = f'<mark class="ent t-{_attr(s.kind)}" data-span="{span_id}" title="{_attr(title)}">{piece}</mark>'
    return piece


def mark_sentence(sentence: str, sentence_begin: int, begin: int, end: int, kind: str = "", label: str = "") -> str:
    """One sentence with one span (article offsets ``begin``–``end``) in a ``<mark>``; the sentence unmarked
    when the span falls outside it."""
    b, e = begin - sentence_begin, end - sentence_begin
    if not (0 <= b < e <= len(sentence)):
        return escape(sentence)
    kind = kind or "Mention"
    title = f"{label} · {kind}" if label else kind
    return (f'{escape(sentence[:b])}<mark class="ent t-{_attr(kind)}" data-span="{b}-{e}" title="{_attr(title)}">'
            f'{escape(sentence[b:e])}</mark>{escape(sentence[e:])}')
