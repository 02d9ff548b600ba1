"""The `paperfeed` command: parse, ingest, run (worker + beat + feed server), serve, db upgrade,
and the operator commands (status, issues, sources, feeds rebuild; see `worker.operations`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from worker.settings import ConfigError, Settings, load_settings

EXAMPLES = {
    "parse": "paperfeed parse examples/2026-11-20-qinghe-daily.txt --format text",
    "ingest": "paperfeed ingest --source weidong var/incoming/2020-05-29.txt",
    "reingest": "paperfeed reingest 42\n  paperfeed reingest --source weidong --from 2020-05-01 "
    "--to 2020-05-31 --sync\n  paperfeed reingest --outdated",
    "sources": "paperfeed sources list\n  paperfeed sources disable weidong",
    "status": "paperfeed status          # exit code 1 when something needs a person\n"
    "  paperfeed status --json",
    "issues": "paperfeed issues list --source weidong --status failed --limit 20\n"
    "  paperfeed issues show 42",
    "failures": "paperfeed failures list\n"
    "  PAPERFEED_MAX_BYTES=40000000 paperfeed failures retry 7   # after raising the limit\n"
    "  paperfeed failures dismiss --all",
    "feeds": "paperfeed feeds rebuild        # the feeds marked dirty\n"
    "  paperfeed feeds rebuild --all  # every feed, e.g. after changing PAPERFEED_BASE_URL\n"
    "  paperfeed feeds check          # exit 1 when a chain lacks or repeats an entry",
    "run": "paperfeed run          # worker, beat and feed server until Ctrl-C\n"
    "  paperfeed run --once   # ingest what is waiting, publish, exit",
    "serve": "paperfeed serve --host 0.0.0.0 --port 8080",
    "db": "paperfeed db upgrade",
}

EXIT_CODES = (
    "exit codes: 0 done, 1 something needs a person, 2 usage or configuration "
    "(a wrong argument, setting or sources file)."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperfeed",
        description="Turn newspaper issue text into stored articles and RSS/Atom feeds.",
        epilog="Settings come from the environment; see README.md. "
        f"Example: PAPERFEED_HOME=/srv/paperfeed paperfeed run. {EXIT_CODES}",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {EXAMPLES[name]}\n\n{EXIT_CODES}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    parse = command("parse", "Parse one issue file and print the result (nothing is stored).")
    parse.add_argument("file", type=Path, help="issue text file (UTF-8, UTF-16 or GB18030)")
    parse.add_argument("--format", choices=("text", "json"), default="text")

    ingest = command("ingest", "Ingest issue files now, in this process, and publish the feeds.")
    ingest.add_argument("paths", nargs="+", type=Path, help="files, or folders of files")
    ingest.add_argument("--source", help="source the files belong to (default: the first)")

    reingest = command(
        "reingest", "Parse stored issues again from their raw bytes (after a parser upgrade)."
    )
    which = reingest.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "issue",
        nargs="?",
        type=int,
        help="a stored file's id (`paperfeed issues show ISSUE` lists them)",
    )
    which.add_argument("--source", help="every issue of this source (with --from/--to)")
    which.add_argument(
        "--outdated", action="store_true", help="every issue parsed by an older parser"
    )
    reingest.add_argument("--from", dest="date_from", type=_date, help="first issue date")
    reingest.add_argument("--to", dest="date_to", type=_date, help="last issue date")
    reingest.add_argument(
        "--sync", action="store_true", help="run here and wait, instead of queueing tasks"
    )

    sources = command("sources", "List the sources, or switch one on or off for every worker.")
    sources.add_argument(
        "action", choices=("list", "enable", "disable"),
        help="list: show every source; enable/disable NAME: switch it in the database",
    )  # fmt: skip
    sources.add_argument("name", nargs="?", help="the source to enable or disable")

    status = command(
        "status", "Show what arrived, what failed and why; exit 1 when a person must look."
    )
    status.add_argument("--json", action="store_true", help="print JSON for machines")

    issues = command("issues", "List stored issues, or show one in detail.")
    issue_actions = issues.add_subparsers(dest="issues_action", required=True, metavar="ACTION")
    listing = issue_actions.add_parser(
        "list", help="newest issues first: one row per paper and day, with its pages"
    )
    listing.add_argument("--source", help="only this source")
    listing.add_argument(
        "--status", choices=("ingested", "failed", "superseded"), help="only this state"
    )
    listing.add_argument("--limit", type=int, default=30, help="at most N issues (default 30)")
    show = issue_actions.add_parser(
        "show", help="an issue's pages with the file each came from, its files and articles"
    )
    show.add_argument(
        "id",
        type=int,
        help="an issue id, as `paperfeed issues list` shows (with --file: a file id)",
    )
    show.add_argument(
        "--file", action="store_true",
        help="show one stored file (as `reingest` and the status page name them) and its issue",
    )  # fmt: skip

    failures = command(
        "failures", "List failed inputs and tasks; retry a failed input, or dismiss a failure."
    )
    failure_actions = failures.add_subparsers(
        dest="failures_action", required=True, metavar="ACTION"
    )
    failure_list = failure_actions.add_parser(
        "list", help="every failed input (id N) and task (id tN), newest first, dismissed too"
    )
    failure_list.add_argument("--limit", type=int, default=50, help="at most N (default 50)")
    for action, help_text in (
        ("retry", "ingest failed inputs again from their files kept in failed/, here and now"),
        ("dismiss", "set failures aside: still listed, no longer counted by `status`"),
    ):
        parser_ = failure_actions.add_parser(action, help=help_text)
        parser_.add_argument("ids", nargs="*", metavar="ID", help="failure ids, as listed")
        parser_.add_argument("--all", action="store_true", help="every failure not dismissed")

    feeds = command(
        "feeds", "Rebuild feeds now (those marked dirty, or --all), or check what is published."
    )
    feeds.add_argument(
        "action", choices=("rebuild", "check"),
        help="rebuild: write the feeds again; check: compare every feed's current document "
        "and archive pages with the database (exit 1 on any entry missing or repeated)",
    )  # fmt: skip
    feeds.add_argument("--all", action="store_true", help="rebuild every feed, not just dirty ones")

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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2020-05-29") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 2
    from worker.logs import configure

    for warning in settings.warnings:
        print(f"paperfeed: warning: {warning}", file=sys.stderr)
    configure(settings.log_level, settings.log_format)
    handler = {
        "parse": _parse,
        "ingest": _ingest,
        "reingest": _reingest,
        "sources": _sources,
        "run": _run,
        "serve": _serve,
        "db": _db,
        "status": _status,
        "issues": _issues,
        "feeds": _feeds,
        "failures": _failures,
    }[args.command]
    try:
        return handler(args, settings)
    except ConfigError as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 2
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
    from worker import attempts, publishing
    from worker.db import upgrade
    from worker.progress import plural
    from worker.sources import load_sources

    sources = load_sources(settings)
    source = (
        next((s for s in sources if s.name == args.source), None) if args.source else sources[0]
    )
    if source is None:
        names = ", ".join(s.name for s in sources)
        print(f"paperfeed: no source {args.source!r}; configured: {names}", file=sys.stderr)
        return 2
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
    failed = 0
    for path in files:
        result = attempts.ingest_path(settings, path, source)
        detail = plural(result.articles, "article") if result.status == "ingested" else result.error
        if result.status == "duplicate" and result.error:
            detail = f"an earlier copy failed: {detail}; `paperfeed failures retry` tries it again"
        print(f"{path}: {result.status} (file {result.issue_id}){': ' + detail if detail else ''}")
        failed += result.status == "failed"
    report = publishing.publish_dirty(settings)
    if report is not None:
        print(f"published {plural(len(report.written_files), 'file')} to {settings.public_dir}")
    return 1 if failed else 0


def _reingest(args: argparse.Namespace, settings: Settings) -> int:
    from worker import attempts, publishing
    from worker.db import upgrade
    from worker.progress import Progress, plural
    from worker.sources import load_sources

    upgrade(settings.database_url)
    ids = attempts.select_issues(
        settings, issue_id=args.issue, source=args.source, outdated=args.outdated,
        date_from=args.date_from, date_to=args.date_to,
    )  # fmt: skip
    if not ids:
        return _nothing_to_reingest(args)
    if not args.sync:
        from worker.tasks import reingest

        for issue_id in ids:
            reingest.delay(issue_id)
        print(f"queued {plural(len(ids), 're-ingest task')} on the ingest queue")
        return 0
    sources = load_sources(settings)
    counts: dict[str, int] = {}
    refused: list[str] = []
    with Progress(len(ids), "re-ingest") as progress:
        for issue_id in ids:
            try:
                result = attempts.reingest(settings, issue_id, sources)
            except (LookupError, ValueError) as exc:
                refused.append(f"file {issue_id}: {exc}")
                counts["refused"] = counts.get("refused", 0) + 1
                continue
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.status == "failed":
                refused.append(f"file {issue_id}: {result.error}")
            progress.advance(f"issue {issue_id}: {result.changed} changed")
    report = publishing.publish_dirty(settings)
    written = 0 if report is None else len(report.written_files)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"re-ingested {plural(len(ids), 'file')} ({summary}); {plural(written, 'file')} written")
    for line in refused:
        print(f"paperfeed: {line}", file=sys.stderr)
    return 1 if refused else 0


def _nothing_to_reingest(args: argparse.Namespace) -> int:
    """`--outdated` with everything up to date is done; a named file or source that does
    not exist is a mistake to show."""
    if args.issue is not None:
        print(f"paperfeed: no stored file with id {args.issue}; `paperfeed issues show ISSUE`"
              " lists an issue's files", file=sys.stderr)  # fmt: skip
        return 1
    if args.outdated:
        print("nothing to re-ingest: every stored file was parsed by this parser")
        return 0
    print(f"paperfeed: source {args.source} has no stored file in those dates; "
          "`paperfeed issues list` shows them", file=sys.stderr)  # fmt: skip
    return 1


def _sources(args: argparse.Namespace, settings: Settings) -> int:
    from worker import operations

    if args.action == "list":
        return operations.sources_list(settings)
    if not args.name:
        print(f"paperfeed: sources {args.action} needs a source name", file=sys.stderr)
        return 2
    return operations.sources_switch(args.name, args.action == "enable", settings)


def _status(args: argparse.Namespace, settings: Settings) -> int:
    from worker import operations

    return operations.status(args, settings)


def _issues(args: argparse.Namespace, settings: Settings) -> int:
    from worker import operations

    if args.issues_action == "show":
        return operations.issues_show(args, settings)
    return operations.issues_list(args, settings)


def _failures(args: argparse.Namespace, settings: Settings) -> int:
    from worker import failures

    ids = getattr(args, "ids", [])
    every = getattr(args, "all", False)
    return failures.command(args.failures_action, ids, every, settings, getattr(args, "limit", 50))


def _feeds(args: argparse.Namespace, settings: Settings) -> int:
    from worker import operations

    if args.action == "check":
        return operations.feeds_check(settings)
    return operations.feeds_rebuild(args, settings)


def _operator_routes(settings: Settings, worker: Callable[[], str | None] | None = None) -> None:
    """/status, /healthz, /metrics and the re-ingest form on every feed server of this
    process (the runner builds its own server: the routes are installed, not passed)."""
    from feeds.server import install_routes
    from worker.sources import load_sources
    from worker.web import make_routes

    install_routes(make_routes(settings, load_sources(settings), worker=worker))


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from worker.runner import WATCH, run_forever, run_once

    if args.once:
        return run_once(settings)
    _operator_routes(settings, worker=WATCH.problem)
    return run_forever(settings)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from worker.db import upgrade
    from worker.runner import bind

    settings.public_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)  # /status reads the database
    _operator_routes(settings)
    port = settings.port if args.port is None else args.port
    server = bind(settings, args.host or settings.host, port, "--port or PAPERFEED_PORT")
    host, port = str(server.server_address[0]), server.server_address[1]
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
