#!/usr/bin/env python3
"""Benchmark site search engines in real Chromium against the public query set.

Engines:
  stock     mkdocs-material built-in search (lunr + jieba, lang zh), built from --docs
  pagefind  Pagefind extended (zh segmentation), indexed over a copy of --site
  ours      our own UI in --site (contract: #gz-search-input / #gz-search-results)

Each site is served by a local threaded HTTP server that gzip-compresses
responses when the client accepts gzip, and counts bytes on the wire
(compressed body + headers). Per engine we report recall@1, recall@10 and MRR
(section level, judged by gazette/evaluation.py), time from navigation start to
the first result of the first query in a cold browser context (and from its
keystroke), median query latency in a warm page, and the bytes and requests
answered between navigation start and that first result (a prefetch the page
starts after it does not count). For our UI also the median time of each stage
of a warm query, from the performance marks search.js sets (gz-search:*).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import mimetypes
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from gazette.evaluation import chromium_executable, eval_dir, score_run  # noqa: E402

DEFAULT_QUERIES = eval_dir(REPO) / "queries_public.json"  # ../shared/eval beside the checkout, or $GAZETTE_EVAL_DIR
CHROMIUM = chromium_executable()  # $GAZETTE_CHROMIUM, else Debian's
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGEFIND_CMD = "npx --yes pagefind@1.6.0"  # npm wrapper runs pagefind_extended when shipped
QUERY_TIMEOUT_MS = 20_000
TOP_PAGES = 10  # result pages whose links we read; enough for recall@10


class EngineUnavailable(RuntimeError):
    """The engine cannot run on this site (missing UI, build failure...)."""


# --------------------------------------------------------------------------- server

@dataclass
class Served:
    """A site served on localhost, with a log of (wall-clock end time, bytes, path): wall clock, so
    that it compares with the page's performance.timeOrigin + performance.now()."""
    root: Path
    server: ThreadingHTTPServer
    log: list[tuple[float, int, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def requests_between(self, t0: float, t1: float) -> list[tuple[str, int]]:
        """Requests answered between wall-clock times t0 and t1 (seconds)."""
        return [(path, n) for t, n, path in list(self.log) if t0 <= t <= t1]


mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


def serve(root: Path) -> Served:
    """Serve ``root`` on 127.0.0.1 (ephemeral port) in a daemon thread."""
    gz_cache: dict[Path, bytes] = {}
    lock = threading.Lock()
    served: Served

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like a real static host

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # page closed mid-request
                super().handle()

        def do_GET(self) -> None:  # noqa: N802
            self._respond(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(head=True)

        def _respond(self, head: bool) -> None:
            raw = unquote(urlsplit(self.path).path)
            path = (root / raw.lstrip("/")).resolve()
            if root not in path.parents and path != root:
                return self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain", head)
            if path.is_dir():
                if not raw.endswith("/"):  # directory URLs must end in / for relative links
                    return self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", head,
                                      {"Location": raw + "/"})
                path = path / "index.html"
            if not path.is_file():
                fallback = root / "404.html"
                body = fallback.read_bytes() if fallback.is_file() else b"not found"
                return self._send(HTTPStatus.NOT_FOUND, body, "text/html", head)
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith(("json", "javascript", "xml")):
                ctype += "; charset=utf-8"
            self._send(HTTPStatus.OK, path.read_bytes(), ctype, head, gz_key=path)

        def _send(self, status: HTTPStatus, body: bytes, ctype: str, head: bool,
                  extra: dict[str, str] | None = None, gz_key: Path | None = None) -> None:
            headers = {"Content-Type": ctype, "Cache-Control": "no-cache", **(extra or {})}
            if "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 256:
                with lock:
                    packed = gz_cache.get(gz_key) if gz_key else None
                    if packed is None:
                        packed = gzip.compress(body, 6, mtime=0)
                        if gz_key:
                            gz_cache[gz_key] = packed
                # Already-compressed payloads (Pagefind's .pf_* files) are sent as-is.
                if len(packed) < 0.95 * len(body):
                    body, headers["Content-Encoding"] = packed, "gzip"
                    headers["Vary"] = "Accept-Encoding"
            headers["Content-Length"] = str(len(body))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # a prefetch cut short by closing the page
                    return
            header_bytes = 17 + sum(len(k) + len(v) + 4 for k, v in headers.items()) + 2
            served.log.append((time.time(), header_bytes + (0 if head else len(body)),
                               self.path))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    served = Served(root=root.resolve(), server=server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return served


# --------------------------------------------------------------------------- builds

def build_stock(docs: Path, work: Path, base_config: Path | None) -> Path:
    """Build the Markdown pages with stock mkdocs-material + search (lang zh, jieba)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    try:
        import jieba  # noqa: F401  - the search plugin silently skips segmentation without it
    except ImportError as exc:
        raise EngineUnavailable("jieba missing: stock zh search would be unsegmented") from exc
    extensions: list[Any] = [
        "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
        {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences",
    ]
    if base_config:  # reuse our Markdown dialect (ids, tables...), nothing else
        with open(base_config, encoding="utf-8") as fh:
            extensions = (yaml_load(fh) or {}).get("markdown_extensions", extensions)
    site = work / "stock-site"
    cfg_file = work / "stock-mkdocs.yml"
    # Separator = Material's zh default; it must contain \u200b because the plugin
    # joins jieba tokens with zero-width spaces (Material blog "Chinese search support").
    cfg_file.write_text(json.dumps({
        "site_name": "stock material search",
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site),
        "theme": {"name": "material", "language": "zh"},
        "plugins": [{"search": {"lang": "zh",
                                "separator": r"[\s\u200b\u3000\-、。，．？！；]+"}}],
    }, ensure_ascii=False), encoding="utf-8")  # JSON is valid YAML
    with open(cfg_file, encoding="utf-8") as fh:
        cfg = load_config(config_file=fh, markdown_extensions=extensions)
    cfg.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site


def build_pagefind(site: Path, work: Path, cmd: str, root_selector: str) -> Path:
    """Copy our built site and index it with Pagefind extended, forcing zh."""
    out = work / "pagefind-site"
    shutil.copytree(site, out, ignore=shutil.ignore_patterns("pagefind"))
    (out / "404.html").unlink(missing_ok=True)  # not content; Material's index skips it too
    args = [*cmd.split(), "--site", str(out), "--force-language", "zh",
            "--exclude-selectors", "a.headerlink"]
    if root_selector:
        args += ["--root-selector", root_selector]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise EngineUnavailable(f"pagefind failed:\n{proc.stdout}\n{proc.stderr}")
    if "Extended" not in proc.stdout:
        print("warning: pagefind is not the extended build; zh segmentation is off",
              file=sys.stderr)
    return out


# --------------------------------------------------------------------------- engines

@dataclass
class QueryRun:
    """URLs in rank order and in-page timestamps (ms since navigation start); for our UI also
    where the time went (its performance marks gz-search:*, ms after the previous one)."""
    urls: list[str]
    t_input: float
    t_done: float
    stages: dict[str, float] = field(default_factory=dict)


class Engine(Protocol):
    name: str
    site: Path

    def open(self, page: Any, base_url: str) -> None:
        """Navigate to the start page; return as soon as the DOM is parsed."""

    def query(self, page: Any, q: str) -> QueryRun:
        """Type ``q``, wait until its results are shown, return them."""


# Records when the user's input reached the page, so latency excludes harness IPC.
_ARM_T0 = """(events) => { window.__benchT0 = null;
  for (const ev of events) if (!window['__benchL' + ev]) { window['__benchL' + ev] = true;
    document.addEventListener(ev, () => { window.__benchT0 = performance.now() }, true) } }"""


@dataclass
class StockMaterial:
    """mkdocs-material's built-in search UI (header search box + results list)."""
    site: Path
    name: str = "stock"

    def open(self, page: Any, base_url: str) -> None:
        page.goto(base_url + "/", wait_until="domcontentloaded")

    def query(self, page: Any, q: str) -> QueryRun:
        # Mark the meta line so we can tell when *this* query's results are rendered;
        # Material rewrites it (and the first 10 result groups) on every result.
        page.evaluate("""() => { const m = document.querySelector('.md-search-result__meta');
                                 if (m) m.textContent = '__bench_pending__' }""")
        page.evaluate(_ARM_T0, ["keyup"])  # Material reads the value on keyup, not input
        box = page.locator("input.md-search__input")
        box.fill(q, timeout=QUERY_TIMEOUT_MS)
        box.press("End")
        t_done = page.wait_for_function(
            """() => { const m = document.querySelector('.md-search-result__meta');
                 const t = m ? m.textContent.trim() : '';
                 const idle = ['__bench_pending__', '正在初始化搜索引擎', '键入以开始搜索', ''];
                 return !idle.includes(t) && performance.now() }""",
            polling="raf", timeout=QUERY_TIMEOUT_MS).json_value()
        urls = page.eval_on_selector_all(".md-search-result__link", "els => els.map(a => a.href)")
        return QueryRun(urls, page.evaluate("window.__benchT0") or t_done, t_done)


# Flattens results the way Pagefind's Default UI shows them: the page link, then at
# most 3 sub-results (those with most hits, kept in page order), root one dropped.
_PAGEFIND_QUERY = """async ([q, topPages]) => {
  const t0 = performance.now();
  if (!window.__pf) { window.__pf = await import('/pagefind/pagefind.js');
                      await window.__pf.options({ baseUrl: '/' }); }
  const res = await window.__pf.search(q);
  const pages = await Promise.all(res.results.slice(0, topPages).map(r => r.data()));
  const t1 = performance.now();
  const urls = [];
  for (const d of pages) {
    urls.push(d.url);
    let subs = d.sub_results || [];
    if (subs.length && subs[0].url === d.url) subs = subs.slice(1);
    if (subs.length > 3) {
      const keep = new Set([...subs].sort((a, b) => b.locations.length - a.locations.length)
                                   .slice(0, 3).map(s => s.url));
      subs = subs.filter(s => keep.has(s.url));
    }
    for (const s of subs) urls.push(s.url);
  }
  return { urls: urls.map(u => new URL(u, location.href).href), t0, t1 };
}"""


_PAGEFIND_SHELL = re.compile(r"^/(pagefind/.*|assets/stylesheets/(main|palette)\.[^/]*"
                             r"|assets/javascripts/bundle\.[^/]*|assets/images/.*|(.*/)?(index\.html)?)$")


@dataclass
class Pagefind:
    """Pagefind's JS API, driven from the page (no UI rendering cost included).

    With ``shell_only`` the page may load only HTML documents, Material's theme
    CSS/JS/images and /pagefind/*, so our own search UI (extra JS, its index)
    shipped in the same pages is neither downloaded nor run.
    """
    site: Path
    shell_only: bool = True
    name: str = "pagefind"

    def open(self, page: Any, base_url: str) -> None:
        if self.shell_only:
            page.route("**/*", lambda route: route.continue_()
                       if _PAGEFIND_SHELL.match(urlsplit(route.request.url).path)
                       else route.abort())
        page.goto(base_url + "/", wait_until="domcontentloaded")

    def query(self, page: Any, q: str) -> QueryRun:
        r = page.evaluate(_PAGEFIND_QUERY, [q, TOP_PAGES])
        return QueryRun(r["urls"], r["t0"], r["t1"])


@dataclass
class Ours:
    """Our UI. Contract: SITE_URL/ has ``#gz-search-input``; after a search the UI
    sets ``data-state="done"`` on ``#gz-search-results``, whose ``a.gz-hit`` links
    are the results in rank order. The harness sets data-state to
    "bench-pending" before each query, so the UI must write "done" again for
    every completed search."""
    site: Path
    name: str = "ours"

    def open(self, page: Any, base_url: str) -> None:
        page.goto(base_url + "/", wait_until="domcontentloaded")
        try:
            page.wait_for_selector("#gz-search-input", state="attached", timeout=5_000)
        except Exception as exc:
            raise EngineUnavailable(
                "our UI not found: no #gz-search-input on SITE_URL/ within 5 s after DOM ready"
            ) from exc

    def query(self, page: Any, q: str) -> QueryRun:
        page.evaluate("""() => { const r = document.querySelector('#gz-search-results');
                                 if (r) r.setAttribute('data-state', 'bench-pending');
                                 performance.clearMarks() }""")
        page.evaluate(_ARM_T0, ["input"])
        page.fill("#gz-search-input", q, timeout=QUERY_TIMEOUT_MS)
        try:
            t_done = page.wait_for_function(
                """() => { const r = document.querySelector('#gz-search-results');
                     return r && r.getAttribute('data-state') === 'done' && performance.now() }""",
                polling="raf", timeout=QUERY_TIMEOUT_MS).json_value()
        except Exception as exc:
            raise RuntimeError(
                f'#gz-search-results did not reach data-state="done" within '
                f"{QUERY_TIMEOUT_MS} ms after typing") from exc
        urls = page.eval_on_selector_all("#gz-search-results a.gz-hit",
                                         "els => els.map(a => a.href)")
        t_input = page.evaluate("window.__benchT0") or t_done
        marks = page.evaluate("""() => performance.getEntriesByType('mark')
            .filter(m => m.name.startsWith('gz-search:')).map(m => [m.name.slice(10), m.startTime])""")
        stages, previous = {}, t_input
        for name, at in marks:  # the last run's marks (one query, one run: no debounce)
            stages[name] = at - previous
            previous = at
        stages["detected"] = t_done - previous  # until the harness saw data-state="done"
        return QueryRun(urls, t_input, t_done, stages)


# --------------------------------------------------------------------------- measuring

def measure(engine: Engine, served: Served, browser: Any, queries: list[dict[str, Any]],
            cold_runs: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Cold first-query runs (fresh context each), then all queries in one warm page. A cold run's
    requests are those answered between navigation and the first result on screen (what the
    first result needed; a prefetch started after it does not count)."""
    ttfr, after_input, sizes, requests, typed = [], [], [], [], []
    for _ in range(max(1, cold_runs)):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        try:
            t0 = time.time()
            engine.open(page, served.url)
            run = engine.query(page, queries[0]["query"])
            origin = page.evaluate("performance.timeOrigin")
            t1 = (origin + run.t_done) / 1000
            t_typed = (origin + run.t_input) / 1000
        except EngineUnavailable:
            raise
        except Exception as exc:  # if the first query cannot run, nothing else will
            raise EngineUnavailable(f"first query failed: {exc!s:.300}") from exc
        finally:
            ctx.close()
        ttfr.append(run.t_done)
        after_input.append(run.t_done - run.t_input)
        requests = served.requests_between(t0, t1)
        typed = served.requests_between(t_typed, t1)  # what the query itself asked for (issue 24's measure)
        sizes.append(sum(n for _, n in requests))
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    engine.open(page, served.url)
    results: dict[str, list[str]] = {}
    latencies: list[float] = []
    stages: dict[str, list[float]] = {}
    for q in queries:
        try:
            run = engine.query(page, q["query"])
        except Exception as exc:  # one bad query should not sink the run
            log(f"  {engine.name} {q['id']}: query failed: {exc!s:.200}")
            results[q["id"]] = []
            continue
        results[q["id"]] = run.urls
        latencies.append(run.t_done - run.t_input)
        for name, ms in run.stages.items():
            stages.setdefault(name, []).append(ms)
    ctx.close()
    scores = score_run(results, queries, served.root)
    # A query set with a held-out part (tests/fixtures/search_eval.json): each part on its own too.
    splits = sorted({q["split"] for q in queries if q.get("split")})
    by_split = {name: {k: v for k, v in score_run(results, [q for q in queries if q.get("split") == name],
                                                   served.root).items() if k in ("n", "recall@1", "recall@10", "mrr")}
                for name in splits}
    return {
        **{k: scores[k] for k in ("recall@1", "recall@10", "mrr")}, "splits": by_split,
        "per_kind": scores["per_kind"], "ranks": scores["ranks"], "results": results,
        "first_result_ms": statistics.median(ttfr), "first_query_bytes": statistics.median(sizes),
        "first_result_ms_runs": ttfr, "first_query_requests": requests,
        "first_result_after_input_ms": statistics.median(after_input),
        "first_query_search_requests": [r for r in requests if _is_search_file(r[0])],
        "first_query_after_input_requests": typed,
        "median_latency_ms": statistics.median(latencies) if latencies else float("nan"),
        "latency_stages_median_ms": {name: statistics.median(v) for name, v in stages.items()},
    }


def _is_search_file(path: str) -> bool:
    """A request of the search itself, not of the page: index files, engine scripts."""
    return bool(re.search(r"(^/search/|search_index\.json|lunr|/pagefind/|/assets/search\.js|/assets/site\.js|"
                          r"javascripts/workers/search)", path))


def print_tables(report: dict[str, dict[str, Any]]) -> None:
    cols = ["recall@1", "recall@10", "MRR", "first result ms", "after input ms", "median latency ms",
            "first query KB", "requests (search)"]
    rows = [[name, f"{r['recall@1']:.3f}", f"{r['recall@10']:.3f}", f"{r['mrr']:.3f}",
             f"{r['first_result_ms']:.0f}", f"{r['first_result_after_input_ms']:.0f}",
             f"{r['median_latency_ms']:.1f}", f"{r['first_query_bytes'] / 1024:.1f}",
             f"{len(r['first_query_requests'])} ({len(r['first_query_search_requests'])})"]
            for name, r in report.items()]
    _table(["engine", *cols], rows)
    if "stock" in report:
        stock = report["stock"]
        print("\nratios to stock (first result, median latency, first query bytes):")
        _table(["engine", "first result", "median latency", "first query bytes"],
               [[name, f"{r['first_result_ms'] / stock['first_result_ms']:.2f}",
                 f"{r['median_latency_ms'] / stock['median_latency_ms']:.2f}",
                 f"{r['first_query_bytes'] / stock['first_query_bytes']:.2f}"] for name, r in report.items()])
    for name, r in report.items():
        if r.get("latency_stages_median_ms"):
            print(f"\n{name}: median ms per stage of a warm query (performance marks): " + ", ".join(
                f"{k} {v:.1f}" for k, v in r["latency_stages_median_ms"].items()))
    for split in sorted({s for r in report.values() for s in r.get("splits", {})}):
        print(f"\n{split} part only:")
        _table(["engine", "n", "recall@1", "recall@10", "MRR"],
               [[name, str(r["splits"][split]["n"]), f"{r['splits'][split]['recall@1']:.3f}",
                 f"{r['splits'][split]['recall@10']:.3f}", f"{r['splits'][split]['mrr']:.3f}"]
                for name, r in report.items() if split in r.get("splits", {})])
    kinds = sorted({k for r in report.values() for k in r["per_kind"]})
    print("\nrecall@1 per kind (n):")
    _table(["engine", *[f"{k}({next(iter(report.values()))['per_kind'][k]['n']})"
                        for k in kinds]],
           [[name, *[f"{r['per_kind'][k]['recall@1']:.2f}" for k in kinds]]
            for name, r in report.items()])


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))


def make_engine(name: str, args: argparse.Namespace, work: Path) -> Engine:
    """Build the site an engine needs; any build error makes it unavailable."""
    try:
        if name == "stock":
            return StockMaterial(build_stock(args.docs, work, args.base_config))
        if name == "pagefind":
            return Pagefind(build_pagefind(args.site, work, args.pagefind_cmd, args.pagefind_root),
                            shell_only=args.pagefind_shell == "material")
        return Ours(args.site)
    except EngineUnavailable:
        raise
    except Exception as exc:  # e.g. mkdocs config error, npx missing
        raise EngineUnavailable(f"build failed: {exc!r:.500}") from exc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--docs", type=Path, help="Markdown pages (mkdocs docs_dir); needed for stock")
    ap.add_argument("--site", type=Path, help="our built site; needed for pagefind and ours")
    ap.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    ap.add_argument("--engines", default="stock,pagefind,ours",
                    help="comma-separated subset of stock,pagefind,ours")
    ap.add_argument("--base-config", type=Path,
                    help="our mkdocs.yml: reuse its markdown_extensions for the stock build")
    ap.add_argument("--pagefind-cmd", default=PAGEFIND_CMD, help="command that runs Pagefind")
    ap.add_argument("--pagefind-root", default="article.md-content__inner",
                    help="Pagefind --root-selector ('' for whole <body>)")
    ap.add_argument("--pagefind-shell", choices=["material", "full"], default="material",
                    help="material: Pagefind pages load only Material's theme assets + "
                         "/pagefind/ (our UI's scripts are blocked); full: pages as built")
    ap.add_argument("--cold-runs", type=int, default=5,
                    help="cold first-query runs; timing and bytes are medians")
    ap.add_argument("--json", type=Path, help="write full results (ranks, URLs) here")
    ap.add_argument("--keep", action="store_true", help="keep the temp build dir")
    args = ap.parse_args(argv)

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if unknown := set(engines) - {"stock", "pagefind", "ours"}:
        ap.error(f"unknown engines: {', '.join(sorted(unknown))}")
    if "stock" in engines and not (args.docs and args.docs.is_dir()):
        ap.error("--docs DIR is required for the stock engine")
    if {"pagefind", "ours"} & set(engines) and not (args.site and args.site.is_dir()):
        ap.error("--site DIR is required for the pagefind and ours engines")
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731

    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    report: dict[str, dict[str, Any]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in engines:
                try:
                    log(f"[{name}] building")
                    engine = make_engine(name, args, work)
                    served = serve(engine.site)
                    log(f"[{name}] measuring at {served.url}")
                    try:
                        report[name] = measure(engine, served, browser, queries,
                                               args.cold_runs, log)
                    finally:
                        served.server.shutdown()
                except EngineUnavailable as exc:
                    log(f"[{name}] skipped: {exc}")
            browser.close()
    finally:
        if args.keep:
            log(f"builds kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if not report:
        log("no engine could be measured")
        return 1
    print(f"\n{len(queries)} queries from {args.queries}; clause-level judging (gazette/evaluation.py); "
          "first result = cold context, from navigation start; bytes = gzip bodies + headers\n")
    print_tables(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
