"""A malformed units.yaml, errata.yaml or mkdocs.yml: one line naming the file and line, exit 2,
no traceback, and the previous site stays as it was."""

from __future__ import annotations

import hashlib
import io
import shutil

import pytest

from gazette.build.pipeline import BuildOptions, run_build
from tests.support import BULLETINS, REPO


def _digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project with its own mkdocs.yml (theme, assets and plugins come from the package), built once."""
    root = tmp_path_factory.mktemp("config-files")
    (root / "bulletins").mkdir()
    shutil.copyfile(BULLETINS / "yangquan-2020-05.txt", root / "bulletins" / "2020-05.txt")
    for name in ("units.yaml", "errata.yaml"):
        shutil.copyfile(REPO / "bulletins" / name, root / "bulletins" / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    code, output = _build(root)
    assert code == 0, output
    return root


def _build(root) -> tuple[int, str]:
    out = io.StringIO()
    code = run_build(BuildOptions(root=root, quiet=True, out=out))
    return code, out.getvalue()


BROKEN = {
    # file: (text appended, line reported, words the message must hold)
    "bulletins/units.yaml": ("- name: [市城管局\n  short: 城管\n", "单位名录不是有效的 YAML"),
    "bulletins/errata.yaml": ("- issue: 2020-05\n  line: 第三行\n  original: a\n  corrected: b\n  reason: c\n",
                              "勘误的 line 应是正整数"),
    "mkdocs.yml": ("theme:\n  name: [material\n", "站点配置不是有效的 YAML"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_malformed_file_is_one_line_and_keeps_the_site(built, name):
    appended, words = BROKEN[name]
    target = built / name
    original = target.read_text(encoding="utf-8")
    before = _digest(built / "site"), _digest(built / "docs")
    target.write_text(original + appended, encoding="utf-8")
    try:
        code, output = _build(built)
    finally:
        target.write_text(original, encoding="utf-8")
    lines = output.strip().splitlines()
    assert code == 2 and len(lines) == 1, output
    line_number = len(original.splitlines()) + (2 if name != "bulletins/units.yaml" else 1)
    assert lines[0].startswith(f"错误：{name}:") and words in lines[0], lines[0]  # the path as the project names it
    assert int(lines[0].split(":")[1]) in (line_number - 1, line_number, line_number + 1), lines[0]
    assert "Traceback" not in output
    assert (_digest(built / "site"), _digest(built / "docs")) == before


def test_a_setting_mkdocs_rejects_names_its_line(built):
    target = built / "mkdocs.yml"
    original = target.read_text(encoding="utf-8")
    assert original.count("  - gazette-cache\n") == 1
    target.write_text(original.replace("  - gazette-cache\n", "  - gazette-cache\n  - no-such-plugin\n"), encoding="utf-8")
    try:
        code, output = _build(built)
    finally:
        target.write_text(original, encoding="utf-8")
    plugins_line = original.splitlines().index("plugins:") + 1
    assert code == 2 and output.count("\n") == 1
    assert output.startswith(f"错误：mkdocs.yml:{plugins_line}: 站点配置项 plugins 有误")
    assert "no-such-plugin" in output
