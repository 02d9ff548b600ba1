"""`paperfeed parse`, `ingest` and `reingest`: issue files read, stored, or parsed again."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from worker.cli.common import CONTEXT, exactly_one, examples, iso_date, runs
from worker.settings import Settings


@click.command(
    "parse",
    context_settings=CONTEXT,
    epilog=examples("paperfeed parse examples/2026-11-20-qinghe-daily.txt --format text"),
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@runs("own")
def parse(settings: Settings, file: Path, format_: str) -> int:
    """Parse one issue file and print the result (nothing is stored).

    FILE is issue text in UTF-8, UTF-16 or GB18030.
    """
    from worker.parsing import ParseError, parse_bytes, render_text

    try:
        data = file.read_bytes()
        issue = parse_bytes(data, filename=file.name, default_section=settings.section)
    except OSError as exc:
        print(f"paperfeed: cannot read {file}: {exc.strerror}", file=sys.stderr)
        return 1
    except ParseError as exc:
        print(f"paperfeed: {file}: {exc}", file=sys.stderr)
        return 1
    if format_ == "json":
        print(json.dumps(issue.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(issue))
    return 0


@click.command(
    "ingest",
    context_settings=CONTEXT,
    epilog=examples("paperfeed ingest --source weidong var/incoming/2020-05-29.txt"),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", help="Source the files belong to (default: the first).")
@runs("migrate")
def ingest(settings: Settings, paths: tuple[Path, ...], source: str | None) -> int:
    """Ingest issue files now, in this process, and publish the feeds.

    PATHS are files, or folders of files.
    """
    from worker import attempts, publishing
    from worker.db import upgrade
    from worker.progress import plural
    from worker.sources import load_sources

    sources = load_sources(settings)
    chosen = next((s for s in sources if s.name == source), None) if source else sources[0]
    if chosen is None:
        names = ", ".join(s.name for s in sources)
        print(f"paperfeed: no source {source!r}; configured: {names}", file=sys.stderr)
        return 2
    files: list[Path] = []
    for path in paths:
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
        result = attempts.ingest_path(settings, path, chosen)
        detail = plural(result.articles, "article") if result.status == "ingested" else result.error
        if result.status == "duplicate" and result.error:
            detail = f"an earlier copy failed: {detail}; `paperfeed failures retry` tries it again"
        print(f"{path}: {result.status} (file {result.issue_id}){': ' + detail if detail else ''}")
        failed += result.status == "failed"
    report = publishing.publish_dirty(settings)
    if report is not None:
        print(f"published {plural(len(report.written_files), 'file')} to {settings.public_dir}")
    return 1 if failed else 0


@click.command(
    "reingest",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed reingest 42",
        "paperfeed reingest --source weidong --from 2020-05-01 --to 2020-05-31 --sync",
        "paperfeed reingest --outdated",
    ),
)
@click.argument("issue", type=int, required=False)
@click.option("--source", help="Every issue of this source (with --from/--to).")
@click.option("--outdated", is_flag=True, help="Every issue parsed by an older parser.")
@click.option("--from", "date_from", metavar="DATE", callback=iso_date, help="First issue date.")
@click.option("--to", "date_to", metavar="DATE", callback=iso_date, help="Last issue date.")
@click.option("--sync", is_flag=True, help="Run here and wait, instead of queueing tasks.")
@exactly_one("issue", "source", "outdated", message="give one of ISSUE, --source or --outdated")
@runs("read")
def reingest(
    settings: Settings, issue: int | None, source: str | None, outdated: bool,
    date_from: dt.date | None, date_to: dt.date | None, sync: bool,
) -> int:  # fmt: skip
    """Parse stored issues again from their raw bytes (after a parser upgrade).

    ISSUE is a stored file's id (`paperfeed issues show ISSUE` lists them); give it, or
    --source, or --outdated.
    """
    from worker import attempts
    from worker.progress import plural

    ids = attempts.select_issues(
        settings, issue_id=issue, source=source, outdated=outdated,
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    if not ids:
        return _nothing_to_reingest(issue, outdated, source)
    if sync:
        return _reingest_here(settings, ids)
    from worker.tasks import reingest as reingest_task

    for issue_id in ids:
        reingest_task.delay(issue_id)
    print(f"queued {plural(len(ids), 're-ingest task')} on the ingest queue")
    return 0


def _reingest_here(settings: Settings, ids: list[int]) -> int:
    from worker import attempts, publishing
    from worker.progress import Progress, plural
    from worker.sources import load_sources

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


def _nothing_to_reingest(issue: int | None, outdated: bool, source: str | None) -> int:
    """`--outdated` with everything up to date is done; a named file or source that does
    not exist is a mistake to show."""
    if issue is not None:
        print(f"paperfeed: no stored file with id {issue}; `paperfeed issues show ISSUE`"
              " lists an issue's files", file=sys.stderr)  # fmt: skip
        return 1
    if outdated:
        print("nothing to re-ingest: every stored file was parsed by this parser")
        return 0
    print(f"paperfeed: source {source} has no stored file in those dates; "
          "`paperfeed issues list` shows them", file=sys.stderr)  # fmt: skip
    return 1
