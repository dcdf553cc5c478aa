"""The text of the standard and its catalogues agree (``kpcert spec check``): every requirement is
cited in the Decision, its Technical Annex or a part the annex incorporates; every cited id
exists; the register of signature algorithms allows exactly what the signature profile allows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kpstandard.model.meta import load_model
from kpstandard.specbuild._consistency import NORMATIVE_TEXTS, consistency_problems

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    target = tmp_path / "spec"
    for part in ("model", "codelists", "text", "exchange"):
        shutil.copytree(ROOT / "spec" / part, target / part)
    return target


def _problems(spec: Path) -> list[str]:
    return consistency_problems(load_model(spec / "model"), spec)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def test_the_repository_text_cites_every_requirement(spec: Path) -> None:
    assert _problems(spec) == []


def test_a_requirement_the_text_does_not_cite_is_a_problem(spec: Path) -> None:
    # KP-REQ-119 is cited only in Article 17 of the annex.
    _edit(spec / "text" / "annex.md", "[KP-REQ-119]", "")
    assert _problems(spec) == [
        f"KP-REQ-119 is cited nowhere in the text of the standard ({', '.join(NORMATIVE_TEXTS)})"
    ]


def test_a_cited_id_the_catalogue_lacks_is_a_problem(spec: Path) -> None:
    _edit(
        spec / "text" / "decision.md",
        "## Operative paragraphs",
        "## Operative paragraphs\n\n[KP-REQ-999]",
    )
    assert _problems(spec) == [
        "spec/text/decision.md cites KP-REQ-999, which spec/text/requirements.yaml lacks"
    ]


def test_a_missing_part_of_the_text_is_a_problem(spec: Path) -> None:
    (spec / "text" / "decision.md").unlink()
    assert "spec/text/decision.md, a part of the text of the standard, is missing" in _problems(
        spec
    )


def test_the_register_cannot_allow_what_the_profile_refuses(spec: Path) -> None:
    """A proposed algorithm made 'allowed' in the data alone widens nothing: the check fails."""
    register = spec / "codelists" / "algorithms.yaml"
    _edit(
        register,
        "key_types: [gost2012-256]\n    status: proposed",
        'key_types: [gost2012-256]\n    status: allowed\n    since: "1.1"',
    )
    assert _problems(spec) == [
        "spec/codelists/algorithms.yaml: allowed gostr34102012-gostr34112012-256 names key type "
        "gost2012-256, not allowed",
        "spec/codelists/algorithms.yaml: the register allows the signature method "
        "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256, "
        "the profile does not",
    ]


def test_the_register_must_list_what_the_profile_allows(spec: Path) -> None:
    register = spec / "codelists" / "algorithms.yaml"
    _edit(
        register,
        "    jws: RS512\n    key_types: [rsa]\n    status: allowed",
        "    jws: RS512\n    key_types: [rsa]\n    status: deprecated",
    )
    _edit(register, "    min_bits: 2048", "    min_bits: 1024")
    assert _problems(spec) == [
        "spec/codelists/algorithms.yaml: the profile allows the signature method "
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512, the register does not",
        "spec/codelists/algorithms.yaml: RSA minimum [1024], the profile's 2048 bits",
    ]


def test_the_register_has_its_own_shape(spec: Path) -> None:
    _edit(spec / "codelists" / "algorithms.yaml", "status: proposed", "status: maybe")
    problems = _problems(spec)
    assert problems
    assert all(
        p.startswith("spec/codelists/algorithms.yaml at /") and "'maybe' is not one of" in p
        for p in problems
    )
