"""Re-builds that patch the last build's merged N-Triples and graph.ttl instead of making them again.

A full build keeps, beside the merged N-Triples (``.shards/graph.nt``), the lines found in two or
more shards with their counts (``graph.dups``, see :func:`~.merge.merge_shards`) and a sparse index
of both files (``graph.state.json``): about every 64 KB of N-Triples, a subject and the byte offsets
where its lines start in graph.nt and its block in graph.ttl. graph.ttl is the prefix lines and
then one block per subject in the order of graph.nt, so each span between two indexed subjects of
graph.ttl is the Turtle of the same span of graph.nt alone.

A re-build reads only the shards that left the corpus and those that came in. A line's count is
the number of shards holding it (``graph.dups``, else 1 if it is in graph.nt, else 0); the shards
that left take one from the count of each of their lines and those that came add one, so the
lines whose count falls to 0 leave the graph and those that rise from 0 enter it: the exact
difference, without merging the other shards. Only the spans holding a changed line are read and
written again; the others are copied byte for byte (``os.copy_file_range``). The outputs are the
bytes a full build makes; the state is trusted only while every file it describes is the one it
recorded (size, mtime, inode), else the build is a full one.
"""
from __future__ import annotations

import io
import json
import os
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_open
from ..rdf.turtle import TURTLE_PREFIXES, TurtleNames, write_blocks
from .cache import STATE, Shards, pipeline_version

__all__ = ["STATE", "SEGMENT_BYTES", "Segments", "Patch", "segment_starts", "file_stamp", "state_record",
           "read_state", "patch_graph", "apply_patch"]

STATE_VERSION = 1
SEGMENT_BYTES = 1 << 16  # N-Triples between two indexed subjects: a span re-written costs ~3 ms
MAX_CHANGED_FRACTION = 10  # a re-build patches when at most 1/10 of the shards changed (or MAX_CHANGED_FLOOR)
MAX_CHANGED_FLOOR = 50
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass
class Segments:
    """The sparse index: subject i starts at byte ``nt[i]`` of graph.nt and ``ttl[i]`` of graph.ttl."""

    subjects: list[str]
    nt: list[int]
    ttl: list[int]


@dataclass
class Patch:
    """A re-build's graph: the new graph.nt and graph.dups (written beside the old ones, not yet in
    place), its triples and distinct entities, and the lines that left and came (for the store)."""

    merged: Path
    dups: Path
    gone: list[str]  # the shards that left and those that came
    came: list[str]
    segments: Segments
    triples: int
    entities: dict[str, int]
    removed: bytes
    added: bytes


class _Stale(Exception):
    """The recorded state does not describe the files it names: build in full."""


def _subject(line: bytes) -> bytes:
    return line[:line.index(b"> ") + 1]


def segment_starts(merged: Path, every: int = SEGMENT_BYTES) -> tuple[list[str], list[int]]:
    """(subjects, byte offsets) of lines of a merged N-Triples file that start a new subject, about every
    ``every`` bytes, the first line first: found by seeking, not by reading the file."""
    subjects: list[str] = []
    offsets: list[int] = []
    size = merged.stat().st_size
    with open(merged, "rb") as fh:
        probe = 0
        while probe < size:
            fh.seek(probe)
            if probe:
                fh.readline()  # (the rest of the line the probe fell in)
                line = fh.readline()
                if not line:
                    break
                first = _subject(line)
                start = fh.tell()
                line = fh.readline()
                while line and _subject(line) == first:  # to the next subject's first line
                    start = fh.tell()
                    line = fh.readline()
                if not line:
                    break
            else:
                start, line = 0, fh.readline()
            subjects.append(_subject(line).decode("utf-8"))
            offsets.append(start)
            probe = start + every
    return subjects, offsets


def file_stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def state_record(shards: Shards, generation: Path, segments: Segments, triples: int,
                 entities: dict[str, int], sources: dict[str, int] | None) -> dict:
    """What the next re-build needs of this one's graph (kept by ``Shards.commit``; see :func:`read_state`):
    taken once graph.nt, graph.dups and the generation's graph.ttl are final."""
    return {"version": STATE_VERSION, "pipeline": pipeline_version(), "parts": shards.parts(),
            "generation": generation.name, "merged": file_stamp(shards.merged), "dups": file_stamp(shards.dups),
            "turtle": file_stamp(generation / "graph.ttl"), "triples": triples, "entities": entities,
            "sources": sources, "subjects": segments.subjects, "nt": segments.nt, "ttl": segments.ttl}


def read_state(shards: Shards, current: Path) -> dict | None:
    """The recorded state of the last build when it still describes the published generation ``current``,
    graph.nt and graph.dups as they are, else None."""
    try:
        state = json.loads((shards.cache.root / STATE).read_text(encoding="utf-8"))
        if (state.get("version") != STATE_VERSION or state.get("pipeline") != pipeline_version()
                or state.get("generation") != current.resolve().name
                or state.get("merged") != file_stamp(shards.merged) or state.get("dups") != file_stamp(shards.dups)
                or state.get("turtle") != file_stamp(current / "graph.ttl")):
            return None
        if not (len(state["subjects"]) == len(state["nt"]) == len(state["ttl"]) > 0):
            return None
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_dups(path: Path) -> dict[bytes, int]:
    dups: dict[bytes, int] = {}
    with open(path, "rb") as fh:
        for raw in fh:
            count, _, line = raw.lstrip().partition(b" ")
            dups[line] = int(count)
    return dups


def _write_dups(path: Path, dups: dict[bytes, int]) -> None:
    with atomic_open(path, binary=True) as fh:
        fh.writelines(b"%7d %s" % (n, line) for line, n in sorted(dups.items()))


class _Splice:
    """A file written from new bytes and byte ranges of other files (copied in the kernel where it can)."""

    def __init__(self, fh):
        self.fd, self.pos = fh.fileno(), 0

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        self.pos += len(data)

    def copy(self, src: int, start: int, end: int) -> None:
        while start < end:
            try:
                n = os.copy_file_range(src, self.fd, end - start, start)
            except OSError:  # (another file system, an old kernel): through user space
                n = 0
            if n == 0:
                n = len(data := os.pread(src, min(end - start, 1 << 22), start))
                if n == 0:
                    raise _Stale("the recorded file is shorter than its index")
                self.write(data)
            else:
                self.pos += n
            start += n


def patch_graph(shards: Shards, state: dict, current: Path, turtle: Path) -> Patch | None:
    """The graph of ``shards`` as the recorded one (``state``, published in ``current``) changed by the
    shards that left and came: graph.ttl written at ``turtle``, graph.nt and graph.dups beside the old
    ones. None when too many shards changed or a file is not what ``state`` says (build in full then)."""
    old_parts, new_parts = set(state["parts"]), shards.parts()
    gone, came = sorted(old_parts - set(new_parts)), sorted(set(new_parts) - old_parts)
    if len(gone) + len(came) > max(MAX_CHANGED_FLOOR, len(new_parts) // MAX_CHANGED_FRACTION):
        return None
    try:
        delta: Counter[bytes] = Counter()
        for keys, step in ((gone, -1), (came, 1)):
            for k in keys:
                with open(shards.cache.nt(k), "rb") as fh:
                    for line in fh:
                        delta[line if line.endswith(b"\n") else line + b"\n"] += step
        return _patch(shards, state, current, turtle, {ln: n for ln, n in delta.items() if n}, gone, came)
    except (_Stale, OSError, ValueError):
        for p in (shards.merged, shards.dups):
            _next(p).unlink(missing_ok=True)
        Path(turtle).unlink(missing_ok=True)
        return None


def _next(path: Path) -> Path:
    return path.with_name(f".{path.name}.next")  # a dot name: swept if the build stops


def _check_span(nt: int, ttl: int, i: int, subjects: list[bytes], lines: list[bytes], at: int, ttl_start: int,
                ttl_stop: int, names: TurtleNames) -> None:
    """The span ``i`` about to be re-written is where the index says: whole lines of its subjects in
    graph.nt, whole blocks of the same subjects in graph.ttl."""
    if at and os.pread(nt, 1, at - 1) != b"\n":
        raise _Stale("a span of graph.nt does not start a line")
    if not lines:
        if ttl_start != ttl_stop:
            raise _Stale("an empty span of graph.nt has Turtle")
        return
    if not lines[-1].endswith(b"\n") or (i and _subject(lines[0]) < subjects[i]) or (
            i + 1 < len(subjects) and _subject(lines[-1]) >= subjects[i + 1]):
        raise _Stale("a span of graph.nt holds other subjects than the index says")
    head = b"\n" + names.iri(_subject(lines[0]).decode("utf-8")).encode("utf-8") + b"\n"
    if (ttl_stop - ttl_start < len(head) + 3 or os.pread(ttl, len(head), ttl_start) != head
            or os.pread(ttl, 3, ttl_stop - 3) != b" .\n"):
        raise _Stale("a span of graph.ttl is not the Turtle of its subjects")


def _patch(shards: Shards, state: dict, current: Path, turtle: Path, delta: dict[bytes, int],
           gone_parts: list[str], came_parts: list[str]) -> Patch:
    subjects = [s.encode("utf-8") for s in state["subjects"]]
    nt_at, ttl_at = state["nt"], state["ttl"]
    if (nt_at[0] != 0 or any(a >= b for a, b in zip(subjects, subjects[1:]))
            or any(a > b for a, b in zip(nt_at, nt_at[1:])) or any(a > b for a, b in zip(ttl_at, ttl_at[1:]))):
        raise _Stale("the index is not in order")
    by_span: dict[int, dict[bytes, int]] = {}
    for line, n in delta.items():
        by_span.setdefault(max(bisect_right(subjects, _subject(line)) - 1, 0), {})[line] = n
    dups = _read_dups(shards.dups)
    names = TurtleNames(TURTLE_PREFIXES)
    removed: list[bytes] = []
    added: list[bytes] = []
    new_nt: list[int] = []
    new_ttl: list[int] = []
    with open(shards.merged, "rb") as old_nt, open(current / "graph.ttl", "rb") as old_ttl, \
            atomic_open(_next(shards.merged), binary=True) as nt_fh, atomic_open(turtle, binary=True) as ttl_fh:
        nt_end, ttl_end = os.fstat(old_nt.fileno()).st_size, os.fstat(old_ttl.fileno()).st_size
        nt, ttl = _Splice(nt_fh), _Splice(ttl_fh)
        ttl.copy(old_ttl.fileno(), 0, ttl_at[0])  # the prefix lines
        last = len(subjects) - 1
        i = 0
        for span in sorted(by_span) + [len(subjects)]:
            # the spans before this one, unchanged: copied, their offsets moved by what changed before them
            if span > i:
                a, b = nt_at[i], nt_at[span] if span <= last else nt_end
                c, d = ttl_at[i], ttl_at[span] if span <= last else ttl_end
                new_nt += [o - a + nt.pos for o in nt_at[i:span]]
                new_ttl += [o - c + ttl.pos for o in ttl_at[i:span]]
                nt.copy(old_nt.fileno(), a, b)
                ttl.copy(old_ttl.fileno(), c, d)
            if span > last:
                break
            new_nt.append(nt.pos)
            new_ttl.append(ttl.pos)
            end = nt_at[span + 1] if span < last else nt_end
            lines = os.pread(old_nt.fileno(), end - nt_at[span], nt_at[span]).splitlines(keepends=True)
            _check_span(old_nt.fileno(), old_ttl.fileno(), span, subjects, lines, nt_at[span],
                        ttl_at[span], ttl_at[span + 1] if span < last else ttl_end, names)
            present = set(lines)
            gone, came = set(), []
            for line, n in by_span[span].items():
                held = dups.get(line, 0)
                if held and line not in present:
                    raise _Stale("a counted line is not in the merged file")
                old = held or (1 if line in present else 0)
                new = old + n
                if new < 0:
                    raise _Stale("a shard that left held a line the graph does not count")
                if old and not new:
                    gone.add(line)
                elif new and not old:
                    came.append(line)
                if new >= 2:
                    dups[line] = new
                else:
                    dups.pop(line, None)
            kept = sorted([ln for ln in lines if ln not in gone] + came)
            removed += sorted(gone)
            added += came
            nt.write(b"".join(kept))
            buf = io.StringIO(newline="\n")
            write_blocks((ln.decode("utf-8") for ln in kept), buf, names)
            ttl.write(buf.getvalue().encode("utf-8"))
            i = span + 1
    _write_dups(_next(shards.dups), dups)
    entities = dict(state["entities"])
    for name in entities:
        tail = b" %s <https://w3id.org/mzgraph/ontology#%s> .\n" % (_RDF_TYPE, name.encode())
        entities[name] += sum(ln.endswith(tail) for ln in added) - sum(ln.endswith(tail) for ln in removed)
    return Patch(_next(shards.merged), _next(shards.dups), gone_parts, came_parts, Segments(state["subjects"], new_nt, new_ttl),
                 state["triples"] - len(removed) + len(added), entities, b"".join(sorted(removed)),
                 b"".join(sorted(added)))


def apply_patch(shards: Shards, patch: Patch) -> None:
    """Put the patched graph.nt and graph.dups in place (just before the generation is published)."""
    os.replace(patch.merged, shards.merged)
    os.replace(patch.dups, shards.dups)
