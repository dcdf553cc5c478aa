"""The generated document classes behave as ``dataclass(frozen=True, slots=True, kw_only=True)``.

``kpstandard/model/_documents.py`` writes each class's ``__init__``, ``__repr__``, ``__eq__`` and
``__hash__`` out (so that importing it compiles nothing); each class is checked here against the
dataclass ``dataclasses`` makes of the same fields: fields, signature, slots, parameters, and on
real and made-up instances repr, equality, hash, immutability, pickling, ``replace``.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from pathlib import Path
from typing import Any

import pytest

import kpstandard
from kpstandard.model import _documents

ROOT = Path(__file__).resolve().parents[1]
CLASSES = [
    getattr(_documents, name)
    for name in _documents.__all__
    if isinstance(getattr(_documents, name), type)
]


def _reference(cls: type) -> type:
    """The dataclass of ``cls``'s fields as ``dataclass`` makes it (same name, same module)."""
    fields = [
        (f.name, f.type, dataclasses.field(default=f.default))
        if f.default is not dataclasses.MISSING
        else (f.name, f.type)
        for f in dataclasses.fields(cls)
    ]
    made: type = dataclasses.make_dataclass(
        cls.__name__,
        fields,
        frozen=True,
        slots=True,
        kw_only=True,
        namespace={"__module__": cls.__module__},
    )
    return made


def _field_facts(cls: type) -> list[tuple[Any, ...]]:
    return [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.hash, f.kw_only)
        for f in dataclasses.fields(cls)
    ]


def _instances() -> dict[type, list[Any]]:
    """Every document-class instance reachable from the example documents, by class."""
    found: dict[type, list[Any]] = {cls: [] for cls in CLASSES}

    def walk(value: Any) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item)
        elif type(value) in found:
            found[type(value)].append(value)
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))

    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in (".json", ".xml") and path.is_file():
            walk(kpstandard.validate(path.read_bytes()).document)
    return found


INSTANCES = _instances()


def _hash(value: Any) -> int | str:
    """The hash, or the error (a field of a dict, such as a multilingual text, has none)."""
    try:
        return hash(value)
    except TypeError as exc:
        return str(exc)


def _made_up(cls: type, seed: int) -> Any:
    return cls(**{f.name: f"{f.name}-{seed}" for f in dataclasses.fields(cls)})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_class_is_the_dataclass_of_its_fields(cls: type) -> None:
    reference = _reference(cls)
    assert dataclasses.is_dataclass(cls)
    assert _field_facts(cls) == _field_facts(reference)
    assert cls.__slots__ == reference.__slots__  # type: ignore[attr-defined]
    assert cls.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    assert repr(cls.__dataclass_params__) == repr(reference.__dataclass_params__)  # type: ignore[attr-defined]
    mine, theirs = inspect.signature(cls), inspect.signature(reference)
    assert [(p.name, p.kind, p.default) for p in mine.parameters.values()] == [
        (p.name, p.kind, p.default) for p in theirs.parameters.values()
    ]
    assert not hasattr(cls(**{f.name: None for f in dataclasses.fields(cls)}), "__dict__")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_instances_behave_as_the_dataclass_does(cls: type) -> None:
    reference = _reference(cls)
    samples = [*INSTANCES[cls][:20], _made_up(cls, 1), _made_up(cls, 2)]
    for value in samples:
        values = {f.name: getattr(value, f.name) for f in dataclasses.fields(cls)}
        twin = reference(**values)
        assert repr(value) == repr(twin)
        assert _hash(value) == _hash(twin)
        assert value == cls(**values)
        assert value != twin  # another class: not equal, as between two dataclasses
        assert (value == twin) is (twin == value) is False
        assert value.__eq__(twin) is NotImplemented
        assert pickle.loads(pickle.dumps(value)) == value
        assert dataclasses.replace(value) == value
        assert dataclasses.asdict(value) == dataclasses.asdict(twin)
        name = dataclasses.fields(cls)[0].name
        for frozen in (value, twin):  # the same error, with the same message
            with pytest.raises(
                dataclasses.FrozenInstanceError, match=f"^cannot assign to field '{name}'$"
            ):
                setattr(frozen, name, 1)
            with pytest.raises(
                dataclasses.FrozenInstanceError, match=f"^cannot delete field '{name}'$"
            ):
                delattr(frozen, name)
    first, second = samples[-2:]
    assert first != second
    assert dataclasses.replace(first, **{dataclasses.fields(cls)[0].name: "x"}) != first


def test_examples_reach_the_main_classes() -> None:
    reached = {cls.__name__ for cls, found in INSTANCES.items() if found}
    assert {"KPCertificate", "ImportConfirmation", "Shipment", "ShipmentLine"} <= reached
