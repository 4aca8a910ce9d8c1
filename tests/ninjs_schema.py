"""The IPTC ninjs 3.1 JSON Schema (tests/data/ninjs), with format checks: what our API
and exports are held to."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ninjs" / "ninjs-schema_3.1.json").read_text()
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(document) -> list[str]:
    """Where and why the document is not valid ninjs 3.1 (empty when it is)."""
    return [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
