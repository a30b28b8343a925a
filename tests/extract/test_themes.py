"""themes: the policy themes each meeting deploys, from keywords in its span (the first one owns the headline)."""
from __future__ import annotations

import pytest

HEAD = "会议召开\n5月8日，浙江省民政厅召开全省民政工作会议。"


@pytest.mark.parametrize("body, expected", [
    ("会议要求健全社会救助体系，发展养老服务。", {"社会救助", "养老服务"}),
    # a keyword that only names a kind of facility in a list is the object of other work
    ("会议要求加强养老机构、儿童福利机构等场所的消防安全检查。", {"安全生产"}),
    # a keyword inside an organisation's name (养老服务处) says nothing of the meeting
    ("厅养老服务处处长张三主持会议，部署殡葬改革工作。", {"殡葬管理"}),
    # a keyword inside a set phrase of another field (扶贫济困 is charity)
    ("会议号召扶贫济困，弘扬慈善文化。", {"慈善事业"}),
    # 清明祭扫 and 婚丧礼俗 are funeral work; the 第一议题 system is Party building
    ("会议传达清明节祭扫工作会议精神，要求严格执行第一议题制度。", {"殡葬管理", "党的建设"}),
    # a press conference is no publicity work of its own; 新闻发布工作 is
    ("新闻发布会介绍了有关情况。", set()),
    ("会议要求做好新闻发布工作。", {"民政宣传"}),
    ("会议强调抓好落实。", set()),
    # 社会治理 in civil-affairs work is grassroots governance
    ("会议要求突出社会治理创新，提升公共服务水平。", {"基层治理"}),
    # the Party's 社会工作部 is a department, not social work
    ("各县（市、区）委社会工作部、民政局分管负责同志参加会议。", set()),
])
def test_themes(run_component, body, expected):
    state = run_component(HEAD + body, "themes")
    assert {link.target.removeprefix("theme:") for link in state.theme_links} == expected
    assert {link.action for link in state.theme_links} <= {"deploys"}


@pytest.mark.parametrize("text, expected", [
    # the first meeting also owns the headline
    ("养老服务工作推进会召开\n5月8日，浙江省民政厅召开全省民政工作会议。会议强调抓好落实。",
     {("民政工作会议", "养老服务")}),
    # each meeting's themes come from its own span
    ("会议召开\n5月8日，浙江省民政厅召开全省民政工作会议，部署社会救助工作。\n5月9日，浙江省民政厅召开全省婚姻登记工作推进会。",
     {("民政工作会议", "社会救助"), ("婚姻登记工作推进会", "婚姻登记")}),
    # no meeting, no themes
    ("会议召开\n浙江省民政厅部署社会救助工作。", set()),
])
def test_themes_per_meeting(run_component, text, expected):
    state = run_component(text, "themes")
    got = {(link.meeting.removeprefix("meeting:").split("|")[0], link.target.removeprefix("theme:"))
           for link in state.theme_links}
    assert got == expected
