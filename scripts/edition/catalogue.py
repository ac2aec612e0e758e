"""The machine-readable catalogue of the edition (`catalogue.json`)."""

from __future__ import annotations

import json
from typing import Any

from .filenames import source_url
from .model import Article, Cable, Document


def entry(
    document: Document, entries_of: dict[str, list[str]] | None = None, directory_urls: bool = True
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": document.id,
        "kind": document.kind,
        "title": document.title,
        "date": document.date,
        "date_precision": document.date_precision,
        "date_approximate": document.date_approximate,
        "source": document.source,
        "source_url": source_url(document.source),
        "page": document.url_in(directory_urls),
        "emendations": len(document.emendations),
        "entries": (entries_of or {}).get(document.id, []),
    }
    if isinstance(document, Cable):
        data |= {
            "cable_id": document.cable_id,
            "origin": document.origin,
            "precedence": document.precedence,
            "classification": document.classification,
            "tags": list(document.tags),
            "subject": document.subject,
            "references": [{"label": r.label, "text": r.text, "cable_id": r.cable_id} for r in document.references],
            "signer": document.signer,
            "paragraphs": sum(1 for b in document.blocks if b.kind == "paragraph" and b.number),
            "partial": document.partial,
            "classified_by": document.classified_by,
            "reasons": document.reasons,
            "declassification": document.declassification,
            "sections": [{"kind": k, "first": first, "last": last} for k, first, last in document.sections],
        }
    elif isinstance(document, Article):
        data |= {
            "headings": list(document.headings),
            "publication": document.publication,
            "author": document.author,
            "url": document.url_original,
            "pull_quotes": sum(1 for b in document.blocks if b.kind == "pull_quote"),
            "paragraphs": sum(1 for b in document.blocks if b.kind in ("paragraph", "lead")),
            "format": document.source_format,
            "tags": list(document.tags),
            "date_from_text": document.date_from_text,
            # The parts of the article recognised around its text (readers/anatomy.py).
            "fly_title": _first(document.parts("fly_title")),
            "standfirst": list(document.parts("standfirst")),
            "dateline": _first(document.parts("dateline")),
            "byline": _first(document.parts("byline")),
            "end_mark": _first(document.parts("end_mark")),
            "bio": list(document.parts("bio")),
            "sources_list": list(document.parts("source")),
            "figures": sum(1 for b in document.blocks if b.kind == "figure"),
            "metadata": [{"key": key, "value": value} for key, value in document.metadata],
        }
    return data


def _first(texts: tuple[str, ...]) -> str | None:
    return texts[0] if texts else None


def catalogue_json(
    documents: list[Document], entries_of: dict[str, list[str]] | None = None, directory_urls: bool = True
) -> str:
    """The catalogue; `entries_of` gives the glossary entries each document mentions."""
    entries = [entry(d, entries_of, directory_urls) for d in sorted(documents, key=lambda d: d.id)]
    return json.dumps({"documents": entries}, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
