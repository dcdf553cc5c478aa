"""Every generated reference page of the docs site, and the function that makes each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kpstandard._cli_doc import CommandDoc
from kpstandard.model.meta import DocumentModel, Model
from kpstandard.specbuild import _schema_errors
from kpstandard.specbuild._docs import REFERENCE, Site

__all__ = ["reference_pages"]


def reference_pages(
    model: Model, root: Path | None = None, cli: CommandDoc | None = None
) -> list[tuple[str, Callable[[], str]]]:
    """Every generated page as (path relative to the repository root, function that makes it)."""
    site = Site(model, root, cli)
    pages: list[tuple[str, Callable[[], str]]] = [
        (f"{REFERENCE}/index.md", site.index_page),
        (f"{REFERENCE}/requirements.md", site.requirements_page),
    ]
    for document in model.documents:
        pages.append((f"{REFERENCE}/{document.file_stem}.md", _bind(site.document_page, document)))
    pages += [
        (f"{REFERENCE}/datatypes.md", site.datatypes_page),
        (f"{REFERENCE}/participants.md", site.participants_page),
        (f"{REFERENCE}/hs-codes.md", site.hs_codes_page),
        (f"{REFERENCE}/findings.md", site.findings_page),
        (f"{REFERENCE}/traceability.md", site.traceability_page),
        (f"{REFERENCE}/vectors.md", site.vectors_page),
    ]
    if cli is not None:  # the command describes itself; without it its page is not made
        pages.append((f"{REFERENCE}/cli.md", site.cli_page))
    pages.append((_schema_errors.PATH, _schema_errors.schema_errors_page))
    return pages


def _bind(page: Callable[[DocumentModel], str], document: DocumentModel) -> Callable[[], str]:
    return lambda: page(document)
