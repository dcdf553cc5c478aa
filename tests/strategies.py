"""Hypothesis strategies that build schema-valid documents, driven by the semantic model.

Everything here is derived from :func:`kpstandard.model.meta.default_model`: each document's tree of
groups and terms is walked, each group becomes its generated dataclass (``node.cls`` names it in
:mod:`kpstandard.model._documents`), each term gets values of its data type. A change to the model
(a new term, a new cardinality, a new data type with a pattern) is picked up without editing this
file; a data type of a kind this file does not know fails loudly instead of being skipped.

Values satisfy the lexical form of their data type in BOTH syntaxes (``json_pattern`` and
``xml_pattern`` of spec/model/datatypes.yaml) and the length and range facets. Only schema-level
validity is aimed at: business rules (totals equal to the sums of the lines, an English version of
every text, ...) are not.
"""

from __future__ import annotations

import base64
import datetime
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from kpstandard.model import _documents
from kpstandard.model.meta import DataType, DocumentModel, Node, default_model

__all__ = [
    "MAX_REPEATS",
    "MODEL",
    "base64_values",
    "conservative_overrides",
    "datatype_values",
    "datetime_lexical",
    "decimal_values",
    "document_models",
    "documents",
    "documents_of",
    "group_values",
    "json_terms",
    "required_json_members",
    "required_xml_children",
    "text_values",
    "xml_terms",
]

MODEL = default_model()
MAX_REPEATS = 4
"""A repeated term or group gets 1 to this many items."""
MAX_LANGUAGES = 3
"""A multilingual text gets 1 to this many language versions."""

document_models: tuple[DocumentModel, ...] = MODEL.documents


# --- values of the data types ------------------------------------------------------------------


def _matches_both(dt: DataType, lexical: str) -> bool:
    """Whether a lexical form matches the type's JSON and XML patterns (both are anchored there)."""
    return all(
        pattern is None or re.fullmatch(pattern, lexical) is not None
        for pattern in (dt.json_pattern, dt.xml_pattern)
    )


def _length_ok(dt: DataType, lexical: str) -> bool:
    return (dt.min_length is None or len(lexical) >= dt.min_length) and (
        dt.max_length is None or len(lexical) <= dt.max_length
    )


# Text: any Unicode but surrogates (no characters), control characters (neither syntax admits
# them) and the non-characters U+FFFE and U+FFFF (XML cannot carry them).
_TEXT_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
# Fragments that stress escaping, bidirectional text, wide and astral characters, and whitespace
# that XML could be tempted to normalise.
_TEXT_FRAGMENTS = (
    " ",
    "  ",
    "<",
    ">",
    "&",
    '"',
    "'",
    "&amp;",
    "<![CDATA[x]]>",
    "]]>",
    "<!--",
    "\\u0041",
    "\\",
    "/",
    "Gaborone",
    "Société Générale d'Anvers",
    "Zürich",
    "شركة الماس",  # Arabic (RTL)
    "יהלומים",  # Hebrew (RTL)
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "钻石有限公司",  # CJK
    "ダイヤモンド",
    "💎",  # an astral character (a surrogate pair in UTF-16)
    "👩🏽‍🔬",  # an emoji sequence with a zero width joiner
    "e\u0301",  # a combining accent
    "\u00a0",  # NO-BREAK SPACE
    "\u2028",  # LINE SEPARATOR (not a control character; JSON writes it raw)
    "\u3000",  # IDEOGRAPHIC SPACE
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (a BOM inside text)
    "\ufdd0",  # a non-character XML still admits
    "\U0010fffd",
)


def text_values(min_length: int = 1, max_length: int = 512) -> st.SearchStrategy[str]:
    """One line of text: any Unicode but Cs and Cc and U+FFFE/U+FFFF, within the lengths.

    Lengths count code points, as JSON Schema's ``maxLength`` and XSD's ``maxLength`` do.
    """
    assert min_length >= 1

    def fit(text: str) -> str:
        text = text[:max_length]
        return text if len(text) >= min_length else text + "x" * (min_length - len(text))

    any_text = st.text(_TEXT_CHARACTERS, min_size=min_length, max_size=max_length)
    mixed = st.lists(
        st.sampled_from(_TEXT_FRAGMENTS) | st.text(_TEXT_CHARACTERS, min_size=1, max_size=8),
        min_size=1,
        max_size=12,
    ).map(lambda parts: fit("".join(parts)))
    padded = st.tuples(
        st.sampled_from(["", " ", "  ", "\u00a0", "\u3000"]),
        st.text(_TEXT_CHARACTERS, min_size=1, max_size=40),
        st.sampled_from(["", " ", "   ", "\u2003"]),
    ).map(lambda parts: fit("".join(parts)))
    longest = st.text(
        _TEXT_CHARACTERS, min_size=max(min_length, max_length - 8), max_size=max_length
    )
    # Texts at the maximum length are costly to draw and a document holds dozens of texts: one
    # text in twelve, so that most documents still have one or two.
    return st.sampled_from(["any"] * 4 + ["mixed"] * 4 + ["padded"] * 3 + ["longest"]).flatmap(
        {"any": any_text, "mixed": mixed, "padded": padded, "longest": longest}.__getitem__
    )


def _max_repetition(pattern: str, build: Callable[[int], str], limit: int = 64) -> int:
    """The largest n (up to ``limit``) for which ``build(n)`` matches ``pattern``; -1 for none."""
    best = -1
    for n in range(limit + 1):
        if re.fullmatch(pattern, build(n)):
            best = n
    return best


def decimal_values(dt: DataType) -> st.SearchStrategy[Decimal]:
    """Exact decimals in the type's lexical form, built from their text so that trailing zeros
    (1.50) are kept.

    The numbers of integer and fraction digits the pattern admits are found by probing it, so a
    change of the pattern changes what is generated.
    """
    pattern = dt.json_pattern or dt.xml_pattern
    assert pattern is not None, f"decimal type {dt.name} has no pattern"
    int_digits = _max_repetition(pattern, lambda n: "9" * n)
    frac_digits = _max_repetition(pattern, lambda n: "0." + "0" * n)
    assert int_digits >= 1, f"cannot probe the integer digits of {dt.name}"
    frac_digits = max(frac_digits, 0)

    @st.composite
    def lexical(draw: st.DrawFn) -> str:
        integer = draw(
            st.one_of(
                st.integers(0, 10**int_digits - 1),
                st.sampled_from([0, 1, 10**int_digits - 1]),
            )
        )
        places = draw(st.integers(0, frac_digits))
        if places == 0:
            return str(integer)
        fraction = draw(
            st.one_of(
                st.integers(0, 10**places - 1),
                st.sampled_from([0, 10**places - 1]),
            )
        )
        return f"{integer}.{fraction:0{places}d}"

    from_pattern = (
        st.from_regex(pattern, fullmatch=True)
        if dt.json_pattern == dt.xml_pattern
        else st.nothing()
    )
    return (
        st.one_of(lexical(), from_pattern).filter(lambda text: _matches_both(dt, text)).map(Decimal)
    )


def base64_values(dt: DataType, *, canonical_only: bool = False) -> st.SearchStrategy[str]:
    """Base64 text: the encoding of arbitrary bytes, or (unless ``canonical_only``) anything the
    type's pattern admits, including non-zero padding bits (``AB==``)."""
    max_chars = dt.max_length if dt.max_length is not None else 16384
    # Digests and certificates are short; values near the length limit (12 KB of bytes) are beyond
    # what Hypothesis draws in one example, so the length facet is not exercised here.
    max_bytes = min(max_chars // 4 * 3, 96)
    encoded = st.binary(max_size=max_bytes).map(lambda b: base64.b64encode(b).decode("ascii"))
    if canonical_only:
        strategy = encoded
    else:
        pattern = dt.json_pattern if dt.json_pattern == dt.xml_pattern else None
        from_pattern = (
            st.from_regex(pattern, fullmatch=True) if pattern is not None else st.nothing()
        )
        strategy = st.one_of(encoded, from_pattern)
    return strategy.filter(lambda text: _matches_both(dt, text) and _length_ok(dt, text))


def _date_values(dt: DataType) -> st.SearchStrategy[datetime.date]:
    return st.dates(
        min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)
    ).filter(lambda d: _matches_both(dt, d.isoformat()))


def _datetime_values(
    dt: DataType, *, max_offset_minutes: int = 0
) -> st.SearchStrategy[datetime.datetime]:
    """Instants in UTC, to the second: the DateTime type has one spelling, "...Z"."""
    del max_offset_minutes  # the type admits no other offset any more
    return (
        st.datetimes(
            min_value=datetime.datetime(1000, 1, 2, 0, 0, 0),
            max_value=datetime.datetime(9999, 12, 30, 23, 59, 59),
            timezones=st.just(datetime.UTC),
        )
        .map(lambda v: v.replace(microsecond=0))
        .filter(lambda v: _matches_both(dt, v.strftime("%Y-%m-%dT%H:%M:%SZ")))
    )


def datetime_lexical(dt: DataType) -> st.SearchStrategy[str]:
    """The lexical forms of instants the DateTime type admits: UTC, to the second, "Z"."""
    return _datetime_values(dt).map(lambda v: v.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _string_values(dt: DataType) -> st.SearchStrategy[str]:
    if dt.enum is not None:
        return st.sampled_from(dt.enum)
    if dt.json_pattern is not None and dt.json_pattern == dt.xml_pattern:
        return st.from_regex(dt.json_pattern, fullmatch=True).filter(
            lambda text: _length_ok(dt, text)
        )
    # A free text type (the dialects' patterns differ only to exclude control characters).
    return text_values(dt.min_length or 1, dt.max_length or 512)


def _multilingual_values(dt: DataType) -> st.SearchStrategy[dict[str, str]]:
    assert dt.text is not None
    assert dt.language is not None
    return st.dictionaries(
        keys=datatype_values(MODEL.datatypes[dt.language]),
        values=datatype_values(MODEL.datatypes[dt.text]),
        min_size=1,
        max_size=MAX_LANGUAGES,
    )


_BY_KIND: dict[str, Callable[[DataType], st.SearchStrategy[Any]]] = {
    "string": _string_values,
    "decimal": decimal_values,
    "integer": lambda dt: st.integers(
        dt.minimum if dt.minimum is not None else -(10**9),
        dt.maximum if dt.maximum is not None else 10**9,
    ),
    "boolean": lambda dt: st.booleans(),
    "date": _date_values,
    "datetime": _datetime_values,
    "multilingual": _multilingual_values,
    "base64": base64_values,
}


@cache
def datatype_values(dt: DataType) -> st.SearchStrategy[Any]:
    """Python values of a data type of the model, as the document classes hold them."""
    if dt.enum is not None:
        return st.sampled_from(dt.enum)
    try:
        make = _BY_KIND[dt.kind]
    except KeyError:
        raise AssertionError(f"no strategy for data type {dt.name} of kind {dt.kind}") from None
    return make(dt)


# --- groups and documents ----------------------------------------------------------------------


def _occurrences(
    node: Node, item: st.SearchStrategy[Any], *, max_repeats: int
) -> st.SearchStrategy[Any]:
    """The field value of a child node: one item, a tuple of items, or None when absent."""
    if node.repeated:
        upper = max_repeats if node.max_occurs is None else min(node.max_occurs, max_repeats)
        value: st.SearchStrategy[Any] = st.lists(
            item, min_size=max(node.min_occurs, 1), max_size=max(upper, 1)
        ).map(tuple)
    else:
        value = item
    return value if node.required else st.none() | value


def group_values(
    node: Node,
    *,
    max_repeats: int = MAX_REPEATS,
    overrides: dict[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[Any]:
    """Instances of a group's dataclass (``node.cls`` in the generated module), fields filled from
    the model's children. ``overrides`` maps data type names to other value strategies."""
    assert node.cls is not None, f"{node.id} is not a group"
    cls = getattr(_documents, node.cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for child in node.children:
        if child.is_group:
            item = group_values(child, max_repeats=max_repeats, overrides=overrides)
        else:
            assert child.type is not None
            override = (overrides or {}).get(child.type.name)
            item = datatype_values(child.type) if override is None else override
        fields[child.attr] = _occurrences(child, item, max_repeats=max_repeats)
    return st.fixed_dictionaries(fields).map(lambda kwargs: cls(**kwargs))


def documents_of(
    document: DocumentModel | str,
    *,
    max_repeats: int = MAX_REPEATS,
    overrides: dict[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[Any]:
    """Schema-valid documents of one type (a DocumentModel, its class or its JSON type name)."""
    if isinstance(document, str):
        document = MODEL.document(document)
    return group_values(document.root, max_repeats=max_repeats, overrides=overrides)


def documents(**kwargs: Any) -> st.SearchStrategy[Any]:
    """Schema-valid documents of every type of the model."""
    return st.one_of([documents_of(d, **kwargs) for d in document_models])


def conservative_overrides() -> dict[str, st.SearchStrategy[Any]]:
    """Value strategies (by data type name) that keep to the forms every implementation agrees
    on, where a type's pattern admits more than XSD's base type does: base64 that encodes bytes
    (zero padding bits), offsets within +-14:00."""
    overrides: dict[str, st.SearchStrategy[Any]] = {}
    for dt in MODEL.datatypes.values():
        if dt.kind == "base64":
            overrides[dt.name] = base64_values(dt, canonical_only=True)
        elif dt.kind == "datetime":
            overrides[dt.name] = _datetime_values(dt, max_offset_minutes=14 * 60)
    return overrides


# --- walking a serialized document alongside the model -----------------------------------------


def required_json_members(
    node: Node, value: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """The paths (member names and array indexes) of every required member present in a JSON
    value of the group ``node``, depth first."""
    for child in node.children:
        if child.json not in value:
            continue
        here = (*path, child.json)
        if child.required:
            yield here
        if child.is_group:
            if child.repeated:
                for index, item in enumerate(value[child.json]):
                    yield from required_json_members(child, item, (*here, index))
            else:
                yield from required_json_members(child, value[child.json], here)


def required_xml_children(node: Node, element: Any, steps: tuple[str, ...]) -> Iterator[Any]:
    """For every required child term or group of an XML element of the group ``node``: the
    element, the child node, and the XPath steps of the element (``kp:`` prefix, an index on
    every item of a repeated group, as :mod:`kpstandard` writes locations)."""
    namespace = element.nsmap.get(None)
    for child in node.children:
        found = element.findall(f"{{{namespace}}}{child.xml}")
        if not found:
            continue
        if child.required:
            yield element, child, steps
        if child.is_group:
            for index, item in enumerate(found, start=1):
                step = f"kp:{child.xml}[{index}]" if child.max_occurs is None else f"kp:{child.xml}"
                yield from required_xml_children(child, item, (*steps, step))


def json_terms(
    node: Node, value: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Node]]:
    """The path and node of every term value present in a JSON value of the group ``node`` (each
    item of a repeated term; a multilingual text as one value)."""
    for child in node.children:
        if child.json not in value:
            continue
        here = (*path, child.json)
        items = (
            [((*here, i), item) for i, item in enumerate(value[child.json])]
            if child.repeated
            else [(here, value[child.json])]
        )
        for item_path, item in items:
            if child.is_group:
                yield from json_terms(child, item, item_path)
            else:
                yield item_path, child


def xml_terms(node: Node, element: Any) -> Iterator[tuple[Any, Node]]:
    """Every element of an XML element of the group ``node`` that carries a term's value (each
    language version of a text), with its node."""
    namespace = element.nsmap.get(None)
    for child in node.children:
        for item in element.findall(f"{{{namespace}}}{child.xml}"):
            if child.is_group:
                yield from xml_terms(child, item)
            else:
                yield item, child
