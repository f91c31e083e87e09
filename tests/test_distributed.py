"""`eventcoder ingest --engine dask` on real clusters: a LocalCluster, and a `dask scheduler`
with `dask worker` processes started here on 127.0.0.1 (free ports); a worker killed by
its pid mid-run; the cluster lost mid-run; the event lake read by pyarrow, DuckDB,
pandas and Dask; every error case one clear line.

The clusters load the model once per worker (seconds each on the shared 2-core
machine), so one real cluster serves the whole module (:class:`Clusters` starts a new
one only when a test has destroyed it), and the serial reference database is built once.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="needs eventcoder[dask]")
pytest.importorskip("pyarrow", reason="needs eventcoder[dask]")

from eventcoder.cli import main  # noqa: E402
from eventcoder.distributed import DaskSettings, ingest_dask, ingest_lake  # noqa: E402
from eventcoder.errors import ResourceNotFound  # noqa: E402
from eventcoder.lake import Lake  # noqa: E402
from eventcoder.store import ingest  # noqa: E402

N_ARTICLES = 200
BIN = Path(sys.executable).parent


def _content(path) -> dict[str, list]:
    """The database minus what depends on when and how the run went (coded_at, meta, row ids
    of the roll-up, which follow set order): documents, mentions (with their ids),
    roll-up rows and summaries."""
    conn = sqlite3.connect(path)
    try:
        return {
            "documents": conn.execute(
                "SELECT doc_id, content_hash, status, error, title, publisher, published, url, source_path, metadata, "
                "text, n_events, coder FROM documents ORDER BY doc_id"
            ).fetchall(),
            "mentions": conn.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
            "events": conn.execute(
                "SELECT date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, mentions, articles, "
                "sources, first_mention FROM events ORDER BY date, source_code, target_code, cameo"
            ).fetchall(),
            "dyad_month": conn.execute("SELECT * FROM dyad_month ORDER BY 1, 2, 3, 4").fetchall(),
        }
    finally:
        conn.close()


def _files(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``: content hash and modification time (ns)."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "eventcoder"), *args], capture_output=True, text=True, timeout=300)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def corpus(shared_dir, tmp_path_factory) -> Path:
    """The first 200 Wikinews politics articles."""
    source = shared_dir / "corpora" / "wikinews_politics.jsonl"
    if not source.exists():
        pytest.skip(f"{source} not found")
    path = tmp_path_factory.mktemp("corpus") / "wikinews200.jsonl"
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(N_ARTICLES), src, strict=False):
            out.write(line)
    return path


@pytest.fixture(scope="module")
def serial_db(corpus, resources, tmp_path_factory) -> Path:
    """The reference: a serial ingest in this process."""
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    summary = ingest([str(corpus)], db, resources=resources, progress=False)
    assert summary.coded > 150 and summary.events_written > 300
    return db


class RealCluster:
    """`dask scheduler` and N `dask worker` processes (each with its nanny) on 127.0.0.1."""

    def __init__(self, folder: Path, n_workers: int) -> None:
        self.folder = folder
        self.log = (folder / "cluster.log").open("ab")
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.scheduler = subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=self.log, stderr=self.log,
        )
        self.workers = [
            subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard", "--death-timeout", "20", "--memory-limit", "0"],
                stdout=self.log, stderr=self.log,
            )
            for _ in range(n_workers)
        ]
        self.client = distributed.Client(self.address, timeout=30, set_as_default=False)
        self.client.wait_for_workers(n_workers, timeout=60)
        self.worker_pids_seen: set[int] = set()

    def worker_pids(self) -> dict[str, int]:
        """Worker address -> pid of the worker process (the nanny's child)."""
        pids = self.client.run(os.getpid)
        self.worker_pids_seen.update(pids.values())
        return pids

    def chunks_coded(self) -> dict[str, int]:
        """Worker address -> chunks its eventcoder plugin has coded (0 before the first run)."""
        from eventcoder.distributed._worker import plugin_name
        from eventcoder.pipeline import CODER, CodingSettings

        name = plugin_name(CODER, CodingSettings())

        def count(dask_worker) -> int:
            plugin = dask_worker.plugins.get(name)
            return getattr(plugin, "chunks", 0)

        return self.client.run(count)

    def alive(self) -> bool:
        return self.scheduler.poll() is None and self.client.status == "running"

    def kill(self) -> None:
        """The whole cluster disappears: scheduler, nannies and workers, SIGKILL."""
        pids = set(self.worker_pids_seen)
        for proc in [self.scheduler, *self.workers]:
            if proc.poll() is None:
                proc.kill()
        for pid in pids:  # worker processes whose nanny was killed
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for proc in [self.scheduler, *self.workers]:
            proc.wait(timeout=30)

    def close(self) -> None:
        try:
            if self.alive():
                self.worker_pids()
        except Exception:  # noqa: BLE001 -- closing a cluster a test may have broken
            pass
        self.client.close(timeout=5)
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.kill()
        self.log.close()


class Clusters:
    """One live two-worker cluster for the module; a new one after a test destroyed it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.current: RealCluster | None = None

    def get(self) -> RealCluster:
        if self.current is None or not self.current.alive():
            if self.current is not None:
                self.current.close()
            self.current = RealCluster(self.folder, 2)
        self.current.client.wait_for_workers(2, timeout=60)  # a killed worker is back (its nanny restarts it)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.close()


@pytest.fixture(scope="module")
def clusters(tmp_path_factory):
    if not (BIN / "dask").exists():
        pytest.skip("the `dask` command is not installed (eventcoder[dask])")
    registry = Clusters(tmp_path_factory.mktemp("cluster"))
    yield registry
    registry.close()


class Killer(threading.Thread):
    """Kills (SIGKILL, by pid) a worker that is coding a chunk once ``ready()`` holds."""

    def __init__(self, cluster: RealCluster, ready: Callable[[], bool]) -> None:
        super().__init__(daemon=True)
        self.cluster, self.ready = cluster, ready
        self.pids = cluster.worker_pids()
        self.killed: int | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + 120
        while not self.stop.is_set() and time.monotonic() < deadline:
            if self.ready():
                busy = [addr for addr, keys in self.cluster.client.processing().items() if keys and addr in self.pids]
                if busy:
                    self.killed = self.pids[busy[0]]
                    os.kill(self.killed, signal.SIGKILL)
                    return
            time.sleep(0.05)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=0.1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


# ------------------------------------------------------------------ same database as serial
@pytest.mark.model
def test_distributed_local_cluster_gives_the_serial_database(corpus, serial_db, tmp_path):
    db = tmp_path / "local.db"
    summary = ingest_dask([str(corpus)], db, cluster=DaskSettings(workers=2), progress=False)
    assert summary.failed == 0 and summary.coded + summary.unchanged == summary.articles
    assert _content(db) == _content(serial_db)


@pytest.mark.model
def test_distributed_real_scheduler_and_workers_give_the_serial_database(corpus, serial_db, clusters, tmp_path):
    cluster = clusters.get()
    db = tmp_path / "real.db"
    before = cluster.chunks_coded()
    result = _cli("ingest", str(corpus), "--engine", "dask", "--scheduler", cluster.address, "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "200 articles" in result.stderr and "0 errors" in result.stderr
    assert _content(db) == _content(serial_db)
    # both worker processes coded chunks
    after = cluster.chunks_coded()
    assert len(after) == 2 and all(n > before.get(addr, 0) for addr, n in after.items()), (before, after)
    assert sum(after.values()) - sum(before.values()) == 13  # 200 articles in chunks of 16


@pytest.fixture(scope="module")
def small(corpus, resources, tmp_path_factory) -> tuple[Path, Path]:
    """The first 48 articles and their serial database (for the fault tests)."""
    folder = tmp_path_factory.mktemp("small")
    path = folder / "wikinews48.jsonl"
    path.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:48]), encoding="utf-8")
    db = folder / "serial48.db"
    ingest([str(path)], db, resources=resources, progress=False, chunk_size=4)
    return path, db


@pytest.mark.model
def test_distributed_worker_killed_mid_run_changes_nothing(small, clusters, tmp_path):
    corpus, serial = small
    cluster = clusters.get()
    db = tmp_path / "killed.db"
    killer = Killer(cluster, ready=lambda: _stored(db) >= 8)  # two chunks written, four in flight
    killer.start()
    try:
        summary = ingest_dask([str(corpus)], db, cluster=DaskSettings(scheduler=cluster.address), progress=False,
                              chunk_size=4)
    finally:
        killer.stop.set()
        killer.join()
    assert killer.killed is not None, "the run ended before a worker could be killed"
    with pytest.raises(ProcessLookupError):
        os.kill(killer.killed, 0)
    assert summary.failed == 0 and summary.coded == summary.articles == 48
    assert _content(db) == _content(serial)


# ------------------------------------------------------------------ the lake
@pytest.fixture(scope="module")
def lake_run(small, clusters, tmp_path_factory):
    """A lake of the 48 articles, in chunks of 6, a worker killed by its pid mid-run."""
    corpus, _ = small
    cluster = clusters.get()
    lake = tmp_path_factory.mktemp("lake") / "lake"
    killer = Killer(cluster, ready=lambda: Lake(lake).exists() and len(Lake(lake).finished()) >= 1)
    killer.start()
    try:
        summary = ingest_lake([str(corpus)], lake, cluster=DaskSettings(scheduler=cluster.address), chunk_size=6,
                              progress=False)
    finally:
        killer.stop.set()
        killer.join()
    assert killer.killed is not None, "the run ended before a worker could be killed"
    return corpus, lake, summary


def _store_counts(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        return {
            "events": conn.execute("SELECT count(*) FROM mentions").fetchone()[0],
            "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "failed": conn.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0],
            "by_month": sorted(
                conn.execute(
                    "SELECT CASE WHEN length(date) >= 4 THEN CAST(substr(date, 1, 4) AS INTEGER) ELSE 0 END, "
                    "CASE WHEN length(date) >= 7 THEN CAST(substr(date, 6, 2) AS INTEGER) ELSE 0 END, count(*) "
                    "FROM mentions GROUP BY 1, 2"
                ).fetchall(),
                key=str,
            ),
            "negated": conn.execute("SELECT count(*) FROM mentions WHERE negated").fetchone()[0],
            "by_root": sorted(conn.execute("SELECT cameo_root, count(*) FROM mentions GROUP BY 1").fetchall()),
        }
    finally:
        conn.close()


@pytest.mark.model
def test_distributed_lake_counts_equal_the_store(lake_run, small):
    _, lake, summary = lake_run
    _, serial_db = small
    expected = _store_counts(serial_db)
    assert summary.events_written == expected["events"] and summary.failed == expected["failed"]

    import pyarrow.dataset as ds

    events = ds.dataset(lake, format="parquet", partitioning="hive").to_table()
    documents = ds.dataset(lake / "_documents", format="parquet").to_table()
    rows = events.group_by(["year", "month"]).aggregate([("event_id", "count")]).to_pylist()
    arrow = {
        "events": events.num_rows,
        "documents": documents.num_rows,
        "failed": sum(1 for s in documents.column("status").to_pylist() if s == "failed"),
        "by_month": sorted(((r["year"], r["month"], r["event_id_count"]) for r in rows), key=str),
        "negated": sum(events.column("negated").to_pylist()),
        "by_root": sorted(events.group_by("cameo_root").aggregate([("event_id", "count")]).to_pylist(),
                          key=lambda r: r["cameo_root"]),
    }
    arrow["by_root"] = [(r["cameo_root"], r["event_id_count"]) for r in arrow["by_root"]]
    assert arrow == expected

    duckdb = pytest.importorskip("duckdb")
    glob = f"{lake}/year=*/month=*/*.parquet"
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*), count(DISTINCT event_id) FROM read_parquet('{glob}')").fetchone() == (
        expected["events"], len({r[0] for r in sqlite3.connect(serial_db).execute("SELECT event_id FROM mentions")}))
    by_month = con.execute(  # as docs/scale.md reads it: partition values typed, else '09' stays text
        f"SELECT year, month, count(*) FROM read_parquet('{glob}', hive_partitioning = true, "
        "hive_types = {'year': INTEGER, 'month': INTEGER}) GROUP BY ALL"
    ).fetchall()
    assert sorted(by_month, key=str) == expected["by_month"]
    assert con.execute(f"SELECT count(*) FROM read_parquet('{lake}/_documents/*.parquet')").fetchone()[0] == expected[
        "documents"]

    import pandas as pd

    assert len(pd.read_parquet(lake)) == expected["events"]
    dd = pytest.importorskip("dask.dataframe")
    with warnings.catch_warnings():  # dask's own use of pandas APIs that pandas deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        frame = dd.read_parquet(glob).compute()  # a glob: Dask's own listing would take in _documents/
    assert len(frame) == expected["events"]
    assert sorted(frame.groupby(["year", "month"], observed=True).size().items()) == sorted(
        ((int(y), int(m)), n) for y, m, n in expected["by_month"])


@pytest.mark.model
def test_distributed_lake_load_gives_the_serial_database(lake_run, small, tmp_path):
    _, lake, _ = lake_run
    _, serial_db = small
    db = tmp_path / "loaded.db"
    result = _cli("lake", "load", str(lake), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert _content(db) == _content(serial_db)


@pytest.mark.model
def test_distributed_lake_rerun_skips_finished_chunks_and_rewrites_the_same_files(lake_run, clusters):
    corpus, lake, first = lake_run
    before = _files(lake)
    entries = Lake(lake).entries()
    assert len(entries) == 8 and [e.index for e in entries] == list(range(8))
    assert not [name for name in before if name.rsplit("/", 1)[-1].startswith(".")]  # no temporary file left
    cluster = clusters.get()
    # the same input again: every chunk is in the manifest, nothing is coded or touched
    nowhere = DaskSettings(scheduler=f"tcp://127.0.0.1:{_free_port()}", connect_timeout=0.5)  # not needed
    rerun = ingest_lake([str(corpus)], lake, cluster=nowhere, progress=False)
    assert (rerun.coded, rerun.failed, rerun.unchanged) == (0, 0, first.coded + first.failed)
    assert _files(lake) == before

    # two chunks lost (manifest entries and files): written again, byte for byte
    lost = entries[1::4]
    for entry in lost:
        (lake / "_manifest" / f"{entry.key}.json").unlink()
        for rel in entry.files:
            (lake / rel).unlink()
    redo = ingest_lake([str(corpus)], lake, cluster=DaskSettings(scheduler=cluster.address), progress=False)
    assert redo.coded + redo.failed == sum(e.documents for e in lost) == 12
    assert redo.unchanged == first.coded + first.failed - 12
    after = _files(lake)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    rewritten = {f"_manifest/{e.key}.json" for e in lost} | {r for e in lost for r in e.files}
    assert all(after[name][1] == before[name][1] for name in set(before) - rewritten)


# ------------------------------------------------------------------ faults: one clear line, exit != 0
@pytest.mark.parametrize(
    "address", ["tcp//127.0.0.1:8786", "foo://127.0.0.1:8786", "127.0.0.1:notaport", "tcp://127.0.0.1:99999", "tcp://:8786"]
)
def test_distributed_malformed_scheduler_address(address, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--engine", "dask", "--scheduler", address,
                                       "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    line = _one_line_error(result.stderr)
    assert "scheduler" in line and "tcp://HOST:PORT" in line
    assert not (tmp_path / "x.db").exists()


def _one_article(tmp_path: Path) -> Path:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "The minister met the envoy.", "date": "2022-09-28"}) + "\n")
    return corpus


@pytest.mark.parametrize("lake", [False, True])
def test_distributed_unreachable_scheduler(tmp_path, lake):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    sink = ["--lake", str(tmp_path / "lake")] if lake else ["--db", str(tmp_path / "x.db")]
    result = CliRunner().invoke(main, ["ingest", str(_one_article(tmp_path)), "--engine", "dask", "--scheduler",
                                       address, "--connect-timeout", "1", *sink])
    assert result.exit_code == 1
    assert "cannot reach the scheduler at " + address in _one_line_error(result.stderr)
    if lake:
        assert [p for p in (tmp_path / "lake").rglob("*.parquet")] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["--lake", "L"], "--lake needs --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], "--workers sizes a local cluster"),
        (["--engine", "dask", "--lake", "L", "--db", "x.db"], "instead of the database"),
        (["--engine", "dask", "--lake", "L", "--retry-failed"], "--retry-failed and --recode apply to the database"),
    ],
)
def test_distributed_cli_usage_errors(args, message, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_distributed_missing_dask_says_how_to_install(monkeypatch):
    import eventcoder.distributed as package

    for name in [m for m in sys.modules if m.startswith("eventcoder.distributed.")]:
        monkeypatch.delitem(sys.modules, name)
        monkeypatch.delattr(package, name.rsplit(".", 1)[1], raising=False)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(ResourceNotFound, match=r"pip install 'eventcoder\[dask\]'"):
        package.ingest_dask(["x"], "x.db")


def test_distributed_lake_folder_not_writable(tmp_path):
    (tmp_path / "file").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--engine", "dask", "--lake", str(tmp_path / "file" / "lake")])
    assert result.exit_code == 1
    assert "cannot write the lake" in _one_line_error(result.stderr)


def test_distributed_lake_on_a_read_only_filesystem(tmp_path):
    """Root ignores permission bits, so the folder is a read-only bind mount (a private
    mount namespace: nothing outside this test sees it)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro {ro} {ro} && ! touch {ro}/x"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.strip()[:200]}")
    corpus = _one_article(tmp_path)
    script = (f"mount --bind -o ro {ro} {ro} && exec {BIN / 'eventcoder'} ingest {corpus} --engine dask "
              f"--lake {ro / 'lake'}")
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    line = _one_line_error(result.stderr)
    assert "cannot write the lake" in line and "Read-only file system" in line
    assert list(ro.iterdir()) == []


@pytest.mark.model
def test_distributed_lake_workers_cannot_write(small, clusters, tmp_path):
    """The driver can prepare the lake but the workers cannot write their chunks into it."""
    corpus, serial_db = small
    cluster = clusters.get()
    lake = tmp_path / "lake"
    Lake.prepare(lake, chunk_size=2, coder=_coder())  # small chunks: little coding before the failure
    with sqlite3.connect(serial_db) as conn:
        years = {d[:4] for (d,) in conn.execute("SELECT DISTINCT date FROM mentions WHERE date != ''")}
    for year in years:  # where the partition folders would go: files, so mkdir fails
        (lake / f"year={year}").write_text("in the way")
    (lake / "year=0000").write_text("in the way")
    result = _cli("ingest", str(corpus), "--engine", "dask", "--scheduler", cluster.address, "--lake", str(lake))
    assert result.returncode == 1
    line = _one_line_error(result.stderr)
    assert "cannot write chunk" in line and "check that every worker can write there" in line
    # chunks without events (only a documents file) may have finished; no other file is visible
    entries = Lake(lake).entries()
    assert all(e.events == 0 for e in entries) and len(entries) < 24
    visible = {p.relative_to(lake).as_posix() for p in lake.rglob("*.parquet")}
    assert visible == {rel for e in entries for rel in e.files}


@pytest.mark.model
def test_distributed_cluster_lost_mid_run(corpus, clusters, tmp_path):
    """Scheduler and workers killed while a lake is written: one line, exit 1, only whole
    chunks visible; the database variant keeps whole chunks by its transactions."""
    cluster = clusters.get()
    lake = tmp_path / "lake"
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [str(BIN / "eventcoder"), "ingest", str(corpus), "--engine", "dask", "--scheduler", cluster.address,
             "--lake", str(lake), "--chunk-size", "5"],
            stderr=err, stdout=subprocess.DEVNULL, text=True,
        )
    cluster.worker_pids()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if Lake(lake).exists() and len(Lake(lake).finished()) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"the run ended before the cluster could be killed: {log.read_text()[-2000:]}"
    cluster.kill()
    assert proc.wait(timeout=120) == 1
    line = _one_line_error(log.read_text())
    assert "lost the scheduler at" in line and "rerun the same command" in line
    entries = Lake(lake).entries()
    assert 2 <= len(entries) < N_ARTICLES // 5
    listed = {rel for e in entries for rel in e.files}
    visible = {p.relative_to(lake).as_posix() for p in lake.rglob("*.parquet")}
    assert visible == listed
    assert all((lake / rel).exists() for rel in listed)


def _coder() -> str:
    """The lake's coder, as `ingest --lake` records it: the version and the coder settings."""
    import dataclasses

    from eventcoder.pipeline import CODER, CodingSettings

    return f"{CODER} {json.dumps(dataclasses.asdict(CodingSettings()), sort_keys=True, default=str)}"


def test_distributed_local_cluster_takes_no_fixed_port():
    # the scheduler's HTTP routes listen on a free port, not Dask's default 8787, which
    # another cluster on the machine (a notebook's, a second run) may hold
    from eventcoder.distributed._engine import connect

    with connect(DaskSettings(workers=1)) as (client, _):
        port = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.http_server.port)
    assert port != 8787
