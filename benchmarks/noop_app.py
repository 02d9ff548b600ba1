"""A bare Celery app, for the floors of the end-to-end figures: paperfeed's Celery settings
(handed over as JSON in PAPERFEED_BENCH_CELERY by `benchmarks.celery_floor`) and one task
that does nothing. It imports nothing of paperfeed but, on the embedded broker, that
broker's transport (`worker.broker`), so its worker holds Celery alone."""

from __future__ import annotations

import json
import os
from typing import Any

from celery import Celery
from kombu import Exchange, Queue

EMBEDDED_SCHEME = "paperfeed-fs"  # worker.broker.EMBEDDED_SCHEME, not imported for Redis


def make_app(config: dict[str, Any]) -> Celery:
    """A Celery app with `config`; `queue_names` become queues with an exchange each, as
    paperfeed declares its own (`worker.celery_app`), the first the default."""
    config = dict(config)
    if str(config.get("broker_url", "")).startswith(f"{EMBEDDED_SCHEME}:"):
        # The built-in folder broker is paperfeed's own transport, part of what the floor
        # measures: importing it registers its scheme with kombu.
        import worker.broker  # noqa: F401
    names = config.pop("queue_names", ["celery"])
    app = Celery("bare")
    app.conf.update(
        config,
        task_queues=tuple(Queue(n, Exchange(n), routing_key=n) for n in names),
        task_default_queue=names[0],
    )
    app.task(name="bare.noop")(noop)
    return app


def noop() -> None:
    """Nothing: what a task costs Celery itself."""


app = make_app(json.loads(os.environ.get("PAPERFEED_BENCH_CELERY", "{}")))
