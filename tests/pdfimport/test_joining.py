"""Line joining and spacing on hand-set pages: what a real PDF brings (a 文号 broken at the margin,
gaps instead of spaces, letter-spaced justified lines, 目录 entries that end at the margin, a mark
from a fallback font on its own baseline), each decided the way the module docstrings say."""

from __future__ import annotations

import json

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from gazette.pdfimport.extract import extract_pdf
from gazette.pdfimport.importer import import_pdf
from tests.pdfimport.typeset import FLUSH, FONT, _Justified, register_font

LEFT, SIZE = 72, 12
WIDTH = 30 * SIZE  # a text block of 30 characters
FILLER = "为进一步规范行政决策程序健全科学民主依法决策机制提高决策质量和效率根据有关规定结合本市实际"


def full(start: int = 0) -> str:
    return (FILLER * 2)[start:start + 30]


def page(path, lines: list) -> None:
    """Each line: a text drawn at the left margin, or [(x offset, text), …] drawn piece by piece
    (gaps between the pieces have no space character), or (indent, text)."""
    register_font()
    drawing = canvas.Canvas(str(path), pagesize=A4)
    drawing.setFont(FONT, SIZE)
    y = A4[1] - 100
    for line in lines:
        if isinstance(line, str):
            drawing.drawString(LEFT, y, line)
        elif isinstance(line, tuple):
            drawing.drawString(LEFT + line[0], y, line[1])
        else:
            for x, text, *rise in line:
                drawing.drawString(LEFT + x, y + (rise[0] if rise else 0), text)
        y -= 20
    drawing.showPage()
    drawing.save()


def texts(path) -> list[str]:
    return [line.text for line in extract_pdf(path).lines]


def test_a_文号_broken_at_the_margin_is_joined_without_a_space(tmp_path):
    pdf = tmp_path / "number.pdf"
    first = full()[:22] + "（阳政办发〔20"  # 30 characters wide: 22 + 8 (half-width digits count half)
    page(pdf, [(24, full()[:28]), full(2), first, "20〕278号）文件精神执行。", (24, full()[:28]), full(3), full(4)[:10] + "。"])
    out = texts(pdf)
    assert any(line.endswith("（阳政办发〔2020〕278号）文件精神执行。") for line in out), out
    assert not any("20 20" in line for line in out)


def test_space_characters_are_kept_and_gaps_without_one_are_not(tmp_path):
    pdf = tmp_path / "spaces.pdf"
    gap = 0.3 * SIZE
    autospaced = [(24, "根据国令第"), (24 + 5 * SIZE + gap, "711"), (24 + 5 * SIZE + 2 * gap + 18, "号规定执行。")]
    page(pdf, [(24, "一般不少于 7 个工作日。"), autospaced, (24, full()[:20] + "。")])
    out = texts(pdf)
    assert out[0] == "一般不少于 7 个工作日。"  # the seed's own spaces: space characters in the PDF
    assert out[1] == "根据国令第711号规定执行。"  # WPS/Word autospace: gaps only


def test_letter_spaced_lines_lose_their_spacing(tmp_path):
    pdf = tmp_path / "justified.pdf"
    spread = [(24 + k * 1.5 * SIZE, ch) for k, ch in enumerate("地址：某市某路，邮编：")]
    page(pdf, [spread, (24, "本规定自发布之日起施行。")])
    assert texts(pdf)[0] == "地址：某市某路，邮编："


def test_目录_entries_that_end_at_the_margin_stay_apart(tmp_path):
    pdf = tmp_path / "toc.pdf"
    entries = ["某市人民政府办公室关于印发某某工作的实施方案的通知……（38）", "某市人民政府办公室关于印发某某工作的工作要点的通知……（42）"]
    register_font()
    offsets = [WIDTH - stringWidth(e, FONT, SIZE) for e in entries]  # right-aligned: from margin to margin
    assert all(0 <= x < 0.2 * SIZE for x in offsets)
    page(pdf, [*zip(offsets, entries, strict=True), (24, full()[:28]), full(1), full(2)[:12] + "。"])
    out = texts(pdf)
    assert len([line for line in out if line.endswith(("（38）", "（42）"))]) == 2, out
    # Dot leaders without page numbers, as some published 目录 have: the leaders end the entry.
    bare = tmp_path / "toc-bare.pdf"
    leaders = ["某市人民政府办公室关于印发某某工作的实施方案的通知" + "…" * 5, "某市人民政府办公室关于印发某某工作的工作要点的通知" + "…" * 5]
    page(bare, [*leaders, (24, full()[:28]), full(1), full(2)[:12] + "。"])
    assert texts(bare)[:2] == leaders


def test_a_quote_mark_from_another_baseline_stays_on_its_line(tmp_path):
    pdf = tmp_path / "baseline.pdf"
    page(pdf, [[(24, "“", 1.5), (24 + SIZE, "放管服效”改革工作要点。")], (24, full()[:20] + "。")])
    assert texts(pdf)[0] == "“放管服效”改革工作要点。"


def test_labels_and_sentence_ends_start_paragraphs(tmp_path):
    pdf = tmp_path / "labels.pdf"
    page(pdf, [(24, full()[:28]), full(1), "第十二条 " + full(2)[:25], full(3), "（一）" + full(4)[:27], "一、" + full(5)[:10]])
    out = texts(pdf)
    assert [line[:3] for line in out] == [full()[:3], "第十二", "（一）", "一、" + full(5)[0]], out


def test_the_sidecar_lists_every_normalisation(tmp_path):
    pdf = tmp_path / "某市人民政府公报 2022年第1期.pdf"
    gap = 0.3 * SIZE
    page(pdf, ["某市人民政府公报", "2022年第1期", [(24, "根据国令第"), (24 + 5 * SIZE + gap, "711"),
                                           (24 + 5 * SIZE + 2 * gap + 18, "号规定执行。")],
               (24, full()[:28]), full(1), full(2)[:12] + "。"])
    result = import_pdf(pdf, tmp_path / "bulletins")
    sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
    kinds = [row[1] for row in sidecar["normalised"]]
    assert kinds.count("cjk-latin-gap") == 2 and kinds.count("joined") == 2, sidecar["normalised"]
    lines = result.text_file.read_text(encoding="utf-8").split("\n")
    for number, _kind, pdf_page, context in sidecar["normalised"]:
        assert pdf_page == 1 and "⟨" in context
        assert context.split("⟨")[0][-2:] in lines[number - 1]


def test_a_landscape_page_is_measured_on_its_own(tmp_path):
    """A landscape page (a wide table, a budget) has its own margins: its short lines still end paragraphs."""
    register_font()
    pdf = tmp_path / "landscape.pdf"
    drawing = canvas.Canvas(str(pdf), pagesize=A4)
    drawing.setFont(FONT, SIZE)
    for k, line in enumerate([full()[:28], full(1), full(2)[:12] + "。"]):
        drawing.drawString(LEFT + (24 if k == 0 else 0), A4[1] - 100 - 20 * k, line)
    drawing.showPage()
    wide = (A4[1], A4[0])
    drawing.setPageSize(wide)
    drawing.setFont(FONT, SIZE)
    rows = [(24, (FILLER * 2)[:56]), (0, (FILLER * 2)[3:61]), (0, FILLER[:35] + "。"), (0, FILLER[:40] + "。")]
    for k, (indent, line) in enumerate(rows):
        drawing.drawString(LEFT + indent, wide[1] - 100 - 20 * k, line)
    drawing.showPage()
    drawing.save()
    out = texts(pdf)
    assert out[1:] == [rows[0][1] + rows[1][1] + rows[2][1], rows[3][1]], out


def test_a_line_with_room_for_the_next_character_ends_its_paragraph(tmp_path):
    """Ragged right: the margin is where the longest lines end (here a number runs half a character
    past a full line of Chinese); a line a character short of it ends its paragraph, a full one goes on."""
    pdf = tmp_path / "ragged.pdf"
    lines = [full()[:28], full(1) + "1", full(2) + "1", full(3)[:28] + "。", full(4), full(5)[:10] + "。"]
    page(pdf, [(24, lines[0]), *lines[1:]])
    assert texts(pdf) == ["".join(lines[:4]), "".join(lines[4:])]


def test_a_justified_last_line_ends_its_paragraph_though_a_mark_hangs_past_the_margin(tmp_path):
    """Justified by character spacing, a closing mark hung in the margin (Word's 标点溢出边界): the
    characters before the mark stop short of the margin on the last line of a paragraph only."""
    register_font()
    pdf = tmp_path / "hanging.pdf"
    drawing = canvas.Canvas(str(pdf), pagesize=A4)
    width, y = 30.5 * SIZE, A4[1] - 100
    paragraphs = [f"{full(k)[:20]}2020年{full(k + 1)[:20]}。" for k in range(6)] + [full(1) + full(2) + "。", full(3)[:12] + "。"]
    for text in paragraphs:
        flowable = _Justified(text, FLUSH)
        _, height = flowable.wrapOn(drawing, width, A4[1])
        flowable.drawOn(drawing, LEFT, y - height)
        y -= height
    drawing.showPage()
    drawing.save()
    assert texts(pdf) == paragraphs


def test_a_part_label_after_a_line_stopped_inside_a_word_goes_on(tmp_path):
    """统 at the end of a full line, 一、 at the start of the next: a word and its 、, not a part's label."""
    pdf = tmp_path / "word.pdf"
    lines = [full()[:28], full(2)[:29] + "统", "一、" + full(3)[:20] + "。"]
    page(pdf, [(24, lines[0]), *lines[1:]])
    assert texts(pdf) == ["".join(lines)]


def test_a_table_caption_and_an_ellipsis_row_are_lines_of_their_own(tmp_path):
    pdf = tmp_path / "caption.pdf"
    caption = "各县（区）既有建筑能效提升工程任务表"
    page(pdf, [(24, full()[:28]), full(1)[:29] + "。", caption, "1", "2", "...", (24, full(2)[:28]), full(3)[:5] + "。"])
    out = texts(pdf)
    assert out[1:5] == [caption, "1", "2", "..."], out
