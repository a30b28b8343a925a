"""people: names read from structure (a title chain before them, or in brackets after them)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    # several people share one title chain
    ("会议召开\n省民政厅副厅长张三、李四出席会议。", {"张三", "李四"}),
    # … but the list stops at a place
    ("会议召开\n市民政局副局长张三、石牌街道负责人参加。", {"张三"}),
    # 向 may open a given name of two, never end one
    ("会议召开\n省民政厅厅长余向东出席发布会。", {"余向东"}),
    ("会议召开\n市民政局局长张三向大会作工作报告。", {"张三"}),
    # a government counsellor (参事)
    ("会议召开\n由省政府参事李四一行组成的调研组来厅调研。", {"李四"}),
    # … or at a word of a name's shape (副局长王五、相关处室负责人)
    ("会议召开\n区民政局局长张三、副局长王五、相关处室负责人出席。", {"张三", "王五"}),
    # a name before its title after 与 (与沈某某局长座谈)
    ("会议召开\n一行人前往中山市民政局，与沈明华局长、杨晓东主任，有关科室负责人座谈。", {"沈明华", "杨晓东"}),
    # 常工院讲师: a college written short, no person of the 常 surname
    ("会议召开\n随后，常工院讲师为全体学员上了第一课。", set()),
    # an expert invited (专家孙某): a person without a post
    ("会议召开\n阜阳市民政局邀请安徽大学专家孙中锋于4月11日下午举行讲堂。", {"孙中锋"}),
    # a verb or an adverb right after the title: no name
    ("会议召开\n副市长强调，要抓好落实。", set()),
    ("会议召开\n市民政局局长亲自部署。", set()),
    # 厅领导王五: a person without a post; 领导班子 is a body
    ("会议召开\n厅领导王五出席会议。", {"王五"}),
    ("会议召开\n市领导班子成员参加会议。", set()),
    # a transliterated name with a middle dot, and names without a Han surname
    ("会议召开\n自治区民政厅副厅长买买提·艾力出席。", {"买买提·艾力"}),
    ("会议召开\n州民政局局长吉克阿呷，副州长李四出席。", {"吉克阿呷", "李四"}),
    ("会议召开\n会议要求加强儿童主任队伍建设。", set()),
    # the chain in brackets after the name
    ("达拉特旗召开联席会议\n出席会议的有：敖登格日乐（旗委常委、副旗长）、王五（旗民政局局长）。", {"敖登格日乐", "王五"}),
    # a national leader written name first
    ("会议召开\n会议深入学习习近平总书记重要讲话精神。", {"习近平"}),
    # 之 in a given name (张之政); a title followed by 之 is no name
    ("会议召开\n市人民政府市长张之政出席会议。", {"张之政"}),
    ("会议召开\n两位副局长之一主持会议。", set()),
    # 以《…》为题 after a name ends it (许文静以《…》: not 文静以)
    ("会议召开\n安徽大学社会与政治学院副教授许文静以《社区治理》为题作专题讲座。", {"许文静"}),
    # a national body before a name-first title is no name (国务院总理: no 国 surname)
    ("会议召开\n中共中央政治局常委、国务院总理王五出席会议。", {"王五"}),
])
def test_people(run_component, text, expected):
    assert {p.name for p in run_component(text, "people").people} == expected


@pytest.mark.parametrize("text, expected", [
    ("会议召开\n会议深入学习习近平总书记重要讲话精神。", {("习近平", True)}),
    ("会议召开\n市民政局局长张三出席会议。", {("张三", False)}),
])
def test_cited_leaders(run_component, text, expected):
    assert {(p.name, p.referenced) for p in run_component(text, "people").people} == expected


@pytest.mark.parametrize("text, expected", [
    # each person of a shared chain has the chain; the first one's evidence starts at the title
    # (a relative name that nothing places is a body as written, and opens the chain)
    ("会议召开\n省民政厅副厅长张三、李四出席会议。", {("张三", ("副厅长",), "省民政厅副厅长张三"), ("李四", ("副厅长",), "李四")}),
    ("会议召开\n市民政局党组书记、局长欧阳明辉主持会议。", {("欧阳明辉", ("党组书记", "局长"), "市民政局党组书记、局长欧阳明辉")}),
    # a title with no name before a comma belongs to the next person's chain, which starts at its organisation
    ("上海召开会议\n市民政局党组成员、副局长，市老龄办主任张三出席会议。",
     {("张三", ("党组成员", "副局长", "主任"), "市民政局党组成员、副局长，市老龄办主任张三")}),
    # the article's own bureau (局) opens the chain
    ("会议召开\n来源：镇江市民政局\n镇江市民政局召开会议。局二级调研员张三出席。", {("张三", ("二级调研员",), "局二级调研员张三")}),
    # brackets: the evidence runs from the name to the closing bracket
    ("达拉特旗召开联席会议\n出席会议的有：敖登格日乐（旗委常委、副旗长）、王五（旗民政局局长）。",
     {("敖登格日乐", ("常委", "副旗长"), "敖登格日乐（旗委常委、副旗长）"), ("王五", ("局长",), "王五（旗民政局局长）")}),
])
def test_chains(run_component, text, expected):
    state = run_component(text, "people")
    got = {(c.name, tuple(link.title.title for link in c.chain), state.text[c.start:c.end]) for c in state.chains}
    assert got == expected


def test_members_of_a_party_group_are_no_person(run_component):
    """党组同志 are the members of a 党组, not a person of the 党 surname introduced by 同志."""
    state = run_component("会议召开\n民政部党组书记、部长李某主持。会上，党组同志逐一发言。", "identity")
    assert {label for etype, label in state.entities.values() if etype == "Person"} == {"李某"}
