"""The package as a city office gets it: a wheel, installed in a fresh virtualenv whose PATH has
no Node, starts a new site (`gazette new`), builds it and searches it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import BULLETINS, REPO


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [name for name in out.decode("utf-8").split("\0") if name and (REPO / name).is_file()]


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """The gazette wheel and the wheels of its pinned dependencies, built from the tracked files only."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in tracked_files():
        if name == "pyproject.toml" or name == "README.md" or name.startswith("gazette/"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / name, source / name)
    wheels = tmp / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels),
         "--constraint", str(REPO / "requirements.lock"), str(source)])
    return wheels


def test_wheel_holds_every_file_of_the_package(wheelhouse):
    wheel = next(wheelhouse.glob("gazette-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    package = [name for name in tracked_files() if name.startswith("gazette/")]
    assert package and set(package) <= names, sorted(set(package) - names)
    assert "gazette/site/assets/lunr.min.js" in names
    # The package's data (templates, assets, word lists, help) is any city's: nothing of 阳泉 in it.
    with zipfile.ZipFile(wheel) as archive:
        data = {n: archive.read(n).decode("utf-8") for n in names if n.startswith("gazette/") and not n.endswith(".py")}
    assert len(data) >= 10 and not [n for n, text in data.items() if "阳泉" in text or "阳政" in text]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "gazette = gazette.cli:main" in text and "gazette = gazette.site.plugin:GazettePlugin" in text


def test_fresh_virtualenv_without_node_builds_and_searches_a_new_site(wheelhouse, tmp_path):
    venv = tmp_path / "venv"
    # A bare virtualenv; this pip installs into it (as its own would), offline from the wheelhouse.
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-compile",
         "--no-index", "--find-links", str(wheelhouse), "gazette"])
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = str(venv / "bin")  # the virtualenv only: no node, no npm
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    work = tmp_path / "work"
    work.mkdir()
    where = run([str(venv / "bin" / "python"), "-c", "import gazette; print(gazette.__file__)"], cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the installed copy, not this checkout

    created = run(["gazette", "new", "jincheng", "--title", "晋城市人民政府公报"], cwd=work, env=env)
    assert "晋城市人民政府公报" in created.stdout
    site_root = work / "jincheng"
    shutil.copyfile(BULLETINS / "jinzhong-2021-02.txt", site_root / "bulletins" / "2021-02.txt")
    built = subprocess.run(["gazette", "build", "--quiet"], cwd=site_root, env=env, capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "2021-02" in built.stderr and "正文覆盖率 100.00%" in built.stderr

    site = site_root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>晋城市人民政府公报</title>" in home and "主办：晋城市人民政府办公室" in home  # named for its city
    assert (site / "assets" / "lunr.min.js").read_bytes() == (REPO / "gazette/site/assets/lunr.min.js").read_bytes()
    assert (site / "2021/02/jzsrmzfl-003/1/index.html").exists()  # the 晋中 令's regulation, article by article
    assert not (site / "sitemap.xml").exists()  # no site_url yet

    found = run(["gazette", "search", "城市供热期", "--site", "jincheng/site", "--json", "--k", "3"], cwd=work, env=env)
    results = json.loads(found.stdout)
    assert results[0]["url"] == "2021/02/jzsrmzfl-003/1/#art-8", results
