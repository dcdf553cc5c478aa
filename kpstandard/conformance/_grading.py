"""Grading one answer against one test's expectation.

A rejection is a pass only for one of the reasons the test allows; any other reason is graded
``wrong-reason``, apart from a pass (KP-REQ-051). Converted documents are compared as data: the
output must be a valid document in the target syntax whose data, written again by the reference
serializer, is the expected data written the same way, so whitespace and prefixes may differ
but not a single value, language version or decimal place.

A verifier that accepts returns the data the signature covers (KP-REQ-039), in either syntax,
compared as data with the expected file in the same way. An issuer's signed document is checked
with the reference verifier (``verifies``): against the test's trust list and operator
certificate, at its verification time, it must be valid in every layer (signature, trust, time
and the document's own), and the data it signs must be the expected data.

An acceptance may have to report warnings (``expected.warnings``: a finding resting on an
approximate date of a code list, KP-REQ-106; KP-R-050): each listed code among the answer's
warnings, else ``wrong-reason``, as a rejection for none of the allowed codes is; the outcome is
right, the reason is not. More than :data:`MAX_CODES` distinct warnings are ``wrong-reason`` too
(an acceptance with every warning of the catalogue must not pass). An answer that does not say
its ``warnings`` is read by the codes of its ``findings`` (:attr:`Answer.warning_codes`).

A rejection names the codes the implementation really found. One that names codes it cannot
have found together is graded ``wrong-reason`` even when an allowed code is among them (an answer
with every code of the catalogue must not pass): more than :data:`MAX_CODES` distinct codes; an
input code (KP-P-*: the bytes could not be read as a document) beside a code of a layer that
reads the document; rules of no one document type (a trust-list rule beside a certificate rule);
"no signature" (KP-SIG-001) beside a finding on the signature or its signer.

Where the defect of a test sits at one field, the test names its location, and the location
the implementation gives for an allowed code is graded apart (:func:`grade_location`), as a
SHOULD: it never changes the grade of the test.
"""

from __future__ import annotations

import datetime
import enum
import json
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from functools import cache

import kpstandard
from kpstandard._resources import spec_dir
from kpstandard.conformance._manifest import Expected, FileRef, Vector
from kpstandard.conformance.protocol import Answer
from kpstandard.errors import InvalidDocumentError
from kpstandard.syntax.detect import detect_syntax

__all__ = [
    "FAILING",
    "MAX_CODES",
    "Grade",
    "LocationGrade",
    "grade",
    "grade_location",
    "implausible_codes",
    "same_data",
    "verifies",
]


class Grade(enum.Enum):
    """How a test went."""

    PASS = "pass"
    FAIL = "fail"
    """The answer contradicts the expectation (accepted a defective input, rejected a good one,
    converted wrongly)."""
    WRONG_REASON = "wrong-reason"
    """Rejected as expected, but for none of the reasons the test allows."""
    NOT_APPLICABLE = "not-applicable"
    """Outside the roles, syntaxes or features the implementation declares."""
    SKIPPED = "skipped"
    ERRORED = "errored"
    """The implementation said it failed with an error of its own."""
    CRASHED = "crashed"
    TIMEOUT = "timeout"
    PROTOCOL_ERROR = "protocol-error"
    """The answer was not JSON, not a valid answer, or answered another seq."""


FAILING = frozenset(Grade) - {Grade.PASS, Grade.NOT_APPLICABLE}
"""Every grade that is not a pass of an applicable test."""


class LocationGrade(enum.Enum):
    """How the location of a finding went, on a test whose defect sits at one field (SHOULD)."""

    PASS = "pass"
    """A finding with an allowed code names the expected location."""
    WRONG = "wrong"
    """Findings with an allowed code name other locations only."""
    MISSING = "missing"
    """No finding with an allowed code names a location at all."""


MAX_CODES = 8
"""The most distinct codes a rejection may name. Every test holds one defect; the most codes one
defect honestly justifies in this suite is five (an HS code changed in a confirmation), so eight
leaves room for findings an implementation makes on the way, and none for a list of every code."""

_READ_LAYERS = frozenset({"schema", "rules", "signature", "trust", "time"})
"""The layers that read a document: none of them can find anything in bytes that are no
document."""
_NO_SIGNATURE = "KP-SIG-001"


@cache
def _layers() -> Mapping[str, str]:
    """Each code of the catalogue with its layer."""
    catalogue = json.loads((spec_dir() / "catalogue" / "findings.json").read_text("utf-8"))
    return {entry["code"]: entry["layer"] for entry in catalogue["codes"]}


@cache
def _rule_types() -> Mapping[str, frozenset[str]]:
    """The document types each business rule applies to."""
    from kpstandard.validation.rules import RULES

    return {code: frozenset(rule.applies_to) for code, rule in RULES.items()}


@cache
def _document_types() -> frozenset[str]:
    """Every document type a rule may apply to (the rule registry's list, from the model)."""
    from kpstandard.validation.rules._registry import DocumentType

    return frozenset(typing.get_args(DocumentType))


def implausible_codes(codes: Iterable[str]) -> str:
    """Why an implementation cannot have found all these codes in one input; empty when it can.

    The rules (stated in conformance/README.md): at most :data:`MAX_CODES` distinct codes; no
    input code (KP-P-*) beside a code of a layer that reads the document (schema, rules,
    signature, trust, time); rules that apply to one document type at least; no finding on the
    signature or its signer (KP-SIG-002 to 012, KP-T-001 to 006) beside "no signature"
    (KP-SIG-001).
    """
    distinct = sorted(set(codes))
    if len(distinct) > MAX_CODES:
        return (
            f"{len(distinct)} codes named; a rejection names the codes the implementation found, "
            f"at most {MAX_CODES}"
        )
    layers = _layers()
    by_layer: dict[str, list[str]] = {}
    for code in distinct:
        by_layer.setdefault(layers.get(code, "unknown"), []).append(code)
    reading = sorted(c for layer in _READ_LAYERS for c in by_layer.get(layer, ()))
    if "input" in by_layer and reading:
        return (
            f"{by_layer['input'][0]} (the input is no readable document) cannot be found with "
            f"{reading[0]}, a finding on the document it would have to read"
        )
    types = _rule_types()
    rules = [c for c in by_layer.get("rules", ()) if c in types]
    if rules and not _document_types().intersection(*(types[c] for c in rules)):
        first = rules[0]
        other = next(c for c in rules if not types[first] & types[c]) if len(rules) > 1 else first
        return f"{first} and {other} are rules of different document types: they cannot co-occur"
    if _NO_SIGNATURE in distinct:
        signed = [
            c
            for c in distinct
            if c != _NO_SIGNATURE and layers.get(c) in ("signature", "trust") and c != "KP-T-007"
        ]
        if signed:
            return (
                f"{_NO_SIGNATURE} (no signature) cannot be found with {signed[0]}, a finding "
                "on a signature"
            )
    return ""


_PREFIX = re.compile(r"(?<=/)[A-Za-z_][\w.-]*:")
_STEP_INDEX = re.compile(r"\[\d+\]$")


def _normal_location(location: str, syntax: str | None) -> str:
    """A location compared: a JSON Pointer as it is; an XPath without namespace prefixes and
    with ``[1]`` on every step that has no position (``/a:X/a:Y`` is ``/X[1]/Y[1]``)."""
    location = location.strip()
    if syntax != "xml" or not location.startswith("/"):
        return location
    steps = []
    for step in _PREFIX.sub("", location).split("/")[1:]:
        if step and not step.startswith("@") and "[" not in step:
            step += "[1]"
        steps.append(step)
    return "/" + "/".join(steps)


def grade_location(vector: Vector, answer: Answer) -> tuple[LocationGrade, str] | None:
    """Grade the location of a passing rejection's findings; None when the test names none."""
    expected = vector.expected.location
    if expected is None or answer.outcome != "reject":
        return None
    allowed = set(vector.expected.codes)
    given = [
        str(f.get("location") or "")
        for f in answer.findings or ()
        if isinstance(f, Mapping) and f.get("code") in allowed
    ]
    given = [g for g in given if g]
    if not given:
        return LocationGrade.MISSING, f"expected a finding at {expected}; none gives a location"
    syntax = vector.input.syntax
    want = _normal_location(expected, syntax)
    if any(_normal_location(g, syntax) == want for g in given):
        return LocationGrade.PASS, ""
    return LocationGrade.WRONG, f"expected a finding at {expected}; given at {', '.join(given[:3])}"


def _first_difference(got: bytes, expected: bytes) -> str:
    got_lines, expected_lines = got.splitlines(), expected.splitlines()
    for number, (a, b) in enumerate(zip(got_lines, expected_lines, strict=False), start=1):
        if a != b:
            shown_a = a.decode("utf-8", "replace").strip()[:100]
            shown_b = b.decode("utf-8", "replace").strip()[:100]
            return f"line {number} of the normalized data: expected {shown_b!r}, got {shown_a!r}"
    return f"the normalized data has {len(got_lines)} lines, expected {len(expected_lines)}"


def same_data(output: bytes, expected: bytes, target: str | None) -> tuple[bool, str]:
    """Whether ``output`` is a valid document in ``target`` syntax (either, when None) holding
    ``expected``'s data."""
    syntax = detect_syntax(output)
    if syntax is None or (target is not None and syntax != target):
        return False, f"the output is {syntax or 'neither JSON nor XML'}, not {target or 'either'}"
    target = syntax
    try:
        got = kpstandard.dumps(kpstandard.load(output), target)  # type: ignore[arg-type]
    except InvalidDocumentError as exc:
        codes = ", ".join(sorted({f.code for f in exc.findings}))
        return False, f"the output is not a valid document ({codes})"
    except Exception as exc:  # whatever an implementation sends is graded, never raised
        return False, f"the output cannot be read: {type(exc).__name__}: {exc}"
    want = kpstandard.dumps(kpstandard.load(expected), target)  # type: ignore[arg-type]
    if got == want:
        return True, ""
    return False, _first_difference(got, want)


def verifies(vector: Vector, signed: bytes, read: Callable[[FileRef], bytes]) -> tuple[bool, str]:
    """Whether ``signed`` is a signed document that the reference verifier accepts against the
    test's trust list at its verification time, holding the expected data."""
    from kpstandard.signature.keys import load_certificate  # the signing stack, when needed

    context = vector.context
    if context.trust_list is None or context.trust_list_operator is None:
        return False, "the test gives no trust list to verify the signed document with"
    assert vector.expected.output is not None
    anchor = load_certificate(read(context.trust_list_operator))
    trust_list, problems = kpstandard.load_trust_list(read(context.trust_list), anchor=anchor)
    if trust_list is None:  # never with a suite that `kpcert conformance check` passes
        return False, f"the test's trust list cannot be used: {problems[0].message}"
    certificate = read(context.certificate) if context.certificate is not None else None
    when = datetime.datetime.fromisoformat(context.verification_time.replace("Z", "+00:00"))
    try:
        report = kpstandard.verify(
            signed, trust_list=trust_list, verification_time=when, certificate=certificate
        )
    except Exception as exc:  # whatever an implementation sends is graded, never raised
        return False, f"the output cannot be verified: {type(exc).__name__}: {exc}"
    if not report.valid:
        found = ", ".join(dict.fromkeys(f.code for f in report.findings)) or report.verdict.value
        return False, f"the signed document does not verify: {found}"
    got = kpstandard.dumps(report.document, "xml")
    want = kpstandard.dumps(kpstandard.load(read(vector.expected.output)), "xml")
    if got == want:
        return True, ""
    return False, f"the signed data is not the input's: {_first_difference(got, want)}"


def _describe(answer: Answer) -> str:
    if answer.outcome == "reject":
        return f"rejected with {', '.join(answer.codes) or 'no code'}"
    return {"accept": "accepted", "not-judged": "said not judged", "output": "returned an output"}[
        answer.outcome
    ]


def _grade_warnings(expected: Expected, answer: Answer) -> tuple[Grade, str]:
    """Grade an acceptance's warnings: each expected one reported, as a rejection's codes are
    graded (a missing one is a wrong reason, not a failure: the outcome is right)."""
    if not expected.warnings:
        return Grade.PASS, ""
    reported = answer.warning_codes
    shown = ", ".join(reported) or "none"
    missing = [code for code in expected.warnings if code not in reported]
    if missing:
        return (
            Grade.WRONG_REASON,
            f"expected acceptance with the warning {', '.join(expected.warnings)}; accepted "
            f"without {', '.join(missing)} (warnings reported: {shown})"[:1000],
        )
    if len(set(reported)) > MAX_CODES:
        return (
            Grade.WRONG_REASON,
            f"{len(set(reported))} warnings reported; an acceptance reports the warnings the "
            f"implementation found, at most {MAX_CODES}",
        )
    return Grade.PASS, ""


def grade(
    vector: Vector, answer: Answer, read: Callable[[FileRef], bytes], role: str = "validator"
) -> tuple[Grade, str]:
    """Grade an answer; return the grade and, unless it is a pass, why.

    Args:
        vector: the test.
        answer: the implementation's answer.
        read: the bytes of one of the test's files (its manifest's reader).
        role: the role the test was run in (a verifier returns the signed data it accepts; an
            importer only accepts).
    """
    if answer.outcome == "skipped":
        return Grade.SKIPPED, answer.reason or answer.issue or ""
    if answer.outcome == "errored":
        return Grade.ERRORED, answer.message or ""
    expected: Expected = vector.expected
    got = _describe(answer)
    if expected.outcome == "reject":
        if answer.outcome != "reject":
            return Grade.FAIL, f"expected a rejection for {', '.join(expected.codes)}; {got}"
        if not set(answer.codes) & set(expected.codes):
            return Grade.WRONG_REASON, f"expected one of {', '.join(expected.codes)}; {got}"
        implausible = implausible_codes(answer.codes)
        if implausible:
            return Grade.WRONG_REASON, f"{implausible}; {got}"[:1000]
        return Grade.PASS, ""
    if expected.outcome == "accept":
        if answer.outcome != "accept":
            warned = (
                f" with the warning {', '.join(expected.warnings)}" if expected.warnings else ""
            )
            return Grade.FAIL, f"expected acceptance{warned}; {got}"
        if expected.output is not None and role == "verifier":  # it returns the signed data
            if answer.output is None:
                return Grade.FAIL, "accepted, but returned no signed data (KP-REQ-039)"
            ok, why = same_data(answer.output.data, read(expected.output), None)
            if not ok:
                return Grade.FAIL, f"the signed data returned: {why}"
        return _grade_warnings(expected, answer)
    if expected.outcome == "not-judged":
        if answer.outcome == "not-judged":
            return Grade.PASS, ""
        return Grade.FAIL, f"expected not judged (a check could not run); {got}"
    # An output: a conversion, or a signed document.
    if answer.outcome != "output" or answer.output is None:
        return Grade.FAIL, f"expected an output; {got}"
    assert expected.output is not None
    if expected.check == "verifies":
        ok, why = verifies(vector, answer.output.data, read)
        return (Grade.PASS, "") if ok else (Grade.FAIL, why)
    if expected.check != "same-data":
        return Grade.ERRORED, f"this runner cannot check outputs by {expected.check!r}"
    ok, why = same_data(answer.output.data, read(expected.output), vector.context.target)
    return (Grade.PASS, "") if ok else (Grade.FAIL, why)
