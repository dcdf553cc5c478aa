"""Generate the Python document classes (``kpstandard/model/_documents.py``) from the model."""

from __future__ import annotations

import textwrap

from kpstandard.model.meta import DataType, Model, Node

_PYTHON_TYPES = {
    "string": "str",
    "decimal": "Decimal",
    "integer": "int",
    "boolean": "bool",
    "date": "datetime.date",
    "datetime": "datetime.datetime",
    "multilingual": "MultilingualText",
    "base64": "str",
}


def _annotation(node: Node) -> str:
    if node.cls is not None:
        base = node.cls
    else:
        assert isinstance(node.type, DataType)
        base = _PYTHON_TYPES[node.type.kind]
    if node.repeated:
        base = f"tuple[{base}, ...]"
    if not node.required:
        base = f"{base} | None"
    return base


def _doc(text: str, indent: str) -> str:
    wrapped = textwrap.fill(text, width=94 - len(indent), break_on_hyphens=False)
    body = textwrap.indent(wrapped, indent).lstrip()
    return f'{indent}"""{body}"""' if "\n" not in body else f'{indent}"""{body}\n{indent}"""'


def _tuple(owner: str, names: list[str], indent: str) -> list[str]:
    """``(owner.a, owner.b,)`` written one element a line."""
    return ["(", *(f"{indent}    {owner}.{name}," for name in names), f"{indent})"]


def _methods(fields: list[tuple[str, str, bool]]) -> list[str]:
    """The methods ``dataclass(frozen=True, kw_only=True)`` writes with ``exec`` at each import,
    written out once here (the same code: ``dataclasses._process_class`` of Python 3.11)."""
    names = [name for name, _, _ in fields]
    params = ", ".join(f"{n}: {a}" + ("" if required else " = None") for n, a, required in fields)
    signature = f"    def __init__(self, *, {params}) -> None:"
    if len(signature) > 100:
        signature = "\n".join(
            ["    def __init__(", "        self,", "        *,"]
            + [f"        {n}: {a}" + ("," if r else " = None,") for n, a, r in fields]
            + ["    ) -> None:"]
        )
    out = ["", signature]
    out += [f'        _set(self, "{name}", {name})' for name in names]
    out += ["", "    @_recursive_repr()", "    def __repr__(self) -> str:", "        return ("]
    out.append('            f"{self.__class__.__qualname__}("')
    for index, name in enumerate(names):
        end = ")" if index == len(names) - 1 else ", "
        out.append(f'            f"{name}={{self.{name}!r}}{end}"')
    out += ["        )", "", "    def __eq__(self, other: object) -> bool:"]
    out += [
        "        if other.__class__ is not self.__class__:",
        "            return NotImplemented",
    ]
    self_tuple, other_tuple = _tuple("self", names, "        "), _tuple("other", names, "        ")
    out += ["        return " + self_tuple[0], *self_tuple[1:-1], "        ) == " + other_tuple[0]]
    out += [*other_tuple[1:]]
    out += ["", "    def __hash__(self) -> int:", "        return hash("]
    hashed = _tuple("self", names, "            ")
    out += ["            " + hashed[0], *hashed[1:], "        )"]
    return out


def generate_python(model: Model) -> str:
    """Return the source of the module of frozen dataclasses, one per class of the model.

    Each class's ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` are written out in its
    body (``dataclass`` would compile them with ``exec`` at every import: about 5 ms of the
    command's start-up for these classes), the same code as ``dataclass`` writes; the rest
    (fields, slots, frozen ``__setattr__``, pickling) is ``dataclass``'s own.
    """
    out = [
        f'"""The document classes of kpstandard model {model.version}.',
        "",
        "GENERATED from spec/model by `kpcert spec build`; do not edit (`kpcert spec check` fails",
        "when this file is stale). One frozen dataclass per class of the model; each field's",
        'docstring names the business terms it carries."""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime",
        "from dataclasses import dataclass",
        "from decimal import Decimal",
        "from reprlib import recursive_repr as _recursive_repr",
        "",
        "from kpstandard.model.values import MultilingualText",
        "",
        "_set = object.__setattr__",
        "",
        f'MODEL_VERSION = "{model.version}"',
        f'SPEC_VERSION = "{model.spec_version}"',
    ]
    classes = model.classes()
    names = sorted(classes)
    out += (
        ["", "__all__ = ["]
        + [f'    "{n}",' for n in ["MODEL_VERSION", "SPEC_VERSION", *names]]
        + ["]"]
    )
    for cls in names:
        nodes = classes[cls]
        first = nodes[0]
        uses = "; ".join(f"{n.id} {n.name}" for n in nodes)
        out += ["", "", _DECORATOR, f"class {cls}:"]
        out.append(_doc(f"{first.definition} Carries: {uses}.", "    "))
        fields = []
        for index, child in enumerate(first.children):
            out.append("")
            default = "" if child.required else " = None"
            out.append(f"    {child.attr}: {_annotation(child)}{default}")
            terms = "; ".join(f"{n.children[index].id} {n.children[index].name}" for n in nodes)
            out.append(_doc(f"{terms} ({child.cardinality}). {child.definition}", "    "))
            fields.append((child.attr, _annotation(child), child.required))
        out += _methods(fields)
    out += ["", "", "@dataclass(frozen=True, slots=True, kw_only=True)", "class _Params:"]
    out += [
        '    """What ``dataclass`` records of each class above (its ``__dataclass_params__``):',
        "    the ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` it would write are",
        '    written out in the class, so that importing the module does not compile them."""',
        "",
        "",
        "# mypy does not know that a dataclass has this attribute (here and below)",
        "_PARAMS = _Params.__dataclass_params__  # type: ignore[attr-defined]",
        "for _class in (",
        *(f"    {cls}," for cls in names),
        "):",
        "    _class.__dataclass_params__ = _PARAMS  # type: ignore[union-attr]",
        "del _class",
    ]
    return "\n".join(out) + "\n"


_DECORATOR = "@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)"
"""The generated classes are frozen dataclasses (fields, slots, ``__setattr__`` and pickling as
``dataclass`` makes them) whose other methods are written out in the class body."""
