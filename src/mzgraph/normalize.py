"""Text normalisation that keeps every offset: one character in, one character out.

Traditional characters become simplified (OpenCC), half-width punctuation between
Chinese text becomes full-width, so patterns see one spelling of each mark.
"""
from __future__ import annotations

from functools import lru_cache

_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with the same length (per character when phrases would shift offsets)."""
    if not text or text.isascii():
        return text
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def normalize_punctuation(text: str) -> str:
    """Half-width , ; : ( ) ! ? → full-width, except inside numbers (1,200 or 10:30)."""
    if not any(c in text for c in ",;:()!?"):
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in ",:" and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            continue
        if ch in ",;:()!?":
            chars[i] = ch.translate(_HALF_TO_FULL)
    return "".join(chars)


def normalize(text: str) -> str:
    """The text every extraction pattern reads; ``len(normalize(t)) == len(t)``."""
    return normalize_punctuation(to_simplified(text))
