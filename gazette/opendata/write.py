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
from gazette.opendata.formats import csv_bytes, ics_bytes, json_bytes, json_schema, sqlite_bytes, xlsx_bytes
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


def write_open_data(site: Path, archive: Archive, unit_names: dict[str, str], as_of: dt.date,
                    outputs: OutputTree | None = None) -> dict[str, int]:
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
    headers, widths = [h for h, _ in LEDGER_COLUMNS], [w for _, w in LEDGER_COLUMNS]
    dates = frozenset({7, 8})
    entries = collect(archive)
    assigned = by_unit(entries)

    def ledger_files(folder: str, title: str, table: list[list[Any]], events: list[dict[str, Any]],
                     with_csv: bool) -> None:
        if with_csv:
            outputs.produce(f"{folder}/ledger.csv", content_key("ledger.csv", headers, table),
                            lambda: csv_bytes(headers, [dict(zip(headers, r, strict=True)) for r in table]))
        outputs.produce(f"{folder}/ledger.xlsx", content_key("ledger.xlsx", title, headers, widths, table, as_of),
                        lambda: xlsx_bytes(title, headers, widths, table, as_of, dates))
        outputs.produce(f"{folder}/ledger.ics", content_key("ledger.ics", title, events),
                        lambda: ics_bytes(title, events))

    for name, unit_rows in assigned.items():
        ordered = by_deadline(list(unit_rows), as_of)  # the order of the unit's page
        table = [_ledger_row(i, role, entry, as_of) for i, (role, entry) in enumerate(ordered, start=1)]
        unique = list({e.id: e for _, e in unit_rows}.values())
        ledger_files(unit_path(name).rstrip("/"), f"{name} 任务台账", table, _events(unique, site_key, as_of), True)
    everything = [_ledger_row(i, None, entry, as_of)
                  for i, (_, entry) in enumerate(by_deadline([(None, e) for e in entries], as_of), start=1)]
    ledger_files(LEDGER_PATH.rstrip("/"), "任务台账", everything, _events(entries, site_key, as_of), False)
    return {"tasks": len(entries), "units": len(assigned),
            "dated": sum(1 for e in entries if due_dates(e.task, as_of))}
