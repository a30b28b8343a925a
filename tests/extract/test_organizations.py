"""organizations: place prefix + suffix, sub-units, party committees, shared-suffix lists, the home bureau."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    # a descriptor between a town and the suffix; the town's district carries its city
    ("湖州市召开会议\n南浔区练市镇居家养老服务中心开展活动。", {"湖州市南浔区练市镇居家养老服务中心"}),
    # care and civil-affairs institutions, some with a name of their own before the suffix
    ("会议召开\n调研组走访了揭西县福利中心、汕头市海湾护理院和闵行区民政事务中心。",
     {"揭西县福利中心", "汕头市海湾护理院", "上海市闵行区民政事务中心"}),
    ("会议召开\n副县长察看了容城县民政事业服务中心、容城县光荣院。", {"容城县民政事业服务中心", "容城县光荣院"}),
    # a province has no 市 bodies: 市民政局 in an article placed only in its province stays as written
    ("河南召开会议\n来源：河南省民政厅\n市民政局行政审批科科长王五出席。", {"河南省民政厅", "市民政局", "市民政局行政审批科"}),
    ("重庆召开会议\n来源：重庆市民政局\n市民政局副局长王五出席。", {"重庆市民政局"}),
    # the department a leader leads (带领…处处长) is the bureau's; a bureau named relatively is no department of it
    ("黑龙江召开会议\n省民政厅副厅长魏某带领养老服务处处长侯某调研，市政府副秘书长金某、民政局局长孙某陪同。",
     {"黑龙江省民政厅", "黑龙江省民政厅养老服务处", "市政府"}),
    # the suffix of the last item belongs to every item of the list
    ("会议召开\n无锡市、南通市、如皋市民政局作交流发言。", {"无锡市民政局", "南通市民政局", "如皋市民政局"}),
    # a district is written with its city
    ("南京召开会议\n鼓楼区民政局作交流发言。", {"南京市鼓楼区民政局"}),
    # 市民政局 is the publisher's city
    ("会议召开\n来源：扬州市民政局\n市民政局副局长张三出席会议。", {"扬州市民政局"}),
    # the Youth League (团省委) is not the party committee; abbreviations take their full form
    ("江西召开会议\n团省委、省妇联负责同志参加。", {"共青团江西省委员会", "江西省妇女联合会"}),
    # 民政部门 is a generic word, not 民政部
    ("会议召开\n各地民政部门要加强协作。", set()),
    # a national body is written without a place
    ("会议召开\n民政部召开会议。", {"民政部"}),
    # 党组书记 is a title: no 党组 body
    ("会议召开\n宁波市民政局党组书记张三主持。", {"宁波市民政局"}),
    # a numbered working group of the committee before it
    ("会议召开\n宁波市委第三巡察组组长张三到会。", {"中共宁波市委第三巡察组", "中共宁波市委"}),
    # a named street and its 办事处
    ("绍兴市召开会议\n越城区府山街道办事处作交流发言。", {"绍兴市越城区府山街道办事处"}),
    # a bare 镇党委 after a visit verb is the town just named
    ("桐乡市召开会议\n在桐乡市濮院镇，张三听取镇党委书记李四介绍。", {"中共桐乡市濮院镇委员会"}),
    # a community's party committee and the bare 居委会 after it
    ("会议召开\n长乐社区党委书记、居委会主任王五发言。", {"长乐社区党委", "长乐社区居民委员会"}),
    # a college of the university before it; an institution with a name of its own; a company
    ("会议召开\n南京大学社会学院教授王五授课。", {"南京大学社会学院", "南京大学"}),
    # a university the dictionary knows as one word, whatever opens its name, with its college;
    # a place split off before the word opens the name; a bare field + 大学 after a name is no university
    ("会议召开\n会议邀请华南理工大学公共管理学院教授王五授课。", {"华南理工大学", "华南理工大学公共管理学院"}),
    ("会议召开\n会议邀请新疆财经大学会计学院副教授王五授课。", {"新疆财经大学", "新疆财经大学会计学院"}),
    ("会议召开\n会议邀请某某师范大学教授王五授课。", set()),
    # bare departments listed before the people they send are the article's own bureau's; not those of
    # the bureaus just listed (各市民政局…和社会事务科负责人)
    ("会议召开\n来源：洛阳市民政局\n市民政局召开会议。办公室主任李四及救灾减灾科、社会救助科负责同志列席会议。",
     {"洛阳市民政局", "洛阳市民政局办公室", "洛阳市民政局救灾减灾科", "洛阳市民政局社会救助科"}),
    ("会议召开\n来源：贵州省民政厅\n省民政厅召开会议。各市（州）民政局分管负责同志和社会事务科负责人参加。",
     {"贵州省民政厅"}),
    # a college named with 与 (社会与政治学院)
    ("会议召开\n安徽大学社会与政治学院副教授王五授课。", {"安徽大学", "安徽大学社会与政治学院"}),
    ("会议召开\n嘉兴市阳光社会工作服务中心作交流发言。", {"嘉兴市阳光社会工作服务中心"}),
    ("会议召开\n张三来到杭州康宁养老服务有限公司调研。", {"杭州康宁养老服务有限公司"}),
    # a leading group and its office
    ("会议召开\n浙江省养老服务工作领导小组办公室召开会议。", {"浙江省养老服务工作领导小组办公室", "浙江省养老服务工作领导小组"}),
    # departments after the bureau's last character (厅社会事务处、…), and before a head's title
    ("会议召开\n浙江省民政厅召开会议。厅社会事务处、儿童福利处负责同志参加。",
     {"浙江省民政厅", "浙江省民政厅社会事务处", "浙江省民政厅儿童福利处"}),
    ("会议召开\n杭州市民政局召开会议，社会救助处处长李四主持。", {"杭州市民政局", "杭州市民政局社会救助处"}),
    # 市 after a verb's 了 opens a relative name: the department is the city bureau's, not the district's
    ("宜昌市召开会议\n夷陵区民政局负责同志列席。会议听取了市民政局社会事务科科长李四的汇报。",
     {"宜昌市夷陵区民政局", "宜昌市民政局", "宜昌市民政局社会事务科"}),
    # 自治区党委 is one body, named in full like 自治州/自治县 committees (not cut like a plain 区)
    ("广西召开会议\n自治区党委、自治区民政厅相关负责同志出席。", {"中共广西壮族自治区委员会", "广西壮族自治区民政厅"}),
    ("宁夏召开会议\n宁夏回族自治区党委社会工作部副部长张三出席。",
     {"中共宁夏回族自治区委员会", "中共宁夏回族自治区委员会社会工作部"}),
    # …的汇报和养老服务科科长…: the list's 和 opens the next department
    ("会议召开\n来源：徐州市民政局\n会议听取婚姻登记管理科科长李娜关于场所建设的汇报和养老服务科科长杜宏伟的汇报。",
     {"徐州市民政局", "徐州市民政局婚姻登记管理科", "徐州市民政局养老服务科"}),
    # abbreviations of a city's court, its cyberspace office and a province's 人社厅
    ("常德市召开会议\n市委网信办、市中级人民法院、省人力社保厅负责同志参加。",
     {"中共常德市委", "中共常德市委网络安全和信息化委员会办公室", "常德市中级人民法院", "湖南省人力资源和社会保障厅"}),
    # a joint body's office is no department of the bureau named before it
    ("常德市召开会议\n市民政局局长，联席会议办公室主任谭某通报情况。", {"常德市民政局", "联席会议办公室"}),
    # a department head whose rank is bracketed after the title
    ("内蒙古召开会议\n来源：内蒙古自治区民政厅\n会上，厅社会事务处处长（一级调研员）吉日嘎拉通报情况。",
     {"内蒙古自治区民政厅", "内蒙古自治区民政厅社会事务处"}),
    # civil-affairs institutions by their suffix
    ("山东召开会议\n省老年服务指导中心、省社会救助服务中心负责同志参加。", {"山东省老年服务指导中心", "山东省社会救助服务中心"}),
    # a leading group or working group named after the verb its county holds it with; a quoted word in its field
    ("会议召开\n于都县召开养老服务工作领导小组会议。", {"于都县养老服务工作领导小组"}),
    # (and the 来源's district is the one inside the city it names: 长春市朝阳区, not 北京's)
    ("朝阳区召开会议\n来源：长春市朝阳区民政局\n区委常委、副区长，区社会救助“一件事”工作专班组长王五出席。",
     {"长春市朝阳区民政局", "中共长春市朝阳区委", "长春市朝阳区社会救助“一件事”工作专班"}),
    # the home bureau's departments listed with its 厅 before the people they send; an 审计厅
    ("吉林召开会议\n来源：吉林省民政厅\n省审计厅负责同志出席。厅机关党委、人事处负责同志列席会议。",
     {"吉林省民政厅", "吉林省审计厅", "吉林省民政厅机关党委", "吉林省民政厅人事处"}),
    # a city's party school, its fire brigade's 总队, the State Council's safety office
    ("乐山市召开会议\n市委党校教授王五授课，市消防救援总队、国务院安委会办公室负责同志参加。",
     {"中共乐山市委", "中共乐山市委党校", "乐山市消防救援总队", "国务院安委会办公室"}),
    # a bare 镇 after 由 is the article's town, whose 社会事业局 chairs
    ("会议召开\n4月8日，武进区湖塘镇召开推进会。会议由镇社会事业局局长王五主持。",
     {"常州市武进区湖塘镇社会事业局"}),
    # the unit after the last street or town of a list is every one's
    ("秦州区召开会议\n来源：天水市秦州区民政局\n中城街道、玉泉镇、皂郊镇民政所作交流发言。",
     {"天水市秦州区民政局", "天水市秦州区中城街道民政所", "天水市秦州区玉泉镇民政所", "天水市秦州区皂郊镇民政所"}),
    # a functional zone's own bureau, and the 区 bodies of an article on that zone; 浦东新区 is a district
    ("会议召开\n6月14日，城乡一体化示范区民政局召开会议。区慈善总会会长曾某参加会议。",
     {"城乡一体化示范区民政局", "城乡一体化示范区慈善总会"}),
    ("会议召开\n6月14日，浦东新区民政局召开会议。", {"上海市浦东新区民政局"}),
    # a functional zone's bodies are named as written (a 新区 or 开发区 is no division)
    ("宿州市召开会议\n各县区政府分管负责同志，宿州经济技术开发区社会事务局、宿州高新区管委会负责同志参加。",
     {"宿州经济技术开发区社会事务局", "宿州高新区管委会"}),
    # 厅社会事务处: a department of the 厅 named before, however far back, not of 民政部 named nearer
    ("四川召开会议\n近日，四川省民政厅组织人员参加了视频会议。会上，民政部公布了名单。厅社会事务处处长王某作总结。",
     {"四川省民政厅", "民政部", "四川省民政厅社会事务处"}),
    # the short name of a department named in full elsewhere is that department
    ("中山市召开会议\n中山市民政局社会工作科科长王某出席。市民政局社工科科长王某讲话。",
     {"中山市民政局", "中山市民政局社会工作科"}),
    # a social-work station is named in full; a social-work agency may carry a name of its own
    ("合肥召开会议\n蜀山区琥珀街道社工站、深圳志远社工机构作交流发言。",
     {"合肥市蜀山区琥珀街道社会工作服务站", "深圳志远社工机构"}),
    # a department before the leader in charge of it (科分管领导); a social-work centre's own name
    ("鄂州市召开会议\n市民政局基层政权科分管领导余某作动员讲话，鄂州伟创社工中心授课。",
     {"鄂州市民政局", "鄂州市民政局基层政权科", "鄂州伟创社工中心"}),
    # national institutions named in full; a department head's chain of posts going on after 、
    ("陕西召开座谈会\n民政部救灾司副司长、国家减灾中心党委书记殷某一行来陕。中国社会科学院调研组参加座谈。",
     {"民政部", "民政部救灾司", "国家减灾中心", "中国社会科学院"}),
    # a trade's name holds no other body (魏县慈善总会秘书长和青年志愿者协会 is two bodies)
    ("魏县召开研讨会\n见义勇为协会会长、魏县慈善总会秘书长和青年志愿者协会负责人提出了意见。",
     {"魏县慈善总会"}),
    # colleges with a name of their own after their province; a national association named with 中国
    ("济南召开论坛\n历下区民政局与山东女子学院、山东青年政治学院签订协议。中国社会工作学会会长王某出席。",
     {"济南市历下区民政局", "山东女子学院", "山东青年政治学院", "中国社会工作学会"}),
    # a party department written straight after a post on its committee (区委常委宣传部长)
    ("长治市潞州区召开会议\n区委常委宣传部长侯某陪同调研。", {"中共长治市潞州区委", "中共长治市潞州区委宣传部"}),
    # a bare party department among the article's own leaders is its committee's
    ("台儿庄区召开座谈会\n台儿庄区副区长王某、组织部副部长章某参加本次会议。",
     {"中共枣庄市台儿庄区委组织部"}),
    # the home bureau's departments listed after it (市局办公室、计财处…) or after its leaders, long names and 办 included
    ("局领导赴闵行区调研民政工作\n上海市副市长张某出席。市局办公室、计财处、救灾处等部门负责同志陪同调研。",
     {"上海市民政局办公室", "上海市民政局计财处", "上海市民政局救灾处"}),
    ("省民政厅召开视频会议\n主会场参会人员有厅领导，办公室、安置办、社会福利和慈善事业促进处主要负责同志。",
     {"省民政厅", "省民政厅办公室", "省民政厅安置办", "省民政厅社会福利和慈善事业促进处"}),
    # departments listed after the bureau a visit goes to are that bureau's
    ("珠海市民政局赴中山交流\n来源：珠海市民政局\n一行人前往中山市民政局，与沈某局长，社会救助和慈善事业科、养老服务科等领导座谈。",
     {"珠海市民政局", "中山市民政局", "中山市民政局社会救助和慈善事业科", "中山市民政局养老服务科"}),
    # bare bureaus listed after a place's bureau are that place's
    ("广汉市召开会议\n广汉市副市长毛某和市卫健局、民政局、医保局主要领导出席。",
     {"广汉市卫生健康局", "广汉市民政局", "广汉市医疗保障局"}),
    # a street's own canteen for the elderly (街道长者饭堂: 长 opens 长者, no 街道长 head)
    ("韶关市召开会议\n调研组来到浈江区东河街道长者饭堂。", {"韶关市浈江区东河街道长者饭堂"}),
    # a department whose name opens with a word like 就业 keeps it; 就 alone still ends a name read leftwards
    ("四川召开会议\n省发展改革委就业和收入分配处处长赵某通报情况。",
     {"四川省发展和改革委员会", "四川省发展和改革委员会就业和收入分配处"}),
    ("会议召开\n扬州市民政局对外联络处处长赵某出席。", {"扬州市民政局", "扬州市民政局对外联络处"}),
    # the Party's working committees of the organs directly under a city or province are named with the Party
    ("扬州市召开会议\n市直机关工委书记张某出席，省直机关工委副书记李某到会指导。",
     {"中共扬州市直属机关工作委员会", "中共江苏省直属机关工作委员会"}),
    ("温州市召开会议\n市委直属机关工委副书记章某出席。", {"中共温州市委", "中共温州市委直属机关工作委员会"}),
])
def test_organization_labels(run_component, text, expected):
    assert {o.label for o in run_component(text, "organizations").orgs} == expected


@pytest.mark.parametrize("text, expected", [
    # 来源 names an office: the bureau it belongs to speaks
    ("会议召开\n来源：温州市民政局办公室\n温州市民政局召开会议。", "温州市民政局"),
    # without 来源, the first bureau named, not the institution before it
    ("会议召开\n张三来到无锡市儿童福利院，无锡市民政局局长李四陪同。", "无锡市民政局"),
    ("会议召开\n张三来到无锡市儿童福利院。", None),
    # 我局 / 我厅 in an article that never names its bureau: the civil-affairs bureau of the article's place
    ("我局召开通气会\n9月29日上午，我局召开重庆市社会救助政策宣传月新闻通气会。", "重庆市民政局"),
    ("我厅召开座谈会\n我厅召开浙江省养老服务座谈会。", "浙江省民政厅"),
    ("我局召开座谈会\n我局召开浙江省养老服务座谈会。", None),
    ("我厅召开座谈会\n我厅召开重庆市养老服务座谈会。", None),
    # the bureau of a place a visit goes to is not the visitors' own
    ("局领导赴滨湖区调研\n王五局长赴滨湖区调研，听取了滨湖区民政局汇报。", None),
])
def test_home_bureau(run_component, text, expected):
    home = run_component(text, "organizations").home
    assert (home.label if home else None) == expected


@pytest.mark.parametrize("text, expected", [
    # 我局: the publisher speaking of itself
    ("会议召开\n来源：温州市民政局\n我局召开会议。", {("温州市民政局", "温州市民政局"), ("我局", "温州市民政局")}),
    # 我局 in an article whose publisher is a 厅 names nothing
    ("会议召开\n来源：浙江省民政厅\n我局召开会议。", {("浙江省民政厅", "浙江省民政厅")}),
])
def test_self_reference(run_component, text, expected):
    state = run_component(text, "organizations")
    assert {(state.text[o.start:o.end], o.label) for o in state.orgs} == expected
