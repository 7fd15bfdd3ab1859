"""One specification, two engines: search.js (run in Node) and the Python engine return the same terms
(with boosts), the same ranked URLs and the same scores, on a one-segment and a multi-segment index."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.search.engine import SearchIndex
from gazette.search.files import read_script
from gazette.search.indexer import build_search_index
from gazette.search.tokenize import normalise, runs
from gazette.text.numerals import int_to_chinese
from tests.support import BLIND_QUERIES, BULLETINS, DEV_QUERIES, FIXTURES, REPO, SEED

NODE = shutil.which("node") or "node"
RUNNER = Path(__file__).with_name("node_engine.js")
K = 10


def query_set(site: Path, count: int = 520) -> list[dict]:
    """Every query of our query sets plus generated ones of the same classes, drawn from the index
    itself: passages, article numbers in both numerals, units, 文号 notations, question forms,
    filters and odd input."""
    queries: list[dict] = []
    for path in [FIXTURES / "search_eval.json", FIXTURES / "search_queries.json"] + [p for p in (DEV_QUERIES, BLIND_QUERIES) if p]:
        queries += [{"query": q["query"]} for q in json.loads(path.read_text(encoding="utf-8"))]
    # 繁体 文号 and article numbers (both engines fold before reading them), figures in Chinese numerals
    queries += [{"query": q} for q in ("陽政辦發〔2020〕76號", "78號文 出租車更新", "重大行政決策程序規定 第34條",
                                            "二〇〇六年建成的楼 节能改造", "五岁 婴幼儿 托育", "两千零八年以前竣工")]
    meta = read_script(site, "meta")
    rng = random.Random(10)
    texts, titles = [], []
    for name in sorted(p.stem for p in (site / "search" / "p").glob("*.js")):
        pack = read_script(site, f"p/{name}")
        titles += [page["title"] for page in pack["pages"].values()]
        texts += ["".join(r for _, r in runs(normalise(record[2]))) for record in pack["records"].values()]
    units = sorted(meta["unit_aliases"])
    facets = meta["facets"]
    while len(queries) < count:
        kind = rng.randrange(8)
        text = rng.choice(texts) or "公开"
        at = rng.randrange(max(1, len(text) - 12))
        piece = text[at:at + rng.randint(2, 12)]
        title = rng.choice(titles)
        short = title[rng.randrange(max(1, len(title) - 6)):][:rng.randint(2, 8)]
        if kind == 0:
            q = piece
        elif kind == 1:
            n = rng.randint(1, 45)
            q = rng.choice([f"{short}第{n}条", f"{short} {n}条 {piece[:4]}", f"第{int_to_chinese(n)}条 {piece[:5]}"])
        elif kind == 2:
            q = f"{rng.choice(units)} {piece[:6]}" + rng.choice(["", " 牵头", " 负责什么"])
        elif kind == 3:
            _, _, prefix, year, number = rng.choice(meta["doc_numbers"])
            q = rng.choice([f"{prefix}〔{year}〕{number}号", f"{prefix}[{year}]{number}号", f"{prefix} {year} 年 {number} 号",
                            f"{prefix[1:]}{number}号", f"{number}号文 {piece[:4]}", f"〔{year}〕{number}",
                            f"{piece[:4]} {year}年{number}号", f"{piece[:3]}{prefix}{number}号"])
        elif kind == 4:
            q = rng.choice([f"什么是{piece[:4]}", f"{piece[:4]}指什么", f"多少{piece[:1]}算{piece[1:4]}",
                            f"{piece[:1]}不{piece[:4]}", f"{rng.choice(['三', '4', 'Ⅱ', 'iv'])}级{piece[:4]}",
                            f"{rng.randint(2000, 2025)}年 {piece[:4]}", f"{piece[:3]}{rng.randint(1, 9)}岁",
                            f"{short} {piece[:5]}吗", f"{short}能不能{piece[:4]}"])
        elif kind == 5:
            q = " ".join(piece[i:i + 2] for i in range(0, len(piece), 3))
        elif kind == 6:
            q = "".join(rng.choice("+-:^~*“”《》（）〔〕 0123456789第条号年") for _ in range(rng.randint(1, 8))) + piece[:3]
        else:
            q = f"{piece} {short}"
        item: dict = {"query": q}
        if rng.random() < 0.15:
            item["filters"] = rng.choice([
                {"date": ["2020-07-01", "2020-07-31"]}, {"date": ["2020-08-01", None]}, {"date": [None, "2020-07-15"]},
                {"issue": facets["issue"][0][0]},
                *({field: rng.choice(facets[facet])} for field, facet in (
                    ("category", "category"), ("status", "status"), ("topics", "topic")) if facets[facet])])
        queries.append(item)
    return queries


def compare(site: Path, tmp_path: Path, count: int = 520) -> int:
    queries = query_set(site, count)
    assert len(queries) >= 500
    (tmp_path / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([NODE, str(RUNNER), str(site), str(tmp_path / "queries.json"), str(K)],
                         capture_output=True, text=True, cwd=REPO, timeout=600)
    assert out.returncode == 0, out.stderr
    browser = json.loads(out.stdout)
    assert len(browser) == len(queries)
    index = SearchIndex(site)
    with_results = 0
    for item, js in zip(queries, browser, strict=True):
        q = item["query"]
        analysis = index.analyse(q)
        assert set(js["terms"]) == set(analysis.terms), q
        assert all(math.isclose(js["terms"][t], b, rel_tol=1e-12) for t, b in analysis.terms.items()), q
        assert (js["articles"], js["units"], js["defines"]) == (analysis.articles, analysis.units, analysis.defines), q
        filters = {f: tuple(v) if isinstance(v, list) else v for f, v in item.get("filters", {}).items()}
        results = index.search(q, k=K, filters=filters)
        assert [url for url, _ in js["results"]] == [r.url for r in results], q
        assert all(math.isclose(s, r.score, rel_tol=1e-9, abs_tol=1e-12) for (_, s), r in zip(js["results"], results, strict=True)), q
        assert js["answered"] == index.answers(q, results), q
        with_results += bool(results)
    return with_results


def test_node_and_python_agree_on_one_segment(seed_site, tmp_path):
    assert len(read_script(seed_site.site, "meta")["segments"]) == 1
    assert compare(seed_site.site, tmp_path) >= 400  # most queries find something: the lists are compared


@pytest.fixture(scope="module")
def multi_segment_site(tmp_path_factory, registry) -> Path:
    """Three issues, one segment each (the segment size is a build parameter): only the search index."""
    root = tmp_path_factory.mktemp("segments")
    parsed = [parse_file(SEED, registry)]
    for name, key in (("yangquan-2020-05.txt", "2020-05.txt"), ("yangquan-2021-01.txt", "2021-01.txt")):
        shutil.copyfile(BULLETINS / name, root / key)
        parsed.append(parse_file(root / key, registry))
    site = root / "site"
    build_search_index(site, root / "cache", link_archive(parsed), registry, segment_issues=1)
    return site


def test_node_and_python_agree_on_several_segments(multi_segment_site, tmp_path):
    assert len(read_script(multi_segment_site, "meta")["segments"]) == 3
    assert compare(multi_segment_site, tmp_path) >= 400
