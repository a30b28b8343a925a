"""Article → Document: normalised text, sentence spans and jieba tokens.

The only module that imports a segmenter. jieba is the reference and the dictionary: the
tokenizer is jieba's default dictionary plus the project's lexicon words (titles, organisation
suffixes, meeting types, place names) so that they stay whole. When ``rjieba`` (the jieba-rs
binding) is installed, the same dictionary and user words are loaded into it and it cuts the
text instead, 10-20x faster, with the very same tokens (tests/test_segment.py compares both on
every corpus); without it, or with ``MZGRAPH_SEGMENTER=jieba``, jieba cuts.

Two things make the Rust cut equal jieba's, not only close: the text is split into blocks by
jieba's own block pattern here (jieba-rs counts more scripts as Chinese), and the Rust
dictionary's total frequency is brought to jieba's (jieba adds a re-added word's frequency to
the total, jieba-rs replaces it), so both score every route with the same floating-point sums.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import accumulate

from .lexicon import Lexicon
from .model import Article, Document, Span
from .normalize import normalize

__all__ = ["segment", "split_sentences", "tokenizer_for", "cutter_for", "backend", "USER_FREQ"]

_SENTENCE_END = re.compile(r"[。！？；\n]+")
USER_FREQ = 50000  # frequency of every lexicon word: high enough to keep it whole
# jieba's own block patterns (jieba.re_han_default, jieba.re_skip_default)
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
# Carries the difference of the two totals; no block ever holds it (NUL is outside _RE_HAN).
_TOTAL_PAD = "\x00"

Cutter = Callable[[str], list[str]]


def _user_words(lexicon: Lexicon) -> tuple[str, ...]:
    words = set(lexicon.titles) | set(lexicon.suffixes) | set(lexicon.meeting_types)
    words |= {n for n in lexicon.gazetteer.by_name if len(n) >= 2}
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _tokenizer(lexicon_id: int, words: tuple[str, ...]):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for w in words:
        tok.add_word(w, freq=USER_FREQ)
    return tok


def _for_lexicon(last: dict, lexicon: Lexicon, make: Callable):
    """``make(id, words)`` for the last lexicon seen, kept in ``last``: building the word list costs
    ~12 ms, so once per lexicon, not per article."""
    cached = last.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    made = make(id(lexicon), _user_words(lexicon))
    last.clear()
    last[id(lexicon)] = (lexicon, made)
    return made


def tokenizer_for(lexicon: Lexicon):
    """The reference: a jieba Tokenizer with the default dictionary and the lexicon's words."""
    return _for_lexicon(_LAST, lexicon, _tokenizer)


_LAST: dict[int, tuple[Lexicon, object]] = {}


def backend() -> str:
    """``rjieba`` when it is installed and not turned off (``MZGRAPH_SEGMENTER=jieba``), else ``jieba``."""
    if os.environ.get("MZGRAPH_SEGMENTER", "").lower() == "jieba":
        return "jieba"
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


def _dictionary_lines():
    """(word, freq, tag) of jieba's default dictionary, in file order (what jieba.Tokenizer loads)."""
    import jieba

    with jieba.Tokenizer().get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").strip().split(" ")
            if parts[0]:
                yield parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None


@lru_cache(maxsize=1)
def _rust_cutter(lexicon_id: int, words: tuple[str, ...]) -> Cutter:
    import rjieba

    rj = rjieba.Jieba.empty()
    freq: dict[str, int] = {}
    jieba_total = 0
    for word, f, tag in _dictionary_lines():
        rj.add_word(word, f, tag)
        freq[word] = f
        jieba_total += f  # jieba sums every line; jieba-rs keeps one frequency per word
    for w in words:
        rj.add_word(w, USER_FREQ, None)
        freq[w] = USER_FREQ
        jieba_total += USER_FREQ
    pad = jieba_total - sum(freq.values())
    if pad > 0:
        rj.add_word(_TOTAL_PAD, pad, None)
    cut = rj.cut
    han, skip = _RE_HAN, _RE_SKIP

    def cut_text(text: str) -> list[str]:
        out: list[str] = []
        for blk in han.split(text):  # jieba.Tokenizer.cut, block by block
            if not blk:
                continue
            if han.match(blk):
                out += cut(blk, False)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out += x
        return out

    return cut_text


def cutter_for(lexicon: Lexicon, name: str | None = None) -> Cutter:
    """text → tokens without HMM, by ``name`` (``jieba`` or ``rjieba``; default :func:`backend`)."""
    name = name or backend()
    if name == "rjieba":
        return _for_lexicon(_LAST_CUT, lexicon, _rust_cutter)
    if name != "jieba":
        raise ValueError(f"unknown segmenter {name!r}: expected jieba or rjieba")
    tok = tokenizer_for(lexicon)
    return lambda text: list(tok.cut(text, HMM=False))


_LAST_CUT: dict[int, tuple[Lexicon, Cutter]] = {}


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
    ends = list(accumulate(map(len, cutter_for(lexicon)(text))))
    # Span._make without a Python call per token: tuple.__new__(Span, (start, end)) is what it runs
    tokens = tuple(map(partial(tuple.__new__, Span), zip([0, *ends[:-1]], ends))) if ends else ()
    return Document(article=article, text=text, sentences=split_sentences(text), tokens=tokens)
