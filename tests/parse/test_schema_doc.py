"""The JSON schema in README.md (cited by `parse --help`) names exactly the keys `parse --json` writes."""

from __future__ import annotations

import re
from pathlib import Path

from gazette.export import SCHEMA, issue_json

README = Path(__file__).resolve().parents[2] / "README.md"


def _schema_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split(f"### JSON schema (`{SCHEMA}`)", 1)[1]
    return section.split("```text", 1)[1].split("```", 1)[0]


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_readme_schema_names_the_keys_of_the_real_output(seed):
    data = issue_json(seed)
    block = _schema_block()
    documented = set(re.findall(r"\"([a-z_0-9]+)\"", block))
    written = _keys(data)
    assert written - documented == set()
    # Every documented name is a key the output writes, or a value it writes (block types).
    assert documented - written == {"paragraph", "table"}
    assert {block["type"] for block in data["documents"][0]["body"]["blocks"]} <= {"paragraph", "table"}
    assert f'"schema": "{SCHEMA}"' in block
