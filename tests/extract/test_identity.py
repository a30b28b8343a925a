"""identity: person keys (name | province), cited leaders, mentions recorded once, post facts."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    # the province of the person's first post's organisation
    ("会议召开\n扬州市民政局局长张三出席会议。", {"张三": "person:张三|320000"}),
    # no post: the article's province, else the nation
    ("浙江召开会议\n张三同志出席会议。", {"张三": "person:张三|330000"}),
    ("会议召开\n张三同志出席会议。", {"张三": "person:张三|cn"}),
    # a post at a town: the province of the town's county
    ("桐乡市召开会议\n桐乡市濮院镇召开会议。镇党委委员、副镇长王芳出席会议。", {"王芳": "person:王芳|330000"}),
    # no title chain and no 同志: no one
    ("会议召开\n会议强调抓好落实。", {}),
])
def test_person_keys(run_component, text, expected):
    assert run_component(text, "identity").person_key == expected


@pytest.mark.parametrize("text, expected", [
    ("会议召开\n会议学习习近平总书记重要讲话精神。", {"习近平"}),
    # a person in the room is not cited
    ("会议召开\n市民政局局长张三出席会议。", set()),
])
def test_cited(run_component, text, expected):
    assert run_component(text, "identity").cited == expected


@pytest.mark.parametrize("text, expected", [
    # every later mention of a known name, and 姓 + title back-references
    ("会议召开\n南京市民政局召开会议。局长张三出席，张局长强调落实。", [("张三", "张三"), ("张局长", "张三")]),
    ("扬州市召开会议\n市委常委、副市长李四出席会议。李副市长指出，要抓落实。", [("李四", "李四"), ("李副市长", "李四")]),
    ("会议召开\n江苏省民政厅副厅长王五出席会议，王五强调要抓好落实。", [("王五", "王五"), ("王五", "王五")]),
    # a surname + title that fits no known person's post is no one
    ("会议召开\n南京市民政局召开会议。局长张三出席，张副市长强调落实。", [("张三", "张三")]),
])
def test_person_mentions(run_component, text, expected):
    state = run_component(text, "identity")
    got = [(state.text[m.start:m.end], m.label) for m in state.mentions if m.type == "Person"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # no person inside a document's title, nor over a street's name after 和
    ("会议召开\n要贯彻《社区工作者管理办法》。", set()),
    ("会议召开\n局属单位负责人和平安街道民政工作负责人参加会议。", set()),
    # the tail of a longer title is no name after the shorter one inside it (二级主任科员)
    ("蜀山区召开会议\n区民政局二级主任科员、养老服务科科长王五出席会议。", {"王五"}),
])
def test_no_person_there(run_component, text, expected):
    state = run_component(text, "identity")
    assert {m.label for m in state.mentions if m.type == "Person"} == expected


@pytest.mark.parametrize("text, expected", [
    ("会议召开\n杭州市民政局召开会议。", {("杭州市", "place:330100")}),
    # a place inside a person's name is not a mention of its own
    ("会议召开\n杭州市民政局局长王杭州出席会议。", {("杭州市", "place:330100")}),
    # nor is a place inside a document's title
    ("会议召开\n会议学习《南京市养老服务条例》。", set()),
    # a street is recorded under its own key
    ("湖州市召开会议\n南浔区练市镇召开会议。", {("湖州市", "place:330500"), ("南浔区", "place:330503"),
                                      ("练市镇", "street:330503:练市镇")}),
    # nor a region inside a national body's name (the 兵团 is no part of the region's government)
    ("全国会议召开\n3月26日，民政部召开全国视频会议。各省（区、市）和新疆生产建设兵团设分会场。", set()),
])
def test_place_mentions(run_component, text, expected):
    state = run_component(text, "identity")
    assert {(state.text[m.start:m.end], m.key) for m in state.mentions if m.type == "Place"} == expected


@pytest.mark.parametrize("text, expected", [
    ("扬州市召开会议\n市委常委、副市长李四出席会议。",
     {("person:李四|320000", "常委", "org:中共扬州市委"), ("person:李四|320000", "副市长", "org:扬州市人民政府")}),
    ("会议召开\n扬州市民政局党组书记、局长张三出席会议。",
     {("person:张三|320000", "党组书记", "org:扬州市民政局"), ("person:张三|320000", "局长", "org:扬州市民政局")}),
])
def test_post_facts(run_component, text, expected):
    state = run_component(text, "identity")
    assert {(p.person, p.role, p.org) for p in state.post_facts} == expected
    # an organisation only implied by a title (扬州市人民政府) is still an entity, placed in its division
    for _, _, org in expected:
        assert state.entities[org][0] == "Organization"
        assert state.org_places[org] == "place:321000"


@pytest.mark.parametrize("text, expected", [
    # 市民政局 named 南通市民政局: its 市 mentions the article's city
    ("会议召开\n来源：南通市民政局\n6月24日，市民政局召开推进会。", [("南通市", "南通市"), ("市", "南通市")]),
    # written out, the place has its own mention (and no second one from the org)
    ("会议召开\n6月24日，南通市民政局召开推进会。", [("南通市", "南通市")]),
])
def test_place_mentions(run_component, text, expected):
    state = run_component(text, "identity")
    got = [(state.text[m.start:m.end], m.label) for m in state.mentions if m.type == "Place"]
    assert got == expected
