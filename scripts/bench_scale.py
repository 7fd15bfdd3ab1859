#!/usr/bin/env python3
"""Scale benchmark: synthetic archives of 1, 10 and 60 issues, built and searched in real Chromium.

Issue 1 is the real bulletin (bulletins/2020-04.txt); the others are made from it with their own
issue number, cover, dates and 文号 (renumbered, so documents stay distinct across issues) and
some varied figures. For each size the script measures:

  full build        python -m gazette build of all issues, caches empty
  incremental       the same archive without its newest issue built first, then that issue added
  pages, site size, search files total size
  first query       bytes on the wire (gzip), requests (all / search files) and time to the first
                    result from navigation start and from the first keystroke, in a fresh context
  median latency    over the 40 development queries in a warm page

Run: scripts/bench_scale.py [--sizes 1,10,60] [--json out.json]   (make bench-scale)
Timings are single runs on a noisy machine: compare ratios, not milliseconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazette.build.pipeline import BuildOptions, run_build  # noqa: E402
from gazette.evaluation import eval_dir  # noqa: E402

SEED = REPO / "bulletins" / "2020-04.txt"
QUERIES = eval_dir(REPO) / "queries_public.json"  # ../shared/eval beside the checkout, or $GAZETTE_EVAL_DIR

_DOCNO_RE = re.compile(r"〔\s*2020\s*〕\s*(\d+)\s*号")
_YEAR_RE = re.compile(r"2020(\s*)年")
_COUNT_RE = re.compile(r"(\d+)项")


def _bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "scripts" / "bench_search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_search"] = module
    spec.loader.exec_module(module)
    return module


def issue_key(index: int) -> tuple[int, int]:
    """Issue `index` (0 = the real 2020年第4期) -> (year, number), six issues a year."""
    ordinal = 3 + index  # 2020-04 is the 4th issue counted from 2020-01
    return 2020 + ordinal // 6, ordinal % 6 + 1


def synthesise(index: int, seed_text: str) -> str:
    """The real issue, renumbered as issue `index` of the archive."""
    if index == 0:
        return seed_text
    year, number = issue_key(index)
    offset = (number - 1) * 160  # 文号 stay within four digits; the year keeps them distinct
    text = _DOCNO_RE.sub(lambda m: f"〔{year}〕{int(m.group(1)) + offset}号", seed_text)
    text = _YEAR_RE.sub(lambda m: f"{year}{m.group(1)}年", text)
    text = _COUNT_RE.sub(lambda m: f"{int(m.group(1)) + index}项", text)
    text = text.replace("2020 第 4 期", f"{year} 第 {number} 期").replace("2020 年第 4 期", f"{year} 年第 {number} 期")
    text = text.replace("(总第 004期)", f"(总第 {4 + index:03d}期)")
    return text


def write_archive(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("units.yaml", "errata.yaml"):
        shutil.copyfile(REPO / "bulletins" / name, folder / name)
    seed_text = SEED.read_text(encoding="utf-8")
    paths = []
    for index in range(count):
        year, number = issue_key(index)
        path = folder / f"{year}-{number:02d}.txt"
        path.write_text(synthesise(index, seed_text), encoding="utf-8")
        paths.append(path)
    return paths


def build(root: Path, bulletins: Path) -> tuple[float, str]:
    out = io.StringIO()
    started = time.monotonic()
    code = run_build(BuildOptions(root=REPO, bulletins=bulletins, site_dir=root / "site", docs_dir=root / "docs",
                                  cache_dir=root / ".cache", work_dir=root / "build", quiet=True, out=out))
    elapsed = time.monotonic() - started
    if code != 0:
        raise SystemExit(f"build failed ({code}):\n{out.getvalue()[-3000:]}")
    return elapsed, out.getvalue()


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure_size(count: int, work: Path, browser, bench, queries, log) -> dict:
    root = work / f"n{count}"
    paths = write_archive(root / "bulletins", count)
    # incremental: everything but the newest issue first, then add it
    newest = paths[-1]
    held = newest.rename(root / newest.name)
    if count > 1:
        build(root, root / "bulletins")
    held.rename(newest)
    incremental, _ = build(root, root / "bulletins")
    log(f"  {count} issues: incremental {incremental:.1f}s")
    shutil.rmtree(root / ".cache")
    full, _ = build(root, root / "bulletins")
    log(f"  {count} issues: full {full:.1f}s")
    site = root / "site"
    served = bench.serve(site)
    try:
        result = bench.measure(bench.Ours(site), served, browser, queries, 3, log)
    finally:
        served.server.shutdown()
    return {
        "issues": count, "full_build_s": full, "incremental_build_s": incremental,
        "pages": sum(1 for _ in site.rglob("index.html")), "site_bytes": folder_size(site),
        "search_bytes": folder_size(site / "search"), "first_query_bytes": result["first_query_bytes"],
        "first_result_ms": result["first_result_ms"], "median_latency_ms": result["median_latency_ms"],
        "first_query_requests": len(result["first_query_requests"]),
        "first_query_search_requests": len(result["first_query_search_requests"]),
        "first_query_search_bytes": sum(n for _, n in result["first_query_search_requests"]),
        "first_result_after_input_ms": result["first_result_after_input_ms"],
        "latency_stages_median_ms": result["latency_stages_median_ms"],
    }


def table(rows: list[dict]) -> str:
    header = ["issues", "full build s", "incremental s", "incr/full", "pages", "site MB", "search files MB",
              "first query KB (gzip)", "of it search KB", "requests (search)", "first result ms",
              "after first keystroke ms", "median latency ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [r["issues"], f"{r['full_build_s']:.1f}", f"{r['incremental_build_s']:.1f}",
                 f"{r['incremental_build_s'] / r['full_build_s']:.2f}", r["pages"], f"{r['site_bytes'] / 1e6:.1f}",
                 f"{r['search_bytes'] / 1e6:.1f}", f"{r['first_query_bytes'] / 1024:.0f}",
                 f"{r['first_query_search_bytes'] / 1024:.0f}",
                 f"{r['first_query_requests']} ({r['first_query_search_requests']})",
                 f"{r['first_result_ms']:.0f}", f"{r['first_result_after_input_ms']:.0f}",
                 f"{r['median_latency_ms']:.0f}"]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,60", help="archive sizes (default 1,10,60)")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--keep", action="store_true", help="keep the generated archives and sites")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    queries = json.loads(QUERIES.read_text(encoding="utf-8")) if QUERIES.exists() else [
        {"id": "q1", "query": "听证会 公开", "kind": "clause", "expect": {"must_contain": "听证会"}}]
    bench = _bench_search()
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
            for size in sizes:
                log(f"[{size} issues]")
                rows.append(measure_size(size, work, browser, bench, queries, log))
            browser.close()
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
