"""Extraction rule families, each as a table of (text → expected facts)."""
from __future__ import annotations

import pytest

from mzgraph.extract import extract
from mzgraph.lexicon import load_lexicon
from mzgraph.reader import split_articles
from mzgraph.segment import segment


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def run(text, lex):
    (article,) = split_articles(text, "t.txt")
    return extract(segment(article, lex), lex)


def labels(x, etype):
    return {label for t, label in x.entities.values() if t == etype}


def posts(x):
    names = {k: v[1] for k, v in x.entities.items()}
    return {(names[p.person], p.role, names[p.org]) for p in x.posts}


def parts(x):
    names = {k: v[1] for k, v in x.entities.items()}
    return {(names[p.participant], p.kind, names[p.meeting]) for p in x.participations}


@pytest.mark.parametrize("text,expected", [
    ("2023年江苏省民政工作会议召开\n3月17日，会议在南京召开。", {"江苏省", "南京市"}),
    ("广西召开全区民政宣传工作会议\n会议要求做好宣传。", {"广西壮族自治区"}),
    ("渝中区召开推进会\n与会人员观摩了大溪沟街道人和街社区。", {"渝中区", "大溪沟街道"}),
    # townships (乡), but not words ending in 乡 or a city whose name ends in 乡
    ("昭觉县调研\n一行走访了城北乡低保户，推动城乡融合。", {"昭觉县", "城北乡"}),
    ("西吉县召开会议\n吉强镇、将台堡镇作交流发言，在城关镇召开。", {"西吉县", "吉强镇", "将台堡镇", "城关镇"}),
    ("河南召开会议\n2024年新乡市民政局召开会议。", {"新乡市"}),
    ("韶关召开会议\n韶关市推进百县千镇万村高质量发展工程。", {"韶关市"}),
    ("延边州召开会议\n州民政局在敦化市召开会议。", {"延边朝鲜族自治州", "敦化市"}),
    # short names that are ordinary words are not places
    ("会议召开\n各位来宾出席会议，大庆祝活动。", set()),
])
def test_places(text, expected, lex):
    assert labels(run(text, lex), "Place") >= expected
    if not expected:
        assert labels(run(text, lex), "Place") == set()


@pytest.mark.parametrize("text,expected", [
    # full place prefix; districts carry their city
    ("标题\n常州市、镇江市、徐州市贾汪区、盱眙县民政局作交流发言。",
     {"常州市民政局", "镇江市民政局", "徐州市贾汪区民政局", "盱眙县民政局"}),
    # relative names resolved from the headline / source line
    ("合肥市召开会议\n来源：合肥市民政局\n市民政局党组书记、局长周海燕出席。", {"合肥市民政局"}),
    ("广西召开会议\n自治区民政厅党组书记、厅长王琛出席会议。", {"广西壮族自治区民政厅"}),
    ("渝中区召开推进会\n区民政局党组书记、局长杜明亮出席会议。", {"重庆市渝中区民政局"}),
    # the publisher (来源) decides whose 市民政局 it is, not the city the headline travels to
    ("市民政局赴上海考察学习社区养老服务\n近日，市民政局副局长李强带队赴上海市考察。\n来源：苏州市民政局", {"苏州市民政局"}),
    # sub-units and the 驻 construction
    ("宁波市召开会议\n市民政局社会组织管理局局长沈丽娟主持会议。", {"宁波市民政局社会组织管理局"}),
    ("宜昌市召开会议\n市纪委监委驻市民政局纪检监察组组长邓一鸣同志参加会议。",
     {"宜昌市纪委监委驻宜昌市民政局纪检监察组"}),
    # provincial departments listed together
    ("山东省召开会议\n省教育厅、省公安厅、省民政厅有关负责同志参加。", {"山东省教育厅", "山东省公安厅", "山东省民政厅"}),
    # abbreviated suffixes take their full official form
    ("渝中区召开会议\n区民政局将会同区卫生健康委推进。", {"重庆市渝中区卫生健康委员会"}),
    # a department named before its head's title belongs to the bureau before it
    ("四川省召开培训班\n省民政厅副厅长何平出席，社会救助处处长罗丽主持。", {"四川省民政厅社会救助处"}),
    ("湖南召开会议\n省民政厅召开视频会议。厅养老服务处处长王静主持会议。", {"湖南省民政厅养老服务处"}),
    # autonomous prefectures by their short names, in a shared-suffix list
    ("贵州省召开培训班\n遵义市、黔东南州、毕节市民政局作交流发言。",
     {"遵义市民政局", "黔东南苗族侗族自治州民政局", "毕节市民政局"}),
    # the Youth League is not the party committee
    ("福建省召开会议\n省教育厅、团省委相关负责同志作交流发言。", {"福建省教育厅", "共青团福建省委员会"}),
    # a bureau's party group as a body, numbered working groups, ordinals, companies
    ("济南市召开会议\n12月28日，济南市民政局党组召开2023年度民主生活会。市委第六督导组到会督导。",
     {"济南市民政局党组", "中共济南市委第六督导组"}),
    ("西安调研\n陈卫东来到西安市第三社会福利院，听取西安康颐养老服务有限公司介绍。",
     {"西安市第三社会福利院", "西安康颐养老服务有限公司"}),
    # abbreviations of bureau names and federations take their full form
    ("嘉兴市召开会议\n市人社局、市住建局、市妇联负责同志参加会议。",
     {"嘉兴市人力资源和社会保障局", "嘉兴市住房和城乡建设局", "嘉兴市妇女联合会"}),
    # a bare 街道 / 镇 before a unit is the street or town the article is about
    ("宁海县召开会议\n宁海县桃源街道召开会议。街道党工委书记吴敏出席，办事处主任郑涛主持。",
     {"中共宁海县桃源街道工作委员会", "宁海县桃源街道办事处"}),
    ("德清县召开会议\n德清县新市镇召开会议。镇党委副书记孔丽出席会议。", {"中共德清县新市镇委员会"}),
    ("万载县调研\n在万载县株潭镇，史文来到养老服务点，听取镇党委书记胡君的介绍。", {"中共万载县株潭镇委员会"}),
    ("绍兴召开会议\n柯桥区民政局和越城区塔山街道办事处作交流发言。", {"绍兴市越城区塔山街道办事处"}),
    # leading groups and their offices; numbered discipline groups; communities; colleges; named institutions
    ("福建召开会议\n省乡村振兴工作领导小组办公室在福州召开会议。",
     {"福建省乡村振兴工作领导小组办公室", "福建省乡村振兴工作领导小组"}),
    ("襄阳市召开会议\n市纪委监委第二派驻纪检监察组组长王强出席。", {"襄阳市纪委监委第二派驻纪检监察组"}),
    ("楚雄州召开会议\n州委主题教育第三指导组组长杞华到会指导。", {"中共楚雄彝族自治州委主题教育第三指导组"}),
    ("楚雄州召开会议\n州委组织部干部三科有关同志列席会议。", {"中共楚雄彝族自治州委组织部干部三科"}),
    ("会议召开\n幸福社区党委书记、居委会主任李梅发言。", {"幸福社区党委", "幸福社区居民委员会"}),
    ("会议召开\n浙江大学社会学院教授赵平授课。", {"浙江大学社会学院"}),
    ("苏州市召开会议\n姑苏区仁爱社会工作服务中心作交流发言。", {"苏州市姑苏区仁爱社会工作服务中心"}),
    ("临沂市召开座谈会\n临沂市物流协会、临沂市电子商务协会负责人发言。", {"临沂市物流协会", "临沂市电子商务协会"}),
    # generic words are not organisations
    ("标题\n各级民政部门要加强领导，民政系统要团结。", set()),
])
def test_organisations(text, expected, lex):
    got = labels(run(text, lex), "Organization")
    assert got >= expected
    if not expected:
        assert got == set()


@pytest.mark.parametrize("text,expected", [
    ("江苏召开会议\n江苏省民政厅党组书记谢晓军出席会议并讲话。", {("谢晓军", "党组书记", "江苏省民政厅")}),
    ("广西召开会议\n自治区民政厅党组书记、厅长王琛出席会议。",
     {("王琛", "党组书记", "广西壮族自治区民政厅"), ("王琛", "厅长", "广西壮族自治区民政厅")}),
    # titles that imply their organisation
    ("合肥市召开会议\n市委常委、副市长陈立群出席会议。",
     {("陈立群", "常委", "中共合肥市委"), ("陈立群", "副市长", "合肥市人民政府")}),
    ("云南召开会议\n副省长李红梅出席。", {("李红梅", "副省长", "云南省人民政府")}),
    # in a county-level city's own article, 市 is that city
    ("宁乡市召开2024年全市民政工作会议\n来源：宁乡市民政局\n市委常委、常务副市长周立新出席会议，市民政局局长谭伟作报告。",
     {("周立新", "常委", "中共宁乡市委"), ("周立新", "常务副市长", "宁乡市人民政府"), ("谭伟", "局长", "宁乡市民政局")}),
    ("延边州召开会议\n敦化市副市长李春华出席会议。", {("李春华", "副市长", "敦化市人民政府")}),
    # one chain, several people
    ("延边州召开会议\n州民政局局长金明哲，副局长朴英姬、崔光浩出席会议。",
     {("金明哲", "局长", "延边朝鲜族自治州民政局"), ("朴英姬", "副局长", "延边朝鲜族自治州民政局"),
      ("崔光浩", "副局长", "延边朝鲜族自治州民政局")}),
    # 局党组书记: 局 is the article's own bureau
    ("市民政局召开会议\n来源：宜昌市民政局\n1月3日，宜昌市民政局召开党组会议。局党组书记、局长黄德胜同志主持会议。",
     {("黄德胜", "党组书记", "宜昌市民政局"), ("黄德胜", "局长", "宜昌市民政局")}),
    # a title without an organisation takes the latest unit of its kind
    ("曲靖调研\n李红梅来到曲靖市儿童福利院，听取院长毛雪琴介绍。", {("毛雪琴", "院长", "曲靖市儿童福利院")}),
    # a committee member's role names the committee; a town head belongs to the same town's government
    ("德清县召开会议\n德清县新市镇召开会议。镇党委委员、副镇长孔丽出席会议。",
     {("孔丽", "党委委员", "中共德清县新市镇委员会"), ("孔丽", "副镇长", "德清县新市镇人民政府")}),
    # autonomous counties by their short names; their party committees by the formal name
    ("重庆召开交流会\n交流会在酉阳土家族苗族自治县召开。酉阳县委常委、副县长田晓燕致辞。",
     {("田晓燕", "常委", "中共酉阳土家族苗族自治县委员会"), ("田晓燕", "副县长", "酉阳土家族苗族自治县人民政府")}),
    # names with their posts in brackets
    ("伊金霍洛旗召开联席会议\n出席会议的有：敖登格日乐（旗委常委、副旗长）、杭波（旗民政局局长）。",
     {("敖登格日乐", "副旗长", "伊金霍洛旗人民政府"), ("杭波", "局长", "伊金霍洛旗民政局")}),
    # a department before a rank title; the publisher's office stands for its bureau
    ("陕西召开培训会\n省民政厅社会事务处二级调研员廉明作专题授课。", {("廉明", "二级调研员", "陕西省民政厅社会事务处")}),
    ("汉中市民政局召开会议\n来源：汉中市民政局办公室\n局党组书记、局长闵涛出席会议。",
     {("闵涛", "党组书记", "汉中市民政局"), ("闵涛", "局长", "汉中市民政局")}),
    # a title with no name of its own before a comma belongs to the next person's chain
    ("上海召开会议\n市民政局党组成员、副局长，市社会团体管理局局长蒯斌出席会议。",
     {("蒯斌", "副局长", "上海市民政局"), ("蒯斌", "局长", "上海市社会团体管理局")}),
    ("丽水召开推进会\n推进会在景宁畲族自治县召开。景宁畲族自治县县委常委、副县长雷燕致辞。",
     {("雷燕", "副县长", "景宁畲族自治县人民政府")}),
    # 兼: a second post in another organisation
    ("安徽召开会议\n省民政厅党组书记、厅长兼省老龄办主任王强出席会议。",
     {("王强", "厅长", "安徽省民政厅"), ("王强", "主任", "安徽省老龄工作委员会办公室")}),
])
def test_posts(text, expected, lex):
    assert posts(run(text, lex)) >= expected


@pytest.mark.parametrize("text,people,not_people", [
    ("合肥市召开会议\n市委常委、副市长陈立群出席会议。陈副市长强调，要做好养老服务。", {"陈立群"}, {"强调"}),
    ("会议召开\n会议全面贯彻习近平总书记重要讲话精神。", {"习近平"}, set()),
    ("会议召开\n张建华同志出席会议。", {"张建华"}, set()),
    # a name ends where jieba starts a known word; a title before a verb is not followed by a name
    ("会议召开\n市民政局局长王建华深化改革。", {"王建华"}, set()),
    ("会议召开\n市民政局局长高度重视养老服务。", set(), {"高度", "高度重"}),
    # names without a Han surname after a title
    ("新疆召开会议\n自治区民政厅党组书记、厅长艾尔肯·吐尔逊同志主持会议。", {"艾尔肯·吐尔逊"}, {"艾尔肯"}),
    ("内蒙古召开会议\n自治区民政厅党组书记、厅长苏和巴特尔主持召开厅党组会议。", {"苏和巴特尔"}, set()),
    ("福建召开会议\n要加强儿童督导员、儿童主任队伍建设。", set(), {"队伍建设"}),
    ("四川设分会场\n省民政厅党组书记、厅长益卓主持省分会场会议。", {"益卓"}, set()),
    ("内蒙古召开会议\n局党组成员、副局长其木格领学了党章。", {"其木格"}, set()),
    ("四川调研\n州民政局局长阿木尔呷，县委常委、副县长王平等陪同调研。", {"阿木尔呷", "王平"}, set()),
    ("四川调研\n听取中心主任阿苏拉则的情况介绍。", {"阿苏拉则"}, set()),
    ("福建召开会议\n要加强儿童督导员、儿童主任队伍建设的力量。", set(), {"队伍建设"}),
    ("西安召开会议\n推进社区长者食堂的建设。", set(), {"者食堂"}),
    # 厅领导王强: a person without a post; 领导班子 / 领导小组 are bodies
    ("江西召开会议\n省民政厅领导王强、刘洪出席会议。领导班子成员参加。", {"王强", "刘洪"}, {"班子"}),
    ("福建召开会议\n省未成年人保护工作领导小组办公室召开会议。", set(), {"小组办公室", "小组"}),
    # a title is read whole: 委员长 is not 委员 + a name starting with 长
    ("会议召开\n宁波市民政局调研员、委员长仲静作工作报告。", set(), {"长仲静"}),
    ("会议召开\n会议传达学习习近平总书记近期重要讲话精神。", {"习近平"}, {"近期重要"}),
    ("会议召开\n市民政局局长亲自主持会议。", set(), {"亲自"}),
    # a verb that begins right after the surname and one character ends the name (王强陪同)
    ("湖北调研\n副省长刘明到宜昌市调研，省民政厅厅长王强陪同调研。", {"刘明", "王强"}, {"王强陪"}),
    ("桂林召开会议\n市民政局副局长莫永和出席会议并讲话。", {"莫永和"}, {"莫永"}),
    # jieba would tag these as names; structure does not
    ("会议召开\n要加快发展养老服务和慈善事业。", set(), {"养老", "慈善"}),
    # bylines are meta lines, not people of the article
    ("会议召开\n发布日期：2024-02-28　来源：合肥市民政局\n会议强调团结。\n责任编辑：王蕾", set(), {"王蕾"}),
])
def test_people(text, people, not_people, lex):
    got = labels(run(text, lex), "Person")
    assert got >= people
    assert not (got & not_people)


@pytest.mark.parametrize("text,meeting,date", [
    ("会议召开\n发布日期：2024-02-28\n2月27日上午，2024年全市民政工作会议召开。", "2024年全市民政工作会议", "2024-02-27"),
    ("会议召开\n11月上旬，郑州市民政局召开2023年度慈善工作推进会。", "2023年度慈善工作推进会", "2023-11"),
    ("会议召开\n2023年12月26日至27日，全省民政工作会议在南京召开。", "全省民政工作会议", "2023-12-26"),
    ("会议召开\n2023年12月，全省民政工作会议在南京召开。", "全省民政工作会议", "2023-12"),
    ("会议召开\n近日，广西壮族自治区民政厅召开全区民政宣传工作会议。", "全区民政宣传工作会议", ""),
    # a January dateline for a meeting on 12月28日 is the year before
    ("会议召开\n发布时间：2024-01-05\n12月28日下午，全省民政系统安全生产工作视频会议在济南召开。",
     "全省民政系统安全生产工作视频会议", "2023-12-28"),
    # internal meetings carry their organiser's name
    ("会议\n1月3日，宜昌市民政局召开党组（扩大）会议。", "宜昌市民政局党组（扩大）会议", ""),
    ("会议\n12月28日，济南市民政局党组召开2023年度民主生活会。", "济南市民政局党组2023年度民主生活会", "2023-12-28"),
    ("会议\n来源：南宁市民政局\n市民政局局长罗建华主持召开局长办公会。", "南宁市民政局局长办公会", ""),
    ("会议\n来源：内蒙古自治区民政厅\n3月4日，自治区民政厅党组书记、厅长苏和巴特尔主持召开厅党组会议。",
     "内蒙古自治区民政厅党组会议", ""),
    # 我局: the publisher speaking of itself
    ("我局召开党组会议\n来源：南京市民政局\n3月5日，我局召开党组会议。局党组书记、局长刘伟主持会议。", "南京市民政局党组会议", ""),
    # 局务会 is a meeting type of its own, named with its bureau
    ("局务会\n来源：南昌市民政局　发布时间：2024-03-05\n3月4日，市民政局召开局务会，局长王强主持会议。",
     "南昌市民政局局务会", "2024-03-04"),
    # 由…主办的 NAME: the name starts after 主办的
    ("培训\n8月26日，由河北省福利彩票发行中心主办的2024年全省福利彩票业务培训班在石家庄开班。",
     "2024年全省福利彩票业务培训班", "2024-08-26"),
    # a meeting type inside a body's name (协会商会) is not where the name ends
    ("座谈会\n7月18日，临沂市民政局召开行业协会商会发展座谈会，听取意见。", "行业协会商会发展座谈会", ""),
    # a manner between the name and the verb
    ("会议\n发布时间：2023-12-23\n12月21日，全国民政工作会议以视频形式召开。", "全国民政工作会议", "2023-12-21"),
    ("会议\n3月5日，2024年全市民政工作会议在市行政中心隆重召开。", "2024年全市民政工作会议", "2024-03-05"),
    # joint names and quoted words stay whole
    ("会议\n3月14日，芜湖市民政局召开2024年度党风廉政建设工作会议暨警示教育大会。",
     "2024年度党风廉政建设工作会议暨警示教育大会", "2024-03-14"),
    ("会议\n5月20日，甘肃省民政厅在兰州市召开全省民政系统“三项制度”改革推进会。", "全省民政系统“三项制度”改革推进会", ""),
])
def test_meetings(text, meeting, date, lex):
    x = run(text, lex)
    got = {m.label: m.date for m in x.meetings}
    assert meeting in got
    assert got[meeting] == date


def test_main_venue_is_the_meeting_place_and_same_day_meetings_share_the_date(lex):
    x = run("会议\n发布时间：2024-03-07\n3月6日，福建省民政厅召开全省养老服务工作视频会议。会议在福州设主会场，"
            "各市设分会场。当天下午，省民政厅召开全厅干部大会。", lex)
    got = {m.label[-6:]: (m.date, m.place) for m in x.meetings}
    assert got["工作视频会议"] == ("2024-03-06", "place:350100")
    assert got["全厅干部大会"][0] == "2024-03-06"
    x = run("会议\n发布时间：2024-09-06\n9月5日是第九个“中华慈善日”。当天，龙岩市民政局召开全市慈善工作推进会。", lex)
    assert [m.date for m in x.meetings] == ["2024-09-05"]
    x = run("会议\n发布时间：2024-05-10\n5月9日上午，宜昌市民政局召开2024年全市养老服务工作会议。"
            "下午，市民政局召开党组理论学习中心组学习会。", lex)
    assert [m.date for m in x.meetings] == ["2024-05-09", "2024-05-09"]


def test_places_of_the_source_line_belong_to_the_article(lex):
    x = run("全省农村养老服务工作现场推进会在邢台召开\n来源：河北省民政厅　　发布时间：2023-12-29\n12月28日，会议召开。", lex)
    assert "河北省" in labels(x, "Place")
    assert x.document.article.published == "2023-12-29"


def test_a_bare_meeting_type_is_not_a_meeting(lex):
    x = run("会议\n12月28日，济南市民政局党组召开2023年度民主生活会。会前，通过召开座谈会、发放征求意见表征求意见。", lex)
    assert [m.label for m in x.meetings] == ["济南市民政局党组2023年度民主生活会"]


def test_inspection_visit_is_not_a_meeting(lex):
    x = run("副省长李红梅到曲靖调研养老服务工作\n近日，副省长李红梅到曲靖市调研。曲靖市民政局局长包建伟参加调研。", lex)
    assert x.meetings == ()
    assert x.participations == ()


def test_several_meetings_each_with_their_participants(lex):
    x = run("市民政局召开会议\n来源：宜昌市民政局\n1月3日，宜昌市民政局召开党组（扩大）会议。局党组书记、局长黄德胜同志主持会议。"
            "\n1月5日下午，市民政局召开全体干部职工大会。局党组成员、副局长田雪峰同志作具体部署。", lex)
    dates = {m.label: m.date for m in x.meetings}
    assert dates == {"宜昌市民政局党组（扩大）会议": "", "宜昌市民政局全体干部职工大会": ""} or len(dates) == 2
    got = parts(x)
    assert ("黄德胜", "presided", "宜昌市民政局党组（扩大）会议") in got
    assert ("田雪峰", "spoke", "宜昌市民政局全体干部职工大会") in got
    assert ("田雪峰", "spoke", "宜昌市民政局党组（扩大）会议") not in got


@pytest.mark.parametrize("sentence,expected,absent", [
    ("江苏省民政厅党组书记谢晓军出席会议并讲话。", {("谢晓军", "attended"), ("谢晓军", "spoke")}, set()),
    ("市民政局党组成员、副局长孙建国主持会议。", {("孙建国", "presided"), ("孙建国", "attended")}, set()),
    ("市民政局党组书记、局长周海燕作工作报告。", {("周海燕", "spoke")}, {("周海燕", "attended")}),
    ("副省长李红梅出席会议并作重要讲话。", {("李红梅", "spoke"), ("李红梅", "attended")}, set()),
    ("常州市、镇江市民政局作了交流发言。", {("常州市民政局", "spoke"), ("镇江市民政局", "spoke")},
     {("常州市民政局", "attended")}),
    ("南京、无锡市民政局在分会场参加会议。", {("南京市民政局", "attended"), ("无锡市民政局", "attended")}, set()),
    ("常州市、镇江市民政局作经验交流。", {("常州市民政局", "spoke"), ("镇江市民政局", "spoke")}, set()),
    ("江苏省民政厅副厅长周红出席会议，厅养老服务处、社会事务处负责同志分别作具体部署。",
     {("江苏省民政厅养老服务处", "spoke"), ("江苏省民政厅社会事务处", "spoke")}, set()),
    ("省财政厅社会保障处、省民政厅机关各处室有关负责同志参加会议。", {("江苏省财政厅社会保障处", "attended")},
     {("江苏省民政厅机关各处室", "attended")}),
    ("会议贯彻习近平总书记在参加江苏代表团审议时重要讲话精神。", set(), {("习近平", "spoke"), ("习近平", "attended")}),
    ("全国两会期间，习近平总书记亲临江苏代表团参加审议并发表重要讲话。", set(), {("习近平", "spoke")}),
    # reports, lectures and later remarks are speech
    ("省民政厅社会救助处处长朱伟通报全省社会救助工作情况。", {("朱伟", "spoke")}, set()),
    ("南京大学教授钱明作专题讲座。", {("钱明", "spoke")}, set()),
    ("省民政厅厅长王强作题为《奋力开创民政事业高质量发展新局面》的工作报告。", {("王强", "spoke")}, set()),
    ("省民政厅办公室主任、新闻发言人赵敏介绍有关情况，并回答记者提问。", {("赵敏", "spoke")}, set()),
    ("县民政局社会救助股股长宁婷解读了《低收入人口动态监测实施方案》。", {("宁婷", "spoke")}, set()),
    ("南京市鼓楼区民政局和鼓楼区宁海路街道办事处作交流发言。",
     {("南京市鼓楼区民政局", "spoke"), ("南京市鼓楼区宁海路街道办事处", "spoke")}, set()),
    ("省民政厅养老服务处、基层政权建设和社区治理处负责同志分别通报了有关情况。",
     {("江苏省民政厅养老服务处", "spoke"), ("江苏省民政厅基层政权建设和社区治理处", "spoke")}, set()),
    ("南京市、无锡市民政局分别汇报了养老服务工作推进情况。", {("南京市民政局", "spoke"), ("无锡市民政局", "spoke")}, set()),
    ("出席会议的有：王强（省民政厅厅长）、刘洪（省财政厅副厅长）。", {("王强", "attended"), ("刘洪", "attended")},
     {("江苏省民政厅", "attended")}),
    ("省民政厅社会救助处处长朱伟主持会议并通报有关情况。", {("朱伟", "spoke"), ("朱伟", "presided")}, set()),
    ("南京市鼓楼区教育局、鼓楼区人民法院、鼓楼区妇联作交流发言。",
     {("南京市鼓楼区教育局", "spoke"), ("南京市鼓楼区人民法院", "spoke"), ("南京市鼓楼区妇女联合会", "spoke")}, set()),
])
def test_participation(sentence, expected, absent, lex):
    x = run("江苏召开会议\n3月17日，2023年江苏省民政工作会议在南京召开。" + sentence, lex)
    got = {(p, k) for p, k, _ in parts(x)}
    assert got >= expected
    assert not (got & absent)


@pytest.mark.parametrize("body,expected,absent", [
    ("会议要求完善社会救助体系，推进养老服务，加强未成年人保护。", {"社会救助", "养老服务", "未成年人保护"}, {"殡葬管理"}),
    ("会议强调，要紧盯养老机构、儿童福利机构等重点场所，压实安全生产责任。", {"安全生产"}, {"儿童福利"}),
    ("会议要求紧盯未成年人救助保护机构、殡葬服务机构等重点场所，排查消防安全隐患。", {"安全生产"}, {"未成年人保护"}),
    ("厅养老服务处处长王静主持会议，部署安全生产工作。", {"安全生产"}, {"养老服务"}),
    # a keyword inside a set phrase of another field says nothing (扶贫济困 is charity)
    ("会议表彰在扶贫济困、助学助医等领域作出贡献的慈善组织。", {"慈善事业"}, {"脱贫攻坚"}),
])
def test_themes(body, expected, absent, lex):
    x = run("会议召开\n3月1日，江苏省民政厅召开全省民政工作会议。" + body, lex)
    got = {t.target.removeprefix("theme:") for t in x.themes}
    assert got >= expected
    assert not (got & absent)


@pytest.mark.parametrize("body,linked,action", [
    ("会上，宣读了《关于2022年度全省民政工作的通报》。", "关于2022年度全省民政工作的通报", "read"),
    ("会上，印发了《2024年全市民政工作要点》。", "2024年全市民政工作要点", "issued"),
    ("会议研究审议了《2023年全市民政工作要点（讨论稿）》。", "2023年全市民政工作要点（讨论稿）", "discussed"),
    ("会上，市民政局、市财政局联合印发了《慈善组织规范化建设指引》。", "慈善组织规范化建设指引", "issued"),
    ("培训会上，市婚姻登记处主任刘洁对《婚姻登记工作规范》进行了解读。", "婚姻登记工作规范", "discussed"),
])
def test_documents(body, linked, action, lex):
    x = run("会议召开\n3月1日，宁波市民政局召开全市民政工作会议。" + body, lex)
    assert {(d.target.removeprefix("doc:"), d.action) for d in x.documents} == {(linked, action)}


def test_a_short_title_is_the_long_one_it_ends(lex):
    x = run("会议召开\n3月1日，宁波市民政局召开党组会议，学习了《中国共产党章程》。会议要求把学习《章程》与工作结合起来。", lex)
    assert labels(x, "Document") == {"中国共产党章程"}


def test_newspapers_are_not_documents(lex):
    x = run("会议召开\n3月1日，宁波市民政局召开全市民政工作会议，《人民日报》作了报道。", lex)
    assert labels(x, "Document") == set()


def test_traditional_article_reads_like_simplified(lex):
    trad = run("鄭州市召開會議\n11月上旬，鄭州市民政局召開慈善工作推進會。市民政局黨組書記、局長劉國華出席會議並講話。", lex)
    assert ("刘国华", "attended", "慈善工作推进会") in parts(trad)
    assert ("刘国华", "局长", "郑州市民政局") in posts(trad)
