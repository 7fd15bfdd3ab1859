"""`python -m gazette build`: the whole pipeline, incremental and atomic.

bulletins/*.txt -> parse (cached by content hash) -> link across issues -> Markdown pages
-> mkdocs-material site -> search index. Everything is written to build/ first; docs/ and
site/ are swapped in only when every step succeeded, so a failed build leaves the
previous site as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gazette.asof import resolve_as_of
from gazette.build import inputs, swap
from gazette.build.cache import ParseCache
from gazette.build.outputs import OutputTree
from gazette.build.report import BuildReport, IssueReport, shown_path
from gazette.classify import classify_archive, load_taxonomy
from gazette.classify.taxonomy import Taxonomy
from gazette.classify.topics import TopicCache
from gazette.errors import BuildError, GazetteError, MachineError, machine_error
from gazette.link.affected import KeyRecord, PageKeys, page_keys
from gazette.link.archive import Archive, link_archive
from gazette.link.validity import assess, validity_summary
from gazette.model import ParsedIssue
from gazette.parse.loader import parse_with
from gazette.render.feeds import write_feeds
from gazette.render.markup import md_source_path
from gazette.render.original import pdf_site_path
from gazette.render.pages import navigation, render_archive
from gazette.site.cache_plugin import skipping_unchanged_pages
from gazette.site.config import check_mkdocs_config, load_mkdocs_config, load_site_config
from gazette.site.hooks import SITE_FILE
from gazette.site.plugin import copy_assets
from gazette.source.clean import printable
from gazette.source.errata import load_errata
from gazette.source.names import issue_key
from gazette.source.pages import sidecar_path
from gazette.units.registry import load_registry


@dataclass
class BuildOptions:
    root: Path
    strict: bool = False
    full: bool = False
    quiet: bool = False
    site_dir: Path | None = None  # default: root/site
    bulletins: Path | None = None  # default: root/bulletins
    docs_dir: Path | None = None  # default: root/docs
    cache_dir: Path | None = None  # default: root/.cache
    work_dir: Path | None = None  # where builds before gazette.build.swap staged (stale folders removed), default: root/build
    as_of: dt.date | None = None  # validity and deadlines as of this date (gazette.asof)
    report_file: Path | None = None  # the whole report, default: cache_dir/build-report.txt
    segment_issues: int = 10  # issues per search-index segment (gazette.search.indexer.SEGMENT_ISSUES)
    report: BuildReport | None = field(default=None, repr=False)  # filled for the caller (default: a new one)
    out: TextIO = field(default=sys.stderr, repr=False)


class Progress:
    def __init__(self, options: BuildOptions):
        self.quiet, self.out = options.quiet, options.out
        self.started = time.monotonic()

    def step(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.started:6.1f}s] {message}", file=self.out, flush=True)


def discover(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise BuildError("没有 bulletins 文件夹：请创建它并放入各期公报文本（年-期号.txt）", folder)
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    for path in files:
        issue_key(path)  # a name that is no issue key stops the build: every path is built from the key
    if not files:
        raise BuildError("bulletins 文件夹中没有公报文本（*.txt）：请放入各期公报文本（年-期号.txt）", folder)
    return files


def parse_all(files: list[Path], folder: Path, cache: ParseCache, progress: Progress,
              report: BuildReport, city: str | None = None, root: Path | None = None,
              issue_keys: dict[str, str] | None = None) -> list[ParsedIssue]:
    """`city`: the site's configured city (gazette.site.config), else each bulletin's own; paths in
    the report are shown relative to `root` (the project), so a copied project reports its own.
    `issue_keys` is filled with each issue's parse key (everything it was parsed from), by issue key."""
    units_file, errata_file = folder / "units.yaml", folder / "errata.yaml"
    registry = load_registry(units_file, city=city)
    errata = load_errata(errata_file)
    keys = {path.stem for path in files}
    for key in sorted(set(errata) - keys):
        report.notes.append(f"{shown_path(errata_file, root)}: 勘误所指的 {printable(key)} 期没有公报文本"
                            f"（bulletins/{printable(key)}.txt），这些勘误未被采用")
    for pdf in sorted(folder.glob("*.pdf")):
        if pdf.stem not in keys:
            report.notes.append(f"{shown_path(pdf, root)}: 没有同名的公报文本 {printable(pdf.stem)}.txt，"
                                "这份 PDF 未被发布（用 gazette import 导入它）")
    parsed: list[ParsedIssue] = []
    for index, path in enumerate(files, start=1):
        key = cache.key(path, units_file, errata_file, sidecar_path(path), path.with_suffix(".pdf"), extra=city or "")
        shown = shown_path(path, root)
        issue = cache.get(key, shown)
        state = "未改动，沿用上次的解析结果"
        if issue is None:
            try:
                issue = dataclasses.replace(parse_with(path, registry, errata, errata_file), source_path=shown)
            except GazetteError as error:
                message = str(error).replace(str(error.path), shown_path(error.path, root), 1) if error.path else str(error)
                report.fatal.append(message)
                progress.step(f"[{index}/{len(files)}] {path.name}：失败：{message}")
                continue
            cache.put(key, issue)
            state = "已解析"
            report.parsed += 1
        else:
            report.cached += 1
        if issue_keys is not None:
            issue_keys[issue.issue.key] = key
        report.issues.append(IssueReport.from_parsed(issue, shown))
        progress.step(f"[{index}/{len(files)}] {path.name}：{state}（{len(issue.documents)} 份文件，"
                      f"正文覆盖率 {issue.report.coverage:.1%}）")
        parsed.append(issue)
    _check_duplicates_across(parsed, report)
    return parsed


def _check_duplicates_across(parsed: list[ParsedIssue], report: BuildReport) -> None:
    seen: dict[str, str] = {}
    keys: dict[str, str] = {}
    for issue in parsed:
        if issue.issue.key in keys:
            report.fatal.append(f"{issue.source_path}：第 {issue.issue.key} 期与 {keys[issue.issue.key]} 重复"
                                "（同一期公报有两个文件：请删除其中一个）")
        keys[issue.issue.key] = issue.source_path
        for document in issue.documents:
            if document.doc_number and document.doc_number in seen and seen[document.doc_number] != issue.source_path:
                report.fatal.append(f"{issue.source_path}:{document.doc_number_line}: 文号 {document.doc_number} "
                                    f"已在 {seen[document.doc_number]} 中出现（是否把同一期保存了两次？"
                                    "若是原件印刷错误，请在 bulletins/errata.yaml 中更正）")
            if document.doc_number:
                seen.setdefault(document.doc_number, issue.source_path)


def write_pages(pages: dict[str, str], settings: dict, docs: Path, outputs: OutputTree | None = None) -> None:
    """The Markdown pages into `docs` (through `outputs`: a page whose text did not change is the live file)."""
    if docs.exists():
        shutil.rmtree(docs)
    outputs = outputs or OutputTree("docs", docs)
    for relative, text in pages.items():
        outputs.write(relative, text.encode("utf-8"))
    copy_assets(docs / "assets")  # with lunr.js 2.3.9, shipped in the package
    (docs / SITE_FILE).parent.mkdir(exist_ok=True)
    (docs / SITE_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")


def unaffected_pages(keys: PageKeys, record: KeyRecord, docs: Path) -> dict[str, str]:
    """Document pages whose inputs are those the live docs/ were made from, with their live Markdown."""
    reuse: dict[str, str] = {}
    unchanged = set(keys.keys) - keys.affected(record.keys())
    for path in sorted(unchanged):
        try:
            text = (docs / md_source_path(path)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # gone or damaged: rendered again
        if record.reusable(path, text):
            reuse[path] = text
    return reuse


def copy_originals(parsed: list[ParsedIssue], bulletins: Path, docs: Path) -> list[str]:
    """The PDF of each imported issue beside its pages (document pages link to its pages), sanitised
    again (a PDF put into bulletins/ by hand never went through the import); what had to be removed."""
    from gazette.pdfimport.safety import sanitise_pdf

    notes: list[str] = []
    for issue in parsed:
        target = pdf_site_path(issue)
        if target is not None and issue.pages is not None:
            (docs / target).parent.mkdir(parents=True, exist_ok=True)
            if removed := sanitise_pdf(bulletins / issue.pages.pdf, docs / target):
                notes.append(f"bulletins/{issue.pages.pdf}: 发布的副本中已删除 {'、'.join(removed)}")
    return notes


@contextlib.contextmanager
def source_date_epoch(default: str = "0") -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the duration of an mkdocs build only (mkdocs reads the build date
    from the environment, nowhere else): deterministic dates inside, the environment as it was
    after, so a later build in the same process does not take its as-of date (gazette.asof) from it."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ.setdefault("SOURCE_DATE_EPOCH", default)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def build_site(root: Path, docs: Path, site: Path, page_cache: Path | None = None,
               reuse_from: Path | None = None) -> dict[str, int]:
    """mkdocs build (strict) of `docs` into `site`; returns the page-cache statistics.

    `page_cache`: the folder of the `gazette-cache` plugin, given to it as its configuration
    (default: its own `cache_dir` option). `reuse_from`: the live site, whose unchanged pages the
    plugin links instead of writing them again."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_mkdocs_config(root / "mkdocs.yml", docs_dir=str(docs), site_dir=str(site))
    cache = config.plugins.get("gazette-cache")
    if cache is not None and page_cache is not None:
        cache.config.cache_dir = str(page_cache.resolve())
        cache.config.skip_unchanged = True  # unchanged pages outside the navigation skip mkdocs (dirty build)
        cache.config.reuse_from = str(reuse_from.resolve()) if reuse_from is not None else ""
    skip = cache is not None and cache.config.skip_unchanged
    try:
        with source_date_epoch(), skipping_unchanged_pages():
            build(config, dirty=skip)
    except (Abort, ConfigurationError) as error:
        raise BuildError(f"mkdocs 构建失败：{error}（请检查 mkdocs.yml 和 gazette/site/ 的模板）", root / "mkdocs.yml") from None
    return {key: getattr(cache, key, 0) for key in ("hits", "misses", "rendered_hits", "skipped", "spliced")}


def linked_archive(parsed: list[ParsedIssue], bulletins: Path, as_of: dt.date,
                   progress: Progress, topic_cache: TopicCache | None = None) -> tuple[Archive, Taxonomy]:
    """Parsed issues -> topics, links and 时效 as of `as_of`: what pages and the search index are made from."""
    taxonomy = load_taxonomy(bulletins / "topics.yaml" if (bulletins / "topics.yaml").exists() else None)
    archive = link_archive(parsed)
    classify_archive(archive, taxonomy, topic_cache)
    progress.step(f"主题分类：{len(archive.pages)} 个页面中 {sum(1 for p in archive.pages.values() if p.topics)} 个归入主题"
                  f"（分类表：{taxonomy.source}）")
    assess(archive, as_of)
    progress.step(validity_summary(archive))
    return archive, taxonomy


MISSING_SITE_URL = ("mkdocs.yml 未填写 site_url（本站的正式网址）：页面没有规范链接（canonical），不生成 sitemap.xml，"
                    "订阅、日历（ICS）和 Excel 中的链接为相对地址；填写后重新构建即可。")


def serve_command(root: Path, site_shown: str) -> str:
    """A folder made by `gazette new` has no Makefile: name the command that works there."""
    return "make serve" if (root / "Makefile").is_file() else f"python -m http.server --directory {site_shown} 8000"


def run_build(options: BuildOptions) -> int:
    root = options.root
    as_of = resolve_as_of(options.as_of)
    progress = Progress(options)
    report = options.report if options.report is not None else BuildReport()
    started = time.monotonic()
    bulletins = options.bulletins or root / "bulletins"
    site = options.site_dir or root / "site"
    docs = options.docs_dir or root / "docs"
    cache_root = options.cache_dir or root / ".cache"
    legacy = options.work_dir or root / "build"
    staged_docs, staged_site = swap.staging_path(docs), swap.staging_path(site)  # beside them: same filesystem
    report.site = shown_path(site, root)
    kept = f"原网站保持不变（{report.site}）"

    def finish(code: int, verdict: str) -> int:
        """The verdict is part of the report: printed under -q too, and written with the whole report."""
        report.seconds = time.monotonic() - started
        report.verdict = verdict
        report_file = options.report_file or cache_root / "build-report.txt"
        try:
            report.write(report_file, shown_path(report_file, root), strict=options.strict)
        except OSError as error:
            report.fatal.append(f"无法写入完整报告 {report_file}：{error.strerror}（请检查该文件夹的写入权限）")
        report.print(options.out, strict=options.strict)
        return code

    try:
        with swap.BuildLock(cache_root):
            for folder in (docs, site):  # a crashed build's leftovers, before anything is staged
                swap.recover(folder)
                swap.remove_stale(folder, legacy)
                folder.parent.mkdir(parents=True, exist_ok=True)
            site_config = load_site_config(root / "mkdocs.yml")
            if not site_config.site_url:
                report.site_notes.append(MISSING_SITE_URL)
            check_mkdocs_config(root / "mkdocs.yml")  # a broken mkdocs.yml stops the build before any work
            files = discover(bulletins)
            progress.step(f"在 {shown_path(bulletins, root)} 中找到 {len(files)} 期公报文本")
            cache = ParseCache(cache_root / "parsed", enabled=not options.full)
            issue_keys: dict[str, str] = {}
            parsed = parse_all(files, bulletins, cache, progress, report, city=site_config.city, root=root,
                               issue_keys=issue_keys)
            report.stage_done("解析", f"解析 {report.parsed} 期，沿用 {report.cached} 期")
            report.errors_block = bool(report.fatal) or any(i.errors for i in report.issues)
            if report.errors_block:
                progress.step("发现错误：网站未构建")
                return finish(1, f"发现错误，网站未构建；{kept}。请按上面各条“怎么办”修正后重新构建。")
            topic_cache = None if options.full else TopicCache(cache_root / "topics.pickle")
            archive, taxonomy = linked_archive(parsed, bulletins, as_of, progress, topic_cache)
            report.add_links(archive)
            report.stage_done("链接、主题与时效")
            live = {"site": site, "docs": docs}
            inputs_key = inputs.inputs_key(bulletins, root / "mkdocs.yml", as_of, {
                "segment_issues": options.segment_issues, **{k: str(v.resolve()) for k, v in live.items()}})
            same = None if options.full or (options.strict and report.warning_count) else \
                inputs.unchanged(cache_root, inputs_key, live)
            if same is not None:  # nothing the build reads changed, and the live files are the ones it left
                report.pages = same.get("pages", 0)
                progress.step("输入与上次构建完全相同，网站和 docs 的文件也未被改动：不重新生成")
                report.stage_done("核对输入", "与上次构建相同，未重新生成任何文件")
                return finish(0, f"构建成功，网站已更新：{report.site}（输入与上次相同，所有文件保持原样；"
                                 f"从 {report.site}/index.html 打开，或用 {serve_command(root, report.site)} 在浏览器中查看）")
            registry = load_registry(bulletins / "units.yaml", city=site_config.city)
            unit_names = {u.name: u.short for u in registry.units.values()}
            keys = page_keys(archive, issue_keys, as_of)
            record = KeyRecord.load(cache_root, enabled=not options.full)
            reuse = unaffected_pages(keys, record, docs)
            pages = render_archive(archive, unit_names, as_of, taxonomy, reuse)
            settings = {"nav": navigation(archive)}  # the site name is configuration (mkdocs.yml)
            docs_outputs = OutputTree("docs", staged_docs, docs)
            write_pages(pages, settings, staged_docs, docs_outputs)
            report.notes += copy_originals(parsed, bulletins, staged_docs)
            report.markdown_reused = len(reuse)
            progress.step(f"已生成 {len(pages)} 个页面的 Markdown（{len(reuse)} 个文件页面不受新内容影响，沿用上次的 Markdown）")
            report.stage_done("Markdown", f"{len(pages)} 个页面，重新生成 {len(pages) - len(reuse)} 个，"
                                          f"沿用 {len(reuse)} 个（文件页面，其自身与关联文件均未变）")
            outputs = OutputTree("site", staged_site, site, cache_root / "outputs", enabled=not options.full)
            if options.full:
                shutil.rmtree(cache_root / "pages", ignore_errors=True)
            stats = report.page_cache = build_site(root, staged_docs, staged_site, cache_root / "pages", reuse_from=site)
            progress.step(f"已生成网站：{stats['misses']} 个页面重新排版，{stats['hits']} 个页面正文未变、只重新套用模板，"
                          f"{stats['rendered_hits']} 个页面完全未变、整页沿用上次的结果，"
                          f"{stats['skipped']} 个页面未变、不经 mkdocs 直接沿用（其中 {stats['spliced']} 个只换了导航）")
            report.stage_done("mkdocs 网站", f"重新排版 {stats['misses']} 个页面，只套模板 {stats['hits']} 个，"
                                            f"整页沿用 {stats['rendered_hits']} 个，不经 mkdocs 沿用 {stats['skipped']} 个"
                                            f"（其中只换导航 {stats['spliced']} 个）")
            from gazette.opendata.write import write_open_data

            data_stats = write_open_data(staged_site, archive, unit_names, as_of, outputs, site_config.site_url)
            progress.step(f"已生成开放数据与任务台账：{data_stats['tasks']} 项任务（{data_stats['dated']} 项有期限日期），"
                          f"{data_stats['units']} 个单位")
            report.stage_done("开放数据与任务台账", f"{data_stats['tasks']} 项任务，{data_stats['units']} 个单位")
            feed_count = write_feeds(archive, staged_site, site_config.site_url, outputs, keys.keys)
            progress.step(f"已生成 {feed_count} 个 Atom 订阅")
            report.stage_done("订阅", f"{feed_count} 个")
            from gazette.search.indexer import build_search_index

            index_stats = build_search_index(staged_site, cache_root / "search", archive, registry,
                                             options.segment_issues)
            progress.step(f"已生成检索索引（{index_stats}）")
            report.stage_done("检索索引", index_stats)
            for tree in (outputs, docs_outputs):
                tree.keep_unchanged()  # an unchanged file stays the live file (same mtime)
                report.outputs.merge(tree.stats)
            report.stage_done("比较输出文件")
            report.pages = len(pages)
            if options.strict and report.warning_count:
                progress.step("--strict：有提示，网站未替换")
                return finish(1, f"--strict：有 {report.warning_count} 条提示，网站未替换；{kept}。"
                                 "处理这些提示，或不加 --strict 构建。")
            inputs.forget(cache_root)
            swap.publish(staged_docs, docs)  # docs first: a crash between the two keeps the old site
            swap.publish(staged_site, site)
            outputs.commit()
            record.save(keys, {path: pages[md_source_path(path)] for path in keys.keys})
            inputs.record(cache_root, inputs_key, live, {"pages": report.pages})
    except (GazetteError, OSError, MemoryError) as caught:
        error = caught if isinstance(caught, GazetteError) else machine_error(caught)  # the machine: one line
        message = str(error)
        if error.path is not None:
            message = message.replace(str(error.path), shown_path(error.path, root), 1)
        report.fatal.append(message)
        return finish(2 if not isinstance(error, BuildError | MachineError) else 1,
                      f"发现错误，网站未构建；{kept}。请按上面的“怎么办”修正后重新构建。")
    finally:
        for leftover in (staged_docs, staged_site):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
    return finish(0, f"构建成功，网站已更新：{report.site}（从 {report.site}/index.html 打开，"
                     f"或用 {serve_command(root, report.site)} 在浏览器中查看）")
