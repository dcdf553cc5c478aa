#!/usr/bin/env python3
"""The reference implementation with one realistic bug, to show that the suite catches it.

Each mutant is a small change of a correct implementation, of the kind an implementer makes
(issue 9); ``tests/test_conformance_mutants.py`` runs the suite against each and asserts which
tests fail. Everything not named here is the reference adapter unchanged.

    mutant_adapter.py float-totals        totals summed in binary floating point, a cent's tolerance
    mutant_adapter.py inclusive-end       a code-list period's ``to`` read as its last day
    mutant_adapter.py exclusive-start     a code-list period's ``from`` read as the day before
    mutant_adapter.py export-only-ignored an export-only suspension stops imports too
    mutant_adapter.py wrong-location      every finding located at the document's root
    mutant_adapter.py weak-rsa            RSA keys of 1024 bits accepted, in lists and signatures
    mutant_adapter.py sign-anything       an issuer that signs whatever it is given
    mutant_adapter.py every-code          every rejection names every code of the catalogue
    mutant_adapter.py trust-the-date      a revoked key judged on the document's own date, no anchor
    mutant_adapter.py ignore-status       a verifier that never reads the status evidence
    mutant_adapter.py silent-warnings     what would only be a warning is not reported at all: an
                                          approximate date's benefit of the doubt given silently,
                                          the supervised-zones restriction (KP-R-050) ignored
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from kpstandard.conformance import _adapter
from kpstandard.conformance.protocol import Answer, Payload, Run


def float_totals() -> None:
    from kpstandard.validation import rules
    from kpstandard.validation.rules import _shared

    def total_rule(attr: str) -> Callable[[Any, Any], Iterator[Any]]:
        def check(document: Any, context: Any) -> Iterator[Any]:
            _, lines = _shared.lines_of(document)
            path, totals = _shared.totals_of(document)
            summed = 0.0
            for line in lines:
                summed += float(getattr(line, attr))
            if abs(summed - float(getattr(totals, attr))) > 0.01:  # "rounding noise"
                yield rules.Violation((*path, attr), "the total is not the sum of the lines")

        return check

    _replace_rules({"KP-R-018": total_rule("carats"), "KP-R-019": total_rule("value_usd")})


def _replace_rules(checks: dict[str, Any]) -> None:
    from kpstandard.validation import rules

    for code, check in checks.items():
        rules.RULES[code] = dataclasses.replace(rules.RULES[code], check=check)
    for document_type, ruleset in rules._RULESETS.items():
        rules._RULESETS[document_type] = tuple(rules.RULES[r.id] for r in ruleset)


def inclusive_end() -> None:
    from kpstandard import codelists

    def covers(self: Any, day: datetime.date) -> bool:
        return bool(self.start <= day and (self.end is None or day <= self.end))

    codelists.Period.covers = covers  # type: ignore[method-assign]


def exclusive_start() -> None:
    from kpstandard import codelists

    def covers(self: Any, day: datetime.date) -> bool:
        return bool(self.start < day and (self.end is None or day < self.end))

    codelists.Period.covers = covers  # type: ignore[method-assign]


def export_only_ignored() -> None:
    from kpstandard import codelists

    def may_trade(self: Any, *, exporting: bool) -> bool:
        return bool(self.participant and self.suspension is None)

    codelists.Standing.may_trade = may_trade  # type: ignore[method-assign]


def _wrap(change: Callable[[Run, Answer], Answer]) -> None:
    answer = _adapter.answer

    def wrapped(run: Run) -> Answer:
        return change(run, answer(run))

    _adapter.answer = wrapped


def wrong_location() -> None:
    def relocate(run: Run, answer: Answer) -> Answer:
        root = "/kp:KPCertificate" if run.input.syntax == "xml" else "/"
        findings = tuple({**f, "location": root} for f in answer.findings)
        return dataclasses.replace(answer, findings=findings)

    _wrap(relocate)


def weak_rsa() -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from kpstandard.signature import profile, sign, verify
    from kpstandard.validation.rules import _trustlist

    strict = profile.key_problem

    def lax(public_key: object) -> str | None:
        if isinstance(public_key, rsa.RSAPublicKey) and public_key.key_size >= 1024:
            return None
        return strict(public_key)

    for module in (profile, sign, verify, _trustlist, _adapter):
        if hasattr(module, "key_problem"):
            module.key_problem = lax  # type: ignore[attr-defined]


def sign_anything() -> None:
    from lxml import etree

    from kpstandard.conformance.generate._xmldsig import SigningKey, sign_enveloped
    from kpstandard.signature.keys import load_certificate, load_private_key

    def issue(run: Run, answer: Answer) -> Answer:
        if run.role != "issuer" or answer.outcome != "reject":
            return answer
        context = run.context
        assert context.signing_key is not None
        assert context.signing_certificate is not None
        signer = SigningKey(
            load_private_key(context.signing_key.data),
            load_certificate(context.signing_certificate.data),
        )
        try:
            root = etree.fromstring(run.input.data)
            sign_enveloped(root, signer)
            signed = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        except Exception:  # JSON, or a tree it cannot sign: hand the input back as "signed"
            signed = run.input.data
        return Answer(run.seq, "output", output=Payload(signed, "xml"))

    _wrap(issue)


def every_code() -> None:
    from kpstandard._resources import spec_dir

    catalogue = json.loads((spec_dir() / "catalogue" / "findings.json").read_text("utf-8"))
    codes = tuple(entry["code"] for entry in catalogue["codes"])

    def all_codes(run: Run, answer: Answer) -> Answer:
        if answer.outcome != "reject":
            return answer
        return dataclasses.replace(answer, codes=codes)

    _wrap(all_codes)


def trust_the_date() -> None:
    """The weakness of the security review (issue 13): revocation judged against the date the
    signer writes, so a thief of the key back-dates what he signs."""
    from kpstandard.signature import layers

    # The pipeline imports the signature layers where it uses them: patch them at their source.
    layers.anchoring = lambda *args, **kwargs: []  # type: ignore[assignment]


def ignore_status() -> None:
    def forget(run: Run) -> Run:
        context = dataclasses.replace(run.context, status_evidence=())
        return dataclasses.replace(run, context=context)

    answer = _adapter.answer
    _adapter.answer = lambda run: answer(forget(run))


def silent_warnings() -> None:
    """The rules drop every finding that would be a warning: a suspension or admission whose
    date is approximate is ignored within its uncertainty (KP-REQ-106 asks for a warning), and
    the warning rule of Marange's supervision (KP-R-050) is never applied. Such a validator
    accepts exactly what the reference accepts, so only the warnings tell it apart."""
    from kpstandard.findings import Severity
    from kpstandard.validation import rules

    def silent(rule: Any) -> Callable[[Any, Any], Iterator[Any]]:
        def check(document: Any, context: Any) -> Iterator[Any]:
            if rule.severity is Severity.WARNING:
                return
            for violation in rule.check(document, context):
                if violation.severity is not Severity.WARNING:
                    yield violation

        return check

    _replace_rules({code: silent(rule) for code, rule in rules.RULES.items()})


MUTANTS: dict[str, Callable[[], None]] = {
    "float-totals": float_totals,
    "inclusive-end": inclusive_end,
    "exclusive-start": exclusive_start,
    "export-only-ignored": export_only_ignored,
    "wrong-location": wrong_location,
    "weak-rsa": weak_rsa,
    "sign-anything": sign_anything,
    "every-code": every_code,
    "trust-the-date": trust_the_date,
    "ignore-status": ignore_status,
    "silent-warnings": silent_warnings,
}


if __name__ == "__main__":
    MUTANTS[sys.argv[1]]()
    sys.exit(_adapter.serve_stdio())
