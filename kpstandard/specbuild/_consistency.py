"""Checks across the files of the standard that no single file can make on its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kpstandard.findings import CODES
from kpstandard.model.meta import Model
from kpstandard.validation.rules import RULES


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def requirement_ids(spec: Path) -> set[str]:
    """The ids of spec/text/requirements.yaml."""
    return {r["id"] for r in _yaml(spec / "text" / "requirements.yaml")["requirements"]}


def consistency_problems(model: Model, spec: Path) -> list[str]:
    """Return every cross-file inconsistency of the standard under ``spec``, as sentences."""
    problems: list[str] = []
    known = requirement_ids(spec)
    for document in model.documents:
        for node in document.root.walk():
            for requirement in node.requirements:
                if requirement not in known:
                    problems.append(
                        f"{node.id} cites {requirement}, which spec/text does not define"
                    )
    for code in CODES.values():
        if code.requirement not in known:
            problems.append(f"finding code {code.code} cites unknown {code.requirement}")
    assert set(RULES) <= set(CODES)  # every rule is a finding code of the catalogue
    schema = json.loads((spec / "codelists" / "codelist.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((spec / "codelists").glob("*.yaml")):
        for error in validator.iter_errors(_yaml(path)):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"spec/codelists/{path.name} at /{where}: {error.message}")
    return problems
