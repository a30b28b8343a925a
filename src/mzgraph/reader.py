"""Files → :class:`Article` records: decoding, HTML main text, article splitting, meta lines.

The reader owns everything about bytes and layout; later stages only see text.
"""
from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .lexicon import load_patterns, load_words
from .model import Article
from .normalize import to_simplified
from .numerals import number

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".html", ".htm")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_LINK_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+)?\[[^\]]*\]\([^)]*\)\s*$")  # a Markdown line that is only a link
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年(十[一二]?|[一二三四五六七八九])月([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")
_DATE_TIME = (r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\.\d{1,2}\.\d{4}|" + _CN_DATE.pattern
              + r")(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_ONLY_DATE = re.compile(rf"^[（(]?\s*{_DATE_TIME}\s*[)）]?$")
_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")  # 09.02.2017: day, month, year
_PAGE_LINE = re.compile(r"^\s*第\s*[A-Za-z]?\d{1,3}\s*版")
HEADLINE_MAX = 120  # characters: a longer first line is the text itself
_SENTENCE_MARKS = re.compile(r"[，。；！？,;!?]")


@lru_cache(maxsize=1)
def _meta_line() -> re.Pattern[str]:
    """A page meta line: an optional date, then a key from data/words.tsv (meta_keys, or
    meta_keys_colon when a colon follows it)."""
    words = load_words()
    bare = "|".join(map(re.escape, words["meta_keys"]))
    colon = "|".join(map(re.escape, words["meta_keys_colon"]))
    return re.compile(rf"^(?:{_DATE_TIME}\s*)?(?:(?:{bare})\s*[:：]?|(?:{colon})\s*[:：])")


@lru_cache(maxsize=1)
def _closing_credit() -> re.Pattern[str]:
    """The unit credited in brackets at the end of the text: data/patterns.tsv closing_credit."""
    return load_patterns()["closing_credit"]


@lru_cache(maxsize=1)
def _byline() -> re.Pattern[str]:
    """A line naming the reporters alone (张三 李四 报道, 记者 张三): data/patterns.tsv byline."""
    return load_patterns()["byline"]


@lru_cache(maxsize=1)
def _related_heads() -> frozenset[str]:
    """Headings of a page's list of other articles (相关文章, 推荐阅读): data/words.tsv related_heads."""
    return frozenset(load_words()["related_heads"])


@lru_cache(maxsize=1)
def _footer_line() -> re.Pattern[str]:
    """A site footer line (版权所有：… 地址：… ICP备…), a breadcrumb (首页 > …, data/patterns.tsv breadcrumb) or an
    image's file name on its own: data/words.tsv footer_keys, at its start or anywhere."""
    keys = "|".join(map(re.escape, load_words()["footer_keys"]))
    crumb = load_patterns()["breadcrumb"].pattern
    return re.compile(rf"^[•·・\s]*(?:{keys})|ICP备|公网安备|^[\w./-]+\.(?:png|jpe?g|gif|webp|bmp)\s*$|{crumb}", re.IGNORECASE)


def _is_meta(line: str) -> bool:
    """来源：… / 发布时间：… / a date on its own / a newspaper's page (第2版 综合新闻) / a short line of
    chrome with a date (URL, outlet, time)."""
    if _meta_line().match(line) or _ONLY_DATE.match(line) or len(line) <= 30 and (_PAGE_LINE.match(line)
                                                                                    or _byline().fullmatch(line)):
        return True
    # (a longer line of chrome names its 来源: 内蒙古自治区民政厅　2026-09-25 11:40　来源：社会事务处　字号：…)
    return (len(line) <= 60 or len(line) <= 100 and _SOURCE.search(line) is not None) and _published(line) != "" \
        and not _SENTENCE_MARKS.search(line) and not _has_meeting_words(line)


def is_meta_line(line: str) -> bool:
    """Whether ``line`` is a line of page chrome: 来源/发布时间/作者 lines, bylines, a date alone (:func:`_is_meta`)."""
    return _is_meta(line.strip())


def _has_meeting_words(line: str) -> bool:
    return _headline_words().search(line) is not None


def _published(line: str) -> str:
    m = _DATE.search(line)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _DMY.search(line)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = _CN_DATE.search(line)  # 二〇二六年一月九日: a notice's date line
    if m:
        y, mo, d = (number(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""
    return ""
_SOURCE = re.compile(r"(?:信息来源|文章来源|来源)\s*[:：]\s*([^\s　|｜【】\[\]:：]+)")
_SITE = re.compile(r"(?:^|\s)(?:主办单位|主办|网站名称)\s*[:：]\s*([^\s　|｜&;；，,]{2,40})")
_GLUED_IMAGE = re.compile(r"^(?:[^\s。！？，]{1,80}?\.(?:png|jpe?g|gif|webp|bmp)(?![a-z])|(?:微信图片|图片|IMG)_?\d{6,})",
                          re.IGNORECASE)
_PINYIN = re.compile("(?<=[\u4e00-\u9fff])[（(][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,6}[)）]")
_JU = re.compile(r"[（(]\s*据\s*([^（()）]{2,40}?)\s*[)）]\s*$")
_TERMINAL = "。！？!?；;：:”’」』）)…—"
# C0/C1 controls (but tab and newline), zero-width and bidi formatting marks, BOMs, lone surrogates:
# invisible, and they split names ("谢\u200b晓军") or break serialisation.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e"
                      "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")


class InputWarning(UserWarning):
    """A file was read, but something in it was repaired or dropped (e.g. a truncated last character)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# Candidates for the detector. gb18030 covers GB2312/GBK, cp950 is Big5 with Microsoft's
# extensions (Python's plain big5 lacks characters such as 碁), and UTF-16 without a BOM
# is only recognisable statistically.
CANDIDATES = ("gb18030", "cp950", "utf_16_le", "utf_16_be")
_BOMS = ((b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16"),
         (b"\xfe\xff", "utf-16-be", "utf-16"))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes → (text, encoding name): BOM, then strict UTF-8, then a statistical detector.

    A multibyte character cut by truncation at the very end is dropped with an
    :class:`InputWarning`; anything else that no candidate decodes is an :class:`InputError`.
    """
    if not data.strip(b" \t\r\n"):
        raise InputError(path, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_tail_tolerant(data[len(bom):], codec, path), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            return _decode_tail_tolerant(data, "utf-8", path), "utf-8"
    from charset_normalizer import from_bytes

    # A truncated GBK/Big5 file ends in a lone lead byte that every candidate rejects:
    # retry without up to three trailing bytes (a GB18030 sequence is at most four).
    for cut in range(min(4, len(data) - 1)):
        best = _pick(from_bytes(data[:len(data) - cut], cp_isolation=list(CANDIDATES)))
        if best is not None:
            encoding = best.encoding.replace("_", "-")
            if cut:
                _warn_truncated(path, len(data) - cut, encoding)
            return str(best), encoding
    raise InputError(path, "not text: no encoding among UTF-8, UTF-16, GB18030 and Big5 decodes it (binary file?)")


def _pick(matches) -> object | None:
    """The detector's best guess, unless another candidate reads as clearly more common Chinese.

    On a few dozen bytes charset-normalizer can prefer UTF-16 for GBK text (the bytes decode
    to rare ideographs and Hangul); the share of common characters settles it.
    """
    found = [m for m in matches if m.encoding is not None]
    if not found:
        return None
    best = found[0]
    best_score = _commonness(str(best))
    for m in found[1:]:
        score = _commonness(str(m))
        if score > best_score + 0.1:
            best, best_score = m, score
    return best


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """Level-1 characters of GB2312 (3755) and Big5 (5401): the bulk of any news text in either script."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.add(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            chars.add(bytes((lead, trail)).decode("big5", errors="ignore"))
    chars.discard("")
    return frozenset(chars)


def _commonness(text: str) -> float:
    sample = text[:2000]
    if not sample:
        return 0.0
    han = _common_han()
    good = sum(1 for ch in sample if ch in han or " " <= ch <= "~" or ch in "\n\t\r" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027")
    return good / len(sample)


def _decode_tail_tolerant(data: bytes, codec: str, path: str) -> str:
    """Decode, dropping an incomplete character at the very end; invalid bytes elsewhere become U+FFFD."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) - 1 and exc.start >= len(data) - 4:
            _warn_truncated(path, exc.start, codec)
            return data[:exc.start].decode(codec, errors="replace")
        return data.decode(codec, errors="replace")


def _warn_truncated(path: str, at: int, codec: str) -> None:
    import warnings

    warnings.warn(InputWarning(path, f"truncated: incomplete {codec} character at byte {at} dropped"),
                  stacklevel=3)


# White space that is a control character too (str.split() drops it with the rest): the only
# controls a sample without other non-printable characters can hold.
_SPACE_CONTROLS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    # Every control, private-use or unassigned character is non-printable: a sample printable once its
    # white space is out, and without the controls that count as white space, has none (the usual case).
    if "".join(sample.split()).isprintable() and not any(c in sample for c in _SPACE_CONTROLS):
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return bad > max(8, len(sample) // 50)


def read_path(path: Path, source: str | None = None) -> list[Article]:
    """Read one input file into its articles. Raises :class:`InputError` naming the file.

    ``source`` is what the articles record as their file (see :class:`InputFile`); by default the
    file's name. The size and kind of file are checked before any byte is read: a FIFO, a device
    or a file over :data:`MAX_BYTES` is refused without opening it.
    """
    name = str(path)
    source = path.name if source is None else source
    check_name(source, name)
    try:
        check_file(path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # never blocks, even if a FIFO took the file's place
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(name, f"not a regular file ({_kind(os.fstat(fh.fileno()).st_mode)})")
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # grew since it was checked
            raise InputError(name, f"too large: over {MAX_BYTES} bytes, the cap is {MAX_BYTES} bytes (split the file)")
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, name)
    if _looks_binary(text):
        raise InputError(name, "not text: binary content")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text, name)
    articles = split_articles(text, source, encoding)
    if not articles:
        raise InputError(name, "no article text found")
    return articles


def html_to_text(html: str, path: str) -> str:
    """Main text of an HTML page with its title as a heading and its date and source as meta lines.

    trafilatura drops navigation, footers and scripts. Chinese government sites also carry
    the standard ``ArticleTitle`` / ``PubDate`` / ``ContentSource`` meta tags, which win over
    guesses. Pages trafilatura cannot read (pathological nesting) fall back to their visible text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    except Exception:  # noqa: BLE001 - a third-party parser on hostile input; the fallback still reads it
        doc = None
    get = (doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)) if doc is not None else \
        (lambda k: None)
    body = get("text") or ""
    if not body.strip():
        body = _visible_text(html)
    if not body.strip():
        raise InputError(path, "HTML page has no main text")
    meta = _gov_meta(html)
    site = _site_name(html, meta, meta.get("articletitle") or get("title") or "")
    title = meta.get("articletitle") or get("title") or ""
    if not meta.get("articletitle") and (not title or title == site):  # the banner's site name read as the title
        title = _title_tag_headline(html) or title
    # a 发布时间 written on the page beats a date guessed from the page (which may be a related article's)
    date = meta.get("pubdate") or meta.get("publishdate") or _labelled_date(html) or get("date") or ""
    source = meta.get("contentsource") or ""
    head = []
    if title.strip():
        head.append(f"# {' '.join(title.split())}")
    if date:
        head.append(f"发布日期：{date}")
    if source:
        head.append(f"来源：{source}")
    return "\n".join(head + [body] + ([f"网站名称：{site}"] if site else []))


def _site_name(html: str, meta: dict[str, str], title: str) -> str:
    """The body that runs the site: the footer's 主办：…, the SiteName meta tag, or the site name the
    page's ``<title>`` adds to the headline (…_工作动态_扬州市民政局, … - 扬州市民政局)."""
    import html as html_lib

    footer = _SITE.search(html_lib.unescape(_TAGS.sub(" ", html[-20_000:])))
    if footer:
        return footer.group(1)
    if meta.get("sitename"):
        return meta["sitename"].split()[0]
    parts = _title_parts(html)
    return parts[-1] if len(parts) > 1 and parts[-1] and parts[-1] not in title else ""


def _title_parts(html: str) -> list[str]:
    """The parts of the page's ``<title>``: headline, column, site (…_工作动态_扬州市民政局)."""
    import html as html_lib

    m = _TITLE_TAG.search(html[:50_000])
    return [x.strip() for x in _TITLE_SEP.split(html_lib.unescape(m.group(1)))] if m else []


def _title_tag_headline(html: str) -> str:
    """The headline the page's ``<title>`` opens with (… - 泉州市民政局 → …)."""
    parts = _title_parts(html)
    return parts[0] if len(parts) > 1 else ""


def _labelled_date(html: str) -> str:
    """The date after the page's first 发布时间/发布日期 label, as ISO."""
    import html as html_lib

    m = _DATE_LABEL.search(html_lib.unescape(_TAGS.sub(" ", html[:200_000])))
    return _published(m.group(1)) if m else ""


_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|發布時間|發佈日期)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})")
_TAGS = re.compile(r"<[^>]+>")
_TITLE_TAG = re.compile(r"<title[^>]*>([^<]*)</title>", re.I)
_TITLE_SEP = re.compile(r"\s*(?:_|--|\s-\s|\||｜)\s*")


_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_META_ATTR = re.compile(r"""(name|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _gov_meta(html: str) -> dict[str, str]:
    """``<meta name=… content=…>`` pairs of the page head, names lower-cased."""
    import html as html_lib

    out: dict[str, str] = {}
    for tag in _META_TAG.findall(html[:200_000]):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _META_ATTR.finditer(tag)}
        name, content = attrs.get("name", "").lower(), html_lib.unescape(attrs.get("content", "")).strip()
        if name and content and name not in out:
            out[name] = " ".join(content.split())
    return out


def _visible_text(html: str) -> str:
    """Text outside scripts, styles, head, navigation and footers, one line per block."""
    from html.parser import HTMLParser

    skip_tags = {"script", "style", "noscript", "head", "nav", "header", "footer", "template"}

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.skip = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag in skip_tags:
                self.skip += 1
            elif tag in ("p", "div", "br", "li", "h1", "h2", "h3", "tr"):
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in skip_tags and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - stdlib parser on hostile input; keep what was read
        pass
    return "\n".join(ln.strip() for ln in "".join(parser.parts).split("\n") if ln.strip())


@lru_cache(maxsize=1)
def _headline_words() -> re.Pattern[str]:
    """Words that make a line read as a headline, not a section title or chrome (data/words.tsv headline_words)."""
    return re.compile("|".join(map(re.escape, load_words()["headline_words"])))


def _heading_level(line: str) -> int:
    return len(line.lstrip()) - len(line.lstrip().lstrip("#"))


def split_articles(text: str, source: str, encoding: str = "utf-8") -> list[Article]:
    """One file may hold several articles under markdown headings."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _PINYIN.sub("", text)  # 全区（qū）/ 協(xié)議: copies that gloss characters with their reading
    lines = [ln for ln in text.split("\n") if not _LINK_LINE.match(ln)]  # - [往期推荐](https://…): chrome
    # articles are the headings of the top level used, and deeper ones that read as a headline; the other
    # deeper ones (## 通报进展 交流经验) are section titles inside an article
    top = min((_heading_level(ln) for ln in lines if _HEADING.match(ln)), default=0)
    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        m = _HEADING.match(line)
        if m and (_heading_level(line) == top or _headline_words().search(to_simplified(m.group(1)))):
            chunks.append((m.group(1).strip(), []))
        elif m:
            chunks[-1][1].append(m.group(1).strip())
        else:
            chunks[-1][1].append(line)
    out: list[Article] = []
    for title, body in chunks:
        paras = [ln.strip(" \t\u3000") for ln in body]
        paras = [p for p in paras if p]
        if title is None:
            chrome = ""
            while paras and (len(paras[0]) < 300 and _footer_line().search(to_simplified(paras[0]))
                             or len(paras) > 1 and _section_label(paras[0]) and _footer_line().search(to_simplified(paras[1]))
                             or len(paras) > 1 and _section_label(paras[0]) and paras[0] in chrome):
                chrome += paras[0] + "\n"
                paras = paras[1:]  # 点击上方蓝字关注我们: a line of the page's chrome opens it, not the headline
                # (工作动态 over 您当前所在位置：工作动态 > 今日时政: the site's section, named over its breadcrumb,
                # or under it: 您的位置：首页 >> 市直动态 over 市直动态)
            labels = next((i for i, p in enumerate(paras) if not _section_label(p)), len(paras))
            if 2 <= labels < len(paras) and _has_meeting_words(to_simplified(paras[labels])):
                paras = paras[labels:]  # 新闻中心 / 公益项目 / 育才计划 …: the site's menu over the headline
            if not paras:
                continue
            title, paras = ("", paras) if _reads_as_body(paras[0]) else (paras[0], paras[1:])
        article = _make_article(title, paras, source, len(out), encoding)
        if article is not None:
            out.append(article)
    return out


def _section_label(line: str) -> bool:
    """A short line that names a part of the site (工作动态, 今日时政), not a headline."""
    simple = to_simplified(line)
    return len(simple) <= 8 and not _SENTENCE_MARKS.search(simple) and not _has_meeting_words(simple)


def _reads_as_body(line: str) -> bool:
    """A first line that is the article's text, not its headline: a page saved without its headline
    (4月11日下午，…召开…。区民政局…参加会议。…, or one sentence of clauses: …召开，会议由…主持，…参加。) has full
    sentences where a headline has none."""
    stops = [i for i, c in enumerate(line) if c in "。！？!?"]
    commas = sum(line.count(c) for c in "，,")
    return len(line) > HEADLINE_MAX or len(line) > 40 and (any(i < len(line) - 1 for i in stops)
                                                            or line.endswith("。") and commas >= 2)


RELATED_RUN = 4  # headline-like lines in a row at the foot of a page that make a list of other articles


def _without_trailing_links(paras: list[str]) -> list[str]:
    """The paragraphs without the page's unheaded list of other articles at its foot: after the body's last
    sentence, a run of at least :data:`RELATED_RUN` short lines with no sentence mark, up to the end (or to
    its chrome), is the site's links to other news, not part of this one."""
    last = max((i for i, p in enumerate(paras) if "。" in p), default=-1)
    if last < 0:
        return paras
    tail = [i for i in range(last + 1, len(paras)) if not _is_meta(to_simplified(paras[i]))
            and not _footer_line().search(to_simplified(paras[i]))]
    if len(tail) >= RELATED_RUN and all(len(paras[i]) <= 60 and not _SENTENCE_MARKS.search(paras[i]) for i in tail):
        drop = set(tail)
        return [p for i, p in enumerate(paras) if i not in drop]
    return paras


def _make_article(title: str, paras: list[str], source: str, index: int, encoding: str) -> Article | None:
    # Meta lines (来源, 发布日期, 责任编辑 …) stay in the text as their own paragraphs: the places and
    # bodies they name belong to the article; line breaks are repaired only between body lines.
    published, source_org, site, body, run = "", "", "", [], []
    related = False
    if _is_meta(to_simplified(title)):  # 楚雄日报　2026年8月29日 / 第2版 综合新闻 / the headline: a masthead opens the page
        at = next((i for i, p in enumerate(paras) if not _is_meta(to_simplified(p))), None)
        if at is not None and len(paras[at]) <= 60 and not _SENTENCE_MARKS.search(paras[at]):
            published = _published(to_simplified(title))
            title, paras = paras[at], [title] + paras[:at] + paras[at + 1:]
        elif at is not None and _reads_as_body(paras[at]):  # the masthead or byline opens a page with no headline
            title, paras = "", [title] + paras
    paras = _without_trailing_links(paras)
    for p in paras:
        glued = _GLUED_IMAGE.match(p)
        if glued:  # 省民政厅召开…会议_1.JPG(5月14日，…): an image's file name, on its own or glued before the text
            p = p[glued.end():].strip()
            if not p:
                continue
        simple = to_simplified(p) if len(p) < 200 else p  # 發布日期 / 來源 in traditional articles
        if related and len(p) < 80 and "。" not in p:
            continue  # an item of the list of other articles: their headlines are no part of this one
        related = simple.strip().rstrip("：:") in _related_heads()
        if related:
            continue
        if len(p) < 300 and _footer_line().search(simple):
            # the site's footer: the address and the builder of the site are no part of the article, but
            # the body that runs the site (主办：…) places it
            m = _SITE.search(simple)
            site = site or (p[m.start(1):m.end(1)] if m else "")
            continue
        if len(p) < 200 and _is_meta(simple):
            body += repair_line_breaks(run) + [p]
            run = []
            published = published or _published(simple)
            m = _SOURCE.search(simple)
            if m and not source_org:
                source_org = p[m.start(1):m.end(1)]
            continue
        run.append(p)
    body += repair_line_breaks(run)
    if not published and _is_meta(to_simplified(title)):  # 定西日报　2024年11月28日　第02版: a masthead for a headline
        published = _published(to_simplified(title))
    if body:
        m = _JU.search(to_simplified(body[-1])) or _closing_credit().search(to_simplified(body[-1]))
        if m and not source_org:  # （据…） / (福鼎市民政局 林晶晶): the text closes by naming its source
            source_org = body[-1][m.start(1):m.end(1)]
    if not body and not title:
        return None
    text = title + "\n" + "\n".join(body)
    return Article(source=source, index=index, title=title, text=text, body_start=len(title) + 1,
                   published=published, source_org=source_org, site=site, encoding=encoding)


def repair_line_breaks(paras: list[str]) -> list[str]:
    """Join paragraphs that a line break cut in the middle of a sentence."""
    out: list[str] = []
    for p in paras:
        if out and out[-1][-1] not in _TERMINAL and not _JU.match(p):
            out[-1] += p
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class InputFile:
    """One article file of a build, or a path under an input folder that could not be listed or read.

    ``source`` is what its articles record as their file: the path relative to the folder given
    (POSIX separators), so ``2023/news.txt`` and ``2024/news.txt`` stay two files; a file given
    directly keeps its name. ``problem`` says why it cannot be read, when that is known without
    reading it (an unreadable folder, a FIFO, a broken link).
    """

    path: Path
    source: str
    problem: str = ""


def find_inputs(inputs: list[Path]) -> list[InputFile]:
    """The article files of files and folders, sorted so order never changes output, with the folders
    and non-regular files met on the way that cannot be read."""
    found: dict[str, InputFile] = {}
    for p in inputs:
        p = Path(p)
        if p.is_dir():
            for f in _walk(p):
                found.setdefault(str(f.path), f)
        else:
            found.setdefault(str(p), InputFile(p, p.name))
    return sorted(found.values(), key=lambda f: (f.path.name, str(f.path)))


def _walk(root: Path) -> list[InputFile]:
    """Article files under ``root`` (symbolic links to folders are not followed: no cycles)."""
    out: list[InputFile] = []
    todo = [(root, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            out.append(InputFile(folder, prefix.rstrip("/") or ".", f"cannot read folder: {exc.strerror or exc}"))
            continue
        for e in entries:
            path, source = folder / e.name, prefix + e.name
            try:
                if e.is_dir(follow_symlinks=False):
                    todo.append((path, source + "/"))
                    continue
            except OSError:
                pass
            if Path(e.name).suffix.lower() not in SUFFIXES or e.name.endswith(".gold.json"):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:  # e.g. a broken symbolic link
                out.append(InputFile(path, source, f"cannot read: {exc.strerror or exc}"))
                continue
            if not stat.S_ISDIR(mode):  # a link to a folder is not followed
                out.append(InputFile(path, source, "" if stat.S_ISREG(mode) else f"not a regular file ({_kind(mode)})"))
    return out


def iter_input_files(inputs: list[Path]) -> list[Path]:
    """The readable-looking article files of files and folders, sorted (see :func:`find_inputs`)."""
    return [f.path for f in find_inputs(inputs) if not f.problem]


def check_name(source: str, path: str, reason: str = "file name is not valid UTF-8 (rename the file)") -> None:
    """A file name must be text: articles, IRIs and the graph carry it."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(path, reason) from None


def check_file(path: Path) -> os.stat_result:
    """The ``stat`` of an input file that may be read: a regular file within :data:`MAX_BYTES`."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(str(path), f"not a regular file ({_kind(st.st_mode)})")
    if st.st_size > MAX_BYTES:
        raise InputError(str(path), f"too large: {st.st_size} bytes, the cap is {MAX_BYTES} bytes (split the file)")
    return st


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"
