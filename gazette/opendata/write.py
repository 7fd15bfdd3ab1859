"""Write the downloads into a built site: site/data/ (open data), each unit's ledger files, and the
archive-wide ledger's XLSX and ICS. Called by the build after mkdocs, before the site is swapped in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from gazette.build.outputs import OutputTree, content_key
from gazette.link.archive import Archive
from gazette.link.ids import slugify
from gazette.opendata.formats import (
    Hyperlink,
    csv_bytes,
    ics_bytes,
    json_bytes,
    json_schema,
    sqlite_bytes,
    xlsx_bytes,
)
from gazette.opendata.tables import SPECS, build_tables
from gazette.render.ledger import (
    ARCHIVE_STEM,
    LEDGER_PATH,
    ROLE_ZH,
    Entry,
    Row,
    by_deadline,
    by_unit,
    collect,
    distinct_due_dates,
    due_dates,
    next_due,
    one_row_per_task,
    task_state,
    unit_file_stem,
    unit_path,
)
from gazette.render.markup import relative_url

DATA_DIR = "data"
DB_NAME = "gazette.db"
# The ledger as a civil servant prints and filters it: Chinese headers, widths in characters. One row
# per task; 最早期限 is a date cell (Excel sorts and filters it), 全部期限日期 every date once.
LEDGER_COLUMNS = [("序号", 6), ("角色", 8), ("任务", 60), ("牵头单位", 18), ("配合单位", 18), ("负责落实单位", 14),
                  ("期限（原文）", 14), ("最早期限", 12), ("全部期限日期", 12), ("状态", 10), ("文件", 28),
                  ("文号", 18), ("编号", 12), ("页面", 40)]
CENTRED = frozenset({0, 7, 8, 9})


def page_address(target: str, folder: str, site_url: str | None) -> str:
    """Where a download links a clause: absolute with the site's address, else relative to the file's
    folder, to the page's index.html (a folder link opened from disk would list the folder)."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    path, _, anchor = target.partition("#")
    return relative_url(folder, path) + "index.html" + (f"#{anchor}" if anchor else "")


def _ledger_row(number: int, roles: list[str], entry: Entry, as_of: dt.date, folder: str,
                site_url: str | None) -> list[Any]:
    text = entry.task.text
    if entry.task.label and not text.startswith(entry.task.label):
        text = f"{entry.task.label} {text}"
    dates = distinct_due_dates(entry.task, as_of)
    return [number, "、".join(ROLE_ZH[r] for r in roles), text, entry.names("lead"), entry.names("co"),
            entry.names("implementing"), entry.deadline_text, dates[0] if dates else None,
            entry.deadline_dates(as_of), task_state(entry.task, as_of), entry.page.title,
            entry.page.document.doc_number or "", entry.id, Hyperlink(page_address(entry.target, folder, site_url))]


def _events(entries: list[Entry], site_key: str, as_of: dt.date, site_url: str | None) -> list[dict[str, Any]]:
    """One event per task and date; a recurring deadline is one event with its rule. Two deadlines of a
    task on the same day are one event (the first keeps its UID)."""
    events = []
    for entry in entries:
        document = entry.page.document
        stamp = document.date or entry.page.issue.issue.date or as_of
        units = "；".join(f"{ROLE_ZH[r]}：{'、'.join(entry.names(r))}" for r in ROLE_ZH if entry.names(r))
        url = page_address(entry.target, "", site_url) if site_url else None
        seen: set[tuple[dt.date, str | None]] = set()
        for n, deadline in enumerate(entry.task.deadlines, start=1):
            start = next_due(deadline, stamp) if deadline.rule else deadline.due
            rule = deadline.rule.rrule if deadline.rule else None
            if start is None or (start, rule) in seen:
                continue
            seen.add((start, rule))
            source = f"《{entry.page.title}》{document.doc_number or ''} {entry.task.label}".strip()
            events.append({
                "uid": f"{entry.id}-{n}@{site_key}", "stamp": stamp, "start": start, "rrule": rule,
                "summary": f"{deadline.raw}：{entry.summary}", "url": url,
                "description": f"{entry.task.text}\n{units}\n来源：{source}\n页面：{url or '/' + entry.target}",
            })
    return events


def write_open_data(site: Path, archive: Archive, unit_names: dict[str, str], as_of: dt.date,
                    outputs: OutputTree | None = None, site_url: str | None = None) -> dict[str, int]:
    """Every download, each keyed by its rows (and title, as-of date): one whose rows did not change
    is not generated again when `outputs` holds the live site (gazette/build/outputs.py)."""
    outputs = outputs or OutputTree("site", site)
    tables = build_tables(archive, unit_names, as_of)
    for name, rows in tables.items():
        columns = [c.name for c in SPECS[name].columns]
        # CSV and JSON cost what comparing them costs: compared by bytes; the others are keyed by their rows.
        outputs.write(f"{DATA_DIR}/{name}.csv", csv_bytes(columns, rows))
        outputs.write(f"{DATA_DIR}/{name}.json", json_bytes(rows))
    outputs.write(f"{DATA_DIR}/schema.json", (json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    outputs.produce(f"{DATA_DIR}/{DB_NAME}", content_key("sqlite", tables), lambda: sqlite_bytes(tables))

    site_key = slugify(archive.issues[-1].issue.title) if archive.issues else "gazette"
    entries = collect(archive)
    assigned = by_unit(entries)

    headers, widths = [h for h, _ in LEDGER_COLUMNS], [w for _, w in LEDGER_COLUMNS]

    def ledger_files(folder: str, stem: str, title: str, rows: list[Row], events: list[dict[str, Any]]) -> None:
        """A ledger's CSV, XLSX and ICS, rows numbered in the page's order."""
        table = [_ledger_row(i, roles, entry, as_of, folder, site_url) for i, (roles, entry) in enumerate(rows, start=1)]
        outputs.produce(f"{folder}{stem}.csv", content_key("ledger.csv", headers, table),
                        lambda: csv_bytes(headers, [dict(zip(headers, r, strict=True)) for r in table]))
        outputs.produce(f"{folder}{stem}.xlsx", content_key("ledger.xlsx", title, headers, widths, table, as_of),
                        lambda: xlsx_bytes(title, headers, widths, table, as_of, CENTRED))
        outputs.produce(f"{folder}{stem}.ics", content_key("ledger.ics", title, events),
                        lambda: ics_bytes(title, events))

    for name, unit_rows in assigned.items():
        folder = unit_path(name)
        tasks = by_deadline(one_row_per_task(unit_rows), as_of)  # the order of the unit's page
        ledger_files(folder, unit_file_stem(name), f"{name} 任务台账", tasks,
                     _events([e for _, e in tasks], site_key, as_of, site_url))
    everything = by_deadline([([], e) for e in entries], as_of)
    ledger_files(LEDGER_PATH, ARCHIVE_STEM, "任务台账", everything, _events(entries, site_key, as_of, site_url))
    return {"tasks": len(entries), "units": len(assigned),
            "dated": sum(1 for e in entries if due_dates(e.task, as_of))}
