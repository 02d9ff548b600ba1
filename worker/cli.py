"""The `paperfeed` command: parse, ingest, run (worker + beat + feed server), serve, db upgrade."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from worker.settings import ConfigError, Settings, load_settings

EXAMPLES = {
    "parse": "paperfeed parse examples/2026-11-20-qinghe-daily.txt --format text",
    "ingest": "paperfeed ingest var/incoming/2020-05-29.txt",
    "run": "paperfeed run          # worker, beat and feed server until Ctrl-C\n"
    "  paperfeed run --once   # ingest what is waiting, publish, exit",
    "serve": "paperfeed serve --host 0.0.0.0 --port 8080",
    "db": "paperfeed db upgrade",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperfeed",
        description="Turn newspaper issue text into stored articles and RSS/Atom feeds.",
        epilog="Settings come from the environment; see README.md. "
        "Example: PAPERFEED_HOME=/srv/paperfeed paperfeed run",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    parse = command("parse", "Parse one issue file and print the result (nothing is stored).")
    parse.add_argument("file", type=Path, help="issue text file (UTF-8, UTF-16 or GB18030)")
    parse.add_argument("--format", choices=("text", "json"), default="text")

    ingest = command("ingest", "Ingest issue files now, in this process, and publish the feeds.")
    ingest.add_argument("paths", nargs="+", type=Path, help="files, or folders of files")

    run = command("run", "Run the worker, the scheduler and the feed server (the main job).")
    run.add_argument(
        "--once", action="store_true", help="ingest what is waiting, publish, and exit"
    )

    serve = command("serve", "Serve the public folder (feeds and pages) over HTTP.")
    serve.add_argument("--host", help="address to listen on (default: PAPERFEED_HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (default: PAPERFEED_PORT)")

    db = command("db", "Database schema commands.")
    db.add_argument("action", choices=("upgrade",), help="upgrade: apply every migration")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    # Alembic narrates every plugin it loads at INFO; a migration worth noting still logs.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    handler = {
        "parse": _parse,
        "ingest": _ingest,
        "run": _run,
        "serve": _serve,
        "db": _db,
    }[args.command]
    try:
        return handler(args, settings)
    except KeyboardInterrupt:
        return 130


def _parse(args: argparse.Namespace, settings: Settings) -> int:
    from worker.parsing import ParseError, parse_bytes, render_text

    try:
        data = args.file.read_bytes()
        issue = parse_bytes(data, filename=args.file.name, default_section=settings.section)
    except OSError as exc:
        print(f"paperfeed: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    except ParseError as exc:
        print(f"paperfeed: {args.file}: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(issue.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(issue))
    return 0


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from worker import jobs
    from worker.db import upgrade

    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            print(f"paperfeed: {path}: no such file or folder", file=sys.stderr)
            return 1
    settings.ensure_dirs()
    upgrade(settings.database_url)
    keys: set[str] = set()
    failed = 0
    for path in files:
        result = jobs.ingest_path(settings, path)
        keys.update(result.feeds)
        detail = f"{result.articles} articles" if result.status == "ingested" else result.error
        print(f"{path}: {result.status} (issue {result.issue_id}){': ' + detail if detail else ''}")
        failed += result.status == "failed"
    if keys:
        report = jobs.publish_feeds(settings, keys)
        print(f"published {len(report.written)} files to {settings.public_dir}")
    return 1 if failed else 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from worker.runner import run_forever, run_once

    return run_once(settings) if args.once else run_forever(settings)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from feeds.server import make_server

    settings.public_dir.mkdir(parents=True, exist_ok=True)
    server = make_server(
        settings.public_dir, args.host or settings.host, args.port or settings.port
    )
    host, port = server.server_address[:2]
    print(f"paperfeed: serving {settings.public_dir} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from worker.db import upgrade

    upgrade(settings.database_url)
    print(f"database at {settings.database_url.split('@')[-1]} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
