"""File formats of the downloads, each byte-for-byte reproducible from the same data and as-of date.

CSV: UTF-8 with BOM (Excel opens it as UTF-8), lists joined with 、. XLSX: written directly (xlsx.py),
formatted for printing, workbook timestamps and zip entry times fixed. ICS: written directly in icalendar's
form, UIDs from the task's place in the archive, DTSTAMP from the document's date. SQLite: sqlite-utils, one table per file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from gazette.opendata.tables import SPECS, Column, TableSpec
from gazette.opendata.xlsx import Hyperlink, workbook_bytes
from gazette.render.markup import spreadsheet_text

LIST_SEPARATOR = "、"


def cell(value: Any) -> str:
    """A value as CSV text: lists joined with 、, booleans true/false, dates YYYY-MM-DD, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Hyperlink):
        return value.url
    return str(value)


def _xlsx_value(value: Any) -> Any:
    """Numbers and dates stay numbers and dates (Excel sorts and filters them); the rest is text."""
    if isinstance(value, (int, dt.date)) and not isinstance(value, bool):
        return value
    return cell(value)


def csv_bytes(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_text(cell(row.get(c))) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_bytes(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# -- XLSX -------------------------------------------------------------------------------------

def xlsx_bytes(title: str, headers: list[str], widths: list[int], rows: list[list[Any]], as_of: dt.date,
               date_columns: frozenset[int] = frozenset()) -> bytes:
    """One sheet, header row frozen and repeated on every printed page, landscape A4, fit to width;
    the as-of date is the workbook's time and named in the footer (gazette/opendata/xlsx.py)."""
    stamp = dt.datetime.combine(max(as_of, dt.date(1980, 1, 1)), dt.time())
    table = [[v if isinstance(v, Hyperlink) else _xlsx_value(v) for v in row] for row in rows]
    return workbook_bytes("任务台账", title, headers, widths, table,
                          f"第 &P 页，共 &N 页　状态按 {as_of.isoformat()} 计算", stamp, date_columns)


# -- iCalendar ---------------------------------------------------------------------------------
# Written as text (the icalendar library builds an object per property: seconds for the ledgers a new
# issue touches), in the form that library gives: its property order, TEXT escapes and folding.

_RRULE_ORDER = ("FREQ", "BYMONTHDAY", "BYMONTH")  # RFC 5545 parts, in the order calendars print them


def ics_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ; and , escaped, every line break as \\n."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """A content line folded before it reaches `limit` octets (CRLF and a space), never inside a
    character nor right after the backslash of an escape."""
    if len(line) * 4 < limit or len(line.encode("utf-8")) < limit:
        return line
    parts: list[str] = []
    start = count = 0
    for index, char in enumerate(line):
        code = ord(char)
        size = 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        if index > start and count + size >= limit:
            cut = index - 1 if index - start > 1 and line[index - 1] in "\\^" else index  # keep an escape whole
            parts.append(line[start:cut])
            start, count = cut, len(line[cut:index].encode("utf-8"))
        count += size
    parts.append(line[start:])
    return "\r\n ".join(parts)


def _rrule(rule: str) -> str:
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    order = [*(k for k in _RRULE_ORDER if k in parts), *sorted(k for k in parts if k not in _RRULE_ORDER)]
    return ";".join(f"{k}={parts[k]}" for k in order)


def ics_bytes(name: str, events: list[dict[str, Any]]) -> bytes:
    """events: {uid, summary, description, start (date), rrule (str|None), stamp (date), url (str|None)}."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ics_text('-//gazette//任务台账//ZH')}",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{ics_text(name)}"]
    for item in events:
        end = item["start"] + dt.timedelta(days=1)
        lines += ["BEGIN:VEVENT", f"SUMMARY:{ics_text(item['summary'])}",
                  f"DTSTART;VALUE=DATE:{item['start']:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"DTSTAMP:{item['stamp']:%Y%m%d}T000000Z", f"UID:{ics_text(item['uid'])}"]
        if item.get("rrule"):
            lines.append(f"RRULE:{_rrule(item['rrule'])}")
        lines += [f"DESCRIPTION:{ics_text(item['description'])}", "TRANSP:TRANSPARENT"]
        if item.get("url"):
            lines.append(f"URL:{item['url']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


# -- SQLite and JSON Schema --------------------------------------------------------------------

_SQL_TYPES = {"string": str, "date": str, "integer": int, "boolean": int, "strings": str, "dates": str}


def write_sqlite(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """gazette.db: one table per file, primary and foreign keys declared (ready for Datasette).

    Lists are stored as JSON arrays (sqlite-utils' convention, json_each() reads them)."""
    import sqlite_utils

    if path.exists():
        path.unlink()
    connection = sqlite3.connect(str(path))
    db = sqlite_utils.Database(connection)
    for name, rows in tables.items():
        spec = SPECS[name]
        table = db.table(name)
        table.create({c.name: _SQL_TYPES[c.type] for c in spec.columns}, pk=spec.key,
                     not_null={c.name for c in spec.columns if not c.nullable and c.name != spec.key},
                     foreign_keys=list(spec.references) or None)
        table.insert_all(rows, batch_size=500)
    connection.execute("VACUUM")
    connection.close()


def sqlite_bytes(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    """gazette.db as bytes (write_sqlite into a temporary folder): the same tables give the same bytes."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gazette-db-") as folder:
        path = Path(folder) / "gazette.db"
        write_sqlite(path, tables)
        return path.read_bytes()


def _column_schema(column: Column) -> dict[str, Any]:
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    kinds: dict[str, dict[str, Any]] = {
        "string": {"type": "string"}, "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
        "date": date, "strings": {"type": "array", "items": {"type": "string"}},
        "dates": {"type": "array", "items": date},
    }
    schema = kinds[column.type]
    return {**({"anyOf": [schema, {"type": "null"}]} if column.nullable else schema), "description": column.zh}


def table_schema(spec: TableSpec) -> dict[str, Any]:
    return {
        "title": f"{spec.name}.json：{spec.title}", "description": spec.description, "type": "array",
        "items": {"type": "object", "properties": {c.name: _column_schema(c) for c in spec.columns},
                  "required": [c.name for c in spec.columns], "additionalProperties": False},
    }


def json_schema() -> dict[str, Any]:
    """schema.json: the JSON Schema (2020-12) of every JSON file, one definition per file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema.json",
        "title": "政府公报开放数据",
        "description": "data/ 下每个 JSON 文件的结构：$defs 中以文件名为键（documents、articles、tasks、units、citations）。",
        "$defs": {name: table_schema(spec) for name, spec in SPECS.items()},
    }
