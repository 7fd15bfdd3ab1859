"""Page paths: stable, ASCII, from the 文号 and the issue only."""

from __future__ import annotations

import pytest

from gazette.errors import BuildError
from gazette.link.ids import document_slug, initials, issue_path, slugify


@pytest.mark.parametrize(("text", "expected"), [
    ("阳政办发", "yzbf"),
    ("晋政发ABC1", "jzfabc1"),  # ASCII letters and digits kept, lower-cased
    ("阳政办发〔", "yzbf"),  # punctuation dropped
])
def test_initials(text, expected):
    assert initials(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("市卫健委", "shi-wei-jian-wei"),
    ("2020年Ab办法", "2-0-2-0-nian-a-b-ban-fa"),
    ("", "x"),  # never an empty path segment
    ("!!", "x"),
])
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(("number", "ordinal", "expected"), [
    ("阳政办发〔2020〕79号", 3, "yzbf-2020-079"),
    ("市政府令2020年第12号", 2, "szfl-2020-012"),
    ("阳泉市人民政府令第5号", 2, "yqsrmzfl-005"),  # an order without a year
    (None, 7, "doc-07"),
    ("随便", 1, "doc-01"),  # not a 文号 we can read: by position, like none
])
def test_document_slug(number, ordinal, expected):
    assert document_slug(number, ordinal) == expected


def test_document_slug_depends_on_the_number_not_the_position():
    assert document_slug("阳政办发〔2020〕79号", 1) == document_slug("阳政办发〔2020〕79号", 40)


def test_issue_path():
    assert issue_path("2020-04") == "2020/04"


@pytest.mark.parametrize("key", ["2020", "..-..", "2020-04/../..", "2020第6期"])
def test_issue_path_refuses_a_key_that_is_not_year_and_number(key):
    with pytest.raises(BuildError, match="不是“年-期号”"):
        issue_path(key)
