"""RDF side of mzgraph: ontology terms, IRIs, graph building."""
