"""The Celery app: broker choice, reliability settings, queues, and the beat schedule.

With no CELERY_BROKER_URL it runs on a filesystem transport under PAPERFEED_HOME
(`worker.broker`), so the embedded default needs no server. That transport deletes a message
when it is fetched, so the drop folder's claims (not the broker) are the record of work: a
periodic scan re-enqueues claims whose lease ran out.
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from kombu import Exchange, Queue

from worker.broker import EMBEDDED_SCHEME
from worker.settings import Settings, load_settings

INGEST_QUEUE = "ingest"
PUBLISH_QUEUE = "publish"
# URL sources are polled on their own queue: a slow site holds one process for at most the
# poll's limit, never the scan of the drop folders.
FETCH_QUEUE = "fetch"
QUEUES = (INGEST_QUEUE, PUBLISH_QUEUE, FETCH_QUEUE)


EMBEDDED_POLL_SECONDS = 0.05


def _broker(settings: Settings) -> tuple[str, dict[str, Any]]:
    """The broker URL and its transport options: Redis, or the embedded folder broker."""
    if settings.broker_url is None:
        folder = str(settings.broker_dir / "queue")
        return f"{EMBEDDED_SCHEME}://localhost//", {
            "data_folder_in": folder,
            "data_folder_out": folder,
            "control_folder": str(settings.broker_dir / "control"),
            "processed_folder": str(settings.broker_dir / "processed"),
            "store_processed": False,
            # Kombu sleeps this long whenever it finds nothing it may take, which includes
            # every moment its prefetch is full: at its 1 s default a process takes about one
            # task a second however many wait. A listing of the queue folder costs
            # microseconds, so it looks often.
            "polling_interval": EMBEDDED_POLL_SECONDS,
        }
    # Tasks are killed at the hard limit; the broker must not redeliver before that, or a
    # slow task would run twice at once. Keep Redis's visibility timeout well above it (its
    # default is an hour). Redelivery is a second line: the ledger's lease comes first.
    timeout = int(settings.lease_seconds + settings.task_time_limit)
    return settings.broker_url, {"visibility_timeout": timeout}


# Where each task goes: scans and ingests share a queue, URL polls wait on the network in
# their own, and publishing has its own so that a long one never holds up an ingest.
TASK_ROUTES: dict[str, dict[str, str]] = {
    "paperfeed.scan": {"queue": INGEST_QUEUE},
    "paperfeed.poll_url": {"queue": FETCH_QUEUE},
    "paperfeed.ingest_input": {"queue": INGEST_QUEUE},
    "paperfeed.reingest": {"queue": INGEST_QUEUE},
    "paperfeed.publish": {"queue": PUBLISH_QUEUE},
}


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery settings for paperfeed; see the comments for why each one is there."""
    hard_limit = settings.task_time_limit
    broker, transport_options = _broker(settings)
    return {
        "broker_url": broker,
        "broker_transport_options": transport_options,
        "broker_connection_retry_on_startup": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_ignore_result": True,
        "result_backend": None,
        # At-least-once: ack after the task ran, and run again if its process died.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # A pool child that grew past this is replaced after its task ends; nothing in
        # flight is lost. The worker lowers it to what the children share with the parent
        # plus a margin (worker.tasks.child_memory_limit): a child that ran a large publish
        # is replaced rather than keeping those pages.
        "worker_max_memory_per_child": 300_000,  # KiB
        "task_soft_time_limit": max(1, int(hard_limit * 0.8)),
        "task_time_limit": hard_limit,
        # Each queue gets its own exchange: left to defaults, both would bind the default
        # exchange with the same key and every message would land in both queues.
        "task_queues": tuple(Queue(name, Exchange(name), routing_key=name) for name in QUEUES),
        "task_default_queue": INGEST_QUEUE,
        # Publishing renders many documents; it gets a longer limit than one ingest.
        "task_annotations": {
            "paperfeed.publish": {
                "soft_time_limit": max(50, hard_limit * 2 - 10),
                "time_limit": max(60, hard_limit * 2),
            },
            # Above the poll's own budget for its fetches (intake.URL_POLL_SECONDS, 90 s).
            "paperfeed.poll_url": {"soft_time_limit": 110, "time_limit": 120},
        },
        "task_routes": TASK_ROUTES,
        "beat_schedule": {
            "scan-drop-folder": {
                "task": "paperfeed.scan",
                "schedule": settings.scan_interval,
                # A scan that waited longer than one interval is superseded by the next.
                "options": {"expires": max(settings.scan_interval * 2, 5)},
            }
        },
        "beat_schedule_filename": str(settings.home / "celerybeat-schedule"),
        "worker_hijack_root_logger": False,
        "timezone": settings.timezone,
        "enable_utc": True,
    }


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or load_settings()
    celery = Celery("paperfeed", include=["worker.tasks", "worker.signals"])
    celery.conf.update(celery_config(settings))
    return celery


app = create_app()
