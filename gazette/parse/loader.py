"""Parse a bulletin file with its archive's unit list and errata."""

from __future__ import annotations

from pathlib import Path

from gazette.model import ParsedIssue
from gazette.parse.issue import parse_source
from gazette.source.errata import apply_errata, load_errata
from gazette.source.reader import read_source
from gazette.units.registry import UnitRegistry, load_registry


def archive_files(path: Path) -> tuple[Path, Path]:
    """The unit list and errata file that sit beside a bulletin (bulletins/units.yaml …)."""
    folder = path.parent
    return folder / "units.yaml", folder / "errata.yaml"


def parse_file(path: Path | str, units: UnitRegistry | None = None, errata_file: Path | None = None) -> ParsedIssue:
    """Read, correct (errata keyed by the file name, e.g. 2020-04) and parse one bulletin."""
    path = Path(path)
    units_file, default_errata = archive_files(path)
    registry = units or load_registry(units_file)
    errata_path = errata_file or default_errata
    return parse_with(path, registry, load_errata(errata_path), errata_path)


def parse_with(path: Path, registry: UnitRegistry, errata: dict[str, list[dict]], errata_file: Path) -> ParsedIssue:
    """The one way a bulletin file is parsed: read, correct with its errata (keyed by the file
    name, e.g. 2020-04, from `errata` as loaded from `errata_file`) and parse."""
    source = read_source(path)
    applied = apply_errata(source, errata.get(path.stem, []), errata_file)
    return parse_source(source, registry, applied)
