"""Task ledgers (任务台账): each unit's page, and one page of every task in the archive.

A row is a task with its units, its deadlines (dated by gazette.parse.deadlines) and a state
relative to the build's as-of date: 期限已过 / 30天内到期 / 未到期 / 无明确期限. Tables carry
their sort keys and filter values as data attributes; assets/ledger.js sorts and filters them.
The same rows feed the downloads (gazette.opendata).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from dateutil.rrule import MONTHLY, YEARLY, rrule

from gazette.link.archive import Archive, PageRef
from gazette.link.ids import slugify
from gazette.model import Deadline, Task
from gazette.render.calendar import Due, month_views
from gazette.render.markup import esc, esc_md, front_matter_block, link, list_table, table_row

Pages = dict[str, str]

ROLES = ("lead", "co", "implementing")
ROLE_ZH = {"lead": "牵头", "co": "配合", "implementing": "负责落实"}
STATE_PAST, STATE_SOON, STATE_LATER, STATE_NONE = "期限已过", "30天内到期", "未到期", "无明确期限"
STATES = (STATE_PAST, STATE_SOON, STATE_LATER, STATE_NONE)
SOON = dt.timedelta(days=30)
LEDGER_PATH = "ledger/"
CALENDAR_PATH = "ledger/calendar/"
DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel（XLSX）"), ("ics", "日历（ICS）"))  # (extension, label)
ARCHIVE_STEM = "全部任务台账"  # ledger/全部任务台账.xlsx


def next_due(deadline: Deadline, as_of: dt.date) -> dt.date | None:
    """The deadline's date; for a recurring one the next occurrence on or after `as_of`."""
    if deadline.rule is None:
        return deadline.due
    rule = deadline.rule
    start = dt.datetime.combine(as_of, dt.time())
    occurrences = rrule(YEARLY if rule.freq == "YEARLY" else MONTHLY, dtstart=start,
                        bymonth=rule.months or None, bymonthday=rule.day)
    following = occurrences.after(start, inc=True)
    return following.date() if following else None


def due_dates(task: Task, as_of: dt.date) -> list[dt.date]:
    return sorted(d for d in (next_due(x, as_of) for x in task.deadlines) if d is not None)


def distinct_due_dates(task: Task, as_of: dt.date) -> list[dt.date]:
    """The task's dates, each once (two deadlines of the same day are one date to keep)."""
    return sorted(set(due_dates(task, as_of)))


def task_state(task: Task, as_of: dt.date) -> str:
    """期限已过 when every date is before the as-of date; else by the next date to come."""
    dates = due_dates(task, as_of)
    if not dates:
        return STATE_NONE
    coming = [d for d in dates if d >= as_of]
    if not coming:
        return STATE_PAST
    return STATE_SOON if coming[0] - as_of <= SOON else STATE_LATER


def sort_date(task: Task, as_of: dt.date) -> dt.date | None:
    """The date a ledger sorts by: the next date to come, else the last one passed."""
    dates = due_dates(task, as_of)
    coming = [d for d in dates if d >= as_of]
    return coming[0] if coming else (dates[-1] if dates else None)


@dataclass
class Entry:
    """One task of the archive, where it lives and who must do it."""

    page: PageRef
    task: Task
    id: str = ""  # stable across builds and archive growth: issue and first source line (set by collect)

    @property
    def target(self) -> str:
        return f"{self.page.path}#{self.task.anchor}" if self.task.anchor else self.page.path

    def names(self, role: str) -> list[str]:
        seen: list[str] = []
        for ref in getattr(self.task, role):
            name = ref.canonical or ref.raw
            if name not in seen:
                seen.append(name)
        return seen

    @property
    def units(self) -> list[str]:
        return [n for role in ROLES for n in self.names(role)]

    @property
    def summary(self) -> str:
        """The task's first sentence, cut at 60 characters."""
        first = re.split(r"(?<=[。；])", self.task.text, maxsplit=1)[0]
        return first if len(first) <= 60 else first[:60] + "…"

    @property
    def deadline_text(self) -> str:
        return "、".join(d.raw for d in self.task.deadlines)

    def deadline_dates(self, as_of: dt.date) -> str:
        return "、".join(d.isoformat() for d in distinct_due_dates(self.task, as_of))


def collect(archive: Archive) -> list[Entry]:
    """Every task of every page, in archive order (issue, page, source line)."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for page in archive.pages.values():
        tasks = page.own.tasks
        for task in tasks:
            base = f"{page.issue.issue.key}-L{task.lines[0] if task.lines else 0}"
            key, n = base, 1
            while key in seen:  # two tasks read from the same first line: number the later ones
                n += 1
                key = f"{base}-{n}"
            seen.add(key)
            entries.append(Entry(page, task, key))
    return entries


def by_unit(entries: list[Entry]) -> dict[str, list[tuple[str, Entry]]]:
    """unit name -> [(role, entry)], one row per task and role."""
    assigned: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for entry in entries:
        for role in ROLES:
            for name in entry.names(role):
                assigned[name].append((role, entry))
    return assigned


Row = tuple[list[str], Entry]  # (the unit's roles in the task, none on the archive ledger; the task)


def one_row_per_task(rows: Sequence[tuple[str, Entry]]) -> list[Row]:
    """A unit's ledger: each task once, with every role the unit has in it (牵头、配合)."""
    merged: dict[str, Row] = {}
    for role, entry in rows:
        roles = merged.setdefault(entry.id, ([], entry))[0]
        if role not in roles:
            roles.append(role)
    return list(merged.values())


def by_deadline(rows: Sequence[Row], as_of: dt.date) -> list[Row]:
    """Ledger order: by the date each task sorts by, undated last; otherwise in source order."""
    def key(row: Row) -> tuple[bool, dt.date]:
        date = sort_date(row[1].task, as_of)
        return date is None, date or dt.date.max

    return sorted(rows, key=key)


def unit_path(name: str) -> str:
    return f"units/{slugify(name)}/"


_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w（）()·-]+")


def unit_file_stem(name: str) -> str:
    """The stem of a unit's downloads, on disk and when saved: 市发展和改革委员会-任务台账. The name is
    bulletin text: only letters, digits and a few marks survive, never a path separator or a dot."""
    safe = _UNSAFE_IN_FILE_NAME.sub("_", name).strip("_")[:60] or "单位"
    return f"{safe}-任务台账"


def download_links(stem: str, extra: str = "") -> str:
    """The download buttons of a ledger: href and download attribute name the same file."""
    return '<p class="gz-downloads">下载：' + "".join(
        f'<a href="{esc(quote(f"{stem}.{ext}"))}" download="{esc(f"{stem}.{ext}")}">{label}</a>'
        for ext, label in DOWNLOADS) + extra + "</p>"


def _state_css(state: str) -> str:
    return {STATE_PAST: "past", STATE_SOON: "soon", STATE_LATER: "later", STATE_NONE: "none"}[state]


def _row(here: str, entry: Entry, as_of: dt.date, roles: list[str], unit: bool) -> str:
    task, page = entry.task, entry.page
    state = task_state(task, as_of)
    key = sort_date(task, as_of)
    attrs = (f' data-state="{esc(state)}" data-date="{key.isoformat() if key else ""}"'
             f' data-units="{esc("|".join(entry.units))}" data-doc="{esc(page.path)}"'
             + (f' data-role="{esc("|".join(ROLE_ZH[r] for r in roles))}"' if unit else ""))
    # The task's number goes before its summary, on the same line: never left alone below it.
    shown_label = task.label and not entry.summary.startswith(task.label)
    label = f'<span class="gz-task-label">{esc(task.label)}</span> ' if shown_label else ""
    cells = [f'<td data-v="{esc(entry.id)}">{label}{link(here, entry.target, entry.summary)}</td>']
    if unit:
        cells.append(f'<td class="gz-nowrap">{"<br>".join(esc(ROLE_ZH[r]) for r in roles)}</td>')
    else:
        cells.append(f"<td>{esc('、'.join(entry.names('lead')))}</td>")
        cells.append(f"<td>{esc('、'.join(entry.names('co') + entry.names('implementing')))}</td>")
    cells += [
        f"<td>{esc(entry.deadline_text)}</td>",
        f'<td class="gz-nowrap" data-v="{key.isoformat() if key else "9999"}">'
        f'{"<br>".join(d.isoformat() for d in distinct_due_dates(task, as_of))}</td>',
        f'<td data-v="{STATES.index(state)}"><span class="gz-state gz-state-{_state_css(state)}">{esc(state)}</span></td>',
        f'<td class="gz-ledger-doc">{link(here, page.path, page.title)}</td>',
        f'<td class="gz-nowrap">{esc(page.document.doc_number or "")}</td>',
    ]
    return f"<tr{attrs}>{''.join(cells)}</tr>"


def _table(here: str, rows: Sequence[Row], as_of: dt.date, unit: bool) -> list[str]:
    heads = ["任务", *(["角色"] if unit else ["牵头单位", "配合、落实单位"]), "期限（原文）",
             "期限日期", "状态", "文件", "文号"]
    sort = {"期限日期": "date", "状态": "num"}
    head = "".join(f'<th data-sort="{sort.get(h, "text")}">{esc(h)}</th>' for h in heads)

    body = "".join(_row(here, entry, as_of, roles, unit) for roles, entry in by_deadline(rows, as_of))
    variant = "gz-ledger-unit" if unit else "gz-ledger-all"
    return [list_table(head, [body], css=f"gz-list gz-ledger {variant}"), ""]


def _filters(entries: list[Entry], units: bool, roles: bool) -> list[str]:
    """Filter controls; hidden until assets/ledger.js wires them (they do nothing without it)."""
    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = '<option value="">全部</option>' + "".join(
            f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options)
        return f'<label>{esc(label)} <select data-filter="{name}">{opts}</select></label>'

    controls = [select("state", "状态", [(s, s) for s in STATES])]
    if roles:
        controls.append(select("role", "角色", [(r, r) for r in ROLE_ZH.values()]))
    if units:
        names = sorted({n for e in entries for n in e.units}, key=slugify)
        controls.append(select("unit", "单位", [(n, n) for n in names]))
        docs: dict[str, str] = {}
        for entry in entries:
            number = entry.page.document.doc_number
            docs.setdefault(entry.page.path, f"{entry.page.title}（{number}）" if number else entry.page.title)
        controls.append(select("doc", "文件", sorted(((p, t) for p, t in docs.items()), key=lambda x: x[0])))
    controls += ['<label>期限自 <input type="date" data-filter="from"></label>',
                 '<label>至 <input type="date" data-filter="to"></label>',
                 '<label>含文字 <input type="search" data-filter="q" placeholder="任务、单位或文号"></label>',
                 '<span class="gz-ledger-count" aria-live="polite"></span>']
    return [f'<div class="gz-ledger-tools" hidden>{"".join(controls)}</div>', ""]


def _state_note(as_of: dt.date) -> str:
    return (f'<p class="gz-meta">状态按 {as_of.isoformat()} 计算：期限日期已过为“期限已过”，30 天内到期为“30天内到期”，'
            "原文未写明期限（或仅写“持续推进”“长期坚持”等）为“无明确期限”。“每年…前”按此日期之后的下一次计。"
            "期限日期由原文推算：未写年份的按文件成文年份，“…前”含当日（当月、当年）。点击表头排序。</p>")


def units(archive: Archive, unit_names: dict[str, str], as_of: dt.date) -> Pages:
    """One ledger page per responsible unit, and the index of units."""
    assigned = by_unit(collect(archive))
    pages: Pages = {}
    here = "units/"
    index = front_matter_block({"title": "按责任单位浏览", "kind": "index"}) + ["# 按责任单位浏览", "",
             '<p class="gz-meta">各单位牵头、配合或负责落实的任务，每个单位一页任务台账（可下载 CSV、Excel 和日历文件）。'
             "单位名称按单位名录统一（如 市发改委 / 市发展改革委 / 市发展和改革委员会 同为一家）。"
             f'全部任务见{link(here, LEDGER_PATH, "任务台账")}。</p>', "",
             '<div class="gz-table-wrap"><table class="gz-list"><thead><tr><th>单位</th><th>牵头</th><th>配合</th>'
             "<th>负责落实</th></tr></thead><tbody>"]

    def count(name: str, role: str) -> int:
        return sum(1 for r, _ in assigned[name] if r == role)

    for name in sorted(assigned, key=lambda n: (-count(n, "lead"), slugify(n))):
        path = unit_path(name)
        short = unit_names.get(name)
        shown = f"{name}（{short}）" if short and short != name else name
        known = "" if name in unit_names else "（未列入单位名录）"
        index.append(table_row(link(here, path, shown) + esc(known), str(count(name, "lead")), str(count(name, "co")),
                               str(count(name, "implementing"))))
        pages[path] = unit_page(path, name, shown, bool(known), assigned[name], as_of)
    index += ["</tbody></table></div>", ""]
    pages[here] = "\n".join(index) + "\n"
    return pages


def unit_page(path: str, name: str, shown: str, unknown: bool, rows: list[tuple[str, Entry]],
              as_of: dt.date) -> str:
    body = front_matter_block({"title": f"{shown} 任务台账", "kind": "unit", "unit": name,
                               "hide": ["navigation", "toc"]}) + [
        f"# {esc_md(shown)} {{#ledger}}", ""]
    if unknown:
        body += ['<p class="gz-note">此名称未列入单位名录（bulletins/units.yaml），按原文名称列出。</p>', ""]
    counts = "，".join(f"{ROLE_ZH[r]}的任务 {sum(1 for x, _ in rows if x == r)} 项" for r in ROLES
                      if any(x == r for x, _ in rows))
    tasks = one_row_per_task(rows)
    states = "，".join(f"{s} {n} 项" for s in STATES if (n := sum(1 for _, e in tasks if task_state(e.task, as_of) == s)))
    body += [f'<p class="gz-ledger-summary">{esc(counts)}。{esc(states)}。</p>', ""]
    dated = any(distinct_due_dates(e.task, as_of) for _, e in tasks)
    body += [download_links(unit_file_stem(name), '<a href="#calendar">期限日历</a>' if dated else ""), "",
             _state_note(as_of), ""]
    body += _filters([e for _, e in rows], units=False, roles=True)
    body += _table(path, tasks, as_of, unit=True)
    body += calendar_section(path, [e for _, e in by_deadline(tasks, as_of)], as_of)
    return "\n".join(body) + "\n"


def archive_ledger(archive: Archive, as_of: dt.date) -> str:
    """Every task of the archive on one page, filterable by unit, document, window and state."""
    entries = collect(archive)
    here = LEDGER_PATH
    out = front_matter_block({"title": "任务台账", "kind": "ledger", "hide": ["navigation", "toc"]}) + [
        "# 任务台账 {#ledger}", ""]
    out += [f'<p class="gz-ledger-summary">全部 {len(entries)} 项任务，'
            + "，".join(f"{s} {n} 项" for s in STATES if (n := sum(1 for e in entries if task_state(e.task, as_of) == s)))
            + "。各单位的台账见" + link(here, "units/", "按责任单位浏览") + "。</p>", ""]
    out += [download_links(ARCHIVE_STEM, link(here, "data/", "全部数据") + link(here, CALENDAR_PATH, "期限日历")), "",
            _state_note(as_of), ""]
    out += _filters(entries, units=True, roles=False)
    out += _table(here, [([], e) for e in entries], as_of, unit=False)
    return "\n".join(out) + "\n"


# -- 期限日历: the same dated tasks on month views (gazette.render.calendar) --------------------------

def due_days(entries: Sequence[Entry], as_of: dt.date) -> dict[dt.date, list[Due]]:
    """date -> the tasks due that day (each task once a day), in the order given."""
    days: dict[dt.date, list[Due]] = defaultdict(list)
    for entry in entries:
        for date in distinct_due_dates(entry.task, as_of):
            days[date].append(Due(entry.target, entry.summary, entry.page.title))
    return dict(sorted(days.items()))


def _calendar_note(as_of: dt.date) -> str:
    return (f'<p class="gz-meta">有期限日期的任务按日期排在月历上（按 {as_of.isoformat()} 计，“每年…前”为下一次），'
            "点击任务打开条款；日历（ICS）文件可导入手机或办公日历。</p>")


def calendar_section(here: str, entries: Sequence[Entry], as_of: dt.date) -> list[str]:
    """A unit page's 期限日历, under its ledger (not printed with it)."""
    months = month_views(here, due_days(entries, as_of), as_of)
    return ["## 期限日历 {#calendar}", "", _calendar_note(as_of), "", *months, ""] if months else []


def archive_calendar(archive: Archive, as_of: dt.date) -> str:
    """ledger/calendar/: every dated task of the archive on its months."""
    here = CALENDAR_PATH
    entries = [e for _, e in by_deadline([([], e) for e in collect(archive)], as_of)]
    months = month_views(here, due_days(entries, as_of), as_of, heading="h2")
    dated = sum(1 for e in entries if distinct_due_dates(e.task, as_of))
    out = front_matter_block({"title": "期限日历", "kind": "calendar", "hide": ["navigation", "toc"]}) + [
        "# 期限日历 {#calendar}", "",
        f'<p class="gz-ledger-summary">全部 {len(entries)} 项任务中 {dated} 项写明了期限日期。表格见'
        + link(here, LEDGER_PATH, "任务台账") + "，各单位的月历在其台账页下方。</p>", "", _calendar_note(as_of), "",
        *(months or ['<p class="gz-meta">没有写明期限日期的任务。</p>']), ""]
    return "\n".join(out) + "\n"
