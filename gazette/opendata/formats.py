"""File formats of the downloads, each byte-for-byte reproducible from the same data and as-of date.

CSV: UTF-8 with BOM (Excel opens it as UTF-8), lists joined with 、. XLSX: openpyxl, formatted for
printing, workbook timestamps and zip entry times fixed. ICS: icalendar, UIDs from the task's
place in the archive, DTSTAMP from the document's date. SQLite: sqlite-utils, one table per file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import zipfile
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazette.opendata.tables import SPECS, Column, TableSpec
from gazette.render.markup import spreadsheet_text

LIST_SEPARATOR = "、"


@dataclass(frozen=True)
class Hyperlink:
    """A spreadsheet cell that links: the address shown and followed (absolute, or relative to the file)."""

    url: str


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

class _FixedTimeZip(zipfile.ZipFile):
    """openpyxl writes entries by name, which stamps them with the clock: stamp them with a fixed time."""

    stamp: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as handle:  # worksheets come from temporary files: their mtime is the clock
            self.writestr(arcname or Path(filename).name, handle.read(), compress_type, compresslevel)


def xlsx_bytes(title: str, headers: list[str], widths: list[int], rows: list[list[Any]], as_of: dt.date,
               date_columns: frozenset[int] = frozenset()) -> bytes:
    """One sheet, header row frozen and repeated on every printed page, landscape A4, fit to width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = "任务台账"
    sheet.append(headers)
    links: list[tuple[int, int, str]] = []
    for number, row in enumerate(rows, start=2):
        sheet.append([_xlsx_value(v) for v in row])
        # cell() by row number: sheet[sheet.max_row] scans every cell written so far (quadratic)
        for column, value in enumerate(row, start=1):
            item = sheet.cell(number, column)
            if isinstance(item.value, str) and item.value.startswith("="):
                item.data_type = "s"  # openpyxl would write text starting with = as a formula
            if isinstance(value, Hyperlink):
                links.append((number, column, value.url))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Style one cell of each kind and copy its style record: setting styles cell by cell is slow.
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    proto = sheet.cell(1, 1)
    proto.font, proto.border = Font(bold=True), border
    proto.fill = PatternFill("solid", fgColor="DDDDDD")
    proto.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    head = copy(proto._style)
    proto.font, proto.fill = Font(), PatternFill()
    proto.alignment = Alignment(wrap_text=True, vertical="top")
    text = copy(proto._style)
    proto.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    centred = copy(proto._style)
    proto.number_format = "yyyy-mm-dd"
    dated = copy(proto._style)
    proto.number_format = "General"
    proto.alignment = Alignment(wrap_text=True, vertical="top")
    proto.font = Font(color="0563C1", underline="single")
    linked = copy(proto._style)
    for row in sheet.iter_rows():
        for item in row:
            if item.row == 1:
                style = head
            elif isinstance(item.value, dt.date):
                style = dated
            else:
                style = centred if item.column - 1 in date_columns else text
            item._style = copy(style)
    for row_number, column_number, url in links:
        target = sheet.cell(row_number, column_number)
        target.hyperlink = url
        target._style = copy(linked)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = f"第 &P 页，共 &N 页　状态按 {as_of.isoformat()} 计算"
    stamp = dt.datetime.combine(max(as_of, dt.date(1980, 1, 1)), dt.time())
    book.properties.creator = "gazette"
    book.properties.title = title
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED)
    archive.stamp = stamp.timetuple()[:6]
    ExcelWriter(book, archive).save()
    return buffer.getvalue()


# -- iCalendar ---------------------------------------------------------------------------------

def ics_bytes(name: str, events: list[dict[str, Any]]) -> bytes:
    """events: {uid, summary, description, start (date), rrule (str|None), stamp (date), url (str|None)}."""
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//gazette//任务台账//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", dt.datetime.combine(item["stamp"], dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", item["start"])
        event.add("dtend", item["start"] + dt.timedelta(days=1))
        event.add("summary", item["summary"])
        event.add("description", item["description"])
        event.add("transp", "TRANSPARENT")
        if item.get("rrule"):
            event.add("rrule", vRecur.from_ical(item["rrule"]))
        if item.get("url"):
            event.add("url", item["url"])
        calendar.add_component(event)
    return calendar.to_ical()


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
