"""`gazette index`: rebuild only the search index of a built site, from the same archive a build makes.

Use it after changing only the search code or settings: the pages are not rebuilt. Issues come from
the parse cache when unchanged; topics, links and 时效 are made exactly as `gazette build` makes them
(pipeline.linked_archive), so the index is the one a full build would write.

Like a build it holds the build lock and never writes into the live site: the new index goes into a
staged copy (hard links for every file it leaves alone), which is swapped in whole, so a failure or a
crash midway leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from gazette.asof import resolve_as_of
from gazette.build import swap
from gazette.build.cache import ParseCache
from gazette.build.pipeline import BuildOptions, Progress, discover, linked_archive, parse_all
from gazette.build.report import BuildReport, shown_path
from gazette.errors import BuildError, GazetteError, MachineError, machine_error
from gazette.search.files import SEARCH_DIR
from gazette.search.indexer import build_search_index
from gazette.site.config import load_site_config
from gazette.site.plugin import SITE_SCRIPT, site_script
from gazette.units.registry import load_registry


def run_index(options: BuildOptions) -> int:
    root = options.root
    bulletins = options.bulletins or root / "bulletins"
    site = options.site_dir or root / "site"
    cache_root = options.cache_dir or root / ".cache"
    progress = Progress(options)
    report = BuildReport()
    staged = swap.staging_path(site)
    try:
        if not (site / "index.html").is_file():
            raise BuildError("这里还没有构建好的网站：请先运行 gazette build", site)
        if not (site / "assets" / SITE_SCRIPT).is_file():  # pages from an older version load other scripts
            raise BuildError(f"网站由旧版本构建（没有 assets/{SITE_SCRIPT}），只重建检索索引不够：请运行 gazette build", site)
        with swap.BuildLock(cache_root):
            swap.recover(site)
            swap.remove_stale(site)
            city = load_site_config(root / "mkdocs.yml").city
            parsed = parse_all(discover(bulletins), bulletins, ParseCache(cache_root / "parsed"), progress, report,
                               city=city, root=root)
            if report.fatal or any(issue.errors for issue in report.issues):
                raise BuildError("公报文本有错误：请先运行 gazette build 查看并修正", bulletins)
            archive, _ = linked_archive(parsed, bulletins, resolve_as_of(options.as_of), progress)
            stage_site(site.resolve(), staged)
            summary = build_search_index(staged, cache_root / "search", archive,
                                         load_registry(bulletins / "units.yaml", city=city), options.segment_issues)
            # search.js (in site.js) is the browser half of the query semantics the index was built for: it goes along.
            (staged / "assets" / SITE_SCRIPT).write_text(site_script(), encoding="utf-8")
            swap.publish(staged, site)
    except (GazetteError, OSError, MemoryError) as caught:
        error = caught if isinstance(caught, GazetteError) else machine_error(caught)
        message = str(error)
        if error.path is not None:  # as the build reports it: relative to the project
            message = message.replace(str(error.path), shown_path(error.path, root), 1)
        print(f"错误：{message}", file=options.out)
        kept = "原网站保持不变" if (site / "index.html").is_file() else ""
        if kept and not message.endswith("gazette build"):
            print(f"检索索引未重建；{kept}（{shown_path(site, root)}）", file=options.out)
        return 1 if isinstance(error, MachineError) else 2
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    print(f"已重建检索索引：{summary}", file=options.out)
    return 0


def stage_site(live: Path, staged: Path) -> None:
    """A copy of the live site to write the new index into: hard links (no bytes copied) for the
    files it keeps; search/ is left out (rewritten whole) and site.js (search.js in it) becomes a file of its own,
    so writing the copy can never write through a link into the live site."""
    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(live, staged, symlinks=True, copy_function=link,
                    ignore=lambda folder, names: [SEARCH_DIR] if Path(folder) == live and SEARCH_DIR in names else [])
    script = staged / "assets" / SITE_SCRIPT
    script.unlink(missing_ok=True)
