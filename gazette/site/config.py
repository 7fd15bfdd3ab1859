"""Loading the site's mkdocs.yml: mkdocs validates it; we turn what it says into one Chinese line
naming the file and line (exit 2), before any page is written."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import yaml

from gazette.errors import InputError
from gazette.yamlfile import yaml_error

_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<problem>.*)", re.S)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _key_line(path: Path, key: str) -> int | None:
    """The line where a top-level key of the file is set (mkdocs names keys, not lines); the last
    one when it is set twice, as YAML keeps the last."""
    top = key.split(".")[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if re.match(rf"{re.escape(top)}\s*:", line)]
    return found[-1] if found else None


def load_site_config(config_file: Path, **overrides: Any) -> Any:
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
                             config_file, _key_line(config_file, key)) from None
        raise InputError(f"站点配置有误：{' '.join(problem.split())}", config_file) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def check_site_config(config_file: Path) -> Any:
    """Validate mkdocs.yml on its own (stand-in folders for docs/ and site/, which may not exist
    yet); the validated settings (site_url …) for the stages that need them."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gazette-config-") as scratch:
        (Path(scratch) / "docs").mkdir()
        return load_site_config(config_file, docs_dir=str(Path(scratch) / "docs"),
                                site_dir=str(Path(scratch) / "site"))
