"""`gazette index`: rebuild only the search index of a built site, from the same archive a build makes.

Use it after changing only the search code or settings: the pages are not rebuilt. Issues come from
the parse cache when unchanged; topics, links and 时效 are made exactly as `gazette build` makes them
(pipeline.linked_archive), so the index is the one a full build would write.
"""

from __future__ import annotations

import shutil

from gazette.asof import resolve_as_of
from gazette.build.cache import ParseCache
from gazette.build.pipeline import BuildOptions, Progress, discover, linked_archive, parse_all
from gazette.build.report import BuildReport, shown_path
from gazette.errors import BuildError, GazetteError
from gazette.search.indexer import build_search_index
from gazette.site.config import load_site_config
from gazette.site.plugin import ASSETS
from gazette.units.registry import load_registry


def run_index(options: BuildOptions) -> int:
    root = options.root
    bulletins = options.bulletins or root / "bulletins"
    site = options.site_dir or root / "site"
    cache_root = options.cache_dir or root / ".cache"
    progress = Progress(options)
    report = BuildReport()
    try:
        if not (site / "index.html").is_file():
            raise BuildError("这里还没有构建好的网站：请先运行 gazette build", site)
        city = load_site_config(root / "mkdocs.yml").city
        parsed = parse_all(discover(bulletins), bulletins, ParseCache(cache_root / "parsed"), progress, report,
                           city=city, root=root)
        if report.fatal or any(issue.errors for issue in report.issues):
            raise BuildError("公报文本有错误：请先运行 gazette build 查看并修正", bulletins)
        archive, _ = linked_archive(parsed, bulletins, resolve_as_of(options.as_of), progress)
        summary = build_search_index(site, cache_root / "search", archive,
                                     load_registry(bulletins / "units.yaml", city=city), options.segment_issues)
        # search.js is the browser half of the query semantics the index was built for: it goes along.
        shutil.copyfile(ASSETS / "search.js", site / "assets" / "search.js")
    except GazetteError as error:
        message = str(error)
        if error.path is not None:  # as the build reports it: relative to the project
            message = message.replace(str(error.path), shown_path(error.path, root), 1)
        print(f"错误：{message}", file=options.out)
        return 2
    print(f"已重建检索索引：{summary}", file=options.out)
    return 0
