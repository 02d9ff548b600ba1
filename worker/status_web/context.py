"""What every /status handler is given: the settings, the sources, how work is queued,
the supervised worker's health, and the wrong-token limiter of this process."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status_web.session import TokenGuesses

Enqueue = Callable[[int], object]
WorkerHealth = Callable[[], str | None]  # what stops the supervised worker, or None


def celery_reingest(issue_id: int) -> None:
    from worker.tasks import reingest  # imported late: it loads the Celery app and settings

    reingest.delay(issue_id)


def celery_ingest(input_id: int) -> None:
    from worker.tasks import ingest_input

    ingest_input.delay(input_id)


@dataclass(frozen=True)
class Context:
    """`reingest` queues a re-ingest of a stored file; `ingest` queues a failed input taken
    back from failed/; `worker` (in `paperfeed run`) says what stops the worker."""

    settings: Settings
    sources: Sequence[SourceConfig]
    reingest: Enqueue = celery_reingest
    ingest: Enqueue = celery_ingest
    worker: WorkerHealth | None = None
    guesses: TokenGuesses = field(default_factory=TokenGuesses)
