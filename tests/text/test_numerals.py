import pytest

from gazette.text.numerals import chinese_to_int, int_to_chinese


@pytest.mark.parametrize("text,value", [("一", 1), ("十", 10), ("十七", 17), ("二十", 20), ("四十四", 44),
                                        ("一百零二", 102), ("一百一十", 110), ("两", 2), ("17", 17)])
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value
    if not text.isdigit() and text != "两":
        assert int_to_chinese(value) == text


def test_not_a_numeral():
    assert chinese_to_int("条") is None
    assert chinese_to_int("") is None
