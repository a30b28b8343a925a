"""The namespace IRIs of mzgraph's graphs as plain strings: cheap to import (no rdflib), read by namespace.py."""
from __future__ import annotations

__all__ = ["PREFIX_IRIS"]

PREFIX_IRIS: dict[str, str] = {
    "mz": "https://w3id.org/mzgraph/ontology#",
    "theme": "https://w3id.org/mzgraph/theme/",
    "id": "https://w3id.org/mzgraph/id/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}
