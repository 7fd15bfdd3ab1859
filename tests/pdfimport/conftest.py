"""The seed typeset four ways and imported once per test session (each import takes 10–30 s)."""

from __future__ import annotations

import pytest

from tests.pdfimport.roundtrip import FIXTURE_PDFS, HEAD, import_fixture, parse_source
from tests.pdfimport.typeset import typeset
from tests.support import SEED


@pytest.fixture(scope="session")
def seed_source(registry, tmp_path_factory):
    return parse_source(SEED, registry, tmp_path_factory.mktemp("seed-source"))


@pytest.fixture(scope="session", params=["flush", "ragged", "gbt9704", "indented"])
def seed_import(request, seed_source, tmp_path_factory):
    """(a) reportlab, flush left without indents, justified ("flush") or ragged right ("ragged");
    (b) LibreOffice from a GB/T 9704 DOCX (committed fixture, tests/pdfimport/libreoffice.py);
    (c) reportlab, indented, as the test typesetter sets it."""
    work = tmp_path_factory.mktemp(f"seed-{request.param}")
    if request.param == "gbt9704":
        pdf = FIXTURE_PDFS / "seed-gbt9704.pdf"
    else:
        pdf = typeset(seed_source, work / "seed.pdf", HEAD, style=request.param)
    return request.param, import_fixture(seed_source, pdf, work / "out")
