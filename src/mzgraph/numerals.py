"""Numbers written in Chinese numerals, as dates are in notices and some pages: 二〇二六年一月九日, 二月二十六日."""
from __future__ import annotations

__all__ = ["CN_DIGITS", "number"]

_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGITS = "".join(_DIGITS) + "十"  # the characters of a written number (for patterns)


def number(written: str) -> int:
    """``written`` as an int: Arabic digits, digit-by-digit years (二〇二六 → 2026) or tens (二十六 → 26,
    十一 → 11, 三十 → 30). Raises ValueError for anything else."""
    if written.isdigit() and written.isascii():
        return int(written)
    if not written or any(c not in _DIGITS and c != "十" for c in written):
        raise ValueError(f"not a number: {written!r}")
    if "十" not in written:
        return int("".join(str(_DIGITS[c]) for c in written))
    tens, _, ones = written.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        raise ValueError(f"not a number: {written!r}")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
