"""The protocol's JSON Schemas: they take sample messages in both directions and refuse bad ones;
the manifest and report schemas likewise (bowtie's test_schemas, for our protocol)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kpstandard.conformance._suite import MANIFEST_SCHEMA, default_suite_dir, schema_errors
from kpstandard.conformance.protocol import (
    Answer,
    Implementation,
    MessageError,
    Payload,
    Run,
    RunContext,
    Start,
    Started,
    Stop,
    Stopped,
    decode_command,
    encode,
    message_errors,
)

SUITE = default_suite_dir()
B64 = base64.b64encode(b'{"documentType": "kp-certificate"}').decode()
TIME = "2026-02-17T12:00:00Z"


def test_every_schema_of_the_suite_is_a_valid_2020_12_schema() -> None:
    paths = [*(SUITE / "schemas").glob("*.json"), *(SUITE / "protocol").rglob("*.json")]
    assert len(paths) >= 7
    for path in paths:
        Draft202012Validator.check_schema(json.loads(path.read_text()))


GOOD: list[tuple[str, bool, dict[str, Any]]] = [
    ("start", False, {"cmd": "start", "version": 1}),
    ("start", False, {"cmd": "start", "version": 1, "suite": {"version": "1.0.0"}}),
    (
        "start",
        True,
        {
            "version": 1,
            "implementation": {
                "name": "kp-java",
                "version": "2.3.1",
                "language": "java",
                "roles": ["validator", "verifier"],
                "syntaxes": ["xml"],
                "features": ["trust-list-history"],
                "homepage": "https://example.org/kp-java",
            },
        },
    ),
    (
        "run",
        False,
        {
            "cmd": "run",
            "seq": 1,
            "role": "validator",
            "test": {
                "id": "KP-V-SCH-0001",
                "input": {"base64": B64, "syntax": "json"},
                "context": {"verificationTime": TIME},
            },
        },
    ),
    (
        "run",
        False,
        {
            "cmd": "run",
            "seq": 2,
            "role": "issuer",
            "test": {
                "id": "KP-V-ISS-0001",
                "input": {"base64": B64, "syntax": "xml"},
                "context": {
                    "verificationTime": TIME,
                    "signingKey": {"base64": B64, "syntax": None},
                    "signingCertificate": {"base64": B64, "syntax": None},
                },
            },
        },
    ),
    ("run", True, {"seq": 1, "outcome": "accept"}),
    ("run", True, {"seq": 1, "outcome": "reject", "codes": ["KP-S-003"]}),
    (
        "run",
        True,
        {
            "seq": 1,
            "outcome": "reject",
            "codes": ["KP-R-010"],
            "findings": [{"code": "KP-R-010", "location": "/dateOfExpiry", "message": "..."}],
        },
    ),
    ("run", True, {"seq": 1, "outcome": "accept", "warnings": ["KP-R-005"]}),
    ("run", True, {"seq": 1, "outcome": "not-judged", "reason": "no certificate given"}),
    ("run", True, {"seq": 1, "outcome": "output", "output": {"base64": B64, "syntax": "xml"}}),
    ("run", True, {"seq": 1, "outcome": "skipped", "reason": "known", "issue": "https://x.org/1"}),
    ("run", True, {"seq": 1, "outcome": "errored", "message": "NullPointerException"}),
    ("stop", False, {"cmd": "stop"}),
    ("stop", True, {"stopped": True}),
]

BAD: list[tuple[str, str, bool, dict[str, Any]]] = [
    ("start-other-version", "start", False, {"cmd": "start", "version": 2}),
    ("start-without-version", "start", False, {"cmd": "start"}),
    (
        "started-without-roles",
        "start",
        True,
        {"version": 1, "implementation": {"name": "x", "version": "1", "language": "go"}},
    ),
    (
        "started-unknown-role",
        "start",
        True,
        {
            "version": 1,
            "implementation": {"name": "x", "version": "1", "language": "go", "roles": ["judge"]},
        },
    ),
    (
        "run-without-seq",
        "run",
        False,
        {
            "cmd": "run",
            "role": "validator",
            "test": {"id": "x", "input": {"base64": B64}, "context": {"verificationTime": TIME}},
        },
    ),
    (
        "run-without-clock",
        "run",
        False,
        {
            "cmd": "run",
            "seq": 1,
            "role": "validator",
            "test": {"id": "x", "input": {"base64": B64}, "context": {}},
        },
    ),
    ("answer-without-seq", "run", True, {"outcome": "accept"}),
    ("answer-seq-zero", "run", True, {"seq": 0, "outcome": "accept"}),
    ("answer-unknown-outcome", "run", True, {"seq": 1, "outcome": "maybe"}),
    ("reject-without-codes", "run", True, {"seq": 1, "outcome": "reject"}),
    ("reject-with-a-bad-code", "run", True, {"seq": 1, "outcome": "reject", "codes": ["E42"]}),
    ("accept-with-codes", "run", True, {"seq": 1, "outcome": "accept", "codes": ["KP-S-001"]}),
    ("accept-with-a-bad-warning", "run", True, {"seq": 1, "outcome": "accept", "warnings": ["W1"]}),
    (
        "reject-with-warnings",
        "run",
        True,
        {"seq": 1, "outcome": "reject", "codes": ["KP-R-005"], "warnings": ["KP-R-050"]},
    ),
    ("output-without-output", "run", True, {"seq": 1, "outcome": "output"}),
    ("output-with-raw-text", "run", True, {"seq": 1, "outcome": "output", "output": "<x/>"}),
    ("stop-answer-false", "stop", True, {"stopped": False}),
    ("stop-with-extra", "stop", False, {"cmd": "stop", "now": True}),
]


@pytest.mark.parametrize(("command", "response", "message"), GOOD)
def test_good_messages_are_valid(command: str, response: bool, message: dict[str, Any]) -> None:
    assert message_errors(command, message, response=response) == []


@pytest.mark.parametrize(
    ("command", "response", "message"), [pytest.param(*b[1:], id=b[0]) for b in BAD]
)
def test_bad_messages_are_refused(command: str, response: bool, message: dict[str, Any]) -> None:
    assert message_errors(command, message, response=response) != []


def test_the_messages_python_writes_are_valid_both_ways() -> None:
    implementation = Implementation("kpstandard", "0.1.0", "python", ("validator", "converter"))
    run = Run(
        7,
        "converter",
        "KP-V-CNV-0001",
        Payload(b"<x/>", "xml"),
        RunContext(TIME, certificate=Payload(b"<c/>", "xml"), target="json"),
    )
    samples: list[tuple[str, bool, Any]] = [
        ("start", False, Start(suite_version="1.0.0", standard_version="1.0.0")),
        ("start", True, Started(1, implementation)),
        ("run", False, run),
        ("run", True, Answer(7, "accept")),
        ("run", True, Answer(7, "accept", warnings=("KP-R-050",))),
        ("run", True, Answer(7, "reject", codes=("KP-P-004",), findings=({"code": "KP-P-004"},))),
        ("run", True, Answer(7, "not-judged", reason="no certificate")),
        ("run", True, Answer(7, "output", output=Payload(b"{}", "json"))),
        ("run", True, Answer(7, "skipped", reason="known failure")),
        ("run", True, Answer(7, "errored", message="boom", traceback="...")),
        ("stop", False, Stop()),
        ("stop", True, Stopped()),
    ]
    for command, response, message in samples:
        value = json.loads(encode(message))
        assert message_errors(command, value, response=response) == [], message
    assert Run.from_json(run.to_json()) == run
    answer = Answer(7, "output", output=Payload(b"\x00\xff", None))
    assert Answer.from_json(answer.to_json()) == answer


def test_warnings_travel_both_ways_and_default_to_the_findings() -> None:
    warned = Answer(7, "accept", warnings=("KP-R-005", "KP-R-050"))
    assert Answer.from_json(warned.to_json()) == warned
    assert warned.warning_codes == ("KP-R-005", "KP-R-050")
    silent = Answer(7, "accept", warnings=())
    assert silent.to_json()["warnings"] == []  # said: none, whatever the findings
    assert Answer.from_json(silent.to_json()).warning_codes == ()
    # An adapter written before `warnings` existed reports its warnings as findings.
    old = Answer.from_json({"seq": 7, "outcome": "accept", "findings": [{"code": "KP-R-005"}]})
    assert old.warnings is None
    assert old.warning_codes == ("KP-R-005",)
    assert "warnings" not in Answer(7, "accept").to_json()
    assert "warnings" not in Answer(7, "reject", codes=("KP-R-005",), warnings=()).to_json()


def test_status_evidence_travels_both_ways() -> None:
    context = RunContext(
        TIME,
        trust_list=Payload(b"<t/>", "xml"),
        status_evidence=(Payload(b"<n/>", "xml"), Payload(b"<r/>", "xml")),
        anchor_ended_keys=True,
    )
    run = Run(3, "verifier", "KP-V-STA-0059", Payload(b"<x/>", "xml"), context)
    value = json.loads(encode(run))
    assert message_errors("run", value, response=False) == []
    assert len(value["test"]["context"]["statusEvidence"]) == 2
    assert value["test"]["context"]["anchorEndedKeys"] is True
    assert decode_command(encode(run)) == run
    plain = Run(3, "verifier", "KP-V-SIG-0001", Payload(b"<x/>", "xml"), RunContext(TIME))
    assert "statusEvidence" not in plain.to_json()["test"]["context"]  # optional: version 1 stays


def test_a_line_is_one_line() -> None:
    line = encode(
        Answer(
            1, "reject", codes=("KP-S-003",), findings=({"message": "a\nb", "code": "KP-S-003"},)
        )
    )
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1


@pytest.mark.parametrize(
    "line",
    [
        b"not json",
        b"[]",
        b'{"cmd": "dance"}',
        b'{"cmd": "run", "seq": 1}',
        b'{"cmd": "start", "version": "1"}',
    ],
)
def test_adapters_refuse_bad_commands(line: bytes) -> None:
    with pytest.raises(MessageError):
        decode_command(line)


def _manifest_with(test: dict[str, Any]) -> dict[str, Any]:
    return {
        "suite": "kpstandard-conformance",
        "suiteVersion": "1.0.0",
        "standardVersion": "1.0.0",
        "area": "schema",
        "title": "t",
        "description": "d",
        "tests": [test],
    }


GOOD_TEST: dict[str, Any] = {
    "id": "KP-V-SCH-0001",
    "name": "golden",
    "description": "d",
    "requirement": "KP-REQ-001",
    "level": "MUST",
    "roles": ["validator"],
    "versions": ["1.0"],
    "input": {"file": "inputs/KP-V-SCH-0001.json", "sha256": "0" * 64, "syntax": "json"},
    "context": {"verificationTime": TIME},
    "expected": {"outcome": "accept"},
}


def test_the_manifest_schema_takes_a_good_test() -> None:
    assert schema_errors(MANIFEST_SCHEMA, _manifest_with(GOOD_TEST)) == []


def test_the_manifest_schema_takes_an_acceptance_with_warnings() -> None:
    test = {**GOOD_TEST, "expected": {"outcome": "accept", "warnings": ["KP-R-005", "KP-R-050"]}}
    assert schema_errors(MANIFEST_SCHEMA, _manifest_with(test)) == []


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("converter-without-target", {"roles": ["converter"]}),
        ("verifier-without-trust-list", {"roles": ["verifier"]}),
        ("issuer-without-key", {"roles": ["issuer"]}),
        ("must-needing-a-feature", {"requires": ["x"]}),
        ("reject-without-codes", {"expected": {"outcome": "reject"}}),
        ("reject-with-empty-codes", {"expected": {"outcome": "reject", "codes": []}}),
        ("accept-with-empty-warnings", {"expected": {"outcome": "accept", "warnings": []}}),
        ("accept-with-a-bad-warning", {"expected": {"outcome": "accept", "warnings": ["W1"]}}),
        (
            "reject-with-warnings",
            {"expected": {"outcome": "reject", "codes": ["KP-R-005"], "warnings": ["KP-R-005"]}},
        ),
        ("output-without-check", {"expected": {"outcome": "output", "output": GOOD_TEST["input"]}}),
        ("bad-id", {"id": "SCH-1"}),
        ("unknown-role", {"roles": ["judge"]}),
        ("file-outside-the-area", {"input": {**GOOD_TEST["input"], "file": "../x.json"}}),
        ("short-hash", {"input": {**GOOD_TEST["input"], "sha256": "abc"}}),
        ("clock-without-zone", {"context": {"verificationTime": "2026-02-17T12:00:00"}}),
        ("no-versions", {"versions": []}),
        ("version-not-major-minor", {"versions": ["1.0.0"]}),
        ("exchange-role-on-a-document-test", {"roles": ["exchange"], "id": "KP-V-EXC-0001"}),
    ],
)
def test_the_manifest_schema_refuses_bad_tests(name: str, change: dict[str, Any]) -> None:
    assert schema_errors(MANIFEST_SCHEMA, _manifest_with({**GOOD_TEST, **change})) != [], name


GOOD_EXCHANGE_TEST: dict[str, Any] = {
    "id": "KP-V-EXC-0001",
    "name": "unsigned-request",
    "description": "d",
    "requirement": "KP-REQ-101",
    "level": "MUST",
    "roles": ["exchange"],
    "versions": ["1.0", "1.1"],
    "sends": "POST /messages without a signature",
    "expected": {"outcome": "reject", "codes": ["KP-EX-001"], "status": 401},
}


def _exchange_manifest_with(test: dict[str, Any]) -> dict[str, Any]:
    return {**_manifest_with(test), "area": "exchange"}


def test_the_manifest_schema_takes_a_good_exchange_test() -> None:
    assert schema_errors(MANIFEST_SCHEMA, _exchange_manifest_with(GOOD_EXCHANGE_TEST)) == []


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("refusal-without-status", {"expected": {"outcome": "reject", "codes": ["KP-EX-001"]}}),
        ("refusal-without-codes", {"expected": {"outcome": "reject", "status": 401}}),
        (
            "a-finding-code",
            {"expected": {"outcome": "reject", "codes": ["KP-R-001"], "status": 422}},
        ),
        ("another-role", {"roles": ["validator"]}),
        ("another-area-id", {"id": "KP-V-SCH-0001"}),
        ("nothing-sent", {"sends": ""}),
        ("no-versions", {"versions": []}),
        ("an-input-file", {"input": GOOD_TEST["input"]}),
    ],
)
def test_the_manifest_schema_refuses_bad_exchange_tests(name: str, change: dict[str, Any]) -> None:
    manifest = _exchange_manifest_with({**GOOD_EXCHANGE_TEST, **change})
    assert schema_errors(MANIFEST_SCHEMA, manifest) != [], name


def test_a_document_test_is_no_exchange_test_and_back() -> None:
    assert schema_errors(MANIFEST_SCHEMA, _exchange_manifest_with(GOOD_TEST)) != []
    assert schema_errors(MANIFEST_SCHEMA, _manifest_with(GOOD_EXCHANGE_TEST)) != []


def test_every_committed_manifest_is_valid() -> None:
    for path in sorted(Path(SUITE).glob("*/manifest.json")):
        assert schema_errors(MANIFEST_SCHEMA, json.loads(path.read_bytes())) == [], path
