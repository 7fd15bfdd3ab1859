#!/usr/bin/env python3
"""Scale benchmark: archives of 1, 13 and 60 issues that differ in content, built and searched in real Chromium.

The archive is ../shared/archive (14 distinct issues, 2020-2026, with repeals, amendments and lapses;
2020-04 is the real bulletin) and, after it, variants of the same 14 issues: variant r moves every year
by 7×r (so its 文号, dates, titles naming a year and the issue keys are its own: 2027-04 …), its 总第 number
by 40×r, and varies the figures (N项). Issue i of the archive is variant i // 14 of issue i % 14.
For each size N the script measures:

  add-one           the archive's first N-1 issues built first, then the N-th added (at N = 1: the
                    first issue into an empty archive)
  no-op             the same build again, nothing changed (its inputs' record says so: nothing rendered)
  no-op, every stage  the same without that record: every stage runs and finds nothing to rewrite
  full build        python -m gazette build of all N issues, caches, site and docs empty
  pages, site size, search files total size
  first query       bytes on the wire (gzip), requests (all / search files; and those answered after the
                    first keystroke, issue 24's measure) and time to the first
                    result from navigation start and from the first keystroke, in a fresh context
  median latency    over the 40 development queries in a warm page

and prints add-one / full and add-one at N / add-one at the smallest size.
Run: scripts/bench_scale.py [--sizes 1,13,60] [--json out.json]   (make bench-scale)
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

from gazette.build import inputs  # noqa: E402
from gazette.build.pipeline import BuildOptions, run_build  # noqa: E402
from gazette.evaluation import eval_dir  # noqa: E402

ARCHIVE = REPO.parent / "shared" / "archive"  # ../shared/archive beside the checkout
QUERIES = eval_dir(REPO) / "queries_public.json"  # ../shared/eval beside the checkout, or $GAZETTE_EVAL_DIR

YEAR_SHIFT, TOTAL_SHIFT = 7, 40  # per variant: the 14 issues span 2020-2026, 总第 004-037
_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TOTAL_RE = re.compile(r"总第\s*(\d+)\s*期")
_COUNT_RE = re.compile(r"(\d+)项")


def _bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "scripts" / "bench_search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_search"] = module
    spec.loader.exec_module(module)
    return module


def sources() -> list[Path]:
    files = sorted(ARCHIVE.glob("*.txt"))
    if not files:
        raise SystemExit(f"no archive: {ARCHIVE} holds no issues")
    return files


def variant(text: str, r: int) -> str:
    """Issue text as variant `r` (0 = as it is): years, 总第 numbers and figures moved consistently."""
    if r == 0:
        return text
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + YEAR_SHIFT * r), text)
    text = _TOTAL_RE.sub(lambda m: f"总第 {int(m.group(1)) + TOTAL_SHIFT * r:03d}期", text)
    return _COUNT_RE.sub(lambda m: f"{int(m.group(1)) + r}项", text)


def write_archive(folder: Path, count: int) -> list[Path]:
    """The archive's first `count` issues (variants after the 14 originals), in order of their keys."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("units.yaml", "errata.yaml"):
        shutil.copyfile(REPO / "bulletins" / name, folder / name)
    originals = sources()
    paths = []
    for index in range(count):
        r, source = divmod(index, len(originals))
        year, number = originals[source].stem.split("-")
        path = folder / f"{int(year) + YEAR_SHIFT * r}-{number}.txt"
        path.write_text(variant(originals[source].read_text(encoding="utf-8"), r), encoding="utf-8")
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
    # add-one: everything but the newest issue first, then add it; then the same build again (no-op)
    newest = paths[-1]
    held = newest.rename(root / newest.name)
    if count > 1:
        build(root, root / "bulletins")
    held.rename(newest)
    add_one, add_one_log = build(root, root / "bulletins")
    log("\n".join(line for line in add_one_log.splitlines() if line.startswith("  ") and "秒" in line))  # stage times
    log(f"  {count} issues: add-one {add_one:.1f}s")
    noop, _ = build(root, root / "bulletins")
    log(f"  {count} issues: no-op {noop:.1f}s")
    inputs.forget(root / ".cache")  # the same no-op, every stage running (nothing to rewrite)
    noop_stages, _ = build(root, root / "bulletins")
    log(f"  {count} issues: no-op, every stage {noop_stages:.1f}s")
    for folder in (".cache", "site", "docs"):
        shutil.rmtree(root / folder)
    full, _ = build(root, root / "bulletins")
    log(f"  {count} issues: full {full:.1f}s")
    site = root / "site"
    row = {"issues": count, "full_build_s": full, "incremental_build_s": add_one, "noop_build_s": noop, "noop_stages_s": noop_stages,
           "added_issue": newest.stem, "added_issue_bytes": newest.stat().st_size,
           "pages": sum(1 for _ in site.rglob("index.html")), "site_bytes": folder_size(site),
           "search_bytes": folder_size(site / "search")}
    if browser is None:
        return row
    served = bench.serve(site)
    try:
        result = bench.measure(bench.Ours(site), served, browser, queries, 3, log)
    finally:
        served.server.shutdown()
    return {**row,
        "first_query_bytes": result["first_query_bytes"],
        "first_result_ms": result["first_result_ms"], "median_latency_ms": result["median_latency_ms"],
        "first_query_requests": len(result["first_query_requests"]),
        "first_query_search_requests": len(result["first_query_search_requests"]),
        "first_query_search_bytes": sum(n for _, n in result["first_query_search_requests"]),
        "after_input_requests": len(result["first_query_after_input_requests"]),
        "after_input_bytes": sum(n for _, n in result["first_query_after_input_requests"]),
        "first_result_after_input_ms": result["first_result_after_input_ms"],
        "latency_stages_median_ms": result["latency_stages_median_ms"],
    }


def table(rows: list[dict]) -> str:
    header = ["issues", "full build s", "add-one s", "no-op s", "no-op, every stage s", "add-one/full", "add-one / add-one@1", "pages",
              "site MB", "search files MB", "first query KB (gzip)", "of it search KB", "requests (search)",
              "after the keystroke: requests, KB",
              "first result ms", "after first keystroke ms", "median latency ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    base = rows[0]["incremental_build_s"] if rows else 1.0
    for r in rows:
        cells = [r["issues"], f"{r['full_build_s']:.1f}", f"{r['incremental_build_s']:.1f}", f"{r['noop_build_s']:.1f}", f"{r['noop_stages_s']:.1f}",
                 f"{r['incremental_build_s'] / r['full_build_s']:.2f}", f"{r['incremental_build_s'] / base:.2f}",
                 r["pages"], f"{r['site_bytes'] / 1e6:.1f}", f"{r['search_bytes'] / 1e6:.1f}"]
        if "first_query_bytes" in r:
            cells += [f"{r['first_query_bytes'] / 1024:.0f}", f"{r['first_query_search_bytes'] / 1024:.0f}",
                      f"{r['first_query_requests']} ({r['first_query_search_requests']})",
                      f"{r['after_input_requests']}, {r['after_input_bytes'] / 1024:.0f}",
                      f"{r['first_result_ms']:.0f}", f"{r['first_result_after_input_ms']:.0f}",
                      f"{r['median_latency_ms']:.0f}"]
        else:
            cells += ["—"] * 7
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,13,60", help="archive sizes (default 1,13,60)")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--keep", action="store_true", help="keep the generated archives and sites")
    parser.add_argument("--no-browser", action="store_true", help="builds only: no search measurements")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    queries = json.loads(QUERIES.read_text(encoding="utf-8")) if QUERIES.exists() else [
        {"id": "q1", "query": "听证会 公开", "kind": "clause", "expect": {"must_contain": "听证会"}}]
    bench = _bench_search()
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows: list[dict] = []
    try:
        if args.no_browser:
            for size in sizes:
                log(f"[{size} issues]")
                rows.append(measure_size(size, work, None, bench, queries, log))
        else:
            from playwright.sync_api import sync_playwright

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
