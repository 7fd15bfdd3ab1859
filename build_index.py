"""Rebuild the search index of an already built site (python build_index.py [--site site]).

The logic lives in gazette.search.indexer; `python -m gazette build` runs it as part of every
build. Use this after changing only the search code, to skip rebuilding the pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gazette.build.cache import ParseCache
from gazette.build.pipeline import BuildOptions, Progress, discover, parse_all
from gazette.build.report import BuildReport
from gazette.errors import GazetteError
from gazette.link.archive import link_archive
from gazette.search.indexer import build_search_index
from gazette.site.config import load_site_config
from gazette.units.registry import load_registry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder (default: .)")
    parser.add_argument("--site", help="built site (default: ROOT/site)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    site = Path(args.site).resolve() if args.site else root / "site"
    bulletins = root / "bulletins"
    try:
        if not (site / "index.html").exists():
            raise GazetteError("no built site here: run `python -m gazette build` first", site)
        city = load_site_config(root / "mkdocs.yml").city
        report = BuildReport()
        progress = Progress(BuildOptions(root=root))
        parsed = parse_all(discover(bulletins), bulletins, ParseCache(root / ".cache" / "parsed"), progress, report,
                           city=city)
        summary = build_search_index(site, root / ".cache" / "search", link_archive(parsed),
                                     load_registry(bulletins / "units.yaml", city=city))
    except GazetteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"search index: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
