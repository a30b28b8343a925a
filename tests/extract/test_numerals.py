"""Chinese numerals in dates: the years of notices and the days of some pages."""
from __future__ import annotations

import pytest

from mzgraph.numerals import number
from mzgraph.reader import split_articles


@pytest.mark.parametrize("written, value", [
    ("二〇二六", 2026), ("二零二五", 2025), ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十二", 12),
    ("二十", 20), ("二十六", 26), ("三十一", 31), ("31", 31),
])
def test_number(written, value):
    assert number(written) == value


@pytest.mark.parametrize("written", ["", "十十", "二十二十", "百", "两"])
def test_not_a_number(written):
    with pytest.raises(ValueError):
        number(written)


def test_a_notice_dated_in_numerals_dates_its_meetings(run_component):
    text = "某市民政局召开干部大会\n一月八日上午，晋中市民政局召开干部大会。\n晋中市民政局\n二〇二六年一月九日\n"
    (article,) = split_articles(text, "t.txt")
    assert article.published == "2026-01-09"
    (meeting,) = run_component(text, "meetings").meetings
    assert meeting.date == "2026-01-08"
