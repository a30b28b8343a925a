"""segment(): sentence spans, same-length normalised text, tokens that tile it, lexicon words kept whole."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mzgraph.lexicon import load_lexicon
from mzgraph.model import Article
from mzgraph.reader import read_path
from mzgraph.segment import segment, split_sentences, tokenizer_for

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("text, sentences", [
    ("会议指出。会议强调！", ["会议指出。", "会议强调！"]),
    ("好吗？是的；第二句", ["好吗？", "是的；", "第二句"]),
    ("标题\n正文第一句。", ["标题\n", "正文第一句。"]),
    ("无标点", ["无标点"]),
    ("。。开头", ["开头"]),
    ("一。\n\n二", ["一。\n\n", "二"]),
    ("", []),
    ("  \n  ", []),
    ("逗号，不断句、顿号也不", ["逗号，不断句、顿号也不"]),
])
def test_split_sentences(text, sentences):
    assert [text[s.start:s.end] for s in split_sentences(text)] == sentences


def article(text: str) -> Article:
    return Article(source="t.txt", index=0, title=text.split("\n", 1)[0], text=text, body_start=0)


def seed_articles() -> list[Article]:
    return [a for f in sorted(SEEDS.iterdir()) for a in read_path(f)]


TEXTS = [
    "江苏省民政厅党组书记、厅长谢晓军出席会议并讲话。",
    "廣西壯族自治區民政廳召開全區民政宣傳工作會議。",  # traditional script: normalised, same length
    "3月17日,2023年江苏省民政工作会议在南京召开.",  # half-width punctuation
    "第一行\n\n第二行  有空格\t和制表符",
]


@pytest.mark.parametrize("art", [article(t) for t in TEXTS] + seed_articles(),
                         ids=lambda a: a.text[:12])
def test_segment_keeps_length_and_tiles(lexicon, art):
    doc = segment(art, lexicon)
    assert doc.article is art
    assert len(doc.text) == len(art.text)
    assert doc.tokens[0].start == 0 and doc.tokens[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(doc.tokens, doc.tokens[1:]))
    assert all(t.start < t.end for t in doc.tokens)
    assert [(s.start, s.end) for s in doc.sentences] == sorted((s.start, s.end) for s in doc.sentences)
    assert all(0 <= s.start < s.end <= len(doc.text) for s in doc.sentences)


def test_segment_normalises_traditional_script(lexicon):
    doc = segment(article("廣西壯族自治區民政廳召開會議"), lexicon)
    assert doc.text == "广西壮族自治区民政厅召开会议"


# Lone surrogates are left out: the reader removes them, so segment() never sees one.
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("民政局厅党组书记会议召开江苏省南京市。，！？；\n ,.ab1《》")
               | st.characters(codec="utf-8"), max_size=80))
def test_tokens_tile_any_text(text):
    doc = segment(article(text), load_lexicon())
    assert len(doc.text) == len(text)
    assert "".join(doc.text[t.start:t.end] for t in doc.tokens) == doc.text


@pytest.mark.parametrize("text, words", [
    ("徐州市贾汪区民政局党组书记张三主持会议", ["贾汪区", "民政局", "党组书记"]),
    ("江苏省民政厅党组书记、厅长谢晓军出席会议", ["江苏省", "民政厅", "党组书记", "厅长"]),
    ("常州市民政局副局长李四交流发言", ["常州市", "民政局", "副局长"]),
    ("全区民政宣传工作会议在南宁召开", ["工作会议"]),
])
def test_lexicon_words_are_single_tokens(lexicon, text, words):
    tokens = list(tokenizer_for(lexicon).cut(text))
    assert "".join(tokens) == text
    for w in words:
        assert w in tokens, tokens


def test_segment_tokens_keep_lexicon_words(lexicon):
    text = "盱眙县民政局局长出席会议"
    doc = segment(article(text), lexicon)
    tokens = [doc.text[t.start:t.end] for t in doc.tokens]
    assert "民政局" in tokens and "局长" in tokens, tokens
