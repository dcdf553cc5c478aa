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


# --- issue 12 review: what the classification could not see -------------------------------------


def _participant(spec: Path, code: str, extra: str) -> None:
    """Append YAML lines to the entry ``code`` of the copied Participants list (after its name)."""
    path = spec / "codelists" / "participants.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line == f"  - code: {code}\n")
    lines.insert(at + 2, extra)
    path.write_text("".join(lines), "utf-8")


def _drop_codes(spec: Path, codes: set[str]) -> None:
    path = spec / "catalogue" / "findings.json"
    catalogue = json.loads(path.read_text("utf-8"))
    catalogue["codes"] = [e for e in catalogue["codes"] if e["code"] not in codes]
    path.write_text(json.dumps(catalogue), "utf-8")


_ZONE = (
    "    restrictions:\n"
    '      - from: "2030-01-01"\n'
    "        kind: {kind}\n"
    "        source: test\n"
    "        zones:\n"
    "          - id: AM-TEST\n"
    "            name: test\n"
    '            from: "2030-01-01"\n'
    "            source: test\n"
)


@pytest.mark.parametrize(
    ("kind", "impact"),
    [
        # read only by KP-R-050, a warning (and of 1.1 only): refuses nothing
        ("supervised-zones", Impact.COMPATIBLE),
        # read by KP-R-006, an error judging 1.0 and 1.1 documents
        ("compliant-zones-only", Impact.PRODUCERS),
        # read by no rule the diff knows: counted as refusing, for review
        ("some-new-kind", Impact.PRODUCERS),
    ],
)
def test_a_restriction_breaks_as_far_as_what_reads_it_refuses(
    spec_copy: Path, kind: str, impact: Impact
) -> None:
    _participant(spec_copy, "AM", _ZONE.format(kind=kind))
    changes = diff_specs(ROOT / "spec", spec_copy)
    assert _impacts(changes, "participants:AM") == {impact}


def test_a_zone_added_to_compliant_zones_widens_and_one_removed_narrows(spec_copy: Path) -> None:
    _participant(spec_copy, "AM", _ZONE.format(kind="compliant-zones-only"))
    base = spec_copy.parent.parent / "base" / "spec"
    shutil.copytree(spec_copy, base)
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        "          - id: AM-TEST\n",
        "          - id: AM-OTHER\n            name: other\n"
        '            from: "2030-01-01"\n            source: test\n'
        "          - id: AM-TEST\n",
    )
    assert _impacts(diff_specs(base, spec_copy), "participants:AM") == {Impact.CONSUMERS}
    assert _impacts(diff_specs(spec_copy, base), "participants:AM") == {Impact.PRODUCERS}


def test_a_suspension_s_scope_is_compared(spec_copy: Path) -> None:
    """CF's import-only suspension: widening it to all trade refuses exports too."""
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        "        kind: suspended\n        scope: import\n",
        "        kind: suspended\n",
    )
    changes = diff_specs(ROOT / "spec", spec_copy)
    assert _impacts(changes, "participants:CF") == {Impact.PRODUCERS}
    assert (
        "scope import -> all trade"
        in next(c for c in changes if c.ids == ("participants:CF",)).description
    )
    assert _impacts(diff_specs(spec_copy, ROOT / "spec"), "participants:CF") == {Impact.CONSUMERS}


def test_an_approximate_date_softens_findings_of_1_1(spec_copy: Path) -> None:
    """From 1.1 a finding resting on an approximate date is a warning (KP-REQ-106): marking a date
    approximate accepts more 1.1 documents, unmarking it refuses more."""
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        '  - code: AM\n    name: Armenia\n    membership:\n      - from: "2003-01-01"\n',
        '  - code: AM\n    name: Armenia\n    membership:\n      - from: "2003-01-01"\n'
        "        approximate: true\n",
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "participants:AM") == {Impact.CONSUMERS}
    assert _impacts(diff_specs(spec_copy, ROOT / "spec"), "participants:AM") == {Impact.PRODUCERS}


def test_territories_validity_and_within_are_classified(spec_copy: Path) -> None:
    # a territory removed: KP-R-051 (an error of 1.1, an existing version here) refuses more
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        "      - code: AT\n        from:",
        "      - code: XX\n        from:",
    )
    # a shorter maximum validity: KP-R-011 refuses more
    _edit(
        spec_copy, "codelists/participants.yaml", "max_validity_months: 2", "max_validity_months: 1"
    )
    # within a Participant that was suspended: refused whenever it is
    _participant(spec_copy, "AM", "    within: CF\n")
    # within removed: no longer refused for China's standing
    _edit(spec_copy, "codelists/participants.yaml", "    within: CN\n", "")
    changes = diff_specs(ROOT / "spec", spec_copy)
    eu = [c for c in changes if c.ids == ("participants:EU",)]
    assert {d for c in eu for d in c.impact} == {Impact.PRODUCERS, Impact.CONSUMERS}
    assert any(
        "territory AT from 2003-01-01 removed" in c.description and c.impact == {Impact.PRODUCERS}
        for c in eu
    )
    assert any(
        "maximum validity 2 months -> 1 months" in c.description and c.impact == {Impact.PRODUCERS}
        for c in eu
    )
    assert _impacts(changes, "participants:AM") == {Impact.PRODUCERS}
    assert _impacts(changes, "participants:HK") == {Impact.CONSUMERS}


def test_a_note_or_source_edited_is_compatible(spec_copy: Path) -> None:
    _edit(
        spec_copy,
        "codelists/participants.yaml",
        "    name: Armenia\n",
        "    name: Republic of Armenia\n",
    )
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "participants:AM") == {Impact.COMPATIBLE}


def test_a_new_document_type_breaks_no_existing_document(spec_copy: Path) -> None:
    """The status response, its terms and the rules that judge only it (or rest only on its
    evidence, KP-ST-005) are a new capability; KP-ST-004 also rests on the status notice, which
    existed, so it still breaks producers."""
    old = spec_copy
    _edit(old, "model/model.yaml", "  - status-response.yaml\n", "")
    (old / "model" / "status-response.yaml").unlink()
    _drop_codes(old, {"KP-R-066", "KP-R-067", "KP-R-068", "KP-R-069", "KP-ST-004", "KP-ST-005"})
    changes = diff_specs(old, ROOT / "spec")
    for ident in ("status-response", "KP-BG-040", "KP-BT-141", "KP-R-066", "KP-R-069", "KP-ST-005"):
        assert _impacts(changes, ident) == {Impact.COMPATIBLE}, ident
    assert _impacts(changes, "KP-ST-004") == {Impact.PRODUCERS}


_NEW_TERM = (
    "  - id: KP-BT-999\n"
    "    name: Test term\n"
    "    definition: test\n"
    "    requirements: [KP-REQ-029]\n"
    "    basis: test\n"
    "{since}"
    "    cardinality: {cardinality}\n"
    "    type: CountryCode\n"
    "    json: testTerm\n"
    "    xml: TestTerm\n\n"
    "  - id: KP-BG-004\n"
)


@pytest.mark.parametrize(
    ("since", "cardinality", "impact"),
    [
        # only documents of the new version 1.2 may carry it (KP-R-042)
        ("1.2", "0..1", {Impact.COMPATIBLE}),
        # documents of a released version may now carry it: the closed schemas refuse them
        ("1.0", "0..1", {Impact.CONSUMERS}),
        ("1.0", "1..1", {Impact.CONSUMERS, Impact.PRODUCERS}),
    ],
)
def test_a_term_added_to_a_released_version_breaks_consumers_of_closed_schemas(
    spec_copy: Path, since: str, cardinality: str, impact: set[Impact]
) -> None:
    _edit(
        spec_copy,
        "model/kp-certificate.yaml",
        "\n  - id: KP-BG-004\n",
        "\n" + _NEW_TERM.format(since=f'    since: "{since}"\n', cardinality=cardinality),
    )
    _edit(spec_copy, "model/model.yaml", 'spec_version: "1.1"', 'spec_version: "1.2"')
    _edit(
        spec_copy,
        "model/model.yaml",
        'spec_versions: ["1.0", "1.1"]',
        'spec_versions: ["1.0", "1.1", "1.2"]',
    )
    _edit(spec_copy, "model/datatypes.yaml", 'enum: ["1.0", "1.1"]', 'enum: ["1.0", "1.1", "1.2"]')
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "KP-BT-999") == impact


def test_a_term_added_where_the_old_schemas_are_open_breaks_no_consumer(
    spec_copy: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old" / "spec"
    shutil.copytree(ROOT / "spec", old, ignore=shutil.ignore_patterns("exchange"))
    schema = json.loads((old / "json" / "kp-certificate.schema.json").read_text("utf-8"))
    schema["additionalProperties"] = True
    (old / "json" / "kp-certificate.schema.json").write_text(json.dumps(schema), "utf-8")
    _edit(
        old,
        "xml/kp-certificate.xsd",
        'namespace="http://www.w3.org/2000/09/xmldsig#"',
        'namespace="##any"',
    )
    _edit(
        spec_copy,
        "model/kp-certificate.yaml",
        "\n  - id: KP-BG-004\n",
        "\n" + _NEW_TERM.format(since='    since: "1.0"\n', cardinality="0..1"),
    )
    assert _impacts(diff_specs(old, spec_copy), "KP-BT-999") == {Impact.COMPATIBLE}


def test_a_required_term_deep_inside_a_new_optional_group_breaks_nobody(spec_copy: Path) -> None:
    """The parent test walks up to the group that is new: only its row says whom it breaks."""
    _edit(
        spec_copy,
        "model/kp-certificate.yaml",
        "\n  - id: KP-BG-004\n",
        "\n  - id: KP-BG-998\n    name: Outer\n    definition: test\n"
        "    requirements: [KP-REQ-029]\n"
        '    basis: test\n    since: "1.1"\n    cardinality: 0..1\n    class: TestOuter\n'
        "    json: testOuter\n    xml: TestOuter\n    children:\n"
        "      - id: KP-BG-999\n        name: Inner\n        definition: test\n"
        '        requirements: [KP-REQ-029]\n        basis: test\n        since: "1.1"\n'
        "        cardinality: 1..1\n        class: TestInner\n        json: testInner\n"
        "        xml: TestInner\n        children:\n"
        + "".join(
            "      " + line if line.strip() else line
            for line in _NEW_TERM.format(since='    since: "1.1"\n', cardinality="1..1")
            .split("\n  - id: KP-BG-004")[0]
            .splitlines(keepends=True)
        )
        + "\n  - id: KP-BG-004\n",
    )
    changes = diff_specs(ROOT / "spec", spec_copy)
    # the outer group, optional, is new in a released version: its row carries the break
    assert _impacts(changes, "KP-BG-998") == {Impact.CONSUMERS}
    for ident in ("KP-BG-999", "KP-BT-999"):
        assert _impacts(changes, ident) == {Impact.COMPATIBLE}, ident


def test_a_release_tag_is_a_side(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A release is an annotated tag (spec/text/README.md): `kpcert spec diff spec-1.0 .`."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repository = spec_copy.parent

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            capture_output=True,
            check=True,
        )

    git("init", "-q")
    git("add", "spec")
    git("commit", "-q", "-m", "release")
    git("tag", "-a", "spec-9.9", "-m", "release 9.9")
    _edit(spec_copy, "codelists/participants.yaml", "    name: Armenia\n", "    name: Armenia!\n")
    assert main(["spec", "diff", "--root", str(repository), "spec-9.9", str(repository)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("1 changes: 1 compatible")
    assert "participants:AM" in out[0]


def test_kind_is_read_by_no_rule_and_a_new_subheading_in_scope_breaks_consumers(
    spec_copy: Path,
) -> None:
    _edit(spec_copy, "codelists/participants.yaml", "    kind: issuing-entity\n", "")
    path = spec_copy / "codelists" / "hs-codes.yaml"
    path.write_text(
        path.read_text("utf-8")
        + '\n  - code: "7102.98"\n    description: test\n    in_scope: true\n'
        '    from: "2030-01-01"\n    source: test\n',
        "utf-8",
    )
    changes = diff_specs(ROOT / "spec", spec_copy)
    kind = [c for c in changes if c.ids == ("participants:HK",) and "kind" in c.description]
    assert [c.impact for c in kind] == [{Impact.COMPATIBLE}]
    # a subheading KP-R-012 refused before is now accepted: an old consumer refuses it
    assert _impacts(changes, "hs-codes:7102.98") == {Impact.CONSUMERS}


def test_a_participant_removed_breaks_producers_only(spec_copy: Path) -> None:
    """Its suspensions go with it: nothing it refused is now accepted."""
    path = spec_copy / "codelists" / "participants.yaml"
    text = path.read_text("utf-8")
    start = text.index("  - code: CI\n")
    end = text.index("\n  - code: ", start + 5)
    path.write_text(text[:start] + text[end + 1 :], "utf-8")
    assert _impacts(diff_specs(ROOT / "spec", spec_copy), "participants:CI") == {Impact.PRODUCERS}
