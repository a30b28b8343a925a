"""Personal names: where a name starting at an offset ends, read from surnames, follow words and jieba's words.

Names come from structure (a title before them, 同志 after them), never from jieba's person tags;
these functions only say how long a name is once its start is known.
"""
from __future__ import annotations

import re

from ..lexicon import Lexicon

__all__ = ["name_at", "dotted_name_at", "tibetan_name_at", "ethnic_name_at", "valid_name", "name_before_bracket", "follow_words_of"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")  # with the rare extensions (向㛃, 田䶮)


_DERIVED: dict[int, tuple[object, tuple]] = {}


def _derived(lex: Lexicon) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """Lists derived from the word lists, worked out once per lexicon."""
    kept = _DERIVED.get(id(lex.words))
    if kept is not None and kept[0] is lex.words:
        return kept[1]
    follow_words = tuple(w for w in lex.words["name_follow"] if len(w) > 1)
    not_in_ethnic = frozenset(lex.words["not_in_name"]) - frozenset(lex.words["ethnic_name_ok"])
    ends = tuple(sorted({"同志", "作", "在", "等", "、", "对", "就", "向", "领学", *follow_words} - {"说"},
                        key=lambda w: (-len(w), w)))
    _DERIVED[id(lex.words)] = (lex.words, (follow_words, not_in_ethnic, ends))
    return follow_words, not_in_ethnic, ends


def follow_words_of(lex: Lexicon) -> tuple[str, ...]:
    """The follow words of two or more characters: a verb that begins there ends the name."""
    return _derived(lex)[0]


def _not_in_ethnic_name(lex: Lexicon) -> frozenset[str]:
    return _derived(lex)[1]  # (苏和巴特尔, 乌云其木格)


def _ethnic_ends(lex: Lexicon) -> tuple[str, ...]:
    return _derived(lex)[2]


def _boundary(text: str, pos: int, lex: Lexicon) -> bool:
    if pos >= len(text):
        return True
    if not _HAN.match(text[pos]):
        return True
    return text.startswith(lex.words["name_follow"], pos)


def name_at(text: str, pos: int, lex: Lexicon, tokens_by_start: dict[int, int] | None = None) -> int:
    """End offset of a personal name starting at ``pos``, or -1 when none does.

    The name ends where a follow word or punctuation starts, or where jieba starts a
    word of two or more characters (王建国|深化改革): known words mark the boundary.
    """
    if text[pos:pos + 1] in lex.words["before_place"] and text[pos + 1:pos + 3] in lex.words["join_collectives"]:
        return -1  # 楼组长和居民代表: 和 joins a group of people, no surname
    if text[pos:pos + 2] in lex.compound_surnames:
        sl = 2
    elif pos < len(text) and text[pos] in lex.surnames:
        sl = 1
    else:
        return -1
    not_in_name = frozenset(lex.words["not_in_name"]) - frozenset(lex.words["han_given_ok"])  # (张之政)
    follow_words = follow_words_of(lex)
    for given in (2, 1):
        end = pos + sl + given
        chunk = text[pos + sl:end]
        if given == 2 and len(chunk) == 2 and chunk[1] == "和" and _HAN.match(chunk[0]) \
                and chunk[0] not in not_in_name and text.startswith(follow_words, end):
            return end  # 莫永和出席: 和 ends a name when a verb follows it
        if len(chunk) != given or not all(_HAN.match(c) and (c not in not_in_name or i == 0 and given == 2
                                                              and c in lex.words["given_first_ok"])
                                          for i, c in enumerate(chunk)):
            continue  # (余向东: 向 opens a given name of two, it never ends one: 张三向大会报告)
        if given == 2 and text.startswith(follow_words, pos + sl + 1):
            continue  # 王强陪同: the second character opens the verb (陪同), the name is 王强
        if _boundary(text, end, lex):
            return end
    if tokens_by_start:
        for given in (2, 1):
            end = pos + sl + given
            chunk = text[pos + sl:end]
            if len(chunk) == given and all(_HAN.match(c) and c not in not_in_name for c in chunk) \
                    and tokens_by_start.get(end, 0) >= 2:
                return end
    return -1




def dotted_name_at(text: str, pos: int, lex: Lexicon) -> int:
    """End of a transliterated name with a middle dot (艾尔肯·吐尔逊), or -1."""
    m = lex.patterns["dotted_name"].match(text, pos)
    if not m:
        return -1
    for end in range(m.end() + 1, min(len(text), m.end() + 8) + 1):
        if not _HAN.match(text[end - 1]):
            return -1
        if _boundary(text, end, lex):
            return end
    return -1


def tibetan_name_at(text: str, pos: int, lex: Lexicon) -> int:
    """End of a four-character Tibetan name made of two known elements (普布扎西, 次仁央宗), or -1."""
    parts = lex.words["tibetan_name_parts"]
    if text[pos:pos + 2] in parts and text[pos + 2:pos + 4] in parts and _boundary(text, pos + 4, lex):
        return pos + 4
    return -1


def _unknown_word(pos: int, end: int, tok_start: dict[int, int]) -> bool:
    """jieba cut text[pos:end] on its own, and not wholly into dictionary words (吉/克/木/呷, not 队伍/建设)."""
    singles, i = 0, pos
    while i < end:
        length = tok_start.get(i)
        if length is None:
            return False
        singles += length == 1
        i += length
    return i == end and singles > 0


def ethnic_name_at(text: str, pos: int, lex: Lexicon, tok_start: dict[int, int] | None = None) -> int:
    """Names without a known Han surname right after a title: 益卓, 次仁旺堆, 苏和巴特尔.

    Two to five characters followed by 同志 or a participation verb, with no place name,
    adverb or common word inside (dotted names are matched before this); before a bare ，
    or 的, only three or more characters that jieba does not know as words (吉克木呷，).
    """
    if text[pos:pos + 2] in lex.compound_surnames or text.startswith(lex.words["adverbs"], pos) \
            or text.startswith(lex.words["name_follow"], pos) or text.startswith(lex.words["not_name_starts"], pos):
        return -1  # (登记员要吃透政策: 要 opens a clause, not a name; 局长有关情况介绍)
    not_in_name, ends, follow_words = _not_in_ethnic_name(lex), _ethnic_ends(lex), follow_words_of(lex)
    for length in (2, 3, 4, 5, 6, 7):
        end = pos + length
        chunk = text[pos:end]
        if len(chunk) == length and all(_HAN.match(c) and c not in not_in_name for c in chunk) \
                and (text.startswith(follow_words, end) if length > 5 else text.startswith(ends, end)
                     or length >= 3 and text[end:end + 1] in "，的" and _unknown_word(pos, end, tok_start or {})) \
                and not any(w in chunk for w in follow_words) \
                and not lex.meeting_type_re.search(chunk) and not lex.suffix_re.search(chunk) \
                and not any(chunk[i:j] in lex.gazetteer.by_name for i in range(length) for j in range(i + 2, length + 1)):
            return end  # (乌力吉巴雅尔出席: six or seven characters only before a verb; 业务培训班 is no name)
    return -1


def name_before_bracket(text: str, bracket: int, lex: Lexicon) -> int:
    """Start of the name that opens a list item or line right before ``（`` (、杭波（…）), or -1."""
    for length in (2, 3, 4, 5):
        start = bracket - length
        if start < 0:
            break
        if start > 0 and _HAN.match(text[start - 1]):
            continue  # the name must open the item: after punctuation, a colon or a line break
        chunk = text[start:bracket]
        if valid_name(chunk, lex) or length >= 2 and all(_HAN.match(c) and c not in _not_in_ethnic_name(lex) for c in chunk) \
                and not any(w in chunk for w in follow_words_of(lex)) and chunk not in lex.gazetteer.by_name:
            return start
    return -1


def valid_name(name: str, lex: Lexicon) -> bool:
    """Surname + one or two given-name characters, none of them a function or unit word, and not a
    national body (国务院总理: 国务院 is no 国 surname)."""
    if name in lex.words["national_names"]:
        return False
    sl = 2 if name[:2] in lex.compound_surnames else 1 if name[:1] in lex.surnames else 0
    given = name[sl:]
    if len(given) == 2 and name[0] in lex.words["before_place"] and given in lex.gazetteer.by_name:
        return False  # 和重庆日报 / 来青海: a word before a place, no surname (范清远 is a name)
    if len(given) == 2 and name[0] in lex.words["before_place"] and given in lex.words["join_collectives"]:
        return False  # 楼组长和居民代表: 和 joins a group of people, no surname
    ok = lex.words["han_given_ok"]
    first_ok = lex.words["given_first_ok"] if len(given) == 2 else ()
    return bool(sl) and 1 <= len(given) <= 2 and all(
        _HAN.match(c) and (c not in lex.words["not_in_name"] or c in ok or i == 0 and c in first_ok)
        for i, c in enumerate(given))
