"""The fault suite: whatever the input or the machine does, the previous site stays byte for byte,
the exit code is 1 or 2 and stderr holds no traceback, only Chinese lines naming the cause.

One small project is built once (tests/fixtures/hostile.py, plain values); each case copies it,
breaks one thing and builds again through the command line (gazette.cli.main).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from gazette import cli
from gazette.build import swap
from tests.fixtures.hostile import bulletin_with, write_hostile_project
from tests.support import REPO

AS_OF = "2026-11-30"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Fault:
    """A copy of the built project, to break and build again."""

    def __init__(self, root: Path):
        self.root = root
        self.site = root / "site"
        self.bulletin = root / "bulletins" / "2021-01.txt"

    def build(self, capsys, *extra: str) -> tuple[int, str]:
        capsys.readouterr()
        code = cli.main(["build", "--root", str(self.root), "-q", "--as-of", AS_OF, *extra])
        return code, capsys.readouterr().err

    def change_bulletin(self) -> None:
        """A new version of the issue, so the failing build has something new to publish."""
        self.bulletin.write_text(self.bulletin.read_text(encoding="utf-8").replace("请认真贯彻执行", "请遵照执行"),
                                 encoding="utf-8")

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if ".staging-" in p.name or ".old-" in p.name)


def assert_refused(code: int, err: str, *cause: str) -> None:
    assert code in (1, 2), err
    assert "Traceback" not in err and 'File "' not in err, err
    assert any(all(word in line for word in cause) for line in err.splitlines()), (cause, err)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("faults") / "project"
    (root / "bulletins").mkdir(parents=True)
    write_hostile_project(root, bulletin_with())
    shutil.copyfile(REPO / "bulletins" / "units.yaml", root / "bulletins" / "units.yaml")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert cli.main(["build", "--root", str(root), "-q", "--as-of", AS_OF]) == 0
    return root


@pytest.fixture
def fault(built, tmp_path) -> Fault:
    shutil.copytree(built, tmp_path / "project", symlinks=True)
    return Fault(tmp_path / "project")


# --- the swap ------------------------------------------------------------------------------------

def test_a_successful_build_leaves_no_staging_and_the_swap_is_an_exchange(fault, capsys, monkeypatch):
    steps: list[str] = []
    monkeypatch.setattr(swap, "after_step", steps.append)
    fault.change_bulletin()
    code, err = fault.build(capsys)
    assert code == 0, err
    assert steps == ["exchange", "remove", "exchange", "remove"]  # docs, then site: renameat2 each
    assert fault.leftovers() == []
    assert "请遵照执行" in (fault.site / "2021/01/czf-2021-001/index.html").read_text(encoding="utf-8")


CRASH = textwrap.dedent("""
    import os, sys
    from gazette import cli
    from gazette.build import swap
    crash_at, live_name = int(sys.argv[1]), sys.argv[2]
    if sys.argv[3] == "fallback":
        swap.exchange = lambda a, b: False
    seen = []
    def step(name):
        seen.append(name)
        if len(seen) == crash_at:
            os._exit(137)  # as kill -9: no finally, no cleanup
    swap.after_step = step
    sys.exit(cli.main(sys.argv[4:]))
""")


@pytest.mark.parametrize(("mode", "crash_at"), [("exchange", 1), ("exchange", 2), ("exchange", 3), ("exchange", 4),
                                                ("fallback", 1), ("fallback", 4), ("fallback", 5), ("fallback", 6)])
def test_a_crash_between_any_two_steps_of_the_swap_keeps_a_whole_site(fault, capsys, mode, crash_at):
    """kill -9 after each step: site/ is the whole old site or the whole new one, and the next
    build recovers (puts the old one back if need be) and removes what the dead build left."""
    before = _snapshot(fault.site)
    fault.change_bulletin()
    args = ["build", "--root", str(fault.root), "-q", "--as-of", AS_OF]
    result = subprocess.run([sys.executable, "-c", CRASH, str(crash_at), "site", mode, *args], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 137, result.stderr
    after = _snapshot(fault.site) if fault.site.exists() or mode == "exchange" else None
    if after is None:  # fallback, crashed between its two renames: the next build puts the old one back
        swap.recover(fault.site)
        after = _snapshot(fault.site)
        assert after == before
    assert after == before or "请遵照执行" in after["2021/01/czf-2021-001/index.html"].decode()
    assert "index.html" in after and "search/meta.js" in after or "index.html" in after  # a whole site
    code, err = fault.build(capsys)
    assert code == 0, err
    assert fault.leftovers() == []


def test_stale_staging_of_dead_builds_is_removed(fault, capsys):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    for name in (f".site.staging-{pid}", f".docs.staging-{pid}", f".site.old-{pid}"):
        (fault.root / name / "x").mkdir(parents=True)
    (fault.root / "build" / f"site-{pid}").mkdir(parents=True)  # the layout before the exchange
    code, err = fault.build(capsys)
    assert code == 0, err
    assert fault.leftovers() == []
    assert list((fault.root / "build").iterdir()) == []


def test_site_on_a_tmpfs_of_its_own(fault, capsys, tmp_path):
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("mount -t tmpfs refused here (needs root in a namespace that allows mounts)")
    try:
        site = mount / "site"
        code, err = fault.build(capsys, "--site", str(site))
        assert code == 0, err
        before = _snapshot(site)
        fault.change_bulletin()
        code, err = fault.build(capsys, "--site", str(site))  # a second build: an exchange on the tmpfs
        assert code == 0, err
        new = _snapshot(site)
        assert new != before and "index.html" in new
        assert sorted(p.name for p in mount.iterdir()) == ["site"]
        fault.bulletin.write_bytes(b"")
        code, err = fault.build(capsys, "--site", str(site))
        assert_refused(code, err, "2021-01.txt", "空文件")
        assert _snapshot(site) == new
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# --- the machine ---------------------------------------------------------------------------------

def test_disk_full_on_a_tiny_tmpfs(fault, capsys, tmp_path):
    """A filesystem that holds the site once, not twice: the new one cannot be staged."""
    size = sum(len(b) for b in _snapshot(fault.site).values())
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size * 1.5) // 1024}k", "tmpfs", str(mount)],
                      capture_output=True).returncode:
        pytest.skip("mount -t tmpfs refused here")
    try:
        shutil.copytree(fault.site, mount / "site")
        before = _snapshot(mount / "site")
        fault.change_bulletin()
        code, err = fault.build(capsys, "--site", str(mount / "site"))
        assert_refused(code, err, "磁盘空间已满")
        assert _snapshot(mount / "site") == before
        assert sorted(p.name for p in mount.iterdir()) == ["site"]  # the half-staged site is gone
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize(("code_", "cause"), [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读"),
                                              (errno.EACCES, "没有读写权限"), (errno.EIO, "读写出错")])
def test_injected_write_errors(fault, capsys, monkeypatch, code_, cause):
    """Any write of the build failing (here: the Atom feeds) is one line naming the path and what to do."""
    before = _snapshot(fault.site)
    from gazette.build import pipeline

    def refuse(archive, site, url, outputs=None, page_keys=None):
        raise OSError(code_, os.strerror(code_), str(site / "feeds" / "all.xml"))

    monkeypatch.setattr(pipeline, "write_feeds", refuse)
    fault.change_bulletin()
    code, err = fault.build(capsys)
    assert_refused(code, err, cause, "feeds/all.xml")
    assert _snapshot(fault.site) == before
    assert fault.leftovers() == []


def test_a_read_only_project(fault, capsys, tmp_path):
    """The whole project on a read-only bind mount (root ignores chmod): no lock, no build, one line."""
    view = tmp_path / "readonly"
    view.mkdir()
    if subprocess.run(["mount", "--bind", "-o", "ro", str(fault.root), str(view)], capture_output=True).returncode:
        pytest.skip("bind mounts refused here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=False, capture_output=True)
        before = _snapshot(view / "site")
        capsys.readouterr()
        code = cli.main(["build", "--root", str(view), "-q", "--as-of", AS_OF])
        err = capsys.readouterr().err
        assert_refused(code, err, "只读")
        assert _snapshot(view / "site") == before
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_bulletin_deleted_mid_build(fault, capsys, monkeypatch):
    from gazette.build import cache

    before = _snapshot(fault.site)
    original = cache.ParseCache.key

    def vanish(self, bulletin, *extra, **options):
        bulletin.unlink()
        return original(self, bulletin, *extra, **options)

    monkeypatch.setattr(cache.ParseCache, "key", vanish)
    code, err = fault.build(capsys)
    assert_refused(code, err, "2021-01.txt", "不存在")
    assert _snapshot(fault.site) == before


def test_a_bulletin_unreadable_mid_build(fault, capsys, monkeypatch):
    before = _snapshot(fault.site)
    real = Path.read_bytes

    def denied(path):
        if path.name == "2021-01.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    code, err = fault.build(capsys)
    assert_refused(code, err, "2021-01.txt", "权限")
    assert _snapshot(fault.site) == before


def test_a_second_build_while_one_runs_stops_with_one_line(fault, capsys):
    before = _snapshot(fault.site)
    with FileLock(fault.root / ".cache" / swap.LOCK_FILE, timeout=0):
        fault.change_bulletin()
        code, err = fault.build(capsys)
    assert_refused(code, err, "另一个构建正在进行")
    assert _snapshot(fault.site) == before


def test_two_builds_at_once(fault):
    """Two real processes: one builds, the other builds after it or stops with the lock's line."""
    fault.change_bulletin()
    args = [sys.executable, "-m", "gazette", "build", "--root", str(fault.root), "-q", "--as-of", AS_OF]
    runs = [subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read() if run.stderr else "") for run in runs]
    assert 0 in [code for code, _ in results], results
    for code, err in results:
        assert "Traceback" not in err
        if code:
            assert_refused(code, err, "另一个构建正在进行")
    assert "请遵照执行" in (fault.site / "2021/01/czf-2021-001/index.html").read_text(encoding="utf-8")
    assert fault.leftovers() == []


# --- input: names, characters, values, configuration ---------------------------------------------

@pytest.mark.parametrize("name", ["..-...txt", "2020第6期.txt", "2020-6.txt", "2021-01.txt.txt", "a\nb.txt",
                                  "9999-01.txt", "2021-00.txt", "2021-01 .txt", "2021-01\udcff.txt"])
def test_hostile_file_names(fault, capsys, name):
    before = _snapshot(fault.site)
    os.rename(fault.bulletin, os.fsencode(fault.bulletin.parent / name))
    code, err = fault.build(capsys)
    assert_refused(code, err, "不是期号", "年-期号.txt")
    assert _snapshot(fault.site) == before
    assert not (fault.root / "index.md").exists() and not (fault.root / "2021").exists()


@pytest.mark.parametrize(("what", "payload"), [("errata", "corrected: \"为了\\x1b规范\""), ("errata", "corrected: \"为了\\ud800规范\""),
                                               ("units", "- name: \"市\\x00局\""), ("mkdocs", "site_description: \"\\ud800\"")])
def test_characters_no_writer_takes_are_rejected_where_they_enter(fault, capsys, what, payload):
    before = _snapshot(fault.site)
    if what == "errata":
        errata = fault.root / "bulletins" / "errata.yaml"
        entry = yaml.safe_load(errata.read_text(encoding="utf-8"))[0]
        errata.write_text(f"- issue: '{entry['issue']}'\n  line: {entry['line']}\n  original: {entry['original']}\n"
                          f"  {payload}\n  reason: 测试\n", encoding="utf-8")
        cause = "errata.yaml"
    elif what == "units":
        units = fault.root / "bulletins" / "units.yaml"
        units.write_text(units.read_text(encoding="utf-8") + payload + "\n", encoding="utf-8")
        cause = "units.yaml"
    else:
        config = fault.root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_description:", f"{payload}\n#"),
                          encoding="utf-8")
        cause = "mkdocs.yml"
    code, err = fault.build(capsys)
    assert_refused(code, err, cause, "字符")
    assert _snapshot(fault.site) == before


def test_control_characters_in_bulletin_text_are_removed_with_a_finding(fault, capsys):
    text = fault.bulletin.read_text(encoding="utf-8")
    fault.bulletin.write_text(text.replace("王勇任职", "王\x0b勇\x1b任职").replace("请认真", "请\x7f认真"), encoding="utf-8")
    code, err = fault.build(capsys)
    assert code == 0, err
    assert "控制字符" in err and "U+000B" in err
    assert "王勇任职" in (fault.site / "feeds" / "all.xml").read_text(encoding="utf-8")
    for path in fault.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv"):
            assert "\x1b" not in path.read_text(encoding="utf-8"), path


def test_dates_out_of_range_are_findings(fault, capsys):
    text = fault.bulletin.read_text(encoding="utf-8")
    fault.bulletin.write_text(text.replace("2021年1月5日", "9999年12月31日").replace("2021年底前", "9999年底前"),
                              encoding="utf-8")
    code, err = fault.build(capsys)
    assert code == 0, err
    assert "不可能的年份" in err and "年份 9999" in err
    before = _snapshot(fault.site)
    code, err = fault.build(capsys, "--strict")  # a finding: --strict refuses, the site stays
    assert_refused(code, err, "--strict")
    assert _snapshot(fault.site) == before


def test_errata_for_unknown_issues_and_pdfs_without_text_are_findings(fault, capsys):
    errata = fault.root / "bulletins" / "errata.yaml"
    errata.write_text(errata.read_text(encoding="utf-8") + "- {issue: '2019-07', line: 3, original: 甲, corrected: 乙, "
                      "reason: 测试}\n", encoding="utf-8")
    (fault.root / "bulletins" / "2021-02.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    before = _snapshot(fault.site)
    code, err = fault.build(capsys, "--strict")
    assert_refused(code, err, "--strict")
    assert "2019-07" in err and "2021-02.pdf" in err
    assert _snapshot(fault.site) == before


def test_configuration_values_are_escaped(fault, capsys):
    config = fault.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_description: ", "site_author: '<img src=x onerror=alert(8)>'\nsite_description: </title><script>alert(9)</script>"),
        encoding="utf-8")
    code, err = fault.build(capsys)
    assert code == 0, err
    html = (fault.site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(9)" not in html and "&lt;script&gt;alert(9)" in html
    assert "<img src=x" not in html


def test_the_csp_cannot_be_switched_off_by_page_content():
    from gazette.site.security import CSP_MARKER, with_csp

    page = f'<html><head><meta charset="utf-8"><title>x</title></head><body><p>{CSP_MARKER}</p><script>alert(1)</script></body></html>'
    secured = with_csp(page)
    assert secured.index('<meta http-equiv="Content-Security-Policy"') < secured.index("<title>")
    assert with_csp(secured) == secured  # a page reused from the cache keeps exactly one policy
