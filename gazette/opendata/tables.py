"""The open data tables: one specification per table, rows built from the linked archive.

Each column is declared once (name, type, Chinese description); the CSV header, the JSON
Schema, the SQLite column types and the 数据下载 page all come from these declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gazette.link.archive import Archive, PageRef
from gazette.model import Block, Table, Unit
from gazette.render.ledger import ROLES, by_unit, collect, due_dates, sort_date, task_state, unit_path


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | integer | boolean | date | strings (list of strings) | dates (list of dates)
    zh: str  # what it holds, for the 数据下载 page
    nullable: bool = False


@dataclass
class TableSpec:
    name: str
    title: str
    description: str
    key: str
    columns: list[Column]
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (column, table, column)


S, N = "string", True
SPECS: dict[str, TableSpec] = {spec.name: spec for spec in [
    TableSpec("documents", "文件", "每份文件一行，印发的规定、办法、方案各占一行（kind 为 embedded）。", "url", [
        Column("url", S, "页面地址（站内路径，本表主键）"),
        Column("kind", S, "notice 为文件本身，embedded 为其印发的规定、办法、方案"),
        Column("title", S, "标题"),
        Column("doc_number", S, "文号（规范写法；印发的规定等沿用通知的文号）", N),
        Column("issuer", S, "发文机关", N),
        Column("date", "date", "成文日期", N),
        Column("category", S, "公报栏目", N),
        Column("issue", S, "期号，如 2020-04"),
        Column("page", "integer", "公报页码", N),
        Column("status", S, "有效、已废止或已修订（以本库收录的文件为准）"),
        Column("notice", S, "印发它的文件的页面地址（仅 embedded）", N),
        Column("articles", "integer", "条数（第X条）"),
        Column("tasks", "integer", "任务数"),
        Column("source_file", S, "来源文本文件"),
        Column("first_line", "integer", "在来源文件中的起始行"),
    ]),
    TableSpec("articles", "条款", "规定、办法等每一条（第X条）一行，含全文。", "url", [
        Column("url", S, "条款地址（页面地址加锚点，本表主键）"),
        Column("document_url", S, "所在文件的页面地址"),
        Column("doc_number", S, "文号", N),
        Column("document", S, "所在文件标题"),
        Column("chapter", S, "所在章（如 第二章 决策启动）", N),
        Column("label", S, "条号，如 第十七条"),
        Column("number", "integer", "条的序号", N),
        Column("text", S, "条文全文（含款、项）"),
        Column("first_line", "integer", "在来源文件中的起始行"),
    ], [("document_url", "documents", "url")]),
    TableSpec("tasks", "任务", "方案、意见中每项写明责任单位的任务一行。", "id", [
        Column("doc_number", S, "文号", N),
        Column("document", S, "所在文件标题"),
        Column("url", S, "任务条款地址（页面地址加锚点）"),
        Column("label", S, "任务编号，如 （三） 或 12."),
        Column("text", S, "任务原文"),
        Column("lead", "strings", "牵头单位（CSV 中以“、”分隔）"),
        Column("co", "strings", "配合单位（CSV 中以“、”分隔）"),
        Column("deadline_text", "strings", "原文中的期限用语，按日期先后（CSV 中以“、”分隔）"),
        Column("deadline", "dates", "期限日期 YYYY-MM-DD，与期限用语对应有日期者，按先后；“每年…前”取生成日之后的下一次"),
        Column("implementing", "strings", "负责落实单位（CSV 中以“、”分隔）"),
        Column("deadline_kind", "strings", "期限类型：day 日、month 月、year 年、period 季度或半年、range 年度区间、"
                                          "recurring 周期、ongoing 长期（无日期）"),
        Column("recurrence", "strings", "周期期限的规则（iCalendar RRULE）"),
        Column("next_deadline", "date", "排序用日期：下一个未到的期限，全部已过则为最后一个", N),
        Column("state", S, "相对生成日期的状态：期限已过、30天内到期、未到期、无明确期限"),
        Column("units_text", S, "原文的责任单位表述"),
        Column("id", S, "任务编号（期号与起始行，本表主键）"),
        Column("document_url", S, "所在文件的页面地址"),
        Column("first_line", "integer", "在来源文件中的起始行"),
    ], [("document_url", "documents", "url")]),
    TableSpec("units", "责任单位", "每个责任单位一行，及其牵头、配合、负责落实的任务数。", "name", [
        Column("name", S, "单位名称（按单位名录统一，本表主键）"),
        Column("short", S, "简称", N),
        Column("listed", "boolean", "是否列入单位名录"),
        Column("lead", "integer", "牵头的任务数"),
        Column("co", "integer", "配合的任务数"),
        Column("implementing", "integer", "负责落实的任务数"),
        Column("url", S, "单位台账页面地址"),
    ]),
    TableSpec("citations", "引用", "文件中对其他文件（文号或《标题》）的每一处引用一行。", "id", [
        Column("id", S, "引用编号（页面地址与行号，本表主键）"),
        Column("from_url", S, "引用所在页面地址"),
        Column("from_doc_number", S, "引用所在文件的文号", N),
        Column("raw", S, "原文写法"),
        Column("kind", S, "文号 或 title（书名号标题）"),
        Column("key", S, "规范化后的文号或标题"),
        Column("line", "integer", "在来源文件中的行号"),
        Column("target_url", S, "被引用文件的页面地址（本库未收录为空）", N),
        Column("repeals", "boolean", "该句废止被引用文件"),
        Column("revises", "boolean", "该句修改被引用文件"),
    ], [("from_url", "documents", "url")]),
    TableSpec("relations", "关系", "后来的文件对先前文件的每一项废止、宣布失效、修改或替代（新版本）一行，附依据条款。", "id", [
        Column("id", S, "关系编号（两页面地址与关系，本表主键）"),
        Column("from_url", S, "作出废止、修改的文件页面地址"),
        Column("from_doc_number", S, "其文号", N),
        Column("relation", S, "repeals 废止、declares_lapsed 宣布失效、revises 修改、replaces 新版本替代旧版本"),
        Column("to_url", S, "被废止、修改的文件页面地址（本库未收录为空）", N),
        Column("to_ref", S, "原文所称的被废止、修改的文件（标题或文号）"),
        Column("to_doc_numbers", "strings", "原文在标题后写明的文号（CSV 中以“、”分隔）"),
        Column("evidence", S, "依据条款原文", N),
        Column("evidence_url", S, "依据条款地址（页面地址加锚点）", N),
    ], [("from_url", "documents", "url")]),
    TableSpec("versions", "版本", "经修改的规定每个版本一行：施行期间、制定或修改它的文件、条数。", "id", [
        Column("id", S, "版本编号（作品地址与版本号，本表主键）"),
        Column("work_url", S, "该规定各版本页面地址"),
        Column("work", S, "规定名称"),
        Column("version", "integer", "版本号，1 为最初印发的文本"),
        Column("url", S, "该版本全文的页面地址"),
        Column("effective_from", "date", "施行日期", N),
        Column("effective_to", "date", "被下一版本取代前的最后一日（现行版本为空）", N),
        Column("made_by_url", S, "修改决定的页面地址（最初版本为空）", N),
        Column("made_by_doc_number", S, "修改决定的文号", N),
        Column("articles", "integer", "条数"),
        Column("amended", "strings", "本版修改的条（条号，CSV 中以“、”分隔）"),
        Column("inserted", "strings", "本版新增的条"),
        Column("deleted", "strings", "上一版中被删除的条"),
    ], [("url", "documents", "url")]),
]}


def _url(path: str) -> str:
    return "/" + path


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _block_text(block: Block) -> str:
    if isinstance(block, Table):
        return "\n".join("\t".join(row) for row in block.rows)
    return block.text


def _unit_text(unit: Unit) -> str:
    parts = [unit.heading.text]
    for item in unit.ordered():
        parts.append(_unit_text(item) if isinstance(item, Unit) else _block_text(item))
    return "\n".join(parts)


def _body(page: PageRef):
    return page.own.body


def documents(archive: Archive) -> list[dict[str, Any]]:
    rows = []
    for page in archive.pages.values():
        document = page.document
        tasks = page.own.tasks
        rows.append({
            "url": _url(page.path), "kind": page.kind, "title": page.title, "doc_number": document.doc_number,
            "issuer": document.issuer, "date": _date(document.date), "category": document.category,
            "issue": page.issue.issue.key, "page": document.page, "status": page.status,
            "notice": _url(page.family) if page.embedded else None, "articles": len(_body(page).articles),
            "tasks": len(tasks), "source_file": f"bulletins/{page.source_name}",
            "first_line": page.first_line,
        })
    return rows


def articles(archive: Archive) -> list[dict[str, Any]]:
    rows = []
    for page in archive.pages.values():
        chapter: Unit | None = None
        for unit in _body(page).walk_units():
            if unit.kind == "chapter":
                chapter = unit
            if unit.kind != "article":
                continue
            rows.append({
                "url": f"{_url(page.path)}#{unit.anchor}", "document_url": _url(page.path),
                "doc_number": page.document.doc_number, "document": page.title,
                "chapter": f"{chapter.label} {chapter.title}".strip() if chapter else None,
                "label": unit.label, "number": unit.number, "text": _unit_text(unit),
                "first_line": unit.heading.lines[0],
            })
    return rows


def tasks(archive: Archive, as_of: dt.date) -> list[dict[str, Any]]:
    rows = []
    for entry in collect(archive):
        task, page = entry.task, entry.page
        dated = [d for d in task.deadlines]
        rows.append({
            "doc_number": page.document.doc_number, "document": page.title, "url": _url(entry.target),
            "label": task.label, "text": task.text, "lead": entry.names("lead"), "co": entry.names("co"),
            "deadline_text": [d.raw for d in dated],
            "deadline": [d.isoformat() for d in due_dates(task, as_of)],
            "implementing": entry.names("implementing"), "deadline_kind": [d.kind for d in dated],
            "recurrence": [d.rule.rrule for d in dated if d.rule],
            "next_deadline": _date(sort_date(task, as_of)), "state": task_state(task, as_of),
            "units_text": task.units_text, "id": entry.id, "document_url": _url(page.path),
            "first_line": task.lines[0],
        })
    return rows


def units(archive: Archive, unit_names: dict[str, str]) -> list[dict[str, Any]]:
    assigned = by_unit(collect(archive))
    rows = []
    for name in sorted(assigned):
        roles = [role for role, _ in assigned[name]]
        rows.append({"name": name, "short": unit_names.get(name) or None, "listed": name in unit_names,
                     **{role: roles.count(role) for role in ROLES}, "url": _url(unit_path(name))})
    return rows


def citations(archive: Archive) -> list[dict[str, Any]]:
    rows = []
    for page in archive.pages.values():
        for n, citation in enumerate(page.citations, start=1):
            rows.append({
                "id": f"{_url(page.path)}#c{n}", "from_url": _url(page.path),
                "from_doc_number": page.document.doc_number, "raw": citation.raw, "kind": citation.kind,
                "key": citation.key, "line": citation.line,
                "target_url": _url(page.resolved[citation.ref]) if citation.ref in page.resolved else None,
                "repeals": citation.repeals, "revises": citation.revises,
            })
    return rows


def relations(archive: Archive) -> list[dict[str, Any]]:
    """Every relation from the side of what it acts on (so a notice and what it issued both have
    their row), and the repeals of documents the archive does not hold (to_url empty)."""
    from gazette.link.archive import Supersedes
    from gazette.link.validity import relation_evidence

    rows: dict[str, dict[str, Any]] = {}

    def add(later: PageRef, entry: Supersedes, to: PageRef | None) -> None:
        text, where = relation_evidence(archive, later, entry)
        key = f"{_url(later.path)}>{_url(to.path) if to else entry.key}>{entry.relation.value}"
        rows.setdefault(key, {
            "id": key, "from_url": _url(later.path), "from_doc_number": later.document.doc_number,
            "relation": entry.relation.value, "to_url": _url(to.path) if to else None,
            "to_ref": to.title if to else entry.key, "to_doc_numbers": list(entry.numbers) or (
                [to.document.doc_number] if to and to.document.doc_number else []),
            "evidence": text, "evidence_url": _url(where) if where else None})

    for victim in sorted(archive.pages.values(), key=lambda p: p.path):
        for by in victim.superseded_by:
            later = archive.pages[by.path]
            entry = next((s for s in later.supersedes if s.relation is by.relation and s.path and
                          archive.pages[s.path].family == victim.family), None)
            add(later, entry or Supersedes(victim.title, "title", victim.path, by.relation), victim)
    for page in sorted(archive.pages.values(), key=lambda p: p.path):
        for entry in page.supersedes:
            if entry.path is None:
                add(page, entry, None)
    return list(rows.values())


def versions(archive: Archive) -> list[dict[str, Any]]:
    rows = []
    for work in archive.works:
        for version in work.versions:
            made = archive.pages[version.made_by] if version.made_by else None
            labels = {a.number: a.label for a in version.articles}
            previous = {a.number: a.label for a in work.versions[version.number - 2].articles} if version.number > 1 else {}
            rows.append({
                "id": f"{_url(work.url)}v{version.number}", "work_url": _url(work.url), "work": work.title,
                "version": version.number, "url": _url(version.path), "effective_from": _date(version.effective_from),
                "effective_to": _date(version.effective_to), "made_by_url": _url(made.path) if made else None,
                "made_by_doc_number": made.document.doc_number if made else None, "articles": len(version.articles),
                "amended": [labels[c.number] for c in version.changes if c.change in ("amended", "amended+renumbered")],
                "inserted": [labels[c.number] for c in version.changes if c.change == "inserted"],
                "deleted": [previous.get(n, str(n)) for n in version.deleted],
            })
    return rows


def build_tables(archive: Archive, unit_names: dict[str, str], as_of: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, keyed like SPECS (and in its column order)."""
    rows = {"documents": documents(archive), "articles": articles(archive), "tasks": tasks(archive, as_of),
            "units": units(archive, unit_names), "citations": citations(archive),
            "relations": relations(archive), "versions": versions(archive)}
    return {name: [{c.name: row[c.name] for c in SPECS[name].columns} for row in rows[name]] for name in SPECS}
