"""A site's configuration, read from its mkdocs.yml in one place.

    site_name: 晋城市人民政府公报
    site_url: https://…/            # optional; with it the build writes sitemap.xml
    plugins:
      - gazette:
          city: 晋城市                # stripped from unit names: 晋城市卫健委 = 市卫健委
          publisher: 晋城市人民政府办公室

The build needs `city` before mkdocs runs (to parse), so it reads the file here; the option
types are validated by the plugin's own schema (gazette.site.plugin.GazetteConfig), so
mkdocs and the build accept exactly the same values. Then mkdocs validates the whole file
(`check_mkdocs_config`) before any page is written; what it says becomes one Chinese line
naming the file and line (exit 2).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gazette.errors import InputError
from gazette.source.clean import first_unsafe
from gazette.yamlfile import yaml_error

PLUGIN = "gazette"


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    site_name: str
    site_url: str | None = None
    city: str | None = None  # None: taken from each bulletin's title (Issue.city)
    publisher: str | None = None


def load_site_config(path: Path) -> SiteConfig:
    """The settings of the site whose mkdocs.yml is `path`; bad values raise InputError (file:line)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load  # mkdocs' loader: understands !ENV, !relative and INHERIT

    try:
        with path.open("rb") as handle:
            data = yaml_load(handle)
    except FileNotFoundError:
        raise InputError("这里没有网站配置 mkdocs.yml：用 `gazette new 文件夹 --title 某某市人民政府公报` 新建网站，"
                         "或用 --root 指定网站文件夹", path) from None
    except OSError as error:
        raise InputError(f"无法读取网站配置：{error.strerror}", path) from None
    except ConfigurationError as error:
        cause = error.__cause__ or error.__context__  # mkdocs wraps the YAML error, which knows the line
        if isinstance(cause, yaml.YAMLError):
            raise yaml_error(cause, path, "站点配置") from None
        raise InputError(f"站点配置无法读取：{' '.join(str(error).split())}", path) from None
    if not isinstance(data, dict):
        raise InputError("网站配置应为 YAML 映射（site_name: …）", path, 1)
    for key, value in data.items():
        if found := first_unsafe({key: value}):
            raise InputError(f"站点配置项 {key} 中有控制字符或无效字符 {'、'.join(found)}：请删除", path,
                             _line_of(path, str(key)))
    site_name = data.get("site_name")
    if not isinstance(site_name, str) or not site_name.strip():
        raise InputError("缺少 site_name（例如 site_name: 某某市人民政府公报）", path, _line_of(path, "site_name"))
    site_url = data.get("site_url")
    if site_url is not None and not isinstance(site_url, str):
        raise InputError("site_url 应为网址（https://…/），或不填", path, _line_of(path, "site_url"))
    options = _plugin_options(data.get("plugins"), path)
    return SiteConfig(path=path, site_name=site_name.strip(), site_url=site_url or None,
                      city=_text(options.get("city")), publisher=_text(options.get("publisher")))


def _plugin_options(plugins: Any, path: Path) -> dict[str, Any]:
    """The `gazette` plugin's options, validated by the plugin's schema."""
    from gazette.site.plugin import GazetteConfig

    if isinstance(plugins, dict):
        entries = [{name: value} for name, value in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    else:
        entries = []
    options: Any = None
    found = False
    for entry in entries:
        if entry == PLUGIN:
            found, options = True, {}
        elif isinstance(entry, dict) and PLUGIN in entry:
            found, options = True, entry[PLUGIN] or {}
    if not found:
        raise InputError("plugins 中缺少 gazette 插件（plugins: [gazette, gazette-cache]）",
                         path, _line_of(path, "plugins"))
    if not isinstance(options, dict):
        raise InputError("gazette 插件的选项应为映射（city: …，publisher: …）",
                         path, _line_of(path, "plugins"))
    schema = GazetteConfig(config_file_path=str(path))
    schema.load_dict(options)
    failed, _ = schema.validate()
    if failed:
        key, error = failed[0]
        raise InputError(f"plugins → gazette → {key} 取值无效：{error}", path, _line_of(path, key) or _line_of(path, "plugins"))
    return dict(schema)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _line_of(path: Path, key: str) -> int | None:
    """The first line that sets `key`, for the error message."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if line.lstrip(" -").startswith(f"{key}:"):
            return number
    return None


_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<problem>.*)", re.S)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_mkdocs_config(config_file: Path, **overrides: Any) -> Any:
    """mkdocs' own load_config (strict), its complaints as an InputError."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs.config")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        return load_config(str(config_file), strict=True, **overrides)
    except ConfigurationError as error:
        cause = error.__cause__ or error.__context__
        if isinstance(cause, yaml.YAMLError):
            raise yaml_error(cause, config_file, "站点配置") from None
        raise InputError(f"站点配置无法读取：{' '.join(str(error).split())}", config_file) from None
    except Abort:
        problem = collect.messages[0] if collect.messages else "mkdocs 拒绝了这份配置"
        match = _CONFIG_VALUE.match(problem)
        if match:
            key = match.group("key")
            raise InputError(f"站点配置项 {key} 有误：{' '.join(match.group('problem').split())}（请对照 mkdocs 文档改正）",
                             config_file, _line_of(config_file, key.split(".")[0])) from None
        raise InputError(f"站点配置有误：{' '.join(problem.split())}", config_file) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def check_mkdocs_config(config_file: Path) -> Any:
    """Validate mkdocs.yml on its own (stand-in folders for docs/ and site/, which may not exist
    yet), so that a broken file stops the build before any work."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gazette-config-") as scratch:
        (Path(scratch) / "docs").mkdir()
        return load_mkdocs_config(config_file, docs_dir=str(Path(scratch) / "docs"),
                                  site_dir=str(Path(scratch) / "site"))
