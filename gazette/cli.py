"""Command line: `python -m gazette parse|build|search …` (thin: each command calls one stage)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gazette.asof import parse_date
from gazette.errors import GazetteError, MachineError, machine_error

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parse_command(args: argparse.Namespace) -> int:
    from gazette.export import issue_json
    from gazette.parse.loader import parse_file
    from gazette.parse.summary import print_summary

    parsed = parse_file(Path(args.file), errata_file=Path(args.errata) if args.errata else None)
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(issue_json(parsed), ensure_ascii=False, indent=1), encoding="utf-8")
    print_summary(parsed, sys.stdout, verbose=args.verbose)
    errors = parsed.report.errors
    if errors:
        first = errors[0]
        print(f"error: {parsed.source_path}:{first.line}: {first.message}"
              + (f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""), file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _build_command(args: argparse.Namespace) -> int:
    from gazette.build.pipeline import BuildOptions, run_build

    options = BuildOptions(
        root=Path(args.root).resolve(), strict=args.strict, full=args.full, quiet=args.quiet,
        site_dir=Path(args.site).resolve() if args.site else None, as_of=args.as_of,
        segment_issues=args.segment_issues, out=sys.stderr,  # the stream of now, not of import time
    )
    return run_build(options)


def _index_command(args: argparse.Namespace) -> int:
    from gazette.build.index import run_index
    from gazette.build.pipeline import BuildOptions

    return run_index(BuildOptions(root=Path(args.root).resolve(), quiet=args.quiet, as_of=args.as_of,
                                  site_dir=Path(args.site).resolve() if args.site else None,
                                  segment_issues=args.segment_issues, out=sys.stdout))


def _import_command(args: argparse.Namespace) -> int:
    from gazette.pdfimport.importer import import_pdf, print_report

    try:
        result = import_pdf(Path(args.file), Path(args.bulletins), key=args.key, force=args.force)
    except GazetteError as error:
        print(f"错误：{error}", file=sys.stderr)  # the import speaks Chinese only
        return EXIT_BAD_INPUT
    print_report(result, sys.stdout)
    return EXIT_FAILED if result.parsed.report.errors else EXIT_OK


def _validity_command(args: argparse.Namespace) -> int:
    from gazette.build.validity import run_validity

    return run_validity(Path(args.root).resolve(), args.as_of, args.json)


def _versions_command(args: argparse.Namespace) -> int:
    from gazette.build.versions import run_versions

    return run_versions(Path(args.root).resolve(), args.json)


def _search_command(args: argparse.Namespace) -> int:
    from gazette.search.cli import run_search

    filters = {"issue": args.issue, "category": args.category, "issuer": args.issuer, "status": args.status,
               "topics": args.topic,
               "date": (args.date_from and args.date_from.isoformat(), args.date_to and args.date_to.isoformat())}
    return run_search(args.query, site=Path(args.site), k=args.k, as_json=args.json, filters=filters)


def _new_command(args: argparse.Namespace) -> int:
    from gazette.site.scaffold import new_site

    site = new_site(Path(args.folder), args.title, city=args.city, publisher=args.publisher, site_url=args.site_url)
    print(f"已创建网站“{site.config.site_name}”（市名：{site.config.city or '未设置'}；"
          f"编印：{site.config.publisher or '未设置'}）：")
    for path in site.files:
        print(f"  {path}")
    if not site.config.site_url:
        print(f"还缺本站的正式网址：请在 {site.folder / 'mkdocs.yml'} 中填写 site_url（或用 --site-url 创建），"
              "以便生成规范链接、sitemap.xml 和订阅、日历、Excel 中的完整网址。")
    print(f"下一步：把各期公报全文存为 {site.folder / 'bulletins'}/年份-期号.txt，"
          f"然后在 {site.folder} 中执行 gazette build。")
    return EXIT_OK


def _project_options(command: argparse.ArgumentParser, site_help: str) -> None:
    """The options `build` and `index` share: where the project and site are, the as-of date, segments."""
    command.add_argument("--root", default=".", help="project folder holding bulletins/ and mkdocs.yml")
    command.add_argument("--site", help=site_help)
    command.add_argument("-q", "--quiet", action="store_true", help="no progress lines, only the report")
    command.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                         help="validity and deadlines as of this date (default: SOURCE_DATE_EPOCH's date, else today)")
    command.add_argument("--segment-issues", type=int, default=10, metavar="N",
                         help="issues per search-index segment (default 10)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gazette", description="政府公报 knowledge base: parse, build, search")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse one bulletin file; print a summary and the warnings")
    parse.add_argument("file", help="bulletin text, e.g. bulletins/2020-04.txt")
    parse.add_argument("--json", metavar="OUT", help="write the whole model as JSON (schema: README.md, JSON schema)")
    parse.add_argument("--errata", metavar="FILE", help="errata file (default: errata.yaml beside the bulletin)")
    parse.add_argument("-v", "--verbose", action="store_true", help="list every warning, not only a digest")
    parse.set_defaults(func=_parse_command)

    build = commands.add_parser("build", help="parse bulletins/, write docs/, build site/ and the search index")
    _project_options(build, "output folder (default: site/ in the project)")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--full", action="store_true", help="ignore the caches and rebuild everything")
    build.set_defaults(func=_build_command)

    index = commands.add_parser("index", help="rebuild only the search index of the built site (after search changes)")
    _project_options(index, "the built site (default: site/ in the project)")
    index.set_defaults(func=_index_command)

    imp = commands.add_parser("import", help="import an issue from its PDF into bulletins/YYYY-NN.txt (+ .pdf)")
    imp.add_argument("file", help="the issue as published, e.g. 2020年第4期.pdf")
    imp.add_argument("--bulletins", default="bulletins", help="folder of the bulletins (default: bulletins)")
    imp.add_argument("--key", metavar="YYYY-NN", help="year and number when the cover does not say them")
    imp.add_argument("--force", action="store_true", help="overwrite an issue imported before")
    imp.set_defaults(func=_import_command)
    validity = commands.add_parser("validity", help="print the 时效 (status, dates, evidence) of every document")
    validity.add_argument("--root", default=".", help="project folder holding bulletins/")
    validity.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                          help="status as of this date (default: SOURCE_DATE_EPOCH's date, else today)")
    validity.add_argument("--json", action="store_true",
                          help="print JSON: {as_of, documents: [{title, doc_number, url, status, effective_from, "
                               "expires, basis}]}")
    validity.set_defaults(func=_validity_command)

    versions = commands.add_parser("versions", help="print every amended regulation with its versions and articles")
    versions.add_argument("--root", default=".", help="project folder holding bulletins/")
    versions.add_argument("--json", action="store_true",
                          help="print JSON: {works: [{title, url, versions: [{version, url, effective_from, "
                               "effective_to, made_by, articles: [{number, text, change}]}]}]}")
    versions.set_defaults(func=_versions_command)

    search = commands.add_parser("search", help="search the built site's index")
    search.add_argument("query", help="words, a phrase or a 文号 in any notation")
    search.add_argument("--k", type=int, default=10, help="number of results (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON: [{url, title, doc_number, text, snippet}]")
    search.add_argument("--site", default="site", help="built site folder (default: site)")
    search.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD",
                        help="only documents dated (成文日期) on or after this day")
    search.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD",
                        help="only documents dated (成文日期) on or before this day")
    search.add_argument("--status", help="only pages with this status (时效): 现行有效, 尚未生效, 已修改, 已废止 or 已失效")
    search.add_argument("--issue", help="only this issue, e.g. 2020-04")
    search.add_argument("--category", help="only this category (栏目), e.g. 人事任免")
    search.add_argument("--issuer", help="only this issuer (发文机关)")
    search.add_argument("--topic", help="only pages of this topic (主题分类), e.g. 民政、扶贫、救灾")
    search.set_defaults(func=_search_command)

    new = commands.add_parser("new", help="start a new bulletin site in a new folder (gazette new DIR --title …)")
    new.add_argument("folder", help="the new site's folder (must not exist, or be empty)")
    new.add_argument("--title", required=True, help="the bulletin's title, e.g. 晋城市人民政府公报 (the site name)")
    new.add_argument("--city", help="city stripped from unit names (default: from the title, e.g. 晋城市)")
    new.add_argument("--publisher", help="shown in the footer (default: 晋城市人民政府办公室 for 晋城市人民政府公报)")
    new.add_argument("--site-url", help="the site's address, e.g. https://www.example.gov.cn/gongbao/ (canonical links, "
                                        "sitemap.xml, absolute links in feeds and downloads)")
    new.set_defaults(func=_new_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GazetteError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED if isinstance(error, MachineError) else EXIT_BAD_INPUT
    except (OSError, MemoryError) as error:  # the machine refused: one line, typed in gazette.errors
        if isinstance(error, BrokenPipeError):  # output piped into head & co.
            sys.stderr.close()
            return EXIT_OK
        print(f"错误：{machine_error(error)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILED
