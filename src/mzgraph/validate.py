"""Check a graph against the project's SHACL shapes (``ontology/shapes.ttl``) with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import MzgraphError, shown_path
from .paths import graph_file

__all__ = ["SHAPES", "Violation", "Report", "validate_graph"]

SHAPES = Path(__file__).resolve().parent / "ontology" / "shapes.ttl"


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass
class Report:
    graph: Path
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)


def validate_graph(given: str | Path, shapes: str | Path = SHAPES) -> Report:
    """Every SHACL result of the graph of ``given`` (a build folder or a Turtle file), sorted."""
    import pyshacl
    from rdflib import RDF, Graph
    from rdflib.namespace import SH

    path = graph_file(given)
    data = Graph()
    try:
        data.parse(path, format="nt" if path.suffix.lower() == ".nt" else "turtle")
    except Exception as exc:  # rdflib raises many kinds for a file that is not Turtle
        raise MzgraphError(f"{shown_path(path)}: not a readable graph: {' '.join(str(exc).split())[:200]}") from None
    _, results, _ = pyshacl.validate(data, shacl_graph=Graph().parse(shapes, format="turtle"), inference="none")
    report = Report(path)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        report.violations.append(Violation(
            str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultPath) or ""),
            str(results.value(r, SH.resultMessage) or ""),
            str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"))
    report.violations.sort()
    return report
