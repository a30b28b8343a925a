"""normalize: same-length traditional → simplified and punctuation; the offsets of the original hold."""
from __future__ import annotations

import pytest

from mzgraph.normalize import normalize, normalize_punctuation, to_simplified


@pytest.mark.parametrize("text, expected", [
    ("民政廳召開會議", "民政厅召开会议"),
    ("廣西壯族自治區民政廳黨組書記、廳長王琛出席會議並講話。", "广西壮族自治区民政厅党组书记、厅长王琛出席会议并讲话。"),
    ("臺灣省社會局", "台湾省社会局"),
    ("乾隆年間，天乾物燥。", "乾隆年间，天干物燥。"),  # phrase-aware: 乾隆 keeps 乾
    ("already simplified 民政部", "already simplified 民政部"),
    ("", ""),
    ("ASCII only", "ASCII only"),
    ("😀𠀀廳\u3000廳", "😀𠀀厅\u3000厅"),  # astral characters count as one
])
def test_to_simplified(text, expected):
    assert to_simplified(text) == expected
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("会议指出,要做好(民政)工作!", "会议指出，要做好（民政）工作！"),
    ("1,200人于10:30参加", "1,200人于10:30参加"),
    ("问题?答案;结论:", "问题？答案；结论："),
    (",开头与结尾,", "，开头与结尾，"),
])
def test_normalize_punctuation(text, expected):
    assert normalize_punctuation(text) == expected


@pytest.mark.parametrize("text", [
    "廣西壯族自治區民政廳召開全區民政宣傳工作會議,王琛出席!",
    "乾隆年間,天乾物燥。1,200人",
    "谢晓军出席会议并讲话。",
])
def test_normalize_is_idempotent_and_same_length(text):
    once = normalize(text)
    assert len(once) == len(text)
    assert normalize(once) == once
