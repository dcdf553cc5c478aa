"""``kpcert spec diff``: every change between two versions of the standard, classified."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kpstandard.cli import main
from kpstandard.specbuild._diff import Impact, diff_specs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    target = tmp_path / "new" / "spec"
    for part in ("model", "codelists", "text", "catalogue"):
        shutil.copytree(ROOT / "spec" / part, target / part)
    return target


def _edit(spec: Path, file: str, old: str, new: str) -> None:
    path = spec / file
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _impacts(changes: list, ident: str) -> set[Impact]:  # type: ignore[type-arg]
    found = [c for c in changes if ident in c.ids]
    assert found, f"no change names {ident}"
    return set().union(*(c.impact for c in found))


def test_no_change_no_finding(spec_copy: Path) -> None:
    assert diff_specs(ROOT / "spec", spec_copy) == []


def test_a_narrower_cardinality_breaks_producers(spec_copy: Path) -> None:
    _edit(
        spec_copy,
        "model/kp-certificate.yaml",
        "cardinality: 0..1\n    type: CountryCode\n    json: countryOfProvenance",
        "cardinality: 1..1\n    type: CountryCode\n    json: countryOfProvenance",
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "KP-BT-022") == {Impact.PRODUCERS}


def test_a_new_value_of_a_closed_list_breaks_consumers(spec_copy: Path) -> None:
    _edit(
        spec_copy,
        "model/datatypes.yaml",
        "enum: [original, replacement]",
        "enum: [original, replacement, void]",
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "DocumentStatus") == {Impact.CONSUMERS}


def test_a_new_trade_measure_breaks_producers_and_lifting_one_consumers(spec_copy: Path) -> None:
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        '  - code: AM\n    name: Armenia\n    membership:\n      - from: "2003-01-01"\n',
        '  - code: AM\n    name: Armenia\n    suspensions:\n      - from: "2030-01-01"\n'
        "        kind: suspended\n        source: test\n"
        '    membership:\n      - from: "2003-01-01"\n',
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "participants:AM") == {Impact.PRODUCERS}
    assert _impacts(diff_specs(spec_copy, ROOT / "spec"), "participants:AM") == {Impact.CONSUMERS}


def test_a_new_code_and_a_new_requirement_are_compatible(spec_copy: Path) -> None:
    path = spec_copy / "codelists" / "hs-codes.yaml"
    path.write_text(
        path.read_text("utf-8")
        + '\n  - code: "7102.99"\n    description: test\n    in_scope: false\n'
        '    from: "2030-01-01"\n    source: test\n',
        "utf-8",
    )
    changes = diff_specs(ROOT / "spec", spec_copy)
    assert _impacts(changes, "hs-codes:7102.99") == {Impact.COMPATIBLE}


def test_a_level_raised_breaks_producers(spec_copy: Path) -> None:
    _edit(
        spec_copy,
        "text/requirements.yaml",
        "  - id: KP-REQ-020\n    level: MAY",
        "  - id: KP-REQ-020\n    level: MUST",
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "KP-REQ-020") == {Impact.PRODUCERS}


def test_the_command_prints_json_and_refuses_what_is_not_a_spec(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["spec", "diff", str(ROOT), str(spec_copy.parent), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["spec", "diff", str(tmp_path / "nothing"), str(spec_copy)]) == 2


def test_a_git_ref_is_a_side(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    inside = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, check=False
    )
    if inside.returncode != 0:
        pytest.skip("not a git checkout")
    # The committed standard, read from git, against the same files written out to a folder.
    exported = tmp_path / "head"
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "HEAD", "spec"], capture_output=True, check=True
    )
    exported.mkdir()
    subprocess.run(["tar", "-x", "-C", str(exported)], input=archive.stdout, check=True)
    assert main(["spec", "diff", "--root", str(ROOT), "HEAD", str(exported)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 changes")


def _add_rule(spec: Path, code: str, severity: str) -> None:
    path = spec / "catalogue" / "findings.json"
    catalogue = json.loads(path.read_text("utf-8"))
    versions = sorted({v for entry in catalogue["codes"] for v in entry.get("versions", [])})
    catalogue["codes"].append(
        {
            "code": code,
            "layer": "rules",
            "severity": severity,
            "requirement": "KP-REQ-019",
            "title": "test",
            "appliesTo": ["kp-certificate"],
            "versions": versions,
        }
    )
    path.write_text(json.dumps(catalogue), "utf-8")


def test_a_new_warning_rule_breaks_nobody_and_a_new_error_rule_breaks_producers(
    spec_copy: Path,
) -> None:
    """A warning refuses no document, even one of a version the rule now judges (KP-R-050)."""
    _add_rule(spec_copy, "KP-R-998", "warning")
    _add_rule(spec_copy, "KP-R-999", "error")
    changes = diff_specs(ROOT / "spec", spec_copy)
    assert _impacts(changes, "KP-R-998") == {Impact.COMPATIBLE}
    assert "it refuses no document" in next(c for c in changes if "KP-R-998" in c.ids).description
    assert _impacts(changes, "KP-R-999") == {Impact.PRODUCERS}


def test_an_algorithm_allowed_breaks_consumers_and_one_deprecated_producers(
    spec_copy: Path,
) -> None:
    """The register of annex Article 16: verifiers written before an addition refuse documents
    signed with it; signers of a deprecated algorithm are refused after its date."""
    _edit(
        spec_copy,
        "codelists/algorithms.yaml",
        "key_types: [gost2012-256]\n    status: proposed",
        'key_types: [gost2012-256]\n    status: allowed\n    since: "1.1"',
    )
    _edit(
        spec_copy,
        "codelists/algorithms.yaml",
        "jws: RS512\n    key_types: [rsa]\n    status: allowed",
        "jws: RS512\n    key_types: [rsa]\n    status: deprecated\n"
        '    deprecated_from: "2030-01-01"',
    )
    changes = diff_specs(ROOT / "spec", spec_copy)
    assert _impacts(changes, "algorithms:gostr34102012-gostr34112012-256") == {Impact.CONSUMERS}
    assert _impacts(changes, "algorithms:rsa-sha512") == {Impact.PRODUCERS}
