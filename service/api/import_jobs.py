"""Background imports over HTTP: a job per upload, its phase and row counts, its final answer.

``POST /registry/import?background=true`` answers 202 at once with a job; the job reads the file in a
child process and checks every row, as the synchronous import does, then writes in batches with
``import_in_batches`` (the CLI's ``--batch-rows`` path, and its progress callback). Nothing is written
unless every row is good; a store failure part way says how far it got (IMPORT_INTERRUPTED).

The registry belongs to the app's lifespan (``app.state.import_jobs``): it keeps at most ``MAX_JOBS``
jobs (the oldest finished ones make room), runs at most ``MAX_RUNNING`` at once, forgets a finished job
after ``KEEP_S``, and cancels what still runs when the app stops. A job is seen only by the token that
started it; to anyone else it is NOT_FOUND, as an id that never existed.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from service.domain.actor import Actor
from service.errors import ServiceError, from_store
from service.registry.bundle import Progress
from service.storage.errors import StoreError
from service.storage.port import GraphStore

log = logging.getLogger(__name__)
MAX_JOBS = 32
MAX_RUNNING = 2
KEEP_S = 3600.0
BATCH_ROWS = 2000
PHASES = {  # phase -> (English, Persian)
    "reading": ("reading the file", "در حال خواندن پرونده"),
    "checking": ("checking every row", "در حال بررسی ردیف‌ها"),
    "writing": ("writing to the registry", "در حال نوشتن در ثبت"),
    "done": ("done", "انجام شد"),
    "failed": ("failed: nothing imported, or see the error", "ناموفق"),
}


def owner_of(actor: Actor) -> str:
    """What a job is kept for: the token's id (an actor without a token, by its name)."""
    return f"token:{actor.token_id}" if actor.token_id else f"name:{actor.name}"


@dataclass
class ImportJob:
    id: str
    owner: str
    filename: str
    phase: str = "reading"
    read: int = 0
    checked: int = 0
    total: int = 0
    written: int = 0
    to_write: int = 0
    status: int | None = None  # the synchronous import's status code, once finished
    result: dict[str, Any] | None = None  # the synchronous import's body, once finished
    started: float = field(default_factory=time.time)
    finished: float | None = None
    task: asyncio.Task[None] | None = None

    def on_checked(self, _: str, done: int, total: int) -> None:
        self.checked, self.total = done, total

    def on_written(self, _: str, done: int, total: int) -> None:
        self.phase, self.written, self.to_write = "writing", done, total

    def finish(self, status: int, result: dict[str, Any]) -> None:
        self.phase = "done" if status == 200 else "failed"
        self.status, self.result, self.finished = status, result, time.time()

    def as_dict(self) -> dict[str, Any]:
        en, fa = PHASES[self.phase]
        return {
            "id": self.id, "file": self.filename, "phase": self.phase, "phaseEn": en, "phaseFa": fa,
            "rows": {"read": self.read, "checked": self.checked, "total": self.total,
                     "written": self.written, "toWrite": self.to_write},
            "startedAt": _iso(self.started), "finishedAt": _iso(self.finished) if self.finished else None,
            "status": self.status, "result": self.result,
        }  # fmt: skip


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def _not_found() -> ServiceError:
    return ServiceError("NOT_FOUND", "no such import job", "چنین کار درون‌ریزی‌ای نیست", field="id", status=404)


class ImportJobs:
    """The lifespan's jobs; every method runs on the event loop (the counters are set from a worker
    thread too, as plain attribute writes)."""

    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}

    def get(self, job_id: str, actor: Actor) -> ImportJob:
        self._forget_old()
        job = self._jobs.get(job_id)
        if job is None or job.owner != owner_of(actor):
            raise _not_found()
        return job

    def start(self, store: GraphStore, actor: Actor, filename: str, data: bytes, sheet: str | None, limits: Any) -> ImportJob:
        self._forget_old()
        running = [j for j in self._jobs.values() if j.finished is None]
        if len(running) >= MAX_RUNNING:
            raise ServiceError(
                "IMPORT_BUSY", f"{MAX_RUNNING} imports are running; try again when one has finished",
                f"{MAX_RUNNING} درون‌ریزی در جریان است؛ پس از پایان یکی دوباره بفرستید", status=429,
            )  # fmt: skip
        finished = sorted((j for j in self._jobs.values() if j.finished is not None), key=lambda j: j.started)
        for old in finished[: max(0, len(self._jobs) + 1 - MAX_JOBS)]:
            del self._jobs[old.id]
        job = ImportJob(secrets.token_urlsafe(12), owner_of(actor), filename)
        self._jobs[job.id] = job
        job.task = asyncio.create_task(_run(job, store, actor, filename, data, sheet, limits))
        return job

    def _forget_old(self) -> None:
        now = time.time()
        for job in [j for j in self._jobs.values() if j.finished is not None and now - j.finished > KEEP_S]:
            del self._jobs[job.id]

    async def close(self) -> None:
        """Cancel what still runs (the app is stopping) and wait for it."""
        tasks = [j.task for j in self._jobs.values() if j.task is not None and not j.task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _run(job: ImportJob, store: GraphStore, actor: Actor, filename: str, data: bytes, sheet: str | None,
               limits: Any) -> None:  # fmt: skip
    from service.io.offload import read_upload
    from service.registry.bulk import import_in_batches

    try:
        bundle = await read_upload(filename, data, sheet, limits)
        del data
        job.read = job.total = sum(len(rows) for rows in bundle.values() if isinstance(rows, list))
        job.phase = "checking"
        checked: Progress = job.on_checked
        batched = await import_in_batches(store, bundle, actor, BATCH_ROWS, job.on_written, checked=checked, limits=limits)
        prepared = batched.prepared
        if prepared.problems:
            job.finish(422, {"imported": False, "problems": [p.as_dict() for p in prepared.problems]})
        else:
            job.finish(200, {"imported": True, "counts": prepared.counts})
    except ServiceError as exc:
        job.finish(exc.status, {"imported": False, "error": exc.extensions, "message": exc.message_en})
    except StoreError as exc:
        error = from_store(exc)
        job.finish(error.status, {"imported": False, "error": error.extensions, "message": error.message_en})
    except asyncio.CancelledError:
        job.finish(503, {"imported": False, "error": {"code": "IMPORT_CANCELLED", "messageEn": "the service stopped",
                                                       "messageFa": "سرویس متوقف شد"}})  # fmt: skip
        raise
    except Exception:  # a bug: logged, and the job says it failed rather than running for ever
        log.exception("background import %s failed", job.id)
        job.finish(500, {"imported": False, "error": {"code": "INTERNAL", "messageEn": "the import failed unexpectedly",
                                                       "messageFa": "درون‌ریزی با خطای پیش‌بینی‌نشده متوقف شد"}})  # fmt: skip
