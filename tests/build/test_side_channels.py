"""Configuration travels explicitly: the page-cache folder as the plugin's option, SOURCE_DATE_EPOCH
only for the mkdocs build, one constant for the generated site file; every cache keyed by its
format version and the whole package's source."""

from __future__ import annotations

import os

import pytest

from gazette import fingerprint
from gazette.build import cache as parse_cache
from gazette.build.pipeline import source_date_epoch
from gazette.site import cache_plugin
from gazette.site.hooks import SITE_FILE
from tests.support import REPO, SEED, Project


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A stand-in for the package folder, so a test may add and edit its files."""
    root = tmp_path / "gazette"
    (root / "parse").mkdir(parents=True)
    (root / "parse" / "lines.py").write_text("x = 1\n")
    monkeypatch.setattr(fingerprint, "ROOT", root)
    fingerprint.package_fingerprint.cache_clear()
    yield root
    fingerprint.package_fingerprint.cache_clear()


def _fresh() -> str:
    fingerprint.package_fingerprint.cache_clear()
    return fingerprint.package_fingerprint()


def test_package_fingerprint_sees_any_new_or_changed_file(fake_package):
    before = _fresh()
    (fake_package / "newstage").mkdir()
    (fake_package / "newstage" / "rules.py").write_text("y = 2\n")  # a module no list names
    added = _fresh()
    assert added != before
    (fake_package / "newstage" / "rules.yaml").write_text("a: 1\n")  # data too, not only code
    with_data = _fresh()
    assert with_data != added
    (fake_package / "parse" / "lines.py").write_text("x = 2\n")
    assert _fresh() != with_data
    # Byte code is not source: a build that compiles modules does not change the key.
    current = _fresh()
    (fake_package / "parse" / "__pycache__").mkdir()
    (fake_package / "parse" / "__pycache__" / "lines.cpython-311.pyc").write_bytes(b"\0")
    assert _fresh() == current


def test_every_cache_key_takes_its_version_and_the_package(fake_package, tmp_path, monkeypatch):
    bulletin = tmp_path / "2020-04.txt"
    bulletin.write_text("公报\n", encoding="utf-8")
    key = parse_cache.ParseCache(tmp_path / "parsed").key(bulletin)
    assert parse_cache.ParseCache(tmp_path / "parsed").key(bulletin) == key  # stable
    monkeypatch.setattr(parse_cache, "FORMAT_VERSION", parse_cache.FORMAT_VERSION + 1)
    assert parse_cache.ParseCache(tmp_path / "parsed").key(bulletin) != key
    monkeypatch.undo()
    monkeypatch.setattr(fingerprint, "ROOT", fake_package)
    (fake_package / "render.py").write_text("z = 3\n")
    fingerprint.package_fingerprint.cache_clear()
    assert parse_cache.ParseCache(tmp_path / "parsed").key(bulletin) != key
    # Two caches never share keys, even at the same version.
    assert fingerprint.cache_fingerprint("parsed", 1) != fingerprint.cache_fingerprint("pages", 1)


def test_page_cache_keys_take_its_version_and_the_package(fake_package, tmp_path, monkeypatch):
    from gazette.site.config import load_mkdocs_config

    (tmp_path / "docs").mkdir()
    config = load_mkdocs_config(REPO / "mkdocs.yml", docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["gazette-cache"]

    def keys() -> tuple[str, str]:
        plugin.on_config(config)
        return plugin._markdown_fingerprint, plugin._template_fingerprint

    before = keys()
    assert keys() == before
    (fake_package / "site").mkdir()
    (fake_package / "site" / "newhook.py").write_text("w = 4\n")
    fingerprint.package_fingerprint.cache_clear()
    edited = keys()
    assert edited[0] != before[0] and edited[1] != before[1]
    monkeypatch.setattr(cache_plugin, "FORMAT_VERSION", cache_plugin.FORMAT_VERSION + 1)
    assert keys()[0] != edited[0]


def test_source_date_epoch_is_scoped_to_the_block(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with source_date_epoch():
        assert os.environ["SOURCE_DATE_EPOCH"] == "0"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    with source_date_epoch():
        assert os.environ["SOURCE_DATE_EPOCH"] == "1764460800"  # the caller's own wins
    assert os.environ["SOURCE_DATE_EPOCH"] == "1764460800"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with pytest.raises(RuntimeError), source_date_epoch():
        raise RuntimeError("mkdocs failed")
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored on failure too


def test_build_passes_its_cache_folder_and_leaves_the_environment_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    environment = dict(os.environ)
    project = Project(tmp_path / "project")
    project.add(SEED)
    elsewhere = tmp_path / "elsewhere-cache"
    code = project.build(cache_dir=elsewhere)
    assert code == 0, project.log
    assert dict(os.environ) == environment  # nothing set, nothing left behind
    pages = sorted(p.relative_to(elsewhere / "pages") for p in (elsewhere / "pages").rglob("*") if p.is_file())
    assert {p.parts[0] for p in pages} == {"html", "rendered", "source"}
    assert len([p for p in pages if p.parts[0] == "source"]) > 50  # pages outside the navigation, by source
    assert len([p for p in pages if p.parts[0] == "rendered"]) > 5  # the navigation's pages
    assert not (project.root / ".cache").exists()
    # The generated navigation is where the `gazette` plugin reads it (one constant for both sides).
    assert (project.docs / SITE_FILE).is_file()
    assert not (project.site / SITE_FILE).exists()  # a dot folder: not published
