"""What a build tells its caller: events while it runs, a :class:`BuildReport` when it ends.

The library never prints. A caller passes ``on_event`` to :func:`mzgraph.pipeline.build` and
renders the events it cares about; the CLI prints them to stderr (``mzgraph: skipped …``).
Events are small frozen records, so workers in other processes can send them back with their results.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FileDone", "PhaseProgress", "PHASES", "FileSkipped", "InputWarned", "BuildEvent", "Listener", "BuildReport"]

# The phases of a build, in order: extraction reports FileDone, the others PhaseProgress.
PHASES = ("extract", "merge", "turtle", "store", "answers")


@dataclass(frozen=True)
class FileDone:
    """Progress: ``done`` of ``total`` input files have their shard (extracted now or cached)."""

    done: int
    total: int
    name: str


@dataclass(frozen=True)
class PhaseProgress:
    """Progress of a phase after extraction: ``done`` of ``total`` ``unit`` (``done == total``: the phase is over).

    Each phase reports 0 when it starts and ``total`` when it ends; long ones report steps in between.
    """

    phase: str  # one of PHASES
    done: int
    total: int
    unit: str


@dataclass(frozen=True)
class FileSkipped:
    """An input file that could not be read as articles; it is left out of the graph."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass(frozen=True)
class InputWarned:
    """A file that was read with a repair (e.g. a truncated last character dropped)."""

    message: str

    def __str__(self) -> str:
        return f"warning: {self.message}"


BuildEvent = FileDone | PhaseProgress | FileSkipped | InputWarned
Listener = Callable[[BuildEvent], None]


def ignore(event: BuildEvent) -> None:
    """The listener of a caller that passes none."""


@dataclass
class BuildReport:
    files: int = 0
    articles: int = 0
    triples: int = 0
    entities: Counter = field(default_factory=Counter)  # mentions by type, summed over articles
    distinct: dict[str, int] = field(default_factory=dict)  # type → distinct entities of the corpus
    failures: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
