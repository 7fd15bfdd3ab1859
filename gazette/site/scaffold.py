"""`gazette new DIR --title 某某市人民政府公报`: a new bulletin site, ready for `gazette build`.

Writes mkdocs.yml (site name, city, publisher, `site_url` from --site-url or left to fill in), bulletins/
with an empty unit list and errata file explained in comments, a README and a .gitignore, from
the templates in gazette/site/starter/. The theme, hooks and plugins stay in the installed
package: the site's files only name them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from gazette.errors import InputError
from gazette.model import Issue
from gazette.site.config import SiteConfig, load_site_config

# template in gazette/site/starter/ -> file in the new site
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "units.yaml": "bulletins/units.yaml",
    "errata.yaml": "bulletins/errata.yaml",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class NewSite:
    folder: Path
    files: list[Path]
    config: SiteConfig


def city_of(title: str) -> str | None:
    """The city a bulletin title names (晋城市人民政府公报 -> 晋城市), by the parser's own rule."""
    return Issue(title=title, year=None, number=None, total_number=None, date=None, publisher=None,
                 frequency=None).city


def publisher_of(title: str) -> str | None:
    """The usual publisher of a 人民政府公报: the government's general office (办公室)."""
    return title.removesuffix("公报") + "办公室" if title.endswith("人民政府公报") else None


def _check(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or _CONTROL.search(value) or len(value) > 60:
        raise InputError(f"{name} 应为一行文字（不超过 60 个字符）：{value!r}")
    return value


_SITE_URL = re.compile(r"^https?://[^\s/?#\"'<>\\]+(/[^\s?#\"'<>\\]*)?$")
SITE_URL_EXAMPLE = "https://www.example.gov.cn/gongbao/"


def _check_site_url(value: str | None) -> str | None:
    """The site's address as mkdocs wants it: http(s), a host, a path ending in /."""
    if value is None:
        return None
    value = value.strip()
    if not _SITE_URL.match(value):
        raise InputError(f"--site-url 应为本站的正式网址，例如 {SITE_URL_EXAMPLE}：{value!r}")
    return value if value.endswith("/") else value + "/"


def new_site(folder: Path, title: str, city: str | None = None, publisher: str | None = None,
             site_url: str | None = None) -> NewSite:
    """Create the site in `folder` (new or empty); never overwrites anything."""
    site_title = _check("--title", title)
    if site_title is None:
        raise InputError("必须给出 --title，例如 --title 晋城市人民政府公报")
    site_city = _check("--city", city) or city_of(site_title)
    site_publisher = _check("--publisher", publisher) or publisher_of(site_title)
    address = _check_site_url(site_url)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError("文件夹已存在且不是空的：请换一个新文件夹", folder)
    values = {
        "title": site_title,
        "title_yaml": _yaml_text(site_title),
        "description_yaml": _yaml_text(f"{site_title}全文：逐条可链接、可检索、可按期号栏目单位浏览"),
        "city_yaml": _yaml_text(site_city),
        "city_example": site_city or "某某市",
        "publisher_yaml": _yaml_text(site_publisher),
        "site_url_line": f"site_url: {_yaml_text(address)}" if address else f"# site_url: {SITE_URL_EXAMPLE}",
    }
    templates = resources.files("gazette.site").joinpath("starter")
    written: list[Path] = []
    for template, target in FILES.items():
        text = Template(templates.joinpath(template).read_text(encoding="utf-8")).substitute(values)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return NewSite(folder, written, load_site_config(folder / "mkdocs.yml"))


def _yaml_text(value: str | None) -> str:
    """A YAML scalar for `value`: a JSON string is a valid double-quoted YAML string; None is null."""
    return json.dumps(value, ensure_ascii=False) if value is not None else "null"
