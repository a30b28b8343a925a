"""Text normalisation that keeps every offset: one character in, one character out.

Traditional characters become simplified (OpenCC), half-width punctuation between
Chinese text becomes full-width, so patterns see one spelling of each mark.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Clause boundaries (kept by the capturing group): OpenCC phrases never span them.
_CLAUSE = re.compile(r"([\s，。！？；：、,.!?;:（）()《》“”「」『』]+)")
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    """data/char_variants.tsv: variant characters OpenCC keeps (陜 → 陕), one character for one."""
    from importlib import resources

    from .errors import LexiconError
    from .tsv import table_rows

    name = "char_variants.tsv"
    text = resources.files("mzgraph").joinpath("data", name).read_text(encoding="utf-8")
    table = {}
    for lineno, r in table_rows(text, name, ("id", "variant", "standard"), exact=True):
        if len(r["variant"]) != 1 or len(r["standard"]) != 1:
            raise LexiconError(f"{name}:{lineno}: expected one character for one, found {r['variant']!r} → {r['standard']!r}")
        table[ord(r["variant"])] = r["standard"]
    return table


def to_simplified(text: str) -> str:
    """Traditional → simplified with the same length, so offsets into the original still hold.

    OpenCC converts phrases, and a phrase may change length; converting clause by clause
    keeps any such shift local, and a clause whose length changed is redone character by
    character (a character that would become two stays as written).
    """
    if not text or text.isascii():
        return text
    text = text.translate(_variants())
    conv = _converter()
    # No OpenCC phrase holds a clause boundary (tests/test_normalize.py reads the tables), so the
    # whole text converts as its clauses do: text that comes back unchanged (simplified text,
    # nearly all of it) is done in one call instead of one per clause.
    if conv.convert(text) == text:
        return text
    parts = []
    for clause in _CLAUSE.split(text):
        c = conv.convert(clause) if clause else clause
        if len(c) != len(clause):
            c = "".join(s if len(s := conv.convert(ch)) == 1 else ch for ch in clause)
        parts.append(c)
    out = "".join(parts)
    if any(ch in text for ch in _KEEP):  # 王東乾 → 王东乾, not 王东干
        out = "".join(o if t not in _KEEP else t for o, t in zip(out, text))
    return out


# Characters that are simplified characters too, which OpenCC turns into another (乾 → 干): in this
# genre they are names (王东乾), so they stay as written.
_KEEP = frozenset("乾")


_HALF = re.compile(r"[,;:()!?]")


def normalize_punctuation(text: str) -> str:
    """Half-width , ; : ( ) ! ? → full-width, except inside numbers (1,200 or 10:30)."""
    if not any(c in text for c in ",;:()!?"):
        return text
    last = len(text) - 1

    def full_width(m: re.Match[str]) -> str:
        ch, i = m.group(), m.start()
        if ch in ",:" and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
            return ch
        return ch.translate(_HALF_TO_FULL)

    return _HALF.sub(full_width, text)


def normalize(text: str) -> str:
    """The text every extraction pattern reads; ``len(normalize(t)) == len(t)``."""
    return normalize_punctuation(to_simplified(text))
