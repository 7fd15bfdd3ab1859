"""Bulletin text in the CSV and XLSX downloads never runs as a spreadsheet formula."""

from __future__ import annotations

import datetime as dt
import io

from gazette.opendata.formats import csv_bytes, xlsx_bytes
from gazette.render.markup import spreadsheet_text

HOSTILE = ['=HYPERLINK("http://example.com","点我")', "+1+1", "-2+3", "@SUM(A1)", "市发改委", "2020年底前"]


def test_csv_cells_that_would_start_a_formula_stay_text():
    text = csv_bytes(["text"], [{"text": value} for value in HOSTILE]).decode("utf-8-sig")
    cells = text.splitlines()[1:]
    assert cells == ['"\'=HYPERLINK(""http://example.com"",""点我"")"', "'+1+1", "'-2+3", "'@SUM(A1)", "市发改委",
                     "2020年底前"]
    assert [spreadsheet_text(v) for v in HOSTILE[4:]] == HOSTILE[4:]  # ordinary text is untouched


def test_xlsx_cells_starting_with_equals_are_strings_not_formulas():
    from openpyxl import load_workbook

    data = xlsx_bytes("台账", ["text"], [12], [[value] for value in HOSTILE], dt.date(2020, 9, 15))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [(c.value, c.data_type) for c in sheet["A"][1:]]
    assert values[0] == (HOSTILE[0], "s")
    assert all(kind == "s" for _, kind in values)
