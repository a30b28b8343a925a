"""names: where a personal name that starts at an offset ends."""
from __future__ import annotations

import pytest

from mzgraph.extract.names import dotted_name_at, ethnic_name_at, name_at, name_before_bracket, tibetan_name_at, valid_name
from mzgraph.reader import split_articles
from mzgraph.segment import segment


@pytest.mark.parametrize("text, expected", [
    ("王建国出席会议", "王建国"),
    ("欧阳明辉主持会议", "欧阳明辉"),  # a compound surname
    ("张三、李四出席", "张三"),
    # a follow word of two characters that begins after one given character ends the name
    ("王强陪同调研", "王强"),
    ("张三强调要抓好落实", "张三"),
    ("宋友致欢迎辞", "宋友"),
    ("李越给大家表演", "李越"),
    ("张苑作总结性工作报告", "张苑"),
    ("孙中锋于4月11日举行讲座", "孙中锋"),
    ("钮建国出席会议", "钮建国"),  # a rarer surname of the 百家姓
    # 和 ends a name when a verb follows it, and is a conjunction otherwise
    ("李国和出席会议", "李国和"),
    ("李国和王五出席会议", "李国"),
    # no surname, or a function word after the surname
    ("高度重视养老服务", None),
    ("市长出席会议", None),
    ("王的工作", None),
])
def test_name_at(lex, text, expected):
    end = name_at(text, 0, lex)
    assert (text[:end] if end > 0 else None) == expected


def test_name_at_uses_jieba_words_as_the_boundary(lex):
    """王建华|深化改革: without a follow word, the next dictionary word ends the name."""
    text = "王建华深化改革"
    (article,) = split_articles("标题\n" + text, "t.txt")
    doc = segment(article, lex)
    tokens = {t.start - 3: t.end - t.start for t in doc.tokens if t.start >= 3}
    assert name_at(text, 0, lex) == -1
    assert text[:name_at(text, 0, lex, tokens)] == "王建华"


@pytest.mark.parametrize("text, expected", [
    ("艾尔肯·吐尔逊出席会议", "艾尔肯·吐尔逊"),
    ("买买提·艾力同志出席", "买买提·艾力"),
    ("张三出席会议", None),
])
def test_dotted_name_at(lex, text, expected):
    end = dotted_name_at(text, 0, lex)
    assert (text[:end] if end > 0 else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("益卓同志出席会议", "益卓"),
    ("次仁旺堆出席会议", "次仁旺堆"),
    ("苏和巴特尔主持会议", "苏和巴特尔"),  # 和 may stand inside such a name
    ("亲自主持会议", None),  # an adverb
    ("队伍建设", None),
])
def test_ethnic_name_at(lex, text, expected):
    end = ethnic_name_at(text, 0, lex)
    assert (text[:end] if end > 0 else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("普布扎西，自治区财政厅处长", "普布扎西"),  # 普 is also a Han surname: the name is not 普布
    ("格桑卓玛出席会议", "格桑卓玛"),
    ("扎西出席会议", None),  # one element: the other rules read it
    ("普布同志主持", None),
])
def test_tibetan_name_at(lex, text, expected):
    end = tibetan_name_at(text, 0, lex)
    assert (text[:end] if end > 0 else None) == expected


def test_a_tibetan_name_after_a_title(run_component):
    state = run_component("会议召开\n自治区残联党组成员、副理事长普布扎西，自治区财政厅社会保障处处长王五出席发布会。",
                          "people")
    assert {p.name for p in state.people} == {"普布扎西", "王五"}


@pytest.mark.parametrize("text, expected", [
    ("出席会议的有：敖登格日乐（旗委常委）", "敖登格日乐"),
    ("出席会议的有：王五（局长）", "王五"),
    ("会议邀请了李四（局长）", None),  # the name must open the item
])
def test_name_before_bracket(lex, text, expected):
    bracket = text.index("（")
    start = name_before_bracket(text, bracket, lex)
    assert (text[start:bracket] if start >= 0 else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("张三", True), ("欧阳明辉", True), ("张", False), ("张三四五", False), ("王的", False), ("益卓", False),
    # a word before a place (负责人和重庆日报, 来青海) is no name; a given name may be a city's (范清远)
    ("和重庆", False), ("来青海", False), ("范清远", True),
])
def test_valid_name(lex, text, expected):
    assert valid_name(text, lex) is expected
