"""Deadline phrases to dates: one test per pattern, plus the seed's tasks."""

from __future__ import annotations

import datetime as dt

from gazette.model import Recurrence
from gazette.parse.deadlines import parse_deadlines

D = dt.date


def dates(text: str, year: int | None = 2020) -> list[tuple[str, str, dt.date | None]]:
    return [(d.raw, d.kind, d.due) for d in parse_deadlines(text, year)]


def test_year_end_with_and_without_a_year():
    assert dates("力争 2020 年底前完成改造") == [("2020年底前", "year", D(2020, 12, 31))]
    assert dates("2021年年底前全面完成") == [("2021年年底前", "year", D(2021, 12, 31))]
    assert dates("年底前完成验收", 2019) == [("年底前", "year", D(2019, 12, 31))]
    assert dates("到2021年底，全面摸清") == [("2021年底", "year", D(2021, 12, 31))]
    assert dates("到2023年年底，基本形成") == [("2023年年底", "year", D(2023, 12, 31))]
    assert dates("今年底前完成", 2020) == [("今年底前", "year", D(2020, 12, 31))]


def test_month_end():
    assert dates("8月底前上报") == [("8月底前", "month", D(2020, 8, 31))]
    assert dates("2020 年 6 月底前完成") == [("2020年6月底前", "month", D(2020, 6, 30))]
    assert dates("2024年2月底前", None) == [("2024年2月底前", "month", D(2024, 2, 29))]
    assert dates("11月前完成") == [("11月前", "month", D(2020, 11, 30))]
    assert dates("6月上旬前报送，9月中旬前验收") == [("6月上旬前", "month", D(2020, 6, 10)),
                                                   ("9月中旬前", "month", D(2020, 9, 20))]


def test_day():
    assert dates("7月31日前报送") == [("7月31日前", "day", D(2020, 7, 31))]
    assert dates("2020 年 12 月 20 日前完成") == [("2020年12月20日前", "day", D(2020, 12, 20))]
    assert dates("十月十五日前", 2021) == [("十月十五日前", "day", D(2021, 10, 15))]
    assert dates("2月30日前") == []  # not a date


def test_quarters_and_halves():
    assert dates("第三季度完成") == [("第三季度", "period", D(2020, 9, 30))]
    assert dates("2021年一季度末前") == [("2021年一季度末前", "period", D(2021, 3, 31))]
    assert dates("上半年启动") == [("上半年", "period", D(2020, 6, 30))]
    assert dates("2020年下半年实施") == [("2020年下半年", "period", D(2020, 12, 31))]


def test_within_the_year():
    assert dates("争取年内开工建设", 2020) == [("年内", "year", D(2020, 12, 31))]
    assert dates("2021年内完成") == [("2021年内", "year", D(2021, 12, 31))]
    assert dates("按照国家5年内分期分批淘汰") == []  # five years, not 年内
    assert dates("到2022年，建成") == [("到2022年", "year", D(2022, 12, 31))]


def test_range_gives_its_end():
    assert dates("2020—2022年，每年新增") == [("2020—2022年", "range", D(2022, 12, 31))]
    assert dates("2020-2022年") == [("2020-2022年", "range", D(2022, 12, 31))]
    assert dates("2020年至2022年分步实施") == [("2020年至2022年", "range", D(2022, 12, 31))]


def test_recurring_keeps_the_rule():
    [d] = parse_deadlines("每年10月1日前报送上一年度报告", 2020)
    assert (d.raw, d.kind, d.due, d.rule) == ("每年10月1日前", "recurring", None, Recurrence("YEARLY", (10,), 1))
    assert d.rule.rrule == "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1"
    [d] = parse_deadlines("每年11月底前申请", 2020)
    assert d.rule == Recurrence("YEARLY", (11,), -1)
    [d] = parse_deadlines("每月10日前报送", 2020)
    assert d.rule.rrule == "FREQ=MONTHLY;BYMONTHDAY=10"
    [d] = parse_deadlines("每季度末通报", 2020)
    assert d.rule.rrule == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    assert parse_deadlines("每季度通报情况，每年6月召开", 2020) == []  # no deadline named


def test_ongoing_has_no_date():
    assert dates("长期坚持") == [("长期坚持", "ongoing", None)]
    assert dates("持续推进医养结合，常态化开展检查") == [("持续推进", "ongoing", None), ("常态化开展", "ongoing", None)]


def test_several_phrases_earliest_first_and_years_carry_forward():
    text = "每年11月底前申请；力争 2021 年底前完成，2020年6月底前验收，9 月底前上报，持续推进"
    assert [(d.raw, d.due) for d in parse_deadlines(text, 2020)] == [
        ("2020年6月底前", D(2020, 6, 30)), ("9月底前", D(2020, 9, 30)), ("2021年底前", D(2021, 12, 31)),
        ("每年11月底前", None), ("持续推进", None)]
    # a yearless phrase takes the year written before it in the same task
    assert dates("2021年3月底前摸底，6月底前完成") == [("2021年3月底前", "month", D(2021, 3, 31)),
                                                     ("6月底前", "month", D(2021, 6, 30))]
    # without a document year a yearless phrase stays undated
    assert dates("年底前完成", None) == [("年底前", "year", None)]


def test_dates_that_are_not_deadlines():
    assert dates("对2019年12月31日前出台的政策措施进行全面清理") == []
    assert dates("2019年12月31日前在市场监管部门登记的营利性养老服务机构") == []
    assert dates("2000年以前建成的老旧小区") == []
    assert dates("贯彻《2020—2022年行动计划》") == []
    assert dates("5月20日前后召开") == []
    assert dates("全角２０２０年底前") == [("2020年底前", "year", D(2020, 12, 31))]


def test_seed_tasks_are_dated(seed):
    tasks = [t for d in seed.documents for t in d.all_tasks]
    assert len(tasks) >= 200
    year_end = [t for t in tasks if any(d.raw == "2020年底前" for d in t.deadlines)]
    assert len(year_end) >= 15
    assert all(d.due == D(2020, 12, 31) for t in year_end for d in t.deadlines if d.raw == "2020年底前")
    assert sum(1 for t in tasks if any(d.due for d in t.deadlines)) >= 45
    assert not any(d.kind == "recurring" for t in tasks for d in t.deadlines)  # the seed's 每年… are in articles
    # 阳政办发〔2020〕81号 item 23: 2020年11月1日前 … 12月1日前 (same year)
    item = next(t for d in seed.documents if d.doc_number == "阳政办发〔2020〕81号" for t in d.all_tasks
                if t.label == "23.")
    assert [(d.raw, d.due) for d in item.deadlines][:2] == [("2020年11月1日前", D(2020, 11, 1)),
                                                           ("12月1日前", D(2020, 12, 1))]
