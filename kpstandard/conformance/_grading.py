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
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable

import kpstandard
from kpstandard.conformance._manifest import Expected, FileRef, Vector
from kpstandard.conformance.protocol import Answer
from kpstandard.errors import InvalidDocumentError
from kpstandard.validation.engine import detect_syntax

__all__ = ["FAILING", "Grade", "grade", "same_data", "verifies"]


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
        if set(answer.codes) & set(expected.codes):
            return Grade.PASS, ""
        return Grade.WRONG_REASON, f"expected one of {', '.join(expected.codes)}; {got}"
    if expected.outcome == "accept":
        if answer.outcome != "accept":
            return Grade.FAIL, f"expected acceptance; {got}"
        if expected.output is not None and role == "verifier":  # it returns the signed data
            if answer.output is None:
                return Grade.FAIL, "accepted, but returned no signed data (KP-REQ-039)"
            ok, why = same_data(answer.output.data, read(expected.output), None)
            return (Grade.PASS, "") if ok else (Grade.FAIL, f"the signed data returned: {why}")
        return Grade.PASS, ""
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
