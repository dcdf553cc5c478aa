"""Run the validation layers over one document's bytes and assemble its report.

    bytes --parse (hardened)--> syntax tree --schema--> --bind--> document objects --rules--> report

Each layer says whether it ran; a layer that could not run (because an earlier one failed) is
reported as not run, so a report never says valid for a layer that did not look.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from kpstandard.codelists import CodeLists, default_codelists
from kpstandard.model.meta import DocumentModel, Model, default_model
from kpstandard.signature.layers import time_layer, trust_layer
from kpstandard.signature.trustlist import TrustList
from kpstandard.signature.verify import SignatureCheck, check_signature
from kpstandard.syntax._json import bind_json, detect_json_type, parse_json
from kpstandard.syntax._xml import bind_xml, detect_xml_type, parse_xml
from kpstandard.syntax.detect import detect_syntax
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation import findings as F
from kpstandard.validation.findings import DocumentReport, Finding, Layer, LayerResult, LayerStatus
from kpstandard.validation.rules import Context, run_rules
from kpstandard.validation.schema import check_json, check_xml

__all__ = ["Parsed", "detect_syntax", "judge", "read", "validate_bytes"]


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


def read(data: bytes, *, model: Model | None = None, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Run the input and schema layers (and binding) over ``data``."""
    model = model or default_model()
    syntax = detect_syntax(data)
    if syntax is None:
        finding = F.make_finding(
            F.UNREADABLE, "", "neither JSON (starts with '{') nor XML (starts with '<')"
        )
        return Parsed(
            None,
            None,
            None,
            None,
            (finding,),
            (
                LayerResult(Layer.INPUT, LayerStatus.FAILED),
                _not_run(Layer.SCHEMA, "input layer failed"),
            ),
        )
    tree: Any
    if syntax == "json":
        tree, problems = parse_json(data, limits)
        document_type, type_problems = (
            detect_json_type(model, tree) if tree is not None else (None, [])
        )
    else:
        tree, problems = parse_xml(data, limits)
        document_type, type_problems = (
            detect_xml_type(model, tree) if tree is not None else (None, [])
        )
    problems += type_problems
    if problems or document_type is None:
        return Parsed(
            syntax,
            document_type,
            tree,
            None,
            tuple(problems),
            (
                LayerResult(Layer.INPUT, LayerStatus.FAILED),
                _not_run(Layer.SCHEMA, "input layer failed"),
            ),
        )
    if syntax == "json":
        problems = check_json(document_type, tree)
        if not problems:
            document, problems = bind_json(document_type, tree)
    else:
        problems = check_xml(document_type, tree)
        if not problems:
            document, problems = bind_xml(document_type, tree)
    status = LayerStatus.FAILED if problems else LayerStatus.PASSED
    return Parsed(
        syntax,
        document_type,
        tree,
        None if problems else document,
        tuple(problems),
        (LayerResult(Layer.INPUT, LayerStatus.PASSED), LayerResult(Layer.SCHEMA, status)),
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


def validate_bytes(
    data: bytes,
    *,
    path: str | None = None,
    at: datetime.date | None = None,
    certificate: bytes | None = None,
    model: Model | None = None,
    codelists: CodeLists | None = None,
    trust_list: TrustList | None = None,
    verification_time: datetime.datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentReport:
    """Validate one document's bytes through every layer; never raises on bad input.

    Args:
        data: the document, JSON or XML.
        path: where it was read from, for the report.
        at: judge code lists as of this date instead of the document's own.
        certificate: for an import confirmation, the bytes of the certificate it confirms.
        trust_list: a verified Authority Trust List; with it the signature, trust and time layers
            run, and every other layer reads only what the signature covers.
        verification_time: the instant of the time layer (default: now).
    """
    if verification_time is not None and verification_time.tzinfo is None:
        verification_time = verification_time.replace(tzinfo=datetime.UTC)  # naive means UTC
    signature = None
    if trust_list is not None:
        signature = check_signature(data, limits=limits)
        if not signature.holds:
            return _unverified(signature, path)
        assert signature.signed_bytes is not None
        data = signature.signed_bytes  # from here on, read only what is signed
    parsed = read(data, model=model, limits=limits)
    report = judge(parsed, at=at, certificate=certificate, codelists=codelists, limits=limits)
    findings, layers = list(report.findings), list(report.layers)
    if trust_list is not None and signature is not None:
        found, signed_layers = _signed_layers(parsed, signature, trust_list, verification_time)
        findings += found
        layers += signed_layers
    return DocumentReport(
        syntax=report.syntax,
        type=report.type,
        findings=tuple(findings),
        layers=tuple(layers),
        document=report.document,
        path=path,
    )


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


def _unverified(signature: SignatureCheck, path: str | None) -> DocumentReport:
    """The report of a document whose signature does not hold: nothing of its content is read.

    The schema and rules layers do not run on bytes no one vouches for, so that nobody acts on
    findings (or a document) computed from them; the verdict is "invalid" by the signature's own
    finding, or by the input layer's when the bytes could not be read at all.
    """
    unreadable = any(f.layer is Layer.INPUT for f in signature.findings)
    reason = "the signature does not hold: what it covers is not read"
    if signature.syntax == "json":  # refused as unsigned without being read
        read_layer = _not_run(Layer.INPUT, "a JSON document carries no signature")
    else:
        read_layer = LayerResult(
            Layer.INPUT, LayerStatus.FAILED if unreadable else LayerStatus.PASSED
        )
    layers = [
        read_layer,
        _not_run(Layer.SCHEMA, reason),
        _not_run(Layer.RULES, reason),
    ]
    if unreadable:
        layers.append(_not_run(Layer.SIGNATURE, "the input layer failed"))
    else:
        layers.append(LayerResult(Layer.SIGNATURE, LayerStatus.FAILED))
    layers += [_not_run(Layer.TRUST, reason), _not_run(Layer.TIME, reason)]
    return DocumentReport(
        syntax=signature.syntax,
        type=signature.document_type,
        findings=signature.findings,
        layers=tuple(layers),
        path=path,
    )


def _signed_layers(
    parsed: Parsed,
    signature: SignatureCheck,
    trust_list: TrustList,
    verification_time: datetime.datetime | None,
) -> tuple[list[Finding], list[LayerResult]]:
    """The trust and time layers after a signature that holds, each only when the one before
    it passed."""
    assert signature.signer is not None  # the signature holds
    layers = [LayerResult(Layer.SIGNATURE, LayerStatus.PASSED)]
    if parsed.document is None or parsed.document_type is None:
        reason = "the signed content is not a valid document"
        return [], [*layers, _not_run(Layer.TRUST, reason), _not_run(Layer.TIME, reason)]
    location = f"/kp:{parsed.document_type.xml_root}/ds:Signature"
    findings, trust = trust_layer(parsed.document, signature.signer, trust_list, location)
    layers.append(trust)
    if trust.status is not LayerStatus.PASSED:
        return findings, [*layers, _not_run(Layer.TIME, "the trust layer did not pass")]
    instant = verification_time or datetime.datetime.now(datetime.UTC)
    found, time = time_layer(parsed.document, trust_list, instant)
    return findings + found, [*layers, time]
