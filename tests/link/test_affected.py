"""Which document pages a new issue makes the build render again (gazette/link/affected.py), from the link
stage's relations, on the shared archive: 2022-01 repeals 阳政办发〔2020〕90号 of 2020-04 and declares others
lapsed; 2021-03 amends 《阳泉市重大行政决策程序规定》 of 2020-04."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.link.affected import KeyRecord, page_keys, related
from gazette.link.archive import link_archive
from gazette.link.validity import assess
from gazette.model import ValidityStatus
from gazette.parse.loader import parse_file
from tests.support import shared_archive_file

AS_OF = dt.date(2026, 6, 1)
NAMES = ("2020-04", "2021-01", "2021-03", "2022-01")
REPEALED = "2020/04/yzbf-2020-090/"  # 阳政办发〔2020〕90号, repealed by 阳政发〔2022〕2号
APPOINTMENT = "2020/04/yzrz-2020-016/"  # an 任免 notice no later issue relates to

@pytest.fixture(scope="module")
def parsed(registry):
    return {name: parse_file(shared_archive_file(f"{name}.txt"), registry) for name in NAMES}


def keys_of(parsed, names):
    archive = link_archive([parsed[n] for n in names])
    assess(archive, AS_OF)
    return archive, page_keys(archive, {parsed[n].issue.key: f"parsed:{n}" for n in names}, AS_OF)


def test_a_repealing_issue_affects_what_it_repeals_and_nothing_unrelated(parsed):
    _, before = keys_of(parsed, NAMES[:3])
    archive, after = keys_of(parsed, NAMES)
    affected = after.affected(before.keys)
    new = {p for p, page in archive.pages.items() if page.issue.issue.key == "2022-01"}
    assert new and new <= affected  # its own pages
    assert archive.pages[REPEALED].validity.status is ValidityStatus.REPEALED and REPEALED in affected
    # every other affected page is related to a new page, or to a page whose 时效 the new issue changed
    near = {p for p in archive.pages if set(related(archive, archive.pages[p])) & new}
    for path in affected - new:
        assert path in near or set(related(archive, archive.pages[path])) & near, path
    assert APPOINTMENT not in affected
    assert len(affected - new) < len(before.keys) / 2  # most of the archive is not rendered again


def test_an_amendment_affects_the_versions_of_the_work(parsed):
    _, before = keys_of(parsed, NAMES[:2])
    archive, after = keys_of(parsed, NAMES[:3])
    affected = after.affected(before.keys)
    work = next(w for w in archive.works if any(v.path.startswith("2020/04/") for v in w.versions))
    assert {v.path.split("#")[0] for v in work.versions} <= affected | set(before.keys) and \
        {v.path for v in work.versions if v.path.startswith("2020/04/")} <= affected


def test_the_same_archive_has_the_same_keys_and_another_parse_changes_them(parsed):
    _, one = keys_of(parsed, NAMES)
    _, two = keys_of(parsed, NAMES)
    assert one.keys == two.keys and not two.affected(one.keys)
    archive = link_archive([parsed[n] for n in NAMES])
    assess(archive, AS_OF)
    issue_keys = {parsed[n].issue.key: f"parsed:{n}" for n in NAMES} | {"2020-04": "re-parsed"}
    changed = page_keys(archive, issue_keys, AS_OF).affected(one.keys)
    assert {p for p in archive.pages if p.startswith("2020/04/")} <= changed  # its own text may have changed
    assert page_keys(archive, issue_keys, dt.date(2027, 1, 1)).affected(one.keys) == set(one.keys)  # as-of date


def test_the_record_reuses_only_the_markdown_it_recorded(tmp_path, parsed):
    _, keys = keys_of(parsed, NAMES[:1])
    texts = {path: f"# {path}\n" for path in keys.keys}
    KeyRecord.load(tmp_path).save(keys, texts)
    record = KeyRecord.load(tmp_path)
    assert record.keys() == keys.keys
    path = next(iter(texts))
    assert record.reusable(path, texts[path]) and not record.reusable(path, texts[path] + "edited by hand")
    assert KeyRecord.load(tmp_path, enabled=False).keys() == {}  # --full trusts no record
