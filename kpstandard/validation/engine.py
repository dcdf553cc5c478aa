"""The content layers over one document: input, schema (and binding), rules.

    bytes --parse (hardened)--> syntax tree --schema--> --bind--> document objects --rules--> report

Each layer says whether it ran; a layer that could not run (because an earlier one failed) is
reported as not run, so a report never says valid for a layer that did not look. The signature,
trust and time layers are peers of these; :mod:`kpstandard.pipeline` composes them all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kpstandard import findings as F
from kpstandard.codelists import CodeLists, default_codelists
from kpstandard.findings import DocumentReport, Finding, Layer, LayerResult, LayerStatus
from kpstandard.model.meta import DocumentModel, Model, default_model
from kpstandard.syntax._json import (
    bind_json,
    detect_json_type,
    json_too_deep,
    model_depth,
    parse_json,
)
from kpstandard.syntax._xml import bind_xml, detect_xml_type, parse_xml
from kpstandard.syntax.detect import detect_syntax
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation.rules import Context, run_rules
from kpstandard.validation.schema import check_json, check_xml, json_valid, xml_valid

__all__ = ["SYNTAXES", "Parsed", "judge", "read", "read_tree"]


@dataclass(frozen=True)
class Parsed:
    """What the input and schema layers made of some bytes."""

    syntax: str | None
    document_type: DocumentModel | None
    tree: Any
    """The parsed JSON value or XML root element; None when the input layer failed."""
    document: Any
    """The document bound to the model's classes; None unless the schema layer passed."""
    findings: tuple[Finding, ...]
    layers: tuple[LayerResult, ...]


def _not_run(layer: Layer, reason: str) -> LayerResult:
    return LayerResult(layer, LayerStatus.NOT_RUN, reason)


@dataclass(frozen=True)
class _Syntax:
    """What reading a document takes in one syntax: one row of the table below."""

    parse: Callable[[bytes, Limits], tuple[Any, list[Finding]]]
    detect: Callable[[Model, Any], tuple[DocumentModel | None, list[Finding]]]
    valid: Callable[[DocumentModel, Any], bool]
    """The schema's fast yes or no."""
    check: Callable[[DocumentModel, Any], list[Finding]]
    """The schema's findings, with where and why."""
    bind: Callable[[DocumentModel, Any], tuple[Any, list[Finding]]]
    too_deep: Callable[[DocumentModel | None, Any, Limits], list[Finding]]
    """The depth bound, where ``parse`` leaves it to be checked on the tree."""


def _json_too_deep(document: DocumentModel | None, value: Any, limits: Limits) -> list[Finding]:
    # A value valid against the standard's closed schemas nests no deeper than its model; any
    # other value is walked, before anything else reads it.
    return json_too_deep(value, limits)


def _checked_by_parser(document: DocumentModel | None, root: Any, limits: Limits) -> list[Finding]:
    return []  # the XML reader bounds the depth as it reads


def _parse_json(data: bytes, limits: Limits) -> tuple[Any, list[Finding]]:
    return parse_json(data, limits, depth_known=True)  # read_tree checks the depth when needed


SYNTAXES: dict[str, _Syntax] = {
    "json": _Syntax(
        _parse_json, detect_json_type, json_valid, check_json, bind_json, _json_too_deep
    ),
    "xml": _Syntax(parse_xml, detect_xml_type, xml_valid, check_xml, bind_xml, _checked_by_parser),
}
"""Each syntax's reader, detector of the document type, schema check and binder."""


def _input_failed(
    syntax: str | None, document_type: DocumentModel | None, tree: Any, findings: list[Finding]
) -> Parsed:
    layers = (LayerResult(Layer.INPUT, LayerStatus.FAILED), _not_run(Layer.SCHEMA, "input failed"))
    return Parsed(syntax, document_type, tree, None, tuple(findings), layers)


def read(data: bytes, *, model: Model | None = None, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Run the input and schema layers (and binding) over ``data``."""
    syntax = detect_syntax(data)
    if syntax is None:
        message = "neither JSON (starts with '{') nor XML (starts with '<')"
        return _input_failed(None, None, None, [F.make_finding(F.UNREADABLE, "", message)])
    tree, problems = SYNTAXES[syntax].parse(data, limits)
    if tree is None:
        return _input_failed(syntax, None, None, problems)
    return read_tree(syntax, tree, model=model, limits=limits)


def read_tree(
    syntax: str, tree: Any, *, model: Model | None = None, limits: Limits = DEFAULT_LIMITS
) -> Parsed:
    """Run the rest of the input layer, the schema layer and binding over a parsed tree.

    ``tree`` is what the hardened reader of ``syntax`` made of some bytes (a JSON value, an XML
    root element), such as the tree of what a signature covers.
    """
    reader = SYNTAXES[syntax]
    document_type, problems = reader.detect(model or default_model(), tree)
    valid = document_type is not None and not problems and reader.valid(document_type, tree)
    bounded = valid and document_type is not None and model_depth(document_type) <= limits.max_depth
    if not bounded:  # the input layer's depth bound comes before any other finding
        too_deep = reader.too_deep(document_type, tree, limits)
        if too_deep:
            return _input_failed(syntax, document_type, tree, too_deep)
    if problems or document_type is None:
        return _input_failed(syntax, document_type, tree, problems)
    problems = [] if valid else reader.check(document_type, tree)
    document = None
    if not problems:
        document, problems = reader.bind(document_type, tree)
    return Parsed(
        syntax,
        document_type,
        tree,
        None if problems else document,
        tuple(problems),
        _SCHEMA_FAILED if problems else _SCHEMA_PASSED,
    )


# The layers of a document read: the same objects for every document (most pass), which also
# makes reports with the same layers compare by identity.
_SCHEMA_PASSED = (
    LayerResult(Layer.INPUT, LayerStatus.PASSED),
    LayerResult(Layer.SCHEMA, LayerStatus.PASSED),
)
_SCHEMA_FAILED = (
    LayerResult(Layer.INPUT, LayerStatus.PASSED),
    LayerResult(Layer.SCHEMA, LayerStatus.FAILED),
)


def _rules_layer(
    parsed: Parsed,
    *,
    at: datetime.date | None,
    certificate: bytes | None,
    codelists: CodeLists,
    limits: Limits,
) -> tuple[list[Finding], LayerResult]:
    """The rules layer; for an import confirmation, against the certificate when it is given."""
    assert parsed.document_type is not None
    assert parsed.syntax is not None
    context = Context(codelists=codelists, at=at)
    if certificate is not None and parsed.document_type.json_document_type == "import-confirmation":
        given = read(certificate, limits=limits)
        if (
            given.document is None
            or given.document_type is None
            or given.document_type.name != "KPCertificate"
        ):
            codes = ", ".join(f.code for f in given.findings) or "not a KP Certificate"
            return [], _not_run(
                Layer.RULES, f"the certificate given is not a valid KP Certificate ({codes})"
            )
        context = Context(
            codelists=codelists, at=at, certificate=given.document, certificate_bytes=certificate
        )
    return run_rules(parsed.document_type, parsed.document, parsed.syntax, context)


def judge(
    parsed: Parsed,
    *,
    at: datetime.date | None = None,
    certificate: bytes | None = None,
    codelists: CodeLists | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentReport:
    """The report of the input, schema and rules layers over what :func:`read` made of bytes."""
    findings = list(parsed.findings)
    layers = list(parsed.layers)
    if parsed.document is None:
        layers.append(_not_run(Layer.RULES, "the schema layer did not pass"))
    else:
        found, layer = _rules_layer(
            parsed,
            at=at,
            certificate=certificate,
            codelists=codelists or default_codelists(),
            limits=limits,
        )
        findings += found
        layers.append(layer)
    return DocumentReport(
        syntax=parsed.syntax,
        type=parsed.document_type.json_document_type if parsed.document_type else None,
        findings=tuple(findings),
        layers=tuple(layers),
        document=parsed.document,
    )
