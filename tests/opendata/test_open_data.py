"""The downloads of a built site: open data in site/data/, each unit's CSV/XLSX/ICS, across issues."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from urllib.parse import quote

import pytest

from gazette.opendata.tables import SPECS
from tests.support import AS_OF, DEADLINES_AS_OF

REQUIRED = ["doc_number", "document", "url", "label", "text", "lead", "co", "deadline_text", "deadline"]
NDRC = "units/shi-fa-zhan-he-gai-ge-wei-yuan-hui"
STEM = "市发展和改革委员会-任务台账"  # every download is stored and saved under its unit's name


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # UTF-8 BOM: Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


@pytest.fixture(scope="module")
def seed_tasks(seed_archive, registry, tmp_path_factory):
    """tasks.csv as of a date when the seed's deadlines are past, near and ahead."""
    from gazette.opendata.write import write_open_data

    site = tmp_path_factory.mktemp("open-data")
    write_open_data(site, seed_archive, {u.name: u.short for u in registry.units.values()}, DEADLINES_AS_OF)
    return read_csv(site / "data" / "tasks.csv")


def test_tasks_csv_holds_every_task_with_units_and_dates(seed, seed_site, seed_tasks):
    assert len(read_csv(seed_site.site / "data" / "tasks.csv")) == len(seed_tasks)  # the build writes the same file
    header = (seed_site.site / "data" / "tasks.csv").read_bytes()[3:].decode("utf-8").splitlines()[0].split(",")
    assert header[: len(REQUIRED)] == REQUIRED
    tasks = [t for d in seed.documents for t in d.all_tasks]
    assert len(seed_tasks) == len(tasks) >= 200
    assert all(row["lead"] for row in seed_tasks)  # every seed task names its lead unit
    year_end = [r for r in seed_tasks if "2020年底前" in r["deadline_text"].split("、")]
    assert len(year_end) >= 15 and all("2020-12-31" in r["deadline"].split("、") for r in year_end)
    dated = [r for r in seed_tasks if r["deadline"]]
    assert len(dated) == sum(1 for t in tasks if any(d.due for d in t.deadlines)) >= 45
    for row in dated:
        assert all(len(d) == 10 and d[4] == "-" for d in row["deadline"].split("、"))
    row = next(r for r in seed_tasks if r["doc_number"] == "阳政办发〔2020〕86号" and r["label"] == "1.")
    assert row["lead"] == "市生态环境局" and row["co"] == "市农业农村局、市规划和自然资源局"
    assert row["url"] == "/2020/04/yzbf-2020-086/1/#s2-1-1" and row["state"] == "未到期"  # as of 2020-09-15
    assert {r["state"] for r in seed_tasks} == {"期限已过", "30天内到期", "未到期", "无明确期限"}


def test_json_files_validate_against_the_schema(seed_site):
    from jsonschema import Draft202012Validator

    data = seed_site.site / "data"
    schema = json.loads((data / "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    for name in SPECS:
        rows = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        assert rows or name == "versions", name  # the seed amends nothing: no versions
        validator = Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": schema["$defs"]},
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = list(validator.iter_errors(rows))
        assert errors == [], (name, errors[:3])
        assert len(read_csv(data / f"{name}.csv")) == len(rows)
    # the schema rejects what it should: a task without its lead units, a date in another notation
    tasks = json.loads((data / "tasks.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator({"$ref": "#/$defs/tasks", "$defs": schema["$defs"]})
    broken = dict(tasks[0])
    del broken["lead"]
    assert not validator.is_valid([broken])
    assert not validator.is_valid([{**tasks[0], "deadline": ["2020年12月31日"]}])


def test_sqlite_database_has_one_table_per_file_and_answers_queries(seed_site, seed_tasks):
    db = sqlite3.connect(seed_site.site / "data" / "gazette.db")
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
        assert tables == set(SPECS)
        assert db.execute("select count(*) from tasks").fetchone()[0] == len(seed_tasks)
        assert db.execute("pragma foreign_key_check").fetchall() == []
        # the 发改委's tasks due by the end of 2020, with their document's issuer
        rows = db.execute(
            "select t.label, d.issuer from tasks t join documents d on d.url = t.document_url, json_each(t.lead) u "
            "where u.value = '市发展和改革委员会' and t.next_deadline <= '2020-12-31'").fetchall()
        assert rows and all(issuer for _, issuer in rows)
        assert db.execute("select count(*) from articles where label = '第十七条'").fetchone()[0] >= 1
        assert db.execute("select lead + co + implementing from units where name = '市发展和改革委员会'").fetchone()[0] > 0
    finally:
        db.close()


def test_unit_page_offers_csv_xlsx_and_ics(seed_site):
    html = (seed_site.site / NDRC / "index.html").read_text(encoding="utf-8")
    for ext in ("csv", "xlsx", "ics"):
        file = f"{STEM}.{ext}"
        assert f'href="{quote(file)}" download="{file}"' in html and (seed_site.site / NDRC / file).stat().st_size > 0
    rows = read_csv(seed_site.site / NDRC / f"{STEM}.csv")
    assert len(rows) == html.count("<tr data-state=") >= 40
    assert {role for r in rows for role in r["角色"].split("、")} == {"牵头", "配合"}
    assert len({r["编号"] for r in rows}) == len(rows)  # one row per task


def test_xlsx_opens_and_is_set_up_for_printing(seed_site):
    from openpyxl import load_workbook

    book = load_workbook(seed_site.site / NDRC / f"{STEM}.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["序号", "角色", "任务", "牵头单位"] and "最早期限" in header and "状态" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    csv_rows = read_csv(seed_site.site / NDRC / f"{STEM}.csv")
    assert len(rows) == len(csv_rows) and rows[0][2] == csv_rows[0]["任务"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.fitToWidth == 1 and sheet.freeze_panes == "A2" and sheet[1][0].font.b
    assert book.properties.created == book.properties.modified == dt.datetime.combine(AS_OF, dt.time())


def test_xlsx_has_numbers_dates_and_links_a_civil_servant_can_filter(seed_site):
    """序号 numeric, 最早期限 a date cell, every date once in 全部期限日期, 页面 a hyperlink to the clause."""
    from openpyxl import load_workbook

    sheet = load_workbook(seed_site.site / NDRC / f"{STEM}.xlsx").active
    header = [c.value for c in sheet[1]]
    number, earliest, every, page = (header.index(h) for h in ("序号", "最早期限", "全部期限日期", "页面"))
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[number].value for r in rows] == list(range(1, len(rows) + 1))
    assert all(r[number].data_type == "n" for r in rows)
    dated = [r for r in rows if r[earliest].value is not None]
    assert len(dated) >= 5
    for row in dated:
        assert row[earliest].is_date and row[earliest].number_format == "yyyy-mm-dd"
        days = row[every].value.split("、")
        assert len(days) == len(set(days)) and days == sorted(days)
        assert row[earliest].value.date().isoformat() == days[0]
    assert any(len(r[every].value.split("、")) > 1 for r in dated)
    # no site_url in the test site: links relative to the file, to the page's index.html and its clause
    for row in rows:
        target = row[page].hyperlink.target
        assert target == row[page].value and target.startswith("../../")
        path, _, anchor = target.partition("#")
        built = (seed_site.site / NDRC / path).resolve()
        assert built.name == "index.html" and built.exists()
        assert not anchor or f'id="{anchor}"' in built.read_text(encoding="utf-8")


def test_ics_has_one_event_per_task_and_date_with_stable_uids(seed_site, three_issue_site, seed_tasks):
    from icalendar import Calendar

    calendar = Calendar.from_ical((seed_site.site / NDRC / f"{STEM}.ics").read_bytes())
    events = calendar.walk("VEVENT")
    mine = [r for r in seed_tasks if "市发展和改革委员会" in r["lead"].split("、") + r["co"].split("、")
            + r["implementing"].split("、")]
    assert len(events) == sum(len(set(r["deadline"].split("、"))) for r in mine if r["deadline"]) > 0
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    per_task = [(u.rsplit("-", 1)[0], e.decoded("DTSTART")) for u, e in zip(uids, events, strict=True)]
    assert len(set(per_task)) == len(per_task)  # no task has two events on one day
    starts = {e.decoded("DTSTART") for e in events}
    assert dt.date(2020, 12, 31) in starts
    assert all(e.decoded("DTSTAMP").year == 2020 for e in events)  # from the documents' dates
    # the same tasks keep their UIDs when more issues are added
    later = Calendar.from_ical((three_issue_site.site / NDRC / f"{STEM}.ics").read_bytes())
    assert set(uids) <= {str(e["UID"]) for e in later.walk("VEVENT")}
    archive = Calendar.from_ical((seed_site.site / "ledger" / "全部任务台账.ics").read_bytes()).walk("VEVENT")
    keys = [(str(e["UID"]).rsplit("-", 1)[0], e.decoded("DTSTART")) for e in archive]
    assert len(keys) == len(set(keys)) > len(events)


def test_ledgers_span_issues(three_issue_site):
    site = three_issue_site.site
    rows = read_csv(site / "data" / "tasks.csv")
    issues = {r["id"].rsplit("-L", 1)[0] for r in rows}
    assert issues == {"2020-04", "2020-05", "2021-01"}
    later = [r for r in rows if not r["id"].startswith("2020-04")]
    assert later and all(r["lead"] for r in later)
    ledger = (site / "ledger" / "index.html").read_text(encoding="utf-8")
    assert ledger.count("<tr data-state=") == len(rows)
    for row in later:  # each later task is on the page of each of its lead units
        for name in row["lead"].split("、"):
            units = json.loads((site / "data" / "units.json").read_text(encoding="utf-8"))
            url = next(u["url"] for u in units if u["name"] == name)
            assert row["id"] in (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_data_page_describes_every_file_and_column(seed_site):
    html = (seed_site.site / "data" / "index.html").read_text(encoding="utf-8")
    for name, spec in SPECS.items():
        assert f'href="{name}.csv"' in html and f'href="{name}.json"' in html
        for column in spec.columns:
            assert f"<code>{column.name}</code>" in html, (name, column.name)
    assert 'href="gazette.db"' in html and 'href="schema.json"' in html


@pytest.mark.parametrize("name", ["datong-2020-06.txt", "jinzhong-2021-02.txt"])
def test_other_cities_write_their_open_data(tmp_path, registry, name):
    """Written straight from the parsed fixtures (no mkdocs): every table, unique keys, dated tasks."""
    from gazette.link.archive import link_archive
    from gazette.opendata.write import write_open_data
    from gazette.parse.loader import parse_file
    from tests.support import BULLETINS

    archive = link_archive([parse_file(BULLETINS / name, registry)])
    stats = write_open_data(tmp_path, archive, {}, AS_OF)
    assert stats["tasks"] >= 3 and stats["dated"] >= 1
    db = sqlite3.connect(tmp_path / "data" / "gazette.db")
    try:
        assert db.execute("select count(*) from tasks").fetchone()[0] == stats["tasks"]
        assert db.execute("pragma foreign_key_check").fetchall() == []
    finally:
        db.close()
    rows = read_csv(tmp_path / "data" / "tasks.csv")
    assert all(r["lead"] for r in rows)
    assert any(d.startswith(("2020-", "2021-")) for r in rows for d in r["deadline"].split("、") if d)
