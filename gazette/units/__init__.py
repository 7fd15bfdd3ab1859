"""Responsible units: canonical names and aliases, and the resolver tasks use."""

from gazette.units.registry import UnitRegistry, load_registry

__all__ = ["UnitRegistry", "load_registry"]
