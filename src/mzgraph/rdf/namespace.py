"""Closed namespaces for the ontology terms; a test keeps them equal to ontology/mzgraph.ttl."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .prefixes import PREFIX_IRIS

__all__ = ["MZ", "NIF", "ORG", "SCHEMA", "THEME", "ID", "PREFIXES"]


class MZ(DefinedNamespace):
    """mzgraph ontology terms (ontology/mzgraph.ttl)."""

    _fail = True
    _NS = Namespace(PREFIX_IRIS["mz"])

    # classes
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Meeting: URIRef
    PolicyTheme: URIRef
    Document: URIRef
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Post: URIRef
    Role: URIRef
    Participation: URIRef
    ParticipationKind: URIRef
    ThemeLink: URIRef
    DocumentLink: URIRef
    DocumentAction: URIRef
    # individuals
    attended: URIRef
    spoke: URIRef
    presided: URIRef
    read: URIRef
    issued: URIRef
    discussed: URIRef
    # properties
    gbCode: URIRef
    adminLevel: URIRef
    partOf: URIRef
    locatedIn: URIRef
    date: URIRef
    heldIn: URIRef
    organizer: URIRef
    participant: URIRef
    meeting: URIRef
    kind: URIRef
    theme: URIRef
    document: URIRef
    action: URIRef
    keyword: URIRef
    notIn: URIRef
    sourceFile: URIRef
    encoding: URIRef
    text: URIRef
    sentence: URIRef
    mention: URIRef
    evidence: URIRef
    # shortcuts beside the reified facts
    participatedIn: URIRef
    attendedMeeting: URIRef
    spokeAt: URIRef
    presidedOver: URIRef
    province: URIRef


NIF = Namespace(PREFIX_IRIS["nif"])
ORG = Namespace(PREFIX_IRIS["org"])
SCHEMA = Namespace(PREFIX_IRIS["schema"])
THEME = Namespace(PREFIX_IRIS["theme"])
ID = Namespace(PREFIX_IRIS["id"])

PREFIXES = {prefix: URIRef(iri) for prefix, iri in PREFIX_IRIS.items()}
