"""normalize: same-length traditional → simplified and punctuation; the offsets of the original hold."""
from __future__ import annotations

from pathlib import Path

import pytest

from mzgraph.normalize import normalize, normalize_punctuation, to_simplified


@pytest.mark.parametrize("text, expected", [
    ("民政廳召開會議", "民政厅召开会议"),
    ("廣西壯族自治區民政廳黨組書記、廳長王琛出席會議並講話。", "广西壮族自治区民政厅党组书记、厅长王琛出席会议并讲话。"),
    ("臺灣省社會局", "台湾省社会局"),
    ("乾隆年間，天乾物燥。", "乾隆年间，天乾物燥。"),  # 乾 is kept as written (it is a simplified character too)
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


def _people_orgs_and_anchors(text: str, lexicon):
    from rdflib import RDF, RDFS, XSD, Literal

    from mzgraph.pipeline import extract_article
    from mzgraph.rdf.graph import theme_iris, to_graph
    from mzgraph.rdf.namespace import MZ, NIF
    from mzgraph.reader import split_articles

    articles = split_articles(text, "twin.txt")
    g = to_graph([extract_article(a, lexicon) for a in articles], theme_iris(lexicon.themes), with_ontology=False)
    labels = {(str(t).rsplit("#", 1)[-1], to_simplified(str(g.value(e, RDFS.label))))
              for t in (MZ.Person, MZ.Organization) for e in g.subjects(RDF.type, t)}
    texts = {str(a): str(g.value(a, MZ.text)) for a in g.subjects(RDF.type, MZ.Article)}
    anchors = []
    for m in g.subjects(NIF.anchorOf, None):
        begin, end = g.value(m, NIF.beginIndex), g.value(m, NIF.endIndex)
        assert begin.datatype == XSD.nonNegativeInteger
        anchors.append((texts[str(g.value(m, NIF.referenceContext))], int(begin), int(end),
                        g.value(m, NIF.anchorOf)))
    assert all(isinstance(a[3], Literal) for a in anchors)
    return labels, anchors


@pytest.mark.parametrize("article", ["seed", "guangxi"])
def test_traditional_twin_yields_same_people_and_orgs_with_original_offsets(lexicon, article):
    """A traditional article extracts like its simplified twin; every anchor is the original text."""
    from pathlib import Path

    import opencc

    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    simplified = seed if article == "seed" else seed[seed.index("## 广西"):]
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert traditional != simplified and len(traditional) == len(simplified)
    simp_labels, _ = _people_orgs_and_anchors(simplified, lexicon)
    trad_labels, anchors = _people_orgs_and_anchors(traditional, lexicon)
    assert {lab for t, lab in simp_labels if t == "Person"}, "the twin must have people to compare"
    assert trad_labels == simp_labels
    assert anchors
    for text, begin, end, anchor in anchors:
        assert text[begin:end] == str(anchor)
    assert any(str(a) != to_simplified(str(a)) for *_, a in anchors), "anchors keep the traditional script"


# --- the whole-text shortcut of to_simplified --------------------------------------------------

def _clause_by_clause(text: str) -> str:
    """to_simplified without its shortcut: every clause converted on its own (the reference)."""
    from mzgraph.normalize import _CLAUSE, _KEEP, _converter

    if not text or text.isascii():
        return text
    conv = _converter()
    parts = []
    for clause in _CLAUSE.split(text):
        c = conv.convert(clause) if clause else clause
        if len(c) != len(clause):
            c = "".join(s if len(s := conv.convert(ch)) == 1 else ch for ch in clause)
        parts.append(c)
    return "".join(t if t in _KEEP else o for o, t in zip("".join(parts), text))


def _t2s_tables(tmp: Path) -> dict[str, list[tuple[str, str]]]:
    """Every dictionary of OpenCC's t2s configuration as (key, first value) pairs, dumped with the
    ``opencc_dict`` tool that ships with the OpenCC wheel."""
    import json
    import os
    import subprocess

    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool, share = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    assert tool.is_file() and (share / "t2s.json").is_file(), "the OpenCC wheel ships its tables and opencc_dict"

    def files(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                yield node["file"]
            for v in node.values():
                yield from files(v)
        elif isinstance(node, list):
            for v in node:
                yield from files(v)

    env = {**os.environ, "LD_LIBRARY_PATH": str(clib / "lib64")}
    tables = {}
    for name in sorted(set(files(json.loads((share / "t2s.json").read_text(encoding="utf-8"))))):
        out = tmp / f"{name}.txt"
        subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, env=env, capture_output=True)
        pairs = []
        for line in out.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            pairs.append((key, values.split(" ")[0]))
        tables[name] = pairs
    return tables


@pytest.fixture(scope="module")
def t2s_tables(tmp_path_factory) -> dict[str, list[tuple[str, str]]]:
    return _t2s_tables(tmp_path_factory.mktemp("opencc"))


def test_no_opencc_phrase_holds_a_clause_boundary(t2s_tables):
    """What the shortcut rests on: a key never holds a clause boundary, so converting a whole text
    gives the conversion of each clause, boundaries unchanged."""
    from mzgraph.normalize import _CLAUSE

    assert sum(map(len, t2s_tables.values())) > 5000
    crossing = [(name, key) for name, pairs in t2s_tables.items() for key, _ in pairs if _CLAUSE.search(key)]
    assert crossing == []


def test_to_simplified_equals_clause_by_clause_on_random_mixed_text(t2s_tables):
    """Random runs of OpenCC's own keys (phrases and characters, traditional and not), simplified
    text, ASCII and clause marks: the shortcut never changes an answer."""
    import random

    keys = sorted({k for pairs in t2s_tables.values() for k, _ in pairs})
    simplified = list("民政厅召开会议党组书记厅长出席并讲话广西壮族自治区乾隆年间天干物燥台湾省社会局")
    marks = list("，。！？；：、,.!?;:（）()《》“”「」『』 \n\u3000") + ["abc", "1,200", "😀", "𠀀"]
    rng = random.Random(13)
    changed = 0
    for _ in range(3000):
        pool = rng.choice([keys, simplified, simplified + marks, keys + simplified + marks])
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert to_simplified(text) == _clause_by_clause(text), text
        changed += to_simplified(text) != text
    assert changed > 300  # the traditional side (the fallback) is exercised as well


def _punctuation_char_by_char(text: str) -> str:
    """normalize_punctuation as a loop over the characters (the reference)."""
    from mzgraph.normalize import _HALF_TO_FULL

    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in ",:" and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            continue
        if ch in ",;:()!?":
            chars[i] = ch.translate(_HALF_TO_FULL)
    return "".join(chars)


def test_normalize_punctuation_equals_the_character_loop_on_random_text():
    import random

    alphabet = list(",;:()!?，：12０９²①x民 \n") + ["10:30", "1,200"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert normalize_punctuation(text) == _punctuation_char_by_char(text), text


def test_a_name_written_with_qian_keeps_it():
    # 乾 is a simplified character too: OpenCC's 乾 → 干 would rename 王东乾
    assert to_simplified("區民政局局長王東乾講話") == "区民政局局长王东乾讲话"
    assert to_simplified("局长王东乾讲话") == "局长王东乾讲话"
