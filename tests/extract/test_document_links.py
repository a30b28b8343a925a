"""document_links: a document named in a meeting's span, with a document verb in its clause, is linked."""
from __future__ import annotations

import pytest

HEAD = "会议召开\n5月8日，嘉兴市民政局召开全市民政工作会议。"


@pytest.mark.parametrize("body, expected", [
    ("会上，宣读了《关于表彰2023年度先进集体的决定》。", {("关于表彰2023年度先进集体的决定", "read")}),
    ("会议传达了《关于加强养老服务的意见》。", {("关于加强养老服务的意见", "read")}),
    ("会议印发了《2024年全市养老服务工作要点》。", {("2024年全市养老服务工作要点", "issued")}),
    ("会议审议了《嘉兴市社会救助办法（征求意见稿）》。", {("嘉兴市社会救助办法（征求意见稿）", "discussed")}),
    ("会议学习了《中国共产党章程》。", {("中国共产党章程", "discussed")}),
    # the verb right after the title (对《…》进行了解读)
    ("会上，张三对《嘉兴市养老服务条例》进行了解读。", {("嘉兴市养老服务条例", "discussed")}),
    # a draft put to the participants for their views is discussed, and asking for them is speech
    ("会上，张三就《嘉兴市社区换届工作实施方案》（草案）征求各社区负责人意见。",
     {("嘉兴市社区换届工作实施方案", "discussed")}),
    # titles written side by side share the verb after the last of them
    ("会上，专家围绕《社会救助审核确认办法》《嘉兴市最低生活保障实施办法》等政策进行解读。",
     {("社会救助审核确认办法", "discussed"), ("嘉兴市最低生活保障实施办法", "discussed")}),
    # no document verb in the title's clause
    ("会议指出，《嘉兴市养老服务条例》实施以来成效明显。", set()),
    # the verb of another clause does not reach the title
    ("会议学习了讲话精神，《嘉兴市养老服务条例》实施以来成效明显。", set()),
    # a short title is linked as the long one it ends
    ("会议学习了《中国共产党章程》。会上，宣读了《章程》有关条款。", {("中国共产党章程", "discussed"), ("中国共产党章程", "read")}),
])
def test_document_links(run_component, body, expected):
    state = run_component(HEAD + body, "document_links")
    assert {(link.target.removeprefix("doc:"), link.action) for link in state.doc_links} == expected
    assert {link.meeting for link in state.doc_links} <= {m.key for m in state.meetings}


def test_no_meeting_no_links(run_component):
    state = run_component("会议召开\n嘉兴市民政局印发了《嘉兴市养老服务条例》。", "document_links")
    assert state.document_titles and state.doc_links == []
