"""Checks across the files of the standard that no single file can make on its own."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kpstandard.findings import CODES
from kpstandard.model.meta import Model
from kpstandard.signature import profile
from kpstandard.validation.rules import RULES

NORMATIVE_TEXTS = (
    "text/decision.md",
    "text/annex.md",
    "text/lifecycle.md",
    "text/printout.md",
    "exchange/protocol.md",
)
"""The text of the standard under ``spec/``: the Administrative Decision, its Technical Annex and
the parts the annex incorporates (Article 20). Every requirement of the catalogue is cited in one
of them, and every id they cite is in the catalogue."""

_REQUIREMENT = re.compile(r"\bKP-REQ-[0-9]{3}\b")


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
    problems.extend(_citation_problems(spec, known))
    schema = json.loads((spec / "codelists" / "codelist.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((spec / "codelists").glob("*.yaml")):
        data = _yaml(path)
        if path.name == "algorithms.yaml":  # its own shape: the register of Article 16
            errors = jsonschema.Draft202012Validator(ALGORITHMS_SCHEMA).iter_errors(data)
        else:
            errors = validator.iter_errors(data)
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"spec/codelists/{path.name} at /{where}: {error.message}")
    algorithms = spec / "codelists" / "algorithms.yaml"
    if algorithms.is_file():
        problems.extend(_register_problems(_yaml(algorithms)))
    return problems


def _citation_problems(spec: Path, known: set[str]) -> Iterator[str]:
    """The text and the catalogue are one instrument: each cites only what the other has."""
    cited: set[str] = set()
    for name in NORMATIVE_TEXTS:
        path = spec / name
        if not path.is_file():
            yield f"spec/{name}, a part of the text of the standard, is missing"
            continue
        found = set(_REQUIREMENT.findall(path.read_text(encoding="utf-8")))
        cited |= found
        for requirement in sorted(found - known):
            yield f"spec/{name} cites {requirement}, which spec/text/requirements.yaml lacks"
    for requirement in sorted(known - cited):
        yield (
            f"{requirement} is cited nowhere in the text of the standard "
            f"({', '.join(NORMATIVE_TEXTS)})"
        )


ALGORITHMS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "The register of signature algorithms (spec/codelists/algorithms.yaml)",
    "type": "object",
    "required": ["list", "version", "title", "key_types", "entries"],
    "additionalProperties": False,
    "properties": {
        "list": {"const": "algorithms"},
        "version": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "key_types": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/keyType"}},
        "entries": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/entry"}},
    },
    "$defs": {
        "version": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+$"},
        "status": {"enum": ["allowed", "deprecated", "proposed"]},
        "text": {"type": "string", "minLength": 1},
        "common": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
                "status": {"$ref": "#/$defs/status"},
                "since": {"$ref": "#/$defs/version"},
                "until": {"$ref": "#/$defs/version"},
                "deprecated_from": {
                    "type": "string",
                    "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
                    "description": "First date of issue from which a deprecated entry is refused.",
                },
                "source": {"$ref": "#/$defs/text"},
                "note": {"$ref": "#/$defs/text"},
            },
            "required": ["code", "status", "source"],
            "if": {"properties": {"status": {"enum": ["allowed", "deprecated"]}}},
            "then": {"required": ["since"]},
        },
        "keyType": {
            "$ref": "#/$defs/common",
            "properties": {
                "description": {"$ref": "#/$defs/text"},
                "min_bits": {"type": "integer", "minimum": 1},
                "curve": {"$ref": "#/$defs/text"},
                "code": True,
                "status": True,
                "since": True,
                "until": True,
                "deprecated_from": True,
                "source": True,
                "note": True,
            },
            "required": ["description"],
            "additionalProperties": False,
        },
        "entry": {
            "$ref": "#/$defs/common",
            "properties": {
                "kind": {"enum": ["signature", "digest", "canonicalization"]},
                "xmldsig": {"type": "string", "minLength": 1},
                "jws": {"type": "string", "minLength": 1},
                "key_types": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "code": True,
                "status": True,
                "since": True,
                "until": True,
                "deprecated_from": True,
                "source": True,
                "note": True,
            },
            "required": ["kind", "xmldsig"],
            "if": {"properties": {"kind": {"const": "signature"}}},
            "then": {"required": ["key_types"]},
            "additionalProperties": False,
        },
    },
}
"""The shape of ``algorithms.yaml``, kept here until the code-list schema has a branch for it."""


def _register_problems(register: Any) -> Iterator[str]:
    """The register's allowed entries are exactly what the reference profile allows.

    The profile (``kpstandard.signature.profile``) is the security policy the verifier applies;
    it is not read from the register at run time, so that editing a data file can never widen
    what a verifier accepts. This check makes the two impossible to drift apart instead."""
    where = "spec/codelists/algorithms.yaml"
    if not isinstance(register, dict):
        return
    key_types = {k.get("code"): k for k in register.get("key_types", []) if isinstance(k, dict)}
    entries = [e for e in register.get("entries", []) if isinstance(e, dict)]
    codes = [e.get("code") for e in entries] + list(key_types)
    for code in sorted({c for c in codes if codes.count(c) > 1}, key=str):
        yield f"{where}: code {code} is used twice"

    def allowed(entry: dict[str, Any]) -> bool:
        return entry.get("status") == "allowed" and "until" not in entry

    for entry in entries:
        for key in entry.get("key_types", []) or []:
            if key not in key_types:
                yield f"{where}: {entry.get('code')} names unknown key type {key}"
            elif allowed(entry) and not allowed(key_types[key]):
                yield f"{where}: allowed {entry.get('code')} names key type {key}, not allowed"
    expected: dict[str, set[str]] = {
        "signature": {a.value for a in profile.SignatureAlgorithm},
        "digest": {d.value for d in profile.DigestMethod},
        "canonicalization": {c.value for c in profile.Canonicalization},
    }
    for kind, implemented in expected.items():
        listed = {str(e.get("xmldsig")) for e in entries if e.get("kind") == kind and allowed(e)}
        for uri in sorted(implemented - listed):
            yield f"{where}: the profile allows the {kind} method {uri}, the register does not"
        for uri in sorted(listed - implemented):
            yield f"{where}: the register allows the {kind} method {uri}, the profile does not"
    curves = {k.get("curve") for k in key_types.values() if allowed(k) and k.get("curve")}
    if curves != set(profile.ALLOWED_CURVES):
        yield f"{where}: allowed curves {sorted(curves, key=str)}, profile {profile.ALLOWED_CURVES}"
    rsa = [k.get("min_bits") for k in key_types.values() if allowed(k) and k.get("min_bits")]
    if rsa != [profile.MIN_RSA_BITS]:
        yield f"{where}: RSA minimum {rsa}, the profile's {profile.MIN_RSA_BITS} bits"
