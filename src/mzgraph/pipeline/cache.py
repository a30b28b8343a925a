"""Content-hash cache of per-file N-Triples shards under ``OUT/.shards/``.

A shard's key hashes the file's bytes and name with the version of everything
that shapes its triples: the packaged data, ontology and gazetteer files and the
mzgraph source code. An unchanged file reuses its shard; a changed file gets a
new key (its old shard is dropped after the build); a deleted file's shard is
no longer part of the manifest, so its facts leave the graph.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..atomic import write_text
from ..lexicon import _adcodes_path
from ..store.answers import ROWS_SUFFIX

__all__ = ["SHARDS", "MANIFEST", "STATE", "STAT_INDEX", "SHARD_INPUTS", "pipeline_version", "file_key", "ShardInfo", "ShardCache", "Shards"]

SHARDS = ".shards"
MANIFEST = "manifest.json"
STATE = "graph.state.json"  # the index of the last merged graph (incremental.py)
STAT_INDEX = "files.json"  # each input file's stat and key, as git's index keeps them (plan.py)
# What decides a shard's triples; edits to views, queries or the CLI keep the cache valid.
SHARD_INPUTS = ("reader.py", "normalize.py", "numerals.py", "segment.py", "lexicon.py", "model.py", "entity_types.py",
                "pipeline/articles.py", "pipeline/engines.py", "extract/*.py", "rdf/*.py", "data/*", "ontology/*",
                # the named-query rows kept with each shard (queries are keyed by their text)
                "store/answers.py", "store/predicates.py", "store/sparql.py", "store/result.py", "store/guard.py")
_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Digest of the files that decide what a shard holds: code, data, ontology, gazetteer."""
    pkg = _PACKAGE
    paths = sorted(p for part in SHARD_INPUTS for p in (pkg.glob(part) if "*" in part else [pkg / part])
                   if p.is_file())
    h = hashlib.sha256()
    for p in paths + [_adcodes_path()]:
        h.update(str(p.relative_to(pkg) if p.is_relative_to(pkg) else p.name).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def file_key(path: Path, data: bytes) -> str:
    """Cache key of one input file: its name (articles carry it), its bytes and the pipeline version."""
    h = hashlib.sha256()
    h.update(pipeline_version().encode())
    h.update(b"\0")
    h.update(path.name.encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()[:40]


@dataclass
class ShardInfo:
    """What a build needs to know about one file without re-reading its shard."""

    key: str
    source: str
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)  # mentions by type: entities of each article
    failure: str = ""  # reason the file was skipped, or ""
    entity_keys: dict[str, list[str]] = field(default_factory=dict)  # type → the file's distinct entity keys


class ShardCache:
    """The shard folder of one output folder: ``<key>.nt`` + ``<key>.json`` per input file."""

    def __init__(self, out: Path, enabled: bool = True):
        self.root = Path(out) / SHARDS
        self.enabled = enabled
        self.root.mkdir(parents=True, exist_ok=True)

    def nt(self, key: str) -> Path:
        return self.root / f"{key}.nt"

    def meta(self, key: str) -> Path:
        return self.root / f"{key}.json"

    def rows(self, key: str) -> Path:
        """The file's rows of the named queries (``store/answers.py``)."""
        return self.root / f"{key}{ROWS_SUFFIX}"

    def get(self, key: str) -> ShardInfo | None:
        if not self.enabled:
            return None
        try:
            info = json.loads(self.meta(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not info.get("failure") and not self.nt(key).exists():
            return None
        return ShardInfo(**info)

    def put(self, info: ShardInfo) -> None:
        write_text(self.meta(info.key), json.dumps(info.__dict__, ensure_ascii=False, sort_keys=True))

    def manifest_digest(self, keys: list[str]) -> str:
        h = hashlib.sha256(pipeline_version().encode())
        for k in sorted(keys):
            h.update(k.encode())
        return h.hexdigest()

    def read_manifest(self) -> dict:
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_manifest(self, manifest: dict) -> None:
        write_text(self.root / MANIFEST, json.dumps(manifest, sort_keys=True))

    def prune(self, keep: set[str]) -> int:
        """Delete shards of files that changed or left the corpus; return how many."""
        gone = 0
        for p in self.root.iterdir():
            if p.suffix in (".nt", ".json", ROWS_SUFFIX) and p.name != MANIFEST and p.stem not in keep:
                p.unlink(missing_ok=True)
                gone += p.suffix == ".nt"
        return gone


class Shards:
    """The shards of one build: their manifest, the merged N-Triples they make (merge.py) and the ontology shard."""

    def __init__(self, cache: ShardCache, keys: list[str]):
        self.cache, self.keys = cache, keys
        self.digest = cache.manifest_digest(keys)
        self.merged = cache.root / "graph.nt"
        self.dups = cache.root / "graph.dups"  # lines of two or more shards, counted (merge.py, incremental.py)
        self.onto = cache.root / f"ontology-{pipeline_version()}.nt"
        self._parts: list[str] | None = None

    def parts(self) -> list[str]:
        """The keys of the shards the graph is merged from: the ontology's, then each file's that has one
        (found once, after the extraction: one listing of the folder, not a stat a file)."""
        if self._parts is None:
            names = {e.name for e in os.scandir(self.cache.root)}
            self._parts = [self.onto.stem] + [k for k in sorted(set(self.keys)) if f"{k}.nt" in names]
        return self._parts

    def unchanged(self, outputs: list[Path], old: dict | None = None) -> int | None:
        """Triple count of the last build when it had the same shards and its outputs exist, else None."""
        old = self.cache.read_manifest() if old is None else old
        if old.get("digest") == self.digest and self.merged.exists() and all(p.exists() for p in outputs):
            return int(old["triples"])
        return None

    def commit(self, triples: int, counts: dict[str, int] | None = None, state: dict | None = None,
               summary: dict | None = None) -> None:
        """Record this build (its triples, distinct entities by type, the ``summary`` of its report, and
        ``state``: what the next build patches, see incremental.py) and drop the shards of files that
        changed or left the corpus."""
        self.cache.prune(set(self.keys) | {self.onto.stem, self.merged.stem, Path(STATE).stem, Path(STAT_INDEX).stem})
        manifest = {"digest": self.digest, "triples": triples, "files": len(self.keys),
                    "entities": dict(sorted((counts or {}).items()))}
        if summary is not None:
            manifest["summary"] = summary
        self.cache.write_manifest(manifest)
        if state is None:
            (self.cache.root / STATE).unlink(missing_ok=True)
        else:
            write_text(self.cache.root / STATE, json.dumps(state, ensure_ascii=False, separators=(",", ":")))

    def kept_summary(self, outputs: list[Path]) -> dict | None:
        """The report the last build kept, when it had the same shards and its outputs exist, else None."""
        old = self.cache.read_manifest()
        summary = old.get("summary")
        if self.unchanged(outputs, old) is None or not isinstance(summary, dict):
            return None
        return summary if {"files", "articles", "entities", "distinct", "failures"} <= set(summary) else None

    def keep_summary(self, summary: dict) -> None:
        """Add ``summary`` to the manifest of the last build (when it has none), which had these shards."""
        old = self.cache.read_manifest()
        if old.get("digest") == self.digest and "summary" not in old:
            self.cache.write_manifest({**old, "summary": summary})

    def kept_counts(self) -> dict[str, int]:
        """The distinct entities by type the last build recorded."""
        return {t: int(n) for t, n in self.cache.read_manifest().get("entities", {}).items()}
