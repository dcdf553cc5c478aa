"""Keeping the suite honest: ``kpcert conformance check`` verifies the suite itself.

- every manifest is valid against its schema, every id unique and in the id ledger, every level
  the level of its requirement, every code a code of the catalogue;
- every file's hash matches, and no file lies about unreferenced;
- the vectors regenerate byte for byte;
- every positive vector is valid under independent implementations: xmllint (libxml2) and
  xmlschema for XML, jsonschema-rs and python-jsonschema for JSON; and every signed positive
  vector (an accepted signed input, the trust list it is verified with) verifies with libxmlsec1:
  through its Python bindings (the ``xmlsec`` package, with the signer certificate's link to the
  test root CA checked at the signing day), and with the ``xmlsec1`` command against the test root
  CA;
- every code of every layer has a negative and a positive vector, every warning code an
  accepting vector that expects it, every refusal code of the exchange protocol a test (each
  with a reason recorded here where there is none), and every machine-checkable MUST
  requirement a vector;
- every test's versions of the standard are versions the standard has, in which its requirement
  and every rule it names exist, and, for a document that declares its version, that version;
- every JSON Schema of the suite is a valid 2020-12 schema.

The independent tools are optional where the suite is only read (a wheel installed without the
test extra, a machine without ``xmllint`` or ``xmlsec1``): a cross-check that cannot run is a note
that says what was skipped and why. With ``require_tools`` (CI) it is a problem.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema_rs
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError
from lxml import etree

import kpstandard
from kpstandard._resources import source_root, spec_dir
from kpstandard.conformance._manifest import AREAS, Manifest, Suite, Vector, sha256
from kpstandard.conformance._suite import MANIFEST_SCHEMA, schema_errors
from kpstandard.conformance._versions import (
    all_versions,
    code_in_version,
    declared_version,
    requirement_catalogue,
    requirement_in_version,
)
from kpstandard.exchange import Refusal
from kpstandard.findings import CODES, Layer, Severity
from kpstandard.model.meta import default_model
from kpstandard.validation import rules as _rules  # noqa: F401 (registers the rule codes)

__all__ = [
    "COVERED_LAYERS",
    "EXCHANGE_UNTESTED",
    "PENDING_REQUIREMENTS",
    "WARNINGS_UNEXPECTED",
    "CheckResult",
    "check_suite",
]

COVERED_LAYERS = (
    Layer.INPUT,
    Layer.SCHEMA,
    Layer.RULES,
    Layer.SIGNATURE,
    Layer.TRUST,
    Layer.TIME,
)
"""Layers whose every code must have a negative and a positive vector. The negative vector of a
warning (a code that leaves a document not judged, such as KP-TM-001) is one that expects "not
judged" and names it."""

PENDING_REQUIREMENTS: dict[str, str] = {}
"""Machine-checkable MUST requirements allowed to have no vector yet, with why (none now: every
one has vectors)."""

EXCHANGE_UNTESTED: dict[str, str] = {
    "KP-EX-007": "a node's body limit is its own (the protocol sets only a floor, 1 MiB plus the "
    "envelope, that it must accept): no body size is one every node must refuse, short of an "
    "unbounded one; the reference node's refusal is tested in tests/test_node.py",
    "KP-EX-008": "provoking it holds a connection open for the node's own time limit, which the "
    "protocol does not fix; the reference node's refusal is tested in tests/test_node.py",
    "KP-EX-016": "an internal error of the node: nothing a peer sends may provoke it",
    "KP-EX-030": "a node's quarantine quota is its own (the protocol fixes no figure): reaching "
    "it means filling the node under test with refused documents; the reference node's quota "
    "is tested in tests/test_node_quota.py",
}
"""Refusal codes of the exchange protocol that no exchange test expects, with why."""

WARNINGS_UNEXPECTED: dict[str, str] = {
    "KP-TM-001": "it leaves trust not judged (KP-REQ-044): no input with it is accepted; the "
    "not-judged vectors name it",
    "KP-ST-001": "it leaves the document's date not judged (KP-REQ-076): no input with it is "
    "accepted; the not-judged vectors name it",
    "KP-ST-002": "it leaves the document's date not judged (KP-REQ-077): no input with it is "
    "accepted; the not-judged vectors name it",
    "KP-ST-003": "KP-REQ-072 asks a verifier to refuse status evidence that is not the issuing "
    "authority's or not about the certificate, not to report that it did: a verifier may say "
    "so, and the accepting vectors with such evidence allow either",
    "KP-ST-006": "KP-REQ-073 asks a verifier not to use a notice that contradicts the status "
    "history, not to report that it did: a verifier may say so",
    "KP-X-001": "an internal error of the implementation: no input may provoke it in a "
    "conforming one",
    "KP-R-053": "a line whose origin was under a UN embargo on the date of issue: the "
    "certificate cannot show whether the goods left before the embargo, so the standard asks "
    "only that such a certificate be accepted; a validator may warn (the reference does), and "
    "the accepting vectors allow either",
}
"""Warning codes of the catalogue that no accepting vector expects among its warnings, with why.
Every other warning code must be expected by one (KP-REQ-106: a warning the standard asks for
is tested as such, not only by the acceptance it allows)."""

XMLSEC1_ID_ATTRIBUTES = ("--id-attr:Id", "SignedProperties", "--id-attr:Id", "KeyInfo")
"""What xmlsec1 needs to resolve the references of a XAdES signature (by Id)."""

MINIMUM_VECTORS = 150

TOOL_TIMEOUT = 300
"""Seconds an independent tool may take over one batch before the check calls it a problem."""

DSIG = "http://www.w3.org/2000/09/xmldsig#"


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    """What is wrong: the check fails."""
    notes: list[str] = field(default_factory=list)
    """What is worth knowing: coverage waiting for other areas, vectors held back."""
    counts: dict[str, Any] = field(default_factory=dict)
    require_tools: bool = False
    """Whether an independent tool that cannot run is a problem (CI) rather than a note."""

    def unavailable(self, what: str) -> None:
        """Record a cross-check that could not run: a note, or a problem when tools are required."""
        if self.require_tools:
            self.problems.append(f"required, but {what}")
        else:
            self.notes.append(f"skipped: {what}")

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "notes": self.notes,
            "counts": self.counts,
        }


def _manifests(folder: Path, result: CheckResult) -> list[Manifest]:
    manifests = []
    for area in AREAS:
        path = folder / area / "manifest.json"
        if not path.is_file():
            continue
        try:
            value = json.loads(path.read_bytes())
        except ValueError as exc:
            result.problems.append(f"{path}: not JSON: {exc}")
            continue
        errors = schema_errors(MANIFEST_SCHEMA, value, folder)
        result.problems += [f"{area}/manifest.json: {e}" for e in errors[:20]]
        if errors:
            continue
        if value["area"] != area:
            result.problems.append(f"{area}/manifest.json says it is area {value['area']}")
        manifests.append(Manifest.from_json(value, folder=path.parent))
    return manifests


def _ledger_and_level(
    where: str,
    test_id: str,
    requirement: str,
    level: str,
    active: Mapping[str, object],
    retired: Mapping[str, object],
    levels: Mapping[str, str],
) -> list[str]:
    """A test's id against the ledger (ids.json) and its level against its requirement's."""
    problems = []
    if test_id in retired:
        problems.append(f"{where}: the id is retired in ids.json")
    elif test_id not in active:
        problems.append(f"{where}: the id is not in ids.json")
    expected = levels.get(requirement)
    if expected is None:
        problems.append(f"{where}: no requirement {requirement}")
    elif expected != level:
        problems.append(f"{where}: level {level}, but {requirement} is {expected}")
    return problems


def _structure(suite: Suite, result: CheckResult) -> None:
    catalogue = requirement_catalogue()
    levels = {r["id"]: r["level"] for r in catalogue["requirements"]}
    ledger_path = suite.folder / "ids.json"
    ledger = json.loads(ledger_path.read_text("utf-8")) if ledger_path.is_file() else {}
    active, retired = ledger.get("ids", {}), ledger.get("retired", {})
    ids = Counter(v.id for _, v in suite.vectors())
    result.problems += [f"{i}: used by {n} tests" for i, n in ids.items() if n > 1]
    for manifest in suite.manifests:
        names = Counter((v.name, v.input.syntax, v.context.target) for v in manifest.tests)
        result.problems += [
            f"{manifest.area}: name {k[0]} twice" for k, n in names.items() if n > 1
        ]
        for vector in manifest.tests:
            where = f"{manifest.area} {vector.id}"
            if not vector.id.startswith(f"KP-V-{AREAS[manifest.area]}-"):
                result.problems.append(f"{where}: the id is not of area {manifest.area}")
            result.problems += _ledger_and_level(
                where, vector.id, vector.requirement, vector.level, active, retired, levels
            )
            for code in (*vector.expected.codes, *vector.expected.warnings, *vector.exercises):
                if code not in CODES:
                    result.problems.append(f"{where}: {code} is not a finding code")
        scenario_names = Counter(t.name for t in manifest.scenarios)
        result.problems += [
            f"{manifest.area}: name {k} twice" for k, n in scenario_names.items() if n > 1
        ]
        refusals = {r.code for r in Refusal}
        for test in manifest.scenarios:
            where = f"{manifest.area} {test.id}"
            ids[test.id] += 1
            result.problems += _ledger_and_level(
                where, test.id, test.requirement, test.level, active, retired, levels
            )
            for code in test.codes:
                if code not in refusals:
                    result.problems.append(f"{where}: {code} is not a refusal of the protocol")
            expected_status = {r.status for r in Refusal if r.code in test.codes}
            if test.outcome == "reject" and test.status not in expected_status:
                result.problems.append(
                    f"{where}: HTTP {test.status} is not the status of {', '.join(test.codes)}"
                )
    result.problems += [
        f"{i}: used by {n} tests" for i, n in ids.items() if n > 1 and i.startswith("KP-V-EXC-")
    ]


def _files(suite: Suite, result: CheckResult) -> None:
    for manifest in suite.manifests:
        assert manifest.folder is not None
        referenced = set()
        for vector in manifest.tests:
            for ref in vector.files():
                referenced.add(ref.file)
                path = manifest.folder / ref.file
                if not path.is_file():
                    result.problems.append(f"{manifest.area} {vector.id}: {ref.file} is missing")
                    continue
                data = path.read_bytes()
                if sha256(data) != ref.sha256:
                    result.problems.append(
                        f"{manifest.area} {vector.id}: {ref.file} does not match its sha256"
                    )
                if ref.size is not None and ref.size != len(data):
                    result.problems.append(
                        f"{manifest.area} {vector.id}: {ref.file} is not {ref.size} bytes"
                    )
        for sub in ("inputs", "context", "expected"):
            folder = manifest.folder / sub
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if f"{sub}/{path.name}" not in referenced:
                        result.problems.append(
                            f"{manifest.area}/{sub}/{path.name}: no test uses it"
                        )


def _regenerates(folder: Path, result: CheckResult) -> None:
    root = source_root()
    if root is None or folder.resolve() != (root / "conformance").resolve():
        result.notes.append("regeneration not compared: not the suite of a source checkout")
        return
    # Imported only here: the generator reads the golden documents of a checkout's examples/.
    from kpstandard.conformance.generate import build, generated_paths

    fresh = build(folder, assign_ids=False)
    result.problems += [
        f"no id for the new vector {k}: run `kpcert conformance generate`" for k in fresh.unassigned
    ]
    for name, data in fresh.files.items():
        target = folder / name
        if not target.is_file():
            result.problems.append(f"{name}: generated, but not in the suite")
        elif target.read_bytes() != data:
            result.problems.append(f"{name}: differs from what the generator writes")
    made = {folder / p for p in fresh.files}
    for path in generated_paths(folder):
        if path not in made:
            result.problems.append(f"{path.relative_to(folder)}: not generated any more")
    for key, reason in fresh.pending:
        result.notes.append(f"held back: {key}: {reason}")


# --- positive vectors under independent implementations --------------------------------------


def _xsd_by_namespace() -> dict[str, str]:
    return {d.xml_namespace: f"{d.file_stem}.xsd" for d in default_model().documents}


def _json_schema_by_type() -> dict[str, str]:
    return {d.json_document_type: f"{d.file_stem}.schema.json" for d in default_model().documents}


def _positives(suite: Suite) -> Iterator[tuple[str, Path]]:
    """Every file that must be a valid document: accepted inputs, expected outputs, certificates."""
    seen: set[Path] = set()
    for manifest, vector in suite.vectors():
        assert manifest.folder is not None
        refs = [ref for _, ref in vector.context.files() if ref.syntax in ("json", "xml")]
        if vector.expected.outcome in ("accept", "output", "not-judged"):
            refs.append(vector.input)
        if vector.expected.output is not None:
            refs.append(vector.expected.output)
        for ref in refs:
            path = manifest.folder / ref.file
            if ref.syntax in ("json", "xml") and path not in seen and path.is_file():
                seen.add(path)
                yield ref.syntax, path


def _xml_type(path: Path) -> str | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError:
        return None
    return _xsd_by_namespace().get(etree.QName(root).namespace or "")


def _xmllint(files: dict[str, list[Path]], result: CheckResult) -> None:
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        result.unavailable(
            "xmllint is not installed (Debian: apt-get install libxml2-utils): the positive XML "
            "vectors were not checked with xmllint (xmlschema checks them still)"
        )
        return
    checked = 0
    for xsd, paths in files.items():
        for start in range(0, len(paths), 200):
            batch = paths[start : start + 200]
            completed = _run(
                [
                    xmllint,
                    "--noout",
                    "--nonet",
                    "--schema",
                    str(spec_dir() / "xml" / xsd),
                    *map(str, batch),
                ],
                result,
            )
            if completed is None:
                continue
            checked += len(batch)
            if completed.returncode != 0:
                failing = [
                    line for line in completed.stderr.splitlines() if "validates" not in line
                ]
                result.problems += [f"xmllint: {line}" for line in failing[:20]]
    result.counts["XML positives checked by xmllint"] = checked


def _run(command: list[str], result: CheckResult) -> subprocess.CompletedProcess[str] | None:
    """Run an independent tool; a tool that cannot start or hangs is a problem, never raised."""
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "TZ": "UTC"},  # xmlsec1 reads --verification-time as local time
            timeout=TOOL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        result.problems.append(f"{Path(command[0]).name}: no answer within {TOOL_TIMEOUT} s")
    except OSError as exc:
        result.problems.append(f"{Path(command[0]).name} could not run: {exc}")
    return None


def _signed_positives(suite: Suite) -> Iterator[Path]:
    """Every signed file that must verify: the accepted inputs of signed documents, and the
    trust lists that accepted inputs are verified with."""
    seen: set[Path] = set()
    for manifest, vector in suite.vectors():
        assert manifest.folder is not None
        if vector.expected.outcome != "accept" or vector.context.trust_list is None:
            continue
        for ref in (vector.input, vector.context.trust_list):
            path = manifest.folder / ref.file
            if path not in seen and path.is_file():
                seen.add(path)
                yield path


def _signing_day(path: Path) -> datetime.datetime:
    """Noon UTC on the date the signed document is judged on."""
    document = kpstandard.load(path.read_bytes())
    for attr in ("date_of_issue", "date_of_receipt"):
        if hasattr(document, attr):
            day: datetime.date = getattr(document, attr)
            break
    else:
        issued: datetime.datetime = document.issued
        day = issued.date()
    return datetime.datetime.combine(day, datetime.time(12), datetime.UTC)


def _test_root_ca() -> Path | None:
    """The test PKI's root CA: in a source checkout only (a wheel carries no test keys)."""
    root = source_root()
    ca = root / "examples" / "pki" / "ca" / "root-ca.cert.pem" if root else None
    return ca if ca is not None and ca.is_file() else None


def _xmlsec1(paths: list[Path], ca: Path | None, result: CheckResult) -> None:
    """Verify with the xmlsec1 command, the signer's chain to the test root CA included."""
    xmlsec1 = shutil.which("xmlsec1")
    if xmlsec1 is None:
        result.unavailable(
            "the xmlsec1 command is not installed (Debian: apt-get install xmlsec1): the signed "
            "positive vectors were not verified with it"
        )
        return
    if ca is None:
        result.unavailable(
            "the xmlsec1 command was not run: the test root CA it verifies the signers against "
            "is in a source checkout only"
        )
        return
    verified = 0
    for path in paths:
        completed = _run(
            [
                xmlsec1,
                "--verify",
                "--trusted-pem",
                str(ca),
                *XMLSEC1_ID_ATTRIBUTES,
                "--verification-time",
                _signing_day(path).strftime("%Y-%m-%d %H:%M:%S"),
                str(path),
            ],
            result,
        )
        if completed is None:
            continue
        if completed.returncode != 0:
            last = (completed.stderr.strip().splitlines() or ["(no message)"])[-1]
            result.problems.append(f"xmlsec1 --verify: {path}: {last}")
        else:
            verified += 1
    result.counts["signed positives verified by the xmlsec1 command"] = verified


def _import_xmlsec() -> tuple[ModuleType | None, str]:
    """The ``xmlsec`` bindings, or None and why they cannot be used."""
    try:
        import xmlsec
    except ImportError:
        return None, "the xmlsec package is not installed (pip install xmlsec, in the test extra)"
    except Exception as exc:  # xmlsec.InternalError: its libxml2 is not the one lxml loaded
        return None, f"the xmlsec package cannot be used here: {exc}"
    return xmlsec, ""


def _xmlsec_problem(
    xmlsec: Any, path: Path, ca: x509.Certificate | None, when: datetime.datetime
) -> str | None:
    """Verify one signed file with libxmlsec1's bindings; the problem, or None when it verifies.

    libxmlsec1 verifies the signature with the key of the certificate in KeyInfo; that this
    certificate was issued by the test root CA and was valid at ``when`` is checked beside it
    (the bindings verify a chain only at the current time, and the vectors pin theirs).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        return f"not well-formed: {exc}"
    signature = root.find(f"{{{DSIG}}}Signature")
    text = signature.findtext(f".//{{{DSIG}}}X509Certificate") if signature is not None else None
    if signature is None or not text:
        return "no ds:Signature with an X509Certificate under the root"
    try:
        der = base64.b64decode("".join(text.split()), validate=True)
        certificate = x509.load_der_x509_certificate(der)
    except (binascii.Error, ValueError) as exc:
        return f"the X509Certificate cannot be read: {exc}"
    context = xmlsec.SignatureContext()
    for element in root.iter():  # XAdES references its SignedProperties (and KeyInfo) by Id
        if isinstance(element.tag, str) and element.get("Id"):
            context.register_id(element, "Id")
    try:
        context.key = xmlsec.Key.from_memory(der, xmlsec.constants.KeyDataFormatCertDer)
        context.verify(signature)
    except xmlsec.Error as exc:
        return f"does not verify: {exc}"
    if ca is not None:
        try:
            certificate.verify_directly_issued_by(ca)
        except (InvalidSignature, ValueError, TypeError):
            return "the signer certificate was not issued by the test root CA"
        if not certificate.not_valid_before_utc <= when <= certificate.not_valid_after_utc:
            return f"the signer certificate was not valid on {when.date()}"
    return None


def _xmlsec_bindings(paths: list[Path], ca: Path | None, result: CheckResult) -> None:
    xmlsec, why = _import_xmlsec()
    if xmlsec is None:
        result.unavailable(f"{why}: the signed positive vectors were not verified with it")
        return
    root_ca = x509.load_pem_x509_certificate(ca.read_bytes()) if ca is not None else None
    if root_ca is None:
        result.notes.append(
            "the xmlsec bindings verified the signatures, not the signers' link to the test root "
            "CA: it is in a source checkout only"
        )
    verified = 0
    for path in paths:
        problem = _xmlsec_problem(xmlsec, path, root_ca, _signing_day(path))
        if problem:
            result.problems.append(f"xmlsec (bindings): {path}: {problem}")
        else:
            verified += 1
    result.counts["signed positives verified by the xmlsec bindings"] = verified


def _xmlsec(suite: Suite, result: CheckResult) -> None:
    paths = list(_signed_positives(suite))
    if not paths:
        return
    ca = _test_root_ca()
    _xmlsec_bindings(paths, ca, result)
    _xmlsec1(paths, ca, result)


def _independent(suite: Suite, result: CheckResult) -> None:
    xml_files: dict[str, list[Path]] = {}
    json_files: dict[str, list[Path]] = {}
    for syntax, path in _positives(suite):
        if syntax == "xml":
            xsd = _xml_type(path)
            if xsd is None:
                result.problems.append(f"{path}: a positive XML vector that is not a document")
                continue
            xml_files.setdefault(xsd, []).append(path)
        else:
            try:
                value = json.loads(path.read_bytes())
            except ValueError:
                result.problems.append(f"{path}: a positive JSON vector that is not JSON")
                continue
            kind = value.get("documentType", "") if isinstance(value, dict) else ""
            schema = _json_schema_by_type().get(kind)
            if schema is None:
                result.problems.append(f"{path}: a positive JSON vector of no document type")
                continue
            json_files.setdefault(schema, []).append(path)
    _xmllint(xml_files, result)
    _xmlschema(xml_files, result)
    for name, paths in json_files.items():
        document = json.loads((spec_dir() / "json" / name).read_text("utf-8"))
        rust = jsonschema_rs.Draft202012Validator(document, validate_formats=True)
        python = Draft202012Validator(document, format_checker=FormatChecker())
        for path in paths:
            value = json.loads(path.read_bytes())
            if not rust.is_valid(value):
                result.problems.append(f"jsonschema-rs: {path} is not valid")
            error = next(iter(python.iter_errors(value)), None)
            if error is not None:
                result.problems.append(f"python-jsonschema: {path}: {error.message[:200]}")
    result.counts["positives checked"] = {
        "xml": sum(map(len, xml_files.values())),
        "json": sum(map(len, json_files.values())),
    }
    _xmlsec(suite, result)


def _xmlschema(files: dict[str, list[Path]], result: CheckResult) -> None:
    try:
        import xmlschema
    except ImportError:
        result.unavailable(
            "the xmlschema package is not installed (pip install xmlschema, in the test extra): "
            "the positive XML vectors were not checked with it"
        )
        return
    checked = 0
    for xsd, paths in files.items():
        second = xmlschema.XMLSchema(str(spec_dir() / "xml" / xsd))
        for path in paths:
            error = next(iter(second.iter_errors(str(path))), None)
            if error is not None:
                result.problems.append(f"xmlschema: {path}: {str(error.reason)[:200]}")
            checked += 1
    result.counts["XML positives checked by xmlschema"] = checked


def _step(run: Callable[..., Any], what: str, result: CheckResult, *args: Any) -> Any:
    """Run one part of the check; an unexpected exception is a problem, never raised."""
    try:
        return run(*args)
    except Exception as exc:
        result.problems.append(f"internal error in {what}: {type(exc).__name__}: {exc}")
        return None


# --- versions of the standard ------------------------------------------------------------------


def _versions(suite: Suite, result: CheckResult) -> None:
    """Each test's versions: versions of the standard, oldest first, in which its requirement
    and every rule it names exist; a document that declares its version, that version only."""
    known = all_versions()

    def check(
        where: str, versions: tuple[str, ...], requirement: str | None, codes: list[str]
    ) -> bool:
        unknown = [v for v in versions if v not in known]
        if unknown:
            result.problems.append(f"{where}: no version {', '.join(unknown)} of the standard")
            return False
        if list(versions) != [v for v in known if v in versions]:
            result.problems.append(f"{where}: versions not in order, oldest first")
        for version in versions:
            if requirement is not None and not requirement_in_version(requirement, version):
                result.problems.append(f"{where}: {requirement} is not in version {version}")
            absent = [c for c in codes if not code_in_version(c, version)]
            if absent:
                result.problems.append(
                    f"{where}: {', '.join(absent)} is no rule of version {version}"
                )
        return True

    counts: Counter[str] = Counter()
    for manifest, vector in suite.vectors():
        where = f"{manifest.area} {vector.id}"
        codes = [*vector.expected.codes, *vector.expected.warnings, *vector.exercises]
        path = (manifest.folder or Path()) / vector.input.file
        data = path.read_bytes() if path.is_file() else b""
        declared = declared_version(data, vector.input.syntax)
        # A document that declares its version is judged by that version's rules, whatever
        # version added the requirement cited (KP-REQ-055, of 1.1, is about judging 1.0
        # documents): its requirement is not checked against it.
        requirement = None if declared is not None else vector.requirement
        if not check(where, vector.versions, requirement, codes):
            continue
        counts.update(vector.versions)
        if declared is not None and set(vector.versions) != {declared}:
            result.problems.append(
                f"{where}: its input declares version {declared}, the test lists "
                f"{', '.join(vector.versions)}"
            )
    for test in suite.exchange_tests():
        if check(f"exchange {test.id}", test.versions, test.requirement, []):
            counts.update(test.versions)
    result.counts["tests by version of the standard"] = dict(sorted(counts.items()))


# --- coverage --------------------------------------------------------------------------------


def _coverage(suite: Suite, result: CheckResult) -> None:
    vectors: list[Vector] = [v for _, v in suite.vectors()]
    negative = Counter(
        c
        for v in vectors
        if v.expected.outcome in ("reject", "not-judged")
        for c in v.expected.codes
        if v.expected.outcome == "reject" or CODES[c].severity is Severity.WARNING
    )
    positive = Counter(c for v in vectors if v.expected.outcome == "accept" for c in v.exercises)
    for code, entry in sorted(CODES.items()):
        if entry.layer in COVERED_LAYERS:
            warning_only = entry.severity is Severity.WARNING and entry.layer is Layer.RULES
            if not negative[code] and warning_only and positive[code]:
                # A warning of the rules layer never changes the outcome: no vector can reject
                # for it, and the ones that exercise it show that it does not refuse.
                warned = sum(1 for v in vectors if code in v.expected.warnings)
                result.notes.append(
                    f"{code}: a warning; {positive[code]} accepting vectors exercise it, "
                    f"{warned} expect it"
                )
            elif not negative[code]:
                result.problems.append(f"{code}: no negative vector (none rejects for it)")
            if not positive[code]:
                result.problems.append(f"{code}: no positive vector (none exercises it)")
        elif not negative[code]:
            result.notes.append(f"{code} ({entry.layer.value} layer): no vector")
    _warnings(vectors, result)
    expected_refusals = {c for t in suite.exchange_tests() for c in t.codes}
    if any(True for _ in suite.exchange_tests()):
        for refusal in Refusal:
            reason = EXCHANGE_UNTESTED.get(refusal.code)
            if refusal.code in expected_refusals and reason:
                result.problems.append(
                    f"{refusal.code}: tested, yet EXCHANGE_UNTESTED gives a reason it is not"
                )
            elif reason:
                result.notes.append(f"{refusal.code} (exchange): no test: {reason}")
            elif refusal.code not in expected_refusals:
                result.problems.append(
                    f"{refusal.code}: no exchange test expects it, and no reason is recorded"
                )
    catalogue = requirement_catalogue()
    cited = Counter(v.requirement for v in vectors) + Counter(
        t.requirement for t in suite.exchange_tests()
    )
    for requirement in catalogue["requirements"]:
        rid = requirement["id"]
        if requirement["level"] != "MUST" or not requirement.get("machine_checkable"):
            continue
        pending = PENDING_REQUIREMENTS.get(rid)
        if pending:
            result.notes.append(f"{rid}: {pending}")
        elif not cited[rid]:
            result.problems.append(f"{rid}: a machine-checkable MUST requirement without vectors")
    result.counts["requirements cited"] = len(cited)


def _warnings(vectors: list[Vector], result: CheckResult) -> None:
    """Every warning code of the catalogue: an accepting vector that expects it among its
    warnings, or a reason in :data:`WARNINGS_UNEXPECTED`."""
    expected = Counter(
        c for v in vectors if v.expected.outcome == "accept" for c in v.expected.warnings
    )
    for code, entry in sorted(CODES.items()):
        if entry.severity is not Severity.WARNING:
            continue
        reason = WARNINGS_UNEXPECTED.get(code)
        if expected[code] and reason:
            result.problems.append(
                f"{code}: expected as a warning, yet WARNINGS_UNEXPECTED gives a reason it is not"
            )
        elif reason:
            result.notes.append(f"{code} (a warning): no accepting vector expects it: {reason}")
        elif not expected[code]:
            result.problems.append(
                f"{code}: a warning no accepting vector expects, and no reason is recorded"
            )
    result.counts["accepting vectors that expect warnings"] = sum(
        1 for v in vectors if v.expected.outcome == "accept" and v.expected.warnings
    )


def _schemas(folder: Path, result: CheckResult) -> None:
    for path in sorted(
        [*(folder / "schemas").glob("*.json"), *(folder / "protocol").rglob("*.json")]
    ):
        try:
            Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))
        except (ValueError, SchemaError) as exc:
            result.problems.append(f"{path.relative_to(folder)}: not a valid JSON Schema: {exc}")


def check_suite(
    folder: Path,
    *,
    regenerate: bool = True,
    independent: bool = True,
    require_tools: bool = False,
) -> CheckResult:
    """Verify the suite in ``folder``; every problem is listed, none raised.

    Args:
        folder: the suite (``conformance/`` of a checkout, or the one a wheel carries).
        regenerate: compare the vectors with what the generator writes (a checkout only).
        independent: cross-check the positive vectors with independent implementations.
        require_tools: a cross-check that cannot run (``xmllint``, ``xmlsec1``, the ``xmlschema``
            or ``xmlsec`` package missing) is a problem, not a note: for CI, where they are
            installed, so that nothing is skipped silently.
    """
    result = CheckResult(require_tools=require_tools)
    _step(_schemas, "the suite's JSON Schemas", result, folder, result)
    manifests = _step(_manifests, "the manifests", result, folder, result) or []
    suite = Suite(folder, tuple(manifests))
    _step(_structure, "the structure", result, suite, result)
    _step(_files, "the files", result, suite, result)
    if regenerate:
        _step(_regenerates, "the regeneration", result, folder, result)
    if independent:
        _step(_independent, "the independent cross-checks", result, suite, result)
    _step(_versions, "the versions", result, suite, result)
    _step(_coverage, "the coverage", result, suite, result)
    by_area = {m.area: m.size for m in manifests}
    roles = Counter(role for _, v in suite.vectors() for role in v.roles) + Counter(
        role for t in suite.exchange_tests() for role in t.roles
    )
    total = sum(by_area.values())
    result.counts |= {"vectors": total, "areas": by_area, "roles": dict(roles)}
    if total < MINIMUM_VECTORS:
        result.problems.append(
            f"only {total} vectors; the suite promises at least {MINIMUM_VECTORS}"
        )
    return result
