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
    # The browser half of the query semantics goes along: a site never pairs a new index with an old search.js.
    (site / "assets" / "search.js").write_text("/* stale */", encoding="utf-8")
    assert run_index(BuildOptions(root=REPO, bulletins=three_issue_site.bulletins, site_dir=site,
                                  cache_dir=tmp_path / "cache", as_of=AS_OF, quiet=True, out=io.StringIO())) == 0
    assert (site / "assets" / "search.js").read_bytes() == (three_issue_site.site / "assets" / "search.js").read_bytes()


def test_index_without_a_site_says_so_in_one_line(tmp_path):
    (tmp_path / "bulletins").mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and "Traceback" not in result.stderr + result.stdout
    assert result.stdout.strip().splitlines() == ["错误：site: 这里还没有构建好的网站：请先运行 gazette build"]
