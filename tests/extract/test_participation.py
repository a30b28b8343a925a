"""participation: who attended, spoke or presided, from cues in their own clause and lead cues before a list."""
from __future__ import annotations

import pytest

HEAD = "会议召开\n5月8日，浙江省民政厅召开全省民政工作会议。"


def parts(state):
    labels = {key: label for key, (_, label) in state.entities.items()}
    return {(labels[p.participant], p.kind) for p in state.participations}


@pytest.mark.parametrize("sentence, expected", [
    ("省民政厅党组书记、厅长张三出席会议并讲话。", {("张三", "attended"), ("张三", "spoke")}),
    # a leader who organises the meeting (组织召开) attends it
    ("省民政厅党组书记、厅长张三组织召开全省民政工作会议。", {("张三", "attended")}),
    # a name, 、, then a post at a body no rule names and the next name: one list
    ("台儿庄区副区长王五、组织部副部长赵六以及社会组织代表参加本次会议。", {("王五", "attended"), ("赵六", "attended")}),
    # presiding is attending
    ("省民政厅副厅长李四主持会议。", {("李四", "presided"), ("李四", "attended")}),
    # a report is speech, not attendance
    ("省民政厅副厅长王五作工作报告。", {("王五", "spoke")}),
    ("省民政厅厅长张三强调，要抓好落实。", {("张三", "spoke")}),
    # listed bodies share the cue of the last one
    ("杭州市、宁波市民政局作交流发言。", {("杭州市民政局", "spoke"), ("宁波市民政局", "spoke")}),
    # a street taking part is the unit under its bare name
    ("西湖区北山街道作交流发言。", {("北山街道", "spoke")}),
    # a cited leader does not take part
    ("会议传达学习了习近平总书记重要讲话精神。", set()),
    # a lead cue before a list: everyone listed, not the organisations of their bracketed posts
    ("出席会议的有：张三（省民政厅厅长）、李四（省财政厅副厅长）。", {("张三", "attended"), ("李四", "attended")}),
    # 主会场参会人员有…: a lead without its colon (names written before their titles)
    ("主会场参会人员有省民政厅张三厅长、李四副厅长、王五副厅长。",
     {("张三", "attended"), ("李四", "attended"), ("王五", "attended")}),
    # towns on the list that send their people take part (an ethnic township among them)
    ("参加会议的有：张三（省民政厅厅长），安吉县递铺镇、新溪畲族乡分管负责同志。",
     {("张三", "attended"), ("递铺镇", "attended"), ("新溪畲族乡", "attended")}),
    # a town on the list as someone's workplace does not take part itself
    ("参加会议的有：张三（省民政厅厅长），安吉县递铺镇副镇长李四。", {("张三", "attended"), ("李四", "attended")}),
    ("参加会议的有：张三（省民政厅厅长），安吉县递铺镇、孝丰镇分管负责同志。",
     {("张三", "attended"), ("递铺镇", "attended"), ("孝丰镇", "attended")}),
    # cities and districts written with their city take part as their governments; a 新区 has no 政府
    ("洛阳市、郑州市金水区作交流发言。", {("洛阳市人民政府", "spoke"), ("郑州市金水区人民政府", "spoke")}),
    ("雄安新区、保定市作交流发言。", {("保定市人民政府", "spoke")}),
    # 听取了X关于…的汇报: X reported
    ("会议听取了省民政厅社会事务处处长张三关于婚姻登记工作的汇报。", {("张三", "spoke")}),
    # spoken acts written as 进行了…解读 / 逐条解读
    ("省民政厅社会事务处处长张三对《婚姻登记工作规范》进行了系统解读。", {("张三", "spoke")}),
    # a clause goes on after ，并
    ("省民政厅厅长张三出席会议，并作重要讲话。", {("张三", "attended"), ("张三", "spoke")}),
    # a person opening an attendee list that ends the sentence with its cue
    ("市政府副市长张三，市级相关部门负责人，各县（区）政府分管领导出席。", {("张三", "attended")}),
    # a visit is not taking part in the meeting
    ("省民政厅厅长张三到杭州市调研。", set()),
    # people listed by comma, each with a post written before the name, share the cue (依次发言)
    ("东城社区党委书记、居委会主任李四，西门社区党总支书记王五，南苑社区社工赵六依次发言。",
     {("李四", "spoke"), ("王五", "spoke"), ("赵六", "spoke")}),
    # … but a clause of its own before the comma is not on the list
    ("省民政厅厅长张三主持会议，西门社区党总支书记王五发言。",
     {("张三", "presided"), ("张三", "attended"), ("王五", "spoke")}),
    # a town written with its county ends a list of bureaus joined by 和: all of them share the cue
    ("杭州市民政局、宁波市民政局和安吉县递铺镇先后作交流发言。",
     {("杭州市民政局", "spoke"), ("宁波市民政局", "spoke"), ("递铺镇", "spoke")}),
    # 述职 is a report (述职评议会 is a meeting's name, not a cue)
    ("东城街道民政所所长李四、西门镇民政所所长王五依次述职。", {("李四", "spoke"), ("王五", "spoke")}),
    # a cue that opens a clause also opens the one after 并
    ("省民政厅副厅长李四主持开班仪式，并解读了《婚姻登记工作规范》。",
     {("李四", "presided"), ("李四", "attended"), ("李四", "spoke")}),
    # … but not for a body that is the object of someone else's clause (对X…，并就…提出要求; 代表X)
    ("省民政厅处长李四对安吉县递铺镇的工作给予肯定，并就消防安全提出具体要求。", {("李四", "spoke")}),
    ("副市长李四代表杭州市委、市政府对会议召开表示欢迎，并介绍了有关情况。", {("李四", "spoke")}),
    # a body written after 对 is the object of the clause: the cue after it is still the speaker's
    ("省民政厅厅长张三对西湖区北山街道的工作给予肯定。", {("张三", "spoke")}),
    # a list that opens its clause with 分别 speaks in the clause after (…谈认识，作交流发言)…
    ("省民政厅副厅长李四，二级巡视员王五分别结合分管工作谈认识、谈体会，作交流发言。",
     {("李四", "spoke"), ("王五", "spoke")}),
    # … but only with 作…: 分别对…作出批示，强调… names no speech at the meeting
    ("近日，市委书记李四、市长王五分别对殡葬改革工作作出批示，强调要抓好落实。", set()),
    ("省委副书记李四在批示中指出，要抓好落实。", set()),
    # a deployment made in the work's own words (进行了工作部署)
    ("省民政厅副厅长李四、王五针对各自分管领域进行了工作部署。", {("李四", "spoke"), ("王五", "spoke")}),
    # a clause with no subject of its own goes on with the attendee's (出席…，介绍…); not after presiding
    ("省民政厅副厅长李四，社会救助处处长王五出席发布会，介绍有关情况并回答记者提问。",
     {("李四", "attended"), ("李四", "spoke"), ("王五", "attended"), ("王五", "spoke")}),
    ("省民政厅厅长李四主持召开厅党组会议，传达学习全国两会精神。", {("李四", "presided"), ("李四", "attended")}),
    # who asked or answered in a meeting's questions and answers spoke
    ("省人大常委会委员张三、省民政厅厅长李四出席。\n问（省人大常委会委员张三）：敬老院如何转型？\n答（李四）：我们将推进改造提升。",
     {("张三", "attended"), ("李四", "attended"), ("张三", "spoke"), ("李四", "spoke")}),
    # an experience talk on behalf of a county
    ("伊金霍洛旗民政局局长李四代表伊金霍洛旗作经验介绍。", {("李四", "spoke")}),
    # a cue that opens a clause, after the body spoken for
    ("省民政厅厅长李四代表浙江省民政厅介绍了县域养老服务的做法。", {("李四", "spoke")}),
    # a ceremony taken part in; people listed before the units that end the attendee list
    ("省扶贫基金会秘书长何某参加仪式并讲话。", {("何某", "attended"), ("何某", "spoke")}),
    ("市民政局何某局长、陈某副局长、办公室负责人，及杭州市儿童福利院干部职工参加了仪式。",
     {("何某", "attended"), ("陈某", "attended"), ("杭州市儿童福利院", "attended")}),
    # a county a visit goes to is no unit taking part
    ("民政部部长黄某深入湖南省安仁县和茶陵县实地考察，并在茶陵县主持召开座谈会。", {("黄某", "presided"), ("黄某", "attended")}),
    # a report made at another meeting (在…会议上作的政府工作报告) is what was studied, not speech here
    ("会议学习了区长胥某在区人民代表大会上作的政府工作报告。", set()),
    # the one whose report was heard spoke
    ("会议听取了杭州市民政局的工作情况汇报。", {("杭州市民政局", "spoke")}),
    # 做总结 / 做报告 as 作总结 / 作报告
    ("党组书记、局长张小军同志做总结，强调三点意见。", {("张小军", "spoke")}),
    # asking for views on a draft is speech
    ("省民政厅副处长张小军就《社区换届工作实施方案》征求各社区负责人意见。", {("张小军", "spoke")}),
    # a review of the past year's work is speech
    ("省民政厅社会事务处处长王某对去年全省殡葬工作进行了回顾总结。", {("王某", "spoke")}),
    # thanks or praise for the audience, and a lecture told, are speech at the meeting
    ("省民政厅副厅长王小燕对各社会组织热情高涨表示了赞扬。", {("王小燕", "spoke")}),
    ("省民政厅副厅长王小燕向大家讲述了社会工作发展的思路。", {("王小燕", "spoke")}),
    # praise that opens his clause is what he said at the meeting
    ("省民政厅副厅长李四充分肯定了全省养老服务工作取得的成效。", {("李四", "spoke")}),
])
def test_participation(run_component, sentence, expected):
    assert parts(run_component(HEAD + sentence, "participation")) == expected


def test_street_participant_is_an_organization_of_its_county(run_component):
    state = run_component(HEAD + "西湖区北山街道作交流发言。", "participation")
    (p,) = state.participations
    assert (p.participant, p.participant_type) == ("org:北山街道|330106", "Organization")
    assert state.org_places[p.participant] == "street:330106:北山街道"


def test_each_meeting_has_its_own_participants(run_component):
    state = run_component("会议召开\n5月8日，浙江省民政厅召开全省民政工作会议。省民政厅厅长张三出席。"
                          "\n5月9日，浙江省民政厅召开全省养老服务推进会。副厅长李四主持会议。", "participation")
    labels = {key: label for key, (_, label) in state.entities.items()}
    got = {(labels[p.participant], p.kind, labels[p.meeting]) for p in state.participations}
    assert got == {("张三", "attended", "全省民政工作会议"), ("李四", "attended", "全省养老服务推进会"),
                   ("李四", "presided", "全省养老服务推进会")}


def test_a_meeting_held_beside_the_reported_one_keeps_to_its_sentence(run_component):
    """会前，…召开了…: the side meeting covers its own sentence; who attends after it attends the main one."""
    state = run_component("会议召开\n12月30日，泉州市慈善总会第五届理事会第三次会议在鲤城区召开。"
                          "\n会前，总会召开了第五届常务理事会第五次会议，对议题进行了预审。"
                          "\n市民政局局长张三，副局长李四参加会议。", "participation")
    labels = {key: label for key, (_, label) in state.entities.items()}
    got = {(labels[p.participant], p.kind, labels[p.meeting]) for p in state.participations}
    assert got == {("张三", "attended", "泉州市慈善总会第五届理事会第三次会议"),
                   ("李四", "attended", "泉州市慈善总会第五届理事会第三次会议")}


def test_meetings_held_in_one_sentence_share_who_took_part(run_component):
    """召开A、B，…主持: the text after the sentence is about both meetings."""
    state = run_component("会议召开\n来源：宿迁市民政局\n5月14日，宿迁市民政局召开党组会议、局长办公会议，传达学习会议精神。"
                          "局党组书记、局长张三主持会议。", "participation")
    labels = {key: label for key, (_, label) in state.entities.items()}
    got = {(labels[p.participant], p.kind, labels[p.meeting]) for p in state.participations}
    assert got == {("张三", kind, meeting) for kind in ("attended", "presided")
                   for meeting in ("宿迁市民政局党组会议", "宿迁市民政局局长办公会议")}
