"""reader: encodings, truncated tails, HTML main text, invisible characters, article splitting."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from mzgraph.errors import InputError
from mzgraph.reader import InputWarning, decode, html_to_text, read_path, split_articles

# Short news sentences in both scripts: the detector must work on a line, not only on pages.
SIMPLIFIED = [
    "民政部召开会议。",
    "3月17日，2023年江苏省民政工作会议在南京召开。江苏省民政厅党组书记谢晓军出席会议并讲话。",
    "宁波市召开2024年全市社会组织登记管理工作会议",
]
TRADITIONAL = [
    "民政廳召開會議。",
    "廣西壯族自治區民政廳召開全區民政宣傳工作會議，自治區民政廳黨組書記、廳長王琛出席會議並講話。",
    "臺北市社會局舉辦長者照顧服務座談會，副市長出席並致詞。",
]


@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gbk", "gb18030"),
    ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),  # with BOM
    ("utf-16-le", "utf-16-le"),  # without BOM
    ("utf-16-be", "utf-16-be"),
])
@pytest.mark.parametrize("text", SIMPLIFIED)
def test_decode_simplified(text, codec, expected):
    assert decode(text.encode(codec), "x.txt") == (text, expected)


@pytest.mark.parametrize("codec, expected", [
    ("big5", "cp950"),
    ("cp950", "cp950"),
    ("utf-8", "utf-8"),
    ("utf-16-le", "utf-16-le"),
])
@pytest.mark.parametrize("text", TRADITIONAL)
def test_decode_traditional(text, codec, expected):
    assert decode(text.encode(codec), "x.txt") == (text, expected)


@pytest.mark.parametrize("codec, expected", [("utf-8", "utf-8"), ("gbk", "gb18030"), ("big5", "cp950"),
                                             ("utf-16", "utf-16")])
def test_truncated_last_character_is_dropped_with_a_warning(codec, expected):
    text = TRADITIONAL[1] if codec == "big5" else SIMPLIFIED[1]
    data = text.encode(codec)[:-1]  # cut inside the final multibyte character
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got, enc = decode(data, "cut.txt")
    assert (got, enc) == (text[:-1], expected)
    messages = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert len(messages) == 1
    assert re.fullmatch(r"cut.txt: truncated: incomplete \S+ character at byte \d+ dropped", messages[0])


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \r\n\t\n", "empty file"),
    (bytes(range(0x80, 0x100)) * 4, "not text"),
])
def test_decode_rejects(data, reason):
    with pytest.raises(InputError, match=reason) as err:
        decode(data, "bad.txt")
    assert err.value.path == "bad.txt"


@pytest.mark.parametrize("raw, expected_body", [
    ("谢\u200b晓军出席会议。", "谢晓军出席会议。"),
    ("谢\u200d晓\u2060军\ufeff出席\x00会议\x07。", "谢晓军出席会议。"),
    ("王\u202e琛\u00ad讲话。", "王琛讲话。"),
    ("第一行\r\n第二行。", "第一行第二行。"),  # CRLF, and a broken sentence joined
])
def test_invisible_characters_are_stripped(raw, expected_body):
    (article,) = split_articles(f"# 标题\n{raw}", "z.txt")
    assert article.text == f"标题\n{expected_body}"


def test_name_split_by_zero_width_space_is_extracted(lexicon):
    from mzgraph.pipeline import extract_article

    (article,) = split_articles("# 江苏省民政工作会议召开\n3月17日，江苏省民政工作会议在南京召开。"
                                "江苏省民政厅党组书记谢\u200b晓军出席会议并讲话。", "zw.txt")
    labels = {label for etype, label in extract_article(article, lexicon).entities.values() if etype == "Person"}
    assert "谢晓军" in labels


GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>江苏省民政厅召开2023年全省民政工作会议_江苏省民政厅</title>
<meta name="ArticleTitle" content="江苏省民政厅召开2023年全省民政工作会议">
<meta name="PubDate" content="2023-03-17 10:20">
<meta name="ContentSource" content="江苏省民政厅">
<script>var _hmt = _hmt || []; document.write("脚本里的张三丰出席会议");</script>
<style>.nav{color:red}</style></head>
<body>
<div class="header"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/mzyw">民政要闻</a></div>
<div class="main"><div class="article">
<h1 class="title">江苏省民政厅召开2023年全省民政工作会议</h1>
<div class="info"><span>发布日期：2023-03-17</span><span>来源：江苏省民政厅</span><span>浏览次数：1234</span></div>
<div class="content" id="zoom">
<p>3月17日，2023年江苏省民政工作会议在南京召开。江苏省民政厅党组书记谢晓军出席会议并讲话。</p>
<p>会议指出，过去五年，是极不寻常、极不平凡的五年。全省各级民政部门坚持以人民为中心，民生福祉持续改善。</p>
<p>会议强调，全省民政系统要着力构建分层分类的社会救助体系，着力推进养老服务高质量发展。</p>
<p>会上，宣读了《关于2022年度全省高质量民政事业发展创新成果和优秀成果的通报》。</p>
</div><div class="share">分享到：微信 微博</div></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">民政部部长会见外宾</a></li></ul></div></div>
<div class="footer"><p>主办单位：江苏省民政厅 地址：南京市北京西路 邮编：210024</p><p>苏ICP备05009078号</p>
<script>console.log("页脚脚本 李四");</script></div>
</body></html>"""


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_gov_page_main_text_title_date_source(tmp_path, codec):
    page = tmp_path / "page.html"
    page.write_bytes(GOV_PAGE.encode(codec))
    (article,) = read_path(page)
    assert article.title == "江苏省民政厅召开2023年全省民政工作会议"
    assert article.published == "2023-03-17"
    assert article.source_org == "江苏省民政厅"
    assert "谢晓军出席会议并讲话" in article.text
    assert "养老服务高质量发展" in article.text
    for boilerplate in ("首页", "政务公开", "当前位置", "张三丰", "李四", "ICP", "主办单位", "_hmt", "color:red"):
        assert boilerplate not in article.text, boilerplate


@pytest.mark.parametrize("html, expected", [
    ("<html><body><div><p>民政部召开会议，陆治原出席<div><span>并讲话", "陆治原出席"),
    ("<html><body>" + "<div>" * 5000 + "<p>民政部召开会议，陆治原出席并讲话。</p>" + "</div>" * 5000,
     "陆治原出席并讲话"),
    ("<html>\x00<<<>>><?xml ?><![CDATA[ x ]]><p>民政文字</p>", "民政文字"),
    ("<html><body><p>民政&#x0;部&#xD800;召开&#99999999;会议&nbsp;&lt;b&gt;</p></body></html>", "召开"),
    ("<html><head><meta name=PubDate content='2024-01-02'><meta content></head><body><p>会议召开。</p>",
     "发布日期：2024-01-02"),
])
def test_malformed_html_does_not_crash(html, expected):
    assert expected in html_to_text(html, "m.html")


@pytest.mark.parametrize("html", ["<html></html>", "<!doctype html>", "<html><script>x()</script></html>"])
def test_html_without_text_is_an_input_error(html):
    with pytest.raises(InputError, match="m.html: HTML page has no main text"):
        html_to_text(html, "m.html")


def test_enormous_file_is_capped(tmp_path, monkeypatch):
    import mzgraph.reader as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("# 标题\n" + "民政工作。" * 200, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: too large: \d+ bytes, the cap is 1000 bytes"):
        read_path(big)


@pytest.mark.parametrize("name", ["missing.txt"])
def test_unreadable_path_is_an_input_error(tmp_path: Path, name):
    with pytest.raises(InputError, match="missing.txt: cannot read"):
        read_path(tmp_path / name)


def _looks_binary_by_count(text: str) -> bool:
    """The binary test without its shortcut: count every control, private-use and unassigned character."""
    import unicodedata

    sample = text[:4096]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return bad > max(8, len(sample) // 50)


# every kind of character the shortcut must tell apart: text, white space (some of it controls), other
# controls, format characters, private use, unassigned and surrogate code points
_SNIFF_ALPHABET = list("民政厅召开会议abc 123，。\n\r\t\u3000\xa0\u2028\u200b\ufeff") + [
    "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\x00", "\x07", "\x7f", "\x9f", "\ue000", "\U000f0000", "\u0378",
    "\U000e0000", "\ud800"]


@pytest.mark.parametrize("text, binary", [
    ("民政厅召开会议。\n" * 50, False),
    ("民政厅\u3000召开\xa0会议\u200b。\n" * 50, False),  # white space and format marks are text
    ("民政厅召开会议。" + "\x0b" * 20, True),  # controls that str.split() takes for white space
    ("民政厅召开会议。" + "\x1c\x1d\x1e\x1f\x85" * 4, True),
    ("民政厅召开会议。" + "\x00" * 20, True),
    ("民政厅召开会议。" + "\ue000" * 20, True),
])
def test_binary_sniff(text, binary):
    from mzgraph.reader import _looks_binary

    assert _looks_binary(text) is binary is _looks_binary_by_count(text)


@pytest.mark.parametrize("seed", range(4))
def test_binary_sniff_shortcut_agrees_with_the_count(seed):
    import random

    from mzgraph.reader import _looks_binary

    rng = random.Random(seed)
    verdicts = set()
    for _ in range(400):
        text_chars = rng.choices(SIMPLIFIED[1], k=rng.randint(0, 300))
        odd = rng.choices(_SNIFF_ALPHABET, k=rng.choice([0, 1, 5, 9, 20, 200]))
        chars = text_chars + odd
        rng.shuffle(chars)
        text = "".join(chars)
        assert _looks_binary(text) == _looks_binary_by_count(text), repr(text)
        verdicts.add(_looks_binary(text))
    assert verdicts == {True, False}


@pytest.mark.parametrize("head, foot, site", [
    ("<title>区民政局召开会议_部门动态_鞍山市铁西区人民政府</title>", "", "鞍山市铁西区人民政府"),
    ("<title>区民政局召开会议 - 鞍山市铁西区人民政府</title>", "", "鞍山市铁西区人民政府"),
    ("<title>区民政局召开会议</title><meta name=\"SiteName\" content=\"鞍山市铁西区人民政府\">", "",
     "鞍山市铁西区人民政府"),
    ("<title>区民政局召开会议_鞍山市铁西区人民政府</title>", "<p>主办：鞍山市铁西区人民政府办公室&nbsp;承办：某局</p>",
     "鞍山市铁西区人民政府办公室"),
    ("<title>区民政局召开会议</title>", "", ""),
])
def test_the_body_that_runs_the_site_is_kept_apart_from_the_text(tmp_path, head, foot, site):
    """The footer's 主办, the SiteName tag or the <title>'s site name place the page, but are no part of its text."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><head>{head}</head><body><div><h1>区民政局召开会议</h1><p>3月3日，区民政局召开"
                    f"全区民政工作会议，局长王某讲话。会议强调抓好落实。</p></div><div class=\"footer\">{foot}</div>"
                    "</body></html>", encoding="utf-8")
    [article] = read_path(page)
    assert article.site == site
    assert "铁西区人民政府" not in article.text and "主办" not in article.text


SITE_BANNER_PAGE = """<html><head><title>漳州市民政局召开养老服务工作座谈会 - 漳州市民政局</title></head><body>
<div class="banner"><h1 class="site-name">漳州市民政局</h1></div>
<div class="crumb">当前位置：首页 &gt; 民政要闻</div>
<div class="main"><div class="title">漳州市民政局召开养老服务工作座谈会</div>
<div class="property"><span>发布时间：2026-10-09 09:15</span><span>点击数：88</span></div>
<div class="content"><p>10月8日，漳州市民政局召开养老服务工作座谈会，局长王某主持会议。</p>
<p>会议强调，要抓好养老服务体系建设，推动居家社区养老服务提质增效。</p></div>
<div class="related"><p>相关文章</p><ul><li>龙海区召开婚姻登记工作培训会 2026-07-15</li>
<li>漳州市慈善总会召开理事会 2026-06-20</li></ul></div></div>
<div class="footer">主办：漳州市民政局　闽ICP备00000000号</div></body></html>"""


def test_a_page_whose_banner_is_its_site_name(tmp_path):
    """The headline comes from <title> when the page's first heading is the site's name, the date from its
    发布时间 label (not a related article's), and the list of related articles is no part of the text."""
    page = tmp_path / "page.html"
    page.write_text(SITE_BANNER_PAGE, encoding="utf-8")
    [article] = read_path(page)
    assert article.title == "漳州市民政局召开养老服务工作座谈会"
    assert article.published == "2026-10-09"
    assert "龙海区" not in article.text and "理事会" not in article.text
    assert "养老服务体系建设" in article.text


def test_a_newspaper_masthead_and_page_line_before_the_headline(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("大理日报　2026年5月14日　星期四\n第3版　综合新闻\n\n全州婚姻登记工作推进会在祥云召开\n\n"
                    "本报讯（记者 王某）5月13日，全州婚姻登记工作推进会在祥云县召开。\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.title == "全州婚姻登记工作推进会在祥云召开"
    assert article.published == "2026-05-14"
    assert "第3版　综合新闻\n本报讯" in article.text  # the page line stays a line of its own, not glued to the body


def test_a_footer_line_naming_the_site_s_bodies_is_no_part_of_the_text(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("市民政局召开会议\n5月8日，乐山市民政局召开会议。\n主办：乐山市民政局 承办：乐山市民政局办公室\n",
                    encoding="utf-8")
    [article] = read_path(page)
    assert "承办" not in article.text and article.site == "乐山市民政局"


def test_a_saved_wechat_post(tmp_path):
    """The account's chrome (点击上方蓝字…, 分享 收藏…) and its 往期推荐 list are no part of the article."""
    page = tmp_path / "post.txt"
    page.write_text("点击上方蓝字关注我们\n\n区民政局召开婚姻登记工作会议\n\n南关民政　2026年04月02日 17:32　吉林\n\n"
                    "4月2日，区民政局召开婚姻登记工作会议。\n\n来源：南关民政\n\n往期推荐\n区民政局开展敬老月活动\n"
                    "桃源街道召开养老服务推进会\n\n分享  收藏  在看  点赞\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.title == "区民政局召开婚姻登记工作会议"
    assert "桃源街道" not in article.text and "敬老月" not in article.text and "点击" not in article.text


def test_a_long_chrome_line_with_its_source_dates_the_article(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("全省养老服务工作推进会召开\n甘肃省民政厅门户网站　　2026-04-18 09:30　　来源：养老服务处　　浏览次数：321"
                    "　　字号：[大][中][小]　　【打印】【关闭】\n4月17日，全省养老服务工作推进会在兰州召开。\n",
                    encoding="utf-8")
    [article] = read_path(page)
    assert article.published == "2026-04-18" and article.source_org == "养老服务处"


def test_page_navigation_lines_are_no_part_of_the_article(tmp_path):
    """上一条：/下一条：/相关链接：… name other articles and bodies: dropped like the footer."""
    page = tmp_path / "page.txt"
    page.write_text("州民政局召开视频会议\n来源：凉山州民政局\n7月8日，凉山州民政局召开全州社会事务工作视频会议。\n"
                    "打印本页 关闭窗口\n上一条：州民政局开展走访慰问活动\n下一条：盐源县召开养老服务体系建设推进会\n"
                    "相关链接：民政部 四川省民政厅\n", encoding="utf-8")
    [article] = read_path(page)
    assert "盐源县" not in article.text and "走访慰问" not in article.text and "民政部" not in article.text
    assert "全州社会事务工作视频会议" in article.text


@pytest.mark.parametrize("text, title", [
    # a page saved without its headline: the first line is the text itself
    ("5月6日上午，县民政局召开全县养老服务推进会。各乡镇分管负责同志参加会议。局长赵某某主持会议。\n",
     ""),
    ("区民政局召开2026年全区民政工作会议\n5月6日，区民政局召开会议。\n", "区民政局召开2026年全区民政工作会议"),
    # … or one sentence of clauses
    ("5月6日下午，全区社会救助工作领导小组会议召开，会议由副区长赵某某主持，各成员单位分管领导参加。\n", ""),
    # a headline may carry a comma, a long one no full stop inside
    ("凝心聚力，推进养老服务高质量发展\n5月6日，市民政局召开会议。\n", "凝心聚力，推进养老服务高质量发展"),
])
def test_a_first_line_of_full_sentences_is_no_headline(tmp_path, text, title):
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    [article] = read_path(page)
    assert article.title == title
    assert "召开" in article.text[article.body_start:]


def test_a_byline_breadcrumb_or_image_name_is_no_headline(tmp_path):
    """张三 报道 before the text, 首页 > … and an image's file name on its own line are the page's chrome."""
    page = tmp_path / "page.txt"
    page.write_text("首页 > 工作动态 / 正文\n某某 报道\n本报讯 3月2日，全市民政工作会召开，总结经验、表扬先进，部署任务。副市长赵某出席会议。\n"
                    "photo_01.png\n会议要求抓好落实。\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.title == ""
    assert "首页" not in article.text and "photo_01" not in article.text
    assert "全市民政工作会召开" in article.text[article.body_start:]


@pytest.mark.parametrize("closing, source", [
    ("（据宁德市民政局）", "宁德市民政局"),
    ("（漳平市民政局 王某某）", "漳平市民政局"),
    ("(市民政局供稿)", "市民政局"),
    ("（通讯员 王某某）", ""),  # writers alone name no unit
])
def test_the_unit_credited_at_the_end_is_the_source(tmp_path, closing, source):
    page = tmp_path / "post.txt"
    page.write_text(f"走访慰问\n局长王某带队走访敬老院，送上慰问金。{closing}\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.source_org == source


def test_an_image_file_name_before_the_text_is_dropped(tmp_path):
    page = tmp_path / "post.txt"
    page.write_text("召开会议\n\n省民政厅召开集体学习(扩大)会议传达“两会”精神_1.JPG\n5月14日，省民政厅召开党组会议。\n"
                    "\n图为会议现场.png这是正文。\n", encoding="utf-8")
    [article] = read_path(page)
    assert "JPG" not in article.text and ".png" not in article.text and "这是正文" in article.text
    assert article.text.count("召开集体学习") == 0
    page.write_text("召开会议\n\n5月14日，省民政厅召开党组会议。\n微信图片_20240123161023王某一行深入社区调研。\n", encoding="utf-8")
    [article] = read_path(page)
    assert "微信图片" not in article.text and "王某一行深入社区调研" in article.text


def test_an_empty_source_label_gives_no_source(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("调研组到魏都区调研\n【信息来源：【作者：【信息时间：2017-12-22 07:45  阅读次数： 】\n"
                    "12月20日，调研组到魏都区调研养老工作。\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.source_org == "" and article.published == "2017-12-22"


def test_readings_glossed_after_characters_are_dropped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("召开会议\n6月14日，全区（qū）社会组织工作会召开，会议部署《乡(xiāng)村振兴专场活动方案》(WHO)。\n",
                    encoding="utf-8")
    [article] = read_path(page)
    assert "全区社会组织工作会" in article.text and "《乡村振兴专场活动方案》" in article.text and "(WHO)" in article.text


def test_a_government_site_s_navigation_before_the_headline(tmp_path):
    """• 设为首页| • 加入收藏| … 网站首页 > 资讯中心: the site's navigation, not the headline."""
    page = tmp_path / "page.txt"
    page.write_text("• 设为首页|\n  • 加入收藏|\n  • 长辈版|\n  • 无障碍浏览|\n网站首页 > 资讯中心 > 市县传真\n"
                    "市救助管理站参加联席会议\n作者: 发布时间:2026-12-06 16:37 信息来源:市民政局\n"
                    "12月2日，联席会议在合肥召开。\n", encoding="utf-8")
    [article] = read_path(page)
    assert article.title == "市救助管理站参加联席会议"
    assert article.published == "2026-12-06"
