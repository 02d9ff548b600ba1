"""The operator commands behind `paperfeed status`, `issues`, `sources` and `feeds`: read the
database, switch sources on and off, rebuild feeds. `worker.cli.operator` parses their
arguments and checks the schema first (none of them migrates it)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from worker.db import one_line, schema_problem, session_scope
from worker.delivery import GUESSED
from worker.editions import part_order
from worker.models import Article, Edition, EditionPart, Input, Issue, Publication, Source
from worker.problems import Problem
from worker.progress import plural
from worker.settings import Settings
from worker.sources import SourceConfig, load_sources
from worker.urls import redact

if TYPE_CHECKING:
    from feeds.publish import PublishReport


def status(settings: Settings, *, as_json: bool) -> int:
    """Print the status; 0 when all is well, 1 when something needs a person."""
    from worker.status import collect, render_text

    sources = load_sources(settings)
    try:
        if problem := schema_problem(settings.database_url):
            print(f"paperfeed: {problem[0]}", file=sys.stderr)
            return problem[1]
        found = collect(settings, sources)
    except SQLAlchemyError as exc:
        # An outage needs a person like any other problem: exit 1, and JSON for a machine.
        outage = Problem.of("database_down", error=one_line(exc))
        if as_json:
            found_json = {"ok": False, "problems": [outage], "problem_details": [outage.to_json()]}
            print(json.dumps(found_json, ensure_ascii=False, indent=2))
        print(f"paperfeed: {outage}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(found, tz=settings.tz))
    return 0 if found.ok else 1


def issues_list(settings: Settings, *, source: str | None, status: str | None, limit: int) -> int:
    """One row per issue (a paper's day: its pages, articles and files), newest first; files
    that failed (they belong to no issue) are rows of their own, and `--status superseded`
    lists the files later ones replaced whole."""
    with session_scope(settings.database_url, write=False) as session:
        rows: list[tuple[dt.datetime, str]] = []
        if status in (None, "ingested"):
            rows += _edition_rows(session, source, limit, settings)
        if status in (None, "failed", "superseded"):
            rows += _file_rows(session, source, limit, settings, status or "failed")
    rows.sort(key=lambda row: row[0], reverse=True)
    print(f"{'id':>6}  {'source':<14} {'date':<11} {'status':<10} {'pages':>5} {'arts':>4} "
          f"{'files':>5}  updated           paper / file")  # fmt: skip
    for _when, line in rows[:limit]:
        print(line)
    if not rows:
        print("no issues match", file=sys.stderr)
    return 0


def _edition_rows(
    session: Session, source: str | None, limit: int, settings: Settings
) -> list[tuple[dt.datetime, str]]:
    parts = (
        select(EditionPart.edition_id, func.count().label("pages"),
               func.max(EditionPart.updated_at).label("updated"))
        .group_by(EditionPart.edition_id)
        .subquery()
    )  # fmt: skip
    articles = (
        select(Article.edition_id, func.count(Article.id).label("n"))
        .where(Article.withdrawn_at.is_(None))
        .group_by(Article.edition_id)
        .subquery()
    )
    files = (
        select(Issue.edition_id, func.count(Issue.id).label("n"))
        .group_by(Issue.edition_id)
        .subquery()
    )
    query = (
        select(Edition, Source.name, Publication.name, parts.c.pages, parts.c.updated,
               articles.c.n, files.c.n.label("files"))
        .join(Source, Source.id == Edition.source_id)
        .join(Publication, Publication.id == Edition.publication_id)
        .outerjoin(parts, parts.c.edition_id == Edition.id)
        .outerjoin(articles, articles.c.edition_id == Edition.id)
        .outerjoin(files, files.c.edition_id == Edition.id)
        .order_by(Edition.issue_date.desc(), Edition.id.desc())
        .limit(limit)
    )  # fmt: skip
    if source:
        query = query.where(Source.name == source)
    rows = []
    for edition, source_name, paper, pages, updated, n, file_count in session.execute(query):
        when = updated or edition.created_at
        date = f"{edition.issue_date}{'?' if edition.date_guessed else ''}"
        rows.append((when, (
            f"{edition.id:>6}  {source_name:<14} {date:<11} {'ingested':<10} {pages or 0:>5} "
            f"{n or 0:>4} {file_count or 0:>5}  {_local(when, settings)}  {paper}"
        )))  # fmt: skip
    return rows


def _file_rows(
    session: Session, source: str | None, limit: int, settings: Settings, status: str
) -> list[tuple[dt.datetime, str]]:
    query = (
        select(Issue.id, Issue.issue_date, Issue.ingested_at, Issue.filename, Issue.error,
               Source.name)
        .join(Source, Source.id == Issue.source_id)
        .where(Issue.status == status)
        .order_by(Issue.id.desc())
        .limit(limit)
    )  # fmt: skip
    if source:
        query = query.where(Source.name == source)
    rows = []
    for file_id, day, at, filename, error, source_name in session.execute(query):
        reason = f": {error}" if error else ""
        rows.append((at, (
            f"{'f' + str(file_id):>6}  {source_name:<14} {day or '-'!s:<11} {status:<10} {'-':>5} "
            f"{'-':>4} {1:>5}  {_local(at, settings)}  {filename or '-'}{reason}"
        )))  # fmt: skip
    return rows


def _local(moment: dt.datetime, settings: Settings) -> str:
    return moment.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")


def issues_show(settings: Settings, number: int, *, file: bool) -> int:
    """An issue's pages with the file each came from, its files and what each changed, its
    articles; with `--file`, one stored file and the issue it belongs to."""
    with session_scope(settings.database_url, write=False) as session:
        if file:
            issue = session.get(Issue, number)
            if issue is None:
                print(f"paperfeed: no stored file with id {number}; `paperfeed issues show"
                      " ISSUE` lists an issue's files", file=sys.stderr)  # fmt: skip
                return 1
            _show_file(session, issue, settings)
            return 0
        edition = session.get(Edition, number)
        if edition is None:
            print(f"paperfeed: no issue with id {number}; `paperfeed issues list` shows them",
                  file=sys.stderr)  # fmt: skip
            return 1
        _show_edition(session, edition, settings)
    return 0


def _show_edition(session: Session, edition: Edition, settings: Settings) -> None:
    print(f"issue {edition.id}: {edition.publication.name} {edition.issue_date}"
          f" (source {edition.source.name})")  # fmt: skip
    if edition.date_guessed:
        print(f"  WARNING: date guessed from a file's modification time ({GUESS_HINT})")
    parts = session.scalars(select(EditionPart).where(EditionPart.edition_id == edition.id)).all()
    files = {
        issue.id: issue
        for issue in session.scalars(
            select(Issue).where(Issue.edition_id == edition.id).order_by(Issue.id)
        )
    }
    counts = dict(
        session.execute(
            select(Article.part, func.count(Article.id))
            .where(Article.edition_id == edition.id, Article.withdrawn_at.is_(None))
            .group_by(Article.part)
        ).all()
    )
    print(f"pages ({len(parts)}):")
    for row in sorted(parts, key=lambda r: part_order(r.part)):
        holder = files.get(row.issue_id)
        name = holder.filename if holder else "?"
        print(f"  {part_label(row.part):<24} {counts.get(row.part, 0):>3} articles   "
              f"file {row.issue_id} {name}")  # fmt: skip
    print(f"files ({len(files)}):")
    for issue in files.values():
        _file_line(issue, settings)
    articles = session.scalars(
        select(Article)
        .where(Article.edition_id == edition.id)
        .order_by(Article.published_at.desc())
    ).all()
    print(f"articles ({len(articles)}):")
    for article in articles:
        gone = "  [withdrawn]" if article.withdrawn_at else ""
        print(f"  p{article.page} {article.section.name} · {article.headline}  "
              f"({article.key}, file {article.issue_id}){gone}")  # fmt: skip


GUESS_HINT = "no file said it: name the files by date or add `date:` to them"


def part_label(part: str) -> str:
    """How a part is shown: `第3版` for page 3, `part weidong.txt` for a file's part.

    >>> part_label("3"), part_label("file:weidong.txt")
    ('第3版', 'part weidong.txt')
    """
    return f"第{part}版" if part.isdigit() else f"part {part.removeprefix('file:')}"


def _file_line(issue: Issue, settings: Settings) -> None:
    parts = ", ".join(part_label(p) for p in issue.parts or []) or "no pages"
    corrected = issue.corrected or []
    what = f"corrected {', '.join(part_label(p) for p in corrected)}" if corrected else "new"
    state = issue.status
    if issue.superseded_by_id:
        state += f" by file {issue.superseded_by_id}"
    guessed = "  [date guessed]" if issue.date_from in GUESSED else ""
    print(f"  file {issue.id}: {issue.filename or '-'}  {state}; {parts} ({what}); "
          f"stored {_local(issue.ingested_at, settings)}{guessed}")  # fmt: skip


def _show_file(session: Session, issue: Issue, settings: Settings) -> None:
    tz = settings.tz
    print(f"file {issue.id}: {issue.status}")
    for label, value in (
        ("source", issue.source.name), ("publication", issue.publication),
        ("issue", issue.edition_id), ("date", issue.issue_date),
        ("date from", issue.date_from), ("file", issue.filename), ("bytes", issue.size),
        ("encoding", issue.encoding),
        ("pages", ", ".join(part_label(p) for p in issue.parts or []) or None),
        ("corrected", ", ".join(part_label(p) for p in issue.corrected or []) or None),
        ("parser", issue.parser_version), ("hash", issue.content_hash),
        ("modified", issue.modified_at and issue.modified_at.astimezone(tz).isoformat(
            timespec="seconds")),
        ("received", issue.received_at.astimezone(tz).isoformat(timespec="seconds")),
        ("stored", issue.ingested_at.astimezone(tz).isoformat(timespec="seconds")),
        ("replaced by", issue.superseded_by_id), ("error", issue.error),
    ):  # fmt: skip
        if value is not None:
            print(f"  {label + ':':<13}{value}")
    if issue.date_from in GUESSED:
        print(f"  WARNING: date guessed ({GUESS_HINT})")
    print(f"warnings ({len(issue.warnings or [])}):")
    for warning in issue.warnings or []:
        print(f"  line {warning.get('line', '?')}: {warning.get('message', warning)}")
    print(f"articles ({len(issue.articles)}):")
    for article in issue.articles:
        gone = "  [withdrawn]" if article.withdrawn_at else ""
        print(f"  {article.seq:>3}. p{article.page} {article.section.name} · "
              f"{article.headline}  ({article.key}){gone}")  # fmt: skip
    inputs = session.execute(select(Input).where(Input.issue_id == issue.id)).scalars()
    for row in inputs:
        print(f"ledger: input {row.id} {row.original_name} {row.status}, "
              f"{plural(row.attempts, 'attempt')}")  # fmt: skip


def sources_list(settings: Settings) -> int:
    """The configured sources with their switch; a drop folder that cannot be scanned shows
    as `missing` (or `unreadable`, `not a folder`) with the fix below, and exits 1."""
    from worker.folders import folder_problem
    from worker.status import drift  # with the broker's client: only for this command

    sources = load_sources(settings)
    rows, code = _database_rows(settings)
    switched = {row.name: row.enabled for row in rows}
    problems = list(drift(rows, sources, dt.datetime.now(dt.UTC)).values())
    print(f"{'name':<16} {'kind':<5} {'on':<12} {'every':>6}  {'expect':<6}  where")
    for source in sources:
        where = str(source.path or redact(source.url or ""))
        every = f"{source.poll_interval:g}s"
        state = "on" if source.enabled else "off"
        if source.enabled and switched.get(source.name) is False:
            state = "off (db)"
        elif state == "on" and (problem := folder_problem(source, settings)):
            state = problem.state
            problems.append(problem.message)
        expect = source.expect_by.strftime("%H:%M") if source.expect_by else "-"
        print(f"{source.name:<16} {source.kind:<5} {state:<12} {every:>6}  {expect:<6}  {where}")
    for message in problems:
        print(f"paperfeed: {message}", file=sys.stderr)
    return max(code, 1 if problems else 0)


def _database_rows(settings: Settings) -> tuple[list[Source], int]:
    """The sources' rows: their on/off switches and what the workers' scans ran with; a
    database missing or behind is said, not made."""
    unseen = "the switches of `sources disable` and the workers' settings are not shown"
    try:
        if problem := schema_problem(settings.database_url):
            print(f"paperfeed: {problem[0]} ({unseen})", file=sys.stderr)
            return [], problem[1]
        with session_scope(settings.database_url, write=False) as session:
            rows = list(session.scalars(select(Source)))
            session.expunge_all()
            return rows, 0
    except SQLAlchemyError as exc:  # listing the configuration needs no database
        print(f"paperfeed: the database did not answer ({type(exc).__name__}): {unseen}",
              file=sys.stderr)  # fmt: skip
        return [], 2


def sources_switch(name: str, on: bool, settings: Settings) -> int:
    """Turn a source on or off in the database; the next scan honours it on every worker."""
    from worker.named_rows import ensure_source

    config = _configured(name, load_sources(settings))
    if config is None:
        return 2
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


def feeds_rebuild(settings: Settings, *, every: bool) -> int:
    from worker import publishing
    from worker.progress import Progress, plural

    settings.ensure_dirs()
    report: PublishReport | None
    if every:
        # The number of feed parts is known only as they are built: counted as they come.
        with Progress(None, "rebuild every feed: feed parts done") as progress:
            report = publishing.publish_feeds(settings, ["*"], progress=progress.advance)
    else:
        report = publishing.publish_dirty(settings)
    written = 0 if report is None else len(report.written_files)
    if report is None:
        print("no feed was waiting for a rebuild (use --all to rebuild every feed)")
    else:
        print(f"{plural(written, 'file')} written, {len(report.unchanged_files)} unchanged, "
              f"to {settings.publish_to}")  # fmt: skip
    return 0


def feeds_check(settings: Settings) -> int:
    """Read every feed's chain in each format and compare it with the database; exit 1 when
    an entry is missing, repeated or there that should not be."""
    from worker.publishing.check import check_feeds, summary
    from worker.publishing.documents import publish_target

    with session_scope(settings.database_url, write=False) as session:
        results = check_feeds(session, publish_target(settings), settings.base_url)
    for result in results:
        if result.ok:
            continue
        print(f"{result.key} ({result.format}): {len(result.missing)} missing, "
              f"{len(result.duplicated)} duplicated, {len(result.extra)} not in the feed "
              f"of {result.expected}; {result.problem or ''}".rstrip("; "))  # fmt: skip
        for label, ids in (("missing", result.missing), ("duplicated", result.duplicated),
                           ("not in the feed", result.extra)):  # fmt: skip
            for entry in ids[:5]:
                print(f"  {label}: {entry}")
    missing, duplicated, extra = summary(results)
    feeds = len({r.key for r in results})
    entries = sum(r.expected for r in results if r.format == "atom")
    print(f"{feeds} feeds, {entries} entries, 3 formats: {missing} missing, "
          f"{duplicated} duplicated, {extra} not in the feed")  # fmt: skip
    return 0 if all(r.ok for r in results) else 1
