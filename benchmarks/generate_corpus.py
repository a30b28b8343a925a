"""Deterministic benchmark corpus in the genre of the seeds: civil-affairs meeting reports.

    python benchmarks/generate_corpus.py N OUTDIR [--seed 1]

Writes N ``.txt`` files (one article each, ~1–3 KB) filled from the project's own
lexicons (gazetteer, organisation suffixes, titles, surnames, meeting types, theme
keywords), plus copies of the seed articles. The same N and seed give the same bytes.
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from mzgraph.lexicon import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "seeds", Path("/work/shared/eval/dev")]
# Characters that occur in given names; the lexicons hold surnames only.
GIVEN = "建国立群海燕晓军丽娟悦伟芳敏静磊强军洋勇艳杰娜涛明超秀兰霞平刚桂英华玉萍红鹏飞宇轩浩然志文斌欣怡"
SUBUNITS = ("社会组织管理局", "社会救助处", "养老服务处", "儿童福利处", "区划地名处", "社会事务处")
OPENERS = ("会议以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，",
           "会议全面贯彻党的二十大和二十届二中全会精神，",
           "会议认真落实全国、全省民政工作会议部署，")
ASKS = ("要坚持以人民为中心的发展思想，", "要坚持稳中求进工作总基调，", "要坚持尽力而为、量力而行，",
        "要把思想和行动统一到党委、政府决策部署上来，")
FILLER = ("全市各级民政部门要坚持守正创新，", "持续提升服务群众的能力和水平，", "确保各项工作落地见效。",
          "切实兜准兜牢基本民生底线，", "不断增强人民群众的获得感、幸福感、安全感。",
          "驰而不息抓好党风廉政建设，", "锻造忠诚干净担当的民政干部队伍。")
ORDINALS = "一二三四五六七八"


class Corpus:
    """Templates filled from one lexicon with one random stream."""

    def __init__(self, lexicon: Lexicon, rng: random.Random):
        self.rng = rng
        div = lexicon.gazetteer.divisions
        self.cities = sorted((r for r in div.values() if r.level == "prefecture"), key=lambda r: r.code)
        self.counties = sorted((r for r in div.values() if r.level == "county"), key=lambda r: r.code)
        self.surnames = sorted(lexicon.surnames)
        self.titles = sorted(t.title for t in lexicon.titles.values() if t.implies == "none")
        self.gov_titles = sorted(t.title for t in lexicon.titles.values() if t.implies == "gov" and t.level == "city")
        self.meeting_types = sorted(lexicon.meeting_types)
        self.themes = sorted(kw for t in lexicon.themes for kw in t.keywords)
        self.suffixes = sorted(s.suffix for s in lexicon.suffixes.values()
                               if s.kind == "bureau" and s.suffix.startswith("民政") and s.suffix[-1] == "局")

    def person(self) -> str:
        r = self.rng
        return r.choice(self.surnames) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def official(self, org: str) -> tuple[str, str]:
        r = self.rng
        name = self.person()
        chain = "、".join(r.sample(self.titles, k=r.choice((1, 2))))
        return name, f"{org}{chain}{name}"

    def article(self, i: int) -> str:
        r = self.rng
        city = r.choice(self.cities)
        counties = [c for c in self.counties if c.parent == city.code] or r.sample(self.counties, 4)
        year = r.randint(2019, 2025)
        month, day = r.randint(1, 12), r.randint(1, 28)
        topic = r.choice(("民政", "社会救助", "养老服务", "社会组织登记管理", "儿童福利", "区划地名", "婚姻登记"))
        mtype = r.choice(self.meeting_types)
        meeting = f"{year}年全市{topic}{mtype}"
        bureau = f"{city.name}{r.choice(self.suffixes)}"
        leader, leader_chain = self.official(bureau)
        host, host_chain = self.official(f"{bureau}{r.choice(SUBUNITS)}")
        gov_name = self.person()
        gov = f"市委常委、{r.choice(self.gov_titles)}{gov_name}"
        themes = r.sample(self.themes, k=min(len(self.themes), r.randint(3, 6)))
        speakers = r.sample(counties, k=min(len(counties), r.randint(2, 4)))
        docs = [f"《{year}年{city.name}{topic}工作要点》", f"《关于进一步加强{r.choice(themes)}工作的实施意见》"]
        lines = [
            f"{city.name}召开{meeting}",
            "",
            f"发布日期：{year}-{month:02d}-{day:02d} 09:{r.randint(10, 59)}　　来源：{bureau}　　阅读量：{r.randint(100, 9999)}",
            "",
            f"{month}月{day}日上午，{meeting}在{city.name}召开。{r.choice(OPENERS)}总结{year - 1}年全市{topic}工作，"
            f"研究部署{year}年重点任务。{gov}出席会议并讲话，{leader_chain}作工作报告，{host_chain}主持会议。",
            "",
        ]
        for name in (gov_name, leader):
            para = f"{name}指出，{r.choice(ASKS)}" + "".join(
                f"{ORDINALS[k]}是聚焦{t}，{r.choice(FILLER)}" for k, t in enumerate(r.sample(themes, k=min(3, len(themes)))))
            lines += [para + "".join(r.sample(FILLER, k=3)), ""]
        lines += [
            f"会上，通报了{year - 1}年度全市{topic}工作考核结果，印发了{docs[0]}，宣读了{docs[1]}。"
            + "、".join(f"{c.name}民政局" for c in speakers) + "作交流发言。",
            "",
            "会议强调，" + "；".join(f"{ORDINALS[k]}要{r.choice(('深化', '推进', '加强', '完善'))}{t}"
                                  for k, t in enumerate(themes)) + "。" + "".join(r.sample(FILLER, k=4)),
            "",
            "各县（市）区民政部门主要负责同志，市民政局机关各处室、局属各单位主要负责同志参加会议。",
            "",
            f"责任编辑：{self.person()}",
            "",
        ]
        return "\n".join(lines)


def generate(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``n`` generated articles and the seed articles under ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(load_lexicon(), random.Random(seed))
    written = []
    for src_dir in SEEDS:
        for src in sorted(src_dir.glob("*.txt")) if src_dir.is_dir() else []:
            dst = out / f"seed_{src.name}"
            shutil.copyfile(src, dst)
            written.append(dst)
    width = len(str(max(n - 1, 0)))
    for i in range(n):
        path = out / f"gen_{i:0{width}d}.txt"
        path.write_text(corpus.article(i), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of generated articles")
    p.add_argument("outdir", type=Path)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    paths = generate(args.n, args.outdir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files, {size / 1024:.0f} KB, to {args.outdir}")


if __name__ == "__main__":
    main()
