"""The repository itself: no machine paths, lunr.js shipped in the package at the pinned version."""

from __future__ import annotations

import re
import subprocess
from importlib import resources

import lunr

from tests.support import REPO

# An absolute path on a machine under work, tmp, home or root (the pattern is split so this file does not match).
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:wo" r"rk|tm" r"p|ho" r"me|ro" r"ot)/")
LUNR_VERSION = "2.3.9"


def test_no_machine_paths_in_tracked_files():
    names = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    found = []
    for name in names.decode("utf-8").split("\0"):
        path = REPO / name
        if not name or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary
        found += [f"{name}:{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1)
                  if MACHINE_PATH.search(line)]
    assert not found, "\n".join(found)


def test_machine_path_pattern_catches_paths():
    assert MACHINE_PATH.search('QUERIES = Path("/' 'work/shared/eval/q.json")')
    assert MACHINE_PATH.search("see /" "tmp/x and")
    assert not MACHINE_PATH.search("https://example.org/work/x") and not MACHINE_PATH.search("~/work/")


def test_lunr_js_ships_in_the_package_at_the_version_of_the_index():
    shipped = resources.files("gazette.site").joinpath("assets/lunr.min.js").read_text(encoding="utf-8")
    assert f"Not as bright - {LUNR_VERSION}".lower() in shipped[:200].lower()
    assert f'e.version="{LUNR_VERSION}"' in shipped
    # the index is written by lunr.py for this lunr.js version, and mkdocs ships the same version
    assert lunr.__TARGET_JS_VERSION__ == LUNR_VERSION
    mkdocs_lunr = resources.files("mkdocs.contrib.search").joinpath("templates/search/lunr.js").read_text(
        encoding="utf-8")
    assert f'lunr.version = "{LUNR_VERSION}"' in mkdocs_lunr


def test_built_site_serves_the_shipped_lunr(seed_site):
    """The site's JavaScript is one file, site.js: the package's scripts with the shipped lunr.js before the
    search (one request); lunr.min.js stays beside it for a page or script that loads it alone."""
    assets = resources.files("gazette.site").joinpath("assets")
    shipped = assets.joinpath("lunr.min.js").read_text(encoding="utf-8")
    assert (seed_site.site / "assets" / "lunr.min.js").read_text(encoding="utf-8") == shipped
    served = (seed_site.site / "assets" / "site.js").read_text(encoding="utf-8")
    places = [served.index(assets.joinpath(name).read_text(encoding="utf-8").rstrip())
              for name in ("gazette.js", "ledger.js", "lunr.min.js", "search.js")]
    assert places == sorted(places) and served.count(f'e.version="{LUNR_VERSION}"') == 1
    assert not any((seed_site.site / "assets" / name).exists() for name in ("gazette.js", "ledger.js", "search.js"))


def test_make_site_needs_no_node():
    """Only the tests and benchmarks use Node tools: building the site runs no npm."""
    site = subprocess.run(["make", "-n", "-B", "site"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "gazette build" in site and "npm" not in site
    for target in ("test", "bench-search", "bench-scale"):
        plan = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True, check=True).stdout
        assert "npm ci" in plan, target
