"""The JSON syntax: hardened reading, binding to the document classes, and writing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from kpstandard import findings as F
from kpstandard.findings import Finding
from kpstandard.model.meta import DocumentModel, Model, Node
from kpstandard.syntax._bindings import JSON_READERS, JSON_WRITERS
from kpstandard.syntax.limits import Limits

__all__ = [
    "bind_json",
    "detect_json_type",
    "dump_json",
    "json_too_deep",
    "model_depth",
    "parse_json",
    "pointer",
]

_BOM = b"\xef\xbb\xbf"


class _Duplicates(dict[str, Any]):
    """An object read with duplicate members, marked so that they can be located."""

    names: list[str]


class _Reader:
    """The ``object_pairs_hook`` of one parse: builds objects, marking those with a duplicate.

    Duplicates are found in the one parse and located afterwards by a walk of the value, so that
    whatever else is wrong with the text is reported by the same parse that found them.
    """

    def __init__(self) -> None:
        self.duplicates = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        self.duplicates = True
        marked = _Duplicates(result)
        seen: set[str] = set()
        marked.names = [n for n, _ in pairs if n in seen or seen.add(n)]  # type: ignore[func-returns-value]
        return marked


def _children(item: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(item, dict):
        return iter(item.items())
    if isinstance(item, list):
        return enumerate(item)
    return iter(())


MAX_DUPLICATES = 100
"""Duplicate members located one by one; a document with more is told how many in all."""


def _duplicate_findings(value: Any) -> list[Finding]:
    """Where each duplicate member is: an object's own before those of its members."""
    found: list[Finding] = []
    total = 0
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Duplicates):
            total += len(item.names)
            for name in item.names[: max(0, MAX_DUPLICATES - len(found))]:
                found.append(
                    F.make_finding(
                        F.DUPLICATE_MEMBER,
                        pointer([*path, name]),
                        f"member {name!r} appears twice in one object; JSON readers differ on "
                        "which one they keep",
                    )
                )
        stack.extend((child, [*path, key]) for key, child in reversed(list(_children(item))))
    if total > len(found):
        message = f"{total} duplicate members in all; only the first {len(found)} are listed"
        found.append(F.make_finding(F.DUPLICATE_MEMBER, "", message))
    return found


def _lone_surrogate(value: Any) -> list[str | int] | None:
    """The path of the first string (member name or value) holding a lone surrogate, if any."""
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return path
            continue
        for key, child in _children(item):
            if isinstance(key, str):
                try:
                    key.encode("utf-8")
                except UnicodeEncodeError:
                    return [*path, key.encode("utf-8", "backslashreplace").decode()]
            stack.append((child, [*path, key]))
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_local = threading.local()


def _decoder() -> tuple[_Reader, json.JSONDecoder]:
    """This thread's decoder and the reader it calls (``json.loads`` with options builds a new
    decoder and scanner per call, a fifth of the cost of reading a small document)."""
    made: tuple[_Reader, json.JSONDecoder] | None = getattr(_local, "decoder", None)
    if made is None:
        reader = _Reader()
        decoder = json.JSONDecoder(
            object_pairs_hook=reader, parse_float=Decimal, parse_constant=_reject_constant
        )
        made = _local.decoder = (reader, decoder)
    return made


def _depth(value: Any, limit: int) -> bool:
    """Return True when ``value`` nests no deeper than ``limit`` containers."""
    level, containers = 1, [value] if isinstance(value, (dict, list)) else []
    while containers:
        if level > limit:
            return False
        following = []
        for item in containers:
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, (dict, list)):
                    following.append(child)
        containers, level = following, level + 1
    return True


def pointer(parts: Iterator[str | int] | tuple[str | int, ...] | list[str | int]) -> str:
    """Return the JSON Pointer (RFC 6901) of a path of member names and array indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@cache
def model_depth(document: DocumentModel) -> int:
    """How deep a JSON document of this type nests at most when it is valid: each group is an
    object, a repeated term an array, a multilingual text an object (the schemas are closed)."""

    def depth(node: Node) -> int:
        multilingual = node.type is not None and node.type.kind == "multilingual"
        own = 1 if node.is_group or multilingual else 0
        below = max((depth(child) for child in node.children), default=0)
        return own + (1 if node.repeated else 0) + below

    return depth(document.root)


def json_too_deep(value: Any, limits: Limits) -> list[Finding]:
    """The finding for a value that nests deeper than the limit; none when it does not."""
    if _depth(value, limits.max_depth):
        return []
    return [F.make_finding(F.TOO_DEEP, "", f"nesting deeper than {limits.max_depth} levels")]


def parse_json(
    data: bytes, limits: Limits, *, depth_known: bool = False
) -> tuple[Any, list[Finding]]:
    """Read JSON bytes safely: UTF-8 only, no duplicate members, no NaN, bounded size and depth.

    Numbers that are not integers become Decimal, never binary floats. The depth of a value
    read without any other problem is checked here, unless ``depth_known``: the caller then
    checks it itself before anything else looks at a value that is not schema-valid (a document
    valid against the standard's closed schemas cannot nest deeper than the model does).

    Returns:
        The parsed value, or None with the findings that say why it could not be read.
    """
    if len(data) > limits.max_bytes:
        return None, [
            F.make_finding(F.TOO_LARGE, "", f"{len(data)} bytes; the limit is {limits.max_bytes}")
        ]
    if data.startswith(_BOM):  # RFC 8259 section 8.1 lets a parser ignore a byte order mark
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            F.make_finding(F.NOT_WELL_FORMED, "", f"not UTF-8: byte {exc.start} is invalid")
        ]
    reader, decoder = _decoder()
    reader.duplicates = False
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, [
            F.make_finding(F.NOT_WELL_FORMED, "", f"not well-formed JSON at {where}: {exc.msg}")
        ]
    except ValueError as exc:  # a constant such as NaN, or an integer of more than 4300 digits
        return None, [F.make_finding(F.NOT_WELL_FORMED, "", f"not well-formed JSON: {exc}")]
    except ArithmeticError:  # decimal.InvalidOperation: an exponent no decimal can carry
        message = "not well-formed JSON: a number whose exponent no decimal can represent"
        return None, [F.make_finding(F.NOT_WELL_FORMED, "", message)]
    except RecursionError:
        return None, [F.make_finding(F.TOO_DEEP, "", "nesting too deep to read")]
    # A lone surrogate can only come from a \u escape (the text was decoded from UTF-8); it is no
    # Unicode character, I-JSON (RFC 7493) forbids it, and no UTF-8 writer can carry it on. Most
    # documents hold no backslash at all: one byte is looked for at memchr's speed (0.1 us for
    # 3 KB), where looking for the two characters costs 2 us.
    escaped = b"\\" in data and "\\u" in text
    surrogate = _lone_surrogate(value) if escaped else None
    if reader.duplicates or surrogate is not None or not depth_known:
        too_deep = json_too_deep(value, limits)
        if too_deep:  # depth is reported before what else is wrong
            return None, too_deep
    if reader.duplicates:
        return None, _duplicate_findings(value)
    if surrogate is not None:
        return None, [
            F.make_finding(
                F.NOT_WELL_FORMED,
                pointer(surrogate),
                "a lone surrogate (\\uD800-\\uDFFF, unpaired) is not a Unicode character",
            )
        ]
    return value, []


def detect_json_type(model: Model, value: Any) -> tuple[DocumentModel | None, list[Finding]]:
    """Find the document type that a parsed JSON value declares with ``documentType``."""
    if not isinstance(value, dict):
        return None, [F.make_finding(F.UNKNOWN_TYPE, "", "a document is a JSON object")]
    declared = value.get("documentType")
    for document in model.documents:
        if declared == document.json_document_type:
            return document, []
    known = ", ".join(d.json_document_type for d in model.documents)
    return None, [
        F.make_finding(
            F.UNKNOWN_TYPE,
            "/documentType",
            f"documentType is {declared!r}; expected one of: {known}",
        )
    ]


class _Problems:
    """What a generated JSON reader reports, turned into findings located by JSON Pointer."""

    __slots__ = ("findings",)

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def bad_form(
        self, path: tuple[str | int, ...], raw: Any, type_name: str, requirement: str | None
    ) -> None:
        self.findings.append(
            F.make_finding(
                F.BAD_FORM, pointer(path), f"{raw!r} is not a valid {type_name}", requirement
            )
        )


def bind_json(document: DocumentModel, value: dict[str, Any]) -> tuple[Any, list[Finding]]:
    """Bind a schema-valid JSON value to the document's dataclasses.

    The reader is generated from the model (:mod:`kpstandard.syntax._bindings`): one
    ``dict.get`` per member.

    Returns:
        The document, and findings for values the schema cannot judge (an impossible date, a
        character XML cannot carry); the document is None when there are any.
    """
    problems = _Problems()
    result = JSON_READERS[document.name](value, (), problems)
    return (None if problems.findings else result), problems.findings


def to_json_value(document: DocumentModel, obj: Any) -> dict[str, Any]:
    """Return the JSON value (dicts, lists, strings, ints, bools) of a document object."""
    return {"documentType": document.json_document_type, **JSON_WRITERS[document.name](obj)}


def dump_json(document: DocumentModel, obj: Any) -> bytes:
    """Serialize a document object as UTF-8 JSON, indented, members in model order."""
    text = json.dumps(to_json_value(document, obj), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
