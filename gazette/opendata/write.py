"""Write the downloads into a built site: site/data/ (open data), each unit's ledger files, and the
archive-wide ledger's XLSX and ICS. Called by the build after mkdocs, before the site is swapped in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from gazette.link.archive import Archive
from gazette.link.ids import slugify
from gazette.opendata.formats import csv_bytes, ics_bytes, json_bytes, json_schema, write_sqlite, xlsx_bytes
from gazette.opendata.tables import SPECS, build_tables
from gazette.render.ledger import (
    LEDGER_PATH,
    ROLE_ZH,
    Entry,
    by_deadline,
    by_unit,
    collect,
    due_dates,
    next_due,
    task_state,
    unit_path,
)

DATA_DIR = "data"
DB_NAME = "gazette.db"
# The unit ledger as a civil servant prints it: Chinese headers, widths in characters.
LEDGER_COLUMNS = [("序号", 6), ("角色", 8), ("任务", 60), ("牵头单位", 18), ("配合单位", 18), ("负责落实单位", 14),
                  ("期限（原文）", 14), ("期限日期", 12), ("状态", 10), ("文件", 28), ("文号", 18), ("编号", 12),
                  ("页面", 24)]


def _ledger_row(number: int, role: str | None, entry: Entry, as_of: dt.date) -> list[Any]:
    text = entry.task.text
    if entry.task.label and not text.startswith(entry.task.label):
        text = f"{entry.task.label} {text}"
    return [number, ROLE_ZH[role] if role else "", text, entry.names("lead"), entry.names("co"),
            entry.names("implementing"), entry.deadline_text, entry.deadline_dates(as_of),
            task_state(entry.task, as_of), entry.page.title, entry.page.document.doc_number or "",
            entry.id, "/" + entry.target]


def _events(entries: list[Entry], site_key: str, as_of: dt.date) -> list[dict[str, Any]]:
    """One event per task and dated deadline; a recurring deadline is one event with its rule."""
    events = []
    for entry in entries:
        document = entry.page.document
        stamp = document.date or entry.page.issue.issue.date or as_of
        units = "；".join(f"{ROLE_ZH[r]}：{'、'.join(entry.names(r))}" for r in ROLE_ZH if entry.names(r))
        for n, deadline in enumerate(entry.task.deadlines, start=1):
            start = next_due(deadline, stamp) if deadline.rule else deadline.due
            if start is None:
                continue
            source = f"《{entry.page.title}》{document.doc_number or ''} {entry.task.label}".strip()
            events.append({
                "uid": f"{entry.id}-{n}@{site_key}", "stamp": stamp, "start": start,
                "rrule": deadline.rule.rrule if deadline.rule else None,
                "summary": f"{deadline.raw}：{entry.summary}",
                "description": f"{entry.task.text}\n{units}\n来源：{source}\n页面：/{entry.target}",
            })
    return events


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_open_data(site: Path, archive: Archive, unit_names: dict[str, str], as_of: dt.date) -> dict[str, int]:
    tables = build_tables(archive, unit_names, as_of)
    data = site / DATA_DIR
    for name, rows in tables.items():
        _write(data / f"{name}.csv", csv_bytes([c.name for c in SPECS[name].columns], rows))
        _write(data / f"{name}.json", json_bytes(rows))
    _write(data / "schema.json", (json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    write_sqlite(data / DB_NAME, tables)

    site_key = slugify(archive.issues[-1].issue.title) if archive.issues else "gazette"
    headers, widths = [h for h, _ in LEDGER_COLUMNS], [w for _, w in LEDGER_COLUMNS]
    dates = frozenset({7, 8})
    entries = collect(archive)
    assigned = by_unit(entries)
    for name, unit_rows in assigned.items():
        folder = site / unit_path(name)
        ordered = by_deadline(list(unit_rows), as_of)  # the order of the unit's page
        table = [_ledger_row(i, role, entry, as_of) for i, (role, entry) in enumerate(ordered, start=1)]
        _write(folder / "ledger.csv", csv_bytes(headers, [dict(zip(headers, r, strict=True)) for r in table]))
        _write(folder / "ledger.xlsx", xlsx_bytes(f"{name} 任务台账", headers, widths, table, as_of, dates))
        unique = list({e.id: e for _, e in unit_rows}.values())
        _write(folder / "ledger.ics", ics_bytes(f"{name} 任务台账", _events(unique, site_key, as_of)))
    everything = [_ledger_row(i, None, entry, as_of)
                  for i, (_, entry) in enumerate(by_deadline([(None, e) for e in entries], as_of), start=1)]
    _write(site / LEDGER_PATH / "ledger.xlsx", xlsx_bytes("任务台账", headers, widths, everything, as_of, dates))
    _write(site / LEDGER_PATH / "ledger.ics", ics_bytes("任务台账", _events(entries, site_key, as_of)))
    return {"tasks": len(entries), "units": len(assigned),
            "dated": sum(1 for e in entries if due_dates(e.task, as_of))}
