"""Bad input: every case gives a clear finding or error with file and line, and keeps what it can."""

from __future__ import annotations

import codecs

import pytest

from gazette.errors import InputError
from gazette.parse.loader import parse_file
from gazette.source.reader import read_source
from tests.support import BULLETINS

SAMPLE = BULLETINS / "datong-2020-06.txt"


def _write(tmp_path, data: bytes, name="2020-06.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file_is_an_error_naming_the_file(tmp_path):
    path = _write(tmp_path, b"")
    with pytest.raises(InputError) as error:
        read_source(path)
    assert str(path) in str(error.value) and "empty" in str(error.value)
    with pytest.raises(InputError):
        read_source(_write(tmp_path, b"\n\n  \n", "blank.txt"))


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings_and_bom_are_decoded(tmp_path, encoding):
    text = SAMPLE.read_text(encoding="utf-8")
    source = read_source(_write(tmp_path, text.encode(encoding)))
    assert source.lines == text.split("\n")[:-1] or source.lines == text.splitlines()
    assert source.lines[0] == text.splitlines()[0]


def test_crlf_and_cr_line_ends(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for end in ("\r\n", "\r"):
        source = read_source(_write(tmp_path, end.join(lines).encode("utf-8")))
        assert source.lines == lines


def test_parse_of_gbk_file_equals_utf8(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    a = parse_file(_write(tmp_path, text.encode("gbk"), "a.txt"))
    b = parse_file(SAMPLE)
    assert [d.doc_number for d in a.documents] == [d.doc_number for d in b.documents]
    assert a.report.coverage == 1.0


def test_undecodable_bytes_name_the_line(tmp_path):
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfa bad\n"
    with pytest.raises(InputError) as error:
        read_source(_write(tmp_path, data))
    assert error.value.line == 3


def test_binary_junk_lines_are_reported_and_the_rest_is_kept(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    junk_at = 60
    data = "\n".join(lines[:junk_at]).encode() + b"\n\x00\x01\x02\x03\x04\x05junk\x06\x07\n" + "\n".join(lines[junk_at:]).encode()
    parsed = parse_file(_write(tmp_path, data))
    errors = [f for f in parsed.report.errors if f.code == "unreadable-line"]
    assert [f.line for f in errors] == [junk_at + 1]
    assert len(parsed.documents) == 4


def test_binary_file_is_rejected(tmp_path):
    with pytest.raises(InputError):
        read_source(_write(tmp_path, bytes(range(256)) * 40))


def test_utf16_bom_detected():
    assert codecs.BOM_UTF16_LE.startswith(b"\xff")
