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


def generate_python(model: Model) -> str:
    """Return the source of the module of frozen dataclasses, one per class of the model."""
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
        "",
        "from kpstandard.model.values import MultilingualText",
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
        out += ["", "", "@dataclass(frozen=True, slots=True, kw_only=True)", f"class {cls}:"]
        out.append(_doc(f"{first.definition} Carries: {uses}.", "    "))
        for index, child in enumerate(first.children):
            out.append("")
            default = "" if child.required else " = None"
            out.append(f"    {child.attr}: {_annotation(child)}{default}")
            terms = "; ".join(f"{n.children[index].id} {n.children[index].name}" for n in nodes)
            out.append(_doc(f"{terms} ({child.cardinality}). {child.definition}", "    "))
    return "\n".join(out) + "\n"
