"""Files → :class:`Article` records: decoding, HTML main text, article splitting, meta lines.

The reader owns everything about bytes and layout; later stages only see text.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import InputError
from .model import Article

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".html", ".htm")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_META_KEYS = ("发布日期", "发布时间", "来源", "阅读量", "浏览量", "浏览次数", "点击数", "作者", "责任编辑", "编辑", "审核",
              "校对", "信息来源", "文章来源", "字号", "分享到", "打印", "关闭窗口", "【字体", "字体")
_META = re.compile(r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*)?(?:" +
                   "|".join(map(re.escape, _META_KEYS)) + r")\s*[:：]?")
_ONLY_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SOURCE = re.compile(r"(?:信息来源|文章来源|来源)\s*[:：]\s*([^\s　|｜]+)")
_JU = re.compile(r"[（(]\s*据\s*([^（()）]{2,40}?)\s*[)）]\s*$")
_TERMINAL = "。！？!?；;：:”’」』）)…—"
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes → (text, encoding name); UTF-8 first, then a statistical detector."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None or best.encoding is None:
        raise InputError(path, "not text: no encoding decodes it (binary file?)")
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return "\x00" in sample or bad > max(8, len(sample) // 50)


def read_path(path: Path) -> list[Article]:
    """Read one input file into its articles. Raises :class:`InputError` naming the file."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(name, f"too large ({size} bytes > {MAX_BYTES} bytes cap)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, name)
    if _looks_binary(text):
        raise InputError(name, "not text: binary content")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text, name)
    articles = split_articles(text, path.name, encoding)
    if not articles:
        raise InputError(name, "no article text found")
    return articles


def html_to_text(html: str, path: str) -> str:
    """Main text of an HTML page with its title as a heading and its date as a meta line."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if doc is None:
        raise InputError(path, "HTML page has no main text")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    body = get("text") or ""
    if not body.strip():
        raise InputError(path, "HTML page has no main text")
    head = []
    if get("title"):
        head.append(f"# {get('title')}")
    if get("date"):
        head.append(f"发布日期：{get('date')}")
    return "\n".join(head + [body])


def split_articles(text: str, source: str, encoding: str = "utf-8") -> list[Article]:
    """One file may hold several articles under markdown headings."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        m = _HEADING.match(line)
        if m:
            chunks.append((m.group(1).strip(), []))
        else:
            chunks[-1][1].append(line)
    out: list[Article] = []
    for title, body in chunks:
        paras = [ln.strip(" \t\u3000") for ln in body]
        paras = [p for p in paras if p]
        if title is None:
            if not paras:
                continue
            title, paras = paras[0], paras[1:]
        article = _make_article(title, paras, source, len(out), encoding)
        if article is not None:
            out.append(article)
    return out


def _make_article(title: str, paras: list[str], source: str, index: int, encoding: str) -> Article | None:
    published, source_org, body = "", "", []
    for p in paras:
        if (_META.match(p) or _ONLY_DATE.match(p)) and len(p) < 200:
            if not published:
                m = _DATE.search(p)
                if m:
                    published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            m = _SOURCE.search(p)
            if m and not source_org:
                source_org = m.group(1)
            continue
        body.append(p)
    body = repair_line_breaks(body)
    if body:
        m = _JU.search(body[-1])
        if m and not source_org:
            source_org = m.group(1)
    if not body and not title:
        return None
    text = title + "\n" + "\n".join(body)
    return Article(source=source, index=index, title=title, text=text, body_start=len(title) + 1,
                   published=published, source_org=source_org, encoding=encoding)


def repair_line_breaks(paras: list[str]) -> list[str]:
    """Join paragraphs that a line break cut in the middle of a sentence."""
    out: list[str] = []
    for p in paras:
        if out and out[-1][-1] not in _TERMINAL and not _JU.match(p):
            out[-1] += p
        else:
            out.append(p)
    return out


def iter_input_files(inputs: list[Path]) -> list[Path]:
    """Expand folders into their article files, sorted, so order never changes output."""
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            files.extend(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                         and not f.name.endswith(".gold.json"))
        else:
            files.append(p)
    return sorted(set(files), key=lambda f: (f.name, str(f)))
