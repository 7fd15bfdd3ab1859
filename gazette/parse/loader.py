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
    source = read_source(path)
    entries = load_errata(errata_path).get(path.stem, [])
    applied = apply_errata(source, entries, errata_path)
    return parse_source(source, registry, applied)
