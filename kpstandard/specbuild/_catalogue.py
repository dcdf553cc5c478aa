"""Generate the catalogue of finding codes and rules (``spec/catalogue/findings.json``).

Codes and rules are defined once, in the code; the catalogue is what other implementations cite.
"""

from __future__ import annotations

import json
from typing import Any

from kpstandard.findings import CODES
from kpstandard.model.meta import default_model
from kpstandard.validation.rules import RULES


def generate_catalogue(model_version: str) -> str:
    """Return the catalogue as JSON text: every code with its layer, severity and requirement."""
    entries = []
    for code in sorted(CODES.values(), key=lambda c: c.code):
        entry: dict[str, Any] = {
            "code": code.code,
            "layer": code.layer.value,
            "severity": code.severity.value,
            "requirement": code.requirement,
            "title": code.title,
        }
        rule = RULES.get(code.code)
        if rule is not None:
            entry["appliesTo"] = list(rule.applies_to)
            if rule.needs:
                entry["needs"] = list(rule.needs)
            # the versions of the standard whose documents the rule judges
            entry["versions"] = [v for v in default_model().spec_versions if rule.in_version(v)]
        entries.append(entry)
    catalogue = {
        "$comment": (
            f"GENERATED from the kpstandard code (model {model_version}) by `kpcert spec build`; "
            "do not edit. Codes are stable and never reused."
        ),
        "codes": entries,
    }
    return json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n"
