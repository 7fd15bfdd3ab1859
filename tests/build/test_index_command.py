"""`gazette index` (and build_index.py) rebuild the search index exactly as `gazette build` writes it."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys

from gazette.build.index import run_index
from gazette.build.pipeline import BuildOptions
from tests.support import AS_OF, REPO


def tree(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_index_rewrites_the_build_s_own_index(three_issue_site, tmp_path):
    built = tree(three_issue_site.site / "search")
    site = tmp_path / "site"
    shutil.copytree(three_issue_site.site, site)
    shutil.rmtree(site / "search")
    out = io.StringIO()
    code = run_index(BuildOptions(root=REPO, bulletins=three_issue_site.bulletins, site_dir=site,
                                  cache_dir=tmp_path / "cache", as_of=AS_OF, quiet=True, out=out))
    assert code == 0 and out.getvalue().startswith("已重建检索索引：")
    assert tree(site / "search") == built and len(built) > 40
    # The browser half of the query semantics goes along: a site never pairs a new index with an old search.js (in site.js).
    (site / "assets" / "site.js").write_text("/* stale */", encoding="utf-8")
    assert run_index(BuildOptions(root=REPO, bulletins=three_issue_site.bulletins, site_dir=site,
                                  cache_dir=tmp_path / "cache", as_of=AS_OF, quiet=True, out=io.StringIO())) == 0
    assert (site / "assets" / "site.js").read_bytes() == (three_issue_site.site / "assets" / "site.js").read_bytes()


def test_index_without_a_site_says_so_in_one_line(tmp_path):
    (tmp_path / "bulletins").mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and "Traceback" not in result.stderr + result.stdout
    assert result.stdout.strip().splitlines() == ["错误：site: 这里还没有构建好的网站：请先运行 gazette build"]


def test_index_of_a_site_built_by_an_older_version_asks_for_a_build(three_issue_site, tmp_path):
    """Pages of an older build load other scripts than this index needs: the index refuses, in one line,
    and leaves the site as it was."""
    site = tmp_path / "site"
    shutil.copytree(three_issue_site.site, site)
    (site / "assets" / "site.js").unlink()
    before = tree(site)
    out = io.StringIO()
    assert _index(three_issue_site.bulletins, site, tmp_path / "cache", out) == 2
    assert "网站由旧版本构建（没有 assets/site.js）" in out.getvalue() and "gazette build" in out.getvalue()
    assert "Traceback" not in out.getvalue() and tree(site) == before


def _index(bulletins, site, cache, out=None):
    return run_index(BuildOptions(root=REPO, bulletins=bulletins, site_dir=site, cache_dir=cache, as_of=AS_OF,
                                  quiet=True, out=out or io.StringIO()))


def test_index_never_writes_into_the_live_site(three_issue_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(three_issue_site.site, site)
    (site / "assets" / "site.js").write_text("/* stale */", encoding="utf-8")
    # Links to the live files: a write through a hard link of the staged copy would show here.
    (tmp_path / "old-search.js").hardlink_to(site / "assets" / "site.js")
    (tmp_path / "old-meta.js").hardlink_to(site / "search" / "meta.js")
    old_meta = (tmp_path / "old-meta.js").read_bytes()
    assert _index(three_issue_site.bulletins, site, tmp_path / "cache") == 0
    assert (tmp_path / "old-search.js").read_text(encoding="utf-8") == "/* stale */"
    assert (tmp_path / "old-meta.js").read_bytes() == old_meta
    assert tree(site) == tree(three_issue_site.site)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no staging left


def test_a_failing_index_keeps_the_previous_site(three_issue_site, tmp_path, monkeypatch):
    import errno

    import gazette.build.index as index_module

    site = tmp_path / "site"
    shutil.copytree(three_issue_site.site, site)
    before = tree(site)

    def disk_full(staged, *args, **kwargs):
        (staged / "search").mkdir(parents=True, exist_ok=True)
        (staged / "search" / "meta.js").write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(staged / "search" / "meta.js"))

    monkeypatch.setattr(index_module, "build_search_index", disk_full)
    out = io.StringIO()
    assert _index(three_issue_site.bulletins, site, tmp_path / "cache", out) == 1
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("错误：") and "磁盘空间已满" in lines[0] and "Traceback" not in out.getvalue()
    assert lines[1].startswith("检索索引未重建；原网站保持不变")
    assert tree(site) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_index_waits_for_no_build_it_says_one_is_running(three_issue_site, tmp_path):
    from gazette.build.swap import BuildLock

    site = tmp_path / "site"
    shutil.copytree(three_issue_site.site, site)
    before = tree(site)
    out = io.StringIO()
    with BuildLock(tmp_path / "cache"):
        assert _index(three_issue_site.bulletins, site, tmp_path / "cache", out) == 2
    assert "另一个构建正在进行" in out.getvalue() and "Traceback" not in out.getvalue()
    assert tree(site) == before
