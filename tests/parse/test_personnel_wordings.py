"""Appointments and removals in the wordings personnel notices use, on made-up items."""

from __future__ import annotations

import pytest

from gazette.model import Paragraph
from gazette.parse.personnel import extract_appointments, split_post


def _people(*texts: str) -> list[tuple[str, str, str, str]]:
    found, _ = extract_appointments([Paragraph(t, [i + 1]) for i, t in enumerate(texts)], "d")
    return [(a.person, a.action, a.organisation, a.position) for a in found]


@pytest.mark.parametrize("texts", [
    ("免去：", "张三的阳泉市交通运输局副局长职务；"),
    ("免去：", "张三阳泉市交通运输局副局长职务；"),  # no 的
    ("免去：", "张三同志的阳泉市交通运输局副局长职务；"),  # 同志 is no part of the name
    ("免去张三阳泉市交通运输局副局长职务。",),
    ("张三不再担任阳泉市交通运输局副局长职务。",),
])
def test_removals(texts):
    assert _people(*texts) == [("张三", "免去", "阳泉市交通运输局", "副局长")]


def test_his_post_after_an_appointment_and_notes_after_a_post():
    assert _people("决定：", "任命李四为阳泉市水利局副局长，免去其阳泉市农业农村局副局长职务。") == [
        ("李四", "任命", "阳泉市水利局", "副局长"), ("李四", "免去", "阳泉市农业农村局", "副局长")]
    assert _people("任命：", "李四为阳泉市水利局副局长（试用期一年）；") == [("李四", "任命", "阳泉市水利局", "副局长")]
    assert split_post("阳泉市商业银行董事") == ("阳泉市商业银行", "董事")
