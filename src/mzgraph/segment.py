"""Article → Document: normalised text, sentence spans and jieba tokens.

The only module that imports jieba. The tokenizer is built once with the
project's lexicons (titles, organisation suffixes, meeting types, place names)
so that jieba keeps them whole.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from .lexicon import Lexicon
from .model import Article, Document, Span
from .normalize import normalize

_SENTENCE_END = re.compile(r"[。！？；\n]+")


@lru_cache(maxsize=1)
def _tokenizer(lexicon_id: int, words: tuple[str, ...]):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for w in words:
        tok.add_word(w, freq=50000)
    return tok


def tokenizer_for(lexicon: Lexicon):
    cached = _LAST.get(id(lexicon))  # building the word list costs ~12 ms: once per lexicon, not per article
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    words = set(lexicon.titles) | set(lexicon.suffixes) | set(lexicon.meeting_types)
    words |= {n for n in lexicon.gazetteer.by_name if len(n) >= 2}
    tok = _tokenizer(id(lexicon), tuple(sorted(words)))
    _LAST.clear()
    _LAST[id(lexicon)] = (lexicon, tok)
    return tok


_LAST: dict[int, tuple[Lexicon, object]] = {}


def split_sentences(text: str) -> tuple[Span, ...]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and text[start:m.start()].strip():
            spans.append(Span(start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append(Span(start, len(text)))
    return tuple(spans)


def segment(article: Article, lexicon: Lexicon) -> Document:
    text = normalize(article.text)
    tok = tokenizer_for(lexicon)
    tokens = []
    pos = 0
    for word in tok.cut(text, HMM=False):
        end = pos + len(word)
        tokens.append(Span(pos, end))
        pos = end
    return Document(article=article, text=text, sentences=split_sentences(text), tokens=tuple(tokens))
