"""Packaged lexicons: every data file loads, ids are unique, errors name file:line, gazetteer facts."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mzgraph import lexicon as lexicon_module
from mzgraph.errors import LexiconError
from mzgraph.lexicon import DATA, load_lexicon, load_townships

REFERENCE_TABLES = {"townships.tsv"}  # a reference table keyed by its columns, without ids (its own tests below)
DATA_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".tsv") and p.name not in REFERENCE_TABLES)


def header_and_rows(name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    header, rows = None, []
    for lineno, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if header is None:
            header = line.split("\t")
        else:
            rows.append((lineno, line.split("\t")))
    assert header is not None, f"{name}: no header line"
    return header, rows


def test_there_are_data_files():
    assert {"titles.tsv", "org_suffixes.tsv", "cues.tsv", "surnames.tsv"} <= set(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_loads_with_unique_ids(name):
    header, rows = header_and_rows(name)
    assert header[0] == "id"
    rows_via_loader = lexicon_module._rows(name, tuple(header))
    assert len(rows_via_loader) == len(rows) > 0
    ids = [cells[0] for _, cells in rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert dupes == [], f"{name}: duplicate ids {dupes}"


def test_whole_lexicon_loads(lexicon):
    assert lexicon.titles and lexicon.suffixes and lexicon.meeting_types and lexicon.cues
    assert lexicon.surnames and lexicon.compound_surnames
    assert len(lexicon.gazetteer.divisions) > 3000


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of data/ that the loaders read instead of the packaged one."""
    for name in DATA_FILES + sorted(REFERENCE_TABLES):
        shutil.copyfile(DATA / name, tmp_path / name)
    monkeypatch.setattr(lexicon_module, "DATA", tmp_path)
    return tmp_path


@pytest.mark.parametrize("name, line, message", [
    ("titles.tsv", "t_dzsj\t重复职务\tnone\tnone", "duplicate id"),
    ("titles.tsv", "t_new\t新职务\tmaybe\tnone", "bad implies/level"),
    ("titles.tsv", "t_wide\ta\tnone\tnone\textra\tcells", "tab-separated cells"),
    ("org_suffixes.tsv", "s_new\t新局\tdepartment\t\t", "unknown kind"),
    ("cues.tsv", "c_new\tattended\t出席(", "bad pattern"),
    ("cues.tsv", "c_vote\tvoted\t投票", "unknown relation"),
    ("surnames.tsv", "sn_empty\t", "empty surname"),
    ("meeting_types.tsv", "mt_lonely", "tab-separated cells"),
    ("place_short_stop.tsv", "\t来宾", "missing or duplicate id"),
    # the rules' word lists and patterns
    ("words.tsv", "w_twice\tstreet_stop\t、", "'、' is listed twice in 'street_stop'"),
    ("words.tsv", "w_empty\tstreet_stop", "empty entry"),
    ("words.tsv", "street_not_name.001\tstreet_not_name\t新词", "missing or duplicate id"),
    ("words.tsv", "w_wide\tstreet_stop\t新\textra", "tab-separated cells"),
    ("patterns.tsv", "p_open\t(未闭合", "bad pattern"),
    ("patterns.tsv", "street\t街道", "missing or duplicate id"),
    ("patterns.tsv", "p_wide\ta\tb", "tab-separated cells"),
    ("divisions_extra.tsv", "dx_bad\t5001\t某区", "6-digit code"),
    ("former_divisions.tsv", "fd_bad\t610600\t某县\t201904", "county's 6-digit code"),
])
def test_malformed_line_names_file_and_line(data_copy, name, line, message):
    path = data_copy / name
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    lineno = len(text.splitlines())
    with pytest.raises(LexiconError, match=rf"^{re.escape(name)}:{lineno}: .*{re.escape(message)}"):
        load_lexicon.__wrapped__()


def test_wrong_header_names_file_and_line(data_copy):
    path = data_copy / "titles.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("id\ttitle\t", "id\tname\t", 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^titles\.tsv:\d+: expected columns"):
        load_lexicon.__wrapped__()


@pytest.mark.parametrize("name, code, level, parent", [
    ("江苏省", "320000", "province", ""),
    ("南京市", "320100", "prefecture", "320000"),
    ("贾汪区", "320305", "county", "320300"),
    ("渝中区", "500103", "county", "500000"),  # 重庆 is a municipality: no prefecture in between
    ("广西壮族自治区", "450000", "province", ""),
    ("安塞县", "610624", "county", "610600"),  # a former name (data/former_divisions.tsv), now 安塞区
])
def test_gazetteer_division(lexicon, name, code, level, parent):
    gaz = lexicon.gazetteer
    assert code in gaz.by_name[name]
    ref = gaz.divisions[code]
    assert (ref.name, ref.level, ref.parent) == (name, level, parent)


@pytest.mark.parametrize("short, code", [
    ("江苏", "320000"),
    ("广西", "450000"),
    ("内蒙古", "150000"),
    ("南京", "320100"),
])
def test_short_name_resolves(lexicon, short, code):
    assert code in lexicon.gazetteer.by_name[short]


@pytest.mark.parametrize("short, full", [("来宾", "来宾市"), ("大庆", "大庆市")])
def test_stop_listed_short_name_does_not_resolve(lexicon, short, full):
    assert short not in lexicon.gazetteer.by_name
    assert full in lexicon.gazetteer.by_name


@pytest.mark.parametrize("code, chain", [
    ("320305", ["贾汪区", "徐州市", "江苏省"]),
    ("500103", ["渝中区", "重庆市"]),
])
def test_gazetteer_chain(lexicon, code, chain):
    assert [p.name for p in lexicon.gazetteer.chain(code)] == chain


def test_themes_load_with_keywords(lexicon):
    assert len(lexicon.themes) == 22
    slugs = [t.slug for t in lexicon.themes]
    assert len(set(slugs)) == len(slugs)
    for theme in lexicon.themes:
        assert theme.label in theme.keywords
        assert len(theme.keywords) >= 2, theme.label


@pytest.mark.parametrize("label, keyword", [("社会救助", "低保"), ("养老服务", "养老"), ("儿童福利", "孤儿")])
def test_theme_keyword(lexicon, label, keyword):
    theme = next(t for t in lexicon.themes if t.label == label)
    assert keyword in theme.keywords


def test_a_former_division_is_found_by_its_full_name_only(lexicon):
    """安塞县 (now 安塞区) and 旬阳县 (now 旬阳市) have rows of their own; no short form is added for them."""
    gaz = lexicon.gazetteer
    assert gaz.by_name["安塞县"] == ("610624",) and gaz.by_name["安塞区"] == ("610603",)
    assert gaz.by_name["旬阳县"] == ("610928",) and gaz.by_name["旬阳市"] == ("610981",)
    assert not any(c in ("610624", "610928") for codes in gaz.by_name.values() if len(codes) > 1 for c in codes)


def test_a_malformed_township_row_names_file_and_line(data_copy):
    path = data_copy / "townships.tsv"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n500111\t某某社区\n"
    path.write_text(text, encoding="utf-8")
    load_townships.cache_clear()
    try:
        with pytest.raises(LexiconError, match=rf"^townships\.tsv:{len(text.splitlines())}: .*街道, 镇 or 乡"):
            load_townships()
    finally:
        load_townships.cache_clear()


def test_townships_by_county(lexicon):
    towns = load_townships()
    assert {"棠香街道", "拾万镇"} <= towns["500111"]  # 重庆市大足区
    assert all(n.endswith(("街道", "镇", "乡")) for names in towns.values() for n in names)
