"""posts: one post per title of a chain, at its written, implied or inherited organisation."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    # 党组书记、局长张三: two posts at the bureau written before the chain
    ("会议召开\n扬州市民政局党组书记、局长张三出席会议。", {("张三", "党组书记", "扬州市民政局"), ("张三", "局长", "扬州市民政局")}),
    # 副市长 implies the city's 人民政府, 市委常委 its party committee
    ("扬州市召开会议\n市委常委、副市长李四出席会议。", {("李四", "常委", "中共扬州市委"), ("李四", "副市长", "扬州市人民政府")}),
    ("浙江召开会议\n副省长王五出席。", {("王五", "副省长", "浙江省人民政府")}),
    # a county-level city written before the title has its own government
    ("延边州召开会议\n敦化市副市长赵六出席会议。", {("赵六", "副市长", "敦化市人民政府")}),
    # a bare party department after a post on the committee is the committee's
    ("长治市潞州区召开会议\n区委常委、宣传部部长赵六出席会议。",
     {("赵六", "常委", "中共长治市潞州区委"), ("赵六", "部长", "中共长治市潞州区委宣传部")}),
    # a procuratorate's posts and its numbered department
    ("于都县召开会议\n县人民检察院党组成员、副检察长赵六出席。县人民检察院第四检察部主任钱七发言。",
     {("赵六", "党组成员", "于都县人民检察院"), ("赵六", "副检察长", "于都县人民检察院"),
      ("钱七", "主任", "于都县人民检察院第四检察部")}),
    # 厅党组书记 where only 民政部 is named: no post at the ministry
    ("会议召开\n12月25日下午，民政厅党组理论学习中心组举行学习会。厅党组书记蔡某主持并讲话。会议学习了民政部编印的材料。",
     set()),
    # a name, its title, then a second post in brackets (、林某副调研员（市慈善会秘书长）)
    ("梅州市召开会议\n市民政局何某局长、林某副调研员（市慈善会秘书长）参加了仪式。",
     {("何某", "局长", "梅州市民政局"), ("林某", "副调研员", "梅州市民政局"), ("林某", "秘书长", "梅州市慈善会")}),
    # a professor named between his college and his title, before the team he leads
    ("鄂州召开会议\n特邀华中师范大学陈某教授团队授课。", {("陈某", "教授", "华中师范大学")}),
    # a department's head in brackets after the name (赵六（市民政局…科科长）)
    ("大理市召开会议\n参加会议的有：赵六（市民政局区划地名和社会事务科科长）。",
     {("赵六", "科长", "大理市民政局区划地名和社会事务科")}),
    # in a county-level city's own article, 市 is that city
    ("宁乡市召开会议\n来源：宁乡市民政局\n市委常委、常务副市长周六出席会议。",
     {("周六", "常委", "中共宁乡市委"), ("周六", "常务副市长", "宁乡市人民政府")}),
    # 局党组书记: 局 is the article's own bureau
    ("会议召开\n来源：镇江市民政局\n镇江市民政局召开会议。局党组书记、局长孙七主持会议。",
     {("孙七", "党组书记", "镇江市民政局"), ("孙七", "局长", "镇江市民政局")}),
    # a title with no organisation takes the latest body of its kind
    ("会议召开\n张三来到无锡市儿童福利院，听取院长李四介绍。", {("李四", "院长", "无锡市儿童福利院")}),
    # 厅领导 introduces a person and holds no post
    ("会议召开\n厅领导王五出席会议。", set()),
    # a committee member's role names the committee; a town head is the same town's government
    ("桐乡市召开会议\n桐乡市濮院镇召开会议。镇党委委员、副镇长王芳出席会议。",
     {("王芳", "党委委员", "中共桐乡市濮院镇委员会"), ("王芳", "副镇长", "桐乡市濮院镇人民政府")}),
    # a chain across a comma, and 兼: each title at its own organisation
    ("上海召开会议\n市民政局党组成员、副局长，市老龄办主任张三出席会议。",
     {("张三", "党组成员", "上海市民政局"), ("张三", "副局长", "上海市民政局"), ("张三", "主任", "上海市老龄工作委员会办公室")}),
    ("安徽召开会议\n省民政厅党组书记、厅长兼省老龄办主任李四出席会议。",
     {("李四", "党组书记", "安徽省民政厅"), ("李四", "厅长", "安徽省民政厅"), ("李四", "主任", "安徽省老龄工作委员会办公室")}),
    # a department head at the department; a professor at the college
    ("会议召开\n嘉兴市民政局养老服务处处长王五主持。", {("王五", "处长", "嘉兴市民政局养老服务处")}),
    ("会议召开\n南京大学社会学院教授王五授课。", {("王五", "教授", "南京大学社会学院")}),
    # a university the dictionary does not know, named before an academic title from the word that opens it
    ("会议召开\n会议特邀韩山师范学院马克思主义学院副教授王五作专题辅导。",
     {("王五", "副教授", "韩山师范学院马克思主义学院")}),
    # those elected at an association's council: its 秘书长 and 监事长 too (not a centre's 理事长)
    ("会议召开\n当天，衢州市社会工作联合会召开理事会，选举王五为会长，赵六为秘书长。监事会推选钱七为监事长。",
     {("王五", "会长", "衢州市社会工作联合会"), ("赵六", "秘书长", "衢州市社会工作联合会"),
      ("钱七", "监事长", "衢州市社会工作联合会")}),
    # 兼办公室主任 after a leading group's post: that group's office, not the bureau's
    ("松桃苗族自治县召开会议\n来源：松桃苗族自治县民政局\n县民政局局长，县未成年人保护工作领导小组副组长兼办公室主任王五通报情况。",
     {("王五", "局长", "松桃苗族自治县民政局"), ("王五", "副组长", "松桃苗族自治县未成年人保护工作领导小组"),
      ("王五", "办公室主任", "松桃苗族自治县未成年人保护工作领导小组")}),
    # the bureau's 机关党委, written bare before its secretary's title (no 党委 of a town is taken so)
    ("河南召开会议\n来源：河南省民政厅\n会上，机关党委专职副书记王五通报了考核情况；镇党委书记赵六发言。",
     {("王五", "专职副书记", "河南省民政厅机关党委")}),
    # a 地区 names its bodies relatively (地区民政局), and its government is the 行政公署
    ("和田地区召开会议\n来源：和田地区民政局\n地区行署副专员王五出席，地区民政局社会救助科科长阿依努尔·艾山通报情况。",
     {("王五", "副专员", "和田地区行政公署"), ("阿依努尔·艾山", "科长", "和田地区民政局社会救助科")}),
    ("会议召开\n会上，贵州民族大学民族学与社会学学院讲师王五授课。", {("王五", "讲师", "贵州民族大学民族学与社会学学院")}),
    # brackets after the name
    ("达拉特旗召开联席会议\n出席会议的有：敖登格日乐（旗委常委、副旗长）。",
     {("敖登格日乐", "常委", "中共达拉特旗委员会"), ("敖登格日乐", "副旗长", "达拉特旗人民政府")}),
    # a name before its title after the place it serves (滨湖区王五区长), or after 根据 (根据赵六市长关于…)
    ("无锡市召开会议\n滨湖区王五区长参加座谈。会议根据赵六市长关于养老服务的要求部署工作。",
     {("王五", "区长", "无锡市滨湖区人民政府"), ("赵六", "市长", "无锡市人民政府")}),
    # a 副市长 in an article that never names its city: the city's government as written, or 市人民政府
    ("会议召开\n市政府召开推进会。副市长王五主持会议。", {("王五", "副市长", "市政府")}),
    ("会议召开\n全市民政工作视频会议召开。副市长王五出席并讲话。", {("王五", "副市长", "市人民政府")}),
    # a 副州长 in a county-level city's article serves the 州 above it
    ("禄丰市召开会议\n副州长王五一行到禄丰市调研，禄丰市人民政府副市长赵六陪同。",
     {("王五", "副州长", "楚雄彝族自治州人民政府"), ("赵六", "副市长", "禄丰市人民政府")}),
    # a centre of the ministry, its head's name before the title
    ("会议召开\n由民政部减灾中心王五主任带领的工作组深入灾区。", {("王五", "主任", "民政部减灾中心")}),
    # a party school's heads
    ("聊城市召开会议\n市委党校常务副校长王五、副校长赵六出席。",
     {("王五", "常务副校长", "中共聊城市委党校"), ("赵六", "副校长", "中共聊城市委党校")}),
    # visitors to a district are not of its bureau (局领导赴滨湖区调研…滨湖区民政局汇报)
    ("局领导赴滨湖区调研\n王五局长率队赴滨湖区调研，听取了滨湖区民政局工作汇报。", set()),
])
def test_posts(run_component, text, expected):
    assert {(p.name, p.role, p.org) for p in run_component(text, "posts").posts} == expected


@pytest.mark.parametrize("text, expected", [
    ("扬州市召开会议\n市委常委、副市长李四出席会议。", {("常委", "321000"), ("副市长", "321000")}),
    ("桐乡市召开会议\n桐乡市濮院镇召开会议。镇党委委员、副镇长王芳出席会议。",
     {("党委委员", "street:330483:濮院镇"), ("副镇长", "street:330483:濮院镇")}),
])
def test_post_places(run_component, text, expected):
    assert {(p.role, p.org_place) for p in run_component(text, "posts").posts} == expected
