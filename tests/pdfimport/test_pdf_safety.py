"""Hostile PDFs: one Chinese line per cause, and the published copy runs nothing (read back)."""

from __future__ import annotations

import pikepdf
import pytest

from gazette.pdfimport.safety import sanitise_pdf


def _scripted(path):
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = script
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), script])))
        pdf.pages[0].AA = pikepdf.Dictionary(O=script)
        pdf.save(path)


def test_the_published_copy_has_no_script_action(tmp_path):
    _scripted(tmp_path / "js.pdf")
    removed = sanitise_pdf(tmp_path / "js.pdf", tmp_path / "clean.pdf")
    assert any("OpenAction" in r for r in removed) and any("JavaScript" in r for r in removed)
    with pikepdf.open(tmp_path / "clean.pdf") as pdf:
        for obj in [pdf.Root, *pdf.objects]:
            if isinstance(obj, pikepdf.Dictionary):
                assert "/OpenAction" not in obj and "/AA" not in obj and "/JS" not in obj
        assert "/JavaScript" not in pdf.Root.get("/Names", {})


def test_import_sanitises_what_it_publishes(tmp_path, registry):
    from tests.pdfimport.roundtrip import round_trip
    from tests.support import BULLETINS

    _parsed, result = round_trip(BULLETINS / "yangquan-2020-05.txt", tmp_path, registry)
    with pikepdf.open(result.pdf_file) as pdf:
        assert "/OpenAction" not in pdf.Root and len(pdf.pages) > 1


def _truncated(path, tmp_path):
    _scripted(tmp_path / "whole.pdf")
    data = (tmp_path / "whole.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _encrypted(path, tmp_path):
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))


def _not_a_pdf(path, tmp_path):
    path.write_bytes(b"<html>not a pdf</html>")


@pytest.mark.parametrize(("make", "cause"), [(_truncated, "不完整"), (_encrypted, "加密"), (_not_a_pdf, "不是 PDF")])
def test_each_cause_has_its_message(tmp_path, capsys, make, cause):
    from gazette.cli import main

    bad = tmp_path / "bad.pdf"
    make(bad, tmp_path)
    assert main(["import", str(bad), "--bulletins", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and cause in err and "Traceback" not in err
    assert not (tmp_path / "b").exists()


def test_a_decompression_bomb_is_refused_before_extraction(tmp_path, capsys, monkeypatch):
    """A stream that inflates far beyond its size (the limit is lowered so the test stays small)."""
    import zlib

    from gazette.cli import main
    from gazette.pdfimport import safety

    monkeypatch.setattr(safety, "MAX_DECOMPRESSED", 8 * 1024 * 1024)
    bomb = tmp_path / "bomb.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        stream = pikepdf.Stream(pdf, zlib.compress(b"0" * (32 * 1024 * 1024), 9))
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].Contents = pdf.make_indirect(stream)
        pdf.save(bomb, compress_streams=False)
    assert bomb.stat().st_size < 200_000
    assert main(["import", str(bomb), "--bulletins", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "压缩炸弹" in err and "Traceback" not in err
