"""`gazette new`: a site for any city, configured in its own files, built like this repository's."""

from __future__ import annotations

import gzip
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from gazette.build.pipeline import BuildOptions, run_build
from gazette.cli import main
from gazette.errors import InputError
from gazette.site.config import load_site_config
from gazette.site.scaffold import new_site
from gazette.units.registry import load_registry
from tests.support import BULLETINS, REPO

TEXT_SUFFIXES = {".html", ".md", ".json", ".js", ".css", ".xml", ".txt", ".yml", ".yaml"}


def build(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = run_build(BuildOptions(root=root, quiet=True, out=out))
    return code, out.getvalue()


def test_new_writes_a_configured_site(tmp_path, capsys):
    assert main(["new", str(tmp_path / "jincheng"), "--title", "晋城市人民政府公报"]) == 0
    printed = capsys.readouterr().out
    root = tmp_path / "jincheng"
    assert {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} == {
        "mkdocs.yml", "README.md", ".gitignore", "bulletins/units.yaml", "bulletins/errata.yaml"}
    assert "晋城市人民政府公报" in printed and "gazette build" in printed
    config = load_site_config(root / "mkdocs.yml")
    assert (config.site_name, config.city, config.publisher, config.site_url) == (
        "晋城市人民政府公报", "晋城市", "晋城市人民政府办公室", None)
    mkdocs_yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^# site_url: https://", mkdocs_yml, re.M)  # left for the maintainer, with a comment
    assert "site_url" in printed  # and `gazette new` asks for it
    assert "gazette/site" not in mkdocs_yml and "hooks:" not in mkdocs_yml  # nothing points into the package
    for name in ("units.yaml", "errata.yaml"):  # empty, explained in comments
        text = (root / "bulletins" / name).read_text(encoding="utf-8")
        assert yaml.safe_load(text) is None and text.count("\n# ") >= 4
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "gazette build" in readme and "gazette import" in readme and "errata.yaml" in readme


def test_new_takes_city_and_publisher_and_never_writes_yaml_syntax(tmp_path):
    title = '某县: "公报" #1 {x}'
    site = new_site(tmp_path / "s", title, city="某县", publisher="某县人民政府办公室 & 编辑部")
    config = load_site_config(tmp_path / "s" / "mkdocs.yml")
    assert (config.site_name, config.city, config.publisher) == (title, "某县", "某县人民政府办公室 & 编辑部")
    assert site.config == config


@pytest.mark.parametrize("args, message", [
    (["--title", "晋城市人民政府公报\nsite_url: x"], "--title 应为一行文字"),
    (["--title", "  "], "--title"),
])
def test_new_rejects_bad_titles_in_one_line(tmp_path, capsys, args, message):
    assert main(["new", str(tmp_path / "s"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "s").exists()


def test_new_never_overwrites(tmp_path, capsys):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "s"), "--title", "晋城市人民政府公报"]) == 2
    assert "不是空的" in capsys.readouterr().err
    assert (tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"


def test_this_repository_is_built_the_same_way_as_a_new_site(tmp_path):
    """The 阳泉 site's mkdocs.yml and the template of new sites differ only in what is the site's own."""
    new_site(tmp_path / "s", "晋城市人民政府公报")
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    new = yaml.safe_load((tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8"))

    def plugins(config):
        return [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]

    assert plugins(ours) == plugins(new), "add the plugin to gazette/site/starter/mkdocs.yml too"
    for key in ("theme", "validation", "docs_dir", "site_dir", "use_directory_urls", "strict"):
        assert ours.get(key) == new.get(key), key
    assert [str(e) if isinstance(e, str) else next(iter(e)) for e in ours["markdown_extensions"]] == [
        str(e) if isinstance(e, str) else next(iter(e)) for e in new["markdown_extensions"]]
    assert load_site_config(REPO / "mkdocs.yml").city == "阳泉市"


def all_text(folder: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES}


@pytest.mark.parametrize("fixture, title, key", [
    ("jinzhong-2021-02.txt", "晋中市人民政府公报", "2021-02"),
    ("datong-2020-06.txt", "大同市人民政府公报", "2020-06"),
])
def test_other_cities_build_into_their_own_sites_without_yangquan(tmp_path, fixture, title, key):
    root = tmp_path / "site-root"
    address = "https://www.example.gov.cn/gongbao" if key == "2020-06" else None  # given without its final /
    new_site(root, title, site_url=address)
    shutil.copyfile(BULLETINS / fixture, root / "bulletins" / f"{key}.txt")
    city = title[:3]
    # The site's unit list, written with the city's name: the configured city is stripped before lookup.
    (root / "bulletins" / "units.yaml").write_text(
        f"- {{name: {city}卫生健康委员会, short: {city}卫健委}}\n- {{name: {city}教育局, short: {city}教育局}}\n",
        encoding="utf-8")
    code, log = build(root)
    assert code == 0, log
    # No Makefile in a new site: the report names a command that works there.
    assert "make serve" not in log and "python -m http.server --directory site 8000" in log
    texts = {**all_text(root / "docs"), **all_text(root / "site")}
    assert len(texts) > 40
    leaks = sorted(str(p) for p, text in texts.items() if "阳泉" in text or "阳政" in text)
    assert not leaks
    home = texts[root / "site" / "index.html"]
    assert f"<title>{title}</title>" in home and f"主办：{city}人民政府办公室" in home
    help_page = texts[root / "site" / "help" / "index.html"]
    assert re.search(r"<code>[^<]*〔20\d\d〕\d+号</code>", help_page)  # 文号 examples from this site
    pages = sorted(p.parent for p in (root / "site").rglob("index.html"))
    if key == "2020-06":
        # with site_url: the sitemap lists every page, once
        sitemap = texts[root / "site" / "sitemap.xml"]
        locs = re.findall(r"<loc>https://www\.example\.gov\.cn/gongbao/([^<]*)</loc>", sitemap)
        expected = sorted((p.relative_to(root / "site").as_posix() + "/").removeprefix("./") for p in pages)
        assert sorted(locs) == expected
        assert len(locs) == len(pages) > 30
        assert "<lastmod>" not in sitemap  # mkdocs would date every page with the build's epoch
        packed = (root / "site" / "sitemap.xml.gz").read_bytes()
        assert gzip.decompress(packed).decode("utf-8") == sitemap
        assert build(root)[0] == 0  # deterministic: the same bytes again
        assert (root / "site" / "sitemap.xml.gz").read_bytes() == packed
        assert (root / "site" / "sitemap.xml").read_text(encoding="utf-8") == sitemap
        assert "市卫健委" not in log and "市教育局" not in log  # listed units are not reported as unknown
        # absolute links: canonical on every page, feeds, the ledger's ICS and XLSX
        base = "https://www.example.gov.cn/gongbao/"
        assert all(f'<link rel="canonical" href="{base}' in texts[p / "index.html"] for p in pages)
        feed = texts[root / "site" / "feeds" / "all.xml"]
        assert re.findall(r'<link href="([^"]+)" rel="alternate"', feed) and all(
            h.startswith(base) for h in re.findall(r'<link href="([^"]+)"', feed))
        ics = (root / "site" / "ledger" / "全部任务台账.ics").read_text(encoding="utf-8")
        urls = re.findall(r"^URL:(.+)$", ics.replace("\r\n ", ""), re.M)
        assert urls and all(u.strip().startswith(base) and "#" in u for u in urls)
        from openpyxl import load_workbook

        sheet = load_workbook(root / "site" / "ledger" / "全部任务台账.xlsx").active
        links = [c.hyperlink.target for c in next(sheet.iter_cols(min_col=14, max_col=14, min_row=2))]
        assert links and all(link.startswith(base) for link in links)
        assert "site_url" not in log
    else:
        assert not (root / "site" / "sitemap.xml").exists() and not (root / "site" / "sitemap.xml.gz").exists()
        assert 'rel="canonical"' not in home
        # the report says what is missing, in one line
        assert len([line for line in log.splitlines() if "未填写 site_url" in line]) == 1


def test_configured_city_is_stripped_from_unit_names(tmp_path):
    units = tmp_path / "units.yaml"
    units.write_text("- {name: 晋城市卫生健康委员会, short: 晋城市卫健委}\n", encoding="utf-8")
    registry = load_registry(units, city="晋城市")
    assert registry.resolve("市卫健委") == registry.resolve("晋城市卫生健康委员会") == "晋城市卫生健康委员会"
    assert load_registry(units, city="晋中市").resolve("市卫健委") is None


@pytest.mark.parametrize("text, message, line", [
    ("site_name: x\nplugins:\n  - gazette:\n      city: [1\n", "站点配置不是有效的 YAML", 5),
    ("site_name: x\nplugins:\n  - gazette-cache\n", "缺少 gazette 插件", 2),
    ("site_name: x\nplugins:\n  - gazette:\n      city: 12\n", "plugins → gazette → city 取值无效", 4),
    ("plugins:\n  - gazette\n", "缺少 site_name", None),
])
def test_bad_configuration_is_one_line_naming_file_and_line(tmp_path, text, message, line):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_site_config(path)
    assert message in str(raised.value) and raised.value.path == path and raised.value.line == line


def test_build_without_configuration_says_how_to_start(tmp_path):
    (tmp_path / "bulletins").mkdir()
    code, log = build(tmp_path)
    assert code == 2 and "错误：mkdocs.yml: 这里没有网站配置" in log and "gazette new" in log  # as the project names it


def test_build_with_bad_configuration_keeps_the_previous_site(tmp_path):
    root = tmp_path / "s"
    new_site(root, "晋中市人民政府公报")
    shutil.copyfile(BULLETINS / "jinzhong-2021-02.txt", root / "bulletins" / "2021-02.txt")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('city: "晋中市"', "city: {a: 1}"), encoding="utf-8")
    code, log = build(root)
    assert code == 2
    assert log.startswith(f"错误：{config.name}:") and "plugins → gazette → city" in log
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize("address", ["www.example.gov.cn", "javascript:alert(1)", "https://x/ y", 'https://x/"a', "ftp://x/"])
def test_new_refuses_a_site_url_that_is_not_an_address(tmp_path, address):
    with pytest.raises(InputError, match="--site-url"):
        new_site(tmp_path / "s", "晋城市人民政府公报", site_url=address)
    assert not (tmp_path / "s").exists()
