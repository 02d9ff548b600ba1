"""The operator commands behind `paperfeed status`, `issues`, `sources` and `feeds`: read the
database, switch sources on and off, rebuild feeds. `worker.cli` parses their arguments."""

from __future__ import annotations

import argparse
import json
import sys

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from worker.db import session_scope, upgrade
from worker.fetch import redact
from worker.models import Article, Input, Issue, Source
from worker.settings import Settings
from worker.sources import SourceConfig, load_sources


def status(args: argparse.Namespace, settings: Settings) -> int:
    """Print the status; 0 when all is well, 1 when something needs a person."""
    from worker.status import collect, render_text

    sources = load_sources(settings)
    try:
        upgrade(settings.database_url)
        found = collect(settings, sources)
    except SQLAlchemyError as exc:
        print(f"paperfeed: the database did not answer: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(found, tz=settings.tz))
    return 0 if found.ok else 1


def issues_list(args: argparse.Namespace, settings: Settings) -> int:
    upgrade(settings.database_url)
    counts = (
        select(Article.issue_id, func.count(Article.id).label("n"))
        .group_by(Article.issue_id)
        .subquery()
    )
    query = (
        select(Issue, Source.name, counts.c.n)
        .join(Source, Source.id == Issue.source_id)
        .outerjoin(counts, counts.c.issue_id == Issue.id)
        .order_by(Issue.id.desc())
        .limit(args.limit)
    )
    if args.source:
        query = query.where(Source.name == args.source)
    if args.status:
        query = query.where(Issue.status == args.status)
    with session_scope(settings.database_url, write=False) as session:
        rows = session.execute(query).all()
        print(f"{'id':>6}  {'source':<14} {'date':<10}  {'status':<10} {'arts':>4} {'warn':>4}  "
              "stored            file")  # fmt: skip
        for issue, source, n in rows:
            stored = issue.ingested_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
            print(
                f"{issue.id:>6}  {source:<14} {issue.issue_date or '-'!s:<10}  "
                f"{issue.status:<10} {n or 0:>4} {len(issue.warnings or []):>4}  {stored}  "
                f"{issue.filename or '-'}"
            )
    if not rows:
        print("no issues match", file=sys.stderr)
    return 0


def issues_show(args: argparse.Namespace, settings: Settings) -> int:
    upgrade(settings.database_url)
    tz = settings.tz
    with session_scope(settings.database_url, write=False) as session:
        issue = session.get(Issue, args.id)
        if issue is None:
            print(f"paperfeed: no issue {args.id}; `paperfeed issues list` shows them",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"issue {issue.id}: {issue.status}")
        for label, value in (
            ("source", issue.source.name), ("publication", issue.publication),
            ("date", issue.issue_date), ("file", issue.filename), ("bytes", issue.size),
            ("encoding", issue.encoding), ("pages", issue.page_count),
            ("parser", issue.parser_version), ("hash", issue.content_hash),
            ("received", issue.received_at.astimezone(tz).isoformat(timespec="seconds")),
            ("stored", issue.ingested_at.astimezone(tz).isoformat(timespec="seconds")),
            ("replaced by", issue.superseded_by_id), ("error", issue.error),
        ):  # fmt: skip
            if value is not None:
                print(f"  {label + ':':<13}{value}")
        print(f"warnings ({len(issue.warnings or [])}):")
        for warning in issue.warnings or []:
            print(f"  line {warning.get('line', '?')}: {warning.get('message', warning)}")
        print(f"articles ({len(issue.articles)}):")
        for article in issue.articles:
            gone = "  [withdrawn]" if article.withdrawn_at else ""
            print(f"  {article.seq:>3}. p{article.page} {article.section.name} · "
                  f"{article.headline}  ({article.key}){gone}")  # fmt: skip
        _versions(session, issue)
        inputs = session.execute(select(Input).where(Input.issue_id == issue.id)).scalars()
        for row in inputs:
            print(f"ledger: input {row.id} {row.original_name} {row.status}, "
                  f"{row.attempts} attempt(s)")  # fmt: skip
    return 0


def _versions(session: Session, issue: Issue) -> None:
    """Every stored version of the same issue (same source and date), oldest first."""
    if issue.issue_date is None:
        return
    versions = session.execute(
        select(Issue.id, Issue.status, Issue.ingested_at, Issue.superseded_by_id)
        .where(Issue.source_id == issue.source_id, Issue.issue_date == issue.issue_date)
        .order_by(Issue.id)
    ).all()
    print(f"versions ({len(versions)}):")
    for vid, vstatus, at, by in versions:
        mark = " <- this one" if vid == issue.id else ""
        replaced = f", replaced by {by}" if by else ""
        print(f"  issue {vid}: {vstatus}{replaced}, stored {at:%Y-%m-%d %H:%M}{mark}")


def sources_list(settings: Settings) -> int:
    switched = _database_switches(settings)
    print(f"{'name':<16} {'kind':<5} {'on':<9} {'every':>6}  {'expect':<6}  where")
    for source in load_sources(settings):
        where = str(source.path or redact(source.url or ""))
        every = f"{source.poll_interval:g}s"
        state = "on" if source.enabled else "off"
        if source.enabled and switched.get(source.name) is False:
            state = "off (db)"
        expect = source.expect_by.strftime("%H:%M") if source.expect_by else "-"
        print(f"{source.name:<16} {source.kind:<5} {state:<9} {every:>6}  {expect:<6}  {where}")
    return 0


def _database_switches(settings: Settings) -> dict[str, bool | None]:
    try:
        upgrade(settings.database_url)
        with session_scope(settings.database_url, write=False) as session:
            return dict(session.execute(select(Source.name, Source.enabled)).all())
    except SQLAlchemyError:
        return {}  # listing the configuration needs no database


def sources_switch(name: str, on: bool, settings: Settings) -> int:
    """Turn a source on or off in the database; the next scan honours it on every worker."""
    from worker.ingest import ensure_source

    config = _configured(name, load_sources(settings))
    if config is None:
        return 2
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        ensure_source(session, config).enabled = on
    if on and not config.enabled:
        print(f"paperfeed: {name} is switched on in the database, but the sources file says "
              "enabled = false, and that wins: change it there", file=sys.stderr)  # fmt: skip
        return 1
    print(f"{name}: {'enabled' if on else 'disabled'} (takes effect at the next scan)")
    return 0


def _configured(name: str, sources: tuple[SourceConfig, ...]) -> SourceConfig | None:
    found = next((s for s in sources if s.name == name), None)
    if found is None:
        names = ", ".join(s.name for s in sources)
        print(f"paperfeed: no source {name!r}; configured: {names}", file=sys.stderr)
    return found


def feeds_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    from worker import jobs
    from worker.progress import Progress

    settings.ensure_dirs()
    upgrade(settings.database_url)
    with Progress(1, "rebuild every feed" if args.all else "rebuild dirty feeds") as progress:
        report = jobs.publish_feeds(settings, ["*"]) if args.all else jobs.publish_dirty(settings)
        written = 0 if report is None else len(report.written_files)
        progress.advance(f"{written} files written")
    if report is None:
        print("no feed was waiting for a rebuild (use --all to rebuild every feed)")
    else:
        print(f"{written} files written, {len(report.unchanged_files)} unchanged, "
              f"to {settings.publish_to}")  # fmt: skip
    return 0
