"""documents: 《…》 titles that name documents; a short title is the long one it ends."""
from __future__ import annotations

import pytest

from mzgraph.extract.documents import full_titles


@pytest.mark.parametrize("text, expected", [
    ("会议召开\n会议审议了《杭州市养老服务促进条例（草案）》。", ["杭州市养老服务促进条例（草案）"]),
    # spaces inside the brackets are not part of the title
    ("会议召开\n会上印发《 关于加强养老服务的意见 》。", ["关于加强养老服务的意见"]),
    # 《条例》 after 《中国共产党纪律处分条例》 is that one
    ("会议召开\n会议学习了《中国共产党纪律处分条例》，要求把《条例》落到实处。", ["中国共产党纪律处分条例", "中国共产党纪律处分条例"]),
    # newspapers and programmes are not documents
    ("会议召开\n《浙江日报》《新闻联播》作了报道。", []),
    pytest.param("会议召开\n《中国社会报》刊发了报道。", [], marks=pytest.mark.xfail(
        strict=True, reason="media_ends knows 日报/晚报/时报… but not a bare 报: the newspaper 《中国社会报》 is "
                            "taken for a document")),
])
def test_document_titles(run_component, text, expected):
    state = run_component(text, "documents")
    assert [t for _, _, t in state.document_titles] == expected
    assert {k for k, (etype, _) in state.entities.items() if etype == "Document"} == {f"doc:{t}" for t in expected}


@pytest.mark.parametrize("titles, expected", [
    (["中国共产党章程", "章程"], ["中国共产党章程", "中国共产党章程"]),
    # the shortest longer title that it ends
    (["条例", "纪律处分条例", "中国共产党纪律处分条例"], ["纪律处分条例", "中国共产党纪律处分条例", "中国共产党纪律处分条例"]),
    # one character is too short to stand for anything
    (["例", "条例"], ["例", "条例"]),
    # a title that ends no other stays itself
    (["养老服务条例", "社会救助办法"], ["养老服务条例", "社会救助办法"]),
    # a draft of a document also named finished is that document; a draft alone stays the draft
    (["助餐服务方案（送审稿）", "助餐服务方案"], ["助餐服务方案", "助餐服务方案"]),
    (["助餐服务方案（征求意见稿）"], ["助餐服务方案（征求意见稿）"]),
])
def test_full_titles(titles, expected):
    docs = [(i * 10, i * 10 + len(t) + 2, t) for i, t in enumerate(titles)]
    assert [t for _, _, t in full_titles(docs)] == expected
