"""Where the suite lives and how it is read: the folder, its JSON Schemas, its manifests.

The suite is data at the top of the repository (``conformance/``), the way ``spec/`` is the
standard's home. A wheel may carry it as ``kpstandard/_conformance``; any other copy can be
named explicitly (``--suite DIR``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from kpstandard.conformance._manifest import AREAS, Manifest, Suite
from kpstandard.errors import KPStandardError

__all__ = [
    "MANIFEST_SCHEMA",
    "InvalidSuiteError",
    "default_suite_dir",
    "load_suite",
    "schema_errors",
    "validator_for",
]

_PACKAGE = Path(__file__).resolve().parents[1]

MANIFEST_SCHEMA = "urn:kpstandard:conformance:manifest:1"


class InvalidSuiteError(KPStandardError):
    """A suite folder is missing, or a manifest in it is not valid against its schema."""


def default_suite_dir() -> Path:
    """The suite folder of this installation: ``conformance/`` of a checkout, else the wheel's copy.

    Raises:
        InvalidSuiteError: neither exists.
    """
    for candidate in (_PACKAGE.parent / "conformance", _PACKAGE / "_conformance"):
        if (candidate / "schemas" / "manifest.schema.json").is_file():
            return candidate
    raise InvalidSuiteError("no conformance suite in this installation; name one with --suite DIR")


def _schema_files(folder: Path) -> Iterable[Path]:
    yield from sorted((folder / "schemas").glob("*.json"))
    yield from sorted((folder / "protocol").rglob("*.json"))


@cache
def _registry(folder: Path) -> referencing.Registry[Any]:
    resources = []
    for path in _schema_files(folder):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(contents, dict) and "$id" in contents:
            resources.append(referencing.jsonschema.DRAFT202012.create_resource(contents))
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (uri, resource) for resource in resources if (uri := resource.id())
    )
    return registry.crawl()


def validator_for(uri: str, folder: Path | None = None) -> Draft202012Validator:
    """A validator for the schema (or the anchor inside one) at ``uri``, e.g. a protocol
    message's ``urn:...:run#response``.

    Raises:
        InvalidSuiteError: no schema of the suite has that URI.
    """
    folder = folder or default_suite_dir()
    return _validator(uri, folder)


@cache
def _validator(uri: str, folder: Path) -> Draft202012Validator:
    registry = _registry(folder)
    try:
        registry.resolver().lookup(uri)
    except referencing.exceptions.Unresolvable as exc:
        raise InvalidSuiteError(f"no schema {uri} in {folder}") from exc
    # A reference rather than the resolved contents, so that relative $refs keep their base.
    return Draft202012Validator({"$ref": uri}, registry=registry, format_checker=FormatChecker())


def schema_errors(uri: str, instance: Any, folder: Path | None = None) -> list[str]:
    """Every way ``instance`` fails the schema at ``uri``, as ``location: message`` lines."""
    errors: Iterable[ValidationError] = validator_for(uri, folder).iter_errors(instance)
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))
    ]


def load_suite(
    folder: Path | None = None, *, areas: Iterable[str] | None = None, validate: bool = True
) -> Suite:
    """Read the manifests of a suite folder, in area order.

    Args:
        folder: the suite folder (default: :func:`default_suite_dir`).
        areas: only these areas (default: every area that has a manifest).
        validate: check each manifest against the manifest schema first.

    Raises:
        InvalidSuiteError: a manifest is missing, unreadable or invalid.
    """
    folder = folder or default_suite_dir()
    if not folder.is_dir():
        raise InvalidSuiteError(f"no suite folder {folder}")
    wanted = list(areas) if areas is not None else list(AREAS)
    for area in wanted:
        if area not in AREAS:
            raise InvalidSuiteError(f"unknown area {area!r}; the areas are {', '.join(AREAS)}")
    manifests = []
    for area in wanted:
        path = folder / area / "manifest.json"
        if not path.is_file():
            if areas is not None:
                raise InvalidSuiteError(f"no manifest for area {area} ({path})")
            continue  # an area whose vectors are not written yet
        try:
            value = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise InvalidSuiteError(f"{path}: cannot read: {exc}") from exc
        if validate:
            problems = schema_errors(MANIFEST_SCHEMA, value, folder)
            if problems:
                raise InvalidSuiteError(f"{path} is not a valid manifest: {problems[0]}")
        manifests.append(Manifest.from_json(value, folder=path.parent))
    return Suite(folder, tuple(manifests))
