"""The ledger's XLSX written directly as SpreadsheetML: one sheet, fixed styles, shared strings.

openpyxl builds a cell object per cell and styles each one: at 60 issues the ledgers of the units a new
issue touches took seconds to save. The workbook here holds only what the ledger uses (six cell styles,
a frozen header repeated on printed pages, an autofilter, hyperlinks, A4 landscape fit to width), so it
is written as text, row by row. Every part is made from the arguments alone and stored with a fixed
time: the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 0 of the 1900 date system (day 60, 1900-02-29, lies before any bulletin)


class Style:
    """Indexes into styles.xml's cellXfs (the order of _CELL_XFS)."""

    HEAD, TEXT, CENTRED, DATE, LINK = 1, 2, 3, 4, 5


_CELL_XFS = (
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"'
    ' applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>',
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="top" wrapText="1"/></xf>',
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"'
    ' applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf>',
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>',
)
_SIDE = '<{0} style="thin"><color rgb="FF999999"/></{0}>'
_STYLES = (
    f'{_DECLARATION}<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    f'<border>{"".join(_SIDE.format(s) for s in ("left", "right", "top", "bottom"))}<diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{len(_CELL_XFS)}">{"".join(_CELL_XFS)}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)
_CONTENT_TYPES = (
    f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)
_WORKBOOK_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>'
)
_APP = (f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>gazette</Application></Properties>')


@dataclass(frozen=True)
class Hyperlink:
    """A spreadsheet cell that links: the address shown and followed (absolute, or relative to the file)."""

    url: str


def text(value: str) -> str:
    """Text as XML character data (a lone CR would be read back as LF)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attribute(value: str) -> str:
    return text(value).replace('"', "&quot;")


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_footer_text(value: str) -> str:
    """Text in a printed header or footer, where & starts a code (&P page, &N pages): && is a literal &."""
    return value.replace("&", "&&")


class _Strings:
    """The shared-string table: each distinct text once, numbered in order of first use."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.uses = 0

    def __call__(self, value: str) -> int:
        self.uses += 1
        return self.index.setdefault(value, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{text(s)}</t></si>' for s in self.index)
        return f'{_DECLARATION}<sst xmlns="{MAIN}" count="{self.uses}" uniqueCount="{len(self.index)}">{items}</sst>'


def workbook_bytes(sheet_name: str, title: str, headers: Sequence[str], widths: Sequence[int],
                   rows: Sequence[Sequence[Any]], footer: str, stamp: dt.datetime,
                   centred: frozenset[int] = frozenset()) -> bytes:
    """One sheet: `headers` (bold, shaded, frozen, repeated on every printed page), then `rows` of str, int,
    dt.date, Hyperlink or None (anything else as its text); `centred` columns (0-based) centred. Text never becomes a formula: every
    string is a shared string. `title` names the workbook and heads each printed page; `footer` ends it."""
    strings = _Strings()
    last_column = column_letter(max(len(headers), 1))
    letters = [column_letter(n) for n in range(1, len(headers) + 1)]
    links: list[tuple[str, str]] = []
    out = ['<row r="1">']
    out += [f'<c r="{letter}1" s="{Style.HEAD}" t="s"><v>{strings(h)}</v></c>' for letter, h in zip(letters, headers, strict=True)]
    out.append("</row>")
    for number, row in enumerate(rows, start=2):
        out.append(f'<row r="{number}">')
        for column, (letter, value) in enumerate(zip(letters, row, strict=True)):
            ref = f"{letter}{number}"
            plain = Style.CENTRED if column in centred else Style.TEXT
            if isinstance(value, Hyperlink):
                links.append((ref, value.url))
                out.append(f'<c r="{ref}" s="{Style.LINK}" t="s"><v>{strings(value.url)}</v></c>')
            elif value is None or value == "":
                out.append(f'<c r="{ref}" s="{plain}"/>')
            elif isinstance(value, int) and not isinstance(value, bool):
                out.append(f'<c r="{ref}" s="{plain}"><v>{value}</v></c>')
            elif isinstance(value, dt.date):
                day = value.date() if isinstance(value, dt.datetime) else value
                out.append(f'<c r="{ref}" s="{Style.DATE}"><v>{(day - _EXCEL_EPOCH).days}</v></c>')
            else:
                out.append(f'<c r="{ref}" s="{plain}" t="s"><v>{strings(str(value))}</v></c>')
        out.append("</row>")
    dimension = f"A1:{last_column}{len(rows) + 1}"
    cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(widths, start=1))
    sheet = [
        f'{_DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">',
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="{dimension}"/>',
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
        ' state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
        '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>", *out, "</sheetData>",
        f'<autoFilter ref="{dimension}"/>' if rows else "",
        ("<hyperlinks>" + "".join(f'<hyperlink ref="{ref}" r:id="rId{n}"/>' for n, (ref, _) in enumerate(links, start=1))
         + "</hyperlinks>") if links else "",
        '<printOptions gridLines="0"/>',
        '<pageMargins left="0.4" right="0.4" top="1" bottom="1" header="0.5" footer="0.5"/>',
        '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"/>',
        f"<headerFooter><oddHeader>{text('&C' + header_footer_text(title))}</oddHeader>"
        f"<oddFooter>{text('&C' + footer)}</oddFooter></headerFooter>",
        "</worksheet>",
    ]
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    names = [f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{text(quoted)}!$1:$1</definedName>']
    if rows:
        absolute = "$A$1:$" + last_column + "$" + str(len(rows) + 1)
        names.insert(0, f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">{text(quoted)}!{absolute}</definedName>')
    workbook = (f'{_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView activeTab="0"/>'
                f'</bookViews><sheets><sheet name="{attribute(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
                f'<definedNames>{"".join(names)}</definedNames></workbook>')
    sheet_rels = (f'{_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
                  + "".join(f'<Relationship Id="rId{n}" Type="{RELS}/hyperlink" Target="{attribute(url)}" TargetMode="External"/>'
                            for n, (_, url) in enumerate(links, start=1)) + "</Relationships>")
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (f'{_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{text(title)}</dc:title><dc:creator>gazette</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>')
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS), ("docProps/app.xml", _APP),
             ("docProps/core.xml", core), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
             ("xl/styles.xml", _STYLES), ("xl/worksheets/sheet1.xml", "".join(sheet))]
    if links:
        parts.append(("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels))
    parts.append(("xl/sharedStrings.xml", strings.xml()))  # last: every string is known once the sheet is written
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, part in parts:
            info = zipfile.ZipInfo(name, date_time=max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            package.writestr(info, part.encode("utf-8"))
    return buffer.getvalue()
