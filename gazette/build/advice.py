"""What each finding of the build report means and what the maintainer should do about it (Chinese).

One entry per finding code (gazette.parse emits the codes); the report prints the name, the count and
the advice once per group, then every occurrence with its `file:line`.
"""

from __future__ import annotations

from typing import NamedTuple

from gazette.model import FindingCode


class Advice(NamedTuple):
    name: str  # what was found, in plain words
    action: str  # what to do


ERRATA = "bulletins/errata.yaml"
UNITS = "bulletins/units.yaml"

ADVICE: dict[FindingCode, Advice] = {
    # errors: the site is not built until they are fixed
    FindingCode.UNREADABLE_LINE: Advice("无法识别的文字", "用文本编辑器查看该行，改用 UTF-8 或 GB18030 重新导出公报文本后再构建。"),
    FindingCode.LINE_NOT_COVERED: Advice("未归入任何文件的正文行",
                               "查看该行前后：多半是文件标题或文号行排版异常；请对照原件修正文本导出，或报告给开发者。"),
    FindingCode.LINE_COVERED_TWICE: Advice("被两个文件同时占用的正文行", "这是解析程序的问题，请把该公报文件和本报告交给开发者。"),
    FindingCode.TOC_ENTRY_NOT_FOUND: Advice("目录中有、正文中找不到的文件",
                                  "对照原件检查该文件的标题和文号在正文中是否完整；文本缺页时请重新导出完整的公报文本。"),
    FindingCode.DUPLICATE_DOC_NUMBER: Advice("同一文号出现两次", "核对原件：若确为印刷错误，在 bulletins/errata.yaml 中更正其中一个文号。"),
    FindingCode.DUPLICATE_ISSUE: Advice("同一期公报有两个文件", "删除或改名其中一个文件（文件名应为 年-期号.txt，例如 2020-04.txt）。"),
    FindingCode.DUPLICATE_ACROSS_ISSUES: Advice("不同期公报中出现同一文号",
                                      "确认是否把同一期保存了两次；若是原件印刷错误，在 bulletins/errata.yaml 中更正。"),
    FindingCode.TRUNCATED: Advice("文件不完整（末尾中断）", "重新导出或下载完整的公报文本，替换 bulletins/ 中的文件。"),
    # warnings: the site is built, the page shows a note where it matters
    FindingCode.TEXT_CUT_OFF: Advice("条文在句中中断（原文疑有缺漏）",
                           "对照原件（PDF 或纸本）：若原件有后文，在 bulletins/errata.yaml 中补录；若原件如此，无需处理，页面已注明。"),
    FindingCode.NUMBERING_GAP: Advice("编号跳号（原文疑有缺漏）",
                            "对照原件：若缺漏是导出造成的，补全文本或在 bulletins/errata.yaml 中补录；若原件如此，无需处理，页面已注明。"),
    FindingCode.DUPLICATE_NUMBER: Advice("编号重复（原文编号疑似错位）", "对照原件；若原件如此，无需处理，页面已注明。"),
    FindingCode.OUT_OF_ORDER: Advice("条文顺序错乱（原文排版所致）", "对照原件；若原件如此，无需处理，页面按原文顺序显示并已注明。"),
    FindingCode.TEXT_OUT_OF_ORDER: Advice("任免事项印在错误的标记下（原文排版错乱）",
                                "对照原件确认任免类别；页面按原文显示并已注明，无需处理。"),
    FindingCode.COLUMNS_INTERLEAVED: Advice("名单两栏并排印刷（姓名与职务可能错配）",
                                  "对照原件核对名单；如需更正，在 bulletins/errata.yaml 中逐行更正。"),
    FindingCode.TEXT_AFTER_SIGNATURE: Advice("落款之后还有正文（疑似分栏顺序错乱）",
                                   "对照原件确认这段文字属于哪个文件；内容已保留在该通知页上，无需处理。"),
    FindingCode.TOC_TITLE_MISMATCH: Advice("目录标题与正文标题不一致",
                                 "以正文标题为准，无需处理；若正文标题印错，在 bulletins/errata.yaml 中更正。"),
    FindingCode.NOT_IN_TOC: Advice("正文中有、目录中没有的文件", "核对原件目录；该文件照常生成页面，无需处理。"),
    FindingCode.NO_SIGNATURE: Advice("找不到落款和日期", "对照原件；若文本缺少落款，补全文本或在 bulletins/errata.yaml 中补录。"),
    FindingCode.ISSUER_MISMATCH: Advice("标题中的发文机关与落款不一致", "对照原件；以标题为准，无需处理。"),
    FindingCode.ORPHAN_DOC_NUMBER: Advice("文号行上方没有文件标题", "对照原件检查标题是否缺失；缺失时补全文本。"),
    FindingCode.DOC_NUMBER_LINE_MISSING: Advice("按目录找到的文件缺少文号行",
                                      "对照原件：若正文确无文号，无需处理；若导出时丢失，补全文本。"),
    FindingCode.BAD_DATE: Advice("不可能的出版日期", "在 bulletins/errata.yaml 中更正封面日期。"),
    FindingCode.COVER_MISSING: Advice("封面信息不全", "对照原件补全封面（期号、出版日期等）；页面只显示能读到的信息。"),
    FindingCode.TOC_UNFINISHED: Advice("目录条目缺少页码", "对照原件；页码不影响页面生成，无需处理。"),
    FindingCode.NO_TOC: Advice("没有找到目录", "文件已按正文拆分；若原件有目录，请检查导出文本是否完整。"),
    FindingCode.CONTROL_CHARACTERS: Advice("控制字符（已删除）", "导出的文本夹带了不可见的控制字符，已从该行删除；对照原件确认该行文字无误即可。"),
    FindingCode.DATE_OUT_OF_RANGE: Advice("不可能的年份（日期和期限不予采用）",
                                 "对照原件：若是印刷或导出错误，在 bulletins/errata.yaml 中更正该年份；否则无需处理。"),
    FindingCode.CONVERTER_MARKUP: Advice("转换软件留下的表单标记（已自动整理）",
                                         "无需处理：页面把 <input type=\"checkbox\"/> 等显示为 ☐，并在该处注明原文；"
                                         "能取得更干净的公报文本时，替换后重新构建。"),
    FindingCode.NO_DOCUMENTS: Advice("没有找到任何文件", "确认这是一期政府公报的全文文本（有文号行或目录）。"),
    FindingCode.PAGES_IGNORED: Advice("原件页码不全（导入后改过文本，或页码文件不符）",
                                "改正印刷错误请用 bulletins/errata.yaml：文本和页码都保持导入时的样子；"
                                "要全部恢复，用 python -m gazette import 原件.pdf --force 重新导入。"),
}

UNKNOWN_UNITS = Advice("不在单位名录中的单位",
                       f"若是本地单位，把全称（及简称、别名）加入 {UNITS}；若是名称印错，在 {ERRATA} 中更正；"
                       "不处理时它们各自得到一个以原文名称命名的单位页。")
UNRESOLVED = Advice("未能链接的本市文件引用",
                    "这些文号或《标题》属于本市，但所引文件不在已有的公报中；收入该期公报后会自动链接，无需处理。")
PROJECT = Advice("bulletins 文件夹中的问题", "勘误所指的期号没有公报文本时，检查勘误的 issue 是否写错；"
                 "PDF 没有同名 .txt 时，用 gazette import 导入它（或删除它）。")
FATAL = Advice("无法继续的错误", "按提示修正所指的文件后重新构建；原网站保持不变。")


def advice_for(code: FindingCode) -> Advice:
    return ADVICE.get(code, Advice(f"其他提示（{code}）", "对照原件核对该处；若需更正，在 bulletins/errata.yaml 中更正。"))
