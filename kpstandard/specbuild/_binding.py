"""Generate the binding code (``kpstandard/syntax/_bindings.py``) from the model.

One function per group of each document type and per syntax and direction: an XML reader (one
pass over an element's children, comparing each child's tag with the literal names of its
fields), a JSON reader (one ``dict.get`` per member), and a JSON and an XML writer. The code
knows each field's name, kind, cardinality, type name and requirement as literals, so binding a
document interprets no plan. A reader reports what the schema cannot judge (a value Python
cannot read, two versions of a text in one language) to a ``problems`` object given by its
caller, which turns them into findings; the generated module needs nothing from the rest of the
syntax package.
"""

from __future__ import annotations

import json

from kpstandard.model.meta import DocumentModel, Model, Node

__all__ = ["generate_bindings"]

_PYTHON_TYPES = {
    "string": "str",
    "base64": "str",
    "decimal": "Decimal",
    "integer": "int",
    "boolean": "bool",
    "date": "datetime.date",
    "datetime": "datetime.datetime",
    "multilingual": "dict[str, str]",
}

_XML_PARSE = {
    "decimal": "Decimal",
    "integer": "int",
    "boolean": "_boolean",
    "date": "_date",
    "datetime": "_datetime",
}
"""How the XML reader turns a collapsed text into a value (strings and base64 are kept)."""

_COLLAPSED = frozenset({"decimal", "integer", "boolean", "date", "datetime", "base64"})
"""Kinds whose XSD built-in type collapses white space: the reader strips it as XSD does."""

_HEADER = '''\
"""The binding of model {version}: JSON and XML to the document classes and back.

GENERATED from spec/model by `kpcert spec build`; do not edit (`kpcert spec check` fails when this
file is stale). One reader and one writer per group of each document type and syntax; each knows
its fields' names, kinds and cardinalities, so binding interprets no plan. The readers expect a
schema-valid tree (the schema layer runs first); what the schema cannot judge they report to the
``problems`` object their caller gives.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Protocol

from lxml import etree

from kpstandard.model import _documents as D

# fmt: off
# (generated: `kpcert spec check` owns its exact text; it keeps lines within 100 characters)

__all__ = [
    "JSON_READERS",
    "JSON_WRITERS",
    "XML_READERS",
    "XML_WRITERS",
    "JsonProblems",
    "JsonReader",
    "JsonWriter",
    "XmlProblems",
    "XmlReader",
    "XmlWriter",
]

_WS = " \\t\\n\\r"
_LANG = "{{http://www.w3.org/XML/1998/namespace}}lang"
_date = datetime.date.fromisoformat
_datetime = datetime.datetime.fromisoformat
_UTC = datetime.UTC
_sub = etree.SubElement
_END = etree.Element("end")
"""What the walk of the elements gives after the last one: a tag no field has."""
_new = object.__new__


def _setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of a document class's fields, which must be ``names`` in this order.

    A reader makes each object with ``_new`` and these setters: what the frozen dataclass's
    ``__init__`` does (``object.__setattr__`` per field), at half the cost, every field set.
    """
    if tuple(field.name for field in dataclasses.fields(cls)) != names:
        raise TypeError(f"{{cls.__name__}}: the binding and the classes come from two models")
    return tuple(getattr(cls, name).__set__ for name in names)


class XmlProblems(Protocol):
    """Where an XML reader reports what the schema cannot judge."""

    def bad_form(
        self, element: etree._Element, text: str, type_name: str, requirement: str | None
    ) -> None:
        """``text``, the (collapsed) text of ``element``, is not a value of its type."""

    def duplicate_language(self, element: etree._Element, lang: str) -> None:
        """``element`` is a second version of a text in language ``lang``."""


class JsonProblems(Protocol):
    """Where a JSON reader reports what the schema cannot judge."""

    def bad_form(
        self, path: tuple[str | int, ...], raw: Any, type_name: str, requirement: str | None
    ) -> None:
        """``raw``, the value at ``path``, is not a value of its type."""


XmlReader = Callable[[Any, Iterator[Any], XmlProblems], tuple[Any, Any]]
"""Read a group from the walk of the elements after its element; return it and the first
element after it."""
JsonReader = Callable[[Any, tuple[str | int, ...], JsonProblems], Any]
"""Read a group from its object, at a path."""
XmlWriter = Callable[[Any, etree._Element], None]
"""Write a group's children into its element."""
JsonWriter = Callable[[Any], dict[str, Any]]
"""Write a group as a JSON object."""


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(text)
    return text == "true"


def _integer(raw: Any) -> int:
    """A JSON integer that is not an ``int``: 3.0 is the integer 3 in JSON's data model."""
    if isinstance(raw, Decimal):
        if raw != raw.to_integral_value():
            raise ValueError(raw)
        return int(raw)
    return int(raw)


def _utf8(text: str) -> None:
    """Raise UnicodeEncodeError for a lone surrogate: no Unicode character, XML cannot carry it."""
    text.encode("utf-8")


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


def _date_text(value: datetime.date) -> str:
    return str(value.isoformat())


def _datetime_text(value: datetime.datetime) -> str:
    """The one spelling of the DateTime type: UTC, to the second, "Z"."""
    return str(value.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _boolean_text(value: bool) -> str:
    return "true" if value else "false"
'''

_TEXT_OF = {
    "decimal": "_decimal_text",
    "date": "_date_text",
    "datetime": "_datetime_text",
    "boolean": "_boolean_text",
}
"""How a writer spells a value (every other kind: ``str``)."""


def _stem(document: DocumentModel) -> str:
    """A short name for a document type in function names: the initials of its file stem."""
    return "".join(part[0] for part in document.file_stem.split("-"))


def _name(prefix: str, document: DocumentModel, path: tuple[str, ...]) -> str:
    return f"{prefix}_{_stem(document)}" + "".join(f"__{part}" for part in path)


def _lit(text: str | None) -> str:
    """A Python literal of a string (double-quoted, as the project writes them) or None."""
    return "None" if text is None else json.dumps(text)


def _call(indent: str, head: str, args: list[str], tail: str = ")") -> list[str]:
    """``head`` + the arguments + ``tail``, on one line when it fits in 100 characters, else
    one argument a line."""
    line = f"{indent}{head}{', '.join(args)}{tail}"
    if len(line) <= _WIDTH:
        return [line]
    return [f"{indent}{head}", *[f"{indent}    {arg}," for arg in args], f"{indent}{tail}"]


_WIDTH = 100


def _groups(node: Node, path: tuple[str, ...] = ()) -> list[tuple[Node, tuple[str, ...]]]:
    """Every group under (and including) ``node`` with its path of attribute names, children
    before their parents."""
    found = []
    for child in node.children:
        if child.is_group:
            found += _groups(child, (*path, child.attr))
    found.append((node, path))
    return found


def _type_name(node: Node) -> str:
    return node.type.name if node.type is not None else node.cls or ""


def _requirement(node: Node) -> str:
    return _lit(node.requirements[0] if node.requirements else None)


def _kind(node: Node) -> str:
    return "group" if node.is_group else (node.type.kind if node.type else "")


def _follow(node: Node, parent: Node | None, after: set[str]) -> set[str]:
    """The names of the elements that may come right after ``node``'s element, given ``after``,
    those that may come right after its parent's."""
    if parent is None:
        return set(after)  # after the root: only the signature, in another namespace
    found = {node.xml} if node.repeated else set()
    index = parent.children.index(node)
    for following in parent.children[index + 1 :]:
        found.add(following.xml)
        if following.required:
            return found
    return found | after


def _xml_readers(document: DocumentModel) -> list[str]:
    """The XML readers of a document type's groups, children before their parents."""
    out: list[str] = []

    def walk(node: Node, parent: Node | None, path: tuple[str, ...], after: set[str]) -> None:
        follow = _follow(node, parent, after)
        for child in node.children:
            if child.is_group:
                walk(child, node, (*path, child.attr), follow)
        out.extend(_xml_reader(document, node, path, follow))

    walk(document.root, None, (), set())
    return out


def _xml_reader(
    document: DocumentModel, node: Node, path: tuple[str, ...], follow: set[str]
) -> list[str]:
    """A reader that takes the elements after its group's own from the one walk of the tree in
    document order (``root.iter``): each field, in model order (the XSD's ``xs:sequence`` has
    checked it), compares the current element's tag with its own name once (``while`` for a field
    that may occur more than once) and, when it matches, reads it and takes the next. It returns
    the group and the first element that is not its own; what follows the last field (the
    signature) is never walked.

    A name that may also come right after the group's element (``follow``) could be an element
    of a group above: for such a name the reader also checks that the element is its child.
    """
    namespace = document.xml_namespace
    names = [child.xml for child in node.children]
    if len(set(names)) != len(names):
        raise ValueError(f"{node.id}: two fields with one XML name: {names}")
    out = [
        "",
        "",
        *_call(
            "",
            f"def {_name('_xml', document, path)}(",
            ["element: Any", "elements: Iterator[Any]", "problems: XmlProblems"],
            f") -> tuple[D.{node.cls}, Any]:",
        ),
        f'    """Read {node.id} {node.name} from the elements after its own."""',
    ]
    for child in node.children:
        kind = _kind(child)
        if kind == "multilingual":
            out.append(f"    f_{child.attr}: dict[str, str] = {{}}")
        elif child.repeated:
            out.append(f"    f_{child.attr}: list[Any] = []")
        else:
            out.append(f"    f_{child.attr}: Any = None")
    if any(child.repeated for child in node.children):
        out.append("    value: Any")
    out += ["    child = next(elements, _END)", "    tag = child.tag"]
    for child in node.children:
        kind = _kind(child)
        local = f"f_{child.attr}"
        several = child.repeated or kind == "multilingual"
        keyword = "while" if several else "if"
        test = f"tag == {_lit(f'{{{namespace}}}{child.xml}')}"
        if child.xml in follow:
            test += " and child.getparent() is element"
        out.append(f"    {keyword} {test}:")
        if kind == "group":
            reader = _name("_xml", document, (*path, child.attr))
            target = "value" if child.repeated else local
            out += _call(
                "        ", f"{target}, child = {reader}(", ["child", "elements", "problems"]
            )
            if child.repeated:
                out.append(f"        {local}.append(value)")
            out.append("        tag = child.tag")
            continue
        if kind == "multilingual":
            out += [
                '        lang = child.get(_LANG, "")',
                f"        if lang in {local}:",
                "            problems.duplicate_language(child, lang)",
                "        else:",
                f'            {local}[lang] = child.text or ""',
            ]
        else:
            text = '(child.text or "").strip(_WS)' if kind in _COLLAPSED else 'child.text or ""'
            target = "value" if child.repeated else local
            if kind not in _XML_PARSE:  # a string or base64 text: kept as it is
                out.append(f"        {target} = {text}")
            else:
                out += [
                    f"        text = {text}",
                    "        try:",
                    f"            {target} = {_XML_PARSE[kind]}(text)",
                    "        except ValueError:",
                    *_call(
                        "            ",
                        "problems.bad_form(",
                        ["child", "text", _lit(_type_name(child)), _requirement(child)],
                    ),
                    f"            {target} = None",
                ]
            if child.repeated:
                out.append(f"        {local}.append(value)")
        out += ["        child = next(elements, _END)", "        tag = child.tag"]
    out.append(f"    return _make_{node.cls}(")
    for child in node.children:  # (the schema has seen that every required field is there)
        value = f"f_{child.attr}"
        if child.repeated and _kind(child) != "multilingual":
            value = f"tuple({value})"
        if not child.required and (child.repeated or _kind(child) == "multilingual"):
            value = f"{value} or None"
        out.append(f"        {value},")
    out.append("    ), child")
    return out


def _json_scalar(child: Node, value: str, at: str, indent: str) -> list[str]:
    """Check (and convert) the JSON value in local ``value``, reporting at path ``at``."""
    kind = _kind(child)
    args = [at, value, _lit(_type_name(child)), _requirement(child)]

    def report(deeper: str) -> list[str]:
        return [
            f"{indent}{deeper}except (ValueError, UnicodeEncodeError):",
            *_call(f"{indent}{deeper}    ", "problems.bad_form(", args),
            f"{indent}{deeper}    {value} = None",
        ]

    if kind == "integer":
        return [
            f"{indent}if type({value}) is not int:",
            f"{indent}    try:",
            f"{indent}        {value} = _integer({value})",
            *report("    "),
        ]
    if kind == "boolean":
        return [f"{indent}{value} = bool({value})"]
    if kind == "multilingual":
        return [
            f"{indent}try:",
            f"{indent}    for text in {value}.values():",
            f"{indent}        if not text.isascii():",
            f"{indent}            _utf8(text)",
            f"{indent}    {value} = dict({value})",
            *report(""),
        ]
    if kind in _XML_PARSE:
        return [
            f"{indent}try:",
            f"{indent}    if not {value}.isascii():",
            f"{indent}        _utf8({value})",
            f"{indent}    {value} = {_XML_PARSE[kind]}({value})",
            *report(""),
        ]
    return [  # a string or base64: kept as it is; only a non-ASCII one can hold a surrogate
        f"{indent}if not {value}.isascii():",
        f"{indent}    try:",
        f"{indent}        _utf8({value})",
        *report("    "),
    ]


def _json_guarded(child: Node, value: str, at: str) -> list[str]:
    """Check a single member whose check starts with a test (a string, base64, an integer):
    one ``if`` for both the test and the member's presence."""
    lines = _json_scalar(child, value, at, "    ")
    return [f"    if {value} is not None and {lines[0].strip()[3:]}", *lines[1:]]


def _json_reader(document: DocumentModel, node: Node, path: tuple[str, ...]) -> list[str]:
    out = [
        "",
        "",
        *_call(
            "",
            f"def {_name('_json', document, path)}(",
            ["raw: Any", "at: tuple[str | int, ...]", "problems: JsonProblems"],
            f") -> D.{node.cls}:",
        ),
        f'    """Read {node.id} {node.name} from its object, at path ``at``."""',
    ]
    for child in node.children:
        local = f"f_{child.attr}"
        kind = _kind(child)
        member = _lit(child.json)
        out.append(f"    {local} = raw.get({member})")
        if kind == "group":
            reader = _name("_json", document, (*path, child.attr))
            if child.repeated:
                out += [
                    f"    if {local} is not None:",
                    f"        {local}_read = {reader}",
                    f"        here = (*at, {member})",
                    f"        {local} = tuple(",
                    f"            [{local}_read(item, (*here, index), problems)",
                    f"             for index, item in enumerate({local})]",
                    "        )",
                ]
            else:
                out += [
                    f"    if {local} is not None:",
                    *_call(
                        "        ",
                        f"{local} = {reader}(",
                        [local, f"(*at, {member})", "problems"],
                    ),
                ]
            continue
        if child.repeated:
            out += [
                f"    if {local} is not None:",
                "        items = []",
                f"        for index, value in enumerate({local}):",
                *_json_scalar(child, "value", f"(*at, {member}, index)", "            "),
                "            items.append(value)",
                f"        {local} = tuple(items)",
            ]
        elif kind in ("string", "base64", "integer"):
            out += _json_guarded(child, local, f"(*at, {member})")
        else:
            out += [
                f"    if {local} is not None:",
                *_json_scalar(child, local, f"(*at, {member})", "        "),
            ]
    out.append(f"    return _make_{node.cls}(")
    out += [f"        f_{child.attr}," for child in node.children]
    out.append("    )")
    return out


def _json_writer(cls: str, node: Node) -> list[str]:
    out = [
        "",
        "",
        f"def _write_json_{cls}(obj: Any) -> dict[str, Any]:",
        f'    """Write one {cls} as a JSON object, members in model order."""',
        "    out: dict[str, Any] = {}",
    ]
    for child in node.children:
        kind = _kind(child)
        item = "item" if child.repeated else "value"
        if kind == "group":
            one = f"_write_json_{child.cls}({item})"
        elif kind in ("integer", "boolean"):
            one = item
        elif kind == "multilingual":
            one = f"dict({item})"
        else:
            one = f"{_TEXT_OF.get(kind, 'str')}({item})"
        out += [f"    value = obj.{child.attr}", "    if value is not None:"]
        if child.repeated:
            out.append(f"        out[{_lit(child.json)}] = [{one} for item in value]")
        else:
            out.append(f"        out[{_lit(child.json)}] = {one}")
    out.append("    return out")
    return out


def _xml_writer(document: DocumentModel, cls: str, node: Node) -> list[str]:
    namespace = document.xml_namespace
    out = [
        "",
        "",
        f"def _write_xml_{_stem(document)}_{cls}(obj: Any, parent: etree._Element) -> None:",
        f'    """Write one {cls} into its element, children in model order."""',
    ]
    for child in node.children:
        kind = _kind(child)
        tag = _lit(f"{{{namespace}}}{child.xml}")
        item = "item" if child.repeated else "value"
        out += [f"    value = obj.{child.attr}", "    if value is not None:"]
        indent = "        "
        if kind == "multilingual":
            out += [
                "        for lang, text in value.items():",
                *_call("            ", "element = _sub(", ["parent", tag, "{_LANG: lang}"]),
                "            element.text = text",
            ]
            continue
        if child.repeated:
            out.append("        for item in value:")
            indent = "            "
        if kind == "group":
            writer = f"_write_xml_{_stem(document)}_{child.cls}"
            out += _call(indent, f"{writer}(", [item, f"_sub(parent, {tag})"])
        else:
            out += [
                f"{indent}element = _sub(parent, {tag})",
                f"{indent}element.text = {_TEXT_OF.get(kind, 'str')}({item})",
            ]
    return out


def _maker(cls: str, node: Node) -> list[str]:
    """The constructor the readers of a class call: its fields, positional, in model order."""
    names = [child.attr for child in node.children]
    if "obj" in names:  # the constructor's own local
        raise ValueError(f"class {cls}: a field named 'obj' needs another name in _make_{cls}")
    out = ["", ""]
    out += _call("", f"_SET_{cls} = _setters(", [f"D.{cls}", *map(_lit, names)])
    out += ["", ""]
    out += _call("", f"def _make_{cls}(", [f"{name}: Any" for name in names], f") -> D.{cls}:")
    out.append(f"    obj = _new(D.{cls})")
    out += [f"    _SET_{cls}[{index}](obj, {name})" for index, name in enumerate(names)]
    out.append("    return obj")
    return out


def generate_bindings(model: Model) -> str:
    """Return the source of the binding module: readers and writers per group and syntax."""
    out = [_HEADER.format(version=model.version).rstrip("\n")]
    classes = model.classes()
    out += ["", "", "# --- constructors, one per class ---"]
    for cls in sorted(classes):
        out += _maker(cls, classes[cls][0])
    for document in model.documents:
        out += ["", "", f"# --- {document.name}: readers, one per group ---"]
        out += _xml_readers(document)
        for node, path in _groups(document.root):
            out += _json_reader(document, node, path)
        out += ["", "", f"# --- {document.name}: XML writers, one per class ---"]
        used = sorted({node.cls for node in document.root.walk() if node.cls is not None})
        for cls in used:
            out += _xml_writer(document, cls, classes[cls][0])
    out += ["", "", "# --- JSON writers, one per class ---"]
    for cls in sorted(classes):
        out += _json_writer(cls, classes[cls][0])
    out += ["", ""]
    tables = [
        ("XML_READERS", "XmlReader", "_xml_{stem}"),
        ("JSON_READERS", "JsonReader", "_json_{stem}"),
        ("XML_WRITERS", "XmlWriter", "_write_xml_{stem}_{cls}"),
        ("JSON_WRITERS", "JsonWriter", "_write_json_{cls}"),
    ]
    for table, signature, pattern in tables:
        out += [f"{table}: dict[str, {signature}] = {{"]
        out += [
            f"    {_lit(d.name)}: {pattern.format(stem=_stem(d), cls=d.root.cls)},"
            for d in model.documents
        ]
        out += ["}", ""]
    out.append('"""Each table maps a document type\'s class name to the function of its root."""')
    text = "\n".join(out).rstrip("\n") + "\n"
    too_long = [line for line in text.splitlines() if len(line) > _WIDTH]
    if too_long:
        raise ValueError(f"generated lines longer than {_WIDTH} characters: {too_long}")
    return text
