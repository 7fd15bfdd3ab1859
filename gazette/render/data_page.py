"""The 数据下载 page: every open data file and every column, described from the table specifications."""

from __future__ import annotations

import datetime as dt

from gazette.opendata.tables import SPECS
from gazette.render.markup import esc, front_matter_block, link, list_table, table_row

_TYPES = {"string": "文本", "integer": "整数", "boolean": "true / false", "date": "日期 YYYY-MM-DD",
          "strings": "文本列表", "dates": "日期列表"}


def markdown(as_of: dt.date) -> str:
    here = "data/"
    out = front_matter_block({"title": "数据下载", "kind": "data"}) + ["# 数据下载 {#data}", ""]
    out += ['<p class="gz-intro">本库全部内容的开放数据：文件、条款、任务、责任单位和引用关系，每张表提供 CSV 和 JSON 两种格式，'
            "另有包含全部表的 SQLite 数据库和 JSON 文件的结构说明（JSON Schema）。同一批公报、同一生成日期生成的文件逐字节相同。</p>", "",
            '<ul class="gz-data-notes">',
            "<li>CSV 为 UTF-8 编码（带 BOM，Excel 可直接打开），列表值以“、”分隔，空值留空，布尔值为 true / false。</li>",
            "<li>JSON 为对象数组，列表为数组，空值为 null；结构见 "
            '<a href="schema.json" download>schema.json</a>（JSON Schema 2020-12，$defs 中以文件名为键）。</li>',
            '<li><a href="gazette.db" download>gazette.db</a>：SQLite 数据库，每个文件一张同名表，声明了主键和外键，'
            "可直接用 Datasette 打开；列表值存为 JSON 数组。</li>",
            f"<li>日期均为 YYYY-MM-DD。任务状态和“每年…前”的下一次期限按生成日期 {as_of.isoformat()} 计算。</li>",
            "<li>地址列为站内路径（如 /2020/04/yzbf-2020-079/#s3-1），加上本站网址即可访问。</li>",
            f"<li>各单位的任务台账（CSV、Excel、日历）在{link(here, 'units/', '按责任单位浏览')}的各单位页面下载，"
            f"全部任务见{link(here, 'ledger/', '任务台账')}。</li>", "</ul>", ""]
    for name, spec in SPECS.items():
        out += [f"## {esc(spec.title)}：{name} {{#{name}}}", "",
                f'<p>{esc(spec.description)} 下载：<a href="{name}.csv" download>{name}.csv</a>'
                f'<a href="{name}.json" download>{name}.json</a>（主键 {esc(spec.key)}）</p>', "",
                list_table(("列", "类型", "可为空", "含义"),
                           (table_row(f"<code>{esc(c.name)}</code>", esc(_TYPES[c.type]), "是" if c.nullable else "否",
                                      esc(c.zh)) for c in spec.columns), css="gz-list gz-columns"), ""]
    return "\n".join(out) + "\n"
