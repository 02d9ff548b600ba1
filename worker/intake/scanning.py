"""Scanning sources: drop folders claimed file by file, URL sources polled, expired leases
handed out again, and the inputs found sent to the ingest queue after their rows commit."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from logging import WARNING
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from worker import ledger
from worker.db import session_scope
from worker.intake import drop
from worker.intake.claims import register_claim
from worker.intake.filing import file_input, source_name_of
from worker.intake.polling import poll_url, url_source_due
from worker.intake.source_scan import DROP_SCAN_LEASE, SOURCE_ERRORS, scan_source
from worker.logs import event
from worker.models import Input
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.storage import IN_CHUNK


@dataclass(frozen=True)
class ScanResult:
    """What one scan handed out: new inputs, and inputs whose lease had run out."""

    new: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    duplicates: int = 0
    skipped: tuple[str, ...] = ()  # sources another scanner held, or not due yet
    failed: tuple[str, ...] = ()  # sources whose scan broke off (the reason is in status)
    dispatched: tuple[str, ...] = ()  # URL sources handed to their own poll task


def _ms(started: float) -> int:
    """Milliseconds since `started` (a time.monotonic() reading)."""
    return round((time.monotonic() - started) * 1000)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def scan(
    settings: Settings,
    sources: Sequence[SourceConfig],
    enqueue: Enqueue,
    *,
    force: bool = False,
    dispatch: Callable[[str], object] | None = None,
    requeue_all: bool = False,
) -> ScanResult:
    """Scan every enabled source that is due, then hand out expired leases again.

    Harmless to run twice at once (two beat schedulers): each source is scanned under a
    lease in the database, and a file is claimed by one rename only. With `dispatch`, a URL
    source that is due is handed to it by name (its own task) instead of being fetched
    here: a slow site must not hold up the drop folders. Every input registered is
    enqueued, whatever goes wrong later in the scan. `requeue_all`: the broker lost its
    messages (Redis restarted without its data), so every pending input is sent again now
    rather than when its lease runs out.
    """
    started = time.monotonic()
    sent = _SentAsFound(settings, enqueue)
    tally = _Tally(new=sent)
    retried: list[int] = []
    try:
        for source in sources:
            if source.enabled:
                _scan_one(settings, source, tally, force=force, dispatch=dispatch)
        retried = [*rescan(settings, sources), *sorted(_UNSENT)]
        if requeue_all:
            retried += pending_inputs(settings)
            event(log, "scan", WARNING, status="broker_forgot", requeued=len(retried))
    finally:
        # Whatever went wrong above, what was registered is sent (the new inputs were).
        unsent = send_all(settings, [i for i in retried if i not in sent.sent], enqueue)
    if (unsent := sent.error or unsent) is not None:
        raise unsent
    # A scan runs every few seconds: one that found nothing is said at DEBUG only, so the
    # worker's log at INFO holds what arrived and what went wrong.
    found = bool(tally.new or retried or tally.duplicates or tally.failed)
    event(
        log, "scan", logging.INFO if found else logging.DEBUG, new=len(tally.new),
        retried=len(retried), duplicates=tally.duplicates, failed=len(tally.failed),
        dispatched=len(tally.dispatched), ms=_ms(started),
    )  # fmt: skip
    return ScanResult(
        tuple(tally.new), tuple(retried), tally.duplicates, tuple(tally.skipped),
        tuple(tally.failed), tuple(tally.dispatched),
    )  # fmt: skip


@dataclass
class _Tally:
    """What one scan's sources gave: inputs registered, and sources by outcome."""

    new: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dispatched: list[str] = field(default_factory=list)
    duplicates: int = 0


def _scan_one(
    settings: Settings,
    source: SourceConfig,
    tally: _Tally,
    *,
    force: bool,
    dispatch: Callable[[str], object] | None,
) -> None:
    """Scan one enabled source (or hand a due URL source to `dispatch`), into `tally`."""
    if source.kind == "url" and dispatch is not None:
        if url_source_due(settings, source, _now()):
            dispatch(source.name)
            tally.dispatched.append(source.name)
        return
    poll = scan_drop if source.kind == "drop" else poll_url
    try:
        found = poll(settings, source, tally.new, force=force)
    except SOURCE_ERRORS as exc:
        event(log, "scan", WARNING, source=source.name, status="failed", error=repr(exc))
        tally.failed.append(source.name)
        return
    if found is None:
        tally.skipped.append(source.name)
    else:
        tally.duplicates += found


class _SentAsFound(list[int]):
    """A scan's new inputs, each sent to its ingest as its ledger row commits (the source's
    scan adds it then): a folder of a hundred files is ingested while the scan claims the
    rest, not once it has registered them all. `sent`: those whose message went; `error`:
    the first that failed (its lease ended, so the rescan hands it out again)."""

    def __init__(self, settings: Settings, enqueue: Enqueue) -> None:
        super().__init__()
        self._settings, self._enqueue = settings, enqueue
        self.sent: set[int] = set()
        self.error: Exception | None = None

    def append(self, input_id: int) -> None:
        super().append(input_id)
        failed = send_all(self._settings, [input_id], self._enqueue)
        if failed is None:
            self.sent.add(input_id)
        self.error = self.error or failed


def send_all(settings: Settings, input_ids: Iterable[int], enqueue: Enqueue) -> Exception | None:
    """Enqueue each input once; returns the first error, having ended the lease of every
    input whose message could not be sent (a full disk under the embedded broker, Redis
    away), so that the next scan sends it again rather than its lease's end."""
    unsent: list[int] = []
    first: Exception | None = None
    for input_id in dict.fromkeys(input_ids):
        try:
            enqueue(input_id)
        except Exception as exc:  # the broker's errors have no common type
            unsent.append(input_id)
            first = first or exc
        else:
            _UNSENT.discard(input_id)
    if unsent:
        event(log, "enqueue", WARNING, status="failed", inputs=len(unsent), error=repr(first))
        give_back(settings, unsent)
    return first


def give_back(settings: Settings, input_ids: list[int]) -> None:
    """Inputs whose message could not be sent (a new one, or a task's retry): their lease
    ends now, so the next scan sends them again rather than once it has run out."""
    try:
        with session_scope(settings.database_url) as s:
            ledger.hand_out_again(s, input_ids, now=_now())
    except SQLAlchemyError:
        # The same full disk kept the ledger from ending their leases: without this
        # process's own note they would wait out PAPERFEED_LEASE_SECONDS.
        _UNSENT.update(input_ids)


# Inputs whose message this process could neither send nor hand out again (the disk
# holding both the embedded broker and SQLite was full): its next scans send them.
_UNSENT: set[int] = set()


def scan_drop(
    settings: Settings, source: SourceConfig, found: list[int], *, force: bool = False
) -> int | None:
    """Claim and register every ready file of one drop folder, adding the new inputs' ids to
    `found`; returns how many were known bytes, or None if not ours to scan now.

    A source is due once per poll interval (`force` ignores that, not the lock). A file
    that cannot be claimed stays where it is and is reported, with what else the folder
    holds that paperfeed will not take; the other files are claimed all the same.
    """
    folder = source.path
    assert folder is not None

    def claims(
        _source_id: int, work: Path, leftovers: list[drop.Leftover]
    ) -> Iterator[tuple[drop.Claim, str | None]]:
        survey = drop.survey(
            folder, stable_seconds=settings.stable_seconds, stale_claiming=settings.lease_seconds
        )
        leftovers.extend(survey.leftovers)
        for path in survey.ready:
            try:
                claimed = drop.claim(path, work)
            except OSError as exc:
                name = drop.display_name(path.name)
                reason = f"cannot be claimed: {exc.strerror or exc}"
                leftovers.append(drop.Leftover(name, reason, _now()))
                event(log, "claim", WARNING, file=name, status="refused", error=reason)
                continue
            if claimed is not None:  # None: another scanner renamed it first
                yield claimed, None

    return scan_source(settings, source, claims, found, force=force)


def rescan(settings: Settings, sources: Sequence[SourceConfig]) -> list[int]:
    """Hand out expired leases again, finish filing after a crash, adopt orphaned claims."""
    now = _now()
    with session_scope(settings.database_url) as session:
        retried = ledger.expired(session, now=now, lease_seconds=settings.lease_seconds)
        leftovers = [(row.id, source_name_of(session, row)) for row in ledger.unfiled(session)]
    for input_id, source_name in leftovers:
        try:
            file_input(settings, input_id, source_name)
        except OSError as exc:  # a full disk: it stays unfiled, and the next rescan tries again
            event(log, "file", WARNING, input=input_id, status="unfiled", error=repr(exc))
    # A scan registers each file right after claiming it, so a claim the ledger has not
    # heard of once a scan's lease has passed was orphaned: its scanner died, or could not
    # write the ledger's row (a full disk), between the two.
    found = drop.stale_claims(settings.work_dir, lease_seconds=DROP_SCAN_LEASE, now=now)
    known = _known_claims(settings, [claim.path.name for claim in found])
    by_name = {s.name: s for s in sources}
    for claim in found:
        source = by_name.get(claim.path.parent.name)
        if claim.path.name in known or source is None:
            continue
        try:
            adopted = register_claim(settings, source, claim)
        except OSError as exc:  # filing a duplicate away failed; the next rescan tries again
            event(
                log, "claim", WARNING, file=claim.original_name, status="unfiled", error=repr(exc)
            )
            continue
        if adopted is not None:
            retried.append(adopted)
    return retried


def _known_claims(settings: Settings, names: list[str]) -> set[str]:
    """Which of these claim names the ledger holds."""
    known: set[str] = set()
    with session_scope(settings.database_url, write=False) as session:
        for start in range(0, len(names), IN_CHUNK):
            chunk = names[start : start + IN_CHUNK]
            known.update(session.scalars(select(Input.claim).where(Input.claim.in_(chunk))))
    return known


def pending_inputs(settings: Settings) -> list[int]:
    """Every input not yet in a final state, oldest first."""
    with session_scope(settings.database_url, write=False) as session:
        return list(
            session.scalars(select(Input.id).where(Input.status == "pending").order_by(Input.id))
        )


# What sends an input to its ingest task (`ingest_input.delay`, whose result is ignored).
Enqueue = Callable[[int], object]


log = logging.getLogger("paperfeed.jobs")
