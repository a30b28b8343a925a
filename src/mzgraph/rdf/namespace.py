"""Closed namespaces for the ontology terms; a test keeps them equal to ontology/mzgraph.ttl."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class MZ(DefinedNamespace):
    """mzgraph ontology terms (ontology/mzgraph.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/mzgraph/ontology#")

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


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
THEME = Namespace("https://w3id.org/mzgraph/theme/")
ID = Namespace("https://w3id.org/mzgraph/id/")

PREFIXES = {
    "mz": URIRef(str(MZ._NS)),
    "theme": URIRef(str(THEME)),
    "id": URIRef(str(ID)),
    "nif": URIRef(str(NIF)),
    "org": URIRef(str(ORG)),
    "schema": URIRef(str(SCHEMA)),
}
