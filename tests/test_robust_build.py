"""The build against hostile inputs and hostile surroundings: one row of issue 14 each (rows 1–7, 18, 19).

Every failure is one line naming its file or folder, a failed or empty build never replaces a good
one, two builds into one folder take turns, and nothing is left half-written. The CLI runs in this
process where that is enough, and as a real process where a hang, a pipe, memory or a second build
is the point. Tests that need a private mount (a full disk, a read-only file system) or a user
without root's rights (``unshare --user``) skip where the machine cannot give them.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from mzgraph.cli import main
from mzgraph.errors import MzgraphError

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = next((ROOT / "seeds").glob("*.txt"))
SEED = SEED_FILE.read_bytes()
SEED_ARTICLES = 2  # articles in the seed file (tests/test_cli.py)
MZ = Namespace("https://w3id.org/mzgraph/ontology#")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SLOW_FILES = 40  # a build of this many files without cache takes seconds


def _cli(*args: str, timeout: float = 300, cwd: Path | None = None, prefix: tuple[str, ...] = (),
         memory_mb: int | None = None) -> subprocess.CompletedProcess:
    """``mzgraph ARGS`` as its own process (optionally under ``prefix``, with an address-space cap)."""
    def cap() -> None:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([*prefix, sys.executable, "-m", "mzgraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, preexec_fn=cap if memory_mb else None)


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mzgraph: ") and "Traceback" not in err, err
    return lines[0]


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(SEED)
    return folder


def _sources(out: Path) -> list[str]:
    g = Graph().parse(out / "graph.ttl", format="turtle")
    return sorted(str(o) for o in g.objects(None, MZ.sourceFile))


def _graph_bytes(out: Path) -> bytes:
    return (out / "graph.ttl").read_bytes()


def _leftovers(out: Path) -> list[str]:
    """What unfinished builds leave: generations not published, dot-named temporary files."""
    current = Path(os.readlink(out / ".current")).name if (out / ".current").is_symlink() else None
    left = [f".generations/{g.name}" for g in (out / ".generations").iterdir() if g.name != current] \
        if (out / ".generations").is_dir() else []
    left += [f".shards/{p.name}" for p in (out / ".shards").iterdir() if p.name.startswith(".")] \
        if (out / ".shards").is_dir() else []
    left += [p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in
             (".lock", ".current", ".generations", ".shards")]
    return left


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """A finished build of the seed file (no store), to be copied by tests that must keep it."""
    out = tmp_path_factory.mktemp("good") / "out"
    assert main(["build", str(SEED_FILE), "--out", str(out), "--no-store"]) == 0
    return out


@pytest.fixture
def previous(good_build, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(good_build, out, symlinks=True)
    return out


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--user", "true"], capture_output=True).returncode == 0


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs at a fresh folder: ``mount(size, ro=False)`` → its path. Skips without the right."""
    mounted: list[Path] = []

    def mount(size: str, ro: bool = False) -> Path:
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        opts = f"size={size}" + (",ro" if ro else "")
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {p.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


# --- row 2: any per-file failure fails that file alone ---------------------------------------------------------


def _declared_requirements() -> list[str]:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as f:
        deps = tomllib.load(f)["project"]["dependencies"]
    return [re.split(r"[<>=!~ ;]", d, maxsplit=1)[0].lower().replace("-", "_") for d in deps]


def test_row01_what_reading_html_imports_is_declared():
    """A plain ``pip install .`` (the pip of a fresh venv ignores lxml's extra as trafilatura names it)
    must bring lxml.html.clean, which justext imports for every HTML page: it is a dependency of ours."""
    declared = _declared_requirements()
    assert "lxml_html_clean" in declared or "lxml[html_clean]" in declared
    import lxml.html.clean  # noqa: F401  (what the HTML reader needs, importable here)


def test_row01_an_html_page_builds_with_the_declared_packages(tmp_path, capsys):
    page = ROOT / "tests" / "data" / "realstyle3" / "rs3_06.html"
    (tmp_path / "in").mkdir()
    shutil.copy(page, tmp_path / "in" / page.name)
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-store"]) == 0
    assert "1 files, 1 articles" in capsys.readouterr().out


def test_row02_a_file_name_that_is_not_utf8_is_one_line_and_the_rest_is_built(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    (d / os.fsdecode(b"bad\xff.txt")).write_bytes(SEED)
    p = _cli("build", str(d), "--out", str(tmp_path / "out"), "--no-store")
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == 1, p.stderr
    skipped = [ln for ln in p.stderr.splitlines() if ln.startswith("mzgraph: skipped")]
    assert skipped == [f"mzgraph: skipped {d}/bad\\xff.txt: file name is not valid UTF-8 (rename the file)"], p.stderr
    assert f"{SEED_ARTICLES} articles" in p.stdout
    assert set(_sources(tmp_path / "out")) == {"ok.txt"}


def _failing_for(name: str, real, exc: Exception):
    """``real``, except that it raises ``exc`` on the file (or article of the file) called ``name``."""
    def call(first, *args, **kwargs):
        source = getattr(first, "source", None) or Path(first).name
        if source == name:
            raise exc
        return real(first, *args, **kwargs)

    return call


@pytest.mark.parametrize("where", ["reading", "extraction"])
def test_row02_an_unexpected_error_in_one_file_fails_that_file_only(tmp_path, capsys, monkeypatch, where):
    import mzgraph.pipeline.articles as articles
    import mzgraph.pipeline.engines as engines

    if where == "reading":
        monkeypatch.setattr(articles, "read_path", _failing_for("boom.txt", articles.read_path, ValueError("odd")))
    else:
        monkeypatch.setattr(engines, "extract_article",
                            _failing_for("boom.txt", engines.extract_article, RuntimeError("odd")))
    d = _corpus(tmp_path / "d", ["a.txt", "boom.txt", "z.txt"])
    code = main(["build", str(d), "--out", str(tmp_path / "out"), "--no-store", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 1, err
    kind = "ValueError" if where == "reading" else "RuntimeError"
    assert re.findall(r"^mzgraph: skipped .*$", err, re.M) == [f"mzgraph: skipped {d}/boom.txt: failed: {kind}: odd"]
    assert f"3 files, {2 * SEED_ARTICLES} articles" in out
    assert set(_sources(tmp_path / "out")) == {"a.txt", "z.txt"}


# --- row 3: size and kind by stat, before reading; no hang, no unbounded memory ---------------------------------


def test_row03_an_oversized_file_is_refused_by_its_size_without_reading_it(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    with open(d / "huge.txt", "wb") as fh:  # sparse: 1 GiB of size, no blocks
        fh.truncate(1 << 30)
    # The child's own peak (VmHWM of its memory after exec): its ru_maxrss also counts the memory of the
    # forked test process before the exec, which grows with the tests run before this one.
    probe = ("import resource, sys; from mzgraph.cli import main; code = main(sys.argv[1:]); "
             "hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')] "
             "if sys.platform.startswith('linux') else []; "
             "print('maxrss', hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
             "sys.exit(code)")
    p = subprocess.run([sys.executable, "-c", probe, "build", str(d), "--out", str(tmp_path / "out"), "--no-store"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr
    assert f"mzgraph: skipped {d}/huge.txt: too large: {1 << 30} bytes, the cap is" in p.stderr
    rss_mb = int(re.search(r"maxrss (\d+)", p.stderr).group(1)) // 1024
    assert rss_mb < 600, f"peak memory {rss_mb} MB for a 1 GiB input that is never read"
    assert f"{SEED_ARTICLES} articles" in p.stdout


def test_row03_a_fifo_in_a_folder_is_named_and_skipped(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    os.mkfifo(d / "pipe.txt")
    p = _cli("build", str(d), "--out", str(tmp_path / "out"), "--no-store", timeout=120)
    assert p.returncode == 1, p.stderr
    assert f"mzgraph: skipped {d}/pipe.txt: not a regular file (a FIFO)" in p.stderr.splitlines()
    assert f"{SEED_ARTICLES} articles" in p.stdout


def test_row03_a_fifo_given_directly_does_not_hang(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    os.mkfifo(tmp_path / "pipe.txt")
    p = _cli("build", str(d / "ok.txt"), str(tmp_path / "pipe.txt"), "--out", str(tmp_path / "out"), "--no-store",
             timeout=120)
    assert p.returncode == 1, p.stderr
    assert f"mzgraph: skipped {tmp_path}/pipe.txt: not a regular file (a FIFO)" in p.stderr.splitlines()


def test_row03_an_endless_device_is_skipped_without_reading(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    p = _cli("build", str(d / "ok.txt"), "/dev/zero", "--out", str(tmp_path / "out"), "--no-store", timeout=120,
             memory_mb=4096)  # without the check, reading /dev/zero whole would take every byte of memory
    assert p.returncode == 1, p.stderr
    assert "mzgraph: skipped /dev/zero: not a regular file (a character device)" in p.stderr.splitlines()


def test_row03_a_socket_is_named_and_skipped(tmp_path):
    d = _corpus(tmp_path / "d", ["ok.txt"])
    short = Path(f"/tmp/mzs{os.getpid()}")  # a socket path must be short
    short.mkdir(exist_ok=True)
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(short / "s.txt"))
        os.symlink(short / "s.txt", d / "sock.txt")
        p = _cli("build", str(d), "--out", str(tmp_path / "out"), "--no-store", timeout=120)
        sock.close()
    finally:
        shutil.rmtree(short, ignore_errors=True)
    assert p.returncode == 1, p.stderr
    assert f"mzgraph: skipped {d}/sock.txt: not a regular file (a socket)" in p.stderr.splitlines()


def test_row03_the_cache_key_is_hashed_in_a_stream_and_stops_after_the_cap(tmp_path):
    from mzgraph.pipeline.cache import file_key
    from mzgraph.pipeline.plan import source_key

    f = tmp_path / "a.txt"
    f.write_bytes(SEED)
    assert source_key("a.txt", f, len(SEED)) == file_key(f, SEED)  # same key as before for a flat folder
    assert source_key("a.txt", f, 10) == file_key(f, SEED[:11])  # never more than the cap + 1 bytes


# --- row 4: missing or empty inputs publish nothing -----------------------------------------------------------


def test_row04_a_mistyped_input_is_one_line_and_keeps_the_previous_build(previous, tmp_path, capsys):
    before = _graph_bytes(previous)
    code = main(["build", str(tmp_path / "no-such-dir"), "--out", str(previous)])
    assert code == 2
    line = _one_line(capsys.readouterr().err)
    assert f"{tmp_path / 'no-such-dir'}: no such file or folder" in line
    assert _graph_bytes(previous) == before


def test_row04_a_mistyped_input_creates_no_output_folder(tmp_path):
    from mzgraph.pipeline import build

    with pytest.raises(MzgraphError, match="no-such-dir: no such file or folder"):
        build([tmp_path / "no-such-dir"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_row04_an_empty_folder_keeps_the_previous_build(previous, tmp_path, capsys):
    before = _graph_bytes(previous)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.json").write_text("{}", encoding="utf-8")  # not an article file
    code = main(["build", str(tmp_path / "empty"), "--out", str(previous)])
    assert code == 2
    line = _one_line(capsys.readouterr().err)
    assert f"{tmp_path / 'empty'}: no article files" in line and "--allow-empty" in line
    assert _graph_bytes(previous) == before


def test_row04_inputs_that_all_fail_keep_the_previous_build(previous, tmp_path, capsys):
    before = _graph_bytes(previous)
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "nuls.txt").write_bytes(b"\x00" * 300)
    code = main(["build", str(d), "--out", str(previous)])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert lines[:2] == [f"mzgraph: skipped {d}/empty.txt: empty file", f"mzgraph: skipped {d}/nuls.txt: not text: "
                                                                          "binary content"], err
    assert len(lines) == 3 and "nothing published" in lines[2] and "Traceback" not in err, err
    assert _graph_bytes(previous) == before


def test_row04_allow_empty_publishes_the_ontology_alone(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code = main(["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--no-store", "--allow-empty"])
    assert code == 0, capsys.readouterr().err
    assert "0 files, 0 articles" in capsys.readouterr().out
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert len(g) > 0 and not list(g.subjects(RDF.type, MZ.Article))


# --- row 5: an unreadable subfolder is named, exit 1 ----------------------------------------------------------


def _unreadable_sub(tmp_path: Path) -> Path:
    base = Path(os.fspath(tmp_path))
    base.chmod(0o755)
    d = _corpus(base / "d", ["ok.txt", "sub/inner.txt"])
    (d / "sub").chmod(0)
    return d


@pytest.mark.skipif(IS_ROOT, reason="root reads a folder whatever its mode (the unshare test below runs as root)")
def test_row05_an_unreadable_subfolder_is_named_and_the_rest_is_built(tmp_path, capsys):
    d = _unreadable_sub(tmp_path)
    try:
        code = main(["build", str(d), "--out", str(tmp_path / "out"), "--no-store"])
    finally:
        (d / "sub").chmod(0o755)
    out, err = capsys.readouterr()
    assert code == 1, err
    assert f"mzgraph: skipped {d}/sub: cannot read folder: Permission denied" in err.splitlines()
    assert f"{SEED_ARTICLES} articles" in out


@pytest.mark.skipif(not IS_ROOT, reason="the test above covers a user without root's rights")
def test_row05_an_unreadable_subfolder_is_named_in_a_user_namespace(tmp_path):
    """As root, ``unshare --user`` gives a process without root's override of file modes."""
    if not _can_unshare():
        pytest.skip("no user namespaces here (unshare --user)")
    d = _unreadable_sub(tmp_path)
    try:
        p = _cli("build", str(d), "--out", str(tmp_path / "out"), "--no-store", prefix=("unshare", "--user"))
    finally:
        (d / "sub").chmod(0o755)
    assert p.returncode == 1, p.stderr
    assert f"mzgraph: skipped {d}/sub: cannot read folder: Permission denied" in p.stderr.splitlines()
    assert f"{SEED_ARTICLES} articles" in p.stdout


def test_row05_a_folder_the_walk_cannot_list_is_a_failure(tmp_path, monkeypatch):
    """The walk itself, for any user: listing one folder fails as an unreadable folder does."""
    from mzgraph.pipeline import build

    d = _corpus(tmp_path / "d", ["ok.txt", "sub/inner.txt"])
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, int):  # a folder opened by descriptor (shutil.rmtree): not the walk
            return real(path)
        if Path(os.fspath(path)) == d / "sub":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = build([d], tmp_path / "out", store=False)
    assert report.failures == [(str(d / "sub"), "cannot read folder: Permission denied")]
    assert report.articles == SEED_ARTICLES


# --- row 6: the output folder refuses: one line, nothing left behind -------------------------------------------


def test_row06_an_output_folder_on_proc_is_one_line(capsys):
    code = main(["build", str(SEED_FILE), "--out", "/proc/mzgraph-out", "--no-store"])
    assert code == 2
    assert "/proc/mzgraph-out" in _one_line(capsys.readouterr().err)


def test_row06_a_read_only_file_system_is_one_line(tmpfs, capsys):
    ro = tmpfs("1m", ro=True)
    code = main(["build", str(SEED_FILE), "--out", str(ro / "out"), "--no-store"])
    assert code == 2
    line = _one_line(capsys.readouterr().err)
    assert str(ro / "out") in line and "Read-only file system" in line


def test_row06_a_read_only_output_folder_is_one_line(tmp_path):
    base = Path(os.fspath(tmp_path))
    base.chmod(0o755)
    out = base / "out"
    out.mkdir(mode=0o555)
    prefix: tuple[str, ...] = ()
    if IS_ROOT:
        if not _can_unshare():
            pytest.skip("root writes into a read-only folder, and there are no user namespaces here")
        prefix = ("unshare", "--user")
    p = _cli("build", str(SEED_FILE), "--out", str(out), "--no-store", prefix=prefix)
    assert p.returncode == 2, p.stderr
    line = _one_line(p.stderr)
    assert str(out) in line and "Permission denied" in line


def test_row06_a_full_disk_is_one_line_and_leaves_the_previous_build_and_no_temp_files(tmpfs):
    """Fill the disk to different levels so the build runs out of room in different stages."""
    disk = tmpfs("24m")
    out = disk / "out"
    assert main(["build", str(SEED_FILE), "--out", str(out)]) == 0
    before = _graph_bytes(out)
    corpus = _corpus(disk.parent / "more", [f"{i:02d}.txt" for i in range(6)])
    failed, outcomes = 0, []
    for room_kb in (150, 400, 900, 1600, 2000, 2300, 2600, 4000):
        filler = disk / "filler"
        filler.unlink(missing_ok=True)
        free = shutil.disk_usage(disk).free
        with open(filler, "wb") as fh:
            fh.write(b"\0" * max(0, free - room_kb * 1024))
        p = _cli("build", str(corpus), "--out", str(out))
        outcomes.append((room_kb, p.returncode, p.stderr.strip()[-90:]))
        if p.returncode == 0:  # there was room enough: the next build starts from this one
            before = _graph_bytes(out)
            continue
        failed += 1
        assert p.returncode == 2, p.stderr
        assert "No space left on device" in _one_line(p.stderr)
        assert _graph_bytes(out) == before, f"graph.ttl changed by a failed build ({room_kb} KB free)"
        assert _leftovers(out) == [], f"left behind with {room_kb} KB free"
    print("full disk (KB free, exit, message):", outcomes)
    assert failed, f"the disk never filled: make the corpus larger {outcomes}"


def test_row06_an_atomic_write_on_a_full_disk_names_its_file_and_leaves_no_temp_file(tmpfs):
    from mzgraph.atomic import write_text

    disk = tmpfs("64k")
    target = disk / "graph.ttl"
    with pytest.raises(OSError) as caught:
        write_text(target, "x" * 200_000)
    assert caught.value.filename == str(target) and "No space left" in caught.value.strerror
    assert list(disk.iterdir()) == []


# --- row 7: one build at a time in an output folder -----------------------------------------------------------


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory) -> Path:
    """Enough files that a build without cache takes seconds."""
    return _corpus(tmp_path_factory.mktemp("slow"), [f"{i:03d}-news.txt" for i in range(SLOW_FILES)])


def _holder(out: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``proc`` holds the lock of ``out`` (its pid is written in OUT/.lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (out / ".lock").read_text().split() == [str(proc.pid)]:
                return
        except OSError:
            pass
        assert proc.poll() is None, "the first build ended before it was seen holding the lock"
        time.sleep(0.05)
    pytest.fail(f"{out}/.lock never named pid {proc.pid}")


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mzgraph.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_row07_no_wait_says_which_pid_holds_the_folder(slow_corpus, tmp_path):
    out = tmp_path / "out"
    first = _start("build", str(slow_corpus), "--out", str(out), "--no-store", "--no-cache")
    try:
        _holder(out, first)
        p = _cli("build", str(SEED_FILE), "--out", str(out), "--no-store", "--no-wait")
        assert first.poll() is None, "the first build ended before the second was refused"
    finally:
        _, first_err = first.communicate(timeout=600)
    assert p.returncode == 2, p.stderr
    assert f"another build (pid {first.pid})" in _one_line(p.stderr)
    assert first.returncode == 0, first_err
    assert len(_sources(out)) == SLOW_FILES * SEED_ARTICLES


def test_row07_two_builds_into_one_folder_take_turns(slow_corpus, tmp_path):
    out, clean_small, clean_big = tmp_path / "out", tmp_path / "clean-small", tmp_path / "clean-big"
    assert main(["build", str(SEED_FILE), "--out", str(clean_small)]) == 0
    assert main(["build", str(slow_corpus), "--out", str(clean_big), "--no-store"]) == 0
    allowed = {hashlib.sha256(_graph_bytes(clean_small)).hexdigest(): "small",
               hashlib.sha256(_graph_bytes(clean_big)).hexdigest(): "big"}
    big = _start("build", str(slow_corpus), "--out", str(out), "--no-cache")
    _holder(out, big)
    small = _start("build", str(SEED_FILE), "--out", str(out))
    seen: set[str] = set()
    while big.poll() is None or small.poll() is None:  # every graph published meanwhile is a whole one
        try:
            seen.add(hashlib.sha256(_graph_bytes(out)).hexdigest())
        except OSError:
            pass
        time.sleep(0.05)
    big_out, big_err = big.communicate()
    small_out, small_err = small.communicate()
    assert big.returncode == 0 and small.returncode == 0, (big_err, small_err)
    assert f"waiting: {out} is being built by pid {big.pid}" in small_err
    assert seen <= set(allowed), "a graph that is neither build's was published"
    assert _graph_bytes(out) == _graph_bytes(clean_small), "the build that waited must publish last"
    assert f"{SEED_ARTICLES} articles" in small_out and f"{SLOW_FILES * SEED_ARTICLES} articles" in big_out
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_store = [_cli("query", str(o), count, "--format", "csv").stdout for o in (out, clean_small)]
    assert in_store[0] == in_store[1], "the store does not hold the published graph"


def test_row07_the_lock_is_exclusive_within_one_process_too(tmp_path):
    from mzgraph.pipeline.lock import OutputBusy, hold

    with hold(tmp_path / "out"):
        with pytest.raises(OutputBusy, match=rf"another build \(pid {os.getpid()}\)"):
            with hold(tmp_path / "out", wait=False):
                pass
    with hold(tmp_path / "out", wait=False):  # released when the block ends
        pass


# --- row 18: Unix manners -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_row18_export_to_a_closed_pipe_ends_quietly(seed_dir, fmt):
    proc = subprocess.Popen([sys.executable, "-m", "mzgraph.cli", "export", str(seed_dir), "-f", fmt, "-o", "-"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first
    assert err == "" and proc.returncode == 0, (proc.returncode, err)


def test_row18_build_into_a_regular_file_is_one_line(tmp_path, capsys):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code = main(["build", str(SEED_FILE), "--out", str(tmp_path / "afile"), "--no-store"])
    assert code == 2
    assert f"{tmp_path / 'afile'}: not a folder" in _one_line(capsys.readouterr().err)
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_row18_stats_of_a_text_file_is_one_line_without_raw_bytes(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    code = main(["stats", str(tmp_path / "a.txt")])
    assert code == 2
    line = _one_line(capsys.readouterr().err)
    assert "a.txt" in line and "b'" not in line and "hello" not in line


def test_row18_an_error_of_the_system_is_one_line(tmp_path, capsys, monkeypatch):
    """An OSError no command expected still ends as one line naming its path, exit 2."""
    import mzgraph.commands.stats as stats

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(stats, "load_graph", refuse)
    (tmp_path / "g.ttl").write_text("", encoding="utf-8")
    assert main(["stats", str(tmp_path / "g.ttl")]) == 2
    assert _one_line(capsys.readouterr().err) == f"mzgraph: {tmp_path / 'g.ttl'}: Permission denied"


# --- row 19: source is the path relative to the folder given --------------------------------------------------


def test_row19_the_same_name_in_two_folders_gives_two_articles(tmp_path):
    d = _corpus(tmp_path / "d", ["2023/news.txt", "2024/news.txt"])
    assert main(["build", str(d), "--out", str(tmp_path / "out"), "--no-store"]) == 0
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    by_source = {}
    for article in g.subjects(RDF.type, MZ.Article):
        by_source.setdefault(str(g.value(article, MZ.sourceFile)), set()).add(article)
    assert sorted(by_source) == ["2023/news.txt", "2024/news.txt"]
    assert all(len(arts) == SEED_ARTICLES for arts in by_source.values())
    assert not by_source["2023/news.txt"] & by_source["2024/news.txt"]


def test_row19_named_queries_give_the_relative_path(tmp_path, capsys):
    d = _corpus(tmp_path / "d", ["2023/news.txt", "flat.txt"])
    assert main(["build", str(d), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert main(["query", str(tmp_path / "out"), "--name", "meetings", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    header = rows[0].split(",")
    sources = {row.split(",")[header.index("source")] for row in rows[1:]}
    assert sources == {"2023/news.txt", "flat.txt"}


def test_row19_a_flat_folder_and_a_file_given_directly_keep_names_and_iris(tmp_path):
    from mzgraph.rdf.iri import mint_str

    d = _corpus(tmp_path / "d", ["flat.txt", "sub/inner.txt"])
    assert main(["build", str(d / "flat.txt"), str(d / "sub" / "inner.txt"), "--out", str(tmp_path / "out"),
                 "--no-store"]) == 0
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    for name in ("flat.txt", "inner.txt"):
        articles = {a for a in g.subjects(MZ.sourceFile, Literal(name)) if (a, RDF.type, MZ.Article) in g}
        assert articles == {URIRef(mint_str("article", name, i)) for i in range(SEED_ARTICLES)}


def test_a_broken_data_file_is_one_line_naming_it_with_two_processes(tmp_path):
    """A duplicate id in a packaged data file stops the build with the file and line, not with a pool
    whose workers died (the lexicon is loaded before the workers start)."""
    import mzgraph

    pkg = tmp_path / "site" / "mzgraph"
    shutil.copytree(Path(mzgraph.__file__).parent, pkg, symlinks=False,
                    ignore=shutil.ignore_patterns("__pycache__"))
    data = pkg / "data" / "org_brand_suffixes.tsv"
    first = next(ln for ln in data.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith(("#", "id\t")))
    data.write_text(data.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"a{i}.txt").write_text(f"某市民政局召开会议\n{i + 1}日，扬州市民政局召开会议。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    p = subprocess.run([sys.executable, "-m", "mzgraph.cli", "build", str(corpus), "--out", str(tmp_path / "out"),
                        "--jobs", "2", "--no-store"], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode != 0
    assert "org_brand_suffixes.tsv:" in p.stderr and "duplicate id" in p.stderr, p.stderr
    assert "BrokenProcessPool" not in p.stderr and "Traceback" not in p.stderr, p.stderr
