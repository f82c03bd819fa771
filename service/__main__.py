"""Command line: ``python -m service serve | demo | export | import | analyze | token | backup | restore``."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from service.gc_tuning import tune_gc
from service.settings import Settings


def _serve(settings: Settings, _: argparse.Namespace) -> int:
    from service.early_start import early_start
    from service.portal.session import configured_secret

    configured_secret(settings)  # a production without its secret is refused before anything starts
    # then, before the app's imports (1.5 s): the store starts meanwhile (and a first start's demo
    # loads into it on the other core)

    with early_start(settings) as early:
        import uvicorn

        from service.app import create_app

        if settings.workers > 1:  # each worker imports service.asgi (settings from the same environment); the
            # first to open the embedded store's data dir starts it, the others attach
            uvicorn.run("service.asgi:app", host=settings.host, port=settings.port, workers=settings.workers, log_level="info",
                        ws_max_size=settings.max_body_bytes)  # fmt: skip
            return 0
        # a WebSocket message is held to the body limit too (uvicorn's default is 16 MiB)
        uvicorn.run(create_app(settings, early), host=settings.host, port=settings.port, log_level="info",
                    ws_max_size=settings.max_body_bytes)  # fmt: skip
    return 0


async def _with_store(settings: Settings, work: Any) -> Any:
    from service.storage.runtime import open_store

    runtime = await open_store(settings)
    try:
        await runtime.ready()
        return await work(runtime.store)
    finally:
        await runtime.close()


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from service.demo.loader import load_demo, load_demo_if_empty

    async def work(store: Any) -> int:
        if args.force:
            await store.wipe()
            await load_demo(store)
            print("demo loaded (store wiped first)")
        elif await load_demo_if_empty(store):
            print("demo loaded")
        else:
            print("the registry already has agencies; nothing loaded (use --force to replace them)")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from service.interop.exports import FORMATS
    from service.io.workbook import bundle_to_xlsx
    from service.registry.bundle import export_bundle

    if args.format in FORMATS:
        return _export_interop(settings, args)

    async def work(store: Any) -> int:
        bundle = await export_bundle(store)
        out = Path(args.output)
        if args.format == "xlsx":
            out.write_bytes(bundle_to_xlsx(bundle))
        else:
            out.write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"exported {sum(len(v) for v in bundle.values())} records to {out}")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


def _export_interop(settings: Settings, args: argparse.Namespace) -> int:
    from service.interop.exports import export_format

    filters = {k: getattr(args, k) for k in ("agency", "kind", "function", "exchange_kind", "year_from", "year_to")}

    async def work(store: Any) -> int:
        body = await export_format(store, args.format, include_archived=not args.live_only, **filters)
        out = Path(args.output)
        out.write_bytes(body) if isinstance(body, bytes) else out.write_text(body, encoding="utf-8")
        print(f"wrote {args.format} to {out}")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from service.io.workbook import read_bundle_file
    from service.registry.bundle import import_bundle

    async def work(store: Any) -> int:
        from service.interop.exports import guess_format, import_format

        path = Path(args.input)
        fmt = args.format or guess_format(path.name)
        if fmt:
            prepared = await import_format(store, fmt, path.read_bytes())
        elif args.batch_rows:
            from service.registry.bulk import import_in_batches

            def show(name: str, done: int, total: int) -> None:
                print(f"\r  written {done:,} of {total:,} rows ({done / total:.0%}), now {name}   ",
                      end="", file=sys.stderr, flush=True)  # fmt: skip

            print("validating every row first (nothing is written unless all are good)", file=sys.stderr)
            batched = await import_in_batches(store, read_bundle_file(path.name, path.read_bytes()),
                                              batch_rows=args.batch_rows, progress=show)  # fmt: skip
            print(file=sys.stderr)
            prepared = batched.prepared
        else:
            prepared = await import_bundle(store, read_bundle_file(path.name, path.read_bytes()))
        if prepared.problems:
            for p in prepared.problems:
                print(f"{p.sheet}:{p.row}:{p.column or '-'}: {p.reason}", file=sys.stderr)
            print(f"nothing imported: {len(prepared.problems)} problems", file=sys.stderr)
            return 1
        print(f"imported {prepared.counts}")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


@contextmanager
def _result_on_stdout() -> Iterator[IO[bytes]]:
    """Where the result goes when no file is named: the real stdout, while fd 1 points at stderr so
    that a library's stray print (HiGHS prints from C on some integer programmes) cannot land in the
    JSON or CSV. fd 1 is put back afterwards, whatever happened."""
    sys.stdout.flush()
    kept = os.dup(1)
    out: IO[bytes] | None = None
    try:
        os.dup2(2, 1)
        out = os.fdopen(os.dup(kept), "wb")
        yield out
    finally:
        if out is not None:
            with suppress(BrokenPipeError):  # what a reader that left did not take
                out.close()
        sys.stdout.flush()
        os.dup2(kept, 1)
        os.close(kept)


def _to_stdout(out: IO[bytes], write: Callable[[], object]) -> int:
    """0, or 141 when the reader of stdout went away (``| head``), as for a command SIGPIPE ended:
    never a traceback."""
    try:
        write()
        out.flush()
    except BrokenPipeError:
        return 141
    return 0


def _analyze(settings: Settings, args: argparse.Namespace) -> int:
    from service.analysis.runner import ANALYSES, WHOLE

    if args.format == "xlsx" and not args.output:
        print("xlsx needs --output FILE", file=sys.stderr)
        return 2
    run = ANALYSES if args.format == "csv" else WHOLE  # a CSV is the matrix alone: nothing computed on demand is read

    held: list[Any] = []

    async def work(store: Any) -> None:
        # kept beside the task, not returned by it: on Python 3.11 asyncio.run's exit looks up the SIGINT
        # handler it installed, whose repr names the finished main task and so reprs its result, a
        # city's whole duplication result (0.7 s of `analyze duplication`, measured with py-spy)
        print(f"running {args.name} ...", file=sys.stderr)
        held.append(await run[args.name](store, settings))

    with ExitStack() as stack:
        stdout = None if args.output else stack.enter_context(_result_on_stdout())
        asyncio.run(_with_store(settings, work))
        result = held[0]
        # imported once the analysis has run: its imports (scipy) then come while the store reads
        from service.analysis import export
        if args.format == "json":  # written as it is made (orjson, a record a line), never whole in memory
            if stdout is not None:  # a big list in two processes, once no other thread runs (export._fork_writer)
                return _to_stdout(stdout, lambda: export.write_json(result, stdout, workers=2))
            with Path(args.output).open("wb") as out:
                size = export.write_json(result, out, workers=2)
            print(f"wrote {args.output} ({size:,} bytes)", file=sys.stderr)
            return 0
        body = export.WRITERS[args.format](result)
        if stdout is not None:
            return _to_stdout(stdout, lambda: stdout.write(body if isinstance(body, bytes) else body.encode()))
        target = Path(args.output)
        target.write_bytes(body) if isinstance(body, bytes) else target.write_text(body, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
        return 0


def _token(settings: Settings, args: argparse.Namespace) -> int:
    from service.auth import tokens
    from service.domain.actor import Role

    async def work(store: Any) -> int:
        if args.action == "create":
            token, row = await tokens.create_token(store, Role(args.role), args.agency, args.name or args.role)
            print(f"{row['id']}\t{row['role']}\t{row.get('agencyId') or '-'}")
            print(f"token (shown once): {token}")
        elif args.action == "list":
            for row in await tokens.list_tokens(store):
                state = f"revoked {row['revokedAt']}" if row.get("revokedAt") else "live"
                print(f"{row['id']}\t{row['role']}\t{row.get('agencyId') or '-'}\t{row.get('name') or ''}\t{state}")
        else:
            row = await tokens.revoke_token(store, args.id)
            print(f"revoked {row['id']}")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    from service.errors import ServiceError
    from service.registry.backup import backup_lines, restore_lines, write_backup

    async def work(store: Any) -> int:
        if args.command == "backup":
            lines = await backup_lines(store)
            write_backup(Path(args.output), lines)
            print(f"wrote {len(lines)} lines to {args.output}")
        else:
            try:
                counts = await restore_lines(store, Path(args.input).read_text(encoding="utf-8").splitlines())
            except ServiceError as exc:
                print(f"restore refused: {exc.message_en}", file=sys.stderr)
                for problem in exc.details or []:
                    print(f"  {problem}", file=sys.stderr)
                return 1
            print(f"restored {sum(counts.values())} records")
        return 0

    return int(asyncio.run(_with_store(settings, work)))


def main(argv: list[str] | None = None) -> int:
    tune_gc()
    parser = argparse.ArgumentParser(prog="python -m service", description="Hamahang registry")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the API (store per HAMAHANG_GRAPH_URL)")
    demo = commands.add_parser("demo", help="load the Mashhad demo into an empty registry")
    demo.add_argument("--force", action="store_true", help="wipe the store first")
    export = commands.add_parser("export", help="write the registry to JSON, XLSX, GraphML, GEXF, FtM, OCDS or Popolo")
    export.add_argument("--format", choices=["json", "xlsx", "graphml", "gexf", "ftm", "ocds", "popolo"], default="json")
    export.add_argument("--output", "-o", required=True)
    export.add_argument("--agency", help="interop formats: this agency, its records and neighbours")
    export.add_argument("--kind", help="interop formats: agencies of this kind")
    export.add_argument("--function", help="interop formats: COFOG prefix of duties, e.g. 06")
    export.add_argument("--exchange-kind", dest="exchange_kind", choices=["financial", "service", "infrastructure"])
    export.add_argument("--year-from", dest="year_from", type=int, help="Jalali year, e.g. 1402")
    export.add_argument("--year-to", dest="year_to", type=int, help="Jalali year, e.g. 1403")
    export.add_argument("--live-only", dest="live_only", action="store_true", help="interop formats: leave archived records out")
    imp = commands.add_parser("import", help="import JSON, XLSX, CSV, GraphML, GEXF or FtM (all rows or none)")
    imp.add_argument("input")
    imp.add_argument("--format", choices=["graphml", "gexf", "ftm"], help="when the file name does not say")
    imp.add_argument("--batch-rows", type=int, default=0, metavar="N",
                     help="for big registries: validate everything, then write N rows a statement (each batch "
                     "atomic; an interruption keeps what was written and says where it stopped)")  # fmt: skip
    from service.analysis.runner import ANALYSES

    analyze = commands.add_parser("analyze", help="run an analysis and print or save it")
    analyze.add_argument("name", choices=sorted(ANALYSES))
    analyze.add_argument("--format", choices=["csv", "xlsx", "json"], default="json")
    analyze.add_argument("--output", "-o", help="file to write (required for xlsx)")
    token = commands.add_parser("token", help="create, list or revoke API tokens")
    token_actions = token.add_subparsers(dest="action", required=True)
    create = token_actions.add_parser("create")
    create.add_argument("--role", choices=["directorate", "analyst", "agency"], required=True)
    create.add_argument("--agency", help="the agency an agency token acts for")
    create.add_argument("--name", help="who holds it")
    token_actions.add_parser("list")
    revoke = token_actions.add_parser("revoke")
    revoke.add_argument("id")
    backup = commands.add_parser("backup", help="write the whole graph (audit trail included) as JSON lines")
    backup.add_argument("--output", "-o", required=True)
    restore = commands.add_parser("restore", help="load a backup into an empty store")
    restore.add_argument("input")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    handlers = {"serve": _serve, "demo": _demo, "export": _export, "import": _import, "analyze": _analyze,
                "token": _token, "backup": _backup, "restore": _backup}
    from service.errors import ServiceError, from_store
    from service.storage.embedded import DataDirBusy
    from service.storage.errors import Unavailable

    try:
        return handlers[args.command](Settings(), args)
    except ServiceError as exc:  # e.g. FTM_UNAVAILABLE: a sentence in both languages, not a traceback
        print(f"{exc.code}: {exc.message_en}\n{exc.message_fa}", file=sys.stderr)
        return 2
    except DataDirBusy as exc:  # another process owns the data dir and cannot be attached to
        print(f"{exc.code}: {exc.message_en}\n{exc.message_fa}", file=sys.stderr)
        return 2
    except Unavailable as exc:  # e.g. the embedded store would not start: what its log says, not a traceback
        said = from_store(exc)
        print(f"{said.code}: {said.message_en} ({exc.detail})\n{said.message_fa}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    code = main()
    # Every command has closed its files and its store by now. Leaving without the interpreter's
    # teardown skips freeing what an analysis built, one object at a time: 0.85 s of a city's
    # 5.4 s `analyze duplication` (measured), for memory the process returns whole anyway.
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
