import argparse
import datetime as dt

import pytest

from gazette.asof import parse_date, resolve_as_of


def test_explicit_date_wins_over_environment():
    assert resolve_as_of(dt.date(2025, 6, 1), {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2025, 6, 1)


def test_source_date_epoch_gives_its_utc_date():
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "1764460800"}) == dt.date(2025, 11, 30)


def test_without_either_it_is_today():
    assert resolve_as_of(None, {}) == dt.datetime.now(tz=dt.UTC).date()


def test_command_line_dates_are_checked_in_chinese():
    assert parse_date("2020-09-20") == dt.date(2020, 9, 20)
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        parse_date("2020年9月20日")
