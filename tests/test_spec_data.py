"""The model and code lists read at start come from ``kpstandard/_spec_data.py``, a cache keyed
by each YAML file's SHA-256: the same data as the YAML, and never a second source of truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpstandard._resources import SpecFileError, load_spec_yaml, load_yaml, spec_dir
from kpstandard._spec_data import PARSED
from kpstandard.specbuild._spec_data import spec_yaml_files


@pytest.mark.parametrize("path", spec_yaml_files(spec_dir()), ids=lambda p: p.name)
def test_each_file_read_at_start_is_held_and_equals_its_yaml(path: Path) -> None:
    assert len(PARSED) == len(spec_yaml_files(spec_dir()))
    from_yaml = load_yaml(path.read_text(encoding="utf-8"))
    assert load_spec_yaml(path) == from_yaml
    assert load_spec_yaml(path) is not load_spec_yaml(path)  # a fresh copy: callers may change it


def test_a_file_edited_since_the_build_is_read_from_its_yaml(tmp_path: Path) -> None:
    edited = tmp_path / "hs-codes.yaml"
    text = (spec_dir() / "codelists" / "hs-codes.yaml").read_text(encoding="utf-8")
    edited.write_text(text.replace("version:", "version: '9.9' # was", 1), encoding="utf-8")
    assert load_spec_yaml(edited)["version"] == "9.9"


def test_a_file_that_is_not_yaml_is_a_spec_file_error(tmp_path: Path) -> None:
    broken = tmp_path / "model.yaml"
    broken.write_text("a: [unclosed", encoding="utf-8")
    with pytest.raises(SpecFileError, match=r"model\.yaml"):
        load_spec_yaml(broken)
    broken.write_bytes(b"a: \xff")
    with pytest.raises(SpecFileError, match=r"model\.yaml"):
        load_spec_yaml(broken)
