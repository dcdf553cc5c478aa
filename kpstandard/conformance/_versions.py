"""Which versions of the standard a test applies to, derived from what it holds (the generator
writes them into the manifests; `kpcert conformance check` checks them).

A validator applies the terms and rules of the version a document declares (KP-BT-001), and the
code lists as they stood on its date of issue, so
a document test applies to the version its input declares. An input that declares no version of
the standard (bytes that are no document, a broken ``specVersion``) is judged the same by every
version in which its requirement and the codes it expects exist. An exchange test applies to
every version in which its requirement exists. A case table may state the versions by hand
(``Draft.versions``); ``kpcert conformance check`` then checks them against the same facts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from lxml import etree

from kpstandard._resources import spec_dir
from kpstandard.model.meta import default_model, version_key

__all__ = [
    "all_versions",
    "code_in_version",
    "declared_version",
    "requirement_in_version",
    "vector_versions",
]

_SPEC_VERSION_JSON = "specVersion"
_SPEC_VERSION_XML = "SpecVersion"


@cache
def all_versions() -> tuple[str, ...]:
    """Every version of the standard, oldest first (spec/model/model.yaml ``spec_versions``)."""
    return tuple(default_model().spec_versions)


@cache
def requirement_catalogue() -> dict[str, Any]:
    """The normative requirement catalogue, ``spec/text/requirements.yaml``, read once (not to
    be changed by its readers)."""
    catalogue: dict[str, Any] = yaml.safe_load(
        (spec_dir() / "text" / "requirements.yaml").read_text("utf-8")
    )
    return catalogue


@cache
def _requirement_since() -> dict[str, str]:
    return {r["id"]: str(r.get("since", "1.0")) for r in requirement_catalogue()["requirements"]}


def requirement_in_version(requirement: str, version: str) -> bool:
    """Whether the requirement belongs to ``version`` (it has a ``since``, never an ``until``)."""
    since = _requirement_since().get(requirement)
    return since is not None and version_key(since) <= version_key(version)


def code_in_version(code: str, version: str) -> bool:
    """Whether a finding code can be found in a document of ``version``: a business rule exists
    in the versions between its ``since`` and ``until``; every other code in every version."""
    from kpstandard.validation.rules import RULES

    rule = RULES.get(code)
    return rule is None or rule.in_version(version)


def declared_version(data: bytes, syntax: str | None) -> str | None:
    """The version of the standard the document declares, when it is one the standard has."""
    value: object = None
    if syntax == "json":
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError):
            return None
        if isinstance(parsed, dict):
            value = parsed.get(_SPEC_VERSION_JSON)
    elif syntax == "xml":
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError):
            return None
        if root is None:
            return None
        for child in root:
            if isinstance(child.tag, str) and etree.QName(child).localname == _SPEC_VERSION_XML:
                value = (child.text or "").strip()
                break
    return value if isinstance(value, str) and value in all_versions() else None


def vector_versions(
    data: bytes, syntax: str | None, requirement: str, codes: Iterable[str]
) -> tuple[str, ...]:
    """The versions a document test applies to (see the module's docstring)."""
    declared = declared_version(data, syntax)
    if declared is not None:
        return (declared,)
    wanted = tuple(codes)
    return tuple(
        v
        for v in all_versions()
        if requirement_in_version(requirement, v) and all(code_in_version(c, v) for c in wanted)
    )
