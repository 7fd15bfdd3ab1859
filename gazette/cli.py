"""Command line: `python -m gazette parse|build|search …` (thin: each command calls one stage)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from gazette.asof import parse_date
from gazette.errors import GazetteError, MachineError, machine_error

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parse_command(args: argparse.Namespace) -> int:
    from gazette.build.summary import print_summary
    from gazette.export import issue_json
    from gazette.parse.loader import parse_file

    parsed = parse_file(Path(args.file), errata_file=Path(args.errata) if args.errata else None)
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(issue_json(parsed), ensure_ascii=False, indent=1), encoding="utf-8")
    print_summary(parsed, sys.stdout, verbose=args.verbose)
    errors = parsed.report.errors
    if errors:
        first = errors[0]
        print(f"错误：{parsed.source_path}:{first.line}: {first.message}"
              + (f"（另有 {len(errors) - 1} 处）" if len(errors) > 1 else ""), file=sys.stderr)
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


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse speaking Chinese: help, section titles and usage errors (maintainers read all of it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"错误：{_usage_error(message)}（用 -h 查看帮助）\n")


class _ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


# argparse's own messages (Python 3.11), in the order they are tried; anything else is shown as it is.
_USAGE_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数：\1"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), r"\1 的取值 \2 无效，可选：\3"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), r"\1 的取值 \3 无效（应为 \2）"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面缺少取值"),
    (re.compile(r"argument (\S+): (.+)"), r"\1：\2"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), r"选项 \1 有歧义，可能是：\2"),
)


def _usage_error(message: str) -> str:
    for pattern, chinese in _USAGE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


def _positive_int(text: str) -> int:
    """A count from the command line (argparse type): 1 or more."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


def _project_options(command: argparse.ArgumentParser, site_help: str) -> None:
    """The options `build` and `index` share: where the project and site are, the as-of date, segments."""
    command.add_argument("--root", default=".", help="项目文件夹（含 bulletins/ 和 mkdocs.yml），默认当前文件夹")
    command.add_argument("--site", help=site_help)
    command.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示报告")
    command.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                         help="按此日期判断时效和期限（默认：SOURCE_DATE_EPOCH 的日期，否则今天）")
    command.add_argument("--segment-issues", type=_positive_int, default=10, metavar="N",
                         help="检索索引每段包含的期数（默认 10）")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="python -m gazette", description="政府公报知识库：解析、构建、检索")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    parse = commands.add_parser("parse", help="解析一期公报文本，显示摘要和提示")
    parse.add_argument("file", help="公报文本，如 bulletins/2020-04.txt")
    parse.add_argument("--json", metavar="OUT", help="把完整模型写成 JSON（结构见 README.md 的 JSON schema）")
    parse.add_argument("--errata", metavar="FILE", help="勘误文件（默认：公报旁的 errata.yaml）")
    parse.add_argument("-v", "--verbose", action="store_true", help="列出每条提示，而不只是汇总")
    parse.set_defaults(func=_parse_command)

    build = commands.add_parser("build", help="解析 bulletins/，生成 docs/、site/ 和检索索引")
    _project_options(build, "输出文件夹（默认：项目中的 site/）")
    build.add_argument("--strict", action="store_true", help="有提示也视为失败")
    build.add_argument("--full", action="store_true", help="不用缓存，全部重建")
    build.set_defaults(func=_build_command)

    index = commands.add_parser("index", help="只重建已构建网站的检索索引（检索程序更新后）")
    _project_options(index, "已构建的网站（默认：项目中的 site/）")
    index.set_defaults(func=_index_command)

    imp = commands.add_parser("import", help="从 PDF 导入一期公报，写成 bulletins/年份-期号.txt（并保存 PDF）")
    imp.add_argument("file", help="政府网站发布的那一期 PDF，如 2020年第4期.pdf")
    imp.add_argument("--bulletins", default="bulletins", help="公报文件夹（默认：bulletins）")
    imp.add_argument("--key", metavar="YYYY-NN", help="封面未写明时指定年份和期号")
    imp.add_argument("--force", action="store_true", help="覆盖以前导入的同一期")
    imp.set_defaults(func=_import_command)
    validity = commands.add_parser("validity", help="列出每件文件的时效（状态、日期、依据）")
    validity.add_argument("--root", default=".", help="项目文件夹（含 bulletins/），默认当前文件夹")
    validity.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                          help="按此日期判断时效（默认：SOURCE_DATE_EPOCH 的日期，否则今天）")
    validity.add_argument("--json", action="store_true",
                          help="输出 JSON：{as_of, documents: [{title, doc_number, url, status, effective_from, "
                               "expires, basis}]}")
    validity.set_defaults(func=_validity_command)

    versions = commands.add_parser("versions", help="列出每件经修改的规章制度及其各版本和条文")
    versions.add_argument("--root", default=".", help="项目文件夹（含 bulletins/），默认当前文件夹")
    versions.add_argument("--json", action="store_true",
                          help="输出 JSON：{works: [{title, url, versions: [{version, url, effective_from, "
                               "effective_to, made_by, articles: [{number, text, change}]}]}]}")
    versions.set_defaults(func=_versions_command)

    search = commands.add_parser("search", help="在已构建网站的索引中检索")
    search.add_argument("query", help="词语、短语或任意写法的文号")
    search.add_argument("--k", type=_positive_int, default=10, help="结果条数（默认 10）")
    search.add_argument("--json", action="store_true", help="输出 JSON：[{url, title, doc_number, text, snippet}]")
    search.add_argument("--site", default="site", help="已构建的网站文件夹（默认：site）")
    search.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD",
                        help="只要成文日期在此日或之后的文件")
    search.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD",
                        help="只要成文日期在此日或之前的文件")
    search.add_argument("--status", help="只要此时效的页面：现行有效、尚未生效、已修改、已废止或已失效")
    search.add_argument("--issue", help="只要这一期，如 2020-04")
    search.add_argument("--category", help="只要这一栏目，如 人事任免")
    search.add_argument("--issuer", help="只要这一发文机关")
    search.add_argument("--topic", help="只要这一主题分类，如 民政、扶贫、救灾")
    search.set_defaults(func=_search_command)

    new = commands.add_parser("new", help="在新文件夹中创建一个公报网站（gazette new 文件夹 --title …）")
    new.add_argument("folder", help="新网站的文件夹（须不存在或为空）")
    new.add_argument("--title", required=True, help="公报名称（即网站名），如 晋城市人民政府公报")
    new.add_argument("--city", help="从单位名称中去掉的市名（默认取自名称，如 晋城市）")
    new.add_argument("--publisher", help="页脚显示的编印单位（默认：晋城市人民政府公报 → 晋城市人民政府办公室）")
    new.add_argument("--site-url", help="本站网址，如 https://www.example.gov.cn/gongbao/（用于规范链接、"
                                        "sitemap.xml，以及订阅和下载文件中的完整网址）")
    new.set_defaults(func=_new_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GazetteError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_FAILED if isinstance(error, MachineError) else EXIT_BAD_INPUT
    except (OSError, MemoryError) as error:  # the machine refused: one line, typed in gazette.errors
        if isinstance(error, BrokenPipeError):  # output piped into head & co.
            sys.stderr.close()
            return EXIT_OK
        print(f"错误：{machine_error(error)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return EXIT_FAILED
