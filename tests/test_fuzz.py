"""Every entry point keeps its promise on mutated and arbitrary bytes (a short fuzzing run).

Long runs are ``python benchmarks/fuzz.py``; what they ever found is replayed here from
``tests/data/fuzz-regressions/``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import ENTRY_POINTS, REGRESSIONS, corpus, crashes, mutate

# Each example runs every entry point; the default profile's example count applies.
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(seed=st.integers(min_value=0), rounds=st.integers(min_value=1, max_value=6))
def test_mutated_corpus_inputs_break_no_promise(seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    data = mutate(rng.choice(corpus()), rng, rounds)
    assert crashes(data) == []


@FUZZ
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_break_no_promise(data: bytes) -> None:
    assert crashes(data) == []


@FUZZ
@given(text=st.text(max_size=2048), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_arbitrary_text_as_xml_or_json_breaks_no_promise(text: str, encoding: str) -> None:
    for wrapped in (
        f"<a>{text}</a>",
        '{"documentType": "kp-certificate", "x": ' + repr(text) + "}",
    ):
        try:
            data = wrapped.encode(encoding)
        except UnicodeEncodeError:  # a lone surrogate that no encoder carries
            continue
        assert crashes(data) == []


def test_the_corpus_is_the_examples_and_the_vectors() -> None:
    assert len(corpus()) > 500
    assert set(ENTRY_POINTS) == {"validate", "verify", "load", "convert", "sign", "load_trust_list"}


def _regressions() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.bin")) if REGRESSIONS.is_dir() else []


@pytest.mark.parametrize("path", _regressions(), ids=lambda p: p.stem)
def test_every_input_fuzzing_ever_crashed_on_is_answered(path: Path) -> None:
    assert crashes(path.read_bytes()) == []
