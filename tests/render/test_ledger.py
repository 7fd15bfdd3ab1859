"""Ledger rows, deadline states relative to the as-of date, and the ledger pages of the real bulletin."""

from __future__ import annotations

import copy
import datetime as dt
import re
from urllib.parse import quote

from gazette.link.archive import link_archive
from gazette.model import Deadline, Recurrence, Task, UnitRef
from gazette.render import ledger
from gazette.render.ledger import (
    STATE_LATER,
    STATE_NONE,
    STATE_PAST,
    STATE_SOON,
    collect,
    next_due,
    sort_date,
    task_state,
    unit_path,
)
from gazette.render.markup import md_source_path

D = dt.date


def task(*deadlines: Deadline) -> Task:
    return Task("任务。", "", [UnitRef("市发改委", "市发展和改革委员会")], [], [], list(deadlines), "s1", "1.", [10])


def due(date: dt.date) -> Deadline:
    return Deadline(date.isoformat(), "day", date)


def test_recurring_deadline_gives_the_next_date_on_or_after_the_as_of_date():
    yearly = Deadline("每年10月1日前", "recurring", None, Recurrence("YEARLY", (10,), 1))
    assert next_due(yearly, D(2026, 11, 30)) == D(2027, 10, 1)
    assert next_due(yearly, D(2026, 10, 1)) == D(2026, 10, 1)
    month_end = Deadline("每年2月底前", "recurring", None, Recurrence("YEARLY", (2,), -1))
    assert next_due(month_end, D(2023, 3, 1)) == D(2024, 2, 29)
    quarterly = Deadline("每季度末", "recurring", None, Recurrence("MONTHLY", (3, 6, 9, 12), -1))
    assert next_due(quarterly, D(2020, 7, 1)) == D(2020, 9, 30)
    assert next_due(due(D(2020, 1, 1)), D(2026, 1, 1)) == D(2020, 1, 1)  # a dated deadline stays put


def test_states_relative_to_the_as_of_date():
    as_of = D(2020, 9, 15)
    assert task_state(task(due(D(2020, 9, 14))), as_of) == STATE_PAST
    assert task_state(task(due(D(2020, 9, 15))), as_of) == STATE_SOON
    assert task_state(task(due(D(2020, 10, 15))), as_of) == STATE_SOON  # 30 days ahead
    assert task_state(task(due(D(2020, 10, 16))), as_of) == STATE_LATER
    assert task_state(task(), as_of) == STATE_NONE
    assert task_state(task(Deadline("持续推进", "ongoing", None)), as_of) == STATE_NONE
    # one date passed, one to come: the task is not over
    mixed = task(due(D(2020, 6, 30)), due(D(2020, 12, 31)))
    assert task_state(mixed, as_of) == STATE_LATER and sort_date(mixed, as_of) == D(2020, 12, 31)
    assert sort_date(task(due(D(2020, 6, 30)), due(D(2020, 8, 31))), as_of) == D(2020, 8, 31)
    yearly = Deadline("每年10月1日前", "recurring", None, Recurrence("YEARLY", (10,), 1))
    assert task_state(task(yearly), as_of) == STATE_SOON and task_state(task(yearly), D(2020, 10, 2)) == STATE_LATER


def test_every_task_naming_a_unit_is_in_that_units_ledger(seed_archive):
    pages = ledger.units(seed_archive, {}, D(2020, 9, 15))
    entries = collect(seed_archive)
    assert len(entries) >= 200
    missing = []
    for entry in entries:
        for name in entry.units:
            page = pages[unit_path(name)]
            if f'data-v="{entry.id}"' not in page:
                missing.append((entry.id, name))
    assert missing == []
    assert all(entry.units for entry in entries)


def test_unit_page_shows_roles_states_and_downloads(seed_archive):
    as_of = D(2020, 9, 15)
    page = ledger.units(seed_archive, {"市发展和改革委员会": "市发改委"}, as_of)["units/shi-fa-zhan-he-gai-ge-wei-yuan-hui/"]
    assert "市发展和改革委员会（市发改委）" in page
    for ext in ("csv", "xlsx", "ics"):  # saved and stored under the unit's name, on every path
        name = f"市发展和改革委员会-任务台账.{ext}"
        assert f'href="{quote(name)}" download="{name}"' in page
    rows = re.findall(r"<tr data-state=\"([^\"]+)\" data-date=\"([^\"]*)\"[^>]*data-role=\"([^\"]+)\"", page)
    assert {role for _, _, roles in rows for role in roles.split("|")} == {"牵头", "配合"}
    ids = re.findall(r'<td data-v="(\d{4}-\d{2}-L[^"]+)">', page)
    assert len(ids) == len(set(ids)) == len(rows)  # one row per task, its roles together
    assert all(state == STATE_NONE for state, date, _ in rows if not date)
    assert any(state == STATE_LATER and date == "2020-12-31" for state, date, _ in rows)
    dated = [date for _, date, _ in rows if date]
    assert dated == sorted(dated)  # by deadline, undated last
    assert "状态按 2020-09-15 计算" in page


def test_archive_ledger_lists_every_task_with_filters(seed_archive):
    page = ledger.archive_ledger(seed_archive, D(2020, 9, 15))
    assert page.count("<tr data-state=") == len(collect(seed_archive))
    for control in ("state", "unit", "doc", "from", "to", "q"):
        assert f'data-filter="{control}"' in page
    assert '<option value="市发展和改革委员会">' in page and f'href="{quote("全部任务台账.xlsx")}"' in page
    assert 'href="../data/"' in page
    assert "<script" not in page and not re.search(r"<[^>]+\son[a-z]+=", page)  # no inline script or handler


def test_unit_and_task_text_never_becomes_markup(seed):
    hostile = copy.deepcopy(seed)
    first = next(t for d in hostile.documents for t in d.all_tasks)
    first.lead.append(UnitRef('<script>alert(1)</script>"', None))
    first.text = '<img src=x onerror="alert(2)">' + first.text
    archive = link_archive([hostile])
    pages = ledger.units(archive, {}, D(2020, 9, 15))
    bodies = [p.split("\n---\n", 1)[1] for p in [*pages.values(), ledger.archive_ledger(archive, D(2020, 9, 15))]]
    text = "".join(bodies)  # front-matter is YAML written by front_matter_block, tested elsewhere
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert re.fullmatch(r"units/[a-z0-9-]+/index\.md", md_source_path(unit_path('<script>alert(1)</script>"')))


def test_download_names_come_from_the_unit_but_never_leave_its_folder():
    assert ledger.unit_file_stem("市发展和改革委员会") == "市发展和改革委员会-任务台账"
    for hostile in ("../../etc/passwd", "a/b\\c", ".hidden", "<script>x</script>", "名\x00称", ""):
        stem = ledger.unit_file_stem(hostile)
        assert re.fullmatch(r"[\w（）()·-]+", stem) and not stem.startswith("."), stem


def test_unit_ledger_dates_each_once_and_numbers_beside_their_task(seed_archive):
    page = ledger.units(seed_archive, {}, D(2020, 9, 15))["units/shi-fa-zhan-he-gai-ge-wei-yuan-hui/"]
    for cell in re.findall(r'<td class="gz-nowrap" data-v="[^"]*">([^<]*(?:<br>[^<]*)*)</td>', page):
        dates = cell.split("<br>")
        assert len(dates) == len(set(dates)), cell
    assert "2020-06-30<br>2020-12-31</td>" in page  # 2020年6月底前、年底前、2020年底前: two dates, not three
    after_labels = re.findall(r'class="gz-task-label">[^<]*</span>(.{3})', page)
    assert set(after_labels) <= {" <a"}  # the number, then its task on the same line
    assert re.search(r'<td data-v="[^"]+"><a href="[^"]+">12\. 推进投资审批制度改革。</a></td>', page)


def test_deadline_calendars_put_each_dated_task_on_its_days(seed_archive):
    as_of = D(2020, 9, 15)
    entries = collect(seed_archive)
    expected = {(e.target, d) for e in entries for d in ledger.distinct_due_dates(e.task, as_of)}
    assert len(expected) >= 45
    page = ledger.archive_calendar(seed_archive, as_of)
    found = set()
    for month in re.findall(r'<section class="gz-cal" aria-labelledby="cal-(\d{4})-(\d{2})">(.*?)</section>', page):
        year, number, body = int(month[0]), int(month[1]), month[2]
        for day, links in re.findall(r'<div class="gz-cal-day gz-cal-has" role="group" aria-label="\d+月(\d+)日[^"]*">'
                                     r'(.*?)</div>', body):
            for href in re.findall(r'<a href="([^"]+)"', links):
                assert href.startswith("../../")  # from ledger/calendar/ to the clause
                found.add((href.removeprefix("../../"), D(year, number, int(day))))
    assert found == expected
    # the unit's calendar: only its tasks, under its ledger
    unit = ledger.units(seed_archive, {}, as_of)["units/shi-fa-zhan-he-gai-ge-wei-yuan-hui/"]
    assert "## 期限日历 {#calendar}" in unit and '<a href="#calendar">期限日历</a>' in unit
    assert unit.count('class="gz-cal-day gz-cal-has"') < page.count('class="gz-cal-day gz-cal-has"')
    assert 'aria-label="12月31日 星期四，5 项"' in unit  # 2020-12-31 was a Thursday
