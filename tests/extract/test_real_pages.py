"""Rule families met on real crawled pages, each component run alone on a prepared state.

Sentences are written for these tests (invented people, real divisions).
"""
from __future__ import annotations

import pytest

from mzgraph.reader import split_articles


def _posts(state):
    return {(p.name, p.role, p.org) for p in state.posts}


def _parts(state):
    names = {k: v[1] for k, v in state.entities.items()}
    return {(names[p.participant], p.kind) for p in state.participations}


@pytest.mark.parametrize("text, expected", [
    # the name before its title, with the organisation right before the name
    ("会议召开\n来源：扬州市民政局\n市民政局陈晓明局长主持会议。", {("陈晓明", "局长", "扬州市民政局")}),
    # a list of name-title items keeps the first item's organisation
    ("会议召开\n来源：扬州市民政局\n市民政局陈晓明副局长、刘芳四级调研员参加会议。",
     {("陈晓明", "副局长", "扬州市民政局"), ("刘芳", "四级调研员", "扬州市民政局")}),
    # a bare 局长 before the verb is the article's own bureau
    ("扬州市民政局召开推进会\n会上，周建华局长通报了全年工作。", {("周建华", "局长", "扬州市民政局")}),
    # 副市长 after the name implies the city's government
    ("扬州市召开会议\n孙立新副市长出席会议并讲话。", {("孙立新", "副市长", "扬州市人民政府")}),
    # words of a name's shape are not names (全体局长), and a title inside a longer one has no name before it
    ("扬州市民政局召开会议\n全体局长参加会议。党组书记出席。", set()),
])
def test_name_before_title(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


@pytest.mark.parametrize("text, expected", [
    # relative names where nothing fixes the place keep the text's own form
    ("省民政厅召开党组会议\n会议传达了有关精神。", {"省民政厅"}),
    # national bodies named in full; 民政部门 is a generic word
    ("全国会议召开\n国务院、民政部有关负责同志出席，各级民政部门参加。", {"国务院", "民政部"}),
    # institutions and associations under a relative place that nothing fixes are written as the text writes them
    ("某市召开调度会\n各业务科室、市福彩中心主要负责同志汇报了工作。县社会福利中心、区慈善总会负责人参加。",
     {"市福彩中心", "县社会福利中心", "区慈善总会"}),
    # a county bureau's 股 is its department, as a city bureau's 科
    ("开江县召开换届培训会议\n副县长黄某某主持会议。县民政局社会事务股相关负责人讲解了选举程序。",
     {"开江县民政局", "开江县民政局社会事务股"}),
    # a company names no place for the article
    ("会议召开\n北京某某科技有限公司负责人参加。市民政局主持。", {"北京某某科技有限公司", "市民政局"}),
    # county bureaus under their current names, with the attendee list going on past them
    ("石柱县召开推进会\n县规划和自然资源局、县交通运输委员会、县科技局负责同志参加。",
     {"石柱土家族自治县规划和自然资源局", "石柱土家族自治县交通运输委员会", "石柱土家族自治县科学技术局"}),
    # associations named by their trade, a relative district before them; a named foundation under a short place name
    ("长春市召开推进会\n长春市养老服务业协会、长春市软件和信息服务业商会和吉林康乐公益基金会发言。",
     {"长春市养老服务业协会", "长春市软件和信息服务业商会", "吉林康乐公益基金会"}),
    ("长春市南关区民政局召开推进会\n区婚庆行业协会发言。", {"长春市南关区民政局", "长春市南关区婚庆行业协会"}),
    # 团区委 in an autonomous region's own article is the region's Youth League committee
    ("自治区召开视频会议\n来源：内蒙古自治区民政厅\n自治区教育厅、团区委有关负责同志参会。",
     {"内蒙古自治区民政厅", "内蒙古自治区教育厅", "共青团内蒙古自治区委员会"}),
    # a city bureau's branch written after it, with the district's short name
    ("甘井子区召开会议\n区教育局、大连市公安局甘井子分局作交流发言。",
     {"大连市甘井子区教育局", "大连市公安局", "大连市公安局甘井子分局"}),
    # a district's public-security branch is named by its city's bureau
    ("铜仁市碧江区召开联席会议\n区公安分局、碧江区公安分局负责人参加。", {"铜仁市公安局碧江区分局"}),
    ("沈阳市召开会议\n和平区、皇姑区公安分局参加。", {"沈阳市公安局和平区分局", "沈阳市公安局皇姑区分局"}),
])
def test_organizations_on_real_pages(text, expected, run_component):
    assert {o.label for o in run_component(text, "organizations").orgs} == expected


@pytest.mark.parametrize("text, expected", [
    # counties taking part stand for their governments
    ("扬州市召开全市养老服务推进会\n会上，宝应县、高邮市作交流发言。", {("宝应县人民政府", "spoke"), ("高邮市人民政府", "spoke")}),
    # a staff list: the people speak, their units do not
    ("宝应县民政局召开调度会\n氾水镇民政科王晓东同志、曹甸镇民政科李红同志、区划地名办公室赵磊同志分别汇报工作。",
     {("王晓东", "spoke"), ("李红", "spoke"), ("赵磊", "spoke")}),
    # 带头领学 is speech
    ("扬州市民政局召开干部职工大会\n市民政局党组书记、局长张建国带头领学。",
     {("张建国", "spoke")}),
    # the bureau's own sections listed with one of its institutions before the people they send
    ("宝应县民政局召开务虚会\n社会救助股、养老服务股和县社会福利院负责人依次发言。",
     {("宝应县民政局社会救助股", "spoke"), ("宝应县民政局养老服务股", "spoke"), ("宝应县社会福利院", "spoke")}),
    # bureaus and towns that attend through the people of "such pilot towns" (等试点镇分管负责同志)
    ("宝应县召开婚俗改革推进会\n县司法局及氾水镇、曹甸镇等试点镇分管负责同志，各村（社区）代表共60余人参加会议。",
     {("宝应县司法局", "attended"), ("氾水镇", "attended"), ("曹甸镇", "attended")}),
    # 和 joins the list before a street whose name would otherwise read as a city (和龙): both streets speak
    ("九龙坡区召开未成年人保护工作推进会\n区公安分局、区人民检察院和龙泉街道、石坪桥街道分别作交流发言。",
     {("重庆市公安局九龙坡区分局", "spoke"), ("重庆市九龙坡区人民检察院", "spoke"), ("龙泉街道", "spoke"),
      ("石坪桥街道", "spoke")}),
])
def test_participation_on_real_pages(text, expected, run_component):
    assert _parts(run_component(text, "participation")) == expected


@pytest.mark.parametrize("text, expected", [
    # the days between the name and the verb, the month from the dateline
    ("会议在北京举行\n本报北京11月24日电 第一次全国民政工作会议23日至24日在北京举行。",
     [("第一次全国民政工作会议", "")]),
    # a fragment or a reference back is no meeting of its own
    ("扬州市召开推进会\n11月1日，全市养老服务推进会召开。随后召开的推进会上，各县作交流发言。会议指出，两会是在开局之年召开的一次重要会议。",
     [("全市养老服务推进会", "")]),
    # a bare 座谈会 held on a visit
    ("副市长赴市民政局调研\n12月17日，副市长赴市民政局调研并召开座谈会。", [("座谈会", "")]),
])
def test_meetings_on_real_pages(text, expected, run_component):
    state = run_component(text, "meetings")
    assert [(m.label, "") for m in state.meetings] == expected


@pytest.mark.parametrize("line, published", [
    ("时间：2023-03-20 来源：办公室", "2023-03-20"),
    ("更新时间：2019-11-01 20:03:37", "2019-11-01"),
    ("09.02.2017 20:36", "2017-02-09"),
    ("（2024-12-18 ）", "2024-12-18"),
    ("http://www.example.cn 2006年11月25日06:26 某某日报", "2006-11-25"),
])
def test_datelines(line, published):
    (article,) = split_articles(f"标题\n{line}\n正文。", "t.txt")
    assert article.published == published


def test_day_dates_take_the_dateline_month(run_component):
    state = run_component("会议在北京举行\n发布时间：2006-11-25\n第一次全国民政工作会议23日至24日在北京举行。", "meetings")
    assert [m.date for m in state.meetings] == ["2006-11-23"]


def test_section_headings_stay_in_their_article():
    text = "# 某县召开推进会\n\n11月7日，推进会召开。\n\n## 通报进展 交流经验\n\n会上，甲镇作交流发言。\n\n## 乙市召开座谈会\n\n座谈会召开。"
    titles = [a.title for a in split_articles(text, "t.md")]
    assert titles == ["某县召开推进会", "乙市召开座谈会"]
    assert "通报进展 交流经验" in split_articles(text, "t.md")[0].text


@pytest.mark.parametrize("text, expected", [
    # a status in brackets between the title and the name
    ("扬州市召开会议\n市民政局副局长（挂职）陈立新主持会议。", {("陈立新", "副局长", "扬州市民政局")}),
    # 兼 ends the name of the unit whose head's title follows
    ("扬州市召开会议\n市民政局党组成员、副局长兼社会事务处处长王建华出席。",
     {("王建华", "党组成员", "扬州市民政局"), ("王建华", "副局长", "扬州市民政局"),
      ("王建华", "处长", "扬州市民政局社会事务处")}),
    # appointments
    ("扬州市民政局召开党组会议\n经研究，任命李文为市社会福利院院长。", {("李文", "院长", "扬州市社会福利院")}),
    # an election: the council's term is read past, the clauses after it appoint to the same body, 兼 adds a post
    ("宝应县慈善会召开理事会\n会议选举周明为县慈善会第二届理事会会长，吴刚、郑丽等3人为副会长，钱进为常务副会长兼秘书长。",
     {("周明", "会长", "宝应县慈善会"), ("吴刚", "副会长", "宝应县慈善会"), ("郑丽", "副会长", "宝应县慈善会"),
      ("钱进", "常务副会长", "宝应县慈善会"), ("钱进", "秘书长", "宝应县慈善会")}),
])
def test_posts_on_real_pages(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


@pytest.mark.parametrize("text, expected", [
    # long names without a surname before a verb; a meeting's name is never one
    ("内蒙古召开会议\n自治区民政厅副厅长乌力吉巴雅尔出席会议。", {"乌力吉巴雅尔"}),
    ("扬州市召开会议\n婚姻登记员业务培训班在扬州举行。", set()),
    # a word of a name's shape after a title is no name (常 is a surname, 常态化 a word; 王某 is no full name)
    ("全省会议召开\n王某强调，各地要会同教育、公安、共青团、妇联等部门，加强困境儿童和农村留守儿童的监护指导和安全教育；"
     "要推动儿童督导员、儿童主任常态化走访，落实困境儿童动态管理。", set()),
    # a community's social worker is named after the word, which is no post
    ("河西区召开座谈会\n红星里社区社工王小雨先后发言。社工项目化运作。", {"王小雨"}),
])
def test_people_on_real_pages(text, expected, run_component):
    assert {p.name for p in run_component(text, "people").people} == expected


def test_markdown_link_lines_are_chrome():
    (article,) = split_articles("# 某市召开会议\n\n会议召开。\n\n- [某市召开民政工作会议](https://example.org/a)\n", "t.md")
    assert "民政工作会议" not in article.text


def test_a_masthead_dates_the_page_and_a_bare_day_takes_its_month(run_component):
    text = ("某某日报　2024年11月28日　第02版：区县新闻\n（上接第一版）在27日召开的全区冬春救助工作会议上，"
            "区委常委、常务副区长王建华提出明确要求。")
    (meeting,) = run_component(text, "meetings").meetings
    assert (meeting.label, meeting.date) == ("全区冬春救助工作会议", "2024-11-27")


@pytest.mark.parametrize("text, expected", [
    # a bare 党组成员 takes the body of the bare title after it; ranks alone are the article's own bureau's
    ("宝应县民政局召开会议\n县民政局局长王强主持，党组成员、副局长李静，党组成员、二级调研员赵亮，四级调研员孙红参加学习。",
     {("王强", "局长", "宝应县民政局"), ("李静", "党组成员", "宝应县民政局"), ("李静", "副局长", "宝应县民政局"),
      ("赵亮", "党组成员", "宝应县民政局"), ("赵亮", "二级调研员", "宝应县民政局"), ("孙红", "四级调研员", "宝应县民政局")}),
    # a 党组成员 heading an institution is still a member of the article's own bureau's party group
    ("宝应县民政局召开会议\n县民政局局长王强主持，党组成员、县社会福利院院长钱程参加。",
     {("王强", "局长", "宝应县民政局"), ("钱程", "党组成员", "宝应县民政局"), ("钱程", "院长", "宝应县社会福利院")}),
    # a department's head named without a Han surname is still that department's
    ("青海省民政厅召开会议\n会上，养老服务处处长李文斌汇报工作，社会救助处处长才让卓玛通报了进展。",
     {("李文斌", "处长", "青海省民政厅养老服务处"), ("才让卓玛", "处长", "青海省民政厅社会救助处")}),
    # a bare 街道办事处 after a bureau's official is the office of the street the article is about
    ("玉林街道召开推进会\n武侯区民政局副局长杨某到会指导，街道办事处副主任何静主持会议。",
     {("杨某", "副局长", "成都市武侯区民政局"), ("何静", "副主任", "成都市武侯区玉林街道办事处")}),
    # a bureau inside the 厅 named by the 厅's last character, before its head's title
    ("广西召开培训班\n来源：广西壮族自治区民政厅\n厅社会组织管理局局长黄某作报告，县民政局局长韦某参加。",
     {("黄某", "局长", "广西壮族自治区民政厅社会组织管理局"), ("韦某", "局长", "县民政局")}),
    # a former post before a written body is not that body's
    ("泉州市慈善总会召开理事会\n市人大常委会原副主任、市慈善总会会长傅某某主持会议。", {("傅某某", "会长", "泉州市慈善总会")}),
])
def test_bare_titles_find_their_body(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


def test_a_study_session_of_the_theory_group_is_a_meeting(run_component):
    state = run_component("宝应县民政局党组理论学习中心组举行集体学习\n5月6日，县民政局党组理论学习中心组举行2025年第三次集体学习。"
                          "党组成员、副局长李静参加学习。", "participation")
    assert [m.label for m in state.meetings] == ["2025年第三次集体学习"]
    assert _parts(state) == {("李静", "attended")}


def test_a_relative_headline_takes_the_one_county_named_below(run_component):
    # 区民政局… under the city's site, the district named only in the last paragraph, by its old name
    state = run_component("区民政局召开民主生活会\n来源：三明市民政局\n区民政局党组召开民主生活会。区委组织部有关同志列席。"
                          "\n会议要求推动沙县民政工作再上新台阶。", "organizations")
    assert {o.label for o in state.orgs} >= {"三明市沙县区民政局", "中共三明市沙县区委组织部"}


def test_listed_streets_take_part_as_one_body_with_their_office(run_component):
    # 建设街道 is a street's name inside a list; 林荫街道 and 林荫街道办事处 are one body
    state = run_component("东胜区民政局召开社区治理工作座谈会\n9月1日，东胜区民政局召开社区治理工作座谈会。"
                          "林荫街道、建设街道分管负责同志参加座谈。林荫街道办事处副主任其其格作交流发言。", "participation")
    assert _parts(state) == {("鄂尔多斯市东胜区林荫街道办事处", "attended"), ("建设街道", "attended"),
                             ("其其格", "spoke")}


def test_a_site_footer_is_no_part_of_the_article():
    (article,) = split_articles("某区召开会议\n会议召开。\n版权所有：某区民政局 地址：某区铁西街道1号\n"
                                "蒙ICP备12345678号 技术支持：某公司\n", "t.txt")
    assert "铁西街道" not in article.text and "ICP" not in article.text


def test_a_page_that_names_its_district_relatively_takes_the_one_county_named(run_component):
    # a newspaper page: no headline place, 区委常委 in the text and the district named only in the body
    state = run_component("定西日报　2024年11月28日　第02版：区县新闻\n（上接第一版）困难群众能否温暖过冬，是一把尺子。去年，安定区出台细则。"
                          "在27日召开的全区冬春救助工作会议上，区委常委、常务副区长王建国提出要求。", "posts")
    assert _posts(state) == {("王建国", "常委", "中共定西市安定区委"), ("王建国", "常务副区长", "定西市安定区人民政府")}


def _org_labels(state):
    return {o.label for o in state.orgs}


@pytest.mark.parametrize("text, expected", [
    # the Youth League written in full, with its place
    ("会议召开\n共青团南京市委员会书记吴涛出席。", {"共青团南京市委员会"}),
    # an office of a government named by its field, and the civilisation office, at the city not at a bureau
    ("南京召开会议\n来源：南京市民政局\n市人民政府合作交流办公室主任马骏、市精神文明建设委员会办公室副主任孔亮出席。",
     {"南京市民政局", "南京市人民政府", "南京市人民政府合作交流办公室", "南京市精神文明建设委员会办公室"}),
    # a government calling a meeting has no office named by it
    ("南京召开会议\n南京市人民政府在会议室召开会议，市政府办公室负责同志参加。",
     {"南京市人民政府", "南京市人民政府办公室"}),
])
def test_named_offices_and_the_youth_league(text, expected, run_component):
    assert _org_labels(run_component(text, "organizations")) == expected


@pytest.mark.parametrize("text, expected, people", [
    # a status before a title is inside the chain: no person 原副, and a former post (原) is no post now
    ("南京召开会议\n来源：南京市民政局\n市政协原副主席钱德贵、市慈善总会会长严明出席。", {("严明", "会长", "南京市慈善总会")},
     {"钱德贵", "严明"}),
    # advisers and company heads are titles
    ("南京召开会议\n来源：南京市慈善总会\n市慈善总会高级顾问冯志刚出席。", {("冯志刚", "高级顾问", "南京市慈善总会")},
     {"冯志刚"}),
])
def test_status_and_adviser_titles(text, expected, people, run_component):
    state = run_component(text, "posts")
    assert _posts(state) == expected
    assert {p.name for p in state.people} == people


@pytest.mark.parametrize("text, expected", [
    # people listed with their posts, one after another after commas, then the verb: all of them attended
    ("南京召开会议\n9月2日，南京市民政局召开全市慈善工作会议。市民政局局长许平，市慈善总会会长严明，挂职副市长"
     "柏涛等领导参加。", {("许平", "attended"), ("严明", "attended"), ("柏涛", "attended")}),
    # a cue inside a body's name (合作交流办公室) is no speech of the people listed before it
    ("南京召开会议\n9月2日，南京市民政局召开全市慈善工作会议。市政协原副主席钱德贵，市人民政府合作交流办公室"
     "主任马骏出席。", {("钱德贵", "attended"), ("马骏", "attended")}),
])
def test_comma_lists_of_titled_people(text, expected, run_component):
    assert _parts(run_component(text, "participation")) == expected


def test_a_meeting_name_starts_after_its_hosts_and_their_verb(run_component):
    """由A、B共同主办举行的NAME在…举行: the name starts after 主办举行的; A and B organise it."""
    text = ("南京召开会议\n9月2日，由南京市民政局、市慈善总会共同主办举行的第五届“金陵慈善奖”表彰大会在南京举行。")
    (meeting,) = run_component(text, "meetings").meetings
    assert meeting.label == "第五届“金陵慈善奖”表彰大会"


@pytest.mark.parametrize("text, expected", [
    # 该乡: the town the article is about, for its head and its party committee
    ("洪河乡召开会议\n5月6日，西平县洪河乡召开殡葬改革推进会。该乡乡长郑某某、该乡党委书记鲁某某出席。",
     {("郑某某", "乡长", "西平县洪河乡人民政府"), ("鲁某某", "书记", "中共西平县洪河乡委员会")}),
    # the inspection group a discipline commission stations in another body
    ("大悟县召开会议\n来源：大悟县民政局\n县纪委监委派驻县民政局纪检监察组组长汪某某出席。",
     {("汪某某", "组长", "大悟县纪委监委派驻县民政局纪检监察组")}),
])
def test_town_heads_and_stationed_groups(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


@pytest.mark.parametrize("text, expected", [
    # each unit on its own topic, then one speech verb for the list
    ("大姚县召开会议\n5月6日，大姚县召开殡葬改革推进会。石羊镇就公墓建设、金碧镇就移风易俗作了交流发言。",
     {("石羊镇", "spoke"), ("金碧镇", "spoke")}),
    # a summing-up meeting (工作总结会) that a town holds is no summing-up by the town
    ("洪河乡召开会议\n5月6日，西平县洪河乡召开第三季度殡葬改革工作总结会。", set()),
])
def test_topics_and_summing_up_meetings(text, expected, run_component):
    assert _parts(run_component(text, "participation")) == expected


def test_a_political_consultative_conference_is_named_in_full_and_is_no_person(run_component):
    """区政协 → 中国人民政治协商会议六安市金安区委员会 (the place inside the name); 区政协主席李某: 区政协 is no name."""
    state = run_component("六安市召开会议\n金安区政协主席李某、市政协副主席詹某出席。", "posts")
    assert _posts(state) == {("李某", "主席", "中国人民政治协商会议六安市金安区委员会"), ("詹某", "副主席", "中国人民政治协商会议六安市委员会")}
    assert {p.name for p in state.people} == {"李某", "詹某"}


@pytest.mark.parametrize("text, expected", [
    # a bureau written with no place in a county's article is the county's
    ("衡山县召开民政工作会议\n4月2日，衡山县召开全县民政工作会议。会上，民政局局长邓某作工作报告。",
     {("邓某", "局长", "衡山县民政局")}),
    # but not one after a bracket of a generic list (各县（市、区）民政局)
    ("衡阳市召开民政工作会议\n4月2日，衡阳市召开全市民政工作会议。各县（市、区）民政局局长参加会议。", set()),
])
def test_a_bare_bureau_is_the_articles_own(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


def test_names_before_titles_at_bodies_no_rule_names_stay_on_the_list(run_component):
    """A、B副局长、某协会党建部C副部长、D副局长出席: a body no rule names does not end the list."""
    text = ("民政部召开座谈会\n1月8日，民政部在北京召开 “社会组织高质量发展座谈会”，民政部社会组织管理局孟某局长、"
            "伍某、顾某副局长、行业协会党建部庞立新副部长、商会党建局霍建华副局长出席会议。庞立新、霍建华分别发言。")
    state = run_component(text, "participation")
    assert {(n, k) for n, k in _parts(state)} == {(n, "attended") for n in ("孟某", "伍某", "顾某", "庞立新", "霍建华")} | {("庞立新", "spoke"), ("霍建华", "spoke")}
    assert [m.label for m in state.meetings] == ["社会组织高质量发展座谈会"]


def test_a_new_year_gathering_is_a_meeting(run_component):
    text = "白银市召开联谊会\n1月20日，白银市民政局召开全市社会组织表彰授牌暨新春联谊会。"
    assert [m.label for m in run_component(text, "meetings").meetings] == ["全市社会组织表彰授牌暨新春联谊会"]


@pytest.mark.parametrize("text, people", [
    # the city's name before its committee's post is no person's
    ("简阳市召开会议\n5月6日，简阳市召开民政工作会议。简阳市委常委、宣传部长卢建国同志出席会议并讲话。", {"卢建国"}),
    # 都要 after a leader's title is a verb, not a name
    ("郑州市召开座谈会\n每到一处，王厅长都要详细询问孩子们的情况。", set()),
])
def test_words_of_a_names_shape_before_and_after_titles(text, people, run_component):
    assert {p.name for p in run_component(text, "people").people} == people


@pytest.mark.parametrize("text, expected", [
    # a bureau after a list of places and their level is each place's
    ("四川召开座谈会\n来源：四川省民政厅\n会上，乐山、眉山、凉山等市（州）民政局局长作了发言。",
     {"四川省民政厅", "乐山市民政局", "眉山市民政局", "凉山彝族自治州民政局"}),
    # the inspection group stationed in the article's own bureau, named with the commission that stations it
    ("山东省民政厅召开学习会\n来源：山东省民政厅\n厅党组成员、驻厅纪检监察组组长鞠某某出席。",
     {"山东省民政厅", "山东省纪委监委驻山东省民政厅纪检监察组"}),
])
def test_listed_places_bureaus_and_the_stationed_group(text, expected, run_component):
    assert _org_labels(run_component(text, "organizations")) == expected


def test_an_acting_governor_is_at_the_government(run_component):
    text = "青海召开会议\n来源：青海省民政厅\n传达了省委书记吴某某和代省长罗某某的讲话精神。"
    assert ("罗某某", "代省长", "青海省人民政府") in _posts(run_component(text, "posts"))


@pytest.mark.parametrize("text, expected", [
    # the body's last character opens the title (宣传部长 = 宣传部 + 部长)
    ("扬州市召开会议\n5月6日，扬州市召开全市民政工作会议。市委常委、宣传部长李某某出席会议。",
     {("李某某", "常委", "中共扬州市委"), ("李某某", "部长", "中共扬州市委宣传部")}),
    # a group company, named from its place
    ("梅州召开仪式\n7月11日，深圳海王集团在梅州市儿童福利院举行捐赠仪式。上海九如城集团总经理董某某出席。",
     {("董某某", "总经理", "上海九如城集团")}),
])
def test_shared_characters_and_group_companies(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


def test_a_body_on_an_attendee_list_through_its_heads_bare_title(run_component):
    text = ("山东召开学习会\n来源：山东省民政厅\n5月6日，山东省民政厅召开党组理论学习中心组学习会。"
            "厅领导班子成员，省福利彩票发行中心主任，二级巡视员参加会议。")
    assert ("山东省福利彩票发行中心", "attended") in _parts(run_component(text, "participation"))


def test_and_joins_two_people_it_opens_no_name(run_component):
    text = "青海召开会议\n来源：青海省民政厅\n会上，吴晓军书记和罗东川代省长作了讲话。"
    assert {p.name for p in run_component(text, "people").people} == {"吴晓军", "罗东川"}


def test_a_government_office_written_short_and_a_party_department_after_the_deputy_secretary(run_component):
    text = ("衡山县召开民政工作会议\n4月22日，衡山县召开全县民政工作会议，会议由政府办副主任杨某某主持。"
            "县委副书记、政法委书记张某某，县政府办主任刘某某出席。")
    assert _posts(run_component(text, "posts")) == {
        ("杨某某", "副主任", "衡山县人民政府办公室"), ("刘某某", "主任", "衡山县人民政府办公室"),
        ("张某某", "副书记", "中共衡山县委"), ("张某某", "书记", "中共衡山县委政法委员会")}


def test_a_site_welcome_line_places_the_article(run_component):
    """欢迎访问某某党务公开网: the county whose site it is, so 我县 and 县民政局 are that county's."""
    text = ("我县召开动员部署会\n欢迎访问宁都党务公开网!\n\n发布时间: 2023年03月10日\n\n"
            "3月8日，我县召开殡葬领域问题整治工作动员部署会。会上，县民政局、发改委有关负责同志作了发言。")
    assert {"宁都县民政局", "宁都县发展和改革委员会"} <= _org_labels(run_component(text, "organizations"))


@pytest.mark.parametrize("text, expected", [
    # a unit no rule names inside a list of units does not end the list
    ("宿州召开签约仪式\n1月12日，区社会事业局和某养老集团签约。市民政局副局长徐某某，区社会事业局、投资促进局，"
     "秦集镇相关负责人出席签约仪式。",
     {("徐某某", "attended"), ("区社会事业局", "attended"), ("秦集镇", "attended")}),
    # 一是总结了…: the first of a speaker's points
    ("简阳市召开会议\n5月16日，简阳市召开2017年全市民政工作会。会上，市民政局局长陈某某同志一是总结了全年工作。",
     {("陈某某", "spoke")}),
])
def test_lists_through_unknown_units_and_enumerated_speech(text, expected, run_component):
    assert _parts(run_component(text, "participation")) == expected


def test_a_meeting_held_in_the_articles_own_county_written_relatively(run_component):
    text = "梁山县召开座谈会\n来源：梁山县民政局\n5月12日，全省儿童福利保障工作调研座谈会在我县召开。"
    (meeting,) = run_component(text, "meetings").meetings
    assert meeting.place == "place:370832"


def test_documents_signed_at_a_meeting_and_a_long_when_clause_before_the_speech(run_component):
    text = ("青海召开会议\n来源：青海省民政厅\n6月5日，青海省民政厅在西宁召开界线联检工作会议。会议最后，联检双方签订了"
            "《平安边界协议书》、《联席会议制度》和《突发事件应急预案》。郑国君厅长在全面总结2014年民政工作时指出，要抓好落实。")
    state = run_component(text, "document_links")
    docs = {v[1] for k, v in state.entities.items() if v[0] == "Document"}
    assert docs == {"平安边界协议书", "联席会议制度", "突发事件应急预案"}
    assert len(state.doc_links) == 3
    assert ("郑国君", "spoke") in _parts(state)


def test_a_rare_surname_and_a_consultation_meeting(run_component):
    text = ("城关区召开征求意见会\n5月20日，拉萨市城关区民政局召开行政区划调整征求意见会。"
            "市民政局淡利锋局长主持会议。")
    state = run_component(text, "participation")
    assert [m.label for m in state.meetings] == ["行政区划调整征求意见会"]
    assert ("淡利锋", "presided") in _parts(state)


def test_an_attendee_list_after_its_lead_names_bodies_written_relatively(run_component):
    """参会领导有市民政局、市物价局、市政府纠风办负责人: each body, not the government inside its office's name."""
    text = ("遵义市召开工作会议\n5月13日，遵义市召开全市社会组织工作会议，参会领导有市民政局、市物价局、市政府纠风办负责人。"
            "市民政局副局长何某某对各级社会组织取得的成绩进行了充分肯定。遵义市银行业协会作了交流发言。")
    assert _parts(run_component(text, "participation")) == {
        ("遵义市民政局", "attended"), ("遵义市物价局", "attended"), ("遵义市人民政府纠正行业不正之风办公室", "attended"),
        ("何某某", "spoke"), ("遵义市银行业协会", "spoke")}


def test_units_heard_in_a_list_and_a_person_before_a_bracketed_collective(run_component):
    text = ("福鼎召开现场会\n8月24日，2017年宁德市养老工作现场会在我市召开。福鼎市副市长肖某某，及来自各县（市、区）的"
            "政府分管领导、民政局局长等参加现场会。随后，会议听取了福鼎市、福安市、周宁县关于养老服务工作的典型发言。")
    assert _parts(run_component(text, "participation")) == {
        ("肖某某", "attended"), ("福鼎市人民政府", "spoke"), ("福安市人民政府", "spoke"), ("周宁县人民政府", "spoke")}


def test_a_party_department_after_its_place_is_the_committees_and_a_heads_meeting_names_none(run_component):
    text = "乌鲁木齐市召开会议\n3月6日，乌鲁木齐市召开社会工作部长会议。乌鲁木齐市社会工作部部长王某某出席。"
    assert _org_labels(run_component(text, "organizations")) == {"中共乌鲁木齐市委社会工作部"}


def test_two_bureaus_joined_by_and_are_no_zones_body(run_component):
    text = "两地民政局签约\n5月8日，常熟市民政局与上海市浦东新区民政局在常熟签署养老服务合作协议。"
    assert _org_labels(run_component(text, "organizations")) == {"常熟市民政局", "上海市浦东新区民政局"}


def test_a_bureau_that_has_its_staff_watch_a_video_meeting_attended_it(run_component):
    text = ("市民政局组织收听收看全省视频会议\n3月5日，全省民政工作视频会议召开。鄂尔多斯市民政局组织干部职工收听收看了会议，"
            "局党组书记、局长张某某参加。")
    assert ("鄂尔多斯市民政局", "attended") in _parts(run_component(text, "participation"))


def test_a_sites_menu_line_gives_no_theme_and_publicity_of_a_subject_is_no_publicity_theme(run_component):
    text = ("开江县召开联席会议\n先锋观察 组工建设 党建之声 今日关注 本网聚焦开江县召开社会救助联席会议\n"
            "3月2日，开江县召开2023年度第一次社会救助联席会议。会议要求做好政策的宣传工作。")
    state = run_component(text, "themes")
    assert {state.entities[link.target][1] for link in state.theme_links} == {"社会救助"}


@pytest.mark.parametrize("text, places", [
    # 市民政局 resolves to the county's city through the gazetteer: the text never names the city
    ("衡山县召开民政工作会议\n4月22日，衡山县召开全县民政工作会议。我们得到了市民政局的肯定。", {"衡山县"}),
    # a city written bare (衡阳) names it
    ("衡山县召开民政工作会议\n4月22日，衡山县召开全县民政工作会议。我们得到了市民政局的肯定，衡阳各地纷纷学习。",
     {"衡山县", "衡阳市"}),
])
def test_a_place_only_resolved_through_the_gazetteer_is_not_named(text, places, run_component):
    state = run_component(text, "identity")
    assert {m.label for m in state.mentions if m.type == "Place"} == places


def test_a_bodys_demands_named_as_a_thing_are_no_speech(run_component):
    text = ("辽宁召开视频会议\n2月15日，省民政厅召开全省民政系统视频会议。会议要求，要深刻领会中央精神和民政部要求，"
            "切实增强责任感。")
    assert _parts(run_component(text, "participation")) == set()


@pytest.mark.parametrize("text, expected", [
    # nothing names the county: its committee as written, like its bureau
    ("县长到县民政局调研\n12月5日上午，县委副书记、县长彭某某到县民政局调研，县委常委、副县长金某某参加调研。",
     {("彭某某", "副书记", "县委"), ("彭某某", "县长", "县人民政府"), ("金某某", "常委", "县委"),
      ("金某某", "副县长", "县人民政府")}),
])
def test_an_unplaced_committee_is_written_as_the_text_writes_it(text, expected, run_component):
    assert _posts(run_component(text, "posts")) == expected


def test_a_zones_committee_is_no_relative_committee(run_component):
    text = "会议召开\n各省辖市、济源示范区委社会工作部和民政局负责同志参加会议。"
    assert not {"区委", "区委社会工作部"} & _org_labels(run_component(text, "organizations"))


def test_a_forum_that_heard_reports_during_a_visit_is_the_visits_meeting(run_component):
    text = ("县长到县民政局调研\n2022年12月5日上午，县长彭某某到县民政局调研指导民政工作，座谈会听取了县民政局局长"
            "王某某的情况汇报，彭县长强调，要兜牢民生底线。")
    state = run_component(text, "participation")
    assert [m.label for m in state.meetings] == ["座谈会"]
    assert ("王某某", "spoke") in _parts(state)


def test_the_bureau_of_a_visited_city_accompanies_a_provincial_department(run_component):
    text = ("省民政厅到宁波调研\n9月13日，省民政厅基政处处长陈某某一行到宁波调研现代社区建设工作。"
            "局党组副书记、副局长黄某某陪同。")
    assert ("黄某某", "副局长", "宁波市民政局") in _posts(run_component(text, "posts"))


def test_the_social_organisations_party_committee_and_its_joint_meeting(run_component):
    text = ("白银市召开联谊会\n发布时间：2019-1-28\n日前，由市民政局、市社会组织党委举办的白银市社会组织表彰授牌暨"
            "新春联谊会召开。")
    state = run_component(text, "meetings")
    labels = {k: v[1] for k, v in state.entities.items()}
    (meeting,) = state.meetings
    assert {labels[k] for k in (meeting.organizer, *meeting.co_organizers)} == {"白银市民政局", "中共白银市社会组织委员会"}


def test_a_meeting_held_after_a_visit_takes_the_day_the_visit_is_dated(run_component):
    text = ("省民政厅厅长到郑州慰问\n发布时间：2016-02-18\n2月17日下午，省民政厅厅长王某某一行来到郑州市儿童福利院慰问。"
            "王某某详细询问了孩子们的情况。随后，郑州市民政工作座谈会在该院召开。")
    (meeting,) = run_component(text, "meetings").meetings
    assert meeting.date == "2016-02-17"


def test_several_units_no_rule_names_inside_one_attendee_list(run_component):
    text = ("城关区召开征求意见会\n5月20日上午，拉萨市城关区民政局召开行政区划调整征求意见会。区教育局、区卫健委、"
            "城关公安分局、某某社区、蔡村、八廓街道办事处、某某街道相关负责人参会。")
    assert {("拉萨市城关区教育局", "attended"), ("拉萨市城关区卫生健康委员会", "attended"),
            ("拉萨市城关区八廓街道办事处", "attended")} <= _parts(run_component(text, "participation"))


def test_a_bare_government_after_its_party_committee_is_that_places(run_component):
    text = "内蒙古自治区民政厅召开党组会议\n来源：内蒙古自治区民政厅\n会议要求，要及时向自治区党委、政府汇报工作进展。"
    assert "内蒙古自治区人民政府" in _org_labels(run_component(text, "organizations"))


def test_the_one_province_named_is_the_province_of_its_relatively_named_bodies(run_component):
    text = ("省民政厅召开党组会议\n1月10日，省民政厅召开党组（扩大）会议，传达学习省委全会精神。厅党组书记、厅长董某某主持会议。"
            "会议指出，要凝心聚力，为奋力谱写中国式现代化青海篇章贡献民政力量。")
    assert _posts(run_component(text, "posts")) == {("董某某", "党组书记", "青海省民政厅"), ("董某某", "厅长", "青海省民政厅")}


def test_the_provincial_department_written_short_and_its_department_before_a_verb(run_component):
    text = ("青海召开联检工作会议\n来源：青海省民政厅\n6月5日，青海省民政厅在西宁召开界线联检工作会议。"
            "省厅区划地名处对联检工作作了部署，省民政厅社会事务处作了发言。")
    assert {"青海省民政厅区划地名处", "青海省民政厅社会事务处"} <= _org_labels(run_component(text, "organizations"))


def test_leaders_whose_reports_are_passed_on_take_no_part(run_component):
    text = ("青海省民政厅召开党组会议\n来源：青海省民政厅\n1月10日，省民政厅召开党组（扩大）会议。厅党组书记、厅长董某某"
            "传达了吴某某书记所作的报告和罗某某代省长对2025年工作作出的具体安排。")
    assert _parts(run_component(text, "participation")) == {("董某某", "spoke")}


def test_the_pages_meta_line_gives_no_theme(run_component):
    text = ("全省民政系统灾后重建工作座谈会召开\n2009-09-15 03:16作者/编辑： 某某殡葬网 来源：四川省民政厅\n"
            "9月14日，全省民政系统灾后重建工作座谈会在成都召开。会议要求加快推进灾后重建。")
    state = run_component(text, "themes")
    assert "殡葬管理" not in {state.entities[link.target][1] for link in state.theme_links}


def test_bare_county_names_listed_before_what_they_are_take_part_as_units(run_component):
    text = ("全市社会救助工作推进会召开\n2024年5月10日，龙岩市社会救助工作推进会召开。市民政局局长张某出席会议并讲话。"
            "会上，长汀、上杭、永定等县（区）作了经验交流。")
    parts = _parts(run_component(text, "participation"))
    assert {("长汀县人民政府", "spoke"), ("上杭县人民政府", "spoke"), ("龙岩市永定区人民政府", "spoke")} <= parts
    assert not any(name in ("长汀", "上杭", "永定") for name, _ in parts)  # no people of those names


def test_a_list_of_other_articles_at_the_foot_of_the_page_is_no_part_of_it(run_component):
    text = ("全市养老工作推进会召开\n9月18日，全市养老工作推进会在龙岩召开。市民政局局长张某出席会议并讲话。\n"
            "南宁市青秀区启动万人阅读活动\n衡阳市石鼓区道路亮化工程招标公告\n长春文庙节日免费开放\n"
            "烟台开发区一个村的美丽蜕变\n省督察组召开全市部门工作座谈会")
    state = run_component(text, "meetings")
    assert [m.label for m in state.meetings] == ["全市养老工作推进会"]
    assert not {"南宁市", "衡阳市", "长春市", "烟台市"} & {ref.name for ref in state.place_refs.values()}


def test_a_group_joined_by_he_is_no_person_and_the_list_before_it_attends(run_component):
    text = ("某街道召开推进会\n12月12日，南京西路街道召开了基层自治建设推进会。静安区民政局局长贾某某，街道党工委书记周某某"
            "以及各居民区书记、楼组长和居民代表参加了此次会议。")
    parts = _parts(run_component(text, "participation"))
    assert {("贾某某", "attended"), ("周某某", "attended")} <= parts
    assert not any(name == "和居民" for name, _ in parts)


@pytest.mark.parametrize("clause", [
    "向与会人员详细通报了全年工作情况",
    "以“共建共治”为主题，向与会人员通报了工作情况",
    "向全体参会人员宣读了表彰决定",
    "对下一步工作提出了三点意见",
    "从各自的工作着手进行了交流发言",
])
def test_speech_acts_with_an_addressee_or_a_topic_before_the_verb(clause, run_component):
    text = f"某街道召开推进会\n12月12日，南京西路街道召开了基层自治建设推进会。街道办事处副主任张某某{clause}。"
    assert ("张某某", "spoke") in _parts(run_component(text, "participation"))


@pytest.mark.parametrize("text, label", [
    # a 、 with no meeting before it joins the words of one name, after the verb and before it
    ("某会召开\n3月4日，某市残联召开残联系统人大代表、政协委员座谈会，某某主持会议。", "残联系统人大代表、政协委员座谈会"),
    ("残联系统人大代表、政协委员座谈会召开\n3月4日，座谈会在市残联举行。", "残联系统人大代表、政协委员座谈会"),
    # a name quoted whole before 在…召开
    ("大会召开\n10月10日，由省民政厅主办的“养老事业产业融合发展暨银发经济发展大会”在西安召开。",
     "养老事业产业融合发展暨银发经济发展大会"),
    # a long name after its verb, one meeting's own; an aside in brackets is no part of the name
    ("某县启动阳光行动\n4月18日，由石门县民政局牵头，召开了石门县乡村振兴指挥部低收入人口保障分指挥部社会救助“阳光行动”工作部署会。",
     "石门县乡村振兴指挥部低收入人口保障分指挥部社会救助“阳光行动”工作部署会"),
    ("会商会召开\n7月2日，民政部召开部、省两地三点（包括救灾救济司、国家减灾中心和河南省民政厅）救灾应急会商会。",
     "部、省两地三点救灾应急会商会"),
])
def test_meeting_names_read_whole(text, label, run_component):
    assert label in [m.label for m in run_component(text, "meetings").meetings]


def test_the_sites_section_over_its_breadcrumb_is_no_headline(run_component):
    text = ("工作动态\n您当前所在位置是：工作动态 > 今日时政\n陕西省养老服务发展大会召开\n"
            "10月10日，陕西省养老服务发展大会在西安召开。")
    state = run_component(text, "meetings")
    assert [m.label for m in state.meetings] == ["陕西省养老服务发展大会"]


@pytest.mark.parametrize("text", [
    # the site's section named under its breadcrumb, with the page's login links above
    "会员登录 立即注册\n您的位置: 首页 >>市直动态 >> 查看内容\n市直动态\n全省养老服务推进会在我市召开\n"
    "8月6日，河北省养老服务推进会在我市召开。",
])
def test_the_sites_section_under_its_breadcrumb_is_no_part_of_the_headline(text, run_component):
    state = run_component(text, "meetings")
    assert state.doc.article.title == "全省养老服务推进会在我市召开"
    assert [m.label for m in state.meetings] == ["河北省养老服务推进会"]


def test_a_party_group_holding_its_meeting_is_named_once(run_component):
    text = "某市民政局党组召开会议\n3月9日，重庆市民政局党组召开会议，传达学习全国两会精神。局党组书记、局长郑某某主持会议。"
    assert [m.label for m in run_component(text, "meetings").meetings] == ["重庆市民政局党组会议"]


def test_the_nation_after_a_leaders_title_is_no_name(run_component):
    text = "某局召开会议\n会议要求，学习好习近平总书记全国两会期间重要讲话精神。局长郑某某主持会议。"
    assert {p.name for p in run_component(text, "people").people} == {"习近平", "郑某某"}


def test_variant_characters_opencc_keeps_are_simplified():
    from mzgraph.normalize import normalize

    assert normalize("陜西省民政廳") == "陕西省民政厅"


def test_a_training_meeting_organised_as_an_activity_and_a_clerks_rank(run_component):
    text = ("某区开展换届选举业务培训\n10月12日上午，高港区委组织部和区民政局组织开展了村（居）委会换届选举业务培训会。"
            "培训会由区民政局副局长张某某主持，区民政局副主任科员侯某某主讲。")
    state = run_component(text, "participation")
    assert [m.label for m in state.meetings] == ["村（居）委会换届选举业务培训会"]
    assert ("侯某某", "副主任科员", "泰州市高港区民政局") in _posts(state)


def test_kaizhan_inside_a_meetings_name_holds_no_second_meeting(run_component):
    text = ("县民政局召开动员部署会\n9月28日，县民政局组织召开加强作风建设深入开展重点领域专项治理工作动员部署会。")
    assert len(run_component(text, "meetings").meetings) == 1


@pytest.mark.parametrize("text, absent", [
    ("某区召开推进会\n12月12日，南京西路街道召开推进会。静安区民政局局长贾某某参加会议。此次会议由街道办事处主任王某某主持。",
     "此次会议由街道办事处"),
    ("某区举行开班仪式\n11月11日，哈尔滨市道里区民政局举行培训班开班仪式。在开班仪式上区民政局局长李某某作了讲话。",
     "开班仪式上区民政局"),
])
def test_the_scene_before_a_unit_and_its_heads_title_is_no_part_of_its_name(text, absent, run_component):
    labels = _org_labels(run_component(text, "organizations"))
    assert not any(absent in label for label in labels)


def test_a_meeting_named_before_its_opening_starts_after_the_verb_that_holds_it(run_component):
    text = "某局举办培训班\n11月11日，哈尔滨市道里区民政局举办社区工作者培训班开班仪式。"
    assert not any("举办" in m.label for m in run_component(text, "meetings").meetings)


@pytest.mark.parametrize("sentence", [
    "会议对全县村（社区）“两委”换届工作作了部署。",
    "会议要求扎实做好村（居）委会换届选举工作。",
])
def test_village_and_community_committee_elections_are_grassroots_governance(sentence, run_component):
    text = f"某县召开推进会\n5月6日，平原县民政局召开推进会。{sentence}"
    state = run_component(text, "themes")
    assert "基层治理" in {state.entities[link.target][1] for link in state.theme_links}


def test_a_name_with_tongzhi_after_the_scene_and_a_given_name_opening_with_hui(run_component):
    text = ("县民政局召开动员部署会\n9月28日，县民政局召开动员部署会。会上赵某某同志传达了有关通知。"
            "市政府办二级调研员屈会荣主持会议，刘会长出席会议。")
    state = run_component(text, "participation")
    names = {label for etype, label in state.entities.values() if etype == "Person"}
    assert {"赵某某", "屈会荣"} <= names and not {"刘会长", "刘会"} & names


def test_a_named_institution_keeps_its_registered_short_form(run_component):
    text = "某街道召开联席会议\n12月5日，人和街道与聊城市阳光社工服务中心召开联席会议。"
    assert "聊城市阳光社工服务中心" in _org_labels(run_component(text, "organizations"))


def test_counties_taking_part_through_their_heads_and_more_speech_acts(run_component):
    text = ("全州民政工作会议召开\n2月22日，2023年全州民政工作会议召开。会上，临潭县、夏河县相关负责人分别作了交流发言。"
            "副局长张某主讲。纪检组长王某就党风廉政建设部署工作。副书记刘某就换届纪律进行了集体廉政谈话。")
    parts = _parts(run_component(text, "participation"))
    assert {("临潭县人民政府", "spoke"), ("夏河县人民政府", "spoke"), ("张某", "spoke"), ("王某", "spoke"),
            ("刘某", "spoke")} <= parts


def test_joint_organisers_of_a_meeting_quoted_before_its_verb(run_component):
    text = ("大会召开\n10月10日，由陕西省民政厅、省发展改革委、省文旅厅主办的“养老事业产业融合发展大会”在西安召开。")
    m = run_component(text, "meetings").meetings[0]
    assert m.label == "养老事业产业融合发展大会"
    assert {m.organizer, *m.co_organizers} >= {"org:陕西省民政厅", "org:陕西省发展和改革委员会", "org:陕西省文化和旅游厅"}


@pytest.mark.parametrize("sentence, theme", [
    ("会议要求，要持续加强干部作风建设。", "党的建设"),
    ("会议对全市墓地治理专项行动作了部署。", "殡葬管理"),
    ("会议要求切实做好农村五保供养工作。", "社会救助"),
])
def test_conduct_building_and_graveyards_are_themes(sentence, theme, run_component):
    text = f"某县召开推进会\n5月6日，平原县民政局召开推进会。{sentence}"
    state = run_component(text, "themes")
    assert theme in {state.entities[link.target][1] for link in state.theme_links}


def test_a_city_by_its_one_character_name_where_a_meeting_is_held(run_component):
    text = "联席会议召开\n2019年8月28日，养老服务部际联席会议第一次全体会议在京召开。"
    state = run_component(text, "meetings")
    assert state.place_refs[state.meetings[0].place].name == "北京市"


def test_the_sites_menu_over_the_headline_is_no_part_of_it(run_component):
    text = "新闻中心\n公益项目\n育才计划\n美乡富农\n2015年全国减灾救灾工作会议在武汉召开\n2月3日，全国减灾救灾工作会议在湖北省武汉市召开。"
    assert [m.label for m in run_component(text, "meetings").meetings] == ["全国减灾救灾工作会议"]


def test_a_dotted_name_before_qinli_and_a_tibetan_name_of_known_parts(run_component):
    text = ("全国工作会议召开\n5月6日，全国工作会议召开。国务委员司马义·艾某某亲莅会议做指示。"
            "自治区党委副书记、自治区主席洛桑江村讲话。")
    state = run_component(text, "participation")
    names = {label for etype, label in state.entities.values() if etype == "Person"}
    assert {"司马义·艾某某", "洛桑江村"} <= names


def test_provinces_listed_as_units_and_a_leader_who_leads_staff_in(run_component):
    text = ("全国福利彩票工作会议召开\n5月6日，全国福利彩票工作会议在京召开。山东、广东、浙江等省市在会上交流了经验。"
            "省民政厅党组成员、副厅长张某某率省民政厅相关处室负责人出席会议。")
    parts = _parts(run_component(text, "participation"))
    assert {("山东省人民政府", "spoke"), ("广东省人民政府", "spoke"), ("浙江省人民政府", "spoke"),
            ("张某某", "attended")} <= parts


def test_provinces_whose_bodies_speak_are_no_units(run_component):
    text = ("慈善工作交流会召开\n11月17日，慈善工作交流会在重庆召开。北京市、天津市、上海市等省市慈善组织领导在发言中谈了观点。")
    parts = _parts(run_component(text, "participation"))
    assert not any(name.endswith("人民政府") for name, _ in parts)


def test_a_department_before_its_staff_on_an_attendee_list(run_component):
    text = ("某市召开慈善工作会议\n5月6日，十堰市民政局召开慈善工作会议。各县民政局局长和分管负责同志，"
            "市民政局慈善事业科及市慈善总会全体人员参加了会议。")
    state = run_component(text, "participation")
    assert "十堰市民政局慈善事业科" in _org_labels(state)
    assert not any(label == "和分管" for etype, label in state.entities.values())


def test_speakers_who_each_explain_a_long_list_of_policies(run_component):
    text = ("全省儿童福利工作业务培训班召开\n5月6日，全省儿童福利工作业务培训班在三明召开。培训会上，省民政厅儿童福利处处长廖某某，"
            "省民政厅儿童福利处一级主任科员陈某某分别就儿童收养政策、未成年人临时监护政策、困境儿童关爱、事实无人抚养儿童认定"
            "以及儿童福利机构质量提升行动等政策难点进行政策解读。")
    assert {("廖某某", "spoke"), ("陈某某", "spoke")} <= _parts(run_component(text, "participation"))


def test_the_regions_party_committee_written_short_in_its_own_article(run_component):
    text = ("自治区民政会议召开\n5月6日，西藏自治区第八次民政会议在拉萨召开。区党委副书记、自治区主席洛桑江村讲话。"
            "区党委常委、组织部部长梁某某出席。拉萨市某社区党委书记王某某参加。")
    posts = _posts(run_component(text, "posts"))
    assert {("洛桑江村", "副书记", "中共西藏自治区委员会"), ("梁某某", "常委", "中共西藏自治区委员会"),
            ("梁某某", "部长", "中共西藏自治区委员会组织部")} <= posts
    assert not any(org == "中共西藏自治区委员会" and name == "王某某" for name, _, org in posts)


def test_the_provinces_bureau_written_as_its_bare_ting(run_component):
    text = ("2021年全省民政工作会议召开\n来源：黑龙江省人民政府网\n1月8日上午，全省民政工作会议召开，贯彻全国民政工作会议和民政部部署。"
            "厅党组书记、厅长郭某某出席会议并讲话。")
    assert {("郭某某", "党组书记", "黑龙江省民政厅"), ("郭某某", "厅长", "黑龙江省民政厅")} <= _posts(run_component(text, "posts"))


def test_a_leader_who_comes_to_the_meeting_and_gives_instructions(run_component):
    text = "全国工作会议召开\n5月6日，全国福利彩票工作会议在京召开。国务委员王某某亲莅会议做指示。"
    assert {("王某某", "attended"), ("王某某", "spoke")} <= _parts(run_component(text, "participation"))


def test_one_half_of_a_joint_meetings_name_later_is_that_meeting(run_component):
    text = ("全市现场会暨民政工作会议召开\n3月5日上午，全市老年助餐服务现场会暨全市民政工作会议在某县召开。"
            "与会人员参观了助餐点。下午召开全市民政工作会议，市民政局局长张某讲话。")
    assert len(run_component(text, "meetings").meetings) == 1


def test_national_bodies_before_their_heads_are_no_departments_of_the_ministry(run_component):
    text = ("表彰大会召开\n10月10日，表彰大会在京召开。民政部部长李某出席。国家新闻出版广电总局副局长董某代表有关部门讲话，"
            "全国敬老爱老助老主题教育活动组委会办公室主任赵某主持会议。")
    labels = _org_labels(run_component(text, "organizations"))
    assert "国家新闻出版广电总局" in labels
    assert not any(label.startswith("民政部") and label != "民政部" for label in labels)


def test_a_title_ending_before_a_name_opens_no_town_and_a_technicians_rank(run_component):
    text = ("区民政局召开务虚会\n1月6日，区民政局召开务虚会。区人民政府副区长康镇某出席会议并讲话。"
            "西安市新城区长乐西路街道办事处作了发言。福建省疾病预防控制中心主任技师王某某作为代表发言。"
            "区民政局向受到表彰的集体表示祝贺。")
    state = run_component(text, "participation")
    streets = {st.name for st in state.streets.values()}
    assert "长康镇" not in streets and "长乐西路街道" in streets
    names = {label for etype, label in state.entities.values() if etype == "Person"}
    assert "王某某" in names and not {"技师王某某", "向受"} & names


def test_short_forms_of_a_department_and_of_a_leading_group(run_component):
    text = ("全县会议召开\n1月12日，泸溪县召开会议。省民政厅社管局有关同志参加。副县长、县未成年人保护工作领导小组组长熊某出席会议并讲话。"
            "县未成年人保护领导小组成员单位分管负责人参加会议。")
    labels = _org_labels(run_component(text, "organizations"))
    assert "泸溪县未成年人保护领导小组" not in labels and "泸溪县未成年人保护工作领导小组" in labels
    assert any(label.endswith("民政厅社会组织管理局") for label in labels)


def test_a_county_written_bare_after_its_province(run_component):
    text = "全国农村社区建设经验交流会在山东诸城召开\n12月11日，全国农村社区建设经验交流会在山东诸城召开。"
    state = run_component(text, "meetings")
    assert state.place_refs[state.meetings[0].place].name == "诸城市"


def test_the_state_before_its_presidents_title_is_no_person(run_component):
    text = "表彰大会在北京举行\n7月29日，表彰大会在北京举行，中共中央总书记、国家主席、中央军委主席习近平接见了代表。"
    state = run_component(text, "participation")
    assert "国家" not in {label for etype, label in state.entities.values() if etype == "Person"}


@pytest.mark.parametrize("text, expected", [
    ("表彰会召开\n9月28日，表彰会在乐山城区某大酒店举行。", False),  # the city's urban area
    ("推进会召开\n9月28日，佳木斯市召开推进会。向阳区、郊区、富锦市民政局作了发言。", True),  # a district on a list
])
def test_a_district_named_like_a_common_word_only_beside_its_city_or_siblings(text, expected, run_component):
    state = run_component(text, "places")
    assert any(h.written in ("城区", "郊区") for h, _ in state.places.values()) is expected


def test_a_street_written_short_by_characters_of_its_name_is_that_street(run_component):
    text = ("南京西路街道召开推进会\n12月12日，南京西路街道召开推进会。街道党工委书记周某某讲话，"
            "总结了南西街道的基层自治建设情况。")
    state = run_component(text, "places")
    assert {st.name for st in state.streets.values()} == {"南京西路街道"}


@pytest.mark.parametrize("text, places, orgs", [
    # a county under the name it had before it became a district or city (安塞县, now 安塞区) is that county,
    # named as the article writes it, with its own bureaus
    ("延安市召开民政工作会议\n2015年3月2日，延安市召开全市民政工作会议。安塞县民政局局长高某某作交流发言。",
     {"延安市", "安塞县"}, {"安塞县民政局"}),
    # today's name is still today's division
    ("延安市召开民政工作会议\n2023年3月2日，延安市召开全市民政工作会议。安塞区民政局局长高某某作交流发言。",
     {"延安市", "安塞区"}, {"延安市安塞区民政局"}),
])
def test_a_county_under_its_former_name(text, places, orgs, run_component):
    state = run_component(text, "identity")
    assert {m.label for m in state.mentions if m.type == "Place"} == places
    assert {m.label for m in state.mentions if m.type == "Organization"} == orgs


def test_the_agent_of_a_passive_is_no_speaker(run_component):
    text = ("保山市召开民政工作会议\n3月2日，保山市召开全市民政工作会议。去年，市民政局被省民政厅通报表扬。"
            "市民政局局长郑某某作工作报告。")
    assert "云南省民政厅" not in {p for p, _ in _parts(run_component(text, "participation"))}


@pytest.mark.parametrize("text, expected", [
    # townships listed without their unit, the list saying what they are: each of the county's own
    ("江阴市召开养老服务推进会\n5月8日，江阴市召开养老服务推进会。华士、云亭、祝塘等镇街负责同志先后发言。",
     {("华士镇", "spoke"), ("云亭街道", "spoke"), ("祝塘镇", "spoke")}),
    # a list whose names are mostly no township of the county is no list of townships
    ("江阴市召开养老服务推进会\n5月8日，江阴市召开养老服务推进会。养老、救助、殡葬等镇街工作作了部署。", set()),
])
def test_townships_listed_without_their_unit(text, expected, run_component):
    assert _parts(run_component(text, "participation")) == expected


@pytest.mark.parametrize("text, expected", [
    # national bodies by their customary short names are filed under their full names
    ("全国表彰大会召开\n团中央书记处书记王某某、中国关工委副秘书长李某某、全国老龄委副主任赵某某出席。",
     {"共青团中央", "共青团中央书记处", "中国关心下一代工作委员会", "全国老龄工作委员会"}),
])
def test_national_bodies_by_their_short_names(text, expected, run_component):
    assert expected <= _org_labels(run_component(text, "organizations"))


def test_a_meeting_named_with_its_organisers_short_name_takes_no_prefix(run_component):
    text = ("双拥工作会召开\n近日，全国双拥工作领导小组办公室主任王某某主持召开全国双拥办主任办公会，研究年度重点工作。")
    assert [m.label for m in run_component(text, "meetings").meetings] == ["全国双拥办主任办公会"]


def test_a_military_subdistrict_and_its_commissar(run_component):
    text = "某市召开双拥工作会议\n7月29日，定西市召开双拥工作会议。定西市军分区政委李某某出席会议。"
    assert ("李某某", "政委", "定西市军分区") in _posts(run_component(text, "posts"))
