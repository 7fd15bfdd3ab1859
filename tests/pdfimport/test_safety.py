"""A PDF with scripts: the sanitised copy runs nothing (read back). Not yet wired into import."""

from __future__ import annotations

import pikepdf

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
