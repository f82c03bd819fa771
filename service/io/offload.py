"""Read an uploaded file in a child process, so that parsing it cannot hold the service.

A worker thread was not enough: openpyxl and expat parse in long C calls that keep the GIL, and a
20k-row workbook read on a thread still stalled /healthz for 0.8 s (6.7 s on the event loop). A
child process has its own interpreter; it is forked from a forkserver that imported the readers once
(a fork costs milliseconds, not the 6 s of importing the service), is killed when it passes the
time cap, and its memory is capped too, so a zip bomb dies alone. Errors come back as
``ServiceError`` (rebuilt from plain values: exceptions with keyword-only arguments do not pickle).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
from multiprocessing.connection import Connection
from typing import Any

from service.errors import ServiceError
from service.io.workbook import ImportLimits, read_bundle_file

MEMORY_BYTES = 3 * 1024**3  # address space of the child: far above a 50k-row import, below the machine
_CONTEXT: Any = None


def _context() -> Any:
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["service.io.workbook"])
    return _CONTEXT


def _child(conn: Connection, filename: str, data: bytes, sheet: str | None, limits: ImportLimits) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        conn.send(("ok", read_bundle_file(filename, data, sheet, limits)))
    except ServiceError as exc:
        conn.send(("error", (exc.code, exc.message_en, exc.message_fa, exc.field, exc.status, exc.details)))
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


def _too_big(limits: ImportLimits, what: str) -> ServiceError:
    if what == "seconds":
        return limits.exceeded("seconds", limits.seconds or 0, "seconds of reading", "ثانیه خواندن")
    return ServiceError(
        "IMPORT_TOO_LARGE", f"reading the upload needed more than {MEMORY_BYTES:,} bytes of memory; split it",
        f"خواندن پرونده بیش از {MEMORY_BYTES:,} بایت حافظه می‌خواست؛ آن را تقسیم کنید",
        field="file", status=413, details={"limit": "memory", "max": MEMORY_BYTES},
    )  # fmt: skip


def _run(filename: str, data: bytes, sheet: str | None, limits: ImportLimits) -> Any:
    """Blocking: start the child, wait for its answer within the time cap (plus a margin), kill it past that."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, filename, data, sheet, limits), daemon=True)
    child.start()
    send.close()
    try:
        wait = (limits.seconds or 3600) + 5
        if not receive.poll(wait):
            raise _too_big(limits, "seconds")
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died without a word: killed for memory by the limit above
            raise _too_big(limits, "memory") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return value
    if kind == "memory":
        raise _too_big(limits, "memory")
    code, en, fa, field, status, details = value
    raise ServiceError(code, en, fa, field=field, status=status, details=details)


async def read_upload(filename: str, data: bytes, sheet: str | None, limits: ImportLimits) -> dict[str, list[dict[str, Any]]]:
    """``read_bundle_file`` in a child process; the event loop only waits (on a thread) for the answer."""
    bundle: dict[str, list[dict[str, Any]]] = await asyncio.to_thread(_run, filename, data, sheet, limits)
    return bundle
