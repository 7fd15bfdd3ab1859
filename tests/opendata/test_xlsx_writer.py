"""The ledger's XLSX writer (gazette/opendata/xlsx.py) read back by openpyxl: what the writer promises."""

from __future__ import annotations

import datetime as dt
import io
import warnings

from gazette.opendata.xlsx import Hyperlink, column_letter, workbook_bytes

STAMP = dt.datetime(2020, 9, 15)


def _book(rows, title="台账 A&B <1>", headers=("序号", "任务", "期限", "页面")):
    from openpyxl import load_workbook

    data = workbook_bytes("任务台账", title, list(headers), [6, 40, 12, 30], rows, "第 &P 页", STAMP, frozenset({0}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a part openpyxl does not understand warns
        return data, load_workbook(io.BytesIO(data))


def test_cells_read_back_as_written():
    rows = [[1, "甲 & <乙>\n第二行", dt.date(2021, 3, 1), Hyperlink('../../a/index.html#x?q="1"&b')],
            [2, "=SUM(A1)", None, Hyperlink("https://example.org/")]]
    _, book = _book(rows)
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["序号", "任务", "期限", "页面"] and sheet[1][0].font.b
    first, second = list(sheet.iter_rows(min_row=2))
    assert first[0].value == 1 and first[0].data_type == "n" and first[0].alignment.horizontal == "center"
    assert first[1].value == "甲 & <乙>\n第二行" and first[1].alignment.wrap_text
    assert first[2].is_date and first[2].value.date() == dt.date(2021, 3, 1) and first[2].number_format == "yyyy-mm-dd"
    assert first[3].hyperlink.target == first[3].value == '../../a/index.html#x?q="1"&b'
    assert second[1].value == "=SUM(A1)" and second[1].data_type == "s"  # text, never a formula
    assert second[2].value is None and second[3].hyperlink.target == "https://example.org/"
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1" and sheet.auto_filter.ref == "A1:D3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.oddHeader.center.text == "台账 A&&B <1>"  # & is a header code: doubled to print one
    assert book.properties.title == "台账 A&B <1>" and book.properties.created == STAMP
    assert [sheet.column_dimensions[column_letter(n)].width for n in range(1, 5)] == [6, 40, 12, 30]


def test_same_rows_same_bytes_and_an_empty_ledger_opens():
    rows = [[n, f"任务{n}", None, Hyperlink(f"p/{n}/")] for n in range(1, 30)]
    assert _book(rows)[0] == _book([list(r) for r in rows])[0]
    _, book = _book([])
    assert [c.value for c in book.active[1]] == ["序号", "任务", "期限", "页面"] and book.active.max_row == 1


def test_column_letters():
    assert [column_letter(n) for n in (1, 14, 26, 27, 52, 703)] == ["A", "N", "Z", "AA", "AZ", "AAA"]
